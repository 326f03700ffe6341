"""Tasks in the phrasings summaries, news and conference reports use (tests/phrasings/tasks_*.yaml):
outcomes without 了 are done; the same verbs planned, negated, required by a meeting, in another
region's work or in a problems or next-year section are not; texts without headings and cover notices
are read as their genre says (issue #12 §3 j, k, l)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ipcheck.check import Settings, check
from ipcheck.model import Document, Report
from ipcheck.plans.loader import parse_plan

HERE = Path(__file__).parent / "phrasings"
DONE = yaml.safe_load((HERE / "tasks_done.yaml").read_text(encoding="utf-8"))
TEXTS = yaml.safe_load((HERE / "tasks_texts.yaml").read_text(encoding="utf-8"))["texts"]
REGION, YEAR = DONE["region"], DONE["year"]
PLAN = parse_plan(yaml.safe_dump({"version": 1, "plan": {"id": "p", "title": f"{REGION}知识产权工作方案",
                                                          "region": REGION},
                                  "tasks": [dict(t, due=YEAR) for t in DONE["tasks"]]}, allow_unicode=True),
                  path="plan.yaml")
HEAD = f"{REGION}{YEAR}年知识产权工作总结\n一、主要工作\n"
NOT_DONE = [(kind, s) for kind, rows in DONE["not_done"].items() for s in rows]
IN_SECTIONS = [(h, s) for h in DONE["sections"]["headings"] for s in DONE["sections"]["in_sections"]]


def _report(text: str) -> Report:
    return check(PLAN, Document(path="summary.txt", text=text, encoding="utf-8"), Settings(year=YEAR))


def _met(report: Report) -> set[str]:
    return {v.item_id for v in report.verdicts if v.status.value == "met"}


@pytest.mark.parametrize("task,sentence", DONE["done"], ids=[f"{t}-{i}" for i, (t, _) in enumerate(DONE["done"])])
def test_an_outcome_reported_is_met(task: str, sentence: str) -> None:
    assert _met(_report(HEAD + sentence + "\n")) == {task}, sentence


@pytest.mark.parametrize("kind,sentence", NOT_DONE, ids=[f"{k}-{i}" for i, (k, _) in enumerate(NOT_DONE)])
def test_work_not_done_is_never_met(kind: str, sentence: str) -> None:
    assert _met(_report(HEAD + sentence + "\n")) == set(), sentence


@pytest.mark.parametrize("task,sentence", DONE["review"], ids=[f"{t}-{i}" for i, (t, _) in enumerate(DONE["review"])])
def test_a_bare_verb_is_a_lead_to_review(task: str, sentence: str) -> None:
    report = _report(HEAD + sentence + "\n")
    got = next(v for v in report.verdicts if v.item_id == task)
    assert not _met(report) and got.needs_review and got.evidence, (sentence, got.reason)


@pytest.mark.parametrize("heading,sentence", IN_SECTIONS, ids=[f"section-{i}" for i in range(len(IN_SECTIONS))])
def test_outside_the_results_nothing_is_met(heading: str, sentence: str) -> None:
    text = HEAD + "开展知识产权执法检查12次。\n" + heading + "\n" + sentence + "\n"
    assert _met(_report(text)) == set(), (heading, sentence)


@pytest.mark.parametrize("case", DONE["best_first"], ids=[c["task"] for c in DONE["best_first"]])
def test_the_sentence_that_names_the_task_best_is_shown_first(case: dict) -> None:
    report = _report(HEAD + case["text"])
    got = next(v for v in report.verdicts if v.item_id == case["task"])
    assert got.status.value == "met" and got.evidence[0].line == case["line"] + HEAD.count("\n")


@pytest.mark.parametrize("case", TEXTS, ids=[c["name"] for c in TEXTS])
def test_a_text_is_read_as_its_genre_says(case: dict) -> None:
    report = _report(case["text"])
    got = {v.item_id: v.status.value for v in report.verdicts}
    assert {k: ("met" if got[k] == "met" else "not_met") for k in case["expect"]} == case["expect"], got
    warnings = [w.text() for w in report.warnings]
    if "warning" in case:
        assert any(w.startswith(case["warning"]) for w in warnings), warnings
    if "no_warning" in case:
        assert not any(w.startswith(case["no_warning"]) for w in warnings), warnings
    if "kept" in case:
        for w in warnings:
            m = re.search(r"(\d+) of (\d+) sentences", w)
            assert m is None or int(m.group(1)) >= case["kept"] * int(m.group(2)), w
