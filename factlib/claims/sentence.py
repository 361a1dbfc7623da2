"""One sentence read as a whole: the kind of each number in context (a percent after 增长 is a growth
rate), the period that dates it (the time mention in force, the base of a comparison, back-references)
and the metric it measures (the words before it, a list read with 分别, the noun after a count)."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import partial
from operator import attrgetter

from factlib.claims.attribution import Attributor
from factlib.claims.mention import DAY, INTERVAL, RELATIVE, SINGLE_DATES, VAGUE, Backref, Mention, MetricRef, TimeRef
from factlib.claims.patterns import CLAUSE_EN, CLAUSE_ZH, EN_RATE_AFTER, GROWTH_AFTER_ZH
from factlib.claims.periods import TimeWords, base_ref, year_period
from factlib.vocab.cues import CueTable
from factlib.vocab.regexes import alternation
from factlib.vocab.units import UnitTable
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

__all__ = ["SentenceReader", "split_list"]

_CHANGE_KINDS = ("growth_rate", "pp_change", "multiple")
# TimeRef / MetricRef from a tuple, in C (their generated __new__ is a Python call, made per claim)
_time_ref = partial(tuple.__new__, TimeRef)
_metric_ref = partial(tuple.__new__, MetricRef)
_start_of = attrgetter("s")
_SHARE_WORDS = ("占比", "比重", "比例")
_MEMO_LIMIT = 1 << 16  # entries kept per memo of short phrases (emptied when full)


class _Reading:
    """The state of one sentence while its mentions are read in order."""

    __slots__ = ("doc", "norm", "s0", "s1", "cuts", "items", "en", "backrefs", "current", "prev_end",
                 "last_metric", "prev_value", "prev_value_before", "list_items", "list_pos", "clause_had_list")

    def __init__(self, doc, norm: str, s0: int, s1: int, cuts: list[int], items: list[Mention], en: bool,
                 backrefs: list[Backref]):
        self.doc, self.norm, self.s0, self.s1, self.cuts, self.items, self.en, self.backrefs = \
            doc, norm, s0, s1, cuts, items, en, backrefs
        self.current: TimeRef | None = None       # the period in force
        self.prev_end = s0                        # where the words that may name a metric start
        self.last_metric: MetricRef | None = None
        self.prev_value: Mention | None = None
        self.prev_value_before: Mention | None = None  # the claim before the one being read
        self.list_items: list[tuple[int, int]] = []  # the subjects of a 分别 list, in order
        self.list_pos = 0
        self.clause_had_list = -1

    def clause_start(self, clause: int) -> int:
        return max(self.s0, self.cuts[clause - 1] if clause > 0 else self.s0)

    def quote(self, a: int, b: int) -> str:
        ts, te = self.doc.text_span(a, b)
        return self.doc.text[ts:te].replace("\n", "")


class SentenceReader:
    """Kinds in context, metric and period of the mentions of one (logical) sentence."""

    def __init__(self, units: UnitTable, cues: CueTable, time_words: TimeWords, attributor: Attributor):
        self.units, self.cues, self.tw, self.attr = units, cues, time_words, attributor
        # English words before the base of a comparison (from 2022, than in 2019, the same period last year)
        self.base_en = tuple(sorted(w for w in cues.words("base") if w.isascii()))
        # the other side of a comparison named as a time (compared with a year earlier, from the same period
        # last year): the relative-year words of time_words.csv and the English base cues
        self.base_time_en = re.compile(r"\s*(?:the\s+)?(?:" + alternation(
            [w for w, t in time_words.words.items() if t.type == "rel_year" and w.isascii()]
            + [w for w in self.base_en if " " in w]) + r")(?![A-Za-z])", re.I)
        change = cues.words("up") | cues.words("down") | cues.words("change")
        # a change word, not inside a compound noun (增加值, 增长率, 增速)
        self.dir_zh = re.compile("(?:" + alternation(w for w in change if not w.isascii()) + ")(?![值率速量额幅])")
        self.dir_en = re.compile(r"(?<![A-Za-z])(?:" + alternation(w for w in change if w.isascii())
                                 + r")(?![A-Za-z])", re.I)
        self.rate_noun_zh = re.compile(alternation(w for w in cues.words("rate_noun") if not w.isascii()))
        self.rate_nouns_zh = tuple(w for w in cues.words("rate_noun") if not w.isascii())
        self.rate_noun_en = cues.rate_noun_en
        self._dir_memo: dict[bool, dict[str, str]] = {False: {}, True: {}}  # words -> change word, per language

    def read(self, doc, norm: str, s0: int, s1: int, sitems: list[Mention], en: bool, scans=None) -> None:
        """Set kind, direction, period and metric of the claims in ``sitems`` (the sentence ``s0..s1``).

        ``scans``: the document's clause-delimiter ends and time-word matches, when found once
        for the whole document (else the sentence is scanned here)."""
        if scans is None:
            cuts = [m.end() for m in (CLAUSE_EN if en else CLAUSE_ZH).finditer(norm, s0, s1)]
            words = [(m.start(), m.end(), m.group()) for m in (self.tw.en if en else self.tw.zh).finditer(norm, s0, s1)]
        else:
            cut_all, tw_all = scans
            cuts = cut_all[bisect_right(cut_all, s0):bisect_right(cut_all, s1)]
            lo = bisect_left(tw_all, (s0,))
            words = tw_all[lo:bisect_left(tw_all, (s1,), lo)]
        tws = self._time_words(words, sitems, doc.date) if words else None
        allitems = sorted(sitems + tws, key=_start_of) if tws else sitems
        for it in allitems:
            it.clause = bisect_right(cuts, it.s)
        st = _Reading(doc, norm, s0, s1, cuts, allitems, en, self._backrefs(norm, s0, s1, cuts, allitems, en))
        _mark_bases(norm, s0, allitems, en, self.base_en)
        for idx, it in enumerate(allitems):
            if it.is_time:
                self._time(st, it)
            else:
                self._claim(st, idx, it)

    def _time_words(self, words, sitems: list[Mention], doc_date) -> list[Mention]:
        """The time words of the sentence (今年, 上半年, 一季度 …) as period-only mentions."""
        tws = []
        for ms, me, mg in words:
            if any(it.s <= ms < it.e or it.s <= ms < max(it.e, it.period_end)
                   for it in sitems if it.is_time):
                continue
            tw = self.tw.words.get(mg.lower())
            if tw is None:
                continue
            t = Mention(ms, me)
            t.is_claim, t.is_time = False, True
            t.period = self.tw.resolve(tw, doc_date)
            t.basis = "relative" if t.period else "none"
            t.gran = VAGUE if tw.type == "vague" else (INTERVAL if tw.type == "part" else RELATIVE)
            tws.append(t)
        return tws

    def _time(self, st: _Reading, it: Mention) -> None:
        """A time mention read in order: it becomes the period in force (a vague one ends it)."""
        norm = st.norm
        after = norm[it.e:it.e + 12]
        if it.kind == "date" and it.gran == DAY and (
                after[:1] in ("电", "讯") or after.lstrip().startswith(("(Xinhua)", "--", "(新华社", "(记者"))):
            st.prev_end = max(st.prev_end, it.e)  # a dateline
            return
        if not it.is_base and it.period and it.gran != VAGUE:
            # a part of the year written alone (上半年) keeps an explicit year seen before it
            cur = st.current
            if it.gran == INTERVAL and not it.is_claim and cur and cur[0][:4].isdigit() \
                    and it.basis == "relative" and len(cur[0]) == 4:
                tw = self.tw.words.get(norm[it.s:it.e].lower())
                months = tw.months if tw is not None else _window_months(it.period)
                if months:  # 今年前10个月, 2016年…1至10月: the window in the year in force
                    it.period = year_period(int(cur[0][:4]), months)
                    it.basis = cur[1]
            st.current = _time_ref((it.period, it.basis, it.clause))
        elif it.gran == VAGUE:
            st.current = None
        if it.is_claim:
            st.prev_end = max(st.prev_end, max(it.e, it.period_end))

    def _claim(self, st: _Reading, idx: int, it: Mention) -> None:
        """A claim read in order: its kind in context, its period, its metric."""
        norm = st.norm
        clause_lo = max(st.s0, st.cuts[it.clause - 1] if it.clause > 0 else st.s0)
        lo = max(clause_lo, st.prev_end)
        self._context_kind(norm, it, lo, st.en, st.s1, clause_lo)
        pv = st.prev_value
        if pv is not None and pv.e == st.prev_end and pv.unit == it.unit \
                and norm[lo:it.s].strip(" 、和及与") == "" and pv.kind in ("growth_rate", "percent"):
            it.kind, it.direction = pv.kind, pv.direction or it.direction  # 分别为20.7%、14.2%
        st.prev_value_before, st.prev_value = pv, it
        br = self._period(st, idx, it, lo)
        if it.kind in ("year", "date"):
            st.prev_end = it.e
            return
        text = self._metric_en(st, it, lo) if st.en else self._metric_zh(st, it, lo)
        if not text and br is not None and (not st.last_metric or st.last_metric[1] == "backref"):
            it.metric = st.quote(*br.span).strip()  # named after the number: 10.67亿人,…,这是…网民规模
            st.last_metric = MetricRef(it.metric, "backref")
            st.prev_end = it.e
            return
        if not text:
            text = self._metric_fallback(st, it)
        if text:
            it.metric = text.strip()
            st.last_metric = _metric_ref((it.metric, None))
        st.prev_end = it.e

    # ---- period --------------------------------------------------------------------------------
    def _period(self, st: _Reading, idx: int, it: Mention, lo: int) -> Backref | None:
        """Date the claim ``it``; returns the back-reference clause after it, if any."""
        allitems = st.items
        base = None
        for other in allitems:
            # only an explicit single date is a base: 较2021年12月 (比上年 stays relative)
            if other.is_time and other.is_base and other.clause == it.clause and other.period \
                    and other.is_claim and other.gran in SINGLE_DATES:
                base = other
                break
        ref = st.current
        if st.en and (ref is None or ref[2] != it.clause) and it.kind != "ordinal":
            for other in allitems[idx + 1:]:
                if other.is_time and not other.is_base and other.period and other.gran != VAGUE \
                        and (ref is None or other.clause == it.clause) \
                        and not _compared_time(st.norm, it.e, other, self.base_time_en):  # compared to 34 % in 2016
                    ref = TimeRef(other.period, other.basis, other.clause)
                    break
        if ref is not None:
            _apply_ref(st, it, ref, base, lo)
        if base is not None and base.e <= it.s and st.norm[base.e:it.s] == "的" and not it.is_time \
                and it.kind in ("amount", "count", "percent"):
            # 比一九五七年的一千二百四十一亿元: the base's own level is of the base's period
            it.period, it.basis, it.base_period = base.period, "explicit", ""
        br = None
        if st.backrefs:
            br = next((b for b in st.backrefs if b.start > it.s), None)
            if br is not None and br.dated is not None and (not it.period or it.period == br.dated.period):
                it.period, it.basis = br.dated.period, br.dated.basis  # 10.67亿人,…,这是截至2022年12月…
        return br

    # ---- metric --------------------------------------------------------------------------------
    def _metric_zh(self, st: _Reading, it: Mention, lo: int) -> str:
        norm = st.norm
        raw = norm[lo:it.s]
        span = None
        if "分别" in raw:
            span = self._respectively(st, it)
        elif st.list_items and st.clause_had_list >= 0 and raw.strip(" 、和及与,") == "" and lo == st.prev_end:
            st.list_pos += 1  # the next number of a 分别 list: the next subject
            if st.list_pos < len(st.list_items):
                span = st.list_items[st.list_pos]
            st.clause_had_list = it.clause
        if span is None:
            # the metric words before the number, or the noun after a count (22名外逃人员)
            a, b = self.attr.zh_metric(norm, lo, it.s)
            # an ordinal word without a classifier (十四五规划, 首届世界互联网大会) numbers what follows
            bare_ordinal = it.kind == "ordinal" and not it.unit_surface
            if (it.kind in ("count", "ordinal") or it.kind == "duration" and norm.startswith("的", it.e)) \
                    and (b <= a or self._counted(it) or bare_ordinal):
                after = self.attr.zh_after(norm, it.e, st.s1)
                if after[1] > after[0] and (self._counted(it) or bare_ordinal or b <= a):
                    a, b = after
            if b <= a:
                return ""
            pv = st.prev_value_before
            if pv is not None and pv.unit == "age" and pv.e == lo and a == lo and pv.s >= st.s0:
                a = pv.s  # 60岁及以上人口, 16-24岁劳动力失业率: the ages name the group measured
            span = (a, b)
        text = st.quote(*span)
        phrase = norm[span[0]:span[1]]
        if st.last_metric and (phrase.startswith("占") or phrase in _SHARE_WORDS or (
                len(phrase) <= 6 and self.rate_noun_zh.search(phrase)
                and self.rate_noun_zh.search(phrase).end() == len(phrase))):
            text = st.last_metric[0] + text  # 占比, 增长率: of the metric before
        return text

    def _respectively(self, st: _Reading, it: Mention) -> tuple[int, int] | None:
        """A list subject read with 分别 (网约车、互联网医疗用户规模…分别增长): its first item."""
        norm, s0, cuts = st.norm, st.s0, st.cuts
        subj_lo = st.clause_start(it.clause)
        k = norm.rfind("分别", subj_lo, it.s)
        a, b = self.attr.zh_metric(norm, max(subj_lo, st.prev_end if st.prev_end <= k else subj_lo), k)
        items_ = split_list(norm, a, b)
        if len(items_) <= 1 and st.list_items:
            items_ = st.list_items
        elif len(items_) <= 1:
            # the subject is in an earlier clause: 网约车、互联网医疗用户规模增长明显,较…分别增长
            c0 = cuts[it.clause - 2] if it.clause >= 2 else s0
            c1 = cuts[it.clause - 1] if it.clause >= 1 else s0
            a2, b2 = self.attr.zh_metric(norm, c0, c1)
            cand = split_list(norm, a2, b2)
            if len(cand) > 1:
                items_ = cand
        if len(items_) <= 1:
            return None
        st.list_items, st.list_pos, st.clause_had_list = items_, 0, it.clause
        return items_[0]

    def _metric_en(self, st: _Reading, it: Mention, lo: int) -> str:
        norm = st.norm
        a, b = self.attr.en_metric(norm, lo, it.s)
        if it.kind in ("ordinal", "fraction"):
            # the 4th World Internet Conference, one in five children: what follows is numbered
            pa, pb = self.attr.en_after(norm, it.e, st.s1)
            if pb > pa:
                a, b = pa, pb
        elif (b <= a or it.kind == "count") and not it.unit:
            pa, pb = self.attr.en_after(norm, it.e, st.s1)
            if pb > pa:
                last = norm[pa:pb].rsplit(" ", 1)[-1]
                u = self.units.lookup(last)
                if u is not None:
                    it.unit, it.unit_surface = u.code, last
                    it.e = pb
                    if u.kind == "duration":
                        it.kind = "duration"
                if b <= a or u is None and self.attr.en_only_where(norm[a:b]):
                    a, b = pa, pb  # China had 1.101 billion internet users: the counted noun
        return st.quote(a, b) if b > a else ""

    def _metric_fallback(self, st: _Reading, it: Mention) -> str:
        """No metric words of its own: the metric before, the unit (31个省份), or (English) the
        subject of the clause before ('Online retail sales remained …, jumping 13.1 percent')."""
        text = st.last_metric[0] if st.last_metric else ""
        if not text and it.unit_surface and len(it.unit_surface) > 1 and it.kind == "count" \
                and it.unit_surface[0] in "个座":
            text = it.unit_surface[1:]
        if not text and st.en and it.clause > 0:
            cuts, s0 = st.cuts, st.s0
            c0 = cuts[it.clause - 2] if it.clause >= 2 else s0
            c1 = cuts[it.clause - 1]
            if not any(c0 <= o.s < c1 for o in st.items if not o.is_time):
                a, b = self.attr.en_metric(st.norm, max(c0, s0), c1 - 1)
                if b > a:
                    text = st.quote(a, b)
        return text

    def _backrefs(self, norm: str, s0: int, s1: int, cuts: list[int], allitems: list[Mention],
                  en: bool) -> list[Backref]:
        """Back-reference clauses of a sentence.

        A clause without a claim of its own that names the metric of the numbers before it
        (``10.67亿人,居世界第一,这是截至2022年12月我国网民规模``); cues in ``metric_backrefs.csv``.
        """
        out: list[Backref] = []
        # one pass files the items: the clauses with a claim, the time mentions of each clause
        claim_clauses: set[int] = set()
        times_of: dict[int, list[Mention]] = {}
        for it in allitems:
            if not it.is_time:
                claim_clauses.add(it.clause)
            elif not it.is_base:
                times_of.setdefault(it.clause, []).append(it)
        if not claim_clauses:
            return out
        backref = self.attr.backref
        for k in range(min(claim_clauses) + 1, len(cuts) + 1):
            if k in claim_clauses:
                continue
            c_lo = cuts[k - 1]
            c_hi = cuts[k] if k < len(cuts) else s1
            if c_lo >= s1:
                break
            times = times_of.get(k, ())
            span = backref(norm, c_lo, min(c_hi, s1), en, [(t.s, max(t.e, t.period_end)) for t in times] if times else ())
            if span is None:
                continue
            dated = next((t for t in times if t.period and t.gran != VAGUE), None)
            out.append(Backref(c_lo, span, dated))
        return out

    # ---- kind in context -----------------------------------------------------------------------
    def _counted(self, it: Mention) -> bool:
        """A count with a classifier (22名外逃人员): the noun after it is what is counted."""
        u = self.units.lookup(it.unit_surface) if it.unit_surface else None
        return u is not None and u.dimension == "count" and it.kind in ("count", "ordinal")

    def _change_word(self, pred: str, en: bool) -> str:
        """The last change word of the words ``pred`` before a number ('' for none)."""
        dm = None
        if en:
            for dm in self.dir_en.finditer(pred):
                pass
            return dm.group().lower() if dm else ""
        for dm in self.dir_zh.finditer(pred):
            pass
        word = dm.group() if dm else ""
        if len(word) == 1 and dm is not None and dm.end() < len(pred.rstrip()) - 2:
            word = ""  # 高/低/增 … count only right before the number (高17.1个百分点)
        return word

    def _context_kind(self, norm: str, it: Mention, lo: int, en: bool, s1: int, clause_lo: int) -> None:
        """Growth rates, directions and multiples from the words before (and just after) a number."""
        pred = norm[lo:it.s]
        memo = self._dir_memo[en]  # the change word is a function of the words alone
        word = memo.get(pred)
        if word is None:
            if len(memo) >= _MEMO_LIMIT:
                memo.clear()
            word = memo[pred] = self._change_word(pred, en)
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
            rate_after = bool(GROWTH_AFTER_ZH.match(after)) if not en else bool(EN_RATE_AFTER.match(after))
            if word or metric_rate or rate_after:
                it.kind = "growth_rate"
        elif it.kind == "multiple" and word and self.cues.direction(word):
            it.kind = "growth_rate"


#: words between a claim and a later year that make the year another value's (16 percent, compared to 34
#: percent in 2016; higher than in 2019; the fastest since 2016)
_COMPARED_EN = re.compile(r"(?i)\b(?:compared (?:to|with)|than|versus|vs\.?|against|since)\b")


def _compared_time(norm: str, end: int, other: Mention, base_time: re.Pattern) -> bool:
    """The later time ``other`` belongs to the other side of a comparison after the claim ending at
    ``end`` (16 percent, compared to 34 percent in 2016; since right before World War I, in 1917) —
    unless that side is itself a time (up 5.8 percent compared with a year earlier in the first nine
    months): then the later time is the claim's own."""
    m = _COMPARED_EN.search(norm, end, other.s)
    return m is not None and base_time.match(norm, m.end()) is None


