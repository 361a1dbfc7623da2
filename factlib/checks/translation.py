"""Check ``translation``: find document pairs that translate each other, align their sentences,
then compare the numbers inside aligned sentences.

**Pairs.**  Every claim gives a signature: its value whatever the notation or class (``22个国家``
and ``22 countries`` are both ``v:22``; a range also gives its ends), dates by month and day.  A
signature is shared by a Chinese and an English document only where it stands at a similar place
in both (within two sentences or 6 % of the document: a translation keeps the order of the
original).  A pair shares at least ``MIN_SHARED`` signatures, or fewer that few other documents
state (``MIN_RARE_WEIGHT``), covering ``MIN_OVERLAP`` of the smaller document's signatures and
``MIN_OVERLAP_LARGER`` of the larger one's; the dates agree when both are known; each document
keeps its best partner (ties go to the one whose shared numbers stand nearer).  Two documents left
without a partner whose ids differ only by a language tag (``report-zh`` / ``report-en``,
:func:`name_key`) are a pair however few numbers they share.  Copies (documents whose numbers stand
at the same places: the same signatures, :func:`doc_fingerprints`) count once: pairs are found
among distinct documents, then the k-th copy of a Chinese document pairs with the k-th copy of its
partner (ids in sorted order; a copy without a counterpart keeps no partner), and a pair of copies
is written from the first pair's findings, not aligned again.  The Dask engine counts
the shared signatures on workers with the same :func:`doc_signatures`, :func:`count_shared` and
:func:`select_pairs`, and hands the pairs to this check (``options["translation_pairs"]``).

**Sentences.**  The sentences that hold numbers are aligned in document order: two sentences near
the same place that state the same numbers (in any notation: ``3万`` = ``30,000``, ``二人`` =
``two``, ``1918年9月29日`` = ``29 September 1918``, ``八十年代`` = ``1980s``, ``2009年`` = ``June
2009``) are candidate anchors, and the heaviest chain of anchors that keeps the order on both sides
is kept.  A sentence next to an anchor that shares a number with it joins it (one sentence
translated as two), and so does one whose numbers all meet numbers the block left over.  Between
anchors, sentences pair by position: a sentence with one that stands as many sentences after the
anchor before (or before the anchor after) on the other side, give or take two; of the possible
pairings, the one with the nearest offsets and the most alike numbers is kept (a small DP).  In a
pair named as translations, the sentences before the first anchor pair by their place from the
start, and the pair is compared even with fewer than two anchors.

**Numbers.**  Inside aligned sentences the same numbers are ``consistent`` (numbers of the same
kind written the same way meet first: the ``2`` of ``2&2`` meets ``2``, not ``two``).  What is left
is compared by comparison group (dates and years; money of one currency; shares; durations of one
unit; physical measures of one unit; other numbers): as many leftovers on both sides are paired in
order and each pair is ``contradicted`` (a number altered in translation); one leftover on each side
in different groups, both of 10 or more and within a factor of ten, or both written in digits in
sentences that share other numbers (``10-0`` / ``10-6``), are the pair too.  Left alone (no
finding): small whole numbers written in words (``两次``, ``first``), which the two languages
extract unevenly; a leftover whose value the other sentence spells without it being read as a
claim (``5 a.m.``; ``7:55`` spells 7.55); a leftover whose value the other side's leftover spells
though it was read there as another value (``63 成`` read as 630 / ``63 per cent``; ``7`` /
``seven halves``).  ``needs_review`` names a concrete doubt: unequal numbers of leftovers in one
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

from factlib.checks.columns import coded_columns, eq, factorize, ne, per_distinct
from factlib.checks.prepare import CheckContext
from factlib.checks.findings import empty_findings, quote
from factlib.checks.intervals import Verdict
from factlib.checks.registry import register_check
from factlib.claims.numbers import english_number_words, parse_number
from factlib.vocab.calendar import EN_MONTH_NAMES
from factlib.vocab.lexicon import normalize_phrase

__all__ = ["signatures", "doc_signatures", "doc_fingerprints", "copy_representatives", "expand_copies",
           "count_shared", "select_pairs", "find_pairs", "align_sentences", "check_translation"]

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
    sig = _each_distinct(c["value_num"].abs(), _vtoken)
    open_ = (sig == "").to_numpy()
    if open_.any():
        lo, hi = c.loc[open_, "lo"].abs(), c.loc[open_, "hi"].abs()
        sig.loc[open_] = "r:" + _each_distinct(lo, _g) + "~" + _each_distinct(hi, _g)
    is_date = eq(c["kind"], "date")
    if is_date.any():
        rows = is_date.to_numpy()
        sig.loc[is_date] = per_distinct(lambda s, p: "date:" + _month_day(s, p), c["surface"].to_numpy(dtype=object)[rows],
                                        c["period"].to_numpy(dtype=object)[rows])
    return sig


def _each_distinct(values: pd.Series, fn) -> pd.Series:
    """``values.map(fn)`` with ``fn`` called once per distinct value (NaN included)."""
    arr = values.to_numpy(dtype=float, na_value=np.nan)
    uniq, inverse = np.unique(arr, return_inverse=True)
    out = np.array([fn(v) for v in uniq.tolist()], dtype=object)
    return pd.Series(out[inverse.reshape(-1)] if len(arr) else np.array([], dtype=object), index=values.index,
                     dtype=object)


def _g(v: float) -> str:
    return format(float(v), ".9g")


def _vtoken(v: float) -> str:
    return "v:" + _g(v) if np.isfinite(v) else ""


def _pair_tokens(c: pd.DataFrame, parts: bool = False) -> pd.DataFrame:
    """``doc_id, lang, sig`` rows for finding pairs: :func:`signatures`, with a range also giving
    its two ends (``18至29岁`` meets ``18`` and ``29``; ``八十年代`` meets ``1980s``).  The rows
    keep the claims' labels; ``parts``: a column ``_part`` says which token of its claim a row is
    (0 the claim's own, 1 and 2 the ends of a range: the rows stand in that order, then by label)."""
    sig = c["sig"] if "sig" in c.columns else signatures(c)
    doc = c["doc_id"] if c["doc_id"].dtype.kind in "iu" else c["doc_id"].astype(object)
    base = pd.DataFrame({"doc_id": doc, "lang": pd.Series(_lang_group(c["lang"]), index=c.index, dtype=object),
                         "sig": sig})
    if "sid" in c.columns:
        base["sid"] = c["sid"].to_numpy()
    if parts:
        base["_part"] = 0
    ranged = pd.Series(per_distinct(_is_range, sig, dtype=bool), index=sig.index)
    if not ranged.any():
        return base
    lo = _each_distinct(c.loc[ranged, "lo"].abs(), _vtoken)
    hi = _each_distinct(c.loc[ranged, "hi"].abs(), _vtoken)
    ends = [base[~ranged], base[ranged].assign(sig=lo, **({"_part": 1} if parts else {}))]
    years = c.loc[ranged, "kind"] == "year"  # a decade: its first year only
    ends.append(base[ranged][~years.to_numpy()].assign(sig=hi[~years], **({"_part": 2} if parts else {})))
    out = pd.concat(ends)
    return out[ne(out["sig"], "")]


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


def _is_range(sig: str) -> bool:
    return sig.startswith("r:")


def _lang_group(lang: pd.Series) -> np.ndarray:
    """``zh``, ``en`` or ``''`` per claim from its language tag (read once per distinct tag)."""
    return per_distinct(_lang_of, lang.fillna("").astype(object))


def _lang_of(tag) -> str:
    low = str(tag).lower()
    return "zh" if low.startswith("zh") else ("en" if low.startswith("en") else "")


#: the claim columns pairing documents reads (``signatures``, ``doc_signatures``)
_PAIRING_COLUMNS = ("doc_id", "lang", "value_num", "lo", "hi", "kind", "surface", "period", "sentence_id", "start",
                    "doc_date")


_SIG_COLUMNS = {"doc_id": object, "lang": object, "sig": object, "sid": "int64", "pos": "float64",
                "size": "int64", "date": object}


def sentence_numbers(c: pd.DataFrame) -> np.ndarray:
    """Each claim's sentence number; where a document has none (``-1``), its claim order."""
    sid = c["sentence_id"].to_numpy(dtype="int64")
    none = sid < 0
    if not none.any():  # (every claim has its sentence: no group-by)
        return sid
    missing = pd.Series(none, index=c.index).groupby(c["doc_id"]).transform("all").to_numpy()
    if missing.any():
        order = c["start"].groupby(c["doc_id"]).rank(method="dense").to_numpy(dtype="int64") - 1
        sid = np.where(missing, order, sid)
    return sid


def doc_signatures(c: pd.DataFrame) -> pd.DataFrame:
    """Per document (whole documents only): its signatures in its main language (the language
    most of its claims are in; ties go to ``en``) with where they stand (``sid`` the sentence,
    ``pos`` the relative position 0..1), the number of distinct signatures (``size``) and the
    document's date (``YYYY-MM-DD`` or ``''``).  ``c`` is a prepared claims frame."""
    return _doc_signatures(c)


def _doc_signatures(c: pd.DataFrame, origin: bool = False):
    """:func:`doc_signatures`; ``origin``: also the label of the claim each row comes from and
    which of its tokens it is (``_pair_tokens(parts=True)``), as two arrays parallel to the rows."""
    # documents as integer codes while grouping (string keys cost a hash table per group-by)
    codes, names = factorize(c["doc_id"].to_numpy(dtype=object))
    c = c.assign(doc_id=codes)
    c = c.assign(sid=sentence_numbers(c))
    t = _pair_tokens(c, parts=origin)
    t = t[ne(t["lang"], "")]
    if t.empty:
        empty = pd.DataFrame({k: pd.Series(dtype=v) for k, v in _SIG_COLUMNS.items()})
        return (empty, np.zeros(0, np.int64), np.zeros(0, np.int64)) if origin else empty
    counts = t.groupby(["doc_id", "lang"]).size().rename("n").reset_index()
    counts = counts.sort_values(["doc_id", "n", "lang"], ascending=[True, False, True]).drop_duplicates("doc_id")
    doc_lang = counts.set_index("doc_id")["lang"]
    doc = t["doc_id"].to_numpy(dtype=np.int64)
    lang_of = np.full(len(names), None, dtype=object)
    lang_of[doc_lang.index.to_numpy(dtype=np.int64)] = doc_lang.to_numpy(dtype=object)
    main = eq(t["lang"].to_numpy(dtype=object), lang_of[doc])
    # the signatures as integer codes while dropping repeats and counting (equal codes, equal texts)
    sig_code = factorize(t["sig"].to_numpy(dtype=object))[0][main]
    doc, sid = doc[main], t["sid"].to_numpy(dtype=np.int64)[main]
    first = ~pd.DataFrame({"d": doc, "s": sig_code, "i": sid}).duplicated().to_numpy()
    t = t[main][first]
    doc, sig_code = doc[first], sig_code[first]
    distinct = ~pd.DataFrame({"d": doc, "s": sig_code}).duplicated().to_numpy()
    t["size"] = np.bincount(doc[distinct], minlength=len(names)).astype("int64")[doc]
    last = c.groupby("doc_id")["sid"].max() + 1
    t["pos"] = t["sid"] / t["doc_id"].map(last)
    dates = pd.to_datetime(c.groupby("doc_id")["doc_date"].first(), errors="coerce")
    dates = dates.dt.strftime("%Y-%m-%d").fillna("")
    t["date"] = t["doc_id"].map(dates).fillna("").astype(object)
    t["doc_id"] = np.asarray(names, dtype=object)[t["doc_id"].to_numpy()]
    out = t.reset_index(drop=True)[list(_SIG_COLUMNS)].astype(_SIG_COLUMNS)
    if origin:
        return out, t.index.to_numpy(dtype=np.int64), t["_part"].to_numpy(dtype=np.int64)
    return out


def count_shared(sigs, **merge_options):
    """Shared signatures per (zh document, en document) from :func:`doc_signatures` rows with a
    ``freq`` column (the number of documents holding the signature).  Works on pandas and on Dask
    frames alike (the Dask engine passes its shuffle method), so both engines count the same way.

    A signature is shared only where it stands at a similar place in both documents (relative
    positions within ``PAIR_BAND`` or sentence numbers within ``PAIR_BAND_SENTENCES``): a
    translation keeps the order of the original.  ``shared`` counts the shared signatures;
    ``weight`` sums ``1 / (freq - 1)``: a number that only the two documents state weighs 1, one that a third
    document states too weighs ½; ``dist`` is the mean distance in sentences of the shared signatures
    (the nearest occurrence of each), which breaks ties between candidate partners.
    """
    sigs = sigs[sigs["freq"] <= MAX_DOC_FREQ]
    sigs = sigs.assign(weight=1.0 / (sigs["freq"] - 1).clip(lower=1))
    zh = sigs[eq(sigs["lang"], "zh")][["doc_id", "sig", "sid", "pos", "size", "date", "weight"]]
    en = sigs[eq(sigs["lang"], "en")][["doc_id", "sig", "sid", "pos", "size", "date"]]
    m = zh.merge(en, on="sig", suffixes=("_zh", "_en"), **merge_options)
    near = (((m["pos_zh"] - m["pos_en"]).abs() <= PAIR_BAND)
            | ((m["sid_zh"] - m["sid_en"]).abs() <= PAIR_BAND_SENTENCES))
    keys = ["doc_id_zh", "doc_id_en", "size_zh", "size_en", "date_zh", "date_en"]
    m = m[near]
    m = m.assign(dist=(m["sid_zh"] - m["sid_en"]).abs().astype("float64"))[keys + ["sig", "weight", "dist"]]
    # each shared signature once, at its nearest place (plain dict aggregations: Dask runs them too)
    per_sig = m.groupby(keys + ["sig"], dropna=False).agg({"weight": "max", "dist": "min"}).reset_index()
    out = per_sig.groupby(keys, dropna=False).agg({"sig": "count", "weight": "sum", "dist": "mean"})
    return out.rename(columns={"sig": "shared"})


#: a language tag as a whole part of a document id (``report-zh-hans``, ``report.en``, ``zh_report``):
#: documents whose ids are equal without it are named as translations of each other
_LANG_TAG = re.compile(r"(?:^|(?<=[-_.\s/]))(?:zh(?:[-_](?:hans|hant|cn|tw|hk|sg|mo))?|en(?:[-_](?:us|gb|uk))?"
                       r"|chs|cht|eng)(?=$|[-_.\s/])", re.IGNORECASE)


def name_key(doc_id: str) -> str:
    """A document id without its language tag (``''`` when it has none): ``r0-003-zh-hans`` and
    ``r0-003-en`` give ``r0-003``."""
    key, n = _LANG_TAG.subn("", str(doc_id))
    return re.sub(r"[-_.\s/]{2,}", "-", key).strip("-_. /").lower() if n == 1 else ""


#: what every language tag of ``_LANG_TAG`` contains (``zh``, ``en``, ``chs``/``cht``; ``eng`` holds ``en``)
_TAG_LETTERS = "(?i)zh|en|ch[st]"


def _name_keys(doc_ids: np.ndarray) -> np.ndarray:
    """:func:`name_key` of each document id (an object array), called only for ids that hold the
    letters of a language tag (``''`` for the others: without them no tag can match)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out = np.full(len(doc_ids), "", dtype=object)
    if len(doc_ids) == 0:
        return out
    try:
        texts = pa.array(doc_ids, type=pa.string(), from_pandas=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # ids that are not strings: the name_key of each
        out[:] = [name_key(d) for d in doc_ids]
        return out
    # (ids with non-ASCII characters are read by name_key too: Python's case folding may differ)
    maybe = pc.or_(pc.match_substring_regex(texts, _TAG_LETTERS), pc.invert(pc.string_is_ascii(texts)))
    rows = np.flatnonzero(pc.fill_null(maybe, True).to_numpy(zero_copy_only=False))
    out[rows] = [name_key(d) for d in doc_ids[rows].tolist()]
    return out


def _name_pairs(names: pd.DataFrame) -> pd.DataFrame:
    """``zh_doc, en_doc`` of the documents named as translations: one Chinese and one English
    document whose ids are equal without a language tag (no other document shares the name)."""
    if names is None or len(names) == 0:
        return pd.DataFrame(columns=["zh_doc", "en_doc"])
    docs = names[["doc_id", "lang"]].drop_duplicates("doc_id")
    docs = docs.assign(key=_name_keys(docs["doc_id"].to_numpy(dtype=object)))
    docs = docs[docs["key"] != ""]
    counts = docs.groupby("key")["lang"].agg(lambda x: tuple(sorted(x)))
    keys = counts[counts == ("en", "zh")].index
    docs = docs[docs["key"].isin(keys)]
    zh = docs[docs["lang"] == "zh"].set_index("key")["doc_id"]
    en = docs[docs["lang"] == "en"].set_index("key")["doc_id"]
    return pd.DataFrame({"zh_doc": zh, "en_doc": en.reindex(zh.index)}).reset_index(drop=True)


def select_pairs(counted: pd.DataFrame, names: pd.DataFrame | None = None,
                 copies: pd.Series | None = None) -> pd.DataFrame:
    """Translation pairs from shared-signature counts (:func:`count_shared`, computed).

    A pair shares at least ``MIN_SHARED`` signatures, or fewer of weight at least
    ``MIN_RARE_WEIGHT`` (numbers few other documents state: short articles); they cover at least
    ``MIN_OVERLAP`` of the smaller document's signatures and ``MIN_OVERLAP_LARGER`` of the larger
    one's; the dates agree when both are known; each document keeps its best partner (by shared
    count plus weight, then the nearer places of the shared signatures, then overlap).  Used by
    :func:`find_pairs` and by the Dask engine, so both pick the same pairs.

    ``names`` (``doc_id``, ``lang`` of every document): two documents left without a partner
    whose ids differ only by a language tag (``report-zh`` / ``report-en``; :func:`name_key`) are
    a pair too, however few numbers they share.

    ``copies`` (``doc_id -> representative``, :func:`copy_representatives`): ``counted`` counts
    the representatives only; the k-th copy of a Chinese document (in the order of their ids)
    pairs with the k-th copy of its partner (:func:`expand_copies`).
    """
    if "doc_id_zh" not in counted.columns:
        counted = counted.reset_index()
    by_number = _select_by_number(counted) if len(counted) else pd.DataFrame(columns=PAIR_COLUMNS)
    if copies is not None and len(by_number):
        by_number = expand_copies(by_number, copies)
    named = _name_pairs(names)
    if named.empty:
        return by_number
    taken = set(by_number["zh_doc"]) | set(by_number["en_doc"])
    named = named[~named["zh_doc"].isin(taken) & ~named["en_doc"].isin(taken)]
    named = named.assign(shared=0, overlap=0.0)
    if len(counted):
        found = counted.set_index(["doc_id_zh", "doc_id_en"])["shared"]
        idx = pd.MultiIndex.from_arrays([named["zh_doc"], named["en_doc"]])
        named["shared"] = found.reindex(idx).fillna(0).to_numpy(dtype="int64")
    if by_number.empty:
        return named[PAIR_COLUMNS].reset_index(drop=True)
    return pd.concat([by_number, named[PAIR_COLUMNS]], ignore_index=True)


def _select_by_number(counted: pd.DataFrame) -> pd.DataFrame:
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
    if "dist" not in pairs.columns:
        pairs["dist"] = 0.0
    pairs = pairs.sort_values(["score", "dist", "overlap", "doc_id_zh", "doc_id_en"],
                              ascending=[False, True, False, True, True])
    pairs = pairs.drop_duplicates("doc_id_zh").drop_duplicates("doc_id_en")
    pairs = pairs.rename(columns={"doc_id_zh": "zh_doc", "doc_id_en": "en_doc"})
    return pairs[PAIR_COLUMNS].reset_index(drop=True)


def find_pairs(c: pd.DataFrame) -> pd.DataFrame:
    """Translation pairs of a prepared claims frame: columns ``zh_doc``, ``en_doc``, ``shared``,
    ``overlap``.  Copies (documents whose signatures are the same, :func:`copy_representatives`)
    count once: pairs are found between distinct documents, then copies pair in turn.

    Documents whose claims are the same, in the same order, but for their ids (a corpus read
    twice, :func:`_content_copies`) have the same signature rows: those of one of them are worked
    out and stand for the others (:func:`_copied_signatures`), with the rows and documents in the
    order working out every document's would give."""
    c = c.reset_index(drop=True)
    content = _content_copies(c)
    if content is None:
        t = doc_signatures(c)
        if not (eq(t["lang"], "zh").any() and eq(t["lang"], "en").any()):
            return pd.DataFrame(columns=PAIR_COLUMNS)
        fps = doc_fingerprints(t)
    else:
        t, fps = _copied_signatures(c, *content)
        if t is None:
            return pd.DataFrame(columns=PAIR_COLUMNS)
    copies = copy_representatives(fps)
    names = fps[["doc_id", "lang"]]
    if (copies.index != copies.to_numpy()).any():
        if content is None:
            t = t[t["doc_id"].isin(copies.index[copies.index == copies.to_numpy()])]
        else:
            t = t(copies.index[copies.index == copies.to_numpy()])
    else:
        copies = None
        if content is not None:
            t = t(None)
    t = t.assign(freq=_doc_frequency(t))
    return select_pairs(count_shared_chunked(t), names=names, copies=copies)


