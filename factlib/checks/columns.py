"""Column helpers for the checks: string work once per distinct value (issue 16).

Claims columns repeat a few values many times (a sentence holds several claims, a period or a
measure class is shared by thousands), so a per-row Python function is evaluated once per distinct
value (or distinct tuple of values) and broadcast back with an integer take.  Results are exactly
those of the per-row loop.

>>> import numpy as np
>>> per_distinct(str.upper, np.array(["a", "b", "a"], dtype=object)).tolist()
['A', 'B', 'A']
"""
from __future__ import annotations

import ctypes
import operator
from collections.abc import Callable

import numpy as np
import pandas as pd

__all__ = ["plain_strings", "texts", "distinct", "factorize", "coded_columns", "decoded_columns", "per_distinct",
           "map_distinct", "eq", "ne"]


def plain_strings(column, mostly_distinct: bool = False) -> np.ndarray:
    """An object array of Python ``str`` (``''`` where missing: None, NaN, NA); equal values share
    one object, so a million rows of a few hundred sentences hold a few hundred strings.

    ``mostly_distinct`` (a column of ids): an Arrow-backed string column is converted as it is,
    without hashing its values first (a table of a million distinct strings costs more than the
    strings); the values are the same, equal values may then be separate objects."""
    if mostly_distinct:
        found = _arrow_plain(column)
        if found is not None:
            return found
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    table = np.empty(len(uniques) + 1, dtype=object)
    values = uniques.to_numpy(dtype=object) if hasattr(uniques, "to_numpy") else np.asarray(uniques, dtype=object)
    table[:-1] = [u if type(u) is str else str(u) for u in values]
    table[-1] = ""
    return table[codes]  # code -1 (missing) takes the last entry


def _arrow_plain(column) -> np.ndarray | None:
    """The values of an Arrow-backed string Series as an object array of ``str`` (``''`` where
    missing), or None for any other column."""
    dtype = getattr(column, "dtype", None)
    if not isinstance(column, pd.Series) or getattr(dtype, "storage", None) != "pyarrow":
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    arr = pa.array(column)
    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        return None
    if arr.null_count:
        arr = pc.fill_null(arr, "")
    return arr.to_numpy(zero_copy_only=False)


