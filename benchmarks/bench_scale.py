"""Scale-out benchmark (issue 6): a ~100 MB corpus through the pandas and Dask engines.

Builds the corpus in a temporary folder from ``../shared/corpus/`` (each file cut into
documents of about 64 KB, the whole set repeated under new document ids until the target size is
reached) and prints:

1. characters per second extracting the corpus into partitioned Parquet with the pandas engine
   and with Dask on 1 and 2 local workers, and the 2-vs-1 worker speedup (issue 6: ≥ 1.6×;
   issue 16, no regression of the Dask path: ≥ 1.8×);
2. peak resident memory of each run, summed over this process and all its children (the Dask
   workers and their nannies), sampled every 50 ms (target ≤ 1 GB), and the CPU seconds of each
   run (this process and its children: on a shared machine the steadier figure);
3. a first run into the claim store and an incremental re-run over the unchanged corpus
   (target ≥ 20× faster), plus a re-run that re-hashes every file (``verify=True``).

    .venv/bin/python benchmarks/bench_scale.py [--mb 100] [--corpus ../shared/corpus | --shared /work/shared]
                                               [--skip-store]

With ``--skip-store`` only parts 1 and 2 run.  The load average is printed with every figure:
the speedup of two workers over one needs two idle cores, so read it with the load beside it.

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


class PeakRSS:
    """Peak of the summed RSS of this process and all its descendants; also their CPU seconds
    (user + system; a descendant's as last sampled, at most 50 ms before it ended) and the load
    average at the end."""

    def __init__(self, interval: float = 0.05):
        self.interval = interval
        self.peak = 0
        self.largest = 0  # the biggest single process
        self.cpu = 0.0
        self.load = 0.0
        self._cpu_seen: dict[int, float] = {}
        self._cpu_start: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        me = psutil.Process()
        total = 0
        for p in [me, *me.children(recursive=True)]:
            try:
                rss = p.memory_info().rss
                times = p.cpu_times()
            except psutil.Error:
                continue
            total += rss
            self.largest = max(self.largest, rss)
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
        self._sample()
        self.cpu = sum(v - self._cpu_start.get(pid, 0.0) for pid, v in self._cpu_seen.items())
        self.load = os.getloadavg()[0]


def local_cluster(workers: int):
    """The engine's own LocalCluster (process workers, one thread each)."""
    from factlib.run.dask_engine import dask_client

    return dask_client(None, workers=workers, processes=True)


def mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=100.0, help="corpus size to build (default 100)")
    ap.add_argument("--corpus", type=Path, default=None, help="source texts (default ../shared/corpus)")
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder (its corpus/ is the source)")
    ap.add_argument("--skip-store", action="store_true", help="only the Parquet runs (parts 1 and 2)")
    ap.add_argument("--partitions", type=int, default=None, help="partitions (default: engine's choice)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    if args.corpus is None:
        shared = args.shared or (Path(os.environ["FACTLIB_SHARED"]) if os.environ.get("FACTLIB_SHARED") else None)
        args.corpus = shared / "corpus" if shared else DEFAULT_CORPUS
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2

    from factlib.run.local import update_store, write_claims

    tmp = Path(tempfile.mkdtemp(prefix="factlib-bench-scale-"))
    rows: list[tuple[str, float, int, str]] = []
    try:
        t0 = time.perf_counter()
        files, nbytes, chars = build_corpus(args.corpus, tmp / "corpus", int(args.mb * 2**20))
        print(f"corpus: {files} files, {mb(nbytes)}, {chars:,} characters (built in {time.perf_counter() - t0:.1f} s)")
        paths = [str(tmp / "corpus")]
        print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
        print()

        # 1. throughput into partitioned Parquet
        with PeakRSS() as rss:
            t = time.perf_counter()
            n, errors = write_claims(paths, str(tmp / "pq-pandas"), "pandas", partitions=args.partitions)
            secs = time.perf_counter() - t
        rows.append(("pandas, 1 process", secs, rss.peak, f"{n:,} claims; largest process {mb(rss.largest)}; "
                     f"CPU {rss.cpu:.1f} s; load {rss.load:.1f}"))
        pandas_claims = n
        dask_secs = {}
        for workers in (1, 2):
            with PeakRSS() as rss:
                t = time.perf_counter()
                with local_cluster(workers) as client:
                    startup = time.perf_counter() - t
                    t1 = time.perf_counter()
                    n, errors = write_claims(paths, str(tmp / f"pq-dask{workers}"), "dask", client,
                                             args.partitions)
                    secs = time.perf_counter() - t1
            dask_secs[workers] = secs
            assert n == pandas_claims, (n, pandas_claims)
            rows.append((f"dask, {workers} worker{'s' if workers > 1 else ''}", secs, rss.peak,
                         f"{n:,} claims; largest process {mb(rss.largest)}; cluster start {startup:.1f} s"
                         f" not included; CPU {rss.cpu:.1f} s (cluster start included); load {rss.load:.1f}"))

        print(f"{'extract → Parquet':<22} {'seconds':>8} {'chars/s':>11} {'peak RSS':>9}")
        for name, secs, peak, note in rows:
            print(f"{name:<22} {secs:8.1f} {chars / secs:11,.0f} {mb(peak):>9}   {note}")
        speedup = dask_secs[1] / dask_secs[2]
        peak = max(r[2] for r in rows[1:])
        print(f"speedup 1 → 2 workers: {speedup:.2f}×  (issue 6: ≥ 1.6×; issue 16: ≥ 1.8× "
              f"{'met' if speedup >= 1.8 else 'NOT met'}); load average now {os.getloadavg()[0]:.1f}")
        print(f"peak RSS of the Dask runs: {mb(peak)}  (≤ 1 GB: {'met' if peak <= 2**30 else 'NOT met'})")
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
