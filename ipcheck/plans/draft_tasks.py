"""Read a plan document's tasks (for ``ipcheck.plans.draft``): the numbered items of its task parts,
the concrete commitments of its steps and safeguards, each with owners, due year and keywords.

Rules, so a reviewer knows what to expect:

- Tasks are the numbered items (1. / 1、) of the task parts (重点任务, 主要任务, 工作任务, 工作计划,
  推进计划 …); a (一) part of a task part without numbered items is one task. With no task part
  in the document, every numbered item outside background, goals, principles, steps and
  safeguards is a task. Ids are "1", "2" … when the items are numbered straight through, else
  "1.2" (part 1, item 2); a part without items gets its own number.
- The steps (工作步骤) and safeguards (保障措施) parts give a task for every clause a summary can
  report done: one whose first verb is a concrete action (召开, 成立, 设立, 专项预算, 将…纳入 …;
  ipcheck/lang/zh/drafting.yaml), not one with a figure (that is a target). Ids S1 … for steps, due
  the last year of the stage's dates ("(2017年6月—2017年12月)"); G1 … for safeguards, due the
  period end. 每年/年度 before the verb make it recur (every: year), 每季度 every: quarter.
- Keywords: the title without its leading verbs, a known head noun at its end (领导小组), and
  the names the item quotes (“七进”, 《…办法》).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ipcheck.lang.registry import chars, param, regex, table
from ipcheck.plans.draft_commit import STOP
from ipcheck.plans.draft_duty import Duty, owner_spans, parse_duty, parse_owners
from ipcheck.plans.draft_meta import BY_YEAR
from ipcheck.plans.draft_structure import Block, line_of, part_kind
from ipcheck.reading.figures import extract_figures

__all__ = ["DraftItem", "keywords", "concise", "task_items", "commitment_tasks", "owner_spans", "parse_owners"]


@dataclass
class DraftItem:
    """One drafted target or task: its YAML fields in order, its line and its notes."""

    kind: str                       # "target" | "task"
    fields: dict[str, object]
    line: int
    notes: list[str] = field(default_factory=list)     # plain comments
    review: list[str] = field(default_factory=list)    # "# REVIEW: …" comments
    skipped: bool = False            # written as a comment only (could not be encoded)
    left_out: int = 0                # figures left out on purpose, listed as a comment


# ----------------------------------------------------------------------------------------
# tasks
# ----------------------------------------------------------------------------------------

TITLE_MAX, SECTION_MAX = 40, 60


def _clean_title(s: str) -> str:
    return s.strip().rstrip(STOP + ".,;: ").strip()


def _title(text: str, norm: str, lo: int, hi: int, owners: list[tuple[int, int]]) -> str:
    """The item's first sentence, without its owners paren; its first clause when long."""
    end = norm.find(STOP, lo, hi)
    end = hi if end < 0 else end
    for a, _ in owners:
        if lo <= a < end:
            end = a
    return concise(text[lo:end])


_CLAUSE_END = re.compile(r"[,;,;]")


def concise(s: str, limit: int = 0) -> str:
    """A title: the text without end punctuation; its first clause when over ``limit``
    (default TITLE_MAX) characters."""
    first = _clean_title(s)
    if len(first) > (limit or TITLE_MAX):
        m = _CLAUSE_END.search(first)
        if m and m.start() >= 6:
            first = _clean_title(first[:m.start()])
    return first


# ----------------------------------------------------------------------------------------
def task_items(text: str, norm: str, blocks: list[Block], hi: int,
               period: tuple[int, int] | None, starts: list[int] | None = None) -> list[DraftItem]:
    """One DraftItem per numbered task, then the commitments of the steps and safeguards
    (see the module rules)."""
    out = _numbered_tasks(text, norm, blocks, period)
    if starts is not None:
        out += commitment_tasks(text, norm, blocks, period, starts)
    return out


