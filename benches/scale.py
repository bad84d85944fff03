"""CFTC's whole history, measured: the crate's questions on a corpus the size
of every archive CFTC publishes, and the same questions asked of duckdb over
the crate's Parquet dataset, in one run, at 1/4, 1/2 and all of the corpus.

    python3 benches/scale.py [--runs N] [--data DIR]

Builds `cftc` (release, features cli,parquet) and the corpus in
target/scale-corpus: for every report and scope CFTC publishes, one zip per
year, named as CFTC names them (legacy futures-only 1986-2026, combined
1995-2026; TFF, Disaggregated and Supplemental 2006-2026), each holding 52
weeks (2026: to December) of real rows from ../shared/cftc (or --data),
the weeks of a source file cycled and dated into the target year (as-of
Tuesdays kept). The Disaggregated combined archives hold the futures-only
rows (no combined Disaggregated text is among the real files). Then, per
corpus size, times with /usr/bin/time (wall seconds, peak RSS):

- the cold index build (`cftc markets` with an empty cache),
- a warm name search (`cftc markets --search "crude oil"`),
- `cftc history --market "crude oil"` (the name resolved from the index),
- `cftc screen` of every market of each report,
- `cftc export --dataset`, and duckdb over that dataset answering the
  same three questions (query time inside one Python process, after
  connecting; the dataset's files are in the page cache like the zips).

The machine is shared and noisy: compare within one run.
"""
import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "target", "scale-corpus")
BIN = os.path.join(ROOT, "target", "release", "cftc")
LAST = datetime.date(2026, 12, 1)

# (directory, archive name, member name, first year, sources: (path, first
# year it serves)), CFTC's names.
PLAN = [
    ("legacy_fut", "deacot{y}.zip", "annual.txt", 1986,
     [("legacy_fut/2002/Annual.TXT", 1986), ("legacy_fut/2004/annual.txt", 1996),
      ("legacy_fut/2024_partial_thru_0123/annual.txt", 2006),
      ("legacy_fut/2025_partial_thru_0318/annual.txt", 2016)]),
    ("legacy_com", "deahistfo{y}.zip", "annualof.txt", 1995,
     [("legacy_futopt/2026_partial_thru_0303/annualof.txt", 1995)]),
    ("tff_fut", "fut_fin_txt_{y}.zip", "FinFutYY.txt", 2006,
     [("tff_fut/2015/FinFutYY.txt", 2006), ("tff_fut/2021/FinFutYY.txt", 2014),
      ("tff_fut/2024/FinFutYY.txt", 2020)]),
    ("tff_com", "com_fin_txt_{y}.zip", "FinComYY.txt", 2006,
     [("tff_futopt/2013/FinComYY.txt", 2006), ("tff_futopt/2022/FinComYY.txt", 2016)]),
    ("disagg_fut", "fut_disagg_txt_{y}.zip", "f_year.txt", 2006,
     [("disagg_fut/2017/fut_disagg_txt_2017.zip", 2006), ("disagg_fut/2019/fut_disagg_txt_2019.zip", 2016)]),
    ("disagg_com", "com_disagg_txt_{y}.zip", "c_year.txt", 2006,
     [("disagg_fut/2018/fut_disagg_txt_2018.zip", 2006)]),
    ("cit", "dea_cit_txt_{y}.zip", "annualci.txt", 2006,
     [("cit/2024_partial_thru_0723/annualci.txt", 2006)]),
]

LINE = re.compile(r'^("(?:[^"]|"")*" *|[^,]*),([^,]*),([^,]*),(.*)$')


def read_text(path):
    if path.lower().endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            (member,) = z.namelist()
            return z.read(member).decode("latin-1")
    with open(path, encoding="latin-1", newline="") as f:
        return f.read()


def weeks_of(path):
    """The header line and the weeks of a CFTC text file: per as-of date,
    its rows as (name field, everything after the date)."""
    lines = read_text(path).splitlines()
    weeks = {}
    for line in lines[1:]:
        m = LINE.match(line)
        if m:
            weeks.setdefault(m.group(3).strip(), []).append((m.group(1), m.group(4)))
    return lines[0], [weeks[d] for d in sorted(weeks)]


def tuesdays(year):
    d = datetime.date(year, 1, 1)
    d += datetime.timedelta(days=(1 - d.weekday()) % 7)
    while d.year == year and d <= LAST:
        yield d
        d += datetime.timedelta(days=7)


def build_corpus(data):
    marker = os.path.join(CORPUS, "complete")
    if os.path.exists(marker):
        return
    shutil.rmtree(CORPUS, ignore_errors=True)
    for sub, archive, member, first, sources in PLAN:
        os.makedirs(os.path.join(CORPUS, sub))
        loaded = [(weeks_of(os.path.join(data, p)), since) for p, since in sources]
        for year in range(first, LAST.year + 1):
            (header, weeks), _ = [s for s in loaded if s[1] <= year][-1]
            out = [header]
            for i, t in enumerate(tuesdays(year)):
                yymmdd, iso = t.strftime("%y%m%d"), t.isoformat()
                out.extend(f"{name},{yymmdd},{iso},{rest}" for name, rest in weeks[i % len(weeks)])
            path = os.path.join(CORPUS, sub, archive.format(y=year))
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr(member, "\r\n".join(out) + "\r\n")
        print(f"corpus: {sub} {first}-{LAST.year}", flush=True)
    open(marker, "w").close()


