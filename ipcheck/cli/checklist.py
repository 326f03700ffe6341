"""`ipcheck plan checklist PLAN`: the fill-in outline of what a summary must report."""
from __future__ import annotations

import click

from ipcheck.cli import EXIT_OK, _guarded
from ipcheck.cli.plan import plan_group
from ipcheck.errors import IpcheckError, msg


@plan_group.command("checklist")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write it to this file: .md (Markdown) or .docx (Word); default: Markdown on stdout.")
@click.option("--year", type=click.IntRange(1990, 2100), help="The year the summary reports on (named in each blank).")
@click.option("--lang", help="Language: zh-CN (default) or en.")
@click.pass_context
def plan_checklist_command(ctx: click.Context, plan: str, output: str | None, year: int | None,
                           lang: str | None) -> None:
    """Write the fill-in outline of what a summary of PLAN must report, grouped as the plan is:
    each target with a blank for its actual, each task (by section, with its owners) with blanks
    for when it was done and what it achieved. Byte-identical for the same plan."""

    def run() -> int:
        from ipcheck.i18n import DEFAULT_LANG, check_lang, t
        from ipcheck.outputs import write_atomic
        from ipcheck.plans.loader import load_plan
        from ipcheck.report.checklist import render_docx, render_markdown

        language = check_lang(lang) if lang else DEFAULT_LANG
        loaded = load_plan(plan)
        if output is None:
            click.echo(render_markdown(loaded, year, language), nl=False)
            return EXIT_OK
        lower = output.lower()
        if lower.endswith(".docx"):
            data: str | bytes = render_docx(loaded, year, language)
        elif lower.endswith((".md", ".markdown", ".txt")):
            data = render_markdown(loaded, year, language)
        else:
            raise IpcheckError(msg("error.checklist_extension", path=repr(output)), hint=msg("error.hint.md_docx"))
        write_atomic(output, data, inputs=(plan,))
        click.echo(t("checklist.written", language, output=output, targets=len(loaded.targets),
                     tasks=len(loaded.tasks)), err=True)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))
