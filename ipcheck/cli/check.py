"""`ipcheck check`: one pair, or a batch of pairs (folders or a manifest)."""
from __future__ import annotations

import os
import sys

import click

from ipcheck.cli import DEFAULT_FAIL_ON, EXIT_FAILED_ITEMS, EXIT_OK, _guarded, main, terminal_width
from ipcheck.errors import IpcheckError
from ipcheck.i18n import counts_line, t
from ipcheck.report import BINARY_FORMATS, EXTENSION_BY_FORMAT, REPORTER_BY_NAME, template_extension

FORMATS = sorted(REPORTER_BY_NAME)


@main.command("check")
@click.argument("plan", type=click.Path(dir_okay=True), required=False)
@click.argument("summary", type=click.Path(dir_okay=True), required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS),
              help="Report format (default: from the -o extension, else text; in a batch, html).")
@click.option("--lang", help="Language of the report: zh-CN (default) or en.")
@click.option("--template", type=click.Path(dir_okay=False),
              help="Render the report with this Jinja template (context: docs/templates.md).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), multiple=True,
              help="Write the report to this file (repeatable; each file's format from its extension).")
@click.option("--year", type=click.IntRange(1990, 2100), help="The year the summary reports on (default: read from its title).")
@click.option("--fail-on", default=None,
              help=f"Comma-separated statuses that make the exit status 1 (default: {DEFAULT_FAIL_ON}).")
@click.option("--task-met", type=float, help="Threshold: match score from which a task is met (default 0.6).")
@click.option("--task-review", type=float, help="Threshold: match score from which a task is a lead to review (0.4).")
@click.option("--target-name", type=float, help="Threshold: name match score for a target's figure (0.88).")
@click.option("--evidence-limit", type=int, help="Evidence sentences kept per item (default 3).")
@click.option("--color/--no-color", default=None, help="Colour the terminal report (default: when stdout is a terminal).")
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
                  output: tuple[str, ...], year: int | None, fail_on: str | None, color: bool | None,
                  manifest: str | None = None, output_dir: str | None = None, jobs: int | None = None,
                  lang: str | None = None, template: str | None = None, task_met: float | None = None,
                  task_review: float | None = None, target_name: float | None = None,
                  evidence_limit: int | None = None, reviews_file: str | None = None,
                  no_reviews: bool = False, baseline: str | None = None) -> None:
    """Decide every item of PLAN met, missed, unreported or pending from SUMMARY.

    Batch mode, when PLAN or SUMMARY is a folder or --manifest is given: pair plans with
    summaries by region and year, check every pair, and print an index (see README).
    Settings left out come from a config file and IPCHECK_* variables (`ipcheck config`)."""
    from ipcheck.cli.config import effective
    cfg = effective(ctx, {"fail_on": fail_on, "lang": lang, "format": fmt, "template": template, "outputs": output,
                          "thresholds.task_met": task_met, "thresholds.task_review": task_review,
                          "thresholds.target_name": target_name, "thresholds.evidence_limit": evidence_limit,
                          "jobs": jobs, "plan": plan, "summary": summary})
    fmt, lang, template, jobs, thresholds = cfg["format"], cfg["lang"], cfg["template"], cfg["jobs"], cfg.thresholds()
    if manifest is None:
        plan, summary = cfg["plan"], cfg["summary"]
    failing = frozenset(cfg["fail_on"])
    if _batch_mode(ctx, plan, summary, manifest, output, output_dir):
        if reviews_file is not None:
            raise click.UsageError("--reviews names one plan's file; a batch uses the reviews file beside "
                                   "each plan (--no-reviews to ignore them)", ctx)
        if baseline is not None:
            raise click.UsageError("--baseline compares one check with an earlier JSON report; use it on a "
                                   "single PLAN SUMMARY pair (or ipcheck diff)", ctx)
        ctx.exit(_guarded(ctx, lambda: _run_batch(plan, summary, manifest, fmt, year, failing, color,
                                                   output_dir, jobs, _options(lang, template, failing),
                                                   use_reviews=not no_reviews, thresholds=thresholds)))

    def run() -> int:
        from ipcheck.check import Settings, check
        from ipcheck.inputs.documents import read_document
        from ipcheck.outputs import write_atomic
        from ipcheck.plans.loader import load_plan
        from ipcheck.report import format_for, render

        options = _options(lang, template, failing)
        outputs = tuple(dict.fromkeys(cfg["outputs"]))
        # A configured format is for the terminal; a file's extension beats it, a --format flag does not.
        file_fmt = fmt if cfg.sources["format"].kind == "flag" else None
        if len(outputs) > 1 and (file_fmt or template):
            given = cfg.sources["template" if template else "format"]
            raise IpcheckError(f"{'--template' if template else '--format'} ({given}) names one format, but there "
                               f"are {len(outputs)} outputs ({cfg.sources['outputs']})",
                               hint="each output takes its format from its extension")
        output = outputs[0] if outputs else None
        chosen = "template" if template else format_for(output, file_fmt if output else fmt)
        chosen_by = {o: "template" if template else format_for(o, file_fmt) for o in outputs}
        if chosen in BINARY_FORMATS and output is None:
            raise IpcheckError(f"the {chosen} format is binary and cannot go to the terminal: write it with -o FILE")
        from ipcheck.reviews import find
        earlier = None
        if baseline is not None:
            from ipcheck.diff import read_report
            earlier = read_report(baseline)              # a bad baseline stops the run before any output
        decisions = find(plan, reviews_file, enabled=not no_reviews)
        report = check(load_plan(plan), read_document(summary),
                       Settings(year=year, thresholds=thresholds, reviews=decisions))
        if chosen == "text" and output is None:
            from ipcheck.report.terminal import render as render_text
            use_color = sys.stdout.isatty() if color is None else color
            width = terminal_width()
            click.echo(render_text(report, width=width, color=use_color, lang=options.lang), nl=False)
        elif output is None:
            click.echo(render(report, chosen, options), nl=False)
        else:
            from ipcheck.outputs import check_writable
            for path in chosen_by:
                check_writable(path, inputs=(plan, summary))     # all refused before any is written
            c = report.counts
            for path, fmt_of in chosen_by.items():
                write_atomic(path, render(report, fmt_of, options), inputs=(plan, summary))
                click.echo(t("cli.written", options.lang, output=path, counts=counts_line(c, options.lang)), err=True)
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


