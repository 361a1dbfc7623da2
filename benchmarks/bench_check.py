"""Time ``factlib.check`` on synthetic claims frames of 10k, 100k and 1M rows.

    .venv/bin/python benchmarks/bench_check.py [--sizes 10000 100000 1000000]

Synthetic claims: 20 claims per document; metric keys, periods and values drawn around the shipped
reference figures (most agree, some are off by a few per cent), a share of changes with a level in
the same sentence, years and durations, and one English document per ten Chinese ones whose claims
repeat them (translation pairs).  Prints seconds per size and per check.  Target: 100k ≤ 10 s.
"""
from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

import factlib
from factlib.checks import REGISTRY
from factlib.figures.load import load_reference


def synthetic_claims(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ref = load_reference()
    ref = ref[ref["kind"].isin(["count", "amount", "percent"]) & np.isfinite(ref["high"])].reset_index(drop=True)
    pick = rng.integers(0, len(ref), n)
    r = ref.iloc[pick].reset_index(drop=True)
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
    frame = pd.DataFrame({
        "doc_id": [f"doc{d:07d}" for d in docs],
        "claim_id": [f"doc{d:07d}:{s}" for d, s in zip(docs, start)],
        "sentence_id": (np.arange(n) % 20) // 2,
        "start": start, "end": start + 6,
        "surface": [f"{v:g}" for v in value],
        "sentence": "截至2022年12月，我国网民规模达10.67亿。",
        "value": value, "low": value - prec, "high": value + prec, "precision": prec,
        "qualifier": "exact", "kind": kind, "unit": unit,
        "metric": r["metric_zh"].to_numpy(), "metric_key": r["metric_key"].to_numpy(),
        "period": r["period"].to_numpy(), "period_basis": "explicit", "lang": lang, "direction": "",
        "doc_date": pd.NaT,
    })
    return frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--per-check-max", type=int, default=100_000,
                        help="also time each check alone for sizes up to this (default 100000)")
    args = parser.parse_args()
    reference = load_reference()
    factlib.check(synthetic_claims(100), reference=reference)        # warm caches
    print(f"{'claims':>10} {'seconds':>9} {'findings':>9}   per check (s)")
    for n in args.sizes:
        claims = synthetic_claims(n)
        per = {}
        for chk in (REGISTRY if n <= args.per_check_max else []):
            t0 = time.perf_counter()
            factlib.check(claims, reference=reference, checks=[chk])
            per[chk.name] = time.perf_counter() - t0
        t0 = time.perf_counter()
        findings = factlib.check(claims, reference=reference)
        total = time.perf_counter() - t0
        detail = " ".join(f"{k}={v:.2f}" for k, v in per.items())
        print(f"{n:>10,} {total:>9.2f} {len(findings):>9,}   {detail}", flush=True)


if __name__ == "__main__":
    main()
