"""Scale-out benchmark (issue 6): a ~100 MB corpus through the pandas and Dask engines.

Builds the corpus in a temporary folder from ``../shared/corpus/`` (each file cut into
documents of about 64 KB, the whole set repeated under new document ids until the target size is
reached) and prints:

1. characters per second extracting the corpus into partitioned Parquet with the pandas engine
   and with Dask on 1 and 2 local workers, and the 2-vs-1 worker speedup (issue 6: ≥ 1.6×;
   issue 16, no regression of the Dask path: ≥ 1.8×);
2. peak resident memory of each run, summed over all its processes (the client, which also runs
   the scheduler and the nannies of a local cluster, the worker processes and multiprocessing's
   resource tracker), sampled every 50 ms (target ≤ 1 GB), with the largest single process and
   the peak of each kind of process; the CPU seconds of each run, of the workers (measured in
   them, for the extraction alone) and of the client (on a shared machine the steadier figures);
3. a first run into the claim store and an incremental re-run over the unchanged corpus
   (target ≥ 20× faster), plus a re-run that re-hashes every file (``verify=True``).

    .venv/bin/python benchmarks/bench_scale.py [--mb 100] [--corpus ../shared/corpus | --shared /work/shared]
                                               [--skip-store]

With ``--skip-store`` only parts 1 and 2 run.  The load average is printed with every figure:
the speedup of two workers over one needs two idle cores, so read it with the load beside it.

Each run of part 1 is a fresh process started by this script (``--one RUN``), as a user's command
is; this script only watches its process tree.  ``--same-process`` runs them one after another in
this process instead (the method of sessions 1–5: the Dask client then still holds what the pandas
run before it left in memory, ~200 MB at 100 MB, which is not the Dask path's own).

A script that prints figures, never a test.  It leaves no processes behind.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DOC_BYTES = 64 * 1024


def build_corpus(source: Path, out: Path, target_bytes: int) -> tuple[int, int, int]:
    """Write documents into ``out`` until ``target_bytes``; return (files, bytes, characters)."""
    pieces: list[tuple[str, str]] = []  # (stem, text) of one copy of the corpus
    for f in sorted(source.glob("*.txt")):
        lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
        buf, size, n = [], 0, 0
        for line in lines:
            buf.append(line)
            size += len(line.encode("utf-8"))
            if size >= DOC_BYTES:
                pieces.append((f"{f.stem}-{n:04d}", "".join(buf)))
                buf, size, n = [], 0, n + 1
        if buf:
            pieces.append((f"{f.stem}-{n:04d}", "".join(buf)))
    out.mkdir(parents=True, exist_ok=True)
    files = total = chars = 0
    copy = 0
    while total < target_bytes:
        folder = out / f"r{copy:03d}"
        folder.mkdir()
        for stem, text in pieces:
            data = text.encode("utf-8")
            (folder / f"r{copy:03d}-{stem}.txt").write_bytes(data)
            files += 1
            total += len(data)
            chars += len(text)
            if total >= target_bytes:
                break
        copy += 1
    return files, total, chars


def role(proc: psutil.Process, root: int) -> str:
    """What a process of a run is: the ``client`` (the run's own process; a local cluster's
    scheduler and nannies live in it), a Dask ``worker``, multiprocessing's resource ``tracker``."""
    if proc.pid == root:
        return "client"
    try:
        cmd = " ".join(proc.cmdline())
    except psutil.Error:
        return "other"
    if "resource_tracker" in cmd:
        return "tracker"
    if "spawn_main" in cmd or "forkserver" in cmd or "dask" in cmd:
        return "worker"
    return "other"


