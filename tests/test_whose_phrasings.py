"""Whose figure, one sentence at a time (tests/phrasings/whose.yaml, issue #12 §3 e): another body's or
place's figure never meets the city's target, in its own clause or in the clauses its subject carries over."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ipcheck.check import Settings, check
from ipcheck.model import Document
from ipcheck.plans.loader import parse_plan

DATA = yaml.safe_load((Path(__file__).parent / "phrasings" / "whose.yaml").read_text(encoding="utf-8"))
PLAN = parse_plan(yaml.safe_dump({"version": 1, "plan": {"id": "p", "title": "某市知识产权工作方案", "region": "某市"},
                                  "targets": DATA["plan"]}, allow_unicode=True), path="plan.yaml")


def _statuses(sentence: str) -> dict[str, str]:
    text = f"2018年某市知识产权工作总结\n一、主要成效\n{sentence}\n"
    report = check(PLAN, Document(path="summary.txt", text=text, encoding="utf-8"), Settings())
    return {v.item_id: v.status.value for v in report.verdicts}


@pytest.mark.parametrize("sentence", DATA["never_met"])
def test_someone_elses_figure_never_meets_the_citys_target(sentence: str) -> None:
    assert "met" not in _statuses(sentence).values()


@pytest.mark.parametrize("case", DATA["met"], ids=lambda c: c["text"][:12])
def test_the_citys_own_figure_meets(case: dict) -> None:
    assert _statuses(case["text"])[case["item"]] == "met"
