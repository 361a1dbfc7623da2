"""Planted errors through the whole pipeline: extraction and the checks on the planted items of a
gold set, to count how many planted wrong figures come out ``contradicted``.

It runs the checks, so it sits above them (``factlib.claims.evaluate`` scores extraction alone).
"""
from __future__ import annotations

from collections.abc import Iterable

from factlib.claims.evaluate import _norm, gold_document

__all__ = ["planted_report"]


def planted_report(gold: Iterable[dict], extractor=None, reference=None) -> dict:
    """Run extraction and the checks on the planted items of ``gold``: how many planted wrong figures
    come out ``contradicted`` (the rest with their verdicts), and any contradicted finding on a claim
    that is not the planted one (a false alarm)."""
    import pandas as pd

    from factlib.checks import check
    from factlib.claims.extract import default_extractor
    from factlib.claims.frame import claims_frame

    extractor = extractor or default_extractor()
    planted = [g for g in gold if g.get("planted")]
    docs, spans = [], {}
    for g in planted:
        doc, offset = gold_document(g)
        docs.append(doc)
        spans[doc.id] = (offset, g["planted"]["surface"], g["text"])
    claims = claims_frame(docs, extractor=extractor)
    findings = check(claims, reference=reference, documents=docs)
    by_claim = claims.set_index("claim_id")
    caught, missed, false_alarms = [], [], []
    for doc in docs:
        offset, surface, text = spans[doc.id]
        mine = claims[(claims["doc_id"] == doc.id) & (claims["start"] >= offset)]
        ids = {cid for cid, row in zip(mine["claim_id"], mine.to_dict("records")) if _is_planted(row, spans)}
        verdicts = [v for cids, v in zip(findings["claim_ids"], findings["verdict"]) if ids & set(cids)]
        if "contradicted" in verdicts:
            caught.append(doc.id)
        else:
            missed.append((doc.id, surface, sorted(set(verdicts)) or ["no finding"]))
    for cids, v, expl in zip(findings["claim_ids"], findings["verdict"], findings["explanation"]):
        if v != "contradicted":
            continue
        rows = [by_claim.loc[cid] for cid in cids if cid in by_claim.index]
        if rows and not any(_is_planted(r, spans) for r in rows):
            false_alarms.append((rows[0]["doc_id"], rows[0]["surface"], expl))
    return {"planted": len(planted), "caught": caught, "missed": missed, "false_alarms": false_alarms,
            "findings": pd.DataFrame(findings)}


def _is_planted(row, spans) -> bool:
    """The claim ``row`` (of a planted item's document) is the planted wrong figure."""
    offset, surface, _ = spans[row["doc_id"]]
    a, b = _norm(surface), _norm(row["surface"])
    return row["start"] >= offset and (a == b or a in b and len(b) <= 2 * len(a) + 6)
