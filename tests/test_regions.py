"""A compilation is checked on the plan's own region; another region's summary is flagged."""
from __future__ import annotations

from pathlib import Path

import pytest

from ipcheck.check import check
from ipcheck.inputs.documents import read_document
from ipcheck.model import Status
from ipcheck.plans.loader import load_plan
from ipcheck.reading.regions import same_region, split
from ipcheck.reading.text import segment

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
COMPILATION = SAMPLES / "summaries" / "sichuan-2015-compilation.txt"


def test_compilation_splits_into_its_ten_city_summaries() -> None:
    parts = split(segment(read_document(COMPILATION)))
    assert [p.region for p in parts] == ["绵阳市", "自贡市", "德阳市", "泸州市", "宜宾市", "遂宁市",
                                         "华蓥市", "崇州市", "绵竹市", "广汉市"]
    assert [p.first_line for p in parts] == [48, 134, 256, 334, 520, 602, 648, 728, 780, 853]


@pytest.mark.parametrize("plan,single", [("mianzhu-2015", "mianzhu-2015"), ("guanghan-2015", "guanghan-2015"),
                                         ("luzhou-2016", "luzhou-2015")])
def test_compilation_gives_the_verdicts_of_the_city_s_own_file(plan: str, single: str) -> None:
    p = load_plan(SAMPLES / "plans" / f"{plan}.yaml")
    whole = check(p, read_document(COMPILATION))
    alone = check(p, read_document(SAMPLES / "summaries" / "2015" / f"{single}.txt"))
    assert [(v.item_id, v.status) for v in whole.verdicts] == [(v.item_id, v.status) for v in alone.verdicts]
    assert any(w.code == "compilation" and p.meta.region in w.text() for w in whole.warnings)


def test_another_region_never_gives_an_unflagged_met() -> None:
    report = check(load_plan(SAMPLES / "plans" / "guangan-2017.yaml"),
                   read_document(SAMPLES / "summaries" / "2015" / "huaying-2015.txt"))
    assert any(w.code == "region_mismatch" for w in report.warnings)
    assert all(v.needs_review for v in report.verdicts if v.status is Status.MET)


@pytest.mark.parametrize("a,b,same", [("绵竹市", "绵竹", True), ("绵竹市", "绵竹市", True),
                                      ("绵竹市", "绵阳市", False), ("", "绵竹市", False)])
def test_same_region(a: str, b: str, same: bool) -> None:
    assert same_region(a, b) is same


@pytest.mark.parametrize("a,b", [("泸州", "泸州市"), ("泸州市", "泸州"), ("克州", "克州")])
def test_names_ending_in_zhou_keep_their_stem(a: str, b: str) -> None:
    assert same_region(a, b)


@pytest.mark.parametrize("title", ["本市知识产权综合指数全国第七", "我市2015年知识产权工作总结", "全县知识产权工作要点"])
def test_a_word_pointing_at_a_place_is_no_region(title: str) -> None:
    """本市/我市/全县 name no place: such a heading must not make a summary 'about another region'."""
    from ipcheck.model import Document
    from ipcheck.reading.text import segment
    assert split(segment(Document("t.txt", title + "\n一、工作成效\n全年专利申请1796件。\n", "utf-8"))) == []


@pytest.mark.parametrize("title, region", [("关于印发天津市知识产权局2017年工作总结的通知", "天津市"),
                                           ("关于印发淄博市知识产权发展“十四五”规划的通知", "淄博市")])
def test_the_notice_carrying_a_document_names_its_region(title: str, region: str) -> None:
    from ipcheck.model import Document
    from ipcheck.reading.text import segment
    parts = split(segment(Document("t.txt", title + "\n一、工作成效\n全年专利申请1796件。\n", "utf-8")))
    assert [p.region for p in parts] == [region]


def test_a_single_document_under_its_cover_notice_is_not_a_compilation() -> None:
    """关于印发天津市知识产权局2017年工作总结的通知 over 天津市知识产权局2017年工作总结 is one region's document
    (issue #12 §3 l): nothing is narrowed away and no compilation warning is given."""
    path = ROOT / "tests" / "realworld" / "dev" / "tianjin-2017-summary"
    sentences = segment(read_document(path / "summary.txt"))
    assert {p.region for p in split(sentences)} == {"天津市"}
    report = check(load_plan(path / "plan.yaml"), read_document(path / "summary.txt"))
    assert not any(w.code == "compilation" for w in report.warnings)


