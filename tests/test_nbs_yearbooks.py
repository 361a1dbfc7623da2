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
    assert table[1:] == rows + mod.build_releases() + mod.build_safe() + mod.build_regional()[0]
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


def test_safe_rows_read_the_reserves_from_the_administrations_own_pages():
    """Month-end foreign exchange reserves from the SAFE's English pages: 'US$3.2502 trillion' and
    'USD 3,087.9 billion' are read with their scale, in US dollars, dated the month's end."""
    mod = _builder()
    rows = {r[2]: r for r in mod.build_safe()}
    assert rows["2021-12"][3] == "3250200000000" and rows["2021-12"][11] == "USD"
    assert rows["2019-01"][3] == "3087900000000"  # 'USD 3,087.9 billion'
    for r in rows.values():
        assert r[9] == "foreign_exchange_reserves" and r[14] == "primary" and r[16] == "first"
        assert "safe.gov.cn/" in r[7] and r[2][:4] in r[8]
        assert r[15] > r[2]  # published after the month it reports


def test_yearbook_output_and_household_tables_line_up():
    """Table 13-23 of the 2009 yearbook (national rows) and 10-5 of the 2004 yearbook: the columns read are the
    ones named (rolled steel <= crude steel, hydropower <= electricity were checked), with the printed scale."""
    mod = _builder()
    rows, _ = mod.build()
    got = {(r[9], r[2]): r[3] for r in rows if r[7].endswith(("2009/html/N1323e.htm", "yb2004-c/html/J1005ae.htm"))}
    assert got[("raw_coal_output", "1985")] == "872000000"  # 8.72 (100 million tons)
    assert got[("crude_steel_output", "1978")] == "31780000"  # 3178.0 (10 000 tons)
    assert got[("electricity_generation", "1990")] == "621200000000"  # 6212.00 (100 million kwh)
    assert ("cement_output", "1990") not in got  # the stored 1990 row stops before the cement column
    assert got[("urban_per_capita_disposable_income", "2003")] == "8472.2"
    assert got[("urban_per_capita_consumption", "2000")] == "4998"
    assert len(got) == 41


def test_regional_tables_give_each_province_its_area_and_add_up():
    """Tables by region: one region a line, its area code from areas.csv (CN for the national row); the parts
    add up on every row kept (primary + secondary + tertiary = GDP, the twelve tertiary sectors = tertiary;
    urban + rural = total population; birth rate - death rate = natural growth rate)."""
    mod = _builder()
    rows, problems = mod.build_regional()
    assert problems == []
    got = {(r[13], r[9], r[10], r[2]): r[3] for r in rows}
    assert got[("CN-BJ", "gdp", "amount", "1996")] == "161573000000"  # 1615.73 (100 million yuan)
    assert got[("CN-SX", "gdp", "growth_rate", "1999")] == "5.1"  # index 105.1
    assert got[("CN-SX", "value_added_primary", "growth_rate", "2001")] == "-3.6"  # index 96.4
    assert got[("CN-HE", "gdp_per_capita", "amount", "2001")] == "8362"
    assert ("CN-SD", "gdp", "growth_rate", "1999") not in got  # the stored Shandong row stops before its indices
    assert {r[13] for r in rows} >= {"CN-NM", "CN-HL", "CN-JX", "CN-XZ"} and all(r[13].startswith("CN") for r in rows)
    assert got[("CN", "population", "count", "1999-12")] == "1259090000"  # National Total 125909 (10 000)
    assert got[("CN-SH", "natural_growth_rate", "percent", "1998")] == "-1.8"  # 5.20 - 7.00
    assert got[("CN-GD", "urbanisation_rate", "percent", "2008-12")] == "63.37"
    assert got[("CN-XJ", "birth_rate", "percent", "1999")] == "18.76"
    assert ("CN-QH", "population", "count", "2008-12") not in got  # the stored 2008 table stops inside Qinghai
    assert len(rows) == 156 + 128 + 124 + 203
