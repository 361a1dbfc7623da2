"""False alarms of the checks on real text that carries no planted error.

    .venv/bin/python benchmarks/false_alarms.py [--shared /work/shared] [--cache claims.pkl] [--show 20]

Reads ``<shared>/corpus`` (shared = ``--shared``, else ``$FACTLIB_SHARED``, else ``../shared`` beside
the repository), extracts the claims (or reads them from ``--cache`` when the file exists; written
there otherwise), checks them against the shipped reference figures and prints, per check, the
number of findings of each verdict and the share of claims that are ``contradicted`` or
``needs_review``.  None of this text was edited, so every ``contradicted`` is a false alarm unless
the text itself is wrong; each one is listed with its explanation.  ``--show N`` also prints N
``needs_review`` explanations per check (sampled with a fixed seed).

Budget (issue 12): at most 3 contradicted, needs_review at most 2 % of the claims.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import pandas as pd

import factlib

VERDICTS = ("contradicted", "needs_review", "consistent", "unverifiable")


def shared_dir(arg: str | None) -> Path:
    """``--shared``, else ``$FACTLIB_SHARED``, else ``../shared`` beside the repository."""
    if arg:
        return Path(arg)
    if os.environ.get("FACTLIB_SHARED"):
        return Path(os.environ["FACTLIB_SHARED"])
    return Path(__file__).resolve().parents[1].parent / "shared"


def corpus_claims(corpus_dir: Path, cache: Path | None) -> pd.DataFrame:
    if cache is not None and cache.exists():
        return pd.read_pickle(cache)
    t0 = time.perf_counter()
    claims = factlib.claims_frame(factlib.load_corpus(str(corpus_dir)))
    print(f"extracted {len(claims):,} claims in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if cache is not None:
        claims.to_pickle(cache)
    return claims


def verdict_table(findings: pd.DataFrame, n_claims: int) -> pd.DataFrame:
    """Findings per check and verdict, with contradicted / needs_review as a share of the claims."""
    table = pd.crosstab(findings["check"], findings["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    table.loc["all"] = table.sum()
    table["contra_%"] = (100 * table["contradicted"] / max(n_claims, 1)).round(3)
    table["review_%"] = (100 * table["needs_review"] / max(n_claims, 1)).round(2)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", help="the shared folder (holds corpus/)")
    parser.add_argument("--cache", type=Path, help="pickle of the extracted claims (read when present, else written)")
    parser.add_argument("--show", type=int, default=0, help="needs_review explanations to print per check")
    parser.add_argument("--checks", nargs="*", help="only these checks")
    args = parser.parse_args(argv)
    corpus_dir = shared_dir(args.shared) / "corpus"
    if not corpus_dir.is_dir():
        print(f"no corpus at {corpus_dir}", file=sys.stderr)
        return 2
    claims = corpus_claims(corpus_dir, args.cache)
    t0 = time.perf_counter()
    findings = factlib.check(claims, reference=factlib.load_reference(), checks=args.checks or None)
    seconds = time.perf_counter() - t0
    n = len(claims)
    table = verdict_table(findings, n)
    pd.set_option("display.width", 160)
    print(f"corpus {corpus_dir}: {n:,} claims, {len(findings):,} findings (check {seconds:.1f} s)\n")
    print(table.to_string())
    contra = findings[findings["verdict"] == "contradicted"]
    review = int(table.loc["all", "needs_review"])
    print(f"\ncontradicted: {len(contra)} (budget 3);  needs_review: {review:,} = "
          f"{100 * review / max(n, 1):.2f} % of claims (budget 2 %)")
    for _, f in contra.iterrows():
        print(f"\n[contradicted/{f['check']}] {f['explanation']}")
    if args.show:
        rev = findings[findings["verdict"] == "needs_review"]
        for name, group in rev.groupby("check"):
            sample = group.sample(min(args.show, len(group)), random_state=0)
            print(f"\n--- needs_review/{name}: {len(group):,} (showing {len(sample)})")
            for text in sample["explanation"]:
                print(" *", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
