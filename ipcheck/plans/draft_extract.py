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
from ipcheck.plans.draft_commit import (committed_sentences, due_marks, from_to, is_result, not_a_quantity,
                                        stage_year, structure_count, text_year, words)
from ipcheck.plans.draft_prose import ORDER, aliases, per_capita, refine
from ipcheck.plans.draft_structure import Block, find_blocks, line_of, part_kind
from ipcheck.reading.figures import extract_figures
from ipcheck.model import Figure, FigureKind, Measure
from ipcheck.plans.schema import unit_fits
from ipcheck.plans.draft_tasks import DraftItem, owner_spans
from ipcheck.units import exact, unit as find_unit

__all__ = ["DraftItem", "target_items", "structure", "clean_metric"]


# ----------------------------------------------------------------------------------------
# targets
# ----------------------------------------------------------------------------------------

_OP_BEFORE = tuple((w, o) for w, o in words()["op_before"])     # ipcheck/plans/draft_words.yaml
_OP_QUALIFIER = {"以上": ">=", "之上": ">=", "不少于": ">=", "不低于": ">=", "至少": ">=", "余": ">=",
                 "多": ">=", "有余": ">=", "超过": ">", "超": ">", "逾": ">", "以内": "<=", "之内": "<=",
                 "以下": "<=", "不超过": "<=", "最多": "<=", "不足": "<", "不到": "<", "range": ">="}
_APPROX = {"约", "左右", "大约", "大概", "近", "将近", "接近", "近乎"}
_MEASURE = {FigureKind.LEVEL: "level", FigureKind.TARGET: "level", FigureKind.INCREASE: "level",
            FigureKind.GROWTH: "growth", FigureKind.ANNUAL_GROWTH: "annual_growth",
            FigureKind.SHARE: "share"}
_LEAD_WORDS = re.compile(r"^(?:全市|全州|全县|全区|我市|本市|每年|力争|扶持|培育|认定|筛选|引进|推进|实现|开展|"
                         r"累计|建成|打造|新培育|共|达到|拥有(?!自主)|去年|今年|目前|届时|同时|将|20\d\d年(?:底|末)?)")
# A subject before a commitment verb: "自治区知识产权局将建设高价值专利培育示范中心3个以上".
_SUBJECT = re.compile(r"^[^,;]{2,12}?(?:将|要|计划)(?:建设|培育|新增|建成|打造|引进|扶持|认定)?")
_TAIL_WORDS = re.compile(r"(?:达到|达|提高至|提高到|超过|为|突破|增幅|增长|占比|将|要|力争|计划|从|由|"
                         r"20\d\d年(?:底|末)?(?:的)?|(?<=[^全每今去本上\d])年)$")     # "…指标年增长20%"
