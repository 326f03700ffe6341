"""`ipcheck rules [CODE]`: the reading rules, or one rule with its doc and examples (like `ruff rule`)."""
from __future__ import annotations

import click

from ipcheck.cli import EXIT_OK, _guarded, main


@main.command("rules")
@click.argument("code", required=False)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--lang", help="Language of the labels: zh-CN (default) or en.")
@click.pass_context
def rules_command(ctx: click.Context, code: str | None, fmt: str, lang: str | None) -> None:
    """List the reading rules (ipcheck/lang/zh/*.yaml), or show CODE's doc, data and examples. A code
    prefix (ZH-DONE) shows every rule it starts."""

    def run() -> int:
        from ipcheck.i18n import DEFAULT_LANG, check_lang
        from ipcheck.lang.describe import find, render_json, render_list, render_rule
        from ipcheck.lang.registry import load

        chosen = check_lang(lang) if lang else DEFAULT_LANG
        rules = find(code) if code else list(load())
        if fmt == "json":
            click.echo(render_json(rules), nl=False)
        elif code:
            click.echo("\n".join(render_rule(r, chosen) for r in rules), nl=False)
        else:
            click.echo(render_list(rules, chosen), nl=False)
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))
