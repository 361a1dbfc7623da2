"""Issue 12, extraction side: periods from context, point/interval, area, level/change, precision-first keys.

Each case is one document (date, optional title, text) and one claim of it, with what the claim
must say.  Sentences are from the corpus (government work reports, NBS/CNNIC wording) or written in
their style.
"""
from __future__ import annotations

import pytest

from factlib.claims.context import five_year_plan, plan_in
from factlib.claims.extract import extract_claims
from factlib.documents.load import document_from_text


def claim(text: str, surface: str, date: str | None = "2024-03-05", title: str | None = None, lang: str | None = None):
    doc = document_from_text(text, id="t", date=date, title=title, lang=lang)
    found = [c for c in extract_claims(doc) if c.surface == surface]
    assert found, f"{surface!r} not extracted from {text!r}"
    return found[-1]


def own(c) -> str:
    """The claim's own period (without the base of a change)."""
    if c.base_period and c.period.startswith(c.base_period + "/"):
        return c.period[len(c.base_period) + 1:]
    return c.period


# (id, date, title, text, surface, own period, period_type, granularity)
PERIOD_CASES = [
    ("release-full-year", "2025-01-17", None, "全年出生人口954万人，人口出生率为6.77‰。", "954万人", "2024", "interval", "year"),
    ("release-year-end", "2025-01-17", None, "年末全国人口140828万人，比上年末减少139万人。", "140828万人", "2024-12", "point",
     "month"),
    ("release-next-sentence", "2024-02-29", None, "全年出生人口902万人；死亡人口1110万人。", "1110万人", "2023", "interval", "year"),
    ("plan-keeps-year", "2017-03-05", None, "全年再减少企业税负3500亿元左右，要让市场主体有切身感受。", "3500亿元左右", "2017",
     "interval", "year"),
    ("half-nearly-over", "2023-06-15", None, "上半年，GDP增长5.5%。", "5.5%", "2023-01/2023-06", "interval", "half"),
    ("sentence-before", "2017-03-05", None,
     "今年赤字率拟按3%安排，财政赤字2.38万亿元。其中，中央财政赤字1.55万亿元，地方财政赤字8300亿元。", "1.55万亿元",
     "2017", "interval", "year"),
    ("heading-review", "2014-03-05", "2014年政府工作报告", "一、2013年工作回顾\n城镇新增就业1310万人。", "1310万人", "2013",
     "interval", "year"),
    ("heading-past-year", "2006-03-05", "2006年政府工作报告", "一、去年工作回顾\n全年国内生产总值达到18.23万亿元。",
     "18.23万亿元", "2005", "interval", "year"),
    ("heading-five-years-stock-end", "2018-03-05", "2018年政府工作报告",
     "一、过去五年工作回顾\n各类市场主体达到9800多万户。", "9800多万户", "2017", "point", "year"),
    ("heading-five-years-from", "2018-03-05", "2018年政府工作报告",
     "一、过去五年工作回顾\n城镇化率从52.6%提高到58.5%。", "52.6%", "2012", "point", "year"),
    ("heading-plan-average", "2026-01-20", "2026年甘肃省政府工作报告",
     "“十四五”时期工作回顾\n外贸进出口总值年均增长13.2%。", "13.2%", "2021/2025", "interval", "years"),
    ("year-end-point", "2024-01-19", None, "截至2023年底，我国累计建成5G基站337.7万个。", "337.7万个", "2023-12", "point", "month"),
    ("en-end-of", "2021-02-03", None, "By the end of 2020, China's internet penetration rate had reached 70.4 percent.",
     "70.4 percent", "2020-12", "point", "month"),
    ("year-end-clause-only", "2023-03-05", None, "全年国内生产总值增长3%，年末城镇调查失业率降到5.5%，居民消费价格上涨2%。",
     "2%", "2022", "interval", "year"),
    # a paragraph that speaks of the past five years is not dated by a year said before it
    ("past-years-paragraph", "2016-03-05", "2016年政府工作报告",
     "2015年是“十二五”收官之年。过去五年，我国发展成就举世瞩目。单位国内生产总值能耗下降18.2%。", "18.2%",
     "2011/2015", "interval", "years"),
    ("past-years-same-sentence", "2018-03-05", None, "五年来，城镇新增就业6600万人以上。", "6600万人以上", "2013/2017",
     "interval", "years"),
    ("past-plan-period", "2011-03-05", None, "2010年经济平稳较快发展。“十一五”期间，城镇新增就业5771万人。", "5771万人",
     "2006/2010", "interval", "years"),
    ("past-years-stock-at-end", "2016-03-05", None, "过去五年，我国发展成就举世瞩目。铁路营业里程达到12.1万公里。",
     "12.1万公里", "2015", "point", "year"),
    ("plan-period-as-base-is-no-span", "2026-01-20", None,
     "2025年新建城市道路4767公里，较“十三五”时期增长4.8%。公共充电桩达到13万台。", "13万台", "2025", "point", "year"),
    ("en-past-years", "2018-03-05", None, "Over the past five years, China's GDP grew by 7.1 percent a year on average.",
     "7.1 percent", "2013/2017", "interval", "years"),
    ("title-of-communique", "2024-02-29", "中华人民共和国2023年国民经济和社会发展统计公报", "国内生产总值1260582亿元。",
     "1260582亿元", "2023", "interval", "year"),
]


