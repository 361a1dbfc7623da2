"""Check ``derived``: a change claim implies an earlier value, which is checked in turn.

Changes are relative (``growth``), in percentage points (``pp``) or absolute (``abs:`` classes:
``比上年末减少139万人`` with ``年末全国人口140828万人`` implies 140967万 a year before).  A
growth-implied value carries the comparable-basis tolerance of the source it is compared with
(``factlib/data/comparable_basis.csv``: statistics offices compute growth against a revised base;
default 1 %), and the explanation says so; beyond it the implied level is ``unverifiable``, never
``contradicted`` (the rate may be real, at constant prices, while levels are nominal).  An average
annual rate (年均增长) implies no previous-year level.  The implied value is compared within the level's area;
``contradicted`` only when neither claim carries a doubt (``needs_review`` names it).

``65.9%`` with ``较2021年12月提升3.9个百分点`` implies 62.0 % at 2021-12 (as an interval:
[65.85 − 3.95, 65.95 − 3.85]); ``突破2.4万亿元，同比增长5.5%`` implies last year's value
≥ 2.4万亿 / 1.0555.  The change is paired with the nearest preceding level of a fitting class in
the same sentence (a vectorised merge on document and sentence).  The implied value is compared
with the reference figure, else with other documents' claims, for the base period; with neither,
the finding is ``unverifiable`` and still shows the implied value.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from factlib.checks.columns import coded_columns, decoded_columns, eq, ne, per_distinct
from factlib.checks.prepare import CheckContext
from factlib.checks.findings import empty_findings, evidence_columns, interval_columns, quote
from factlib.checks.humanize import implied_interval
from factlib.checks.lazy import Block, LazyColumn
from factlib.checks.intervals import overlap_verdict, rel_diff, tolerance
from factlib.checks.verdicts import PHRASES, Verdict  # noqa: F401
from factlib.checks.official import (clause_before, join_doubts, keyed_claims, most_informative, period_key,
                                     prepare_reference)
from factlib.checks.registry import register_check
from factlib.vocab.tables import read_table

#: other documents' statements compared with an implied value: the most common few per metric and period
MAX_COMPARATORS = 3


def _shift_year(period: str, years: int) -> str:
    return re.sub(r"\d{4}", lambda m: str(int(m.group(0)) + years), period) if period else ""


def base_period(change_period: str, level_period: str, mclass: str) -> str:
    """The period an implied earlier value refers to (``''`` when unknown)."""
    if "/" in change_period:
        base, ref = change_period.split("/", 1)
        # a base/ref pair (较2021年12月) rather than a running-total window (2024-01/2024-08)
        if not (base[:4] == ref[:4] and len(base) == len(ref) == 7 and base.endswith("-01")):
            return base
        if mclass == "growth":
            return _shift_year(change_period, -1)
        return ""
    if mclass == "growth" and (level_period or change_period):
        return _shift_year(level_period or change_period, -1)  # 同比: the same period a year earlier
    return ""


_AVERAGE = re.compile(r"年均|平均每年|年平均|平均增长|average annual|annual average|on average a year")


@register_check("derived", layout="derived")
def check_derived(ctx: CheckContext) -> pd.DataFrame:
    """A change claim implies an earlier value; check it against the reference or other documents."""
    c = ctx.claims
    is_abs = pd.Series(per_distinct(lambda m: m.startswith("abs:"), c["mclass"], dtype=bool), index=c.index)
    changes = c[c["mclass"].isin(["pp", "growth"]) | is_abs]
    # an average annual rate (年均增长, 平均每年增长11%) does not imply the previous year's level
    average = per_distinct(lambda s, f: bool(_AVERAGE.search(clause_before(str(s), str(f)))),
                           changes["sentence"], changes["surface"], dtype=bool) if len(changes) else np.zeros(0, bool)
    changes = changes[~average]
    if changes.empty:
        return empty_findings()
    level_class = pd.Series(per_distinct(lambda m: "money" if m.startswith("money:") else m, c["mclass"]),
                            index=c.index, dtype=object)
    is_level = level_class.isin(["count", "percent", "money"]).to_numpy()
    # the few columns the pairing reads, of the levels only (not a copy of the whole frame)
    levels = c.loc[is_level, ["doc_id", "sentence_id", "start", "metric_key"]].assign(
        lclass=level_class[is_level], lfull=c.loc[is_level, "mclass"])
    pairs = changes[["doc_id", "sentence_id", "start", "mclass", "metric_key"]].reset_index(names="ch").merge(
        levels[["doc_id", "sentence_id", "start", "lclass", "lfull", "metric_key"]].reset_index(names="lv"),
        on=["doc_id", "sentence_id"], suffixes=("", "_lv"),
    )
    fit = (eq(pairs["mclass"], "pp") & eq(pairs["lclass"], "percent")) | (
        eq(pairs["mclass"], "growth") & pairs["lclass"].isin(["count", "percent", "money"])
    ) | eq(pairs["mclass"], "abs:" + pairs["lfull"])  # 减少139万人 with 140828万人
    pairs = pairs[fit & (pairs["start_lv"] < pairs["start"])]
    if pairs.empty:
        return empty_findings()
    pairs = pairs.sort_values(["ch", "start_lv"], ascending=[True, False]).drop_duplicates("ch")
    ch, lv = pairs["ch"].to_numpy(), pairs["lv"].to_numpy()
    cc, cl = c.loc[ch], c.loc[lv]

    is_pp = is_abs.to_numpy()[ch] | (cc["mclass"].to_numpy() == "pp")  # differences
    l_lo, l_hi = cl["lo"].to_numpy(), cl["hi"].to_numpy()
    g_lo, g_hi = cc["lo"].to_numpy(), cc["hi"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        imp_lo = np.where(is_pp, l_lo - g_hi, l_lo / (1 + g_hi / 100))
        imp_hi = np.where(is_pp, l_hi - g_lo, l_hi / (1 + g_lo / 100))
        imp_v = np.where(is_pp, cl["value_num"].to_numpy() - cc["value_num"].to_numpy(),
                         cl["value_num"].to_numpy() / (1 + cc["value_num"].to_numpy() / 100))
    bad = (~is_pp) & ((1 + g_lo / 100) <= 0)
    imp_lo, imp_hi = np.where(bad, np.nan, imp_lo), np.where(bad, np.nan, imp_hi)

    key_l, key_c = cl["metric_key"].to_numpy(), cc["metric_key"].to_numpy()
    key = np.where(key_l != "", key_l, key_c)
    base = np.array([
        given if given else base_period(p, lp, "growth" if m.startswith("abs:") else m)
        for given, p, lp, m in zip(cc["base_period"], cc["period"], cl["period"], cc["mclass"])], dtype=object)
    implied = pd.DataFrame({
        "i": np.arange(len(ch)), "metric_key": key, "period": base,
        "mclass": cl["mclass"].to_numpy(), "lo": imp_lo, "hi": imp_hi, "v": imp_v,
        "akey": cl["akey"].to_numpy(), "growth": cc["mclass"].to_numpy() == "growth",
    })
    implied["pkey"] = period_key(implied["period"].astype(str), implied["mclass"],
                                 cl["measure"].reset_index(drop=True) if "measure" in cl.columns else None)
    usable = ne(implied["metric_key"], "") & ne(implied["period"], "") & implied["lo"].notna()

    # comparators: reference rows first, then other documents' claims
    comp = _comparators(ctx, implied[usable], c, cl["doc_id"].to_numpy())
    best = comp.sort_values(["i", "src_rank", "rank", "absrd"]).drop_duplicates("i").set_index("i")
    b = best.reindex(implied["i"])
    has = b["verdict"].notna().to_numpy()
    verdict = np.where(has, b["verdict"].to_numpy(dtype=object), Verdict.UNVERIFIABLE).astype(object)
    key_doubt = np.where((key_c != "") & (key_c != key_l), "metric: the change and the level name different metrics", "")
    comp_rows = b["claim_row"].to_numpy(dtype=float, na_value=np.nan)
    doubt_col = c["doubt"].to_numpy(dtype=object)
    comp_doubt = ["" if not np.isfinite(r) else doubt_col[int(r)] for r in comp_rows]  # the other document's
    doubts = np.array(join_doubts(cl["doubt"], cc["doubt"], key_doubt, comp_doubt), dtype=object)
    # a growth-implied level beyond the comparable-basis tolerance is no contradiction: the rate may be
    # real (constant prices) or computed on a revised base
    growth_apart = (verdict == Verdict.CONTRADICTED) & implied["growth"].to_numpy()
    verdict[growth_apart] = Verdict.UNVERIFIABLE
    verdict[(verdict == Verdict.CONTRADICTED) & (doubts != "")] = Verdict.NEEDS_REVIEW
    tol = b["tol"].to_numpy(dtype=float, na_value=0.0)
    tol_note = b["tol_note"].fillna("").to_numpy(dtype=object)

    out = pd.DataFrame({"verdict": verdict})
    # the level, the change and the other document's claim when one was compared (row labels of
    # the prepared claims are their positions), as lists made from whole columns
    extra_rows = b["claim_row"].to_numpy(dtype=float, na_value=np.nan)
    has_extra = np.isfinite(extra_rows).tolist()
    extra = np.where(np.isfinite(extra_rows), extra_rows, 0).astype(np.int64)
    claim_id, doc_id = c["claim_id"].to_numpy(dtype=object), c["doc_id"].to_numpy(dtype=object)
    out["claim_ids"] = [[a, d, e] if h else [a, d] for a, d, e, h in zip(
        claim_id[lv].tolist(), claim_id[ch].tolist(), claim_id[extra].tolist(), has_extra)]
    out["doc_ids"] = [[a, e] if h else [a] for a, e, h in zip(doc_id[lv].tolist(), doc_id[extra].tolist(), has_extra)]
    out["metric_key"] = key
    out["period"] = base
    out = out.assign(**interval_columns("observed", imp_v, imp_lo, imp_hi))
    e_v, e_lo, e_hi = (b[x].to_numpy(dtype=float, na_value=np.nan) for x in ("e_v", "e_lo", "e_hi"))
    out = out.assign(**interval_columns("expected", e_v, e_lo, e_hi))
    out["rel_diff"] = rel_diff(imp_v, e_v, imp_lo, imp_hi, e_lo, e_hi)
    out["tolerance"] = tolerance(imp_lo, imp_hi, e_lo, e_hi, e_v)
    out = out.assign(**evidence_columns(c, [[a, d, e] if h else [a, d] for a, d, e, h in zip(
        lv.tolist(), ch.tolist(), extra.tolist(), has_extra)]))
    out["id_extra"] = base
    src = b["source"].fillna("").to_numpy(dtype=object)
    # the explanations are written when read (factlib.checks.lazy), from these columns
    columns = {
        "verdict": verdict, "doc": cl["doc_id"].to_numpy(dtype=object), "level": cl["surface"].to_numpy(dtype=object),
        "change": cc["surface"].to_numpy(dtype=object), "key": np.asarray(key, dtype=object),
        "period": np.asarray(base, dtype=object), "lo": np.asarray(imp_lo, dtype=float),
        "hi": np.asarray(imp_hi, dtype=float), "source": src, "doubt": doubts, "tol": np.asarray(tol, dtype=float),
        "tol_note": tol_note, "apart": np.asarray(growth_apart, dtype=bool),
        "precision": pd.to_numeric(cl["precision"], errors="coerce").to_numpy(dtype=float, na_value=np.nan),
    }
    out["explanation"] = pd.Series(LazyColumn.from_block(Block(_texts, columns), len(out)), index=out.index,
                                   copy=False)
    return out


def _comparators(ctx: CheckContext, implied: pd.DataFrame, c: pd.DataFrame, level_docs: np.ndarray) -> pd.DataFrame:
    cols = ["i", "v", "verdict", "src_rank", "rank", "absrd", "e_v", "e_lo", "e_hi", "source", "claim_row", "tol",
            "tol_note"]
    frames = []
    if implied.empty:
        return pd.DataFrame(columns=cols)
    ref = ctx.reference
    if ref is not None and not ref.empty:
        r = prepare_reference(ref, ctx.lexicon)
        # a difference (percentage points, an absolute change) implies an earlier level exactly; a
        # growth rate of GDP, value added or income may be real (constant prices) or computed on a
        # revised base while levels are nominal: its implied level is compared with the source's
        # comparable-basis tolerance and is never contradicted (see check_derived)
        m = implied.merge(r.loc[~r["later"], ["metric_key", "pkey", "mclass", "akey", "low", "high", "value",
                                              "source_name", "lower_tier"]], on=["metric_key", "pkey", "mclass", "akey"])
        if not m.empty:
            m = most_informative(m, "i")
            tol, note = basis_tolerance(m["source_name"], m["growth"])
            lo, hi = _widen(m["lo"], m["hi"], m["v"], tol)
            frames.append(pd.DataFrame({
                "i": m["i"], "v": m["v"], "verdict": overlap_verdict(lo, hi, m["low"], m["high"]), "src_rank": 0,
                "e_v": m["value"], "e_lo": m["low"], "e_hi": m["high"], "source": m["source_name"],
                "claim_row": np.nan, "tol": tol, "tol_note": note,
            }))
    others = keyed_claims(c, ["metric_key", "period", "mclass", "lo", "hi", "value_num", "doc_id", "akey"])
    others["claim_row"] = others.index
    # the keys as integer codes while counting and dropping (the same groups, order and rows)
    coded = coded_columns(others, ("metric_key", "pkey", "mclass", "akey", "doc_id"))
    if coded is not None:
        others, names = coded
    # keep the few most common statements per metric and period, so the join stays linear
    group = ["metric_key", "pkey", "mclass", "akey"]
    counts = others.groupby(group + ["lo", "hi"], sort=False).size().rename("n").reset_index()
    counts = counts.sort_values(group + ["n"], ascending=[True, True, True, True, False])
    counts = counts.groupby(group, sort=False).head(MAX_COMPARATORS)
    others = others.drop_duplicates(group + ["lo", "hi", "doc_id"]).merge(
        counts[group + ["lo", "hi"]], on=group + ["lo", "hi"])
    others = others.groupby(group + ["lo", "hi"], sort=False).head(2)  # two documents each
    if coded is not None:
        others = decoded_columns(others, names)
    m = implied.merge(others.rename(columns={"lo": "o_lo", "hi": "o_hi", "period": "o_period"}), on=group)
    m = m[m["doc_id"].to_numpy() != level_docs[m["i"].to_numpy()]] if not m.empty else m
    if not m.empty:
        tol, note = basis_tolerance(pd.Series("", index=m.index), m["growth"])
        lo, hi = _widen(m["lo"], m["hi"], m["v"], tol)
        frames.append(pd.DataFrame({
            "i": m["i"], "v": m["v"], "verdict": overlap_verdict(lo, hi, m["o_lo"], m["o_hi"]), "src_rank": 1,
            "e_v": m["value_num"], "e_lo": m["o_lo"], "e_hi": m["o_hi"], "source": "document " + m["doc_id"],
            "claim_row": m["claim_row"], "tol": tol, "tol_note": note,
        }))
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)
    out["rank"] = np.where(out["verdict"] == Verdict.CONSISTENT, 0, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["absrd"] = np.abs((out["v"] - out["e_v"]) / out["e_v"].abs()).fillna(np.inf)
    return out


@lru_cache(maxsize=1)
def comparable_basis() -> tuple[list[tuple[re.Pattern, float, str]], tuple[float, str]]:
    """The comparable-basis table: ``([(source pattern, tolerance, note), …], (default tolerance, note))``."""
    rows = read_table("comparable_basis", required=("source_pattern", "tolerance", "note"))
    patterns, default = [], (0.0, "")
    for r in rows:
        if r["source_pattern"] == "default":
            default = (float(r["tolerance"]), r["note"])
        else:
            patterns.append((re.compile(r["source_pattern"], re.I), float(r["tolerance"]), r["note"]))
    return patterns, default


def basis_tolerance(source: pd.Series, growth: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Per comparison: the comparable-basis tolerance of a growth-implied value and its note
    (0 and '' for differences, which are exact)."""
    patterns, default = comparable_basis()
    table = {}
    for name in pd.unique(source.astype(str)):
        table[name] = next(((t, n) for p, t, n in patterns if p.search(name)), default)
    pairs = [table[str(x)] if g else (0.0, "") for x, g in zip(source, growth)]
    return (np.array([t for t, _ in pairs], dtype=float), np.array([n for _, n in pairs], dtype=object))


