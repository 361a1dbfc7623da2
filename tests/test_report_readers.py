"""What a reader sees: numbers for humans, verdict colours and labels, the verdict-first index."""
from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from factlib.report.html import attention_cards_html, claims_table_html, findings_table_html, index_page, IndexEntry
from factlib.checks.humanize import difference_words, exact_number, human_number, human_percent, interval_words
from factlib.report.views import claim_verdicts, finding_views

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'


@pytest.mark.parametrize(
    "value, unit, lang, kind, expected",
    [
        (1067000000.0, "人", "zh-Hans", "count", "10.67亿人"),
        (1067000000.0, "person", "zh-Hant", "count", "10.67億人"),
        (13790000000000.0, "元", "zh-Hans", "amount", "13.79万亿元"),
        (13790000000000.0, "CNY", "zh-Hant", "amount", "13.79萬億元"),
        (1070000000.0, "", "en", "count", "1.07 billion"),
        (1067000000.0, "person", "en", "count", "1.067 billion people"),
        (13790000000000.0, "CNY", "en", "amount", "13.79 trillion yuan"),
        (961000.0, "个", "zh-Hans", "count", "96.1万个"),
        (62.00000000000001, "%", "zh-Hans", "percent", "62%"),
        (75.6, "%", "en", "percent", "75.6%"),
        (3.9, "pp", "zh-Hant", "pp_change", "3.9个百分点"),
        (2022.0, "", "zh-Hans", "year", "2022"),
        (-0.0, "", "zh-Hans", None, "0"),
        (22, "个国家", "zh-Hans", "count", "22个国家"),
        (1234.5, "元", "zh-Hans", "amount", "1234.5元"),
        (float("nan"), "人", "zh-Hans", "count", ""),
        (None, "人", "zh-Hans", "count", ""),
    ],
    ids=["10.67亿人", "zh-Hant-億", "13.79万亿元", "zh-Hant-萬億", "en-billion", "en-people", "en-yuan",
         "96.1万个", "float-noise-pct", "en-pct", "pp", "year", "negative-zero", "small-count", "decimal-yuan",
         "nan", "none"],
)
def test_human_number(value, unit, lang, kind, expected):
    assert human_number(value, unit, lang=lang, kind=kind) == expected


@pytest.mark.parametrize(
    "fraction, expected",
    [(1.1e-16, "0%"), (-0.0, "0%"), (0.028116213683223992, "+2.8%"), (-0.591101, "−59.1%"),
     (0.000123, "+0.012%"), (0.05152, "+5.2%")],
    ids=["noise", "negative-zero", "2.8", "minus-59.1", "tiny", "5.2"],
)
def test_human_percent(fraction, expected):
    assert human_percent(fraction) == expected


def test_exact_number_drops_float_noise_only():
    assert exact_number(62.00000000000001) == "62"
    assert exact_number(13191387559808.613281) == "13,191,387,559,808.6"
    assert exact_number(1066500000.0) == "1,066,500,000"


def test_interval_and_difference_words():
    assert interval_words(None, 1067500000.0, None, "人") == "不超过 10.675亿人"
    assert interval_words(400000.0, None, None, "个", lang="en") == "at least 400,000"
    assert difference_words(0.0281, lang="en", against="official figure") == "2.8% higher than the official figure"
    assert difference_words(-0.2089, lang="zh") == "比核对数字低 20.9%"
    assert difference_words(1.1e-16, lang="en") == "same as the figure checked against"


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e16, max_value=1e16),
       st.sampled_from(["zh-Hans", "zh-Hant", "en"]), st.sampled_from(["", "人", "元", "%", "person"]))
def test_human_number_never_shows_float_artefacts(value, lang, unit):
    text = human_number(value, unit, lang=lang)
    assert text
    assert "e+" not in text and "e-" not in text and "E" not in text
    assert not re.match(r"^[−-]0(?![.\d])", text), text
    if abs(value) >= 1e-3:  # no 62.00000000000001 or 61.89999999999999
        assert not re.search(r"\.\d*(?:00000|99999)\d", text), text
    digits = re.sub(r"\D", "", text.split(".")[-1]) if "." in text else ""
    assert len(digits) <= 8, text


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-10, max_value=10))
def test_human_percent_is_short(fraction):
    text = human_percent(fraction)
    assert "e" not in text and len(text) <= 12
    if abs(fraction) < 1e-9:
        assert text == "0%"


