"""Every sample pair gives the verdicts an assessor checked by hand (tests/cases/*/case.yaml).

The check runs as a user runs it: the summary's year is read from the document, not given.
A tool verdict of "met" must always be an expected "met": no false met, ever.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from ipcheck.check import check
from ipcheck.inputs.documents import read_document
from ipcheck.plans.loader import load_plan

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases").glob("*/case.yaml"))


@lru_cache(maxsize=None)
def _run(case_path: Path):
    case = yaml.safe_load(case_path.read_text(encoding="utf-8"))
    plan = load_plan(SAMPLES / case["plan"])
    report = check(plan, read_document(SAMPLES / case["summary"]))
    return case, plan, report


ITEMS = [(c, item) for c in CASES for item in yaml.safe_load(c.read_text(encoding="utf-8"))["items"]]


@pytest.mark.parametrize("case_path", CASES, ids=[c.parent.name for c in CASES])
def test_case_covers_every_plan_item_and_reads_the_year(case_path: Path) -> None:
    case, plan, report = _run(case_path)
    ids = {t.id for t in plan.targets} | {t.id for t in plan.tasks}
    assert set(map(str, case["items"])) == ids
    assert report.summary_year == case["year"]


@pytest.mark.parametrize("case_path,item", ITEMS, ids=[f"{c.parent.name}:{i}" for c, i in ITEMS])
def test_verdict_matches_hand_check(case_path: Path, item: str) -> None:
    case, _, report = _run(case_path)
    want = case["items"][item]
    got = next(v for v in report.verdicts if v.item_id == str(item))
    detail = f"got {got.status.value} ({got.reason}: {got.message}); expected {want['status']}: {want.get('note', '')}"
    allowed = {want["status"], *want.get("tolerate", ())}
    assert "met" not in want.get("tolerate", ()), "a case may never tolerate met"
    assert got.status.value in allowed, detail
    if got.status.value == "met":
        assert want["status"] == "met", "false met: " + detail
        assert got.needs_review is bool(want.get("needs_review")), detail
        if "line" in want:
            spanned = {e.line + k for e in got.evidence for k in range(e.text.count("\n") + 1)}
            assert {want["line"], *want.get("also_lines", ())} & spanned, detail
    elif got.status.value != want["status"]:
        assert got.needs_review, "a more conservative verdict must be flagged for review: " + detail
