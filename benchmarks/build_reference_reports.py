"""Build factlib/data/reference/government_reports.csv: figures stated by the State Council's
government work reports (1979-2025) and the 31 provincial government work reports of 2026.

    python benchmarks/build_reference_reports.py \\
        --national /work/.mirror/aldohemsn+chinese-political-corpora/repo   (git dir; file at the pinned commit)
        --provincial /work/.mirror/johncodes404+china-provincial-gov-reports-2026/repo
        [-o factlib/data/reference/government_reports.csv]

These are primary documents: a report is the issuing government's own statement of the previous
year's figures (GDP, growth, prices, jobs, grain, trade, budget ...), adopted by the people's
congress.  The texts are the ones ``../shared/corpus`` was built from (see its README: Wikisource
pages via aldohemsn/chinese-political-corpora @ 99bc4b0; provincial reports via
johncodes404/china-provincial-gov-reports-2026 @ ad4c815).

How a figure is taken (factlib's own extractor, then rules for this kind of document):
* only the review part of a report (from the heading ``一、…回顾`` to the next top-level heading);
  a report without such headings contributes only claims with an explicit year;
* a claim without a period in the review part is the year before the report (a report delivered in
  March 2019 reviews 2018) -- the release convention of these reports;
* sentences about several years, plans or targets are skipped (五年, 年均, 累计, 以来, 今年, 目标,
  预计, 从…增加到…, “十四五” …), and so are changes (比上年增加…; factlib.figures.trusted);
* the quote is the clause that states the figure, in the report's words.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
NATIONAL_COMMIT = "99bc4b01d11c2b884a83ecc8f966d97e17cd450e"
PROVINCIAL_COMMIT = "ad4c815c4acefe47240a3afaece74e1eb2011dd3"
PROVINCIAL_REPO_URL = "https://github.com/johncodes404/china-provincial-gov-reports-2026/blob/" + PROVINCIAL_COMMIT
HEAD_1 = re.compile(r"^\s*一、")
HEAD_N = re.compile(r"^\s*[二三四五六七八九十]、")
#: a paragraph about several years (the five-year reviews of 2003, 2008, 2013, 2018, 2023 and the
#: "14th Five-Year Plan" reviews of 2026) states no figure of the last year alone
SKIP_PARAGRAPH = re.compile(r"五年|十年|四年|三年|年均|年平均|“十[一二三四五]五”|十[一二三四五]五时期|十[一二三四五]五期间")
#: a clause about plans, targets, cumulative totals or a span of years
SKIP_CLAUSE = re.compile(
    r"累计|以来|今年|明年|今后|预期|目标|力争|计划|拟|预计|争取|期间|分别|"
    r"从[^，。；]{0,40}(?:增加|提高|上升|下降|降低|减少|扩大|增长)(?:到|至)|"
    r"由[^，。；]{0,40}(?:提高|增加|下降|降低|上升|减少)(?:到|至)|[0-9]{4}年(?:至|到|—|-)[0-9]{4}年"
)
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日在")


def git_show(repo: Path, commit: str, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(repo / ".git") if (repo / ".git").exists() else str(repo),
                           "show", f"{commit}:{path}"], check=True, capture_output=True).stdout


def review_span(text: str) -> tuple[int, int] | None:
    """Character span of the review section of a report (from ``一、…回顾`` to the next heading)."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln))
    start = next((i for i, ln in enumerate(lines) if HEAD_1.match(ln) and ("回顾" in ln or "过去" in ln or "总结" in ln)), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if HEAD_N.match(lines[i])), len(lines))
    return offsets[start], offsets[end]


#: 从54万亿元增加到82.7万亿元 in a five-year review: the level at the start and at the end of the span
#: a paragraph about the last year of a several-year review
LAST_YEAR = re.compile(r"去年|过去一年|一年来|上一年")
FROM_TO = re.compile(r"从(?P<a>[^，。；从]{1,40}?)(?:增加|提高|上升|下降|降低|减少|扩大|增长|增至|提升)(?:到|至)(?P<b>[^，。；]{1,30})")


