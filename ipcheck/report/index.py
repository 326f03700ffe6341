"""The batch index (one row per pair) as a terminal table, JSON, HTML or Markdown, and the
batch progress bar. Reads only the plain index dictionary ipcheck.batch builds."""
from __future__ import annotations

import io
import json
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ipcheck.i18n import DEFAULT_LANG, status_word, t, unpaired_reason

COLUMNS = ("met", "missed", "unreported", "pending", "needs_review")
FILES = {"index.json": "json", "index.html": "html", "index.md": "markdown"}


def render_json(index: dict[str, Any], lang: str = DEFAULT_LANG) -> str:
    """Stable JSON: sorted keys, no timestamps; the same batch gives the same bytes (no words to
    translate: ``lang`` is accepted so every index format is called alike)."""
    return json.dumps(index, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def render_html(index: dict[str, Any], lang: str = DEFAULT_LANG) -> str:
    from ipcheck.report.template import render_index_html
    return render_index_html(index, lang)


def render_markdown(index: dict[str, Any], lang: str = DEFAULT_LANG) -> str:
    from ipcheck.report.template import render_index_markdown
    return render_index_markdown(index, lang)


RENDER = {"json": render_json, "html": render_html, "markdown": render_markdown}


def render_table(index: dict[str, Any], width: int = 120, color: bool = False, lang: str = DEFAULT_LANG) -> str:
    """The index as a terminal table; plain text (no escape codes) unless ``color``."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, legacy_windows=False)
    table = Table(box=None, pad_edge=False, expand=False, show_lines=False)
    for name in ("plan", "summary", "region", "year"):
        table.add_column(t(f"col.{name}", lang), overflow="fold")
    for name in COLUMNS:
        table.add_column(t("col.needs_review", lang) if name == "needs_review" else status_word(name, lang),
                         justify="right", no_wrap=True)
    table.add_column(t("col.result", lang), overflow="fold")
    for r in index["pairs"]:
        counts = r["counts"] or {}
        if r["status"] == "failed":
            result = Text(t("result.failed", lang), style="bold red")
        else:
            result = (Text(t("result.failing", lang), style="red") if r["failing"]
                      else Text(t("result.ok", lang), style="green"))
        table.add_row(r["plan_id"] or r["plan"] or "", r["summary"] or "", r["region"] or "",
                      "" if r["year"] is None else str(r["year"]),
                      *(str(counts[k]) if k in counts else "" for k in COLUMNS), result)
    console.print(table)
    console.print(Text(t("index.totals_short", lang, **index["totals"])))
    for r in index["pairs"]:
        if r["status"] == "failed":
            console.print(Text(t("index.failed", lang, error=r["error"]), style="red"), overflow="fold")
    for u in index["unpaired"]:
        console.print(Text(t("index.unpaired", lang, kind=t(f"kind.{u['kind']}", lang), path=u["path"],
                             reason=unpaired_reason(u, lang)), style="yellow"))
    return buf.getvalue()


class ProgressBar:
    """A rich progress bar on ``stream`` (a terminal); use as the batch's progress callback."""

    def __init__(self, stream: TextIO) -> None:
        console = Console(file=stream, highlight=False, emoji=False)
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), console=console, transient=True)
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> "ProgressBar":
        self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()

    def __call__(self, phase: str, done: int, total: int) -> None:
        if phase not in self._tasks:
            self._tasks[phase] = self._bar.add_task(phase, total=total)
        self._bar.update(self._tasks[phase], completed=done, total=total)
