"""The Dask engine: the same extraction and checks as the pandas path, spread over workers.

Extraction: the sorted file list is cut into partitions of about equal bytes; each task gets
*paths* (never texts), reads and extracts its files inside the worker and returns one pandas
partition.  Rows keep two ordering columns, ``_doc`` (the file's position in the sorted list)
and ``_seq`` (the claim's position in its document), so any partition can be put back in the
order the pandas engine produces.

Checks: a check only needs the claims that can meet in it, so each check declares a *layout*
(``register_check(name, layout=...)``, :class:`factlib.checks.registry.Layout`) that says which
rows it needs and under which group key; the rows are
shuffled on that key (``DataFrame.shuffle``) so that every group lands whole in one partition,
and ``factlib.check`` runs on each partition.  No step gathers the claims on one process.

=================  ==========================================================================
layout             rows and key
=================  ==========================================================================
``document``       no shuffle: the extraction partitions already hold whole documents
                   (``reference``, ``temporal``)
``metric``         claims with a metric, a period and a comparable number, by ``metric_key``
                   (``cross_document``)
``period``         level claims with a metric and period, by period key (``part_whole``:
                   a part and its whole share the period)
``derived``        comparators by ``metric_key``; every sentence holding a change claim is
                   copied to the group of each metric it names and to its document's group, and
                   a finding is kept only in the partition of its own metric (``derived``)
``pairs``          (``translation``) the document pairs are found first, on Dask: each
                   document's distinct number signatures, their document frequency (a group-by)
                   and the zh × en join on signature (a shuffle join) give shared counts per
                   document pair — a table of document pairs, not of claims — which is reduced
                   to mutual best partners as ``find_pairs`` does.  Then the claims of each pair
                   are shuffled together and the check runs once per pair.
=================  ==========================================================================

A user check runs on Dask once it has a layout: ``register_check("my_check", layout="metric")``, or
for a registered check or a bare function ``register_layout("my_check", "metric")``.
"""
from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from factlib.claims.record import COLUMNS

if TYPE_CHECKING:  # pandas and numpy are imported where a frame is built: a client that only
    import numpy as np  # writes Parquet (write_files) runs without them
    import pandas as pd

__all__ = [
    "dask_client", "partition_paths", "extract_partition", "extract_ddf", "write_files", "write_parquet",
    "update_store", "store_ddf", "check_ddf", "register_layout", "ordered",
]

#: layouts of checks that are passed as bare functions (not registered), by function name
_FUNCTION_LAYOUTS: dict[str, str] = {}
#: target bytes of files per extraction partition: a worker's memory grows by about 15× its
#: partition's bytes while it extracts one (the claims as Python objects, then as a frame, then as
#: an Arrow table), ~55 MB at 4 MB; 1 MB keeps a worker near 300 MB, and many short tasks also
#: leave a worker idle for less time at the end of a run (~1 ms of scheduling per task)
PARTITION_BYTES = 1 << 20
#: target bytes of files per output partition of a check's shuffle (the default there: one per
#: four extraction partitions), so a shuffle's n × n pieces stay few
SHUFFLE_BYTES = 4 << 20
#: smaller batches when results stream into the store, so the store advances steadily
STORE_BATCH_BYTES = 2 << 20
_ORDER = ("_doc", "_seq")
#: how shuffles move data: "tasks" (plain task graph; quiet, fine up to a few hundred
#: partitions) or "p2p" (peer-to-peer, for very large shuffles on a real cluster)
SHUFFLE_METHOD = "tasks"


def register_layout(check_name: str, layout: str) -> None:
    """Declare how a check partitions on Dask (a ``Layout`` name): a registered check gets it in the
    registry (better: ``register_check(name, layout=...)``); a bare function by its name."""
    from factlib.checks.registry import REGISTRY, Layout

    if check_name in REGISTRY:
        REGISTRY.set_layout(check_name, layout)
    elif layout in set(Layout):
        _FUNCTION_LAYOUTS[check_name] = Layout(layout)
    else:
        raise ValueError(f"unknown layout {layout!r}; choose from {', '.join(Layout)}")


