"""`ipcheck plan draft`'s reading rules, one case each (ipcheck/plans/draft_commit.py and
ipcheck/lang/zh/drafting.yaml): which figures of a text are drafted as targets, with what due year, baseline and
recurrence, and which are left out as comments. The texts are short paraphrases of dev texts."""
from __future__ import annotations

import pytest
import yaml

from ipcheck.units import exact

from ipcheck.model import Document
from ipcheck.plans.draft import DraftError, draft
from ipcheck.plans.loader import parse_plan

# text → the drafted targets as (value, unit, due, extra fields); [] when the text is refused
CASES = {
    "results before a commitment": (
        "截至2017年底,全市专利申请16925件,是2010年的4.8倍。到2020年,全市专利申请量达到3万件。",
        [(3, "万件", 2020, {})]),
    "今年 is the dateline's year; a part of the year is a result": (
        "04.04.2015 10:21\n江西今年将培育12个专利过千件园区。今年前两个月,全省专利申请总量为4735件。",
        [(12, "个", 2015, {})]),
    "a weak word commits nothing beside a result": (
        "山西省工商局每年围绕一个主题,精心组织,成功举办了四届品牌节。", []),
    "a target quoted as met is a result": (
        "与此同时,2015年青海省专利申请量达1896件,也提前超额完成当年1600件的目标任务,同比增长105%。", []),
    "a comparison names no due year": (
        "这一数字与“十一五”末相比,每万人口有效发明专利拥有量增加了0.733件。", []),
    "a list announced by a colon commits its items": (
        "《规划》明确了到2020年的主要指标:\n——科技进步贡献率力争提高到55%;\n——每万人发明专利拥有量达到3件。",
        [(55, "%", 2020, {"measure": "share"}), (3, "件", 2020, {"of": "万人"})]),
    "a count of the plan's parts is no target": (
        "《规划》共分3大部分6个篇目25章,并明确11项主要指标:到2020年专利申请量达到2万件。",
        [(2, "万件", 2020, {})]),
    "突破 is more than (issue #15: 突破6件 means more than 6)": (
        "到2020年,力争全市发明专利授权量突破6件。",
        [(6, "件", 2020, {"op": ">"})]),
    "达到 is at least": (
        "到2020年,全市发明专利授权量达到6件。",
        [(6, "件", 2020, {"op": ">="})]),
    "staged targets, one per stage": (
        "我市将力争全市专利申请量2017年达到1000件,2018年达到1200件,2019年达到1500件。",
        [(1000, "件", 2017, {}), (1200, "件", 2018, {}), (1500, "件", 2019, {})]),
    "a from-to is its end with the start as baseline": (
        "到2020年,每万人发明专利拥有量将从14件提高到34件。",
        [(34, "件", 2020, {"baseline": 14, "metric": "每万人发明专利拥有量"})]),     # no year: a number
    "a from-to in the end's unit": (
        "到2020年,全市有效注册商标将从8000件增加到1.2万件。",
        [(1.2, "万件", 2020, {"baseline": 0.8})]),
    "a from-to from a named year keeps its year": (
        "到2020年,每万人口发明专利拥有量由2015年的12.2件提高到18件。",
        [(18, "件", 2020, {"baseline": {"year": 2015, "value": 12.2, "source": "由2015年的12.2件"}})]),
    "a from-to from “十三五”末 starts in 2020": (
        "到2025年,有效发明专利由“十三五”末的3000件增加到6000件。",
        [(6000, "件", 2025, {"metric": "有效发明专利",
                              "baseline": {"year": 2020, "value": 3000, "source": "由“十三五”末的3000件"}})]),
    "a from-to from “十二五”末 starts in 2015, in the end's unit": (
        "到2020年,全省有效注册商标由“十二五”末的8000件增加到1.2万件。",
        [(1.2, "万件", 2020, {"baseline": {"year": 2015, "value": 0.8, "source": "由“十二五”末的8000件"}})]),
    "a doubling on a named year is a dated baseline": (
        "到2020年,全市专利申请量比2015年翻一番,达到2万件。",
        [(2, "万件", 2020, {"metric": "专利申请量",
                             "baseline": {"year": 2015, "value": 1, "source": "比2015年翻一番"}})]),
    "a doubling said after the figure": (
        "到2020年,全市专利申请量达到2万件,比“十二五”末翻两番。",
        [(2, "万件", 2020, {"baseline": {"year": 2015, "value": 0.5, "source": "比“十二五”末翻两番"}})]),
    "a growth on a base": (
        "2018年,专利权质押融资额争取在2017年3.3亿元基础上增长20%。",
        [(20, "%", 2018, {"measure": "growth", "metric": "专利权质押融资额"})]),
    "a difference of rates is a growth": (
        "到2020年,授权发明专利产业化率提高5个百分点。",
        [(5, "个百分点", 2020, {"measure": "growth"})]),
    "“十二五”期间 is due at its end": (
        "在“十二五”期间力争使全省注册商标达到60000件。", [(60000, "件", 2015, {})]),
    "每季度 recurs every quarter": (
        "到2020年,市政府每季度召开1次知识产权工作调度会。", [(1, "次", 2020, {"every": "quarter"})]),
    "每年 recurs every year": (
        "到2020年,市政府每年召开2次知识产权工作专题会议。", [(2, "次", 2020, {"every": "year"})]),
    "listed kinds gathered into a collection count its members": (
        "到2025年,筛选100家以上重点企业、行业协会、电商平台,建立市、县两级知识产权保护重点单位库。",
        [(100, "家", 2025, {"metric": "知识产权保护重点单位"})]),
    "listed kinds not gathered into anything stay listed": (
        "到2025年,筛选100家以上重点企业、行业协会、电商平台,开展知识产权保护培训。",
        [(100, "家", 2025, {"metric": "重点企业、行业协会、电商平台"})]),
}


