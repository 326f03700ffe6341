"""Tasks from a plan's table (for ``ipcheck.plans.draft``): a header row that names a task column and an
owner or due column (序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限), then one task per row.

Tables reach the drafter as tab-separated lines (a Word or HTML table row: ipcheck.inputs.formats).
Rules, so a reviewer knows what to expect (docs/draft.md states them for users; the column names
are data: ipcheck/lang/zh/drafting.yaml):

- The header is a line of at least three cells, one a task column (重点任务, 工作任务, 工作内容 …) and
  one an owner (牵头单位, 责任单位, 配合单位 …) or due column (完成时限, 时间节点 …). Rows follow it up to
  the first line that is no row (no tab).
- A row with fewer cells than the header lost its first cells to a merged cell: its cells are the
  header's last ones, and the first ones (类别, 序号) carry on from the row before; an empty cell of a
  类别 column carries on too.
- Task: id from 序号 (else the row's count), title the first sentence of the task cell, owners the
  lead column's then the others' (parse_owners), due the latest year of the due column (每年: every:
  year), section the 类别 column. The figures of a task cell are committed to, due as the row says.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ipcheck.lang.registry import param, regex, words
from ipcheck.plans.draft_commit import STOP
from ipcheck.plans.draft_duty import parse_owners
from ipcheck.plans.draft_tasks import SECTION_MAX, DraftItem, concise, keywords


@dataclass
class Row:
    """One row of a plan's table: the cells by role, and where the task cell is in the text."""

    line: int
    start: int
    end: int
    task: tuple[int, int]                  # the task cell's offsets
    cells: dict[str, str] = field(default_factory=dict)
    owners: list[str] = field(default_factory=list)
    due: int | None = None
    every: str | None = None


def _role(cell: str) -> str | None:
    name = re.sub(r"\s+", "", cell)
    for role, code in (("no", "ZH-DRAFT-161"), ("task", "ZH-DRAFT-160"), ("section", "ZH-DRAFT-162"),
                       ("lead", "ZH-DRAFT-140"), ("due", "ZH-DRAFT-141")):
        if name in words(code):
            return "other" if role == "lead" and name in words("ZH-DRAFT-142") else role
    return None


def table_rows(norm: str, lo: int, hi: int, starts: list[int]) -> list[Row]:
    """The rows of every task table between ``lo`` and ``hi`` (see the module rules)."""
    rows: list[Row] = []
    header: list[str | None] | None = None
    carry: dict[str, str] = {}
    for i, s in enumerate(starts):
        if not lo <= s < hi:
            continue
        e = norm.find("\n", s, hi)
        e = hi if e < 0 else e
        cells = norm[s:e].split("\t")
        roles = [_role(c) for c in cells]
        if len(cells) >= 3 and "task" in roles and ({"lead", "other", "due"} & set(roles)):
            header, carry = roles, {}
            continue
        if header is None or len(cells) < 2 or len(cells) > len(header):
            header = None if len(cells) < 2 else header
            continue
        shift = len(header) - len(cells)           # merged first cells
        offsets, pos = [], s
        for c in cells:
            offsets.append((pos, pos + len(c)))
            pos += len(c) + 1
        row = Row(line=i + 1, start=s, end=e, task=(s, s))
        for role, cell, span in zip(header[shift:], cells, offsets):
            cell = cell.strip()
            if role == "task":
                row.task = span
            if role is None:
                continue
            if role in ("no", "section") and not cell:
                cell = carry.get(role, "")
            if role in ("lead", "other"):
                row.owners += [o for o in parse_owners(cell) if o not in row.owners]
            elif role == "due":
                years = [int(y) for y in regex("ZH-DRAFT-067").findall(cell)]
                row.due = max(years) if years else None
                row.every = "year" if param("ZH-DRAFT-141", "every_year") in cell else None
            row.cells[role] = cell
        for role in ("no", "section"):
            if role in header[:shift] and role in carry:
                row.cells[role] = carry[role]
        carry.update({k: v for k, v in row.cells.items() if k in ("no", "section") and v})
        if row.cells.get("task"):
            rows.append(row)
    return rows


def table_tasks(text: str, rows: list[Row], period: tuple[int, int] | None,
                tasks: list[DraftItem]) -> list[DraftItem]:
    """One task per table row (see the module rules); a row that restates a numbered task (the
    same title) gives that task its owners and due year instead."""
    out: list[DraftItem] = []
    used = {str(t.fields.get("id")) for t in tasks}
    for k, row in enumerate(rows):
        a, b = row.task
        title = concise(re.split(f"[{STOP};]", text[a:b].strip())[0])
        if not title:
            continue
        same = next((t for t in tasks if _same_title(title, str(t.fields.get("title", "")))), None)
        if same is not None:
            if row.owners and "owners" not in same.fields:
                same.fields["owners"] = list(row.owners)
            if row.due is not None:
                same.fields["due"] = row.due
            same.notes.append(f"owners and due from the table's line {row.line}")
            same.fields = {key: same.fields[key] for key in _TASK_ORDER if key in same.fields}
            continue
        number = row.cells.get("no", "")
        ident = number if number.isdigit() and number not in used else f"R{k + 1}"
        used.add(ident)
        item = DraftItem("task", {"id": ident, "title": title}, row.line)
        kw = keywords(title, text[a:b])
        if kw:
            item.fields["keywords"] = kw
        if row.owners:
            item.fields["owners"] = list(row.owners)
        due = row.due if row.due is not None else (period[1] if period else None)
        if due is not None:
            item.fields["due"] = due
        if row.cells.get("section"):
            item.fields["section"] = concise(row.cells["section"], SECTION_MAX)
        if row.every:
            item.fields["every"] = row.every
            item.notes.append(param("ZH-DRAFT-141", "recurs"))
        out.append(item)
    return out


_TASK_ORDER = ("id", "title", "keywords", "owners", "due", "section", "every")


def _same_title(a: str, b: str) -> bool:
    return len(a) >= 4 and len(b) >= 4 and (a in b or b in a)
