"""One workbook for a province: a row per item of every pair of a batch (region, year, plan,
item, target, figure read, status, needs review, owners, evidence line), a totals sheet per
region and per status, and a sheet per responsible unit (责任单位) with its tasks; also as CSV."""
from __future__ import annotations

import csv
import io
from typing import Any, Iterable

from ipcheck.i18n import DEFAULT_LANG, status_word, t
from ipcheck.model import Report
from ipcheck.report.csv_report import Cell, safe_text
from ipcheck.report.context import build

ITEM_COLUMNS = ("region", "year", "plan", "summary", "id", "kind", "item", "metric", "op", "value", "unit", "due",
                "figure", "figure_value", "status", "needs_review", "owners", "line", "evidence", "to_write")
OWNER_COLUMNS = ("region", "year", "plan", "id", "item", "due", "status", "needs_review", "line", "evidence", "to_write")
COUNT_ORDER = ("met", "missed", "unreported", "pending", "needs_review", "total")
WIDE = ("item", "evidence", "to_write")


def _heads(columns: Iterable[str], lang: str) -> list[str]:
    return [t(f"wb.{c}", lang) for c in columns]


def _cells(item: dict[str, Any], ctx: dict[str, Any], lang: str) -> dict[str, Cell]:
    target, task = item.get("target") or {}, item.get("task") or {}
    first = item["evidence"][0] if item["evidence"] else {}
    figure = item.get("figure") or {}
    return {"region": ctx["plan"]["region"], "year": ctx["summary"]["year"], "plan": ctx["plan"]["id"],
            "summary": ctx["summary"]["path"], "id": item["id"], "kind": t(f"item_kind.{item['kind']}", lang),
            "item": item["label"], "metric": target.get("metric"),
            "op": t(f"op.{target['op']}", lang) if target else None, "value": target.get("value"),
            "unit": target.get("unit"), "due": target.get("due") or task.get("due"), "figure": figure.get("text"),
            "figure_value": figure.get("value"), "status": status_word(item["status"], lang),
            "needs_review": t("ci.yes" if item["needs_review"] else "ci.no", lang),
            "owners": t("list.enum", lang).join(task.get("owners") or []) or None,
            "line": first.get("line"), "evidence": " ".join(str(first.get("text", "")).split()) or None,
            "to_write": item.get("to_write")}


def _contexts(reports: Iterable[Report], lang: str) -> list[dict[str, Any]]:
    return [build(r, lang) for r in reports]


def item_rows(contexts: list[dict[str, Any]], lang: str, columns: tuple[str, ...] = ITEM_COLUMNS) -> list[list[Cell]]:
    """One row per item of every report, in batch order then plan order."""
    return [[_cells(item, ctx, lang)[c] for c in columns] for ctx in contexts for item in ctx["items"]]


def _owner_sheets(contexts: list[dict[str, Any]], lang: str) -> list[tuple[str, list[str], list[list[Cell]]]]:
    rows: dict[str, list[list[Cell]]] = {}
    for ctx in contexts:
        for item in ctx["items"]:
            for owner in (item.get("task") or {}).get("owners") or []:
                cells = _cells(item, ctx, lang)
                rows.setdefault(owner, []).append([cells[c] for c in OWNER_COLUMNS])
    return [(t("wb.sheet.owner_prefix", lang, owner=o), _heads(OWNER_COLUMNS, lang), rows[o]) for o in sorted(rows)]


def _count_heads(first: str, lang: str) -> list[str]:
    return [t(first, lang), t("wb.pairs", lang)] + [t("needs_review", lang) if k == "needs_review"
                                                    else t("wb.total", lang) if k == "total" else status_word(k, lang)
                                                    for k in COUNT_ORDER]


def render_xlsx(reports: list[Report], regions: list[dict[str, Any]], statuses: dict[str, int],
                lang: str = DEFAULT_LANG) -> bytes:
    """The workbook: every item, totals per region and per status, a sheet per responsible unit."""
    from ipcheck.report.xlsx import render_sheets
    contexts = _contexts(reports, lang)
    region_rows: list[list[Cell]] = [[r["region"], r["pairs"], *(r["counts"][k] for k in COUNT_ORDER)] for r in regions]
    status_rows: list[list[Cell]] = [[status_word(k, lang) if k not in ("needs_review", "total") else
                                      t("needs_review" if k == "needs_review" else "wb.total", lang), statuses[k]]
                                     for k in COUNT_ORDER]
    sheets = [(t("wb.sheet.items", lang), _heads(ITEM_COLUMNS, lang), item_rows(contexts, lang)),
              (t("wb.sheet.regions", lang), _count_heads("wb.region", lang), region_rows),
              (t("wb.sheet.statuses", lang), [t("wb.status", lang), t("wb.count", lang)], status_rows),
              *_owner_sheets(contexts, lang)]
    return render_sheets(sheets, title=t("index.title", lang), wide=frozenset(_heads(WIDE, lang)))


def render_csv(reports: list[Report], lang: str = DEFAULT_LANG) -> str:
    """Every item of every pair, one row each: UTF-8 with a BOM and CRLF, formulas guarded."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_heads(ITEM_COLUMNS, lang))
    writer.writerows([safe_text(v) for v in row] for row in item_rows(_contexts(reports, lang), lang))
    return "\ufeff" + out.getvalue()
