"""The message catalogue: both languages complete and alike, every key the code uses exists,
verdict messages and warnings translated, and every human-facing report in the chosen language."""
from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.check import check
from ipcheck.cli import main
from ipcheck.inputs.documents import read_document
from ipcheck.errors import IpcheckError
from ipcheck.i18n import CATALOGUE, DEFAULT_LANG, LANGS, check_lang, counts_line, stale_text, t, verdict_message
from ipcheck.model import FigureKind, Measure, Op, Section, Status
from ipcheck.plans.loader import load_plan
from ipcheck.report import RenderOptions, render

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
PLAN, SUMMARY = SAMPLES / "plans" / "mianzhu-2015.yaml", SAMPLES / "summaries" / "2015" / "mianzhu-2015.txt"
SOURCES = sorted((ROOT / "ipcheck").rglob("*.py")) + sorted((ROOT / "templates").glob("*.j2"))
HAN = re.compile(r"[\u4e00-\u9fff]")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys_and_parameters() -> None:
    assert set(LANGS) == set(CATALOGUE) and DEFAULT_LANG == "zh-CN"
    en, zh = CATALOGUE["en"], CATALOGUE["zh-CN"]
    assert sorted(en) == sorted(zh)
    for key in en:
        # an error's English is the message as raised, whose parts the Chinese uses
        assert _fields(en[key]) == _fields(zh[key]) or \
            (key.startswith("error.") and _fields(zh[key]) <= _fields(en[key])), key
        assert en[key] and zh[key], key


def _used_keys() -> set[str]:
    keys: set[str] = set()
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        keys.update(re.findall(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z_>=<]+)*)["']""", text))
        keys.update(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_]+)["'] if""", text))
        keys.update(re.findall(r"""else ["']((?:result|label)\.[a-z_]+)["']\)""", text))
    return keys


def test_every_key_used_in_code_and_templates_exists() -> None:
    used = _used_keys()
    assert {"report.heading", "item.confidence", "index.totals", "plan.targets", "cli.written"} <= used
    assert sorted(k for k in used if k not in CATALOGUE["en"]) == []


@pytest.mark.parametrize("prefix, values", [
    ("status.", [s.value for s in Status]), ("section.", [s.value for s in Section]),
    ("measure.", [m.value for m in Measure]), ("kind.", [k.value for k in FigureKind] + ["plan", "summary"]),
    ("op.", [o.value for o in Op]), ("stale.", ["summary_changed", "item_changed"]),
    ("col.", ["id", "item", "conf", "evidence", "plan", "summary", "region", "year", "needs_review", "result",
              "metric", "measure", "commitment", "due", "line", "title", "owners", "section"]),
])
def test_keys_built_from_values_exist(prefix: str, values: list[str]) -> None:
    for v in values:
        assert prefix + v in CATALOGUE["en"] and prefix + v in CATALOGUE["zh-CN"], prefix + v


def test_every_reason_code_has_a_message() -> None:
    codes = {c for name in ("decide.py", "tasks.py")
             for c in re.findall(r'"((?:target|task)\.[a-z_]+)"', (ROOT / "ipcheck" / "verdicts" / name).read_text())}
    assert len(codes) >= 19
    assert sorted(c for c in codes if f"reason.{c}" not in CATALOGUE["en"]) == []


def test_an_unknown_language_is_an_error() -> None:
    assert check_lang("zh") == check_lang("zh_cn") == "zh-CN" and check_lang("EN") == "en"
    with pytest.raises(IpcheckError, match="unknown report language"):
        check_lang("fr")
    result = CliRunner().invoke(main, ["check", "--lang", "fr", str(PLAN), str(SUMMARY)])
    assert result.exit_code == 2 and "未知的报告语言 'fr'" in result.output          # no language: the default
    result = CliRunner().invoke(main, ["plan", "show", "--lang", "klingon", str(PLAN)])
    assert result.exit_code == 2 and "未知的报告语言" in result.output


TARGET = (("metric", "专利申请量"), ("op", ">="), ("value", "1500"), ("unit", "件"), ("due", "2016"),
          ("figure", "1796件"), ("quantity", "专利申请量"))


