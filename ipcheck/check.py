"""Orchestration: plan + summary document -> Report. Pure: it never prints, reads argv or exits."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace

from ipcheck.errors import Message, msg
from ipcheck.reading.figures import document_figures
from ipcheck.verdicts.matching import SentenceIndex, match_task
from ipcheck.verdicts.targets import match_target
from ipcheck.i18n import recurring_message, verdict_message
from ipcheck.model import Document, Figure, Measure, Mismatch, Op, Plan, Report, Sentence, Status, Target, Task, Verdict
from ipcheck.units import format_number
from ipcheck.reading.regions import Scope, mentions, scope
from ipcheck.reviews import Decision, apply as apply_reviews
from ipcheck.reading.text import normalise, segment
from ipcheck.reading.years import own_date, published, read_year, states_year
from ipcheck.verdicts.tally import count
from ipcheck.verdicts.decide import Thresholds, decide_target, is_not_due, with_progress
from ipcheck.verdicts.tasks import decide_task
from ipcheck.verdicts.pace import pace_of


@dataclass(frozen=True)
class Settings:
    """What a check may be told from outside: the summary's year, the match thresholds and the
    recorded review decisions to apply (ipcheck.reviews; None: none)."""

    year: int | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    reviews: tuple[Decision, ...] | None = None


# Digits split by a blank: after normalise() a zero-width or bidi control (1\u200b796件),
# NBSP or thin space is a plain space, and the reader would silently take 796 for 1796. A tab is no such
# blank: it separates the cells of a row copied from a spreadsheet (6000\t6840).
_SPLIT_NUMBER = re.compile(r"[0-9][.,]?[^\S\t]+[.,]?(?=[0-9])")
# Bidirectional controls (LRE..RLO, LRI..PDI): a number next to one may show reversed.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def _split_warning(s: Sentence, f: Figure) -> Message | None:
    """A warning when the figure's digits continue across a blank just before or inside it."""
    for m in _SPLIT_NUMBER.finditer(s.norm, max(0, f.start - 8), f.end):
        if m.end() == f.start or f.start <= m.start() < f.end:
            gap = "".join(f"U+{ord(c):04X}" for c in s.text[m.start():m.end()]
                          if not ("0" <= c <= "9" or c in ".,"))
            return msg("warning.split_number", text=s.text[m.start():f.end], gap=gap, read=f.text)
    near = s.text[max(0, f.start - 1):f.end]
    bidi = [c for c in near if c in _BIDI]
    if bidi:
        return msg("warning.bidi_control", gap=f"U+{ord(bidi[0]):04X}", text=f.text, read=f.text)
    return None


def read_figures(sentences: tuple[Sentence, ...], dated: int | None = None) -> dict[int, tuple[Figure, ...]]:
    """Every figure of every sentence, keyed by sentence index; a figure whose digits run on
    across an invisible or space character carries a split_number warning (needs review); a
    figure scoped by 去年 or 今年 dated from ``dated``, the year the text was written in."""
    out = {}
    read = document_figures(sentences)
    for s in sentences:
        figures = read[s.index]
        if dated is not None:
            figures = tuple(replace(f, year=dated + f.year_offset) if f.year_offset is not None else f
                            for f in figures)
        if _SPLIT_NUMBER.search(s.norm) or not _BIDI.isdisjoint(s.text):
            figures = tuple(replace(f, warnings=f.warnings + (w,)) if (w := _split_warning(s, f))
                            else f for f in figures)
        out[s.index] = figures
    return out


def decide(plan: Plan, index: SentenceIndex, year: int | None,
           thresholds: Thresholds, dateline: tuple[int, int] | None = None) -> tuple[Verdict, ...]:
    """One verdict per plan item, targets first, each in plan order. An item with no due year is due at the
    end of the plan's period, when the plan gives one. A recurring item (every: year) is due in each year of
    its period up to its due year: it is judged as due in the summary's year, and its verdict says which year
    it was checked for."""
    start, end = (plan.meta.period.start, plan.meta.period.end) if plan.meta.period else (None, None)
    region = plan.meta.known_region
    out = [_recurring(_due_by(t, end), year, start,
                      lambda x: decide_target(x, match_target(x, index, region), year, thresholds))
           for t in plan.targets]
    out += [_recurring(_due_by(t, end), year, start,
                       lambda x: decide_task(x, match_task(x, index), year, thresholds, start, region, dateline))
            for t in plan.tasks]
    return tuple(out)


def _due_by(item: Target | Task, end: int | None) -> Target | Task:
    """``item``, due at the end of the plan's period when it names no due year of its own: a five-year plan's
    task with no date is the plan's by its last year, not due in every year before it."""
    return replace(item, due=end) if item.due is None and end is not None else item


# How often a recurring item is due in a year (plan ``every``); a quarterly count is held, in a
# yearly summary, against that many times its quarterly value.
_PER_YEAR = {"year": 1, "quarter": 4}


