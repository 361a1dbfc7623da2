"""Write factlib/data/reference/nbs_yearbooks.csv: figures of the China Statistical Yearbook tables on stats.gov.cn.

    python benchmarks/build_nbs_yearbooks.py [factlib/data/reference/nbs_yearbooks.csv]

Input: the page texts in benchmarks/sources/nbs_yearbooks/*.txt -- the table rows of the National Bureau of
Statistics' own yearbook pages as the research search tool stores them (only the first part of each page is
stored, so a table stops where the stored text stops).  Each file names its page (``# url:``), the table's title
(``# title:``), the yearbook (``# yearbook:``) and its columns; the rows below are the page's rows, one year a line.
Nothing is typed from memory: every value comes from those lines, and the table's own sums are checked (parts =
total, revenue - expenditure = balance, ...); a row whose sums fail is left out and reported.

One reference row per metric key x year.  The quote is the table's title, the year and the column with the
figure as it appears on the page.  ``published`` is the yearbook's year and month 09 (the yearbook is released
in the autumn; the pages give no day), ``vintage`` is ``later``: a yearbook restates years first published in
the statistical communiqué (and revises them), so these rows never alone contradict a claim of unknown date.
Index tables (preceding year = 100) give growth rates: index - 100 (113.55 -> 13.55 %).
"""
from __future__ import annotations

import csv
import io
import re
import sys
from decimal import Decimal
from pathlib import Path

from factlib.vocab.lexicon import default_lexicon

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "benchmarks" / "sources" / "nbs_yearbooks"
OUT = ROOT / "factlib" / "data" / "reference" / "nbs_yearbooks.csv"
LEX = default_lexicon()
COLS = ["metric_zh", "metric_en", "period", "value", "unit", "qualifier", "source_name", "source_url", "quote",
        "metric_key", "kind", "unit_code", "base_period", "area", "tier", "published", "vintage"]
YI = Decimal(100000000)
WAN = Decimal(10000)
D = Decimal
ROW = re.compile(r"^(\d{4}) (-?\d[\d. -]*)$")

# per source file: (column index -> (metric_key, kind, column label on the page, scale, unit)), first year, sum checks
AMOUNT = "amount"
GROWTH = "growth_rate"


def col(key, label, scale=YI, unit="元", kind=None):
    return (key, kind, label, scale, unit)


def idx(key, label):
    """An index column (preceding year = 100): its growth rate."""
    return (key, GROWTH, label, None, "%")


def pct(key, label):
    return (key, GROWTH, label, Decimal(1), "%")


GDP_2010 = {1: col("gnp", "Gross National Income"), 2: col("gdp", "Gross Domestic Product"),
            3: col("value_added_primary", "Primary Industry"), 4: col("value_added_secondary", "Secondary Industry"),
            5: col("industrial_value_added", "Industry"), 7: col("value_added_tertiary", "Tertiary Industry"),
            8: col("gdp_per_capita", "Per Capita GDP (yuan)", Decimal(1))}
GDP_2005 = dict(GDP_2010)
GDP_2005[10] = col("gdp_per_capita", "Per Capita GDP (yuan/person)", Decimal(1))
del GDP_2005[8]


def gdp_sums(c):
    # primary + secondary + tertiary = GDP; industry + construction = secondary
    return [(c[3] + c[4] + c[7], c[2]), (c[5] + c[6], c[4])]


def retail_sums(c):
    # by location: city + county + below county = total; by sector: the three sectors = total
    pairs = [] if len(c) < 5 else [(c[2] + c[3] + c[4], c[1])]
    return pairs + ([] if len(c) < 8 else [(c[5] + c[6] + c[7], c[1])])


def adds_up(pairs) -> bool:
    """Each (sum of the parts, total) pair agrees to one unit in the total's last printed digit (the parts are
    rounded one by one: 1027.5 + 1745.2 + 872.5 = 3645.2; 40153 for a total of 40152)."""
    return all(abs(parts - total) <= Decimal(1).scaleb(total.as_tuple().exponent) for parts, total in pairs)


def retail_key(year):
    # the yearbooks' note: figures before 1993 are retail sales of commodities (社会商品零售总额), the older series
    return "total_retail_sales_commodities" if int(year) < 1993 else "total_retail_sales"