def _doc_frequency(t: pd.DataFrame) -> np.ndarray | pd.Series:
    """Per row, the number of documents holding its signature
    (``t.groupby("sig")["doc_id"].transform("nunique")``) counted on integer codes."""
    sig = factorize(t["sig"].to_numpy(dtype=object))[0]
    doc = factorize(t["doc_id"].to_numpy(dtype=object))[0]
    if len(sig) == 0 or sig.min() < 0 or doc.min() < 0:  # a missing value: pandas' count
        return t.groupby("sig")["doc_id"].transform("nunique")
    first = ~pd.DataFrame({"s": sig, "d": doc}).duplicated().to_numpy()
    return np.bincount(sig[first], minlength=int(sig.max()) + 1).astype(np.int64)[sig]


#: the columns of a claim that its signature rows are made of (all of :data:`_PAIRING_COLUMNS` but
#: the document; ``sig`` when the caller gives it)
_COPY_COLUMNS = ("lang", "value_num", "lo", "hi", "kind", "surface", "period", "sentence_id", "start", "doc_date", "sig")
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _column_hash(values: np.ndarray) -> np.ndarray | None:
    """A 64-bit hash per cell, equal for equal cells (numbers by their bits: ``-0.0`` and ``0.0``
    differ, which only finds fewer copies), or None for a column of other objects than ``str``."""
    if values.dtype == object:
        codes, uniques = factorize(values, use_na_sentinel=False)
        if not all(type(u) is str for u in np.asarray(uniques, dtype=object).tolist()):
            return None
        return pd.util.hash_array(codes.astype(np.int64, copy=False))
    if values.dtype.kind == "f":
        return pd.util.hash_array(values.astype(np.float64).view(np.int64))
    if values.dtype.kind in "iubM":
        return pd.util.hash_array(values.astype(np.int64))
    return None


