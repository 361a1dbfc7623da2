"""The one document → claims loop: every command, both engines and the claim store go through it.

    Source(path, id) ─read (regular files only, byte cap)─▶ sha256 ─(unchanged? stop)─▶ decode,
    markup, dates, … ─▶ Document ─extract─▶ claims          ⇒  one :class:`DocResult`

:func:`process` never raises for a bad file: whatever goes wrong with one file (unreadable, not a
regular file, too large, undecodable, broken front matter, markup or extraction failing) becomes a
``DocResult`` with ``status="error"`` and a one-line ``error``; problems that do not stop the file
(an impossible front-matter date) are ``warnings``.  The pandas engine
(:mod:`factlib.run.local`), the Dask workers (:mod:`factlib.run.dask_engine`), the store
(:mod:`factlib.run.store`), the report context and the command line all call it, so a file fails
the same way everywhere.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from factlib.documents.load import Listing, LoadError, Source, list_sources
from factlib.run.interrupt import raise_if_requested

__all__ = ["DocResult", "WARNING_PREFIX", "process", "process_all", "split_messages"]

#: a reason that starts with this is a warning about a file that still loaded
WARNING_PREFIX = "warning: "


@dataclass
class DocResult:
    """The outcome of one file: its claims, or the reason it failed, or ``unchanged``."""

    path: str
    sha256: str | None
    status: str  # "ok" | "error" | "unchanged"
    doc_id: str = ""
    title: str | None = None
    date: str | None = None
    lang: str | None = None
    n_chars: int = 0
    claims: list = field(default_factory=list)
    error: str | None = None
    size: int = -1
    mtime_ns: int = -1
    warnings: list[str] = field(default_factory=list)
    document: Any = None  # the Document itself, when asked for (``keep_document=True``)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def messages(self) -> list[tuple[str, str]]:
        """``(path, reason)`` lines for the user: the error, or each warning (``warning: …``)."""
        if self.error is not None:
            return [(self.path, self.error)]
        return [(self.path, WARNING_PREFIX + w) for w in self.warnings]


def _one_line(text: str, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[:limit] + "…"


def process(source: Source | str, extractor=None, *, known_sha: str | None = None, extract: bool = True,
            keep_document: bool = False) -> DocResult:
    """Read, load and extract one file; never raises for a bad file (see the module docstring).

    ``known_sha``: the sha256 stored for this file; equal bytes give ``status="unchanged"``
    without loading.  ``extract=False`` only loads (``factlib docs``).  ``keep_document=True``
    keeps the :class:`~factlib.documents.load.Document` in ``result.document``.
    """
    from factlib.documents.load import document_from_bytes, read_file

    if isinstance(source, str):
        source = Source(source, os.path.splitext(os.path.basename(source))[0])
    path = source.path
    try:
        st = os.stat(path)
        stat = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
    except OSError:
        stat = {}
    try:
        holder = [read_file(path)]
    except LoadError as e:
        return DocResult(path, None, "error", doc_id=source.id, error=_one_line(e.reason), **stat)
    sha = hashlib.sha256(holder[0]).hexdigest()
    if known_sha is not None and sha == known_sha:
        return DocResult(path, sha, "unchanged", doc_id=source.id, **stat)
    try:
        doc = document_from_bytes(path, holder, doc_id=source.id, sha256=sha)
    except LoadError as e:
        return DocResult(path, sha, "error", doc_id=source.id, error=_one_line(e.reason), **stat)
    except Exception as e:  # markup, dates, …: still one file's problem, never the batch's
        return DocResult(path, sha, "error", doc_id=source.id,
                         error=_one_line(f"could not be loaded: {type(e).__name__}: {e}"), **stat)
    result = DocResult(path, sha, "ok", doc_id=doc.id, title=doc.title,
                       date=doc.date.isoformat() if doc.date else None, lang=doc.lang, n_chars=doc.n_chars,
                       warnings=list(doc.warnings), document=doc if keep_document else None, **stat)
    if not extract:
        return result
    try:
        if extractor is None:
            from factlib.claims.extract import default_extractor

            extractor = default_extractor()
        result.claims = list(extractor.extract(doc))
    except Exception as e:  # one bad document must not stop a batch
        result.status, result.claims, result.document = "error", [], None
        result.error = _one_line(f"extraction failed: {type(e).__name__}: {e}")
    return result


def process_all(sources: Listing | Iterable[Source] | Iterable[str] | str, extractor=None, *,
                extract: bool = True, keep_documents: bool = False) -> Iterator[DocResult]:
    """:func:`process` each source in order (paths, folders and globs are listed first)."""
    if isinstance(sources, Listing):
        items: Iterable = sources.sources
    elif isinstance(sources, (str, os.PathLike)):
        items = list_sources(sources).sources
    else:
        items = sources
    if extract and extractor is None:
        from factlib.claims.extract import default_extractor

        extractor = default_extractor()
    for src in items:
        raise_if_requested()  # the command line's Ctrl-C or SIGTERM (factlib.run.interrupt)
        yield process(src, extractor, extract=extract, keep_document=keep_documents)


def split_messages(pairs: Iterable[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """``(errors, warnings)`` from ``(path, reason)`` pairs (warnings start with :data:`WARNING_PREFIX`)."""
    errors, warnings = [], []
    for path, reason in pairs:
        (warnings if str(reason).startswith(WARNING_PREFIX) else errors).append((path, reason))
    return errors, warnings
