"""Words that change what a sentence proves: intentions, negations, other years.

Chinese official writing states plans, forecasts and failures with a handful of markers; a
sentence that carries one cannot show an item done, whatever section it sits in.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Intentions and forecasts: the work is announced, not done. 将 is only future-tense when a
# subject or time stands before it or an adverb follows; "将创建工作纳入…" (disposal 将) is a fact.
_INTENTION = re.compile(
    r"计划(?=于|在|20|明年|今年|下半年|年内|开展|召开|建设|实施|完成|新增|用|投资|申报|引进|举办|出台)|力争|争取|预计|有望|拟(?:于|在|将|开展|建立|召开|出台)|准备|打算|将要|即将|"
    r"(?:我们|我市|我局|本市|全市|今后|明年|下一步|下步|届时|年内)将|"
    r"将(?:于|在|进一步|继续|全力|加快|着力|重点|主要|积极|大力|尽快|逐步|不断|努力|深入|持续|按照)|"
    r"目标(?:任务)?(?:量|数)?(?:为|是|:)|(?<!按)(?<!按照)(?<!根据)(?<!的)要求(?!的)|明确提出"
)

# Negations that say the work was not done. 未来 is a noun, 无证 a licence status: not negations.
_NEGATION = re.compile(r"尚未|仍未|未能|未(?!来|成年)|没有|并未|还未|无法|未曾")

_YEAR = re.compile(r"(?<![0-9])(20[0-9]{2})年")
# Words after which a year is the base of a comparison (比2014年增加), not the year reported.
COMPARISON_WORDS = "比|较|与|同|相比|对比"
# ... and, for the year a sentence reports on, words that start a period (自2014年, 截至2015年).
_BASE_BEFORE = re.compile(rf"(?:{COMPARISON_WORDS}|自|从|截至|截止到?)\s*$")


def is_intention(text: str) -> bool:
    """True when ``text`` announces or forecasts work rather than reporting it."""
    return _INTENTION.search(text) is not None


def intention_words(text: str) -> list[str]:
    """The intention markers found in ``text``, for the evidence message."""
    return [m.group(0) for m in _INTENTION.finditer(text)]


def is_negated(text: str) -> bool:
    """True when ``text`` says something was not done."""
    return _NEGATION.search(text) is not None


def stated_year(text: str) -> int | None:
    """The last year ``text`` says it reports on (base years after 比/较 and spans are ignored)."""
    found = None
    for m in _YEAR.finditer(text):
        if _BASE_BEFORE.search(text[max(0, m.start() - 4):m.start()]):
            continue
        if text[m.end():m.end() + 3].startswith(("以来", "起", "至", "-", "~", "到")):
            continue
        found = int(m.group(1))
    return found

# Markers strong enough to govern the rest of the sentence after them ("力争…, …").
_STRONG = re.compile(r"力争|预计|有望|拟(?:于|在|将)|计划(?=于|在|20|明年|年内)|(?:我们|我市|明年|下一步|今后)将|将于")
# Goal statements that govern the figures after them: "确立以…为总体目标…使…比例达到30%以上".
# "使…达到" alone is no goal: "使广汉市驰名商标达到5件" reports a result.
_GOAL = re.compile(
    r"为(?:总体|主要|工作|发展)?目标|目标(?:是|为)|确立以"
)


def is_strong_intention(prefix: str) -> bool:
    """True when the text before a clause announces that what follows is planned."""
    return _STRONG.search(prefix) is not None


def is_goal(prefix: str) -> bool:
    """True when the text before a figure states a goal, so the figure is a target, not an actual."""
    return _GOAL.search(prefix) is not None


@lru_cache(maxsize=128)
def _shortest_prefix(pattern: re.Pattern[str], text: str) -> int | None:
    """Length of the shortest prefix of ``text`` in which ``pattern`` finds a match, or None.

    For patterns without lookbehinds or negative lookaheads (_STRONG, _GOAL) a match in a
    prefix stays a match in every longer prefix, so ``pattern.search(text[:n])`` is
    ``n >= _shortest_prefix(...)``: one bisection per sentence instead of a rescan of the
    prefix for every clause, which made a long sentence quadratic.
    """
    if pattern.search(text) is None:
        return None
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi) // 2
        if pattern.search(text, 0, mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


def strong_intention_before(text: str, end: int) -> bool:
    """``is_strong_intention(text[:end])``, in O(1) after the first call on ``text``."""
    n = _shortest_prefix(_STRONG, text)
    return n is not None and n <= end


def goal_before(text: str, end: int) -> bool:
    """``is_goal(text[:end])``, in O(1) after the first call on ``text``."""
    n = _shortest_prefix(_GOAL, text)
    return n is not None and n <= end

# A clause that a following clause "deploys" or "arranges" is the content of a plan, not work
# done: "实施商标战略、促进版权登记等方面,全方位地部署和安排…" lists what the 工作方案 covers.
_PLANNED_BY_NEXT = re.compile(r"^\s*(?:[\u4e00-\u9fff]{1,4}地)?(?:部署|安排|规划|明确了?|提出了?)")


# A verb in the perfective (召开了, 出台了): the clause reports an event, whatever follows it.
_PERFECTIVE = re.compile(r"[\u4e00-\u9fff](?<!为)(?<!除)(?<!明确)(?<!提出)了(?!解)")


def is_perfective(clause: str) -> bool:
    """True when ``clause`` has a verb marked done with 了 (not 为了/除了/了解)."""
    return _PERFECTIVE.search(clause) is not None


def is_planned_by_next(next_clause: str) -> bool:
    """True when ``next_clause`` makes the clause before it the object of planning."""
    return _PLANNED_BY_NEXT.search(next_clause) is not None

# Marks of work done: a perfective 了, 已, results verbs, totals, or a counted figure. A results
# sentence without one ("积极引导企业…") describes effort, not an outcome, and proves nothing alone.
_DONE = re.compile(
    r"(?<!为)(?<!除)了(?!解)|已(?!有的)|完成|建成|共计|共(?=[0-9一二两三四五六七八九十百]|有|开展|举办|组织|发放|"
    r"办理|受理|查处|资助|拨付|培训|出动|争取|认定|召开)|累计|全年|先后|相继|"
    r"被(?:评|认定|授予|列为|确定)|荣获|获得了|获评|获批|获准|"
    r"(?<![0-9一二两三四五六七八九十百千万])"   # a count is tried once per run of digits: linear
    r"[0-9一二两三四五六七八九十百千万]+(?:余|多)?(?:件|项|家|个|次|场|人|期|批|份|名|所|户|起|张|册)"
)


def is_done(text: str) -> bool:
    """True when ``text`` reports an outcome rather than describing ongoing effort."""
    return _DONE.search(text) is not None
