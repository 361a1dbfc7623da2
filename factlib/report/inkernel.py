"""Run report notebooks inside a batch kernel: several notebooks per request, outputs as nbclient records them.

``factlib report`` executes hundreds of small notebooks in one long-lived kernel
(:mod:`factlib.report.batch`).  Executed the usual way, cell by cell through nbclient, each cell is
an ``execute_request`` and a train of messages (busy, input, outputs, reply, idle), each signed,
sent, received and parsed by both processes: about 45 ms of the two processes' CPU per notebook, more than a
document report's own code.  Here the batch sends *one* silent request for several notebooks;
the kernel runs :func:`run_notebooks`, which executes each notebook's code cells in turn with the
shell's own ``run_cell`` (magics, display hooks, the namespace: as a frontend's request would),
after the same namespace reset (:func:`reset`) the batch sends ahead of a notebook otherwise.

What a cell displays is captured, not sent: a display publisher (:class:`CapturingPublisher`)
takes each ``display_data`` exactly as ipykernel's publisher would build its message content
(``encode_images`` and ``json_clean``) and serialises it with the kernel's own session packer,
and ``print``/warnings go to stream outputs flushed where ipykernel flushes them (before a
display, at the end of the cell: stdout, then stderr).  The batch turns these into notebook outputs
with nbformat's ``output_from_msg``, the function nbclient uses, so the executed ``.ipynb`` and its
HTML are the ones nbclient's execution gives (apart from the execution timestamps).

Anything this does not reproduce sends the notebook back to nbclient, executed again from its
first cell (:attr:`NotebookRun.fallback` names why): an error (nbclient records the traceback
and stops), an ``execute_result`` (a cell whose last expression has a value), ``clear_output``,
a display with a ``display_id`` or an update of one.  The product's notebooks do none of these.
"""
from __future__ import annotations

import datetime
import io
import os
import pickle
import re
import sys
from typing import Any

__all__ = ["CapturingPublisher", "reset", "run_notebooks", "timestamp"]

_NUMBERED = re.compile(r"_i?\d+")
_DUNDER = re.compile(r"__\w+__")


def reset(ip: Any = None) -> None:
    """Delete every name the previous notebook defined (and its output cache) and close its
    pyplot figures, as ``%reset -f`` would, without its history reset and full garbage collection
    (65–82 ms a notebook).  Imported modules stay loaded: that is the point of a warm kernel."""
    if ip is None:
        from IPython import get_ipython

        ip = get_ipython()
    ns, hidden = ip.user_ns, ip.user_ns_hidden
    for k in [k for k in ns if (k not in hidden and not _DUNDER.fullmatch(k)) or _NUMBERED.fullmatch(k)]:
        del ns[k]
        hidden.pop(k, None)
    oh = ns.get("_oh")
    if oh is not None:
        oh.clear()
    ip.displayhook._ = ip.displayhook.__ = ip.displayhook.___ = ""
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close("all")


