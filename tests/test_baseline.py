"""A target's baseline (基数, 基期值): a number or {year, value, source}, read from the plan, checked,
agreed with plan.schema.json; the later optional fields leave earlier review decisions applied."""
from __future__ import annotations

import dataclasses
import hashlib
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from ipcheck.errors import PlanError
from ipcheck.model import Baseline
from ipcheck.plans import schema as fmt
from ipcheck.plans.loader import load_plan, parse_plan
from ipcheck.reviews import _plain, item_fingerprint
from ipcheck.verdicts.pace import baseline_of

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = fmt.load_schema()
VALIDATOR = Draft202012Validator(SCHEMA)
HEAD = "version: 1\nplan: {id: t, title: 标题, region: 某市}\ntargets:\n"
TARGET = "  - {id: T1, metric: 专利申请量, measure: level, op: '>=', value: 18, unit: 件, due: 2020"


def _plan(baseline: str) -> str:
    return HEAD + TARGET + (f", baseline: {baseline}" if baseline else "") + "}\n"


def test_the_tianjin_plan_states_its_baseline() -> None:
    plan = load_plan(ROOT / "tests" / "series" / "tianjin" / "plan.yaml")
    t1 = plan.targets[0]
    assert (t1.baseline, t1.baseline_year, t1.baseline_source) == (D("12.2"), 2015, "每万人口发明专利拥有量达到12.2件")
    assert baseline_of(t1, plan.meta.period) == Baseline(2015, D("12.2"), "每万人口发明专利拥有量达到12.2件")


@pytest.mark.parametrize("baseline, period, expected", [
    ("14", None, None),                                   # a number and no period: no year to start from
    ("14", "{start: 2016, end: 2020}", Baseline(2015, 14)),
    ("{year: 2013, value: 14}", "{start: 2016, end: 2020}", Baseline(2013, 14)),
])
def test_a_number_starts_the_year_before_the_period(baseline: str, period, expected) -> None:
    text = _plan(baseline)
    if period:
        text = text.replace("region: 某市}", f"region: 某市, period: {period}}}")
    plan = parse_plan(text)
    assert baseline_of(plan.targets[0], plan.meta.period) == expected


@pytest.mark.parametrize("baseline, problem", [
    ("{year: 2020, value: 3}", "targets[0] (T1).baseline: the base year 2020 must come before the due year 2020"),
    ("{year: 2015}", "targets[0] (T1).baseline: missing required field 'value'"),
    ("{year: 2015, value: '12'}", "targets[0] (T1).baseline: 'value' must be a number, got a string"),
    ("{year: 2015, value: 1, when: x}", "targets[0] (T1).baseline: unknown key 'when'"),
    ("'12.2'", "targets[0] (T1): 'baseline' must be a number, got a string"),
    ("[1, 2]", "targets[0] (T1).baseline: the baseline (a number or {year, value}) must be a mapping"),
])
def test_a_bad_baseline_is_one_problem_at_its_line(baseline: str, problem: str) -> None:
    with pytest.raises(PlanError) as info:
        parse_plan(_plan(baseline))
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 1 and messages[0].startswith(problem), messages
    assert info.value.problems[0].line == 4
    assert not VALIDATOR.is_valid(yaml.safe_load(_plan(baseline))) or "2020" in baseline   # year order: loader only


def test_loader_and_schema_share_the_baseline_keys() -> None:
    node = SCHEMA["$defs"]["target"]["properties"]["baseline"]["anyOf"][1]
    assert list(node["properties"]) == list(fmt.BASELINE_KEYS)
    assert sorted(node["required"]) == sorted(fmt.BASELINE_REQUIRED)
    text = _plan("{year: 2015, value: 12.2, source: 由12.2件提高到18件}")
    assert VALIDATOR.is_valid(yaml.safe_load(text))
    t1 = parse_plan(text).targets[0]
    assert (t1.baseline, t1.baseline_year, t1.baseline_source) == (D("12.2"), 2015, "由12.2件提高到18件")
    assert VALIDATOR.is_valid(yaml.safe_load(_plan("14"))) and parse_plan(_plan("14")).targets[0].baseline == 14


def _old_fingerprint(item) -> str:
    """The print before of, baseline and every existed: every field but the line."""
    fields = {f.name: _plain(getattr(item, f.name)) for f in dataclasses.fields(item)
              if f.name not in ("line", "of", "baseline", "every", "baseline_year", "baseline_source")}
    fields["kind"] = "target"
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_adding_the_field_left_earlier_decisions_applied() -> None:
    """A target without a baseline prints as before; giving it one is an edit of the item."""
    plain = parse_plan(_plan("")).targets[0]
    based = parse_plan(_plan("{year: 2015, value: 12.2}")).targets[0]
    assert item_fingerprint(plain) == _old_fingerprint(plain)
    assert item_fingerprint(based) != item_fingerprint(plain)
    assert item_fingerprint(dataclasses.replace(based, baseline=12.3)) != item_fingerprint(based)
    assert item_fingerprint(dataclasses.replace(based, baseline_year=2014)) != item_fingerprint(based)
