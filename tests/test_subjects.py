"""One subject reader, two questions (ipcheck.reading.subjects): whose figure and whose work follow from
the same subject; they differ only where a place inside the plan's region opens the clause (a district's
figure is not the city's, a district's work is). Each row: the sentence, the plan's region, the subject the
reader finds before the last 1 of the sentence (None: no subject), and the two answers there."""
from __future__ import annotations

import pytest

from ipcheck.reading.subjects import figure_elsewhere, subject_before, work_elsewhere

# (text, region, subject name or None, figure elsewhere, work elsewhere)
ROWS = [
    ("高新区专利申请量达到1200件,新建工作站1个。", "某市", "高新区", True, False),
    ("某集团申请专利1500件,建成服务平台1个。", "某市", "某集团", True, False),
    ("甲市专利申请量达到1200件,新建工作站1个。", "某市", "甲市", True, True),
    ("全市专利申请量1200件,新建工作站1个。", "某市", "全市", False, False),
    ("全省专利申请量12万件,新建工作站1个。", "某市", "全省", True, True),
    ("全省专利申请量12万件,新建工作站1个。", "某省", "全省", False, False),
    ("甲市专利申请量1200件,新建工作站1个。", "某省", "甲市", True, False),
    ("省知识产权局全年授权发明专利1个。", "某市", "省", True, True),
    ("省知识产权局全年授权发明专利1个。", "某省", "省", False, False),
    ("省知识产权局介绍,全年新建工作站1个。", "某市", None, False, False),
    ("2018年,省知识产权局介绍,全年新建工作站1个。", "某市", None, False, False),
    ("记者从省知识产权局获悉,全年新建工作站1个。", "某市", None, False, False),
    ("据市市场监管局介绍,全年新建工作站1个。", "某市", None, False, False),
    ("联合甲市开展执法协作,全年新建工作站1个。", "某市", None, False, False),
    ("常务副市长带队调研,全年新建工作站1个。", "某市", None, False, False),
    ("经开区新增发明专利授权120件,新建工作站1个。", "某市", "经开区", True, False),
    ("甲市新建工作站5个;全市新建工作站1个。", "某市", "全市", False, False),
    # A subject that opens the sentence is the topic of its parts after ; too (ZH-WHOSE-029); one inside a part is not.
    ("甲市新建工作站5个;新建工作站1个。", "某市", "甲市", True, True),
    ("2018年,甲市新建工作站5个;新建工作站1个。", "某市", "甲市", True, True),
    ("全市新建工作站3个,其中甲市5个;新建工作站1个。", "某市", "全市", False, False),
    ("新建工作站3个,其中甲市5个;新建工作站1个。", "某市", None, False, False),
    # A company's or a zone's full name is a subject of any length (ZH-WHOSE-030), a company pointed at too
    # (ZH-WHOSE-031); its work is the city's. A long run with a scope word or a verb in it is a phrase.
    ("四川长虹电器股份有限公司申请专利1500件,建成服务平台1个。", "某市", "四川长虹电器股份有限公司", True, False),
    ("康巴什经济开发区专利申请量1200件,新建工作站1个。", "某市", "康巴什经济开发区", True, False),
    ("四川绵阳高新技术产业开发区新建工作站1个。", "某市", "四川绵阳高新技术产业开发区", True, False),
    ("公司坚持创新驱动,新建工作站1个。", "某市", "公司", True, False),
    ("该企业新建工作站1个。", "某市", "该企业", True, False),
    ("大力推进产业园区建设,新建工作站1个。", "某市", None, False, False),
    ("依托国家级高新技术产业开发区,新建工作站1个。", "某市", None, False, False),
    ("全市各类产业园区新建工作站1个。", "某市", "全市", False, False),
]


@pytest.mark.parametrize(("text", "region", "name", "figure", "work"), ROWS, ids=[r[0][:12] for r in ROWS])
def test_one_subject_two_questions(text: str, region: str, name: str | None, figure: bool, work: bool) -> None:
    at = text.rindex("1")
    got = subject_before(text, at)
    assert (got.name if got else None) == name
    assert figure_elsewhere(text, at, region) is figure
    assert work_elsewhere(text, at, region) is work
