"""factlib.report.rows.records gives what DataFrame.to_dict("records") gives: the same rows, the
same values, the same Python types (an oracle test on every kind of column the report meets, and on
the seeds' real claims, findings and official figures)."""
from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlib.report.rows import records


def _same_value(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if a is pd.NA or a is None or a is pd.NaT:
        return a is b
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, (list, tuple, np.ndarray)):
        return len(a) == len(b) and all(_same_value(x, y) for x, y in zip(a, b))
    return bool(a == b)


def assert_same_rows(frame: pd.DataFrame) -> None:
    want, got = frame.to_dict("records"), records(frame)
    assert len(got) == len(want)
    for w, g in zip(want, got):
        assert list(g) == list(w)
        for key in w:
            assert _same_value(w[key], g[key]), (key, w[key], g[key], type(w[key]), type(g[key]))


COLUMNS = {
    "int64": pd.Series([1, 2, 3], dtype="int64"),
    "float64 with nan": pd.Series([1.5, float("nan"), 3.0]),
    "bool": pd.Series([True, False, True]),
    "Int64 with NA": pd.Series([1, None, 3], dtype="Int64"),
    "Int64 without NA": pd.Series([1, 2, 3], dtype="Int64"),
    "Float64 with NA": pd.Series([1.25, None, 0.1], dtype="Float64"),
    "boolean with NA": pd.Series([True, None, False], dtype="boolean"),
    "string[pyarrow] with NA": pd.Series(["a", None, "数字"], dtype="string[pyarrow]"),
    "string[python]": pd.Series(["a", None, "b"], dtype="string[python]"),
    "str (nan)": pd.Series(["x", None, "y"], dtype="str"),
    "category": pd.Series(["count", "percent", None], dtype="category"),
    "object mixed": pd.Series([np.int64(4), "text", None], dtype=object),
    "object numpy floats": pd.Series([np.float64(0.5), np.nan, 2], dtype=object),
    "object lists": pd.Series([["d1", "d2"], [], ["d3"]], dtype=object),
    "datetime64": pd.Series(pd.to_datetime(["2024-01-01", None, "2023-05-22"])),
    "object dates": pd.Series([date(2024, 1, 1), None, date(2023, 5, 22)], dtype=object),
    "timedelta": pd.Series(pd.to_timedelta([1, 2, None], unit="D")),
}


@pytest.mark.parametrize("name", list(COLUMNS))
def test_each_column_type(name):
    frame = pd.DataFrame({"first": [1, 2, 3], name: COLUMNS[name]})
    assert_same_rows(frame)
    assert_same_rows(frame.iloc[[2, 0]])  # a selection keeps its row order
    assert_same_rows(frame.iloc[:0])


def test_all_columns_together():
    assert_same_rows(pd.DataFrame(COLUMNS))


@pytest.mark.parametrize("frame", [
    pd.DataFrame(),
    pd.DataFrame(index=[0, 1]),
    pd.DataFrame([[1, 2]], columns=["a", "a"]),
], ids=["empty", "rows without columns", "duplicate column names"])
def test_odd_frames_as_pandas_gives_them(frame):
    with pytest.warns(UserWarning) if not frame.columns.is_unique else _nothing():
        want = frame.to_dict("records")
    with pytest.warns(UserWarning) if not frame.columns.is_unique else _nothing():
        assert records(frame) == want


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_none_and_plain_rows():
    assert records(None) == []
    assert records([{"a": 1}, (("b", 2),)]) == [{"a": 1}, {"b": 2}]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(-10**12, 10**12)),
                          st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
                          st.one_of(st.none(), st.text(max_size=5))), max_size=12))
def test_generated_nullable_columns(rows):
    frame = pd.DataFrame({
        "i": pd.array([r[0] for r in rows], dtype="Int64"),
        "f": pd.array([r[1] for r in rows], dtype="Float64"),
        "s": pd.array([r[2] for r in rows], dtype="string[pyarrow]"),
        "o": pd.Series([r[1] for r in rows], dtype=object),
    })
    assert_same_rows(frame)


def test_the_seeds_claims_findings_and_reference(seeds_dir):
    from factlib.report.context import load_context

    ctx = load_context(str(seeds_dir))
    for frame in (ctx.claims, ctx.findings, ctx.reference):
        assert len(frame)
        assert_same_rows(frame)
        some_doc = ctx.documents[0].id
        if "doc_id" in frame:
            assert_same_rows(frame[frame["doc_id"] == some_doc])
        if "metric_key" in frame:
            key = frame["metric_key"].dropna().iloc[0]
            assert_same_rows(frame[frame["metric_key"] == key])