_CLAUSE_SEP = re.compile(r"[,;:。]")
_SHORT_OBJECT = re.compile(r"^(?:开展|参与|参加|实施|通过|完成|建立|获得)[^,;。、]{2,12}")
_SENTENCE_END = re.compile(r"[。\n]")
_RECURRING = re.compile(r"每年|年均|每季度|每半年")


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
                 period: tuple[int, int] | None, starts: list[int], prose: bool = False) -> list[DraftItem]:
    """One DraftItem per figure of the plan body (see the module rules); in running text (a text
    without numbered parts, a preamble) only the figures committed to (ipcheck.plans.draft_commit).
    Figures left out on purpose come back as ``left_out`` items, written as comments."""
    masked = list(norm)
    for a, b in owner_spans(norm, lo, hi):
        masked[a:b] = " " * (b - a)
    scan = "".join(masked)
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
    marks = due_marks(norm, lo, front.end, own)
    fallback = _fallback_due(period, own)
    for a, b in pairs:
        sent = scan[a:b]
        if not sent.strip() or not any(ch.isdigit() or ch in "一二三四五六七八九十百千万" for ch in sent):
            continue
        holder = next((blk for blk in reversed(blocks) if blk.start <= a < blk.end), None)
        running = prose or a < front.end       # news, or the preamble before the first part
        if not running and (holder is None or a < holder.body_start):
            continue            # the marker itself
        kind = None if running else part_kind(holder, norm)
        chain = [front] if running else []
        blk = None if running else holder
        while blk is not None:
            chain.append(blk)
            blk = blk.parent
        prev = None
        start: tuple[Figure, int] | None = None     # the start of a from-to: (figure, year of its end)
        figs = extract_figures(sent)
        for k, fig in enumerate(figs):
            if kind in ("background", "principles"):
                parts.setdefault(chain[-1].start, []).append(line_of(starts, a + fig.start))
                continue
            why = _left_out(sent, fig, running, bool(committed.get(a)), own)
            end_year = from_to(sent, fig, figs[k + 1] if k + 1 < len(figs) else None)
            if not why and end_year is not None:
                why = "the start of a from-to (从…提高到…): the baseline of the next figure"
                start = (fig, end_year)
            if why:
                left.append(_left(text, sent, a, fig, why, starts))
                continue
            item = _target(text, norm, sent, a, fig, chain, period, starts)
            _share_lead_word(item, prev, fig, sent)
            if not running:
                _title_object(item, text[holder.body_start:holder.head_end] if holder.level < 3 else
                              norm[holder.body_start:holder.end].split("。")[0])
            previous = str(prev[0].fields.get("metric", "")) if prev and not prev[0].skipped else None
            drafted = refine(item, fig, sent, a, previous, marks if running else None, fallback)
            if start is not None:
                _baseline(drafted, start, fig)
                start = None
            out += drafted
            prev = (item, fig)
    out = _unique(out)
    for i, item in enumerate(t for t in out if not t.skipped):
        item.fields["id"] = f"T{i + 1}"
    for start, lines in parts.items():
        part = next(b for b in blocks if b.start == start)
        note = (f"{len(lines)} figures of the part “{part.heading(text)[:20]}” (lines {min(lines)}-{max(lines)}): "
                f"it states the background or principles, not commitments")
        left.append(DraftItem("target", {}, part.line, notes=[note], skipped=True, left_out=len(lines)))
    return out + sorted(left, key=lambda i: i.line)


def _title_object(item: DraftItem, title: str) -> None:
    """"1.培育知识产权示范企业。2017年培育10家": a metric that is only the title's verb (培育) is
    the title's object (知识产权示范企业)."""
    metric = str(item.fields.get("metric", ""))
    if item.skipped or len(metric) > 2 or not metric:
        return
    at = title.find(metric)
    obj = re.split(r"[,;。]", title[at + len(metric):])[0].strip() if at >= 0 else ""
    if 0 <= at <= 4 and len(obj) >= 3:
        item.fields["metric"] = obj
        item.review = [r for r in item.review if not r.startswith("metric '")]
        item.review.append(f"metric: taken from the item's title “{title[:30]}”: check it is what is counted")


def _baseline(items: list[DraftItem], start: tuple[Figure, int], fig: Figure) -> None:
    """A from-to's end, with its start as the baseline in the end's unit as written
    (从8000件提高到1.2万件: baseline 0.8 万件) and the year it names as the due year."""
    first, year = start
    named = clean_metric(first.quantity or "")
    for item in items:
        f = item.fields
        if item.skipped or not f.get("value"):
            continue
        if len(named) > 2 and named not in str(f.get("metric", "")):    # "提高到" names nothing
            f["metric"], of = per_capita(named)
            f.pop("of", None)
            f.pop("aliases", None)
            if of:
                f["of"] = of
            if aliases(str(f["metric"])):
                f["aliases"] = aliases(str(f["metric"]))
            item.review = [r for r in item.review if not r.startswith("metric '")]
        scale = exact(fig.value) / exact(f["value"])   # 1.2万件: the reader's 12000 件 per 1.2
        base = round(exact(first.value) / scale, 6)
        f["baseline"] = int(base) if base == int(base) else base
        if year:
            f["due"] = year
        item.notes.append(f"baseline: the start of “{first.text.strip()}…” (this plan format keeps its value, "
                          "not its year)")
        item.fields = {k: f[k] for k in ORDER if k in f}


