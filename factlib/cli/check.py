"""``factlib check PATH...``: load documents, extract their claims, cross-check them, print findings.

Standard output receives one JSON object per finding (``--format jsonl``, the default), a CSV
table or ClaimReview JSON-LD; ``-o FILE`` writes there instead (atomically); ``--format parquet``
(with ``-o``) writes the flat findings frame.  ``-`` as a PATH reads standard input.

Exit status: 0 done; 1 no document could be read; 2 a usage or input error; 3 ``--fail-on
contradicted`` found a contradiction, or ``--fail-on needs_review`` found a contradiction or a
finding for review (the output is written first, so a CI job can keep it).  The shipped official figures are used unless
``--no-default-reference``; ``--reference CSV`` (repeatable) adds tables of the same schema.
"""
from __future__ import annotations

import json
import math
import sys

HELP = "cross-check claims and print findings"
FORMATS = ("jsonl", "csv", "parquet", "claimreview")
#: --fail-on LEVEL -> the verdicts that fail the run
FAIL_ON = {"contradicted": ("contradicted",), "needs_review": ("contradicted", "needs_review")}
EXIT_FINDINGS = 3


def configure(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="documents: files, folders or globs; - reads standard input")
    parser.add_argument("--reference", action="append", default=[], metavar="CSV",
                        help="an extra reference table (same columns as the shipped official_figures.csv)")
    parser.add_argument("--no-default-reference", action="store_true",
                        help="do not use the shipped official figures")
    parser.add_argument("--trusted", action="append", default=[], metavar="RELEASE",
                        help="a document you trust (an official release on disk): its claims become reference "
                             "figures, the sentence as the quote (repeatable)")
    parser.add_argument("--check", action="append", default=None, metavar="NAME",
                        help="run only this check (repeatable); default: all registered checks")
    parser.add_argument("--format", choices=FORMATS, default="jsonl",
                        help="jsonl (default), csv, parquet (the flat findings frame; needs -o), or claimreview: "
                             "schema.org ClaimReview JSON-LD for each contradicted or consistent finding")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    parser.add_argument("--fail-on", choices=FAIL_ON, default=None,
                        help="exit with status 3 when a finding is contradicted (contradicted), or contradicted "
                             "or needs_review (needs_review): for CI jobs")
    from factlib.cli.common import add_quiet
    from factlib.run.local import add_arguments

    add_quiet(parser)

    add_arguments(parser)  # --engine, --scheduler, --partitions, --workers, --store, --verify


def _clean(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def render(findings, fmt: str) -> str:
    """Findings as JSON lines in the nested layout (``observed``/``expected`` objects, ``evidence``
    as ``[{doc_id, start, end}]``) rendered from the findings' flat columns, or as CSV with the
    flat columns themselves (one scalar per cell: no JSON inside cells)."""
    from factlib.checks.findings import nested_records

    if fmt == "claimreview":
        from factlib.report.claimreview import claim_reviews, claim_reviews_json

        return claim_reviews_json(claim_reviews(findings))
    if fmt == "csv":  # the flat columns (as the report's findings.csv), lists joined by "; "
        from factlib.report.tabular import flat_frame, spreadsheet_safe

        return spreadsheet_safe(flat_frame(findings)).to_csv(index=False)  # formula-like text neutralised
    records = nested_records(findings)
    lines = [json.dumps(_clean(rec), ensure_ascii=False) for rec in records]
    return "".join(line + "\n" for line in lines)


def _write(text: str, path: str | None, bom: bool = False) -> None:
    from factlib.cli.output import atomic_text

    with atomic_text(path) as out:
        if bom and path:  # a CSV file opens in Excel as UTF-8; standard output stays plain for pipes
            out.write("\ufeff")
        out.write(text)


def run(args) -> int:
    from factlib.cli.common import display_path, print_messages, print_summary, reference_from_args, sources_for
    from factlib.run.local import uses_engine

    if args.format == "parquet" and not args.output:
        print("factlib: --format parquet needs -o FILE", file=sys.stderr)
        return 2
    listing = sources_for(args)
    if listing is None:
        return 2
    reference = reference_from_args(args)
    if reference is None:
        return 2
    if uses_engine(args):
        return _run_engine(args, listing, reference)
    from factlib.checks import check
    from factlib.claims.frame import claims_frame
    from factlib.run.loop import process_all

    docs, claims, failed = [], [], 0
    for result in process_all(listing, keep_documents=True):
        print_messages(result.messages())
        if result.ok:
            result.document.path = display_path(result.document.path)  # <stdin>, not its temporary copy
            docs.append(result.document)
            claims.extend(result.claims)
        else:
            failed += 1
    if not docs:
        print_summary(listing, 0, failed, claims=0, quiet=args.quiet)
        print("factlib: no documents loaded", file=sys.stderr)
        return 1
    try:
        frame = claims_frame(claims)
        findings = check(frame, reference=reference, checks=args.check, documents=docs)
    except KeyError as exc:
        print(f"factlib: {exc.args[0]}", file=sys.stderr)
        return 2
    if args.format == "claimreview":  # with the claims' sentences and the documents' URLs and titles
        from factlib.report.claimreview import claim_reviews, claim_reviews_json

        _write(claim_reviews_json(claim_reviews(findings, frame, docs, reference)), args.output)
    else:
        _output(findings, args)
    print_summary(listing, len(docs), failed, claims=len(frame), findings=findings["verdict"], quiet=args.quiet)
    return exit_status(findings, args.fail_on)


def exit_status(findings, fail_on: str | None) -> int:
    """3 when ``--fail-on`` names a verdict some finding has, else 0."""
    if fail_on and findings["verdict"].isin(FAIL_ON[fail_on]).any():
        return EXIT_FINDINGS
    return 0


def _output(findings, args) -> None:
    if args.format == "parquet":
        from factlib.cli.output import atomic_file

        atomic_file(args.output, lambda tmp: findings.to_parquet(tmp, index=False))
    else:
        _write(render(findings, args.format), args.output, bom=args.format == "csv")


def _run_engine(args, listing, reference) -> int:
    """``--engine``/``--store``: findings from :func:`factlib.run.local.check_frame`."""
    from factlib.cli.common import print_messages, print_summary
    from factlib.run.local import check_frame

    try:
        findings = check_frame(listing, args.engine, args.scheduler, args.partitions, args.store,
                               reference=reference, checks=args.check, workers=args.workers,
                               verify=getattr(args, "verify", False))
    except (KeyError, ValueError) as exc:
        print(f"factlib: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    errors = findings.attrs.get("errors", [])
    print_messages(errors + findings.attrs.get("warnings", []))
    _output(findings, args)
    claims = findings.attrs.get("n_claims")
    print_summary(listing, len(listing.sources) - len(errors), len(errors),
                  claims=claims if isinstance(claims, int) else None, findings=findings["verdict"], quiet=args.quiet)
    return exit_status(findings, args.fail_on)