@pytest.mark.parametrize("date, title, text, surface, period, ptype, gran", [c[1:] for c in PERIOD_CASES],
                         ids=[c[0] for c in PERIOD_CASES])
def test_period_from_context(date, title, text, surface, period, ptype, gran):
    c = claim(text, surface, date, title)
    assert (own(c), c.period_type, c.granularity) == (period, ptype, gran)


def test_early_year_point_is_a_named_doubt():
    c = claim("2020年初，我国互联网普及率为64.5%。", "64.5%", "2020-05-01")
    assert (c.period, c.period_type) == ("2020-01", "point")
    assert c.period_doubt.startswith("年初:")


def test_stock_dated_by_a_year_says_so():
    c = claim("2022年，我国网民规模达10.67亿。", "10.67亿", "2023-03-02")
    assert c.period_type == "point" and c.period_doubt.startswith("2022:")


def test_a_written_month_is_certain():
    c = claim("截至2023年12月，我国网民规模达10.92亿人。", "10.92亿人", "2024-03-22")
    assert (c.period, c.period_doubt, c.period_basis) == ("2023-12", "", "inherited")


# (id, date, title, text, surface, area, area_basis)
AREA_CASES = [
    ("provincial-title", "2026-01-20", "2026年江苏省政府工作报告", "地区生产总值增长5%左右。", "5%左右", "CN-JS", "document"),
    ("phrase", "2024-01-20", None, "浙江省数字经济增加值达到4.33万亿元。", "4.33万亿元", "CN-ZJ", "phrase"),
    ("scope-word", "2026-01-20", "2026年四川省政府工作报告", "全省地区生产总值增长5.5%。", "5.5%", "CN-SC", "phrase"),
    ("national-report", "2024-03-05", "2024年政府工作报告", "城镇新增就业1244万人。", "1244万人", "CN", "document"),
    ("nbs-title", "2024-01-17", "国家统计局：2023年国民经济回升向好", "全年社会消费品零售总额471495亿元。", "471495亿元", "CN",
     "document"),
    ("comparison-with-the-country-is-not-the-area", "2026-01-20", "2026年山东省政府工作报告",
     "规上工业增加值增长7.6%，高于全国1.7个百分点。", "1.7个百分点", "CN-SD", "document"),
    ("hong-kong", "2024-02-28", None, "香港本地生产总值增长3.2%。", "3.2%", "HK", "phrase"),
    ("english-subject", "2024-03-22", None, "As of December 2023, China had 1.092 billion internet users.",
     "1.092 billion", "CN", "phrase"),
    ("english-sentence-subject", "2024-03-22", None,
     "China's internet users numbered 1.092 billion, and the penetration rate reached 77.5 percent.",
     "77.5 percent", "CN", "sentence"),
]


