"""`ipcheck explain`: why one plan item's verdict came out as it did."""
from __future__ import annotations

import sys

import click

from ipcheck.cli import EXIT_OK, _guarded, main, terminal_width


@main.command("explain")
@click.argument("args", nargs=-1, required=True, metavar="[PLAN SUMMARY] ITEM")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format (json lists every candidate).")
@click.option("--year", type=click.IntRange(1990, 2100),
              help="The year the summary reports on (default: read from its title).")
@click.option("--lang", help="Language of the text: zh-CN (default) or en.")
@click.option("--limit", type=click.IntRange(0, None), default=10, show_default=True,
              help="Show at most this many candidates (text format).")
@click.option("--color/--no-color", default=None, help="Colour the text (default: when stdout is a terminal).")
@click.pass_context
def explain_command(ctx: click.Context, args: tuple[str, ...], fmt: str, year: int | None,
                    lang: str | None, limit: int, color: bool | None) -> None:
    """Show why ITEM of PLAN got its verdict from SUMMARY: every candidate sentence and figure,
    its score and how the rules classified it, and the verdict (the same as `ipcheck check`,
    with the same configured thresholds). PLAN and SUMMARY default to `plan` and `summary` in
    the configuration."""
    from ipcheck.cli.config import effective
    if len(args) not in (1, 3):
        raise click.UsageError("give PLAN SUMMARY ITEM, or ITEM alone with plan and summary configured", ctx)
    plan, summary, item = (None, None, args[0]) if len(args) == 1 else args
    cfg = effective(ctx, {"plan": plan, "summary": summary, "lang": lang})
    plan, summary, lang, thresholds = cfg["plan"], cfg["summary"], cfg["lang"], cfg.thresholds()
    if plan is None or summary is None:
        raise click.UsageError("give PLAN SUMMARY ITEM, or ITEM alone with plan and summary configured", ctx)

    def run() -> int:
        from ipcheck.check import Settings
        from ipcheck.inputs.documents import read_document
        from ipcheck.explain import explain, find_item
        from ipcheck.i18n import DEFAULT_LANG, check_lang
        from ipcheck.plans.loader import load_plan
        from ipcheck.report.explain import render_json, render_text

        chosen = check_lang(lang) if lang else DEFAULT_LANG
        loaded = load_plan(plan)
        find_item(loaded, item)            # an unknown id fails before the summary is read
        from ipcheck.reviews import find
        result = explain(loaded, read_document(summary), item,
                         Settings(year=year, thresholds=thresholds, reviews=find(plan))).to_dict()
        if fmt == "json":
            click.echo(render_json(result), nl=False)
        else:
            use_color = sys.stdout.isatty() if color is None else color
            click.echo(render_text(result, limit=limit, width=terminal_width(), color=use_color, lang=chosen),
                       nl=False)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))
