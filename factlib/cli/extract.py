"""``factlib extract PATH... [--format jsonl|csv|parquet] [-o FILE]``: one record per claim.

PATH are files, folders or globs; ``-`` reads standard input (its document id is ``stdin``).  A document that cannot be loaded (or, exceptionally, whose
extraction fails) gets a one-line error on standard error naming the file; the others go on.
Without ``-o`` records go to standard output (jsonl or csv; parquet needs ``-o``).  ``-o`` is
written atomically, never over one of the inputs; CSV text cells that a spreadsheet would run
as a formula are neutralised (:func:`factlib.cli.output.safe_cell`).
"""
from __future__ import annotations

import csv
import sys

HELP = "extract numeric claims (jsonl, csv or parquet)"
FORMATS = ("jsonl", "csv", "parquet")


def configure(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs; - reads standard input")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default jsonl)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                        help="extract N files at a time in worker processes (0: one per core; default 1); "
                             "the output is the same, in the same order")
    from factlib.cli.common import add_quiet
    from factlib.run.local import add_arguments

    add_quiet(parser)

    add_arguments(parser)  # --engine, --scheduler, --partitions, --workers, --store, --verify


class _Tally:
    """Counts documents as the loop goes (for the exit status and the summary line)."""

    def __init__(self) -> None:
        self.loaded = self.failed = 0


def _claims(listing, tally: _Tally):
    from factlib.cli.common import print_messages
    from factlib.run.loop import process_all

    for result in process_all(listing):  # which checks for a swallowed Ctrl-C between documents
        print_messages(result.messages())
        if result.ok:
            tally.loaded += 1
            yield from result.claims
        else:
            tally.failed += 1


def _jobs(args, n_sources: int) -> int:
    import os

    jobs = getattr(args, "jobs", 1) or 0
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, n_sources))


def _work(fmt: str, source):
    """In a worker: one file's result (without its claims and document) and its claims as the
    output needs them (JSON lines text, records, or the claims)."""
    from factlib.claims.extract import default_extractor
    from factlib.run.loop import process

    result = process(source, default_extractor())
    claims, result.claims, result.document = result.claims, [], None
    if fmt == "jsonl":
        from factlib.claims.jsonl import claim_line

        payload = "".join(map(claim_line, claims))
    elif fmt == "csv":
        payload = [c.to_record() for c in claims]
    else:
        payload = claims
    return result, len(claims), payload


def _pooled(listing, fmt: str, jobs: int, tally: _Tally):
    """``(count, payload)`` of each file in order, extracted by ``jobs`` worker processes (forked
    after the extractor is built, so they share it instead of each building its own)."""
    import gc
    import multiprocessing as mp
    from functools import partial

    from factlib.claims.extract import default_extractor
    from factlib.cli.common import print_messages
    from factlib.run.interrupt import raise_if_requested

    default_extractor()
    gc.collect()
    gc.freeze()  # the forked workers then share the parent's objects without touching them
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    pool = ctx.Pool(jobs, initializer=_worker_signals)
    try:
        for result, count, payload in pool.imap(partial(_work, fmt), listing.sources, chunksize=1):
            raise_if_requested()  # a Ctrl-C or SIGTERM whose exception the garbage collector swallowed
            print_messages(result.messages())
            if result.ok:
                tally.loaded += 1
                yield count, payload
            else:
                tally.failed += 1
    except BaseException:  # Ctrl-C, SIGTERM, a closed generator: stop the workers at once
        pool.terminate()
        pool.join()
        raise
    pool.close()  # every file is done: the workers leave on the pool's own end-of-work message
    pool.join()