def _maybe_copies(c: pd.DataFrame, codes: np.ndarray, n_docs: int) -> bool:
    """False when no two documents have as many claims and the same sum of 32-bit hashes of their
    values (then none is a copy of another: a quick test before hashing every column in order)."""
    count = np.bincount(codes, minlength=n_docs)
    key = np.zeros(n_docs, dtype=np.float64)
    if "value_num" in c.columns and c["value_num"].dtype.kind == "f":
        low = pd.util.hash_array(c["value_num"].to_numpy(dtype=np.float64).view(np.int64)) & np.uint64(0xFFFFFFFF)
        key = np.bincount(codes, weights=low.astype(np.float64), minlength=n_docs)  # exact below 2**53
    both = pd.DataFrame({"n": count, "k": key})
    return bool(both.duplicated().any())


def _content_copies(c: pd.DataFrame):
    """``(doc codes, doc names, rows by document, first row of each document, representative of
    each document)`` when some documents of ``c`` (labels = positions) are copies of others: their
    claims are the same in every column pairing reads but the document id, row by row in order
    (two 64-bit sums of hashes of each claim and its place in its document, and the number of
    claims); the representative is the copy that appears first.  None when no two documents are
    copies (or a column holds other objects than strings and numbers)."""
    cols = [k for k in _COPY_COLUMNS if k in c.columns]  # (``sig``, when given: it is not worked out again)
    if "doc_id" not in c.columns or len(c) < 2:
        return None
    codes, names = factorize(c["doc_id"].to_numpy(dtype=object))
    if len(names) < 2 or (codes < 0).any() or not _maybe_copies(c, codes, len(names)):
        return None
    order = np.argsort(codes, kind="stable")  # the rows of each document together, in order
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    counts = np.diff(np.r_[starts, len(order)])
    place = np.arange(len(order), dtype=np.int64) - np.repeat(starts, counts)  # the claim's place in its document
    keys = [counts.astype(np.uint64)]
    h = pd.util.hash_array(place)[np.argsort(order, kind="stable")]  # (back in row order)
    # numbers first: documents that differ there are no copies, whatever their texts
    numeric = [k for k in cols if c[k].dtype != object]
    for stage in (numeric, [k for k in cols if k not in numeric]):
        for k in stage:
            ch = _column_hash(c[k].to_numpy())
            if ch is None:
                return None
            h = pd.util.hash_array(h ^ (ch * _MIX))
        hs = h[order]
        keys += [np.add.reduceat(hs, starts), np.add.reduceat(pd.util.hash_array(hs ^ _MIX), starts)]
        frame = pd.DataFrame({f"k{i}": k for i, k in enumerate(keys)})
        group = frame.groupby(list(frame.columns), sort=False).ngroup().to_numpy()
        if len(np.unique(group)) == len(group):
            return None
        keys = keys[:1] + keys[-2:]
    firsts = np.full(group.max() + 1, -1, dtype=np.int64)
    firsts[group[::-1]] = np.arange(len(group) - 1, -1, -1)  # the first document of each group
    rep = firsts[group]
    return codes, np.asarray(names, dtype=object), order, starts, rep


