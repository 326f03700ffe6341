"""Recurring plan items (`every: year`): loaded, validated, and checked in each year's summary."""
from __future__ import annotations

import pytest

from ipcheck.check import check
from ipcheck.errors import PlanError
from ipcheck.model import Document, Status
from ipcheck.plans.loader import parse_plan

PLAN = """version: 1
plan: {{id: x, title: 某市知识产权工作方案, region: 某市, period: {{start: 2016, end: 2020}}}}
targets:
  - {{id: T1, metric: 知识产权工作专题会议, measure: level, op: ">=", value: 2, unit: 次, due: 2020{every}}}
tasks:
  - {{id: "1", title: 举办知识产权宣传周活动, keywords: [宣传周], due: 2020{every}}}
"""
SUMMARY = ("某市{year}年知识产权工作总结\n"
           "一、主要工作\n{year}年,市政府召开知识产权工作专题会议{n}次。{more}\n")
HELD = "4月,市知识产权局举办了知识产权宣传周活动。"


def _check(every: str, year: int, n: int = 2, more: str = HELD):
    plan = parse_plan(PLAN.format(every=every))
    return check(plan, Document("s.txt", SUMMARY.format(year=year, n=n, more=more), "utf-8"))


@pytest.mark.parametrize("year", [2016, 2017, 2020])
def test_a_recurring_item_is_due_in_each_year_and_says_which(year: int) -> None:
    report = _check(", every: year", year)
    assert [v.status for v in report.verdicts] == [Status.MET, Status.MET]
    for v in report.verdicts:
        assert ("checked_for", str(year)) in v.params and f"checked for {year}" in v.message


def test_a_recurring_item_short_this_year_is_missed_not_pending() -> None:
    # one meeting instead of two, no 宣传周: a one-off item due 2020 may still be done later,
    # a yearly one is missed (or unreported) for this year
    once = _check("", 2017, n=1, more="")
    assert [v.status for v in once.verdicts] == [Status.PENDING, Status.PENDING]
    assert all(("every", "year") not in v.params for v in once.verdicts)
    yearly = _check(", every: year", 2017, n=1, more="")
    assert [v.status for v in yearly.verdicts] == [Status.MISSED, Status.UNREPORTED]


def test_a_recurring_item_outside_its_years_is_judged_as_before() -> None:
    # 2015 is before the period: the item is not due yet, as any other
    report = _check(", every: year", 2015, n=1, more="")
    assert all(v.status is Status.PENDING and ("every", "year") not in v.params for v in report.verdicts)


def test_every_takes_only_known_values() -> None:
    with pytest.raises(PlanError) as info:
        parse_plan(PLAN.format(every=", every: month"))
    assert "unknown every 'month'" in str(info.value)


@pytest.mark.parametrize("fmt", ["text", "json", "html", "markdown"])
def test_every_report_language_says_the_year_a_recurring_item_was_checked_for(fmt: str) -> None:
    from ipcheck.report import RenderOptions, render
    report = _check(", every: year", 2017)
    zh = str(render(report, fmt))
    en = str(render(report, fmt, RenderOptions(lang="en")))
    assert "每年重复：按2017年核查" in zh and "每年重复：按2017年核查" not in en
    assert "checked for 2017" in en


QUARTERLY = """version: 1
plan: {id: q, title: 某市知识产权工作方案, region: 某市, period: {start: 2016, end: 2020}}
targets:
  - {id: T1, metric: 知识产权工作调度会, measure: level, op: ">=", value: 1, unit: 次, due: 2020, every: quarter}
tasks:
  - {id: "1", title: 召开知识产权工作调度会, keywords: [工作调度会], due: 2020, every: quarter}
"""


@pytest.mark.parametrize("held, status", [(4, Status.MET), (5, Status.MET), (3, Status.MISSED)])
def test_a_quarterly_count_is_held_against_four_quarters_and_needs_review(held: int, status: Status) -> None:
    plan = parse_plan(QUARTERLY)
    text = f"某市2017年知识产权工作总结\n一、主要工作\n2017年,市政府召开知识产权工作调度会{held}次。\n"
    target, task = check(plan, Document("s.txt", text, "utf-8")).verdicts
    assert target.status is status and target.needs_review
    assert ("every", "quarter") in target.params and ("per_year", "4") in target.params
    assert "checked for 2017" in target.message and "4 quarters, 4次" in target.message
    assert task.status is Status.MET and ("every", "quarter") in task.params
