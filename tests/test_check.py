"""check(): the orchestration's own rules (year given against the title, scope, reviews are
tested in their modules)."""
from __future__ import annotations

from pathlib import Path

import pytest

from ipcheck.check import Settings, check
from ipcheck.inputs.documents import read_document
from ipcheck.model import Status
from ipcheck.plans.loader import load_plan

from samples import SAMPLES  # a pristine copy of the samples (tests/samples.py)

ROOT = Path(__file__).resolve().parent.parent
PLAN = SAMPLES / "plans" / "luzhou-2016.yaml"
SUMMARY = SAMPLES / "summaries" / "2015" / "luzhou-2015.txt"      # titled 2015年泸州市…工作总结


def _report(year: int | None):
    return check(load_plan(str(PLAN)), read_document(str(SUMMARY)), Settings(year=year))


@pytest.mark.parametrize("year", [None, 2015])
def test_the_title_year_or_the_same_year_given_raises_no_warning(year: int | None) -> None:
    report = _report(year)
    assert report.summary_year == 2015
    assert not any(w.startswith("year_mismatch") for w in report.warnings)


def test_a_year_against_the_title_flags_every_decided_verdict() -> None:
    report = _report(2016)
    assert report.summary_year == 2016
    assert any(w.startswith("year_mismatch: the summary's title says 2015") for w in report.warnings)
    decided = [v for v in report.verdicts if v.status in (Status.MET, Status.MISSED)]
    assert decided, "the 2015 results still decide some 2016 items"
    for v in decided:
        assert v.needs_review and any(w.startswith("year_mismatch") for w in v.warnings), v.item_id
    assert report.counts["needs_review"] >= len(decided)


def test_thresholds_other_than_the_defaults_are_stated_in_the_report() -> None:
    from ipcheck.verdicts.decide import Thresholds
    plan, doc = load_plan(str(PLAN)), read_document(str(SUMMARY))
    assert not any(w.startswith("thresholds") for w in check(plan, doc).warnings)
    changed = check(plan, doc, Settings(thresholds=Thresholds(task_met=0.7, evidence_limit=1))).warnings
    assert "thresholds: task_met 0.7 (default 0.6), evidence_limit 1 (default 3)" in changed
