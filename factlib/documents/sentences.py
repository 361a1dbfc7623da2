"""Sentence spans for Chinese and English text.

Chinese sentences end at 。！？；… (and their ASCII forms after NFKC) and at line
breaks.  An English ``.`` ends a sentence only when followed by space and something
that can start a sentence, and not after a known abbreviation
(``data/abbreviations.csv``), an initial, or between digits (``5.5``).  Closing quotes
and brackets stay with the sentence they close.  Spans are trimmed of white space.

One regex finds the sentence bodies, so a 50 MB document is split in C, not in a
per-character Python loop; only bodies holding ``". "`` are looked at again.
"""
from __future__ import annotations

from array import array
from bisect import bisect_right
from functools import lru_cache
from itertools import chain

import numpy as np

from factlib.vocab.tables import read_table
from factlib.vocab.cache import cached_re as re  # re.compile read from the start-up cache

__all__ = ["MAX_SENTENCE", "MAX_NUMBERS", "sentence_arrays", "char_ends"]

#: longest sentence kept whole (characters).  Real sentences stay far below it (the longest in the
#: benchmark corpus is ~1,000); a longer "sentence" is a table, a list or an attack such as
#: ``'1%' * 16000``, and is cut — at a clause mark or a space in its last half when there is one —
#: so that work done per claim over its sentence stays bounded and extraction stays linear.
MAX_SENTENCE = 2000
_SOFT_CUT = re.compile(r"[，,、：:\s](?=[^，,、：:\s]*\Z)")
#: most numbers kept in one sentence.  The claim reader looks at a claim's whole sentence (its
#: clauses, time words, metric words), so a sentence's cost grows with numbers x length; real
#: sentences hold far fewer (the most in the benchmark corpus is 56, a wiki list), while
#: ``'1%' * 16000`` is one 2,000-character "sentence" per 1,000 numbers.  A longer run of numbers
#: (a table flattened into a line, an attack) is cut after every ``MAX_NUMBERS``-th number.
MAX_NUMBERS = 128
_NUMBER_RUN = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千万亿]+")
_GAP_CUT = re.compile(r"[，,、：:;；\s]")

_TERM = "。！？!?；;…"
_CLOSERS = re.escape("\"'”’」』）)】》")
# body: starts and ends with a visible non-terminator; may hold single spaces and dots;
# then the terminator run and the closers that belong to it
# (optional parts written (?:x|), which the regex engine runs much faster than (?:x)?)
_SENTENCE = re.compile(
    rf"[^\s{_TERM}](?:[^\n{_TERM}]*[^\s{_TERM}]|)(?:[{_TERM}]+[{_CLOSERS}]*|)"
)
_DOT_BREAK = re.compile(rf"\.[{_CLOSERS}]*(?=\s+[\"'“‘(\[A-Z0-9\u3400-\u9fff])")
_ELLIPSIS = re.compile(r"\.{3,}")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(r["abbr"].lower() for r in read_table("abbreviations", required=("abbr",), key=("abbr",)))


def _ends_english_sentence(text: str, dot: int) -> bool:
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return True
    if word in _abbreviations():
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return False
    return True


def _split_body(text: str, s: int, e: int, starts: array, ends: array) -> None:
    """Append the spans of one regex body, cut again at English full stops and '...'."""
    cuts = []
    for m in _DOT_BREAK.finditer(text, s, e):
        if _ends_english_sentence(text, m.start()):
            cuts.append(m.end())
    for m in _ELLIPSIS.finditer(text, s, e):
        cuts.append(m.end())
    cuts.sort()
    _append_pieces(text, s, cuts + [e], starts, ends)


def _append_pieces(text: str, start: int, cuts: list[int], starts: array, ends: array) -> None:
    """Append the pieces ``start..cuts[0]``, ``cuts[0]..cuts[1]``, … trimmed of white space
    (pieces left empty are dropped)."""
    for c in cuts:
        a, b = start, c
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            starts.append(a)
            ends.append(b)
        start = c


_DOTS = re.compile(r"\. |\.\.\.")
_span = re.Match.span