@contextmanager
def _no_string_conversion():
    import dask

    # object columns (the findings' lists; strings kept as pandas writes them) stay as they are
    with dask.config.set({"dataframe.convert-string": False, "dataframe.shuffle.method": SHUFFLE_METHOD}):
        yield


#: what a worker of a cluster factlib started logs when its heartbeat meets the scheduler already
#: closed at the end of a run (a known race of distributed's shutdown, dask/distributed#7105):
#: nothing was lost and nothing can be done, so it is not printed as an error with a traceback
SHUTDOWN_RACE_MESSAGES = ("Failed to communicate with scheduler during heartbeat",)


class _ShutdownRaceFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(SHUTDOWN_RACE_MESSAGES)


def _quiet_shutdown_plugin():
    from distributed.diagnostics.plugin import WorkerPlugin

    class QuietShutdown(WorkerPlugin):
        """Installs :class:`_ShutdownRaceFilter` on the worker's logger, in the worker process."""

        def setup(self, worker):
            logger = logging.getLogger("distributed.worker")
            if not any(isinstance(f, _ShutdownRaceFilter) for f in logger.filters):
                logger.addFilter(_ShutdownRaceFilter())

    return QuietShutdown()


@contextmanager
def dask_client(scheduler=None, workers: int | None = None, processes: bool = True):
    """A ``distributed.Client``: ``scheduler`` is a Client (used as is), an address
    (``tcp://host:8786``) or None for a new ``LocalCluster`` with ``workers`` single-threaded
    workers (default: one per core).  Clusters and clients made here are closed on exit."""
    from distributed import Client, LocalCluster

    if isinstance(scheduler, Client):
        yield scheduler
        return
    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    n = workers or os.cpu_count() or 1
    cluster = _local_cluster(LocalCluster, n, processes)
    client = Client(cluster)
    try:
        client.register_plugin(_quiet_shutdown_plugin(), name="factlib-quiet-shutdown")
        yield client
    finally:
        client.close()
        cluster.close()


#: environment of the worker processes of a cluster factlib starts (set before each is spawned;
#: a variable already set in the environment wins): one malloc arena, because a worker extracts in
#: one executor thread whose own arena kept freed memory, and Arrow's allocations from the system
#: allocator instead of its mimalloc pool, which kept its own; each saved ~15-19 MB of a worker's
#: peak, ~33 MB together (benchmarks/bench_scale.py)
WORKER_ENVIRON = {"MALLOC_ARENA_MAX": "1", "ARROW_DEFAULT_MEMORY_POOL": "system"}


#: Dask settings of a cluster factlib starts (its scheduler, nannies and workers; a value the user
#: set wins, see :func:`_cluster_config`): no statistical profiler in the workers (it samples the
#: running task's stack every 10 ms for the dashboard, which this cluster does not serve), and the
#: event loops' health tick and system monitor at 1 s and 2 s instead of 20 ms and 0.5 s.  A busy
#: worker's threads other than the task's took ~5 % of its CPU with the defaults, ~1 % without
#: (and woke its event loop ~5× less often), and a second busy worker shares the cores with them.
CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


def _cluster_config() -> dict:
    """:data:`CLUSTER_CONFIG` without the keys the user set: in a Dask configuration file or a
    ``DASK_…`` environment variable, or in this process to a value other than distributed's default."""
    import dask
    import distributed  # noqa: F401 (registers distributed's defaults)

    defaults = dask.config.merge(*dask.config.defaults)
    users = dask.config.collect()  # the configuration files and environment, without the defaults
    missing = object()
    return {k: v for k, v in CLUSTER_CONFIG.items()
            if dask.config.get(k, default=missing, config=users) is missing
            and dask.config.get(k, default=None) == dask.config.get(k, default=None, config=defaults)}


