"""How much of other projects' test data factlib gets right (issue 14): prints the figures.

    python benchmarks/peer_suites.py [--show]

* quantulum3's English quantities spec (tests/data/quantulum3_en_quantities.json): value recall,
  an expected quantity counting as found when a claim of its sentence has its value or, for a range,
  its midpoint.
* cn2an's transform pairs (tests/data/cn2an_pairs.jsonl): the share of pairs whose Arabic and
  Chinese sentences give the same claims.

``--show`` lists what is missed.  The rules live in ``tests/peer_support.py`` (shared with the tests).
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import peer_support  # noqa: E402


def main() -> int:
    show = "--show" in sys.argv[1:]
    found = total = 0
    for case in peer_support.quantulum_cases():
        hits = peer_support.quantulum_found(case["req"], case["res"])
        found += sum(hits)
        total += len(hits)
        if show and not all(hits):
            claims = peer_support.claims_of(case["req"], "en")
            missed = [r["surface"] for r, h in zip(case["res"], hits) if not h]
            print(f"MISS {missed} in {case['req']!r}\n     got {[(c.surface, c.value, c.low, c.high) for c in claims]}")
    pairs = peer_support.cn2an_pairs()
    agree = 0
    for rec in pairs:
        ok = peer_support.pair_agrees(rec)
        agree += ok
        if show and not ok:
            print(f"PAIR {rec['arabic']!r}: {peer_support.pair_key(rec['arabic'])}\n"
                  f"     {rec['chinese']!r}: {peer_support.pair_key(rec['chinese'])}")
    print(f"quantulum3 value recall: {found}/{total} = {found / total:.3f}")
    print(f"cn2an pairs agreeing:    {agree}/{len(pairs)} = {agree / len(pairs):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