RETAIL = {1: col("total_retail_sales", "Total Retail Sales of Consumer Goods")}
TABLES = {
    "csy2010_2-1_gdp.txt": (GDP_2010, gdp_sums),
    "csy2005_3-1_gdp.txt": (GDP_2005, gdp_sums),
    "csy2007_8-1_government_revenue.txt": (
        {1: col("general_budget_revenue", "Government Revenue"), 2: col("general_budget_expenditure", "Government Expenditure"),
         4: pct("general_budget_revenue", "Growth Rates (%) Government Revenue"),
         5: pct("general_budget_expenditure", "Growth Rates (%) Government Expenditure")},
        lambda c: [(c[1] - c[2], c[3])]),
    "csy1998_8-12_central_local_finance.txt": (
        {1: col("general_budget_revenue", "Total Revenue"), 2: col("central_general_budget_revenue", "Total Revenue: Central Government"),
         3: col("local_general_budget_revenue", "Total Revenue: Local Government"),
         4: col("general_budget_expenditure", "Total Expenditures")},
        lambda c: [(c[2] + c[3], c[1]), (c[5] + c[6], c[4])]),
    "csy2002_8-2_revenue_gdp.txt": (
        {1: col("general_budget_revenue", "Total Revenue"), 2: col("gdp", "Gross Domestic Products")},
        lambda c: [((c[1] * 100 / c[2]).quantize(Decimal("0.1")), c[3])]),
    "csy2007_17-3_retail_sales.txt": (RETAIL, retail_sums),
    "csy2004_17-3_retail_sales.txt": ({1: col("total_retail_sales", "Total Retail Sales of Consumer Goods")}, retail_sums),
    "csy1999_16-2_retail_sales.txt": (RETAIL, retail_sums),
    "csy2012_9-1_price_indices.txt": (
        {1: idx("cpi", "Consumer Price Index"), 4: idx("retail_price_index", "Retail Price Index"),
         5: idx("ppi", "Producer Price Index for Industrial Products")}, None),
    "csy2000_9-5_cpi_by_region.txt": (
        {1: idx("cpi", "Consumer Price Index"), 4: idx("retail_price_index", "Retail Price Index of commodities")}, None),
    "csy1998_13-4_industrial_output_index.txt": ({1: idx("gross_industrial_output", "Total Industry")}, None),
    "csy2002_19-4_money_supply.txt": (
        {1: col("m2", "Money and Quasi-Money (M2)"), 2: col("m1", "Money (M1)")},
        lambda c: [(max(c[1], c[2]), c[1]), (max(c[2], c[3]), c[2])]),  # M2 >= M1 >= M0
    "csy1999_4-3_population_by_region.txt": (
        {1: col("population", "National Total or Average: Total Population (year-end)", WAN, "人"),
         2: col("birth_rate", "National Total or Average: Birth Rate", Decimal(1), "‰"),
         3: col("death_rate", "National Total or Average: Death Rate", Decimal(1), "‰"),
         4: col("natural_growth_rate", "National Total or Average: Natural Growth Rate", Decimal(1), "‰")},
        lambda c: [(c[2] - c[3], c[4])]),
    "csy1999_5-3_employment_three_strata.txt": (
        {1: col("employed_persons", "National Total: Number of Employed Persons", WAN, "人")},
        lambda c: [(c[2] + c[3] + c[4], c[1])]),
    "csy2008_4-4_employment_three_strata.txt": (
        {1: col("employed_persons", "National Total: Total Employed Persons", WAN, "人")},
        lambda c: [(c[2] + c[3] + c[4], c[1])]),
    "csy2001_5-5_employment_by_sector.txt": (
        {1: col("employed_persons", "Total", WAN, "人")}, lambda c: [(sum(c[2:18], Decimal(0)), c[1])]),
    "csy2009_13-23_industrial_products.txt": (
        {1: col("raw_coal_output", "Coal", YI, "吨"), 2: col("crude_oil_output", "Crude Oil", WAN, "吨"),
         3: col("natural_gas_output", "Natural Gas", YI, "立方米"), 5: col("electricity_generation", "Electricity", YI, "千瓦时"),
         17: col("chemical_fertiliser_output", "Chemical Fertilizer", WAN, "吨"), 21: col("cement_output", "Cement", WAN, "吨"),
         23: col("pig_iron_output", "Pig Iron", WAN, "吨"), 24: col("crude_steel_output", "Crude Steel", WAN, "吨"),
         25: col("steel_products_output", "Rolled Steel", WAN, "吨")},
        # the columns line up: hydropower <= electricity, rolled steel <= crude steel (a shifted cell would break them)
        lambda c: [(max(c[5], c[6]), c[5])] + ([(max(c[24], c[25]), c[24])] if len(c) > 25 else [])),
    "csy2004_10-5_urban_households.txt": (
        {6: col("urban_per_capita_disposable_income", "Disposable Income", Decimal(1)),
         7: col("urban_per_capita_consumption", "Per Capita Annual Living Expenditures for Consumption", Decimal(1))},
        lambda c: [(c[2] + c[3] + c[4] + c[5], c[1])]),  # wages + management + property + transfer = income
    "csy2012_1-4_indicators.txt": (
        {1: col("birth_rate", "Birth Rate", Decimal(1), "‰"), 2: col("death_rate", "Death Rate", Decimal(1), "‰"),
         3: col("natural_growth_rate", "Natural Growth", Decimal(1), "‰"),
         4: col("registered_urban_unemployment_rate", "Unemployment Rate in Urban Areas (%)", Decimal(1), "%"),
         5: col("gdp_per_capita", "Per Capita GDP (yuan)", Decimal(1))},
        lambda c: [(c[1] - c[2], c[3])]),  # birth rate - death rate = natural growth rate
}
#: the printed unit of a physical-output column (scale, unit)
UNIT_TEXT = {(YI, "吨"): "100 million tons", (WAN, "吨"): "10 000 tons", (YI, "立方米"): "100 million cu.m",
             (YI, "千瓦时"): "100 million kwh"}
