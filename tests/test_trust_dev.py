"""The issue-12 dev set (tests/data/trust_dev.jsonl) and the trust attributes of ``factlib evaluate``."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from factlib.claims.evaluate import evaluate, gold_document, load_gold
from factlib.claims.record import CHANGES, GRANULARITIES, PERIOD_TYPES
from factlib.vocab.areas import default_areas
from factlib.vocab.lexicon import default_lexicon

DEV = Path(__file__).parent / "data" / "trust_dev.jsonl"
GOLD = load_gold(DEV)


def test_dev_set_size_and_schema():
    real = [g for g in GOLD if not g["planted"]]
    assert len(real) >= 200 and len(GOLD) - len(real) >= 50
    lex, areas = default_lexicon(), default_areas()
    for g in GOLD:
        assert g["claims"], g["id"]
        for c in g["claims"]:
            assert c["surface"] in g["text"], (g["id"], c["surface"])
            assert c["metric_key"] == "" or c["metric_key"] in lex, (g["id"], c["metric_key"])
            assert c["period_type"] in PERIOD_TYPES and c["granularity"] in GRANULARITIES
            assert c["change"] in CHANGES
            assert c["area"] is None or c["area"] in areas, (g["id"], c["area"])
        if g["planted"]:
            assert any(c["surface"] == g["planted"]["surface"] for c in g["claims"]), g["id"]


def test_context_is_put_before_the_sentence_and_not_scored():
    g = {"id": "t", "lang": "zh-Hans", "doc_date": "2017-03-05", "title": "2017年政府工作报告",
         "context": ["二、2017年工作总体部署", "今年赤字率拟按3%安排，财政赤字2.38万亿元。"],
         "text": "其中，中央财政赤字1.55万亿元。",
         "claims": [{"surface": "1.55万亿元", "value": 1.55e12, "low": None, "high": None}]}
    doc, offset = gold_document(g)
    assert doc.text[offset:] == g["text"] and doc.title == g["title"]
    score = evaluate([g])
    assert (score.tp, score.fp, score.fn) == (1, 0, 0)  # 3% and 2.38万亿元 are context, not predictions


def _one(claim_gold, prediction):
    g = {"id": "t", "lang": "zh-Hans", "text": "网民规模达10.79亿人。", "complete": False,
         "claims": [{"surface": "10.79亿人", "value": 1.079e9, **claim_gold}]}
    pred = {"surface": "10.79亿人", "value": 1.079e9, **prediction}
    return evaluate([g], predictions={"t": [pred]})


def test_trust_attributes_are_scored_exactly():
    gold = {"metric_key": "internet_users", "ref_period": "2023-06", "period_type": "point",
            "granularity": "month", "area": "CN", "change": "abs_change", "base_period": "2022-12"}
    right = _one(gold, {**gold, "period": "2022-12/2023-06"})  # a base/ref period is read as its ref
    for attr in ("metric_key", "ref_period", "period_type", "granularity", "period_full", "area", "change",
                 "base_period"):
        assert right.accuracy(attr) == 1.0, attr
    wrong = _one(gold, {**gold, "period": "2023", "granularity": "year", "metric_key": "", "area": "CN-ZJ"})
    for attr in ("metric_key", "ref_period", "granularity", "period_full", "area"):
        assert wrong.accuracy(attr) == 0.0, attr
    assert wrong.accuracy("period_type") == 1.0


def test_area_null_is_not_scored():
    score = _one({"metric_key": "", "area": None}, {"metric_key": "", "area": "CN"})
    assert score.accuracy("area") is None and score.accuracy("metric_key") == 1.0


def test_dev_set_meets_the_issue_12_targets():
    """A regression guard on the set the rules were developed with (not a measure of how they
    generalise: the hidden tests on other text are): metric key >= 0.95, period (own period, type and
    granularity all right) >= 0.90, level/change >= 0.95."""
    score = evaluate(GOLD)
    assert score.accuracy("metric_key") >= 0.95
    assert score.accuracy("period_full") >= 0.90
    assert score.accuracy("change") >= 0.95
    assert score.accuracy("area") >= 0.95
    assert score.recall >= 0.99


def test_planted_report_runs_the_checks_on_planted_items():
    from factlib.run.planted import planted_report

    planted = [g for g in GOLD if g["planted"]]
    rep = planted_report(planted)
    assert rep["planted"] == len(planted)
    assert len(rep["caught"]) + len(rep["missed"]) == len(planted)
    assert not rep["false_alarms"]
    # the regression guard: what the checks caught when this test was written (27 of 52)
    assert len(rep["caught"]) >= 27
