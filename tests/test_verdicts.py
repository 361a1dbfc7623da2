"""One verdict type: every place that sorts or names findings uses the same order and phrases."""
from __future__ import annotations

import pandas as pd
import pytest

from factlib.checks.findings import FINDING_COLUMNS
from factlib.checks.verdicts import ORDER, PHRASES, RANK, Verdict, rank, rank_column

SHUFFLED = ["consistent", "unverifiable", "needs_review", "contradicted", "consistent", "odd"]


def _findings(verdicts):
    rows = [{c: None for c in FINDING_COLUMNS} | {"verdict": v, "check": "c", "finding_id": f"f{i}"}
            for i, v in enumerate(verdicts)]
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))


def test_one_order_contradicted_first():
    assert ORDER[0] == Verdict.CONTRADICTED
    assert [rank(v) for v in ORDER] == list(range(len(ORDER)))
    assert rank("something else") == len(ORDER)
    assert rank_column(pd.Series(["unverifiable", "contradicted", "?"])).tolist() == [3, 0, 4]
    assert set(RANK) == {v.value for v in Verdict}


def test_every_verdict_has_its_phrases():
    assert set(PHRASES) == set(Verdict)
    for phrases in PHRASES.values():
        assert all(phrases), phrases


@pytest.mark.parametrize("where", ["report", "dask"])
def test_report_and_dask_sort_as_the_one_order(where):
    frame = _findings(SHUFFLED)
    if where == "report":
        from factlib.report.context import sort_findings
    else:
        from factlib.run.dask_engine import sort_findings
    got = sort_findings(frame)["verdict"].tolist()
    assert got == sorted(SHUFFLED, key=rank)


def test_report_order_constant_is_the_one_order():
    from factlib.report import context

    assert context.VERDICT_ORDER == tuple(v.value for v in ORDER)
