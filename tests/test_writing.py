"""What to write: an unreported or missed item tells a staffer what the summary must add, in the
summary's terms, in both languages and in every report format."""
from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from ipcheck.check import check
from ipcheck.inputs.documents import read_document
from ipcheck.model import Document
from ipcheck.plans.loader import load_plan
from ipcheck.report import REPORTER_BY_NAME, RenderOptions, render
from ipcheck.report.writing import scope

ROOT = Path(__file__).resolve().parent.parent
MIANZHU = load_plan(ROOT / "plans" / "mianzhu-2015.yaml")
LUZHOU = load_plan(ROOT / "plans" / "luzhou-2016.yaml")
REDRAFTS = ROOT / "tests" / "series" / "redrafts"
# A short 2015 summary of 绵竹 that reports a meeting and nothing the plan asks for, and a 2016
# one of 泸州 that names its patent applications only in the next-year plan.
BARE = Document("bare.txt", "2015年绵竹市建设国家知识产权试点城市工作总结\n一、工作开展情况\n全年召开知识产权工作会议3次。\n",
                "utf-8")
NEXT = Document("next.txt", "2016年泸州市知识产权工作总结\n一、工作成效\n全年召开知识产权工作会议3次。\n"
                "二、2017年工作计划\n全市专利申请达到2000件。\n", "utf-8")


def _item(report, item_id: str, lang: str = "zh-CN") -> dict:
    data = json.loads(render(report, "json", RenderOptions(lang=lang)))
    return next(i for i in data["items"] if i["id"] == item_id)


@pytest.mark.parametrize("plan, doc, item, zh, en", [
    (MIANZHU, BARE, "T1", "写明2015年全市专利申请量的实际数（目标 ≥ 370件）",
     "State the actual 专利申请量 of the city for 2015 (target >= 370件)"),
    (MIANZHU, BARE, "T3", "写明2015年全市发明专利申请量的实际数（目标 ≥ 30%）",
     "State the actual 发明专利申请量 of the city for 2015 (target >= 30%)"),
    (MIANZHU, REDRAFTS / "mianzhu-2015-r2-figure.txt", "T1", "说明专利申请量（350件）未达到目标（≥ 370件）的原因和整改措施",
     "Explain why 专利申请量 (350件) fell short of the target (>= 370件) and what will be done about it"),
    (MIANZHU, ROOT / "summaries" / "2015" / "mianzhu-2015.txt", "7", "写明“促进版权登记”已建成/已完成的时间与成果；目前只作为计划或打算提及",
     "State when “促进版权登记” was built or completed and what it achieved; now it appears only as a plan or intention"),
    (MIANZHU, ROOT / "summaries" / "2015" / "mianzhu-2015.txt", "5",
     "写明“实施商标战略，培育驰（著）名商标和品牌”已建成/已完成的时间与成果；现有语句未写明已完成",
     "State when “实施商标战略，培育驰（著）名商标和品牌” was built or completed and what it achieved; "
     "the sentences found do not say it was done"),
    (LUZHOU, NEXT, "T11a", "写明2016年全市专利申请量的实际数（目标 ≥ 1750件）；目前只在下一步计划中提及",
     "State the actual 专利申请量 of the city for 2016 (target >= 1750件); now it appears only in the next-year plan"),
    (LUZHOU, NEXT, "1", "写明“成立泸州市建设国家知识产权试点城市工作领导小组，保障试点工作顺利开展”已建成/已完成的时间与成果"
     "（责任单位：市知识产权工作领导小组办公室）",
     "State when “成立泸州市建设国家知识产权试点城市工作领导小组，保障试点工作顺利开展” was built or completed and what "
     "it achieved (owners: 市知识产权工作领导小组办公室)"),
])
def test_what_to_write_in_the_summarys_terms(plan, doc, item: str, zh: str, en: str) -> None:
    report = check(plan, doc if isinstance(doc, Document) else read_document(doc))
    assert _item(report, item)["status"] in ("unreported", "missed")
    assert _item(report, item)["to_write"] == zh
    assert _item(report, item, "en")["to_write"] == en


def test_met_and_pending_items_need_nothing_written() -> None:
    report = check(MIANZHU, read_document(ROOT / "summaries" / "2015" / "mianzhu-2015.txt"))
    data = json.loads(render(report, "json"))
    assert {i["status"] for i in data["items"] if i["to_write"] is None} == {"met"}
    luzhou = json.loads(render(check(LUZHOU, read_document(ROOT / "summaries" / "2015" / "luzhou-2015.txt")), "json"))
    assert all(i["to_write"] is None for i in luzhou["items"] if i["status"] == "pending")


@pytest.mark.parametrize("region, zh, en", [("绵竹市", "全市", "the city"), ("广汉县", "全县", "the county"),
                                            ("克孜勒苏柯尔克孜自治州", "全州", "the prefecture"), ("某地", "某地", "某地")])
def test_the_scope_word_follows_the_region(region: str, zh: str, en: str) -> None:
    assert scope(region, "zh-CN") == zh and scope(region, "en") == en


WANTED = "写明2015年全市专利申请量的实际数（目标 ≥ 370件）"


@pytest.mark.parametrize("fmt", sorted(set(REPORTER_BY_NAME) - {"xlsx"}))
def test_every_text_format_says_what_to_write(fmt: str) -> None:
    text = render(check(MIANZHU, BARE), fmt)
    if fmt == "github":
        text = text.replace("%25", "%")
    if fmt == "html":
        text = text.replace("&gt;", ">")
    assert WANTED in text or WANTED.replace("（", "\\（") in text, fmt


def test_the_workbook_says_what_to_write() -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(check(MIANZHU, BARE), "xlsx")))
    sheet = book.worksheets[0]
    heads = [c.value for c in sheet[1]]
    col = heads.index("应补写内容")
    assert WANTED in [row[col].value for row in sheet.iter_rows(min_row=2)]
