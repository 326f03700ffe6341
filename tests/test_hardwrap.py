"""Text copied out of a PDF (ipcheck.inputs.formats.hardwrap): wrapped lines joined, page furniture left
out, every line cited by the file's own number; other texts left as they are."""
from __future__ import annotations

from ipcheck.check import Settings, check
from ipcheck.inputs.documents import decode_document
from ipcheck.inputs.formats.hardwrap import reflow
from ipcheck.plans.loader import parse_plan

WRAPPED = ("某市市场监督管理局\n关于2019年知识产权工作情况的报告\n2019年，全市知识产权系统认真贯彻落实市委、\n"
           "市政府决策部署，知识产权各项工作取得新成\n效。全年全市专利申请量1\n.86万件，同比下降3.2%；发明专利授权量\n"
           "1620件，同比增长11.4%。截至年底，全市\n— 1 —\n某市市场监督管理局\n每万人发明专利拥有量达到10.6件。全年实现\n"
           "专利质押融资4.2亿元，惠及企业86家。\n")


def test_wrapped_lines_are_joined_and_page_furniture_left_out() -> None:
    text, lines = reflow(WRAPPED)  # type: ignore[misc]
    assert "全年全市专利申请量1.86万件，同比下降3.2%；发明专利授权量1620件" in text
    assert "— 1 —" not in text and text.count("某市市场监督管理局") == 1
    assert "全市每万人发明专利拥有量达到10.6件" in text
    file_lines = WRAPPED.split("\n")
    assert [no for _, no in lines[:3]] == [1, 2, 3]
    assert all(text[o] == file_lines[n - 1].strip()[0] for o, n in lines if file_lines[n - 1].strip())


def test_evidence_is_cited_by_the_files_own_line() -> None:
    plan = parse_plan("version: 1\nplan: {id: p, title: 方案, region: 某市}\ntargets:\n"
                      "  - {id: T1, metric: 每万人发明专利拥有量, measure: level, op: '>=', value: 10, unit: 件, due: 2019}\n",
                      path="p.yaml")
    report = check(plan, decode_document(WRAPPED.encode("utf-8"), "s.txt"), Settings())
    (verdict,) = report.verdicts
    assert verdict.status.value == "met" and verdict.evidence[0].line == 7     # 截至年底，全市 / …10.6件 starts on line 7


def test_a_text_of_whole_paragraphs_and_a_table_are_left_as_they_are() -> None:
    prose = "2019年某市知识产权工作总结\n" + "全年全市专利申请量达到1.86万件，同比下降3.2%，发明专利授权量1620件，同比增长11.4%。\n" * 8
    assert reflow(prose) is None
    table = "指标 | 2020年 | 2019年\n" + "专利申请量(件) | 25610 | 21980\n" * 8
    assert reflow(table) is None
    assert decode_document(prose.encode("utf-8"), "s.txt").text == prose
