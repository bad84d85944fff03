"""Side-by-side benchmark: this crate, pandas, pyarrow, polars and the inflate floor, in one run.

    python3 benches/compare.py [--runs N]

Builds the release programs and the corpus (target/bench-corpus: ~300 MB of
legacy and ~40 MB of TFF text in 60 zips, real rows repeated), installs
pandas, pyarrow and polars into target/bench-venv if needed, then times each command N times
(default 5) and prints medians, peak resident memory and the ratios. The
machine is shared and noisy: compare ratios within one run.
"""
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "target", "bench-corpus")
VENV = os.path.join(ROOT, "target", "bench-venv")
BENCH = os.path.join(ROOT, "target", "release", "examples", "bench")


def sh(cmd, **kw):
    subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def timed(cmd):
    """Wall seconds and peak RSS (MB) of one run, via GNU time."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", out.name] + cmd,
                       check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        secs, kb = out.read().split()[-2:]
    return float(secs), int(kb) / 1024


def main():
    runs = 5
    if "--runs" in sys.argv:
        runs = int(sys.argv[sys.argv.index("--runs") + 1])
    sh(["cargo", "build", "--release", "--example", "bench"])
    sh([BENCH, "corpus", CORPUS])
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        sh([sys.executable, "-m", "venv", VENV])
    for module in ("pandas", "pyarrow", "polars"):
        if subprocess.run([py, "-c", f"import {module}"], capture_output=True).returncode != 0:
            sh([py, "-m", "pip", "install", "-q", module])

    def version(module):
        return subprocess.run([py, "-c", f"import {module}; print({module}.__version__)"],
                              capture_output=True, text=True).stdout.strip()

    pandas_version, pyarrow_version, polars_version = version("pandas"), version("pyarrow"), version("polars")

    # Half the corpus, to show the crate's memory does not grow with it.
    half = os.path.join(ROOT, "target", "bench-corpus-half")
    if not os.path.exists(half):
        for sub in ("legacy", "tff"):
            os.makedirs(os.path.join(half, sub))
            names = sorted(os.listdir(os.path.join(CORPUS, sub)))
            for name in names[: len(names) // 2]:
                os.symlink(os.path.join(CORPUS, sub, name), os.path.join(half, sub, name))

    text_bytes = 0
    for sub in ("legacy", "tff"):
        for name in os.listdir(os.path.join(CORPUS, sub)):
            out = subprocess.run(["unzip", "-l", os.path.join(CORPUS, sub, name)],
                                 capture_output=True, text=True).stdout.strip().splitlines()
            text_bytes += int(out[-1].split()[0])

    one_core = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    commands = {
        "crate: Russell history, all archives": [BENCH, "history", CORPUS],
        "floor: inflate (zip crate)": [BENCH, "floor", CORPUS],
        "crate: Russell history, one core": one_core + [BENCH, "history", CORPUS],
        "floor: inflate, one core": one_core + [BENCH, "floor", CORPUS],
        "crate: Russell history, half the archives": [BENCH, "history", half],
        "crate: every row fully typed, one core": one_core + [BENCH, "parse", CORPUS],
        "floor: unzip -p > /dev/null": ["sh", "-c", f"for f in {CORPUS}/*/*.zip; do unzip -p \"$f\" > /dev/null; done"],
        f"pandas {pandas_version}: read_csv + code filter": [py, os.path.join(ROOT, "benches", "pandas_history.py"), CORPUS],
        f"pyarrow {pyarrow_version}: read_csv + filter": [py, os.path.join(ROOT, "benches", "pyarrow_history.py"), CORPUS],
        f"polars {polars_version}: rewrite + read_csv + filter": [py, os.path.join(ROOT, "benches", "polars_history.py"), CORPUS],
    }
    results = {}
    for name, cmd in commands.items():
        # pandas takes seconds a run: three runs are enough for a median.
        n = max(1, min(runs, 3)) if name.startswith(("pandas", "pyarrow", "polars")) else runs
        samples = [timed(cmd) for _ in range(n)]
        secs = statistics.median(s for s, _ in samples)
        rss = max(m for _, m in samples)
        results[name] = (secs, rss)
        print(f"{name:48} median {secs:7.3f} s  peak RSS {rss:7.1f} MB  ({n} runs)", flush=True)

    crate = results["crate: Russell history, all archives"][0]
    floor = results["floor: inflate (zip crate)"][0]
    crate1 = results["crate: Russell history, one core"][0]
    floor1 = results["floor: inflate, one core"][0]
    pandas = next(v[0] for k, v in results.items() if k.startswith("pandas"))
    pyarrow = next(v[0] for k, v in results.items() if k.startswith("pyarrow"))
    polars = next(v[0] for k, v in results.items() if k.startswith("polars"))
    parse = results["crate: every row fully typed, one core"][0]
    print()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}")
    print(f"corpus: {text_bytes / 1e6:.0f} MB of text in 60 zips")
    print(f"crate history / inflate floor, all cores: {crate / floor:.2f}x")
    print(f"crate history / inflate floor, one core:  {crate1 / floor1:.2f}x")
    print(f"pandas / crate history, all cores:        {pandas / crate:.1f}x")
    print(f"pandas / crate history, one core:         {pandas / crate1:.1f}x")
    print(f"pyarrow / crate history, all cores:       {pyarrow / crate:.1f}x")
    print(f"polars / crate history, all cores:        {polars / crate:.1f}x")
    print(f"every row typed on one core, with inflation: {text_bytes / 1e6 / parse:.0f} MB/s")


if __name__ == "__main__":
    main()
