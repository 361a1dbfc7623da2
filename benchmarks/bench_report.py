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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=2, help="times each case runs (the best is summarised)")
    ap.add_argument("--compare", default=None, metavar="DIR", help="another checkout to measure alongside")
    ap.add_argument("--shared", default=None, help="the shared folder (default ../shared or $FACTLIB_SHARED)")
    ap.add_argument("--skip-seeds", action="store_true")
    ap.add_argument("--skip-docs", action="store_true")
    args = ap.parse_args()
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
