"""Spec of the number parser (factlib.claims.numbers): tokens -> exact Decimal value and stated precision.

Cases come from real text: the seeds, the dev set and the benchmark corpus (copied here), plus the
sentence pairs of cn2an's own tests (tests/data/cn2an_pairs.jsonl, MIT, (c) 2017 Ailln).
"""
from __future__ import annotations

import doctest
import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factlib.claims.numbers
from factlib.claims.numbers import (
    MAGNITUDE_RE,
    NUMBER_RE,
    ParsedNumber,
    magnitude_factor,
    magnitudes,
    parse_chinese_numeral,
    parse_number,
    to_decimal,
)
from factlib.vocab.tables import read_table

D = Decimal
NUMBER = re.compile(NUMBER_RE)
DATA = Path(__file__).parent / "data"


def tokens(text: str) -> list[str]:
    """NUMBER_RE tokens of ``text`` after the norm view's NFKC step."""
    return [m.group(0) for m in NUMBER.finditer(unicodedata.normalize("NFKC", text))]


# ---------------------------------------------------------------------------------------------
# value
# ---------------------------------------------------------------------------------------------

VALUES = [
    # decimals and separators
    ("5.5", "5.5"),
    ("0.2", "0.2"),
    ("5,000", "5000"),
    ("400,000", "400000"),
    ("62,000", "62000"),
    ("12,345,678.9", "12345678.9"),
    ("1256", "1256"),
    # signs
    ("-2.1", "-2.1"),
    ("+5", "5"),
    ("\u22123.8", "-3.8"),
    # Chinese numerals
    ("十三亿", "1300000000"),
    ("两千", "2000"),
    ("兩千", "2000"),
    ("三十九", "39"),
    ("一百二十万", "1200000"),
    ("〇", "0"),
    ("零", "0"),
    ("十", "10"),
    ("二百九十七亿九千六百万", "29796000000"),
    ("二〇三五", "2035"),
    ("一九八○", "1980"),
    ("二零零一", "2001"),
    ("一百零一", "101"),
    ("一千零一十", "1010"),
    ("一百二", "120"),
    ("三万五", "35000"),
    ("一亿五", "150000000"),
    ("三万零五", "30005"),
    ("一万亿", "1000000000000"),
    ("三千五百万亿", "3500000000000000"),
    ("二十三万四千五百六十七亿", "23456700000000"),
    ("六万万", "600000000"),
    ("一点五七", "1.57"),
    ("负三点八", "-3.8"),
    ("廿三", "23"),
    ("卅四點一", "34.1"),
    ("伍仟", "5000"),
    ("肆拾", "40"),
    ("壹仟貳佰", "1200"),
    ("貳", "2"),
    # Taiwan news: digit-by-digit with a point, ○ for zero, a section written digit by digit
    ("五四二點五億", "54250000000"),
    ("五．四五", "5.45"),
    ("八．○一", "8.01"),
    ("三萬八○六六", "38066"),
    ("四萬一○一九", "41019"),
    ("兩兆", "2000000000000"),
    # mixed
    ("10.67亿", "1067000000"),
    ("10.67億", "1067000000"),
    ("13.79万亿", "13790000000000"),
    ("2.4万亿", "2400000000000"),
    ("6.19万", "61900"),
    ("14亿", "1400000000"),
    ("141.09万", "1410900"),
    ("5.2116亿", "521160000"),
    ("3万", "30000"),
    ("1万亿", "1000000000000"),
    ("134.9万亿", "134900000000000"),
    ("3千万", "30000000"),
    ("2千", "2000"),
    ("4亿5000万", "450000000"),
    ("2兆736億", "2073600000000"),
    ("349.9 万", "3499000"),
    ("1万2千", "12000"),
    ("１０.６７亿", "1067000000"),
    # English
    ("1.07 billion", "1070000000"),
    ("13.79 trillion", "13790000000000"),
    ("1.02 million", "1020000"),
    ("5bn", "5000000000"),
    ("3 Billion", "3000000000"),
    ("three trillion", "3000000000000"),
    ("one", "1"),
    ("Twenty-two", "22"),
    ("twenty two", "22"),
    ("fifteen", "15"),
    ("five hundred", "500"),
    # big: no digit may be lost
    ("1" + "0" * 40, "1" + "0" * 40),
    ("1" + "0" * 40 + "万亿", "1" + "0" * 52),
]


