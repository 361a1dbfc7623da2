"""Benchmark ``factlib report`` as a user runs it: the command line, on seeds/ and on 200 documents.

    .venv/bin/python benchmarks/bench_report.py [--docs 200] [--rounds 2] [--compare /path/to/other/checkout]
                                                [--shared /work/shared] [--skip-seeds] [--skip-docs]

Each run is ``python -m factlib report CORPUS -o OUT [--jobs N]`` in a fresh process (a warm venv:
one untimed run first compiles the byte code), timed from outside: wall seconds, CPU seconds (user +
system of the command, its workers and their kernels: every process it waited for) and the
largest resident set of any one of them.  The runs go without ``PYTHONDONTWRITEBYTECODE`` (a warm venv
has its byte code compiled; with the variable set every process compiles factlib from source).  Runs: seeds/ with the default worker count and with
``--jobs 1`` and ``--jobs 2``; 200 documents with ``--jobs 2``.  The 200 documents
are the 5 seeds plus documents cut from the lines of ``../shared/corpus/`` (news, government work
reports, Wikipedia in zh-Hans, zh-Hant and English, about 1,500 characters each); without it,
more copies of the seeds.

``--compare DIR`` runs every case with the code of another checkout too (``PYTHONPATH=DIR``, the
same venv), alternating this and that in each round, so the two are measured under the same load;
the load average is printed with every figure.  Wall time is what a user waits, but on a shared
machine it depends on the other processes: compare CPU seconds when the load is above the cores.

``--parts`` measures instead, alternating the two ways in each round, the pieces of session 7 in the
command's own process: the reference table built (``figures.load._load``) vs read back from the cache
folder (CPU seconds in this process); ``import nbconvert`` (what the report's writer thread imports)
with and without :func:`factlib.report.batch.skip_css_selectors` (CPU of a fresh process); and the
time from ``main()`` returning to the process's end, for ``factlib report`` on one seed ending the
ordinary way (``sys.exit``) vs :func:`factlib.cli.console` (wall seconds, measured from outside).

Goals (issue 16): seeds ≤ 6 s wall in a warm venv; 200 documents ≤ 20 s with 2 workers.
A script that prints figures, never a test.
"""
from __future__ import annotations

import argparse
import itertools
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SOURCES = (
    "zh-hans-ntrex-news.txt",
    "zh-hans-gov-work-reports.txt",
    "zh-hant-ntrex-news.txt",
    "en-ntrex-news.txt",
    "zh-hans-provincial-gov-work-reports-2026.txt",
    "zh-hant-drcd-wiki.txt",
    "en-pud-news.txt",
)


