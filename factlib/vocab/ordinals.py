"""English ordinals: ``4th``, ``14th``, ``21st``, ``the fourth``, ``China's second`` → kind ordinal.

The words are data (``factlib/data/ordinals.csv``: ordinal words with their values, numeric
suffixes, the determiners that make an ordinal word a claim, and the words after it that make it a
period window — ``the first half`` — or a rank — ``the second largest``).  Chinese ordinals
(``第四届``) are found by the extractor's number scan; the five-year-plan shorthand ``十四五`` is
found here too, since it is the ordinal 14 that ``14th Five-Year Plan`` translates.

>>> o = default_ordinals()
>>> [(m.start, m.end, m.value, m.kind) for m in o.finditer("the 4th World Internet Conference")]
[(4, 7, Decimal('4'), 'ordinal')]
>>> [(m.value, m.kind) for m in o.finditer("China's second largest city, the first half")]
[(Decimal('2'), 'rank')]
>>> [(m.value, m.kind) for m in o.finditer_zh("“十四五”规划")]
[(Decimal('14'), 'ordinal')]
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from factlib.vocab.regexes import alternation
from factlib.vocab.tables import TableError, read_table
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

__all__ = ["OrdinalMatch", "Ordinals", "default_ordinals"]

ROLES = ("ordinal", "suffix", "determiner", "not_after", "rank_after", "rank_before", "zh_word")
_ZH_SMALL = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# the five-year-plan shorthand: 十四五 = the 14th Five-Year Plan, when a plan word or quotes frame it
# found from its last character (a literal the regex engine searches fast); the number before it
# is read in Python: [十一二三四五六七八九][一二三四五六七八九]? right before the 五
_ZH_PLAN = re.compile(r"五(?= ?(?:规划|计划|时期|期间|期末|末|初|以来|开局|收官|”|\"|』|」))")
_PLAN_FIRST = frozenset("十一二三四五六七八九")
_PLAN_SECOND = frozenset("一二三四五六七八九")
_ZH_NUMERAL_BEFORE = frozenset("一二三四五六七八九十百千万亿零〇两0123456789")


@dataclass(frozen=True, slots=True)
class OrdinalMatch:
    """An ordinal found in normalised text: ``norm[start:end]`` is its surface."""

    start: int
    end: int
    value: Decimal
    kind: str  # ordinal | rank


class Ordinals:
    """English ordinal words and suffixes, with the context rules of the table."""

    def __init__(self, path: str | Path = "ordinals", numerals: str | Path = "numerals"):
        rows = read_table(path, required=("word", "role", "value"), key=("word", "role"))
        by_role: dict[str, dict[str, Decimal | None]] = {r: {} for r in ROLES}
        for row in rows:
            role = row["role"]
            if role not in by_role:
                raise TableError(f"{path}: unknown role {role!r} for {row['word']!r}")
            value = Decimal(row["value"]) if row.get("value") else None
            if role in ("ordinal", "zh_word") and value is None:
                raise TableError(f"{path}: ordinal {row['word']!r} has no value")
            by_role[role][row["word"].lower()] = value
        self.words: dict[str, Decimal] = {w: v for w, v in by_role["ordinal"].items() if v is not None}
        numeral_rows = read_table(numerals, required=("symbol", "kind", "value", "style"))
        tens = {r["symbol"].lower(): Decimal(r["value"]) for r in numeral_rows
                if r["kind"] == "en_tens" and r.get("value") and Decimal(r["value"]) >= 20}
        # a cardinal after an ordinal makes a window: the first three quarters
        self.cardinals = frozenset(r["symbol"].lower() for r in numeral_rows if r["style"] == "en")
        for t, tv in tens.items():  # twenty-first … ninety-ninth
            for w, v in list(by_role["ordinal"].items()):
                if v is not None and 1 <= v <= 9:
                    self.words[f"{t}-{w}"] = tv + v
        self.zh_words: dict[str, Decimal] = {w: v for w, v in by_role["zh_word"].items() if v is not None}
        self._zh_word_re = re.compile(alternation(self.zh_words))
        self.determiners = frozenset(by_role["determiner"])
        self.not_after = frozenset(by_role["not_after"])
        self.rank_after = frozenset(by_role["rank_after"])
        self.rank_before = frozenset(by_role["rank_before"])
        alt = "|".join(re.escape(w) for w in sorted(self.words, key=lambda w: (-len(w), w)))
        suffixes = "|".join(re.escape(s) for s in sorted(by_role["suffix"], key=lambda w: (-len(w), w)))
        self._re = re.compile(
            rf"(?<![A-Za-z0-9.,])(?P<num>[0-9]{{1,4}})(?P<suf>{suffixes})(?![A-Za-z0-9])"
            rf"|(?<![A-Za-z-])(?P<word>{alt})(?![A-Za-z])",
            re.I,
        )
        self._next = re.compile(r"[ -]+([A-Za-z]+|[0-9])")
        self._prev = re.compile(r"([A-Za-z]+)(?:'s|’s)?\s+$")

    def finditer(self, norm: str, lo: int = 0, hi: int | None = None):
        """English ordinals in ``norm[lo:hi]`` that are claims (not period windows or idioms)."""
        hi = len(norm) if hi is None else hi
        for m in self._re.finditer(norm, lo, hi):
            nxt_m = self._next.match(norm, m.end(), min(hi, m.end() + 40))
            nxt = nxt_m.group(1).lower() if nxt_m is not None else ""
            if nxt.isdigit() or nxt in self.cardinals:
                # the first three quarters, the first 10 days: look at the word after the count
                # (a hyphen makes a compound modifier instead: the 14th Five-Year Plan)
                after = re.match(r"[0-9]* +([A-Za-z]+)", norm[nxt_m.end():min(hi, nxt_m.end() + 30)])
                if after is not None and after.group(1).lower() in self.not_after:
                    continue
            if nxt in self.not_after or nxt in self.words:
                continue  # the first half, the first quarter: a period window
            if m.group("num"):
                n = int(m.group("num"))
                suf = m.group("suf").lower()
                if suf != {1: "st", 2: "nd", 3: "rd"}.get(n % 10 if n % 100 not in (11, 12, 13) else 0, "th"):
                    continue  # 4st is no ordinal
                value = Decimal(n)
            else:
                value = self.words[m.group("word").lower()]
            prev_m = self._prev.search(norm, max(lo, m.start() - 30), m.start())
            prev = prev_m.group(1).lower() if prev_m is not None else ""
            possessive = prev_m is not None and prev_m.group().rstrip().endswith(("'s", "’s"))
            if m.group("word") and not (prev in self.determiners or possessive or prev in self.rank_before):
                continue  # 'First, …', 'a second': enumerations and idioms
            kind = "rank" if nxt in self.rank_after or prev in self.rank_before else "ordinal"
            yield OrdinalMatch(m.start(), m.end(), value, kind)

    def finditer_zh(self, norm: str, lo: int = 0, hi: int | None = None):
        """Five-year-plan shorthands (``十四五`` → ordinal 14) and ordinal words (``首届`` → 1) in
        normalised Chinese text, in reading order."""
        hi = len(norm) if hi is None else hi
        found = [OrdinalMatch(m.start(), m.end(), self.zh_words[m.group()], "ordinal")
                 for m in self._zh_word_re.finditer(norm, lo, hi)]
        found.extend(self._plans(norm, lo, hi))
        return sorted(found, key=lambda o: o.start)

    def _plans(self, norm: str, lo: int, hi: int):
        taken = lo
        for m in _ZH_PLAN.finditer(norm, lo, hi):
            five = m.start()
            if five - 2 >= taken and norm[five - 2] in _PLAN_FIRST and norm[five - 1] in _PLAN_SECOND:
                start = five - 2
            elif five - 1 >= taken and norm[five - 1] in _PLAN_FIRST:
                start = five - 1
            else:
                continue
            taken = m.end()
            n = norm[start:five]
            if len(n) == 2 and n[0] != "十" or start > 0 and norm[start - 1] in _ZH_NUMERAL_BEFORE:
                continue  # 三四五, 二十五: not a plan number
            value = 10 + _ZH_SMALL.get(n[1:], 0) if n.startswith("十") else _ZH_SMALL[n]
            yield OrdinalMatch(start, m.end(), Decimal(value), "ordinal")


@lru_cache(maxsize=1)
def default_ordinals() -> Ordinals:
    """The shipped ordinal table (cached)."""
    return Ordinals()
