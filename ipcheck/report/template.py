"""Reports rendered from Jinja templates (HTML, Markdown); the only module that imports jinja2."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2

from ipcheck.i18n import DEFAULT_LANG
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


def _markdown_code(text: str) -> str:
    """``text`` as a Markdown code span that no backtick inside it can end: the fence is one
    backtick longer than the longest run in the text (a file name may hold backticks)."""
    text = " ".join(str(text).splitlines())
    longest = max((len(r) for r in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


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
    env.filters["mdcode"] = _markdown_code
    env.globals["segments"] = segments
    return env


def _context(report: Report, lang: str = DEFAULT_LANG) -> dict:
    ctx = build(report, lang)
    ctx["status_order"] = STATUS_ORDER
    ctx["grouped"] = {s: [i for i in ctx["items"] if i["status"] == s] for s in STATUS_ORDER}
    return ctx


def render_html(report: Report, lang: str = DEFAULT_LANG) -> str:
    """A self-contained HTML page: no external assets, works with JavaScript off."""
    return _environment(True).get_template("report.html.j2").render(_context(report, lang))


def render_markdown(report: Report, lang: str = DEFAULT_LANG) -> str:
    """A Markdown report, every quoted text escaped so it renders inert."""
    return _environment(False).get_template("report.md.j2").render(_context(report, lang))


def render_index_html(index: dict) -> str:
    """The batch index as a self-contained HTML page; sortable with an inline script, fully
    readable with JavaScript off."""
    return _environment(True).get_template("index.html.j2").render(index)


def render_index_markdown(index: dict) -> str:
    """The batch index as Markdown, every file name and error escaped."""
    return _environment(False).get_template("index.md.j2").render(index)


def render_custom(report: Report, template: str, lang: str = DEFAULT_LANG) -> str:
    """``report`` rendered with a user's Jinja template (its context: docs/templates.md). The
    template runs sandboxed; it is autoescaped when its name says HTML or XML."""
    from jinja2.sandbox import SandboxedEnvironment

    from ipcheck.errors import IpcheckError

    path = Path(template)
    if not path.is_file():
        raise IpcheckError("no such template file", path=template)
    name = path.name.lower()
    for suffix in (".j2", ".jinja", ".jinja2"):
        name = name.removesuffix(suffix)
    env = SandboxedEnvironment(loader=jinja2.FileSystemLoader(str(path.parent)),
                               autoescape=name.endswith((".html", ".htm", ".xml", ".svg")),
                               undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    env.filters["md"] = _markdown_escape
    env.filters["mdcode"] = _markdown_code
    env.globals["segments"] = segments
    try:
        return env.get_template(path.name).render(_context(report, lang))
    except jinja2.TemplateSyntaxError as exc:
        raise IpcheckError(f"template error: {exc.message}", path=template, line=exc.lineno) from None
    except jinja2.UndefinedError as exc:
        raise IpcheckError(f"template error: {exc.message}", path=template) from None
    except jinja2.TemplateError as exc:
        raise IpcheckError(f"template error: {exc}", path=template) from None
