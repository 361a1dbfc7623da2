"""Reports opened in a real browser (Debian's chromium, headless, driven by playwright).

The corpus is the seeds plus a hostile document carrying ``<script>``, an
``<img onerror>`` and ``javascript:`` links in its title, URL and text.  The test asserts
that no page logs a console error, that ``10.67`` and ``22`` are visible text, that the
hostile document's code never ran (the one script on a page is factlib's table sorter, allowed by
its CSP hash; a script injected into a page is blocked), that long tables sort and filter, that contradicted rows and highlights are visibly
coloured at 1280 px with the explanation inside the viewport and the source links
clickable, and saves screenshots in a temporary folder (or ``$FACTLIB_SCREENSHOTS``, the
CI artifact) — never in the user's ``reports/``.  The constructed ``examples/corpus``
joins the seeds so there is something contradicted to look at.  Without chromium it skips — except in CI (``CI=true``), where it fails:
``.ci/setup-browser`` installs chromium.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.xdist_group("report_browser")]

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
EXAMPLES = ROOT / "examples" / "corpus"
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
PWN = "window.__pwned = (window.__pwned || 0) + 1"

HOSTILE_DOC = f"""---
title: '<script>{PWN}</script>恶意标题 <img src=x onerror="{PWN}">'
url: javascript:{PWN}
date: 2023-07-16
---

