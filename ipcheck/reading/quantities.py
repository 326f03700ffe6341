"""Bind the figures of one sentence to the quantities they measure and tell what kind each is."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ipcheck.model import Figure, FigureKind

# Blank for characters where no number may be read (titles, quoted names, codes); keeps offsets.
MASK = "\u25a1"


@dataclass
class Raw:
    """A number with its unit and qualifiers, before it is bound to a quantity."""

    value: float
    unit: str
    start: int            # first character of the number
    end: int              # last character of the unit, exclusive
    pre: int              # start of a prefix qualifier (近, 约), else == start
    post: int             # end of a suffix qualifier (以上, 左右), else == end
    qualifier: str | None
    low: float | None
    high: float | None
    warnings: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------------------
# cue tables
# ----------------------------------------------------------------------------------------

# Clause ends: a new predicate starts after them. ? is not one (in these documents it is a
# garbled % or ·); 、 only ends a clause after a figure (专利申请、专利授权…共3738件 is one noun).
_MAJOR_SEP = set(",;。:!()[]〔〕【】")
# The predicate of a figure starts at the first of these cues; what stands before it is the
# subject. 比/较 count only before a period (比2014年, 较上年同期), not in 比赛 or 较快.
_CUT = re.compile(
    r"所占比例|所占比重|占比|占有率|比例|比重|(?<![抢霸])占(?!地面|用)"
    r"|完成率|完成(?=了?(?:年度|全年)?(?:目标|任务|计划))"
    r"|同比|环比|相比|(?:比|较|与)(?=\s*(?:(?:19|20)\d\d|上年|去年|上一年|前一年|同期|原来|上期|年初|过去|“|\"|十[一二三四]五))"
    r"|是(?=\s*(?:19|20)\d\d\s*年的)"
    r"|年均|年平均"
    r"|(?:下降|减少|降低|回落|下滑|缩减)(?![至到])"
    r"|(?<!新)增长(?![至到点])|(?<!新)增加(?![至到值])|增幅|增速|提高(?![至到])|提升(?![至到])"
    r"|上升(?![至到])|翻番"
)
_AFTER_REACH = 40               # how far after a figure a change verb makes it a comparison base
_CLAUSE_REACH = 200             # how far back target and estimate cues are looked for
_CUE_REACH = 16                 # characters between a cue and its number, at most
_CMP = re.compile(r"同比|环比|相比|比|较|与|是")
_SHARE_CUE = re.compile(r"占|比例|比重")
_COMPLETION_CUE = re.compile(r"完成")
_ANNUAL_CUE = re.compile(r"年均|年平均")
_DEC_CUE = re.compile(r"下降|减少|降低|回落|下滑|缩减")
_INC_CUE = re.compile(r"增长|增加|增幅|增速|提高|提升|上升|翻番")
_CHANGE = re.compile(_DEC_CUE.pattern + "|" + _INC_CUE.pattern + r"|多|少")
# Words that make a figure a goal, not an actual: 目标任务量为370件, 力争…达到500万元.
_TARGET = re.compile(r"目标|力争|(?<![共已计])争取(?!到)|计划(?:任务)?(?:数|量)?(?:为|是|:|达到|完成|新增|实现)|拟(?![定订])|预期")
_TARGET_WORDS = re.compile(r"(?:预期)?目标(?:任务)?(?:量|数|值)?|力争|争取|计划(?:任务)?|拟(?![定订])")
# Forecasts: the figure is an estimate, say so.
_ESTIMATE = re.compile(r"预计|预测|估计|预估")
# A running total over several years is not this year's amount (累计申请专利24581件).
_CUMULATIVE = re.compile(r"累计|累积|历年")
# Leading words that set time or scope but do not name the quantity; 累计 is kept (it changes
# the meaning and matching must see it), 市本级 is kept (a narrower scope than 全市).
_LEAD = re.compile(
    r"\s+|[,、:]"
    r"|(?:截至|截止到?|到|至|自|从|在|于)(?=\s*\d)"
    r"|(?:19|20)\d\d\s*(?:-\s*(?:19|20)\d\d\s*)?年(?:度)?(?:\d{1,2}\s*(?:-\s*\d{1,2}\s*)?月(?:份)?)?"
    r"(?:\d{1,2}日)?(?:底|末|初|内|以来|起|期间)?"
    r"|\d{1,2}\s*(?:-\s*\d{1,2}\s*)?月(?:份)?(?:\d{1,2}日)?(?:底|末|初|以来|起)?"
    r"|今年以来|今年|去年|全年|本年度|本年|当年|年度|年内|同期|上半年|下半年"
    r"|其中|全市|我市|本市|全县|全区|全州|全省|共有|共计|总共|合计|共(?![享建同])|已经|已|仅|同时|此外|另外"
    r"|目前|现有|据统计|经统计|我局|我们|分别|完成了?(?!率)|实现了?|力争|争取|预计|计划|拟(?![定订])|对(?=\S)|使"
    r"|[一二三四五六七八九十]是|的"
)
# Trailing verbs and particles between the quantity and its number (专利申请量达|为|共计).
_TAIL = re.compile(
    r"(?:\s+|[,、:的了和及]|达到了?|已达到?|已经达到|就达|高达|多达|达|(?<![行作认成称因])为|(?<![但就])是"
    r"|共计|总计|合计|(?<![公总])共|累计达?|约为|超过|突破|逾|增至|降至|(?:增长|增加|提高|提升|上升|下降|降低)(?:到|至)"
    r"|以上|以下|共有|总数为|新?获得了?|预计)$"
)
# A clause whose subject is only one of these takes its noun from the figure before it:
# 注册商标12510件,本年新增3401件 → 新增注册商标; 企业106家,其中国家级8家 → 国家级…企业.
_MODIFIER_ONLY = re.compile(r"^(?:新增|新|累计|累积|新认定|新培育|新建)$")
_LEVEL_ONLY = re.compile(r"^(?:国家级|省级|市级|县级|区级|国家|省|市|县|国际|国内|涉外)$")
_MODIFIER_HEAD = re.compile(r"^(?:新增|累计|累积|国家级|省级|市级|县级|区级)|(?:国家级|省级|市级|县级|区级)$")
# 专利申请数141件,申请量同比增长50%: a bare 申请量 refers back to the last quantity.
_ELLIPTIC = re.compile(r"^(?:申请|授权|申请量|授权量|申请数|授权数|申请总量|数量|总量|总数|金额|总额)$")
# After "N 家 …": the counted noun runs until one of these verbs or particles.
_F_STOP = re.compile(
    r"的|参加|参与|获得|获|进行|通过|移交|移送|入驻|进入|晋升|被|成为|正在|已|全部|完成|实施|开展|参观"
    r"|听取|受益|得到|签订|实现|达到|达|共|分别|拥有|相继|先后|在|于|对|给予|纳入|申报|授课|提供|入选|位居"
    r"|位列|列|排名|荣获|接受|上榜|成功|和|及|与|等|(?<!行)为|是|支持|建立|,"
)
_F_CONNECT = re.compile(r"其中|同时|并|分别|以及|中(?![\u4e00-\u9fff])")
# The words before a figure end in a verb or particle: the count comes before its noun
# (晨光院获一项中国专利优秀奖, 促成…等9家企业, 17个单位的20件专利).
_PRE_NOMINAL = re.compile(
    r"(?:[等的了获将有把向给与和及]|推荐|培育|认定|确定|安排|支持|促成|引进|建成|建立|新建|组建|召开|举办|开展"
    r"|组织|资助|奖励|表彰|授予|评选|选派|委派|派选|下派|派出|抽调|邀请|发放|扶持|吸引|培训|捣毁|查处|办理|处理|受理|完成"
    r"|实施|获批|获得|取得|拥有|涉及|包括|推动|帮助|指导|联合|新增|出台|制定|拟定|下达|收到|争取|给予|给以)$"
)
# A place or scope right before the count does not name it: 在全国133个分站中, 全省十三所…学校.
_SCOPE_END = re.compile(r"(?:全国|全省|全市|全州|全县|全区|我省|本省)$")
# A count followed by these heads names the organisations just listed (A、B三家企业).
_NAMED_HEAD = re.compile(r"(?:企业|公司|单位|机构|院校|学校|高校)$")
_SAME_UNIT_KINDS = {FigureKind.LEVEL, FigureKind.INCREASE, FigureKind.DECREASE, FigureKind.TARGET}
_NO_FOLLOWING = {"%", "‰", "个百分点", "百分点", "倍"}
_STRIP_CHARS = re.compile(r"[\s“”\"‘’「」" + MASK + "]")

@dataclass
class _Bound:
    raw: Raw
    kind: FigureKind
    quantity: str
    own: bool
    pred: str
    major: int
    group: list[str] | None = None
    warnings: list[str] = field(default_factory=list)


def bind(text: str, scan: str, drop: list[bool], raws: list[Raw],
         scope: Callable[[int], tuple[int | None, str | None, str | None]]) -> tuple[Figure, ...]:
    """Figures for ``raws`` (numbers read from ``text``), each bound to its quantity and kind;
    ``scope(pos)`` gives (year, multi-year warning, partial-period warning) at a position."""
    segs = _segments(scan, drop, raws)
    seg_starts = [sg[0] for sg in segs]
    major_ends: dict[int, int] = {}
    for sg in segs:
        major_ends[sg[2]] = max(major_ends.get(sg[2], 0), sg[1])
    out: list[_Bound] = []
    own: list[tuple[str, str]] = []
    last_q = ""
    prev_end: dict[int, int] = {}
    group_left = 0
    for k, raw in enumerate(raws):
        seg_start, seg_end, major, major_start = _segment_of(segs, seg_starts, raw.start)
        region = max(seg_start, prev_end.get(seg_start, seg_start))
        phrase = _visible(text, drop, region, max(region, raw.pre))
        bare = not _STRIP_CHARS.sub("", phrase).strip("、")
        cut = _cut(phrase)
        subject, pred = phrase[:cut], phrase[cut:]
        after = _visible(text, drop, raw.post, min(major_ends[major], raw.post + _AFTER_REACH))
        if pred and _CMP.match(pred) and not _CHANGE.search(pred) and _CHANGE.search(after):
            continue                       # 比原来的5万元提高了一倍: 5万元 is the base, not a figure
        prev_end[seg_start] = raw.post
        prev = out[-1] if out and out[-1].major == major else None
        warnings = list(raw.warnings)
        clause = _visible(text, drop, max(major_start, raw.pre - _CLAUSE_REACH), raw.pre)
        if bare and prev is not None:      # 增加263件、265件、28件: continues the previous figure
            kind = _kind(prev.pred, raw.unit)
            pred = prev.pred
            if prev.group is not None and group_left > 0:
                i = len(prev.group) - group_left
                quantity, group_left = prev.group[i], group_left - 1
                b = _Bound(raw, kind, quantity, False, pred, major, prev.group)
            else:
                b = _Bound(raw, kind, prev.quantity, False, pred, major, None)
                b.warnings.extend(w for w in prev.warnings if w.startswith("respective"))
        else:
            kind = _kind(pred, raw.unit)
            group = None
            if "分别" in phrase:
                size = 1 + _count_bare_followers(text, drop, segs, seg_starts, raws, k, major)
                group = _enumeration(subject[:subject.find("分别")] if "分别" in subject else "", own, size,
                                     raw.unit if kind in _SAME_UNIT_KINDS else None)
                if group is None:
                    warnings.append(f"respective_unresolved: 分别 with {size} figures")
                else:
                    group_left = size - 1
            if group is not None:
                b = _Bound(raw, kind, group[0], False, pred, major, group)
            else:
                quantity, is_own = _quantity(text, drop, subject, raw, major_ends[major], raws, k,
                                             last_q, bool(_TARGET.search(clause)))
                b = _Bound(raw, kind, quantity, is_own, pred, major)
                if not is_own and out and out[-1].quantity == quantity:
                    b.warnings.extend(w for w in out[-1].warnings if w.startswith("estimate"))
                if is_own:
                    own.append((quantity, raw.unit))
                if not quantity:
                    warnings.append("no_quantity: nothing names what this figure measures")
        if _TARGET.search(clause) and b.kind is not FigureKind.COMPLETION:
            b.kind = FigureKind.TARGET
        if _CUMULATIVE.search(subject):
            warnings.append("cumulative: a running total, not this period's amount")
        if re.search(r"\S\s{2,}", text[region:raw.pre]) or re.search(r"\s{3,}", text[region:raw.pre]):
            warnings.append("blank_in_text: a blank before the figure, a number may be missing")
        if "每年" in clause:
            warnings.append("recurring: a yearly rate (每年), not an amount reported for the period")
        if _ESTIMATE.search(clause):
            warnings.append("estimate: the figure is a forecast")
        b.warnings = warnings + b.warnings
        out.append(b)
        last_q = b.quantity or last_q
    return tuple(_figure(text, scope, b) for b in out)


def _figure(text: str, scope: Callable[[int], tuple[int | None, str | None, str | None]],
            b: _Bound) -> Figure:
    raw = b.raw
    year, period, partial = scope(raw.start)
    warnings = list(b.warnings)
    if period:
        warnings.append(period)
    if partial:
        warnings.append(partial)
    return Figure(value=raw.value, unit=raw.unit, kind=b.kind, quantity=b.quantity,
                  text=text[raw.start:raw.end], start=raw.start, end=raw.end,
                  qualifier=raw.qualifier, low=raw.low, high=raw.high,
                  warnings=tuple(dict.fromkeys(warnings)), year=year)


def _segments(scan: str, drop: list[bool], raws: list[Raw]) -> list[tuple[int, int, int, int]]:
    """(start, end, major clause id, major clause start) for every minor clause."""
    ends = sorted(r.post for r in raws)
    segs = []
    major, major_start, start = 0, 0, 0
    ei = 0
    for i, ch in enumerate(scan):
        if drop[i]:
            continue
        if ch in _MAJOR_SEP:
            segs.append((start, i, major, major_start))
            major += 1
            major_start = start = i + 1
        elif ch == "、":
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
    return "".join(text[i] for i in range(max(0, lo), min(hi, len(text))) if not drop[i])


def _count_bare_followers(text: str, drop: list[bool], segs, starts: list[int], raws: list[Raw], k: int,
                          major: int) -> int:
    n = 0
    prev = raws[k]
    for raw in raws[k + 1:]:
        if _segment_of(segs, starts, raw.start)[2] != major:
            break
        between = _STRIP_CHARS.sub("", _visible(text, drop, prev.post, raw.pre))
        if between.strip("、"):
            break
        n += 1
        prev = raw
    return n


def _enumeration(before: str, own: list[tuple[str, str]], size: int, unit: str | None) -> list[str] | None:
    """The quantities a 分别 list refers to, in order, or None when they cannot be counted.

    Either the clause names them (发明专利、实用新型专利、外观设计专利分别…) or they are the
    last ``size`` figures named in the sentence; for amounts (增加263件) those must share the
    unit of the list, or the list is not theirs."""
    items = [clean(x.split("的")[-1]) for x in re.split(r"、|和|及", before)] if before else []
    if len(items) == size and all(items):
        return items
    if len(own) >= size and (unit is None or all(u == unit for _, u in own[-size:])):
        return [q for q, _ in own[-size:]]
    return None


def _cut(phrase: str) -> int:
    """Where the predicate starts: the first cue close enough to the number to govern it
    (in a run-on sentence 提高全社会的认知度共开展…活动18次, 提高 does not)."""
    for m in _CUT.finditer(phrase):
        if len(_STRIP_CHARS.sub("", phrase[m.start():])) <= _CUE_REACH:
            return m.start()
    return len(phrase)


def _kind(pred: str, unit: str) -> FigureKind:
    """The kind of a figure from the cue words between its quantity and its number."""
    if unit == "倍":
        return FigureKind.MULTIPLE
    pct = unit in ("%", "‰")
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
    if _CMP.match(pred) and pred.endswith(("多", "少")):     # 比上年多100件
        return FigureKind.INCREASE if pred.endswith("多") else FigureKind.DECREASE
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
    if len(s) == 1 and s in "对将把向给在为从于以":
        return ""
    return s if re.search(r"[\u4e00-\u9fffA-Za-z]", s) else ""


def _quantity(text: str, drop: list[bool], subject: str, raw: Raw, seg_end: int, raws: list[Raw],
              k: int, last_q: str, target: bool) -> tuple[str, bool]:
    """(quantity, named in this clause?) for a figure that does not continue a list."""
    p = clean(subject, target)
    if p and last_q:
        if _MODIFIER_ONLY.match(p) or _LEVEL_ONLY.match(p):
            return p + _MODIFIER_HEAD.sub("", last_q), False
        if _ELLIPTIC.match(p) and p.rstrip("量数") in last_q:
            return last_q, False
    noun, verb = _following(text, drop, raw, seg_end, raws, k)
    said = re.sub(r"[\s、,]+$", "", re.sub(r"\s+", "", subject))
    if noun and (len(p) <= 2 or _PRE_NOMINAL.search(said) or _SCOPE_END.search(said) or "、" in p
                 or said.endswith(("”", "\""))
                 or _NAMED_HEAD.search(noun)):
        return (("新增" if p.endswith("新增") else "") + noun), True
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
    if raw.unit in _NO_FOLLOWING:
        return "", ""
    hi = seg_end
    if k + 1 < len(raws):
        hi = min(hi, raws[k + 1].pre)
    f = re.split(r"\d", _visible(text, drop, raw.post, hi))[0]
    if not f or not re.match(r"[\u4e00-\u9fffA-Za-z“\"]", f) or _CUT.match(f) or _F_CONNECT.match(f):
        return "", ""
    if f.startswith("的"):
        f = f[1:]
    m = _F_STOP.search(f)
    if m and m.start() == 0:
        return "", clean(re.split(r"[,;、]", f)[0][:16])
    while m and m.group(0) == "的" and m.start() <= 2:    # 12件本地的专利侵权假冒案件
        n = _F_STOP.search(f, m.end())
        if n is None or n.start() == m.end():
            break
        m = n
    return clean(f[:m.start() if m else len(f)][:16]), ""
