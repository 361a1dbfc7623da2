"""Build factlib/data/reference/government_reports.csv: figures stated by the State Council's
government work reports (1954-2025) and the 31 provincial government work reports of 2026.

    python benchmarks/build_reference_reports.py \\
        --national /work/.mirror/aldohemsn+chinese-political-corpora/repo   (git dir; file at the pinned commit)
        --provincial /work/.mirror/johncodes404+china-provincial-gov-reports-2026/repo
        [-o factlib/data/reference/government_reports.csv]
    python benchmarks/build_reference_reports.py --sample benchmarks/reference_rows_sample.tsv
        (a seeded random sample of 100 rows of the table, for judging by hand)

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
* a 分别 list pairs its subjects with its figures in order when they pair one to one (respective());
* the reports before 1979 are read by the same rules (their review has no standard heading, so most of
  their rows are figures dated by a year the text names);
* the quote is the clause that states the figure, in the report's words.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
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
    r"累计|合计|总计|情况下|以来|今年|明年|今后|预期|目标|力争|计划|拟|预计|争取|期间|分别|"
    r"从[^，。；]{0,40}(?:增加|提高|上升|下降|降低|减少|扩大|增长)(?:到|至)|"
    r"由[^，。；]{0,40}(?:提高|增加|下降|降低|上升|减少)(?:到|至)|[0-9]{4}年(?:至|到|—|-)[0-9]{4}年"
)
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日在")


def git_show(repo: Path, commit: str, path: str) -> bytes:
    return subprocess.run(["git", "--git-dir", str(repo / ".git") if (repo / ".git").exists() else str(repo),
                           "show", f"{commit}:{path}"], check=True, capture_output=True).stdout


REVIEW_HEAD = re.compile(r"回顾|过去|总结|成就|一年来|进展|成效")


def review_span(text: str, *, opening: bool = False) -> tuple[int, int] | None:
    """Character span of the review section of a report (from ``一、…回顾`` to the next heading).
    ``opening``: a report without such a heading (some provincial reports open with the review and
    number only their tasks) has its review from the start to its first top-level heading."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln))
    start = next((i for i, ln in enumerate(lines) if HEAD_1.match(ln) and REVIEW_HEAD.search(ln[:40])), None)
    if start is None:
        if not opening:
            return None
        end = next((i for i in range(len(lines)) if HEAD_1.match(lines[i]) or HEAD_N.match(lines[i])), len(lines))
        return (0, offsets[end]) if end > 0 else None
    end = next((i for i in range(start + 1, len(lines)) if HEAD_N.match(lines[i])), len(lines))
    return offsets[start], offsets[end]


#: 从54万亿元增加到82.7万亿元 in a five-year review: the level at the start and at the end of the span
#: a paragraph about the last year of a several-year review
LAST_YEAR = re.compile(r"去年|过去一年|过去的一年|一年来|上一年")
#: words that make a clause (or the words before it in its sentence) about several years
MULTI_YEAR = re.compile(r"五年|十年|四年|三年|两年|年均|年平均|每年|逐年|连续|“十[一二三四五]五”|十[一二三四五]五(?:时期|期间)|以来|累计")


SALUTATION = re.compile(r"^\s*各位代表[！!：:，,]\s*")


FIVE_YEARS_NEXT = re.compile(r"(?:五年来|这五年|过去五年|“十[一二三四五]五”(?:时期|期间|以来))")


def _second(paragraph: str) -> str:
    """The sentence after the lead."""
    parts = re.split(r"[。；：！]", SALUTATION.sub("", paragraph), maxsplit=2)
    return parts[1].strip() if len(parts) > 1 else ""


def _lead(paragraph: str) -> str:
    """The first sentence of a paragraph, after a salutation (各位代表！2025年是“十四五”收官之年。五年来…)."""
    return re.split(r"[。；：！]", SALUTATION.sub("", paragraph), maxsplit=1)[0][:80]


