"""The number scan: one compiled pattern finds every number with what is glued to it (magnitude,
多/余, unit, 月/日, 分之, 成, per-unit, 以上/左右 …); each match becomes a :class:`Mention` or nothing.

Before the scan, the mentions that are not written as a number with a unit are taken: English
dates, ordinals (4th, 十四五), fixed phrases (半个世纪 = 50 years) and English shares (one in three).
Numbers inside those spans, and inside the non-claim mask (URLs, phone numbers, ids …), are skipped.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from decimal import Decimal
from functools import lru_cache, partial
from operator import attrgetter, itemgetter
from typing import NamedTuple

from factlib.claims import forms, numbers
from factlib.claims.dates import DateReader
from factlib.claims.mention import DAY, YEAR, Mention, INTERVAL
from factlib.claims.patterns import CN_BARE, CN_DIGITS, CN_SMALL, EN_DATE, EN_SHARE, RANGE_FIRST, RANGE_SEP, \
    RANGE_WORDS, SPACED, small_cn
from factlib.claims.periods import TimeWords, day_period, month_period, month_year
from factlib.claims.speed import find_phrases, parse_cached
from factlib.vocab.cues import CueTable
from factlib.vocab.nonclaims import NonClaimRules
from factlib.vocab.ordinals import Ordinals
from factlib.vocab.qualifiers import QualifierTable, interval
from factlib.vocab.cache import compile as cached_compile
from factlib.vocab.regexes import alternation
from factlib.vocab.tables import read_table
from factlib.vocab.units import UnitTable

__all__ = ["Scanner", "NoMask"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_HALF = Decimal("0.5")
_EN_MAGNITUDE_WORDS = ("thousand", "million", "billion", "trillion", "hundred")


class Groups(NamedTuple):
    """The groups of a scan match that the extractor reads (None where a group did not match)."""

    num: str
    q1: str | None       # 多/余 right after the number
    mag: str | None      # 万, 亿, million …
    q2: str | None       # 多/余 after the magnitude
    unit: str | None     # a Chinese unit (元, 人, %, 年 …)
    ym: str | None       # 月, 月份, 日, 号
    frac: str | None     # 分之 (三分之一)
    cheng: str | None    # 成 (Hong Kong: 三成 = 30 %)
    chengd: str | None   # the digit after 成 (三成五 = 35 %)
    enunit: str | None   # an English unit
    per: str | None      # /月, /人 …
    q3: str | None       # 以上, 左右, or more …


class UnitRead(NamedTuple):
    """What a number counts: the unit code, the kind of claim, the unit as written."""

    code: str
    kind: str
    written: str


# the readings that do not depend on the text (built once: no allocation per number)
_FRACTION = UnitRead("", "fraction", "")
_CHENG = UnitRead("%", "percent", "成")
_COUNT = UnitRead("", "count", "")
_OTHER = UnitRead("", "other", "")
# a Groups from the tuple of picked groups, in C (Groups._make is a Python call)
_as_groups = partial(tuple.__new__, Groups)
_start_of = attrgetter("s")


class NoMask:
    """A mask that hides nothing (for re-scanned fragments)."""

    def covers(self, start: int, end: int) -> bool:
        return False


def bare_numeral(norm: str, s: int, token: str) -> bool:
    """A Chinese numeral ``token`` at ``s`` with nothing after it (一个, 统一) and no 第/翻/之
    before it (之 also one space before: 百分之 二十): not a number, unless it holds a magnitude
    (三万八○六六)."""
    return norm[s - 1:s] not in ("第", "翻", "之", "前") and norm[s - 2:s] != "之 " and "万" not in token \
        and "亿" not in token and "兆" not in token and not numbers.signed_digits(token)


@lru_cache(maxsize=None)
def load_idioms(path: str = "idioms") -> tuple[dict, tuple[re.Pattern, dict]]:
    """The phrases of ``data/idioms.csv``: the Chinese table, and the English regex with its
    table.  A table maps the phrase (English in lower case) to (value, unit, kind)."""
    rows = read_table(path, required=("phrase", "lang", "value", "unit", "kind"), key=("phrase", "lang"))

    def table(lang: str) -> dict:
        return {r["phrase"].lower(): (Decimal(r["value"]), r["unit"], r["kind"]) for r in rows if r["lang"] == lang}

    en = table("en")
    rx = re.compile(rf"(?<![A-Za-z])(?:{alternation(en, fold=True)})(?![A-Za-z])", re.I)
    return table("zh"), (rx, en)


def master_pattern(units: UnitTable, qualifiers: QualifierTable) -> re.Pattern:
    """The one pattern of the number scan (the groups are those of :class:`Groups`)."""
    after_zh = alternation(qualifiers.after_zh)
    after_en = "|".join(" " + re.escape(w) for w in qualifiers.after_en)
    # optional parts as (?:x|): the same as (?:x)? but run far faster by the regex engine
    return cached_compile(
        rf"(?P<num>{numbers.NUMBER_RE})"
        r"(?:(?P<q1>多|余)|)"
        rf"(?: ?(?P<mag>{numbers.MAGNITUDE_RE})|)"
        r"(?:(?P<q2>多|余)|)"
        r"(?: ?(?:(?P<da>大(?=[类项]))|)(?:"
        rf"(?P<unit>{units.zh_pattern})"
        r"|(?P<ym>月份|月|日|号|\)日)"
        r"|(?P<frac>分之)"
        rf"|(?P<cheng>成)(?:(?P<chengd>[一二三四五六七八九](?![十百千万亿]))|)"
        rf"|(?P<enunit>{units.en_pattern})"
        r")|)"
        r"(?:(?P<per>/(?:月|年|天|日|人|户|吨|平方米|[0-9]{1,3}))|)"
        rf"(?:(?P<q3> ?(?:{after_zh}){'|' + after_en if after_en else ''})|)"  # 72% 以上 (spaced zh-Hant news)
    )


class Scanner:
    """Finds the mentions of one document (numbers, dates, ordinals, fixed phrases) in ``norm``."""

    def __init__(self, units: UnitTable, qualifiers: QualifierTable, cues: CueTable, time_words: TimeWords,
                 rules: NonClaimRules, ordinals: Ordinals):
        self.units, self.qual, self.cues, self.tw, self.rules, self.ordinals = \
            units, qualifiers, cues, time_words, rules, ordinals
        self.master = master_pattern(units, qualifiers)
        self._num_group = self.master.groupindex["num"]
        # the groups by position in Match.groups() (cheaper than by name)
        self._pick_groups = itemgetter(*(self.master.groupindex[g] - 1 for g in Groups._fields))
        self.idioms = load_idioms()
        # units that make a number a duration (year, month … minute): from the unit table
        self.duration_units = frozenset(u.code for u in units.codes.values() if u.kind == "duration")
        self.prefix_re = re.compile(rf"(?:{units.prefix_pattern}) ?$") if units.prefix_pattern else None
        # words of a share written before the number (百分之, 千分之: the ratio units' prefixes)
        self.fraction_leads = {p: UnitRead(u.code, u.kind, p) for p, u in units.prefixes.items()
                               if u.dimension == "ratio"}
        self.rank_words = cues.words("rank")
        # the rank words that make 第N a rank when they stand before it (one character only 居/列)
        self._rank_context_words = tuple(w for w in self.rank_words if len(w) > 1 or w in "居列")
        # duration cues that are taken into the surface when they lead the number (连续3年, 时隔10年)
        self.duration_lead = tuple(w for w in sorted(cues.words("duration"), key=len, reverse=True)
                                   if w in ("连续", "时隔"))
        self._unit_reads: dict[str, UnitRead] = {}
        self.duration_words = cues.words("duration")
        en_change = [w for w in cues.words("up") | cues.words("down") | cues.words("change") if w.isascii()]
        # English change words: 'rose from X to Y' is a change, not a range
        self.change_en = re.compile(r"(?<![A-Za-z])(?:" + alternation(en_change) + r")(?![A-Za-z])", re.I)
        self.dates = DateReader(self.master, time_words, cues.words("duration_after"))
        # a character before a number after which _qualifier has to look (it ends a 'before' word,
        # or is a space or 在/为 that a word may stand before): any other means no qualifier
        self._qualifier_cue_chars = qualifiers.before_last | {" ", "在", "为"}

    # ---- the document ----------------------------------------------------------------------------
    def scan(self, doc, norm: str) -> list[Mention]:
        """Every mention of ``doc`` in order of its start."""
        mask = self.rules.mask(norm)
        en_like = doc.lang in ("en", "mixed") or (doc.lang != "zh-Hans" and norm.isascii())
        items = self._non_numbers(norm, mask, doc.lang, en_like, doc.date)
        items.extend(self._form_items(norm, mask, doc.lang, en_like, items))
        t_starts, t_ends = _merged_spans(items)
        zh_hant, doc_date = doc.lang == "zh-Hant", doc.date
        cn_bare = CN_BARE
        num_group = self._num_group
        consumed = -1
        for m in self.master.finditer(norm):
            s = m.start()
            if s < consumed:
                continue
            if norm[s] in cn_bare and m.end() == m.end(num_group) and bare_numeral(norm, s, m.group()):
                continue  # the same test as the first in candidate, without the call
            if t_starts:
                i = bisect_right(t_starts, s) - 1
                if i >= 0 and s < t_ends[i]:
                    continue
            item = self.candidate(m, norm, mask, zh_hant, doc_date)
            if item is not None:
                items.append(item)
                consumed = max(item.e, item.period_end)
        items.sort(key=_start_of)
        return items

    def _non_numbers(self, norm: str, mask, lang: str, en_like: bool, doc_date) -> list[Mention]:
        """English dates, ordinals, fixed phrases and English shares (taken before the number scan)."""
        items: list[Mention] = []
        if en_like:  # part-year spans first (January-October 2016): the dates inside them are theirs
            items.extend(it for it in self.dates.en_spans(norm, doc_date) if not mask.covers(it.s, it.e))
            if items:
                spans = list(items)
                items.extend(it for it in (self.dates.en_date(m, doc_date) for m in EN_DATE.finditer(norm))
                             if not mask.covers(it.s, it.e) and not any(o.s < it.e and it.s < max(o.e, o.period_end)
                                                                        for o in spans))
                items.sort(key=lambda it: it.s)
            else:
                items.extend(self.dates.en_date(m, doc_date) for m in EN_DATE.finditer(norm)
                             if not mask.covers(m.start(), m.end()))
            for om in self.ordinals.finditer(norm):
                if not mask.covers(om.start, om.end) and not any(it.s <= om.start < it.e for it in items):
                    items.append(_ordinal_item(om))
        if lang != "en":
            items.extend(_ordinal_item(om) for om in self.ordinals.finditer_zh(norm)
                         if not mask.covers(om.start, om.end))
            # 前10个月，… (a window of months without a year; after 'YYYY年' the date reader reads it)
            items.extend(it for it in self.dates.zh_windows(norm, doc_date) if not mask.covers(it.s, it.e))
        zh_idioms, en_idioms = self.idioms
        found: list[tuple[int, int, tuple]] = []
        if lang != "en":
            found += [(a, b, zh_idioms[p]) for a, b, p in find_phrases(norm, zh_idioms)]
        if en_like:
            rx, table = en_idioms
            found += [(m.start(), m.end(), table[m.group().lower()]) for m in rx.finditer(norm)]
        for a, b, entry in found:
            if not mask.covers(a, b) and not any(it.s <= a < it.e for it in items):
                items.append(self._idiom_item(a, b, norm, entry))
        if en_like:
            for fm in EN_SHARE.finditer(norm):
                it = _share_item(fm)
                if it is not None and not mask.covers(fm.start(), fm.end()) \
                        and not any(o.s < fm.end() and fm.start() < o.e for o in items):
                    items.append(it)
        return items

    def _form_items(self, norm: str, mask, lang: str, en_like: bool, taken: list[Mention]) -> list[Mention]:
        """Slash dates (2023/09/22), lunar dates (正月初十) and an article before an English unit
        (a gallon): mentions the number scan does not read (issue 14; see claims/forms.py)."""
        out: list[Mention] = []

        def free(a: int, b: int) -> bool:
            return not mask.covers(a, b) and not any(o.s < b and a < o.e for o in taken + out)

        for a, b, y, mo, d in forms.slash_dates(norm):
            period = day_period(y, mo, d)
            if period and free(a, b):
                it = Mention(a, b)
                it.kind, it.is_time, it.gran, it.period, it.basis = "date", True, DAY, period, "explicit"
                out.append(it)
        if lang != "en":
            for a, b, _mo, _d in forms.lunar_dates(norm):
                if free(a, b):
                    it = Mention(a, b)  # the Gregorian day needs the year's lunar calendar: left open
                    it.kind, it.is_time, it.gran = "date", True, DAY
                    out.append(it)
        if en_like:
            for a, b, word in forms.article_units(norm, self.units):
                u = self.units.lookup(word)
                if u is not None and free(a, b):
                    it = Mention(a, b)
                    it.kind, it.unit, it.unit_surface = u.kind, u.code, word
                    it.set_point(_ONE, _ZERO)
                    out.append(it)
        return out

    def _idiom_item(self, a: int, b: int, norm: str, entry: tuple[Decimal, str, str]) -> Mention:
        """A claim stated by a fixed phrase (a quarter of a century = 25 years), with the qualifier
        word before it (近半个世纪: under 50 years)."""
        value, unit, kind = entry
        it = Mention(a, b)
        it.kind, it.unit, it.unit_surface = kind, unit, ""
        it.value, it.precision = value, _ZERO
        bw = self.qual.before_word(norm, it.s)
        if bw is not None and bw[1] != "exact":
            it.qualifier = bw[1]
            it.s = norm.rindex(bw[0], 0, it.s)
        it.low, it.high = interval(value, _ZERO, it.qualifier)
        return it

    # ---- one number ------------------------------------------------------------------------------
    def candidate(self, m: re.Match, norm: str, mask, zh_hant: bool, doc_date) -> Mention | None:
        """The mention that the scan match ``m`` starts, or None (not a claim, nor a date)."""
        s, e = m.start(), m.end()
        num_end = m.end("num")
        if e == num_end and norm[s] in CN_BARE and bare_numeral(norm, s, norm[s:e]):
            return None
        if mask.covers(s, num_end):
            return None
        g = _as_groups(self._pick_groups(m.groups()))
        num = g.num
        prev = norm[s - 1] if s else ""
        pre3 = self._fraction_lead(norm, s)  # 百分之 / 千分之 before the number (or "")
        # spaced digits of the 1998 report: '1 9 9 7 年', '7 4 7 7 2 亿元'
        if len(num) == 1 and num.isdigit() and norm[e:e + 1] == " " and norm[e + 1:e + 2].isdigit() \
                and not isinstance(mask, NoMask):
            sp = SPACED.match(norm, s)
            if sp is not None:
                return self._spaced(sp, norm, zh_hant, doc_date) if sp.group("more") is None else None
        first = num[0]
        is_cn = not (first.isdigit() or first in "+-−") and not first.isascii() \
            and not numbers.signed_digits(num)  # 零下18: Arabic digits after a sign word
        rank_qian = False
        if is_cn:
            doubling = prev == "翻" and norm.startswith("番", num_end)
            rank_qian = forms.rank_after_qian(norm, s, num_end, g.unit or "", self.rank_words)
            if not self._cn_numeral_counts(g, norm, s, num_end, prev, pre3, doubling, rank_qian):
                return None
            if doubling:
                return _doubling(num, s, num_end)
        is_word = first.isascii() and first.isalpha()
        if (is_word or prev.isascii() or prev.isdigit()) and _not_a_number(g, num, prev, is_word) \
                and not (is_word and forms.bare_english_ok(norm, s, num_end, num)):
            return None  # (the test before the call holds for every number it could reject)
        if not (g.unit or g.ym or g.mag) and norm[e:e + 1] in RANGE_WORDS:
            window = self._month_window(num, norm, s, e, doc_date)
            if window is not None:
                return window
        if num in forms.LONE_MAGNITUDE_VALUES:
            parsed = forms.lone_magnitude(num)  # 近百名
        else:
            parsed = parse_cached(num if pre3 or g.frac or g.cheng else num + (g.mag or "").strip())
        if parsed is None:
            return None
        if is_word and parsed.kind == "fraction" and not forms.english_fraction_ok(norm, s, num_end, num):
            return None  # a third way (an ordinal), the first three quarters (a period)
        if rank_qian:  # 前十五, 前三名
            it = Mention(s - 1, m.end("unit") if g.unit else num_end)
            it.kind, it.unit_surface = "rank", g.unit or ""
            it.set_point(parsed.value, _ZERO)
            return it
        if (not (g.unit or g.ym or g.enunit or g.q1 or g.q2 or g.q3)
                and parsed.magnitude >= 10000 and norm[e:e + 1].isdigit()):
            rest = self._continued(parsed, norm, s, e, mask, zh_hant, doc_date)
            if rest is not None:
                return rest
        return self._reading(m, g, Mention(s, e), parsed, norm, mask, prev, pre3, is_cn, zh_hant, doc_date)

    def _cn_numeral_counts(self, g: Groups, norm: str, s: int, num_end: int, prev: str, pre3: str,
                           doubling: bool, rank: bool = False) -> bool:
        """A Chinese numeral is a number only when something anchors it: a unit, 月/日, a magnitude,
        百分之/第/分之/成, 翻…番; never inside a lexicalised word (一些, 三心二意), and 一 + classifier
        is an article (一家, 一项, 一年) unless a qualifier or magnitude goes with it (一元 is money)."""
        num, unit_s = g.num, g.unit
        anchored = bool(unit_s or g.ym or g.frac or g.cheng or g.mag or doubling or rank
                        or pre3 or prev == "第" or "万" in num or "亿" in num or "兆" in num)
        if not anchored:
            return False  # a Chinese-numeral year needs 年 (二〇三五年) which is a unit match
        if not pre3 and self.rules.lexicalised_at(norm, s, num_end):
            return False  # (之一 in 百分之一点五七 belongs to the percent word)
        if num in numbers.HALVES:
            u0 = self.units.lookup(unit_s) if unit_s else None
            if not (g.cheng or (u0 is not None and u0.dimension != "count")):
                return False  # 半 is a quantity only before a measure (半斤, 半年) or 成
        if not doubling and num == "一" and not (g.q1 or g.q2 or g.q3 or g.mag
                                                 or pre3 or prev == "第" or g.frac):
            u1 = self.units.lookup(unit_s) if unit_s else None
            if self.qual.before_word(norm, s) is None and (u1 is None or u1.dimension in ("count", "time")) \
                    and not (u1 is not None and u1.dimension == "time"
                             and forms.article_duration_ok(norm, s, self.duration_words)):
                return False  # 一年 is an article; 为期一周 a duration
        return True

    def _fraction_lead(self, norm: str, s: int) -> str:
        """The share word (百分之, 千分之) written right before ``s``, or one space before it, or ""."""
        k = s - 1 if norm[s - 1:s] == " " else s
        if norm[k - 1:k] != "之":
            return ""
        for word in self.fraction_leads:
            if k >= len(word) and norm.startswith(word, k - len(word)):
                return word
        return ""

    def _month_window(self, num: str, norm: str, s: int, e: int, doc_date) -> Mention | None:
        """'1至11月份': a window of months (a period, not a claim)."""
        rm = RANGE_SEP.match(norm, e)
        m2 = self.master.match(norm, rm.end()) if rm is not None else None
        if m2 is None or m2.group("ym") not in ("月", "月份"):
            return None
        a, b = small_cn(num), small_cn(m2.group("num"))
        if not (a and b and 1 <= a < b <= 12):
            return None
        it = Mention(s, m2.end())
        it.is_claim, it.is_time, it.gran = False, True, INTERVAL
        year = month_year(b, doc_date)
        it.period = month_period(year, a, b) if year else ""
        it.basis = "relative" if it.period else "none"
        return it

    def _continued(self, parsed, norm: str, s: int, e: int, mask, zh_hant: bool, doc_date) -> Mention | None:
        """2兆736亿元: a second section with a smaller magnitude continues the number."""
        m2 = self.master.match(norm, e)
        p2 = parse_cached(m2.group("num") + (m2.group("mag") or "").strip()) if m2 is not None else None
        # only a smaller magnitude continues: the recursion is at most as deep as the magnitudes
        # (1万1万1万… recursed once per section and overflowed the stack)
        if p2 is None or p2.magnitude >= parsed.magnitude:
            return None
        rest = self.candidate(m2, norm, mask, zh_hant, doc_date)
        if rest is None or rest.value is None or rest.kind in ("year", "date"):
            return None
        rest.s = s
        rest.value = rest.value + parsed.value
        rest.low, rest.high = interval(rest.value, rest.precision, rest.qualifier)
        return rest

    def _reading(self, m: re.Match, g: Groups, it: Mention, parsed, norm: str, mask, prev: str, pre3: str,
                 is_cn: bool, zh_hant: bool, doc_date) -> Mention | None:
        """The parsed number ``it`` read with what is glued to it: a date, a fraction or percent word,
        an ordinal, a unit, a qualifier, a duration, a range."""
        s, e = it.s, it.e
        value, prec = parsed.value, parsed.precision
        unit_s = g.unit or ""
        if unit_s == "年" and not (g.q1 or g.q2 or g.mag):
            if norm.startswith("代", e):
                return self.dates.decade(it, value, norm, s, e + 1, doc_date)  # 1960年代, 上世纪80年代
            year = self.dates.year_value(g.num, value, zh_hant, prev, norm, e)
            if year is not None:
                return self.dates.from_year(it, year, norm, m.end("unit"), zh_hant, doc_date)
        if g.ym:
            return self.dates.month_or_day(it, value, g.ym, norm, s, m.end("ym"), doc_date)
        if g.cheng and (pre3 or value > 10):  # 百分之63成功, 63 成功: 成 starts a word (tenths are 十成 at most)
            e = it.e = m.start("cheng") - (norm[m.start("cheng") - 1] == " ")
            g = g._replace(cheng=None, chengd=None, q3=None, per=None)
        end = e
        read = None
        if g.frac:  # 三分之一
            fm = self.master.match(norm, m.end("frac"))
            numer = parse_cached(fm.group("num")) if fm is not None else None
            if numer is None or value == 0:
                return None
            value, prec = numer.value / value, _ZERO
            read, end = _FRACTION, fm.end("num")
        elif g.cheng:  # 三成五 = 35 %
            value = value * 10 + (CN_SMALL.get(g.chengd, 0) if g.chengd else 0)
            prec = _HALF if g.chengd else Decimal(5)
            read = _CHENG
        elif pre3:
            it.s = norm.rindex(pre3, 0, s)
            read, end = self.fraction_leads[pre3], m.end("q3") if g.q3 else m.end("num")
        elif prev == "第":
            return self._ordinal(it, value, unit_s, norm, s, m)
        else:
            read = self._unit(it, g, parsed, norm, is_cn)
            if not isinstance(read, UnitRead):
                return read  # a bare year (2024), or None
        if parsed.kind == "fraction" and not read.code and read.kind in ("count", "other") \
                and " " not in parsed.digits:
            read = _FRACTION  # 1/4, ⅓, two thirds (2 1/2 stays a number)
        if read.code == "pt" and not forms.points_ok(norm, s):
            return None  # 13点10分, 46度58分: a time or an angle, not points
        if g.per:
            read = UnitRead(read.code + g.per, read.kind, read.written + g.per)
        qualifier = self._qualifier(it, g, norm)
        if read.code in self.duration_units:
            read = UnitRead(read.code, "duration", read.written)  # (the class call: _replace is slower)
            if norm.startswith(("来", "以来"), e) and not g.q3:
                end = e + (1 if norm[e] == "来" else 2)  # 10年来
            for w in self.duration_lead:
                if norm.startswith(w, it.s - len(w)):
                    it.s -= len(w)
                    break
        it.e = max(end, it.e if end == e else end)
        if read.kind == "amount" and value > 0 and forms.accounting_negative(norm, it.s, it.e, self.units.lookup):
            value = -value  # ($99.99)
        it.value, it.precision, it.qualifier = value, prec, qualifier
        it.kind, it.unit, it.unit_surface = read.kind, read.code, read.written
        rng = self._range(it, m, norm, mask, parsed, is_cn)
        if rng is not None:
            return rng
        it.low, it.high = interval(value, prec, qualifier)
        return it

    def _unit(self, it: Mention, g: Groups, parsed, norm: str, is_cn: bool) -> UnitRead | Mention | None:
        """The unit and kind of a number (written after it, or a prefix such as US$ before it); a bare
        four-digit number 1900..2099 is a year (a Mention); a bare Chinese numeral is no claim (None)."""
        written = g.unit or (g.enunit or "").strip(" -")
        if written:
            return self._unit_reads.get(written) or self._unit_read(written)
        s, e = it.s, it.e
        pm = self.prefix_re.search(norm, max(0, s - 4), s) if self.prefix_re else None
        if pm is not None:
            it.s = pm.start()
            prefix = pm.group().strip()
            return self._unit_reads.get(prefix) or self._unit_read(prefix)
        if g.mag or parsed.magnitude != 1:
            return _COUNT
        num = g.num
        if not is_cn and num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2099 and not g.q3:
            it.kind, it.is_time, it.gran = "year", True, YEAR
            it.set_point(parsed.value, _ZERO)
            it.period, it.basis = str(int(num)), "explicit"
            span = forms.year_range_after(norm, e, int(num))
            if span is not None:  # 1995-1996年: a range of years
                it.e, y2 = span
                it.value, it.high, it.gran = None, Decimal(y2), INTERVAL
                it.period = f"{int(num):04d}/{y2:04d}"
            return it
        if is_cn and not (g.q1 or g.q2):
            return None
        for tm in self.tw.zh.finditer(norm, max(0, s - 2), min(len(norm), e + 2)):
            if tm.start() <= s < tm.end():
                return None  # inside a time word (首3季)
        return _COUNT if parsed.digits.lstrip("-").isdigit() else _OTHER

    def _unit_read(self, written: str) -> UnitRead:
        """The reading of a unit as written, kept in ``_unit_reads`` (a document repeats its units)."""
        u = self.units.lookup(written)
        read = UnitRead(u.code, u.kind, written) if u is not None else UnitRead(written, "count", written)
        self._unit_reads[written] = read
        return read

    def _qualifier(self, it: Mention, g: Groups, norm: str) -> str:
        """The qualifier of a number: 多/余/以上/左右 after it, 超/近/约 before it (then taken into
        the surface), or 约 before 在/为 (大约在8.8万立方英尺: not adjacent, so not in the surface)."""
        if not (g.q1 or g.q2 or g.q3) and norm[it.s - 1:it.s] not in self._qualifier_cue_chars:
            return "exact"  # nothing after it, and the character before it ends no qualifier word
        qualifier = "exact"
        for q in (g.q1, g.q2):
            if q:
                qualifier = self.qual.after.get(q, qualifier)
        if g.q3:
            qualifier = self.qual.after.get(g.q3.strip(), qualifier)
        bw = self.qual.before_word(norm, it.s)
        if bw is None and norm[it.s - 1:it.s] in ("在", "为"):
            gap = self.qual.before_word(norm, it.s - 1)
            if gap is not None and gap[1] != "exact":
                qualifier = gap[1]
        if bw is not None:
            word, q = bw
            if not (word == "近" and norm[it.s - 2:it.s - 1] == "最") and q != "exact":
                qualifier = q
                it.s = norm.rindex(word, 0, it.s)
        return qualifier

    def _spaced(self, sp: re.Match, norm: str, zh_hant: bool, doc_date) -> Mention | None:
        """A number written with spaces between its digits: re-scan it with the spaces removed."""
        s, e = sp.start(), sp.end()
        joined = sp.group().replace(" ", "")
        pre = norm[max(0, s - 8):s]
        tmp = pre + joined + norm[e:e + 40]
        p0, p1 = len(pre), len(pre) + len(joined)
        m = self.master.match(tmp, p0)
        if m is None or m.end("num") < p1 or not (m.group("unit") or m.group("mag") or m.group("enunit")
                                                  or any(c in m.group("num")[len(joined):] for c in "万亿")):
            return None
        it = self.candidate(m, tmp, NoMask(), zh_hant, doc_date)
        if it is None:
            return None

        def back(p: int) -> int:
            if p <= p0:
                return s - (p0 - p)
            if p <= p1:
                return s if p < p1 else e
            return e + (p - p1)

        it.s, it.e = back(it.s), back(it.e)
        it.period_end = back(it.period_end)
        return it

    def _ordinal(self, it: Mention, value, unit_s: str, norm: str, s: int, m: re.Match) -> Mention | None:
        """第N: a rank (第3位, 居第一), an ordinal (第9届), a duration (第9个年头), or an enumeration (None)."""
        it.s = s - 1
        num_end = m.end("num")
        nxt = norm[num_end:num_end + 1]
        before = norm[max(0, s - 4):s - 1]
        rank_ctx = any(w in before for w in self._rank_context_words)
        if not rank_ctx and (nxt in (",", "、", ":", "是", ")", ".", " ") or nxt == ""):
            return None  # 第一, … — an enumeration
        if norm.startswith("季", num_end) or self.tw.part_re.match(norm, s - 1):
            return None  # 第3季: a period
        if unit_s and unit_s in self.rank_words or nxt in self.rank_words or rank_ctx:
            it.kind = "rank"
            it.e = num_end + (len(unit_s) if unit_s in ("位", "名") else 0)
            it.unit = ""
        else:
            it.kind = "ordinal"
            if unit_s:
                u = self.units.lookup(unit_s)
                if u is not None and u.kind == "duration":
                    it.kind = "duration"  # 第9个年头
                it.unit = unit_s if u is None or u.dimension == "count" else u.code
                it.unit_surface = unit_s
                it.e = m.end("unit")
            else:
                it.e = num_end
        it.set_point(value, _ZERO)
        return it

    def _range(self, it: Mention, m: re.Match, norm: str, mask, parsed, is_cn: bool) -> Mention | None:
        """A range 3至5万, 10-20%, 5 to 7 million: the number after the separator closes it."""
        end = it.e
        c = norm[end:end + 1]
        if c not in RANGE_FIRST:
            return None  # cheap test before the regex: most numbers are no range
        between = forms.between_range(norm, it.s, end) if c == " " else None  # between 44 and 50 mg
        if between is not None:
            sep, start2 = "and", between
        elif c == "-" and norm.startswith("- to ", end):  # 8- to 16-meter
            sep, start2 = "to", end + 5
        else:
            rm = RANGE_SEP.match(norm, end)
            if rm is None:
                return None
            sep, start2 = rm.group().strip(), rm.end()
        from_range = False
        if sep == "to" and norm[max(0, it.s - 5):it.s].lower().endswith("from "):
            if not forms.from_range_ok(norm, it.s, norm[max(0, it.s - 60):it.s], self.change_en):
                return None  # rose from $350 to $680: a change, two levels
            from_range = True
        m2 = self.master.match(norm, start2)
        if m2 is None or mask.covers(m2.start(), m2.end("num")):
            return None
        if m2.group("ym") or (m2.group("unit") == "年" and not it.unit):
            return None
        num2 = m2.group("num")
        if (num2[0] in CN_DIGITS or num2[0] in "十廿卅") != is_cn:
            return None
        p2 = parse_cached(num2 + (m2.group("mag") or "").strip())
        if p2 is None:
            return None
        unit2 = m2.group("unit") or (m2.group("enunit") or "").strip(" -")
        if not self._range_units_agree(it, sep, unit2, m2, p2, norm):
            return None
        if forms.multiple_then_level(it.unit, unit2, bool(m2.group("mag")) or p2.magnitude != 1):
            return None  # 增长8.2倍至828.2万: a multiple, then a level
        low = it.value
        high = p2.value
        # shared magnitude: 3至5万 -> 30000..50000
        if parsed.magnitude == 1 and p2.magnitude != 1 and not m.group("mag"):
            low = low * p2.magnitude
            if low == low.to_integral_value():
                low = low.quantize(_ONE)  # 3 x 1E+4 is written 30000, not 3E+4
        if low is not None and high is not None and low > high and from_range:
            low, high = high, low  # ranged from -18 °C to -34 °C
        if low is None or high is None or low > high:
            return None
        if sep == "to" and forms.change_then_level(norm, it.s, low, high):
            return None  # fell by 1.39 million to 1.418 billion: a change, then the level
        if not it.unit and unit2:
            u = self.units.lookup(unit2)
            it.unit, it.kind = (u.code, u.kind) if u else (unit2, "count")
            it.unit_surface = unit2
            if it.unit in self.duration_units:
                it.kind = "duration"
        if it.unit == "age":
            it.kind = "other"
        it.e = m2.end()
        if between is not None:
            it.s -= len("between ")
        it.value, it.low, it.high = None, low, high
        it.precision = _ZERO
        if m2.group("q3"):
            q = self.qual.after.get(m2.group("q3").strip())
            if q:
                it.qualifier = q
        return it

    def _range_units_agree(self, it: Mention, sep: str, unit2: str, m2: re.Match, p2, norm: str) -> bool:
        """A dash or 'to' joins two numbers only when a unit or magnitude shows they are one quantity,
        and two units must be the same."""
        if sep in ("-", "~", "—", "–", "to", "and") and not (unit2 or m2.group("mag") or p2.magnitude != 1
                                                              or it.unit or sep == "to" and it.kind != "year"
                                                              or sep == "-" and forms.age_band(norm, it.s)):
            return False
        lookup = self.units.lookup
        return not (it.unit and unit2 and lookup(unit2) and lookup(it.unit_surface or it.unit)
                    and lookup(unit2).code != it.unit)


def _not_a_number(g: Groups, num: str, prev: str, is_word: bool) -> bool:
    """A number word with nothing that makes it a quantity ('one'), the second half of a range
    ('3-5万': handled with the first), or digits glued to Latin letters (H1, IPv6: a name)."""
    if is_word and not (g.mag or g.enunit or " " in num or any(w in num.lower() for w in _EN_MAGNITUDE_WORDS)):
        return True
    if num[0] in "+-−" and prev.isdigit():
        return True
    return prev.isalpha() and prev.isascii() and not is_word


def _doubling(num: str, s: int, num_end: int) -> Mention | None:
    """翻一番 = x2, 翻两番 = x4."""
    pn = parse_cached(num)
    if pn is None or pn.value > 10:
        return None
    it = Mention(s - 1, num_end + 1)
    it.set_point(Decimal(2) ** int(pn.value), _ZERO)
    it.kind, it.unit, it.unit_surface = "multiple", "倍", "番"
    return it


def _share_item(m: re.Match) -> Mention | None:
    """'one in three', '2 out of 5': the fraction a/b (a share of a population)."""
    a, b = parse_cached(m.group("a").lower()), parse_cached(m.group("b").lower())
    if a is None or b is None or not 0 < a.value < b.value:
        return None
    if forms.year_after_in(m.group(), m.group("b")):
        return None  # 'Voyager 2 in 1979': a year, not a share
    it = Mention(m.start(), m.end())
    it.kind = "fraction"
    it.set_point(a.value / b.value, _ZERO)
    return it


def _ordinal_item(om) -> Mention:
    """An item for an English ordinal (4th, the fourth) or a plan shorthand (十四五)."""
    it = Mention(om.start, om.end)
    it.kind = om.kind
    it.set_point(om.value, _ZERO)
    return it


def _merged_spans(items: list[Mention]) -> tuple[list[int], list[int]]:
    """The spans already taken (dates, ordinals, phrases), merged so that a point test is one bisection."""
    t_starts: list[int] = []
    t_ends: list[int] = []
    for a, b in sorted((it.s, it.e) for it in items if it.e > it.s):
        if t_ends and a <= t_ends[-1]:
            if b > t_ends[-1]:
                t_ends[-1] = b
            continue
        t_starts.append(a)
        t_ends.append(b)
    return t_starts, t_ends
