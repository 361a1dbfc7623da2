"""Write the claims and findings tables as CSV and Parquet (atomically).

CSV cells must be scalars: list-, dict- and Decimal-valued cells (``claim_ids``,
``doc_ids``, the evidence lists of findings) are written as JSON text.  Parquet keeps native types where Arrow can (lists of strings stay lists); a
column Arrow cannot type (mixed floats and intervals, say) is stored as JSON text too.
"""
from __future__ import annotations

import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from factlib.report.files import atomic_write, atomic_write_with

__all__ = ["to_scalar_frame", "write_table"]


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
    out = df.copy()
    for col in columns if columns is not None else list(out.columns):
        if out[col].dtype == object and out[col].map(_is_compound).any():
            out[col] = out[col].map(_to_json)
    return out


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
    atomic_write(csv_path, to_scalar_frame(df).to_csv(index=False))
    _write_parquet(df, parquet_path)
    return [csv_path, parquet_path]
