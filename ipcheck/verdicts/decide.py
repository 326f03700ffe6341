"""Decide each plan target met, missed, unreported or pending from its figures, with evidence (tasks:
ipcheck.verdicts.tasks, which shares the clause and evidence helpers here).

The rules lean one way on purpose: a false "met" hides a failure from an assessor, so every
doubt (a weak match, a figure whose qualifier straddles the target, a garbled unit, conflicting
figures) becomes "needs review", and only results-section facts can make an item met.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from ipcheck.lang.registry import regex
from ipcheck.reading import cues
from ipcheck.reading.changes import BASELINE, without_starts
from ipcheck.reading.tables import quote
from ipcheck.reading.text import normalise
from ipcheck.verdicts.matching import FigureMatch
from ipcheck.verdicts.targets import BARE_NUMBER, completion_of, level_for_growth, other_base
from ipcheck.model import (Evidence, Figure, FigureKind, Measure, Op, Section, Sentence, Status, Target,
                           Task, Verdict)
from ipcheck.i18n import verdict_message
from ipcheck.units import format_number
from ipcheck.verdicts.compare import compare, within

CLAUSE_END = regex("ZH-PUNCT-001")
MAJOR_END = regex("ZH-PUNCT-002")
# A headline that states a figure (天津市每万人口发明专利拥有量达14.7件) reports a result like the body
# (issue #12 §3 k); a front line that names a plan or a notice (关于印发…规划的通知) does not (ZH-SECT-020).
FRONT_PLAN = regex("ZH-SECT-020")
# The warning code the figure reader gives a figure of part of a year (ipcheck.reading.figures).
PARTIAL_PERIOD = "partial_period"
# A quantity counted per year (ZH-MATCH-012) unless the target itself adds up years (ZH-MATCH-013); the
# reader's warnings on a total over several years (2003年至2012年, 十年间, 累计).
_FLOW, _SUMMED = regex("ZH-MATCH-012"), regex("ZH-MATCH-013")
_MULTI_YEAR, _CUMULATIVE = "multi_year", "cumulative"


@dataclass(frozen=True)
class Thresholds:
    """Match scores that separate proof, a lead worth reviewing, and noise."""

    task_met: float = 0.6
    task_review: float = 0.4
    target_name: float = 0.88
    evidence_limit: int = 3


@lru_cache(maxsize=64)
def _marks(pattern: re.Pattern[str], text: str) -> tuple[int, ...]:
    """Offsets of the one-character marks ``pattern`` finds in ``text``, read once per sentence
    so clause lookups are a bisection, not a rescan (a 10 MB sentence stays linear)."""
    return tuple(m.start() for m in pattern.finditer(text))


def next_mark(pattern: re.Pattern[str], text: str, pos: int) -> int | None:
    """Offset of the first mark at or after ``pos`` (``pattern.search(text, pos).start()``)."""
    marks = _marks(pattern, text)
    i = bisect_left(marks, pos)
    return marks[i] if i < len(marks) else None


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` that contains [start, end)."""
    marks = _marks(CLAUSE_END, text)
    i = bisect_left(marks, start)            # marks before ``start``: the last one opens it
    left = marks[i - 1] + 1 if i else 0
    right = next_mark(CLAUSE_END, text, end)
    return left, (len(text) if right is None else right)


# A bar not reached (未达到12件, 距…的目标): no actual, a shortfall (ZH-NEG-007).
_NOT_REACHED = regex("ZH-NEG-007")


def _intention(sentence: Sentence, start: int, end: int) -> bool:
    """True when the figure at [start, end) is announced, forecast or set as a goal."""
    a, b = clause_span(sentence.norm, start, end)
    return (cues.is_intention(sentence.norm[a:b]) or cues.strong_intention_before(sentence.norm, a)
            or cues.goal_before(sentence.norm, start) or cues.goal_around(sentence.norm, start, end))


def sentence_evidence(sentence: Sentence, score: float, spans: tuple[tuple[int, int], ...]) -> Evidence:
    return Evidence(line=sentence.line, text=sentence.text, section=sentence.section,
                    score=round(score, 3), sentence=sentence.index, highlight=spans)


def figure_evidence(m: FigureMatch) -> Evidence:
    """The evidence of a target's figure: its sentence, or for a table cell the cell named by its row and
    column ('长沙市 · 有效发明专利 32981', ipcheck.reading.tables.quote) on the cell's line."""
    cell = quote(m.figure)
    if cell is None:
        return sentence_evidence(m.sentence, m.score, ((m.figure.start, m.figure.end),))
    text, span = cell
    return Evidence(line=m.sentence.line, text=text, section=m.sentence.section, score=round(m.score, 3),
                    sentence=m.sentence.index, highlight=(span,))


