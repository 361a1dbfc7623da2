"""Atomic file writes and safe file names for report output.

A report file only ever appears under its final name complete: it is written to a
temporary name in the same folder (``.NAME.tmp-PID-RANDOM``), flushed, then renamed
with :func:`os.replace`, which is atomic on POSIX and Windows.  An interrupted run
leaves at worst a stray temporary file, which :func:`remove_stale_temporaries` sweeps.
"""
from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path

__all__ = ["TMP_MARK", "atomic_write", "atomic_write_with", "remove_stale_temporaries", "safe_name"]

TMP_MARK = ".tmp-"


def _tmp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def atomic_write_with(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` and move the result to ``path`` atomically.

    For writers that insist on a file name (``DataFrame.to_parquet``).  The temporary
    file is removed when ``write`` fails.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_path(path)
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def atomic_write(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` atomically."""
    payload = data.encode("utf-8") if isinstance(data, str) else data

    def write(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            fh.write(payload)

    return atomic_write_with(path, write)


def remove_stale_temporaries(folder: str | os.PathLike[str]) -> int:
    """Delete temporary files an interrupted run left under ``folder``; return how many."""
    n = 0
    root = Path(folder)
    if not root.is_dir():
        return 0
    for f in root.rglob(f".*{TMP_MARK}*"):
        if f.is_file():
            f.unlink(missing_ok=True)
            n += 1
    return n


def safe_name(name: str, max_len: int = 80) -> str:
    """A file-name stem from untrusted ``name``: word characters, '.', '-' only.

    Names that had to change get a short hash so two different names never collide.
    """
    cleaned = re.sub(r"[^\w.-]", "_", name, flags=re.UNICODE).lstrip(".") or "_"
    if cleaned != name or len(cleaned) > max_len:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        cleaned = f"{cleaned[:max_len]}-{digest}"
    return cleaned
