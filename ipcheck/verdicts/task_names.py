"""How a sentence names a task when the naming is no report of it: a heading that restates the plan's item
(ZH-TASK-025), or a naming that runs on into the name of a document or an event about the task (ZH-TASK-026)."""
from __future__ import annotations

import re

from ipcheck.lang.registry import regex
from ipcheck.model import Sentence, Task
from ipcheck.reading.text import normalise
from ipcheck.verdicts.matching import task_head

# A numbered heading and the words after its number (ZH-TASK-025).
_HEADING = regex("ZH-TASK-025")
# What runs on from a naming of the task into the name of another thing about it (ZH-TASK-026).
_OTHER_THING = regex("ZH-TASK-026")
# A task to carry out a document (落实…政策): a naming in the document's name is its own (ZH-TASK-027).
_CARRY_OUT = regex("ZH-TASK-027")
_NOT_WORD = re.compile(r"[\W_]+")
# A quoted title (《…》, ZH-SECT-014).
_QUOTED = regex("ZH-SECT-014")


def restated_heading(title: str, sentence: Sentence) -> bool:
    """True when ``sentence`` is a numbered heading whose words are the task's ``title`` ((三)建成知识产权保护中心):
    the plan's item copied as a heading names it, it does not report it done (ZH-TASK-025)."""
    if sentence.heading != sentence.text:
        return False
    m = _HEADING.search(sentence.norm)
    wanted = _NOT_WORD.sub("", normalise(title))
    return m is not None and bool(wanted) and _NOT_WORD.sub("", m.group("body")) == wanted


def _names(task: Task, text: str) -> list[tuple[int, int]]:
    """Where ``text`` names the task, by its keywords or its head word (a naming inside a longer one dropped)."""
    names = [normalise(k) for k in task.keywords if k] + [task_head(task.title)]
    found = {(m.start(), m.end()) for n in names if n for m in re.finditer(re.escape(n), text)}
    return sorted((a, b) for a, b in found if not any((c, d) != (a, b) and c <= a and b <= d for c, d in found))


def named_as_other(task: Task, text: str) -> bool:
    """True when every naming of the task in ``text`` runs on into the name of a document or an event about it
    (知识产权保护中心建设实施方案, 运营基金签约仪式: ZH-TASK-026) and the task's own title asks for no such thing nor
    to carry out a document (ZH-TASK-027)."""
    title = normalise(task.title)
    if _CARRY_OUT.match(title) or any(_OTHER_THING.match(title, b) for _, b in _names(task, title)):
        return False
    spans = _names(task, text)
    return bool(spans) and all(_OTHER_THING.match(text, b) and not _followed(text, a) for a, b in spans)


def _followed(text: str, at: int) -> bool:
    """True when the naming at ``at`` stands in a 《title》 the sentence carries out, not issues (结合《…关于印发…专项行动
    方案的通知》精神,…进行了执法检查: ZH-TASK-027): the work it reports is the task's own."""
    for q in _QUOTED.finditer(text):
        if q.start() < at < q.end():
            return any(m.end() >= q.start() - 2 for m in _CARRY_OUT.finditer(text, max(0, q.start() - 10), q.start()))
    return False
