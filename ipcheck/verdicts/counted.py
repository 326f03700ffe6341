"""A duty shown done by a counted result of its work in the year (ZH-TASK-009..012): 办理…案件N件 for
深入开展专利行政执法工作, 攻关项目N个 for …技术攻关, in the clause that names the task, the region's own, the
year's (issue #12 §3 j)."""
from __future__ import annotations

from functools import lru_cache

from ipcheck.lang.registry import regex, table
from ipcheck.model import Sentence, Task
from ipcheck.reading import cues
from ipcheck.reading.figures import period_at
from ipcheck.reading.subjects import figure_elsewhere
from ipcheck.verdicts.decide import clause_span
from ipcheck.verdicts.matching import title_clause

# The kind of work a title's working part names (ZH-TASK-009) and the count of each kind (ZH-TASK-010).
_WORK = table("ZH-TASK-009")
_WORK_WORDS = regex("ZH-TASK-009")
_COUNTED = regex("ZH-TASK-010")
# A working part that is a thing to build or a degree to raise, not a duty (ZH-TASK-011).
_NOT_A_DUTY = regex("ZH-TASK-011")
# A count of candidates put forward (申报, 征集): not the work done (ZH-TASK-012).
_CANDIDATES = regex("ZH-TASK-012")
# A year relative to the text's date (去年: ZH-YEAR-013), for the work echoed before the count.
_RELATIVE = regex("ZH-YEAR-013")
_RELATIVE_OFFSET = table("ZH-YEAR-013")
# A running total or another period's count (累计, 以来, 截至, 2016—2018年: ZH-TASK-018).
_MORE_THAN_A_YEAR = regex("ZH-TASK-018")
_NAME_MIN = 4          # a keyword or an echo of the title this long names the task in a clause


@lru_cache(maxsize=1024)
def duty_work(title: str) -> frozenset[str]:
    """The kinds of work (ZH-TASK-009) the working part of ``title`` (its first clause) sets as a duty;
    none when that part ends in a thing to build or a degree to raise (ZH-TASK-011)."""
    part = title_clause(title)
    if _NOT_A_DUTY.search(part):
        return frozenset()
    return frozenset(_WORK[m.group(0)] for m in _WORK_WORDS.finditer(part))


def _dated_elsewhere(text: str, pos: int, year: int, lead: str = "") -> bool:
    """True when the figure reader dates a count at ``pos`` of ``text`` to another period than ``year``:
    another year (2017年, 去年, or the year that opens its paragraph in ``lead``: ZH-YEAR-021), a span of years
    (2014年以来, 五年来, 十三五期间); a comparison's base year (比2017年) dates nothing (reading/periods.py)."""
    said, span, _, offset = period_at(text, pos, lead)
    return (said is not None and said != year) or span is not None or offset not in (None, 0)


def _names(task: Task, text: str, a: int, b: int, hits: tuple[tuple[int, int], ...]) -> bool:
    """True when the clause text[a:b] names the task: a keyword of it, or an echo of its title, at least
    _NAME_MIN characters long."""
    clause = text[a:b]
    return any(len(k) >= _NAME_MIN and k in clause for k in task.keywords) or \
        any(y - x >= _NAME_MIN and x < b and y > a for x, y in hits)


def counted_result(task: Task, sentence: Sentence, hits: tuple[tuple[int, int], ...], year: int | None,
                   region: str) -> bool:
    """True when ``sentence`` reports the count of the task's duty work done in the year ``year``, which is
    the task's due year: a counted result of its kind (ZH-TASK-010) in a clause that names the task, not
    another place's or body's, not dated to another year nor a running total (ZH-TASK-018), not a count of
    candidates (ZH-TASK-012), in a sentence that negates nothing. The caller has already ruled out plans,
    problems and another body's work at the echo."""
    if year is None or (task.due is not None and task.due != year):
        return False
    work = duty_work(task.title)
    if not work:
        return False
    text = sentence.norm
    if cues.is_negated(text):           # 未完成全年目标, 查处不力, 0件 anywhere: no proof (ZH-NEG-*)
        return False
    for m in _COUNTED.finditer(text):
        if m.lastgroup not in work:
            continue
        a, b = clause_span(text, m.start(), m.end())
        if not _names(task, text, a, b, hits) or _CANDIDATES.search(text, a, m.start()):
            continue
        if figure_elsewhere(text, m.start(), region, sentence.lead) or _dated_elsewhere(text, m.start(), year, sentence.lead) \
                or _MORE_THAN_A_YEAR.search(text, 0, m.start()):
            continue
        return True
    return False


def dated_before(sentence: Sentence, spans: tuple[tuple[int, int], ...], year: int | None) -> bool:
    """True when the words that echo a duty are dated to an earlier year than ``year`` (2017年举办…培训班 in
    a summary of 2018): last year's work does not fulfil this year's duty."""
    if year is None or not spans:
        return False
    before = sentence.norm[:min(a for a, _ in spans)]
    said = cues.stated_year(before)
    if said is not None:
        return said < year
    return any(_RELATIVE_OFFSET.get(m.group(0).strip(), 0) < 0 for m in _RELATIVE.finditer(before))
