"""Review decisions that survive edits: tied to the item and the evidence they were made on, they
stay applied through the 绵竹 redrafts that leave that evidence alone and go stale when it
changes; version-1 files are still read; `review --reconfirm` and `review --next`."""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck import reviews
from ipcheck.cli import main
from ipcheck.cli import review_steps

from ptyrun import run_in_pty
from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
REDRAFTS = ROOT / "tests" / "series" / "redrafts"
DATE = "2026-01-31T09:30:00Z"
PLAN, SUMMARY, FILE = "plans/mianzhu-2015.yaml", "summaries/mianzhu-2015.txt", "plans/mianzhu-2015.reviews.yaml"


@pytest.fixture()
def pair(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "summaries").mkdir()
    shutil.copy(SAMPLES / "plans" / "mianzhu-2015.yaml", tmp_path / PLAN)
    shutil.copy(SAMPLES / "summaries" / "2015" / "mianzhu-2015.txt", tmp_path / SUMMARY)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IPCHECK_REVIEWER", "王审核")
    monkeypatch.setattr(reviews, "now", lambda: DATE)
    return tmp_path


def cli(*args: object, input: str | None = None):
    return CliRunner().invoke(main, ["--no-config", *[str(a) for a in args]], input=input)


def decide(item: str, status: str = "met", reason: str = "核对过原文", *extra: object):
    result = cli("review", item, "--plan", PLAN, "--summary", SUMMARY, "--status", status, "--reason", reason, *extra)
    assert result.exit_code == 0, result.output
    return result


def states() -> dict[str, tuple[str, bool, str | None]]:
    """item -> (status, applied, stale) for every item with a decision."""
    data = json.loads(cli("check", PLAN, SUMMARY, "--format", "json").stdout)
    return {i["id"]: (i["status"], i["review"]["applied"], i["review"]["stale"]) for i in data["items"] if i["review"]}


def redraft(name: str) -> None:
    shutil.copy(REDRAFTS / f"mianzhu-2015-{name}.txt", SUMMARY)


# The decisions: T1 (evidence line 13, figure 537件), 5 (weak lead, line 15), 10 (line 17).
# After each redraft: (status, applied, stale) of each.
SURVIVAL = {
    "r1-typo": {"T1": ("missed", True, None), "5": ("met", True, None), "10": ("met", True, None)},
    "r2-figure": {"T1": ("missed", False, "evidence_changed"), "5": ("met", True, None), "10": ("met", True, None)},
    "r3-removed": {"T1": ("missed", True, None), "5": ("met", True, None), "10": ("unreported", False, "evidence_changed")},
}


@pytest.mark.parametrize("name", SURVIVAL)
def test_a_decision_stays_applied_while_its_evidence_is_unchanged(pair, name: str) -> None:
    decide("T1", "missed", "537件含上年结转")
    decide("5", "met", "第15行写明已培育驰名商标")
    decide("10", "met", "第17行两家企业获评优势企业")
    assert set(states().values()) == {("missed", True, None), ("met", True, None)}
    redraft(name)
    assert states() == SURVIVAL[name]


def test_a_named_line_ties_the_decision_to_its_sentence(pair) -> None:
    decide("8", "missed", "第41行只是计划", "--line", 41)
    stored = reviews.load(FILE)[0]
    assert any("植物新品种" in s for s in stored.evidence)
    text = Path(SUMMARY).read_text(encoding="utf-8")
    Path(SUMMARY).write_text(text.replace("取得了较明显的成效", "取得了明显的成效"), encoding="utf-8")
    assert states()["8"] == ("missed", True, None)
    Path(SUMMARY).write_text(text.replace("及时申请专利、软件著作权、版权、植物新品种等知识产权",
                                          "及时申请专利、软件著作权、版权等知识产权"), encoding="utf-8")
    assert states()["8"] == ("unreported", False, "evidence_changed")


def test_a_line_without_a_sentence_is_refused(pair) -> None:
    result = cli("review", "5", "--plan", PLAN, "--summary", SUMMARY, "--status", "met", "--reason", "x", "--line", 2)
    assert result.exit_code == 2 and result.output == f"ipcheck: {SUMMARY}: 第 2 行没有可以对应复核决定的语句\n"
    english = cli("review", "5", "--plan", PLAN, "--summary", SUMMARY, "--status", "met", "--reason", "x", "--line", 2,
                  "--lang", "en")
    assert english.output == f"ipcheck: {SUMMARY}: line 2 has no sentence to tie the decision to\n"
    assert not Path(FILE).exists()


def _version_1(pair) -> str:
    """A reviews file as ipcheck wrote it before decisions were tied to evidence."""
    from ipcheck.inputs.documents import read_document
    from ipcheck.plans.loader import load_plan
    printed = reviews.summary_fingerprint(read_document(SUMMARY))
    item = reviews.item_fingerprint(reviews.plan_items(load_plan(PLAN))["5"])
    return ("version: 1\ndecisions:\n- item: '5'\n  summary: ../summaries/mianzhu-2015.txt\n  status: met\n"
            f"  reason: 旧决定\n  by: 张三\n  date: '{DATE}'\n  tool_status: unreported\n"
            f"  summary_sha256: {printed}\n  item_sha256: {item}\n")


def test_a_version_1_file_is_still_read_and_keeps_its_rule(pair) -> None:
    Path(FILE).write_text(_version_1(pair), encoding="utf-8")
    assert states() == {"5": ("met", True, None)}
    redraft("r1-typo")                                   # the old rule: any change to the summary
    assert states() == {"5": ("unreported", False, "summary_changed")}
    result = cli("review", "--reconfirm", "--yes", "--by", "李四", "--plan", PLAN, "--summary", SUMMARY)
    assert result.exit_code == 0 and "已重新采用 5 已完成（原由 张三" in result.output
    (new,) = reviews.load(FILE)
    assert (new.status.value, new.reason, new.by, new.evidence_sha256 is not None) == ("met", "旧决定", "李四", True)
    assert Path(FILE).read_text(encoding="utf-8").startswith("# Review") and "version: 2\n" in Path(FILE).read_text(encoding="utf-8")
    assert states() == {"5": ("met", True, None)}


