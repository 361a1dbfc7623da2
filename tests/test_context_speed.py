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
        # a sentence scanned only up to a limit at or after the claim (its last claim) answers the same
        for limit in {local, local + 1, len(text) // 2 + local // 2}:
            cut = ctx._Sentence(text, r.areas, max(limit, local))
            assert r._time_word_before(text, local, clause_start, False, cut) == plain, (text, local, limit)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="过去这年来一二两五十九三近的去”\"期间时0-9 ", max_size=16))
def test_span_literals_hold_every_span_match(text):
    # the literal tests of _span_in: a text without them has no match of the pattern
    if not ("过去" in text or "年来" in text or "这" in text):
        assert ctx._PAST_YEARS_SPAN.search(text) is None
    if "一年" not in text:
        assert ctx._PAST_YEAR_SPAN.search(text) is None
    if "五" not in text:
        assert ctx._FIVE_YEAR_SPAN.search(text) is None
        assert ctx._FIVE_YEAR.search(text) is None  # plan_in


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


# ---- session 6: real sentences of the sample corpus (Chinese in both scripts, English) ---------------
_SAMPLE = __import__("pathlib").Path(__file__).parent / "data" / "corpus_sample"


def _sample_lines() -> list[str]:
    lines = []
    for path in sorted(_SAMPLE.glob("*.txt")):
        lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


def test_nfkc_and_norm_on_sample_sentences():
    import unicodedata

    from factlib.vocab.t2s import to_simplified

    lines = _sample_lines()
    assert len(lines) > 200
    for ln in lines:
        assert ctx._nfkc(ln) == unicodedata.normalize("NFKC", ln)
        # the plain _norm: NFKC, then t2s, each only when it keeps the length
        s = ln
        if not s.isascii():
            n = unicodedata.normalize("NFKC", s)
            s = n if len(n) == len(s) else s
            n = to_simplified(s)
            s = n if len(n) == len(s) else s
        assert ctx._norm(ln) == s.lower()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="，（）；：％．！Ａ１２ａ\u3000㎡½é\u0301e\u0308ﬁ國国中Å\u212bK\u00a0…", max_size=24))
def test_nfkc_is_unicodedata(text):
    import unicodedata

    assert ctx._nfkc(text) == unicodedata.normalize("NFKC", text)


def test_t2s_pattern_matches_every_changing_character():
    from factlib.vocab.t2s import changing_chars

    rx = ctx._t2s_may_change()
    chars = changing_chars()
    if chars is None:
        assert rx is None
        return
    assert all(rx.search(ch) for ch in chars)
    assert rx.search("\udc80") and rx.search("\U00020000")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="國国發发這这們们中文台臺灣湾\udc81\U00020001年，。abc", max_size=16))
def test_no_t2s_match_means_text_is_simplified(text):
    from factlib.vocab.t2s import to_simplified

    rx = ctx._t2s_may_change()
    if rx is not None and rx.search(text) is None:
        assert to_simplified(text) == text


def test_t2s_pattern_on_sample_sentences():
    from factlib.vocab.t2s import to_simplified

    rx = ctx._t2s_may_change()
    for ln in _sample_lines():
        if rx is not None and rx.search(ln) is None:
            assert to_simplified(ln) == ln


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="，,；;。：:！？!?、\n增长了5%", max_size=30), st.data())
def test_clause_start_is_after_the_last_delimiter(text, data):
    from bisect import bisect_right

    info = ctx._Sentence(text, default_areas())
    ends = [m.end() for m in ctx._CLAUSE.finditer(text)]
    pos = data.draw(st.integers(-2, len(text) + 2))
    i = bisect_right(ends, pos) - 1
    assert info.clause_start(pos) == (ends[i] if i >= 0 else 0)


def test_clause_start_on_sample_sentences():
    from bisect import bisect_right

    for ln in _sample_lines()[:400]:
        info = ctx._Sentence(ln, default_areas())
        ends = [m.end() for m in ctx._CLAUSE.finditer(ln)]
        for pos in range(0, len(ln) + 1, 3):
            i = bisect_right(ends, pos) - 1
            assert info.clause_start(pos) == (ends[i] if i >= 0 else 0)


