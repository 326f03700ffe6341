"""Read a plan document's numeric targets (for ``ipcheck.plans.draft``; tasks: ``draft_tasks``).

Rules, so a reviewer knows what to expect (docs/draft.md states them for users):

- Targets are the figures ``extract_figures`` reads in the numbered parts of the plan body,
  except in the background (发展基础, 形势) and the principles (指导思想, 基本原则); in running
  text (a text without numbered parts, the preamble before the first part) only the figures
  committed to (ipcheck.plans.draft_commit). Ids "T1" … in document order.
- Left out on purpose, and listed as comments: results, counts of the plan's own parts, ranks,
  the base of a growth (在…基础上), the start of a from-to (its end's baseline).
- due: a stage year before the figure in its sentence ("2017年培育10家,2018年培育20家"), else the
  nearest "到2020年" / "2020年底前" before the figure in its item, else in the preamble of an
  enclosing part, else the period end. 每年 / 每季度 make a target recur (every: year / quarter).
- op: 以上/不低于/不少于/至少/达到/提高至 → ">="; 超过/逾 → ">" (literally "more than");
  以内/以下/不超过/控制在 → "<="; 不足/不到 → "<"; otherwise ">=".
"""
from __future__ import annotations

import re

from ipcheck.plans.draft_meta import BY_YEAR
from ipcheck.lang.registry import chars, param, regex, table, words
from ipcheck.plans.draft_commit import (STOP, FromTo, committed_sentences, doubled, due_marks, from_to, is_result,
                                        not_a_quantity, stage_year, structure_count, text_year)
from ipcheck.plans.draft_prose import ORDER, collection_member, refine, set_baseline
from ipcheck.plans.draft_structure import Block, find_blocks, line_of, part_kind
from ipcheck.reading.figures import extract_figures
from ipcheck.model import Figure, FigureKind, Measure
from ipcheck.plans.schema import unit_fits
from ipcheck.plans.draft_tasks import DraftItem, owner_spans
from ipcheck.plans.draft_table import Row
from ipcheck.units import unit as find_unit

__all__ = ["DraftItem", "target_items", "structure", "clean_metric"]


# ----------------------------------------------------------------------------------------
# targets
# ----------------------------------------------------------------------------------------

# The words are data: ipcheck/lang/zh/drafting.yaml (ZH-DRAFT-080..091) and the qualifiers the summary
# reader shares (ZH-QUAL-001..003: a lower bound is ">=", an upper one "<=", ZH-DRAFT-080 the strict ones).
_OP_BEFORE = tuple(table("ZH-DRAFT-082").items())
_QUALIFIERS = {w: b for code in ("ZH-QUAL-001", "ZH-QUAL-002", "ZH-QUAL-003") for w, b in table(code).items()}
_APPROX = {w for w, b in _QUALIFIERS.items() if b == "approx"} | set(words("ZH-DRAFT-081"))
_OP_QUALIFIER = {**{w: table("ZH-DRAFT-080").get(w, ">=" if b == "low" else "<=")
                    for w, b in _QUALIFIERS.items() if w not in _APPROX}, "range": ">="}
_MEASURE = {FigureKind.LEVEL: "level", FigureKind.TARGET: "level", FigureKind.INCREASE: "level",
            FigureKind.GROWTH: "growth", FigureKind.ANNUAL_GROWTH: "annual_growth",
            FigureKind.SHARE: "share"}
_LEAD_WORDS = regex("ZH-DRAFT-083")
# A subject before a commitment verb: "自治区知识产权局将建设高价值专利培育示范中心3个以上".
_SUBJECT = regex("ZH-DRAFT-084")
_TAIL_WORDS = regex("ZH-DRAFT-085")     # "…指标年增长20%"
_CLAUSE_SEP = re.compile(f"[,;:{STOP}]")
_SHORT_OBJECT = regex("ZH-DRAFT-086")
_SENTENCE_END = re.compile(f"[{STOP}\n]")
_RECURRING = regex("ZH-DRAFT-087")
_SEP = chars("ZH-BIND-022")             # 、 between the items of a list (shared with the summary reader)
_NUMERAL = set(chars("ZH-DRAFT-088"))
_NOTES = "ZH-DRAFT-091"


