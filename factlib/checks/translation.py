"""Check ``translation``: find document pairs that translate each other and align their numbers.

Pairs: a Chinese and an English document sharing many claims (same measure class and value; dates
by calendar day), dated the same day when both dates are known.  Shared signatures are counted
with one merge; signatures found in very many documents (common years) are ignored.  Each
document keeps its best partner when the choice is mutual.

Alignment follows document order (difflib on the signature sequences): equal signatures are
consistent pairs; a one-to-one replacement of the same class between aligned neighbours is a number
altered in translation (contradicted); a number without a partner is needs_review.
``22个国家`` ↔ ``22 countries`` align on (count, 22).
"""
from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from factlib.checks.prepare import CheckContext
from factlib.checks.findings import empty_findings, quote
from factlib.checks.intervals import Verdict, interval_dict
from factlib.checks.registry import register_check
from factlib.checks.temporal import claim_date
from factlib.vocab.calendar import EN_MONTH_NAMES
from factlib.vocab.lexicon import normalize_phrase

#: a pair needs at least this many shared signatures …
MIN_SHARED = 3
#: … covering at least this share of the smaller document's signatures
MIN_OVERLAP = 0.5
#: signatures present in more documents than this are too common to identify a pair
MAX_DOC_FREQ = 50


def signatures(c: pd.DataFrame) -> pd.Series:
    """One comparable token per claim: measure class and value (dates by day)."""
    value = c["value_num"].round(6)
    text = value.map(lambda v: "" if not np.isfinite(v) else format(float(v), "g") if abs(v) < 1e15 else repr(float(v)))
    rng = c["lo"].map(lambda v: format(float(v), "g")) + "~" + c["hi"].map(lambda v: format(float(v), "g"))
    text = text.where(text != "", rng)
    cls = c["mclass"].astype(str)
    sig = cls + ":" + text
    is_date = c["kind"] == "date"
    if is_date.any():
        # by month and day: a translation often drops the year the original states (or vice versa)
        sig.loc[is_date] = ["date:" + _month_day(s, p) for s, p in zip(c.loc[is_date, "surface"], c.loc[is_date, "period"])]
    return sig


_MD_ZH = re.compile(r"(\d{1,2})月(\d{1,2})日")
_MONTHS = list(EN_MONTH_NAMES)
_MD_EN = re.compile(rf"({'|'.join(_MONTHS)})\.?\s+(\d{{1,2}})\b")


def _month_day(surface: str, period: str) -> str:
    """``MM-DD`` of a date claim, else its ISO period, else its surface."""
    text = normalize_phrase(surface).replace(" ", "")
    m = _MD_ZH.search(text)
    if m:
        return f"{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    m = _MD_EN.search(normalize_phrase(surface))
    if m:
        return f"{_MONTHS.index(m.group(1)) + 1:02d}-{int(m.group(2)):02d}"
    return period or surface


def _lang_group(lang: pd.Series) -> pd.Series:
    low = lang.fillna("").str.lower()
    return np.where(low.str.startswith("zh"), "zh", np.where(low.str.startswith("en"), "en", ""))


def find_pairs(c: pd.DataFrame) -> pd.DataFrame:
    """Translation pairs: columns ``zh_doc``, ``en_doc``, ``shared``, ``overlap``."""
    t = pd.DataFrame({"doc_id": c["doc_id"], "lang": _lang_group(c["lang"]), "sig": c["sig"]})
    t = t[t["lang"] != ""]
    counts = t.groupby(["doc_id", "lang"]).size().rename("n").reset_index()
    counts = counts.sort_values(["doc_id", "n", "lang"], ascending=[True, False, True]).drop_duplicates("doc_id")
    doc_lang = counts.set_index("doc_id")["lang"]
    t = t[t["lang"] == t["doc_id"].map(doc_lang)].drop_duplicates(["doc_id", "sig"])
    sizes = t.groupby("doc_id").size()
    freq = t.groupby("sig")["doc_id"].transform("size")
    t = t[freq <= MAX_DOC_FREQ]
    zh, en = t[t["lang"] == "zh"], t[t["lang"] == "en"]
    if zh.empty or en.empty:
        return pd.DataFrame(columns=["zh_doc", "en_doc", "shared", "overlap"])
    m = zh.merge(en, on="sig", suffixes=("_zh", "_en"))
    pairs = m.groupby(["doc_id_zh", "doc_id_en"]).size().rename("shared").reset_index()
    smaller = np.minimum(pairs["doc_id_zh"].map(sizes).to_numpy(), pairs["doc_id_en"].map(sizes).to_numpy())
    pairs["overlap"] = pairs["shared"] / smaller
    pairs = pairs[(pairs["shared"] >= MIN_SHARED) & (pairs["overlap"] >= MIN_OVERLAP)]
    # same day when both dates are known
    dates = c.groupby("doc_id")["doc_date"].first()
    dz, de = pairs["doc_id_zh"].map(dates), pairs["doc_id_en"].map(dates)
    pairs = pairs[dz.isna() | de.isna() | (dz == de)]
    # mutual best partners
    pairs = pairs.sort_values(["overlap", "shared", "doc_id_zh", "doc_id_en"], ascending=[False, False, True, True])
    pairs = pairs.drop_duplicates("doc_id_zh").drop_duplicates("doc_id_en")
    return pairs.rename(columns={"doc_id_zh": "zh_doc", "doc_id_en": "en_doc"}).reset_index(drop=True)


