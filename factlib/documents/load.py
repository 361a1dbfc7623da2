"""Documents: files in, clean text with metadata and evidence-preserving offsets out.

    raw bytes ─decode─▶ front matter + body ─markup→text─▶ pinyin removed ─▶ dateline and
    byline read ─▶ boilerplate lines dropped ─▶ ``text``  ─NFKC + t2s─▶ ``norm`` (+ offset map)

``text`` is the cleaned document in its original script: every claim quotes it.  ``norm``
is the analysis view; :meth:`Document.text_span` maps any span of ``norm`` to ``text``.
"""
from __future__ import annotations

import datetime as dt
import errno
import glob
import hashlib
import os
import re
import stat
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from factlib.documents.cleaning import default_boilerplate, remove_pinyin
from factlib.documents.dates import MAX_YEAR, MIN_YEAR, find_dateline, parse_date
from factlib.documents.encoding import DecodeError, decode_bytes
from factlib.documents.langid import detect_lang
from factlib.documents.markup import FrontMatterError, parse_markup
from factlib.documents.normalize import OffsetMap, normalize, to_simplified
from factlib.documents.sentences import sentence_arrays

__all__ = [
    "Corpus", "Document", "Listing", "LoadError", "MANIFEST_NAME", "Sentence", "Source", "TEXT_SUFFIXES",
    "document_from_bytes", "document_from_text", "iter_documents", "read_file", "list_sources", "load_corpus", "load_document", "expand_paths",
]

MAX_BYTES = 512 * 1024 * 1024
#: the file kinds a folder yields (a file named explicitly is read whatever its name)
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
#: written by factlib into every output folder (see :mod:`factlib.report.files`); a folder holding
#: one is factlib's output and is never read back as documents
MANIFEST_NAME = ".factlib-manifest.json"


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

    def __reduce__(self):  # pickled with both fields (the report context travels pickled)
        return (type(self), (self.path, self.reason))

    def record(self) -> dict:
        return {"path": self.path, "error": self.reason}


class _Spans(Sequence):
    """(index, start, end) triples backed by two compact arrays (a 50 MB file has ~10^6 sentences)."""

    def __init__(self, starts: array, ends: array):
        self._s, self._e = starts, ends

    def __len__(self) -> int:
        return len(self._s)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        return self._item(i, self._s[i], self._e[i])

    def _item(self, i: int, s: int, e: int):
        return (i, s, e)


class _Sentences(_Spans):
    """Sentences of a text, built on demand from the span arrays."""

    def __init__(self, text: str, starts: array, ends: array):
        super().__init__(starts, ends)
        self._text = text

    def _item(self, i: int, s: int, e: int):
        return Sentence(i, s, e, self._text[s:e])


class SentenceBounds(NamedTuple):
    """Sentence spans of a document, one array each (index = sentence number)."""

    norm_starts: array
    norm_ends: array
    text_starts: array
    text_ends: array


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
    #: problems that did not stop the document loading (an impossible front-matter date, …)
    warnings: list[str] = field(default_factory=list, repr=False)
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
    def sentence_bounds(self) -> SentenceBounds:
        """The sentences' starts and ends in ``norm`` and in ``text``, as sorted ``array('q')``s
        (the form the extractor reads: no tuple per sentence)."""
        return SentenceBounds(self._ns, self._ne, self._ts, self._te)

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
        return _capped(", ".join(_capped(str(x)) for x in v[:_MAX_META_ITEMS] if x is not None)) or None
    return _capped(str(v).strip()) or None


_MAX_META_ITEMS = 100
_MAX_META_CHARS = 2000


def _capped(text: str) -> str:
    return text if len(text) <= _MAX_META_CHARS else text[:_MAX_META_CHARS] + "…"


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
    warnings: list[str] = []
    stated = _first(meta, "date", "published", "pubdate", "created")
    date = parse_date(stated)
    if stated is not None and date is None:
        warnings.append(f"front-matter date {_short(stated)!r} is not a real date in the years "
                        f"{MIN_YEAR}-{MAX_YEAR}; ignored")
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
        format=parsed.format, meta=meta, warnings=warnings,
    )