def clean_metric(quantity: str) -> str:
    m = re.sub(r"^[^\w\u4e00-\u9fff]+", "", quantity.strip())       # ■, ——: list marks
    for _ in range(4):
        new = _LEAD_WORDS.sub("", m).strip()
        new = _TAIL_WORDS.sub("", new).strip()
        if new == m or len(new) < 2:
            break
        m = new
    subject = _SUBJECT.match(m)
    if subject and len(m) - subject.end() >= 4:
        m = m[subject.end():]
    return m


def _due(norm: str, chain: list[Block], pos: int) -> int | None:
    """The nearest 到YYYY年 before ``pos`` in its item, else in an enclosing part's preamble."""
    inner = chain[0]
    spans = [(inner.body_start, pos)]
    for anc in chain[1:]:
        first_child = anc.children[0].start if anc.children else anc.end
        spans.append((anc.body_start, min(first_child, pos)))
    for a, b in spans:
        found = [int(x or y) for x, y in BY_YEAR.findall(norm, a, max(a, b))]
        if found:
            return found[-1]
    return None


def target_items(text: str, norm: str, blocks: list[Block], lo: int, hi: int,
                 period: tuple[int, int] | None, starts: list[int], prose: bool = False,
                 rows: "list[Row] | None" = None) -> list[DraftItem]:
    """One DraftItem per figure of the plan body (see the module rules); in running text (a text
    without numbered parts, a preamble) only the figures committed to (ipcheck.plans.draft_commit).
    Figures left out on purpose come back as ``left_out`` items, written as comments."""
    rows = rows or []
    scan = _masked(norm, lo, hi, rows)
    cuts = sorted({lo, hi, *(b.start for b in blocks), *(b.body_start for b in blocks),
                   *(m.end() for m in _SENTENCE_END.finditer(norm, lo, hi))})
    out: list[DraftItem] = []
    left: list[DraftItem] = []
    parts: dict[int, list[int]] = {}            # a background part's start → lines of its figures
    pairs = list(zip(cuts, cuts[1:]))
    front = Block(level=0, number=0, start=lo, body_start=lo, head_end=lo,
                  end=blocks[0].start if blocks and not prose else hi, line=line_of(starts, lo))
    own = text_year(norm)
    committed = committed_sentences(norm, [(a, b) for a, b in pairs if a < front.end], own)
    committed.update({a: True for a, b in pairs if any(a < r.task[1] and r.task[0] < b for r in rows)})
    marks = due_marks(norm, lo, front.end, own)
    fallback = _fallback_due(period, own)
    for a, b in pairs:
        sent = scan[a:b]
        if not sent.strip() or not any(ch.isdigit() or ch in _NUMERAL for ch in sent):
            continue
        holder = next((blk for blk in reversed(blocks) if blk.start <= a < blk.end), None)
        running = prose or a < front.end       # news, or the preamble before the first part
        if not running and (holder is None or a < holder.body_start):
            continue            # the marker itself
        kind = None if running else part_kind(holder, norm)
        chain = [front] if running else _ancestors(holder)
        prev = None
        start: tuple[Figure, FromTo] | None = None      # the start of a from-to
        figs = extract_figures(sent)
        for k, fig in enumerate(figs):
            if kind in ("background", "principles"):
                parts.setdefault(chain[-1].start, []).append(line_of(starts, a + fig.start))
                continue
            why = _left_out(sent, fig, running, bool(committed.get(a)), own)
            ft = from_to(sent, fig, figs[k + 1] if k + 1 < len(figs) else None)
            if not why and ft is not None:
                why = param("ZH-DRAFT-022", "why")
                start = (fig, ft)
            if why:
                left.append(_left(text, sent, a, fig, why, starts))
                continue
            item = _target(text, norm, sent, a, fig, chain, period, starts)
            _share_lead_word(item, prev, fig, sent)
            if not running:
                _title_object(item, text[holder.body_start:holder.head_end] if holder.level < 3 else
                              norm[holder.body_start:holder.end].split(STOP)[0])
            previous = str(prev[0].fields.get("metric", "")) if prev and not prev[0].skipped else None
            drafted = refine(item, fig, sent, a, previous, marks if running else None, fallback)
            _where_from(drafted, text, sent, a, fig, start, rows)
            start = None
            out += drafted
            prev = (item, fig)
    return _numbered(_unique(out)) + sorted(left + _background(parts, blocks, text), key=lambda i: i.line)


