"""Units of measure: the shipped table ``factlib/data/units.csv`` and the regexes built from it.

A unit is looked up by the surface written after a number (``万吨`` → ``吨`` → ``t``; ``个百分点``
→ ``pp``; ``countries`` → ``country``) or before it for currency symbols (``$`` → ``USD``).
Chinese and English forms of one unit share a code.  A unit word that is not in the table is
kept as written by the extractor.

>>> units = default_units()
>>> units.lookup("个国家").code, units.lookup("countries").code
('country', 'country')
>>> units.lookup("元").code
'CNY'
>>> units.lookup("°C").code, units.lookup("Gbps").code, units.lookup("sq mi").code
('degC', 'bps', 'mi2')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factlib.vocab.regexes import alternation
from factlib.vocab.tables import TableError, read_table

__all__ = ["Unit", "UnitTable", "default_units"]

COLUMNS = ("code", "dimension", "kind", "zh", "zh_hant", "en", "prefix", "not_before")
#: optional columns (a user's table may leave them out)
OPTIONAL = ("symbol",)


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit: canonical code, what it measures and the default kind of a number carrying it."""

    code: str
    dimension: str
    kind: str


def _split(cell: str) -> list[str]:
    return [w.strip() for w in (cell or "").split("|") if w.strip()]


def _alternation(words: list[str], fold: bool = False) -> str:
    return alternation(words, fold=fold)


class UnitTable:
    """Surface form → :class:`Unit`, with compiled regexes for the extractor."""

    def __init__(self, path: str | Path = "units"):
        rows = read_table(path, required=COLUMNS, key=("code",))
        self.by_surface: dict[str, Unit] = {}
        self.prefixes: dict[str, Unit] = {}
        self.symbols: dict[str, Unit] = {}  # case-sensitive: mg, °C, km2, GHz
        self.codes: dict[str, Unit] = {}
        zh: list[str] = []
        guards: dict[str, str] = {}
        en: list[str] = []
        symbols: list[str] = []
        for row in rows:
            unit = Unit(row["code"], row["dimension"], row["kind"])
            self.codes[unit.code] = unit
            for lang, words in (("zh", _split(row["zh"])), ("en", _split(row["en"]))):
                for w in words:
                    key = w if lang == "zh" else w.lower()
                    if key in self.by_surface:
                        raise TableError(f"{path}: unit surface {w!r} listed twice "
                                         f"({self.by_surface[key].code} and {unit.code})")
                    self.by_surface[key] = unit
                    (zh if lang == "zh" else en).append(w)
                    if lang == "zh" and row.get("not_before"):
                        guards[w] = row["not_before"]
            for p in _split(row["prefix"]):
                self.prefixes[p] = unit
            for sym in _split(row.get("symbol", "")):
                if sym in self.symbols:
                    raise TableError(f"{path}: unit symbol {sym!r} listed twice "
                                     f"({self.symbols[sym].code} and {unit.code})")
                self.symbols[sym] = unit
                symbols.append(sym)
        # Chinese units are matched right after a number (optionally one space); English unit words
        # need a space (or '-' for '7.9-percent') and a word boundary after them.
        self.zh_pattern = alternation(zh, suffixes={w: f"(?![{re.escape(g)}])" for w, g in guards.items()},
                                      guard=True)
        en_words = [w for w in en if not w.startswith("-")]
        en_glued = [w for w in en if w.startswith("-")]
        self.en_pattern = (
            "(?:" + _alternation(en_glued) + ")" if en_glued else "(?!)"
        ) + r"(?![A-Za-z])|[ ](?i:" + _alternation(en_words, fold=True) + r")(?![A-Za-z])"
        if symbols:  # glued or after one space (the master pattern allows the space): 10kg, 3.5 TeV
            self.en_pattern += "|(?:" + _alternation(symbols) + ")(?![A-Za-z0-9])"
        self.prefix_pattern = _alternation(list(self.prefixes))

    def lookup(self, surface: str) -> Unit | None:
        """The unit written as ``surface`` (Chinese as is, English case-insensitively)."""
        s = surface.strip()
        return self.symbols.get(s) or self.by_surface.get(s) or self.by_surface.get(s.lower()) or self.prefixes.get(s) \
            or self.by_surface.get("-" + s.lower())  # a glued form read without its hyphen: year-olds


@lru_cache(maxsize=1)
def default_units() -> UnitTable:
    """The shipped unit table (cached)."""
    return UnitTable()
