"""Never lose, never lie in an output: atomic reports, inputs never written, every quoted text
escaped, strict templates, safe YAML only, and byte-identical reports from identical inputs."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from click.testing import CliRunner

import ipcheck.outputs
from ipcheck.check import check
from ipcheck.cli import main
from ipcheck.inputs.documents import read_document
from ipcheck.errors import OutputError
from ipcheck.outputs import write_atomic
from ipcheck.plans.loader import load_plan
from ipcheck.report import render
from ipcheck.report.template import _environment

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
EN = {"IPCHECK_LANG": "en"}      # these tests read the English messages; test_i18n checks the Chinese
PLAN = SAMPLES / "plans" / "mianzhu-2015.yaml"
SUMMARY = SAMPLES / "summaries" / "2015" / "mianzhu-2015.txt"
XSS = ROOT / "tests" / "bad_inputs" / "summary-xss.txt"
SCRIPT = "<script>alert(1)</script>"
JS_LINK = "[x](javascript:alert(1))"


def digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


# ------------------------------------------------------------------ atomic writes

def test_interrupted_write_keeps_the_previous_report(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous report\n", encoding="utf-8")
    real_fdopen = os.fdopen

    class Dies:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()
            return False

        def write(self, text):                  # half the report, then the process "dies"
            self.fh.write(text[:len(text) // 2])
            self.fh.flush()
            raise KeyboardInterrupt

    monkeypatch.setattr(ipcheck.outputs.os, "fdopen", lambda *a, **k: Dies(real_fdopen(*a, **k)))
    result = CliRunner(env=EN).invoke(main, ["check", str(PLAN), str(SUMMARY), "-o", str(out)])
    assert result.exit_code == 130
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"], "a temp file was left"


def test_failed_rename_leaves_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")

    def no_replace(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(ipcheck.outputs.os, "replace", no_replace)
    with pytest.raises(OSError):
        write_atomic(out, "<html>new</html>")
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_write_is_complete_and_replaces(tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    out.write_text("old", encoding="utf-8")
    write_atomic(out, "新的报告\n" * 1000)
    assert out.read_text(encoding="utf-8") == "新的报告\n" * 1000
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


# ------------------------------------------------------------------ inputs are never written

@pytest.fixture()
def inputs(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    plan, summary = tmp_path / "plan.yaml", tmp_path / "summary.txt"
    plan.write_bytes(PLAN.read_bytes())
    summary.write_bytes(SUMMARY.read_bytes())
    monkeypatch.chdir(tmp_path)
    return plan, summary


@pytest.mark.parametrize("variant", ["same", "dot", "absolute", "dotdot", "symlink", "hardlink"])
@pytest.mark.parametrize("which", ["plan", "summary"])
def test_output_over_an_input_is_refused(inputs, tmp_path: Path, variant: str, which: str) -> None:
    plan, summary = inputs
    victim = plan if which == "plan" else summary
    before = digest(plan, summary)
    out = {"same": victim.name, "dot": f"./{victim.name}", "absolute": str(victim),
           "dotdot": f"../{tmp_path.name}/{victim.name}"}.get(variant)
    if variant == "symlink":
        (tmp_path / "link").symlink_to(victim)
        out = "link"
    elif variant == "hardlink":
        os.link(victim, tmp_path / "hard")
        out = "hard"
    result = CliRunner(env=EN).invoke(main, ["check", "plan.yaml", "summary.txt", "-o", out, "--format", "json"])
    assert result.exit_code == 2, result.output
    assert "refusing to write the report over an input file" in result.output
    assert "Traceback" not in result.output
    assert digest(plan, summary) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_a_normal_run_never_touches_its_inputs(inputs, tmp_path: Path) -> None:
    plan, summary = inputs
    before = digest(plan, summary), plan.stat().st_mtime_ns, summary.stat().st_mtime_ns
    for fmt, name in (("json", "r.json"), ("html", "r.html"), ("markdown", "r.md"), ("text", "r.txt")):
        result = CliRunner(env=EN).invoke(main, ["check", "plan.yaml", "summary.txt", "-o", name, "--format", fmt])
        assert result.exit_code in (0, 1), result.output
    assert (digest(plan, summary), plan.stat().st_mtime_ns, summary.stat().st_mtime_ns) == before


# ------------------------------------------------------------------ escaping

@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    """A plan whose title, region, ids and task texts, and a summary whose sentences, carry
    HTML and Markdown that would run or link if it were not escaped."""
    d = tmp_path_factory.mktemp("xss")
    plan = d / "plan.yaml"
    plan.write_text(
        "version: 1\nplan:\n  id: xss\n"
        f"  title: '标题{SCRIPT}{JS_LINK}'\n  region: '绵竹市<img src=x onerror=alert(1)>'\n"
        "targets:\n  - id: 'T1'\n    metric: 专利申请量\n    measure: level\n    op: '>='\n"
        "    value: 370\n    unit: 件\n"
        f"    source: '{SCRIPT}'\n"
        "tasks:\n"
        f"  - id: 'K<b>1'\n    title: '开展<script>alert(1)</script>知识产权宣传周活动[x](javascript:alert(1))'\n"
        f"    keywords: [知识产权宣传周]\n    owners: ['<script>x</script>']\n",
        encoding="utf-8")
    report = check(load_plan(plan), read_document(XSS))
    # the hostile sentence really is quoted as evidence, or the test proves nothing
    quoted = [e.text for v in report.verdicts for e in v.evidence]
    assert any(SCRIPT in t and JS_LINK in t for t in quoted), quoted
    return report


def test_html_is_escaped(hostile_report) -> None:
    html = render(hostile_report, "html")
    assert "<script" not in html.lower()
    assert "<img" not in html.lower() and "K<b>1" not in html and "K&lt;b&gt;1" in html
    assert "javascript" not in "".join(re.findall(r"<[^>]*>", html)).lower()   # in no tag or attribute
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html           # shown, as text
    assert not re.search(r"<a\b", html)


def test_markdown_is_escaped(hostile_report) -> None:
    md = render(hostile_report, "markdown")
    assert not re.search(r"(?<!\\)<\s*(?:script|img)", md, re.I)     # only escaped: \<script
    assert "](javascript:" not in md
    assert md.splitlines()[0] == "# ipcheck 核查报告：标题\\<script\\>alert\\(1\\)\\</script\\>\\[x\\]\\(javascript:alert\\(1\\)\\)"
    assert "\\[x\\]\\(**javascript**:**alert**\\(1\\)\\)" in md          # the quoted sentence


def test_markdown_code_spans_cannot_be_broken_out_of(tmp_path: Path) -> None:
    """The summary path is shown in a code span: a backtick in the file name must not end it."""
    evil = "`<img src=x onerror=alert(1)>``"
    name = tmp_path / f"a{evil}.txt"
    name.write_bytes(XSS.read_bytes())
    md = render(check(load_plan(PLAN), read_document(name)), "markdown")
    line = next(ln for ln in md.splitlines() if "总结" in ln and "alert" in ln)
    spans = re.findall(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", line)
    assert any(evil in body for _, body in spans), line          # inside one code span


def test_terminal_and_json_quote_as_written(hostile_report) -> None:
    import json
    data = json.loads(render(hostile_report, "json"))
    assert data["plan"]["title"].startswith("标题<script>")        # JSON keeps the data, escaped by JSON
    assert SCRIPT in render(hostile_report, "text")


def test_templates_are_strict_and_html_autoescapes() -> None:
    html_env, md_env = _environment(True), _environment(False)
    assert html_env.autoescape is True or (callable(html_env.autoescape) and html_env.autoescape("x.html"))
    for env in (html_env, md_env):
        assert env.undefined is jinja2.StrictUndefined
        with pytest.raises(jinja2.UndefinedError):
            env.from_string("{{ missing }}").render()
        with pytest.raises(jinja2.UndefinedError):
            env.from_string("{{ plan.nope }}").render(plan={})
    assert html_env.from_string("{{ x }}").render(x=SCRIPT) == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_a_template_with_a_missing_variable_fails_loudly(hostile_report, monkeypatch) -> None:
    import ipcheck.report.template as t
    real = t._context
    monkeypatch.setattr(t, "_context", lambda report, lang="zh-CN": {k: v for k, v in real(report, lang).items() if k != "plan"})
    for fmt in ("html", "markdown"):
        with pytest.raises(jinja2.UndefinedError):
            render(hostile_report, fmt)


# ------------------------------------------------------------------ safe YAML only

def test_only_safe_yaml_loading() -> None:
    bad = re.compile(r"yaml\.(?:load|load_all|unsafe_load|full_load)\s*\(|yaml\.(?:Loader|UnsafeLoader|FullLoader)\b"
                     r"|\bUnsafeLoader\b|\bFullLoader\b")
    found = []
    for path in (ROOT / "ipcheck").rglob("*.py"):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if bad.search(line):
                found.append(f"{path.relative_to(ROOT)}:{i}: {line.strip()}")
    assert found == []


def test_python_tags_are_refused_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    plan = tmp_path / "p.yaml"
    plan.write_text(f"version: 1\nplan:\n  id: x\n  title: !!python/object/apply:os.system ['touch {marker}']\n"
                    "  region: r\ntasks:\n  - id: '1'\n    title: t\n", encoding="utf-8")
    result = CliRunner(env=EN).invoke(main, ["check", str(plan), str(SUMMARY)])
    assert result.exit_code == 2 and "unsupported YAML tag" in result.output
    assert not marker.exists()


# ------------------------------------------------------------------ determinism

def test_byte_identical_reports_across_processes(tmp_path: Path) -> None:
    """Two processes, different working folders and hash seeds, the same absolute paths: the same
    bytes in every format (no timestamps, no set or dict ordering leaks)."""
    outs = []
    for run, seed in (("a", "1"), ("b", "4242")):
        cwd = tmp_path / run
        cwd.mkdir()
        files = {}
        for fmt, ext in (("json", "json"), ("markdown", "md"), ("html", "html")):
            target = tmp_path / f"{run}.{ext}"
            env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
            p = subprocess.run([sys.executable, "-m", "ipcheck", "check", str(PLAN), str(SUMMARY),
                                "--format", fmt, "-o", str(target)], cwd=cwd, env=env,
                               capture_output=True, text=True, check=False, timeout=120)
            assert p.returncode in (0, 1), p.stderr
            files[fmt] = target.read_bytes()
        outs.append(files)
    assert outs[0] == outs[1]
    assert not re.search(rb"20\d\d-\d\d-\d\dT\d\d:\d\d", outs[0]["json"] + outs[0]["html"] + outs[0]["markdown"])


# ------------------------------------------------------------------ the terminal report

def test_terminal_report_shows_control_characters_instead_of_sending_them(tmp_path: Path) -> None:
    """A quoted sentence with ESC sequences (clear screen, set window title) must not reach the
    terminal as escape codes; the characters are shown as Control Pictures (␛)."""
    summary = tmp_path / "esc.txt"
    summary.write_text("2015年绵竹市知识产权工作总结\n一、主要成绩\n"
                       "全年专利申请量为537件\x1b[2J\x1b]0;pwned\x07,同比增长26%。\n", encoding="utf-8")
    for color in ("--no-color", "--color"):
        result = CliRunner(env=EN).invoke(main, ["check", str(PLAN), str(summary), color])
        assert result.exit_code in (0, 1), result.output
        assert "\x1b[2J" not in result.output and "\x1b]0;" not in result.output and "\x07" not in result.output
        assert "␛[2J␛]0;pwned␇" in result.output


def test_terminal_report_does_not_read_markup_in_ids_or_paths(tmp_path: Path) -> None:
    """A task id "[/x]" made rich raise MarkupError (exit 3, 'internal error'); a path with
    [bold] or [link=…] would have been styled or linked."""
    plan = tmp_path / "p.yaml"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace("  - id: T1\n", '  - id: "[/x]"\n', 1),
                    encoding="utf-8")
    folder = tmp_path / "[link=https:" / "example.com]a[" / "x]["
    folder.mkdir(parents=True)
    summary = folder / "link].txt"            # the path reads …/[link=https:/example.com]a[/x][/link].txt
    summary.write_bytes(SUMMARY.read_bytes())
    for color in ("--no-color", "--color"):
        result = CliRunner(env=EN).invoke(main, ["check", str(plan), str(summary), color])
        assert result.exit_code in (0, 1), result.output
        assert "[/x]" in result.output and "[link=https:/example.com]a[/x][/link].txt" in result.output
        assert "\x1b]8;" not in result.output           # no hyperlink escape


def test_several_outputs_one_of_them_an_input_write_nothing(tmp_path: Path) -> None:
    plan, summary = tmp_path / "p.yaml", tmp_path / "s.txt"
    plan.write_bytes((SAMPLES / "plans" / "mianzhu-2015.yaml").read_bytes())
    summary.write_bytes((SAMPLES / "summaries" / "2015" / "mianzhu-2015.txt").read_bytes())
    before = summary.read_bytes()
    report = tmp_path / "report.html"
    result = CliRunner(env=EN).invoke(main, ["check", str(plan), str(summary), "-o", str(report), "-o", str(summary)])
    assert result.exit_code == 2 and "refusing to write the report over an input file" in result.stderr
    assert not report.exists() and summary.read_bytes() == before
