"""Custom templates (--template FILE): the documented examples render, HTML is autoescaped,
template mistakes and sandbox escapes are one-line errors (exit 2); and a person's review
decision is shown in the terminal, Markdown and HTML reports."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck.check import check
from ipcheck.cli import main
from ipcheck.inputs.documents import read_document
from ipcheck.errors import IpcheckError
from ipcheck.model import ReviewDecision, Status
from ipcheck.plans.loader import load_plan
from ipcheck.report import RenderOptions, render
from ipcheck.report.template import chart, render_custom

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
PLAN, SUMMARY = SAMPLES / "plans" / "mianzhu-2015.yaml", SAMPLES / "summaries" / "2015" / "mianzhu-2015.txt"
EXAMPLES = ROOT / "docs" / "examples"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def report():
    return check(load_plan(PLAN), read_document(SUMMARY))


def test_the_text_example_renders_on_the_sample_pair() -> None:
    zh = run("check", PLAN, SUMMARY, "--template", EXAMPLES / "items.txt.j2")
    assert zh.exit_code == 1, zh.output                      # 5 unreported: the usual exit status
    lines = zh.stdout.splitlines()
    assert lines[0] == "ipcheck 核查报告：绵竹市国家知识产权示范城市培育工作方案"
    assert "T1\t已完成\t已完成：537件（专利申请量）对照目标 ≥ 370件\t第 13 行" in lines
    assert len([ln for ln in lines if "\t" in ln]) == 16      # one line per item
    en = run("check", "--lang", "en", PLAN, SUMMARY, "--template", EXAMPLES / "items.txt.j2")
    assert "T1\tmet\tmet: 537件 (专利申请量) vs >= 370件\tline 13" in en.stdout.splitlines()


def test_the_html_example_renders_and_is_autoescaped(report, tmp_path: Path) -> None:
    out = tmp_path / "summary.html"
    result = run("check", PLAN, SUMMARY, "--template", EXAMPLES / "summary.html.j2", "-o", out)
    assert result.exit_code == 1 and out.is_file(), result.output
    html = out.read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "<li>未报告: 5</li>" in html and "<mark>" in html


def _hostile_plan(tmp_path: Path) -> Path:
    text = PLAN.read_text(encoding="utf-8")
    title = re.search(r"^  title: .*$", text, re.M).group(0)
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace(title, "  title: '<script>alert(1)</script>&'"), encoding="utf-8")
    return plan


def test_a_hostile_plan_title_is_escaped_in_html_not_in_text(tmp_path: Path) -> None:
    plan = _hostile_plan(tmp_path)
    page = tmp_path / "t.html.j2"
    page.write_text("<h1>{{ plan.title }}</h1>{{ t('report.title', title=plan.title) }}\n", encoding="utf-8")
    html = run("check", plan, SUMMARY, "--template", page).stdout
    assert "<script>" not in html and html.count("&lt;script&gt;alert(1)&lt;/script&gt;&amp;") == 2
    text = tmp_path / "t.txt.j2"
    text.write_text("{{ plan.title }}\n", encoding="utf-8")
    assert run("check", plan, SUMMARY, "--template", text).stdout == "<script>alert(1)</script>&\n"


@pytest.mark.parametrize("body, line, message", [
    ("ok\n{% for i in items %}\n{{ i.id }\n{% endfor %}\n", 3, "unexpected '}'"),
    ("line one\nline two\n{{ no_such_name }}\n", 3, "'no_such_name' is undefined"),
    ("{{ plan.no_such_key }}\n", 1, "has no attribute 'no_such_key'"),
    ("a\n{{ ''.__class__.__mro__ }}\n", 2, "__class__"),
    ("{{ items.__class__.__subclasses__() }}\n", 1, "unsafe"),
    ("{% for i in items %}{{ 1 / 0 }}{% endfor %}\n", 1, "division by zero"),
])
def test_template_mistakes_are_one_line_with_the_line_number(tmp_path: Path, body: str, line: int,
                                                             message: str) -> None:
    bad = tmp_path / "bad.txt.j2"
    bad.write_text(body, encoding="utf-8")
    result = run("check", PLAN, SUMMARY, "--template", bad, "--lang", "en")
    assert result.exit_code == 2
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith(f"ipcheck: {bad}:{line}: template error:"), result.stderr
    assert message in result.stderr


def test_a_missing_or_binary_template_is_refused(tmp_path: Path, report) -> None:
    with pytest.raises(IpcheckError, match="no such template"):
        render_custom(report, str(tmp_path / "none.j2"))
    binary = tmp_path / "b.txt.j2"
    binary.write_bytes(b"\xff\xfe\x00bad")
    result = run("check", PLAN, SUMMARY, "--template", binary, "--lang", "en")
    assert result.exit_code == 2 and "not UTF-8" in result.stderr


def test_custom_output_is_deterministic(report, tmp_path: Path) -> None:
    a = render(report, "template", RenderOptions(template=str(EXAMPLES / "items.txt.j2")))
    b = render(report, "template", RenderOptions(template=str(EXAMPLES / "items.txt.j2")))
    assert a == b


@pytest.mark.parametrize("counts, expected", [
    ({"met": 11, "missed": 0, "unreported": 5, "pending": 0},
     [("met", 11, 0, 412), ("unreported", 5, 412, 188)]),
    ({"met": 1, "missed": 1, "unreported": 1, "pending": 0},
     [("met", 1, 0, 200), ("missed", 1, 200, 200), ("unreported", 1, 400, 200)]),
    ({"met": 0, "missed": 0, "unreported": 0, "pending": 0}, []),
])
def test_chart_segments_fill_the_bar(counts, expected) -> None:
    segs = chart(counts)
    assert [(s["status"], s["count"], s["x"], s["width"]) for s in segs] == expected
    assert not segs or segs[-1]["x"] + segs[-1]["width"] == 600


def test_html_chart_is_inline_svg_with_text_labels(report) -> None:
    html = render(report, "html")
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "<title" in svg and "<script" not in html.split("</svg>")[0]
    assert re.search(r"<rect class=\"met\"[^>]*width=\"412\"", svg) and ">已完成 11</text>" in svg
    assert ">未完成 0</text>" in svg and ">未到期 0</text>" in svg       # the legend names every status
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")   # no external asset


def test_print_css_hides_only_the_filters(report) -> None:
    html = render(report, "html")
    css = re.search(r"@media print \{(.*?)\n\}", html, re.S).group(1)
    assert ".filters > input, .filters > label { display: none; }" in css
    assert ".items .item { display: block !important;" in css       # a chosen filter never hides items on paper
    assert ".filters {" not in css


# ------------------------------------------------------------------ review decisions

def _render(report, fmt: str, lang: str = "zh-CN") -> str:
    """The report in ``fmt``; the terminal one wide enough that no message wraps."""
    if fmt == "text":
        from ipcheck.report.terminal import render as terminal
        return terminal(report, width=400, lang=lang)
    return render(report, fmt, RenderOptions(lang=lang))

def _reviewed(report, applied: bool, stale: str = ""):
    """The report with a person's decision on task 5 (the tool said unreported)."""
    def decide(v):
        if v.item_id != "5":
            return v
        decision = ReviewDecision(status=Status.MET, reason="验收时核对了商标注册证书", by="王科长", date="2016-01-20",
                                  tool_status=v.status, reviewed_tool_status=Status.UNREPORTED,
                                  applied=applied, stale=stale)
        return replace(v, status=Status.MET if applied else v.status, review=decision)
    return replace(report, verdicts=tuple(decide(v) for v in report.verdicts))


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_an_applied_review_shows_the_person_and_the_tool(report, fmt: str) -> None:
    out = _render(_reviewed(report, applied=True), fmt)
    assert "王科长 于 2016-01-20 复核认定为已完成：验收时核对了商标注册证书" in out
    assert "工具判定：未报告" in out and "未采用" not in out
    en = _render(_reviewed(report, applied=True), fmt, "en")
    assert "王科长 decided met on 2016-01-20: 验收时核对了商标注册证书" in en and "the tool said unreported" in en


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_stale_review_is_flagged_not_applied(report, fmt: str) -> None:
    out = _render(_reviewed(report, applied=False, stale="summary_changed"), fmt)
    assert "复核决定未采用：评审后总结已变更，仍以工具判定为准" in out
    en = _render(_reviewed(report, applied=False, stale="summary_changed"), fmt, "en")
    assert "decision not applied: the summary changed after the review; the tool's verdict stands" in en \
        or "decision not applied: the summary changed after the review; the tool&#39;s verdict stands" in en


def test_review_in_json_and_custom_context(report, tmp_path: Path) -> None:
    import json
    data = json.loads(render(_reviewed(report, applied=False, stale="item_changed"), "json"))
    item = next(i for i in data["items"] if i["id"] == "5")
    assert item["review"]["stale"] == "item_changed" and item["tool_status"] == "unreported"
    assert item["status"] == "unreported"                            # a stale decision never counts
    out = render(_reviewed(report, applied=False, stale="item_changed"), "template",
                 RenderOptions(template=str(EXAMPLES / "items.txt.j2")))
    assert "5\t未报告 (需人工复核)\t" in out and "人工复核: 已完成 ⚠ 评审后方案条目已变更" in out
