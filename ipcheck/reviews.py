"""Review decisions: a person's recorded verdict on a plan item, kept beside the plan and applied
on later runs only while the plan item and the evidence it was made on are still the ones reviewed.

Pure apart from reading and writing the reviews file. A decision carries the SHA-256 of the plan
item's content without its line number (moving the item in the plan is no change, editing its
value, metric or title is) and, since version 2 of the file, the evidence it was made on: the
sentences as written (the tool's quotes, and a line the person names) and the SHA-256 of the
tool's evidence and figure. It stays applied while that evidence is unchanged: fixing a typo
elsewhere in the summary leaves it alone; editing a quoted sentence, or a new sentence the tool
now quotes, makes it *stale*. A decision with no evidence (and every version-1 decision) keeps
the older rule: the SHA-256 of the summary's whole decoded text. A stale decision is shown, never
trusted; the tool's verdict stands and needs review. A person's "met" never silently carries over
to changed evidence.
"""
from __future__ import annotations

import dataclasses
from decimal import Decimal
import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Iterable

import yaml

from ipcheck.errors import IpcheckError, PlanError, msg
from ipcheck.model import Document, Plan, Report, ReviewDecision, Status, Target, Task, Verdict
from ipcheck.outputs import write_atomic
from ipcheck.units import plain
from ipcheck.verdicts.tally import count
from ipcheck.plans.schema import BAD, Checker, node_line, yaml_errors
from ipcheck.inputs.smallfiles import read_utf8

FORMAT_VERSION = 2
READ_VERSIONS = (1, 2)           # version 1: no evidence fields; still read, written as version 2
MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 20
TOP_KEYS = ("version", "decisions")
DECISION_KEYS = ("item", "summary", "status", "reason", "by", "date", "tool_status",
                 "summary_sha256", "item_sha256")          # also the order written
EVIDENCE_KEYS = ("evidence", "evidence_sha256")            # optional (version 2), written after them
STATUSES = {s.value: s for s in Status}
SUFFIXES = (".yaml", ".yml")
REVIEWS_SUFFIX = ".reviews.yaml"
_SHA_RE = re.compile(r"[0-9a-f]{64}\Z")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z\Z")
# Which change makes a decision stale, in the order reported when both changed.
STALE_ITEM, STALE_SUMMARY, STALE_EVIDENCE = "item_changed", "summary_changed", "evidence_changed"


@dataclass(frozen=True)
class Decision:
    """One recorded decision on ``item`` for the summary at ``summary``: its path relative to the
    reviews file's folder (``../summaries/2015/mianzhu-2015.txt``), so summaries that share a
    file name (a province kept as <city>/<year>/summary.txt) keep their own decisions."""

    item: str
    summary: str
    status: Status
    reason: str
    by: str
    date: str                   # ISO 8601 UTC to the second: 2026-11-23T11:30:00Z
    tool_status: Status         # the tool's verdict when the person decided
    summary_sha256: str
    item_sha256: str
    evidence: tuple[str, ...] = ()      # the sentences it was made on, as written
    evidence_sha256: str | None = None  # the tool's evidence and figure then (None: tied to the summary)
    line: int = 0               # where it sits in the reviews file (0 when not read from one)
    folder: str = ""            # the reviews file's folder, which ``summary`` is relative to

    def is_for(self, summary_path: str) -> bool:
        """Whether this decision is about the summary at ``summary_path``."""
        return _real(os.path.join(self.folder, self.summary)) == _real(summary_path)


# --------------------------------------------------------------------------------------
# where the file is, fingerprints
# --------------------------------------------------------------------------------------

def default_path(plan_path: str) -> str:
    """``plans/mianzhu-2015.yaml`` → ``plans/mianzhu-2015.reviews.yaml``."""
    base = plan_path
    for suffix in SUFFIXES:
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
            break
    return base + REVIEWS_SUFFIX


def is_reviews_file(path: str) -> bool:
    """Whether ``path`` names a reviews file (so a plans folder does not take it for a plan)."""
    name = os.path.basename(path).lower()
    return name.endswith((".reviews.yaml", ".reviews.yml"))


def _real(path: str) -> str:
    return os.path.normcase(os.path.realpath(path))


