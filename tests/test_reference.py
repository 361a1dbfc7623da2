"""The shipped reference figures and user reference tables."""
import math

import pytest

from factlib.vocab.lexicon import default_lexicon
from factlib.figures.load import REFERENCE_COLUMNS, default_reference_path, load_reference
from factlib.vocab.tables import TableError

REF = load_reference()


def test_shipped_reference_has_every_row_with_provenance():
    assert (REF["origin"].str.endswith("official_figures.csv")).sum() == 242
    assert (REF["origin"].str.endswith("government_reports.csv")).sum() >= 200
    for column in ("source_name", "source_url", "quote"):
        assert (REF[column].str.strip() != "").all(), column
    assert REF["ref_id"].is_unique


def test_readme_ships_next_to_the_table():
    readme = default_reference_path().with_name("README.md")
    assert "Conflicts between sources" in readme.read_text(encoding="utf-8")


def test_every_metric_key_is_in_the_lexicon():
    lex = default_lexicon()
    assert all(k in lex for k in REF["metric_key"])


def _row(key, period, value=None):
    rows = REF[(REF.metric_key == key) & (REF.period == period)]
    if value is not None:
        rows = rows[rows.value == value]
    assert len(rows) >= 1, (key, period)
    return rows.iloc[0]


@pytest.mark.parametrize("key,period,value,low,high", [
    ("internet_users", "2022-12", 1.067e9, 1.0665e9, 1.0675e9),          # 10.67亿: 2 decimals of 亿
    ("online_retail_sales", "2022", 1.379e13, 1.3785e13, 1.3795e13),     # 13.79万亿
    ("mooc_courses", "2022-11", 61900, 61900, math.inf),                # 超过6.19万门 (lower)
    ("internet_penetration", "2022-12", 75.6, 75.55, 75.65),
    ("population", "2022", 1.41175e9, 1.41175e9 - 5e3, 1.41175e9 + 5e3),  # 141175万人
    ("5g_base_stations", "2023-12", 3.38e6, 3.38e6 * 0.95, 3.38e6 * 1.05),  # approx "3.38 million"
], ids=["10.67亿", "13.79万亿", "超过6.19万门", "75.6%", "141175万人", "approx 3.38 million"])
def test_reference_intervals(key, period, value, low, high):
    row = _row(key, period, value)
    assert (row.low, row.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("metric_zh,period", [
    ("全国网上零售额(1-6月累计)", "2023-01/2023-06"),
    ("浙江规上数字经济核心产业营业收入(1-8月累计)", "2024-01/2024-08"),
    ("互联网普及率较上年提升(百分点)", "2021-12/2022-12"),
], ids=["H1 running total", "Jan-Aug running total", "pp change vs base"])
def test_periods_of_running_totals_and_changes(metric_zh, period):
    assert period in set(REF[REF.metric_zh == metric_zh].period)


def test_kinds():
    assert _row("zhejiang_digital_core_industry_revenue", "2024-01/2024-08", 5.5).kind == "growth_rate"
    assert _row("internet_penetration", "2021-12/2022-12").kind == "pp_change"
    assert set(REF[REF.metric_zh.str.contains("目标")].metric_key) == {"agri_online_retail_sales_target"}


USER_CSV = (
    "# my figures\n"
    "metric_zh,metric_en,period,value,unit,qualifier,source_name,source_url,quote\n"
    "网民规模,internet users,2023-06,1079000000,人,exact,CNNIC 52,https://example.org/52,"
    "\"截至2023年6月,我国网民规模达10.79亿\"\n"
    "網絡購物用戶規模,online shoppers,2023-06,884000000,人,exact,CNNIC 52,https://example.org/52,"
    "\"網絡購物用戶規模達8.84億\"\n"
)


def test_user_reference_gets_metric_keys_from_the_lexicon(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text(USER_CSV, encoding="utf-8")
    only = load_reference([path], include_default=False)
    assert list(only.metric_key) == ["internet_users", "online_shopping_users"]
    assert only.iloc[0].low == pytest.approx(1.0785e9)
    both = load_reference(path)
    assert len(both) == len(REF) + 2


def test_user_reference_missing_columns_is_an_error(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("metric_zh,value\n网民规模,1\n", encoding="utf-8")
    with pytest.raises(TableError, match="missing column"):
        load_reference([path], include_default=False)


def test_no_reference_at_all_is_an_empty_frame():
    empty = load_reference(include_default=False)
    assert empty.empty and set(REFERENCE_COLUMNS) <= set(empty.columns)
