"""Periods: time expressions in a sentence and the ISO 8601 period they give a claim.

Two kinds of time expression feed the period of a claim:

* dated mentions found by the extractor's number scanner (``2022年12月``, ``2021年末``,
  ``2023年首3季``, ``December 3, 2017``, ROC years ``112年`` in traditional-Chinese text) — built
  here by :func:`year_period` / :func:`month_period` / :func:`day_period`;
* time words from ``factlib/data/time_words.csv`` (``今年``, ``去年``, ``上半年``, ``一季度``,
  ``年末``, ``近年来`` …) found by :meth:`TimeWords.finditer`, resolved against the document date.

Periods are strings: ``2022``, ``2022-12``, ``2023-05-22``, intervals ``2024-01/2024-08``, and for a
change against an explicit base ``base/ref`` (:func:`base_ref`).

>>> year_period(2023, (1, 9))
'2023-01/2023-09'
>>> base_ref("2021-12", "2022-12")
'2021-12/2022-12'
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from factlib.vocab.regexes import alternation
from factlib.vocab.tables import TableError, read_table
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

__all__ = [
    "TimeWord", "TimeWords", "default_time_words", "year_period", "month_period", "day_period",
    "base_ref", "granularity", "roc_to_gregorian", "ROC_OFFSET", "Centuries", "default_centuries",
    "decade_start", "split_base", "period_granularity", "period_type",
]

ROC_OFFSET = 1911  # 民國 year N is Gregorian N + 1911 (112年 → 2023)
TYPES = ("rel_year", "rel_month", "rel_day", "part", "vague")


@dataclass(frozen=True, slots=True)
class TimeWord:
    """One row of the time-word table."""

    word: str
    type: str
    offset: int = 0
    months: tuple[int, int] | None = None
    shape: str = ""
    """point | interval | '': what the word makes of a claim's own period (time_words.csv)."""
    doubt: str = ""
    """The concrete doubt of a period dated by this word (年初), or ''."""


def roc_to_gregorian(year: int) -> int:
    """Republic-of-China (民國) year → Gregorian year."""
    return year + ROC_OFFSET


def year_period(year: int, part: tuple[int, int] | None = None) -> str:
    """``2023`` or, with a part of the year (months), ``2023-01/2023-09``; a whole year stays ``2023``."""
    if not part or part == (1, 12):
        return f"{year:04d}"
    a, b = part
    if a == b:
        return f"{year:04d}-{a:02d}"
    return f"{year:04d}-{a:02d}/{year:04d}-{b:02d}"


def month_period(year: int, month: int, end_month: int | None = None) -> str:
    """``2022-12`` or a month range ``2024-01/2024-08``."""
    if end_month and end_month != month:
        return f"{year:04d}-{month:02d}/{year:04d}-{end_month:02d}"
    return f"{year:04d}-{month:02d}"


def day_period(year: int | None, month: int | None, day: int) -> str:
    """``2017-12-03``; ``''`` when the year or month is unknown or the date is impossible."""
    if year is None or month is None:
        return ""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def granularity(period: str) -> str:
    """``Y``, ``M``, ``D`` for single periods, ``I`` for intervals, ``''`` for none."""
    if not period:
        return ""
    if "/" in period:
        return "I"
    return {4: "Y", 7: "M"}.get(len(period), "D")


def base_ref(base: str, ref: str) -> str:
    """The period of a change from ``base`` to ``ref``: ``2021-12/2022-12``.

    Only periods of the same granularity combine (a year against a year, a month against a month);
    otherwise the change is dated by ``ref`` alone.
    """
    if not base:
        return ref
    if not ref:
        return ""
    if granularity(base) == granularity(ref) and granularity(base) in ("Y", "M", "D") and base != ref:
        return f"{base}/{ref}"
    return ref


