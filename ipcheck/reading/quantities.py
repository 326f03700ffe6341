"""Bind the figures of one sentence to the quantities they measure and tell what kind each is."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from ipcheck.errors import Message, msg
from ipcheck.lang.registry import load
from ipcheck.model import Figure, FigureKind
from ipcheck.units import UNITS

# Blank for characters where no number may be read (titles, quoted names, codes); keeps offsets.
MASK = "\u25a1"


@dataclass
class Raw:
    """A number with its unit and qualifiers, before it is bound to a quantity."""

    value: Decimal
    unit: str
    start: int            # first character of the number
    end: int              # last character of the unit, exclusive
    pre: int              # start of a prefix qualifier (近, 约), else == start
    post: int             # end of a suffix qualifier (以上, 左右), else == end
    qualifier: str | None
    low: Decimal | None
    high: Decimal | None
    warnings: list[Message] = field(default_factory=list)


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
_PHRASE_END = re.compile("[" + re.escape(_R.chars("ZH-BIND-021")) + "]")
# 和 or 及 alone between two figures joins them like 、 (分别由1.5万件和3200件增长到…, ZH-BIND-025).
_JOINER = _R.regex("ZH-BIND-025")
_TRAILING_SEP = re.compile(r"[\s" + re.escape(_ENUM) + ",]+$")
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
# Words that make a figure a goal, not an actual (ZH-BIND-001), and those left out of its name.
_TARGET = _R.regex("ZH-BIND-001")
_TARGET_WORDS = _R.regex("ZH-BIND-002")
# Forecasts: the figure is an estimate, say so (ZH-BIND-003).
_ESTIMATE = _R.regex("ZH-BIND-003")
# A running total over several years is not this year's amount (ZH-BIND-004).
_CUMULATIVE = _R.regex("ZH-BIND-004")
# A rate per period: 每年, 每季度 (ZH-RECUR-001).
_YEARLY = _R.regex("ZH-RECUR-001")
# Leading words that set time or scope (ZH-BIND-005) and trailing verbs (ZH-BIND-006).
_LEAD = _R.regex("ZH-BIND-005")
_TAIL = _R.regex("ZH-BIND-006")
# A clause whose subject is only a modifier or a level takes its noun from the figure before it
# (ZH-BIND-007, 008, without the modifiers of ZH-BIND-009); an elliptic quantity refers back (010).
_MODIFIER_ONLY = _R.regex("ZH-BIND-007")
_LEVEL_ONLY = _R.regex("ZH-BIND-008")
_MODIFIER_HEAD = _R.regex("ZH-BIND-009")
_ELLIPTIC = _R.regex("ZH-BIND-010")
_QUANTITY_SUFFIX_CHARS = _R.chars("ZH-MATCH-004")        # 量数
# An amount word alone (交易额, 金额) names the amount of the deals counted before it, whose closing verb
# (成交, 登记) is left out (ZH-BIND-023, 024).
_AMOUNT_ONLY = _R.regex("ZH-BIND-023")
_DEAL_VERB = _R.regex("ZH-BIND-024")
# After "N 家 …": the counted noun runs until one of these (ZH-BIND-011); other clauses start (012).
_F_STOP = _R.regex("ZH-BIND-011")
_F_CONNECT = _R.regex("ZH-BIND-012")
# The words before a figure end in a verb or particle: the count comes before its noun (ZH-BIND-013);
# a scope right before the count (014); a count naming the organisations just listed (015).
_PRE_NOMINAL = _R.regex("ZH-BIND-013")
_SCOPE_END = _R.regex("ZH-BIND-014")
_NAMED_HEAD = _R.regex("ZH-BIND-015")
_RESPECTIVE = _R.words("ZH-BIND-016")[0]         # 分别
_LIST_ITEMS = _R.regex("ZH-BIND-017")
_DE = _R.words("ZH-BIND-018")[0]                  # 的
_NEW = _R.words("ZH-BIND-019")[0]                 # 新增
_LONE = _R.chars("ZH-BIND-020")
_SAME_UNIT_KINDS = {FigureKind.LEVEL, FigureKind.INCREASE, FigureKind.DECREASE, FigureKind.TARGET}
# Rates, differences and multiples count nothing after them: no noun is read there.
_NO_FOLLOWING_FAMILIES = ("percent", "points", "multiple")
_STRIP_CHARS = _R.regex("ZH-PUNCT-009")
_NOUN_START = re.compile(r"[\u4e00-\u9fffA-Za-z" + re.escape(_R.chars("ZH-PUNCT-010")) + "]")
_CLOSING_QUOTES = tuple(_R.chars("ZH-PUNCT-011"))
# Compiled once, not looked up in re's cache on every figure: a blank gap after a word or a run of
# blanks (a number may be missing there), a word character, blanks, a digit.
_GAP, _BLANK_RUN = re.compile(r"\S\s{2,}"), re.compile(r"\s{3,}")
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_BLANKS = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")

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
        self.prev_end: dict[int, int] = {}
        self.group_left = 0

    def add(self, k: int, raw: Raw) -> None:
        """Bind number ``k`` (or skip it when it is the base of a comparison)."""
        text, drop = self.text, self.drop
        seg_start, _, major, major_start = _segment_of(self.segs, self.seg_starts, raw.start)
        region = max(seg_start, self.prev_end.get(seg_start, seg_start))
        phrase = _visible(text, drop, region, max(region, raw.pre))
        bare = not _JOINER.sub("", _STRIP_CHARS.sub("", phrase).strip(_ENUM)).strip(_ENUM)
        cut = _cut(phrase)
        subject, pred = phrase[:cut], phrase[cut:]
        after = _visible(text, drop, raw.post, min(self.major_ends[major], raw.post + _AFTER_REACH))
        if pred and _CMP.match(pred) and not _CHANGE.search(pred) and _CHANGE.search(after):
            return                         # 比原来的5万元提高了一倍: 5万元 is the base, not a figure
        self.prev_end[seg_start] = raw.post
        prev = self.out[-1] if self.out and self.out[-1].major == major else None
        warnings = list(raw.warnings)
        clause = _visible(text, drop, max(major_start, raw.pre - _CLAUSE_REACH), raw.pre)
        if bare and prev is not None:      # 增加263件、265件、28件: continues the previous figure
            b = self._continued(raw, prev, major)
        else:
            b = self._named(k, raw, (phrase, subject, pred, clause), major, warnings)
        if _TARGET.search(clause) and b.kind is not FigureKind.COMPLETION:
            b.kind = FigureKind.TARGET
        b.warnings = warnings + _clause_warnings(text[region:raw.pre], subject, clause) + b.warnings
        self.out.append(b)
        self.last_q = b.quantity or self.last_q

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
            group = _enumeration(subject[:subject.find(_RESPECTIVE)] if _RESPECTIVE in subject else "", self.own,
                                 size, raw.unit if kind in _SAME_UNIT_KINDS else None)
            if group is not None:
                self.group_left = size - 1
                return _Bound(raw, kind, group[0], False, pred, major, group)
            warnings.append(msg("warning.respective_unresolved", word=_RESPECTIVE, count=size))
        quantity, is_own = _quantity(self.text, self.drop, subject, raw, self.major_ends[major], self.raws, k,
                                     self.last_q, bool(_TARGET.search(clause)))
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


def _visible(text: str, drop: list[bool], lo: int, hi: int) -> str:
    """text[lo:hi] without the dropped characters."""
    lo, hi = max(0, lo), min(hi, len(text))
    if True not in drop[lo:hi]:
        return text[lo:hi]
    return "".join(text[i] for i in range(lo, hi) if not drop[i])


def _count_bare_followers(text: str, drop: list[bool], segs, starts: list[int], raws: list[Raw], k: int,
                          major: int) -> int:
    n = 0
    prev = raws[k]
    for raw in raws[k + 1:]:
        if _segment_of(segs, starts, raw.start)[2] != major:
            break
        between = _STRIP_CHARS.sub("", _visible(text, drop, prev.post, raw.pre))
        if _JOINER.sub("", between.strip(_ENUM)).strip(_ENUM):
            break
        n += 1
        prev = raw
    return n


def _enumeration(before: str, own: list[tuple[str, str]], size: int, unit: str | None) -> list[str] | None:
    """The quantities a 分别 list refers to, in order, or None when they cannot be counted.

    Either the clause names them (发明专利、实用新型专利、外观设计专利分别…) or they are the
    last ``size`` figures named in the sentence; for amounts (增加263件) those must share the
    unit of the list, or the list is not theirs."""
    parts = _LIST_ITEMS.split(before) if before else []
    if len(parts) == size and _DE in parts[-1] and not any(_DE in x for x in parts[:-1]):
        return None         # 发明、实用新型、外观设计三种类型的专利申请量: the last noun is every item's, not the last's
    items = [clean(x.split(_DE)[-1]) for x in parts]
    if len(items) == size and all(items):
        return _shared_head(items)
    if len(own) >= size and (unit is None or all(u == unit for _, u in own[-size:])):
        return [q for q, _ in own[-size:]]
    return None


# 专利申请、授权量: a later item that starts with a verb of the first item's kind shares its head (ZH-BIND-026).
_HEAD_VERB = re.compile("|".join(map(re.escape, _R.words("ZH-BIND-026"))))


def _shared_head(items: list[str]) -> list[str]:
    """``items`` with the first item's words before its verb lent to the later items that start with a verb
    (专利申请、授权量 → 专利申请, 专利授权量; 发明专利申请量和授权量 → …, 发明专利授权量)."""
    m = _HEAD_VERB.search(items[0])
    if m is None or m.start() == 0:
        return items
    head = items[0][:m.start()]
    return [items[0]] + [head + x if _HEAD_VERB.match(x) else x for x in items[1:]]


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


def clean(phrase: str, target: bool = False) -> str:
    """A quantity phrase without scope/time words, trailing verbs and (for a quoted target)
    the target words: 专利申请目标任务量为 → 专利申请."""
    s = _STRIP_CHARS.sub("", phrase)
    if target:
        s = _TARGET_WORDS.sub("", s)
    for _ in range(12):
        before = s
        m = _LEAD.match(s)
        if m and m.end() > 0:
            s = s[m.end():]
        m = _TAIL.search(s)
        if m and m.start() < len(s):
            s = s[:m.start()]
        if s == before:
            break
    if len(s) == 1 and s in _LONE:
        return ""
    return s if _WORD_CHAR.search(s) else ""


def _quantity(text: str, drop: list[bool], subject: str, raw: Raw, seg_end: int, raws: list[Raw],
              k: int, last_q: str, target: bool) -> tuple[str, bool]:
    """(quantity, named in this clause?) for a figure that does not continue a list."""
    p = clean(subject, target)
    if p and last_q:
        if _MODIFIER_ONLY.match(p) or _LEVEL_ONLY.match(p):
            return p + _MODIFIER_HEAD.sub("", last_q), False
        if _ELLIPTIC.match(p) and p.rstrip(_QUANTITY_SUFFIX_CHARS) in last_q:
            return last_q, False
        if _AMOUNT_ONLY.match(p) and last_q != p:
            return _DEAL_VERB.sub("", last_q) + p, False
    noun, verb = _following(text, drop, raw, seg_end, raws, k)
    said = _TRAILING_SEP.sub("", _BLANKS.sub("", subject))
    if noun and (len(p) <= 2 or _PRE_NOMINAL.search(said) or _SCOPE_END.search(said) or _ENUM in p
                 or said.endswith(_CLOSING_QUOTES)
                 or _NAMED_HEAD.search(noun)):
        return ((_NEW if p.endswith(_NEW) else "") + noun), True
    if verb and p and _PRE_NOMINAL.search(said) and len(p) <= 4:
        return verb, True          # 组织30多人次开展联合执法检查: what the people counted did
    if p:
        return p, True
    if verb:
        return verb, True
    return last_q, False


def _following(text: str, drop: list[bool], raw: Raw, seg_end: int, raws: list[Raw],
               k: int) -> tuple[str, str]:
    """(noun, verb phrase) written right after the figure: 9家企业 → 企业; 约2000人次参加培训."""
    if raw.unit in UNITS and UNITS[raw.unit].family in _NO_FOLLOWING_FAMILIES:
        return "", ""
    hi = seg_end
    if k + 1 < len(raws):
        hi = min(hi, raws[k + 1].pre)
    f = _DIGIT.split(_visible(text, drop, raw.post, hi), maxsplit=1)[0]
    if not f or not _NOUN_START.match(f) or _CUT.match(f) or _F_CONNECT.match(f):
        return "", ""
    if f.startswith(_DE):
        f = f[len(_DE):]
    m = _F_STOP.search(f)
    if m and m.start() == 0:
        return "", clean(_PHRASE_END.split(f)[0][:16])
    while m and m.group(0) == _DE and m.start() <= 2:    # 12件本地的专利侵权假冒案件
        n = _F_STOP.search(f, m.end())
        if n is None or n.start() == m.end():
            break
        m = n
    return clean(f[:m.start() if m else len(f)][:16]), ""