def _worker_signals() -> None:
    """In a worker: SIGTERM kills (the parent's handler, inherited by the fork, turned it into an
    exception that a worker waiting on the task queue might never raise, so ``Pool.terminate``
    could wait for it forever) and Ctrl-C is left to the parent, which stops the workers."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _write_records(records, fmt: str, out) -> int:
    from factlib.claims.record import COLUMNS
    from factlib.cli.output import safe_record

    n = 0
    if fmt == "csv":
        w = csv.DictWriter(out, fieldnames=list(COLUMNS))
        w.writeheader()
        for rec in records:
            w.writerow(safe_record(rec))
            n += 1
    else:  # the bytes of json.dumps per record, by the claims writer's template
        from factlib.claims.jsonl import write_records

        n = write_records(records, out)
    return n


def run(args) -> int:
    from factlib.cli.common import print_summary, sources_for
    from factlib.cli.output import atomic_file, atomic_text
    from factlib.run.local import uses_engine

    if args.format == "parquet" and not args.output:
        print("factlib: --format parquet needs -o FILE", file=sys.stderr)
        return 2
    listing = sources_for(args, check_output=not (args.format == "parquet" and uses_engine(args)
                                                  and not args.store))
    if listing is None:
        return 2
    if uses_engine(args):
        return _run_engine(args, listing)

    tally = _Tally()
    jobs = _jobs(args, len(listing.sources))
    if jobs > 1:
        pooled = _pooled(listing, args.format, jobs, tally)
        claims = (c for _n, batch in pooled for c in batch)
        records = claims
    else:
        claims = _claims(listing, tally)
        records = (c.to_record() for c in claims)
    if args.format == "parquet":
        from factlib.claims.frame import claims_frame

        frame = claims_frame(claims)
        atomic_file(args.output, lambda tmp: frame.to_parquet(tmp, index=False))
        print_summary(listing, tally.loaded, tally.failed, claims=len(frame), quiet=args.quiet)
        return 0 if len(frame) or not tally.failed else 1
    with atomic_text(args.output) as out:
        if args.format == "csv":
            if args.output:  # a CSV file opens in Excel as UTF-8; standard output stays plain for pipes
                out.write("\ufeff")
            n = _write_records(records, "csv", out)
        elif jobs > 1:  # the workers wrote the lines
            n = 0
            for count, text in pooled:
                out.write(text)
                n += count
        else:
            from factlib.claims.jsonl import write_jsonl

            n = write_jsonl(claims, out)  # the bytes of json.dumps, faster
    print_summary(listing, tally.loaded, tally.failed, claims=n, quiet=args.quiet)
    return 0 if n or not tally.failed else 1


def _parquet_folder_problem(folder: str, inputs) -> str | None:
    """Why ``folder`` may not receive a partitioned Parquet output (it is replaced whole)."""
    import os
    import re

    if os.path.exists(folder) and not os.path.isdir(folder):
        return "is a file; a partitioned Parquet output is a folder"
    if not os.path.isdir(folder):
        return None
    ours = re.compile(r"part\.\d+\.parquet|_metadata|_common_metadata")
    others = [f for f in sorted(os.listdir(folder)) if not ours.fullmatch(f)]
    if others:
        return (f"holds files factlib did not write ({', '.join(others[:3])}); "
                "a partitioned Parquet output replaces the folder's contents: choose a new folder")
    return None


def _run_engine(args, listing) -> int:
    """``--engine``/``--store``: claims from :func:`factlib.run.local.extract_frame`."""
    from factlib.claims.record import COLUMNS
    from factlib.cli.common import print_messages, print_summary
    from factlib.cli.output import atomic_file, atomic_text, check_output_file
    from factlib.run.local import extract_frame, write_claims

    if args.format == "parquet" and args.store is None:
        # a folder of Parquet files, written by the workers (or batch by batch)
        problem = _parquet_folder_problem(args.output, listing.paths)
        if problem:
            print(f"factlib: -o {args.output}: {problem}", file=sys.stderr)
            return 2
        n, errors = write_claims(listing, args.output, args.engine, args.scheduler, args.partitions,
                                 workers=args.workers)
        print_messages(errors)
        failed = sum(1 for _, r in errors if not str(r).startswith("warning: "))
        print_summary(listing, len(listing.sources) - failed, failed, claims=n, quiet=args.quiet)
        return 0 if n or not failed else 1
    frame = extract_frame(listing, args.engine, args.scheduler, args.partitions, args.store,
                          workers=args.workers, verify=getattr(args, "verify", False))
    errors = frame.attrs.get("errors", [])
    print_messages(errors + frame.attrs.get("warnings", []))
    print_summary(listing, len(listing.sources) - len(errors), len(errors), claims=len(frame), quiet=args.quiet)
    if args.format == "parquet":
        check_output_file(args.output, listing.paths)
        atomic_file(args.output, lambda tmp: frame.to_parquet(tmp, index=False))
        return 0
    out = frame[list(COLUMNS)]
    records = out.astype(object).where(out.notna(), None).to_dict(orient="records")
    with atomic_text(args.output) as text_out:  # the same writer as the in-process path, so the bytes match
        _write_records(records, args.format, text_out)
    return 0 if len(frame) or not errors else 1
