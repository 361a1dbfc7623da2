"""The analysis view ``norm`` of a document and the offset map back to its ``text``.

``norm`` = NFKC (fullwidth digits and punctuation → ASCII, compatibility forms
unfolded) then traditional → simplified (OpenCC ``t2s``).  Claims are found in
``norm`` and quoted from ``text``; :class:`OffsetMap` converts any span of one into the
exact span of the other.

Both steps are almost always one character for one character, so the map is stored
as a short list of *segments*: runs where ``norm`` and ``text`` advance together
(identity up to a shift) and atomic pieces where one text cluster became several
norm characters (``½`` → ``1⁄2``, ``…`` → ``...``) or the reverse (a base letter and
its combining mark composed into one).  A span that cuts into an atomic piece is
widened to the whole piece on the text side.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from functools import lru_cache

__all__ = ["OffsetMap", "normalize", "to_simplified", "nfkc"]


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def to_simplified(s: str) -> str:
    """Traditional → simplified (OpenCC t2s).  Lone surrogates (undecodable input kept by
    ``surrogateescape``) become U+FFFD one for one, so lengths are unchanged."""
    if not s:
        return s
    try:
        return _t2s().convert(s)
    except UnicodeEncodeError:
        return _t2s().convert(_SURROGATE.sub("\ufffd", s))


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


# characters whose presence can make NFKC compose across characters
_COMBINING = re.compile(r"[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                        r"\ufe20-\ufe2f\u3099\u309a\u1100-\u11ff\uac00-\ud7a3\u0900-\u0dff]")


class OffsetMap:
    """Maps spans of ``norm`` to spans of ``text`` (and back)."""

    __slots__ = ("_n", "_t", "_nlen", "_tlen", "norm_length", "text_length")

    def __init__(self, segments: list[tuple[int, int, int, int]], norm_length: int, text_length: int):
        # segment = (norm_start, norm_len, text_start, text_len); 1:1 when norm_len == text_len
        self._n = array("q", (s[0] for s in segments))
        self._nlen = array("q", (s[1] for s in segments))
        self._t = array("q", (s[2] for s in segments))
        self._tlen = array("q", (s[3] for s in segments))
        self.norm_length = norm_length
        self.text_length = text_length

    @property
    def is_identity(self) -> bool:
        return len(self._n) == 1 and self._nlen[0] == self._tlen[0] == self.norm_length == self.text_length

    def _seg(self, pos: int) -> int:
        return max(0, bisect_right(self._n, pos) - 1)

    def text_start(self, pos: int) -> int:
        if pos >= self.norm_length:
            return self.text_length
        i = self._seg(pos)
        off = pos - self._n[i]
        if self._nlen[i] == self._tlen[i]:
            return self._t[i] + off
        return self._t[i]

    def text_end(self, pos: int) -> int:
        if pos <= 0:
            return 0
        i = self._seg(pos - 1)
        off = pos - self._n[i]
        if self._nlen[i] == self._tlen[i]:
            return self._t[i] + off
        return self._t[i] + self._tlen[i]

    def text_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``text`` that ``norm[start:end]`` came from."""
        if not 0 <= start <= end <= self.norm_length:
            raise IndexError(f"span {start}:{end} outside norm of length {self.norm_length}")
        if start == end:
            t = self.text_start(start)
            return t, t
        # fast path: the span lies inside one one-to-one segment (almost every claim)
        i = bisect_right(self._n, start) - 1
        if i >= 0:
            n0, nlen = self._n[i], self._nlen[i]
            if nlen == self._tlen[i] and end <= n0 + nlen:
                shift = self._t[i] - n0
                return start + shift, end + shift
        return self.text_start(start), self.text_end(end)

    def norm_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``norm`` produced by ``text[start:end]`` (widened to whole pieces)."""
        if not 0 <= start <= end <= self.text_length:
            raise IndexError(f"span {start}:{end} outside text of length {self.text_length}")
        if start == self.text_length:
            return self.norm_length, self.norm_length
        ts = self._t
        i = max(0, bisect_right(ts, start) - 1)
        if self._nlen[i] == self._tlen[i]:
            ns = self._n[i] + (start - ts[i])
        else:
            ns = self._n[i]
        if end == start:
            return ns, ns
        j = max(0, bisect_right(ts, end - 1) - 1)
        if self._nlen[j] == self._tlen[j]:
            ne = self._n[j] + (end - ts[j])
        else:
            ne = self._n[j] + self._nlen[j]
        return ns, ne


class _Builder:
    """Accumulates segments, merging adjacent 1:1 runs."""

    def __init__(self):
        self.segs: list[list[int]] = []
        self.n = 0
        self.t = 0

    def same(self, length: int) -> None:
        if length <= 0:
            return
        if self.segs:
            last = self.segs[-1]
            if last[1] == last[3] and last[0] + last[1] == self.n and last[2] + last[3] == self.t:
                last[1] += length
                last[3] += length
                self.n += length
                self.t += length
                return
        self.segs.append([self.n, length, self.t, length])
        self.n += length
        self.t += length

    def piece(self, nlen: int, tlen: int) -> None:
        if nlen == tlen:
            self.same(nlen)
            return
        self.segs.append([self.n, nlen, self.t, tlen])
        self.n += nlen
        self.t += tlen


# Code points NFKC may change: the Basic Multilingual Plane and the supplementary blocks that
# hold compatibility characters (mathematical letters and digits, enclosed and segmented
# digits, compatibility ideographs).  Anything else is left as it is (one for one).
_COMPAT_RANGES = ((0x0, 0xD800), (0xE000, 0x10000), (0x1D400, 0x1D800), (0x1EE00, 0x1EF00),
                  (0x1F100, 0x1F250), (0x1FBF0, 0x1FC00), (0x2F800, 0x2FA20))


@lru_cache(maxsize=1)
def _compat_tables() -> tuple[dict[int, str], re.Pattern]:
    """(one-for-one NFKC translation table, regex of characters that need the slow path)."""
    single: dict[int, str] = {}
    slow: list[str] = []
    for a, b in _COMPAT_RANGES:
        for cp in range(a, b):
            c = chr(cp)
            n = unicodedata.normalize("NFKC", c)
            if unicodedata.combining(c) or (n != c and len(n) != 1):
                slow.append(c)
            elif n != c:
                single[cp] = n
    cls = "".join(re.escape(c) for c in slow)
    return single, re.compile(f"[{cls}]|{_COMBINING.pattern}")


def _nfkc_with_map(text: str) -> tuple[str, list[list[int]]]:
    """NFKC of ``text`` and its segments (norm → text).

    Most characters that NFKC changes map to one character (fullwidth forms): one
    ``str.translate`` handles them in C.  Lines holding a character that expands (``½``,
    ``…``) or combines are redone cluster by cluster.
    """
    single, slow = _compat_tables()
    fast = text.translate(single)
    if not slow.search(fast):
        return fast, [[0, len(text), 0, len(text)]]
    b = _Builder()
    out: list[str] = []
    lines, tlines = text.splitlines(keepends=True), fast.splitlines(keepends=True)
    if len(lines) != len(tlines):  # never seen: a translation that created or removed a line break
        tlines = [""] * len(lines)
    for line, tline in zip(lines, tlines):
        if len(line) == len(tline) and not slow.search(tline):
            out.append(tline)
            b.same(len(line))
        else:
            _nfkc_line(line, out, b)
    return "".join(out), b.segs


def _nfkc_line(line: str, out: list[str], b: _Builder) -> None:
    # clusters: a character followed by its combining marks (and Hangul jamo runs)
    i, n = 0, len(line)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(line[j]) or "\u1160" <= line[j] <= "\u11ff"):
            j += 1
        cluster = line[i:j]
        norm = nfkc(cluster)
        if len(norm) == len(cluster) == 1:
            b.same(1)
        else:
            b.piece(len(norm), len(cluster))
        out.append(norm)
        i = j


def normalize(text: str) -> tuple[str, OffsetMap]:
    """``(norm, offset_map)`` for a cleaned document text."""
    n1, segs = _nfkc_with_map(text)
    n2 = to_simplified(n1)
    if len(n2) != len(n1):
        # a phrase conversion changed the length somewhere: convert line by line, and
        # character by character in the rare line where even that differs
        parts = []
        for line in n1.splitlines(keepends=True):
            conv = to_simplified(line)
            if len(conv) != len(line):
                conv = "".join(c2 if len(c2 := to_simplified(c)) == 1 else c for c in line)
            parts.append(conv)
        n2 = "".join(parts)
    return n2, OffsetMap([tuple(s) for s in segs], len(n2), len(text))
