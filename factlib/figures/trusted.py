"""Reference figures from documents the user trusts: an official release saved on disk.

A journalist checks an article against the release it cites: ``factlib check ARTICLE --trusted
RELEASE``.  The release's own claims become reference rows (the sentence's clause is the quote), so
the article's figures are compared with the release's figures for the same metric and period.

>>> from factlib.documents.load import document_from_text
>>> doc = document_from_text("2024年末全国人口140828万人。", id="release", date="2025-01-17")
>>> rows = trusted_reference([doc])
>>> rows[["metric_key", "period", "value", "unit_code", "tier"]].values.tolist()
[['population', '2024-12', '1408280000', 'person', 'trusted']]

Only claims that can serve as a figure are kept: a metric key, a period, a level (count, amount,
percent) or a growth rate, and no doubt about the period.  Changes (``比上年增加…``) and ranges are
left out.  Levels of a stock stated for a bare year are year-end figures (``2024`` → ``2024-12``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from factlib.vocab.lexicon import MetricLexicon, default_lexicon

__all__ = ["TRUSTED_KINDS", "clause_of", "rows_from_claims", "surface_at", "trusted_reference"]

#: claim kinds that can be a reference figure
TRUSTED_KINDS = ("count", "amount", "percent", "growth_rate")
_CLAUSE_END = re.compile(r"[，,；;。！？!?\n]")
_YEAR = re.compile(r"\d{4}")
#: between the metric phrase and a level: a verb of change not followed by 到/至/为 makes the number
#: a change (比上年增加1.6万亿元), not a level (增加到…, 提高至…)
_CHANGE_GAP = re.compile(r"(?:增加|减少|提高|降低|增长|下降|上升|扩大|缩小|新增|增|减|降|升|多|少)(?![到至为加少高低长降])")


def clause_of(sentence: str, start: int, end: int, lead: int = 0) -> str:
    """The clause of ``sentence`` around ``[start, end)``, reaching back to ``lead`` (where the
    metric phrase starts) when that is earlier: the source's own short phrase for a figure."""
    a = min(start, lead) if lead >= 0 else start
    left = max((m.end() for m in _CLAUSE_END.finditer(sentence, 0, a)), default=0)
    right_m = _CLAUSE_END.search(sentence, end)
    right = right_m.start() if right_m else len(sentence)
    return sentence[left:right].strip()


_NEW = re.compile(r"新增|新建|新开通|新投产|增加")
_RATE_UNITS = frozenset({"%", "‰", "pp"})


def _fits_key(kind: str, key_unit: str) -> bool:
    """A level's kind agrees with its metric's unit: a percent for a rate, a count or amount else."""
    if kind == "growth_rate":
        return key_unit not in _RATE_UNITS or key_unit == "%"
    return (kind == "percent") == (key_unit in _RATE_UNITS)


def surface_at(sentence: str, surface: str) -> int:
    """Where ``surface`` stands in ``sentence`` as a whole number (not the 5% inside 2.5%), or -1."""
    m = re.search(r"(?<![\d.])" + re.escape(surface), sentence)
    return m.start() if m else sentence.find(surface)


def _value_text(value) -> str:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    if not d.is_finite():
        return ""
    text = format(d.normalize(), "f")
    return text[:-2] if text.endswith(".0") else text


def _is_level_or_growth(claims: pd.DataFrame) -> pd.Series:
    kind = claims["kind"].astype(object).astype(str)
    ok = kind.isin(TRUSTED_KINDS)
    if "change" in claims.columns:
        change = claims["change"].astype(object).fillna("").astype(str)
        ok &= (change.isin(["", "level"]) & (kind != "growth_rate")) | (kind == "growth_rate")
    if "direction" in claims.columns:
        # a level never comes with a direction word (增加/减少 …); a growth rate may (下降 3%)
        ok &= (kind == "growth_rate") | (claims["direction"].astype(object).fillna("").astype(str) == "")
    # a range (6%-6.5%) is not one figure: its interval is wider than the stated precision
    low = pd.to_numeric(claims["low"], errors="coerce") if "low" in claims.columns else None
    high = pd.to_numeric(claims["high"], errors="coerce") if "high" in claims.columns else None
    if low is not None and high is not None and "precision" in claims.columns:
        precision = pd.to_numeric(claims["precision"], errors="coerce").fillna(0).abs()
        width = (high - low).where(low.notna() & high.notna(), 0)
        ok &= ~(width > 2 * precision * 1.000001 + 1e-12)
    return ok


