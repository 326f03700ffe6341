"""Read a table flattened one cell per line (or one row per line with | between cells): every cell a Figure.

A statistics release copied from a web page keeps its table as a header block (地区 / 发明 / 实用新型 …,
each cell on its own line) and then, per row, its label and one number per line. Here the header is
found (ZH-TABLE-001), fitted to the rows' cell count as one or two levels (a group over its columns:
职务 over 大专院校 … 职务总计; a year over a month), and each cell becomes a figure: quantity = its
column, unit = the column's or the table's, ``row``/``whose`` = its row label (a total row is the
table's whole), year and part of year = the column's or the title's. A table read with doubt (a
header that fits the rows in no way or in several, a row with a cell too many or too few) yields
nothing. The words are data: ipcheck/lang/zh/tables.yaml.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ipcheck.errors import Message, msg
from ipcheck.lang.registry import load
from ipcheck.model import Figure, FigureKind, Sentence
from ipcheck.reading.table_header import fit, kind
from ipcheck.units import UNITS

_R = load()
_ROW_HEADER = _R.regex("ZH-TABLE-001")
_INDEX = _R.regex("ZH-TABLE-002")
_TOTAL = _R.regex("ZH-TABLE-004")
_UNIT_LINE = _R.regex("ZH-TABLE-005")
_UNIT_CELL = _R.regex("ZH-TABLE-006")
_TITLE_END = _R.regex("ZH-TABLE-007")
_TITLE_PERIOD = _R.regex("ZH-TABLE-008")
_PERIOD = _R.regex("ZH-TABLE-009")
_DEFAULT_UNIT = _R.table("ZH-TABLE-010")
_TITLE_REGION = _R.regex("ZH-TABLE-011")
_GLOSS = _R.regex("ZH-TABLE-012")
_CUMULATIVE = _R.regex("ZH-BIND-004")

NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?%?")   # a number cell (1,234, 117.8%, -6.0%)
_EMPTY = re.compile(r"-{1,2}|/|\.{2,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_BLANKS = re.compile(r"\s+")
SEPARATOR = re.compile(r"[|\t]")     # between the cells of a row written on one line
CELL_MAX = 30            # a cell longer than this is prose: the table ends
_TITLE_BACK = 6           # how many sentences before the header a title is looked for
_GAP = 3                  # lines between two cells of one table, at most (blank lines between cells)
_MARK = " \u00b7 "        # between a row's label and a column's name in a quote
CUMULATIVE = msg("warning.cumulative")
WHOLE = msg("warning.table_whole")     # a total row of a table whose title names no region


@dataclass(frozen=True)
class Cell:
    """One cell: the sentence (line) it is on, its offsets there, and its key (blanks and gloss removed)."""

    sentence: Sentence
    start: int
    end: int
    key: str

    @property
    def number(self) -> bool:
        return bool(NUMBER.fullmatch(self.key) or _EMPTY.fullmatch(self.key))


@dataclass(frozen=True)
class Column:
    """What the cells under one leaf of the header are: quantity, unit, year, part-of-year and notes."""

    quantity: str
    unit: str
    year: int | None
    warnings: tuple[Message, ...]


def key(text: str) -> str:
    """A cell's text as the rules read it: no English gloss (地区 regions), no blanks (地 区)."""
    return _BLANKS.sub("", _GLOSS.sub("", text))


def cells(s: Sentence, empty: bool = False) -> list[Cell]:
    """The non-empty cells of a sentence (with ``empty``, the empty ones too): split at | or at tabs (a row
    written on one line), else the whole line."""
    out, pos = [], 0
    for part in SEPARATOR.split(s.norm):
        k = key(part)
        if k or empty:
            lead = len(part) - len(part.lstrip())
            out.append(Cell(s, pos + lead, pos + len(part.rstrip()), k))
        pos += len(part) + 1
    return out


def read_tables(sentences: tuple[Sentence, ...]) -> dict[int, tuple[Figure, ...]]:
    """The figures of every table cell, keyed by sentence index; every sentence of a table read is a
    key (with no figures for its header and title lines), so no prose reading is added to it."""
    out: dict[int, tuple[Figure, ...]] = {}
    i = 0
    while i < len(sentences):
        first = cells(sentences[i])[:1] if len(sentences[i].norm) <= 2 * CELL_MAX else []
        if first and (_ROW_HEADER.fullmatch(first[0].key) or _INDEX.fullmatch(first[0].key)):
            found = _Table(sentences, i).read()
            if found is not None:
                out.update(found[0])
                i = found[1]
                continue
        i += 1
    return out


def quote(figure: Figure) -> tuple[str, tuple[int, int]] | None:
    """How a table cell is quoted as evidence: '长沙市 · 有效发明专利 32981' and the span of the number in it."""
    if figure.row is None:
        return None
    head = f"{figure.row}{_MARK}{figure.quantity} "
    return head + figure.text, (len(head), len(head) + len(figure.text))