def _local_cluster(local_cluster, n: int, processes: bool):
    """A LocalCluster of ``n`` single-threaded workers whose processes get :data:`WORKER_ENVIRON`
    (distributed's nannies set ``pre-spawn-environ`` in this process's environment to spawn
    them; the variables this adds are taken out again once the workers run), with the settings of
    :data:`CLUSTER_CONFIG` (the nannies hand this process's configuration to their workers)."""
    import dask

    key = "distributed.nanny.pre-spawn-environ"
    environ = {**WORKER_ENVIRON, **(dask.config.get(key, default=None) or {})}
    added = [k for k in WORKER_ENVIRON if k not in os.environ]
    try:
        with dask.config.set({**_cluster_config(), key: environ}):
            return local_cluster(n_workers=n, threads_per_worker=1, processes=processes, dashboard_address=None)
    finally:
        for k in added:
            os.environ.pop(k, None)


def n_workers(client) -> int:
    """Number of workers (threads, in fact) the client's cluster has."""
    return max(1, sum(client.nthreads().values()))


def partition_paths(paths: Sequence[str], partitions: int | None = None, *, workers: int = 1,
                    target_bytes: int = PARTITION_BYTES) -> list[list[str]]:
    """Cut the (sorted) file list into contiguous chunks of about equal bytes.

    Default count: enough chunks of ``target_bytes`` and at least three per worker (so a slow
    chunk does not leave the other workers idle), never more than there are files.
    """
    import numpy as np

    paths = list(paths)
    if not paths:
        return []
    sizes = np.array([_size(p) for p in paths], dtype=float)
    if partitions is None:
        partitions = max(int(np.ceil(sizes.sum() / target_bytes)), 3 * workers)
    partitions = max(1, min(int(partitions), len(paths)))
    cum = np.cumsum(sizes)
    total = cum[-1] if cum[-1] > 0 else 1.0
    # chunk i ends at the first file whose cumulative size reaches (i+1)/n of the total
    bounds = np.searchsorted(cum, total * np.arange(1, partitions) / partitions, side="left") + 1
    chunks, start = [], 0
    for end in [*bounds.tolist(), len(paths)]:
        end = max(end, start + 1) if start < len(paths) else start
        end = min(end, len(paths) - (partitions - len(chunks) - 1))
        if end > start:
            chunks.append(paths[start:end])
            start = end
    if start < len(paths):
        chunks[-1].extend(paths[start:])
    return chunks


def _size(item) -> int:
    """Bytes of a file given as a path, a ``Source`` or a ``(source, sha)`` pair (0 if unreadable)."""
    if isinstance(item, tuple):
        item = item[0]
    try:
        return os.path.getsize(getattr(item, "path", item))
    except OSError:
        return 0


# ---- extraction ---------------------------------------------------------------------------------
def _frame(claims: list, dates: list, docs: list[int], seqs: list[int]) -> pd.DataFrame:
    import numpy as np
    import pandas as pd
    from factlib.claims.frame import claims_frame

    frame = claims_frame(claims)
    frame["lang"] = frame["lang"].astype("string")  # categories would differ between partitions
    frame["doc_date"] = pd.Series(pd.to_datetime(pd.Series(dates, dtype=object)), dtype="datetime64[s]")
    frame["_doc"] = np.asarray(docs, dtype="int64")
    frame["_seq"] = np.asarray(seqs, dtype="int64")
    frame["_error"] = pd.Series([None] * len(frame), dtype="string")
    return frame


