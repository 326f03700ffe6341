"""`ipcheck figures`: every figure read from a summary, one per line under a header row."""
from __future__ import annotations

import click

from ipcheck.cli import EXIT_OK, _guarded, main, run_language
from ipcheck.cli.console import pad

COLUMN_WIDTHS = (4, 10, 18, 12)           # line, section, amount, kind (in terminal cells)


@main.command("figures")
@click.argument("summary", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--year", type=click.IntRange(1990, 2100), help="The year the summary reports on (default: read from its title).")
@click.option("--lang", help="Language of the text: zh-CN (default) or en.")
@click.pass_context
def figures_command(ctx: click.Context, summary: str, fmt: str, year: int | None, lang: str | None = None) -> None:
    """List every figure read from SUMMARY ('-': standard input): line, section, value, unit,
    qualifier, kind, the quantity it is bound to, the quote and any warning."""

    def run() -> int:
        import json

        from ipcheck.cli.inputs import read_summary
        from ipcheck.evaluate import figure_rows
        from ipcheck.i18n import check_lang

        if lang:
            check_lang(lang)
        rows = figure_rows(read_summary(summary), year)
        if fmt == "json":
            click.echo(json.dumps({"figures": rows}, ensure_ascii=False, sort_keys=True, indent=1))
        else:
            for line in text_lines(rows, run_language(ctx)):
                click.echo(line)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))


def _row(values: list[str]) -> str:
    """Columns aligned in terminal cells: the line number to the right, the others to the left."""
    out = [pad(v, COLUMN_WIDTHS[k], right=k == 0) if k < len(COLUMN_WIDTHS) else v for k, v in enumerate(values)]
    return "  ".join(out).rstrip()


def text_lines(rows: list[dict], lang: str) -> list[str]:
    """A header row, then one line per figure, every word in ``lang``."""
    from ipcheck.i18n import t, warning_text
    if not rows:
        return [t("figures.none", lang)]
    header = t("figures.header", lang).split("\t")
    out = [_row(header[:4] + [" ".join(header[4:])])]
    for r in rows:
        bound = "" if r["low"] == r["high"] == r["value"] else f" [{_num(r['low'])}, {_num(r['high'])}]"
        amount = f"{_num(r['value'])} {r['unit']}" + (f" ({r['qualifier']})" if r["qualifier"] else "")
        warn = f"  ! {t('clause.sep', lang).join(warning_text(w, lang) for w in r['warning_details'])}" if r["warnings"] else ""
        out.append(_row([str(r["line"]), t(f"section.{r['section']}", lang), amount, t(f"kind.{r['kind']}", lang),
                         f"{r['quantity'] or '-'}{bound}  \u201c{r['text']}\u201d{warn}"]))
    return out


def _num(v: float | None) -> str:
    from ipcheck.units import format_number
    return "-" if v is None else format_number(v)
