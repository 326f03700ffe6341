"""Bind each figure of one sentence to the quantity it measures (ipcheck.reading.quantities) and tell its kind."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ipcheck.errors import Message, msg
from ipcheck.lang.registry import load
from ipcheck.model import Figure, FigureKind
from ipcheck.reading.quantities import Raw, added_to, clean, enumeration, quantity_of, total_only, visible
from ipcheck.units import UNITS

# ----------------------------------------------------------------------------------------
# cue tables: data (ipcheck/lang/zh/binding.yaml, punctuation.yaml, cues.yaml)
# ----------------------------------------------------------------------------------------

_R = load()
# Clause ends: a new predicate starts after them (ZH-PUNCT-005); 、 only ends a clause after a figure.
_MAJOR_SEP = set(_R.chars("ZH-PUNCT-005"))
# A label and its value (专利授权量:8650件): a colon right before a number joins them (ZH-PUNCT-021).
_LABEL_COLON, _NUMBER_NEXT = ":", _R.regex("ZH-PUNCT-021")
_ENUM = _R.chars("ZH-BIND-022")                 # 、
# The characters that may end a clause: _segments looks only at these.
_SEG_CHAR = re.compile("[" + re.escape("".join(sorted(_MAJOR_SEP)) + _ENUM) + "]")
# 和 or 及 alone between two figures joins them like 、 (分别由1.5万件和3200件增长到…, ZH-BIND-025).
_JOINER = _R.regex("ZH-BIND-025")
# The predicate of a figure starts at the first of these cues (ZH-KIND-001); before it: the subject.
_CUT = _R.regex("ZH-KIND-001")
_AFTER_REACH = 40               # how far after a figure a change verb makes it a comparison base
_CLAUSE_REACH = 200             # how far back target and estimate cues are looked for
_CUE_REACH = 16                 # characters between a cue and its number, at most
_CMP = _R.regex("ZH-KIND-002")
_SHARE_CUE = _R.regex("ZH-KIND-003")
_COMPLETION_CUE = _R.regex("ZH-KIND-004")
_ANNUAL_CUE = _R.regex("ZH-KIND-005")
_DEC_CUE = _R.regex("ZH-KIND-006")
_INC_CUE = _R.regex("ZH-KIND-007")
_MORE_LESS = {word: FigureKind(kind) for word, kind in _R.table("ZH-KIND-008").items()}   # 多, 少
_CHANGE = _R.regex("ZH-KIND-009")
# A share or a rate, then a change word: the figure is a change of the share or rate (ZH-KIND-010).
_RATE_CHANGE = _R.regex("ZH-KIND-010")
# Words that make a figure a goal, not an actual (ZH-BIND-001).
_TARGET = _R.regex("ZH-BIND-001")
# Forecasts: the figure is an estimate, say so (ZH-BIND-003).
_ESTIMATE = _R.regex("ZH-BIND-003")
# A running total over several years is not this year's amount (ZH-BIND-004).
_CUMULATIVE = _R.regex("ZH-BIND-004")
# A rate per period: 每年, 每季度 (ZH-RECUR-001).
_YEARLY = _R.regex("ZH-RECUR-001")
_RESPECTIVE = _R.words("ZH-BIND-016")[0]         # 分别
_COLON_LABEL = _R.regex("ZH-BIND-028")              # 专利申请量: opening a line
_SAME_UNIT_KINDS = {FigureKind.LEVEL, FigureKind.INCREASE, FigureKind.DECREASE, FigureKind.TARGET}
_STRIP_CHARS = _R.regex("ZH-PUNCT-009")
# A blank gap after a word or a run of blanks: a number may be missing there.
_GAP, _BLANK_RUN = re.compile(r"\S\s{2,}"), re.compile(r"\s{3,}")


@dataclass
class _Bound:
    raw: Raw
    kind: FigureKind
    quantity: str
    own: bool
    pred: str
    major: int
    group: list[str] | None = None
    warnings: list[Message] = field(default_factory=list)


def bind(text: str, scan: str, drop: list[bool], raws: list[Raw],
         scope: Callable[[int], tuple[int | None, Message | None, Message | None, int | None]]) -> tuple[Figure, ...]:
    """Figures for ``raws`` (numbers read from ``text``), each bound to its quantity and kind;
    ``scope(pos)`` gives (year, multi-year warning, partial-period warning) at a position."""
    binder = _Binder(text, scan, drop, raws)
    for k, raw in enumerate(raws):
        binder.add(k, raw)
    return tuple(_figure(text, scope, b) for b in binder.out)


class _Binder:
    """bind()'s walk over one sentence's numbers: the clauses, the figures bound so far, the
    quantities the sentence named itself, and what is left of a 分别 list."""

    def __init__(self, text: str, scan: str, drop: list[bool], raws: list[Raw]) -> None:
        self.text, self.drop, self.raws = text, drop, raws
        self.segs = _segments(scan, drop, raws)
        self.seg_starts = [sg[0] for sg in self.segs]
        self.major_ends: dict[int, int] = {}
        for sg in self.segs:
            self.major_ends[sg[2]] = max(self.major_ends.get(sg[2], 0), sg[1])
        self.out: list[_Bound] = []
        self.own: list[tuple[str, str]] = []
        self.last_q = ""
        self.labelled = -1                 # the last major clause whose opening label was read (ZH-BIND-028)
        self.last_added = ""               # the last quantity of what was added to one (ZH-BIND-027)
        self.prev_end: dict[int, int] = {}
        self.group_left = 0

    def add(self, k: int, raw: Raw) -> None:
        """Bind number ``k`` (or skip it when it is the base of a comparison)."""
        text, drop = self.text, self.drop
        seg_start, _, major, major_start = _segment_of(self.segs, self.seg_starts, raw.start)
        if major != self.labelled:         # 专利申请量:实际完成6520件: a label clause names what follows it
            self.labelled = major
            before = [sg[3] for sg in self.segs if sg[2] == major - 1]
            label = _COLON_LABEL.fullmatch(text[before[0]:major_start].strip()) if before else None
            if label:
                self.last_q = clean(label.group("label"))
        region = max(seg_start, self.prev_end.get(seg_start, seg_start))
        phrase = visible(text, drop, region, max(region, raw.pre))
        bare = not _JOINER.sub("", _STRIP_CHARS.sub("", phrase).strip(_ENUM)).strip(_ENUM)
        cut = _cut(phrase)
        subject, pred = phrase[:cut], phrase[cut:]
        rate = _RATE_CHANGE.match(pred)
        if rate:                           # 占比|提高30%: the quantity is the share, whose change the figure is
            subject = phrase[:cut + rate.end("rate")]
        after = visible(text, drop, raw.post, min(self.major_ends[major], raw.post + _AFTER_REACH))
        if pred and _CMP.match(pred) and not _CHANGE.search(pred) and _CHANGE.search(after):
            return                         # 比原来的5万元提高了一倍: 5万元 is the base, not a figure
        self.prev_end[seg_start] = raw.post
        prev = self.out[-1] if self.out and self.out[-1].major == major else None
        warnings = list(raw.warnings)
        clause = visible(text, drop, max(major_start, raw.pre - _CLAUSE_REACH), raw.pre)
        if bare and prev is not None:      # 增加263件、265件、28件: continues the previous figure
            b = self._continued(raw, prev, major)
        else:
            b = self._named(k, raw, (phrase, subject, pred, clause), major, warnings)
        if _TARGET.search(clause) and b.kind is not FigureKind.COMPLETION:
            b.kind = FigureKind.TARGET
        b.warnings = warnings + _clause_warnings(text[region:raw.pre], subject, clause) + b.warnings
        self.out.append(b)
        self.last_q = b.quantity or self.last_q
        if added_to(b.quantity):
            self.last_added = b.quantity

    def _continued(self, raw: Raw, prev: _Bound, major: int) -> _Bound:
        """A figure alone after 、 continues the one before: its kind, and its quantity or the next of a 分别 list."""
        kind = _kind(prev.pred, raw.unit)
        if prev.group is not None and self.group_left > 0:
            quantity = prev.group[len(prev.group) - self.group_left]
            self.group_left -= 1
            return _Bound(raw, kind, quantity, False, prev.pred, major, prev.group)
        b = _Bound(raw, kind, prev.quantity, False, prev.pred, major, None)
        b.warnings.extend(w for w in prev.warnings if w.code == "respective_unresolved")
        return b

    def _named(self, k: int, raw: Raw, words: tuple[str, str, str, str], major: int,
               warnings: list[Message]) -> _Bound:
        """A figure with words of its own before it: (phrase, subject, predicate, clause)."""
        phrase, subject, pred, clause = words
        kind = _kind(pred, raw.unit)
        if _RESPECTIVE in phrase:
            size = 1 + _count_bare_followers(self.text, self.drop, self.segs, self.seg_starts, self.raws, k, major)
            group = enumeration(subject[:subject.find(_RESPECTIVE)] if _RESPECTIVE in subject else "", self.own,
                                size, raw.unit if kind in _SAME_UNIT_KINDS else None)
            if group is not None:
                self.group_left = size - 1
                return _Bound(raw, kind, group[0], False, pred, major, group)
            warnings.append(msg("warning.respective_unresolved", word=_RESPECTIVE, count=size))
        # 新增1079家,是2016年增幅的2.5倍多,总数达3174家: a bare total is of what the additions were told of
        last_q = self.last_added if self.last_added and total_only(subject) else self.last_q
        quantity, is_own = quantity_of(self.text, self.drop, subject, raw, self.major_ends[major], self.raws, k,
                                       last_q, bool(_TARGET.search(clause)))
        b = _Bound(raw, kind, quantity, is_own, pred, major)
        if not is_own and self.out and self.out[-1].quantity == quantity:
            b.warnings.extend(w for w in self.out[-1].warnings if w.code == "estimate")
        if is_own:
            self.own.append((quantity, raw.unit))
        if not quantity:
            warnings.append(msg("warning.no_quantity"))
        return b


def _clause_warnings(before: str, subject: str, clause: str) -> list[Message]:
    """What the words before a figure say about it: a running total, a blank where a number may be
    missing, a rate per period, a forecast."""
    out = []
    if _CUMULATIVE.search(subject):
        out.append(msg("warning.cumulative"))
    if _GAP.search(before) or _BLANK_RUN.search(before):
        out.append(msg("warning.blank_in_text"))
    yearly = _YEARLY.search(clause)
    if yearly:
        out.append(msg("warning.recurring", word=yearly.group(0)))
    if _ESTIMATE.search(clause):
        out.append(msg("warning.estimate"))
    return out


def _figure(text: str, scope: Callable[[int], tuple[int | None, Message | None, Message | None, int | None]],
            b: _Bound) -> Figure:
    raw = b.raw
    year, period, partial, offset = scope(raw.start)
    warnings = list(b.warnings)
    if period:
        warnings.append(period)
    if partial:
        warnings.append(partial)
    return Figure(value=raw.value, unit=raw.unit, kind=b.kind, quantity=b.quantity,
                  text=text[raw.start:raw.end], start=raw.start, end=raw.end,
                  qualifier=raw.qualifier, low=raw.low, high=raw.high,
                  warnings=tuple(dict.fromkeys(warnings)), year=year, year_offset=offset)


def _segments(scan: str, drop: list[bool], raws: list[Raw]) -> list[tuple[int, int, int, int]]:
    """(start, end, major clause id, major clause start) for every minor clause."""
    ends = sorted(r.post for r in raws)
    segs = []
    major, major_start, start = 0, 0, 0
    ei = 0
    for m in _SEG_CHAR.finditer(scan):
        i, ch = m.start(), m.group(0)
        if drop[i]:
            continue
        if ch in _MAJOR_SEP and not (ch == _LABEL_COLON and _NUMBER_NEXT.match(scan, i + 1)):
            segs.append((start, i, major, major_start))
            major += 1
            major_start = start = i + 1
        elif ch == _ENUM:
            while ei < len(ends) and ends[ei] <= start:
                ei += 1
            if ei < len(ends) and ends[ei] <= i:
                segs.append((start, i, major, major_start))
                start = i + 1
    segs.append((start, len(scan), major, major_start))
    return segs


def _segment_of(segs: list[tuple[int, int, int, int]], starts: list[int], pos: int) -> tuple[int, int, int, int]:
    return segs[max(0, bisect_right(starts, pos) - 1)]


def _count_bare_followers(text: str, drop: list[bool], segs, starts: list[int], raws: list[Raw], k: int,
                          major: int) -> int:
    n = 0
    prev = raws[k]
    for raw in raws[k + 1:]:
        if _segment_of(segs, starts, raw.start)[2] != major:
            break
        between = _STRIP_CHARS.sub("", visible(text, drop, prev.post, raw.pre))
        if _JOINER.sub("", between.strip(_ENUM)).strip(_ENUM):
            break
        n += 1
        prev = raw
    return n


def _cut(phrase: str) -> int:
    """Where the predicate starts: the first cue close enough to the number to govern it
    (in a run-on sentence 提高全社会的认知度共开展…活动18次, 提高 does not)."""
    for m in _CUT.finditer(phrase):
        if len(_STRIP_CHARS.sub("", phrase[m.start():])) <= _CUE_REACH:
            return m.start()
    return len(phrase)


def _kind(pred: str, unit: str) -> FigureKind:
    """The kind of a figure from the cue words between its quantity and its number."""
    if unit in UNITS and UNITS[unit].family == "multiple":
        return FigureKind.MULTIPLE
    rate = _RATE_CHANGE.match(pred)
    if rate:                              # 占比提高30%, 增速回落3%: a change of a share or a rate
        return FigureKind.DECREASE if _DEC_CUE.search(pred, rate.end("rate")) else FigureKind.INCREASE
    pct = unit in UNITS and UNITS[unit].family == "percent"
    if pct and _COMPLETION_CUE.search(pred):
        return FigureKind.COMPLETION
    if pct and _SHARE_CUE.search(pred):
        return FigureKind.SHARE
    if _ANNUAL_CUE.search(pred):
        return FigureKind.ANNUAL_GROWTH if pct else FigureKind.INCREASE
    if _DEC_CUE.search(pred):
        return FigureKind.DECREASE
    if _INC_CUE.search(pred):
        return FigureKind.GROWTH if pct else FigureKind.INCREASE
    if _CMP.match(pred) and pred.endswith(tuple(_MORE_LESS)):     # 比上年多100件
        return _MORE_LESS[pred[-1]]
    return FigureKind.LEVEL