def timestamp() -> str:
    """Now, as nbclient writes a message's date into a cell's execution metadata."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _publisher_class() -> type:
    from IPython.core.displaypub import DisplayPublisher

    class _Publisher(DisplayPublisher):
        """A display publisher that keeps each ``display_data`` message's packed content (as
        ipykernel's ``ZMQDisplayPublisher.publish`` builds it) instead of sending it."""

        def __init__(self, session: Any, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.session = session
            self.outputs: list[tuple[str, bytes]] = []
            self.pending: dict[str, list[str]] = {"stdout": [], "stderr": []}
            self.unsupported: str | None = None

        def publish(self, data: Any, metadata: Any = None, source: Any = None, *, transient: Any = None,
                    update: bool = False, **kwargs: Any) -> None:
            from ipykernel.jsonutil import encode_images, json_clean

            self.flush_streams()
            if update:
                self.unsupported = "update_display_data"
                return
            if transient and transient.get("display_id"):
                self.unsupported = "a display with a display_id"
                return
            if metadata is None:
                metadata = {}
            if transient is None:
                transient = {}
            self._validate_data(data, metadata)
            content = {"data": encode_images(data), "metadata": metadata, "transient": transient}
            self.outputs.append(("display_data", self.session.pack(json_clean(content))))

        def clear_output(self, wait: bool = False) -> None:
            self.flush_streams()
            self.unsupported = "clear_output"

        def write(self, name: str, text: str) -> None:
            self.pending[name].append(text)

        def flush_streams(self) -> None:
            """The text printed since the last display, as ipykernel flushes it: stdout, then stderr."""
            for name in ("stdout", "stderr"):
                parts = self.pending[name]
                if parts:
                    text = "".join(parts)
                    parts.clear()
                    if text:
                        self.outputs.append(("stream", self.session.pack({"name": name, "text": text})))

    return _Publisher


_PUBLISHER: type | None = None


def CapturingPublisher(session: Any, **kwargs: Any) -> Any:  # noqa: N802 - a class, built on first use
    """A display publisher capturing outputs as packed message contents (see the module's doc)."""
    global _PUBLISHER
    if _PUBLISHER is None:
        _PUBLISHER = _publisher_class()
    return _PUBLISHER(session, **kwargs)


class _Stream(io.TextIOBase):
    """``sys.stdout``/``sys.stderr`` while a batch notebook runs: text goes to the publisher."""

    def __init__(self, publisher: Any, name: str) -> None:
        super().__init__()
        self._publisher, self.name = publisher, name

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._publisher.write(self.name, text)
        return len(text)


def _run_notebook(ip: Any, session: Any, sources: list[str]) -> dict[str, Any]:
    """Execute one notebook's code cells; its outputs, or why nbclient must run it instead."""
    publisher = CapturingPublisher(session, shell=ip)
    saved = ip.display_pub, sys.stdout, sys.stderr
    cells: list[dict[str, Any]] = []
    try:
        ip.display_pub = publisher
        sys.stdout, sys.stderr = _Stream(publisher, "stdout"), _Stream(publisher, "stderr")
        for source in sources:
            publisher.outputs = []
            busy = timestamp()
            result = ip.run_cell(source, store_history=True)
            publisher.flush_streams()
            reply = timestamp()
            if result.error_before_exec is not None or result.error_in_exec is not None:
                # the shell has sent the traceback (an ``error`` message) to the batch's request
                error = result.error_before_exec or result.error_in_exec
                return {"fallback": f"{type(error).__name__} in cell {len(cells) + 1}", "sent": "error"}
            if result.result is not None:  # the display hook has sent it to the batch's request
                return {"fallback": "an execute_result", "sent": "execute_result"}
            if publisher.unsupported:
                return {"fallback": publisher.unsupported}
            cells.append({"outputs": publisher.outputs, "busy": busy, "input": busy, "reply": reply,
                          "idle": timestamp()})
    finally:
        ip.display_pub, sys.stdout, sys.stderr = saved
    return {"cells": cells}


def run_notebooks(payload_path: str, result_path: str) -> None:
    """Execute the notebooks listed in ``payload_path`` (a pickled list: per notebook, the sources
    of the code cells nbclient would execute), each after :func:`reset`; write a pickled list of
    results to ``result_path`` (atomically): per notebook ``{"cells": [...]}`` or
    ``{"fallback": reason}`` (with ``"sent"``: the kind of the one message the shell sent on its own,
    a traceback or a result, which the batch then knows is no output of another notebook)."""
    from IPython import get_ipython

    ip = get_ipython()
    with open(payload_path, "rb") as fh:
        notebooks = pickle.load(fh)
    session = ip.kernel.session
    results = []
    for sources in notebooks:
        reset(ip)
        results.append(_run_notebook(ip, session, sources))
    tmp = f"{result_path}.part"
    with open(tmp, "wb") as fh:
        pickle.dump(results, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, result_path)
