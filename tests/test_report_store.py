"""`factlib report --store` reads claims from the claim store and keeps it up to date."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import pandas as pd
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("report_notebooks")]


def _report(seeds_dir, out, store):
    return subprocess.run(
        [sys.executable, "-m", "factlib", "report", str(seeds_dir), "-o", str(out), "--store", str(store),
         "--only", "corpus_overview", "--no-progress", "--jobs", "1"],
        capture_output=True, text=True, timeout=600,
    )


def test_report_reads_claims_from_the_store(seeds_dir, tmp_path):
    store = tmp_path / "claims.sqlite"
    first = _report(seeds_dir, tmp_path / "r1", store)
    assert first.returncode == 0, first.stderr
    with sqlite3.connect(store) as con:
        tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    assert tables, "the store was created"
    second = _report(seeds_dir, tmp_path / "r2", store)
    assert second.returncode == 0, second.stderr
    a = pd.read_csv(tmp_path / "r1" / "claims.csv")
    b = pd.read_csv(tmp_path / "r2" / "claims.csv")
    assert len(a) > 100
    pd.testing.assert_frame_equal(a, b)
