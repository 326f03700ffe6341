"""Match a numeric target to the figures that measure it: by the quantity a figure was bound to, its
kind and unit, whose figure it is, the whole of a share, and a bare number whose unit was dropped.

The quantity names come from ipcheck.verdicts.matching (core, bigrams, the narrowing words); whose a
figure is, from ipcheck.reading.subjects; the words are data (ipcheck/lang/zh/matching.yaml, whose.yaml).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz

from ipcheck.errors import msg
from ipcheck.lang.registry import load
from ipcheck.model import Figure, FigureKind, Measure, Section, Sentence, Target
from ipcheck.reading.numerals import parse_number
from ipcheck.reading.regions import same_region
from ipcheck.reading.subjects import SCOPE, figure_elsewhere, rate_elsewhere, someone_else
from ipcheck.units import UNITS, comparable
from ipcheck.verdicts.matching import (FUZZY_NAME_MIN, KINDS_FOR_MEASURE, SPECIFIERS, FigureMatch,
                                       SentenceIndex, bigrams, canonical, core)

_R = load()


def owns(whose: str | None, region: str) -> bool:
    """True when a figure that says whose it is (a table row: ``Figure.whose``) is the plan ``region``'s: the
    region's own row (长沙 for 长沙市), a scope word of its level (全省 for a province), or a table's unnamed
    whole (''; the reader flags it for review). Another region's row never is, named with a suffix or not
    (天津, 内蒙古, 张家界: the whose trap of tables)."""
    if whose is None or whose == "":
        return True
    if whose in SCOPE:
        return not someone_else(whose, region)
    return bool(region) and same_region(whose, region)


def name_score(quantity: str, target: Target, region: str = "") -> float:
    """How surely a figure's quantity names the target's metric, in [0, 1]; 0 = a different quantity
    (a narrower one, or another place's or body's than the plan's ``region``)."""
    q = canonical(quantity)
    if not q:
        return 0.0
    if any(x and (x in q or canonical(x) in q) for x in target.exclude):
        return 0.0
    best = 0.0
    for name in (target.metric, *target.aliases):
        c = core(name)
        if not c:
            continue
        pos = q.find(c)
        if pos >= 0:
            if _narrower(q[:pos], c) or someone_else(q[:pos], region) or rate_elsewhere(q[:pos], c, region) \
                    or _joined(q, pos, pos + len(c)) or _another(q, pos + len(c), c, target) \
                    or _per_unit(q[:pos]) and not _per_unit(c):
                continue
            best = max(best, 1.0)
            continue
        qc = core(q)
        ratio = fuzz.ratio(c, qc)
        if ratio >= FUZZY_NAME_MIN and not _narrower_fuzzy(qc, c) and _per_unit(qc) == _per_unit(c):
            best = max(best, ratio / 100.0)
    return best


# Words after the metric's name that make another quantity: a gap, what was added to a stock, a share or a rate
# of it (ZH-MATCH-019); words of a quantity per head or per firm (ZH-MATCH-020).
_ANOTHER = _R.regex("ZH-MATCH-019")
_PER_UNIT = _R.regex("ZH-MATCH-020")


def _another(q: str, end: int, name: str, target: Target) -> bool:
    """True when the quantity goes on after the metric's name (ending at ``end``) into another quantity: 专利申请量比深圳少,
    有效注册商标新增, 专利授权量增幅; 新增 of a yearly flow is the flow, a share's name the share a share target sets."""
    m = _ANOTHER.match(q, end)
    if m is None:
        return False
    if m.group("new") is not None and _YEARLY_FLOW.search(name) is not None:
        return False
    return not (m.group("share") is not None and target.measure is Measure.SHARE)


def _per_unit(words: str) -> bool:
    """True when ``words`` say per head, per household or per firm (每万人口, 户均, ZH-MATCH-020)."""
    return _PER_UNIT.search(words) is not None


# A quantity joined to another (有效注册商标和专利总量): their total, not the metric (ZH-MATCH-018).
_JOINERS = _R.chars("ZH-MATCH-018")


def _joined(q: str, a: int, b: int) -> bool:
    """True when the metric's name at q[a:b] is joined to another quantity's right before or after it."""
    return (a > 0 and q[a - 1] in _JOINERS) or (b < len(q) and q[b] in _JOINERS)


# Verbs that may stand between a narrowing word and its quantity: 企业|获得|发明专利授权 (ZH-MATCH-015).
_VERB_BETWEEN = _R.regex("ZH-MATCH-015")


def _narrower(prefix: str, name: str) -> bool:
    """True when the words right before ``name`` restrict it (发明|专利申请), also across a verb of getting
    or holding (企业获得|发明专利授权, ZH-MATCH-015); 新增 before a yearly flow is the year's count itself
    (全年新增专利申请1.6万件, ZH-MATCH-016)."""
    words = _narrowing(name)
    return prefix.endswith(words) or _VERB_BETWEEN.sub("", prefix).endswith(words)


@lru_cache(maxsize=1024)
def _narrowing(name: str) -> tuple[str, ...]:
    """The SPECIFIERS that narrow ``name`` when they end the words before it: those it does not hold
    itself, less 新增 before a yearly flow (ZH-MATCH-016)."""
    flow = _YEARLY_FLOW.search(name) is not None
    return tuple(sp for sp in SPECIFIERS if sp not in name and not (flow and sp in _NEW_OF_FLOW))


# A quantity counted anew each year (ZH-MATCH-012), and the words that add nothing to one (ZH-MATCH-016).
_YEARLY_FLOW = _R.regex("ZH-MATCH-012")
_NEW_OF_FLOW = frozenset(_R.words("ZH-MATCH-016"))


def _narrower_fuzzy(quantity: str, name: str) -> bool:
    return any(sp in quantity and sp not in name for sp in SPECIFIERS)


# Shares (issue #12 §3 h): a ratio phrase as a metric, a ratio named by a level's quantity, and
# the denominator read from the figure's own clause.
_RATIO_METRIC = _R.regex("ZH-MATCH-010")
_RATIO_QUANTITY = _R.regex("ZH-MATCH-011")
_MAJOR_END = _R.regex("ZH-PUNCT-002")


def share_parts(target: Target) -> tuple[Target, tuple[str, ...]]:
    """The target as matched, and the wholes its share may be of (``of:``, or the part after 占 of a
    metric or an alias written as a ratio phrase, whose numerator becomes an alias: 研发投入占GDP比重 beside
    研究与试验发展经费支出占地区生产总值比重); (target, ()) otherwise."""
    if target.measure is not Measure.SHARE:
        return target, ()
    ratios = [m for m in (_RATIO_METRIC.match(core(n)) for n in (target.metric, *target.aliases)) if m]
    if ratios:
        target = replace(target, aliases=(*target.aliases, *(m.group("num") for m in ratios)))
    return target, (target.of,) if target.of else tuple(dict.fromkeys(m.group("den") for m in ratios))


_OWN_WHOLE = _R.regex("ZH-MATCH-017")


def _ratio_named(sentence: Sentence, fig: Figure, target: Target) -> bool:
    """True when the figure's quantity holds a name the plan itself gives the share under, that name is
    a ratio on its own (研发投入强度 listed for 全社会R&D经费支出占GDP比重, ZH-MATCH-011), and the clause names
    no whole of its own (ZH-MATCH-017): the plan's writer has said which whole it is of."""
    if _OWN_WHOLE.search(_clause_before(sentence, fig) + fig.quantity):
        return False
    q = canonical(fig.quantity)
    return any(c and c in q and _RATIO_QUANTITY.search(c)
               for c in (core(n) for n in (target.metric, *target.aliases)))


def _is_share(fig: Figure) -> bool:
    """A share figure, or a percentage whose quantity names a ratio (投入强度为0.93%)."""
    if fig.kind is FigureKind.SHARE:
        return True
    u = UNITS.get(fig.unit)
    return fig.kind is FigureKind.LEVEL and u is not None and u.family == "percent" \
        and _RATIO_QUANTITY.search(fig.quantity) is not None


_WIDER = _R.regex("ZH-WHOSE-004")


def _compared_with(clause: str, region: str) -> bool:
    """True when the words before a figure in its clause name a wider region it belongs to (全国, or
    全省 in a city's text): the figure is that region's, given for comparison (ZH-WHOSE-004)."""
    return any(m.group(0) not in SCOPE or someone_else(m.group(0), region) for m in _WIDER.finditer(clause))


def _clause_before(sentence: Sentence, fig: Figure) -> str:
    """The words of the figure's clause before it, from the last major punctuation."""
    ends = [m.end() for m in _MAJOR_END.finditer(sentence.norm, 0, fig.start)]
    return sentence.norm[ends[-1] if ends else 0:fig.start]


def names_whole(sentence: Sentence, fig: Figure, whole: str) -> bool:
    """True when the figure's clause (from the last major punctuation before it) or its quantity
    names ``whole``, the denominator of a share (占地区生产总值的比重, 与地区生产总值之比)."""
    want = core(whole)
    ends = [m.end() for m in _MAJOR_END.finditer(sentence.norm, 0, fig.start)]
    clause = sentence.norm[ends[-1] if ends else 0:fig.start] + fig.quantity
    return want in clause or (len(want) >= 4 and fuzz.partial_ratio(want, clause) >= FUZZY_NAME_MIN)


def match_target(target: Target, index: SentenceIndex, region: str = "") -> list[FigureMatch]:
    """Every figure whose quantity, kind and unit could measure ``target``, best first; a share's
    figure must also name the target's whole, when the plan gives one."""
    planned = target
    target, whole = share_parts(target)
    names = [core(n) for n in (target.metric, *target.aliases) if core(n)]
    counts: dict[tuple[int, int], int] = defaultdict(int)
    need = {}
    for name in names:
        grams = set(bigrams(name))
        need[name] = len(grams)
        for b in grams:
            for key in index.quantity_postings.get(b, ()):
                counts[key] += 1
    least = min((max(1, math.ceil(n * 0.6)) for n in need.values()), default=1)
    kinds = KINDS_FOR_MEASURE[target.measure]
    out = []
    for (si, fi), c in counts.items():
        if c < least:
            continue
        fig = index.figures[si][fi]
        if level_for_growth(target, fig) or completion_of(target, fig):
            pass                          # a lead only: the level of a quantity whose growth is the target,
                                          # or how far a year's target of the quantity was completed
        elif fig.kind not in kinds and fig.kind is not FigureKind.TARGET \
                and not (target.measure is Measure.SHARE and _is_share(fig)):
            continue
        elif not comparable(fig.unit, target.unit):
            continue
        if not owns(fig.whose, region):
            continue
        if whole and not _ratio_named(index.sentence(si), fig, planned) \
                and not any(names_whole(index.sentence(si), fig, w) for w in whole):
            continue
        score = name_score(fig.quantity, target, region)
        if score > 0 and _compared_with(_clause_before(index.sentence(si), fig), region):
            continue                      # 是全国平均水平(13.3件)的3倍: the nation's figure
        if score > 0 and figure_elsewhere(index.sentence(si).norm, fig.start, region, index.sentence(si).lead):
            continue                      # 高新区专利申请量…,每万人…15件: still the 高新区's
        if score > 0:
            out.append(FigureMatch(index.sentence(si), fig, round(score, 3)))
    if not out and target.measure is Measure.LEVEL:
        out = bare_numbers(target, index, names)
    # The body before a headline that repeats it: the results sentence is the one shown first.
    out.sort(key=lambda m: (-m.score, m.sentence.section is Section.FRONT, m.sentence.index, m.figure.start))
    return out


def completion_of(target: Target, fig: Figure) -> bool:
    """True for a completion rate of the target's quantity (发明专利申请量完成年度目标的95%, 完成全年目标的八成):
    it says how far the year's own target was reached, not the figure the plan's target is on, and that
    year's target may not be the plan's: a lead for review, never an actual."""
    return fig.kind is FigureKind.COMPLETION and target.measure is Measure.LEVEL


def level_for_growth(target: Target, fig: Figure) -> bool:
    """True for an amount (专利权质押金额2.7亿元) of the quantity a growth target is on: it shows no growth by
    itself, but a person can weigh it against the base year (a lead for review, never an actual)."""
    unit = UNITS.get(fig.unit)
    return target.measure in (Measure.GROWTH, Measure.ANNUAL_GROWTH) and fig.kind is FigureKind.LEVEL \
        and unit is not None and unit.family not in ("percent", "points")


# The base of a growth (较2015年增长15%): a growth target is year on year (ZH-YEAR-018).
_GROWTH_BASE = _R.regex("ZH-YEAR-018")
OTHER_BASE = "other_base"


def other_base(target: Target, m: FigureMatch, year: int | None) -> str:
    """'other_base' for a growth whose clause compares with a year other than the one before the year judged,
    or with a five-year plan (较2015年增长15% in a 2020 summary, ZH-YEAR-018): no year-on-year growth."""
    f = m.figure
    if target.measure is not Measure.GROWTH or f.kind not in (FigureKind.GROWTH, FigureKind.DECREASE):
        return ""
    judged = target.due if target.due is not None and year is not None and year > target.due else year
    for b in _GROWTH_BASE.finditer(_clause_before(m.sentence, f)):
        if b.group("period") or judged is None or int(b.group("year")) != judged - 1:
            return OTHER_BASE
    return ""


_BARE = _R.regex("ZH-BARE-001")
# 量, 数, 总量 … after a name's core (专利授权|量为512) are skipped before the bare number (ZH-MATCH-002).
_SUFFIX_AFTER = re.compile("|".join(re.escape(w) for w in sorted(_R.words("ZH-MATCH-002"), key=len, reverse=True)))
BARE_NUMBER = "bare_number"      # the code of the warning a bare number carries


def bare_numbers(target: Target, index: SentenceIndex, names: list[str]) -> list[FigureMatch]:
    """A number right after the target's name with no unit at all (授权量为512。), read in the target's
    unit and marked ``bare_number``: a lead for review, never an actual (ZH-BARE-001)."""
    out = []
    seen: set[int] = set()
    for name in names:
        grams = set(bigrams(name))
        hits = set.intersection(*(index.postings.get(b, set()) for b in grams)) if grams else set()
        for si in sorted(hits - seen):
            sentence = index.sentence(si)
            pos = sentence.norm.find(name)
            if pos < 0:
                continue
            after = pos + len(name)
            suffix = _SUFFIX_AFTER.match(sentence.norm, after)
            m = _BARE.match(sentence.norm, suffix.end() if suffix else after)
            if m is None:
                continue
            seen.add(si)
            value = parse_number(m.group("n"))
            if value is None:
                continue
            note = msg("warning.bare_number", text=m.group("n"), unit=target.unit)
            fig = Figure(value=value, unit=target.unit, kind=FigureKind.LEVEL, quantity=name,
                         text=m.group("n"), start=m.start("n"), end=m.end("n"), warnings=(note,))
            out.append(FigureMatch(sentence, fig, 1.0))
    return out