def last_year_paragraphs(paragraphs: list[str], year: int, several_years: bool) -> list[bool]:
    """Per paragraph: whether it speaks of the year under review (``year - 1``).

    A paragraph whose lead (its first sentence) names that year (去年, 过去一年, 一年来, 2025年) is
    about it; one whose lead speaks of several years (五年来, “十四五”时期, 以来) is not.  In a report
    that reviews several years (过去五年, “十四五”时期和2025年) a paragraph without such words
    belongs to the part it stands in (the five-year part comes first unless a lead says otherwise:
    刚刚过去的2025年… opens the part about the last year); in a report of one year it is about that year."""
    last = str(year - 1) + "年"
    mode = not several_years
    out = []
    for paragraph in paragraphs:
        lead = _lead(paragraph).replace(last, "去年")
        if LAST_YEAR.search(lead) and not FIVE_YEARS_NEXT.match(_second(paragraph)):
            # 2025年是“十四五”收官之年。五年来…: the year named as the plan's last opens the five-year part
            mode = True
            out.append(True)
        elif MULTI_YEAR.search(lead):
            if several_years:
                mode = False
            out.append(False)
        else:
            out.append(mode)
    return out


#: characters between a metric phrase and its number (突破2万亿元、达到 …) beyond which the number may be
#: another thing's (外贸进出口在对美贸易下降超3成的情况下增长12%)
MAX_GAP = 14
#: what may stand in that gap without counting: other figures with their units and the usual phrases
GAP_NOISE = re.compile(r"[0-9０-９.．]+(?:多)?(?:万亿|亿|万|千)?(?:元|美元|吨|公斤|斤|人|户|家|个|%|％)?|比上年|按可比价格计算|同比|大关|其中")
#: a verb that puts a level at the end of a span (增至, 提高到, 达到, 突破, 超过)
REACHED = re.compile(r"(?:增至|增加到|增加至|提高到|提高至|提升到|提升至|上升到|上升至|扩大到|扩大至|达到|达|突破|超过|跃升至|跃升到|升至)[^，。；、]{0,3}$")
FROM_TO = re.compile(r"(?:从|由)(?P<a>[^，。；从由]{1,40}?)(?:(?:增加|提高|上升|下降|降低|减少|扩大|增长|提升|缩小|跃升)(?:到|至)|增至|降至|升至|减至)(?P<b>[^，。；]{1,30})")
#: a clause that opens with 新增/新建 (新增高新技术企业超6000家、科技型中小企业1.76万家) counts what was
#: added in the year, not the stock
#: a clause about a group of enterprises (省属企业完成产业类投资553.1亿元、研发投入133.5亿元): its figures are
#: the group's, not the area's
SUBGROUP_OPENING = re.compile(r"^(?:其中)?(?:省属|市属|区属|中央|国有|国资|民营|外资|外商投资|私营|重点|龙头)(?:企业|国企)")
NEW_OPENING = re.compile(r"^(?:全年|其中)?(?:新增|新建|新开通|新投产|新认定|新培育|新设|新开工|新改建)")
#: 新增铁路里程1.97万公里，其中高速铁路8951公里: a part (其中) of what was added is added too
PART_OF_NEW = re.compile(r"(?:^|[，；。])(?:全年|其中)?(?:新增|新建|新开通|新投产|新认定|新培育|新设|新开工|新改建)[^，；。]*[，；]其中$")


#: between a stock's phrase and its level: nothing or a verb that states a level
LEVEL_GAP = re.compile(r"(?:总数|总量|数量|规模)?(?:达到|达|超过|超|突破|接近|近|为|增至|增加到|提高到|提升至|提升到|稳定在|保持在|升至|跃升至)?")
#: 生产安全事故起数、死亡人数分别下降9.5%、7.1%: the subjects before 分别 and the figures after it
RESPECTIVE_SPLIT = re.compile(r"、|和|与|以及|及")
RESPECTIVE_LEAD = re.compile(r"^(?:全年|全省|全市|全区|其中|同时|此外)+")
FIGURE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")