def test_a_narrowed_compilation_says_how_much_it_left_out() -> None:
    report = check(load_plan(ROOT / "plans" / "mianzhu-2015.yaml"), read_document(COMPILATION))
    note = dict(next(w for w in report.warnings if w.code == "compilation").params)
    kept, total = note["kept"], note["total"]
    assert 0 < kept < total == len(segment(read_document(COMPILATION)))


def test_a_province_text_city_by_city_is_narrowed_to_the_plan_citys_part() -> None:
    """ZH-REGION-005: 赣州市:… paragraphs (or (二)吉林市 headings) are parts; the plan city's is checked alone."""
    from ipcheck.model import Document
    from ipcheck.reading.regions import scope
    from ipcheck.reading.text import segment
    text = ("江西省知识产权局2020年工作总结\n全省专利授权量6.3万件,发明专利授权量3260件。\n一、各设区市工作亮点\n"
            "南昌市:专利授权量2.26万件,发明专利授权量1620件。\n赣州市:专利授权量1.08万件;发明专利授权量520件。\n"
            "上饶市:专利授权量6850件。\n二、存在问题\n部分设区市发明专利增长乏力。\n")
    sentences = segment(Document(path="s.txt", text=text, encoding="utf-8"), year=2020)
    kept = scope(sentences, "赣州市")
    assert [s.line for s in kept.sentences] == [5] and kept.warnings[0].code == "compilation"
    county = text.replace("南昌市", "南康区").replace("赣州市:", "章贡区:").replace("上饶市", "信丰县")
    whole = segment(Document(path="s.txt", text=county, encoding="utf-8"), year=2020)
    assert scope(whole, "赣州市").sentences == whole       # no part of the plan's own: the text stays whole



_CITY = ("2018年某市知识产权工作总结\n一、全市知识产权工作情况\n全年专利申请量2.3万件。\n二、全省情况\n"
         "有效注册商标总量突破60万件。\n建成知识产权保护中心。\n三、各县区工作情况\n某县新增专利申请1200件。\n"
         "附件：某区2018年知识产权工作总结\n建成知识产权公共服务平台。\n")
_PROVINCE = ("2018年某省知识产权工作总结\n一、全省情况\n有效注册商标总量突破60万件。\n二、甲市2018年知识产权工作情况\n"
             "甲市建成知识产权保护中心。\n(一)主要做法\n设立知识产权运营基金。\n三、存在的问题\n高价值专利偏少。\n")


@pytest.mark.parametrize(("text", "region", "elsewhere"), [
    (_CITY, "某市", [4, 5, 6, 9, 10]),     # 全省's part and 某区's attachment; 全市's and 各县区's stay the city's
    (_PROVINCE, "某省", [4, 5, 6, 7]),     # in a province's text 全省 is its own; 甲市's part runs to 三、
])
def test_a_part_of_the_text_about_another_region_is_set_apart_and_said(text: str, region: str,
                                                                     elsewhere: list[int]) -> None:
    """ZH-SECT-027: a heading that names a region's part; the sentences of a part that is not the plan's region's are
    in section elsewhere (leads, never proof), and a warning says which lines and how many sentences."""
    from ipcheck.model import Document, Section
    from ipcheck.reading.regions import scope
    sentences = segment(Document(path="s.txt", text=text, encoding="utf-8"), year=2018)
    where = scope(sentences, region)
    assert [s.line for s in where.sentences if s.section is Section.ELSEWHERE] == elsewhere
    assert len(where.sentences) == len(sentences)                  # nothing is dropped
    note = dict(next(w for w in where.warnings if w.code == "region_part").params)
    assert note["moved"] == len(elsewhere) and note["total"] == len(sentences)


def test_a_text_whose_parts_are_its_own_gets_no_warning() -> None:
    from ipcheck.model import Document, Section
    from ipcheck.reading.regions import scope
    text = ("2018年某市知识产权工作总结\n一、全市知识产权工作情况\n全年专利申请量2.3万件。\n二、某市知识产权保护工作情况\n"
            "建成知识产权保护中心。\n附件：2018年某市知识产权主要指标完成情况表\n")
    where = scope(segment(Document(path="s.txt", text=text, encoding="utf-8"), year=2018), "某市")
    assert not where.warnings and all(s.section is not Section.ELSEWHERE for s in where.sentences)
