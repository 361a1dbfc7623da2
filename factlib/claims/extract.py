"""Claim extraction: every numeric expression of a document, normalised, with metric and period.

Data flow for one document (all matching happens on ``doc.norm``; every span is mapped back to
``doc.text`` with ``doc.text_span``)::

    norm ─┬─ non-claim mask (URLs, phones, ids, list markers …: one regex pass)
          ├─ number scan (one compiled regex: number, magnitude, 多/余, unit, 以上/左右 …)
          │      └─ per match: qualifier before, 第/百分之 prefixes, ranges, dates, kind, value
          └─ per sentence with claims: time words, then periods and metrics in reading order

Vocabularies are data in ``factlib/data`` (units, qualifiers, cues, time words, non-claims,
lexicalised numerals, magnitudes, numerals); the regexes are generated from them.

>>> from factlib.documents.load import document_from_text
>>> doc = document_from_text("截至2022年12月，我国网民规模达10.67亿人，较2021年12月提升3.9个百分点。")
>>> [(c.surface, c.kind, c.period) for c in extract_claims(doc)]   # doctest: +NORMALIZE_WHITESPACE
[('2022年12月', 'date', '2022-12'), ('10.67亿人', 'count', '2022-12'),
 ('2021年12月', 'date', '2021-12'), ('3.9个百分点', 'pp_change', '2021-12/2022-12')]
"""
from __future__ import annotations

import datetime as dt
import gc
import re
from array import array
from contextlib import contextmanager
from bisect import bisect_left, bisect_right
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from operator import itemgetter

import numpy as np

from factlib.claims import numbers
from factlib.claims.attribution import Attributor, default_attributor
from factlib.claims.record import Claim, claim_ids
from factlib.vocab.cues import CueTable, default_cues
from factlib.vocab.regexes import alternation
from factlib.documents.sentences import char_ends
from factlib.vocab.tables import read_table
from factlib.vocab.nonclaims import NonClaimRules, default_rules
from factlib.vocab.ordinals import Ordinals, default_ordinals
from factlib.claims.periods import (
    TimeWords, base_ref, day_period, decade_start, default_centuries, default_time_words, month_period,
    month_year, period_granularity, period_type, roc_to_gregorian, split_base, year_period,
)
from factlib.vocab.qualifiers import QualifierTable, default_qualifiers, interval
from factlib.vocab.units import UnitTable, default_units
from factlib.claims.changes import change_of
from factlib.claims.context import resolve_claims

