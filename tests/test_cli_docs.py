"""`factlib docs seeds/` prints one JSON line per seed document."""
from __future__ import annotations

import json
import subprocess
import sys

KEYS = ["id", "path", "title", "date", "lang", "encoding", "n_chars", "n_sentences", "sha256"]


def test_docs_on_seeds(seeds_dir):
    r = subprocess.run([sys.executable, "-m", "factlib", "docs", str(seeds_dir)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [row["id"][:3] for row in rows] == ["000", "001", "002", "003", "004"]
    for row in rows:
        assert list(row) == KEYS
        assert row["n_chars"] > 1000 and row["n_sentences"] > 10
    assert rows[0]["date"] == "2021-09-27" and rows[3]["lang"] == "zh-Hant"
    assert r.stderr.startswith("factlib: 5 documents; ") and len(r.stderr.splitlines()) == 1  # the summary only


def test_docs_accepts_globs_and_paths_with_spaces(tmp_path):
    d = tmp_path / "a folder 'quoted'"
    d.mkdir()
    (d / "x y.md").write_text("---\ntitle: X\n---\n2024年增长5%。", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "factlib", "docs", str(d / "*.md")], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["id"] == "x y"
