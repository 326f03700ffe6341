"""`ipcheck plan draft|validate|show`."""
from __future__ import annotations

import os

import click

from ipcheck.cli import (EXIT_FAILED_ITEMS, EXIT_INPUT_ERROR, EXIT_OK, _guarded, color_choice, color_option, main,
                         problem_text, run_language, terminal_width, use_color)


@main.group("plan")
def plan_group() -> None:
    """Draft, validate and show plan files (YAML, version 1)."""


@plan_group.command("draft")
@click.argument("document", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the draft to this file (default: stdout).")
@click.option("--id", "plan_id", help="The plan id (a slug; default: from the file name).")
@click.option("--region", help="Whose plan this is (default: read from the title).")
@click.option("--from-line", type=click.IntRange(1), help="First line of the plan inside DOCUMENT.")
@click.option("--to-line", type=click.IntRange(1), help="Last line of the plan inside DOCUMENT.")
@click.option("--lang", help="Language of the line on stderr and of errors: zh-CN (default) or en.")
@click.pass_context
def plan_draft_command(ctx: click.Context, document: str, output: str | None, plan_id: str | None,
                       region: str | None, from_line: int | None, to_line: int | None,
                       lang: str | None = None) -> None:
    """Draft a plan YAML from a plan DOCUMENT ('-': standard input) for a person to review."""

    def run() -> int:
        from pathlib import Path

        from ipcheck.cli.inputs import read_summary
        from ipcheck.plans.draft import draft
        from ipcheck.errors import OutputError, msg
        from ipcheck.outputs import write_atomic

        if output is not None and os.path.exists(output) and os.path.exists(document) and (
                os.path.samefile(output, document) or Path(output).resolve() == Path(document).resolve()):
            raise OutputError(msg("error.draft_over_input"), path=output)
        result = draft(read_summary(document), plan_id=plan_id, region=region,
                       from_line=from_line, to_line=to_line)
        if output is None:
            click.echo(result.yaml, nl=False)
        else:
            write_atomic(output, result.yaml, inputs=(document,))
        from ipcheck.i18n import t
        click.echo(t("plan.drafted", run_language(ctx), output=output or document, tasks=result.tasks,
                     targets=result.targets, review=result.review, left_out=result.left_out), err=True)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))


@plan_group.command("validate")
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--lang", help="Language of what is printed: zh-CN (default) or en.")
@click.pass_context
def plan_validate_command(ctx: click.Context, plans: tuple[str, ...], lang: str | None = None) -> None:
    """Check each PLAN ('-': standard input) against the format; every problem of every file as
    FILE:LINE: message. Exit status 1 when a plan has problems, 2 when a file cannot be read
    (as linters do); several files at once suit a pre-commit hook."""

    def run() -> int:
        from ipcheck.cli.inputs import read_plan
        from ipcheck.errors import IpcheckError, PlanError, PlanUnreadable
        from ipcheck.i18n import t

        lang = run_language(ctx)
        unreadable, invalid = [], []
        for path in plans:
            try:
                p = read_plan(path)
            except PlanUnreadable as exc:
                unreadable.extend(exc.problems)
            except PlanError as exc:
                invalid.extend(exc.problems)
            except IpcheckError as exc:
                unreadable.extend(exc.problems)
            else:
                ok = t("plan.valid", lang, targets=len(p.targets), tasks=len(p.tasks))
                click.echo(f"{path}: {ok}" if len(plans) > 1 else ok)
        for problem in [*unreadable, *invalid]:
            click.echo(f"ipcheck: {problem_text(problem, lang)}", err=True)
        return EXIT_INPUT_ERROR if unreadable else EXIT_FAILED_ITEMS if invalid else EXIT_OK

    ctx.exit(_guarded(ctx, run))


@plan_group.command("show")
@click.argument("plan", type=click.Path(dir_okay=True, allow_dash=True))
@color_option
@click.option("--lang", help="Language of the tables: zh-CN (default) or en.")
@click.pass_context
def plan_show_command(ctx: click.Context, plan: str, color: str | None, lang: str | None = None,
                      no_color: bool = False) -> None:
    """Show PLAN's targets and tasks as tables ('-': the plan on standard input)."""

    def run() -> int:
        from ipcheck.cli.inputs import read_plan
        from ipcheck.i18n import DEFAULT_LANG, check_lang
        from ipcheck.report.plan_table import render_plan

        language = check_lang(lang) if lang else DEFAULT_LANG
        colored = use_color(color_choice(color, no_color))
        click.echo(render_plan(read_plan(plan), width=terminal_width(), color=colored, lang=language),
                   nl=False, color=colored)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))