class PeakRSS:
    """Peak of the summed RSS of a process (default: this one) and all its descendants, the
    largest single process and the largest of each role (:func:`role`); also their CPU seconds
    (user + system; a descendant's as last sampled, at most 50 ms before it ended) and the load
    average at the end."""

    REFRESH = 10  # samples between two listings of the process tree

    def __init__(self, root: int | None = None, interval: float = 0.05):
        self.root = root or os.getpid()
        self.interval = interval
        self.peak = 0
        self.largest = 0  # the biggest single process
        self.by_role: dict[str, int] = {}  # role -> largest single process of that role
        self.cpu = 0.0
        self.cpu_by_role: dict[str, float] = {}
        self.load = 0.0
        self._cpu_seen: dict[int, float] = {}
        self._cpu_start: dict[int, float] = {}
        self._roles: dict[int, str] = {}
        self._procs: list[psutil.Process] = []
        self._count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        # listing the process tree scans every process of the machine (~2 ms with a few hundred):
        # done every REFRESH-th sample only, the known processes are read at every sample (each
        # sample costs a core's time that a run with two busy workers would otherwise have)
        if self._count % self.REFRESH == 0 or not self._procs:
            try:
                top = psutil.Process(self.root)
                self._procs = [top, *top.children(recursive=True)]
            except psutil.Error:
                return 0
        self._count += 1
        total = 0
        for p in self._procs:
            try:
                with p.oneshot():
                    rss = p.memory_info().rss
                    times = p.cpu_times()
            except psutil.Error:
                continue
            if p.pid not in self._roles:
                self._roles[p.pid] = role(p, self.root)
            r = self._roles[p.pid]
            total += rss
            self.largest = max(self.largest, rss)
            self.by_role[r] = max(self.by_role.get(r, 0), rss)
            self._cpu_seen[p.pid] = times.user + times.system
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            time.sleep(self.interval)

    def __enter__(self) -> PeakRSS:
        self.peak = self._sample()
        self._cpu_start = dict(self._cpu_seen)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())
        used = {pid: v - self._cpu_start.get(pid, 0.0) for pid, v in self._cpu_seen.items()}
        self.cpu = sum(used.values())
        for pid, v in used.items():
            r = self._roles.get(pid, "other")
            self.cpu_by_role[r] = self.cpu_by_role.get(r, 0.0) + v
        self.load = os.getloadavg()[0]

    def roles(self) -> str:
        order = ["client", "worker", "tracker", "other"]
        return ", ".join(f"{r} {mb(self.by_role[r])}" for r in order if r in self.by_role)


def local_cluster(workers: int):
    """The engine's own LocalCluster (process workers, one thread each)."""
    from factlib.run.dask_engine import dask_client

    return dask_client(None, workers=workers, processes=True)


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


RUNS = {"pandas": ("pandas", 0), "dask1": ("dask", 1), "dask2": ("dask", 2)}
LABELS = {"pandas": "pandas, 1 process", "dask1": "dask, 1 worker", "dask2": "dask, 2 workers"}


def _cpu_now() -> float:
    t = psutil.Process().cpu_times()
    return t.user + t.system


TASK_CLOCK = "factlib-bench-task-clock"