def _copied_signatures(c: pd.DataFrame, codes, names, order, starts, rep):
    """:func:`doc_signatures` rows of the representatives and :func:`doc_fingerprints` of every
    document (in the order of :func:`doc_fingerprints` of every document's rows), and a function of
    the documents to keep (None: all) giving the rows :func:`doc_signatures` of every document
    would give for them, in its order.  ``(None, None)`` when there are not both languages."""
    reps = np.flatnonzero(rep == np.arange(len(rep)))
    rows = np.flatnonzero(np.isin(codes, reps))
    t, label, part = _doc_signatures(c.iloc[rows], origin=True)
    if not (eq(t["lang"], "zh").any() and eq(t["lang"], "en").any()):
        return None, None
    doc_code = codes[label]
    # the place of each row's claim in its document (positions of the document's rows in order)
    place_of = np.empty(len(codes), dtype=np.int64)
    place_of[order] = np.arange(len(order), dtype=np.int64) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    local = place_of[label]
    fps_rep = doc_fingerprints(t).set_index("doc_id")
    # every document whose representative has rows: the place of its first row (by part, then label)
    first = pd.DataFrame({"doc": doc_code, "part": part, "local": local}).drop_duplicates("doc")
    by_rep = first.set_index("doc")
    docs = np.flatnonzero(np.isin(rep, by_rep.index.to_numpy()))
    r = rep[docs]
    first_part = by_rep.loc[r, "part"].to_numpy()
    first_label = order[starts[docs] + by_rep.loc[r, "local"].to_numpy()]
    docs = docs[np.lexsort((first_label, first_part))]
    fp = fps_rep.loc[names[rep[docs]]]
    fps = pd.DataFrame({"doc_id": names[docs], "lang": fp["lang"].to_numpy(dtype=object),
                        "fp1": fp["fp1"].to_numpy(), "fp2": fp["fp2"].to_numpy(),
                        "n": fp["n"].to_numpy()}).astype(FINGERPRINT_META)

    def rows_of(keep) -> pd.DataFrame:
        wanted = docs if keep is None else np.flatnonzero(np.isin(names, np.asarray(keep, dtype=object)))
        # each wanted document takes its representative's rows, at its own claims' labels
        members = pd.DataFrame({"doc": wanted, "rep": rep[wanted]})
        rows_t = pd.DataFrame({"rep": doc_code, "part": part, "local": local, "row": np.arange(len(t))})
        m = members.merge(rows_t, on="rep", how="inner", sort=False)
        lab = order[starts[m["doc"].to_numpy()] + m["local"].to_numpy()]
        m = m.iloc[np.lexsort((lab, m["part"].to_numpy()))]
        out = t.iloc[m["row"].to_numpy()].reset_index(drop=True)
        return out.assign(doc_id=pd.Series(names[m["doc"].to_numpy()], dtype=object)).astype(_SIG_COLUMNS)

    return rows_of, fps


_FP_COLUMNS = ["lang", "sig", "sid", "pos", "size", "date"]
#: columns of :func:`doc_fingerprints`
FINGERPRINT_META = {"doc_id": object, "lang": object, "fp1": "uint64", "fp2": "uint64", "n": "int64"}


def doc_fingerprints(sigs: pd.DataFrame) -> pd.DataFrame:
    """Per document of :func:`doc_signatures` rows (whole documents): ``doc_id``, ``lang`` and a
    fingerprint of its signature rows (``fp1``, ``fp2``: two 64-bit sums of row hashes; ``n``:
    the number of rows), which is all that pairing sees of a document.  Documents with equal
    fingerprints are copies (a corpus that holds one article twice, a document replicated)."""
    if sigs.empty:
        return pd.DataFrame({k: pd.Series(dtype=v) for k, v in FINGERPRINT_META.items()})
    h = pd.util.hash_pandas_object(sigs[_FP_COLUMNS], index=False).to_numpy(dtype=np.uint64)
    h2 = pd.util.hash_array(h ^ np.uint64(0x9E3779B97F4A7C15))
    codes, names = factorize(sigs["doc_id"].to_numpy(dtype=object))
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    return pd.DataFrame({
        "doc_id": np.asarray(names, dtype=object)[sorted_codes[starts]],
        "lang": sigs["lang"].to_numpy(dtype=object)[order][starts],
        "fp1": np.add.reduceat(h[order], starts),  # sums wrap modulo 2**64: the rows' order does not count
        "fp2": np.add.reduceat(h2[order], starts),
        "n": np.diff(np.r_[starts, len(order)]).astype("int64"),
    }).astype(FINGERPRINT_META)


