"""`ipcheck split`: a compilation cut into one file per city summary."""
from __future__ import annotations

import os

import click

from ipcheck.cli import EXIT_OK, _guarded, main, run_language


@main.command("split")
@click.argument("compilation", type=click.Path(dir_okay=True))
@click.option("-o", "--output-dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the summaries (created if missing).")
@click.option("--force", is_flag=True, help="Overwrite summaries already in the folder.")
@click.option("--lang", help="Language of what is printed: zh-CN (default) or en.")
@click.pass_context
def split_command(ctx: click.Context, compilation: str, output_dir: str, force: bool, lang: str | None = None) -> None:
    """Cut COMPILATION into one file per city summary, named <year>-<region>.txt."""

    def run() -> int:
        from ipcheck.inputs.documents import read_document
        from ipcheck.errors import OutputError, msg, os_reason
        from ipcheck.outputs import write_atomic
        from ipcheck.split import split_document

        pieces, cover = split_document(read_document(compilation))
        targets = [(p, os.path.join(output_dir, p.name)) for p in pieces]
        existing = [t for _, t in targets if os.path.lexists(t)]
        if existing and not force:
            raise OutputError(msg("error.split_exists", n=len(existing),
                                  names=", ".join(os.path.basename(t) for t in existing)), path=output_dir)
        try:
            os.makedirs(output_dir, exist_ok=True)
        except OSError as exc:
            raise OutputError(msg("error.cannot_create_folder", reason=os_reason(exc)), path=output_dir) from None
        from ipcheck.i18n import t
        language = run_language(ctx)
        if cover:
            click.echo(t("split.cover", language, path=compilation, last=cover), err=True)
        for p, target in targets:
            write_atomic(target, p.text, inputs=(compilation,))
            year = t("split.year", language, year=p.year) if p.year is not None else t("split.year_unknown", language)
            click.echo(t("split.wrote", language, target=target, region=p.region, year=year, first=p.first_line,
                         last=p.last_line, path=compilation))
        return EXIT_OK

    ctx.exit(_guarded(ctx, run))

