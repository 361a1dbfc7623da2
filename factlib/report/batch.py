"""Batch reports: plan the notebooks for a corpus, run them in parallel, write HTML and an index.

Design (why it is fast)
-----------------------
A notebook run the usual way (``papermill.execute_notebook``) starts a fresh Jupyter
kernel and re-imports pandas, matplotlib and factlib: about two seconds before the
first cell does any work.  With hundreds of documents that start-up would dominate.
So here each worker owns **one kernel for its whole life** (:class:`KernelSession`)
and executes notebook after notebook in it:

1. the notebook is parameterised by papermill (:func:`papermill.parameterize.parameterize_notebook`
   adds the ``injected-parameters`` cell after the cell tagged ``parameters`` — parameters
   reach the notebook only this way, as Python literals written by papermill's
   translator, so a path with quotes or spaces is just a string);
2. a silent request sent just before the notebook (:data:`RESET_SOURCE`, not a cell of it) deletes
   every name the previous notebook defined (as ``%reset -f`` would, without its history reset
   and full garbage collection) so no variable leaks from the previous notebook (imported modules
   stay loaded: that is the point);
3. nbclient executes it with the session's kernel manager *and* client
   (``NotebookClient(nb, km=…)`` with ``client.kc`` preset, so neither kernel nor
   channels are created per notebook);
4. the worker exports the executed notebook to HTML without code cells
   (:mod:`factlib.report.export`) and writes ``.html``, ``.ipynb`` and chart PNGs
   atomically (:mod:`factlib.report.files`).

The kernels start first (:class:`Workers`): before the corpus is loaded, each kernel is
launched and sent a warm-up (:mod:`factlib.report.warm`: the imports every notebook needs and
one small chart), so it boots on the other core while this process loads, extracts and checks
the corpus once.  That context is pickled into a scratch folder and every notebook gets its path
(``context_file``), so :func:`factlib.report.context.load_context` in a kernel unpickles it once
and then serves each notebook from its cache: a document report costs only its own
highlighting, tables and HTML export.  A worker is a *thread* of this process driving its kernel
(:class:`_KernelThread`): the kernels are the processes that work — the notebooks' code and
charts, about 0.1–0.3 s of CPU a notebook — while a worker's own share (parameterising,
nbclient's messages, the HTML export, the files) is a few tens of milliseconds, mostly waiting on
its kernel with the GIL released; so two threads keep two kernels busy, and no second Python
process imports nbclient, nbconvert and factlib again (1.4 s of CPU and ~150 MB each when workers
were ``spawn``-ed processes).  The jobs wait in one queue, so a free worker takes the next notebook
(the overview and the metric notebooks, which draw charts, go first).  The default worker count
(:func:`default_jobs`) comes from the batch's size, estimated from the number of files before they
are read (:func:`estimate_notebooks`): a second kernel starts while the corpus loads and pays for
itself from about ten notebooks on, also on a machine busy with other work (a kernel is one more
process sharing the cores: the seeds at a load average of 10–18 took 10.0–15.7 s wall with two
workers and 10.6–18.5 s with one, session 7's ``bench_report.py``).

A notebook that raises is recorded with its error (``ename: evalue``) and the rest
go on; its partial HTML is still written when the export works.  The index lists
every report and failure; :class:`ReportResult` says whether any failed.
"""
from __future__ import annotations

import copy
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factlib.report.files import Manifest, atomic_write, remove_stale_temporaries, safe_name
from factlib.run import interrupt

__all__ = [
    "NOTEBOOKS",
    "Job",
    "JobResult",
    "KernelSession",
    "ReportResult",
    "Workers",
    "default_jobs",
    "estimate_notebooks",
    "execute_job",
    "execute_jobs",
    "notebooks_dir",
    "plan_jobs",
    "portable_parameters",
    "run_report",
    "write_job",
]

#: The report notebooks, in the order their reports are listed.
NOTEBOOKS = ("corpus_overview", "metric_crosscheck", "translation_alignment", "document_report")

#: the silent request ahead of each notebook nbclient executes: drop every name the previous notebook defined (and
#: its output cache) and close its figures (:func:`factlib.report.inkernel.reset`, which a batch of notebooks
#: executed in the kernel calls ahead of each).  Cheaper than ``%reset -f``, which also resets the history,
#: walks every output number ever used and runs a full ``gc.collect`` (65–82 ms a notebook).
RESET_SOURCE = "__import__('factlib.report.inkernel', fromlist=['reset']).reset()"


# ----------------------------------------------------------------- plan

@dataclass(frozen=True)
class Job:
    """One notebook to execute with its parameters, and where its report goes."""

    notebook: str          # notebook stem in the notebooks folder, e.g. "document_report"
    output: str            # report path relative to the output folder, without suffix
    title: str             # shown on the index (untrusted text: escaped there)
    parameters: dict[str, Any] = field(default_factory=dict)


@dataclass
class JobResult:
    """What happened to one job."""

    job: Job
    html: str | None = None          # relative path of the written HTML report
    ipynb: str | None = None         # relative path of the executed notebook
    charts: list[str] = field(default_factory=list)
    records: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0
    kernel_startup: float = 0.0      # > 0 for the job that started its worker's kernel
    worker: int = 0                  # which worker (1, 2, …) ran it; 0: run_job called directly

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class ReportResult:
    """The outcome of :func:`run_report`."""

    out_dir: Path
    results: list[JobResult]
    index: Path
    data_files: list[Path]
    wall_seconds: float
    prepare_seconds: float
    kernel_startup_seconds: float    # wall time the workers spent starting kernels (max over workers)
    workers: int
    #: ``(path, reason)`` of the files that could not be read (listed on the index too)
    load_errors: list[tuple[str, str]] = field(default_factory=list)
    #: ``(path, "warning: …")`` about files that were read (an impossible front-matter date, …)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    #: the line saying which files in the corpus folders were skipped (None: none)
    skipped: str | None = None

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if not r.ok]

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """One line: counts and timings (for the command line and benchmarks)."""
        share = self.kernel_startup_seconds / self.wall_seconds if self.wall_seconds else 0.0
        return (
            f"{len(self.results)} reports ({len(self.failed)} failed) in {self.wall_seconds:.1f} s "
            f"with {self.workers} worker(s); corpus load+extract+check {self.prepare_seconds:.1f} s; "
            f"kernel start-up {self.kernel_startup_seconds:.1f} s ({share:.0%} of wall time)"
        )


