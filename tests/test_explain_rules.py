"""`ipcheck explain` names the reading rules behind each candidate: the rule that named the sentence's
section, the cue rules that fire on it (on a figure's own clause for a target) and those behind the
figure's reading (numerals, unit, qualifier, kind, warnings). Every code is one `ipcheck rules` knows."""
from __future__ import annotations

from pathlib import Path

import pytest

from ipcheck.check import Settings
from ipcheck.explain import explain
from ipcheck.inputs.documents import read_document
from ipcheck.lang.registry import load
from ipcheck.model import Document
from ipcheck.plans.loader import load_plan, parse_plan
from ipcheck.report.explain import render_text

ROOT = Path(__file__).resolve().parent.parent


def _candidates(plan: str, summary: str, item: str) -> list[dict]:
    return list(explain(load_plan(ROOT / plan), read_document(ROOT / summary), item).to_dict()["candidates"])


def test_a_quoted_target_and_the_actual_in_one_sentence_name_different_rules() -> None:
    by_value = {c["figure"]["value"]: c["rules"] for c in _candidates("plans/mianzhu-2015.yaml",
                                                                      "summaries/2015/mianzhu-2015.txt", "T1")}
    assert {"ZH-INTENT-006", "ZH-BIND-001", "ZH-UNIT-006"} <= set(by_value[370])   # 目标任务量为370件
    assert "ZH-INTENT-006" not in by_value[537] and {"ZH-DONE-003", "ZH-UNIT-006"} <= set(by_value[537])


def test_a_next_year_plan_names_the_heading_rule() -> None:
    rules = [c["rules"] for c in _candidates("plans/luzhou-2016.yaml", "summaries/2015/luzhou-2015.txt", "5")]
    assert rules and all("ZH-SECT-009" in r for r in rules)      # 三、2016年工作计划


@pytest.mark.parametrize("summary,rule", [
    ("全年建成知识产权服务站近200个。", "ZH-QUAL-001"),
    ("全年发放宣传资料1.2万余份。", "ZH-UNIT-001"),
    ("全年发放宣传资料12000余份。", "ZH-QUAL-002"),
    ("累计发放宣传资料12000份。", "ZH-BIND-004"),
])
def test_a_figure_names_the_rules_of_its_reading(summary: str, rule: str) -> None:
    noun = "知识产权服务站" if "服务站" in summary else "宣传资料"
    unit = "个" if "服务站" in summary else "份"
    plan = parse_plan(f"version: 1\nplan: {{id: p, title: t, region: 测试市}}\ntargets:\n"
                      f"  - {{id: T1, metric: {noun}, measure: level, op: '>=', value: 10, unit: {unit}}}\n")
    doc = Document(path="s.txt", text=f"测试市2015年知识产权工作总结\n一、主要工作\n{summary}\n", encoding="utf-8")
    (c,) = explain(plan, doc, "T1", Settings(year=2015)).to_dict()["candidates"]
    assert rule in c["rules"], c["rules"]


def test_every_named_rule_exists_and_the_text_shows_them() -> None:
    e = explain(load_plan(ROOT / "plans/luzhou-2016.yaml"), read_document(ROOT / "summaries/2015/luzhou-2015.txt"),
                "T11a").to_dict()
    named = {code for c in e["candidates"] for code in c["rules"]}
    assert named and named <= set(load().rules)
    text = render_text(e, limit=50)
    assert text.count("规则：") == len([c for c in e["candidates"] if c["rules"]])
    assert "rules: " in render_text(e, limit=50, lang="en")


def test_a_figure_dated_by_qunian_names_the_relative_year_rule() -> None:
    """截至去年年底…12.2件 in a 2016 meeting report, checked as 2015: 去年 dated the figure (ZH-YEAR-013);
    the plan's 18件 in the same text is dated by no relative year."""
    candidates = explain(load_plan(ROOT / "tests/series/tianjin/plan.yaml"),
                         read_document(ROOT / "tests/series/tianjin/2015-work-meeting.txt"), "T1",
                         Settings(year=2015)).to_dict()["candidates"]
    by_value = {c["figure"]["value"]: c["rules"] for c in candidates}
    assert "ZH-YEAR-013" in by_value[12.2] and "ZH-YEAR-013" not in by_value[18]
