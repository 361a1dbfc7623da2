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

from factlib.checks.columns import distinct, ne, per_distinct, texts
from factlib.checks.prepare import NATIONAL, CheckContext, measure_class, period_shape
from factlib.checks.findings import empty_findings, interval_columns, fmt_figure_en, fmt_figure_zh, quote
from factlib.checks.lazy import Block, LazyColumn
from factlib.checks.intervals import overlap_verdict, rel_diff, tolerance
from factlib.checks.verdicts import PHRASES, Verdict
from factlib.checks.registry import register_check
from factlib.vocab.lexicon import MetricLexicon, default_lexicon

COMPARABLE = ("count", "percent", "pp", "growth", "ratio", "permille")
_STOCK = {"count", "percent"}


def comparable(mclass: pd.Series) -> pd.Series:
    """Measure classes that can be compared as numbers across statements."""
    return pd.Series(per_distinct(lambda m: m in COMPARABLE or ":" in m, texts(mclass, "nan"), dtype=bool),
                     index=mclass.index)


def period_key(period: pd.Series, mclass: pd.Series, measure: pd.Series | None = None) -> pd.Series:
    """Join key for periods: a stock stated for a bare year is the year-end month.  A count or a
    share of a metric the lexicon calls a flow (an annual average: 全年城镇调查失业率平均值) is not
    (``measure``, when given)."""
    if measure is None:
        return pd.Series(per_distinct(_period_key, period, mclass), index=period.index, dtype=object)
    measure = pd.Series(texts(measure), index=measure.index, dtype=object)
    return pd.Series(per_distinct(_period_key, period, mclass, measure), index=period.index, dtype=object)


def _period_key(period: str, mclass: str, measure: str = "") -> str:
    return period + "-12" if mclass in _STOCK and measure != "flow" and _YEAR.fullmatch(period) else period


_YEAR = re.compile(r"\d{4}")


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
    return per_distinct(_is_plan, texts(claims["sentence"], "nan"), texts(claims["surface"], "nan"), dtype=bool)


def _is_plan(sentence: str, surface: str) -> bool:
    return bool(_PLAN.search(clause_before(sentence, surface)) or _PLAN_LEAD.search(_before(sentence, surface)))


_COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3


def keyed_claims(claims: pd.DataFrame, columns: list[str], classes: pd.Series | None = None) -> pd.DataFrame:
    """The claims that have a metric key and a period (and, when given, a measure class that
    ``classes`` accepts), as ``columns`` plus the period join key ``pkey``."""
    mask = ne(claims["metric_key"], "") & ne(claims["period"], "")
    if classes is not None:
        mask &= classes
    if "pkey" in claims.columns and "pkey" not in columns:  # prepare_claims wrote it once for every claim
        # one take of the rows: a new frame (with pandas 3's copy-on-write no further copy is needed;
        # pandas 2 would warn when a check adds a column to a frame it calls a slice)
        out = claims.loc[mask, [*columns, "pkey"]]
        return out if _COPY_ON_WRITE else out.copy()
    out = claims.loc[mask, columns].copy()
    if "pkey" in claims.columns:
        out["pkey"] = claims.loc[mask, "pkey"]
    else:
        out["pkey"] = period_key(out["period"], out["mclass"],
                                 claims.loc[mask, "measure"] if "measure" in claims.columns else None)
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
    if rate is None:
        rate = np.zeros(len(c_type), dtype=bool)
    return per_distinct(_shape_doubt, c_type, c_gran, c_period, r_type, r_gran, r_period, rate).tolist()


def _shape_doubt(ct, cg, cp, rt, rg, rp, rate=False) -> str:
    if cg == rg and ct == rt and cg:
        return ""
    if rate and cg == rg == "month" and cp == rp and ct and rt:
        return ""
    if not cg or not ct:
        return f"period: the kind of period of {cp} is not known"
    if cg != rg:
        return f"period: {cp} ({cg}) is not the figure's {rp} ({rg})"
    return f"period: {cp} is a {ct or '?'}, the figure's {rp} a {rt or '?'}"