def rows_from_claims(
    claims: pd.DataFrame,
    *,
    source_name: str | pd.Series,
    source_url: str | pd.Series,
    published: str | pd.Series = "",
    tier: str = "trusted",
    lexicon: MetricLexicon | None = None,
    certain_periods: bool = True,
) -> pd.DataFrame:
    """Reference rows (the schema of ``official_figures.csv`` plus ``tier``, ``published``,
    ``area``) from extracted claims that can serve as figures (see the module docstring).
    ``certain_periods`` keeps only claims whose period is explicit or inherited in the sentence
    (a relative 今年/全年 may be read wrongly; a caller that dates claims by its own rule says False)."""
    lexicon = lexicon or default_lexicon()
    c = claims.reset_index(drop=True)
    key = c["metric_key"].astype(object).fillna("").to_numpy()
    period = c["period"].astype(object).fillna("").to_numpy()
    keep = (key != "") & (period != "") & _is_level_or_growth(c).to_numpy(dtype=bool)
    if certain_periods and "period_basis" in c.columns:
        keep &= c["period_basis"].astype(object).fillna("").isin(["explicit", "inherited"]).to_numpy()
    if "period_doubt" in c.columns:
        keep &= c["period_doubt"].astype(object).fillna("").to_numpy() == ""
    keep &= np.fromiter((k in lexicon for k in key), dtype=bool, count=len(key))
    c = c[keep]

    def column(value):
        return value[keep].to_numpy() if isinstance(value, pd.Series) else value

    rows = []
    names, urls, dates = column(source_name), column(source_url), column(published)
    for i, r in enumerate(c.itertuples(index=False)):
        info = lexicon.info(r.metric_key)
        period = str(r.period)
        measure = getattr(info, "measure", "")
        if r.kind != "growth_rate" and _YEAR.fullmatch(period) and (
            measure == "stock" or (not measure and r.kind in ("count", "percent"))
        ):
            period += "-12"
        sentence = str(r.sentence)
        s = surface_at(sentence, str(r.surface))
        lead = sentence.rfind(str(r.metric), 0, s) if r.metric and s >= 0 else -1
        if r.kind != "growth_rate" and lead >= 0 and _CHANGE_GAP.search(sentence, lead + len(str(r.metric)), s):
            continue
        if not _fits_key(r.kind, info.unit) or measure == "stock" and _NEW.search(str(r.metric)):
            continue  # a share of a count metric, a count of a share; 新增… of a stock is a change
        if r.kind == "growth_rate" and r.unit != "%":
            continue  # 增长1.4倍 is a multiple
        match = lexicon.match(str(r.metric))
        if match is None or match.key != r.metric_key or not match.exact:
            continue  # the phrase says more than the metric (参加新农合的人口, 规上装备工业增加值)
        quote = clause_of(sentence, s, s + len(str(r.surface)), lead) if s >= 0 else sentence
        value = r.value
        if r.kind == "growth_rate" and getattr(r, "direction", "") == "down" and value and float(value) > 0:
            value = -float(value)  # 下降3.27% is a growth rate of -3.27
        rows.append({
            "metric_zh": info.label_zh,
            "metric_en": info.label_en,
            "period": period,
            "value": _value_text(value),
            "unit": getattr(r, "unit_surface", "") or r.unit,
            "qualifier": r.qualifier or "exact",
            "source_name": names[i] if not isinstance(names, str) else names,
            "source_url": urls[i] if not isinstance(urls, str) else urls,
            "quote": quote,
            "metric_key": r.metric_key,
            "kind": r.kind,
            "unit_code": r.unit,
            "base_period": "",
            "area": getattr(r, "area", "") or "",
            "tier": tier,
            "published": (dates[i] if not isinstance(dates, str) else dates) or "",
        })
    columns = ["metric_zh", "metric_en", "period", "value", "unit", "qualifier", "source_name",
               "source_url", "quote", "metric_key", "kind", "unit_code", "base_period", "area", "tier",
               "published"]
    out = pd.DataFrame(rows, columns=columns)
    return out[out["value"] != ""].drop_duplicates(
        ["metric_key", "period", "kind", "value", "unit_code", "source_url", "area"]).reset_index(drop=True)


def trusted_reference(documents: Iterable, lexicon: MetricLexicon | None = None) -> pd.DataFrame:
    """Reference rows from the claims of trusted documents (:class:`~factlib.documents.load.Document`
    objects); source name = the title (or id), URL = the document's URL (or path), published = its date."""
    from factlib.claims.frame import claims_frame

    docs = list(documents)
    if not docs:
        return rows_from_claims(pd.DataFrame(columns=["metric_key", "period", "kind", "low", "high"]),
                                source_name="", source_url="", lexicon=lexicon)
    claims = claims_frame(docs)
    meta = {d.id: d for d in docs}
    doc = claims["doc_id"].map(meta)
    name = doc.map(lambda d: f"trusted release: {d.title or d.id}")
    url = doc.map(lambda d: d.url or d.path)
    date = doc.map(lambda d: d.date.isoformat() if d.date else "")
    return rows_from_claims(claims, source_name=name, source_url=url, published=date, tier="trusted",
                            lexicon=lexicon)
