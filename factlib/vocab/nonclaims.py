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

from factlib.vocab.cache import compile as cached_compile
from factlib.vocab.regexes import alternation
from factlib.vocab.tables import read_table

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


#: a masked span longer than this is not scanned again from inside (see :meth:`NonClaimRules.mask`)
LONG_SPAN = 256


class NonClaimRules:
    """The masking regexes and the lexicalised-numeral words."""

    def __init__(self, path: str | Path = "nonclaims", lexicalised: str | Path = "lexicalised"):
        rows = read_table(path, required=("name", "first", "pattern"), key=("name",))
        self.names = [r["name"] for r in rows]
        self.pattern, self._group_names = _compile(rows)
        words = [r["word"] for r in read_table(lexicalised, required=("word",), key=("word",))]
        self.lexicalised = cached_compile(alternation(words))
        self._maxlex = max(map(len, words), default=1)

    def mask(self, norm: str) -> Mask:
        """Spans of ``norm`` matched by any rule (at each position, the first rule that matches).

        The combined pattern consumes one character and looks ahead, so every position is tried;
        after a span longer than :data:`LONG_SPAN` the scan goes on at its end instead (matches
        starting inside it would mostly be its own suffixes: ``'https://' * 20000`` matched to
        the end of the text from every ``h``, quadratic time)."""
        names = self._group_names
        spans = []
        search = self.pattern.search
        pos = 0
        while (m := search(norm, pos)) is not None:
            g = m.lastindex
            s, e = m.start(), m.end(g)
            spans.append((s, e, names[g]))
            pos = e if e - s > LONG_SPAN else m.end()
        return Mask(spans)

    def lexicalised_at(self, norm: str, start: int, end: int) -> str | None:
        """A lexicalised word that begins at or before ``start`` and overlaps the numeral ``[start, end)``."""
        search = self.lexicalised.search
        p = max(0, start - self._maxlex + 1)
        endpos = start + self._maxlex
        while p <= start:
            m = search(norm, p, endpos)  # the longest word at the first position from p that has one
            if m is None or m.start() > start:
                return None
            if m.end() > start:
                return m.group()
            p = m.start() + 1
        return None


def _compile(rows) -> tuple[re.Pattern, dict[int, str]]:
    """:func:`_pattern_text`, compiled; both kept in the cache folder (:mod:`factlib.vocab.cache`)
    for the same rules and code (writing the classes costs a tenth of a second)."""
    import hashlib
    import json

    from factlib.vocab.cache import code_hash, memo

    spec = json.dumps([[r["name"], r["first"], r.get("not_after") or "", r["pattern"]] for r in rows],
                      ensure_ascii=False)
    key = hashlib.sha1(f"{code_hash(_pattern_text, _chars, _class_of)}\x00{spec}".encode("utf-8",
                                                                                       "surrogatepass")).hexdigest()
    text, names = memo("nonclaims", key, lambda: _pattern_text(rows))
    return cached_compile(text), dict(names)


def _pattern_text(rows) -> tuple[str, dict[int, str]]:
    """One pattern for all rules, and the rule name of each of its capturing groups.

    The pattern's leading character class (the union of the rules' first characters) lets the
    regex engine skip all other text in C.  The characters are then sorted into groups of those
    that start the same rules, and a look-behind over the consumed character picks the group:
    each alternative of the look-behind starts with its group's class, which the engine tests
    before entering it.  An optional gate (the characters that every rule of the group declares
    in ``not_after``) then skips positions such as a digit inside a number at once, and a
    look-ahead from the consumed character tries the group's rules in table order, each
    capturing its match.
    """
    firsts = [_chars(r["first"]) for r in rows]
    not_after = [_chars(r.get("not_after") or "") for r in rows]
    groups: dict[tuple[int, ...], list[str]] = {}
    for c in sorted(set().union(*firsts)):
        groups.setdefault(tuple(i for i, f in enumerate(firsts) if c in f), []).append(c)
    names: dict[int, str] = {}
    alts = []
    n = 0
    # the groups that start most often in running text first (digits, then letters and Han
    # characters): the engine tests the groups' classes in this order
    order = sorted(groups.items(), key=lambda kv: (not kv[1][0].isdigit(), -sum(
        (c.isascii() and c.isalpha()) or "\u4e00" <= c <= "\u9fff" for c in kv[1]), kv[0]))
    for rule_ids, chars in order:
        gate = set.intersection(*(not_after[i] for i in rule_ids))
        bodies = []
        for i in rule_ids:
            n += 1
            names[n] = rows[i]["name"]
            bodies.append(f"({rows[i]['pattern']})")
            n += re.compile(rows[i]["pattern"]).groups
        guard = f"(?<![{_class_of(gate)}].)" if gate else ""
        alts.append(f"[{_class_of(chars)}]{guard}(?<=(?=" + "|".join(bodies) + r")[\s\S])")
    union = _class_of(set().union(*firsts))
    return f"[{union}](?<=" + "|".join(alts) + ")", names


def _chars(body: str) -> set[str]:
    """The characters of the regex character class body ``body`` (BMP, plus astral ones written out)."""
    if not body:
        return set()
    chars = set(re.findall(f"[{body}]", _BMP))
    chars.update(c for c in body if ord(c) > 0xFFFF)
    return chars


def _class_of(chars) -> str:
    """A character class body holding exactly ``chars``, written as ranges (enumerated rather
    than joined from the tables' bodies: a trailing '-' of one body would join the next into a
    range, '+-' + 'A-Z' making '+-A')."""
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
