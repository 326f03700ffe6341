"""A plan document's metadata (title, region, issuer, number, date, period) and the range of a
plan quoted inside a work summary (for ``ipcheck.plans.draft``)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

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

_EMBEDDED_HEADING = re.compile(
    r"^\s*[一二三四五六七八九十]{1,3}\s*、\s*(?:20\d\d\s*年度?[^,。;]{0,10}?"
    r"(?:工作计划|推进计划|工作打算|工作思路|工作要点|工作重点|工作安排)|下一步工作(?:计划|打算|安排)?)\s*$")
_SUMMARY_TITLE = re.compile(r"总结")


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

_NOTICE_TITLE = re.compile(r"关于印发\s*《?(.+?)》?\s*的\s*通知")
_EMBEDDED_TITLE = re.compile(r"制定(?:了)?《?([^,。《》:;]{4,60}?(?:推进计划|工作计划|工作方案|实施方案|行动计划|工作要点))")
_SIGNED = re.compile(r"([\u4e00-\u9fff]{2,24}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|委员会))"
                     r"\s*(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DOC_NO = re.compile(r"[\u4e00-\u9fff]{2,10}[〔\[【(]\s*(?:19|20)\d\d\s*[〕\]】)]\s*\d{1,4}\s*号")
_FIVE_YEAR = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020),
              "十四五": (2021, 2025), "十五五": (2026, 2030)}
_YEAR_RANGE = re.compile(r"(20\d\d)\s*年?\s*[-~至到]\s*(20\d\d)\s*年")
_TITLE_YEAR = re.compile(r"(20\d\d)\s*年")
BY_YEAR = re.compile(r"(?:到|至|截至|截止到?)\s*(20\d\d)\s*年|(20\d\d)\s*年\s*(?:底|末)?\s*(?:前|以前)(?!\d)")
_REGION_PATTERNS = (re.compile(r"^([\u4e00-\u9fff]{1,8}?市)(?!场)"),
                    re.compile(r"^([\u4e00-\u9fff]{1,8}?自治州)"),
                    re.compile(r"^([\u4e00-\u9fff]{1,8}?[州县区])"))
_NOT_REGION = ("城市", "地区", "园区", "社区", "城区", "市区")


def _region(title: str) -> str | None:
    title = re.sub(r"^【[^】]*】", "", title)
    for pattern in _REGION_PATTERNS:
        m = pattern.match(title)
        if m and not m.group(1).endswith(_NOT_REGION) and not re.search(r"记者|获悉|据|讯|近日|日前", m.group(1)):
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
            place = _region(re.sub(r"^\s*20\d\d\s*年度?", "", norm[:200].strip()))
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
    for word, span in _FIVE_YEAR.items():
        if word in title:
            meta.notes.append(f"period: “{word}” is {span[0]}-{span[1]}")
            return span
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