def _params(target: Target, **more: str | None) -> tuple[tuple[str, str], ...]:
    """A target verdict's message parameters (None values left out)."""
    p = dict(metric=target.metric, op=target.op.value, value=format_number(target.value),
             unit=target.unit, due=None if target.due is None else str(target.due), **more)
    return tuple((k, v) for k, v in p.items() if v is not None)


def said_params(reason: str, params: tuple[tuple[str, str], ...], fallback: str = "") -> dict[str, object]:
    """reason, params and the English message built from the catalogue: the message stays the
    stable English, reports translate reason + params into their own language."""
    return dict(reason=reason, params=params, message=verdict_message(reason, params, "en") or fallback or reason)


def is_not_due(due: int | None, year: int | None) -> bool:
    return due is not None and year is not None and year < due


# Classes of a target's candidate figure: counted as this year's actual, too weak a name match,
# or one of _why_not_actual's reasons (next_plan, problems, front, intention, stated_target, other_year).
ACTUAL, BELOW_FLOOR = "actual", "below_floor"


@dataclass(frozen=True)
class TargetCandidate:
    """How decide_target reads one matching figure: its class and, for an actual, the comparison."""

    match: FigureMatch
    why: str                                   # ACTUAL, BELOW_FLOOR or a _why_not_actual code
    result: bool | None = None                 # compare(figure, target) for an actual, else None
    interval: tuple[Decimal | None, Decimal | None] = (None, None)   # allowed values in the target's unit


def classify_target_matches(target: Target, matches: list[FigureMatch], year: int | None,
                            th: Thresholds = Thresholds()) -> tuple[TargetCandidate, ...]:
    """Every match, in order, with the class decide_target gives it (the one place these rules live)."""
    out = []
    annual = annual_flow(target)
    for m in matches:
        if m.score < th.target_name:
            out.append(TargetCandidate(m, BELOW_FLOOR, None, within(m.figure, target)))
            continue
        why = _why_not_actual(m, year, target.due, annual) or ("level_only" if level_for_growth(target, m.figure) else "") \
            or ("completion" if completion_of(target, m.figure) else "") or other_base(target, m, year)
        out.append(TargetCandidate(m, why or ACTUAL, None if why else compare(m.figure, target),
                                   within(m.figure, target)))
    return tuple(out)


def _consistent(top: list[tuple[FigureMatch, bool | None]]) -> list[tuple[FigureMatch, bool | None]]:
    """``top`` without the open figures (突破5件, 近6件: no result alone) that an exact figure of the same unit lies
    within (5.12件,首次突破5件): they say the same, and the exact one decides."""
    exact = [m.figure for m, r in top if r is not None and m.figure.low == m.figure.high]
    def agrees(f: Figure) -> bool:
        return any(e.unit == f.unit and (f.low is None or f.low <= e.value) and (f.high is None or e.value <= f.high)
                   for e in exact)
    kept = [(m, r) for m, r in top if r is not None or not agrees(m.figure)]
    return kept or top


def decide_target(target: Target, matches: list[FigureMatch], year: int | None,
                  th: Thresholds = Thresholds()) -> Verdict:
    """The verdict on a numeric target from the figures bound to its metric."""
    classified = classify_target_matches(target, matches, year, th)
    actual = [(c.match, c.result) for c in classified if c.why == ACTUAL]
    # 1-9月…1.6万件 and 全年…2.2万件: the whole year's figure decides, part of it is only progress.
    actual = [a for a in actual if not _part_year(a[0].figure)] or actual
    other = [(c.match, c.why) for c in classified if c.why not in (ACTUAL, BELOW_FLOOR)]
    not_due = is_not_due(target.due, year)
    if not actual:
        short = [] if not_due else _short_in_problems(target, other, year)
        if short:                  # 发明专利申请量仅为960件 among the problems: the year's actual, said short
            m = short[0]
            return Verdict(item_id=target.id, kind="target", status=Status.MISSED, needs_review=True,
                           confidence=0.6, **said_params("target.only_in_problems", _params(target, figure=m.figure.text.strip())),
                           evidence=tuple(figure_evidence(x) for x in short[:th.evidence_limit]), figure=m.figure,
                           warnings=tuple(sorted(set(m.figure.warnings))))
        return _target_without_actual(target, other, not_due, th)
    best_score = actual[0][0].score
    top = _consistent([(m, r) for m, r in actual if m.score >= best_score - 1e-9])
    outcomes = {r for _, r in top}
    m, result = top[0]
    evidence = tuple(figure_evidence(x) for x, _ in top[:th.evidence_limit])
    warnings = tuple(sorted({w for x, _ in top for w in x.figure.warnings}, key=str))
    base = dict(item_id=target.id, kind="target", evidence=evidence, figure=m.figure,
                warnings=warnings)
    said = _params(target, figure=m.figure.text.strip(), quantity=m.figure.quantity,
                   decrease="1" if m.figure.kind is FigureKind.DECREASE else None)
    if len(outcomes) > 1:
        return Verdict(status=Status.PENDING if not_due else Status.UNREPORTED, needs_review=True,
                       confidence=0.3, **said_params("target.conflicting_figures", said), **base)
    if result is None:
        return Verdict(status=Status.PENDING if not_due else Status.UNREPORTED, needs_review=True,
                       confidence=0.4, **said_params("target.bound_ambiguous", said), **base)
    if _part_year(m.figure) and not (result and _level_reached(target)):
        return Verdict(status=Status.PENDING if not_due else Status.UNREPORTED, needs_review=True,
                       confidence=0.4, **said_params("target.part_year", said), **base)
    confidence = round(m.score * (0.7 if warnings else 1.0) * (0.9 if m.figure.qualifier else 1.0), 3)
    so_far = _so_far(target) if result and not_due else ""
    if so_far:
        # what a year before the due year shows is that year's: 2018's 年均增长, 同比增长, count or share of a
        # count is not the due year's, so a target it already passes is pending with its figure
        return Verdict(status=Status.PENDING, needs_review=bool(warnings), confidence=confidence,
                       **said_params(so_far, said), **base)
    if result:
        return Verdict(status=Status.MET, needs_review=bool(warnings), confidence=confidence,
                       **said_params("target.met", said), **base)
    if not_due:
        return Verdict(status=Status.PENDING, needs_review=bool(warnings), confidence=confidence,
                       **said_params("target.not_yet_met", said), **base)
    return Verdict(status=Status.MISSED, needs_review=bool(warnings), confidence=confidence,
                   **said_params("target.missed", said), **base)


