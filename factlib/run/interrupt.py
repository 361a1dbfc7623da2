"""A stop asked for by Ctrl-C or SIGTERM, remembered until the command acts on it.

Python runs a signal's handler in the main thread between two bytecodes, and the exception the
handler raises (``KeyboardInterrupt`` for Ctrl-C, ``SystemExit`` for the command line's SIGTERM)
unwinds from there, except when that point is inside a weakref callback or a ``__del__`` method
that the garbage collector is running: CPython prints "Exception ignored in …" and goes on, and the
stop is lost.  (Seen: a Ctrl-C of ``factlib report`` raised in a ``WeakSet`` callback as the
collector ran at the end of the checks; the report ran to its end and exited 0, about one Ctrl-C
in thirty under load.)

Worse, when the exception is raised inside importlib's own weakref callback it can leave the import
lock held, and every other thread that imports then waits for ever.  (Seen: a Ctrl-C of ``factlib
report`` raised there while its kernel and writer threads were importing papermill and jinja2; the
report's clean-up waited for the writer thread, and the report never ended.)

So the command line's handlers (:func:`install`) record the signal here.  For a command that runs
threads (``factlib report``) the first signal is only recorded (``deferred``): the command raises it
itself at points where stopping is safe (:func:`raise_if_requested`: between documents, and in the
report's wait for its notebooks, every half second), and a second signal raises at once.  Other
commands raise at once, as Python does, and check the record between documents.  Code called as a
library (a notebook, a script) installs nothing: nothing is recorded and nothing changes.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable

__all__ = ["clear", "install", "raise_if_requested", "requested"]

_requested: int | None = None


def requested() -> int | None:
    """The signal number of a stop asked for since :func:`clear`, else None."""
    return _requested


def clear() -> None:
    global _requested
    _requested = None


def _raise(signum: int):
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)  # SIGTERM unwinds like Ctrl-C: finally blocks stop workers, remove temporaries


def _handler(signum, frame):  # noqa: ARG001
    global _requested
    _requested = signum
    _raise(signum)


def _deferred_handler(signum, frame):  # noqa: ARG001
    global _requested
    if _requested is not None:  # asked twice: at once
        _raise(signum)
    _requested = signum


def raise_if_requested() -> None:
    """Raise what the recorded signal's handler raised (once more), if a stop was asked for."""
    if _requested is not None:
        _raise(_requested)


def install(*, deferred: bool = False) -> Callable[[], None]:
    """Handle Ctrl-C and SIGTERM by recording them and raising (``deferred``: the first one only
    recorded, for :func:`raise_if_requested`); return a function that puts the previous handlers
    back.  Ctrl-C is handled only where Python's own handler is in place (a program started with
    SIGINT ignored, as ``nohup`` does, keeps ignoring it); nothing is done outside the main
    thread, where handlers cannot be set."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    clear()
    handler = _deferred_handler if deferred else _handler
    previous = {signal.SIGTERM: signal.signal(signal.SIGTERM, handler)}
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        previous[signal.SIGINT] = signal.signal(signal.SIGINT, handler)

    def restore() -> None:
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return restore
