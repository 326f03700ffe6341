"""Draft a version-1 plan (YAML text) from a plan document, for a person to review.

``draft(document)`` reads the numbered structure (``draft_structure``), the metadata, tasks and
targets (``draft_extract``, which states the rules) and writes the YAML itself: keys in schema
order, strings quoted only where YAML needs it, every item with its source line as a comment
(``# line 7``) and doubtful ones marked ``# REVIEW: why``. The same input gives the same bytes.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ipcheck.plans.draft_extract import structure, target_items
from ipcheck.plans.draft_tasks import DraftItem, concise, keywords, task_items
from ipcheck.plans.draft_commit import committed_at, is_result, text_year
from ipcheck.plans.draft_prose import task_phrases
from ipcheck.plans.draft_structure import Block, line_of
from ipcheck.plans.draft_table import table_rows, table_tasks
from ipcheck.plans.draft_meta import DraftMeta, embedded_range, is_summary, read_meta
from ipcheck.errors import IpcheckError, msg
from ipcheck.model import PLACEHOLDER, Document
from ipcheck.reading.text import normalise, summary_year


@dataclass(frozen=True)
class Draft:
    """The drafted plan as YAML text, with what was found."""

    yaml: str
    tasks: int
    targets: int
    review: int
    first_line: int
    last_line: int
    left_out: int = 0           # figures left out on purpose, listed as comments in the draft

    @property
    def summary(self) -> str:
        return (f"drafted {self.tasks} tasks, {self.targets} targets, {self.review} to review, "
                f"{self.left_out} figures left out (listed as comments)")


class DraftError(IpcheckError):
    """A document no plan can be drafted from (nothing numbered, a bad line range)."""


def draft(doc: Document, plan_id: str | None = None, region: str | None = None,
          from_line: int | None = None, to_line: int | None = None) -> Draft:
    """Draft a plan from ``doc``; ``from_line``/``to_line`` (1-based, inclusive) restrict it
    to part of the document. Without them a plan quoted in a work summary (三、2016年工作计划)
    is found by its heading and drafted alone."""
    text = doc.file_text                # the file's own lines (hardwrap)
    norm = normalise(text)
    starts = [0] + [m.end() for m in re.finditer("\n", norm)]
    n_lines = len(starts)
    embedded = False
    if from_line is None and to_line is None:
        found = embedded_range(norm)
        if found:
            from_line, to_line = found
            embedded = True
        elif is_summary(norm):
            raise DraftError(msg("error.draft_summary"), path=doc.path, hint=msg("error.hint.line_range"))
    first, last = from_line or 1, to_line or n_lines
    if not 1 <= first <= last or first > n_lines:
        raise DraftError(msg("error.draft_range", first=first, last=last, n=n_lines), path=doc.path)
    last = min(last, n_lines)
    embedded = embedded or first > 1
    lo = starts[first - 1]
    hi = starts[last] - 1 if last < n_lines else len(norm)
    blocks = structure(norm, lo, hi, starts)
    prose = not blocks
    if prose:       # news, a speech, an excerpt: the whole text is one part, read sentence by sentence
        blocks = [Block(level=1, number=0, start=lo, body_start=lo, head_end=lo, end=hi,
                        line=line_of(starts, lo))]
    body = blocks[0].start
    meta = read_meta(text, norm, lo, body, hi, embedded, blocks)
    if region:
        meta.region = region
    if embedded and meta.period is None:
        year = summary_year(doc)        # "下一步工作计划" in a 2015 summary: the plan for 2016
        if year is not None:
            meta.period = (year + 1, year + 1)
            meta.review = [r for r in meta.review if not r.startswith("period:")]
            meta.notes.append(f"period: the year after the summary's year {year}")
    rows = table_rows(norm, lo, hi, starts)
    targets = target_items(text, norm, blocks, lo, hi, meta.period, starts, prose, rows)
    if prose and meta.period is None:   # news of a plan: its period ends at the last due year it names
        dues = sorted({int(t.fields["due"]) for t in targets if not t.skipped and "due" in t.fields})
        if dues:
            meta.period = (dues[0], dues[-1])
            meta.review = [r for r in meta.review if not r.startswith("period:")]
            meta.review.append(f"period: {dues[0]}-{dues[-1]}, the due years the text names; check it")
    tasks = task_items(text, norm, blocks, hi, meta.period, starts) if not prose else \
        prose_tasks(text, norm, lo, hi, starts, set(), meta.period, [(r.start, r.end) for r in rows])
    tasks += table_tasks(text, rows, meta.period, tasks)
    left = sum(t.left_out for t in targets)
    if not tasks and not any(not t.skipped for t in targets):
        raise DraftError(msg("error.draft_nothing_left", n=left) if left else msg("error.draft_nothing_found"),
                         path=doc.path, hint=msg("error.hint.line_range"))
    ident = plan_id or _slug(Path(doc.path).stem)
    out = _write(doc.path, first, last, ident, meta, targets, tasks)
    n_review = sum(1 for item in targets + tasks if item.review) + (1 if meta.review else 0)
    return Draft(yaml=out, tasks=len(tasks), targets=sum(1 for t in targets if not t.skipped),
                 review=n_review, first_line=first, last_line=last, left_out=left)


def prose_tasks(text: str, norm: str, lo: int, hi: int, starts: list[int], have: set,
                period: tuple[int, int] | None, table: list[tuple[int, int]] | None = None) -> list[DraftItem]:
    """Tasks named in running text (ipcheck.plans.draft_prose.task_phrases), ids P1, P2 …; a
    table's rows (``table``: their spans) are tasks of their own (ipcheck.plans.draft_table)."""
    out: list[DraftItem] = []
    sentences = committed_at(norm, lo, hi)
    own = text_year(norm)
    for pos, phrase in task_phrases(norm, lo, hi):
        if any(a <= pos < b for a, b in table or []):
            continue
        a, b, ok = next((x for x in sentences if x[0] <= pos < x[1]), (lo, hi, False))
        if not ok or is_result(norm[a:b], pos - a, pos - a + len(phrase), own):
            continue            # a programme named among results ("以实施…工程为载体,…取得新发展")
        title = concise(re.sub(r"\s+", "", text[pos:pos + len(phrase)]))
        if not title or any(title in h or h in title for h in have):
            continue
        item = DraftItem("task", {"id": f"P{len(out) + 1}", "title": title}, line_of(starts, pos))
        kw = keywords(title, "")
        if kw:
            item.fields["keywords"] = kw
        if period:
            item.fields["due"] = period[1]
        item.review.append("a task named in running text: check where its title starts and ends")
        out.append(item)
        have.add(title)
    return out