def respective(sentence: str, s: int, lexicon) -> tuple[str, str] | None:
    """The subject phrase and metric key of the figure at ``s`` in a 分别 list, when the list
    pairs each subject with one figure in order (as many subjects as figures, every subject a
    metric phrase of its own, no two alike); None when the pairing is not certain (城乡居民人均
    可支配收入分别增长4.4%、5.8%: one phrase, two figures)."""
    a = max((m.end() for m in re.finditer(r"[，,。；;：:！？]", sentence[:s])), default=0)
    e = re.search(r"[，,。；;！？]", sentence[s:])
    b = s + e.start() if e else len(sentence)
    seg = sentence[a:b]
    k = seg.find("分别")
    if k <= 0 or k > s - a:
        return None
    subjects = [RESPECTIVE_LEAD.sub("", x.strip()) for x in RESPECTIVE_SPLIT.split(seg[:k])]
    tokens = [m.start() for m in FIGURE.finditer(seg, k)]
    if len(subjects) == 1 and subjects[0].startswith("城乡") and len(tokens) == 2:
        # 城乡居民人均可支配收入分别增长4.4%、5.8%: urban, then rural
        subjects = ["城镇" + subjects[0][2:], "农村" + subjects[0][2:]]
    if len(subjects) < 2 or len(subjects) != len(tokens) or any(not x for x in subjects):
        return None
    keys = []
    for n, x in enumerate(subjects):
        m = lexicon.match(x)
        if (m is None or not m.exact) and n < len(subjects) - 1:
            # 城镇、农村居民人均可支配收入 / 第一、第三产业增加值: the head the subjects share
            last = subjects[-1]
            for j in range(1, len(last)):
                m = lexicon.match(x + last[j:])
                if m is not None and m.exact:
                    subjects[n] = x + last[j:]
                    break
        if m is None or not m.exact:
            return None
        keys.append(m.key)
    if len(set(keys)) != len(keys):
        return None
    first = next((t for t in tokens if t >= s - a), None)
    if first is None:
        return None
    i = tokens.index(first)
    return subjects[i], keys[i]


def fits_unit(key: str, unit: str, kind: str) -> bool:
    """A number's unit measures what the metric measures (4条高速公路 is no length of high-speed rail):
    the dimensions of the two units agree when both are known (万吨 and 斤 are both masses)."""
    from factlib.vocab.lexicon import default_lexicon
    from factlib.vocab.units import default_units

    codes = default_units().codes
    if kind not in ("count", "amount"):
        return True
    mine, its = codes.get(unit), codes.get(default_lexicon().info(key).unit) if key else None
    return not (mine and its and mine.dimension and its.dimension and mine.dimension != its.dimension)


