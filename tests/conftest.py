"""Test-wide settings: property tests replay a fixed sequence of examples, so the suite gives
the same result on every machine and every run (the brief's determinism, and CI that lands or
not for a reason). HYPOTHESIS_EXPLORE=1 explores new examples instead; a failure found that
way is kept in the tests as an explicit case."""
from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile("explore" if os.environ.get("HYPOTHESIS_EXPLORE") else "repeatable")
