"""The numbered structure of a plan document, found by its markers, not by lines: 第一部分/第一篇,
第一章, 第一节, 第一条, 一、, (一) (（一）), 1. 1、, (1) 1), ①.

Used by ``ipcheck.plans.draft``. A plan body may be one very long line (广安's 工作方案), so markers are
looked for at the start of every line and right after a sentence end (。) or a closing paren
(the "(责任单位:…)" that ends an item). A marker only counts when its number follows the one
before it at the same level, which keeps "1、" or "(二)" quoted inside a sentence out.

Levels: the drafter reads three, parts (1), sections (2) and items (3). Each style has a rank (第一章
above 第一节 above 第一条 above 一、 above (一) above 1. above (1) above ①) and a natural level (第一章 and
一、 open parts, 第一节 and (一) sections, the others items). The styles a document uses, in rank order,
take their natural level, or the level below the style above when that is deeper: 一、/(一)/1. are
levels 1/2/3 as always; 第一章/一、/(一) are 1/2/3 and 1. then lies below the items (part of an item's
text); 一、/(一)/① make ① the items; 第一条 alone, or under 第一章, is the item level. 一、 (一) 1. count
as used from one marker (a plan quoted from its 三、 heading on); the other styles from two markers
numbered in sequence, so a stray "①" or "第一条" in a sentence does not add a level.
"""
from __future__ import annotations

import re
from bisect import insort
from dataclasses import dataclass, field

from ipcheck.lang.registry import chars, load, param, regex, table

# The knowledge is data: the heading numerals ZH-HEAD-001 (shared with the summary reader), the markers
# and part kinds ZH-DRAFT-040..056 (ipcheck/lang/zh/drafting.yaml).
_CN = chars("ZH-HEAD-001")
_CN_VALUE = {c: i + 1 for i, c in enumerate(_CN)}
_TEN = next(k for k, v in table("ZH-NUM-002").items() if v == 10)
_STOP = chars("ZH-DRAFT-020")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Style:
    """A way of numbering headings: its marker, rank (higher parts first) and natural level."""

    name: str
    pattern: re.Pattern[str]
    rank: int
    natural: int
    by_one: bool = False            # counted as used from a single marker (一、 (一) 1.)


def _style(code: str, rank: int, natural: int, by_one: bool = False, name: str = "") -> Style:
    return Style(name or param(code, "style"), regex(code), rank, natural, by_one)


STYLES: tuple[Style, ...] = (
    _style("ZH-DRAFT-040", 0, 1),
    _style("ZH-DRAFT-041", 1, 1),
    _style("ZH-DRAFT-042", 2, 2),
    _style("ZH-DRAFT-043", 3, 3),
    _style("ZH-DRAFT-044", 4, 1, by_one=True),
    _style("ZH-DRAFT-045", 5, 2, by_one=True),
    _style("ZH-DRAFT-046", 6, 3, by_one=True, name="1."),
    Style("(1)", re.compile(r"(?:\(\s*(\d{1,2})\s*\)|(\d{1,2})\s*\))"), 7, 3),
    Style("①", re.compile(f"([{_CIRCLED}])\\s*"), 8, 3),
)
# Where a marker may start: after a sentence end or a closing paren (positions in a line).
_CANDIDATE = regex("ZH-DRAFT-047")

# Part names a level-1/level-2 heading may open with (広安: "三、工作目标通过开展…" has no 。).
_PART_NAME = regex("ZH-DRAFT-049")

# A level-2 heading names a part only when it is nothing but a part name: "(三)发展目标",
# never "(五)完善知识产权政策措施".
_H2_PART = regex("ZH-DRAFT-056")


@dataclass
class Block:
    """One numbered part: level 1 (一、), 2 ((一)) or 3 (1. / 1、), with its text span.

    ``start``/``end`` are offsets in the whole (normalised) text; ``body_start`` is where the
    text after the heading marker starts; ``head_end`` where the heading's own words end.
    """

    level: int
    number: int
    start: int
    body_start: int
    head_end: int
    end: int = -1
    line: int = 0
    demoted: bool = False
    parent: "Block | None" = None
    children: list["Block"] = field(default_factory=list)

    def heading(self, norm: str) -> str:
        return norm[self.body_start:self.head_end].strip().rstrip(_STOP + ".:,; ")


def cn_number(s: str) -> int:
    """一..九十九 as an int."""
    if _TEN not in s:
        return _CN_VALUE.get(s, 0)
    tens, _, units = s.partition(_TEN)
    return (_CN_VALUE.get(tens, 1) if tens else 1) * 10 + (_CN_VALUE.get(units, 0) if units else 0)


