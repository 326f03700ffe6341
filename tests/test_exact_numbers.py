"""Numbers are exact decimals from reading to comparison to output: a float never reaches a figure, a
plan value, a conversion, a verdict or a report (17.76万件 is 177600, not 177600.00000000003)."""
from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from enum import Enum
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, strategies as st

from ipcheck.check import Settings, check
from ipcheck.cli import main
from ipcheck.inputs.documents import read_document
from ipcheck.model import Document, Figure, Report
from ipcheck.plans.loader import load_plan, parse_plan
from ipcheck.reading.figures import extract_figures
from ipcheck.report import render
from ipcheck.units import UNITS, convert, exact, format_number, magnitudes, plain, scalable, unit

ROOT = Path(__file__).resolve().parent.parent
# Scores are similarities, not quantities: the only floats a verdict may hold.
SCORES = {"confidence", "score"}


def _floats(value: object, path: str = "") -> list[str]:
    """Every float inside ``value`` (dataclasses, tuples, dicts), but scores, by where it is."""
    if isinstance(value, bool) or isinstance(value, Enum):
        return []
    if isinstance(value, float):
        return [path]
    if dataclasses.is_dataclass(value):
        return [p for f in dataclasses.fields(value) if f.name not in SCORES
                for p in _floats(getattr(value, f.name), f"{path}.{f.name}")]
    if isinstance(value, (tuple, list)):
        return [p for i, v in enumerate(value) for p in _floats(v, f"{path}[{i}]")]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _floats(v, f"{path}[{k}]")]
    return []


def _reports() -> list[Report]:
    """The reports of every hand-checked case and every rule case."""
    out = []
    for case in sorted((ROOT / "tests" / "cases").glob("*/case.yaml")):
        c = yaml.safe_load(case.read_text(encoding="utf-8"))
        out.append(check(load_plan(ROOT / c["plan"]), read_document(ROOT / c["summary"]), Settings(year=c.get("year"))))
    for path in sorted((ROOT / "tests" / "rules").glob("*.yaml")):
        c = yaml.safe_load(path.read_text(encoding="utf-8"))
        plan = parse_plan(_rule_plan(c, path.stem), path=path.name)
        out.append(check(plan, Document(path=path.name, text=c["summary"], encoding="utf-8"), Settings(year=c.get("year"))))
    return out


def _rule_plan(case: dict, name: str) -> str:
    doc = {"version": 1, "plan": {"id": name.replace("_", "-"), "title": "t", "region": "测试市"}}
    doc.update({k: case[k] for k in ("targets", "tasks") if case.get(k)})
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


def test_no_float_in_any_verdict_figure_or_plan_value() -> None:
    reports = _reports()
    assert sum(1 for r in reports for v in r.verdicts if v.figure is not None) >= 10
    for report in reports:
        assert _floats(report) == [], report.plan.meta.id
        for v in report.verdicts:
            if v.figure is not None:
                assert isinstance(v.figure.value, Decimal)
        assert all(isinstance(t.value, Decimal) for t in report.plan.targets)


def test_17_76_wan_is_177600_exactly_to_the_json() -> None:
    (f,) = extract_figures("全市有效注册商标17.76万件。")
    assert f.value == Decimal("177600") and isinstance(f.value, Decimal) and (f.low, f.high) == (f.value, f.value)
    plan = parse_plan("version: 1\nplan: {id: p, title: t, region: 测试市}\ntargets:\n"
                      "  - {id: T1, metric: 有效注册商标, measure: level, op: '==', value: 177600, unit: 件}\n")
    doc = Document(path="s.txt", text="测试市2015年知识产权工作总结\n一、主要工作\n全市有效注册商标17.76万件。\n",
                   encoding="utf-8")
    report = check(plan, doc, Settings(year=2015))
    assert report.verdicts[0].status.value == "met"          # == holds exactly, no tolerance needed
    data = json.loads(render(report, "json"))
    figure = data["items"][0]["figure"]
    assert figure["value"] == 177600 and isinstance(figure["value"], int)
    assert '"value": 177600,' in render(report, "json")


def test_the_figures_command_prints_exact_values(tmp_path: Path) -> None:
    summary = tmp_path / "s.txt"
    summary.write_text("2015年测试市知识产权工作总结\n一、主要工作\n资助资金140.6万元,有效注册商标17.76万件。\n",
                       encoding="utf-8")
    rows = json.loads(CliRunner().invoke(main, ["figures", str(summary), "--format", "json"]).output)["figures"]
    assert [(r["value"], r["unit"]) for r in rows] == [(140.6, "万元"), (177600, "件")]


_DECIMALS = st.decimals(min_value=Decimal("0"), max_value=Decimal("1e12"), places=6, allow_nan=False,
                        allow_infinity=False)
_FAMILIES: dict[str, list[str]] = {}
for _name, _u in UNITS.items():
    _FAMILIES.setdefault(_u.family, []).append(_name)
_PAIRS = [(a, b) for names in _FAMILIES.values() for a in names for b in names]


@given(_DECIMALS, st.sampled_from(_PAIRS))
def test_a_conversion_there_and_back_is_exact(value: Decimal, pair: tuple[str, str]) -> None:
    src, dst = pair
    there = convert(value, src, dst)
    assert isinstance(there, Decimal)
    assert convert(there, dst, src) == value


@given(_DECIMALS)
def test_money_scales_are_exact(value: Decimal) -> None:
    assert convert(value, "万元", "元") == value * 10000
    assert convert(value, "亿元", "万元") == value * 10000
    assert convert(value, "万", "亿元") == value / 10000


def test_a_magnitude_scales_every_scalable_unit_everywhere() -> None:
    """万件 is 10^4 件 in a plan as in a summary; a rate, a difference or a duration takes no magnitude."""
    for base in scalable():
        for m, factor in magnitudes().items():
            u = unit(m + base)
            assert u is not None and u.factor == factor * unit(base).factor and u.family == unit(base).family
    assert unit("万%") is None and unit("万个百分点") is None and unit("万年") is None and unit("万倍") is None
    assert convert(Decimal("17.76"), "万件", "件") == 177600


def test_every_prefixed_unit_is_its_magnitude_times_its_base() -> None:
    for name, u in UNITS.items():
        for m, factor in magnitudes().items():
            base = name[len(m):]
            if name.startswith(m) and base in UNITS and UNITS[base].family == u.family:
                assert u.factor == factor * UNITS[base].factor, name
                break


@pytest.mark.parametrize("value,text", [(Decimal("1750.00"), "1750"), (Decimal("28.50"), "28.5"), (1750, "1750"),
                                        (Decimal("0.0005"), "0.0005"), (28.5, "28.5")])
def test_numbers_are_written_as_people_write_them(value: object, text: str) -> None:
    assert format_number(value) == text


def test_plain_and_exact() -> None:
    assert plain(Decimal("177600.00")) == 177600 and plain(Decimal("140.60")) == 140.6 and plain(None) is None
    assert exact(1.67) == Decimal("1.67") and exact(3) == Decimal(3)
    with pytest.raises(TypeError):
        exact(True)
    assert unit("个百分点").factor == Decimal(1) and isinstance(unit("亩").factor, Decimal)
