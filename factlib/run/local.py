"""The engine switch: the same claims and findings from pandas (one process) or Dask (a cluster),
optionally through the incremental claim store.

>>> from factlib.run.local import extract_frame, check_frame          # doctest: +SKIP
>>> claims = extract_frame("seeds/")                               # pandas, in this process
>>> claims = extract_frame("corpus/", engine="dask")               # LocalCluster, one worker per core
>>> claims = extract_frame("corpus/", engine="dask", scheduler="tcp://10.0.0.5:8786")
>>> claims = extract_frame("corpus/", store="out/claims.sqlite")   # only new or changed files
>>> findings = check_frame("corpus/", engine="dask")

Every frame has the columns of :func:`factlib.claims.frame.claims_frame` plus ``doc_date`` (the
document's date; the temporal check reads it), rows in file order then claim order, whatever
the engine.  Files that fail to load are listed in ``frame.attrs["errors"]`` as
``(path, reason)`` (warnings about files that loaded in ``frame.attrs["warnings"]``); every
document goes through :func:`factlib.run.loop.process`, whatever the engine.  ``factlib extract``
and ``factlib check`` take the same options (:func:`add_arguments`).
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is imported where a frame is built: `factlib extract --help` needs none
    import pandas as pd

__all__ = [
    "ENGINES", "UpdateStats", "add_arguments", "check_frame", "extract_frame", "open_store",
    "update_store", "uses_engine",
]

ENGINES = ("pandas", "dask")


@dataclass
class UpdateStats:
    """What a store update did."""

    files: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    removed: int = 0
    claims: int = 0
    chars: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.files} files: {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
                f"{self.failed} failed, {self.removed} removed; {self.claims} claims written "
                f"in {self.seconds:.1f} s")


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")


@contextmanager
def open_store(store):
    """A :class:`~factlib.run.store.ClaimStore` from a path (opened and closed here) or a store."""
    from factlib.run.store import ClaimStore

    if isinstance(store, ClaimStore):
        yield store
        return
    with ClaimStore(store) as opened:
        yield opened


# ---- the store ---------------------------------------------------------------------------------
def _sources(paths) -> list:
    """``Source`` items (path + document id) of files, folders, globs, a Listing or Sources."""
    from factlib.documents.load import Listing, Source, list_sources

    if isinstance(paths, Listing):
        return list(paths.sources)
    if isinstance(paths, (list, tuple)) and paths and all(isinstance(p, Source) for p in paths):
        return list(paths)
    return list_sources(paths).sources


def plan(files, store, verify: bool = False) -> tuple[list[tuple[object, str | None]], int]:
    """``(todo, unchanged)``: sources to process with their stored sha256 (None when new), and the
    number of files skipped because their size and modification time equal those recorded when
    their sha256 was last computed (``verify=True`` re-hashes every file instead).  A file stored
    under another document id is processed again (claim ids contain the document id)."""
    from factlib.run.store import store_key

    known = store.known_records()
    todo, unchanged = [], 0
    for src in _sources(files):
        rec = known.get(store_key(src.path))
        if rec is not None and rec[3] != src.id:
            todo.append((src, None))
            continue
        if rec is not None and not verify:
            try:
                st = os.stat(src.path)
            except OSError:
                st = None
            if st is not None and (st.st_size, st.st_mtime_ns) == (rec[1], rec[2]):
                unchanged += 1
                continue
        todo.append((src, rec[0] if rec else None))
    return todo, unchanged


def update_store(paths, store, engine: str = "pandas", scheduler=None, partitions: int | None = None, *,
                 workers: int | None = None, verify: bool = False, prune: bool = True) -> UpdateStats:
    """Bring the store up to date with ``paths`` (files, folders, globs): extract new and changed
    files, drop stored files that no longer exist.  Each document is one transaction.
    ``verify=True`` re-hashes every file (an edit that kept size and modification time is found)."""
    from factlib.run.store import store_key

    _check_engine(engine)
    t0 = time.perf_counter()
    sources = _sources(paths)
    stats = UpdateStats(files=len(sources))
    with open_store(store) as st:
        todo, stats.unchanged = plan(sources, st, verify)
        known = {store_key(src.path): sha for src, sha in todo}

        def write(result) -> None:
            st.write(result)
            if result.status == "unchanged":
                stats.unchanged += 1
                return
            was_known = known.get(store_key(result.path)) is not None
            if result.status == "error":
                stats.failed += 1
                stats.errors.append((result.path, result.error or ""))
            else:
                stats.errors.extend(result.messages())  # its warnings
                if was_known:
                    stats.changed += 1
                else:
                    stats.new += 1
            stats.claims += len(result.claims)
            stats.chars += result.n_chars

        if todo and engine == "dask":
            from factlib.run import dask_engine

            with dask_client_for(scheduler, workers) as client:
                dask_engine.update_store(client, todo, write, partitions=partitions)
        elif todo:
            from factlib.claims.extract import default_extractor
            from factlib.run.loop import process

            extractor = default_extractor()
            for src, sha in todo:
                write(process(src, extractor, known_sha=sha))
        if prune:
            stats.removed = len(st.prune())
    stats.seconds = time.perf_counter() - t0
    return stats


@contextmanager
def dask_client_for(scheduler=None, workers: int | None = None):
    """A Dask client (see :func:`factlib.run.dask_engine.dask_client`)."""
    from factlib.run.dask_engine import dask_client

    with dask_client(scheduler, workers) as client:
        yield client


# ---- extraction ---------------------------------------------------------------------------------
def results_frame(results) -> pd.DataFrame:
    """The claims frame (claims columns + ``doc_date``) of :class:`~factlib.run.loop.DocResult`
    items; ``attrs["errors"]`` and ``attrs["warnings"]`` hold their ``(path, reason)`` lines."""
    import pandas as pd

    from factlib.claims.frame import claims_frame

    claims, dates, errors, warnings = [], [], [], []
    for r in results:
        (errors if r.error is not None else warnings).extend(r.messages())
        claims.extend(r.claims)
        dates.extend([r.date] * len(r.claims))
    frame = claims_frame(claims)
    frame["doc_date"] = pd.Series(pd.to_datetime(pd.Series(dates, dtype=object)), dtype="datetime64[s]")
    frame.attrs["errors"] = errors
    frame.attrs["warnings"] = warnings
    return frame


def _pandas_frame(files) -> pd.DataFrame:
    from factlib.run.loop import process_all

    return results_frame(process_all(_sources(files)))


def extract_frame(paths, engine: str = "pandas", scheduler=None, partitions: int | None = None,
                  store=None, *, workers: int | None = None, verify: bool = False) -> pd.DataFrame:
    """The claims of ``paths`` as one pandas DataFrame (claims columns + ``doc_date``).

    ``engine="dask"`` extracts on a cluster (``scheduler``: address, Client, or None for a local
    cluster of ``workers``); ``partitions`` sets how many pieces the file list is cut into.  With
    ``store`` (a path or ClaimStore) only new or changed files are extracted and the frame is read
    from the store (``verify=True``: every file re-hashed).  To keep a huge corpus out of one
    process, write Parquet instead (:func:`write_claims`).
    """
    _check_engine(engine)
    sources = _sources(paths)
    files = [s.path for s in sources]
    if store is not None:
        from factlib.run.loop import split_messages

        with open_store(store) as st:
            stats = update_store(sources, st, engine, scheduler, partitions, workers=workers, verify=verify)
            frame = st.claims_frame(files)
            wanted = set(map(_key, files))
            errors = [(p, r) for p, r in st.errors() if p in wanted]
            frame.attrs["errors"] = errors
            frame.attrs["warnings"] = split_messages(stats.errors)[1]
            frame.attrs["update"] = dataclasses.asdict(stats)  # attrs travel as JSON (Parquet metadata)
        return frame
    if engine == "pandas":
        return _pandas_frame(sources)
    from factlib.run import dask_engine
    from factlib.run.loop import split_messages

    with dask_client_for(scheduler, workers) as client:
        ddf = dask_engine.extract_ddf(sources, partitions, workers=dask_engine.n_workers(client))
        claims, errors = dask_engine.split_errors(ddf)
        import dask

        with dask_engine._no_string_conversion():
            part, errs = dask.compute(claims, errors)
    frame = dask_engine.public(part)
    frame.attrs["errors"], frame.attrs["warnings"] = split_messages(
        tuple(e.split("\t", 1)) for e in errs.tolist())
    return frame


def _key(path: str) -> str:
    from factlib.run.store import store_key

    return store_key(path)


def write_claims(paths, out_dir: str, engine: str = "pandas", scheduler=None, partitions: int | None = None,
                 *, workers: int | None = None) -> tuple[int, list[tuple[str, str]]]:
    """Extract ``paths`` into a folder of Parquet files without holding all claims anywhere:
    Dask workers write one file per partition; the pandas engine writes one file per batch of
    documents.  Returns ``(number of claims, [(path, reason) of failed files])``."""
    _check_engine(engine)
    files = _sources(paths)
    if engine == "dask":
        from factlib.run import dask_engine

        with dask_client_for(scheduler, workers) as client:  # tasks of paths: no DataFrame in this process
            return dask_engine.write_files(client, files, out_dir, partitions)
    from factlib.run.dask_engine import partition_paths

    os.makedirs(out_dir, exist_ok=True)
    n, errors = 0, []
    for i, chunk in enumerate(partition_paths(files, partitions, workers=1)):
        frame = _pandas_frame(chunk)
        errors += frame.attrs.pop("errors", []) + frame.attrs.pop("warnings", [])
        frame.to_parquet(os.path.join(out_dir, f"part.{i}.parquet"), index=False)
        n += len(frame)
    return n, errors


# ---- checks -------------------------------------------------------------------------------------
def check_frame(paths, engine: str = "pandas", scheduler=None, partitions: int | None = None, store=None,
                *, reference: pd.DataFrame | None = None, checks=None, workers: int | None = None,
                options: dict | None = None, verify: bool = False) -> pd.DataFrame:
    """Findings for the documents ``paths`` (``factlib.check`` columns), on either engine.

    On Dask the claims never meet in one process: each check's groups are shuffled to
    partitions and checked there (see :mod:`factlib.run.dask_engine`); only the findings come back.
    """
    _check_engine(engine)
    if reference is None:
        from factlib.figures.load import load_reference

        reference = load_reference()
    files = _sources(paths)
    if engine == "pandas":
        from factlib.checks import check

        claims = extract_frame(files, "pandas", store=store, verify=verify)
        findings = check(claims, reference=reference, checks=checks, options=options)
        findings.attrs["errors"] = claims.attrs.get("errors", [])
        findings.attrs["warnings"] = claims.attrs.get("warnings", [])
        return findings
    from factlib.run import dask_engine

    with dask_client_for(scheduler, workers) as client:
        nw = dask_engine.n_workers(client)
        errors: list = []
        if store is not None:
            with open_store(store) as st:
                stats = update_store(files, st, "dask", client, partitions, verify=verify)
                errors = stats.errors
                store_path = st.path
            claims = dask_engine.store_ddf(store_path, [s.path for s in files], partitions, workers=nw)
        else:
            claims = dask_engine.extract_ddf(files, partitions, workers=nw)
        lazy = dask_engine.check_ddf(claims, reference, checks, partitions=partitions, options=options)
        with dask_engine._no_string_conversion():
            if store is None:  # the load errors come from the same extraction tasks
                import dask

                found, errs = dask.compute(lazy, dask_engine.split_errors(claims)[1])
                errors = [tuple(e.split("\t", 1)) for e in errs.tolist()]
            else:
                found = lazy.compute()
    findings = dask_engine.sort_findings(found)
    from factlib.run.loop import split_messages

    findings.attrs["errors"], findings.attrs["warnings"] = split_messages(errors)
    return findings


# ---- command line -------------------------------------------------------------------------------
def add_arguments(parser) -> None:
    """The engine options of ``factlib extract`` and ``factlib check``."""
    g = parser.add_argument_group("engine")
    g.add_argument("--engine", choices=ENGINES, default="pandas",
                   help="pandas: this process (default); dask: a Dask cluster")
    g.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (tcp://host:8786); default: a local cluster, one worker per core")
    g.add_argument("--partitions", type=int, metavar="N", help="cut the file list into N partitions")
    g.add_argument("--workers", type=int, metavar="N", help="workers of the local Dask cluster (default: cores)")
    g.add_argument("--store", metavar="PATH",
                   help="claim store (SQLite): extract only new or changed files, drop deleted ones")
    g.add_argument("--verify", action="store_true",
                   help="with --store: re-hash every file instead of trusting unchanged size and modification time")


def uses_engine(args) -> bool:
    """True when the command line asks for anything but the plain in-process pandas path."""
    return (getattr(args, "engine", "pandas") != "pandas" or bool(getattr(args, "store", None))
            or bool(getattr(args, "scheduler", None)))
