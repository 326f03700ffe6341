"""`ipcheck explain`: why one plan item's verdict came out as it did."""
from __future__ import annotations

import click

from ipcheck.cli import EXIT_OK, _guarded, color_choice, color_option, main, terminal_width, use_color
from ipcheck.cli.group import UsageMistake


@main.command("explain")
@click.argument("args", nargs=-1, required=True, metavar="[PLAN SUMMARY] ITEM")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format (json lists every candidate).")
@click.option("--year", type=click.IntRange(1990, 2100),
              help="The year the summary reports on (default: read from its title).")
@click.option("--lang", help="Language of the text: zh-CN (default) or en.")
@click.option("--limit", type=click.IntRange(0, None), default=10, show_default=True,
              help="Show at most this many candidates (text format).")
@color_option
@click.pass_context
def explain_command(ctx: click.Context, args: tuple[str, ...], fmt: str, year: int | None,
                    lang: str | None, limit: int, color: str | None, no_color: bool = False) -> None:
    """Show why ITEM of PLAN got its verdict from SUMMARY: every candidate sentence and figure,
    its score and how the rules classified it, and the verdict (the same as `ipcheck check`,
    with the same configured thresholds). PLAN and SUMMARY default to `plan` and `summary` in
    the configuration."""
    from ipcheck.cli.config import effective
    if len(args) not in (1, 3):
        raise UsageMistake("usage.explain_args", ctx)
    plan, summary, item = (None, None, args[0]) if len(args) == 1 else args
    if len(args) == 3:
        from ipcheck.cli.inputs import check_pair
        check_pair(ctx, plan, summary)
    cfg = effective(ctx, {"plan": plan, "summary": summary, "lang": lang})
    plan, summary, lang, thresholds = cfg["plan"], cfg["summary"], cfg["lang"], cfg.thresholds()
    if plan is None or summary is None:
        raise UsageMistake("usage.explain_args", ctx)

    def run() -> int:
        from ipcheck.check import Settings
        from ipcheck.cli.inputs import read_plan, read_summary
        from ipcheck.explain import explain, find_item
        from ipcheck.i18n import DEFAULT_LANG, check_lang
        from ipcheck.report.explain import render_json, render_text

        chosen = check_lang(lang) if lang else DEFAULT_LANG
        loaded = read_plan(plan)
        find_item(loaded, item)            # an unknown id fails before the summary is read
        from ipcheck.reviews import find
        result = explain(loaded, read_summary(summary), item,
                         Settings(year=year, thresholds=thresholds, reviews=find(plan, enabled=plan != "-"))).to_dict()
        if fmt == "json":
            click.echo(render_json(result), nl=False)
        else:
            colored = use_color(color_choice(color, no_color))
            click.echo(render_text(result, limit=limit, width=terminal_width(), color=colored, lang=chosen),
                       nl=False, color=colored)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))