def _ancestors(block: Block | None) -> list[Block]:
    """A part and the parts it sits in, innermost first: where a figure's due year is looked for."""
    chain = []
    while block is not None:
        chain.append(block)
        block = block.parent
    return chain


def _numbered(items: list[DraftItem]) -> list[DraftItem]:
    """The drafted targets numbered T1, T2 … in text order (skipped ones get no id)."""
    for i, item in enumerate(t for t in items if not t.skipped):
        item.fields["id"] = f"T{i + 1}"
    return items


def _background(parts: dict[int, list[int]], blocks: list[Block], text: str) -> list[DraftItem]:
    """One left-out note per background part (results, principles), naming the lines of its figures."""
    out = []
    for start, lines in parts.items():
        part = next(b for b in blocks if b.start == start)
        note = param(_NOTES, "background").format(n=len(lines), part=part.heading(text)[:20], first=min(lines),
                                                  last=max(lines))
        out.append(DraftItem("target", {}, part.line, notes=[note], skipped=True, left_out=len(lines)))
    return out


def _title_object(item: DraftItem, title: str) -> None:
    """"1.培育知识产权示范企业。2017年培育10家": a metric that is only the title's verb (培育) is
    the title's object (知识产权示范企业)."""
    metric = str(item.fields.get("metric", ""))
    if item.skipped or len(metric) > 2 or not metric:
        return
    at = title.find(metric)
    obj = re.split(f"[,;{STOP}]", title[at + len(metric):])[0].strip() if at >= 0 else ""
    if 0 <= at <= 4 and len(obj) >= 3:
        item.fields["metric"] = obj
        item.review = [r for r in item.review if not r.startswith("metric '")]
        item.review.append(param(_NOTES, "title").format(title=title[:30]))


def _where_from(drafted: list[DraftItem], text: str, sent: str, a: int, fig: Figure,
                start: tuple[Figure, FromTo] | None, rows: "list[Row]") -> None:
    """The baseline of drafted targets (the start of a from-to before ``fig``, a doubling on a
    dated base) and the due year of a table row's figure."""
    row = next((r for r in rows if r.task[0] <= a + fig.start < r.task[1]), None)
    if row is not None:
        _row_due(drafted, row)
    if start is not None:          # 由2015年的12.2件提高到18件: 12.2 (2015) is the baseline
        first, ft = start
        set_baseline(drafted, fig, first.value, ft.base_year, text[a + ft.at:a + first.end].strip(),
                     clean_metric(first.quantity or ""), ft.end_year or None)
    elif (twice := doubled(sent, fig)) is not None:     # 比2015年翻一番,达到2万件
        year, times, said, stem = twice
        set_baseline(drafted, fig, fig.value / times, year, said, clean_metric(stem), None, unclear_only=True)


def _masked(norm: str, lo: int, hi: int, rows: "list[Row]") -> str:
    """``norm`` with what holds no target blanked: owner parens and label lines (owners, due dates)
    and the cells of a table's rows other than the task's."""
    masked = list(norm)
    for a, b in owner_spans(norm, lo, hi) + [s for r in rows for s in ((r.start, r.task[0]), (r.task[1], r.end))]:
        masked[a:b] = " " * (b - a)
    return "".join(masked)


def _row_due(items: list[DraftItem], row: "Row") -> None:
    """A figure in a table's row is due as the row says (完成时限), and recurs when it says 每年."""
    for item in items:
        if item.skipped:
            continue
        if row.due is not None:
            item.fields["due"] = row.due
            item.review = [r for r in item.review if not r.startswith(("no due year", "due "))]
        if row.every and item.fields.get("measure") != "annual_growth":
            item.fields["every"] = row.every
        item.fields = {k: item.fields[k] for k in ORDER if k in item.fields}


