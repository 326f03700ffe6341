"""Reporters: one function per output format, chosen by name or by the output file's extension."""
from __future__ import annotations

from typing import Callable

from ipcheck.errors import IpcheckError
from ipcheck.model import Report


def _text(report: Report) -> str:
    from ipcheck.report.terminal import render
    return render(report)


def _json(report: Report) -> str:
    from ipcheck.report.json_report import render
    return render(report)


def _markdown(report: Report) -> str:
    from ipcheck.report.template import render_markdown
    return render_markdown(report)


def _html(report: Report) -> str:
    from ipcheck.report.template import render_html
    return render_html(report)


REPORTER_BY_NAME: dict[str, Callable[[Report], str]] = {
    "text": _text, "json": _json, "markdown": _markdown, "html": _html,
}
FORMAT_BY_EXTENSION = {".txt": "text", ".json": "json", ".md": "markdown", ".markdown": "markdown",
                       ".html": "html", ".htm": "html"}


def format_for(path: str | None, requested: str | None) -> str:
    """The format asked for, else the one the output file's extension implies, else text."""
    if requested:
        return requested
    if path:
        for ext, name in FORMAT_BY_EXTENSION.items():
            if path.lower().endswith(ext):
                return name
        raise IpcheckError(f"cannot tell the report format from the extension of {path!r}",
                           hint="use --format " + "|".join(REPORTER_BY_NAME))
    return "text"


def render(report: Report, fmt: str) -> str:
    """The report in format ``fmt`` (a key of REPORTER_BY_NAME)."""
    return REPORTER_BY_NAME[fmt](report)