def _widen(lo, hi, v, tol) -> tuple[np.ndarray, np.ndarray]:
    lo, hi, v = (np.asarray(x, dtype=float) for x in (lo, hi, v))
    pad = np.abs(v) * np.asarray(tol, dtype=float)
    return lo - pad, hi + pad


def _texts(verdict, doc, level, change, key, period, lo, hi, source, doubt, tol, tol_note, apart, precision):
    """Explanations of some derived findings, from their columns."""
    return [_explain(*row) for row in zip(verdict, doc, level, change, key, period, lo.tolist(), hi.tolist(), source,
                                          doubt, tol.tolist(), tol_note, apart.tolist(), precision.tolist())]


def _explain(verdict, doc, level_surface, change_surface, key, period, lo, hi, source, doubt="", tol=0.0,
             tol_note="", growth_apart=False, precision=None) -> str:
    # the implied ends as each language writes a figure, to the last digit the level states
    head_zh = (f"文档 {doc} 的{quote(level_surface)}与{quote(change_surface)}推出 {key} 在 {period or '基期'} 约为"
               f" {implied_interval(lo, hi, precision, 'zh-Hans')}")
    head_en = (f"Document {doc}: {quote(level_surface)} with {quote(change_surface)} implies {key}"
               f" {implied_interval(lo, hi, precision, 'en')} at {period or 'the base period'}")
    allow_zh = f"（已按可比口径容差 {tol:.0%} 计：{tol_note}）" if tol else ""
    allow_en = f" (allowing {tol:.0%} for growth on a comparable basis: {tol_note})" if tol else ""
    if growth_apart:
        return (f"{head_zh}{allow_zh}，与{source}仍有差距；但增长率可能是实际增长（不变价）或按修订后的基数计算，"
                f"不据此判定不符。 {head_en}{allow_en}, still apart from {source}; a growth rate may be real (constant"
                f" prices) or computed on a revised base, so this is not a contradiction.")
    if verdict == Verdict.UNVERIFIABLE:
        return f"{head_zh}，但没有可比的官方或其他文档数字。 {head_en}; no official or other-document figure to compare."
    zh = {Verdict.CONSISTENT: "与{s}一致", Verdict.CONTRADICTED: "与{s}不符",
          Verdict.NEEDS_REVIEW: "与{s}不一致，需人工核对（{d}）"}[verdict].format(s=source, d=doubt)
    en = {Verdict.CONSISTENT: "consistent with {s}", Verdict.CONTRADICTED: "contradicted by {s}",
          Verdict.NEEDS_REVIEW: "at odds with {s} (review: {d})"}[verdict].format(s=source, d=doubt)
    return f"{head_zh}{allow_zh}，{zh}。 {head_en}{allow_en}, {en}."
