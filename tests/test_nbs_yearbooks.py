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
    assert table[1:] == rows + mod.build_releases()
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


def test_release_rows_read_the_number_with_its_unit():
    """A press-release phrase gives the number next to its unit, not another number of the phrase (a year)."""
    mod = _builder()
    rows = {(r[9], r[10], r[2], r[7][-10:]): r for r in mod.build_releases()}
    assert len(rows) == 24
    assert rows[("gdp", "growth_rate", "2002", "25508.html")][3] == "8"  # 'an increase of 8 percent over 2001'
    assert rows[("gdp", "amount", "2003", "25540.html")][3] == "11669400000000"  # 11.6694 trillion yuan
    assert rows[("value_added_tertiary", "amount", "2003", "25987.html")][3] == "3766900000000"  # '3,766.9 billion y'
    per_capita = rows[("gdp_per_capita", "amount", "2003", "25540.html")]
    assert per_capita[3] == "1090" and per_capita[11] == "USD"
    assert {r[16] for r in rows.values()} == {"first"}
