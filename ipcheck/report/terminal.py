"""The terminal report: a rich table per status with counts; the only module that imports rich."""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ipcheck.i18n import DEFAULT_LANG, stale_text, status_word, t, warning_text
from ipcheck.model import Report
from ipcheck.report.context import STATUS_ORDER, build, excerpt, fails, segments, shown_details

STYLE = {"met": "green", "missed": "bold red", "unreported": "yellow", "pending": "cyan"}
QUOTE_LIMIT = 90            # characters of the deciding quote shown by default (-v: every sentence in full)
DETAILS = ("quiet", "default", "verbose")
DEFAULT_FAIL_ON = frozenset({"missed", "unreported"})
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


def _quote(ev: dict, lang: str, full: bool = False) -> Text:
    """The evidence sentence after its line: in full, or an excerpt keeping the deciding words."""
    text = Text()
    pieces = segments(ev["text"], ev["highlight"]) if full else excerpt(ev["text"], ev["highlight"], QUOTE_LIMIT)
    for piece, hit in pieces:
        text.append(piece, style="bold underline" if hit else "")
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


def _evidence(i: dict, lang: str, verbose: bool) -> Text:
    """The verdict's message, the deciding quote (-v: every evidence sentence), warnings, review."""
    evidence = Text(i["message"], style="italic")
    if i.get("pace"):
        evidence = evidence + Text("\n" + i["pace"]["message"], style="cyan")
    if i.get("to_write"):
        evidence = evidence + Text("\n" + t("write.line", lang, text=i["to_write"]), style="bold")
    for ev in i["evidence"] if verbose else i["evidence"][:1]:
        evidence = evidence + Text("\n") + _quote(ev, lang, full=verbose)
    for w in shown_details(i):
        evidence = evidence + Text(f"\n! {_clean(warning_text(w, lang))}", style="magenta")
    if i["review"]:
        evidence = evidence + _review(i["review"], i["tool_status"], lang)
    return evidence


def _table(status: str, items: list[dict], lang: str, verbose: bool) -> Table:
    table = Table(title=t("report.group", lang, status=status_word(status, lang), count=len(items)),
                  title_style=STYLE[status], title_justify="left",
                  show_lines=False, expand=True, box=None, pad_edge=False)
    table.add_column(t("col.id", lang), no_wrap=True)
    table.add_column(t("col.item", lang), ratio=2, overflow="fold")
    table.add_column(t("col.conf", lang), justify="right", no_wrap=True)
    table.add_column(t("col.evidence", lang), ratio=3, overflow="fold")
    for i in items:
        flag = Text(" " + t("label.review", lang), style="magenta") if i["needs_review"] else Text("")
        table.add_row(Text(i["id"]), Text(i["label"]) + flag, f"{i['confidence']:.2f}",   # an id may hold "[/x]"
                      _evidence(i, lang, verbose))
    return table


def totals_line(counts: dict, result: str, lang: str) -> Text:
    """Every status's count, needs review, the total and the result: ``result`` is "ok",
    "failing" or "mismatch" (通过 / 不通过 / 不匹配)."""
    words = [t("report.count", lang, label=status_word(s, lang), count=counts[s]) for s in STATUS_ORDER]
    line = (" ".join(words) + "  " + t("report.count", lang, label=t("needs_review", lang), count=counts["needs_review"])
            + "  " + t("report.count", lang, label=t("label.total", lang), count=counts["total"]) + "  ")
    style = "bold green" if result == "ok" else "bold red"
    return Text(line) + Text(t("report.result", lang, result=t(f"result.{result}", lang)), style=style)


def render(report: Report, width: int = 120, color: bool = False, lang: str = DEFAULT_LANG,
           detail: str = "default", fail_on: frozenset[str] = DEFAULT_FAIL_ON) -> str:
    """The report as terminal text; plain (no escape codes) unless ``color``. ``detail``:
    "quiet" shows only the items that fail (``fail_on``) and the totals line, "verbose" every
    evidence sentence in full; the default one quote per item, its deciding words visible."""
    ctx = _clean(build(report, lang))
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, legacy_windows=False)
    plan, summary, counts, mismatch = ctx["plan"], ctx["summary"], ctx["counts"], ctx["mismatch"]
    quiet = detail == "quiet"
    if not quiet:
        console.print(Text(t("report.heading", lang, title=plan["title"], id=plan["id"]), style="bold"))
        console.print(Text(t("report.meta", lang, path=summary["path"],   # Text: no markup
                             year=summary["year"] or t("label.unknown", lang), encoding=summary["encoding"])))
        for w in ctx["warning_details"]:
            console.print(Text(f"! {_clean(warning_text(w, lang))}", style="magenta"))
    if mismatch:
        console.print(Text("✗ " + t("mismatch.banner", lang, message=mismatch["message"]), style="bold red"))
    shown = [i for i in ctx["items"] if fails(i, fail_on)] if quiet else ctx["items"]
    if mismatch and detail != "verbose":
        shown = []
        if not quiet:
            console.print(Text(t("mismatch.hidden", lang, count=counts["total"])))
    elif mismatch:
        console.print(Text(t("mismatch.shown", lang), style="bold red"))
    for status in STATUS_ORDER:
        items = [i for i in shown if i["status"] == status]
        if items:
            console.print()
            console.print(_table(status, items, lang, detail == "verbose"))
    console.print()
    result = "mismatch" if mismatch else "failing" if any(fails(i, fail_on) for i in ctx["items"]) else "ok"
    console.print(totals_line(counts, result, lang))
    return buf.getvalue()
