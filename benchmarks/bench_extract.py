"""Throughput of the whole extraction pipeline on the simplified-Chinese benchmark corpus.

Usage: python benchmarks/bench_extract.py [CORPUS_DIR] [--shared PATH] [--repeat N] [--no-jionlp]

Reads ``zh-hans-*.txt`` from the shared corpus (default ``corpus/`` of ``--shared``, else of
$FACTLIB_SHARED, else of ``../shared`` next to the repository),
and for each file, in one process: loads it as a document (decode, clean, NFKC + t2s normalise,
split sentences), extracts every claim (scan, qualifiers, kinds, units, metrics, periods, metric
keys).  Prints characters per second, claims found and peak memory (tracemalloc and ru_maxrss).

A bare regex scan of the same text (digit runs only) is timed for calibration across machines.
If jionlp is installed (benchmark-only extra) it is imported only after factlib's rounds (its
dictionaries are large enough to slow any code that runs beside them), then ``extract_money`` runs
on the same lines for as many rounds (best kept) and ``extract_time`` once.  Timings are printed,
never asserted.
"""
from __future__ import annotations

import argparse
import contextlib
import glob
import io
import logging
import os
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _jionlp():
    try:
        import jionlp as jio  # benchmark-only extra
    except ImportError:
        return None
    return getattr(jio, "ner", jio)  # jionlp >= 1.5 keeps the extractors in jionlp.ner


def _time_jionlp(fn, lines: list[str]) -> tuple[float, int]:
    found = 0
    # jionlp logs a traceback for inputs it cannot parse: keep the benchmark's output readable
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        logging.disable(logging.CRITICAL)
        t0 = time.perf_counter()
        for ln in lines:
            try:
                found += len(fn(ln))
            except Exception:  # jionlp raises on some inputs; count them as nothing found
                pass
        d = time.perf_counter() - t0
        logging.disable(logging.NOTSET)
    return d, found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=None)
    ap.add_argument("--shared", default=os.environ.get("FACTLIB_SHARED") or str(HERE.parent.parent / "shared"),
                    help="the shared folder (its corpus/ is the default corpus)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the best of each is kept (default 3)")
    ap.add_argument("--no-jionlp", action="store_true")
    args = ap.parse_args()
    if args.corpus is None:
        args.corpus = os.path.join(args.shared, "corpus")
    files = sorted(glob.glob(os.path.join(args.corpus, "zh-hans-*.txt")))
    if not files:
        print(f"no zh-hans-*.txt files in {args.corpus}", file=sys.stderr)
        return 1
    from factlib.documents.load import load_document
    from factlib.claims.extract import default_extractor

    extractor = default_extractor()
    # warm-up: compile the regexes and load the tables once (one-time start-up, timed separately)
    import tempfile

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "warmup.txt"
        probe.write_text("截至2022年12月，我国网民规模达10.67亿人。\n", encoding="utf-8")
        extractor.extract(load_document(probe))
    print(f"start-up (tables, regexes, OpenCC): {time.perf_counter() - t0:.2f} s")
    from factlib.vocab.t2s import opencc_version, changing_table

    print(f"t2s: {'only lines that need it' if changing_table() is not None else 'every line'} "
          f"(OpenCC {opencc_version()})")
    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    n_chars = sum(map(len, texts))
    lines = [ln for t in texts for ln in t.splitlines() if ln.strip()]
    line_chars = sum(map(len, lines))
    # what start-up made lives for the whole run: keep it out of the garbage collector's walks
    import gc

    gc.collect()
    gc.freeze()
    best = None
    first = None
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
        if first is None:
            first = dt
        if best is None or dt < best[0]:
            best = (dt, t_load)
    dt, t_load = best
    ours = n_chars / dt
    print(f"files: {len(files)}  characters: {n_chars:,}")
    print(f"factlib load+clean+normalise+extract+attribute: {dt:.2f} s  {ours:,.0f} chars/s  "
          f"({n_claims:,} claims; load/normalise {t_load:.2f} s = {n_chars / t_load:,.0f} chars/s, "
          f"extract {dt - t_load:.2f} s = {n_chars / (dt - t_load):,.0f} chars/s); best of {max(1, args.repeat)}")
    print(f"  first round (text never seen: metric-phrase and number caches cold): {first:.2f} s  "
          f"{n_chars / first:,.0f} chars/s")
    tracemalloc.start()
    for f in files:
        extractor.extract(load_document(f))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak memory: {peak / 2**20:.1f} MiB traced (python objects), "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB max RSS (process)")
    # calibration: a bare regex scan (numbers only, no normalisation) over the same text
    bare = re.compile(r"[0-9]+(?:\.[0-9]+)?")
    t0 = time.perf_counter()
    found = sum(1 for t in texts for _ in bare.finditer(t))
    d = time.perf_counter() - t0
    print(f"bare regex scan (digit runs, for calibration): {d:.3f} s  {n_chars / d:,.0f} chars/s  ({found:,} found)")
    ner = None if args.no_jionlp else _jionlp()
    if ner is None:
        if not args.no_jionlp:
            print("jionlp not installed: skipping the jionlp comparison (pip install jionlp)")
        return 0
    gc.collect()
    gc.freeze()
    money = min(_time_jionlp(ner.extract_money, lines) for _ in range(max(1, args.repeat)))
    d, found = money
    print(f"jionlp.extract_money (best of {max(1, args.repeat)}): {d:.2f} s  {line_chars / d:,.0f} chars/s  ({found:,} found); "
          f"factlib's whole pipeline runs at {ours / (line_chars / d):.2f}x its speed")
    d, found = _time_jionlp(ner.extract_time, lines)
    print(f"jionlp.extract_time (once): {d:.2f} s  {line_chars / d:,.0f} chars/s  ({found:,} found); "
          f"factlib's whole pipeline runs at {ours / (line_chars / d):.2f}x its speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
