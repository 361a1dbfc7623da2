"""A cluster factlib starts does not print distributed's shutdown race as an error.

At the end of a run a worker's heartbeat can meet the scheduler already closed; distributed then logs
``Failed to communicate with scheduler during heartbeat`` with a traceback (dask/distributed#7105),
which made ``factlib extract --engine dask`` end with a traceback a user could do nothing about.
The worker processes log it; the test makes each worker log that record and another error, in a
fresh process, and reads its standard error."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""
    import logging
    from factlib.run.dask_engine import dask_client

    def emit():
        log = logging.getLogger("distributed.worker")
        try:
            raise OSError("Stream is closed")
        except OSError:
            log.error("Failed to communicate with scheduler during heartbeat.", exc_info=True)
        log.error("a worker error a user must see")

    if __name__ == "__main__":
        with dask_client(workers=2) as client:
            client.run(emit)
""")


@pytest.mark.slow
@pytest.mark.xdist_group("dask")
def test_shutdown_race_is_not_printed_other_errors_are(tmp_path):
    script = tmp_path / "emit.py"
    script.write_text(SCRIPT, encoding="utf-8")
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "during heartbeat" not in r.stderr and "Traceback" not in r.stderr, r.stderr[-3000:]
    assert r.stderr.count("a worker error a user must see") == 2, r.stderr[-3000:]


def test_filter_drops_only_the_shutdown_race():
    import logging

    from factlib.run.dask_engine import _ShutdownRaceFilter

    f = _ShutdownRaceFilter()
    rec = lambda msg: logging.LogRecord("distributed.worker", logging.ERROR, __file__, 1, msg, None, None)
    assert not f.filter(rec("Failed to communicate with scheduler during heartbeat."))
    assert f.filter(rec("Worker stream died during communication"))
    assert f.filter(rec("Compute Failed"))
