"""`factlib check --format claimreview`: schema.org ClaimReview JSON-LD for fact-checkers."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from factlib.documents.load import document_from_text
from factlib.report.claimreview import claim_reviews, claim_reviews_json

ROOT = Path(__file__).resolve().parent.parent


def _finding(verdict, claim_id, doc_id, explanation="why"):
    return {"finding_id": f"f-{claim_id}", "check": "reference", "verdict": verdict, "claim_ids": [claim_id],
            "doc_ids": [doc_id], "metric_key": "internet_users", "period": "2022-12",
            "observed_value": 1.097e9, "expected_value": 1.067e9, "rel_diff": 0.028, "explanation": explanation}


def test_one_review_per_contradicted_or_consistent_finding():
    doc = document_from_text("截至2022年12月，我国网民规模达10.97亿人。", id="d1", title="标题", date="2023-03-10")
    doc.url = "javascript:alert(1)"  # never published as a URL
    findings = pd.DataFrame([_finding("contradicted", "c1", "d1", "官方数字为10.67亿人"),
                             _finding("needs_review", "c2", "d1"), _finding("consistent", "c3", "d1"),
                             _finding("unverifiable", "c4", "d1")])
    claims = pd.DataFrame([{"claim_id": "c1", "doc_id": "d1", "surface": "10.97亿人",
                            "sentence": "截至2022年12月，我国网民规模达10.97亿人。", "lang": "zh-Hans", "kind": "count"}])
    reviews = claim_reviews(findings, claims, [doc], date_published=dt.date(2026, 1, 2))
    assert [r["reviewRating"]["ratingValue"] for r in reviews] == [1, 5]
    first = reviews[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "ClaimReview"
    assert first["claimReviewed"] == "截至2022年12月，我国网民规模达10.97亿人。"
    assert first["itemReviewed"]["appearance"]["headline"] == "标题"
    assert first["itemReviewed"]["appearance"]["datePublished"] == "2023-03-10"
    assert "url" not in first["itemReviewed"]["appearance"]
    assert first["reviewBody"] == "官方数字为10.67亿人" and first["datePublished"] == "2026-01-02"
    assert first["reviewRating"]["worstRating"] == 1 and first["reviewRating"]["bestRating"] == 5
    assert json.loads(claim_reviews_json(reviews)) == reviews


def test_cli_writes_claimreview_json_ld(tmp_path):
    out = tmp_path / "reviews.jsonld"
    run = subprocess.run([sys.executable, "-m", "factlib", "check", "examples/corpus", "--format", "claimreview",
                          "-o", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    reviews = json.loads(out.read_text(encoding="utf-8"))
    false = [r for r in reviews if r["reviewRating"]["ratingValue"] == 1]
    assert false and all("10.97亿人" in r["claimReviewed"] for r in false)
    assert all("10.97亿人" in r["claimReviewed"] or "14.5万亿元" in r["claimReviewed"] for r in false)
    assert {r["reviewRating"]["ratingValue"] for r in reviews} == {1, 5}
    assert all(r["itemReviewed"]["appearance"]["headline"] for r in reviews)