def summary_key(summary_path: str, reviews_path: str) -> str:
    """How a decision records its summary: the path from the reviews file's folder, with /."""
    folder = os.path.dirname(os.path.realpath(reviews_path))
    try:
        rel = os.path.relpath(os.path.realpath(summary_path), folder)
    except ValueError:           # another drive (Windows): no relative path
        return os.path.realpath(summary_path).replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def summary_fingerprint(document: Document) -> str:
    """SHA-256 of the summary's decoded text (newlines as \\n, no BOM): same text, same print."""
    text = document.text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _norm(text: str) -> str:
    """Text as evidence compares it: NFC, every run of blanks (newlines too) one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def evidence_fingerprint(verdict: Verdict) -> str:
    """SHA-256 of what the tool's verdict rests on: its quoted sentences (normalised, as a set,
    so a moved line is no change) and its figure (text, value, unit)."""
    figure = verdict.figure
    data = {"sentences": sorted({_norm(e.text) for e in verdict.evidence}),
            "figure": None if figure is None else [figure.text.strip(), repr(float(figure.value)), figure.unit]}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """A JSON value for a plan item field: enums by value, whole floats as integers."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (float, Decimal)):
        return plain(value)          # 1750 and 28.5, as the fingerprints were always written
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value


# Fields added to the plan items after decisions were first recorded: left out of the print while
# they hold their default, so adding them did not make every earlier decision stale.
_LATER_FIELDS = ("of", "baseline", "every", "baseline_year", "baseline_source")


def item_fingerprint(item: Target | Task) -> str:
    """SHA-256 of the item's canonical JSON: every field but its line number, and its kind
    (a later optional field only when it is set)."""
    fields = {f.name: _plain(getattr(item, f.name)) for f in dataclasses.fields(item) if f.name != "line"
              and not (f.name in _LATER_FIELDS and getattr(item, f.name) == f.default)}
    fields["kind"] = "target" if isinstance(item, Target) else "task"
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def plan_items(plan: Plan) -> dict[str, Target | Task]:
    """The plan's items by id (ids are unique across targets and tasks)."""
    return {i.id: i for i in (*plan.targets, *plan.tasks)}


def now() -> str:
    """The current time as a decision records it (UTC, to the second)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------------------
# reading and writing
# --------------------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases and deep nesting while composing (hostile files stay cheap)."""

    def __init__(self, stream: str, path: str) -> None:
        super().__init__(stream)
        self.path, self.depth = path, 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        line = self.peek_event().start_mark.line + 1
        if self.check_event(yaml.AliasEvent):
            raise IpcheckError(msg("error.reviews_alias"), path=self.path, line=line)
        if self.depth >= MAX_DEPTH:
            raise IpcheckError(msg("error.nesting", n=MAX_DEPTH), path=self.path, line=line)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(text: str, path: str) -> yaml.Node | None:
    loader = None
    try:
        with yaml_errors(path, text):
            loader = _Loader(text, path)     # the reader checks every character here already
            return loader.get_single_node()
    finally:
        if loader is not None:
            loader.dispose()