@pytest.mark.parametrize("token,expected", VALUES, ids=[t for t, _ in VALUES])
def test_value(token: str, expected: str) -> None:
    parsed = parse_number(token)
    assert parsed is not None
    assert parsed.value == D(expected)
    assert isinstance(parsed.value, Decimal)


# ---------------------------------------------------------------------------------------------
# precision: half a unit of the last stated digit
# ---------------------------------------------------------------------------------------------

PRECISION = [
    ("10.67亿", "500000"),
    ("3800", "0.5"),
    ("8", "0.5"),
    ("5.5", "0.05"),
    ("1.50亿", "500000"),
    ("13.79万亿", "5000000000"),
    ("十三亿", "50000000"),
    ("二百九十七亿九千六百万", "500000"),
    ("1.07 billion", "5000000"),
    ("两千", "500"),
    ("三万五", "500"),
    ("二〇三五", "0.5"),
    ("一点五七", "0.005"),
    ("五四二點五億", "5000000"),
    ("4亿5000万", "5000"),
    ("十", "5"),
    ("twenty", "5"),
    ("three trillion", "500000000000"),
]


@pytest.mark.parametrize("token,expected", PRECISION, ids=[t for t, _ in PRECISION])
def test_precision(token: str, expected: str) -> None:
    parsed = parse_number(token)
    assert parsed is not None
    assert parsed.precision == D(expected)


def test_interval_of_10_67_yi() -> None:
    parsed = parse_number("10.67亿")
    assert parsed is not None
    assert (parsed.low, parsed.high) == (D("1066500000"), D("1067500000"))


# ---------------------------------------------------------------------------------------------
# magnitude and digits
# ---------------------------------------------------------------------------------------------

PARTS = [
    ("10.67亿", "1E8", "10.67"),
    ("13.79万亿", "1E12", "13.79"),
    ("1.07 billion", "1E9", "1.07"),
    ("5,000", "1", "5000"),
    ("-2.1", "1", "-2.1"),
    ("十三亿", "1E8", "13"),
    ("一百二十万", "1E4", "120"),
    ("二百九十七亿九千六百万", "1E4", "2979600"),
    ("二〇三五", "1", "2035"),
    ("五四二點五億", "1E8", "542.5"),
    ("1.50亿", "1E8", "1.50"),
    ("兩兆", "1E12", "2"),
    ("５", "1", "5"),
]


@pytest.mark.parametrize("token,magnitude,digits", PARTS, ids=[t for t, _m, _d in PARTS])
def test_magnitude_and_digits(token: str, magnitude: str, digits: str) -> None:
    parsed = parse_number(token)
    assert parsed is not None
    assert (parsed.magnitude, parsed.digits) == (D(magnitude), digits)


@pytest.mark.parametrize("token", [t for t, _ in VALUES], ids=[t for t, _ in VALUES])
def test_digits_times_magnitude_is_value(token: str) -> None:
    parsed = parse_number(token)
    assert parsed is not None
    assert D(parsed.digits) * parsed.magnitude == parsed.value


def test_parsed_number_is_frozen() -> None:
    parsed = parse_number("5")
    assert isinstance(parsed, ParsedNumber)
    with pytest.raises(AttributeError):
        parsed.value = D(6)  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# not numbers
# ---------------------------------------------------------------------------------------------

NOT_NUMBERS = [
    ("", "empty"),
    (" ", "blank"),
    (".", "point"),
    ("..", "points"),
    ("1..2", "double point"),
    ("1.2.3", "version"),
    ("万", "lone magnitude"),
    ("亿", "lone magnitude yi"),
    ("亿亿", "stacked yi (archaic 1e16 not supported)"),
    ("9999万亿亿", "stacked beyond the table"),
    ("一亿万", "shrinking stack"),
    ("-", "lone minus"),
    ("+", "lone plus"),
    ("abc", "letters"),
    ("1,2", "comma without three digits"),
    ("1,23", "comma with two digits"),
    ("二三十", "vague range"),
    ("十五六", "vague range 2"),
    ("十三五", "five-year plan name"),
    ("百", "unit without digit"),
    ("万万", "archaic 亿 without a digit"),
    ("一十百", "growing units"),
    ("三分之一", "fraction: extractor"),
    ("百分之六十五点九", "percent word: extractor"),
    ("5%", "percent sign"),
    ("1" * 300, "too long"),
    ("five-two", "not a compound"),
    ("三万八〇六六六", "section overflow"),
    ("١٢", "Arabic-Indic digits"),
]


