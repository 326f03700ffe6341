"""Decide each qualitative task of a plan met, missed, unreported or pending from the sentences that
echo it, with evidence: a done word in the clause that names it, never an announcement, a negation,
another body's work or next year's plan (issue #12 §3 j, k; the rules are ipcheck/lang/zh/cues.yaml).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ipcheck.lang.registry import regex
from ipcheck.model import Section, Sentence, Status, Task, Verdict
from ipcheck.reading import cues
from ipcheck.reading.subjects import work_elsewhere
from ipcheck.verdicts.counted import counted_result, dated_before, duty_work
from ipcheck.verdicts.decide import (FRONT_PLAN, MAJOR_END, Thresholds, clause_span, is_not_due, next_mark,
                                     said_params, sentence_evidence)
from ipcheck.verdicts.matching import TaskMatch, task_head
from ipcheck.verdicts.task_names import named_as_other, restated_heading
from ipcheck.verdicts.task_parts import coverage_short, parts_missing
from ipcheck.verdicts.task_title import (begun_only, best_hit, campaign_unnamed, degree_unnamed, part_done, part_named,
                                         plan_issued_only, state_reached)

# A task title that carries its own figures is a numeric commitment: words cannot prove it.
_NUMERIC_TITLE = regex("ZH-TASK-001")
# Duties that recur (继续开展, 每年召开): work of an earlier year does not fulfil a later one.
_RECURRING = regex("ZH-RECUR-002")
# A task that is a state to reach (成为…强市): done only when the state is said reached (task_title.state_reached).
_STATE_TASK = regex("ZH-TASK-002")
# A task of work that goes on (扎实推进…建设, 深化…, 加快…): ZH-TASK-005.
_ONGOING = regex("ZH-TASK-005")
# An aim that goes on to its due year (推进…, 提升…水平, 完善…): done work before then is progress (ZH-TASK-008).
_GOES_ON = regex("ZH-TASK-008")
# A task that asks for a breakthrough (攻克…技术) and the words that report one (ZH-TASK-013, -014).
_BREAKTHROUGH_TASK, _BREAKTHROUGH = regex("ZH-TASK-013"), regex("ZH-TASK-014")
# A month named without a year (2月21日): the dateline's year when not after its month (ZH-YEAR-019).
_UNDATED_MONTH = regex("ZH-YEAR-019")
# A completion dated by the year right before its verb (于2019年6月建成, ZH-YEAR-020); a ; ends its reach.
_COMPLETED_IN = regex("ZH-YEAR-020")
# A year, or one named relative to the text's date (去年, 今年): a headline with neither is the news of its dateline.
_A_YEAR = re.compile(f"(?:{regex('ZH-YEAR-001').pattern})|(?:{regex('ZH-YEAR-013').pattern})")


# A self-check's closing mark of work not done (ZH-NEG-004): it governs the whole sentence.
_NOT_DONE_MARK = regex("ZH-NEG-004")

# How decide_task sorts a task's candidate sentences (the first five decide; below_floor is noise).
TASK_GROUPS = ("done", "negated", "planned", "problems", "weak", "below_floor")
# Why a candidate is planned or weak (TaskCandidate.detail); explain words each in both languages.
TASK_DETAILS = {"planned": ("section", "intention", "later_year"),
                "weak": ("score", "head", "done_cue", "elsewhere", "links", "part", "begun", "earlier_year",
                         "campaign", "plan_issued", "heading", "other_thing"),
                "done": ("counted",)}


@dataclass(frozen=True)
class TaskCandidate:
    """How decide_task reads one matching sentence: its group and why (``detail``).

    ``detail`` (TASK_DETAILS lists them all): for planned, "section" (not in the results), "intention" or
    "later_year"; for weak, what a done sentence would need and this one lacks: "score", "head" (the task's
    head noun), "done_cue", or "elsewhere" (the work is another place's or body's: ipcheck.reading.subjects),
    "links" (the title of another page linked from a web page: 上一篇：…), "part" (only part of the work is
    done: ZH-TASK-006, -020; not every part of a task of parts, or not all of its scope: -028..-033), "begun"
    (ZH-TASK-007), "earlier_year", "campaign" (ZH-TASK-015), "heading" (a heading that restates the task:
    ZH-TASK-025) or "other_thing" (named only in the name of a document or an event about it: ZH-TASK-026); for
    done, "counted" (the count of its duty work: ZH-TASK-010).
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
        clauses = _clauses_of(s, spans)          # read once: most rules below look at these clauses
        if s.section is Section.PROBLEMS:
            out.append(TaskCandidate(m, "problems"))
        elif s.section is Section.LINKS:
            out.append(TaskCandidate(m, "weak", "links"))
        elif s.section is Section.ELSEWHERE:             # another region's part of the text (ZH-SECT-027)
            out.append(TaskCandidate(m, "weak", "elsewhere"))
        elif s.section is not Section.RESULTS and not _reporting_headline(s):
            out.append(TaskCandidate(m, "planned", "section"))
        elif _mostly_intention(clauses, planned := [_planned_clause(s.norm, a, b) for a, b, _ in clauses]):
            # ``planned`` (each clause's _planned_clause) serves _done_for below too
            out.append(TaskCandidate(m, "weak", "done_cue") if _under_way(s, clauses)
                       else TaskCandidate(m, "planned", "intention"))
        elif _later_year(s, spans, year, published):
            out.append(TaskCandidate(m, "planned", "later_year"))
        elif _negated(s, clauses):
            out.append(TaskCandidate(m, "negated"))
        elif work_elsewhere(s.norm, best_hit(spans)[0], region, task.title, s.lead):
            out.append(TaskCandidate(m, "weak", "elsewhere"))
        elif campaign_unnamed(task.title, s.norm):
            out.append(TaskCandidate(m, "weak", "campaign"))
        elif begun_only(task.title, s, spans):
            out.append(TaskCandidate(m, "weak", "begun"))
        elif plan_issued_only(task.title, s.norm, spans):
            out.append(TaskCandidate(m, "weak", "plan_issued"))
        elif duty_work(task.title) and dated_before(s, spans, year):
            out.append(TaskCandidate(m, "weak", "earlier_year"))
        elif restated_heading(task.title, s):
            out.append(TaskCandidate(m, "weak", "heading"))
        elif named_as_other(task, s.norm):
            out.append(TaskCandidate(m, "weak", "other_thing"))
        else:
            out.append(_done_or_weak(task, m, clauses, planned, year, th, region))
    # a task of parts (ZH-TASK-028, -029) is done only when the done sentences report every part
    if parts_missing(task.title, tuple(task.keywords), [c.match.sentence.norm for c in out if c.group == "done"]):
        return tuple(TaskCandidate(c.match, "weak", "part") if c.group == "done" else c for c in out)
    return tuple(out)


