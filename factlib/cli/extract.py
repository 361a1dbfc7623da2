"""``factlib extract PATH... [--format jsonl|csv|parquet] [-o FILE]``: one record per claim.

PATH are files, folders or globs.  A document that cannot be loaded (or, exceptionally, whose
extraction fails) gets a one-line error on standard error naming the file; the others go on.
Without ``-o`` records go to standard output (jsonl or csv; parquet needs ``-o``).
"""
from __future__ import annotations

import csv
import sys

HELP = "extract numeric claims (jsonl, csv or parquet)"
FORMATS = ("jsonl", "csv", "parquet")


def configure(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
    parser.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (default jsonl)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    from factlib.run.local import add_arguments

    add_arguments(parser)  # --engine, --scheduler, --partitions, --workers, --store


def _claims(paths, errors: list[str]):
    from factlib.cli.common import warn_load_error
    from factlib.documents.load import LoadError, iter_documents
    from factlib.claims.extract import default_extractor

    extractor = default_extractor()
    for item in iter_documents(paths):
        if isinstance(item, LoadError):
            errors.append(item.path)
            warn_load_error(item.path, item.reason)
            continue
        try:
            claims = extractor.extract(item)
        except Exception as exc:  # one bad document must not stop a batch
            errors.append(item.path)
            print(f"factlib: {item.path}: extraction failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        yield from claims


def run(args) -> int:
    from factlib.claims.record import COLUMNS
    from factlib.run.local import run_extract, uses_engine

    if uses_engine(args):
        return run_extract(args)

    errors: list[str] = []
    n = 0
    if args.format == "parquet":
        if not args.output:
            print("factlib: --format parquet needs -o FILE", file=sys.stderr)
            return 2
        from factlib.claims.frame import claims_frame

        claims_frame(_claims(args.paths, errors)).to_parquet(args.output, index=False)
        return 0
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        if args.format == "csv":
            w = csv.DictWriter(out, fieldnames=list(COLUMNS))
            w.writeheader()
            for c in _claims(args.paths, errors):
                w.writerow(c.to_record())
                n += 1
        else:
            from factlib.claims.jsonl import write_jsonl

            n = write_jsonl(_claims(args.paths, errors), out)  # the bytes of json.dumps, faster
    finally:
        if args.output:
            out.close()
    return 0 if n or not errors else 1