def _targets(text: str) -> list[dict]:
    try:
        result = draft(Document("t.txt", text, "utf-8"))
    except DraftError:
        return []
    plan = parse_plan(result.yaml, "t")                # every draft loads as written
    data = list(yaml.safe_load(result.yaml).get("targets") or [])
    for t, d in zip(plan.targets, data):               # and a dated baseline loads with its year
        if isinstance(d.get("baseline"), dict):
            assert (t.baseline_year, t.baseline) == (d["baseline"]["year"], exact(d["baseline"]["value"]))
    return data


@pytest.mark.parametrize("name", list(CASES))
def test_a_reading_rule(name: str) -> None:
    text, want = CASES[name]
    got = _targets(text)
    assert [(t["value"], t["unit"], t.get("due")) for t in got] == [(v, u, d) for v, u, d, _ in want], name
    for t, (_, _, _, extra) in zip(got, want):
        for key, value in extra.items():
            assert t.get(key) == value, f"{name}: {key}"


def test_what_is_left_out_is_listed_and_counted() -> None:
    result = draft(Document("t.txt", "截至2017年底,全市专利申请16925件。到2020年,全市专利申请量达到3万件。", "utf-8"))
    assert result.left_out == 1 and result.summary.endswith("1 figures left out (listed as comments)")
    assert "#   line 1: 16925件: reported as a result" in result.yaml


def test_a_results_text_is_refused_saying_what_was_read() -> None:
    with pytest.raises(DraftError) as info:
        draft(Document("t.txt", "2016年,全市专利申请达10.65万件,同比增长33.2%。", "utf-8"))
    assert "(2 figures read as results, counts or ranks)" in str(info.value)


STEPS = """某市知识产权工作方案
一、重点任务
(一)培育知识产权示范企业。每年认定一批示范企业。
二、工作步骤
(一)宣传发动阶段(2017年6月—2017年12月)。召开全市知识产权工作动员大会,全面部署工作;通过举办咨询活动等方式,增强全社会的知识产权意识。
(二)组织实施阶段(2018年1月—2019年12月)。扎实推进各项工作。
三、保障措施
(一)加强组织领导。成立由市政府主要领导任组长,相关单位负责人为成员的某市知识产权工作领导小组,统筹推进各项工作。市政府每年召开2次知识产权工作专题会议。
(二)加大经费投入。充分发挥财政资金的引导作用。市财政每年专项预算知识产权工作经费。
(三)强化督导考核。市上将知识产权工作纳入年度目标考核指标体系。
"""


def test_the_steps_and_safeguards_give_their_checkable_commitments() -> None:
    data = yaml.safe_load(draft(Document("p.txt", STEPS, "utf-8")).yaml)
    tasks = {t["id"]: t for t in data["tasks"]}
    assert sorted(tasks) == ["1", "G1", "G2", "G3", "S1"]
    assert tasks["S1"]["title"] == "召开全市知识产权工作动员大会" and tasks["S1"]["due"] == 2017
    assert tasks["S1"]["keywords"] == ["全市知识产权工作动员大会", "动员大会"]
    assert tasks["G1"]["title"] == "成立某市知识产权工作领导小组" and "领导小组" in " ".join(tasks["G1"]["keywords"])
    assert tasks["G2"]["every"] == "year" and tasks["G2"]["section"] == "保障措施"
    assert tasks["G3"]["keywords"][0] == "年度目标考核指标体系"
    # the yearly meeting count is a target, not a task
    assert [(t["value"], t["unit"], t.get("every")) for t in data["targets"]] == [(2, "次", "year")]
