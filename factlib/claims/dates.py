"""Dates and years found by the number scan: ``2022年12月``, ``二〇三五年``, ROC years (民国112年),
decades (1960年代), month windows without a year (11月份), days (3日), English dates (March 3, 2024)
and ranges of years or dates (2015年至2024年).  Each becomes a time :class:`Mention`."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from factlib.claims.mention import DAY, INTERVAL, MONTH, YEAR, Mention
from factlib.claims.patterns import CN_DIGITS, DAY as DAY_RE, EN_MONTHS, MONTH as MONTH_RE, MONTH_AFTER, \
    RANGE_SEP, small_cn
from factlib.claims.periods import (
    TimeWords, day_period, decade_start, default_centuries, default_period_spans, month_period, month_year,
    roc_to_gregorian, year_period,
)
from factlib.claims.speed import parse_cached
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

_ZERO = Decimal(0)
_YEAR_RANGE_SEPS = ("至", "到", "-", "~", "—", "–")


class DateReader:
    """Reads the date that starts with a number the scan found (``master``: the scan's pattern)."""

    def __init__(self, master: re.Pattern, time_words: TimeWords, duration_after: frozenset[str]):
        self.master = master
        self.tw = time_words
        self.duration_after = duration_after
        self.spans = default_period_spans()
        # relative year words a window of months may follow (今年前10个月)
        self._rel_years_zh = tuple(w for w, t in time_words.words.items()
                                   if t.type == "rel_year" and not t.months and not w.isascii())
        # after 'YYYY年': a month, a day, a range of months (1—10月, the separators of period_spans.csv),
        # a part of the year (上半年), or the first N months / quarters (前10个月)
        self.date_tail = re.compile(
            rf" ?(?:(?P<m>{MONTH_RE}) ?(?:(?:{self.spans.zh_range}) ?(?P<m2>{MONTH_RE}) ?)?月份?"
            rf"(?: ?(?P<d>{DAY_RE}) ?[日号](?P<hour>零时|[0-9]{{1,2}}时)?)?"
            rf"|(?P<part>{self.tw.part_re.pattern})"
            rf"|(?P<lead>{self.spans.zh_lead.pattern}))"
        )
        self.day_tail = re.compile(rf" ?(?P<d>{DAY_RE}) ?[日号]")

    # ---- English ---------------------------------------------------------------------------------
    @staticmethod
    def en_date(m: re.Match, doc_date: dt.date | None) -> Mention:
        """'March 3, 2024', '3 March 2024', 'March 2024', 'March 3' (the year from the document date)."""
        it = Mention(m.start(), m.end())
        it.kind, it.is_time = "date", True
        if m.group("mon3"):
            y, mo = int(m.group("year3")), EN_MONTHS[m.group("mon3").lower()]
            it.period, it.basis, it.gran = month_period(y, mo), "explicit", MONTH
            return it
        mon = EN_MONTHS[(m.group("mon") or m.group("mon2")).lower()]
        day = int(m.group("day") or m.group("day2"))
        year = m.group("year") or m.group("year2")
        if year:
            it.period, it.basis = day_period(int(year), mon, day), "explicit"
        else:
            it.period = day_period(month_year(mon, doc_date), mon, day)
            it.basis = "relative" if it.period else "none"
        it.gran = DAY
        return it

    # ---- years -----------------------------------------------------------------------------------
    @staticmethod
    def decade(it: Mention, value: Decimal, norm: str, s: int, e: int, doc_date) -> Mention | None:
        """``N年代``: the ten years of a decade, as a year range (``1960/1969``)."""
        if value != value.to_integral_value():
            return None
        century = default_centuries().before(norm, s, doc_date)
        start = decade_start(int(value), century[0] if century else None)
        if start is None:
            return None
        if century is not None:
            it.s = century[1]
        it.e = e
        it.is_time, it.kind, it.gran = True, "year", INTERVAL
        it.value, it.low, it.high, it.precision = None, Decimal(start), Decimal(start + 9), _ZERO
        it.period, it.basis = f"{start:04d}/{start + 9:04d}", "explicit"
        return it

    def year_value(self, num: str, value: Decimal, zh_hant: bool, prev: str, norm: str, e: int) -> int | None:
        """The Gregorian year written as ``num年``, or None when N年 is a duration."""
        after = norm[e:e + 1]
        if after and after in self.duration_after and after != "的" and not (
                after != "来" and len(num) == 4 and num.isdigit() and 1800 <= int(num) <= 2199):
            return None  # 10年来, 30年间 (but 2024年中, 2023年内 are years)
        if num[0] in CN_DIGITS and len(num) == 4 and all(c in CN_DIGITS for c in num):
            return int(value)  # 二〇三五年 (digit by digit)
        if not num.isdigit():
            return None
        n = int(num)
        if len(num) == 4 and 1000 <= n <= 2199:
            return n
        if zh_hant and (len(num) == 3 and 100 <= n <= 199 or prev in "民国" and 1 <= n <= 199):
            return roc_to_gregorian(n)
        if zh_hant and 2 <= len(num) <= 3 and MONTH_AFTER.match(norm[e:e + 6]):
            return roc_to_gregorian(n)
        return None

    def from_year(self, it: Mention, year: int, norm: str, e: int, zh_hant: bool, doc_date) -> Mention:
        """The date that starts with the year ``year`` (``e``: the end of its 年): the year alone, a
        part of it (2024年上半年), a month, a day, a month window (2024年1至11月), or a range of these."""
        it.is_time = True
        dm = self.date_tail.match(norm, e)
        it.e = e
        if dm is not None and dm.group("lead"):
            months = self.spans.zh_months(dm)
            if months is None:
                dm = None
            else:
                self._year_span(it, year, months, dm.end())
        elif dm is not None and dm.group("part"):
            self._year_part(it, year, dm)
        elif dm is not None and dm.group("m"):
            if not self._year_month(it, year, dm):
                dm = None
        if dm is None:
            it.kind, it.gran = "year", YEAR
            it.set_point(Decimal(year), _ZERO)
            it.period, it.basis = f"{year:04d}", "explicit"
        self._year_range(it, year, norm, zh_hant, doc_date)
        return it

    def _year_part(self, it: Mention, year: int, dm: re.Match) -> None:
        """2024年上半年, 2023年一季度: a part of the year (a single month counts as a month)."""
        tw = self.tw.parts.get(dm.group("part"))
        it.kind, it.gran = "year", INTERVAL if tw and tw.months != (1, 12) else YEAR
        it.set_point(Decimal(year), _ZERO)
        it.period = year_period(year, tw.months if tw else None)
        if it.gran == INTERVAL and tw and tw.months and tw.months[0] == tw.months[1]:
            it.gran = MONTH
        it.basis = "explicit"
        it.period_end = dm.end()

    @staticmethod
    def _year_span(it: Mention, year: int, months: tuple[int, int], end: int) -> None:
        """2016年前10个月: the year, dating the months 1..N (the claim surface stays 2016年)."""
        it.kind, it.gran = "year", INTERVAL
        it.set_point(Decimal(year), _ZERO)
        it.period, it.basis = year_period(year, months), "explicit"
        it.period_end = end

    # ---- part-year spans without a year of their own, and English spans --------------------------
    def zh_windows(self, norm: str, doc_date, boundary: str = "，。；：、,;:!?() \n",
                   after: str = "，,、:的") -> list[Mention]:
        """前10个月, 首3季 not right after 'YYYY年': a window of months (a period, not a claim), when it
        stands as a clause's time (a comma or 的 after it: 前10个月，…) or follows a relative year word
        (今年前10个月); the year from the document date (the latest such window ended by it), or
        from the year in force (sentence.py)."""
        out = []
        rel = self._rel_years_zh
        for m in self.spans.zh_lead.finditer(norm):
            s = m.start()
            if not norm.endswith(rel, 0, s) and not ((s == 0 or norm[s - 1] in boundary)
                                                     and norm[m.end():m.end() + 1] in after):
                continue  # 提前3个月, 死前五个月, 头4个月差不多…: a time before something or of a life
            months = self.spans.zh_months(m)
            if months is None or m.group() in self.tw.words:
                continue  # 前三季度 is a time word (time_words.csv): read as one there
            out.append(self._window(s, m.end(), months, month_year(months[1], doc_date)))
        return out

    def en_spans(self, norm: str, doc_date) -> list[Mention]:
        """January-October 2016, the first half of 2016, Q3 2023: the year as a claim dating the months,
        the words before it as a window; without a year (the first two months, the second half of last
        year) a window alone, its year from the document date."""
        out = []
        for sp in self.spans.en_spans(norm):
            if sp.year is not None:
                out.append(self._window(sp.s, sp.year_s, sp.months, sp.year, "explicit"))
                it = Mention(sp.year_s, sp.year_e)
                it.is_time, it.kind, it.gran = True, "year", INTERVAL
                it.set_point(Decimal(sp.year), _ZERO)
                it.period, it.basis = year_period(sp.year, sp.months), "explicit"
                it.period_end = sp.e
                out.append(it)
            else:
                year = None
                if doc_date is not None:
                    year = doc_date.year + sp.offset if sp.offset is not None else month_year(sp.months[1], doc_date)
                out.append(self._window(sp.s, sp.e, sp.months, year))
        return out

    @staticmethod
    def _window(s: int, e: int, months: tuple[int, int], year: int | None, basis: str = "relative") -> Mention:
        it = Mention(s, e)
        it.is_claim, it.is_time, it.gran = False, True, INTERVAL if months[0] != months[1] else MONTH
        it.period = year_period(year, months) if year else ""
        it.basis = basis if it.period else "none"
        return it

    @staticmethod
    def _year_month(it: Mention, year: int, dm: re.Match) -> bool:
        """2022年12月, 2022年12月3日, 2024年1至11月 (False: no valid month follows the year)."""
        mo = small_cn(dm.group("m"))
        if mo is None or not 1 <= mo <= 12:
            return False
        m2 = small_cn(dm.group("m2")) if dm.group("m2") else None
        d = small_cn(dm.group("d")) if dm.group("d") else None
        it.kind, it.value = "date", None
        if m2:
            it.period, it.gran = month_period(year, mo, m2), INTERVAL
            it.kind = "year"
            it.set_point(Decimal(year), _ZERO)
            it.period_end = dm.end()
        elif d:
            it.period, it.gran = day_period(year, mo, d) or month_period(year, mo), DAY
            it.e = dm.end()
        else:
            it.period, it.gran = month_period(year, mo), MONTH
            it.e = dm.end()
        it.basis = "explicit"
        return True

    def _year_range(self, it: Mention, year: int, norm: str, zh_hant: bool, doc_date) -> None:
        """A range of years or dates: 2015年至2024年, 二零一九年八月至二零二零年十二月."""
        rm = RANGE_SEP.match(norm, it.e)
        if rm is None or rm.group().strip() not in _YEAR_RANGE_SEPS:
            return
        m2 = self.master.match(norm, rm.end())
        if m2 is None or m2.group("unit") != "年":
            return
        prev = norm[rm.end() - 1]
        p2 = parse_cached(m2.group("num"))
        y2 = self.year_value(m2.group("num"), p2.value if p2 else Decimal(0), zh_hant, prev, norm, m2.end())
        if y2 is None or y2 < year:
            return
        other = self.from_year(Mention(m2.start(), m2.end()), y2, norm, m2.end("unit"), zh_hant, doc_date)
        if other.gran == it.gran and other.kind == it.kind:
            it.e = other.e
            if it.kind == "year":
                it.value, it.low, it.high = None, Decimal(year), Decimal(y2)
                it.period = f"{year:04d}/{y2:04d}"
            else:
                it.period = f"{it.period}/{other.period}"
            it.gran = INTERVAL
        elif it.kind == other.kind == "year" and it.gran == YEAR and other.gran == INTERVAL \
                and len(other.period) == 15 and other.period[:4] == other.period[8:12]:
            # 由2000年至2010年首6個月: from the start of the first year to the end of the months
            it.e, it.period_end = other.e, max(other.e, other.period_end)
            it.value, it.low, it.high = None, Decimal(year), Decimal(y2)
            it.period, it.gran = f"{year:04d}-01/{other.period[8:]}", INTERVAL

    # ---- months and days -------------------------------------------------------------------------
    def month_or_day(self, it: Mention, value: Decimal, ym: str, norm: str, s: int, e: int, doc_date):
        """``N月`` (with a day after it: a date; alone: a period window) or ``N日``/``N号``."""
        n = int(value) if value == value.to_integral_value() else -1
        it.is_time = True
        if ym in ("月", "月份"):
            return self._month(it, n, norm, e, doc_date)
        # 'D日' / 'D号': a day of the current month
        if not 1 <= n <= 31:
            return None
        if norm[s - 1:s] == "(" and norm[e - 2:e - 1] == ")":
            it.s = s - 1
        it.kind, it.value, it.gran = "date", None, DAY
        if doc_date is not None:
            it.period = day_period(doc_date.year, doc_date.month if n <= doc_date.day else
                                   (doc_date.month - 1 or 12), n)
            if n > doc_date.day and doc_date.month == 1:
                it.period = day_period(doc_date.year - 1, 12, n)
            it.basis = "relative" if it.period else "none"
        return it

    def _month(self, it: Mention, n: int, norm: str, e: int, doc_date) -> Mention | None:
        if not 1 <= n <= 12:
            return None
        dm = self.day_tail.match(norm, e)
        year = month_year(n, doc_date)
        if dm is not None:
            d = small_cn(dm.group("d"))
            if d and 1 <= d <= 31:
                it.e = dm.end()
                it.kind, it.value = "date", None
                it.period = day_period(year, n, d)
                it.basis = "relative" if it.period else "none"
                it.gran = DAY
                return it
        # a month without a year (11月份) is a period window, not a claim
        it.is_claim = False
        it.period = month_period(year, n) if year else ""
        it.basis = "relative" if it.period else "none"
        it.gran = MONTH
        return it