#: the 2012 price table leaves columns empty before 1990: a row with fewer figures gives only its first (CPI)
FULL_ROW_ONLY = {"csy2012_9-1_price_indices.txt": 7}


def header(text: str) -> dict[str, str]:
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"^# (\w+): (.*)$", text, re.M)}


def read_table(name: str) -> tuple[str, dict[str, str], str, str]:
    """A saved yearbook page: its text, its header fields, the yearbook's year and the source name."""
    text = (SOURCES / name).read_text(encoding="utf-8")
    h = header(text)
    yb = re.search(r"Yearbook (\d{4})", h["yearbook"]).group(1)
    table = h["title"].split(" ", 1)
    return text, h, yb, f"国家统计局《中国统计年鉴{yb}》表{table[0]} {table[1]} (English edition, NBS)"


def build() -> tuple[list[list[str]], list[str]]:
    rows, problems = [], []
    for name, (columns, sums) in TABLES.items():
        text, h, yb, source = read_table(name)
        for line in text.splitlines():
            m = ROW.match(line.strip())
            if not m or line.startswith("#"):
                continue
            year, cells = m.group(1), m.group(2).split()
            c = [None] + [D(x) for x in cells]
            if sums is not None:
                try:
                    ok = adds_up(sums(c))
                except (IndexError, TypeError):
                    ok = False
                if not ok:
                    problems.append(f"{name} {year}: sums do not add up: {line.strip()}")
                    continue
            for i, (key, kind, label, scale, unit) in columns.items():
                if i >= len(c) or (name in FULL_ROW_ONLY and len(cells) < FULL_ROW_ONLY[name] and i != 1):
                    continue
                raw = cells[i - 1]
                if name.endswith("retail_sales.txt"):
                    key = retail_key(year)
                info = LEX.info(key)
                if kind == GROWTH:
                    value = c[i] - 100 if scale is None else c[i]
                    shown = f"{label} {raw} (preceding year=100)" if scale is None else f"{label} {raw}"
                else:
                    value = c[i] * scale
                    unit_text = UNIT_TEXT.get((scale, unit)) or {YI: "100 million yuan", WAN: "10 000 persons"}.get(
                        scale, {"‰": "‰", "%": "%"}.get(unit, "yuan"))
                    shown = f"{label} {raw} ({unit_text})"
                kind = kind or info.kind
                period = year + ("-12" if info.measure == "stock" and kind != GROWTH else "")
                code = {"元": "CNY", "人": "person", "%": "%", "‰": "‰", "吨": "t", "立方米": "m3", "千瓦时": "kWh"}[unit]
                quote = f"{h['title']} | {year} | {shown}"
                v = value.normalize()
                rows.append([info.label_zh, info.label_en, period, format(v, "f"), unit, "exact", source, h["url"], quote,
                             key, kind, code, "", "CN", "primary", f"{yb}-09", "later"])
    return rows, problems


