"""Command line: options -> settings -> check -> report -> exit code. The only click import."""
from __future__ import annotations

import sys
import traceback

import click

from ipcheck import __version__
from ipcheck.errors import IpcheckError

EXIT_OK, EXIT_FAILED_ITEMS, EXIT_INPUT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3
STATUSES = ("met", "missed", "unreported", "pending")
DEFAULT_FAIL_ON = "missed,unreported"


def _fail_on(value: str) -> frozenset[str]:
    chosen = frozenset(s.strip() for s in value.split(",") if s.strip())
    unknown = sorted(chosen - set(STATUSES))
    if unknown:
        raise click.BadParameter(f"unknown status {', '.join(unknown)} (choose from {', '.join(STATUSES)})")
    return chosen


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="ipcheck")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error (for developers).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Check a city's IP work summary (工作总结) against its plan (YAML)."""
    ctx.obj = {"debug": debug}


@main.command("check")
@click.argument("plan", type=click.Path(dir_okay=True))
@click.argument("summary", type=click.Path(dir_okay=True))
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]),
              help="Report format (default: from the -o extension, else text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--year", type=click.IntRange(1990, 2100), help="The year the summary reports on (default: read from its title).")
@click.option("--fail-on", default=DEFAULT_FAIL_ON, show_default=True,
              help="Comma-separated statuses that make the exit status 1.")
@click.option("--color/--no-color", default=None, help="Colour the terminal report (default: when stdout is a terminal).")
@click.pass_context
def check_command(ctx: click.Context, plan: str, summary: str, fmt: str | None, output: str | None,
                  year: int | None, fail_on: str, color: bool | None) -> None:
    """Decide every item of PLAN met, missed, unreported or pending from SUMMARY."""
    failing = _fail_on(fail_on)

    def run() -> int:
        from ipcheck.check import Settings, check
        from ipcheck.documents import read_document
        from ipcheck.outputs import write_atomic
        from ipcheck.plan import load_plan
        from ipcheck.report import format_for, render

        chosen = format_for(output, fmt)
        report = check(load_plan(plan), read_document(summary), Settings(year=year))
        if chosen == "text" and output is None:
            from ipcheck.report.terminal import render as render_text
            use_color = sys.stdout.isatty() if color is None else color
            width = click.get_terminal_size()[0] if sys.stdout.isatty() else 120
            click.echo(render_text(report, width=width, color=use_color), nl=False)
        elif output is None:
            click.echo(render(report, chosen), nl=False)
        else:
            write_atomic(output, render(report, chosen), inputs=(plan, summary))
            c = report.counts
            click.echo(f"{output}: " + ", ".join(f"{c[s]} {s}" for s in STATUSES) + f", {c['needs_review']} need review",
                       err=True)
        return EXIT_FAILED_ITEMS if any(report.counts[s] for s in failing) else EXIT_OK

    ctx.exit(_guarded(ctx, run))


def _guarded(ctx: click.Context, run) -> int:
    """Run ``run``; expected errors become one line per problem on stderr and exit status 2."""
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    try:
        return run()
    except IpcheckError as exc:
        if debug:
            traceback.print_exc()
        for problem in exc.problems:
            click.echo(f"ipcheck: {problem}", err=True)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        click.echo("ipcheck: interrupted", err=True)
        return 130
    except Exception as exc:  # a bug: one line, never a traceback unless asked
        if debug:
            traceback.print_exc()
        click.echo(f"ipcheck: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        return EXIT_INTERNAL


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

        from ipcheck.documents import read_document
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
    if v is None:
        return "-"
    return str(int(v)) if v == int(v) else f"{v:g}"
