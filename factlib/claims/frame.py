"""The claims table: one pandas row per claim, with fixed dtypes and categories."""
from __future__ import annotations

from collections.abc import Iterable

from factlib.claims.record import (AREA_BASES, CHANGES, COLUMNS, GRANULARITIES, KINDS, PERIOD_BASES,
                                   PERIOD_TYPES, QUALIFIERS, Claim)

__all__ = ["claims_frame"]

_DTYPES = {
    "doc_id": "string", "claim_id": "string", "sentence_id": "Int64", "start": "Int64", "end": "Int64",
    "surface": "string", "sentence": "string", "value": "Float64", "low": "Float64", "high": "Float64",
    "precision": "Float64", "qualifier": "category", "kind": "category", "unit": "string",
    "metric": "string", "metric_key": "string", "period": "string", "period_basis": "category",
    "lang": "category", "direction": "category", "unit_surface": "string",
    "period_type": "category", "granularity": "category", "period_doubt": "string", "area": "string",
    "area_basis": "category", "change": "category", "base_period": "string",
}


def claims_frame(documents: Iterable, extractor=None):
    """A pandas DataFrame of the claims of ``documents`` (Documents or Claims), one row per claim.

    Numbers are nullable ``Float64`` (the exact ``Decimal`` stays in the records); categorical
    columns use the fixed vocabularies of kinds, qualifiers and period bases.
    """
    import pandas as pd

    from factlib.claims.extract import extract_claims

    rows: list[dict] = []
    for item in documents:
        claims = [item] if isinstance(item, Claim) else (
            extractor.extract(item) if extractor is not None else extract_claims(item))
        rows.extend(c.to_record() for c in claims)
    df = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    cats = {"qualifier": QUALIFIERS, "kind": KINDS, "period_basis": PERIOD_BASES,
            "direction": ("", "up", "down"), "period_type": PERIOD_TYPES, "granularity": GRANULARITIES,
            "area_basis": AREA_BASES, "change": ("",) + CHANGES}
    for col, dtype in _DTYPES.items():
        if dtype == "category" and col in cats:
            df[col] = pd.Categorical(df[col], categories=list(cats[col]))
        elif dtype == "category":
            df[col] = df[col].astype("category")
        else:
            df[col] = df[col].astype(dtype)
    return df
