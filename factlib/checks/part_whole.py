"""Check ``part_whole``: a part cannot exceed its whole in the same period.

The hierarchy is the ``parent_key`` column of the metric lexicon (网络购物用户 ≤ 网民 ≤ 人口).  Part
claims are joined (vectorised) to every ancestor's claims of the same period and measure class.
``part ≤ whole`` is satisfiable exactly when part.low ≤ whole.high: then consistent; otherwise
contradicted (needs_review naming the doubt when a metric, period or area is uncertain).  Parts
and wholes meet only within one area and one kind of period (a month never bounds a year).  For each part and ancestor,
the finding uses the ancestor claim with the highest upper bound, the most lenient whole.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from factlib.checks.prepare import CheckContext
from factlib.checks.columns import per_distinct
from factlib.checks.findings import empty_findings, evidence_take, id_lists, interval_columns, quote
from factlib.checks.intervals import Verdict
from factlib.checks.official import join_doubts, keyed_claims
from factlib.checks.registry import register_check

_LEVELS = ("count",)


@register_check("part_whole", layout="period")
def check_part_whole(ctx: CheckContext) -> pd.DataFrame:
    """A part (网络购物用户) cannot exceed its whole (网民, 人口) in the same period."""
    c = ctx.claims
    lex = ctx.lexicon
    levels = pd.Series(per_distinct(lambda m: m in _LEVELS or m.startswith("money:"), c["mclass"], dtype=bool),
                       index=c.index)
    cand = keyed_claims(c, ["doc_id", "metric_key", "period", "mclass", "lo", "hi", "akey", "gran"], levels)
    if cand.empty:
        return empty_findings()
    cand["row"] = cand.index
    edges = pd.DataFrame(
        [(k, a) for k in pd.unique(cand["metric_key"]) if k in lex for a in lex.ancestors(k)],
        columns=["metric_key", "whole_key"],
    )
    if edges.empty:
        return empty_findings()
    parts = cand.merge(edges, on="metric_key")
    wholes = cand.rename(columns={"metric_key": "whole_key", "row": "whole_row", "lo": "w_lo", "hi": "w_hi",
                                  "doc_id": "w_doc", "period": "w_period"})
    # the most lenient whole per (whole_key, period, class): the one with the highest upper bound
    wholes = wholes.sort_values(["w_hi", "whole_row"], ascending=[False, True]).drop_duplicates(
        ["whole_key", "pkey", "mclass", "akey", "gran"]
    )
    # a part and its whole of the same area and the same kind of period
    pairs = parts.merge(wholes[["whole_key", "pkey", "mclass", "akey", "gran", "whole_row", "w_lo", "w_hi"]],
                        on=["whole_key", "pkey", "mclass", "akey", "gran"])
    pairs = pairs[pairs["row"] != pairs["whole_row"]]
    if pairs.empty:
        return empty_findings()
    p, w = pairs["row"].to_numpy(), pairs["whole_row"].to_numpy()
    ok = pairs["lo"].to_numpy() <= pairs["w_hi"].to_numpy()
    doubts = np.array(join_doubts(c.loc[p, "doubt"], c.loc[w, "doubt"]), dtype=object)
    verdict = np.where(ok, Verdict.CONSISTENT, np.where(doubts == "", Verdict.CONTRADICTED, Verdict.NEEDS_REVIEW))
    cp, cw = c.loc[p], c.loc[w]
    out = pd.DataFrame({"verdict": verdict})
    out["claim_ids"] = id_lists(cp["claim_id"], cw["claim_id"])
    out["doc_ids"] = id_lists(cp["doc_id"], cw["doc_id"])
    out["metric_key"] = cp["metric_key"].to_numpy()
    out["period"] = cp["period"].to_numpy()
    out = out.assign(**interval_columns("observed", cp["value_num"], cp["lo"], cp["hi"]))
    out = out.assign(**interval_columns("expected", np.full(len(p), np.nan), np.full(len(p), -np.inf), cw["hi"].to_numpy()))
    with np.errstate(divide="ignore", invalid="ignore"):
        rd = (cp["lo"].to_numpy() - cw["hi"].to_numpy()) / np.abs(cw["hi"].to_numpy())
    out["rel_diff"] = np.where(np.isfinite(rd), rd, np.nan)
    out["tolerance"] = 0.0
    out = out.assign(**evidence_take(c, p, w))
    out["id_extra"] = pairs["whole_key"].to_numpy()
    out["explanation"] = [
        _explain(v, pk, pd_, ps, wk, wd, ws, per, d)
        for v, pk, pd_, ps, wk, wd, ws, per, d in zip(
            verdict, cp["metric_key"], cp["doc_id"], cp["surface"], cw["metric_key"], cw["doc_id"],
            cw["surface"], cp["period"], doubts,
        )
    ]
    return out


def _explain(verdict, part_key, part_doc, part_surface, whole_key, whole_doc, whole_surface, period, doubt="") -> str:
    where = f"文档 {part_doc}" if part_doc == whole_doc else f"文档 {part_doc} 与 {whole_doc}"
    where_en = f"document {part_doc}" if part_doc == whole_doc else f"documents {part_doc} and {whole_doc}"
    if verdict == Verdict.CONSISTENT:
        zh, en = "不超过", "does not exceed"
    elif verdict == Verdict.CONTRADICTED:
        zh, en = "却超过了", "exceeds"
    else:
        zh, en = f"似乎超过了（需人工核对：{doubt}）", f"seems to exceed (review: {doubt})"
    return (
        f"{where}中，部分 {part_key} {quote(part_surface)}{zh}整体 {whole_key} {quote(whole_surface)}（{period}）。"
        f" In {where_en}, the part {part_key} {quote(part_surface)} {en} the whole {whole_key}"
        f" {quote(whole_surface)} ({period})."
    )
