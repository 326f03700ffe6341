"""JUnit XML: one testcase per plan item, so any CI server shows the check as a test run.

Items whose status is in ``fail_on`` (the CLI's --fail-on) are failures with the evidence in
the body; other pending items are skipped; the rest pass, with the details in system-out when they need review or were reviewed.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from ipcheck.i18n import DEFAULT_LANG, status_word, t
from ipcheck.model import Report
from ipcheck.report.annotations import DEFAULT_FAIL_ON, one_line
from ipcheck.report.context import build

# Characters XML 1.0 forbids even escaped (control characters a hostile or broken summary may
# carry); ElementTree would write them and every JUnit reader would then reject the file.
_ILLEGAL_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: Any) -> str:
    """``text`` as a string with the characters XML 1.0 cannot hold removed."""
    return _ILLEGAL_XML.sub("", str(text))


def _where(e: dict[str, Any], lang: str) -> str:
    if e.get("page"):
        return t("ci.page_line", lang, page=e["page"], line=e["page_line"])
    return t("ci.line", lang, line=e["line"])


def details(item: dict[str, Any], lang: str) -> str:
    """The evidence a reviewer checks: message, quoted sentences with lines, figure, confidence."""
    out = [one_line(item["message"])]
    if item.get("to_write"):
        out.append(t("write.line", lang, text=item["to_write"]))
    if item.get("pace"):
        out.append(item["pace"]["message"])
    if item["needs_review"]:
        out.append(t("needs_review", lang))
    review = item.get("review")
    if review and review.get("applied"):
        out.append(t("ci.review", lang, status=status_word(review["status"], lang), by=review.get("by") or "?",
                     date=review.get("date") or "?", tool=status_word(item["tool_status"], lang),
                     reason=one_line(review.get("reason") or "")))
    for e in item["evidence"]:
        out.append(f"{t('ci.evidence', lang)} ({_where(e, lang)}): 「{one_line(e['text'])}」")
    if not item["evidence"]:
        plan_item = item.get("target") or item.get("task") or {}
        out.append(f"{t('ci.evidence', lang)}: {t('ci.no_evidence', lang)} "
                   f"({t('ci.plan_line', lang, line=plan_item.get('plan_line'))})")
    if item["figure"]:
        out.append(f"{t('ci.figure', lang)}: {item['figure']['text']}")
    out.append(f"{t('ci.confidence', lang)}: {item['confidence']:.2f}")
    out.append(f"{t('ci.reason', lang)}: {item['reason']}")
    return "\n".join(out) + "\n"


def _testcase(suite: ET.Element, item: dict[str, Any], plan_id: str, lang: str,
              fail_on: frozenset[str]) -> str:
    """Add the item's testcase; returns "failure", "skipped" or "passed"."""
    case = ET.SubElement(suite, "testcase", {
        "classname": clean(f"ipcheck.{plan_id}"),
        "name": clean(f"{item['id']} {one_line(item['label'])}"), "time": "0"})
    message = clean(f"{status_word(item['status'], lang)}: {one_line(item['message'])}")
    body = clean(details(item, lang))
    if item["status"] in fail_on:
        ET.SubElement(case, "failure", {"type": clean(item["reason"]), "message": message}).text = body
        return "failure"
    if item["status"] == "pending":
        ET.SubElement(case, "skipped", {"message": message}).text = body
        return "skipped"
    if item["needs_review"] or item.get("review"):     # the note, or a person's decision, on record
        ET.SubElement(case, "system-out").text = body
    return "passed"


def render(report: Report, lang: str = DEFAULT_LANG, fail_on: frozenset[str] = DEFAULT_FAIL_ON) -> str:
    """The report as a JUnit XML document (UTF-8, no timestamps: byte-identical across runs)."""
    ctx = build(report, lang)
    plan_id = str(ctx["plan"]["id"])
    root = ET.Element("testsuites", {"name": "ipcheck"})
    suite = ET.SubElement(root, "testsuite", {"name": clean(plan_id)})
    outcomes = [_testcase(suite, item, plan_id, lang, fail_on) for item in ctx["items"]]
    totals = {"tests": str(len(outcomes)), "failures": str(outcomes.count("failure")), "errors": "0",
              "skipped": str(outcomes.count("skipped"))}
    for key, value in totals.items():
        suite.set(key, value)
        if key != "skipped":            # the schema's testsuites has no skipped attribute
            root.set(key, value)
    suite.set("file", clean(ctx["summary"]["path"]))
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
