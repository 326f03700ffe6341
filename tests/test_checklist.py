"""`ipcheck plan checklist PLAN`: the fill-in outline of what a summary must report, as Markdown
and as a Word .docx (deterministic bytes, read back by ipcheck's own .docx reader); blank, it
proves nothing when checked as a summary; filled in, it reads as a summary does."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.check import check
from ipcheck.cli import main
from ipcheck.inputs.documents import read_document
from ipcheck.model import Document
from ipcheck.plans.loader import load_plan
from ipcheck.report.checklist import render_docx, render_markdown

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted((ROOT / "plans").glob("*.yaml"))


def _run(*args: str):
    return CliRunner().invoke(main, ["--no-config", "plan", "checklist", *args])


def test_grouped_as_the_plan_is_with_owners() -> None:
    text = render_markdown(load_plan(ROOT / "plans" / "luzhou-2016.yaml"), 2016)
    assert text.index("## 一、目标指标") < text.index("## 二、加强知识产权体制机制建设")
    assert "- [ ] T11a 专利申请量（方案要求 ≥ 1750件 时限 2016 年）" in text
    assert "  - 2016年全市专利申请量实际数为 \\_\\_\\_\\_ 件" in text
    assert "（责任单位 市发改委 市经信委 市科知局 时限 2016 年）" in text


def test_the_docx_is_deterministic_and_reads_back(tmp_path: Path) -> None:
    plan = load_plan(ROOT / "plans" / "mianzhu-2015.yaml")
    data = render_docx(plan, 2015)
    assert data == render_docx(plan, 2015)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.namelist() == ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels",
                                 "word/document.xml", "word/styles.xml"]
    path = tmp_path / "c.docx"
    path.write_bytes(data)
    lines = read_document(path).text.splitlines()
    assert lines[0] == "绵竹市国家知识产权示范城市培育工作方案：工作总结应报告的事项"
    assert "☐ T1 专利申请量（方案要求 ≥ 370件 时限 2015 年）" in lines
    assert "2015年全市专利申请量实际数为 ____ 件" in lines


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
@pytest.mark.parametrize("kind", ["md", "docx"])
def test_a_blank_checklist_proves_nothing(plan: Path, kind: str, tmp_path: Path) -> None:
    loaded = load_plan(plan)
    year = max((i.due for i in (*loaded.targets, *loaded.tasks) if i.due), default=2020)
    path = tmp_path / f"c.{kind}"
    if kind == "md":
        path.write_text(render_markdown(loaded, year), encoding="utf-8")
    else:
        path.write_bytes(render_docx(loaded, year))
    report = check(loaded, read_document(path))
    assert [v.item_id for v in report.verdicts if v.status.value in ("met", "missed")] == []


def test_a_filled_in_checklist_reads_as_a_summary() -> None:
    plan = load_plan(ROOT / "plans" / "mianzhu-2015.yaml")
    text = render_markdown(plan, 2015).replace("2015年全市专利申请量实际数为 \\_\\_\\_\\_ 件", "2015年全市专利申请量实际数为 537 件")
    first = "办理时间：\\_\\_\\_\\_；成果（数字、文件、名称）：\\_\\_\\_\\_"
    text = text.replace(first, "办理时间：2015年3月；成果：成立了绵竹市知识产权工作领导小组", 1)
    report = check(plan, Document("filled.md", text, "utf-8"), )
    status = {v.item_id: v.status.value for v in report.verdicts}
    assert status["T1"] == "met" and status["1"] == "met"
    assert sum(s == "met" for s in status.values()) == 2


def test_the_cli_writes_markdown_and_docx(tmp_path: Path) -> None:
    plan = str(ROOT / "plans" / "mianzhu-2015.yaml")
    shown = _run(plan, "--year", "2015")
    assert shown.exit_code == 0 and shown.output == render_markdown(load_plan(plan), 2015)
    out = tmp_path / "c.docx"
    written = _run(plan, "-o", str(out))
    assert written.exit_code == 0 and f"{out}：应报告目标 3 项、任务 13 项" in written.stderr
    assert out.read_bytes() == render_docx(load_plan(plan), None)
    en = _run(plan, "--lang", "en")
    assert "- [ ] T1 专利申请量 \\(the plan asks \\>= 370件 by 2015\\)" in en.output


@pytest.mark.parametrize("args, message", [
    (["nope.yaml"], "nope.yaml: plan file not found"),
    (["PLAN", "-o", "c.pdf"], "cannot tell the checklist format from the extension of 'c.pdf'"),
    (["PLAN", "-o", "PLAN"], "refusing to write the report over an input file"),
])
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    plan = str(tmp_path / "plan.md")                 # a plan file may have any name
    Path(plan).write_bytes((ROOT / "plans" / "mianzhu-2015.yaml").read_bytes())
    result = _run(*[plan if a == "PLAN" else a for a in args])
    assert result.exit_code == 2 and result.output.startswith("ipcheck: ") and message in result.output
    assert result.output.count("\n") == 1