@pytest.mark.parametrize("reason, params, en, zh", [
    ("target.met", TARGET, "met: 1796件 (专利申请量) vs >= 1500件", "已完成：1796件（专利申请量）对照目标 ≥ 1500件"),
    ("target.missed", TARGET + (("decrease", "1"),), "missed: 1796件 (专利申请量, a decrease) vs >= 1500件",
     "未完成：1796件（专利申请量，下降）对照目标 ≥ 1500件"),
    ("target.not_yet_met", TARGET, "not met yet, due 2016: 1796件 (专利申请量) vs >= 1500件",
     "尚未达到，时限 2016 年：1796件（专利申请量）对照目标 ≥ 1500件"),
    ("target.unreported", TARGET[:1], "no figure for 专利申请量 in the results", "工作成效部分没有专利申请量的数字"),
    ("task.not_due", (("due", "2017"),), "not due until 2017; nothing reported yet", "2017 年才到期；尚未报告"),
    ("task.met", (), "the results report it done", "工作成效部分报告已完成"),
])
def test_verdict_messages_in_both_languages(reason, params, en, zh) -> None:
    assert verdict_message(reason, params, "en") == en
    assert verdict_message(reason, params, "zh-CN") == zh


def test_a_message_without_its_params_or_entry_falls_back() -> None:
    assert verdict_message("task.not_due", (), "zh-CN") is None        # {due} missing
    assert verdict_message("task.no_such_code", (), "zh-CN") is None


def test_verdicts_carry_params_and_keep_their_english_message() -> None:
    report = check(load_plan(PLAN), read_document(SUMMARY))
    t1 = next(v for v in report.verdicts if v.item_id == "T1")
    assert dict(t1.params)["figure"] == "537件" and t1.message == "met: 537件 (专利申请量) vs >= 370件"
    for v in report.verdicts:
        assert verdict_message(v.reason, v.params, "en") == v.message, v.item_id
        zh = verdict_message(v.reason, v.params, "zh-CN")
        assert zh and HAN.search(zh) and not re.search(r"\b(met|missed|vs)\b", zh), (v.item_id, zh)


def test_counts_line_and_stale_text() -> None:
    counts = {"met": 11, "missed": 0, "unreported": 5, "pending": 0, "needs_review": 3}
    assert counts_line(counts, "en") == "11 met, 0 missed, 5 unreported, 0 pending, 3 need review"
    assert counts_line(counts, "zh-CN") == "已完成 11 项，未完成 0 项，未报告 5 项，未到期 0 项，需人工复核 3 项"
    assert stale_text("summary_changed", "zh-CN") == "评审后总结已变更"
    assert stale_text("plan_moved", "en") == "the inputs changed after the review (plan_moved)"
    assert t("no.such.key", "zh-CN") == "no.such.key"


# ------------------------------------------------------------------ every human-facing report

@pytest.fixture(scope="module")
def report():
    return check(load_plan(PLAN), read_document(SUMMARY))


@pytest.mark.parametrize("fmt, en_message", [
    ("text", "met: 537件 (专利申请量) vs >= 370件"),
    ("markdown", "met: 537件 \\(专利申请量\\) vs \\>= 370件"),
    ("html", "met: 537件 (专利申请量) vs &gt;= 370件"),
])
def test_reports_are_chinese_by_default_and_english_on_request(report, fmt: str, en_message: str) -> None:
    zh = render(report, fmt)
    en = render(report, fmt, RenderOptions(lang="en"))
    assert "已完成（11）" in zh and "未报告（5）" in zh and "需人工复核" in zh
    assert "已完成：537件（专利申请量）对照目标 ≥ 370件" in zh
    assert en_message in en and "met (11)" in en and "unreported (5)" in en and "needs review" in en
    assert "已完成（11）" not in en and "需人工复核" not in en
    words = re.sub(r"<style>.*?</style>|<[^>]*>|(?:task|target)\.[a-z_]+", " ", zh, flags=re.S)   # text, not codes
    for english in ("needs review", "unreported", "confidence", "evidence", "line", "total"):
        assert english not in words, (fmt, english)


def test_json_keeps_its_codes_and_has_the_message_in_the_report_language(report) -> None:
    import json
    zh, en = (json.loads(render(report, "json", RenderOptions(lang=lang))) for lang in ("zh-CN", "en"))
    z, e = zh["items"][0], en["items"][0]
    assert z["status"] == e["status"] and z["reason"] == e["reason"] and z["params"] == e["params"]
    assert HAN.search(z["message"]) and z["status_label"] in ("已完成", "未完成", "未报告", "未到期")
    assert zh["counts"] == en["counts"] and zh["lang"] == "zh-CN" and en["lang"] == "en"


def test_html_lang_attribute_follows_the_language(report) -> None:
    assert '<html lang="zh-CN">' in render(report, "html")
    assert '<html lang="en">' in render(report, "html", RenderOptions(lang="en"))