RELEASES = ROOT / "benchmarks" / "sources" / "nbs_releases_en"
FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(billion y(?:uan)?|trillion yuan|US dollars|yuan|percent|%)")
UNIT_SCALE = {"billion": (Decimal(10) ** 9, "元"), "trillion": (Decimal(10) ** 12, "元"), "US dollars": (Decimal(1), "美元"),
              "yuan": (Decimal(1), "元")}
#: a growth rate whose phrase says it fell is negative ("down 24.5 percent", "decreased by 31.5 percent")
FELL = re.compile(r"\b(?:down|decrease[sd]?|dropped|declined|fell)\b", re.I)


def build_releases() -> list[list[str]]:
    """Rows from the bureau's English press releases and communiqués (first publication of the figures):
    each source line names the key, the kind, the page's short phrase and, when it is not the header's,
    the period; the figure is the phrase's last number with a unit; the phrases were copied from the page
    text as the search tool stores it.  ``# period:`` in the header gives the period of a release about
    part of a year (2014-01/2014-06: January to June); without it the period is ``# year:``.
    ``# carrier:`` names the official site that carries a release of the bureau (the State Council's
    English portal), which the source name then says."""
    rows = []
    for path in sorted(RELEASES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        h = header(text)
        source = f"国家统计局 {h['title']} (NBS English page)"
        if h.get("carrier"):
            source = f"国家统计局 {h['title']} (NBS release on the State Council's English portal gov.cn)"
        for line in text.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            key, kind, phrase, *rest = line.split("\t")
            number, unit_word = FIGURE.findall(phrase)[-1]
            value = D(number.replace(",", ""))
            info = LEX.info(key)
            if kind in (GROWTH, "percent"):
                assert unit_word in ("percent", "%"), line
                unit, code = "%", "%"
                if kind == GROWTH and FELL.search(phrase):
                    value = -value
            else:
                scale, unit = UNIT_SCALE[unit_word.split(" y")[0] if unit_word.startswith("billion") else unit_word.split(" ")[0] if unit_word.startswith("trillion") else unit_word]
                value *= scale
                code = {"元": "CNY", "美元": "USD"}[unit]
            if rest:
                period = rest[0]
            elif h.get("period"):
                period = h["period"]
            else:
                period = h["year"] + ("-12" if info.measure == "stock" and kind != GROWTH else "")
            rows.append([info.label_zh, info.label_en, period, format(value.normalize(), "f"), unit, "exact", source, h["url"],
                         phrase, key, kind, code, "", "CN", "primary", h["published"], "first"])
    return rows


def POPULATION_BY_REGION(year):  # noqa: N802 - a column map like the table constants
    return {1: ("population", None, "Total Population (year-end)", WAN, "人", year),
            2: ("birth_rate", None, "Birth Rate", Decimal(1), "‰", year),
            3: ("death_rate", None, "Death Rate", Decimal(1), "‰", year),
            4: ("natural_growth_rate", None, "Natural Growth Rate", Decimal(1), "‰", year)}


#: tables with one region a line (``region_*.txt`` in the sources folder): column -> (key, kind, label, scale,
#: unit, year); the area is the region's code in factlib/data/areas.csv (matched by its English name)
REGION_TABLES = {
    "region_csy2000_3-8_gdp_by_region.txt": (
        {**{i: ("gdp", None, "Gross Domestic Product", YI, "元", y) for i, y in zip(range(1, 5), ("1996", "1997", "1998", "1999"))},
         **{i: ("gdp", GROWTH, "Indices (preceding year=100)", None, "%", y) for i, y in zip(range(5, 9), ("1996", "1997", "1998", "1999"))}},
        None),
    "region_csy2002_3-9_gdp_by_region_2001.txt": (
        {1: ("gdp", None, "Gross Domestic Product", YI, "元", "2001"),
         2: ("value_added_primary", None, "Primary Industry", YI, "元", "2001"),
         3: ("value_added_secondary", None, "Secondary Industry", YI, "元", "2001"),
         4: ("industrial_value_added", None, "Industry", YI, "元", "2001"),
         6: ("value_added_tertiary", None, "Tertiary Industry", YI, "元", "2001"),
         22: ("gdp", GROWTH, "Indices (previous year=100) Gross Domestic Product", None, "%", "2001"),
         23: ("value_added_primary", GROWTH, "Indices (previous year=100) Primary Industry", None, "%", "2001"),
         24: ("value_added_secondary", GROWTH, "Indices (previous year=100) Secondary Industry", None, "%", "2001"),
         25: ("value_added_tertiary", GROWTH, "Indices (previous year=100) Tertiary Industry", None, "%", "2001"),
         26: ("gdp_per_capita", None, "Per Capita GDP (yuan/person)", Decimal(1), "元", "2001")},
        # primary + secondary + tertiary = GDP; industry + construction = secondary; the twelve tertiary sectors
        # add up to the tertiary industry (to the cent on every row kept)
        lambda c: [(c[2] + c[3] + c[6], c[1]), (c[4] + c[5], c[3]), (sum(c[7:19], Decimal(0)), c[6])]),
    "region_csy2000_4-3_population_by_region.txt": (POPULATION_BY_REGION("1999"), lambda c: [(c[2] - c[3], c[4])]),
    "region_csy1999_4-3_population_by_region.txt": (POPULATION_BY_REGION("1998"), lambda c: [(c[2] - c[3], c[4])]),
    "region_csy2009_3-4_population_by_region.txt": (
        {1: ("population", None, "Total Population (year-end)", WAN, "人", "2008"),
         2: ("urban_population", None, "Urban Population", WAN, "人", "2008"),
         3: ("urbanisation_rate", None, "Urban Population Proportion", Decimal(1), "%", "2008"),
         4: ("rural_population", None, "Rural Population", WAN, "人", "2008"),
         6: ("birth_rate", None, "Birth Rate", Decimal(1), "‰", "2008"),
         7: ("death_rate", None, "Death Rate", Decimal(1), "‰", "2008"),
         8: ("natural_growth_rate", None, "Natural Growth Rate", Decimal(1), "‰", "2008")},
        # urban + rural = total; the two proportions = 100; birth rate - death rate = natural growth rate
        lambda c: [(c[2] + c[4], c[1]), (c[3] + c[5], Decimal("100.00")), (c[6] - c[7], c[8])]),
}
REGION_ROW = re.compile(r"^([A-Z][A-Za-z ]+?) (-?\d[\d. -]*)$")


def _area_codes() -> dict[str, str]:
    codes = {}
    for line in (ROOT / "factlib" / "data" / "areas.csv").read_text(encoding="utf-8").splitlines():
        cells = line.split(",")
        if not line.startswith("#") and len(cells) > 4 and cells[2] == "province":
            codes[cells[4]] = cells[0]
    return codes | {"National Total": "CN"}


def build_regional() -> tuple[list[list[str]], list[str]]:
    """Rows of yearbook tables by region (one region a line): a region's GDP, value added, growth (index - 100)
    and per capita GDP, with the region's area code; the table's own sums are checked as in :func:`build`."""
    rows, problems = [], []
    areas = _area_codes()
    for name, (columns, sums) in REGION_TABLES.items():
        text, h, yb, source = read_table(name)
        for line in text.splitlines():
            m = REGION_ROW.match(line.strip())
            if not m or line.startswith("#"):
                continue
            region, cells = m.group(1), m.group(2).split()
            c = [None] + [D(x) for x in cells]
            if sums is not None and not adds_up(sums(c)):
                problems.append(f"{name} {region}: sums do not add up: {line.strip()}")
                continue
            for i, (key, kind, label, scale, unit, year) in columns.items():
                if i >= len(c):
                    continue
                raw, info = cells[i - 1], LEX.info(key)
                if kind == GROWTH:
                    value, shown = c[i] - 100, f"{label} {raw}"
                else:
                    value = c[i] * scale
                    unit_text = {YI: "100 million yuan", WAN: "10 000 persons"}.get(scale, {"元": "yuan"}.get(unit, unit))
                    shown = f"{label} {raw} ({unit_text})"
                kind = kind or info.kind
                period = year + ("-12" if info.measure == "stock" and kind != GROWTH else "")
                quote = f"{h['title']} | {region} | {year} | {shown}"
                rows.append([info.label_zh, info.label_en, period, format(value.normalize(), "f"), unit, "exact", source,
                             h["url"], quote, key, kind, {"元": "CNY", "%": "%", "人": "person", "‰": "‰"}[unit], "",
                             areas[region], "primary", f"{yb}-09", "later"])
    return rows, problems


SAFE = ROOT / "benchmarks" / "sources" / "safe_en"
#: a reserve figure as the SAFE's English pages print it: "US$3.2502 trillion", "USD 3,087.9 billion"
SAFE_FIGURE = re.compile(r"(?:US\$|USD)\s?(\d[\d,]*(?:\.\d+)?) (trillion|billion)\b")
SAFE_SCALE = {"trillion": Decimal(10) ** 12, "billion": Decimal(10) ** 9}


def build_safe() -> list[list[str]]:
    """Month-end foreign exchange reserves from the State Administration of Foreign Exchange's own English pages
    (benchmarks/sources/safe_en/): one line a page (url, published, period, the page's short phrase); the figure
    is the phrase's one US$/USD amount.  Primary, vintage first (the month's first publication)."""
    rows = []
    info = LEX.info("foreign_exchange_reserves")
    for path in sorted(SAFE.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            url, published, period, phrase = line.split("\t")
            (number, word), = SAFE_FIGURE.findall(phrase)
            value = D(number.replace(",", "")) * SAFE_SCALE[word]
            year, month = period.split("-")
            source = f"国家外汇管理局 {year}年{int(month)}月末外汇储备 (SAFE's own English page, safe.gov.cn)"
            rows.append([info.label_zh, info.label_en, period, format(value.normalize(), "f"), "美元", "exact", source, url,
                         phrase, "foreign_exchange_reserves", "amount", "USD", "", "CN", "primary", published, "first"])
    return rows


HEADER = """# Figures of the China Statistical Yearbook (National Bureau of Statistics), read from the bureau's own yearbook
# pages on stats.gov.cn (primary): GDP and value added 1978-2005 (yearbooks 2005, 2010, 2002), government revenue
# and expenditure with central/local revenue (1998, 2002, 2007), retail sales (1999, 2004, 2007), price indices
# (2000, 2012), gross industrial output index (1998), employed persons (1999, 2001, 2008), M2/M1 (2002),
# population and birth/death/natural growth rates of 1998 (1999), birth/death/natural growth rates, urban
# unemployment rate and per-capita GDP of 1978, 1990, 2000 and 2011 (2012, table 1-4).  Built by
# benchmarks/build_nbs_yearbooks.py from the page texts saved in benchmarks/sources/nbs_yearbooks/ (one run
# reproduces the file); only facts and figures are taken; the quote is the table's title, year and figure as
# printed.  published = the yearbook's year and month 09 (assumed: the yearbook appears in the autumn and the
# pages give no day); vintage = later (a yearbook restates and revises figures first published in the
# communiqué).  Growth rates come from index tables (preceding year = 100) as index - 100.  Retail sales before
# 1993 are keyed total_retail_sales_commodities (the yearbooks' note: figures before 1993 are retail sales of
# commodities, 社会商品零售总额).  Gross National Income (国民总收入, the former 国民生产总值) is keyed gnp.
# Also the bureau's English press releases and communiqués (benchmarks/sources/nbs_releases_en/, vintage first,
# published = the page's date; the quote is the page's short phrase): GDP and value added of 2002 and 2003, fixed-asset
# investment January-June 2014 and January-February 2020, private investment January-September 2015 and
# January-October 2016, per-capita disposable income 2021, January-March 2023, January-September 2020 and 2022 (nominal and real growth both
# kept), retail sales August and January-August 2016; and two releases of the bureau carried by the State Council's English portal (gov.cn;
# the source name says so): industrial value added July 2014, GDP and value added of the first half of 2016.
# Also month-end foreign exchange reserves from the State Administration of Foreign Exchange's own English pages on
# safe.gov.cn (benchmarks/sources/safe_en/; primary, vintage first, published = the page's date).  And yearbook
# tables by region (region_*.txt: GDP and growth of 15 provinces 1996-1999 from the 2000 yearbook; GDP, value added,
# growth and per capita GDP of 4 provinces in 2001 from the 2002 yearbook; population, birth/death/natural growth
# rates of the 31 provinces in 1998 and 1999 and of 28 provinces and the nation in 2008, with urban/rural population
# and the urban share in 2008), area = the province's code (CN for the national row).
# Columns: as government_reports.csv (metric_zh, metric_en, period, value, unit, qualifier, source_name,
# source_url, quote, metric_key, kind, unit_code, base_period, area, tier, published, vintage).
"""


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    rows, problems = build()
    rows += build_releases()
    rows += build_safe()
    regional, region_problems = build_regional()
    rows += regional
    problems += region_problems
    for p in problems:
        print("left out:", p, file=sys.stderr)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLS)
    w.writerows(rows)
    out.write_text(HEADER + buf.getvalue(), encoding="utf-8")
    print(f"{len(rows)} rows from {len(TABLES)} tables; {len(problems)} table rows left out (sums)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
