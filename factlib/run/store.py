"""The claim store: an embedded SQLite file that a re-run updates instead of rebuilding.

Every document is keyed by its path and the sha256 of its bytes.  A run over a corpus

* skips a file whose sha256 (and the extractor's fingerprint) is already stored,
* re-extracts a new or changed file and replaces its claims,
* removes the documents (and their claims) whose files no longer exist.

Each document is written in **one transaction** (its old claims deleted, the new ones inserted,
its ``documents`` row replaced), so a process killed at any moment — even with SIGKILL — leaves
the store as it was before that document's write, and the next run does the rest.  The file uses
SQLite's write-ahead log (``journal_mode=WAL``, ``synchronous=NORMAL``: durable across a crash of
the process; a power cut can lose the last commits, never corrupt the file).

Numbers are stored as exact decimal text, so the ``Decimal`` values of the claims survive; the
frames read back (:meth:`ClaimStore.claims_frame`) have the columns and dtypes of
:func:`factlib.claims.frame.claims_frame` plus ``doc_date``.

>>> from factlib.run.store import ClaimStore                       # doctest: +SKIP
>>> with ClaimStore("out/claims.sqlite") as store:             # doctest: +SKIP
...     claims = store.claims_frame()
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from importlib import resources

from factlib.claims.record import COLUMNS, Claim
from factlib.run.loop import DocResult, process

__all__ = [
    "ClaimStore", "DocResult", "StoreError", "extractor_fingerprint", "file_sha256", "process_path",
    "store_key", "DEFAULT_STORE_NAME",
]

#: file name of the store inside an output folder when ``--store`` is not given
DEFAULT_STORE_NAME = "claims.sqlite"
SCHEMA_VERSION = "1"
_DECIMALS = ("value", "low", "high", "precision")
_INTS = ("sentence_id", "start", "end")
_CLAIM_COLUMNS = tuple(COLUMNS)


class StoreError(RuntimeError):
    """The store file cannot be used (another schema, not a factlib store, damaged)."""


def _damaged(path: str, exc: BaseException) -> StoreError:
    return StoreError(f"{path}: the claim store is damaged ({exc}); it is only a cache: delete it "
                      "(or give another --store) and run again")


def store_key(path: str | os.PathLike) -> str:
    """The key of a file in the store: its absolute, normalised path."""
    return os.path.abspath(os.fspath(path))


def file_sha256(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    """sha256 of a file's bytes (read in chunks)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """What the stored claims depend on besides the file: factlib's version, its data tables and
    the source of the modules that load documents and extract claims.

    A store written by another version, with edited vocabularies or with edited extraction code
    (a development checkout), re-extracts every file.
    """
    from factlib import __version__

    h = hashlib.sha256(__version__.encode())
    root = resources.files("factlib")
    for folder, suffix in _FINGERPRINTED:
        for entry in _files_under(root.joinpath(*folder), suffix):
            h.update(entry[0].encode())
            h.update(entry[1].read_bytes())
    return h.hexdigest()[:16]


#: what claims depend on: the vocabulary tables and every module from files to claims
_FINGERPRINTED = ((("data",), ".csv"), (("vocab",), ".py"), (("documents",), ".py"), (("claims",), ".py"))


def _files_under(folder, suffix: str, prefix: str = ""):
    """(relative name, entry) of every file under ``folder`` ending in ``suffix``, sorted, recursive."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        name = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _files_under(entry, suffix, name + "/")
        elif entry.name.endswith(suffix) and entry.is_file():
            yield name, entry


def process_path(path: str, known_sha: str | None = None, extractor=None, doc_id: str | None = None) -> DocResult:
    """Load and extract one file, unless its sha256 equals ``known_sha`` (then ``unchanged``).

    Runs wherever the file is readable (a Dask worker reads its own files); never raises for a
    bad file: the reason is in ``DocResult.error``.  (:func:`factlib.run.loop.process` with the
    store's key as the path.)
    """
    from factlib.documents.load import Source

    source = Source(path, doc_id if doc_id is not None else os.path.splitext(os.path.basename(path))[0])
    result = process(source, extractor, known_sha=known_sha)
    result.path = store_key(path)
    return result


