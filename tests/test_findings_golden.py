"""Findings stay the same while the checks get faster (issue 16): ``factlib.check`` on saved claims
gives, column by column, the findings saved before the columnar rewrite.

``tests/data/findings_golden/`` holds the claims of the seeds, of ``tests/data/corpus_sample`` and
of 2,000 synthetic claims (``benchmarks/bench_check.py``, seed 0), the reference figures used, and
the findings ``factlib.check`` gave on them (flat layout, parquet).  A change that *means* to change
verdicts rewrites them with ``python benchmarks/compare_findings.py golden`` and says so.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import factlib
from factlib.checks.findings import FINDING_COLUMNS, nested_records

GOLDEN = Path(__file__).parent / "data" / "findings_golden"
NAMES = ("seeds", "corpus_sample", "synthetic")
LISTS = ("claim_ids", "doc_ids", "evidence_doc_ids", "evidence_starts", "evidence_ends")


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return pd.read_parquet(GOLDEN / "reference.parquet")


def _cells(column: pd.Series) -> list:
    """A column as comparable Python values: lists for list cells, None for missing texts."""
    if column.name in LISTS:
        return [[x.item() if hasattr(x, "item") else x for x in v] for v in column]
    if column.name in ("observed_text", "expected_text"):
        return [v if isinstance(v, str) else None for v in column]
    return [None if v is None else v for v in column.tolist()]


@pytest.mark.parametrize("name", NAMES)
def test_findings_equal_the_saved_ones_column_by_column(name, reference):
    claims = pd.read_parquet(GOLDEN / f"{name}_claims.parquet")
    old = pd.read_parquet(GOLDEN / f"{name}_findings.parquet")
    new = factlib.check(claims, reference=reference)
    assert tuple(new.columns) == FINDING_COLUMNS
    assert len(new) == len(old) > 10
    for column in FINDING_COLUMNS:
        a, b = old[column], new[column]
        if column.endswith(("_value", "_low", "_high")) or column in ("rel_diff", "tolerance"):
            x, y = a.to_numpy(dtype=float), b.to_numpy(dtype=float)
            same = (x == y) | (np.isnan(x) & np.isnan(y))
            assert same.all(), (column, new.loc[~same, ["finding_id", column]].head(3), old.loc[~same, column].head(3))
            continue
        assert _cells(a) == _cells(b), column
    # the nested view (what ``factlib check --format jsonl`` prints) follows
    assert nested_records(new) == nested_records(_as_lists(old))


def _as_lists(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in LISTS:
        out[column] = _cells(out[column])
    return out


def test_the_golden_set_exercises_every_check_and_verdict():
    checks, verdicts = set(), set()
    for name in NAMES:
        old = pd.read_parquet(GOLDEN / f"{name}_findings.parquet", columns=["check", "verdict"])
        checks |= set(old["check"])
        verdicts |= set(old["verdict"])
    assert {"reference", "cross_document", "translation", "part_whole", "derived", "temporal"} <= checks
    assert {"contradicted", "needs_review", "consistent", "unverifiable"} <= verdicts
