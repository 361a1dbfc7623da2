"""Issue 13: no input can sink a run.  Each test reproduces one defect of the issue.

Speed of the pathological inputs is measured in ``benchmarks/bench_pathological.py`` (printed,
never asserted); here only correctness: no exception, an error record or the right claims.
"""
from __future__ import annotations

import datetime as dt
import os
import pickle
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factlib.documents.dates import parse_date
from factlib.documents.load import (
    LoadError, Source, list_sources, load_corpus, load_document, read_file,
)
from factlib.documents.markup import (
    _MD_EMPH, MAX_HTML_DEPTH, _flat_html_text, html_depth_exceeds, html_to_text, markdown_to_text, strip_emphasis,
)
from factlib.documents.sentences import MAX_NUMBERS, MAX_SENTENCE, sentence_arrays
from factlib.run.loop import process, process_all

GOOD = "截至2022年12月，我国网民规模达10.67亿，互联网普及率达75.6%。\n"


# ---- 1. error records survive pickling (the report context travels pickled) ---------------------
def test_load_error_survives_pickle():
    err = pickle.loads(pickle.dumps(LoadError("c/empty.txt", "empty file")))
    assert (err.path, err.reason, str(err)) == ("c/empty.txt", "empty file", "c/empty.txt: empty file")


