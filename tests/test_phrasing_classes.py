"""Phrasing batteries by class (tests/phrasings/<class>.yaml with ``cases:``, issue #12 §3 c, d, f, g, h, i):
each text is checked alone as the results of a year-end summary (某市's, or the case's ``region:``) against the
file's small plan (``plan:`` its targets, ``tasks:`` its tasks, due in the file's year unless they say), and every
verdict must be one its expectation allows. An item a case does not name must not be met. A battery with
``years:`` (report_year.yaml, §3 b) reads each short document's report year instead: the year, and whether the
reading says it is a guess."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ipcheck.check import Settings, check
from ipcheck.model import Document, Plan, Verdict
from ipcheck.plans.loader import parse_plan
from ipcheck.reading.years import read_year

HERE = Path(__file__).parent / "phrasings"
_ALL = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(HERE.glob("*.yaml"))}
BATTERIES = {name: data for name, data in _ALL.items() if "cases" in data}
YEARS = {name: data["years"] for name, data in _ALL.items() if "years" in data}

# An expectation is one or more of these, separated by |.
_ALLOWED = {
    "met": lambda v: v.status.value == "met",
    "met review": lambda v: v.status.value == "met" and v.needs_review,
    "missed": lambda v: v.status.value == "missed",
    "unreported": lambda v: v.status.value == "unreported",
    "unreported review": lambda v: v.status.value == "unreported" and v.needs_review,
    "pending": lambda v: v.status.value == "pending",
    "open": lambda v: v.status.value in ("unreported", "pending"),
    "not met": lambda v: v.status.value != "met",
    "any": lambda v: True,
}


_REGION = "某市"


def _plan(name: str, data: dict, region: str) -> Plan:
    """The battery's plan for ``region``: its targets (``plan:``) and its tasks (``tasks:``, due in its year unless
    a task gives its own ``due``)."""
    doc = {"version": 1, "plan": {"id": name, "title": f"{region}知识产权工作方案", "region": region},
           "targets": data["plan"],
           "tasks": [dict(t, due=t.get("due", data["year"])) for t in data.get("tasks") or ()]}
    return parse_plan(yaml.safe_dump(doc, allow_unicode=True), path=f"{name}.yaml")


# A case may be read as another region's text (``region:``, e.g. a province's); the default is 某市's.
PLANS = {(name, region): _plan(name, data, region) for name, data in BATTERIES.items()
         for region in sorted({_REGION, *(c.get("region", _REGION) for c in data["cases"])})}
# A case with ``gap:`` is a known shortcoming of the reader, said in its words: it must still fail (strict), so
# the day the reader learns it the mark has to go.
CASES = [pytest.param(name, case, id=f"{name}-{i}",
                      marks=[pytest.mark.xfail(reason=case["gap"], strict=True)] if "gap" in case else [])
         for name, data in BATTERIES.items() for i, case in enumerate(data["cases"])]


def _verdicts(name: str, text: str, year: int, region: str = _REGION) -> dict[str, Verdict]:
    summary = f"{year}年{region}知识产权工作总结\n一、主要成效\n{text}\n"
    report = check(PLANS[name, region], Document(path="summary.txt", text=summary, encoding="utf-8"), Settings())
    return {v.item_id: v for v in report.verdicts}


def _shown(v: Verdict) -> str:
    return f"{v.status.value}{' review' if v.needs_review else ''} ({v.reason}: {v.message})"


@pytest.mark.parametrize(("name", "case"), CASES)
def test_phrasing(name: str, case: dict) -> None:
    verdicts = _verdicts(name, case["text"], case.get("year", BATTERIES[name]["year"]), case.get("region", _REGION))
    expect = case["expect"]
    for item, v in verdicts.items():
        wanted = [w.strip() for w in expect.get(item, "not met").split("|")]
        assert any(_ALLOWED[w](v) for w in wanted), f"{item}: {_shown(v)}, expected {expect.get(item, 'not met')}"


def test_every_expectation_names_a_plan_item_and_a_known_status() -> None:
    for name, data in BATTERIES.items():
        ids = {t["id"] for t in (*data["plan"], *(data.get("tasks") or ()))}
        for case in data["cases"]:
            assert set(case["expect"]) <= ids, (name, case)
            for wanted in case["expect"].values():
                assert all(w.strip() in _ALLOWED for w in wanted.split("|")), (name, case)


def test_the_batteries_cover_their_classes() -> None:
    assert set(BATTERIES) >= {"quantity", "from_to", "part_year", "unit_magnitude", "share", "bare_number"}
    assert all(len(data["cases"]) >= 15 for data in BATTERIES.values())


def test_a_known_gap_is_never_a_false_met() -> None:
    """A gap may leave a verdict short of what an assessor says, never met where the case says it is not."""
    for name, data in BATTERIES.items():
        for case in (c for c in data["cases"] if "gap" in c):
            verdicts = _verdicts(name, case["text"], case.get("year", data["year"]), case.get("region", _REGION))
            for item, v in verdicts.items():
                if v.status.value == "met":
                    wanted = [w.strip() for w in case["expect"].get(item, "not met").split("|")]
                    assert any(_ALLOWED[w](v) for w in wanted), (name, case["text"], item, _shown(v))


# ---------------------------------------------------------------- report-year batteries (``years:``)

YEAR_CASES = [pytest.param(case, id=f"{name}-{i}",
                           marks=[pytest.mark.xfail(reason=case["gap"], strict=True)] if "gap" in case else [])
              for name, cases in YEARS.items() for i, case in enumerate(cases)]


@pytest.mark.parametrize("case", YEAR_CASES)
def test_report_year(case: dict) -> None:
    got = read_year(Document(path="summary.txt", text=case["text"], encoding="utf-8"))
    shown = f"read {got.year} ({got.how}: {got.quote!r}), expected {case['year']}"
    assert got.year == case["year"], shown
    if case["year"] is not None:
        assert got.guess is case["guess"], f"{shown}, guess {got.guess}"


def test_every_report_year_case_says_what_and_why() -> None:
    for cases in YEARS.values():
        for case in cases:
            assert {"text", "year", "why"} <= set(case), case
            assert case["year"] is None or isinstance(case["guess"], bool), case
            assert 2 <= len(case["text"].splitlines()) <= 8, case


def test_the_report_year_battery_covers_its_forms() -> None:
    cases = YEARS["report_year"]
    assert len(cases) >= 70
    assert sum(c["year"] is None for c in cases) >= 8         # texts with no year: the tool must not guess
    assert sum(c.get("guess") is False for c in cases) >= 15  # stated years
