"""Progress reporters by name: terminal text, JSON, HTML (a small inline-SVG chart per target), CSV
and XLSX (one row per item and year). Each reads only the Progress model."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Union

from ipcheck.i18n import DEFAULT_LANG, t
from ipcheck.model_history import Progress
from ipcheck.report.csv_report import Cell, safe_text
from ipcheck.report.progress_context import build, state_word

Rendered = Union[str, bytes]
POINT_COLUMNS = ("id", "kind", "item", "year", "reported", "unit", "needed", "state", "status", "review",
                 "line", "quote", "summary")
TARGET_COLUMNS = ("id", "item", "target", "unit", "due", "baseline", "state", "as_of")
TASK_COLUMNS = ("id", "item", "owners", "done_years")


def render_json(progress: Progress, lang: str = DEFAULT_LANG) -> str:
    """Stable JSON: sorted keys, no timestamps."""
    return json.dumps(build(progress, lang), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_text(progress: Progress, lang: str = DEFAULT_LANG) -> str:
    from ipcheck.report.progress_text import render
    return render(progress, lang=lang)


def render_html(progress: Progress, lang: str = DEFAULT_LANG) -> str:
    from ipcheck.report.template import render_progress_html
    return render_progress_html(build(progress, lang), lang)


def _heads(columns: tuple[str, ...], lang: str) -> list[str]:
    return [t(f"progress.col.{c}" if c not in ("owners",) else "col.owners", lang) for c in columns]


def point_rows(ctx: dict[str, Any], lang: str) -> list[list[Cell]]:
    """One row per target and year, then per task and year."""
    rows: list[list[Cell]] = []
    yes, no = t("ci.yes", lang), t("ci.no", lang)
    for tg in ctx["targets"]:
        for p in tg["points"]:
            rows.append([tg["id"], t("item_kind.target", lang), tg["metric"], p["year"], p["value"], tg["unit"],
                         p["expected"], p["state_label"], p["status_label"], yes if p["needs_review"] else no,
                         p["line"], p["quote"], p["summary"]])
    for task in ctx["tasks"]:
        for y in task["years"]:
            rows.append([task["id"], t("item_kind.task", lang), task["title"], y["year"], None, None, None,
                         None, y["status_label"], yes if y["needs_review"] else no, y["line"], y["quote"],
                         y["summary"]])
    return rows


def _target_rows(ctx: dict[str, Any], lang: str) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for tg in ctx["targets"]:
        b = tg["baseline"]
        rows.append([tg["id"], tg["metric"], f"{t('op.' + tg['op'], lang)} {tg['value']}", tg["unit"], tg["due"],
                     None if b is None else f"{b['year']}: {b['value']}", tg["state_label"], tg["as_of"]])
    return rows


def _task_rows(ctx: dict[str, Any], lang: str) -> list[list[Cell]]:
    return [[task["id"], task["title"], "、".join(task["owners"]),
             "、".join(map(str, task["done_years"])) or t("progress.none_done", lang)] for task in ctx["tasks"]]


def render_csv(progress: Progress, lang: str = DEFAULT_LANG) -> str:
    """One row per item and year; UTF-8 with a BOM and CRLF, formula-like text guarded."""
    ctx = build(progress, lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in _heads(POINT_COLUMNS, lang)])
    writer.writerows([safe_text(v) for v in row] for row in point_rows(ctx, lang))
    return "\ufeff" + out.getvalue()


def render_xlsx(progress: Progress, lang: str = DEFAULT_LANG) -> bytes:
    """The CSV's rows, a sheet of the targets' states and one of the tasks' years done."""
    from ipcheck.report.xlsx import render_sheets
    ctx = build(progress, lang)
    sheets = [(t("progress.sheet.targets", lang), _heads(TARGET_COLUMNS, lang), _target_rows(ctx, lang)),
              (t("progress.sheet.points", lang), _heads(POINT_COLUMNS, lang), point_rows(ctx, lang)),
              (t("progress.sheet.tasks", lang), _heads(TASK_COLUMNS, lang), _task_rows(ctx, lang))]
    wide = frozenset({t("progress.col.item", lang), t("progress.col.quote", lang)})
    return render_sheets(sheets, title=ctx["plan"]["title"], wide=wide)


PROGRESS_REPORTER_BY_NAME: dict[str, Callable[[Progress, str], Rendered]] = {
    "text": render_text, "json": render_json, "html": render_html, "csv": render_csv, "xlsx": render_xlsx,
}
BINARY = frozenset({"xlsx"})


def written_line(output: str, progress: Progress, lang: str = DEFAULT_LANG) -> str:
    """"report.html: 1 targets, 1 met early" for the stderr line of a written report."""
    ctx = build(progress, lang)
    states = t("list.sep", lang).join(t("progress.state_count", lang, count=n, state=state_word(s, lang))
                                      for s, n in ctx["counts"].items() if n)
    return t("progress.written", lang, output=output, count=len(ctx["targets"]), states=states)
