"""Extraction never raises, spans always quote the text, and written numbers come back exactly."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import cn2an
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factlib.documents.load import document_from_text
from factlib.claims.extract import extract_claims
from factlib.claims.numbers import magnitudes

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
NUMERIC = st.sampled_from(list("0123456789.,%-~至到万亿千百十一二两三四五六七八九〇零年月日第约超近以上下左右元人个")) | st.characters(blacklist_categories=("Cs",))


def _check(text: str, lang: str | None = None) -> list:
    doc = document_from_text(text, date="2023-06-15", lang=lang)
    claims = extract_claims(doc)
    for c in claims:
        assert 0 <= c.start <= c.end <= len(doc.text)
        assert doc.text[c.start:c.end] == c.surface
    return claims


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_random_unicode_never_raises(text):
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(NUMERIC, max_size=60), st.sampled_from(["zh-Hans", "zh-Hant", "en", "mixed"]))
def test_number_soup_never_raises(text, lang):
    _check(text, lang)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**12))
def test_an2cn_numbers_come_back(n):
    """A number written out by cn2an (e.g. 一百二十万) followed by 元 is read back exactly."""
    written = cn2an.an2cn(n, "low")
    claims = _check(f"收入{written}元。")
    assert [c.value for c in claims if c.unit == "CNY"] == [Decimal(n)]


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2, allow_nan=False,
                   allow_infinity=False),
       st.sampled_from([w for w in magnitudes() if not w.isascii() and w not in ("百", "千")]))
def test_formatted_magnitudes_come_back(x, word):
    """'{x}亿元' (every Chinese magnitude word of the table) is read back as x times the factor."""
    claims = _check(f"总额为{x}{word}元。")
    assert [c.value for c in claims if c.unit == "CNY"] == [x * magnitudes()[word]]


@pytest.mark.parametrize("path", SEEDS, ids=[p.name[:3] for p in SEEDS])
def test_seed_spans_quote_the_text(path):
    from factlib.documents.load import load_document

    doc = load_document(path)
    claims = extract_claims(doc)
    assert claims
    for c in claims:
        assert doc.text[c.start:c.end] == c.surface
        assert c.sentence == doc.sentences[c.sentence_id].text
    assert len({c.claim_id for c in claims}) == len(claims)


@given(st.text(max_size=12), st.integers(0, 10**7), st.integers(0, 10**7))
def test_claim_ids_for_a_document_equal_claim_id(doc_id, start, end):
    from factlib.claims.record import claim_id, claim_ids

    assert claim_ids(doc_id, [(start, end), (end, start)]) == [claim_id(doc_id, start, end),
                                                              claim_id(doc_id, end, start)]
