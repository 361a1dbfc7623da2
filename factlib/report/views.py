"""What a reader sees of a finding: one display row per finding, numbers for humans.

:func:`finding_views` turns a findings frame (plus the claims and reference frames it
refers to) into plain dicts the HTML layer renders: the claim's words and sentence, the
figure it was checked against with its unit (an official figure, or the other
document's words), the difference in words, the explanation and the sources (primary
before lower-tier ones).  Exact values ride along for hover titles.  Works with both
the nested ``observed``/``expected`` cells and flat ``observed_value``/``expected_low``…
columns.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from factlib.checks.humanize import difference_words, exact_number, interval_words
from factlib.report.rows import records

__all__ = ["VERDICTS", "VERDICT_LABELS", "claim_verdicts", "finding_views", "is_missing", "part_value", "verdict_rank"]

#: verdicts, most urgent first
VERDICTS = ("contradicted", "needs_review", "unverifiable", "consistent")
#: icon, English label, Chinese label
VERDICT_LABELS = {
    "contradicted": ("✗", "contradicted", "不符"),
    "needs_review": ("?", "needs review", "需核对"),
    "unverifiable": ("–", "unverifiable", "无法核实"),
    "consistent": ("✓", "consistent", "一致"),
}


def verdict_rank(verdict: Any) -> int:
    """0 for contradicted … 3 for consistent, 4 for anything else."""
    return VERDICTS.index(verdict) if verdict in VERDICTS else len(VERDICTS)


def is_missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        import pandas as pd

        return v is pd.NA or v is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def _list(v: Any) -> list[Any]:
    if isinstance(v, str):
        return [v] if v else []
    if hasattr(v, "tolist") and not isinstance(v, (int, float)):
        v = v.tolist()
    if isinstance(v, (list, tuple)):
        return list(v)
    return [] if is_missing(v) else [v]


def part_value(row: Mapping[str, Any], side: str, part: str) -> Any:
    """``row[side][part]`` for nested cells or ``row[f"{side}_{part}"]`` for flat columns."""
    flat = row.get(f"{side}_{part}")
    if flat is not None and not is_missing(flat):
        return flat
    cell = row.get(side)
    if isinstance(cell, Mapping):
        v = cell.get(part)
        return None if is_missing(v) else v
    if part == "value" and not is_missing(cell) and not isinstance(cell, (list, tuple)):
        return cell
    return None


def claim_verdicts(findings: Any) -> dict[str, str]:
    """claim id → the most urgent verdict any finding gives it.

    A finding's verdict belongs to its first claim (the observed one).  The other claims
    of a finding (the other documents' figures it was compared with) share a
    ``consistent`` verdict; when the finding is ``contradicted`` they are not marked —
    a correct figure another document contradicts is not itself wrong — except in a
    translation, where either side may have been altered (both ``needs_review``).
    """
    out: dict[str, str] = {}
    if findings is None or len(findings) == 0:
        return out
    checks = findings["check"] if "check" in getattr(findings, "columns", ()) else [None] * len(findings)
    for ids, verdict, check in zip(findings["claim_ids"], findings["verdict"], checks):
        verdict = str(verdict)
        for n, cid in enumerate(_list(ids)):
            given = verdict
            if n > 0 and verdict != "consistent":
                given = "needs_review" if verdict == "contradicted" and check == "translation" else ""
            cid = str(cid)
            if given and (cid not in out or verdict_rank(given) < verdict_rank(out[cid])):
                out[cid] = given
    return out


def _records(frame: Any) -> list[dict[str, Any]]:
    if frame is None:
        return []
    return records(frame)


def _rows_where(frame: Any, column: str, values: set) -> Any:
    """The rows of a DataFrame whose ``column`` (as text when ``values`` are text) is in ``values``;
    anything else is returned as it is."""
    if frame is None or not hasattr(frame, "columns") or column not in frame.columns:
        return frame
    col = frame[column]
    if values and all(isinstance(v, str) for v in values) and not _is_text(col.dtype):
        col = col.astype(str)
    return frame[col.isin(values)]


def _is_text(dtype: Any) -> bool:
    """A pandas string dtype (its values are text already: ``astype(str)`` would only copy them)."""
    import pandas as pd

    return isinstance(dtype, pd.StringDtype)


def _sources(reference: Any, metric_key: Any, period: Any) -> dict[tuple, list[dict[str, Any]]]:
    """(metric_key, period) → reference rows, primary sources first."""
    out: dict[tuple, list[dict[str, Any]]] = {}
    for r in _records(reference):
        out.setdefault((r.get("metric_key"), r.get("period")), []).append(r)
    for rows in out.values():
        rows.sort(key=lambda r: bool(r.get("lower_tier")))
    return out


def _same(a: Any, b: Any) -> bool:
    try:
        return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-9)
    except (TypeError, ValueError):
        return False


def finding_views(findings: Any, claims: Any = None, reference: Any = None) -> list[dict[str, Any]]:
    """One display dict per finding (same order); see the module docstring for the keys."""
    rows = _records(findings)
    # only the claims and reference rows these findings can use become dicts (a document's page
    # shows a few findings of a corpus of thousands of claims)
    claims = _rows_where(claims, "claim_id", {str(i) for f in rows for i in _list(f.get("claim_ids"))})
    reference = _rows_where(reference, "metric_key", {f.get("metric_key") for f in rows})
    by_claim = {str(c.get("claim_id")): c for c in _records(claims)}
    sources = _sources(reference, None, None) if reference is not None else {}
    views = []
    for f in rows:
        ids = [str(i) for i in _list(f.get("claim_ids"))]
        first = by_claim.get(ids[0]) if ids else None
        lang = (first or {}).get("lang") or "zh-Hans"
        kind = (first or {}).get("kind")
        observed_value = part_value(f, "observed", "value")
        expected = {p: part_value(f, "expected", p) for p in ("value", "low", "high", "text")}
        unit = ""
        refs: list[dict[str, Any]] = []
        if f.get("check") == "reference" or f.get("check") == "official":
            refs = sources.get((f.get("metric_key"), f.get("period")), [])
            match = [r for r in refs if _same(r.get("value"), expected["value"]) or _same(r.get("low"), expected["low"])]
            if not match:  # the figure may be dated otherwise (a claim for 2022 held against 2022-12's)
                same_metric = [r for (key, _), rows in sources.items() if key == f.get("metric_key") for r in rows]
                match = [r for r in same_metric
                         if _same(r.get("value"), expected["value"]) or _same(r.get("low"), expected["low"])]
                match.sort(key=lambda r: bool(r.get("lower_tier")))
            if match:
                unit = match[0].get("unit") or ""
                # the row the check used first, then the other sources for the same figure
                refs = match + [r for r in refs if r not in match]
        elif first is not None:
            unit = first.get("unit_surface") or first.get("unit") or ""
        others = [by_claim[i] for i in ids[1:] if i in by_claim]
        other_docs = [o for o in others if first is None or o.get("doc_id") != first.get("doc_id")]
        if other_docs:
            expected_text = " · ".join(f"“{o.get('surface')}” ({o.get('doc_id')})" for o in other_docs)
            against = "other documents"
        elif isinstance(expected["text"], str) and expected["text"]:
            expected_text, against = expected["text"], "expected value"
        else:
            expected_text = interval_words(expected["low"], expected["high"], expected["value"], unit,
                                           lang=lang, kind=kind)
            against = "official figure" if refs else "expected value"
        exact = exact_number(expected["value"]) or " – ".join(
            x for x in (exact_number(expected["low"]), exact_number(expected["high"])) if x)
        seen: set[str] = set()
        source_links = []
        for r in refs:
            url = r.get("source_url")
            if isinstance(url, str) and url and url not in seen:
                seen.add(url)
                source_links.append({"name": r.get("source_name") or url, "url": url,
                                     "primary": not bool(r.get("lower_tier"))})
        verdict = str(f.get("verdict") or "")
        views.append({
            "finding_id": f.get("finding_id"),
            "verdict": verdict,
            "check": f.get("check"),
            "metric_key": f.get("metric_key") or "",
            "period": f.get("period") or "",
            "claim_id": ids[0] if ids else "",
            "doc_id": (first or {}).get("doc_id") or (_list(f.get("doc_ids")) or [""])[0],
            "surface": (first or {}).get("surface") or part_value(f, "observed", "text") or "",
            "sentence": (first or {}).get("sentence") or "",
            "lang": lang,
            "observed_exact": exact_number(observed_value),
            "against": against,
            "expected_text": expected_text,
            "expected_exact": exact,
            "expected_value": expected["value"],
            "difference": difference_words(f.get("rel_diff"), verdict, lang="en", against=against),
            "difference_zh": difference_words(f.get("rel_diff"), verdict, lang="zh"),
            "rel_diff": f.get("rel_diff"),
            "explanation": f.get("explanation") or "",
            "sources": source_links,
        })
    return views
