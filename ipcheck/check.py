"""Orchestration: plan + summary document -> Report. Pure: it never prints, reads argv or exits."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from ipcheck.figures import extract_figures
from ipcheck.matching import SentenceIndex, match_target, match_task
from ipcheck.model import Document, Figure, Plan, Report, Sentence, Status, Verdict
from ipcheck.regions import scope
from ipcheck.text import segment, summary_year
from ipcheck.verdicts import Thresholds, decide_target, decide_task


@dataclass(frozen=True)
class Settings:
    """What a check may be told from outside: the summary's year and the match thresholds."""

    year: int | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)


def read_figures(sentences: tuple[Sentence, ...]) -> dict[int, tuple[Figure, ...]]:
    """Every figure of every sentence, keyed by sentence index."""
    return {s.index: extract_figures(s.norm) for s in sentences}


def decide(plan: Plan, index: SentenceIndex, year: int | None,
           thresholds: Thresholds) -> tuple[Verdict, ...]:
    """One verdict per plan item, targets first, each in plan order."""
    out = [decide_target(t, match_target(t, index), year, thresholds) for t in plan.targets]
    out += [decide_task(t, match_task(t, index), year, thresholds) for t in plan.tasks]
    return tuple(out)


def count(verdicts: tuple[Verdict, ...]) -> dict[str, int]:
    """Items per status, every status present, plus how many need review."""
    c = Counter(v.status.value for v in verdicts)
    counts = {s.value: c.get(s.value, 0) for s in Status}
    counts["needs_review"] = sum(1 for v in verdicts if v.needs_review)
    counts["total"] = len(verdicts)
    return counts


def check(plan: Plan, document: Document, settings: Settings = Settings()) -> Report:
    """Check every item of ``plan`` against the summary ``document``."""
    year = settings.year if settings.year is not None else summary_year(document)
    where = scope(segment(document, year=year), plan.meta.region)
    index = SentenceIndex(where.sentences, read_figures(where.sentences))
    verdicts = decide(plan, index, year, settings.thresholds)
    if where.foreign:
        verdicts = tuple(replace(v, needs_review=True, warnings=v.warnings + where.warnings[:1])
                         if v.status is Status.MET else v for v in verdicts)
    return Report(plan=plan, summary_path=document.path, summary_encoding=document.encoding,
                  summary_year=year, verdicts=verdicts, counts=count(verdicts), warnings=where.warnings)
