"""The context pass's speed tricks (factlib/claims/context.py, vocab/areas.py) against the plain code
they replace: each shortcut must give exactly what the plain computation gives."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlib.claims import context as ctx
from factlib.claims.record import Claim
from factlib.vocab.areas import default_areas


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab；;。 \n\t\u3000\u2028", max_size=20), st.data())
def test_last_char_is_the_stripped_prefix(text, data):
    end = data.draw(st.integers(0, len(text)))
    assert ctx._last_char(text, end) == text[:end].rstrip()[-1:]


# the characters of some area names, time words and fillers, letters and punctuation
_AREA_ALPHABET = "全国中美浙江省杭州市香港北京台湾湖南华东区人民共和ChinaUSa的,，"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_AREA_ALPHABET, max_size=20))
def test_may_name_false_means_find_all_is_empty(text):
    areas = default_areas()
    if not areas.may_name(text):
        assert areas.find_all(text, simplified=True) == []
    if areas.find_all(text, simplified=True):
        assert areas.may_name(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_AREA_ALPHABET, max_size=70), st.data())
def test_area_spans_of_a_prefix_are_the_prefix_scanned(text, data):
    from factlib.vocab.areas import AreaSpans

    areas = default_areas()
    spans = AreaSpans(areas, text)
    end = data.draw(st.integers(0, len(text)))
    assert spans.find_all(0, end) == areas.find_all(text[:end], simplified=True)


# time words, comparison words before them, digits and clause marks
_TW_ALPHABET = "上年底末全年今去比较与同相前三季度第1一半月,，"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_TW_ALPHABET, max_size=24))
def test_time_word_before_from_one_scan_per_sentence(text):
    r = ctx.default_resolver()
    info = ctx._Sentence(text, r.areas)
    for local in range(len(text) + 1):
        clause_start = info.clause_start(local)
        plain = r._time_word_before(text, local, clause_start, False)
        once = r._time_word_before(text, local, clause_start, False, info)
        assert once == plain, (text, local)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="过去这年来一二两五十九三近的去”\"期间时0-9 ", max_size=16))
def test_span_literals_hold_every_span_match(text):
    if ctx._SPAN_LITERALS_ZH.search(text) is None:
        for rx in (ctx._PAST_YEARS_SPAN, ctx._PAST_YEAR_SPAN, ctx._FIVE_YEAR_SPAN):
            assert rx.search(text) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="over in during the past last two five 12 months year years", max_size=40))
def test_span_literals_en_hold_every_span_match(text):
    if ctx._SPAN_LITERALS_EN.search(text) is None:
        assert ctx._PAST_YEARS_EN.search(text) is None
        assert ctx._PAST_YEAR_EN.search(text) is None


def _claim(**kw) -> Claim:
    base = dict(doc_id="d", claim_id="d:0-3:x", sentence_id=0, start=0, end=3, surface="5.2%", sentence="增长5.2%",
                value=None, low=None, high=None, precision=None, qualifier="", kind="growth_rate", unit="%",
                metric="GDP", metric_key="", period="2024", period_basis="explicit", lang="zh-Hans",
                direction="up", unit_surface="%", period_doubt="d", area="X", area_basis="y")
    base.update(kw)
    return Claim(**base)


@pytest.mark.parametrize("kind", ["growth_rate", "date", "year"])
def test_resolved_and_timed_are_replace(kind):
    c = _claim(kind=kind)
    fields = dict(unit="CNY", metric="m", metric_key="k", period="2023", period_basis="context",
                  period_type="interval", granularity="year", period_doubt="", area="CN", area_basis="phrase",
                  change="rel_change", base_period="2022")
    assert ctx._resolved(c, *fields.values()) == c._replace(**fields)
    assert type(ctx._resolved(c, *fields.values())) is Claim
    own = c.period
    assert ctx._timed(c) == c._replace(period_type=("point" if own and c.kind == "date" else ""),
                                       granularity=ctx.period_granularity(own), change="", base_period="")
