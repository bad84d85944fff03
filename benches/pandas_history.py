"""The pandas side of the side-by-side benchmark.

What the Python COT libraries (cot_reports, pycot-reports) do: read each
archive with pandas.read_csv, then keep the rows of the wanted contract
codes, and compute the net position of one trader group. Prints how many
rows it kept, for a sanity check against the Rust side.
"""
import glob
import os
import sys

import pandas as pd

CODES = {"239741", "239742", "239777", "23977A"}


def main(corpus):
    kept = 0
    frames = []
    for sub, code_col, long_col, short_col in [
        ("legacy", "CFTC Contract Market Code", "Noncommercial Positions-Long (All)",
         "Noncommercial Positions-Short (All)"),
        ("tff", "CFTC_Contract_Market_Code", "Lev_Money_Positions_Long_All",
         "Lev_Money_Positions_Short_All"),
    ]:
        for path in sorted(glob.glob(os.path.join(corpus, sub, "*.zip"))):
            df = pd.read_csv(path, low_memory=False)
            df.columns = [c.strip() for c in df.columns]
            codes = df[code_col].astype(str).str.strip()
            rows = df[codes.isin(CODES)]
            net = rows[long_col] - rows[short_col]
            frames.append(net)
            kept += len(rows)
    total = pd.concat(frames)
    print(f"kept {kept} rows, net sum {total.sum()}")


if __name__ == "__main__":
    main(sys.argv[1])
