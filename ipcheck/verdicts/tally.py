"""Tallies of verdicts: items per status and how many need review."""
from __future__ import annotations

from collections import Counter

from ipcheck.model import Status, Verdict


def count(verdicts: tuple[Verdict, ...]) -> dict[str, int]:
    """Items per status, every status present, plus how many need review."""
    c = Counter(v.status.value for v in verdicts)
    counts = {s.value: c.get(s.value, 0) for s in Status}
    counts["needs_review"] = sum(1 for v in verdicts if v.needs_review)
    counts["total"] = len(verdicts)
    return counts
