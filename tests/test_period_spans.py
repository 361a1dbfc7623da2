"""Issue 12/15: part-year periods written as patterns — month ranges (2016年1—10月, January-October
2016, from January to June 2014), the first N months or quarters (前10个月, the first ten months of
2016), halves and quarters with a year (the first half of 2019, Q3 2023), and the base period of a
growth rate against the same period of the year before.

Every case is a real sentence or fragment: the shared corpus (government work reports, NTREX news,
State of the Union addresses, Wikipedia / DRCD), the NBS release wording quoted in
``factlib/data/reference/nbs_releases.csv`` / ``nbs_yearbooks.csv``, and the development set.  The
vocabulary (lead words, units, separators) is ``factlib/data/period_spans.csv``.
"""
from __future__ import annotations

import pytest

from factlib.claims.extract import extract_claims
from factlib.claims.periods import PeriodSpans, default_period_spans, default_time_words
from factlib.documents.load import document_from_text
from factlib.vocab.tables import read_table


def claims_of(text: str, date: str | None, lang: str | None = None):
    return extract_claims(document_from_text(text, id="t", date=date, lang=lang))


def claim(text: str, surface: str, date: str | None, lang: str | None = None):
    found = [c for c in claims_of(text, date, lang) if c.surface == surface]
    assert found, f"{surface!r} not extracted from {text!r}"
    return found[0]