def join_doubts(*columns) -> list[str]:
    """Row-wise ``'; '``-joined non-empty doubts of several columns."""
    return per_distinct(_join, *columns).tolist()


def _join(*row) -> str:
    return "; ".join(dict.fromkeys(d for d in row if d))


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


_KEYS = ("metric_key", "pkey", "mclass", "akey")


def _pairs(cand: pd.DataFrame, r: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The inner join of candidate claims and reference rows on ``_KEYS`` as two position arrays
    (candidate, reference row), ordered by candidate then reference row: integer codes, no frame."""
    n = len(cand)
    codes, _ = distinct(*(np.concatenate([cand[k].to_numpy(dtype=object), r[k].to_numpy(dtype=object)])
                          for k in _KEYS))
    c_code, r_code = codes[:n], codes[n:]
    # a reference row with a missing key matches nothing (claims' keys are never missing)
    missing = np.zeros(len(r), dtype=bool)
    for k in _KEYS:
        missing |= pd.isna(r[k]).to_numpy()
    r_code = np.where(missing, -1, r_code)
    size = int(codes.max()) + 1 if len(codes) else 0
    r_sorted = np.argsort(r_code, kind="stable")
    r_sorted = r_sorted[r_code[r_sorted] >= 0]
    r_counts = np.bincount(r_code[r_code >= 0], minlength=size)
    r_start = np.cumsum(r_counts) - r_counts
    count = r_counts[c_code]
    pi = np.repeat(np.arange(n), count)
    offset = np.arange(len(pi)) - np.repeat(np.cumsum(count) - count, count)
    pr = r_sorted[np.repeat(r_start[c_code], count) + offset]
    return pi, pr


def best_figures(cand: pd.DataFrame, r: pd.DataFrame | None) -> dict[str, np.ndarray]:
    """Per candidate claim, the reference row it is judged against, as arrays parallel to ``cand``:
    ``matched``, ``ref_pos``, ``verdict``, ``low``/``high``/``value`` and ``all_lower_tier``.

    Figures published after the claim's document date do not apply (``applicable``); of the rest,
    the most informative grade (closed intervals, primary sources: ``most_informative``); a later
    restatement alone does not contradict a claim of unknown date; then the first by (agreeing,
    primary source, smallest relative difference, reference order)."""
    n = len(cand)
    out = {"matched": np.zeros(n, dtype=bool), "ref_pos": np.zeros(n, dtype=np.int64),
           "verdict": np.full(n, None, dtype=object), "low": np.full(n, np.nan), "high": np.full(n, np.nan),
           "value": np.full(n, np.nan), "all_lower_tier": np.zeros(n, dtype=bool)}
    if r is None or r.empty or n == 0:
        return out
    pi, pr = _pairs(cand, r)
    date = pd.to_datetime(cand["doc_date"], errors="coerce").to_numpy()[pi] if "doc_date" in cand.columns else None
    published = r["published_at"].to_numpy()[pr]
    if date is not None:
        keep = ~(~np.isnat(date) & ~np.isnat(published) & (published > date))
        pi, pr, date = pi[keep], pr[keep], date[keep]
    low = r["low"].to_numpy(dtype=float)
    high = r["high"].to_numpy(dtype=float)
    lower = r["lower_tier"].fillna(False).to_numpy(dtype=bool)
    # most_informative: per claim, the pairs of the best grade
    grade = lower[pr] * 2 + (~np.isfinite(low[pr]) | ~np.isfinite(high[pr])).astype(int)
    best_grade = np.full(n, 4)
    np.minimum.at(best_grade, pi, grade)
    keep = grade == best_grade[pi]
    pi, pr = pi[keep], pr[keep]
    date = date[keep] if date is not None else None
    c_lo, c_hi = cand["lo"].to_numpy(dtype=float)[pi], cand["hi"].to_numpy(dtype=float)[pi]
    verdict = overlap_verdict(c_lo, c_hi, low[pr], high[pr])
    undated = np.isnat(date) if date is not None else np.ones(len(pi), dtype=bool)
    keep = ~((verdict == Verdict.CONTRADICTED) & r["later"].to_numpy(dtype=bool)[pr] & undated)
    pi, pr, verdict, c_lo, c_hi = pi[keep], pr[keep], verdict[keep], c_lo[keep], c_hi[keep]
    if len(pi) == 0:
        return out
    value = r["value"].to_numpy(dtype=float)
    rd = rel_diff(cand["value_num"].to_numpy(dtype=float)[pi], value[pr], c_lo, c_hi, low[pr], high[pr])
    rank = np.where(verdict == Verdict.CONSISTENT, 0, 1)
    absrd = np.abs(rd)
    absrd[np.isnan(absrd)] = np.inf
    order = np.lexsort((pr, absrd, lower[pr], rank, pi))  # sort by claim, rank, tier, |rd|, reference row
    pi, pr, verdict = pi[order], pr[order], verdict[order]
    first = np.r_[True, pi[1:] != pi[:-1]]
    not_lower = np.bincount(pi, weights=~lower[pr], minlength=n) > 0
    at, ref_pos = pi[first], pr[first]
    out["matched"][at] = True
    out["ref_pos"][at] = ref_pos
    out["verdict"][at] = verdict[first]
    out["low"][at], out["high"][at], out["value"][at] = low[ref_pos], high[ref_pos], value[ref_pos]
    out["all_lower_tier"][at] = ~not_lower[at]
    return out


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
        cand = cand[~is_plan(c.loc[cand.index, ["sentence", "surface"]])]
    if cand.empty:
        return empty_findings()
    cand["row"] = cand.index
    rows = cand["row"].to_numpy()
    rr = prepare_reference(ref, ctx.lexicon).reset_index(drop=True) if ref is not None and len(ref) else None
    best = best_figures(cand, rr)
    matched = best["matched"]
    verdict = np.where(matched, best["verdict"], Verdict.UNVERIFIABLE).astype(object)
    # the candidates' columns as arrays (a frame of them was a copy of most of the claims)
    claims = {k: c[k].to_numpy()[rows] for k in ("metric_key", "period", "value_num", "lo", "hi", "ptype", "gran",
                                                  "own_period", "doubt", "area_basis", "mclass", "change")}
    has_ref = matched
    pos = np.where(has_ref, best["ref_pos"], 0)
    if rr is not None:
        r_type = np.where(has_ref, rr["ptype"].to_numpy(dtype=object)[pos], "")
        r_gran = np.where(has_ref, rr["gran"].to_numpy(dtype=object)[pos], "")
        r_period = np.where(has_ref, rr["own_period"].astype(str).to_numpy(dtype=object)[pos], "")
    else:
        r_type = r_gran = r_period = np.full(len(rows), "", dtype=object)
    rate = np.isin(claims["mclass"], ["percent", "permille"]) & (claims["change"] == "level")
    shape = shape_doubt(claims["ptype"], claims["gran"], claims["own_period"], r_type, r_gran, r_period, rate)
    lower_only = best["all_lower_tier"]
    tier = np.where(lower_only, "source: only lower-tier sources (reprints) give this figure", "")
    doubts = np.array(join_doubts(claims["doubt"], shape, tier), dtype=object)
    exp_lo, exp_hi, exp_v = best["low"], best["high"], best["value"]
    value, lo, hi = (claims[x].astype(float) for x in ("value_num", "lo", "hi"))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.abs(value / exp_v)
    apart = (claims["area_basis"] != "phrase") & ((ratio > SCALE_APART) | (ratio < 1 / SCALE_APART))
    disagree = verdict == Verdict.CONTRADICTED
    verdict[disagree & (doubts != "")] = Verdict.NEEDS_REVIEW
    verdict[disagree & apart] = Verdict.UNVERIFIABLE

    rd = rel_diff(value, exp_v, lo, hi, exp_lo, exp_hi)
    if rr is not None:
        ref_id = np.where(has_ref, rr["ref_id"].to_numpy(dtype=object)[pos], "")
        figures = {"source": rr["source_name"].to_numpy(dtype=object), "url": rr["source_url"].to_numpy(dtype=object),
                   "unit": rr["unit"].to_numpy(dtype=object)}
    else:
        ref_id = np.full(len(rows), "", dtype=object)
        figures = {k: np.full(1, "", dtype=object) for k in ("source", "url", "unit")}
    note = np.where(disagree & apart, "scale", np.where(verdict == Verdict.NEEDS_REVIEW, doubts, "")).astype(object)
    # the explanation is rendered from these columns when it is read (checks.lazy)
    arrays = ctx.arrays
    text = LazyColumn.from_block(Block(_reference_texts, {
        "row": rows, "ref": pos, "has_ref": np.asarray(has_ref, dtype=bool), "exp_value": exp_v, "verdict": verdict,
        "rd": rd, "note": note,
    }, {"doc": arrays["doc_id"], "surface": arrays["surface"], "key": arrays["metric_key"],
        "period": arrays["period"], **figures}), len(rows))
    columns = {
        "_pos0": rows, "verdict": verdict,
        "metric_key": claims["metric_key"].astype(object), "period": claims["period"].astype(object),
        **interval_columns("observed", value, lo, hi), **interval_columns("expected", exp_v, exp_lo, exp_hi),
        "rel_diff": rd, "tolerance": tolerance(lo, hi, exp_lo, exp_hi, exp_v), "id_extra": ref_id,
    }
    out = pd.DataFrame({k: pd.Series(v, dtype=v.dtype, copy=False) for k, v in columns.items()})
    out["explanation"] = pd.Series(text, copy=False)
    return out


def _reference_texts(row, ref, has_ref, exp_value, verdict, rd, note, *, doc, surface, key, period, source, url,
                     unit) -> list[str]:
    """The reference check's explanations of some findings, from their columns (see ``explanations``)."""
    at = np.where(has_ref, ref, 0)
    blank = np.full(len(row), "", dtype=object)
    return explanations(doc[row], surface[row], key[row], period[row],
                        np.where(has_ref, source[at], blank), np.where(has_ref, url[at], blank), exp_value,
                        np.where(has_ref, unit[at], blank), verdict, rd, has_ref, note)


# the verdict phrases of checks.verdicts (a review adds its doubt in _explain)
_ZH = {v: p.zh_with for v, p in PHRASES.items()}
_EN = {v: p.en_with for v, p in PHRASES.items()}


def _diffs(rd: float) -> tuple[str, str]:
    if not np.isfinite(rd):
        return ("", "")
    return (f"（相差 {rd:+.2%}）", f" (difference {rd:+.2%})")


def _figure_zh(value: float, unit: str) -> str:
    """The official figure in the Chinese sentence: 10.67亿人, 216784亿元, 9.7 %, 26,337 人."""
    text = fmt_figure_zh(value)
    glue = "" if text[-1:] in ("万", "亿") and unit and not unit.isascii() else " "
    return f"{text}{glue}{unit}".strip()


def _figure_en(value: float, unit: str) -> str:
    """The official figure in the English sentence: 1.067 billion 人, 9.7 %."""
    return f"{fmt_figure_en(value)} {unit}".strip()


def explanations(doc, surface, key, period, source, url, exp_value, unit, verdict, rd, has_ref, note) -> list[str]:
    """:func:`_explain` over whole columns: numbers, units, verdict phrases and notes are written
    once per distinct value, the sentence once per row."""
    n = len(doc)
    if n == 0:
        return []
    has_ref = np.asarray(has_ref, dtype=bool)
    rd = np.asarray(rd, dtype=float)
    values, units = np.asarray(exp_value, dtype=float), np.asarray(unit, dtype=object)
    figure = per_distinct(_figure_zh, values, units)
    figure_en = per_distinct(_figure_en, values, units)
    diffs = per_distinct(_diffs, rd)
    zh = per_distinct(lambda v: _ZH.get(v, ""), np.asarray(verdict, dtype=object))
    en = per_distinct(lambda v: _EN.get(v, ""), np.asarray(verdict, dtype=object))
    note = np.asarray(note, dtype=object)
    out = []
    append = out.append
    for d, s, k, p, src, u, fig, fen, df, z, e, ok, nt in zip(doc, surface, key, period, source, url, figure, figure_en,
                                                            diffs, zh, en, has_ref, note):
        if not ok:
            append(f"文档 {d} 的“{s}”（{k}，{p}）在参考数据中没有同一指标、同一时期、同一地区的官方数字，无法核实。"
                   f" Document {d} states “{s}” ({k}, {p}); the reference data has no official figure"
                   f" for this metric, period and area.")
        elif nt == "scale":
            append(f"文档 {d} 的“{s}”（{k}，{p}）与{src}公布的全国数字 {fig} 相差十倍以上，且未说明地区："
                   f"多半是另一地区或某一部分人群的数字，无法核实{df[0]}。"
                   f" Document {d} states “{s}” ({k}, {p}), more than ten times away from the national"
                   f" figure {fen} from {src} and naming no area: probably another area or a sub-group; not"
                   f" verifiable{df[1]} <{u}>.")
        elif nt:
            append(f"文档 {d} 的“{s}”（{k}，{p}）与{src}公布的 {fig}{z}{df[0]}（{nt}）。"
                   f" Document {d} states “{s}” ({k}, {p}), {e} {fen} from {src}{df[1]} — review: {nt} <{u}>.")
        else:
            append(f"文档 {d} 的“{s}”（{k}，{p}）与{src}公布的 {fig}{z}{df[0]}。"
                   f" Document {d} states “{s}” ({k}, {p}), {e} {fen} from {src}{df[1]} <{u}>.")
    return out


def _explain(doc, surface, key, period, source, url, exp_value, unit, verdict, rd, has_ref, note="") -> str:
    """One explanation (the reference for :func:`explanations`)."""
    surface = quote(surface)
    if not has_ref:
        return (
            f"文档 {doc} 的{surface}（{key}，{period}）在参考数据中没有同一指标、同一时期、同一地区的官方数字，无法核实。"
            f" Document {doc} states {surface} ({key}, {period}); the reference data has no official figure"
            f" for this metric, period and area."
        )
    diff = "" if not np.isfinite(rd) else f"（相差 {rd:+.2%}）"
    diff_en = "" if not np.isfinite(rd) else f" (difference {rd:+.2%})"
    figure, figure_en = _figure_zh(exp_value, unit), _figure_en(exp_value, unit)
    if note == "scale":
        return (
            f"文档 {doc} 的{surface}（{key}，{period}）与{source}公布的全国数字 {figure} 相差十倍以上，且未说明地区："
            f"多半是另一地区或某一部分人群的数字，无法核实{diff}。"
            f" Document {doc} states {surface} ({key}, {period}), more than ten times away from the national"
            f" figure {figure_en} from {source} and naming no area: probably another area or a sub-group; not"
            f" verifiable{diff_en} <{url}>."
        )
    why = f"（{note}）" if note else ""
    why_en = f" — review: {note}" if note else ""
    return (
        f"文档 {doc} 的{surface}（{key}，{period}）与{source}公布的 {figure}{_ZH[verdict]}{diff}{why}。"
        f" Document {doc} states {surface} ({key}, {period}), {_EN[verdict]} {figure_en} from {source}{diff_en}"
        f"{why_en} <{url}>."
    )
