"""Review decisions (ipcheck.reviews, `ipcheck review`): recorded, applied on re-runs, flagged
stale when the summary or the plan item changed, refused with one line when wrong."""
from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from ipcheck import reviews
from ipcheck.batch import run_batch
from ipcheck.cli import main
from ipcheck.errors import IpcheckError
from ipcheck.plans.loader import load_plan, parse_plan

ROOT = Path(__file__).resolve().parent.parent
DATE = "2026-01-31T09:30:00Z"
UNREPORTED = ("5", "6", "7", "8", "9")          # the tool's unreported items of 绵竹 2015
ONE_LINE = re.compile(r"ipcheck: [^\n]+\n\Z")


@pytest.fixture()
def pair(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """A copy of the 绵竹 2015 pair in tmp_path (plans/, summaries/), run from there."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "summaries").mkdir()
    plan = tmp_path / "plans" / "mianzhu-2015.yaml"
    summary = tmp_path / "summaries" / "mianzhu-2015.txt"
    shutil.copy(ROOT / "plans" / "mianzhu-2015.yaml", plan)
    shutil.copy(ROOT / "summaries" / "2015" / "mianzhu-2015.txt", summary)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IPCHECK_REVIEWER", "王审核")
    monkeypatch.setattr(reviews, "now", lambda: DATE)
    return Path("plans/mianzhu-2015.yaml"), Path("summaries/mianzhu-2015.txt")


def cli(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def review(pair, item: str, status: str = "met", reason: str = "第15行写明已培育驰名商标", *extra: object):
    plan, summary = pair
    return cli("review", item, "--plan", plan, "--summary", summary, "--status", status, "--reason", reason, *extra)


def check_json(pair, *extra: object) -> tuple[dict, int, str]:
    result = cli("check", *pair, "--format", "json", *extra)
    return json.loads(result.stdout), result.exit_code, result.stdout


def item(report: dict, ident: str) -> dict:
    return next(i for i in report["items"] if i["id"] == ident)


def test_a_decision_is_recorded_beside_the_plan_and_applied(pair) -> None:
    before, code_before, _ = check_json(pair)
    assert item(before, "5")["status"] == "unreported" and code_before == 1
    result = review(pair, "5")
    assert result.exit_code == 0
    assert result.stdout == ("recorded 5 met (tool: unreported) by 王审核 for ../summaries/mianzhu-2015.txt "
                             "in plans/mianzhu-2015.reviews.yaml\n")
    after, _, _ = check_json(pair)
    got = item(after, "5")
    assert (got["status"], got["tool_status"], got["needs_review"]) == ("met", "unreported", False)
    assert got["review"] == {"status": "met", "reason": "第15行写明已培育驰名商标", "by": "王审核", "date": DATE,
                             "applied": True, "stale": None, "reviewed_tool_status": "unreported"}
    assert after["counts"]["met"] == before["counts"]["met"] + 1
    assert after["counts"]["unreported"] == before["counts"]["unreported"] - 1
    assert item(after, "6")["review"] is None and item(after, "6")["tool_status"] == "unreported"


def test_the_exit_status_follows_the_decided_statuses(pair) -> None:
    for ident in UNREPORTED:
        assert review(pair, ident, "met", f"checked {ident} by hand").exit_code == 0
    report, code, _ = check_json(pair)
    assert report["counts"]["unreported"] == 0 and code == 0
    _, code, _ = check_json(pair, "--no-reviews")
    assert code == 1
    assert review(pair, "T1", "missed", "537件 counts the previous year").exit_code == 0
    report, code, _ = check_json(pair)
    assert item(report, "T1")["status"] == "missed" and code == 1


def test_a_decision_survives_a_rerun_byte_identically(pair) -> None:
    review(pair, "5")
    first, second = check_json(pair)[2], check_json(pair)[2]
    assert first == second
    text = Path("plans/mianzhu-2015.reviews.yaml").read_text(encoding="utf-8")
    review(pair, "5")                              # the same decision again: one decision, same bytes
    assert Path("plans/mianzhu-2015.reviews.yaml").read_text(encoding="utf-8") == text
    assert text.count("- item:") == 1 and "version: 2\n" in text


def test_a_new_decision_replaces_the_old_one_and_clear_removes_it(pair) -> None:
    review(pair, "5", "met")
    review(pair, "5", "missed", "only planned")
    decisions = reviews.load("plans/mianzhu-2015.reviews.yaml")
    assert [(d.item, d.status.value, d.reason) for d in decisions] == [("5", "missed", "only planned")]
    plan, summary = pair
    result = cli("review", "5", "--plan", plan, "--summary", summary, "--clear")
    assert result.exit_code == 0 and reviews.load("plans/mianzhu-2015.reviews.yaml") == ()
    assert item(check_json(pair)[0], "5")["review"] is None


def _edit_plan(text: str) -> str:
    return text.replace("keywords: [商标战略, 驰名商标, 著名商标, 名牌战略, 品牌]", "keywords: [商标战略, 驰名商标]")


def _move_item(text: str) -> str:
    block = re.search(r'  - id: "5"\n(?:    .*\n)+', text).group(0)
    return text.replace(block, "") + block


# Item 5's evidence (line 15), as a staffer might reword it: the decision was made on this sentence.
EVIDENCE_BEFORE, EVIDENCE_AFTER = "加大对商标注册和驰(著)名商标", "加强对商标注册和驰(著)名商标"


def _edit_evidence(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(EVIDENCE_BEFORE) == 1
    path.write_text(text.replace(EVIDENCE_BEFORE, EVIDENCE_AFTER), encoding="utf-8")


def _reencode(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))


# (what is done to the pair after the decision, whether it still applies, the stale code)
CHANGES = {
    # a decision is tied to the evidence it was made on, not to the whole file (issue #14.5)
    "summary line appended": ("summary", lambda p: p.write_text(p.read_text(encoding="utf-8") + "补充说明。\n",
                                                                 encoding="utf-8"), ""),
    "a typo fixed elsewhere": ("summary", lambda p: p.write_text(p.read_text(encoding="utf-8").replace(
        "取得了较明显的成效", "取得了明显的成效"), encoding="utf-8"), ""),
    "the evidence sentence edited": ("summary", _edit_evidence, "evidence_changed"),
    "summary re-encoded as GB18030": ("summary", _reencode, ""),
    "summary with CRLF newlines": ("summary", lambda p: p.write_bytes(p.read_bytes().replace(b"\n", b"\r\n")), ""),
    "plan item edited": ("plan", lambda p: p.write_text(_edit_plan(p.read_text(encoding="utf-8")),
                                                          encoding="utf-8"), "item_changed"),
    "plan item moved": ("plan", lambda p: p.write_text(_move_item(p.read_text(encoding="utf-8")),
                                                         encoding="utf-8"), ""),
    "another item edited": ("plan", lambda p: p.write_text(p.read_text(encoding="utf-8").replace(
        "title: 推动实施标准化", "title: 推动实施标准化战略"), encoding="utf-8"), ""),
}


@pytest.mark.parametrize("name", CHANGES)
def test_a_changed_document_makes_the_decision_stale(pair, name: str) -> None:
    which, change, stale = CHANGES[name]
    assert review(pair, "5").exit_code == 0
    change(pair[0] if which == "plan" else pair[1])
    report, _, _ = check_json(pair)
    got = item(report, "5")
    if stale:
        assert got["status"] == got["tool_status"] and got["needs_review"] is True
        assert got["review"]["applied"] is False and got["review"]["stale"] == stale
        assert any(w.startswith("review_stale:") for w in got["warnings"])
    else:
        assert (got["status"], got["needs_review"], got["review"]["applied"]) == ("met", False, True)
        assert not any(w.startswith("review_stale:") for w in got["warnings"])
    plan, summary = pair
    listing = cli("review", "--list", "--plan", plan, "--summary", summary).stdout
    assert (f"stale ({stale})" if stale else "\tapplied\t") in listing


def test_a_decision_on_an_item_no_longer_in_the_plan_is_a_warning(pair) -> None:
    review(pair, "5")
    plan = pair[0]
    plan.write_text(re.sub(r'  - id: "5"\n(?:    .*\n)+', "", plan.read_text(encoding="utf-8")), encoding="utf-8")
    report, _, _ = check_json(pair)
    assert any(w.startswith("review_orphan:") and "5" in w for w in report["warnings"])


def test_a_decision_is_for_its_own_summary_only(pair, tmp_path: Path) -> None:
    review(pair, "5")
    other = tmp_path / "summaries" / "other.txt"
    shutil.copy(pair[1], other)
    report, _, _ = check_json((pair[0], "summaries/other.txt"))
    assert item(report, "5")["review"] is None and item(report, "5")["status"] == "unreported"


def test_reviews_file_options(pair, tmp_path: Path) -> None:
    elsewhere = tmp_path / "mine.reviews.yaml"
    assert review(pair, "5", "met", "checked", "--reviews", elsewhere).exit_code == 0
    assert elsewhere.is_file() and not Path("plans/mianzhu-2015.reviews.yaml").exists()
    assert item(check_json(pair)[0], "5")["status"] == "unreported"
    assert item(check_json(pair, "--reviews", elsewhere)[0], "5")["status"] == "met"
    review(pair, "5")
    assert item(check_json(pair, "--no-reviews")[0], "5")["review"] is None
    result = cli("check", *pair, "--reviews", tmp_path / "missing.yaml")
    assert result.exit_code == 2 and ONE_LINE.fullmatch(result.stderr) and "reviews file not found" in result.stderr


def test_the_reviewer_defaults_to_the_environment_then_by(pair, monkeypatch) -> None:
    review(pair, "5", "met", "x", "--by", "李四")
    assert reviews.load("plans/mianzhu-2015.reviews.yaml")[0].by == "李四"
    monkeypatch.delenv("IPCHECK_REVIEWER")
    monkeypatch.setattr("getpass.getuser", lambda: "officer")
    review(pair, "5")
    assert reviews.load("plans/mianzhu-2015.reviews.yaml")[0].by == "officer"


REFUSED = {
    "unknown item": (("T9",), "no item 'T9' in the plan (did you mean 9, T3, T2?)"),
    "bad status": (("5", "done"), "unknown status 'done'"),
    "missing reason": (("5", "met", "   "), "a decision needs a reason"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_bad_review_commands_are_one_line_and_exit_2(pair, name: str) -> None:
    args, message = REFUSED[name]
    result = review(pair, *args)
    assert result.exit_code == 2 and ONE_LINE.fullmatch(result.stderr), result.stderr
    assert message in result.stderr and not Path("plans/mianzhu-2015.reviews.yaml").exists()


GOOD = {"item": "5", "summary": "mianzhu-2015.txt", "status": "met", "reason": "x", "by": "a", "date": DATE,
        "tool_status": "unreported", "summary_sha256": "a" * 64, "item_sha256": "b" * 64}


def _file(**changes: object) -> str:
    decision = {**GOOD, **changes}
    lines = "".join(f"  {k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in decision.items() if v is not None)
    return "version: 1\ndecisions:\n- " + lines[2:]


# (reviews file text, the line named, words of the message)
CORRUPT = {
    "YAML syntax": ("version: 1\ndecisions: [\n", 3, "YAML syntax error"),
    "bad status": (_file(status="done"), 5, "unknown status 'done'"),
    "missing field": (_file(reason=None), 3, "missing required field 'reason'"),
    "short hash": (_file(item_sha256="abc"), 11, "64 lowercase hex"),
    "bad date": (_file(date="yesterday"), 8, "UTC time"),
    "unknown version": (_file().replace("version: 1", "version: 3"), 1, "unsupported version 3"),
    "alias": ("version: 1\ndecisions: &d []\nother: *d\n", 3, "aliases are not allowed"),
    "not a mapping": ("- 1\n", 1, "must be a mapping"),
    "duplicate": (_file() + _file()[len("version: 1\ndecisions:\n"):], 12, "duplicate decision on 5"),
}


@pytest.mark.parametrize("name", CORRUPT)
def test_a_corrupt_reviews_file_is_refused_with_its_line(pair, name: str) -> None:
    text, line, words = CORRUPT[name]
    Path("plans/mianzhu-2015.reviews.yaml").write_text(text, encoding="utf-8")
    result = cli("check", *pair, "--format", "json")
    assert result.exit_code == 2 and result.stdout == ""
    assert ONE_LINE.fullmatch(result.stderr), result.stderr
    assert result.stderr.startswith(f"ipcheck: plans/mianzhu-2015.reviews.yaml:{line}: ") and words in result.stderr


def test_an_unquoted_timestamp_written_by_hand_is_read() -> None:
    (d,) = reviews.parse(_file().replace(f'"{DATE}"', "2026-01-31 09:30:00Z"), "r.yaml")
    assert d.date == DATE


def test_the_reviews_file_is_never_half_written(pair, monkeypatch) -> None:
    review(pair, "5")
    path = Path("plans/mianzhu-2015.reviews.yaml")
    before = path.read_bytes()

    def boom(*_args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        reviews.save(str(path), [replace(reviews.load(str(path))[0], reason="changed")])
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_the_reviews_file_is_never_written_over_an_input(pair) -> None:
    plan, summary = pair
    original = summary.read_bytes()
    result = review(pair, "5", "met", "x", "--reviews", summary)     # not a reviews file: refused
    assert result.exit_code == 2 and ONE_LINE.fullmatch(result.stderr)
    with pytest.raises(IpcheckError, match="over an input"):
        reviews.save(str(summary), [], inputs=(str(plan), str(summary)))
    assert summary.read_bytes() == original


ITEM_FIELDS = """version: 1
plan: {id: p, title: t, region: 绵竹市}
targets:
  - {id: T1, metric: 专利申请量, measure: level, op: ">=", value: VALUE, unit: 件, due: 2015}
"""


@pytest.mark.parametrize("value, same", [("370", True), ("370.0", True), ("371", False)])
def test_item_fingerprints_ignore_lines_and_number_spelling(value: str, same: bool) -> None:
    base = parse_plan(ITEM_FIELDS.replace("VALUE", "370")).targets[0]
    other = parse_plan("\n\n# moved\n" + ITEM_FIELDS.replace("VALUE", value)).targets[0]
    assert other.line != base.line
    assert (reviews.item_fingerprint(other) == reviews.item_fingerprint(base)) is same


@pytest.mark.parametrize("plan_path, expected", [
    ("plans/mianzhu-2015.yaml", "plans/mianzhu-2015.reviews.yaml"),
    ("a/b.YML", "a/b.reviews.yaml"),
    ("plan", "plan.reviews.yaml"),
])
def test_the_reviews_file_sits_beside_the_plan(plan_path: str, expected: str) -> None:
    assert reviews.default_path(plan_path) == expected
    assert reviews.is_reviews_file(expected)


def test_batch_applies_reviews_and_does_not_take_them_for_plans(pair) -> None:
    review(pair, "5")
    with_reviews = run_batch("plans", "summaries", jobs=1)
    without = run_batch("plans", "summaries", jobs=1, reviews=False)
    assert [r["plan"] for r in with_reviews.rows] == ["plans/mianzhu-2015.yaml"]
    assert all("reviews" not in s.path for s in with_reviews.skipped)
    assert with_reviews.rows[0]["counts"]["met"] == without.rows[0]["counts"]["met"] + 1
    result = cli("check", "plans", "summaries", "--jobs", "1", "--no-reviews")
    assert result.exit_code == 1
    Path("plans/mianzhu-2015.reviews.yaml").write_text("version: 1\ndecisions: 3\n", encoding="utf-8")
    failed = run_batch("plans", "summaries", jobs=1)
    assert failed.rows[0]["status"] == "failed" and "reviews.yaml:2:" in failed.rows[0]["error"]
    assert failed.exit_status == 2
    result = cli("check", "plans", "summaries", "--reviews", "x.yaml")
    assert result.exit_code == 2


def test_list_shows_every_decision_and_its_state(pair) -> None:
    plan, summary = pair
    assert cli("review", "--list", "--plan", plan).stdout == "no review decisions\n"
    review(pair, "5")
    review(pair, "T1", "met", "ok")
    out = cli("review", "--list", "--plan", plan, "--summary", summary).stdout.splitlines()
    assert [line.split("\t")[:4] for line in out] == [
        ["5", "../summaries/mianzhu-2015.txt", "met (tool then: unreported)", "applied"],
        ["T1", "../summaries/mianzhu-2015.txt", "met (tool then: met)", "applied"]]


def test_apply_is_a_pure_function_of_its_inputs(pair) -> None:
    from ipcheck.check import Settings, check
    from ipcheck.inputs.documents import read_document
    plan, document = load_plan(pair[0]), read_document(pair[1])
    decision = reviews.Decision("7", "summaries/mianzhu-2015.txt", reviews.Status.MET, "r", "b", DATE, reviews.Status.UNREPORTED,
                                reviews.summary_fingerprint(document), reviews.item_fingerprint(plan.tasks[6]))
    report = check(plan, document, Settings(reviews=(decision,)))
    assert report == reviews.apply(check(plan, document), (decision,), plan, document)
    assert report.counts["met"] == check(plan, document).counts["met"] + 1
    with pytest.raises(IpcheckError):
        reviews.load("no/such/file.yaml")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_stale_decision_is_said_once_in_the_report_language(pair, fmt: str) -> None:
    assert review(pair, "5").exit_code == 0
    _edit_evidence(pair[1])
    shown = cli("check", *pair, "--format", fmt).stdout
    assert shown.count("复核决定未采用") == 1 and "review_stale" not in shown
    assert "第15行写明已培育驰名商标" in shown and "王审核" in shown
    english = cli("check", *pair, "--format", fmt, "--lang", "en").stdout
    assert "review_stale" not in english and "第15行写明已培育驰名商标" in english


def test_spreadsheets_show_the_tool_verdict_and_the_decision(pair, tmp_path: Path) -> None:
    import csv
    import io

    from ipcheck.report.csv_report import COLUMNS
    assert review(pair, "5").exit_code == 0
    rows = list(csv.reader(io.StringIO(cli("check", *pair, "--format", "csv").stdout.lstrip("\ufeff"))))
    row = next(r for r in rows[1:] if r[COLUMNS.index("id")] == "5")
    assert (row[COLUMNS.index("status")], row[COLUMNS.index("tool_status")]) == ("已完成", "未报告")
    assert row[COLUMNS.index("review")] == "王审核于 2026-01-31T09:30:00Z 认定为已完成：第15行写明已培育驰名商标"
    _edit_evidence(pair[1])
    rows = list(csv.reader(io.StringIO(cli("check", *pair, "--format", "csv", "--lang", "en").stdout.lstrip("\ufeff"))))
    row = next(r for r in rows[1:] if r[COLUMNS.index("id")] == "5")
    assert (row[COLUMNS.index("status")], row[COLUMNS.index("tool_status")]) == ("unreported", "unreported")
    assert row[COLUMNS.index("review")].endswith(
        "(not applied: the sentence or figure it was made on changed after the review)")
    untouched = next(r for r in rows[1:] if r[COLUMNS.index("id")] == "6")
    assert untouched[COLUMNS.index("review")] == ""


def test_explain_shows_the_decision_beside_the_tools_verdict(pair) -> None:
    assert review(pair, "5").exit_code == 0
    explained = json.loads(cli("explain", *pair, "5", "--format", "json").stdout)
    assert explained["verdict"]["status"] == "unreported"           # the tool's own verdict, explained
    assert explained["review"] == {"status": "met", "reason": "第15行写明已培育驰名商标", "by": "王审核",
                                   "date": DATE, "applied": True, "stale": None,
                                   "reviewed_tool_status": "unreported"}
    assert json.loads(cli("explain", *pair, "6", "--format", "json").stdout)["review"] is None
    _edit_evidence(pair[1])
    text = cli("explain", *pair, "5").stdout
    assert "复核认定为已完成" in text and text.count("复核决定未采用") == 1


def test_summaries_sharing_a_file_name_keep_their_own_decisions(pair, tmp_path: Path) -> None:
    """A province kept as <city>/<year>/summary.txt: same names, different summaries."""
    plan, summary = pair
    other = Path("summaries/2016/mianzhu-2015.txt")
    other.parent.mkdir()
    other.write_bytes(summary.read_bytes())
    assert review(pair, "5").exit_code == 0                 # decided for summaries/mianzhu-2015.txt
    first, _, _ = check_json(pair)
    second = json.loads(cli("check", plan, other, "--format", "json").stdout)
    assert item(first, "5")["review"]["applied"] is True
    assert item(second, "5")["review"] is None and item(second, "5")["status"] == "unreported"
    text = Path("plans/mianzhu-2015.reviews.yaml").read_text(encoding="utf-8")
    assert "summary: ../summaries/mianzhu-2015.txt" in text
    moved = tmp_path.parent / (tmp_path.name + "-moved")      # the whole repository moved: still applies
    shutil.copytree(tmp_path, moved)
    os.chdir(moved)
    again = json.loads(cli("check", plan, summary, "--format", "json").stdout)
    assert item(again, "5")["review"]["applied"] is True
