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

from factlib.vocab.tables import read_table

__all__ = ["remove_pinyin", "Boilerplate", "default_boilerplate"]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_TONE_SET = frozenset(_TONED)
# a candidate starts with its opening character, so the regex engine skips other text in C:
# "(wǎng)" / "（wǎng）" after a character, or "?qǐng)" where a lost character swallowed the "("
_CANDIDATE = re.compile(rf"[(（?][a-zü{_TONED}]{{1,6}}[)）]")
_OPENING = frozenset("(（")


def _drop_annotation(m: re.Match) -> str:
    s = m.group()
    if _TONE_SET.isdisjoint(s):
        return s  # no tone mark: "(de)", "(ok)" are words, not pinyin
    if s[0] == "?":
        return "?"
    start = m.start()
    before = m.string[start - 1] if start else ""
    if not before or before in _OPENING or before.isspace():
        return s  # an annotation follows a visible character
    return ""


def remove_pinyin(text: str) -> str:
    """Drop inline pinyin annotations such as ``網(wǎng)`` → ``網``."""
    if ")" not in text and "）" not in text:
        return text
    return _CANDIDATE.sub(_drop_annotation, text)


@lru_cache(maxsize=None)
def _opencc(cfg: str):
    """One OpenCC converter per configuration (building one takes ~0.1 s)."""
    import opencc

    return opencc.OpenCC(cfg)


def _both_scripts(pattern: str) -> set[str]:
    """A simplified pattern and its traditional spellings (OpenCC s2t, s2tw, s2hk)."""
    forms = {pattern}
    for cfg in ("s2t", "s2tw", "s2hk"):
        forms.add(_opencc(cfg).convert(pattern))
    return forms


def _all_scripts(patterns: list[str]) -> list[list[str]]:
    """:func:`_both_scripts` of each pattern (sorted lists), kept in the cache folder per OpenCC
    version and pattern list (building the three converters costs ~0.1 s)."""
    from factlib.vocab.cache import code_hash, memo
    from factlib.vocab.t2s import opencc_version

    key = "\x00".join([opencc_version(), code_hash(_both_scripts), *patterns])
    return memo("boilerplate-scripts", key, lambda: [sorted(_both_scripts(p)) for p in patterns])


@dataclass(frozen=True)
class Boilerplate:
    """Boilerplate rows compiled for speed: a set of whole lines, one alternation for
    the ``contains`` rows (in both scripts), and the ``regex`` rows."""

    lines: frozenset[str]
    contains: re.Pattern | None
    limits: dict[str, int]
    regexes: tuple[tuple[re.Pattern, int], ...]
    longest: int

    @classmethod
    def from_table(cls, name_or_path: str = "boilerplate") -> "Boilerplate":
        rows = read_table(name_or_path, required=("pattern", "match", "max_len"), key=("pattern", "match"))
        lines: set[str] = set()
        limits: dict[str, int] = {}
        regexes = []
        # the spellings of every line and contains pattern, made at once (and cached)
        spelled = [r["pattern"].strip() if r["match"].strip() == "line" else r["pattern"] for r in rows
                   if r["match"].strip() in ("line", "contains")]
        both = dict(zip(spelled, _all_scripts(spelled)))
        for row in rows:
            kind = row["match"].strip()
            limit = int(row["max_len"]) if row["max_len"].strip() else 0
            if kind == "line":
                forms = set(both[row["pattern"].strip()])
                lines |= forms
                limit = max(len(f) for f in forms)
            elif kind == "contains":
                if not limit:
                    raise ValueError(f"boilerplate table: contains row {row['pattern']!r} needs max_len")
                for form in both[row["pattern"]]:
                    limits[form] = max(limit, limits.get(form, 0))
            elif kind == "regex":
                if not limit:
                    raise ValueError(f"boilerplate table: regex row {row['pattern']!r} needs max_len")
                regexes.append((re.compile(row["pattern"]), limit))
            else:
                raise ValueError(f"boilerplate table: unknown match kind {kind!r}")
        alternation = "|".join(re.escape(p) for p in sorted(limits, key=len, reverse=True))
        longest = max([len(x) for x in lines] + list(limits.values()) + [n for _, n in regexes], default=0)
        return cls(frozenset(lines), re.compile(alternation) if alternation else None, limits,
                   tuple(regexes), longest)

    def is_boilerplate(self, line: str) -> bool:
        s = line.strip()
        if not s or len(s) > self.longest:
            return False
        if s in self.lines:
            return True
        n = len(s)
        if self.contains is not None:
            for m in self.contains.finditer(s):
                if n <= self.limits[m.group()]:
                    return True
        for rx, limit in self.regexes:
            if n <= limit and rx.search(s):
                return True
        return False

    def drop(self, text: str) -> str:
        """Text without its boilerplate lines; runs of blank lines left behind collapse to one."""
        longest = self.longest
        out: list[str] = []
        blank = False
        for line in text.split("\n"):
            if len(line) <= longest:
                if self.is_boilerplate(line):
                    continue
                if not line.strip():
                    if blank:
                        continue
                    blank = True
                    out.append(line)
                    continue
            blank = False
            out.append(line)
        return "\n".join(out)


@lru_cache(maxsize=1)
def default_boilerplate() -> Boilerplate:
    return Boilerplate.from_table()