def _slug(stem: str) -> str:
    s = re.sub(r"[^a-z0-9._-]+", "-", stem.lower()).strip("-._")
    return s or "draft"


# ----------------------------------------------------------------------------------------
# YAML text
# ----------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9_()（）《》〈〉“”‘’、·.\-]+")
_RESERVED = re.compile(r"(?i)^(?:y|n|yes|no|on|off|true|false|null|~|[-+.0-9].*)$")


def scalar(value: object) -> str:
    """A YAML scalar: numbers as numbers, strings plain when safe, else double-quoted with
    escapes for quotes, backslashes and invisible characters (NBSP stays visible as \\u00a0)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value == int(value) and abs(value) < 1e15 else repr(value)
    if isinstance(value, Decimal):          # figures are exact decimals: 1750, 28.5 (never "28.50")
        return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")
    s = str(value)
    if s and _PLAIN.fullmatch(s) and not _RESERVED.match(s):
        return s
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cs") and ch != " ":
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, tuple):
        return "{start: %s, end: %s}" % (value[0], value[1])
    return scalar(value)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _write(path: str, first: int, last: int, ident: str, meta: DraftMeta,
           targets: list[DraftItem], tasks: list[DraftItem]) -> str:
    lines = [f"# Drafted by `ipcheck plan draft` from {_comment(path)} (lines {first}-{last}).",
             "# Review every item before use; items marked REVIEW are the drafter's guesses.",
             "# Rules (docs/draft.md): tasks are the numbered items of the task parts (or a table's",
             "# rows) and the concrete commitments of the steps and safeguards; targets the figures",
             "# committed to; due is the nearest 到YYYY年 before a figure (or the item's 完成时限), else",
             "# the period end; 每年 makes an item recur (every); a baseline keeps the year it names;",
             "# keywords are drafted from the title and the names it quotes. \"# line N\": where it was read."]
    lines += [f"# {_comment(n)}" for n in meta.notes]
    lines += ["version: 1", "plan:"]
    lines += [f"  # REVIEW: {_comment(r)}" for r in meta.review]
    plan_fields = (("id", ident), ("title", meta.title or PLACEHOLDER), ("region", meta.region or PLACEHOLDER),
                   ("issuer", meta.issuer), ("document_no", meta.document_no),
                   ("issued", meta.issued), ("period", meta.period))
    if meta.region is None:
        lines.append("  # REVIEW: region not found: give --region")
    for key, value in plan_fields:
        if value is None:
            continue
        lines.append(f"  {key}: {_value(value)}")
    lines += _items("targets", targets)
    lines += _items("tasks", tasks)
    return "\n".join(lines) + "\n"


def _items(key: str, items: list[DraftItem]) -> list[str]:
    live = [i for i in items if not i.skipped]
    lines = [f"{key}:" if live else f"{key}: []"]
    left = [i for i in items if i.left_out]
    for item in (i for i in items if not i.left_out):
        lines += [f"  # REVIEW: {_comment(r)}" for r in item.review]
        lines += [f"  # {_comment(n)}" for n in item.notes]
        if item.skipped:
            src = item.fields.get("source")
            lines.append(f"  #   (line {item.line}) {_comment(str(src))}")
            continue
        first = True
        for k, v in item.fields.items():
            if first:
                lines.append(f"  - {k}: {_value(v)}  # line {item.line}")
                first = False
            else:
                lines.append(f"    {k}: {_value(v)}")
    if left:
        lines.append(f"  # Left out on purpose ({sum(i.left_out for i in left)} figures, not targets):")
    for item in left:
        src = item.fields.get("source")
        lines += [f"  #   line {item.line}: {_comment(n)}" + (f" | {_comment(str(src))}" if src else "")
                  for n in item.notes]
    return lines
