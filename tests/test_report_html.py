"""HTML produced for reports escapes untrusted text everywhere (factlib.report.html)."""
from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

import pandas as pd
import pytest

from factlib.report.html import (
    CSP,
    IndexEntry,
    anchor_id,
    claims_table_html,
    document_header_html,
    esc,
    findings_table_html,
    format_value,
    heading,
    highlight_document,
    index_page,
    safe_href,
    table_html,
)

# Untrusted strings a document, a title or a reference row could carry.
HOSTILE = [
    ("script", "<script>window.__pwned=1</script>"),
    ("img-onerror", '<img src=x onerror="window.__pwned=1">'),
    ("js-link", '<a href="javascript:window.__pwned=1">点击</a>'),
    ("attr-breakout", '" onmouseover="window.__pwned=1" x="'),
    ("single-quote-breakout", "' onfocus='window.__pwned=1' autofocus '"),
    ("style-breakout", "</style><script>window.__pwned=1</script>"),
    ("svg", "<svg/onload=window.__pwned=1>"),
]

class _Tags(HTMLParser):
    """Collects every real start tag of an HTML string (escaped text produces none)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def _no_hostile_markup(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in {"script", "img", "svg", "iframe", "object", "embed"}, (tag, html)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name, html)
            if name in ("href", "src") and value:
                assert not value.strip().lower().startswith(("javascript:", "data:")), (tag, value)


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=[i for i, _ in HOSTILE])
def test_esc_neutralises_markup(text):
    out = esc(text)
    _no_hostile_markup(out)
    assert "<" not in out and ">" not in out and '"' not in out and "'" not in out


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://mp.weixin.qq.com/s?__biz=MzA5&mid=2664229927#rd", "https://mp.weixin.qq.com/s?__biz=MzA5&mid=2664229927#rd"),
        ("http://cn.chinagate.cn/IT/2011-07/19/content_23022154.htm", "http://cn.chinagate.cn/IT/2011-07/19/content_23022154.htm"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.example/x", None),
        ("vbscript:msgbox", None),
        ("", None),
        (None, None),
    ],
    ids=["weixin", "chinagate", "js", "js-mixed-case", "js-leading-space", "js-tab", "data", "protocol-relative",
         "vbscript", "empty", "none"],
)
def test_safe_href(url, expected):
    assert safe_href(url) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (1067000000.0, "1,067,000,000"),
        (1.0665e9, "1,066,500,000"),
        (13790000000000.0, "13,790,000,000,000"),
        (65.9, "65.9"),
        (3.9, "3.9"),
        (0.00001, "0.00001"),
        (22, "22"),
        (Decimal("10.67E8"), "1,067,000,000"),
        (float("nan"), ""),
        (None, ""),
        (float("inf"), "∞"),
    ],
    ids=["10.67亿", "low-10.67亿", "13.79万亿", "65.9%", "3.9pp", "tiny", "22", "decimal", "nan", "none", "inf"],
)
def test_format_value(value, expected):
    assert format_value(value) == expected


# Seed 003 (traditional Chinese) — the words a fact-checker must be able to click.
SEED_003 = "10.67億人,居世界第一,這是截至2022年12月我國網民規模;\n\n13.79萬億元,居世界第一,這是2022年我國網上零售金額;"


def _claim(claim_id, start, end, **kw):
    return {"claim_id": claim_id, "start": start, "end": end, "kind": "count", **kw}


def test_highlight_marks_every_claim_and_keeps_text():
    c1 = SEED_003.index("10.67億人")
    c2 = SEED_003.index("13.79萬億元")
    claims = [
        _claim("003:0", c1, c1 + len("10.67億人"), value=1.067e9, unit="person", metric_key="internet_users",
               period="2022-12"),
        _claim("003:1", c2, c2 + len("13.79萬億元"), value=1.379e13, unit="CNY"),
    ]
    out = highlight_document(SEED_003, claims)
    marks = re.findall(r'<a class="claim" id="([^"]+)" href="#([^"]+)"[^>]*>([^<]*)</a>', out)
    assert [(m[2]) for m in marks] == ["10.67億人", "13.79萬億元"]
    assert marks[0][0] == anchor_id("text", "003:0") and marks[0][1] == anchor_id("claim", "003:0")
    # text outside the marks survives unchanged (after unescaping)
    plain = re.sub(r"<style>.*?</style>|<[^>]+>", "", out, flags=re.DOTALL)
    assert plain == SEED_003


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=[i for i, _ in HOSTILE])
def test_highlight_escapes_document_text(text):
    doc = f"{text} 网民规模达10.67亿。{text}"
    s = doc.index("10.67亿")
    out = highlight_document(doc, [_claim(f"x{text}", s, s + 7, metric_key=text, period=text)])
    _no_hostile_markup(out)
    assert out.count('class="claim"') == 1


@pytest.mark.parametrize(
    "spans, marked",
    [
        ([(0, 5), (3, 8)], ["10.67"]),           # overlap: the second is left unmarked
        ([(5, 3)], []),                          # empty/inverted
        ([(-1, 4)], []),                         # out of bounds
        ([(0, 999)], []),                        # past the end
        ([(5, 7), (0, 5)], ["10.67", "亿人"]),    # unsorted input
    ],
    ids=["overlap", "inverted", "negative", "past-end", "unsorted"],
)
def test_highlight_ignores_bad_spans(spans, marked):
    text = "10.67亿人,居世界第一"
    out = highlight_document(text, [_claim(f"c{i}", s, e) for i, (s, e) in enumerate(spans)])
    assert re.findall(r'class="claim"[^>]*>([^<]*)</a>', out) == marked


def test_anchor_ids_are_valid_and_distinct():
    ids = ["000_6795ef89a86ceb71:12-19", "a b", "a_b", "<x>", "網民", ""]
    anchors = [anchor_id("claim", i) for i in ids]
    assert len(set(anchors)) == len(anchors)
    for a in anchors:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+", a), a


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=[i for i, _ in HOSTILE])
def test_tables_escape_cells_and_headers(text):
    df = pd.DataFrame({"surface": [text], text: [1.5], "claim_id": ["c1"], "verdict": ["contradicted"],
                       "explanation": [text], "claim_ids": [["c1", text]], "doc_ids": [[text]]})
    for out in (
        table_html(df),
        claims_table_html(df, columns=["surface", text]),
        findings_table_html(df, columns=["verdict", "explanation", "doc_ids"], claim_links=True),
        heading(text),
    ):
        _no_hostile_markup(out)


def test_claims_table_rows_link_back_to_text():
    df = pd.DataFrame({"claim_id": ["003:0"], "surface": ["10.67億人"], "value": [1.067e9]})
    out = claims_table_html(df, columns=["surface", "value"])
    assert f'id="{anchor_id("claim", "003:0")}"' in out
    assert f'href="#{anchor_id("text", "003:0")}"' in out
    assert "1,067,000,000" in out


def test_findings_rows_coloured_by_verdict():
    df = pd.DataFrame({"verdict": ["contradicted", "consistent"], "check": ["reference", "reference"]})
    out = findings_table_html(df, columns=["verdict", "check"])
    assert 'class="verdict-contradicted"' in out and 'class="verdict-consistent"' in out


class _Doc:
    id = "m"
    title = '<script>window.__pwned=1</script>标题'
    date = None
    lang = "zh-Hans"
    source = "<img src=x onerror=alert(1)>"
    author = ""


@pytest.mark.parametrize(
    "url, linked",
    [("javascript:alert(1)", False), ("https://www.gov.cn/x.htm", True)],
    ids=["js-url-not-linked", "https-linked"],
)
def test_document_header(url, linked):
    doc = _Doc()
    doc.url = url
    out = document_header_html(doc)
    _no_hostile_markup(out)
    assert ('href="https://www.gov.cn/x.htm"' in out) is linked


def test_index_page_escapes_and_shows_failures():
    entries = [
        IndexEntry("corpus_overview", "Corpus overview", "corpus_overview.html", "5 documents, 10.67"),
        IndexEntry("document_report", '<script>window.__pwned=1</script>', "document/it's a doc.html",
                   summary='<img src=x onerror="window.__pwned=1">'),
        IndexEntry("metric_crosscheck", "internet_users", None, error="ValueError: <b>boom</b>"),
    ]
    out = index_page(entries, corpus="seeds/<x>")
    from factlib.report.sortable import foreign_scripts, without_sorter

    assert foreign_scripts(out) == []  # the one script is factlib's table sorter, allowed by the CSP hash
    _no_hostile_markup(without_sorter(out))
    assert f'content="{CSP}"' in out.replace("&#x27;", "'")
    assert "1 failed" in out and "ValueError: &lt;b&gt;boom&lt;/b&gt;" in out
    assert 'href="document/it%27s%20a%20doc.html"' in out
    assert "5 documents, 10.67" in out
    # CSP forbids every script but the sorter: one hash source, no 'unsafe-inline', no URL
    from factlib.report.sortable import SCRIPT_HASH

    script_src = next(d for d in CSP.split(";") if d.strip().startswith("script-src")).split()[1:]
    assert script_src == [SCRIPT_HASH] and "default-src 'none'" in CSP