# ---- 3. document ids unique and stable -----------------------------------------------------------
def test_same_file_name_in_two_folders_gives_two_ids(tmp_path):
    for year in ("2021", "2024"):
        (tmp_path / year).mkdir()
        (tmp_path / year / "news.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "top.txt").write_text(GOOD, encoding="utf-8")
    ids = [s.id for s in list_sources(tmp_path).sources]
    assert ids == ["2021/news", "2024/news", "top"]
    docs = load_corpus(tmp_path)
    assert [d.id for d in docs] == ids


def test_seed_ids_are_the_file_stems(seeds_dir):
    listing = list_sources(seeds_dir)
    assert [s.id for s in listing.sources] == [p.stem for p in sorted(seeds_dir.glob("*.txt"))]
    assert [s.id for s in list_sources(sorted(seeds_dir.glob("*.txt"))).sources] == [s.id for s in listing.sources]
    assert [s.id for s in list_sources(str(seeds_dir / "*.txt")).sources] == [s.id for s in listing.sources]


def test_colliding_named_files_are_told_apart(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "news.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "a" / "news.md").write_text(GOOD, encoding="utf-8")
    named = [tmp_path / "a" / "news.txt", tmp_path / "b" / "news.txt"]
    assert [s.id for s in list_sources(named).sources] == ["a/news", "b/news"]
    same_folder = [tmp_path / "a" / "news.txt", tmp_path / "a" / "news.md"]
    assert [s.id for s in list_sources(same_folder).sources] == ["news.txt", "news.md"]
    ids = [s.id for s in list_sources([tmp_path / "a", tmp_path / "b"]).sources]
    assert len(set(ids)) == 3


def test_contradiction_between_same_named_files_is_found(tmp_path):
    from factlib.checks import check
    from factlib.claims.frame import claims_frame

    for year, value in (("2021", "10.92亿"), ("2024", "9.5亿")):
        (tmp_path / year).mkdir()
        (tmp_path / year / "news.txt").write_text(
            f"中国互联网络信息中心发布报告。截至2022年12月，我国网民规模达{value}。\n", encoding="utf-8")
    docs = load_corpus(tmp_path)
    findings = check(claims_frame(list(docs)), documents=list(docs))
    pairs = [set(ids) for ids in findings.loc[findings["check"] == "cross_document", "doc_ids"]]
    assert {"2021/news", "2024/news"} in pairs


# ---- 5. bad front-matter dates: the document loads, the date is rejected with a line -------------
@pytest.mark.parametrize("value", ["2021-13-45", "0000-01-01", "2021-01-01 10:60:00", "99999-01-01",
                                   "20210-01-01", "9999-12-31", "0999-12-31"])
def test_impossible_or_out_of_range_front_matter_date(tmp_path, value):
    f = tmp_path / "d.md"
    f.write_text(f"---\ntitle: t\ndate: {value}\n---\n" + GOOD, encoding="utf-8")
    result = process(Source(str(f), "d"))
    assert result.ok and result.date is None and result.claims
    assert result.warnings and value in result.warnings[0]
    assert result.messages()[0][1].startswith("warning: front-matter date")


@pytest.mark.parametrize("value, expected", [
    ("2024-01-02", dt.date(2024, 1, 2)), ("2024-01-02 10:30:00", dt.date(2024, 1, 2)),
    ("2024-01-02T10:30:00+08:00", dt.date(2024, 1, 2)), ("2024年11月20日", dt.date(2024, 11, 20)),
    (dt.date(2999, 12, 31), dt.date(2999, 12, 31)), (dt.date(3000, 1, 1), None), ("1000-01-01", dt.date(1000, 1, 1)),
    ("2021-02-29", None), ("Mon, 27 Sep 2021 06:23:00 GMT", dt.date(2021, 9, 27)),
])
def test_parse_date_accepts_only_real_dates_in_range(value, expected):
    assert parse_date(value) == expected


def test_relative_period_never_leaves_the_year_range():
    from factlib.claims.extract import extract_claims
    from factlib.documents.load import document_from_text

    for date in ("2999-12-31", "2999-06-30"):
        doc = document_from_text("明年GDP增长5%。下个月出口增长3%。", date=date)
        periods = [c.period for c in extract_claims(doc)]
        assert periods and all(not p or "1000" <= p[:4] <= "2999" for p in periods), periods
    doc = document_from_text("去年GDP增长5%。", date="1000-03-01")
    assert all(not c.period or c.period[:4] >= "1000" for c in extract_claims(doc))


# ---- 5. markup that used to recurse ---------------------------------------------------------------
@pytest.mark.parametrize("tag, n", [("div", 1000), ("span", 1000), ("div", 100_000)])
def test_unclosed_tags_load_and_keep_their_claims(tmp_path, tag, n):
    f = tmp_path / "deep.html"
    f.write_text(f"<{tag}>" * n + "网民规模增长5%。", encoding="utf-8")
    result = process(Source(str(f), "deep"))
    assert result.ok, result.error
    assert any(c.surface == "5%" for c in result.claims)


def _walk_recursive(node, out):
    """The old recursive walk: the specification of the iterative one."""
    from factlib.documents.markup import _BLOCK_TAGS

    child = node.child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            out.append(child.text_content or "")
        elif tag in ("-comment", "!doctype"):
            pass
        elif tag == "br":
            out.append("\n")
        else:
            block = tag in _BLOCK_TAGS
            if block:
                out.append("\n")
            _walk_recursive(child, out)
            if block:
                out.append("\n")
        child = child.next


_TAGS = st.sampled_from(["div", "p", "span", "b", "li", "br", "h1", "td", "a"])


@st.composite
def _html(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 3 if depth < 4 else 0))
        if kind == 0:
            parts.append(draw(st.sampled_from(["增长5%", "a b", " ", "10.67亿", "&amp;", "<!-- c -->"])))
        else:
            tag = draw(_TAGS)
            parts.append(f"<{tag}>" + draw(_html(depth + 1)) + (f"</{tag}>" if draw(st.booleans()) else ""))
    return "".join(parts)


@settings(max_examples=200, deadline=None)
@given(_html())
def test_iterative_html_walk_equals_the_recursive_one(html):
    from selectolax.lexbor import LexborHTMLParser

    from factlib.documents.markup import _walk, tidy

    tree = LexborHTMLParser(html)
    root = tree.body or tree.root
    a, b = [], []
    _walk(root, a)
    _walk_recursive(root, b)
    assert tidy("".join(a)) == tidy("".join(b))
    assert html_to_text(html) == tidy("".join(b))


@settings(max_examples=300, deadline=None)
@given(_html())
def test_flat_html_reading_keeps_the_tree_readings_text(html):
    """Pages nested deeper than MAX_HTML_DEPTH are read without the tree builder: the same visible
    characters in the same order (only blank lines may differ)."""
    assert re.sub(r"\s+", "", _flat_html_text(html)) == re.sub(r"\s+", "", html_to_text(html))


def test_html_depth_counts_only_real_nesting():
    assert not html_depth_exceeds("<div>" * MAX_HTML_DEPTH)
    assert html_depth_exceeds("<div>" * (MAX_HTML_DEPTH + 1))
    assert html_depth_exceeds("<span>" * 20000 + "</div>" * 20000)  # '</div>' searched the whole stack
    # closed, void, self-closed and implied-end elements do not nest
    for page in ("<div>x</div>" * 5000, "<p>x" * 5000, "<li>x" * 5000, "<br>" * 5000, "<img/>" * 5000,
                 "<table>" + "<tr><td>1" * 5000 + "</table>"):
        assert not html_depth_exceeds(page), page[:20]


def test_deep_html_read_flat_drops_scripts_comments_and_keeps_blocks():
    page = ("<div>" * 2000 + "<script>var s = '<div>增长9%';</script><!-- 增长8% --><style>p{}</style>"
            "<h1>标题</h1><p>网民规模增长5%&amp;<b>粗</b></p><div>一<br>二</div>")
    assert html_depth_exceeds(page)
    assert html_to_text(page) == "标题\n\n网民规模增长5%&粗\n\n一\n二"


# ---- 6. inputs that were quadratic (correctness here; seconds in the benchmark) -------------------
@pytest.mark.parametrize("name, text", [
    ("pct", "1%" * 16000), ("dots", "1." * 16000), ("minus", "-1" * 16000), ("spaces", "1 " * 16000),
    ("wan", "1万" * 1000),
])
def test_pathological_text_extracts_without_error(tmp_path, name, text):
    f = tmp_path / f"{name}.txt"
    f.write_text(text, encoding="utf-8")
    result = process(Source(str(f), name))
    assert result.ok, result.error
    assert result.claims


def test_wan_run_keeps_its_claims():
    from factlib.claims.extract import extract_claims
    from factlib.documents.load import document_from_text

    claims = extract_claims(document_from_text("1万" * 1000))
    assert len(claims) >= 900


@pytest.mark.parametrize("name, text", [("brackets", "[" * 65536), ("underscores", "__a " * 16000),
                                        ("images", "![a](" * 20000), ("links", "[a](" * 20000)])
def test_pathological_markdown_loads(tmp_path, name, text):
    f = tmp_path / f"{name}.md"
    f.write_text(text + "\n网民规模增长5%。", encoding="utf-8")
    result = process(Source(str(f), name))
    assert result.ok, result.error


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="*_ a\nb", max_size=40))
def test_strip_emphasis_equals_the_regex(text):
    assert strip_emphasis(text) == _MD_EMPH.sub(r"\2", text)


