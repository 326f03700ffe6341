"""Tests of the plan loader, and of its agreement with ipcheck/plan.schema.json."""
from __future__ import annotations

import importlib.util

import codecs
from decimal import Decimal
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from jsonschema import Draft202012Validator

from ipcheck.plans import schema as fmt
from ipcheck.errors import IpcheckError, PlanError
from ipcheck.model import Measure, Op, Plan, Target, Task
from ipcheck.plans.loader import load_plan, parse_plan
from ipcheck.units import UNITS, unit

PLANS = Path(__file__).parent / "plans"
ROOT = Path(__file__).resolve().parent.parent
VALID = sorted((PLANS / "valid").glob("*.yaml"))
INVALID = sorted((PLANS / "invalid").glob("*.yaml"))
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load(
    (PLANS / "invalid" / "expected.yaml").read_text(encoding="utf-8"))
INVALID = [p for p in INVALID if p.name != "expected.yaml"]
SCHEMA = fmt.load_schema()
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)

MINIMAL = "version: 1\nplan: {id: t, title: 标题, region: 某市}\n"


def _jsonable(x: Any) -> Any:
    """YAML data as an editor's schema validator sees it: dates are strings."""
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_jsonable(v) for v in x]
    return x.isoformat() if isinstance(x, date) else x


