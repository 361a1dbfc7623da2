"""The extractor's speed tricks (factlib/claims/speed.py) against plain implementations."""
from __future__ import annotations

import gc
import re
from array import array
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlib.claims import numbers
from factlib.claims.scan import load_idioms
from factlib.claims.speed import collector_paused, find_phrases, group_by_sentence, parse_cached
from factlib.vocab.regexes import alternation


def _flat(ws):
    return "|".join(re.escape(w) for w in sorted(set(ws), key=lambda w: (-len(w), w)))


def _spans(pattern, text):
    return [m.span() for m in re.finditer(pattern, text)]


# ---- alternation(guard=True): wide branches (>= 8 first characters) get a look-ahead -----------------
WIDE = "abcdefghij"
wide_words = st.lists(st.text(alphabet=WIDE, min_size=1, max_size=3), min_size=8, max_size=40)
wide_texts = st.text(alphabet=WIDE + "xy", max_size=60)


def test_guard_is_written_for_a_wide_branch():
    # the oracle below is only worth something if the guard appears: a fixed case that shows it
    words = list("abcdefgh") + ["ab", "ac"]
    assert alternation(words, guard=True).startswith("(?=[abcdefgh])")
    assert "(?=" not in alternation(words[:7], guard=True)


@settings(max_examples=400, deadline=None)
@given(ws=wide_words, text=wide_texts)
def test_guarded_alternation_matches_the_plain_one(ws, text):
    guarded = alternation(ws, guard=True)
    assert _spans(guarded, text) == _spans(_flat(ws), text)
    # where the guard is meant to sit: inside a longer pattern, after something, with backtracking
    assert _spans(f"[xy](?:{guarded})(?![ab])", text) == _spans(f"[xy](?:{_flat(ws)})(?![ab])", text)
    assert _spans(f"(?:{guarded})(?:a|)y", text) == _spans(f"(?:{_flat(ws)})(?:a|)y", text)


# ---- find_phrases: leftmost-longest, non-overlapping ----------------------------------------------
def _plain_phrases(text, phrases):
    """At each position the longest phrase that starts there, then on from its end."""
    out, i = [], 0
    ps = sorted(set(phrases), key=len, reverse=True)
    while i < len(text):
        hit = next((p for p in ps if text.startswith(p, i)), None)
        if hit is None:
            i += 1
        else:
            out.append((i, i + len(hit), hit))
            i += len(hit)
    return out


@settings(max_examples=400, deadline=None)
@given(phrases=st.lists(st.text(alphabet="半个世纪年代十", min_size=1, max_size=4), min_size=1, max_size=10),
       text=st.text(alphabet="半个世纪年代十近", max_size=60))
def test_find_phrases_is_leftmost_longest(phrases, text):
    assert [tuple(h) for h in find_phrases(text, phrases)] == _plain_phrases(text, phrases)
    assert [tuple(h) for h in find_phrases(text, phrases)] == [m.span() + (m.group(),) for m in
                                                               re.finditer(_flat(phrases), text)]


IDIOMS = sorted(load_idioms()[0])
idiom_text = st.lists(st.one_of(st.sampled_from(IDIOMS), st.text(alphabet="近约一个半世纪年代", max_size=3)),
                      max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=idiom_text)
def test_find_phrases_on_the_shipped_phrases(text):
    assert [tuple(h) for h in find_phrases(text, IDIOMS)] == _plain_phrases(text, IDIOMS)


# ---- group_by_sentence ------------------------------------------------------------------------------
class _At:
    def __init__(self, s):
        self.s = s


@settings(max_examples=200, deadline=None)
@given(starts=st.lists(st.integers(0, 500), max_size=20, unique=True).map(sorted),
       offsets=st.lists(st.integers(0, 600), max_size=30))
def test_group_by_sentence(starts, offsets):
    items = [_At(o) for o in offsets]
    plain: dict[int, list] = {}
    for it in items:
        plain.setdefault(max(0, bisect_right(starts, it.s) - 1), []).append(it)
    assert group_by_sentence(array("q", starts), items) == plain
    assert group_by_sentence(starts, items) == plain


# ---- the collector pause and the parse cache ---------------------------------------------------------
@pytest.mark.parametrize("was_on", [True, False], ids=["on", "off"])
def test_collector_paused_restores_the_state(was_on):
    before = gc.isenabled()
    try:
        (gc.enable if was_on else gc.disable)()
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is was_on
        with pytest.raises(KeyError), collector_paused():
            raise KeyError("x")
        assert gc.isenabled() is was_on
    finally:
        (gc.enable if before else gc.disable)()


