"""Reports rendered from Jinja templates (HTML, Markdown); the only module that imports jinja2."""
from __future__ import annotations

from pathlib import Path

import jinja2

from ipcheck.model import Report
from ipcheck.report.context import STATUS_ORDER, build, segments

_PACKAGED = Path(__file__).resolve().parent.parent / "templates"
_SOURCE_TREE = Path(__file__).resolve().parent.parent.parent / "templates"


def template_dir() -> Path:
    """Templates shipped in the wheel, or the repository's ``templates/`` when run from source."""
    return _PACKAGED if (_PACKAGED / "report.html.j2").is_file() else _SOURCE_TREE


def _markdown_escape(text: str) -> str:
    out = []
    for ch in str(text):
        if ch in "\\`*_{}[]<>()#+!|~":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _environment(html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=html,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _markdown_escape
    env.globals["segments"] = segments
    return env


def _context(report: Report) -> dict:
    ctx = build(report)
    ctx["status_order"] = STATUS_ORDER
    ctx["grouped"] = {s: [i for i in ctx["items"] if i["status"] == s] for s in STATUS_ORDER}
    return ctx


def render_html(report: Report) -> str:
    """A self-contained HTML page: no external assets, works with JavaScript off."""
    return _environment(True).get_template("report.html.j2").render(_context(report))


def render_markdown(report: Report) -> str:
    """A Markdown report, every quoted text escaped so it renders inert."""
    return _environment(False).get_template("report.md.j2").render(_context(report))
