"""``factlib extract --jobs N``: the worker processes die on SIGTERM.

The command line turns SIGTERM into an exception in its own process (``factlib.run.interrupt``), and a
forked worker inherits that handler.  ``Pool.terminate`` stops workers with SIGTERM and then waits
for them; a worker blocked on the task queue's lock never raised the exception, so a finished
``extract --jobs 2`` could hang for ever (seen in CI: 2 hangs in 420 runs under load).  Workers now
take the default SIGTERM (and leave Ctrl-C to the parent), and a finished pool is closed and joined
instead of terminated."""

import signal
from types import SimpleNamespace

from factlib.cli import extract


class _Done:
    ok = True

    def messages(self):
        return []


def _signals_of_worker(fmt, source):  # stands in for extract._work in the forked workers
    return _Done(), (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)), [source]


def test_pool_workers_take_the_default_sigterm(monkeypatch):
    monkeypatch.setattr(extract, "_work", _signals_of_worker)
    previous = signal.signal(signal.SIGTERM, _raise_exit)  # what the command line installs
    try:
        out = list(extract._pooled(SimpleNamespace(sources=list(range(6))), "jsonl", 2, extract._Tally()))
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert [payload for _, payload in out] == [[i] for i in range(6)]
    assert {dispositions for dispositions, _ in out} == {(signal.SIG_DFL, signal.SIG_IGN)}


def _raise_exit(signum, frame):  # noqa: ARG001
    raise SystemExit(128 + signum)