def _short_in_problems(target: Target, other: list[tuple[FigureMatch, str]], year: int | None) -> list[FigureMatch]:
    """The figures of the problems section that would be the year's actual in the results and all fall
    short of ``target`` (发明专利申请量仅为960件,只完成年度目标的80%): a shortfall told as a problem is missed."""
    found = [m for m, why in other if why == "problems"
             and not _why_not_actual(replace(m, sentence=replace(m.sentence, section=Section.RESULTS)), year,
                                     target.due, annual_flow(target))
             and not _part_year(m.figure)]
    return found if found and all(compare(m.figure, target) is False for m in found) else []


def _part_year(figure: Figure) -> bool:
    """True for a figure of part of a year (1-9月, 上半年, 截至10月底): the reader's partial_period."""
    return any(w.code == PARTIAL_PERIOD for w in figure.warnings)


def _level_reached(target: Target) -> bool:
    """Whether a part-year figure that satisfies ``target`` settles it: only a level that must reach
    at least a value (it can only grow by the year's end); a growth or a ceiling can still change."""
    return target.measure is Measure.LEVEL and target.op in (Op.GE, Op.GT)


def _so_far(target: Target) -> str:
    """The reason a figure of a year before the due year cannot meet ``target`` though it passes it ('' when
    it can: a level held, 拥有量): an average of the years so far (年均增长), that year's growth (同比), that
    year's count (专利申请量 ≥ 2万件) or that year's share of a count (发明专利申请量占…的比重)."""
    if target.measure is Measure.ANNUAL_GROWTH:
        return "target.average_so_far"
    if target.measure is Measure.GROWTH:
        return "target.growth_so_far"
    if target.measure is Measure.SHARE and _counted_each_year(target):
        return "target.share_so_far"
    return "target.flow_so_far" if annual_flow(target) else ""


def _counted_each_year(target: Target) -> bool:
    """True when ``target``'s metric is a quantity counted anew each year (申请, 授权, 融资: ZH-MATCH-012) that
    the plan does not itself add up over years (累计, 期间: ZH-MATCH-013)."""
    return _FLOW.search(normalise(target.metric)) is not None \
        and not _SUMMED.search(normalise(" ".join((target.metric, target.source or ""))))


def annual_flow(target: Target) -> bool:
    """True for a level target on a quantity counted per year (专利申请量 ≥ 4万件, ZH-MATCH-012) that the
    plan does not itself add up over years (累计, 期间, ZH-MATCH-013): a multi-year total is never its actual."""
    return target.measure is Measure.LEVEL and _counted_each_year(target)


def _several_years(f: Figure) -> bool:
    """True for a total over several years: a span (2003年至2012年, 十年间, 2014年以来), or 累计 with no
    year of its own (今年上半年…累计申请专利14559件 adds up that half year: counted, with review)."""
    return any(w.code == _MULTI_YEAR for w in f.warnings) or \
        (f.year is None and f.year_offset is None and any(w.code == _CUMULATIVE for w in f.warnings))


