"""Time ``factlib.check`` on synthetic claims frames of 10k, 100k and 1M rows.

    .venv/bin/python benchmarks/bench_check.py [--sizes 100000 300000 1000000] [--kinds synthetic real]
                                               [--shared /work/shared]

Synthetic claims: 20 claims per document; metric keys, periods and values drawn around the shipped
reference figures (most agree, some are off by a few per cent), a share of changes with a level in
the same sentence, years and durations, and one English document per ten Chinese ones (drawn like
the others: the translation check pairs none of them, it only looks).  Real claims: the claims of every file of ``../shared/corpus`` (about
53,000), repeated under new document ids until there are enough (copies of a document: the
translation check pairs the k-th copy of a Chinese document with the k-th copy of its translation).
Each size runs in its own process; it prints CPU seconds (user + system: the machine is shared),
wall seconds and the process's peak RSS.  Goal (issue 16): 1M claims ≤ 10 s and ≤ 2 GB peak.
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

import factlib
from factlib.checks import REGISTRY
from factlib.figures.load import load_reference

ROOT = Path(__file__).resolve().parents[1]


def synthetic_claims(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ref = load_reference()
    ref = ref[ref["kind"].isin(["count", "amount", "percent"]) & np.isfinite(ref["high"])].reset_index(drop=True)
    pick = rng.integers(0, len(ref), n)
    # only the columns used: a million rows of every reference column (quotes, URLs) would make
    # the benchmark's own peak memory, not the check's
    r = ref[["value", "kind", "metric_zh", "metric_key", "period"]].iloc[pick].reset_index(drop=True)
    noise = np.where(rng.random(n) < 0.9, 1.0, rng.normal(1.0, 0.05, n))
    value = (r["value"].to_numpy() * noise).round(-4)
    value = np.where(r["kind"] == "percent", (r["value"].to_numpy() * noise).round(1), value)
    prec = np.where(r["kind"] == "percent", 0.05, 5e5)
    docs = np.arange(n) // 20
    lang = np.where(docs % 10 == 9, "en", "zh-Hans")
    kind = r["kind"].to_numpy().astype(object)
    unit = np.where(kind == "amount", "CNY", np.where(kind == "percent", "%", "")).astype(object)
    # a few changes, years and durations
    roll = rng.random(n)
    kind = np.where(roll < 0.05, "pp_change", np.where(roll < 0.08, "growth_rate", kind)).astype(object)
    unit = np.where(roll < 0.05, "pp", np.where(roll < 0.08, "%", unit)).astype(object)
    value = np.where(roll < 0.08, rng.uniform(0.5, 9.0, n).round(1), value)
    prec = np.where(roll < 0.08, 0.05, prec)
    year = (roll > 0.97) & (roll < 0.985)
    kind = np.where(year, "year", kind).astype(object)
    value = np.where(year, rng.integers(2010, 2025, n), value)
    start = (np.arange(n) % 20) * 40
    # text columns as Arrow strings made from their distinct values (what reading a claims file
    # gives): a Python string per row would make the benchmark's peak memory, not the check's
    doc = pc.binary_join_element_wise("doc", pc.utf8_lpad(pc.cast(pa.array(docs), pa.string()), 7, "0"), "")
    frame = pd.DataFrame({
        "doc_id": _str(doc),
        "claim_id": _str(pc.binary_join_element_wise(doc, pc.cast(pa.array(start), pa.string()), ":")),
        "sentence_id": (np.arange(n) % 20) // 2,
        "start": start, "end": start + 6,
        "surface": _distinct_str(value, lambda v: f"{v:g}"),
        "sentence": "截至2022年12月，我国网民规模达10.67亿。",
        "value": value, "low": value - prec, "high": value + prec, "precision": prec,
        "qualifier": "exact", "kind": _distinct_str(kind), "unit": _distinct_str(unit),
        "metric": _distinct_str(r["metric_zh"].to_numpy()), "metric_key": _distinct_str(r["metric_key"].to_numpy()),
        "period": _distinct_str(r["period"].to_numpy()), "period_basis": "explicit", "lang": _distinct_str(lang),
        "direction": "", "doc_date": pd.NaT,
    })
    return frame


def _str(arrow) -> pd.api.extensions.ExtensionArray:
    return pd.array(arrow, dtype=pd.StringDtype("pyarrow", na_value=np.nan))


def _distinct_str(values, fmt=str) -> pd.api.extensions.ExtensionArray:
    """``fmt`` of each value as an Arrow string column, formatted once per distinct value."""
    codes, uniques = pd.factorize(np.asarray(values))
    return _str(pa.array([fmt(u) for u in np.asarray(uniques).tolist()], type=pa.string()).take(pa.array(codes)))


def real_claims(n: int, shared: Path) -> pd.DataFrame:
    """``n`` real claims: the claims of every file of ``shared/corpus`` (extracted once and cached
    under the system temp folder), the whole set repeated under new document ids (``…~r1``)."""
    import pickle
    import tempfile

    from factlib.claims.frame import claims_frame
    from factlib.documents.load import LoadError, iter_documents

    files = sorted((shared / "corpus").glob("*.txt"))
    if not files:
        raise SystemExit(f"no corpus under {shared}/corpus (pass --shared)")
    cache = Path(tempfile.gettempdir()) / f"factlib-bench-check-{factlib.__version__}-{len(files)}.pkl"
    if cache.is_file() and cache.stat().st_mtime > max(f.stat().st_mtime for f in files):
        base = pickle.loads(cache.read_bytes())
    else:
        docs = [d for d in iter_documents([str(f) for f in files]) if not isinstance(d, LoadError)]
        base = claims_frame(docs)
        dates = {d.id: d.date for d in docs}
        base["doc_date"] = pd.to_datetime(base["doc_id"].astype(str).map(dates), errors="coerce")
        cache.write_bytes(pickle.dumps(base))
    copies = []
    for k in range(-(-n // len(base))):
        part = base if k == 0 else base.assign(doc_id=base["doc_id"].astype(str) + f"~r{k}",
                                               claim_id=base["claim_id"].astype(str) + f"~r{k}")
        copies.append(part)
    return pd.concat(copies, ignore_index=True).iloc[:n]


def one(n: int, kind: str, shared: Path, per_check: bool) -> None:
    """Time ``factlib.check`` on ``n`` claims in this process; print one line of figures."""
    import resource

    reference = load_reference()
    factlib.check(synthetic_claims(100), reference=reference)        # warm caches
    claims = synthetic_claims(n) if kind == "synthetic" else real_claims(n, shared)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    per = {}
    for chk in (REGISTRY if per_check else []):
        t0 = time.process_time()
        factlib.check(claims, reference=reference, checks=[chk])
        per[chk.name] = time.process_time() - t0
    w0, t0 = time.perf_counter(), time.process_time()
    findings = factlib.check(claims, reference=reference)
    cpu, wall = time.process_time() - t0, time.perf_counter() - w0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    detail = " ".join(f"{k}={v:.2f}" for k, v in per.items())
    print(f"{kind:>9} {len(claims):>10,} {cpu:>8.2f} {wall:>8.2f} {peak:>9,.0f} {before:>11,.0f} {len(findings):>9,}"
          f"   {detail}", flush=True)


def main() -> None:
    import subprocess
    import sys

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--per-check-max", type=int, default=100_000,
                        help="also time each check alone for sizes up to this (default 100000)")
    parser.add_argument("--kinds", nargs="+", default=["synthetic", "real"], choices=["synthetic", "real"])
    parser.add_argument("--shared", type=Path, default=None,
                        help="the shared folder for real claims (default: ../shared or $FACTLIB_SHARED)")
    parser.add_argument("--real-max", type=int, default=1_000_000,
                        help="largest size run on real claims (default 1000000)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--kind", default="synthetic", help=argparse.SUPPRESS)
    args = parser.parse_args()
    shared = args.shared or Path(os.environ.get("FACTLIB_SHARED") or ROOT.parent / "shared")
    if args.one:
        one(args.one, args.kind, shared, args.one <= args.per_check_max)
        return
    print("factlib.check: CPU seconds (user+system of this process; the machine is shared, so CPU time,"
          " not wall time, is the figure), wall seconds, peak RSS of the process (MB, claims and"
          " imports included) and RSS before the check.  Goal: 1M claims <= 10 s and <= 2,048 MB.")
    print(f"{'claims':>9} {'rows':>10} {'cpu s':>8} {'wall s':>8} {'peak MB':>9} {'before MB':>11} {'findings':>9}"
          f"   per check (CPU s)")
    for kind in args.kinds:
        if kind == "real" and not (shared / "corpus").is_dir():
            print(f"     real: no {shared}/corpus; pass --shared")
            continue
        for n in args.sizes:
            if kind == "real" and n > args.real_max:
                print(f"{n:>9} real: skipped (above --real-max {args.real_max})")
                continue
            # each size in its own process, so that its peak memory is its own
            subprocess.run([sys.executable, __file__, "--one", str(n), "--kind", kind, "--shared", str(shared),
                            "--per-check-max", str(args.per_check_max)], check=True)


if __name__ == "__main__":
    main()
