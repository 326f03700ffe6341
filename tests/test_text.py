"""Tests for ipcheck.reading.text: normalise, sentence splitting, sections and the summary year."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ipcheck.model import Document, Section
from ipcheck.reading.years import read_year
from ipcheck.reading.text import normalise, segment, summary_year

HERE = Path(__file__).parent / "text"
SECTION_CASES = yaml.safe_load((HERE / "sections.yaml").read_text(encoding="utf-8"))
SENTENCE_CASES = yaml.safe_load((HERE / "sentences.yaml").read_text(encoding="utf-8"))
SUMMARIES = sorted((Path(__file__).parent.parent / "summaries" / "2015").glob("*.txt"))


def doc(text: str) -> Document:
    return Document(path="t.txt", text=text, encoding="utf-8")


def find(sentences, needle: str):
    for s in sentences:
        if needle in s.text:
            return s
    raise AssertionError(f"no sentence contains {needle!r}")


# ---------------------------------------------------------------- normalise

@pytest.mark.parametrize("src, want", [
    ("，；：（）！？％～", ",;:()!?%~"),
    ("２０１５年１２％", "2015年12%"),
    ("ＡＢＣｘｙｚ－＋＝", "ABCxyz-+="),
    ("\u3000\u00a0\u200b\ufeff\u2028", "     "),
    ("3\u20244\uff0e5", "3.4.5"),
    ("2013―2015年", "2013-2015年"),
    ("一、专利。《纲要》“双打”〔2015〕", "一、专利。《纲要》“双打”〔2015〕"),
])
def test_normalise_maps(src: str, want: str) -> None:
    assert normalise(src) == want


@given(st.text())
def test_normalise_keeps_length_and_is_idempotent(s: str) -> None:
    n = normalise(s)
    assert len(n) == len(s)
    assert normalise(n) == n


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_normalise_leaves_ascii_alone(s: str) -> None:
    assert normalise(s) == s


# ---------------------------------------------------------------- sentences

@pytest.mark.parametrize("case", SENTENCE_CASES, ids=[c["name"] for c in SENTENCE_CASES])
def test_sentences(case: dict) -> None:
    got = [s.text for s in segment(doc(case["text"]), year=2015)]
    assert got == case["sentences"]


def check_invariants(d: Document, sentences) -> None:
    text = d.text
    pos = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert pos <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.text
        assert s.norm == normalise(s.text)
        assert not s.norm[0].isspace() and not s.norm[-1].isspace()
        assert s.line == text.count("\n", 0, s.start) + 1
        assert "\n" not in s.text
        # nothing but blanks between two sentences
        assert not normalise(text[pos:s.start]).strip()
        pos = s.end
    assert not normalise(text[pos:]).strip()


_ALPHABET = st.sampled_from(list(
    "专利申请件增长年工作计划存在问题一二三六、()（）1234567890.%?？!！。;；,，:：“”《》"
    " \u3000\u00a0\u200b\n\n\r\t") + ["一、", "(一)", "1、", "2016年工作计划", "存在的问题",
                                     "41?", "3?15", "下一步", "工作总结", "\n  、"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_segment_properties(text: str) -> None:
    d = doc(text.replace("\r\n", "\n").replace("\r", "\n"))
    check_invariants(d, segment(d))


def test_segment_empty_and_blank() -> None:
    assert segment(doc("")) == ()
    assert segment(doc(" \n\u3000\n\u00a0\n")) == ()


# ---------------------------------------------------------------- sections (real passages)

def _section_checks():
    for case in SECTION_CASES:
        for e in case["expect"]:
            yield pytest.param(case, e, id=f"{case['name']}:{e['find'][:12]}")


@pytest.mark.parametrize("case, exp", list(_section_checks()))
def test_sections(case: dict, exp: dict) -> None:
    d = doc("\n".join(case["lines"]))
    sentences = segment(d, year=case.get("year"))
    s = find(sentences, exp["find"])
    assert s.section is Section(exp["section"]), (s.text, s.heading)
    if "line" in exp:
        assert s.line == exp["line"]
    if "heading" in exp:
        assert s.heading.strip().startswith(exp["heading"]), s.heading


@pytest.mark.parametrize("case", SECTION_CASES, ids=[c["name"] for c in SECTION_CASES])
def test_section_cases_invariants_and_default_year(case: dict) -> None:
    d = doc("\n".join(case["lines"]))
    sentences = segment(d)
    check_invariants(d, sentences)
    assert summary_year(d) == case["year"]
    assert sentences == segment(d, year=case["year"])
    # FRONT only before the body
    first_body = next(i for i, s in enumerate(sentences) if s.section is not Section.FRONT)
    assert all(s.section is not Section.FRONT for s in sentences[first_body:])


# ---------------------------------------------------------------- sections (rules)

def sections_of(text: str, year: int | None = 2015) -> dict[str, Section]:
    return {s.text: s.section for s in segment(doc(text), year=year)}


def test_next_top_level_number_returns_to_results() -> None:  # synthetic
    got = sections_of("正文开始,全年工作取得成效。\n二、存在的问题\n一是投入不足。\n"
                      "三、其他工作\n开展了宣传活动。")
    assert got["一是投入不足。"] is Section.PROBLEMS
    assert got["三、其他工作"] is Section.RESULTS
    assert got["开展了宣传活动。"] is Section.RESULTS


def test_repeated_or_skipped_top_level_number_continues() -> None:  # synthetic
    got = sections_of("正文开始,全年工作取得成效。\n一、主要工作\n二、2016年工作计划\n"
                      "二、加强保护\n完成执法检查。\n五、加强服务\n建设服务平台。")
    assert got["完成执法检查。"] is Section.NEXT_PLAN
    assert got["建设服务平台。"] is Section.NEXT_PLAN


def test_plan_year_must_be_later_than_summary_year() -> None:  # synthetic
    text = "正文开始,全年工作取得成效。\n一、2015年工作计划完成情况\n完成了计划。"
    assert sections_of(text)["完成了计划。"] is Section.RESULTS
    assert sections_of(text, year=2014)["完成了计划。"] is Section.NEXT_PLAN


def test_quoted_plan_title_is_not_a_cue() -> None:  # 泸州 line 376, as a sub-heading
    got = sections_of("正文开始,全年工作取得成效。\n一、有关工作情况\n"
                      "(三)《泸州市建设国家知识产权试点城市2016年推进计划》起草完成\n"
                      "按照试点城市实施方案起草。")
    assert got["按照试点城市实施方案起草。"] is Section.RESULTS


def test_problem_words_deep_in_a_plan_paragraph_do_not_switch() -> None:  # 绵竹 line 822
    text = ("正文开始,全年工作取得成效。\n六、2016年工作计划\n"
            "(三)开展知识产权托管服务工作。针对企业知识产权人才缺乏,经验不足的现状,提供托管服务。")
    got = sections_of(text)
    assert got["针对企业知识产权人才缺乏,经验不足的现状,提供托管服务。"] is Section.NEXT_PLAN


def test_short_first_sentence_of_a_long_paragraph_is_body() -> None:  # synthetic
    got = sections_of("2015年某市知识产权工作总结\n\n2015年,我市成效显著。全市专利申请量达到"
                      "1796件,同比增长26%,发明专利申请484件,同比增长34%。")
    assert got["2015年某市知识产权工作总结"] is Section.FRONT
    assert got["2015年,我市成效显著。"] is Section.RESULTS


def test_compilation_restarts_at_each_title() -> None:
    a = next(c for c in SECTION_CASES if c["name"] == "zigong")["lines"]
    b = next(c for c in SECTION_CASES if c["name"] == "deyang")["lines"]
    sentences = segment(doc("\n".join(a + ["", "\u00a0"] + b)), year=2015)
    titles = [s for s in sentences if s.text == "2015年德阳市建设国家知识产权试点城市"]
    assert titles and titles[0].section is Section.FRONT
    assert find(sentences[titles[0].index:], "工作总结").section is Section.FRONT
    assert find(sentences[titles[0].index:], "一、2015年工作总结").section is Section.RESULTS
    assert find(sentences, "二、2016年工作计划").section is Section.NEXT_PLAN


def test_word_cues_work_when_the_year_cue_cannot() -> None:  # synthetic
    # the only year in the text is 2016, so summary_year is 2016 and "2016年重点工作" is not
    # later than it (and 重点 may report results); 下一步 needs no year
    text = "正文开始,全年工作取得成效。\n一、2016年重点工作\n甲。\n二、下一步工作打算\n乙。"
    got = {s.text: s.section for s in segment(doc(text))}
    assert got["甲。"] is Section.RESULTS
    assert got["乙。"] is Section.NEXT_PLAN


@pytest.mark.parametrize("heading, section", [
    ("2016年工作计划", Section.NEXT_PLAN),        # looks forward even in the year it is for
    ("2016年推进计划", Section.NEXT_PLAN),
    ("2016年工作思路", Section.NEXT_PLAN),
    ("2016年重点工作", Section.RESULTS),          # may report that year's results
    ("2016年工作计划完成情况", Section.RESULTS),  # reports on the plan
])
def test_a_plan_for_the_year_being_read_is_a_plan(heading: str, section: Section) -> None:
    text = f"2016年XX市知识产权工作总结\n一、{heading}\n甲。"
    got = {s.text: s.section for s in segment(doc(text), year=2016)}
    assert got["甲。"] is section


# ---------------------------------------------------------------- summary_year

def test_a_year_in_chinese_digits_reads_as_one_and_keeps_every_offset() -> None:
    for text, want in (("二〇一八年某市知识产权工作总结", "2018年某市知识产权工作总结"),
                       ("二○一九年一月十日", "2019年一月十日"), ("三年来,近十二年", "三年来,近十二年")):
        assert normalise(text) == want and len(normalise(text)) == len(text)
    assert summary_year(doc("二〇一八年某市知识产权工作总结\n正文。")) == 2018


@pytest.mark.parametrize("text, year", [
    ("2015年绵阳市建设国家知识产权试点城市\n\n工作总结\n正文。", 2015),
    ("XX市知识产权局2014年工作总结\n正文。", 2014),
    ("当前位置:首页\n四川省汇编2015年试点城市工作情况总结\n四川省知识产权局\n2016年2月", 2015),
    ("2013年度知识产权工作报告\n正文。", 2013),
    ("关于知识产权工作的报告\n2012年我市专利申请1000件,2012年授权500件,2013年计划增长。", 2012),
    ("关于知识产权工作的报告\n没有年份。", None),
])
def test_summary_year(text: str, year: int | None) -> None:
    assert summary_year(doc(text)) == year


# Texts without a title year (news, white papers, speeches): the year and how it was read.
@pytest.mark.parametrize("text, year, how", [
    ("2018专利统计年报 | !\n表 号:专受表7 有效期至:2019年9月 |", 2018, "title"),
    ("2月22日,2019年全省知识产权局局长会议在哈尔滨市召开。会议总结2018年工作,部署2019年重点任务。", 2018, "summed_up"),
    ("《规划(2018-2020年)》已印发,至2020年,每万人发明专利拥有量将达到13件以上。\n"
     "截至2017年底,全市专利申请16925件,是2010年的4.8倍。", 2017, "results"),
    ("上海 时间:2024-02-22\n昨天举行的2024年上海市知识产权工作会议透露,截至去年底,上海有效发明专利拥有量24.14万件。\n"
     "2024年,上海将重点围绕提升知识产权治理能力等六个方面开展工作。", 2023, "summed_up"),  # 2024's conference
    ("发布日期: 2013-04-11\n由十一五期末0.56件提高到2012年的0.96件。\n2013年,形成合作伙伴2至3家。", 2012, "results"),
    ("20.07.2015 10:07\n今年上半年,全省累计申请专利14559件。", 2015, "results"),   # 今年: the page's year
    ("发布时间:2017-08-07\n今年上半年,全省专利受理量2.795万件。全省万人发明专利拥有量达到1.72件,较去年同期增长了0.35件。",
     2017, "results"),                                                          # 较去年同期: a base
    ("2月24日,全省知识产权工作会议召开。会议提出,编制面向2035年的知识产权强省建设纲要。", None, "none"),  # a horizon only
    ("“十四五”时期(2021-2025)是开启新征程的第一个五年。\n“十三五”时期,全省知识产权事业全面发展。", 2020, "period"),
    ("“十二五”期间,全省专利申请量大幅增长,每万人口发明专利拥有量从“十一五”末的0.52件提高到1.2件。", 2015, "period"),
    ("某市知识产权工作成效明显\n2019年01月08日 来源:某某日报\n过去的一年,全市专利申请量达5万件,同比增长10%。", 2018, "results"),
    ("某市知识产权工作成效明显\n2018年12月28日 来源:某某日报\n一年来,全市专利申请量达5万件,同比增长10%。", 2018, "results"),
    # a formal document's date in Chinese digits (ZH-YEAR-016/017, ZH-REPORT-003) and a whole year's
    # result on a page of January (ZH-REPORT-012)
    ("某市知识产权局\n二〇一九年一月十日\n全年专利申请量达到1.2万件,同比增长20%。", 2018, "dateline"),
    ("某市知识产权局\n二〇一八年十二月二十八日\n全年专利申请量达到1.2万件,同比增长20%。", 2018, "dateline"),
    ("某市知识产权局\n2019年1月10日\n全年计划新增示范企业10家。", 2019, "dateline"),
    ("某市知识产权工作取得新成效\n发布时间:2019/01/15\n全年专利申请量达到1.2万件,同比增长20%。", 2018, "dateline"),
    ("某市2019年政府工作报告\n过去的一年,全市专利申请量达到1.2万件。2019年,全市专利申请量力争达到1.5万件。", 2018,
     "summed_up"),
    ("“十二五”期间,全省每万人口发明专利拥有量提高到1.61件。", 2015, "period"),
    # a year's work conference looks back on the year before it (ZH-REPORT-009)
    ("某市召开2020年全市知识产权工作会议\n会议指出,过去一年,全市专利申请量达到1.2万件,同比增长12%。会议部署了2020年重点工作。",
     2019, "summed_up"),
    ("记者从日前举行的2016年全市知识产权工作会议获悉,截至去年年底,本市每万人口发明专利拥有量达到12.2件", 2015, "summed_up"),
    ("某市召开2020年全市知识产权工作会议\n会议部署了全年重点工作,到2020年底专利申请量达到2万件。", 2020, "conference"),
    # the latest results, never a target year or a base year named before them
    ("某市知识产权工作取得新成效\n发布时间:2020-01-15\n2019年,全市专利申请量达到1.2万件,比2018年增长12%。"
     "到2025年,全市将建成知识产权强市。", 2019, "results"),
    ("2019年某市知识产权发展状况\n截至2019年底,全市有效发明专利达到5000件。2015年为2000件。", 2019, "results"),
    ("某市知识产权强市建设成效显著\n2019-12-30\n今年以来,全市专利申请量达到1.2万件。", 2019, "dateline"),
])
def test_read_year_without_a_title_year(text: str, year: int | None, how: str) -> None:
    got = read_year(doc(text))
    assert (got.year, got.how) == (year, how)
    assert got.guess is (year is not None and how not in ("title", "summed_up"))


# ---------------------------------------------------------------- whole summaries, if present

@pytest.mark.skipif(not SUMMARIES, reason="summaries/2015 not present")
@pytest.mark.parametrize("path", SUMMARIES, ids=[p.stem for p in SUMMARIES])
def test_real_summaries(path: Path) -> None:
    d = Document(str(path), path.read_text(encoding="utf-8"), "utf-8")
    sentences = segment(d)
    check_invariants(d, sentences)
    assert summary_year(d) == 2015
    assert sum(s.section is Section.RESULTS for s in sentences) > 5


def test_segment_reads_a_long_text_whole() -> None:
    """Every line of a ~300 KB text is segmented (its speed is bench/run.py's "Growth with summary
    length", measured there and not here: a timed test fails on a busy machine, not on slow code)."""
    lines = [ln for c in SECTION_CASES for ln in c["lines"]]
    text = "\n".join(lines * 8)          # ~300 KB, more than twice the whole compilation
    sentences = segment(doc(text), year=2015)
    assert len(sentences) > 1000
    assert max(s.line for s in sentences) == text.rstrip("\n").count("\n") + 1      # read to its last line