_heading = st.builds(lambda start, period, top, run, several: ctx._Heading(start, period, top, run, several),
                     st.integers(0, 50), st.sampled_from(["", "2014", "2023"]), st.booleans(),
                     st.sampled_from(["", "2016/2020"]), st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.lists(_heading, max_size=8))
def test_section_answers_are_the_heading_walk(headings):
    headings = sorted(headings, key=lambda h: h.start)
    starts = [h.start for h in headings]
    at, one = ctx.ContextResolver._section_answers(headings)
    from bisect import bisect_right

    for pos in range(-1, 53):
        i = bisect_right(starts, pos)
        assert at[i] == ctx.ContextResolver._heading_at(headings, starts, pos)
        assert one[i] == ctx.ContextResolver._one_year_section(headings, starts, pos)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="chinaCHINAbeijngusUSſKk \u212a中国，", max_size=30))
def test_english_area_guard_changes_no_match(text):
    import re as std_re

    areas = default_areas()
    plain = std_re.compile(areas._en.pattern.split("])", 1)[1], std_re.I)  # without the look-ahead guard
    assert areas._en.pattern.startswith("(?=[")
    assert [m.span() for m in areas._en.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_english_area_guard_on_sample_sentences():
    import re as std_re

    areas = default_areas()
    plain = std_re.compile(areas._en.pattern.split("])", 1)[1], std_re.I)
    for ln in _sample_lines():
        assert [m.span() for m in areas._en.finditer(ln)] == [m.span() for m in plain.finditer(ln)]


def test_sentence_limit_changes_no_area_answer():
    # the areas of the sentence's opening, whatever the limit of its time-word scan
    areas = default_areas()
    for ln in _sample_lines()[:300]:
        full = ctx._Sentence(ln, areas)
        for limit in range(0, len(ln) + 1, 7):
            cut = ctx._Sentence(ln, areas, limit)
            for b in range(0, len(ln) + 1, 5):
                assert cut.areas_before(b) == full.areas_before(b) == areas.find_all(ln[:b][:60], simplified=True)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_AREA_ALPHABET + "ſKıİTürkiye", max_size=20))
def test_may_name_is_a_letter_or_a_chinese_name(text):
    from factlib.vocab.areas import _LETTER

    areas = default_areas()
    assert areas.may_name(text) == (_LETTER.search(text) is not None or areas._zh.search(text) is not None)


def test_may_name_on_sample_sentences():
    from factlib.vocab.areas import _LETTER

    areas = default_areas()
    for ln in _sample_lines():
        for piece in (ln, ln[:20], ln[-15:]):
            assert areas.may_name(piece) == (_LETTER.search(piece) is not None
                                             or areas._zh.search(piece) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="2019年 底末end of,，", max_size=20))
def test_year_end_literals_hold_every_match(text):
    if "底" not in text and "末" not in text:
        assert ctx._YEAR_END.search(text) is None
    if "end of" not in text:
        assert ctx._END_OF_YEAR.search(text) is None
    info = ctx._Sentence(text, default_areas())
    import re as std_re

    for year in ("2019", "2020"):
        plain = std_re.search(rf"{year}\s*年\s*(?:底|末)|end of\s*{year}", text) is not None
        assert info.year_end(year) == plain


# ---- session 7: the pass with each shortcut switched off gives the same claims ------------------------
def _sample_inputs():
    """(document, its claims before the context pass) for every file of the sample corpus and every
    item of the trust set."""
    import factlib.claims.extract as extract_module
    from factlib.claims.extract import Extractor
    from factlib.documents.load import load_document

    from factlib.claims.evaluate import gold_document, load_gold

    got = []
    original = extract_module.resolve_claims
    extract_module.resolve_claims = lambda doc, claims: got.append((doc, list(claims))) or claims
    try:
        ex = Extractor()
        for path in sorted(_SAMPLE.glob("*.txt")):
            ex.extract(load_document(path))
        # the trust set: sentences after their headings and paragraphs, with a title and a date
        for g in load_gold(_SAMPLE.parent / "trust_dev.jsonl"):
            ex.extract(gold_document(g)[0])
    finally:
        extract_module.resolve_claims = original
    assert sum(len(c) for _, c in got) > 1000
    return got


