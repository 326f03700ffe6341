"""Progress -> a plain, stable dictionary (the progress JSON and the templates' context), and the
geometry of each target's small chart (whole SVG units, so the same progress is the same picture)."""
from __future__ import annotations

import math
from typing import Any

from ipcheck import __version__
from ipcheck.i18n import DEFAULT_LANG, status_word, t
from ipcheck.model import PaceState
from ipcheck.model_history import Progress, TargetProgress, TaskProgress
from ipcheck.units import format_number, plain

SCHEMA_VERSION = 1
STATE_ORDER = tuple(s.value for s in PaceState)
CHART_W, CHART_H = 360, 160
PAD_L, PAD_R, PAD_T, PAD_B = 44, 16, 14, 26
QUOTE_LIMIT = 60


def state_word(state: str, lang: str = DEFAULT_LANG) -> str:
    return t(f"state.{state}", lang)


def _num(x: object) -> float | int | None:
    """An exact value for JSON and the chart: a whole number as an int, else to four places."""
    return plain(x, 4)


def _target(tp: TargetProgress, lang: str) -> dict[str, Any]:
    tg = tp.target
    b = tp.baseline
    return {
        "id": tg.id, "metric": tg.metric, "measure": tg.measure.value, "op": tg.op.value,
        "value": _num(tg.value), "unit": tg.unit, "due": tg.due, "source": tg.source, "plan_line": tg.line,
        "baseline": None if b is None else {"year": b.year, "value": _num(b.value), "source": b.source,
                                            "from": tp.baseline_from},
        "path": [{"year": y, "value": _num(v)} for y, v in tp.path],
        "state": tp.state.value, "state_label": state_word(tp.state.value, lang), "as_of": tp.as_of,
        "needs_review": tp.needs_review,
        "points": [{"year": p.year, "summary": p.summary, "status": p.status.value,
                    "status_label": status_word(p.status.value, lang), "reason": p.reason,
                    "value": _num(p.value), "figure": p.figure, "quote": p.quote, "line": p.line,
                    "expected": _num(p.expected), "state": p.state.value,
                    "state_label": state_word(p.state.value, lang), "needs_review": p.needs_review}
                   for p in tp.points],
    }


def _task(tp: TaskProgress, lang: str) -> dict[str, Any]:
    task = tp.task
    return {"id": task.id, "title": task.title, "owners": list(task.owners), "due": task.due,
            "section": task.section, "plan_line": task.line, "done_years": list(tp.done_years),
            "years": [{"year": y.year, "summary": y.summary, "status": y.status.value,
                       "status_label": status_word(y.status.value, lang), "reason": y.reason,
                       "needs_review": y.needs_review, "line": y.line, "quote": y.quote} for y in tp.years]}


def gaps(years: list[int]) -> list[int]:
    """The years between the first and the last summary that have none."""
    return [y for y in range(min(years), max(years) + 1) if y not in years] if years else []


def build(progress: Progress, lang: str = DEFAULT_LANG) -> dict[str, Any]:
    """Everything a progress reporter may show, in plan order, with no timestamps."""
    meta = progress.plan.meta
    years = [y for y, _ in progress.summaries]
    counts = {s: sum(1 for tp in progress.targets if tp.state.value == s) for s in STATE_ORDER}
    return {
        "ipcheck": __version__, "schema": SCHEMA_VERSION, "kind": "progress", "lang": lang,
        "plan": {"id": meta.id, "title": meta.title, "region": meta.region, "path": progress.plan.path,
                 "period": None if meta.period is None else {"start": meta.period.start, "end": meta.period.end}},
        "summaries": [{"year": y, "path": s} for y, s in progress.summaries],
        "gaps": gaps(years),
        "counts": counts,
        "targets": [_target(tp, lang) for tp in progress.targets],
        "tasks": [_task(tp, lang) for tp in progress.tasks],
        "warnings": [{"year": y, "warning": w.text(), "code": w.code, **w.as_json()} for y, w in progress.warnings],
    }


def value_text(value: float | int | None, unit: str) -> str:
    """"14.7件", "" for none."""
    return "" if value is None else f"{format_number(value)}{unit}"


def nice_ceiling(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above ``x`` (x > 0): an axis top people read."""
    k = 10.0 ** math.floor(math.log10(x))
    return next(m * k for m in (1, 2, 2.5, 5, 10) if m * k >= x)


def _scale(lo: float, hi: float, a: int, b: int):
    span = (hi - lo) or 1.0
    return lambda v: round(a + (v - lo) * (b - a) / span)


def chart(target: dict[str, Any]) -> dict[str, Any] | None:
    """The SVG geometry of a target's chart: x by year, y by value (0 at the bottom for levels),
    the path as a dashed line, the target as a line, each reported value as a dot."""
    points = [p for p in target["points"] if p["value"] is not None]
    path = target["path"]
    years = [p["year"] for p in target["points"]] + [p["year"] for p in path]
    if target["due"] is not None:
        years.append(target["due"])
    if not points and not path:
        return None
    values = [p["value"] for p in points] + [p["value"] for p in path] + [target["value"]]
    lo = min(0.0, min(values)) if target["measure"] in ("level", "share") else min(values)
    hi = nice_ceiling(max(values) * 1.05) if max(values) > 0 else 1.0
    first, last = min(years), max(years)
    x = _scale(first - 0.5, last + 0.5, PAD_L, CHART_W - PAD_R)
    y = _scale(lo, hi, CHART_H - PAD_B, PAD_T)
    return {
        "width": CHART_W, "height": CHART_H,
        "axis": {"x0": PAD_L, "x1": CHART_W - PAD_R, "y0": CHART_H - PAD_B, "y1": PAD_T},
        "ticks": [{"x": x(yr), "year": yr} for yr in range(first, last + 1)],
        "target_y": y(target["value"]), "target_label": value_text(target["value"], target["unit"]),
        "hi_label": format_number(round(hi, 2)), "lo_label": format_number(round(lo, 2)), "y_hi": y(hi),
        "path": " ".join(f"{x(p['year'])},{y(p['value'])}" for p in path),
        "dots": [{"x": x(p["year"]), "y": y(p["value"]), "state": p["state"], "year": p["year"],
                  "label": value_text(p["value"], target["unit"])} for p in points],
    }


def window(quote: str, figure: str | None, limit: int = QUOTE_LIMIT, at: int | None = None) -> str:
    """At most ``limit`` characters of ``quote``, around the figure (or position ``at``) when the
    sentence is long."""
    if len(quote) <= limit:
        return quote
    if at is None:
        at = quote.find(figure) if figure else -1
        at = at + len(figure or "") if at >= 0 else -1
    start = 0 if at < 0 else max(0, min(at + 8 - limit, len(quote) - limit))
    return ("…" if start else "") + quote[start:start + limit] + ("…" if start + limit < len(quote) else "")
