"""The command line as a user runs it: start-up, ``--help``, and ``factlib extract`` over the
simplified-Chinese corpus against jionlp's ``extract_money`` on the same lines.

Usage: python benchmarks/bench_cli.py [--shared DIR] [--repeat N] [--no-jionlp]

* start-up: ``factlib extract`` of a one-line file (best of N) with the start-up cache filled
  (factlib/vocab/cache.py; in a temporary folder), on a first run (empty cache) and with the cache
  off; ``factlib --help`` and ``factlib extract --help``;
* ``factlib extract <zh-hans-*.txt> --format jsonl > /dev/null`` (best of N), minus the start-up
  of the same kind of run: the headline is a first run with an EMPTY cache folder (a new one for
  each run: nothing of the corpus or of the patterns is known, and the run writes the cache as
  it exits), then the cache off, then the cache filled by an earlier run over the same files (a
  second number only: a user's new text is not in it); ``--jobs 2`` with an empty cache; and a first
  run with an empty folder and the package's prebuilt tables switched off (FACTLIB_PREBUILT=off:
  what a Python the shipped tables were not built for pays);
* jionlp ``extract_money`` over the non-empty lines of the same files, in this process (imported
  after the command-line runs; its import is not counted), best of N.

Each figure is given as wall time and as CPU time (user + system of the child process, or of
this process for jionlp): on a shared machine the CPU time is the steadier of the two.  The
children run without ``PYTHONDONTWRITEBYTECODE`` (an installed package has its bytecode compiled;
with that variable set every run compiles factlib's modules from source, about 0.15 s more).  The ratio
is jionlp's time over factlib's; > 1 means the command line is faster.  Nothing is asserted.
"""
from __future__ import annotations

import argparse
import contextlib
import glob
import io
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FACTLIB = str(Path(sys.executable).parent / "factlib")


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(argv: list[str], cache: str | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``argv`` (output discarded), with the start-up cache
    folder ``cache`` (FACTLIB_CACHE_DIR) when given; a folder name ending in ``-noprebuilt`` also
    switches the package's prebuilt tables off (FACTLIB_PREBUILT=off: a first run that builds
    everything, as on a Python the shipped tables were not built for)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "FACTLIB_PREBUILT")}
    if cache:
        env["FACTLIB_CACHE_DIR"] = cache
        if cache.endswith("-noprebuilt"):
            env["FACTLIB_PREBUILT"] = "off"
    cpu0, t0 = _child_cpu(), time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    return time.perf_counter() - t0, _child_cpu() - cpu0


