"""Compare two ``factlib report`` output folders: the same pages, tables and charts?

    .venv/bin/python benchmarks/compare_reports.py OLD_DIR NEW_DIR [--show N]

A speed change to the reports must not change what a reader sees.  Compared, file by file:

* HTML pages, after blanking what differs between any two runs: nbconvert's random cell ids
  (``cell-id=…``), the ``generated in: … s`` line of the index, the numbers of the tables'
  filter controls (a kernel counts them across the notebooks it ran: renumbered in page order)
  and embedded chart images (compared as pictures instead, below);
* chart PNG files (``charts/``) and the charts embedded in the pages: decoded to RGBA pixels
  (a different PNG encoding of the same picture is the same chart);
* CSV tables: byte for byte; executed notebooks (``.ipynb``): their cell sources and outputs,
  without timestamps, cell ids, execution counts and metadata (filter numbers renumbered);
* Parquet files and ``manifest`` files are not compared (the CSVs hold the same tables).

Prints one line per file that differs and a count; exit status 1 when any differs.  A script
that prints figures, never a test.
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import re
import sys
from pathlib import Path

_CELL_ID = re.compile(r'cell-id=[0-9a-f-]+')
_GENERATED = re.compile(r"generated in: [0-9.]+ s")
#: a kernel numbers the filter controls of its tables in the order it draws them, across notebooks
_FILTER = re.compile(r"factlib-filter-(\d+)")
_IMG = re.compile(r'(<img[^>]*src="data:image/png;base64,)([^"]+)(")')


def _pixels(png: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        return im.size.__repr__().encode() + im.convert("RGBA").tobytes()


def _page(text: str) -> tuple[str, list[bytes]]:
    images: list[bytes] = []

    def keep(m: re.Match) -> str:
        images.append(_pixels(base64.b64decode(m.group(2))))
        return m.group(1) + "IMG" + m.group(3)

    text = _IMG.sub(keep, text)
    text = _CELL_ID.sub("cell-id=X", text)
    text = _GENERATED.sub("generated in: X s", text)
    return _renumber(text), images


def _renumber(text: str) -> str:
    """Filter control numbers in the order they first appear on the page (1, 2, …)."""
    seen: dict[str, int] = {}
    return _FILTER.sub(lambda m: f"factlib-filter-#{seen.setdefault(m.group(1), len(seen) + 1)}", text)


def _notebook(raw: bytes) -> object:
    nb = json.loads(raw)
    cells = []
    for c in nb.get("cells", []):
        outputs = []
        for o in c.get("outputs", []) or []:
            o = dict(o)
            data = dict(o.get("data") or {})
            if "image/png" in data:  # the picture, not its encoding
                png = data["image/png"]
                png = base64.b64decode("".join(png) if isinstance(png, list) else png)
                data["image/png"] = hashlib.sha1(_pixels(png)).hexdigest()
            o["data"] = data
            o.pop("execution_count", None)
            outputs.append(o)
        cells.append((c.get("cell_type"), c.get("source"), outputs))
    return _renumber(json.dumps(cells, sort_keys=True))


def differs(a: Path, b: Path) -> str | None:
    """Why the two files differ (None: the same)."""
    ra, rb = a.read_bytes(), b.read_bytes()
    if ra == rb:
        return None
    suffix = a.suffix.lower()
    if suffix == ".html":
        pa, ia = _page(ra.decode("utf-8"))
        pb, ib = _page(rb.decode("utf-8"))
        if pa != pb:
            i = next((k for k, (x, y) in enumerate(zip(pa, pb)) if x != y), min(len(pa), len(pb)))
            return f"page text differs at character {i}: {pa[max(0, i - 60):i + 60]!r} vs {pb[max(0, i - 60):i + 60]!r}"
        if ia != ib:
            return f"embedded charts differ ({len(ia)} vs {len(ib)} images, pixels compared)"
        return None
    if suffix == ".png":
        return None if _pixels(ra) == _pixels(rb) else "chart pixels differ"
    if suffix == ".ipynb":
        return None if _notebook(ra) == _notebook(rb) else "notebook sources or outputs differ"
    return "bytes differ"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    args = ap.parse_args()
    skip = {".parquet"}
    names = sorted({p.relative_to(args.old).as_posix() for p in args.old.rglob("*") if p.is_file()}
                   | {p.relative_to(args.new).as_posix() for p in args.new.rglob("*") if p.is_file()})
    names = [n for n in names if Path(n).suffix not in skip and not Path(n).name.startswith(".")]
    bad = 0
    for name in names:
        a, b = args.old / name, args.new / name
        if not a.is_file() or not b.is_file():
            print(f"{name}: only in {'new' if b.is_file() else 'old'}")
            bad += 1
            continue
        why = differs(a, b)
        if why:
            print(f"{name}: {why}")
            bad += 1
    print(f"{bad} of {len(names)} files differ ({args.old} vs {args.new})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