def test_markdown_still_strips_links_images_and_emphasis():
    md = "# 标题\n![图](a.png) 见[报告](http://x.cn/a_(1)) **增长5%** 与 __下降__。"
    assert markdown_to_text(md) == "标题\n见报告 增长5% 与 下降。"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="1%，, 。\n", min_size=0, max_size=6000))
def test_sentences_are_capped_and_cover_the_text_in_order(text):
    starts, ends = sentence_arrays(text)
    assert all(e - s <= MAX_SENTENCE for s, e in zip(starts, ends))
    assert list(starts) == sorted(starts) and all(s < e for s, e in zip(starts, ends))
    assert all(ends[i] <= starts[i + 1] for i in range(len(starts) - 1))
    covered = "".join(text[s:e] for s, e in zip(starts, ends))
    assert re.sub(r"[\s。]", "", covered) == re.sub(r"[\s。]", "", text)


def test_number_runs_are_cut_into_sentences_of_at_most_max_numbers():
    text = "1%" * 1000
    starts, ends = sentence_arrays(text)
    pieces = [text[s:e] for s, e in zip(starts, ends)]
    assert "".join(pieces) == text  # cut between two numbers, nothing lost
    assert all(len(re.findall(r"[0-9]+(?:\.[0-9]+)?", p)) <= MAX_NUMBERS for p in pieces)
    assert all(p.startswith("1") and p.endswith("%") for p in pieces)  # '1%' kept whole
    minus = "-1" * 1000
    starts, ends = sentence_arrays(minus)
    assert all(minus[s] == "-" for s in starts)  # a sign stays with its number
    from factlib.claims.extract import extract_claims
    from factlib.documents.load import document_from_text

    claims = extract_claims(document_from_text(text))
    assert len(claims) == 1000 and {c.surface for c in claims} == {"1%"}


def test_a_long_list_below_the_number_cap_stays_one_sentence():
    # the most numbers in one sentence of the benchmark corpus is 56 (a wiki list)
    text = "、".join(f"{i}号线长{i}.5公里" for i in range(1, MAX_NUMBERS // 2)) + "。"
    assert len(sentence_arrays(text)[0]) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="1%-.，, 。\n", min_size=0, max_size=3000))
