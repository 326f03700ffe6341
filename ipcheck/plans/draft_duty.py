"""Who does a drafted task and by when (for ``ipcheck.plans.draft_tasks`` and ``draft_table``).

Rules (docs/draft.md states them for users; the labels are data: ipcheck/plans/draft_words.yaml):

- Owners come from a paren after the item ("(责任单位:…)", "(市知识产权局牵头)", "(X牵头,Y…等按职责
  分工负责)", "(牵头单位:X;配合单位:Y;完成时限:2019年底前)"), from label lines after it ("牵头单位:X",
  "配合单位:Y", "完成时限:2018年12月", on their own line or after the item's 。), or from a table's
  columns. The lead (牵头) comes first, then the others (责任, 配合) in the order written.
- A due date is the latest year a due label names (完成时限:2018年6月—2019年12月 → 2019); 每年 in it makes
  the task recur (every: year); a due label without a year (长期坚持, 持续推进) gives none.
- "以下责任单位均有各县(市)人民政府,不再列出" adds those units to every later item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ipcheck.plans.draft_commit import alternation, words

_OWNER_TAIL = re.compile(r"(?:等部门|等单位|等)?\s*(?:按职责分工负责|按照职责分工负责|分工负责|负责|配合)\s*$")
_PREFIXED = ("自治州", "州")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    labels = f"{alternation('owner_labels')}|{alternation('due_labels')}"
    return {"open": re.compile(rf"\(\s*(?:{labels})\s*:|\((?=[^()]{{0,80}}(?:牵头|按职责分工负责))"),
            "line": re.compile(rf"(?:(?<=\n)|(?<=。)|^)[ \t]*(?:{labels})\s*:[^\n。]*(?:。(?=[ \t]*(?:\n|$)))?"),
            "label": re.compile(rf"({labels})\s*:"),
            "carry": re.compile(r"以下[^。,;]{0,8}?(?:责任单位|牵头单位|责任部门)均有([^,;。]{2,30}?)(?:[,;。]|不再列出)")}


@dataclass
class Duty:
    """What one paren or label line says: owners, the due year, a recurrence, owners carried on."""

    owners: list[str] = field(default_factory=list)
    due: int | None = None
    every: str | None = None
    carry: list[str] = field(default_factory=list)


def _paren_end(norm: str, start: int, stop: int) -> int:
    """End (exclusive) of the balanced paren opened at ``start``; ``stop`` if unbalanced."""
    depth = 0
    for i in range(start, stop):
        ch = norm[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return stop


def owner_spans(norm: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The owner and due parens and label lines between ``lo`` and ``hi`` (see the module rules)."""
    p = _patterns()
    spans, pos = [], lo
    while True:
        m = p["open"].search(norm, pos, hi)
        if not m:
            break
        end = _paren_end(norm, m.start(), hi)
        spans.append((m.start(), end))
        pos = end
    for m in p["line"].finditer(norm, lo, hi):
        a = m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \t"))
        if not any(x <= a < y for x, y in spans):
            spans.append((a, min(m.end(), hi)))
    return sorted(spans)



def parse_duty(span: str) -> Duty:
    """Owners, due year and recurrence of one owner paren or label line (its text as written)."""
    inner = span[1:-1] if span.startswith("(") and span.endswith(")") else span
    p = _patterns()
    duty = Duty()
    carry = p["carry"].search(inner)
    if carry:
        duty.carry = parse_owners(carry.group(1))
    pieces = p["label"].split(inner)
    duty.owners = parse_owners(pieces[0]) if pieces[0].strip(" ;,") else []
    due_labels = set(words()["due_labels"])
    for label, value in zip(pieces[1::2], pieces[2::2]):
        value = value.strip(" ;,。\t")
        if label in due_labels:
            years = [int(y) for y in re.findall(r"(20\d\d)\s*年", value)]
            duty.due = max(years) if years else duty.due
            duty.every = "year" if "每年" in value else duty.every
        else:
            duty.owners += [o for o in parse_owners(value) if o not in duty.owners]
    return duty


def parse_owners(inner: str) -> list[str]:
    """Responsible units from the inside of an owners paren, in order, without duplicates.

    "责任单位:" is dropped; "X牵头" gives X; "…等按职责分工负责" is cut; a shared suffix is
    distributed ("高新区、长开区、白酒园区管委会" → 高新区管委会 …), and so is a 自治州 prefix
    ("自治州科技局、工信局" → 自治州工信局)."""
    inner = re.sub(rf"^\s*(?:{alternation('owner_labels')})\s*:", "", inner)
    inner = inner.split("。")[0]
    inner = _OWNER_TAIL.sub("", inner.strip())
    out: list[str] = []
    for group in re.split(r"[,;\t]|(?<=牵头)|\s{2,}", inner):
        group = re.sub(r"牵头$", "", group.strip())
        group = re.sub(r"^(?:由|会同)", "", group)
        parts: list[str] = []
        for piece in re.split(r"、|等部门及|等单位及|(?<=[局委会府])及", group):
            piece = _OWNER_TAIL.sub("", piece.strip())
            piece = re.sub(r"(?:等部门|等单位|等)$", "", piece).strip()
            if piece:
                parts.append(piece)
        # a suffix shared by a run of areas: 高新区、长开区、白酒园区管委会
        for i, p in enumerate(parts):
            if p.endswith("管委会") and p[:-3].endswith("区"):
                j = i - 1
                while j >= 0 and parts[j].endswith("区"):
                    parts[j] += "管委会"
                    j -= 1
        # a prefix shared by a list of departments: 自治州科技局、工信局
        if parts:
            prefix = next((p for p in _PREFIXED if parts[0].startswith(p)), None)
            if prefix:
                parts = [parts[0]] + [p if p.startswith((prefix, "各", "人民", "中国", "国家"))
                                      else prefix + p for p in parts[1:]]
        out += parts
    seen: set[str] = set()
    return [o for o in out if o and not (o in seen or seen.add(o))]  # type: ignore[func-returns-value]
