"""Check ``translation``: find document pairs that translate each other, align their sentences,
then compare the numbers inside aligned sentences.

**Pairs.**  Every claim gives a signature: its value whatever the notation or class (``22个国家``
and ``22 countries`` are both ``v:22``; a range also gives its ends), dates by month and day.  A
signature is shared by a Chinese and an English document only where it stands at a similar place
in both (a translation keeps the order of the original).  A pair shares at least ``MIN_SHARED``
signatures, or fewer that few other documents state (``MIN_RARE_WEIGHT``), covering
``MIN_OVERLAP`` of the smaller document's signatures and ``MIN_OVERLAP_LARGER`` of the larger one's;
the dates agree when both are known; each document keeps its best partner.  The Dask engine counts
the shared signatures on workers with the same :func:`doc_signatures`, :func:`count_shared` and
:func:`select_pairs`, and hands the pairs to this check (``options["translation_pairs"]``).

**Sentences.**  The sentences that hold numbers are aligned in document order: two sentences near
the same place that state the same numbers (in any notation: ``3万`` = ``30,000``, ``二人`` =
``two``, ``1918年9月29日`` = ``29 September 1918``, ``八十年代`` = ``1980s``, ``2009年`` = ``June
2009``) are candidate anchors, and the heaviest chain of anchors that keeps the order on both sides
is kept.  A sentence next to an anchor that shares a number with it joins it (one sentence
translated as two).  Between anchors, a sentence pairs by position with the one that stands as many
sentences after the anchor before (or before the anchor after) on the other side.

**Numbers.**  Inside aligned sentences the same numbers are ``consistent``.  What is left is
compared by comparison group (dates and years; money of one currency; shares; durations of one
unit; physical measures of one unit; other numbers): as many leftovers on both sides are paired in
order and each pair is ``contradicted`` (a number altered in translation); one leftover on each side
in different groups, both of 10 or more and within a factor of ten, are the pair too.  Left alone
(no finding): small whole numbers written in words (``两次``, ``first``), which the two languages
extract unevenly, and a leftover whose value the other sentence spells without it being read as a
claim (``5 a.m.``).  ``needs_review`` names a concrete doubt: unequal numbers of leftovers in one
group, a difference of exactly a power of ten of 1,000 or more next to an unread magnitude letter
(``£125m`` read as 125), or a number read from a compound such as ``6-foot-6``.  A statistical
number (an amount, a share, a count of ten or more, a multiple …) with no counterpart is
``unverifiable`` (stated on one side only).
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from factlib.checks.prepare import CheckContext
from factlib.checks.findings import empty_findings, quote
from factlib.checks.intervals import Verdict, interval_dict
from factlib.checks.registry import register_check
from factlib.claims.numbers import english_number_words, parse_number
from factlib.vocab.calendar import EN_MONTH_NAMES
from factlib.vocab.lexicon import normalize_phrase

__all__ = ["signatures", "doc_signatures", "count_shared", "select_pairs", "find_pairs", "align_sentences", "check_translation"]

#: a pair needs at least this many shared signatures …
MIN_SHARED = 2
#: … covering at least this share of the smaller document's signatures …
MIN_OVERLAP = 0.3
#: … and at least this share of the larger document's
MIN_OVERLAP_LARGER = 0.2
#: … or fewer that weigh this much (numbers few other documents state; see ``count_shared``)
MIN_RARE_WEIGHT = 1.0
#: signatures present in more documents than this are too common to identify a pair (and would
#: make the count quadratic in the number of documents)
MAX_DOC_FREQ = 200
#: a signature is shared by two documents only where it stands at a similar place in both: within
#: this distance of relative position (0..1) …
PAIR_BAND = 0.06
#: … or within this many sentences (a translation may split or join a sentence or two)
PAIR_BAND_SENTENCES = 2
#: sentences are anchor candidates only within this distance of relative position (0..1) …
BAND = 0.12
#: … or within this many sentences, whichever is larger
BAND_SENTENCES = 6
#: a sentence aligned by position must be as far from its anchor on both sides, give or take this
MAX_OFFSET_SKEW = 2

PAIR_COLUMNS = ["zh_doc", "en_doc", "shared", "overlap"]


# --------------------------------------------------------------------------------------------
# pairs

def signatures(c: pd.DataFrame) -> pd.Series:
    """One comparable token per claim for finding pairs: its value whatever the notation or class
    (``22个国家`` and ``22 countries`` give ``v:22``; a range ``1 至 2`` gives ``r:1~2``), dates
    by month and day (a translation often drops the year the original states, or adds it)."""
    value = c["value_num"].abs()
    text = value.map(_vtoken)
    rng = "r:" + c["lo"].abs().map(_g) + "~" + c["hi"].abs().map(_g)
    sig = text.where(text != "", rng)
    is_date = c["kind"] == "date"
    if is_date.any():
        sig.loc[is_date] = ["date:" + _month_day(s, p) for s, p in zip(c.loc[is_date, "surface"], c.loc[is_date, "period"])]
    return sig


def _g(v: float) -> str:
    return format(float(v), ".9g")


def _vtoken(v: float) -> str:
    return "v:" + _g(v) if np.isfinite(v) else ""


def _pair_tokens(c: pd.DataFrame) -> pd.DataFrame:
    """``doc_id, lang, sig`` rows for finding pairs: :func:`signatures`, with a range also giving
    its two ends (``18至29岁`` meets ``18`` and ``29``; ``八十年代`` meets ``1980s``)."""
    sig = c["sig"] if "sig" in c.columns else signatures(c)
    base = pd.DataFrame({"doc_id": c["doc_id"].astype(object), "lang": _lang_group(c["lang"]), "sig": sig})
    if "sid" in c.columns:
        base["sid"] = c["sid"].to_numpy()
    ranged = sig.str.startswith("r:")
    if not ranged.any():
        return base
    lo = c.loc[ranged, "lo"].abs().map(_vtoken)
    hi = c.loc[ranged, "hi"].abs().map(_vtoken)
    ends = [base[~ranged], base[ranged].assign(sig=lo)]
    years = c.loc[ranged, "kind"] == "year"  # a decade: its first year only
    ends.append(base[ranged][~years.to_numpy()].assign(sig=hi[~years]))
    out = pd.concat(ends)
    return out[out["sig"] != ""]


_MONTHS = list(EN_MONTH_NAMES)
_MONTH_RE = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CN = r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
_MD_ZH = re.compile(rf"({_CN})月({_CN})[日号號]")
_YMD_ZH = re.compile(rf"(\d{{4}})年({_CN})月({_CN})[日号號]")
_YM_ZH = re.compile(r"(\d{4})年(\d{1,2})月")
_MD_EN = re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b")
_DM_EN = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE)
_YEAR_EN = re.compile(r"\b(\d{4})\b")
_YM_EN = re.compile(_MONTH_RE + r",?\s+(\d{4})\b")


def _int(text: str) -> int:
    """``9`` or ``九`` or ``三十一`` as an int (0 when it is not a number)."""
    if text.isdigit():
        return int(text)
    parsed = parse_number(text)
    return int(parsed.value) if parsed is not None else 0


def _month_no(name: str) -> int:
    return [m[:3] for m in _MONTHS].index(name[:3]) + 1


def _month_day(surface: str, period: str) -> str:
    """``MM-DD`` of a date claim, else its ISO period, else its surface."""
    md = _date_parts(surface, period)[1]
    return md or period or surface


def _date_parts(surface: str, period: str) -> tuple[dt.date | None, str, str]:
    """(full date, ``MM-DD``, ``YYYY-MM``) a date claim states; parts it does not state are empty."""
    full: dt.date | None = None
    md = ym = ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period or ""):
        try:
            full = dt.date.fromisoformat(period)
        except ValueError:
            full = None
    text = normalize_phrase(surface).replace(" ", "")
    low = normalize_phrase(surface)
    year = month = day = None
    m = _YMD_ZH.search(text)
    if m:
        year, month, day = int(m.group(1)), _int(m.group(2)), _int(m.group(3))
    else:
        m = _MD_ZH.search(text)
        if m:
            month, day = _int(m.group(1)), _int(m.group(2))
        else:
            m = _MD_EN.search(low)
            if m:
                month, day = _month_no(m.group(1)), int(m.group(2))
            else:
                m = _DM_EN.search(low)
                if m:
                    month, day = _month_no(m.group(2)), int(m.group(1))
            if month:
                y = _YEAR_EN.search(low)
                year = int(y.group(1)) if y else None
    if month and day and 1 <= month <= 12 and 1 <= day <= 31:
        md = f"{month:02d}-{day:02d}"
        if year and full is None:
            try:
                full = dt.date(year, month, day)
            except ValueError:
                full = None
    if full is not None:
        md = full.strftime("%m-%d")
        ym = full.strftime("%Y-%m")
    elif re.fullmatch(r"\d{4}-\d{2}", period or ""):
        ym = period
    else:
        m = _YM_ZH.search(text) or None
        if m:
            ym = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
        else:
            m = _YM_EN.search(low)
            if m:
                ym = f"{int(m.group(2)):04d}-{_month_no(m.group(1)):02d}"
    return full, md, ym


def _lang_group(lang: pd.Series) -> pd.Series:
    low = lang.fillna("").str.lower()
    return np.where(low.str.startswith("zh"), "zh", np.where(low.str.startswith("en"), "en", ""))


_SIG_COLUMNS = {"doc_id": object, "lang": object, "sig": object, "sid": "int64", "pos": "float64",
                "size": "int64", "date": object}


def sentence_numbers(c: pd.DataFrame) -> np.ndarray:
    """Each claim's sentence number; where a document has none (``-1``), its claim order."""
    sid = c["sentence_id"].to_numpy(dtype="int64")
    missing = pd.Series(sid < 0, index=c.index).groupby(c["doc_id"]).transform("all").to_numpy()
    if missing.any():
        order = c["start"].groupby(c["doc_id"]).rank(method="dense").to_numpy(dtype="int64") - 1
        sid = np.where(missing, order, sid)
    return sid


