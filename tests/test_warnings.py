"""Warnings as catalogue keys: every warning is made as a Message (``warning.*`` key and params) where
the reading or the check finds it, and said in the report's language from them. The meta-tests read
the code: every key made exists in every language with the parameters the code passes; every key
has an example here, said in both languages as the reports always said it."""
from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from ipcheck.check import Settings, check, read_figures
from ipcheck.errors import Message, msg
from ipcheck.i18n import CATALOGUE, LANGS, warning_fields, warning_json, warning_text
from ipcheck.inputs.documents import read_document
from ipcheck.plans.loader import load_plan
from ipcheck.reading.text import segment
from ipcheck.report import RenderOptions, render

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

PACKAGE = Path(__file__).resolve().parent.parent / "ipcheck"

# One example per key: the Message as the code makes it, its English (what logs, JSON `warnings` and
# tests read) and its Chinese (the quoted source text kept as written).
WARNINGS: dict[str, tuple[Message, str, str]] = {
    "garbled_unit": (msg("warning.garbled_unit", text="41?", value="41%"),
                     "garbled_unit: '41?' read as 41%", "单位疑似乱码：'41?' 按 41% 读取"),
    "unit_compound": (msg("warning.unit_compound", text="件次", unit="件"),
                      "unit_compound: '件次' read as 件", "复合单位：'件次' 按 件 读取"),
    "rate_unit": (msg("warning.rate_unit", unit="件/万人"),
                  "rate_unit: 件/万人 is a rate, not an amount", "件/万人 是比率单位，不是数量"),
    "conflicting_qualifiers": (msg("warning.conflicting_qualifiers", words="近+余"),
                               "conflicting_qualifiers: 近+余", "限定词相互矛盾：近+余"),
    "multi_year": (msg("warning.multi_year", text="十二五期间"), "multi_year: '十二五期间'", "跨年度的数字：'十二五期间'"),
    "multi_year.since": (msg("warning.multi_year.since", year="2013"),
                         "multi_year: since 2013", "跨年度的数字：2013 年以来的累计"),
    "partial_period": (msg("warning.partial_period", text="1-10月"), "partial_period: '1-10月'", "非全年的数字：'1-10月'"),
    "respective_unresolved": (msg("warning.respective_unresolved", word="分别", count=3),
                              "respective_unresolved: 分别 with 3 figures", "“分别”后有 3 个数字，无法逐一对应"),
    "no_quantity": (msg("warning.no_quantity"),
                    "no_quantity: nothing names what this figure measures", "未能确定该数字所指的指标"),
    "cumulative": (msg("warning.cumulative"), "cumulative: a running total, not this period's amount", "累计数，不是本期数量"),
    "blank_in_text": (msg("warning.blank_in_text"), "blank_in_text: a blank before the figure, a number may be missing",
                      "数字前有空白，可能缺了一个数字"),
    "recurring": (msg("warning.recurring", word="每季度"),
                  "recurring: a rate per period (每季度), not an amount reported for the period",
                  "按期计的数额（每季度），不是本期报告的数量"),
    "estimate": (msg("warning.estimate"), "estimate: the figure is a forecast", "该数字是预计数"),
    "baseline": (msg("warning.baseline", text="0.52件", verb="提高到"),
                 "baseline: '0.52件' is where a change started (提高到 a later value)",
                 "'0.52件' 是变化的起点（提高到之后的数值才是达到的数值）"),
    "split_number": (msg("warning.split_number", text="1 796件", gap="U+200B", read="796件"),
                     "split_number: '1 796件' has U+200B between its digits; read as '796件', check the source",
                     "'1 796件' 的数字之间夹有 U+200B，按 '796件' 读取，请核对原文"),
    "bidi_control": (msg("warning.bidi_control", gap="U+202E", text="537件", read="537件"),
                     "bidi_control: U+202E next to '537件' may make it display reversed; read as '537件' in file "
                     "order, check the source", "'537件' 旁有双向控制字符 U+202E，可能显示颠倒；按文件顺序读作 '537件'，请核对原文"),
    "table_mark": (msg("warning.table_mark", mark="未完成"),
                   "table_mark: the row's self-check mark '未完成' says otherwise than its figures",
                   "自查表该行的完成情况“未完成”与其数字不符"),
    "table_whole": (msg("warning.table_whole"),
                    "table_whole: a total row of a table whose title names no region; check it is the plan region's",
                    "table_whole：a total row of a table whose title names no region; check it is the plan region's"),
    "bare_number": (msg("warning.bare_number", text="512", unit="件"),
                    "bare_number: '512' has no unit; read as 512件", "bare_number：'512' has no unit; read as 512件"),
    "region_mismatch": (msg("warning.region_mismatch", found="德阳市", region="绵竹市"),
                        "region_mismatch: the summary is about 德阳市, the plan is for 绵竹市; its figures and work meet or miss nothing of the plan: review them",
                        "总结所述地区为德阳市，方案属于绵竹市；其数字和工作不能算作本方案的完成或未完成，请人工复核"),
    "compilation": (msg("warning.compilation", listed="绵竹市、德阳市", region="绵竹市", lines="3-40", kept=38, total=412),
                    "compilation: the document holds summaries of 绵竹市、德阳市; checked the part about 绵竹市 "
                    "(lines 3-40: 38 of 412 sentences)",
                    "文件汇编了绵竹市、德阳市的总结；只核对了绵竹市的部分（第 3-40 行，共 412 句中的 38 句）"),
    "region_part": (msg("warning.region_part", found="全省", region="某市", lines="5-6, 9", moved=3, total=9),
                    "region_part: lines 5-6, 9 are about 全省 by their headings (3 of 9 sentences); their figures and "
                    "work are not read as 某市's, only shown for review",
                    "第 5-6, 9 行按标题所述是全省的情况（共 9 句中的 3 句）；其数字和工作不计为某市的，仅供人工复核"),
    "compilation.none": (msg("warning.compilation.none", listed="绵竹市、德阳市", region="广汉市"),
                         "compilation: the document holds summaries of 绵竹市、德阳市, none for 广汉市; every 'met' "
                         "needs review", "文件汇编了绵竹市、德阳市的总结，没有广汉市的；每个“已完成”都需人工复核"),
    "year_from_plan": (msg("warning.year_from_plan", year=2016, start=2016, end=2020),
                       "year_from_plan: no year found in the summary (no title year, date or dated result); read as 2016, "
                       "the first year of the plan (2016-2020), so items due later are pending: every verdict needs "
                       "review; give the year (--year, FILE@YEAR)",
                       "总结中找不到所报年份（没有标题年份、日期或带年份的成果）；按方案首年 2016 年核查（方案期 2016-2020 年），"
                       "其后到期的事项为未到期：每项结论都需人工复核；请用 --year 或 FILE@YEAR 指明年份"),
    "year_unknown": (msg("warning.year_unknown"),
                     "year_unknown: no year found in the summary (no title year, date or dated result); "
                     "an unreported item may not be due yet: give the year (--year, FILE@YEAR)",
                     "总结中找不到所报年份（没有标题年份、日期或带年份的成果）；未报告的事项可能尚未到期：请用 --year 或 FILE@YEAR 指明年份"),
    "year_mismatch": (msg("warning.year_mismatch", titled=2015, year=2016),
                      "year_mismatch: the summary's title says 2015, it was checked as 2016; figures it reports "
                      "may be for 2015", "总结标题写的是 2015 年，却按 2016 年核对；所报数字可能属于 2015 年"),
    "year_guess.line": (msg("warning.year_guess.line", year=2017, line=2, text="截至2017年底,全市专利申请16925件"),
                        "year_guess: no title states the year reported on; read as 2017 from line 2 "
                        "('截至2017年底,全市专利申请16925件'); a met or missed whose sentence does not state 2017 needs review",
                        "没有标题写明所报年份；按第 2 行（'截至2017年底,全市专利申请16925件'）读作 2017 年；"
                        "所依句子未写明 2017 年的“已完成”或“未完成”需人工复核"),
    "year_guess": (msg("warning.year_guess", year=2015, text="2015"),
                   "year_guess: no title states the year reported on; read as 2015 from its date (2015); "
                   "a met or missed whose sentence does not state 2015 needs review",
                   "没有标题写明所报年份；按发布日期（2015）读作 2015 年；所依句子未写明 2015 年的“已完成”或“未完成”需人工复核"),
    "thresholds": (msg("warning.thresholds", changed="task_met 0.7 (default 0.6)"),
                   "thresholds: task_met 0.7 (default 0.6)", "匹配阈值不是默认值：task_met 0.7 (default 0.6)"),
    "review_stale": (msg("warning.review_stale", what=msg("warning.what.summary"), by="王审核",
                         status=msg("status.met"), date="2026-01-31T09:30:00Z"),
                     "review_stale: the summary changed since 王审核 decided met on 2026-01-31T09:30:00Z; the tool's "
                     "verdict stands, review it again",
                     "总结在王审核于 2026-01-31T09:30:00Z 认定为“已完成”之后已变更；仍以工具判定为准，请重新复核"),
    "review_stale.item": (msg("warning.review_stale", what=msg("warning.what.plan_item"), by="王审核",
                              status=msg("status.missed"), date="2026-01-31T09:30:00Z"),
                          "review_stale: the plan item changed since 王审核 decided missed on 2026-01-31T09:30:00Z; the "
                          "tool's verdict stands, review it again",
                          "方案事项在王审核于 2026-01-31T09:30:00Z 认定为“未完成”之后已变更；仍以工具判定为准，请重新复核"),
    "review_stale.evidence": (msg("warning.review_stale", what=msg("warning.what.evidence"), by="王审核",
                                  status=msg("status.met"), date="2026-01-31T09:30:00Z"),
                              "review_stale: the evidence changed since 王审核 decided met on 2026-01-31T09:30:00Z; "
                              "the tool's verdict stands, review it again",
                              "所依据的语句或数字在王审核于 2026-01-31T09:30:00Z 认定为“已完成”之后已变更；仍以工具判定为准，请重新复核"),
    "review_orphan": (msg("warning.review_orphan", by="王审核", status=msg("status.met"), item="5",
                          summary="mianzhu-2015.txt"),
                      "review_orphan: 王审核 decided met on 5 for mianzhu-2015.txt, but the plan has no item 5 any more",
                      "王审核对第 5 项（mianzhu-2015.txt）作出的“已完成”决定已无对应事项：方案中已没有该项"),
}


