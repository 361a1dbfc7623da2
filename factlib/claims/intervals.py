"""The interval a claim or a reference figure asserts (claim-interval math shared by the checks and
the reference-figure loader).

A figure stated as ``10.67亿`` asserts [10.665亿, 10.675亿] (half a unit of its last stated digit);
``超7.4亿`` asserts [7.4亿, +inf); ``近4.2万亿`` asserts (-inf, 4.2万亿]; ``约…`` widens the stated
precision to at least ``APPROX_REL`` of the value (``vocab.qualifiers.APPROX_SHARE``, the one
definition of the approx margin).  Works on whole pandas columns (numpy arrays).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from factlib.vocab.qualifiers import APPROX_SHARE

__all__ = ["APPROX_REL", "bounds", "precision_of"]

#: an ``approx`` figure (约, 近似, about, a round milestone) is read as within ±5 % of its value,
#: or its stated precision when that is wider (the float of ``APPROX_SHARE``)
APPROX_REL = float(APPROX_SHARE)


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