def _numbered_tasks(text: str, norm: str, blocks: list[Block],
                    period: tuple[int, int] | None) -> list[DraftItem]:
    """One DraftItem per numbered task of the task parts."""
    kinds = {id(b): part_kind(b, norm) for b in blocks}
    has_task_part = any(k == "task" for k in kinds.values())
    other = ("background", "goal", "principles", "steps", "safeguards")

    def is_task_area(b: Block) -> bool:
        k = kinds[id(b)]
        return k == "task" if has_task_part else k not in other

    # the items; a section without items; a part without sections or items when it is no named
    # part (一、提升知识产权创造质量 in a 工作要点 numbered 一、 二、 三、 only)
    closing = regex("ZH-DRAFT-139")
    chosen = [b for b in blocks if is_task_area(b) and (
        b.level == 3 or (b.level == 2 and not any(c.level == 3 for c in b.children))
        or (b.level == 1 and not b.children and kinds[id(b)] is None))
        and not closing.search(norm[b.body_start:b.end].split(STOP)[0])]
    items3 = [b.number for b in chosen if b.level == 3]
    # "1", "2" … when the items are numbered straight through and no part stands alone as a
    # task (its number would collide with an item's), else "part.item"
    straight = bool(items3) and items3 == list(range(items3[0], items3[0] + len(items3))) \
        and all(b.level == 3 for b in chosen)
    out: list[DraftItem] = []
    used: set[str] = set()
    carried: list[str] = []         # owners "以下责任单位均有…" adds to every later item
    for b in chosen:
        h2 = b if b.level == 2 else (b.parent if b.parent and b.parent.level == 2 else None)
        if b.level == 3:
            ident = str(b.number) if straight or h2 is None else f"{h2.number}.{b.number}"
        else:
            ident = str(b.number)
        if ident in used:
            ident = f"{b.parent.number if b.parent else 0}.{ident}"
        used.add(ident)
        spans = owner_spans(norm, b.body_start, b.end)
        if b.level < 3:
            title = concise(text[b.body_start:b.head_end])
        else:
            title = _title(text, norm, b.body_start, b.end, spans)
        item = DraftItem("task", {"id": ident, "title": title}, b.line)
        kw = keywords(title, text[b.body_start:b.end])
        if kw:
            item.fields["keywords"] = kw
        dues = [int(x or y) for x, y in BY_YEAR.findall(norm, b.body_start, b.end)]
        _duty(item, text, norm, [parse_duty(norm[a:e]) for a, e in spans], carried,
              dues[0] if dues else (period[1] if period else None))
        section = h2 or (b.parent if b.parent else None)
        if section is not None:
            item.fields["section"] = concise(text[section.body_start:section.head_end], SECTION_MAX)
        if item.fields.get("every"):
            item.fields["every"] = item.fields.pop("every")        # last, in schema order
        if not title:
            item.review.append("no title found")
        elif len(title) > TITLE_MAX:
            item.review.append("long title (the heading runs into the text?): shorten it")
        out.append(item)
    return out


def _duty(item: DraftItem, text: str, norm: str, duties: list[Duty], carried: list[str],
          due: int | None) -> None:
    """A task's owners (those its parens and label lines name, then those carried from an earlier
    "以下责任单位均有…"), its due year (a due label's, else ``due``) and its recurrence."""
    owners: list[str] = []
    for o in [o for d in duties for o in d.owners] + carried:
        owners += [o] if o not in owners else []
    carried += [o for d in duties for o in d.carry if o not in carried]
    if owners:
        item.fields["owners"] = [_original(text, norm, o) for o in owners]
    stated = [d.due for d in duties if d.due is not None]
    due = stated[-1] if stated else due
    if due is not None:
        item.fields["due"] = due
    if any(d.every for d in duties):
        item.fields["every"] = "year"
        item.notes.append(param("ZH-DRAFT-141", "recurs"))


def _original(text: str, norm: str, owner: str) -> str:
    """An owner as written in the original text when it occurs there verbatim (full-width
    parens stay full-width), else as built from the normalised text."""
    i = norm.find(owner)
    return text[i:i + len(owner)] if i >= 0 else owner


# ----------------------------------------------------------------------------------------
# steps and safeguards
# ----------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _commitment_patterns() -> dict[str, re.Pattern[str]]:
    return {"clause": regex("ZH-DRAFT-133"),
            "body": regex("ZH-DRAFT-135"),
            "lead": regex("ZH-DRAFT-136"),
            "head": regex("ZH-DRAFT-137"),
            "quoted": regex("ZH-DRAFT-138")}


