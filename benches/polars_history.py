"""The polars side of the side-by-side benchmark: the same task as
pandas_history.py with polars' multi-threaded CSV reader.

polars cannot parse CFTC's old padded layout as it is (a space after each
closing quote, `"WHEAT - CHICAGO BOARD OF TRADE" ,041228 ,...`, which its
strict quoting refuses): the text is rewritten first (`" ,` -> `",`), and
that rewrite is counted in its time.
"""
import glob
import io
import os
import sys
import zipfile

import polars as pl

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
            data = data.replace(b'" ,', b'",')
            df = pl.read_csv(io.BytesIO(data), infer_schema=False)
            df = df.rename({c: c.strip() for c in df.columns})
            rows = df.filter(pl.col(code_col).str.strip_chars().is_in(CODES))
            net = rows[long_col].str.strip_chars().cast(pl.Int64) - rows[short_col].str.strip_chars().cast(pl.Int64)
            total += net.sum() or 0
            kept += rows.height
    print(f"kept {kept} rows, net sum {total}")


if __name__ == "__main__":
    main(sys.argv[1])
