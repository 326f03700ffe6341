"""check(): the orchestration's own rules (year given against the title, scope, reviews are
tested in their modules)."""
from __future__ import annotations

from pathlib import Path

import pytest

from ipcheck.check import Settings, check
from ipcheck.inputs.documents import read_document
from ipcheck.model import Status
from ipcheck.plans.loader import load_plan

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
PLAN = SAMPLES / "plans" / "luzhou-2016.yaml"
SUMMARY = SAMPLES / "summaries" / "2015" / "luzhou-2015.txt"      # titled 2015年泸州市…工作总结


def _report(year: int | None):
    return check(load_plan(str(PLAN)), read_document(str(SUMMARY)), Settings(year=year))


@pytest.mark.parametrize("year", [None, 2015])
def test_the_title_year_or_the_same_year_given_raises_no_warning(year: int | None) -> None:
    report = _report(year)
    assert report.summary_year == 2015
    assert not any(w.code == "year_mismatch" for w in report.warnings)


def test_a_year_against_the_title_flags_every_decided_verdict() -> None:
    report = _report(2016)
    assert report.summary_year == 2016
    assert any(w.text().startswith("year_mismatch: the summary's title says 2015") for w in report.warnings)
    decided = [v for v in report.verdicts if v.status in (Status.MET, Status.MISSED)]
    assert decided, "the 2015 results still decide some 2016 items"
    for v in decided:
        assert v.needs_review and any(w.code == "year_mismatch" for w in v.warnings), v.item_id
    assert report.counts["needs_review"] >= len(decided)


def test_thresholds_other_than_the_defaults_are_stated_in_the_report() -> None:
    from ipcheck.verdicts.decide import Thresholds
    plan, doc = load_plan(str(PLAN)), read_document(str(SUMMARY))
    assert not any(w.code == "thresholds" for w in check(plan, doc).warnings)
    changed = check(plan, doc, Settings(thresholds=Thresholds(task_met=0.7, evidence_limit=1))).warnings
    assert "thresholds: task_met 0.7 (default 0.6), evidence_limit 1 (default 3)" in [w.text() for w in changed]


def test_a_summary_with_no_year_at_all_flags_its_unreported_items() -> None:
    """No title year, date or dated result, and a plan with no year either: an item due some year may not
    be due yet, so an unreported verdict needs review and the report says how to give the year (§3 b)."""
    from ipcheck.check import Settings, check
    from ipcheck.model import Document
    from ipcheck.plans.loader import parse_plan
    plan = parse_plan("version: 1\nplan: {id: p, title: 方案, region: 某市}\ntargets:\n"
                      "  - {id: T1, metric: 专利申请量, measure: level, op: '>=', value: 100, unit: 件}\n"
                      "tasks:\n  - {id: K, title: 建设服务平台, keywords: [服务平台]}\n", path="p.yaml")
    text = "4月25日,某市召开大会,宣布将加快知识产权集聚区建设。\n"
    report = check(plan, Document(path="s.txt", text=text, encoding="utf-8"), Settings())
    assert report.summary_year is None and any(w.code == "year_unknown" for w in report.warnings)
    assert {v.item_id: (v.status.value, v.needs_review) for v in report.verdicts} == \
        {"T1": ("unreported", False), "K": ("unreported", False)}        # no due year: the year decides nothing


@pytest.mark.parametrize(("plan_years", "year", "status"), [
    ("period: {start: 2013, end: 2015}", 2013, "pending"),    # a multi-year plan: its first year, T1 not due yet
    ("period: {start: 2015, end: 2015}", 2015, "unreported"),  # a one-year plan: its year, T1 due
])
def test_a_summary_with_no_year_is_checked_as_the_plans_first_year_for_review(plan_years: str, year: int,
                                                                              status: str) -> None:
    """No year in the text: the plan is the last clue (issue #12 §3 b: "… or the plan"). The text reports on
    the plan's work, so the plan's first year is taken, a guess the report names and every verdict carries."""
    from ipcheck.check import Settings, check
    from ipcheck.model import Document
    from ipcheck.plans.loader import parse_plan
    plan = parse_plan("version: 1\nplan: {id: p, title: 方案, region: 某市, " + plan_years + "}\ntargets:\n"
                      "  - {id: T1, metric: 专利申请量, measure: level, op: '>=', value: 100, unit: 件, due: 2015}\n"
                      "tasks:\n  - {id: K, title: 建设服务平台, keywords: [服务平台]}\n", path="p.yaml")
    text = "4月25日,某市召开大会,宣布将加快知识产权集聚区建设。\n"
    report = check(plan, Document(path="s.txt", text=text, encoding="utf-8"), Settings())
    by_id = {v.item_id: v for v in report.verdicts}
    assert report.summary_year == year and any(w.code == "year_from_plan" for w in report.warnings)
    assert (by_id["T1"].status.value, by_id["T1"].needs_review) == (status, True)
    assert all(v.needs_review for v in report.verdicts)
    dated = check(plan, Document(path="s.txt", text="2015年某市知识产权工作总结\n" + text, encoding="utf-8"), Settings())
    assert dated.summary_year == 2015 and not any(w.code == "year_from_plan" for w in dated.warnings)


_NO_DUE_PLAN = """version: 1
plan: {id: p, title: 某市知识产权强市建设方案, region: 某市, period: {start: 2016, end: 2020}}
targets:
  - {id: T1, metric: 每万人发明专利拥有量, measure: level, op: '>=', value: 12, unit: 件}
tasks:
  - {id: "1", title: 建成知识产权保护中心, keywords: [知识产权保护中心]}
  - {id: "2", title: 召开知识产权工作会议, keywords: [知识产权工作会议], every: year}
"""


@pytest.mark.parametrize(("year", "want"), [
    (2018, {"T1": ("pending", "2020"), "1": ("pending", "2020"), "2": ("unreported", "2018")}),
    (2020, {"T1": ("unreported", "2020"), "1": ("unreported", "2020"), "2": ("unreported", "2020")}),
])
def test_an_item_with_no_due_year_is_due_at_the_end_of_the_plans_period(year: int, want: dict) -> None:
    """A plan's item with no date of its own is the plan's by its last year: before then nothing reported is
    pending, not unreported; a recurring one is due in each year of the period."""
    from ipcheck.model import Document
    from ipcheck.plans.loader import parse_plan
    summary = f"{year}年某市知识产权工作总结\n一、主要成效\n全市专利申请量达到1.2万件。\n"
    report = check(parse_plan(_NO_DUE_PLAN, "plan.yaml"), Document(path="s.txt", text=summary, encoding="utf-8"),
                   Settings())
    got = {v.item_id: (v.status.value, dict(v.params).get("checked_for") or dict(v.params).get("due"))
           for v in report.verdicts}
    assert got == want