def subset(fraction):
    """A directory of links to every `fraction`-th archive of each
    report and scope (years spread over the whole span)."""
    if fraction == 1:
        return CORPUS
    path = os.path.join(ROOT, "target", f"scale-corpus-1of{fraction}")
    if not os.path.exists(path):
        for sub, *_ in PLAN:
            os.makedirs(os.path.join(path, sub))
            names = sorted(os.listdir(os.path.join(CORPUS, sub)))
            for name in names[::fraction]:
                os.symlink(os.path.join(CORPUS, sub, name), os.path.join(path, sub, name))
    return path


def sizes(path):
    zipped = text = files = 0
    for root, _, names in os.walk(path):
        for n in names:
            if n.endswith(".zip"):
                p = os.path.realpath(os.path.join(root, n))
                zipped += os.path.getsize(p)
                with zipfile.ZipFile(p) as z:
                    text += sum(i.file_size for i in z.infolist())
                files += 1
    return files, zipped, text


def timed(cmd, env):
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", out.name] + cmd,
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        secs, kb = out.read().split()[-2:]
    return float(secs), int(kb) / 1024


def median(cmd, env, runs):
    samples = [timed(cmd, env) for _ in range(runs)]
    return statistics.median(s for s, _ in samples), max(m for _, m in samples)


SCREEN_SQL = """
with r as (
  select cftc_contract_market_code as code, report_date_as_yyyy_mm_dd as d,
         {long} - {short} as net
  from read_parquet('{ds}/**/*.parquet', hive_partitioning = true)
  where report = '{report}' and scope = '{scope}'),
latest as (select max(d) as d from r),
w as (select code, min(net) lo, max(net) hi from r, latest
      where r.d > latest.d - interval 3 year group by code)
select r.code, r.net, 100.0 * (r.net - w.lo) / nullif(w.hi - w.lo, 0) as cot_index
from r join latest on r.d = latest.d join w using (code)
order by cot_index desc
"""

SCREENS = [
    ("legacy", "futures_only", "noncomm_positions_long_all", "noncomm_positions_short_all"),
    ("tff", "futures_only", "lev_money_positions_long", "lev_money_positions_short"),
    ("disaggregated", "futures_only", "m_money_positions_long_all", "m_money_positions_short_all"),
    ("supplemental", "combined", "cit_positions_long_all", "cit_positions_short_all"),
]


def duckdb_times(ds):
    import duckdb
    con = duckdb.connect()
    src = f"read_parquet('{ds}/**/*.parquet', hive_partitioning = true)"
    out = {}

    def q(name, sql):
        t = time.perf_counter()
        rows = con.execute(sql).fetchall()
        out[name] = (time.perf_counter() - t, len(rows))

    q("search", f"select distinct cftc_contract_market_code, market_and_exchange_names from {src} "
                "where market_and_exchange_names ilike '%crude oil%'")
    q("history", f"select report_date_as_yyyy_mm_dd, noncomm_positions_long_all - noncomm_positions_short_all "
                 f"from {src} where report = 'legacy' and scope = 'futures_only' "
                 "and cftc_contract_market_code = '067651' order by 1")
    for report, scope, long, short in SCREENS:
        q(f"screen {report}", SCREEN_SQL.format(ds=ds, report=report, scope=scope, long=long, short=short))
    return out


def main():
    runs = 3
    if "--runs" in sys.argv:
        runs = int(sys.argv[sys.argv.index("--runs") + 1])
    data = os.environ.get("CFTC_COT_DATA", os.path.join(ROOT, "..", "shared", "cftc"))
    if "--data" in sys.argv:
        data = sys.argv[sys.argv.index("--data") + 1]
    subprocess.run(["cargo", "build", "--release", "--features", "cli,parquet", "--bin", "cftc"],
                   check=True, cwd=ROOT)
    build_corpus(data)
    try:
        import duckdb
        duck = duckdb.__version__
    except ImportError:
        duck = None
    print(f"machine: {os.cpu_count()} cores; duckdb {duck or 'not installed (pip install duckdb)'}")
    for fraction in (4, 2, 1):
        path = subset(fraction)
        files, zipped, text = sizes(path)
        print(f"\n== 1/{fraction} of the corpus: {files} archives, {zipped / 1e6:.0f} MB zipped, "
              f"{text / 1e6:.0f} MB of text", flush=True)
        cache = tempfile.mkdtemp()
        env = dict(os.environ, CFTC_COT_CACHE=cache, CFTC_COT_BASE_URL="http://127.0.0.1:9/")
        rows = []
        rows.append(("cold index build (markets)",) + timed([BIN, "markets", "--data", path], env))
        rows.append(("warm markets --search \"crude oil\"",)
                    + median([BIN, "markets", "--data", path, "--search", "crude oil"], env, runs))
        rows.append(("history --market \"crude oil\"",)
                    + median([BIN, "history", "--data", path, "--market", "crude oil", "--json"], env, runs))
        for report, *_ in SCREENS:
            rows.append((f"screen --report {report}",)
                        + timed([BIN, "screen", "--data", path, "--report", report], env))
        ds = os.path.join(cache, "dataset")
        rows.append(("export --dataset",) + timed([BIN, "export", "--dataset", ds, "--data", path], env))
        for name, secs, mb in rows:
            print(f"crate  {name:40} {secs:8.3f} s  peak RSS {mb:8.1f} MB", flush=True)
        if duck:
            for name, (secs, n) in duckdb_times(ds).items():
                print(f"duckdb {name:40} {secs:8.3f} s  ({n} rows)", flush=True)
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
