"""Check ``cross_document``: one metric and period stated in several documents must agree.

Claims are grouped by (metric_key, period, measure class, area, period type and granularity): a
change never meets a level, a province never meets the nation, a year never meets a month.  A group
spanning two or more documents gets one finding.  The intervals of a group are jointly consistent exactly when the largest lower
bound does not exceed the smallest upper bound, so one group-by answers it without comparing
pairs: ``10.67亿`` ([10.665, 10.675]) and ``10.7亿`` ([10.65, 10.75]) agree.  A disagreement names
the two claims that bound it (the highest low and the lowest high) with both quotes; it is
``contradicted`` only when neither claim carries a doubt (metric, period, area: ``prepare``), else
``needs_review`` naming the doubts, and ``unverifiable`` when the two are more than ten times apart
and one of them does not name its area in its own phrase (two places or groups, not one figure
stated twice).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from factlib.checks.columns import coded_columns, decoded_columns
from factlib.checks.prepare import CheckContext
from factlib.checks.findings import empty_findings, evidence_columns, interval_columns, quote
from factlib.checks.intervals import Verdict, rel_diff, tolerance
from factlib.checks.official import SCALE_APART, comparable, join_doubts, keyed_claims
from factlib.checks.prepare import NATIONAL
from factlib.checks.registry import register_check

#: evidence lists are capped so one very common statement cannot produce a huge finding
MAX_EVIDENCE = 50


@register_check("cross_document", layout="metric")
def check_cross_document(ctx: CheckContext) -> pd.DataFrame:
    """The same metric_key and period stated in several documents: agreement within rounding."""
    c = ctx.claims
    cand = keyed_claims(c, ["doc_id", "metric_key", "period", "mclass", "lo", "hi", "akey", "ptype", "gran"],
                        comparable(c["mclass"]))
    if cand.empty:
        return empty_findings()
    keys = ["metric_key", "pkey", "mclass", "akey", "ptype", "gran"]
    # the keys and documents as integer codes while grouping (the same groups in the same order)
    coded = coded_columns(cand, [*keys, "doc_id"])
    if coded is not None:
        cand, names = coded
    grouped = cand.groupby(keys, sort=False, observed=True)
    ndocs = grouped["doc_id"].transform("nunique")
    cand = cand[ndocs >= 2]
    if cand.empty:
        return empty_findings()
    cand["row"] = cand.index
    grouped = cand.groupby(keys, sort=True, observed=True)
    lo_row = grouped["lo"].idxmax()
    hi_row = grouped["hi"].idxmin()
    members = grouped["row"].agg(list)
    summary = pd.DataFrame({"lo_row": lo_row, "hi_row": hi_row, "members": members}).reset_index()
    if coded is not None:
        summary = decoded_columns(summary, names, inferred=True)  # as the group keys come out

    a = summary["lo_row"].to_numpy()          # the claim with the highest lower bound
    b = summary["hi_row"].to_numpy()          # the claim with the lowest upper bound
    max_lo = c.loc[a, "lo"].to_numpy()
    min_hi = c.loc[b, "hi"].to_numpy()
    agree = max_lo <= min_hi
    # in an agreeing group, show the first two claims of different documents
    doc_arr = c["doc_id"].to_numpy(dtype=object)
    first_pair = [_two_docs(m, doc_arr) for m in summary["members"]]
    obs = np.where(agree, [p[0] for p in first_pair], a)
    exp = np.where(agree, [p[1] for p in first_pair], b)
    doubts = np.array(join_doubts(c.loc[obs, "doubt"], c.loc[exp, "doubt"]), dtype=object)
    v_obs, v_exp = np.abs(c.loc[obs, "value_num"].to_numpy(dtype=float)), np.abs(c.loc[exp, "value_num"].to_numpy(dtype=float))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.maximum(v_obs, v_exp) / np.minimum(v_obs, v_exp)
    unplaced = (c.loc[obs, "area_basis"].to_numpy() != "phrase") | (c.loc[exp, "area_basis"].to_numpy() != "phrase")
    apart = unplaced & (ratio > SCALE_APART)
    verdict = np.where(agree, Verdict.CONSISTENT, np.where(doubts == "", Verdict.CONTRADICTED, Verdict.NEEDS_REVIEW))
    verdict = np.where(~agree & apart, Verdict.UNVERIFIABLE, verdict).astype(object)

    co, ce = c.loc[obs], c.loc[exp]
    out = pd.DataFrame({"verdict": verdict})
    capped = [m[:MAX_EVIDENCE] for m in summary["members"]]
    # the two bounding claims always lead the lists
    ordered = [[int(o), int(e)] + [i for i in m if i not in (o, e)] for o, e, m in zip(obs, exp, capped)]
    id_arr = c["claim_id"].to_numpy(dtype=object)
    out["claim_ids"] = [id_arr[m].tolist() for m in ordered]
    out["doc_ids"] = [doc_arr[m].tolist() for m in ordered]
    out["metric_key"] = summary["metric_key"].to_numpy()
    out["period"] = co["period"].to_numpy()
    out = out.assign(**interval_columns("observed", co["value_num"], co["lo"], co["hi"]))
    out = out.assign(**interval_columns("expected", ce["value_num"], ce["lo"], ce["hi"]))
    out["rel_diff"] = rel_diff(co["value_num"].to_numpy(), ce["value_num"].to_numpy(), co["lo"].to_numpy(),
                               co["hi"].to_numpy(), ce["lo"].to_numpy(), ce["hi"].to_numpy())
    out["tolerance"] = tolerance(co["lo"], co["hi"], ce["lo"], ce["hi"], ce["value_num"])
    out = out.assign(**evidence_columns(c, ordered))
    # the id keeps its old form for national figures (finding ids stay stable across versions)
    area_part = np.where(summary["akey"] == NATIONAL, "", "@" + summary["akey"].astype(str))
    out["id_extra"] = summary["metric_key"] + "@" + summary["pkey"] + "@" + summary["mclass"] + area_part
    out["explanation"] = [
        _explain(v, key, per, d1, s1, d2, s2, len(m), d)
        for v, key, per, d1, s1, d2, s2, m, d in zip(
            verdict, out["metric_key"], out["period"], co["doc_id"], co["surface"], ce["doc_id"],
            ce["surface"], summary["members"], doubts,
        )
    ]
    return out


def _two_docs(members: list[int], doc_arr: np.ndarray) -> tuple[int, int]:
    first = members[0]
    doc = doc_arr[first]
    for i in members[1:]:
        if doc_arr[i] != doc:
            return first, i
    return first, members[-1]


def _explain(verdict, key, period, d1, s1, d2, s2, n, doubt="") -> str:
    others = f"（共 {n} 条陈述）" if n > 2 else ""
    others_en = f" ({n} statements in all)" if n > 2 else ""
    if verdict == Verdict.CONSISTENT:
        return (
            f"文档 {d1} 的{quote(s1)}与文档 {d2} 的{quote(s2)}对 {key}（{period}）的说法在舍入范围内一致{others}。"
            f" Document {d1} ({quote(s1)}) and document {d2} ({quote(s2)}) agree on {key} for {period}"
            f" within rounding{others_en}."
        )
    if verdict == Verdict.UNVERIFIABLE:
        return (
            f"文档 {d1} 的{quote(s1)}与文档 {d2} 的{quote(s2)}（{key}，{period}）相差十倍以上且未都说明地区："
            f"多半说的是不同地区或人群，不作比较{others}。"
            f" Document {d1} ({quote(s1)}) and document {d2} ({quote(s2)}) on {key} for {period} are more than"
            f" ten times apart and do not both name their area: probably different places or groups; not"
            f" compared{others_en}."
        )
    if verdict == Verdict.CONTRADICTED:
        zh, en = "不一致", "disagree"
    else:
        zh, en = f"不一致，需人工核对（{doubt}）", f"seem to disagree — review: {doubt}"
    return (
        f"文档 {d1} 的{quote(s1)}与文档 {d2} 的{quote(s2)}对 {key}（{period}）的说法{zh}{others}。"
        f" Document {d1} ({quote(s1)}) and document {d2} ({quote(s2)}) {en} on {key} for {period}{others_en}."
    )
