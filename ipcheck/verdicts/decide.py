"""Decide each plan item met, missed, unreported or pending from its matches, with evidence.

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
from ipcheck.verdicts.matching import FigureMatch, TaskMatch, task_head
from ipcheck.verdicts.targets import BARE_NUMBER, level_for_growth, other_base
from ipcheck.verdicts.whose_work import work_elsewhere
from ipcheck.model import (Evidence, Figure, FigureKind, Measure, Op, Section, Sentence, Status, Target,
                           Task, Verdict)
from ipcheck.i18n import verdict_message
from ipcheck.units import format_number
from ipcheck.verdicts.compare import compare, within

_CLAUSE_END = regex("ZH-PUNCT-001")
_MAJOR_END = regex("ZH-PUNCT-002")
# A task title that carries its own figures is a numeric commitment: words cannot prove it.
_NUMERIC_TITLE = regex("ZH-TASK-001")
# Duties that recur (继续开展, 每年召开): work of an earlier year does not fulfil a later one.
_RECURRING = regex("ZH-RECUR-002")
# A task that is a state to reach (成为…强市) and the words that say a state was reached.
_STATE_TASK, _STATE_REACHED = regex("ZH-TASK-002"), regex("ZH-TASK-003")
# A state named as a candidacy (强市创建市, 示范城市培育对象): the way there, not the state (ZH-TASK-004).
_CANDIDACY = regex("ZH-TASK-004")
# A task of work that goes on (扎实推进…建设, 深化…, 加快…): ZH-TASK-005.
_ONGOING = regex("ZH-TASK-005")
# A headline that states a figure (天津市每万人口发明专利拥有量达14.7件) reports a result like the body
# (issue #12 §3 k); a front line that names a plan or a notice (关于印发…规划的通知) does not (ZH-SECT-020).
_FRONT_PLAN = regex("ZH-SECT-020")
# Work under way or an early step of it done (ZH-INTENT-015, -016): not done, but a step worth a review.
# A month named without a year (2月21日): the dateline's year when not after its month (ZH-YEAR-019).
_UNDATED_MONTH = regex("ZH-YEAR-019")
# A year, or one named relative to the text's date (去年, 今年): a headline with neither is the news of its dateline.
_A_YEAR = re.compile(f"(?:{regex('ZH-YEAR-001').pattern})|(?:{regex('ZH-YEAR-013').pattern})")
_UNDER_WAY = re.compile("|".join(f"(?:{regex(c).pattern})" for c in ("ZH-INTENT-015", "ZH-INTENT-016")))
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


def _next_mark(pattern: re.Pattern[str], text: str, pos: int) -> int | None:
    """Offset of the first mark at or after ``pos`` (``pattern.search(text, pos).start()``)."""
    marks = _marks(pattern, text)
    i = bisect_left(marks, pos)
    return marks[i] if i < len(marks) else None


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause of ``text`` that contains [start, end)."""
    marks = _marks(_CLAUSE_END, text)
    i = bisect_left(marks, start)            # marks before ``start``: the last one opens it
    left = marks[i - 1] + 1 if i else 0
    right = _next_mark(_CLAUSE_END, text, end)
    return left, (len(text) if right is None else right)


def _intention(sentence: Sentence, start: int, end: int) -> bool:
    """True when the figure at [start, end) is announced, forecast or set as a goal."""
    a, b = clause_span(sentence.norm, start, end)
    return (cues.is_intention(sentence.norm[a:b]) or cues.strong_intention_before(sentence.norm, a)
            or cues.goal_before(sentence.norm, start) or cues.goal_around(sentence.norm, start, end))


def _evidence(sentence: Sentence, score: float, spans: tuple[tuple[int, int], ...]) -> Evidence:
    return Evidence(line=sentence.line, text=sentence.text, section=sentence.section,
                    score=round(score, 3), sentence=sentence.index, highlight=spans)