def doc_signatures(c: pd.DataFrame) -> pd.DataFrame:
    """Per document (whole documents only): its signatures in its main language (the language
    most of its claims are in; ties go to ``en``) with where they stand (``sid`` the sentence,
    ``pos`` the relative position 0..1), the number of distinct signatures (``size``) and the
    document's date (``YYYY-MM-DD`` or ``''``).  ``c`` is a prepared claims frame."""
    c = c.assign(sid=sentence_numbers(c))
    t = _pair_tokens(c)
    t = t[t["lang"] != ""]
    if t.empty:
        return pd.DataFrame({k: pd.Series(dtype=v) for k, v in _SIG_COLUMNS.items()})
    counts = t.groupby(["doc_id", "lang"]).size().rename("n").reset_index()
    counts = counts.sort_values(["doc_id", "n", "lang"], ascending=[True, False, True]).drop_duplicates("doc_id")
    doc_lang = counts.set_index("doc_id")["lang"]
    t = t[t["lang"] == t["doc_id"].map(doc_lang)].drop_duplicates(["doc_id", "sig", "sid"])
    t["size"] = t["doc_id"].map(t.groupby("doc_id")["sig"].nunique()).astype("int64")
    last = c.groupby("doc_id")["sid"].max() + 1
    t["pos"] = t["sid"] / t["doc_id"].map(last)
    dates = pd.to_datetime(c.groupby("doc_id")["doc_date"].first(), errors="coerce")
    dates = dates.dt.strftime("%Y-%m-%d").fillna("")
    t["date"] = t["doc_id"].map(dates).fillna("").astype(object)
    return t.reset_index(drop=True)[list(_SIG_COLUMNS)].astype(_SIG_COLUMNS)


