"""Claim-level differences between two runs of ``factlib extract`` on the corpus (what changed, not
just whether bytes changed; ``compare_outputs.py`` says the latter).

    python benchmarks/diff_claims.py run DIR [--shared /work/shared]   # extract seeds + corpus into DIR
    python benchmarks/diff_claims.py diff OLD NEW [--show N]           # added / removed / changed claims

A claim is keyed by (file, sentence, start, end); ``changed`` compares value, low, high, kind, unit
and qualifier.  ``diff`` also reads the ``*.extract.jsonl`` files that ``compare_outputs.py save``
writes.  The shared folder is found next to the repository, or by ``--shared`` / FACTLIB_SHARED.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("value", "low", "high", "kind", "unit", "qualifier")


def _shared(arg: str | None) -> Path:
    return Path(arg or os.environ.get("FACTLIB_SHARED") or ROOT.parent / "shared")


def run(out: Path, shared: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    runs = {"seeds": ROOT / "seeds", **{p.stem: p for p in sorted((shared / "corpus").glob("*.txt"))}}
    factlib = str(Path(sys.executable).parent / "factlib")

    def one(item: tuple[str, Path]) -> None:
        name, path = item
        with (out / f"{name}.extract.jsonl").open("wb") as fh:
            subprocess.run([factlib, "extract", str(path), "--format", "jsonl"], stdout=fh,
                           stderr=subprocess.DEVNULL, check=False, cwd=ROOT)

    with ThreadPoolExecutor(2) as pool:
        list(pool.map(one, runs.items()))


def _load(path: Path) -> dict[tuple, dict]:
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            c = json.loads(line)
            out[(path.name, c.get("doc_id"), c.get("start"), c.get("end"))] = c
    return out


def diff(old: Path, new: Path, show: int) -> int:
    added, removed, changed = [], [], []
    for a in sorted(old.glob("*.extract.jsonl")):
        b = new / a.name
        if not b.exists():
            continue
        ca, cb = _load(a), _load(b)
        for k in ca.keys() - cb.keys():
            removed.append(ca[k])
        for k in cb.keys() - ca.keys():
            added.append(cb[k])
        for k in ca.keys() & cb.keys():
            if any(ca[k].get(f) != cb[k].get(f) for f in FIELDS):
                changed.append((ca[k], cb[k]))
    print(f"added {len(added)}  removed {len(removed)}  changed {len(changed)}")
    rng = random.Random(0)

    def brief(c: dict) -> str:
        return (f"{c.get('surface')!r} value={c.get('value')} low={c.get('low')} high={c.get('high')} "
                f"kind={c.get('kind')} unit={c.get('unit')} q={c.get('qualifier')}")

    for title, items in (("ADDED", added), ("REMOVED", removed)):
        print(f"== {title} by unit/kind: {Counter((c.get('unit'), c.get('kind')) for c in items).most_common(15)}")
        for c in rng.sample(items, min(show, len(items))):
            print(f"  {brief(c)}\n      in {c.get('sentence', '')[:160]!r}")
    print(f"== CHANGED fields: {Counter(f for a, b in changed for f in FIELDS if a.get(f) != b.get(f)).most_common()}")
    for a, b in rng.sample(changed, min(show, len(changed))):
        print(f"  - {brief(a)}\n  + {brief(b)}\n      in {a.get('sentence', '')[:160]!r}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("dir")
    r.add_argument("--shared")
    d = sub.add_parser("diff")
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument("--show", type=int, default=20)
    args = ap.parse_args()
    if args.cmd == "run":
        run(Path(args.dir), _shared(args.shared))
        return 0
    return diff(Path(args.old), Path(args.new), args.show)


if __name__ == "__main__":
    sys.exit(main())
