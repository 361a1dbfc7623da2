"""Sentence spans for Chinese and English text.

Chinese sentences end at 。！？；… (and their ASCII forms after NFKC) and at line
breaks.  An English ``.``/``!``/``?`` ends a sentence only when followed by space and
something that can start a sentence, and ``.`` not after a known abbreviation
(``data/abbreviations.csv``) or between digits (``5.5``).  Closing quotes and
brackets stay with the sentence they close.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .tables import read_table

__all__ = ["split_sentences"]

_CLOSERS = "\"'”’」』）)】》"
# a run of terminators (plus closers) that always ends a sentence in Chinese text
_HARD = re.compile(rf"(?:[。！？!?；;]+|…+|\.{{3,}}|\n)[{re.escape(_CLOSERS)}]*")
_PERIOD = re.compile(rf"\.[{re.escape(_CLOSERS)}]*(?=\s+[\"'“‘(\[A-Z0-9\u3400-\u9fff]|\s*$)")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(r["abbr"].lower() for r in read_table("abbreviations", required=("abbr",), key=("abbr",)))


def _ends_english_sentence(text: str, dot: int) -> bool:
    # the word before the dot
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return not text[dot - 1: dot].isdigit() if dot else True
    if word in _abbreviations():
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return False
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``, whitespace trimmed."""
    cuts: list[int] = []
    for m in _HARD.finditer(text):
        cuts.append(m.end())
    if "." in text:
        for m in _PERIOD.finditer(text):
            if _ends_english_sentence(text, m.start()):
                cuts.append(m.end())
        cuts.sort()
    spans = []
    start = 0
    for end in cuts + [len(text)]:
        if end <= start:
            continue
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = end
    return spans
