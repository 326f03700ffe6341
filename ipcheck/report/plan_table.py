"""`ipcheck plan show`: a plan's targets and tasks as rich tables (reads only the model)."""
from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ipcheck.model import Plan
from ipcheck.units import format_number



def render_plan(plan: Plan, width: int = 120, color: bool = False) -> str:
    """Targets then tasks, one row each; plain text unless ``color``. Every cell is a Text,
    so brackets in a plan ("[/x]") are never read as markup."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, legacy_windows=False)
    m = plan.meta
    period = f"  period: {m.period.start}-{m.period.end}" if m.period else ""
    console.print(Text(f"{m.title} ({m.id})", style="bold"))
    console.print(Text(f"region: {m.region}" + (f"  issuer: {m.issuer}" if m.issuer else "")
                       + (f"  {m.document_no}" if m.document_no else "")
                       + (f"  issued: {m.issued}" if m.issued else "") + period))
    if plan.targets:
        table = Table(title=f"targets ({len(plan.targets)})", title_justify="left", expand=True,
                      box=None, pad_edge=False)
        for name, kw in (("id", {"no_wrap": True}), ("metric", {"ratio": 2}), ("measure", {"no_wrap": True}),
                         ("commitment", {"no_wrap": True}), ("due", {"no_wrap": True}),
                         ("line", {"justify": "right", "no_wrap": True})):
            table.add_column(name, **kw)
        for t in plan.targets:
            table.add_row(Text(t.id), Text(t.metric), Text(t.measure.value),
                          Text(f"{t.op.value} {format_number(t.value)} {t.unit}"), Text(str(t.due or "-")),
                          Text(str(t.line)))
        console.print()
        console.print(table)
    if plan.tasks:
        table = Table(title=f"tasks ({len(plan.tasks)})", title_justify="left", expand=True,
                      box=None, pad_edge=False)
        for name, kw in (("id", {"no_wrap": True}), ("title", {"ratio": 3}), ("owners", {"ratio": 2}),
                         ("section", {"ratio": 1}), ("due", {"no_wrap": True})):
            table.add_column(name, **kw)
        for k in plan.tasks:
            table.add_row(Text(k.id), Text(k.title), Text("、".join(k.owners) or "-"),
                          Text(k.section or "-"), Text(str(k.due or "-")))
        console.print()
        console.print(table)
    return buf.getvalue()
