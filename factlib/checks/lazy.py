"""Columns rendered when they are read (issue 16): explanations and claim lists of findings.

A million findings hold a million explanations of some 380 characters (about 800 bytes each as
Python strings) and five small lists each; built eagerly they were most of ``check``'s time and
memory.  A :class:`LazyColumn` holds, instead, a few *blocks* — a vectorised renderer plus the
columns it reads (integer positions into the claims, codes, floats) — and two integer arrays
saying which block and which row of it each element is.  Reading an element, iterating, ``tolist``,
``to_numpy``, ``astype``, the ``.str`` methods, CSV and parquet writers render exactly the values
the eager code made; ``take``, slicing and ``concat`` only move integers.

>>> col = LazyColumn.from_block(Block(_upper_render, {"words": np.array(["a", "b"], dtype=object)}), 2)
>>> col[1], col.tolist(), list(col.take([1, 0]))
('B', ['A', 'B'], ['B', 'A'])
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray, ExtensionDtype, register_extension_dtype
from pandas.api.indexers import check_array_indexer
from pandas.api.types import is_integer, is_scalar, pandas_dtype
from pandas.core.strings.object_array import ObjectStringArrayMixin

__all__ = ["Block", "LazyDtype", "LazyColumn", "literal", "materialize", "objects", "register_dask"]

_CHUNK = 16384


@dataclass(frozen=True, eq=False)
class Block:
    """``render(**{name: column[rows]}, **shared)`` gives the values of ``rows`` (a sequence);
    ``columns`` are per-element arrays of equal length, ``shared`` are passed whole (the claims'
    columns that positions point into).  ``render`` must be a module-level function (pickling)."""

    render: Callable[..., Sequence]
    columns: dict[str, np.ndarray]
    shared: dict = field(default_factory=dict)
    na: np.ndarray | None = None  # literal blocks: which values are missing

    def values(self, rows: np.ndarray) -> Sequence:
        return self.render(**{k: v[rows] for k, v in self.columns.items()}, **self.shared)

    @property
    def nbytes(self) -> int:
        return sum(getattr(v, "nbytes", 0) for v in self.columns.values())


def _literal_render(values):
    return values


def _upper_render(words):  # the doctest's renderer
    return [w.upper() for w in words]


def objects(values) -> np.ndarray:
    """A 1-D object array of ``values`` (lists stay elements, never a second axis)."""
    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return values
    values = list(values)
    return np.fromiter(values, dtype=object, count=len(values))


def literal(values) -> Block:
    """A block holding its values as they are (strings from checks not rendered lazily)."""
    arr = objects(values)
    na = pd.isna(arr) if arr.size and any(v is None or (isinstance(v, float) and v != v) for v in arr) else None
    return Block(_literal_render, {"values": arr}, na=na)


@register_extension_dtype
class LazyDtype(ExtensionDtype):
    """``lazy[text]`` (explanations) or ``lazy[list]`` (claim and evidence lists)."""

    _metadata = ("content",)
    na_value = np.nan

    def __init__(self, content: str = "text") -> None:
        if content not in ("text", "list"):
            raise ValueError(f"lazy content is text or list, not {content!r}")
        self.content = content

    @property
    def name(self) -> str:
        return f"lazy[{self.content}]"

    @property
    def type(self):
        return str if self.content == "text" else list

    @classmethod
    def construct_from_string(cls, string: str) -> LazyDtype:
        if not isinstance(string, str):
            raise TypeError(f"'construct_from_string' expects a string, got {type(string)}")
        for content in ("text", "list"):
            if string == f"lazy[{content}]":
                return cls(content)
        raise TypeError(f"Cannot construct a 'LazyDtype' from '{string}'")

    @classmethod
    def construct_array_type(cls) -> type[LazyColumn]:
        return LazyColumn

    def _get_common_dtype(self, dtypes):
        if all(isinstance(d, LazyDtype) and d.content == self.content for d in dtypes):
            return self
        return np.dtype(object)

    def __repr__(self) -> str:
        return self.name


class LazyColumn(ObjectStringArrayMixin, ExtensionArray):
    """An extension array whose values are rendered from blocks when read (see module docstring)."""

    def __init__(self, blocks: tuple[Block, ...], which: np.ndarray, rows: np.ndarray,
                 dtype: LazyDtype | None = None) -> None:
        self._blocks = tuple(blocks)
        self._which = np.asarray(which, dtype=np.int32)
        self._rows = np.asarray(rows, dtype=np.int64)
        self._dtype = dtype or LazyDtype()

    # construction ---------------------------------------------------------------------------
    @classmethod
    def from_block(cls, block: Block, n: int, content: str = "text") -> LazyColumn:
        return cls((block,), np.zeros(n, dtype=np.int32), np.arange(n, dtype=np.int64), LazyDtype(content))

    @classmethod
    def _from_sequence(cls, scalars, *, dtype=None, copy: bool = False) -> LazyColumn:
        if isinstance(scalars, LazyColumn):
            return scalars.copy() if copy else scalars
        dtype = pandas_dtype(dtype) if dtype is not None else LazyDtype()
        if not isinstance(dtype, LazyDtype):
            dtype = LazyDtype()
        arr = objects(scalars)
        return cls.from_block(literal(arr), len(arr), dtype.content)

    @classmethod
    def _from_factorized(cls, uniques, original) -> LazyColumn:
        return cls._from_sequence(uniques, dtype=original.dtype)

    @classmethod
    def _concat_same_type(cls, to_concat) -> LazyColumn:
        to_concat = list(to_concat)
        blocks: list[Block] = []
        which, rows = [], []
        for arr in to_concat:
            which.append(arr._which + len(blocks))
            rows.append(arr._rows)
            blocks.extend(arr._blocks)
        dtype = to_concat[0].dtype if to_concat else LazyDtype()
        if not which:
            return cls((), np.zeros(0, np.int32), np.zeros(0, np.int64), dtype)
        return cls(tuple(blocks), np.concatenate(which), np.concatenate(rows), dtype)

    # the array protocol ----------------------------------------------------------------------
    @property
    def dtype(self) -> LazyDtype:
        return self._dtype

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def nbytes(self) -> int:
        return self._which.nbytes + self._rows.nbytes + sum(b.nbytes for b in self._blocks)

    def __getitem__(self, item):
        if is_integer(item):
            i = int(item)
            block = self._blocks[self._which[i]]
            return block.values(self._rows[i:i + 1] if i != -1 else self._rows[-1:])[0]
        if isinstance(item, tuple) and len(item) == 1:
            item = item[0]
        if not isinstance(item, slice):
            item = check_array_indexer(self, item)
        return type(self)(self._blocks, self._which[item], self._rows[item], self._dtype)

    def _render(self) -> np.ndarray:
        """Every value, as a 1-D object array."""
        n = len(self)
        if n == 0:
            return np.empty(0, dtype=object)
        if len(self._blocks) == 1 or (self._which == self._which[0]).all():
            return objects(self._blocks[self._which[0]].values(self._rows))
        out = np.empty(n, dtype=object)
        for b in np.unique(self._which):
            at = np.flatnonzero(self._which == b)
            out[at] = objects(self._blocks[b].values(self._rows[at]))
        return out

    def __iter__(self):
        for start in range(0, len(self), _CHUNK):
            yield from self[start:start + _CHUNK]._render()

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        out = self._render()
        return out if dtype is None or np.dtype(dtype) == object else out.astype(dtype)

    def to_numpy(self, dtype=None, copy: bool = False, na_value=pd.api.extensions.no_default) -> np.ndarray:
        out = self._render()
        if na_value is not pd.api.extensions.no_default:
            mask = self.isna()
            if mask.any():
                out[mask] = na_value
        return out if dtype is None or np.dtype(dtype) == object else out.astype(dtype)

    def tolist(self) -> list:
        return self._render().tolist() if self._dtype.content == "text" else list(self._render())

    def __arrow_array__(self, type=None):
        import pyarrow as pa

        return pa.array(list(self._render()), type=type, from_pandas=True)

    def isna(self) -> np.ndarray:
        out = np.zeros(len(self), dtype=bool)
        for b, block in enumerate(self._blocks):
            if block.na is not None:
                at = self._which == b
                out[at] = block.na[self._rows[at]]
        return out

    def take(self, indices, *, allow_fill: bool = False, fill_value=None) -> LazyColumn:
        indices = np.asarray(indices, dtype=np.intp)
        if not allow_fill:
            return type(self)(self._blocks, self._which.take(indices), self._rows.take(indices), self._dtype)
        if (indices < -1).any():
            raise ValueError("indices below -1 with allow_fill=True")
        missing = indices == -1
        safe = np.where(missing, 0, indices)
        if len(self) == 0 and len(indices) and not missing.all():
            raise IndexError("cannot take from an empty array")
        which = self._which.take(safe) if len(self) else np.zeros(len(indices), np.int32)
        rows = self._rows.take(safe) if len(self) else np.zeros(len(indices), np.int64)
        blocks = self._blocks
        if missing.any():
            blocks = blocks + (literal([None if fill_value is None or pd.isna(fill_value) else fill_value]),)
            which = np.where(missing, len(blocks) - 1, which)
            rows = np.where(missing, 0, rows)
        return type(self)(blocks, which, rows, self._dtype)

    def copy(self) -> LazyColumn:
        return type(self)(self._blocks, self._which.copy(), self._rows.copy(), self._dtype)

    def astype(self, dtype, copy: bool = True):
        dtype = pandas_dtype(dtype)
        if isinstance(dtype, LazyDtype) and dtype.content == self._dtype.content:
            return self.copy() if copy else self
        values = self._render()
        if isinstance(dtype, ExtensionDtype):
            return dtype.construct_array_type()._from_sequence(values, dtype=dtype, copy=False)
        return values if dtype == object else values.astype(dtype)

    def map(self, mapper, na_action=None):
        from pandas.core.algorithms import map_array

        return map_array(self._render(), mapper, na_action=na_action)

    def _values_for_factorize(self):
        return self._render(), None

    def _values_for_argsort(self) -> np.ndarray:
        return self._render()

    def __eq__(self, other):
        values = self._render()
        if isinstance(other, (pd.Series, pd.Index, pd.DataFrame)):
            return NotImplemented
        if is_scalar(other):
            return np.array([v == other for v in values], dtype=bool)
        other = other._render() if isinstance(other, LazyColumn) else objects(other)
        return np.array([a == b for a, b in zip(values, other)], dtype=bool)

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else ~eq

    def __setitem__(self, key, value) -> None:
        """Setting values renders the column once and holds its values from then on."""
        values = self._render()
        key = check_array_indexer(self, key) if not is_integer(key) and not isinstance(key, slice) else key
        if isinstance(value, LazyColumn):
            value = value._render()
        if is_scalar(value) or (self._dtype.content == "list" and isinstance(value, list) and is_integer(key)):
            if is_integer(key):
                values[key] = value
            else:
                for i in np.arange(len(values))[key]:
                    values[i] = value
        else:
            values[key] = objects(value)
        self._blocks = (literal(values),)
        self._which = np.zeros(len(values), dtype=np.int32)
        self._rows = np.arange(len(values), dtype=np.int64)

    def _formatter(self, boxed: bool = False):
        return str if boxed and self._dtype.content == "text" else repr


def materialize(frame):
    """``frame`` with its lazy columns rendered as plain object columns (for writers that look for
    ``dtype == object``); the frame itself when it has none."""
    lazy = [c for c in frame.columns if isinstance(frame[c].dtype, LazyDtype)] if hasattr(frame, "columns") else []
    return frame.astype({c: object for c in lazy}) if lazy else frame


def register_dask() -> None:
    """Let Dask build sample frames of lazy columns (called when Dask is already imported)."""
    if "dask" not in sys.modules or getattr(register_dask, "done", False):
        return
    try:
        from dask.dataframe.extensions import make_array_nonempty
    except ImportError:  # pragma: no cover - dask without dataframe
        return

    @make_array_nonempty.register(LazyDtype)
    def _nonempty(dtype):
        return LazyColumn._from_sequence(["", ""] if dtype.content == "text" else [[], []], dtype=dtype)

    register_dask.done = True
