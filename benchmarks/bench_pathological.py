"""Seconds to load and extract the pathological inputs of issue 13: each must stay linear and bounded.

Usage: python benchmarks/bench_pathological.py [--only NAME] [--timeout S] [--scale K] [--no-slope] [--bound S]

Each input is written to a temporary file (or made as a FIFO, a link to ``/dev/zero``) and loaded +
extracted in a fresh subprocess (``factlib.run.loop.process``; the factlib on ``PYTHONPATH`` or
installed), so a hang or a crash of one input does not stop the others.  The seconds are the
child's CPU time (user + sys) for ``process()`` alone (imports and table loading excluded), so the
figures hold on a loaded machine.

Printed per input: its size, the seconds at scale K and at scale 4K with their ratio (about 4 for
linear code, 16 for quadratic; not computed when the larger run takes under 0.5 s, where start-up
noise dominates), the peak memory of the child, a verdict and the outcome (``ok N claims`` or the
error record's reason).  The verdict is ``OK`` when the seconds at scale K stay under the generous
bound (``--bound``, 15 s per unit of scale; the issue measured 8-46 s) and the ratio under 8,
``SLOW`` or ``NONLINEAR`` otherwise, ``TIMEOUT``/``CRASH`` when the child hung or died.  Figures
are printed, never asserted; the correctness of the same inputs (no exception, an error record at
worst) is in ``tests/test_robust_inputs.py``.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _billion_laughs(depth: int) -> str:
    lines = ["---", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, depth):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append(f"title: *a{depth - 1}")
    lines += ["---", "增长5%。"]
    return "\n".join(lines) + "\n"


def _dated(date: str) -> bytes:
    return f"---\ntitle: t\ndate: {date}\n---\n截至2022年12月，我国网民规模达10.67亿。\n".encode()


#: name -> (file suffix, builder of the file's bytes for a scale factor, scalable); the issue's
#: items: 5 (dates, unclosed tags, nested divs, 1万 runs), 6 (number runs, Markdown), 7 (YAML
#: aliases, FIFO, /dev/zero), and a URL run found later; a builder returning a str names a special
#: file ("fifo", "dev_zero")
INPUTS = {
    "pct_run": (".txt", lambda k: ("1%" * 16000 * k).encode(), True),
    "dot_run": (".txt", lambda k: ("1." * 16000 * k).encode(), True),
    "minus_run": (".txt", lambda k: ("-1" * 16000 * k).encode(), True),
    "space_run": (".txt", lambda k: ("1 " * 16000 * k).encode(), True),
    "wan_run": (".txt", lambda k: ("1万" * 1000 * k).encode(), True),
    "url_run": (".txt", lambda k: ("https://" * 20000 * k).encode(), True),
    "md_brackets": (".md", lambda k: ("[" * 65536 * k).encode(), True),
    "md_underscores": (".md", lambda k: ("__a " * 16000 * k).encode(), True),
    "html_unclosed_div": (".html", lambda k: ("<div>" * 1000 * k + "增长5%。").encode(), True),
    "html_unclosed_span": (".html", lambda k: ("<span>" * 1000 * k + "增长5%。").encode(), True),
    "html_nested_div_100k": (".html", lambda k: ("<div>" * 100000 * k + "增长5%。").encode(), True),
    "html_span_then_enddiv": (".html", lambda k: ("<span>" * 20000 * k + "增长5%。" + "</div>" * 20000 * k).encode(),
                              True),
    "yaml_aliases": (".md", lambda k: _billion_laughs(9 + k - 1).encode(), False),
    "date_2021-13-45": (".md", lambda k: _dated("2021-13-45"), False),
    "date_0000-01-01": (".md", lambda k: _dated("0000-01-01"), False),
    "date_minute_60": (".md", lambda k: _dated("2021-01-01 10:60:00"), False),
    "date_year_99999": (".md", lambda k: _dated("99999-01-01"), False),
    "fifo": (".txt", lambda k: "fifo", False),
    "dev_zero_link": (".txt", lambda k: "dev_zero", False),
    "zh_news_reference": (".txt", lambda k: ("2023年全国居民人均可支配收入39218元，比上年增长6.3%。" * 1000 * k).encode(),
                          True),
}

_CHILD = """
import json, os, resource, sys
from factlib.run.loop import process
from factlib.documents.load import Source
from factlib.claims.extract import default_extractor
ex = default_extractor()
ex.extract  # tables loaded before the clock starts
from factlib.documents.load import document_from_text
ex.extract(document_from_text("2023年增长5%。"))
t0 = os.times()
r = process(Source(sys.argv[1], "bench"), ex)
t1 = os.times()
cpu = (t1.user - t0.user) + (t1.system - t0.system)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
warn = "; ".join(r.warnings)
print(json.dumps({"seconds": cpu, "status": r.status, "claims": len(r.claims), "error": r.error,
                  "warning": warn, "rss_mb": rss}))