def test_stderr_line_of_a_written_report_is_in_the_report_language(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "r.html"
    zh = runner.invoke(main, ["check", str(PLAN), str(SUMMARY), "-o", str(out)])
    assert f"{out}：已完成 11 项，未完成 0 项，未报告 5 项，未到期 0 项，需人工复核 3 项" in zh.output
    en = runner.invoke(main, ["check", "--lang", "en", str(PLAN), str(SUMMARY), "-o", str(out)])
    assert f"{out}: 11 met, 0 missed, 5 unreported, 0 pending, 3 need review" in en.output


def test_plan_show_in_both_languages() -> None:
    runner = CliRunner()
    zh = runner.invoke(main, ["plan", "show", str(SAMPLES / "plans" / "luzhou-2016.yaml")]).output
    en = runner.invoke(main, ["plan", "show", "--lang", "en", str(SAMPLES / "plans" / "luzhou-2016.yaml")]).output
    assert "目标（16）" in zh and "责任单位" in zh and "地区：泸州市" in zh and "≥ 1750 件" in zh
    assert "targets (16)" in en and "owners" in en and "region: 泸州市" in en and ">= 1750 件" in en


def test_batch_index_in_both_languages(tmp_path: Path) -> None:
    manifest = tmp_path / "pairs.yaml"
    manifest.write_text(f"pairs:\n  - {{plan: {PLAN}, summary: {SUMMARY}}}\n", encoding="utf-8")
    runner = CliRunner()
    for lang, words in (("zh-CN", ("方案", "已完成", "不通过", "共 1 组")), ("en", ("plan", "met", "failing", "1 pairs"))):
        out = tmp_path / lang
        result = runner.invoke(main, ["check", "--lang", lang, "--manifest", str(manifest), "--output-dir", str(out)])
        assert result.exit_code == 1
        html = (out / "index.html").read_text(encoding="utf-8")
        md = (out / "index.md").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        for w in words:
            assert w in result.output and w in html and w in md, (lang, w)


def test_unpaired_files_are_explained_in_the_report_language(tmp_path: Path) -> None:
    plans, summaries = tmp_path / "plans", tmp_path / "summaries"
    plans.mkdir(), summaries.mkdir()
    (plans / "mianzhu-2015.yaml").write_bytes(PLAN.read_bytes())
    (summaries / "zigong-2015.txt").write_bytes((SAMPLES / "summaries/2015/zigong-2015.txt").read_bytes())
    runner = CliRunner()
    for lang, words in (("zh-CN", ("没有自贡市的方案", "没有绵竹市2015的总结")),
                        ("en", ("no plan for 自贡市", "no summary about 绵竹市 for 2015"))):
        out = tmp_path / lang
        result = runner.invoke(main, ["check", "--lang", lang, str(plans), str(summaries), "--output-dir", str(out)])
        html = (out / "index.html").read_text(encoding="utf-8")
        md = (out / "index.md").read_text(encoding="utf-8")
        printed = "".join(result.output.split())      # the terminal table wraps long paths
        for w in words:
            assert "".join(w.split()) in printed and w in html and w in md, (lang, w)
        assert out.name in result.stderr and ("份 html 报告" if lang == "zh-CN" else "html reports") in result.stderr
        index = json.loads((out / "index.json").read_text(encoding="utf-8"))
        assert {u["reason_code"] for u in index["unpaired"]} == {"no_plan_for", "no_summary"}


# ---- one language per run: errors and every command's own lines (issue #16) ----------------

KEY = re.compile(r"(?:error|reconfirm)\.[a-z0-9_.]+")
MESSAGE_SOURCES = [p for p in sorted((ROOT / "ipcheck").rglob("*.py")) if not p.name.startswith("catalogue")]


def _raised_keys(paths: list[Path] = MESSAGE_SOURCES) -> tuple[dict[str, set[str]], set[str]]:
    """The keys the code raises errors with: ``msg("key", name=…)`` calls (key -> the names
    they pass) and every other literal that is a key (a table of keys, a key chosen by a
    condition), read from the source so a key only raised on a rare path is still checked."""
    calls: dict[str, set[str]] = {}
    literals: set[str] = set()
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "msg" and node.args \
                    and isinstance(node.args[0], ast.Constant) and not any(k.arg is None for k in node.keywords):
                where = f"{path.name}:{node.lineno}"
                calls[f"{node.args[0].value}@{where}"] = {k.arg for k in node.keywords}
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value):
                literals.add(node.value)
    return calls, literals


