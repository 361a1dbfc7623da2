"""Work done once per machine instead of once per process: compiled regular expressions and
tables derived from Unicode data, kept in a user cache folder.

Start-up of ``factlib extract`` compiles a few large generated patterns (the metric lexicon,
the non-claim mask, the number scan: about 0.2 s of CPU together) and builds an NFKC code-point
table (0.1 s).  Both depend only on their inputs, so they are kept on disk and read back:

* :func:`compile` returns exactly what :func:`re.compile` returns; on a miss it compiles with
  the standard compiler and remembers the compiled code, keyed by the pattern text itself, the
  flags, the Python version and the regex engine's version (``_sre.MAGIC``).  The cache is one
  file written atomically when the process exits, and only when something new was compiled.
* :func:`built` pickles nothing: it stores a value made of bytes, strings, numbers, lists,
  tuples and dicts with :mod:`marshal` (no code runs when it is read back), keyed by a name and
  the caller's key (for Unicode tables the ``unicodedata`` version).

The folder is ``$FACTLIB_CACHE_DIR``, else ``$XDG_CACHE_HOME/factlib``, else
``~/.cache/factlib``; ``FACTLIB_CACHE_DIR=off`` (or an unwritable folder) turns the cache off
and everything is computed as before.  A cache file that is missing, truncated, from another
Python or otherwise unreadable is ignored (and rewritten).  Nothing here changes a result.

The folder stays bounded: every kind of file (``regex``, ``memo``, ``numbers``, one per
:func:`built` name) is named ``<kind>-<version tag>.marshal``, and writing one deletes the older
versions of its kind beyond the :data:`KEEP` most recently used (a file's modification time is
renewed when a process reads it), plus temporary files left for over an hour by a process that
died while writing.  Each store holds a bounded number of entries, so the folder is at most
``KEEP`` versions of a few bounded files.  Two processes may share the folder: files are
written to a temporary name and renamed into place, and a file deleted under a reader is only a
miss for it.
"""
from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import sys
import tempfile
from array import array
from pathlib import Path

__all__ = ["cache_dir", "cached_re", "code_hash", "compile", "memo", "built", "package_hash", "shelf"]

_VERSION = 1  # of the file layout
KEEP = 3  # versions kept of each kind of file: the one just written and the two most recently used
_STALE_TMP = 3600  # seconds after which a temporary file is a dead writer's leftover


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    env = os.environ.get("FACTLIB_CACHE_DIR")
    if env is not None:
        return None if env.strip().lower() in ("", "0", "off", "no", "false") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factlib"


def _write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        return  # a read-only home, a full disk: the cache is an optimisation only
    _prune(path)


def _kind_of(name: str) -> tuple[str, str] | None:
    """(kind, version tag) of a cache file name ``<kind>-<hex tag>.marshal``, else None."""
    if not name.endswith(".marshal"):
        return None
    kind, _, tag = name[:-len(".marshal")].rpartition("-")
    if not kind or not tag or any(c not in "0123456789abcdef" for c in tag):
        return None
    return kind, tag


def _prune(written: Path) -> None:
    """Delete the versions of ``written``'s kind beyond the :data:`KEEP` most recently used, and
    stale temporary files of that kind.  Best effort: another process may delete the same files
    (or be reading one: on POSIX its open file stays readable; elsewhere the read fails and is
    a miss)."""
    mine = _kind_of(written.name)
    if mine is None:
        return
    import time

    versions = []
    try:
        with os.scandir(written.parent) as entries:
            for entry in entries:
                name = entry.name
                if name == written.name or not name.startswith(mine[0] + "-"):
                    continue
                try:
                    mtime = entry.stat().st_mtime
                except OSError:
                    continue
                if name.endswith(".tmp"):  # <kind>-<tag>.marshal<random>.tmp (see _write_atomic)
                    kind = _kind_of(name.split(".marshal", 1)[0] + ".marshal")
                    if kind is not None and kind[0] == mine[0] and time.time() - mtime > _STALE_TMP:
                        _unlink(entry.path)
                    continue
                kind = _kind_of(name)
                if kind is not None and kind[0] == mine[0]:
                    versions.append((mtime, entry.path))
    except OSError:
        return
    versions.sort(reverse=True)
    for _mtime, path in versions[KEEP - 1:]:
        _unlink(path)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _touch(path: Path) -> None:
    """Mark ``path`` as used now (what :func:`_prune` keeps is the most recently used)."""
    try:
        os.utime(path)
    except OSError:
        pass


def _read(path: Path):
    try:
        with open(path, "rb") as fh:
            return marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None


class _Store:
    """A dict kept in one marshal file of the cache folder: read on first use, written back
    (atomically) when the process exits if something was added."""

    def __init__(self, name: str, limit: int, key: str = ""):
        self.name, self.limit, self.key = name, limit, key
        self._table: dict | None = None
        self._dirty = False

    def path(self) -> Path | None:
        root = cache_dir()
        if root is None:
            return None
        tag = hashlib.sha1(f"{_VERSION}-{_ENGINE or sys.version}-{self.key}".encode()).hexdigest()[:12]
        return root / f"{self.name}-{tag}.marshal"

    def table(self) -> dict:
        if self._table is None:
            path = self.path()
            stored = _read(path) if path is not None else None
            self._table = stored if isinstance(stored, dict) else {}
            if self._table:
                _touch(path)
        return self._table

    def put(self, key, value) -> None:
        self.table()[key] = value
        if not self._dirty:
            self._dirty = True
            atexit.register(self.save)

    def save(self) -> None:
        path = self.path()
        if path is None or not self._dirty or self._table is None:
            return
        table = self._table
        if len(table) > self.limit:  # entries of other versions of the tables: keep the newest
            table = dict(list(table.items())[-self.limit:])
        try:
            data = marshal.dumps(table)
        except ValueError:
            return
        _write_atomic(path, data)
        self._dirty = False