def _decision(chk: Checker, node: yaml.Node, k: int) -> Decision | None:
    ctx = f"decisions[{k}]"
    before = len(chk.problems)
    f = chk.fields(node, ctx, msg("error.what.decision"), DECISION_KEYS + EVIDENCE_KEYS, DECISION_KEYS)
    if f is None:
        return None
    got: dict[str, Any] = {"item": chk.ident(f["item"], ctx, "item")} if "item" in f else {}
    for key in ("summary", "reason", "by", "summary_sha256", "item_sha256"):
        if key in f:
            got[key] = chk.text(f[key], ctx, key)
    for key in ("status", "tool_status"):
        if key in f:
            got[key] = chk.choice(f[key], ctx, key, STATUSES, list(STATUSES))
    if "date" in f:
        v = chk.value(f["date"], ctx, "date")
        if isinstance(v, datetime):      # an unquoted timestamp, as a person may write it
            v = (v if v.tzinfo is None else v.astimezone(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
        if v is not BAD and not (isinstance(v, str) and _DATE_RE.match(v)):
            chk.add(f["date"], msg("error.utc_date", ctx=ctx))
        got["date"] = v if isinstance(v, str) else None
    if "evidence" in f:
        got["evidence"] = chk.texts(f["evidence"], ctx, "evidence")
    if "evidence_sha256" in f:
        got["evidence_sha256"] = chk.text(f["evidence_sha256"], ctx, "evidence_sha256")
    for key in ("summary_sha256", "item_sha256", "evidence_sha256"):
        if got.get(key) is not None and not _SHA_RE.match(got[key]):
            chk.add(f[key], msg("error.sha256", ctx=ctx, field=key))
    if ("evidence" in f) != ("evidence_sha256" in f):
        chk.add(node, msg("error.evidence_pair", ctx=ctx))
    if len(chk.problems) > before or any(got.get(key) is None for key in DECISION_KEYS + tuple(
            k for k in EVIDENCE_KEYS if k in f)):
        return None
    return Decision(**got, line=node_line(node))


def parse(text: str, path: str) -> tuple[Decision, ...]:
    """The decisions in reviews-file ``text``; every problem as FILE:LINE (raises PlanError)."""
    root = _compose(text.removeprefix("\ufeff"), path)
    if root is None:
        raise IpcheckError(msg("error.reviews_empty"), path=path)
    chk = Checker(path, yaml.SafeLoader(""))
    top = chk.fields(root, "reviews file", msg("error.what.top"), TOP_KEYS, TOP_KEYS)
    decisions: list[Decision] = []
    if top is not None:
        v = chk.value(top["version"], "reviews file", "version") if "version" in top else BAD
        if "version" in top and (v not in READ_VERSIONS or isinstance(v, bool)):
            chk.add(top["version"], msg("error.reviews_version", version=repr(v),
                                        known=", ".join(map(str, READ_VERSIONS))))
        seq = chk.value(top["decisions"], "reviews file", "decisions") if "decisions" in top else BAD
        if isinstance(seq, yaml.SequenceNode):
            decisions = [d for k, node in enumerate(seq.value) if (d := _decision(chk, node, k))]
        elif seq is not BAD:
            chk.wrong(top["decisions"], "reviews file", "decisions", msg("error.kind.list"), seq)
    seen: dict[tuple[str, str], int] = {}
    for d in decisions:
        if (d.item, d.summary) in seen:
            chk.add(d.line, msg("error.reviews_duplicate", item=d.item, summary=d.summary,
                                line=seen[d.item, d.summary]))
        seen.setdefault((d.item, d.summary), d.line)
    if chk.problems:
        raise PlanError(sorted(chk.problems, key=lambda p: p.line or 0))
    return tuple(decisions)


def load(path: str) -> tuple[Decision, ...]:
    """Read the reviews file at ``path`` (UTF-8); a missing or bad file raises IpcheckError."""
    text = read_utf8(path, msg("error.what.reviews_file"), MAX_BYTES)
    folder = os.path.dirname(os.path.abspath(path))
    return tuple(replace(d, folder=folder) for d in parse(text, path))


def find(plan_path: str, reviews: str | None = None, enabled: bool = True) -> tuple[Decision, ...] | None:
    """The decisions that apply to a check of ``plan_path``: ``reviews`` when named (it must
    exist), else the file beside the plan when there is one; None when disabled or absent."""
    if not enabled:
        return None
    if reviews is not None:
        return load(reviews)
    beside = default_path(plan_path)
    return load(beside) if os.path.isfile(beside) else None


def dump(decisions: Iterable[Decision]) -> str:
    """The reviews file's text: version 1, decisions sorted by (item, summary), fixed key order."""
    rows = [{key: (v.value if isinstance(v := getattr(d, key), Status) else v) for key in DECISION_KEYS}
            | ({"evidence": list(d.evidence), "evidence_sha256": d.evidence_sha256} if d.evidence_sha256 else {})
            for d in sorted(decisions, key=lambda d: (d.item, d.summary))]
    body = yaml.safe_dump({"version": FORMAT_VERSION, "decisions": rows}, allow_unicode=True,
                          sort_keys=False, width=10**6, default_flow_style=False)
    return ("# Review decisions for ipcheck (written by `ipcheck review`; see the README).\n"
            "# A decision applies only while the plan item and the evidence it was made on are unchanged.\n" + body)


def save(path: str, decisions: Iterable[Decision], inputs: tuple[str, ...] = ()) -> None:
    """Write the reviews file atomically (never half-written, never over an input)."""
    write_atomic(path, dump(decisions), inputs=inputs)


def record(decisions: Iterable[Decision], new: Decision) -> tuple[Decision, ...]:
    """``decisions`` with ``new`` in place of any earlier one on the same (item, summary)."""
    return tuple(d for d in decisions if (d.item, d.summary) != (new.item, new.summary)) + (new,)


# --------------------------------------------------------------------------------------
# applying
# --------------------------------------------------------------------------------------

def staleness(decision: Decision, item: Target | Task, summary_sha256: str, verdict: Verdict | None = None,
              text: str | None = None) -> str:
    """'' when the decision still holds, else what changed: 'item_changed' (checked first), then
    for a decision tied to its evidence 'evidence_changed' (the tool's evidence or figure differs,
    or a sentence it was made on is gone from ``text``, the summary), else 'summary_changed'."""
    if decision.item_sha256 != item_fingerprint(item):
        return STALE_ITEM
    if decision.evidence_sha256 is not None and verdict is not None and text is not None:
        whole = _norm(text)
        if evidence_fingerprint(verdict) != decision.evidence_sha256 or \
                not all(_norm(s) in whole for s in decision.evidence):
            return STALE_EVIDENCE
        return ""
    if decision.summary_sha256 != summary_sha256:
        return STALE_SUMMARY
    return ""


def decision_on(verdict: Verdict, item: Target | Task, document: Document, *, summary: str, status: Status,
                reason: str, by: str, date: str, pointed: tuple[str, ...] = ()) -> Decision:
    """A new decision on ``verdict``'s item (the tool's verdict now) for ``document``, recorded as
    ``summary``: tied to the tool's quoted sentences and figure and to the ``pointed`` sentences the
    person read (a line they named); to the whole summary when there is neither."""
    sentences = tuple(dict.fromkeys([e.text for e in verdict.evidence] + list(pointed)))
    tied = bool(sentences) or verdict.figure is not None
    return Decision(item=verdict.item_id, summary=summary, status=status, reason=reason, by=by, date=date,
                    tool_status=verdict.status, summary_sha256=summary_fingerprint(document),
                    item_sha256=item_fingerprint(item), evidence=sentences if tied else (),
                    evidence_sha256=evidence_fingerprint(verdict) if tied else None)


def reconfirmed(decision: Decision, verdict: Verdict, item: Target | Task, document: Document, *, by: str,
                date: str) -> Decision:
    """A stale ``decision`` re-applied after a person looked again: the same status and reason, by
    ``by`` now, tied to the evidence as it is now (the sentences it was made on that remain)."""
    whole = _norm(document.text)
    kept = tuple(s for s in decision.evidence if _norm(s) in whole)
    return decision_on(verdict, item, document, summary=decision.summary, status=decision.status,
                       reason=decision.reason, by=by, date=date, pointed=kept)


def _applied(v: Verdict, d: Decision, stale: str) -> Verdict:
    review = ReviewDecision(status=d.status, reason=d.reason, by=d.by, date=d.date, tool_status=v.status,
                            reviewed_tool_status=d.tool_status, applied=not stale, stale=stale)
    if not stale:
        return replace(v, status=d.status, needs_review=False, review=review)
    what = {STALE_ITEM: "plan_item", STALE_EVIDENCE: "evidence"}.get(stale, "summary")
    warning = msg("warning.review_stale", what=msg(f"warning.what.{what}"), by=d.by,
                  status=msg(f"status.{d.status.value}"), date=d.date)
    return replace(v, needs_review=True, review=review, warnings=v.warnings + (warning,))


def apply(report: Report, decisions: Iterable[Decision], plan: Plan, document: Document) -> Report:
    """The report with every decision on this summary applied, or flagged stale; counts follow the
    effective statuses, and a decision on an item no longer in the plan is a report warning."""
    mine = {d.item: d for d in decisions if d.is_for(report.summary_path)}
    name = os.path.basename(report.summary_path)
    if not mine:
        return report
    items, printed = plan_items(plan), summary_fingerprint(document)
    verdicts = tuple(_applied(v, mine[v.item_id], staleness(mine[v.item_id], items[v.item_id], printed, v, document.text))
                     if v.item_id in mine and v.item_id in items else v for v in report.verdicts)
    orphans = tuple(msg("warning.review_orphan", by=d.by, status=msg(f"status.{d.status.value}"), item=d.item,
                        summary=name) for d in mine.values() if d.item not in items)
    return replace(report, verdicts=verdicts, counts=count(verdicts), warnings=report.warnings + orphans)