def test_sentences_hold_at_most_max_numbers_and_cover_the_text(text):
    starts, ends = sentence_arrays(text)
    assert all(len(re.findall(r"[0-9]+(?:\.[0-9]+)?", text[s:e])) <= MAX_NUMBERS for s, e in zip(starts, ends))
    assert all(ends[i] <= starts[i + 1] for i in range(len(starts) - 1))
    covered = "".join(text[s:e] for s, e in zip(starts, ends))
    assert re.sub(r"[\s。]", "", covered) == re.sub(r"[\s。]", "", text)


def test_spaced_digits_are_read_up_to_forty_digits():
    from factlib.claims.extract import extract_claims
    from factlib.claims.patterns import SPACED
    from factlib.documents.load import document_from_text

    # the 1998 report's spaced digits are still read
    claims = extract_claims(document_from_text("全年国内生产总值达到 7 4 7 7 2 亿元，比上年增长8.8%。"))
    assert any(c.value is not None and int(c.value) == 7477200000000 for c in claims)
    # a longer run is no number, and a match never runs past 41 digits (it ran to the end of the run)
    run = "1 " * 16000
    assert SPACED.match(run).end() == 81
    assert SPACED.match(run).group("more") is not None
    assert not any(c.value is not None and c.value > 10 ** 40 for c in extract_claims(document_from_text(run)))


# ---- 7. unbounded memory or hangs ----------------------------------------------------------------
def _laughs(depth: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, depth)]
    return "---\n" + "\n".join(lines) + f"\ntitle: *a{depth - 1}\n---\n" + GOOD