def _key_problems(calls: dict[str, set[str]], literals: set[str]) -> list[str]:
    """What is wrong with the keys raised: missing in a language, placeholders that differ
    between languages, a call that passes other names than its entry's placeholders."""
    out = []
    for key in sorted({c.split("@")[0] for c in calls} | literals):
        missing = [lang for lang in LANGS if key not in CATALOGUE[lang]]
        if missing:
            out.append(f"{key}: not in {missing}")
        elif len({frozenset(_fields(CATALOGUE[lang][key])) for lang in LANGS}) > 1:
            out.append(f"{key}: the languages use different placeholders")
    for call, given in sorted(calls.items()):
        key = call.split("@")[0]
        if key in CATALOGUE["en"] and given != _fields(CATALOGUE["en"][key]):
            out.append(f"{call}: passes {sorted(given)}, the entry uses {sorted(_fields(CATALOGUE['en'][key]))}")
    return out


def test_every_error_key_raised_is_in_every_language_with_the_same_placeholders() -> None:
    """The meta-test of raising by key: a key the code raises must be in every catalogue language,
    each language must use the same {placeholders}, and a ``msg(key, …)`` call must pass exactly
    those, so no run in any language can show a raw key or fail to fill one in."""
    calls, literals = _raised_keys()
    assert len(calls) >= 150 and len(literals) >= 20
    assert _key_problems(calls, literals) == []


ERROR_TYPES = {"IpcheckError", "PlanError", "PlanUnreadable", "DocumentError", "OutputError", "DraftError", "Problem",
               "_Bad", "_Refused"}


def test_no_error_is_raised_with_words_instead_of_a_key() -> None:
    """An error built from a text literal would be English in every language; only the rule files'
    own RuleError (ipcheck/lang/, for developers) may still be."""
    found = []
    for path in MESSAGE_SOURCES:
        if "lang" in path.relative_to(ROOT / "ipcheck").parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = getattr(node, "func", None) and getattr(node.func, "id", None)
            if name not in ERROR_TYPES:
                continue
            said = node.args[2 if name == "Problem" else 1 if name == "_Refused" else 0:][:1]
            words = [*said, *(k.value for k in node.keywords if k.arg in ("hint", "said"))]
            if any(isinstance(w, (ast.JoinedStr, ast.BinOp)) or isinstance(w, ast.Constant) and isinstance(w.value, str)
                   for w in words):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_every_error_entry_is_raised_somewhere() -> None:
    """An ``error.*`` entry nothing raises is a message nobody can see: it goes."""
    calls, literals = _raised_keys()
    raised = {c.split("@")[0] for c in calls} | literals
    assert sorted(k for k in CATALOGUE["en"] if k.startswith("error.") and k not in raised) == []