_CLAUSE = re.compile(f"[^,;{STOP}]+")
_EVERY = tuple(table("ZH-DRAFT-125").items())       # 每季度: quarter, 每年: year, 年度: year
_INTO = param("ZH-DRAFT-133", "into")               # 将X纳入Y: Y is what a summary names
_SEP = chars("ZH-BIND-022")                         # 、 between the items of a list


def commitment_tasks(text: str, norm: str, blocks: list[Block], period: tuple[int, int] | None,
                     starts: list[int]) -> list[DraftItem]:
    """The concrete commitments of the steps and safeguards parts (see the module rules)."""
    out: list[DraftItem] = []
    count = {"steps": 0, "safeguards": 0}
    for part in blocks:
        kind = part_kind(part, norm) if part.level == 1 else None
        if kind not in count:
            continue
        stages = [c for c in part.children if c.level == 2] or [part]
        for stage in stages:
            lo = stage.head_end if stage is not part else part.head_end
            years = [int(y) for y in regex("ZH-DRAFT-067").findall(norm[stage.body_start:stage.head_end])]
            due = max(years) if kind == "steps" and years and stage is not part else (period[1] if period else None)
            for pos, title, every, obj in _commitments(norm, lo, stage.end):
                count[kind] += 1
                ident = ("S" if kind == "steps" else "G") + str(count[kind])
                item = DraftItem("task", {"id": ident, "title": concise(text[pos:pos + len(title)]
                                                                         if norm[pos:pos + len(title)] == title else title)},
                                 line_of(starts, pos))
                kw = keywords(obj, "", verb_free=True)
                if kw:
                    item.fields["keywords"] = kw
                if due is not None:
                    item.fields["due"] = due
                item.fields["section"] = concise(text[part.body_start:part.head_end], SECTION_MAX)
                if every:
                    item.fields["every"] = every
                    said = next(w for w, e in _EVERY if e == every)
                    item.notes.append(param("ZH-DRAFT-125", "recurs").format(words=said, every=every))
                out.append(item)
    return out


def _commitments(norm: str, lo: int, hi: int) -> list[tuple[int, str, str | None, str]]:
    """(position, title, every, object) of each concrete commitment between ``lo`` and ``hi``."""
    p = _commitment_patterns()
    out: list[tuple[int, str, str | None, str]] = []
    taken = -1
    for m in p["body"].finditer(norm, lo, hi):       # 成立由…的X领导小组 → 成立X领导小组
        out.append((m.start(), param("ZH-DRAFT-135", "verb") + m.group(1), None, m.group(1)))
        taken = m.end()
    for m in _CLAUSE.finditer(norm, lo, hi):
        clause = m.group(0).strip()
        at = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        if at < taken or not clause or not p["clause"].match(clause) or extract_figures(clause):
            continue
        head = p["clause"].match(clause)
        before = clause[:head.end()] if head else ""
        every = next((e for w, e in _EVERY if w in before), None)
        out.append((at, clause, every, clause[head.end():] if head else clause))
    return sorted(out)


def keywords(title: str, body: str, verb_free: bool = False) -> list[str]:
    """Drafted keywords of a task (see the module rules), at most four, in order; ``verb_free``:
    the title is already the object."""
    p = _commitment_patterns()
    first = re.split(r"[,;]|\((?![^()]{1,3}\))", title)[0]     # "(市)" stays, "(一站式…)" goes
    obj = first
    while not verb_free:
        m = p["lead"].match(obj)
        if not m or len(obj) - m.end() < 4:
            break
        obj = obj[m.end():]
    if _INTO in obj:                                  # 将X纳入Y: Y is what a summary names
        obj = obj.split(_INTO, 1)[1]
    counted = re.match(r"(\D{4,}?)\d", obj)         # 知识产权示范企业10家: the name, not the count
    obj = counted.group(1) if counted else obj
    out = [obj] if 4 <= len(obj) <= 24 and (obj != title or verb_free) else []
    head = p["head"].search(obj)
    if head and head.group(0) != obj:
        out.append(head.group(0))
    for m in p["quoted"].finditer(body):
        for q in (m.group(1) or m.group(2)).split(_SEP):       # “企业品牌、产业品牌、区域品牌”
            if len(q) >= 2 and q not in out and q not in title:
                out.append(q)
    return list(dict.fromkeys(out))[:4]
