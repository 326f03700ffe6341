"""Examples are tests: every reading rule of ipcheck/lang/zh/*.yaml must match its ``match`` examples
and not its ``no_match`` ones (each in isolation, its blocking rules applied), and every end-to-end
case must get its status through ``check``. Meta-tests keep the data honest: unique codes, examples
of both kinds, every listed word exercised by an example."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from ipcheck.check import Settings, check
from ipcheck.lang.registry import Registry, RuleError, build, load
from ipcheck.model import Document
from ipcheck.plans.loader import parse_plan

ROOT = Path(__file__).resolve().parent.parent
LANG = ROOT / "ipcheck" / "lang" / "zh"
REG = load()
EXAMPLES = [(r.code, kind, i, ex.text) for r in REG for kind in ("match", "no_match")
            for i, ex in enumerate(getattr(r, kind))]
CASES = [(r.code, i, c) for r in REG for i, c in enumerate(r.cases)]


@pytest.mark.parametrize("code,kind,i,text", EXAMPLES, ids=[f"{c}:{k}:{i}" for c, k, i, _ in EXAMPLES])
def test_rule_example(code: str, kind: str, i: int, text: str) -> None:
    fires = REG.fires(code, text)
    assert fires is (kind == "match"), f"{code} {'misses' if kind == 'match' else 'fires on'} {text!r}"


def run_case(code: str, case) -> str:
    """The status ``check`` gives the case's one item against the case's summary."""
    item = {"id": "X1", "title": case.task} if case.task else {"id": "X1", **dict(case.target)}
    if case.due is not None:
        item["due"] = case.due
    plan = {"version": 1, "plan": {"id": "case", "title": f"{code} case", "region": "测试市"},
            ("tasks" if case.task else "targets"): [item]}
    parsed = parse_plan(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), path=f"{code}#plan")
    text = f"测试市{case.year or 2015}年知识产权工作总结\n一、主要工作\n{case.summary}\n"
    report = check(parsed, Document(path=f"{code}#summary", text=text, encoding="utf-8"),
                   Settings(year=case.year or 2015))
    return report.verdicts[0].status.value


@pytest.mark.parametrize("code,i,case", CASES, ids=[f"{c}:case:{i}" for c, i, _ in CASES])
def test_rule_case_through_check(code: str, i: int, case) -> None:
    assert run_case(code, case) == case.expect, f"{code}: {case.summary!r}"


def test_codes_are_unique_across_files() -> None:
    codes = [r["code"] for path in sorted(LANG.glob("*.yaml"))
             for r in yaml.safe_load(path.read_text(encoding="utf-8"))]
    assert len(codes) == len(set(codes)) == len(REG)
    with pytest.raises(RuleError, match="duplicate rule code"):
        build({"a": [_minimal("ZH-X-001")], "b": [_minimal("ZH-X-001")]})


def test_every_rule_has_examples_of_both_kinds_and_a_doc() -> None:
    for rule in REG:
        assert rule.match and rule.no_match, rule.code
        assert len(rule.doc) >= 40 and rule.name, rule.code


def _hits(rule, regex: re.Pattern[str], text: str) -> bool:
    return bool({"start": regex.match, "whole": regex.fullmatch}.get(rule.scope, regex.search)(text))


@pytest.mark.parametrize("code", [r.code for r in REG if not r.pattern and not r.union])
def test_every_word_is_exercised_by_an_example(code: str) -> None:
    """A word without an example that exercises it is a word nobody has checked."""
    rule = REG[code]
    missing = [item for item in rule.items()
               if not any(_hits(rule, rule.item_regex(item), ex.text) for ex in rule.match)]
    assert not missing, f"{code}: no match example exercises {missing}"


def _minimal(code: str, **more) -> dict:
    return {"code": code, "name": "n", "doc": "d", "words": ["甲"], "match": ["甲"], "no_match": ["乙"], **more}


@pytest.mark.parametrize("raw,message", [
    ({"words": ["甲"], "pattern": "甲"}, "exactly one of"),
    ({"match": []}, "match must be a non-empty list"),
    ({"scope": "everywhere"}, "scope is one of"),
    ({"blocked_by": ["ZH-NONE-001"]}, "unknown rule ZH-NONE-001"),
    ({"pattern": "({{ZH-NONE-002}}", "words": None}, "unknown rule ZH-NONE-002"),
    ({"pattern": "(", "words": None}, "bad pattern"),
    ({"colour": "red"}, "unknown keys colour"),
    ({"words": ["甲", "甲"]}, "listed twice"),
])
def test_the_schema_refuses_a_bad_rule(raw: dict, message: str) -> None:
    rule = {k: v for k, v in _minimal("ZH-X-001", **raw).items() if v is not None}
    with pytest.raises(RuleError, match=re.escape(message)):
        build({"x": [rule]})


def test_a_bad_code_is_refused() -> None:
    with pytest.raises(RuleError, match="bad rule code"):
        build({"x": [_minimal("DONE-1")]})


def test_references_expand_to_the_rule_they_name() -> None:
    reg = build({"x": [_minimal("ZH-X-001", words=["完成", "建成"]),
                       _minimal("ZH-X-002", words=None, pattern="已{{ZH-X-001}}", match=["已完成"], no_match=["完成"])]})
    assert reg["ZH-X-002"].expression == "已(?:完成|建成)"
    with pytest.raises(RuleError, match="circle"):
        build({"x": [_minimal("ZH-X-001", words=None, pattern="{{ZH-X-002}}"),
                     _minimal("ZH-X-002", words=None, pattern="{{ZH-X-001}}")]})


def test_the_registry_is_loaded_once() -> None:
    assert load() is load() and isinstance(load(), Registry)


def test_every_pattern_of_the_package_compiles() -> None:
    """load() compiles patterns on first use (fast start); the package data must compile all of them."""
    files = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(LANG.glob("*.yaml"))}
    assert len(build(files, compile_all=True)) == len(REG)


def _files() -> dict:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(LANG.glob("*.yaml"))}


def _without_word(files: dict, code: str, word: str) -> dict:
    """``files`` with ``word`` taken out of rule ``code``'s word list."""
    for rules in files.values():
        for rule in rules:
            if rule["code"] == code:
                rule["words"] = [w for w in rule["words"] if w != word]
    return files


