"""A plan document's metadata (title, region, issuer, number, date, period) and the range of a
plan quoted inside a work summary (for ``ipcheck.plans.draft``)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ipcheck.lang.registry import param, regex, words
from ipcheck.plans.draft_commit import FIVE_YEAR_END
from ipcheck.plans.draft_structure import Block


@dataclass
class DraftMeta:
    title: str | None = None
    region: str | None = None
    issuer: str | None = None
    document_no: str | None = None
    issued: str | None = None
    period: tuple[int, int] | None = None
    notes: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------------------
# the plan's range inside a summary
# ----------------------------------------------------------------------------------------

# The words are data: ipcheck/lang/zh/drafting.yaml (ZH-DRAFT-060..074).
_EMBEDDED_HEADING = regex("ZH-DRAFT-060")
_SUMMARY_TITLE = regex("ZH-DRAFT-061")


def is_summary(norm: str) -> bool:
    """True when the title lines call the document a work summary (…工作总结)."""
    head = "".join(ln.strip() for ln in norm.split("\n", 40)[:40] if ln.strip())[:120]
    return bool(_SUMMARY_TITLE.search(head))


def embedded_range(norm: str) -> tuple[int, int] | None:
    """(first line, last line) of the plan quoted in a work summary: from its heading
    (三、2016年工作计划) to the end; None when the document is not a summary or has none."""
    lines = norm.split("\n")
    if not is_summary(norm):
        return None
    for i, ln in enumerate(lines):
        if _EMBEDDED_HEADING.match(ln):
            last = len(lines)
            while last > i + 1 and not lines[last - 1].strip():
                last -= 1
            return i + 1, last
    return None


# ----------------------------------------------------------------------------------------
# metadata
# ----------------------------------------------------------------------------------------

_NOTICE_TITLE = regex("ZH-DRAFT-062")
_EMBEDDED_TITLE = regex("ZH-DRAFT-063")
_SIGNED = regex("ZH-DRAFT-064")
_DOC_NO = regex("ZH-DRAFT-065")
_YEAR_RANGE = regex("ZH-DRAFT-066")
_TITLE_YEAR = regex("ZH-DRAFT-067")
BY_YEAR = regex("ZH-DRAFT-068")
_REGION_PATTERNS = tuple(regex(code) for code in ("ZH-DRAFT-069", "ZH-DRAFT-070", "ZH-DRAFT-071"))
_NOT_REGION = words("ZH-REGION-003")     # 城市, 园区 …: a status, no region (shared with the summary reader)


def _region(title: str) -> str | None:
    title = regex("ZH-DRAFT-073").sub("", title)
    for pattern in _REGION_PATTERNS:
        m = pattern.match(title)
        if m and not m.group(1).endswith(_NOT_REGION) and not regex("ZH-DRAFT-072").search(m.group(1)):
            return m.group(1)
    return None


def read_meta(text: str, norm: str, lo: int, body: int, hi: int, embedded: bool,
              blocks: list[Block] = ()) -> DraftMeta:  # type: ignore[assignment]
    """Title, region, issuer, number, date and period from the text before the body
    (``lo``..``body``) and, for the period, the whole plan (``lo``..``hi``)."""
    meta = DraftMeta()
    front = norm[lo:body]
    joined = re.sub(r"\s*\n\s*", "", front)
    if embedded:
        # the plan's own name in its opening sentence ("…制定泸州市…2016年推进计划。"), before
        # its first part; else the summary's region and the heading (德阳市2016年工作计划)
        first_part = next((b.start for b in blocks if b.start > body), hi)
        m = _EMBEDDED_TITLE.search(norm, lo, first_part)
        if m:
            meta.title = text[m.start(1):m.end(1)].strip()
        elif blocks:
            place = _region(regex("ZH-DRAFT-074").sub("", norm[:200].strip()))
            meta.title = (place or "") + blocks[0].heading(text)
    else:
        m = _NOTICE_TITLE.search(joined[:400])
        if m:
            meta.title = m.group(1).strip()
        signed = _SIGNED.search(front)
        if signed:
            meta.issuer = signed.group(1)
            y, mo, d = (int(signed.group(i)) for i in (2, 3, 4))
            if 1 <= mo <= 12 and 1 <= d <= 31:
                meta.issued = f"{y:04d}-{mo:02d}-{d:02d}"
        no = _DOC_NO.search(front)
        if no:
            meta.document_no = re.sub(r"\s+", "", text[lo + no.start():lo + no.end()])
    if meta.title is None:
        front_text = text[lo:body] if body > lo else text[lo:hi]    # prose: the first line
        first = next((ln.strip() for ln in front_text.split("\n") if ln.strip()), "")
        meta.title = first[:80] or None
        meta.review.append("title: no title found; the first line was used")
    if meta.title:
        meta.region = _region(meta.title)
    if meta.region is None and meta.issuer:
        meta.region = _region(meta.issuer)
    meta.period = _period(meta, norm, lo, hi)
    return meta


def _period(meta: DraftMeta, norm: str, lo: int, hi: int) -> tuple[int, int] | None:
    title = meta.title or ""
    for word, end in FIVE_YEAR_END.items():
        if word in title:
            meta.notes.append(param("ZH-DRAFT-012", "period").format(word=word, start=end - 4, end=end))
            return end - 4, end
    m = _YEAR_RANGE.search(title)
    if m and int(m.group(1)) <= int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    years = [int(y) for y in _TITLE_YEAR.findall(title)]
    if len(years) == 1:
        return years[0], years[0]
    ends = [int(a or b) for a, b in BY_YEAR.findall(norm, lo, hi)]
    ends += [int(b) for _, b in _YEAR_RANGE.findall(norm, lo, hi)]
    start = int(meta.issued[:4]) if meta.issued else None
    if ends and start is not None and max(ends) >= start:
        meta.notes.append(f"period: issued {start}, latest year named {max(ends)}")
        return start, max(ends)
    meta.review.append("period: the document states no period; add plan.period")
    return None
