"""Command line: options -> settings -> check -> report -> exit code. The only click import."""
from __future__ import annotations

import os
import sys
import traceback

import click

from ipcheck import __version__
from ipcheck.errors import IpcheckError

EXIT_OK, EXIT_FAILED_ITEMS, EXIT_INPUT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_BROKEN_PIPE = 141          # 128 + SIGPIPE, as a shell reports a command killed by it
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
@click.argument("plan", type=click.Path(dir_okay=True), required=False)
@click.argument("summary", type=click.Path(dir_okay=True), required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]),
              help="Report format (default: from the -o extension, else text; in a batch, html).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--year", type=click.IntRange(1990, 2100), help="The year the summary reports on (default: read from its title).")
@click.option("--fail-on", default=DEFAULT_FAIL_ON, show_default=True,
              help="Comma-separated statuses that make the exit status 1.")
@click.option("--color/--no-color", default=None, help="Colour the terminal report (default: when stdout is a terminal).")
@click.option("--manifest", type=click.Path(dir_okay=False),
              help="Batch: check the pairs listed in this YAML file (pairs: [{plan: …, summary: …}]).")
@click.option("--output-dir", type=click.Path(file_okay=False),
              help="Batch: write one report per pair and index.html/.md/.json into this folder.")
@click.option("-j", "--jobs", type=click.IntRange(1, 1024), default=None,
              help="Batch: worker processes (default: every core).")
@click.pass_context
def check_command(ctx: click.Context, plan: str | None, summary: str | None, fmt: str | None, output: str | None,
                  year: int | None, fail_on: str, color: bool | None, manifest: str | None = None,
                  output_dir: str | None = None, jobs: int | None = None) -> None:
    """Decide every item of PLAN met, missed, unreported or pending from SUMMARY.

    Batch mode, when PLAN or SUMMARY is a folder or --manifest is given: pair plans with
    summaries by region and year, check every pair, and print an index (see README)."""
    failing = _fail_on(fail_on)
    if _batch_mode(ctx, plan, summary, manifest, output, output_dir):
        ctx.exit(_guarded(ctx, lambda: _run_batch(plan, summary, manifest, fmt, year, failing, color,
                                                   output_dir, jobs)))

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
    except BrokenPipeError:    # stdout closed early (ipcheck … | head): not a bug, stop quietly
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        except (OSError, ValueError):
            pass
        return EXIT_BROKEN_PIPE
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
    from ipcheck.units import format_number
    return "-" if v is None else format_number(v)


# --------------------------------------------------------------------------------------
# batches and compilations
# --------------------------------------------------------------------------------------

REPORT_EXTENSION = {"text": "txt", "json": "json", "markdown": "md", "html": "html"}


def _batch_mode(ctx: click.Context, plan: str | None, summary: str | None, manifest: str | None,
                output: str | None, output_dir: str | None) -> bool:
    """True for a batch (a folder argument or --manifest); checks the arguments fit the mode."""
    import os.path
    if manifest is not None:
        if plan is not None or summary is not None:
            raise click.UsageError("give either --manifest FILE or PLAN SUMMARY, not both", ctx)
        batch = True
    else:
        for name, value in (("PLAN", plan), ("SUMMARY", summary)):
            if value is None:
                raise click.UsageError(f"Missing argument '{name}'.", ctx)
        batch = os.path.isdir(plan) or os.path.isdir(summary)
    if batch and output is not None:
        raise click.UsageError("-o/--output names one report; a batch writes into --output-dir DIR", ctx)
    if not batch and output_dir is not None:
        raise click.UsageError("--output-dir is for a batch (a folder argument or --manifest); use -o FILE", ctx)
    return batch


