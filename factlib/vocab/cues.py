"""Cue words that decide a claim's kind, direction, period base and metric boundaries.

The words are data (``factlib/data/cues.csv``, one row per cue and role).  This module groups them
by role and builds the few regexes the extractor and the attribution code need.

>>> cues = default_cues()
>>> "增长" in cues.words("up"), "下降" in cues.words("down")
(True, True)
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from factlib.vocab.regexes import alternation
from factlib.vocab.tables import TableError, read_table

__all__ = ["CueTable", "default_cues", "ROLES"]

ROLES = ("up", "down", "change", "rate_noun", "base", "ordinal", "rank", "duration",
         "duration_after", "predicate", "filler", "not_predicate", "continue", "point", "plan", "to_level",
         "vs_area", "average", "stock_word", "flow_word", "lead_verb", "stating", "scope", "part_of")


class CueTable:
    """Cue words by role."""

    def __init__(self, path: str | Path = "cues"):
        rows = read_table(path, required=("cue", "lang", "role"), key=("cue", "role"))
        self._by_role: dict[str, frozenset[str]] = {}
        acc: dict[str, set[str]] = {r: set() for r in ROLES}
        for row in rows:
            if row["role"] not in acc:
                raise TableError(f"{path}: unknown role {row['role']!r} for cue {row['cue']!r}")
            acc[row["role"]].add(row["cue"])
        self._by_role = {r: frozenset(ws) for r, ws in acc.items()}
        en = lambda r: [w for w in self._by_role[r] if w.isascii()]  # noqa: E731
        # direction / change words, searched in the predicate part before a number
        self.rate_noun_en = re.compile(r"\b(?:" + alternation(en("rate_noun")) + r")\b", re.I)

    def words(self, role: str) -> frozenset[str]:
        """All cue words of ``role``."""
        return self._by_role[role]

    def direction(self, word: str) -> str:
        """'up', 'down' or '' for a change word."""
        w = word.lower()
        if w in self._by_role["down"]:
            return "down"
        if w in self._by_role["up"]:
            return "up"
        return ""


@lru_cache(maxsize=1)
def default_cues() -> CueTable:
    """The shipped cue table (cached)."""
    return CueTable()
