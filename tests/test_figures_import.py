"""Import, don't retype (issue 15): SDMX, World Bank CSV and wide CSV files become reference rows;
trusted releases become reference figures for ``factlib check --trusted``.

The data files are small, written by the tests; the figures in them are the statistics bureau's
(GDP 2023 1260582.1亿元, 2024 1349084亿元; population 2023 140967万人; CPI 2023 +0.2 %).
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from decimal import Decimal

import pandas as pd
import pytest

import factlib
from factlib.documents.load import document_from_text
from factlib.figures.importers import (
    ImportError_,
    SeriesMap,
    import_file,
    import_sdmx_csv,
    import_worldbank_csv,
    import_wide_csv,
    read_mapping,
)
from factlib.figures.load import load_reference
from factlib.figures.trusted import trusted_reference

SDMX_ML = textwrap.dedent("""\
    <?xml version="1.0" encoding="UTF-8"?>
    <message:GenericData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
        xmlns:generic="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic"
        xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
      <message:Header>
        <message:ID>TEST</message:ID><message:Test>true</message:Test>
        <message:Prepared>2025-01-17T10:00:00</message:Prepared><message:Sender id="TEST"/>
        <message:Structure structureID="NA" dimensionAtObservation="TIME_PERIOD">
          <common:Structure><Ref agencyID="TEST" id="NA_MAIN" version="1.0"/></common:Structure>
        </message:Structure>
      </message:Header>
      <message:DataSet structureRef="NA">
        <generic:Series>
          <generic:SeriesKey>
            <generic:Value id="FREQ" value="A"/><generic:Value id="REF_AREA" value="CN"/>
            <generic:Value id="INDICATOR" value="GDP"/>
          </generic:SeriesKey>
          <generic:Attributes><generic:Value id="UNIT_MULT" value="8"/></generic:Attributes>
          <generic:Obs><generic:ObsDimension value="2023"/><generic:ObsValue value="1260582.1"/></generic:Obs>
          <generic:Obs><generic:ObsDimension value="2024"/><generic:ObsValue value="1349084"/></generic:Obs>
        </generic:Series>
        <generic:Series>
          <generic:SeriesKey>
            <generic:Value id="FREQ" value="A"/><generic:Value id="REF_AREA" value="CN"/>
            <generic:Value id="INDICATOR" value="GDP_GROWTH"/>
          </generic:SeriesKey>
          <generic:Obs><generic:ObsDimension value="2023"/><generic:ObsValue value="5.2"/></generic:Obs>
        </generic:Series>
      </message:DataSet>
    </message:GenericData>
    """)

SDMX_CSV = textwrap.dedent("""\
    DATAFLOW,FREQ,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MULT
    NBS:NA(1.0),A,CN,GDP,2023,1260582.1,8
    NBS:NA(1.0),Q,CN,GDP_GROWTH,2024-Q1,5.3,0
    NBS:NA(1.0),M,CN,CPI_YOY,2024-12,0.1,0
    NBS:NA(1.0),A,CN,UNMAPPED,2023,1,0
    """)

MAPPING = textwrap.dedent("""\
    # series -> metric
    series,metric_key,kind,unit,scale,area
    GDP,gdp,,元,,
    GDP_GROWTH,gdp,growth_rate,%,,
    CPI_YOY,cpi,growth_rate,%,,
    """)

WORLD_BANK = textwrap.dedent("""\
    "Data Source","World Development Indicators",

    "Last Updated Date","2025-07-01",

    "Country Name","Country Code","Indicator Name","Indicator Code","2022","2023","2024",
    "China","CHN","Population, total","SP.POP.TOTL","1412175000","1410710000","1408975000",
    "China","CHN","GDP growth (annual %)","NY.GDP.MKTP.KD.ZG","3.1","5.4","",
    "Hong Kong SAR, China","HKG","GDP growth (annual %)","NY.GDP.MKTP.KD.ZG","-3.7","3.2","2.5",
    "China","CHN","Some other indicator","XX.OTHER","1","2","3",
    """)


@pytest.fixture
def mapping(tmp_path):
    path = tmp_path / "mapping.csv"
    path.write_text(MAPPING, encoding="utf-8")
    return read_mapping(path)


def _triples(rows: pd.DataFrame):
    return sorted(zip(rows["metric_key"], rows["period"], rows["kind"], rows["value"], rows["area"]))


def test_sdmx_ml_imports_to_the_expected_rows(tmp_path, mapping):
    pytest.importorskip("sdmx")
    path = tmp_path / "na.xml"
    path.write_text(SDMX_ML, encoding="utf-8")
    rows = import_file(path, "sdmx", mapping, source_name="NBS national accounts", published="2025-01-17")
    assert _triples(rows) == [
        ("gdp", "2023", "amount", "126058210000000", "CN"),
        ("gdp", "2023", "growth_rate", "5.2", "CN"),
        ("gdp", "2024", "amount", "134908400000000", "CN"),
    ]
    assert set(rows["unit_code"]) == {"CNY", "%"}
    assert rows.iloc[0]["quote"].endswith("2023: 1260582.1")
    assert set(rows["published"]) == {"2025-01-17"}


def test_sdmx_csv_imports_to_the_expected_rows(tmp_path, mapping):
    path = tmp_path / "na.csv"
    path.write_text(SDMX_CSV, encoding="utf-8")
    rows = import_sdmx_csv(path, mapping)
    assert _triples(rows) == [
        ("cpi", "2024-12", "growth_rate", "0.1", "CN"),
        ("gdp", "2023", "amount", "126058210000000", "CN"),
        ("gdp", "2024-01/2024-03", "growth_rate", "5.3", "CN"),   # a quarter is an interval of months
    ]
    assert import_file(path, "auto", mapping).shape == rows.shape


def test_world_bank_csv_imports_to_the_expected_rows(tmp_path):
    path = tmp_path / "API_CHN.csv"
    path.write_text(WORLD_BANK, encoding="utf-8")
    rows = import_worldbank_csv(path)
    assert _triples(rows) == [
        ("gdp", "2022", "growth_rate", "-3.7", "HK"),
        ("gdp", "2022", "growth_rate", "3.1", "CN"),
        ("gdp", "2023", "growth_rate", "3.2", "HK"),
        ("gdp", "2023", "growth_rate", "5.4", "CN"),
        ("gdp", "2024", "growth_rate", "2.5", "HK"),
        ("population", "2022-12", "count", "1412175000", "CN"),   # a stock: the year-end
        ("population", "2023-12", "count", "1410710000", "CN"),
        ("population", "2024-12", "count", "1408975000", "CN"),
    ]
    assert import_file(path, "auto").shape == rows.shape


def test_wide_csv_with_mapping(tmp_path):
    data = tmp_path / "mine.csv"
    data.write_text("indicator,2023,2024\n国内生产总值(亿元),1260582.1,1349084\n人口(万人),140967,140828\n",
                    encoding="utf-8")
    mapping = {"国内生产总值(亿元)": SeriesMap("gdp", unit="元", scale=Decimal("1e8")),
               "人口(万人)": SeriesMap("population", unit="人", scale=Decimal(10000))}
    rows = import_wide_csv(data, mapping, source_name="my table")
    assert _triples(rows) == [
        ("gdp", "2023", "amount", "126058210000000", "CN"),
        ("gdp", "2024", "amount", "134908400000000", "CN"),
        ("population", "2023-12", "count", "1409670000", "CN"),
        ("population", "2024-12", "count", "1408280000", "CN"),
    ]
    ref = load_reference(include_default=False, frames=[rows])
    gdp = ref[(ref.metric_key == "gdp") & (ref.period == "2024")].iloc[0]
    assert gdp.value == pytest.approx(1.349084e14)


def test_unknown_metric_key_in_a_mapping_is_an_error(tmp_path):
    data = tmp_path / "mine.csv"
    data.write_text("indicator,2023\nx,1\n", encoding="utf-8")
    with pytest.raises(ImportError_, match="not in the lexicon"):
        import_wide_csv(data, {"x": SeriesMap("no_such_metric")})


def test_cli_reference_import_writes_a_reference_csv(tmp_path):
    data = tmp_path / "na.csv"
    data.write_text(SDMX_CSV, encoding="utf-8")
    mapping = tmp_path / "mapping.csv"
    mapping.write_text(MAPPING, encoding="utf-8")
    out = tmp_path / "ref.csv"
    done = subprocess.run([sys.executable, "-m", "factlib", "reference", "import", str(data), "--mapping", str(mapping),
                           "--source-name", "NBS", "--published", "2025-01-17", "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    ref = load_reference([out], include_default=False)
    assert len(ref) == 3 and set(ref["tier"]) == {"primary"}


# --- trusted releases -----------------------------------------------------------------------

RELEASE = ("国家统计局2024年1月17日发布：初步核算，2023年全年国内生产总值1260582亿元，比上年增长5.2%。"
           "2023年末全国人口140967万人。2023年居民消费价格比上年上涨0.2%。")
ARTICLE = ("据统计，2023年国内生产总值1260582亿元，比上年增长5.2%。"
           "2023年末全国人口140967万人。2023年居民消费价格比上年上涨0.9%。")


def test_trusted_release_rows_quote_the_release():
    doc = document_from_text(RELEASE, id="release", date="2024-01-17", title="2023年国民经济运行情况")
    rows = trusted_reference([doc])
    got = {(k, p, v) for k, p, v in zip(rows["metric_key"], rows["period"], rows["value"])}
    assert {("gdp", "2023", "126058200000000"), ("gdp", "2023", "5.2"), ("population", "2023-12", "1409670000"),
            ("cpi", "2023", "0.2")} <= got
    assert all(q and q in RELEASE for q in rows["quote"])
    assert set(rows["tier"]) == {"trusted"}


def test_trusted_release_contradicts_the_planted_figure_and_confirms_the_rest():
    release = document_from_text(RELEASE, id="release", date="2024-01-17")
    article = document_from_text(ARTICLE, id="article", date="2024-02-01")
    reference = load_reference(include_default=False, frames=[trusted_reference([release])])
    claims = factlib.claims_frame([article])
    findings = factlib.check(claims, reference=reference, checks=["reference"], documents=[article])
    verdict = {(k, float(o)): v for k, o, v in zip(findings["metric_key"], findings["observed_value"],
                                                    findings["verdict"].astype(str))}
    assert verdict[("cpi", 0.9)] == "contradicted"                        # the planted error
    assert verdict[("gdp", 126058200000000.0)] == "consistent"
    assert verdict[("gdp", 5.2)] == "consistent"
    assert verdict[("population", 1409670000.0)] == "consistent"


def test_cli_check_trusted(tmp_path):
    release = tmp_path / "release.txt"
    release.write_text(RELEASE, encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "factlib", "check", str(article), "--trusted", str(release),
                           "--no-default-reference", "--check", "reference"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(x) for x in done.stdout.splitlines()]
    assert sorted(x["verdict"] for x in lines if x["metric_key"] == "cpi") == ["contradicted"]
    assert any(x["verdict"] == "consistent" and x["metric_key"] == "gdp" for x in lines)


def test_write_reference_csv_to_a_path_is_atomic(tmp_path, monkeypatch):
    """The table appears complete under its name or not at all: a failed write keeps the old file
    and leaves no temporary one."""
    import os

    from factlib.figures.importers import write_reference_csv

    rows = pd.DataFrame({"metric_key": ["gdp"], "period": ["2023"], "value": ["1260582"]})
    path = tmp_path / "ref.csv"
    write_reference_csv(rows, path, source="a test")
    first = path.read_text(encoding="utf-8")
    assert first.startswith("# Reference figures") and "gdp,2023,1260582\n" in first

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_reference_csv(rows.assign(value="1"), path, source="a test")
    assert path.read_text(encoding="utf-8") == first
    assert [p.name for p in tmp_path.iterdir()] == ["ref.csv"]