def test_the_meta_test_sees_a_missing_key_and_a_wrong_parameter(tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "raiser.py"
    source.write_text('KEYS = ("error.what.pdf", "error.what.nowhere")\n'
                      'def f(msg):\n'
                      '    msg("error.bad_date", ctx="plan", field="issued")\n'
                      '    msg("error.file_empty")\n', encoding="utf-8")
    monkeypatch.setitem(CATALOGUE["zh-CN"], "error.what.pdf", "PDF {x}")
    calls, literals = _raised_keys([source])
    assert calls == {"error.bad_date@raiser.py:3": {"ctx", "field"}, "error.file_empty@raiser.py:4": set()}
    assert _key_problems(calls, literals) == [
        "error.what.nowhere: not in ['zh-CN', 'en']", "error.what.pdf: the languages use different placeholders",
        "error.bad_date@raiser.py:3: passes ['ctx', 'field'], the entry uses ['ctx', 'field', 'value']"]


def test_an_error_is_said_from_its_key_in_the_language_asked_for() -> None:
    from ipcheck.errors import Problem, msg
    said = msg("error.must_be", ctx="targets[0] (T1)", field="value", expected=msg("error.kind.number"),
               got=msg("error.kind.string"))
    problem = Problem("plan.yaml", 7, msg("error.hinted", message=said, hint=msg("error.hint.quote_op")))
    assert problem.text("en") == str(problem) == ("plan.yaml:7: targets[0] (T1): 'value' must be a number, got a "
                                                  'string (quote the operator: op: ">=")')
    assert problem.text("zh-CN") == ("plan.yaml:7: targets[0] (T1)：'value' 应为数字，实际是字符串"
                                     '（请给运算符加引号：op: ">="）')
    assert problem.message == "targets[0] (T1): 'value' must be a number, got a string (quote the operator: op: \">=\")"


def test_a_reworded_english_message_still_reads_in_chinese(monkeypatch) -> None:
    """The design debt this replaced: a message was translated by matching its English, so a
    rewording fell back to English in a Chinese run. Now the English can change alone."""
    from ipcheck.errors import msg
    monkeypatch.setitem(CATALOGUE["en"], "error.file_empty", "the file has nothing in it")
    assert msg("error.file_empty").text("zh-CN") == "文件为空"
    assert msg("error.file_empty").text("en") == "the file has nothing in it"


def test_third_party_words_pass_through_as_a_parameter() -> None:
    from ipcheck.errors import msg
    said = msg("error.pdf_damaged", detail="Stream has ended unexpectedly {0}")
    assert said.text("zh-CN") == "PDF 文件已损坏（Stream has ended unexpectedly {0}）"


def test_a_failed_batch_row_keeps_its_error_as_a_key_and_says_it_in_each_language() -> None:
    from ipcheck.errors import Message, PlanError, Problem, msg
    from ipcheck.pairing import one_line
    exc = PlanError([Problem("p.yaml", 3, msg("error.missing_field", ctx="plan", name="id")),
                     Problem("p.yaml", 4, msg("error.plan_empty"))])
    said = one_line(exc)
    assert said.text("en") == "p.yaml:3: plan: missing required field 'id' (and 1 more problems)"
    assert Message.from_json(json.loads(json.dumps(said.as_json()))) == said
    assert said.text("zh-CN") == "p.yaml:3: plan：缺少必填字段 'id'（另有 1 个问题）"


def _bad_input_runs():
    import yaml as _yaml
    bad = ROOT / "tests" / "bad_inputs"
    for case in _yaml.safe_load((bad / "cases.yaml").read_text(encoding="utf-8")):
        if case["exit"] == 2:
            path = str(bad / case["file"])
            yield case["file"], case["role"], ([path, str(SUMMARY)] if case["role"] == "plan" else [str(PLAN), path])


@pytest.mark.parametrize("name, role, pair", list(_bad_input_runs()), ids=[n for n, _, _ in _bad_input_runs()])
def test_every_error_of_the_bad_input_corpus_is_said_in_chinese_by_default(name: str, role: str,
                                                                           pair: list[str]) -> None:
    """The CLI says the very problems the core raised, each from its key: in Chinese by default
    (with Chinese words in it), in English with --lang en."""
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames \
        else CliRunner()
    with pytest.raises(IpcheckError) as raised:
        load_plan(pair[0]) if role == "plan" else read_document(pair[1])
    problems = raised.value.problems
    english = runner.invoke(main, ["check", *pair, "--lang", "en"]).stderr.splitlines()
    chinese = runner.invoke(main, ["check", *pair]).stderr.splitlines()
    assert english == [f"ipcheck: {p.text('en')}" for p in problems]
    assert chinese == [f"ipcheck: {p.text('zh-CN')}" for p in problems]
    for p in problems:
        assert p.text("zh-CN") != p.text("en") and HAN.search(p.said.text("zh-CN")), p


def test_every_command_speaks_one_language(tmp_path: Path) -> None:
    """zh-CN by default, English with --lang en: config, figures, plan validate, review's
    confirmation and --list, split, usage mistakes."""
    import shutil
    for folder in ("plans", "summaries"):
        shutil.copytree(PLAN.parent.parent / folder, tmp_path / folder)
    plan, summary = "plans/mianzhu-2015.yaml", "summaries/2015/mianzhu-2015.txt"
    runs = {
        "config": (["config"], "配置文件：", "config file:"),
        "figures": (["figures", summary], "工作成效", "results"),
        "validate": (["plan", "validate", plan], "通过：目标 3 个", "ok: 3 targets"),
        "review": (["review", "5", "--plan", plan, "--summary", summary, "--status", "met", "--reason", "x",
                    "--by", "王审核"], "已记录：第 5 项认定为已完成", "recorded 5 met"),
        "list": (["review", "--list", "--plan", plan], "复核决定", "decision"),
        "split": (["split", "summaries/sichuan-2015-compilation.txt", "-o", "out", "--force"], "2015 年，", ", lines "),
        "usage": (["check", plan], "缺少 SUMMARY：用法：", "missing SUMMARY: usage:"),
    }
    import os
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        for name, (args, zh, en) in runs.items():
            default = CliRunner().invoke(main, args)
            english = CliRunner().invoke(main, args + ["--lang", "en"] if name != "usage" else
                                         ["check", "--lang", "en", plan])
            assert zh in default.output and en not in default.output, (name, default.output[:500])
            assert en in english.output and zh not in english.output, (name, english.output[:500])
    finally:
        os.chdir(cwd)