@pytest.mark.parametrize("token", [t for t, _ in NOT_NUMBERS], ids=[r for _t, r in NOT_NUMBERS])
def test_not_a_number(token: str) -> None:
    assert parse_number(token) is None


@pytest.mark.parametrize("value", [None, 5, ["5"], b"5"], ids=["none", "int", "list", "bytes"])
def test_non_strings_are_not_numbers(value: object) -> None:
    assert parse_number(value) is None  # type: ignore[arg-type]
    assert parse_chinese_numeral(value) is None  # type: ignore[arg-type]
    assert to_decimal(value) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# parse_chinese_numeral and to_decimal
# ---------------------------------------------------------------------------------------------

CHINESE = [
    ("一百二十万", "1200000"),
    ("二〇三五", "2035"),
    ("十三", "13"),
    ("两千", "2000"),
    ("十三亿", "1300000000"),
    ("五四二点五亿", "54250000000"),
    ("伍仟", "5000"),
]


@pytest.mark.parametrize("text,expected", CHINESE, ids=[t for t, _ in CHINESE])
def test_parse_chinese_numeral(text: str, expected: str) -> None:
    assert parse_chinese_numeral(text) == D(expected)


@pytest.mark.parametrize("text", ["", "万", "百分之六十五点九", "三分之一", "大陆", "5,000"],
                         ids=["empty", "wan", "percent", "fraction", "word", "arabic-comma"])
def test_parse_chinese_numeral_rejects(text: str) -> None:
    assert parse_chinese_numeral(text) is None


DECIMALS = [("5,000", "5000"), ("-1.5", "-1.5"), ("+5", "5"), ("12,345,678.9", "12345678.9"), (" 42 ", "42")]


@pytest.mark.parametrize("text,expected", DECIMALS, ids=[t for t, _ in DECIMALS])
def test_to_decimal(text: str, expected: str) -> None:
    assert to_decimal(text) == D(expected)


@pytest.mark.parametrize("text", ["1,2", "1 234", "", "1.", ".5", "5万", "五", "1e5"],
                         ids=["bad-comma", "spaces", "empty", "trailing-point", "leading-point",
                              "magnitude", "chinese", "exponent"])
def test_to_decimal_rejects(text: str) -> None:
    assert to_decimal(text) is None


# ---------------------------------------------------------------------------------------------
# NUMBER_RE on real sentences (seeds, dev set, corpus)
# ---------------------------------------------------------------------------------------------

