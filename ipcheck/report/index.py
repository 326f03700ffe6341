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

from ipcheck.errors import Message
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


def _where(row: dict[str, Any]) -> str:
    """The city a row is about (its plan's region), else its file's name."""
    import os.path
    return row["region"] or os.path.basename(row["summary"] or row["plan"] or "")


def result_word(row: dict[str, Any], lang: str) -> str:
    """通过 / 不通过 / 不匹配 / 无法核查 for a row."""
    if row["status"] in ("failed", "mismatch"):
        return t("result.failed" if row["status"] == "failed" else "result.mismatch", lang)
    return t("result.failing" if row["failing"] else "result.ok", lang)


def row_detail(row: dict[str, Any], fail_on: list[str], lang: str) -> str:
    """Why a row is not a pass, in ``lang``: the counts of its failing statuses, the mismatch,
    or the error that stopped it."""
    if row["status"] == "failed":
        said = row.get("error_message")
        return Message.from_json(said).text(lang) if said else row["error"] or ""
    if row["status"] == "mismatch":
        m = row["mismatch"]
        return t(f"mismatch.{m['code']}", lang, found=m["found"], expected=m["expected"])
    counts = row["counts"] or {}
    parts = [t("cli.need_review", lang, count=counts.get(s, 0)) if s == "needs_review" else
             t("cli.count", lang, count=counts.get(s, 0), status=status_word(s, lang))
             for s in fail_on if counts.get(s)]
    return t("list.sep", lang).join(parts)


def summary_lines(index: dict[str, Any], lang: str = DEFAULT_LANG, short: bool = False) -> list[str]:
    """The batch told as an officer reads it: the totals, then which cities fail, which pairs do
    not match and which could not be checked; option names and reason codes stay in the JSON."""
    words = t("index.or", lang).join(t("needs_review", lang) if s == "needs_review" else status_word(s, lang)
                                     for s in index["fail_on"])
    lines = [t("index.totals_short", lang, failing_words=words, **index["totals"]) if short
             else t("index.totals", lang, failing_words=words, **index["totals"])]
    groups = (("index.failing_cities", lambda r: r["status"] == "checked" and r["failing"]),
              ("index.mismatched_cities", lambda r: r["status"] == "mismatch"),
              ("index.failed_cities", lambda r: r["status"] == "failed"))
    for key, chosen in groups:
        rows = [r for r in index["pairs"] if chosen(r)]
        if rows:
            cities = [t("index.city", lang, region=_where(r), detail=row_detail(r, index["fail_on"], lang)) for r in rows]
            lines.append(t(key, lang, cities=t("list.sep", lang).join(cities)))
    return lines


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
        ok = r["status"] == "checked" and not r["failing"]
        result = Text(result_word(r, lang), style="green" if ok else "bold red" if r["status"] != "checked" else "red")
        table.add_row(r["plan_id"] or r["plan"] or "", r["summary"] or "", r["region"] or "",
                      "" if r["year"] is None else str(r["year"]),
                      *(str(counts[k]) if k in counts else "" for k in COLUMNS), result)
    console.print(table)
    for line in summary_lines(index, lang, short=True):
        console.print(Text(line), overflow="fold")
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
