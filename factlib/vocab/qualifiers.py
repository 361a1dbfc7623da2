"""Qualifier words (超, 近, 约, 以上, over, nearly, about …) and the interval they assert.

The words are data (``factlib/data/qualifiers.csv``).  :func:`interval` turns a stated value, its
precision and its qualifier into the ``low``/``high`` bounds of the claim.

>>> from decimal import Decimal
>>> interval(Decimal("380000000000"), Decimal("50000000"), "lower")
(Decimal('380000000000'), None)
>>> interval(Decimal("1067000000"), Decimal("500000"), "exact")
(Decimal('1066500000'), Decimal('1067500000'))
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from factlib.vocab.tables import TableError, read_table

__all__ = ["QualifierTable", "default_qualifiers", "interval", "APPROX_SHARE"]

QUALIFIERS = ("exact", "approx", "lower", "upper")
# "about X" asserts X give or take this share of X (or the stated precision when larger)
APPROX_SHARE = Decimal("0.05")


class QualifierTable:
    """Qualifier words before and after a number."""

    def __init__(self, path: str | Path = "qualifiers"):
        rows = read_table(path, required=("word", "lang", "position", "qualifier"), key=("word", "position"))
        self.before: dict[str, str] = {}
        self.after: dict[str, str] = {}
        for row in rows:
            q = row["qualifier"]
            if q not in QUALIFIERS:
                raise TableError(f"{path}: unknown qualifier {q!r} for {row['word']!r}")
            target = self.before if row["position"] == "before" else self.after
            target[row["word"]] = q
        self.max_before = max(map(len, self.before), default=0)
        # the lengths of the 'before' words that can end in a character, longest first: a word of
        # another length cannot end there, so before_word looks up only these (a few, not all 14)
        lengths: dict[str, set[int]] = {}
        for w in self.before:
            lengths.setdefault(w[-1], set()).add(len(w))
            if w.isascii():
                lengths.setdefault(w[-1].upper(), set()).add(len(w))
        self._lengths_by_last = {c: tuple(sorted(ks, reverse=True)) for c, ks in lengths.items()}
        # last characters of the 'before' words: the scan's cheap test before it asks before_word
        self.before_last = frozenset(self._lengths_by_last)
        # words after the number, longest first (for the extractor's tail regex)
        self.after_zh = sorted((w for w in self.after if not w.isascii()), key=lambda w: (-len(w), w))
        self.after_en = sorted((w for w in self.after if w.isascii()), key=lambda w: (-len(w), w))

    def before_word(self, norm: str, pos: int) -> tuple[str, str] | None:
        """The qualifier word ending at ``pos`` (one space allowed before the number), longest first."""
        end = pos - 1 if pos > 0 and norm[pos - 1] == " " else pos
        if end <= 0:
            return None
        lengths = self._lengths_by_last.get(norm[end - 1])
        if lengths is None:
            return None
        for k in lengths:
            if k > end:
                continue
            w = norm[end - k:end]
            q = self.before.get(w) or (self.before.get(w.lower()) if w.isascii() else None)
            if q is not None:
                if w.isascii() and end - k > 0 and norm[end - k - 1].isalpha():
                    continue  # 'top' inside 'laptop'
                return w, q
        return None


def interval(value: Decimal | None, precision: Decimal | None, qualifier: str) -> tuple[Decimal | None, Decimal | None]:
    """The ``(low, high)`` interval a number asserts; ``None`` is an open end."""
    if value is None:
        return None, None
    p = precision or Decimal(0)
    if qualifier == "lower":
        return value, None
    if qualifier == "upper":
        return None, value
    if qualifier == "approx":
        p = max(p, abs(value) * APPROX_SHARE)
    return value - p, value + p


@lru_cache(maxsize=1)
def default_qualifiers() -> QualifierTable:
    """The shipped qualifier table (cached)."""
    return QualifierTable()
