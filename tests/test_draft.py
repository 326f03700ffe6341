"""`ipcheck plan draft`: drafts of the seed plans against hand-checked expectations
(tests/drafts/*.yaml), determinism, the YAML writer, the CLI, and draft-then-check."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from ipcheck.check import check
from ipcheck.cli import main
from ipcheck.inputs.documents import read_document
from ipcheck.plans.draft import DraftError, draft, scalar
from ipcheck.plans.draft_tasks import parse_owners
from ipcheck.model import Document, Section, Status
from ipcheck.plans.loader import load_plan, parse_plan
from ipcheck.reading.text import segment

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = sorted((ROOT / "tests" / "drafts").glob("*.yaml"))
DOC = ROOT / "docs" / "draft.md"


def _expected(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _draft(exp: dict):
    doc = read_document(ROOT / exp["document"])
    return draft(doc)


def _metric_ok(got: str, want: str) -> bool:
    """Equal, ignoring a leading 全市 and a trailing 量 (专利申请 = 专利申请量)."""
    def norm(s: str) -> str:
        return re.sub(r"量$", "", re.sub(r"^全市", "", s))
    return norm(got) == norm(want)


def _target_key(t) -> tuple:
    return (t["measure"], t["op"], float(t["value"]), t["unit"], t.get("due"))


def score(exp: dict) -> dict:
    """Recall and precision of targets (every field right) and tasks (id, title, owners,
    section right) of the draft of one expectation file."""
    result = _draft(exp)
    plan = parse_plan(result.yaml, exp["document"])
    got_t = [{"metric": t.metric, "measure": t.measure.value, "op": t.op.value, "value": t.value,
              "unit": t.unit, "due": t.due} for t in plan.targets]
    want_t = exp["targets"] or []
    free = list(range(len(got_t)))
    right_t = found_t = 0
    for w in want_t:
        same = [i for i in free if _target_key(got_t[i]) == _target_key(w)]
        exact = [i for i in same if _metric_ok(got_t[i]["metric"], w["metric"])]
        pick = (exact or same or [None])[0]
        if pick is not None:
            free.remove(pick)
            found_t += 1
            right_t += bool(exact)
    want_k = {k["id"]: k for k in exp["tasks"]}
    right_k = 0
    for k in plan.tasks:
        w = want_k.get(k.id)
        if w and (k.title.startswith(w["title"]) or w["title"].startswith(k.title)) \
                and list(k.owners) == list(w.get("owners", [])) and k.section == w["section"]:
            right_k += 1

    def ratio(a: int, b: int) -> float:
        return 1.0 if b == 0 else a / b

    return {"plan": plan, "result": result,
            "target_recall": ratio(right_t, len(want_t)), "target_precision": ratio(right_t, len(got_t)),
            "targets_found": ratio(found_t, len(want_t)),
            "task_recall": ratio(right_k, len(want_k)), "task_precision": ratio(right_k, len(plan.tasks)),
            "counts": (len(want_t), len(got_t), right_t, len(want_k), len(plan.tasks), right_k)}


def table() -> str:
    rows = ["| document | targets (expected / drafted / right) | target recall | target precision "
            "| tasks (expected / drafted / right) | task recall | task precision |",
            "|---|---|---|---|---|---|---|"]
    for path in EXPECTED:
        s = score(_expected(path))
        wt, gt, rt, wk, gk, rk = s["counts"]
        def cell(key: str, denominator: int) -> str:
            return f"{s[key]:.2f}" if denominator else "n/a"
        rows.append(f"| {path.stem} | {wt} / {gt} / {rt} | {cell('target_recall', wt)} | "
                    f"{cell('target_precision', gt)} | {wk} / {gk} / {rk} | {cell('task_recall', wk)} | "
                    f"{cell('task_precision', gk)} |")
    return "\n".join(rows)


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_draft_matches_the_hand_checked_expectation(path: Path) -> None:
    exp = _expected(path)
    s = score(exp)
    meta = s["plan"].meta
    for key, want in exp["meta"].items():
        got = getattr(meta, key)
        if key == "period":
            got = {"start": got.start, "end": got.end} if got else None
        assert got == want, f"{path.stem}: plan.{key}"
    print(f"\n{path.stem}: targets recall {s['target_recall']:.2f} precision {s['target_precision']:.2f}"
          f" (value found {s['targets_found']:.2f}); tasks recall {s['task_recall']:.2f}"
          f" precision {s['task_precision']:.2f}")
    # every numeric target is found (value, unit, measure, op, due); metrics may need review
    assert s["targets_found"] == 1.0
    assert s["target_recall"] >= 0.8 and s["target_precision"] >= 0.8
    assert s["task_recall"] == 1.0 and s["task_precision"] == 1.0
    if "lines" in exp:
        assert [s["result"].first_line, s["result"].last_line] == exp["lines"]
    for w, t in zip(exp["targets"] or [], s["plan"].targets):
        if w.get("review"):
            assert "# REVIEW" in s["result"].yaml


def test_the_measured_table_is_the_one_documented() -> None:
    assert table() in DOC.read_text(encoding="utf-8"), "update docs/draft.md with:\n" + table()


@pytest.mark.parametrize("path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_draft_is_byte_identical_and_every_item_names_its_line(path: Path) -> None:
    exp = _expected(path)
    a, b = _draft(exp).yaml, _draft(exp).yaml
    assert a == b
    for line in a.splitlines():
        if line.startswith("  - id:"):
            assert re.search(r"  # line \d+$", line), line


def test_luzhou_blank_figure_is_marked_for_review_and_counted() -> None:
    result = draft(read_document(ROOT / "summaries/2015/luzhou-2015.txt"))
    text = result.yaml
    assert "# REVIEW: a blank where a number should be" in text
    assert result.review >= 1
    assert result.summary == (f"drafted 25 tasks, 16 targets, {result.review} to review, "
                              "0 figures left out (listed as comments)")
    # the NBSPs of the blank are kept, escaped, in the source quote
    assert "\\u00a0" in text


def test_draft_then_check_luzhou_plan_cannot_satisfy_itself() -> None:
    doc = read_document(ROOT / "summaries/2015/luzhou-2015.txt")
    result = draft(doc)
    plan = parse_plan(result.yaml, "luzhou-draft.yaml")
    report = check(plan, doc)
    by_line = {s.line: s.section for s in segment(doc)}
    met = [v for v in report.verdicts if v.status is Status.MET]
    for v in met:
        assert v.evidence, v.item_id
        for ev in v.evidence:
            assert ev.section is Section.RESULTS, (v.item_id, ev.line)
            assert not result.first_line <= ev.line <= result.last_line, (v.item_id, ev.line)
            assert by_line[ev.line] is Section.RESULTS
    # the plan is for 2016 and the summary for 2015: nothing it quotes may be met
    assert all(v.status in (Status.PENDING, Status.MET) for v in report.verdicts)


def test_explicit_line_range_and_region_and_id() -> None:
    doc = read_document(ROOT / "summaries/2015/luzhou-2015.txt")
    result = draft(doc, plan_id="luzhou-2016", region="泸州", from_line=81, to_line=101)
    plan = parse_plan(result.yaml)
    assert plan.meta.id == "luzhou-2016" and plan.meta.region == "泸州"
    assert [t.id for t in plan.tasks] == ["1", "2", "3", "4", "5", "6", "7"]
    # a range that starts inside the lists: (三) and 11、 are accepted as they come
    middle = parse_plan(draft(doc, plan_id="x", from_line=109, to_line=130).yaml)
    assert [t.id for t in middle.tasks] == [str(n) for n in range(11, 20)]
    assert len(middle.targets) == 12 and {t.due for t in middle.targets} == {2016}
    with pytest.raises(DraftError):
        draft(doc, from_line=500)


def test_a_document_without_numbered_parts_is_refused() -> None:
    with pytest.raises(DraftError):
        draft(Document(path="x.txt", text="只有一句话,没有编号。\n", encoding="utf-8"))


def test_one_long_line_is_split_by_its_markers() -> None:
    text = ("某市知识产权工作方案。一、重点任务(一)提升创造能力。1.开展专项行动。到2020年,全市专利申请量"
            "达到3000件以上。(责任单位:市科技局、市经信委)2.培育示范企业。每年认定示范企业5家。"
            "(市科技局牵头,市财政局等按职责分工负责)(二)强化运用。建立评议制度。"
            "(责任单位:高新区、经开区管委会)")
    result = draft(Document("x.txt", text, "utf-8"), plan_id="x")
    plan = parse_plan(result.yaml)
    assert [(t.id, t.title, t.owners, t.section) for t in plan.tasks] == [
        ("1.1", "开展专项行动", ("市科技局", "市经信委"), "提升创造能力"),
        ("1.2", "培育示范企业", ("市科技局", "市财政局"), "提升创造能力"),
        ("2", "强化运用", ("高新区管委会", "经开区管委会"), "强化运用")]
    assert [(t.metric, t.op.value, t.value, t.unit, t.due) for t in plan.targets] == [
        ("专利申请量", ">=", 3000, "件", 2020), ("示范企业", ">=", 5, "家", None)]
    # no period stated: the yearly target has no due year and is marked for review
    assert "# REVIEW: no due year stated" in result.yaml and result.review == 2


@pytest.mark.parametrize("inner, owners", [
    ("责任单位:市发改委,市经信委,市科知局", ["市发改委", "市经信委", "市科知局"]),
    ("责任单位:各区县人民政府、高新区、长开区、白酒园区管委会、市科知局",
     ["各区县人民政府", "高新区管委会", "长开区管委会", "白酒园区管委会", "市科知局"]),
    ("自治州市场监管局牵头,自治州科技局、工信局等按职责分工负责", ["自治州市场监管局", "自治州科技局", "自治州工信局"]),
    ("市科技局牵头,市财政局配合", ["市科技局", "市财政局"]),
])
def test_owners(inner: str, owners: list[str]) -> None:
    assert parse_owners(inner) == owners


@pytest.mark.parametrize("value", ["专利申请量", "%", ">=", "yes", "2016", "1.5", "a: b", "x # y", "[a]",
                                   "“清零”行动", "达到\u00a0\u00a0 以上", 'say "hi" \\ ok', "-x", "",
                                   "各县(市)人民政府", "淄政办字〔2021〕104号"])
def test_scalars_read_back_as_the_same_string(value: str) -> None:
    assert yaml.safe_load(f"k: {scalar(value)}")["k"] == value
    assert yaml.safe_load(f"k: [{scalar(value)}, x]")["k"] == [value, "x"]


def test_cli_draft_validate_show(tmp_path: Path) -> None:
    runner = CliRunner()
    src = str(ROOT / "plans/documents/guangan-2017-plan.txt")
    out = tmp_path / "g.yaml"
    r = runner.invoke(main, ["plan", "draft", src, "-o", str(out), "--id", "guangan-2017"])
    assert r.exit_code == 0, r.output
    assert "drafted 18 tasks, 7 targets, 0 to review, 0 figures left out (listed as comments)" in r.stderr
    r2 = runner.invoke(main, ["plan", "draft", src, "--id", "guangan-2017"])
    assert r2.exit_code == 0 and r2.stdout == out.read_text(encoding="utf-8")
    assert load_plan(out).meta.id == "guangan-2017"
    r = runner.invoke(main, ["plan", "validate", str(out)])
    assert r.exit_code == 0 and r.stdout == "ok: 7 targets, 18 tasks\n"
    r = runner.invoke(main, ["plan", "show", str(out)])
    assert r.exit_code == 0 and "发明专利授权量" in r.stdout and "任务（18）" in r.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: 1\nplan: {id: x, title: t, region: r}\ntargets:\n  - id: T1\n    op: '=>'\n",
                   encoding="utf-8")
    r = runner.invoke(main, ["plan", "validate", str(bad)])
    assert r.exit_code == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) >= 2 and all(re.match(rf"ipcheck: {re.escape(str(bad))}:\d+: ", ln) for ln in lines)


def test_cli_draft_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_bytes((ROOT / "plans/documents/kizilsu-2023-plan.txt").read_bytes())
    before = doc.read_bytes()
    r = CliRunner().invoke(main, ["plan", "draft", str(doc), "-o", str(doc)])
    assert r.exit_code == 2 and "refusing" in r.stderr
    assert doc.read_bytes() == before
    r = CliRunner().invoke(main, ["plan", "draft", str(tmp_path / "missing.txt")])
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1
