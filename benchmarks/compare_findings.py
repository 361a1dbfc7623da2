"""Old findings layout -> new: are the findings the same apart from the column layout?

    python benchmarks/compare_findings.py save  DIR [--shared /work/shared]   # claims + findings as pickles
    python benchmarks/compare_findings.py check DIR                          # check the saved claims again
    python benchmarks/compare_findings.py golden                             # rewrite tests/data/findings_golden/

``save`` extracts the claims of the seeds and of every file of the shared corpus and pickles them
with the findings of the installed factlib (DIR/<name>.pkl).  ``check`` runs the installed
factlib's ``check`` on the saved claims (same document dates, same reference figures) and compares its findings, in the
nested view (``factlib.checks.findings.nested_records``) when they are flat, with the saved ones:
every finding id, verdict, claim and document list, metric, period, observed and expected bound,
rel_diff, tolerance, explanation and evidence span must be equal (floats bit for bit).
Exit status 1 when anything differs.  It prints the time ``check`` took on each input.

``golden`` writes the inputs of ``tests/test_findings_golden.py``: the claims of the seeds, of
``tests/data/corpus_sample`` and of 2,000 synthetic claims (``benchmarks/bench_check.py``, seed 0)
as parquet, the shipped reference figures used, and the findings of the installed factlib (the flat
frame as parquet).  Run it only when a change *means* to change verdicts,
and say so in the commit.
"""
from __future__ import annotations

import argparse
import math
import os
import pickle
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def shared_dir(arg: str | None) -> Path:
    return Path(arg or os.environ.get("FACTLIB_SHARED") or ROOT.parent / "shared")


def inputs(shared: Path) -> dict[str, list[str]]:
    runs = {"seeds": [str(ROOT / "seeds")]}
    corpus = shared / "corpus"
    if corpus.is_dir():
        files = sorted(corpus.glob("*.txt"))
        for path in files:
            runs[path.stem] = [str(path)]
        # every file at once: cross-document and translation findings between files (the real
        # claims of benchmarks/bench_check.py)
        runs["corpus-all"] = [str(p) for p in files]
    return runs


def _clean(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return _clean(value.item())
    return value


def as_nested(findings) -> list[dict]:
    """Records in the nested layout whatever the frame's layout."""
    if "observed_value" in findings.columns:
        from factlib.checks.findings import nested_records

        records = nested_records(findings)
    else:
        records = findings.to_dict(orient="records")
    return [_clean(r) for r in records]


def save(out: Path, shared: Path) -> int:
    from factlib.checks import check
    from factlib.claims.frame import claims_frame
    from factlib.documents.load import LoadError, iter_documents

    from factlib.figures.load import load_reference

    out.mkdir(parents=True, exist_ok=True)
    reference = load_reference()  # saved with the findings: new official figures on main change no comparison
    for name, paths in inputs(shared).items():
        docs = [d for d in iter_documents(paths) if not isinstance(d, LoadError)]
        claims = claims_frame(docs)
        dates = {d.id: d.date for d in docs}
        findings = check(claims, documents=dates, reference=reference)
        with (out / f"{name}.pkl").open("wb") as fh:
            pickle.dump({"claims": claims, "findings": findings, "dates": dates, "reference": reference}, fh)
        print(f"saved {name}: {len(claims)} claims, {len(findings)} findings", flush=True)
    return 0


def compare(saved: Path) -> int:
    from factlib.checks import check

    bad = 0
    files = sorted(saved.glob("*.pkl"))
    for path in files:
        with path.open("rb") as fh:
            data = pickle.load(fh)
        t0 = time.perf_counter()
        new = check(data["claims"], documents=data["dates"], reference=data.get("reference"))
        took = time.perf_counter() - t0
        old_records, new_records = as_nested(data["findings"]), as_nested(new)
        if old_records == new_records:
            print(f"same    {path.stem}: {len(new_records)} findings (check {took:.2f} s)")
            continue
        bad += 1
        print(f"DIFFERS {path.stem}: {len(old_records)} old, {len(new_records)} new findings")
        shown, where = False, Counter()
        for i, (a, b) in enumerate(zip(old_records, new_records)):
            if a != b:
                keys = [k for k in a if a.get(k) != b.get(k)]
                where.update(f"{a.get('check')}.{k}" for k in keys)
                if not shown:
                    print(f"  first difference at finding {i}, fields {keys}:\n  - {a}\n  + {b}")
                    shown = True
        print("  differing findings by check.field: " + ", ".join(f"{k} {n}" for k, n in sorted(where.items())))
    print(f"{bad} of {len(files)} inputs differ")
    return 1 if bad else 0


GOLDEN = ROOT / "tests" / "data" / "findings_golden"


def golden_inputs() -> dict[str, tuple]:
    """name -> (claims frame with a ``doc_date`` column, reference frame) of the golden test."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_check import synthetic_claims
    from factlib.claims.frame import claims_frame
    from factlib.documents.load import LoadError, iter_documents
    from factlib.figures.load import load_reference

    reference = load_reference()
    out = {}
    for name, path in (("seeds", ROOT / "seeds"), ("corpus_sample", ROOT / "tests" / "data" / "corpus_sample")):
        docs = [d for d in iter_documents([str(path)]) if not isinstance(d, LoadError)]
        claims = claims_frame(docs)
        dates = {d.id: d.date for d in docs}
        claims["doc_date"] = pd.to_datetime(claims["doc_id"].astype(str).map(dates), errors="coerce")
        out[name] = (claims, reference)
    out["synthetic"] = (synthetic_claims(2000, seed=0), reference)
    return out


def write_golden(out: Path = GOLDEN) -> int:
    from factlib.checks import check

    out.mkdir(parents=True, exist_ok=True)
    inputs = golden_inputs()
    next(iter(inputs.values()))[1].to_parquet(out / "reference.parquet", index=False)
    for name, (claims, reference) in inputs.items():
        findings = check(claims, reference=reference)
        claims.to_parquet(out / f"{name}_claims.parquet", index=False)
        findings.to_parquet(out / f"{name}_findings.parquet", index=False)
        print(f"golden {name}: {len(claims)} claims, {len(findings)} findings", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("save", "check", "golden"))
    parser.add_argument("dir", type=Path, nargs="?")
    parser.add_argument("--shared", help="the shared folder (default: ../shared or $FACTLIB_SHARED)")
    args = parser.parse_args(argv)
    if args.action == "golden":
        return write_golden(args.dir or GOLDEN)
    if args.action == "save":
        return save(args.dir, shared_dir(args.shared))
    return compare(args.dir)


if __name__ == "__main__":
    sys.exit(main())