def extract_partition(paths: Sequence, first: int = 0) -> pd.DataFrame:
    """Claims of ``paths`` (``Source`` items or file paths; read here, in the worker), with
    ``doc_date``, ``_doc``, ``_seq`` — through :func:`factlib.run.loop.process`, as the pandas engine.

    A file that cannot be loaded becomes one row whose ``_error`` is ``"path\\treason"`` (a
    warning about a file that loaded: ``"path\\twarning: …"``).
    """
    import numpy as np
    import pandas as pd
    from factlib.claims.extract import default_extractor
    from factlib.run.loop import process

    extractor = default_extractor()
    claims, dates, docs, seqs, errors = [], [], [], [], []
    for i, src in enumerate(paths):
        result = process(src, extractor)
        errors += [(first + i, f"{path}\t{reason}") for path, reason in result.messages()]
        found = result.claims
        claims.extend(found)
        dates.extend([result.date] * len(found))
        docs.extend([first + i] * len(found))
        seqs.extend(range(len(found)))
    frame = _frame(claims, dates, docs, seqs)
    if errors:
        err = _frame([], [], [], []).reindex(range(len(errors)))
        err["_doc"] = np.array([d for d, _ in errors], dtype="int64")
        err["_seq"] = np.zeros(len(errors), dtype="int64")
        err["_error"] = pd.array([m for _, m in errors], dtype="string")
        frame = pd.concat([frame, err], ignore_index=True)
    return frame


def _meta() -> pd.DataFrame:
    return _frame([], [], [], [])


def extract_ddf(paths: Sequence[str], partitions: int | None = None, *, workers: int = 1):
    """A lazy Dask DataFrame of the claims of ``paths`` (errors included as ``_error`` rows)."""
    import numpy as np
    import dask.dataframe as dd

    chunks = partition_paths(paths, partitions, workers=workers)
    firsts = np.cumsum([0] + [len(c) for c in chunks[:-1]]).tolist() if chunks else []
    if not chunks:
        chunks, firsts = [[]], [0]
    with _no_string_conversion():
        return dd.from_map(extract_partition, chunks, firsts, meta=_meta(), enforce_metadata=False)


def split_errors(ddf):
    """``(claims, errors)``: the claim rows and the ``_error`` rows of an extraction frame."""
    bad = ddf["_error"].notnull()
    return ddf[~bad], ddf[bad]["_error"]


def public(frame: pd.DataFrame) -> pd.DataFrame:
    """A computed partition as the pandas engine returns it: claims columns + ``doc_date``."""
    frame = ordered(frame)
    out = frame[list(COLUMNS) + ["doc_date"]].reset_index(drop=True)
    out["lang"] = out["lang"].astype(object).astype("category")
    return out


def ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in the pandas engine's order (file order, then claim order)."""
    return frame.sort_values(list(_ORDER), kind="stable")


def write_files(client, paths: Sequence, out_dir: str, partitions: int | None = None
                ) -> tuple[int, list[tuple[str, str]]]:
    """Extract ``paths`` (``Source`` items or file paths) into partitioned Parquet in ``out_dir``
    on ``client``'s cluster; return the number of claims and the ``(path, reason)`` of files that
    failed (warnings included, as ``warning: …``).  The same files as :func:`write_parquet` of
    :func:`extract_ddf` with the same partitions.

    One plain task per partition (:func:`_write_chunk`: read, extract, write ``part.N.parquet``,
    count), so this process builds no frame and needs neither pandas nor ``dask.dataframe``,
    nor do the workers need ``dask.dataframe``: ~140 MB less in this process."""
    chunks = partition_paths(paths, partitions, workers=n_workers(client)) or [[]]
    firsts, first = [], 0
    for chunk in chunks:
        firsts.append(first)
        first += len(chunk)
    _clear_parts(out_dir)
    futures = client.map(_write_chunk, chunks, firsts, range(len(chunks)), out_dir=out_dir, pure=False)
    try:
        written = client.gather(futures)
    finally:
        client.cancel(futures)
    errors = [tuple(e.split("\t", 1)) for _, errs in written for e in errs]
    return sum(n for n, _ in written), errors


def _write_chunk(paths: Sequence, first: int, number: int, out_dir: str) -> tuple[int, list[str]]:
    """One task of :func:`write_files`: the claims of ``paths`` in ``out_dir/part.{number}.parquet``."""
    return _write_frame(extract_partition(paths, first), out_dir, number, _parquet_schema())


def _parquet_schema():
    """The Arrow schema of the written claims: the extraction meta's without ``_error`` (the
    schema Dask's ``to_parquet`` infers from the meta)."""
    import pyarrow as pa

    return pa.Schema.from_pandas(_meta().drop(columns=["_error"]), preserve_index=False).remove_metadata()


