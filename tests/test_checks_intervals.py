"""Interval logic: what a figure asserts and when two statements agree."""
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from factlib.checks.intervals import APPROX_REL, bounds, overlap_verdict, precision_of, rel_diff, tolerance


@pytest.mark.parametrize("text,mult,expected", [
    ("10.67", 10**8, Decimal("500000")),
    ("13.79", 10**12, Decimal("5000000000")),
    ("62,000", 1, Decimal("500")),
    ("22", 1, Decimal("0.5")),
    ("65.9", 1, Decimal("0.05")),
    ("400000", 1, Decimal("50000")),
], ids=["10.67亿", "13.79万亿", "62,000", "22", "65.9%", "400,000"])
def test_precision_of_stated_digits(text, mult, expected):
    assert precision_of(text, mult) == expected


def _b(value, qualifier, precision=None, low=None, high=None):
    lo, hi = bounds(pd.Series([value], dtype=float), pd.Series([qualifier]),
                    pd.Series([precision], dtype=float), pd.Series([low], dtype=float), pd.Series([high], dtype=float))
    return lo[0], hi[0]


@pytest.mark.parametrize("args,expected", [
    ((1.067e9, "exact", 5e5), (1.0665e9, 1.0675e9)),
    ((7.4e8, "lower", 5e6), (7.4e8, np.inf)),
    ((4.2e12, "upper", 5e10), (-np.inf, 4.2e12)),
    ((100.0, "approx", 0.5), (100 - 100 * APPROX_REL, 100 + 100 * APPROX_REL)),
    ((None, "exact", None, 3e4, 5e4), (3e4, 5e4)),
], ids=["exact 10.67亿", "lower 超7.4亿", "upper 近4.2万亿", "approx 约100", "range 3至5万"])
def test_bounds(args, expected):
    assert _b(*args) == pytest.approx(expected)


@pytest.mark.parametrize("a,b,verdict", [
    (_b(7.4e8, "lower", 5e6), _b(7.45e8, "exact", 5e5), "consistent"),        # 超7.4亿 vs 7.45亿
    (_b(1.076e9, "exact", 5e5), _b(1.067e9, "exact", 5e5), "contradicted"),   # 10.76亿 vs 10.67亿
    (_b(1.067e9, "exact", 5e5), _b(1.07e9, "exact", 5e6), "consistent"),      # 10.67亿 vs 10.7亿
    (_b(2.31e6, "exact", 5e3), _b(2.312e6, "exact", 5e2), "consistent"),      # 231万 vs 231.2万
    (_b(9.15e8, "exact", 5e5), _b(9.14e8, "lower", 5e5), "consistent"),       # 9.15亿 vs over 914 million
    (_b(np.nan, "exact", 0), _b(1.0, "exact", 0), "unverifiable"),
], ids=["超7.4亿~7.45亿", "10.76亿!10.67亿", "10.67亿~10.7亿", "231万~231.2万", "9.15亿~over914m", "unknown"])
def test_overlap_verdict(a, b, verdict):
    assert overlap_verdict([a[0]], [a[1]], [b[0]], [b[1]])[0] == verdict


def test_rel_diff_and_tolerance():
    rd = rel_diff(np.array([1.076e9]), np.array([1.067e9]))
    assert rd[0] == pytest.approx(0.009 / 1.067, rel=1e-6)
    tol = tolerance([1.0755e9], [1.0765e9], [1.0665e9], [1.0675e9], [1.067e9])
    assert tol[0] == pytest.approx(1e6 / 1.067e9)
    assert np.isnan(tolerance([7.4e8], [np.inf], [7.4e8], [7.5e8], [7.45e8])[0])