def _left_out(sent: str, fig: Figure, running: bool, committed: bool, own: int | None) -> str:
    """Why a figure is no target ("" when it may be one)."""
    if running and is_result(sent, fig.start, fig.end, own):
        return str(param("ZH-DRAFT-003", "why"))
    if running and not committed:
        return str(param("ZH-DRAFT-001", "not_committed"))
    if _BASE_OF.match(sent[fig.end:]):
        return str(param("ZH-DRAFT-090", "why"))
    if structure_count(fig, sent[fig.end:]):
        return str(param("ZH-DRAFT-010", "why"))
    if not_a_quantity(sent, fig):
        return str(param("ZH-DRAFT-030", "why"))
    return ""


_BASE_OF = regex("ZH-DRAFT-090")


def _left(text: str, sent: str, a: int, fig: Figure, why: str, starts: list[int]) -> DraftItem:
    c0, c1 = _clause(sent, fig)
    return DraftItem("target", {"source": text[a + c0:a + c1].strip()}, line_of(starts, a + fig.start),
                     notes=[f"{fig.text.strip()}: {why}"], skipped=True, left_out=1)


def _fallback_due(period: tuple[int, int] | None, own: int | None) -> tuple[int, str] | None:
    """The due year of a committed figure in running text that names none: the period's end,
    else the text's own year; either is a guess."""
    if period is not None:
        return period[1], f"no due year stated: the plan period's end {period[1]} was used"
    if own is not None:
        return own, f"no due year stated: the text's own year {own} was used"
    return None


def _unique(items: list[DraftItem]) -> list[DraftItem]:
    """The first of targets stated twice (same measure, op, value, unit and due, and one metric
    containing the other: a headline "2017年广西力争每万人口…达到3.75件" and its body)."""
    seen: list[tuple[tuple, str]] = []
    out = []
    for it in items:
        f = it.fields
        key = tuple(f.get(k) for k in ("measure", "op", "value", "unit", "due", "every"))
        metric = str(f.get("metric", ""))
        if not it.skipped and any(k == key and (m in metric or metric in m) for k, m in seen):
            continue
        seen.append((key, metric))
        out.append(it)
    return out


def _share_lead_word(item: DraftItem, prev, fig, sent: str) -> None:
    """"新增高新技术企业10户,省级创新型企业10户": 新增 of the first clause applies to the next
    one when it follows directly, in the same unit, with a bare quantity."""
    if prev is None or item.skipped or prev[0].skipped:
        return
    p_item, p_fig = prev
    metric, p_metric = str(item.fields.get("metric", "")), str(p_item.fields.get("metric", ""))
    between = sent[p_fig.end:fig.start]
    shared = next((w for w in words("ZH-DRAFT-089") if p_metric.startswith(w)), None)
    if (shared and not metric.startswith(shared) and p_fig.unit == fig.unit
            and between.count(",") == 1 and between.lstrip(", ").startswith(metric)):
        item.fields["metric"] = shared + metric


def _clause(sent: str, fig: Figure) -> tuple[int, int]:
    """The clause holding the figure, extended back to its quantity when that sits earlier."""
    c0 = max([m.end() for m in _CLAUSE_SEP.finditer(sent, 0, fig.start)] or [0])
    m = _CLAUSE_SEP.search(sent, fig.end)
    c1 = m.start() if m else len(sent.rstrip())
    q = sent.rfind(fig.quantity, 0, fig.start) if fig.quantity else -1
    if 0 <= q < c0 and fig.quantity not in sent[c0:c1]:
        c0 = max([m.end() for m in _CLAUSE_SEP.finditer(sent, 0, q)] or [0])
    while c0 < c1 and sent[c0] in " \t":
        c0 += 1
    return c0, c1


