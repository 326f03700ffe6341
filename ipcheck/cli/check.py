"""`ipcheck check`: one pair, or a batch of pairs (folders or a manifest)."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import click

from ipcheck.cli import (DEFAULT_FAIL_ON, EXIT_FAILED_ITEMS, EXIT_MISMATCH, EXIT_OK, _guarded, color_choice,
                         color_option, main, terminal_width, use_color)
from ipcheck.cli.group import UsageMistake
from ipcheck.cli.inputs import STDIN, check_pair
from ipcheck.errors import IpcheckError, msg, os_reason
from ipcheck.i18n import counts_line, t
from ipcheck.report import BINARY_FORMATS, EXTENSION_BY_FORMAT, REPORTER_BY_NAME, template_extension

FORMATS = sorted(REPORTER_BY_NAME)


@dataclass(frozen=True)
class Shown:
    """How the terminal report is shown: colour, width, detail (quiet|default|verbose)."""

    color: str = "auto"
    detail: str = "default"


@main.command("check")
@click.argument("plan", type=click.Path(dir_okay=True, allow_dash=True), required=False)
@click.argument("summary", type=click.Path(dir_okay=True, allow_dash=True), required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS),
              help="Report format (default: from the -o extension, else text; in a batch, html).")
@click.option("--lang", help="Language of the report: zh-CN (default) or en.")
@click.option("--template", type=click.Path(dir_okay=False),
              help="Render the report with this Jinja template (context: docs/templates.md).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), multiple=True,
              help="Write the report to this file (repeatable; each file's format from its extension); "
                   "'-' writes the --format report to standard output.")
@click.option("--year", type=click.IntRange(1990, 2100), help="The year the summary reports on (default: read from its title).")
@click.option("--fail-on", default=None,
              help=f"Comma-separated statuses that make the exit status 1 (default: {DEFAULT_FAIL_ON}); "
                   "needs_review fails on doubtful verdicts.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the failing items (--fail-on) and the totals line.")
@click.option("-v", "--verbose", is_flag=True, help="Print every evidence sentence in full.")
@click.option("--task-met", type=float, help="Threshold: match score from which a task is met (default 0.6).")
@click.option("--task-review", type=float, help="Threshold: match score from which a task is a lead to review (0.4).")
@click.option("--target-name", type=float, help="Threshold: name match score for a target's figure (0.88).")
@click.option("--evidence-limit", type=int, help="Evidence sentences kept per item (default 3).")
@color_option
@click.option("--reviews", "reviews_file", type=click.Path(dir_okay=False),
              help="Apply the review decisions in this file (default: <plan>.reviews.yaml beside the plan, if any).")
@click.option("--no-reviews", is_flag=True, help="Ignore recorded review decisions: the tool's verdicts only.")
@click.option("--manifest", type=click.Path(dir_okay=False),
              help="Batch: check the pairs listed in this YAML file (pairs: [{plan: …, summary: …}]).")
@click.option("--output-dir", type=click.Path(file_okay=False),
              help="Batch: write one report per pair and index.html/.md/.json into this folder.")
@click.option("-j", "--jobs", type=click.IntRange(1, 1024), default=None,
              help="Batch: worker processes (default: every core).")
@click.option("--baseline", type=click.Path(dir_okay=False),
              help="Compare with an earlier JSON report: what changed goes to stderr, and the exit status "
                   "is 1 only for a failure the baseline did not have.")
@click.pass_context
def check_command(ctx: click.Context, plan: str | None, summary: str | None, fmt: str | None,
                  output: tuple[str, ...], year: int | None, fail_on: str | None, color: str | None,
                  manifest: str | None = None, output_dir: str | None = None, jobs: int | None = None,
                  lang: str | None = None, template: str | None = None, task_met: float | None = None,
                  task_review: float | None = None, target_name: float | None = None,
                  evidence_limit: int | None = None, reviews_file: str | None = None,
                  no_reviews: bool = False, no_color: bool = False, quiet: bool = False,
                  verbose: bool = False, baseline: str | None = None) -> None:
    """Decide every item of PLAN met, missed, unreported or pending from SUMMARY ('-': read it
    from standard input).

    Batch mode, when PLAN or SUMMARY is a folder or --manifest is given: pair plans with
    summaries by region and year, check every pair, and print an index (see README).
    Settings left out come from a config file and IPCHECK_* variables (`ipcheck config`)."""
    from ipcheck.cli.config import effective
    if quiet and verbose:
        raise UsageMistake("usage.quiet_verbose", ctx)
    cfg = effective(ctx, {"fail_on": fail_on, "lang": lang, "format": fmt, "template": template, "outputs": output,
                          "thresholds.task_met": task_met, "thresholds.task_review": task_review,
                          "thresholds.target_name": target_name, "thresholds.evidence_limit": evidence_limit,
                          "jobs": jobs, "plan": plan, "summary": summary})
    fmt, lang, template, jobs, thresholds = cfg["format"], cfg["lang"], cfg["template"], cfg["jobs"], cfg.thresholds()
    if manifest is None:
        plan, summary = cfg["plan"], cfg["summary"]
    failing = frozenset(cfg["fail_on"])
    shown = Shown(color_choice(color, no_color), "quiet" if quiet else "verbose" if verbose else "default")
    if _batch_mode(ctx, plan, summary, manifest, output, output_dir):
        if reviews_file is not None:
            raise UsageMistake("usage.batch_reviews", ctx)
        if baseline is not None:
            raise UsageMistake("usage.batch_baseline", ctx)
        ctx.exit(_guarded(ctx, lambda: _run_batch(plan, summary, manifest, fmt, year, failing, shown.color,
                                                   output_dir, jobs, _options(lang, template, failing),
                                                   use_reviews=not no_reviews, thresholds=thresholds)))

    def run() -> int:
        from ipcheck.check import Settings, check
        from ipcheck.cli.inputs import read_plan, read_summary
        from ipcheck.reviews import find

        options = _options(lang, template, failing)
        outputs = _outputs(cfg, fmt, template)
        earlier = None
        if baseline is not None:
            from ipcheck.diff import read_report
            earlier = read_report(baseline)              # a bad baseline stops the run before any output
        decisions = find(plan, reviews_file, enabled=not no_reviews and plan != STDIN)
        report = check(read_plan(plan), read_summary(summary),
                       Settings(year=year, thresholds=thresholds, reviews=decisions))
        _show(report, outputs, options, shown, inputs=(plan, summary))
        if report.mismatch is not None:
            return EXIT_MISMATCH
        if earlier is not None and baseline is not None:
            return _against_baseline(report, earlier, baseline, failing, options.lang)
        return EXIT_FAILED_ITEMS if any(report.counts[s] for s in failing) else EXIT_OK

    ctx.exit(_guarded(ctx, run))


def _against_baseline(report, earlier: dict, baseline: str, failing: frozenset[str], lang: str) -> int:
    """What changed since the baseline report, on stderr; 1 only for a failure it did not have."""
    from ipcheck.diff import diff
    from ipcheck.report.context import build
    from ipcheck.report.diff_report import stderr_line
    from ipcheck.report.diff_text import render
    result = diff(earlier, build(report, lang), baseline, report.summary_path, failing)
    click.echo(stderr_line(result, baseline, lang), err=True)
    if result.changes:
        click.echo(render(result, width=terminal_width(), lang=lang), nl=False, err=True)
    return EXIT_FAILED_ITEMS if result.regressions else EXIT_OK


def _outputs(cfg, fmt: str | None, template: str | None) -> dict[str | None, str]:
    """Each output (None: the terminal table, '-': standard output) and the format it gets."""
    from ipcheck.report import format_for
    outputs = tuple(dict.fromkeys(cfg["outputs"]))
    # A configured format is for the terminal; a file's extension beats it, a --format flag does not.
    file_fmt = fmt if cfg.sources["format"].kind == "flag" else None
    files = [o for o in outputs if o != STDIN]
    if len(outputs) > 1 and (file_fmt or template) and files:
        given = cfg.sources["template" if template else "format"]
        raise IpcheckError(msg("error.one_format", option="--template" if template else "--format", given=str(given),
                               n=len(outputs), source=str(cfg.sources["outputs"])), hint=msg("error.hint.extension"))
    if not outputs:
        chosen = "template" if template else format_for(None, fmt)
        if chosen in BINARY_FORMATS:
            raise IpcheckError(msg("error.binary_terminal", format=chosen))
        return {None if chosen == "text" else STDIN: chosen}
    return {o: "template" if template else (fmt or "text") if o == STDIN else format_for(o, file_fmt)
            for o in outputs}


def _show(report, outputs: dict[str | None, str], options, shown: Shown, inputs: tuple[str, ...]) -> None:
    """The report on the terminal, on standard output, and into files (checked before any is written)."""
    from ipcheck.outputs import check_writable, write_atomic
    from ipcheck.report import render
    for path, chosen in outputs.items():
        if chosen in BINARY_FORMATS and path == STDIN and sys.stdout.isatty():
            raise IpcheckError(msg("error.binary_terminal_stdout", format=chosen))
        if path not in (None, STDIN):
            check_writable(path, inputs=inputs)            # all refused before any is written
    for path, chosen in outputs.items():
        if path is None:
            from ipcheck.report.terminal import render as render_text
            colored = use_color(shown.color)
            click.echo(render_text(report, width=terminal_width(), color=colored, lang=options.lang,
                                   detail=shown.detail, fail_on=options.fail_on), nl=False, color=colored)
        elif path == STDIN:
            text = render(report, chosen, options)
            if isinstance(text, bytes):
                sys.stdout.flush()
                sys.stdout.buffer.write(text)
                sys.stdout.buffer.flush()
            else:
                click.echo(text, nl=False)
        else:
            write_atomic(path, render(report, chosen, options), inputs=inputs)
            click.echo(t("cli.written", options.lang, output=path, counts=counts_line(report.counts, options.lang)),
                       err=True)


def _options(lang: str | None, template: str | None, fail_on: frozenset[str] | None = None):
    """RenderOptions from the flags; an unknown language is a usage error (exit status 2).
    ``fail_on`` (--fail-on) decides which items JUnit and the annotations report as failing."""
    from ipcheck.i18n import DEFAULT_LANG, check_lang
    from ipcheck.report import RenderOptions
    extra = {} if fail_on is None else {"fail_on": frozenset(fail_on)}
    return RenderOptions(lang=check_lang(lang) if lang else DEFAULT_LANG, template=template, **extra)


def _batch_mode(ctx: click.Context, plan: str | None, summary: str | None, manifest: str | None,
                output: tuple[str, ...], output_dir: str | None) -> bool:
    """True for a batch (a folder argument or --manifest); checks the arguments fit the mode,
    with a hint when PLAN and SUMMARY look swapped or one is missing."""
    if manifest is not None:
        if plan is not None or summary is not None:
            raise UsageMistake("usage.manifest_or_pair", ctx)
        batch = True
    else:
        batch = any(v is not None and os.path.isdir(v) for v in (plan, summary))
        if not batch:
            check_pair(ctx, plan, summary)
        elif plan is None or summary is None:
            raise UsageMistake("usage.missing", ctx, name="SUMMARY" if summary is None else "PLAN")
    if batch and output:
        raise UsageMistake("usage.batch_no_output", ctx)
    if not batch and output_dir is not None:
        raise UsageMistake("usage.output_dir_single", ctx)
    return batch


def _run_batch(plan: str | None, summary: str | None, manifest: str | None, fmt: str | None,
               year: int | None, failing: frozenset[str], color: str, output_dir: str | None,
               jobs: int | None, options, use_reviews: bool, thresholds) -> int:
    import contextlib
    import dataclasses
    import functools

    from ipcheck.batch import index, run_batch
    from ipcheck.report import render
    from ipcheck.report.index import ProgressBar, render_table

    chosen = "template" if options.template else (fmt or "html")
    ext = (template_extension(options.template) if options.template
           else EXTENSION_BY_FORMAT.get(chosen, "txt"))
    if output_dir is not None:
        try:
            os.makedirs(output_dir, exist_ok=True)
        except OSError as exc:
            raise IpcheckError(msg("error.cannot_create_folder", reason=os_reason(exc)), path=output_dir) from None
        link = {"html": "index.html", "markdown": "index.md"}.get(chosen)
        options = dataclasses.replace(options, index_link=link)
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    with bar if bar is not None else contextlib.nullcontext():
        result = run_batch(plan, summary, manifest, year=year, jobs=jobs, output_dir=output_dir,
                           render=functools.partial(render, fmt=chosen, options=options),
                           ext=ext,
                           fail_on=failing, progress=bar, reviews=use_reviews,
                           thresholds=thresholds, keep_reports=output_dir is not None)
    idx = index(result, failing)
    colored = use_color(color)
    click.echo(render_table(idx, width=terminal_width(), color=colored, lang=options.lang), nl=False, color=colored)
    if output_dir is not None:
        _write_index(result, idx, output_dir, chosen, options.lang)
    return result.exit_status


def _write_index(result, idx: dict, output_dir: str, chosen: str, lang: str) -> None:
    """The workbook and progress reports (cli.batch_extras) and index.html/.md/.json into the
    folder; then the files an earlier run wrote there that this one did not (the reports of pairs
    no longer in the batch) are removed (ipcheck.written), and what was written recorded."""
    from ipcheck import written
    from ipcheck.cli.batch_extras import write_rollups
    from ipcheck.outputs import write_atomic
    from ipcheck.report.index import FILES, RENDER

    before = written.previous(output_dir)
    extras = write_rollups(result, idx, output_dir, lang)
    for name, kind in FILES.items():
        write_atomic(os.path.join(output_dir, name), RENDER[kind](idx, lang))
    reports = [r["report"] for r in idx["pairs"] if r["report"]]
    now = reports + list(FILES) + extras
    pruned = written.prune(output_dir, before, now)
    written.record(output_dir, now)
    click.echo(t("cli.batch_written", lang, dir=output_dir, count=len(reports), format=chosen,
                 files=", ".join([*FILES, *extras])), err=True)
    if pruned.removed:
        click.echo(t("index.removed", lang, dir=output_dir, count=len(pruned.removed),
                     files=", ".join(pruned.removed)), err=True)
    if pruned.kept:
        click.echo(t("index.kept", lang, dir=output_dir, files=", ".join(pruned.kept)), err=True)
