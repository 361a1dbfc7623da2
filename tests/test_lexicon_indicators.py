"""National indicator rows of the metric lexicon (factlib/data/metrics_indicators.csv, issue 15).

Phrases are metric phrases as the extractor cuts them from real sentences of the State Council
government work reports, the statistics bureau's communiqués and their English / Taiwan / Hong Kong
counterparts.
"""
from __future__ import annotations

from importlib import resources

import opencc
import pytest

from factlib.vocab.lexicon import SHIPPED_TABLES, default_lexicon
from factlib.vocab.tables import read_table

LEX = default_lexicon()
ROWS = read_table("metrics_indicators")
KINDS = {"count", "amount", "percent", "ordinal", "year"}
MEASURES = {"stock", "flow", "event"}


def test_both_tables_are_shipped_and_loaded():
    assert SHIPPED_TABLES == ("metrics", "metrics_indicators")
    assert {"internet_users", "gdp", "cpi", "births"} <= set(LEX.keys)


def test_indicator_table_has_a_comment_header_naming_source_and_columns():
    text = (resources.files("factlib") / "data" / "metrics_indicators.csv").read_text(encoding="utf-8")
    header = [ln for ln in text.splitlines() if ln.startswith("#")]
    assert any("Source" in ln for ln in header)
    assert any("measure" in ln for ln in header)


@pytest.mark.parametrize("row", ROWS, ids=[r["metric_key"] for r in ROWS])
def test_indicator_row_schema(row):
    assert row["kind"] in KINDS
    assert row["measure"] in MEASURES
    assert row["unit"].strip()
    assert row["label_zh"] and row["label_en"]
    assert row["aliases_zh"].strip() and row["aliases_en"].strip()
    assert not row["parent_key"] or row["parent_key"] in LEX
    t2s = opencc.OpenCC("t2s")
    for alias in row["aliases_zh"].split("|"):
        assert t2s.convert(alias) == alias, alias


PHRASES = [
    # government work reports (the extractor's metric phrase)
    ("国内生产总值", "gdp"),
    ("全省地区生产总值", "gdp"),
    ("人均国内生产总值", "gdp_per_capita"),
    ("居民消费价格涨幅", "cpi"),
    ("居民消费价格总水平涨幅控制", "cpi"),
    ("城镇调查失业率平均", "surveyed_urban_unemployment_rate"),
    ("城镇登记失业率控制", "registered_urban_unemployment_rate"),
    ("全国居民人均可支配收入实际", "per_capita_disposable_income"),
    ("城镇居民人均可支配收入实际", "urban_per_capita_disposable_income"),
    ("农村居民人均纯收入实际", "rural_per_capita_net_income"),
    ("货物进出口总额", "goods_trade"),
    ("实际使用外资", "utilised_foreign_investment"),
    ("拟安排地方政府专项债券", "local_special_bonds"),
    ("中央财政赤字", "central_fiscal_deficit"),
    ("赤字率拟按", "deficit_to_gdp_ratio"),
    ("单位国内生产总值能耗", "energy_intensity"),
    ("常住人口城镇化率", "urbanisation_rate"),
    ("户籍人口城镇化率", "registered_urbanisation_rate"),
    ("粮食产量", "grain_output"),
    ("广义货币M2", "m2"),
    ("规上工业增加值", "industrial_value_added_above_scale"),
    ("服务业增加值比重", "tertiary_share_of_gdp"),
    # communiqué wording
    ("年末全国人口", "population"),
    ("全年出生人口", "births"),
    ("人口出生率", "birth_rate"),
    ("人口自然增长率", "natural_growth_rate"),
    ("城镇常住人口", "urban_population"),
    ("乡村常住人口", "rural_population"),
    ("工业生产者出厂价格", "ppi"),
    ("全国固定资产投资（不含农户）", "fixed_asset_investment"),
    ("全国一般公共预算收入", "general_budget_revenue"),
    ("能源消费总量", "energy_consumption"),
    ("全国居民人均消费支出", "per_capita_consumption"),
    # a share of GDP is not GDP; a sub-group is not the whole
    ("全社会研发经费支出与国内生产总值之比", "rd_intensity"),
    ("国家财政性教育经费支出占国内生产总值比例", "education_spending_gdp_share"),
    ("数字经济核心产业增加值占国内生产总值比重", "digital_core_industries_gdp_share"),
    ("单位国内生产总值用水量", "water_intensity"),
    ("贫困人口实现易地搬迁", "relocation_for_poverty_alleviation"),
    ("对沿线国家货物进出口额", "belt_and_road_trade"),
    ("实物商品网上零售额", "physical_goods_online_retail"),
    # traditional script (Taiwan / Hong Kong wording) and English release names
    ("國內生產毛額", "gdp"),
    ("本地生產總值", "gdp"),
    ("居民消費價格", "cpi"),
    ("城鎮調查失業率", "surveyed_urban_unemployment_rate"),
    ("gross domestic product", "gdp"),
    ("surveyed urban unemployment rate", "surveyed_urban_unemployment_rate"),
    ("per capita disposable income of rural residents", "rural_per_capita_disposable_income"),
    ("total value of imports and exports of goods", "goods_trade"),
    ("value added of industrial enterprises above designated size", "industrial_value_added_above_scale"),
    ("newly-increased employed people in urban areas", "new_urban_jobs"),
]


@pytest.mark.parametrize("phrase,key", PHRASES, ids=[p for p, _ in PHRASES])
def test_indicator_phrase_key(phrase, key):
    assert LEX.key_for(phrase) == key


@pytest.mark.parametrize("phrase", ["出口通关时间", "件等进口", "实现了农民工随迁子女"])
def test_phrases_that_name_no_trade_or_labour_series(phrase):
    assert LEX.key_for(phrase) not in {"goods_exports", "goods_imports", "migrant_workers"}


def test_flows_and_stocks():
    assert LEX.info("births").note and read_measure("births") == "flow"
    assert read_measure("urbanisation_rate") == "stock"
    assert read_measure("m2") == "stock"
    assert read_measure("gdp") == "flow"


def read_measure(key: str) -> str:
    return next(r["measure"] for r in ROWS if r["metric_key"] == key)
