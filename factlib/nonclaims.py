"""Digits that state no claim: URLs, phone numbers, ids, hashes, list markers, lexicalised numerals.

Both vocabularies are data: ``factlib/data/nonclaims.csv`` (named regular expressions, combined
into one pattern so a document is scanned once) and ``factlib/data/lexicalised.csv`` (words such as
一方面, 进一步, 亿万 that are written with numerals but are not numbers).

>>> rules = default_rules()
>>> mask = rules.mask("咨询热线:010-82341063。")
>>> mask.covers(9, 21)
True
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from factlib.tables import read_table

__all__ = ["NonClaimRules", "Mask", "default_rules"]


class Mask:
    """Spans of a text that hold no claim, with a fast overlap test."""

    __slots__ = ("starts", "ends", "names")

    def __init__(self, spans: list[tuple[int, int, str]]):
        # merge overlapping or nested spans so that starts and ends are both sorted
        spans.sort()
        merged: list[list] = []
        for s, e, n in spans:
            if merged and s < merged[-1][1]:
                if e > merged[-1][1]:
                    merged[-1][1] = e
                continue
            merged.append([s, e, n])
        self.starts = [s for s, _, _ in merged]
        self.ends = [e for _, e, _ in merged]
        self.names = [n for _, _, n in merged]

    def rule_at(self, start: int, end: int) -> str | None:
        """Name of a masking rule overlapping ``[start, end)``, or ``None``."""
        i = bisect_right(self.starts, end - 1) - 1
        if i >= 0 and self.ends[i] > start:
            return self.names[i]
        return None

    def covers(self, start: int, end: int) -> bool:
        return self.rule_at(start, end) is not None


class NonClaimRules:
    """The masking regexes and the lexicalised-numeral words."""

    def __init__(self, path: str | Path = "nonclaims", lexicalised: str | Path = "lexicalised"):
        rows = read_table(path, required=("name", "first", "pattern"), key=("name",))
        self.names = [r["name"] for r in rows]
        # One leading character class (the union of the rules' first characters) lets the regex
        # engine skip all other text in C; each rule then re-anchors on the consumed character
        # with a one-character look-behind holding a look-ahead that captures the rule's match.
        union = "".join(r["first"] for r in rows)
        alts = "|".join(f"(?<=(?=(?P<{r['name']}>{r['pattern']}))[{r['first']}])" for r in rows)
        self.pattern = re.compile(f"[{union}](?:{alts})")
        words = [r["word"] for r in read_table(lexicalised, required=("word",), key=("word",))]
        self.lexicalised = re.compile("|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))))
        self._maxlex = max(map(len, words), default=1)

    def mask(self, norm: str) -> Mask:
        """Spans of ``norm`` matched by any rule."""
        spans = []
        for m in self.pattern.finditer(norm):
            name = m.lastgroup or ""
            s = m.start()
            spans.append((s, s + len(m.group(name)) if name else m.end(), name))
        return Mask(spans)

    def lexicalised_at(self, norm: str, start: int, end: int) -> str | None:
        """A lexicalised word that begins at or before ``start`` and overlaps the numeral ``[start, end)``."""
        lo = max(0, start - self._maxlex + 1)
        for m in self.lexicalised.finditer(norm, lo, min(len(norm), end + self._maxlex)):
            if m.start() <= start < m.end():
                return m.group()
            if m.start() > start:
                break
        return None


@lru_cache(maxsize=1)
def default_rules() -> NonClaimRules:
    """The shipped rules (cached)."""
    return NonClaimRules()
