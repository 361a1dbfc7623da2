"""Lazily rendered findings columns (issue 16): what pandas does with them equals what it does with
the same values held eagerly in an object column."""
from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest

import factlib
from factlib.checks.lazy import Block, LazyColumn, LazyDtype, materialize
from checks_support import seed_fixture


def _shout(words):
    return [w.upper() + "!" for w in words]


def _pairs(a, b, *, table):
    return np.stack([table[a], table[b]], axis=1).tolist()


WORDS = np.array(["网民", "gdp", "人口", "gdp"], dtype=object)
TABLE = np.array([10, 20, 30], dtype=np.int64)


def _text() -> pd.Series:
    return pd.Series(LazyColumn.from_block(Block(_shout, {"words": WORDS}), len(WORDS)))


def _lists() -> pd.Series:
    block = Block(_pairs, {"a": np.array([0, 1, 2]), "b": np.array([2, 2, 0])}, {"table": TABLE})
    return pd.Series(LazyColumn.from_block(block, 3, "list"))


EAGER_TEXT = ["网民!", "GDP!", "人口!", "GDP!"]
EAGER_LISTS = [[10, 30], [20, 30], [30, 10]]


@pytest.mark.parametrize("operation", [
    "tolist", "iterate", "take", "slice", "mask", "concat", "concat_object", "pickle", "str", "eq", "to_numpy",
    "map", "fillna", "setitem", "records", "csv",
])
def test_text_column_behaves_as_its_values(operation):
    lazy, eager = _text(), pd.Series(EAGER_TEXT, dtype=object)
    assert lazy.dtype == LazyDtype("text")
    result = {
        "tolist": lambda s: s.tolist(),
        "iterate": lambda s: list(s),
        "take": lambda s: s.take([3, 0, 0]).tolist(),
        "slice": lambda s: s.iloc[1:3].tolist(),
        "mask": lambda s: s[[True, False, True, False]].tolist(),
        "concat": lambda s: pd.concat([s, s.iloc[:1]], ignore_index=True).tolist(),
        "concat_object": lambda s: pd.concat([s, pd.Series(["x"], dtype=object)], ignore_index=True).tolist(),
        "pickle": lambda s: pickle.loads(pickle.dumps(s)).tolist(),
        "str": lambda s: s.str.contains("GDP").tolist(),
        "eq": lambda s: (s == "GDP!").tolist(),
        "to_numpy": lambda s: s.to_numpy().tolist(),
        "map": lambda s: s.map(len).tolist(),
        "fillna": lambda s: s.fillna("").tolist(),
        "setitem": lambda s: _set(s.copy(), 1, "new"),
        "records": lambda s: s.to_frame("e").to_dict(orient="records"),
        "csv": lambda s: s.to_frame("e").to_csv(index=False),
    }[operation]
    assert result(lazy) == result(eager)


def _set(s: pd.Series, i: int, value) -> list:
    s.iloc[i] = value
    return s.tolist()


def test_list_column_renders_lists_of_python_values():
    lazy = _lists()
    assert lazy.tolist() == EAGER_LISTS
    assert lazy.iloc[2] == [30, 10] and type(lazy.iloc[2][0]) is int
    assert lazy.take([2, 0]).tolist() == [EAGER_LISTS[2], EAGER_LISTS[0]]
    assert lazy.map(len).tolist() == [2, 2, 2]
    assert materialize(lazy.to_frame("x"))["x"].dtype == object


def test_parquet_round_trip(tmp_path):
    frame = pd.DataFrame({"e": _text(), "l": _lists().reindex(range(4))})
    frame.to_parquet(tmp_path / "f.parquet")
    back = pd.read_parquet(tmp_path / "f.parquet")
    assert back["e"].tolist() == EAGER_TEXT
    assert [list(v) for v in back["l"].iloc[:3]] == EAGER_LISTS


def test_check_findings_render_the_same_after_take_and_concat():
    f = factlib.check(seed_fixture())
    assert isinstance(f["explanation"].dtype, LazyDtype) and isinstance(f["claim_ids"].dtype, LazyDtype)
    eager = materialize(f)
    order = np.arange(len(f))[::-1]
    assert f.take(order)["explanation"].tolist() == eager.take(order)["explanation"].tolist()
    both = pd.concat([f, f], ignore_index=True)
    assert both["evidence_starts"].tolist() == eager["evidence_starts"].tolist() * 2
