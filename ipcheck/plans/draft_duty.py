"""Who does a drafted task and by when (for ``ipcheck.plans.draft_tasks`` and ``draft_table``).

Rules (docs/draft.md states them for users; the labels are data: ipcheck/lang/zh/drafting.yaml):

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

from ipcheck.lang.registry import param, regex, words
from ipcheck.plans.draft_commit import STOP

# The labels and patterns are data: ipcheck/lang/zh/drafting.yaml (ZH-DRAFT-140..154).
_OWNER_TAIL = regex("ZH-DRAFT-143")
_PREFIXED = words("ZH-DRAFT-153")
_STANDALONE = words("ZH-DRAFT-154")
_SUFFIX, _AREA = param("ZH-DRAFT-152", "suffix"), param("ZH-DRAFT-152", "area")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    return {"open": regex("ZH-DRAFT-144"), "line": regex("ZH-DRAFT-145"), "label": regex("ZH-DRAFT-146"),
            "carry": regex("ZH-DRAFT-147"), "owner_label": re.compile(rf"^\s*(?:{regex('ZH-DRAFT-140').pattern})\s*:")}


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
    due_labels = set(words("ZH-DRAFT-141"))
    for label, value in zip(pieces[1::2], pieces[2::2]):
        value = value.strip(f" ;,{STOP}\t")
        if label in due_labels:
            years = [int(y) for y in regex("ZH-DRAFT-067").findall(value)]
            duty.due = max(years) if years else duty.due
            duty.every = "year" if param("ZH-DRAFT-141", "every_year") in value else duty.every
        else:
            duty.owners += [o for o in parse_owners(value) if o not in duty.owners]
    return duty


def parse_owners(inner: str) -> list[str]:
    """Responsible units from the inside of an owners paren, in order, without duplicates.

    "责任单位:" is dropped; "X牵头" gives X; "…等按职责分工负责" is cut; a shared suffix is
    distributed ("高新区、长开区、白酒园区管委会" → 高新区管委会 …), and so is a 自治州 prefix
    ("自治州科技局、工信局" → 自治州工信局)."""
    inner = _patterns()["owner_label"].sub("", inner)
    inner = inner.split(STOP)[0]
    inner = _OWNER_TAIL.sub("", inner.strip())
    out: list[str] = []
    for group in regex("ZH-DRAFT-148").split(inner):
        group = regex("ZH-DRAFT-149").sub("", group.strip())        # X牵头, 由X, 会同X → X
        parts: list[str] = []
        for piece in regex("ZH-DRAFT-150").split(group):
            piece = _OWNER_TAIL.sub("", piece.strip())
            piece = regex("ZH-DRAFT-151").sub("", piece).strip()
            if piece:
                parts.append(piece)
        # a suffix shared by a run of areas: 高新区、长开区、白酒园区管委会
        for i, p in enumerate(parts):
            if p.endswith(_SUFFIX) and p[:-len(_SUFFIX)].endswith(_AREA):
                j = i - 1
                while j >= 0 and parts[j].endswith(_AREA):
                    parts[j] += _SUFFIX
                    j -= 1
        # a prefix shared by a list of departments: 自治州科技局、工信局
        if parts:
            prefix = next((p for p in _PREFIXED if parts[0].startswith(p)), None)
            if prefix:
                parts = [parts[0]] + [p if p.startswith((prefix, *_STANDALONE))
                                      else prefix + p for p in parts[1:]]
        out += parts
    seen: set[str] = set()
    return [o for o in out if o and not (o in seen or seen.add(o))]  # type: ignore[func-returns-value]