def notebooks_dir() -> Path:
    """Folder of the report notebooks: the copy inside the installed package first (the wheel's
    build copies ``notebooks/*.ipynb`` into ``factlib/notebooks/``, see ``setup.py``), else the
    source checkout's top-level ``notebooks/`` (an editable install)."""
    here = Path(__file__).resolve()
    for candidate in (here.parent.parent / "notebooks", here.parents[2] / "notebooks"):
        if (candidate / "corpus_overview.ipynb").is_file():
            return candidate
    raise FileNotFoundError("factlib's report notebooks were not found (expected notebooks/ next to the package)")


def _abs(spec: Any) -> Any:
    if isinstance(spec, (list, tuple)):
        return [str(Path(s).resolve()) for s in spec]
    if spec is None:
        return None
    return str(Path(spec).resolve()) if Path(spec).exists() else str(Path.cwd() / str(spec))


def plan_jobs(ctx: Any, corpus: Any, reference: Any = None, kinds: Iterable[str] = NOTEBOOKS,
              context_file: str | None = None) -> list[Job]:
    """Jobs for a loaded corpus: the overview, one metric notebook per metric key with
    claims, one alignment per detected translation pair, one report per document.

    ``context_file`` (a pickled context, see :func:`factlib.report.context.save_context`)
    is passed to every notebook so kernels reuse the batch's claims and findings."""
    from factlib.report.context import metric_keys, translation_pairs

    kinds = set(kinds)
    corpus, reference = _abs(corpus), _abs(reference)
    jobs: list[Job] = []
    if "corpus_overview" in kinds:
        jobs.append(Job("corpus_overview", "corpus_overview", "Corpus overview / 语料概览",
                        {"corpus": corpus, "reference": reference, "context_file": context_file}))
    if "metric_crosscheck" in kinds:
        for key in metric_keys(ctx.claims):
            jobs.append(Job("metric_crosscheck", f"metric/{safe_name(key)}", key,
                            {"metric_key": key, "corpus": corpus, "reference": reference,
                             "context_file": context_file}))
    paths = {d.id: str(Path(d.path).resolve()) for d in ctx.documents}
    if "translation_alignment" in kinds:
        for a, b in translation_pairs(ctx.findings):
            if a in paths and b in paths:
                jobs.append(Job("translation_alignment", f"alignment/{safe_name(a)}__{safe_name(b)}",
                                f"{a} ↔ {b}",
                                {"doc_a": paths[a], "doc_b": paths[b], "corpus": corpus, "reference": reference,
                                 "context_file": context_file}))
    if "document_report" in kinds:
        for doc in ctx.documents:
            title = f"{doc.id} — {doc.title}" if doc.title else doc.id
            jobs.append(Job("document_report", f"document/{safe_name(doc.id)}", title,
                            {"doc_path": paths[doc.id], "reference": reference, "corpus": corpus,
                             "context_file": context_file}))
    return jobs


# ----------------------------------------------------------------- kernel session

#: options of an IPython kernel started by the batch: no SQLite input history.  IPython commits
#: every executed cell to ``~/.ipython/profile_default/history.sqlite``, which cost 9–18 ms a cell
#: (a trivial cell took 13–24 ms instead of 4–7 ms on the 2-core machine at a load average of 11):
#: 0.1 s a notebook of seven cells, for history nobody reads (and the report's code does not end
#: up in the user's own IPython history).  ``In``/``Out`` and ``_i``/``_1`` still work in memory.
IPYKERNEL_ARGUMENTS = ("--HistoryManager.enabled=False",)


def _is_ipykernel(km: Any) -> bool:
    """Whether ``km``'s kernel is an IPython kernel (its command runs ipykernel), so that
    :data:`IPYKERNEL_ARGUMENTS` apply; another kernel is started as its spec says."""
    try:
        argv = km.kernel_spec.argv
    except Exception:  # no such kernel spec: start_kernel reports it
        return False
    return any("ipykernel" in str(a) for a in argv)


