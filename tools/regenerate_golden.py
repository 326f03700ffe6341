"""Rewrite the golden reports in tests/golden/ (only on purpose, after a reviewed change)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipcheck.check import check  # noqa: E402
from ipcheck.inputs.documents import read_document  # noqa: E402
from ipcheck.plans.loader import load_plan  # noqa: E402
from ipcheck.report import RenderOptions, render  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
PAIRS = {"mianzhu-2015": ("plans/mianzhu-2015.yaml", "summaries/2015/mianzhu-2015.txt")}
FORMATS = {"json": "json", "markdown": "md", "html": "html"}
# Chinese (the default) is pinned as <pair>.<ext>, English as <pair>.en.<ext>.
LANGS = {"zh-CN": "", "en": ".en"}


def names() -> list[str]:
    """Every golden file name, sorted."""
    return sorted(f"{p}{tag}.{ext}" for p in PAIRS for tag in LANGS.values() for ext in FORMATS.values())


def reports() -> dict[str, str]:
    """Golden file name -> report text, rendered with repository-relative paths."""
    out = {}
    for name, (plan, summary) in PAIRS.items():
        report = check(load_plan(plan), read_document(summary))
        for lang, tag in LANGS.items():
            for fmt, ext in FORMATS.items():
                out[f"{name}{tag}.{ext}"] = render(report, fmt, RenderOptions(lang=lang))
    return out


if __name__ == "__main__":
    import os
    os.chdir(ROOT)
    for file_name, text in reports().items():
        (GOLDEN / file_name).write_text(text, encoding="utf-8", newline="\n")
        print("wrote", GOLDEN / file_name)
