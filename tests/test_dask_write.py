"""Partitioned Parquet from the Dask engine: the files Dask's ``to_parquet`` writes, one task per
partition, no DataFrame in the client.

``write_parquet`` extracts, writes and counts each partition in one task on its worker, so a
partition is never sent to another worker to be written and no filtered copy of it waits in
memory; the files must be those ``DataFrame.to_parquet`` writes from the same partitions (schema
with its pandas metadata, rows, names), and only ``part.N.parquet`` files of an earlier run are
replaced.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("dask")]

import pyarrow.parquet as pq  # noqa: E402

from factlib.run import dask_engine  # noqa: E402
from factlib.run.local import extract_frame, write_claims  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SAMPLE = ROOT / "tests" / "data" / "corpus_sample"


@pytest.fixture()
def corpus(tmp_path):
    """The sample corpus, the seeds and an empty file (a load error)."""
    folder = tmp_path / "in"
    shutil.copytree(SAMPLE, folder / "sample")
    shutil.copytree(SEEDS, folder / "seeds")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def test_files_equal_dask_to_parquet(client, corpus, tmp_path):
    from factlib.documents.load import list_sources

    sources = list_sources(str(corpus)).sources
    ddf = dask_engine.extract_ddf(sources, 3)
    n, errors = dask_engine.write_parquet(ddf, str(tmp_path / "ours"))
    n2, errors2 = dask_engine.write_files(client, sources, str(tmp_path / "files"), 3)
    claims, _ = dask_engine.split_errors(ddf)
    with dask_engine._no_string_conversion():
        claims.drop(columns=["_error"]).to_parquet(str(tmp_path / "dask"), write_index=False)
    names = [f"part.{i}.parquet" for i in range(3)]
    for ours in ("ours", "files"):
        assert sorted(p.name for p in (tmp_path / ours).iterdir()) == names
    assert sorted(p.name for p in (tmp_path / "dask").iterdir()) == names
    for name in names:
        b = pq.read_table(tmp_path / "dask" / name)
        for ours in ("ours", "files"):
            a = pq.read_table(tmp_path / ours / name)
            assert a.schema.equals(b.schema, check_metadata=True), (ours, name)
            assert a.equals(b), (ours, name)
    assert n == n2 == len(extract_frame([str(corpus)])) > 300
    assert errors == errors2
    assert [Path(p).name for p, _ in errors] == ["empty.txt"]


def test_one_task_per_partition(corpus, tmp_path):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as fresh:  # a cluster of its own: the task names it saw are this test's
        n, _ = write_claims([str(corpus)], str(tmp_path / "out"), engine="dask", scheduler=fresh, partitions=4)
        new = fresh.run_on_scheduler(lambda dask_scheduler: set(dask_scheduler.task_prefixes))
    # extraction and writing in one task (no task of writing alone), and no split/filter/column-drop
    # tasks holding copies of a partition
    assert new == {"write_chunk"}, new  # (the prefix of _write_chunk tasks)
    assert n > 300


LEAN = textwrap.dedent("""
    import json, sys
    from factlib.run.dask_engine import dask_client
    from factlib.run.local import write_claims

    def modules():
        import sys
        return sorted(m for m in ("pandas", "dask.dataframe") if m in sys.modules)

    if __name__ == "__main__":
        with dask_client(workers=1) as client:
            n, errors = write_claims([sys.argv[1]], sys.argv[2], "dask", client)
            workers = list(client.run(modules).values())
        print(json.dumps({"n": n, "client": modules(), "workers": workers}))
""")


def test_writing_parquet_builds_no_frame_in_the_client(tmp_path):
    # the client lists files and gathers counts: no pandas, no dask.dataframe (~140 MB at 100 MB);
    # the workers build frames (pandas) but no Dask DataFrame graph
    script = tmp_path / "lean.py"
    script.write_text(LEAN, encoding="utf-8")
    r = subprocess.run([sys.executable, str(script), str(SEEDS), str(tmp_path / "out")], capture_output=True,
                       text=True, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["n"] > 50
    assert out["client"] == []
    assert out["workers"] == [["pandas"]]


def test_only_earlier_parts_are_replaced(client, corpus, tmp_path):
    out = tmp_path / "out"
    write_claims([str(corpus)], str(out), engine="dask", scheduler=client, partitions=5)
    (out / "notes.txt").write_text("kept", encoding="utf-8")
    n, _ = write_claims([str(corpus)], str(out), engine="dask", scheduler=client, partitions=2)
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "part.0.parquet", "part.1.parquet"]
    assert sum(len(pd.read_parquet(f)) for f in out.glob("*.parquet")) == n
