"""Remake docs/sample-report.png, the README's picture of the HTML report of the sample.

    .venv/bin/python docs/make_screenshot.py

Needs what the browser tests need: the playwright package and Debian's chromium
(`make browser-deps`). The browser test saves the same view under build/ on every run.
"""
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import factdiff

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(out: Path = ROOT / "docs" / "sample-report.png", chromium: str = "/usr/bin/chromium") -> None:
    report = factdiff.check_paths([ROOT / "samples" / "amnesty-syria-2015"])
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "sample-report.html"
        page_file.write_text(report.to_html(show_all=False), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(out))
            browser.close()
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:2]))
