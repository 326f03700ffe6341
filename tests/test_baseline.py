"""A target's baseline (基期值): read from the plan, checked, agreed with plan.schema.json, and
added without making earlier review decisions stale."""
from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from ipcheck.errors import PlanError
from ipcheck.model import Baseline
from ipcheck.plans import schema as fmt
from ipcheck.plans.loader import load_plan, parse_plan
from ipcheck.reviews import _plain, item_fingerprint

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = fmt.load_schema()
VALIDATOR = Draft202012Validator(SCHEMA)
HEAD = "version: 1\nplan: {id: t, title: 标题, region: 某市}\ntargets:\n"
TARGET = "  - {id: T1, metric: 专利申请量, measure: level, op: '>=', value: 18, unit: 件, due: 2020"


def _plan(baseline: str) -> str:
    return HEAD + TARGET + (f", baseline: {baseline}" if baseline else "") + "}\n"


def test_the_tianjin_plan_states_its_baseline() -> None:
    plan = load_plan(ROOT / "tests" / "series" / "tianjin" / "plan.yaml")
    assert plan.targets[0].baseline == Baseline(2015, 12.2, "每万人口发明专利拥有量达到12.2件")


@pytest.mark.parametrize("baseline, problem", [
    ("{year: 2020, value: 3}", "targets[0] (T1).baseline: the base year 2020 must come before the due year 2020"),
    ("{year: 2015}", "targets[0] (T1).baseline: missing required field 'value'"),
    ("{year: 2015, value: '12'}", "targets[0] (T1).baseline: 'value' must be a number, got a string"),
    ("{year: 2015, value: 1, when: x}", "targets[0] (T1).baseline: unknown key 'when'"),
    ("12.2", "targets[0] (T1).baseline: the baseline must be a mapping (key: value), got a decimal number"),
])
def test_a_bad_baseline_is_one_problem_at_its_line(baseline: str, problem: str) -> None:
    with pytest.raises(PlanError) as info:
        parse_plan(_plan(baseline))
    messages = [p.message for p in info.value.problems]
    assert len(messages) == 1 and messages[0].startswith(problem), messages
    assert info.value.problems[0].line == 4
    assert not VALIDATOR.is_valid(yaml.safe_load(_plan(baseline))) or "2020" in baseline   # year order: loader only


def test_loader_and_schema_share_the_baseline_keys() -> None:
    node = SCHEMA["$defs"]["target"]["properties"]["baseline"]
    assert list(node["properties"]) == list(fmt.BASELINE_KEYS)
    assert sorted(node["required"]) == sorted(fmt.BASELINE_REQUIRED)
    text = _plan("{year: 2015, value: 12.2, source: 由12.2件提高到18件}")
    assert VALIDATOR.is_valid(yaml.safe_load(text))
    assert parse_plan(text).targets[0].baseline == Baseline(2015, 12.2, "由12.2件提高到18件")


def _old_fingerprint(item) -> str:
    """The print before baselines existed: every field but the line."""
    fields = {f.name: _plain(getattr(item, f.name)) for f in dataclasses.fields(item)
              if f.name not in ("line", "baseline")}
    fields["kind"] = "target"
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_adding_the_field_left_earlier_decisions_applied() -> None:
    """A target without a baseline prints as before; giving it one is an edit of the item."""
    plain = parse_plan(_plan("")).targets[0]
    based = parse_plan(_plan("{year: 2015, value: 12.2}")).targets[0]
    assert item_fingerprint(plain) == _old_fingerprint(plain)
    assert item_fingerprint(based) != item_fingerprint(plain)
    assert item_fingerprint(dataclasses.replace(based, baseline=Baseline(2015, 12.3))) != item_fingerprint(based)