def line_of(starts: list[int], pos: int) -> int:
    """1-based line number of offset ``pos`` given the sorted line start offsets."""
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _head_end(norm: str, body: int, stop: int) -> int:
    """Where a heading's words end: after a known part name, else at the first 。 or line end."""
    name = _PART_NAME.match(norm, body, stop)
    if name:
        return name.end()
    rest = norm[body:stop]
    nl = rest.find("\n")
    limit = len(rest) if nl < 0 else nl
    dot = rest.find(_STOP, 0, limit)
    return body + (dot if dot >= 0 else limit)


def _number(m: re.Match[str]) -> int:
    n = next(g for g in m.groups() if g)
    if n in _CIRCLED:
        return _CIRCLED.index(n) + 1
    return int(n) if n.isdigit() else cn_number(n)


def _marker(norm: str, pos: int, hi: int) -> tuple[Style, int, int] | None:
    """(style, number, end) of the heading marker at ``pos``, if any."""
    for style in STYLES:
        m = style.pattern.match(norm, pos, hi)
        if m:
            return style, _number(m), m.end()
    return None


def style_levels(norm: str, cands: list[int], hi: int) -> dict[str, int]:
    """The level (1-3) of each numbering style the text uses (see the module rules); styles
    below the third level are left out (their markers are part of an item's text)."""
    seen: dict[str, list[int]] = {}
    for pos in cands:
        found = _marker(norm, _skip_blank(norm, pos, hi), hi)
        if found:
            seen.setdefault(found[0].name, []).append(found[1])
    levels: dict[str, int] = {}
    above = 0
    for style in STYLES:
        numbers = seen.get(style.name, [])
        in_sequence = any(n + 1 in numbers[i + 1:] for i, n in enumerate(numbers))
        if not (numbers and style.by_one or in_sequence):
            continue
        above = max(style.natural, above + 1)
        if above <= 3:
            levels[style.name] = above
    return levels


def _skip_blank(norm: str, pos: int, hi: int) -> int:
    while pos < hi and norm[pos] in " \t":
        pos += 1
    return pos


def find_blocks(norm: str, lo: int, hi: int, starts: list[int]) -> list[Block]:
    """Every accepted numbered block between offsets ``lo`` and ``hi``, in document order,
    linked to its parent; each block ends where the next block of the same or a higher
    level starts."""
    cands = sorted({lo, *(s for s in starts if lo <= s < hi),
                    *(m.end() for m in _CANDIDATE.finditer(norm, lo, hi))})
    levels = style_levels(norm, cands, hi)
    last = {1: 0, 2: 0, 3: 0}
    blocks: list[Block] = []
    i = 0
    while i < len(cands):
        pos = _skip_blank(norm, cands[i], hi)
        i += 1
        if pos >= hi:
            continue
        found = _marker(norm, pos, hi)
        if found is None or found[0].name not in levels:
            continue
        level, number, body = levels[found[0].name], found[1], found[2]
        demoted = False
        if level == 1 and last[1] and number != last[1] + 1:
            # a mis-numbered heading inside a part (泸州's 三 → 六): a level-2 heading
            if not (last[2] and number == last[2] + 1):
                continue
            level, demoted = 2, True
        elif level == 2 and not (number == 1 or number == last[2] + 1 or not blocks):
            continue
        elif level == 3:
            # a list starts at 1, or anywhere when the range starts inside it (--from-line)
            restart = number == 1 and (not last[3] or _part_since_item(blocks))
            if not (restart or number == last[3] + 1 or not any(b.level == 3 for b in blocks)
                    and (not blocks or blocks[0].level > 1)):
                continue
        last[level] = number
        if level == 1:
            last[2] = 0             # level-3 numbering may run on across parts (克州 1…12)
        nl = norm.find("\n", pos, hi)
        head_end = _head_end(norm, body, hi if nl < 0 else nl)
        blocks.append(Block(level=level, number=number, start=pos, body_start=body,
                            head_end=head_end, line=line_of(starts, pos), demoted=demoted))
        if level < 3 and head_end not in cands:
            insort(cands, head_end)     # "四、重点任务(一)提升…": a marker right after a part name
    for i, b in enumerate(blocks):
        b.end = next((n.start for n in blocks[i + 1:] if n.level <= b.level), hi)
        b.parent = next((p for p in reversed(blocks[:i]) if p.level < b.level), None)
        if b.parent is not None:
            b.parent.children.append(b)
    return blocks


def _part_since_item(blocks: list[Block]) -> bool:
    """True when a level-1/2 heading came after the last level-3 item."""
    for b in reversed(blocks):
        if b.level == 3:
            return False
        return True
    return True


def part_kind(block: Block | None, norm: str) -> str | None:
    """The kind of part a block sits in (background, goal, task, steps, safeguards,
    principles), from its own heading when it is a part name, else its ancestors'."""
    while block is not None:
        text = block.heading(norm)
        if block.level == 1 and not block.demoted or _H2_PART.match(text):
            code = load().first("draft_part", text)
            if code is not None:
                return str(param(code, "kind"))
        block = block.parent
    return None
