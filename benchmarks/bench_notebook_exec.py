"""CPU of executing report notebooks in one warm kernel: one by one through nbclient, or in batches in the kernel.

    .venv/bin/python benchmarks/bench_notebook_exec.py [CORPUS] [--kind document_report] [--n 40] [--rounds 3]

Loads CORPUS (default seeds/) once, plans its notebooks of one kind, then executes the same
notebooks alternately with ``KernelSession.execute`` (nbclient, cell by cell: the path a notebook
takes when it falls back) and ``KernelSession.execute_many`` (eight per request inside the kernel,
:mod:`factlib.report.inkernel`: what ``factlib report`` does), in one warm kernel.  Prints the CPU
milliseconds per notebook of this process (parameterised copies are made outside the timing) and of
the kernel process, for each way.  No HTML export or file writing is timed.  A script that prints
figures, never a test.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "seeds"))
    ap.add_argument("--kind", default="document_report",
                    choices=["document_report", "metric_crosscheck", "translation_alignment", "corpus_overview"])
    ap.add_argument("--n", type=int, default=40, help="notebooks at most")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    sys.modules.setdefault("rfc3987_syntax", None)  # as the command line does (see skip_uri_grammars)
    import psutil
    from papermill.parameterize import parameterize_notebook

    from factlib.report.batch import KernelSession, _load_notebook, notebooks_dir, plan_jobs
    from factlib.report.context import context_key, load_context, save_context
    from factlib.report.nbnodes import unvalidated_nodes

    ctx = load_context(args.corpus)
    with tempfile.TemporaryDirectory(prefix="factlib-bench-exec-") as tmp:
        context_file = save_context(ctx, Path(tmp) / "context.pickle", context_key(args.corpus, None))
        jobs = [j for j in plan_jobs(ctx, args.corpus, None, context_file=str(context_file))
                if j.notebook == args.kind][:args.n]
        if not jobs:
            print(f"no {args.kind} notebooks for {args.corpus}")
            return 1
        folder = notebooks_dir()

        def notebooks() -> list:
            with unvalidated_nodes():
                return [parameterize_notebook(_load_notebook(folder / f"{j.notebook}.ipynb"), j.parameters,
                                              kernel_name="python3", language="python") for j in jobs]

        with KernelSession(cwd=folder, scratch=tmp) as session:
            session.ready()
            kernel = psutil.Process(session.km.provisioner.process.pid)

            def cpu() -> tuple[float, float]:
                k = kernel.cpu_times()
                return time.process_time(), k.user + k.system

            def nbclient(batch: list) -> None:
                with unvalidated_nodes():
                    for nb in batch:
                        session.execute(nb)

            def in_kernel(batch: list) -> None:
                with unvalidated_nodes():
                    for i in range(0, len(batch), 8):
                        session.execute_many(batch[i:i + 8])

            ways = (("nbclient", nbclient), ("in-kernel", in_kernel))
            for _name, run in ways:  # warm: the first notebooks import and draw their first chart
                run(notebooks())
            totals = {name: [0.0, 0.0] for name, _ in ways}
            load = []
            for _ in range(args.rounds):
                for name, run in ways:
                    batch = notebooks()
                    load.append(psutil.getloadavg()[0])
                    p0, k0 = cpu()
                    run(batch)
                    p1, k1 = cpu()
                    totals[name][0] += p1 - p0
                    totals[name][1] += k1 - k0
    n = args.rounds * len(jobs)
    print(f"{args.kind}: {len(jobs)} notebooks x {args.rounds} rounds, load {min(load):.1f}-{max(load):.1f}")
    for name, (p, k) in totals.items():
        print(f"  {name:9s} this process {p / n * 1000:6.1f} ms  kernel {k / n * 1000:6.1f} ms  "
              f"total {(p + k) / n * 1000:6.1f} ms CPU a notebook")
    return 0


if __name__ == "__main__":
    sys.exit(main())