def copy_representatives(fingerprints: pd.DataFrame) -> pd.Series:
    """``doc_id -> representative``: the smallest id among the documents of equal
    :func:`doc_fingerprints` (itself for a document without copies)."""
    if fingerprints.empty:
        return pd.Series(dtype=object)
    doc = fingerprints["doc_id"].to_numpy(dtype=object)
    rank = pd.factorize(doc, sort=True)[0]  # ids in sorted order
    lang = pd.factorize(fingerprints["lang"].to_numpy(dtype=object))[0]
    fp1, fp2 = (fingerprints[k].to_numpy(dtype=np.uint64) for k in ("fp1", "fp2"))
    n = fingerprints["n"].to_numpy(dtype=np.int64)
    order = np.lexsort((rank, n, fp2, fp1, lang))  # each group together, its smallest id first
    change = np.zeros(len(order), dtype=bool)
    change[0] = True
    for key in (lang, fp1, fp2, n):
        k = key[order]
        change[1:] |= k[1:] != k[:-1]
    first = order[np.flatnonzero(change)]
    group = np.cumsum(change) - 1
    rep = np.empty(len(order), dtype=object)
    rep[order] = doc[first][group]
    return pd.Series(rep, index=pd.Index(doc, dtype=object), dtype=object)


def expand_copies(pairs: pd.DataFrame, copies: pd.Series) -> pd.DataFrame:
    """Pairs of representatives → pairs of documents: the k-th copy of the Chinese document (ids
    in sorted order; the representative is the first) with the k-th copy of the English one.  A
    copy without a k-th counterpart keeps no partner (a translation is of one document)."""
    extra = copies[copies.index != copies.to_numpy()]
    if extra.empty:
        return pairs
    members: dict[str, list[str]] = {}
    for doc, rep in zip(extra.index, extra.to_numpy()):
        members.setdefault(rep, [rep]).append(doc)
    rows = []
    for zh, en, shared, overlap in pairs[PAIR_COLUMNS].itertuples(index=False, name=None):
        zs, es = members.get(zh), members.get(en)
        if zs is None or es is None:
            rows.append((zh, en, shared, overlap))
            continue
        rows.extend((z, e, shared, overlap) for z, e in zip(sorted(zs), sorted(es)))
    out = pd.DataFrame(rows, columns=PAIR_COLUMNS)
    return out.astype({k: (object if k.endswith("_doc") else v) for k, v in pairs[PAIR_COLUMNS].dtypes.items()})


#: the most signature matches (zh row × en row of one signature) :func:`count_shared_chunked`
#: joins at once; many copies of the same documents make the join quadratic
MAX_JOIN_ROWS = 2_000_000


def count_shared_chunked(sigs: pd.DataFrame, max_rows: int = MAX_JOIN_ROWS) -> pd.DataFrame:
    """:func:`count_shared` of a pandas frame, Chinese documents a batch at a time so that one
    join holds at most about ``max_rows`` signature matches.  Every row of a (zh, en) pair comes
    from one batch and batches follow the sorted Chinese document ids, so the result is the one
    :func:`count_shared` gives, row for row.

    The documents, signatures and dates are joined and grouped as integer codes numbered in the
    order of their values (the joins, groups and their order are those of the strings), and
    written back as strings at the end."""
    coded = coded_columns(sigs, _CODED)
    if coded is None:
        return _count_shared_chunked(sigs, max_rows)
    frame, names = coded
    return _decoded(_count_shared_chunked(frame, max_rows), names)


#: the text columns :func:`count_shared_chunked` joins and groups on as integer codes
_CODED = ("doc_id", "sig", "date")


def _decoded(counted: pd.DataFrame, names: dict[str, np.ndarray]) -> pd.DataFrame:
    """:func:`count_shared` output of coded signatures with the documents and dates written back."""
    index = counted.index
    levels = []
    for name in index.names:
        values = index.get_level_values(name)
        base = name.rsplit("_", 1)[0] if name.endswith(("_zh", "_en")) else name
        levels.append(names[base][0][values.to_numpy(dtype=np.int64)] if base in ("doc_id", "date") else values)
    return counted.set_axis(pd.MultiIndex.from_arrays(levels, names=index.names), axis=0)


