"""Document context for claims: periods carried from context, point or interval, area, level or change.

The extractor dates and names each claim from its own sentence.  This pass, run once per document
on the finished claims, adds what only the document around a sentence can tell (issue 12):

* **period from context** for a claim its sentence leaves undated: the sentence before in the same
  paragraph (``截至2024年6月…。其中，本期新增…``), the nearest heading that dates its section
  (``一、2013年工作回顾``, ``2024年主要数据``, ``一、去年工作回顾``, ``一、过去五年工作回顾``) and the
  title (``…2023年国民经济和社会发展统计公报``);
* **release conventions**: a part of the year written without a year (``全年``, ``年末``) that has not
  ended by the document date is the previous year's, unless the section heading dates it or the
  sentence states a plan (``今年…要``, ``预计``);
* **从/由 X 提高到 Y**: X is the level at the start of the span the section reviews, Y at its end -- in a
  review of several years (``过去五年…回顾``, ``“十一五”时期…``) the year before the run and its last year, in
  a review of one year (``2014年工作回顾``; not in a plan, not in a sentence speaking of several years) the
  year before and the year; ``由2003年的77%提高到96%``: Y is not dated by X's year; a later pair of a
  sentence whose first pair names both years (``从2002年…增加到2007年…，比重从1.07%提高到1.49%``) shares
  them; a time word in the part (``由上年的…``, ``到去年的…``) dates the number itself;
* **point or interval**, granularity and a named doubt (``年初``; a stock dated by a year only);
* **area** from the phrase (``浙江省``, ``全省`` in a provincial report), the sentence or the
  document (front matter ``area``, the title of a provincial report);
* **level or change** with the base period of a change (``比上年`` → the previous year,
  ``较2018年底`` → ``2018-12``, ``提高到67%`` is a level, ``高于全国1.7个百分点`` has no time base);
* **metric key, precision first**: the key of an alias that ends the phrase before the number, only
  when everything else in the phrase is explained (neutral words, areas, time words, a sub-metric's
  modifier); the counted noun after an English number (``1.101 billion internet users``);
* **part of a whole**: a sentence or clause opened by a ``part_of`` cue (``其中``) takes its parent metric
  from the keyed claim before the cue (in the sentence, else the sentence before; ``；``-parts of the
  sentence stay in it), and a bare child word (``出口``, ``农村``) names the lexicon's sub-metric of that
  parent only when the lexicon lists the pair (``parent_key`` + ``modifiers``).  Such a key is as certain
  as a phrase naming the child in full, so the claim's metric phrase becomes the child's name
  (``其中，出口35.58万亿元`` after ``货物贸易进出口总值…`` → ``货物出口额``), for the claims after it in
  the sentence that carry the same bare phrase too.

The vocabulary is data: ``time_words.csv`` (shape, doubt), ``cues.csv`` (roles ``continue``,
``point``, ``plan``, ``to_level``, ``vs_area``, ``average``, ``not_predicate``, ``part_of``), ``areas.csv``
and the metric tables.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from factlib.claims.changes import change_of
from factlib.claims.periods import (
    TimeWords, default_time_words, period_granularity, period_type, split_base,
)
from factlib.claims.record import Claim
from factlib.vocab.areas import Areas, AreaSpans, default_areas
from factlib.vocab.cues import CueTable, default_cues
from factlib.vocab.lexicon import MetricLexicon, default_lexicon, normalize_phrase
from factlib.vocab.regexes import alternation
from factlib.vocab.t2s import to_simplified
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

__all__ = ["ContextResolver", "default_resolver", "resolve_claims"]

_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")
_HEADING_NUM = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[章部分节]"
                          r"|[0-9]+[.、]|——|—)")
_TOP_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章部分])")
_SENT_END = "。！？!?；;"
_HEADING_WORDS = re.compile(r"回顾|工作安排|重点工作|主要任务|总体要求|目标任务|发展成就|主要数据|工作部署|工作的建议")
_CLAUSE = re.compile(r"[，,；;。：:！？!?、\n]")
#: the text up to the last clause delimiter (matched on ``text[:pos]``: its end is where the clause
#: holding ``pos`` starts; the greedy run goes to ``pos`` and backs off to the delimiter, in C)
_TO_LAST_CLAUSE = re.compile(r"(?s:.*)[，,；;。：:！？!?、\n]")
#: the currency a bare 元 means in an economy with its own dollar
_AREA_CURRENCY = {"HK": "HKD", "MO": "MOP", "TW": "TWD"}
_BASE_BEFORE = re.compile(r"(?:与|同|较|比)\s*((?:19|20)[0-9]{2})\s*年(?:底|末)?\s*(?:相比|比较)")
_MEASURED = frozenset(("count", "amount", "percent", "growth_rate", "pp_change", "multiple", "fraction"))
_LIST_GAP = re.compile(r"^[\s、和及与,，]*$")
_PAST_YEARS = re.compile(r"过去([一二三四五六七八九十0-9]+)年|([一二三四五六七八九十0-9]+)年来")
_CN_DIGITS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
              "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
#: a sentence that speaks of a run of past years (过去五年，…; 五年来; 这五年), and the English words
_PAST_YEARS_SPAN = re.compile(r"过去([二两三四五六七八九十0-9]+)年|(?<![0-9一二三四五六七八九十])([二两三四五六七八九十0-9]+)年来"
                              r"|这([二两三四五六七八九十0-9]+)年")
_PAST_YEARS_EN = re.compile(r"\b(?:over|in|during) the (?:past|last) (two|three|four|five|six|seven|eight|nine|ten|[0-9]+)"
                            r" years\b")
#: a past five-year plan's period named as a time (“十二五”期间, 十二五时期)
#: the past year as a span (过去一年，…): in a document of the first half of year Y it is Y-1
_PAST_YEAR_SPAN = re.compile(r"过去的?一年|去年一年|(?<![0-9一二三四五六七八九十近])一年来")
_PAST_YEAR_EN = re.compile(r"\b(?:over|in|during) the (?:past|last) (?:year|12 months|twelve months)\b")
_FIVE_YEAR_SPAN = re.compile(r"(十[一二三四五六七八九]?|[九八七六])五[”\"]?(?:期间|时期)")
#: a literal every match of one of the English span patterns holds (a sentence without any is no span;
#: for the Chinese ones _span_in tests a literal per pattern)
_SPAN_LITERALS_EN = re.compile("the past|the last")  # _PAST_YEARS_EN, _PAST_YEAR_EN
#: the year a from-part names (由2003年的77%…): the start of a 由…到 pair
_FROM_YEAR = re.compile(r"(?:从|由)\s*((?:19|20)[0-9]{2})\s*年")
#: a pair with both years written (从2002年…增加到2007年…)
_PAIR_YEARS = re.compile(r"(?:从|由)\s*((?:19|20)[0-9]{2})\s*年[^到至。；;]*?(?:到|至)\s*((?:19|20)[0-9]{2})\s*年")
#: a sentence that speaks of several years (年均, 以来, 每年, 累计, 五年): no one-year review's pair
_SEVERAL_YEARS = re.compile(r"年均|以来|每年|累计|[两二三四五六七八九十]年|[0-9]+年来")
_FIVE_YEAR = re.compile(r"(十[一二三四五六七八九]?|[九八七六])五[”\"]?(?:规划|计划|时期|期间|以来|发展)")
# patterns of the per-claim pass, compiled once here (not looked up in re's cache per call)
_VS_BEFORE = re.compile(r"(?:较|比|与|同|相比|相较)[“\"]?$")
_RUN_WORDS = re.compile(r"[五十]年(?:累计|来|间)?|累计")
_RUN_YEARS = re.compile(r"(?:五|十)年")
_STOCK_VERBS = re.compile(r"达到|达|增至|总数|已")
_NEW_ADD = re.compile(r"(?:新增|增加|减少)")
_MORE_FEWER = re.compile(r"\s*(?:more|fewer|less)\b")
_FROM_TAIL = re.compile(r"(从|由)[^到至，,；;]*$")
_TO_TAIL = re.compile(r"(到|至)[^，,；;]{0,3}$")
_THAN_EN = re.compile(r"(?:than|from|compared (?:with|to))\s*$")
_LIST_JOINS = re.compile(r"[、和及与]")
_LIST_SPLIT = re.compile(r"[、]|和|及|与")
_EN_WORDS = re.compile(r"\s*((?:[a-z0-9-]+\s+){0,4}[a-z0-9-]+)")
_TAIL_PUNCT = re.compile(r"[\s,，、:：的]")
_TAIL_DATES = re.compile(r"[0-9]{2,4}年(?:[0-9]{1,2}月)?(?:底|末)?|[一二三四五六七八九十两]+年")
_TAIL_VS = re.compile(r"(?:比|较)(?:上年|去年|前年)?(?:同期|末|底|预算)?")
_TAIL_TOTALS = re.compile(r"总值|总额|金额|总规模|(?<![a-z])[a-z][a-z0-9]{0,3}(?![a-z])")
_TAIL_YEARS = re.compile(r"[一二三四五六七八九十两]+年")
_TAIL_REST = re.compile(r"[0-9.年月末底度季上下半%‰和及与]")
_HEAD_YEARS = re.compile(r"[一二三四五六七八九十两]+年(?:累计|来|间)?|全社会|^全$")
_HEAD_REST = re.compile(r"[\d\W_]+|[年月末底]")
# every place where four digits name the end of a year (2018年底, end of 2018), for _Sentence.year_end
_YEAR_END = re.compile(r"(?=[0-9]{4}\s*年\s*(?:底|末))")
_END_OF_YEAR = re.compile(r"end of\s*(?=([0-9]{4}))")


class _NFKCChars(dict):
    """``str.translate`` table: code point -> NFKC of that character alone, filled on first sight."""

    def __missing__(self, cp: int) -> str:
        n = unicodedata.normalize("NFKC", chr(cp))
        if len(self) < 65536:
            self[cp] = n
        return n


_NFKC_CHARS = _NFKCChars()
_is_normalized = unicodedata.is_normalized


#: the fullwidth marks that make most Chinese sentences not NFKC-normal, with their NFKC (a speed
#: list: a mark missing here is still normalised, by the general path)
_FULLWIDTH = tuple((ch, unicodedata.normalize("NFKC", ch)) for ch in "，（）；：％．！")


def _nfkc(s: str) -> str:
    """``unicodedata.normalize("NFKC", s)``, exactly, several times as fast on Chinese text.

    Each character replaced by its own NFKC keeps the compatibility decomposition of ``s`` (a
    decomposition is the characters' decompositions, canonically ordered), so NFKC of the result
    is NFKC of ``s``; when the result is already NFKC-normal it is that value.  The common
    fullwidth marks are replaced first (``str.replace`` runs in C; ``translate`` looks up every
    character), then, when that is not enough, every character; otherwise (a composition across
    characters: a letter and its combining mark) the full normalisation runs."""
    if _is_normalized("NFKC", s):
        return s
    r = s
    for ch, n in _FULLWIDTH:
        if ch in r:
            r = r.replace(ch, n)
    if _is_normalized("NFKC", r):
        return r
    r = r.translate(_NFKC_CHARS)
    return r if _is_normalized("NFKC", r) else unicodedata.normalize("NFKC", s)


_T2S_RX: list = []  # [the pattern of what t2s may change, or None], built on first use


def _t2s_may_change():
    """A pattern matching every character :func:`to_simplified` may change (the shipped
    ``t2s_changing`` table as code-point ranges), lone surrogates (made U+FFFD) and every
    character beyond the BMP; ``None`` when the table does not fit the installed OpenCC.
    Text it does not match is its own simplified form: one regex scan instead of a set test
    per character."""
    if not _T2S_RX:
        from factlib.vocab.t2s import changing_chars

        chars = changing_chars()
        rx = None
        if chars is not None:
            ranges: list[list[int]] = []
            for cp in sorted(ord(ch) for ch in chars if ord(ch) < 0x10000):
                if ranges and ranges[-1][1] == cp - 1:
                    ranges[-1][1] = cp
                else:
                    ranges.append([cp, cp])
            cls = "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges)
            rx = re.compile(f"[{cls}\\ud800-\\udfff\\U00010000-\\U0010ffff]")
        _T2S_RX.append(rx)
    return _T2S_RX[0]


def _norm(s: str) -> str:
    """NFKC + simplified + lower, only when that keeps every character in place."""
    if s.isascii():
        return s.lower()  # both steps leave ASCII as it is
    n = _nfkc(s)
    if len(n) == len(s):
        s = n
    rx = _T2S_RX[0] if _T2S_RX else _t2s_may_change()
    if rx is None or rx.search(s) is not None:
        n = to_simplified(s)
        if len(n) == len(s):
            s = n
    return s.lower()


def _last_char(text: str, end: int) -> str:
    """``text[:end].rstrip()[-1:]`` without copying ``text[:end]``: the last non-space character."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return text[end - 1:end] if end > 0 else ""


def _cn_int(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if s in _CN_DIGITS:
        return _CN_DIGITS[s]
    if len(s) == 2 and s[0] == "十":
        return 10 + _CN_DIGITS.get(s[1], 0)
    return None


def _previous(period: str) -> str:
    """The same period one year earlier (2023 → 2022, 2023-12 → 2022-12, 2024-01/2024-09 →
    2023-01/2023-09); for a run of years the year before it (2021/2025 → 2020)."""
    if not period:
        return ""
    if "/" in period:
        a, _, b = period.partition("/")
        if len(a) == 4:
            return str(int(a) - 1)
        return f"{_previous(a)}/{_previous(b)}"
    return f"{int(period[:4]) - 1:04d}{period[4:]}"


# A claim is rebuilt by slicing the tuple around the fields this pass sets: a named tuple's
# ``_replace`` with keywords cost more than everything else done for a year or a date.
_FIELDS = Claim._fields
_I_UNIT, _I_LANG, _I_PTYPE = _FIELDS.index("unit"), _FIELDS.index("lang"), _FIELDS.index("period_type")
if _FIELDS[_I_UNIT:_I_LANG] != ("unit", "metric", "metric_key", "period", "period_basis") or _FIELDS[_I_PTYPE:] \
        != ("period_type", "granularity", "period_doubt", "area", "area_basis", "change", "base_period"):
    raise ImportError("claims.record.Claim changed its fields: update _resolved() in claims/context.py")
_new_tuple = tuple.__new__
#: kinds that take no context: their own period is all they have (no change, no base)
_TIMES = frozenset(("year", "date", "ordinal", "rank", "duration"))


def _resolved(c: Claim, unit: str, metric: str, key: str, period: str, basis: str, ptype: str, granularity: str,
              doubt: str, area: str, area_basis: str, change: str, base: str) -> Claim:
    """``c._replace(unit=…, metric=…, …, base_period=…)`` for the fields the pass sets."""
    return _new_tuple(Claim, c[:_I_UNIT] + (unit, metric, key, period, basis) + c[_I_LANG:_I_PTYPE]
                      + (ptype, granularity, doubt, area, area_basis, change, base))


class _Memo(dict):
    """``memo[key]`` is ``fn(key)``, remembered (emptied when it grows past 65,536 entries): a hit is
    one look-up in C, no Python call (the resolver's answers that depend on a phrase and the tables)."""

    __slots__ = ("fn",)

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, key):
        if len(self) > 65536:
            self.clear()
        out = self[key] = self.fn(key)
        return out


#: period_granularity of the periods seen (a handful of distinct strings per document)
_GRANULARITY = _Memo(period_granularity)


def _timed(c: Claim) -> Claim:
    """A claim of a kind in :data:`_TIMES`: a date is a point; no change, no base."""
    own = c.period
    return _new_tuple(Claim, c[:_I_PTYPE] + ("point" if own and c.kind == "date" else "", _GRANULARITY[own],
                                            c.period_doubt, c.area, c.area_basis, "", ""))


class _Sentence:
    """What every claim of one normalised sentence looks up: where its clauses start and the
    areas named in a stretch of it (one scan per sentence, not one per claim)."""

    __slots__ = ("text", "_scanned", "_area_table", "_areas", "_before", "plan", "_year_ends", "_tw", "_tw_last",
                 "_may")

    def __init__(self, text: str, areas: Areas, limit: int | None = None):
        """``limit``: no claim asks about the time words past it (the sentence's last claim)."""
        self.text = text
        self._scanned = text if limit is None or limit >= len(text) else text[:limit if limit > 0 else 0]
        # the areas opening the sentence (a claim's own clause is scanned alone: clauses are short,
        # most hold no area name, and a scan of the whole sentence cost more)
        self._area_table = areas
        self._areas: AreaSpans | None = None  # built when a claim first asks (many sentences never do)
        self._before: dict[int, list] = {}
        self.plan: bool | None = None  # does the sentence state a plan (filled by the first claim)
        self._year_ends: frozenset[str] | None = None
        self._tw: tuple[list, list[int]] | None = None
        self._tw_last: list | None = None  # by ContextResolver._time_word_before
        self._may: bool | None = None

    def time_words(self, rx) -> tuple[list, list[int]]:
        """Every match of the time-word pattern ``rx`` in the sentence (up to its limit), and their
        ends (one scan)."""
        if self._tw is None:
            ms = list(rx.finditer(self._scanned))
            self._tw = ms, list(map(_match_end, ms))
        return self._tw

    def year_end(self, year: str) -> bool:
        """``re.search(rf"{year}\\s*年\\s*(?:底|末)|end of\\s*{year}", text)`` for a period of four
        characters: the years the sentence names as a year's end are found once per sentence."""
        if not (year.isascii() and year.isdigit()):
            return re.search(rf"{year}\s*年\s*(?:底|末)|end of\s*{year}", self.text) is not None
        if self._year_ends is None:
            text = self.text
            # (every match of _YEAR_END holds 底 or 末, every match of _END_OF_YEAR "end of")
            self._year_ends = frozenset(
                ([text[m.start():m.start() + 4] for m in _YEAR_END.finditer(text)]
                 if "底" in text or "末" in text else [])
                + ([m.group(1) for m in _END_OF_YEAR.finditer(text)] if "end of" in text else []))
        return year in self._year_ends

    def clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts: after the last clause delimiter before ``pos``."""
        m = _TO_LAST_CLAUSE.match(self.text, 0, pos if pos > 0 else 0)
        return m.end() if m is not None else 0

    def may_name(self) -> bool:
        """``areas.may_name(text)``, remembered: False means no stretch of the sentence names an area
        (a stretch holding a letter or a Chinese name makes the whole sentence hold it)."""
        may = self._may
        if may is None:
            may = self._may = self._area_table.may_name(self.text)
        return may

    def areas_before(self, pos: int):
        """``areas.find_all(text[:pos][:60], simplified=True)``: the areas opening the sentence
        (remembered per end: the claims of a sentence mostly ask for the same 60 characters)."""
        end = min(pos, 60)
        out = self._before.get(end)
        if out is None:
            # (a sentence that names no area for certain has none in its opening either)
            if self._may is False:
                out = []
            else:
                spans = self._areas
                if spans is None:
                    spans = self._areas = AreaSpans(self._area_table, self.text[:60])
                out = spans.find_all(0, end)
            self._before[end] = out
        return out


_match_end = re.Match.end
_NORM_CACHE = _Memo(_norm)


def _norm_cached(s: str) -> str:
    """:func:`_norm` of a short phrase (metric phrases repeat), remembered."""
    return _NORM_CACHE[s]


@dataclass(frozen=True)
class _Heading:
    start: int
    period: str
    top: bool
    run: str = ""
    several: bool = False  # the heading speaks of several years (过去一年和五年工作回顾)


def five_year_plan(n: int) -> str:
    """The years of the n-th five-year plan (十四五 → 2021/2025; the 3rd began in 1966)."""
    if n < 3:
        return f"{1953 + 5 * (n - 1)}/{1957 + 5 * (n - 1)}"
    return f"{1966 + 5 * (n - 3)}/{1970 + 5 * (n - 3)}"


def plan_in(s: str) -> str:
    """The run of years of the five-year plan named in ``s`` (“十四五”), or ''."""
    m = _FIVE_YEAR.search(s) if "五" in s else None  # (every match holds 五)
    if m is None:
        return ""
    n = _cn_int(m.group(1))
    return five_year_plan(n) if n else ""


class ContextResolver:
    """Adds context periods, point/interval, area and level/change to the claims of a document."""

    def __init__(self, lexicon: MetricLexicon | None = None, areas: Areas | None = None,
                 time_words: TimeWords | None = None, cues: CueTable | None = None):
        self.lexicon = lexicon or default_lexicon()
        self.areas = areas or default_areas()
        self.tw = time_words or default_time_words()
        cues = cues or default_cues()
        zh = lambda role: [w for w in cues.words(role) if not w.isascii()]  # noqa: E731
        en = lambda role: [w.lower() for w in cues.words(role) if w.isascii()]  # noqa: E731
        self.continue_zh = re.compile(r"^\s*(?:" + alternation(zh("continue")) + ")")
        self.continue_en = re.compile(r"^\s*(?:" + alternation(en("continue"), fold=True) + r")\b", re.I)
        # 其中 at the start of a sentence or clause: the numbers after it are parts of the whole before it
        self.part_of_zh = re.compile(r"(?:^|(?<=[，,；;：:]))\s*(?:" + alternation(zh("part_of")) + r")[\s，,：:]*")
        self.plan_zh = re.compile(alternation(zh("plan")))
        self.plan_en = re.compile(r"\b(?:" + alternation(en("plan"), fold=True) + r")\b", re.I)
        self.point_zh = re.compile(alternation(zh("point")))
        self.point_en = re.compile(r"\b(?:" + alternation(en("point"), fold=True) + r")\b", re.I)
        # point cues that date every clause after them (截至…, by the end of …), not only their own
        self.point_wide_zh = re.compile(alternation([w for w in zh("point") if w.startswith(("截至", "截止"))]))
        self.point_wide_en = self.point_en
        # 提高到67%, 提升到去年底的13.3% (a time of the level between the verb and the number)
        self.to_level_zh = re.compile("(?:" + alternation(zh("to_level")) + r")(?:(?:[0-9]{4}\s*年|去年|今年|上年|本年)"
                                      r"(?:底|末)?的?)?(?:人均|每人|平均)?\s*$")
        self.to_level_en = re.compile(r"\b(?:" + alternation(en("to_level"), fold=True) + r")(?:\s+[a-z]+){0,2}\s*$", re.I)
        self.rate_noun_zh = re.compile(alternation(zh("rate_noun")))
        self.rate_noun_en = re.compile(r"\b(?:" + alternation(en("rate_noun"), fold=True) + r")\b", re.I)
        self.vs_area_zh = re.compile(alternation(zh("vs_area")))
        self.average_zh = re.compile(alternation(zh("average")))
        self.average_en = re.compile(r"\b(?:" + alternation(en("average"), fold=True) + r")\b", re.I)
        self.stock_words = re.compile(alternation(zh("stock_word")))
        self.flow_words = re.compile(alternation(zh("flow_word")))
        self.up_down = frozenset(w for r in ("up", "down", "change") for w in cues.words(r))
        self._up_down_end = re.compile("(?:" + alternation(sorted(self.up_down)) + ")$")
        zh_changes = sorted(w for w in self.up_down if not w.isascii())
        self._change_word_zh = re.compile(alternation(zh_changes))
        self._change_word2_zh = re.compile(alternation([w for w in zh_changes if len(w) > 1]))
        self._change_aliases: dict[str, tuple[str, ...]] = {}
        # what may stand between a metric and its number: change words and words of stating (cues.csv)
        self._tail_words = re.compile(alternation(sorted({w for r in ("up", "down", "change", "stating")
                                                          for w in cues.words(r) if not w.isascii()})))
        self.change_before_zh = re.compile("(?:" + alternation([w for w in self.up_down if not w.isascii()])
                                           + r")(?:了|约|近|超过|超|逾|达)?\s*$")
        self.fillers = tuple(sorted((w for w in cues.words("filler") if not w.isascii()), key=lambda w: (-len(w), w)))
        self._fillers_lead = re.compile(r"(?:(?:" + alternation(list(self.fillers)) + r")[\s,，、:：]*)+")
        self.lead_words = tuple(sorted({w for r in ("lead_verb", "filler", "plan", "predicate") for w in cues.words(r)
                                        if not w.isascii()}, key=lambda w: (-len(w), w)))
        # time words with a doubt or a point shape, by word (simplified, lower case)
        self.doubts = {w: tw_.doubt for w, tw_ in self.tw.words.items() if getattr(tw_, "doubt", "")}
        scope = [w for w in ("全省", "全区", "全市", "本省", "本市", "全自治区", "全州", "全县")]
        self.scope_re = re.compile(alternation(scope))
        self.national_re = re.compile(r"我国|全国|中国|国内|china|chinese|national", re.I)
        # answers that depend on a phrase and the tables only, remembered (phrases repeat)
        self._tail_memo = _Memo(self._explain_tail)
        self._head_memo = _Memo(self._explain_head)
        self._lead_memo = _Memo(self._lead_explain)
        # the Chinese time-word pattern has no look-arounds (a trie of the words): see _time_word_before
        self._tw_zh_plain = "(?" not in self.tw.zh.pattern.replace("(?:", "")
        self._strip_memo = _Memo(self._strip_raw)
        self._ancestor_memo = _Memo(self.areas.ancestors)
        self._modifiers: dict[str, list[tuple[str, str]]] | None = None
        # answers that depend on a claim's clause (the text from the clause start to the number) and
        # the tables only, remembered per clause: 比上年增长, 城镇新增就业 recur across documents
        self._m_words = _Memo(self._measure_words)  # by (metric phrase, clause, is a count)
        self._m_change_before = _Memo(self._change_before)
        self._m_new_add = _Memo(self._new_add)
        self._m_point = _Memo(self._point_zh)
        self._m_scope = _Memo(self._scope)
        self._m_national = _Memo(self._national)
        self._m_named = _Memo(self._named)
        self._found = _Memo(lambda seg: tuple(self.lexicon.find_normalized(seg)))  # the aliases in a clause

    # ---- answers that depend on the clause only (see __init__) ---------------------------------
    def _measure_words(self, words_key: tuple[str, str, bool]) -> str:
        """``flow``/``stock`` from the words of the metric phrase and the clause (Chinese), or ''."""
        metric, clause, count = words_key
        phrase = _norm_cached(metric) + clause
        if self.flow_words.search(phrase):
            return "flow"
        if self.stock_words.search(phrase) or (count and _STOCK_VERBS.search(clause)):
            return "stock"
        return ""

    def _change_before(self, clause: str) -> bool:
        return self.change_before_zh.search(clause) is not None

    def _new_add(self, clause: str) -> bool:
        return _NEW_ADD.match(self._strip(clause) or clause) is not None

    def _point_zh(self, clause: str) -> bool:
        return self.point_zh.search(clause) is not None

    def _scope(self, clause: str) -> bool:
        return self.scope_re.search(clause) is not None

    def _named(self, clause: str) -> tuple:
        """The areas named in ``clause`` (simplified), in order."""
        areas = self.areas
        return tuple(areas.find_all(clause, simplified=True)) if areas.may_name(clause) else ()

    def _national(self, clause: str) -> bool:
        return self.national_re.search(clause) is not None

    # ---- document level ---------------------------------------------------------------------
    def _doc_year(self, doc) -> int | None:
        return doc.date.year if getattr(doc, "date", None) else None

    def _headings(self, doc) -> list[_Heading]:
        """Section headings that date their section, in document order."""
        out: list[_Heading] = []
        text = doc.text
        year = self._doc_year(doc)
        pos = 0
        for line in text.splitlines(keepends=True):
            start, pos = pos, pos + len(line)
            s = line.strip()
            if not s or len(s) > 40 or s[-1] in _SENT_END or s[-1] in "，,":
                continue
            ns = _norm(s)
            if not (_HEADING_NUM.match(ns) or (len(ns) <= 16 and _YEAR.search(ns)) or _HEADING_WORDS.search(ns)):
                continue
            single, run = self._heading_period(ns, year)
            out.append(_Heading(start, single, bool(_TOP_HEADING.match(s)), run, bool(_SEVERAL_YEARS.search(ns))))
        return out

    def _heading_period(self, s: str, year: int | None) -> tuple[str, str]:
        """(a single year, a run of years) that a heading dates its section with."""
        run = plan_in(s)
        years = [int(y) for y in _YEAR.findall(s)]
        if years:
            if len(set(years)) > 1 and "和" not in s and "及" not in s:
                return "", f"{min(years)}/{max(years)}"
            return str(years[0]), run
        if year is None:
            return "", run
        m = _PAST_YEARS.search(s)
        if m:
            n = _cn_int(m.group(1) or m.group(2))
            if n and n > 1:
                return "", f"{year - n}/{year - 1}"
        if "去年" in s or "过去一年" in s or "上年" in s or "一年来" in s:
            return str(year - 1), run
        if "今年" in s:
            return str(year), run
        if "回顾" in s or "成就" in s:
            return ("" if run else str(year - 1)), run  # the review of a report delivered early in the year
        if any(w in s for w in ("工作安排", "工作任务", "重点工作", "工作部署", "总体部署", "总体要求", "主要任务", "工作的建议")):
            return ("" if run else str(year)), run
        return "", run

    def doc_area(self, doc) -> tuple[str, str]:
        """The area of the whole document and where it came from (front matter, title)."""
        meta = getattr(doc, "meta", None) or {}
        for key in ("area", "region", "country"):
            value = meta.get(key)
            if value:
                code = self.areas.code_for(str(value))
                if code:
                    return code, "document"
        title = getattr(doc, "title", None) or ""
        if title:
            found = self.areas.find_all(title)
            if found:
                return found[-1].code if found[0].code == "CN" and len(found) > 1 else found[0].code, "document"
            if "政府工作报告" in title or "统计公报" in title:
                return "CN", "document"  # the State Council's report, the NBS communiqué
        return "", ""

    # ---- the pass ---------------------------------------------------------------------------
    def resolve(self, doc, claims: list[Claim]) -> list[Claim]:
        if not claims:
            return claims
        text = doc.text
        en = doc.lang == "en"
        year = self._doc_year(doc)
        headings = self._headings(doc) if not en else []
        h_starts = [h.start for h in headings]
        h_at, h_one_year = self._section_answers(headings)
        doc_area, doc_area_basis = self.doc_area(doc)
        title_period = ""
        title = getattr(doc, "title", None) or ""
        if title and "政府工作报告" not in title:  # a report's title year is its delivery, not its data
            ys = _YEAR.findall(_norm(title))
            title_period = ys[0] if len(ys) == 1 else ""
        ts = getattr(doc, "_ts", None)
        doc_month = doc.date.month if doc.date else None
        out: list[Claim] = []
        last_sent = -1
        sent_period = ""          # the latest own period stated in the current paragraph
        pending_span, span_at = "", -1  # a run of past years the current sentence speaks of (过去五年)
        prev_sent_period = ""
        prev_key_by_sent: str = ""
        # 其中: keyed claims of the sentence by position, the key of the sentence before, and the parent a
        # sentence opened by 其中 carries into its next ；-part; bare phrases already read as a child
        sent_key_pos: list[tuple[int, str]] = []
        prev_sent_key = part_carry = ""
        part_phrases: dict[str, str] = {}
        cur_plan = prev_plan = ""
        first_of_sentence = True
        shifted: dict[str, str] = {}  # periods moved by a release convention earlier in the paragraph
        first_sid = -1
        # lists of numbers (增长8.4%和11.4%): the position of each claim in its list and the list's length
        # (and, in the same walk, the start of each sentence's last claim)
        n = len(claims)
        pos_in_list = [0] * n
        last_start: dict[int, int] = {}
        a = None
        for i, b in enumerate(claims):
            sid = b.sentence_id
            if b.start > last_start.get(sid, -1):
                last_start[sid] = b.start
            if a is not None and a.sentence_id == sid and a.kind not in ("year", "date") \
                    and b.kind not in ("year", "date") and _LIST_GAP.match(text[a.end:b.start]):
                pos_in_list[i] = pos_in_list[i - 1] + 1
            a = b
        list_len = [0] * n
        after_len = after_pos = 0  # list_len[i + 1], pos_in_list[i + 1] (0 past the end)
        for i in range(n - 1, -1, -1):
            here = pos_in_list[i]
            after_len = list_len[i] = after_len if after_pos > 0 else here + 1
            after_pos = here
        sent_keys: list[str] = []
        sent_keys_set: list[str] = []
        sent_spans: list[tuple[int, int]] = []  # measured claims so far in the sentence (sentence offsets)
        para_key = ""
        nsent = ""
        sent_norm, sent_info = None, None
        n_ts = len(ts) if ts is not None else 0
        s_start, start_of = 0, None  # the start of sentence start_of (its claims share it)
        for ci, c in enumerate(claims):
            sid = c.sentence_id
            if sid != start_of or sid >= n_ts:
                s_start, start_of = (ts[sid] if sid < n_ts else max(0, c.start - 200)), sid
            if sid != last_sent:
                # a new sentence: does it start a new paragraph?
                # (searches bounded by the sentence start: never a copy of the text before it)
                new_para = last_sent < 0 or text.find("\n", max(0, s_start - 2), s_start) >= 0 \
                    or text.find("\n", out[-1].end if out else 0, s_start) >= 0
                if not new_para and pending_span:
                    sent_period = pending_span  # 过去五年，…。…能耗下降18.2%: the run of years goes on
                pending_span = ""
                prev_sent_period = "" if new_para else sent_period
                if new_para:
                    sent_period = ""
                # a sentence without claims before this one in the paragraph may open a run of years
                # (过去一年，我们…。全省地区生产总值增长5.5%)
                lo = out[-1].end if out and not new_para else text.rfind("\n", 0, s_start) + 1
                if year is not None and 0 <= lo < s_start and s_start - lo <= 2000:  # (no year: no span)
                    gap_span = self._span_in(_norm(text[lo:s_start]), year, en, None,
                                             doc_month)[0]
                    if gap_span:
                        prev_sent_period = sent_period = gap_span
                prev_plan = "" if new_para else cur_plan
                prev_nsent = nsent
                nsent = _norm(c.sentence)
                cur_plan = plan_in(nsent)
                anchor = h_at[bisect_right(h_starts, c.start)][0] if headings else ""
                anchor = anchor or (sent_period if len(sent_period) == 4 else "")
                pending_span, span_at = self._span_in(nsent, year, en, int(anchor) if anchor.isdigit() else None,
                                                      doc_month)
                last_sent = sid
                # the parent a 其中 opening the sentence takes: the last key of the sentence before; a part
                # after ； of a sentence in a 其中 scope stays in it
                carried = ""
                if not new_para and _last_char(text, s_start) in ("；", ";") and prev_nsent:
                    cues = [m.start() for m in self.part_of_zh.finditer(prev_nsent)]
                    carried = self._part_parent(sent_key_pos, cues[-1], prev_sent_key, part_carry) if cues \
                        else part_carry
                prev_sent_key = "" if new_para else prev_key_by_sent
                part_carry = carried
                if not carried:
                    part_phrases = {}
                sent_key_pos = []
                prev_key_by_sent = ""
                sent_keys = []
                sent_keys_set = []  # its keys without '' (the lists are read, never kept, by _one)
                sent_spans = []
                if new_para:
                    para_key = ""
                first_of_sentence = True
                if new_para:
                    shifted = {}
                    first_sid = sid
            local = c.start - s_start
            if c.period in shifted and c.period_basis in ("relative", "inherited") and sid != first_sid:
                c = c._replace(period=shifted[c.period], period_basis="context")  # …；死亡人口1110万人
            if c.kind in _TIMES:
                # a year, a date, …: its own period, no change (see _timed); of the bookkeeping below only
                # what such a claim can touch (it is not measured, its metric and period stay)
                c2 = _timed(c)
                key = c2.metric_key
                if key:
                    if part_phrases.get(c.metric) == key:
                        c2 = c2._replace(metric=self.lexicon.info(key).label_zh)
                    prev_key_by_sent = para_key = key
                if c2.period and first_of_sentence and not sent_period and c2.kind in ("year", "date"):
                    sent_period = c2.period
                out.append(c2)
                continue
            if nsent is not sent_norm:
                sent_norm, sent_info = nsent, _Sentence(nsent, self.areas, last_start[sid] - s_start)
            hi = bisect_right(h_starts, c.start) if headings else 0
            h_single, h_run = h_at[hi]
            run = cur_plan or prev_plan or h_run
            context_period = pending_span if pending_span and 0 <= span_at < local else prev_sent_period
            c2 = self._one(c, nsent, local, en, year, h_single, run, context_period, title_period,
                           doc_area, doc_area_basis, prev_key_by_sent, doc_month,
                           pos_in_list[ci], list_len[ci], sent_keys_set, para_key,
                           (out[-1].area, out[-1].area_basis) if out and out[-1].sentence_id == sid
                           else None,
                           sent_spans, sent_info, (sent_key_pos, prev_sent_key, part_carry),
                           bool(headings) and ("由" in nsent or "从" in nsent) and h_one_year[hi])
            if c2.metric_key and c2.metric != c.metric and c.metric:
                part_phrases[c.metric] = c2.metric_key  # 出口 read as 货物出口额 (其中)
            elif c2.metric_key and part_phrases.get(c.metric) == c2.metric_key:
                c2 = c2._replace(metric=self.lexicon.info(c2.metric_key).label_zh)  # …，增长7.1%: the same part
            if c2.metric_key and c2.kind in _MEASURED:
                sent_key_pos.append((c.end - s_start, c2.metric_key))
            if c.kind in _MEASURED:
                sent_spans.append((c.start - s_start, c.end - s_start))
            if c2.period and c2.period_basis in ("explicit", "relative", "inherited", "release") \
                    and c2.kind not in ("year", "date") and c2.change in ("level", "abs_change", "rel_change", "pp_change") \
                    and first_of_sentence:
                sent_period = split_base(c2.period, c2.base_period)  # the sentence's own time, carried on
                first_of_sentence = False
            if c.period != c2.period and c2.period_basis in ("release", "context") and c.period \
                    and c.period_basis not in ("inherited", "explicit"):
                shifted[c.period] = c2.period
            if c2.metric_key:
                prev_key_by_sent = para_key = c2.metric_key
            if c2.change == "level" and pos_in_list[ci] == 0 and list_len[ci] == 1:
                if c2.metric_key not in sent_keys:
                    sent_keys.append(c2.metric_key)
                    if c2.metric_key:
                        sent_keys_set.append(c2.metric_key)
            out.append(c2)
        return out

    def _span_in(self, nsent: str, year: int | None, en: bool, last: int | None = None,
                 doc_month: int | None = None) -> tuple[str, int]:
        """(the run of past years a sentence speaks of, where the words are), or ('', -1):
        ``过去五年``/``五年来``/``这五年``/``over the past five years`` in a document of year Y are
        Y-5/Y-1; ``“十二五”期间`` or ``时期`` of a plan that ended before the document's year is that
        plan's years; ``过去一年``/``去年一年``/``一年来``/``over the past year`` in a document dated in the
        first half of Y is Y-1 (later in the year the past twelve months are no calendar year, and
        without a date the year cannot be told: no span).  Claims after the words that state no period of their own, and the sentences
        after it in the paragraph, are dated by the run, never by a single year said before it.
        Without a document date the run ends at ``last`` (the year of the section's heading, or the
        year the paragraph stated: 一、2015年工作回顾 … 过去五年 → 2011/2015)."""
        if en and _SPAN_LITERALS_EN.search(nsent) is None:
            return "", -1  # none of the patterns below can match
        # (a Chinese pattern is searched only when the text holds a literal each of its matches holds)
        m = _PAST_YEARS_EN.search(nsent) if en else _PAST_YEARS_SPAN.search(nsent) \
            if "过去" in nsent or "年来" in nsent or "这" in nsent else None
        if m is not None:
            n = _cn_int(next(g for g in m.groups() if g))
            end = year - 1 if year is not None else last
            if n is not None and n > 1 and end is not None:
                return f"{end - n + 1}/{end}", m.start()
        if year is not None and doc_month is not None and doc_month <= 6:
            m = _PAST_YEAR_EN.search(nsent) if en else _PAST_YEAR_SPAN.search(nsent) if "一年" in nsent else None
            if m is not None:
                return str(year - 1), m.start()
        if not en and "五" in nsent:
            for m in _FIVE_YEAR_SPAN.finditer(nsent):
                if _VS_BEFORE.search(nsent[max(0, m.start() - 3):m.start()]):
                    continue  # 较“十三五”时期增长4.8%: a base of comparison, not the time spoken of
                n = _cn_int(m.group(1))
                run = five_year_plan(n) if n else ""
                if run and (int(run[5:]) < year if year is not None else last is not None and int(run[5:]) <= last):
                    return run, m.start()
        return "", -1

    @classmethod
    def _section_answers(cls, headings) -> tuple[list[tuple[str, str]], list[bool]]:
        """:meth:`_heading_at` and :meth:`_one_year_section` for every position, by the number of
        headings at or before it (``bisect_right(starts, pos)``): index 0 is before the first heading."""
        at: list[tuple[str, str]] = [("", "")]
        one: list[bool] = [False]
        for h in headings:
            if h.period or h.run:
                at.append((h.period, h.run))
                one.append(bool(h.period) and not h.run and not h.several)
            elif h.top:
                at.append(("", ""))
                one.append(False)
            else:
                at.append(at[-1])
                one.append(one[-1])
        return at, one

    @staticmethod
    def _one_year_section(headings, starts, pos) -> bool:
        """The nearest dated heading dates its section by one year and speaks of no run of years
        (``一、2014年工作回顾``, not ``一、过去一年和五年工作回顾``)."""
        i = bisect_right(starts, pos) - 1
        while i >= 0:
            h = headings[i]
            if h.period or h.run:
                return bool(h.period) and not h.run and not h.several
            if h.top:
                return False
            i -= 1
        return False

    @staticmethod
    def _heading_at(headings, starts, pos) -> tuple[str, str]:
        """(single, run) of the nearest dated heading of the section holding ``pos``."""
        i = bisect_right(starts, pos) - 1
        while i >= 0:
            h = headings[i]
            if h.period or h.run:
                return h.period, h.run
            if h.top:
                return "", ""  # a top-level heading without a date ends the dated section
            i -= 1
        return "", ""

    def _one(self, c: Claim, nsent: str, local: int, en: bool, year: int | None, heading: str, run: str,
             prev_period: str, title_period: str, doc_area: str, doc_area_basis: str, prev_key: str,
             doc_month: int | None = None, list_index: int = 0, list_len: int = 1, sent_keys: tuple = (),
             para_key: str = "", prev_area: tuple[str, str] | None = None, prev_spans=(),
             info: _Sentence | None = None, part=((), "", ""), one_year: bool = False) -> Claim:
        if c.kind in _TIMES:
            return _timed(c)
        if info is None or info.text is not nsent:
            info = _Sentence(nsent, self.areas)
        lo = local if local > 0 else 0
        before = nsent[:lo]
        clause_start = info.clause_start(lo)
        clause = before[clause_start:]
        period, basis, doubt = c.period, c.period_basis, ""
        base = c.base_period
        plan = info.plan
        if plan is None:
            plan = info.plan = bool((self.plan_en if en else self.plan_zh).search(nsent))
        tw_word, tw_clause, tw_pos = self._time_word_before(nsent, local, clause_start, en, info)
        # a one-month part (年末) dates its own clause only: 年末失业率降到5.5%，居民消费价格上涨2%
        if tw_word is not None and not tw_clause and tw_word.shape == "point" and basis in ("relative", "inherited"):
            sentence_tw = self._sentence_time_word(nsent, en)
            if sentence_tw is not None and sentence_tw is not tw_word and year is not None \
                    and sentence_tw.type == "part":
                from factlib.claims.periods import year_period
                period = year_period(int(period[:4]), sentence_tw.months) if sentence_tw.months else period[:4]
                tw_word = sentence_tw
        # ---- period from context and release conventions -------------------------------------
        if period and basis == "relative" and tw_word is not None and tw_word.type == "part" \
                and year is not None and period[:4] == str(year):
            if heading and len(heading) == 4:
                period = self._with_year(period, int(heading))
                basis = "context"
            elif not plan and self._not_ended(period, doc_month):
                period = self._with_year(period, year - 1)  # 全年 in a release of 2025-01-17 is 2024
                basis = "release"
        # 由2003年的77%提高到96%: the level reached is not dated by the start's year
        pair = "" if en or ("从" not in before and "由" not in before) \
            else self._pair(before, nsent[local + len(c.surface):])
        if pair and self.tw.zh.search(re.split(r"从|由|到|至", clause)[-1]):
            pair = ""  # 由上年的88个…, 降到去年的1.5%: the words date the number themselves
        if pair == "to" and basis in ("inherited", "explicit") and period:
            fm = _FROM_YEAR.search(clause)
            if fm and period[:4] == fm.group(1) and not _YEAR.search(clause[fm.end():]) \
                    and not _YEAR.search(nsent[:clause_start + fm.start()]):
                period, basis = "", "none"  # (2011年…从2008年的4%提高到7%: the sentence's year stays)
        elif pair == "from" and basis in ("inherited", "explicit") and period and not _YEAR.search(clause):
            # 从2002年…增加到2007年…，比重从1.07%提高到1.49%: a later pair starts where the first one did
            pm = None
            for pm in _PAIR_YEARS.finditer(before[:clause_start]):
                pass
            if pm is not None and period[:4] == pm.group(2):
                period = pm.group(1) + period[4:]
        if not period or basis == "none":
            if run and "年" in clause and _RUN_YEARS.search(clause) and _RUN_WORDS.search(clause) \
                    and _PAST_YEARS.search(before) is None:  # (every match of _RUN_YEARS holds 年)
                period, basis = run, "context"  # 五年累计…: the run of years of the section
            elif pair and run and "/" in run and not base:
                period, basis = run, "context"  # 从A增加到B in a review of several years: its start and end
            elif prev_period and not base:
                period, basis = prev_period, "context"
            elif heading:
                period, basis = heading, "context"
            elif run:
                period, basis = run, "context"
            elif title_period:
                period, basis = title_period, "context"
            if basis == "context" and tw_word is not None and tw_word.type == "part" and len(period) == 4 \
                    and tw_word.months:
                from factlib.claims.periods import year_period
                period = year_period(int(period), tw_word.months)
            from_to = self._from_to(before) if basis == "context" and "/" in period and len(period) == 9 else ""
            if from_to:
                a, b = period.split("/")
                period = str(int(a) - 1) if from_to == "from" else b
            elif pair == "from" and basis == "context" and len(period) == 4 and heading == period and not run \
                    and one_year and not plan and not _SEVERAL_YEARS.search(nsent):
                period = str(int(period) - 1)  # 由46.9%提高到48.2% in the review of one year: from the year before
        if tw_word is not None:
            w = tw_word.word.lower()
            if w in self.doubts:
                doubt = f"{tw_word.word}: {self.doubts[w]}"
        # ---- metric key (precision first) ---------------------------------------------------
        metric = c.metric
        # (_part_child's first test here: most sentences hold no 其 before the number and carry no parent)
        child = "" if en or (not part[2] and nsent.find("其", 0, lo) < 0) \
            else self._part_child(nsent, local, clause_start, part)
        if child:
            key = child
            label = self.lexicon.info(child).label_zh
            m = self.lexicon.match(label)
            if m is not None and m.exact and m.key == child:
                metric = label  # as certain as the child's own name (其中，出口 after 货物进出口总额)
        else:
            key = self._key(c, nsent, local, clause_start, en, prev_key, list_index, list_len, sent_keys, para_key,
                            prev_spans, clause)
        measure = self.lexicon.measure(key) if key else ""
        if not measure and not en:
            words_key = (c.metric or "", clause, c.kind == "count")
            measure = self._m_words[words_key]
        # ---- level or change, base --------------------------------------------------------
        change = change_of(c.kind, c.direction)
        tail8 = before[-8:]
        if change == "level" and not en and c.kind in ("count", "amount") \
                and self._m_change_before[clause] \
                and not (self.to_level_zh.search(tail8)):
            change = "abs_change"  # 比去年增加2000亿元
        if change in ("abs_change", "rel_change") and (self.to_level_en if en else self.to_level_zh).search(
                before[max(0, len(before) - 20):] if en else tail8):
            change = "level"  # 提高到67%, 降至15%, rose to 5.2 percent: the level reached
        if c.unit == "%" and change in ("level", "abs_change") and (not key or not self.lexicon.info(key).unit == "%") \
                and (self.rate_noun_en if en else self.rate_noun_zh).search(clause):
            change = "rel_change"  # 涨幅回落到2.6%, sales growth was 2.7 per cent: the level of a growth rate
        if change in ("abs_change", "rel_change") and key and self._alias_holds_change(clause, key):
            change = "level"  # 城镇新增就业1244万人, 对世界经济增长贡献率: the change word is in the indicator's name
        if not en and change == "level" and not key and c.kind in ("count", "amount") \
                and self._m_new_add[clause]:
            change = "abs_change"  # 新增第四代移动通信用户3.4亿: an increase of a stock
        if en and change == "level" and c.kind in ("count", "amount") and _MORE_FEWER.match(
                nsent[local + len(c.surface):local + len(c.surface) + 8]):
            change = "abs_change"  # 600,000 more people employed than a year ago
        own = split_base(period, c.base_period) if c.base_period else period
        # a stock stated over a run of years is the level at its end (各类市场主体达到9800多万户)
        if "/" in own and len(own) == 9 and basis == "context" and measure == "stock" and change == "level":
            own = period = own.split("/")[1]
        if change == "level":
            base = ""
        # ---- point or interval, doubt -------------------------------------------------------
        ptype = period_type(own, measure)
        if own and "/" not in own:
            # (every match of point_wide_zh holds 截: 截至, 截止)
            point_cue = (self.point_en.search(clause) if en else
                         self._m_point[clause] or None) or \
                (self.point_wide_en.search(before) if en else
                 self.point_wide_zh.search(before) if "截" in before else None)
            end_cue = len(own) == 4 and info.year_end(own)
            if point_cue is not None or end_cue or (tw_word is not None and tw_word.shape == "point"
                                                    and (tw_clause or 0 <= tw_pos < 12)):
                ptype = "point"
                if len(own) == 4 and (end_cue or (tw_word is not None and tw_word.months
                                                  and tw_word.months[0] == tw_word.months[1]
                                                  and (tw_clause or 0 <= tw_pos < 12))):
                    month = 12 if end_cue else tw_word.months[0]
                    new_own = f"{own}-{month:02d}"
                    period = period.replace(own, new_own) if own in period else new_own
                    own = new_own
            elif tw_word is not None and tw_word.shape == "interval" and not ptype:
                ptype = "interval"
            if not ptype and c.kind in ("growth_rate", "pp_change") and measure != "stock":
                ptype = "interval" if len(own) == 4 else ""
            if not ptype and change in ("abs_change",) and len(own) == 4 and measure != "stock":
                ptype = "interval"
        if change in ("abs_change", "rel_change", "pp_change") and not base and not en:
            # 2005年与2000年相比，国内生产总值增长57.3%: an explicit base in an earlier clause
            bm = None
            for bm in _BASE_BEFORE.finditer(before) if "比" in before else ():  # (相比, 比较: every match holds 比)
                pass
            if bm is not None and bm.group(1) != own[:4]:
                base = bm.group(1)
        if change in ("abs_change", "rel_change", "pp_change") and not base:
            average = (self.average_en if en else self.average_zh).search(before)
            if not en and self.vs_area_zh.search(clause):
                base = ""
            elif average and own and "/" not in own and run and basis != "explicit":
                own = period = run
                base = _previous(own)
            elif average and "/" in own and len(own) == 9:
                # 1990年到2000年年均1.07%: from the first year written; 十四五 年均: from the year before
                base = own[:4] if basis in ("explicit", "inherited") else _previous(own)
            elif "/" in own and len(own) == 9 and measure == "stock":
                base = str(int(own[:4]) - 1)
                own = period = own.split("/")[1]
                ptype = "point"  # 五年增加70%: the stock at the end of the run, against the year before it
            elif own:
                base = _previous(own)
        if base and len(base) == 4 and info.year_end(base):
            base = f"{base}-12"  # 较2018年底: the end of the year
        if not doubt and own and len(own) == 4 and measure == "stock" and ptype == "point":
            doubt = f"{own}: a stock dated by a year only (year-end assumed)"
        # ---- area -------------------------------------------------------------------------
        # (whether the claim continues the one before it is asked in _area, only when it matters)
        area, area_basis = self._area(nsent, local, clause_start, en, doc_area, doc_area_basis, key, prev_area,
                                      not en and bool(prev_area), info, clause)
        unit = c.unit
        if unit == "CNY" and c.unit_surface in ("元", "圆") and area in _AREA_CURRENCY and "人民币" not in clause:
            unit = _AREA_CURRENCY[area]  # 342億元 in a Hong Kong government release is HK dollars
        return _resolved(c, unit, metric, key, period, basis if period else "none", ptype, _GRANULARITY[own],
                         doubt, area, area_basis, change, base if change not in ("", "level") else "")

    @staticmethod
    def _not_ended(period: str, doc_month: int | None) -> bool:
        """Less than half of a part of the document's year has passed by the document's month: a
        statistic cannot be about it yet (全年 in January is last year's; 上半年 in mid-June is this
        year's, nearly over)."""
        if doc_month is None:
            return False
        a, _, b = period.partition("/")
        first = 1 if len(a) == 4 else int(a[5:7])
        last = 12 if len(b or a) == 4 else int((b or a)[5:7])
        return (doc_month - first + 0.5) / (last - first + 1) < 0.5

    @staticmethod
    def _pair(before: str, after: str) -> str:
        """'from' or 'to' for a number in a 从/由 X …到 Y pair of one clause (X followed by a to-part, Y
        preceded by a from-part), else ''."""
        clause_before = before[max(before.rfind(ch) for ch in "，,；;。") + 1:]
        if re.search(r"(?:从|由)[^到至]*(?:到|至)[^，,；;]{0,3}$", clause_before):
            return "to"
        if re.search(r"(?:从|由)[^到至]{0,12}$", clause_before) and re.match(r"[^，,；;。]{0,8}?(?:到|至)", after):
            return "from"
        return ""

    @staticmethod
    def _from_to(before: str) -> str:
        """'from' when the number follows 从/由 in its clause, 'to' when it follows 到/至, else ''."""
        tail = before[-12:]
        m = _FROM_TAIL.search(tail)
        if m:
            return "from"
        if _TO_TAIL.search(tail):
            return "to"
        return ""

    # ---- helpers ------------------------------------------------------------------------------
    def _time_word_before(self, nsent: str, local: int, clause_start: int, en: bool, info: _Sentence | None = None):
        """The last time word before the claim that is no comparison base (比上年), whether it is in
        the claim's clause, and where it is (-1 when none)."""
        rx = self.tw.en if en else self.tw.zh
        lo = local if local > 0 else 0
        found = None
        if not en and info is not None and self._tw_zh_plain:
            # the sentence's matches that end by the claim are the matches of the text cut there
            # (a pattern without look-arounds), unless one of them runs across the claim's start
            ms, ends = info.time_words(rx)
            if not ms:
                return None, False, -1
            k = bisect_right(ends, lo)
            if k == len(ms) or ms[k].start() >= lo:
                last = info._tw_last  # noqa: SLF001
                if last is None:
                    last = info._tw_last = self._last_time_words(nsent, ms)  # noqa: SLF001
                best = last[k]
                if best is None:
                    return None, False, -1
                return best[0], best[1] >= clause_start, best[1]
        if found is None:
            found = list(rx.finditer(nsent, 0, lo))
        best = next((m for m in reversed(found) if not self._base_before(nsent, m.start(), en)), None)
        if best is None:
            return None, False, -1
        return self.tw.words.get(best.group().lower()), best.start() >= clause_start, best.start()

    def _last_time_words(self, nsent: str, ms) -> list:
        """For each k, (the time word, its start) of the last of the Chinese matches ``ms[:k]`` that is no
        comparison base, or None: what the scan back from a claim finds (a table per sentence)."""
        out: list = [None]
        cur = None
        words = self.tw.words
        for m in ms:
            start = m.start()
            if not self._base_before(nsent, start, False):
                cur = (words.get(m.group().lower()), start)
            out.append(cur)
        return out

    @staticmethod
    def _base_before(nsent: str, start: int, en: bool) -> bool:
        """The time word at ``start`` is a comparison base (比上年, 与上年相比, than 2019)."""
        pre = nsent[max(0, start - 3):start]
        if pre.endswith("相比"):
            return True
        if en:
            return _THAN_EN.search(nsent[max(0, start - 16):start]) is not None
        return pre[-1:] in ("比", "较", "与", "同")

    def _sentence_time_word(self, nsent: str, en: bool):
        """A time word opening the sentence (全年…), which dates all its clauses."""
        rx = self.tw.en if en else self.tw.zh
        m = rx.search(nsent, 0, 12)
        return self.tw.words.get(m.group().lower()) if m is not None else None

    @staticmethod
    def _with_year(period: str, year: int) -> str:
        return re.sub(r"(?<![0-9])(19|20)[0-9]{2}(?![0-9])", f"{year:04d}", period)

    def _alias_holds_change(self, clause: str, key: str) -> bool:
        """An alias of ``key`` that holds the change word stands in the clause (城镇新增就业, 减少农村贫困人口,
        对世界经济增长的贡献率), and no other change word follows it."""
        aliases = self._change_aliases.get(key)
        if aliases is None:
            # 居民消费价格涨幅2%: an alias with a rate noun names the rate of change itself, not a level
            aliases = self._change_aliases[key] = tuple(
                a for a in self.lexicon.info(key).aliases_zh
                if not self.rate_noun_zh.search(a) and self._change_word_zh.search(a))
        for a in aliases:
            if a in clause:
                rest = clause[clause.index(a) + len(a):]
                return self._change_word2_zh.search(rest) is None
        return False

    def _key(self, c: Claim, nsent: str, local: int, clause_start: int, en: bool, prev_key: str,
             list_index: int = 0, list_len: int = 1, sent_keys: tuple = (), para_key: str = "",
             prev_spans=(), clause: str | None = None) -> str:
        """Precision-first metric key (see module docstring).  ``clause``:
        ``nsent[clause_start:max(clause_start, local)]`` when the caller has it."""
        lex = self.lexicon
        if en:
            return self._key_en(c, nsent, local, clause_start)
        if list_len > 1 and 0 < clause_start < local and nsent[clause_start - 1] == "、" \
                and "分别" in nsent[clause_start:local]:
            # 高技术制造业、装备制造业增加值分别增长8.9%、7.7%: the subjects of a 分别 list are one clause
            clause_start = max(nsent.rfind(ch, 0, clause_start - 1) for ch in "，。；：！？,;") + 1
            clause = None
        seg = nsent[clause_start:max(clause_start, local)] if clause is None else clause
        for a, b in prev_spans:  # earlier numbers of the clause (从…2.73万亿元增加到…) are no metric words
            if clause_start <= a and b <= local:
                seg = seg[:a - clause_start] + " " * (b - a) + seg[b - clause_start:]
        found = self._found[seg] if seg else ()
        good = []
        for m in found:
            tail = seg[m.end:]
            for o in found:  # other metrics of a list after this one (A和B实际增长x和y)
                if o.start >= m.end:
                    tail = tail.replace(seg[o.start:o.end], "")
            if not self._tail_memo[tail]:  # _explained_tail
                continue
            head = seg[:m.start]
            for o in found:  # metrics listed before this one (A和B…): not modifiers of B
                if o.end <= m.start:
                    head = head.replace(seg[o.start:o.end], "")
            if found and head != seg[:m.start]:
                head = _LIST_JOINS.sub("", head)
            if self._head_memo[head]:  # _explained_head
                good.append((m, m.key))
            else:
                child = self._child_from(head, m.key)
                if child:
                    good.append((m, child))
        if good:
            # several metrics listed before several numbers (A、B分别增长x和y): the i-th one
            listed = good[:] if len(good) == 1 else [
                g for g in good if not any(o is not g and o[0].start <= g[0].start and g[0].end <= o[0].end
                                           for o in good)]
            listed.sort(key=lambda g: g[0].start)
            if list_len > 1 and len(listed) == list_len and self._is_list(seg, listed):
                return self._unit_fits(c, listed[list_index][1])
            if list_len > 1:  # (the items of a list are read only for a number in a list)
                items = self._list_items(seg, listed)
                if len(items) == list_len:
                    return self._unit_fits(c, items[list_index]) if items[list_index] else ""
            best = max(good, key=lambda g: (g[0].end, g[0].end - g[0].start))
            return self._unit_fits(c, best[1])
        if found and any(m.end > len(seg) - 1 for m in found):
            return ""  # an alias right before the number with unexplained words: no key (precision first)
        bare = self._strip_memo[seg]
        after_end = local + len(c.surface)
        after = None
        if not bare:
            after = nsent[after_end:after_end + 16].lstrip("的 ")
            m = lex.find_at_start(after)
            if m is not None:
                return self._unit_fits(c, m.key)  # 8000多万农业转移人口…: the counted noun
        # the subject standing alone in the clause before (全社会研究与实验发展经费，从2002年1288亿元…)
        if not prev_key and clause_start > 0 and self._lead_memo[seg]:  # _lead_explain
            before = nsent[:clause_start - 1]
            last = _TO_LAST_CLAUSE.match(before)  # the clause before: after its last delimiter
            subject = before[last.end() if last is not None else 0:]
            m = lex.match(subject) if subject else None
            if m is not None and (m.exact or self._explained_head(normalize_phrase(subject)[:m.start])) \
                    and normalize_phrase(subject).endswith(m.alias):
                return self._unit_fits(c, m.key)
        # a list of numbers after a list of keyed levels (…，分别比1995年增长69%和67%)
        if list_len > 1 and len(sent_keys) >= list_len and self._lead_memo[seg]:
            return sent_keys[len(sent_keys) - list_len + list_index]
        # nothing but change words, bases and fillers before the number: the metric of the claim before
        if prev_key and bare and self._lead_memo[seg]:
            return prev_key
        # a bare modifier naming a child of the metric just before (其中，出口35.58万亿元)
        if bare and (prev_key or para_key):
            for k in (prev_key, para_key):
                if k:
                    for base_key in (k, lex.parent(k)):
                        child = lex.child(base_key, bare) if base_key else None
                        if child:
                            return child
        # the counted noun right after the number (已设21个自由贸易试验区)
        if after is None:
            after = nsent[after_end:after_end + 16].lstrip("的 ")
            m = lex.find_at_start(after)
            if m is not None:
                return self._unit_fits(c, m.key)  # the counted noun is the head of the phrase
        m = lex.match(c.metric) if c.metric else None
        if m is not None and m.exact:
            return self._unit_fits(c, m.key)
        return ""

    def _part_child(self, nsent: str, local: int, clause_start: int, part) -> str:
        """The sub-metric a bare child word names in a 其中 scope, or ''.  ``part`` is (keyed claims of the
        sentence so far as (end, key), the last key of the sentence before, the parent carried from the
        sentence's earlier ；-part).  The clause before the number must be the child word alone (after
        其中, fillers and change words), and the lexicon must list it under the parent."""
        key_pos, prev_sent_key, carry = part
        if not carry and nsent.find("其", 0, max(0, local)) < 0:
            return ""
        cue_at = -1
        for m in self.part_of_zh.finditer(nsent, 0, max(0, local)):
            cue_at = m.start()
        if cue_at < 0 and not carry:
            return ""
        parent = self._part_parent(key_pos, cue_at, prev_sent_key, carry)
        if not parent:
            return ""
        seg = nsent[clause_start:max(clause_start, local)]
        bare = self._strip(self.part_of_zh.sub("", seg))
        if not bare or not re.fullmatch(r"[^\W\d_]+", bare):
            return ""
        return self.lexicon.child(parent, bare) or ""

    @staticmethod
    def _part_parent(key_pos, cue_at: int, prev_sent_key: str, carry: str) -> str:
        """The whole a 其中 at ``cue_at`` speaks of: the last keyed claim before it in the sentence, else
        the last key of the sentence before (a 其中 opening the sentence), else the carried parent."""
        if cue_at >= 0:
            before = [k for end, k in key_pos if end <= cue_at]
            if before:
                return before[-1]
            return prev_sent_key if cue_at == 0 else carry
        return carry

    def _list_items(self, seg: str, listed) -> list[str]:
        """The keys of the 、-separated metric phrases before a list of numbers ('' for an item that
        is no alias): 农产品网络零售额、乡村旅游经营收入分别增长 → [agri_online_retail_sales, '']."""
        last = max(g[0].end for g in listed)
        start = min(g[0].start for g in listed)
        part = seg[start:last]
        tail = seg[last:]
        if "分别" not in tail and len(listed) < 2:
            return []
        pieces = _LIST_SPLIT.split(part)
        if len(pieces) < 2:
            return []
        out = []
        for piece in pieces:
            m = self.lexicon.match(piece) if piece else None
            out.append(m.key if m is not None and m.exact else "")
        return out

    @staticmethod
    def _is_list(seg: str, listed) -> bool:
        """The aliases are joined by 、/和/及/与 only (a list of metrics)."""
        for (a, _), (b, _) in zip(listed, listed[1:]):
            if not _LIST_GAP.match(seg[a.end:b.start]):
                return False
        return True

    _EN_TAIL = re.compile(r"^(?:\s|of|was|were|is|are|stood|at|reached|totaled|totalled|totaling|hit|rose|fell|grew|"
                          r"had|has|have|an?|estimated|about|around|nearly|over|more|than|by|to|up|down|increased|"
                          r"decreased|dropped|below|above|the|in|\d{4}|,)*$", re.I)

    _EN_TIME = re.compile(r"\b(?:as of|at the end of|by the end of|end of|in|on|at|by|since|during|of|the|"
                          r"january|february|march|april|may|june|july|august|september|october|november|december|"
                          r"first|second|third|fourth|quarter|half|year|month|\d+)\b", re.I)

    def _explained_en(self, rest: str) -> bool:
        """An English remainder made only of time words, areas and neutral words."""
        r = rest
        for a in sorted(self.areas.find_all(r), key=lambda a: -(a.end - a.start)):
            r = r.replace(a.surface, " ")
        r = self._EN_TIME.sub(" ", r)
        for w in self.lexicon._neutral:  # noqa: SLF001
            if w.isascii():
                r = re.sub(rf"\b{re.escape(w)}\b", " ", r)
        return re.sub(r"[\W\d_]+", "", r) == ""

    def _key_en(self, c: Claim, nsent: str, local: int, clause_start: int) -> str:
        lex = self.lexicon
        m = lex.match(c.metric) if c.metric else None
        if m is not None and m.exact:
            return m.key
        if m is not None:
            phrase = normalize_phrase(c.metric)
            if self._explained_en(phrase[:m.start] + " " + phrase[m.end:]):
                return m.key
        after = nsent[local + len(c.surface):local + len(c.surface) + 60]
        mm = _EN_WORDS.match(after)
        if mm:
            words = mm.group(1).split()
            for n in range(len(words), 0, -1):
                m2 = lex.match(" ".join(words[:n]))
                if m2 is not None and m2.exact:
                    return m2.key
        seg = nsent[clause_start:max(clause_start, local)]
        best = None
        for f in lex.find_normalized(seg):
            tail = seg[f.end:]
            if self._EN_TAIL.match(tail) and (best is None or f.end > best.end):
                best = f
        return best.key if best is not None else ""

    def _ancestors(self, code: str) -> tuple[str, ...]:
        """``areas.ancestors(code)``, remembered (a document asks for its own area's at every claim)."""
        return self._ancestor_memo[code]

    def _strip_lead(self, seg: str) -> str:
        return seg.strip(" ,，、:：;；的")

    def _lead_explain(self, seg: str) -> bool:
        """``_explained_tail(_strip_lead(seg))`` (remembered per ``seg`` in ``_lead_memo``: asked up to
        four times per claim)."""
        return self._explained_tail(self._strip_lead(seg))

    def _strip(self, s: str) -> str:
        """The phrase ``s`` without fillers, a trailing change word and edge punctuation (remembered)."""
        return self._strip_memo[s]

    def _strip_raw(self, s: str) -> str:
        s = s.strip(" ,，、:：;；的")
        lead = self._fillers_lead.match(s)
        if lead is not None:
            s = s[lead.end():]
        m = self._up_down_end.search(s)
        if m is not None and m.start() > 0:
            s = s[:m.start()]
        return s.strip(" ,，、的为达")

    def _explained_tail(self, tail: str) -> bool:
        """Between the alias and the number: only verbs of stating, change words, fillers, qualifiers."""
        return self._tail_memo[tail]

    def _explain_tail(self, tail: str) -> bool:
        t = _TAIL_PUNCT.sub("", tail)
        if len(t) > 20:
            return False
        # dates first (1995年增长), then 总值, M2, GDP, and earlier numbers of the same list; once nothing
        # is left the rest cannot change the answer
        for rx in (_TAIL_DATES, self._tail_words, _TAIL_VS, _TAIL_TOTALS, _TAIL_YEARS, _TAIL_REST):
            if not t:
                return True
            t = rx.sub("", t)
        return t == ""

    def _explained_head(self, head: str) -> bool:
        """Before the alias: only neutral words, areas, scope words, time words, fillers and verbs
        that do not narrow the metric (累计建成, 再完成, 各类)."""
        return self._head_memo[head]

    def _explain_head(self, head: str) -> bool:
        h = head
        for w in self.lead_words:
            if w in h:
                h = h.replace(w, " ")
        for m in sorted(self.areas.find_all(h, simplified=True), key=lambda a: -(a.end - a.start)):
            h = h.replace(m.surface, " ")
        h = self.scope_re.sub(" ", h)
        h = _HEAD_YEARS.sub(" ", h)
        h = self.tw.zh.sub(" ", h)
        h = _YEAR.sub(" ", h)
        for w in self.fillers:
            h = h.replace(w, " ")
        for w in self.lexicon._neutral:  # noqa: SLF001 (the lexicon's own neutral words)
            h = h.replace(w, " ")
        h = _HEAD_REST.sub("", h)
        return h == ""

    def _child_from(self, head: str, key: str) -> str:
        """The sub-metric of ``key`` named by the unexplained words of ``head``, when one explains them all."""
        by_parent = self._modifiers
        if by_parent is None:  # the lexicon's (parent, word) -> child pairs by parent, in table order
            by_parent = self._modifiers = {}
            for (parent, word), child in self.lexicon.modifiers.items():
                by_parent.setdefault(parent, []).append((word, child))
        for word, child in by_parent.get(key, ()):
            if word in head and self._explained_head(head.replace(word, " ")):
                return child
        return ""

    def _unit_fits(self, c: Claim, key: str) -> str:
        """Drop a key whose unit cannot carry the claim's unit (户 or 家 for a count of persons)."""
        if not key:
            return key
        info = self.lexicon.info(key)
        if info.unit in ("person", "person_time") and c.unit and c.unit not in ("person", "person_time", "人", "人次") \
                and c.kind != "growth_rate":
            return ""  # 移动互联网用户数14.5亿户: accounts, not persons (接待入境游客增长30%: a growth rate fits)
        return key

    def _area(self, nsent: str, local: int, clause_start: int, en: bool, doc_area: str, doc_basis: str,
              key: str, prev_area: tuple[str, str] | None = None, inherit: bool = False,
              info: _Sentence | None = None, clause: str | None = None) -> tuple[str, str]:
        """Where the claim was measured: the phrase, the sentence, the document (see module docstring).
        ``clause``: ``nsent[clause_start:max(clause_start, local)]`` when the caller has it."""
        if key:
            fixed = self.lexicon.info(key).area
            if fixed:
                return fixed, "phrase"
        if clause is None:
            clause = nsent[clause_start:max(clause_start, local)]
        zh_clause = clause
        if en:
            clause = clause + " " + nsent[local:local + 40]  # 4,000 UK adults: the counted noun's area
        areas = self.areas
        if info is None or info.text is not nsent:
            info = _Sentence(nsent, areas)
        # (a clause of a sentence naming no area for certain names none: see _Sentence.may_name)
        may = info.may_name()
        if may or en:
            named = self._m_named[clause]
            if named:
                doc_ancestors = self._ancestors(doc_area) if doc_area else ()
                sub_national = bool(doc_area) and doc_area != "CN" and "CN" in doc_ancestors
                for a in reversed(named):
                    # 全国文明城市, 高于全国 in a provincial report: the country is named, not measured
                    if a.code != "WORLD" and not (sub_national and a.code in doc_ancestors and not a.start <= 1):
                        return a.code, "phrase"
        if doc_area and self._m_scope[clause]:
            return doc_area, "phrase"
        if inherit and prev_area is not None and prev_area[0] and self._lead_memo[zh_clause]:
            return prev_area  # …陕西进出口415.4亿元、增长11.7%: the area of the claim it continues
        opening = info.areas_before(local if local > 0 else 0) if may else ()  # (none in a sentence naming none)
        if opening:
            doc_ancestors = self._ancestors(doc_area) if doc_area else ()
            for a in opening:
                if a.code != "WORLD" and not (doc_area and a.code in doc_ancestors):
                    return a.code, "sentence"
        if doc_area:
            return doc_area, doc_basis
        if not en and self._m_national[clause]:
            return "CN", "phrase"
        return "", ""


@lru_cache(maxsize=1)
def default_resolver() -> ContextResolver:
    return ContextResolver()


def resolve_claims(doc, claims: list[Claim]) -> list[Claim]:
    """The claims of ``doc`` with context periods, point/interval, area and level/change added."""
    return default_resolver().resolve(doc, claims)
