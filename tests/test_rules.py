"""Each Chinese-text rule of the checker, driven end to end by real sentences (tests/rules/*.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ipcheck.check import Settings, check
from ipcheck.model import Document
from ipcheck.plans.loader import parse_plan
from ipcheck.units import exact

RULES = sorted((Path(__file__).parent / "rules").glob("*.yaml"))


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _plan_text(case: dict, name: str) -> str:
    meta = {"id": name.replace("_", "-"), "title": case["description"], "region": case.get("region", "测试市")}
    if case.get("period"):
        meta["period"] = case["period"]
    doc = {"version": 1, "plan": meta,
           "targets": case.get("targets", []), "tasks": case.get("tasks", [])}
    if not doc["targets"]:
        del doc["targets"]
    if not doc["tasks"]:
        del doc["tasks"]
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def run_case(path: Path):
    case = _load(path)
    plan = parse_plan(_plan_text(case, path.stem), path=f"{path.name}#plan")
    doc = Document(path=f"{path.name}#summary", text=case["summary"], encoding="utf-8")
    report = check(plan, doc, Settings(year=case.get("year")))
    return case, {v.item_id: v for v in report.verdicts}


CASES = [(p, item) for p in RULES for item in _load(p)["expect"]]


@pytest.mark.parametrize("path,item", CASES, ids=[f"{p.stem}:{i}" for p, i in CASES])
def test_rule(path: Path, item: str) -> None:
    case, verdicts = run_case(path)
    want = case["expect"][item]
    got = verdicts[str(item)]
    detail = f"{got.status.value} {got.reason} {got.message}"
    assert got.status.value == want["status"], detail
    if "needs_review" in want:
        assert got.needs_review is want["needs_review"], detail
    if "reason" in want:
        assert got.reason == want["reason"], detail
    if "value" in want:
        assert got.figure is not None and got.figure.value == exact(want["value"]), detail
    if "warning" in want:
        assert any(w.text().startswith(want["warning"]) for w in got.warnings), detail
    if "line" in want:
        assert got.evidence and got.evidence[0].line == want["line"], detail
    if got.status.value == "met":
        assert got.evidence, "a met verdict must quote its evidence"
