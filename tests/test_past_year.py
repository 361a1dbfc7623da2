"""过去一年 / 去年一年 / 一年来 / over the past year date what follows them in a document dated in the
first half of a year (a report delivered early in Y speaks of Y-1); a sentence without numbers that
opens the run (过去五年，我们…。) dates the sentences after it in its paragraph (issue 12).

Constructed sentences in the pattern of the government work reports: (id, doc date, text, surface,
expected period, expected basis); '' expects no period.
"""
from __future__ import annotations

import pytest

from factlib.claims.extract import extract_claims
from factlib.documents.load import document_from_text

CASES = [
    ("past-year-lead", "2026-01-20", "过去一年，全省地区生产总值增长5.5%。", "5.5%", "2025", "context"),
    ("past-year-de", "2026-02-03", "过去的一年，全市新建学校20所。", "20所", "2025", "context"),
    ("last-year-whole", "2026-01-20", "去年一年，全市接待游客3000万人次。", "3000万人次", "2025", "relative"),
    ("one-year-since", "2025-01-15", "一年来，全省新增城镇就业50万人。", "50万人", "2024", "context"),
    ("sentence-without-numbers", "2026-01-20", "过去一年，我们扎实推进各项工作。全省地区生产总值增长5.5%。", "5.5%",
     "2025", "context"),
    ("five-years-sentence-without-numbers", "2026-01-20",
     "过去五年，我们扎实推进各项工作。全省地区生产总值年均增长5.5%。", "5.5%", "2021/2025", "context"),
    ("en-past-year", "2025-03-05", "Over the past year, China added 12.56 million urban jobs.", "12.56 million",
     "2024", "context"),
    # late in the year the past twelve months are no calendar year: no period from the words
    ("late-in-year", "2025-09-05", "过去一年，全省地区生产总值增长5.5%。", "5.5%", "", ""),
    # without a date the year cannot be told
    ("undated", None, "过去一年，全省地区生产总值增长5.5%。", "5.5%", "", ""),
    # its own time wins
    ("own-year-wins", "2026-01-20", "过去一年，我们扎实推进各项工作。2024年全省地区生产总值增长5%。", "5%", "2024", "explicit"),
    # 去年底 / 上年末 / 今年底: the end month of a year relative to the document date
    ("last-year-end", "2013-03-05", "资本充足率从2007年底的8.4%提升到去年底的13.3%。", "13.3%", "2012-12", "relative"),
    ("last-year-end-mo", "2013-03-05", "去年末，全国网民规模达5.64亿。", "5.64亿", "2012-12", "relative"),
    ("this-year-end", "2013-03-05", "到今年底，5G基站将超过300万个。", "超过300万个", "2013-12", "relative"),
]


@pytest.mark.parametrize("date,text,surface,period,basis", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_past_year(date, text, surface, period, basis) -> None:
    got = [c for c in extract_claims(document_from_text(text, date=date)) if c.surface == surface]
    assert len(got) == 1, [(c.surface, c.period) for c in extract_claims(document_from_text(text, date=date))]
    c = got[0]
    assert c.period == period, (c.period, c.period_basis)
    if period:
        assert c.period_basis == basis


def test_national_register_is_the_metric() -> None:
    # 国家科技型中小企业 in a provincial report: the province's firms on the national register, a stock
    # stated after 五年来 is the level at the end of the run
    text = "五年来，科技创新加快。\n全市国家科技型中小企业超1.25万家。"
    c = [c for c in extract_claims(document_from_text(text, date="2026-01-20")) if c.surface == "超1.25万家"][0]
    assert c.metric_key == "tech_smes"


def test_level_after_time_of_the_level() -> None:
    # 提升到去年底的13.3%: the level reached, not a change
    c = [c for c in extract_claims(document_from_text("资本充足率从2007年底的8.4%提升到去年底的13.3%。", date="2013-03-05"))
         if c.surface == "13.3%"][0]
    assert c.change == "level"


@pytest.mark.parametrize("text,surface", [
    ("However, turnout stood at only 16 percent, compared to 34 percent in 2016.", "16 percent"),
    ("Sales rose 5 percent, the fastest since 2016.", "5 percent"),
    ("Unemployment was 4 percent, lower than in 2019.", "4 percent"),
], ids=["compared-to", "since", "than"])
def test_later_year_of_another_value_is_not_inherited(text: str, surface: str) -> None:
    c = [c for c in extract_claims(document_from_text(text, date="2018-10-01")) if c.surface == surface][0]
    assert c.period == ""


def test_later_year_still_dates_the_claim() -> None:
    c = [c for c in extract_claims(document_from_text("Investments were up by 6% in 2015.", date="2018-10-01"))
         if c.surface == "6%"][0]
    assert c.period == "2015"