def figures(text: str, *, doc_id: str, year: int, delivered: str, source_name: str, source_url: str,
            area: str, explain: list | None = None, opening: bool = False) -> pd.DataFrame:
    from factlib.claims.frame import claims_frame
    from factlib.documents.load import document_from_text
    from factlib.figures.trusted import clause_of, rows_from_claims, surface_at
    from factlib.vocab.lexicon import default_lexicon

    lexicon = default_lexicon()

    text = re.sub(r"\n\s*\n+", "\n", text)
    span = review_span(text, opening=opening)
    doc = document_from_text(text, id=doc_id, date=delivered[:10] if len(delivered) >= 10 else f"{year}-03-01")
    claims = claims_frame([doc])
    if claims.empty:
        return claims
    paragraphs = text.splitlines()
    several_years = span is not None and bool(re.search(r"五年|十[一二三四五]五", text[span[0]:span[0] + 60]))
    starts = np.cumsum([0] + [len(p) + 1 for p in paragraphs[:-1]])
    last_year = last_year_paragraphs(paragraphs, year, several_years)
    periods, keep, levels, metrics, keys = [], [], [], [], []
    #: the extractor dates a five-year paragraph's figures by its span (2021/2025); a level reached
    #: at the span's end is the figure of its last year
    span_period = f"{year - 5}/{year - 1}"
    for r in claims.itertuples(index=False):
        period, ok, level = str(r.period), False, False
        i = max(0, int(np.searchsorted(starts, r.start, side="right")) - 1)
        paragraph = paragraphs[i]
        sentence = str(r.sentence)
        s = surface_at(sentence, str(r.surface))
        pair = respective(sentence, s, lexicon) if s >= 0 and "分别" in sentence else None
        if pair is not None:
            # the figure's own subject in a 分别 list (the extractor gives every figure the nearest)
            r = r._replace(metric=pair[0], metric_key=pair[1])
        metrics.append(r.metric)
        keys.append(r.metric_key)
        lead = sentence.rfind(str(r.metric), 0, s) if r.metric and s >= 0 else -1
        clause = clause_of(sentence, s, s + len(str(r.surface)), lead) if s >= 0 else sentence
        gap = GAP_NOISE.sub("", sentence[lead + len(str(r.metric)):s]) if lead >= 0 and s > lead and pair is None else ""
        here = str(getattr(r, "area", "") or "")
        own_area = area == "CN" or here in ("", area) or here == "CN" and str(getattr(r, "area_basis", "")) != "phrase"
        in_review = span is not None and span[0] <= r.start < span[1]
        explicit = str(r.period_basis) == "explicit" and period[:4].isdigit() and int(period[:4]) < year
        m = FROM_TO.search(clause)
        if in_review and m and str(r.kind) != "growth_rate" and not re.search(r"年均|累计", clause) and own_area:
            # 从A增加到B: in a five-year review the level of the year before the span and of its last
            # year; in a review of one year, the level of the year before and of the year under review
            # (a report reviewing several years: only where the paragraph names the five years)
            span_years = 6 if re.search(r"五年|“十[一二三四五]五”|十[一二三四五]五时期", paragraph) else 2
            known = span_years == 6 or (last_year[i] and not several_years)
            pos = s - sentence.find(clause) if s >= 0 else -1
            if m.start("a") <= pos < m.end("a") and known:
                period, ok, level = str(year - span_years), True, True
            elif m.start("b") <= pos < m.end("b") and known:
                period, ok, level = str(year - 1), True, True  # 增加到B: B is a level, not a change
        elif m and str(r.kind) != "growth_rate":
            ok = False  # a from-to outside the review: the years are not known
        elif SKIP_CLAUSE.search(clause.replace("分别", "") if pair is not None else clause) or len(gap) > MAX_GAP or lead < 0 or not fits_unit(r.metric_key, str(r.unit), str(r.kind)) \
                or SUBGROUP_OPENING.search(clause) and not clause.startswith(str(r.metric)) \
                or (NEW_OPENING.search(clause) or clause.startswith("其中") and PART_OF_NEW.search(sentence[:sentence.find(clause) + 2])) \
                and lexicon.measure(r.metric_key) == "stock" and str(r.kind) != "growth_rate":
            ok = False
        elif explicit:
            ok = True
        elif in_review and (not period or period.split("/")[0][:4] == str(year - 1) and "/" not in period) \
                and last_year[i] and not MULTI_YEAR.search(sentence[:sentence.find(clause) + len(clause)]) \
                and not (re.fullmatch(r"\d{4}-\d{2}", period) and lexicon.measure(r.metric_key) != "stock") \
                and own_area:
            # a review of several years (过去五年, “十四五”时期和2025年): only what is said of the last
            # year; a period the extractor read from the context (去年, release convention) is kept when
            # it is that year (2024 or the point 2024-12); a provincial report's figure for the whole
            # country or a city is left out
            period, ok = period or str(year - 1), True
        elif in_review and not last_year[i] and period in (str(year - 1), span_period) \
                and str(r.kind) != "growth_rate" and REACHED.search((clause[:max(0, clause.find(str(r.surface)))] + re.match(r"\D*", str(r.surface)).group())[-8:]) \
                and not MULTI_YEAR.search(clause) and own_area \
                and (lexicon.measure(r.metric_key) == "stock" or str(r.kind) == "percent" or str(r.unit) in ("CNY", "USD")):
            # the five-year part: a level reached at its end (社会消费品零售总额增至2.79万亿元,
            # 森林覆盖率提高到42.5%) is the figure of the last year -- a stock, a share or a money flow;
            # a count of things done (高标准农田达到4808万亩) is a five-year total there
            period, ok = str(year - 1), True
        elif in_review and not last_year[i] and period in (str(year - 1), span_period) \
                and str(r.kind) in ("count", "amount", "percent") and lexicon.measure(r.metric_key) == "stock" \
                and lead >= 0 and 0 <= clause.find(str(r.metric)) <= 3 and LEVEL_GAP.fullmatch(sentence[lead + len(str(r.metric)):s]) \
                and not MULTI_YEAR.search(clause) and own_area:
            # the five-year part: a stock stated as a level (规模以上工业企业接近2万家, 国家高新技术企业
            # 1.9万家) is its level at the end of the span, the year under review
            period, ok = str(year - 1), True
        if explain is not None and r.metric_key and str(r.kind) in ("count", "amount", "percent", "growth_rate"):
            why = ("kept" if ok else "not in review" if not in_review else "plan/total/span" if SKIP_CLAUSE.search(clause)
                   else f"period {period}" if not (not period or period.split("/")[0][:4] == str(year - 1) and "/" not in period)
                   else "from-to" if m and str(r.kind) != "growth_rate"
                   else "unit" if not fits_unit(r.metric_key, str(r.unit), str(r.kind)) else "new" if NEW_OPENING.search(clause)
                   else "metric after number" if lead < 0 else f"gap {gap}" if len(gap) > MAX_GAP
                   else "area " + str(r.area) if not own_area
                   else "several years")
            explain.append((doc_id, why, r.metric_key, r.kind, period, str(r.surface), clause))
        periods.append(period)
        keep.append(ok)
        levels.append(level)
    claims = claims.assign(period=periods, metric=metrics, metric_key=keys)
    if "change" in claims.columns:
        is_level = np.array(levels) & (claims["kind"].astype(str) != "growth_rate").to_numpy()
        claims.loc[is_level, "change"] = "level"
        claims.loc[is_level, "direction"] = ""
    claims = claims[keep]
    if "period_doubt" in claims.columns:
        # a report states a stock for the year under review at its end (外汇储备超过3.2万亿美元): the
        # release convention settles the doubt "a stock dated by a year only (year-end assumed)"
        doubt = claims["period_doubt"].astype(object).fillna("").astype(str)
        claims = claims.assign(period_doubt=doubt.where(~doubt.str.contains("year-end assumed", regex=False), ""))
    rows = rows_from_claims(claims, source_name=source_name, source_url=source_url, published=delivered,
                            tier="primary", certain_periods=False)
    # a number without a unit (新增1个经济总量近千亿…的县市) is not taken as a figure of the metric
    rows = rows[rows["unit_code"].astype(str) != ""].reset_index(drop=True)
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
        text = d["content"]
        m = DATE.search(text)
        delivered = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m and int(m.group(1)) == year \
            else (f"{year}-03-05" if year >= 1998 else f"{year}-03")
        out.append(figures(
            text, doc_id=f"gwr{year}", year=year, delivered=delivered,
            source_name=f"国务院《{year}年政府工作报告》(State Council, Report on the Work of the Government {year}; Wikisource text)",
            source_url=d["url"], area="CN", opening=True))
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
            source_url=f"{PROVINCIAL_REPO_URL}/{path}", area=code, opening=True))
        print(f"{province} {code}: {len(out[-1])}", file=sys.stderr)
    return pd.concat(out, ignore_index=True)