@pytest.mark.parametrize("date, title, text, surface, area, basis", [c[1:] for c in AREA_CASES],
                         ids=[c[0] for c in AREA_CASES])
def test_area(date, title, text, surface, area, basis):
    c = claim(text, surface, date, title)
    assert (c.area, c.area_basis) == (area, basis)


def test_front_matter_area_is_the_document_area():
    doc = document_from_text("地区生产总值增长5%。", id="t", date="2026-01-20")
    doc.meta["area"] = "浙江"
    c = [c for c in extract_claims(doc) if c.surface == "5%"][0]
    assert (c.area, c.area_basis) == ("CN-ZJ", "document")


def test_hong_kong_dollars():
    c = claim("本年度政府收入为342億元。", "342億元", "2024-02-28", "香港特别行政区政府新闻公报")
    assert c.unit == "HKD" and c.area == "HK"


# (id, date, text, surface, change, base_period)
CHANGE_CASES = [
    ("yoy-growth", "2024-01-17", "2023年全国网上零售额154264亿元，比上年增长11.0%。", "11.0%", "rel_change", "2022"),
    ("fall-from-year-end", "2025-01-17", "年末全国人口140828万人，比上年末减少139万人。", "139万人", "abs_change", "2023-12"),
    ("explicit-base", "2023-08-28", "截至2023年6月，我国网民规模达10.79亿人，较2022年12月增长1109万人。", "1109万人",
     "abs_change", "2022-12"),
    ("base-year-end", "2021-02-03", "截至2020年12月，互联网普及率达70.4%，较2018年底提升10.8个百分点。", "10.8个百分点",
     "pp_change", "2018-12"),
    ("raised-to-is-a-level", "2025-03-05", "常住人口城镇化率提高到67%。", "67%", "level", ""),
    ("fell-to-is-a-level", "2026-01-20", "实际物流成本下降至15%左右。", "15%左右", "level", ""),
    ("new-in-the-indicator-name", "2024-03-05", "城镇新增就业1244万人。", "1244万人", "level", ""),
    ("inflation-rate", "2025-03-05", "二、2025年经济社会发展总体要求和政策取向\n居民消费价格涨幅2%左右。", "2%左右",
     "rel_change", "2024"),
    ("vs-country-has-no-time-base", "2026-01-20", "规上工业增加值增长7.6%，高于全国1.7个百分点。", "1.7个百分点",
     "pp_change", ""),
    ("english-up-from-is-the-earlier-level", None,
     "It is said to have reached €3.1 billion - up from an initial €2.2 billion.", "€2.2 billion", "level", ""),
]


@pytest.mark.parametrize("date, text, surface, change, base", [c[1:] for c in CHANGE_CASES],
                         ids=[c[0] for c in CHANGE_CASES])
def test_level_or_change(date, text, surface, change, base):
    c = claim(text, surface, date)
    assert (c.change, c.base_period) == (change, base)


def test_years_and_ordinals_are_neither_level_nor_change():
    c = claim("2023年我国网民规模达10.92亿人。", "2023年", "2024-03-22")
    assert c.change == "" and c.base_period == ""


