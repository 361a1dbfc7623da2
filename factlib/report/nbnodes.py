"""Notebook nodes of the batch built without nbformat's per-node schema validation.

nbformat validates every node its constructors build: each output nbclient records
(``nbformat.v4.output_from_msg`` → ``new_output`` → ``validate(output, "output")``) and each new
cell (papermill's injected parameters).  A validation against a sub-schema
(``ref=``) always goes through ``jsonschema`` (fastjsonschema cannot start at a reference): about
3 ms of CPU a node, ~12 nodes a notebook — for 332 notebooks more than the notebooks' HTML export.
The batch builds these nodes from its own kernel's messages and its own notebooks, so inside
:func:`unvalidated_nodes` that check is skipped; everywhere else (another thread, the user's own
nbformat calls, the same process after the block) nbformat validates as it always does.

:func:`notebook_json` writes an executed notebook exactly as ``nbformat.v4.writes_json`` does,
without its defensive deep copy (the batch is done with the notebook).
"""
from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any

__all__ = ["notebook_json", "unvalidated_nodes"]

_SKIP = contextvars.ContextVar("factlib_unvalidated_nodes", default=False)


def _install_gate() -> None:
    """Route ``nbformat.v4.nbbase.validate`` (the per-node check of the v4 constructors) through a
    gate that skips it while :data:`_SKIP` is set in the running context (once per process)."""
    from nbformat.v4 import nbbase

    if getattr(nbbase.validate, "_factlib_gate", False):
        return
    original = nbbase.validate

    def validate(node: Any, ref: Any = None) -> Any:
        if _SKIP.get():
            return None
        return original(node, ref)

    validate._factlib_gate = True  # type: ignore[attr-defined]
    validate.__wrapped__ = original  # type: ignore[attr-defined]
    validate.__doc__ = original.__doc__
    nbbase.validate = validate


@contextlib.contextmanager
def unvalidated_nodes() -> Iterator[None]:
    """Within this block (this thread and the asyncio tasks it starts), nbformat's v4 node
    constructors do not validate what they build."""
    _install_gate()
    token = _SKIP.set(True)
    try:
        yield
    finally:
        _SKIP.reset(token)


def notebook_json(nb: Any) -> str:
    """``nbformat.v4.writes_json(nb)``, byte for byte, changing ``nb`` in place instead of a deep
    copy of it: multi-line strings become lists of lines, transient metadata is dropped."""
    import json

    from nbformat.v4.nbjson import BytesEncoder
    from nbformat.v4.rwbase import split_lines, strip_transient

    nb = strip_transient(split_lines(nb))
    return json.dumps(nb, cls=BytesEncoder, indent=1, sort_keys=True, separators=(",", ": "), ensure_ascii=False)
