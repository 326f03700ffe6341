"""`ipcheck plan draft` on numbered documents in every heading style (ipcheck/plans/draft_structure.py):
一、 (一) （一） 1. 1、 1） ① 第一条 第一章, each on a short text shaped like the real ones, structured
(parts, sections, items) and drafted (tasks with ids, titles, owners and sections; targets)."""
from __future__ import annotations

import pytest
import yaml

from ipcheck.model import Document
from ipcheck.plans.draft import draft
from ipcheck.plans.draft_structure import find_blocks, style_levels
from ipcheck.plans.loader import parse_plan
from ipcheck.reading.text import normalise

# style → (text, tasks as (id, title, owners, section), targets as (value, unit, due))
CASES: dict[str, tuple[str, list[tuple], list[tuple]]] = {
    "一、": ("""某市2019年知识产权工作要点
一、提升知识产权创造质量。到2019年底,全市发明专利申请量达到1500件。(责任单位:市市场监管局)
二、加强知识产权保护。开展知识产权执法“铁拳”专项行动。(责任单位:市市场监管局、市公安局)
三、促进知识产权运用。推进专利权质押融资工作,全年质押融资额达到2亿元。(责任单位:市金融办)
""", [("1", "提升知识产权创造质量", ["市市场监管局"], None),
      ("2", "加强知识产权保护", ["市市场监管局", "市公安局"], None),
      ("3", "促进知识产权运用", ["市金融办"], None)],
        [(1500, "件", 2019), (2, "亿元", 2019)]),
    "(一)": ("""某市知识产权质押融资工作实施方案(2020年)
为推动知识产权质押融资工作,结合我市实际,制定本方案。
(一)建立知识产权质押融资风险补偿基金。2020年底前,市财政安排风险补偿资金1000万元。(责任单位:市财政局)
(二)开展银企对接活动。每年组织银企对接活动不少于4次。(责任单位:市金融办)
(三)加强质押融资宣传培训。(责任单位:市市场监管局)
""", [("1", "建立知识产权质押融资风险补偿基金", ["市财政局"], "建立知识产权质押融资风险补偿基金"),
      ("2", "开展银企对接活动", ["市金融办"], "开展银企对接活动"),
      ("3", "加强质押融资宣传培训", ["市市场监管局"], "加强质押融资宣传培训")],
        [(1000, "万元", 2020), (4, "次", 2020)]),
    "1.": ("""某县2018年知识产权工作计划
1.开展专利申请“清零”行动,全县专利申请量达到300件以上。
2.培育知识产权优势企业5家。
3.举办知识产权培训班2次。
""", [("1", "开展专利申请“清零”行动,全县专利申请量达到300件以上", [], None),
      ("2", "培育知识产权优势企业5家", [], None), ("3", "举办知识产权培训班2次", [], None)],
        [(300, "件", 2018), (5, "家", 2018), (2, "次", 2018)]),
    "1）": ("""某区国家知识产权示范园区建设推进计划(2021—2023年)
一、重点任务
1）建立知识产权工作站。新建知识产权工作站3个。
2）实施专利导航项目。到2023年完成专利导航分析报告2份。
3）开展知识产权维权援助。
二、保障措施
区财政每年专项预算知识产权工作经费。
""", [("1", "建立知识产权工作站", [], "重点任务"), ("2", "实施专利导航项目", [], "重点任务"),
      ("3", "开展知识产权维权援助", [], "重点任务"), ("G1", "区财政每年专项预算知识产权工作经费", [], "保障措施")],
        [(3, "个", 2023), (2, "份", 2023)]),
    "①": ("""某市知识产权强市建设方案(2020—2022年)
一、主要任务
(一)强化知识产权创造
①实施高价值专利培育计划,到2022年培育高价值专利组合10个。
②开展知识产权贯标,每年新增贯标企业20家。
(二)加强知识产权保护
①建设知识产权保护中心。
②开展“蓝天”专项整治行动。
""", [("1.1", "实施高价值专利培育计划,到2022年培育高价值专利组合10个", [], "强化知识产权创造"),
      ("1.2", "开展知识产权贯标,每年新增贯标企业20家", [], "强化知识产权创造"),
      ("2.1", "建设知识产权保护中心", [], "加强知识产权保护"),
      ("2.2", "开展“蓝天”专项整治行动", [], "加强知识产权保护")],
        [(10, "个", 2022), (20, "家", 2022)]),
    "第一条": ("""某市关于加快知识产权强市建设的实施意见(2023—2025年)
第一条 工作目标。到2025年,全市每万人口高价值发明专利拥有量达到12件。
第二条 建设知识产权公共服务平台。2023年底前建成市知识产权公共服务平台。(责任单位:市市场监管局)
第三条 实施商标品牌战略。培育地理标志商标10件。(责任单位:市市场监管局、市农业农村局)
第四条 本意见自印发之日起施行。
""", [("2", "建设知识产权公共服务平台", ["市市场监管局"], None),
      ("3", "实施商标品牌战略", ["市市场监管局", "市农业农村局"], None)],
        [(12, "件", 2025), (10, "件", 2025)]),
    "第一章": ("""某市知识产权“十四五”规划
第一章 发展基础
“十三五”期间,全市专利授权量达到1.2万件。
第二章 发展目标
到2025年,全市有效发明专利达到8000件。
第三章 重点任务
一、提升知识产权创造质量
(一)培育高价值专利。实施高价值专利培育工程。
(二)推进商标品牌建设。培育一批区域品牌。
二、强化知识产权保护
(一)建设知识产权保护中心。
第四章 保障措施
一、加强组织领导。成立市知识产权战略实施工作领导小组。
""", [("1.1", "培育高价值专利", [], "提升知识产权创造质量"), ("1.2", "推进商标品牌建设", [], "提升知识产权创造质量"),
      ("2.1", "建设知识产权保护中心", [], "强化知识产权保护"),
      ("G1", "成立市知识产权战略实施工作领导小组", [], "保障措施")],
        [(8000, "件", 2025)]),
}
# the same texts with other markers of the same style
CASES["（一）"] = (CASES["(一)"][0].replace("(一)", "（一）").replace("(二)", "（二）").replace("(三)", "（三）")
                 .replace("(责任单位:", "（责任单位：").replace("局)", "局）").replace("办)", "办）"),) + CASES["(一)"][1:]