_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,          -- absolute path of the file
    sha256 TEXT NOT NULL,           -- of the file's bytes
    fingerprint TEXT NOT NULL,      -- extractor_fingerprint() when written
    doc_id TEXT, title TEXT, date TEXT, lang TEXT,
    n_chars INTEGER, n_claims INTEGER,
    error TEXT,                     -- NULL, or why the file could not be loaded
    updated REAL NOT NULL,          -- unix time of the write
    size INTEGER, mtime_ns INTEGER  -- the file's stat when hashed: an unchanged stat skips re-hashing
);
CREATE TABLE IF NOT EXISTS claims (
    path TEXT NOT NULL REFERENCES documents(path),
    seq INTEGER NOT NULL,           -- order of the claim in its document
    doc_date TEXT,
    {", ".join(f'"{c}"' for c in _CLAIM_COLUMNS)},
    PRIMARY KEY (path, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claims_metric ON claims(metric_key, period);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc_id);
"""


def _looks_like_sqlite(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _text(x: Decimal | None) -> str | None:
    return None if x is None else str(x)


def _guarded(method):
    """Turn SQLite's "file is not a database" / "malformed" errors into one :class:`StoreError`."""
    import functools

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as e:
            if isinstance(e, sqlite3.OperationalError) and "locked" in str(e):
                raise
            raise _damaged(self.path, e) from None

    return wrapper


def _guarded_iter(method):
    import functools

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            yield from method(self, *args, **kwargs)
        except sqlite3.DatabaseError as e:
            if isinstance(e, sqlite3.OperationalError) and "locked" in str(e):
                raise
            raise _damaged(self.path, e) from None

    return wrapper


class ClaimStore:
    """An SQLite claim store (see the module docstring).  Use as a context manager or ``close()``."""

    def __init__(self, path: str | os.PathLike, *, timeout: float = 60.0, readonly: bool = False):
        self.path = os.fspath(path)
        self.readonly = readonly
        if readonly:
            if not os.path.exists(self.path):
                raise StoreError(f"{self.path}: no such claim store")
            uri = "file:" + urllib.parse.quote(os.path.abspath(self.path)) + "?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
            self._insert = ""
            try:
                self._db.execute("SELECT COUNT(*) FROM documents").fetchone()
            except sqlite3.DatabaseError as e:
                self._db.close()
                raise _damaged(self.path, e) from None
            return
        parent = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(parent, exist_ok=True)
        # autocommit mode: transactions are explicit (BEGIN IMMEDIATE … COMMIT)
        self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None:
                self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif row[0] != SCHEMA_VERSION:
                raise StoreError(f"{self.path}: store schema {row[0]}, this factlib writes {SCHEMA_VERSION}")
            self._db.execute("SELECT COUNT(*) FROM documents").fetchone()  # reads the pages: damage shows here
        except sqlite3.DatabaseError as e:
            self._db.close()
            if "not a database" in str(e) and not _looks_like_sqlite(self.path):
                raise StoreError(f"{self.path}: not a factlib claim store ({e}); give another --store path") from None
            raise _damaged(self.path, e) from None
        self._insert = (
            f'INSERT INTO claims (path, seq, doc_date, {", ".join(chr(34) + c + chr(34) for c in _CLAIM_COLUMNS)}) '
            f'VALUES ({", ".join("?" * (len(_CLAIM_COLUMNS) + 3))})'
        )

    # ---- life cycle -------------------------------------------------------------------
    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- what is stored ---------------------------------------------------------------
    @_guarded
    def known_stats(self) -> dict[str, tuple[str, int, int]]:
        """``path -> (sha256, size, mtime_ns)`` of the documents stored with the current fingerprint."""
        return {p: rec[:3] for p, rec in self.known_records().items()}

    @_guarded
    def known_records(self) -> dict[str, tuple[str, int, int, str | None]]:
        """``path -> (sha256, size, mtime_ns, doc_id)`` of the documents stored with the current
        fingerprint (claim ids depend on the document id, so another id means re-extraction)."""
        fp = extractor_fingerprint()
        rows = self._db.execute("SELECT path, sha256, fingerprint, size, mtime_ns, doc_id FROM documents")
        return {p: (s, size, mtime, doc_id) for p, s, f, size, mtime, doc_id in rows if f == fp}

    @_guarded
    def paths(self) -> list[str]:
        """Every stored path, sorted."""
        return [r[0] for r in self._db.execute("SELECT path FROM documents ORDER BY path")]

    @_guarded
    def counts(self) -> dict[str, int]:
        """Numbers of stored documents, failed documents and claims."""
        docs, failed = self._db.execute(
            "SELECT COUNT(*), COALESCE(SUM(error IS NOT NULL), 0) FROM documents").fetchone()
        (claims,) = self._db.execute("SELECT COUNT(*) FROM claims").fetchone()
        return {"documents": int(docs), "failed": int(failed), "claims": int(claims)}

    @_guarded
    def errors(self) -> list[tuple[str, str]]:
        """``(path, reason)`` of the stored files that could not be loaded."""
        return list(self._db.execute("SELECT path, error FROM documents WHERE error IS NOT NULL ORDER BY path"))

    # ---- writing ----------------------------------------------------------------------
    @_guarded
    def write(self, result: DocResult) -> None:
        """Replace one document's row and claims in a single transaction (``unchanged``: no-op)."""
        key = store_key(result.path)
        if result.status == "unchanged":  # same bytes: only remember the stat that was hashed
            self._db.execute("UPDATE documents SET size = ?, mtime_ns = ? WHERE path = ?",
                             (result.size, result.mtime_ns, key))
            return
        if result.sha256 is None:  # unreadable file: nothing to key it by; forget what was stored
            self.remove([key])
            return
        rows = [
            (key, i, result.date,
             *(_text(getattr(c, col)) if col in _DECIMALS else getattr(c, col) for col in _CLAIM_COLUMNS))
            for i, c in enumerate(result.claims)
        ]
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("DELETE FROM claims WHERE path = ?", (key,))
            db.execute(
                "INSERT OR REPLACE INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (key, result.sha256, extractor_fingerprint(), result.doc_id, result.title, result.date,
                 result.lang, result.n_chars, len(rows), result.error, time.time(), result.size,
                 result.mtime_ns),
            )
            db.executemany(self._insert, rows)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    @_guarded
    def remove(self, paths: Iterable[str]) -> int:
        """Delete documents (and their claims) by path, in one transaction; returns how many."""
        keys = [store_key(p) for p in paths]
        if not keys:
            return 0
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            n = 0
            for k in keys:
                db.execute("DELETE FROM claims WHERE path = ?", (k,))
                n += db.execute("DELETE FROM documents WHERE path = ?", (k,)).rowcount
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return n

    def prune(self) -> list[str]:
        """Remove the stored documents whose file no longer exists; returns their paths.

        A file that still exists but was not named in this run is kept: one store can hold
        several folders, each updated by its own runs.
        """
        gone = [p for p in self.paths() if not os.path.exists(p)]
        self.remove(gone)
        return gone

    # ---- reading ----------------------------------------------------------------------
    @_guarded_iter
    def iter_frames(self, paths: Sequence[str] | None = None, batch_docs: int = 200, *,
                    keys: bool = False) -> Iterator:
        """Claims frames of ``batch_docs`` documents at a time, in ``paths`` order (default: all, by
        path).  Memory stays bounded by one batch.  ``keys=True`` adds the store keys ``_path`` and
        ``_seq`` (the claim's position in its document)."""
        from factlib.claims.frame import claims_frame

        wanted = [store_key(p) for p in paths] if paths is not None else self.paths()
        cols = ", ".join(f'"{c}"' for c in ("path", "seq", "doc_date", *_CLAIM_COLUMNS))
        for i in range(0, len(wanted), batch_docs):
            chunk = wanted[i:i + batch_docs]
            order = {k: j for j, k in enumerate(chunk)}
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT {cols} FROM claims WHERE path IN ({marks})", chunk).fetchall()
            rows.sort(key=lambda r: (order[r[0]], r[1]))
            claims = [_claim(r[3:]) for r in rows]
            frame = claims_frame(claims)
            frame["doc_date"] = _dates([r[2] for r in rows])
            if keys:
                frame["_path"] = [r[0] for r in rows]
                frame["_seq"] = [r[1] for r in rows]
            yield frame

    def claims_frame(self, paths: Sequence[str] | None = None):
        """One claims frame (``factlib.claims_frame`` columns + ``doc_date``) of ``paths`` (default all)."""
        import pandas as pd

        frames = list(self.iter_frames(paths))
        if not frames:
            from factlib.claims.frame import claims_frame

            empty = claims_frame([])
            empty["doc_date"] = pd.Series(dtype="datetime64[s]")
            return empty
        return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _claim(values: Sequence) -> Claim:
    rec = dict(zip(_CLAIM_COLUMNS, values))
    for col in _DECIMALS:
        rec[col] = None if rec[col] is None else Decimal(rec[col])
    return Claim(**rec)


def _dates(values: Sequence[str | None]):
    import pandas as pd

    return pd.Series(pd.to_datetime(pd.Series(values, dtype=object), errors="coerce")).astype("datetime64[s]")