@pytest.mark.parametrize("token", ["10.67亿", "三万八○六六", "1,234", "二〇三五", "not a number", "百分"])
def test_parse_cached_is_parse_number(token):
    try:
        expected = numbers.parse_number(token)
    except (ValueError, ArithmeticError):
        expected = None
    assert parse_cached(token) == expected


# ---- context._nfkc: NFKC by a per-character table, checked to be normal ---------------------------
# the characters that make NFKC compose or reorder across characters (a letter and its combining
# marks, Hangul jamo, fullwidth and compatibility forms), mixed with ordinary Chinese text
_NFKC_ALPHABET = ("aeiouAEI\u0301\u0300\u0327\u0308\u0345\u0323\u1100\u1161\u11a8\uac00\uff0c\uff11\uff21"
                  "\u2460\u00bd\u2026\u3000\u3099\u309a\u304b\u30ab\uf98e\ufb01\u1025\u102e\u0b47\u0b3e"
                  "年增长，。％%1.2")


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=_NFKC_ALPHABET, max_size=24) | st.text(max_size=24))
def test_context_nfkc_is_unicodedata_nfkc(text):
    import unicodedata

    from factlib.claims.context import _nfkc

    assert _nfkc(text) == unicodedata.normalize("NFKC", text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="2018９年底末 end of,，", max_size=30), st.sampled_from(["2018", "2019", "0181", "201８", "18年"]))
def test_sentence_year_end_is_the_search(text, year):
    import re as plain_re

    from factlib.claims.context import _Sentence
    from factlib.vocab.areas import default_areas

    expected = plain_re.search(rf"{year}\s*年\s*(?:底|末)|end of\s*{year}", text) is not None
    assert _Sentence(text, default_areas()).year_end(year) == expected


# ---- documents.normalize: a line holding slow characters read only around them ---------------------
def _nfkc_line_plain(line: str, out: list, b) -> None:
    """Every cluster of the line (a character and its combining marks or jamo) normalised on its own."""
    import unicodedata

    i, n = 0, len(line)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(line[j]) or "\u1160" <= line[j] <= "\u11ff"):
            j += 1
        cluster = line[i:j]
        norm = unicodedata.normalize("NFKC", cluster)
        if len(norm) == len(cluster) == 1:
            b.same(1)
        else:
            b.piece(len(norm), len(cluster))
        out.append(norm)
        i = j


_LINE_ALPHABET = (_NFKC_ALPHABET + "\u3131\u314f\u1160\u11ff\u0958\u093c\U0001d165\U0001d15e\U0001d400\u2026\u00bd\n"
                  "\ud800网民规模达")


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=_LINE_ALPHABET, max_size=30) | st.text(max_size=30))
def test_nfkc_line_reads_only_around_slow_characters(text):
    from factlib.documents import normalize as nz

    single, slow = nz._compat_tables()
    fast = nz._translate_chunk(text, single, slow, 0, [])
    out, b = [], nz._Builder()
    nz._nfkc_line(text, fast, slow, out, b)
    out0, b0 = [], nz._Builder()
    _nfkc_line_plain(text, out0, b0)
    assert ("".join(out), b.segs) == ("".join(out0), b0.segs)


# ---- vocab.lexicon: aliases found by one search per hit ------------------------------------------
def _find_plain(lex, norm: str) -> list:
    """The longest alias at every position: ``_at`` of each position (the plain definition)."""
    return [m for p in range(len(norm)) if (m := lex._at(norm, p)) is not None]


_LEXICON_ALPHABET = "国内生产总值增长率网民规模人口城镇新增就业居民消费价格指数 gdpratesunemployment,0123的和及%"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_LEXICON_ALPHABET, max_size=40))
def test_lexicon_find_is_at_of_every_position(text):
    from factlib.vocab.lexicon import default_lexicon

    lex = default_lexicon()
    assert lex._find(text) == _find_plain(lex, text)


def test_lexicon_find_on_real_phrases():
    from factlib.vocab.lexicon import default_lexicon, normalize_phrase

    lex = default_lexicon()
    phrases = ["全年国内生产总值1210207亿元", "我国网民规模达10.67亿人", "城镇新增就业1206万人",
               "the unemployment rate in urban areas", "GDP growth rates of provinces", "居民消费价格上涨2%"]
    for ph in phrases:
        norm = normalize_phrase(ph)
        assert lex._find(norm) == _find_plain(lex, norm)
        assert lex._find(norm), ph  # the oracle compares something


