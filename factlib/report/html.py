"""HTML fragments and pages for reports: escaping, claim highlighting, tables, the index.

Every string that comes from a document, a claim, a finding or a reference row is
untrusted: it passes through :func:`esc` (text and attribute values) and URLs through
:func:`safe_href` (http/https only, so a ``javascript:`` link never becomes clickable).
Nothing here builds HTML by formatting untrusted text in unescaped.  Pages written by
factlib also carry a Content-Security-Policy that forbids every script (:data:`CSP`),
a second wall should a bug ever let markup through.
"""
from __future__ import annotations

import hashlib
import html
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlsplit

__all__ = [
    "CSP",
    "STYLE",
    "IndexEntry",
    "anchor_id",
    "claims_table_html",
    "document_header_html",
    "esc",
    "findings_table_html",
    "format_cell",
    "format_value",
    "heading",
    "highlight_document",
    "index_page",
    "page",
    "safe_href",
    "table_html",
]

#: No scripts, no plugins, no remote anything: images only as data: URIs or local files.
CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; "
    "font-src data:; base-uri 'none'; form-action 'none'"
)

#: CSS shared by the report fragments and the index (class names are prefixed).
STYLE = """
.factlib-doc { white-space: pre-wrap; line-height: 1.7; max-height: 36em; overflow-y: auto;
  border: 1px solid #ddd; padding: .6em .8em; font-size: 95%; background: #fcfcfc; }
.factlib-doc a.claim { background: #fff3b0; color: inherit; text-decoration: none;
  border-bottom: 2px solid #e0a800; border-radius: 2px; }
.factlib-doc a.claim:target, .factlib-table tr:target { background: #ffd966; }
.factlib-table { border-collapse: collapse; font-size: 90%; margin: .4em 0 1em 0; }
.factlib-table th, .factlib-table td { border: 1px solid #ddd; padding: 2px 6px; vertical-align: top;
  text-align: left !important; }
.factlib-table th { background: #f3f3f3; }
.factlib-table td.num { text-align: right !important; font-variant-numeric: tabular-nums; }
.verdict-contradicted { background: #f8d0d0; }
.verdict-consistent { background: #d5f0d5; }
.verdict-needs_review { background: #fff0c0; }
.verdict-unverifiable { background: #eeeeee; }
.status-failed { background: #f8d0d0; }
.factlib-error { white-space: pre-wrap; color: #900; font-family: monospace; font-size: 85%; }
.factlib-muted { color: #777; }
"""


def esc(value: Any) -> str:
    """Escape ``value`` for HTML text *and* attribute values (quotes included)."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_href(url: Any) -> str | None:
    """``url`` if it is an absolute http(s) URL without control characters, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(ord(c) < 32 or c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def anchor_id(prefix: str, key: Any) -> str:
    """A valid, collision-free HTML id for ``key`` (e.g. a claim id), readable when possible."""
    text = str(key)
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", text)
    if safe != text or not safe:
        safe = f"{safe[:40]}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"
    return f"{prefix}-{safe}"


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def format_value(value: Any) -> str:
    """A number without scientific notation or float noise: 1067000000.0 → '1,067,000,000'."""
    if _missing(value):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, Decimal)) or hasattr(value, "item"):
        v = value.item() if hasattr(value, "item") else value
        if isinstance(v, float) and math.isinf(v):
            return "∞" if v > 0 else "−∞"
        d = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
        d = d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
        return f"{d:,f}"
    return str(value)


def format_cell(value: Any) -> str:
    """Plain text for one table cell (lists joined, numbers via :func:`format_value`)."""
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        items = value.tolist() if hasattr(value, "tolist") else value
        return ", ".join(format_cell(v) for v in items)
    if isinstance(value, Mapping):
        return _format_interval(value) if {"value", "low", "high"} & set(value) else ", ".join(
            f"{k}={format_cell(v)}" for k, v in value.items()
        )
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) or hasattr(value, "item"):
        return format_value(value)
    return "" if _missing(value) else str(value)


def _format_interval(d: Mapping[str, Any]) -> str:
    """An observed/expected cell: its text, else its value, else its interval."""
    text = d.get("text")
    if isinstance(text, str) and text:
        return text
    value, low, high = (format_value(d.get(k)) for k in ("value", "low", "high"))
    if value:
        return value
    if low and high:
        return low if low == high else f"[{low}, {high}]"
    if low:
        return f"≥ {low}"
    if high:
        return f"≤ {high}"
    return ""


