"""Load the vocabulary tables that live in ``factlib/data/`` (or a user's own copy).

Every table is a UTF-8 CSV file.  Lines starting with ``#`` before the header are a
comment block that says where the data came from and what each column means; they
are skipped.  A table declares its key column(s); a duplicate key is an error, so
two rows can never silently disagree.

>>> rows = read_table("qualifiers")          # doctest: +SKIP
"""
from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["TableError", "read_table", "data_path"]


class TableError(ValueError):
    """A vocabulary table is malformed (missing column, duplicate key, bad value)."""


def data_path(name: str) -> Path:
    """Path of the shipped table ``name`` (without ``.csv``)."""
    return Path(str(resources.files("factlib") / "data" / f"{name}.csv"))


def _read_rows(source: str | Path) -> tuple[list[str], list[dict[str, str]]]:
    text = Path(source).read_text(encoding="utf-8-sig")
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    header = list(reader.fieldnames or [])
    rows = []
    for row in reader:
        if not any((v or "").strip() for v in row.values()):
            continue
        rows.append({k: (v if v is not None else "") for k, v in row.items() if k is not None})
    return header, rows


def read_table(
    name_or_path: str | Path,
    required: tuple[str, ...] = (),
    key: tuple[str, ...] = (),
) -> list[dict[str, str]]:
    """Rows of a vocabulary table as dicts of strings.

    ``name_or_path`` is a shipped table name (``"units"``) or a path to a CSV file.
    ``required`` columns must exist; ``key`` columns must be unique together.
    """
    return list(_cached(str(name_or_path), tuple(required), tuple(key)))


@lru_cache(maxsize=None)
def _cached(name_or_path: str, required: tuple[str, ...], key: tuple[str, ...]):
    path = Path(name_or_path)
    if not (path.suffix == ".csv" and path.exists()):
        path = data_path(name_or_path)
    if not path.exists():
        raise TableError(f"{path}: no such vocabulary table")
    header, rows = _read_rows(path)
    missing = [c for c in required if c not in header]
    if missing:
        raise TableError(f"{path}: missing column(s) {', '.join(missing)}")
    if key:
        seen: dict[tuple[str, ...], int] = {}
        for i, row in enumerate(rows, start=2):
            k = tuple(row.get(c, "") for c in key)
            if k in seen:
                raise TableError(f"{path}: duplicate key {k!r} (rows {seen[k]} and {i})")
            seen[k] = i
    return tuple(rows)
