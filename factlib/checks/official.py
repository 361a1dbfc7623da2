"""Check ``reference``: a claim against the official figure for the same metric, period and kind.

One vectorised merge of claims with reference rows on (metric_key, period, measure class, area);
each claim gets one finding: consistent when its interval overlaps any reference row's, otherwise
contradicted — only when the metric, the period (same point/interval type and granularity as the
figure's), the area and the source are certain; else needs_review naming the doubt (see the verdict
policy in the README).  Claims with a metric and a period but no reference figure are
``unverifiable``, and so is a claim whose own phrase names no area that is more than ten times away
from the figure (a town, a province or a sub-group).  A stock (count or share) stated for a year
``YYYY`` is joined at ``YYYY-12`` (but, coarser than a month, never contradicted).  An absolute
change (``abs:`` classes) never meets a level.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from factlib.checks.prepare import NATIONAL, CheckContext, measure_class, period_shape
from factlib.checks.findings import empty_findings, evidence_columns, interval_columns, fmt_number, quote
from factlib.checks.intervals import overlap_verdict, rel_diff, tolerance
from factlib.checks.verdicts import PHRASES, Verdict
from factlib.checks.registry import register_check
from factlib.vocab.lexicon import MetricLexicon, default_lexicon

COMPARABLE = ("count", "percent", "pp", "growth", "ratio", "permille")
_STOCK = {"count", "percent"}


def comparable(mclass: pd.Series) -> pd.Series:
    """Measure classes that can be compared as numbers across statements."""
    return mclass.isin(COMPARABLE) | mclass.str.startswith("money:") | mclass.str.contains(":", regex=False)


def period_key(period: pd.Series, mclass: pd.Series, measure: pd.Series | None = None) -> pd.Series:
    """Join key for periods: a stock stated for a bare year is the year-end month.  A count or a
    share of a metric the lexicon calls a flow (an annual average: 全年城镇调查失业率平均值) is not
    (``measure``, when given)."""
    year_only = period.str.fullmatch(r"\d{4}") & mclass.isin(_STOCK)
    if measure is not None:
        year_only &= measure.astype(object).fillna("").astype(str).to_numpy() != "flow"
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


#: a sentence that announces targets before its numbers (今年发展主要预期目标是：国内生产总值增长5.5%左右)
_PLAN_LEAD = re.compile(r"预期目标|主要目标|目标是|目标为|计划|规划|力争|争取")


def _before(sentence: str, surface: str) -> str:
    at = sentence.find(surface)
    return sentence[:at] if at >= 0 else ""


def is_plan(claims: pd.DataFrame) -> np.ndarray:
    """Claims stated as a plan or a target: a plan word in the clause that introduces the number
    (see ``_PLAN``) or a target announced earlier in the sentence (``_PLAN_LEAD``)."""
    return np.fromiter((bool(_PLAN.search(clause_before(str(s), str(f))) or _PLAN_LEAD.search(_before(str(s), str(f))))
                        for s, f in zip(claims["sentence"], claims["surface"])), dtype=bool, count=len(claims))


def keyed_claims(claims: pd.DataFrame, columns: list[str], classes: pd.Series | None = None) -> pd.DataFrame:
    """The claims that have a metric key and a period (and, when given, a measure class that
    ``classes`` accepts), as ``columns`` plus the period join key ``pkey``."""
    mask = (claims["metric_key"] != "") & (claims["period"] != "")
    if classes is not None:
        mask &= classes
    out = claims.loc[mask, columns].copy()
    out["pkey"] = period_key(out["period"], out["mclass"], claims.loc[mask, "measure"] if "measure" in claims.columns
                             else None)
    return out


def area_key(frame: pd.DataFrame) -> pd.Series:
    """Join key for areas: the ``area`` column (claims or reference rows), ``CN`` when absent or
    empty -- a figure is compared only with figures of the same area (national by default)."""
    if "area" not in frame.columns:
        return pd.Series(NATIONAL, index=frame.index, dtype=object)
    area = frame["area"].astype(object).fillna("").astype(str).str.strip()
    return area.where(area != "", NATIONAL)


def prepare_reference(ref: pd.DataFrame, lexicon: MetricLexicon | None = None) -> pd.DataFrame:
    """Reference rows with the join columns ``mclass``, ``pkey`` and ``akey`` (the row's ``area``,
    national when the table has none), their period's shape ``ptype``/``gran``, ``published_at``
    (the day the figure was published, NaT when unknown) and ``later`` (a restatement in a later
    source, vintage ``later``).  A stock row
    dated by a year alone is the publisher's year-end figure: a month point (``2023`` → ``2023-12``)."""
    r = ref.copy()
    r["mclass"] = measure_class(r["kind"], r["unit_code"])
    r["akey"] = area_key(r)
    published = r["published"] if "published" in r.columns else pd.Series("", index=r.index)
    r["published_at"] = pd.to_datetime(published.astype(object).fillna("").astype(str), errors="coerce", format="mixed")
    vintage = r["vintage"] if "vintage" in r.columns else pd.Series("", index=r.index)
    r["later"] = vintage.astype(object).fillna("").astype(str) == "later"
    lexicon = lexicon or default_lexicon()
    keys = r["metric_key"].fillna("").astype(str)
    measures = {k: lexicon.measure(k) for k in pd.unique(keys) if k}
    measure = pd.Series([measures.get(k, "") for k in keys], index=r.index, dtype=object)
    r["pkey"] = period_key(r["period"].astype(str), r["mclass"], measure)
    own = pd.Series([str(p).split("/")[-1] if k == "pp_change" else str(p) for p, k in zip(r["period"], r["kind"])],
                    index=r.index, dtype=object)
    year_end = own.str.fullmatch(r"\d{4}") & (measure == "stock")
    r["own_period"] = own.where(~year_end, own + "-12")
    r["ptype"], r["gran"] = period_shape(r["own_period"], measure)
    return r