def count_shared(sigs, **merge_options):
    """Shared signatures per (zh document, en document) from :func:`doc_signatures` rows with a
    ``freq`` column (the number of documents holding the signature).  Works on pandas and on Dask
    frames alike (the Dask engine passes its shuffle method), so both engines count the same way.

    A signature is shared only where it stands at a similar place in both documents (relative
    positions within ``PAIR_BAND`` or sentence numbers within ``PAIR_BAND_SENTENCES``): a
    translation keeps the order of the original.  ``shared`` counts the shared signatures;
    ``weight`` sums ``1 / (freq - 1)``: a number that only the two documents state weighs 1, one that a third
    document states too weighs ½.
    """
    sigs = sigs[sigs["freq"] <= MAX_DOC_FREQ]
    sigs = sigs.assign(weight=1.0 / (sigs["freq"] - 1).clip(lower=1))
    zh = sigs[sigs["lang"] == "zh"][["doc_id", "sig", "sid", "pos", "size", "date", "weight"]]
    en = sigs[sigs["lang"] == "en"][["doc_id", "sig", "sid", "pos", "size", "date"]]
    m = zh.merge(en, on="sig", suffixes=("_zh", "_en"), **merge_options)
    near = (((m["pos_zh"] - m["pos_en"]).abs() <= PAIR_BAND)
            | ((m["sid_zh"] - m["sid_en"]).abs() <= PAIR_BAND_SENTENCES))
    keys = ["doc_id_zh", "doc_id_en", "size_zh", "size_en", "date_zh", "date_en"]
    m = m[near][keys + ["sig", "weight"]].drop_duplicates(subset=keys + ["sig"])
    return m.groupby(keys, dropna=False).agg(shared=("sig", "count"), weight=("weight", "sum"))


def select_pairs(counted: pd.DataFrame) -> pd.DataFrame:
    """Translation pairs from shared-signature counts (:func:`count_shared`, computed).

    A pair shares at least ``MIN_SHARED`` signatures, or fewer of weight at least
    ``MIN_RARE_WEIGHT`` (numbers few other documents state: short articles); they cover at least
    ``MIN_OVERLAP`` of the smaller document's signatures and ``MIN_OVERLAP_LARGER`` of the larger
    one's; the dates agree when both are known; each document keeps its best partner (by shared
    count plus weight, then overlap).  Used by
    :func:`find_pairs` and by the Dask engine, so both pick the same pairs.
    """
    if "doc_id_zh" not in counted.columns:
        counted = counted.reset_index()
    if counted.empty:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    pairs = counted.copy()
    smaller = np.minimum(pairs["size_zh"].to_numpy(), pairs["size_en"].to_numpy())
    larger = np.maximum(pairs["size_zh"].to_numpy(), pairs["size_en"].to_numpy())
    pairs["overlap"] = pairs["shared"] / smaller
    enough = (pairs["shared"] >= MIN_SHARED) | (pairs["weight"] >= MIN_RARE_WEIGHT)
    keep = enough & (pairs["overlap"] >= MIN_OVERLAP) & (pairs["shared"] / larger >= MIN_OVERLAP_LARGER)
    pairs = pairs[keep]
    # same day when both dates are known
    dz, de = pairs["date_zh"].fillna(""), pairs["date_en"].fillna("")
    pairs = pairs[(dz == "") | (de == "") | (dz == de)]
    # mutual best partners
    pairs["score"] = pairs["shared"] + pairs["weight"]
    pairs = pairs.sort_values(["score", "overlap", "doc_id_zh", "doc_id_en"], ascending=[False, False, True, True])
    pairs = pairs.drop_duplicates("doc_id_zh").drop_duplicates("doc_id_en")
    pairs = pairs.rename(columns={"doc_id_zh": "zh_doc", "doc_id_en": "en_doc"})
    return pairs[PAIR_COLUMNS].reset_index(drop=True)


def find_pairs(c: pd.DataFrame) -> pd.DataFrame:
    """Translation pairs of a prepared claims frame: columns ``zh_doc``, ``en_doc``, ``shared``,
    ``overlap``."""
    t = doc_signatures(c)
    t["freq"] = t.groupby("sig")["doc_id"].transform("nunique")
    if not ((t["lang"] == "zh").any() and (t["lang"] == "en").any()):
        return pd.DataFrame(columns=PAIR_COLUMNS)
    return select_pairs(count_shared(t))


# --------------------------------------------------------------------------------------------
# numbers and sentences