<script>{PWN}</script>
截至2022年12月，我国网民规模达10.67亿，<img src=x onerror="{PWN}">已与22个国家建立双边电子商务合作机制。
&lt;script&gt;{PWN}&lt;/script&gt; 点击 [这里](javascript:{PWN}) 或 <a href="javascript:{PWN}">这里</a>。
<svg onload="{PWN}"></svg><iframe src="javascript:{PWN}"></iframe>
"""


def _browser_or_skip():
    in_ci = os.environ.get("CI", "").lower() == "true"
    try:
        from playwright.sync_api import sync_playwright  # noqa: F401
    except ImportError:
        if in_ci:
            pytest.fail("playwright is not installed (pip install playwright)")
        pytest.skip("playwright is not installed")
    if not Path(CHROMIUM).exists():
        if in_ci:
            pytest.fail(f"{CHROMIUM} is missing: .ci/setup-browser installs it")
        pytest.skip(f"{CHROMIUM} is missing (run .ci/setup-browser)")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Reports for seeds + the hostile document, in a folder whose name has a space and a quote."""
    _browser_or_skip()
    from factlib.report.batch import run_report

    base = tmp_path_factory.mktemp("browser")
    corpus = base / "corpus"
    shutil.copytree(SEEDS, corpus)
    for example in EXAMPLES.glob("*.md"):
        shutil.copy(example, corpus / example.name)
    (corpus / "005_hostile.md").write_text(HOSTILE_DOC, encoding="utf-8")
    out = base / "it's my reports"
    result = run_report(str(corpus), out, jobs=2, progress=False)
    assert result.ok, [(r.job.output, r.error) for r in result.failed]
    return result


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    """Where screenshots go: $FACTLIB_SCREENSHOTS (CI uploads it) or a temporary folder."""
    folder = Path(os.environ["FACTLIB_SCREENSHOTS"]) if os.environ.get("FACTLIB_SCREENSHOTS") else (
        tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    assert not folder.resolve().is_relative_to((ROOT / "reports").resolve()), "screenshots in the user's reports/"
    return folder


@pytest.fixture(scope="module")
def browser():
    _browser_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _open(browser, path: Path):
    """Open ``path`` (file://) and return (page, console errors)."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(200)
    return page, errors


def _assert_inert(page) -> None:
    from factlib.report.sortable import SCRIPT

    assert page.evaluate("window.__pwned === undefined"), "the hostile document's script ran"
    # one script: factlib's table sorter, byte for byte (the CSP allows it by its hash)
    assert page.eval_on_selector_all("script", "els => els.map(e => e.textContent)") == [SCRIPT]
    assert page.locator("img[src='x'], svg[onload], iframe").count() == 0
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], hrefs


def _report(result, doc_prefix):
    return next(r for r in result.results
                if r.job.notebook == "document_report" and str(r.records.get("doc_id", "")).startswith(doc_prefix))


def test_index_in_browser(built, browser, shots):
    page, errors = _open(browser, built.index)
    try:
        assert errors == []
        _assert_inert(page)
        body = page.inner_text("body")
        assert "10.67" in body and "22" in body
        assert page.get_by_text("10.67", exact=False).first.is_visible()
        assert "none failed" in body
        # every link to a report resolves to a file
        hrefs = page.eval_on_selector_all("table a[href]", "els => els.map(e => e.href)")
        assert len(hrefs) == len(built.results)
        for h in hrefs:
            assert h.startswith("file://")
        page.screenshot(path=str(shots / "index.png"), full_page=True)
    finally:
        page.close()


@pytest.mark.parametrize(
    "prefix, visible",
    [("003", "10.67億人"), ("000", "22 个国家"), ("005", "10.67亿")],
    ids=["seed-003-zh-Hant", "seed-000-zh-Hans", "hostile"],
)
def test_document_report_in_browser(built, browser, shots, prefix, visible):
    r = _report(built, prefix)
    page, errors = _open(browser, built.out_dir / r.html)
    try:
        assert errors == []
        _assert_inert(page)
        assert page.locator(".factlib-doc a.claim", has_text=visible).first.is_visible()
        body = page.inner_text("body")
        assert "10.67" in body or "22" in body
        # a highlighted claim links to its row in the claims table, and the row back to it
        first = page.locator(".factlib-doc a.claim").first
        target = first.get_attribute("href")
        assert page.locator(f"tr{target}").count() == 1
        if prefix == "005":
            # the hostile markup is shown as text, for the reader to see
            assert "<script>" in page.inner_text(".factlib-doc")
        page.screenshot(path=str(shots / f"document-{prefix}.png"))
    finally:
        page.close()


def test_other_reports_in_browser(built, browser, shots):
    for r in built.results:
        if r.job.notebook == "document_report":
            continue
        page, errors = _open(browser, built.out_dir / r.html)
        try:
            assert errors == [], r.job.output
            _assert_inert(page)
            if r.job.notebook == "corpus_overview":
                assert page.locator("img[src^='data:image/png']").count() == 2
                page.screenshot(path=str(shots / "corpus_overview.png"))
        finally:
            page.close()


def _background(page, selector: str) -> tuple[int, int, int]:
    rgb = page.eval_on_selector(selector, "e => getComputedStyle(e).backgroundColor")
    r, g, b = (int(x) for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
    return r, g, b


def _reddish(rgb: tuple[int, int, int]) -> bool:
    r, g, b = rgb
    return r > 200 and r - g > 25 and r - b > 25


def _clickable(page, selector: str) -> None:
    """The first element matching ``selector`` is a visible http(s) link that receives a click."""
    link = page.locator(selector).first
    assert link.is_visible()
    assert link.get_attribute("href").startswith(("http://", "https://"))
    box = link.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 1280
    # playwright's actionability checks: visible, stable, enabled and the hit target of a click
    link.click(trial=True, timeout=5000)


def _inside_viewport(page, selector: str) -> None:
    boxes = page.eval_on_selector_all(selector, "els => els.map(e => e.getBoundingClientRect().right)")
    assert boxes, selector
    assert max(boxes) <= 1280, (selector, max(boxes))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_verdicts_visible_at_1280(built, browser, shots):
    """Index cards, document and metric pages: contradicted rows and highlights are red
    (computed style, not just a class), explanations fit, sources are clickable links."""
    page, errors = _open(browser, built.index)
    try:
        assert errors == []
        card = ".factlib-card.verdict-contradicted"
        assert page.locator(card).count() >= 1 and page.locator(card).first.is_visible()
        assert page.locator(".factlib-card.verdict-needs_review").count() >= 1
        # contradicted before needs_review on the page
        order = page.eval_on_selector_all(".factlib-card", "els => els.map(e => e.className)")
        assert order.index(next(o for o in order if "needs_review" in o)) > 0 and "contradicted" in order[0]
        assert _reddish(_background(page, f"{card} mark.v-contradicted")), "claim in the card is not red"
        assert "✗ contradicted" in page.inner_text(card)
        _clickable(page, f"{card} dd a[href^='http']")
        _inside_viewport(page, ".factlib-card dd")
    finally:
        page.close()

    doc = _report(built, "03_wrong")
    page, errors = _open(browser, built.out_dir / doc.html)
    try:
        assert errors == []
        _assert_inert(page)
        row = "table.factlib-findings tr.verdict-contradicted > td"
        assert _reddish(_background(page, row)), "contradicted row is not red inside the notebook page"
        consistent = _background(page, "table.factlib-findings tr.verdict-consistent > td")
        assert not _reddish(consistent) and consistent[1] > consistent[0], consistent
        assert _reddish(_background(page, ".factlib-doc a.claim.v-contradicted")), "highlight is not red"
        assert page.locator(".factlib-doc a.claim.v-contradicted", has_text="10.97亿人").first.is_visible()
        _inside_viewport(page, "td.factlib-explanation")
        _clickable(page, "td.factlib-source a[href^='http']")
        page.screenshot(path=str(shots / "document-contradicted.png"), full_page=True)
    finally:
        page.close()

    metric = next(r for r in built.results
                  if r.job.notebook == "metric_crosscheck" and "internet_users" in str(r.html))
    page, errors = _open(browser, built.out_dir / metric.html)
    try:
        assert errors == []
        assert _reddish(_background(page, "table.factlib-findings tr.verdict-contradicted > td"))
        _inside_viewport(page, "td.factlib-explanation")
        _clickable(page, "td.factlib-source a[href^='http']")
        page.screenshot(path=str(shots / "metric-internet_users.png"), full_page=True)
    finally:
        page.close()


def _column(page, table: str, index: int, attr: str | None = None) -> list[str]:
    """The cells of column ``index`` (0-based) of the visible body rows of ``table``."""
    return page.eval_on_selector(
        table,
        "(t, a) => Array.from(t.tBodies[0].rows).filter(r => r.offsetParent !== null)"
        ".map(r => a[1] ? r.cells[a[0]].getAttribute(a[1]) : r.cells[a[0]].textContent.trim())",
        [index, attr],
    )


def test_long_tables_sort_and_filter(built, browser):
    """The claims table of a seed document: a header click sorts by the exact value (data-sort, not
    the rounded text), a second click reverses, the filter box hides rows without its text, and
    the verdict radio buttons (pure CSS) still work beside it."""
    doc = _report(built, "000")
    page, errors = _open(browser, built.out_dir / doc.html)
    try:
        assert errors == []
        table = "table.factlib-table.factlib-wide:not(.factlib-findings)"
        heads = page.eval_on_selector(table, "t => Array.from(t.tHead.rows[0].cells).map(c => c.textContent)")
        value = next(i for i, h in enumerate(heads) if h.strip().startswith("value"))
        n = len(_column(page, table, value))
        assert n >= 8
        header = page.locator(f"{table} thead th").nth(value)
        header.click()
        assert header.get_attribute("aria-sort") == "ascending"
        keys = [float(k) for k in _column(page, table, value, "data-sort") if k is not None]
        assert len(keys) >= n // 2 and keys == sorted(keys)
        header.press("Enter")
        assert header.get_attribute("aria-sort") == "descending"
        keys = [float(k) for k in _column(page, table, value, "data-sort") if k is not None]
        assert keys == sorted(keys, reverse=True)
        # the rows moved whole: each claim's row still links to its own highlight
        surface = next(i for i, h in enumerate(heads) if h.strip().startswith("surface"))
        link = page.locator(f"{table} tbody tr").first.locator("a").first
        assert page.locator(f".factlib-doc a.claim{link.get_attribute('href')}").inner_text() == \
            _column(page, table, surface)[0]
        # filter: only the rows containing the text stay visible (a kind some rows have, not all)
        texts = page.eval_on_selector(table, "t => Array.from(t.tBodies[0].rows).map(r => r.textContent.toLowerCase())")
        kind = next(i for i, h in enumerate(heads) if h.strip().startswith("kind"))
        word = next(k for k in _column(page, table, kind) if 0 < sum(k in t for t in texts) < n)
        search = page.locator(f".factlib-search:has(+ {table}) input")
        assert search.count() == 1
        search.fill(word.upper())  # case does not matter
        shown = page.eval_on_selector(
            table, "t => Array.from(t.tBodies[0].rows).filter(r => r.offsetParent !== null).map(r => r.textContent)")
        assert len(shown) == sum(word in t for t in texts) and all(word in t.lower() for t in shown)
        search.fill("")
        assert len(_column(page, table, surface)) == n
    finally:
        page.close()

    wrong = _report(built, "03_wrong")
    page, errors = _open(browser, built.out_dir / wrong.html)
    try:
        findings = "table.factlib-findings"
        rows = page.locator(f"{findings} tbody tr")
        total = rows.count()
        page.locator("input.f-c + label").first.click()  # the CSS verdict filter: contradicted only
        visible = [r for r in range(total) if rows.nth(r).is_visible()]
        assert visible and all("verdict-contradicted" in rows.nth(r).get_attribute("class") for r in visible)
    finally:
        page.close()


def test_csp_blocks_any_other_script(built, browser, tmp_path):
    """A script or handler that got into a report page would not run: the policy allows the sorter's
    hash only (the sorter itself still runs)."""
    doc = _report(built, "000")
    html = (built.out_dir / doc.html).read_text(encoding="utf-8")
    injected = html.replace("<main>", f'<main><script>{PWN}</script><img src="x" onerror="{PWN}">'
                            f'<a id="js" href="javascript:{PWN}">x</a>', 1)
    assert injected != html
    target = built.out_dir / doc.html
    copy = target.with_name("injected-" + target.name)  # beside it, so relative images still resolve
    copy.write_text(injected, encoding="utf-8")
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(copy.as_uri(), wait_until="load")
        page.wait_for_timeout(200)
        page.locator("#js").click()
        page.wait_for_timeout(100)
        assert page.evaluate("window.__pwned === undefined"), "an injected script ran"
        assert page.locator("th.factlib-sortable").count() > 0, "the sorter did not run"
        page.close()
    finally:
        copy.unlink()
