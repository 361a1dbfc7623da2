"""Documents: files in, clean text with metadata and evidence-preserving offsets out.

    raw bytes ─decode─▶ front matter + body ─markup→text─▶ pinyin removed ─▶ dateline and
    byline read ─▶ boilerplate lines dropped ─▶ ``text``  ─NFKC + t2s─▶ ``norm`` (+ offset map)

``text`` is the cleaned document in its original script: every claim quotes it.  ``norm``
is the analysis view; :meth:`Document.text_span` maps any span of ``norm`` to ``text``.
"""
from __future__ import annotations

import datetime as dt
import glob
import hashlib
import os
import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factlib.documents.cleaning import default_boilerplate, remove_pinyin
from factlib.documents.dates import find_dateline, parse_date
from factlib.documents.encoding import DecodeError, decode_bytes
from factlib.documents.langid import detect_lang
from factlib.documents.markup import FrontMatterError, parse_markup
from factlib.documents.normalize import OffsetMap, normalize, to_simplified
from factlib.documents.sentences import sentence_arrays

__all__ = [
    "Corpus", "Document", "LoadError", "Sentence", "document_from_text", "iter_documents",
    "load_corpus", "load_document", "expand_paths",
]

MAX_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


class LoadError(Exception):
    """A file that could not be loaded as a document (an expected, reportable problem)."""

    def __init__(self, path: str | os.PathLike, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason

    def record(self) -> dict:
        return {"path": self.path, "error": self.reason}


class _Sentences(Sequence):
    """Sentences backed by two compact arrays (a 50 MB file has ~10^6 sentences)."""

    def __init__(self, text: str, starts: array, ends: array):
        self._text, self._s, self._e = text, starts, ends

    def __len__(self) -> int:
        return len(self._s)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        s, e = self._s[i], self._e[i]
        return Sentence(i, s, e, self._text[s:e])


class _Spans(Sequence):
    def __init__(self, starts: array, ends: array):
        self._s, self._e = starts, ends

    def __len__(self) -> int:
        return len(self._s)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        return (i, self._s[i], self._e[i])


@dataclass(eq=False)
class Document:
    id: str
    path: str
    sha256: str
    text: str
    title: str | None = None
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    lang: str = "zh-Hans"
    encoding: str = "utf-8"
    format: str = "text"
    meta: dict = field(default_factory=dict, repr=False)
    norm: str = field(init=False, repr=False)
    offsets: OffsetMap = field(init=False, repr=False)
    _ns: array = field(init=False, repr=False)
    _ne: array = field(init=False, repr=False)
    _ts: array = field(init=False, repr=False)
    _te: array = field(init=False, repr=False)

    def __post_init__(self):
        self.norm, self.offsets = normalize(self.text)
        self._ns, self._ne = sentence_arrays(self.norm)
        if self.offsets.is_identity:
            self._ts, self._te = self._ns, self._ne
        else:
            ts, te = self.offsets.text_spans(self._ns, self._ne)
            self._ts, self._te = array("q", ts.tobytes()), array("q", te.tobytes())

    # ---- spans -------------------------------------------------------------------
    @property
    def sentences(self) -> Sequence[Sentence]:
        """Sentences with spans in ``text``."""
        return _Sentences(self.text, self._ts, self._te)

    @property
    def norm_sentences(self) -> Sequence[tuple[int, int, int]]:
        """``(index, start, end)`` of each sentence in ``norm``."""
        return _Spans(self._ns, self._ne)

    def text_span(self, norm_start: int, norm_end: int) -> tuple[int, int]:
        """The exact span of ``text`` that ``norm[norm_start:norm_end]`` came from."""
        return self.offsets.text_span(norm_start, norm_end)

    # ---- views ---------------------------------------------------------------------
    @property
    def n_chars(self) -> int:
        return len(self.text)

    def summary(self) -> dict:
        """The metadata line printed by ``factlib docs``."""
        return {
            "id": self.id, "path": self.path, "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "lang": self.lang, "encoding": self.encoding, "format": self.format,
            "source": self.source, "url": self.url, "author": self.author,
            "n_chars": self.n_chars, "n_sentences": len(self._ns), "sha256": self.sha256,
        }


class Corpus(list):
    """A list of :class:`Document` that also remembers the files that failed to load."""

    def __init__(self, docs: Iterable[Document] = (), errors: Iterable[LoadError] = ()):
        super().__init__(docs)
        self.errors: list[LoadError] = list(errors)


# ---- loading ---------------------------------------------------------------------------
_BYLINE = re.compile(r"(来源|來源|作者|编辑|編輯)\s*[:：]\s*([^\s|:：]+(?:[ \u3000](?![^\s|]*[:：])[^\s|:：]{1,3})*)")


def _first(meta: dict, *keys):
    for k in keys:
        v = meta.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _as_text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v if x is not None) or None
    return str(v).strip() or None


