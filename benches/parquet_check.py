#!/usr/bin/env python3
"""Reads the Parquet files `cftc export` and `cftc history --parquet` write
with pyarrow, polars and duckdb, and checks row counts, types and a few
values against the raw CFTC text files (read here with the csv module).

    cargo build --release --features cli,parquet
    python3 benches/parquet_check.py [DATA_DIR]

DATA_DIR defaults to CFTC_COT_DATA or ../shared/cftc. Needs pyarrow, polars
and duckdb (pip install pyarrow polars duckdb). Exits 1 on any mismatch.
"""

import csv
import datetime
import decimal
import os
import subprocess
import sys
import tempfile

import duckdb
import polars as pl
import pyarrow.parquet as pq

DATA = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CFTC_COT_DATA", "../shared/cftc")
BIN = os.path.join("target", "release", "cftc")
RAW = os.path.join(DATA, "tff_fut", "2024", "FinFutYY.txt")


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def main():
    out = tempfile.mkdtemp()
    records = os.path.join(out, "tff2024.parquet")
    subprocess.run([BIN, "export", "--data", RAW, "--report", "tff", "--parquet", records], check=True)
    history = os.path.join(out, "russell.parquet")
    subprocess.run(
        [BIN, "history", "--data", DATA, "--group", "leveraged-funds", "--parquet", history, "--json"],
        check=True,
        stdout=subprocess.DEVNULL,
    )

    # The raw file, read independently.
    with open(RAW, newline="") as f:
        rows = list(csv.DictReader(f))
    raw_rows = len(rows)
    russell = [r for r in rows if r["CFTC_Contract_Market_Code"].strip() == "239742"]
    last = max(russell, key=lambda r: r["Report_Date_as_YYYY-MM-DD"])
    want_date = datetime.date.fromisoformat(last["Report_Date_as_YYYY-MM-DD"].strip())
    want_long = int(last["Lev_Money_Positions_Long_All"])
    want_pct = decimal.Decimal(last["Pct_of_OI_Lev_Money_Long_All"].strip())

    # pyarrow
    t = pq.read_table(records)
    if t.num_rows != raw_rows:
        fail(f"pyarrow: {t.num_rows} rows, the file has {raw_rows}")
    types = {f.name: str(f.type) for f in t.schema}
    if types["Report_Date_as_YYYY-MM-DD"] != "date32[day]":
        fail(f"pyarrow: date type {types['Report_Date_as_YYYY-MM-DD']}")
    if types["Pct_of_OI_Lev_Money_Long_All"] != "decimal128(18, 1)":
        fail(f"pyarrow: percent type {types['Pct_of_OI_Lev_Money_Long_All']}")
    d = t.to_pydict()
    idx = [
        i
        for i, (c, dt) in enumerate(zip(d["CFTC_Contract_Market_Code"], d["Report_Date_as_YYYY-MM-DD"]))
        if c == "239742" and dt == want_date
    ]
    if len(idx) != 1:
        fail(f"pyarrow: {len(idx)} rows of 239742 on {want_date}")
    i = idx[0]
    if d["Lev_Money_Positions_Long_All"][i] != want_long or d["Pct_of_OI_Lev_Money_Long_All"][i] != want_pct:
        fail("pyarrow: values differ from the raw file")
    print(f"pyarrow: {t.num_rows} rows, types and values match")

    # polars
    df = pl.read_parquet(records)
    if df.height != raw_rows:
        fail(f"polars: {df.height} rows")
    row = df.filter(
        (pl.col("CFTC_Contract_Market_Code") == "239742") & (pl.col("Report_Date_as_YYYY-MM-DD") == want_date)
    )
    if row.height != 1 or row["Lev_Money_Positions_Long_All"][0] != want_long:
        fail("polars: values differ from the raw file")
    if str(row["Pct_of_OI_Lev_Money_Long_All"][0]) != str(want_pct):
        fail(f"polars: percent {row['Pct_of_OI_Lev_Money_Long_All'][0]} vs {want_pct}")
    print(f"polars: {df.height} rows, values match ({df.schema['Pct_of_OI_Lev_Money_Long_All']})")

    # duckdb
    con = duckdb.connect()
    n = con.execute(f"select count(*) from read_parquet('{records}')").fetchone()[0]
    v = con.execute(
        f"""select "Lev_Money_Positions_Long_All", "Pct_of_OI_Lev_Money_Long_All"
            from read_parquet('{records}')
            where "CFTC_Contract_Market_Code" = '239742' and "Report_Date_as_YYYY-MM-DD" = ?""",
        [want_date],
    ).fetchall()
    if n != raw_rows or v != [(want_long, want_pct)]:
        fail(f"duckdb: {n} rows, {v}")
    print(f"duckdb: {n} rows, values match")

    # The history, in all three.
    h = pq.read_table(history)
    hp = pl.read_parquet(history)
    hd = con.execute(f"select count(*), max(date) from read_parquet('{history}')").fetchone()
    if not (h.num_rows == hp.height == hd[0] > 600):
        fail(f"history rows {h.num_rows} {hp.height} {hd[0]}")
    print(f"history: {h.num_rows} weeks to {hd[1]} in pyarrow, polars and duckdb")
    print("OK")


if __name__ == "__main__":
    main()