def highlight_document(text: str, claims: Iterable[Mapping[str, Any]]) -> str:
    """The document ``text``, escaped, with every claim span a link to its table row.

    ``claims`` are mappings with ``claim_id``, ``start``, ``end`` (offsets into
    ``text``) and optionally ``kind``, ``value``, ``metric_key``, ``period``.  Spans that
    are out of bounds or overlap an earlier span are left unmarked (the table still
    lists them).  Each mark has id ``text-…`` so the table can link back.
    """
    spans = []
    for c in claims:
        try:
            start, end = int(c["start"]), int(c["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= start < end <= len(text):
            spans.append((start, end, c))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    pos = 0
    for start, end, c in spans:
        if start < pos:
            continue
        out.append(esc(text[pos:start]))
        tip = " · ".join(
            part
            for part in (
                format_cell(c.get("kind")),
                format_value(c.get("value")),
                format_cell(c.get("unit")),
                format_cell(c.get("metric_key")),
                format_cell(c.get("period")),
            )
            if part
        )
        out.append(
            f'<a class="claim" id="{esc(anchor_id("text", c.get("claim_id")))}" '
            f'href="#{esc(anchor_id("claim", c.get("claim_id")))}" title="{esc(tip)}">'
            f"{esc(text[start:end])}</a>"
        )
        pos = end
    out.append(esc(text[pos:]))
    return f'<style>{STYLE}</style><div class="factlib-doc">{"".join(out)}</div>'


def _is_numeric_column(values: Sequence[Any]) -> bool:
    seen = False
    for v in values:
        if _missing(v):
            continue
        if isinstance(v, bool) or not (isinstance(v, (int, float, Decimal)) or hasattr(v, "item")):
            return False
        seen = True
    return seen


def table_html(
    rows: Any,
    columns: Sequence[str] | None = None,
    *,
    row_ids: Sequence[str] | None = None,
    row_classes: Sequence[str] | None = None,
    links: Mapping[str, Sequence[str | None]] | None = None,
    caption: str | None = None,
    max_rows: int | None = None,
) -> str:
    """An escaped HTML table from a DataFrame (or a list of dicts).

    ``links`` maps a column name to one href per row (already built by the caller from
    trusted parts, e.g. ``#claim-…`` anchors or :func:`safe_href` results); ``None``
    means no link.  ``row_ids`` / ``row_classes`` give each ``<tr>`` an id / class.
    """
    records = rows.to_dict("records") if hasattr(rows, "to_dict") else [dict(r) for r in rows]
    if columns is None:
        columns = list(rows.columns) if hasattr(rows, "columns") else list(records[0] if records else [])
    columns = [c for c in columns if not records or c in records[0]]
    shown = records if max_rows is None else records[:max_rows]
    numeric = {c: _is_numeric_column([r.get(c) for r in shown]) for c in columns}
    parts = ['<table class="factlib-table">']
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append("<thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in columns) + "</tr></thead><tbody>")
    for i, r in enumerate(shown):
        attrs = ""
        if row_ids is not None:
            attrs += f' id="{esc(row_ids[i])}"'
        if row_classes is not None and row_classes[i]:
            attrs += f' class="{esc(row_classes[i])}"'
        cells = []
        for c in columns:
            text = esc(format_cell(r.get(c)))
            href = links.get(c)[i] if links and c in links else None
            if href:
                text = f'<a href="{esc(href)}">{text}</a>'
            cls = ' class="num"' if numeric[c] else ""
            cells.append(f"<td{cls}>{text}</td>")
        parts.append(f"<tr{attrs}>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    if max_rows is not None and len(records) > max_rows:
        parts.append(f'<p class="factlib-muted">{len(records) - max_rows} more rows not shown.</p>')
    return f"<style>{STYLE}</style>" + "".join(parts)


CLAIM_COLUMNS = (
    "surface", "value", "low", "high", "qualifier", "kind", "unit",
    "metric", "metric_key", "period", "sentence_id",
)


def claims_table_html(claims: Any, columns: Sequence[str] = CLAIM_COLUMNS, *, link_text: bool = True) -> str:
    """Claims table; each row has id ``claim-…`` and its surface links to ``#text-…``."""
    records = claims.to_dict("records") if hasattr(claims, "to_dict") else list(claims)
    ids = [anchor_id("claim", r.get("claim_id")) for r in records]
    links = {"surface": [f"#{anchor_id('text', r.get('claim_id'))}" for r in records]} if link_text else None
    return table_html(records, list(columns), row_ids=ids, links=links)


FINDING_COLUMNS = (
    "verdict", "check", "metric_key", "period", "observed", "expected", "rel_diff", "doc_ids", "explanation",
)


def findings_table_html(
    findings: Any, columns: Sequence[str] = FINDING_COLUMNS, *, claim_links: bool = False
) -> str:
    """Findings table, rows coloured by verdict; optionally the claim ids link to claim rows."""
    records = findings.to_dict("records") if hasattr(findings, "to_dict") else list(findings)
    if hasattr(findings, "columns") and "observed_value" in findings.columns:
        # flat findings columns: the observed/expected cells are rendered for the shown rows only
        from factlib.checks.findings import interval_view

        for side in ("observed", "expected"):
            if side in columns and side not in findings.columns:
                for r, d in zip(records, interval_view(findings, side)):
                    r[side] = d
    classes = [f"verdict-{re.sub(r'[^a-z_]', '', str(r.get('verdict', '')))}" for r in records]
    cols = list(columns)
    links = None
    if claim_links:
        cols = [*cols, "claim"]
        for r in records:
            ids = r.get("claim_ids")
            ids = list(ids) if ids is not None and not isinstance(ids, str) else ([ids] if ids else [])
            r["claim"] = ids[0] if ids else ""
        links = {"claim": [f"#{anchor_id('claim', r['claim'])}" if r["claim"] else None for r in records]}
    return table_html(records, cols, row_classes=classes, links=links)


def heading(text: Any, level: int = 2) -> str:
    """An escaped heading (``<h2>`` by default) for a notebook output."""
    level = min(6, max(1, int(level)))
    return f"<h{level}>{esc(text)}</h{level}>"


def document_header_html(doc: Any) -> str:
    """Title, date, language, source and link of a document, all escaped; the URL is a
    link only when it is http(s)."""
    rows = [
        ("id", doc.id),
        ("date", doc.date.isoformat() if getattr(doc, "date", None) else ""),
        ("lang", getattr(doc, "lang", "")),
        ("source", getattr(doc, "source", "") or ""),
        ("author", getattr(doc, "author", "") or ""),
    ]
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows if v)
    url = getattr(doc, "url", None)
    href = safe_href(url)
    if href:
        cells += f'<tr><th>url</th><td><a href="{esc(href)}" rel="noopener noreferrer">{esc(url)}</a></td></tr>'
    elif url:
        cells += f"<tr><th>url</th><td>{esc(url)}</td></tr>"
    title = getattr(doc, "title", None) or doc.id
    return f'<style>{STYLE}</style><h2>{esc(title)}</h2><table class="factlib-table">{cells}</table>'


def page(title: str, body_html: str) -> str:
    """A complete standalone HTML page (UTF-8, CSP, the shared style) around ``body_html``."""
    return (
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n"
        "body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', "
        "sans-serif; margin: 1.5em auto; max-width: 70em; padding: 0 1em; color: #222; }\n"
        f"{STYLE}</style>\n</head>\n<body>\n{body_html}\n</body>\n</html>\n"
    )


@dataclass(frozen=True)
class IndexEntry:
    """One line of the index: a report (or a failed attempt at one)."""

    kind: str            # corpus_overview | metric_crosscheck | document_report | translation_alignment
    title: str           # what it is about (a document title, a metric key …) — untrusted
    href: str | None     # relative path of the HTML report, None when it failed before export
    summary: str = ""    # the notebook's one-line summary — untrusted
    error: str | None = None  # "ename: evalue" when the notebook failed


def _rel_href(path: str) -> str:
    """Percent-encode a relative path for an href (spaces, quotes, CJK stay safe)."""
    return quote(path, safe="/")


def index_page(
    entries: Sequence[IndexEntry],
    *,
    title: str = "factlib reports",
    corpus: str = "",
    data_files: Sequence[str] = (),
    stats: Mapping[str, Any] | None = None,
) -> str:
    """The ``index.html`` page linking every report with its one-line summary or error."""
    failed = [e for e in entries if e.error]
    head = [f"<h1>{esc(title)}</h1>"]
    if corpus:
        head.append(f'<p>Corpus: <code>{esc(corpus)}</code></p>')
    head.append(
        f"<p>{len(entries)} reports, "
        + (f'<strong class="status-failed">{len(failed)} failed</strong>' if failed else "none failed")
        + ".</p>"
    )
    if stats:
        head.append(
            '<p class="factlib-muted">'
            + esc(", ".join(f"{k}: {format_cell(v)}" for k, v in stats.items()))
            + "</p>"
        )
    if data_files:
        head.append(
            "<p>Data: "
            + " · ".join(f'<a href="{esc(_rel_href(f))}">{esc(f)}</a>' for f in data_files)
            + "</p>"
        )
    sections = []
    order = ["corpus_overview", "metric_crosscheck", "document_report", "translation_alignment"]
    kinds = sorted({e.kind for e in entries}, key=lambda k: (order.index(k) if k in order else 99, k))
    for kind in kinds:
        rows = []
        for e in (e for e in entries if e.kind == kind):
            name = esc(e.title)
            if e.href:
                name = f'<a href="{esc(_rel_href(e.href))}">{name}</a>'
            if e.error:
                status = f'<td class="status-failed">failed</td><td><div class="factlib-error">{esc(e.error)}</div></td>'
            else:
                status = f"<td>ok</td><td>{esc(e.summary)}</td>"
            rows.append(f"<tr><td>{name}</td>{status}</tr>")
        sections.append(
            f"<h2>{esc(kind.replace('_', ' '))}</h2>"
            '<table class="factlib-table"><thead><tr><th>report</th><th>status</th><th>summary</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    return page(title, "\n".join(head + sections))