def figure_evidence(m: FigureMatch) -> Evidence:
    """The evidence of a target's figure: its sentence, or for a table cell the cell named by its row and
    column ('长沙市 · 有效发明专利 32981', ipcheck.reading.tables.quote) on the cell's line."""
    cell = quote(m.figure)
    if cell is None:
        return _evidence(m.sentence, m.score, ((m.figure.start, m.figure.end),))
    text, span = cell
    return Evidence(line=m.sentence.line, text=text, section=m.sentence.section, score=round(m.score, 3),
                    sentence=m.sentence.index, highlight=(span,))


def _params(target: Target, **more: str | None) -> tuple[tuple[str, str], ...]:
    """A target verdict's message parameters (None values left out)."""
    p = dict(metric=target.metric, op=target.op.value, value=format_number(target.value),
             unit=target.unit, due=None if target.due is None else str(target.due), **more)
    return tuple((k, v) for k, v in p.items() if v is not None)


def _said(reason: str, params: tuple[tuple[str, str], ...], fallback: str = "") -> dict[str, object]:
    """reason, params and the English message built from the catalogue: the message stays the
    stable English, reports translate reason + params into their own language."""
    return dict(reason=reason, params=params, message=verdict_message(reason, params, "en") or fallback or reason)


def _not_due(due: int | None, year: int | None) -> bool:
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
            or other_base(target, m, year)
        out.append(TargetCandidate(m, why or ACTUAL, None if why else compare(m.figure, target),
                                   within(m.figure, target)))
    return tuple(out)


def decide_target(target: Target, matches: list[FigureMatch], year: int | None,
                  th: Thresholds = Thresholds()) -> Verdict:
    """The verdict on a numeric target from the figures bound to its metric."""
    classified = classify_target_matches(target, matches, year, th)
    actual = [(c.match, c.result) for c in classified if c.why == ACTUAL]
    # 1-9月…1.6万件 and 全年…2.2万件: the whole year's figure decides, part of it is only progress.
    actual = [a for a in actual if not _part_year(a[0].figure)] or actual
    other = [(c.match, c.why) for c in classified if c.why not in (ACTUAL, BELOW_FLOOR)]
    not_due = _not_due(target.due, year)
    if not actual:
        short = [] if not_due else _short_in_problems(target, other, year)
        if short:                  # 发明专利申请量仅为960件 among the problems: the year's actual, said short
            m = short[0]
            return Verdict(item_id=target.id, kind="target", status=Status.MISSED, needs_review=True,
                           confidence=0.6, **_said("target.only_in_problems", _params(target, figure=m.figure.text.strip())),
                           evidence=tuple(figure_evidence(x) for x in short[:th.evidence_limit]), figure=m.figure,
                           warnings=tuple(sorted(set(m.figure.warnings))))
        return _target_without_actual(target, other, not_due, th)
    best_score = actual[0][0].score
    top = [(m, r) for m, r in actual if m.score >= best_score - 1e-9]
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
                       confidence=0.3, **_said("target.conflicting_figures", said), **base)
    if result is None:
        return Verdict(status=Status.PENDING if not_due else Status.UNREPORTED, needs_review=True,
                       confidence=0.4, **_said("target.bound_ambiguous", said), **base)
    if _part_year(m.figure) and not (result and _level_reached(target)):
        return Verdict(status=Status.PENDING if not_due else Status.UNREPORTED, needs_review=True,
                       confidence=0.4, **_said("target.part_year", said), **base)
    confidence = round(m.score * (0.7 if warnings else 1.0) * (0.9 if m.figure.qualifier else 1.0), 3)
    if result:
        return Verdict(status=Status.MET, needs_review=bool(warnings), confidence=confidence,
                       **_said("target.met", said), **base)
    if not_due:
        return Verdict(status=Status.PENDING, needs_review=bool(warnings), confidence=confidence,
                       **_said("target.not_yet_met", said), **base)
    return Verdict(status=Status.MISSED, needs_review=bool(warnings), confidence=confidence,
                   **_said("target.missed", said), **base)


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


