"""Progress on the terminal: a small table per target (year, value reported, what the path
needs, state, evidence) and one table of the tasks by year; rich, plain unless colour is asked."""
from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ipcheck.i18n import DEFAULT_LANG, t, warning_text
from ipcheck.model_history import Progress
from ipcheck.report.progress_context import build, value_text, window
from ipcheck.report.terminal import _clean

STATE_STYLE = {"met_early": "bold green", "met": "green", "on_track": "green", "behind": "bold red",
               "missed": "bold red", "no_baseline": "yellow", "no_data": "yellow"}


def _quote(p: dict[str, Any], lang: str) -> str:
    if not p["quote"]:
        return ""
    return t("term.line", lang, line=p["line"]) + " " + window(p["quote"], p["figure"])


def target_title(tg: dict[str, Any], lang: str) -> str:
    """"T1 每万人口发明专利拥有量 ≥ 18件，时限 2020 年"."""
    return t("progress.target_line", lang, id=tg["id"], metric=tg["metric"], op=t(f"op.{tg['op']}", lang),
             value=value_text(tg["value"], ""), unit=tg["unit"], due=tg["due"] or "—")


def baseline_text(tg: dict[str, Any], lang: str) -> str:
    """The baseline and where it comes from, or why there is no path."""
    if tg["measure"] in ("growth", "annual_growth"):
        return t("progress.compound", lang)
    b = tg["baseline"]
    if b is None:
        return t("progress.no_baseline", lang)
    where = (t("progress.baseline_plan", lang) if b["from"] == "plan"
             else t("progress.baseline_summary", lang, path=b["from"]))
    return t("progress.baseline_where", lang, where=where, baseline=t(
        "progress.baseline", lang, year=b["year"], value=value_text(b["value"], ""), unit=tg["unit"]))


def state_text(tg: dict[str, Any], lang: str) -> str:
    if tg["as_of"] is None:
        return tg["state_label"]
    return t("progress.state_now", lang, state=tg["state_label"], year=tg["as_of"])


def _target_table(tg: dict[str, Any], lang: str) -> Table:
    title = Text(target_title(tg, lang), style="bold")
    title.append(" · " + baseline_text(tg, lang) + " · ")
    title.append(state_text(tg, lang), style=STATE_STYLE[tg["state"]])
    table = Table(title=title, title_justify="left", box=None, pad_edge=False, expand=True)
    table.add_column(t("progress.col.year", lang), no_wrap=True)
    table.add_column(t("progress.col.reported", lang), justify="right", no_wrap=True)
    table.add_column(t("progress.col.needed", lang), justify="right", no_wrap=True)
    table.add_column(t("progress.col.state", lang), no_wrap=True)
    table.add_column(t("progress.col.evidence", lang), ratio=1, overflow="fold")
    for p in tg["points"]:
        flag = " " + t("label.review", lang) if p["needs_review"] else ""
        table.add_row(str(p["year"]), p["figure"] or "—", value_text(p["expected"], tg["unit"]) or "—",
                      Text(p["state_label"] + flag, style=STATE_STYLE[p["state"]]), _quote(p, lang))
    return table


def _task_table(ctx: dict[str, Any], lang: str) -> Table:
    table = Table(title=t("progress.tasks", lang, count=len(ctx["tasks"])), title_justify="left",
                  title_style="bold", box=None, pad_edge=False, expand=True)
    table.add_column(t("col.id", lang), no_wrap=True)
    table.add_column(t("progress.col.task", lang), ratio=2, overflow="fold")
    table.add_column(t("col.owners", lang), ratio=1, overflow="fold")
    for s in ctx["summaries"]:
        table.add_column(str(s["year"]), no_wrap=True)
    table.add_column(t("progress.col.done_years", lang), no_wrap=True)
    for task in ctx["tasks"]:
        by_year = {y["year"]: y for y in task["years"]}
        cells = []
        for s in ctx["summaries"]:
            y = by_year.get(s["year"])
            cells.append("" if y is None else y["status_label"] + ("*" if y["needs_review"] else ""))
        done = "、".join(str(y) for y in task["done_years"]) or t("progress.none_done", lang)
        table.add_row(task["id"], task["title"], "、".join(task["owners"]), *cells, done)
    return table


def render(progress: Progress, width: int = 120, color: bool = False, lang: str = DEFAULT_LANG) -> str:
    """The progress as terminal text; plain (no escape codes) unless ``color``."""
    ctx = _clean(build(progress, lang))
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, legacy_windows=False)
    plan = ctx["plan"]
    console.print(Text(t("progress.heading", lang, title=plan["title"], id=plan["id"]), style="bold"))
    years = "、".join(str(s["year"]) for s in ctx["summaries"])
    meta = t("progress.meta", lang, region=plan["region"], count=len(ctx["summaries"]), years=years)
    if ctx["gaps"]:
        meta += t("clause.sep", lang) + t("progress.gap", lang, years="、".join(map(str, ctx["gaps"])))
    console.print(Text(meta))
    for w in ctx["warnings"]:
        console.print(Text(f"! {w['year']}{t('colon', lang)}{_clean(warning_text(w, lang))}", style="magenta"))
    for tg in ctx["targets"]:
        console.print()
        console.print(_target_table(tg, lang))
    if ctx["tasks"]:
        console.print()
        console.print(_task_table(ctx, lang))
    return buf.getvalue()
