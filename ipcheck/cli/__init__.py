"""Command line: options -> settings -> check -> report -> exit code. The only package that
imports click; each subcommand lives in its own module and registers itself on ``main``."""
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
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Read settings from this file instead of finding one (also IPCHECK_CONFIG).")
@click.option("--no-config", is_flag=True, help="Read no config file (environment and flags still apply).")
@click.pass_context
def main(ctx: click.Context, debug: bool, config_file: str | None = None, no_config: bool = False) -> None:
    """Check a city's IP work summary (工作总结) against its plan (YAML)."""
    ctx.obj = {"debug": debug, "config": config_file, "no_config": no_config}




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



def terminal_width() -> int:
    """The terminal's width when stdout is one (COLUMNS when set), else a fixed 120 so piped
    output is stable. shutil's, not click's: click.get_terminal_size was removed in Click 8.1."""
    import shutil
    return shutil.get_terminal_size((120, 24)).columns if sys.stdout.isatty() else 120


# Registering the subcommands (each module decorates functions with @main.command).
from ipcheck.cli import check, figures, plan, split  # noqa: E402,F401
from ipcheck.cli import explain  # noqa: E402,F401
from ipcheck.cli import config  # noqa: E402,F401
from ipcheck.cli import review  # noqa: E402,F401
from ipcheck.cli import rules  # noqa: E402,F401
from ipcheck.cli import progress  # noqa: E402,F401
from ipcheck.cli import checklist  # noqa: E402,F401
from ipcheck.cli import diff  # noqa: E402,F401