def _left_out(sent: str, fig: Figure, running: bool, committed: bool, own: int | None) -> str:
    """Why a figure is no target ("" when it may be one)."""
    if running and is_result(sent, fig.start, fig.end, own):
        return "reported as a result (截至, 去年, 已, 完成了, a year before the text's own …)"
    if running and not committed:
        return "its sentence commits to nothing (no due year, no 力争/将/计划 …): a result or a fact"
    if _BASE_OF.match(sent[fig.end:]):
        return "the base a growth is counted from (…基础上)"
    if structure_count(fig, sent[fig.end:]):
        return "counts the plan's own parts (目标, 任务, 指标 …)"
    if not_a_quantity(sent, fig):
        return "a rank or a qualifier (前/第 …, …的)"
    return ""


_BASE_OF = re.compile(r"\s*(?:的)?\s*基础上")


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
    if (p_metric.startswith("新增") and not metric.startswith("新增") and p_fig.unit == fig.unit
            and between.count(",") == 1 and between.lstrip(", ").startswith(metric)):
        item.fields["metric"] = "新增" + metric


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


def _target(text, norm, sent, a, fig, chain, period, starts) -> DraftItem:
    line = line_of(starts, a + fig.start)
    c0, c1 = _clause(sent, fig)
    source = text[a + c0:a + c1].strip()
    before = sent[c0:fig.start]
    item = DraftItem("target", {}, line)
    metric = clean_metric(fig.quantity or "")
    if len(metric) <= 2:
        after = sent[fig.end:c1].lstrip()
        if after.startswith(metric):
            o = _SHORT_OBJECT.match(after[len(metric):])
            if o:
                metric = f"{o.group(0)}的{metric}"
    if len(metric) <= 2:
        item.review.append(f"metric '{metric}' is unclear: name the quantity")
    elif "、" in metric:
        item.review.append("metric names several things: check it")
    tail = norm[a + fig.end:].strip()
    if len(metric) <= 1 and len(tail) <= 2 and "。" not in tail:
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
    if re.match(r"[^\s,;。、()]{0,3}/", sent[fig.end:]):
        item.review.append(f"the unit runs on after {fig.text.strip()} ({sent[fig.end:fig.end + 6].strip()}…): "
                           "check the unit")
    if fig.kind is FigureKind.INCREASE:
        item.review.append("an increase (增加/新增 N): encoded as a level, check the base")
    op = None
    if fig.qualifier in _APPROX:
        item.review.append(f"approximate ({fig.qualifier}): check the operator")
    elif fig.qualifier:
        op = _OP_QUALIFIER.get(fig.qualifier)
    if op is None:
        for word, o in _OP_BEFORE:
            if word in before[-8:]:
                op = o
                break
    op = op or ">="
    if fig.qualifier == "range":
        item.notes.append(f"a range ({fig.text}): its lower bound is the commitment")
    due = stage_year(sent, fig.start, period) or _due(norm, chain, a + fig.start)
    recurring = _RECURRING.search(before) or any(w.startswith("recurring") for w in fig.warnings)
    if due is None and period is not None:
        due = period[1]
        if recurring and fig.kind is not FigureKind.ANNUAL_GROWTH:
            item.notes.append(f"yearly (每年): encoded once, due at the period end {due}")
    if due is None:
        item.review.append("no due year stated: add one")
    for w in fig.warnings:
        if w.startswith("blank_in_text"):
            item.review.append("a blank where a number should be: a figure may be missing")
        elif w.startswith("cumulative"):
            item.review.append("a running total (累计): check it is a target of this plan")
        elif not w.startswith("recurring"):
            item.review.append(w)
    value = fig.low if fig.qualifier == "range" and fig.low is not None else fig.value
    item.fields = {"id": "", "metric": metric or fig.unit, "measure": measure, "op": op,
                   "value": value, "unit": u.name}
    if due is not None:
        item.fields["due"] = due
    item.fields["source"] = source
    return item


def structure(norm: str, lo: int, hi: int, starts: list[int]) -> list[Block]:
    return find_blocks(norm, lo, hi, starts)

