"""Share words, tenths, spaced qualifiers, day-month dates and Chinese times of day (issue 12: number
forms that the NTREX zh-Hant news writes with spaces, ``百分之 72``, and that were misread).

Each case is a constructed sentence in the pattern of the form: (text, lang, surface, value, kind,
unit, qualifier); a case whose value is None expects no claim at all (times of day are not claims,
as ``3 p.m.`` in English).
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from factlib.claims.extract import extract_claims
from factlib.documents.load import document_from_text


def claims(text: str, lang: str, date: str = "2018-09-30"):
    return extract_claims(document_from_text(text, lang=lang, date=date))


CASES = [
    # 百分之 / 千分之 before the number, glued or after one space (the units table's ratio prefixes)
    ("share-word-space", "调查显示百分之 48 的受访者表示支持。", "zh-Hans", "百分之 48", "48", "percent", "%", "exact"),
    ("share-word-space-hant", "調查顯示百分之 48 的受訪者表示支持。", "zh-Hant", "百分之 48", "48", "percent", "%", "exact"),
    ("share-word-numeral-space", "全市有百分之 二十五 的家庭订阅。", "zh-Hans", "百分之 二十五", "25", "percent", "%", "exact"),
    ("per-mille-word", "不良贷款率为千分之三。", "zh-Hans", "千分之三", "3", "percent", "‰", "exact"),
    ("per-mille-word-digits", "不良贷款率为千分之 2.5。", "zh-Hans", "千分之 2.5", "2.5", "percent", "‰", "exact"),
    # 成 after 百分之 or after a number above ten starts a word (成功, 成为, 成员), it is not tenths
    ("share-word-then-chenggong", "另有百分之 57 成功通过了考试。", "zh-Hans", "百分之 57", "57", "percent", "%", "exact"),
    ("share-word-then-chengwei", "有百分之81成为会员。", "zh-Hans", "百分之81", "81", "percent", "%", "exact"),
    ("count-then-chengyuan", "该组织共有 45 成员国。", "zh-Hans", "45", "45", "count", "", "exact"),
    ("tenths-still", "出口增长三成。", "zh-Hans", "三成", "30", None, "%", "exact"),
    ("tenths-and-digit", "约七成五的企业盈利。", "zh-Hans", "约七成五", "75", "percent", "%", "approx"),
    ("tenths-digits", "受访者中有 6 成支持。", "zh-Hans", "6 成", "60", "percent", "%", "exact"),
    # qualifiers: 约有 before, 以上 / 左右 after one space
    ("yueyou", "约有36%的学生选修了德文。", "zh-Hans", "约有36%", "36", "percent", "%", "approx"),
    ("yueyou-space", "約有 36% 的學生選修了德文。", "zh-Hant", "約有 36%", "36", "percent", "%", "approx"),
    ("after-space-lower", "合格率占百分之 63 以上。", "zh-Hans", "百分之 63 以上", "63", "percent", "%", "lower"),
    ("after-space-approx", "增速为 5.5% 左右。", "zh-Hans", "5.5% 左右", "5.5", None, "%", "approx"),
    # English day-month dates without a year take the document's year (as 'September 10' does)
    ("day-month", "The minister has not spoken since 10 September.", "en", "10 September", "date", "date", None, None),
    ("day-month-ordinal", "The vote is on the 14th of November.", "en", "14th of November", "date", "date", None, None),
    ("day-month-abbrev", "Polls close on 3 Sept. The count follows.", "en", "3 Sept", "date", "date", None, None),
    # times of day are not claims (早上 7 点 as 7 a.m.)
    ("zh-clock", "事故发生在早上 7 点之前。", "zh-Hans", "", None, None, None, None),
    ("zh-clock-hant", "集會將於今天晚上 8 點舉行。", "zh-Hant", "", None, None, None, None),
    ("zh-clock-half", "比赛在下午三点半开始。", "zh-Hans", "", None, None, None, None),
    # a weekday is no number (周五一名男子: Friday, one man -- not 51 men); 每周五天 stays a duration
    ("weekday-then-article", "周五一名男子在餐厅被刺伤。", "zh-Hans", "", None, None, None, None),
    ("five-day-week", "我国实行每周五天工作制。", "zh-Hans", "五天", "5", "duration", "day", "exact"),
]


@pytest.mark.parametrize("text,lang,surface,value,kind,unit,qualifier", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_form(text, lang, surface, value, kind, unit, qualifier) -> None:
    got = [c for c in claims(text, lang) if c.kind != "year"]
    seen = [(c.surface, c.value, c.kind, c.unit, c.qualifier) for c in got]
    if value is None:
        assert got == [], seen
        return
    hit = [c for c in got if c.surface == surface]
    assert len(hit) == 1, seen
    c = hit[0]
    if value == "date":
        assert c.kind == "date" and c.period, seen
        return
    assert Decimal(str(c.value)) == Decimal(value), seen
    assert (kind is None or c.kind == kind) and c.unit == unit and c.qualifier == qualifier, seen


def test_day_month_dates_take_the_document_year() -> None:
    got = [c for c in claims("Sanders has not briefed since 10 September.", "en") if c.kind == "date"]
    assert [c.period for c in got] == ["2018-09-10"]


@pytest.mark.parametrize("text", ["The top 10 may be enough.", "He ran 10 miles in March 2018."],
                         ids=["may-verb", "count-before-month-year"])
def test_not_day_month(text: str) -> None:
    got = claims(text, "en")
    assert all(not (c.kind == "date" and c.surface.startswith("10")) for c in got), \
        [(c.surface, c.kind) for c in got]


# a myriad section after a bigger one is a count of that unit (3亿2万 = 300,020,000); a lone digit
# after the last big unit abbreviates the next place (一亿五 = 150,000,000)
@pytest.mark.parametrize("token,value", [("3亿2万", "300020000"), ("三亿二万", "300020000"), ("1亿1万", "100010000"),
                                         ("一亿五", "150000000"), ("三万五", "35000"), ("三千五万", "35000000"),
                                         ("一亿零二万", "100020000"), ("一亿二万万", None)],
                         ids=["digits", "numerals", "ones", "abbreviated", "abbreviated-wan", "thousands-wan",
                              "zero-gap", "stacked-wrong"])
def test_myriad_sections(token: str, value) -> None:
    from factlib.claims.numbers import parse_number

    parsed = parse_number(token)
    assert (str(parsed.value) if parsed is not None else None) == value


def test_alternating_magnitudes_are_all_read() -> None:
    # '1万1亿' repeated: 1万, then 1亿1万 (one number) again and again, then the last 1亿 -- not just the
    # first and the last number with everything between skipped
    got = extract_claims(document_from_text("1万1亿" * 50, lang="zh-Hans"))
    assert len(got) == 51
    assert {str(c.value) for c in got} == {"10000", "100010000", "100000000"}


@pytest.mark.parametrize("text,surfaces", [
    ("China's population fell by 1.39 million to 1.418 billion at the end of 2024.", ["1.39 million", "1.418 billion"]),
    ("Prices rose by 2 to 3 percent.", ["2 to 3 percent"]),
], ids=["by-change-then-level", "by-range"])
def test_by_x_to_y(text: str, surfaces: list[str]) -> None:
    assert [c.surface for c in claims(text, "en") if c.kind not in ("year", "date")] == surfaces
