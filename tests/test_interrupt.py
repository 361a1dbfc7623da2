"""A Ctrl-C or SIGTERM is remembered even when its exception is swallowed (factlib.run.interrupt).

CPython ignores an exception raised in a ``__del__`` method or a weakref callback; a Ctrl-C whose
handler ran there was lost, and ``factlib report`` ran to its end and exited 0 (seen about once in
thirty Ctrl-Cs under load, and as a test of the report's Ctrl-C timing out in CI)."""
from __future__ import annotations

import os
import signal
import sys
import threading

import pytest

from factlib.run import interrupt


@pytest.fixture
def handlers():
    """Python's own handlers for the test (a test runner's worker may ignore Ctrl-C), the
    runner's back afterwards; and the unraisable exceptions CPython swallowed, recorded."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    swallowed: list[BaseException] = []
    hook = sys.unraisablehook
    sys.unraisablehook = lambda u: swallowed.append(u.exc_value)
    try:
        yield swallowed
    finally:
        sys.unraisablehook = hook
        for s, h in saved.items():
            signal.signal(s, h)
        interrupt.clear()


class _SignalsInDel:
    """Sends ``signum`` to this process from its ``__del__``, then runs bytecode there, so that
    Python runs the handler inside ``__del__``."""

    def __init__(self, signum: int) -> None:
        self.signum = signum

    def __del__(self) -> None:
        os.kill(os.getpid(), self.signum)
        for _ in range(1000):
            pass


@pytest.mark.parametrize("signum, raised", [(signal.SIGINT, KeyboardInterrupt), (signal.SIGTERM, SystemExit)],
                         ids=["SIGINT", "SIGTERM"])
def test_a_stop_swallowed_in_a_del_is_raised_at_the_next_check(handlers, signum, raised):
    restore = interrupt.install()
    try:
        _SignalsInDel(signum)  # dropped at once: __del__ runs here
        assert [type(e) for e in handlers] == [raised]  # CPython swallowed the handler's exception
        assert interrupt.requested() == signum
        with pytest.raises(raised) as caught:
            interrupt.raise_if_requested()
        if raised is SystemExit:
            assert caught.value.code == 128 + signum
    finally:
        restore()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


@pytest.mark.parametrize("signum, raised", [(signal.SIGINT, KeyboardInterrupt), (signal.SIGTERM, SystemExit)],
                         ids=["SIGINT", "SIGTERM"])
def test_deferred_the_first_stop_is_recorded_the_second_raises(handlers, signum, raised):
    """``factlib report``: the first signal only recorded (raising inside importlib's weakref
    callback left the import lock held and the report's threads waiting for ever); the command
    raises it where it is safe; a second signal raises at once."""
    restore = interrupt.install(deferred=True)
    try:
        os.kill(os.getpid(), signum)
        for _ in range(1000):  # the handler runs here, and raises nothing
            pass
        assert interrupt.requested() == signum
        with pytest.raises(raised):
            interrupt.raise_if_requested()
        with pytest.raises(raised):
            os.kill(os.getpid(), signum)
            for _ in range(1000):
                pass
        assert handlers == []
    finally:
        restore()


def test_documents_stop_between_documents(handlers, tmp_path):
    """The loop over a corpus's documents raises a recorded stop before the next document."""
    from factlib.run.loop import process_all

    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text("截至2022年12月，我国网民规模达10.67亿人。\n", encoding="utf-8")
    restore = interrupt.install(deferred=True)
    seen = []
    try:
        with pytest.raises(KeyboardInterrupt):
            for result in process_all(str(tmp_path)):
                seen.append(result.path)
                os.kill(os.getpid(), signal.SIGINT)
                for _ in range(1000):
                    pass
    finally:
        restore()
    assert len(seen) == 1


def test_nothing_requested_nothing_raised(handlers):
    restore = interrupt.install()
    try:
        interrupt.raise_if_requested()
        assert interrupt.requested() is None
    finally:
        restore()


def test_an_ignored_ctrl_c_stays_ignored(handlers):
    """A program started with Ctrl-C ignored (nohup, a background job of a script) keeps ignoring it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    restore = interrupt.install()
    try:
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    finally:
        restore()
    assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def test_install_is_a_no_op_outside_the_main_thread(handlers):
    out = []
    t = threading.Thread(target=lambda: out.append(interrupt.install()))
    t.start()
    t.join()
    out[0]()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


def test_the_command_line_says_130_when_a_stop_came_but_the_work_ended(handlers, monkeypatch, tmp_path):
    """A command whose Ctrl-C was swallowed still ends; its exit status says it was interrupted."""
    import factlib.cli as cli
    import factlib.cli.extract as extract

    def run(args):
        _SignalsInDel(signal.SIGINT)  # swallowed, as it would be in the garbage collector
        return 0

    monkeypatch.setattr(extract, "run", run)
    doc = tmp_path / "a.txt"
    doc.write_text("截至2022年12月，我国网民规模达10.67亿人。\n", encoding="utf-8")
    assert cli.main(["extract", str(doc)]) == 130
    assert interrupt.requested() is None  # cleared for the next command of this process
