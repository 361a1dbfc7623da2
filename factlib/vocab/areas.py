"""Areas: where a figure was measured (``factlib/data/areas.csv``).

Codes are ISO 3166 (``CN``, ``US``; ``HK``/``MO``/``TW`` as economies), ISO 3166-2:CN for
provincial-level divisions (``CN-ZJ``) and province code + initials for cities (``CN-ZJ-HZ``).

>>> areas = default_areas()
>>> [(m.code, m.surface) for m in areas.find_all("浙江省杭州市网民规模")]
[('CN-ZJ', '浙江省'), ('CN-ZJ-HZ', '杭州市')]
>>> areas.ancestors("CN-ZJ-HZ")
('CN-ZJ', 'CN')
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factlib.vocab.regexes import alternation
from factlib.vocab.tables import TableError, read_table
from factlib.vocab.t2s import to_simplified
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

__all__ = ["Area", "AreaMatch", "AreaSpans", "Areas", "default_areas", "LEVELS"]

LEVELS = ("world", "union", "country", "economy", "province", "city")


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    parent: str | None
    level: str
    name_zh: str
    name_en: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AreaMatch:
    code: str
    start: int
    end: int
    surface: str


class Areas:
    """The area table with one search pattern over all names (longest first)."""

    def __init__(self, path: str | Path = "areas"):
        rows = read_table(path, required=("code", "parent", "level", "name_zh", "name_en", "aliases_zh",
                                          "aliases_en"), key=("code",))
        self._info: dict[str, Area] = {}
        self._name: dict[str, str] = {}
        for row in rows:
            if row["level"] not in LEVELS:
                raise TableError(f"{path}: unknown level {row['level']!r} for {row['code']!r}")
            names = [row["name_zh"], *row["aliases_zh"].split("|"), row["name_en"], *row["aliases_en"].split("|")]
            names = tuple(n.strip() for n in names if n.strip())
            area = Area(row["code"], row["parent"] or None, row["level"], row["name_zh"], row["name_en"], names)
            self._info[area.code] = area
            for n in names:
                if not n.isascii() and len(n) < 2:
                    continue  # 浙, 京: abbreviations are not matched alone in running text
                key = n.lower() if n.isascii() else n
                if self._name.get(key, area.code) != area.code:
                    raise TableError(f"{path}: area name {n!r} for both {self._name[key]!r} and {area.code!r}")
                self._name[key] = area.code
        for code, area in self._info.items():
            if area.parent is not None and area.parent not in self._info:
                raise TableError(f"{path}: {code}: unknown parent {area.parent!r}")
        zh = [n for n in self._name if not n.isascii()]
        en = [n for n in self._name if n.isascii()]
        self._zh = re.compile(alternation(zh))
        self._en = re.compile(_en_guard(en) + r"(?<![A-Za-z])(?:" + alternation(en, fold=True) + r")(?![A-Za-z])",
                              re.I)

    def __contains__(self, code: object) -> bool:
        return code in self._info

    def info(self, code: str) -> Area:
        return self._info[code]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self._info)

    def code_for(self, name: str) -> str | None:
        """The code of an area name (``浙江省``, ``浙江``, ``Zhejiang``, ``CN-ZJ``), or None."""
        name = name.strip()
        if name in self._info:
            return name
        return self._name.get(name.lower() if name.isascii() else to_simplified(name))

    def parent(self, code: str) -> str | None:
        area = self._info.get(code)
        return area.parent if area else None

    def ancestors(self, code: str) -> tuple[str, ...]:
        out = []
        parent = self.parent(code)
        while parent is not None and parent not in out:
            out.append(parent)
            parent = self.parent(parent)
        return tuple(out)

    def within(self, code: str, other: str) -> bool:
        """True when ``code`` is ``other`` or lies inside it (CN-ZJ-HZ within CN-ZJ, CN)."""
        return code == other or other in self.ancestors(code)

    def may_name(self, text: str) -> bool:
        """False when simplified ``text`` names no area for certain (no letter for the English
        names, no match of the Chinese ones): ``find_all(text, simplified=True)`` is then ``[]``."""
        # (two searches: one pattern ``(?i:[A-Za-z])|<names>`` tried the case-folded class and the names'
        # alternation at every position, several times as slow as the letter class and the names apart)
        return _LETTER.search(text) is not None or self._zh.search(text) is not None

    def find_all(self, text: str, simplified: bool = False) -> list[AreaMatch]:
        """Every area name in ``text`` (simplified or traditional Chinese, English), left to right.
        ``simplified``: the text is already simplified Chinese (skips the t2s pass)."""
        return list(self._find_all(text, simplified))

    @lru_cache(maxsize=65536)  # noqa: B019 (one table per process; phrases repeat across a corpus)
    def _find_all(self, text: str, simplified: bool) -> tuple[AreaMatch, ...]:
        return self._scan(text, simplified)[0]

    def _scan(self, text: str, simplified: bool) -> tuple[tuple[AreaMatch, ...], list[tuple[int, int]]]:
        """(the area matches of ``text``, the spans of every pattern match, named or not)."""
        out = []
        spans = []
        simple = text if simplified else to_simplified(text)
        same = len(simple) == len(text)
        target = simple if same else text
        for rx in (self._zh, self._en):
            if rx is self._en and _LETTER.search(target) is None:
                continue  # every English name holds a letter that _LETTER matches
            for m in rx.finditer(target):
                spans.append((m.start(), m.end()))
                surface = text[m.start():m.end()]
                key = m.group().lower() if m.group().isascii() else m.group()
                code = self._name.get(key)
                if code is not None:
                    out.append(AreaMatch(code, m.start(), m.end(), surface))
        out.sort(key=lambda a: (a.start, -a.end))
        return tuple(out), spans


#: what the English pattern's look-arounds (``[A-Za-z]`` under ``re.I``) test: the ASCII letters and the four
#: characters that case-fold to one of them (İ ı ſ K), written out (a class without ``re.I`` is searched
#: about twice as fast)
_LETTER = re.compile("[A-Za-z\u0130\u0131\u017f\u212a]")


def _en_guard(names) -> str:
    """A look-ahead for the first characters of the English names: the pattern, which starts with a
    look-behind, is tried only where a name can start (six times as fast on Chinese text with Latin
    letters; under ``re.I`` a class folds case as the names' own first letters do)."""
    firsts = sorted({n[0].lower() for n in names if n})
    return "(?=[" + "".join(re.escape(ch) for ch in firsts) + "])" if firsts else ""


class AreaSpans:
    """:meth:`Areas.find_all` (``simplified=True``) over many slices of one text, from one scan of
    the whole text: ``find_all(a, b)`` equals ``areas.find_all(text[a:b], simplified=True)``.

    A slice's matches are the whole text's matches inside it when no match of either pattern
    (kept or not) crosses a slice end and no slice end is next to a Latin letter (the English
    pattern's look-arounds); otherwise the slice is scanned on its own."""

    __slots__ = ("areas", "text", "_raw", "_matches", "_letter")

    def __init__(self, areas: Areas, text: str):
        self.areas = areas
        self.text = text
        self._raw: list[tuple[int, int]] | None = None
        self._matches: tuple[AreaMatch, ...] = ()
        self._letter = True

    def _scan(self) -> None:
        self._letter = _LETTER.search(self.text) is not None
        if not self._letter and self.areas._zh.search(self.text) is None:  # noqa: SLF001
            self._raw = []  # what the full scan finds in a text without a letter or a Chinese name
            return
        self._matches, self._raw = self.areas._scan(self.text, True)  # noqa: SLF001

    def _safe(self, pos: int) -> bool:
        text = self.text
        if 0 < pos < len(text) and (_LETTER.match(text, pos - 1) or _LETTER.match(text, pos)):
            return False
        return not any(s < pos < e for s, e in self._raw)  # type: ignore[union-attr]

    def find_all(self, a: int, b: int) -> list[AreaMatch]:
        n = len(self.text)
        a, b = max(0, min(a, n)), max(0, min(b, n))
        if b <= a:
            return []
        if self._raw is None:
            self._scan()
        if not self._raw and not self._letter:
            # no name of either pattern anywhere in the text (the Chinese one has no look-arounds, so a
            # slice holds no match the whole text lacks) and no letter for a slice end to cut
            return []
        # the text's own ends are always safe (no match crosses them, no letter lies beyond them)
        if not ((a == 0 or self._safe(a)) and (b == n or self._safe(b))):
            return self.areas.find_all(self.text[a:b], simplified=True)
        if a == 0 and b == n:
            return list(self._matches)
        return [m if a == 0 else AreaMatch(m.code, m.start - a, m.end - a, m.surface)
                for m in self._matches if a <= m.start and m.end <= b]


@lru_cache(maxsize=1)
def default_areas() -> Areas:
    """The shipped area table (cached)."""
    return Areas()
