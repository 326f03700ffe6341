"""`ipcheck explain`: the candidates behind one item's verdict, classified by the verdict rules
themselves, and the verdict exactly as `ipcheck check` gives it."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ipcheck.check import Settings, check, prepare
from ipcheck.cli import main
from ipcheck.inputs.documents import read_document
from ipcheck.errors import IpcheckError
from ipcheck.explain import explain
from ipcheck.i18n import CATALOGUE, placeholders
from ipcheck.plans.loader import load_plan
from ipcheck.verdicts.decide import Thresholds
from ipcheck.verdicts.tasks import TASK_DETAILS, TASK_GROUPS

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases").glob("*/case.yaml"))
TARGET_CLASSES = ("actual", "below_floor", "completion", "next_plan", "problems", "front", "intention", "stated_target",
                  "other_year", "multi_year", "after_due", "baseline", "bare_number",
                  "level_only")

# A summary whose only word on task 1 is in 存在的问题, and a next-year figure for nothing in the plan.
PLAN = """version: 1
plan: {id: demo-2015, title: 示范市知识产权工作计划, region: 示范市}
tasks:
  - {id: "1", title: 建立知识产权维权援助中心, keywords: [维权援助中心], due: 2015}
  - {id: "2", title: 开展专利行政执法, keywords: [专利行政执法], due: 2015}
targets:
  - {id: T1, metric: 专利申请量, measure: level, op: ">=", value: 1500, unit: 件, due: 2015}
