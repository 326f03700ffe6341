"""The scorer of whole checks (ipcheck.evaluate_cases), and the well-formedness of every labelled pair."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from ipcheck import evaluate_cases as ev
from ipcheck.model import Section, Status

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = sorted((ROOT / "tests" / "realworld").glob("*/*/case.yaml"))


def _verdict(status: str, review: bool = False, lines: tuple[int, ...] = ()) -> SimpleNamespace:
    evidence = tuple(SimpleNamespace(line=n, text="句子", section=Section.RESULTS) for n in lines)
    return SimpleNamespace(status=Status(status), needs_review=review, evidence=evidence,
                           reason="r", message="m")


@pytest.mark.parametrize("want,verdict,right,why", [
    ({"status": "met", "line": 5}, _verdict("met", lines=(5,)), True, ""),
    ({"status": "met", "line": 5}, _verdict("met", lines=(6,)), False, "wrong_evidence"),
    ({"status": "met", "line": 5, "also_lines": [6]}, _verdict("met", lines=(6,)), True, ""),
    ({"status": "pending"}, _verdict("met", lines=(3,)), False, "pending->met"),
    ({"status": "met", "tolerate": ["unreported"]}, _verdict("unreported", review=True), True, ""),
    ({"status": "met", "tolerate": ["unreported"]}, _verdict("unreported"), False, "met->unreported"),
    ({"status": "unreported", "tolerate": ["met"]}, _verdict("met", review=True), False, "unreported->met"),
    ({"status": "missed"}, _verdict("unreported", review=True), False, "missed->unreported"),
])
def test_an_item_is_right_only_as_labelled(want: dict, verdict: SimpleNamespace, right: bool, why: str) -> None:
    item = ev.score_item("c", "T1", want, verdict)
    assert (item.right, item.why) == (right, why)


def test_false_met_counts_every_met_the_label_does_not_give() -> None:
    score = ev.Score("x", items=[ev.score_item("c", "1", {"status": s}, _verdict("met", lines=(1,)))
                                 for s in ("met", "pending", "unreported", "missed")])
    assert (score.false_met, score.right) == (3, 1)
    assert score.as_dict()["confusion"] == {"missed->met": 1, "pending->met": 1, "unreported->met": 1}


def test_the_samples_score_as_their_cases_say(capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--split", "samples", "--format", "json"]) == 0
    (samples,) = json.loads(capsys.readouterr().out)
    assert (samples["cases"], samples["items"], samples["false_met"]) == (4, 100, 0)
    assert samples["right"] == 100 and samples["misses"] == []


def test_a_refused_plan_makes_every_item_of_its_pair_wrong(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text("version: 1\nplan: {id: x, title: x, region: 某市}\ntargets:\n"
                                        "  - {id: T1, metric: 专利申请量, measure: level, op: '>=', value: 1,"
                                        " unit: 不存在的单位, due: 2020}\n", encoding="utf-8")
    (tmp_path / "summary.txt").write_text("2020年某市知识产权工作总结\n专利申请量1件。\n", encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(yaml.safe_dump({"plan": "plan.yaml", "summary": "summary.txt", "year": 2020,
                                    "items": {"T1": {"status": "met", "line": 2}}}), encoding="utf-8")
    (item,), year = ev.score_case(tmp_path, case)
    assert (item.right, item.why, item.got) == (False, "plan_refused", "error")


def _plan_ids(plan_path: Path) -> set[str]:
    plan = yaml.safe_load(plan_path.read_text(encoding="utf-8"))
    return {str(i["id"]) for part in ("targets", "tasks") for i in plan.get(part) or ()}


@pytest.mark.parametrize("case_path", REALWORLD, ids=[f"{c.parent.parent.name}/{c.parent.name}" for c in REALWORLD])
def test_every_real_world_pair_is_labelled_whole_with_its_provenance(case_path: Path) -> None:
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    folder = case_path.parent
    assert case["split"] == folder.parent.name
    assert set(map(str, case["items"])) == _plan_ids(folder / case.get("plan", "plan.yaml"))
    lines = (folder / case.get("summary", "summary.txt")).read_text(encoding="utf-8").splitlines()
    for key in ("summary",) + (("plan",) if case.get("plan_kind") != "quoted" else ()):
        src = case["sources"][key]
        assert src.get("url") and "date" in src and "public government information" in src.get("note", "")
    for item, want in case["items"].items():
        assert want["status"] in ev.STATUSES, item
        assert "met" not in (want.get("tolerate") or ()), item
        if want["status"] in ("met", "missed"):
            assert "line" in want and "quote" in want, f"{item}: a met or missed label names its line and quote"
        if "quote" in want:
            assert want["quote"] in lines[want["line"] - 1], f"{item}: the quote is not on line {want['line']}"


FLOORS = yaml.safe_load((ROOT / "tests" / "realworld" / "floors.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_no_split_gets_worse_than_its_floor(split: str) -> None:
    score = ev.score_split(ROOT, split)
    floor = FLOORS[split]
    misses = "\n".join(f"{m['case']}:{m['item']} {m['want']} -> {m['got']} ({m['detail']})"
                       for m in score.as_dict()["misses"] if m["got"] == "met")
    assert score.false_met <= floor["false_met_at_most"], "false met:\n" + misses
    assert score.right >= floor["right_at_least"], f"{split}: {score.right} right, floor {floor['right_at_least']}"


@pytest.mark.parametrize("label,params,agree", [
    ("none", (("progress", "none"),), True),
    ("reported", (("progress", "none"),), False),
    ("reported", (("progress", "reported"),), True),
    (None, (("progress", "none"),), None),          # no progress label: not judged
])
def test_pending_with_and_without_progress_is_scored_apart(label, params, agree) -> None:
    """Issue #12 §3 n: a pending item labelled with its progress is checked against the tool's."""
    verdict = _verdict("pending")
    verdict.params = params
    want = {"status": "pending", **({"progress": label} if label else {})}
    item = ev.score_item("c", "T1", want, verdict)
    assert item.right and item.progress_ok is agree
    score = ev.Score("x", items=[item])
    assert score.as_dict()["pending_progress"] == {"agree": int(bool(agree)), "of": int(agree is not None)}


def test_the_test_splits_misses_stay_hidden_unless_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    """A developer running the measure sees the test split's totals and classes, never its cases:
    a rule designed from them would make the measure dishonest."""
    ids = [c.parent.name for c in ev.case_files(ROOT, "test")]
    score = ev.score_split(ROOT, "test")
    assert ids and any(not i.right for i in score.items)
    assert ev.main([]) == 0
    shown = capsys.readouterr().out
    assert "test " in shown and not any(i in shown for i in ids)
    assert ev.main(["--split", "test", "--format", "json"]) == 0
    (data,) = json.loads(capsys.readouterr().out)
    assert data["misses"] == [] and data["items"] == len(score.items) and "hidden" in data
    assert ev.main(["--split", "test", "--test-misses"]) == 0
    assert any(i in capsys.readouterr().out for i in ids)


def test_the_report_year_is_tallied_per_pair_without_naming_the_pair() -> None:
    """Issue #12 §3 b: how many pairs had their report year read right is a total every split shows,
    the test split included; which pairs missed stays hidden there."""
    score = ev.Score("test", cases=3, year_misses=["p: read 2020, labelled 2018"])
    assert score.as_dict()["report_year"] == {"right": 2, "of": 3}
    shown = ev._visible(score, test_misses=False)
    assert shown["report_year"] == {"right": 2, "of": 3} and shown["year_misses"] == []
