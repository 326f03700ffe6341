"""What a task's own title asks, read against a sentence that echoes it: the state it aims at reached, the degree
it raises named, its campaign named, its work finished rather than begun, the thing itself rather than the plan
issued for it, the whole rather than a branch, a stage or a part (the rules: ipcheck/lang/zh/cues.yaml, ZH-TASK-*).
Each function is one test ipcheck.verdicts.tasks applies to a candidate sentence."""
from __future__ import annotations

import re

from ipcheck.lang.registry import load, regex
from ipcheck.model import Sentence
from ipcheck.reading import cues
from ipcheck.verdicts.decide import clause_span
from ipcheck.verdicts.matching import task_head, title_clause

# The words that say a state a task aims at was reached (ZH-TASK-003).
_STATE_REACHED = regex("ZH-TASK-003")
# A state named as a candidacy (强市创建市, 示范城市培育对象): the way there, not the state (ZH-TASK-004).
_CANDIDACY = regex("ZH-TASK-004")
# 获批创建…, 入选…候选名单: a candidacy said before the state's name (ZH-TASK-019).
_CANDIDATE_BEFORE = regex("ZH-TASK-019")
_CANDIDACY_NOUN = re.compile(f"(?<!\\s)(?:{regex('ZH-TASK-004').pattern.strip()})$")   # starts once per blank run
# Part of the work done (初步建成, 一期建成, 主体…完成, 试运行, 完成60%): ZH-TASK-006.
_PART_DONE = regex("ZH-TASK-006")
_PART_NAMED = regex("ZH-TASK-020")
# A degree to raise (…水平, …能力, …意识): shown only by a sentence that names the degree (ZH-TASK-021).
_DEGREE = regex("ZH-TASK-021")
# An aim that goes on to its due year (ZH-TASK-008): a degree to raise is one.
_GOES_ON = regex("ZH-TASK-008")
# A campaign named in quotation marks (“护航”专项行动), and the long forms of such names (ZH-TASK-015, -016).
_CAMPAIGN, _CAMPAIGN_LONG, _QUOTED = regex("ZH-TASK-015"), load().table("ZH-TASK-016"), regex("ZH-TASK-017")
# Work begun (启动, 开工) in the clause that names the task: begun, not done (ZH-TASK-007).
_BEGUN = regex("ZH-TASK-007")
# The plan of the work issued (印发…行动方案: ZH-TASK-023), unless the task is to issue a document (ZH-TASK-024).
_PLAN_ISSUED, _ISSUE_TASK = regex("ZH-TASK-023"), regex("ZH-TASK-024")
# A quoted title (《…关于印发…的通知》, ZH-SECT-014): a 印发 inside it names another document, it reports no issuing.
_QUOTED_TITLE = regex("ZH-SECT-014")


def best_hit(spans: tuple[tuple[int, int], ...]) -> tuple[int, int]:
    """The longest echo of the task in its sentence (the first of equals): the words that name it best."""
    return max(spans, key=lambda h: (h[1] - h[0], -h[0]))


def state_reached(title: str, text: str) -> bool:
    """True when ``text`` says the state a task's title aims at was reached (ZH-TASK-003), and names
    the state itself, not a candidacy for it (获批…强市创建市 for 建成…强市: ZH-TASK-004)."""
    if _STATE_REACHED.search(text) is None:
        return False
    head = task_head(title)
    if not head or head not in title or _CANDIDACY.match(title, title.rfind(head) + len(head)):
        return True
    if _CANDIDATE_BEFORE.search(text):          # 获批创建…, …候选名单: a candidacy (ZH-TASK-019)
        return False
    # a naming of the state that is the candidacy's own noun (示范城市培育|城市) is no naming of the state
    ends = [m.end() for m in re.finditer(re.escape(head), text)
            if not _CANDIDACY_NOUN.search(text, 0, m.start())]
    return not ends or any(_CANDIDACY.match(text, e) is None for e in ends)


