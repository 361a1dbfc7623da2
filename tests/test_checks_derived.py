"""Check `derived`: a change claim implies an earlier value that is checked in turn."""
import pytest

import factlib
from checks_support import claim, frame
from factlib.checks.derived import base_period

S = "截至2022年12月,{}的网民表示过去半年在上网过程中未遭遇过网络安全问题,较2021年12月提升{}。"


def _security(level, change):
    s = S.format(level, change)
    return frame(
        claim("d3", level, kind="percent", unit="%", metric="", period="2022-12", sentence=s, start=12),
        claim("d3", change, number=change.replace("个百分点", ""), kind="pp_change", unit="pp", period="2021-12/2022-12",
              basis="explicit", sentence=s, start=50, direction="up"),
    )


@pytest.mark.parametrize("level,change,verdict", [
    ("65.9%", "3.9个百分点", "consistent"),      # 62.0 % at 2021-12 (CNNIC chart)
    ("65.9%", "2.9个百分点", "needs_review"),    # 63.0 %: off, but the metric comes from the sentence only
], ids=["implied 62.0%", "implied 63.0%"])
def test_pp_change_implies_the_base_share(level, change, verdict):
    f = factlib.check(_security(level, change), checks=["derived"])
    row = f.iloc[0]
    assert (row.verdict, row.metric_key, row.period) == (verdict, "no_security_problem_share", "2021-12")
    lo, hi = 65.85 - float(change[:3]) - 0.05, 65.95 - float(change[:3]) + 0.05
    assert (row.observed_low, row.observed_high) == (pytest.approx(lo), pytest.approx(hi))


def test_certain_metric_contradiction():
    s = "截至2022年12月，我国互联网普及率达75.6%，较2021年12月提升3.6个百分点。"
    rows = frame(
        claim("d1", "75.6%", kind="percent", unit="%", metric="互联网普及率", metric_key="internet_penetration",
              period="2022-12", sentence=s, start=10),
        claim("d1", "3.6个百分点", number="3.6", kind="pp_change", unit="pp", metric="互联网普及率",
              metric_key="internet_penetration", period="2021-12/2022-12", sentence=s, start=30),
    )
    row = factlib.check(rows, checks=["derived"]).iloc[0]
    assert row.verdict == "contradicted"            # 72.0 % implied, CNNIC 2021-12: 73.0 %
    assert row.expected_value == 73.0


def test_growth_rate_implies_last_years_value_checked_against_another_document():
    s = "2024年1至8月，浙江规上数字经济核心产业营业收入突破2.4万亿元，同比增长5.5%。"
    key = "zhejiang_digital_core_industry_revenue"
    rows = frame(
        claim("a", "突破2.4万亿元", kind="amount", unit="CNY", metric="浙江规上数字经济核心产业营业收入", metric_key=key,
              period="2024-01/2024-08", sentence=s, start=12),
        claim("a", "5.5%", kind="growth_rate", unit="%", metric="浙江规上数字经济核心产业营业收入", metric_key=key,
              period="2024-01/2024-08", sentence=s, start=40),
        claim("b", "3.1万亿元", kind="amount", unit="CNY", metric="浙江规上数字经济核心产业营业收入", metric_key=key,
              period="2023-01/2023-08", sentence="…", start=0),
    )
    row = factlib.check(rows, checks=["derived"]).iloc[0]
    assert row.period == "2023-01/2023-08"
    assert row.observed_low == pytest.approx(2.4e12 / 1.0555)
    assert row.verdict == "consistent"               # ≥ 2.27万亿 is compatible with 3.1万亿
    assert row.doc_ids == ["a", "b"]


def test_no_comparator_is_unverifiable_with_the_implied_value():
    s = "数字贸易出口超3800亿元、同比增长22%。"
    rows = frame(
        claim("a", "超3800亿元", kind="amount", unit="CNY", metric="数字贸易出口", metric_key="zhejiang_digital_trade_exports",
              period="2024-01/2024-08", sentence=s, start=6),
        claim("a", "22%", kind="growth_rate", unit="%", metric="", period="2024-01/2024-08", sentence=s, start=18),
    )
    row = factlib.check(rows, checks=["derived"]).iloc[0]
    assert row.verdict == "unverifiable" and row.observed_low == pytest.approx(3.8e11 / 1.225)


@pytest.mark.parametrize("change,level,mclass,base", [
    ("2021-12/2022-12", "2022-12", "pp", "2021-12"),
    ("2024-01/2024-08", "2024-01/2024-08", "growth", "2023-01/2023-08"),
    ("2022", "2022", "growth", "2021"),
    ("", "2022-12", "pp", ""),
], ids=["base/ref", "running total y/y", "year y/y", "pp without base"])
def test_base_period(change, level, mclass, base):
    assert base_period(change, level, mclass) == base


@pytest.mark.parametrize("low,high,precision,lang,text", [
    # 9323.1亿元 − 4374.4亿元 (precision 0.05亿 each): the ends at the level's last digit, 0.1亿
    (494860000000.0, 494880000000.0, 5e6, "zh-Hans", "[4948.6亿, 4948.8亿]"),
    (494860000000.0, 494880000000.0, 5e6, "en", "[494.86 billion, 494.88 billion]"),
    # 1.051e9 / 1.041: float ends widened outward to the last stated digit (millions)
    (1008641382.621219, 1010571840.461317, 5e5, "zh-Hans", "[10.08亿, 10.11亿]"),
    (1008641382.621219, 1010571840.461317, 5e5, "en", "[1.008 billion, 1.011 billion]"),
    # 65.9% − 3.9个百分点: float noise (61.899999…) is not floored to 61.8
    (65.85 - 3.95, 65.95 - 3.85, 0.05, "zh-Hans", "[61.9, 62.1]"),
    (float("-inf"), 2273803884414.96875, 5e10, "en", "[-inf, 2.3 trillion]"),
    (-10000.0, 10000.0, 5000.0, "zh-Hans", "[-10,000, 10,000]"),
    (3016535.0, 3016537.0, 0.5, "zh-Hans", "[3,016,535, 3,016,537]"),
], ids=["zh yi", "en billion", "zh growth", "en growth", "pp noise", "open end", "small", "exact count"])
def test_implied_interval_is_written_as_figures_to_the_stated_digit(low, high, precision, lang, text):
    from factlib.checks.humanize import implied_interval

    assert implied_interval(low, high, precision, lang) == text


def test_derived_explanation_writes_the_implied_value_as_figures():
    s = "全年全省地区生产总值9323.1亿元，比上年增加4374.4亿元。"
    rows = frame(
        claim("d9", "9323.1亿元", number="9323.1亿", kind="amount", unit="CNY", metric="地区生产总值",
              metric_key="gdp", period="2021", sentence=s, start=8),
        claim("d9", "4374.4亿元", number="4374.4亿", kind="amount", unit="CNY", metric="地区生产总值",
              metric_key="gdp", period="2021", sentence=s, start=24, direction="up"),
    )
    f = factlib.check(rows, checks=["derived"])
    assert len(f) == 1
    text = f.iloc[0].explanation
    assert "约为 [4948.6亿, 4948.8亿]" in text and "implies gdp [494.86 billion, 494.88 billion]" in text, text