def _count_shared_chunked(sigs: pd.DataFrame, max_rows: int) -> pd.DataFrame:
    kept = sigs[sigs["freq"] <= MAX_DOC_FREQ]
    en_count = kept.loc[eq(kept["lang"], "en"), "sig"].value_counts()
    zh = kept[eq(kept["lang"], "zh")]
    load = zh["sig"].map(en_count).fillna(0).groupby(zh["doc_id"]).sum().sort_index()
    if load.sum() <= max_rows or len(load) < 2:
        return count_shared(sigs)
    batch = (load.cumsum() // max(max_rows, 1)).astype("int64")
    en = sigs[ne(sigs["lang"], "zh")]
    parts = []
    for _, docs in batch.groupby(batch, sort=True):
        part = sigs[eq(sigs["lang"], "zh") & sigs["doc_id"].isin(docs.index)]
        parts.append(count_shared(pd.concat([part, en])))
    return pd.concat(parts)
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
    #: written in digits (``2``), not in words (``two``, ``两``)
    digits: bool = False

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


class _Table:
    """The claim columns the check reads, as plain Python lists indexed by row position (read
    once per call: per-row pandas access is what made the check slow)."""

    def __init__(self, c: pd.DataFrame):
        self.doc_id = [str(d) for d in c["doc_id"].tolist()]
        for name in ("claim_id", "surface", "sentence", "kind", "mclass", "unit", "period", "metric_key"):
            setattr(self, name, c[name].tolist())
        self.start = c["start"].to_numpy(dtype="int64").tolist()
        self.end = c["end"].to_numpy(dtype="int64").tolist()
        self.sentence_id = c["sentence_id"].to_numpy(dtype="int64").tolist()
        self.value_num = c["value_num"].to_numpy(dtype=float, na_value=np.nan).tolist()
        self.lo = c["lo"].to_numpy(dtype=float, na_value=np.nan).tolist()
        self.hi = c["hi"].to_numpy(dtype=float, na_value=np.nan).tolist()
        self.low = pd.to_numeric(c["low"], errors="coerce").to_numpy(dtype=float, na_value=np.nan).tolist()
        self.high = pd.to_numeric(c["high"], errors="coerce").to_numpy(dtype=float, na_value=np.nan).tolist()

    def interval(self, row: int) -> dict:
        """``{"value", "low", "high"}`` of a claim (None for unknown or open bounds)."""
        return {k: (x if math.isfinite(x) else None)
                for k, x in (("value", self.value_num[row]), ("low", self.lo[row]), ("high", self.hi[row]))}


def _numbers(t: _Table, rows) -> list[_Num]:
    """The claims of one document (``rows``: their positions in ``t``) as ``_Num`` in text order
    (sentence ids made up from the order of claims when the document has none).  A range (``1 至
    2``, ``70-90%``) gives one ``_Num`` per end, so ``18至29岁`` meets ``18`` and ``29`` stated
    apart."""
    rows = sorted(rows, key=lambda r: (t.start[r], t.end[r]))
    sids = [t.sentence_id[r] for r in rows]
    if sids and all(x < 0 for x in sids):
        sids = list(range(len(rows)))
    out = []
    for row, s in zip(rows, sids):
        st, en, kind, mclass, unit = t.start[row], t.end[row], t.kind[row], t.mclass[row], t.unit[row]
        period, surface, sentence, mk = t.period[row], t.surface[row], t.sentence[row], t.metric_key[row]
        v, lo, hi = abs(t.value_num[row]), t.low[row], t.high[row]
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
        glued = _glued(surface, sentence or "")
        compound = _compound(surface, sentence or "")
        for x in ends:
            statistical = kind in _STAT_KINDS or (":" in mclass and kind not in {"duration", "year", "date"}) or (
                kind == "count" and math.isfinite(x) and (x >= MIN_STAT_COUNT or bool(mk)))
            loose = (math.isfinite(x) and x <= MAX_LOOSE and float(x).is_integer()
                     and not _DIGIT.search(surface) and kind not in _TIME_KINDS)
            out.append(_Num(int(row), int(s), int(st), int(en), float(x), kind, group, full, md, ym, decade,
                            bool(statistical), glued, surface, loose, compound, bool(_DIGIT.search(surface))))
    return out


def _glued(surface: str, sentence: str) -> bool:
    """Does a letter or a magnitude character follow ``surface`` somewhere in ``sentence``
    (``£125m`` read as 125)?"""
    if not surface:
        return False
    k = sentence.find(surface)
    while k >= 0:
        after = sentence[k + len(surface):k + len(surface) + 1]
        if after and (("A" <= after <= "Z") or ("a" <= after <= "z") or after in "万萬亿億"):
            return True
        k = sentence.find(surface, k + 1)
    return False


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
    """One-to-one matching of equal numbers in text order: numbers of the same kind written the
    same way (digits or words) first, then of the same kind, then of the same comparison group
    (``1`` in ``4-1`` meets ``1``, not ``first``; the ``2`` of ``2&2`` meets ``2``, not ``two``),
    then any: index pairs."""
    used_x: set[int] = set()
    used_y: set[int] = set()
    out = []
    for tier in (0, 1, 2, 3):
        for i, x in enumerate(xs):
            if i in used_x:
                continue
            for j, y in enumerate(ys):
                if j in used_y or (tier <= 1 and x.kind != y.kind) or (tier == 0 and x.digits != y.digits) or (
                        tier == 2 and x.group != y.group):
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


def align_sentences(sa: list[_Sentence], sb: list[_Sentence], from_start: bool = False) -> list[Block]:
    """Aligned groups of the number-bearing sentences of two documents (see the module docstring);
    ``from_start``: sentences before the first anchor also pair by their place from the start."""
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
    return _fill_gaps(blocks, sa, sb, from_start)


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
    """Does ``extra`` match informative numbers of xs that ys leaves unmatched, or do such
    numbers explain all of ``extra``'s (``8 人`` meets the ``eight people`` left over)?"""
    matched = {x for x, _ in _match(xs, ys)}
    rest = [x for k, x in enumerate(xs) if k not in matched]
    found = _match(rest, extra)
    strict = [n for n in extra if not n.loose]
    return any(rest[x].weight >= 1.0 for x, _ in found) or (
        bool(strict) and {y for _, y in found} >= {k for k, n in enumerate(extra) if not n.loose})


def _fill_gaps(blocks: list[Block], sa: list[_Sentence], sb: list[_Sentence],
               from_start: bool = False) -> list[Block]:
    """Sentences left between two blocks are aligned by position: a sentence pairs with one on
    the other side that stands as many sentences after the block before, or before the block
    after (give or take ``MAX_OFFSET_SKEW``), keeping the order; of the possible pairings the one
    with the nearest offsets and the most alike numbers (``_likeness``) is kept."""
    out: list[Block] = []
    taken_a = sorted(i for b in blocks for i in b.a)
    taken_b = sorted(j for b in blocks for j in b.b)
    bounds = [(-1, -1, None)] + [(max(b.a), max(b.b), b) for b in blocks] + [(len(sa), len(sb), None)]
    for (a0, b0, blk), (a1, b1, nxt) in zip(bounds, bounds[1:]):
        if blk is not None:
            out.append(blk)
        if blk is None and nxt is None and not from_start:
            continue
        hi_a = min(nxt.a) if nxt is not None else a1
        hi_b = min(nxt.b) if nxt is not None else b1
        ga = [i for i in range(a0 + 1, hi_a) if not _in(taken_a, i)]
        gb = [j for j in range(b0 + 1, hi_b) if not _in(taken_b, j)]
        if not ga or not gb:
            continue

        def offsets(sents, k, block, nxt_block):
            before = (sents[k].sid - max(sents[x].sid for x in block) if block is not None
                      else sents[k].sid + 1 if from_start else None)
            after = min(sents[x].sid for x in nxt_block) - sents[k].sid if nxt_block is not None else None
            return before, after

        off_a = [offsets(sa, i, blk.a if blk else None, nxt.a if nxt else None) for i in ga]
        off_b = [offsets(sb, j, blk.b if blk else None, nxt.b if nxt else None) for j in gb]
        scores = {}
        for x, i in enumerate(ga):
            for y, j in enumerate(gb):
                d = min((abs(p - q) for p, q in zip(off_a[x], off_b[y]) if p is not None and q is not None),
                        default=MAX_OFFSET_SKEW + 1)
                if d <= MAX_OFFSET_SKEW:
                    scores[(x, y)] = MAX_OFFSET_SKEW + 1 - d + _likeness(sa[i], sb[j])
        for x, y in _best_monotone(scores, len(ga), len(gb)):
            out.append(Block([ga[x]], [gb[y]], "position"))
    return out


def _likeness(s: _Sentence, t: _Sentence) -> float:
    """How alike two sentences' numbers look (0..2): as many numbers written in digits, and the
    same comparison groups (a sentence with a share and a date meets one with a share and a date)."""
    strict_s = [n for n in s.nums if not n.loose]
    strict_t = [n for n in t.nums if not n.loose]
    same_count = 1.0 if len(strict_s) == len(strict_t) else 0.0
    gs, gt = {n.group for n in strict_s}, {n.group for n in strict_t}
    return same_count + (len(gs & gt) / len(gs | gt) if gs | gt else 0.0)


def _best_monotone(scores: dict[tuple[int, int], float], n: int, m: int) -> list[tuple[int, int]]:
    """The pairs (x, y) of greatest total score with x and y strictly increasing (a small DP)."""
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            take = scores.get((x, y))
            best[x][y] = max(best[x + 1][y], best[x][y + 1],
                             take + best[x + 1][y + 1] if take is not None else -1.0)
    out, x, y = [], 0, 0
    while x < n and y < m:
        take = scores.get((x, y))
        if take is not None and best[x][y] == take + best[x + 1][y + 1]:
            out.append((x, y))
            x, y = x + 1, y + 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
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
        # only the columns pairing reads (a copy of the whole prepared frame was most of the
        # check's memory on a million claims)
        narrow = c[[k for k in _PAIRING_COLUMNS if k in c.columns]]
        found = find_pairs(narrow)  # (the signatures are worked out there, once for copies of a document)
        pairs = list(zip(found["zh_doc"], found["en_doc"]))
    if not pairs:
        return empty_findings()
    # the claims of paired documents only, as Python lists (positions local to them)
    paired = c["doc_id"].isin({d for pair in pairs for d in pair}).to_numpy()
    if not paired.all():
        c = c[paired].reset_index(drop=True)
    index = c.groupby("doc_id").indices
    table = _Table(c)
    content = _doc_contents(c, index)
    # a pair of copies of a pair already compared (the same claims in both documents) finds the
    # same: its findings are written from the first pair's, with the copies' claims
    done: dict[tuple, tuple] = {}
    records: list[dict] = []
    for zh_doc, en_doc in pairs:
        named = name_key(zh_doc) != "" and name_key(zh_doc) == name_key(en_doc)
        (key_a, rows_a), (key_b, rows_b) = content[zh_doc], content[en_doc]
        seen = done.get((key_a, key_b, named))
        if seen is None:
            found = pair_findings(table, index[zh_doc], index[en_doc], named)
            done[(key_a, key_b, named)] = (found, rows_a, rows_b)
            records.extend(render_findings(table, found, zh_doc, en_doc))
            continue
        found, first_a, first_b = seen
        rows = dict(zip(first_a, rows_a)) | dict(zip(first_b, rows_b))
        records.extend(render_findings(table, found, zh_doc, en_doc, rows))
    if not records:
        return empty_findings()
    return pd.DataFrame.from_records(records)


#: the claim columns a pair's comparison reads besides the ids (documents with equal values in the
#: same order are copies whose pairs find the same)
_CONTENT_COLUMNS = ("start", "end", "sentence_id", "surface", "sentence", "kind", "mclass", "unit", "period",
                    "metric_key", "value_num", "lo", "hi", "low", "high")


def _doc_contents(c: pd.DataFrame, index: dict) -> dict:
    """``doc_id -> (content key, claim positions in text order)``: the key is the same for two
    documents whose claims are the same but for their ids (one 64-bit hash per claim, in order)."""
    cols = [k for k in _CONTENT_COLUMNS if k in c.columns]
    frame = c[cols].copy()
    for k in ("low", "high"):
        if k in frame.columns:
            frame[k] = pd.to_numeric(frame[k], errors="coerce")
    h = pd.util.hash_pandas_object(frame, index=False).to_numpy(dtype=np.uint64)
    start, end = c["start"].to_numpy(dtype="int64"), c["end"].to_numpy(dtype="int64")
    out = {}
    for doc, rows in index.items():
        rows = rows[np.lexsort((rows, end[rows], start[rows]))]  # text order, as _numbers reads them
        out[doc] = (h[rows].tobytes(), rows.tolist())
    return out


def compare_pair(t: _Table, rows_a, rows_b, named: bool = False) -> list[dict]:
    """Findings for one document pair (``rows_a`` the positions in ``t`` of the Chinese claims,
    ``rows_b`` of the English ones).  A pair ``named`` as translations (ids equal but for a
    language tag) is compared even when fewer than two sentences share numbers: its sentences
    before the first shared one are aligned by their place from the start."""
    return render_findings(t, pair_findings(t, rows_a, rows_b, named), t.doc_id[rows_a[0]], t.doc_id[rows_b[0]])


def pair_findings(t: _Table, rows_a, rows_b, named: bool = False) -> list[tuple]:
    """What :func:`compare_pair` finds, before it is written out: ``("single", num, side, block)``,
    ``("pair", num_a, num_b, verdict, block, doubt)`` or ``("uneven", nums_a, nums_b, block)``
    (:func:`render_findings` writes them; a copy of the pair is written from the same tuples)."""
    na, nb = _numbers(t, rows_a), _numbers(t, rows_b)
    sa = _sentences(na, {t.sentence_id[r]: t.sentence[r] for r in rows_a})
    sb = _sentences(nb, {t.sentence_id[r]: t.sentence[r] for r in rows_b})
    blocks = align_sentences(sa, sb, from_start=named)
    if not named and sum(blk.how == "anchor" for blk in blocks) < 2:
        return []  # not aligned: not (enough of) a translation to compare sentence by sentence
    out: list[tuple] = []
    # sentences with no counterpart: their statistical numbers are stated on one side only
    in_a = {i for blk in blocks for i in blk.a}
    in_b = {j for blk in blocks for j in blk.b}
    for side, sents, taken in (("zh", sa, in_a), ("en", sb, in_b)):
        for k, sent in enumerate(sents):
            if k not in taken:
                out.extend(("single", n, side, None) for n in sent.nums if n.statistical and not n.loose)
    for blk in blocks:
        xs = [n for i in blk.a for n in sa[i].nums]
        ys = [n for j in blk.b for n in sb[j].nums]
        matched = _match(xs, ys)
        for x, y in matched:
            out.append(("pair", xs[x], ys[y], Verdict.CONSISTENT, blk, ""))
        mx, my = {x for x, _ in matched}, {y for _, y in matched}
        rest_x = [n for k, n in enumerate(xs) if k not in mx and not n.loose]
        rest_y = [n for k, n in enumerate(ys) if k not in my and not n.loose]
        # a leftover whose value the other side's sentence states more often than it was read
        # there (``5 a.m.`` or ``一級`` not read as claims) was not altered: it is left alone
        text_a = " ".join(sa[i].text for i in blk.a)
        text_b = " ".join(sb[j].text for j in blk.b)
        rest_x = [n for n in rest_x if not _unread(n.value, text_b, ys)]
        rest_y = [n for n in rest_y if not _unread(n.value, text_a, xs)]
        # a leftover whose value the other side's leftover spells, read there as another value
        # (``63 成`` read as 630 / ``63 per cent``; ``7`` / ``seven halves`` read as 3.5): the same
        # number read differently, left alone
        for x in list(rest_x):
            y = next((y for y in rest_y if _spelled(x, y)), None)
            if y is not None:
                rest_x.remove(x)
                rest_y.remove(y)
        lone_x, lone_y = [], []
        for group in dict.fromkeys([n.group for n in rest_x + rest_y]):
            gx = [n for n in rest_x if n.group == group]
            gy = [n for n in rest_y if n.group == group]
            if gx and gy and len(gx) == len(gy):
                out.extend(_differ(x, y, blk) for x, y in zip(gx, gy))
            elif gx and gy:
                out.append(("uneven", gx, gy, blk))
            else:
                lone_x += gx
                lone_y += gy
        if len(lone_x) == 1 and len(lone_y) == 1 and _near(lone_x[0], lone_y[0], blk.how == "anchor"):
            # one number left on each side, read as different kinds (``98分钟`` / ``89th``, ``2416年``
            # / ``2016``): they are the pair
            out.append(_differ(lone_x[0], lone_y[0], blk))
            continue
        out.extend(("single", n, "zh", blk) for n in lone_x if n.statistical)
        out.extend(("single", n, "en", blk) for n in lone_y if n.statistical)
    return out


def render_findings(t: _Table, found: list[tuple], doc_a: str, doc_b: str, rows: dict | None = None) -> list[dict]:
    """The finding records of :func:`pair_findings` (Chinese document ``doc_a``, English ``doc_b``);
    ``rows`` maps the numbers' claim positions to those of a copy of the pair (the same claims)."""
    def at(n: _Num) -> _Num:
        if rows is None:
            return n
        copy = object.__new__(_Num)  # dataclasses.replace re-runs __init__: this is 5x cheaper
        copy.__dict__.update(n.__dict__)
        copy.row = rows[n.row]
        return copy

    out: list[dict] = []
    for item in found:
        if item[0] == "single":
            _, n, side, blk = item
            out.append(_single(t, at(n), doc_b if side == "zh" else doc_a, side, blk))
        elif item[0] == "pair":
            _, x, y, verdict, blk, doubt = item
            out.append(_pair(t, at(x), at(y), verdict, blk, doubt))
        else:
            _, gx, gy, blk = item
            out.append(_uneven(t, [at(n) for n in gx], [at(n) for n in gy], blk))
    return out


def _differ(x: _Num, y: _Num, blk: Block) -> tuple:
    doubt = _notation_doubt(x, y)
    return ("pair", x, y, Verdict.NEEDS_REVIEW if doubt else Verdict.CONTRADICTED, blk, doubt)


def _spelled(x: _Num, y: _Num) -> bool:
    """Does one number's surface spell the other's value (the same number read two ways)?"""
    return bool(stated_values(y.surface).get(x.value) or stated_values(x.surface).get(y.value))


def _near(x: _Num, y: _Num, anchored: bool = False) -> bool:
    """Could be the same number read as different kinds: within a factor of ten of each other
    (numbers of 10 or more), or, in sentences aligned by the numbers they share, both written in
    digits (``10-0`` / ``10-6 lead``); never dates."""
    if x.kind == "date" or y.kind == "date" or not (math.isfinite(x.value) and math.isfinite(y.value)):
        return False
    if anchored and x.digits and y.digits:
        return True
    if not (x.value >= 10 and y.value >= 10):
        return False
    return max(x.value, y.value) / min(x.value, y.value) <= 10 + 1e-9


def _unread(value: float, text: str, claims: list[_Num]) -> bool:
    """Does ``text`` state ``value`` more often than ``claims`` (the numbers read from it) hold it
    or spell it (``63 成`` read as another value still spells 63)?"""
    stated = stated_values(text).get(value, 0)
    return stated > sum(1 for n in claims if n.value == value or stated_values(n.surface).get(value, 0))


_DIGITS_RE = re.compile(r"\d+(?:[.,]\d+)*")
_CLOCK_RE = re.compile(r"(?<![\d.:])([01]?\d|2[0-3])[:：]([0-5]\d)(?![\d:])")
_CN_RE = re.compile(r"[零〇一二两兩三四五六七八九十百千万萬亿億]+")
_WORD_RE = re.compile(r"[A-Za-z]+")


@lru_cache(maxsize=4096)
def stated_values(text: str) -> Counter:
    """How often a sentence spells each number (digits, Chinese numerals, English number words;
    a clock time ``7:55`` also as 7.55), whether or not it was read as a claim."""
    out: Counter = Counter()
    for m in _CLOCK_RE.finditer(text):  # 7:55 is 7.55am in British notation
        out[int(m.group(1)) + int(m.group(2)) / 100] += 1
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


def _clip(text: str, n: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


_HOW = {"anchor": ("按共同数字对齐的句子", "sentences aligned by the numbers they share"),
        "position": ("按位置对齐的句子（位于两组已对齐句子之间）", "sentences aligned by position between aligned sentences")}


def _pair(t: _Table, x: _Num, y: _Num, verdict: str, blk: Block, doubt: str = "") -> dict:
    ra, rb = x.row, y.row
    doc_a, doc_b, sa, sb = t.doc_id[ra], t.doc_id[rb], t.surface[ra], t.surface[rb]
    how_zh, how_en = _HOW[blk.how]
    if verdict == Verdict.CONSISTENT:
        zh, en = "译文一致", "match"
        tail_zh = tail_en = ""
    elif verdict == Verdict.CONTRADICTED:
        zh, en = "不同：译文中的数字被改动", "differ: a number was altered in translation"
        tail_zh = f"（{how_zh}：{quote(_clip(t.sentence[ra]))} / {quote(_clip(t.sentence[rb]))}）"
        tail_en = f" ({how_en})"
    else:
        zh, en = f"不同，需人工核对：{doubt}", f"differ; review — {doubt}"
        tail_zh = f"（{how_zh}）"
        tail_en = f" ({how_en})"
    va, vb = t.value_num[ra], t.value_num[rb]
    rd = (vb - va) / abs(va) if va else math.nan
    return {
        "verdict": verdict,
        "claim_ids": [t.claim_id[ra], t.claim_id[rb]],
        "doc_ids": [doc_a, doc_b],
        "metric_key": t.metric_key[ra] or t.metric_key[rb],
        "period": t.period[ra] or t.period[rb],
        "observed": t.interval(rb),
        "expected": t.interval(ra),
        "rel_diff": rd if math.isfinite(rd) else math.nan,
        "tolerance": 0.0,
        "explanation": (
            f"文档 {doc_a} 的{quote(sa)}与其译文 {doc_b} 的{quote(sb)}{zh}{tail_zh}。"
            f" Document {doc_a} {quote(sa)} and its translation {doc_b}"
            f" {quote(sb)} {en}{tail_en}."
        ),
        "evidence": [{"doc_id": t.doc_id[r], "start": t.start[r], "end": t.end[r]} for r in (ra, rb)],
        "id_extra": "pair",
    }


def _uneven(t: _Table, gx: list[_Num], gy: list[_Num], blk: Block) -> dict:
    sx = "、".join(quote(n.surface) for n in gx)
    sy = "、".join(quote(n.surface) for n in gy)
    sx_en = ", ".join(quote(n.surface) for n in gx)
    sy_en = ", ".join(quote(n.surface) for n in gy)
    x0, y0 = gx[0].row, gy[0].row
    doc_a, doc_b = t.doc_id[x0], t.doc_id[y0]
    how_zh, how_en = _HOW[blk.how]
    return {
        "verdict": Verdict.NEEDS_REVIEW,
        "claim_ids": [t.claim_id[n.row] for n in gx] + [t.claim_id[n.row] for n in gy],
        "doc_ids": [doc_a, doc_b],
        "metric_key": t.metric_key[x0] or t.metric_key[y0],
        "period": t.period[x0] or t.period[y0],
        "observed": t.interval(y0),
        "expected": t.interval(x0),
        "rel_diff": np.nan,
        "tolerance": np.nan,
        "explanation": (
            f"{how_zh}中数字不同，需人工核对哪一个对应哪一个：文档 {doc_a} 为 {sx}，译文 {doc_b} 为 {sy}。"
            f" In {how_en}, the numbers differ and do not pair one to one (review which corresponds):"
            f" document {doc_a} states {sx_en}, its translation {doc_b} states {sy_en}."
        ),
        "evidence": [{"doc_id": t.doc_id[n.row], "start": n.start, "end": n.end} for n in gx + gy],
        "id_extra": "uneven",
    }


def _single(t: _Table, n: _Num, other_doc: str, side: str, blk: Block | None) -> dict:
    r = n.row
    doc, surface = t.doc_id[r], t.surface[r]
    where_zh = "对应句子" if blk is not None else "相应位置"
    where_en = "the aligned sentence" if blk is not None else "any sentence aligned with this one"
    if side == "zh":
        zh_what, en_what = f"在译文的{where_zh}中没有出现", f"is not stated in {where_en} of the translation"
    else:
        zh_what, en_what = f"在原文的{where_zh}中没有出现", f"is not stated in {where_en} of the original"
    return {
        "verdict": Verdict.UNVERIFIABLE,
        "claim_ids": [t.claim_id[r]],
        "doc_ids": [doc, other_doc],
        "metric_key": t.metric_key[r],
        "period": t.period[r],
        "observed": t.interval(r),
        "expected": {"value": None, "low": None, "high": None},
        "rel_diff": np.nan,
        "tolerance": np.nan,
        "explanation": (
            f"文档 {doc} 的{quote(surface)}{zh_what}（文档 {other_doc}），只有一方说明，无法核对。"
            f" Document {doc} {quote(surface)} {en_what} ({other_doc}); stated on one side only."
        ),
        "evidence": [{"doc_id": doc, "start": t.start[r], "end": t.end[r]}],
        "id_extra": f"single:{other_doc}",
    }