# (id, text, surface, metric_key) — precision first
KEY_CASES = [
    ("alias", "截至2023年12月，我国网民规模达10.92亿人。", "10.92亿人", "internet_users"),
    ("child-by-modifier", "截至2021年12月，我国农村地区网民规模为2.84亿。", "2.84亿", "rural_internet_users"),
    ("unexplained-modifier-no-key", "截至2021年12月，农村地区互联网普及率为57.6%。", "57.6%", ""),
    ("sub-population-no-key", "省属企业研发人员数量增长5%。", "5%", ""),
    ("counted-noun-after", "已设21个自由贸易试验区。", "21个", "pilot_free_trade_zones"),
    ("english-counted-noun", "As of June 2021, China had 1.011 billion internet users.", "1.011 billion", "internet_users"),
    ("verb-before-metric", "截至2023年底，我国累计建成5G基站337.7万个。", "337.7万个", "5g_base_stations"),
    ("growth-inherits", "国内生产总值47.2万亿元，比上年增长9.2％。", "9.2％", "gdp"),
    ("list-of-metrics", "城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4％和11.4％。", "11.4％",
     "rural_per_capita_net_income"),
    ("list-after-levels", "2000年进出口总额达4743亿美元，其中出口2492亿美元，分别比1995年增长69％和67％。", "67％",
     "goods_exports"),
    ("part-after-whole", "2024年，我国货物贸易进出口总值43.85万亿元。其中，出口25.45万亿元。", "25.45万亿元", "goods_exports"),
    ("accounts-are-not-persons", "移动互联网用户数增加到14.5亿户。", "14.5亿户", ""),
    ("label-not-cut-at-gong", "一般公共预算收入增长4.6%，总量首次突破1900亿元。", "4.6%", "general_budget_revenue"),
]


@pytest.mark.parametrize("text, surface, key", [c[1:] for c in KEY_CASES], ids=[c[0] for c in KEY_CASES])
def test_precision_first_metric_key(text, surface, key):
    assert claim(text, surface).metric_key == key


def test_metric_label_is_not_cut_at_a_one_character_predicate():
    c = claim("一般公共预算收入增长4.6%。", "4.6%")
    assert "一般公共预算收入" in c.metric


# qualifiers of issue 12 item 8
@pytest.mark.parametrize("text, surface, qualifier", [
    ("2023年末，全国60岁及以上人口29697万人。", "60岁及以上", "lower"),
    ("农村居民约占四分之三。", "约占四分之三", "approx"),
    ("The number of users will exceed 560 million by 2025.", "exceed 560 million", "lower"),
    ("今年比去年多出300万人。", "300万人", "exact"),
], ids=["and-above", "about-a-share", "will-exceed", "more-than-is-no-qualifier"])
def test_qualifiers(text, surface, qualifier):
    assert claim(text, surface).qualifier == qualifier


def test_five_year_plans():
    assert five_year_plan(14) == "2021/2025" and five_year_plan(10) == "2001/2005" and five_year_plan(1) == "1953/1957"
    assert plan_in("“十四五”时期工作回顾") == "2021/2025"
    assert plan_in("“十一五”规划") == "2006/2010"
    assert plan_in("十五年") == ""


# ---- the context pass's shortcuts answer exactly what the plain look-ups answer -----------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from factlib.vocab.areas import AreaSpans, default_areas  # noqa: E402
from factlib.vocab.lexicon import default_lexicon  # noqa: E402

_PIECES = ["浙江省", "浙江", "江苏", "中国", "全国", "香港", "北京市", "China", "Chinas", "US", "USA", "Hong Kong",
           "网民规模", "互联网普及率", "国内生产总值", "gdp", "internet users", "，", "、", " ", "a", "的", "达", "10.9亿",
           "省", "市", "江", "Zhe", "jiang"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12), st.integers(0, 80), st.integers(0, 80))
def test_area_spans_equal_find_all_on_the_slice(pieces, a, b):
    areas = default_areas()
    text = "".join(pieces)
    assert AreaSpans(areas, text).find_all(a, b) == (areas.find_all(text[a:b], simplified=True) if b > a else [])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8))
def test_find_at_start_is_the_first_match_at_zero(pieces):
    lex = default_lexicon()
    text = "".join(pieces).lower()
    found = lex.find_normalized(text)
    expected = found[0] if found and found[0].start == 0 else None
    assert lex.find_at_start(text) == expected
