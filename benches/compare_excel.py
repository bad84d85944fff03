"""Excel side by side: a year of CFTC's legacy Excel into typed records,
this crate against pandas.read_excel (xlrd), in one run.

    python3 benches/compare_excel.py [--runs N]

Reads the 2017 legacy futures-and-options workbook from CFTC_COT_DATA
(default ../shared/cftc; `annualof.xls`, 12,761 rows of 126 columns),
installs pandas, xlrd and python-calamine into target/bench-venv if needed, times each
command N times (default 5) and prints medians and peak resident memory.
pandas is given the bare .xls (extracted once under target/); the crate
reads the zip as CFTC ships it, so it also pays for the inflation.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "bench-venv")
BENCH = os.path.join(ROOT, "target", "release", "examples", "bench")
DATA = os.environ.get("CFTC_COT_DATA", os.path.join(ROOT, "..", "shared", "cftc"))
ZIP = os.path.join(DATA, "legacy_futopt_xls", "2017", "2017.zip")
XLS = os.path.join(ROOT, "target", "bench-excel", "annualof.xls")

PANDAS = """
import sys, warnings, pandas
warnings.simplefilter("ignore")
frame = pandas.read_excel(sys.argv[1], engine=sys.argv[2])
print(len(frame), "rows")
"""


def timed(cmd):
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", out.name] + cmd,
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        secs, kb = out.read().split()[-2:]
    return float(secs), int(kb) / 1024


def main():
    runs = 5
    if "--runs" in sys.argv:
        runs = int(sys.argv[sys.argv.index("--runs") + 1])
    subprocess.run(["cargo", "build", "--release", "--example", "bench"], check=True, cwd=ROOT)
    os.makedirs(os.path.dirname(XLS), exist_ok=True)
    if not os.path.exists(XLS):
        with zipfile.ZipFile(ZIP) as z, open(XLS, "wb") as out:
            out.write(z.read("annualof.xls"))
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    if subprocess.run([py, "-c", "import pandas, xlrd, python_calamine"],
                      capture_output=True).returncode != 0:
        subprocess.run([py, "-m", "pip", "install", "-q", "pandas", "xlrd", "python-calamine"],
                       check=True)
    versions = subprocess.run(
        [py, "-c", "import pandas, xlrd; print(pandas.__version__, xlrd.__version__)"],
        capture_output=True, text=True).stdout.split()
    commands = {
        "crate: zipped workbook -> typed records": [BENCH, "excel", ZIP],
        "crate: bare .xls -> typed records": [BENCH, "excel", XLS],
        f"pandas {versions[0]} + xlrd {versions[1]}: read_excel": [py, "-c", PANDAS, XLS, "xlrd"],
        f"pandas {versions[0]} + python-calamine": [py, "-c", PANDAS, XLS, "calamine"],
    }
    results = {}
    for name, cmd in commands.items():
        n = runs if name.startswith("crate") else max(3, runs // 2)
        samples = [timed(cmd) for _ in range(n)]
        secs = statistics.median(s for s, _ in samples)
        rss = max(m for _, m in samples)
        results[name] = secs
        print(f"{name:45} median {secs:7.3f} s  peak RSS {rss:7.1f} MB  ({n} runs)")
    crate = results["crate: bare .xls -> typed records"]
    for name, secs in results.items():
        if name.startswith("pandas"):
            print(f"{name} / crate, same bare workbook: {secs / crate:.1f}x")


if __name__ == "__main__":
    main()