class KernelSession:
    """One Jupyter kernel kept alive to execute many notebooks in turn."""

    def __init__(self, kernel_name: str = "python3", cwd: str | os.PathLike[str] | None = None,
                 startup_timeout: float = 120, cell_timeout: float = 900,
                 scratch: str | os.PathLike[str] | None = None) -> None:
        self.kernel_name = kernel_name
        self.scratch = str(scratch) if scratch else None   # where batches' payloads and results go
        self.language_info: dict[str, Any] | None = None   # the kernel's, as nbclient writes it into a notebook
        self.batched = 0                                    # notebooks executed in batches (execute_many)
        self.batches_off = False                            # after a batch timed out: nbclient only
        self.cwd = str(cwd) if cwd else None
        self.startup_timeout = startup_timeout
        self.cell_timeout = cell_timeout
        self.km: Any = None
        self.kc: Any = None
        self.startup_seconds = 0.0
        self.executed = 0
        self._launched_at: float | None = None
        self._launch_seconds = 0.0
        self._warm_id: str | None = None
        self.startup_reported = False
        self.stopped = False             # killed by kill_now: never started again

    def launch(self, warm: bool = True) -> None:
        """Start the kernel process and its channels without waiting for it, and queue the
        warm-up (:mod:`factlib.report.warm`): the kernel boots and imports on another core while
        this process goes on (loading the corpus); :meth:`ready` waits for both."""
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        if self.stopped:
            raise RuntimeError("the batch was stopped: no kernel is started")
        self._launched_at = time.perf_counter()
        self.km = AsyncKernelManager(kernel_name=self.kernel_name)
        kwargs: dict[str, Any] = {"cwd": self.cwd} if self.cwd else {}
        if _is_ipykernel(self.km):
            kwargs["extra_arguments"] = list(IPYKERNEL_ARGUMENTS)
        # the kernel's own stdout/stderr carry only its start-up chatter; cell output
        # travels over the messaging channels.  Keep stderr in a file for post-mortems.
        self._stderr = tempfile.TemporaryFile(prefix="factlib-kernel-")
        run_sync(self.km.start_kernel)(stdout=subprocess.DEVNULL, stderr=self._stderr, **kwargs)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.allow_stdin = False
        if warm:
            from factlib.report.warm import WARM_SOURCE

            # queued on the shell channel until the kernel connects; silent: no output, no history
            self._warm_id = self.kc.execute(WARM_SOURCE, silent=True, store_history=False, allow_stdin=False)
        self._launch_seconds = time.perf_counter() - self._launched_at

    def ready(self) -> float:
        """Wait until the launched kernel answers and has run its warm-up; return the seconds
        spent starting it: launching plus waiting here (not what ran in between)."""
        from jupyter_core.utils import run_sync

        if self.km is None:
            self.launch()
        t0 = time.perf_counter()
        if self._warm_id is not None:  # its reply says the kernel is up (wait_for_ready would drop it)
            self._await_reply(self._warm_id)
            self._warm_id = None
        # one kernel_info round trip, and the IOPub channel known to be connected
        run_sync(self.kc.wait_for_ready)(timeout=self.startup_timeout)
        self.startup_seconds = self._launch_seconds + time.perf_counter() - t0
        self._launched_at = None
        return self.startup_seconds

    def _await_reply(self, msg_id: str, timeout: float | None = None) -> dict[str, Any] | None:
        """Read the shell channel up to the reply to ``msg_id`` and return it (None: no reply
        within ``timeout``, by default the start-up time-out).  A failed warm-up only costs the
        first notebook its imports, so :meth:`ready` does not check its status."""
        from jupyter_core.utils import run_sync

        deadline = time.monotonic() + (self.startup_timeout if timeout is None else timeout)
        while time.monotonic() < deadline:
            try:
                msg = run_sync(self.kc.get_shell_msg)(timeout=1.0)
            except Exception:  # queue.Empty: no message within a second; is the kernel still there?
                if not run_sync(self.km.is_alive)():
                    raise RuntimeError(f"the kernel died while starting{self._stderr_tail()}") from None
                continue
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                return msg
        return None

    def start(self) -> float:
        """Start the kernel and its client and wait for it; return the seconds it took."""
        self.launch()
        return self.ready()

    @property
    def started(self) -> bool:
        """True once the kernel answered (:meth:`ready`)."""
        return self.km is not None and self._launched_at is None

    def execute(self, nb: Any) -> tuple[Any, str | None]:
        """Execute ``nb`` in the live kernel; return (executed nb, error or None)."""
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, DeadKernelError

        if not self.started:
            self.ready()
        # the reset goes ahead of the notebook as a silent request of its own, not as a cell: no
        # outputs, no execution count, no reply awaited (the kernel runs requests in order, so it
        # has run before the notebook's first cell; nbclient passes over its reply and status
        # messages, which answer another request).  A cell of its own cost a round trip and its
        # messages in both processes, and the notebook's cells were numbered from 2.
        self.kc.execute(RESET_SOURCE, silent=True, store_history=False, allow_stdin=False)
        client = NotebookClient(nb, km=self.km, kernel_name=self.kernel_name, timeout=self.cell_timeout,
                                startup_timeout=self.startup_timeout, allow_errors=False, record_timing=True)
        client.kc = self.kc
        error = None
        try:
            client.execute()
        except CellExecutionError as exc:
            error = f"{exc.ename}: {exc.evalue}"
        except DeadKernelError as exc:
            error = f"DeadKernelError: {exc}{self._stderr_tail()}"
            self.restart()
        except TimeoutError as exc:
            error = f"TimeoutError: {exc}"
            self.restart()
        except Exception as exc:  # nbclient raises a few other kinds on kernel trouble
            error = f"{type(exc).__name__}: {exc}"
            self.restart()
        self.executed += 1
        return nb, error

    def execute_many(self, nbs: Sequence[Any]) -> list[tuple[Any, str | None]]:
        """Execute the notebooks ``nbs`` in the live kernel, several in one request
        (:mod:`factlib.report.inkernel`); return (executed nb, error or None) for each, in order.

        Each notebook comes back as :meth:`execute` (nbclient) returns it: the same outputs,
        execution counts, ``language_info`` and execution-time metadata.  A notebook the kernel
        did not run to the end there (an error, or an output only nbclient records faithfully) is
        executed again from its start by :meth:`execute`, which records its error as before; so
        is every notebook of a request that failed as a whole (a dead kernel, a time-out)."""
        if not self.started:
            self.ready()
        runs = self._run_batch(nbs) if self.kind_ok() else None
        out: list[tuple[Any, str | None]] = []
        for i, nb in enumerate(nbs):
            run = runs[i] if runs is not None else None
            if run is not None and "cells" in run:
                _fill_outputs(nb, run["cells"], self.language_info, self.kc.session)
                self.executed += 1
                self.batched += 1
                out.append((nb, None))
            else:
                out.append(self.execute(nb))
        return out

    def kind_ok(self) -> bool:
        """Whether this session's kernel runs :mod:`factlib.report.inkernel` (an IPython kernel)."""
        return self.km is not None and not self.batches_off and _is_ipykernel(self.km)

    def _kernel_info(self) -> dict[str, Any] | None:
        """The kernel's ``language_info`` (asked once: nbclient asks before every notebook)."""
        if self.language_info is None:
            reply = self._await_reply(self.kc.kernel_info(), timeout=self.startup_timeout)
            info = (reply or {}).get("content", {}).get("language_info")
            self.language_info = info if isinstance(info, dict) else None
        return self.language_info

    def _run_batch(self, nbs: Sequence[Any]) -> list[dict[str, Any]] | None:
        """One silent request running every notebook of ``nbs`` in the kernel; per notebook its
        cells' outputs or ``{"fallback": reason}``; None when the request failed as a whole."""
        import pickle

        if self._kernel_info() is None:
            return None
        payload = [[c.source for c in _executed_cells(nb)] for nb in nbs]
        fd, payload_path = tempfile.mkstemp(prefix="factlib-batch-", suffix=".pickle", dir=self.scratch)
        result_path = f"{payload_path[:-len('.pickle')]}-result.pickle"
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
            code = (f"__import__('factlib.report.inkernel', fromlist=['run_notebooks'])"
                    f".run_notebooks({payload_path!r}, {result_path!r})")
            msg_id = self.kc.execute(code, silent=True, store_history=False, allow_stdin=False)
            try:
                # one cell's time-out for the whole request: the report's notebooks take milliseconds
                reply = self._await_reply(msg_id, timeout=self.cell_timeout)
            except RuntimeError:  # the kernel died: a fresh one for the notebooks nbclient runs now
                self.restart()
                return None
            if reply is None:  # timed out: stuck in a notebook, or notebooks slower than a batch should be;
                # nbclient runs them again with its time-out per cell, and every later one (no second wait)
                self.batches_off = True
                self.restart()
                return None
            strays = self._await_idle(msg_id)
            if reply.get("content", {}).get("status") != "ok" or strays is None:
                return None
            with open(result_path, "rb") as fh:
                runs = pickle.load(fh)
            if not isinstance(runs, list) or len(runs) != len(nbs):
                return None
            explained: dict[str, int] = {}
            for run in runs:
                if run.get("sent"):
                    explained[run["sent"]] = explained.get(run["sent"], 0) + 1
            if any(n > explained.get(kind, 0) for kind, n in strays.items()):
                # output that bypassed the capture (a C library writing to the file descriptors):
                return None  # not attributable to one notebook, so nbclient runs them all
            return runs
        except OSError:
            return None
        finally:
            for path in (payload_path, result_path):
                try:
                    os.unlink(path)
                except OSError:
                    pass

    def _await_idle(self, msg_id: str) -> dict[str, int] | None:
        """Read the IOPub channel up to the kernel's idle status after ``msg_id``; return how many
        outputs of each kind it carried for that request (None: the status did not come)."""
        from jupyter_core.utils import run_sync

        outputs: dict[str, int] = {}
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            try:
                msg = run_sync(self.kc.get_iopub_msg)(timeout=1.0)
            except Exception:  # queue.Empty
                if not run_sync(self.km.is_alive)():
                    return None
                continue
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg.get("msg_type")
            if kind == "status" and msg.get("content", {}).get("execution_state") == "idle":
                return outputs
            if kind not in ("status", "execute_input"):  # outputs, comms (widgets): whatever nbclient would see
                outputs[kind] = outputs.get(kind, 0) + 1
        return None

    def _stderr_tail(self, n: int = 2000) -> str:
        f = getattr(self, "_stderr", None)
        if f is None:
            return ""
        try:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - n))
            tail = f.read().decode("utf-8", "replace").strip()
        except (OSError, ValueError):
            return ""
        return f"\n{tail}" if tail else ""

    def kill_now(self) -> None:
        """Kill the kernel's process group at once (from a signal handler or a watchdog: no event
        loop, no messages), and remove its connection file."""
        import signal

        self.stopped = True
        km = self.km
        if km is None:
            return
        proc = getattr(getattr(km, "provisioner", None), "process", None)
        pid = getattr(proc, "pid", None)
        if pid:
            try:
                os.killpg(pid, signal.SIGKILL)  # the kernel leads its own session (start_new_session)
            except (OSError, AttributeError):
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        try:
            os.unlink(km.connection_file)
        except (OSError, TypeError, AttributeError):
            pass

    def restart(self) -> None:
        """Throw the kernel away and start a fresh one (after a crash or a time-out; not once the
        session was stopped by :meth:`kill_now`)."""
        self.close()
        if not self.stopped:
            self.start()

    def close(self) -> None:
        """Stop the client and shut the kernel down (idempotent)."""
        from jupyter_core.utils import run_sync

        if self.kc is not None:
            try:
                self.kc.stop_channels()
            except Exception:  # pragma: no cover - best effort during shutdown
                pass
            self.kc = None
        if self.km is not None:
            try:
                run_sync(self.km.shutdown_kernel)(now=True)
            except Exception:  # pragma: no cover
                pass
            self.km = None
        f = getattr(self, "_stderr", None)
        if f is not None:
            f.close()
            self._stderr = None

    def __enter__(self) -> KernelSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _executed_cells(nb: Any) -> list[Any]:
    """The cells nbclient executes: code cells with code, not tagged ``skip-execution``."""
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()
            and "skip-execution" not in c.get("metadata", {}).get("tags", [])]


