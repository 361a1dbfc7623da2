"""``factlib check PATH...``: load documents, extract their claims, cross-check them, print findings.

Standard output receives one JSON object per finding (``--format jsonl``, the default) or a CSV
table; ``-o FILE`` writes there instead (atomically).  The shipped official figures are used unless
``--no-default-reference``; ``--reference CSV`` (repeatable) adds tables of the same schema.
"""
from __future__ import annotations

import json
import math
import os
import sys
import tempfile

HELP = "cross-check claims and print findings"


def configure(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="documents: files, folders or globs")
    parser.add_argument("--reference", action="append", default=[], metavar="CSV",
                        help="an extra reference table (same columns as the shipped official_figures.csv)")
    parser.add_argument("--no-default-reference", action="store_true",
                        help="do not use the shipped official figures")
    parser.add_argument("--trusted", action="append", default=[], metavar="RELEASE",
                        help="a document you trust (an official release on disk): its claims become reference "
                             "figures, the sentence as the quote (repeatable)")
    parser.add_argument("--check", action="append", default=None, metavar="NAME",
                        help="run only this check (repeatable); default: all registered checks")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    from factlib.run.local import add_arguments

    add_arguments(parser)  # --engine, --scheduler, --partitions, --workers, --store


def _clean(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def render(findings, fmt: str) -> str:
    """Findings as JSON lines or CSV text, in the nested layout (``observed``/``expected`` objects,
    ``evidence`` as ``[{doc_id, start, end}]``) rendered from the findings' flat columns."""
    from factlib.checks.findings import NESTED_COLUMNS, nested_records

    records = nested_records(findings)
    if fmt == "csv":
        import pandas as pd

        frame = pd.DataFrame(records, columns=list(NESTED_COLUMNS))
        for column in ("claim_ids", "doc_ids", "observed", "expected", "evidence"):
            frame[column] = [json.dumps(_clean(v), ensure_ascii=False) for v in frame[column]]
        return frame.to_csv(index=False)
    lines = [json.dumps(_clean(rec), ensure_ascii=False) for rec in records]
    return "".join(line + "\n" for line in lines)


def _write(text: str, path: str | None) -> None:
    if not path:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".factlib-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def run(args) -> int:
    from factlib.run.local import run_check, uses_engine

    if uses_engine(args):
        return run_check(args, render, _write)
    from factlib.checks import check
    from factlib.claims.frame import claims_frame
    from factlib.cli.common import reference_from_args, warn_load_error
    from factlib.documents.load import LoadError, iter_documents

    docs, failed = [], 0
    for item in iter_documents(args.paths):
        if isinstance(item, LoadError):
            failed += 1
            warn_load_error(item.path, item.reason)
        else:
            docs.append(item)
    if not docs:
        print("factlib: no documents loaded", file=sys.stderr)
        return 1
    reference = reference_from_args(args)
    if reference is None:
        return 2
    claims = claims_frame(docs)
    try:
        findings = check(claims, reference=reference, checks=args.check, documents=docs)
    except KeyError as exc:
        print(f"factlib: {exc.args[0]}", file=sys.stderr)
        return 2
    _write(render(findings, args.format), args.output)
    return 0
