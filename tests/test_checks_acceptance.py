"""Acceptance (issue 4) on the seed documents with the real extractor and the shipped reference,
and on mutated copies of the seeds: a changed number must turn the matching finding contradicted."""
from pathlib import Path

import pytest

import factlib

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ZH, EN, HANT = "000_6795ef89a86ceb71", "002_a3bb30e09669c420", "003_3cb92859fe70f893"


def _findings(paths):
    docs = factlib.load_corpus([str(p) for p in paths])
    return factlib.check(factlib.claims_frame(docs), documents=docs)


@pytest.fixture(scope="module")
def seeds():
    return _findings(sorted(SEEDS.glob("*.txt")))


def _has(f, check, verdict, *surfaces, metric_key=None):
    rows = f[(f.check == check) & (f.verdict == verdict)]
    if metric_key:
        rows = rows[rows.metric_key == metric_key]
    for s in surfaces:
        rows = rows[rows.explanation.str.contains(f"“{s}", regex=False)]
    return len(rows) > 0


def test_no_contradicted_finding_on_unchanged_seeds(seeds):
    assert seeds[seeds.verdict == "contradicted"].explanation.tolist() == []


def test_translation_pair_aligned_with_22_countries(seeds):
    assert _has(seeds, "translation", "consistent", "22 个国家", "22 countries")
    pairs = {tuple(d) for d in seeds[seeds.check == "translation"].doc_ids if len(d) == 2}
    assert (ZH, EN) in pairs


def test_online_shoppers_consistent_with_cnnic(seeds):
    assert _has(seeds, "reference", "consistent", "8.45億", metric_key="online_shopping_users")


def test_wic_year_counts_consistent(seeds):
    for surface in ("8 年", "9個年頭", "10年"):
        assert _has(seeds, "temporal", "consistent", surface), surface


def test_implied_2021_12_share_checked(seeds):
    rows = seeds[(seeds.check == "derived") & (seeds.period == "2021-12")]
    assert list(rows.verdict) == ["consistent"]
    assert rows.iloc[0].metric_key == "no_security_problem_share"


def test_internet_users_and_online_retail_consistent_with_official_figures(seeds):
    assert _has(seeds, "reference", "consistent", "10.67億", metric_key="internet_users")
    assert _has(seeds, "reference", "consistent", "13.79萬億", metric_key="online_retail_sales")
    assert _has(seeds, "part_whole", "consistent", "8.45億", "10.67億")


MUTATIONS = [
    (EN, "with 22 countries", "with 23 countries", "translation", "23 countries"),
    # the raw seed 003 carries pinyin glosses after some characters (個(gè)); the cleaned text keeps them
    (HANT, "已走過9個(gè)年頭", "已走過5個(gè)年頭", "temporal", "5個"),
    (HANT, "規(guī)模達(dá)8.45億", "規(guī)模達(dá)8.54億", "reference", "8.54億"),
    (HANT, "時(shí)隔17年", "時(shí)隔15年", "temporal", "時隔15年"),
    (ZH, "已连续举办 8 年", "已连续举办 5 年", "temporal", "5 年"),
]


@pytest.mark.parametrize("doc,old,new,check,surface", MUTATIONS,
                         ids=["002 22→23 countries", "003 9→5个年头", "003 8.45→8.54亿", "003 时隔17→15年",
                              "000 8→5年"])
def test_mutated_seed_turns_contradicted(tmp_path, doc, old, new, check, surface):
    paths = []
    for src in sorted(SEEDS.glob("*.txt")):
        if src.stem not in (ZH, EN, HANT):
            continue
        text = src.read_text(encoding="utf-8")
        if src.stem == doc:
            assert old in text
            text = text.replace(old, new, 1)
        dst = tmp_path / src.name
        dst.write_text(text, encoding="utf-8")
        paths.append(dst)
    f = _findings(paths)
    bad = f[f.verdict == "contradicted"]
    # the matching finding turned contradicted, and every contradiction is about the changed number
    assert check in set(bad.check), bad.explanation.tolist()
    assert all(f"“{surface}" in text for text in bad.explanation), bad.explanation.tolist()