#: comparison groups: leftovers are compared only within one group
_TIME_KINDS = {"year", "date"}
_SHARE_KINDS = {"percent", "pp_change", "growth_rate"}
#: kinds whose number is a statistic when it has no counterpart (counts only from ``MIN_STAT_COUNT``)
_STAT_KINDS = {"amount", "percent", "pp_change", "growth_rate", "multiple", "fraction", "ratio"}
MIN_STAT_COUNT = 10
#: small whole numbers written in words are extracted unevenly on the two sides (see ``_Num.loose``)
MAX_LOOSE = 12
_DIGIT = re.compile(r"[0-9０-９]")
_DECADE = re.compile(r"(\d{3})0/(\d{3})9")


@dataclass
class _Num:
    row: int
    sid: int
    start: int
    end: int
    value: float
    kind: str
    group: str
    full: dt.date | None
    md: str
    ym: str
    decade: int
    statistical: bool
    glued: bool
    surface: str
    #: a small whole number written in words (两次, first): matched when equal, never compared when not
    loose: bool = False
    #: the compound the number is part of (``6-foot-6``), when it was read only in part
    compound: str = ""

    @property
    def key(self) -> str:
        if self.kind == "date":
            return "md:" + self.md if self.md else "ym:" + self.ym if self.ym else ""
        if self.decade:
            return f"v:{self.decade}"
        return f"v:{self.value:.9g}" if math.isfinite(self.value) else ""

    @property
    def weight(self) -> float:
        if self.kind == "date" and self.md:
            return 1.5
        v = abs(self.value) if math.isfinite(self.value) else 0.0
        if self.decade or (v >= 13 and not float(v).is_integer()) or v >= 13:
            return 1.0
        return 0.4  # small integers: too common to anchor on alone


def same_number(x: _Num, y: _Num) -> bool:
    """The same number in any notation (values equal; dates by the parts both state)."""
    if x.kind == "date" or y.kind == "date":
        if x.kind != y.kind:  # 2009年 and June 2009: the translation added or dropped the month
            date, other = (x, y) if x.kind == "date" else (y, x)
            year = date.full.year if date.full else int(date.ym[:4]) if date.ym else 0
            return other.kind == "year" and bool(year) and other.value == year
        if x.full and y.full:
            return x.full == y.full
        if x.md and y.md:
            return x.md == y.md
        return bool(x.ym) and x.ym == y.ym
    if x.decade or y.decade:
        other = y if x.decade else x
        return (x.decade or y.decade) == (other.decade or other.value)
    return math.isfinite(x.value) and math.isfinite(y.value) and math.isclose(x.value, y.value, rel_tol=1e-9)


def _group(kind: str, mclass: str, unit: str, value: float = math.nan, surface: str = "") -> str:
    if kind in _TIME_KINDS or (kind == "count" and not unit and 1800 <= value <= 2100 and float(value).is_integer()
                               and surface.strip().isdigit()):
        return "time"  # a bare 1870 read as a count is a year
    if kind in _SHARE_KINDS or mclass in {"percent", "pp", "growth", "permille"}:
        return "share"
    if mclass.startswith("money:"):
        return mclass
    if kind == "duration":
        return "duration:" + unit
    if ":" in mclass:
        return mclass  # a physical measure in one unit
    return "n"  # counts, ordinals, ages …: the two languages often class the same number apart


