"""Reports rendered from Jinja templates (HTML, Markdown); the only module that imports jinja2."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2

from ipcheck.i18n import DEFAULT_LANG, stale_text, t, unpaired_reason, warning_text
from ipcheck.model import Report
from ipcheck.report.context import STATUS_ORDER, build, segments, shown_details, shown_warnings, warnings_by_text

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


@functools.lru_cache(maxsize=2)
def _environment(html: bool) -> jinja2.Environment:
    """The environment of the shipped templates, made once per process: compiling a template
    costs more than rendering it, and a batch renders hundreds of reports."""
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
    env.globals["shown_warnings"] = shown_warnings
    env.globals["shown_details"] = shown_details
    return env


CHART_ORDER = ("met", "missed", "unreported", "pending")
CHART_WIDTH = 600


def chart(counts: dict[str, int], width: int = CHART_WIDTH) -> list[dict]:
    """The segments of a stacked bar of ``counts`` (met, missed, unreported, pending) ``width``
    units wide: status, count, x, width (whole units, so the same counts give the same SVG)."""
    total = sum(counts.get(s, 0) for s in CHART_ORDER)
    out, x, done = [], 0, 0
    for s in CHART_ORDER:
        n = counts.get(s, 0)
        if not n:
            continue
        done += n
        end = round(width * done / total)
        out.append({"status": s, "count": n, "x": x, "width": end - x, "mid": (x + end) // 2})
        x = end
    return out


def _helpers(lang: str, by_text: dict | None = None) -> dict:
    """The functions every template may call, bound to the report language; ``warning(w)`` says a
    warning's details, or one of the report's ``warnings`` texts (found in ``by_text``)."""
    known = by_text or {}
    return {"t": lambda key, **params: t(key, lang, **params),
            "warning": lambda w: warning_text(known.get(w, w) if isinstance(w, str) else w, lang),
            "stale_text": lambda stale: stale_text(stale, lang),
            "unpaired_reason": lambda row: unpaired_reason(row, lang)}


def _context(report: Report, lang: str = DEFAULT_LANG) -> dict:
    ctx = build(report, lang)
    ctx["status_order"] = STATUS_ORDER
    ctx["grouped"] = {s: [i for i in ctx["items"] if i["status"] == s] for s in STATUS_ORDER}
    ctx["chart"] = chart(ctx["counts"])
    ctx.update(_helpers(lang, warnings_by_text(ctx)))
    return ctx


def render_html(report: Report, lang: str = DEFAULT_LANG, index_link: str | None = None) -> str:
    """A self-contained HTML page: no external assets, works with JavaScript off; a batch's
    pair report starts with a link back to ``index_link``."""
    return _environment(True).get_template("report.html.j2").render(_context(report, lang), index_link=index_link)


def render_markdown(report: Report, lang: str = DEFAULT_LANG, index_link: str | None = None) -> str:
    """A Markdown report, every quoted text escaped so it renders inert."""
    return _environment(False).get_template("report.md.j2").render(_context(report, lang), index_link=index_link)


def render_index_html(index: dict, lang: str = DEFAULT_LANG) -> str:
    """The batch index as a self-contained HTML page; sortable with an inline script, fully
    readable with JavaScript off."""
    return _environment(True).get_template("index.html.j2").render(index, lang=lang, **_index_helpers(index, lang))


def render_progress_html(ctx: dict, lang: str = DEFAULT_LANG) -> str:
    """Progress as a self-contained HTML page: a small inline-SVG chart per target, no script."""
    from ipcheck.report.progress_context import chart
    from ipcheck.report.progress_text import baseline_text, state_text, target_title
    for tg in ctx["targets"]:
        tg["chart"] = chart(tg)
        tg["title_text"], tg["baseline_text"], tg["state_text"] = (
            target_title(tg, lang), baseline_text(tg, lang), state_text(tg, lang))
    return _environment(True).get_template("progress.html.j2").render(ctx, **_helpers(lang))


def render_index_markdown(index: dict, lang: str = DEFAULT_LANG) -> str:
    """The batch index as Markdown, every file name and error escaped."""
    return _environment(False).get_template("index.md.j2").render(index, lang=lang, **_index_helpers(index, lang))


def _index_helpers(index: dict, lang: str) -> dict:
    """The index templates' helpers: the report ones, the officer's summary lines, each row's
    result word and detail."""
    from ipcheck.report.index import result_word, row_detail, summary_lines
    return {**_helpers(lang), "summary_lines": summary_lines(index, lang),
            "result_word": lambda row: result_word(row, lang),
            "row_detail": lambda row: row_detail(row, index["fail_on"], lang)}


COMMENT_LIMIT = 65536     # GitHub's maximum comment body, in characters (GitLab allows more)
COMMENT_SHORT = 120       # a message in the comment's table is cut to this many characters


def render_comment(report: Report, lang: str = DEFAULT_LANG,
                   fail_on: frozenset[str] = frozenset({"missed", "unreported"}),
                   limit: int = COMMENT_LIMIT) -> str:
    """A compact Markdown for a merge-request comment: counts, a table of the failing and
    needs-review items, the rest folded in <details>; rows are left out (with a note saying
    how many) until it fits in ``limit`` characters."""
    from ipcheck.i18n import status_word, t

    ctx = _context(report, lang)
    for item in ctx["items"]:
        message = " ".join(str(item["message"]).split())
        item["short"] = message if len(message) <= COMMENT_SHORT else message[:COMMENT_SHORT - 1] + "…"
    failing = [i for i in ctx["items"] if i["status"] in fail_on or i["needs_review"]]
    rest = [i for i in ctx["items"] if not (i["status"] in fail_on or i["needs_review"])]
    ctx.update(fail_on=sorted(fail_on), t=lambda key, **p: t(key, lang, **p),
               word=lambda status: status_word(status, lang))
    template = _environment(False).get_template("comment.md.j2")

    def attempt(keep: int) -> str:
        return template.render(ctx, failing=failing[:keep], rest=rest[:max(0, keep - len(failing))],
                               n_failing=len(failing), n_rest=len(rest),
                               left_out=len(failing) + len(rest) - keep)

    total = len(failing) + len(rest)
    text = attempt(total)
    if len(text) <= limit:
        return text
    low, high = 0, total          # the most rows that fit: attempt(low) fits, attempt(high) does not
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if len(attempt(mid)) <= limit else (low, mid)
    return attempt(low)


def render_custom(report: Report, template: str, lang: str = DEFAULT_LANG) -> str:
    """``report`` rendered with a user's Jinja template (its context: docs/templates.md). The
    template runs sandboxed; it is autoescaped when its name says HTML or XML."""
    from jinja2.sandbox import SandboxedEnvironment

    from ipcheck.errors import IpcheckError, msg

    path = Path(template)
    if not path.is_file():
        raise IpcheckError(msg("error.no_template"), path=template)
    name = path.name.lower()
    for suffix in (".j2", ".jinja", ".jinja2"):
        name = name.removesuffix(suffix)
    env = SandboxedEnvironment(loader=jinja2.FileSystemLoader(str(path.parent)),
                               autoescape=name.endswith((".html", ".htm", ".xml", ".svg")),
                               undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                               trim_blocks=True, lstrip_blocks=True)   # as the built-in templates
    env.filters["md"] = _markdown_escape
    env.filters["mdcode"] = _markdown_code
    env.globals["segments"] = segments
    env.globals["shown_warnings"] = shown_warnings
    env.globals["shown_details"] = shown_details
    try:
        return env.get_template(path.name).render(_context(report, lang))
    except jinja2.TemplateSyntaxError as exc:
        raise IpcheckError(msg("error.template", detail=str(exc.message)), path=exc.filename or template,
                           line=exc.lineno) from None
    except UnicodeDecodeError:
        raise IpcheckError(msg("error.template_utf8"), path=template) from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
        # an undefined name, a sandbox refusal, {{ 1 / 0 }}: the user's template, not a bug
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        raise IpcheckError(msg("error.template", detail=message), path=template,
                           line=_template_line(exc, path)) from None


def _template_line(exc: BaseException, path: Path) -> int | None:
    """The line of the user's template a rendering error happened on: Jinja rewrites the
    traceback so the template's own frames carry its file name and line."""
    line, tb = None, exc.__traceback__
    target = str(path.resolve())
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename and Path(code.co_filename).resolve().as_posix() == Path(target).as_posix():
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
