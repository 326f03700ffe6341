"""Progress toward each target over the years: the path from the baseline (linear for levels,
compound for growth rates), each year's state, the pace of a pending target in a single check,
and 天津市's published results 2016-2019 against its 十三五 plan."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ipcheck.check import check
from ipcheck.errors import IpcheckError
from ipcheck.inputs.documents import read_document
from ipcheck.model import Baseline, Document, Measure, Op, PaceState, Status, Target
from ipcheck.plans.loader import load_plan, parse_plan
from ipcheck.progress import progress
from ipcheck.verdicts.pace import baseline_of, compound_state, level_state, linear, reaches

ROOT = Path(__file__).resolve().parent.parent
SERIES = ROOT / "tests" / "series" / "tianjin"
YEARS = {2016: "2016-whitepaper.txt", 2017: "2017-work-summary.txt", 2019: "2019-whitepaper.txt"}
D = Decimal


def _target(op: str = ">=", value: float = 18, measure: Measure = Measure.LEVEL, due: int = 2020,
            baseline: Baseline | None = Baseline(2015, 12.2)) -> Target:
    return Target(id="T1", metric="每万人口发明专利拥有量", measure=measure, op=Op(op), value=value,
                  unit="%" if measure is not Measure.LEVEL else "件", due=due,
                  baseline=baseline.value if baseline else None, baseline_year=baseline.year if baseline else None)


@pytest.mark.parametrize("year, needed", [(2014, "12.2"), (2015, "12.2"), (2016, "13.36"), (2017, "14.52"),
                                          (2019, "16.84"), (2020, "18"), (2022, "18")])
def test_the_linear_path_from_the_baseline(year: int, needed: str) -> None:
    assert linear(Baseline(2015, 12.2), _target(), year) == D(needed)


@pytest.mark.parametrize("op, year, low, high, state, certain", [
    (">=", 2016, "14.7", "14.7", PaceState.ON_TRACK, True),       # above the path, below the target
    (">=", 2016, "13.36", "13.36", PaceState.ON_TRACK, True),     # exactly on the path
    (">=", 2016, "13.3", "13.3", PaceState.BEHIND, True),
    (">=", 2017, "18.3", "18.3", PaceState.MET_EARLY, True),
    (">=", 2020, "18", "18", PaceState.MET, True),
    (">=", 2020, "17.9", "17.9", PaceState.MISSED, True),
    (">=", 2016, "13", None, PaceState.BEHIND, False),            # 13余件: may or may not reach 13.36
    (">=", 2016, "14", None, PaceState.ON_TRACK, True),           # 14余件: surely above 13.36
    (">=", 2016, None, "13", PaceState.BEHIND, True),             # 近13件: surely below
])
def test_a_level_against_its_path(op, year, low, high, state, certain) -> None:
    t = _target(op)
    expected = linear(baseline_of(t), t, year)
    got = level_state(t, year, None if low is None else D(low), None if high is None else D(high), expected)
    assert got == (state, certain)


def test_a_decreasing_target_is_on_track_below_its_path() -> None:
    t = _target("<=", value=30, baseline=Baseline(2015, 60))     # e.g. 审查周期 from 60 to 30 days
    assert linear(baseline_of(t), t, 2017) == D(48)
    assert level_state(t, 2017, D(45), D(45), D(48)) == (PaceState.ON_TRACK, True)
    assert level_state(t, 2017, D(50), D(50), D(48)) == (PaceState.BEHIND, True)
    assert level_state(t, 2018, D(29), D(29), D(42)) == (PaceState.MET_EARLY, True)


def test_without_a_baseline_a_value_short_of_the_target_has_no_path() -> None:
    assert level_state(_target(baseline=None), 2016, D(14), D(14), None) == (PaceState.NO_BASELINE, True)


@pytest.mark.parametrize("rates, year, state", [
    (["12", "9"], 2017, PaceState.ON_TRACK),    # 1.12 × 1.09 = 1.2208 ≥ 1.1²
    (["12", "8"], 2017, PaceState.BEHIND),      # 1.2096 < 1.21, though the mean (10%) equals the target
    (["10", "10"], 2017, PaceState.ON_TRACK),   # exactly 1.21: decimals, no rounding error
    (["10", "10", "10", "10", "9.9"], 2020, PaceState.MISSED),
    (["25", "5", "5", "5", "5"], 2020, PaceState.MISSED),   # a strong first year does not carry four weak ones
    (["25", "10", "10", "10", "5"], 2020, PaceState.MET),
])
def test_a_growth_rate_compounds(rates: list[str], year: int, state: PaceState) -> None:
    t = _target(value=10, measure=Measure.ANNUAL_GROWTH, baseline=None)
    assert compound_state(t, year, [D(r) for r in rates]) is state


def test_an_interval_reaches_a_bound_only_when_all_of_it_does() -> None:
    assert reaches(Op.GE, D(5), D(7), D(5)) is True and reaches(Op.GE, D(4), D(7), D(5)) is None
    assert reaches(Op.GE, None, D(4), D(5)) is False and reaches(Op.LE, D(6), None, D(5)) is False
    assert reaches(Op.GE, None, None, D(5)) is None


# --------------------------------------------------------------------------------------------- the series

@pytest.fixture(scope="module")
def tianjin():
    plan = load_plan(SERIES / "plan.yaml")
    reports = [check(plan, read_document(SERIES / name)) for name in YEARS.values()]
    return plan, reports


def test_the_tianjin_target_over_the_years(tianjin) -> None:
    plan, reports = tianjin
    p = progress(plan, reports)
    t1 = p.targets[0]
    assert [pt.year for pt in t1.points] == [2016, 2017, 2019]
    assert [pt.value for pt in t1.points] == [D("14.7"), D("18.3"), D("22.3")]          # exact
    assert [pt.expected for pt in t1.points] == [D("13.36"), D("14.52"), D("16.84")]
    assert [pt.state for pt in t1.points] == [PaceState.ON_TRACK, PaceState.MET_EARLY, PaceState.MET_EARLY]
    assert [pt.line for pt in t1.points] == [12, 26, 5]
    assert "每萬人口發明專利擁有量22.3件" in t1.points[2].quote      # quoted as written (traditional), without the repost's pinyin
    assert (t1.state, t1.as_of, t1.baseline_from) == (PaceState.MET_EARLY, 2019, "plan")
    assert t1.path[0] == (2015, D("12.2")) and t1.path[-1] == (2020, 18) and len(t1.path) == 6


def test_tasks_list_the_years_they_were_reported_done(tianjin) -> None:
    plan, reports = tianjin
    tasks = {t.task.id: t for t in progress(plan, reports).tasks}
    assert tasks["5"].done_years == (2017,)                   # 推进知识产权强市建设取得新进展
    # 加快建设知识产权强市 goes on to 2020 (ZH-TASK-008): 2017's work is done, the task still pending
    assert [(y.status, y.reason) for y in tasks["5"].years][1] == (Status.PENDING, "task.ongoing_not_due")
    assert all(y.status is Status.PENDING for y in tasks["5"].years)
    assert tasks["3"].done_years == () and all(y.reason == "task.not_due" for y in tasks["3"].years)


def test_the_order_of_the_summaries_does_not_matter(tianjin) -> None:
    plan, reports = tianjin
    assert progress(plan, reports) == progress(plan, list(reversed(reports)))


def test_a_pending_target_says_on_track_in_a_single_check(tianjin) -> None:
    _, reports = tianjin
    pace = reports[0].verdicts[0].pace
    assert pace is not None and (pace.state, pace.expected, pace.value) == (PaceState.ON_TRACK, D("13.36"), D("14.7"))
    assert all(v.pace is None for r in reports[1:] for v in r.verdicts)       # met: no pace


PLAN = """version: 1
plan: {id: t, title: 某市方案, region: 某市, period: {start: 2016, end: 2020}}
targets:
  - {id: T1, metric: 每万人口发明专利拥有量, measure: level, op: '>=', value: 18, unit: 件, due: 2020%s}
