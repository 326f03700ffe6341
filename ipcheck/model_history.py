"""Frozen dataclasses for reports side by side: a plan's progress over several years
(ipcheck.progress) and what changed between two reports (ipcheck.diff); no I/O happens here."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ipcheck.errors import Message
from ipcheck.model import Baseline, PaceState, Plan, Status, Target, Task

# --------------------------------------------------------------------------------------
# progress over several years (ipcheck.progress)
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class YearPoint:
    """What one year's summary reports for a target, and where that stands on the path."""

    year: int
    summary: str
    status: Status
    reason: str
    value: Decimal | None = None          # in the target's unit; None when no figure was read
    figure: str | None = None           # the figure as written (537件, 约3.6万件)
    quote: str | None = None            # the sentence it was read from
    line: int | None = None
    expected: Decimal | None = None       # the path's value for this year (None: no path)
    state: PaceState = PaceState.NO_DATA
    needs_review: bool = False


@dataclass(frozen=True)
class TargetProgress:
    """A target across the years: each year's point, the baseline and path, the state now."""

    target: Target
    points: tuple[YearPoint, ...]
    baseline: Baseline | None
    baseline_from: str                  # "plan", or the summary the baseline value was read from
    path: tuple[tuple[int, Decimal], ...]  # (year, the value a steady pace needs)
    state: PaceState
    as_of: int | None                   # the year the state is read from (the last with a value)
    needs_review: bool = False


# Pending reasons that say a year's work on the task was done (ipcheck.verdicts.tasks).
_DONE_SO_FAR = frozenset({"task.recurring_not_due", "task.ongoing_not_due"})


@dataclass(frozen=True)
class TaskYear:
    """What one year's summary reports for a task."""

    year: int
    summary: str
    status: Status
    reason: str
    needs_review: bool = False
    line: int | None = None
    quote: str | None = None


@dataclass(frozen=True)
class TaskProgress:
    task: Task
    years: tuple[TaskYear, ...]

    @property
    def done_years(self) -> tuple[int, ...]:
        """The years a summary reported the task's work done: met, or done before the due year of work that
        recurs or goes on to it (pending: that year's work, not yet the task)."""
        return tuple(y.year for y in self.years if y.status is Status.MET or y.reason in _DONE_SO_FAR)


@dataclass(frozen=True)
class Progress:
    """Several yearly summaries of one region against one plan, year by year."""

    plan: Plan
    summaries: tuple[tuple[int, str], ...]        # (year, path), by year
    targets: tuple[TargetProgress, ...]
    tasks: tuple[TaskProgress, ...]
    warnings: tuple[tuple[int, Message], ...] = ()    # (year, a report warning of that year's check)


# --------------------------------------------------------------------------------------
# what changed between two reports (ipcheck.diff)
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemSide:
    """One item as one report has it: status, whether it needs review, figure, evidence."""

    status: str
    needs_review: bool = False
    figure: str | None = None                    # the figure as written (537件)
    value: str | None = None                     # the figure's value and unit as read (537 件)
    evidence: tuple[str, ...] = ()               # the quoted sentences, as written
    line: int | None = None                      # the first evidence line


@dataclass(frozen=True)
class ItemChange:
    """An item whose status, figure or evidence differs between two reports (or that one lacks)."""

    id: str
    kind: str
    label: str
    changes: tuple[str, ...]                     # of "added", "removed", "status", "figure", "evidence", "needs_review"
    old: ItemSide | None
    new: ItemSide | None
    regression: bool = False                     # fails now (a status in fail_on) and did not before
    resolved: bool = False                       # failed before and does not now


@dataclass(frozen=True)
class ReportDiff:
    """Two JSON reports of a check compared item by item."""

    old_path: str
    new_path: str
    plan: str
    old_summary: str | None
    new_summary: str | None
    old_counts: dict[str, int]
    new_counts: dict[str, int]
    changes: tuple[ItemChange, ...]
    unchanged: int
    fail_on: tuple[str, ...]
    warnings: tuple[str, ...] = ()

    @property
    def regressions(self) -> tuple[ItemChange, ...]:
        return tuple(c for c in self.changes if c.regression)

    @property
    def resolved(self) -> tuple[ItemChange, ...]:
        return tuple(c for c in self.changes if c.resolved)