def _mark_bases(norm: str, s0: int, allitems: list[Mention], en: bool, base_en: tuple[str, ...]) -> None:
    """The base of a comparison: a time mention right after 较/比/与 (or an English base cue of
    cues.csv: 'from', 'than', 'the same period (of)' last year)."""
    for it in allitems:
        if not it.is_time:
            continue
        if it.gran == INTERVAL:
            it.is_base = False  # 比1990年到2000年年均1.07%: a range dates the claims, it is no base
            continue
        if en:
            it.is_base = norm[max(s0, it.s - 20):it.s].rstrip().lower().endswith(base_en)
        else:
            before = norm[max(s0, it.s - 3):it.s]
            it.is_base = bool(before) and before[-1] in "较比与" or before.endswith(("相比", "相较"))


def _window_months(period: str) -> tuple[int, int] | None:
    """The months (first, last) of a window of months within one year (2016-01/2016-10)."""
    if len(period) == 15 and period[4] == "-" and period[7] == "/" and period[:4] == period[8:12]:
        return int(period[5:7]), int(period[13:15])
    return None


def _apply_ref(st: _Reading, it: Mention, ref: TimeRef, base: Mention | None, lo: int) -> None:
    """Date ``it`` by the period in force ``ref``: a change against a base spans base..ref; within a
    range of years, 从/由 takes its start and 至/到 (after 从) its end."""
    it.period = ref[0]
    it.basis = ref[1] if ref[1] != "explicit" else ("explicit" if ref[2] == it.clause else "inherited")
    if base is not None and it.kind in _CHANGE_KINDS or (base is not None and it.direction):
        combined = base_ref(base.period, ref[0])
        it.base_period = base.period
        if combined != ref[0]:
            it.period = combined
    elif "/" in ref[0] and ref[0].count("/") == 1:
        # 从43.2%攀升至53.4% within 2015年至2024年: the start and the end of the interval
        norm = st.norm
        pre = norm[max(lo, it.s - 1):it.s]
        start, _, end = ref[0].partition("/")
        if pre in ("从", "由"):
            it.period = start
        elif pre in ("至", "到") and "从" in norm[lo - 12 if lo >= 12 else 0:it.s] + norm[max(st.s0, it.s - 20):it.s]:
            it.period = end


def split_list(norm: str, a: int, b: int) -> list[tuple[int, int]]:
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
