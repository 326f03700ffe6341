"""Reporters: one function per output format, chosen by name or by the output file's extension.

Each reporter takes the Report and RenderOptions (language, custom template) and returns the
report as text, or bytes for binary formats (XLSX), which can only be written to a file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Union

from ipcheck.errors import IpcheckError, msg
from ipcheck.i18n import DEFAULT_LANG

if TYPE_CHECKING:            # the CLI imports this registry to list formats; keep that import light
    from ipcheck.model import Report


@dataclass(frozen=True)
class RenderOptions:
    """How to render: the language of every human-facing word, and a user's Jinja template."""

    lang: str = DEFAULT_LANG
    template: str | None = None
    # The statuses that fail a CI run (the CLI's --fail-on): JUnit failures, GitHub errors.
    fail_on: frozenset[str] = frozenset({"missed", "unreported"})
    # A batch's pair report links back to its index (index.html / index.md) in the same folder.
    index_link: str | None = None


Rendered = Union[str, bytes]


def _text(report: Report, options: RenderOptions) -> str:
    from ipcheck.report.terminal import render
    return render(report, lang=options.lang, fail_on=options.fail_on)


def _json(report: Report, options: RenderOptions) -> str:
    from ipcheck.report.json_report import render
    return render(report, lang=options.lang)


def _markdown(report: Report, options: RenderOptions) -> str:
    from ipcheck.report.template import render_markdown
    return render_markdown(report, lang=options.lang, index_link=options.index_link)


def _html(report: Report, options: RenderOptions) -> str:
    from ipcheck.report.template import render_html
    return render_html(report, lang=options.lang, index_link=options.index_link)


def _template(report: Report, options: RenderOptions) -> str:
    from ipcheck.report.template import render_custom
    if not options.template:
        raise IpcheckError(msg("error.template_needed"))
    return render_custom(report, options.template, lang=options.lang)


def _comment(report: Report, options: RenderOptions) -> str:
    from ipcheck.report.template import render_comment
    return render_comment(report, lang=options.lang, fail_on=options.fail_on)


def _junit(report: Report, options: RenderOptions) -> str:
    from ipcheck.report.junit import render
    return render(report, options.lang, options.fail_on)


def _github(report: Report, options: RenderOptions) -> str:
    from ipcheck.report.annotations import render_github
    return render_github(report, options.lang, options.fail_on)


def _gitlab(report: Report, options: RenderOptions) -> str:
    from ipcheck.report.annotations import render_gitlab
    return render_gitlab(report, options.lang, options.fail_on)


def _csv(report: Report, options: RenderOptions) -> str:
    from ipcheck.report.csv_report import render
    return render(report, options.lang)


def _xlsx(report: Report, options: RenderOptions) -> bytes:
    from ipcheck.report.xlsx import render
    return render(report, options.lang)


REPORTER_BY_NAME: dict[str, Callable[[Report, RenderOptions], Rendered]] = {
    "text": _text, "json": _json, "markdown": _markdown, "html": _html,
    # CI and spreadsheet formats (README, "CI and spreadsheet formats").
    "junit": _junit, "github": _github, "gitlab": _gitlab, "csv": _csv, "xlsx": _xlsx,
    "comment": _comment,
}
BINARY_FORMATS: frozenset[str] = frozenset({"xlsx"})
FORMAT_BY_EXTENSION = {".txt": "text", ".json": "json", ".md": "markdown", ".markdown": "markdown",
                       ".html": "html", ".htm": "html", ".xml": "junit", ".csv": "csv", ".xlsx": "xlsx",
                       # compound extensions (the longest match wins): the names a batch gives them
                       ".github.txt": "github", ".codequality.json": "gitlab", ".comment.md": "comment"}
EXTENSION_BY_FORMAT = {"text": "txt", "json": "json", "markdown": "md", "html": "html",
                       "junit": "xml", "github": "github.txt", "gitlab": "codequality.json",
                       "csv": "csv", "xlsx": "xlsx", "comment": "comment.md"}


def template_extension(template: str) -> str:
    """The report extension a custom template implies: ``report.csv.j2`` -> ``csv``."""
    name = os.path.basename(template)
    for suffix in (".j2", ".jinja", ".jinja2"):
        name = name.removesuffix(suffix)
    _, dot, ext = name.rpartition(".")
    return ext if dot and ext else "txt"


def format_for(path: str | None, requested: str | None) -> str:
    """The format asked for, else the one the output file's extension implies, else text."""
    if requested:
        return requested
    if path:
        for ext, name in sorted(FORMAT_BY_EXTENSION.items(), key=lambda kv: -len(kv[0])):
            if path.lower().endswith(ext):
                return name
        raise IpcheckError(msg("error.format_extension", path=repr(path)),
                           hint=msg("error.hint.use_format", names="|".join(REPORTER_BY_NAME)))
    return "text"


def render(report: Report, fmt: str, options: RenderOptions = RenderOptions()) -> Rendered:
    """The report in format ``fmt`` (a key of REPORTER_BY_NAME, or "template" for the user's
    template named in ``options``)."""
    if fmt == "template":
        return _template(report, options)
    return REPORTER_BY_NAME[fmt](report, options)
