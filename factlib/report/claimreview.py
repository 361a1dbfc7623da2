"""schema.org ``ClaimReview`` JSON-LD: the format fact-checkers publish their verdicts in.

:func:`claim_reviews` turns each ``contradicted`` or ``consistent`` finding into one
ClaimReview (``needs_review`` and ``unverifiable`` findings are not verdicts a reader can
publish, so they are left out): the claim (its sentence), where it appeared (the
document's URL and title from its front matter, else its id), the rating (1 = false for
contradicted, 5 = true for consistent, on a 1–5 scale, with the words) and the
explanation.  Google's fact-check markup and the ClaimReview project read this layout.

>>> reviews = claim_reviews(findings, claims, documents)      # doctest: +SKIP
>>> print(claim_reviews_json(reviews))                         # doctest: +SKIP
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from factlib.report.html import safe_href
from factlib.report.views import finding_views

__all__ = ["RATINGS", "claim_reviews", "claim_reviews_json"]

#: verdict → (ratingValue, alternateName) on a 1 (false) … 5 (true) scale
RATINGS = {"contradicted": (1, "False / 不符"), "consistent": (5, "True / 一致")}


def _documents(documents: Iterable[Any] | None) -> dict[str, Any]:
    return {str(d.id): d for d in documents or ()}


def claim_reviews(
    findings: Any,
    claims: Any = None,
    documents: Iterable[Any] | None = None,
    reference: Any = None,
    *,
    author: str = "factlib",
    date_published: dt.date | None = None,
) -> list[dict[str, Any]]:
    """One ClaimReview dict per contradicted or consistent finding (most urgent first)."""
    docs = _documents(documents)
    published = (date_published or dt.date.today()).isoformat()
    out = []
    for v in finding_views(findings, claims, reference):
        if v["verdict"] not in RATINGS:
            continue
        value, name = RATINGS[v["verdict"]]
        doc = docs.get(str(v["doc_id"]))
        appearance: dict[str, Any] = {"@type": "CreativeWork"}
        url = safe_href(getattr(doc, "url", None))
        if url:
            appearance["url"] = url
        appearance["headline"] = (getattr(doc, "title", None) or v["doc_id"]) if doc is not None else v["doc_id"]
        if doc is not None and getattr(doc, "date", None):
            appearance["datePublished"] = doc.date.isoformat()
        if doc is not None and getattr(doc, "source", None):
            appearance["publisher"] = {"@type": "Organization", "name": str(doc.source)}
        item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
        if "datePublished" in appearance:
            item["datePublished"] = appearance["datePublished"]
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": v["finding_id"],
            "datePublished": published,
            "author": {"@type": "Organization", "name": author},
            "claimReviewed": v["sentence"] or v["surface"],
            "itemReviewed": item,
            "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5, "worstRating": 1,
                             "alternateName": name},
            "reviewBody": v["explanation"],
        }
        sources = [s["url"] for s in v["sources"] if safe_href(s.get("url"))]
        if sources:
            review["citation"] = sources
        out.append(review)
    return out


def claim_reviews_json(reviews: list[Mapping[str, Any]]) -> str:
    """The reviews as one JSON-LD document (a JSON array), UTF-8 text, indented."""
    return json.dumps(list(reviews), ensure_ascii=False, indent=2) + "\n"
