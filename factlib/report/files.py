"""Atomic file writes, safe file names and the manifest of an output folder.

A report file only ever appears under its final name complete: it is written to a
temporary name in the same folder (``.NAME.tmp-PID-RANDOM``), flushed, then renamed
with :func:`os.replace`, which is atomic on POSIX and Windows.  A failed or interrupted
write removes its temporary file; only a process killed outright (SIGKILL) leaves one,
and a later run removes only the temporary files of its own processes
(:func:`remove_stale_temporaries` with ``pids``).

Every output folder holds a manifest (:class:`Manifest`, ``.factlib-manifest.json``): the
files factlib wrote there.  A run refuses a folder holding anything else unless forced, and
the document walker never reads a folder with a manifest back as documents.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path

from factlib.documents.load import MANIFEST_NAME

__all__ = [
    "MANIFEST_NAME", "TMP_MARK", "Manifest", "OutputFolderError", "atomic_write", "atomic_write_with",
    "remove_stale_temporaries", "safe_name", "temp_path",
]

TMP_MARK = ".tmp-"
_OUR_TMP = re.compile(r"^\..+\.tmp-(\d+)-[0-9a-f]+$")


def _tmp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def temp_path(path: str | os.PathLike[str]) -> str:
    """The temporary name a file is written under before it is renamed to ``path``."""
    return str(_tmp_path(Path(path)))


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


def remove_stale_temporaries(folder: str | os.PathLike[str], pids: Iterable[int] | None = None) -> int:
    """Delete factlib's temporary files under ``folder`` (``.NAME.tmp-PID-HEX`` exactly; a user's
    ``.backup.tmp-2023`` is not one) — only those of the processes ``pids`` when given (a run
    passes its own and its workers'); return how many."""
    n = 0
    root = Path(folder)
    if not root.is_dir():
        return 0
    wanted = None if pids is None else {int(p) for p in pids}
    for f in root.rglob(f".*{TMP_MARK}*"):
        m = _OUR_TMP.match(f.name)
        if m is None or (wanted is not None and int(m[1]) not in wanted):
            continue
        if f.is_file() and not f.is_symlink():
            f.unlink(missing_ok=True)
            n += 1
    return n


class OutputFolderError(RuntimeError):
    """The output folder holds files factlib did not write (and the run was not forced)."""


class Manifest:
    """The files factlib wrote in an output folder (``.factlib-manifest.json``, relative paths)."""

    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)
        self.path = self.folder / MANIFEST_NAME
        self.files: set[str] = set()
        self.existed = self.path.is_file()
        if self.existed:
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self.files = {str(f) for f in data.get("files", []) if isinstance(f, str)}
            except (OSError, ValueError, AttributeError):
                self.files = set()

    def foreign(self) -> list[str]:
        """Files in the folder (recursively) that factlib did not write, sorted."""
        out = []
        if not self.folder.is_dir():
            return out
        for dirpath, dirs, files in os.walk(self.folder):
            dirs.sort()
            for name in sorted(files):
                rel = Path(os.path.relpath(os.path.join(dirpath, name), self.folder)).as_posix()
                if rel == MANIFEST_NAME or rel in self.files or _OUR_TMP.match(name):
                    continue
                out.append(rel)
        return out

    def claim(self, force: bool = False) -> None:
        """Make the folder ours: refuse (:class:`OutputFolderError`) when it holds files factlib did
        not write, unless ``force``; then write the manifest (before any output is written)."""
        foreign = self.foreign()
        if foreign and not force:
            shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
            raise OutputFolderError(
                f"{self.folder}: holds {len(foreign)} file(s) factlib did not write ({shown}); "
                "choose a new or empty folder, or pass --force to write beside them")
        self.folder.mkdir(parents=True, exist_ok=True)
        self.save()

    def add(self, paths: Iterable[str | os.PathLike[str]]) -> None:
        for p in paths:
            if p is None:
                continue
            p = Path(p)
            under = self.folder.parts
            if p.is_absolute() or (under and under != (".",) and p.parts[:len(under)] == under):
                # absolute, or relative to the working directory like the folder itself
                # (``reports/demo/claims.csv`` for the folder ``reports/demo``)
                rel = os.path.relpath(os.path.abspath(p), os.path.abspath(self.folder))
            else:  # relative to the folder (``document/x.html``)
                rel = str(p)
            self.files.add(Path(rel).as_posix())

    def save(self) -> None:
        from factlib import __version__

        payload = {"written_by": f"factlib {__version__}", "files": sorted(self.files)}
        atomic_write(self.path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")


_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)])


def safe_name(name: str, max_len: int = 80) -> str:
    """A file-name stem from untrusted ``name`` that is safe on any file system: word characters,
    '.', '-' only, no leading dot, no trailing dot, no Windows device name (``CON``, ``nul.txt``),
    at most ``max_len`` characters and 200 UTF-8 bytes.

    Names that had to change get a short hash so two different names never collide, and so do
    names with capitals, which would meet their lower-case twin on a case-insensitive disk.
    """
    cleaned = re.sub(r"[^\w.-]", "_", name, flags=re.UNICODE).lstrip(".").rstrip(".") or "_"
    reserved = cleaned.split(".")[0].lower() in _RESERVED
    too_long = len(cleaned) > max_len or len(cleaned.encode("utf-8")) > 200
    if cleaned != name or too_long or reserved or cleaned != cleaned.lower():
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        short = cleaned[:max_len]
        while len(short.encode("utf-8")) > 200:
            short = short[:-1]
        cleaned = f"{short}-{digest}"
    return cleaned
