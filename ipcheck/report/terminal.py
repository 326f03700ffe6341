"""The terminal report: a rich table per status with counts; the only module that imports rich."""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ipcheck.i18n import DEFAULT_LANG, stale_text, status_word, t, warning_text
from ipcheck.model import Report
from ipcheck.report.context import STATUS_ORDER, build, segments, shown_warnings

STYLE = {"met": "green", "missed": "bold red", "unreported": "yellow", "pending": "cyan"}
QUOTE_LIMIT = 90
# Control characters from a summary or plan (ESC starts terminal escape sequences: a quoted
# "\x1b]0;…" would retitle the window, "\x1b[2J" clear it) are shown as their Control
# Pictures (U+2400…) or U+FFFD, one character for one so highlight offsets still hold.
_VISIBLE = {cp: 0x2400 + cp for cp in range(0x20) if chr(cp) not in "\n\t"}
_VISIBLE.update({0x7F: 0x2421, **{cp: 0xFFFD for cp in range(0x80, 0xA0)}})


def _clean(value):
    """``value`` (the report context) with every string's control characters made visible."""
    if isinstance(value, str):
        return value.translate(_VISIBLE)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_clean(v) for v in value)
    return value


def _quote(ev: dict, lang: str) -> Text:
    text = Text()
    shown = 0
    for piece, hit in segments(ev["text"], ev["highlight"]):
        if shown >= QUOTE_LIMIT:
            break
        piece = piece[:QUOTE_LIMIT - shown]
        shown += len(piece)
        text.append(piece, style="bold underline" if hit else "")
    if len(ev["text"]) > QUOTE_LIMIT:
        text.append("…")
    where = (t("term.page_line", lang, page=ev["page"], line=ev["page_line"]) if ev.get("page")
             else t("term.line", lang, line=ev["line"]))
    return Text(where + " ", style="dim") + text


def _review(review: dict, tool_status: str, lang: str) -> Text:
    """A person's decision under the tool's verdict; a stale one says it was not applied."""
    text = Text("\n" + t("review.decision", lang, by=review["by"], date=review["date"],
                          status=status_word(review["status"], lang), reason=review["reason"]), style="bold")
    text.append("\n" + t("review.tool", lang, status=status_word(tool_status, lang)), style="dim")
    if not review["applied"]:
        text.append("\n! " + t("review.not_applied", lang, why=stale_text(review["stale"], lang)),
                    style="bold magenta")
    return text


def render(report: Report, width: int = 120, color: bool = False, lang: str = DEFAULT_LANG) -> str:
    """The report as terminal text; plain (no escape codes) unless ``color``."""
    ctx = _clean(build(report, lang))
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, legacy_windows=False)
    plan, summary, counts = ctx["plan"], ctx["summary"], ctx["counts"]
    console.print(Text(t("report.heading", lang, title=plan["title"], id=plan["id"]), style="bold"))
    console.print(Text(t("report.meta", lang, path=summary["path"],   # Text: no markup
                         year=summary["year"] or t("label.unknown", lang), encoding=summary["encoding"])))
    for w in ctx["warnings"]:
        console.print(Text(f"! {_clean(warning_text(w, lang))}", style="magenta"))
    for status in STATUS_ORDER:
        items = [i for i in ctx["items"] if i["status"] == status]
        if not items:
            continue
        table = Table(title=t("report.group", lang, status=status_word(status, lang), count=len(items)),
                      title_style=STYLE[status], title_justify="left",
                      show_lines=False, expand=True, box=None, pad_edge=False)
        table.add_column(t("col.id", lang), no_wrap=True)
        table.add_column(t("col.item", lang), ratio=2, overflow="fold")
        table.add_column(t("col.conf", lang), justify="right", no_wrap=True)
        table.add_column(t("col.evidence", lang), ratio=3, overflow="fold")
        for i in items:
            flag = Text(" " + t("label.review", lang), style="magenta") if i["needs_review"] else Text("")
            label = Text(i["label"]) + flag
            evidence = Text(i["message"], style="italic")
            if i["pace"]:
                evidence = evidence + Text("\n" + i["pace"]["message"], style="cyan")
            if i["to_write"]:
                evidence = evidence + Text("\n" + t("write.line", lang, text=i["to_write"]), style="bold")
            if i["evidence"]:
                evidence = evidence + Text("\n") + _quote(i["evidence"][0], lang)
            for w in shown_warnings(i):
                evidence = evidence + Text(f"\n! {_clean(warning_text(w, lang))}", style="magenta")
            if i["review"]:
                evidence = evidence + _review(i["review"], i["tool_status"], lang)
            table.add_row(Text(i["id"]), label, f"{i['confidence']:.2f}", evidence)   # an id may hold "[/x]"
        console.print()
        console.print(table)
    console.print()
    console.print(" ".join(t("report.count", lang, label=status_word(s, lang), count=counts[s]) for s in STATUS_ORDER)
                  + "  " + t("report.count", lang, label=t("needs_review", lang), count=counts["needs_review"])
                  + "  " + t("report.count", lang, label=t("label.total", lang), count=counts["total"]))
    return buf.getvalue()
