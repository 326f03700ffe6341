"""Render the sample report (zh-CN HTML) in headless Chromium to docs/report-screenshot.png.

Run by hand after a change to the HTML template: ``python tools/screenshot.py [--chromium PATH]``.
Needs Chromium and a CJK font (Debian: ``apt-get install -y chromium fonts-noto-cjk``).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipcheck.check import check  # noqa: E402
from ipcheck.inputs.documents import read_document  # noqa: E402
from ipcheck.plans.loader import load_plan  # noqa: E402
from ipcheck.report import RenderOptions, render  # noqa: E402

PLAN, SUMMARY = "plans/mianzhu-2015.yaml", "summaries/2015/mianzhu-2015.txt"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def main(argv: list[str] | None = None) -> int:
    """Write the screenshot; 1 when no Chromium is found."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser")
                    or shutil.which("google-chrome"))
    ap.add_argument("--size", default="1280,2000", help="window width,height in CSS pixels")
    ap.add_argument("-o", "--output", default=str(ROOT / "docs" / "report-screenshot.png"))
    args = ap.parse_args(argv)
    if not args.chromium:
        print("screenshot: no chromium found (apt-get install -y chromium fonts-noto-cjk)", file=sys.stderr)
        return 1
    import os
    os.chdir(ROOT)
    html = render(check(load_plan(PLAN), read_document(SUMMARY)), "html", RenderOptions(lang="zh-CN"))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run([args.chromium, *FLAGS, f"--user-data-dir={tmp}/profile", f"--window-size={args.size}",
                        f"--screenshot={Path(args.output).resolve()}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    print("wrote", args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
