"""Throughput of the whole extraction pipeline on the simplified-Chinese benchmark corpus.

Usage: python benchmarks/bench_extract.py [CORPUS_DIR] [--shared PATH] [--repeat N] [--no-jionlp]

Reads ``zh-hans-*.txt`` from the shared corpus (default ``corpus/`` of ``--shared``, else of
$FACTLIB_SHARED, else of ``../shared`` next to the repository),
and for each file, in one process: loads it as a document (decode, clean, NFKC + t2s normalise,
split sentences), extracts every claim (scan, qualifiers, kinds, units, metrics, periods, metric
keys, then the per-document context pass) and writes its JSON lines to a string (what
``factlib extract`` writes).  Prints characters per second in CPU time (user + system of this
process: the steady figure on a shared machine) and wall time, split into load+normalise, scan,
context pass and JSON lines, for the first round (text never seen: what one command-line run
does) and the best later round (warm: the caches of parsed numbers and metric phrases filled by
the earlier rounds over the same text); claims found and peak memory.

A bare regex scan of the same text (digit runs only) is timed for calibration across machines.
If jionlp is installed (benchmark-only extra) it is imported only after factlib's rounds (its
dictionaries are large enough to slow any code that runs beside them), then ``extract_money`` runs
on the same lines for as many rounds (best CPU time kept) and ``extract_time`` once; the ratios
compare CPU time per character.  Timings are printed, never asserted.
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


def _time_jionlp(fn, lines: list[str]) -> tuple[float, float, int]:
    found = 0
    # jionlp logs a traceback for inputs it cannot parse: keep the benchmark's output readable
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        logging.disable(logging.CRITICAL)
        c0, t0 = time.process_time(), time.perf_counter()
        for ln in lines:
            try:
                found += len(fn(ln))
            except Exception:  # jionlp raises on some inputs; count them as nothing found
                pass
        d, c = time.perf_counter() - t0, time.process_time() - c0
        logging.disable(logging.NOTSET)
    return d, c, found


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
    import factlib.claims.extract as extract_module
    from factlib.claims.jsonl import claim_line
    from factlib.documents.load import load_document

    extractor = extract_module.default_extractor()
    # warm-up: compile the regexes and load the tables once (one-time start-up, timed separately)
    import tempfile

    c0, t0 = time.process_time(), time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / "warmup.txt"
        probe.write_text("截至2022年12月，我国网民规模达10.67亿人。\n", encoding="utf-8")
        extractor.extract(load_document(probe))
    print(f"start-up after import (tables, regexes, OpenCC, one line): {time.perf_counter() - t0:.2f} s wall, "
          f"{time.process_time() - c0:.2f} s CPU")
    from factlib.vocab.t2s import opencc_version, changing_table

    print(f"t2s: {'only lines that need it' if changing_table() is not None else 'every line'} "
          f"(OpenCC {opencc_version()}); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    texts = [Path(f).read_text(encoding="utf-8") for f in files]
    n_chars = sum(map(len, texts))
    lines = [ln for t in texts for ln in t.splitlines() if ln.strip()]
    line_chars = sum(map(len, lines))
    # the context pass, timed apart (CPU), by wrapping the function extract() calls
    resolve = extract_module.resolve_claims
    spent = {"context": 0.0}

    def timed_resolve(doc, claims):
        c = time.process_time()
        try:
            return resolve(doc, claims)
        finally:
            spent["context"] += time.process_time() - c

    extract_module.resolve_claims = timed_resolve
    # what start-up made lives for the whole run: keep it out of the garbage collector's walks
    import gc

    gc.collect()
    gc.freeze()
    rounds = []
    n_claims = 0
    for _ in range(max(1, args.repeat)):
        spent["context"] = 0.0
        c_load = c_write = 0.0
        n_claims = 0
        c0, t0 = time.process_time(), time.perf_counter()
        for f in files:
            a = time.process_time()
            doc = load_document(f)
            c_load += time.process_time() - a
            claims = extractor.extract(doc)
            a = time.process_time()
            text = "".join(map(claim_line, claims))  # what `factlib extract` writes
            c_write += time.process_time() - a
            n_claims += len(claims)
            del text
        rounds.append({"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "load": c_load,
                       "write": c_write, "context": spent["context"]})
    extract_module.resolve_claims = resolve
    first = rounds[0]
    best = min(rounds[1:] or rounds, key=lambda r: r["cpu"])
    print(f"files: {len(files)}  characters: {n_chars:,} ({line_chars:,} in non-empty lines)  claims: {n_claims:,}")

    def show(label: str, r: dict) -> None:
        scan = r["cpu"] - r["load"] - r["write"] - r["context"]
        print(f"{label}: {r['cpu']:.2f} s CPU = {n_chars / r['cpu']:,.0f} chars/s ({r['wall']:.2f} s wall); "
              f"load+normalise {r['load']:.2f}, scan+sentences+claims {scan:.2f}, context pass {r['context']:.2f}, "
              f"JSON lines {r['write']:.2f}")

    show("first round (text never seen: what one `factlib extract` run does)", first)
    show(f"warm (best of rounds 2-{len(rounds)}: caches of numbers and phrases filled)", best)
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
    money = min((_time_jionlp(ner.extract_money, lines) for _ in range(max(1, args.repeat))), key=lambda m: m[1])
    wall, cpu, found = money
    print(f"jionlp.extract_money (best of {max(1, args.repeat)}): {cpu:.2f} s CPU = {line_chars / cpu:,.0f} chars/s "
          f"({wall:.2f} s wall; {found:,} found)")
    for label, r in (("first round", first), ("warm", best)):
        print(f"  factlib's whole pipeline ({label}) runs at {cpu / r['cpu'] * n_chars / line_chars:.2f}x its speed "
              f"(CPU, per character)")
    wall, cpu, found = _time_jionlp(ner.extract_time, lines)
    print(f"jionlp.extract_time (once): {cpu:.2f} s CPU = {line_chars / cpu:,.0f} chars/s ({found:,} found); "
          f"factlib (first round) runs at {cpu / first['cpu'] * n_chars / line_chars:.2f}x its speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
