"""XLSX: the CSV's rows as a workbook (header bold and frozen, widths fit for Chinese) plus a
sheet of counts. Written with XlsxWriter, byte-identical across runs (fixed document dates;
XlsxWriter already stamps every zip member 1980-01-01)."""
from __future__ import annotations

import datetime
import io

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from ipcheck.i18n import DEFAULT_LANG, display_width, status_word, t
from ipcheck.model import Report
from ipcheck.report.context import STATUS_ORDER
from ipcheck.report.csv_report import COLUMNS, Cell, table

# The workbook's created date: a constant, so the same report is the same file (a run's
# clock is not part of the result).
FIXED_DATE = datetime.datetime(2000, 1, 1)
MIN_WIDTH, MAX_WIDTH = 6, 60
WIDE = {"label": 30, "message": 40, "evidence": 50, "review": 40, "to_write": 40, "pace": 30}   # minimum widths of the prose columns


def _width(key: str, heading: str, cells: list[Cell]) -> int:
    widest = max([display_width(heading)] + [display_width(str(c)) for c in cells if c is not None])
    return max(WIDE.get(key, MIN_WIDTH), min(MAX_WIDTH, widest + 2))


def _write(sheet: Worksheet, row: int, col: int, value: Cell, fmt: Format | None = None) -> None:
    # write_string, never write(): a text starting with "=" must stay text, not a formula.
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def _open(title: str) -> tuple[io.BytesIO, xlsxwriter.Workbook, dict[str, Format]]:
    """A workbook writing to memory, fixed properties (same rows, same bytes), and its formats."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"title": title, "author": "ipcheck", "created": FIXED_DATE})
    fmt = {"bold": book.add_format({"bold": True}), "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
           "top": book.add_format({"valign": "top"})}
    return out, book, fmt


def _fill(sheet: Worksheet, heads: list[str], rows: list[list[Cell]], widths: list[int], wrapped: list[bool],
          fmt: dict[str, Format]) -> None:
    """A sheet of rows under a bold, frozen, filtered header; columns as wide as given, wrapped ones wrap."""
    for col, heading in enumerate(heads):
        _write(sheet, 0, col, heading, fmt["bold"])
        sheet.set_column(col, col, widths[col], fmt["wrap"] if wrapped[col] else fmt["top"])
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            _write(sheet, r, col, value)
    sheet.freeze_panes(1, 0)
    if rows:
        sheet.autofilter(0, 0, len(rows), len(heads) - 1)


def render(report: Report, lang: str = DEFAULT_LANG) -> bytes:
    """The report as an XLSX workbook's bytes."""
    heads, rows, ctx = table(report, lang)
    out, book, fmt = _open(str(ctx["plan"]["title"] or ctx["plan"]["id"]))
    bold = fmt["bold"]
    _fill(book.add_worksheet(t("ci.sheet_items", lang)), heads, rows,
          [_width(COLUMNS[c], h, [r[c] for r in rows]) for c, h in enumerate(heads)],
          [COLUMNS[c] in WIDE for c in range(len(heads))], fmt)

    counts = book.add_worksheet(t("ci.sheet_counts", lang))
    lines = [(status_word(s, lang), ctx["counts"].get(s, 0)) for s in STATUS_ORDER]
    lines += [(t("needs_review", lang), ctx["counts"].get("needs_review", 0)),
              (t("ci.total", lang), ctx["counts"].get("total", len(rows)))]
    _write(counts, 0, 0, t("csv.status", lang), bold)
    _write(counts, 0, 1, t("ci.count", lang), bold)
    for r, (word, n) in enumerate(lines, start=1):
        _write(counts, r, 0, word)
        _write(counts, r, 1, n)
    counts.set_column(0, 0, max(display_width(w) for w, _ in lines) + 4)
    counts.set_column(1, 1, 10)
    book.close()
    return out.getvalue()


# --------------------------------------------------------------------------------------
# any table of rows as a workbook (progress, the batch workbook)
# --------------------------------------------------------------------------------------

Sheet = tuple[str, list[str], list[list[Cell]]]     # (sheet name, headings, rows)


def _sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\ (Excel's rules)."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or "sheet"
    base, n = clean[:31], 2
    while base.lower() in used:
        suffix = f"~{n}"
        base, n = clean[:31 - len(suffix)] + suffix, n + 1
    used.add(base.lower())
    return base


def render_sheets(sheets: list[Sheet], title: str, wide: frozenset[str] = frozenset()) -> bytes:
    """Workbook bytes with one sheet per (name, headings, rows): header bold and frozen, a
    filter, widths fit for Chinese; columns whose heading is in ``wide`` wrap. Same rows, same bytes."""
    out, book, fmt = _open(title)
    used: set[str] = set()
    for name, heads, rows in sheets:
        widths = [max(30 if h in wide else MIN_WIDTH,
                      min(MAX_WIDTH, max([display_width(h)] + [display_width(str(r[c])) for r in rows
                                                                if r[c] is not None]) + 2))
                  for c, h in enumerate(heads)]
        _fill(book.add_worksheet(_sheet_name(name, used)), heads, rows, widths, [h in wide for h in heads], fmt)
    book.close()
    return out.getvalue()
