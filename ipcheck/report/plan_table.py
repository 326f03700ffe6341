"""`ipcheck plan show`: a plan's targets and tasks as rich tables (reads only the model)."""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ipcheck.i18n import DEFAULT_LANG, t
from ipcheck.model import Plan
from ipcheck.units import format_number



def render_plan(plan: Plan, width: int = 120, color: bool = False, lang: str = DEFAULT_LANG) -> str:
    """Targets then tasks, one row each; plain text unless ``color``. Every cell is a Text,
    so brackets in a plan ("[/x]") are never read as markup."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, legacy_windows=False)
    m = plan.meta
    def field(key: str, value: object) -> str:
        return t("label.value", lang, label=t(key, lang), value=value)

    period = "  " + field("label.period", f"{m.period.start}-{m.period.end}") if m.period else ""
    console.print(Text(f"{m.title} ({m.id})", style="bold"))
    console.print(Text(field("label.region", m.region) + ("  " + field("label.issuer", m.issuer) if m.issuer else "")
                       + (f"  {m.document_no}" if m.document_no else "")
                       + ("  " + field("label.issued", m.issued) if m.issued else "") + period))
    if plan.targets:
        table = Table(title=t("plan.targets", lang, count=len(plan.targets)), title_justify="left", expand=True,
                      box=None, pad_edge=False)
        for name, kw in (("id", {"no_wrap": True}), ("metric", {"ratio": 2}), ("measure", {"no_wrap": True}),
                         ("commitment", {"no_wrap": True}), ("due", {"no_wrap": True}),
                         ("line", {"justify": "right", "no_wrap": True})):
            table.add_column(t(f"col.{name}", lang), **kw)
        for g in plan.targets:
            table.add_row(Text(g.id), Text(g.metric), Text(t(f"measure.{g.measure.value}", lang)),
                          Text(f"{t(f'op.{g.op.value}', lang)} {format_number(g.value)} {g.unit}"),
                          Text(str(g.due or "-")), Text(str(g.line)))
        console.print()
        console.print(table)
    if plan.tasks:
        table = Table(title=t("plan.tasks", lang, count=len(plan.tasks)), title_justify="left", expand=True,
                      box=None, pad_edge=False)
        for name, kw in (("id", {"no_wrap": True}), ("title", {"ratio": 3}), ("owners", {"ratio": 2}),
                         ("section", {"ratio": 1}), ("due", {"no_wrap": True})):
            table.add_column(t(f"col.{name}", lang), **kw)
        for k in plan.tasks:
            table.add_row(Text(k.id), Text(k.title), Text("、".join(k.owners) or "-"),
                          Text(k.section or "-"), Text(str(k.due or "-")))
        console.print()
        console.print(table)
    return buf.getvalue()
