"""Seconds to load and extract small pathological inputs (issue 13): each must stay linear.

Usage: python benchmarks/bench_pathological.py [--only NAME] [--timeout S] [--scale K]

Each input is written to a temporary file and loaded + extracted in a fresh subprocess
(``factlib.run.loop.process``; the factlib on ``PYTHONPATH`` or installed), so a hang or a crash of one input does not stop the others.
Printed per input: its size, the seconds taken (or ``TIMEOUT``/the error), the outcome
(``ok N claims`` or the error record's reason) and the peak memory of the subprocess.
``--scale K`` multiplies every input's size by K: for linear code the seconds grow about K
times (run with 1 and 4 to see the slope).  Figures are printed, never asserted; the
correctness of the same inputs (no exception, an error record at worst) is in
``tests/test_robust_inputs.py``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: name -> (file suffix, builder of the file's bytes for a scale factor)
INPUTS = {
    "pct_run": (".txt", lambda k: ("1%" * 16000 * k).encode()),
    "dot_run": (".txt", lambda k: ("1." * 16000 * k).encode()),
    "minus_run": (".txt", lambda k: ("-1" * 16000 * k).encode()),
    "space_run": (".txt", lambda k: ("1 " * 16000 * k).encode()),
    "wan_run": (".txt", lambda k: ("1万" * 1000 * k).encode()),
    "md_brackets": (".md", lambda k: ("[" * 65536 * k).encode()),
    "md_underscores": (".md", lambda k: ("__a " * 16000 * k).encode()),
    "html_unclosed_div": (".html", lambda k: ("<div>" * 1000 * k + "增长5%。").encode()),
    "html_unclosed_span": (".html", lambda k: ("<span>" * 1000 * k + "增长5%。").encode()),
    "html_nested_div_100k": (".html", lambda k: ("<div>" * 100000 * k + "增长5%。").encode()),
    "yaml_aliases": (".md", lambda k: _billion_laughs(9 + k - 1).encode()),
    "zh_news_reference": (".txt", lambda k: ("2023年全国居民人均可支配收入39218元，比上年增长6.3%。" * 1000 * k).encode()),
}


def _billion_laughs(depth: int) -> str:
    lines = ["---", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, depth):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append(f"title: *a{depth - 1}")
    lines += ["---", "增长5%。"]
    return "\n".join(lines) + "\n"


_CHILD = """
import json, resource, sys, time
t0 = time.perf_counter()
try:
    from factlib.run.loop import process
    from factlib.documents.load import Source
except ImportError:  # factlib before the one document loop (for "before" figures)
    process = None
if process is not None:
    r = process(Source(sys.argv[1], "bench"))
    n, status, err = len(r.claims), r.status, r.error
else:
    from factlib.documents.load import load_document
    from factlib.claims.extract import default_extractor
    try:
        n = len(default_extractor().extract(load_document(sys.argv[1])))
        status, err = "ok", None
    except Exception as e:
        n, status, err = 0, "error", f"{type(e).__name__}: {str(e)[:80]}"
dt = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": dt, "status": status, "claims": n, "error": err, "rss_mb": rss}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", choices=sorted(INPUTS), help="run only these inputs")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before an input counts as hung")
    ap.add_argument("--scale", type=int, default=1, help="multiply every input's size by this")
    args = ap.parse_args()
    child = _CHILD
    names = args.only or list(INPUTS)
    print(f"{'input':24} {'bytes':>9} {'seconds':>9} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory(prefix="factlib-bench-") as tmp:
        for name in names:
            suffix, build = INPUTS[name]
            data = build(args.scale)
            path = os.path.join(tmp, name + suffix)
            with open(path, "wb") as fh:
                fh.write(data)
            t0 = time.perf_counter()
            try:
                proc = subprocess.run([sys.executable, "-c", child, path], capture_output=True, text=True,
                                      timeout=args.timeout)
            except subprocess.TimeoutExpired:
                print(f"{name:24} {len(data):>9} {'TIMEOUT':>9} {'':>8}  > {args.timeout:.0f} s")
                continue
            wall = time.perf_counter() - t0
            if proc.returncode != 0 or not proc.stdout.strip():
                last = (proc.stderr.strip().splitlines() or ["?"])[-1][:80]
                print(f"{name:24} {len(data):>9} {wall:>9.2f} {'':>8}  crashed: {last}")
                continue
            out = json.loads(proc.stdout.strip().splitlines()[-1])
            outcome = f"ok {out['claims']} claims" if out["status"] == "ok" else f"error: {(out['error'] or '')[:70]}"
            print(f"{name:24} {len(data):>9} {out['seconds']:>9.2f} {out['rss_mb']:>8.0f}  {outcome}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
