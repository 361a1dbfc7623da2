"""Interval verdicts: every claim and every reference figure asserts an interval [low, high].

A figure stated as ``10.67亿`` asserts [10.665亿, 10.675亿] (half a unit of its last stated digit);
``超7.4亿`` asserts [7.4亿, +inf); ``近4.2万亿`` asserts (-inf, 4.2万亿]; ``约…`` widens the stated
precision to at least ``APPROX_REL`` of the value.  Two statements about the same quantity are
*consistent* when their intervals overlap and *contradicted* when they are disjoint.

Everything here works on whole pandas columns (numpy arrays), never row by row.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

__all__ = [
    "APPROX_REL",
    "Verdict",
    "bounds",
    "overlap_verdict",
    "rel_diff",
    "tolerance",
    "precision_of",
    "interval_dict",
]

#: an ``approx`` figure (约, 近似, about, a round milestone) is read as within ±5 % of its value,
#: or its stated precision when that is wider
APPROX_REL = 0.05


class Verdict:
    """The four verdicts of a finding (plain strings, so frames stay simple)."""

    CONSISTENT = "consistent"
    CONTRADICTED = "contradicted"
    UNVERIFIABLE = "unverifiable"
    NEEDS_REVIEW = "needs_review"
    ALL = (CONSISTENT, CONTRADICTED, UNVERIFIABLE, NEEDS_REVIEW)


def _num(series: pd.Series | None, index: pd.Index) -> np.ndarray:
    if series is None:
        return np.full(len(index), np.nan)
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def bounds(
    value: pd.Series,
    qualifier: pd.Series,
    precision: pd.Series | None = None,
    low: pd.Series | None = None,
    high: pd.Series | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The interval each row asserts, as two float arrays (``±inf`` for open ends, NaN if unknown).

    ``low``/``high`` given by the extractor win where present (ranges, ``超`` lower bounds);
    otherwise the interval is ``value ± precision`` shaped by the qualifier.  ``approx`` rows are
    widened to at least ``APPROX_REL`` of the value whatever the extractor said.
    """
    index = value.index
    v = _num(value, index)
    p = np.abs(np.nan_to_num(_num(precision, index), nan=0.0))
    q = qualifier.fillna("exact").astype(str).to_numpy() if qualifier is not None else np.full(len(index), "exact")
    given_lo, given_hi = _num(low, index), _num(high, index)

    lo = v - p
    hi = v + p
    is_lower, is_upper, is_approx = q == "lower", q == "upper", q == "approx"
    lo = np.where(is_lower, v, lo)
    hi = np.where(is_lower, np.inf, hi)
    lo = np.where(is_upper, -np.inf, lo)
    hi = np.where(is_upper, v, hi)
    # extractor-given bounds (ranges, explicit lower/upper) override
    has_lo, has_hi = ~np.isnan(given_lo), ~np.isnan(given_hi)
    lo = np.where(has_lo, given_lo, lo)
    hi = np.where(has_hi, given_hi, hi)
    # an open side the extractor left empty stays open for lower/upper qualifiers
    hi = np.where(is_lower & ~has_hi, np.inf, hi)
    lo = np.where(is_upper & ~has_lo, -np.inf, lo)
    # a range with no value: keep what was given
    widen = np.abs(v) * APPROX_REL
    centre = v
    lo = np.where(is_approx & ~np.isnan(centre), np.minimum(lo, centre - widen), lo)
    hi = np.where(is_approx & ~np.isnan(centre), np.maximum(hi, centre + widen), hi)
    return lo.astype(float), hi.astype(float)


def overlap_verdict(a_lo, a_hi, b_lo, b_hi) -> np.ndarray:
    """``consistent`` where [a_lo, a_hi] and [b_lo, b_hi] overlap, ``contradicted`` where they are
    disjoint, ``unverifiable`` where a bound is unknown (NaN)."""
    a_lo, a_hi, b_lo, b_hi = (np.asarray(x, dtype=float) for x in (a_lo, a_hi, b_lo, b_hi))
    unknown = np.isnan(a_lo) | np.isnan(a_hi) | np.isnan(b_lo) | np.isnan(b_hi)
    disjoint = (a_hi < b_lo) | (b_hi < a_lo)
    out = np.where(disjoint, Verdict.CONTRADICTED, Verdict.CONSISTENT).astype(object)
    out[unknown] = Verdict.UNVERIFIABLE
    return out


def _centre(lo: np.ndarray, hi: np.ndarray, value: np.ndarray | None) -> np.ndarray:
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    with np.errstate(invalid="ignore"):
        mid = np.where(np.isfinite(lo) & np.isfinite(hi), (lo + hi) / 2, np.where(np.isfinite(lo), lo, hi))
    if value is not None:
        value = np.asarray(value, dtype=float)
        mid = np.where(np.isnan(value), mid, value)
    return mid


def rel_diff(obs_value, exp_value, obs_lo=None, obs_hi=None, exp_lo=None, exp_hi=None) -> np.ndarray:
    """(observed − expected) / |expected| on point values (interval centres when no value)."""
    o = _centre(obs_lo, obs_hi, obs_value) if obs_lo is not None else np.asarray(obs_value, dtype=float)
    e = _centre(exp_lo, exp_hi, exp_value) if exp_lo is not None else np.asarray(exp_value, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (o - e) / np.abs(e)
    out[~np.isfinite(out)] = np.nan
    return out


def tolerance(obs_lo, obs_hi, exp_lo, exp_hi, exp_value) -> np.ndarray:
    """Relative difference the two intervals allow: (half-width₁ + half-width₂) / |expected|.
    NaN when an interval is open."""
    arr = [np.asarray(x, dtype=float) for x in (obs_lo, obs_hi, exp_lo, exp_hi)]
    e = _centre(arr[2], arr[3], exp_value)
    with np.errstate(invalid="ignore", divide="ignore"):
        hw = (arr[1] - arr[0]) / 2 + (arr[3] - arr[2]) / 2
        out = hw / np.abs(e)
    out[~np.isfinite(out)] = np.nan
    return out


def precision_of(number_text: str, multiplier: Decimal | int = 1) -> Decimal:
    """Half a unit of the last stated digit: ``'10.67'`` × 1e8 → 0.005e8; ``'62,000'`` → 500
    (trailing zeros of an integer are not significant); ``'22'`` → 0.5."""
    text = number_text.replace(",", "").replace("，", "").strip()
    try:
        Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"not a number: {number_text!r}") from exc
    if "." in text:
        decimals = len(text.split(".", 1)[1])
        step = Decimal(1).scaleb(-decimals)
    else:
        digits = text.lstrip("+-")
        zeros = len(digits) - len(digits.rstrip("0")) if digits.strip("0") else 0
        step = Decimal(1).scaleb(zeros)
    return step * Decimal(multiplier) / 2


def _json_num(x: float) -> float | None:
    if x is None or not np.isfinite(x):
        return None
    return float(x)


def interval_dict(value, lo, hi) -> list[dict]:
    """Column of ``{"value", "low", "high"}`` dicts (None for unknown or open bounds)."""
    cols = []
    for x in (value, lo, hi):
        arr = np.asarray(x, dtype=float)
        cols.append(np.where(np.isfinite(arr), arr, None).tolist())
    return [{"value": a, "low": b, "high": c} for a, b, c in zip(*cols)]
