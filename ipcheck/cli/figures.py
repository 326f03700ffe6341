"""`ipcheck figures`: every figure read from a summary."""
from __future__ import annotations

import click

from ipcheck.cli import EXIT_OK, _guarded, main


@main.command("figures")
@click.argument("summary", type=click.Path(dir_okay=True))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--year", type=click.IntRange(1990, 2100), help="The year the summary reports on (default: read from its title).")
@click.pass_context
def figures_command(ctx: click.Context, summary: str, fmt: str, year: int | None) -> None:
    """List every figure read from SUMMARY: quantity, value, unit, qualifier, kind, line."""

    def run() -> int:
        import json

        from ipcheck.inputs.documents import read_document
        from ipcheck.evaluate import figure_rows

        rows = figure_rows(read_document(summary), year)
        if fmt == "json":
            click.echo(json.dumps({"figures": rows}, ensure_ascii=False, sort_keys=True, indent=1))
        else:
            for r in rows:
                bound = "" if r["low"] == r["high"] == r["value"] else f" [{_num(r['low'])}, {_num(r['high'])}]"
                warn = f"  ! {'; '.join(r['warnings'])}" if r["warnings"] else ""
                amount = f"{_num(r['value'])} {r['unit']}" + (f" ({r['qualifier']})" if r["qualifier"] else "")
                click.echo(f"{r['line']:>4}  {r['section']:<9}  {amount:<16}  {r['kind']:<13}  "
                           f"{r['quantity'] or '-'}{bound}  \u201c{r['text']}\u201d{warn}")
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))


def _num(v: float | None) -> str:
    from ipcheck.units import format_number
    return "-" if v is None else format_number(v)
