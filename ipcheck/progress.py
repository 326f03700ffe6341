"""Progress over several years: the reports of one region's yearly summaries against one plan,
gathered per target (each year's value and quote, the baseline, the path to the due year, the
state now) and per task (the years it was reported done).

Pure: it never prints, reads argv or exits. The CLI and the batch check each summary (ipcheck.check)
and hand the reports here; reporters read only the Progress model.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Sequence

from ipcheck.errors import IpcheckError, msg
from ipcheck.model import Baseline, PaceState, Plan, Report, Status, Target, Task, Verdict
from ipcheck.model_history import Progress, TargetProgress, TaskProgress, TaskYear, YearPoint
from ipcheck.verdicts.pace import (GROWTH_MEASURES, VALUE_REASONS, baseline_of, compound_state, figure_interval,
                                   in_unit, level_state, path, shown)


def _verdicts(report: Report) -> dict[str, Verdict]:
    return {v.item_id: v for v in report.verdicts}


def _read(target: Target, v: Verdict | None) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """(value, low, high) of the year's figure in the target's unit; Nones when none was read."""
    if v is None or v.figure is None or v.reason not in VALUE_REASONS:
        return None, None, None
    value = in_unit(v.figure.value, v.figure.unit, target.unit)
    if value is None:
        return None, None, None
    low, high = figure_interval(v.figure, target)
    return value, low, high


def _baseline(target: Target, plan: Plan, series: list[tuple[int, str, Verdict | None]]) -> tuple[Baseline | None, str]:
    """The plan's baseline, else the value the summary of the year before the plan's period
    reports (a 2015 summary for a 2016-2020 plan); (None, "") when neither is known."""
    planned = baseline_of(target, plan.meta.period)
    if planned is not None:
        return planned, "plan"
    if plan.meta.period is None or target.measure in GROWTH_MEASURES:
        return None, ""
    for year, summary, v in series:
        value, _, _ = _read(target, v)
        if year == plan.meta.period.start - 1 and value is not None:
            return Baseline(year, value, v.evidence[0].text if v and v.evidence else None), summary
    return None, ""


def _point(target: Target, year: int, summary: str, v: Verdict | None,
           expected: Decimal | None, state: PaceState, certain: bool) -> YearPoint:
    if v is None:
        return YearPoint(year=year, summary=summary, status=Status.UNREPORTED, reason="", state=PaceState.NO_DATA)
    value, _, _ = _read(target, v)
    first = v.evidence[0] if v.evidence else None
    return YearPoint(year=year, summary=summary, status=v.status, reason=v.reason,
                     value=None if value is None else shown(value),
                     figure=v.figure.text.strip() if v.figure is not None and value is not None else None,
                     quote=first.text if first else None, line=first.line if first else None,
                     expected=None if expected is None else shown(expected), state=state,
                     needs_review=v.needs_review or not certain)


def target_progress(target: Target, plan: Plan, series: list[tuple[int, str, Verdict | None]]) -> TargetProgress:
    """One target across the years of ``series`` ((year, summary path, its verdict), by year)."""
    baseline, source = _baseline(target, plan, series)
    steps = dict(path(baseline, target))
    points, rates = [], []
    for year, summary, v in series:
        value, low, high = _read(target, v)
        expected = steps.get(year)
        if value is None:
            state, certain = PaceState.NO_DATA, True
        elif target.measure in GROWTH_MEASURES:
            rates.append(value)
            state, certain = compound_state(target, year, rates), low == high
        else:
            state, certain = level_state(target, year, low, high, expected)
        points.append(_point(target, year, summary, v, expected, state, certain))
    known = [p for p in points if p.value is not None]
    last = known[-1] if known else None
    return TargetProgress(target=target, points=tuple(points), baseline=baseline, baseline_from=source,
                          path=tuple((y, shown(x)) for y, x in sorted(steps.items())),
                          state=last.state if last else PaceState.NO_DATA,
                          as_of=last.year if last else None, needs_review=bool(last and last.needs_review))


def task_progress(task: Task, series: list[tuple[int, str, Verdict | None]]) -> TaskProgress:
    """One task across the years: each year's status, and its evidence line."""
    years = []
    for year, summary, v in series:
        if v is None:
            continue
        first = v.evidence[0] if v.evidence else None
        years.append(TaskYear(year=year, summary=summary, status=v.status, reason=v.reason,
                              needs_review=v.needs_review, line=first.line if first else None,
                              quote=first.text if first else None))
    return TaskProgress(task=task, years=tuple(years))


def progress(plan: Plan, reports: Sequence[Report]) -> Progress:
    """The plan's progress over ``reports`` (one per year, each checked against ``plan``).

    Raises IpcheckError when a report has no year or two reports are of the same year."""
    seen: dict[int, str] = {}
    for r in reports:
        if r.summary_year is None:
            raise IpcheckError(msg("error.progress_year"), path=r.summary_path)
        if r.summary_year in seen:
            raise IpcheckError(msg("error.progress_twice", year=r.summary_year, first=seen[r.summary_year],
                                   second=r.summary_path), path=r.summary_path, hint=msg("error.hint.one_per_year"))
        seen[r.summary_year] = r.summary_path
    ordered = sorted(reports, key=lambda r: r.summary_year or 0)
    by_year = [(r.summary_year or 0, r.summary_path, _verdicts(r)) for r in ordered]
    targets = tuple(target_progress(t, plan, [(y, s, vs.get(t.id)) for y, s, vs in by_year])
                    for t in plan.targets)
    tasks = tuple(task_progress(t, [(y, s, vs.get(t.id)) for y, s, vs in by_year]) for t in plan.tasks)
    warnings = tuple((r.summary_year or 0, w) for r in ordered for w in r.warnings)
    return Progress(plan=plan, summaries=tuple((y, s) for y, s, _ in by_year), targets=targets, tasks=tasks,
                    warnings=warnings)


def split_year(arg: str, exists=None) -> tuple[str, int | None]:
    """``FILE@2015`` -> (FILE, 2015), for a summary whose title does not say its year; a path
    that exists as written (even with an @) is taken as it is."""
    import os
    import re
    exists = exists or os.path.exists
    m = re.fullmatch(r"(.+)@((?:19|20)[0-9]{2})", arg)
    if m is None or exists(arg):
        return arg, None
    return m.group(1), int(m.group(2))


def run_progress(plan_path: str, summaries: Sequence[tuple[str, int | None]], thresholds=None,
                 reviews: bool = True) -> Progress:
    """Read the plan and check each (summary, year or None) against it; the reviews file beside
    the plan applies unless ``reviews`` is False. Errors are IpcheckError (one line, exit 2)."""
    from ipcheck.check import Settings, check
    from ipcheck.inputs.documents import read_document
    from ipcheck.plans.loader import load_plan
    from ipcheck.reviews import find
    from ipcheck.verdicts.decide import Thresholds

    plan = load_plan(plan_path)
    decisions = find(plan_path, enabled=reviews)
    settings = {"thresholds": thresholds or Thresholds(), "reviews": decisions}
    reports = [check(plan, read_document(path), Settings(year=year, **settings)) for path, year in summaries]
    return progress(plan, reports)
