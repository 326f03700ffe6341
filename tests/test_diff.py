"""What changed between two runs: `ipcheck diff OLD NEW` over JSON reports of the 绵竹 redrafts, and
`ipcheck check --baseline OLD.json`; exit status 1 only on a regression; bad input is one line."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import main
from ipcheck.diff import diff, validate
from ipcheck.errors import IpcheckError

ROOT = Path(__file__).resolve().parent.parent
PLAN = str(ROOT / "plans" / "mianzhu-2015.yaml")
DRAFTS = {"orig": ROOT / "summaries" / "2015" / "mianzhu-2015.txt",
          **{k: ROOT / "tests" / "series" / "redrafts" / f"mianzhu-2015-{k}.txt" for k in ("r1-typo", "r2-figure", "r3-removed")}}


def _run(*args: str):
    return CliRunner().invoke(main, ["--no-config", *args])


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for name, summary in DRAFTS.items():
        path = folder / f"{name}.json"
        assert _run("check", PLAN, str(summary), "--no-reviews", "-o", str(path)).exit_code == 1
        out[name] = str(path)
    return out


@pytest.mark.parametrize("old, new, regressions, resolved, changes, code", [
    ("orig", "r1-typo", [], [], {}, 0),
    ("orig", "r2-figure", ["T1"], [], {"T1": ["status", "figure", "evidence"], "T2": ["evidence"], "T3": ["evidence"]}, 1),
    ("orig", "r3-removed", ["10"], [], {"10": ["status", "evidence", "needs_review"]}, 1),
    ("r3-removed", "orig", [], ["10"], {"10": ["status", "evidence", "needs_review"]}, 0),
    ("r2-figure", "r2-figure", [], [], {}, 0),
])
def test_what_changed_between_two_drafts(reports, old, new, regressions, resolved, changes, code) -> None:
    result = _run("diff", reports[old], reports[new], "-f", "json")
    assert result.exit_code == code, result.output
    data = json.loads(result.output)
    assert data["regressions"] == regressions and data["resolved"] == resolved
    assert {c["id"]: c["changes"] for c in data["changes"]} == changes
    assert data["unchanged"] == 16 - len(changes)


def test_the_terminal_table_names_the_new_failure(reports) -> None:
    result = _run("diff", reports["orig"], reports["r2-figure"])
    assert "新增不通过（1）" in result.output and "其他变化（2）" in result.output
    assert "已完成 · 537件 · 第13行" in result.output and "未完成 · 350件 · 第13行" in result.output
    en = _run("diff", "--lang", "en", reports["orig"], reports["r1-typo"])
    assert "No item changed." in en.output and "16 items unchanged" in en.output and en.exit_code == 0


def test_markdown_and_json_are_written_and_stable(reports, tmp_path: Path) -> None:
    for ext in ("md", "json"):
        a, b = tmp_path / f"a.{ext}", tmp_path / f"b.{ext}"
        for out in (a, b):
            assert _run("diff", reports["orig"], reports["r2-figure"], "-o", str(out)).exit_code == 1
        assert a.read_bytes() == b.read_bytes()
    assert "#### 新增不通过（1）" in (tmp_path / "a.md").read_text(encoding="utf-8")


def _report(items: list[dict], plan: str = "p") -> dict:
    return validate({"ipcheck": "0", "schema": 1, "plan": {"id": plan}, "summary": {"path": "s.txt"},
                     "counts": {}, "items": items}, "x.json")


def test_added_and_removed_items() -> None:
    old = _report([{"id": "1", "status": "met"}, {"id": "2", "status": "missed"}])
    new = _report([{"id": "1", "status": "met"}, {"id": "3", "status": "unreported"}, {"id": "4", "status": "met"}],
                  plan="q")
    d = diff(old, new)
    assert [(c.id, c.changes, c.regression) for c in d.changes] == [
        ("3", ("added",), True), ("4", ("added",), False), ("2", ("removed",), False)]
    assert d.unchanged == 1 and d.warnings == ("plan_mismatch: p → q",)


def test_fail_on_decides_what_a_regression_is() -> None:
    old, new = _report([{"id": "1", "status": "met"}]), _report([{"id": "1", "status": "pending"}])
    assert diff(old, new).regressions == ()
    assert [c.id for c in diff(old, new, fail_on=("pending",)).regressions] == ["1"]


@pytest.mark.parametrize("content, message", [
    (None, "JSON report not found"),
    ("", "the JSON report is empty"),
    ('{"schema": 1,\n "items": [}', ":2: not valid JSON: Expecting value"),
    ("[1, 2]", "the top level is a list, not an object"),
    ('{"schema": 1, "pairs": [], "totals": {}}', "it is a batch's index.json"),
    ('{"ipcheck": "0.1.0", "schema": 1, "kind": "progress", "targets": []}', "it is a progress report"),
    ('{"ipcheck": "0.1.0", "schema": 2, "items": []}', "'schema' is 2"),
    ('{"ipcheck": "0.1.0", "schema": 1, "items": [{"id": "T1", "status": "done"}]}', "items[0] has no id or no known status"),
])
def test_a_file_that_is_not_a_report_is_one_line_and_exit_2(reports, tmp_path: Path, content, message) -> None:
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    for args in (["diff", reports["orig"], str(bad)], ["check", PLAN, str(DRAFTS["orig"]), "--baseline", str(bad)]):
        result = _run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.output.startswith(f"ipcheck: {bad}") and message in result.output
        assert result.output.count("\n") == 1


def test_check_against_a_baseline_fails_only_on_new_failures(reports, tmp_path: Path) -> None:
    same = _run("check", PLAN, str(DRAFTS["orig"]), "--no-reviews", "--baseline", reports["orig"])
    assert same.exit_code == 0          # five unreported items, all already in the baseline
    assert "对照 " in same.stderr and "新增不通过 0 项，已解决 0 项，其他变化 0 项" in same.stderr
    out = tmp_path / "r.html"
    worse = _run("check", PLAN, str(DRAFTS["r2-figure"]), "--no-reviews", "--baseline", reports["orig"], "-o", str(out))
    assert worse.exit_code == 1 and out.is_file()
    assert "新增不通过 1 项" in worse.stderr and "T1" in worse.stderr
    better = _run("check", "--lang", "en", PLAN, str(DRAFTS["orig"]), "--no-reviews", "--baseline", reports["r3-removed"])
    assert better.exit_code == 0 and "0 new failures, 1 resolved" in better.stderr


def test_a_bad_baseline_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = _run("check", PLAN, str(DRAFTS["orig"]), "--baseline", str(tmp_path / "none.json"), "-o", str(out))
    assert result.exit_code == 2 and not out.exists()


def test_a_batch_refuses_a_baseline(reports) -> None:
    result = _run("check", str(ROOT / "plans"), str(ROOT / "summaries" / "2015"), "--baseline", reports["orig"])
    assert result.exit_code == 2 and "--baseline compares one check" in result.output


def test_the_diff_of_a_report_with_itself_is_empty_in_every_language(reports) -> None:
    for lang in ("zh-CN", "en"):
        data = json.loads(_run("diff", "--lang", lang, reports["r3-removed"], reports["r3-removed"], "-f", "json").output)
        assert data["changes"] == [] and data["lang"] == lang


def test_validate_accepts_what_check_writes(reports) -> None:
    data = json.loads(Path(reports["orig"]).read_text(encoding="utf-8"))
    assert validate(data, "x") is data
    with pytest.raises(IpcheckError):
        validate({**data, "items": "x"}, "x")