@pytest.fixture(scope="module")
def sample_inputs():
    return _sample_inputs()


def _resolve_all(resolver, inputs):
    return [resolver.resolve(doc, claims) for doc, claims in inputs]


def test_shortcuts_off_give_the_same_claims(sample_inputs, monkeypatch):
    fast = _resolve_all(ctx.ContextResolver(), sample_inputs)
    # the plain paths: every clause scanned for area names (no sentence-wide test first), the time
    # words of each claim by a scan of its own (no per-sentence table read in _one), no remembered
    # granularity
    monkeypatch.setattr(ctx._Sentence, "may_name", lambda self: True)
    monkeypatch.setattr(ctx._Memo, "__missing__", lambda self, key: self.fn(key))  # nothing remembered
    plain = ctx.ContextResolver()
    plain._tw_zh_plain = False
    assert _resolve_all(plain, sample_inputs) == fast


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="截至止到今年底末2019年月日比较与同相前的,，", max_size=24))
def test_literal_gates_of_the_point_and_base_patterns(text):
    # _one searches point_wide_zh only in text holding 截, and _BASE_BEFORE only in text holding 比
    r = ctx.default_resolver()
    assert r.point_wide_zh.pattern  # the table lists 截至/截止 words
    if "截" not in text:
        assert r.point_wide_zh.search(text) is None
    if "比" not in text:
        assert ctx._BASE_BEFORE.search(text) is None


def test_point_wide_words_all_hold_the_gate_literal():
    from factlib.vocab.cues import default_cues

    words = [w for w in default_cues().words("point") if not w.isascii() and w.startswith(("截至", "截止"))]
    assert words and all("截" in w for w in words)


def test_a_sentence_naming_no_area_has_no_clause_naming_one():
    # _area skips the clause's search when the sentence may name none: every stretch of a text is
    # searched by the same letter class and the Chinese names' pattern, which has no look-around or
    # anchor (a match inside a stretch is a match in the whole text)
    from factlib.vocab.areas import _LETTER

    areas = default_areas()
    assert not any(t in areas._zh.pattern for t in ("(?=", "(?!", "(?<", "\\b", "^", "$"))
    assert _LETTER.pattern.startswith("[") and _LETTER.pattern.endswith("]") and _LETTER.pattern.count("[") == 1
    for ln in _sample_lines():
        if not areas.may_name(ln):
            for a in range(0, len(ln), 4):
                for b in range(a, len(ln) + 1, 6):
                    assert not areas.may_name(ln[a:b]) and areas.find_all(ln[a:b], simplified=True) == []


# ---- session 8 ---------------------------------------------------------------------------------------
def test_letter_class_is_the_case_folded_ascii_letters():
    # areas._LETTER (no re.I) matches exactly the characters [A-Za-z] matches under re.I: the English
    # names' look-arounds, may_name and AreaSpans' slice test all rely on that one set
    import re as std_re
    import sys

    from factlib.vocab.areas import _LETTER

    folded = std_re.compile(r"[A-Za-z]", std_re.I)
    assert not _LETTER.flags & std_re.I
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        assert (folded.match(ch) is None) == (_LETTER.match(ch) is None), hex(cp)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="增长了比上年同期总值GDPm2的1995年0-9.%和及、,， ", max_size=24))
def test_tail_explanation_stops_once_nothing_is_left(tail):
    # _explain_tail returns as soon as the text is used up: the same answer as every step run
    r = ctx.default_resolver()
    t = ctx._TAIL_PUNCT.sub("", tail)
    plain = False
    if len(t) <= 20:
        for rx in (ctx._TAIL_DATES, r._tail_words, ctx._TAIL_VS, ctx._TAIL_TOTALS, ctx._TAIL_YEARS, ctx._TAIL_REST):
            t = rx.sub("", t)
        plain = t == ""
    assert r._explain_tail(tail) == plain
