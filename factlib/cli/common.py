"""What several commands share: the one-line load-error message and reading ``--reference``."""
from __future__ import annotations

import sys


def warn_load_error(path: str, reason: str) -> None:
    """``factlib: PATH: REASON`` on standard error (one line, no traceback)."""
    print(f"factlib: {path}: {reason}", file=sys.stderr)


def reference_from_args(args):
    """The reference figures named by ``--reference`` / ``--no-default-reference``, or None
    (after a one-line message) when a CSV cannot be read."""
    from factlib.figures.load import load_reference
    from factlib.vocab.tables import TableError

    try:
        frames = []
        trusted = getattr(args, "trusted", None) or []
        if trusted:
            from factlib.documents.load import LoadError, iter_documents
            from factlib.figures.trusted import trusted_reference

            docs = []
            for item in iter_documents(trusted):
                if isinstance(item, LoadError):
                    warn_load_error(item.path, item.reason)
                else:
                    docs.append(item)
            frames.append(trusted_reference(docs))
        return load_reference(args.reference, include_default=not args.no_default_reference, frames=frames)
    except (OSError, TableError) as exc:
        print(f"factlib: reference: {exc}", file=sys.stderr)
        return None
