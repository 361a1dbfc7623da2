"""Check ``reference``: a claim against the official figure for the same metric, period and kind.

One vectorised merge of claims with reference rows on (metric_key, period, measure class); each
claim gets one finding: consistent when its interval overlaps any reference row's, otherwise
contradicted (needs_review when the metric or the period of the claim is uncertain, or when only
lower-tier sources disagree).  Claims with a metric and a period but no reference figure are
``unverifiable``.  A stock (count or share) stated for a year ``YYYY`` is read as at ``YYYY-12``.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from factlib.checks.prepare import CheckContext, measure_class
from factlib.checks.findings import empty_findings, evidence_columns, interval_columns, fmt_number, quote
from factlib.checks.intervals import overlap_verdict, rel_diff, tolerance
from factlib.checks.verdicts import PHRASES, Verdict
from factlib.checks.registry import register_check

COMPARABLE = ("count", "percent", "pp", "growth", "ratio", "permille")
_STOCK = {"count", "percent"}


def comparable(mclass: pd.Series) -> pd.Series:
    """Measure classes that can be compared as numbers across statements."""
    return mclass.isin(COMPARABLE) | mclass.str.startswith("money:") | mclass.str.contains(":", regex=False)


def period_key(period: pd.Series, mclass: pd.Series) -> pd.Series:
    """Join key for periods: a stock stated for a bare year is the year-end month."""
    year_only = period.str.fullmatch(r"\d{4}") & mclass.isin(_STOCK)
    return period.where(~year_only, period + "-12")


#: words that make a figure a plan or a target (争取1997年粮食产量达到4.75亿吨), not a statement of fact:
#: such claims are not compared with official figures (an outcome that misses a plan is no contradiction)
_PLAN = re.compile(r"争取|力争|预期目标|目标|计划|规划|拟|预计|将达到|要达到|确保")
_CLAUSE_END = re.compile(r"[，,；;。！？!?：:]")


def clause_before(sentence: str, surface: str) -> str:
    """The clause of ``sentence`` up to where ``surface`` starts (the words that introduce a number)."""
    at = sentence.find(surface)
    if at < 0:
        return ""
    start = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, at)), default=0)
    return sentence[start:at]


def is_plan(claims: pd.DataFrame) -> np.ndarray:
    """Claims stated as a plan or a target (see ``_PLAN``)."""
    return np.fromiter((bool(_PLAN.search(clause_before(str(s), str(f)))) for s, f in
                        zip(claims["sentence"], claims["surface"])), dtype=bool, count=len(claims))


def keyed_claims(claims: pd.DataFrame, columns: list[str], classes: pd.Series | None = None) -> pd.DataFrame:
    """The claims that have a metric key and a period (and, when given, a measure class that
    ``classes`` accepts), as ``columns`` plus the period join key ``pkey``."""
    mask = (claims["metric_key"] != "") & (claims["period"] != "")
    if classes is not None:
        mask &= classes
    out = claims.loc[mask, columns].copy()
    out["pkey"] = period_key(out["period"], out["mclass"])
    return out


def area_key(frame: pd.DataFrame) -> pd.Series:
    """Join key for areas: the ``area`` column (claims or reference rows), ``CN`` when absent or
    empty -- a figure is compared only with figures of the same area (national by default)."""
    if "area" not in frame.columns:
        return pd.Series("CN", index=frame.index, dtype=object)
    area = frame["area"].astype(object).fillna("").astype(str)
    return area.where(area != "", "CN")


def prepare_reference(ref: pd.DataFrame) -> pd.DataFrame:
    """Reference rows with ``mclass``, ``pkey`` and ``akey`` join columns, and ``published_at``
    (the day the figure was published, NaT when unknown) and ``later`` (a restatement in a later
    source, vintage ``later``)."""
    r = ref.copy()
    r["mclass"] = measure_class(r["kind"], r["unit_code"])
    r["pkey"] = period_key(r["period"].astype(str), r["mclass"])
    r["akey"] = area_key(r)
    published = r["published"] if "published" in r.columns else pd.Series("", index=r.index)
    r["published_at"] = pd.to_datetime(published.astype(object).fillna("").astype(str), errors="coerce", format="mixed")
    vintage = r["vintage"] if "vintage" in r.columns else pd.Series("", index=r.index)
    r["later"] = vintage.astype(object).fillna("").astype(str) == "later"
    return r


def applicable(pairs: pd.DataFrame) -> pd.Series:
    """Which claim-figure pairs may be compared, given vintages: a claim whose document date is
    known is held to figures published by then (a revision published later does not apply to it);
    a claim of unknown date is not contradicted by a later restatement alone (``later`` rows)."""
    date = pd.to_datetime(pairs["doc_date"], errors="coerce") if "doc_date" in pairs.columns else None
    if date is None:
        return pd.Series(True, index=pairs.index)
    published = pairs["published_at"]
    after = date.notna() & published.notna() & (published > date)
    return ~after


@register_check("reference", layout="document")
def check_reference(ctx: CheckContext) -> pd.DataFrame:
    """Claims against official figures for the same metric_key and period."""
    c = ctx.claims
    ref = ctx.reference
    columns = ["metric_key", "period", "mclass", "lo", "hi", "value_num"] + (["doc_date"] if "doc_date" in c.columns else [])
    cand = keyed_claims(c, columns, comparable(c["mclass"]))
    if not cand.empty:
        cand = cand[~is_plan(c.loc[cand.index])]
    if cand.empty:
        return empty_findings()
    cand["row"] = cand.index
    cand["akey"] = area_key(c.loc[cand.index])
    if ref is None or ref.empty:
        pairs = cand.iloc[0:0].assign(ref_pos=pd.Series(dtype=int))
    else:
        r = prepare_reference(ref).reset_index(drop=True)
        r["ref_pos"] = r.index
        pairs = cand.merge(
            r[["metric_key", "pkey", "mclass", "akey", "ref_pos", "low", "high", "value", "lower_tier", "qualifier",
               "published_at", "later"]],
            on=["metric_key", "pkey", "mclass", "akey"],
            how="inner",
        )
        pairs = pairs[applicable(pairs).to_numpy()]
    if not pairs.empty:
        pairs["verdict"] = overlap_verdict(pairs["lo"], pairs["hi"], pairs["low"], pairs["high"])
        # a later restatement alone does not contradict a claim of unknown date (it may quote the
        # figure first published); it still confirms one
        undated = pd.to_datetime(pairs["doc_date"], errors="coerce").isna() if "doc_date" in pairs.columns else True
        pairs = pairs[~((pairs["verdict"] == Verdict.CONTRADICTED) & pairs["later"] & undated)]
    if not pairs.empty:
        pairs["rd"] = rel_diff(pairs["value_num"], pairs["value"], pairs["lo"], pairs["hi"], pairs["low"], pairs["high"])
        pairs["rank"] = np.where(pairs["verdict"] == Verdict.CONSISTENT, 0, 1)
        pairs["absrd"] = pairs["rd"].abs().fillna(np.inf)
        pairs = pairs.sort_values(["row", "rank", "lower_tier", "absrd", "ref_pos"], kind="stable")
        pairs["all_lower_tier"] = pairs.groupby("row")["lower_tier"].transform("all")
        best = pairs.drop_duplicates("row", keep="first").set_index("row")
    else:
        best = pd.DataFrame(columns=["ref_pos", "verdict", "rd", "all_lower_tier", "low", "high", "value"])

    rows = cand["row"].to_numpy()
    matched = np.isin(rows, best.index.to_numpy())
    out = pd.DataFrame({"row": rows})
    b = best.reindex(rows)
    verdict = np.where(matched, b["verdict"].to_numpy(dtype=object), Verdict.UNVERIFIABLE).astype(object)
    certain = (c.loc[rows, "metric_certain"].to_numpy() & c.loc[rows, "period_certain"].to_numpy())
    lower_only = b["all_lower_tier"].fillna(False).to_numpy(dtype=bool)
    downgrade = (verdict == Verdict.CONTRADICTED) & (~certain | lower_only)
    verdict[downgrade] = Verdict.NEEDS_REVIEW
    out["verdict"] = verdict

    claims = c.loc[rows]
    exp_lo = b["low"].to_numpy(dtype=float, na_value=np.nan)
    exp_hi = b["high"].to_numpy(dtype=float, na_value=np.nan)
    exp_v = b["value"].to_numpy(dtype=float, na_value=np.nan)
    out["claim_ids"] = [[x] for x in claims["claim_id"]]
    out["doc_ids"] = [[x] for x in claims["doc_id"]]
    out["metric_key"] = claims["metric_key"].to_numpy()
    out["period"] = claims["period"].to_numpy()
    out = out.assign(**interval_columns("observed", claims["value_num"], claims["lo"], claims["hi"]))
    out = out.assign(**interval_columns("expected", exp_v, exp_lo, exp_hi))
    out["rel_diff"] = rel_diff(claims["value_num"].to_numpy(), exp_v, claims["lo"].to_numpy(), claims["hi"].to_numpy(), exp_lo, exp_hi)
    out["tolerance"] = tolerance(claims["lo"], claims["hi"], exp_lo, exp_hi, exp_v)
    out = out.assign(**evidence_columns(c, [[i] for i in rows]))
    ref_pos = b["ref_pos"].to_numpy(dtype=float, na_value=np.nan)
    has_ref = ~np.isnan(ref_pos)
    pos = np.where(has_ref, ref_pos, 0).astype(int)
    if ref is not None and len(ref):
        rr = ref.reset_index(drop=True)
        ref_id = np.where(has_ref, rr["ref_id"].to_numpy(dtype=object)[pos], "")
        source = np.where(has_ref, rr["source_name"].to_numpy(dtype=object)[pos], "")
        url = np.where(has_ref, rr["source_url"].to_numpy(dtype=object)[pos], "")
        unit = np.where(has_ref, rr["unit"].to_numpy(dtype=object)[pos], "")
    else:
        ref_id = source = url = unit = np.full(len(rows), "", dtype=object)
    out["id_extra"] = ref_id
    out["explanation"] = [
        _explain(doc, surf, key, per, src, u, ev, unit_, v, rd, ok)
        for doc, surf, key, per, src, u, ev, unit_, v, rd, ok in zip(
            claims["doc_id"], claims["surface"], claims["metric_key"], claims["period"], source, url,
            exp_v, unit, out["verdict"], out["rel_diff"], has_ref,
        )
    ]
    return out.drop(columns=["row"])


# the verdict phrases of checks.verdicts, the review naming its doubt
_ZH = {v: p.zh_with for v, p in PHRASES.items()}
_ZH[Verdict.NEEDS_REVIEW] += "，但指标或时间不确定，需人工核对"
_EN = {v: p.en_with for v, p in PHRASES.items()}
_EN[Verdict.NEEDS_REVIEW] += " (metric, period or source uncertain; review)"


def _explain(doc, surface, key, period, source, url, exp_value, unit, verdict, rd, has_ref) -> str:
    surface = quote(surface)
    if not has_ref:
        return (
            f"文档 {doc} 的{surface}（{key}，{period}）在参考数据中没有同一指标、同一时期的官方数字，无法核实。"
            f" Document {doc} states {surface} ({key}, {period}); the reference data has no official figure"
            f" for this metric and period."
        )
    diff = "" if not np.isfinite(rd) else f"（相差 {rd:+.2%}）"
    diff_en = "" if not np.isfinite(rd) else f" (difference {rd:+.2%})"
    figure = f"{fmt_number(exp_value)} {unit}".strip()
    return (
        f"文档 {doc} 的{surface}（{key}，{period}）与{source}公布的 {figure}{_ZH[verdict]}{diff}。"
        f" Document {doc} states {surface} ({key}, {period}), {_EN[verdict]} {figure} from {source}{diff_en}"
        f" <{url}>."
    )