class TimeWords:
    """Time words by language, with a compiled regex for each."""

    def __init__(self, path: str | Path = "time_words"):
        rows = read_table(path, required=("word", "lang", "type"), key=("word",))
        self.words: dict[str, TimeWord] = {}
        for row in rows:
            t = row["type"]
            if t not in TYPES:
                raise TableError(f"{path}: unknown time-word type {t!r} for {row['word']!r}")
            months = None
            if t == "part" or (t == "rel_year" and row.get("start_month")):
                months = (int(row["start_month"]), int(row["end_month"]))  # 去年底: December of last year
            offset = int(row["offset"]) if row.get("offset") else 0
            self.words[row["word"].lower()] = TimeWord(row["word"], t, offset, months,
                                                       (row.get("shape") or "").strip(), (row.get("doubt") or "").strip())
        zh = [w for w in self.words if not w.isascii()]
        en = [w for w in self.words if w.isascii()]
        self.zh = re.compile(alternation(zh))
        self.en = re.compile(r"(?<![A-Za-z])(?:" + alternation(en, fold=True) + r")(?![A-Za-z])", re.I)
        # parts of a year written right after 'YYYY年' (2021年末, 2023年首3季)
        self.parts = {w: tw for w, tw in self.words.items() if tw.type == "part" and not w.isascii()}
        self.part_re = re.compile(alternation(self.parts))

    def lookup(self, word: str) -> TimeWord | None:
        return self.words.get(word.lower())

    def resolve(self, tw: TimeWord, doc_date: dt.date | None) -> str:
        """The period of a time word standing alone, relative to the document date ('' if unknown,
        and '' when it would leave the years 1000–2999: 明年 in a document dated 2999-12-31)."""
        period = self._resolve(tw, doc_date)
        return period if not period or "1000" <= period[:4] <= "2999" else ""

    def _resolve(self, tw: TimeWord, doc_date: dt.date | None) -> str:
        if tw.type == "vague" or doc_date is None:
            return ""
        if tw.type == "rel_year":
            return f"{doc_date.year + tw.offset:04d}"
        if tw.type == "rel_month":
            m = doc_date.year * 12 + doc_date.month - 1 + tw.offset
            return f"{m // 12:04d}-{m % 12 + 1:02d}"
        if tw.type == "rel_day":
            try:
                return (doc_date + dt.timedelta(days=tw.offset)).isoformat()
            except OverflowError:
                return ""
        # a part of the year without a year: the latest such part that has begun by the document date
        a, _b = tw.months or (1, 12)
        year = doc_date.year if a <= doc_date.month else doc_date.year - 1
        return year_period(year, tw.months)


def month_year(month: int, doc_date: dt.date | None) -> int | None:
    """The year of a month named without one: the latest such month not after the document date."""
    if doc_date is None:
        return None
    return doc_date.year if month <= doc_date.month else doc_date.year - 1


class Centuries:
    """Century words (``data/centuries.csv``) that fix the century of a two-digit decade."""

    def __init__(self, path: str | Path = "centuries"):
        rows = read_table(path, required=("word", "start", "relative"), key=("word",))
        self.words: dict[str, tuple[int, bool]] = {}
        for row in rows:
            if row["relative"] not in ("yes", "no"):
                raise TableError(f"{path}: relative must be yes or no for {row['word']!r}")
            self.words[row["word"]] = (int(row["start"]), row["relative"] == "yes")
        # a century word right before the decade, optionally with 的 (上世纪的80年代)
        self._before = re.compile(f"(?:{alternation(self.words)})的?$") if self.words else None
        self._longest = max(map(len, self.words), default=0) + 1

    def before(self, norm: str, pos: int, doc_date: dt.date | None) -> tuple[int, int] | None:
        """``(first year of the century, start of the word)`` for a century word ending at ``pos``."""
        if self._before is None:
            return None
        m = self._before.search(norm, max(0, pos - self._longest), pos)
        if m is None:
            return None
        start, relative = self.words[m.group().rstrip("的")]
        if relative:
            if doc_date is None:
                return None
            start += doc_date.year // 100 * 100
        return start, m.start()


def decade_start(n: int, century: int | None) -> int | None:
    """First year of the decade written ``n年代``: four digits (1960) as they are; two digits (60)
    in the given century, else in the 1900s from 30 on (80年代); None when it is no decade."""
    if n % 10:
        return None
    if 1000 <= n <= 2190:
        return n
    if 0 <= n <= 90:
        if century is not None:
            return century + n
        if n >= 30:
            return 1900 + n
    return None


@lru_cache(maxsize=1)
def default_centuries() -> Centuries:
    return Centuries()


@lru_cache(maxsize=1)
def default_time_words() -> TimeWords:
    """The shipped time-word table (cached)."""
    return TimeWords()


# --- issue 12: the shape of a claim's period -----------------------------------------------------

_MONTH_SPANS = {(1, 3): "quarter", (4, 6): "quarter", (7, 9): "quarter", (10, 12): "quarter",
                (1, 6): "half", (7, 12): "half", (1, 12): "year"}


