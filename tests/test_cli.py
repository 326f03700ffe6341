"""The command line as a user meets it: exit status, stdout, stderr, files written."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck import __version__
from ipcheck.cli import main

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
PLAN = "plans/mianzhu-2015.yaml"
SUMMARY = "summaries/2015/mianzhu-2015.txt"


@pytest.fixture()
def run(monkeypatch):
    monkeypatch.chdir(SAMPLES)

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    return invoke


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"ipcheck, version {__version__}"


def test_text_report_lists_every_item(run) -> None:
    result = run("check", PLAN, SUMMARY, "--no-color")
    report = json.loads(run("check", PLAN, SUMMARY, "--format", "json").output)
    assert result.exit_code == (1 if report["counts"]["missed"] + report["counts"]["unreported"] else 0)
    for item in report["items"]:
        assert item["id"] in result.output
    assert "\x1b[" not in result.output


def test_json_is_the_documented_contract(run) -> None:
    data = json.loads(run("check", PLAN, SUMMARY, "--format", "json").output)
    assert data["schema"] == 1 and data["plan"]["id"] == "mianzhu-2015"
    assert data["summary"] == {"path": SUMMARY, "encoding": "utf-8", "year": 2015}
    assert sum(data["counts"][s] for s in ("met", "missed", "unreported", "pending")) == data["counts"]["total"]
    for item in data["items"]:
        assert set(item) >= {"id", "kind", "status", "needs_review", "confidence", "evidence", "figure"}
        assert item["kind"] in ("target", "task")
        for ev in item["evidence"]:
            assert set(ev) >= {"line", "text", "section", "score"}
        if item["status"] == "met":
            assert item["evidence"], item["id"]
        if item["figure"] is not None:
            assert set(item["figure"]) >= {"value", "unit", "text"}


def test_same_inputs_same_bytes(run, tmp_path) -> None:
    outputs = []
    for fmt in ("json", "markdown", "html"):
        first = run("check", PLAN, SUMMARY, "--format", fmt).output
        second = run("check", PLAN, SUMMARY, "--format", fmt).output
        assert first == second
        outputs.append(first)
    assert all(outputs)


@pytest.mark.parametrize("fail_on", ["pending", "met", "missed", "missed,unreported,pending"])
def test_fail_on_chooses_failing_statuses(run, fail_on) -> None:
    counts = json.loads(run("check", PLAN, SUMMARY, "--format", "json").output)["counts"]
    result = run("check", PLAN, SUMMARY, "--format", "json", "--fail-on", fail_on)
    assert result.exit_code == (1 if any(counts[s] for s in fail_on.split(",")) else 0)


def test_fail_on_rejects_unknown_status(run) -> None:
    result = CliRunner().invoke(main, ["check", PLAN, SUMMARY, "--fail-on", "done"])
    assert result.exit_code == 2 and "done" in result.output


def test_html_report_written_to_file(run, tmp_path) -> None:
    out = tmp_path / "report.html"
    result = run("check", PLAN, SUMMARY, "-o", str(out))
    assert result.exit_code in (0, 1)
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html
    assert "<mark>" in html
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("args,message", [
    (("check", PLAN, "no/such/file.txt"), "no/such/file.txt"),
    (("check", "no/such/plan.yaml", SUMMARY), "no/such/plan.yaml"),
    (("check", PLAN, "tests/plans/valid"), "tests/plans/valid"),   # a folder means a batch; this one holds no summaries
    (("check", PLAN, SUMMARY, "-o", "report.xyz"), "report.xyz"),
    (("check", PLAN, SUMMARY, "-o", SUMMARY, "--format", "json"), SUMMARY),
    (("check", PLAN, SUMMARY, "-o", "no/such/dir/r.json"), "no/such/dir/r.json"),
])
def test_bad_input_is_one_line_and_exit_2(run, args, message) -> None:
    before = (SAMPLES / SUMMARY).read_bytes()
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ipcheck: ") and message in lines[0]
    assert "Traceback" not in result.output
    assert (SAMPLES / SUMMARY).read_bytes() == before


def test_invalid_plan_reports_every_problem_with_its_line(run, tmp_path) -> None:
    plan = tmp_path / "bad.yaml"
    plan.write_text("version: 1\nplan:\n  id: x\n  title: t\n  region: r\ntargets:\n"
                    "  - id: T1\n    metric: 专利申请量\n    measure: levle\n    op: '>='\n    value: 1\n    unit: 件\n"
                    "  - id: T1\n    metirc: 专利申请量\n    measure: level\n    op: '>='\n    value: 1\n    unit: 件\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(plan), SUMMARY, "--lang", "en"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) >= 3
    assert all(line.startswith(f"ipcheck: {plan}:") for line in lines)
    assert any(":9:" in line and "levle" in line for line in lines)
    assert any("metirc" in line and "metric" in line for line in lines)
    assert any("duplicate" in line for line in lines)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_summary_in_other_encodings_gives_the_same_verdicts(run, tmp_path, encoding) -> None:
    text = (SAMPLES / SUMMARY).read_text(encoding="utf-8")
    copy = tmp_path / "summary.txt"
    copy.write_bytes(text.encode(encoding))
    base = json.loads(run("check", PLAN, SUMMARY, "--format", "json").output)
    other = json.loads(run("check", PLAN, str(copy), "--format", "json").output)
    assert [(i["id"], i["status"], [e["line"] for e in i["evidence"]]) for i in other["items"]] == \
        [(i["id"], i["status"], [e["line"] for e in i["evidence"]]) for i in base["items"]]


def test_python_dash_m_runs_the_same_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "ipcheck", "--version"], capture_output=True, text=True,
                         cwd=SAMPLES, check=False)
    assert out.returncode == 0 and __version__ in out.stdout
