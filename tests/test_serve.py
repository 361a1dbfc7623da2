"""`factlib serve --store PATH`: the claim store in Datasette with facets and labels."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    base = tmp_path_factory.mktemp("serve")
    store = base / "store.db"
    run = subprocess.run([sys.executable, "-m", "factlib", "extract", str(EXAMPLES), "--store", str(store),
                          "--format", "jsonl"], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    before = store.read_bytes()
    run = subprocess.run([sys.executable, "-m", "factlib", "serve", "--store", str(store), "--db",
                          str(base / "out" / "factlib.db"), "--build-only"], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    assert store.read_bytes() == before  # the store is read, never written
    return base / "out" / "factlib.db"


def test_snapshot_has_claims_findings_documents_with_verdicts(snapshot):
    con = sqlite3.connect(snapshot)
    try:
        verdicts = dict(con.execute("SELECT verdict, count(*) FROM findings GROUP BY verdict").fetchall())
        assert verdicts.get("contradicted", 0) >= 1 and verdicts.get("needs_review", 0) >= 1
        wrong = con.execute("SELECT verdict FROM claims WHERE surface = '10.97亿人'").fetchone()
        assert wrong == ("contradicted",)
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 4
        cols = [r[1] for r in con.execute("PRAGMA table_info(findings)")]
        assert "observed_value" in cols and "expected_value" in cols
    finally:
        con.close()
    meta = json.loads(snapshot.with_suffix(".metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["factlib"]["tables"]
    assert tables["claims"]["facets"][:3] == ["verdict", "metric_key", "doc_id"]
    assert "verdict" in tables["findings"]["facets"] and tables["findings"]["columns"]["explanation"]


def test_datasette_serves_the_facets(snapshot):
    pytest.importorskip("datasette")
    import asyncio

    from datasette.app import Datasette

    meta = json.loads(snapshot.with_suffix(".metadata.json").read_text(encoding="utf-8"))

    async def fetch():
        ds = Datasette([str(snapshot)], immutables=[], metadata=meta)
        page = await ds.client.get("/factlib/claims.json?_facet=verdict&_shape=objects")
        return page.status_code, page.json()

    status, data = asyncio.run(fetch())
    assert status == 200
    facet = {r["value"]: r["count"] for r in data["facet_results"]["verdict"]["results"]}
    assert facet.get("contradicted", 0) >= 1


@pytest.mark.slow
@pytest.mark.browser
def test_datasette_view_in_browser(snapshot):
    """The snapshot served by Datasette, opened in Chromium at 1280 px: facets and labels show."""
    pytest.importorskip("datasette")
    from test_browser import ARGS, CHROMIUM, _browser_or_skip

    _browser_or_skip()
    import shutil
    import socket
    import time

    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    datasette = shutil.which("datasette") or str(Path(sys.executable).with_name("datasette"))
    server = subprocess.Popen([datasette, "serve", "-i", str(snapshot), "--metadata",
                               str(snapshot.with_suffix(".metadata.json")), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/factlib/claims"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                for _ in range(100):  # the server needs a moment to listen
                    try:
                        page.goto(url, wait_until="load")
                        break
                    except Exception:
                        time.sleep(0.2)
                body = page.inner_text("body")
                assert "verdict" in body and "metric_key" in body and "contradicted" in body
                facet = page.locator(".facet-info").first
                assert facet.is_visible()
                page.goto(f"http://127.0.0.1:{port}/factlib/claims?verdict=contradicted", wait_until="load")
                assert "10.97亿人" in page.inner_text("body")
            finally:
                browser.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
