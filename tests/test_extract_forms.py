"""Claims from the long tail of number forms (issue 14): every example of the issue, and English
corpus sentences (tests/data/corpus_en_number_forms.jsonl, sources in tests/data/peer_suites.md).

A case lists the claims the form must give: (surface contained in the claim's surface, value or
(low, high), kind or None, unit or None).  What factlib deliberately does not read is a strict xfail.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from factlib.claims.extract import extract_claims
from factlib.documents.load import document_from_text

DATA = Path(__file__).parent / "data"
D = Decimal


def claims(text: str, lang: str):
    return extract_claims(document_from_text(text, lang=lang, date="2024-03-01"))


def _match(c, surface: str, value, kind, unit) -> bool:
    if surface not in c.surface:
        return False
    if isinstance(value, tuple):
        if c.low is None or c.high is None or c.value is not None:
            return False
        if (D(c.low), D(c.high)) != (D(value[0]), D(value[1])):
            return False
    elif value == "date":
        if c.kind != "date":
            return False
    elif c.value is None or abs(D(c.value) - D(value)) > D("1e-20"):
        return False
    return (kind is None or c.kind == kind) and (unit is None or c.unit == unit)


# (text, lang, [(surface, value | (low, high) | "date", kind | None, unit | None)], xfail reason)
ISSUE = [
    # fractions
    ("A mouse can get through a 1/4 inch gap", "en", [("1/4 inch", "0.25", "amount", "inch")], ""),
    ("The door is 2 1/2 in thick.", "en", [("2 1/2", "2.5", None, None)], ""),
    ("There is a \u2153 cup of sauce and \u00bd tbsp of salt.", "en",
     [("\u2153 cup", "0.3333333333333333333333333333", "amount", "cup"), ("\u00bd tbsp", "0.5", "amount", "tbsp")], ""),
    ("The probability is exactly one sixth.", "en", [("one sixth", "0.1666666666666666666666666667", "fraction", None)], ""),
    ("I'd like two thirds of the cake.", "en", [("two thirds", "0.6666666666666666666666666667", "fraction", None)], ""),
    ("Is three halves fractional?", "en", [("three halves", "1.5", "fraction", None)], ""),
    ("approximately one-half miles east", "en", [("one-half miles", "0.5", "amount", "mi")], ""),
    ("抛出去的硬币为正面的概率是二分之一", "zh-Hans", [("二分之一", "0.5", "fraction", None)], ""),
    ("抛出去的硬币为正面的概率是1/2", "zh-Hans", [("1/2", "0.5", "fraction", None)], ""),
    # English number words
    ("I want a hundred and two of those", "en", [("a hundred and two", "102", "count", None)], ""),
    ('I told him: "one hundred and two" at the time', "en", [("one hundred and two", "102", None, None)], ""),
    ("three million, two hundred & forty, you say?", "en",
     [("three million, two hundred & forty", "3000240", None, None)], ""),
    ("two and a half miles to the east", "en", [("two and a half miles", "2.5", "amount", "mi")], ""),
    ("The fund holds eleven and a half trillion yuan.", "en",
     [("eleven and a half trillion yuan", "11500000000000", "amount", "CNY")], ""),
    ("Exports reached one point six trillion US dollars.", "en",
     [("one point six trillion US dollars", "1600000000000", "amount", "USD")], ""),
    ("I bought a dozen eggs recently", "en", [("a dozen", "12", "count", None)], ""),
    ("Zero is a small number.", "en", [("Zero", "0", None, None)], ""),
    ("There are two in my car", "en", [("two", "2", "count", None)], ""),
    ("the LHC was deactivated for a two-year maintenance period", "en", [("two-year", "2", "duration", "year")], ""),
    # suffixes and notations
    ("Italy's GDP is $2.174T.", "en", [("$2.174T", "2174000000000", "amount", "USD")], ""),
    ("I have \u20ac10M in my savings account, sorry, I meant \u20ac10B", "en",
     [("\u20ac10M", "10000000", "amount", "EUR"), ("\u20ac10B", "10000000000", "amount", "EUR")], ""),
    ("And I would walk 0.5k miles", "en", [("0.5k miles", "500", "amount", "mi")], ""),
    ("278,000 t valued 10 000 dollars.", "en", [("10 000 dollars", "10000", "amount", "USD")], ""),
    ("Violet light oscillates at 4e14 s-1", "en", [("4e14", "400000000000000", None, None)], ""),
    ("Give me -1e-3 W/min, now!", "en", [("-1e-3", "-0.001", None, None)], ""),
    ("a factor of 2.48\u00d710\u22125, with 6.0-sigma significance", "en", [("2.48\u00d710\u22125", "0.0000248", None, None)], ""),
    ("Objects fall with an acceleration of 9.83e-3 +/- 1e-5 km/s2", "en", [("9.83e-3", "0.00983", None, None)], ""),
    ("The annual revenue is ($99.99).", "en", [("$99.99", "-99.99", "amount", "USD")], ""),
    # ranges
    ("They were given 44 to 50 mg ethanol.", "en", [("44 to 50 mg", ("44", "50"), "amount", "mg")], ""),
    ("They were given between 44 and 50 mg ethanol.", "en", [("44 and 50 mg", ("44", "50"), "amount", "mg")], ""),
    ("They were given 44 mg to 50 mg ethanol.", "en", [("44 mg to 50 mg", ("44", "50"), "amount", "mg")], ""),
    ("temperatures ranged from -18 \u00b0C to -34 \u00b0C", "en",
     [("-18 \u00b0C to -34 \u00b0C", ("-34", "-18"), "amount", "degC")], ""),
    ("the LHC smashed them at 3.5\u20134 TeV", "en", [("3.5\u20134 TeV", ("3.5", "4"), "amount", "eV")], ""),
    ("Google holds somewhere around 10-15 exabytes of data", "en", [("10-15 exabytes", ("10", "15"), "amount", "byte")], ""),
    ("Users aged 16-24 spent more time online.", "en", [("16-24", ("16", "24"), None, None)], ""),
    ("该线路建于1995-1996年。", "zh-Hans", [("1995-1996年", ("1995", "1996"), "year", None)], ""),
    ("今年以来，该市网民规模增长8.2倍至828.2万。", "zh-Hans",
     [("8.2倍", "8.2", None, "倍"), ("828.2万", "8282000", None, None)], ""),
    # units
    ("The average weight is 10kg (25lbs).", "en", [("10kg", "10", "amount", "kg"), ("25lbs", "25", "amount", "lb")], ""),
    ("Italy covers an area of 301,338 km2 (116,347 sq mi).", "en",
     [("301,338 km2", "301338", "amount", "km2"), ("116,347 sq mi", "116347", "amount", "mi2")], ""),
    ("They were given 45 and 50 mg ethanol.", "en", [("50 mg", "50", "amount", "mg")], ""),
    ("It starts with average temperatures near 32 \u00b0C.", "en", [("32 \u00b0C", "32", "amount", "degC")], ""),
    ("现在室内温度为三十九摄氏度，很热啊！", "zh-Hans", [("三十九摄氏度", "39", "amount", "degC")], ""),
    ("现在室内温度为零下四摄氏度", "zh-Hans", [("零下四摄氏度", "-4", "amount", "degC")], ""),
    ("小王捡了一百块钱", "zh-Hans", [("一百块钱", "100", "amount", "CNY")], ""),
    ("巅峰赛两千分", "zh-Hans", [("两千分", "2000", None, "pt")], ""),
    ("The link runs at 10 Gbps.", "en", [("10 Gbps", "10", "amount", "bps")], ""),
    # Chinese forms
    ("我国数字经济规模突破百万亿元。", "zh-Hans", [("突破百万亿元", "100000000000000", "amount", "CNY")], ""),
    ("全年投资超过千亿元。", "zh-Hans", [("超过千亿元", "100000000000", "amount", "CNY")], ""),
    ("近百名专家参加了会议。", "zh-Hans", [("近百名", "100", "count", "person")], ""),
    ("全市三县两区。", "zh-Hans", [("三县", "3", "count", None), ("两区", "2", "count", None)], ""),
    ("今年将打好三大攻坚战。", "zh-Hans", [("三大", "3", "count", None)],
     "三大 + noun (三大攻坚战) reads like 党的十九大 (the 19th congress, an ordinal): not taken without the noun's class"),
    ("该省经济总量位列全国前十五。", "zh-Hans", [("前十五", "15", "rank", None)], ""),
    ("出口增长半成。", "zh-Hans", [("半成", "5", None, "%")], ""),
    ("工期缩短了半年。", "zh-Hans", [("半年", "0.5", "duration", "year")], ""),
    ("项目为期一周。", "zh-Hans", [("一周", "1", "duration", "week")], ""),
    ("庙会于正月初十举行。", "zh-Hans", [("正月初十", "date", "date", None)], ""),
    ("报告发布于2023/09/22。", "zh-Hans", [("2023/09/22", "date", "date", None)], ""),
    ("创业板指九月九日早盘低开百分之一点五七", "zh-Hans", [("百分之一点五七", "1.57", None, "%")], ""),
]


def _issue_params():
    out = []
    for text, lang, expected, reason in ISSUE:
        for k, exp in enumerate(expected):
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(text, lang, exp, marks=marks, id=f"{text[:40]}#{k}"))
    return out


@pytest.mark.parametrize("text,lang,expected", _issue_params())
def test_issue_example(text: str, lang: str, expected: tuple) -> None:
    got = claims(text, lang)
    assert any(_match(c, *expected) for c in got), [(c.surface, c.value, c.low, c.high, c.kind, c.unit) for c in got]


def test_multiple_then_level_is_no_range() -> None:
    got = claims("今年以来，该市网民规模增长8.2倍至828.2万。", "zh-Hans")
    assert all(c.value is not None for c in got)


@pytest.mark.parametrize("text", ["we have found a third way.", "In the first three quarters of this year output rose.",
                                  "Since 9/11, we have taken the fight to these terrorists and extremists.",
                                  "No one came.", "We will invest in zero-emission plants.", "上半年经济运行平稳。",
                                  "千万不要忘记。", "半导体产业发展迅速。"],
                         ids=["ordinal", "period", "event", "pronoun", "compound", "half-year", "by-all-means",
                              "semiconductor"])
def test_not_claims(text: str) -> None:
    lang = "en" if text.isascii() else "zh-Hans"
    assert [c.surface for c in claims(text, lang) if c.kind not in ("year", "date")] == []


def _corpus_params():
    lines = (DATA / "corpus_en_number_forms.jsonl").read_text(encoding="utf-8").splitlines()
    out = []
    for i, rec in enumerate(r for r in map(json.loads, lines) if "_licence" not in r):
        for k, exp in enumerate(rec["expect"]):
            value = (exp["low"], exp["high"]) if "low" in exp else exp["value"]
            out.append(pytest.param(rec["text"], (exp["surface"], value, None, exp.get("unit")),
                                    id=f"{rec['source']}-{i:02d}-{exp['surface']}"))
    return out


@pytest.mark.parametrize("text,expected", _corpus_params())
def test_corpus_sentence(text: str, expected: tuple) -> None:
    got = claims(text, "en")
    surface = expected[0]
    # the expected surface is the number with its unit; a claim's surface may hold more (a qualifier)
    ok = any(_match(c, surface.split(" ", 1)[0] if c.surface not in surface else c.surface, *expected[1:])
             and (surface in c.surface or c.surface in surface) for c in got)
    assert ok, [(c.surface, c.value, c.low, c.high, c.unit) for c in got]
