"""Check `reference`: claims against official figures (hand-made claim frames)."""
import pytest

import factlib
from factlib.vocab.lexicon import default_lexicon
from checks_support import claim, frame

S_USERS = "截至2022年12月，我国网民规模达{}，互联网普及率达75.6%。"


def _one(claims, **kw):
    f = factlib.check(frame(*claims), checks=["reference"], **kw)
    assert len(f) == len(claims)
    return f


@pytest.mark.parametrize("surface,key,period,unit,kind,verdict", [
    ("10.67亿", "internet_users", "2022-12", "", "count", "consistent"),
    ("10.76亿", "internet_users", "2022-12", "", "count", "contradicted"),
    ("10.7亿", "internet_users", "2022-12", "", "count", "consistent"),
    ("13.79万亿元", "online_retail_sales", "2022", "CNY", "amount", "consistent"),
    ("13.97万亿元", "online_retail_sales", "2022", "CNY", "amount", "contradicted"),
    ("75.6%", "internet_penetration", "2022-12", "%", "percent", "consistent"),
    ("超7.4亿", "e_social_security_card_holders", "2022-12", "person", "count", "consistent"),
    ("8.45亿", "online_shopping_users", "2023-06", "", "count", "contradicted"),
    ("231万", "5g_base_stations", "2022-12", "个", "count", "consistent"),
    ("3.98亿", "online_retail_sales", "2030", "CNY", "amount", "unverifiable"),
    ("141175万人", "population", "2022-12", "person", "count", "consistent"),
], ids=["10.67亿", "10.76亿", "10.7亿", "13.79万亿元", "13.97万亿元", "75.6%", "超7.4亿 vs 7.15亿",
        "8.45亿@2023-06", "231万 (231万/231.2万)", "no figure", "year-end stock"])
def test_claim_against_reference(surface, key, period, unit, kind, verdict):
    label = default_lexicon().info(key).label_zh
    c = claim("d1", surface, metric=label, metric_key=key, period=period, unit=unit, kind=kind)
    f = _one([c])
    assert f.loc[0, "verdict"] == verdict
    assert f.loc[0, "check"] == "reference"


def test_contradiction_carries_rel_diff_and_both_figures():
    c = claim("d1", "10.76亿", metric="我国网民规模", metric_key="internet_users", period="2022-12",
              sentence=S_USERS.format("10.76亿"))
    row = _one([c]).iloc[0]
    assert row.rel_diff == pytest.approx((10.76 - 10.67) / 10.67, rel=1e-6)
    assert row.expected_value == 1.067e9 and row.observed_low == pytest.approx(1.0755e9)
    assert "“10.76亿”" in row.explanation and "Document d1" in row.explanation and "CNNIC" in row.explanation
    assert (row.evidence_doc_ids, row.evidence_starts, row.evidence_ends) == (["d1"], [0], [6])


@pytest.mark.parametrize("change,verdict", [
    (dict(basis="relative"), "needs_review"),                        # 今年3月: period from the date
    (dict(metric="农村网民规模里的老年网民规模"), "needs_review"),        # metric phrase only partly an alias
    (dict(metric_key="", metric=""), None),                           # no metric at all: no finding
], ids=["relative period", "partial metric", "no metric"])
def test_uncertain_metric_or_period_is_never_contradicted(change, verdict):
    base = dict(metric="网民规模", metric_key="internet_users", period="2022-12")
    base.update(change)
    c = claim("d1", "10.76亿", **base)
    f = factlib.check(frame(c), checks=["reference"])
    if verdict is None:
        assert f.empty
    else:
        assert list(f.verdict) == [verdict]


def test_only_lower_tier_disagreeing_is_needs_review():
    # 2022-12 food delivery: the only source is a secondary aggregator (52116万)
    c = claim("d1", "5.41亿", metric="网上外卖用户规模", metric_key="online_food_delivery_users", period="2022-12")
    assert list(factlib.check(frame(c), checks=["reference"]).verdict) == ["needs_review"]


def test_percent_claim_attributed_to_a_count_metric_uses_the_sentence():
    s = "截至2022年12月,65.9%的网民表示过去半年在上网过程中未遭遇过网络安全问题。"
    c = claim("d1", "65.9%", kind="percent", unit="%", metric="网民", metric_key="internet_users",
              period="2022-12", sentence=s)
    row = factlib.check(frame(c), checks=["reference"]).iloc[0]
    assert (row.metric_key, row.verdict) == ("no_security_problem_share", "consistent")


def test_no_default_reference():
    c = claim("d1", "10.76亿", metric="网民规模", metric_key="internet_users", period="2022-12")
    empty = factlib.load_reference(include_default=False)
    assert list(factlib.check(frame(c), reference=empty, checks=["reference"]).verdict) == ["unverifiable"]
