"""Regular expressions generated from word lists.

Vocabularies (units, cues, time words, lexicalised numerals …) become alternations in the
extractor's patterns.  A plain ``a|b|c`` makes the regex engine try every word at every
candidate position; :func:`alternation` writes the same language as a trie, so it branches on
one character at a time.

>>> alternation(["增长", "增长率", "增加", "降"])
'(?:增(?:加|长(?:率|))|降)'
"""
from __future__ import annotations

import hashlib
import re

__all__ = ["alternation", "trie_alternation"]

_GUARD_WIDTH = 8  # branches on at least this many first characters get a look-ahead guard


def alternation(words, suffixes: dict[str, str] | None = None, fold: bool = False, guard: bool = False) -> str:
    """:func:`trie_alternation`; a long word list's pattern is read from the cache folder
    (:mod:`factlib.vocab.cache`) when an earlier process built it from the same words."""
    words = set(words)
    if len(words) < _MEMO_MIN:
        return trie_alternation(words, suffixes, fold, guard)
    from factlib.vocab.cache import code_hash, memo

    global _CODE
    if _CODE is None:
        _CODE = code_hash(trie_alternation)
    h = hashlib.sha1(f"{_CODE}\x00{fold}\x00{guard}".encode())
    for w in sorted(words):
        h.update(w.encode("utf-8", "surrogatepass") + b"\x00")
        if suffixes and w in suffixes:
            h.update(b"\x01" + suffixes[w].encode("utf-8", "surrogatepass") + b"\x00")
    return memo("alternation", h.hexdigest(), lambda: trie_alternation(words, suffixes, fold, guard))


_MEMO_MIN = 64  # shorter lists are built faster than a cache key is made
_CODE: str | None = None


def trie_alternation(words, suffixes: dict[str, str] | None = None, fold: bool = False,
                     guard: bool = False) -> str:
    """A regex alternation of ``words`` that prefers the longest word (增长率 wins over 增长).

    Written as a trie (``增(?:长(?:率|)|加)``) so the engine branches on each character instead
    of trying every word in turn; it matches exactly what the plain longest-first alternation
    matches, in the same order when it backtracks.  ``suffixes`` maps a word to a regex appended
    after it (a look-ahead guard).  ``fold`` builds the trie on lower-cased words, for patterns
    compiled with ``re.IGNORECASE``.  ``guard`` puts a character-class look-ahead in front of
    each wide branch: for an alternation inside a longer pattern (units after a number), never
    for one that starts a pattern, whose plain first branch lets the engine skip text in C.
    """
    suffixes = suffixes or {}
    end = ""  # the key of "a word ends here" (no character is the empty string)
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in (w.lower() if fold else w):
            node = node.setdefault(ch, {})
        node[end] = suffixes.get(w, "")

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch != end]
        if end in node:
            alts.append(node[end])  # after every longer word through this node
        if len(alts) == 1:
            return alts[0]
        # The engine tests a branch's first characters one by one: in front of a wide branch
        # that must match something, one character-class look-ahead fails faster.
        heads = [ch for ch in node if ch != end]
        ahead = "" if not guard or end in node or len(heads) < _GUARD_WIDTH else \
            "(?=[" + "".join(re.escape(ch) for ch in sorted(heads)) + "])"
        return ahead + "(?:" + "|".join(alts) + ")"

    if not trie:
        return "(?!)"
    return emit(trie)
