"""What changed between two runs: two JSON reports (schema 1) of checks of one plan compared item by
item: status, figure and evidence changes, new failures (regressions) and resolved ones.

Pure apart from reading the two files: it never prints, reads argv or exits. A file that is not
the JSON report of one check (a batch index, a progress report, any other JSON) is refused with
one line naming it.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

from ipcheck.errors import IpcheckError, Message, msg
from ipcheck.inputs.smallfiles import read_utf8
from ipcheck.model import Status
from ipcheck.model_history import ItemChange, ItemSide, ReportDiff

MAX_BYTES = 50 * 1024 * 1024
REPORT_SCHEMA = 1
STATUSES = frozenset(s.value for s in Status)
DEFAULT_FAIL_ON = ("missed", "unreported")
COUNT_KEYS = ("met", "missed", "unreported", "pending", "needs_review", "total")


def _refuse(path: str, why: Message) -> IpcheckError:
    return IpcheckError(msg("error.not_a_report", schema=REPORT_SCHEMA, detail=why), path=path,
                        hint=msg("error.hint.write_json"))


def validate(data: Any, path: str) -> dict[str, Any]:
    """``data`` if it has the shape of a schema-1 JSON report, else one-line IpcheckError."""
    if not isinstance(data, dict):
        raise _refuse(path, msg("error.report_why.top", type=type(data).__name__))
    if "pairs" in data and "totals" in data:
        raise _refuse(path, msg("error.report_why.index"))
    if data.get("kind") == "progress":
        raise _refuse(path, msg("error.report_why.progress"))
    if data.get("schema") != REPORT_SCHEMA or "ipcheck" not in data:
        raise _refuse(path, msg("error.report_why.schema", value=repr(data.get("schema"))) if "schema" in data
                      else msg("error.report_why.no_schema"))
    items = data.get("items")
    if not isinstance(items, list):
        raise _refuse(path, msg("error.report_why.no_items"))
    for k, item in enumerate(items):
        if not (isinstance(item, dict) and isinstance(item.get("id"), str) and item.get("status") in STATUSES):
            raise _refuse(path, msg("error.report_why.bad_item", n=k))
    return data


def read_report(path: str) -> dict[str, Any]:
    """The JSON report at ``path``; a missing, empty, malformed or other-schema file is one line."""
    text = read_utf8(path, msg("error.what.json_report"), MAX_BYTES)
    if not text.strip():
        raise IpcheckError(msg("error.report_empty"), path=path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IpcheckError(msg("error.json_invalid", detail=exc.msg, n=exc.colno), path=path, line=exc.lineno) from None
    except RecursionError:
        raise IpcheckError(msg("error.json_deep"), path=path) from None
    return validate(data, path)


def _side(item: dict[str, Any]) -> ItemSide:
    figure = item.get("figure") if isinstance(item.get("figure"), dict) else {}
    text = str(figure.get("text") or "").strip() or None
    value = f"{figure.get('value')} {figure.get('unit') or ''}".strip() if figure else None
    evidence = [e for e in item.get("evidence") or [] if isinstance(e, dict)]
    return ItemSide(status=item["status"], needs_review=bool(item.get("needs_review")), figure=text, value=value,
                    evidence=tuple(str(e.get("text", "")) for e in evidence),
                    line=evidence[0].get("line") if evidence else None)


def _what(old: ItemSide, new: ItemSide) -> tuple[str, ...]:
    out = []
    if old.status != new.status:
        out.append("status")
    if (old.figure, old.value) != (new.figure, new.value):
        out.append("figure")
    if set(old.evidence) != set(new.evidence):       # moved lines with the same sentences: no change
        out.append("evidence")
    if old.needs_review != new.needs_review:
        out.append("needs_review")
    return tuple(out)


def _change(item_id: str, old: dict | None, new: dict | None, fail_on: frozenset[str]) -> ItemChange | None:
    a, b = (_side(old) if old else None), (_side(new) if new else None)
    label = str((new or old or {}).get("label") or item_id)
    kind = str((new or old or {}).get("kind") or "")
    if a is None or b is None:
        return ItemChange(item_id, kind, label, ("added",) if a is None else ("removed",), a, b,
                          regression=a is None and b is not None and b.status in fail_on)
    what = _what(a, b)
    if not what:
        return None
    return ItemChange(item_id, kind, label, what, a, b,
                      regression=b.status in fail_on and a.status not in fail_on,
                      resolved=a.status in fail_on and b.status not in fail_on)


def _counts(data: dict[str, Any]) -> dict[str, int]:
    counts = data.get("counts") if isinstance(data.get("counts"), dict) else {}
    return {k: int(counts.get(k, 0)) for k in COUNT_KEYS if isinstance(counts.get(k, 0), int)}


def diff(old: dict[str, Any], new: dict[str, Any], old_path: str = "OLD", new_path: str = "NEW",
         fail_on: Iterable[str] = DEFAULT_FAIL_ON) -> ReportDiff:
    """The items of ``new`` compared with those of ``old`` (both validated reports), in the new
    report's order, then the items only ``old`` has."""
    failing = frozenset(fail_on)
    before = {i["id"]: i for i in old["items"]}
    after = {i["id"]: i for i in new["items"]}
    order = list(after) + [k for k in before if k not in after]
    changes = tuple(c for k in order if (c := _change(k, before.get(k), after.get(k), failing)) is not None)
    plans = ((old.get("plan") or {}).get("id"), (new.get("plan") or {}).get("id"))
    warnings = () if plans[0] == plans[1] else (f"plan_mismatch: {plans[0]} → {plans[1]}",)
    return ReportDiff(old_path=old_path, new_path=new_path, plan=str(plans[1] or plans[0] or ""),
                      old_summary=(old.get("summary") or {}).get("path"), new_summary=(new.get("summary") or {}).get("path"),
                      old_counts=_counts(old), new_counts=_counts(new), changes=changes,
                      unchanged=len(set(before) & set(after)) - sum(1 for c in changes if c.old and c.new),
                      fail_on=tuple(sorted(failing)), warnings=warnings)


def compare_files(old_path: str, new_path: str, fail_on: Iterable[str] = DEFAULT_FAIL_ON) -> ReportDiff:
    """``diff`` of the JSON reports at the two paths."""
    return diff(read_report(old_path), read_report(new_path), old_path, new_path, fail_on)