def annual_flow(target: Target) -> bool:
    """True for a level target on a quantity counted per year (专利申请量 ≥ 4万件, ZH-MATCH-012) that the
    plan does not itself add up over years (累计, 期间, ZH-MATCH-013): a multi-year total is never its actual."""
    if target.measure is not Measure.LEVEL or not _FLOW.search(normalise(target.metric)):
        return False
    return not _SUMMED.search(normalise(" ".join((target.metric, target.source or ""))))


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
    if s.section is Section.FRONT and _FRONT_PLAN.search(s.norm):
        return "front"
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
    "stated_target": "target.only_as_target",
    "intention": "target.only_as_intention",
    "other_year": "target.other_year",
    "multi_year": "target.multi_year",
    "after_due": "target.after_due",
    "baseline": "target.only_baseline",
    "bare_number": "target.bare_number",
    "level_only": "target.level_only",
    "other_base": "target.other_base",
}
# Reasons that leave a lead a person should weigh: the verdict on them needs review.
_REVIEW_REASONS = frozenset({"after_due", "bare_number", "level_only", "other_base"})


def _target_without_actual(target: Target, other: list[tuple[FigureMatch, str]], not_due: bool,
                           th: Thresholds) -> Verdict:
    status = Status.PENDING if not_due else Status.UNREPORTED
    if not_due:          # an amount where a growth is due is weighed once it is due; before, it tells nothing
        other = [(m, why) for m, why in other if why != "level_only"]
    if not other:
        reason = "target.not_due" if not_due else "target.unreported"
        return Verdict(item_id=target.id, kind="target", status=status, needs_review=False,
                       confidence=0.8, **_said(reason, _params(target)))
    other = sorted(other, key=lambda mw: mw[1] not in _REVIEW_REASONS)     # stable: leads first
    m, why = other[0]
    code = _OTHER_REASON[why]
    evidence = tuple(figure_evidence(x) for x, _ in other[:th.evidence_limit])
    return Verdict(item_id=target.id, kind="target", status=status, needs_review=why in _REVIEW_REASONS,
                   confidence=0.7, **_said(code, _params(target, figure=m.figure.text.strip())),
                   evidence=evidence, figure=None)


# How decide_task sorts a task's candidate sentences (the first five decide; below_floor is noise).
TASK_GROUPS = ("done", "negated", "planned", "problems", "weak", "below_floor")


@dataclass(frozen=True)
class TaskCandidate:
    """How decide_task reads one matching sentence: its group and why (``detail``).

    ``detail``: for planned, "section" (not in the results) or "intention"; for weak, what a
    done sentence would need and this one lacks: "score", "head" (the task's head noun), "done_cue",
    or "elsewhere" (the work is another place's or body's: ipcheck.verdicts.whose_work).
    """

    match: TaskMatch
    group: str
    detail: str = ""


def classify_task_matches(task: Task, matches: list[TaskMatch], year: int | None,
                          th: Thresholds = Thresholds(), region: str = "",
                          published: tuple[int, int] | None = None) -> tuple[TaskCandidate, ...]:
    """Every match, in order, with the group decide_task puts it in (the one place these rules live);
    ``region`` is the plan's (work whose subject is another place or body is only a lead), ``published``
    the (year, month) of the text's dateline (a month it names without a year is in that year)."""
    out = []
    for m in matches:
        s = m.sentence
        if m.score < th.task_review:
            out.append(TaskCandidate(m, "below_floor"))
            continue
        spans = m.hits or ((0, len(s.norm)),)
        if s.section is Section.PROBLEMS:
            out.append(TaskCandidate(m, "problems"))
        elif s.section is not Section.RESULTS and not _reporting_headline(s):
            out.append(TaskCandidate(m, "planned", "section"))
        elif _mostly_intention(s, spans):
            out.append(TaskCandidate(m, "weak", "done_cue") if _under_way(s, spans)
                       else TaskCandidate(m, "planned", "intention"))
        elif _later_year(s, spans, year, published):
            out.append(TaskCandidate(m, "planned", "later_year"))
        elif _negated(s, spans):
            out.append(TaskCandidate(m, "negated"))
        elif work_elsewhere(s.norm, _best_hit(spans)[0], region):
            out.append(TaskCandidate(m, "weak", "elsewhere"))
        elif m.score >= th.task_met and m.head and _done_for(s, spans, _named_at(task, s) if _ONGOING.match(task.title) else None) and \
                (not _STATE_TASK.match(task.title) or _state_reached(task.title, s.norm)):
            out.append(TaskCandidate(m, "done"))
        else:
            lacks = "score" if m.score < th.task_met else "head" if not m.head else "done_cue"
            out.append(TaskCandidate(m, "weak", lacks))
    return tuple(out)


