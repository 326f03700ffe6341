"""Every command that prints, run in a pseudo-terminal as a person runs it (tests/ptyrun.py): the
exit status, what the table shows, and never an internal error. Until these tests, every test
captured stdout, and no test ever saw `ipcheck check` crash in a real terminal."""
from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest

from ptyrun import ipcheck_command, run_in_pty
from samples import SAMPLES

ROOT = Path(__file__).resolve().parent.parent
PLAN, SUMMARY = "plans/mianzhu-2015.yaml", "summaries/2015/mianzhu-2015.txt"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    """A writable copy of the samples (review and split write files)."""
    shutil.copytree(SAMPLES / "plans", tmp_path / "plans")
    shutil.copytree(SAMPLES / "summaries", tmp_path / "summaries")
    return tmp_path


def ipcheck(*args: str, cwd: Path = SAMPLES, **kw):
    result = run_in_pty(ipcheck_command() + list(args), cwd, **kw)
    assert "internal error" not in result.output and "内部错误" not in result.output, result.output
    assert "Traceback" not in result.output, result.output
    return result


def plain(text: str) -> str:
    return ANSI.sub("", text)


# (args, exit status, what the terminal must show); {out} is a fresh folder
CASES = [
    (["check", PLAN, SUMMARY], 1, ["ipcheck 核查报告：绵竹市国家知识产权示范城市培育工作方案（mianzhu-2015）",
                                   "未报告（5）", "已完成（11）", "41?", "合计：16", "结果：不通过"]),
    (["check", PLAN, SUMMARY, "--lang", "en"], 1, ["unreported (5)", "met (11)", "total: 16", "result: failing"]),
    (["check", "plans", "summaries/2015", "--output-dir", "{out}"], 1,
     ["mianzhu-2015", "guanghan-2015", "luzhou-2016", "绵竹市"]),
    (["explain", PLAN, SUMMARY, "T1"], 0, ["ipcheck 解释：指标 T1", "537件", "结论：已完成"]),
    (["config"], 0, ["fail_on", "thresholds.task_met"]),
    (["figures", SUMMARY], 0, ["537", "件"]),
    (["plan", "validate", PLAN], 0, ["通过：目标 3 个，任务 13 个"]),
    (["plan", "show", PLAN], 0, ["目标（3）", "专利申请量", "任务（13）"]),
    (["plan", "draft", "plans/documents/guangan-2017-plan.txt"], 0, ["version: 1", "targets:", "tasks:"]),
    (["plan", "checklist", PLAN], 0, ["专利申请量"]),
    (["progress", "tests/series/tianjin/plan.yaml", "tests/series/tianjin/2016-whitepaper.txt",
      "tests/series/tianjin/2017-work-summary.txt"], 0, ["2016", "2017"]),
]


@pytest.mark.parametrize("args, status, shown", CASES, ids=[" ".join(c[0][:2]) + f" [{n}]" for n, c in enumerate(CASES)])
def test_every_command_works_in_a_terminal(args, status, shown, tmp_path: Path) -> None:
    result = ipcheck(*[a.replace("{out}", str(tmp_path / "out")) for a in args])
    assert result.status == status, result.output
    text = plain(result.output)
    for words in shown:
        assert words in text, (words, text[-3000:])


def test_review_records_lists_and_is_applied_in_a_terminal(work: Path) -> None:
    recorded = ipcheck("review", "5", "--plan", PLAN, "--summary", SUMMARY, "--status", "met",
                       "--reason", "第15行写明已培育驰名商标", "--by", "王审核", cwd=work)
    assert recorded.status == 0 and "王审核" in recorded.output
    assert (work / "plans" / "mianzhu-2015.reviews.yaml").is_file()
    listed = ipcheck("review", "--list", "--plan", PLAN, "--summary", SUMMARY, cwd=work)
    assert listed.status == 0 and "第15行写明已培育驰名商标" in listed.output
    checked = ipcheck("check", PLAN, SUMMARY, cwd=work)
    assert checked.status == 1 and "王审核" in plain(checked.output) and "已完成（12）" in plain(checked.output)


def test_split_writes_and_tells_in_a_terminal(work: Path) -> None:
    result = ipcheck("split", "summaries/sichuan-2015-compilation.txt", "-o", "out", cwd=work)
    assert result.status == 0, result.output
    assert len(list((work / "out").glob("2015-*.txt"))) == 10
    assert "2015-绵竹市.txt" in result.output


