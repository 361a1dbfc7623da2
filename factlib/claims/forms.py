"""Number forms of the long tail (issue 14) that need the words around a token, not just the token.

:mod:`factlib.claims.numbers` reads a token (``two thirds``, ``1/4``, ``零下四``, ``百万亿``); the
scanner asks this module what the context makes of it:

* English fraction words are fractions only in a fraction's shape: ``a third of our growth``, ``two
  thirds``, ``one sixth`` -- not ``a third way`` (an ordinal) nor ``the first three quarters`` (a period).
* A bare English cardinal is a count (``two proton beams``, ``ten pills``, ``zero``) except ``one``
  (a pronoun: ``no one``, ``one of``) and words glued to a hyphen and a noun (``zero-emission``).
* ``a gallon``, ``a penny``: the article before a unit of measure is the number one.
* Accounting negatives: ``($99.99)`` is -99.99.
* Ranges: ``between 44 and 50 mg``, ``from 7 to 10`` (no change verb before it); ``增长8.2倍至828.2万`` is
  a multiple and a level, never a range.
* Chinese: ``近百名`` (a lone 百/千 with a qualifier and a classifier), ``前十五`` (a rank), ``为期一周`` (一 with
  a time unit after a duration cue is a duration, not an article), slash dates ``2023/09/22`` and lunar
  dates ``正月初十`` (the month and day names are data: ``factlib/data/lunar.csv``).

Every function is pure (text and offsets in, a decision out), so the scanner stays the one place
that builds claims.

>>> english_fraction_ok("It accounts for a third of our growth", 16, 23, "a third")
True
>>> english_fraction_ok("we have found a third way", 14, 21, "a third")
False
>>> accounting_negative("The annual revenue is ($99.99).", 23, 29)
True
>>> accounting_negative("12.42 trillion yuan ($2.02 trillion)", 21, 35)
False
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from factlib.vocab.tables import read_table
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

__all__ = [
    "english_fraction_ok", "bare_english_ok", "accounting_negative", "article_units", "between_range",
    "from_range_ok", "multiple_then_level", "lone_hundred_ok", "LONE_MAGNITUDE_VALUES", "rank_after_qian",
    "slash_dates", "lunar_dates", "article_duration_ok", "year_after_in", "lone_magnitude", "points_ok",
    "age_band", "year_range_after", "change_then_level",
]

# words before an English fraction that make it a period ('the first three quarters of the year')
_PERIOD_BEFORE = re.compile(r"(?i:(?:first|last|past|next|previous|coming|final|remaining|recent)\s+)$")
_SINGULAR_ARTICLE = re.compile(r"(?i:an?)[ ]")


def english_fraction_ok(norm: str, s: int, e: int, token: str) -> bool:
    """A fraction written in English words (``token`` at ``s:e``) reads as a fraction here.

    ``a third`` / ``an eighth`` with a singular denominator must be followed by ``of`` (else it is an
    ordinal: ``a third way``); after first/last/past/next it is a period (``first three quarters``)."""
    if _PERIOD_BEFORE.search(norm, max(0, s - 12), s):
        return False
    if _SINGULAR_ARTICLE.match(token) and not token.lower().endswith("s"):
        return norm.startswith(" of ", e)
    return True


# cardinal words that are no count on their own
_PRONOUN_WORDS = frozenset({"one"})


def bare_english_ok(norm: str, s: int, e: int, token: str) -> bool:
    """A single English cardinal word (``two``, ``Zero``) is a count unless it is ``one`` (a pronoun)
    or glued by a hyphen to a noun (``zero-emission``, ``two-thirds`` is read as a fraction)."""
    word = token.lower()
    if norm[s - 1:s] in ("-", "/") or norm[s - 1:s].isalnum():
        return False  # 7-Eleven, Catch-22: part of a name
    if " " in word or "-" in word:
        return True
    if word in _PRONOUN_WORDS:
        return False
    return not (norm[e:e + 1] == "-" and norm[e + 1:e + 2].isalpha())


_ACCOUNTING = re.compile(r"[$€£¥][0-9][0-9,]*(?:\.[0-9]+)?")
_WORD_BEFORE = re.compile(r"([A-Za-z]+|[0-9])\s*$")


def accounting_negative(norm: str, s: int, e: int, is_unit=lambda w: False) -> bool:
    """``($99.99)``: a bare currency amount in parentheses is negative (accounting notation).

    ``s:e`` is the claim (from the currency symbol).  Not when the parentheses hold a conversion
    after another amount (``12.42 trillion yuan ($2.02 trillion)``, ``… yuan ($600)``): the amount
    has a magnitude word or a qualifier, or the word before the parenthesis is a number or a unit."""
    if norm[s - 1:s] != "(" or norm[e:e + 1] != ")" or not _ACCOUNTING.fullmatch(norm, s, e):
        return False
    before = _WORD_BEFORE.search(norm, max(0, s - 30), s - 1)
    return before is None or not (before.group(1).isdigit() or is_unit(before.group(1)))


@lru_cache(maxsize=4)
def _article_unit_re(words: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?:[Aa]n?) (?P<unit>{alt})(?![A-Za-z])")


def article_units(norm: str, units) -> list[tuple[int, int, str]]:
    """``a gallon``, ``a penny``: (start, end, unit surface) for an article right before an English
    unit of measure (money, mass, length, volume, area, energy …; not counts or times: ``a year``)."""
    words = tuple(w for w, u in units.by_surface.items()
                  if w.isascii() and w[:1].isalpha() and not w.endswith("s")
                  and u.dimension not in ("count", "time", "age", "ratio", "container"))
    if not words or " " not in norm:
        return []
    return [(m.start(), m.end(), m.group("unit")) for m in _article_unit_re(words).finditer(norm)]


_BETWEEN = re.compile(r"(?i:between) $")


def between_range(norm: str, s: int, e: int) -> int | None:
    """``between 44 and 50 mg``: the claim at ``s:e`` follows ``between`` and ``and`` follows it;
    returns where the second number starts, else None."""
    if not norm.startswith(" and ", e) or not _BETWEEN.search(norm, max(0, s - 8), s):
        return None
    return e + 5


_FROM = re.compile(r"(?i:from) $")
_BY = re.compile(r"(?i:\bby) $")


def change_then_level(norm: str, s: int, low, high) -> bool:
    """``fell by 1.39 million to 1.418 billion``: after ``by``, a second number ten times the first or
    more is the level reached, not the end of a range (``rose by 2 to 3 percent`` stays a range)."""
    return bool(_BY.search(norm, max(0, s - 4), s)) and low is not None and high is not None \
        and low > 0 and high >= 10 * low


#: words that make 'from X to Y' a span of values rather than a change (temperatures ranged from …)
RANGE_WORDS = ("range", "ranged", "ranges", "ranging", "vary", "varies", "varied", "varying", "anywhere",
               "spanning", "spans", "between")


def from_range_ok(norm: str, s: int, clause_words: str, change_words=None) -> bool:
    """``from X to Y`` is a range when a range word comes before it in its clause (``temperatures
    ranged from -18 °C to -34 °C``) or the clause starts with it (``quite high, from 7 to 10``);
    otherwise it is a change: two levels (``rose from $350 to $680``, ``a raise … from 31 to 36
    percent``)."""
    if not _FROM.search(norm, max(0, s - 6), s):
        return False
    clause = re.split(r"[,;:!?()]|\. ", clause_words)[-1].lower()
    head = clause[:clause.rfind("from")].strip()
    if change_words is not None and change_words.search(head):
        return False
    return not head or any(re.search(rf"\b{w}\b", head) for w in RANGE_WORDS)


_AGE_BEFORE = re.compile(r"(?i:\b(?:aged|ages|age|between the ages of)) $")


def age_band(norm: str, s: int) -> bool:
    """``aged 16-24``: a hyphen between two bare numbers after an age word is a range (an age band)."""
    return _AGE_BEFORE.search(norm, max(0, s - 22), s) is not None


_YEAR_RANGE = re.compile(r"[-–~至到]((?:1[89]|20)[0-9]{2})年")


def year_range_after(norm: str, e: int, year: int) -> tuple[int, int] | None:
    """``1995-1996年``: a bare year, a dash and a later year with 年 -> (end, second year)."""
    m = _YEAR_RANGE.match(norm, e)
    if m is None or int(m.group(1)) <= year:
        return None
    return m.end(), int(m.group(1))


_YEAR_IN = re.compile(r"\bin (?:1[89]|20)[0-9]{2}$")


def year_after_in(share: str, denominator: str) -> bool:
    """``2 in 1979`` is a number and a year, not a share (one in three is)."""
    return _YEAR_IN.search(share) is not None and len(denominator) == 4


def lone_magnitude(token: str):
    """The number 百 or 千 stands for when written alone before a classifier (近百名 = about 100)."""
    from factlib.claims.numbers import ParsedNumber

    value = LONE_MAGNITUDE_VALUES.get(token)
    if value is None:
        return None
    return ParsedNumber(Decimal(value), Decimal(value) / 2, Decimal(1), str(value))


def points_ok(norm: str, s: int) -> bool:
    """分 after a number is points (巅峰赛两千分) unless it follows 点/时 (a time: 13点10分) or 度 (an
    angle: 46度58分)."""
    return norm[s - 1:s] not in ("点", "时", "度", ":")


def multiple_then_level(unit1: str, unit2: str, has_magnitude2: bool) -> bool:
    """``增长8.2倍至828.2万``: a multiple (倍) then a level, or a number with a unit then one with only
    a magnitude, is two claims, not a range."""
    return (unit1 == "倍" and unit2 != "倍") or (bool(unit1) and not unit2 and has_magnitude2)


#: 百 and 千 written alone before a classifier, with a qualifier (近百名, 逾千家)
LONE_MAGNITUDE_VALUES = {"百": 100, "千": 1000}


def lone_hundred_ok(has_qualifier: bool, unit_dimension: str | None) -> bool:
    """A lone 百/千 is a number only with a qualifier before it and a counted unit after it."""
    return has_qualifier and unit_dimension == "count"


_RANK_NOT_BEFORE = ("季", "个月", "月", "年", "天", "周", "日", "小时", "批", "次")


def rank_after_qian(norm: str, s: int, num_end: int, unit_s: str, rank_words=()) -> bool:
    """``位列全国前十五``, ``前三名``: a Chinese numeral right after 前 is a rank when a rank unit (名, 位,
    强) follows or a rank word (列, 居, 排名 …: cues.csv) comes just before 前; not ``公元前四世纪``,
    ``前三季度``, ``前10个月`` (a period) or ``御前五军``."""
    if norm[s - 1:s] != "前":
        return False
    if unit_s in ("名", "位", "强"):
        return True
    if unit_s or norm.startswith(_RANK_NOT_BEFORE, num_end):
        return False
    before = norm[max(0, s - 5):s - 1]
    return any(w in before for w in rank_words if len(w) > 1 or w in "居列")


# starts with the separator (the engine skips to it fast), then looks behind for the year
_SLASH_DATE = re.compile(r"[/-](?<=(?:19|20)[0-9]{2}[/-])(?<![0-9/.][0-9]{4}[/-])"
                         r"(0?[1-9]|1[0-2])[/-](0?[1-9]|[12][0-9]|3[01])(?![0-9/.])")


def slash_dates(norm: str) -> list[tuple[int, int, int, int, int]]:
    """``2023/09/22``, ``2023-09-22``: (start, end, year, month, day)."""
    out = []
    for sep in ("/", "-"):  # str.find is far faster than a regex search over Chinese text
        i = norm.find(sep, 4)
        while i >= 0:
            m = _SLASH_DATE.match(norm, i)
            if m is not None:
                out.append((i - 4, m.end(), int(norm[i - 4:i]), int(m.group(1)), int(m.group(2))))
            i = norm.find(sep, i + 1)
    return sorted(out)


@lru_cache(maxsize=1)
def _lunar() -> tuple[re.Pattern, dict[str, int], dict[str, int], frozenset[str]]:
    rows = read_table("lunar", required=("word", "kind", "value", "lunar_only"), key=("word",))
    months = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "month"}
    days = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "day"}
    marks = frozenset(r["word"] for r in rows if r["lunar_only"] == "yes")
    alt = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))  # noqa: E731
    return re.compile(f"(?P<m>{alt(months)})(?P<d>{alt(days)})(?![日号])"), months, days, marks


def lunar_dates(norm: str) -> list[tuple[int, int, int, int]]:
    """``正月初十``, ``腊月廿三``: (start, end, lunar month, lunar day).  The day names (初一 … 三十)
    mark the lunar calendar; the conversion to a Gregorian day needs the year's calendar and is not
    made (the claim is a date whose period is left open)."""
    if "月" not in norm:
        return []
    rx, months, days, marks = _lunar()
    out: list[tuple[int, int, int, int]] = []
    i = norm.find("月")
    while i >= 0:  # driven by 月 (str.find): a lunar date has 初/廿 after it or 正/冬/腊 before it
        if norm[i + 1:i + 2] in ("初", "廿") or norm[i - 1:i] in ("正", "冬", "腊"):
            for start in (i - 2, i - 1):  # 十二月 / 闰正月 (three characters), then 正月 (two)
                m = rx.match(norm, start) if start >= 0 and (not out or start >= out[-1][1]) else None
                if m is not None and m.end("m") == i + 1 and (m.group("m") in marks or m.group("d") in marks):
                    out.append((m.start(), m.end(), months[m.group("m")], days[m.group("d")]))
                    break
        i = norm.find("月", i + 1)
    return out


#: duration cues (cues.csv) that state a length of time: 一 after them is a number (为期一周), after
#: the others (过去一年 'the past year', 这一年) it is an article
LENGTH_CUES = ("为期", "历时", "长达", "连续", "时隔", "持续", "用了", "花了")


def article_duration_ok(norm: str, s: int, cues=LENGTH_CUES) -> bool:
    """一 with a time unit (一周, 一年) is an article unless a cue stating a length comes right before
    it (为期一周, 历时一年, 连续一个月)."""
    return any(w in LENGTH_CUES and norm.startswith(w, s - len(w)) for w in cues)