def _task_clock():
    """A worker plugin that notes each task's start and end (wall clock) and the worker process's
    CPU seconds at both (its executor runs one task at a time, so the difference is the task's CPU
    plus what the worker's event loop did meanwhile) and the task's partition number (the last
    integer argument of a ``write_files`` task), for :func:`task_figures`."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class TaskClock(WorkerPlugin):
        def setup(self, worker):
            self.worker, self.rows, self.open = worker, [], {}

        def transition(self, key, start, finish, *args, **kwargs):
            if finish == "executing":
                self.open[key] = (time.time(), _cpu_now())
            elif start == "executing" and key in self.open:
                t0, c0 = self.open.pop(key)
                self.rows.append((_partition_number(self.worker, key), t0, time.time(), _cpu_now() - c0))

    return TaskClock()


def _partition_number(worker, key) -> int | None:
    ts = worker.state.tasks.get(key)
    args = getattr(getattr(ts, "run_spec", None), "args", ())
    ints = [a for a in (getattr(a, "value", a) for a in args) if isinstance(a, int) and not isinstance(a, bool)]
    return ints[-1] if ints else None


def run_one(name: str, corpus: Path, out: Path, partitions: int | None) -> dict:
    """One run of part 1 in this process: extract ``corpus`` into Parquet under ``out``; a dict of
    its figures (wall seconds without the cluster start, claims, and on Dask the CPU seconds of
    each worker and of the client during the extraction, scheduler transitions, bytes moved
    between workers)."""
    from factlib.run.local import write_claims

    engine, workers = RUNS[name]
    paths = [str(corpus)]
    if engine == "pandas":
        t = time.perf_counter()
        n, errors = write_claims(paths, str(out), "pandas", partitions=partitions)
        return {"secs": time.perf_counter() - t, "claims": n, "errors": len(errors)}
    t = time.perf_counter()
    with local_cluster(workers) as client:
        startup = time.perf_counter() - t

        def counters(dask_worker=None):
            return {"cpu": _cpu_now(), "sent": dask_worker.transfer_outgoing_bytes_total}

        client.register_plugin(_task_clock(), name=TASK_CLOCK)
        before, c0 = client.run(counters), _cpu_now()
        transitions0 = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.transition_counter)
        t1, wall0 = time.perf_counter(), time.time()
        n, errors = write_claims(paths, str(out), "dask", client, partitions)
        secs = time.perf_counter() - t1
        after, c1 = client.run(counters), _cpu_now()
        transitions = client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.transition_counter)
        tasks = client.run(lambda dask_worker: dask_worker.plugins[TASK_CLOCK].rows)
    return {"secs": secs, "claims": n, "errors": len(errors), "startup": startup,
            "tasks": [[(r[0], r[1] - wall0, r[2] - wall0, r[3]) for r in tasks[w]]
                      for w in sorted(after)],
            "worker_cpu": [after[w]["cpu"] - before[w]["cpu"] for w in sorted(after)],
            "sent": sum(after[w]["sent"] - before[w]["sent"] for w in after),
            "client_cpu": c1 - c0, "transitions": transitions - transitions0}


def task_lines(fig: dict) -> list[str]:
    """Per worker of a Dask run (from :func:`_task_clock`): its tasks' CPU (the first task, which
    pays the imports and the first use of every table, apart), its CPU outside tasks, the wall time
    it spent in tasks and the CPU they got in it (below 1 when other processes held the core),
    its wait before and between tasks and its idle time at the end of the run."""
    import statistics

    out = []
    for w, (rows, cpu) in enumerate(zip(fig.get("tasks", []), fig["worker_cpu"])):
        rows = sorted(rows, key=lambda r: r[1])
        if not rows:
            out.append(f"worker {w}: no task")
            continue
        in_tasks = sum(r[3] for r in rows)
        busy = sum(r[2] - r[1] for r in rows)
        waits = max(0.0, rows[0][1]) + sum(max(0.0, b[1] - a[2]) for a, b in zip(rows, rows[1:]))
        out.append(f"worker {w}: {len(rows)} tasks, CPU {in_tasks:.1f} s in tasks (first {rows[0][3]:.2f} s, "
                   f"median {statistics.median(r[3] for r in rows):.2f} s) + {cpu - in_tasks:.1f} s outside; "
                   f"in tasks {busy:.1f} s wall at {in_tasks / busy if busy else 0:.2f} CPU s per s; waiting "
                   f"before and between tasks {waits:.1f} s, idle at the end {max(0.0, fig['secs'] - rows[-1][2]):.1f} s")
    return out


def paired_lines(one: dict, two: dict) -> list[str]:
    """The CPU of the same partitions on 1 and on 2 workers: the first task of each worker apart
    (cold: imports, first use of tables and memos), the others summed."""
    def by_partition(fig):
        cpu, first = {}, set()
        for rows in fig.get("tasks", []):
            rows = sorted(rows, key=lambda r: r[1])
            if rows:
                first.add(rows[0][0])
            cpu.update({r[0]: r[3] for r in rows})
        return cpu, first

    (a, first_a), (b, first_b) = by_partition(one), by_partition(two)
    if None in a or None in b or set(a) != set(b):
        return ["(tasks could not be paired by partition)"]
    firsts = first_a | first_b
    rest = [k for k in a if k not in firsts]
    ra, rb = sum(a[k] for k in rest), sum(b[k] for k in rest)
    fa, fb = sum(a[k] for k in firsts), sum(b[k] for k in firsts)
    return [f"same partitions on 1 and 2 workers: the first tasks of the workers (partitions "
            f"{', '.join(map(str, sorted(firsts)))}) {fa:.1f} s of CPU on 1 worker, {fb:.1f} s on 2; the other "
            f"{len(rest)} {ra:.1f} s and {rb:.1f} s ({(rb / ra - 1) * 100 if ra else 0:+.1f} %)"]


def run_child(name: str, corpus: Path, out: Path, partitions: int | None) -> tuple[dict, PeakRSS]:
    """:func:`run_one` in a fresh process (``--one``), its process tree watched from here."""
    import json
    import subprocess

    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", name, "--corpus", str(corpus),
           "--out", str(out)] + (["--partitions", str(partitions)] if partitions else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakRSS(proc.pid) as rss:
        stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        sys.stderr.write(stderr)
        raise SystemExit(f"run {name} failed ({proc.returncode})")
    return json.loads(stdout.strip().splitlines()[-1]), rss


def run_here(name: str, corpus: Path, out: Path, partitions: int | None) -> tuple[dict, PeakRSS]:
    with PeakRSS() as rss:
        figures = run_one(name, corpus, out, partitions)
    return figures, rss


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=100.0, help="corpus size to build (default 100)")
    ap.add_argument("--corpus", type=Path, default=None, help="source texts (default ../shared/corpus)")
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder (its corpus/ is the source)")
    ap.add_argument("--skip-store", action="store_true", help="only the Parquet runs (parts 1 and 2)")
    ap.add_argument("--partitions", type=int, default=None, help="partitions (default: engine's choice)")
    ap.add_argument("--runs", default="pandas,dask1,dask2",
                    help="which runs of part 1, comma-separated (default pandas,dask1,dask2)")
    ap.add_argument("--same-process", action="store_true",
                    help="run part 1 in this process, one run after another (the old method)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--one", choices=sorted(RUNS), help=argparse.SUPPRESS)  # a child run: --corpus is built
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        import json

        print(json.dumps(run_one(args.one, args.corpus, args.out, args.partitions)))
        return 0
    if args.corpus is None:
        shared = args.shared or (Path(os.environ["FACTLIB_SHARED"]) if os.environ.get("FACTLIB_SHARED") else None)
        args.corpus = shared / "corpus" if shared else DEFAULT_CORPUS
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2

    from factlib.run.local import update_store

    tmp = Path(tempfile.mkdtemp(prefix="factlib-bench-scale-"))
    rows: list[tuple[str, float, int, str]] = []
    try:
        t0 = time.perf_counter()
        files, nbytes, chars = build_corpus(args.corpus, tmp / "corpus", int(args.mb * 2**20))
        print(f"corpus: {files} files, {mb(nbytes)}, {chars:,} characters (built in {time.perf_counter() - t0:.1f} s)")
        paths = [str(tmp / "corpus")]
        print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}; each run "
              f"{'in this process' if args.same_process else 'in a fresh process'}")
        print()

        # 1. throughput into partitioned Parquet
        run = run_here if args.same_process else run_child
        secs_of, peaks, claims, figs = {}, {}, set(), {}
        for name in args.runs.split(","):
            fig, rss = run(name, tmp / "corpus", tmp / f"pq-{name}", args.partitions)
            figs[name] = fig
            secs_of[name], peaks[name] = fig["secs"], rss.peak
            claims.add(fig["claims"])
            note = (f"{fig['claims']:,} claims; largest process {mb(rss.largest)} ({rss.roles()}); "
                    f"CPU {rss.cpu:.1f} s (start included); load {rss.load:.1f}")
            if "worker_cpu" in fig:
                note += (f"\n{'':<22} extraction only: workers' CPU "
                         f"{' + '.join(f'{c:.1f}' for c in fig['worker_cpu'])} s, client (scheduler, nannies) "
                         f"{fig['client_cpu']:.1f} s; {fig['transitions']:,} scheduler transitions; "
                         f"{mb(fig['sent'])} sent between workers; cluster start {fig['startup']:.1f} s not included")
                note += "".join(f"\n{'':<22} {line}" for line in task_lines(fig))
            rows.append((LABELS[name], fig["secs"], rss.peak, note))
        assert len(claims) == 1, claims  # every run found the same number of claims

        print(f"{'extract → Parquet':<22} {'seconds':>8} {'chars/s':>11} {'peak RSS':>9}")
        for name, secs, peak, note in rows:
            print(f"{name:<22} {secs:8.1f} {chars / secs:11,.0f} {mb(peak):>9}   {note}")
        if "dask1" in secs_of and "dask2" in secs_of:
            speedup = secs_of["dask1"] / secs_of["dask2"]
            print(f"speedup 1 → 2 workers: {speedup:.2f}×  (issue 6: ≥ 1.6×; issue 16: ≥ 1.8× "
                  f"{'met' if speedup >= 1.8 else 'NOT met'}); load average now {os.getloadavg()[0]:.1f}")
            for line in paired_lines(figs["dask1"], figs["dask2"]):
                print(line)
        dask_peaks = [v for k, v in peaks.items() if k.startswith("dask")]
        if dask_peaks:
            peak = max(dask_peaks)
            print(f"peak RSS of the Dask runs, all processes summed: {mb(peak)}  "
                  f"(≤ 1 GB: {'met' if peak <= 2**30 else 'NOT met'})")
        print()
        if args.skip_store:
            return 0

        # 2./3. the store: first run, incremental re-run, re-run that re-hashes everything
        store = tmp / "claims.sqlite"
        with PeakRSS() as rss:
            t = time.perf_counter()
            with local_cluster(2) as client:
                first = update_store(paths, store, "dask", client, args.partitions)
            first_secs = time.perf_counter() - t
        print(f"store, first run (dask, 2 workers, incl. cluster start): {first_secs:.1f} s, "
              f"{chars / first_secs:,.0f} chars/s, peak RSS {mb(rss.peak)}; {first.summary()}")
        t = time.perf_counter()
        again = update_store(paths, store, "dask", None, args.partitions)
        again_secs = time.perf_counter() - t
        print(f"store, re-run unchanged (stat check, no cluster needed): {again_secs:.2f} s → "
              f"{first_secs / again_secs:.0f}× faster (target ≥ 20×); {again.summary()}")
        t = time.perf_counter()
        verify = update_store(paths, store, "pandas", verify=True)
        verify_secs = time.perf_counter() - t
        print(f"store, re-run re-hashing every file (sha256, 1 process): {verify_secs:.2f} s → "
              f"{first_secs / verify_secs:.0f}× faster; {verify.summary()}")
        print(f"store file: {mb(store.stat().st_size)}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
