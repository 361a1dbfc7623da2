"""Throughput of the whole extraction pipeline on the simplified-Chinese benchmark corpus.

Usage: python benchmarks/bench_extract.py [CORPUS_DIR] [--repeat N]

Reads ``zh-hans-*.txt`` from the shared corpus (default ``../shared/corpus`` next to the repository),
and for each file, in one process: loads it as a document (decode, clean, NFKC + t2s normalise,
split sentences), extracts every claim (scan, qualifiers, kinds, units, metrics, periods, metric
keys).  Prints characters per second, claims found and peak memory (tracemalloc and ru_maxrss).
A bare regex scan of the same text (digit runs only) is timed for calibration across machines.
If jionlp is installed (benchmark-only extra) it times ``jionlp.extract_money`` and
``jionlp.extract_time`` on the same lines.  Timings are printed, never asserted.
"""
from __future__ import annotations

import argparse
import glob
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(HERE.parent.parent / "shared" / "corpus"))
    ap.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    ap.add_argument("--no-jionlp", action="store_true")
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.corpus, "zh-hans-*.txt")))
    if not files:
        print(f"no zh-hans-*.txt files in {args.corpus}", file=sys.stderr)
        return 1
    from factlib.documents import load_document
    from factlib.extract import default_extractor

    extractor = default_extractor()
    # warm-up: compile the regexes and load the tables once (one-time start-up, timed separately)
    import tempfile

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "warmup.txt"
        probe.write_text("截至2022年12月，我国网民规模达10.67亿人。\n", encoding="utf-8")
        extractor.extract(load_document(probe))
    print(f"start-up (tables, regexes, OpenCC): {time.perf_counter() - t0:.2f} s")
    n_chars = sum(len(Path(f).read_text(encoding="utf-8")) for f in files)
    best = None
    n_claims = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        t_load = 0.0
        n_claims = 0
        for f in files:
            a = time.perf_counter()
            doc = load_document(f)
            t_load += time.perf_counter() - a
            n_claims += len(extractor.extract(doc))
        dt = time.perf_counter() - t0
        if best is None or dt < best[0]:
            best = (dt, t_load)
    dt, t_load = best
    print(f"files: {len(files)}  characters: {n_chars:,}")
    print(f"factlib load+clean+normalise+extract+attribute: {dt:.2f} s  {n_chars / dt:,.0f} chars/s  "
          f"({n_claims:,} claims; load/normalise {t_load:.2f} s = {n_chars / t_load:,.0f} chars/s, "
          f"extract {dt - t_load:.2f} s = {n_chars / (dt - t_load):,.0f} chars/s)")
    tracemalloc.start()
    for f in files:
        extractor.extract(load_document(f))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory: {peak / 2**20:.1f} MiB traced (python objects), "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB max RSS (process)")
    # calibration: a bare regex scan (numbers only, no normalisation) over the same text, so
    # figures from machines of different speed can be compared
    import re

    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    bare = re.compile(r"[0-9]+(?:\.[0-9]+)?")
    t0 = time.perf_counter()
    found = sum(1 for t in texts for _ in bare.finditer(t))
    d = time.perf_counter() - t0
    print(f"bare regex scan (digits only, for calibration): {d:.3f} s  {n_chars / d:,.0f} chars/s  ({found:,} found)")
    if args.no_jionlp:
        return 0
    try:
        import jionlp  # noqa: F401  (benchmark-only extra)
    except ImportError:
        print("jionlp not installed: skipping the jionlp comparison (pip install jionlp)")
        return 0
    import jionlp as jio

    lines = [ln for f in files for ln in Path(f).read_text(encoding="utf-8").splitlines() if ln.strip()]
    chars = sum(map(len, lines))
    ner = getattr(jio, "ner", jio)  # jionlp >= 1.5 keeps the extractors in jionlp.ner
    import contextlib
    import io
    import logging

    ours = n_chars / dt
    for name, fn in (("extract_money", ner.extract_money), ("extract_time", ner.extract_time)):
        t0 = time.perf_counter()
        found = 0
        # jionlp logs a traceback for inputs it cannot parse: keep the benchmark's output readable
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            logging.disable(logging.CRITICAL)
            for ln in lines:
                try:
                    found += len(fn(ln))
                except Exception:  # jionlp raises on some inputs; count them as nothing found
                    pass
            logging.disable(logging.NOTSET)
        d = time.perf_counter() - t0
        print(f"jionlp.{name}: {d:.2f} s  {chars / d:,.0f} chars/s  ({found:,} found); "
              f"factlib's whole pipeline is {ours / (chars / d):.2f}x its speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