SENTENCES = [
    ("经济规模稳步扩大，国内生产总值达到134.9万亿元、增长5%", ["134.9万亿", "5"]),
    ("粮食产量首次跃上1.4万亿斤新台阶、亩产提升10.1斤", ["1.4万亿", "10.1"]),
    ("外汇储备超过3.2万亿美元", ["3.2万亿"]),
    ("可再生能源新增装机3.7亿千瓦", ["3.7亿"]),
    ("淘汰关停不达标的30万千瓦以下煤电机组", ["30万"]),
    ("拥有总装机容量 4549.5 万千瓦", ["4549.5 万"]),
    ("汽车349.9 万辆,增长15.2%,其中新能源汽车164.7 万辆", ["349.9 万", "15.2", "164.7 万"]),
    ("位于莫斯科以西约110千米处", ["110"]),
    ("通过4亿5000万加元的经费", ["4亿5000万"]),
    ("第十四个五年规划和二〇三五年远景目标", ["十四", "五", "二〇三五"]),
    ("陈云同志在１９５６年基本完成", ["1956"]),
    ("在涉及六万万人民生活的历史大变革", ["六万万"]),
    ("我国网民规模达10.67亿，较2021年12月增长3549万", ["10.67亿", "2021", "12", "3549万"]),
    ("九月出口為五四二點五億美元、寫歷年單月第三高，為連續廿三個月成長",
     ["九", "五四二點五億", "三", "廿三"]),
    ("每人GDP為三萬八○六六美元", ["三萬八○六六"]),
    ("GDP成長五．四五％及八．○一％", ["五.四五", "八.○一"]),
    ("外銷訂單突破兩兆元", ["兩兆"]),
    ("是史上第二大的增幅；若換算成新台幣為2兆736億元", ["二", "2兆736億"]),
    ("to over 20 trillion yuan, or almost three trillion US dollars", ["20 trillion", "three trillion"]),
    ("about 3.19 trillion U.S. dollars", ["3.19 trillion"]),
    ("handled 1.02 million TEU", ["1.02 million"]),
    ("213 cities in 25 European countries", ["213", "25"]),
    ("Someone often weighs nothing", []),
    ("同比下降-3.8%，2014-2015年", ["-3.8", "2014", "2015"]),
    ("支票上金额应写为：伍仟元整", ["伍仟"]),
    ("队伍陆续登陆大陆", []),
    ("千方百计", []),
    ("热线电话:010-82341063", ["010", "82341063"]),
    ("到上兆顆恆星的橢圓星系", []),
    ("100兆瓦", ["100"]),
    ("两千米", ["两千"]),
    ("十千瓦", ["十"]),
]


@pytest.mark.parametrize("text,expected", SENTENCES, ids=[t[:24] for t, _ in SENTENCES])
def test_number_re_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize("text,expected", SENTENCES, ids=[t[:24] for t, _ in SENTENCES])
def test_every_token_of_a_sentence_parses(text: str, expected: list[str]) -> None:
    for token in tokens(text):
        assert parse_number(token) is not None, token


def test_number_re_has_no_named_groups_and_embeds() -> None:
    assert "(?P<" not in NUMBER_RE
    big = re.compile(f"(?:超过|约)?({NUMBER_RE})(?:元|%)")
    assert big.search("超过3800亿元").group(1) == "3800亿"


# ---------------------------------------------------------------------------------------------
# vocabulary tables
# ---------------------------------------------------------------------------------------------

def test_magnitude_table_schema() -> None:
    rows = read_table("magnitudes", required=("word", "lang", "factor", "not_before", "note"), key=("word",))
    assert len(rows) >= 20
    for row in rows:
        assert row["lang"] in {"zh", "zh-Hans", "zh-Hant", "en", "en_suffix"}, row
        factor = D(row["factor"])
        # powers of ten; the one exception is the dozen (a dozen = 12, two dozen = 24)
        assert factor > 1 and (factor == D(10) ** factor.adjusted() or row["word"] == "dozen"), row
        assert magnitude_factor(row["word"]) == factor


def test_numeral_table_schema() -> None:
    rows = read_table("numerals", required=("symbol", "kind", "value", "style", "note"), key=("symbol",))
    kinds = {"digit", "unit", "big", "tens", "point", "sign", "half", "en_digit", "en_tens", "en_article", "en_fraction"}
    for row in rows:
        assert row["kind"] in kinds, row
        assert row["style"] in {"lower", "financial", "en"}, row
        assert (row["value"] == "") == (row["kind"] in {"point", "sign"}), row


REQUIRED_MAGNITUDES = {"万": "1E4", "亿": "1E8", "万亿": "1E12", "千万": "1E7", "百万": "1E6", "十万": "1E5",
                       "千亿": "1E11", "百亿": "1E10", "兆": "1E12", "thousand": "1E3", "million": "1E6",
                       "billion": "1E9", "trillion": "1E12", "bn": "1E9"}


@pytest.mark.parametrize("word,factor", REQUIRED_MAGNITUDES.items(), ids=list(REQUIRED_MAGNITUDES))
def test_required_magnitudes(word: str, factor: str) -> None:
    assert magnitudes()[word] == D(factor)
    assert re.fullmatch(MAGNITUDE_RE, word if not word.isascii() else " " + word)


