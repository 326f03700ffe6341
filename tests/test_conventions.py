"""The conventions of the command-line tools people know (ruff, yamllint, pytest, git): '-' for
standard input and output, -q/-v, NO_COLOR/FORCE_COLOR/--color, a hint for swapped or missing
arguments, --fail-on needs_review. Run in-process (click's runner); tests/test_terminal.py runs
the same commands in a pseudo-terminal."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.cli import main
from ipcheck.cli.console import terminal_width, use_color
from ipcheck.report.context import excerpt

from samples import SAMPLES

PLAN, SUMMARY = "plans/mianzhu-2015.yaml", "summaries/2015/mianzhu-2015.txt"
ITEM_ROW = re.compile(r"^(T?\d+) ", re.MULTILINE)


def invoke(*args: str, stdin: bytes | None = None, env: dict | None = None):
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames \
        else CliRunner()
    return runner.invoke(main, list(args), input=stdin, env=env)


def _json(*args: str, stdin: bytes | None = None) -> dict:
    result = invoke(*args, stdin=stdin)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def _statuses(report: dict) -> list[tuple[str, str]]:
    return [(i["id"], i["status"]) for i in report["items"]]


# ------------------------------------------------------------------ standard input and output

def test_a_dash_reads_the_summary_or_the_plan_from_standard_input() -> None:
    from_files = _json("check", PLAN, SUMMARY, "-f", "json")
    summary_in = _json("check", PLAN, "-", "-f", "json", stdin=(SAMPLES / SUMMARY).read_bytes())
    plan_in = _json("check", "-", SUMMARY, "-f", "json", stdin=(SAMPLES / PLAN).read_bytes())
    assert _statuses(summary_in) == _statuses(plan_in) == _statuses(from_files)
    assert summary_in["summary"]["path"] == "<stdin>" and plan_in["plan"]["path"] == "<stdin>"


def test_standard_input_in_gb18030_is_read_too() -> None:
    data = (SAMPLES / SUMMARY).read_text(encoding="utf-8").encode("gb18030")
    report = _json("check", PLAN, "-", "-f", "json", stdin=data)
    assert report["summary"]["encoding"] == "gb18030" and report["counts"]["met"] == 11


@pytest.mark.parametrize("stdin, message", [(b"", "<stdin>: "), (b"\x00\x01\x02" * 100, "<stdin>: ")])
def test_bad_standard_input_is_one_line_naming_stdin(stdin: bytes, message: str) -> None:
    result = invoke("check", PLAN, "-", stdin=stdin)
    assert result.exit_code == 2 and result.stderr.startswith("ipcheck: " + message)
    assert result.stderr.count("\n") == 1


def test_both_from_standard_input_is_a_usage_mistake() -> None:
    result = invoke("check", "-", "-")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "标准输入" in result.stderr


@pytest.mark.parametrize("fmt", ["json", "markdown", "junit", "csv", "text"])
def test_o_dash_writes_the_chosen_format_to_standard_output(fmt: str, tmp_path: Path) -> None:
    to_file = tmp_path / "r.out"
    invoke("check", PLAN, SUMMARY, "-f", fmt, "-o", str(to_file))
    result = invoke("check", PLAN, SUMMARY, "-f", fmt, "-o", "-")
    assert result.exit_code == 1 and result.stdout == to_file.read_text(encoding="utf-8")
    assert result.stderr == ""


def test_o_dash_beside_a_file_feeds_a_pipe_and_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = invoke("check", PLAN, SUMMARY, "-o", "-", "-o", str(out))
    assert result.exit_code == 1 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "合计：16" in result.stdout and "\x1b[" not in result.stdout      # plain text, no colour


def test_o_dash_then_another_run_reads_it(tmp_path: Path) -> None:
    """One run feeds another program: the JSON on stdout is the document --format json writes."""
    first = invoke("check", PLAN, SUMMARY, "--format", "json", "-o", "-")
    assert json.loads(first.stdout)["counts"]["total"] == 16


# ------------------------------------------------------------------ -q and -v

def test_quiet_prints_only_the_failing_items_and_the_totals_line() -> None:
    quiet = invoke("check", PLAN, SUMMARY, "-q", "--no-color")
    report = _json("check", PLAN, SUMMARY, "-f", "json")
    failing = {i["id"] for i in report["items"] if i["status"] in ("missed", "unreported")}
    assert quiet.exit_code == 1 and set(ITEM_ROW.findall(quiet.stdout)) == failing == {"5", "6", "7", "8", "9"}
    assert "核查报告" not in quiet.stdout and quiet.stdout.rstrip().splitlines()[-1].startswith("未完成：0")
    needs_review = {i["id"] for i in report["items"] if i["needs_review"]}
    with_doubt = invoke("check", PLAN, SUMMARY, "-q", "--fail-on", "needs_review")
    assert set(ITEM_ROW.findall(with_doubt.stdout)) == needs_review


def test_quiet_on_a_passing_check_prints_the_totals_line_alone() -> None:
    result = invoke("check", PLAN, SUMMARY, "-q", "--fail-on", "missed")
    assert result.exit_code == 0 and result.stdout.strip().splitlines() == [
        "未完成：0 未报告：5 未到期：0 已完成：11  需人工复核：3  合计：16  结果：通过"]


def test_verbose_prints_every_evidence_sentence_in_full() -> None:
    report = _json("check", PLAN, SUMMARY, "-f", "json")
    verbose = invoke("check", PLAN, SUMMARY, "-v", "--no-color")
    flat = re.sub(r"\s+", "", verbose.stdout)
    for item in report["items"]:
        for ev in item["evidence"]:
            assert re.sub(r"\s+", "", ev["text"]) in flat, (item["id"], ev["line"])
    assert "…" not in verbose.stdout
    assert invoke("check", PLAN, SUMMARY, "-q", "-v").exit_code == 2


def test_the_default_quote_shows_the_deciding_figure() -> None:
    """T3's figure (41?) sits at character 111 of a 147-character sentence: cutting the quote
    at 90 characters from its start hid it."""
    result = invoke("check", PLAN, SUMMARY, "--no-color")
    t3 = result.stdout[result.stdout.index("\nT3 "):]
    t3 = t3[:t3.index("\n1 ")] if "\n1 " in t3 else t3
    assert "41?" in re.sub(r"\s+", "", t3)


@pytest.mark.parametrize("text, spans, limit", [
    ("甲" * 100 + "537件" + "乙" * 100, [[100, 104]], 20),
    ("x" * 300 + "知识产权培训", [[300, 306]], 90),
    ("知识产权培训" + "x" * 300, [[0, 6]], 90),
    ("a" * 50 + "WORDS" + "b" * 50 + "MORE" + "c" * 200, [[50, 55], [105, 109]], 90),
    ("x" * 10 + "y" * 200, [[10, 210]], 90),                 # a span longer than the limit is kept whole
])
def test_an_excerpt_keeps_the_deciding_words(text: str, spans: list[list[int]], limit: int) -> None:
    pieces = excerpt(text, spans, limit)
    shown = "".join(p for p, _ in pieces)
    longest = max(spans, key=lambda s: s[1] - s[0])
    assert text[longest[0]:longest[1]] in shown
    assert all(p in text for p, hit in pieces if hit) and shown.strip("…") in text
    assert len(shown.strip("…")) <= max(limit, longest[1] - longest[0]) and "…" in shown
    if len(spans) == 2:
        assert "WORDS" in shown and "MORE" in shown        # both fit in one window: both shown


# ------------------------------------------------------------------ colour and width

@pytest.mark.parametrize("choice, env, tty, expected", [
    ("auto", {}, True, True), ("auto", {}, False, False),
    ("auto", {"NO_COLOR": "1"}, True, False), ("auto", {"NO_COLOR": ""}, True, True),
    ("auto", {"FORCE_COLOR": "1"}, False, True), ("auto", {"FORCE_COLOR": ""}, False, False),
    ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
    ("always", {"NO_COLOR": "1"}, False, True), ("never", {"FORCE_COLOR": "1"}, True, False),
])
def test_colour_follows_flag_then_no_color_then_force_color_then_the_terminal(choice, env, tty, expected) -> None:
    class Stream:
        def isatty(self) -> bool:
            return tty
    assert use_color(choice, env, Stream()) is expected


@pytest.mark.parametrize("env, expected", [({"COLUMNS": "80"}, 80), ({"COLUMNS": "abc"}, 120), ({}, 120),
                                           ({"COLUMNS": "5"}, 20)])
def test_width_follows_columns_else_a_fixed_120_when_piped(env, expected) -> None:
    class Pipe:
        def isatty(self) -> bool:
            return False
    assert terminal_width(env, Pipe()) == expected


def test_columns_sets_the_width_of_the_table() -> None:
    narrow = invoke("plan", "show", PLAN, env={"COLUMNS": "70"}).stdout
    wide = invoke("plan", "show", PLAN).stdout
    assert max(map(len, narrow.splitlines())) <= 70 < max(map(len, wide.splitlines()))


@pytest.mark.parametrize("args", [["--color", PLAN, SUMMARY], [PLAN, SUMMARY, "--color"],
                                  [PLAN, SUMMARY, "--color", "always"], [PLAN, SUMMARY, "--color=always"]])
def test_a_bare_color_flag_is_always_and_never_swallows_the_plan(args) -> None:
    result = invoke("check", *args)
    assert result.exit_code == 1 and "\x1b[" in result.stdout


def test_force_color_colours_a_pipe_and_no_color_wins() -> None:
    assert "\x1b[" in invoke("check", PLAN, SUMMARY, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in invoke("check", PLAN, SUMMARY, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[" not in invoke("check", PLAN, SUMMARY).stdout


# ------------------------------------------------------------------ hints for arguments

@pytest.mark.parametrize("args, line", [
    (["check", SUMMARY, PLAN],
     f"ipcheck: {SUMMARY}, {PLAN}: 方案和总结的顺序颠倒了：用法：ipcheck check PLAN SUMMARY"),
    (["check", SUMMARY], f"ipcheck: {SUMMARY}: 这像是一份总结，不是方案：用法：ipcheck check PLAN SUMMARY"),
    (["check", PLAN], "ipcheck: 缺少 SUMMARY：用法：ipcheck check PLAN SUMMARY"),
    (["check", PLAN, PLAN], f"ipcheck: {PLAN}: 这像是一份方案，不是总结：用法：ipcheck check PLAN SUMMARY"),
    (["check", "--lang", "en", SUMMARY, PLAN],
     f"ipcheck: {SUMMARY}, {PLAN}: the plan and the summary are the wrong way round: usage: ipcheck check PLAN SUMMARY"),
    (["check", "--lang", "en", SUMMARY],
     f"ipcheck: {SUMMARY}: this looks like a summary, not a plan: usage: ipcheck check PLAN SUMMARY"),
    (["explain", SUMMARY, PLAN, "T1"],
     f"ipcheck: {SUMMARY}, {PLAN}: 方案和总结的顺序颠倒了：用法：ipcheck explain PLAN SUMMARY ITEM"),
])
def test_swapped_or_missing_arguments_get_a_hint_not_a_yaml_error(args: list[str], line: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2 and result.stderr == line + "\n" and result.stdout == ""


def test_a_plan_saved_as_txt_is_still_a_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_bytes((SAMPLES / PLAN).read_bytes())
    assert invoke("check", str(plan), SUMMARY).exit_code == 1


# ------------------------------------------------------------------ --fail-on needs_review

def test_fail_on_needs_review_fails_on_doubt_alone(tmp_path: Path) -> None:
    report = _json("check", PLAN, SUMMARY, "-f", "json")
    assert report["counts"]["needs_review"] == 3
    assert invoke("check", PLAN, SUMMARY, "--fail-on", "met").exit_code == 1
    assert invoke("check", PLAN, SUMMARY, "--fail-on", "pending").exit_code == 0
    assert invoke("check", PLAN, SUMMARY, "--fail-on", "needs_review").exit_code == 1
    junit = invoke("check", PLAN, SUMMARY, "--fail-on", "needs_review", "-f", "junit").stdout
    assert junit.count("<failure ") == 3
    result = invoke("check", PLAN, SUMMARY, "--fail-on", "doubt")
    assert result.exit_code == 2 and "needs_review" in result.stderr


@pytest.mark.parametrize("args, stdin, shown", [
    (["explain", PLAN, "-", "T1", "--lang", "en"], SUMMARY, "Verdict: met"),
    (["explain", "-", SUMMARY, "T1", "--lang", "en"], PLAN, "Verdict: met"),
    (["figures", "-"], SUMMARY, "537 件"),
    (["plan", "validate", "-"], PLAN, "通过：目标 3 个，任务 13 个"),
    (["plan", "show", "-"], PLAN, "专利申请量"),
    (["plan", "draft", "-"], "plans/documents/guangan-2017-plan.txt", "version: 1"),
])
def test_every_command_reads_standard_input_for_a_dash(args: list[str], stdin: str, shown: str) -> None:
    result = invoke(*args, stdin=(SAMPLES / stdin).read_bytes())
    assert result.exit_code == 0 and shown in result.stdout, result.stderr


def test_plan_validate_on_standard_input_names_it_in_problems() -> None:
    result = invoke("plan", "validate", "-", stdin=b"version: 1\nplan: [\n")
    assert result.exit_code == 1 and result.stderr.startswith("ipcheck: <stdin>:")


def test_review_with_swapped_plan_and_summary_gets_the_hint() -> None:
    result = invoke("review", "5", "--plan", SUMMARY, "--summary", PLAN, "--status", "met", "--reason", "x")
    assert result.exit_code == 2 and "方案和总结的顺序颠倒了" in result.stderr


@pytest.mark.parametrize("args", [[], ["plan"]])
def test_a_group_alone_shows_its_help(args: list[str]) -> None:
    result = invoke(*args)
    assert "Usage: " in result.output and "Commands:" in result.output and "用法错误" not in result.output
