"""Shared by the peer-suite tests and ``benchmarks/peer_suites.py``: load the two peer suites copied
into ``tests/data`` (see ``tests/data/peer_suites.md`` for their sources and licences) and say, per
case, whether factlib's claims agree with them.

* quantulum3 (English quantities): an expected quantity is *found* when a claim of the sentence
  has that value, or a range of the sentence has it as its midpoint (relative tolerance 1e-9;
  each claim answers at most one expected quantity).
* cn2an (the same sentence with Arabic and with Chinese numerals): a pair *agrees* when both
  sentences give the same claims: the same values (or range bounds) and, for dates, the same
  period, as multisets.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
_TOL = Decimal("1e-9")


def quantulum_cases() -> list[dict]:
    """The quantulum3 spec: ``{"req": sentence, "res": [{"value", "unit", "surface"}, ...]}``."""
    return json.loads((DATA / "quantulum3_en_quantities.json").read_text(encoding="utf-8"))


def cn2an_pairs() -> list[dict]:
    """cn2an's transform pairs (``arabic``, ``chinese``, ``set``), without the licence record."""
    lines = (DATA / "cn2an_pairs.jsonl").read_text(encoding="utf-8").splitlines()
    return [rec for rec in map(json.loads, lines) if "_licence" not in rec]


def claims_of(text: str, lang: str | None = None) -> list:
    from factlib.claims.extract import extract_claims
    from factlib.documents.load import document_from_text

    return extract_claims(document_from_text(text, lang=lang))


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= _TOL * max(abs(a), abs(b), Decimal(1))


def _answers(claim) -> list[Decimal]:
    """The values a claim can answer with: its value, or a range's midpoint (and bounds)."""
    if claim.value is not None:
        return [Decimal(claim.value)]
    if claim.low is not None and claim.high is not None:
        return [(Decimal(claim.low) + Decimal(claim.high)) / 2]
    return []


def quantulum_found(text: str, expected: list[dict]) -> list[bool]:
    """Per expected quantity of ``text``: does a claim give its value (or midpoint)?"""
    claims = claims_of(text, "en")
    used: set[int] = set()
    out = []
    for exp in expected:
        want = Decimal(repr(exp["value"])) if isinstance(exp["value"], float) else Decimal(exp["value"])
        hit = next((i for i, c in enumerate(claims) if i not in used
                    and any(_close(v, want) for v in _answers(c))), None)
        if hit is not None:
            used.add(hit)
        out.append(hit is not None)
    return out


def pair_key(text: str) -> list[tuple]:
    """The claims of a cn2an sentence as comparable tuples (value or bounds; a date's period)."""
    out = []
    for c in claims_of(text, "zh-Hans"):
        if c.kind == "date":
            out.append(("date", c.period))
        elif c.value is not None:
            out.append(("value", Decimal(c.value).normalize()))
        else:
            out.append(("range", Decimal(c.low).normalize(), Decimal(c.high).normalize()))
    return sorted(out, key=repr)


def pair_agrees(rec: dict) -> bool:
    return pair_key(rec["arabic"]) == pair_key(rec["chinese"])