# ---------------------------------------------------------------------------------------------
# cn2an as an oracle
# ---------------------------------------------------------------------------------------------

ORACLE = ["十三亿", "两千", "三十九", "一百二十万", "〇", "零", "二百九十七亿九千六百万", "二〇三五", "一百二",
          "三万五", "十万亿", "一千零一十", "两万两千", "廿三", "一千万亿", "二十三万四千五百六十七亿", "壹仟",
          "伍仟", "肆拾", "零零七", "一亿两千万", "十一万亿"]


@pytest.mark.parametrize("text", ORACLE, ids=ORACLE)
def test_agrees_with_cn2an(text: str) -> None:
    expected = cn2an.cn2an(text, "smart")
    assert isinstance(expected, int)
    assert parse_chinese_numeral(text) == D(expected)


def _pairs() -> list[dict]:
    lines = (DATA / "cn2an_pairs.jsonl").read_text(encoding="utf-8").splitlines()
    return [rec for rec in map(json.loads, lines) if "_licence" not in rec]


PAIRS = _pairs()
PAIR_NUMBERS = [(a, c) for rec in PAIRS for a, c in rec["numbers"]]


@pytest.mark.parametrize("arabic,chinese", PAIR_NUMBERS, ids=[f"{a}={c}" for a, c in PAIR_NUMBERS])
def test_cn2an_pair_numbers_agree(arabic: str, chinese: str) -> None:
    a, c = parse_number(arabic), parse_number(chinese)
    assert a is not None and c is not None
    assert a.value == c.value


def _pair_param(rec: dict):
    marks = []
    if rec["skip"]:
        marks.append(pytest.mark.skip(reason=rec["skip"]))
    elif rec["chinese"] == "零年貳月":
        marks.append(pytest.mark.xfail(strict=True, reason="a single financial numeral (貳) is not matched: "
                                                           "伍/陆/拾 alone are words (队伍, 大陆, 收拾)"))
    return pytest.param(rec["chinese"], rec["chinese_tokens"], marks=marks, id=rec["chinese"])


@pytest.mark.parametrize("sentence,expected", [_pair_param(r) for r in PAIRS])
def test_cn2an_pair_tokens(sentence: str, expected: list[str]) -> None:
    assert tokens(sentence) == expected


# ---------------------------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_an2cn_integers_round_trip(x: int) -> None:
    written = cn2an.an2cn(x, "low")
    parsed = parse_number(written)
    assert parsed is not None, written
    assert parsed.value == x


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=-10**9, max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_an2cn_decimals_round_trip(x: Decimal) -> None:
    text = format(x, "f")
    written = cn2an.an2cn(text, "low")
    parsed = parse_number(written)
    assert parsed is not None, written
    assert parsed.value == x


# glued suffixes (5M, 2.174T) only count after a currency symbol or a decimal: see test_number_forms
SUFFIXES = {r["word"] for r in read_table("magnitudes") if r["lang"] == "en_suffix"}
MAGNITUDE_WORDS = sorted(w for w in magnitudes() if w not in SUFFIXES)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False),
       st.sampled_from(MAGNITUDE_WORDS))
def test_formatted_magnitudes(x: Decimal, word: str) -> None:
    token = f"{format(x, 'f')}{word}"
    parsed = parse_number(token)
    assert parsed is not None, token
    assert parsed.value == x * magnitudes()[word]
    assert NUMBER.fullmatch(token), token


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    parse_number(text)
    parse_chinese_numeral(text)
    to_decimal(text)
    for token in tokens(text):
        parse_number(token)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789,.-+ 零〇○一二两三四五六七八九十百千万亿兆点负廿壹伍仟萬億兩點 billionthreem", max_size=20))
def test_never_raises_on_numeral_soup(text: str) -> None:
    parsed = parse_number(text)
    if parsed is not None:
        assert D(parsed.digits) * parsed.magnitude == parsed.value
        assert parsed.precision > 0
    for token in tokens(text):
        parse_number(token)


def test_module_examples_run() -> None:
    result = doctest.testmod(factlib.claims.numbers)
    assert result.attempted > 0 and result.failed == 0