"""


def _make(tmp: str, name: str, suffix: str, data) -> tuple[str, int]:
    path = os.path.join(tmp, name + suffix)
    if data == "fifo":
        os.mkfifo(path)
        return path, 0
    if data == "dev_zero":
        os.symlink("/dev/zero", path)
        return path, 0
    with open(path, "wb") as fh:
        fh.write(data)
    return path, len(data)


def _run(path: str, timeout: float) -> dict:
    try:
        proc = subprocess.run([sys.executable, "-c", _CHILD, path], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"verdict": "TIMEOUT", "outcome": f"> {timeout:.0f} s"}
    if proc.returncode != 0 or not proc.stdout.strip():
        last = (proc.stderr.strip().splitlines() or ["?"])[-1][:80]
        return {"verdict": "CRASH", "outcome": f"crashed: {last}"}
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    if out["status"] == "ok":
        out["outcome"] = f"ok {out['claims']} claims" + (f"; warning: {out['warning'][:60]}" if out["warning"] else "")
    else:
        out["outcome"] = f"error record: {(out['error'] or '')[:70]}"
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", choices=sorted(INPUTS), help="run only these inputs")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds before an input counts as hung")
    ap.add_argument("--scale", type=int, default=1, help="multiply every input's size by this")
    ap.add_argument("--no-slope", action="store_true", help="skip the run at 4x the scale (no ratio)")
    ap.add_argument("--bound", type=float, default=15.0, help="seconds per unit of scale counted OK")
    args = ap.parse_args()
    names = args.only or list(INPUTS)
    bound = args.bound * args.scale
    print(f"bound: {bound:.0f} s CPU at scale {args.scale}; ratio = seconds at scale {4 * args.scale} / "
          f"seconds at scale {args.scale} (linear ~4, quadratic ~16)")
    print(f"{'input':22} {'bytes':>9} {'seconds':>8} {'x4 s':>7} {'ratio':>6} {'peak MB':>8} {'verdict':>9}  outcome")
    worst = 0
    with tempfile.TemporaryDirectory(prefix="factlib-bench-") as tmp:
        for name in names:
            suffix, build, scalable = INPUTS[name]
            path, size = _make(tmp, name, suffix, build(args.scale))
            out = _run(path, args.timeout)
            big = ratio = None
            if scalable and not args.no_slope and "seconds" in out:
                path4, _ = _make(tmp, name + "-x4", suffix, build(4 * args.scale))
                out4 = _run(path4, 4 * args.timeout)
                big = out4.get("seconds")
                if big is not None and big >= 0.5 and out["seconds"] > 0:
                    ratio = big / out["seconds"]
                if big is None:
                    out["verdict"] = out4["verdict"]
            if "verdict" not in out:
                slow = out["seconds"] > bound
                nonlinear = ratio is not None and ratio > 8
                out["verdict"] = "SLOW" if slow else "NONLINEAR" if nonlinear else "OK"
            worst = max(worst, out["verdict"] != "OK")
            secs = f"{out['seconds']:.2f}" if "seconds" in out else "-"
            big_s = f"{big:.2f}" if big is not None else "-"
            ratio_s = f"{ratio:.1f}" if ratio is not None else "-"
            mb = f"{out['rss_mb']:.0f}" if "rss_mb" in out else "-"
            print(f"{name:22} {size:>9} {secs:>8} {big_s:>7} {ratio_s:>6} {mb:>8} {out['verdict']:>9}  {out['outcome']}",
                  flush=True)
    print("all OK" if not worst else "some inputs are not OK (see the verdicts)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