def best(argv: list[str], n: int, cache: str | None = None) -> tuple[float, float]:
    runs = [run(argv, cache) for _ in range(n)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def jionlp_money(lines: list[str], n: int) -> tuple[float, float] | None:
    try:
        import jionlp as jio  # benchmark-only extra
    except ImportError:
        return None
    ner = getattr(jio, "ner", jio)
    fn = ner.extract_money
    out = []
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        logging.disable(logging.CRITICAL)
        fn("热身：1000元")
        for _ in range(n):
            c0, t0 = time.process_time(), time.perf_counter()
            for ln in lines:
                try:
                    fn(ln)
                except Exception:  # jionlp raises on some inputs
                    pass
            out.append((time.perf_counter() - t0, time.process_time() - c0))
        logging.disable(logging.NOTSET)
    return min(o[0] for o in out), min(o[1] for o in out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=os.environ.get("FACTLIB_SHARED") or str(HERE.parent.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept (default 3)")
    ap.add_argument("--no-jionlp", action="store_true")
    args = ap.parse_args(argv)
    n = max(1, args.repeat)

    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (CPU time is the steady figure)")
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "one.txt"
        tiny.write_text("截至2022年12月，我国网民规模达10.67亿。\n", encoding="utf-8")
        cache = str(Path(tmp) / "cache")  # the start-up cache of these runs (factlib/vocab/cache.py)
        help_top = best([FACTLIB, "--help"], n, cache)
        help_extract = best([FACTLIB, "extract", "--help"], n, cache)
        cold = min((run([FACTLIB, "extract", str(tiny)], str(Path(tmp) / f"empty{i}")) for i in range(n)),
                   key=lambda r: r[1])
        startup = best([FACTLIB, "extract", str(tiny)], n, cache)
        startup_off = best([FACTLIB, "extract", str(tiny)], n, "off")
        bare = min((run([FACTLIB, "extract", str(tiny)], str(Path(tmp) / f"bare{i}-noprebuilt")) for i in range(n)),
                   key=lambda r: r[1])
        print(f"factlib --help          {help_top[0]:.3f} s wall  {help_top[1]:.3f} s CPU")
        print(f"factlib extract --help  {help_extract[0]:.3f} s wall  {help_extract[1]:.3f} s CPU")
        print(f"start-up (extract of one line), cache filled  {startup[0]:.3f} s wall  {startup[1]:.3f} s CPU   "
              f"(first run, empty cache: {cold[0]:.3f} s wall {cold[1]:.3f} s CPU; "
              f"cache off: {startup_off[0]:.3f} s wall {startup_off[1]:.3f} s CPU; first run without the "
              f"prebuilt tables: {bare[0]:.3f} s wall {bare[1]:.3f} s CPU)")

        files = sorted(glob.glob(os.path.join(args.shared, "corpus", "zh-hans-*.txt")))
        if not files:
            print(f"no zh-hans-*.txt under {args.shared}/corpus: no corpus figures")
            return 0
        lines = [ln for f in files for ln in Path(f).read_text(encoding="utf-8").splitlines() if ln.strip()]
        chars = sum(map(len, lines))
        results = {}
        argv = [FACTLIB, "extract", *files, "--format", "jsonl"]
        counter = iter(range(10**6))

        def empty() -> str:  # a new, empty cache folder for each run
            return str(Path(tmp) / f"corpus-empty{next(counter)}")

        def bare_empty() -> str:  # an empty folder and the prebuilt tables off
            return str(Path(tmp) / f"corpus-bare{next(counter)}-noprebuilt")

        runs = [("--jobs 1, cache empty (headline)", ["--jobs", "1"], empty, cold),
                ("--jobs 1, cache empty, prebuilt tables off", ["--jobs", "1"], bare_empty, bare),
                ("--jobs 1, cache off", ["--jobs", "1"], lambda: "off", startup_off),
                ("--jobs 1, cache filled by an earlier run over the same files", ["--jobs", "1"], lambda: cache, startup),
                ("--jobs 2, cache empty", ["--jobs", "2"], empty, cold)]
        run([*argv, "--jobs", "1"], cache)  # fills ``cache`` with the corpus (for the third line)
        for label, extra, folder, start in runs:
            done = [run([*argv, *extra], folder()) for _ in range(n)]
            whole = (min(d[0] for d in done), min(d[1] for d in done))
            net = (whole[0] - start[0], whole[1] - start[1])
            results[label] = net
            print(f"factlib extract {label}: {len(files)} zh-hans files ({chars:,} chars in non-empty lines), "
                  f"best of {n}: {whole[0]:.2f} s wall, {whole[1]:.2f} s CPU; without its start-up {net[0]:.2f} s wall "
                  f"({chars / net[0]:,.0f} chars/s), {net[1]:.2f} s CPU ({chars / net[1]:,.0f} chars/s)")
    money = None if args.no_jionlp else jionlp_money(lines, n)
    if money is None:
        print("jionlp not installed (pip install -e '.[bench]'): no comparison")
        return 0
    print(f"jionlp.extract_money, same lines, best of {n}: {money[0]:.2f} s wall, {money[1]:.2f} s CPU")
    for label, net in results.items():
        print(f"ratio jionlp / factlib extract {label} (start-up excluded): {money[0] / net[0]:.2f}x wall, "
              f"{money[1] / net[1]:.2f}x CPU   (goal >= 1.2x; with 2 jobs the CPU ratio counts both workers)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
