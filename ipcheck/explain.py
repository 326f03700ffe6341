"""Why one item's verdict came out as it did: every candidate the matcher returned, how the
verdict rules classified it, and the verdict itself (exactly the one ``check`` gives).

Pure, and no second copy of the rules: the classification is verdicts.classify_*_matches,
the very functions decide_target/decide_task use, over check.prepare's year, scope and index.
"""
from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Any

from ipcheck.check import Prepared, Settings, finish, prepare
from ipcheck.errors import IpcheckError, msg
from ipcheck.i18n import warning_fields
from ipcheck.verdicts.matching import match_task, task_head
from ipcheck.verdicts.targets import match_target
from ipcheck.model import Document, Figure, Plan, Report, ReviewDecision, Sentence, Target, Task, Verdict
from ipcheck.reading.trace import figure_rules, sentence_rules
from ipcheck.reviews import apply as apply_reviews
from ipcheck.units import plain
from ipcheck.verdicts.decide import ACTUAL, TargetCandidate, classify_target_matches, clause_span, decide_target, figure_evidence
from ipcheck.verdicts.tasks import TaskCandidate, classify_task_matches, decide_task

SCHEMA = 1


@dataclass(frozen=True)
class Explanation:
    """One item explained; ``to_dict`` is the JSON contract and what the text reporter reads."""

    plan: dict[str, Any]
    summary: dict[str, Any]
    item: dict[str, Any]
    thresholds: dict[str, Any]
    candidates: tuple[dict[str, Any], ...]
    verdict: Verdict
    review: ReviewDecision | None = None      # a person's recorded decision on the item, if any

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-ready dict (sorted when dumped); candidates best first."""
        return {"schema": SCHEMA, "plan": self.plan, "summary": self.summary, "item": self.item,
                "thresholds": self.thresholds, "candidates": list(self.candidates),
                "verdict": _verdict_dict(self.verdict), "review": self.review.as_dict() if self.review else None}


def explain(plan: Plan, document: Document, item_id: str, settings: Settings = Settings(),
            prepared: Prepared | None = None) -> Explanation:
    """Explain the verdict on plan item ``item_id`` against ``document``; ``prepared`` (from
    check.prepare with the same inputs) saves reading the summary again for each of many items."""
    item = find_item(plan, item_id)
    prep = prepared if prepared is not None else prepare(plan, document, settings)
    th = settings.thresholds
    if isinstance(item, Target):
        matches = match_target(item, prep.index, plan.meta.region)
        verdict = decide_target(item, matches, prep.year, th)
        candidates = [_target_candidate(c, item) for c in classify_target_matches(item, matches, prep.year, th)]
        fields = _target_fields(item)
    else:
        matches = match_task(item, prep.index)
        start = plan.meta.period.start if plan.meta.period else None
        verdict = decide_task(item, matches, prep.year, th, start, plan.meta.known_region, prep.published)
        candidates = [_task_candidate(c) for c in classify_task_matches(item, matches, prep.year, th,
                                                                        plan.meta.known_region, prep.published)]
        fields = _task_fields(item)
    verdict = finish(verdict, document, prep)
    review = _review(plan, document, prep, verdict, settings)
    cited = {(e.sentence, tuple(map(tuple, e.highlight))) for e in verdict.evidence}
    for rank, c in enumerate(candidates, 1):
        c["rank"] = rank
        c["decided"] = (c.pop("_sentence"), c.pop("_spans")) in cited
        c.update(_place(c["line"], document))
    return Explanation(plan={"id": plan.meta.id, "title": plan.meta.title, "region": plan.meta.region,
                             "path": plan.path},
                       summary=_summary(document, prep),
                       item=fields, thresholds=asdict(th), candidates=tuple(candidates), verdict=verdict,
                       review=review)


def _review(plan: Plan, document: Document, prep: Prepared, verdict: Verdict,
            settings: Settings) -> ReviewDecision | None:
    """The recorded decision on this item for this summary, checked as `ipcheck check` checks it
    (applied, or stale): explain explains the tool's verdict and shows the person's beside it."""
    if not settings.reviews:
        return None
    one = Report(plan=plan, summary_path=document.path, summary_encoding=document.encoding,
                 summary_year=prep.year, verdicts=(verdict,))
    return apply_reviews(one, settings.reviews, plan, document).verdicts[0].review


def find_item(plan: Plan, item_id: str) -> Target | Task:
    """The target or task with id ``item_id``; an unknown id is an error naming the closest ids."""
    items: dict[str, Target | Task] = {t.id: t for t in (*plan.targets, *plan.tasks)}
    wanted = str(item_id).strip()
    if wanted in items:
        return items[wanted]
    folded = {k.casefold(): v for k, v in items.items()}
    if wanted.casefold() in folded:
        return folded[wanted.casefold()]
    close = difflib.get_close_matches(wanted, list(items), n=3, cutoff=0.0) or list(items)[:3]
    raise IpcheckError(msg("error.no_item_count", item=repr(wanted), n=len(items)), path=plan.path or None,
                       hint=msg("error.hint.closest_ids", names=", ".join(close)) if close else msg("error.hint.no_items"))


def _summary(document: Document, prep: Prepared) -> dict[str, Any]:
    s = prep.where.sentences
    return {"path": document.path, "encoding": document.encoding, "year": prep.year,
            "scope": {"sentences": len(s), "first_line": s[0].line if s else None,
                      "last_line": s[-1].line if s else None, "foreign": bool(prep.where.foreign),
                      **warning_fields(prep.warnings)}}


def _target_fields(t: Target) -> dict[str, Any]:
    return {"kind": "target", "id": t.id, "metric": t.metric, "measure": t.measure.value, "op": t.op.value,
            "value": plain(t.value), "unit": t.unit, "due": t.due, "aliases": list(t.aliases),
            "exclude": list(t.exclude), "source": t.source, "line": t.line}


def _task_fields(t: Task) -> dict[str, Any]:
    return {"kind": "task", "id": t.id, "title": t.title, "keywords": list(t.keywords),
            "owners": list(t.owners), "due": t.due, "section": t.section, "line": t.line,
            "head": task_head(t.title)}


def _sentence(s: Sentence, score: float) -> dict[str, Any]:
    return {"line": s.line, "section": s.section.value, "text": s.text, "score": score,
            "_sentence": s.index}


def _figure(f: Figure) -> dict[str, Any]:
    return {"text": f.text.strip(), "value": plain(f.value, 6), "unit": f.unit, "kind": f.kind.value,
            "quantity": f.quantity, "qualifier": f.qualifier, "low": plain(f.low, 6), "high": plain(f.high, 6),
            "year": f.year, **warning_fields(f.warnings), "start": f.start, "end": f.end}


_RESULT = {True: "holds", False: "fails", None: "open"}


def _target_candidate(c: TargetCandidate, target: Target) -> dict[str, Any]:
    out = _sentence(c.match.sentence, c.match.score)
    lo, hi = c.interval
    s, f = c.match.sentence, c.match.figure
    rules = sentence_rules(s, clause_span(s.norm, f.start, f.end)) + figure_rules(f, s.norm)
    shown = figure_evidence(c.match)
    out.update(figure=_figure(c.match.figure), interval=[plain(lo, 6), plain(hi, 6)], unit=target.unit,
               rules=list(dict.fromkeys(rules)), text=shown.text, highlight=[list(h) for h in shown.highlight],
               **{"class": c.why, "detail": "", "compare": _RESULT[c.result] if c.why == ACTUAL else None},
               _spans=shown.highlight)
    return out


def _task_candidate(c: TaskCandidate) -> dict[str, Any]:
    out = _sentence(c.match.sentence, c.match.score)
    out.update(hits=[list(h) for h in c.match.hits], head=c.match.head, detail=c.detail,
               rules=list(sentence_rules(c.match.sentence)),
               _spans=tuple(map(tuple, c.match.hits)), **{"class": c.group})
    return out


def _place(line: int, document: Document) -> dict[str, Any]:
    """The PDF page and line on it of text line ``line`` (None for other documents)."""
    loc = document.locations
    if loc and 1 <= line <= len(loc):
        return {"page": loc[line - 1][0], "page_line": loc[line - 1][1]}
    return {"page": None, "page_line": None}


def _verdict_dict(v: Verdict) -> dict[str, Any]:
    return {"item_id": v.item_id, "kind": v.kind, "status": v.status.value, "needs_review": v.needs_review,
            "reason": v.reason, "message": v.message, "confidence": v.confidence,
            "params": {k: val for k, val in v.params}, **warning_fields(v.warnings),
            "figure": _figure(v.figure) if v.figure else None,
            "evidence": [{"line": e.line, "section": e.section.value, "score": e.score, "text": e.text,
                          "page": e.page, "page_line": e.page_line} for e in v.evidence]}