def _findings():
    return pd.DataFrame([
        {"finding_id": "f1", "check": "reference", "verdict": "consistent", "claim_ids": ["a:1"], "doc_ids": ["a"],
         "metric_key": "internet_users", "period": "2022-12", "observed_value": 1.067e9, "expected_value": 1.067e9,
         "expected_low": 1.0665e9, "expected_high": 1.0675e9, "rel_diff": 0.0, "explanation": "ok"},
        {"finding_id": "f2", "check": "cross_document", "verdict": "contradicted", "claim_ids": ["b:1", "a:1"],
         "doc_ids": ["a", "b"], "metric_key": "internet_users", "period": "2022-12",
         "observed": {"value": 1.097e9, "low": 1.0965e9, "high": 1.0975e9},
         "expected": {"value": 1.067e9, "low": 1.0665e9, "high": 1.0675e9}, "rel_diff": 0.028,
         "explanation": "b disagrees with a " + HOSTILE},
        {"finding_id": "f3", "check": "reference", "verdict": "contradicted", "claim_ids": ["b:1"], "doc_ids": ["b"],
         "metric_key": "internet_users", "period": "2022-12",
         "observed": {"value": 1.097e9, "low": 1.0965e9, "high": 1.0975e9},
         "expected": {"value": 1.067e9, "low": 1.0665e9, "high": 1.0675e9}, "rel_diff": 0.028,
         "explanation": "official says 10.67亿"},
        {"finding_id": "f4", "check": "reference", "verdict": "needs_review", "claim_ids": ["c:1"], "doc_ids": ["c"],
         "metric_key": "online_retail_sales", "period": "2022", "observed": {"value": 1.45e13},
         "expected": {"value": 1.379e13}, "rel_diff": 0.0515, "explanation": "period uncertain"},
    ])


def _claims():
    return pd.DataFrame([
        {"claim_id": "a:1", "doc_id": "a", "surface": "10.67亿人", "sentence": "截至2022年12月，网民规模达10.67亿人。",
         "lang": "zh-Hans", "kind": "count", "unit": "person", "unit_surface": "人", "value": 1.067e9,
         "low": 1.0665e9, "high": 1.0675e9, "qualifier": "exact", "start": 14, "end": 21},
        {"claim_id": "b:1", "doc_id": "b", "surface": "10.97亿人", "sentence": "截至2022年12月，网民规模达10.97亿人。",
         "lang": "zh-Hans", "kind": "count", "unit": "person", "unit_surface": "人", "value": 1.097e9,
         "low": 1.0965e9, "high": 1.0975e9, "qualifier": "exact", "start": 14, "end": 21},
        {"claim_id": "c:1", "doc_id": "c", "surface": "14.5万亿元", "sentence": "去年网上零售额达14.5万亿元。",
         "lang": "zh-Hans", "kind": "amount", "unit": "CNY", "unit_surface": "元", "value": 1.45e13,
         "low": 1.4495e13, "high": 1.4505e13, "qualifier": "exact", "start": 8, "end": 15},
    ])


def _reference():
    return pd.DataFrame([
        {"metric_key": "internet_users", "period": "2022-12", "value": 1.067e9, "low": 1.0665e9, "high": 1.0675e9,
         "unit": "人", "source_name": "aggregator (secondary)", "source_url": "https://agg.example/x",
         "lower_tier": True},
        {"metric_key": "internet_users", "period": "2022-12", "value": 1.067e9, "low": 1.0665e9, "high": 1.0675e9,
         "unit": "人", "source_name": "CNNIC 第51次报告", "source_url": "https://www.cnnic.net.cn/51", "lower_tier": False},
        {"metric_key": "online_retail_sales", "period": "2022", "value": 1.379e13, "low": 1.3785e13,
         "high": 1.3795e13, "unit": "元", "source_name": "javascript", "source_url": "javascript:alert(1)",
         "lower_tier": False},
    ])


def test_claim_verdicts_belong_to_the_observed_claim():
    verdicts = claim_verdicts(_findings())
    # a's correct figure is contradicted by b's document: a is not marked wrong
    assert verdicts == {"a:1": "consistent", "b:1": "contradicted", "c:1": "needs_review"}
    translation = pd.DataFrame([{"check": "translation", "verdict": "contradicted", "claim_ids": ["x", "y"]}])
    assert claim_verdicts(translation) == {"x": "contradicted", "y": "needs_review"}


