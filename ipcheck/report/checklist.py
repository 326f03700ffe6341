"""The fill-in outline of what a summary must report for a plan (ipcheck plan checklist), grouped
as the plan is: its targets with a blank for each actual, then its tasks by section with their
owners and a blank for when and what. Markdown, or a Word .docx (ipcheck.report.docx_writer)."""
from __future__ import annotations

import re

from ipcheck.i18n import DEFAULT_LANG, t
from ipcheck.model import Plan, Target, Task
from ipcheck.report.writing import scope
from ipcheck.units import format_number

CN_NUMBERS = "一二三四五六七八九十"
# Clause marks inside the plan's own words become spaces, so the 要求 before them governs all of it.
_CLAUSE_MARKS = re.compile(r"[，,；;：:、。！？!?]+")


def one_clause(text: str) -> str:
    """``text`` with its clause marks as spaces (one clause, as the reader splits them)."""
    return " ".join(_CLAUSE_MARKS.sub(" ", text).split())


def _numbered(n: int, text: str, lang: str) -> str:
    mark = (CN_NUMBERS[n - 1] if n <= 10 else str(n)) if lang != "en" else str(n)
    return t("checklist.numbered", lang, n=mark, text=text)


def _target_line(target: Target, lang: str) -> str:
    due = t("checklist.due", lang, due=target.due) if target.due is not None else ""
    return t("checklist.target", lang, id=target.id, metric=one_clause(target.metric), unit=target.unit,
             op=t(f"op.{target.op.value}", lang), value=format_number(target.value), due=due)


def _actual_line(target: Target, plan: Plan, year: int | None, lang: str) -> str:
    when = t("checklist.actual_year", lang, year=year) if year is not None else ""
    return t("checklist.actual", lang, year=when, scope=scope(plan.meta.region, lang), metric=target.metric,
             blank=t("checklist.blank", lang), unit=target.unit)


def _task_line(task: Task, lang: str) -> str:
    parts = []
    if task.owners:
        parts.append(t("checklist.owners", lang, owners=t("list.enum", lang).join(task.owners)))
    if task.due is not None:
        parts.append(t("checklist.task_due", lang, due=task.due))
    meta = t("checklist.task_meta", lang, parts=t("clause.sep", lang).join(parts)) if parts else ""
    return one_clause(t("checklist.task", lang, id=task.id, title=task.title, meta=meta))


def _sections(plan: Plan) -> list[tuple[str | None, list[Task]]]:
    """The plan's tasks grouped by section, sections in the order they first appear."""
    groups: dict[str | None, list[Task]] = {}
    for task in plan.tasks:
        groups.setdefault(task.section, []).append(task)
    named = [(k, v) for k, v in groups.items() if k is not None]
    return named + ([(None, groups[None])] if None in groups else [])


def outline(plan: Plan, year: int | None = None, lang: str = DEFAULT_LANG) -> list[tuple[str, str, bool]]:
    """(kind, text, is an item to tick) paragraphs: title, h1 per group, p per item, indent for
    the item's blanks and the plan's own words."""
    meta = plan.meta
    out: list[tuple[str, str, bool]] = [("title", t("checklist.title", lang, title=meta.title), False),
                                        ("p", t("checklist.intro", lang, id=meta.id, region=meta.region), False)]
    if year is not None:
        out.append(("p", t("checklist.year", lang, year=year), False))
    n = 0
    if plan.targets:
        n += 1
        out.append(("h1", _numbered(n, t("checklist.targets", lang), lang), False))
        for target in plan.targets:
            out.append(("p", _target_line(target, lang), True))
            out.append(("indent", _actual_line(target, plan, year, lang), False))
            if target.source:
                out.append(("indent", t("checklist.source", lang, source=one_clause(target.source)), False))
    for section, tasks in _sections(plan):
        n += 1
        out.append(("h1", _numbered(n, section or t("checklist.other_tasks", lang), lang), False))
        blank = t("checklist.blank", lang)
        for task in tasks:
            out.append(("p", _task_line(task, lang), True))
            out.append(("indent", t("checklist.fill", lang, blank=blank), False))
    return out


def render_markdown(plan: Plan, year: int | None = None, lang: str = DEFAULT_LANG) -> str:
    """The outline as Markdown: a task list ("- [ ]") under a heading per group, text escaped."""
    from ipcheck.report.template import _markdown_escape as md
    lines: list[str] = []
    for kind, text, item in outline(plan, year, lang):
        if kind == "title":
            lines += [f"# {md(text)}", ""]
        elif kind == "h1":
            lines += ["", f"## {md(text)}", ""]
        elif kind == "indent":
            lines.append(f"  - {md(text)}")
        else:
            lines.append(f"- [ ] {md(text)}" if item else md(text))
            if not item:
                lines.append("")
    return "\n".join(lines).rstrip("\n").replace("\n\n\n", "\n\n") + "\n"


def render_docx(plan: Plan, year: int | None = None, lang: str = DEFAULT_LANG) -> bytes:
    """The outline as a Word .docx: a box ☐ before each item to tick, blanks as ____."""
    from ipcheck.report.docx_writer import render_docx as write
    return write([(kind, ("☐ " + text) if item else text) for kind, text, item in outline(plan, year, lang)])


CHECKLIST_FORMATS = {"markdown": render_markdown, "docx": render_docx}
