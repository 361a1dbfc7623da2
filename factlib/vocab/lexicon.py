"""The metric lexicon: canonical keys for what a claim measures, with a part/whole hierarchy.

The vocabulary is data (``factlib/data/metrics.csv``); this module only loads it, indexes the
aliases and answers questions about it.  A lexicon is an object, built from the shipped table
plus any user tables, so tests can build a tiny one:

>>> lex = default_lexicon()
>>> lex.key_for("截至2022年12月我国網民規模")
'internet_users'
>>> lex.key_for("手机网民规模")                 # the most specific alias wins
'mobile_internet_users'
>>> lex.key_for("Internet users")
'internet_users'
>>> lex.ancestors("online_shopping_users")
('internet_users', 'population')

Phrases and aliases are compared after the same normalisation: NFKC, traditional to simplified
(OpenCC ``t2s``), lower case, quotes removed, pinyin glosses such as ``規(guī)模`` dropped.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factlib.vocab.cache import compile as cached_compile
from factlib.vocab.regexes import alternation
from factlib.vocab.tables import TableError, read_table
from factlib.vocab.t2s import to_simplified
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

__all__ = [
    "LexiconError",
    "MetricInfo",
    "MetricMatch",
    "MetricLexicon",
    "default_lexicon",
    "normalize_phrase",
    "MEASURES",
]

METRIC_COLUMNS = (
    "metric_key",
    "parent_key",
    "unit",
    "kind",
    "label_zh",
    "label_en",
    "aliases_zh",
    "aliases_en",
)
#: columns every shipped row fills (tests/test_lexicon.py); optional in a user's own table
METRIC_OPTIONAL_COLUMNS = ("measure", "area", "modifiers", "note")
#: stock: measured at a point; flow: over an interval; event: a one-off happening (see metrics.csv)
MEASURES = ("stock", "flow", "event")


#: the shipped tables, read in this order: the digital-economy metrics and the national indicator
#: system of the statistics bureau's communiqué (issue 15)
SHIPPED_TABLES = ("metrics", "metrics_indicators")


class LexiconError(TableError):
    """The metric lexicon is inconsistent (an alias for two keys, an unknown parent, a cycle)."""


@dataclass(frozen=True)
class MetricInfo:
    """One row of the metric lexicon."""

    key: str
    parent: str | None
    unit: str
    kind: str
    label_zh: str
    label_en: str
    aliases_zh: tuple[str, ...]
    aliases_en: tuple[str, ...]
    note: str = ""
    measure: str = ""
    """``stock`` | ``flow`` | ``event`` (:data:`MEASURES`); '' in a user table that leaves it out."""
    area: str = ""
    """The fixed area of an area-specific metric (``CN-ZJ``), or '' (any area)."""
    modifiers: tuple[str, ...] = ()
    """Words that turn the parent metric into this one (农村 + 网民规模 → rural_internet_users)."""


@dataclass(frozen=True)
class MetricMatch:
    """The alias found in a phrase.

    ``exact`` is true when nothing but neutral words (scope, time, verbs of stating; see
    ``factlib/data/metric_neutral_words.csv``), digits and punctuation surround the alias:
    ``我国网民规模`` is exact, ``农村网民规模`` would be partial if 农村网民 were not an alias itself.
    """

    key: str
    alias: str
    start: int
    end: int
    exact: bool


# --- normalisation ---------------------------------------------------------------------------

_PINYIN_GLOSS = re.compile(r"\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)", re.I)
_QUOTE_CHARS = frozenset("\"'“”‘’「」『』《》〈〉【】")
_QUOTES = re.compile(f"[{re.escape(''.join(sorted(_QUOTE_CHARS)))}]")
_SPACE = re.compile(r"\s+")
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_PARENS = re.compile(r"\([^()]*\)")
_NOT_WORD = re.compile(r"[\d\W_]+")


@lru_cache(maxsize=4)
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


@lru_cache(maxsize=65536)
def normalize_phrase(phrase: str) -> str:
    """Normalise a metric phrase or alias for matching (see the module docstring)."""
    text = unicodedata.normalize("NFKC", phrase or "")
    if "(" in text:  # NFKC made every parenthesis ASCII
        text = _PINYIN_GLOSS.sub("", text)
    text = to_simplified(text)
    if not _QUOTE_CHARS.isdisjoint(text):
        text = _QUOTES.sub("", text)
    text = text.lower()
    if text.isalnum():
        return text  # no spaces, punctuation or quotes left to tidy (most Chinese phrases)
    text = _SPACE_NEAR_CJK.sub("", text)
    return _SPACE.sub(" ", text).strip()


def _split_aliases(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in (cell or "").split("|") if a.strip())


def _is_ascii_word(alias: str) -> bool:
    return alias.isascii()


# --- the lexicon -----------------------------------------------------------------------------


class MetricLexicon:
    """Metric keys, their aliases in zh-Hans / zh-Hant / en, and the part/whole hierarchy."""

    def __init__(
        self,
        rows: Iterable[Mapping[str, str]],
        neutral_words: Iterable[str] = (),
    ) -> None:
        self._info: dict[str, MetricInfo] = {}
        self._alias_key: dict[str, str] = {}
        for row in rows:
            self._add_row(row)
        self._check_hierarchy()
        self._children: dict[tuple[str, str], str] = {}
        for key, info in self._info.items():
            for word in info.modifiers:
                norm = normalize_phrase(word)
                other = self._children.get((info.parent, norm))
                if other is not None and other != key:
                    raise LexiconError(f"modifier {word!r} of {info.parent!r} gives both {other!r} and {key!r}")
                self._children[(info.parent, norm)] = key  # type: ignore[index]
        self._neutral = tuple(sorted({normalize_phrase(w) for w in neutral_words if w.strip()}, key=len, reverse=True))
        self._tries = self._build_tries()

    # construction ------------------------------------------------------------------------
    @classmethod
    def from_tables(
        cls,
        paths: Sequence[str | Path] = (),
        include_default: bool = True,
    ) -> "MetricLexicon":
        """Build from the shipped ``metrics.csv`` and ``metrics_indicators.csv`` (unless ``include_default`` is false) plus user CSVs
        of the same schema.  A user row may not reuse a shipped key or alias for another metric."""
        rows: list[Mapping[str, str]] = []
        sources: list[str | Path] = (list(SHIPPED_TABLES) if include_default else []) + list(paths)
        for source in sources:
            rows.extend(read_table(source, required=METRIC_COLUMNS, key=("metric_key",)))
        neutral = [r["word"] for r in read_table("metric_neutral_words", required=("word",), key=("word",))]
        return cls(rows, neutral)

    def _add_row(self, row: Mapping[str, str]) -> None:
        key = (row.get("metric_key") or "").strip()
        if not re.fullmatch(r"[a-z0-9_]+", key):
            raise LexiconError(f"metric_key {key!r} is not snake_case ASCII")
        if key in self._info:
            raise LexiconError(f"metric_key {key!r} is defined twice")
        info = MetricInfo(
            key=key,
            parent=(row.get("parent_key") or "").strip() or None,
            unit=(row.get("unit") or "").strip(),
            kind=(row.get("kind") or "").strip(),
            label_zh=(row.get("label_zh") or "").strip(),
            label_en=(row.get("label_en") or "").strip(),
            aliases_zh=_split_aliases(row.get("aliases_zh", "")),
            aliases_en=_split_aliases(row.get("aliases_en", "")),
            note=(row.get("note") or "").strip(),
            measure=(row.get("measure") or "").strip(),
            area=(row.get("area") or "").strip(),
            modifiers=_split_aliases(row.get("modifiers", "")),
        )
        if info.measure and info.measure not in MEASURES:
            raise LexiconError(f"{key}: measure {info.measure!r} is not one of {', '.join(MEASURES)}")
        if info.modifiers and info.parent is None:
            raise LexiconError(f"{key}: modifiers need a parent_key")
        self._info[key] = info
        for alias in (*info.aliases_zh, *info.aliases_en, info.label_zh, info.label_en):
            norm = normalize_phrase(alias)
            if not norm:
                continue
            other = self._alias_key.get(norm)
            if other is not None and other != key:
                raise LexiconError(f"alias {alias!r} maps to both {other!r} and {key!r}")
            self._alias_key[norm] = key
            # a phrase is matched with its parentheses dropped (广义货币(M2)余额 → 广义货币余额), so an
            # alias that holds a parenthesis also stands without it, unless that names another metric
            bare = _PARENS.sub("", norm).strip() if "(" in norm else norm
            if bare and bare != norm:
                self._alias_key.setdefault(bare, key)

    def _check_hierarchy(self) -> None:
        for key, info in self._info.items():
            if info.parent is not None and info.parent not in self._info:
                raise LexiconError(f"{key}: parent_key {info.parent!r} is not a metric_key")
            seen = {key}
            parent = info.parent
            while parent is not None:
                if parent in seen:
                    raise LexiconError(f"{key}: parent_key cycle through {parent!r}")
                seen.add(parent)
                parent = self._info[parent].parent

    def _build_tries(self) -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]] | None:
        """Two tries of the aliases, longest first: Chinese (and mixed) aliases as written,
        English ones as whole words with an optional plural; and the first characters of all."""
        if not self._alias_key:
            return None
        ascii_words = [a for a in self._alias_key if _is_ascii_word(a)]
        other = [a for a in self._alias_key if not _is_ascii_word(a)]
        zh = cached_compile(f"(?:{alternation(other)})")
        en = cached_compile(r"(?<![a-z0-9])(?:" + alternation(
            ascii_words, suffixes={a: r"(?:e?s)?(?![a-z0-9])" for a in ascii_words}) + ")")
        return zh, en, frozenset(a[0] for a in self._alias_key)

    # queries -----------------------------------------------------------------------------
    @property
    def keys(self) -> tuple[str, ...]:
        """All metric keys, in table order."""
        return tuple(self._info)

    @property
    def aliases(self) -> dict[str, str]:
        """Alias -> key, with each Chinese alias also in its traditional form (OpenCC ``s2t``)."""
        out = dict(self._alias_key)
        s2t = _opencc("s2t")
        for alias, key in self._alias_key.items():
            if not alias.isascii():
                out.setdefault(s2t.convert(alias), key)
        return out

    def info(self, key: str) -> MetricInfo:
        """The lexicon row of ``key`` (``KeyError`` when unknown)."""
        return self._info[key]

    def __contains__(self, key: object) -> bool:
        return key in self._info

    def parent(self, key: str) -> str | None:
        """The whole that ``key`` is part of, or None."""
        info = self._info.get(key)
        return info.parent if info else None

    def ancestors(self, key: str) -> tuple[str, ...]:
        """Parent, grandparent, … of ``key`` (nearest first)."""
        out: list[str] = []
        parent = self.parent(key)
        while parent is not None:
            out.append(parent)
            parent = self.parent(parent)
        return tuple(out)

    def _lookup(self, text: str) -> str | None:
        key = self._alias_key.get(text)
        if key is None and text.isascii():
            for suffix in ("es", "s"):
                if text.endswith(suffix) and text[: -len(suffix)] in self._alias_key:
                    return self._alias_key[text[: -len(suffix)]]
        return key

    def normalized_aliases(self, lang: str = "zh") -> tuple[str, ...]:
        """Every normalised alias of one language (``zh``: Chinese, ``en``: English)."""
        return tuple(a for a in self._alias_key if a.isascii() == (lang == "en"))

    def find_all(self, text: str) -> list[MetricMatch]:
        """Every alias occurrence in ``text`` (normalised), longest at each position, overlaps kept."""
        norm = normalize_phrase(text)
        return self._find(norm)

    def find_normalized(self, text: str) -> list[MetricMatch]:
        """Like :meth:`find_all` on text that is already normalised (simplified, lower case): the
        offsets are offsets into ``text`` itself."""
        return list(_cached_find(self, text))

    def _find(self, norm: str) -> list[MetricMatch]:
        """The longest alias at every position of ``norm`` (overlaps kept): :meth:`_at` of every
        position, by one ``search`` per hit of each trie (a search from ``p`` finds at its first
        position what ``match`` finds there) instead of two matches per candidate position."""
        if self._tries is None or not norm:
            return []
        zh, en, _ = self._tries
        hits: dict[int, tuple[str, int]] = {}
        length = self._alias_length
        for rx in (zh, en):
            search = rx.search
            m = search(norm)
            while m is not None:
                p = m.start()
                found = m.group()
                size = length(found)
                best = hits.get(p)
                if best is None or size > best[1] or size == best[1] and found < best[0]:
                    hits[p] = (found, size)
                m = search(norm, p + 1)
        out = []
        for p in sorted(hits):
            found = hits[p][0]
            key = self._lookup(found)
            if key is not None:
                out.append(MetricMatch(key, found, p, p + len(found), False))
        return out

    def _at(self, norm: str, p: int) -> MetricMatch | None:
        """The longest alias starting at position ``p`` of ``norm`` that names a metric, or None."""
        zh, en, _ = self._tries
        best = None
        for rx in (zh, en):
            m = rx.match(norm, p)
            if m is not None:
                found = m.group()
                size = self._alias_length(found)
                if best is None or size > best[1] or size == best[1] and found < best[0]:
                    best = (found, size)
        if best is not None:
            key = self._lookup(best[0])
            if key is not None:
                return MetricMatch(key, best[0], p, p + len(best[0]), False)
        return None

    def find_at_start(self, text: str) -> MetricMatch | None:
        """The alias that starts ``text`` (normalised, as for :meth:`find_normalized`), or None: the
        first match of ``find_normalized(text)`` when it starts at 0, without scanning the rest."""
        if self._tries is None or not text or text[0] not in self._tries[2]:
            return None
        return self._at(text, 0)

    def _alias_length(self, found: str) -> int:
        """Length of the alias inside a match (an English alias may carry a plural 's'/'es')."""
        if found in self._alias_key:
            return len(found)
        for cut in (1, 2):
            if found[:-cut] in self._alias_key:
                return len(found) - cut
        return len(found)

    def match(self, phrase: str) -> MetricMatch | None:
        """The most specific alias contained in ``phrase``: the longest, then the rightmost (the head
        of a Chinese noun phrase is at its end), then the smallest key.  Deterministic."""
        return _cached_match(self, phrase or "")

    def _match(self, phrase: str) -> MetricMatch | None:
        norm = normalize_phrase(phrase)
        if not norm:
            return None
        bare = _PARENS.sub("", norm).strip()
        candidates = self._find(bare) if bare != norm else []
        text = bare
        if not candidates:
            candidates = self._find(norm)
            text = norm
        if not candidates:
            return None
        best = min(candidates, key=lambda m: (-(m.end - m.start), -m.start, m.key))
        return MetricMatch(best.key, best.alias, best.start, best.end, self._is_exact(text, best))

    def _is_exact(self, text: str, m: MetricMatch) -> bool:
        rest = text[: m.start] + " " + text[m.end :]
        for alias in self._aliases_of(m.key):
            if alias in rest:
                rest = rest.replace(alias, " ")
        for word in self._neutral:
            rest = rest.replace(word, " ")
        rest = _NOT_WORD.sub("", rest)
        return rest == ""

    def _aliases_of(self, key: str) -> tuple[str, ...]:
        """The aliases of ``key`` in table order (the order of ``_alias_key``), grouped once."""
        by_key = self.__dict__.get("_by_key")
        if by_key is None:
            by_key = {}
            for alias, k in self._alias_key.items():
                by_key.setdefault(k, []).append(alias)
            by_key = self.__dict__["_by_key"] = {k: tuple(v) for k, v in by_key.items()}
        return by_key.get(key, ())

    def key_for(self, phrase: str) -> str | None:
        """The metric key of ``phrase`` (zh-Hans, zh-Hant or English), or None."""
        m = self.match(phrase)
        return m.key if m else None

    def measure(self, key: str) -> str:
        """``stock``, ``flow`` or ``event`` for ``key`` ('' when unknown or not given)."""
        info = self._info.get(key)
        return info.measure if info else ""

    def child(self, parent: str, modifier: str) -> str | None:
        """The sub-metric of ``parent`` named by ``modifier`` (``('internet_users', '农村')`` →
        ``rural_internet_users``), or None."""
        return self._children.get((parent, normalize_phrase(modifier)))

    @property
    def modifiers(self) -> dict[tuple[str, str], str]:
        """``(parent key, normalised modifier) -> child key`` for every sub-metric modifier."""
        return dict(self._children)

    def is_part_of(self, part: str, whole: str) -> bool:
        """True when ``whole`` is an ancestor of ``part`` in the hierarchy."""
        return whole in self.ancestors(part)

    def __repr__(self) -> str:
        return f"MetricLexicon({len(self._info)} metrics, {len(self._alias_key)} aliases)"


@lru_cache(maxsize=131072)
def _cached_find(lexicon: MetricLexicon, text: str) -> tuple[MetricMatch, ...]:
    return tuple(lexicon._find(text))


@lru_cache(maxsize=131072)
def _cached_match(lexicon: MetricLexicon, phrase: str) -> MetricMatch | None:
    return lexicon._match(phrase)


@lru_cache(maxsize=1)
def default_lexicon() -> MetricLexicon:
    """The shipped lexicon (built once per process)."""
    return MetricLexicon.from_tables()
