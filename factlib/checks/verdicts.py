"""The four verdicts of a finding: one type, one order, one table of bilingual phrases.

The order (the member order of :class:`Verdict`) is how ``factlib check``, the Dask engine, the
report pages and the charts sort findings: a contradiction first, then what needs a person's
review, then the findings with an answer (consistent), then those without one (unverifiable).

>>> sorted(["unverifiable", "consistent", "contradicted", "needs_review"], key=rank)
['contradicted', 'needs_review', 'consistent', 'unverifiable']
>>> PHRASES[Verdict.CONTRADICTED].en_with
'contradicted by'
"""
from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

__all__ = ["Verdict", "ORDER", "RANK", "Phrases", "PHRASES", "rank", "rank_column"]


class Verdict(StrEnum):
    """A finding's verdict (a ``str``: frames and JSON hold the plain value)."""

    CONTRADICTED = "contradicted"   # the claim's interval and the reference's are disjoint
    NEEDS_REVIEW = "needs_review"   # at odds, but a named doubt (metric, period, source) stands
    CONSISTENT = "consistent"       # the intervals overlap
    UNVERIFIABLE = "unverifiable"   # nothing comparable to check against


#: the one order of verdicts (contradicted first)
ORDER: tuple[Verdict, ...] = tuple(Verdict)
#: verdict value -> its place in ORDER
RANK: dict[str, int] = {v.value: i for i, v in enumerate(ORDER)}


class Phrases(NamedTuple):
    """How a verdict is written: its name (``zh``/``en``, for tables and legends) and its relation
    to what the claim was checked against (``与…{zh_with}``, ``{en_with} …``)."""

    zh: str
    en: str
    zh_with: str
    en_with: str


PHRASES: dict[Verdict, Phrases] = {
    Verdict.CONTRADICTED: Phrases("不符", "contradicted", "不符", "contradicted by"),
    Verdict.NEEDS_REVIEW: Phrases("需人工核对", "needs review", "不一致", "at odds with"),
    Verdict.CONSISTENT: Phrases("一致", "consistent", "一致", "consistent with"),
    Verdict.UNVERIFIABLE: Phrases("无法核实", "unverifiable", "无法核实", "not verifiable against"),
}


def rank(verdict: str) -> int:
    """The place of ``verdict`` in :data:`ORDER` (an unknown value sorts last)."""
    return RANK.get(verdict, len(RANK))


def rank_column(verdicts):
    """:func:`rank` of every value of a pandas Series (for sorting findings)."""
    import numpy as np
    import pandas as pd

    from factlib.checks.columns import factorize

    if not isinstance(verdicts, pd.Series) or len(verdicts) < 1000:  # a Dask column maps lazily
        return verdicts.map(RANK).fillna(len(RANK))
    values = verdicts.to_numpy(dtype=object)
    # looked up once per distinct verdict (a missing one ranks last, as an unknown one)
    codes, uniques = factorize(values, use_na_sentinel=True)
    table = np.array([float(RANK.get(u, len(RANK))) for u in uniques] + [float(len(RANK))])
    return pd.Series(table[codes], index=verdicts.index, name=verdicts.name)