def _run_batch(plan: str | None, summary: str | None, manifest: str | None, fmt: str | None,
               year: int | None, failing: frozenset[str], color: bool | None, output_dir: str | None,
               jobs: int | None) -> int:
    import contextlib
    import functools

    from ipcheck.batch import index, run_batch
    from ipcheck.outputs import write_atomic
    from ipcheck.report import render
    from ipcheck.report.index import FILES, RENDER, ProgressBar, render_table

    chosen = fmt or "html"
    if output_dir is not None:
        try:
            os.makedirs(output_dir, exist_ok=True)
        except OSError as exc:
            raise IpcheckError(f"cannot create the output folder: {exc.strerror or exc}", path=output_dir) from None
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    with bar if bar is not None else contextlib.nullcontext():
        result = run_batch(plan, summary, manifest, year=year, jobs=jobs, output_dir=output_dir,
                           render=functools.partial(render, fmt=chosen), ext=REPORT_EXTENSION[chosen],
                           fail_on=failing, progress=bar)
    idx = index(result, failing)
    use_color = sys.stdout.isatty() if color is None else color
    width = click.get_terminal_size()[0] if sys.stdout.isatty() else 120
    click.echo(render_table(idx, width=width, color=use_color), nl=False)
    if output_dir is not None:
        for name, kind in FILES.items():
            write_atomic(os.path.join(output_dir, name), RENDER[kind](idx))
        written = sum(1 for r in idx["pairs"] if r["report"])
        click.echo(f"{output_dir}: {written} {chosen} reports, " + ", ".join(FILES), err=True)
    return result.exit_status


@main.command("split")
@click.argument("compilation", type=click.Path(dir_okay=True))
@click.option("-o", "--output-dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the summaries (created if missing).")
@click.option("--force", is_flag=True, help="Overwrite summaries already in the folder.")
@click.pass_context
def split_command(ctx: click.Context, compilation: str, output_dir: str, force: bool) -> None:
    """Cut COMPILATION into one file per city summary, named <year>-<region>.txt."""

    def run() -> int:
        from ipcheck.documents import read_document
        from ipcheck.errors import OutputError
        from ipcheck.outputs import write_atomic
        from ipcheck.split import split_document

        pieces, cover = split_document(read_document(compilation))
        targets = [(p, os.path.join(output_dir, p.name)) for p in pieces]
        existing = [t for _, t in targets if os.path.lexists(t)]
        if existing and not force:
            raise OutputError(f"{len(existing)} of the summaries exist already: "
                              f"{', '.join(os.path.basename(t) for t in existing)} (use --force to overwrite)",
                              path=output_dir)
        try:
            os.makedirs(output_dir, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the output folder: {exc.strerror or exc}", path=output_dir) from None
        if cover:
            click.echo(f"{compilation}: left out lines 1-{cover} (before the first summary)", err=True)
        for p, target in targets:
            write_atomic(target, p.text, inputs=(compilation,))
            click.echo(f"{target}: {p.region} {p.year if p.year is not None else 'year unknown'}, "
                       f"lines {p.first_line}-{p.last_line} of {compilation}")
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))


# ----------------------------------------------------------------------------------------
# ipcheck plan draft / validate / show
# ----------------------------------------------------------------------------------------

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

        from ipcheck.documents import read_document
        from ipcheck.draft import draft
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
@click.argument("plan", type=click.Path(dir_okay=True))
@click.pass_context
def plan_validate_command(ctx: click.Context, plan: str) -> None:
    """Check PLAN against the format; every problem as FILE:LINE: message (exit status 2)."""

    def run() -> int:
        from ipcheck.plan import load_plan

        p = load_plan(plan)
        click.echo(f"ok: {len(p.targets)} targets, {len(p.tasks)} tasks")
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))


@plan_group.command("show")
@click.argument("plan", type=click.Path(dir_okay=True))
@click.option("--color/--no-color", default=None, help="Colour the tables (default: when stdout is a terminal).")
@click.pass_context
def plan_show_command(ctx: click.Context, plan: str, color: bool | None) -> None:
    """Show PLAN's targets and tasks as tables."""

    def run() -> int:
        from ipcheck.plan import load_plan
        from ipcheck.report.plan_table import render_plan

        use_color = sys.stdout.isatty() if color is None else color
        width = click.get_terminal_size()[0] if sys.stdout.isatty() else 120
        click.echo(render_plan(load_plan(plan), width=width, color=use_color), nl=False)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))
