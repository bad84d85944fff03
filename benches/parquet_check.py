#!/usr/bin/env python3
"""Reads the Parquet files `cftc export` and `cftc history --parquet` write
with pyarrow, polars and duckdb, and checks row counts, types and a few
values against the raw CFTC text files (read here with the csv module);
then the Hive-partitioned dataset of `cftc export --dataset` over the text
directories, read as one table by duckdb and pyarrow.dataset, with rows and
open-interest sums per report, scope and year compared with the text.

    cargo build --release --features cli,parquet
    python3 benches/parquet_check.py [DATA_DIR]

DATA_DIR defaults to CFTC_COT_DATA or ../shared/cftc. Needs pyarrow, polars
and duckdb (pip install pyarrow polars duckdb). Exits 1 on any mismatch.
"""

import csv
import datetime
import decimal
import io
import os
import subprocess
import sys
import tempfile
import zipfile

import duckdb
import polars as pl
import pyarrow.dataset as ds
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
    check_dataset(out, con)
    print("OK")


# The text directories of DATA the dataset check exports: every file in them
# is read here too, with the csv and zipfile modules.
TEXT_DIRS = ["legacy_fut", "tff_fut", "tff_futopt", "disagg_fut", "cit"]


def text_rows(path):
    """(header, rows) of a CFTC text file or of the one member of a zip."""
    if path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            (member,) = z.namelist()
            text = z.read(member).decode("latin-1")
    else:
        with open(path, encoding="latin-1", newline="") as f:
            text = f.read()
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def norm(h):
    return h.strip().lower().replace(" ", "_")


def expected_partitions(data):
    """(report, scope, year) -> (rows, sum of open interest) as the crate
    merges: files of one report and scope by their last date, then path,
    a later file's row winning; rows of another width skipped."""
    groups = {}
    for d in TEXT_DIRS:
        for root, _, files in os.walk(os.path.join(data, d)):
            for name in sorted(files):
                if not name.lower().endswith((".txt", ".zip")):
                    continue
                path = os.path.join(root, name)
                header, rows = text_rows(path)
                h = [norm(x) for x in header]
                report = {
                    "legacy_fut": "legacy",
                    "tff_fut": "tff",
                    "tff_futopt": "tff",
                    "disagg_fut": "disaggregated",
                    "cit": "supplemental",
                }[d]
                scope = "futures_only" if d.endswith("_fut") else "combined"
                code = h.index("cftc_contract_market_code")
                # YYMMDD: the one date column every vintage has the same way.
                date = h.index("as_of_date_in_form_yymmdd")
                oi = next(i for i, x in enumerate(h) if x in ("open_interest_all", "open_interest_(all)"))
                good = [r for r in rows if len(r) == len(h)]
                keyed = [((r[code].strip(), r[date].strip().zfill(6)), int(r[oi])) for r in good]
                last = max(("19" if int(k[1][:2]) >= 80 else "20") + k[1] for k, _ in keyed)
                groups.setdefault((report, scope), []).append((last, path, keyed))
    out = {}
    for (report, scope), files in groups.items():
        merged = {}
        for _, _, keyed in sorted(files, key=lambda f: (f[0], f[1])):
            for k, v in keyed:
                merged[k] = v
        for (_, yymmdd), v in merged.items():
            yy = int(yymmdd[:2])
            year = 1900 + yy if yy >= 80 else 2000 + yy
            slot = out.setdefault((report, scope, year), [0, 0])
            slot[0] += 1
            slot[1] += v
    return {k: tuple(v) for k, v in out.items()}


def check_dataset(out, con):
    """`cftc export --dataset` over the text directories, read back as one
    table by duckdb and pyarrow.dataset; rows and open-interest sums per
    partition against the text."""
    dataset = os.path.join(out, "dataset")
    args = [BIN, "export", "--dataset", dataset]
    for d in TEXT_DIRS:
        args += ["--data", os.path.join(DATA, d)]
    subprocess.run(args, check=True)
    want = expected_partitions(DATA)
    got = {
        (r, s, int(y)): (n, int(oi))
        for r, s, y, n, oi in con.execute(
            f"""select report, scope, year, count(*), sum(open_interest_all)
                from read_parquet('{dataset}/**/*.parquet', hive_partitioning = true)
                group by all"""
        ).fetchall()
    }
    if got != want:
        diff = sorted(set(got.items()) ^ set(want.items()))
        fail(f"duckdb dataset: partitions differ from the text: {diff[:6]}")
    print(f"duckdb: dataset of {len(got)} partitions, {sum(n for n, _ in got.values())} rows, counts and sums match the text")
    table = ds.dataset(dataset, format="parquet", partitioning="hive").to_table()
    if table.num_rows != sum(n for n, _ in want.values()):
        fail(f"pyarrow.dataset: {table.num_rows} rows")
    types = {f.name: str(f.type) for f in table.schema}
    if types.get("report_date_as_yyyy_mm_dd") != "date32[day]" or types.get("open_interest_all") != "int64":
        fail(f"pyarrow.dataset: types {types.get('report_date_as_yyyy_mm_dd')} {types.get('open_interest_all')}")
    print(f"pyarrow.dataset: {table.num_rows} rows, one schema of {len(table.schema)} columns")


if __name__ == "__main__":
    main()
