"""CPU time of the document-context pass (``claims/context.py``) against the whole extraction.

Usage: python benchmarks/bench_context.py [--shared PATH] [--repeat N] [FILES...]

Extracts every claim of the given files (default: every ``*.txt`` of the shared corpus, ``--shared``,
else $FACTLIB_SHARED, else ``../shared`` beside the repository) and times, in CPU seconds, the whole
extraction and the context pass inside it (``resolve_claims`` wrapped with a timer).  Prints per file
and in total the claims, the extraction seconds, the context seconds and the context's share.  The
best of ``--repeat`` rounds is kept.  Timings are printed, never asserted.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--shared", default=os.environ.get("FACTLIB_SHARED") or str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    files = args.files or sorted(str(p) for p in (Path(args.shared) / "corpus").glob("*.txt"))
    if not files:
        print("no input files", file=sys.stderr)
        return 2

    import factlib.claims.extract as extract_module
    from factlib.claims.extract import default_extractor
    from factlib.documents.load import document_from_text, load_document

    spent = [0.0]
    original = extract_module.resolve_claims

    def timed(doc, claims):
        t = time.process_time()
        try:
            return original(doc, claims)
        finally:
            spent[0] += time.process_time() - t

    extract_module.resolve_claims = timed
    ex = default_extractor()
    ex.extract(document_from_text("截至2023年底，全国网民规模达10.92亿人，比上年增长2.5%。"))  # warm the tables
    total_x = total_c = 0.0
    total_n = 0
    print(f"{'file':48} {'claims':>8} {'extract s':>10} {'context s':>10} {'share':>6}")
    for path in files:
        doc = load_document(path)
        best = None
        for _ in range(max(1, args.repeat)):
            spent[0] = 0.0
            t = time.process_time()
            n = len(ex.extract(doc))
            x = time.process_time() - t
            if best is None or x < best[1]:
                best = (n, x, spent[0])
        n, x, c = best
        total_n, total_x, total_c = total_n + n, total_x + x, total_c + c
        print(f"{Path(path).name:48} {n:8d} {x:10.2f} {c:10.2f} {c / x if x else 0:6.1%}")
    print(f"{'total':48} {total_n:8d} {total_x:10.2f} {total_c:10.2f} {total_c / total_x if total_x else 0:6.1%}")
    extract_module.resolve_claims = original
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
