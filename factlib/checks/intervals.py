"""Interval verdicts: every claim and every reference figure asserts an interval [low, high]
(:func:`factlib.claims.intervals.bounds`).  Two statements about the same quantity are
*consistent* when their intervals overlap and *contradicted* when they are disjoint.

Everything here works on whole pandas columns (numpy arrays), never row by row.
"""
from __future__ import annotations

import numpy as np

from factlib.checks.verdicts import Verdict
from factlib.claims.intervals import APPROX_REL, bounds, precision_of

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


def overlap_verdict(a_lo, a_hi, b_lo, b_hi) -> np.ndarray:
    """``consistent`` where [a_lo, a_hi] and [b_lo, b_hi] overlap, ``contradicted`` where they are
    disjoint, ``unverifiable`` where a bound is unknown (NaN)."""
    a_lo, a_hi, b_lo, b_hi = (np.asarray(x, dtype=float) for x in (a_lo, a_hi, b_lo, b_hi))
    unknown = np.isnan(a_lo) | np.isnan(a_hi) | np.isnan(b_lo) | np.isnan(b_hi)
    disjoint = (a_hi < b_lo) | (b_hi < a_lo)
    # the verdicts as plain strings taken from a table (no string made per element)
    out = _OVERLAP[disjoint.astype(np.intp)]
    out[unknown] = _OVERLAP[2]
    return out


_OVERLAP = np.array([str(Verdict.CONSISTENT.value), str(Verdict.CONTRADICTED.value), str(Verdict.UNVERIFIABLE.value)],
                    dtype=object)


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


def interval_dict(value, lo, hi) -> list[dict]:
    """Column of ``{"value", "low", "high"}`` dicts (None for unknown or open bounds)."""
    cols = []
    for x in (value, lo, hi):
        arr = np.asarray(x, dtype=float)
        cols.append(np.where(np.isfinite(arr), arr, None).tolist())
    return [{"value": a, "low": b, "high": c} for a, b, c in zip(*cols)]
