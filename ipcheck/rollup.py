"""A province in one view: the verdicts of every pair of a batch rolled up by responsible unit
(责任单位) and by region, and the plans checked against several years' summaries (progress).

Pure: plain dictionaries and Progress values from the batch's reports; reporters turn them into
the workbook and the index's tables."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable, Mapping

from ipcheck.errors import IpcheckError
from ipcheck.model import Report, Status
from ipcheck.model_history import Progress
from ipcheck.progress import progress

COUNT_KEYS = ("met", "missed", "unreported", "pending", "needs_review", "total")


def _empty() -> dict[str, int]:
    return {k: 0 for k in COUNT_KEYS}


def _add(counts: dict[str, int], status: Status, needs_review: bool) -> None:
    counts[status.value] += 1
    counts["needs_review"] += int(needs_review)
    counts["total"] += 1


def owner_rollup(reports: Iterable[Report]) -> list[dict[str, Any]]:
    """Per responsible unit (责任单位), the count of its tasks per status over every pair, sorted by
    the unit's name; a task with several owners counts for each."""
    by_owner: dict[str, dict[str, int]] = defaultdict(_empty)
    pairs: dict[str, set[str]] = defaultdict(set)
    for report in reports:
        owners = {t.id: t.owners for t in report.plan.tasks}
        for v in report.verdicts:
            for owner in owners.get(v.item_id, ()) if v.kind == "task" else ():
                _add(by_owner[owner], v.status, v.needs_review)
                pairs[owner].add(f"{report.plan.meta.id}\x1f{report.summary_path}")
    return [{"owner": o, "pairs": len(pairs[o]), "counts": by_owner[o]} for o in sorted(by_owner)]


def region_totals(reports: Iterable[Report]) -> list[dict[str, Any]]:
    """Per region (the plan's), its pairs and the count of its items per status."""
    by_region: dict[str, dict[str, int]] = defaultdict(_empty)
    pairs: dict[str, int] = defaultdict(int)
    for report in reports:
        region = report.plan.meta.region
        pairs[region] += 1
        for v in report.verdicts:
            _add(by_region[region], v.status, v.needs_review)
    return [{"region": r, "pairs": pairs[r], "counts": by_region[r]} for r in sorted(by_region)]


def status_totals(reports: Iterable[Report]) -> dict[str, int]:
    totals = _empty()
    for report in reports:
        for v in report.verdicts:
            _add(totals, v.status, v.needs_review)
    return totals


def progress_by_plan(reports: Mapping[int, Report]) -> tuple[list[Progress], list[str]]:
    """The progress of every plan checked against summaries of two years or more, in the order
    the plans first appear; and a note for each plan whose summaries could not be lined up (two
    of one year)."""
    groups: dict[str, list[Report]] = {}
    for key in sorted(reports):
        groups.setdefault(reports[key].plan.path, []).append(reports[key])
    out, notes = [], []
    for group in groups.values():
        years = {r.summary_year for r in group}
        if len(group) < 2 or len(years) < 2:
            continue
        try:
            out.append(progress(group[0].plan, group))
        except IpcheckError as exc:
            notes.append(f"{group[0].plan.meta.id}: {exc.message}")
    return out, notes