def _fill_outputs(nb: Any, cells: list[dict[str, Any]], language_info: Any, session: Any) -> None:
    """Write what a batch request ran into ``nb`` as nbclient records it: the kernel's
    ``language_info``; per executed cell its outputs (built by ``output_from_msg`` from the packed
    message contents), its execution count (1, 2, … over the executed cells) and the execution
    timestamps of ``record_timing``."""
    from nbformat.v4 import output_from_msg

    from factlib.report.nbnodes import unvalidated_nodes

    nb.metadata["language_info"] = copy.deepcopy(language_info)
    with unvalidated_nodes():  # the kernel's own messages, as nbclient records them
        for count, (cell, run) in enumerate(zip(_executed_cells(nb), cells), start=1):
            cell["metadata"]["execution"] = {
                "iopub.status.busy": run["busy"], "iopub.execute_input": run["input"],
                "shell.execute_reply": run["reply"], "iopub.status.idle": run["idle"],
            }
            cell.outputs = [output_from_msg({"header": {"msg_type": kind}, "content": session.unpack(packed)})
                            for kind, packed in run["outputs"]]
            cell["execution_count"] = count


# ----------------------------------------------------------------- one job

_NB_CACHE: dict[str, Any] = {}


def _load_notebook(path: Path) -> Any:
    from papermill.iorw import load_notebook_node

    key = str(path)
    st = path.stat()
    cached = _NB_CACHE.get(key)
    if cached is None or cached[0] != (st.st_size, st.st_mtime_ns):
        cached = ((st.st_size, st.st_mtime_ns), load_notebook_node(key))
        _NB_CACHE[key] = cached
    return copy.deepcopy(cached[1])


#: the parameters of the report notebooks that name files (rewritten relative to the report folder)
PATH_PARAMETERS = ("corpus", "reference", "doc_path", "doc_a", "doc_b")
#: the batch's pickled context: a scratch file removed when the run ends (None in the written copy)
SCRATCH_PARAMETERS = ("context_file",)
PORTABLE_COMMENT = "Parameters (paths relative to the report folder)"


