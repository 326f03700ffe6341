"""Fit a table's header to its rows: one level, or a top row whose cells span both rows or head a run of the
second row's cells (职务 over 大专院校 … 职务总计; 2020年 over 11月). The words: ipcheck/lang/zh/tables.yaml."""
from __future__ import annotations

from collections.abc import Iterator

from ipcheck.lang.registry import load

_R = load()
_RANK = _R.regex("ZH-TABLE-003")
_TOTAL = _R.regex("ZH-TABLE-004")
_UNIT_CELL = _R.regex("ZH-TABLE-006")
_PERIOD = _R.regex("ZH-TABLE-009")
_HEADER_MAX = 40          # header cells fitted, at most
_STEPS = 5000             # readings tried, at most: a header that takes longer is read with doubt (nothing)

def kind(text: str) -> str:
    """unit, rank, period or noun: what a header cell names."""
    if _UNIT_CELL.fullmatch(text):
        return "unit"
    if _RANK.fullmatch(text):
        return "rank"
    if _PERIOD.fullmatch(text):
        return "period"
    return "noun"



def fit(names: list[str], n: int, top: int | None = None) -> list[tuple[str, str | None]] | None:
    """The header's leaves, left to right, as (group, name or None), fitted to ``n`` columns: one level, or a top
    row whose cells each span both rows or head a run of the second row's cells. None unless exactly one
    reading fits (the ZH-TABLE rules' constraints: a period under a period, a unit alone under a name, a total
    named after its group inside that group, repeated runs one per group)."""
    if not names or len(names) > _HEADER_MAX:
        return None
    found: set[tuple[tuple[str, str | None], ...]] = set()
    steps = [0]
    for k in ([top] if top else range(1, len(names) + 1)):
        for leaves in _Fitter(names[:k], names[k:], n, steps).fits():
            found.add(tuple(leaves))
            if len(found) > 1:
                return None
        if steps[0] > _STEPS:
            return None
    return list(found.pop()) if found else None


class _Fitter:
    """The readings of a two-row header: each top cell spans both rows or heads a run of the low row."""

    def __init__(self, top: list[str], low: list[str], n: int, steps: list[int]) -> None:
        self.top, self.low, self.n, self.steps = top, low, n, steps
        self.block = _repeat(low)

    def fits(self) -> Iterator[list[tuple[str, str | None]]]:
        yield from self._walk(0, 0, [])

    def _walk(self, t: int, p: int, leaves: list[tuple[str, str | None]]) -> Iterator[list[tuple[str, str | None]]]:
        self.steps[0] += 1
        if len(leaves) > self.n or self.steps[0] > _STEPS:
            return
        if t == len(self.top):
            if p == len(self.low) and len(leaves) == self.n:
                yield leaves
            return
        parent = self.top[t]
        if _yearless(parent):
            return                        # 11月 under 2020年: a month heads no column of its own
        if kind(parent) != "unit" and self._spans(parent):
            yield from self._walk(t + 1, p, leaves + [(parent, None)])
        for c in range(1, len(self.low) - p + 1):
            kids = self.low[p:p + c]
            if self._heads(parent, kids):
                yield from self._walk(t + 1, p + c, leaves + [(parent, kid) for kid in kids])

    def _spans(self, parent: str) -> bool:
        """A top cell may span both rows unless a low cell is named after it (职务总计 under 职务)."""
        return not any(_owner(kid, self.top) == parent for kid in self.low)

    def _heads(self, parent: str, kids: list[str]) -> bool:
        kinds = {kind(k) for k in kids}
        pk = kind(parent)
        if len(kinds) > 1 or pk in ("rank", "unit") or "rank" in kinds:
            return False
        if kinds == {"unit"} and (len(kids) > 1 or pk != "noun"):
            return False
        if kinds == {"period"} and pk != "period":
            return False
        if self.block and len(kids) != self.block:
            return False
        for i, kid in enumerate(kids):
            owner = _owner(kid, self.top)
            if owner is not None and (owner != parent or i != len(kids) - 1):
                return False
        return True


def _yearless(text: str) -> bool:
    """A period without its year (11月, 上半年): it sits under the year it is part of."""
    m = _PERIOD.fullmatch(text)
    return m is not None and m.group("year") is None


def _owner(kid: str, top: list[str]) -> str | None:
    """The top cell a low cell is named after as its total (职务总计 → 职务), if any."""
    for parent in top:
        if kind(parent) == "noun" and len(parent) >= 2 and kid != parent and kid.startswith(parent) \
                and _TOTAL.fullmatch(kid[len(parent):]):
            return parent
    return None


def _repeat(low: list[str]) -> int:
    """The size of the run the low row repeats (合计 大专院校 … twice: 5), or 0."""
    for b in range(1, len(low) // 2 + 1):
        if len(low) % b == 0 and all(low[i] == low[i % b] for i in range(len(low))):
            return b
    return 0
