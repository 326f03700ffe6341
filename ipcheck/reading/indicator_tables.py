"""Read a table of indicators written one row per line (| or tabs between cells): every number a Figure.

A summary or a self-check report often states its results as a table whose rows are indicators and whose
columns say what each number is (指标 | 目标值 | 完成值 | 完成率, 指标 | 2020年 | 2019年 | 同比增长, 序号 |
指标或任务 | 目标值 | 完成值 | 完成情况). The header opens with 指标/项目 (ZH-TABLE-013), after a 序号 column
if any (ZH-TABLE-002), and every other header cell names its column's kind (ZH-TABLE-014), a year or a year
and a kind (2019年实际, ZH-TABLE-015); each following row with as many cells is an indicator: its label is
the quantity (the unit in brackets after it: 专利申请量(件)), each number a figure of its column's kind and
year — a target never an actual, another year's actual never the report year's, a completion rate a lead.
A self-check mark (完成情况: 未完成) that says otherwise than the row's own target and actual puts a warning
on the actual (ZH-TABLE-016). A header with any other cell, or a row of another length, ends the table;
nothing is guessed.
"""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from ipcheck.errors import msg
from ipcheck.lang.registry import load
from ipcheck.model import Figure, FigureKind, Sentence
from ipcheck.reading.tables import CELL_MAX, NUMBER, SEPARATOR, cells
from ipcheck.units import UNITS

_R = load()
_FIRST = _R.regex("ZH-TABLE-013")
_INDEX = _R.regex("ZH-TABLE-002")
_COLUMN = _R.table("ZH-TABLE-014")
_YEARED = _R.regex("ZH-TABLE-015")
_MARKS = _R.table("ZH-TABLE-016")
_YEAR = _R.regex("ZH-YEAR-001")
_DASH = re.compile(r"[-—–/]{1,2}")         # an empty number cell
_LABEL_UNIT = re.compile(r"^(?P<name>[^()]+)\((?P<unit>[^()]+)\)$")
_KINDS = {"target": FigureKind.TARGET, "level": FigureKind.LEVEL, "completion": FigureKind.COMPLETION,
          "growth": FigureKind.GROWTH, "mark": None}
_Col = tuple[FigureKind | None, int | None]     # (kind, year); kind None: a column of self-check marks


def _column(key: str) -> _Col | None:
    """(kind, year) of a header cell: a named column (ZH-TABLE-014), a year's (2020年) or a year's named
    column (2019年实际, ZH-TABLE-015); None otherwise."""
    if key in _COLUMN:
        return _KINDS[str(_COLUMN[key])], None
    m = _YEAR.fullmatch(key)
    if m:
        return FigureKind.LEVEL, int(m.group(1))
    m = _YEARED.fullmatch(key)
    if m and m.group("kind") in _COLUMN and _KINDS[str(_COLUMN[m.group("kind")])] is not None:
        return _KINDS[str(_COLUMN[m.group("kind")])], int(m.group("year"))
    return None


def _header(s: Sentence) -> tuple[list, list[_Col], bool] | None:
    """(header cells, their columns, whether a 序号 column leads) of a header line, or None."""
    head = cells(s)
    indexed = len(head) > 1 and bool(_INDEX.fullmatch(head[0].key))
    head = head[1:] if indexed else head
    if len(head) < 3 or not _FIRST.fullmatch(head[0].key):
        return None
    columns = [_column(c.key) for c in head[1:]]
    if any(c is None for c in columns) or all(c[0] is None for c in columns):   # type: ignore[index]
        return None
    return head, columns, indexed       # type: ignore[return-value]


def read_indicator_tables(sentences: tuple[Sentence, ...]) -> dict[int, tuple[Figure, ...]]:
    """The figures of every table of indicators, keyed by sentence index (its header line too, with none)."""
    out: dict[int, tuple[Figure, ...]] = {}
    i = 0
    while i < len(sentences):
        found = _header(sentences[i]) if SEPARATOR.search(sentences[i].norm) else None   # most lines are no header
        if found is None:
            flat = _flat(sentences, i) if len(sentences[i].norm) <= CELL_MAX else None
            if flat is not None:
                out.update(flat[0])
                i = flat[1]
            else:
                i += 1
            continue
        head, columns, indexed = found
        out[sentences[i].index] = ()
        i += 1
        while i < len(sentences):
            row = _row(sentences[i], head, columns, indexed)
            if row is None:
                break
            out[sentences[i].index] = row
            i += 1
    return out


