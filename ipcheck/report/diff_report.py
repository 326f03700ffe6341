"""What changed between two reports (ReportDiff): JSON for machines, Markdown for a merge
request, and the shared words of the terminal table (ipcheck.report.diff_text)."""
from __future__ import annotations

import json
from typing import Any, Callable

from ipcheck.i18n import DEFAULT_LANG, status_word, t
from ipcheck.model_history import ItemChange, ItemSide, ReportDiff
from ipcheck.report.progress_context import window

DIFF_SCHEMA = 1
COUNT_ORDER = ("met", "missed", "unreported", "pending", "needs_review")
QUOTE = 50


def side_dict(s: ItemSide | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"status": s.status, "needs_review": s.needs_review, "figure": s.figure, "value": s.value,
            "evidence": list(s.evidence), "line": s.line}


def build(d: ReportDiff, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """The diff as a stable dictionary (sorted keys when dumped, no timestamps)."""
    def change(c: ItemChange) -> dict[str, Any]:
        return {"id": c.id, "kind": c.kind, "label": c.label, "changes": list(c.changes),
                "old": side_dict(c.old), "new": side_dict(c.new), "regression": c.regression, "resolved": c.resolved,
                "text": describe(c, lang)}
    return {"ipcheck_diff": DIFF_SCHEMA, "lang": lang, "old": d.old_path, "new": d.new_path, "plan": d.plan,
            "summaries": {"old": d.old_summary, "new": d.new_summary},
            "counts": {"old": d.old_counts, "new": d.new_counts}, "fail_on": list(d.fail_on),
            "changes": [change(c) for c in d.changes], "unchanged": d.unchanged, "warnings": list(d.warnings),
            "regressions": [c.id for c in d.regressions], "resolved": [c.id for c in d.resolved]}


def what_text(c: ItemChange, lang: str) -> str:
    return t("list.sep", lang).join(t(f"diff.what.{w}", lang) for w in c.changes)


def first_difference(c: ItemChange) -> int | None:
    """Where the first quoted sentences of the two sides start to differ (None: no such pair)."""
    if not (c.old and c.new and c.old.evidence and c.new.evidence):
        return None
    a, b = c.old.evidence[0], c.new.evidence[0]
    return next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def side_text(s: ItemSide | None, lang: str, at: int | None = None) -> str:
    """"已完成 · 537件 · 第13行 2015年我市…" (— when absent), the quote around position ``at``."""
    if s is None:
        return t("diff.absent", lang)
    parts = [status_word(s.status, lang) + (" " + t("label.review", lang) if s.needs_review else "")]
    if s.figure:
        parts.append(s.figure)
    if s.evidence:
        quote = window(s.evidence[0], s.figure, QUOTE, at)
        parts.append((t("term.line", lang, line=s.line) + " " if s.line else "") + quote)
    return " · ".join(parts)


def describe(c: ItemChange, lang: str) -> str:
    """One line: what changed, before → after."""
    at = first_difference(c)
    return f"{what_text(c, lang)}{t('colon', lang)}{side_text(c.old, lang, at)} → {side_text(c.new, lang, at)}"


def groups(d: ReportDiff) -> list[tuple[str, tuple[ItemChange, ...]]]:
    """(heading key, changes): new failures, resolved failures, the rest."""
    rest = tuple(c for c in d.changes if not (c.regression or c.resolved))
    return [("diff.regressions", d.regressions), ("diff.resolved", d.resolved), ("diff.changed", rest)]


def counts_text(d: ReportDiff, lang: str) -> str:
    return " · ".join(t("diff.count", lang, label=t("needs_review", lang) if k == "needs_review" else status_word(k, lang),
                        old=d.old_counts.get(k, 0), new=d.new_counts.get(k, 0)) for k in COUNT_ORDER)


def render_json(d: ReportDiff, lang: str = DEFAULT_LANG) -> str:
    return json.dumps(build(d, lang), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_markdown(d: ReportDiff, lang: str = DEFAULT_LANG) -> str:
    """Headings per group and a table of the items, every quoted text escaped."""
    from ipcheck.report.template import _markdown_code as code, _markdown_escape as md
    lines = [f"### {md(t('diff.heading', lang, old=d.old_path, new=d.new_path))}", "",
             t("diff.meta", lang, plan=code(d.plan), old=code(d.old_summary or "?"), new=code(d.new_summary or "?")),
             "", md(counts_text(d, lang)), ""]
    lines += [f"> ⚠ {md(t('diff.plan_mismatch', lang, plans=w.split(': ', 1)[1]))}" for w in d.warnings] + ([""] if d.warnings else [])
    if not d.changes:
        lines += [t("diff.none", lang)]
    for key, changes in groups(d):
        if not changes:
            continue
        lines += [f"#### {t(key, lang, count=len(changes))}", "",
                  "| " + " | ".join(t(f"diff.col.{c}", lang) for c in ("id", "item", "what", "before", "after")) + " |",
                  "|---|---|---|---|---|"]
        lines += [f"| {md(c.id)} | {md(c.label)} | {md(what_text(c, lang))} | "
                  f"{md(side_text(c.old, lang, first_difference(c)))} | {md(side_text(c.new, lang, first_difference(c)))} |"
                  for c in changes]
        lines.append("")
    lines.append(t("diff.unchanged", lang, count=d.unchanged))
    return "\n".join(lines) + "\n"


def render_text(d: ReportDiff, lang: str = DEFAULT_LANG) -> str:
    from ipcheck.report.diff_text import render
    return render(d, lang=lang)


DIFF_REPORTER_BY_NAME: dict[str, Callable[[ReportDiff, str], str]] = {
    "text": render_text, "json": render_json, "markdown": render_markdown}


def stderr_line(d: ReportDiff, baseline: str, lang: str = DEFAULT_LANG) -> str:
    """The line `check --baseline` prints: new failures, resolved, other changes."""
    return t("diff.stderr", lang, baseline=baseline, regressions=len(d.regressions), resolved=len(d.resolved),
             changed=len(d.changes) - len(d.regressions) - len(d.resolved))