@pytest.mark.parametrize("name", sorted(WARNINGS))
def test_a_warning_is_said_in_each_language_from_its_key_and_params(name: str) -> None:
    warning, en, zh = WARNINGS[name]
    assert (warning.text(), warning.text("en"), warning_text(warning, "en"), str(warning)) == (en, en, en, en)
    assert warning.text("zh-CN") == warning_text(warning, "zh-CN") == zh
    assert en.startswith(warning.code + ": ") and warning.code == name.split(".")[0]
    as_json = json.loads(json.dumps(warning_json(warning), ensure_ascii=False))     # a report's context
    assert as_json["code"] == warning.code and as_json["message"] == en and as_json["key"] == warning.key
    assert warning_text(as_json, "zh-CN") == zh and warning_text(as_json, "en") == en
    assert Message.from_json(as_json) == warning


def _key(node: ast.expr) -> tuple[str, bool] | None:
    """The key a msg() call names: (the literal, False), or (an f-string's literal prefix, True)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, False
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value), True
    return None


def _made() -> list[tuple[str, str, bool, frozenset[str]]]:
    """Every ``msg("warning.…", name=…)`` in ipcheck/: (where, key or key prefix, is a prefix, its names)."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "msg" and node.args:
                key = _key(node.args[0])
                if key and key[0].startswith("warning."):
                    where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
                    out.append((where, key[0], key[1], frozenset(k.arg for k in node.keywords if k.arg)))
    return out


