"""How many claims of the State Council government work reports get a metric key (issue 15).

    python benchmarks/indicator_coverage.py [--shared /work/shared] [--years 2014-2025]
                                            [--sample benchmarks/indicator_sample.tsv]

The corpus file ``zh-hans-gov-work-reports.txt`` holds the reports one paragraph per line; each
report ends just before the NPC resolution approving it (``第十四届全国人民代表大会第三次会议听取和
审议了…``), whose session gives the report's year.  Every report is extracted as its own document
dated YYYY-03-05.  Printed: claims of kind count / amount / percent / growth_rate, how many have a
metric key, the share, and the keys most used.  ``--sample`` writes a seeded random sample of 100
keyed claims (key, phrase, claim, sentence) for judgement by hand.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = ("count", "amount", "percent", "growth_rate")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# first year of each National People's Congress term (session n is held in first + n - 1)
_TERM_START = {"十": 2003, "十一": 2008, "十二": 2013, "十三": 2018, "十四": 2023}
_RESOLUTION = re.compile(r"^第(十[一二三四]?)届全国人民代表大会第(.)次会议听取")


def shared_dir(arg: str | None) -> Path:
    return Path(arg or os.environ.get("FACTLIB_SHARED") or ROOT.parent / "shared")


def split_reports(path: Path) -> dict[int, str]:
    """Report year -> text (paragraphs joined by newlines), for the reports of 2004 onwards."""
    out: dict[int, str] = {}
    block: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _RESOLUTION.match(line)
        if m and m.group(1) in _TERM_START:
            year = _TERM_START[m.group(1)] + _CN_DIGITS[m.group(2)] - 1
            text = "\n".join(block).strip()
            if len(text) > 2000:  # 2020: the corpus holds the resolution but not the report
                out[year] = text
            block = []
        else:
            block.append(line)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", help="the shared folder (default ../shared or $FACTLIB_SHARED)")
    ap.add_argument("--years", default="2014-2025")
    ap.add_argument("--sample", help="write a random sample of 100 keyed claims to this TSV")
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args(argv)

    from factlib.claims.frame import claims_frame
    from factlib.documents.load import document_from_text

    corpus = shared_dir(args.shared) / "corpus" / "zh-hans-gov-work-reports.txt"
    if not corpus.is_file():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    first, last = (int(y) for y in args.years.split("-"))
    reports = {y: t for y, t in split_reports(corpus).items() if first <= y <= last}
    docs = [document_from_text(t, id=f"gwr{y}", date=f"{y}-03-05", title=f"{y}年政府工作报告")
            for y, t in sorted(reports.items())]
    claims = claims_frame(docs)
    sel = claims[claims["kind"].isin(KINDS)]
    keyed = sel[sel["metric_key"].fillna("") != ""]
    print(f"reports: {', '.join(str(y) for y in sorted(reports))}")
    print(f"claims of kind {'/'.join(KINDS)}: {len(sel):,}; with a metric key: {len(keyed):,} "
          f"({len(keyed) / max(1, len(sel)):.1%})")
    for kind in KINDS:
        k = sel[sel["kind"] == kind]
        print(f"  {kind:12s} {len(k):5d} claims, {int((k['metric_key'] != '').sum()):5d} keyed")
    top = Counter(keyed["metric_key"]).most_common(25)
    print("most used keys: " + ", ".join(f"{k} {n}" for k, n in top))
    if args.sample:
        rows = list(keyed.itertuples(index=False))
        random.Random(args.seed).shuffle(rows)
        with open(args.sample, "w", encoding="utf-8") as fh:
            fh.write("n\tdoc\tmetric_key\tmetric_phrase\tkind\tsurface\tperiod\tsentence\n")
            for n, r in enumerate(rows[:100], 1):
                sentence = re.sub(r"\s+", " ", r.sentence)[:160]
                fh.write(f"{n}\t{r.doc_id}\t{r.metric_key}\t{r.metric}\t{r.kind}\t{r.surface}\t{r.period}\t{sentence}\n")
        print(f"sample of {min(100, len(rows))} keyed claims written to {args.sample}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
