"""`ipcheck config`: the effective settings, each with the place it came from; and `effective`,
which the other commands use to resolve their options through the config layer."""
from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import click

from ipcheck.cli import EXIT_OK, _guarded, main

if TYPE_CHECKING:                # imported when used: `ipcheck --version` must stay fast
    from ipcheck.config import Config


def effective(ctx: click.Context, flags: dict[str, Any]) -> "Config":
    """The settings for this run: defaults < config file < IPCHECK_* < ``flags``. A bad config
    file or variable prints one line and exits with status 2 (through _guarded)."""
    from ipcheck.config import load_config
    from ipcheck.report import REPORTER_BY_NAME
    obj = ctx.find_root().obj or {}
    found: list["Config"] = []

    def run() -> int:
        found.append(load_config(os.getcwd(), os.environ, flags, config_file=obj.get("config"),
                                 no_config=bool(obj.get("no_config")), formats=set(REPORTER_BY_NAME)))
        return EXIT_OK

    code = _guarded(ctx, run)
    if not found:
        ctx.exit(code)
    return found[0]


def _shown(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return ", ".join(value) if value else "-"
    return str(value)


def render_text(cfg: "Config") -> str:
    """One line per key: name, value, source; the file found first."""
    from ipcheck.config import KEYS
    lines = [f"config file: {cfg.file or '(none)'}"]
    width = max(len(k.name) for k in KEYS)
    values = [_shown(cfg[k.name]) for k in KEYS]
    vwidth = max(len(v) for v in values)
    for key, value in zip(KEYS, values):
        lines.append(f"{key.name:<{width}}  {value:<{vwidth}}  {cfg.sources[key.name]}".rstrip())
    return "\n".join(lines) + "\n"


@main.command("config")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.pass_context
def config_command(ctx: click.Context, fmt: str) -> None:
    """Show every setting's effective value and where it came from (default, FILE:LINE,
    env IPCHECK_X). Files: ipcheck.toml, .ipcheck.yaml or pyproject.toml [tool.ipcheck],
    the nearest one from the working directory upward; see README, Configuration."""
    cfg = effective(ctx, {})
    if fmt == "json":
        click.echo(json.dumps(cfg.as_dict(), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        click.echo(render_text(cfg), nl=False)
    ctx.exit(EXIT_OK)
