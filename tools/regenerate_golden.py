"""Rewrite the golden reports in tests/golden/ (only on purpose, after a reviewed change)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipcheck.check import check  # noqa: E402
from ipcheck.documents import read_document  # noqa: E402
from ipcheck.plan import load_plan  # noqa: E402
from ipcheck.report import render  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
PAIRS = {"mianzhu-2015": ("plans/mianzhu-2015.yaml", "summaries/2015/mianzhu-2015.txt")}
FORMATS = {"json": "json", "markdown": "md", "html": "html"}


def reports() -> dict[str, str]:
    """Golden file name -> report text, rendered with repository-relative paths."""
    out = {}
    for name, (plan, summary) in PAIRS.items():
        report = check(load_plan(plan), read_document(summary))
        for fmt, ext in FORMATS.items():
            out[f"{name}.{ext}"] = render(report, fmt)
    return out


if __name__ == "__main__":
    import os
    os.chdir(ROOT)
    for file_name, text in reports().items():
        (GOLDEN / file_name).write_text(text, encoding="utf-8", newline="\n")
        print("wrote", GOLDEN / file_name)
