"""The findings table: columns, stable ids, evidence and bilingual explanations."""
from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["FINDING_COLUMNS", "empty_findings", "finalize", "evidence_for", "fmt_number", "quote"]

#: the columns of a findings frame, in order (issue 4)
FINDING_COLUMNS = (
    "finding_id", "check", "verdict", "claim_ids", "doc_ids", "metric_key", "period", "observed",
    "expected", "rel_diff", "tolerance", "explanation", "evidence",
)


def empty_findings() -> pd.DataFrame:
    """A findings frame with no rows and the right columns."""
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in FINDING_COLUMNS})
    frame["rel_diff"] = frame["rel_diff"].astype(float)
    frame["tolerance"] = frame["tolerance"].astype(float)
    return frame


def _finding_id(check: str, claim_ids: Sequence[str], extra: str) -> str:
    raw = "\x1f".join([check, *sorted(map(str, claim_ids)), str(extra)])
    return "f-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def finalize(partial: pd.DataFrame, check: str) -> pd.DataFrame:
    """Complete a check's partial findings: fill missing columns, set ``check``, compute stable
    ``finding_id`` from the check name, the claim ids and an optional ``id_extra`` column."""
    if partial is None or len(partial) == 0:
        return empty_findings()
    out = partial.copy().reset_index(drop=True)
    out["check"] = check
    for column in FINDING_COLUMNS:
        if column not in out.columns:
            out[column] = np.nan if column in {"rel_diff", "tolerance"} else None
    extra = out["id_extra"].astype(str) if "id_extra" in out.columns else pd.Series("", index=out.index)
    out["claim_ids"] = [list(c) if isinstance(c, (list, tuple, np.ndarray)) else [c] for c in out["claim_ids"]]
    out["doc_ids"] = [sorted(set(d)) if isinstance(d, (list, tuple, np.ndarray)) else [d] for d in out["doc_ids"]]
    out["finding_id"] = [_finding_id(check, c, e) for c, e in zip(out["claim_ids"], extra)]
    out["rel_diff"] = pd.to_numeric(out["rel_diff"], errors="coerce").astype(float)
    out["tolerance"] = pd.to_numeric(out["tolerance"], errors="coerce").astype(float)
    return out[list(FINDING_COLUMNS)]


def evidence_for(claims: pd.DataFrame, rows: Sequence[Sequence[int]]) -> list[list[dict]]:
    """``[{doc_id, start, end}, …]`` for each list of claim row positions."""
    doc = claims["doc_id"].to_numpy()
    start = claims["start"].to_numpy()
    end = claims["end"].to_numpy()
    return [[{"doc_id": str(doc[i]), "start": int(start[i]), "end": int(end[i])} for i in idx] for idx in rows]


def fmt_number(x: float | None) -> str:
    """A compact human rendering of a float (no exponent, no trailing zeros)."""
    if x is None or (isinstance(x, float) and not np.isfinite(x)):
        return "?"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6f}".rstrip("0").rstrip(".")


def fmt_interval(lo: float, hi: float) -> str:
    """``[a, b]`` with open ends shown as ``-inf`` / ``+inf``."""
    a = "-inf" if not np.isfinite(lo) else fmt_number(lo)
    b = "+inf" if not np.isfinite(hi) else fmt_number(hi)
    return f"[{a}, {b}]"


def quote(surface: str) -> str:
    """A surface in Chinese quotation marks."""
    return f"“{surface}”"
