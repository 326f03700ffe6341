"""The quantity a figure measures: the words before it or the noun after it, cleaned of scope, time and verbs."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ipcheck.errors import Message
from ipcheck.lang.registry import load
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
# cue tables: data (ipcheck/lang/zh/binding.yaml, punctuation.yaml)
# ----------------------------------------------------------------------------------------

_R = load()
_ENUM = _R.chars("ZH-BIND-022")                 # 、
_PHRASE_END = re.compile("[" + re.escape(_R.chars("ZH-BIND-021")) + "]")
_TRAILING_SEP = re.compile(r"[\s" + re.escape(_ENUM) + ",]+$")
# The predicate of a figure starts at the first of these cues (ZH-KIND-001): no noun after a figure starts with one.
_CUT = _R.regex("ZH-KIND-001")
# Words that make a figure a goal, left out of its name (ZH-BIND-002).
_TARGET_WORDS = _R.regex("ZH-BIND-002")
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
# A bare total after what was added to a quantity is that quantity's total (ZH-BIND-027).
_TOTAL_ONLY = _R.regex("ZH-BIND-027")
_ADDED = tuple(_R.param("ZH-BIND-027", "added"))
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
_LIST_ITEMS = _R.regex("ZH-BIND-017")
_DE = _R.words("ZH-BIND-018")[0]                  # 的
_NEW = _R.words("ZH-BIND-019")[0]                 # 新增
_LONE = _R.chars("ZH-BIND-020")
# Rates, differences and multiples count nothing after them: no noun is read there.
_NO_FOLLOWING_FAMILIES = ("percent", "points", "multiple")
_STRIP_CHARS = _R.regex("ZH-PUNCT-009")
_NOUN_START = re.compile(r"[\u4e00-\u9fffA-Za-z" + re.escape(_R.chars("ZH-PUNCT-010")) + "]")
_CLOSING_QUOTES = tuple(_R.chars("ZH-PUNCT-011"))
# Compiled once, not looked up in re's cache on every figure: a word character, blanks, a digit.
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_BLANKS = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")
# 专利申请、授权量: a later item that starts with a verb of the first item's kind shares its head (ZH-BIND-026).
_HEAD_VERB = re.compile("|".join(map(re.escape, _R.words("ZH-BIND-026"))))


def visible(text: str, drop: list[bool], lo: int, hi: int) -> str:
    """text[lo:hi] without the dropped characters."""
    lo, hi = max(0, lo), min(hi, len(text))
    if True not in drop[lo:hi]:
        return text[lo:hi]
    return "".join(text[i] for i in range(lo, hi) if not drop[i])


def enumeration(before: str, own: list[tuple[str, str]], size: int, unit: str | None) -> list[str] | None:
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


def _shared_head(items: list[str]) -> list[str]:
    """``items`` with the first item's words before its verb lent to the later items that start with a verb
    (专利申请、授权量 → 专利申请, 专利授权量; 发明专利申请量和授权量 → …, 发明专利授权量)."""
    m = _HEAD_VERB.search(items[0])
    if m is None or m.start() == 0:
        return items
    head = items[0][:m.start()]
    return [items[0]] + [head + x if _HEAD_VERB.match(x) else x for x in items[1:]]


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


def quantity_of(text: str, drop: list[bool], subject: str, raw: Raw, seg_end: int, raws: list[Raw],
              k: int, last_q: str, target: bool) -> tuple[str, bool]:
    """(quantity, named in this clause?) for a figure that does not continue a list."""
    p = clean(subject, target)
    if p and last_q:
        if _TOTAL_ONLY.match(p) and last_q.endswith(_ADDED):       # 新增1.34万家,总数达5.5万家
            return _added_dropped(last_q) + p, False
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


def added_to(quantity: str) -> bool:
    """True when ``quantity`` names what was added to a quantity (科技型中小企业新增, ZH-BIND-027)."""
    return quantity.endswith(_ADDED)


def total_only(subject: str) -> bool:
    """True when the words before a figure name only a total (总数达, ZH-BIND-027)."""
    return _TOTAL_ONLY.match(clean(subject)) is not None


def _added_dropped(quantity: str) -> str:
    """``quantity`` without the word of an addition that ends it: 科技型中小企业新增 → 科技型中小企业."""
    for word in _ADDED:
        if quantity.endswith(word):
            return quantity[:-len(word)]
    return quantity


def _following(text: str, drop: list[bool], raw: Raw, seg_end: int, raws: list[Raw],
               k: int) -> tuple[str, str]:
    """(noun, verb phrase) written right after the figure: 9家企业 → 企业; 约2000人次参加培训."""
    if raw.unit in UNITS and UNITS[raw.unit].family in _NO_FOLLOWING_FAMILIES:
        return "", ""
    hi = seg_end
    if k + 1 < len(raws):
        hi = min(hi, raws[k + 1].pre)
    f = _DIGIT.split(visible(text, drop, raw.post, hi), maxsplit=1)[0]
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
