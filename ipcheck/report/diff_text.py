"""What changed, on the terminal: the counts before and after, then a table per group (new
failures, resolved failures, other changes); rich, plain unless colour is asked."""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ipcheck.i18n import DEFAULT_LANG, t
from ipcheck.model_history import ReportDiff
from ipcheck.report.diff_report import counts_text, first_difference, groups, side_text, what_text
from ipcheck.report.terminal import _clean

STYLE = {"diff.regressions": "bold red", "diff.resolved": "green", "diff.changed": "yellow"}


def render(d: ReportDiff, width: int = 120, color: bool = False, lang: str = DEFAULT_LANG) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, legacy_windows=False)
    console.print(Text(_clean(t("diff.heading", lang, old=d.old_path, new=d.new_path)), style="bold"))
    console.print(Text(_clean(t("diff.meta", lang, plan=d.plan, old=d.old_summary or "?", new=d.new_summary or "?"))))
    console.print(Text(counts_text(d, lang)))
    for w in d.warnings:
        console.print(Text("! " + t("diff.plan_mismatch", lang, plans=w.split(": ", 1)[1]), style="magenta"))
    if not d.changes:
        console.print(Text(t("diff.none", lang)))
    for key, changes in groups(d):
        if not changes:
            continue
        table = Table(title=t(key, lang, count=len(changes)), title_style=STYLE[key], title_justify="left",
                      box=None, pad_edge=False, expand=True)
        table.add_column(t("diff.col.id", lang), no_wrap=True)
        table.add_column(t("diff.col.item", lang), ratio=1, overflow="fold")
        table.add_column(t("diff.col.what", lang), no_wrap=True)
        table.add_column(t("diff.col.before", lang), ratio=2, overflow="fold")
        table.add_column(t("diff.col.after", lang), ratio=2, overflow="fold")
        for c in changes:
            at = first_difference(c)
            table.add_row(Text(_clean(c.id)), Text(_clean(c.label)), what_text(c, lang),
                          Text(_clean(side_text(c.old, lang, at))), Text(_clean(side_text(c.new, lang, at))))
        console.print()
        console.print(table)
    console.print()
    console.print(Text(t("diff.unchanged", lang, count=d.unchanged)))
    return buf.getvalue()