def _short(value, n: int = 40) -> str:
    text = str(value)
    return text if len(text) <= n else text[:n] + "…"


def load_document(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES, doc_id: str | None = None) -> Document:
    """Load one file.  Raises :class:`LoadError` (path + reason) for expected problems.

    Only regular files are read (a FIFO or a device is refused before anything is read), and
    never more than ``max_bytes`` (the limit holds while reading, whatever the file claims to
    be).  ``doc_id`` defaults to the file name without its extension (see :func:`list_sources`
    for the ids of a folder's files).
    """
    spath = str(path)
    holder = [read_file(spath, max_bytes)]
    return document_from_bytes(spath, holder, doc_id=doc_id)


def read_file(path: str | os.PathLike, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, never more than ``max_bytes`` (:class:`LoadError` otherwise)."""
    return _read_capped(str(path), max_bytes)


def document_from_bytes(path: str | os.PathLike, holder: list[bytes], *, doc_id: str | None = None,
                        sha256: str | None = None) -> Document:
    """The document of a file's bytes, handed over in a one-item list (``holder``: the list's
    reference is dropped as soon as the text is decoded, so a large file is not held twice)."""
    p = Path(path)
    spath = str(path)
    raw = holder.pop()
    sha = sha256 or hashlib.sha256(raw).hexdigest()
    try:
        decoded, encoding = decode_bytes(raw)
    except DecodeError as e:
        raise LoadError(spath, str(e)) from None
    del raw
    text_holder = [decoded]
    del decoded
    return _build(doc_id if doc_id is not None else p.stem, spath, sha, text_holder, encoding, p.suffix)


def _kind(mode: int) -> str | None:
    """What a non-regular file is, for the message; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a regular file; skipped"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file; skipped"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file; skipped"
    return "is not a regular file; skipped"


def os_reason(e: OSError) -> str:
    """A short reason for an OS error on a named path (a symlink loop said as such)."""
    if e.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links)"
    if e.errno == errno.ENOENT:
        return "no such file or folder"
    return e.strerror or str(e)