def write_parquet(ddf, out_dir: str) -> tuple[int, list[tuple[str, str]]]:
    """Write the claims of an extraction frame (:func:`extract_ddf`) as partitioned Parquet (one
    file per partition) in ``out_dir``; return the number of claims and the ``(path, reason)`` of
    files that failed.  One pass over the files.

    Each partition is extracted, written (``part.N.parquet``, with the schema Dask's ``to_parquet``
    gives: the one of the frame's meta) and counted in one task on its worker, so only a count and
    the failed files' lines come back, no partition travels between workers and no intermediate
    copy of a partition (claims without the error rows, without ``_error``) waits in memory for
    another task.  :func:`write_files` does the same from the file list, without a DataFrame here."""
    import pyarrow as pa

    meta = ddf._meta.drop(columns=["_error"])
    schema = pa.Schema.from_pandas(meta, preserve_index=False).remove_metadata()
    _clear_parts(out_dir)
    with _no_string_conversion():
        lazy = ddf.map_partitions(_write_partition, out_dir, schema, partition_info=True,
                                  meta=_written_meta(), enforce_metadata=False)
        # optimized here, extraction and writing fuse into one task per partition (compute alone
        # left them two tasks, and a partition could travel to the other worker to be written)
        written = lazy.optimize().compute()
    errors = [tuple(e.split("\t", 1)) for errs in written["errors"] for e in errs]
    return int(written["claims"].sum()), errors


def _written_meta() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({"claims": pd.Series(dtype="int64"), "errors": pd.Series(dtype=object)})


def _clear_parts(out_dir: str) -> None:
    """An empty ``out_dir`` for a new dataset: earlier ``part.N.parquet`` files (and Dask's
    ``_metadata`` files) are removed, nothing else in the folder."""
    import glob

    os.makedirs(out_dir, exist_ok=True)
    for name in glob.glob(os.path.join(glob.escape(out_dir), "part.*.parquet")) + [
            os.path.join(out_dir, "_metadata"), os.path.join(out_dir, "_common_metadata")]:
        if os.path.isfile(name):
            os.remove(name)


def _write_partition(part: pd.DataFrame, out_dir: str, schema, partition_info=None) -> pd.DataFrame:
    """:func:`_write_frame` as a ``map_partitions`` function: a one-row frame of the count and errors."""
    import pandas as pd

    n, errors = _write_frame(part, out_dir, partition_info["number"] if partition_info else 0, schema)
    return pd.DataFrame({"claims": [n], "errors": [errors]})