"""
SUMMARY = """2015年示范市知识产权工作总结
一、工作成效
2015年,全市专利申请1796件,同比增长26%。
二、存在的问题
知识产权维权援助中心建设滞后,维权援助中心尚未建立。
三、2016年工作计划
力争2016年专利申请达到2000件。
"""


@lru_cache(maxsize=None)
def _pair(case_path: Path):
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    plan, document = load_plan(SAMPLES / case["plan"]), read_document(SAMPLES / case["summary"])
    return plan, document, check(plan, document), prepare(plan, document)


ITEMS = [(c, str(i)) for c in CASES for i in yaml.safe_load(c.read_text(encoding="utf-8"))["items"]]


@pytest.mark.parametrize("case_path,item", ITEMS, ids=[f"{c.parent.name}:{i}" for c, i in ITEMS])
def test_explain_gives_the_verdict_check_gives(case_path: Path, item: str) -> None:
    plan, document, report, prepared = _pair(case_path)
    got = explain(plan, document, item, prepared=prepared)
    want = next(v for v in report.verdicts if v.item_id == item)
    assert got.verdict == want      # status, needs_review, reason, message, evidence, figure: all of it
    d = got.to_dict()
    assert (d["verdict"]["status"], d["verdict"]["reason"], d["verdict"]["needs_review"]) == \
        (want.status.value, want.reason, want.needs_review)
    kind = d["item"]["kind"]
    for c in d["candidates"]:
        if kind == "target":
            assert c["class"] in TARGET_CLASSES and (c["compare"] is not None) == (c["class"] == "actual")
        else:
            assert c["class"] in TASK_GROUPS and c["detail"] in {"", *TASK_DETAILS.get(c["class"], ())}
    # The candidates marked as deciding are exactly the verdict's evidence.
    decided = sorted(c["line"] for c in d["candidates"] if c["decided"])
    assert decided == sorted(e.line for e in want.evidence)
    assert [c["rank"] for c in d["candidates"]] == list(range(1, len(d["candidates"]) + 1))
    assert [c["score"] for c in d["candidates"]] == sorted((c["score"] for c in d["candidates"]), reverse=True)


@pytest.mark.parametrize("case_path", CASES, ids=[c.parent.name for c in CASES])
def test_an_excluded_figure_names_the_reason_of_the_verdict(case_path: Path) -> None:
    """target.only_in_X: the best counted-out candidate is classified X (one implementation)."""
    plan, document, report, prepared = _pair(case_path)
    seen = 0
    for v in report.verdicts:
        if v.kind != "target" or not v.reason.startswith("target.only_") and v.reason != "target.other_year":
            continue
        d = explain(plan, document, v.item_id, prepared=prepared).to_dict()
        first = next(c for c in d["candidates"] if c["class"] not in ("actual", "below_floor"))
        code = {"only_in_next_plan": "next_plan", "only_in_problems": "problems", "only_in_front": "front",
                "only_as_target": "stated_target", "only_as_intention": "intention",
                "other_year": "other_year"}[v.reason.split(".", 1)[1]]
        assert first["class"] == code and first["decided"]
        seen += 1
    assert seen or case_path.parent.name != "luzhou-2016"


def test_a_target_only_in_the_next_year_plan_shows_that() -> None:
    plan, document, _, prepared = _pair(ROOT / "tests" / "cases" / "luzhou-2016" / "case.yaml")
    d = explain(plan, document, "T2", prepared=prepared).to_dict()
    assert d["verdict"]["reason"] == "target.only_in_next_plan"
    assert [(c["line"], c["section"], c["class"], c["decided"]) for c in d["candidates"]] == \
        [(89, "next_plan", "next_plan", True)]


@pytest.fixture()
def demo(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "summary.txt").write_text(SUMMARY, encoding="utf-8")
    return tmp_path / "plan.yaml", tmp_path / "summary.txt"


def test_a_task_named_only_among_the_problems_shows_that(demo) -> None:
    plan, document = load_plan(demo[0]), read_document(demo[1])
    d = explain(plan, document, "1").to_dict()
    best = d["candidates"][0]
    assert (best["line"], best["section"], best["class"], best["decided"], best["head"]) == \
        (5, "problems", "problems", True, True)
    assert d["verdict"]["reason"] == "task.only_in_problems" and d["verdict"]["status"] == "missed"
    assert d["item"]["head"] == "中心"
    assert explain(plan, document, "2").to_dict()["candidates"] == []


def test_settings_reach_the_explanation(demo) -> None:
    plan, document = load_plan(demo[0]), read_document(demo[1])
    strict = Settings(year=2016, thresholds=Thresholds(task_review=0.99))
    d = explain(plan, document, "1", strict).to_dict()
    assert d["summary"]["year"] == 2016 and d["thresholds"]["task_review"] == 0.99
    assert [c["class"] for c in d["candidates"]] == ["below_floor"]
    assert d["verdict"]["reason"] == "task.unreported"


def test_an_unknown_item_is_an_error_naming_the_closest_ids() -> None:
    plan, document, _, _ = _pair(ROOT / "tests" / "cases" / "guanghan-2015" / "case.yaml")
    with pytest.raises(IpcheckError) as err:
        explain(plan, document, "T7")
    assert "'T7'" in str(err.value) and err.value.hint.startswith("closest ids: ")
    assert {"T1", "7"} <= set(err.value.hint.removeprefix("closest ids: ").split(", "))


@pytest.fixture()
def run(monkeypatch):
    monkeypatch.chdir(SAMPLES)
    return lambda *args: CliRunner().invoke(main, ["explain", *args], catch_exceptions=False)


GUANGHAN = ("plans/guanghan-2015.yaml", "summaries/2015/guanghan-2015.txt")


def test_cli_unknown_item_is_one_line_and_exit_2(run) -> None:
    result = run(*GUANGHAN, "T7")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("ipcheck: plans/guanghan-2015.yaml: 方案中没有第 'T7' 项")
    assert "最接近的编号：" in result.stderr and "T1" in result.stderr
    english = run(*GUANGHAN, "T7", "--lang", "en")
    assert english.stderr.startswith("ipcheck: plans/guanghan-2015.yaml: no item 'T7'")
    assert "closest ids: " in english.stderr


def test_cli_text_quotes_the_evidence_line_in_chinese_by_default(run) -> None:
    result = run(*GUANGHAN, "T1")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "第13行" in out and "发明专利申请231件" in out and "✓ 决定结论" in out
    assert "计为本年实绩：达到目标" in out and "排除：属于打算或预期" in out
    assert "结论：已完成（需人工复核）" in out and "target.met" in out
    en = run(*GUANGHAN, "T1", "--lang", "en").stdout
    assert "L13" in en and "counted as this year's actual: meets the target" in en
    assert "Verdict: met (needs review)" in en


def test_cli_text_shows_at_most_limit_candidates(run) -> None:
    args = ("plans/luzhou-2016.yaml", "summaries/2015/luzhou-2015.txt", "1", "--lang", "en")
    full = json.loads(run(*args, "--format", "json").stdout)
    assert len(full["candidates"]) == 5
    out = run(*args, "--limit", "2").stdout
    assert "Candidates (5, best first)" in out and "… 3 more candidates not shown (--limit 2)" in out
    assert " 2. L" in out and " 3. L" not in out
    assert "more candidates" not in run(*args).stdout


def test_cli_json_is_stable_sorted_and_complete(run, demo) -> None:
    first, second = run(*GUANGHAN, "T1", "--format", "json"), run(*GUANGHAN, "T1", "--format", "json")
    assert first.exit_code == 0 and first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert first.stdout == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert data["schema"] == 1 and data["item"]["id"] == "T1" and data["summary"]["year"] == 2015
    actual = [c for c in data["candidates"] if c["class"] == "actual"]
    assert [(c["line"], c["figure"]["value"], c["interval"], c["compare"]) for c in actual] == \
        [(13, 34.0, [34.0, 34.0], "holds")]
    assert data["verdict"]["figure"]["text"] == "34 ?"


def test_cli_passes_the_year(run, demo) -> None:
    data = json.loads(run(str(demo[0]), str(demo[1]), "T1", "--format", "json", "--year", "2014").stdout)
    assert data["summary"]["year"] == 2014
    # 2015年…1796件 is another year's figure when the summary is read as 2014's.
    assert [(c["line"], c["class"], c["decided"]) for c in data["candidates"]] == \
        [(3, "other_year", True), (7, "next_plan", True)]
    assert (data["verdict"]["status"], data["verdict"]["reason"]) == ("pending", "target.other_year")
    # Read as 2016's, the summary is after T1's due year (2015): the 2015 figure it states is T1's
    # actual, and the met needs review (the title says 2015).
    data = json.loads(run(str(demo[0]), str(demo[1]), "T1", "--format", "json", "--year", "2016").stdout)
    assert [(c["line"], c["class"]) for c in data["candidates"]] == [(3, "actual"), (7, "next_plan")]
    assert (data["verdict"]["status"], data["verdict"]["needs_review"]) == ("met", True)
    data = json.loads(run(str(demo[0]), str(demo[1]), "T1", "--format", "json").stdout)
    assert [(c["line"], c["class"], c["compare"]) for c in data["candidates"]] == \
        [(3, "actual", "holds"), (7, "next_plan", None)]


def test_every_class_and_detail_has_words_in_both_languages() -> None:
    keys = [f"explain.class.{c}" for c in (*TARGET_CLASSES, *TASK_GROUPS)]
    keys += [f"explain.detail.{d}" for ds in TASK_DETAILS.values() for d in ds]
    keys += [f"explain.compare.{r}" for r in ("holds", "fails", "open")]
    keys += [f"explain.section.{s}" for s in ("results", "problems", "next_plan", "front")]
    for key in keys:
        assert key in CATALOGUE["en"] and key in CATALOGUE["zh-CN"], key
        assert placeholders(CATALOGUE["en"][key]) == placeholders(CATALOGUE["zh-CN"][key]), key


def test_every_detail_the_task_rules_give_is_listed() -> None:
    """TASK_DETAILS is what explain has words for: every (group, detail) classify_task_matches writes is in it."""
    source = (Path(__file__).resolve().parent.parent / "ipcheck" / "verdicts" / "tasks.py").read_text(encoding="utf-8")
    given = set(re.findall(r'TaskCandidate\(m, "(\w+)", "(\w+)"\)', source))
    assert given and given <= {(g, d) for g, ds in TASK_DETAILS.items() for d in ds}, given


# Pairs that exercise the rest of check's pipeline: PDF pages, a compilation narrowed to the
# plan's region, another region's summary (every met flagged for review).
PIPELINE = [("plans/mianzhu-2015.yaml", "tests/formats/mianzhu-2015-pages.pdf"),
            ("plans/mianzhu-2015.yaml", "summaries/sichuan-2015-compilation.txt"),
            ("plans/guanghan-2015.yaml", "summaries/2015/mianzhu-2015.txt")]


@pytest.mark.parametrize("plan_path,summary_path", PIPELINE, ids=["pdf", "compilation", "foreign"])
def test_explain_follows_checks_pipeline(plan_path: str, summary_path: str) -> None:
    plan, document = load_plan(SAMPLES / plan_path), read_document(SAMPLES / summary_path)
    report, prepared = check(plan, document), prepare(plan, document)
    for want in report.verdicts:
        got = explain(plan, document, want.item_id, prepared=prepared)
        assert got.verdict == want
        d = got.to_dict()
        assert d["summary"]["scope"]["warnings"] == [w.text() for w in report.warnings]
        if document.locations:
            assert all(c["page"] is not None for c in d["candidates"])
            assert [(e["page"], e["page_line"]) for e in d["verdict"]["evidence"]] == \
                [(e.page, e.page_line) for e in want.evidence]
    assert explain(plan, document, report.verdicts[0].item_id).verdict == report.verdicts[0]


def test_a_compilation_shows_the_lines_checked() -> None:
    plan = load_plan(SAMPLES / "plans/mianzhu-2015.yaml")
    d = explain(plan, read_document(SAMPLES / "summaries/sichuan-2015-compilation.txt"), plan.tasks[0].id).to_dict()
    scope = d["summary"]["scope"]
    assert scope["first_line"] > 1 and scope["warnings"][0].startswith("compilation: ")
    assert all(scope["first_line"] <= c["line"] <= scope["last_line"] for c in d["candidates"])


@pytest.mark.parametrize("args,start", [
    (("plans/guanghan-2015.yaml", "nope.txt", "T1"), "ipcheck: nope.txt: "),
    (("nope.yaml", GUANGHAN[1], "T1"), "ipcheck: nope.yaml: "),
    ((*GUANGHAN, "T1", "--lang", "fr"), "ipcheck: --lang：未知的报告语言 'fr'"),   # no language: the default
], ids=["summary", "plan", "lang"])
def test_cli_bad_input_is_one_line_and_exit_2(run, args: tuple[str, ...], start: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(start) and result.stderr.count("\n") == 1
