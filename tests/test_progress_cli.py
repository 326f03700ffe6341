"""`ipcheck progress PLAN SUMMARY…` as a person runs it: every report format, FILE@YEAR, the
stderr line, byte-identical output, and bad input as one line with exit status 2."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ipcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SERIES = ROOT / "tests" / "series" / "tianjin"
PLAN = str(SERIES / "plan.yaml")
SUMMARIES = [str(SERIES / n) for n in ("2016-whitepaper.txt", "2017-work-summary.txt", "2019-whitepaper.txt")]


def _run(*args: str):
    return CliRunner().invoke(main, ["--no-config", "progress", *args])


def test_the_terminal_table_in_both_languages() -> None:
    zh = _run(PLAN, *SUMMARIES)
    assert zh.exit_code == 0, zh.output
    assert "提前完成（截至 2019 年）" in zh.output and "进度正常" in zh.output and "缺少 2018 年的总结" in zh.output
    assert re.search(r"2016\s+14\.7件\s+13\.36件\s+进度正常", zh.output)
    en = _run("--lang", "en", PLAN, *SUMMARIES)
    assert "met early (as of 2019)" in en.output and re.search(r"2017\s+18\.3件\s+14\.52件\s+met early", en.output)


def test_every_file_format_is_written_once_with_a_line_on_stderr(tmp_path: Path) -> None:
    outs = [tmp_path / f"p.{ext}" for ext in ("html", "json", "csv", "xlsx")]
    result = _run(PLAN, *SUMMARIES, *[a for o in outs for a in ("-o", str(o))])
    assert result.exit_code == 0, result.output
    for o in outs:
        assert f"{o}：目标 1 项，提前完成 1 项" in result.stderr
    data = json.loads(outs[1].read_text(encoding="utf-8"))
    assert data["kind"] == "progress" and data["targets"][0]["state"] == "met_early"
    assert [p["value"] for p in data["targets"][0]["points"]] == [14.7, 18.3, 22.3]
    html = outs[0].read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html and "@media print" in html and "<polyline" in html
    csv_text = outs[2].read_bytes().decode("utf-8")
    assert csv_text.startswith("\ufeff") and "\r\n" in csv_text and "T1,指标,每万人口发明专利拥有量,2016,14.7,件,13.36,进度正常" in csv_text
    book = openpyxl.load_workbook(io.BytesIO(outs[3].read_bytes()))
    assert book.sheetnames == ["目标", "分年度", "任务"]
    assert [c.value for c in book["目标"][2]][:7] == ["T1", "每万人口发明专利拥有量", "≥ 18", "件", 2020, "2015: 12.2", "提前完成"]


def test_the_reports_are_byte_identical_across_runs(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        assert _run(PLAN, *SUMMARIES, "-o", str(folder / "p.xlsx"), "-o", str(folder / "p.html")).exit_code == 0
    for name in ("p.xlsx", "p.html"):
        assert (first / name).read_bytes() == (second / name).read_bytes()


def test_the_report_of_a_years_work_meeting_is_dated_the_year_it_looks_back_on() -> None:
    """The 2016 work meeting's report (截至去年年底…) reports on 2015 (ZH-REPORT-009): no @YEAR needed."""
    meeting = str(SERIES / "2015-work-meeting.txt")
    data = json.loads(_run("-f", "json", PLAN, meeting, *SUMMARIES).output)
    assert [s["year"] for s in data["summaries"]] == [2015, 2016, 2017, 2019]
    data = json.loads(_run("-f", "json", PLAN, meeting + "@2015", *SUMMARIES).output)
    assert [s["year"] for s in data["summaries"]] == [2015, 2016, 2017, 2019]


def test_at_year_overrides_the_year_read_from_the_text() -> None:
    first, second = SUMMARIES[0], SUMMARIES[1]
    years = [s["year"] for s in json.loads(_run("-f", "json", PLAN, first, second).output)["summaries"]]
    result = _run("-f", "json", PLAN, f"{first}@{years[1]}", second)
    assert result.exit_code == 2 and f"{years[1]} 年有两份总结" in result.output


def test_the_2015_meeting_report_does_not_meet_the_2020_target() -> None:
    """'本市计划每万人口发明专利拥有量达到18件' plans a level (ZH-INTENT-013): never the 2015 point, never met."""
    data = json.loads(_run("-f", "json", PLAN, str(SERIES / "2015-work-meeting.txt") + "@2015").output)
    point = data["targets"][0]["points"][0]
    assert point["value"] != 18 and point["status"] != "met"


def test_the_2015_meeting_report_gives_the_2015_value() -> None:
    """截至去年年底 in the report of the 2016 work meeting counts from its own date: 2015's (ZH-YEAR-013)."""
    data = json.loads(_run("-f", "json", PLAN, str(SERIES / "2015-work-meeting.txt") + "@2015").output)
    assert data["targets"][0]["points"][0]["value"] == 12.2


@pytest.mark.parametrize("args, message", [
    (["nope.txt"], "nope.txt: file not found"),
    (["-o", "p.docx", "S"], "cannot tell the report format from the extension of 'p.docx'"),
    (["-f", "xlsx", "S"], "the xlsx format is binary and cannot go to the terminal"),
])
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IPCHECK_LANG", "en")                 # the English message (test_i18n: the Chinese)
    args = [SUMMARIES[0] if a == "S" else a for a in args]
    result = _run(PLAN, *args)
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert result.output.startswith("ipcheck: ") and message in result.output


def test_an_empty_summary_or_a_bad_plan_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "2017.txt"
    empty.write_text("", encoding="utf-8")
    result = _run(PLAN, SUMMARIES[0], str(empty))
    assert result.exit_code == 2 and f"ipcheck: {empty}: " in result.output and result.output.count("\n") == 1
    bad = tmp_path / "plan.yaml"
    bad.write_text("version: 1\nplan: {id: x}\n", encoding="utf-8")
    result = _run(str(bad), SUMMARIES[0])
    assert result.exit_code == 2 and result.output.startswith(f"ipcheck: {bad}:")


def test_an_output_over_an_input_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    out = tmp_path / "p.json"
    result = _run(PLAN, *SUMMARIES, "-o", str(out), "-o", SUMMARIES[0])
    assert result.exit_code == 2 and "拒绝用报告覆盖输入文件" in result.output
    assert not out.exists()
