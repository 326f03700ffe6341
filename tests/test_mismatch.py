"""A mismatched pair is never green: a summary about another region, or about a year outside the
plan's years, is its own outcome (不匹配) with its own exit status (4), in a single check, a
manifest and a batch; and a batch reads like an officer's work (issue #16)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.check import check
from ipcheck.cli import EXIT_MISMATCH, main
from ipcheck.inputs.documents import read_document
from ipcheck.model import Mismatch
from ipcheck.plans.loader import load_plan

from samples import SAMPLES

PLANS, SUMMARIES = SAMPLES / "plans", SAMPLES / "summaries" / "2015"
COMPILATION = SAMPLES / "summaries" / "sichuan-2015-compilation.txt"


def invoke(*args: object, env: dict | None = None):
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames \
        else CliRunner()
    return runner.invoke(main, [str(a) for a in args], env=env)


def _mismatch(plan: str, summary: Path, year: int | None = None) -> Mismatch | None:
    from ipcheck.check import Settings
    return check(load_plan(PLANS / f"{plan}.yaml"), read_document(summary), Settings(year=year)).mismatch


@pytest.mark.parametrize("plan, summary, year, expected", [
    ("mianzhu-2015", SUMMARIES / "mianyang-2015.txt", None, Mismatch("region", "绵阳市", "绵竹市")),
    ("guangan-2017", SUMMARIES / "huaying-2015.txt", None, Mismatch("region", "华蓥市", "广安市")),
    ("zibo-2025", COMPILATION, None, Mismatch("region", "绵阳市、自贡市、德阳市、泸州市、宜宾市、遂宁市、华蓥市、崇州市、绵竹市、广汉市",
                                               "淄博市")),
    ("mianzhu-2015", SUMMARIES / "mianzhu-2015.txt", 2017, Mismatch("year", "2017", "2015")),
    ("mianzhu-2015", SUMMARIES / "mianzhu-2015.txt", 2013, Mismatch("year", "2013", "2015")),
    ("zibo-2025", SAMPLES / "plans" / "documents" / "zibo-2021-2025-plan.txt", 2026, Mismatch("year", "2026", "2021-2025")),
    # belonging pairs: the own summary, the year before a plan starts (it announces the plan), a compilation
    ("mianzhu-2015", SUMMARIES / "mianzhu-2015.txt", None, None),
    ("luzhou-2016", SUMMARIES / "luzhou-2015.txt", None, None),
    ("mianzhu-2015", SUMMARIES / "mianzhu-2015.txt", 2014, None),
    ("mianzhu-2015", COMPILATION, None, None),
    ("zibo-2025", SAMPLES / "plans" / "documents" / "zibo-2021-2025-plan.txt", None, None),
])
def test_a_summary_of_another_region_or_period_is_a_mismatch(plan, summary, year, expected) -> None:
    assert _mismatch(plan, summary, year) == expected


def test_a_mismatch_has_its_own_exit_status_whatever_fails() -> None:
    pair = (PLANS / "mianzhu-2015.yaml", SUMMARIES / "mianyang-2015.txt")
    for extra in ([], ["--fail-on", ""], ["--fail-on", "met"], ["-f", "json"], ["-q"]):
        assert invoke("check", *pair, *extra).exit_code == EXIT_MISMATCH == 4, extra
    assert invoke("check", PLANS / "mianzhu-2015.yaml", SUMMARIES / "mianzhu-2015.txt").exit_code == 1
    assert invoke("check", PLANS / "mianzhu-2015.yaml", SUMMARIES / "mianzhu-2015.txt", "--year", "2017").exit_code == 4


def test_the_terminal_says_not_checked_and_hides_the_verdicts() -> None:
    pair = (PLANS / "mianzhu-2015.yaml", SUMMARIES / "mianyang-2015.txt")
    text = invoke("check", *pair).stdout
    assert "✗ 未核查：总结写的是绵阳市，方案属于绵竹市：二者不匹配" in text
    assert "16 项结论不能作为对该方案的核查，未列出（-v 可显示）" in text
    assert "已完成（" not in text and "未报告（" not in text and text.rstrip().endswith("结果：不匹配")
    verbose = invoke("check", *pair, "-v").stdout
    assert "以下结论不能作为对该方案的核查" in verbose and "未报告（" in verbose
    quiet = invoke("check", *pair, "-q").stdout.strip().splitlines()
    assert quiet[0].startswith("✗ 未核查") and quiet[-1].endswith("结果：不匹配") and len(quiet) == 3
    english = invoke("check", *pair, "--lang", "en").stdout
    assert "not checked: the summary is about 绵阳市, the plan is for 绵竹市" in english


def test_every_report_format_carries_the_mismatch() -> None:
    pair = (PLANS / "mianzhu-2015.yaml", SUMMARIES / "mianyang-2015.txt")
    data = json.loads(invoke("check", *pair, "-f", "json").stdout)
    assert data["mismatch"] == {"code": "region", "found": "绵阳市", "expected": "绵竹市",
                                "message": "总结写的是绵阳市，方案属于绵竹市：二者不匹配"}
    assert "未核查：总结写的是绵阳市" in invoke("check", *pair, "-f", "html").stdout
    assert "未核查：总结写的是绵阳市" in invoke("check", *pair, "-f", "markdown").stdout
    fine = json.loads(invoke("check", PLANS / "mianzhu-2015.yaml", SUMMARIES / "mianzhu-2015.txt", "-f", "json").stdout)
    assert fine["mismatch"] is None


def test_a_manifest_pair_that_does_not_belong_is_a_mismatch_row(tmp_path: Path) -> None:
    manifest = tmp_path / "pairs.yaml"
    manifest.write_text(f"pairs:\n  - {{plan: {PLANS / 'mianzhu-2015.yaml'}, summary: {SUMMARIES / 'mianzhu-2015.txt'}}}\n"
                        f"  - {{plan: {PLANS / 'mianzhu-2015.yaml'}, summary: {SUMMARIES / 'deyang-2015.txt'}}}\n",
                        encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("check", "--manifest", manifest, "--output-dir", out)
    assert result.exit_code == 4, result.stderr
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in index["pairs"]] == ["checked", "mismatch"]
    assert index["pairs"][1]["mismatch"] == {"code": "region", "found": "德阳市", "expected": "绵竹市"}
    assert index["totals"]["mismatched"] == 1 and index["exit_status"] == 4
    assert "方案与总结不匹配：绵竹市（总结写的是德阳市，方案属于绵竹市：二者不匹配）" in result.stdout
    md = (out / "index.md").read_text(encoding="utf-8")
    assert "不匹配：总结写的是德阳市" in md
    manifest.write_text(manifest.read_text(encoding="utf-8") + "  - {plan: nope.yaml, summary: nope.txt}\n",
                        encoding="utf-8")
    assert invoke("check", "--manifest", manifest).exit_code == 2           # a pair that cannot run outranks it


# ------------------------------------------------------------------ batches as an officer reads them

@pytest.fixture()
def province(tmp_path: Path) -> tuple[Path, Path]:
    """plans/ with a README and the plan documents beside the YAML; summaries/ with a README."""
    import shutil
    plans, summaries = tmp_path / "plans", tmp_path / "summaries"
    shutil.copytree(PLANS, plans)
    summaries.mkdir()
    for city in ("mianzhu", "guanghan", "zigong"):
        shutil.copy(SUMMARIES / f"{city}-2015.txt", summaries)
    (summaries / "README.md").write_text("# 2015年各市总结\n", encoding="utf-8")
    (summaries / "scan.png").write_bytes(b"\x89PNG")
    return plans, summaries


def test_a_folder_batch_ignores_what_is_plainly_not_a_plan_or_summary(province) -> None:
    plans, summaries = province
    result = invoke("check", plans, summaries, "--output-dir", plans.parent / "out")
    index = json.loads((plans.parent / "out" / "index.json").read_text(encoding="utf-8"))
    unpaired = {Path(u["path"]).name for u in index["unpaired"]}
    assert unpaired == {"zigong-2015.txt", "guangan-2017.yaml", "luzhou-2016.yaml", "zibo-2025.yaml"}
    ignored = {Path(u["path"]).name for u in index["ignored"]}
    assert {"README.md", "scan.png", "guangan-2017-plan.txt", "zibo-2021-2025-plan.txt"} <= ignored
    assert "README" not in result.stdout and "guangan-2017-plan.txt" not in result.stdout


def test_the_index_speaks_of_cities_and_statuses_and_leaves_codes_to_json(province) -> None:
    plans, summaries = province
    out = plans.parent / "out"
    result = invoke("check", plans, summaries, "--output-dir", out)
    assert result.exit_code == 1
    for name in ("index.md", "index.html"):
        text = (out / name).read_text(encoding="utf-8")
        assert "不通过 2 组（有未完成或未报告的事项）" in text
        assert "不通过：广汉市（未报告 6 项），绵竹市（未报告 5 项）" in text
        for developer_word in ("--fail-on", "fail_on", "no_plan_for", "exit", "退出状态", "target.", "task."):
            assert developer_word not in text.replace("index.json", ""), (name, developer_word)
    data = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert data["fail_on"] == ["missed", "unreported"] and data["unpaired"][0]["reason_code"]
    assert "不通过：广汉市（未报告 6 项），绵竹市（未报告 5 项）" in result.stdout


@pytest.mark.parametrize("fmt, link", [("html", '<a href="index.html">← 返回批量核查索引</a>'),
                                       ("markdown", "[← 返回批量核查索引](<index.md>)")])
def test_each_pair_report_links_back_to_the_index(province, fmt: str, link: str) -> None:
    plans, summaries = province
    out = plans.parent / "out"
    invoke("check", plans, summaries, "--output-dir", out, "--format", fmt)
    reports = [p for p in out.iterdir() if "--" in p.name]
    assert len(reports) == 2 and all(link in p.read_text(encoding="utf-8") for p in reports)
    single = invoke("check", PLANS / "mianzhu-2015.yaml", SUMMARIES / "mianzhu-2015.txt", "-f", fmt).stdout
    assert "返回批量核查索引" not in single                     # a single report has no index to go back to


def test_a_rerun_removes_reports_of_pairs_that_are_gone_and_nothing_else(province) -> None:
    plans, summaries = province
    out = plans.parent / "out"
    assert invoke("check", plans, summaries, "--output-dir", out).exit_code == 1
    assert sorted(p.name for p in out.glob("*--*")) == ["guanghan-2015--guanghan-2015.html",
                                                        "mianzhu-2015--mianzhu-2015.html"]
    (out / "notes.txt").write_text("an officer's notes", encoding="utf-8")           # the user's own file
    (out / "old--report.html").write_text("from another tool", encoding="utf-8")      # not written by ipcheck
    os.remove(summaries / "guanghan-2015.txt")
    result = invoke("check", plans, summaries, "--output-dir", out)
    assert sorted(p.name for p in out.glob("*--*")) == ["mianzhu-2015--mianzhu-2015.html", "old--report.html"]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "an officer's notes"
    assert "删除了 1 份已不在本批中的报告：guanghan-2015--guanghan-2015.html" in result.stderr
    # an ipcheck report someone edited since is kept, and said so
    (out / "mianzhu-2015--mianzhu-2015.html").write_text("edited by hand", encoding="utf-8")
    os.remove(summaries / "mianzhu-2015.txt")
    (summaries / "guanghan-2015.txt").write_bytes((SUMMARIES / "guanghan-2015.txt").read_bytes())
    result = invoke("check", plans, summaries, "--output-dir", out)
    assert (out / "mianzhu-2015--mianzhu-2015.html").read_text(encoding="utf-8") == "edited by hand"
    assert "保留 mianzhu-2015--mianzhu-2015.html" in result.stderr


def test_the_record_of_what_was_written_lists_reports_and_index_files(province) -> None:
    from ipcheck import written
    plans, summaries = province
    out = plans.parent / "out"
    invoke("check", plans, summaries, "--output-dir", out)
    recorded = written.previous(str(out))
    assert sorted(recorded) == ["guanghan-2015--guanghan-2015.html", "index.html", "index.json", "index.md",
                                "mianzhu-2015--mianzhu-2015.html", "workbook.csv", "workbook.xlsx"]
    assert all(written.fingerprint(str(out / name)) == digest for name, digest in recorded.items())
    (out / written.MANIFEST).write_text('{"files": {"../../etc/passwd": "x", "a/b": "y"}}', encoding="utf-8")
    assert written.previous(str(out)) == {}                   # never a path outside the folder