def degree_unnamed(title: str, text: str) -> bool:
    """True when the task is an aim that raises a degree (…水平, …能力: ZH-TASK-008, -021) and ``text`` does not
    name that degree, its head: the work that serves it is not the level raised."""
    first = title_clause(title)
    return _GOES_ON.match(title) is not None and _DEGREE.search(first) is not None and task_head(title) not in text


def campaign_unnamed(title: str, text: str) -> bool:
    """True when the task's title names a campaign in quotation marks (ZH-TASK-015) and ``text`` names none of
    them, neither short nor long (ZH-TASK-016): the sentence is about other work."""
    names = [q.group(1) for m in _CAMPAIGN.finditer(title) for q in _QUOTED.finditer(m.group(0))]
    return bool(names) and not any(n in text or (_CAMPAIGN_LONG.get(n) or n) in text for n in names)


def begun_only(title: str, sentence: Sentence, spans: tuple[tuple[int, int], ...]) -> bool:
    """True when the clause that names the task best says its work has begun (启动, 开工: ZH-TASK-007) and not
    that it finished, and the task's own title is not to begin it: done words in other clauses prove nothing."""
    return _in_naming_clause(_BEGUN, title, sentence.norm, spans)


def plan_issued_only(title: str, text: str, spans: tuple[tuple[int, int], ...]) -> bool:
    """True when the words that name the task best stand in the name of a plan issued for it (印发…行动方案:
    ZH-TASK-023; a 印发 inside a quoted title, 结合《…关于印发…方案的通知》, issues nothing), the task is not itself to
    issue a document (ZH-TASK-024) and no other clause of the sentence says the work was done (…,开展专项行动5次: the
    task's head word and a done cue)."""
    if _ISSUE_TASK.match(title):
        return False
    a, b = best_hit(spans)
    quoted = [q.span() for q in _QUOTED_TITLE.finditer(text)]
    issued = [m for m in _PLAN_ISSUED.finditer(text, clause_span(text, a, b)[0]) if m.start() <= a and b <= m.end()
              and not any(c < m.start() < d for c, d in quoted)]
    if not issued:
        return False
    head = task_head(title)
    rest = _PLAN_ISSUED.sub(lambda m: " " * len(m.group()), text)      # the sentence without the plans' names
    return not any(head and head in rest[c:d] and cues.is_done(rest[c:d])
                   for c, d in _clause_spans(rest))


def _clause_spans(text: str) -> list[tuple[int, int]]:
    """Every clause of ``text`` as (start, end)."""
    out, pos = [], 0
    while pos <= len(text):
        a, b = clause_span(text, pos, pos)
        out.append((a, b))
        pos = b + 1
    return out


def part_named(title: str, text: str, hits: tuple[tuple[int, int], ...]) -> bool:
    """True when the clause that names the task best names a branch, a stage or the year's share of it
    (某区分中心, 建成(一期), 完成年度任务: ZH-TASK-020) that the task's own title does not ask for."""
    return bool(hits) and _in_naming_clause(_PART_NAMED, title, text, hits)


def _in_naming_clause(pattern: re.Pattern[str], title: str, text: str, spans: tuple[tuple[int, int], ...]) -> bool:
    """True when ``pattern`` starts in the clause of ``text`` that names the task best (its lookahead may read
    past the clause's end) and the task's own ``title`` does not hold it."""
    if pattern.search(title):
        return False
    a, b = clause_span(text, *best_hit(spans))
    return any(m.start() < b for m in pattern.finditer(text, a))


def part_done(title: str, text: str) -> bool:
    """True when ``text`` reports only part of the work done (初步建成, 一期建成, 试运行, 完成60%: ZH-TASK-006) and
    the task's title does not itself ask for only that part (基本建成知识产权强市 is reached by 基本建成)."""
    return _PART_DONE.search(text) is not None and _PART_DONE.search(title) is None
