"""Named results a notebook records for the batch and the tests to read back.

A notebook calls ``record("findings", 42)``; the value travels as a display output with
the private MIME type :data:`RECORD_MIME` (JSON), so it survives in the executed
``.ipynb`` and :func:`read_records` gets it back without scraping HTML.  The HTML
export drops these outputs (see :func:`strip_records`).  This is scrapbook's idea,
reduced to the part factlib needs.
"""
from __future__ import annotations

import json
from typing import Any

__all__ = ["RECORD_MIME", "read_records", "record", "strip_records"]

RECORD_MIME = "application/vnd.factlib.record+json"


def _jsonable(value: Any) -> Any:
    """``value`` as plain JSON types (numpy/pandas scalars and Decimals included)."""
    return json.loads(json.dumps(value, default=_default, ensure_ascii=False))


def _default(obj: Any) -> Any:
    if hasattr(obj, "item"):  # numpy / pandas scalar
        return obj.item()
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    return str(obj)


def record(name: str, value: Any) -> None:
    """Record ``value`` (JSON-serialisable) under ``name`` in the running notebook."""
    from IPython.display import display

    display({RECORD_MIME: {"name": name, "value": _jsonable(value)}}, raw=True)


def _record_outputs(nb: Any):
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []) or []:
            data = output.get("data") or {}
            if RECORD_MIME in data:
                yield output, data[RECORD_MIME]


def read_records(nb: Any) -> dict[str, Any]:
    """All values recorded in an executed notebook (a ``NotebookNode`` or dict); last wins."""
    out: dict[str, Any] = {}
    for _, payload in _record_outputs(nb):
        if isinstance(payload, str):  # some writers store JSON mime data as text
            payload = json.loads(payload)
        out[payload["name"]] = payload["value"]
    return out


def strip_records(nb: Any) -> Any:
    """Remove record outputs in place (they are data for machines, not for readers)."""
    for cell in nb.get("cells", []):
        if "outputs" in cell:
            cell["outputs"] = [
                o for o in cell["outputs"] if RECORD_MIME not in (o.get("data") or {})
            ]
    return nb
