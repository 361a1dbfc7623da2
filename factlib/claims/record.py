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
from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple

__all__ = ["Claim", "COLUMNS", "KINDS", "QUALIFIERS", "PERIOD_BASES", "claim_id", "claim_ids"]

KINDS = ("count", "amount", "percent", "pp_change", "growth_rate", "multiple", "fraction", "rank",
         "ordinal", "year", "date", "duration", "other")
QUALIFIERS = ("exact", "approx", "lower", "upper")
PERIOD_BASES = ("explicit", "relative", "inherited", "none")


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