"""


def _doc(year: int, value: str) -> Document:
    return Document(path=f"{year}.txt", text=f"{year}年某市知识产权工作总结\n{year}年,全市每万人口发明专利拥有量达到{value}件。\n",
                    encoding="utf-8")


def test_a_pending_target_behind_its_path_says_so() -> None:
    plan = parse_plan(PLAN % ", baseline: {year: 2015, value: 12.2}")
    pace = check(plan, _doc(2017, "13.9")).verdicts[0].pace
    assert pace is not None and (pace.state, pace.expected) == (PaceState.BEHIND, D("14.52"))


def test_no_pace_without_a_baseline() -> None:
    assert check(parse_plan(PLAN % ""), _doc(2017, "13.9")).verdicts[0].pace is None


def test_the_summary_of_the_year_before_the_period_gives_the_baseline() -> None:
    plan = parse_plan(PLAN % "")
    p = progress(plan, [check(plan, _doc(y, v)) for y, v in ((2015, "12.2"), (2017, "13.9"), (2018, "16"))])
    t1 = p.targets[0]
    assert t1.baseline == Baseline(2015, D("12.2"), "2015年,全市每万人口发明专利拥有量达到12.2件。")
    assert t1.baseline_from == "2015.txt"
    assert [pt.state for pt in t1.points] == [PaceState.ON_TRACK, PaceState.BEHIND, PaceState.ON_TRACK]
    assert [pt.expected for pt in t1.points] == [D("12.2"), D("14.52"), D("15.68")]
    assert t1.state is PaceState.ON_TRACK and t1.as_of == 2018


def test_a_target_no_summary_reports_has_no_data() -> None:
    plan = parse_plan(PLAN % "")
    doc = Document(path="2017.txt", text="2017年某市知识产权工作总结\n全年召开工作会议3次。\n", encoding="utf-8")
    t1 = progress(plan, [check(plan, doc)]).targets[0]
    assert (t1.state, t1.as_of, t1.points[0].state) == (PaceState.NO_DATA, None, PaceState.NO_DATA)


def test_two_summaries_of_one_year_are_refused(tianjin) -> None:
    plan, reports = tianjin
    with pytest.raises(IpcheckError, match="two summaries of 2016"):
        progress(plan, [reports[0], reports[0]])


@pytest.mark.parametrize("fmt", ["text", "html", "markdown", "json", "csv", "junit"])
def test_the_pace_is_shown_in_the_single_check_reports(tianjin, fmt: str) -> None:
    from ipcheck.report import render
    text = render(tianjin[1][0], fmt)
    assert "进度：自 2015 年（12.2件）起，本年应达 13.36件：进度正常" in text, fmt