def _recurring(item, year: int | None, start: int | None, judge) -> Verdict:  # type: ignore[no-untyped-def]
    """``judge(item)``, with a recurring item due in the summary's year when that year is in range.
    A quarterly target (每季度召开1次) is judged against the year's figure, as that many times its
    value when it counts up (a level, >= or >), and always needs review."""
    if item.every not in _PER_YEAR or year is None or item.due is None or year > item.due \
            or (start is not None and year < start):
        return judge(item)
    times = _PER_YEAR[item.every]
    now = replace(item, due=year)
    extra: tuple[tuple[str, str], ...] = (("every", item.every), ("checked_for", str(year)))
    quarterly_target = times > 1 and isinstance(item, Target)
    if quarterly_target and item.measure is Measure.LEVEL and item.op in (Op.GE, Op.GT):
        now = replace(now, value=item.value * times)
        extra += (("per_year", format_number(item.value * times)),)
    v = judge(now)
    params = v.params + extra
    return replace(v, params=params, needs_review=v.needs_review or quarterly_target,
                   message=recurring_message(v.message, params, "en"))


def _on_pages(verdict: Verdict, locations: tuple[tuple[int, int], ...]) -> Verdict:
    """The verdict with each evidence sentence placed on its PDF page, as the reader finds it."""
    placed = tuple(replace(e, page=locations[e.line - 1][0], page_line=locations[e.line - 1][1])
                   if 1 <= e.line <= len(locations) else e for e in verdict.evidence)
    return replace(verdict, evidence=placed)


# No year at all (no title, sum-up, dated result or date): an item due some year may not be due yet.
YEAR_UNKNOWN = msg("warning.year_unknown")


@dataclass(frozen=True)
class Prepared:
    """What every item is checked against: the summary's year, the scope (a compilation
    narrowed to the plan's region) and the sentence index over it."""

    year: int | None
    where: Scope
    index: SentenceIndex
    year_warning: Message | None = None
    thresholds_warning: Message | None = None
    year_guess: Message | None = None      # the year was inferred (not a title's): how, as a warning
    published: tuple[int, int] | None = None   # the text's dateline (year, month): ZH-YEAR-019


    @property
    def warnings(self) -> tuple[Message, ...]:
        """The report-level warnings: the scope's, a year given against the title's, and match
        thresholds changed from the defaults (a reader must know the report was made with them)."""
        return self.where.warnings + tuple(w for w in (self.year_warning, self.year_guess,
                                                       self.thresholds_warning) if w)


def thresholds_warning(thresholds: Thresholds) -> Message | None:
    """"thresholds: task_met 0.5 (default 0.6)" for every threshold not at its default."""
    default = Thresholds()
    changed = [f"{f.name} {getattr(thresholds, f.name)} (default {getattr(default, f.name)})"
               for f in fields(Thresholds) if getattr(thresholds, f.name) != getattr(default, f.name)]
    return msg("warning.thresholds", changed=", ".join(changed)) if changed else None


def prepare(plan: Plan, document: Document, settings: Settings = Settings()) -> Prepared:
    """Year, scope and index for checking ``plan`` against ``document`` (shared with explain)."""
    norm = normalise(document.text)          # once: the year, the dateline and the sentences read it
    reading = read_year(document, norm)
    titled = reading.year
    stated = year = settings.year if settings.year is not None else titled     # given or read, never the plan's
    mismatch: Message | None = None
    guess: Message | None = None
    if settings.year is not None and titled is not None and titled != settings.year:
        mismatch = msg("warning.year_mismatch", titled=titled, year=settings.year)
    elif year is None and plan.years is not None:
        year = plan.years[0]     # no year in the text: the plan's first year, a guess every verdict carries
        guess = msg("warning.year_from_plan", year=year, start=plan.years[0], end=plan.years[1])
    elif year is None:
        guess = YEAR_UNKNOWN
    elif settings.year is None and reading.guess:
        guess = (msg("warning.year_guess.line", year=year, line=reading.line, text=reading.quote) if reading.line
                 else msg("warning.year_guess", year=year, text=reading.quote))
    dateline = published(document, norm)
    dated = own_date(reading, dateline) or stated      # the checked year only for an undated text (去年…)
    where = scope(segment(document, year=year, norm=norm, dated=dated), plan.meta.known_region)
    return Prepared(year, where, SentenceIndex(where.sentences, read_figures(where.sentences, dated)), mismatch,
                    thresholds_warning(settings.thresholds), guess, dateline)


def mismatch(plan: Plan, prep: Prepared) -> Mismatch | None:
    """Whether the summary belongs to another plan: about another region, or reporting on a year
    outside the plan's years. The year before a plan starts is not outside: that year's summary
    announces the plan (the 2015 summary with its 2016年工作计划), as batches pair them."""
    if prep.where.foreign:
        return Mismatch("region", prep.where.foreign, plan.meta.region)
    years = plan.years
    if prep.year is not None and years is not None and not years[0] - 1 <= prep.year <= years[1]:
        span = str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}"
        return Mismatch("year", str(prep.year), span)
    return None