def test_colour_in_a_terminal_and_none_when_asked() -> None:
    coloured = ipcheck("check", PLAN, SUMMARY)
    assert "\x1b[" in coloured.output                              # a terminal gets colour
    for how in (["--color", "never"], ["--no-color"]):
        assert "\x1b[" not in ipcheck("check", PLAN, SUMMARY, *how).output, how
    env = dict(os.environ, NO_COLOR="1")
    assert "\x1b[" not in ipcheck("check", PLAN, SUMMARY, env=env).output
    assert "\x1b[" in ipcheck("check", PLAN, SUMMARY, "--color", "always", env=env).output


def test_the_table_follows_the_terminal_width_and_columns() -> None:
    def widest(output: str) -> int:
        return max(len(line) for line in plain(output).splitlines())
    narrow = ipcheck("plan", "show", PLAN, "--lang", "en", columns=None, rows=40)     # window 100 wide
    assert 80 < widest(narrow.output) <= 100
    wide = run_in_pty(ipcheck_command() + ["plan", "show", PLAN, "--lang", "en"], SAMPLES,
                      env=dict(os.environ, COLUMNS="160"), columns=160)
    assert 100 < widest(wide.output) <= 160


def test_the_readme_quick_start_runs_as_the_readme_says() -> None:
    """README's first command, its ipcheck part as written, in a terminal 100 columns wide: the
    exit status README states and the lines it shows ("…" stands for lines left out)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme[readme.index("## Quick start"):readme.index("## Usage")]
    line = next(x for x in quick.splitlines() if x.startswith("python3 -m venv") and "ipcheck check" in x)
    words = shlex.split(line.split("&&")[-1])
    assert words[0] == ".venv/bin/ipcheck"
    assert "exits 1 because some items are unreported" in quick and "terminal 100\ncolumns wide" in quick
    result = ipcheck(*words[1:], columns=100)
    assert result.status == 1, result.output
    seen = [x.rstrip() for x in plain(result.output).splitlines()]
    block = quick[quick.index("columns wide you see"):]
    shown = block[block.index("```\n") + 4:block.index("\n```", block.index("```\n") + 4)].splitlines()
    assert len(shown) >= 6
    for expected in shown:
        assert expected == "…" or expected in seen, (expected, seen[:20])
    assert seen[-1] == shown[-1] and "\x1b[" in result.output          # the totals line last, in colour


def test_a_terminal_that_reports_no_size_gets_80_columns() -> None:
    """`script -qec CMD /dev/null`, serial consoles and some CI runners give a terminal of 0 x 0:
    the table is laid out 80 wide, not squeezed to the narrowest width (one character a line)."""
    result = ipcheck("check", PLAN, SUMMARY, columns=0)
    seen = plain(result.output).splitlines()
    assert result.status == 1, result.output
    assert max(map(len, seen)) > 40 and "未完成：0 未报告：5 未到期：0 已完成：11" in plain(result.output)


def test_a_summary_piped_in_while_the_report_goes_to_the_terminal() -> None:
    result = ipcheck("check", PLAN, "-", stdin=(SAMPLES / SUMMARY).read_bytes())
    assert result.status == 1 and "总结：<stdin>" in plain(result.output) and "结果：不通过" in plain(result.output)


def test_a_mismatched_pair_in_a_terminal() -> None:
    result = ipcheck("check", PLAN, "summaries/2015/mianyang-2015.txt")
    text = plain(result.output)
    assert result.status == 4 and "✗ 未核查" in text and text.rstrip().endswith("结果：不匹配")


def test_diff_of_two_reports_in_a_terminal(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert ipcheck("check", PLAN, SUMMARY, "-o", str(old)).status == 1
    assert ipcheck("check", PLAN, SUMMARY, "-o", str(new), "--task-met", "0.9").status == 1
    result = ipcheck("diff", str(old), str(new))
    text = plain(result.output)
    assert result.status == 1 and "新增不通过（4）" in text and "已完成 11 → 7" in text   # a stricter task_met
    assert "\x1b[" in result.output and "\x1b[" not in ipcheck("diff", str(old), str(new), "--color", "never").output


def test_a_batch_in_a_terminal_writes_the_reports_and_the_index(tmp_path: Path) -> None:
    """The issue: in a terminal a batch wrote the pair reports, then died before the index."""
    out = tmp_path / "out"
    result = ipcheck("check", "plans", "summaries/2015", "--output-dir", str(out))
    assert result.status == 1 and "不通过：广汉市（未报告 6 项），绵竹市（未报告 5 项）" in plain(result.output)
    assert {"index.html", "index.md", "index.json"} <= {p.name for p in out.iterdir()}
    assert len(list(out.glob("*--*.html"))) == 3
