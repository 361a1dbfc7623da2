"""The long tail of number forms (issue 14) at the parser level, and cn2an in the run-time path
(issue 11): Chinese numerals that cn2an reads go through it; factlib's grammar keeps the forms it
rejects or misreads.  The differential tests generate numerals and compare the two readers.
"""
from __future__ import annotations

import random
import re
import unicodedata
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import factlib.claims.numbers as numbers
from factlib.claims.numbers import NUMBER_RE, parse_number

D = Decimal
NUMBER = re.compile(NUMBER_RE)


def tokens(text: str) -> list[str]:
    return [m.group(0) for m in NUMBER.finditer(unicodedata.normalize("NFKC", text))]


# (token, value, precision, kind): English words, suffixes, notations, fractions, Chinese magnitudes
FORMS = [
    ("a hundred and two", "102", "0.5", "number"),
    ("one hundred and two", "102", "0.5", "number"),
    ("three million, two hundred & forty", "3000240", "5", "number"),
    ("two and a half", "2.5", "0.25", "number"),
    ("eleven and a half trillion", "11500000000000", "250000000000", "number"),
    ("one point six trillion", "1600000000000", "50000000000", "number"),
    ("a hundred and sixty million", "160000000", "5000000", "number"),
    ("Two and a half million", "2500000", "250000", "number"),
    ("a dozen", "12", "6", "number"),
    ("two dozen", "24", "6", "number"),
    ("zero", "0", "0.5", "number"),
    ("twenty-two", "22", "0.5", "number"),
    ("one sixth", "0.1666666666666666666666666667", "0", "fraction"),
    ("two thirds", "0.6666666666666666666666666667", "0", "fraction"),
    ("three halves", "1.5", "0", "fraction"),
    ("one-half", "0.5", "0", "fraction"),
    ("a quarter", "0.25", "0", "fraction"),
    ("a quarter of a trillion", "250000000000", "0", "number"),
    ("a quarter million", "250000", "0", "number"),
    ("half a million", "500000", "0", "number"),
    ("half-a-billion", "500000000", "0", "number"),
    ("2.174T", "2174000000000", "500000000", "number"),
    ("10M", "10000000", "500000", "number"),
    ("10B", "10000000000", "500000000", "number"),
    ("0.5k", "500", "50", "number"),
    ("10 000", "10000", "0.5", "number"),
    ("4e14", "400000000000000", "50000000000000", "number"),
    ("-1e-3", "-0.001", "0.0005", "number"),
    ("9.83e-3", "0.00983", "0.000005", "number"),
    ("2.48\u00d710\u22125", "0.0000248", "5E-8", "number"),
    ("1/4", "0.25", "0", "fraction"),
    ("1/40", "0.025", "0", "fraction"),
    ("2 1/2", "2.5", "0", "fraction"),
    ("\u2153", "0.3333333333333333333333333333", "0", "fraction"),  # ⅓
    ("\u00bd", "0.5", "0", "fraction"),  # ½
    ("2\u00bd", "2.5", "0", "fraction"),  # 2½ (NFKC: 21⁄2)
    ("百万亿", "100000000000000", "50000000000000", "number"),
    ("千亿", "100000000000", "50000000000", "number"),
    ("千万", "10000000", "5000000", "number"),
    ("半", "0.5", "0", "number"),  # half: a token only before a unit (半斤, 半年, 半成)
    ("零下四", "-4", "0.5", "number"),
    ("三亿一万", "300010000", "5000", "number"),  # cn2an's reading (factlib's grammar rejected it)
]


@pytest.mark.parametrize("token,value,precision,kind", FORMS, ids=[f[0] for f in FORMS])
def test_form(token: str, value: str, precision: str, kind: str) -> None:
    p = parse_number(token)
    assert p is not None
    assert (p.value, p.precision, p.kind) == (D(value), D(precision), kind)


NOT_NUMBERS = [
    ("9/11", "an event, not 9 elevenths (a slash fraction needs a small denominator or numerator 1)"),
    ("24/7", "improper with a slash"),
    ("81/2", "improper with a slash (OCR of 8½)"),
    ("1/0", "zero denominator"),
    ("half", "half alone"),
    ("thousand million", "magnitudes must fall"),
    ("two one", "two cardinals side by side"),
    ("一百二三", "a vague range"),
    ("百", "a unit without a digit or magnitude"),
]


@pytest.mark.parametrize("token", [t for t, _ in NOT_NUMBERS], ids=[r for _, r in NOT_NUMBERS])
def test_not_a_number(token: str) -> None:
    assert parse_number(token) is None


