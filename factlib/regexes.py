"""Regular expressions generated from word lists.

Vocabularies (units, cues, time words, lexicalised numerals …) become alternations in the
extractor's patterns.  A plain ``a|b|c`` makes the regex engine try every word at every
candidate position; :func:`alternation` writes the same language as a trie, so it branches on
one character at a time.

>>> alternation(["增长", "增长率", "增加", "降"])
'(?:增(?:加|长(?:率|))|降)'
"""
from __future__ import annotations

import re

__all__ = ["alternation"]


def alternation(words, suffixes: dict[str, str] | None = None, fold: bool = False) -> str:
    """A regex alternation of ``words`` that prefers the longest word (增长率 wins over 增长).

    Written as a trie (``增(?:长(?:率|)|加)``) so the engine branches on each character instead
    of trying every word in turn; it matches exactly what the plain longest-first alternation
    matches, in the same order when it backtracks.  ``suffixes`` maps a word to a regex appended
    after it (a look-ahead guard).  ``fold`` builds the trie on lower-cased words, for patterns
    compiled with ``re.IGNORECASE``.
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
        return "(?:" + "|".join(alts) + ")"

    if not trie:
        return "(?!)"
    return emit(trie)
