"""Cleaning: inline pinyin annotations and page boilerplate.

Mirror sites sometimes print the pinyin of a character right after it, ``網(wǎng)民``;
when the character itself was lost the annotation follows a ``?`` (``日?(qǐng)``).
Such annotations are removed; a parenthesis is taken for pinyin only when it follows
a visible character and holds one syllable with a tone mark (``(de)`` without a tone stays).

Boilerplate lines come from ``data/boilerplate.csv`` (a list users can extend).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .tables import read_table

__all__ = ["remove_pinyin", "Boilerplate", "default_boilerplate"]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"(?=[a-zü{_TONED}]*[{_TONED}])[a-zü{_TONED}]{{1,6}}"
# "網(wǎng)" (after any visible character) or "?qǐng)" (a lost character swallowed the "(")
_PINYIN = re.compile(rf"(?:(?<=[^\s(（])[(（]|(?<=\?)){_SYLLABLE}[)）]")


def remove_pinyin(text: str) -> str:
    """Drop inline pinyin annotations such as ``網(wǎng)`` → ``網``."""
    if ")" not in text and "）" not in text:
        return text
    return _PINYIN.sub("", text)


@dataclass(frozen=True)
class Boilerplate:
    lines: frozenset[str]
    contains: tuple[tuple[str, int], ...]
    regexes: tuple[tuple[re.Pattern, int], ...]

    @classmethod
    def from_table(cls, name_or_path: str = "boilerplate") -> "Boilerplate":
        rows = read_table(name_or_path, required=("pattern", "match", "max_len"), key=("pattern", "match"))
        lines, contains, regexes = set(), [], []
        for row in rows:
            limit = int(row["max_len"]) if row["max_len"].strip() else 10**9
            kind = row["match"].strip()
            if kind == "line":
                lines.add(row["pattern"].strip())
            elif kind == "contains":
                contains.append((row["pattern"], limit))
            elif kind == "regex":
                regexes.append((re.compile(row["pattern"]), limit))
            else:
                raise ValueError(f"boilerplate table: unknown match kind {kind!r}")
        return cls(frozenset(lines), tuple(contains), tuple(regexes))

    def is_boilerplate(self, simplified_line: str) -> bool:
        s = simplified_line.strip()
        if not s:
            return False
        if s in self.lines:
            return True
        n = len(s)
        for pat, limit in self.contains:
            if n <= limit and pat in s:
                return True
        for rx, limit in self.regexes:
            if n <= limit and rx.search(s):
                return True
        return False

    @property
    def longest(self) -> int:
        """Longest line that any row can match (longer lines are never boilerplate)."""
        limits = [len(x) for x in self.lines] + [n for _, n in self.contains] + [n for _, n in self.regexes]
        return min(max(limits, default=0), 400)

    def drop(self, text: str) -> str:
        """Text without its boilerplate lines (compared in simplified script)."""
        from .normalize import to_simplified

        longest = self.longest
        out = []
        for line in text.split("\n"):
            if len(line) <= longest and self.is_boilerplate(to_simplified(line)):
                continue
            out.append(line)
        return "\n".join(out)


@lru_cache(maxsize=1)
def default_boilerplate() -> Boilerplate:
    return Boilerplate.from_table()