# (id, doc date, text, claim surface, period, period_type, granularity, base_period; None: not checked)
CASES = [
    # --- Chinese: a year with a month range, the first N months, a quarter -----------------------
    ("nbs-zh-1至8月-growth", "2024-09-20", "2024年1至8月,浙江规上数字经济核心产业营业收入突破2.4万亿元,同比增长5.5%",
     "5.5%", "2024-01/2024-08", "interval", "months", "2023-01/2023-08"),
    ("nbs-zh-1至8月-level", "2024-09-20", "2024年1至8月,浙江规上数字经济核心产业营业收入突破2.4万亿元,同比增长5.5%",
     "突破2.4万亿元", "2024-01/2024-08", "interval", "months", ""),
    ("nbs-zh-1-6月份", "2018-07-16", "2018年1-6月份,全国网上零售额40810亿元,同比增长30.1%。", "30.1%",
     "2018-01/2018-06", "interval", "half", "2017-01/2017-06"),
    ("drcd-hant-前八月", None, "2013年前八月重慶市外貿進出口總值為412.1億美元，比上年同期增長16.9％。", "412.1億美元",
     "2013-01/2013-08", "interval", "months", ""),
    ("drcd-hant-前八月-growth", None, "2013年前八月重慶市外貿進出口總值為412.1億美元，比上年同期增長16.9％。", "16.9％",
     "2013-01/2013-08", "interval", "months", "2012-01/2012-08"),
    ("drcd-hant-四季度", None, "2014年四季度，韓國在世界半導體動態隨機存取記憶體市場的份額超過了70%，創下歷史新高。",
     "70%", "2014-10/2014-12", "interval", "quarter", ""),
    ("ntrex-zh-第二季度", "2019-01-01", "仅2018年第二季度便新增40,000多个病例。", "40,000多个", "2018-04/2018-06",
     "interval", "quarter", None),
    ("dev-g026-前三季度", "2016-10-19", "初步核算,前三季度国内生产总值529971亿元,按可比价格计算,同比增长6.7%。", "6.7%",
     "2016-01/2016-09", "interval", "months", "2015-01/2015-09"),
    # --- English -------------------------------------------------------------------------------------
    ("nbs-en-first-three-quarters", "2024-10-18", "GDP grew 4.8 percent year on year in the first three quarters of 2024.",
     "4.8 percent", "2024-01/2024-09", "interval", "months", "2023-01/2023-09"),
    ("nbs-en-first-six-months", "2023-07-17",
     "Online retail sales in the first six months of 2023 amounted to 7.16 trillion yuan (US$983 billion), up 13.1 per cent "
     "from the same period last year.", "7.16 trillion yuan", "2023-01/2023-06", "interval", "half", ""),
    ("nbs-en-first-six-months-growth", "2023-07-17",
     "Online retail sales in the first six months of 2023 amounted to 7.16 trillion yuan (US$983 billion), up 13.1 per cent "
     "from the same period last year.", "13.1 per cent", "2023-01/2023-06", "interval", "half", "2022-01/2022-06"),
    ("nbs-en-from-january-to-april", "2024-05-17",
     "The average urban unemployment rate nationwide from January to April was 5.2%.", "5.2%", "2024-01/2024-04",
     "interval", "months", ""),
    ("nbs-en-from-january-to-august", "2024-09-14",
     "From January to August, the total retail sales of consumer goods reached 31,245.2 billion yuan.",
     "31,245.2 billion yuan", "2024-01/2024-08", "interval", "months", ""),
    ("nbs-en-first-nine-months", "2024-10-18",
     "Industrial output climbed 5.8 percent compared with a year earlier in the first nine months.", "5.8 percent",
     "2024-01/2024-09", "interval", "months", "2023-01/2023-09"),
    ("sotu-first-3-months-of-1991", "1991-01-29",
     "And now, having received commitments of over $40 billion for the first 3 months of 1991, I am confident they will "
     "do no less as we move through the rest of the year.", "over $40 billion", "1991-01/1991-03", "interval", "quarter", ""),
    ("pboc-en-end-of-december", "2024-01-12",
     "stood at 68.05 trillion yuan at the end of December, up 1.3 percent year on year", "68.05 trillion yuan", "2023-12",
     None, "month", ""),
    ("pboc-en-end-of-december-growth", "2024-01-12",
     "stood at 68.05 trillion yuan at the end of December, up 1.3 percent year on year", "1.3 percent", "2023-12",
     "point", "month", "2022-12"),
    ("ntrex-en-second-quarter-of-2018", "2019-01-01",
     "About 40,000 new cases were reported in the second quarter of 2018 alone.", "About 40,000", "2018-04/2018-06",
     "interval", "quarter", ""),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_part_year_period(case):
    _id, date, text, surface, period, ptype, gran, base = case
    c = claim(text, surface, date)
    own = c.period[len(c.base_period) + 1:] if c.base_period and c.period.startswith(c.base_period + "/") else c.period
    assert (own, c.granularity) == (period, gran), c
    if ptype is not None:
        assert c.period_type == ptype, c
    if base is not None:
        assert c.base_period == base, c


# (id, doc date, text, the year claim's surface, its period): the year is a claim dating the months
YEAR_CASES = [
    ("sotu-third-quarter-of-2003", "2004-01-20",
     "The pace of economic growth in the third quarter of 2003 was the fastest in nearly 20 years.", "2003",
     "2003-07/2003-09"),
    ("ntrex-en-first-half-of-2019", "2019-01-01",
     "Commissioning of the lead ship has now been postponed until the first half of 2019, according to Die Zeit.", "2019",
     "2019-01/2019-06"),
    ("nbs-zh-1至8月", "2024-09-20", "2024年1至8月,浙江规上数字经济核心产业营业收入突破2.4万亿元,同比增长5.5%", "2024年",
     "2024-01/2024-08"),
    ("drcd-hant-前八月", None, "2013年前八月重慶市外貿進出口總值為412.1億美元，比上年同期增長16.9％。", "2013年",
     "2013-01/2013-08"),
    ("drcd-hant-年至年首6個月", None,
     "根據香港入境事務處的數字，由2000年至2010年首6個月，即約10年的時間，持單程通行證來港的人數超逾50萬人。", "2000年至2010年",
     "2000-01/2010-06"),
]


@pytest.mark.parametrize("case", YEAR_CASES, ids=[c[0] for c in YEAR_CASES])
def test_year_claim_dates_its_months(case):
    _id, date, text, surface, period = case
    c = claim(text, surface, date)
    assert (c.kind, c.period) == ("year", period)


# (id, doc date, text, surface that must stay a claim with this kind): a lead word that is no window
KEEP_CASES = [
    ("cmrc-头4个月-life", None, "马岛长尾狸猫出生时未能看见及没有牙齿，头4个月差不多不会离开巢穴，头一年也要依赖母狸的照顾。", "4个月",
     "duration"),
    ("cmrc-死前五个月", None, "他在死前五个月获选入印度国会。", "五个月", "duration"),
    ("report-提前3个月", "2026-01-20", "保交房项目提前3个月实现100%交付，政府债务化解和融资平台改革转型年度任务超额完成。", "3个月",
     "duration"),
    ("gum-last-five-months", "2010-01-01", "Gloria spent a lot of the last five months of her life crying.", "five months",
     "duration"),
]


@pytest.mark.parametrize("case", KEEP_CASES, ids=[c[0] for c in KEEP_CASES])
def test_lead_word_that_is_no_window(case):
    _id, date, text, surface, kind = case
    assert claim(text, surface, date).kind == kind


# (id, doc date, text, surfaces that must not be claims: the numbers inside a period window)
WINDOW_CASES = [
    ("drcd-hant-5—9月份", None, "年降水量為500至600毫米，88%集中在5—9月份。", ("5", "9")),
    ("nbs-en-first-ten-months", "2016-11-14", "In the first ten months of 2016, investment grew 8.3 percent.",
     ("ten months", "ten")),
    ("dev-g203-january-june", "2014-07-16",
     "Retail sales grew 12.1 percent year on year to 12.42 trillion yuan ($2.02 trillion) in the January-June period, "
     "quickening from the 12 percent growth registered for the first quarter, the NBS said.", ("June",)),
]


@pytest.mark.parametrize("case", WINDOW_CASES, ids=[c[0] for c in WINDOW_CASES])
def test_numbers_inside_a_window_are_no_claims(case):
    _id, date, text, surfaces = case
    found = {c.surface for c in claims_of(text, date)}
    assert not found & set(surfaces), found


ZH_RANGE_SEPARATORS = [r["word"] for r in read_table("period_spans", required=("word", "lang", "role"))
                       if r["lang"] == "zh" and r["role"] == "range"] + ["－", "～"]  # fullwidth forms, NFKC


@pytest.mark.parametrize("sep", ZH_RANGE_SEPARATORS)
def test_every_month_range_separator(sep):
    """The NBS sentence with 至 replaced by each separator of period_spans.csv (and the fullwidth
    forms NFKC folds into them): the same interval, and the first month is no count claim."""
    text = f"2024年1{sep}8月,浙江规上数字经济核心产业营业收入突破2.4万亿元,同比增长5.5%"
    cs = claims_of(text, "2024-09-20")
    assert [c.surface for c in cs] == ["2024年", "突破2.4万亿元", "5.5%"], [c.surface for c in cs]
    assert cs[2].period.endswith("2024-01/2024-08") and cs[2].base_period == "2023-01/2023-08"


def test_relative_window_takes_the_year_in_force():
    """去年前10个月 is last year's window; 前10个月 alone the latest ten months ended by the document date."""
    assert claim("去年前10个月，全国固定资产投资增长7.3%。", "7.3%", "2016-11-14").period.endswith("2015-01/2015-10")
    assert claim("前10个月，全国固定资产投资增长8.3%。", "8.3%", "2016-11-14").period.endswith("2016-01/2016-10")
    assert claim("In the first two months of this year, retail sales rose 10.2 percent.", "10.2 percent",
                 "2016-11-14").period.endswith("2016-01/2016-02")


def test_a_later_time_after_a_comparison():
    """The time after 'compared with a year earlier' is the claim's own; after 'since … in 1917' (sotu)
    it is the other side's."""
    assert claim("Industrial output climbed 5.8 percent compared with a year earlier in the first nine months.",
                 "5.8 percent", "2024-10-18").period.endswith("2024-01/2024-09")
    c = claim("If we set aside 60 percent of the surplus for Social Security, that saving will achieve the lowest level "
              "of publicly held debt since right before World War I, in 1917.", "60 percent", "1999-01-19")
    assert "1917" not in c.period


def test_same_period_last_year_is_a_base_not_the_claims_own_period():
    """'up 8.3 percent over the same period last year': last year is the base of the growth; it must not
    date the claim (nor later claims of the sentence) as last year's."""
    c = claim("Investment reached 48 trillion yuan, up 8.3 percent over the same period last year.", "8.3 percent",
              "2016-11-14")
    assert c.period != "2015"


def test_spans_table_roles_and_units():
    spans = PeriodSpans(default_time_words())
    m = spans.zh_lead.search("2016年前两个月")
    assert m is not None and spans.zh_months(m) == (1, 2)
    m = spans.zh_lead.search("前5季度")
    assert m is not None and spans.zh_months(m) is None  # past December: no span
    got = [(s.months, s.year) for s in default_period_spans().en_spans("Jan-Oct 2016, Q3 2023 and May-May")]
    assert got == [((1, 10), 2016), ((7, 9), 2023)]


def test_part_year_claim_meets_only_its_own_interval():
    """A part-year claim is compared with the figure of the same interval, never with the annual figure:
    with a reference holding only the 2023 annual GDP, '2023年1—9月 … 1260582亿元' (the annual value
    written for nine months) is unverifiable; against a 2024-01/2024-09 row, a wrong growth rate for the
    first three quarters of 2024 is contradicted and the right one consistent (NBS figures)."""
    import pandas as pd

    import factlib

    cols = ["metric_zh", "metric_en", "period", "value", "unit", "qualifier", "source_name", "source_url", "quote",
            "metric_key", "kind", "unit_code"]
    rows = [["国内生产总值", "gross domestic product", "2023", "126058200000000", "元", "exact", "国家统计局", "https://www.stats.gov.cn/",
             "国内生产总值1260582亿元", "gdp", "amount", "CNY"],
            ["国内生产总值", "gross domestic product", "2024-01/2024-09", "4.8", "%", "exact", "国家统计局",
             "https://www.stats.gov.cn/", "grew 4.8 percent year on year in the first three quarters of 2024", "gdp",
             "growth_rate", "%"]]
    ref = factlib.load_reference(include_default=False, frames=[pd.DataFrame(rows, columns=cols)])
    docs = [document_from_text("2023年1—9月，国内生产总值1260582亿元。", id="zh", date="2023-10-18"),
            document_from_text("In the first three quarters of 2024, GDP grew 4.8 percent year on year. In the first "
                               "three quarters of 2024, China's GDP grew 9.8 percent year on year.", id="en",
                               date="2024-10-18")]
    claims = factlib.claims_frame(docs)
    surface = dict(zip(claims["claim_id"], claims["surface"]))
    f = factlib.check(claims, reference=ref, checks=["reference"])
    got = {surface[r.claim_ids[0]]: r.verdict for r in f.itertuples()}
    assert (got["1260582亿元"], got["4.8 percent"], got["9.8 percent"]) == \
        ("unverifiable", "consistent", "contradicted"), got