def most_informative(pairs: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per ``by`` group of claim × reference-row pairs, the rows of the best grade: closed
    intervals over open bounds, primary sources over lower-tier ones (超14亿 must not make 141267万
    consistent when 140967万 is published)."""
    open_ended = ~np.isfinite(pairs["low"].to_numpy(dtype=float)) | ~np.isfinite(pairs["high"].to_numpy(dtype=float))
    lower = pairs["lower_tier"].fillna(False).to_numpy(dtype=bool) if "lower_tier" in pairs.columns else False
    grade = pd.Series(lower * 2 + open_ended.astype(int), index=pairs.index)
    return pairs[grade == grade.groupby(pairs[by]).transform("min")]


def shape_doubt(c_type, c_gran, c_period, r_type, r_gran, r_period, rate=None) -> list[str]:
    """Per pair: ``''`` when a claim's period has the same type and granularity as the figure's,
    else the doubt in words (``period: 2020 (year) is coarser than the figure's 2020-12 (month)``).
    ``rate`` (per pair, optional): the claim is the level of a rate (a share in %, ‰); a rate of one
    month is that month's whether it is read as a point (年末失业率) or as the month (12月失业率)."""
    out = []
    rate = rate if rate is not None else [False] * len(c_type)
    for ct, cg, cp, rt, rg, rp, rt_ in zip(c_type, c_gran, c_period, r_type, r_gran, r_period, rate):
        if cg == rg and ct == rt and cg:
            out.append("")
        elif rt_ and cg == rg == "month" and cp == rp and ct and rt:
            out.append("")
        elif not cg or not ct:
            out.append(f"period: the kind of period of {cp} is not known")
        elif cg != rg:
            out.append(f"period: {cp} ({cg}) is not the figure's {rp} ({rg})")
        else:
            out.append(f"period: {cp} is a {ct or '?'}, the figure's {rp} a {rt or '?'}")
    return out


def join_doubts(*columns) -> list[str]:
    """Row-wise ``'; '``-joined non-empty doubts of several columns."""
    return ["; ".join(dict.fromkeys(d for d in row if d)) for row in zip(*columns)]


#: a claim more than this many times away from the figure, with no area of its own, is taken to be
#: about another area or a sub-group (a town's population is not China's)
SCALE_APART = 10.0


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
    """Claims against official figures for the same metric_key, period, measure class and area.

    ``contradicted`` only when the intervals are apart and the metric, the period (same type and
    granularity as the figure's), the area and the source are certain; otherwise ``needs_review``
    naming the doubt.  A claim whose own phrase names no area and that is more than ``SCALE_APART``
    times away from the figure is ``unverifiable`` (another area or a sub-group)."""
    c = ctx.claims
    ref = ctx.reference
    columns = ["metric_key", "period", "mclass", "lo", "hi", "value_num", "akey"] + (
        ["doc_date"] if "doc_date" in c.columns else [])
    cand = keyed_claims(c, columns, comparable(c["mclass"]))
    if not cand.empty:
        cand = cand[~is_plan(c.loc[cand.index])]
    if cand.empty:
        return empty_findings()
    cand["row"] = cand.index
    if ref is None or ref.empty:
        pairs = cand.iloc[0:0].assign(ref_pos=pd.Series(dtype=int))
    else:
        r = prepare_reference(ref, ctx.lexicon).reset_index(drop=True)
        r["ref_pos"] = r.index
        pairs = cand.merge(
            r[["metric_key", "pkey", "mclass", "akey", "ref_pos", "low", "high", "value", "lower_tier", "qualifier",
               "published_at", "later"]],
            on=["metric_key", "pkey", "mclass", "akey"],
            how="inner",
        )
        pairs = pairs[applicable(pairs).to_numpy()]
    if not pairs.empty:
        pairs = most_informative(pairs, "row")
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
    claims = c.loc[rows]
    ref_pos = b["ref_pos"].to_numpy(dtype=float, na_value=np.nan)
    has_ref = ~np.isnan(ref_pos)
    pos = np.where(has_ref, ref_pos, 0).astype(int)
    rr = prepare_reference(ref, ctx.lexicon).reset_index(drop=True) if ref is not None and len(ref) else None
    if rr is not None:
        r_type = np.where(has_ref, rr["ptype"].to_numpy(dtype=object)[pos], "")
        r_gran = np.where(has_ref, rr["gran"].to_numpy(dtype=object)[pos], "")
        r_period = np.where(has_ref, rr["own_period"].astype(str).to_numpy(dtype=object)[pos], "")
    else:
        r_type = r_gran = r_period = np.full(len(rows), "", dtype=object)
    rate = claims["mclass"].isin(["percent", "permille"]).to_numpy() & (claims["change"] == "level").to_numpy()
    shape = shape_doubt(claims["ptype"], claims["gran"], claims["own_period"], r_type, r_gran, r_period, rate)
    lower_only = b["all_lower_tier"].fillna(False).to_numpy(dtype=bool)
    tier = np.where(lower_only, "source: only lower-tier sources (reprints) give this figure", "")
    doubts = np.array(join_doubts(claims["doubt"], shape, tier), dtype=object)
    exp_lo = b["low"].to_numpy(dtype=float, na_value=np.nan)
    exp_hi = b["high"].to_numpy(dtype=float, na_value=np.nan)
    exp_v = b["value"].to_numpy(dtype=float, na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.abs(claims["value_num"].to_numpy(dtype=float) / exp_v)
    apart = (claims["area_basis"].to_numpy() != "phrase") & ((ratio > SCALE_APART) | (ratio < 1 / SCALE_APART))
    disagree = verdict == Verdict.CONTRADICTED
    verdict[disagree & (doubts != "")] = Verdict.NEEDS_REVIEW
    verdict[disagree & apart] = Verdict.UNVERIFIABLE
    out["verdict"] = verdict

    out["claim_ids"] = [[x] for x in claims["claim_id"]]
    out["doc_ids"] = [[x] for x in claims["doc_id"]]
    out["metric_key"] = claims["metric_key"].to_numpy()
    out["period"] = claims["period"].to_numpy()
    out = out.assign(**interval_columns("observed", claims["value_num"], claims["lo"], claims["hi"]))
    out = out.assign(**interval_columns("expected", exp_v, exp_lo, exp_hi))
    out["rel_diff"] = rel_diff(claims["value_num"].to_numpy(), exp_v, claims["lo"].to_numpy(), claims["hi"].to_numpy(), exp_lo, exp_hi)
    out["tolerance"] = tolerance(claims["lo"], claims["hi"], exp_lo, exp_hi, exp_v)
    out = out.assign(**evidence_columns(c, [[i] for i in rows]))
    if rr is not None:
        ref_id = np.where(has_ref, rr["ref_id"].to_numpy(dtype=object)[pos], "")
        source = np.where(has_ref, rr["source_name"].to_numpy(dtype=object)[pos], "")
        url = np.where(has_ref, rr["source_url"].to_numpy(dtype=object)[pos], "")
        unit = np.where(has_ref, rr["unit"].to_numpy(dtype=object)[pos], "")
    else:
        ref_id = source = url = unit = np.full(len(rows), "", dtype=object)
    out["id_extra"] = ref_id
    note = np.where(disagree & apart, "scale", np.where(verdict == Verdict.NEEDS_REVIEW, doubts, ""))
    out["explanation"] = [
        _explain(doc, surf, key, per, src, u, ev, unit_, v, rd, ok, n)
        for doc, surf, key, per, src, u, ev, unit_, v, rd, ok, n in zip(
            claims["doc_id"], claims["surface"], claims["metric_key"], claims["period"], source, url,
            exp_v, unit, out["verdict"], out["rel_diff"], has_ref, note,
        )
    ]
    return out.drop(columns=["row"])


# the verdict phrases of checks.verdicts (a review adds its doubt in _explain)
_ZH = {v: p.zh_with for v, p in PHRASES.items()}
_EN = {v: p.en_with for v, p in PHRASES.items()}


def _explain(doc, surface, key, period, source, url, exp_value, unit, verdict, rd, has_ref, note="") -> str:
    surface = quote(surface)
    if not has_ref:
        return (
            f"文档 {doc} 的{surface}（{key}，{period}）在参考数据中没有同一指标、同一时期、同一地区的官方数字，无法核实。"
            f" Document {doc} states {surface} ({key}, {period}); the reference data has no official figure"
            f" for this metric, period and area."
        )
    diff = "" if not np.isfinite(rd) else f"（相差 {rd:+.2%}）"
    diff_en = "" if not np.isfinite(rd) else f" (difference {rd:+.2%})"
    figure = f"{fmt_number(exp_value)} {unit}".strip()
    if note == "scale":
        return (
            f"文档 {doc} 的{surface}（{key}，{period}）与{source}公布的全国数字 {figure} 相差十倍以上，且未说明地区："
            f"多半是另一地区或某一部分人群的数字，无法核实{diff}。"
            f" Document {doc} states {surface} ({key}, {period}), more than ten times away from the national"
            f" figure {figure} from {source} and naming no area: probably another area or a sub-group; not"
            f" verifiable{diff_en} <{url}>."
        )
    why = f"（{note}）" if note else ""
    why_en = f" — review: {note}" if note else ""
    return (
        f"文档 {doc} 的{surface}（{key}，{period}）与{source}公布的 {figure}{_ZH[verdict]}{diff}{why}。"
        f" Document {doc} states {surface} ({key}, {period}), {_EN[verdict]} {figure} from {source}{diff_en}"
        f"{why_en} <{url}>."
    )
