"""CI annotations: GitHub Actions workflow commands and a GitLab Code Quality report, each
pointing at the summary line that is the evidence (or the plan line of an item with none)."""
from __future__ import annotations

import hashlib
import json
from typing import Any

from ipcheck.i18n import DEFAULT_LANG, status_word, t
from ipcheck.model import Report
from ipcheck.report.context import build

DEFAULT_FAIL_ON = frozenset({"missed", "unreported"})

# GitLab Code Quality severities (info, minor, major, critical, blocker): a missed target is
# the finding that matters most; an unreported one may be a gap in the summary, not the work.
SEVERITY_BY_STATUS = {"missed": "major", "unreported": "minor", "pending": "minor", "met": "info"}
REVIEW_SEVERITY = "info"


def location(item: dict[str, Any], ctx: dict[str, Any]) -> tuple[str, int]:
    """(file, line) an annotation points at: the first evidence line in the summary, else the
    item's own line in the plan (an unreported item exists only there)."""
    for e in item["evidence"]:
        if e.get("line"):
            return ctx["summary"]["path"], int(e["line"])
    plan_item = item.get("target") or item.get("task") or {}
    return ctx["plan"]["path"], int(plan_item.get("plan_line") or 1)


def flagged(item: dict[str, Any], fail_on: frozenset[str]) -> str | None:
    """"error" for an item whose status fails the run, "warning" for one that only needs a
    person's review, None for the rest (met and pending are not worth an annotation)."""
    if item["status"] in fail_on:
        return "error"
    if item["needs_review"]:
        return "warning"
    return None


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) as one space."""
    return " ".join(str(text).split())


def said(item: dict[str, Any], lang: str) -> str:
    """An item in one line: its label and message, and what to write when the summary lacks it."""
    text = f"{one_line(item['label'])}: {one_line(item['message'])}"
    if item.get("to_write"):
        text += " " + t("write.line", lang, text=one_line(item["to_write"]))
    return text


def _escape_data(text: str) -> str:
    # GitHub's rules for a workflow command's message (toolkit/core command.ts escapeData).
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # Properties additionally may not hold ':' or ',' (escapeProperty).
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def findings(report: Report, lang: str, fail_on: frozenset[str]):
    """(context, item, level, path, line) for each item worth an annotation, in plan order."""
    ctx = build(report, lang)
    for item in ctx["items"]:
        level = flagged(item, fail_on)
        if level is not None:
            yield (ctx, item, level, *location(item, ctx))


def render_github(report: Report, lang: str = DEFAULT_LANG,
                  fail_on: frozenset[str] = DEFAULT_FAIL_ON) -> str:
    """One ``::error``/``::warning`` workflow command per failing or needs-review item, in plan
    order; empty when nothing needs attention."""
    lines = []
    for _, item, level, path, line in findings(report, lang, fail_on):
        title = f"{item['id']} {status_word(item['status'], lang)}"
        message = said(item, lang)
        lines.append(f"::{level} file={_escape_property(path)},line={line},"
                     f"title={_escape_property(title)}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)


def fingerprint(plan_id: str, item_id: str, reason: str) -> str:
    """A finding's identity across runs: plan, item and reason, never a line number (an edit
    above it must not make GitLab report the finding as new)."""
    return hashlib.sha256("\x1f".join((plan_id, item_id, reason)).encode("utf-8")).hexdigest()


def render_gitlab(report: Report, lang: str = DEFAULT_LANG,
                  fail_on: frozenset[str] = DEFAULT_FAIL_ON) -> str:
    """A GitLab Code Quality report (JSON list): one finding per failing or needs-review item."""
    found = []
    for ctx, item, level, path, line in findings(report, lang, fail_on):
        found.append({
            "description": f"{item['id']} {status_word(item['status'], lang)}: {said(item, lang)}",
            "check_name": item["reason"],
            "fingerprint": fingerprint(str(ctx["plan"]["id"]), item["id"], item["reason"]),
            "severity": SEVERITY_BY_STATUS[item["status"]] if level == "error" else REVIEW_SEVERITY,
            "location": {"path": path, "lines": {"begin": line}},
        })
    return json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
