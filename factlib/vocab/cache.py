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

A first run needs none of that work for the shipped vocabularies: the package carries the
``regex`` and ``memo`` stores a fresh build of the default extractor writes, in
``factlib/vocab/prebuilt/`` (written by ``benchmarks/build_prebuilt.py``; named like the cache
folder's files, so only the same Python version and regex engine find them).  They are looked up
before the cache folder, and only for exactly the key an entry was made for, so a stale file
costs time, never a result.  ``FACTLIB_PREBUILT=off`` ignores them; ``FACTLIB_CACHE_VERIFY=1``
builds every value read back afresh and raises :class:`VerifyError` if it differs (for tests).

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

__all__ = ["cache_dir", "cached_re", "code_hash", "compile", "import_reading_cache", "memo", "built", "package_hash",
           "shelf"]

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
            data = fh.read()
        # from bytes: marshal.load on a file calls its readinto once per object read (0.1 s for a
        # table of 70,000 strings, against 0.01 s for the same bytes in memory)
        return marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return None


#: Prebuilt stores shipped with the package (``benchmarks/build_prebuilt.py`` writes them): the
#: compiled patterns and memo tables of the default vocabularies, in files named as a cache
#: folder names them, so only a Python with the same version and regex engine finds them.  A
#: lookup tries them first, then the user's cache folder; an entry is used only for exactly the
#: key it was built for (the pattern text; the memo's inputs and code), so a stale file is only
#: slower, never wrong.  ``FACTLIB_PREBUILT=off`` ignores them (and the cache being off does too).
PREBUILT_DIR = Path(__file__).resolve().with_name("prebuilt")
_MISSING = object()


def prebuilt_on() -> bool:
    return os.environ.get("FACTLIB_PREBUILT", "").strip().lower() not in ("0", "off", "no", "false")


class _Store:
    """A dict kept in one marshal file of the cache folder: read on first use, written back
    (atomically) when the process exits if something was added.  ``shipped``: a prebuilt file of
    the same name in :data:`PREBUILT_DIR` is looked up first (see :meth:`get`)."""

    def __init__(self, name: str, limit: int, key: str = "", shipped: bool = False):
        self.name, self.limit, self.key, self.shipped = name, limit, key, shipped
        self._table: dict | None = None
        self._prebuilt: dict | None = None
        self._dirty = False

    def file_name(self) -> str:
        tag = hashlib.sha1(f"{_VERSION}-{_ENGINE or sys.version}-{self.key}".encode()).hexdigest()[:12]
        return f"{self.name}-{tag}.marshal"

    def path(self) -> Path | None:
        root = cache_dir()
        if root is None:
            return None
        return root / self.file_name()

    def prebuilt(self) -> dict:
        """The shipped table (empty when there is none for this Python, or it is switched off)."""
        if self._prebuilt is None:
            stored = _read(PREBUILT_DIR / self.file_name()) if self.shipped and prebuilt_on() else None
            self._prebuilt = stored if isinstance(stored, dict) else {}
        return self._prebuilt

    def get(self, key, default=None):
        """The value stored for ``key``: the shipped table's, else the cache folder's."""
        value = self.prebuilt().get(key, _MISSING)
        if value is _MISSING:
            return self.table().get(key, default)
        return value

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

    def _engine() -> str:
        """The regex engine's code format (``_sre.MAGIC``, code size) and what makes the code of a
        pattern: the source of ``re``'s compiler and parser (the same source compiles every pattern
        to the same code, so every 3.11.x with an unchanged compiler shares a tag, and the
        prebuilt tables) and the Unicode database (case folding); the Python version when the
        source cannot be read."""
        h = hashlib.sha1()
        try:
            for module in (_compiler, _parser, _constants, _casefix):
                with open(module.__file__, "rb") as fh:
                    h.update(fh.read())
            made_by = f"re-{h.hexdigest()[:16]}-{unicodedata.unidata_version}"
        except (OSError, TypeError, AttributeError):
            made_by = str(sys.version_info[:3])
        return f"{sys.implementation.cache_tag}-{made_by}-{_sre.MAGIC}-{_sre.CODESIZE}"

    import unicodedata
    from re import _casefix, _constants

    _ENGINE = _engine()
    _TYPECODE = {4: "I", 2: "H"}.get(_sre.CODESIZE)
except (ImportError, AttributeError):  # another implementation or layout: plain re.compile
    _sre = None
    _TYPECODE = None
    _ENGINE = ""

_REGEXES = _Store("regex", 2048, shipped=True)  # key -> (pattern, flags, code bytes, groups, groupindex, indexgroup)
_MEMOS = _Store("memo", 4096, shipped=True)     # key -> a value made by a builder


def compile(pattern: str, flags: int = 0, keep: bool = True) -> re.Pattern:  # noqa: A001 (re.compile's twin)
    """``re.compile(pattern, flags)``, with the compiled code read from the cache when this
    Python has compiled the same pattern before (see the module docstring).  ``keep=False``: a
    pattern not found is compiled but not added to the cache folder."""
    flags = int(flags)
    if _TYPECODE is None or not isinstance(pattern, str) or flags & re.DEBUG or cache_dir() is None:
        return _re_compile(pattern, flags)
    key = hashlib.sha1(f"{flags}\x00{pattern}".encode("utf-8", "surrogatepass")).hexdigest()
    entry = _REGEXES.get(key)
    if entry is not None:
        try:
            stored, sflags, code, groups, groupindex, indexgroup = entry
            if stored == pattern:
                if _verifying():
                    _check(f"regex {pattern[:80]!r}", entry, _fresh(pattern, flags)[1])
                return _sre.compile(pattern, sflags, array(_TYPECODE, code).tolist(), groups, groupindex,
                                    indexgroup)
        except VerifyError:
            raise
        except Exception:  # a damaged entry: compile afresh below
            pass
    try:
        compiled, entry = _fresh(pattern, flags)
    except re.error:
        raise
    except Exception:  # the internals differ from what this module expects
        return _re_compile(pattern, flags)
    if keep:
        _REGEXES.put(key, entry)
    return compiled


def _fresh(pattern: str, flags: int) -> tuple[re.Pattern, tuple]:
    """What re._compiler.compile does, keeping the code it hands to _sre.compile: the pattern and
    its cache entry (pattern, flags, code bytes, groups, groupindex, indexgroup)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    sflags = flags | parsed.state.flags
    compiled = _sre.compile(pattern, sflags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    packed = array(_TYPECODE, code).tobytes()
    return compiled, (pattern, sflags, packed, parsed.state.groups - 1, groupindex, tuple(indexgroup))


class VerifyError(AssertionError):
    """A value read from the cache or the prebuilt tables differs from a fresh build of it."""


def _verifying() -> bool:
    """``FACTLIB_CACHE_VERIFY=1``: every value read back is built afresh too and compared (for
    tests; a stored value that differs raises :class:`VerifyError`)."""
    return os.environ.get("FACTLIB_CACHE_VERIFY", "").strip().lower() in ("1", "yes", "on", "true")


def _check(what: str, stored, fresh) -> None:
    if marshal.loads(marshal.dumps(fresh)) != stored:  # compared in the form a store reads back
        raise VerifyError(f"cached {what} differs from a fresh build")


_re_compile = re.compile  # re's own (the fall-back, also while import_reading_cache replaces it)


def import_reading_cache(name: str):
    """``importlib.import_module(name)`` for a library that compiles its regular expressions as it
    is imported (cn2an builds its patterns at import: a tenth of a second or more): while its modules
    run, ``re.compile`` is :func:`compile` above, which returns the same pattern objects with their
    code read from the cache or the prebuilt tables.  Afterwards ``re.compile`` is re's own again,
    also in the new modules that took it by name (``from re import compile``).  With the cache
    off this is a plain import.

    A pattern not found is compiled as re compiles it and not kept: a library may build a pattern
    that differs in every process (proces joins its city names in set order, which follows the
    string hash seed), and the folder would fill with them.  Only ``benchmarks/build_prebuilt.py``
    keeps them (``FACTLIB_PREBUILD=1``), and ships those two builds under different hash seeds
    agree on."""
    from importlib import import_module

    if name in sys.modules or _TYPECODE is None or cache_dir() is None or re.compile is not _re_compile:
        return import_module(name)
    before = set(sys.modules)
    re.compile = compile if os.environ.get("FACTLIB_PREBUILD") == "1" else _compile_found
    try:
        return import_module(name)
    finally:
        re.compile = _re_compile
        for new in set(sys.modules) - before:
            module = sys.modules.get(new)
            if module is not None and getattr(module, "compile", None) in (compile, _compile_found):
                module.compile = _re_compile


def _compile_found(pattern, flags=0):
    """:func:`compile` that does not add what it had to compile to the cache folder."""
    return compile(pattern, flags, keep=False)


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
    value = _MEMOS.get(full, _MISSING)
    if value is not _MISSING:
        if _verifying():
            _check(f"memo {namespace}", value, build())
        return value
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
    a memo key part that changes whenever the code that builds a value changes.  Where the code
    lies is left out (its file name and first line: a marshalled code object holds both), so a
    checkout in another folder or an installed copy finds the same prebuilt tables."""
    h = hashlib.sha1()
    for fn in functions:
        h.update(marshal.dumps(_placeless(fn.__code__)))
    return h.hexdigest()


def _placeless(code):
    """``code`` and the code objects among its constants with no file name and first line 1."""
    consts = tuple(_placeless(c) if isinstance(c, type(code)) else c for c in code.co_consts)
    return code.replace(co_filename="", co_firstlineno=1, co_consts=consts)


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
