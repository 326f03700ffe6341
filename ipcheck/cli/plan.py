"""`ipcheck plan draft|validate|show`."""
from __future__ import annotations

import os
import sys

import click

from ipcheck.cli import EXIT_OK, _guarded, main, terminal_width


@main.group("plan")
def plan_group() -> None:
    """Draft, validate and show plan files (YAML, version 1)."""


@plan_group.command("draft")
@click.argument("document", type=click.Path(dir_okay=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the draft to this file (default: stdout).")
@click.option("--id", "plan_id", help="The plan id (a slug; default: from the file name).")
@click.option("--region", help="Whose plan this is (default: read from the title).")
@click.option("--from-line", type=click.IntRange(1), help="First line of the plan inside DOCUMENT.")
@click.option("--to-line", type=click.IntRange(1), help="Last line of the plan inside DOCUMENT.")
@click.pass_context
def plan_draft_command(ctx: click.Context, document: str, output: str | None, plan_id: str | None,
                       region: str | None, from_line: int | None, to_line: int | None) -> None:
    """Draft a plan YAML from a plan DOCUMENT (text) for a person to review."""

    def run() -> int:
        from pathlib import Path

        from ipcheck.inputs.documents import read_document
        from ipcheck.plans.draft import draft
        from ipcheck.errors import OutputError
        from ipcheck.outputs import write_atomic

        if output is not None and os.path.exists(output) and os.path.exists(document) and (
                os.path.samefile(output, document) or Path(output).resolve() == Path(document).resolve()):
            raise OutputError("refusing to write the draft over its input document", path=output)
        result = draft(read_document(document), plan_id=plan_id, region=region,
                       from_line=from_line, to_line=to_line)
        if output is None:
            click.echo(result.yaml, nl=False)
        else:
            write_atomic(output, result.yaml, inputs=(document,))
        click.echo(f"{output or document}: {result.summary}", err=True)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))


@plan_group.command("validate")
@click.argument("plans", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.pass_context
def plan_validate_command(ctx: click.Context, plans: tuple[str, ...]) -> None:
    """Check each PLAN against the format; every problem of every file as FILE:LINE: message
    (exit status 2 when any is invalid). Several files at once suit a pre-commit hook."""

    def run() -> int:
        from ipcheck.errors import IpcheckError, PlanError
        from ipcheck.plans.loader import load_plan

        problems = []
        for path in plans:
            try:
                p = load_plan(path)
            except IpcheckError as exc:
                problems.extend(exc.problems)
                continue
            click.echo(f"{path}: ok: {len(p.targets)} targets, {len(p.tasks)} tasks" if len(plans) > 1
                       else f"ok: {len(p.targets)} targets, {len(p.tasks)} tasks")
        if problems:
            raise PlanError(problems)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))


@plan_group.command("show")
@click.argument("plan", type=click.Path(dir_okay=True))
@click.option("--color/--no-color", default=None, help="Colour the tables (default: when stdout is a terminal).")
@click.option("--lang", help="Language of the tables: zh-CN (default) or en.")
@click.pass_context
def plan_show_command(ctx: click.Context, plan: str, color: bool | None, lang: str | None = None) -> None:
    """Show PLAN's targets and tasks as tables."""

    def run() -> int:
        from ipcheck.plans.loader import load_plan
        from ipcheck.i18n import DEFAULT_LANG, check_lang
        from ipcheck.report.plan_table import render_plan

        use_color = sys.stdout.isatty() if color is None else color
        width = terminal_width()
        language = check_lang(lang) if lang else DEFAULT_LANG
        click.echo(render_plan(load_plan(plan), width=width, color=use_color, lang=language), nl=False)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))
