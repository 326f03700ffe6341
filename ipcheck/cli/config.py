"""`ipcheck config`: the effective settings, each with the place it came from; and `effective`,
which the other commands use to resolve their options through the config layer."""
from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import click

from ipcheck.cli import EXIT_OK, _guarded, main
from ipcheck.cli.console import pad
from ipcheck.i18n import display_width

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
    if isinstance(ctx.find_root().obj, dict):
        ctx.find_root().obj["lang"] = found[0]["lang"]      # errors from here on speak the run's language
    return found[0]


def _shown(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, tuple):
        return ", ".join(value) if value else "-"
    return str(value)


def _source(label: str, lang: str) -> str:
    """Where a value came from, in ``lang``: default, FILE:LINE, env X, flag --x (joined by +)."""
    from ipcheck.i18n import t
    parts = []
    for part in label.split(" + "):
        word, _, name = part.partition(" ")
        key = f"config.source.{word}"
        parts.append(t(key, lang, name=name) if word in ("default", "env", "flag", "argument") and
                     (name or word == "default") else part)
    return " + ".join(parts)


def render_text(cfg: "Config", lang: str = "zh-CN") -> str:
    """The file found, a header row, then one line per key: name, value, source."""
    from ipcheck.config import KEYS
    from ipcheck.i18n import t
    lines = [t("config.file", lang, file=cfg.file or t("config.none", lang))]
    header = t("config.header", lang).split("\t")
    rows = [header] + [[k.name, _shown(cfg[k.name]), _source(str(cfg.sources[k.name]), lang)] for k in KEYS]
    widths = [max(display_width(r[c]) for r in rows) for c in (0, 1)]
    for name, value, source in rows:
        lines.append(f"{pad(name, widths[0])}  {pad(value, widths[1])}  {source}".rstrip())
    return "\n".join(lines) + "\n"


@main.command("config")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--lang", help="Language of the text: zh-CN (default) or en.")
@click.pass_context
def config_command(ctx: click.Context, fmt: str, lang: str | None = None) -> None:
    """Show every setting's effective value and where it came from (default, FILE:LINE,
    env IPCHECK_X). Files: ipcheck.toml, .ipcheck.yaml or pyproject.toml [tool.ipcheck],
    the nearest one from the working directory upward; see README, Configuration."""
    cfg = effective(ctx, {"lang": lang})
    if fmt == "json":
        click.echo(json.dumps(cfg.as_dict(), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        click.echo(render_text(cfg, cfg["lang"]), nl=False)
    ctx.exit(EXIT_OK)
