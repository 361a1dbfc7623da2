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

from factlib.regexes import alternation
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
        """True when a masked span overlaps ``[start, end)``."""
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.ends[i] > start


class NonClaimRules:
    """The masking regexes and the lexicalised-numeral words."""

    def __init__(self, path: str | Path = "nonclaims", lexicalised: str | Path = "lexicalised"):
        rows = read_table(path, required=("name", "first", "pattern"), key=("name",))
        self.names = [r["name"] for r in rows]
        # One leading character class (the union of the rules' first characters) lets the regex
        # engine skip all other text in C; each rule then re-anchors on the consumed character with
        # a one-character look-behind that first tests the rule's own first character (cheap, so
        # the rules that cannot start there are skipped at once) and then holds a look-ahead that
        # captures the rule's match.
        self.pattern = re.compile(f"[{_union_class(r['first'] for r in rows)}](?:" + "|".join(
            rf"(?<=(?=[{r['first']}])(?=(?P<{r['name']}>{r['pattern']}))[\s\S])" for r in rows) + ")")
        words = [r["word"] for r in read_table(lexicalised, required=("word",), key=("word",))]
        self.lexicalised = re.compile(alternation(words))
        self._maxlex = max(map(len, words), default=1)

    def mask(self, norm: str) -> Mask:
        """Spans of ``norm`` matched by any rule (at each position, the first rule that matches)."""
        spans = []
        for m in self.pattern.finditer(norm):
            name = m.lastgroup or ""
            s = m.start()
            spans.append((s, m.end(name) if name else m.end(), name))
        return Mask(spans)

    def lexicalised_at(self, norm: str, start: int, end: int) -> str | None:
        """A lexicalised word that begins at or before ``start`` and overlaps the numeral ``[start, end)``."""
        match = self.lexicalised.match
        for p in range(max(0, start - self._maxlex + 1), start + 1):
            m = match(norm, p)  # the longest word starting at p
            if m is not None and m.end() > start:
                return m.group()
        return None


def _union_class(classes) -> str:
    """One regex character class body holding every character of the bodies ``classes``.

    Concatenating the bodies would join a trailing '-' of one to the next ('+-' + 'A-Z' makes the
    range '+-A'), so the characters are enumerated (BMP; astral characters are added one by one) and
    written back as ranges.
    """
    bodies = list(classes)
    chars: set[str] = set()
    for body in bodies:
        chars.update(re.findall(f"[{body}]", _BMP))
    astral = [c for body in bodies for c in body if ord(c) > 0xFFFF]
    chars.update(astral)
    cps = sorted(map(ord, chars))
    out = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        a, b = re.escape(chr(cps[i])), re.escape(chr(cps[j]))
        out.append(a if i == j else f"{a}-{b}")
        i = j + 1
    return "".join(out)


_BMP = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))


@lru_cache(maxsize=1)
def default_rules() -> NonClaimRules:
    """The shipped rules (cached)."""
    return NonClaimRules()
