"""The findings frame is columnar (issue 16): flat observed/expected columns and evidence columns
parallel to ``claim_ids``; the nested view (what ``factlib check`` prints, and what findings
looked like before) is rendered from them without loss.

``tests/data/seeds_findings_nested.jsonl`` is ``factlib check seeds --format jsonl`` as printed
before the change to flat columns; ``benchmarks/compare_findings.py`` compares whole runs (seeds and
the shared corpus) old against new.
"""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import factlib
from factlib.checks.findings import (
    FINDING_COLUMNS, NESTED_COLUMNS, evidence_columns, evidence_for, finalize, finding_ids, flat_frame,
    interval_columns, nested_frame, nested_records,
)
from factlib.cli.check import render
from checks_support import DATA, seed_fixture

NESTED = DATA / "seeds_findings_nested.jsonl"


def _old_records() -> list[dict]:
    return [json.loads(line) for line in NESTED.read_text(encoding="utf-8").splitlines()]


def test_nested_seed_findings_round_trip_through_the_flat_layout():
    old = _old_records()
    flat = flat_frame(pd.DataFrame(old, columns=list(NESTED_COLUMNS)))
    assert tuple(flat.columns) == FINDING_COLUMNS
    assert all(flat[c].dtype == float for c in FINDING_COLUMNS if c.endswith(("_value", "_low", "_high")))
    assert nested_records(flat) == old


def test_cli_jsonl_of_the_flat_frame_is_the_nested_text_byte_for_byte():
    text = NESTED.read_text(encoding="utf-8")
    flat = flat_frame(pd.DataFrame(_old_records(), columns=list(NESTED_COLUMNS)))
    assert render(flat, "jsonl") == text


def test_temporal_texts_survive():
    old = [r for r in _old_records() if "text" in r["observed"]]
    assert old, "the seeds have temporal findings with texts"
    flat = flat_frame(pd.DataFrame(old, columns=list(NESTED_COLUMNS)))
    assert flat["observed_text"].map(lambda t: isinstance(t, str)).all()
    assert nested_records(flat) == old


def test_check_output_round_trips_and_has_no_dict_cells():
    f = factlib.check(seed_fixture())
    assert len(f) > 5
    assert tuple(f.columns) == FINDING_COLUMNS
    for column in f.columns:
        assert not f[column].map(lambda v: isinstance(v, dict)).any(), column
    back = flat_frame(nested_frame(f))
    # open bounds (±inf) come back as unknown (NaN): the nested view writes both as null
    exact = f.copy()
    for c in FINDING_COLUMNS:
        if c.endswith(("_value", "_low", "_high")):
            exact[c] = exact[c].where(np.isfinite(exact[c]))
    pd.testing.assert_frame_equal(back, exact)


def test_evidence_columns_equal_the_nested_evidence():
    claims = seed_fixture().reset_index(drop=True)
    rows = [[0], [1, 2], [3, 0, 4], []]
    cols = evidence_columns(claims, rows)
    nested = evidence_for(claims, rows)
    rebuilt = [[{"doc_id": d, "start": s, "end": e} for d, s, e in zip(*t)]
               for t in zip(cols["evidence_doc_ids"], cols["evidence_starts"], cols["evidence_ends"])]
    assert rebuilt == nested
    single = evidence_columns(claims, [[2], [0]])
    assert single["evidence_starts"] == [[int(claims.start[2])], [int(claims.start[0])]]


def _old_finding_id(check, claim_ids, extra):
    import hashlib

    raw = "\x1f".join([check, *sorted(map(str, claim_ids)), str(extra)])
    return "f-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@given(st.text(max_size=8), st.lists(st.text(max_size=12), max_size=4), st.text(max_size=8))
def test_finding_ids_equal_the_per_row_hash(check, ids, extra):
    assert finding_ids(check, [ids], [extra]) == [_old_finding_id(check, ids, extra)]


finite_or_not = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.none())


@settings(deadline=None)  # a DataFrame per example: slow on a loaded machine, not wrong
@given(st.lists(st.tuples(finite_or_not, finite_or_not, finite_or_not), min_size=1, max_size=5))
def test_nested_dicts_flatten_and_render_back(triples):
    dicts = [{"value": v, "low": lo, "high": hi} for v, lo, hi in triples]
    partial = pd.DataFrame({"verdict": "consistent", "claim_ids": [[f"c{i}"] for i in range(len(dicts))],
                            "doc_ids": [["d"]] * len(dicts), "observed": dicts, "expected": dicts})
    f = finalize(partial, "x")
    clean = [{k: (x if x is not None and math.isfinite(x) else None) for k, x in d.items()} for d in dicts]
    assert [r["observed"] for r in nested_records(f)] == clean
    flat = finalize(partial.drop(columns=["observed", "expected"]).assign(
        **interval_columns("observed", *zip(*[[np.nan if x is None else x for x in t] for t in triples])),
        **interval_columns("expected", *zip(*[[np.nan if x is None else x for x in t] for t in triples]))), "x")
    assert nested_records(flat) == nested_records(f)


def test_a_check_without_observed_or_evidence_gets_empty_ones():
    partial = pd.DataFrame({"verdict": ["needs_review"], "claim_ids": [["a"]], "doc_ids": [["d"]]})
    f = finalize(partial, "custom")
    assert f.loc[0, "evidence_starts"] == [] and math.isnan(f.loc[0, "observed_value"])
    assert f.loc[0, "finding_id"] == _old_finding_id("custom", ["a"], "")


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_render_of_no_findings(fmt):
    from factlib.checks.findings import empty_findings

    from factlib.checks.findings import FINDING_COLUMNS

    out = render(empty_findings(), fmt)  # CSV: the flat columns' header; jsonl: nothing
    assert out == ("" if fmt == "jsonl" else ",".join(FINDING_COLUMNS) + "\n")


@pytest.mark.parametrize("places", [1, 2, 3])
def test_finding_ids_at_equal_the_ids_of_the_claim_lists(places):
    # the column-wise ids (Arrow join + numpy hex) are those of ``finding_ids`` over the sorted
    # claim ids, non-ASCII ids ordered as Python orders them
    import numpy as np

    from factlib.checks.findings import finding_ids, finding_ids_at

    claim_id = np.array(["d1:10", "d1:9", "é:1", "z:1", "Ａ:3", "文档:7", "d10:1"], dtype=object)
    rng = np.random.default_rng(places)
    pos = [rng.integers(0, len(claim_id), 200) for _ in range(places)]
    extra = np.array(["", "single:d2", "2020"] * 66 + ["", ""], dtype=object)
    lists = [[claim_id[p[i]] for p in pos] for i in range(200)]
    assert finding_ids_at("translation", claim_id, pos, extra).tolist() == finding_ids("translation", lists,
                                                                                       extra.tolist())