def split_base(period: str, base: str) -> str:
    """The claim's own period of ``period`` once an explicit ``base`` (``base/ref``) is taken off."""
    if base and period.startswith(base + "/"):
        return period[len(base) + 1:]
    return period


def period_granularity(period: str) -> str:
    """The calendar unit of a single period or an interval (``claims.record.GRANULARITIES``)."""
    if not period:
        return ""
    if "/" not in period:
        return {4: "year", 7: "month", 10: "day"}.get(len(period), "")
    a, _, b = period.partition("/")
    if len(a) == 4 and len(b) == 4:
        return "years"
    if len(a) == 7 and len(b) == 7:
        if a[:4] == b[:4]:
            return _MONTH_SPANS.get((int(a[5:]), int(b[5:])), "months")
        return "months"
    if len(a) == 10 and len(b) == 10:
        return "days"
    return ""


def period_type(period: str, measure: str = "") -> str:
    """``point`` or ``interval`` for the claim's own period: an interval when written as one
    (2024-01/2024-09); a single period is a point for a stock or event and an interval (that month,
    that year) for a flow; '' when the metric is unknown and the period a single month or year."""
    if not period:
        return ""
    if "/" in period:
        return "interval"
    if measure in ("stock", "event"):
        return "point"
    if measure == "flow":
        return "interval"
    return "point" if len(period) == 10 else ""


# --- part-year spans written as patterns (issue 12: 2016年1—10月, 前10个月, the first ten months of 2016) ---

_EN_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2})(?![0-9])"
_ZH_COUNT = r"1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九]"


@dataclass(frozen=True, slots=True)
class Span:
    """An English part-year span found by :meth:`PeriodSpans.en_spans`: ``s..e`` the whole phrase,
    ``months`` (first, last) within one year, the year written in it (``year_s..year_e``) or an
    offset of a relative year word (``of last year``), or neither."""

    s: int
    e: int
    months: tuple[int, int]
    year: int | None = None
    year_s: int = -1
    year_e: int = -1
    offset: int | None = None


