"""The pyarrow side of the side-by-side benchmark: the same task as
pandas_history.py (every zip of the corpus, rows of the Russell codes, the
group's net) with pyarrow's multi-threaded CSV reader. The codes are read
as text, so their leading zeros and letters survive.
"""
import glob
import io
import os
import sys
import zipfile

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

CODES = ["239741", "239742", "239777", "23977A"]


def main(corpus):
    kept = 0
    total = 0
    for sub, code_col, long_col, short_col in [
        ("legacy", "CFTC Contract Market Code", "Noncommercial Positions-Long (All)",
         "Noncommercial Positions-Short (All)"),
        ("tff", "CFTC_Contract_Market_Code", "Lev_Money_Positions_Long_All",
         "Lev_Money_Positions_Short_All"),
    ]:
        for path in sorted(glob.glob(os.path.join(corpus, sub, "*.zip"))):
            with zipfile.ZipFile(path) as z:
                data = z.read(z.namelist()[0])
            table = pacsv.read_csv(
                io.BytesIO(data),
                convert_options=pacsv.ConvertOptions(column_types={code_col: pa.string()}),
            )
            table = table.rename_columns([c.strip() for c in table.column_names])
            codes = pc.utf8_trim_whitespace(table[code_col])
            rows = table.filter(pc.is_in(codes, value_set=pa.array(CODES)))
            net = pc.subtract(rows[long_col], rows[short_col])
            total += pc.sum(net).as_py() or 0
            kept += rows.num_rows
    print(f"kept {kept} rows, net sum {total}")


if __name__ == "__main__":
    main(sys.argv[1])