# ---- cheap tests before a search: the same answers as without them -------------------------------
class _Everything:
    def __contains__(self, _item) -> bool:
        return True


_QUAL_ALPHABET = "约近超逾多余以上下左右在为大约 about nearly over 12.5%亿人年，,"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_QUAL_ALPHABET, max_size=12), st.text(alphabet=_QUAL_ALPHABET, max_size=4),
       st.sampled_from([None, "多", "余"]), st.sampled_from([None, "以上", " 左右", " or more"]))
def test_qualifier_cheap_test_is_the_full_reading(before, after, q1, q3):
    from factlib.claims.extract import default_extractor
    from factlib.claims.mention import Mention
    from factlib.claims.scan import Groups

    scanner = default_extractor().scanner
    norm = before + "12" + after
    g = Groups("12", q1, None, None, None, None, None, None, None, None, None, q3)
    fast, full = Mention(len(before), len(before) + 2), Mention(len(before), len(before) + 2)
    saved = scanner._qualifier_cue_chars
    try:
        q_fast = scanner._qualifier(fast, g, norm)
        scanner._qualifier_cue_chars = _Everything()  # the cheap test never answers: the full reading
        q_full = scanner._qualifier(full, g, norm)
    finally:
        scanner._qualifier_cue_chars = saved
    assert (q_fast, fast.s) == (q_full, full.s)


_BACKREF_ALPHABET = "这是即为此数就个字截至年我国网民规模 \t\u3000,。"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_BACKREF_ALPHABET, max_size=24))
def test_backref_cheap_test_is_the_search(clause):
    from factlib.claims.attribution import default_attributor

    attr = default_attributor()
    saved = attr._backref_before_ends
    try:
        fast = attr.backref(clause, 0, len(clause), False)
        attr._backref_before_ends = ("",)  # every clause passes: the search alone decides
        full = attr.backref(clause, 0, len(clause), False)
    finally:
        attr._backref_before_ends = saved
    assert fast == full


def test_backref_before_cue_found():
    from factlib.claims.attribution import default_attributor

    text = "我国网民规模即为此数 \u3000"
    a, b = default_attributor().backref(text, 0, len(text), False)
    assert text[a:b] == "我国网民规模"


# ---- QualifierTable.before_word: only the lengths of the words that end in the character before ----
def _before_word_plain(table, norm: str, pos: int):
    """before_word as it was: every length up to the longest word, longest first."""
    end = pos - 1 if pos > 0 and norm[pos - 1] == " " else pos
    if end <= 0 or norm[end - 1] not in table.before_last:
        return None
    for k in range(min(table.max_before, end), 0, -1):
        w = norm[end - k:end]
        q = table.before.get(w) or (table.before.get(w.lower()) if w.isascii() else None)
        if q is not None:
            if w.isascii() and end - k > 0 and norm[end - k - 1].isalpha():
                continue
            return w, q
    return None


def _qualifier_texts():
    from factlib.vocab.qualifiers import default_qualifiers

    words = sorted(default_qualifiers().before)
    # the qualifier words, their upper-case forms, pieces of them and a few letters and characters
    pieces = words + [w.upper() for w in words if w.isascii()] + [w.title() for w in words if w.isascii()] \
        + [w[1:] for w in words if len(w) > 1] + list("ab 近达为在") + ["lap", "in ", "最"]
    return st.lists(st.sampled_from(pieces), max_size=5).map("".join)


@settings(max_examples=600, deadline=None)
@given(_qualifier_texts())
def test_before_word_gives_what_every_length_gives(text):
    from factlib.vocab.qualifiers import default_qualifiers

    table = default_qualifiers()
    for norm in (text, text + "5", text + " 5"):
        for pos in range(len(norm) + 1):
            assert table.before_word(norm, pos) == _before_word_plain(table, norm, pos), (norm, pos)


def test_before_word_on_the_sample_corpus_gives_what_every_length_gives():
    from factlib.vocab.qualifiers import default_qualifiers

    table = default_qualifiers()
    text = "近3800亿元,超过50%,约为12万人,大约在8.8万立方英尺,more than 30 percent, TOPPED 5, laptop 3, 达到10亿。"
    hits = 0
    for pos in range(len(text) + 1):
        got = table.before_word(text, pos)
        assert got == _before_word_plain(table, text, pos)
        hits += got is not None
    assert hits >= 6  # the test reads real qualifier words, not only misses