def test_reconfirm_needs_a_person_or_yes(pair) -> None:
    decide("T1", "missed", "537件含上年结转")
    redraft("r2-figure")
    before = Path(FILE).read_bytes()
    result = cli("review", "--reconfirm", "--plan", PLAN, "--summary", SUMMARY)
    assert result.exit_code == 2 and result.output.count("\n") == 1 and "--yes" in result.output
    assert Path(FILE).read_bytes() == before
    none = cli("review", "--reconfirm", "--lang", "en", "--plan", PLAN, "--summary", str(REDRAFTS / "mianzhu-2015-r1-typo.txt"))
    assert none.exit_code == 0 and "no stale decisions" in none.output


@pytest.mark.parametrize("answer, applied", [("y\n", True), ("n\n", False), ("q\n", False)])
def test_reconfirm_asks_about_each_stale_decision(pair, monkeypatch, answer: str, applied: bool) -> None:
    decide("T1", "missed", "537件含上年结转")
    redraft("r2-figure")
    monkeypatch.setattr(review_steps, "interactive", lambda: True)
    result = cli("review", "--reconfirm", "--plan", PLAN, "--summary", SUMMARY, "--by", "李四", input=answer)
    assert result.exit_code == 0, result.output
    assert "目前未采用：评审所依据的语句或数字已变更" in result.output and "当时依据：" in result.output
    assert "第13行" in result.output and "年度完成专利申请量为350件" in result.output
    assert states()["T1"] == (("missed", True, None) if applied else ("missed", False, "evidence_changed"))


def test_next_shows_the_next_item_and_how_to_record_it(pair) -> None:
    result = cli("review", "--next", "--plan", PLAN, "--summary", SUMMARY)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "[1/3] T3 发明专利申请量：已完成（需人工复核）"
    assert "记录决定：ipcheck review T3 --plan plans/mianzhu-2015.yaml --summary summaries/mianzhu-2015.txt" in result.output
    assert lines[-1] == "此后还有 2 项需要人工复核"


def test_next_steps_through_and_records_what_the_person_decides(pair, monkeypatch) -> None:
    monkeypatch.setattr(review_steps, "interactive", lambda: True)
    result = cli("review", "--next", "--plan", PLAN, "--summary", SUMMARY, input="m\n41?即41%，已核对\ns\nx\n\n只有宣传\n")
    assert result.exit_code == 0, result.output
    assert "已记录 T3 已完成，复核人 王审核" in result.output and "已记录 6 未完成" in result.output
    decided = {d.item: (d.status.value, d.reason) for d in reviews.load(FILE)}
    assert decided == {"T3": ("met", "41?即41%，已核对"), "6": ("missed", "只有宣传")}
    again = cli("review", "--next", "--plan", PLAN, "--summary", SUMMARY)
    assert again.output.splitlines()[0].startswith("[1/1] 5 ")


def test_option_combinations_are_usage_errors(pair) -> None:
    for args in (["--reconfirm", "--next"], ["5", "--next"], ["--yes"], ["--reconfirm", "--list"], ["--next"]):
        extra = ["--summary", SUMMARY] if args != ["--next"] else []
        result = cli("review", *args, "--plan", PLAN, *extra)
        assert result.exit_code == 2, args


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX pseudo-terminal")
def test_next_in_a_real_terminal(pair) -> None:
    """As a person runs it: a pseudo-terminal, answers typed at the prompts (the choice, then the reason)."""
    env = {**os.environ, "IPCHECK_REVIEWER": "终端用户", "PYTHONPATH": str(ROOT)}
    result = run_in_pty([sys.executable, "-m", "ipcheck", "--no-config", "review", "--next", "--plan", PLAN,
                         "--summary", SUMMARY], pair, env=env, replies=[b"x\n", "数字含上年\n".encode(), b"q\n"],
                        prompts=(b"[s]:", "）:".encode()))
    assert result.status == 0, result.output
    assert reviews.load(FILE)[0].item == "T3" and reviews.load(FILE)[0].by == "终端用户"


def test_the_stale_evidence_warning_is_translated() -> None:
    from ipcheck.errors import msg
    from ipcheck.i18n import stale_text, warning_text
    warning = msg("warning.review_stale", what=msg("warning.what.evidence"), by="王审核", status=msg("status.met"),
                  date="2026-01-31T09:30:00Z")
    assert warning_text(warning, "en") == ("review_stale: the evidence changed since 王审核 decided met on "
                                           "2026-01-31T09:30:00Z; the tool's verdict stands, review it again")
    assert warning_text(warning, "zh-CN") == ("所依据的语句或数字在王审核于 2026-01-31T09:30:00Z 认定为“已完成”之后已变更；"
                                              "仍以工具判定为准，请重新复核")
    assert stale_text("evidence_changed", "en") == "the sentence or figure it was made on changed after the review"


def test_a_reviewed_failure_says_what_the_reviewer_found_missing(pair) -> None:
    decide("T1", "missed", "537件含上年结转，应写明当年新增数")
    data = json.loads(cli("check", PLAN, SUMMARY, "--format", "json").stdout)
    t1 = next(i for i in data["items"] if i["id"] == "T1")
    assert t1["to_write"] == "按人工复核意见补写：537件含上年结转，应写明当年新增数"
