"""What to write: for an unreported or missed item, the sentence a staffer must add to the
summary, in the summary's own terms ("写明2015年全市专利申请量的实际数（目标 ≥ 370件）").

Built from the item's reason code and the plan item (metric, target, title, owners), the
summary's year and the plan's region; every word comes from the catalogue."""
from __future__ import annotations

from typing import Any

from ipcheck.i18n import DEFAULT_LANG, t

WRITE_STATUSES = ("unreported", "missed")
# Reasons where the figure the summary gives is not this year's actual: the catalogue says why.
_WHY_TARGET = frozenset({"target.only_in_next_plan", "target.only_in_problems", "target.only_in_front",
                         "target.only_in_links", "target.only_elsewhere", "target.only_as_target", "target.only_as_intention", "target.other_year",
                         "target.multi_year"})
_SCOPES = "市县区州省旗"


def scope(region: str, lang: str = DEFAULT_LANG) -> str:
    """全市 / 全县 … from the region's administrative suffix; the region itself otherwise."""
    suffix = region.strip()[-1:] if region else ""
    if suffix and suffix in _SCOPES:
        return t(f"write.scope.{suffix}", lang)
    return t("write.scope.other", lang, region=region)


def _number(v: Any) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _target(item: dict[str, Any], year: str, where: str, lang: str) -> str | None:
    tg, reason = item["target"], item["reason"]
    figure = (item.get("figure") or {}).get("text") or dict(item.get("params") or {}).get("figure", "")
    p = dict(metric=tg["metric"], op=t(f"op.{tg['op']}", lang), value=_number(tg["value"]), unit=tg["unit"],
             year=year, scope=where, figure=str(figure).strip())
    if item["status"] == "missed":
        return t("write.target.missed", lang, **p) if figure else t("write.target.actual", lang, **p)
    if reason == "target.bound_ambiguous" and figure:
        return t("write.target.exact", lang, **p)
    if reason == "target.conflicting_figures":
        return t("write.target.one", lang, **p)
    text = t("write.target.actual", lang, **p)
    return text + t("clause.sep", lang) + t(f"write.why.{reason}", lang) if reason in _WHY_TARGET else text


def _task(item: dict[str, Any], year: str, lang: str) -> str:
    task, reason = item["task"], item["reason"]
    if item["status"] == "missed":
        text = t("write.task.missed", lang, title=task["title"])
    elif reason == "task.numeric_see_targets":
        text = t("write.task.figures", lang, title=task["title"], year=year)
    else:
        text = t("write.task.done", lang, title=task["title"])
        if reason in ("task.weak_evidence", "task.only_planned"):
            text += t("clause.sep", lang) + t(f"write.why.{reason}", lang)
    if task.get("owners"):
        text = t("write.owners", lang, text=text, owners=t("list.enum", lang).join(task["owners"]))
    return text


def to_write(item: dict[str, Any], year: int | None, region: str, lang: str = DEFAULT_LANG) -> str | None:
    """What the summary must add for ``item`` (a report-context item), or None when its status
    is neither unreported nor missed."""
    if item["status"] not in WRITE_STATUSES:
        return None
    review = item.get("review") or {}
    if review.get("applied") and item["status"] != item.get("tool_status"):
        return t("write.reviewed", lang, reason=review.get("reason", ""))   # the person's reason, not the tool's
    when = t("write.year", lang, year=year) if year is not None else ""
    if item.get("target"):
        return _target(item, when, scope(region, lang), lang)
    if item.get("task"):
        return _task(item, when, lang)
    return None