def _options(lang: str | None, template: str | None, fail_on: frozenset[str] | None = None):
    """RenderOptions from the flags; an unknown language is a usage error (exit status 2).
    ``fail_on`` (--fail-on) decides which items JUnit and the annotations report as failing."""
    from ipcheck.i18n import DEFAULT_LANG, check_lang
    from ipcheck.report import RenderOptions
    extra = {} if fail_on is None else {"fail_on": frozenset(fail_on)}
    return RenderOptions(lang=check_lang(lang) if lang else DEFAULT_LANG, template=template, **extra)


def _batch_mode(ctx: click.Context, plan: str | None, summary: str | None, manifest: str | None,
                output: tuple[str, ...], output_dir: str | None) -> bool:
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
    if batch and output:
        raise click.UsageError("-o/--output names one report; a batch writes into --output-dir DIR", ctx)
    if not batch and output_dir is not None:
        raise click.UsageError("--output-dir is for a batch (a folder argument or --manifest); use -o FILE", ctx)
    return batch


def _run_batch(plan: str | None, summary: str | None, manifest: str | None, fmt: str | None,
               year: int | None, failing: frozenset[str], color: bool | None, output_dir: str | None,
               jobs: int | None, options, use_reviews: bool, thresholds) -> int:
    import contextlib
    import functools

    from ipcheck.batch import index, run_batch
    from ipcheck.outputs import write_atomic
    from ipcheck.report import render
    from ipcheck.report.index import FILES, RENDER, ProgressBar, render_table

    chosen = "template" if options.template else (fmt or "html")
    ext = (template_extension(options.template) if options.template
           else EXTENSION_BY_FORMAT.get(chosen, "txt"))
    if output_dir is not None:
        try:
            os.makedirs(output_dir, exist_ok=True)
        except OSError as exc:
            raise IpcheckError(f"cannot create the output folder: {exc.strerror or exc}", path=output_dir) from None
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    with bar if bar is not None else contextlib.nullcontext():
        result = run_batch(plan, summary, manifest, year=year, jobs=jobs, output_dir=output_dir,
                           render=functools.partial(render, fmt=chosen, options=options),
                           ext=ext,
                           fail_on=failing, progress=bar, reviews=use_reviews,
                           thresholds=thresholds, keep_reports=output_dir is not None)
    idx = index(result, failing)
    use_color = sys.stdout.isatty() if color is None else color
    width = terminal_width()
    click.echo(render_table(idx, width=width, color=use_color, lang=options.lang), nl=False)
    if output_dir is not None:
        from ipcheck.cli.batch_extras import write_rollups
        extras = write_rollups(result, idx, output_dir, options.lang)
        for name, kind in FILES.items():
            write_atomic(os.path.join(output_dir, name), RENDER[kind](idx, options.lang))
        written = sum(1 for r in idx["pairs"] if r["report"])
        click.echo(t("cli.batch_written", options.lang, dir=output_dir, count=written, format=chosen,
                     files=", ".join([*FILES, *extras])), err=True)
    return result.exit_status