class _Table:
    """One table from its header's first cell: title, header cells, rows; ``read()`` fits and reads it."""

    def __init__(self, sentences: tuple[Sentence, ...], opens: int) -> None:
        self.sentences, self.opens = sentences, opens
        self.title = _title(sentences, opens)
        self.unit = ""

    def read(self) -> tuple[dict[int, tuple[Figure, ...]], int] | None:
        """({sentence index: figures}, index after the table), or None when it is no table or read with doubt."""
        lines = self._lines()
        header, rows, end = self._split(lines)
        if not rows:
            return None
        counts = Counter(len(values) for _, values in rows)
        n = counts.most_common(1)[0][0]
        leaves = fit([c.key for row in header for c in row], n, _first_row_line(header))
        if leaves is None:
            return None
        columns = [self._column(parent, child) for parent, child in leaves]
        out: dict[int, tuple[Figure, ...]] = {self.sentences[j].index: () for j in range(self.opens, end)}
        ranks = sum(1 for _ in _trailing(leaves, lambda leaf: kind(leaf[0]) == "rank"))
        for label, values in rows:
            if len(values) != n and not (ranks and len(values) == n - ranks):
                continue                  # a cell too many or too few: which column is which is a guess
            for cell, column in zip(values, columns):
                fig = self._figure(label, cell, column)
                if fig is not None:
                    out[cell.sentence.index] = out.get(cell.sentence.index, ()) + (fig,)
        return out, end

    def _lines(self) -> list[list[Cell]]:
        """The cells of each sentence from the header on, until prose or a gap in the lines."""
        out: list[list[Cell]] = []
        last = self.sentences[self.opens].line
        for s in self.sentences[self.opens:]:
            row = cells(s)
            if s.line - last > _GAP or any(len(c.key) > CELL_MAX for c in row):
                break
            if row:                       # a line of empty cells (|) is skipped
                last = s.line
                out.append(row)
        return out

    def _after(self, row: list[Cell]) -> int:
        """The position in the sentences after the line of ``row``."""
        index = row[0].sentence.index
        return next(k for k in range(self.opens, len(self.sentences)) if self.sentences[k].index == index) + 1

    def _split(self, lines: list[list[Cell]]) -> tuple[list[list[Cell]], list[tuple[Cell, list[Cell]]], int]:
        """(header lines, rows as (label, values), sentence index after the table)."""
        for h, row in enumerate(lines):
            if len(row) > 1 and sum(c.number for c in row) >= 2 and not row[0].number:
                body = _pipe_rows_lines(lines[h:])
                return self._header(lines[:h]), _pipe_rows(body), self._after(body[-1])
            if len(row) == 1 and row[0].number:
                return self._flat(lines, h)
        return [], [], self.opens

    def _flat(self, lines: list[list[Cell]], h: int) -> tuple[list[list[Cell]], list[tuple[Cell, list[Cell]]], int]:
        """Split a table flattened one cell per line whose first number is on line ``h``."""
        indexed = any(_INDEX.fullmatch(c.key) for row in lines[:h] for c in row)
        if not indexed:
            h -= 1                        # the line before the first number is the first row's label
        if h < 1 or (not indexed and lines[h][0].number):
            return [], [], self.opens
        flat = []
        for row in lines[h:]:
            if len(row) > 1:
                break
            flat.append(row[0])
        rows, used = _flat_rows(flat, indexed)
        return self._header(lines[:h]), rows, (self._after([flat[used - 1]]) if rows else self.opens)

    def _header(self, lines: list[list[Cell]]) -> list[list[Cell]]:
        """The header lines without the row-label and index headers, a unit line read as the table's unit."""
        out = []
        for row in lines:
            kept = []
            for c in row:
                m = _UNIT_LINE.fullmatch(c.key)
                if m and _known_unit(m.group("unit")):
                    self.unit = m.group("unit")
                elif not (_ROW_HEADER.fullmatch(c.key) or _INDEX.fullmatch(c.key)):
                    kept.append(c)
            if kept:
                out.append(kept)
        return out

    def _column(self, parent: str, child: str | None) -> Column | None:
        """The column under ``parent`` (and ``child``): None for a rank column or one without a unit."""
        names = [parent] + ([child] if child else [])
        if any(kind(x) == "rank" for x in names):
            return None
        unit = next((u for x in names if (u := _inner_unit(x))), "")
        nouns = [_without_unit(x) for x in names if kind(x) == "noun"]
        quantity = _join(nouns) if nouns else self.title.subject
        unit = unit or self.unit or _unit_for(self.title.subject + quantity)
        if not quantity or not unit:
            return None
        year, month, said = self.title.year, self.title.month, self.title.month_word
        for x in names:
            m = _PERIOD.fullmatch(x)
            if m:
                year = int(m.group("year")) if m.group("year") else year
                month = int(m.group("month")) if m.group("month") else (month if m.group("year") else 0)
                said = x if not m.group("year") else said
        warnings = []
        if month is not None and month < 12:
            warnings.append(msg("warning.partial_period", text=said))
        if any(_CUMULATIVE.search(x) for x in names):
            warnings.append(CUMULATIVE)
        return Column(quantity, unit, year, tuple(warnings))

    def _figure(self, label: Cell, cell: Cell, column: Column | None) -> Figure | None:
        """The figure of one cell, or None for an empty cell, a percentage or a column not read."""
        if column is None or _EMPTY.fullmatch(cell.key) or cell.key.endswith("%"):
            return None
        try:
            value = Decimal(cell.key.replace(",", ""))
        except InvalidOperation:
            return None
        whose, warnings = label.key, column.warnings
        if _TOTAL.fullmatch(label.key):
            whose = self.title.region
            if not whose:
                warnings = warnings + (WHOLE,)
        s = cell.sentence
        return Figure(value=value, unit=column.unit, kind=FigureKind.LEVEL, quantity=column.quantity,
                      text=s.text[cell.start:cell.end], start=cell.start, end=cell.end, low=value, high=value,
                      warnings=warnings, year=column.year, row=label.key, whose=whose)