@register_check("translation")
def check_translation(ctx: CheckContext) -> pd.DataFrame:
    """Claims of a document and its translation, aligned one-to-one."""
    c = ctx.claims.copy()
    if c.empty:
        return empty_findings()
    c["sig"] = signatures(c)
    pairs = find_pairs(c)
    records = []
    if pairs.empty:
        return empty_findings()
    index = c.groupby("doc_id").indices
    for zh_doc, en_doc in zip(pairs["zh_doc"], pairs["en_doc"]):
        a = c.iloc[index[zh_doc]].sort_values("start")
        b = c.iloc[index[en_doc]].sort_values("start")
        records.extend(_align(a, b))
    if not records:
        return empty_findings()
    return pd.DataFrame.from_records(records)


def _align(a: pd.DataFrame, b: pd.DataFrame) -> list[dict]:
    sa, sb = a["sig"].tolist(), b["sig"].tolist()
    ca, cb = a["mclass"].tolist(), b["mclass"].tolist()
    out = []
    matcher = difflib.SequenceMatcher(a=sa, b=sb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(_pair(a.iloc[i], b.iloc[j], Verdict.CONSISTENT) for i, j in zip(range(i1, i2), range(j1, j2)))
            continue
        left, right = list(range(i1, i2)), list(range(j1, j2))
        if tag == "replace" and len(left) == len(right) and [ca[i] for i in left] == [cb[j] for j in right]:
            out.extend(_pair(a.iloc[i], b.iloc[j], Verdict.CONTRADICTED) for i, j in zip(left, right))
            continue
        # uneven blocks: pair same-class claims in order (needs_review), the rest have no partner
        used = set()
        for i in left:
            j = next((j for j in right if j not in used and cb[j] == ca[i]), None)
            if j is None:
                out.append(_single(a.iloc[i], b["doc_id"].iloc[0] if len(b) else "", "zh"))
            else:
                used.add(j)
                out.append(_pair(a.iloc[i], b.iloc[j], Verdict.NEEDS_REVIEW))
        for j in right:
            if j not in used:
                out.append(_single(b.iloc[j], a["doc_id"].iloc[0] if len(a) else "", "en"))
    return out


def _interval(row) -> dict:
    return interval_dict([row["value_num"]], [row["lo"]], [row["hi"]])[0]


def _pair(x: pd.Series, y: pd.Series, verdict: str) -> dict:
    if x["kind"] == "date" and y["kind"] == "date":
        dx, dy = claim_date(x["surface"], x["period"]), claim_date(y["surface"], y["period"])
        if dx and dy and dx != dy and verdict == Verdict.CONSISTENT:
            verdict = Verdict.CONTRADICTED
        elif verdict == Verdict.CONTRADICTED and not (dx and dy):
            verdict = Verdict.NEEDS_REVIEW  # month-day differs but a year is unknown: review
    with np.errstate(divide="ignore", invalid="ignore"):
        rd = (x["value_num"] - y["value_num"]) / abs(y["value_num"]) if y["value_num"] else np.nan
    zh = {Verdict.CONSISTENT: "译文一致", Verdict.CONTRADICTED: "译文中的数字被改动",
          Verdict.NEEDS_REVIEW: "可能对应，需人工核对"}[verdict]
    en = {Verdict.CONSISTENT: "match", Verdict.CONTRADICTED: "differ: a number was altered in translation",
          Verdict.NEEDS_REVIEW: "may correspond (review)"}[verdict]
    return {
        "verdict": verdict,
        "claim_ids": [x["claim_id"], y["claim_id"]],
        "doc_ids": [x["doc_id"], y["doc_id"]],
        "metric_key": x["metric_key"] or y["metric_key"],
        "period": x["period"] or y["period"],
        "observed": _interval(y),
        "expected": _interval(x),
        "rel_diff": -rd if np.isfinite(rd) else np.nan,
        "tolerance": 0.0,
        "explanation": (
            f"文档 {x['doc_id']} 的{quote(x['surface'])}与其译文 {y['doc_id']} 的{quote(y['surface'])}{zh}。"
            f" Document {x['doc_id']} {quote(x['surface'])} and its translation {y['doc_id']}"
            f" {quote(y['surface'])} {en}."
        ),
        "evidence": [{"doc_id": r["doc_id"], "start": int(r["start"]), "end": int(r["end"])} for r in (x, y)],
        "id_extra": "pair",
    }


def _single(x: pd.Series, other_doc: str, side: str) -> dict:
    zh_what = "在译文中没有对应数字（被删去）" if side == "zh" else "在原文中没有对应数字（被添加）"
    en_what = "has no counterpart in the translation (dropped)" if side == "zh" else "has no counterpart in the original (added)"
    return {
        "verdict": Verdict.NEEDS_REVIEW,
        "claim_ids": [x["claim_id"]],
        "doc_ids": [x["doc_id"], other_doc],
        "metric_key": x["metric_key"],
        "period": x["period"],
        "observed": _interval(x),
        "expected": {"value": None, "low": None, "high": None},
        "rel_diff": np.nan,
        "tolerance": np.nan,
        "explanation": (
            f"文档 {x['doc_id']} 的{quote(x['surface'])}与文档 {other_doc} 相比{zh_what}。"
            f" Document {x['doc_id']} {quote(x['surface'])} {en_what} (paired document {other_doc})."
        ),
        "evidence": [{"doc_id": x["doc_id"], "start": int(x["start"]), "end": int(x["end"])}],
        "id_extra": f"single:{other_doc}",
    }