# NUMBER_RE: which spans are tokens
TOKENS = [
    ("I want a hundred and two of those", ["a hundred and two"]),
    ("three million, two hundred & forty, you say?", ["three million, two hundred & forty"]),
    ("It is 2 1/2 in thick", ["2 1/2"]),
    ("There is a \u2153 cup of sauce and \u00bd tbsp of salt", ["1\u20443", "1\u20442"]),
    ("Its GDP is $2.174T.", ["2.174T"]),
    ("valued 10 000 dollars.", ["10 000"]),
    ("call 0800 555 111 now", ["0800", "555", "111"]),  # spaced groups only before a unit word
    ("the 401k plan and a B-1B bomber", ["401", "1"]),  # glued suffix only after a currency or a decimal
    ("Violet light oscillates at 4e14 s-1", ["4e14", "1"]),
    ("a factor of 2.48\u00d710\u22125", ["2.48\u00d710\u22125"]),
    ("突破百万亿元", ["百万亿"]),
    ("超过千亿元", ["千亿"]),
    ("a third way", ["a third"]),  # the extractor decides: a fraction only before 'of'
]


@pytest.mark.parametrize("text,expected", TOKENS, ids=[t for t, _ in TOKENS])
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


# ---------------------------------------------------------------------------------------------
# cn2an in the run-time path, and the differential test against factlib's own grammar
# ---------------------------------------------------------------------------------------------

def grammar(token: str):
    """factlib's own positional grammar, cn2an switched off."""
    saved = numbers._by_cn2an
    numbers._by_cn2an = lambda _t: False
    try:
        return numbers._parse_cn(token)
    finally:
        numbers._by_cn2an = saved


def test_common_forms_go_through_cn2an() -> None:
    numbers.clear_cache()
    numbers._cn2an_int.cache_clear()
    for token in ("一百二十万", "两千", "二百九十七亿九千六百万", "伍仟"):
        assert numbers._by_cn2an(token), token
        assert parse_number(token) is not None
    assert numbers._cn2an_int.cache_info().misses == 4


# the forms that stay with factlib's grammar (listed in the numbers module docstring)
OWN_GRAMMAR = [
    ("13.79万亿", "13790000000000", "Arabic digits with a stacked magnitude"),
    ("4亿5000万", "450000000", "Arabic digits in myriad sections"),
    ("卅四", "34", "卅 (cn2an rejects it)"),
    ("廿三", "23", "廿"),
    ("三万八○六六", "38066", "a section written digit by digit with ○"),
    ("二〇三五", "2035", "digit by digit (cn2an strict rejects, normal misreads in sections)"),
    ("五四二点五亿", "54250000000", "an exact decimal (cn2an returns a float)"),
    ("一点五七", "1.57", "an exact decimal"),
    ("两兆", "2000000000000", "兆 as 10^12"),
    ("一亿五", "150000000", "an abbreviated last digit after 亿 (cn2an raises KeyError)"),
    ("十亿十九万", "1000190000", "十 starting a section after 亿 (cn2an reads 1000090000)"),
    ("百万亿", "100000000000000", "a magnitude without a digit"),
    ("六万万", "600000000", "archaic 万万"),
]


@pytest.mark.parametrize("token,value,why", OWN_GRAMMAR, ids=[t for t, _v, _w in OWN_GRAMMAR])
def test_own_grammar_forms(token: str, value: str, why: str) -> None:
    assert not numbers._by_cn2an(token) or numbers._cn2an_int(token) is None, why
    p = parse_number(token)
    assert p is not None and p.value == D(value)


def test_cn2an_is_wrong_where_factlib_keeps_its_grammar() -> None:
    assert cn2an.cn2an("十亿十九万", "strict") == 1000090000  # not 1000190000
    with pytest.raises(ValueError):
        cn2an.cn2an("卅四", "strict")


_ALPHABET = "零一二两三四五六七八九十百千万亿"


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=1, max_value=10**16 - 1))
def test_differential_on_written_integers(x: int) -> None:
    """an2cn's numerals: cn2an's reading (the run-time path) equals factlib's grammar, value and precision."""
    written = cn2an.an2cn(x, "low")
    a, g = parse_number(written), grammar(written)
    assert a is not None and g is not None
    assert (a.value, a.precision, a.magnitude) == (g.value, g.precision, g.magnitude) == (a.value, a.precision, a.magnitude)
    assert a.value == x


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=8))
def test_differential_on_random_numerals(text: str) -> None:
    """Random strings of numeral characters: wherever factlib's grammar reads a number, the
    run-time path (cn2an when it applies) gives the same value and precision.  The one allowed
    difference: a second section without 零 after 亿 (三亿一万), which cn2an reads and the
    grammar rejected."""
    run, g = numbers._parse_cn(text), grammar(text)
    if g is not None:
        assert run is not None and (run.value, run.precision) == (g.value, g.precision)
    elif run is not None:
        assert numbers._by_cn2an(text) and re.search("亿[一二两三四五六七八九]万", text), text


def test_differential_sample_is_mostly_cn2an() -> None:
    """On a fixed sample of an2cn numerals most tokens take the cn2an path (it is the run-time reader)."""
    rng = random.Random(7)
    written = [cn2an.an2cn(rng.randrange(1, 10**12), "low") for _ in range(200)]
    assert sum(numbers._by_cn2an(w) for w in written) >= 190