def figures(text: str, *, doc_id: str, year: int, delivered: str, source_name: str, source_url: str,
            area: str) -> pd.DataFrame:
    from factlib.claims.frame import claims_frame
    from factlib.documents.load import document_from_text
    from factlib.figures.trusted import clause_of, rows_from_claims, surface_at

    text = re.sub(r"\n\s*\n+", "\n", text)
    span = review_span(text)
    doc = document_from_text(text, id=doc_id, date=delivered[:10] if len(delivered) >= 10 else f"{year}-03-01")
    claims = claims_frame([doc])
    if claims.empty:
        return claims
    paragraphs = text.splitlines()
    several_years = span is not None and bool(re.search(r"五年|十[一二三四五]五", text[span[0]:span[0] + 60]))
    starts = np.cumsum([0] + [len(p) + 1 for p in paragraphs[:-1]])
    periods, keep, levels = [], [], []
    for r in claims.itertuples(index=False):
        period, ok, level = str(r.period), False, False
        i = max(0, int(np.searchsorted(starts, r.start, side="right")) - 1)
        paragraph = paragraphs[i]
        sentence = str(r.sentence)
        s = surface_at(sentence, str(r.surface))
        lead = sentence.rfind(str(r.metric), 0, s) if r.metric and s >= 0 else -1
        clause = clause_of(sentence, s, s + len(str(r.surface)), lead) if s >= 0 else sentence
        in_review = span is not None and span[0] <= r.start < span[1]
        explicit = str(r.period_basis) == "explicit" and period[:4].isdigit() and int(period[:4]) < year
        m = FROM_TO.search(clause)
        if in_review and m and re.search(r"五年|“十[一二三四五]五”|十[一二三四五]五时期", paragraph) and not re.search(r"年均|累计", clause):
            # a five-year review: 从A…到B gives the level of the first and of the last year
            pos = s - sentence.find(clause) if s >= 0 else -1
            if m.start("a") <= pos < m.end("a"):
                period, ok, level = str(year - 6), True, True
            elif m.start("b") <= pos < m.end("b"):
                period, ok, level = str(year - 1), True, True  # 增加到B: B is a level, not a change
        elif SKIP_CLAUSE.search(clause):
            ok = False
        elif explicit:
            ok = True
        elif in_review and (not period or period.split("/")[0][:4] == str(year - 1) and "/" not in period) \
                and not SKIP_PARAGRAPH.search(paragraph) and (
                not several_years or LAST_YEAR.search(paragraph.replace(str(year - 1) + "年", "去年"))):
            # a review of several years (过去五年, “十四五”时期和2025年): only paragraphs about the last year;
            # a period the extractor read from the context (去年, release convention) is kept when it is
            # that year (2024 or the point 2024-12)
            period, ok = period or str(year - 1), True
        periods.append(period)
        keep.append(ok)
        levels.append(level)
    claims = claims.assign(period=periods)
    if "change" in claims.columns:
        is_level = np.array(levels) & (claims["kind"].astype(str) != "growth_rate").to_numpy()
        claims.loc[is_level, "change"] = "level"
        claims.loc[is_level, "direction"] = ""
    claims = claims[keep]
    rows = rows_from_claims(claims, source_name=source_name, source_url=source_url, published=delivered,
                            tier="primary", certain_periods=False)
    rows["area"] = area
    rows["vintage"] = [("first" if str(p)[:4] == str(year - 1) else "later") for p in rows["period"]]
    return rows


def national(repo: Path) -> pd.DataFrame:
    raw = git_show(repo, NATIONAL_COMMIT, "government_work_reports.jsonl").decode("utf-8")
    out = []
    for line in raw.splitlines():
        d = json.loads(line)
        if d.get("year") in (None, "None") or "决议" in d.get("title", ""):
            continue
        year = int(d["year"])
        if year < 1979:
            continue
        text = d["content"]
        m = DATE.search(text)
        delivered = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m and int(m.group(1)) == year \
            else (f"{year}-03-05" if year >= 1998 else f"{year}-03")
        out.append(figures(
            text, doc_id=f"gwr{year}", year=year, delivered=delivered,
            source_name=f"国务院《{year}年政府工作报告》(State Council, Report on the Work of the Government {year}; Wikisource text)",
            source_url=d["url"], area="CN"))
        print(f"national {year}: {len(out[-1])}", file=sys.stderr)
    return pd.concat(out, ignore_index=True)


def provincial(repo: Path) -> pd.DataFrame:
    from factlib.vocab.areas import default_areas

    areas = default_areas()
    listing = subprocess.run(["git", "--git-dir", str(repo), "ls-tree", "-r", "-z", "--name-only", PROVINCIAL_COMMIT,
                              "output/2026_raw_text/"], check=True, capture_output=True, text=True).stdout.split("\0")
    out = []
    csv.field_size_limit(10**8)
    for path in sorted(p for p in listing if p.endswith("_政府工作报告.csv")):
        data = git_show(repo, PROVINCIAL_COMMIT, path).decode("utf-8-sig")
        row = next(csv.DictReader(io.StringIO(data)))
        province = row["province"]
        code = areas.code_for(province)
        text = row["full_text"]
        m = DATE.search(text)
        delivered = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else row["publish_date"]
        start = text.find("各位代表")
        text = text[start:] if start >= 0 else text
        out.append(figures(
            text, doc_id=f"prov-{code}", year=2026, delivered=delivered,
            source_name=f"{province}人民政府《2026年{province}政府工作报告》(delivered {delivered}; text via johncodes404/china-provincial-gov-reports-2026)",
            source_url=f"{PROVINCIAL_REPO_URL}/{path}", area=code))
        print(f"{province} {code}: {len(out[-1])}", file=sys.stderr)
    return pd.concat(out, ignore_index=True)


HEADER = """# Official figures stated by government work reports (shipped with factlib; issue 15).
# Source: the State Council's government work reports 1979-2025 (Wikisource texts, public domain as
# documents of state organs; via aldohemsn/chinese-political-corpora @ 99bc4b0) and the 31 provincial
# government work reports delivered in January-February 2026 (via johncodes404/china-provincial-gov-
# reports-2026 @ ad4c815).  Built by benchmarks/build_reference_reports.py (factlib's extractor plus
# the rules written there); every row quotes the clause of the report that states the figure.
# Columns: as official_figures.csv (metric_zh, metric_en, period, value, unit, qualifier, source_name,
# source_url, quote, metric_key, kind, unit_code, base_period), plus
#   area       where the figure was measured (factlib/data/areas.csv code: CN, CN-ZJ ...)
#   tier       primary (the issuing government's own document)
#   published  the day the report was delivered (YYYY-MM-DD; YYYY-MM when the text does not say)
#   vintage    first (the report right after the period: the preliminary figure of that time) |
#              later (a later report restating an earlier year)
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--national", type=Path, required=True)
    ap.add_argument("--provincial", type=Path, required=True)
    ap.add_argument("-o", "--output", type=Path,
                    default=ROOT / "factlib" / "data" / "reference" / "government_reports.csv")
    args = ap.parse_args(argv)
    rows = pd.concat([national(args.national), provincial(args.provincial)], ignore_index=True)
    with open(args.output, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        rows.to_csv(fh, index=False, lineterminator="\n")
    print(f"{len(rows)} rows -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
