"""Rich display in Jupyter: documents, corpora, claims and findings frames as readable HTML.

``import factlib`` registers these with the running IPython (by type name, so nothing
is imported until an object is shown): a :class:`~factlib.documents.load.Document` shows
its header and its text with the claims highlighted (coloured by verdict once checked),
a :class:`~factlib.documents.load.Corpus` a one-row-per-document summary instead of every
full text.  :func:`styled` wraps a claims or findings frame for the same tables the
reports use.

>>> import factlib
>>> doc = factlib.load_corpus("examples/corpus")[2]        # doctest: +SKIP
>>> doc                                                     # doctest: +SKIP
"""
from __future__ import annotations

from typing import Any
from factlib.report.rows import records

__all__ = ["Styled", "corpus_html", "document_html", "register", "styled"]


def _check_document(doc: Any) -> tuple[Any, Any]:
    """Claims and findings of one document (its own checks against the shipped figures)."""
    from factlib.checks import check
    from factlib.claims.frame import claims_frame
    from factlib.figures.load import load_reference

    claims = claims_frame([doc])
    findings = check(claims, reference=load_reference()) if len(claims) else None
    return claims, findings


def document_html(doc: Any, findings: Any = None, claims: Any = None) -> str:
    """Header, legend and the text of ``doc`` with its claims highlighted by verdict."""
    from factlib.report.html import document_header_html, highlight_document, legend_html
    from factlib.report.views import claim_verdicts

    if claims is None:
        claims, own = _check_document(doc)
        findings = own if findings is None else findings
    rows = claims[claims["doc_id"] == doc.id] if len(claims) else claims
    return (document_header_html(doc) + legend_html()
            + highlight_document(doc.text, records(rows), claim_verdicts(findings)))


def corpus_html(corpus: Any, limit: int = 200) -> str:
    """A summary table of a corpus: id, title, language, date, characters; then load errors."""
    from factlib.report.html import STYLE, esc, table_html

    rows = [{"id": d.id, "title": d.title or "", "lang": d.lang, "date": d.date.isoformat() if d.date else "",
             "characters": d.n_chars} for d in list(corpus)[:limit]]
    errors = list(getattr(corpus, "errors", []) or [])
    head = (f"<p><b>{len(corpus)} documents</b>"
            + (f", <b>{len(errors)} failed to load</b>" if errors else "") + "</p>")
    body = table_html(rows, ["id", "title", "lang", "date", "characters"]) if rows else ""
    if len(corpus) > limit:
        body += f'<p class="factlib-muted">{len(corpus) - limit} more documents not shown.</p>'
    if errors:
        body += table_html([{"path": str(getattr(e, "path", e)), "reason": str(getattr(e, "reason", e))}
                            for e in errors], ["path", "reason"])
    return f"<style>{STYLE}</style>{head}{body}" if rows or errors else f"{head}<p>{esc('(empty)')}</p>"


class Styled:
    """A claims or findings frame shown as the reports show it (``_repr_html_``)."""

    def __init__(self, frame: Any, claims: Any = None, reference: Any = None, findings: Any = None) -> None:
        self.frame, self.claims, self.reference, self.findings = frame, claims, reference, findings

    def _repr_html_(self) -> str:
        from factlib.report.html import claims_table_html, findings_table_html
        from factlib.report.views import claim_verdicts

        cols = set(getattr(self.frame, "columns", ()))
        if "verdict" in cols and "claim_ids" in cols:
            return findings_table_html(self.frame, claims=self.claims, reference=self.reference)
        return claims_table_html(self.frame, link_text=False, verdicts=claim_verdicts(self.findings))

    def __repr__(self) -> str:
        return f"Styled({len(self.frame)} rows)"


def styled(frame: Any, *, claims: Any = None, reference: Any = None, findings: Any = None) -> Styled:
    """``frame`` (claims or findings) for display: verdict colours, badges, numbers for humans.

    For findings pass ``claims`` (sentences, units) and ``reference`` (source links);
    for claims pass ``findings`` to colour each claim by its verdict.
    """
    if reference is None and claims is not None and "claim_ids" in getattr(frame, "columns", ()):
        from factlib.figures.load import load_reference

        reference = load_reference()
    return Styled(frame, claims=claims, reference=reference, findings=findings)


def register(ip: Any = None) -> bool:
    """Register the HTML formatters with IPython (``ip`` or the running shell); False outside IPython."""
    if ip is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        ip = get_ipython()
    if ip is None:
        return False
    html = ip.display_formatter.formatters["text/html"]
    html.for_type_by_name("factlib.documents.load", "Document", document_html)
    html.for_type_by_name("factlib.documents.load", "Corpus", corpus_html)
    return True
