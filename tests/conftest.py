"""Test-wide settings: property tests replay a fixed sequence of examples, so the suite gives
the same result on every machine and every run (the brief's determinism, and CI that lands or
not for a reason). HYPOTHESIS_EXPLORE=1 explores new examples instead; a failure found that
way is kept in the tests as an explicit case.

The suite ignores on purpose what a user's shell may hold: IPCHECK_* settings, NO_COLOR,
FORCE_COLOR, COLUMNS and LINES are removed from the environment before any test runs (a test
that wants one sets it), and the samples are read from a pristine copy (tests/samples.py)."""
from __future__ import annotations

import os

import pytest
from hypothesis import settings

from samples import SAMPLES

settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile("explore" if os.environ.get("HYPOTHESIS_EXPLORE") else "repeatable")

KEPT = frozenset({"IPCHECK_SLOW"})                   # the suite's own switch, not a setting
SCRUBBED = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLUMNS", "LINES")


def pytest_configure(config) -> None:
    """Remove the user's ipcheck and terminal settings from this process's environment."""
    for name in list(os.environ):
        if (name.startswith("IPCHECK_") and name not in KEPT) or name in SCRUBBED:
            del os.environ[name]


@pytest.fixture(autouse=True)
def _in_the_samples(monkeypatch) -> None:
    """Every test starts in the pristine copy, never in the folder pytest was started from
    (where a user's ipcheck.toml would be found); a test may chdir elsewhere."""
    monkeypatch.chdir(SAMPLES)
