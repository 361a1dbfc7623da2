"""Where the commands write: ``-o`` checked first, files written atomically, spreadsheet-safe CSV.

- :func:`check_output_file` refuses an output that is a folder or one of the inputs (``factlib
  extract doc.txt -o doc.txt`` must not truncate the document it reads) and creates a missing
  parent folder;
- :func:`atomic_text` yields a text stream whose file appears under its final name only when
  complete (a temporary file in the same folder, then :func:`os.replace`); a crash or an error
  leaves the old file as it was and removes the temporary one;
- :func:`safe_cell` neutralises CSV text cells a spreadsheet would run as a formula (leading
  ``= + - @``, tab or carriage return get a leading apostrophe); numbers and numeric text such as
  ``-3.5`` or ``+12%`` stay as they are.
"""
from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator

from factlib.report.files import atomic_write_with, temp_path
from factlib.report.tabular import safe_cell, safe_record

__all__ = ["OutputError", "atomic_file", "atomic_text", "check_output_file", "safe_cell", "safe_record"]


class OutputError(ValueError):
    """An ``-o`` the command refuses; ``str(e)`` is the one-line message."""


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def check_output_file(path: str, inputs: Iterable[str] = ()) -> str:
    """``path`` if a command may write its output there (else :class:`OutputError`); its missing
    parent folders are created."""
    if os.path.isdir(path):
        raise OutputError(f"-o {path}: is a folder; give a file name (e.g. {os.path.join(path, 'claims.jsonl')})")
    if os.path.exists(path):
        for f in inputs:
            if _same_file(path, f):
                raise OutputError(f"-o {path}: is one of the input documents; refusing to write over it")
    parent = os.path.dirname(os.path.abspath(path))
    if os.path.exists(parent) and not os.path.isdir(parent):
        raise OutputError(f"-o {path}: {parent} is a file, not a folder")
    try:
        os.makedirs(parent, exist_ok=True)
    except OSError as e:
        raise OutputError(f"-o {path}: cannot create the folder {parent}: {e.strerror or e}") from None
    return path


@contextlib.contextmanager
def atomic_text(path: str | None) -> Iterator:
    """A text stream to ``path`` written atomically (standard output when ``path`` is None)."""
    if not path:
        yield sys.stdout
        sys.stdout.flush()
        return
    tmp = temp_path(path)
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_file(path: str, write) -> None:
    """``write(tmp_path)`` then move to ``path`` atomically (writers that want a file name: Parquet)."""
    atomic_write_with(path, write)
