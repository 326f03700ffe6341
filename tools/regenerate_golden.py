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


# Reports beyond the single check (issue #14), each a function of the repository -> text.
EXTRA: dict[str, object] = {}


def _extra(name: str):
    def register(fn):
        EXTRA[name] = fn
        return fn
    return register


def names() -> list[str]:
    """Every golden file name, sorted."""
    return sorted([f"{p}{tag}.{ext}" for p in PAIRS for tag in LANGS.values() for ext in FORMATS.values()]
                  + list(EXTRA))


TIANJIN = ("tests/series/tianjin/plan.yaml", ("tests/series/tianjin/2016-whitepaper.txt",
                                               "tests/series/tianjin/2017-work-summary.txt",
                                               "tests/series/tianjin/2019-whitepaper.txt"))


def _tianjin():
    from ipcheck.progress import run_progress
    return run_progress(TIANJIN[0], [(s, None) for s in TIANJIN[1]], reviews=False)


def _redraft_diff():
    """The diff of the 绵竹 sample and its redraft with 537件 changed to 350件."""
    from ipcheck.check import Settings
    from ipcheck.diff import diff
    from ipcheck.report.context import build
    plan = load_plan("plans/mianzhu-2015.yaml")
    old, new = ("summaries/2015/mianzhu-2015.txt", "tests/series/redrafts/mianzhu-2015-r2-figure.txt")
    reports = [build(check(plan, read_document(s), Settings()), "en") for s in (old, new)]
    return diff(reports[0], reports[1], "mianzhu-2015.json", "mianzhu-2015-r2-figure.json")


for _fmt, _ext in (("json", "json"), ("markdown", "md"), ("text", "txt")):
    def _diff(fmt=_fmt):
        from ipcheck.report.diff_report import DIFF_REPORTER_BY_NAME
        return DIFF_REPORTER_BY_NAME[fmt](_redraft_diff(), "zh-CN")
    _extra(f"mianzhu-2015-r2.diff.{_ext}")(_diff)

for _plan, _year in (("mianzhu-2015", 2015), ("luzhou-2016", 2016)):
    def _checklist(plan=_plan, year=_year):
        from ipcheck.report.checklist import render_markdown
        return render_markdown(load_plan(f"plans/{plan}.yaml"), year)
    _extra(f"{_plan}-checklist.md")(_checklist)

for _fmt, _ext in (("html", "html"), ("json", "json"), ("csv", "csv"), ("text", "txt")):
    for _lang, _tag in LANGS.items():
        if _fmt in ("csv", "text") and _lang == "en":
            continue

        def _render(fmt=_fmt, lang=_lang):
            from ipcheck.report.progress_report import PROGRESS_REPORTER_BY_NAME
            return PROGRESS_REPORTER_BY_NAME[fmt](_tianjin(), lang)
        _extra(f"tianjin-progress{_tag}.{_ext}")(_render)


def reports() -> dict[str, str]:
    """Golden file name -> report text, rendered with repository-relative paths."""
    out = {}
    for name, (plan, summary) in PAIRS.items():
        report = check(load_plan(plan), read_document(summary))
        for lang, tag in LANGS.items():
            for fmt, ext in FORMATS.items():
                out[f"{name}{tag}.{ext}"] = render(report, fmt, RenderOptions(lang=lang))
    for extra, fn in EXTRA.items():
        out[extra] = fn()
    return out


if __name__ == "__main__":
    import os
    os.chdir(ROOT)
    for file_name, text in reports().items():
        (GOLDEN / file_name).write_text(text, encoding="utf-8", newline="\n")
        print("wrote", GOLDEN / file_name)