def decide_task(task: Task, matches: list[TaskMatch], year: int | None,
                th: Thresholds = Thresholds(), start: int | None = None, region: str = "",
                published: tuple[int, int] | None = None) -> Verdict:
    """The verdict on a qualitative task from the sentences that echo it; ``start`` is the first
    year of the plan's period (work reported for an earlier year is not the plan's work), ``region``
    the plan's (someone else's work is no proof)."""
    not_due = _not_due(task.due, year)
    groups: dict[str, list[TaskMatch]] = {g: [] for g in TASK_GROUPS}
    for c in classify_task_matches(task, matches, year, th, region, published):
        groups[c.group].append(c.match)
    done, negated, planned, problems, weak = (groups[g] for g in TASK_GROUPS[:5])

    def verdict(status: Status, review: bool, conf: float, reason: str, msg: str,
                ms: list[TaskMatch], **more: object) -> Verdict:
        ev = tuple(_evidence(x.sentence, x.score, x.hits) for x in ms[:th.evidence_limit])
        params = (("due", str(task.due)),) if task.due is not None else ()
        params += tuple((k, str(v)) for k, v in more.items())
        return Verdict(item_id=task.id, kind="task", status=status, needs_review=review,
                       confidence=round(conf, 3), **_said(reason, params, msg), evidence=ev)

    if done and _NUMERIC_TITLE.search(task.title):
        return verdict(Status.PENDING if not_due else Status.UNREPORTED, True, 0.5,
                       "task.numeric_see_targets",
                       "the task commits to figures: words alone cannot show it done; check its targets",
                       done)
    if done and not_due and _RECURRING.search(task.title):
        return verdict(Status.PENDING, True, 0.6, "task.recurring_not_due",
                       f"a recurring duty due {task.due}: earlier work does not fulfil it yet", done)
    if done and start is not None and year is not None and year < start \
            and not any(_done_in_clause(x) for x in done):
        return verdict(Status.PENDING if not_due else Status.UNREPORTED, not not_due, 0.6,
                       "task.before_period", f"the summary reports {year}, before the plan's period "
                       f"(from {start}): earlier work does not fulfil it", done, year=year, start=start)
    if done:
        return verdict(Status.MET, False, done[0].score, "task.met",
                       "the results report it done", done)
    if negated and negated[0].score >= th.task_met:
        status = Status.PENDING if not_due else Status.MISSED
        return verdict(status, True, negated[0].score, "task.not_done",
                       "the results say it was not done", negated)
    if problems and problems[0].score >= th.task_met and not weak:
        status = Status.PENDING if not_due else Status.MISSED
        return verdict(status, problems[0].score < 0.75, problems[0].score, "task.only_in_problems",
                       "named only among the problems", problems)
    fallback = Status.PENDING if not_due else Status.UNREPORTED
    leads = sorted(weak + negated, key=lambda x: -x.score)
    if planned and (not leads or planned[0].score >= leads[0].score):
        return verdict(fallback, bool(leads), 0.7, "task.only_planned",
                       "mentioned only as a plan or intention, not as done", planned + leads)
    if leads:
        return verdict(fallback, True, max(0.2, 1.0 - leads[0].score), "task.weak_evidence",
                       "only weak evidence in the results; review the quoted sentences", leads)
    return verdict(fallback, False, 0.8, "task.not_due" if not_due else "task.unreported",
                   f"not due until {task.due}; nothing reported yet" if not_due
                   else "nothing in the results matches it", [])