MADE = _made()


def _fields(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def test_the_code_makes_its_warnings_as_keys() -> None:
    keys = {key for _, key, prefix, _ in MADE if not prefix}
    assert {"warning.partial_period", "warning.garbled_unit", "warning.year_guess", "warning.review_stale",
            "warning.compilation", "warning.split_number"} <= keys
    assert len(keys) >= 25, sorted(keys)


@pytest.mark.parametrize("where,key,prefix,names", MADE, ids=[m[0] for m in MADE])
def test_every_warning_made_exists_in_every_language_with_its_parameters(where: str, key: str, prefix: bool,
                                                                        names: frozenset[str]) -> None:
    keys = sorted(k for k in CATALOGUE["en"] if k.startswith(key)) if prefix else [key]
    assert keys, f"{where}: no catalogue entry starts with {key!r}"
    for k in keys:
        for lang in LANGS:
            assert k in CATALOGUE[lang], f"{where}: {k} missing in {lang}"
            assert _fields(CATALOGUE[lang][k]) == names, f"{where}: {k} in {lang} needs {sorted(_fields(CATALOGUE[lang][k]))}, is given {sorted(names)}"


def test_every_warning_entry_is_made_somewhere_and_has_an_example() -> None:
    entries = {k for k in CATALOGUE["en"] if k.startswith("warning.") and not k.startswith("warning.what.")}
    made = {k for k in entries for _, key, prefix, _ in MADE if k == key or (prefix and k.startswith(key))}
    assert sorted(entries - made) == [], "catalogue entries no code makes"
    assert sorted(entries - {w.key for w, _, _ in WARNINGS.values()}) == [], "entries without an example here"


def _sample_warnings() -> list[object]:
    """Every warning a check of the samples gives: report, verdicts, figures; and every figure's
    warnings of every summary under summaries/."""
    out: list[object] = []
    plan = load_plan(SAMPLES / "plans" / "mianzhu-2015.yaml")
    for path in sorted((SAMPLES / "summaries").rglob("*.txt")):
        doc = read_document(path)
        report = check(plan, doc, Settings(year=2016))
        out += list(report.warnings) + [w for v in report.verdicts for w in v.warnings]
        out += [w for figures in read_figures(segment(doc, 2015)).values() for f in figures for w in f.warnings]
    return out


def test_every_warning_given_is_a_message_with_a_warning_key() -> None:
    """A warning added as an English string would be shown in English in a Chinese report: none is."""
    given = _sample_warnings()
    codes = {w.code for w in given if isinstance(w, Message)}
    assert {"garbled_unit", "partial_period", "cumulative", "region_mismatch", "compilation", "year_mismatch"} <= codes
    assert [w for w in given if not (isinstance(w, Message) and w.key in CATALOGUE["en"]
                                    and w.key.startswith("warning."))] == []


def test_json_keeps_the_english_warnings_and_adds_code_and_params() -> None:
    plan = load_plan(SAMPLES / "plans" / "mianzhu-2015.yaml")
    report = check(plan, read_document(SAMPLES / "summaries" / "sichuan-2015-compilation.txt"), Settings(year=2016))
    for lang in LANGS:
        data = json.loads(render(report, "json", RenderOptions(lang=lang)))
        parts = [data] + data["items"] + [i["figure"] for i in data["items"] if i["figure"]]
        assert any(p["warnings"] for p in parts)
        for p in parts:
            assert p["warnings"] == [d["message"] for d in p["warning_details"]]
            for d in p["warning_details"]:
                assert set(d) == {"code", "key", "params", "message"} and d["message"].startswith(d["code"] + ": ")
                assert d["key"].startswith(f"warning.{d['code']}")
        assert data["warnings"] == [w.text() for w in report.warnings]
    assert warning_fields([]) == {"warnings": [], "warning_details": []}