def finish(verdict: Verdict, document: Document, prep: Prepared) -> Verdict:
    """The verdict as reported: evidence placed on PDF pages; a met or missed on another
    region's summary, or on a summary read as another year than its title's, flagged for review."""
    if document.locations:
        verdict = _on_pages(verdict, document.locations)
    if prep.where.foreign and verdict.status in (Status.MET, Status.MISSED):
        verdict = _elsewhere(verdict, prep)
    if prep.year_warning and verdict.status in (Status.MET, Status.MISSED):
        verdict = replace(verdict, needs_review=True, warnings=verdict.warnings + (prep.year_warning,))
    if prep.year_guess is not None and prep.year_guess.key == "warning.year_from_plan":
        verdict = replace(verdict, needs_review=True)        # every verdict hangs on a year the text never gives
    elif prep.year_guess == YEAR_UNKNOWN and verdict.status is Status.UNREPORTED \
            and any(k == "due" for k, _ in verdict.params):
        verdict = replace(verdict, needs_review=True)        # the report's warning says why, once
    elif prep.year_guess and verdict.status is Status.MET and _undated_beside_dated(verdict, prep):
        verdict = _undated(verdict, prep.year_guess)
    elif prep.year_guess and verdict.status in (Status.MET, Status.MISSED) and not _states_year(verdict, prep.year):
        verdict = replace(verdict, needs_review=True, warnings=verdict.warnings + (prep.year_guess,))
    return with_progress(verdict)


def _elsewhere(verdict: Verdict, prep: Prepared) -> Verdict:
    """A met or missed read from another region's summary (a city's text against a province's plan, 德阳 for
    绵竹): its figures and work are that region's, so it neither meets nor misses the plan's item; pending
    when the item is not due yet, else unreported, for a person to review with the evidence kept. A deciding
    sentence that names the plan's region itself stands (and a met is flagged for review)."""
    if verdict.evidence and mentions(verdict.evidence[0].text, prep.where.region):
        if verdict.status is Status.MISSED:    # its sentence names the plan's region itself (使广汉市驰名商标达到5件)
            return verdict
        return replace(verdict, needs_review=True, warnings=verdict.warnings + prep.where.warnings[:1])
    due = dict(verdict.params).get("due")
    not_due = is_not_due(int(due) if due is not None else None, prep.year)
    reason = f"{verdict.kind}.other_region"
    params = verdict.params + (("found", prep.where.foreign),)
    return replace(verdict, status=Status.PENDING if not_due else Status.UNREPORTED, needs_review=True,
                   reason=reason, params=params, message=verdict_message(reason, params, "en") or verdict.message,
                   warnings=verdict.warnings + prep.where.warnings[:1])


def _undated_beside_dated(verdict: Verdict, prep: Prepared) -> bool:
    """True when the verdict rests on a figure with no year of its own in a sentence whose other figures the
    writer dated (提高到2020年的60.03%;每万人口发明专利拥有量达16.9件): with the text's year a guess, nothing
    says which year the figure is of."""
    f = verdict.figure
    if f is None or f.year is not None or f.year_offset is not None or f.row is not None or not verdict.evidence:
        return False            # a table's cell is dated by its column (tables.py), not by its row's other cells
    beside = prep.index.figures.get(verdict.evidence[0].sentence, ())
    return any(o.year is not None and o.start != f.start for o in beside)


def _undated(verdict: Verdict, guess: Message) -> Verdict:
    """A met that rests on a figure no year is said for, in a text whose year is a guess: unreported, for a
    person to review with the evidence kept."""
    reason = "target.undated"
    params = verdict.params + (("figure", verdict.figure.text.strip() if verdict.figure else ""),)
    return replace(verdict, status=Status.UNREPORTED, needs_review=True, confidence=min(verdict.confidence, 0.4),
                   reason=reason, params=params,
                   message=verdict_message(reason, params, "en") or verdict.message,
                   warnings=verdict.warnings + (guess,))


def _states_year(verdict: Verdict, year: int | None) -> bool:
    """True when the verdict's figure, or its first evidence sentence, is dated ``year`` itself."""
    if verdict.figure is not None and verdict.figure.year is not None:
        return verdict.figure.year == year
    return bool(verdict.evidence) and states_year(verdict.evidence[0].text, year)


def _paced(verdict: Verdict, plan: Plan, targets: dict, year: int | None) -> Verdict:
    """A pending target's verdict with its pace on the path from the plan's baseline, if known."""
    target = targets.get(verdict.item_id) if verdict.kind == "target" else None
    pace = pace_of(target, verdict, year, plan.meta.period) if target is not None else None
    return replace(verdict, pace=pace) if pace is not None else verdict


def check(plan: Plan, document: Document, settings: Settings = Settings()) -> Report:
    """Check every item of ``plan`` against the summary ``document``."""
    prep = prepare(plan, document, settings)
    targets = {t.id: t for t in plan.targets}
    verdicts = tuple(_paced(finish(v, document, prep), plan, targets, prep.year)
                     for v in decide(plan, prep.index, prep.year, settings.thresholds, prep.published))
    report = Report(plan=plan, summary_path=document.path, summary_encoding=document.encoding,
                    summary_year=prep.year, verdicts=verdicts, counts=count(verdicts),
                    warnings=prep.warnings, mismatch=mismatch(plan, prep))
    return apply_reviews(report, settings.reviews, plan, document) if settings.reviews else report