def distinct(*columns, by_identity: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """``(codes, first)``: a code per row naming its distinct tuple of values across ``columns``
    (NaN and None are values too) and the row position of each code's first occurrence.

    ``by_identity``: object columns whose equal values are mostly one object (what
    :func:`plain_strings` and a per-distinct function give) are told apart by the objects
    themselves, a hash of integers instead of strings; two equal strings that are different
    objects may then get two codes.  Right for evaluating a function once per code
    (:func:`per_distinct`), never for joining two columns on their values."""
    codes = None
    for column in columns:
        if not isinstance(column, (pd.Series, pd.Index, np.ndarray, pd.api.extensions.ExtensionArray)):
            column = _values(column)
        if isinstance(column, np.ndarray) and column.dtype.kind == "f":
            column = column.astype(np.float64).view(np.int64)  # bit patterns: -0.0 is not 0.0
        c = _identity_codes(column) if by_identity else None
        if c is not None:
            c, u = c
        else:
            c, u = factorize(column, use_na_sentinel=False)
        c = c.astype(np.int64, copy=False)
        codes = c if codes is None else pd.factorize(codes * max(len(u), 1) + c)[0].astype(np.int64, copy=False)
    if codes is None:
        raise ValueError("distinct() needs a column")
    n = int(codes.max()) + 1 if len(codes) else 0
    first = np.full(n, -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    return codes, first


#: identity codes are used when the distinct objects are at most this share of the rows (else
#: the values are hashed, as many distinct objects mean equal strings held apart)
_IDENTITY_SHARE = 0.25


def _identity_codes(column) -> tuple[np.ndarray, np.ndarray] | None:
    """``(codes, uniques)`` of an object column by object identity (the addresses an object array
    holds), or None when it is not an object array or holds too many distinct objects."""
    if isinstance(column, (pd.Series, pd.Index)):
        if column.dtype != object:
            return None
        column = column.to_numpy(dtype=object)
    if not isinstance(column, np.ndarray) or column.dtype != object or len(column) < 1000:
        return None
    arr = np.ascontiguousarray(column)
    # an object array is an array of object addresses: read them as integers (``arr`` stays alive)
    addresses = np.frombuffer((ctypes.c_size_t * len(arr)).from_address(arr.ctypes.data), dtype=np.uintp).copy()
    codes, uniques = pd.factorize(addresses)
    if len(uniques) > _IDENTITY_SHARE * len(arr):
        return None
    return codes, uniques


def factorize(values, use_na_sentinel: bool = True, sort: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(values)`` (the same codes and uniques) for an object column whose equal
    values are mostly one object: the objects are told apart by their addresses first, then only
    the distinct objects are hashed by value (codes follow first appearance either way: the first
    object of a value stands where the value first does; ``sort``: the distinct values are the
    same, so are their sorted order and codes).  Other columns go to ``pd.factorize``."""
    arr = values.to_numpy() if isinstance(values, (pd.Series, pd.Index)) else values
    if isinstance(arr, np.ndarray) and arr.dtype == object:
        found = _identity_codes(arr)
        if found is not None:
            obj_codes = found[0]
            first = np.empty(len(found[1]), dtype=np.int64)
            first[obj_codes[::-1]] = np.arange(len(arr) - 1, -1, -1)
            codes, uniques = pd.factorize(arr[first], use_na_sentinel=use_na_sentinel, sort=sort)
            return codes[obj_codes], uniques
        return pd.factorize(arr, use_na_sentinel=use_na_sentinel, sort=sort)
    return pd.factorize(values, use_na_sentinel=use_na_sentinel, sort=sort)


def coded_columns(frame: pd.DataFrame, columns) -> tuple[pd.DataFrame, dict[str, tuple]] | None:
    """``frame`` with the text ``columns`` as int64 codes numbered in the sorted order of their
    values, and each column's values and dtype (``names[column] = (values, dtype)``: the text of
    code ``k`` is ``values[k]``).  Joins, group-bys, duplicates and
    sorts on the codes are those on the texts (equal codes for equal values, the same order), at
    a hash of integers instead of strings.  None when a value is missing (a code -1 would sort
    first, a missing text sorts last)."""
    coded, names = {}, {}
    for column in columns:
        codes, uniques = factorize(frame[column].to_numpy(dtype=object), use_na_sentinel=True, sort=True)
        if len(codes) and codes.min() < 0:
            return None
        coded[column] = codes.astype(np.int64, copy=False)
        names[column] = (np.asarray(uniques, dtype=object), frame[column].dtype)
    return frame.assign(**coded), names


def decoded_columns(frame: pd.DataFrame, names: dict[str, tuple], inferred: bool = False) -> pd.DataFrame:
    """The inverse of :func:`coded_columns`: the texts, in the columns' dtypes (``inferred``: in the
    dtype pandas infers for them, as a group-by's keys of the texts would come out)."""
    columns = {}
    for column, (values, dtype) in names.items():
        if column in frame.columns:
            texts = values[frame[column].to_numpy(dtype=np.int64)]
            if inferred:
                columns[column] = pd.Series(texts, index=frame.index)
                continue
            texts = pd.Series(texts, index=frame.index, dtype=object)
            columns[column] = texts if dtype == object else texts.astype(dtype)
    return frame.assign(**columns)


def _values(column) -> np.ndarray:
    if isinstance(column, (pd.Series, pd.Index)):
        return column.to_numpy(dtype=object)
    return np.asarray(column, dtype=object)


def per_distinct(func: Callable, *columns, dtype=object) -> np.ndarray:
    """``func(*row)`` for every row of ``columns``, evaluated once per distinct tuple."""
    codes, first = distinct(*columns, by_identity=True)
    args = [_values(c)[first] for c in columns]
    table = np.fromiter((func(*a) for a in zip(*args)), dtype=dtype, count=len(first))
    return table[codes]


def map_distinct(mapping: dict, column, default="") -> np.ndarray:
    """``mapping.get(v, default)`` per row (object array), looked up once per distinct value."""
    return per_distinct(lambda v: mapping.get(v, default), column)


def _text(value, missing: str) -> str:
    if type(value) is str:
        return value
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA or value is pd.NaT:
        return missing
    return str(value)


def texts(column, missing: str = "") -> np.ndarray:
    """Each value as a ``str`` (``missing`` for None, NaN, NA) in an object array, converted once
    per distinct value: ``column.fillna(missing).astype(str)`` without pandas' Arrow strings (whose
    conversions back to objects cost more than the work on them)."""
    return per_distinct(lambda v: _text(v, missing), column)


def eq(column, value):
    """``column == value`` for an object column (of the prepared claims: plain ``str`` cells)
    compared by numpy element by element, several times faster than pandas' comparison of object
    columns, which tests every cell for a missing value first.  ``value`` is a scalar or a column
    of the same index.  Gives what pandas gives (a Series on ``column``'s index when ``column`` is a
    Series); other dtypes, and cells numpy cannot compare (``pd.NA``), go to pandas."""
    return _compare(column, value, operator.eq)


def ne(column, value):
    """``column != value`` (see :func:`eq`)."""
    return _compare(column, value, operator.ne)


def _compare(column, value, op):
    series = isinstance(column, pd.Series)
    arr = column.to_numpy() if series else column
    if not isinstance(arr, np.ndarray) or arr.dtype != object:
        return op(column, value)
    other = value
    if isinstance(value, (pd.Series, pd.Index, np.ndarray)):
        if isinstance(value, pd.Series) and series and not value.index.equals(column.index):
            return op(column, value)  # pandas raises for columns of other labels
        other = value.to_numpy() if isinstance(value, (pd.Series, pd.Index)) else value
        if other.dtype != object:
            return op(column, value)
    elif not isinstance(value, str):
        return op(column, value)
    try:
        out = op(arr, other)
    except TypeError:  # a cell whose comparison has no truth value (pd.NA)
        return op(column, value)
    if not isinstance(out, np.ndarray) or out.dtype != bool:
        return op(column, value)
    if not series:
        return out
    name = column.name if not isinstance(value, pd.Series) or value.name == column.name else None
    return pd.Series(out, index=column.index, name=name, copy=False)