# ---- compiled regular expressions --------------------------------------------------------------

try:  # the engine's internals: the compiled code is a list of integers for _sre.compile
    import _sre
    from re import _compiler, _parser

    _ENGINE = f"{sys.implementation.cache_tag}-{sys.version_info[:3]}-{_sre.MAGIC}-{_sre.CODESIZE}"
    _TYPECODE = {4: "I", 2: "H"}.get(_sre.CODESIZE)
except (ImportError, AttributeError):  # another implementation or layout: plain re.compile
    _sre = None
    _TYPECODE = None
    _ENGINE = ""

_REGEXES = _Store("regex", 2048)  # key -> (pattern, flags, code bytes, groups, groupindex, indexgroup)
_MEMOS = _Store("memo", 4096)     # key -> a value made by a builder


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 (re.compile's twin)
    """``re.compile(pattern, flags)``, with the compiled code read from the cache when this
    Python has compiled the same pattern before (see the module docstring)."""
    flags = int(flags)
    if _TYPECODE is None or not isinstance(pattern, str) or flags & re.DEBUG or cache_dir() is None:
        return re.compile(pattern, flags)
    table = _REGEXES.table()
    key = hashlib.sha1(f"{flags}\x00{pattern}".encode("utf-8", "surrogatepass")).hexdigest()
    entry = table.get(key)
    if entry is not None:
        try:
            stored, sflags, code, groups, groupindex, indexgroup = entry
            if stored == pattern:
                return _sre.compile(pattern, sflags, array(_TYPECODE, code).tolist(), groups, groupindex,
                                    indexgroup)
        except Exception:  # a damaged entry: compile afresh below
            pass
    # what re._compiler.compile does, keeping the code it hands to _sre.compile
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        sflags = flags | parsed.state.flags
        compiled = _sre.compile(pattern, sflags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        packed = array(_TYPECODE, code).tobytes()
    except re.error:
        raise
    except Exception:  # the internals differ from what this module expects
        return re.compile(pattern, flags)
    _REGEXES.put(key, (pattern, sflags, packed, parsed.state.groups - 1, groupindex, tuple(indexgroup)))
    return compiled


#: the :mod:`re` module with :func:`compile` above in place of ``re.compile`` (everything else is
#: re's own): ``from factlib.vocab.cache import cached_re as re`` in a module that compiles many
#: patterns at import or when it builds its tables reads their compiled code from the cache.
cached_re = type(sys)("factlib.vocab.cache.cached_re")
cached_re.__dict__.update({k: v for k, v in vars(re).items() if not k.startswith("__")})
cached_re.compile = compile


def memo(namespace: str, key: str, build):
    """``build()``, or what it returned in an earlier process for the same ``namespace`` and
    ``key`` (a string naming every input ``build`` reads, e.g. a hash of the words it is
    given and of the code that makes the value).  The value must be marshal-able."""
    if cache_dir() is None:
        return build()
    full = f"{namespace}\x00{key}"
    table = _MEMOS.table()
    if full in table:
        return table[full]
    value = build()
    _MEMOS.put(full, value)
    return value


def shelf(name: str, key: str, limit: int = 262144) -> _Store | None:
    """A dict kept in the cache folder under ``name`` for ``key`` (which must name everything its
    values depend on, e.g. :func:`package_hash`): ``.table()`` reads it on first use, ``.put(k, v)``
    adds a marshal-able value, written back when the process exits.  None when caching is off."""
    if cache_dir() is None:
        return None
    return _Store(name, limit, key)


_PACKAGE_HASH: str | None = None


def package_hash() -> str:
    """A hash of factlib's own code and data (every ``.py`` and ``.csv`` file of the package):
    a key for values that depend on much of it (a parsed number depends on the parser, the
    vocabulary tables and the modules they use).  Any edit of the package changes it."""
    global _PACKAGE_HASH
    if _PACKAGE_HASH is None:
        root = Path(__file__).resolve().parent.parent
        h = hashlib.sha1()
        for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".csv") and p.is_file()):
            h.update(str(path.relative_to(root)).encode() + b"\x00")
            try:
                h.update(path.read_bytes())
            except OSError:
                h.update(b"\x01")
        _PACKAGE_HASH = h.hexdigest()
    return _PACKAGE_HASH


def code_hash(*functions) -> str:
    """A hash of the code of ``functions`` (their bytecode, constants and nested functions):
    a memo key part that changes whenever the code that builds a value changes."""
    h = hashlib.sha1()
    for fn in functions:
        h.update(marshal.dumps(fn.__code__))
    return h.hexdigest()


# ---- other derived tables ------------------------------------------------------------------------

def built(name: str, key: str, build):
    """``build()``, or the value it returned in an earlier process for the same ``name`` and
    ``key``.  The value must be marshal-able (bytes, str, numbers, lists, tuples, dicts, sets)."""
    root = cache_dir()
    if root is None:
        return build()
    tag = hashlib.sha1(f"{_VERSION}\x00{sys.version_info[:2]}\x00{key}".encode()).hexdigest()[:16]
    path = root / f"{name}-{tag}.marshal"
    stored = _read(path)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        _touch(path)
        return stored[1]
    value = build()
    try:
        data = marshal.dumps((key, value))
    except ValueError:
        return value
    _write_atomic(path, data)
    return value
