"""`ipcheck plan draft`: owners and due dates of tasks where the text gives them (ipcheck/plans/draft_duty.py,
draft_table.py): in a paren after the item, in label lines after it, or in a table's columns."""
from __future__ import annotations

import pytest
import yaml

from ipcheck.model import Document
from ipcheck.plans.draft import draft
from ipcheck.plans.draft_duty import parse_duty
from ipcheck.plans.loader import parse_plan


@pytest.mark.parametrize("span, owners, due, every", [
    ("(市知识产权局牵头)", ["市知识产权局"], None, None),
    ("(市市场监管局牵头,市公安局配合)", ["市市场监管局", "市公安局"], None, None),
    ("(牵头单位:市知识产权局;配合单位:市经信局、市财政局;完成时限:2019年底前)",
     ["市知识产权局", "市经信局", "市财政局"], 2019, None),
    ("牵头单位:市知识产权局", ["市知识产权局"], None, None),
    ("配合单位:市财政局、市科技局", ["市财政局", "市科技局"], None, None),
    ("牵头单位:市知识产权局  配合单位:市财政局", ["市知识产权局", "市财政局"], None, None),
    ("完成时限:2018年12月", [], 2018, None),
    ("完成时限:2018年6月—2019年12月", [], 2019, None),
    ("时间节点:每年12月底前", [], None, "year"),
    ("完成时限:长期坚持", [], None, None),
])
def test_what_a_paren_or_label_line_says(span: str, owners: list[str], due: int | None,
                                          every: str | None) -> None:
    duty = parse_duty(span)
    assert (duty.owners, duty.due, duty.every) == (owners, due, every)


PLAN = """某市2018—2019年知识产权强市建设工作方案
一、重点任务
1.建设知识产权公共服务平台。整合各类服务资源,建成市知识产权公共服务平台。
牵头单位:市知识产权局
配合单位:市财政局、市科技局
完成时限:2018年12月
2.开展知识产权执法专项行动。每年开展专项执法行动2次以上。(市市场监管局牵头,市公安局配合)
3.培育知识产权示范企业。(牵头单位:市知识产权局;配合单位:市经信局;完成时限:2019年底前)
4.加强知识产权人才培养。举办知识产权培训班。责任单位:市人社局、市知识产权局。
5.推进专利导航。(市知识产权局牵头,市发改委等按职责分工负责。以下责任单位均有各区县人民政府,不再列出。)
6.完善知识产权金融服务。(责任单位:市金融办;时间节点:每年12月底前)
"""


def test_owners_and_due_in_every_written_form() -> None:
    result = draft(Document("plan.txt", PLAN, "utf-8"))
    parse_plan(result.yaml, "plan")
    tasks = {t["id"]: t for t in yaml.safe_load(result.yaml)["tasks"]}
    got = {k: (t["title"], t.get("owners"), t.get("due"), t.get("every")) for k, t in tasks.items()}
    assert got == {
        "1": ("建设知识产权公共服务平台", ["市知识产权局", "市财政局", "市科技局"], 2018, None),
        "2": ("开展知识产权执法专项行动", ["市市场监管局", "市公安局"], 2019, None),
        "3": ("培育知识产权示范企业", ["市知识产权局", "市经信局"], 2019, None),
        "4": ("加强知识产权人才培养", ["市人社局", "市知识产权局"], 2019, None),
        "5": ("推进专利导航", ["市知识产权局", "市发改委"], 2019, None),
        # "以下责任单位均有…" in item 5: the units are added to every later item
        "6": ("完善知识产权金融服务", ["市金融办", "各区县人民政府"], 2019, "year")}
    # the label lines and parens are no target: the only figure is the yearly count of item 2
    targets = yaml.safe_load(result.yaml)["targets"]
    assert [(t["value"], t["unit"], t.get("every")) for t in targets] == [(2, "次", "year")]


TABLE = """某市2018年知识产权工作任务分解表
类别\t序号\t重点任务\t牵头单位\t配合单位\t完成时限
创造\t1\t建设市知识产权公共服务平台,年底前投入运行。\t市知识产权局\t市财政局、市科技局\t2018年12月
\t2\t培育知识产权示范企业10家。\t市知识产权局\t\t2018年底前
保护\t3\t开展知识产权执法专项行动,全年办理专利案件100件以上。\t市市场监管局\t市公安局\t每年
4\t完善知识产权维权援助机制。\t市司法局\t市知识产权局\t2019年6月
"""


def test_a_table_gives_a_task_per_row_with_its_owners_and_due() -> None:
    result = draft(Document("table.txt", TABLE, "utf-8"))
    plan = parse_plan(result.yaml, "table")
    got = [(t.id, t.title, list(t.owners), t.due, t.section, t.every) for t in plan.tasks]
    assert got == [
        ("1", "建设市知识产权公共服务平台,年底前投入运行", ["市知识产权局", "市财政局", "市科技局"], 2018, "创造", None),
        ("2", "培育知识产权示范企业10家", ["市知识产权局"], 2018, "创造", None),          # 类别 merged down
        ("3", "开展知识产权执法专项行动,全年办理专利案件100件以上", ["市市场监管局", "市公安局"], 2018, "保护", "year"),
        # a row that lost its first cell to a merged 类别: the cells are the header's last ones
        ("4", "完善知识产权维权援助机制", ["市司法局", "市知识产权局"], 2019, "保护", None)]
    assert "知识产权示范企业" in plan.tasks[1].keywords
    # a plan table's rows commit to their figures, due as the row says; owners and dates are no figures
    assert [(t.value, t.unit, t.due, t.every) for t in plan.targets] == [(10, "家", 2018, None),
                                                                       (100, "件", 2018, "year")]


def test_a_table_restating_numbered_items_gives_them_owners_and_due() -> None:
    text = ("某市知识产权工作方案(2020—2022年)\n一、重点任务\n1.建设知识产权保护中心。\n2.实施专利导航工程。\n"
            "附件:任务分解表\n序号\t重点任务\t责任单位\t完成时限\n1\t建设知识产权保护中心\t市市场监管局\t2021年底前\n"
            "2\t实施专利导航工程\t市工信局、市科技局\t2022年\n")
    plan = parse_plan(draft(Document("p.txt", text, "utf-8")).yaml, "p")
    assert [(t.id, t.title, list(t.owners), t.due) for t in plan.tasks] == [
        ("1", "建设知识产权保护中心", ["市市场监管局"], 2021), ("2", "实施专利导航工程", ["市工信局", "市科技局"], 2022)]
