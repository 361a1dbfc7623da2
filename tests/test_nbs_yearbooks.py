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
    assert len(mod.build_releases()) == 103  # nominal and real growth of one key and period are two rows
    assert rows[("gdp", "growth_rate", "2002", "25508.html")][3] == "8"  # 'an increase of 8 percent over 2001'
    assert rows[("gdp", "amount", "2003", "25540.html")][3] == "11669400000000"  # 11.6694 trillion yuan
    assert rows[("value_added_tertiary", "amount", "2003", "25987.html")][3] == "3766900000000"  # '3,766.9 billion y'
    per_capita = rows[("gdp_per_capita", "amount", "2003", "25540.html")]
    assert per_capita[3] == "1090" and per_capita[11] == "USD"
    assert {r[16] for r in rows.values()} == {"first"}


def test_release_rows_of_part_of_a_year_keep_their_period_and_sign():
    """A release about January-June is dated 2014-01/2014-06; 'down 24.5 percent' is -24.5; a release carried
    by the State Council's portal says so in its source name."""
    mod = _builder()
    rows = {(r[9], r[10], r[2]): r for r in mod.build_releases()}
    assert rows[("fixed_asset_investment", "amount", "2014-01/2014-06")][3] == "21277000000000"
    assert rows[("fixed_asset_investment", "growth_rate", "2014-01/2014-06")][3] == "17.3"
    assert rows[("fixed_asset_investment", "growth_rate", "2020-01/2020-02")][3] == "-24.5"
    assert rows[("manufacturing_investment", "growth_rate", "2020-01/2020-02")][3] == "-31.5"  # 'decreased by'
    assert rows[("private_investment_share", "percent", "2015-01/2015-09")][3] == "64.8"
    monthly = rows[("industrial_value_added_above_scale", "growth_rate", "2014-07")]
    assert monthly[3] == "9" and "gov.cn" in monthly[6] and monthly[7].startswith("http://english.www.gov.cn/")
    assert rows[("industrial_value_added_above_scale", "growth_rate", "2014-01/2014-07")][3] == "8.8"
    for r in mod.build_releases():
        assert r[7].startswith(("https://www.stats.gov.cn/", "http://www.stats.gov.cn/", "http://english.www.gov.cn/"))
        assert r[8] in (ROOT / "benchmarks" / "sources" / "nbs_releases_en").joinpath(
            next(f.name for f in (ROOT / "benchmarks" / "sources" / "nbs_releases_en").glob("*.txt")
                 if r[7] in f.read_text(encoding="utf-8"))).read_text(encoding="utf-8")


def test_yearbook_indicator_table_rates_add_up():
    """Table 1-4 of the 2012 yearbook: birth rate - death rate = natural growth rate in every year kept."""
    mod = _builder()
    rows, _ = mod.build()
    got = {(r[9], r[2]): r[3] for r in rows if r[7].endswith("2012/html/B0104e.htm")}
    assert len(got) == 20
    for year in ("1978", "1990", "2000", "2011"):
        from decimal import Decimal
        assert Decimal(got[("birth_rate", year)]) - Decimal(got[("death_rate", year)]) == Decimal(
            got[("natural_growth_rate", year)])
    assert got[("registered_urban_unemployment_rate", "2011-12")] == "4.1"
