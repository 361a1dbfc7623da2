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

    python -m factlib.t2s_table > factlib/data/t2s_changing.csv
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import numpy as np

from factlib.tables import read_table

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
    print("# is (factlib/t2s_table.py explains why that is exact). Generated from the dictionaries of the")
    print("# OpenCC version in the first column: `python -m factlib.t2s_table > factlib/data/t2s_changing.csv`.")
    print("# Columns: opencc (version), chars (a run of characters; order does not matter).")
    print("opencc,chars")
    for i in range(0, len(chars), _ROW):
        part = chars[i:i + _ROW]
        print(f'{version},"{part}"' if any(c in part for c in ',"') else f"{version},{part}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