def _numbers(c: pd.DataFrame) -> list[_Num]:
    """The claims of one document as ``_Num`` in text order (sentence ids made up from the order
    of claims when the frame has none).  A range (``1 至 2``, ``70-90%``) gives one ``_Num`` per
    end, so ``18至29岁`` meets ``18`` and ``29`` stated apart."""
    c = c.sort_values(["start", "end"], kind="stable")
    sid = c["sentence_id"].to_numpy()
    if len(c) and (sid < 0).all():
        sid = np.arange(len(c))
    value = np.abs(c["value_num"].to_numpy(dtype=float, na_value=np.nan))
    low = pd.to_numeric(c["low"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    high = pd.to_numeric(c["high"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    out = []
    for row, s, st, en, v, lo, hi, kind, mclass, unit, period, surface, sentence, mk in zip(
        c.index, sid, c["start"], c["end"], value, low, high, c["kind"], c["mclass"], c["unit"], c["period"],
        c["surface"], c["sentence"], c["metric_key"],
    ):
        full, md, ym = _date_parts(surface, period) if kind == "date" else (None, "", "")
        decade = 0
        dec = _DECADE.fullmatch(period or "")
        if kind == "year" and dec and dec.group(1) == dec.group(2):
            decade = int(dec.group(1) + "0")
        elif kind == "year" and re.search(r"\d0\s*'?s\b", surface):
            decade = int(v) if math.isfinite(v) else 0
        ends = [v]
        if not math.isfinite(v) and kind not in _TIME_KINDS and math.isfinite(lo) and math.isfinite(hi):
            ends = [abs(lo), abs(hi)] if lo != hi else [abs(lo)]
        group = _group(kind, mclass, unit, v, surface)
        glued = bool(surface) and bool(re.search(re.escape(surface) + r"(?=[A-Za-z万萬亿億])", sentence or ""))
        compound = _compound(surface, sentence or "")
        for x in ends:
            statistical = kind in _STAT_KINDS or (":" in mclass and kind not in {"duration", "year", "date"}) or (
                kind == "count" and math.isfinite(x) and (x >= MIN_STAT_COUNT or bool(mk)))
            loose = (math.isfinite(x) and x <= MAX_LOOSE and float(x).is_integer()
                     and not _DIGIT.search(surface) and kind not in _TIME_KINDS)
            out.append(_Num(int(row), int(s), int(st), int(en), float(x), kind, group, full, md, ym, decade,
                            bool(statistical), glued, surface, loose, compound))
    return out


@dataclass
class _Sentence:
    sid: int
    nums: list[_Num]
    text: str = ""


@dataclass
class Block:
    """Aligned sentences: ``a`` and ``b`` are lists of sentence indices; ``how`` is ``anchor``
    (they share numbers) or ``position`` (aligned by their place between anchors)."""

    a: list[int]
    b: list[int]
    how: str
    shared: list[tuple[int, int]] = field(default_factory=list)


def _sentences(nums: list[_Num], texts: dict[int, str]) -> list[_Sentence]:
    by: dict[int, list[_Num]] = {}
    for n in nums:
        by.setdefault(n.sid, []).append(n)
    return [_Sentence(s, by[s], texts.get(s, "")) for s in sorted(by)]


def _match(xs: list[_Num], ys: list[_Num]) -> list[tuple[int, int]]:
    """One-to-one matching of equal numbers in text order, numbers of the same kind first, then
    of the same comparison group (``1`` in ``4-1`` meets ``1``, not ``first``): index pairs."""
    used_x: set[int] = set()
    used_y: set[int] = set()
    out = []
    for tier in (0, 1, 2):
        for i, x in enumerate(xs):
            if i in used_x:
                continue
            for j, y in enumerate(ys):
                if j in used_y or (tier == 0 and x.kind != y.kind) or (tier == 1 and x.group != y.group):
                    continue
                if same_number(x, y):
                    used_x.add(i)
                    used_y.add(j)
                    out.append((i, j))
                    break
    return sorted(out)


def _relpos(sents: list[_Sentence]) -> list[float]:
    last = max((s.sid for s in sents), default=0) + 1
    return [s.sid / last for s in sents]


def align_sentences(sa: list[_Sentence], sb: list[_Sentence]) -> list[Block]:
    """Aligned groups of the number-bearing sentences of two documents (see the module docstring)."""
    if not sa or not sb:
        return []
    ra, rb = _relpos(sa), _relpos(sb)
    band = max(BAND, BAND_SENTENCES / max(len(sa), len(sb), 1))
    index: dict[str, list[int]] = {}
    for j, s in enumerate(sb):
        for n in s.nums:
            if n.key:
                index.setdefault(n.key, []).append(j)
    # candidate anchors: sentence pairs near in position that share a number
    cand: dict[tuple[int, int], float] = {}
    for i, s in enumerate(sa):
        seen: set[int] = set()
        for n in s.nums:
            for j in index.get(n.key, ()) if n.key else ():
                if j in seen or abs(ra[i] - rb[j]) > band:
                    continue
                seen.add(j)
                pairs = _match(s.nums, sb[j].nums)
                w = sum(max(s.nums[x].weight, sb[j].nums[y].weight) for x, y in pairs)
                if w > 0:
                    cand[(i, j)] = w - 0.1 * abs(ra[i] - rb[j]) / band  # near pairs win ties
    chain = _heaviest_chain(cand)
    blocks = [Block([i], [j], "anchor") for i, j in chain]
    _attach_neighbours(blocks, sa, sb)
    return _fill_gaps(blocks, sa, sb)


def _heaviest_chain(cand: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The pairs (i, j) of greatest total weight with i and j strictly increasing."""
    if not cand:
        return []
    items = sorted(cand.items())
    js = sorted({j for (_, j), _ in items})
    pos = {j: k + 1 for k, j in enumerate(js)}
    size = len(js)
    tree_v = [0.0] * (size + 1)
    tree_i = [-1] * (size + 1)

    def query(k: int) -> tuple[float, int]:
        best, arg = 0.0, -1
        while k > 0:
            if tree_v[k] > best:
                best, arg = tree_v[k], tree_i[k]
            k -= k & -k
        return best, arg

    def update(k: int, v: float, idx: int) -> None:
        while k <= size:
            if v > tree_v[k]:
                tree_v[k], tree_i[k] = v, idx
            k += k & -k

    score = [0.0] * len(items)
    parent = [-1] * len(items)
    start = 0
    while start < len(items):
        stop = start
        while stop < len(items) and items[stop][0][0] == items[start][0][0]:
            stop += 1
        for k in range(start, stop):  # one source sentence: query before any of its pairs is added
            (_, j), w = items[k]
            best, arg = query(pos[j] - 1)
            score[k], parent[k] = best + w, arg
        for k in range(start, stop):
            update(pos[items[k][0][1]], score[k], k)
        start = stop
    k = int(np.argmax(score))
    out = []
    while k >= 0:
        out.append(items[k][0])
        k = parent[k]
    return out[::-1]


def _attach_neighbours(blocks: list[Block], sa: list[_Sentence], sb: list[_Sentence]) -> None:
    """A sentence next to an anchor that shares a number with it joins the anchor's block (one
    sentence translated as two)."""
    taken_a = {i for b in blocks for i in b.a}
    taken_b = {j for b in blocks for j in b.b}
    for blk in blocks:
        i, j = blk.a[0], blk.b[0]
        left_a = [n for k in blk.a for n in sa[k].nums]
        left_b = [n for k in blk.b for n in sb[k].nums]
        for step in (-1, 1):
            jj = j + step
            if 0 <= jj < len(sb) and jj not in taken_b and _extra_matches(left_a, left_b, sb[jj].nums):
                blk.b.append(jj)
                taken_b.add(jj)
                left_b = left_b + sb[jj].nums
            ii = i + step
            if 0 <= ii < len(sa) and ii not in taken_a and _extra_matches(left_b, left_a, sa[ii].nums):
                blk.a.append(ii)
                taken_a.add(ii)
                left_a = left_a + sa[ii].nums
        blk.a.sort()
        blk.b.sort()


def _extra_matches(xs: list[_Num], ys: list[_Num], extra: list[_Num]) -> bool:
    """Does ``extra`` match informative numbers of xs that ys leaves unmatched?"""
    matched = {x for x, _ in _match(xs, ys)}
    rest = [x for k, x in enumerate(xs) if k not in matched]
    return any(rest[x].weight >= 1.0 for x, _ in _match(rest, extra))


def _fill_gaps(blocks: list[Block], sa: list[_Sentence], sb: list[_Sentence]) -> list[Block]:
    """Sentences left between two blocks are aligned by position: a sentence pairs with the one
    on the other side that stands as many sentences after the block before, or before the block
    after (give or take ``MAX_OFFSET_SKEW``), keeping the order."""
    out: list[Block] = []
    taken_a = sorted(i for b in blocks for i in b.a)
    taken_b = sorted(j for b in blocks for j in b.b)
    bounds = [(-1, -1, None)] + [(max(b.a), max(b.b), b) for b in blocks] + [(len(sa), len(sb), None)]
    for (a0, b0, blk), (a1, b1, nxt) in zip(bounds, bounds[1:]):
        if blk is not None:
            out.append(blk)
        if blk is None and nxt is None:
            continue
        hi_a = min(nxt.a) if nxt is not None else a1
        hi_b = min(nxt.b) if nxt is not None else b1
        ga = [i for i in range(a0 + 1, hi_a) if not _in(taken_a, i)]
        gb = [j for j in range(b0 + 1, hi_b) if not _in(taken_b, j)]
        if not ga or not gb:
            continue

        def offsets(sents, k, block, nxt_block):
            before = sents[k].sid - max(sents[x].sid for x in block) if block is not None else None
            after = min(sents[x].sid for x in nxt_block) - sents[k].sid if nxt_block is not None else None
            return before, after

        off_a = {i: offsets(sa, i, blk.a if blk else None, nxt.a if nxt else None) for i in ga}
        off_b = {j: offsets(sb, j, blk.b if blk else None, nxt.b if nxt else None) for j in gb}
        last = -1
        for i in ga:
            best, best_d = None, MAX_OFFSET_SKEW + 1
            for j in gb:
                if j <= last:
                    continue
                d = min((abs(x - y) for x, y in zip(off_a[i], off_b[j]) if x is not None and y is not None),
                        default=MAX_OFFSET_SKEW + 1)
                if d < best_d:
                    best, best_d = j, d
            if best is not None:
                out.append(Block([i], [best], "position"))
                last = best
    return out


def _in(sorted_list: list[int], x: int) -> bool:
    k = bisect.bisect_left(sorted_list, x)
    return k < len(sorted_list) and sorted_list[k] == x


# --------------------------------------------------------------------------------------------
# the check

@register_check("translation", layout="pairs")
def check_translation(ctx: CheckContext) -> pd.DataFrame:
    """Numbers of a document and its translation, compared sentence by sentence."""
    c = ctx.claims
    if c.empty:
        return empty_findings()
    given = ctx.options.get("translation_pairs")
    if given is not None:
        docs = set(c["doc_id"])
        pairs = [(z, e) for z, e in given if z in docs and e in docs]
    else:
        c = c.copy()
        c["sig"] = signatures(c)
        found = find_pairs(c)
        pairs = list(zip(found["zh_doc"], found["en_doc"]))
    if not pairs:
        return empty_findings()
    index = c.groupby("doc_id").indices
    records: list[dict] = []
    for zh_doc, en_doc in pairs:
        records.extend(compare_pair(c.iloc[index[zh_doc]], c.iloc[index[en_doc]]))
    if not records:
        return empty_findings()
    return pd.DataFrame.from_records(records)


def compare_pair(a: pd.DataFrame, b: pd.DataFrame) -> list[dict]:
    """Findings for one document pair (``a`` the Chinese claims, ``b`` the English ones)."""
    na, nb = _numbers(a), _numbers(b)
    sa = _sentences(na, dict(zip(a["sentence_id"], a["sentence"])))
    sb = _sentences(nb, dict(zip(b["sentence_id"], b["sentence"])))
    blocks = align_sentences(sa, sb)
    if sum(blk.how == "anchor" for blk in blocks) < 2:
        return []  # not aligned: not (enough of) a translation to compare sentence by sentence
    rows = {"a": a, "b": b}
    doc_a, doc_b = str(a["doc_id"].iloc[0]), str(b["doc_id"].iloc[0])
    out: list[dict] = []
    # sentences with no counterpart: their statistical numbers are stated on one side only
    in_a = {i for blk in blocks for i in blk.a}
    in_b = {j for blk in blocks for j in blk.b}
    for side, sents, taken, frame, other in (("zh", sa, in_a, a, doc_b), ("en", sb, in_b, b, doc_a)):
        for k, sent in enumerate(sents):
            if k not in taken:
                out.extend(_single(frame, n, other, side, None) for n in sent.nums if n.statistical and not n.loose)
    for blk in blocks:
        xs = [n for i in blk.a for n in sa[i].nums]
        ys = [n for j in blk.b for n in sb[j].nums]
        matched = _match(xs, ys)
        for x, y in matched:
            out.append(_pair(rows, xs[x], ys[y], Verdict.CONSISTENT, blk))
        mx, my = {x for x, _ in matched}, {y for _, y in matched}
        rest_x = [n for k, n in enumerate(xs) if k not in mx and not n.loose]
        rest_y = [n for k, n in enumerate(ys) if k not in my and not n.loose]
        # a leftover whose value the other side's sentence states more often than it was read
        # there (``5 a.m.`` or ``一級`` not read as claims) was not altered: it is left alone
        text_a = " ".join(sa[i].text for i in blk.a)
        text_b = " ".join(sb[j].text for j in blk.b)
        rest_x = [n for n in rest_x if not _unread(n.value, text_b, ys)]
        rest_y = [n for n in rest_y if not _unread(n.value, text_a, xs)]
        lone_x, lone_y = [], []
        for group in dict.fromkeys([n.group for n in rest_x + rest_y]):
            gx = [n for n in rest_x if n.group == group]
            gy = [n for n in rest_y if n.group == group]
            if gx and gy and len(gx) == len(gy):
                out.extend(_differ(rows, x, y, blk) for x, y in zip(gx, gy))
            elif gx and gy:
                out.append(_uneven(rows, gx, gy, blk))
            else:
                lone_x += gx
                lone_y += gy
        if len(lone_x) == 1 and len(lone_y) == 1 and _near(lone_x[0], lone_y[0]):
            # one number left on each side, read as different kinds (``98分钟`` / ``89th``, ``2416年``
            # / ``2016``): they are the pair
            out.append(_differ(rows, lone_x[0], lone_y[0], blk))
            continue
        out.extend(_single(rows["a"], n, doc_b, "zh", blk) for n in lone_x if n.statistical)
        out.extend(_single(rows["b"], n, doc_a, "en", blk) for n in lone_y if n.statistical)
    return out


def _differ(rows: dict, x: _Num, y: _Num, blk: Block) -> dict:
    doubt = _notation_doubt(x, y)
    return _pair(rows, x, y, Verdict.NEEDS_REVIEW if doubt else Verdict.CONTRADICTED, blk, doubt)


def _near(x: _Num, y: _Num) -> bool:
    """Within a factor of ten of each other (numbers of 10 or more, not dates, on both sides)."""
    if x.kind == "date" or y.kind == "date" or not (x.value >= 10 and y.value >= 10):
        return False
    return max(x.value, y.value) / min(x.value, y.value) <= 10 + 1e-9


def _unread(value: float, text: str, claims: list[_Num]) -> bool:
    """Does ``text`` state ``value`` more often than ``claims`` (the numbers read from it) hold it?"""
    stated = stated_values(text).get(value, 0)
    return stated > sum(1 for n in claims if n.value == value)


_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")
_CN_RE = re.compile(r"[零〇一二两兩三四五六七八九十百千万萬亿億]+")
_WORD_RE = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=4096)
def stated_values(text: str) -> Counter:
    """How often a sentence spells each number (digits, Chinese numerals, English number words),
    whether or not it was read as a claim."""
    out: Counter = Counter()
    for m in _DIGITS_RE.finditer(text):
        token = m.group(0)
        token = token.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", token) else token.split(",")[0]
        try:
            out[abs(float(token))] += 1
        except ValueError:
            continue
    words = _english_words()
    for m in _CN_RE.finditer(text):
        parsed = parse_number(m.group(0))
        if parsed is not None:
            out[abs(float(parsed.value))] += 1
    for m in _WORD_RE.finditer(text):
        w = m.group(0).lower()
        if w in words:
            parsed = parse_number(w)
            if parsed is not None:
                out[abs(float(parsed.value))] += 1
    return out


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    return frozenset(english_number_words())


_COMPOUND = re.compile(r"\d+(?:\.\d+)?-[A-Za-z]+-\d+(?:\.\d+)?")


def _compound(surface: str, sentence: str) -> str:
    """The number-word-number compound (``6-foot-6``, ``5-foot-11``) holding ``surface``, if any."""
    if not surface or not _DIGIT.search(surface):
        return ""
    for m in _COMPOUND.finditer(sentence):
        if surface.strip() in m.group(0):
            return m.group(0)
    return ""


def _notation_doubt(x: _Num, y: _Num) -> str:
    """A concrete reason to doubt that two differing numbers are really different, or ``''``."""
    for n in (x, y):
        if n.compound:
            return f"notation: “{n.surface}” is read from “{n.compound}”, a compound of two numbers"
    if x.value and y.value and math.isfinite(x.value) and math.isfinite(y.value):
        ratio = math.log10(abs(x.value / y.value))
        if abs(ratio) >= 3 - 1e-9 and abs(ratio - round(ratio)) < 1e-9 and (x.glued or y.glued):
            return (f"magnitude uncertain: the numbers differ by exactly 10^{abs(round(ratio))} and a letter or"
                    f" magnitude word follows a number (“{x.surface}” / “{y.surface}”)")
    return ""


def _interval(frame: pd.DataFrame, n: _Num) -> dict:
    r = frame.loc[n.row]
    return interval_dict([r["value_num"]], [r["lo"]], [r["hi"]])[0]


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


_HOW = {"anchor": ("按共同数字对齐的句子", "sentences aligned by the numbers they share"),
        "position": ("按位置对齐的句子（位于两组已对齐句子之间）", "sentences aligned by position between aligned sentences")}


def _pair(rows: dict, x: _Num, y: _Num, verdict: str, blk: Block, doubt: str = "") -> dict:
    a, b = rows["a"], rows["b"]
    ra, rb = a.loc[x.row], b.loc[y.row]
    how_zh, how_en = _HOW[blk.how]
    if verdict == Verdict.CONSISTENT:
        zh, en = "译文一致", "match"
        tail_zh = tail_en = ""
    elif verdict == Verdict.CONTRADICTED:
        zh, en = "不同：译文中的数字被改动", "differ: a number was altered in translation"
        tail_zh = f"（{how_zh}：{quote(_clip(ra['sentence']))} / {quote(_clip(rb['sentence']))}）"
        tail_en = f" ({how_en})"
    else:
        zh, en = f"不同，需人工核对：{doubt}", f"differ; review — {doubt}"
        tail_zh = f"（{how_zh}）"
        tail_en = f" ({how_en})"
    with np.errstate(divide="ignore", invalid="ignore"):
        rd = (rb["value_num"] - ra["value_num"]) / abs(ra["value_num"]) if ra["value_num"] else np.nan
    return {
        "verdict": verdict,
        "claim_ids": [ra["claim_id"], rb["claim_id"]],
        "doc_ids": [ra["doc_id"], rb["doc_id"]],
        "metric_key": ra["metric_key"] or rb["metric_key"],
        "period": ra["period"] or rb["period"],
        "observed": _interval(b, y),
        "expected": _interval(a, x),
        "rel_diff": rd if np.isfinite(rd) else np.nan,
        "tolerance": 0.0,
        "explanation": (
            f"文档 {ra['doc_id']} 的{quote(ra['surface'])}与其译文 {rb['doc_id']} 的{quote(rb['surface'])}{zh}{tail_zh}。"
            f" Document {ra['doc_id']} {quote(ra['surface'])} and its translation {rb['doc_id']}"
            f" {quote(rb['surface'])} {en}{tail_en}."
        ),
        "evidence": [{"doc_id": r["doc_id"], "start": int(r["start"]), "end": int(r["end"])} for r in (ra, rb)],
        "id_extra": "pair",
    }


def _uneven(rows: dict, gx: list[_Num], gy: list[_Num], blk: Block) -> dict:
    a, b = rows["a"], rows["b"]
    sx = "、".join(quote(n.surface) for n in gx)
    sy = "、".join(quote(n.surface) for n in gy)
    sx_en = ", ".join(quote(n.surface) for n in gx)
    sy_en = ", ".join(quote(n.surface) for n in gy)
    doc_a, doc_b = a.at[gx[0].row, "doc_id"], b.at[gy[0].row, "doc_id"]
    how_zh, how_en = _HOW[blk.how]
    return {
        "verdict": Verdict.NEEDS_REVIEW,
        "claim_ids": [a.at[n.row, "claim_id"] for n in gx] + [b.at[n.row, "claim_id"] for n in gy],
        "doc_ids": [doc_a, doc_b],
        "metric_key": a.at[gx[0].row, "metric_key"] or b.at[gy[0].row, "metric_key"],
        "period": a.at[gx[0].row, "period"] or b.at[gy[0].row, "period"],
        "observed": _interval(b, gy[0]),
        "expected": _interval(a, gx[0]),
        "rel_diff": np.nan,
        "tolerance": np.nan,
        "explanation": (
            f"{how_zh}中数字不同，需人工核对哪一个对应哪一个：文档 {doc_a} 为 {sx}，译文 {doc_b} 为 {sy}。"
            f" In {how_en}, the numbers differ and do not pair one to one (review which corresponds):"
            f" document {doc_a} states {sx_en}, its translation {doc_b} states {sy_en}."
        ),
        "evidence": [{"doc_id": f.at[n.row, "doc_id"], "start": n.start, "end": n.end}
                     for f, ns in ((a, gx), (b, gy)) for n in ns],
        "id_extra": "uneven",
    }


def _single(frame: pd.DataFrame, n: _Num, other_doc: str, side: str, blk: Block | None) -> dict:
    r = frame.loc[n.row]
    where_zh = "对应句子" if blk is not None else "相应位置"
    where_en = "the aligned sentence" if blk is not None else "any sentence aligned with this one"
    if side == "zh":
        zh_what, en_what = f"在译文的{where_zh}中没有出现", f"is not stated in {where_en} of the translation"
    else:
        zh_what, en_what = f"在原文的{where_zh}中没有出现", f"is not stated in {where_en} of the original"
    return {
        "verdict": Verdict.UNVERIFIABLE,
        "claim_ids": [r["claim_id"]],
        "doc_ids": [r["doc_id"], other_doc],
        "metric_key": r["metric_key"],
        "period": r["period"],
        "observed": _interval(frame, n),
        "expected": {"value": None, "low": None, "high": None},
        "rel_diff": np.nan,
        "tolerance": np.nan,
        "explanation": (
            f"文档 {r['doc_id']} 的{quote(r['surface'])}{zh_what}（文档 {other_doc}），只有一方说明，无法核对。"
            f" Document {r['doc_id']} {quote(r['surface'])} {en_what} ({other_doc}); stated on one side only."
        ),
        "evidence": [{"doc_id": r["doc_id"], "start": int(r["start"]), "end": int(r["end"])}],
        "id_extra": f"single:{other_doc}",
    }