def schema_accepts(path: Path) -> bool:
    """Whether plan.schema.json accepts the file (a file safe_load refuses is not accepted)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, ValueError):
        return False
    return VALIDATOR.is_valid(_jsonable(data))


def problems_of(text: str) -> list[str]:
    with pytest.raises(PlanError) as info:
        parse_plan(text)
    return [f"{p.line}: {p.message}" for p in info.value.problems]


# --- fixtures: loader and schema agree ------------------------------------------------------

def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"]


def test_there_are_enough_fixtures() -> None:
    assert len(VALID) >= 5 and len(INVALID) >= 15


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_loads_and_passes_schema(path: Path) -> None:
    plan = load_plan(path)
    assert isinstance(plan, Plan) and plan.targets + plan.tasks
    assert schema_accepts(path)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_reports_expected_problems(path: Path) -> None:
    spec = EXPECTED[path.name]
    with pytest.raises(PlanError) as info:
        load_plan(path)
    got = list(info.value.problems)
    assert all(p.path == str(path) for p in got)
    unmatched = list(got)
    for want in spec["problems"]:
        line_text, _, words = want.partition(": ")
        line = None if line_text == "-" else int(line_text)
        hit = next((p for p in unmatched if p.line == line and words in p.message), None)
        assert hit is not None, f"no problem '{want}' in {[str(p) for p in got]}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected problems: {[str(p) for p in unmatched]}"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_schema_agrees_unless_loader_only(path: Path) -> None:
    loader_only = EXPECTED[path.name].get("loader_only", False)
    assert schema_accepts(path) is loader_only


def test_expectations_and_fixtures_match_one_to_one() -> None:
    assert set(EXPECTED) == {p.name for p in INVALID}


def test_messages_start_with_their_context() -> None:
    contexts = ("plan file:", "plan:", "plan.period:", "targets[", "tasks[", "YAML")
    for path in INVALID:
        with pytest.raises(PlanError) as info:
            load_plan(path)
        for p in info.value.problems:
            assert p.message.startswith(contexts) or p.line is None, p.message
            assert "\n" not in p.message


# --- schema and loader share one vocabulary -----------------------------------------------

def _defs(name: str) -> dict[str, Any]:
    return SCHEMA["$defs"][name]


@pytest.mark.parametrize("keys, required, node", [
    (fmt.TOP_KEYS, fmt.TOP_REQUIRED, lambda: SCHEMA),
    (fmt.PLAN_KEYS, fmt.PLAN_REQUIRED, lambda: _defs("meta")),
    (fmt.PERIOD_KEYS, fmt.PERIOD_REQUIRED, lambda: _defs("meta")["properties"]["period"]),
    (fmt.TARGET_KEYS, fmt.TARGET_REQUIRED, lambda: _defs("target")),
    (fmt.TASK_KEYS, fmt.TASK_REQUIRED, lambda: _defs("task")),
], ids=["top", "plan", "period", "target", "task"])
def test_allowed_and_required_keys_equal_schema(keys: tuple, required: tuple, node: Any) -> None:
    schema = node()
    assert list(schema["properties"]) == list(keys)
    assert sorted(schema["required"]) == sorted(required)
    assert schema["additionalProperties"] is False


def test_enums_equal_model() -> None:
    target = _defs("target")["properties"]
    assert target["measure"]["enum"] == [m.value for m in Measure]
    assert target["op"]["enum"] == [o.value for o in Op] + list(fmt.OP_ALIASES)
    assert SCHEMA["properties"]["version"]["const"] == fmt.FORMAT_VERSION


def _unit_enum() -> list[str]:
    return _defs("target")["properties"]["unit"]["anyOf"][0]["enum"]


@pytest.mark.parametrize("name, factor, family", [
    ("万件", 1e4, "item"), ("亿元", 1e8, "money"), ("万亿元", 1e12, "money"), ("千家", 1e3, "organisation"),
    ("百万人次", 1e6, "attendance"), ("万%", None, None), ("万倍", None, None), ("万年", None, None),
    ("万xyz", None, None)])
def test_a_magnitude_before_a_known_unit_is_that_unit_scaled(name: str, factor, family) -> None:
    u = unit(name)
    assert (u is None) if factor is None else (u.factor == factor and u.family == family)  # type: ignore[union-attr]
    text = MINIMAL + f"targets:\n  - {{id: T, metric: m, measure: level, op: '>=', value: 3.5, unit: '{name}'}}\n"
    assert VALIDATOR.is_valid(yaml.safe_load(text)) is (factor is not None)
    if factor is not None:
        target = parse_plan(text).targets[0]
        assert (target.value, target.unit) == (3.5, name)      # kept as written, exact
    else:
        with pytest.raises(PlanError):
            parse_plan(text)


def test_unit_enum_equals_unit_table() -> None:
    names = _unit_enum()
    assert set(UNITS) <= set(names)
    assert all(unit(n) is not None for n in names)


def test_unit_enum_is_generated_from_the_unit_data() -> None:
    """plan.schema.json's unit list is written by tools/gen_plan_schema.py from ipcheck/lang/zh/units.yaml."""
    assert _unit_enum() == fmt.unit_names()
    assert _defs("target")["properties"]["unit"]["anyOf"][1]["pattern"] == fmt.scaled_unit_pattern()
    spec = importlib.util.spec_from_file_location("gen_plan_schema", ROOT / "tools" / "gen_plan_schema.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert gen.generated() == (ROOT / "ipcheck" / "plan.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("measure", list(Measure), ids=lambda m: m.value)
def test_unit_vs_measure_rule_equals_schema(measure: Measure) -> None:
    for name in _unit_enum():
        text = MINIMAL + (f"targets:\n  - {{id: T, metric: m, measure: {measure.value}, "
                          f"op: '>=', value: 1, unit: '{name}'}}\n")
        in_schema = VALIDATOR.is_valid(yaml.safe_load(text))
        fits = fmt.unit_fits(measure, unit(name))  # type: ignore[arg-type]
        assert in_schema is fits, (measure, name)
        try:
            parse_plan(text)
            loaded = True
        except PlanError:
            loaded = False
        assert loaded is fits, (measure, name)


def test_year_bounds_equal_schema() -> None:
    year = _defs("year")
    assert (year["minimum"], year["maximum"]) == (fmt.YEAR_MIN, fmt.YEAR_MAX)


# --- the loaded Plan -------------------------------------------------------------------------

def test_luzhou_plan_is_loaded_faithfully() -> None:
    path = PLANS / "valid" / "luzhou-2016.yaml"
    plan = load_plan(path)
    assert plan.path == str(path)
    meta = plan.meta
    assert (meta.id, meta.region, meta.issuer) == ("luzhou-2016", "泸州市", "泸州市人民政府")
    assert meta.issued == "2016-03-18" and meta.document_no == "泸市府办发〔2016〕12号"
    assert (meta.period.start, meta.period.end) == (2016, 2016)  # type: ignore[union-attr]
    t = plan.targets[0]
    assert t == Target(id="T11a", metric="专利申请量", measure=Measure.LEVEL, op=Op.GE,
                       value=1750, unit="件", due=2016, aliases=("专利申请", "申请专利"),
                       exclude=("发明专利申请", "企业专利申请"), source="全市专利申请1750件",
                       line=12)
    growth = plan.targets[1]
    assert (growth.op, growth.unit, growth.due, growth.line) == (Op.GE, "%", 2016, 22)
    assert plan.targets[2].value == Decimal("1.2") and plan.targets[2].due is None    # exact, as written
    assert plan.tasks[0] == Task(id="6", title="引导大中型骨干企业开展知识产权战略研究和专利导航工作",
                                 keywords=("知识产权战略研究", "专利导航"), owners=("市科知局",),
                                 due=2016, section="推进企业知识产权主体培育工程", line=36)
    assert plan.tasks[1].title == "开展知识产权优势企业培育" and plan.tasks[1].id == "7"
    assert isinstance(plan.targets, tuple) and isinstance(plan.tasks, tuple)


def test_op_aliases_and_fullwidth_units_are_normalised() -> None:
    plan = load_plan(PLANS / "valid" / "measures-and-ops.yaml")
    ops = [t.op for t in plan.targets]
    assert ops == [Op.GE, Op.GT, Op.GE, Op.LE, Op.EQ, Op.LT, Op.LE]
    assert plan.targets[2].unit == "%" and plan.targets[2].measure is Measure.ANNUAL_GROWTH


def test_dates_become_years() -> None:
    plan = load_plan(PLANS / "valid" / "dates.yaml")
    assert [t.due for t in plan.tasks] == [2020, 2018, 2019]
    assert plan.meta.issued == "2016-02-29"
    assert plan.meta.period is not None and plan.meta.period.end == 2020


def test_parse_plan_default_path_and_pathlike() -> None:
    plan = parse_plan(MINIMAL + "tasks: [{id: 1, title: x}]\n")
    assert plan.path == "<plan>" and plan.tasks[0].id == "1" and plan.targets == ()
    with pytest.raises(PlanError) as info:
        parse_plan("version: 1\n", path="my.yaml")
    assert str(info.value).startswith("my.yaml:1: ")


# --- files, encodings, limits ----------------------------------------------------------------

GOOD = MINIMAL + "tasks:\n  - {id: K1, title: 专利导航}\n"


@pytest.mark.parametrize("encode", [
    lambda s: s.encode("utf-8"),
    lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    lambda s: s.encode("gb18030"),
    lambda s: s.replace("\n", "\r\n").encode("utf-8"),
    lambda s: s.encode("utf-16"),
], ids=["utf8", "utf8-bom", "gb18030", "crlf", "utf16-bom"])
def test_encodings(tmp_path: Path, encode: Any) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(encode(GOOD))
    plan = load_plan(path)
    assert plan.tasks[0].title == "专利导航" and plan.tasks[0].line == 4


def test_parse_plan_accepts_text_with_bom() -> None:
    assert parse_plan("\ufeff" + GOOD).meta.title == "标题"


@pytest.mark.parametrize("make, words", [
    (lambda d: d / "missing.yaml", "not found"),
    (lambda d: d, "directory"),
    (lambda d: _write(d, b"\xff\xfe\xfa" * 3 + b"\x80\x80"), "cannot decode"),
    (lambda d: _write(d, b"version: 1\x00\x00"), "binary"),
    (lambda d: _write(d, b""), "empty"),
    (lambda d: _write(d, b"  \n# only a comment\n"), "empty"),
    (lambda d: _write(d, b"#" * (fmt.MAX_BYTES + 1)), "larger than 5 MB"),
], ids=["missing", "directory", "undecodable", "binary", "empty", "blank", "too-large"])
def test_unreadable_files_give_one_problem_naming_the_file(tmp_path: Path, make: Any,
                                                           words: str) -> None:
    path = make(tmp_path)
    with pytest.raises(IpcheckError) as info:
        load_plan(path)
    assert isinstance(info.value, PlanError)
    problems = info.value.problems
    assert len(problems) == 1 and words in problems[0].message
    assert str(path) in str(info.value)


def _write(directory: Path, data: bytes) -> Path:
    path = directory / "plan.yaml"
    path.write_bytes(data)
    return path


def test_parse_plan_refuses_huge_text() -> None:
    assert "larger than 5 MB" in problems_of("#" * (fmt.MAX_BYTES + 1))[0]


# --- hostile YAML ----------------------------------------------------------------------------

def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = "version: 1\n" + "\n".join(lines) + "\n"
    start = time.perf_counter()
    got = problems_of(text)
    assert time.perf_counter() - start < 2
    assert sum("alias '*a" in p for p in got) == 9       # one per line, never expanded


@pytest.mark.parametrize("text", ["[" * 100_000, "a:\n" + "".join(" " * i + "b:\n"
                                                              for i in range(1, 200)),
                                  "- " * 5000 + "x"], ids=["flow", "block", "seq"])
def test_deep_nesting_is_a_problem_not_a_crash(text: str) -> None:
    got = problems_of(text)
    assert any("nesting deeper than 50" in p or "syntax error" in p for p in got)


def test_python_tags_are_never_constructed() -> None:
    text = MINIMAL + "tasks:\n  - id: K1\n    title: !!python/object/apply:os.system [exit 1]\n"
    assert "unsupported YAML tag" in problems_of(text)[0]


def test_tagged_collections_and_keys_are_refused() -> None:
    got = problems_of(MINIMAL + "tasks: !!set {a, b}\n? [x]\n: y\n")
    assert any("unsupported YAML tag" in p for p in got)
    assert any("keys must be plain words" in p for p in got)


def test_problem_count_is_capped() -> None:
    text = MINIMAL + "tasks:\n" + "".join(f"  - {{id: K, titel: {i}}}\n" for i in range(500))
    got = problems_of(text)
    assert len(got) == fmt.MAX_PROBLEMS + 1 and "more problems" in got[-1]


def test_huge_numbers_are_problems() -> None:
    text = MINIMAL + "targets:\n  - {id: T, metric: m, measure: level, op: '>=', unit: 件, " \
                     f"value: {'9' * 5000}}}\n"
    assert "value" in problems_of(text)[0]
    text = text.replace("9" * 5000, "1" + "0" * 400)
    assert "finite" in problems_of(text)[0]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_plan_or_a_plan_error(text: str) -> None:
    try:
        parse_plan(text)
    except PlanError as err:
        assert err.problems and all(isinstance(p.message, str) for p in err.problems)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_fixtures_give_a_plan_or_a_plan_error(data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(VALID)).read_text(encoding="utf-8")
    at = data.draw(st.integers(0, len(source)))
    cut = data.draw(st.integers(0, 20))
    insert = data.draw(st.text(alphabet=" \n-:[]{}&*!'\"#>|%@`,?0aé专\t", max_size=5))
    try:
        plan = parse_plan(source[:at] + insert + source[at + cut:])
    except PlanError as err:
        assert err.problems
    else:
        assert plan.targets or plan.tasks
