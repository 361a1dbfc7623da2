"""A DataFrame's rows as dicts: what ``DataFrame.to_dict("records")`` gives, for less.

The report turns many small frames into rows (one document's claims, one metric's findings and
official figures): ``to_dict("records")`` builds a Series per column and walks every column
element by element through its array's ``__iter__``, about 2 ms for a document's claims (28
columns) — half of a document report's own code.  :func:`records` reads each column's array in
one call where its type allows (numpy ``tolist``; pandas' masked ``Int64``/``Float64``/``boolean``
arrays from their data and mask; pyarrow strings with ``to_pylist``) and falls back to the
array's own iteration for any other type, then boxes values the way ``to_dict`` does.  The rows
are equal, value for value and type for type (``tests/test_report_rows.py`` compares them).
"""
from __future__ import annotations

from typing import Any

__all__ = ["records"]


def records(frame: Any) -> list[dict[str, Any]]:
    """``frame.to_dict("records")`` (None: no rows; an iterable of mappings: a list of dicts)."""
    if frame is None:
        return []
    if not hasattr(frame, "to_dict"):
        return [dict(r) for r in frame]
    columns = frame.columns
    if not columns.is_unique or (len(frame) and not len(columns)):
        return frame.to_dict("records")  # pandas' own answer (and its warning) for the odd cases
    if not len(frame):
        return []
    names = columns.tolist()
    values = [_column(arr) for arr in _arrays(frame)]
    return [dict(zip(names, row)) for row in zip(*values)]


def _arrays(frame: Any) -> list[Any]:
    """Each column's array (numpy or extension), read from the frame's blocks without building a
    Series per column (a tenth of a millisecond each: most of the cost for a small frame)."""
    get = getattr(getattr(frame, "_mgr", None), "iget_values", None)
    if get is not None:
        try:
            arrays = [get(i) for i in range(frame.shape[1])]
        except Exception:  # another pandas' internals: the public way below
            arrays = None
        if arrays is not None and all(getattr(a, "ndim", 0) == 1 and len(a) == len(frame) for a in arrays):
            return arrays
    return [series._values for _, series in frame.items()]


def _column(arr: Any) -> list[Any]:
    """The values ``to_dict("records")`` puts in the rows for one column (its array)."""
    import numpy as np
    from pandas.core.dtypes.cast import maybe_box_native

    if isinstance(arr, np.ndarray):
        if arr.dtype.kind == "O":  # boxed by to_dict (a numpy scalar in an object column)
            return list(map(maybe_box_native, arr))
        return arr.tolist()  # Series iteration gives .item() of each element: tolist's values
    fast = _extension_values(arr)
    if fast is not None:
        return fast
    return list(map(maybe_box_native, arr))


def _extension_values(arr: Any) -> list[Any] | None:
    """The values of a pandas extension array as its iteration and ``maybe_box_native`` give them,
    read in one call; None for a type read element by element."""
    import numpy as np
    from pandas.core.dtypes.cast import maybe_box_native
    from pandas.arrays import ArrowStringArray, BooleanArray, FloatingArray, IntegerArray

    if isinstance(arr, (IntegerArray, FloatingArray, BooleanArray)):
        data, mask = arr._data, arr._mask
        if isinstance(data, np.ndarray) and data.ndim == 1:
            out = data.tolist()
            if mask.any():
                na = maybe_box_native(arr.dtype.na_value)  # pandas' NA is None in to_dict's rows
                for i in np.flatnonzero(mask).tolist():
                    out[i] = na
            return out
        return None
    if isinstance(arr, ArrowStringArray):
        import pyarrow as pa

        chunked = getattr(arr, "_pa_array", None)
        if not isinstance(chunked, pa.ChunkedArray) or not (
                pa.types.is_string(chunked.type) or pa.types.is_large_string(chunked.type)):
            return None
        out = chunked.to_pylist()
        if chunked.null_count:
            na = maybe_box_native(arr.dtype.na_value)
            out = [na if v is None else v for v in out]
        return out
    return None
