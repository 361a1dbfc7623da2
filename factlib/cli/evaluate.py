"""``factlib evaluate GOLD.jsonl [--show N] [--min-f1 X]``: score extraction against your own annotations.

The gold schema and the matching rules are those of :mod:`factlib.claims.evaluate`.  Exit status 1 when
F1 is below ``--min-f1``.
"""
from __future__ import annotations

import sys

HELP = "score extraction against a hand-annotated gold JSONL"


def configure(parser) -> None:
    parser.add_argument("gold", metavar="GOLD.jsonl", help="hand-annotated sentences (see factlib.claims.evaluate)")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="list N misses and N extras")
    parser.add_argument("--min-f1", type=float, default=0.0, metavar="X", help="exit 1 when F1 < X")
    parser.add_argument("--planted", action="store_true",
                        help="also run the checks on the items with a planted wrong figure and say how many are caught")


def run(args) -> int:
    from factlib.claims.evaluate import evaluate, load_gold

    try:
        gold = load_gold(args.gold)
    except (OSError, ValueError) as exc:
        print(f"factlib: {args.gold}: {exc}", file=sys.stderr)
        return 2
    score = evaluate(gold)
    print(score.table(args.show))
    if args.planted:
        from factlib.run.planted import planted_report

        rep = planted_report(gold)
        print(f"planted={rep['planted']} contradicted={len(rep['caught'])} "
              f"false_contradicted_elsewhere={len(rep['false_alarms'])}")
        for doc_id, surface, verdicts in rep["missed"][:args.show]:
            print(f"PLANTED-MISSED {doc_id} {surface} {','.join(verdicts)}")
        for doc_id, surface, expl in rep["false_alarms"][:args.show]:
            print(f"PLANTED-FALSE {doc_id} {surface} {expl}")
    return 0 if score.f1 >= args.min_f1 else 1
