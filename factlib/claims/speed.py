"""The extractor's speed tricks, in one place, each with an oracle test (tests/test_speed.py).

Every function here gives exactly what a plain implementation gives, only faster; none of them
changes a result.

- :func:`collector_paused`: the cyclic garbage collector is paused while one document is extracted.
- :func:`parse_cached`: number tokens are parsed once per distinct token (most repeat).
- :func:`find_phrases`: fixed Chinese phrases found by ``str.find`` instead of a regex scan.
- :func:`group_by_sentence`: one vectorised ``numpy.searchsorted`` files every mention under its sentence.
- tries: vocabularies become regex alternations written as tries
  (:func:`factlib.vocab.regexes.alternation`, in ``vocab`` because the vocabulary modules build
  their patterns with it; ``guard=True`` adds a character-class look-ahead in front of wide branches).

Elsewhere the extractor uses a few more local ones, each commented where it stands: cheap
character tests before a regex (``RANGE_FIRST``), the scan's groups read as one ``Match.groups()``
tuple, claims built with ``tuple.__new__``, document-wide scans sliced per sentence.
"""
from __future__ import annotations

import gc
from array import array
from bisect import bisect_right
from contextlib import contextmanager
from decimal import InvalidOperation
from functools import lru_cache
from typing import Iterable, NamedTuple, Sequence

import numpy as np

from factlib.claims import numbers
from factlib.vocab.regexes import alternation

__all__ = ["collector_paused", "parse_cached", "find_phrases", "PhraseHit", "group_by_sentence", "alternation"]


@contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while one document is extracted.

    Extraction makes tens of thousands of small acyclic objects (matches, items, claims), and
    each of them counts towards the collector's next pass over everything young; none of them
    needs it (reference counting frees them).  Pausing saves about 4 % of extraction time.  The
    collector is switched back on afterwards only if it was on before (a caller that turned it
    off keeps it off; a thread that started with it off leaves it alone)."""
    was_on = gc.isenabled()
    if was_on:
        gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@lru_cache(maxsize=65536)
def parse_cached(token: str) -> numbers.ParsedNumber | None:
    """:func:`factlib.claims.numbers.parse_number`, cached per token; None where it fails.

    A later process does not parse from scratch what cn2an read before: cn2an's readings are kept
    in the cache folder (see :func:`factlib.claims.numbers._cn2an_int`), so a run over text seen
    before imports no cn2an; everything else a parse does takes microseconds and is not stored."""
    try:
        return numbers.parse_number(token)
    except (ValueError, ArithmeticError, InvalidOperation):
        return None


class PhraseHit(NamedTuple):
    start: int
    end: int
    phrase: str


def find_phrases(text: str, phrases: Iterable[str]) -> list[PhraseHit]:
    """Leftmost-longest, non-overlapping occurrences of ``phrases`` in ``text`` (what a longest-first
    alternation finds), by ``str.find``: for a short list it is many times faster than a regex scan
    of a long Chinese text."""
    hits = []
    for p in phrases:
        i = text.find(p)
        while i >= 0:
            hits.append(PhraseHit(i, i + len(p), p))
            i = text.find(p, i + 1)
    hits.sort(key=lambda h: (h[0], -h[1]))
    out, end = [], -1
    for h in hits:
        if h[0] >= end:
            out.append(h)
            end = h[1]
    return out


def group_by_sentence(starts: Sequence[int], items: list) -> dict[int, list]:
    """``items`` grouped by the index of the sentence their start ``.s`` falls in (``starts``: the
    sorted sentence starts; an offset before the first sentence counts as sentence 0), each group
    in the order of ``items``.  For an ``array('q')`` of starts one ``numpy.searchsorted`` call
    files them all; otherwise one bisection each."""
    by_sent: dict[int, list] = {}
    if isinstance(starts, array) and starts:
        sis = np.searchsorted(np.frombuffer(starts, dtype=np.int64), [it.s for it in items], side="right") - 1
        for it, si in zip(items, np.maximum(sis, 0).tolist()):
            group = by_sent.get(si)
            if group is None:
                by_sent[si] = [it]
            else:
                group.append(it)
    else:
        for it in items:
            si = max(0, bisect_right(starts, it.s) - 1)
            by_sent.setdefault(si, []).append(it)
    return by_sent
