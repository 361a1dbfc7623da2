"""Benchmark of factlib.claims.numbers: parse_number calls/second and NUMBER_RE scan speed.

Takes 10,000 number tokens found by NUMBER_RE in the simplified-Chinese government work reports of
the shared benchmark corpus (NFKC-normalised, as in a document's norm view) and times
``parse_number`` on them, cold (cache cleared before each pass) and warm (cached). Prints figures;
asserts nothing.

    .venv/bin/python benchmarks/bench_numbers.py [CORPUS_FILE]
"""
from __future__ import annotations

import random
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

from factlib.claims.numbers import NUMBER_RE, _parse_cached, clear_cache, parse_number

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "zh-hans-gov-work-reports.txt"


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.exists():
        print(f"corpus file not found: {path}", file=sys.stderr)
        return 2
    norm = unicodedata.normalize("NFKC", path.read_text(encoding="utf-8"))
    number = re.compile(NUMBER_RE)

    t0 = time.perf_counter()
    found = [m.group(0) for m in number.finditer(norm)]
    scan = time.perf_counter() - t0
    speed = len(norm) / scan / 1e6
    print(f"NUMBER_RE scan: {len(norm):,} chars, {len(found):,} tokens, {speed:.1f} M chars/s")

    rng = random.Random(0)
    tokens = rng.sample(found, 10_000) if len(found) > 10_000 else found
    kinds = Counter("ascii" if t.isascii() else "mixed" if re.search(r"\d", t) else "chinese" for t in tokens)
    print(f"sample: {len(tokens):,} tokens ({dict(kinds)}), {len(set(tokens)):,} distinct")

    repeats = 5
    cold = []
    for _ in range(repeats):
        clear_cache()
        t0 = time.perf_counter()
        for t in tokens:
            parse_number(t)
        cold.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    for _ in range(repeats):
        for t in tokens:
            parse_number(t)
    warm = (time.perf_counter() - t0) / repeats
    unique = list(dict.fromkeys(tokens))
    parse = _parse_cached.__wrapped__  # the parser without its cache
    t0 = time.perf_counter()
    for t in unique:
        parse(t)
    uncached = time.perf_counter() - t0
    ascii_tokens = [t for t in unique if t.isascii()]
    t0 = time.perf_counter()
    for t in ascii_tokens:
        parse(t)
    ascii_time = time.perf_counter() - t0
    none = sum(parse_number(t) is None for t in tokens)
    print(f"parse_number, cache cleared per pass (best of {repeats}): {len(tokens) / min(cold):,.0f} calls/s")
    print(f"parse_number, warm cache:                   {len(tokens) / warm:,.0f} calls/s")
    print(f"uncached parser on {len(unique):,} distinct tokens: {len(unique) / uncached:,.0f} calls/s "
          f"(ASCII fast path alone: {len(ascii_tokens) / ascii_time:,.0f} calls/s)")
    print(f"tokens that are not numbers (None): {none} ({none / len(tokens):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
