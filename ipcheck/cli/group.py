"""The ``ipcheck`` command group: a usage mistake is one line in the run's language with the
command's usage (``ipcheck: missing SUMMARY: usage: ipcheck check PLAN SUMMARY``), exit 2, and
a bare ``--color`` before an argument is the flag, not a value swallowing the plan's name."""
from __future__ import annotations

import os
import re
import sys
from typing import Any, Sequence

import click

from ipcheck.cli.console import COLOR_CHOICES
from ipcheck.i18n import t

EXIT_USAGE = 2
# What a person types, per command (click's own usage shows [OPTIONS] [PLAN] [SUMMARY]).
USAGE = {
    "check": "ipcheck check PLAN SUMMARY",
    "explain": "ipcheck explain PLAN SUMMARY ITEM",
    "review": "ipcheck review ITEM --plan PLAN --summary SUMMARY --status STATUS --reason TEXT",
    "figures": "ipcheck figures SUMMARY",
    "config": "ipcheck config",
    "split": "ipcheck split COMPILATION -o DIR",
    "plan draft": "ipcheck plan draft DOCUMENT",
    "plan validate": "ipcheck plan validate PLAN…",
    "plan show": "ipcheck plan show PLAN",
}
_CHOICE = re.compile(r"'(?P<value>.*)' is not (?:one of )?(?P<choices>'.*')\.?")
_CHOICE_OLD = re.compile(r"invalid choice: (?P<value>.*)\. \(choose from (?P<choices>.*)\)")
_RANGE = re.compile(r"\A'?(?P<value>.*?)'? is not in the range (?P<range>.+?)\.?")
_NOT_NUMBER = re.compile(r"\A'?(?P<value>.*?)'? is not a valid (?P<kind>integer|float|number)(?: range)?\.?")


class UsageMistake(click.UsageError):
    """A usage mistake ipcheck finds itself: a catalogue key and its parameters, and the file
    it is about when there is one (``ipcheck: FILE: message: usage: …``)."""

    def __init__(self, key: str, ctx: click.Context | None = None, path: str | None = None,
                 **params: object) -> None:
        super().__init__(t(key, "en", **params), ctx)
        self.path, self.key, self.params = path, key, params


def run_lang(args: Sequence[str], environ: Any = None) -> str:
    """The language of this run as far as it is known before the command runs: a ``--lang``
    argument, else IPCHECK_LANG, else a config file's ``lang``, else zh-CN."""
    from ipcheck.errors import IpcheckError
    from ipcheck.i18n import DEFAULT_LANG, check_lang
    env = os.environ if environ is None else environ
    given = [a.split("=", 1)[1] for a in args if a.startswith("--lang=")]
    given += [args[k + 1] for k, a in enumerate(args[:-1]) if a == "--lang"]
    for value in (*given, env.get("IPCHECK_LANG", "")):
        try:
            if value.strip():
                return check_lang(value)
        except IpcheckError:
            continue
    if "--no-config" not in args:
        try:
            from ipcheck.config import load_config
            return load_config(os.getcwd(), {}, None)["lang"]
        except Exception:                     # a broken config file is reported by the command itself
            pass
    return DEFAULT_LANG


def _usage(ctx: click.Context | None) -> str:
    if ctx is None:
        return "ipcheck COMMAND …"
    path = ctx.command_path.split(" ", 1)
    name = path[1] if len(path) > 1 else ""
    return USAGE.get(name) or " ".join([ctx.command_path, *ctx.command.collect_usage_pieces(ctx)])


def _detail(message: str, lang: str) -> str:
    """A click type's complaint about a value, in ``lang``."""
    for pattern, key in ((_CHOICE, "usage.not_one_of"), (_CHOICE_OLD, "usage.not_one_of"),
                         (_RANGE, "usage.out_of_range"), (_NOT_NUMBER, "usage.not_a_number")):
        m = pattern.fullmatch(message.strip())
        if m:
            return t(key, lang, **m.groupdict())
    return message


def usage_message(exc: click.UsageError, lang: str) -> str:
    """The one line (without ``ipcheck: ``) telling a usage mistake, in ``lang``."""
    usage = _usage(exc.ctx)
    if isinstance(exc, UsageMistake):
        message = t(exc.key, lang, **exc.params)
        where = f"{exc.path}: " if exc.path else ""
        return where + t("usage.line", lang, message=message, usage=usage)
    if isinstance(exc, click.MissingParameter) and exc.param is not None:
        name = (exc.param.human_readable_name if isinstance(exc.param, click.Argument)
                else exc.param.opts[0])
        message = t("usage.missing", lang, name=name.upper() if isinstance(exc.param, click.Argument) else name)
    elif isinstance(exc, click.NoSuchOption):
        message = t("usage.no_such_option", lang, name=exc.option_name)
        if exc.possibilities:
            message += t("usage.did_you_mean", lang, names=", ".join(sorted(exc.possibilities)))
    elif isinstance(exc, click.BadParameter):
        hint = exc.param_hint or (exc.param.get_error_hint(exc.ctx) if exc.param is not None and exc.ctx else "")
        hint = hint if isinstance(hint, str) else " / ".join(hint)
        message = t("usage.bad_value", lang, name=hint.replace('"', "").replace("'", ""),
                    detail=_detail(exc.message, lang))
    elif exc.message.startswith("Got unexpected extra argument"):
        message = t("usage.extra", lang, args=exc.message.partition("(")[2].rstrip(")"))
    else:
        message = t("usage.other", lang, message=exc.message)
    return t("usage.line", lang, message=message, usage=usage)


def color_flag_first(args: list[str]) -> list[str]:
    """``--color`` followed by anything but auto/always/never is the flag (``--color=always``),
    so ``ipcheck check --color PLAN SUMMARY`` does not read PLAN as the colour."""
    out = []
    for k, arg in enumerate(args):
        nxt = args[k + 1] if k + 1 < len(args) else None
        out.append("--color=always" if arg == "--color" and nxt not in COLOR_CHOICES else arg)
    return out


class IpcheckGroup(click.Group):
    """click.Group whose usage errors are one translated line (see the module docstring)."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        argv = color_flag_first(argv)
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(argv, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":       # `ipcheck` alone: the help, as click shows it
                exc.show()
                sys.exit(exc.exit_code)
            click.echo(f"ipcheck: {usage_message(exc, run_lang(argv))}", err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("ipcheck: " + t("cli.interrupted", run_lang(argv)), err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)
