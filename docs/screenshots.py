"""Screenshots of a rendered report at 1280 px (Debian chromium driven by playwright).

    python docs/screenshots.py reports/demo docs/img          # the README's pictures
    python docs/screenshots.py reports/demo /tmp/shots --full  # whole pages, for review

Writes ``index.png``, ``document.png`` (the first document report with a contradicted
claim, else the first) and ``metric.png`` (internet_users when present).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def pages(report_dir: Path) -> dict[str, Path]:
    """index / document / metric page of a rendered report folder."""
    out = {"index": report_dir / "index.html"}
    docs = sorted((report_dir / "documents").glob("*.html")) or sorted(report_dir.rglob("document*/*.html"))
    # a page with a contradicted highlight (the class name alone is in every page's stylesheet)
    wrong = [d for d in docs if 'class="claim v-contradicted"' in d.read_text(encoding="utf-8")]
    if docs:
        out["document"] = (wrong or docs)[0]
    metrics = sorted(report_dir.rglob("metric*/*.html"))
    users = [m for m in metrics if "internet_users" in m.name]
    if metrics:
        out["metric"] = (users or metrics)[0]
    return out


def shoot(report_dir: Path, out_dir: Path, *, full: bool = False, width: int = 1280, height: int = 900) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for name, path in pages(report_dir).items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(path.resolve().as_uri(), wait_until="load")
                target = out_dir / f"{name}.png"
                page.screenshot(path=str(target), full_page=full)
                written.append(target)
                page.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("report_dir", type=Path)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--full", action="store_true", help="whole pages instead of the first screen")
    ap.add_argument("--height", type=int, default=900)
    args = ap.parse_args(argv)
    for path in shoot(args.report_dir, args.out_dir, full=args.full, height=args.height):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
