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


CUT = ("某市2020年知识产权工作总结\n2020年，全市专利申请量3260件。\n全市新增国家知识产权优势企业4家。下一步，我们将力争\n"
       "专利质押融资额达到2.5亿元，\n  国家知识产权优势企业总数达到12家。\n主要目标如下，\n1.发明专利授权量350件，\n"
       "2.商标注册申请1.1万件。\n")


def test_a_line_cut_inside_a_sentence_runs_on_in_any_text() -> None:
    """ZH-DOC-007: a line that ends on 力争 or a comma runs on into the next, whatever its width; the other lines are
    kept as they are, and a list item after a comma stands alone."""
    doc = decode_document(CUT.encode("utf-8"), "s.txt")
    lines = doc.text.split("\n")
    assert "下一步，我们将力争专利质押融资额达到2.5亿元，国家知识产权优势企业总数达到12家。" in lines[2]
    assert lines[3:6] == ["主要目标如下，", "1.发明专利授权量350件，", "2.商标注册申请1.1万件。"]
    assert doc.source == CUT and doc.file_line_at(doc.text.index("国家知识产权优势企业总数")) == 5
    assert [doc.file_line_at(doc.text.index(w)) for w in ("2020年，全市", "主要目标如下", "2.商标")] == [2, 6, 8]
    assert reflow("全年专利申请量3260件。\n发明专利授权量268件。\n") is None     # nothing cut: the file as it is


def test_a_draft_cites_the_files_own_lines_of_a_text_read_joined() -> None:
    from ipcheck.plans.draft import draft
    plan = ("某市2021年知识产权工作要点\n一、主要目标\n全市力争\n专利申请量达到3000件，\n发明专利授权量达到300件。\n"
            "二、重点任务\n（一）建成知识产权保护中心。\n")
    doc = decode_document(plan.encode("utf-8"), "p.txt")
    assert doc.lines is not None
    assert "建成知识产权保护中心" in draft(doc).yaml and "# line 7" in draft(doc).yaml
