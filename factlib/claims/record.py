"""The claim record and the claims table.

A :class:`Claim` is one numeric expression of one document: where it is (offsets into the
document's cleaned ``text``, so ``text[start:end] == surface``), what it says (an exact
``Decimal`` value and the interval it asserts) and what it is about (kind, unit, metric, period).
Floats exist only as derived views (:meth:`Claim.to_record`, :func:`claims_frame`).

>>> from factlib.documents.load import document_from_text
>>> from factlib.claims.frame import claims_frame
>>> df = claims_frame([document_from_text("截至2022年12月，我国网民规模达10.67亿人。")])
>>> row = df.iloc[1]
>>> row["surface"], float(row["value"]), row["metric"], row["period"]
('10.67亿人', 1067000000.0, '我国网民规模', '2022-12')
"""
from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import NamedTuple

__all__ = ["Claim", "COLUMNS", "KINDS", "QUALIFIERS", "PERIOD_BASES", "PERIOD_TYPES", "GRANULARITIES",
           "CHANGES", "AREA_BASES", "claim_id", "claim_ids"]

KINDS = ("count", "amount", "percent", "pp_change", "growth_rate", "multiple", "fraction", "rank",
         "ordinal", "year", "date", "duration", "other")
QUALIFIERS = ("exact", "approx", "lower", "upper")
PERIOD_BASES = ("explicit", "relative", "inherited", "context", "release", "none")
"""Where ``period`` came from: written in the claim's clause (``explicit``), a time word resolved
against the document date (``relative``), another clause of the same sentence (``inherited``), the
sentence before / the paragraph heading / the document (``context``), a release convention such as
全年 in an early-year statistical release (``release``), nowhere (``none``)."""
PERIOD_TYPES = ("", "point", "interval")
"""``point``: a moment (截至2020年底 → 2020-12, a stock's level); ``interval``: a stretch of time
(全年, 前三季度, 1—9月, Q3: a flow's total); ``''``: no period."""
GRANULARITIES = ("", "day", "month", "quarter", "half", "year", "months", "years")
"""The calendar unit of the claim's own period: one day, month, quarter, half or year; ``months`` for
a run of months that is no single quarter/half/year (1—9月 = 前三季度 → 2024-01/2024-09: months —
this is 'quarter' only when it is one quarter), ``years`` for a run of years (2016—2020, 十三五)."""
CHANGES = ("level", "abs_change", "rel_change", "pp_change")
"""What the number is: a ``level`` (网民规模达10.79亿人), an absolute change (增加1109万人, 比上年末减少139万人),
a relative change (增长5.5%, 增长1.2倍) or a change in percentage points (提高0.8个百分点)."""
AREA_BASES = ("", "phrase", "sentence", "context", "document")
"""Where ``area`` came from: the claim's own phrase (浙江省…, 全省 with a known province), the sentence's
subject, an earlier sentence/heading, the document (front matter ``area``, a provincial report's title)."""


def claim_id(doc_id: str, start: int, end: int) -> str:
    """A stable id: the same document id and span always give the same id."""
    h = hashlib.blake2b(f"{doc_id}\x1f{start}\x1f{end}".encode("utf-8"), digest_size=6).hexdigest()
    return f"{doc_id}:{start}-{end}:{h}"


def claim_ids(doc_id: str, spans) -> list[str]:
    """``claim_id`` of each ``(start, end)`` of one document, in one pass (the same ids, faster)."""
    head = f"{doc_id}\x1f".encode("utf-8")
    blake2b = hashlib.blake2b
    sep = "\x1f"
    return [f"{doc_id}:{s}-{e}:{blake2b(head + f'{s}{sep}{e}'.encode(), digest_size=6).hexdigest()}"
            for s, e in spans]


def _f(x: Decimal | None) -> float | None:
    return None if x is None else float(x)


class Claim(NamedTuple):
    """One numeric claim, immutable.  ``value``/``low``/``high``/``precision`` are exact decimals.

    A named tuple rather than a frozen dataclass: extraction makes one per number, and a tuple
    is built several times faster.
    """

    doc_id: str
    claim_id: str
    sentence_id: int
    start: int
    end: int
    surface: str
    sentence: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    precision: Decimal | None
    qualifier: str
    kind: str
    unit: str
    metric: str
    metric_key: str
    period: str
    period_basis: str
    lang: str
    direction: str = ""
    unit_surface: str = ""
    # --- issue 12 (extraction side); defaults mean "not determined" --------------------------
    period_type: str = ""
    """``point`` | ``interval`` | ``''`` (:data:`PERIOD_TYPES`), of the claim's own (reference) period."""
    granularity: str = ""
    """:data:`GRANULARITIES`: the calendar unit of the claim's own (reference) period."""
    period_doubt: str = ""
    """'' when the period is certain, else the concrete doubt, ``<cue>: <why>``, e.g.
    ``年初: early-year point is uncertain``, ``2020: a stock dated by a year only (year-end assumed)``,
    ``全年: year taken from the release date``.  A claim with a doubt must never be contradicted."""
    area: str = ""
    """Where the figure was measured: ``CN``, ``CN-ZJ`` (ISO 3166-2 province), ``HK``, ``MO``, ``TW``,
    ``US`` … or a city code from ``factlib/data/areas.csv`` (``CN-ZJ-HZ``); ``''`` unknown."""
    area_basis: str = ""
    """:data:`AREA_BASES`: where ``area`` came from."""
    change: str = ""
    """:data:`CHANGES`: level or kind of change; ``''`` for claims that are neither (years, dates,
    ordinals, ranks)."""
    base_period: str = ""
    """The base of a change (较2018年底增长 → ``2018-12``; 比上年 in a 2024 claim → ``2023``), or ''.
    ``period`` keeps its convention: for a change with a single explicit base of the same
    granularity it reads ``base/ref`` (``2018-12/2020-12``); the claim's own period is then the
    part after the '/', and ``period_type``/``granularity`` describe that part."""

    @property
    def value_float(self) -> float | None:
        """The value as a float (a derived view)."""
        return _f(self.value)

    def to_record(self) -> dict:
        """A JSON-ready dict (floats for the numbers), keys as in :data:`COLUMNS`."""
        rec = dict(zip(COLUMNS, self))
        for k in ("value", "low", "high", "precision"):
            rec[k] = _f(rec[k])
        return rec


COLUMNS = Claim._fields
