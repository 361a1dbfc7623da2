"""Check `part_whole`: a part cannot exceed its whole in the same period."""
import pytest

import factlib
from checks_support import claim, frame


@pytest.mark.parametrize("part,whole,whole_key,verdict", [
    ("8.45亿", "10.67亿", "internet_users", "consistent"),
    ("11.45亿", "10.67亿", "internet_users", "contradicted"),
    ("8.45亿", "141175万", "population", "consistent"),
    ("10.69亿", "10.67亿", "internet_users", "contradicted"),
    ("超10亿", "10.67亿", "internet_users", "consistent"),
], ids=["网购8.45亿≤网民10.67亿", "网购11.45亿>网民", "网购≤人口 (grandparent)", "just above", "open part"])
def test_part_not_above_whole(part, whole, whole_key, verdict):
    rows = [claim("d1", part, metric="网络购物用户规模", metric_key="online_shopping_users", period="2022-12"),
            claim("d2", whole, metric={"internet_users": "网民规模", "population": "全国人口"}[whole_key], metric_key=whole_key, period="2022-12", start=30)]
    f = factlib.check(frame(*rows), checks=["part_whole"])
    assert list(f.verdict) == [verdict]
    assert f.loc[0, "claim_ids"][0].startswith("d1:")


def test_different_periods_are_not_compared():
    rows = [claim("d1", "11.45亿", metric_key="online_shopping_users", metric="网络购物用户", period="2023-12"),
            claim("d1", "10.67亿", metric_key="internet_users", metric="网民规模", period="2022-12", start=20)]
    assert factlib.check(frame(*rows), checks=["part_whole"]).empty


def test_uncertain_part_is_needs_review():
    rows = [claim("d1", "11.45亿", metric_key="online_shopping_users", metric="网络购物用户", period="2022-12",
                  basis="relative"),
            claim("d1", "10.67亿", metric_key="internet_users", metric="网民规模", period="2022-12", start=20)]
    assert list(factlib.check(frame(*rows), checks=["part_whole"]).verdict) == ["needs_review"]
