"""The yearbook reference table is reproduced from the saved page texts (issue 15)."""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _builder():
    spec = importlib.util.spec_from_file_location("build_nbs_yearbooks", ROOT / "benchmarks" / "build_nbs_yearbooks.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_builder_reproduces_the_shipped_table():
    mod = _builder()
    rows, problems = mod.build()
    shipped = ROOT / "factlib" / "data" / "reference" / "nbs_yearbooks.csv"
    lines = [line for line in shipped.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    table = list(csv.reader(lines))
    assert table[0] == mod.COLS
    assert table[1:] == rows
    # the three table rows whose own sums fail stay out (README, yearbook section)
    assert len(problems) == 3


def test_every_row_quotes_its_figure_and_cites_the_bureau():
    mod = _builder()
    rows, _ = mod.build()
    for row in rows:
        r = dict(zip(mod.COLS, row))
        assert r["source_url"].startswith(("https://www.stats.gov.cn/", "http://www.stats.gov.cn/"))
        assert r["tier"] == "primary" and r["vintage"] == "later" and r["published"].endswith("-09")
        assert r["period"][:4] in r["quote"]
