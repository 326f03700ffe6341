"""The path a target must follow from its baseline to its due year, and where a reported value
stands on it: linear for a level or a share, compound for a growth rate.

Exact decimals throughout (a float never decides a state): values are taken from their shortest
decimal form (12.2, not 12.199999…), and a compound path compares the product of the years'
growth factors with the target's factor raised to a whole power.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from ipcheck.model import Baseline, Figure, Measure, Op, Pace, PaceState, Period, Status, Target, Verdict
from ipcheck.units import exact, unit

GROWTH_MEASURES = (Measure.GROWTH, Measure.ANNUAL_GROWTH)
# Reasons whose figure is the year's actual (doubtful ones are flagged needs_review by the verdict).
VALUE_REASONS = frozenset({"target.met", "target.missed", "target.not_yet_met", "target.average_so_far",
                           "target.growth_so_far", "target.flow_so_far", "target.share_so_far",
                           "target.bound_ambiguous", "target.conflicting_figures"})
_PLACES = Decimal("0.0001")


def dec(x: Decimal | float | int) -> Decimal:
    """A number as the decimal people wrote (12.2 -> Decimal('12.2')); a Decimal as it is."""
    return exact(x)


def shown(x: Decimal) -> Decimal:
    """A computed decimal as reports show it, to four places (still exact: no float)."""
    return x.quantize(_PLACES).normalize() if x != x.to_integral_value() else x.quantize(Decimal(1))


def in_unit(value: float, src: str, dst: str) -> Decimal | None:
    """``value`` in unit ``src`` expressed in ``dst`` exactly; None when they do not compare."""
    a, b = unit(src), unit(dst)
    if a is None or b is None or a.family != b.family:
        return None
    return dec(value) * dec(a.factor) / dec(b.factor)


def holds(op: Op, value: Decimal, bound: Decimal) -> bool:
    """Whether ``value op bound``."""
    return {Op.GE: value >= bound, Op.GT: value > bound, Op.LE: value <= bound,
            Op.LT: value < bound, Op.EQ: value == bound}[op]


def reaches(op: Op, low: Decimal | None, high: Decimal | None, bound: Decimal) -> bool | None:
    """Whether every value in [low, high] meets ``op bound`` (True), none does (False), or it
    depends on where the true value lies (None); None ends are unbounded."""
    ends = [x for x in (low, high) if x is not None]
    if not ends:
        return None
    if low is not None and high is not None:
        found = {holds(op, low, bound), holds(op, high, bound)}
        return found.pop() if len(found) == 1 else None
    x, upward = ends[0], op in (Op.GE, Op.GT)
    ok = holds(op, x, bound)
    if (low is not None) == upward:          # the closed end is the one that can only help
        return True if ok else None
    return False if not ok else None


def baseline_of(target: Target, period: Period | None = None) -> Baseline | None:
    """The target's baseline with its year: the year the plan gives, else the year before the
    plan's period (a 2016-2020 plan starts from 2015); None without a value, a year, or when the
    year is not before the due year."""
    if target.baseline is None:
        return None
    year = target.baseline_year if target.baseline_year is not None else (
        period.start - 1 if period is not None else None)
    if year is None or (target.due is not None and year >= target.due):
        return None
    return Baseline(year, target.baseline, target.baseline_source)


def linear(baseline: Baseline, target: Target, year: int) -> Decimal | None:
    """The value a straight line from the baseline to the target needs in ``year``."""
    if target.due is None or target.due <= baseline.year:
        return None
    start, goal = dec(baseline.value), dec(target.value)
    if year <= baseline.year:
        return start
    if year >= target.due:
        return goal
    return start + (goal - start) * (year - baseline.year) / (target.due - baseline.year)


def path(baseline: Baseline | None, target: Target) -> tuple[tuple[int, Decimal], ...]:
    """(year, needed value) from the base year to the due year; empty without a linear path."""
    if baseline is None or target.measure in GROWTH_MEASURES or target.due is None \
            or target.due <= baseline.year:
        return ()
    return tuple((y, linear(baseline, target, y)) for y in range(baseline.year, target.due + 1))  # type: ignore[misc]


def level_state(target: Target, year: int, low: Decimal | None, high: Decimal | None,
                expected: Decimal | None) -> tuple[PaceState, bool]:
    """The state of a level or share read in ``year`` as the interval [low, high], and whether
    it is certain: when the interval straddles a bound the less favourable state is given."""
    goal = reaches(target.op, low, high, dec(target.value))
    if target.due is not None and year >= target.due:
        return (PaceState.MET if goal else PaceState.MISSED), goal is not None
    if goal:
        return PaceState.MET_EARLY, True
    if expected is None:
        return PaceState.NO_BASELINE, goal is not None
    on = reaches(target.op, low, high, expected)
    return (PaceState.ON_TRACK if on else PaceState.BEHIND), on is not None


def compound_state(target: Target, year: int, rates: Iterable[Decimal]) -> PaceState:
    """The state of a growth target from the yearly rates reported so far (in %): on track
    while their compound growth is at least the target rate compounded as many years."""
    rates = list(rates)
    if not rates:
        return PaceState.NO_DATA
    realised = Decimal(1)
    for r in rates:
        realised *= 1 + r / 100
    needed = (1 + dec(target.value) / 100) ** len(rates)
    ok = holds(target.op, realised, needed)
    if target.due is not None and year >= target.due:
        return PaceState.MET if ok else PaceState.MISSED
    return PaceState.ON_TRACK if ok else PaceState.BEHIND


def figure_interval(figure: Figure, target: Target) -> tuple[Decimal | None, Decimal | None]:
    """The values a figure allows, in the target's unit (its qualifier's bounds; exact when none)."""
    def conv(x: float | None) -> Decimal | None:
        return None if x is None else in_unit(x, figure.unit, target.unit)
    if figure.qualifier is None and figure.low is None and figure.high is None:
        v = conv(figure.value)
        return v, v
    return conv(figure.low), conv(figure.high)


def pace_of(target: Target, verdict: Verdict, year: int | None, period: Period | None = None) -> Pace | None:
    """A pending level or share target's figure against its path in ``year``; None when there is
    no baseline, no figure, no due year after ``year``, or a growth rate (no single-year path)."""
    base = baseline_of(target, period)
    if (verdict.status is not Status.PENDING or verdict.figure is None or year is None
            or base is None or target.measure in GROWTH_MEASURES
            or verdict.reason not in VALUE_REASONS or target.due is None or year >= target.due):
        return None
    expected = linear(base, target, year)
    value = in_unit(verdict.figure.value, verdict.figure.unit, target.unit)
    if expected is None or value is None:
        return None
    low, high = figure_interval(verdict.figure, target)
    state, certain = level_state(target, year, low, high, expected)
    if not certain or state not in (PaceState.ON_TRACK, PaceState.BEHIND):
        return None
    return Pace(state=state, expected=shown(expected), value=shown(value), baseline=base)
