"""Builders of small claim frames (the columns of ``factlib.claims_frame``) for the check tests."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from factlib.claims.numbers import parse_number

DATA = Path(__file__).parent / "data"

_QUALIFIER_WORDS = {"超": "lower", "突破": "lower", "逾": "lower", "近": "upper", "约": "approx"}


def claim(doc, surface, *, number=None, kind="count", unit="", metric="", metric_key="", period="",
          basis="explicit", sentence=None, sentence_id=0, start=0, lang="zh-Hans", direction="",
          doc_date=None, value=None):
    """One claim row; value, precision and qualifier are read from ``number`` (default: the surface
    without its qualifier word), as the extractor would."""
    qualifier = "exact"
    text = number if number is not None else surface
    for word, q in _QUALIFIER_WORDS.items():
        if text.startswith(word):
            qualifier, text = q, text[len(word):]
    m = re.match(r"[\d.,]+(?:万亿|亿|万|千)?", text)
    parsed = parse_number(m.group(0)) if value is None and m else None
    val = float(parsed.value) if parsed else value
    prec = float(parsed.precision) if parsed else 0.0
    low = high = None
    if val is not None and qualifier == "exact":
        low, high = val - prec, val + prec
    elif qualifier == "lower":
        low = val
    elif qualifier == "upper":
        high = val
    sentence = sentence if sentence is not None else surface
    return {
        "doc_id": doc, "claim_id": f"{doc}:{start}:{surface}", "sentence_id": sentence_id, "start": start,
        "end": start + len(surface), "surface": surface, "sentence": sentence, "value": val, "low": low,
        "high": high, "precision": prec, "qualifier": qualifier, "kind": kind, "unit": unit, "metric": metric,
        "metric_key": metric_key, "period": period, "period_basis": basis, "lang": lang,
        "direction": direction, "doc_date": doc_date,
    }


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def seed_fixture() -> pd.DataFrame:
    """Hand-made claims of seeds 000, 002 and 003 (tests/data/seed_claims_fixture.csv)."""
    return pd.read_csv(DATA / "seed_claims_fixture.csv", comment=None, skiprows=3,
                       dtype={"period": str, "metric_key": str, "metric": str, "unit": str, "direction": str},
                       keep_default_na=False, na_values={"value": [""], "low": [""], "high": [""], "precision": [""]})
