"""The worker processes of a cluster factlib starts are set up to keep less memory and less CPU.

A worker extracts in one executor thread: with glibc's default of one malloc arena per thread, that
thread's arena kept freed memory, and Arrow's mimalloc pool kept its own.  The engine spawns its
workers with ``MALLOC_ARENA_MAX=1`` and ``ARROW_DEFAULT_MEMORY_POOL=system`` (together ~33 MB less
at a worker's peak, measured with ``benchmarks/bench_scale.py``) unless the user's environment sets
them, and leaves the environment of the calling process as it was.  Its workers run no statistical
profiler (it samples the running task's stack every 10 ms for a dashboard the cluster does not
serve) and its event loops check their health every second, not every 20 ms, unless the user's
Dask configuration says otherwise.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("distributed")
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("dask")]

SCRIPT = textwrap.dedent("""
    import json, os
    from factlib.run.dask_engine import dask_client

    def seen(dask_worker):
        import os, pyarrow
        return {"arena": os.environ.get("MALLOC_ARENA_MAX"), "pool": pyarrow.default_memory_pool().backend_name,
                "profiler": "profile" in dask_worker.periodic_callbacks,
                "tick_ms": dask_worker.periodic_callbacks["tick"].callback_time}

    if __name__ == "__main__":
        with dask_client(workers=1) as client:
            workers = list(client.run(seen).values())
            scheduler_tick = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.periodic_callbacks["tick"].callback_time)
            mine = {k: os.environ.get(k) for k in ("MALLOC_ARENA_MAX", "ARROW_DEFAULT_MEMORY_POOL")}
        print(json.dumps({"workers": workers, "client": mine, "scheduler_tick_ms": scheduler_tick}))
""")


def _run(tmp_path, **env) -> dict:
    script = tmp_path / "workers.py"
    script.write_text(SCRIPT, encoding="utf-8")
    environ = {k: v for k, v in os.environ.items()
               if k not in ("MALLOC_ARENA_MAX", "ARROW_DEFAULT_MEMORY_POOL") and not k.startswith("DASK_")}
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path,
                       env={**environ, **env})
    assert r.returncode == 0, r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_workers_use_one_arena_and_the_system_allocator_for_arrow(tmp_path):
    out = _run(tmp_path)
    assert out["workers"] == [{"arena": "1", "pool": "system", "profiler": False, "tick_ms": 1000}]
    assert out["scheduler_tick_ms"] == 1000
    assert out["client"] == {"MALLOC_ARENA_MAX": None, "ARROW_DEFAULT_MEMORY_POOL": None}


def test_the_users_environment_wins(tmp_path):
    out = _run(tmp_path, MALLOC_ARENA_MAX="3", ARROW_DEFAULT_MEMORY_POOL="mimalloc",
               DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED="True", DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL="50ms")
    assert out["workers"] == [{"arena": "3", "pool": "mimalloc", "profiler": True, "tick_ms": 50}]
    assert out["scheduler_tick_ms"] == 50
    assert out["client"] == {"MALLOC_ARENA_MAX": "3", "ARROW_DEFAULT_MEMORY_POOL": "mimalloc"}