class PeriodSpans:
    """Part-year spans written as patterns, from ``data/period_spans.csv`` (lead words, units,
    range separators) and the part words of ``time_words.csv``:

    * Chinese, after ``YYYY年`` or alone: ``前10个月`` / ``首3季`` / ``头两个月`` (the first N months or
      quarters) — the month ranges ``1—10月`` are read by the date reader with :attr:`zh_range`;
    * English: ``January-October 2016``, ``from January to June 2014``, ``Jan-Oct``, ``the first ten
      months of 2016``, ``the first half of 2016``, ``Q3 2023``, ``the first two months of this year``;
      and ``the end of June`` (a month without a year: that month, read against the document date).
    """

    def __init__(self, time_words: "TimeWords", path: str | Path = "period_spans"):
        from factlib.claims import numbers  # (claims layer: the number grammar for 'ten', 'two')
        from factlib.vocab.calendar import EN_MONTHS

        rows = read_table(path, required=("word", "lang", "role"), key=("word", "lang", "role"))
        by: dict[tuple[str, str], list[dict]] = {}
        for row in rows:
            if row["role"] not in ("lead", "unit", "range", "from", "year_of"):
                raise TableError(f"{path}: unknown role {row['role']!r} for {row['word']!r}")
            by.setdefault((row["lang"], row["role"]), []).append(row)

        def words(lang: str, role: str) -> list[str]:
            return [r["word"] for r in by.get((lang, role), [])]

        self.units = {(r["lang"], r["word"]): int(r["months"]) for r in rows if r["role"] == "unit"}
        #: the separators of a Chinese month range, as a regex alternation (至|到|-|~|—|–)
        self.zh_range = alternation(words("zh", "range"))
        self.zh_lead = re.compile(
            rf"(?:{alternation(words('zh', 'lead'))})(?P<n>{_ZH_COUNT})(?P<u>{alternation(words('zh', 'unit'))})")
        self.tw = time_words
        months = sorted(EN_MONTHS, key=lambda w: (-len(w), w))
        mon = "|".join(m.capitalize() for m in months)
        ci = lambda ws: "(?i:" + alternation(ws, fold=True) + ")"  # noqa: E731
        sep = "|".join(rf" ?{re.escape(w)} ?" if not w.isalpha() else rf" {w} " for w in words("en", "range"))
        year_of = ci(words("en", "year_of"))
        rel = ci([w for w, t in time_words.words.items() if t.type == "rel_year" and w.isascii()])
        num = "|".join(["1[0-2]", "[2-9]"] + [w for w in numbers.english_number_words()
                                              if 2 <= (numbers.parse_number(w).value if numbers.parse_number(w) else 0) <= 12])
        parts = [w for w, t in time_words.words.items() if t.type == "part" and w.isascii() and "-" not in w]
        def tail(k: str) -> str:  # the year of a span: ' 2016', ', 2016', ' of 2016', ' of last year'
            return rf"(?:,? (?:{year_of} )?(?P<y{k}>{_EN_YEAR})| {year_of} (?P<rel{k}>{rel})(?![A-Za-z]))"

        self.en = re.compile(
            rf"(?<![A-Za-z])(?:"
            rf"(?:{ci(words('en', 'from'))} )?(?P<m1>{mon})\.?(?: (?P<y1>{_EN_YEAR}))?(?:{sep})(?P<m2>{mon})\.?"
            rf"(?:(?: period)?{tail('a')})?"
            rf"|(?:(?i:the) )?{ci(words('en', 'lead'))} (?P<n>(?i:{num})) (?P<u>{ci(words('en', 'unit'))})"
            rf"(?: {year_of} (?i:the year))?{tail('b')}?"
            rf"|(?:(?i:the) )?(?P<part>{ci(parts)}){tail('c')}"
            # the end of a month named without a year (at the end of June): that month, a point
            rf"|(?i:end) (?i:of) (?P<me>{mon})(?!\.? ?[0-9])"
            rf")(?![A-Za-z0-9])")
        self._months = EN_MONTHS

    def zh_months(self, m: re.Match) -> tuple[int, int] | None:
        """The months of a :attr:`zh_lead` match (前10个月 → (1, 10), 前三季度 → (1, 9)); None if
        they would pass December or name one month only."""
        n = _small_cn(m.group("n"))
        size = self.units.get(("zh", m.group("u")), 0)
        if n is None or not size or not 2 <= n * size <= 12:
            return None
        return 1, n * size

    def en_spans(self, norm: str):
        """The English part-year spans of ``norm`` (:class:`Span`), in order."""
        from factlib.claims import numbers

        for m in self.en.finditer(norm):
            if m.group("me"):
                a = self._months[m.group("me").lower()]
                yield Span(m.start("me"), m.end(), (a, a))
                continue
            if m.group("m1"):
                a, b = self._months[m.group("m1").lower()], self._months[m.group("m2").lower()]
                y1 = int(m.group("y1")) if m.group("y1") else None
                y = int(m.group("ya")) if m.group("ya") else None
                if not a < b or (y1 is not None and y is not None and y1 != y):
                    continue  # May-May, November-March, December 2015 to March 2016: no span of one year
                if y is None and y1 is not None:
                    continue  # January 2016 to June: left to the date reader
                months = (a, b)
            elif m.group("n"):
                p = numbers.parse_number(m.group("n").lower())
                size = self.units.get(("en", m.group("u").lower()), 0)
                n = int(p.value) if p is not None and p.value == p.value.to_integral_value() else 0
                if not size or not 2 <= n * size <= 12:
                    continue
                months = (1, n * size)
            else:
                tw = self.tw.lookup(m.group("part"))
                if tw is None or not tw.months or tw.months == (1, 12):
                    continue
                months = tw.months
            offset = None
            y_s = next((k for k in ("ya", "yb", "yc") if m.group(k)), "")
            rel = m.group("rela") or m.group("relb") or m.group("relc")
            if rel:
                rw = self.tw.lookup(rel)
                offset = rw.offset if rw is not None else None
            if y_s:
                yield Span(m.start(), m.end(), months, int(m.group(y_s)), m.start(y_s), m.end(y_s))
            else:
                yield Span(m.start(), m.end(), months, offset=offset)


def _small_cn(s: str) -> int | None:
    """1..12 written in digits or Chinese numerals (两 = 2)."""
    if s.isdigit():
        return int(s)
    s = s.replace("两", "二")
    if "十" in s:
        a, _, b = s.partition("十")
        digits = "一二三四五六七八九"
        return (digits.index(a) + 1 if a else 1) * 10 + (digits.index(b) + 1 if b else 0)
    return "一二三四五六七八九".index(s) + 1 if len(s) == 1 and s in "一二三四五六七八九" else None


@lru_cache(maxsize=1)
def default_period_spans() -> PeriodSpans:
    """The shipped part-year span patterns (cached)."""
    return PeriodSpans(default_time_words())
