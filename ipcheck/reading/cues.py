"""Words that change what a sentence proves: intentions, negations, other years.

Chinese official writing states plans, forecasts and failures with a handful of markers; a
sentence that carries one cannot show an item done, whatever section it sits in. The markers are
data (ipcheck/lang/zh/cues.yaml: groups intention, negation, done; ZH-YEAR-*, ZH-INTENT-009/010,
ZH-GOAL-001/002, ZH-DONE-009); this module is the engine that applies them.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ipcheck.lang.registry import load

_R = load()
# Intentions and forecasts: the work is announced, not done (ZH-INTENT-001..008).
_INTENTION = _R.group_regex("intention")
# Negations that say the work was not done (ZH-NEG-001, ZH-NEG-002).
_NEGATION = _R.group_regex("negation")

_YEAR = _R.regex("ZH-YEAR-001")
# Words after which a year is the base of a comparison (比2014年增加), not the year reported.
COMPARISON_WORDS = "|".join(re.escape(w) for w in _R.words("ZH-YEAR-002"))
# ... and, for the year a sentence reports on, words that start a period (自2014年, 截至2015年).
_BASE_BEFORE = _R.regex("ZH-YEAR-003")
# A span that starts at the year (2014年以来, 2014年至2015年).
_SPAN_AFTER = _R.words("ZH-YEAR-004")
_SPAN_REACH = 3


def is_intention(text: str) -> bool:
    """True when ``text`` announces or forecasts work rather than reporting it."""
    return _INTENTION.search(text) is not None


def is_negated(text: str) -> bool:
    """True when ``text`` says something was not done."""
    return _NEGATION.search(text) is not None


# Work under way or an early step of it done (正在建设中, 完成招标, 获批筹建: ZH-INTENT-015, -016, -025).
_UNDER_WAY = re.compile("|".join(f"(?:{_R.regex(c).pattern})"
                                 for c in ("ZH-INTENT-015", "ZH-INTENT-016", "ZH-INTENT-025")))


def is_under_way(text: str) -> bool:
    """True when ``text`` says work is under way or only an early step of it is done: not done yet."""
    return _UNDER_WAY.search(text) is not None


def stated_year(text: str) -> int | None:
    """The last year ``text`` says it reports on (base years after 比/较 and spans are ignored)."""
    found = None
    for m in _YEAR.finditer(text):
        if _BASE_BEFORE.search(text[max(0, m.start() - 4):m.start()]):
            continue
        if text[m.end():m.end() + _SPAN_REACH].startswith(_SPAN_AFTER):
            continue
        found = int(m.group(1))
    return found

# Markers strong enough to govern the rest of the sentence after them (ZH-INTENT-009).
_STRONG = _R.regex("ZH-INTENT-009")
# Goal statements that govern the figures after them (ZH-GOAL-001).
_GOAL = _R.regex("ZH-GOAL-001")


def is_strong_intention(prefix: str) -> bool:
    """True when the text before a clause announces that what follows is planned."""
    return _STRONG.search(prefix) is not None


def is_goal(prefix: str) -> bool:
    """True when the text before a figure states a goal, so the figure is a target, not an actual."""
    return _GOAL.search(prefix) is not None


@lru_cache(maxsize=128)
def _shortest_prefix(pattern: re.Pattern[str], text: str) -> int | None:
    """Length of the shortest prefix of ``text`` in which ``pattern`` finds a match, or None.

    For patterns without lookbehinds or negative lookaheads (_STRONG, _GOAL) a match in a
    prefix stays a match in every longer prefix, so ``pattern.search(text[:n])`` is
    ``n >= _shortest_prefix(...)``: one bisection per sentence instead of a rescan of the
    prefix for every clause, which made a long sentence quadratic.
    """
    if pattern.search(text) is None:
        return None
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi) // 2
        if pattern.search(text, 0, mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def strong_intention_before(text: str, end: int) -> bool:
    """``is_strong_intention(text[:end])``, in O(1) after the first call on ``text``."""
    n = _shortest_prefix(_STRONG, text)
    return n is not None and n <= end


# Goals named after their figures (为实现…的目标, 以…为目标, …作为约束性指标: ZH-GOAL-002), and a goal-setting verb's
# list (明确…达到12件、…5万件: ZH-GOAL-003).
_GOAL_AROUND = (_R.regex("ZH-GOAL-002"), _R.regex("ZH-GOAL-003"))


@lru_cache(maxsize=128)
def _goal_bodies(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``text`` that ZH-GOAL-002 and -003 name as a goal's (their ``body`` groups)."""
    return tuple(m.span(g) for pattern in _GOAL_AROUND for m in pattern.finditer(text)
                 for g, v in m.groupdict().items() if g.startswith("body") and v is not None)


def goal_around(text: str, start: int, end: int) -> bool:
    """True when the figure at [start, end) of ``text`` lies inside a goal named after it."""
    return any(a <= start and end <= b for a, b in _goal_bodies(text))


def goal_before(text: str, end: int) -> bool:
    """``is_goal(text[:end])``, in O(1) after the first call on ``text``."""
    n = _shortest_prefix(_GOAL, text)
    return n is not None and n <= end

# A clause that a following clause deploys or arranges is the content of a plan (ZH-INTENT-010).
_PLANNED_BY_NEXT = _R.regex("ZH-INTENT-010")
# A verb in the perfective: the clause reports an event, whatever follows it (ZH-DONE-009).
_PERFECTIVE = _R.regex("ZH-DONE-009")


def is_perfective(clause: str) -> bool:
    """True when ``clause`` has a verb marked done with 了 (not 为了/除了/了解)."""
    return _PERFECTIVE.search(clause) is not None


def is_planned_by_next(next_clause: str) -> bool:
    """True when ``next_clause`` makes the clause before it the object of planning."""
    return _PLANNED_BY_NEXT.search(next_clause) is not None

# Marks of work done: a perfective 了, 已, results verbs, totals, or a counted figure (group done).
# A results sentence without one describes effort, not an outcome, and proves nothing alone.
_DONE = _R.group_regex("done")


def is_done(text: str) -> bool:
    """True when ``text`` reports an outcome rather than describing ongoing effort."""
    return _DONE.search(text) is not None
