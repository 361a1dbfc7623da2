"""What several commands share: one line per failed file, the closing summary, ``--reference``,
standard input as a PATH (``-``)."""
from __future__ import annotations

import contextlib
import sys

__all__ = ["STDIN_NAME", "add_quiet", "display_path", "print_messages", "print_summary", "reference_from_args",
           "standard_input", "warn_load_error"]

#: the file name standard input is spooled to: its document id is ``stdin``
STDIN_NAME = "stdin.txt"
#: how messages and ``factlib docs`` name standard input
STDIN_LABEL = "<stdin>"
_SPOOLED: dict[str, str] = {}  # temporary file -> STDIN_LABEL


def display_path(path) -> str:
    """``path`` as the user named it (``<stdin>`` for the temporary copy of standard input)."""
    return _SPOOLED.get(str(path), str(path))


@contextlib.contextmanager
def standard_input(args):
    """Replace a PATH ``-`` in ``args.paths`` by a temporary file holding standard input (read
    once, at most the loader's byte cap + 1, so an endless stream is refused as too large like a
    file); the file is named :data:`STDIN_NAME`, so the document id is ``stdin``.  Removed on exit."""
    paths = getattr(args, "paths", None)
    if not paths or "-" not in paths:
        yield args
        return
    import os
    import shutil
    import tempfile

    from factlib.documents.load import MAX_BYTES

    if getattr(args, "store", None):
        raise SystemExit(_usage_exit("standard input (-) cannot go into a claim store; save it to a file first"))
    folder = tempfile.mkdtemp(prefix="factlib-stdin-")
    target = os.path.join(folder, STDIN_NAME)
    try:
        with open(target, "wb") as out:
            source = sys.stdin.buffer
            left = MAX_BYTES + 1
            while left > 0:
                chunk = source.read(min(left, 1 << 20))
                if not chunk:
                    break
                out.write(chunk)
                left -= len(chunk)
        _SPOOLED[target] = STDIN_LABEL
        args.paths = [target if p == "-" else p for p in paths]
        yield args
    finally:
        _SPOOLED.pop(target, None)
        shutil.rmtree(folder, ignore_errors=True)


def _usage_exit(message: str) -> int:
    print(f"factlib: {message}", file=sys.stderr)
    return 2


def add_quiet(parser) -> None:
    """``-q/--quiet``: no closing summary line (messages about files are still printed)."""
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no summary line on standard error (problems with files are still reported)")


def warn_load_error(path: str, reason: str) -> None:
    """``factlib: PATH: REASON`` on standard error (one line, no traceback)."""
    print(f"factlib: {display_path(path)}: {reason}", file=sys.stderr)


def print_messages(pairs) -> None:
    """One line per ``(path, reason)`` (errors, and warnings whose reason starts with ``warning:``)."""
    for path, reason in pairs:
        warn_load_error(path, reason)


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary_line(listing=None, loaded: int | None = None, failed: int = 0, *, claims: int | None = None,
                 findings=None, seconds: float | None = None) -> str:
    """The closing line: ``factlib: 5 documents, 1 failed, 1,234 claims, 7 findings (1 contradicted,
    2 needs_review, 4 consistent); skipped 3 not a text document (…); 1.2 s``.

    ``loaded`` None: the count is unknown (an engine reads the files); ``findings``: the verdict
    column (any iterable of verdicts), counted in the order of the verdict scale."""
    parts = []
    if loaded is not None:
        parts.append(_count(loaded, "document"))
    if failed:
        parts.append(f"{failed:,} failed")
    if claims is not None:
        parts.append(_count(claims, "claim"))
    if findings is not None:
        from collections import Counter

        from factlib.checks.verdicts import RANK

        counts = Counter(str(v) for v in findings)
        order = sorted(counts, key=lambda v: (RANK.get(v, len(RANK)), v))
        detail = ", ".join(f"{counts[v]:,} {v}" for v in order)
        total = sum(counts.values())
        parts.append(_count(total, "finding") + (f" ({detail})" if detail else ""))
    line = ", ".join(parts)
    skipped = listing.summary() if listing is not None else None
    if skipped:
        line = f"{line}; {skipped}" if line else skipped
    if seconds is None:
        import time

        from factlib import cli

        seconds = time.perf_counter() - cli.STARTED
    return f"factlib: {line}; {seconds:.1f} s" if line else f"factlib: {seconds:.1f} s"


def print_summary(listing=None, loaded: int | None = None, failed: int = 0, *, claims: int | None = None,
                  findings=None, quiet: bool = False) -> None:
    """Print :func:`summary_line` on standard error (every run; ``--quiet`` only when something
    failed or was skipped)."""
    if quiet and not failed and not (listing is not None and listing.summary()):
        return
    print(summary_line(listing, loaded, failed, claims=claims, findings=findings), file=sys.stderr)


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