CASES["1、"] = (CASES["1."][0].replace("1.", "1、").replace("2.", "2、").replace("3.", "3、"),) + CASES["1."][1:]


@pytest.mark.parametrize("style", list(CASES))
def test_a_heading_style_is_structured_and_drafted(style: str) -> None:
    text, tasks, targets = CASES[style]
    assert style.replace("1）", "1)") in normalise(text) or style in text
    result = draft(Document("plan.txt", text, "utf-8"))
    plan = parse_plan(result.yaml, "plan")             # loads as drafted
    data = yaml.safe_load(result.yaml)
    got = [(t["id"], t["title"], t.get("owners", []), t.get("section")) for t in data["tasks"]]
    assert got == [(i, title, owners, section) for i, title, owners, section in tasks], style
    assert [(t.value, t.unit, t.due) for t in plan.targets] == targets, style


# the styles a text uses → their levels: parts 1, sections 2, items 3; deeper styles are item text
LEVELS = [
    ("一、A\n(一)B\n1.C\n2.D\n(1)E\n(2)F\n", {"一、": 1, "(一)": 2, "1.": 3}),
    ("第一章 A\n一、B\n(一)C\n(二)D\n1.E\n二、F\n第二章 G\n", {"第一章": 1, "一、": 2, "(一)": 3}),
    ("一、A\n(一)B\n①C\n②D\n", {"一、": 1, "(一)": 2, "①": 3}),
    ("第一章 A\n第一条 B\n第二条 C\n第二章 D\n第三条 E\n", {"第一章": 1, "第一条": 3}),
    ("第一节 A\n1)B\n2)C\n第二节 D\n", {"第一节": 2, "(1)": 3}),
    # a lone "①" or "第一条" in a sentence is no style: one marker, nothing in sequence
    ("一、A\n(一)B。①只提一次。\n1.C\n2.D\n依照第一条办理。\n", {"一、": 1, "(一)": 2, "1.": 3}),
]


@pytest.mark.parametrize("text, levels", LEVELS, ids=[str(i) for i in range(len(LEVELS))])
def test_the_levels_of_the_styles_a_text_uses(text: str, levels: dict[str, int]) -> None:
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    cands = sorted(set(starts[:-1]))
    assert style_levels(text, cands, len(text)) == levels
    blocks = find_blocks(text, 0, len(text), starts)
    assert {b.level for b in blocks} <= {1, 2, 3} and blocks