def _done_or_weak(task: Task, m: TaskMatch, clauses: list[tuple[int, int, int]], planned: list[bool],
                  year: int | None, th: Thresholds, region: str) -> TaskCandidate:
    """A match no rule above set aside: done when it names the task well enough (the score, or below it a
    counted result of the task's duty work: ZH-TASK-010), names its head and says it was done; else weak
    with what it lacks."""
    s = m.sentence
    counted = m.score < th.task_met and counted_result(task, s, m.hits, year, region)
    head = m.head and not degree_unnamed(task.title, s.norm)
    if (m.score >= th.task_met or counted) and head and \
            _done_for(s, clauses, planned, _named_at(task, s) if _ONGOING.match(task.title) else None) and \
            (not _STATE_TASK.match(task.title) or state_reached(task.title, s.norm)) and \
            (not _BREAKTHROUGH_TASK.search(task.title) or _BREAKTHROUGH.search(s.norm)):
        if part_done(task.title, s.norm) or part_named(task.title, s.norm, m.hits) or \
                coverage_short(task.title, s.norm):
            return TaskCandidate(m, "weak", "part")
        return TaskCandidate(m, "done", "counted") if counted else TaskCandidate(m, "done")
    lacks = "score" if m.score < th.task_met else "head" if not head else "done_cue"
    return TaskCandidate(m, "weak", lacks)


