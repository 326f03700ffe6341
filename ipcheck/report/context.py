"""Report -> a plain, stable dictionary: the JSON contract and the templates' context."""
from __future__ import annotations

from typing import Any

from ipcheck import __version__
from ipcheck.i18n import DEFAULT_LANG, status_word, t, verdict_message, warning_fields
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
            "quantity": f.quantity, "line": line, **warning_fields(f.warnings)}


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
        "figure": figure_dict(v.figure, line), **warning_fields(v.warnings),
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


def mismatch_dict(report: Report, lang: str = DEFAULT_LANG) -> dict[str, str] | None:
    """Why the summary does not belong to the plan ({code, found, expected, message}), or None."""
    m = report.mismatch
    if m is None:
        return None
    return {"code": m.code, "found": m.found, "expected": m.expected,
            "message": t(f"mismatch.{m.code}", lang, found=m.found, expected=m.expected)}


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
        "mismatch": mismatch_dict(report, lang),
        **warning_fields(report.warnings),
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


def shown_details(item: dict[str, Any]) -> list[dict[str, Any]]:
    """An item's warnings ({code, key, params, message}) as a person reads them: a stale review's
    warning is left out where the review itself is shown (it says the same thing beside the decision)."""
    if item.get("review"):
        return [w for w in item["warning_details"] if w["code"] != "review_stale"]
    return list(item["warning_details"])


def shown_warnings(item: dict[str, Any]) -> list[str]:
    """The English texts of ``shown_details`` (a template shows each with ``warning(w)``)."""
    return [w["message"] for w in shown_details(item)]


def warnings_by_text(ctx: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every warning of a report's context by its English text: how ``warning(w)`` in a template
    says a ``warnings`` text in the report language (the text is made from its key and params)."""
    parts = [ctx] + list(ctx["items"]) + [i["figure"] for i in ctx["items"] if i.get("figure")]
    return {w["message"]: w for part in parts for w in part["warning_details"]}


def fails(item: dict[str, Any], fail_on: frozenset[str] | set[str]) -> bool:
    """Whether ``item`` fails a run with ``fail_on`` (--fail-on): its status is named, or it
    needs review and ``needs_review`` is named."""
    return item["status"] in fail_on or (bool(item["needs_review"]) and "needs_review" in fail_on)


def excerpt(text: str, spans: list[list[int]], limit: int) -> list[tuple[str, bool]]:
    """At most about ``limit`` characters of ``text`` as (piece, highlighted) runs, chosen so
    the deciding words stay visible: the window holds the longest highlighted span (the figure
    of a target, a task's longest matched words) whole and as many other highlighted characters
    as fit, starting as early as it can; "…" marks what is cut on either side."""
    if len(text) <= limit:
        return segments(text, spans)
    merged: list[list[int]] = []
    for a, b in sorted((max(0, a), min(len(text), b)) for a, b in spans):
        if a >= b:
            continue
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    if not merged:
        start, end = 0, limit
    else:
        key = max(merged, key=lambda s: (s[1] - s[0], -s[0]))
        width = max(limit, key[1] - key[0])
        lowest, highest = max(0, key[1] - width), min(key[0], len(text) - width)

        def covered(start: int) -> int:
            return sum(max(0, min(b, start + width) - max(a, start)) for a, b in merged)
        start = max(range(lowest, max(lowest, highest) + 1), key=lambda s: (covered(s), -s))
        end = min(len(text), start + width)
    inner = [[a - start, b - start] for a, b in spans]
    out = segments(text[start:end], inner)
    return ([("…", False)] if start > 0 else []) + out + ([("…", False)] if end < len(text) else [])
