"""去年 and 今年 count from the text's own date (ZH-YEAR-013; ipcheck.reading.years.own_date), the
checked year only for an undated text: the year each figure is read as, end to end through prepare."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ipcheck.check import Settings, prepare
from ipcheck.model import Document
from ipcheck.plans.loader import load_plan
from ipcheck.reading.figures import extract_figures
from ipcheck.reading.years import own_date, published, read_year

ROOT = Path(__file__).resolve().parent.parent
MEETING = (ROOT / "tests" / "series" / "tianjin" / "2015-work-meeting.txt").read_text(encoding="utf-8")
PLAN = ROOT / "tests" / "series" / "tianjin" / "plan.yaml"


def _doc(text: str) -> Document:
    return Document("s.txt", text, "utf-8")


@pytest.mark.parametrize("text, dated", [
    (MEETING, 2016),                                                       # the 2016 meeting it reports
    ("2015年知识产权工作总结\n去年全市专利申请量1500件。", 2015),            # a title: its report year
    ("2月22日,2019年全省知识产权局局长会议召开,总结2018年工作。", 2019),   # sums up 2018: held in 2019
    ("发布时间:2024-02-22\n截至去年底,上海有效发明专利拥有量24.14万件。", 2024),   # the dateline's
    ("去年全市专利申请量1500件。", None),                                    # no date: the caller's year
])
def test_own_date(text: str, dated: int | None) -> None:
    doc = _doc(text)
    assert own_date(read_year(doc), published(doc)) == dated


@pytest.mark.parametrize("sentence, offset", [
    ("截至去年年底,本市每万人口发明专利拥有量达到12.2件", -1),
    ("2016年全市知识产权工作会议获悉,截至去年年底,本市专利申请达79963件", -1),   # 去年 after the meeting's year
    ("上年末全市有效发明专利3000件", -1),
    ("前年全市专利授权量900件", -2),
    ("今年全市专利申请量1796件", 0),
    ("全市专利申请量比上年增长26%", None),                                  # a base, not a scope
    ("与去年同期相比,专利申请量增长12%", None),
    ("今年以来,全市专利申请量1796件", None),
    ("2015年全市专利申请量1796件", None),
])
def test_a_relative_year_scopes_its_figure_as_an_offset(sentence: str, offset: int | None) -> None:
    assert extract_figures(sentence)[-1].year_offset == offset


@pytest.mark.parametrize("text, checked, year", [
    (MEETING, 2015, 2015),            # FILE@2015 on the 2016 report: 2015's, as an assessor reads it
    (MEETING, None, 2015),            # read as 2016: the same figure, still 2015's
    ("2015年知识产权工作总结\n截至去年年底,全市每万人口发明专利拥有量达到12.2件。", 2015, 2014),
    ("截至去年年底,全市每万人口发明专利拥有量达到12.2件。", 2015, 2014),   # undated: the checked year
    ("截至去年年底,全市每万人口发明专利拥有量达到12.2件。", None, None),   # no year at all: none
])
def test_the_figure_is_dated_from_the_text_not_the_checked_year(text: str, checked: int | None,
                                                               year: int | None) -> None:
    prep = prepare(load_plan(PLAN), _doc(text), Settings(year=checked))
    figures = [f for fs in prep.index.figures.values() for f in fs if f.value == Decimal("12.2")]
    assert figures and {f.year for f in figures} == {year}
