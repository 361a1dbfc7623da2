"""The engine: columns, registry, user checks, stable ids, CLI."""
import json

import pandas as pd
import pytest

import factlib
from checks_support import claim, frame, seed_fixture
from factlib.checks import FINDING_COLUMNS, REGISTRY, CheckRegistry, register_check
from factlib.checks.findings import NESTED_COLUMNS, empty_findings


def test_builtin_checks_are_registered():
    assert set(REGISTRY.names) >= {"reference", "cross_document", "translation", "part_whole", "derived", "temporal"}


def test_findings_have_exactly_the_issue_columns_and_verdicts():
    f = factlib.check(seed_fixture())
    assert tuple(f.columns) == FINDING_COLUMNS
    assert set(f.verdict) <= {"consistent", "contradicted", "unverifiable", "needs_review"}
    assert f.finding_id.is_unique
    for docs, starts, ends, ids in zip(f.evidence_doc_ids, f.evidence_starts, f.evidence_ends, f.claim_ids):
        assert len(docs) == len(starts) == len(ends) == len(ids)
        assert all(isinstance(s, int) and isinstance(e, int) and s < e for s, e in zip(starts, ends))
    for column in ("observed", "expected"):
        assert all(isinstance(x, float) for x in f[f"{column}_low"])
    assert "contradicted" not in set(f.verdict)


def test_finding_ids_are_stable_across_runs_and_row_order():
    c = seed_fixture()
    a = factlib.check(c)
    b = factlib.check(c.sample(frac=1, random_state=3))
    assert sorted(a.finding_id) == sorted(b.finding_id)


def test_explanations_are_bilingual_and_quote_surfaces():
    f = factlib.check(seed_fixture())
    for text in f.explanation:
        assert "文档" in text and "ocument" in text and "“" in text


def test_user_check_without_editing_the_engine():
    def big_numbers(ctx):
        c = ctx.claims[ctx.claims.value_num > 1e12]
        return pd.DataFrame({"verdict": "needs_review", "claim_ids": [[i] for i in c.claim_id],
                             "doc_ids": [[d] for d in c.doc_id], "explanation": "big 大"})

    f = factlib.check(seed_fixture(), checks=[big_numbers])
    assert list(f.check) == ["big_numbers"] and len(f) == 1
    registry = CheckRegistry()
    registry.register("big", big_numbers)
    assert len(factlib.check(seed_fixture(), registry=registry)) == 1


def test_register_check_decorator_and_duplicates():
    @register_check("test_only_empty")
    def _empty(ctx):
        return ctx.empty_findings()

    try:
        assert "test_only_empty" in REGISTRY
        with pytest.raises(ValueError):
            register_check("test_only_empty")(_empty)
        assert factlib.check(seed_fixture(), checks=["test_only_empty"]).empty
    finally:
        REGISTRY.unregister("test_only_empty")


def test_unknown_check_name():
    with pytest.raises(KeyError):
        factlib.check(seed_fixture(), checks=["nope"])


def test_empty_claims():
    f = factlib.check(frame(claim("d", "1")).iloc[0:0])
    assert f.empty and tuple(f.columns) == tuple(empty_findings().columns)


def test_cli_check_writes_jsonl_and_csv(tmp_path, capsys):
    from factlib.cli import main

    doc = tmp_path / "a.md"
    doc.write_text("---\ndate: 2023-01-02\n---\n截至2022年12月，我国网民规模达10.76亿。\n", encoding="utf-8")
    out = tmp_path / "f.jsonl"
    assert main(["check", str(doc), "-o", str(out)]) == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert lines and list(lines[0]) == list(NESTED_COLUMNS)  # the nested view, rendered from the columns
    assert main(["check", str(doc), "--format", "csv", "--no-default-reference"]) == 0
    assert capsys.readouterr().out.startswith("finding_id,check,verdict")
