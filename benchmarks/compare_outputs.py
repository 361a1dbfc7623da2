"""Save or compare `factlib extract` and `factlib check` outputs (jsonl) on the seeds and on every
file of ../shared/corpus/ (when present), to show that a refactoring changed nothing.

    python benchmarks/compare_outputs.py save  DIR [--shared /work/shared]  # write DIR/<name>.extract.jsonl / .check.jsonl
    python benchmarks/compare_outputs.py check DIR [--shared /work/shared]  # run again into a temp dir and diff against DIR

The shared folder is ``--shared``, else ``$FACTLIB_SHARED``, else ``../shared`` beside the repository.

Exit status 1 when any output differs; the differing files are listed with their first differing line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("FACTLIB_SHARED") or ROOT.parent / "shared") / "corpus"
FACTLIB = [str(Path(sys.executable).parent / "factlib")]


def inputs() -> dict[str, list[str]]:
    runs = {"seeds": [str(ROOT / "seeds")]}
    if CORPUS.is_dir():
        for path in sorted(CORPUS.glob("*.txt")):
            runs[path.stem] = [str(path)]
    return runs


def run_one(name: str, paths: list[str], out: Path) -> None:
    for command in ("extract", "check"):
        target = out / f"{name}.{command}.jsonl"
        with target.open("wb") as fh:
            subprocess.run([*FACTLIB, command, *paths, "--format", "jsonl"], stdout=fh,
                           stderr=subprocess.DEVNULL, check=False, cwd=ROOT)


def save(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda item: run_one(item[0], item[1], out), inputs().items()))


def first_difference(a: Path, b: Path) -> str:
    with a.open("rb") as fa, b.open("rb") as fb:
        for number, (la, lb) in enumerate(zip(fa, fb), 1):
            if la != lb:
                return f"line {number}:\n  - {la[:300]!r}\n  + {lb[:300]!r}"
    return "different lengths"


def compare(reference: Path) -> int:
    fresh = Path(tempfile.mkdtemp(prefix="factlib-compare-"))
    try:
        save(fresh)
        bad = 0
        for old in sorted(reference.glob("*.jsonl")):
            new = fresh / old.name
            if not new.exists() or new.read_bytes() != old.read_bytes():
                bad += 1
                print(f"DIFFERS {old.name}: {first_difference(old, new) if new.exists() else 'missing'}")
            else:
                print(f"same    {old.name}")
        print(f"{bad} of {len(list(reference.glob('*.jsonl')))} outputs differ")
        return 1 if bad else 0
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


if __name__ == "__main__":
    if "--shared" in sys.argv:
        at = sys.argv.index("--shared")
        CORPUS = Path(sys.argv[at + 1]) / "corpus"
        del sys.argv[at:at + 2]
    if len(sys.argv) != 3 or sys.argv[1] not in {"save", "check"}:
        sys.exit(__doc__)
    target = Path(sys.argv[2])
    sys.exit(save(target) if sys.argv[1] == "save" else compare(target))
