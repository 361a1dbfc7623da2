"""Column helpers of the checks (issue 16) against the per-row loops they replace."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from factlib.checks.columns import (coded_columns, decoded_columns, distinct, eq, factorize, ne, per_distinct,
                                    plain_strings)
from factlib.checks.intervals import overlap_verdict
from factlib.checks.verdicts import RANK, rank_column
from factlib.checks.official import _explain, explanations
from factlib.checks.runner import _order

words = st.sampled_from(["", "a", "b", "网民", "2023", "2023-12", "money:CNY"])
cells = st.one_of(words, st.none(), st.just(float("nan")))


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=30))
def test_plain_strings_is_the_per_row_conversion(values):
    expected = ["" if v is None or v != v else str(v) for v in values]
    assert plain_strings(pd.Series(values, dtype=object)).tolist() == expected
    assert plain_strings(pd.Series([v if isinstance(v, str) else None for v in values], dtype="str")).tolist() == [
        v if isinstance(v, str) else "" for v in values]


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=30), st.sampled_from(["str", "string[pyarrow]", "arrow", object, "category"]))
def test_plain_strings_of_ids_are_the_hashed_conversion(values, dtype):
    # the unhashed conversion of an id column (Arrow strings as they are) gives the same strings
    import pyarrow as pa

    texts = [v if isinstance(v, str) else None for v in values]
    column = pd.Series(texts, dtype=pd.ArrowDtype(pa.string()) if dtype == "arrow" else dtype)
    fast = plain_strings(column, mostly_distinct=True)
    assert fast.dtype == object and all(type(v) is str for v in fast)
    assert fast.tolist() == plain_strings(column).tolist() == [v if isinstance(v, str) else "" for v in values]


@settings(max_examples=200, deadline=None)
@given(st.lists(cells, max_size=30), st.lists(words, min_size=30, max_size=30), words)
def test_eq_and_ne_are_pandas_comparisons(values, others, value):
    column = pd.Series(values, dtype=object, name="period", index=range(5, 5 + len(values)))
    other = pd.Series(others[:len(values)], dtype=object, name="key", index=column.index)
    for mine, theirs, right in ((eq, lambda a, b: a == b, value), (ne, lambda a, b: a != b, value),
                                (eq, lambda a, b: a == b, other), (ne, lambda a, b: a != b, other)):
        pd.testing.assert_series_equal(mine(column, right), theirs(column, right))
    assert eq(column.to_numpy(), value).tolist() == (column == value).tolist()
    with_na = pd.Series([*values, pd.NA], dtype=object)  # numpy cannot compare pd.NA: pandas does
    pd.testing.assert_series_equal(ne(with_na, value), with_na != value)
    arrow = pd.Series([v if isinstance(v, str) else None for v in values], dtype="str")
    pd.testing.assert_series_equal(eq(arrow, value), arrow == value)


@settings(max_examples=100, deadline=None)
@given(st.lists(cells, min_size=1, max_size=20), st.integers(1, 80), st.booleans(), st.booleans())
def test_factorize_is_pandas_factorize(values, copies, apart, sentinel):
    # long enough for the fast path (objects told apart by address first); ``apart``: equal
    # strings held as different objects
    column = np.array(values * copies * 20, dtype=object)
    if apart:
        column = np.array([(v + "\x00")[:-1] if isinstance(v, str) else v for v in column], dtype=object)
    for sort in (False, True):
        if sort and any(not isinstance(v, str) for v in values):
            continue  # pandas sorts mixed objects its own way
        codes, uniques = factorize(column, use_na_sentinel=sentinel, sort=sort)
        want_codes, want_uniques = pd.factorize(column, use_na_sentinel=sentinel, sort=sort)
        assert codes.tolist() == want_codes.tolist()
        assert [repr(u) for u in uniques] == [repr(u) for u in want_uniques]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(words, words, st.sampled_from([0.0, -0.0, 1.5, float("nan")])), min_size=1, max_size=30),
       st.integers(1, 60))
def test_group_bys_on_coded_columns_are_those_on_the_texts(rows, copies):
    frame = pd.DataFrame(rows * copies, columns=["key", "doc", "lo"]).astype({"key": object, "doc": object})
    coded, names = coded_columns(frame, ["key", "doc"])
    assert coded["key"].dtype == np.int64
    pd.testing.assert_frame_equal(decoded_columns(coded, names), frame)
    for sort in (False, True):
        want = frame.groupby(["key", "doc", "lo"], sort=sort, dropna=False).size().rename("n").reset_index()
        got = coded.groupby(["key", "doc", "lo"], sort=sort, dropna=False).size().rename("n").reset_index()
        pd.testing.assert_frame_equal(decoded_columns(got, names, inferred=True), want)
    pd.testing.assert_frame_equal(decoded_columns(coded.drop_duplicates(["key", "lo"]), names),
                                  frame.drop_duplicates(["key", "lo"]))
    assert coded_columns(pd.DataFrame({"key": ["a", None]}, dtype=object), ["key"]) is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([*RANK, "other", None, float("nan")]), max_size=40), st.integers(1, 60))
def test_rank_column_is_the_mapped_rank(verdicts, copies):
    column = pd.Series(verdicts * copies, dtype=object, name="verdict")
    pd.testing.assert_series_equal(rank_column(column), column.map(RANK).fillna(len(RANK)))


def test_overlap_verdicts_are_plain_strings():
    nan = float("nan")
    out = overlap_verdict([1, 1, nan], [2, 2, 3], [1.5, 3, 0], [4, 4, 1])
    assert out.tolist() == ["consistent", "contradicted", "unverifiable"]
    assert all(type(v) is str for v in out) and out.dtype == object


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(words, words, st.sampled_from([0.0, -0.0, 1.5, float("nan")])), max_size=30))
def test_per_distinct_is_the_per_row_call(rows):
    a = np.array([r[0] for r in rows], dtype=object)
    b = np.array([r[1] for r in rows], dtype=object)
    x = np.array([r[2] for r in rows], dtype=float)
    func = lambda s, t, v: f"{s}|{t}|{v:+.2f}"  # noqa: E731  (-0.0 prints as -0.00)
    assert per_distinct(func, a, b, x).tolist() == [func(*r) for r in zip(a, b, x)]
    if rows:
        codes, first = distinct(a, b)
        assert [tuple(p) for p in zip(a[first], b[first])] == list(dict.fromkeys(zip(a, b)))
        assert len(set(codes.tolist())) == len(first)


def test_explanations_equal_the_one_row_explanation():
    rows = [
        ("d1", "10.67亿", "internet_users", "2022-12", "CNNIC", "https://x", 1.067e9, "人", "consistent", 0.0, True, ""),
        ("d2", "超14亿", "population", "2022", "国家统计局", "https://y", 1.41e9, "人", "contradicted", -0.0123, True, ""),
        ("d3", "5.2%", "gdp_growth", "2023", "国家统计局", "https://z", 5.2, "%", "needs_review", math.nan, True,
         "period uncertain: 2023 is relative to an unknown date"),
        ("d4", "3万", "population", "2020", "国家统计局", "https://y", 1.41e9, "人", "unverifiable", -0.99998, True, "scale"),
        ("d5", "12", "x", "2021", "", "", math.nan, "", "unverifiable", math.nan, False, ""),
    ]
    columns = list(zip(*rows))
    assert explanations(*[np.array(c, dtype=object) for c in columns]) == [_explain(*r) for r in rows]


def test_order_sorts_by_verdict_check_and_id_and_keeps_the_first_of_an_id():
    f = pd.DataFrame({
        "verdict": ["consistent", "contradicted", "consistent", "needs_review", "contradicted", "odd"],
        "check": ["reference", "reference", "derived", "reference", "reference", "derived"],
        "finding_id": ["f-b", "f-a", "f-c", "f-d", "f-a", "f-e"],
    })
    expected = f.assign(_o=f["verdict"].map({"contradicted": 0, "needs_review": 1, "consistent": 2,
                                              "unverifiable": 3}).fillna(4))
    expected = expected.sort_values(["_o", "check", "finding_id"], kind="stable").drop_duplicates("finding_id")
    assert _order(f).tolist() == expected.index.tolist()


@pytest.mark.parametrize("value,zh,en", [
    (1067000000.0, "10.67亿", "1.067 billion"),      # CNNIC's 10.67亿人, as the claim card shows it
    (12560000.0, "1256万", "12.56 million"),
    (13790000000000.0, "13.79万亿", "13.79 trillion"),
    (21678400000000.0, "216784亿", "21,678.4 billion"),  # the largest scale that needs ≤ 2 (en 3) decimals
    (26337.0, "26,337", "26,337"),                   # below a million: digits
    (9.7, "9.7", "9.7"),
    (-2500000000.0, "-25亿", "-2.5 billion"),
    (1234567.891, "1,234,567.891", "1,234,567.891"),  # not a round figure at any scale
    (float("nan"), "?", "?"),
])
def test_official_figures_are_written_as_readers_write_them(value, zh, en):
    from factlib.checks.findings import fmt_figure_en, fmt_figure_zh

    assert fmt_figure_zh(value) == zh
    assert fmt_figure_en(value) == en


def test_per_distinct_by_identity_gives_the_per_row_results_with_equal_strings_held_apart():
    # equal strings that are different objects (made per row) and shared ones (plain_strings):
    # either way each row gets func of its value
    import numpy as np
    import pandas as pd

    from factlib.checks.columns import distinct, per_distinct, plain_strings

    shared = plain_strings(pd.Series([f"k{i % 7}" for i in range(3000)]))
    apart = np.array([f"k{i % 7}" for i in range(3000)] + [None] * 10, dtype=object)
    for column in (shared, apart):
        got = per_distinct(lambda v: f"<{v}>", column)
        assert got.tolist() == [f"<{v}>" for v in column]
    # a join needs values: codes of equal strings are equal whatever the objects
    codes, _ = distinct(np.concatenate([shared, apart[:3000]]))
    assert (codes[:3000] == codes[3000:]).all()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["zh", "ZH", "en", "EN", "eng", "chs", "Cht", "hans", "r0", "003", "doc",
                                          "文档", "chſ", "-", "_", ".", " ", "/", "e", "n", "z", "h"]),
                         max_size=6).map("".join), max_size=20))
def test_name_keys_are_name_key_of_each_id(ids):
    # the prefilter (no letters of a language tag: no tag) gives what name_key gives for every id
    from factlib.checks.translation import _name_keys, name_key

    values = np.array(ids, dtype=object)
    assert _name_keys(values).tolist() == [name_key(d) for d in ids]