def _flat(sentences: tuple[Sentence, ...], i: int) -> tuple[dict[int, tuple[Figure, ...]], int] | None:
    """({sentence index: figures}, index after the table) of a table flattened one cell per line whose
    header opens on line ``i`` (序号 / 指标 / 目标值 / 完成值 / 完成情况, then per row its label and one line per
    cell), or None. A row whose number cell holds words, or that runs out of lines, ends the table."""
    lines = []
    for s in sentences[i:]:
        row = cells(s)
        if len(row) != 1 or len(row[0].key) > CELL_MAX or (lines and s.line - lines[-1][0].line > 1):
            break
        lines.append((s, row[0]))
    keys = [c.key for _, c in lines]
    indexed = bool(keys) and bool(_INDEX.fullmatch(keys[0]))
    h = 1 if indexed else 0
    if len(keys) <= h or not _FIRST.fullmatch(keys[h]):
        return None
    columns: list[_Col] = []
    while h + 1 + len(columns) < len(keys) and (col := _column(keys[h + 1 + len(columns)])) is not None:
        columns.append(col)
    if len(columns) < 2 or all(c[0] is None for c in columns):
        return None
    head = [c for _, c in lines[h:h + 1 + len(columns)]]
    k = h + 1 + len(columns)
    out: dict[int, tuple[Figure, ...]] = {s.index: () for s, _ in lines[:k]}
    width = len(columns) + 1 + (1 if indexed else 0)
    while k + width <= len(lines):
        part = lines[k:k + width]
        if indexed and not NUMBER.fullmatch(part[0][1].key):
            break
        part = part[1:] if indexed else part
        if not _flat_row(part, columns):
            break
        figures = _cells_row([c for _, c in part], head, columns)
        for s, _ in lines[k:k + width]:
            out[s.index] = tuple(f for f, on in figures if on is s)
        k += width
    return (out, i + k) if k > h + 1 + len(columns) else None


def _flat_row(part: list, columns: list[_Col]) -> bool:
    """Whether the lines of one flattened row fit the columns: a label, then in each number column a number or a
    dash, in each mark column a mark."""
    label = part[0][1].key
    if NUMBER.fullmatch(label) or _column(label) is not None or _FIRST.fullmatch(label):
        return False
    for (_, cell), (kind, _) in zip(part[1:], columns):
        if kind is None and (NUMBER.fullmatch(cell.key) or cell.key not in _MARKS):
            return False
        if kind is not None and not (NUMBER.fullmatch(cell.key) or _DASH.fullmatch(cell.key)):
            return False
    return True


def _row(s: Sentence, head: list, columns: list[_Col], indexed: bool) -> tuple[Figure, ...] | None:
    """The figures of one indicator row, or None when the line is no row of the table."""
    row = cells(s, empty=True)
    if s.norm.strip().startswith("|") and row and not row[0].key:
        row = row[1:]                     # | 专利申请量 | 2 | 1.8 |: the pipes at the ends open and close no cell
    if s.norm.strip().endswith("|") and row and not row[-1].key:
        row = row[:-1]
    if indexed:
        if len(row) != len(head) + 1 or not NUMBER.fullmatch(row[0].key):
            return None
        row = row[1:]
    if len(row) != len(head) or not row[0].key or NUMBER.fullmatch(row[0].key):   # as many cells as the header
        return None
    return tuple(f for f, _ in _cells_row(row, head, columns))


def _cells_row(row: list, head: list, columns: list[_Col]) -> list[tuple[Figure, Sentence]]:
    """The figures of one row's cells (its label first), each with the line it is on and quoted from it."""
    m = _LABEL_UNIT.match(row[0].key)
    name, unit = (m.group("name"), m.group("unit")) if m else (row[0].key, "")
    unit = unit if unit in UNITS else ""
    out: list[Figure] = []
    where: list[Sentence] = []
    mark = ""
    for cell, (kind, year), h in zip(row[1:], columns, head[1:]):
        if kind is None:
            mark = cell.key
            continue
        if not NUMBER.fullmatch(cell.key):
            continue
        text = cell.key
        try:
            value = Decimal(text.rstrip("%").replace(",", ""))
        except InvalidOperation:
            continue
        cell_unit = "%" if text.endswith("%") or kind in (FigureKind.COMPLETION, FigureKind.GROWTH) else unit
        on = cell.sentence
        out.append(Figure(value=value, unit=cell_unit, kind=kind, quantity=name, text=on.text[cell.start:cell.end],
                          start=cell.start, end=cell.end, year=year, row=h.key))
        where.append(on)
    return list(zip(_marked(tuple(out), mark), where))


def _marked(figures: tuple[Figure, ...], mark: str) -> tuple[Figure, ...]:
    """The row's figures, its actuals with a warning when its self-check mark says otherwise (ZH-TABLE-016):
    未完成 while an actual reaches the row's target (or with no target to compare), 完成 while it falls short."""
    said = _MARKS.get(mark)
    if said is None:
        return figures
    targets = [f.value for f in figures if f.kind is FigureKind.TARGET]
    levels = [f for f in figures if f.kind is FigureKind.LEVEL]
    reached = bool(targets) and all(f.value >= max(targets) for f in levels)
    short = bool(targets) and all(f.value < min(targets) for f in levels)
    if (said == "undone" and not short) or (said == "done" and not reached):
        warning = msg("warning.table_mark", mark=mark)
        return tuple(replace(f, warnings=f.warnings + (warning,)) if f.kind is FigureKind.LEVEL else f
                     for f in figures)
    return figures