def decide_task(task: Task, matches: list[TaskMatch], year: int | None,
                th: Thresholds = Thresholds(), start: int | None = None, region: str = "",
                published: tuple[int, int] | None = None) -> Verdict:
    """The verdict on a qualitative task from the sentences that echo it; ``start`` is the first
    year of the plan's period (work reported for an earlier year is not the plan's work), ``region``
    the plan's (someone else's work is no proof)."""
    not_due = is_not_due(task.due, year)
    groups: dict[str, list[TaskMatch]] = {g: [] for g in TASK_GROUPS}
    for c in classify_task_matches(task, matches, year, th, region, published):
        groups[c.group].append(c.match)
    done, negated, planned, problems, weak = (groups[g] for g in TASK_GROUPS[:5])

    def verdict(status: Status, review: bool, conf: float, reason: str, msg: str,
                ms: list[TaskMatch], **more: object) -> Verdict:
        ev = tuple(sentence_evidence(x.sentence, x.score, x.hits) for x in ms[:th.evidence_limit])
        params = (("due", str(task.due)),) if task.due is not None else ()
        params += tuple((k, str(v)) for k, v in more.items())
        return Verdict(item_id=task.id, kind="task", status=status, needs_review=review,
                       confidence=round(conf, 3), **said_params(reason, params, msg), evidence=ev)

    if done and _NUMERIC_TITLE.search(task.title):
        return verdict(Status.PENDING if not_due else Status.UNREPORTED, True, 0.5,
                       "task.numeric_see_targets",
                       "the task commits to figures: words alone cannot show it done; check its targets",
                       done)
    if done and not_due and _RECURRING.search(task.title):
        return verdict(Status.PENDING, True, 0.6, "task.recurring_not_due",
                       f"a recurring duty due {task.due}: earlier work does not fulfil it yet", done)
    if done and not_due and _GOES_ON.match(task.title):
        return verdict(Status.PENDING, False, 0.7, "task.ongoing_not_due",
                       f"work that goes on until {task.due}: what is done so far is progress", done)
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
    # a problem that names the task only loosely (below 0.75) does not say it failed when the text plans it
    if problems and problems[0].score >= th.task_met and not weak and not (planned and problems[0].score < 0.75):
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


def _reporting_headline(s: Sentence) -> bool:
    """True for a line before the body that may report work like the body (a news headline:
    遂宁市知识产权维权援助中心挂牌成立), not one that names a plan or a notice (ZH-SECT-020)."""
    return s.section is Section.FRONT and not FRONT_PLAN.search(s.norm)


def _done_in_clause(m: TaskMatch) -> bool:
    """True when the sentence reports the task done by the end of the clause that names it best (the
    longest echo): 成立了…,…领导小组 is done; …交流合作逐渐扩大,…做出了新贡献 only reports the year."""
    if not m.hits:
        return cues.is_done(m.sentence.norm)
    a, b = best_hit(m.hits)
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
    end = next_mark(MAJOR_END, text, b)
    if end is None:
        return False
    nxt = next_mark(MAJOR_END, text, end + 1)
    return cues.is_planned_by_next(text[end + 1:len(text) if nxt is None else nxt])


def _mostly_intention(clauses: list[tuple[int, int, int]], planned: list[bool]) -> bool:
    """True when most of the matched characters (``clauses``: _clauses_of) stand in clauses that plan
    (``planned``: _planned_clause of each)."""
    total = sum(n for _, _, n in clauses) or 1
    return sum(n for (_, _, n), p in zip(clauses, planned) if p) * 2 > total


