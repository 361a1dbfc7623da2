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
from factlib.checks.columns import coded_columns, per_distinct
from factlib.checks.findings import empty_findings, interval_columns, quote
from factlib.checks.lazy import Block, LazyColumn
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
    # the keys as integer codes while joining (the same pairs in the same order); a whole no claim
    # names gets code -1, which meets nothing, as its name met nothing
    coded = coded_columns(cand, ("metric_key", "pkey", "mclass", "akey", "gran"))
    if coded is not None:
        cand, names = coded
        key_names = names["metric_key"][0]
        code = {k: i for i, k in enumerate(key_names.tolist())}
        edges = pd.DataFrame({"metric_key": np.array([code[k] for k in edges["metric_key"]], dtype=np.int64),
                              "whole_key": np.array([code.get(k, -1) for k in edges["whole_key"]], dtype=np.int64)})
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
    lo, hi, value = (c[x].to_numpy(dtype=float) for x in ("lo", "hi", "value_num"))
    w_hi = hi[w]
    with np.errstate(divide="ignore", invalid="ignore"):
        rd = (lo[p] - w_hi) / np.abs(w_hi)
    arrays = ctx.arrays
    verdict = verdict.astype(object)
    text = LazyColumn.from_block(Block(_texts, {"p": p, "w": w, "verdict": verdict, "doubt": doubts}, {
        "key": arrays["metric_key"], "doc": arrays["doc_id"], "surface": arrays["surface"],
        "period": arrays["period"]}), len(p))
    n = len(p)
    columns = {
        "_pos0": p, "_pos1": w, "verdict": verdict, "metric_key": arrays["metric_key"][p],
        "period": arrays["period"][p],
        **interval_columns("observed", value[p], lo[p], hi[p]),
        **interval_columns("expected", np.full(n, np.nan), np.full(n, -np.inf), w_hi),
        "rel_diff": np.where(np.isfinite(rd), rd, np.nan), "tolerance": np.zeros(n),
        "id_extra": (key_names[pairs["whole_key"].to_numpy(dtype=np.int64)] if coded is not None
                     else pairs["whole_key"].to_numpy(dtype=object)),
    }
    out = pd.DataFrame({k: pd.Series(v, dtype=v.dtype, copy=False) for k, v in columns.items()})
    out["explanation"] = pd.Series(text, copy=False)
    return out


def _texts(p, w, verdict, doubt, *, key, doc, surface, period) -> list[str]:
    """Explanations of some part/whole findings, from their columns."""
    return [_explain(*row) for row in zip(verdict, key[p], doc[p], surface[p], key[w], doc[w], surface[w], period[p],
                                          doubt)]


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
