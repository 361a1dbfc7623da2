"""Write the claims and findings tables as CSV and Parquet (atomically).

CSV files are for spreadsheets: UTF-8 with a byte-order mark (Excel opens Chinese text
without mojibake) and flat columns — an interval cell (``observed``/``expected``) becomes
``observed_value``, ``observed_low``, ``observed_high`` (and ``…_text``); a list of ids
becomes one ``; ``-separated text; evidence spans read ``doc:start-end``.  No JSON in a
cell.  Parquet keeps native types where Arrow can (lists of strings stay lists); a column
Arrow cannot type (mixed floats and intervals, say) is stored as JSON text.

CSV text cells a spreadsheet would run as a formula are neutralised (:func:`safe_cell`).
"""
from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from factlib.report.files import atomic_write, atomic_write_with

__all__ = ["flat_frame", "safe_cell", "safe_record", "spreadsheet_safe", "to_scalar_frame", "write_csv",
           "write_table"]

_FORMULA = re.compile(r"[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: text starting with ``= + - @``, a tab or a carriage
    return gets a leading ``'`` (formula injection); numbers and numeric text (``-3.5``, ``+12%``)
    stay as they are."""
    if isinstance(value, str) and value and _FORMULA.match(value) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def materialize(df: Any) -> Any:
    """``df`` with lazily rendered columns (a findings frame's lists and explanations,
    ``factlib.checks.lazy``) as plain object columns; pandas is imported only for a DataFrame."""
    if type(df).__name__ != "DataFrame":
        return df
    from factlib.checks.lazy import materialize as rendered

    return rendered(df)


def safe_record(record: dict) -> dict:
    """:func:`safe_cell` on every value of a row."""
    return {k: safe_cell(v) for k, v in record.items()}


def spreadsheet_safe(df: Any) -> Any:
    """Copy of ``df`` whose text columns went through :func:`safe_cell` (numeric columns untouched)."""
    out = materialize(df).copy()
    for col in out.columns:
        dtype = str(out[col].dtype)
        if dtype in ("object", "string", "category") or dtype.startswith("string"):
            out[col] = out[col].astype(object).map(safe_cell)
    return out


def _json_default(obj: Any) -> Any:
    if isinstance(obj, Decimal):
        return str(obj)
    if hasattr(obj, "tolist"):
        return obj.tolist()
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    if isinstance(obj, (set, frozenset)):
        return sorted(obj)
    return str(obj)


def _is_compound(v: Any) -> bool:
    return isinstance(v, (list, tuple, dict, set, frozenset, Decimal)) or type(v).__name__ == "ndarray"


def _to_json(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, Decimal):
        return str(v)
    if _is_compound(v):
        return json.dumps(v, default=_json_default, ensure_ascii=False)
    return v


def to_scalar_frame(df: Any, columns: list[str] | None = None) -> Any:
    """Copy of ``df`` whose compound cells (in ``columns`` or any object column) are JSON text."""
    out = materialize(df).copy()
    for col in columns if columns is not None else list(out.columns):
        if out[col].dtype == object and out[col].map(_is_compound).any():
            out[col] = out[col].map(_to_json)
    return out


def _flat_cell(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, Decimal):
        return str(v)
    if hasattr(v, "tolist") and not isinstance(v, (str, bytes)):
        v = v.tolist()
    if isinstance(v, dict):
        if {"doc_id", "start", "end"} <= set(v):
            return f"{v['doc_id']}:{v['start']}-{v['end']}"
        return "; ".join(f"{k}={_flat_cell(x)}" for k, x in v.items() if _flat_cell(x) not in (None, ""))
    if isinstance(v, (list, tuple, set, frozenset)):
        items = sorted(v) if isinstance(v, (set, frozenset)) else v
        return "; ".join(str(_flat_cell(x)) for x in items if _flat_cell(x) is not None)
    return v


def flat_frame(df: Any) -> Any:
    """Copy of ``df`` with scalar cells only: dict columns split into ``col_key`` columns
    (in place of the column), everything else compound joined as text."""
    import pandas as pd

    columns: dict[str, Any] = {}
    df = materialize(df)  # findings' lists and explanations are rendered lazily (factlib.checks.lazy)

    def put(name: str, series: Any) -> None:
        # a flat column (observed_value) and a nested one split into it share one column
        columns[name] = columns[name].combine_first(series) if name in columns else series

    for col in df.columns:
        series = df[col]
        if series.dtype == object and series.map(lambda v: isinstance(v, dict)).any():
            keys: list[str] = []
            for v in series:
                if isinstance(v, dict):
                    keys += [k for k in v if k not in keys]
            if not {"doc_id", "start", "end"} <= set(keys):
                for k in keys:
                    put(f"{col}_{k}", series.map(
                        lambda v, k=k: _flat_cell(v.get(k)) if isinstance(v, dict) else None).astype(object))
                continue
        if series.dtype == object and series.map(_is_compound).any():
            series = series.map(_flat_cell)
        put(col, series)
    return pd.DataFrame(columns, index=df.index)


def write_csv(df: Any, path: str | Path) -> Path:
    """``df`` as a flat CSV in UTF-8 with a byte-order mark, written atomically."""
    path = Path(path)
    atomic_write(path, "\ufeff" + spreadsheet_safe(flat_frame(df)).to_csv(index=False))
    return path


def _write_parquet(df: Any, path: Path) -> None:
    import pyarrow as pa

    frame = df
    for _ in range(len(df.columns) + 1):
        try:
            atomic_write_with(path, lambda tmp: frame.to_parquet(tmp, index=False))
            return
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError) as exc:
            bad = _first_bad_column(frame)
            if bad is None:
                raise exc
            frame = to_scalar_frame(frame, [bad]) if frame[bad].map(_is_compound).any() else frame.assign(
                **{bad: frame[bad].map(lambda v: None if v is None else str(v))}
            )
    raise RuntimeError(f"could not write {path}")  # pragma: no cover


def _first_bad_column(df: Any) -> str | None:
    import pyarrow as pa

    for col in df.columns:
        try:
            pa.array(df[col].tolist(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError):
            return col
    return None


def write_table(df: Any, folder: str | Path, stem: str) -> list[Path]:
    """Write ``df`` as ``folder/stem.csv`` and ``folder/stem.parquet``; return the paths."""
    folder = Path(folder)
    csv_path, parquet_path = folder / f"{stem}.csv", folder / f"{stem}.parquet"
    write_csv(df, csv_path)
    _write_parquet(df, parquet_path)
    return [csv_path, parquet_path]