def _write_frame(part: pd.DataFrame, out_dir: str, number: int, schema) -> tuple[int, list[str]]:
    """Write one extraction partition's claims to ``out_dir/part.N.parquet`` (as Dask's
    ``to_parquet`` writes a partition: ``pyarrow.Table.from_pandas`` with the dataset's schema,
    snappy); its claim count and error lines."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    bad = part["_error"].notnull().to_numpy()
    errors = part["_error"].to_numpy()[bad].tolist() if bad.any() else []
    claims = (part[~bad] if bad.any() else part).drop(columns=["_error"])
    table = pa.Table.from_pandas(claims, nthreads=1, preserve_index=False, schema=schema)
    pq.write_table(table, os.path.join(out_dir, f"part.{number}.parquet"), compression="snappy")
    return len(claims), errors


# ---- the store --------------------------------------------------------------------------------
def _process_batch(items: Sequence[tuple]):
    from factlib.claims.extract import default_extractor
    from factlib.run.loop import process

    extractor = default_extractor()
    return [process(src, extractor, known_sha=sha) for src, sha in items]


def update_store(client, todo: Sequence[tuple], write: Callable, *, partitions: int | None = None) -> None:
    """Process ``(source, known_sha)`` items on the cluster; ``write(result)`` each result as it
    arrives (on this process: the store has one writer), so memory holds a few batches only."""
    from distributed import as_completed

    chunks = partition_paths(list(todo), partitions, workers=n_workers(client), target_bytes=STORE_BATCH_BYTES)
    futures = [client.submit(_process_batch, chunk, pure=False) for chunk in chunks]
    for future in as_completed(futures):
        for result in future.result():
            write(result)
        future.release()


def _store_partition(store_path: str, paths: Sequence[str], first: int) -> pd.DataFrame:
    import pandas as pd
    from factlib.run.store import ClaimStore, store_key

    with ClaimStore(store_path, readonly=True) as store:
        frame = next(iter(store.iter_frames(paths, batch_docs=max(1, len(paths)), keys=True)), None)
    if frame is None or frame.empty:
        return _meta()
    position = {store_key(p): first + i for i, p in enumerate(paths)}
    frame["lang"] = frame["lang"].astype("string")
    frame["_doc"] = frame.pop("_path").map(position).astype("int64")
    frame["_seq"] = frame["_seq"].astype("int64")
    frame["_error"] = pd.Series([None] * len(frame), dtype="string")
    return frame[list(_meta().columns)]


def store_ddf(store_path: str, paths: Sequence[str], partitions: int | None = None, *, workers: int = 1):
    """A lazy Dask DataFrame of stored claims of ``paths``, read by the workers (the store file
    must be readable where they run: a local cluster or a shared filesystem)."""
    import numpy as np
    import dask.dataframe as dd

    chunks = partition_paths(paths, partitions, workers=workers) or [[]]
    firsts = np.cumsum([0] + [len(c) for c in chunks[:-1]]).tolist()
    with _no_string_conversion():
        return dd.from_map(_store_partition, [store_path] * len(chunks), chunks, firsts, meta=_meta(),
                           enforce_metadata=False)


# ---- checks -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Keys:
    key: np.ndarray      # resolved metric_key
    pkey: np.ndarray     # period join key
    mclass: np.ndarray
    period: np.ndarray


def _keys(part: pd.DataFrame) -> _Keys:
    from factlib.checks.prepare import prepare_claims
    from factlib.checks.official import period_key
    from factlib.vocab.lexicon import default_lexicon

    prep = prepare_claims(part[list(COLUMNS) + ["doc_date"]], default_lexicon())
    pkey = period_key(prep["period"], prep["mclass"])
    return _Keys(prep["metric_key"].to_numpy(dtype=object), pkey.to_numpy(dtype=object),
                 prep["mclass"].to_numpy(dtype=object), prep["period"].to_numpy(dtype=object))


def group_rows(part: pd.DataFrame, layout: str, pairs: dict[str, str] | None = None) -> pd.DataFrame:
    """The rows of one partition that ``layout`` needs, each with its group key ``_group``
    (a row may be repeated under several keys: the ``derived`` layout)."""
    import numpy as np
    import pandas as pd
    from factlib.checks.official import comparable

    part = _claims_only(part).reset_index(drop=True)
    if part.empty:
        return part.assign(_group=pd.Series(dtype=object))
    if layout == "pairs":
        group = part["doc_id"].astype(str).map(pairs or {})
        keep = group.notna().to_numpy()
        return part[keep].assign(_group=group[keep].astype(object).to_numpy())
    k = _keys(part)
    has = (k.key != "") & (k.period != "")
    if layout == "metric":
        rel = has & comparable(pd.Series(k.mclass)).to_numpy()
        return part[rel].assign(_group=["m:" + x for x in k.key[rel]])
    if layout == "period":
        mc = pd.Series(k.mclass)
        rel = has & (mc.isin(["count"]) | mc.str.startswith("money:")).to_numpy()
        return part[rel].assign(_group=["p:" + x for x in k.pkey[rel]])
    if layout == "derived":
        pieces = [part[has].assign(_group=["m:" + x for x in k.key[has]])]
        change = np.isin(k.mclass, ["pp", "growth"])
        if change.any():
            sent = part["doc_id"].astype(str) + "\x1f" + part["sentence_id"].astype(str)
            in_change = sent.isin(set(sent[change])).to_numpy()
            rows = part[in_change]
            keyed = pd.DataFrame({"s": sent[in_change].to_numpy(), "k": k.key[in_change],
                                  "d": rows["doc_id"].astype(str).to_numpy()})
            groups = pd.concat([
                keyed.loc[keyed["k"] != "", ["s"]].assign(g="m:" + keyed.loc[keyed["k"] != "", "k"]),
                keyed[["s"]].assign(g="d:" + keyed["d"]),
            ]).drop_duplicates()
            copies = rows.assign(s=sent[in_change].to_numpy()).merge(groups, on="s")
            pieces.append(copies.drop(columns=["s"]).rename(columns={"g": "_group"}))
        out = pd.concat(pieces, ignore_index=True)
        return out.drop_duplicates(["claim_id", "_group"])
    raise ValueError(f"no row selection for layout {layout!r}")


def _claims_only(part: pd.DataFrame) -> pd.DataFrame:
    """The claim rows (not the ``_error`` rows) of a partition; Parquet written by
    :func:`write_parquet` has no ``_error`` column."""
    return part[part["_error"].isnull()] if "_error" in part.columns else part


def _owner(findings: pd.DataFrame) -> list[str]:
    """The group a ``derived`` finding belongs to: its metric, else its level claim's document."""
    return ["m:" + k if k else "d:" + (docs[0] if len(docs) else "")
            for k, docs in zip(findings["metric_key"].fillna(""), findings["evidence_doc_ids"])]