def test_finding_views_read_flat_and_nested_columns():
    views = {v["finding_id"]: v for v in finding_views(_findings(), _claims(), _reference())}
    assert views["f1"]["expected_text"] == "10.67亿人" and views["f1"]["expected_exact"] == "1,067,000,000"
    assert views["f3"]["expected_text"] == "10.67亿人" and views["f3"]["against"] == "official figure"
    assert views["f3"]["difference"] == "2.8% higher than the official figure"
    # primary source first
    assert [s["url"] for s in views["f3"]["sources"]] == ["https://www.cnnic.net.cn/51", "https://agg.example/x"]
    assert views["f2"]["against"] == "other documents" and "10.67亿人" in views["f2"]["expected_text"]


def test_a_review_held_against_a_figure_dated_otherwise_names_its_source():
    """A claim for 2022 checked against the 2022-12 figure (a stock dated by a year only): the
    card still shows the official figure with its unit and the sources, primary first."""
    review = pd.DataFrame([
        {"finding_id": "f5", "check": "reference", "verdict": "needs_review", "claim_ids": ["b:1"],
         "doc_ids": ["b"], "metric_key": "internet_users", "period": "2022", "observed_value": 1.097e9,
         "expected_value": 1.067e9, "expected_low": 1.0665e9, "expected_high": 1.0675e9, "rel_diff": 0.028,
         "explanation": "period uncertain"}])
    view = finding_views(review, _claims(), _reference())[0]
    assert view["against"] == "official figure" and view["expected_text"] == "10.67亿人"
    assert [s["url"] for s in view["sources"]] == ["https://www.cnnic.net.cn/51", "https://agg.example/x"]


def test_attention_cards_order_escape_and_link():
    out = attention_cards_html(_findings(), _claims(), _reference(), doc_links={"b": "document/b.html"})
    assert "<script>" not in out and "onerror=\"" not in out
    assert out.index("verdict-contradicted") < out.index("verdict-needs_review")
    # one card per claim: b's two contradicted findings make one card
    assert out.count('class="factlib-card ') == 2
    assert '<a href="https://www.cnnic.net.cn/51"' in out
    assert 'href="javascript' not in out
    assert '<mark class="v-contradicted">10.97亿人</mark>' in out
    assert 'href="document/b.html"' in out
    assert "1 contradicted</b> and <b>1 for review" in out


def test_nothing_to_review_says_so():
    out = attention_cards_html(_findings().iloc[:1], _claims(), _reference())
    assert "Nothing needs a person" in out


def test_findings_table_badges_filters_and_order():
    out = findings_table_html(_findings(), claims=_claims(), reference=_reference())
    rows = re.findall(r'<tr class="(verdict-[a-z_]+)">', out)
    assert rows == ["verdict-contradicted", "verdict-contradicted", "verdict-needs_review", "verdict-consistent"]
    assert "✗ contradicted / 不符" in out and "? needs review / 需核对" in out
    assert out.count('type="radio"') == 5 and "<script" not in out
    assert 'title="exact: 1,067,000,000"' in out


def test_claims_table_humanises_values_and_colours_rows():
    out = claims_table_html(_claims(), verdicts=claim_verdicts(_findings()))
    assert ">10.67亿人<" in out and "exact: 1,067,000,000 人" in out
    assert 'class="verdict-contradicted"' in out
    assert "1066500000" not in out and "1,066,500,000" not in out  # rounding bounds of exact claims stay hidden


def test_index_opens_with_what_needs_a_person():
    entries = [IndexEntry("corpus_overview", "Corpus overview", "corpus_overview.html", "4 documents")]
    out = index_page(entries, findings=_findings(), claims=_claims(), reference=_reference())
    assert out.index("Needs a person") < out.index('class="factlib-card ') < out.index("<h2>corpus overview")
    from factlib.report.sortable import foreign_scripts

    assert foreign_scripts(out) == []  # the table sorter only


def test_csv_flat_with_bom_and_interval_columns(tmp_path):
    from factlib.report.tabular import write_table

    frame = _findings()
    write_table(frame, tmp_path, "findings")
    raw = (tmp_path / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "10.67亿".encode() in raw
    back = pd.read_csv(tmp_path / "findings.csv")
    # nested observed/expected become flat columns in place; flat ones stay
    assert {"observed_value", "observed_low", "observed_high", "expected_value", "expected_low"} <= set(back.columns)
    assert back.loc[1, "observed_value"] == 1.097e9 and back.loc[0, "expected_value"] == 1.067e9
    assert back.loc[1, "claim_ids"] == "b:1; a:1"
    assert not any(str(v).startswith(("[", "{")) for v in back.to_numpy().ravel())
