"""CI and spreadsheet formats on the four sample pairs: JUnit (validated against the Jenkins
JUnit XSD), GitHub annotations, GitLab Code Quality, CSV, XLSX and the merge-request comment;
hostile text in a plan or summary; determinism; the command line and the batch path."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from functools import lru_cache
from pathlib import Path

import openpyxl
import pytest
import xmlschema
import yaml
from click.testing import CliRunner

from ipcheck.check import check
from ipcheck.cli import main
from ipcheck.inputs.documents import read_document
from ipcheck.model import Report
from ipcheck.plans.loader import load_plan
from ipcheck.report import BINARY_FORMATS, EXTENSION_BY_FORMAT, FORMAT_BY_EXTENSION, RenderOptions, render
from ipcheck.report.annotations import fingerprint
from ipcheck.report.csv_report import COLUMNS, headings
from ipcheck.report.junit import clean
from ipcheck.report.template import render_comment

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases").glob("*/case.yaml"))
IDS = [c.parent.name for c in CASES]
SCHEMA = xmlschema.XMLSchema(str(ROOT / "tests" / "schemas" / "junit-10.xsd"))
CI_FORMATS = ("junit", "github", "gitlab", "csv", "xlsx", "comment")
DEFAULT_FAIL = frozenset({"missed", "unreported"})
# ::level file=F,line=N,title=T::MESSAGE; properties escape , and : so neither splits them.
GITHUB_LINE = re.compile(r"::(?P<level>error|warning) file=(?P<file>[^,:]+),line=(?P<line>\d+),"
                         r"title=(?P<title>[^,:]+)::(?P<message>.*)")


@lru_cache(maxsize=None)
def _report(case_path: Path) -> Report:
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    # Relative paths, as a CI job passes them (annotations must name repository paths).
    return check(load_plan(case["plan"]), read_document(case["summary"]))


@pytest.fixture(autouse=True)
def _at_root(monkeypatch) -> None:
    monkeypatch.chdir(SAMPLES)


def _context(report: Report, lang: str = "zh-CN") -> dict:
    return json.loads(render(report, "json", RenderOptions(lang=lang)))


def _unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


# --- JUnit -----------------------------------------------------------------------------------

@pytest.mark.parametrize("case_path", CASES, ids=IDS)
def test_junit_is_valid_and_has_one_testcase_per_item(case_path: Path) -> None:
    report = _report(case_path)
    xml = render(report, "junit")
    SCHEMA.validate(xml)
    root = ET.fromstring(xml)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    ctx = _context(report)
    assert [c.get("name").split(" ")[0] for c in cases] == [i["id"] for i in ctx["items"]]
    failing = report.counts["missed"] + report.counts["unreported"]
    assert int(suite.get("failures")) == failing == len(suite.findall("testcase/failure"))
    assert int(suite.get("skipped")) == report.counts["pending"] == len(suite.findall("testcase/skipped"))
    assert int(suite.get("tests")) == len(cases) == report.counts["total"]
    for case, item in zip(cases, ctx["items"]):
        failure = case.find("failure")
        assert (failure is not None) == (item["status"] in DEFAULT_FAIL)
        if failure is not None:
            assert failure.get("type") == item["reason"]
            assert "\n" not in failure.get("message")
            for e in item["evidence"]:     # every quoted sentence and its line is in the body
                assert f"第 {e['line']} 行" in failure.text
                assert " ".join(e["text"].split()) in failure.text
        elif item["status"] == "met" and item["needs_review"]:
            assert "需人工复核" in case.find("system-out").text


def test_junit_failures_follow_fail_on() -> None:
    report = _report(CASES[IDS.index("luzhou-2016")])
    xml = render(report, "junit", RenderOptions(fail_on=frozenset({"pending"})))
    SCHEMA.validate(xml)
    suite = ET.fromstring(xml).find("testsuite")
    assert int(suite.get("failures")) == report.counts["pending"] > 0
    assert suite.findall("testcase/skipped") == []


def test_junit_message_is_in_english_with_lang_en() -> None:
    report = _report(CASES[IDS.index("mianzhu-2015")])
    failure = ET.fromstring(render(report, "junit", RenderOptions(lang="en"))).find("testsuite/testcase/failure")
    assert failure.get("message").startswith("unreported: ")
    assert "line " in failure.text and "confidence: " in failure.text


@pytest.mark.parametrize("text,expected", [
    ("ok\tand\nnew\rline", "ok\tand\nnew\rline"),       # the three legal controls stay
    ("bell\x07esc\x1b nul\x00 del-ok\x7f", "bellesc nul del-ok\x7f"),
    ("surrogate\ud800 fffe\ufffe", "surrogate fffe"),
    ("中文 </failure> ]]> &amp;", "中文 </failure> ]]> &amp;"),
])
def test_clean_removes_only_what_xml_forbids(text: str, expected: str) -> None:
    assert clean(text) == expected


# --- hostile text -------------------------------------------------------------------------------

HOSTILE = "=cmd|' /C calc'!A0 | </failure>]]> ::error file=x::pwn %0A,a:b\x07\x1b\nnext"


@pytest.fixture(scope="module")
def hostile() -> Report:
    """The mianzhu report with hostile text wherever a plan or summary puts text."""
    base = _report(CASES[IDS.index("mianzhu-2015")])
    plan = base.plan
    meta = dataclasses.replace(plan.meta, title=HOSTILE, id="mz,1:x")
    targets = tuple(dataclasses.replace(t, metric=HOSTILE + t.metric) for t in plan.targets)
    tasks = tuple(dataclasses.replace(t, title="@" + t.title + "\x01") for t in plan.tasks)
    verdicts = tuple(dataclasses.replace(v, evidence=tuple(dataclasses.replace(e, text=HOSTILE + e.text)
                                                          for e in v.evidence)) for v in base.verdicts)
    return dataclasses.replace(base, plan=dataclasses.replace(plan, meta=meta, targets=targets, tasks=tasks),
                               verdicts=verdicts, summary_path="summaries/a,b:c%.txt")


def test_hostile_text_keeps_junit_valid(hostile: Report) -> None:
    xml = render(hostile, "junit")
    SCHEMA.validate(xml)
    root = ET.fromstring(xml)
    assert "\x07" not in xml and "\x1b" not in xml and "\x01" not in xml
    assert len(root.findall("testsuite/testcase")) == hostile.counts["total"]
    bodies = [f.text for f in root.iter("failure")]
    assert bodies and all("</failure>]]>" in b for b in bodies if "「" in b)


def test_hostile_text_stays_one_github_command_per_item(hostile: Report) -> None:
    lines = render(hostile, "github").splitlines()
    ctx = _context(hostile)
    flagged = [i for i in ctx["items"] if i["status"] in DEFAULT_FAIL or i["needs_review"]]
    assert len(lines) == len(flagged)
    for line, item in zip(lines, flagged):
        m = GITHUB_LINE.fullmatch(line)
        assert m, line
        assert _unescape(m["file"]) == "summaries/a,b:c%.txt"
        assert _unescape(m["title"]).startswith(item["id"] + " ")


def test_hostile_text_is_inert_in_csv_and_xlsx(hostile: Report) -> None:
    rows = list(csv.reader(io.StringIO(render(hostile, "csv").removeprefix("\ufeff"), newline="")))
    cells = [c for row in rows for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    assert any(c.startswith("'=cmd") for c in cells) and any(c.startswith("'@") for c in cells)
    book = openpyxl.load_workbook(io.BytesIO(render(hostile, "xlsx")))
    values = [c.value for row in book.worksheets[0].iter_rows() for c in row]
    assert any(isinstance(v, str) and v.startswith("=cmd") for v in values)     # kept as text,
    assert all(c.data_type != "f" for row in book.worksheets[0].iter_rows() for c in row)  # never a formula


def test_hostile_text_is_escaped_in_the_comment(hostile: Report) -> None:
    text = render(hostile, "comment")
    assert "</failure>" not in text and "\\<" in text            # escaped as report.md does
    assert all(line.count(" | ") == 4 for line in text.splitlines() if line.startswith("| ") and "---" not in line)


# --- GitHub and GitLab --------------------------------------------------------------------------

@pytest.mark.parametrize("case_path", CASES, ids=IDS)
def test_github_lines_point_at_the_evidence(case_path: Path) -> None:
    report = _report(case_path)
    ctx = _context(report)
    flagged = {i["id"]: i for i in ctx["items"] if i["status"] in DEFAULT_FAIL or i["needs_review"]}
    lines = render(report, "github").splitlines()
    assert len(lines) == len(flagged)
    for line in lines:
        m = GITHUB_LINE.fullmatch(line)
        assert m, line
        item = flagged[_unescape(m["title"]).split(" ")[0]]
        assert m["level"] == ("error" if item["status"] in DEFAULT_FAIL else "warning")
        path, n = _unescape(m["file"]), int(m["line"])
        text = Path(path).read_text(encoding="utf-8").splitlines()
        if item["evidence"]:
            assert path == ctx["summary"]["path"]
            e = item["evidence"][0]
            spanned = "".join(text[n - 1:n - 1 + e["text"].count("\n") + 1])
            assert " ".join(e["text"].split())[:10].replace(" ", "") in spanned.replace(" ", "")
        else:                                   # unreported without evidence: its line in the plan
            assert path == ctx["plan"]["path"]
            assert item["id"] in text[n - 1]


@pytest.mark.parametrize("case_path", CASES, ids=IDS)
def test_gitlab_code_quality(case_path: Path) -> None:
    report = _report(case_path)
    findings = json.loads(render(report, "gitlab"))
    ctx = _context(report)
    flagged = [i for i in ctx["items"] if i["status"] in DEFAULT_FAIL or i["needs_review"]]
    assert len(findings) == len(flagged)
    assert len({f["fingerprint"] for f in findings}) == len(findings)
    for f, item in zip(findings, flagged):
        assert set(f) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert f["check_name"] == item["reason"]
        assert f["fingerprint"] == fingerprint(ctx["plan"]["id"], item["id"], item["reason"])
        assert f["severity"] == {"missed": "major", "unreported": "minor"}.get(item["status"], "info")
        assert isinstance(f["location"]["lines"]["begin"], int) and f["location"]["path"]


def test_items_without_evidence_point_at_their_plan_line() -> None:
    # No sample pair has a missed item or a flagged item without evidence: make both.
    from ipcheck.model import Status
    report = _report(CASES[IDS.index("mianzhu-2015")])
    changed = {"T1": dict(status=Status.MISSED), "5": dict(evidence=())}
    bare = dataclasses.replace(report, verdicts=tuple(dataclasses.replace(v, **changed.get(v.item_id, {}))
                                                      for v in report.verdicts))
    lines = {GITHUB_LINE.fullmatch(x)["title"].split(" ")[0]: GITHUB_LINE.fullmatch(x)
             for x in render(bare, "github").splitlines()}
    assert lines["T1"]["level"] == "error" and lines["T1"]["file"] == "summaries/2015/mianzhu-2015.txt"
    m = lines["5"]
    plan_text = Path("plans/mianzhu-2015.yaml").read_text(encoding="utf-8").splitlines()
    assert m["file"] == "plans/mianzhu-2015.yaml" and re.search(r'id: "?5"?$', plan_text[int(m["line"]) - 1])
    findings = {f["fingerprint"]: f for f in json.loads(render(bare, "gitlab"))}
    assert findings[fingerprint("mianzhu-2015", "T1", "target.met")]["severity"] == "major"
    five = findings[fingerprint("mianzhu-2015", "5", "task.weak_evidence")]
    assert five["location"] == {"path": "plans/mianzhu-2015.yaml", "lines": {"begin": int(m["line"])}}
    failure = next(c for c in ET.fromstring(render(bare, "junit")).iter("testcase")
                   if c.get("name").startswith("5 ")).find("failure")
    assert f"证据: 总结中未找到相关语句 (方案第 {m['line']} 行)" in failure.text


def test_gitlab_fingerprint_ignores_line_numbers() -> None:
    report = _report(CASES[IDS.index("mianzhu-2015")])
    moved = dataclasses.replace(report, verdicts=tuple(
        dataclasses.replace(v, evidence=tuple(dataclasses.replace(e, line=e.line + 7) for e in v.evidence))
        for v in report.verdicts))
    before, after = json.loads(render(report, "gitlab")), json.loads(render(moved, "gitlab"))
    assert [f["fingerprint"] for f in before] == [f["fingerprint"] for f in after]
    assert [f["location"] for f in before] != [f["location"] for f in after]


# --- CSV and XLSX -------------------------------------------------------------------------------

@pytest.mark.parametrize("case_path", CASES, ids=IDS)
def test_csv_has_a_bom_crlf_and_one_row_per_item(case_path: Path) -> None:
    report = _report(case_path)
    text = render(report, "csv")
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    assert text.count("\r\n") >= report.counts["total"] + 1
    assert "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == headings("zh-CN") and rows[0][:4] == ["编号", "类别", "事项", "结论"]
    ctx = _context(report)
    assert [r[0] for r in rows[1:]] == [i["id"] for i in ctx["items"]]
    col = {key: n for n, key in enumerate(COLUMNS)}
    for row, item in zip(rows[1:], ctx["items"]):
        assert len(row) == len(COLUMNS)
        assert row[col["reason"]] == item["reason"]
        assert row[col["line"]] == (str(item["evidence"][0]["line"]) if item["evidence"] else "")
        if item["figure"]:
            assert row[col["figure_text"]].lstrip("'") == item["figure"]["text"]


def test_csv_headings_in_english_with_lang_en() -> None:
    text = render(_report(CASES[0]), "csv", RenderOptions(lang="en"))
    header = next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert header[:4] == ["id", "kind", "item", "status"] and "evidence sentence" in header


@pytest.mark.parametrize("case_path", CASES, ids=IDS)
def test_xlsx_reads_back(case_path: Path) -> None:
    report = _report(case_path)
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    items, counts = book.worksheets
    assert (items.title, counts.title) == ("事项", "统计")
    rows = list(items.iter_rows(values_only=True))
    assert list(rows[0]) == headings("zh-CN")
    assert items.freeze_panes == "A2" and items["A1"].font.b
    ctx = _context(report)
    assert [str(r[0]) for r in rows[1:]] == [i["id"] for i in ctx["items"]]
    col = {key: n for n, key in enumerate(COLUMNS)}
    for row, item in zip(rows[1:], ctx["items"]):
        assert row[col["line"]] == (item["evidence"][0]["line"] if item["evidence"] else None)
        assert row[col["confidence"]] == round(item["confidence"], 2)
    table = dict(list(counts.iter_rows(values_only=True))[1:])
    assert table["未完成"] == report.counts["missed"] and table["合计"] == report.counts["total"]
    assert items.column_dimensions["N"].width >= 40      # the evidence column is wide enough to read


# --- comment -----------------------------------------------------------------------------------

@pytest.mark.parametrize("case_path", CASES, ids=IDS)
def test_comment_tables_failing_items_and_folds_the_rest(case_path: Path) -> None:
    report = _report(case_path)
    text = render(report, "comment")
    ctx = _context(report)
    failing = [i for i in ctx["items"] if i["status"] in DEFAULT_FAIL or i["needs_review"]]
    head, _, folded = text.partition("<details>")
    rows = [line for line in head.splitlines() if line.startswith("| ") and not line.startswith("| 编号")]
    assert len(rows) == len(failing)
    assert folded.count("\n| ") - 1 * bool(folded.strip()) == len(ctx["items"]) - len(failing)
    assert len(text) <= 65536


def test_comment_is_truncated_with_a_note() -> None:
    report = _report(CASES[IDS.index("luzhou-2016")])
    full = render_comment(report)
    cut = render_comment(report, limit=len(full) // 2)
    assert len(cut) <= len(full) // 2
    shown = sum(1 for line in cut.splitlines() if line.startswith("| ") and "---" not in line
                and not line.startswith("| 编号"))
    note = re.search(r"另有 (\d+) 行未列出", cut)
    assert note and shown + int(note[1]) == report.counts["total"]
    assert "另有" not in full


# --- determinism, registry, command line, batch --------------------------------------------------

@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_byte_identical_across_processes(fmt: str, tmp_path: Path) -> None:
    outputs = []
    for n in range(2):
        out = tmp_path / f"{n}.{EXTENSION_BY_FORMAT[fmt]}"
        subprocess.run([sys.executable, "-m", "ipcheck", "check", "plans/mianzhu-2015.yaml",
                        "summaries/2015/mianzhu-2015.txt", "--format", fmt, "-o", str(out)],
                       cwd=SAMPLES, check=False, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0]
    if fmt == "xlsx":
        assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(outputs[0])).infolist()} == {(1980, 1, 1, 0, 0, 0)}


@pytest.mark.parametrize("fmt", CI_FORMATS)
def test_the_batch_extension_names_the_format_again(fmt: str) -> None:
    from ipcheck.report import format_for
    assert format_for(f"out/a--b.{EXTENSION_BY_FORMAT[fmt]}", None) == fmt


def test_registry() -> None:
    assert FORMAT_BY_EXTENSION[".xml"] == "junit" and FORMAT_BY_EXTENSION[".csv"] == "csv"
    assert FORMAT_BY_EXTENSION[".xlsx"] == "xlsx" and BINARY_FORMATS == {"xlsx"}
    assert isinstance(render(_report(CASES[0]), "xlsx"), bytes)


def _invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_cli_picks_junit_by_extension_and_passes_fail_on(tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    result = _invoke("check", "plans/mianzhu-2015.yaml", "summaries/2015/mianzhu-2015.txt", "-o", out,
                     "--fail-on", "missed")
    SCHEMA.validate(str(out))
    suite = ET.parse(out).getroot().find("testsuite")
    assert suite.get("failures") == "0" and result.exit_code == 0     # unreported does not fail here


def test_cli_refuses_xlsx_on_stdout() -> None:
    result = _invoke("check", "plans/mianzhu-2015.yaml", "summaries/2015/mianzhu-2015.txt", "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("ipcheck: ") and "-o FILE" in result.stderr
    assert result.stdout == ""


def test_batch_writes_one_junit_file_per_pair(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _invoke("check", "--manifest", "tests/batch/manifest.yaml", "--output-dir", out, "--format", "junit")
    assert result.exit_code == 2        # the manifest holds two broken pairs (failed rows)
    written = sorted(p.name for p in out.glob("*--*"))
    assert written == ["guanghan-2015--guanghan-2015.xml", "mianzhu-2015--mianzhu-2015.xml"]
    for name in written:
        SCHEMA.validate(str(out / name))


def test_junit_shows_a_persons_review_decision() -> None:
    from ipcheck.model import ReviewDecision, Status
    report = _report(CASES[IDS.index("mianzhu-2015")])
    target = next(v for v in report.verdicts if v.status is Status.UNREPORTED)
    decision = ReviewDecision(status=Status.MET, reason="区统计表第3页", by="张三", date="2026-11-01",
                              tool_status=Status.UNREPORTED)
    reviewed = dataclasses.replace(report, verdicts=tuple(
        dataclasses.replace(v, status=Status.MET, review=decision) if v is target else v for v in report.verdicts))
    xml = render(reviewed, "junit")
    SCHEMA.validate(xml)
    case = next(c for c in ET.fromstring(xml).iter("testcase") if c.get("name").split(" ")[0] == target.item_id)
    assert case.find("failure") is None
    assert "人工复核结论：已完成（张三，2026-11-01）；工具结论：未报告；理由：区统计表第3页" in case.find("system-out").text
