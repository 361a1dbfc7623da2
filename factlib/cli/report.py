"""``factlib report [CORPUS...] [-o reports/] [--jobs N]``: notebooks → HTML reports + index.

Executes the overview, one metric notebook per metric with claims, one alignment per
detected translation pair and one document report per document (papermill
parameters, long-lived kernels in parallel workers), exports each to HTML without
code, and writes ``index.html`` plus the claims and findings as CSV and Parquet.
A file that cannot be read is one line here and an entry on the index; the other
documents get their reports.  The output folder must be new, empty or factlib's own
(``--force`` writes beside other files).  Exit status 1 when any notebook failed (the
index shows which and why).
"""
from __future__ import annotations

import sys

HELP = "run the notebooks over a corpus and write HTML reports"

_KINDS = ("corpus_overview", "metric_crosscheck", "translation_alignment", "document_report")


def configure(parser) -> None:
    parser.add_argument("corpus", nargs="*", default=["seeds"], metavar="CORPUS",
                        help="documents: files, folders or globs (default: seeds/)")
    parser.add_argument("-o", "--output", default="reports", metavar="DIR", help="output folder (default: reports/)")
    parser.add_argument("--force", action="store_true",
                        help="write into an output folder that holds files factlib did not write (they are kept)")
    parser.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                        help="kernels run at once, each driven by a worker thread (default: from the batch's "
                             "size, one per 5 notebooks up to the cores)")
    parser.add_argument("--reference", action="append", default=None, metavar="CSV",
                        help="extra official figures (same schema as the shipped table); repeatable")
    parser.add_argument("--only", action="append", choices=_KINDS, default=None,
                        help="run only these notebooks (repeatable; default: all)")
    parser.add_argument("--notebooks", default=None, metavar="DIR",
                        help="use your own copies of the report notebooks (same names and parameters)")
    parser.add_argument("--no-progress", action="store_true",
                        help="no progress bar (there is none anyway when standard error is not a terminal: "
                             "logs get no carriage-return frames)")
    parser.add_argument("--store", default=None, metavar="PATH",
                        help="claim store (SQLite) to read claims from; only new or changed files are extracted")
    parser.add_argument("--verify", action="store_true",
                        help="with --store: re-hash every file instead of trusting unchanged size and modification time")


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def run(args) -> int:
    from factlib.cli.common import print_messages
    from factlib.report.batch import run_report, skip_css_selectors, skip_uri_grammars

    skip_uri_grammars()  # this process is ours: no URI grammars compiled by `import nbformat`
    skip_css_selectors()  # nor CSS selector patterns compiled by `import bs4` (nbconvert's markdown filter)

    corpus = args.corpus[0] if len(args.corpus) == 1 else list(args.corpus)
    result = run_report(
        corpus,
        args.output,
        jobs=args.jobs,
        reference=args.reference,
        kinds=tuple(args.only) if args.only else _KINDS,
        notebook_folder=args.notebooks,
        progress=not args.no_progress and _is_terminal(sys.stderr),
        store=args.store,
        force=args.force,
        verify=args.verify,
    )
    print_messages(result.load_errors + result.warnings)
    for r in result.failed:
        print(f"factlib report: {r.job.output}: {r.error}", file=sys.stderr)
    if result.load_errors or result.skipped:
        parts = [f"{len(result.load_errors)} file(s) could not be read"] if result.load_errors else []
        parts += [result.skipped] if result.skipped else []
        print("factlib report: " + "; ".join(parts), file=sys.stderr)
    print(f"factlib report: {result.summary()}", file=sys.stderr)
    print(f"factlib report: open {result.index}", file=sys.stderr)
    return 0 if result.ok else 1
