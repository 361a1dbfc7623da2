"""Property tests of the norm → text offset map."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factlib.documents.normalize import normalize

# characters that exercise every branch: fullwidth digits and punctuation, traditional
# characters, compatibility forms that expand (½ ㎡ … ℃ ﬁ), combining marks, plain text
ALPHABET = list("0123456789０１２３４５６７８９，。：；％（）.億萬兩個網絡規模達發展人民我国网民亿万abcXYZ \n½㎡…℃ﬁ①") + [
    "e\u0301", "\u3000", "\uff21",
]
texts = st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=texts, data=st.data())
def test_any_norm_span_maps_to_text_that_normalises_to_it(text, data):
    norm, omap = normalize(text)
    a = data.draw(st.integers(0, len(norm)))
    b = data.draw(st.integers(a, len(norm)))
    s, e = omap.text_span(a, b)
    assert 0 <= s <= e <= len(text)
    back, _ = normalize(text[s:e])
    # the text span is the smallest whole-piece span: it normalises to the norm span,
    # widened only where the norm span cut into an expansion (½ → 1⁄2)
    assert norm[a:b] in back
    ns, ne = omap.norm_span(s, e)
    assert norm[ns:ne] == back
    if a < b:  # an empty span inside an expansion has no text of its own
        assert ns <= a and b <= ne


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_single_char_pieces_roundtrip(text):
    norm, omap = normalize(text)
    rebuilt = []
    pos = 0
    while pos < len(norm):
        s, e = omap.text_span(pos, pos + 1)
        ns, ne = omap.norm_span(s, e)
        rebuilt.append(normalize(text[s:e])[0])
        pos = ne
    assert "".join(rebuilt) == norm


def test_identity_for_plain_text():
    norm, omap = normalize("截至2022年12月，我国网民规模达10.67亿")
    assert omap.text_span(3, 7) == (3, 7)


@settings(max_examples=300, deadline=None)
@given(text=texts, data=st.data())
def test_vectorised_text_spans_equal_text_span(text, data):
    norm, omap = normalize(text)
    if not norm:
        return
    spans = data.draw(st.lists(st.tuples(st.integers(0, len(norm) - 1), st.integers(1, len(norm))), max_size=8))
    spans = [(a, b) for a, b in spans if a < b]
    ts, te = omap.text_spans([a for a, _ in spans], [b for _, b in spans])
    assert [(int(x), int(y)) for x, y in zip(ts, te)] == [omap.text_span(a, b) for a, b in spans]


@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_norm_is_nfkc_then_t2s_of_the_text(text):
    import unicodedata

    from factlib.vocab.t2s import to_simplified

    norm, _ = normalize(text)
    # line by line: OpenCC converts phrases, which never span a line break
    expected = "".join(to_simplified(unicodedata.normalize("NFKC", ln)) for ln in text.splitlines(keepends=True))
    assert norm == expected


def test_large_text_is_translated_in_chunks():
    from factlib.documents import normalize as nz

    text = ("网民规模达１０.６７亿，ａｂｃ…\n" * 80_000) + "e\u0301"
    assert len(text) > nz._CHUNK
    norm, omap = normalize(text)
    assert norm == nz.nfkc(text)
    assert omap.text_span(len(norm) - 1, len(norm)) == (len(text) - 2, len(text))
