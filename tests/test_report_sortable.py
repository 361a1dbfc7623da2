"""The one script of a report page (factlib.report.sortable): what it may do, and the policy that
admits it and nothing else; the legend and the sort keys factlib writes for it."""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from factlib.report.html import CSP, claims_table_html, findings_table_html, highlight_document, legend_html, page
from factlib.report.sortable import SCRIPT, SCRIPT_HASH, foreign_scripts, script_tag


def test_the_hash_in_the_policy_is_the_scripts():
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode()
    assert SCRIPT_HASH == f"'sha256-{digest}'"
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["script-src"] == SCRIPT_HASH
    assert directives["default-src"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-hashes" not in CSP


@pytest.mark.parametrize("word", ["innerHTML", "outerHTML", "insertAdjacentHTML", "eval", "Function(",
                                  "document.write", "fetch", "XMLHttpRequest", "localStorage", "import(",
                                  "setTimeout", "location", "http"])
def test_the_script_parses_no_html_and_reaches_nothing(word):
    assert word not in SCRIPT


def test_a_page_carries_the_script_once_and_nothing_else():
    html = page("t", "<p>x</p>")
    assert html.count("<script") == 1 and script_tag() in html and foreign_scripts(html) == []
    assert foreign_scripts(html.replace("</body>", "<script>alert(1)</script></body>")) == ["<script>alert(1)</script>"]
    assert foreign_scripts(html.replace(script_tag(), script_tag().replace("use strict", "use  strict")))


def test_legend_has_every_verdict_and_no_finding():
    out = legend_html()
    for label in ("✗ contradicted", "? needs review", "✓ consistent", "– unverifiable", "· no finding"):
        assert label in out, label
    assert 'class="v-none"' in out


def test_a_claim_with_no_finding_says_so_on_hover():
    text = "网民规模达10.67亿人，普及率75.6%。"
    claims = [{"claim_id": "a", "start": 5, "end": 12}, {"claim_id": "b", "start": 16, "end": 21}]
    out = highlight_document(text, claims, {"a": "contradicted"})
    assert re.search(r'class="claim v-contradicted"[^>]*title="✗ contradicted', out)
    assert re.search(r'class="claim"[^>]*title="· no finding', out)


def test_sort_keys_are_exact_values_and_verdict_ranks():
    claims = [{"claim_id": "a", "surface": "10.67亿人", "value": 1067000000.0, "unit": "person",
               "unit_surface": "人", "kind": "count", "lang": "zh-Hans", "qualifier": "exact"},
              {"claim_id": "b", "surface": "75.6%", "value": 75.6, "unit": "percent", "kind": "percent",
               "lang": "zh-Hans", "qualifier": "exact"}]
    out = claims_table_html(claims, verdicts={"a": "contradicted"})
    assert 'data-sort="1067000000.0"' in out and 'data-sort="75.6"' in out
    assert 'data-sort="0"' in out.replace('data-sort="0.0"', 'data-sort="0"')  # contradicted ranks first
    findings = [{"finding_id": "f", "check": "reference", "verdict": "contradicted", "claim_ids": ["a"],
                 "doc_ids": ["d"], "metric_key": "internet_users", "period": "2022-12", "rel_diff": -0.028,
                 "observed_value": 1067000000.0, "expected_value": 1097000000.0, "explanation": "x"}]
    table = findings_table_html(findings, claims=claims)
    assert 'class="factlib-diff" data-sort="0.028"' in table
    assert 'class="factlib-figure" data-sort="1097000000.0"' in table


def test_manifest_records_files_named_from_the_working_directory(tmp_path, monkeypatch):
    """``factlib report CORPUS -o reports/demo`` run twice (``make demo``): the data files written as
    ``reports/demo/claims.csv`` are factlib's own, not foreign files that refuse the second run."""
    from factlib.report.files import Manifest

    monkeypatch.chdir(tmp_path)
    folder = Path("reports") / "demo"
    m = Manifest(folder)
    m.claim()
    (folder / "document").mkdir()
    for name in ("claims.csv", "index.html", "document/a.html"):
        (folder / name).write_text("x", encoding="utf-8")
    m.add([folder / "claims.csv", tmp_path / folder / "index.html", "document/a.html"])
    m.save()
    assert Manifest(folder).foreign() == []
    assert sorted(Manifest(folder).files) == ["claims.csv", "document/a.html", "index.html"]