def _failing_examples(reg: Registry, code: str) -> list[str]:
    rule = reg[code]
    return [ex.text for kind in ("match", "no_match") for ex in getattr(rule, kind)
            if reg.fires(code, ex.text) is not (kind == "match")]


def _case_status(reg: Registry, monkeypatch, case) -> str:
    from ipcheck.reading import cues
    monkeypatch.setattr(cues, "_DONE", reg.group_regex("done"))
    monkeypatch.setattr(cues, "_INTENTION", reg.group_regex("intention"))
    return run_case("ZH-DONE-003", case)


def test_adding_xinjian_without_its_guard_fails(monkeypatch) -> None:
    """The issue's example: 新建 among the completion verbs (ZH-DONE-003) but not after 计划 (ZH-INTENT-001)
    turns "我市计划新建知识产权服务工作站。" into done work. The rule's own no_match example and its
    end-to-end case catch it."""
    plan_sentence = next(c for c in REG["ZH-DONE-003"].cases if c.expect == "unreported")
    unguarded = build(_without_word(_files(), "ZH-INTENT-001", "新建"))
    assert _failing_examples(unguarded, "ZH-DONE-003") == ["我市计划新建知识产权服务工作站。"]
    assert _case_status(unguarded, monkeypatch, plan_sentence) == "met"      # the false met the tests stop


def test_with_its_guard_xinjian_is_a_completion_verb(monkeypatch) -> None:
    """With 新建 also known after 计划 the plan sentence stays a plan, and 新建…中心 done is met."""
    assert "新建" in REG.words("ZH-DONE-003") and "新建" in REG.words("ZH-INTENT-001")
    assert _failing_examples(REG, "ZH-DONE-003") == []
    for case in REG["ZH-DONE-003"].cases:
        assert _case_status(REG, monkeypatch, case) == case.expect, case.summary
