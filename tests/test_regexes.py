"""The trie alternation matches exactly what the plain longest-first alternation matches."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factlib.vocab.regexes import alternation

words = st.lists(st.text(alphabet="ab增长率aB", min_size=1, max_size=4), min_size=1, max_size=8)
texts = st.text(alphabet="ab增长率aBx", max_size=40)


def _flat(ws, suffixes=None):
    suffixes = suffixes or {}
    return "|".join(re.escape(w) + suffixes.get(w, "") for w in sorted(set(ws), key=lambda w: (-len(w), w)))


def _spans(pattern, text, flags=0):
    return [m.span() for m in re.finditer(pattern, text, flags)]


@settings(max_examples=400, deadline=None)
@given(ws=words, text=texts)
def test_same_matches_as_longest_first(ws, text):
    assert _spans(alternation(ws), text) == _spans(_flat(ws), text)
    # inside a larger pattern, where backtracking into shorter words matters
    assert _spans(f"(?:{alternation(ws)})(?!a)", text) == _spans(f"(?:{_flat(ws)})(?!a)", text)


@settings(max_examples=300, deadline=None)
@given(ws=words, text=texts, data=st.data())
def test_suffix_guards(ws, text, data):
    guarded = data.draw(st.lists(st.sampled_from(sorted(set(ws))), unique=True))
    suffixes = {w: "(?![长b])" for w in guarded}
    assert _spans(alternation(ws, suffixes=suffixes), text) == _spans(_flat(ws, suffixes), text)


@settings(max_examples=300, deadline=None)
@given(ws=st.lists(st.text(alphabet="abAB", min_size=1, max_size=4), min_size=1, max_size=8),
       text=st.text(alphabet="abABx", max_size=40))
def test_ignorecase_folds_the_trie(ws, text):
    lowered = {w.lower() for w in ws}
    assert _spans(alternation(ws, fold=True), text, re.I) == _spans(_flat(lowered), text, re.I)


def test_empty_list_matches_nothing():
    assert re.search(alternation([]), "anything") is None
