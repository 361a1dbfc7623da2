"""HTML fragments and pages for reports: escaping, claim highlighting, tables, the index.

Every string that comes from a document, a claim, a finding or a reference row is
untrusted: it passes through :func:`esc` (text and attribute values) and URLs through
:func:`safe_href` (http/https only, so a ``javascript:`` link never becomes clickable).
Nothing here builds HTML by formatting untrusted text in unescaped.  Pages written by
factlib also carry a Content-Security-Policy (:data:`CSP`) that forbids every script but one —
factlib's own table sorter and filter (:mod:`factlib.report.sortable`), allowed by its hash — a
second wall should a bug ever let markup through.
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

from factlib.checks.humanize import exact_number, human_number, interval_words
from factlib.report.sortable import SCRIPT_HASH, script_tag
from factlib.report.views import VERDICT_LABELS, VERDICTS, finding_views, is_missing, verdict_rank
from factlib.report.rows import records as frame_rows

__all__ = [
    "CSP",
    "STYLE",
    "IndexEntry",
    "anchor_id",
    "attention_cards_html",
    "reference_table_html",
    "legend_html",
    "verdict_badge",
    "verdict_label",
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

#: No plugins, no remote anything, images only as data: URIs or local files, and no script but
#: factlib's table sorter (allowed by its SHA-256: any other inline script or handler is blocked).
CSP = (
    f"default-src 'none'; script-src {SCRIPT_HASH}; img-src 'self' data:; style-src 'unsafe-inline'; "
    "font-src data:; base-uri 'none'; form-action 'none'"
)

#: CSS shared by the report fragments and the index (class names are prefixed).  Verdict
#: colours are set on the cells with ``!important`` and a selector more specific than the
#: notebook page's own (JupyterLab stripes odd rows and highlights hovered ones), so a
#: contradicted row stays red inside a report exported from a notebook.
STYLE = """
.factlib-doc { white-space: pre-wrap; line-height: 1.8; max-height: 36em; overflow-y: auto;
  border: 1px solid #ddd; padding: .6em .8em; font-size: 95%; background: #fcfcfc; }
.factlib-doc a.claim { background: #fff3b0; color: inherit; text-decoration: none;
  border-bottom: 2px solid #e0a800; border-radius: 2px; }
.factlib-doc a.claim:target, .factlib-table tr:target > td { outline: 2px solid #1a56db; }
a.claim.v-contradicted, mark.v-contradicted { background: #f6b8b8 !important; border-bottom: 3px solid #b00020 !important; }
a.claim.v-needs_review, mark.v-needs_review { background: #ffe08a !important; border-bottom: 3px dashed #a86b00 !important; }
a.claim.v-consistent, mark.v-consistent { background: #cdeccd !important; border-bottom: 2px solid #2e7d32 !important; }
a.claim.v-unverifiable, mark.v-unverifiable { background: #e6e6e6 !important; border-bottom: 2px dotted #777 !important; }
mark.v-none { background: #fff3b0; border-bottom: 2px solid #e0a800; }
a.claim.v-contradicted::after { content: "✗"; color: #b00020; font-size: 75%; vertical-align: super; }
a.claim.v-needs_review::after { content: "?"; color: #a86b00; font-size: 75%; vertical-align: super; }
a.claim.v-consistent::after { content: "✓"; color: #2e7d32; font-size: 75%; vertical-align: super; }
a.claim.v-unverifiable::after { content: "–"; color: #777; font-size: 75%; vertical-align: super; }
.factlib-table { border-collapse: collapse; font-size: 90%; margin: .4em 0 1em 0;
  table-layout: auto !important; max-width: 100%; }
.factlib-table.factlib-wide { width: 100%; }
.factlib-table th, .factlib-table td { border: 1px solid #ddd; padding: 3px 6px; vertical-align: top;
  text-align: left !important; white-space: normal !important; overflow-wrap: break-word; }
.factlib-table td.factlib-explanation, .factlib-table td.factlib-source, .factlib-table td.factlib-sentence
  { overflow-wrap: anywhere; }
.factlib-table th { background: #f3f3f3; }
.factlib-table td.num { text-align: right !important; font-variant-numeric: tabular-nums; white-space: nowrap !important; }
.factlib-table td.factlib-explanation { min-width: 18em; font-size: 92%; }
.factlib-table td.factlib-sentence { min-width: 14em; }
.factlib-table td.factlib-figure { min-width: 8em; }
.factlib-table td.factlib-diff { min-width: 7em; }
.factlib-table td.factlib-source { min-width: 9em; font-size: 92%; }
.factlib-table td.factlib-verdict { min-width: 7.5em; }
.factlib-table tbody tr.verdict-contradicted > td, .factlib-table tbody tr.verdict-contradicted:nth-child(odd) > td,
.jp-RenderedHTMLCommon .factlib-table tbody tr.verdict-contradicted > td { background: #fbd5d5 !important; }
.factlib-table tbody tr.verdict-needs_review > td, .factlib-table tbody tr.verdict-needs_review:nth-child(odd) > td,
.jp-RenderedHTMLCommon .factlib-table tbody tr.verdict-needs_review > td { background: #fff1c2 !important; }
.factlib-table tbody tr.verdict-consistent > td, .factlib-table tbody tr.verdict-consistent:nth-child(odd) > td,
.jp-RenderedHTMLCommon .factlib-table tbody tr.verdict-consistent > td { background: #e3f4e3 !important; }
.factlib-table tbody tr.verdict-unverifiable > td, .factlib-table tbody tr.verdict-unverifiable:nth-child(odd) > td,
.jp-RenderedHTMLCommon .factlib-table tbody tr.verdict-unverifiable > td { background: #f1f1f1 !important; }
.factlib-badge { display: inline-block; white-space: nowrap; font-weight: 600; font-size: 85%; padding: 0 .45em;
  border-radius: .8em; border: 1px solid currentColor; background: #fff; }
.factlib-badge.v-contradicted { color: #b00020; } .factlib-badge.v-needs_review { color: #8a5a00; }
.factlib-badge.v-consistent { color: #1b5e20; } .factlib-badge.v-unverifiable { color: #555; }
.factlib-badge.v-none { color: #7a5c00; font-weight: normal; }
.factlib-table th.factlib-sortable { cursor: pointer; user-select: none; }
.factlib-table th.factlib-sortable::after { content: "\\00a0⇅"; color: #aaa; font-weight: normal; }
.factlib-table th[aria-sort="ascending"]::after { content: "\\00a0▲"; color: #333; }
.factlib-table th[aria-sort="descending"]::after { content: "\\00a0▼"; color: #333; }
.factlib-search { font-size: 90%; margin: .3em 0; }
.factlib-search input { width: 16em; margin-right: .5em; }
.factlib-legend { font-size: 90%; margin: .3em 0 .6em 0; }
.factlib-legend span { margin-right: .8em; }
.factlib-cards { display: grid; grid-template-columns: 1fr; gap: .7em; margin: .5em 0 1.2em 0; }
.factlib-card { border: 1px solid #ccc; border-left: 8px solid #999; border-radius: 4px; padding: .5em .8em;
  background: #fff; }
.factlib-card.verdict-contradicted { border-left-color: #b00020; background: #fff5f5; }
.factlib-card.verdict-needs_review { border-left-color: #d99a00; background: #fffaeb; }
.factlib-card blockquote { margin: .3em 0; padding: .2em .6em; border-left: 3px solid #ddd; color: #333; }
.factlib-card dl { display: grid; grid-template-columns: max-content 1fr; gap: .15em .8em; margin: .3em 0; }
.factlib-card dt { color: #666; } .factlib-card dd { margin: 0; }
.factlib-filter { font-size: 90%; margin: .3em 0; }
.factlib-filter input { margin-left: .8em; }
.factlib-filter > input.f-c:checked ~ table tbody tr:not(.verdict-contradicted),
.factlib-filter > input.f-r:checked ~ table tbody tr:not(.verdict-needs_review),
.factlib-filter > input.f-p:checked ~ table tbody tr:not(.verdict-contradicted):not(.verdict-needs_review),
.factlib-filter > input.f-k:checked ~ table tbody tr:not(.verdict-consistent) { display: none; }
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


def format_value(value: Any) -> str:
    """A number without scientific notation or float noise: 1067000000.0 → '1,067,000,000'."""
    if is_missing(value):
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
    return "" if is_missing(value) else str(value)


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


def highlight_document(
    text: str, claims: Iterable[Mapping[str, Any]], verdicts: Mapping[str, str] | None = None
) -> str:
    """The document ``text``, escaped, with every claim span a link to its table row.

    ``claims`` are mappings with ``claim_id``, ``start``, ``end`` (offsets into
    ``text``) and optionally ``kind``, ``value``, ``metric_key``, ``period``.  Spans that
    are out of bounds or overlap an earlier span are left unmarked (the table still
    lists them).  Each mark has id ``text-…`` so the table can link back.  ``verdicts``
    (claim id → verdict, see :func:`factlib.report.views.claim_verdicts`) colours a mark
    by the most urgent finding about its claim and names the verdict in its title.
    """
    verdicts = verdicts or {}
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
        verdict = verdicts.get(str(c.get("claim_id")), "")
        tip = " · ".join(
            part
            for part in (
                verdict_label(verdict) if verdict else (NO_FINDING_LABEL if verdicts else ""),
                format_cell(c.get("kind")),
                exact_number(c.get("value")),
                format_cell(c.get("unit")),
                format_cell(c.get("metric_key")),
                format_cell(c.get("period")),
            )
            if part
        )
        cls = f"claim v-{_verdict_class(verdict)}" if verdict else "claim"
        out.append(
            f'<a class="{cls}" id="{esc(anchor_id("text", c.get("claim_id")))}" '
            f'href="#{esc(anchor_id("claim", c.get("claim_id")))}" title="{esc(tip)}">'
            f"{esc(text[start:end])}</a>"
        )
        pos = end
    out.append(esc(text[pos:]))
    return f'<style>{STYLE}</style><div class="factlib-doc">{"".join(out)}</div>'


def _is_numeric_column(values: Sequence[Any]) -> bool:
    seen = False
    for v in values:
        if is_missing(v):
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
    titles: Mapping[str, Sequence[str | None]] | None = None,
    wide: bool = False,
    sort_keys: Mapping[str, Sequence[Any]] | None = None,
) -> str:
    """An escaped HTML table from a DataFrame (or a list of dicts).

    ``links`` maps a column name to one href per row (already built by the caller from
    trusted parts, e.g. ``#claim-…`` anchors or :func:`safe_href` results); ``None``
    means no link.  ``row_ids`` / ``row_classes`` give each ``<tr>`` an id / class.
    ``titles`` maps a column to one hover text per row (e.g. the exact value of a rounded
    number).  ``sort_keys`` maps a column to one number per row that the page's sorter uses
    instead of the shown text (``data-sort``: the exact value of ``10.67亿人``).
    """
    records = frame_rows(rows)
    if columns is None:
        columns = list(rows.columns) if hasattr(rows, "columns") else list(records[0] if records else [])
    columns = [c for c in columns if not records or c in records[0]]
    shown = records if max_rows is None else records[:max_rows]
    numeric = {c: _is_numeric_column([r.get(c) for r in shown]) for c in columns}
    parts = ['<table class="factlib-table factlib-wide">' if wide else '<table class="factlib-table">']
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
            tip = titles.get(c)[i] if titles and c in titles else None
            if href:
                text = f'<a href="{esc(href)}">{text}</a>'
            if tip:
                text = f'<span title="{esc(tip)}">{text}</span>'
            cls = ' class="num"' if numeric[c] else ""
            key = sort_keys.get(c)[i] if sort_keys and c in sort_keys else None
            cls += f' data-sort="{esc(_sort_key(key))}"' if _sort_key(key) else ""
            cells.append(f"<td{cls}>{text}</td>")
        parts.append(f"<tr{attrs}>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    if max_rows is not None and len(records) > max_rows:
        parts.append(f'<p class="factlib-muted">{len(records) - max_rows} more rows not shown.</p>')
    return f"<style>{STYLE}</style>" + "".join(parts)


def _sort_key(value: Any) -> str:
    """A finite number as the text of a ``data-sort`` attribute, else ``""``."""
    try:
        f = float(value)
    except (TypeError, ValueError):
        return ""
    return repr(f) if math.isfinite(f) else ""


CLAIM_COLUMNS = (
    "surface", "value", "range", "qualifier", "kind", "metric", "metric_key", "period", "verdict",
)


def claims_table_html(
    claims: Any,
    columns: Sequence[str] = CLAIM_COLUMNS,
    *,
    link_text: bool = True,
    verdicts: Mapping[str, str] | None = None,
) -> str:
    """Claims table; each row has id ``claim-…`` and its surface links to ``#text-…``.

    ``value`` is shown for humans in the document's style (``10.67亿人``) with the exact
    value on hover; ``range`` is the interval of a qualified claim (约, 超, 近 …);
    ``verdict`` (from ``verdicts``: claim id → verdict) colours the row.
    """
    records = frame_rows(claims) if hasattr(claims, "to_dict") else list(claims)
    verdicts = verdicts or {}
    titles: dict[str, list[str | None]] = {"value": []}
    sort_keys: dict[str, list[Any]] = {"value": [], "verdict": []}
    for r in records:
        value = r.get("value")
        sort_keys["value"].append(value)
        sort_keys["verdict"].append(verdict_rank(verdicts.get(str(r.get("claim_id")), "")) if verdicts else None)
        unit = r.get("unit_surface") or r.get("unit") or ""
        titles["value"].append(f"exact: {exact_number(value)} {unit}".strip() if exact_number(value) else None)
        r["value"] = human_number(value, unit, lang=r.get("lang") or "zh-Hans", kind=r.get("kind"))
        qualifier = r.get("qualifier")
        r["range"] = "" if qualifier in (None, "", "exact") else interval_words(
            r.get("low"), r.get("high"), None, unit, lang=r.get("lang") or "zh-Hans", kind=r.get("kind"))
        verdict = verdicts.get(str(r.get("claim_id")), "")
        r["verdict"] = verdict_label(verdict) if verdict else ""
    present = set(records[0]) if records else set()
    cols = [c for c in columns if c in present or c in ("range", "verdict")]
    if not verdicts:
        cols = [c for c in cols if c != "verdict"]
    ids = [anchor_id("claim", r.get("claim_id")) for r in records]
    classes = [f"verdict-{_verdict_class(verdicts.get(str(r.get('claim_id')), ''))}"
               if verdicts.get(str(r.get("claim_id"))) else "" for r in records]
    links = {"surface": [f"#{anchor_id('text', r.get('claim_id'))}" for r in records]} if link_text else None
    return table_html(records, cols, row_ids=ids, links=links, titles=titles, row_classes=classes, wide=True,
                      sort_keys=sort_keys)


FINDING_COLUMNS = (
    "verdict", "check", "metric_key", "period", "observed", "expected", "rel_diff", "doc_ids", "explanation",
)


def _verdict_class(verdict: Any) -> str:
    return re.sub(r"[^a-z_]", "", str(verdict or ""))


def verdict_label(verdict: Any) -> str:
    """``✗ contradicted / 不符`` — the icon and words shown with a verdict's colour."""
    icon, en, zh = VERDICT_LABELS.get(str(verdict), ("·", str(verdict or ""), ""))
    return " ".join(p for p in (icon, en, f"/ {zh}" if zh else "") if p)


def verdict_badge(verdict: Any) -> str:
    """A coloured badge with an icon and the verdict's name (colour is never the only signal)."""
    return f'<span class="factlib-badge v-{_verdict_class(verdict)}">{esc(verdict_label(verdict))}</span>'


NO_FINDING_LABEL = "· no finding / 未核查"


def legend_html() -> str:
    """What the colours and icons mean: one entry per verdict, and one for a claim no check
    produced a finding about (the plain highlight)."""
    items = "".join(
        f'<span><mark class="v-{v}">10.67亿</mark> {verdict_badge(v)}</span>'
        for v in VERDICTS
    )
    items += (f'<span><mark class="v-none">10.67亿</mark> '
              f'<span class="factlib-badge v-none">{esc(NO_FINDING_LABEL)}</span></span>')
    return f'<style>{STYLE}</style><div class="factlib-legend">Colours / 颜色: {items}</div>'


def _sentence_html(sentence: str, surface: str, verdict: str) -> str:
    """The sentence, escaped, with the claim's words marked in the verdict's colour."""
    sentence, surface = str(sentence or ""), str(surface or "")
    i = sentence.find(surface) if surface else -1
    if i < 0:
        return esc(sentence or surface)
    return (
        f"{esc(sentence[:i])}<mark class=\"v-{_verdict_class(verdict)}\">{esc(surface)}</mark>"
        f"{esc(sentence[i + len(surface):])}"
    )


def _sources_html(sources: Sequence[Mapping[str, Any]], limit: int = 3) -> str:
    links = []
    for src in list(sources)[:limit]:
        href = safe_href(src.get("url"))
        name = esc(src.get("name") or src.get("url"))
        tier = "" if src.get("primary") else ' <span class="factlib-muted">(reprint / secondary)</span>'
        links.append(f'<a href="{esc(href)}" rel="noopener noreferrer" target="_blank">{name}</a>{tier}'
                     if href else f"{name}{tier}")
    more = len(sources) - limit
    if more > 0:
        links.append(f'<span class="factlib-muted">+{more} more</span>')
    return "<br>".join(links)


def _figure_html(view: Mapping[str, Any]) -> str:
    text = esc(view.get("expected_text"))
    exact = view.get("expected_exact")
    return f'<span title="exact: {esc(exact)}">{text}</span>' if exact and text else text


def _surface_html(view: Mapping[str, Any], link: bool) -> str:
    text = esc(view.get("surface"))
    exact = view.get("observed_exact")
    title = f' title="exact: {esc(exact)}"' if exact else ""
    if link and view.get("claim_id"):
        return f'<a href="#{esc(anchor_id("text", view["claim_id"]))}"{title}>{text}</a>'
    return f"<span{title}>{text}</span>" if title else text


_FILTER_ID = [0]


def _filter_controls(counts: Mapping[str, int]) -> str:
    """Radio buttons that show all rows or one kind of verdict (pure CSS: no script)."""
    _FILTER_ID[0] += 1
    name = f"factlib-filter-{_FILTER_ID[0]}"
    options = [("a", "all", sum(counts.values())),
               ("p", "needs a person", counts.get("contradicted", 0) + counts.get("needs_review", 0)),
               ("c", "contradicted", counts.get("contradicted", 0)),
               ("r", "needs review", counts.get("needs_review", 0)),
               ("k", "consistent", counts.get("consistent", 0))]
    return "Show / 显示:" + "".join(
        f'<input type="radio" class="f-{key}" name="{name}" id="{name}-{key}"{" checked" if key == "a" else ""}>'
        f'<label for="{name}-{key}">{esc(label)} ({n})</label>'
        for key, label, n in options
    )


def findings_table_html(
    findings: Any,
    columns: Sequence[str] | None = None,
    *,
    claim_links: bool = False,
    claims: Any = None,
    reference: Any = None,
    filters: bool = True,
) -> str:
    """Findings, most urgent first, each row coloured by verdict with a badge.

    By default a reader's table: verdict, the claim in its sentence, the figure it was
    checked against (with its unit; exact value on hover), the difference in words, the
    explanation and the sources (primary first).  ``claims`` and ``reference`` (the
    context's frames) supply sentences, units and source links.  With ``columns`` the
    raw columns are shown instead.  ``claim_links`` links each claim to its highlight in
    the document text on the same page.
    """
    if columns is not None:
        return _raw_findings_table(findings, columns, claim_links=claim_links)
    views = finding_views(findings, claims, reference)
    order = sorted(range(len(views)), key=lambda i: (verdict_rank(views[i]["verdict"]),
                                                     -abs(_float(views[i]["rel_diff"]))))
    views = [views[i] for i in order]
    if not views:
        return f'<style>{STYLE}</style><p class="factlib-muted">No findings. / 无核查结果。</p>'
    head = ("<thead><tr><th>verdict</th><th>claim / 声明</th><th>checked against / 核对数字</th>"
            "<th>difference / 差异</th><th>explanation / 说明</th><th>source / 来源</th></tr></thead>")
    rows = []
    for v in views:
        cls = f"verdict-{_verdict_class(v['verdict'])}"
        claim = (f'<b>{_surface_html(v, claim_links)}</b>'
                 f'<div class="factlib-muted">{esc(v["metric_key"])} {esc(v["period"])} · {esc(v["check"])}'
                 f' · {esc(v["doc_id"])}</div>')
        sentence = _sentence_html(v["sentence"], v["surface"], v["verdict"])
        if sentence and sentence != esc(v["surface"]):
            claim += f'<div>{sentence}</div>'
        rows.append(
            f'<tr class="{cls}"><td class="factlib-verdict" data-sort="{verdict_rank(v["verdict"])}">'
            f'{verdict_badge(v["verdict"])}</td>'
            f'<td class="factlib-sentence">{claim}</td>'
            f'<td class="factlib-figure"{_data_sort(v.get("expected_value"))}>{_figure_html(v)}'
            f'<div class="factlib-muted">{esc(v["against"])}</div></td>'
            f'<td class="factlib-diff"{_data_sort(abs(_float(v["rel_diff"])))}>{esc(v["difference"])}</td>'
            f'<td class="factlib-explanation">{esc(v["explanation"])}</td>'
            f'<td class="factlib-source">{_sources_html(v["sources"])}</td></tr>'
        )
    table = f'<table class="factlib-table factlib-wide factlib-findings">{head}<tbody>{"".join(rows)}</tbody></table>'
    if filters and len(views) > 1:
        counts: dict[str, int] = {}
        for v in views:
            counts[v["verdict"]] = counts.get(v["verdict"], 0) + 1
        table = f'<div class="factlib-filter">{_filter_controls(counts)}{table}</div>'
    return f"<style>{STYLE}</style>{legend_html()}{table}"


def _data_sort(value: Any) -> str:
    key = _sort_key(value)
    return f' data-sort="{esc(key)}"' if key else ""


def _float(x: Any) -> float:
    try:
        f = float(x)
    except (TypeError, ValueError):
        return 0.0
    return 0.0 if math.isnan(f) else f


def _raw_findings_table(findings: Any, columns: Sequence[str], *, claim_links: bool) -> str:
    records = frame_rows(findings) if hasattr(findings, "to_dict") else list(findings)
    if hasattr(findings, "columns") and "observed_value" in findings.columns:
        # flat findings columns: the observed/expected cells are rendered for the shown rows only
        from factlib.checks.findings import interval_view

        for side in ("observed", "expected"):
            if side in columns and side not in findings.columns:
                for r, d in zip(records, interval_view(findings, side)):
                    r[side] = d
    classes = [f"verdict-{_verdict_class(r.get('verdict', ''))}" for r in records]
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


def reference_table_html(reference: Any) -> str:
    """Official figures: period, value with its unit (exact on hover), qualifier, the quoted
    passage and a clickable source (primary sources before reprints and secondary ones)."""
    records = frame_rows(reference) if hasattr(reference, "to_dict") else list(reference)
    if not records:
        return '<p class="factlib-muted">No official figure for this metric in the reference data.</p>'
    records.sort(key=lambda r: (str(r.get("period") or ""), bool(r.get("lower_tier"))))
    rows = []
    for r in records:
        unit = r.get("unit") or ""
        value = human_number(r.get("value"), unit, lang="zh-Hans", kind=r.get("kind"))
        exact = exact_number(r.get("value"))
        src = _sources_html([{"name": r.get("source_name"), "url": r.get("source_url"),
                              "primary": not bool(r.get("lower_tier"))}])
        rows.append(
            f"<tr><td>{esc(r.get('period'))}</td>"
            f'<td class="num"><span title="exact: {esc(exact)} {esc(unit)}">{esc(value)}</span></td>'
            f"<td>{esc(r.get('qualifier') or '')}</td><td class=\"factlib-source\">{src}</td>"
            f"<td class=\"factlib-explanation\">{esc(r.get('quote') or '')}</td></tr>"
        )
    return (f'<style>{STYLE}</style><table class="factlib-table factlib-wide"><thead><tr><th>period</th>'
            "<th>value</th><th>qualifier</th><th>source / 来源</th><th>quote / 原文</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


_URGENT = ("contradicted", "needs_review")


def _needing_a_person(findings: Any) -> Any:
    """The rows of a findings frame whose verdict (read as :func:`finding_views` reads it) is one
    of :data:`_URGENT`, in their order: the index's cards need views of these only, and a view of
    every finding of a large corpus (their claims and sources looked up) was most of the index's
    time.  Anything but a frame with a ``verdict`` column is returned as it is."""
    if findings is None or not hasattr(findings, "columns") or "verdict" not in findings.columns or not len(findings):
        return findings
    import numpy as np

    keep = np.fromiter((str(r["verdict"] or "") in _URGENT for r in frame_rows(findings[["verdict"]])),
                       dtype=bool, count=len(findings))
    return findings[keep]


def attention_cards_html(findings: Any, claims: Any = None, reference: Any = None,
                         doc_links: Mapping[str, str] | None = None, limit: int = 50) -> str:
    """What needs a person, as cards: contradicted first, then needs_review.

    Each card quotes the sentence with the claim marked, gives the figure it was checked
    against with its unit, the difference in words, the explanation and the sources
    (primary first).  ``doc_links`` maps a document id to its report page (relative href).
    """
    urgent = [v for v in finding_views(_needing_a_person(findings), claims, reference)
              if v["verdict"] in _URGENT]
    # one card per claim: the official figure first, then what other documents say
    urgent.sort(key=lambda v: (verdict_rank(v["verdict"]), v["against"] != "official figure",
                               -abs(_float(v["rel_diff"]))))
    groups: dict[str, list[dict[str, Any]]] = {}
    for v in urgent:
        groups.setdefault(v["claim_id"] or v["finding_id"], []).append(v)
    views = [g[0] for g in groups.values()]
    also = {id(g[0]): g[1:] for g in groups.values()}
    n_c = sum(v["verdict"] == "contradicted" for v in views)
    n_r = len(views) - n_c
    if not views:
        return (f'<style>{STYLE}</style><p class="factlib-cards-none">✓ Nothing needs a person: 0 contradicted, '
                "0 for review. / 没有需要人工处理的结果。</p>")
    cards = []
    for v in views[:limit]:
        doc = esc(v["doc_id"])
        href = (doc_links or {}).get(v["doc_id"])
        if href:
            doc = f'<a href="{esc(quote(href, safe="/#"))}">{doc}</a>'
        sources = _sources_html(v["sources"])
        cards.append(
            f'<div class="factlib-card verdict-{_verdict_class(v["verdict"])}">'
            f'<div>{verdict_badge(v["verdict"])} <b>{esc(v["metric_key"])}</b> {esc(v["period"])} · {doc}</div>'
            f'<blockquote>{_sentence_html(v["sentence"], v["surface"], v["verdict"])}</blockquote><dl>'
            f'<dt>claim / 声明</dt><dd>{_surface_html(v, False)}</dd>'
            f'<dt>{esc(v["against"])}</dt><dd>{_figure_html(v)}</dd>'
            + (f'<dt>difference / 差异</dt><dd>{esc(v["difference"])} · {esc(v["difference_zh"])}</dd>'
               if v["difference"] else "")
            + f'<dt>why / 说明</dt><dd>{esc(v["explanation"])}</dd>'
            + (f"<dt>source / 来源</dt><dd>{sources}</dd>" if sources else "")
            + "".join(
                f'<dt>also / 另见</dt><dd>{verdict_badge(o["verdict"])} {esc(o["against"])}: {_figure_html(o)}'
                f' — {esc(o["explanation"])}</dd>'
                for o in also[id(v)]
            )
            + "</dl></div>"
        )
    more = (f'<p class="factlib-muted">{len(views) - limit} more in findings.csv.</p>'
            if len(views) > limit else "")
    head = (f'<p><b>{n_c} contradicted</b> and <b>{n_r} for review</b> claims need a person. / '
            f"{n_c} 处不符，{n_r} 处需核对。</p>")
    return f'<style>{STYLE}</style>{head}<div class="factlib-cards">{"".join(cards)}</div>{more}'


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
        f"{STYLE}</style>\n</head>\n<body>\n{body_html}\n{script_tag()}\n</body>\n</html>\n"
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
    findings: Any = None,
    claims: Any = None,
    reference: Any = None,
    doc_links: Mapping[str, str] | None = None,
) -> str:
    """The ``index.html`` page: what needs a person first (contradicted, then needs_review,
    as cards — when ``findings`` is given), then every report with its one-line summary
    or error."""
    failed = [e for e in entries if e.error]
    head = [f"<h1>{esc(title)}</h1>"]
    if findings is not None:
        head.append("<h2>Needs a person / 需要人工核对</h2>")
        head.append(legend_html())
        head.append(attention_cards_html(findings, claims, reference, doc_links=doc_links))
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