HEADER = """# Official figures stated by government work reports (shipped with factlib; issue 15).
# Source: the State Council's government work reports 1954-2025 (Wikisource texts, public domain as
# documents of state organs; via aldohemsn/chinese-political-corpora @ 99bc4b0) and the 31 provincial
# government work reports delivered in January-February 2026 (via johncodes404/china-provincial-gov-
# reports-2026 @ ad4c815).  Built by benchmarks/build_reference_reports.py (factlib's extractor plus
# the rules written there; one run reproduces this file); every row quotes the clause of the report
# that states the figure.
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
    ap.add_argument("--national", type=Path)
    ap.add_argument("--provincial", type=Path)
    ap.add_argument("-o", "--output", type=Path,
                    default=ROOT / "factlib" / "data" / "reference" / "government_reports.csv")
    ap.add_argument("--sample", type=Path, help="only write a seeded random sample of 100 rows of the output "
                    "(TSV, judgement column empty) for judging by hand")
    ap.add_argument("--seed", type=int, default=20261205)
    args = ap.parse_args(argv)
    if args.sample:
        rows = pd.read_csv(args.output, comment="#", dtype=str, keep_default_na=False)
        # a row is drawn by a hash of its content and the seed, so a rebuild that adds or drops other rows
        # keeps the sample's rows
        digest = [hashlib.sha1(f"{args.seed}\x1f{k}\x1f{p}\x1f{v}\x1f{a}\x1f{q}".encode()).hexdigest()
                  for k, p, v, a, q in zip(rows["metric_key"], rows["period"], rows["value"], rows["area"], rows["quote"])]
        sample = rows.assign(_h=digest).sort_values("_h").head(100).sort_index()
        sample = sample.assign(row=sample.index + 1, judgement="", note="")[
            ["row", "area", "published", "metric_key", "kind", "period", "value", "unit", "qualifier", "vintage",
             "quote", "judgement", "note"]]
        sample.to_csv(args.sample, sep="\t", index=False, lineterminator="\n")
        print(f"{len(sample)} rows -> {args.sample}", file=sys.stderr)
        return 0
    if not (args.national and args.provincial):
        ap.error("--national and --provincial are required to build the table")
    rows = pd.concat([national(args.national), provincial(args.provincial)], ignore_index=True)
    with open(args.output, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        rows.to_csv(fh, index=False, lineterminator="\n")
    print(f"{len(rows)} rows -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