def portable_parameters(parameters: dict[str, Any], out_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """``parameters`` as the executed notebook written into ``out_dir`` shows them: every absolute
    path of :data:`PATH_PARAMETERS` relative to the report folder (``../seeds/a.txt``, which
    :func:`factlib.report.params.resolve_path` finds from the report folder or from the notebook's
    own folder inside it) and the scratch ``context_file`` None — no home folder or temporary
    folder of this machine in a report someone shares, and the notebook runs again as it is."""
    base = Path(out_dir).resolve()
    out = dict(parameters)

    def rel(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return [rel(v) for v in value]
        if not isinstance(value, str) or not Path(value).is_absolute():
            return value
        try:
            return Path(os.path.relpath(value, base)).as_posix()
        except ValueError:  # another drive (Windows): only an absolute path reaches it
            return value

    for key in PATH_PARAMETERS:
        if key in out:
            out[key] = rel(out[key])
    for key in SCRATCH_PARAMETERS:
        if key in out:
            out[key] = None
    return out


def _portable_parameters(nb: Any, parameters: dict[str, Any], out_dir: Path, kernel_name: str) -> None:
    """Rewrite the executed ``nb``'s injected-parameters cell (its source only: it printed nothing)
    and papermill's record of them with :func:`portable_parameters`, when they differ."""
    shown = portable_parameters(parameters, out_dir)
    if shown == parameters:
        return
    from papermill.translators import translate_parameters

    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell.source = translate_parameters(kernel_name, "python", shown, PORTABLE_COMMENT)
            break
    papermill_meta = nb.metadata.get("papermill")
    if papermill_meta is not None and "parameters" in papermill_meta:
        papermill_meta["parameters"] = shown


def run_job(session: KernelSession, job: Job, notebook_folder: Path, out_dir: Path) -> JobResult:
    """Execute one job in ``session`` and write its report files atomically."""
    t0 = time.perf_counter()
    result, nb = execute_job(session, job, notebook_folder, out_dir)
    if nb is not None:
        write_job(result, nb, out_dir)
    result.seconds = time.perf_counter() - t0
    return result


def execute_job(session: KernelSession, job: Job, notebook_folder: Path, out_dir: Path) -> tuple[JobResult, Any]:
    """The first half of :func:`run_job`: parameterise and execute the notebook in ``session``;
    return its result (records read, error if any) and the executed notebook (None when there is
    nothing to write: the notebook file could not be read)."""
    return execute_batch(session, [job], notebook_folder, out_dir)[0]


def execute_batch(session: KernelSession, jobs: Sequence[Job], notebook_folder: Path,
                  out_dir: Path) -> list[tuple[JobResult, Any]]:
    """:func:`execute_job` for several jobs, their notebooks executed together in one request
    (:meth:`KernelSession.execute_many`); results in the order of ``jobs``."""
    from papermill.parameterize import parameterize_notebook

    from factlib.report.nbnodes import unvalidated_nodes
    from factlib.report.record import read_records

    if not session.started:
        session.ready()
    results: list[JobResult] = []
    nbs: list[Any] = []
    for job in jobs:
        startup = 0.0
        if not session.startup_reported:  # the first job of a session reports its kernel's start-up
            startup, session.startup_reported = session.startup_seconds, True
        result = JobResult(job=job, kernel_startup=startup)
        try:
            nb = _load_notebook(notebook_folder / f"{job.notebook}.ipynb")
            with unvalidated_nodes():  # the injected cell is built by the batch itself
                nb = parameterize_notebook(nb, job.parameters, kernel_name=session.kernel_name, language="python")
        except Exception as exc:  # a broken notebook file: report it, go on
            result.error = f"{type(exc).__name__}: {exc}"
            nb = None
        results.append(result)
        nbs.append(nb)
    ready = [i for i, nb in enumerate(nbs) if nb is not None]
    if ready:
        with unvalidated_nodes():  # the outputs are built from the batch's own kernel's messages
            executed = session.execute_many([nbs[i] for i in ready])
        for i, (nb, error) in zip(ready, executed):
            nbs[i], results[i].error = nb, error
    out: list[tuple[JobResult, Any]] = []
    for result, nb, job in zip(results, nbs, jobs):
        if nb is not None:
            try:
                result.records = read_records(nb)
                _portable_parameters(nb, job.parameters, out_dir, session.kernel_name)
            except Exception as exc:
                if result.error is None:
                    result.error = f"{type(exc).__name__}: {exc}"
                nb = None
        out.append((result, nb))
    return out


def write_job(result: JobResult, nb: Any, out_dir: Path) -> JobResult:
    """The second half of :func:`run_job`: the executed notebook's chart PNGs, ``.ipynb`` and
    HTML page, each written atomically; a failed export is the job's error (the notebook and its
    charts are still written).  Changes ``nb`` in place."""
    from factlib.report.export import notebook_to_html, png_outputs
    from factlib.report.nbnodes import notebook_json

    job = result.job
    try:
        title = result.records.get("title") or job.title
        page: str | None = None
        try:  # the page first: writing the notebook below changes it in place
            page = notebook_to_html(nb, title=str(title))
        except Exception as exc:  # the notebook and its charts are still written
            page_error: Exception | None = exc
        else:
            page_error = None
        for i, png in enumerate(png_outputs(nb), start=1):
            rel_png = f"charts/{job.output}-{i}.png"
            atomic_write(out_dir / rel_png, png)
            result.charts.append(rel_png)
        rel_nb = f"notebooks/{job.output}.ipynb"
        # the product's own notebook, executed by nbclient: written without validating it again
        atomic_write(out_dir / rel_nb, notebook_json(nb))
        result.ipynb = rel_nb
        if page_error is not None:
            raise page_error
        rel_html = f"{job.output}.html"
        atomic_write(out_dir / rel_html, page)
        result.html = rel_html
    except Exception as exc:  # an export or a write that failed: report it, go on
        if result.error is None:
            result.error = f"{type(exc).__name__}: {exc}"
    return result


# ----------------------------------------------------------------- workers: kernels driven by threads

def skip_uri_grammars() -> None:
    """Keep ``jsonschema`` from importing ``rfc3987_syntax`` in this process.

    ``import nbformat`` imports jsonschema, whose format checkers import rfc3987_syntax when it is
    installed, and that compiles its URI grammars at import: 0.85 s of the 1.05 s ``import
    nbformat`` costs.  nbformat's schema checks no ``iri``/``uri`` formats, so the report's own
    process (the ``factlib report`` command) does without it.  Does nothing once jsonschema is
    imported.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # `import rfc3987_syntax` now raises ImportError


def skip_css_selectors() -> None:
    """Keep BeautifulSoup from importing ``soupsieve`` in this process.

    nbconvert's markdown filter imports ``bs4``, which imports soupsieve (CSS selectors) when it
    is installed, and soupsieve compiles its patterns at import: 0.3 s of CPU in the report's
    process, for selectors only nbconvert's stock ``HTMLExporter`` uses (``soup.select``);
    factlib's exporter (:mod:`factlib.report.export`) parses no page.  bs4 works without
    soupsieve (only ``select`` is unavailable; the warning it gives at import about that is not
    shown).  Does nothing once bs4 is imported.
    """
    if "bs4" not in sys.modules and "soupsieve" not in sys.modules:
        import warnings

        warnings.filterwarnings("ignore", message="The soupsieve package is not installed", category=UserWarning)
        sys.modules["soupsieve"] = None  # `import soupsieve` now raises ImportError


def _prepare_job_imports() -> None:
    """Import what :func:`execute_job` uses (0.5 s, once a process)."""
    import nbclient  # noqa: F401
    import papermill.parameterize  # noqa: F401


def _prepare_writer() -> None:
    """Build the writer thread's HTML exporter (importing nbconvert: 0.5 s, once)."""
    from factlib.report.export import html_exporter

    html_exporter()


#: notebooks a worker executes in one request at most (:meth:`KernelSession.execute_many`): a few, so that
#: their reports are written while the kernel runs the next ones and every worker gets a share at the end
BATCH_SIZE = 8

#: notebooks a worker should have to itself before another worker (a kernel, started while the
#: corpus loads) pays for itself
NOTEBOOKS_PER_WORKER = 5


def idle_cores() -> int:
    """Cores this process may use (its affinity).  The load average does not lower it: on a machine
    busy with other work each kernel is one more process sharing the cores, and two workers still
    finished the seeds sooner than one (at a load average of 10–18, in 6 of 6 runs: 10.0–15.7 s
    wall against 10.6–18.5 s, for 1.5 s more CPU; one worker when the load was twice the cores was
    the rule before, never measured under load)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def default_jobs(n_jobs: int | None = None) -> int:
    """Worker count: the cores (:func:`idle_cores`), fewer for a small batch of ``n_jobs`` notebooks
    (one worker per ``NOTEBOOKS_PER_WORKER``)."""
    cores = idle_cores()
    if n_jobs is None:
        return cores
    return max(1, min(cores, n_jobs // NOTEBOOKS_PER_WORKER))


def estimate_notebooks(corpus: Any, kinds: Iterable[str] = NOTEBOOKS) -> int:
    """How many notebooks a corpus will need, known before it is loaded (for the worker count):
    a report per file, and about as many metric notebooks again, plus the overview."""
    from factlib.report.context import _corpus_files

    try:
        files = len(_corpus_files(corpus))
    except Exception:  # a missing corpus: load_context says what is wrong
        return 1
    kinds = set(kinds)
    per_file = ("document_report" in kinds) + ("metric_crosscheck" in kinds)
    return ("corpus_overview" in kinds) + per_file * files


class _KernelThread(threading.Thread):
    """One worker: a thread of this process that owns one :class:`KernelSession` (started at once,
    warmed while the corpus loads) and runs the jobs it takes from the batch's queue in it."""

    def __init__(self, index: int, kernel_name: str, cwd: Path, jobs: queue.Queue, results: queue.Queue,
                 stop: threading.Event, writer: Any, scratch: str | None = None, workers: int = 1) -> None:
        super().__init__(name=f"factlib-kernel-{index}", daemon=True)
        self.index = index
        self.session = KernelSession(kernel_name=kernel_name, cwd=cwd, scratch=scratch)
        self.jobs, self.results, self.stop, self.writer = jobs, results, stop, writer
        self.workers = max(1, workers)

    def _take(self) -> tuple[list[tuple[int, Job, Path, Path]], bool]:
        """The next jobs to run together: the first waited for, more if queued (up to
        :data:`BATCH_SIZE`, fewer near the end so that every worker still gets a share); and
        whether this worker is to stop after them."""
        item = self.jobs.get()
        if item is None:
            return [], True
        items = [item]
        limit = max(1, min(BATCH_SIZE, (self.jobs.qsize() + 1) // (2 * self.workers)))
        while len(items) < limit:
            try:
                item = self.jobs.get_nowait()
            except queue.Empty:
                break
            if item is None:
                return items, True
            items.append(item)
        return items, False

    def run(self) -> None:
        session = self.session
        try:  # the kernel boots and warms up while this thread imports what a job needs
            session.launch()
            _prepare_job_imports()
            session.ready()
        except Exception:  # a kernel that fails to start is retried (and reported) by the first job
            session.close()
        try:
            last = False
            while not self.stop.is_set() and not last:
                items, last = self._take()
                if not items or self.stop.is_set():
                    break
                t0 = time.perf_counter()
                folder, out = items[0][2], items[0][3]  # one batch: one notebook folder and output folder
                try:
                    done = execute_batch(session, [job for _i, job, _f, _o in items], folder, out)
                except BaseException as exc:  # noqa: BLE001 - reported as the jobs' failure
                    done = [(JobResult(job=job, error=f"{type(exc).__name__}: {exc}"), None)
                            for _i, job, _f, _o in items]
                for (i, _job, _folder, _out), (r, nb) in zip(items, done):
                    r.worker = self.index
                    # the files are written by the writer thread while this kernel runs the next notebooks
                    self.writer.submit(self._finish, i, r, nb, out, t0)
        finally:  # also after kill_now: a kernel launched while the batch was being stopped goes too
            session.close()

    def _finish(self, i: int, r: JobResult, nb: Any, out: Path, t0: float) -> None:
        try:
            if nb is not None and not self.stop.is_set():
                write_job(r, nb, out)
        except BaseException as exc:  # noqa: BLE001 - reported as the job's failure
            r.error = r.error or f"{type(exc).__name__}: {exc}"
        finally:
            r.seconds = time.perf_counter() - t0
            self.results.put((i, r))


class Workers:
    """The kernels of one batch: ``n`` workers started at once (:meth:`start`, which does not
    wait), fed with jobs once they are known (:meth:`run`), stopped by :meth:`close`.

    A worker is a thread of this process owning one kernel (:class:`_KernelThread`); the jobs wait
    in one queue, so a free worker takes the next one.  The kernels are the processes that work
    (the notebooks' code and charts); a worker's own share — parameterising, nbclient's messages,
    the HTML export, writing files — is a few tens of milliseconds a notebook, so threads of one
    process keep two kernels busy without a second Python process importing nbclient, nbconvert
    and factlib again (1.4 s of CPU each).  Starting them before the corpus is loaded lets the
    kernels boot and warm up (:mod:`factlib.report.warm`) on the other core meanwhile.
    """

    def __init__(self, n: int, *, notebook_folder: str | os.PathLike[str] | None = None,
                 kernel_name: str = "python3", scratch: str | os.PathLike[str] | None = None) -> None:
        self.n = max(1, n)
        self.folder = Path(notebook_folder) if notebook_folder else notebooks_dir()
        self.kernel_name = kernel_name
        self.scratch = str(scratch) if scratch else None
        self.threads: list[_KernelThread] = []
        self._jobs: queue.Queue = queue.Queue()
        self._results: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._submitted: list[Job] = []
        self._writer: ThreadPoolExecutor | None = None

    def start(self) -> Workers:
        if not self.threads:
            # one writer thread: HTML export and files of the executed notebooks, in the order they
            # come, while the kernels go on (a kernel thread never waits for a page or an fsync)
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factlib-writer")
            self._writer.submit(_prepare_writer)
            self.threads = [_KernelThread(i + 1, self.kernel_name, self.folder, self._jobs, self._results, self._stop,
                                          self._writer, self.scratch, self.n) for i in range(self.n)]
            for t in self.threads:
                t.start()
        return self

    def run(self, jobs: Sequence[Job], out_dir: str | os.PathLike[str], *, progress: bool = True,
            on_result: Callable[[JobResult], None] | None = None) -> list[JobResult]:
        """Run ``jobs``; results in the order of ``jobs``."""
        self.submit(jobs, out_dir)
        return self.collect(progress=progress, on_result=on_result)

    def submit(self, jobs: Sequence[Job], out_dir: str | os.PathLike[str]) -> None:
        """Queue ``jobs`` and return at once (the workers start on them; :meth:`collect` waits)."""
        self.start()
        out = Path(out_dir)
        self._submitted = list(jobs)
        for i, job in enumerate(self._submitted):
            self._jobs.put((i, job, self.folder, out))

    def collect(self, *, progress: bool = True,
                on_result: Callable[[JobResult], None] | None = None) -> list[JobResult]:
        """Wait for every job :meth:`submit` queued; results in the order they were given."""
        from tqdm.auto import tqdm

        jobs = self._submitted
        results: dict[int, JobResult] = {}
        bar = tqdm(total=len(jobs), desc="reports", unit="nb", file=sys.stderr, disable=not progress)
        try:
            while len(results) < len(jobs):
                interrupt.raise_if_requested()  # a Ctrl-C or SIGTERM whose exception was swallowed
                try:  # a timeout, so that a signal reaches this (the main) thread
                    i, r = self._results.get(timeout=0.5)
                except queue.Empty:
                    if not any(t.is_alive() for t in self.threads):
                        raise RuntimeError("every report worker stopped") from None
                    continue
                results[i] = r
                bar.update(1)
                if r.error:
                    bar.write(f"failed: {r.job.output}: {r.error.splitlines()[0] if r.error else ''}",
                              file=sys.stderr)
                if on_result:
                    on_result(r)
        finally:
            bar.close()
        self._submitted = []
        return [results[i] for i in range(len(jobs))]

    def close(self, *, failed: bool = False) -> None:
        """Shut the kernels down; ``failed`` (the batch is being stopped: an exception, Ctrl-C,
        SIGTERM): kill them at once, whatever they are running, and start no other."""
        if not self.threads:
            return
        if failed:
            self._stop.set()
            for t in self.threads:
                t.session.kill_now()
        for _ in self.threads:
            self._jobs.put(None)
        for t in self.threads:
            t.join(timeout=5 if failed else 120)
        self.threads = []
        if self._writer is not None:  # a write under way finishes (milliseconds); queued ones are dropped
            self._writer.shutdown(wait=True, cancel_futures=failed)
            self._writer = None

    def __enter__(self) -> Workers:
        return self.start()

    def __exit__(self, exc_type: Any, *exc: object) -> None:
        self.close(failed=exc_type is not None)


def execute_jobs(
    jobs: Sequence[Job],
    out_dir: str | os.PathLike[str],
    *,
    notebook_folder: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    kernel_name: str = "python3",
    progress: bool = True,
    on_result: Callable[[JobResult], None] | None = None,
    scratch: str | os.PathLike[str] | None = None,
) -> list[JobResult]:
    """Run ``jobs`` with ``workers`` long-lived kernels; results in the order of ``jobs``.

    Stopping: an exception here (Ctrl-C, SIGTERM turned into ``SystemExit`` by the command line)
    kills the kernels at once; should this process be killed outright, its kernels notice their
    parent is gone and exit (ipykernel polls it), and the scratch folder goes with the report's
    watchdog (:func:`scratch_watchdog`).
    """
    n = max(1, min(workers or default_jobs(len(jobs)), len(jobs) or 1))
    with Workers(n, notebook_folder=notebook_folder, kernel_name=kernel_name, scratch=scratch) as pool:
        return pool.run(jobs, out_dir, progress=progress, on_result=on_result)


# ----------------------------------------------------------------- the scratch folder's watchdog

#: the watchdog: blocks on its standard input (a pipe only the report holds), which reaches its end
#: when the report exits in any way, SIGKILL included; then removes the scratch folder
_WATCHDOG = """
import os, shutil, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
try:
    while os.read(0, 4096):
        pass
except OSError:
    pass
shutil.rmtree(sys.argv[1], ignore_errors=True)
"""


def scratch_watchdog(scratch: str | os.PathLike[str]) -> subprocess.Popen | None:
    """A small process that removes ``scratch`` once this process is gone, however it ends.

    A report killed with SIGKILL runs no clean-up of its own: its kernels end by themselves
    (ipykernel polls its parent), its workers by their watchdog thread (:func:`_watch_parent`), and
    the scratch folder (the pickled context) by this process.  It runs in its own session, so a
    signal to the report's process group does not end it first; it exits as soon as the report
    does.  None when it cannot be started (the report then cleans up only when it ends normally).
    """
    try:
        return subprocess.Popen([sys.executable, "-I", "-S", "-c", _WATCHDOG, str(scratch)],
                                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True, close_fds=True)
    except OSError:
        return None


def _end_watchdog(proc: subprocess.Popen | None) -> None:
    if proc is None:
        return
    try:
        proc.stdin.close()
        proc.wait(timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        proc.kill()


# ----------------------------------------------------------------- the whole report

def shown_path(path: Any, out_dir: str | os.PathLike[str]) -> str:
    """How the index names a corpus path (or list of them) without leaking where it lives on this
    machine (a home folder in a report someone shares): relative to the output folder when it is
    beside or inside it (``../seeds``, ``corpus/a.txt``), otherwise only its name."""
    if isinstance(path, (list, tuple)):
        names = [shown_path(p, out_dir) for p in path]
        return ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    text = str(path)
    if not text:
        return ""
    try:
        rel = os.path.relpath(Path(text).resolve(), Path(out_dir).resolve())
    except ValueError:  # another drive (Windows)
        rel = None
    if rel is not None and not rel.startswith(os.pardir + os.sep + os.pardir) and rel != os.pardir:
        return Path(rel).as_posix()
    return Path(text).name or text


def _summary_line(r: JobResult) -> str:
    s = r.records.get("summary")
    return str(s) if s is not None else ""


def run_report(
    corpus: Any,
    out_dir: str | os.PathLike[str] = "reports",
    *,
    jobs: int | None = None,
    reference: Any = None,
    kinds: Iterable[str] = NOTEBOOKS,
    notebook_folder: str | os.PathLike[str] | None = None,
    progress: bool = True,
    store: str | os.PathLike[str] | None = None,
    force: bool = False,
    verify: bool = False,
) -> ReportResult:
    """Execute the report notebooks over ``corpus`` and write ``out_dir/index.html``.

    ``corpus`` is a folder, glob, file or list of files; ``reference`` is None (the
    shipped official figures) or CSV path(s) added to them; ``store`` is a claim store
    (:mod:`factlib.run.store`) to read claims from instead of re-extracting unchanged files.  Writes the claims and
    findings as CSV and Parquet, one HTML per report (plus executed ``.ipynb`` and chart
    PNGs) and the index, each atomically.  Check ``result.ok``: a failed notebook is
    listed on the index with its error and does not stop the others, and so is every file
    that could not be read (every good document still gets its report).

    The output folder is factlib's: a folder holding files factlib did not write is refused
    (:class:`~factlib.report.files.OutputFolderError`) unless ``force``; its manifest lists what
    was written, and the corpus walker never reads it back as documents.  ``verify`` re-hashes
    every file of the ``store``.
    """
    t0 = time.perf_counter()
    out = Path(out_dir)
    manifest = Manifest(out)
    manifest.claim(force=force)  # before anything is written; refuses a folder of someone else's files
    corpus, reference = _abs(corpus), _abs(reference)  # kernels run in another directory
    kinds = tuple(kinds)
    scratch = Path(tempfile.mkdtemp(prefix=f"factlib-report-{os.getpid()}-"))
    watchdog = scratch_watchdog(scratch)
    results: list[JobResult] = []
    # the kernels start (and warm up) first, on the other core, while this process loads the corpus
    workers = Workers(jobs or default_jobs(estimate_notebooks(corpus, kinds)), notebook_folder=notebook_folder,
                      scratch=scratch)
    failed = True
    try:
        workers.start()
        # imported once the kernels' threads are started (pandas and the checks: 0.4 s before any
        # kernel process was spawned when imported first)
        from factlib.report.context import context_key, load_context, save_context
        from factlib.report.tabular import write_table

        ctx = load_context(corpus, reference, store=store, verify=verify)
        context_file = save_context(ctx, scratch / "context.pickle", context_key(corpus, reference))
        job_list = plan_jobs(ctx, corpus, reference, kinds, context_file=str(context_file))
        prepare = time.perf_counter() - t0
        workers.submit(job_list, out)
        # the tables (CSV, and Parquet with pyarrow's import) while the kernels run the notebooks
        data_files = write_table(ctx.claims, out, "claims") + write_table(ctx.findings, out, "findings")
        manifest.add(data_files)
        results = workers.collect(progress=progress)
        failed = False
    finally:
        workers.close(failed=failed)
        shutil.rmtree(scratch, ignore_errors=True)
        _end_watchdog(watchdog)
        for r in results:
            manifest.add([r.html, r.ipynb, *r.charts])
        remove_stale_temporaries(out, pids={os.getpid()})  # the workers are threads of this process
        manifest.save()

    from factlib.report.html import IndexEntry, index_page

    entries = [
        IndexEntry(kind=r.job.notebook, title=r.job.title, href=r.html, summary=_summary_line(r), error=r.error)
        for r in results
    ]
    for err in ctx.errors:
        entries.append(IndexEntry(kind="document_report", title=shown_path(getattr(err, "path", err), out), href=None,
                                  error=f"not read: {getattr(err, 'reason', err)}"))
    per_worker: dict[int, float] = {}
    for r in results:
        per_worker[r.worker] = per_worker.get(r.worker, 0.0) + r.kernel_startup
    startup = max(per_worker.values(), default=0.0)
    wall = time.perf_counter() - t0
    stats = {
        "documents": len(ctx.documents),
        "claims": len(ctx.claims),
        "findings": len(ctx.findings),
        "generated in": f"{wall:.1f} s",
    }
    index = out / "index.html"
    doc_links = {str(r.records.get("doc_id")): r.html for r in results
                 if r.job.notebook == "document_report" and r.html and r.records.get("doc_id")}
    atomic_write(index, index_page(entries, corpus=shown_path(corpus, out), stats=stats,
                                   data_files=[p.name for p in data_files], findings=ctx.findings,
                                   claims=ctx.claims, reference=ctx.reference, doc_links=doc_links))
    manifest.add([index])
    manifest.save()
    return ReportResult(
        out_dir=out, results=results, index=index, data_files=data_files,
        wall_seconds=time.perf_counter() - t0, prepare_seconds=prepare,
        kernel_startup_seconds=startup, workers=len(per_worker) or 1,
        load_errors=[(str(getattr(e, "path", e)), str(getattr(e, "reason", e))) for e in ctx.errors],
        warnings=list(getattr(ctx, "warnings", []) or []), skipped=getattr(ctx, "skipped", None),
    )