def _metric(sent: str, fig: Figure, c1: int, item: DraftItem) -> str:
    """The quantity a drafted target counts, as the text names it (a short name joined to the object
    after the figure; a listed collection's member), with a review note where it is unclear."""
    metric = clean_metric(fig.quantity or "")
    if len(metric) <= 2:
        after = sent[fig.end:c1].lstrip()
        if after.startswith(metric):
            o = _SHORT_OBJECT.match(after[len(metric):])
            if o:
                metric = f"{o.group(0)}{param('ZH-DRAFT-086', 'joiner')}{metric}"
    member = collection_member(sent[c1:]) if _SEP in metric else None
    if member:              # "筛选100家A、B、C,建立…重点单位库": what is counted is the 库's member
        item.review.append(param(_NOTES, "collection").format(metric=metric))
        metric = member
    if len(metric) <= 2:
        item.review.append(f"metric '{metric}' is unclear: name the quantity")
    elif _SEP in metric:
        item.review.append("metric names several things: check it")
    return metric


def _operator(fig: Figure, before: str, item: DraftItem) -> str:
    """The target's operator as written: the figure's own qualifier (approximate ones ask for review),
    else a word of comparison just before it, else '>='."""
    op = None
    if fig.qualifier in _APPROX:
        item.review.append(param("ZH-DRAFT-081", "why").format(qualifier=fig.qualifier))
    elif fig.qualifier:
        op = _OP_QUALIFIER.get(fig.qualifier)
    if op is None:
        for word, o in _OP_BEFORE:
            if word in before[-8:]:
                op = o
                break
    return op or ">="


def _target(text, norm, sent, a, fig, chain, period, starts) -> DraftItem:
    line = line_of(starts, a + fig.start)
    c0, c1 = _clause(sent, fig)
    source = text[a + c0:a + c1].strip()
    before = sent[c0:fig.start]
    item = DraftItem("target", {}, line)
    metric = _metric(sent, fig, c1, item)
    tail = norm[a + fig.end:].strip()
    if len(metric) <= 1 and len(tail) <= 2 and STOP not in tail:
        item.skipped = True     # "…,建成9个市": the text breaks off before naming the quantity
        item.review.append(f"not drafted: the text breaks off after {fig.text}")
        item.fields = {"source": source}
        return item
    measure = _MEASURE.get(fig.kind)
    u = find_unit(fig.unit)
    if measure is None or u is None or not unit_fits(Measure(measure), u):
        item.skipped = True
        item.review.append(f"not drafted: {fig.text} reads as {fig.kind.value} in "
                           f"'{fig.unit}', which a target cannot state; encode it by hand if it is one")
        item.fields = {"source": source}
        return item
    if re.match(f"[^\\s,;{STOP}{_SEP}()]{{0,3}}/", sent[fig.end:]):
        item.review.append(f"the unit runs on after {fig.text.strip()} ({sent[fig.end:fig.end + 6].strip()}…): "
                           "check the unit")
    if fig.kind is FigureKind.INCREASE:
        item.review.append(param(_NOTES, "increase"))
    op = _operator(fig, before, item)
    if fig.qualifier == "range":
        item.notes.append(f"a range ({fig.text}): its lower bound is the commitment")
    due = stage_year(sent, fig.start, period) or _due(norm, chain, a + fig.start)
    recurring = _RECURRING.search(before) or any(w.code == "recurring" for w in fig.warnings)
    if due is None and period is not None:
        due = period[1]
        if recurring and fig.kind is not FigureKind.ANNUAL_GROWTH:
            item.notes.append(param("ZH-DRAFT-087", "yearly").format(due=due))
    if due is None:
        item.review.append("no due year stated: add one")
    for w in fig.warnings:
        if w.code == "blank_in_text":
            item.review.append("a blank where a number should be: a figure may be missing")
        elif w.code == "cumulative":
            item.review.append(param(_NOTES, "cumulative"))
        elif w.code != "recurring":
            item.review.append(w.text())
    value = fig.low if fig.qualifier == "range" and fig.low is not None else fig.value
    item.fields = {"id": "", "metric": metric or fig.unit, "measure": measure, "op": op,
                   "value": value, "unit": u.name}
    if due is not None:
        item.fields["due"] = due
    item.fields["source"] = source
    return item


def structure(norm: str, lo: int, hi: int, starts: list[int]) -> list[Block]:
    return find_blocks(norm, lo, hi, starts)

