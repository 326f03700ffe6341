"""One workbook for a province: a batch's workbook.xlsx and workbook.csv (a row per item of every
pair, totals per region and per status, a sheet per responsible unit), the index's rollup by
owner, and the progress of a plan checked against several years' summaries."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from ipcheck.cli import main
from ipcheck.plans.loader import load_plan

ROOT = Path(__file__).resolve().parent.parent
TIANJIN = ROOT / "tests" / "series" / "tianjin"
PAIRS = [(TIANJIN / "plan.yaml", TIANJIN / n) for n in ("2016-whitepaper.txt", "2017-work-summary.txt",
                                                          "2019-whitepaper.txt")]
PAIRS += [(ROOT / "plans" / "luzhou-2016.yaml", ROOT / "summaries" / "2015" / "luzhou-2015.txt"),
          (ROOT / "plans" / "mianzhu-2015.yaml", ROOT / "summaries" / "2015" / "mianzhu-2015.txt")]


def _batch(tmp: Path, jobs: str = "1") -> Path:
    manifest = tmp / "pairs.yaml"
    manifest.write_text("pairs:\n" + "".join(f"  - {{plan: {p}, summary: {s}}}\n" for p, s in PAIRS), encoding="utf-8")
    out = tmp / "out"
    result = CliRunner().invoke(main, ["--no-config", "check", "--manifest", str(manifest), "--output-dir", str(out),
                                       "--jobs", jobs, "--no-reviews"])
    assert result.exit_code == 1, result.output          # 绵竹 has unreported items
    assert "workbook.xlsx, workbook.csv, tianjin-2016-2020.progress.html" in result.stderr
    return out


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    return _batch(tmp_path_factory.mktemp("batch"))


@pytest.fixture(scope="module")
def book(out: Path):
    return openpyxl.load_workbook(io.BytesIO((out / "workbook.xlsx").read_bytes()))


def _rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_a_row_per_item_of_every_pair(out: Path, book) -> None:
    items = _rows(book["全部事项"])
    assert items[0] == ("地区", "年度", "方案", "总结文件", "编号", "类别", "事项", "指标", "比较", "目标值", "单位", "时限",
                        "读取的数字", "数值", "结论", "需人工复核", "责任单位", "证据行", "证据原文", "应补写内容")
    sizes = [len(load_plan(p).targets) + len(load_plan(p).tasks) for p, _ in PAIRS]
    assert len(items) - 1 == sum(sizes)
    t1_2017 = next(r for r in items if r[1] == 2017 and r[4] == "T1")
    assert t1_2017[:3] == ("天津市", 2017, "tianjin-2016-2020") and t1_2017[8:15] == ("≥", 18, "件", 2020, "18.3件", 18.3, "已完成")
    assert t1_2017[17] == 26 and "18.3件" in t1_2017[18]
    task = next(r for r in items if r[2] == "luzhou-2016" and r[4] == "3")
    assert task[16] == "市发改委、市经信委、市科知局"
    mz7 = next(r for r in items if r[2] == "mianzhu-2015" and r[4] == "7")
    assert mz7[14] == "未报告" and mz7[19].startswith("写明“促进版权登记”已建成/已完成的时间与成果")


def test_totals_per_region_and_per_status_agree_with_the_index(out: Path, book) -> None:
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    regions = {r[0]: r for r in _rows(book["按地区统计"])[1:]}
    assert sorted(regions) == ["天津市", "泸州市", "绵竹市"]
    for region, row in regions.items():
        pairs = [p for p in index["pairs"] if p["region"] == region]
        assert row[1] == len(pairs)
        for k, key in enumerate(("met", "missed", "unreported", "pending", "needs_review", "total"), start=2):
            assert row[k] == sum(p["counts"][key] for p in pairs), (region, key)
    statuses = dict(_rows(book["按结论统计"])[1:])
    assert statuses["合计"] == index["totals"]["total"] and statuses["未报告"] == index["totals"]["unreported"]


def test_a_sheet_per_responsible_unit_with_its_tasks(book) -> None:
    owners = {o for t in load_plan(ROOT / "plans" / "luzhou-2016.yaml").tasks for o in t.owners}
    assert owners <= set(book.sheetnames)
    sheet = _rows(book["市发改委"])
    tasks = [t.id for t in load_plan(ROOT / "plans" / "luzhou-2016.yaml").tasks if "市发改委" in t.owners]
    assert [r[3] for r in sheet[1:]] == tasks and all(r[0] == "泸州市" for r in sheet[1:])


def test_the_csv_has_the_same_rows(out: Path, book) -> None:
    text = (out / "workbook.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == len(_rows(book["全部事项"])) and rows[0][0] == "地区"


def test_the_index_rolls_up_by_owner_and_links_the_progress(out: Path) -> None:
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    owners = {o["owner"]: o for o in index["owners"]}
    fgw = owners["市发改委"]["counts"]
    assert fgw["total"] == len([t for t in load_plan(ROOT / "plans" / "luzhou-2016.yaml").tasks if "市发改委" in t.owners])
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "按责任单位汇总的任务（" in html and "<td>市发改委</td>" in html
    assert index["progress"] == [{"plan_id": "tianjin-2016-2020", "title": "天津市知识产权“十三五”规划", "region": "天津市",
                                  "years": [2016, 2017, 2019], "html": "tianjin-2016-2020.progress.html",
                                  "json": "tianjin-2016-2020.progress.json"}]
    progress = json.loads((out / "tianjin-2016-2020.progress.json").read_text(encoding="utf-8"))
    assert progress["targets"][0]["state"] == "met_early"
    assert 'href="tianjin-2016-2020.progress.html"' in html and "workbook.xlsx" in (out / "index.md").read_text(encoding="utf-8")


def test_the_batch_files_are_the_same_for_any_jobs(out: Path, tmp_path: Path) -> None:
    other = _batch(tmp_path, jobs="2")
    for name in ("workbook.xlsx", "workbook.csv", "index.json", "index.html", "tianjin-2016-2020.progress.html"):
        assert (other / name).read_bytes() == (out / name).read_bytes(), name