def _best_hit(spans: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    """The longest echo of the task in its sentence (the first of equals): the words that name it best."""
    return max(spans, key=lambda h: (h[1] - h[0], -h[0]))


def _reporting_headline(s: Sentence) -> bool:
    """True for a line before the body that may report work like the body (a news headline:
    遂宁市知识产权维权援助中心挂牌成立), not one that names a plan or a notice (ZH-SECT-020)."""
    return s.section is Section.FRONT and not _FRONT_PLAN.search(s.norm)


def _done_in_clause(m: TaskMatch) -> bool:
    """True when the sentence reports the task done by the end of the clause that names it best (the
    longest echo): 成立了…,…领导小组 is done; …交流合作逐渐扩大,…做出了新贡献 only reports the year."""
    if not m.hits:
        return cues.is_done(m.sentence.norm)
    a, b = _best_hit(m.hits)
    return cues.is_done(m.sentence.norm[:clause_span(m.sentence.norm, a, b)[1]])


def _clauses_of(sentence: Sentence, spans: tuple[tuple[int, int], ...]) -> list[tuple[int, int, int]]:
    """(clause start, clause end, matched characters) for each clause the spans touch."""
    found: dict[tuple[int, int], int] = {}
    for a, b in spans:
        ca, cb = clause_span(sentence.norm, a, a)
        found[(ca, cb)] = found.get((ca, cb), 0) + (b - a)
    return [(a, b, n) for (a, b), n in sorted(found.items())]


def _planned_clause(text: str, a: int, b: int) -> bool:
    """True when the clause text[a:b] states a plan or intention rather than work done."""
    if cues.is_intention(text[a:b]) or cues.strong_intention_before(text, a):
        return True
    # The governing verb follows the whole 、-list the clause belongs to -- unless the clause
    # has its own completed verb: "召开了知识产权工作会议,部署全年工作" held the meeting.
    if cues.is_perfective(text[a:b]):
        return False
    end = _next_mark(_MAJOR_END, text, b)
    if end is None:
        return False
    nxt = _next_mark(_MAJOR_END, text, end + 1)
    return cues.is_planned_by_next(text[end + 1:len(text) if nxt is None else nxt])


def _mostly_intention(sentence: Sentence, spans: tuple[tuple[int, int], ...]) -> bool:
    clauses = _clauses_of(sentence, spans)
    total = sum(n for _, _, n in clauses) or 1
    planned = sum(n for a, b, n in clauses if _planned_clause(sentence.norm, a, b))
    return planned * 2 > total


def _under_way(sentence: Sentence, spans: tuple[tuple[int, int], ...]) -> bool:
    """True when a clause that names the work says it is under way or only an early step of it is done
    (正在建设中, 完成招标, 获批筹建), and nothing announces it: a lead for review, not a plan."""
    text = sentence.norm
    return any(_UNDER_WAY.search(text[a:b]) and not cues.strong_intention_before(text, b)
               for a, b, _ in _clauses_of(sentence, spans))


def _state_reached(title: str, text: str) -> bool:
    """True when ``text`` says the state a task's title aims at was reached (ZH-TASK-003), and names
    the state itself, not a candidacy for it (获批…强市创建市 for 建成…强市: ZH-TASK-004)."""
    if _STATE_REACHED.search(text) is None:
        return False
    head = task_head(title)
    if not head or head not in title or _CANDIDACY.match(title, title.rfind(head) + len(head)):
        return True
    ends = [m.start() + len(head) for m in re.finditer(re.escape(head), text)]
    return not ends or any(_CANDIDACY.match(text, e) is None for e in ends)


def _later_year(sentence: Sentence, spans: tuple[tuple[int, int], ...], year: int | None,
                published: tuple[int, int] | None = None) -> bool:
    """True when the sentence dates the matched words after the year reported on (2017年,…将建设… in
    a summary of 2016; 2月21日,…会议召开 in news of 2019-02-22 on 2018: ZH-YEAR-019): next year's work,
    not this year's."""
    if year is None:
        return False
    before = sentence.norm[:min(a for a, _ in spans)]
    said = cues.stated_year(before)
    if said is not None:
        return said > year
    if published is None or published[0] <= year:
        return False
    if sentence.section is Section.FRONT:           # a headline with no year: its dateline's news
        return _A_YEAR.search(sentence.norm) is None
    month = _UNDATED_MONTH.search(before)
    return month is not None and int(month.group("month")) <= published[1]


def _named_at(task: Task, sentence: Sentence) -> list[int]:
    """Where ``sentence`` names the task: its keywords, else its head word."""
    names = [k for k in task.keywords if k and k in sentence.norm] or \
        [h for h in (task_head(task.title),) if h and h in sentence.norm]
    return sorted(m.start() for n in names for m in re.finditer(re.escape(n), sentence.norm))


def _done_for(sentence: Sentence, spans: tuple[tuple[int, int], ...], ongoing: list[int] | None = None) -> bool:
    """True when the sentence reports the matched work done: a done cue in a matched clause that
    neither plans nor negates (着力推进…平台建设,力争年底前上线运行 has not put it online), or anywhere
    in a sentence that announces nothing (an intention elsewhere in it makes a done cue in another
    clause no proof: 建设…保护中心,力争今年投入使用). Work that goes on (扎实推进…建设, ZH-TASK-005) is
    shown done only by a done cue in a major clause that names it (``ongoing``: where its keywords or
    head word stand): a name in one clause and 提供了 clauses on say the thing exists, not that the work
    was pushed on."""
    text = sentence.norm
    clauses = _clauses_of(sentence, spans)
    if any(cues.is_done(text[a:b]) and not _planned_clause(text, a, b) and not cues.is_negated(text[a:b])
           for a, b, _ in clauses):
        return True
    if ongoing is not None:
        for pos in ongoing or [clauses[0][0]]:
            start = max((m.end() for m in _MAJOR_END.finditer(text, 0, pos)), default=0)
            end = _next_mark(_MAJOR_END, text, pos)
            if cues.is_done(text[start:len(text) if end is None else end]):
                return True
        return False
    return cues.is_done(text) and not (cues.is_intention(text) or cues.is_strong_intention(text))


def _negated(sentence: Sentence, spans: tuple[tuple[int, int], ...]) -> bool:
    clauses = _clauses_of(sentence, spans)
    total = sum(n for _, _, n in clauses) or 1
    neg = sum(n for a, b, n in clauses if cues.is_negated(sentence.norm[a:b]))
    return neg * 2 > total


# Task reasons that report a step toward a pending task (done early, a figure of its own, said not done).
_TASK_PROGRESS = frozenset({"task.recurring_not_due", "task.numeric_see_targets", "task.not_done"})
NO_PROGRESS, PROGRESS = "none", "reported"


def with_progress(verdict: Verdict) -> Verdict:
    """A pending verdict with ``progress`` among its params (issue #12 §3 n): ``reported`` when the
    results state a step toward it (an actual below a target, a task done early), ``none`` when the
    text reports nothing toward it (nothing at all, or only the target restated or planned)."""
    if verdict.status is not Status.PENDING or any(k == "progress" for k, _ in verdict.params):
        return verdict
    reported = verdict.figure is not None if verdict.kind == "target" else verdict.reason in _TASK_PROGRESS
    return replace(verdict, params=verdict.params + (("progress", PROGRESS if reported else NO_PROGRESS),))
