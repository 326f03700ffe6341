"""A repost's pinyin after characters is left out when a file is read (ipcheck.inputs.formats.annotations)."""
from __future__ import annotations

import pytest

from ipcheck.check import Settings, check
from ipcheck.inputs.documents import decode_document
from ipcheck.inputs.formats.annotations import strip_annotations
from ipcheck.plans.loader import parse_plan


@pytest.mark.parametrize(("text", "want"), [
    ("全市發(fā)明專(zhuān)利申請量達(dá)到1.2萬(wàn)件。", "全市發明專利申請量達到1.2萬件。"),
    ("從14件(jian)(jian)(jian)增(zeng)(zeng)長到34件", "從14件增長到34件"),
    ("达（dá）到", "达到"),
    ("地区生产总值(GDP)增长8%", "地区生产总值(GDP)增长8%"),
    ("研究与试验发展(R&D)经费", "研究与试验发展(R&D)经费"),
    ("措施(a)和(b)", "措施(a)和(b)"),
    ("单位(件)", "单位(件)"),
    ("(fā)明", "(fā)明"),              # no character before it: not a gloss
])
def test_strip(text: str, want: str) -> None:
    assert strip_annotations(text) == want


def test_lines_keep_their_numbers() -> None:
    raw = "標(biāo)題\n第二行發(fā)明專利\n第三行\n"
    doc = decode_document(raw.encode("utf-8"), "summary.txt")
    assert doc.text.split("\n") == ["標題", "第二行發明專利", "第三行", ""]


def test_html_is_read_without_the_gloss() -> None:
    page = "<html><body><p>2020年全市發(fā)明專利申請量達(dá)到1.2萬(wàn)件。</p></body></html>"
    doc = decode_document(page.encode("utf-8"), "page.html")
    assert "發明專利申請量達到1.2萬件" in doc.text


_PLAN = """version: 1
plan: {id: p, title: t, region: 某市, period: {start: 2016, end: 2020}}
targets:
  - {id: T1, metric: 发明专利申请量, measure: level, op: '>=', value: 1, unit: 万件, due: 2020}
"""


def test_a_glossed_figure_decides_its_target() -> None:
    summary = "2020年某市知识产權(quán)工作總(zǒng)結(jié)\n一、主要成效\n全市發(fā)明專利申請量達(dá)到1.2萬(wàn)件。\n"
    report = check(parse_plan(_PLAN, "plan.yaml"), decode_document(summary.encode("utf-8"), "s.txt"), Settings())
    [v] = report.verdicts
    assert v.status.value == "met"
    assert v.evidence[0].line == 3
