"""Command line: options -> settings -> check -> report -> exit code. The only package that
imports click; each subcommand lives in its own module and registers itself on ``main``."""
from __future__ import annotations

import os
import sys
import traceback

import click

from ipcheck import __version__
from ipcheck.cli.group import IpcheckGroup
from ipcheck.errors import IpcheckError

EXIT_OK, EXIT_FAILED_ITEMS, EXIT_INPUT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_MISMATCH = 4               # the summary does not belong to the plan: another region or period
EXIT_BROKEN_PIPE = 141          # 128 + SIGPIPE, as a shell reports a command killed by it
STATUSES = ("met", "missed", "unreported", "pending")
DEFAULT_FAIL_ON = "missed,unreported"


@click.group(cls=IpcheckGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="ipcheck")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error (for developers).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Read settings from this file instead of finding one (also IPCHECK_CONFIG).")
@click.option("--no-config", is_flag=True, help="Read no config file (environment and flags still apply).")
@click.pass_context
def main(ctx: click.Context, debug: bool, config_file: str | None = None, no_config: bool = False) -> None:
    """Check a city's IP work summary (工作总结) against its plan (YAML)."""
    ctx.obj = {"debug": debug, "config": config_file, "no_config": no_config}


def run_language(ctx: click.Context) -> str:
    """The language of this run's words and errors: the command's --lang, else the resolved
    configuration's (set by `effective`), else IPCHECK_LANG or a config file's, else zh-CN."""
    root = ctx.find_root()
    obj = root.obj if isinstance(root.obj, dict) else {}
    flag = ctx.params.get("lang") if isinstance(ctx.params.get("lang"), str) else None
    if flag:
        from ipcheck.i18n import check_lang
        try:
            return check_lang(flag)
        except IpcheckError:
            pass
    if obj.get("lang"):
        return obj["lang"]
    from ipcheck.cli.group import run_lang
    return run_lang(["--no-config"] if obj.get("no_config") else [])


def problem_text(problem, lang: str) -> str:
    """``FILE[:LINE]: message`` with the message in ``lang``."""
    return problem.text(lang)


def error_lines(exc: IpcheckError, lang: str) -> list[str]:
    """The ``ipcheck: FILE[:LINE]: message`` lines of an expected error, in ``lang``: the one
    place an error's words are rendered from its catalogue key."""
    return [f"ipcheck: {p.text(lang)}" for p in exc.problems]


def _guarded(ctx: click.Context, run) -> int:
    """Run ``run``; expected errors become one line per problem on stderr (in the run's
    language) and exit status 2."""
    debug = bool(ctx.obj and ctx.obj.get("debug"))
    try:
        return run()
    except IpcheckError as exc:
        if debug:
            traceback.print_exc()
        for line in error_lines(exc, run_language(ctx)):
            click.echo(line, err=True)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        from ipcheck.i18n import t
        click.echo("ipcheck: " + t("cli.interrupted", run_language(ctx)), err=True)
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
        from ipcheck.i18n import t
        click.echo("ipcheck: " + t("cli.internal", run_language(ctx), error=f"{type(exc).__name__}: {exc}"), err=True)
        return EXIT_INTERNAL


from ipcheck.cli.console import color_choice, color_option, terminal_width, use_color  # noqa: E402,F401


# Registering the subcommands (each module decorates functions with @main.command).
from ipcheck.cli import check, figures, plan, split  # noqa: E402,F401
from ipcheck.cli import explain  # noqa: E402,F401
from ipcheck.cli import config  # noqa: E402,F401
from ipcheck.cli import review  # noqa: E402,F401
from ipcheck.cli import rules  # noqa: E402,F401
from ipcheck.cli import progress  # noqa: E402,F401
from ipcheck.cli import checklist  # noqa: E402,F401
from ipcheck.cli import diff  # noqa: E402,F401
