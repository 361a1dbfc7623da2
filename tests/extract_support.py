"""Helpers of the extraction tests: extract a sentence with the invariants every claim must keep."""
from __future__ import annotations

from factlib.claims.record import KINDS, QUALIFIERS
from factlib.documents.load import document_from_text
from factlib.claims.extract import extract_claims


def checked_claims(text: str, lang: str | None = None, date: str | None = None):
    """The claims of ``text`` as a one-document corpus; every claim quotes the document exactly
    and uses the fixed vocabularies of kinds and qualifiers."""
    doc = document_from_text(text, date=date, lang=lang)
    claims = extract_claims(doc)
    for c in claims:
        assert doc.text[c.start:c.end] == c.surface
        assert c.kind in KINDS and c.qualifier in QUALIFIERS
    return claims


def find(claims, surface: str):
    """The first claim quoting ``surface`` (fails with the surfaces that were found)."""
    hits = [c for c in claims if c.surface == surface]
    assert hits, f"{surface!r} not among {[c.surface for c in claims]}"
    return hits[0]
