"""`ipcheck rules [CODE]`: the reading rules listed, one shown with its doc and examples, in both
languages and as JSON; an unknown code is one line and exit status 2."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ipcheck.cli import main
from ipcheck.i18n import CATALOGUE
from ipcheck.lang.model import _KINDS
from ipcheck.lang.registry import load


def run(*args: str):
    return CliRunner().invoke(main, ["rules", *args])


def test_the_list_names_every_rule_once() -> None:
    result = run()
    assert result.exit_code == 0, result.output
    codes = [line.split()[0] for line in result.output.splitlines() if line.startswith("  ZH-")]
    assert codes == [r.code for r in load()]
    assert result.output.startswith(f"共 {len(load())} 条阅读规则")


def test_one_rule_shows_its_doc_data_and_examples() -> None:
    out = run("ZH-DONE-003").output
    rule = load()["ZH-DONE-003"]
    assert out.startswith("ZH-DONE-003  completion verbs\n文件：ipcheck/lang/zh/cues.yaml\n")
    assert "被以下规则阻止：ZH-INTENT-001" in out and rule.doc[:40] in out.replace("\n", " ")
    assert "\n词：完成、建成、新建\n" in out
    assert "  ✓ 完成24项重点工作。  (summaries/2015/luzhou-2015.txt:33)" in out
    assert "  ✗ 我市计划新建知识产权服务工作站。" in out
    assert "新建知识产权服务工作站 ← 我市计划新建知识产权服务工作站。 → 未报告" in out


def test_english_labels() -> None:
    out = run("zh-done-003", "--lang", "en").output
    assert "file: ipcheck/lang/zh/cues.yaml" in out and "must match:" in out and "must not match:" in out
    assert "→ unreported" in out


def test_a_prefix_shows_each_rule_it_starts() -> None:
    out = run("ZH-NEG").output
    assert out.count("ZH-NEG-00") >= 2 and "ZH-NEG-001  negations" in out and "ZH-NEG-002  未 alone" in out


def test_json_holds_data_and_examples() -> None:
    result = run("ZH-QUAL-001", "--format", "json")
    data = json.loads(result.output)["rules"][0]
    assert data["code"] == "ZH-QUAL-001" and data["table"]["近"] == "high" and data["params"] == {"margin": "0.05"}
    assert {"text": "签约60个", "source": None} in data["no_match"]
    everything = json.loads(run("--format", "json").output)["rules"]
    assert len(everything) == len(load())


def test_an_unknown_code_is_one_line_and_exit_2() -> None:
    result = run("ZH-DNOE-003")
    assert result.exit_code == 2
    assert result.output == (f"ipcheck: 没有阅读规则 'ZH-DNOE-003'（共 {len(load())} 条规则）"
                             "（最接近的：ZH-DONE-003, ZH-NEG-003, ZH-DOC-003）\n")
    result = run("ZH-DNOE-003", "--lang", "en")
    assert result.exit_code == 2
    assert result.output == (f"ipcheck: no reading rule 'ZH-DNOE-003' ({len(load())} rules) "
                             "(closest: ZH-DONE-003, ZH-NEG-003, ZH-DOC-003)\n")


@pytest.mark.parametrize("kind", _KINDS)
def test_every_rule_kind_has_a_label(kind: str) -> None:
    for lang in ("en", "zh-CN"):
        assert f"rules.kind.{kind}" in CATALOGUE[lang]
