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

import unicodedata
from array import array
from bisect import bisect_right
from functools import lru_cache

import numpy as np

from factlib.vocab.t2s import to_simplified

__all__ = ["OffsetMap", "normalize", "to_simplified", "nfkc"]


def nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


# characters whose presence can make NFKC compose across characters (combining marks,
# Hangul jamo and syllables, Indic scripts)
_COMBINING = ((0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05BD), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF),
              (0x20D0, 0x20FF), (0xFE20, 0xFE2F), (0x3099, 0x309A), (0x1100, 0x11FF), (0xAC00, 0xD7A3),
              (0x0900, 0x0DFF))


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

    def text_spans(self, starts, ends) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`text_span` of many non-empty spans at once (vectorised: sentences, claims)."""
        st = np.asarray(starts, dtype=np.int64)
        en = np.asarray(ends, dtype=np.int64)
        if len(st) and (st.min() < 0 or en.max() > self.norm_length or (en <= st).any()):
            raise IndexError("text_spans takes non-empty spans inside norm")
        n, nlen = np.asarray(self._n), np.asarray(self._nlen)
        t, tlen = np.asarray(self._t), np.asarray(self._tlen)
        one = nlen == tlen
        i = np.maximum(np.searchsorted(n, st, side="right") - 1, 0)
        ts = np.where(one[i], t[i] + st - n[i], t[i])
        j = np.maximum(np.searchsorted(n, en - 1, side="right") - 1, 0)
        te = np.where(one[j], t[j] + en - n[j], t[j] + tlen[j])
        return ts, te

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
_CHUNK = 1 << 20  # characters translated per numpy pass (bounds the transient arrays to ~10 MB)


@lru_cache(maxsize=1)
def _compat_tables() -> tuple[np.ndarray, np.ndarray]:
    """(one-for-one NFKC code point table, table of characters that need the slow path).

    Both are indexed by code point.  A character needs the slow path when NFKC expands it
    (``½``, ``…``) or when it may compose with its neighbours (combining marks, Hangul jamo,
    Indic scripts: ``_COMBINING``).  The changes depend on the Unicode version only: they are
    computed once per machine (0.1 s) and kept in the cache folder (:mod:`factlib.vocab.cache`)."""
    from factlib.vocab.cache import code_hash, memo

    key = f"{unicodedata.unidata_version}\x00{_COMPAT_RANGES}\x00{_COMBINING}\x00{code_hash(_compat_changes)}"
    cps, targets, slow_cps = memo("nfkc", key, _compat_changes)
    single = np.arange(0x110000, dtype=np.uint32)
    single[np.frombuffer(cps, dtype=np.uint32)] = np.frombuffer(targets, dtype=np.uint32)
    slow = np.zeros(0x110000, dtype=np.bool_)
    slow[np.frombuffer(slow_cps, dtype=np.uint32)] = True
    return single, slow


def _compat_changes() -> tuple[bytes, bytes, bytes]:
    """The code points NFKC maps to one other character, those characters, and the code points
    that need the slow path (uint32 arrays as bytes)."""
    cps, targets, slow = array("I"), array("I"), array("I")
    for a, b in _COMPAT_RANGES:
        for cp in range(a, b):
            c = chr(cp)
            n = unicodedata.normalize("NFKC", c)
            if unicodedata.combining(c) or (n != c and len(n) != 1):
                slow.append(cp)
            elif n != c:
                cps.append(cp)
                targets.append(ord(n))
    for lo, hi in _COMBINING:
        slow.extend(range(lo, hi + 1))
    return cps.tobytes(), targets.tobytes(), slow.tobytes()


def _translate_chunk(chunk: str, single: np.ndarray, slow: np.ndarray, base: int,
                     slow_at: list[int]) -> str:
    """``chunk`` with its one-for-one NFKC changes applied; slow-path positions (offset by
    ``base``) are appended to ``slow_at``."""
    codes = np.frombuffer(chunk.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    out = np.take(single, codes)  # take: faster than fancy indexing
    hits = np.flatnonzero(np.take(slow, out))
    if len(hits):
        slow_at.extend((hits + base).tolist())
    if np.array_equal(out, codes):
        return chunk
    return out.astype("<u4", copy=False).tobytes().decode("utf-32-le", "surrogatepass")


def _nfkc_with_map(text: str) -> tuple[str, list[list[int]]]:
    """NFKC of ``text`` and its segments (norm → text).

    Most characters that NFKC changes map to one character (fullwidth forms): a numpy table
    lookup over the code points handles them.  Lines holding a character that expands
    (``½``, ``…``) or combines are redone cluster by cluster.
    """
    single, slow = _compat_tables()
    slow_at: list[int] = []
    parts = [_translate_chunk(text[i:i + _CHUNK], single, slow, i, slow_at)
             for i in range(0, len(text), _CHUNK)]
    fast = parts[0] if len(parts) == 1 else "".join(parts)
    del parts
    if not slow_at:
        return fast, [[0, len(text), 0, len(text)]]
    b = _Builder()
    out: list[str] = []
    pos = 0
    for p in slow_at:
        if p < pos:
            continue  # in a line already redone
        ls = text.rfind("\n", 0, p) + 1
        le = text.find("\n", p)
        le = len(text) if le < 0 else le + 1
        out.append(fast[pos:ls])
        b.same(ls - pos)
        _nfkc_line(text[ls:le], fast[ls:le], slow, out, b)
        pos = le
    out.append(fast[pos:])
    b.same(len(text) - pos)
    return "".join(out), b.segs


def _joins(c: str) -> bool:
    """``c`` belongs to the cluster of the character before it (a combining mark, a Hangul jamo)."""
    return bool(unicodedata.combining(c)) or "\u1160" <= c <= "\u11ff"


def _nfkc_line(line: str, fast_line: str, slow: np.ndarray, out: list[str], b: _Builder) -> None:
    """NFKC of one line cluster by cluster (a character and its combining marks or jamo), appended
    to ``out`` with its segments.  ``fast_line`` is the line through the one-for-one table: a
    cluster of one character outside the slow table reads the same there, so only the clusters
    around slow characters are normalised one by one (in the Basic Multilingual Plane every
    character that joins a cluster is a slow one)."""
    codes = np.frombuffer(line.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if len(codes) and int(codes.max()) > 0xFFFF:
        _nfkc_clusters(line, 0, out, b)
        return
    n = len(line)
    pos = 0
    for p in np.flatnonzero(np.take(slow, codes)).tolist():
        if p < pos:
            continue  # inside the cluster just read
        k = p
        while k > pos and _joins(line[k]):
            k -= 1  # the cluster starts at the character the marks belong to
        if k > pos:
            out.append(fast_line[pos:k])
            b.same(k - pos)
        pos = _read_cluster(line, k, out, b)
    if pos < n:
        out.append(fast_line[pos:])
        b.same(n - pos)


def _read_cluster(line: str, i: int, out: list[str], b: _Builder) -> int:
    """NFKC of the cluster at ``line[i]`` (the character and the marks joined to it) appended to
    ``out`` and mapped in ``b``; returns where the cluster ends."""
    n = len(line)
    j = i + 1
    while j < n and _joins(line[j]):
        j += 1
    cluster = line[i:j]
    norm = nfkc(cluster)
    if len(norm) == len(cluster) == 1:
        b.same(1)
    else:
        b.piece(len(norm), len(cluster))
    out.append(norm)
    return j


def _nfkc_clusters(line: str, i: int, out: list[str], b: _Builder) -> None:
    """NFKC of ``line[i:]``, every cluster normalised on its own."""
    n = len(line)
    while i < n:
        i = _read_cluster(line, i, out, b)


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
