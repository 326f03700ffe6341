"""CSV: one row per plan item, UTF-8 with a BOM and CRLF line ends so Excel opens the
Chinese text correctly; also the table the XLSX report writes."""
from __future__ import annotations

import csv
import io
from typing import Any, Union

from ipcheck.i18n import DEFAULT_LANG, stale_text, status_word, t
from ipcheck.model import Report
from ipcheck.report.annotations import one_line
from ipcheck.report.context import build

Cell = Union[str, int, float, None]

# Column keys in order; each heading is the catalogue's "csv.<key>".
COLUMNS = ("id", "kind", "label", "status", "needs_review", "confidence", "reason", "message",
           "figure_text", "figure_value", "unit", "line", "page", "evidence", "summary", "plan_line",
           "tool_status", "review", "to_write", "pace")

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): such a
# text cell gets a leading apostrophe, which Excel and LibreOffice show as plain text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def headings(lang: str = DEFAULT_LANG) -> list[str]:
    """The column headings in ``lang``."""
    return [t(f"csv.{key}", lang) for key in COLUMNS]


def _row(item: dict[str, Any], ctx: dict[str, Any], lang: str) -> list[Cell]:
    first = item["evidence"][0] if item["evidence"] else None
    figure = item["figure"] or {}
    plan_item = item.get("target") or item.get("task") or {}
    values: dict[str, Cell] = {
        "id": item["id"], "kind": t(f"item_kind.{item['kind']}", lang), "label": one_line(item["label"]),
        "status": status_word(item["status"], lang),
        "needs_review": t("ci.yes" if item["needs_review"] else "ci.no", lang),
        "confidence": round(float(item["confidence"]), 2), "reason": item["reason"],
        "message": one_line(item["message"]),
        "figure_text": figure.get("text"), "figure_value": figure.get("value"), "unit": figure.get("unit"),
        "line": first["line"] if first else None, "page": first["page"] if first else None,
        "evidence": one_line(first["text"]) if first else None,
        "summary": ctx["summary"]["path"], "plan_line": plan_item.get("plan_line"),
        "tool_status": status_word(item["tool_status"], lang), "review": _review(item["review"], lang),
        "to_write": item["to_write"], "pace": item["pace"]["message"] if item["pace"] else None,
    }
    return [values[key] for key in COLUMNS]


def _review(review: dict[str, Any] | None, lang: str) -> str | None:
    """A person's recorded decision in one cell; a stale one says it was not applied."""
    if review is None:
        return None
    text = t("csv.review_text", lang, status=status_word(review["status"], lang), by=review["by"],
             date=review["date"], reason=one_line(review["reason"]))
    if not review["applied"]:
        text += " " + t("csv.review_not_applied", lang, why=stale_text(review["stale"], lang))
    return text


def table(report: Report, lang: str = DEFAULT_LANG) -> tuple[list[str], list[list[Cell]], dict[str, Any]]:
    """(headings, one row of typed cells per item in plan order, the report context)."""
    ctx = build(report, lang)
    return headings(lang), [_row(item, ctx, lang) for item in ctx["items"]], ctx


def safe_text(value: Cell) -> str:
    """A cell as CSV text: numbers as they are, blank for none, text guarded against formulas."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def render(report: Report, lang: str = DEFAULT_LANG) -> str:
    """The report as CSV text (RFC 4180: CRLF, quotes where needed), starting with a BOM."""
    heads, rows, _ = table(report, lang)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in heads])
    writer.writerows([safe_text(v) for v in row] for row in rows)
    return "\ufeff" + out.getvalue()