@dataclass(frozen=True)
class Title:
    """A table's title as read: what it counts, the region it names, its year and month."""

    subject: str = ""
    region: str = ""
    year: int | None = None
    month: int | None = None
    month_word: str = ""          # the month as written (11月)


def _title(sentences: tuple[Sentence, ...], opens: int) -> Title:
    """The nearest line before the header ending like a title (ZH-TABLE-007), read."""
    for s in reversed(sentences[max(0, opens - _TITLE_BACK):opens]):
        first = cells(s)[:1]
        end = _TITLE_END.search(first[0].key) if first else None
        if end is None:
            continue
        text = first[0].key[:end.start()]
        year = month = None
        word = ""
        m = _TITLE_PERIOD.match(text)
        if m:
            year = int(m.group("year"))
            if m.group("month"):
                month, word = int(m.group("month")), text[m.start("month"):m.end()]
            text = text[m.end():]
        text = text.lstrip("0123456789.")
        r = _TITLE_REGION.match(text)
        region = r.group(0) if r else ""
        return Title(text[len(region):], region, year, month, word)
    return Title()


def _inner_unit(text: str) -> str:
    """The unit a header cell states: all of it ((万人)) or at its end (常住人口(万人)), if known."""
    m = _UNIT_CELL.search(text)
    return m.group("unit") if m and m.end() == len(text) and _known_unit(m.group("unit")) else ""


def _without_unit(text: str) -> str:
    m = _UNIT_CELL.search(text)
    return text[:m.start()] if m and m.end() == len(text) and m.start() > 0 else text


def _known_unit(unit: str) -> bool:
    """A unit ipcheck knows (万人), or a rate of two it knows (件/万人)."""
    return unit in UNITS or (unit.count("/") == 1 and all(p in UNITS for p in unit.split("/")))


def _unit_for(subject: str) -> str:
    return next((u for word, u in _DEFAULT_UNIT.items() if word in subject), "")


def _join(nouns: list[str]) -> str:
    """A column's name from its group's and its own: 职务 + 职务总计 is 职务总计, 发明专利 + 授权量 is 发明专利授权量,
    总累计 + 合计 is 总累计."""
    if len(nouns) == 1:
        return nouns[0]
    parent, child = nouns
    if child.startswith(parent):
        return child
    return parent if _TOTAL.fullmatch(child) else parent + child


def _trailing(items: list, pred):  # type: ignore[no-untyped-def]
    """The items at the end of ``items`` for which ``pred`` holds, last first."""
    for item in reversed(items):
        if not pred(item):
            return
        yield item


def _first_row_line(header: list[list[Cell]]) -> int | None:
    """How many cells the header's first row has, when a line of several cells shows it (a | header)."""
    count = 0
    for row in header:
        count += len(row)
        if len(row) > 1:
            return count
    return None


def _pipe_rows_lines(lines: list[list[Cell]]) -> list[list[Cell]]:
    """The lines of a | table's body: while they hold a label and numbers (a gloss row counts)."""
    out = []
    for row in lines:
        if len(row) < 2 or row[0].number or not all(c.number for c in row[1:]):
            break
        out.append(row)
    return out


def _pipe_rows(lines: list[list[Cell]]) -> list[tuple[Cell, list[Cell]]]:
    """(label, values) of each row whose label is Chinese (an English gloss row is the shares of the one above)."""
    return [(row[0], row[1:]) for row in _pipe_rows_lines(lines) if _CJK.search(row[0].key)]


def _flat_rows(flat: list[Cell], indexed: bool) -> tuple[list[tuple[Cell, list[Cell]]], int]:
    """(label, values) of each row of a flattened table and how many lines they take: a label line, then its
    numbers; with a 序号 column the number before each label is the row's index, not the row above's value."""
    rows: list[tuple[Cell, list[Cell]]] = []
    used = 0
    k = 1 if indexed else 0
    while k < len(flat) and not flat[k].number:
        label, values = flat[k], []
        k += 1
        while k < len(flat) and flat[k].number:
            values.append(flat[k])
            k += 1
        if indexed and k < len(flat) and values:
            values.pop()                  # the next row's index
        if not values:
            break
        rows.append((label, values))
        used = k
    return rows, used