def _title_from_body(body: str) -> str | None:
    for line in body.split("\n", 50)[:50]:
        s = line.strip()
        if s:
            return s if len(s) <= 120 else None
    return None


def _build(doc_id: str, path: str, sha: str, holder: list[str], encoding: str, suffix: str) -> Document:
    # ``holder`` hands over the only reference to the decoded file, so each stage's input
    # is freed as soon as the next exists (a 50 MB file must not be held five times)
    try:
        parsed = parse_markup(holder.pop(), suffix)
    except FrontMatterError as e:
        raise LoadError(path, str(e)) from None
    meta = parsed.meta
    body = remove_pinyin(parsed.body)
    parsed.body = ""
    head = body[:3000]
    date = parse_date(_first(meta, "date", "published", "pubdate", "created"))
    if date is None:
        date = find_dateline(head)
    byline = {}
    for m in _BYLINE.finditer(head):
        byline.setdefault(to_simplified(m[1]), m[2])
    text = default_boilerplate().drop(body).strip("\n")
    del body
    if not text.strip():
        raise LoadError(path, "no text left after removing markup and boilerplate")
    source = _as_text(_first(meta, "source", "publisher")) or _as_text(_first(meta, "categories"))
    if source is None and "来源" in byline:
        source = byline["来源"]
    author = _as_text(_first(meta, "author", "authors")) or byline.get("作者")
    title = _as_text(_first(meta, "title")) or _title_from_body(text)
    return Document(
        id=doc_id, path=path, sha256=sha, text=text, title=title, date=date, source=source,
        url=_as_text(_first(meta, "url", "link", "source_url")), author=author,
        lang=_as_text(meta.get("lang")) or detect_lang(text), encoding=encoding,
        format=parsed.format, meta=meta,
    )


def load_document(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> Document:
    """Load one file.  Raises :class:`LoadError` (path + reason) for expected problems."""
    p = Path(path)
    spath = str(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise LoadError(spath, "is a folder, not a file")
        if size > max_bytes:
            raise LoadError(spath, f"file too large ({size} bytes; limit {max_bytes})")
        raw = p.read_bytes()
    except LoadError:
        raise
    except OSError as e:
        raise LoadError(spath, e.strerror or str(e)) from None
    sha = hashlib.sha256(raw).hexdigest()
    try:
        decoded, encoding = decode_bytes(raw)
    except DecodeError as e:
        raise LoadError(spath, str(e)) from None
    del raw
    holder = [decoded]
    del decoded
    return _build(p.stem, spath, sha, holder, encoding, p.suffix)


def document_from_text(
    text: str, id: str = "doc", date: dt.date | str | None = None, title: str | None = None,
    lang: str | None = None, path: str | None = None,
) -> Document:
    """A document made directly from a string (no file, no markup, no boilerplate removal)."""
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Document(
        id=id, path=path or f"<{id}>", sha256=sha, text=text, title=title,
        date=parse_date(date), lang=lang or detect_lang(text), encoding="utf-8",
    )


_HIDDEN = re.compile(r"(^|/)\.")


def expand_paths(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> list[str]:
    """Files named by paths, folders (recursively, hidden files skipped) and globs, sorted."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[str] = []
    seen: set[str] = set()
    for item in paths:
        s = str(item)
        if os.path.isdir(s):
            found = []
            for root, dirs, files in os.walk(s):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(root, f) for f in files if not f.startswith(".")]
            found.sort()
        elif any(ch in s for ch in "*?[") and not os.path.exists(s):
            found = sorted(f for f in glob.glob(s, recursive=True) if os.path.isfile(f))
        else:
            found = [s]
        for f in found:
            if f not in seen:
                seen.add(f)
                out.append(f)
    return out


def iter_documents(paths) -> Iterator[Document | LoadError]:
    """Yield each document, or the :class:`LoadError` of a file that failed, in path order."""
    for f in expand_paths(paths):
        if not os.path.exists(f):
            yield LoadError(f, "no such file or folder")
            continue
        try:
            yield load_document(f)
        except LoadError as e:
            yield e


def load_corpus(paths) -> Corpus:
    """Load files, folders or globs; failures are kept in ``corpus.errors``.

    Raises FileNotFoundError when nothing was found at all (every path is missing, a glob
    matches nothing, or a folder holds no file): ``load_corpus('typo/')`` says so instead
    of returning an empty corpus.  Files that exist but fail to load are not an error
    here: they are in ``corpus.errors``.
    """
    corpus = Corpus()
    for item in iter_documents(paths):
        if isinstance(item, LoadError):
            corpus.errors.append(item)
        else:
            corpus.append(item)
    named = [str(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else list(paths))]
    if not corpus and named and all(e.reason == "no such file or folder" for e in corpus.errors):
        raise FileNotFoundError(f"no document found at {', '.join(named)}: check the path (a folder, a glob or files)")
    return corpus
