"""Check `cross_document`: one metric and period stated in several documents."""
import pytest

import factlib
from checks_support import claim, frame


def _run(*surfaces, **kw):
    rows = [claim(f"doc{i}", s, metric="网民规模", metric_key="internet_users", period="2022-12", **kw)
            for i, s in enumerate(surfaces)]
    return factlib.check(frame(*rows), checks=["cross_document"])


@pytest.mark.parametrize("surfaces,verdict", [
    (("10.67亿", "10.7亿"), "consistent"),
    (("10.67亿", "10.67亿", "超10亿"), "consistent"),
    (("10.67亿", "10.76亿"), "contradicted"),
    (("10.67亿", "10.7亿", "10.8亿"), "contradicted"),
], ids=["10.67亿~10.7亿", "three agree", "10.67亿!10.76亿", "one of three off"])
def test_agreement_within_rounding(surfaces, verdict):
    f = _run(*surfaces)
    assert list(f.verdict) == [verdict]
    assert len(f.loc[0, "doc_ids"]) == len(set(f"doc{i}" for i in range(len(surfaces))))


def test_disagreement_names_both_quotes():
    row = _run("10.67亿", "10.7亿", "10.8亿").iloc[0]
    assert "“10.8亿”" in row.explanation and "“10.67亿”" in row.explanation
    assert row.claim_ids[:2] == ["doc2:0:10.8亿", "doc0:0:10.67亿"]
    assert len(row.evidence_starts) == len(row.evidence_doc_ids) == 3


def test_same_document_only_is_not_cross_document():
    rows = [claim("doc0", s, metric="网民规模", metric_key="internet_users", period="2022-12", start=i * 10)
            for i, s in enumerate(["10.67亿", "10.76亿"])]
    assert factlib.check(frame(*rows), checks=["cross_document"]).empty


def test_different_periods_or_classes_are_not_compared():
    rows = [claim("a", "10.67亿", metric_key="internet_users", metric="网民规模", period="2022-12"),
            claim("b", "10.32亿", metric_key="internet_users", metric="网民规模", period="2021-12"),
            claim("c", "3549万", metric_key="internet_users", metric="网民规模", period="2022-12", kind="growth_rate")]
    assert factlib.check(frame(*rows), checks=["cross_document"]).empty


def test_uncertain_disagreement_is_needs_review():
    assert list(_run("10.67亿", "10.76亿", basis="relative").verdict) == ["needs_review"]
