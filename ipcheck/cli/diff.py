"""`ipcheck diff OLD NEW`: what changed between two JSON reports of a check."""
from __future__ import annotations

import click

from ipcheck.cli import (DEFAULT_FAIL_ON, EXIT_FAILED_ITEMS, EXIT_OK, _guarded, color_choice, color_option, main,
                         terminal_width, use_color)

FORMATS = ("text", "json", "markdown")
EXTENSIONS = {".json": "json", ".md": "markdown", ".txt": "text"}


@main.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), help="Output format (default: from -o, else text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the comparison to this file.")
@click.option("--fail-on", default=None,
              help=f"Statuses that count as failures (default: {DEFAULT_FAIL_ON}).")
@click.option("--lang", help="Language: zh-CN (default) or en.")
@color_option
@click.pass_context
def diff_command(ctx: click.Context, old: str, new: str, fmt: str | None, output: str | None,
                 fail_on: str | None, lang: str | None, color: str | None, no_color: bool = False) -> None:
    """Compare two JSON reports (ipcheck check … --format json) of one plan: items whose status,
    figure or evidence changed, new failures and resolved ones. Exit status 1 when NEW has a
    failure OLD did not (a regression), 0 otherwise, 2 on bad input."""
    from ipcheck.cli.config import effective
    cfg = effective(ctx, {"fail_on": fail_on, "lang": lang})

    def run() -> int:
        from ipcheck.diff import compare_files
        from ipcheck.errors import IpcheckError, msg
        from ipcheck.i18n import check_lang
        from ipcheck.outputs import write_atomic
        from ipcheck.report.diff_report import DIFF_REPORTER_BY_NAME

        language = check_lang(cfg["lang"])
        chosen = fmt or (next((v for k, v in EXTENSIONS.items() if output.lower().endswith(k)), None)
                         if output else "text")
        if chosen is None:
            raise IpcheckError(msg("error.format_extension_any", path=repr(output)),
                               hint=msg("error.hint.use_format", names="|".join(FORMATS)))
        result = compare_files(old, new, cfg["fail_on"])
        if output is not None:
            write_atomic(output, DIFF_REPORTER_BY_NAME[chosen](result, language), inputs=(old, new))
        elif chosen == "text":
            from ipcheck.report.diff_text import render
            colored = use_color(color_choice(color, no_color))
            click.echo(render(result, width=terminal_width(), color=colored, lang=language), nl=False, color=colored)
        else:
            click.echo(DIFF_REPORTER_BY_NAME[chosen](result, language), nl=False)
        return EXIT_FAILED_ITEMS if result.regressions else EXIT_OK

    ctx.exit(_guarded(ctx, run))
