"""Report -> a plain, stable dictionary: the JSON contract and the templates' context."""
from __future__ import annotations

from typing import Any

from ipcheck import __version__
from ipcheck.i18n import DEFAULT_LANG, status_word, t, verdict_message
from ipcheck.model import Evidence, Figure, Pace, ReviewDecision, Report, Target, Task, Verdict
from ipcheck.units import format_number, plain
from ipcheck.report.writing import to_write

SCHEMA_VERSION = 1
STATUS_ORDER = ("missed", "unreported", "pending", "met")


def _number(v: object) -> float | int | None:
    """An exact value for the report: a whole number as an int (17.76万件 → 177600), else its decimal."""
    return plain(v, 6)


def figure_dict(f: Figure | None, line: int | None = None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"value": _number(f.value), "unit": f.unit, "text": f.text, "qualifier": f.qualifier,
            "low": _number(f.low), "high": _number(f.high), "kind": f.kind.value,
            "quantity": f.quantity, "line": line, "warnings": list(f.warnings)}


def evidence_dict(e: Evidence) -> dict[str, Any]:
    return {"line": e.line, "page": e.page, "page_line": e.page_line, "text": e.text, "section": e.section.value, "score": e.score,
            "highlight": [list(span) for span in e.highlight]}


def review_dict(r: ReviewDecision | None) -> dict[str, Any] | None:
    return r.as_dict() if r is not None else None


def pace_dict(pace: Pace | None, unit: str, lang: str) -> dict[str, Any] | None:
    """A pending target's pace on its path, with its sentence in the report language."""
    if pace is None:
        return None
    b = pace.baseline
    return {"state": pace.state.value, "state_label": t(f"state.{pace.state.value}", lang),
            "expected": _number(pace.expected), "value": _number(pace.value),
            "baseline": {"year": b.year, "value": _number(b.value)},
            "message": t("pace.text", lang, byear=b.year, bvalue=format_number(b.value), unit=unit,
                         expected=format_number(pace.expected), state=t(f"state.{pace.state.value}", lang))}


def _item(v: Verdict, target: Target | None, task: Task | None, lang: str) -> dict[str, Any]:
    line = v.evidence[0].line if v.figure is not None and v.evidence else None
    d: dict[str, Any] = {
        "id": v.item_id, "kind": v.kind,
        "label": target.metric if target else (task.title if task else v.item_id),
        "status": v.status.value, "status_label": status_word(v.status.value, lang),
        "tool_status": v.review.tool_status.value if v.review else v.status.value,
        "review": review_dict(v.review),
        "needs_review": v.needs_review, "confidence": v.confidence,
        "reason": v.reason, "params": dict(v.params),
        "message": (verdict_message(v.reason, v.params, lang) if v.params or lang != "en" else None) or v.message,
        "evidence": [evidence_dict(e) for e in v.evidence],
        "figure": figure_dict(v.figure, line), "warnings": list(v.warnings),
        "target": None, "task": None,
        "pace": pace_dict(v.pace, target.unit, lang) if target and v.status.value == "pending" else None,
        "to_write": None,
    }
    if target:
        d["target"] = {"metric": target.metric, "measure": target.measure.value,
                       "op": target.op.value, "value": _number(target.value), "unit": target.unit,
                       "due": target.due, "source": target.source, "plan_line": target.line}
    if task:
        d["task"] = {"title": task.title, "owners": list(task.owners), "due": task.due,
                     "section": task.section, "plan_line": task.line}
    return d


def build(report: Report, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """Everything a reporter may show, in plan order, with no timestamps. ``status`` is the
    effective status (a person's applied review decision, else the tool's); ``tool_status``
    the tool's own verdict."""
    targets = {t.id: t for t in report.plan.targets}
    tasks = {t.id: t for t in report.plan.tasks}
    meta = report.plan.meta
    items = [_item(v, targets.get(v.item_id) if v.kind == "target" else None,
                   tasks.get(v.item_id) if v.kind == "task" else None, lang) for v in report.verdicts]
    for item in items:
        item["to_write"] = to_write(item, report.summary_year, meta.region, lang)
    return {
        "ipcheck": __version__,
        "schema": SCHEMA_VERSION,
        "lang": lang,
        "plan": {"id": meta.id, "title": meta.title, "region": meta.region,
                 "path": report.plan.path},
        "summary": {"path": report.summary_path, "encoding": report.summary_encoding,
                    "year": report.summary_year},
        "counts": dict(report.counts),
        "warnings": list(report.warnings),
        "items": items,
    }


def segments(text: str, spans: list[list[int]]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, highlighted) runs so templates can escape each piece."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for a, b in sorted((max(0, a), min(len(text), b)) for a, b in spans):
        if a < pos:
            a = pos
        if a >= b:
            continue
        if a > pos:
            out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def shown_warnings(item: dict[str, Any]) -> list[str]:
    """An item's warnings as a person reads them: a stale review's warning is left out where
    the review itself is shown (it says the same thing beside the decision)."""
    if item.get("review"):
        return [w for w in item["warnings"] if not w.startswith("review_stale:")]
    return list(item["warnings"])