def sentence_arrays(text: str) -> tuple[array, array]:
    """Sentence starts and ends as two ``array('q')``."""
    # two arrays, not a list of span tuples (a 50 MB text has ~10^6 sentences: 112 bytes each)
    # the spans are taken in C (map over the matches, one flat array) rather than per match in Python
    flat = array("q", chain.from_iterable(map(_span, _SENTENCE.finditer(text))))
    body_s, body_e = flat[0::2], flat[1::2]
    del flat
    # bodies holding ". " or "..." are cut again; find them from the (few) dots, not per body
    flagged: list[int] = []
    if body_s:
        for d in _DOTS.finditer(text):
            i = bisect_right(body_s, d.start()) - 1
            if i >= 0 and d.start() < body_e[i] and d.end() <= body_e[i] and (not flagged or flagged[-1] != i):
                flagged.append(i)
    if not flagged:
        return _cap_numbers(text, *_cap_lengths(text, body_s, body_e))
    starts, ends = array("q"), array("q")
    prev = 0
    for i in flagged:
        starts.extend(body_s[prev:i])
        ends.extend(body_e[prev:i])
        _split_body(text, body_s[i], body_e[i], starts, ends)
        prev = i + 1
    starts.extend(body_s[prev:])
    ends.extend(body_e[prev:])
    return _cap_numbers(text, *_cap_lengths(text, starts, ends))


def _cap_lengths(text: str, starts: array, ends: array, limit: int = MAX_SENTENCE) -> tuple[array, array]:
    """Spans longer than ``limit`` cut into pieces of at most ``limit`` (see :data:`MAX_SENTENCE`)."""
    if not starts:
        return starts, ends
    s_np = np.frombuffer(starts, dtype=np.int64)
    e_np = np.frombuffer(ends, dtype=np.int64)
    long = np.flatnonzero(e_np - s_np > limit)
    if not len(long):
        return starts, ends
    out_s, out_e = array("q"), array("q")
    prev = 0
    for i in long.tolist():
        out_s.extend(starts[prev:i])
        out_e.extend(ends[prev:i])
        a, e = starts[i], ends[i]
        while e - a > limit:
            b = a + limit
            m = _SOFT_CUT.search(text, a + limit // 2, b)
            if m is not None:
                b = m.end()
            piece_end = b
            while piece_end > a and text[piece_end - 1].isspace():
                piece_end -= 1
            if piece_end > a:
                out_s.append(a)
                out_e.append(piece_end)
            a = b
            while a < e and text[a].isspace():
                a += 1
        if e > a:
            out_s.append(a)
            out_e.append(e)
        prev = i + 1
    out_s.extend(starts[prev:])
    out_e.extend(ends[prev:])
    return out_s, out_e


def _cap_numbers(text: str, starts: array, ends: array, limit: int = MAX_NUMBERS) -> tuple[array, array]:
    """Spans holding more than ``limit`` numbers cut between their ``limit``-th and next number
    (see :data:`MAX_NUMBERS`): at a clause mark or space in the gap when there is one, else before
    the next number (and its sign)."""
    if not starts:
        return starts, ends
    s_np = np.frombuffer(starts, dtype=np.int64)
    e_np = np.frombuffer(ends, dtype=np.int64)
    # a span holding more than ``limit`` numbers is longer than 2 * limit - 1 characters
    candidates = np.flatnonzero(e_np - s_np >= 2 * limit)
    cut: dict[int, list[int]] = {}
    for i in candidates.tolist():
        a, e = starts[i], ends[i]
        runs = [m.span() for m in _NUMBER_RUN.finditer(text, a, e)]
        if len(runs) <= limit:
            continue
        points = []
        for j in range(limit, len(runs), limit):
            g0, g1 = runs[j - 1][1], runs[j][0]
            soft = None
            for m in _GAP_CUT.finditer(text, g0, g1):
                soft = m.end()
            if soft is not None:
                points.append(soft)
            else:
                points.append(g1 - 1 if g1 - 1 >= g0 and text[g1 - 1] in "-+−" else g1)
        cut[i] = points
    if not cut:
        return starts, ends
    out_s, out_e = array("q"), array("q")
    prev = 0
    for i, points in cut.items():
        out_s.extend(starts[prev:i])
        out_e.extend(ends[prev:i])
        _append_pieces(text, starts[i], points + [ends[i]], out_s, out_e)
        prev = i + 1
    out_s.extend(starts[prev:])
    out_e.extend(ends[prev:])
    return out_s, out_e


def char_ends(text: str, chars: str) -> list[int]:
    """The end offset of every occurrence of any of ``chars`` in ``text`` (clause delimiters of a
    whole document: one numpy pass over the code points instead of a regex match per comma)."""
    if not text:
        return []
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    hit = np.zeros(len(codes), dtype=np.bool_)
    for c in set(chars):
        hit |= codes == ord(c)
    return (np.flatnonzero(hit) + 1).tolist()
