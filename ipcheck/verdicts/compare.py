"""Compare a figure with a target: the interval of values the figure allows, in the target's unit, exact."""
from __future__ import annotations

from decimal import Decimal

from ipcheck.model import Figure, FigureKind, Op, Target
from ipcheck.units import convert, exact


def within(figure: Figure, target: Target) -> tuple[Decimal | None, Decimal | None]:
    """The interval of values the figure allows, in the target's unit (a decrease negated), exact."""
    lo = figure.low if figure.low is not None or figure.qualifier else figure.value
    hi = figure.high if figure.high is not None or figure.qualifier else figure.value
    if figure.kind is FigureKind.DECREASE:
        lo, hi = (-hi if hi is not None else None), (-lo if lo is not None else None)
    lo = convert(lo, figure.unit, target.unit) if lo is not None else None
    hi = convert(hi, figure.unit, target.unit) if hi is not None else None
    return lo, hi


_HOLDS = {
    Op.GE: lambda x, v: x >= v, Op.GT: lambda x, v: x > v,
    Op.LE: lambda x, v: x <= v, Op.LT: lambda x, v: x < v,
    Op.EQ: lambda x, v: x == v,                 # exact decimals: equal means equal
}


def compare(figure: Figure, target: Target) -> bool | None:
    """True if every value the figure allows meets the target, False if none does, else None."""
    lo, hi = within(figure, target)
    value = exact(target.value)              # a caller's float made exact (1.2 is 1.2, not 1.19999…)
    holds = _HOLDS[target.op]
    ends = [x for x in (lo, hi) if x is not None]
    if not ends:
        return None
    results = {holds(x, value) for x in ends}
    if lo is None or hi is None:
        # Half-open interval: only the closed end can decide, and only in one direction.
        x = ends[0]
        if lo is not None and target.op in (Op.GE, Op.GT):
            return True if holds(x, value) else None
        if hi is not None and target.op in (Op.LE, Op.LT):
            return True if holds(x, value) else None
        if lo is not None and target.op in (Op.LE, Op.LT):
            return False if not holds(x, value) else None
        if hi is not None and target.op in (Op.GE, Op.GT):
            return False if not holds(x, value) else None
        return None
    return results.pop() if len(results) == 1 else None