def _under_way(sentence: Sentence, clauses: list[tuple[int, int, int]]) -> bool:
    """True when a clause that names the work says it is under way or only an early step of it is done
    (正在建设中, 完成招标, 获批筹建), and nothing announces it: a lead for review, not a plan."""
    text = sentence.norm
    return any(cues.is_under_way(text[a:b]) and not cues.strong_intention_before(text, b)
               for a, b, _ in clauses)


def _later_year(sentence: Sentence, spans: tuple[tuple[int, int], ...], year: int | None,
                published: tuple[int, int] | None = None) -> bool:
    """True when the sentence dates the matched words after the year reported on (2017年,…将建设… in
    a summary of 2016; 2月21日,…会议召开 in news of 2019-02-22 on 2018: ZH-YEAR-019), or their completion (…保护中心
    于2019年6月建成运行 in a summary of 2018: ZH-YEAR-020): next year's work, not this year's."""
    if year is None:
        return False
    completed = _completion_year(sentence.norm, spans)
    if completed is not None and completed > year:
        return True
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


def _completion_year(text: str, spans: tuple[tuple[int, int], ...]) -> int | None:
    """The year the first completion verb from the start of the clause that names the task best dates
    (ZH-YEAR-020: 知识产权保护中心于2019年6月建成运行, …项目总投资2000万元,2019年底建成), up to a ;; None when that verb has no
    year right before it (建成运行,2019年将建成…) or there is none."""
    a, b = best_hit(spans)
    start, end = clause_span(text, a, b)[0], text.find(";", b)
    m = _COMPLETED_IN.search(text, start, len(text) if end < 0 else end)
    return int(m.group("year")) if m is not None and m.group("year") else None


def _named_at(task: Task, sentence: Sentence) -> list[int]:
    """Where ``sentence`` names the task: its keywords, else its head word."""
    names = [k for k in task.keywords if k and k in sentence.norm] or \
        [h for h in (task_head(task.title),) if h and h in sentence.norm]
    return sorted(m.start() for n in names for m in re.finditer(re.escape(n), sentence.norm))


def _done_for(sentence: Sentence, clauses: list[tuple[int, int, int]], planned: list[bool],
              ongoing: list[int] | None = None) -> bool:
    """True when the sentence reports the matched work done: a done cue in a matched clause that
    neither plans nor negates (着力推进…平台建设,力争年底前上线运行 has not put it online), or anywhere
    in a sentence that announces and negates nothing (an intention or a negation elsewhere in it makes a done
    cue in another clause no proof: 建设…保护中心,力争今年投入使用). Work that goes on (扎实推进…建设, ZH-TASK-005) is
    shown done only by a done cue in a major clause that names it (``ongoing``: where its keywords or
    head word stand): a name in one clause and 提供了 clauses on say the thing exists, not that the work
    was pushed on."""
    text = sentence.norm
    if any(cues.is_done(text[a:b]) and not p and not cues.is_negated(text[a:b])
           for (a, b, _), p in zip(clauses, planned)):
        return True
    if ongoing is not None:
        for pos in ongoing or [clauses[0][0]]:
            start = max((m.end() for m in MAJOR_END.finditer(text, 0, pos)), default=0)
            end = next_mark(MAJOR_END, text, pos)
            if cues.is_done(text[start:len(text) if end is None else end]):
                return True
        return False
    return cues.is_done(text) and not (cues.is_intention(text) or cues.is_strong_intention(text) or cues.is_negated(text))


def _negated(sentence: Sentence, clauses: list[tuple[int, int, int]]) -> bool:
    """True when the clauses that name the task mostly say it was not done, or the sentence closes on a
    mark of work not done (ZH-NEG-004: …，基本完成。)."""
    if _NOT_DONE_MARK.search(sentence.norm):
        return True
    total = sum(n for _, _, n in clauses) or 1
    neg = sum(n for a, b, n in clauses if cues.is_negated(sentence.norm[a:b]))
    return neg * 2 > total
