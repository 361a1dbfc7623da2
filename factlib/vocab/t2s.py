"""Which characters OpenCC's traditional → simplified conversion can change.

Most text that goes through ``t2s`` is already simplified, and converting it is pure cost.  A
character can only come out different if some dictionary entry rewrites it: a single-character
entry (``國`` → ``国``) or a phrase entry in which it is one of the characters that change
(``瞭解`` → ``了解`` changes ``瞭``; a phrase that changes length counts all its characters).
OpenCC converts a text segment by segment, each segment an entry or a character left as it is,
so a line without any such character converts to itself and can be skipped.

The set depends on OpenCC's dictionaries, so it is shipped for one OpenCC version
(``data/t2s_changing.csv``); with any other version :func:`changing_table` returns ``None`` and
every line is converted, as before.  Regenerate the table with the installed OpenCC::

    python -m factlib.vocab.t2s > factlib/data/t2s_changing.csv
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

from factlib.vocab.tables import read_table

__all__ = ["changing_chars", "changing_table", "characters_from_dictionaries", "opencc_version"]

_ROW = 60  # characters per row of the shipped table


def opencc_version() -> str:
    """The installed OpenCC's version."""
    import opencc

    return str(getattr(opencc, "__version__", ""))


@lru_cache(maxsize=1)
def changing_chars() -> frozenset[str] | None:
    """The characters t2s may change; ``None`` when the shipped table was made for another
    OpenCC version (then nothing may be skipped)."""
    rows = read_table("t2s_changing", required=("opencc", "chars"))
    if not rows or any(r["opencc"] != opencc_version() for r in rows):
        return None
    return frozenset("".join(r["chars"] for r in rows))


@lru_cache(maxsize=1)
def changing_table() -> np.ndarray | None:
    """:func:`changing_chars` as a boolean table over code points (for whole texts)."""
    chars = changing_chars()
    if chars is None:
        return None
    table = np.zeros(0x110000, dtype=np.bool_)
    table[[ord(c) for c in chars]] = True
    return table


def _dictionaries(config: dict) -> list[str]:
    """The dictionary files of an OpenCC configuration, in its normalisation and conversion steps."""
    out: list[str] = []

    def walk(d: dict) -> None:
        if d.get("type") == "group":
            for sub in d.get("dicts", []):
                walk(sub)
        elif "file" in d:
            out.append(d["file"])

    for step in config.get("normalization", []) + config.get("conversion_chain", []):
        walk(step.get("dict", {}))
    return out


def characters_from_dictionaries() -> set[str]:
    """The characters the installed OpenCC's ``t2s`` may change, from its own dictionaries
    (dumped to text with the ``opencc_dict`` tool that ships with the ``opencc`` wheel)."""
    import opencc

    share = Path(opencc.__file__).parent / "clib" / "share" / "opencc"
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    config = json.loads((share / "t2s.json").read_text(encoding="utf-8"))
    chars: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        for name in _dictionaries(config):
            out = Path(tmp) / (Path(name).stem + ".txt")
            subprocess.run([str(tool), "-i", str(share / name), "-o", str(out), "-f", "ocd2", "-t", "text"],
                           check=True, capture_output=True)
            for line in out.read_text(encoding="utf-8").splitlines():
                key, _, values = line.partition("\t")
                value = values.split(" ")[0]  # the first candidate is the one OpenCC uses
                if value == key:
                    continue
                if len(value) == len(key):
                    chars.update(a for a, b in zip(key, value) if a != b)
                else:
                    chars.update(key)
    return chars


def main() -> int:
    chars = "".join(sorted(characters_from_dictionaries()))
    version = opencc_version()
    print("# Characters that OpenCC's t2s (traditional -> simplified) conversion may change: those that")
    print("# its dictionaries rewrite, alone or inside a phrase. A line without any of them is left as it")
    print("# is (factlib/vocab/t2s.py explains why that is exact). Generated from the dictionaries of the")
    print("# OpenCC version in the first column: `python -m factlib.vocab.t2s > factlib/data/t2s_changing.csv`.")
    print("# Columns: opencc (version), chars (a run of characters; order does not matter).")
    print("opencc,chars")
    for i in range(0, len(chars), _ROW):
        part = chars[i:i + _ROW]
        print(f'{version},"{part}"' if any(c in part for c in ',"') else f"{version},{part}")
    return 0


# --- the converter -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def to_simplified(s: str) -> str:
    """Traditional → simplified (OpenCC t2s).  Lone surrogates (undecodable input kept by
    ``surrogateescape``) become U+FFFD one for one, so lengths are unchanged.

    Only the lines holding a character that t2s may change are converted (``t2s_table``: the
    result is the same, and text that is already simplified costs one table look-up)."""
    if not s:
        return s
    if len(s) <= _SHORT:  # a phrase: a set test is cheaper than the table over code points
        chars = changing_chars()
        if chars is not None and chars.isdisjoint(s):
            return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s
        return _convert(s)
    table = changing_table()
    if table is None:
        return _convert(s)
    if _SURROGATE.search(s):
        s = _SURROGATE.sub("\ufffd", s)  # what converting the whole text would have done
    # lines holding a hit, merged into chunks (a line break is in no dictionary entry, so
    # converting a chunk of lines is converting each of its lines); the code points are looked
    # at a block at a time and a chunk holds at most _MAX_CHUNK characters, so the transient
    # memory stays bounded (a 50 MB text converted in one call took 8 times its size)
    out: list[str] = []
    pos = 0  # end of what is written
    c0 = c1 = -1  # the chunk being gathered
    for base in range(0, len(s), _BLOCK):
        codes = np.frombuffer(s[base:base + _BLOCK].encode("utf-32-le", "surrogatepass"), dtype="<u4")
        hits = np.flatnonzero(np.take(table, codes))
        del codes
        if c1 > base:
            hits = hits[hits >= c1 - base]
        for p in (hits + base).tolist():
            if p < c1:
                continue
            ls = s.rfind("\n", 0, p) + 1
            le = s.find("\n", p)
            le = len(s) if le < 0 else le
            if c1 >= 0 and ls - c1 <= _CHUNK_GAP and le - c0 <= _MAX_CHUNK:
                c1 = le
                continue
            if c1 >= 0:
                out.append(s[pos:c0])
                out.append(_convert(s[c0:c1]))
                pos = c1
            c0, c1 = ls, le
    if c1 < 0:
        return s
    out.append(s[pos:c0])
    out.append(_convert(s[c0:c1]))
    out.append(s[c1:])
    return "".join(out)


_SHORT = 1024  # texts up to this long (phrases, sentences) skip t2s by a set test (faster than the table)

# a hit line this close to the chunk before joins it (one call into OpenCC costs about as much as
# converting 60 characters)
_CHUNK_GAP = 256
_MAX_CHUNK = 1 << 16  # characters converted in one call at most (whole lines; a longer line alone)
_BLOCK = 1 << 20  # code points looked up per numpy pass


def _convert(s: str) -> str:
    try:
        return _t2s().convert(s)
    except UnicodeEncodeError:
        return _t2s().convert(_SURROGATE.sub("\ufffd", s))


if __name__ == "__main__":
    sys.exit(main())
