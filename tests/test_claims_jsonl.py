"""The claims JSON-lines writer prints exactly what ``json.dumps(claim.to_record(),
ensure_ascii=False)`` prints (issue 16: a faster writer, the same bytes)."""
from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings, strategies as st

from factlib.claims.extract import default_extractor
from factlib.claims.jsonl import claim_line, write_jsonl
from factlib.claims.record import Claim, COLUMNS
from factlib.documents.load import load_document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _reference(claim: Claim) -> str:
    return json.dumps(claim.to_record(), ensure_ascii=False) + "\n"


def test_seed_claims_are_written_as_json_dumps_writes_them():
    extractor = default_extractor()
    claims = [c for path in sorted(p for p in SEEDS.iterdir() if p.is_file())[:4] for c in extractor.extract(load_document(path))]
    assert len(claims) > 50
    out = io.StringIO()
    assert write_jsonl(iter(claims), out, batch=7) == len(claims)
    assert out.getvalue() == "".join(_reference(c) for c in claims)


texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)
decimals = st.one_of(st.none(), st.decimals(allow_nan=True, allow_infinity=True), st.integers(-10**30, 10**30).map(Decimal))


@settings(deadline=None, max_examples=200)
@given(st.data())
def test_any_field_values_give_the_json_dumps_bytes(data):
    values = []
    for name in COLUMNS:
        if name in ("sentence_id", "start", "end"):
            values.append(data.draw(st.one_of(st.integers(-2**70, 2**70), st.booleans(), st.floats()), label=name))
        elif name in ("value", "low", "high", "precision"):
            values.append(data.draw(decimals, label=name))
        else:
            values.append(data.draw(st.one_of(texts, st.none()), label=name))
    claim = Claim(*values)
    try:
        expected = _reference(claim)
    except (ValueError, OverflowError, TypeError) as exc:  # e.g. a signalling-NaN Decimal
        try:
            claim_line(claim)
        except type(exc):
            return
        raise AssertionError("claim_line accepted what json.dumps refused")
    assert claim_line(claim) == expected


def _records_like_the_engine(claims) -> list[dict]:
    """The rows of a claims frame as ``factlib extract --engine/--store`` writes them."""
    from factlib.claims.frame import claims_frame

    frame = claims_frame(claims)[list(COLUMNS)]
    return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")


def test_frame_records_are_written_as_json_dumps_writes_them():
    from factlib.claims.jsonl import record_line, write_records

    extractor = default_extractor()
    claims = [c for path in sorted(p for p in SEEDS.iterdir() if p.is_file())[:3] for c in extractor.extract(load_document(path))]
    records = _records_like_the_engine(claims)
    assert len(records) > 30
    expected = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    out = io.StringIO()
    assert write_records(iter(records), out, batch=5) == len(records)
    assert out.getvalue() == expected
    # and the template, not the fallback, wrote them (every number a float or None)
    from factlib.claims import jsonl

    assert all(jsonl._LINE(tuple(r.values())) == record_line(r) for r in records)


@settings(deadline=None, max_examples=200)
@given(st.data())
def test_any_record_gives_the_json_dumps_bytes(data):
    from factlib.claims.jsonl import record_line

    numbers = st.one_of(st.none(), st.floats(), st.integers(-10**20, 10**20), st.booleans())
    record = {}
    for name in COLUMNS:
        if name in ("sentence_id", "start", "end"):
            record[name] = data.draw(st.one_of(st.integers(-2**70, 2**70), st.booleans(), st.floats(), st.none()),
                                     label=name)
        elif name in ("value", "low", "high", "precision"):
            record[name] = data.draw(numbers, label=name)
        else:
            record[name] = data.draw(st.one_of(texts, st.none(), st.integers()), label=name)
    assert record_line(record) == json.dumps(record, ensure_ascii=False) + "\n"
    reordered = dict(reversed(list(record.items())))
    assert record_line(reordered) == json.dumps(reordered, ensure_ascii=False) + "\n"