def test_yaml_aliases_are_refused(tmp_path):
    f = tmp_path / "laughs.md"
    f.write_text(_laughs(), encoding="utf-8")
    with pytest.raises(LoadError, match="alias"):
        load_document(f)
    (tmp_path / "ok.md").write_text("---\ntitle: 好\ndate: 2024-01-02\ntags: [a, b]\n---\n" + GOOD, encoding="utf-8")
    doc = load_document(tmp_path / "ok.md")
    assert doc.title == "好" and doc.date == dt.date(2024, 1, 2)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_skipped_not_read(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    listing = list_sources(tmp_path)
    assert [os.path.basename(p) for p in listing.paths] == ["good.txt"]
    assert any(p.endswith("pipe.txt") and "FIFO" in r for p, r in listing.skipped)
    with pytest.raises(LoadError, match="FIFO"):  # named on its own: refused before any read
        load_document(tmp_path / "pipe.txt")


def test_device_is_refused_before_reading(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(LoadError, match="device"):
        load_document(link)
    assert not list_sources(tmp_path).paths


def test_byte_cap_holds_while_reading(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes(GOOD.encode() * 10)
    with pytest.raises(LoadError, match="too large"):
        load_document(f, max_bytes=100)
    if os.path.exists("/proc/self/status"):  # a regular file whose stat says 0 bytes
        assert os.stat("/proc/self/status").st_size == 0
        with pytest.raises(LoadError, match="more than 10 bytes"):
            read_file("/proc/self/status", max_bytes=10)


# ---- 11. folders yield text documents; skipped things are said ------------------------------------
def test_folder_yields_only_text_documents_and_says_what_it_skipped(tmp_path):
    for name in ("a.txt", "b.md", "c.markdown", "d.html", "e.htm", "F.TXT"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    (tmp_path / "reference.csv").write_text("metric,value\nx,1\n", encoding="utf-8")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    listing = list_sources(tmp_path)
    assert sorted(os.path.basename(p) for p in listing.paths) == ["F.TXT", "a.txt", "b.md", "c.markdown",
                                                                   "d.html", "e.htm"]
    line = listing.summary()
    assert "2 not a text document" in line and "reference.csv" in line and "2 hidden" in line
    # named explicitly, a CSV is still read
    assert list_sources(tmp_path / "reference.csv").paths == [str(tmp_path / "reference.csv")]


def test_symlinked_folder_is_skipped_with_a_word_and_a_loop_is_named(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text(GOOD, encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "b.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "linked").symlink_to(real, target_is_directory=True)
    listing = list_sources(corpus)
    assert [os.path.basename(p) for p in listing.paths] == ["b.txt"]
    assert "symlinked folder" in listing.summary()
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    result = process(str(loop))
    assert result.status == "error" and "symlink loop" in result.error
    missing = process(str(tmp_path / "missing.txt"))
    assert missing.error == "no such file or folder"


def test_factlib_output_folder_inside_the_corpus_is_not_read(tmp_path):
    from factlib.report.files import Manifest

    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    Manifest(out).claim()
    (out / "index.html").write_text("<p>增长5%</p>", encoding="utf-8")
    listing = list_sources(tmp_path)
    assert [os.path.basename(p) for p in listing.paths] == ["a.txt"]
    assert "factlib output folder" in listing.summary()


# ---- every per-file failure is one record; the loop goes on ----------------------------------------
def test_the_loop_turns_every_failure_into_a_record(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    (tmp_path / "c.txt").write_text("网民规模增长5%。", encoding="utf-8")
    from factlib.claims.extract import default_extractor

    extractor = default_extractor()
    real = type(extractor).extract

    def flaky(self, doc):
        if doc.id == "c":
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, doc)

    monkeypatch.setattr(type(extractor), "extract", flaky)
    results = list(process_all(list_sources(tmp_path)))
    assert [r.status for r in results] == ["ok", "error", "error"]
    assert results[1].error == "empty file"
    assert results[2].error.startswith("extraction failed: RecursionError")
    assert "\n" not in results[2].error


# ---- the non-claim rules without quadratic scans mask what the unbounded rules masked ---------------
def _old_rules(tmp_path_factory):
    """The rules table as it was before the bounds (e-mail, file name, HTML attribute)."""
    from factlib.vocab.tables import read_table

    path = tmp_path_factory.mktemp("rules") / "nonclaims_old.csv"
    rows = read_table("nonclaims", required=("name", "first", "pattern"), key=("name",))
    old = {
        "email": r"[A-Za-z0-9_.+-]++@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",
        "file_name": r"(?i:(?=[A-Za-z0-9_-]*+\.)[A-Za-z0-9_\-.]+\.(?:jpe?g|png|gif|webp|bmp|svg|pdf|docx?|xlsx?"
                     r"|pptx?|html?|shtml|php|aspx?|jsp|mp4|mp3|zip|rar|txt|csv|json)(?![A-Za-z0-9]))",
        "html_attribute": "[A-Za-z_:][-A-Za-z0-9_:.]*\\s*=\\s*(?:\"[^\"]*\"|'[^']*')",
    }
    import csv as _csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = _csv.DictWriter(fh, fieldnames=["name", "first", "pattern", "not_after", "note"])
        w.writeheader()
        for r in rows:
            w.writerow({"name": r["name"], "first": r["first"], "pattern": old.get(r["name"], r["pattern"]),
                        "not_after": r.get("not_after") or "", "note": ""})
    return path


@pytest.fixture(scope="module")
def rule_pair(tmp_path_factory):
    from factlib.vocab.nonclaims import NonClaimRules

    return NonClaimRules(_old_rules(tmp_path_factory)), NonClaimRules()


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab1_.-@=\" xjpgJPG中", max_size=40))
def test_bounded_nonclaim_rules_mask_what_the_unbounded_ones_did(rule_pair, text):
    old, new = rule_pair
    a, b = old.mask(text), new.mask(text)
    assert (a.starts, a.ends) == (b.starts, b.ends)


def _mask_every_position(rules, text: str):
    """The mask as it was computed before LONG_SPAN: every position scanned (the specification)."""
    from factlib.vocab.nonclaims import Mask

    names = rules._group_names
    return Mask([(m.start(), m.end(m.lastindex), names[m.lastindex]) for m in rules.pattern.finditer(text)])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["https://", "www.", "news.cn/", "a", "1", "2023-12", "-", " ", "@", ".html",
                                 "010-82341063", "中", "?", "="]), max_size=120).map("".join))
def test_mask_skipping_long_spans_masks_what_every_position_did(text):
    from factlib.vocab.nonclaims import default_rules

    rules = default_rules()
    a, b = _mask_every_position(rules, text), rules.mask(text)
    assert (a.starts, a.ends) == (b.starts, b.ends)


def test_a_long_masked_run_is_one_span():
    from factlib.vocab.nonclaims import LONG_SPAN, default_rules

    text = "https://" * 20000  # matched to its end from every 'h': quadratic before
    mask = default_rules().mask(text)
    assert (mask.starts, mask.ends) == ([0], [len(text)])
    assert len(text) > LONG_SPAN
