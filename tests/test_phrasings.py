"""Phrasings checked one sentence at a time (tests/phrasings/*.yaml): restated targets never read as
results, and results that quote their goal stay results (issue #12 §3 a)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ipcheck.check import Settings, check
from ipcheck.model import Document
from ipcheck.plans.loader import parse_plan

DATA = yaml.safe_load((Path(__file__).parent / "phrasings" / "restated_targets.yaml").read_text(encoding="utf-8"))
PLAN = parse_plan(yaml.safe_dump({"version": 1, "plan": {"id": "p", "title": "某市知识产权强市建设方案",
                                                          "region": "某市"},
                                  "targets": DATA["plan"]}, allow_unicode=True), path="plan.yaml")


def _statuses(sentence: str, year: int) -> dict[str, str]:
    text = f"{year}年某市知识产权工作总结\n一、主要成效\n{sentence}\n"
    report = check(PLAN, Document(path="summary.txt", text=text, encoding="utf-8"), Settings())
    return {v.item_id: v.status.value for v in report.verdicts}


@pytest.mark.parametrize("sentence", DATA["restated"])
def test_a_restated_target_is_pending_before_its_year(sentence: str) -> None:
    assert _statuses(sentence, 2018) == {"T1": "pending", "T2": "pending"}


@pytest.mark.parametrize("sentence", DATA["restated"])
def test_a_restated_target_is_never_met_in_its_year(sentence: str) -> None:
    assert "met" not in _statuses(sentence, 2020).values()


@pytest.mark.parametrize("sentence", DATA["met"])
def test_a_result_that_quotes_its_goal_stays_met(sentence: str) -> None:
    assert _statuses(sentence, 2020) == {"T1": "met", "T2": "met"}