def _why_not_actual(m: FigureMatch, year: int | None, due: int | None = None, annual: bool = False) -> str:
    """Why a matching figure cannot count as the actual of the year the target is judged for ('' if
    it can): the summary's year, or the due year when the summary reports a later year (a 2021
    figure never shows a level reached by 2020; a 2020 figure quoted in it does); for an annual
    flow, a total over several years (``annual``)."""
    s, f = m.sentence, m.figure
    judged = due if due is not None and year is not None and year > due else year
    if s.section is Section.NEXT_PLAN:
        return "next_plan"
    if s.section is Section.PROBLEMS:
        return "problems"
    if s.section is Section.LINKS:
        return "links"
    if s.section is Section.ELSEWHERE:
        return "elsewhere"
    if s.section is Section.FRONT and FRONT_PLAN.search(s.norm):
        return "front"
    if _NOT_REACHED.search(s.norm, clause_span(s.norm, f.start, f.end)[0], f.start):
        return "not_reached"
    if _intention(s, f.start, f.end):
        return "intention"
    if f.kind is FigureKind.TARGET:
        return "stated_target"
    if any(w.code == BASELINE for w in f.warnings):
        return "baseline"
    if any(w.code == BARE_NUMBER for w in f.warnings):
        return "bare_number"
    if annual and _several_years(f):
        return "multi_year"
    said = cues.stated_year(without_starts(s.norm[:f.start])) if year is not None else None
    own = f.year if f.year is not None else said
    if judged != year and (own is None or own == year):
        return "after_due"
    if own is not None and judged is not None and own != judged:
        return "other_year"
    return ""


_OTHER_REASON = {   # why a figure is not an actual -> the verdict's reason (messages: ipcheck/i18n.py)
    "next_plan": "target.only_in_next_plan",
    "problems": "target.only_in_problems",
    "front": "target.only_in_front",
    "links": "target.only_in_links",
    "elsewhere": "target.only_elsewhere",
    "stated_target": "target.only_as_target",
    "intention": "target.only_as_intention",
    "other_year": "target.other_year",
    "multi_year": "target.multi_year",
    "after_due": "target.after_due",
    "baseline": "target.only_baseline",
    "bare_number": "target.bare_number",
    "level_only": "target.level_only",
    "completion": "target.completion_rate",
    "other_base": "target.other_base",
    "not_reached": "target.not_reached",
}
# Reasons that leave a lead a person should weigh: the verdict on them needs review.
_REVIEW_REASONS = frozenset({"elsewhere", "after_due", "bare_number", "level_only", "other_base", "completion", "not_reached"})


def _target_without_actual(target: Target, other: list[tuple[FigureMatch, str]], not_due: bool,
                           th: Thresholds) -> Verdict:
    status = Status.PENDING if not_due else Status.UNREPORTED
    if not_due:          # an amount where a growth is due is weighed once it is due; before, it tells nothing
        other = [(m, why) for m, why in other if why != "level_only"]
    if not other:
        reason = "target.not_due" if not_due else "target.unreported"
        return Verdict(item_id=target.id, kind="target", status=status, needs_review=False,
                       confidence=0.8, **said_params(reason, _params(target)))
    other = sorted(other, key=lambda mw: mw[1] not in _REVIEW_REASONS)     # stable: leads first
    m, why = other[0]
    code = _OTHER_REASON[why]
    if why == "not_reached" and not not_due:
        status = Status.MISSED              # 未达到12件 in the due year: short of the bar, by how much unsaid
    evidence = tuple(figure_evidence(x) for x, _ in other[:th.evidence_limit])
    return Verdict(item_id=target.id, kind="target", status=status, needs_review=why in _REVIEW_REASONS,
                   confidence=0.7, **said_params(code, _params(target, figure=m.figure.text.strip())),
                   evidence=evidence, figure=None)


# Task reasons that report a step toward a pending task (done early, a figure of its own, said not done).
_TASK_PROGRESS = frozenset({"task.recurring_not_due", "task.ongoing_not_due", "task.numeric_see_targets",
                            "task.not_done"})
NO_PROGRESS, PROGRESS = "none", "reported"


def with_progress(verdict: Verdict) -> Verdict:
    """A pending verdict with ``progress`` among its params (issue #12 §3 n): ``reported`` when the
    results state a step toward it (an actual below a target, a task done early), ``none`` when the
    text reports nothing toward it (nothing at all, or only the target restated or planned)."""
    if verdict.status is not Status.PENDING or any(k == "progress" for k, _ in verdict.params):
        return verdict
    reported = verdict.figure is not None if verdict.kind == "target" else verdict.reason in _TASK_PROGRESS
    return replace(verdict, params=verdict.params + (("progress", PROGRESS if reported else NO_PROGRESS),))
