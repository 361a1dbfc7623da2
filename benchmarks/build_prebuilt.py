"""Build the prebuilt start-up tables shipped in factlib/vocab/prebuilt/ (see factlib/vocab/cache.py).

Usage: python benchmarks/build_prebuilt.py [--check]

A user's first ``factlib extract`` compiles the vocabularies' large generated patterns and builds
the tables derived from them (the non-claim mask, the boilerplate lines in both scripts, the NFKC
table, the word tries): about half a second of CPU that later runs read from the cache folder.
This script runs ``factlib extract`` in a child process with an empty cache folder and the shipped
tables switched off, over text that makes the extractor build everything it builds lazily (the
repository's seeds/ and examples/corpus/, and a few sentences in each language and script
written here), then copies the ``regex`` and ``memo`` stores it wrote into factlib/vocab/prebuilt/
(replacing the files built before for this Python: the file names carry the Python version and
regex engine, so another Python finds no file of its own and builds its tables as before).

Nothing text-dependent is shipped: the stores hold compiled patterns (keyed by their text) and
tables keyed by their inputs and code; parsed numbers and cn2an's readings live in other stores.
An entry whose key no longer matches (a table or pattern edited since) is never used: it only
makes that first run slower, so rerun this script after editing vocabularies or patterns.

``--check`` builds into a temporary folder and reports how many of the entries a fresh build makes
are missing from the shipped files (0 = current), without writing anything.
"""
from __future__ import annotations

import argparse
import marshal
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "factlib" / "vocab" / "prebuilt"
KINDS = ("regex", "memo")

#: short texts in each language and script, so that patterns compiled only for some text are built
SAMPLES = {
    "zh-hans.txt": "截至2022年12月，我国网民规模达10.67亿人，较2021年12月增长3549万，互联网普及率达75.6%。\n"
                   "全年国内生产总值1210207亿元，比上年增长3.0%。其中，第一产业增加值88345亿元，增长4.1%。\n"
                   "据国家统计局发布，今年前三季度社会消费品零售总额约三十二万亿元，同比增长百分之三点五。\n"
                   "一、过去一年的工作\n上世纪80年代以来，粮食产量连续20年增长。2023年5月1日至5日，全国共接待游客2.74亿人次，约为2019年同期的119.09%。\n",
    "zh-hant.txt": "截至2022年12月，我國網民規模達10.67億人，較2021年12月提升3.9個百分點。\n"
                   "香港去年本地生產總值為二萬八千億港元，按年下跌3.5%，失業率為百分之四點三。\n",
    "en.txt": "China's GDP grew by 5.2 percent in 2023 to 126 trillion yuan, the statistics bureau said.\n"
              "About two thirds of the 1.4 billion people, or roughly 930 million, live in cities; "
              "unemployment fell to 5.0% in December, down 0.3 percentage points from a year earlier.\n",
}


def build(folder: Path, seed: str) -> None:
    """Run ``factlib extract`` with an empty cache ``folder`` and no shipped tables, under the
    string hash seed ``seed``, keeping also the patterns libraries compile as they are imported."""
    texts = folder / "texts"
    texts.mkdir(parents=True)
    for name, text in SAMPLES.items():
        (texts / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "FACTLIB_CACHE_DIR": str(folder / "cache"), "FACTLIB_PREBUILT": "off",
           "FACTLIB_PREBUILD": "1", "PYTHONHASHSEED": seed}
    inputs = [str(ROOT / "seeds"), str(ROOT / "examples" / "corpus"), str(texts)]
    # ``-m`` from the repository's root runs this checkout's code, whichever checkout the
    # interpreter's environment has installed
    subprocess.run([sys.executable, "-m", "factlib", "extract", *inputs, "--format", "jsonl"], env=env,
                   check=True, stdout=subprocess.DEVNULL, cwd=ROOT)


def stores(folder: Path) -> dict[str, Path]:
    found = {}
    for kind in KINDS:
        files = sorted(folder.glob(f"{kind}-*.marshal"))
        if len(files) != 1:
            raise SystemExit(f"expected one {kind} store in {folder}, found {[f.name for f in files]}")
        found[kind] = files[0]
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare a fresh build with the shipped files")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        # two builds under different hash seeds: only what both made is shipped (a library may
        # join words in set order, making another pattern in every process)
        build(Path(tmp) / "a", "1")
        build(Path(tmp) / "b", "2")
        fresh = stores(Path(tmp) / "a" / "cache")
        other = stores(Path(tmp) / "b" / "cache")
        for kind, path in fresh.items():
            a, b = marshal.loads(path.read_bytes()), marshal.loads(other[kind].read_bytes())
            agreed = {k: v for k, v in a.items() if k in b and b[k] == v}
            if len(agreed) < len(a):
                print(f"{kind}: {len(a) - len(agreed)} entries differ between hash seeds, not shipped")
            path.write_bytes(marshal.dumps(agreed))
        if args.check:
            stale = 0
            for kind, path in fresh.items():
                new = marshal.loads(path.read_bytes())
                shipped_path = TARGET / path.name
                old = marshal.loads(shipped_path.read_bytes()) if shipped_path.exists() else {}
                missing = [k for k, v in new.items() if old.get(k) != v]
                stale += len(missing)
                print(f"{kind}: {len(new)} entries built, {len(missing)} not shipped ({shipped_path.name})")
            return 1 if stale else 0
        TARGET.mkdir(exist_ok=True)
        for kind, path in fresh.items():
            for old in TARGET.glob(f"{kind}-*.marshal"):
                if old.name != path.name:
                    print(f"keeping {old.name} (another Python's)")
            shutil.copyfile(path, TARGET / path.name)
            print(f"wrote {TARGET / path.name}: {len(marshal.loads(path.read_bytes()))} entries, "
                  f"{path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
