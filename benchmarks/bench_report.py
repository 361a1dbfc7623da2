"""Benchmark ``factlib report``: seeds/, then a 200-document corpus, on this machine.

    .venv/bin/python benchmarks/bench_report.py [--docs 200] [--jobs 2] [--skip-seeds]

The 200 documents are the 5 seeds (copied under new names) plus documents cut from the
lines of ``../shared/corpus/`` when it is present (news, government work reports and
Wikipedia in zh-Hans, zh-Hant and English, ~1,500 characters each); without it, more
copies of the seeds.  Prints wall time, the share spent starting kernels, the time to
load/extract/check the corpus, and seconds per report.  Targets: seeds ≤ 90 s,
200 documents ≤ 300 s.
"""
from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = (
    "zh-hans-ntrex-news.txt",
    "zh-hans-gov-work-reports.txt",
    "zh-hant-ntrex-news.txt",
    "en-ntrex-news.txt",
    "zh-hans-provincial-gov-work-reports-2026.txt",
    "zh-hant-drcd-wiki.txt",
    "en-pud-news.txt",
)


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


def build_corpus(folder: Path, n_docs: int) -> Path:
    """Write ``n_docs`` documents into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for s in seeds:
        shutil.copy(s, folder / s.name)
    written = len(seeds)
    if SHARED_CORPUS.is_dir():
        streams = [_chunks(SHARED_CORPUS / name) for name in SOURCES if (SHARED_CORPUS / name).is_file()]
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


def run(corpus: Path, out: Path, jobs: int, label: str) -> float:
    from factlib.report.batch import run_report

    t0 = time.perf_counter()
    result = run_report(str(corpus), out, jobs=jobs, progress=True)
    wall = time.perf_counter() - t0
    n_docs = sum(1 for r in result.results if r.job.notebook == "document_report")
    per_report = (wall - result.prepare_seconds) / max(1, len(result.results))
    print(f"{label}: {result.summary()}")
    print(f"{label}: {n_docs} documents, {len(result.results)} reports, wall {wall:.1f} s, "
          f"{per_report:.2f} s per report after preparation, kernel start-up "
          f"{result.kernel_startup_seconds:.1f} s = {result.kernel_startup_seconds / wall:.1%} of wall")
    if result.failed:
        for r in result.failed[:5]:
            print(f"  failed {r.job.output}: {r.error}")
    return wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--skip-seeds", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="factlib-bench-") as tmp:
        tmp_path = Path(tmp)
        if not args.skip_seeds:
            wall = run(SEEDS, tmp_path / "seeds-reports", args.jobs, "seeds")
            print(f"seeds: {wall:.1f} s (target ≤ 90 s) {'OK' if wall <= 90 else 'SLOW'}")
        corpus = build_corpus(tmp_path / "corpus", args.docs)
        wall = run(corpus, tmp_path / "reports", args.jobs, f"{args.docs} documents")
        print(f"{args.docs} documents: {wall:.1f} s (target ≤ 300 s) {'OK' if wall <= 300 else 'SLOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
