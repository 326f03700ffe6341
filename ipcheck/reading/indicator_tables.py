"""Read a table of indicators written one row per line with | between cells: every number a Figure.

A summary or a self-check report often states its results as a table whose rows are indicators and whose
columns say what each number is (指标 | 目标值 | 完成值 | 完成率, or 指标 | 2020年 | 2019年 | 同比增长). The
header opens with 指标/项目 (ZH-TABLE-013) and every other header cell names its column's kind
(ZH-TABLE-014) or a year; each following row with as many cells is an indicator: its label is the
quantity (the unit in brackets after it: 专利申请量(件)), each number a figure of its column's kind —
a target never an actual, a completion rate a lead. A header with any other cell, or a row of another
length, ends the table; nothing is guessed.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ipcheck.lang.registry import load
from ipcheck.model import Figure, FigureKind, Sentence
from ipcheck.reading.tables import NUMBER, cells
from ipcheck.units import UNITS

_R = load()
_FIRST = _R.regex("ZH-TABLE-013")
_COLUMN = _R.table("ZH-TABLE-014")
_YEAR = _R.regex("ZH-YEAR-001")
_LABEL_UNIT = re.compile(r"^(?P<name>[^()]+)\((?P<unit>[^()]+)\)$")
_KINDS = {"target": FigureKind.TARGET, "level": FigureKind.LEVEL, "completion": FigureKind.COMPLETION,
          "growth": FigureKind.GROWTH}


def _column(key: str) -> tuple[FigureKind, int | None] | None:
    """(kind, year) of a header cell: a named column (ZH-TABLE-014) or a year's (2020年); None otherwise."""
    if key in _COLUMN:
        return _KINDS[str(_COLUMN[key])], None
    m = _YEAR.fullmatch(key)
    return (FigureKind.LEVEL, int(m.group(1))) if m else None


def read_indicator_tables(sentences: tuple[Sentence, ...]) -> dict[int, tuple[Figure, ...]]:
    """The figures of every table of indicators, keyed by sentence index (its header line too, with none)."""
    out: dict[int, tuple[Figure, ...]] = {}
    i = 0
    while i < len(sentences):
        if "|" not in sentences[i].norm:          # a header is one row of cells: most lines are none
            i += 1
            continue
        head = cells(sentences[i])
        columns = [_column(c.key) for c in head[1:]] if len(head) >= 3 and _FIRST.fullmatch(head[0].key) else []
        if not columns or any(c is None for c in columns):
            i += 1
            continue
        out[sentences[i].index] = ()
        i += 1
        while i < len(sentences):
            row = _row(sentences[i], head, columns)     # type: ignore[arg-type]
            if row is None:
                break
            out[sentences[i].index] = row
            i += 1
    return out


def _row(s: Sentence, head: list, columns: list[tuple[FigureKind, int | None]]) -> tuple[Figure, ...] | None:
    """The figures of one indicator row, or None when the line is no row of the table."""
    row = cells(s)
    if len(row) != len(head) or NUMBER.fullmatch(row[0].key):     # as many cells as the header (3 or more)
        return None
    m = _LABEL_UNIT.match(row[0].key)
    name, unit = (m.group("name"), m.group("unit")) if m else (row[0].key, "")
    unit = unit if unit in UNITS else ""
    out = []
    for cell, (kind, year), h in zip(row[1:], columns, head[1:]):
        if not NUMBER.fullmatch(cell.key):
            continue
        text = cell.key
        try:
            value = Decimal(text.rstrip("%").replace(",", ""))
        except InvalidOperation:
            continue
        cell_unit = "%" if text.endswith("%") or kind in (FigureKind.COMPLETION, FigureKind.GROWTH) else unit
        out.append(Figure(value=value, unit=cell_unit, kind=kind, quantity=name, text=s.text[cell.start:cell.end],
                          start=cell.start, end=cell.end, year=year, row=h.key))
    return tuple(out)