def _check_partition(part: pd.DataFrame, checks: list, reference: pd.DataFrame, layout: str,
                     options: dict | None) -> pd.DataFrame:
    import pandas as pd
    from factlib.checks import check
    from factlib.checks.findings import empty_findings

    part = _claims_only(part)
    if part.empty:
        return empty_findings()
    groups = set(part["_group"]) if "_group" in part.columns else set()
    if layout == "pairs":  # one document pair at a time: pairs must not meet each other here
        found = [_check_partition(g.drop(columns="_group"), checks, reference, "document", options)
                 for _, g in part.groupby("_group", sort=True)]
        found = [f for f in found if len(f)]
        return pd.concat(found, ignore_index=True) if found else empty_findings()
    part = ordered(part.drop_duplicates("claim_id"))
    found = check(part[list(COLUMNS) + ["doc_date"]], reference=reference, checks=checks, options=options)
    if layout == "derived" and len(found):
        found = found[[g in groups for g in _owner(found)]]
    return found.reset_index(drop=True)


def check_ddf(claims, reference: pd.DataFrame, checks: Iterable | None = None, *,
              partitions: int | None = None, options: dict | None = None):
    """Findings of ``claims`` (an extraction Dask DataFrame) as a lazy Dask DataFrame.

    Each layout's checks run on its own shuffle; the union has the same rows as
    ``factlib.check`` on the whole frame (order aside: see :func:`sort_findings`).
    """
    import pandas as pd
    import dask.dataframe as dd

    from factlib.checks.findings import empty_findings
    from factlib.checks.registry import REGISTRY

    selected = REGISTRY.resolve(checks)
    by_layout: dict[str, list] = {}
    for chk in selected:
        layout = chk.layout or _FUNCTION_LAYOUTS.get(chk.name)
        if layout is None:
            raise ValueError(
                f"check {chk.name!r} has no Dask layout; declare one with register_check({chk.name!r}, "
                f"layout='metric'|'period'|'document'|...) or factlib.run.dask_engine.register_layout"
            )
        by_layout.setdefault(layout, []).append(chk)
    n = partitions or max(1, -(-claims.npartitions * PARTITION_BYTES // SHUFFLE_BYTES))
    meta = empty_findings()
    parts = []
    with _no_string_conversion():
        for layout, chks in by_layout.items():
            layout_options = options
            if layout == "document":
                source = claims
            else:
                pairs = translation_pairs(claims) if layout == "pairs" else None
                if pairs is not None:  # each pair's check compares the pair found on the whole corpus
                    found = sorted({tuple(key[2:].split("\x1f")) for key in pairs.values()})
                    layout_options = {**(options or {}), "translation_pairs": found}
                keyed = claims.map_partitions(group_rows, layout, pairs,
                                              meta=claims._meta.assign(_group=pd.Series(dtype=object)))
                source = keyed.shuffle("_group", npartitions=n, shuffle_method=SHUFFLE_METHOD)
            parts.append(source.map_partitions(_check_partition, chks, reference, layout, layout_options, meta=meta,
                                               enforce_metadata=False))
        return dd.concat(parts) if len(parts) > 1 else parts[0]


def _doc_signatures(part: pd.DataFrame) -> pd.DataFrame:
    """``translation.doc_signatures`` of the documents of one partition (whole documents)."""
    from factlib.checks.prepare import prepare_claims
    from factlib.checks.translation import doc_signatures
    from factlib.vocab.lexicon import default_lexicon

    part = _claims_only(part)
    if part.empty:
        return _sig_meta()
    prep = prepare_claims(part[list(COLUMNS) + ["doc_date"]], default_lexicon())
    meta = _sig_meta()
    return doc_signatures(prep)[list(meta.columns)].astype(meta.dtypes.to_dict())


def _sig_meta() -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({"doc_id": pd.Series(dtype=object), "lang": pd.Series(dtype=object),
                         "sig": pd.Series(dtype=object), "sid": pd.Series(dtype="int64"),
                         "pos": pd.Series(dtype="float64"), "size": pd.Series(dtype="int64"),
                         "date": pd.Series(dtype=object)})


def translation_pairs(claims) -> dict[str, str]:
    """``doc_id -> pair key`` of the translation pairs, found with the functions
    ``translation.find_pairs`` uses (``doc_signatures``, ``count_shared``, ``select_pairs``) but
    without gathering claims: only the per-pair shared counts come back."""
    import pandas as pd
    from factlib.checks.translation import (FINGERPRINT_META, copy_representatives, count_shared,
                                            doc_fingerprints, select_pairs)

    with _no_string_conversion():
        sigs = claims.map_partitions(_doc_signatures, meta=_sig_meta())
        # copies of a document count once (as in find_pairs); the fingerprints also name every document
        meta = pd.DataFrame({k: pd.Series(dtype=v) for k, v in FINGERPRINT_META.items()})
        fps = sigs.map_partitions(doc_fingerprints, meta=meta).compute()
        copies = copy_representatives(fps)
        if (copies.index != copies.to_numpy()).any():
            sigs = sigs[sigs["doc_id"].isin(list(copies.index[copies.index == copies.to_numpy()]))]
        else:
            copies = None
        freq = sigs[["doc_id", "sig"]].drop_duplicates(split_out=1).groupby("sig")["doc_id"].count().to_frame("freq")
        sigs = sigs.merge(freq, left_on="sig", right_index=True, how="inner", shuffle_method=SHUFFLE_METHOD)
        counted = count_shared(sigs, shuffle_method=SHUFFLE_METHOD).compute()
    pairs = select_pairs(counted, names=fps[["doc_id", "lang"]], copies=copies)
    out: dict[str, str] = {}
    for zh_doc, en_doc in zip(pairs["zh_doc"], pairs["en_doc"]):
        out[zh_doc] = out[en_doc] = f"x:{zh_doc}\x1f{en_doc}"
    return out


def sort_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """Order and de-duplicate findings exactly as ``factlib.check`` does."""
    from factlib.checks.verdicts import rank_column
    from factlib.checks.findings import FINDING_COLUMNS, empty_findings

    if findings.empty:
        return empty_findings()
    order = rank_column(findings["verdict"])
    out = findings.assign(_o=order).sort_values(["_o", "check", "finding_id"], kind="stable").drop(columns="_o")
    out = out.drop_duplicates("finding_id").reset_index(drop=True)
    return out[list(FINDING_COLUMNS)]
