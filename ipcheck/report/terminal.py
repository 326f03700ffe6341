"""The terminal report: a rich table per status with counts; the only module that imports rich."""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ipcheck.i18n import DEFAULT_LANG
from ipcheck.model import Report
from ipcheck.report.context import STATUS_ORDER, build, segments

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


def _quote(ev: dict) -> Text:
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
    return Text((f"p{ev['page']} L{ev['page_line']} " if ev.get("page") else f"L{ev['line']} "), style="dim") + text


def render(report: Report, width: int = 120, color: bool = False, lang: str = DEFAULT_LANG) -> str:
    """The report as terminal text; plain (no escape codes) unless ``color``."""
    ctx = _clean(build(report, lang))
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, legacy_windows=False)
    plan, summary, counts = ctx["plan"], ctx["summary"], ctx["counts"]
    console.print(Text(f"ipcheck: {plan['title']} ({plan['id']})", style="bold"))
    console.print(Text(f"summary: {summary['path']}  year: {summary['year'] or 'unknown'}  "   # Text: no markup
                       f"encoding: {summary['encoding']}"))
    for w in ctx["warnings"]:
        console.print(Text(f"! {w}", style="magenta"))
    for status in STATUS_ORDER:
        items = [i for i in ctx["items"] if i["status"] == status]
        if not items:
            continue
        table = Table(title=f"{status} ({len(items)})", title_style=STYLE[status], title_justify="left",
                      show_lines=False, expand=True, box=None, pad_edge=False)
        table.add_column("id", no_wrap=True)
        table.add_column("item", ratio=2)
        table.add_column("conf", justify="right", no_wrap=True)
        table.add_column("evidence", ratio=3)
        for i in items:
            flag = Text(" review", style="magenta") if i["needs_review"] else Text("")
            label = Text(i["label"]) + flag
            evidence = Text(i["message"], style="italic")
            if i["evidence"]:
                evidence = evidence + Text("\n") + _quote(i["evidence"][0])
            for w in i["warnings"]:
                evidence = evidence + Text(f"\n! {w}", style="magenta")
            table.add_row(Text(i["id"]), label, f"{i['confidence']:.2f}", evidence)   # an id may hold "[/x]"
        console.print()
        console.print(table)
    console.print()
    console.print(" ".join(f"{s}: {counts[s]}" for s in STATUS_ORDER)
                  + f"  needs review: {counts['needs_review']}  total: {counts['total']}")
    return buf.getvalue()
