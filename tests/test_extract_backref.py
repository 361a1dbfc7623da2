"""Metrics named after the number (back-reference clauses) and English ordinals (issue 3).

The back-reference cases are the headline sentences of seed 003 (People's Daily, 2023-07-15,
traditional script with the pinyin glosses cleaned away), copied here, plus simplified and
English variants; the ordinal cases come from seed 002 (the English translation of seed 000).
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from extract_support import checked_claims, find

from factlib.claims.attribution import default_attributor
from factlib.vocab.ordinals import default_ordinals

SEED_DATE = "2023-07-15"


def claims_of(text: str, lang: str | None = None, date: str | None = SEED_DATE):
    return checked_claims(text, lang=lang, date=date)


# (id, text, lang, surface, metric contains, metric_key, period, basis)
BACKREF_CASES = [
    ("seed003-internet-users", "10.67億人,居世界第一,這是截至2022年12月我國網民規模;", "zh-Hant",
     "10.67億人", "網民規模", "internet_users", "2022-12", "explicit"),
    ("seed003-online-retail", "13.79萬億元,居世界第一,這是2022年我國網上零售金額;", "zh-Hant",
     "13.79萬億元", "網上零售金額", "online_retail_sales", "2022", "explicit"),
    ("seed003-mooc", "6.19萬門,居世界第一,這是截至2022年11月我國“慕課”數量;", "zh-Hant",
     "6.19萬門", "“慕課”數量", "mooc_courses", "2022-11", "explicit"),
    ("simplified", "10.67亿人,居世界第一,这是截至2022年12月我国网民规模。", "zh-Hans",
     "10.67亿人", "网民规模", "internet_users", "2022-12", "explicit"),
    ("simplified-ji", "8.45亿人,即截至2022年12月我国网络购物用户规模。", "zh-Hans",
     "8.45亿人", "网络购物用户规模", "online_shopping_users", "2022-12", "explicit"),
    ("simplified-wei", "13.79万亿元,同比增长4%,为2022年全国网上零售额。", "zh-Hans",
     "13.79万亿元", "网上零售额", "online_retail_sales", "2022", "explicit"),
    ("simplified-growth-follows", "13.79万亿元,同比增长4%,为2022年全国网上零售额。", "zh-Hans",
     "4%", "网上零售额", "online_retail_sales", "2022", "explicit"),
    ("before-slot", "10.67亿人,我国网民规模即为此数。", "zh-Hans",
     "10.67亿人", "网民规模", "internet_users", "", "none"),
    ("english-number-of", "1.07 billion, the number of internet users in China as of December 2022.", "en",
     "1.07 billion", "internet users", "internet_users", "2022-12", "explicit"),
]


@pytest.mark.parametrize("text, lang, surface, metric, key, period, basis", [c[1:] for c in BACKREF_CASES],
                         ids=[c[0] for c in BACKREF_CASES])
def test_metric_named_after_the_number(text, lang, surface, metric, key, period, basis):
    c = find(claims_of(text, lang), surface)
    assert metric in c.metric
    assert c.metric_key == key
    assert (c.period, c.period_basis) == (period, basis)


@pytest.mark.parametrize("text, lang", [(c[1], c[2]) for c in BACKREF_CASES[:4]], ids=[c[0] for c in BACKREF_CASES[:4]])
def test_rank_keeps_its_own_attribution(text, lang):
    """居世界第一 stays a rank with its own metric; the back-reference does not move to it."""
    claims = claims_of(text, lang)
    (rank,) = [c for c in claims if c.kind == "rank"]
    assert rank.value == 1 and rank.surface == "第一"
    assert rank.metric_key == ""  # its metric is not the number's metric
    level = [c for c in claims if c.kind in ("count", "amount")]
    assert len(level) == 1 and level[0].metric_key  # the level claim got the back-reference


NOT_BACKREF = [
    # the cue clause holds a claim of its own: it is no back-reference
    ("own-claim", "2016年,第三十九屆國際標準化組織(ISO)大會在北京召開,這是中國時隔17年再次承辦該大會。", "zh-Hant",
     "時隔17年"),
    # an evaluation, not a metric
    ("evaluation", "增长5.2%,这是近年来的最高水平。", "zh-Hans", "5.2%"),
    ("evaluation-en", "Exports grew 12 percent, which is the highest since 2010.", "en", "12 percent"),
]


@pytest.mark.parametrize("text, lang, surface", [c[1:] for c in NOT_BACKREF], ids=[c[0] for c in NOT_BACKREF])
def test_no_back_reference(text, lang, surface):
    c = find(claims_of(text, lang), surface)
    assert "水平" not in c.metric and "highest" not in c.metric and "再次承辦" not in c.metric


def test_backref_clause_metric_span():
    a = default_attributor()
    text = "这是截至2022年12月我国网民规模;"
    s, e = a.backref(text, 0, len(text), False, [(4, 12)])
    assert text[s:e] == "我国网民规模"
    assert a.backref("这是历史最高水平", 0, 8, False) is None


# (id, text, surface, value, kind, metric contains)
ORDINAL_CASES = [
    ("seed002-4th", "On December 3, 2017, President Xi Jinping pointed out in his congratulatory letter to the "
     "4th World Internet Conference that China hopes to promote the development of the Internet.",
     "4th", 4, "ordinal", "World Internet Conference"),
    ("seed002-14th", 'The "14th Five-Year Plan" and the 2035 long-term goal outline proposes to adapt.',
     "14th", 14, "ordinal", "Five-Year Plan"),
    ("word-fourth", "It was the fourth edition of the conference.", "fourth", 4, "ordinal", "edition"),
    ("compound", "the twenty-first session of the assembly", "twenty-first", 21, "ordinal", "session"),
    ("possessive", "China's second space station", "second", 2, "ordinal", "space station"),
    ("rank-largest", "China is the world's second largest economy.", "second", 2, "rank", ""),
    ("suffix-21st", "the 21st century", "21st", 21, "ordinal", "century"),
]


@pytest.mark.parametrize("text, surface, value, kind, metric", [c[1:] for c in ORDINAL_CASES],
                         ids=[c[0] for c in ORDINAL_CASES])
def test_english_ordinals(text, surface, value, kind, metric):
    c = find(claims_of(text, "en"), surface)
    assert (c.value, c.kind) == (Decimal(value), kind)
    assert metric in c.metric


@pytest.mark.parametrize("text", [
    "Retail sales went up 3.7 percent year on year in the first half (H1) of this year.",
    "quickening from the 12 percent growth registered for the first quarter, the NBS said.",
    "to over 20 trillion yuan in the first three quarters of this year.",
    "First, we must act.",
    "for the first time",
    "the 4th quarter",
], ids=["first-half", "first-quarter", "first-three-quarters", "enumeration", "first-time", "4th-quarter"])
def test_ordinal_words_that_are_periods_or_idioms(text):
    assert not [c for c in claims_of(text, "en") if c.kind in ("ordinal", "rank")]


def test_14th_plan_and_shisiwu_are_the_same_ordinal():
    en = find(claims_of('The "14th Five-Year Plan" outline', "en"), "14th")
    zh = find(claims_of("“十四五”规划纲要提出", "zh-Hans"), "十四五")
    assert (en.kind, en.value) == (zh.kind, zh.value) == ("ordinal", Decimal(14))


@pytest.mark.parametrize("text, value", [("十三五时期", 13), ("“十五”计划", 10), ("十四五规划", 14),
                                         ('" 十四五 " 规划和 2035 年远景目标纲要提出', 14),  # seed 000
                                         ("自首届世界互联网大会以来,习近平主席一直强调", 1)],  # seed 000
                         ids=["13", "10", "14", "seed000-spaced-quotes", "seed000-shoujie"])
def test_plan_shorthand(text, value):
    (c,) = [c for c in claims_of(text, "zh-Hans") if c.kind == "ordinal"]
    assert c.value == value


@pytest.mark.parametrize("text", ["三五年", "二十五规划", "三四五规划", "首次突破1000亿元"],
                         ids=["sanwunian", "25", "345", "shouci"])
def test_not_a_plan_shorthand(text):
    assert not [c for c in claims_of(text, "zh-Hans") if c.kind == "ordinal"]


def test_ordinal_table_suffix_must_agree():
    o = default_ordinals()
    assert [m.value for m in o.finditer("the 11th, 12th, 2nd and 11st")] == [11, 12, 2]
