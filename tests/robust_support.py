"""The mixed folder of issue 13: good documents beside every kind of bad file the issue lists
(shared by the command-line and the report tests)."""
from __future__ import annotations

import os
from pathlib import Path

GOOD = "截至2022年12月，我国网民规模达10.67亿，互联网普及率达75.6%。\n"

#: files that load (some with a warning about their date)
GOOD_FILES = {"a.txt", "b.md", "bad_date.md", "minute60.md", "divs.html", "wan.txt"}
#: files that fail, and a word of their one-line reason
BAD_FILES = {"empty.txt": "empty file", "aliases.md": "alias"}


def make_mixed(d: Path) -> Path:
    d.mkdir()
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    (d / "b.md").write_text("---\ntitle: 好\ndate: 2024-01-02\n---\n" + GOOD, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "bad_date.md").write_text("---\ndate: 2021-13-45\n---\n" + GOOD, encoding="utf-8")
    (d / "minute60.md").write_text("---\ndate: 2021-01-01 10:60:00\n---\n" + GOOD, encoding="utf-8")
    (d / "aliases.md").write_text("---\na: &x [1, 2]\nb: *x\n---\n" + GOOD, encoding="utf-8")
    (d / "divs.html").write_text("<div>" * 1000 + "<p>网民规模增长5%。</p>", encoding="utf-8")
    (d / "wan.txt").write_text("1万" * 1000, encoding="utf-8")
    (d / "reference.csv").write_text("metric,value\nx,1\n", encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(d / "pipe.txt")
    return d