def _read_capped(spath: str, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` of them (else :class:`LoadError`)."""
    try:
        fd = os.open(spath, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as e:
        if e.errno == errno.ENOENT and os.path.islink(spath):
            raise LoadError(spath, "broken symlink (its target does not exist)") from None
        if e.errno == errno.EISDIR:
            raise LoadError(spath, "is a folder, not a file") from None
        raise LoadError(spath, os_reason(e)) from None
    try:
        st = os.fstat(fd)
        kind = _kind(st.st_mode)
        if kind is not None:
            raise LoadError(spath, kind)
        if st.st_size > max_bytes:
            raise LoadError(spath, f"file too large ({st.st_size} bytes; limit {max_bytes})")
        chunks, total = [], 0
        while True:
            block = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not block:
                break
            chunks.append(block)
            total += len(block)
            if total > max_bytes:
                raise LoadError(spath, f"file too large (more than {max_bytes} bytes)")
        return b"".join(chunks)
    except OSError as e:
        raise LoadError(spath, os_reason(e)) from None
    finally:
        os.close(fd)


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


@dataclass(frozen=True, slots=True)
class Source:
    """A file to read and the id its document gets."""

    path: str
    id: str


@dataclass
class Listing:
    """The files a command line names: sources in order, and what was skipped and why."""

    sources: list[Source] = field(default_factory=list)
    #: ``(path, reason)`` of files and folders inside the named folders that are not read
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def paths(self) -> list[str]:
        return [s.path for s in self.sources]

    def summary(self) -> str | None:
        """One line saying what was skipped (None when nothing was)."""
        if not self.skipped:
            return None
        by_reason: dict[str, list[str]] = {}
        for path, reason in self.skipped:
            by_reason.setdefault(reason, []).append(path)
        parts = []
        for reason, paths in by_reason.items():
            shown = ", ".join(os.path.basename(p.rstrip("/")) or p for p in paths[:3])
            more = f", … ({len(paths) - 3} more)" if len(paths) > 3 else ""
            parts.append(f"{len(paths)} {reason} ({shown}{more})")
        return "skipped " + "; ".join(parts)


_SKIP_SUFFIX = "not a text document (" + "/".join(TEXT_SUFFIXES) + "; name a file to read it anyway)"
_SKIP_HIDDEN = "hidden"
_SKIP_LINKED = "symlinked folder not followed (name it to read it)"
_SKIP_OUTPUT = "factlib output folder"
_SKIP_SPECIAL = "not a regular file (FIFO, device or socket)"
_SKIP_UNREADABLE = "unreadable folder"


def _walk(root: str, exclude: frozenset[str], skipped: list[tuple[str, str]]) -> list[str]:
    """Text files under ``root`` (iterative: no recursion limit; symlinked folders not followed)."""
    found: list[str] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            skipped.append((folder, f"{_SKIP_UNREADABLE}: {os_reason(e)}"))
            continue
        ours: frozenset[str] = frozenset()
        if any(e.name == MANIFEST_NAME for e in entries):
            if folder != root:
                skipped.append((folder + os.sep, _SKIP_OUTPUT))
                continue
            ours = _manifest_files(folder)  # output written into the named folder itself
        subdirs = []
        for e in entries:
            path = os.path.join(folder, e.name)
            if ours and _abs(path) in ours:
                skipped.append((path, _SKIP_OUTPUT))
                continue
            if e.name.startswith("."):
                if e.name != MANIFEST_NAME and not _is_factlib_tmp(e.name):
                    skipped.append((path, _SKIP_HIDDEN))
                continue
            if _abs(path) in exclude:
                skipped.append((path, _SKIP_OUTPUT))
                continue
            try:
                is_dir = e.is_dir(follow_symlinks=False)
                if is_dir:
                    subdirs.append(path)
                    continue
                if e.is_symlink() and e.is_dir():
                    skipped.append((path + os.sep, _SKIP_LINKED))
                    continue
            except OSError:
                pass
            if not e.name.lower().endswith(TEXT_SUFFIXES):
                skipped.append((path, _SKIP_SUFFIX))
                continue
            try:
                if not e.is_file():  # FIFO, device, socket (or a dangling link: read it to say so)
                    if not e.is_symlink() or os.path.exists(path):
                        skipped.append((path, _SKIP_SPECIAL))
                        continue
            except OSError:
                pass
            found.append(path)
        stack.extend(reversed(subdirs))
    return found


def _manifest_files(folder: str) -> frozenset[str]:
    """Absolute paths of the files a factlib manifest in ``folder`` lists, and of the sub-folders
    they are in (``document/``, ``charts/``: factlib's)."""
    import json

    try:
        with open(os.path.join(folder, MANIFEST_NAME), encoding="utf-8") as fh:
            files = json.load(fh).get("files", [])
    except (OSError, ValueError, AttributeError):
        return frozenset()
    out = set()
    for f in files:
        if isinstance(f, str):
            out.add(_abs(os.path.join(folder, f)))
            top = f.split("/", 1)
            if len(top) == 2:
                out.add(_abs(os.path.join(folder, top[0])))
    return frozenset(out)


def _is_factlib_tmp(name: str) -> bool:
    return ".tmp-" in name


def _abs(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def _glob_root(pattern: str) -> str:
    """The folder part of a glob before its first wildcard (``a/b/*/c.txt`` → ``a/b``)."""
    parts = pattern.replace(os.sep, "/").split("/")
    fixed = []
    for part in parts:
        if any(ch in part for ch in "*?["):
            break
        fixed.append(part)
    root = "/".join(fixed[:-1]) if len(fixed) == len(parts) else "/".join(fixed)
    return root or "."


def _rel_id(path: str, root: str | None) -> str:
    """Path relative to ``root`` without its extension, with ``/`` separators (the stem when
    the file is directly in ``root`` or named on its own)."""
    if root is None:
        return Path(path).stem
    rel = Path(os.path.relpath(path, root))
    if rel.parts and rel.parts[0] == "..":
        return Path(path).stem
    return rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()


def _unique_ids(items: list[tuple[str, str]]) -> list[str]:
    """Ids made unique: colliding ones take the path from the files' common folder, then the
    extension, then a counter."""
    ids = [i for _, i in items]
    groups: dict[str, list[int]] = {}
    for n, i in enumerate(ids):
        groups.setdefault(i, []).append(n)
    taken = {i for i, members in groups.items() if len(members) == 1}
    for i, members in groups.items():
        if len(members) == 1:
            continue
        paths = [os.path.abspath(items[n][0]) for n in members]
        common = os.path.commonpath([os.path.dirname(p) for p in paths])
        longer = [Path(os.path.relpath(p, common)).as_posix() for p in paths]
        stems = [str(Path(x).with_suffix("")) if Path(x).suffix else x for x in longer]
        chosen = stems if len(set(stems)) == len(stems) else longer
        for n, new in zip(members, chosen):
            candidate, k = new, 2
            while candidate in taken:
                candidate, k = f"{new}~{k}", k + 1
            taken.add(candidate)
            ids[n] = candidate
    return ids


def list_sources(paths: str | os.PathLike | Iterable[str | os.PathLike], *,
                 exclude: Iterable[str | os.PathLike] = ()) -> Listing:
    """The files named by ``paths`` (files, folders, globs) with unique, stable document ids.

    Folders are walked recursively and yield only text documents (:data:`TEXT_SUFFIXES`);
    hidden files and folders, symlinked folders, FIFOs and devices, factlib's own output folders
    (holding :data:`MANIFEST_NAME`) and anything under ``exclude`` are skipped and listed in
    ``Listing.skipped``.  A file named explicitly is always read.  A document's id is its path
    relative to the folder (or glob root) it was found in, without the extension: ``2021/news``
    for ``corpus/2021/news.txt``, the file name's stem for a file at the top or named on its
    own; ids that would still collide are lengthened until unique (see :func:`_unique_ids`).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    excluded = frozenset(_abs(str(x)) for x in exclude)
    listing = Listing()
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for item in paths:
        s = str(item)
        if os.path.isdir(s):
            files = _walk(s, excluded, listing.skipped)
            files.sort()
            root: str | None = s
        elif any(ch in s for ch in "*?[") and not os.path.lexists(s):
            files = sorted(f for f in glob.glob(s, recursive=True)
                           if os.path.isfile(f) and _abs(f) not in excluded)
            root = _glob_root(s)
        else:
            files, root = [s], None
        for f in files:
            if f not in seen:
                seen.add(f)
                found.append((f, _rel_id(f, root)))
    listing.sources = [Source(f, i) for (f, _), i in zip(found, _unique_ids(found))]
    return listing


def expand_paths(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> list[str]:
    """Files named by paths, folders (recursively, text documents only) and globs, sorted."""
    return list_sources(paths).paths


def iter_documents(paths) -> Iterator[Document | LoadError]:
    """Yield each document, or the :class:`LoadError` of a file that failed, in path order."""
    sources = paths.sources if isinstance(paths, Listing) else list_sources(paths).sources
    for src in sources:
        try:
            yield load_document(src.path, doc_id=src.id)
        except LoadError as e:
            yield e
        except Exception as e:  # an unexpected failure is still one file's problem
            yield LoadError(src.path, f"could not be read: {type(e).__name__}: {e}")


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
