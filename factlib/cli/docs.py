"""``factlib docs PATH...``: load documents and print one JSON line of metadata each."""
from __future__ import annotations

import json
import sys

HELP = "load documents and print one JSON line of metadata each"


def configure(parser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs; - reads standard input")
    parser.add_argument("--strict", action="store_true", help="exit non-zero when any document fails to load")
    from factlib.cli.common import add_quiet

    add_quiet(parser)


def run(args) -> int:
    from factlib.cli.common import display_path, print_messages, print_summary
    from factlib.documents.load import list_sources
    from factlib.run.loop import process_all

    listing = list_sources(args.paths)
    loaded = failed = 0
    out = sys.stdout
    for result in process_all(listing, extract=False, keep_documents=True):
        print_messages(result.messages())
        if not result.ok:
            failed += 1
            continue
        loaded += 1
        s = result.document.summary()
        line = {k: s[k] for k in ("id", "path", "title", "date", "lang", "encoding", "n_chars", "n_sentences", "sha256")}
        line["path"] = display_path(line["path"])
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        out.flush()
    print_summary(listing, loaded, failed, quiet=args.quiet)
    return exit_status(loaded, failed, args.strict)


def exit_status(loaded: int, failed: int, strict: bool) -> int:
    """0 when at least one document loaded (and, with --strict, none failed)."""
    if loaded == 0:
        if failed == 0:
            print("factlib: no documents found", file=sys.stderr)
        return 1
    if strict and failed:
        return 1
    return 0
