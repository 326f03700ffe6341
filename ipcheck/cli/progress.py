"""`ipcheck progress PLAN SUMMARY…`: several yearly summaries of one region against one plan."""
from __future__ import annotations

import click

from ipcheck.cli import EXIT_OK, _guarded, color_choice, color_option, main, terminal_width, use_color
from ipcheck.errors import IpcheckError, msg

FORMATS = ("text", "json", "html", "csv", "xlsx")
EXTENSIONS = {".json": "json", ".html": "html", ".htm": "html", ".csv": "csv", ".xlsx": "xlsx", ".txt": "text"}


def _format_of(path: str | None, fmt: str | None) -> str:
    if fmt:
        return fmt
    if path is None:
        return "text"
    for ext, name in EXTENSIONS.items():
        if path.lower().endswith(ext):
            return name
    raise IpcheckError(msg("error.format_extension", path=repr(path)),
                       hint=msg("error.hint.use_format", names="|".join(FORMATS)))


@main.command("progress")
@click.argument("plan", type=click.Path(dir_okay=False))
@click.argument("summaries", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), help="Report format (default: from -o, else text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), multiple=True,
              help="Write the report to this file (repeatable; format from the extension).")
@click.option("--lang", help="Language of the report: zh-CN (default) or en.")
@click.option("--no-reviews", is_flag=True, help="Ignore recorded review decisions: the tool's verdicts only.")
@color_option
@click.pass_context
def progress_command(ctx: click.Context, plan: str, summaries: tuple[str, ...], fmt: str | None,
                     output: tuple[str, ...], lang: str | None, no_reviews: bool, color: str | None, no_color: bool = False) -> None:
    """Progress toward each target of PLAN over several yearly SUMMARIES of one region: the value
    each year with its quote, the baseline, the path to the due year and a state (met early, on
    track, behind, no data); per task the years it was reported done. A summary whose title does
    not say its year is given as FILE@YEAR. Exit status 0, or 2 on bad input."""
    from ipcheck.cli.config import effective
    cfg = effective(ctx, {"lang": lang})

    def run() -> int:
        from ipcheck.i18n import check_lang
        from ipcheck.outputs import check_writable, write_atomic
        from ipcheck.progress import run_progress, split_year
        from ipcheck.report.progress_report import BINARY, PROGRESS_REPORTER_BY_NAME, written_line

        language = check_lang(cfg["lang"])
        pairs = [split_year(s) for s in summaries]
        chosen = {o: _format_of(o, fmt) for o in dict.fromkeys(output)}
        if not chosen and _format_of(None, fmt) in BINARY:
            raise IpcheckError(msg("error.binary_terminal", format="xlsx"))
        inputs = (plan, *(p for p, _ in pairs))
        for path in chosen:
            check_writable(path, inputs=inputs)
        result = run_progress(plan, pairs, thresholds=cfg.thresholds(), reviews=not no_reviews)
        if not chosen:
            name = _format_of(None, fmt)
            if name == "text":
                from ipcheck.report.progress_text import render
                colored = use_color(color_choice(color, no_color))
                click.echo(render(result, width=terminal_width(), color=colored, lang=language), nl=False,
                           color=colored)
            else:
                click.echo(PROGRESS_REPORTER_BY_NAME[name](result, language), nl=False)
        for path, name in chosen.items():
            write_atomic(path, PROGRESS_REPORTER_BY_NAME[name](result, language), inputs=inputs)
            click.echo(written_line(path, result, language), err=True)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))