def _shared(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    if os.environ.get("FACTLIB_SHARED"):
        return Path(os.environ["FACTLIB_SHARED"])
    return ROOT.parent / "shared"


def _chunks(path: Path, size: int = 1500):
    """Consecutive lines of ``path`` grouped into texts of about ``size`` characters."""
    buf: list[str] = []
    n = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            buf.append(line)
            n += len(line)
            if n >= size:
                yield "\n".join(buf)
                buf, n = [], 0
    if buf:
        yield "\n".join(buf)


def build_corpus(folder: Path, n_docs: int, shared_corpus: Path) -> Path:
    """Write ``n_docs`` documents into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for s in seeds:
        shutil.copy(s, folder / s.name)
    written = len(seeds)
    if shared_corpus.is_dir():
        streams = [_chunks(shared_corpus / name) for name in SOURCES if (shared_corpus / name).is_file()]
        for i, text in enumerate(itertools.chain.from_iterable(zip(*streams))):
            if written >= n_docs:
                break
            (folder / f"c{i:04d}.txt").write_text(text + "\n", encoding="utf-8")
            written += 1
    for i in itertools.count():
        if written >= n_docs:
            break
        s = seeds[i % len(seeds)]
        shutil.copy(s, folder / f"copy{i:04d}_{s.name}")
        written += 1
    return folder


def _load() -> str:
    try:
        return "load %.1f" % os.getloadavg()[0]
    except OSError:
        return "load ?"


def run_cli(code: Path, corpus: Path, out: Path, jobs: int | None) -> dict:
    """One ``factlib report`` in a fresh process with ``code`` first on the path."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "factlib", "report", str(corpus), "-o", str(out), "--no-progress"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    # no PYTHONDONTWRITEBYTECODE: a warm venv has its byte code (with it set, the command and each
    # kernel compile factlib's modules from source on every run: ~0.5 s of CPU a process)
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(code)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = _load()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=str(code), capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = next((line for line in proc.stderr.splitlines() if " reports (" in line), proc.stderr.strip()[-300:])
    return {"wall": wall, "cpu": cpu, "rss_mb": after.ru_maxrss / 1024, "rc": proc.returncode,
            "summary": summary.replace("factlib report: ", ""), "load": load}


#: a fresh process that imports what the report's writer thread imports; prints its CPU seconds
_IMPORT_NBCONVERT = """
import resource, sys
if sys.argv[1] == "skip":
    from factlib.report.batch import skip_css_selectors, skip_uri_grammars
    skip_css_selectors()
else:
    from factlib.report.batch import skip_uri_grammars
skip_uri_grammars()
import pandas  # already imported by the command when its writer thread starts
before = resource.getrusage(resource.RUSAGE_SELF)
from factlib.report.export import html_exporter
html_exporter()
after = resource.getrusage(resource.RUSAGE_SELF)
print(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
"""

#: ``factlib report`` on one seed, ending the ordinary way or as the ``factlib`` program does;
#: prints the wall clock when ``main()`` returned
_REPORT_EXIT = """
import sys, time
mode, argv = sys.argv[1], sys.argv[2:]
sys.argv = ["factlib", *argv]
from factlib import cli
if mode == "console":
    cli.main = (lambda main: (lambda: (lambda code: (print(time.time(), flush=True), code)[1])(main())))(cli.main)
    cli.console()
code = cli.main()
print(time.time(), flush=True)
sys.exit(code)
"""


def parts(rounds: int) -> None:
    """The ``--parts`` figures (see the module's docstring)."""
    import statistics

    from factlib.figures import load
    from factlib.vocab.lexicon import default_lexicon

    default_lexicon()
    files = load.default_reference_paths()
    load.load_reference()  # the cache folder holds the shipped table
    built, read = [], []
    for _ in range(rounds):
        t = time.process_time()
        load._load(files, None, ())
        built.append(time.process_time() - t)
        t = time.process_time()
        load.load_reference()
        read.append(time.process_time() - t)
    print(f"reference table ({_load()}): built {statistics.median(built):.3f} s CPU, read back "
          f"{statistics.median(read):.3f} s (medians of {rounds}; min {min(built):.3f} / {min(read):.3f})")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    imports: dict[str, list[float]] = {"keep": [], "skip": []}
    for _ in range(rounds):
        for how in imports:
            out = subprocess.run([sys.executable, "-c", _IMPORT_NBCONVERT, how], capture_output=True, text=True,
                                 env=env, cwd=str(ROOT), check=True).stdout
            imports[how].append(float(out.strip()))
    print(f"writer thread's imports ({_load()}): with soupsieve {statistics.median(imports['keep']):.3f} s CPU, "
          f"without {statistics.median(imports['skip']):.3f} s (medians of {rounds})")
    with tempfile.TemporaryDirectory(prefix="factlib-bench-exit-") as tmp:
        seed = sorted(SEEDS.glob("*.txt"))[0]
        ends: dict[str, list[float]] = {"sys.exit": [], "console": []}
        for _ in range(rounds):
            for how in ends:
                out = Path(tmp) / "out"
                shutil.rmtree(out, ignore_errors=True)
                mode = "console" if how == "console" else "exit"
                done = subprocess.run([sys.executable, "-c", _REPORT_EXIT, mode, "report", str(seed), "-o", str(out),
                                       "--jobs", "1", "--no-progress"], capture_output=True, text=True, env=env,
                                      cwd=str(ROOT))
                end = time.time()
                returned = float(done.stdout.split()[-1])
                ends[how].append(end - returned)
        print(f"report on one seed, main() returned to process end ({_load()}): ordinary exit "
              f"{statistics.median(ends['sys.exit']):.2f} s wall, console() {statistics.median(ends['console']):.2f} s "
              f"(medians of {rounds})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=2, help="times each case runs (the best is summarised)")
    ap.add_argument("--compare", default=None, metavar="DIR", help="another checkout to measure alongside")
    ap.add_argument("--shared", default=None, help="the shared folder (default ../shared or $FACTLIB_SHARED)")
    ap.add_argument("--skip-seeds", action="store_true")
    ap.add_argument("--skip-docs", action="store_true")
    ap.add_argument("--parts", action="store_true", help="measure session 7's pieces instead (see above)")
    args = ap.parse_args()
    if args.parts:
        parts(max(args.rounds, 1))
        return 0
    codes = [("this", ROOT)] + ([("compare", Path(args.compare).resolve())] if args.compare else [])
    print(f"cores {os.cpu_count()}; {_load()} at start; every figure: wall s, CPU s (all processes), "
          f"largest RSS of one process (it only grows: the maximum so far)")
    with tempfile.TemporaryDirectory(prefix="factlib-bench-report-") as tmp:
        tmp_path = Path(tmp)
        cases: list[tuple[str, Path, int | None]] = []
        if not args.skip_seeds:
            cases += [("seeds default jobs", SEEDS, None), ("seeds --jobs 1", SEEDS, 1), ("seeds --jobs 2", SEEDS, 2)]
        if not args.skip_docs:
            corpus = build_corpus(tmp_path / "corpus", args.docs, _shared(args.shared) / "corpus")
            cases += [(f"{args.docs} documents --jobs 2", corpus, 2)]
        for _label, code in codes:  # byte code compiled, caches warm: a warm venv
            run_cli(code, SEEDS, tmp_path / "warm", 1)
        best: dict[tuple[str, str], dict] = {}
        for rnd in range(1, args.rounds + 1):
            for case, corpus, jobs in cases:
                for label, code in codes:
                    r = run_cli(code, corpus, tmp_path / "out", jobs)
                    key = (case, label)
                    if key not in best or r["wall"] < best[key]["wall"]:
                        best[key] = r
                    flag = "" if r["rc"] == 0 else f"  EXIT {r['rc']}"
                    print(f"round {rnd} {case:<30} {label:<8} wall {r['wall']:6.1f} s  CPU {r['cpu']:6.1f} s  "
                          f"RSS {r['rss_mb']:5.0f} MB  ({r['load']}){flag}\n    {r['summary']}", flush=True)
        print("best of", args.rounds, "rounds (by wall time):")
        for case, _corpus, _jobs in cases:
            for label, _code in codes:
                r = best[(case, label)]
                print(f"  {case:<30} {label:<8} wall {r['wall']:6.1f} s  CPU {r['cpu']:6.1f} s  ({r['load']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