__all__ = ["Extractor", "extract_claims", "default_extractor"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_HALF = Decimal("0.5")
_CN_SMALL = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_DIGITS = "〇○零一二两三四五六七八九"
# first characters of Chinese numerals (the number grammar's, traditional and financial forms too)
_CN_BARE = numbers.chinese_initials()
_RANGE_WORDS = "至到~-—–－"
_RANGE_SEP = re.compile(f" ?[{re.escape(_RANGE_WORDS)}] ?| to ")
_RANGE_FIRST = frozenset(_RANGE_WORDS + " ")  # the characters a _RANGE_SEP match can start with
_CLAUSE_ZH_CHARS = ",;:!?。"
_CLAUSE_ZH = re.compile(f"[{re.escape(_CLAUSE_ZH_CHARS)}]")
_CLAUSE_EN = re.compile(r"[,;:!?()\n]|\. | -- | — ")
_TERMINAL = "。!?;…"
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = (r"3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|廿[一二三四五六七八九]?"
        r"|[一二三四五六七八九]")
_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_EN_MONTH_ALT = "|".join(sorted((m.capitalize() for m in _EN_MONTHS), key=lambda w: (-len(w), w)))
_EN_DATE = re.compile(
    rf"(?<![A-Za-z])(?P<mon>{_EN_MONTH_ALT})\.? (?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?(?![0-9])"
    rf"(?:, (?P<year>1[89][0-9]{{2}}|20[0-9]{{2}})(?![0-9]))?"
    rf"|(?<![0-9])(?P<day2>[0-3]?[0-9]) (?P<mon2>{_EN_MONTH_ALT})\.?,? (?P<year2>1[89][0-9]{{2}}|20[0-9]{{2}})(?![0-9])"
    rf"|(?<![A-Za-z])(?P<mon3>{_EN_MONTH_ALT})\.?,? (?P<year3>1[89][0-9]{{2}}|20[0-9]{{2}})(?![0-9])"
)
_MONTH_AFTER = re.compile(rf" ?(?:{_MONTH}) ?月")  # 112年3月: an ROC year before a month
_EN_SMALL = "|".join(numbers.english_number_words())
# 'one in three adults', '2 out of 5': a share written as a count of a count
_EN_SHARE = re.compile(rf"(?<![A-Za-z0-9.,])(?P<a>{_EN_SMALL}|[0-9]{{1,3}}) (?:in|out of) (?:every )?"
                       rf"(?P<b>{_EN_SMALL}|[0-9]{{1,4}})(?![A-Za-z0-9%.,])", re.I)
_CIRCLED = re.compile("[\u2460-\u24ff\u2776-\u2793]")
_SPACED = re.compile(r"[0-9](?: [0-9])+")
_GROWTH_AFTER_ZH = re.compile(r"的?(?:增幅|增速|增长|涨幅|升幅|跌幅|降幅|成长)")
_EN_RATE_AFTER = re.compile(r"\s*(?:[a-z-]+\s+){0,1}(?:growth|increase|rise|decline|drop|gain|jump)\b")
# 'N年' with these characters after it is a duration, not a year (10年来, 30年间)
_CHENG_FOLLOW = frozenset("为功立本果绩长熟交员都就型品效")


def _small_cn(s: str) -> int | None:
    """Month/day numbers: '12', '十二', '二十八', '廿三', '〇八'."""
    if s.isdigit():
        return int(s)
    if s.startswith("廿"):
        return 20 + (_CN_SMALL.get(s[1:], 0) if len(s) > 1 else 0)
    if "十" in s:
        a, _, b = s.partition("十")
        return (_CN_SMALL.get(a, 0) if a else 1) * 10 + (_CN_SMALL.get(b, 0) if b else 0)
    v = 0
    for ch in s:
        if ch not in _CN_SMALL:
            return None
        v = v * 10 + _CN_SMALL[ch]
    return v


def _bare_numeral(norm: str, s: int, token: str) -> bool:
    """A Chinese numeral ``token`` at ``s`` with nothing after it (一个, 统一) and no 第/翻/之
    before it: not a number, unless it holds a magnitude (三万八○六六)."""
    return norm[s - 1:s] not in ("第", "翻", "之") and "万" not in token and "亿" not in token \
        and "兆" not in token


@lru_cache(maxsize=65536)
def _parse(token: str) -> numbers.ParsedNumber | None:
    try:
        return numbers.parse_number(token)
    except (ValueError, ArithmeticError, InvalidOperation):
        return None


class _Item:
    """A claim or dated mention under construction (norm offsets)."""

    __slots__ = ("s", "e", "value", "low", "high", "precision", "qualifier", "kind", "unit",
                 "unit_surface", "direction", "period", "basis", "is_claim", "is_time", "is_base",
                 "metric", "mspan", "gran", "clause", "period_end", "base_period")

    def __init__(self, s: int, e: int):
        self.s, self.e = s, e
        self.value = self.low = self.high = self.precision = None
        self.qualifier = "exact"
        self.kind = "other"
        self.unit = self.unit_surface = self.direction = ""
        self.period = self.base_period = ""
        self.basis = "none"
        self.is_claim = True
        self.is_time = False
        self.is_base = False
        self.metric = ""
        self.mspan: tuple[int, int] | None = None
        self.gran = ""
        self.clause = 0
        self.period_end = e


class Extractor:
    """Extracts claims from documents.  Holds the compiled vocabularies (build once, reuse)."""

    def __init__(
        self,
        units: UnitTable | None = None,
        qualifiers: QualifierTable | None = None,
        cues: CueTable | None = None,
        time_words: TimeWords | None = None,
        rules: NonClaimRules | None = None,
        attributor: Attributor | None = None,
        lexicon=None,
        ordinals: Ordinals | None = None,
    ):
        self.units = units or default_units()
        self.qual = qualifiers or default_qualifiers()
        self.cues = cues or default_cues()
        self.tw = time_words or default_time_words()
        self.rules = rules or default_rules()
        self.attr = attributor or default_attributor()
        self.ordinals = ordinals or default_ordinals()
        self._lexicon = lexicon
        self._metric_keys: dict[str, str] = {}  # metric phrase -> lexicon key ("" for none)
        after_zh = alternation(self.qual.after_zh)
        after_en = "|".join(" " + re.escape(w) for w in self.qual.after_en)
        # optional parts as (?:x|): the same as (?:x)? but run far faster by the regex engine
        self.master = re.compile(
            rf"(?P<num>{numbers.NUMBER_RE})"
            r"(?:(?P<q1>多|余)|)"
            rf"(?: ?(?P<mag>{numbers.MAGNITUDE_RE})|)"
            r"(?:(?P<q2>多|余)|)"
            r"(?: ?(?:(?P<da>大(?=[类项]))|)(?:"
            rf"(?P<unit>{self.units.zh_pattern})"
            r"|(?P<ym>月份|月|日|号|\)日)"
            r"|(?P<frac>分之)"
            rf"|(?P<cheng>成)(?:(?P<chengd>[一二三四五六七八九](?![十百千万亿]))|)"
            rf"|(?P<enunit>{self.units.en_pattern})"
            r")|)"
            r"(?:(?P<per>/(?:月|年|天|日|人|户|吨|平方米|[0-9]{1,3}))|)"
            rf"(?:(?P<q3>{after_zh}{'|' + after_en if after_en else ''})|)"
        )
        # the groups _candidate reads, by position in Match.groups() (cheaper than by name)
        self._pick_groups = itemgetter(*(self.master.groupindex[g] - 1 for g in (
            "num", "q1", "mag", "q2", "unit", "ym", "frac", "cheng", "chengd", "enunit", "per", "q3")))
        self.date_tail = re.compile(
            rf" ?(?:(?P<m>{_MONTH}) ?(?:(?:至|到|-|~) ?(?P<m2>{_MONTH}) ?)?月份?"
            rf"(?: ?(?P<d>{_DAY}) ?[日号](?P<hour>零时|[0-9]{{1,2}}时)?)?"
            rf"|(?P<part>{self.tw.part_re.pattern}))"
        )
        self.day_tail = re.compile(rf" ?(?P<d>{_DAY}) ?[日号]")
        self.idioms = _load_idioms()
        # units that make a number a duration (year, month … minute): from the unit table
        self.duration_units = frozenset(u.code for u in self.units.codes.values() if u.kind == "duration")
        self.prefix_re = re.compile(rf"(?:{self.units.prefix_pattern}) ?$") if self.units.prefix_pattern else None
        self.ordinal_words = self.cues.words("ordinal")
        self.rank_words = self.cues.words("rank")
        self.duration_words = sorted(self.cues.words("duration"), key=len, reverse=True)
        # duration cues that are taken into the surface when they lead the number (连续3年, 时隔10年)
        self.duration_lead = tuple(w for w in self.duration_words if w in ("连续", "时隔"))
        self.duration_after = self.cues.words("duration_after")
        zh_dir = [w for w in self.cues.words("up") | self.cues.words("down") | self.cues.words("change")
                  if not w.isascii()]
        # a change word, not inside a compound noun (增加值, 增长率, 增速)
        self.dir_zh = re.compile("(?:" + alternation(zh_dir) + ")(?![值率速量额幅])")
        en_dir = [w for w in self.cues.words("up") | self.cues.words("down") | self.cues.words("change")
                  if w.isascii()]
        self.dir_en = re.compile(r"(?<![A-Za-z])(?:" + alternation(en_dir) + r")(?![A-Za-z])", re.I)
        self.rate_noun_zh = re.compile(alternation(w for w in self.cues.words("rate_noun") if not w.isascii()))
        self.rate_nouns_zh = tuple(w for w in self.cues.words("rate_noun") if not w.isascii())
        self.rate_noun_en = self.cues.rate_noun_en

    # ------------------------------------------------------------------------------------------
    @property
    def lexicon(self):
        if self._lexicon is None:
            from factlib.vocab.lexicon import default_lexicon

            self._lexicon = default_lexicon()
        return self._lexicon

    def extract(self, doc) -> list[Claim]:
        """All claims of ``doc`` in reading order.  Never raises on odd text."""
        norm = doc.norm
        if not norm:
            return []
        with _collector_paused():
            items = self._scan(doc, norm)
            if not items:
                return []
            out = self._finish(doc, norm, items)
            del items  # freed now, not walked by the collection that switching it back on may start
            out = resolve_claims(doc, out)  # context periods, point/interval, area, level/change (issue 12)
        return out

    # ---- scanning ----------------------------------------------------------------------------
    def _scan(self, doc, norm: str) -> list[_Item]:
        mask = self.rules.mask(norm)
        zh_hant = doc.lang == "zh-Hant"
        doc_date = doc.date
        items: list[_Item] = []
        consumed = -1
        en_like = doc.lang in ("en", "mixed") or (doc.lang != "zh-Hans" and norm.isascii())
        if en_like:
            for m in _EN_DATE.finditer(norm):
                if not mask.covers(m.start(), m.end()):
                    items.append(self._en_date(m, doc_date))
        if en_like:
            for om in self.ordinals.finditer(norm):
                if not mask.covers(om.start, om.end) and not any(it.s <= om.start < it.e for it in items):
                    items.append(self._ordinal_item(om))
        if doc.lang != "en":
            for om in self.ordinals.finditer_zh(norm):
                if not mask.covers(om.start, om.end):
                    items.append(self._ordinal_item(om))
        zh_idioms, en_idioms = self.idioms
        found: list[tuple[int, int, tuple]] = []
        if doc.lang != "en":
            found += [(a, b, zh_idioms[p]) for a, b, p in _find_phrases(norm, zh_idioms)]
        if en_like:
            rx, table = en_idioms
            found += [(m.start(), m.end(), table[m.group().lower()]) for m in rx.finditer(norm)]
        for a, b, entry in found:
            if not mask.covers(a, b) and not any(it.s <= a < it.e for it in items):
                items.append(self._idiom_item(a, b, norm, entry))
        if en_like:
            for fm in _EN_SHARE.finditer(norm):
                it = self._share_item(fm)
                if it is not None and not mask.covers(fm.start(), fm.end()) \
                        and not any(o.s < fm.end() and fm.start() < o.e for o in items):
                    items.append(it)
        # spans already taken by dates, ordinals and idioms, merged so that a point test is one bisection
        t_starts: list[int] = []
        t_ends: list[int] = []
        for a, b in sorted((it.s, it.e) for it in items if it.e > it.s):
            if t_ends and a <= t_ends[-1]:
                if b > t_ends[-1]:
                    t_ends[-1] = b
                continue
            t_starts.append(a)
            t_ends.append(b)
        cn_bare = _CN_BARE
        num_group = self.master.groupindex["num"]
        for m in self.master.finditer(norm):
            s = m.start()
            if s < consumed:
                continue
            if norm[s] in cn_bare and m.end() == m.end(num_group) and _bare_numeral(norm, s, m.group()):
                continue  # the same test as the first in _candidate, without the call
            if t_starts:
                i = bisect_right(t_starts, s) - 1
                if i >= 0 and s < t_ends[i]:
                    continue
            item = self._candidate(m, norm, mask, zh_hant, doc_date)
            if item is None:
                continue
            if isinstance(item, list):
                items.extend(item)
                consumed = max(it.e for it in item)
            else:
                items.append(item)
                consumed = max(item.e, item.period_end)
        items.sort(key=lambda it: it.s)
        return items

    def _idiom_item(self, a: int, b: int, norm: str, entry: tuple[Decimal, str, str]) -> _Item:
        """A claim stated by a fixed phrase (a quarter of a century = 25 years), with the qualifier
        word before it (近半个世纪: under 50 years)."""
        value, unit, kind = entry
        it = _Item(a, b)
        it.kind, it.unit, it.unit_surface = kind, unit, ""
        it.value, it.precision = value, _ZERO
        bw = self.qual.before_word(norm, it.s)
        if bw is not None and bw[1] != "exact":
            it.qualifier = bw[1]
            it.s = norm.rindex(bw[0], 0, it.s)
        it.low, it.high = interval(value, _ZERO, it.qualifier)
        return it

    @staticmethod
    def _share_item(m: re.Match) -> _Item | None:
        """'one in three', '2 out of 5': the fraction a/b (a share of a population)."""
        a, b = _parse(m.group("a").lower()), _parse(m.group("b").lower())
        if a is None or b is None or not 0 < a.value < b.value:
            return None
        it = _Item(m.start(), m.end())
        it.kind, it.value = "fraction", a.value / b.value
        it.low = it.high = it.value
        it.precision = _ZERO
        return it

    @staticmethod
    def _ordinal_item(om) -> _Item:
        """An item for an English ordinal (4th, the fourth) or a plan shorthand (十四五)."""
        it = _Item(om.start, om.end)
        it.kind, it.value = om.kind, om.value
        it.low = it.high = om.value
        it.precision = _ZERO
        return it

    def _en_date(self, m: re.Match, doc_date: dt.date | None) -> _Item:
        it = _Item(m.start(), m.end())
        it.kind, it.is_time = "date", True
        if m.group("mon3"):
            y, mo = int(m.group("year3")), _EN_MONTHS[m.group("mon3").lower()]
            it.period, it.basis, it.gran = month_period(y, mo), "explicit", "M"
            return it
        mon = _EN_MONTHS[(m.group("mon") or m.group("mon2")).lower()]
        day = int(m.group("day") or m.group("day2"))
        year = m.group("year") or m.group("year2")
        if year:
            it.period, it.basis = day_period(int(year), mon, day), "explicit"
        else:
            it.period = day_period(month_year(mon, doc_date), mon, day)
            it.basis = "relative" if it.period else "none"
        it.gran = "D"
        return it

    def _candidate(self, m: re.Match, norm: str, mask, zh_hant: bool, doc_date):  # noqa: C901
        s, e = m.start(), m.end()
        num_end = m.end("num")
        if e == num_end and norm[s] in _CN_BARE and _bare_numeral(norm, s, norm[s:e]):
            return None
        if mask.covers(s, num_end):
            return None
        # one call for every group (a match is looked at many times below)
        num, q1, mag, q2, unit_s, ym, frac, cheng, chengd, enunit, per, q3 = self._pick_groups(m.groups())
        first = num[0]
        is_cn = not (first.isdigit() or first in "+-−") and not first.isascii()
        is_word = first.isascii() and first.isalpha()
        unit_s = unit_s or ""
        enunit = enunit or ""
        ym = ym or ""
        prev = norm[s - 1] if s else ""
        pre3 = norm[max(0, s - 3):s]
        # spaced digits of the 1998 report: '1 9 9 7 年', '7 4 7 7 2 亿元'
        if len(num) == 1 and num.isdigit() and norm[e:e + 1] == " " and norm[e + 1:e + 2].isdigit() \
                and not isinstance(mask, _NoMask):
            sp = _SPACED.match(norm, s)
            if sp is not None:
                return self._spaced(sp, norm, zh_hant, doc_date)
        # ---- filters for Chinese numerals and number words -----------------------------------
        if is_cn:
            doubling = prev == "翻" and norm.startswith("番", m.end("num"))
            anchored = bool(unit_s or ym or frac or cheng or mag or doubling
                            or pre3 == "百分之" or prev == "第" or any(c in num for c in "万亿兆"))
            if not anchored:
                # a Chinese-numeral year needs 年 (二〇三五年) which is a unit match
                return None
            if self.rules.lexicalised_at(norm, s, m.end("num")):
                return None
            if doubling:
                pn = _parse(num)
                if pn is None or pn.value > 10:
                    return None
                it = _Item(s - 1, m.end("num") + 1)  # 翻一番 = x2, 翻两番 = x4
                it.value = Decimal(2) ** int(pn.value)
                it.low = it.high = it.value
                it.precision, it.kind, it.unit, it.unit_surface = _ZERO, "multiple", "倍", "番"
                return it
            if num == "一" and not (q1 or q2 or q3 or mag
                                   or pre3 == "百分之" or prev == "第" or frac):
                u1 = self.units.lookup(unit_s) if unit_s else None
                if self.qual.before_word(norm, s) is None and (u1 is None or u1.dimension in ("count", "time")):
                    return None  # 一 + classifier is an article (一家, 一项, 一年); 一元 is money
        if is_word and not (mag or enunit or " " in num or
                            any(w in num.lower() for w in ("thousand", "million", "billion", "trillion", "hundred"))):
            return None
        if num[0] in "+-−" and prev.isdigit():
            return None  # the second half of a range '3-5万' is handled with the first half
        if prev.isalpha() and prev.isascii() and not is_word:
            return None  # glued to Latin letters (H1, IPv6): a name
        # ---- month windows '1至11月份' (a period, not a claim) ------------------------------------
        if not (unit_s or ym or mag) and norm[e:e + 1] in "至到-~":
            rm = _RANGE_SEP.match(norm, e)
            m2 = self.master.match(norm, rm.end()) if rm is not None else None
            if m2 is not None and m2.group("ym") in ("月", "月份"):
                a, b = _small_cn(num), _small_cn(m2.group("num"))
                if a and b and 1 <= a < b <= 12:
                    it = _Item(s, m2.end())
                    it.is_claim, it.is_time, it.gran = False, True, "I"
                    year = month_year(b, doc_date)
                    it.period = month_period(year, a, b) if year else ""
                    it.basis = "relative" if it.period else "none"
                    return it
        # ---- the number itself ------------------------------------------------------------------
        if pre3 == "百分之" or frac or cheng:
            token = num
        else:
            token = num + (mag or "").strip()
        parsed = _parse(token)
        if parsed is None:
            return None
        if (not (unit_s or ym or enunit or q1 or q2 or q3)
                and parsed.magnitude >= 10000 and norm[e:e + 1].isdigit()):
            # 2兆736亿元: a second section with a smaller magnitude continues the number
            m2 = self.master.match(norm, e)
            if m2 is not None:
                rest = self._candidate(m2, norm, mask, zh_hant, doc_date)
                p2 = _parse(m2.group("num") + (m2.group("mag") or "").strip())
                if isinstance(rest, _Item) and rest.value is not None and p2 is not None \
                        and p2.magnitude < parsed.magnitude and rest.kind not in ("year", "date"):
                    rest.s = s
                    rest.value = rest.value + parsed.value
                    rest.low, rest.high = interval(rest.value, rest.precision, rest.qualifier)
                    return rest
        value, prec = parsed.value, parsed.precision
        it = _Item(s, e)
        # ---- dates and years ----------------------------------------------------------------
        if unit_s == "年" and not (q1 or q2 or mag) and norm.startswith("代", e):
            return self._decade(it, value, norm, s, e + 1, doc_date)  # 1960年代, 上世纪80年代
        if unit_s == "年" and not (q1 or q2 or mag):
            year = self._year_value(num, value, zh_hant, prev, norm, e)
            if year is not None:
                return self._date_from_year(it, year, norm, s, m.end("unit"), mask, zh_hant, doc_date)
        if ym:
            return self._month_or_day(it, num, value, ym, norm, s, m.end("ym"), doc_date)
        # ---- fractions, percent words, HK 成 --------------------------------------------------
        unit_code = ""
        kind = ""
        unit_written = unit_s or enunit.strip(" -")
        end = e
        if frac:
            fm = self.master.match(norm, m.end("frac"))
            if fm is None:
                return None
            numer = _parse(fm.group("num"))
            if numer is None or value == 0:
                return None
            value = numer.value / value
            prec = _ZERO
            kind, unit_code, unit_written = "fraction", "", ""
            end = fm.end("num")
        elif cheng:
            d = chengd
            value = value * 10 + (_CN_SMALL.get(d, 0) if d else 0)
            prec = _HALF if d else Decimal(5)
            kind, unit_code, unit_written = "percent", "%", "成"
        elif pre3 == "百分之":
            it.s = s - 3
            kind, unit_code, unit_written = "percent", "%", "百分之"
            end = m.end("num")
            if q3:
                end = m.end("q3")
        # ---- ordinals and ranks ------------------------------------------------------------
        if prev == "第" and not kind:
            return self._ordinal(it, num, value, unit_s, norm, s, e, m)
        # ---- units ------------------------------------------------------------------------------
        if not kind:
            if unit_written:
                u = self.units.lookup(unit_written)
                if u is not None:
                    unit_code, kind = u.code, u.kind
                else:
                    unit_code, kind = unit_written, "count"
            else:
                pm = self.prefix_re.search(norm, max(0, s - 4), s) if self.prefix_re else None
                if pm is not None:
                    u = self.units.lookup(pm.group().strip())
                    unit_code, kind, unit_written = u.code, u.kind, pm.group().strip()
                    it.s = pm.start()
                elif mag or parsed.magnitude != 1:
                    kind = "count"
                elif (not is_cn and num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2099
                      and not q3):
                    it.kind, it.value, it.is_time, it.gran = "year", value, True, "Y"
                    it.period, it.basis = str(int(num)), "explicit"
                    it.low = it.high = value
                    it.precision = _ZERO
                    return it
                else:
                    if is_cn and not (q1 or q2):
                        return None
                    for tm in self.tw.zh.finditer(norm, max(0, s - 2), min(len(norm), e + 2)):
                        if tm.start() <= s < tm.end():
                            return None  # inside a time word (首3季)
                    kind = "count" if parsed.digits.lstrip("-").isdigit() else "other"
        if per:
            unit_code = unit_code + per
            unit_written = unit_written + per
        # ---- qualifiers --------------------------------------------------------------------------
        qualifier = "exact"
        for g in (q1, q2):
            if g:
                qualifier = self.qual.after.get(g, qualifier)
        if q3:
            qualifier = self.qual.after.get(q3.strip(), qualifier)
        bw = self.qual.before_word(norm, it.s)
        if bw is None and norm[it.s - 1:it.s] in ("在", "为"):
            gap = self.qual.before_word(norm, it.s - 1)
            if gap is not None and gap[1] != "exact":
                qualifier = gap[1]  # 大约在8.8万立方英尺: not adjacent, so not in the surface
        if bw is not None:
            word, q = bw
            if not (word == "近" and norm[it.s - 2:it.s - 1] == "最"):
                if q != "exact":
                    qualifier = q
                    it.s = norm.rindex(word, 0, it.s)
        # ---- durations --------------------------------------------------------------------
        if unit_code in self.duration_units:
            kind = "duration"
            if norm.startswith(("来", "以来"), e) and not q3:
                end = e + (1 if norm[e] == "来" else 2)  # 10年来
            for w in self.duration_lead:
                if norm.startswith(w, it.s - len(w)):
                    it.s -= len(w)
                    break
        it.e = max(end, it.e if end == e else end)
        it.value, it.precision, it.qualifier = value, prec, qualifier
        it.kind, it.unit, it.unit_surface = kind, unit_code, unit_written
        # ---- ranges ---------------------------------------------------------------------------
        rng = self._range(it, m, norm, mask, parsed, is_cn)
        if rng is not None:
            return rng
        it.low, it.high = interval(value, prec, qualifier)
        return it

    def _spaced(self, sp: re.Match, norm: str, zh_hant: bool, doc_date):
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
        it = self._candidate(m, tmp, _NoMask(), zh_hant, doc_date)
        if not isinstance(it, _Item):
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

    def _decade(self, it: _Item, value: Decimal, norm: str, s: int, e: int, doc_date) -> _Item | None:
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
        it.is_time, it.kind, it.gran = True, "year", "I"
        it.value, it.low, it.high, it.precision = None, Decimal(start), Decimal(start + 9), _ZERO
        it.period, it.basis = f"{start:04d}/{start + 9:04d}", "explicit"
        return it

    def _year_value(self, num: str, value: Decimal, zh_hant: bool, prev: str, norm: str, e: int) -> int | None:
        """The Gregorian year written as ``num年``, or None when N年 is a duration."""
        after = norm[e:e + 1]
        if after and after in self.duration_after and after != "的" and not (
                after != "来" and len(num) == 4 and num.isdigit() and 1800 <= int(num) <= 2199):
            return None  # 10年来, 30年间 (but 2024年中, 2023年内 are years)
        if num[0] in _CN_DIGITS and len(num) == 4 and all(c in _CN_DIGITS for c in num):
            return int(value)  # 二〇三五年 (digit by digit)
        if not num.isdigit():
            return None
        n = int(num)
        if len(num) == 4 and 1000 <= n <= 2199:
            return n
        if zh_hant and (len(num) == 3 and 100 <= n <= 199 or prev in "民国" and 1 <= n <= 199):
            return roc_to_gregorian(n)
        if zh_hant and 2 <= len(num) <= 3 and _MONTH_AFTER.match(norm[e:e + 6]):
            return roc_to_gregorian(n)
        return None

    def _date_from_year(self, it: _Item, year: int, norm, s, e, mask, zh_hant, doc_date):
        it.is_time = True
        dm = self.date_tail.match(norm, e)
        it.e = e
        if dm is not None and dm.group("part"):
            tw = self.tw.parts.get(dm.group("part"))
            it.kind, it.value, it.gran = "year", Decimal(year), "I" if tw and tw.months != (1, 12) else "Y"
            it.low = it.high = it.value
            it.precision = _ZERO
            it.period = year_period(year, tw.months if tw else None)
            if it.gran == "I" and tw and tw.months and tw.months[0] == tw.months[1]:
                it.gran = "M"
            it.basis = "explicit"
            it.period_end = dm.end()
        elif dm is not None and dm.group("m"):
            mo = _small_cn(dm.group("m"))
            if mo is None or not 1 <= mo <= 12:
                dm = None
            else:
                m2 = _small_cn(dm.group("m2")) if dm.group("m2") else None
                d = _small_cn(dm.group("d")) if dm.group("d") else None
                it.kind, it.value = "date", None
                if m2:
                    it.period, it.gran = month_period(year, mo, m2), "I"
                    it.kind, it.value = "year", Decimal(year)
                    it.low = it.high = it.value
                    it.precision = _ZERO
                    it.period_end = dm.end()
                elif d:
                    it.period, it.gran = day_period(year, mo, d) or month_period(year, mo), "D"
                    it.e = dm.end()
                else:
                    it.period, it.gran = month_period(year, mo), "M"
                    it.e = dm.end()
                it.basis = "explicit"
        if dm is None:
            it.kind, it.value, it.gran = "year", Decimal(year), "Y"
            it.low = it.high = it.value
            it.precision = _ZERO
            it.period, it.basis = f"{year:04d}", "explicit"
        # a range of years or dates: 2015年至2024年, 二零一九年八月至二零二零年十二月
        rm = _RANGE_SEP.match(norm, it.e)
        if rm is not None and rm.group().strip() in ("至", "到", "-", "~", "—", "–"):
            m2 = self.master.match(norm, rm.end())
            if m2 is not None and m2.group("unit") == "年":
                prev = norm[rm.end() - 1]
                y2 = self._year_value(m2.group("num"), _parse(m2.group("num")).value
                                      if _parse(m2.group("num")) else Decimal(0), zh_hant, prev, norm, m2.end())
                if y2 is not None and y2 >= year:
                    other = self._date_from_year(_Item(m2.start(), m2.end()), y2, norm, m2.start(),
                                                 m2.end("unit"), mask, zh_hant, doc_date)
                    if isinstance(other, _Item) and other.gran == it.gran and other.kind == it.kind:
                        it.e = other.e
                        if it.kind == "year":
                            it.value, it.low, it.high = None, Decimal(year), Decimal(y2)
                            it.period = f"{year:04d}/{y2:04d}"
                        else:
                            it.period = f"{it.period}/{other.period}"
                        it.gran = "I"
        return it

    def _month_or_day(self, it: _Item, num: str, value: Decimal, ym: str, norm, s, e, doc_date):
        n = int(value) if value == value.to_integral_value() else -1
        it.is_time = True
        if ym in ("月", "月份"):
            if not 1 <= n <= 12:
                return None
            dm = self.day_tail.match(norm, e)
            year = month_year(n, doc_date)
            if dm is not None:
                d = _small_cn(dm.group("d"))
                if d and 1 <= d <= 31:
                    it.e = dm.end()
                    it.kind, it.value = "date", None
                    it.period = day_period(year, n, d)
                    it.basis = "relative" if it.period else "none"
                    it.gran = "D"
                    return it
            # a month without a year (11月份) is a period window, not a claim
            it.is_claim = False
            it.period = month_period(year, n) if year else ""
            it.basis = "relative" if it.period else "none"
            it.gran = "M"
            return it
        # 'D日' / 'D号': a day of the current month
        if not 1 <= n <= 31:
            return None
        if norm[s - 1:s] == "(" and norm[e - 2:e - 1] == ")":
            it.s = s - 1
        it.kind, it.value, it.gran = "date", None, "D"
        if doc_date is not None:
            it.period = day_period(doc_date.year, doc_date.month if n <= doc_date.day else
                                   (doc_date.month - 1 or 12), n)
            if n > doc_date.day and doc_date.month == 1:
                it.period = day_period(doc_date.year - 1, 12, n)
            it.basis = "relative" if it.period else "none"
        return it

    def _ordinal(self, it: _Item, num, value, unit_s, norm, s, e, m) -> _Item | None:
        it.s = s - 1
        nxt = norm[m.end("num"):m.end("num") + 1]
        before = norm[max(0, s - 4):s - 1]
        rank_ctx = any(w in before for w in self.rank_words if len(w) > 1 or w in "居列")
        if not rank_ctx and (nxt in (",", "、", ":", "是", ")", ".", " ") or nxt == ""):
            return None  # 第一, … — an enumeration
        if norm.startswith("季", m.end("num")) or self.tw.part_re.match(norm, s - 1):
            return None  # 第3季: a period
        if unit_s and unit_s in self.rank_words or nxt in self.rank_words or rank_ctx:
            it.kind = "rank"
            it.e = m.end("num") + (len(unit_s) if unit_s in ("位", "名") else 0)
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
                it.e = m.end("num")
        it.value = value
        it.low = it.high = value
        it.precision = _ZERO
        return it

    def _range(self, it: _Item, m, norm, mask, parsed, is_cn) -> _Item | None:
        end = it.e
        if norm[end:end + 1] not in _RANGE_FIRST:
            return None  # cheap test before the regex: most numbers are no range
        rm = _RANGE_SEP.match(norm, end)
        if rm is None:
            return None
        sep = rm.group().strip()
        if sep == "to" and norm[max(0, it.s - 5):it.s].lower().endswith("from "):
            return None
        m2 = self.master.match(norm, rm.end())
        if m2 is None or mask.covers(m2.start(), m2.end("num")):
            return None
        if m2.group("ym") or (m2.group("unit") == "年" and not it.unit):
            return None
        num2 = m2.group("num")
        if (num2[0] in _CN_DIGITS or num2[0] in "十廿卅") != is_cn:
            return None
        tok2 = num2 + (m2.group("mag") or "").strip()
        p2 = _parse(tok2)
        if p2 is None:
            return None
        unit2 = m2.group("unit") or (m2.group("enunit") or "").strip(" -")
        if sep in ("-", "~", "—", "–", "to") and not (unit2 or m2.group("mag") or p2.magnitude != 1
                                                       or it.unit or sep == "to" and it.kind != "year"):
            return None
        if it.unit and unit2 and self.units.lookup(unit2) and self.units.lookup(it.unit_surface or it.unit) \
                and self.units.lookup(unit2).code != it.unit:
            return None
        low = it.value
        high = p2.value
        # shared magnitude: 3至5万 -> 30000..50000
        if parsed.magnitude == 1 and p2.magnitude != 1 and not m.group("mag"):
            low = low * p2.magnitude
            if low == low.to_integral_value():
                low = low.quantize(_ONE)  # 3 x 1E+4 is written 30000, not 3E+4
        if low is None or high is None or low > high:
            return None
        if not it.unit and unit2:
            u = self.units.lookup(unit2)
            it.unit, it.kind = (u.code, u.kind) if u else (unit2, "count")
            it.unit_surface = unit2
            if it.unit in self.duration_units:
                it.kind = "duration"
        if it.unit == "age":
            it.kind = "other"
        it.e = m2.end()
        it.value, it.low, it.high = None, low, high
        it.precision = _ZERO
        if m2.group("q3"):
            q = self.qual.after.get(m2.group("q3").strip())
            if q:
                it.qualifier = q
        return it

    # ---- sentences: kinds in context, metrics, periods -----------------------------------------
    def _finish(self, doc, norm: str, items: list[_Item]) -> list[Claim]:  # noqa: C901
        en = doc.lang == "en"
        ns = doc._ns if hasattr(doc, "_ns") else [s for _, s, _ in doc.norm_sentences]
        ne = doc._ne if hasattr(doc, "_ne") else [e for _, _, e in doc.norm_sentences]
        # group items by sentence, and sentences into logical sentences (hard line breaks)
        by_sent: dict[int, list[_Item]] = {}
        if isinstance(ns, array) and ns:
            # one vectorised search for all items (ns is a sorted array('q') of sentence starts)
            sis = np.searchsorted(np.frombuffer(ns, dtype=np.int64), [it.s for it in items], side="right") - 1
            for it, si in zip(items, np.maximum(sis, 0).tolist()):
                group = by_sent.get(si)
                if group is None:
                    by_sent[si] = [it]
                else:
                    group.append(it)
        else:
            for it in items:
                si = max(0, bisect_right(ns, it.s) - 1)
                by_sent.setdefault(si, []).append(it)
        out: list[Claim] = []
        ts_arr, te_arr = (doc._ts, doc._te) if hasattr(doc, "_ts") else (None, None)
        sentences = doc.sentences
        lexicon = self.lexicon
        # Chinese: clause delimiters and time words found once for the whole document (neither can
        # span a sentence boundary), then sliced per sentence
        scans = None if en else (
            char_ends(norm, _CLAUSE_ZH_CHARS),
            [(m.start(), m.end(), m.group()) for m in self.tw.zh.finditer(norm)],
        )
        # logical sentences: a sentence continues the previous one after a hard line break inside
        # a sentence (1999 wire copy) or after ';' (the splitter cuts there, the clause goes on)
        groups: list[list[int]] = []
        for si in sorted(by_sent):
            if groups and si == groups[-1][-1] + 1 and self._continues(norm, ns, ne, si):
                groups[-1].append(si)
            elif groups and self._continues_gap(norm, ns, ne, groups[-1][-1], si):
                groups[-1].append(si)
            else:
                groups.append([si])
        text = doc.text
        offsets = getattr(doc, "offsets", None)
        identity = offsets is not None and offsets.is_identity and len(text) == len(norm)
        doc_id, lang = doc.id, doc.lang
        # attribute sentence by sentence, then map every claim's span to ``text`` in one pass
        todo: list[tuple[int, _Item]] = []
        for group in groups:
            gitems = [it for si in group for it in by_sent[si]]
            if not any(it.is_claim for it in gitems):
                continue  # only period windows (11月份): nothing to attribute or report
            s0, s1 = ns[group[0]], ne[group[-1]]
            self._sentence(doc, norm, s0, s1, gitems, en, None, None, scans)
            todo.extend((si, it) for si in group for it in by_sent[si] if it.is_claim)
        if identity:
            spans = [(it.s, it.e) for _, it in todo]
        elif offsets is not None and hasattr(offsets, "text_spans") and todo and all(it.e > it.s for _, it in todo):
            t_s, t_e = offsets.text_spans([it.s for _, it in todo], [it.e for _, it in todo])
            spans = list(zip(t_s.tolist(), t_e.tolist()))
        else:
            spans = [doc.text_span(it.s, it.e) for _, it in todo]
        last_si, sent_text = -1, ""
        keys = self._metric_keys
        if len(keys) > 200_000:
            keys.clear()  # bounded: a long batch of varied text must not grow it without end
        ids = claim_ids(doc_id, spans)
        make = tuple.__new__
        for (si, it), (ts, te), cid in zip(todo, spans, ids):
            surface = text[ts:te]
            # ① became '1' in norm: a list marker, not a number (a surface that is its norm
            # span unchanged holds no such character)
            if surface != norm[it.s:it.e] and _CIRCLED.search(surface):
                continue
            metric = it.metric
            key = ""
            if metric:
                key = keys.get(metric)
                if key is None:
                    try:
                        key = lexicon.key_for(metric) or ""
                    except Exception:  # a user lexicon must not break extraction
                        key = ""
                    keys[metric] = key
            if si != last_si:
                last_si = si
                sent_text = text[ts_arr[si]:te_arr[si]] if ts_arr is not None else sentences[si].text
            change = change_of(it.kind, it.direction)
            base_period = it.base_period if change not in ("", "level") else ""
            own = split_base(it.period, base_period)
            # positional, in the order of Claim's fields (tuple.__new__ skips keyword handling)
            out.append(make(Claim, (
                doc_id, cid, si, ts, te, surface, sent_text,
                it.value, it.low, it.high, it.precision, it.qualifier, it.kind, it.unit, metric, key,
                it.period, it.basis if it.period else "none", lang, it.direction, it.unit_surface,
                period_type(own, lexicon.measure(key) if key else ""), period_granularity(own), "",
                "", "", change, base_period,
            )))
        return out

    @staticmethod
    def _continues(norm: str, ns, ne, si: int) -> bool:
        """Sentence ``si`` continues sentence ``si - 1`` (hard wrap or ';')."""
        a, b = ns[si - 1], ne[si - 1]
        if b <= a:
            return False
        last = norm[b - 1]
        gap = norm[b:ns[si]]
        if last == ";":
            return "\n" not in gap
        return last not in _TERMINAL and gap.count("\n") == 1 and gap.strip() == ""

    def _continues_gap(self, norm: str, ns, ne, a: int, b: int) -> bool:
        """Sentences a..b (with claim-free sentences between) form one logical sentence."""
        return all(self._continues(norm, ns, ne, k) for k in range(a + 1, b + 1))

    def _quote(self, doc, a: int, b: int) -> str:
        ts, te = doc.text_span(a, b)
        return doc.text[ts:te].replace("\n", "")

    def _sentence(self, doc, norm, s0, s1, sitems, en, ctx_metric, ctx_period, scans=None):  # noqa: C901
        """Kinds in context, metric and period of the items of one sentence.

        ``scans``: the document's clause-delimiter ends and time-word matches, when found once
        for the whole document (else the sentence is scanned here)."""
        if scans is None:
            delim = _CLAUSE_EN if en else _CLAUSE_ZH
            cuts = [m.end() for m in delim.finditer(norm, s0, s1)]
            words = [(m.start(), m.end(), m.group()) for m in (self.tw.en if en else self.tw.zh).finditer(norm, s0, s1)]
        else:
            cut_all, tw_all = scans
            cuts = cut_all[bisect_right(cut_all, s0):bisect_right(cut_all, s1)]
            lo_ = bisect_left(tw_all, (s0,))
            hi_ = bisect_left(tw_all, (s1,), lo_)
            words = tw_all[lo_:hi_]
        doc_date = doc.date
        # time words of the sentence (今年, 上半年, 一季度 …) as period-only mentions
        tws = []
        for ms, me, mg in words:
            if any(it.s <= ms < it.e or it.s <= ms < max(it.e, it.period_end)
                   for it in sitems if it.is_time):
                continue
            tw = self.tw.words.get(mg.lower())
            if tw is None:
                continue
            t = _Item(ms, me)
            t.is_claim, t.is_time = False, True
            t.period = self.tw.resolve(tw, doc_date)
            t.basis = "relative" if t.period else "none"
            t.gran = "V" if tw.type == "vague" else ("I" if tw.type == "part" else "R")
            tws.append(t)
        allitems = sorted(sitems + tws, key=lambda it: it.s) if tws else sitems
        for it in allitems:
            it.clause = bisect_right(cuts, it.s)
        backrefs = self._backrefs(norm, s0, s1, cuts, allitems, en)
        # base of a comparison: a time mention right after 较/比/与 (or English 'from')
        for it in allitems:
            if it.is_time:
                if it.gran == "I":
                    it.is_base = False  # 比1990年到2000年年均1.07%: a range dates the claims, it is no base
                    continue
                before = norm[max(s0, it.s - 3):it.s]
                if en:
                    it.is_base = norm[max(s0, it.s - 16):it.s].rstrip().lower().endswith(
                        ("from", "compared with", "compared to", "than"))
                else:
                    it.is_base = bool(before) and before[-1] in "较比与" or before.endswith(("相比", "相较"))
        current = ctx_period  # (period, basis, clause)
        prev_end = s0
        last_metric = ctx_metric  # (text, span)
        prev_value: _Item | None = None
        list_items: list[tuple[int, int]] = []
        list_pos = 0
        clause_had_list = -1
        for idx, it in enumerate(allitems):
            if it.is_time:
                after = norm[it.e:it.e + 12]
                dateline = it.kind == "date" and it.gran == "D" and (
                    after[:1] in ("电", "讯") or after.lstrip().startswith(("(Xinhua)", "--", "(新华社", "(记者")))
                if dateline:
                    prev_end = max(prev_end, it.e)
                    continue
                if not it.is_base and it.period and it.gran != "V":
                    # a part of the year written alone (上半年) keeps an explicit year seen before it
                    if it.gran == "I" and not it.is_claim and current and current[0][:4].isdigit() \
                            and it.basis == "relative" and len(current[0]) == 4:
                        tw = self.tw.words.get(norm[it.s:it.e].lower())
                        if tw is not None and tw.months:
                            it.period = year_period(int(current[0][:4]), tw.months)
                            it.basis = current[1]
                    current = (it.period, it.basis, it.clause)
                elif it.gran == "V":
                    current = None
                if it.is_claim:
                    prev_end = max(prev_end, max(it.e, it.period_end))
                continue
            # ---- kind in context ---------------------------------------------------------------
            clause_lo = max(s0, cuts[it.clause - 1] if it.clause > 0 else s0)
            lo = max(clause_lo, prev_end)
            self._context_kind(norm, it, lo, en, s1, clause_lo)
            if prev_value is not None and prev_value.e == prev_end and prev_value.unit == it.unit \
                    and norm[lo:it.s].strip(" 、和及与") == "" and prev_value.kind in ("growth_rate", "percent"):
                it.kind, it.direction = prev_value.kind, prev_value.direction or it.direction  # 分别为20.7%、14.2%
            prev_value = it
            # ---- period -------------------------------------------------------------------------
            base = None
            for other in allitems:
                # only an explicit single date is a base: 较2021年12月 (比上年 stays relative)
                if other.is_time and other.is_base and other.clause == it.clause and other.period \
                        and other.is_claim and other.gran in ("Y", "M", "D"):
                    base = other
                    break
            ref = current
            if en and (ref is None or ref[2] != it.clause) and it.kind != "ordinal":
                for other in allitems[idx + 1:]:
                    if other.is_time and not other.is_base and other.period and other.gran != "V" \
                            and (ref is None or other.clause == it.clause):
                        ref = (other.period, other.basis, other.clause)
                        break
            if ref is not None:
                it.period = ref[0]
                it.basis = ref[1] if ref[1] != "explicit" else ("explicit" if ref[2] == it.clause else "inherited")
                if base is not None and it.kind in ("growth_rate", "pp_change", "multiple") or (
                        base is not None and it.direction):
                    combined = base_ref(base.period, ref[0])
                    it.base_period = base.period
                    if combined != ref[0]:
                        it.period = combined
                elif "/" in ref[0] and ref[0].count("/") == 1:
                    # 从43.2%攀升至53.4% within 2015年至2024年: the start and the end of the interval
                    pre = norm[max(lo, it.s - 1):it.s]
                    a_, _, b_ = ref[0].partition("/")
                    if pre in ("从", "由"):
                        it.period = a_
                    elif pre in ("至", "到") and "从" in norm[lo - 12 if lo >= 12 else 0:it.s] + norm[max(s0, it.s - 20):it.s]:
                        it.period = b_
            br = None
            if backrefs:
                br = next((b_ for b_ in backrefs if b_[0] > it.s), None)
                if br is not None and br[2] is not None and (not it.period or it.period == br[2].period):
                    it.period, it.basis = br[2].period, br[2].basis  # 10.67亿人,…,这是截至2022年12月…
            # ---- metric -------------------------------------------------------------------------
            if it.kind in ("year", "date"):
                prev_end = it.e
                continue
            span = None
            text = ""
            raw = norm[lo:it.s]
            if not en:
                if "分别" in raw:
                    subj_lo = max(s0, cuts[it.clause - 1] if it.clause > 0 else s0)
                    k = norm.rfind("分别", subj_lo, it.s)
                    a, b = self.attr.zh_metric(norm, max(subj_lo, prev_end if prev_end <= k else subj_lo), k)
                    items_ = _split_list(norm, a, b)
                    if len(items_) <= 1 and list_items:
                        items_ = list_items
                    elif len(items_) <= 1:
                        # the subject is in an earlier clause: 网约车、互联网医疗用户规模增长明显,较…分别增长
                        c0 = cuts[it.clause - 2] if it.clause >= 2 else s0
                        c1 = cuts[it.clause - 1] if it.clause >= 1 else s0
                        a2, b2 = self.attr.zh_metric(norm, c0, c1)
                        cand = _split_list(norm, a2, b2)
                        if len(cand) > 1:
                            items_ = cand
                    if len(items_) > 1:
                        list_items, list_pos, clause_had_list = items_, 0, it.clause
                        span = items_[0]
                elif list_items and clause_had_list >= 0 and raw.strip(" 、和及与,") == "" and lo == prev_end:
                    list_pos += 1
                    if list_pos < len(list_items):
                        span = list_items[list_pos]
                    clause_had_list = it.clause
                if span is None:
                    a, b = self.attr.zh_metric(norm, lo, it.s)
                    after = None
                    # an ordinal word without a classifier (十四五规划, 首届世界互联网大会) numbers what follows
                    bare_ordinal = it.kind == "ordinal" and not it.unit_surface
                    if (it.kind in ("count", "ordinal") or it.kind == "duration" and norm.startswith("的", it.e)) \
                            and (b <= a or self._counted(it) or bare_ordinal):
                        after = self.attr.zh_after(norm, it.e, s1)
                        if after[1] > after[0] and (self._counted(it) or bare_ordinal or b <= a):
                            a, b = after
                    if b > a:
                        span = (a, b)
                if span is not None:
                    text = self._quote(doc, *span)
                    phrase = norm[span[0]:span[1]]
                    if last_metric and (phrase.startswith("占") or phrase in ("占比", "比重", "比例") or (
                            len(phrase) <= 6 and self.rate_noun_zh.search(phrase)
                            and self.rate_noun_zh.search(phrase).end() == len(phrase))):
                        text = last_metric[0] + text
            else:
                a, b = self.attr.en_metric(norm, lo, it.s)
                if it.kind == "ordinal":
                    pa, pb = self.attr.en_after(norm, it.e, s1)
                    if pb > pa:
                        a, b = pa, pb  # the 4th World Internet Conference: what is numbered follows
                elif it.kind == "fraction":
                    pa, pb = self.attr.en_after(norm, it.e, s1)
                    if pb > pa:
                        a, b = pa, pb  # one in five children: the share is of what follows
                elif (b <= a or it.kind == "count") and not it.unit:
                    pa, pb = self.attr.en_after(norm, it.e, s1)
                    if pb > pa:
                        last = norm[pa:pb].rsplit(" ", 1)[-1]
                        u = self.units.lookup(last)
                        if u is not None:
                            it.unit, it.unit_surface = u.code, last
                            it.e = pb
                            if u.kind == "duration":
                                it.kind = "duration"
                        if b <= a:
                            a, b = pa, pb
                if b > a:
                    text = self._quote(doc, a, b)
            if not text and br is not None and (not last_metric or last_metric[1] == "backref"):
                text = self._quote(doc, *br[1])  # named after the number: 10.67亿人,…,这是…网民规模
                it.metric = text.strip()
                last_metric = (it.metric, "backref")
                prev_end = it.e
                continue
            if not text and last_metric:
                text = last_metric[0]
            if not text and it.unit_surface and len(it.unit_surface) > 1 and it.kind == "count" \
                    and it.unit_surface[0] in "个座":
                text = it.unit_surface[1:]  # 31个省份: the unit names what is counted
            if not text and en and it.clause > 0:
                # the subject is the clause before: 'Online retail sales remained …, jumping 13.1 percent'
                c0 = cuts[it.clause - 2] if it.clause >= 2 else s0
                c1 = cuts[it.clause - 1]
                if not any(c0 <= o.s < c1 for o in allitems if not o.is_time):
                    a, b = (self.attr.en_metric if en else self.attr.zh_metric)(norm, max(c0, s0), c1 - 1)
                    if b > a:
                        text = self._quote(doc, a, b)
            if text:
                it.metric = text.strip()
                last_metric = (it.metric, None)
            prev_end = it.e
        return last_metric, current

    def _backrefs(self, norm: str, s0: int, s1: int, cuts: list[int], allitems: list[_Item], en: bool):
        """Back-reference clauses of a sentence: ``(clause start, metric span, dated mention | None)``.

        A clause without a claim of its own that names the metric of the numbers before it
        (``10.67亿人,居世界第一,这是截至2022年12月我国网民规模``); cues in ``metric_backrefs.csv``.
        """
        out = []
        claim_clauses = {it.clause for it in allitems if not it.is_time}
        if not claim_clauses:
            return out
        first = min(claim_clauses)
        for k in range(first + 1, len(cuts) + 1):
            if k in claim_clauses:
                continue
            c_lo = cuts[k - 1]
            c_hi = cuts[k] if k < len(cuts) else s1
            if c_lo >= s1:
                break
            times = [t for t in allitems if t.is_time and t.clause == k and not t.is_base]
            span = self.attr.backref(norm, c_lo, min(c_hi, s1), en, [(t.s, max(t.e, t.period_end)) for t in times])
            if span is None:
                continue
            dated = next((t for t in times if t.period and t.gran != "V"), None)
            out.append((c_lo, span, dated))
        return out

    def _counted(self, it: _Item) -> bool:
        """A count with a classifier (22名外逃人员): the noun after it is what is counted."""
        u = self.units.lookup(it.unit_surface) if it.unit_surface else None
        return u is not None and u.dimension == "count" and it.kind in ("count", "ordinal")

    def _context_kind(self, norm: str, it: _Item, lo: int, en: bool, s1: int, clause_lo: int) -> None:
        """Growth rates, directions and multiples from the words before (and just after) a number."""
        pred = norm[lo:it.s]
        if en:
            dm = None
            for dm in self.dir_en.finditer(pred):
                pass
            word = dm.group().lower() if dm else ""
        else:
            dm = None
            for dm in self.dir_zh.finditer(pred):
                pass
            word = dm.group() if dm else ""
            if len(word) == 1 and dm is not None and dm.end() < len(pred.rstrip()) - 2:
                word = ""  # 高/低/增 … count only right before the number (高17.1个百分点)
        direction = self.cues.direction(word) if word else ""
        if it.kind in ("percent", "multiple", "pp_change", "count", "amount", "other") and direction:
            it.direction = direction
        if it.kind == "percent":
            clause = norm[clause_lo:it.s]
            to_level = pred.endswith(("至", "到")) or pred.rstrip().lower().endswith(" to")
            share = any(w in clause for w in ("占", "比重", "比例", "率", "share"))
            metric_rate = (any(w in clause for w in self.rate_nouns_zh) if not en
                           else bool(self.rate_noun_en.search(clause)))
            if to_level and share and not metric_rate:
                word = ""
            after = norm[it.e:min(s1, it.e + 12)]
            rate_after = bool(_GROWTH_AFTER_ZH.match(after)) if not en else bool(_EN_RATE_AFTER.match(after))
            if word or metric_rate or rate_after:
                it.kind = "growth_rate"
        elif it.kind == "multiple" and word and self.cues.direction(word):
            it.kind = "growth_rate"


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while one document is extracted.

    Extraction makes tens of thousands of small acyclic objects (matches, items, claims), and
    each of them counts towards the collector's next pass over everything young; none of them
    needs it (reference counting frees them).  Pausing saves about 4 % of extraction time.  The
    collector is switched back on afterwards only if it was on before (a caller that turned it
    off keeps it off; a thread that started with it off leaves it alone)."""
    was_on = gc.isenabled()
    if was_on:
        gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@lru_cache(maxsize=None)
def _load_idioms(path: str = "idioms") -> tuple[dict, tuple[re.Pattern, dict]]:
    """The phrases of ``data/idioms.csv``: the Chinese table, and the English regex with its
    table.  A table maps the phrase (English in lower case) to (value, unit, kind)."""
    rows = read_table(path, required=("phrase", "lang", "value", "unit", "kind"), key=("phrase", "lang"))

    def table(lang: str) -> dict:
        return {r["phrase"].lower(): (Decimal(r["value"]), r["unit"], r["kind"]) for r in rows if r["lang"] == lang}

    en = table("en")
    rx = re.compile(rf"(?<![A-Za-z])(?:{alternation(en, fold=True)})(?![A-Za-z])", re.I)
    return table("zh"), (rx, en)


def _find_phrases(text: str, phrases) -> list[tuple[int, int, str]]:
    """Leftmost-longest, non-overlapping occurrences of ``phrases`` in ``text`` (what a longest-first
    alternation finds), by ``str.find``: for a short list it is many times faster than a regex scan
    of a long Chinese text."""
    hits = []
    for p in phrases:
        i = text.find(p)
        while i >= 0:
            hits.append((i, i + len(p), p))
            i = text.find(p, i + 1)
    hits.sort(key=lambda h: (h[0], -h[1]))
    out, end = [], -1
    for h in hits:
        if h[0] >= end:
            out.append(h)
            end = h[1]
    return out


class _NoMask:
    """A mask that hides nothing (for re-scanned fragments)."""

    def covers(self, start: int, end: int) -> bool:
        return False


def _split_list(norm: str, a: int, b: int) -> list[tuple[int, int]]:
    """Items of a list subject '网约车、互联网医疗用户规模' / '农村和农产品网络零售额'."""
    if b <= a:
        return []
    out = []
    start = a
    for i in range(a, b):
        if norm[i] in "、和及与,":
            if i > start:
                out.append((start, i))
            start = i + 1
    if b > start:
        out.append((start, b))
    return out


@lru_cache(maxsize=1)
def default_extractor() -> Extractor:
    """An extractor with the shipped vocabularies (cached)."""
    return Extractor()


def extract_claims(document) -> list[Claim]:
    """All numeric claims of ``document`` (a :class:`factlib.documents.load.Document`)."""
    return default_extractor().extract(document)
