"""What several commands share: one line per failed file, the closing summary, ``--reference``."""
from __future__ import annotations

import sys

__all__ = ["print_messages", "print_summary", "reference_from_args", "warn_load_error"]


def warn_load_error(path: str, reason: str) -> None:
    """``factlib: PATH: REASON`` on standard error (one line, no traceback)."""
    print(f"factlib: {path}: {reason}", file=sys.stderr)


def print_messages(pairs) -> None:
    """One line per ``(path, reason)`` (errors, and warnings whose reason starts with ``warning:``)."""
    for path, reason in pairs:
        warn_load_error(path, reason)


def print_summary(listing=None, loaded: int | None = None, failed: int = 0) -> None:
    """The closing line when a file failed or was skipped: ``factlib: 8 documents, 2 failed;
    skipped 3 not a text document (…)``.  Nothing when every named file was read."""
    skipped = listing.summary() if listing is not None else None
    if not failed and not skipped:
        return
    parts = []
    if loaded is not None:
        parts.append(f"{loaded} document{'s' if loaded != 1 else ''} read, {failed} failed")
    elif failed:
        parts.append(f"{failed} failed")
    if skipped:
        parts.append(skipped)
    print("factlib: " + "; ".join(parts), file=sys.stderr)


def reference_from_args(args):
    """The reference figures named by ``--reference`` / ``--no-default-reference``, or None
    (after a one-line message) when a CSV cannot be read."""
    from factlib.figures.load import load_reference
    from factlib.vocab.tables import TableError

    try:
        frames = []
        trusted = getattr(args, "trusted", None) or []
        if trusted:
            from factlib.figures.trusted import trusted_reference
            from factlib.run.loop import process_all

            docs = []
            for result in process_all(trusted, extract=False, keep_documents=True):
                print_messages(result.messages())
                if result.ok:
                    docs.append(result.document)
            frames.append(trusted_reference(docs))
        return load_reference(args.reference, include_default=not args.no_default_reference, frames=frames)
    except (OSError, TableError, ValueError) as exc:
        print(f"factlib: reference: {exc}", file=sys.stderr)
        return None


def sources_for(args, check_output: bool = True):
    """The documents listed by ``args.paths`` (``-o`` excluded), or None after one line on standard
    error when ``--scheduler`` lacks ``--engine dask`` or ``-o`` names a file factlib must not write."""
    from factlib.cli.output import OutputError, check_output_file
    from factlib.documents.load import list_sources

    if getattr(args, "engine", "pandas") != "dask" and getattr(args, "scheduler", None):
        print("factlib: --scheduler needs --engine dask", file=sys.stderr)
        return None
    listing = list_sources(args.paths, exclude=[args.output] if args.output else ())
    if args.output and check_output:
        try:
            check_output_file(args.output, listing.paths)
        except OutputError as exc:
            print(f"factlib: {exc}", file=sys.stderr)
            return None
    return listing
