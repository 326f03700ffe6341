"""How a sentence names a task when the naming is no report of it: a heading that restates the plan's item
(ZH-TASK-022), or a naming that runs on into the name of a document or an event about the task (ZH-TASK-023)."""
from __future__ import annotations

import re

from ipcheck.lang.registry import regex
from ipcheck.model import Sentence, Task
from ipcheck.reading.text import normalise
from ipcheck.verdicts.matching import task_head

# A numbered heading and the words after its number (ZH-TASK-022).
_HEADING = regex("ZH-TASK-022")
# What runs on from a naming of the task into the name of another thing about it (ZH-TASK-023).
_OTHER_THING = regex("ZH-TASK-023")
# A task to carry out a document (落实…政策): a naming in the document's name is its own (ZH-TASK-024).
_CARRY_OUT = regex("ZH-TASK-024")
_NOT_WORD = re.compile(r"[\W_]+")


def restated_heading(title: str, sentence: Sentence) -> bool:
    """True when ``sentence`` is a numbered heading whose words are the task's ``title`` ((三)建成知识产权保护中心):
    the plan's item copied as a heading names it, it does not report it done (ZH-TASK-022)."""
    if sentence.heading != sentence.text:
        return False
    m = _HEADING.search(sentence.norm)
    wanted = _NOT_WORD.sub("", normalise(title))
    return m is not None and bool(wanted) and _NOT_WORD.sub("", m.group("body")) == wanted


def _names(task: Task, text: str) -> list[tuple[int, int]]:
    """Where ``text`` names the task by its keywords (a naming inside a longer one dropped), or, for a task without
    keywords, by its head."""
    found = [(m.start(), m.end()) for k in task.keywords if k for m in re.finditer(re.escape(normalise(k)), text)]
    if not any(task.keywords):
        head = task_head(task.title)
        found = [(m.start(), m.end()) for m in re.finditer(re.escape(head), text)] if head else []
    return [(a, b) for a, b in found if not any((c, d) != (a, b) and c <= a and b <= d for c, d in found)]


def named_as_other(task: Task, text: str) -> bool:
    """True when every naming of the task in ``text`` runs on into the name of a document or an event about it
    (知识产权保护中心建设实施方案, 运营基金签约仪式: ZH-TASK-023) and the task's own title asks for no such thing nor
    to carry out a document (ZH-TASK-024)."""
    title = normalise(task.title)
    if _CARRY_OUT.match(title) or any(_OTHER_THING.match(title, b) for _, b in _names(task, title)):
        return False
    spans = _names(task, text)
    return bool(spans) and all(_OTHER_THING.match(text, b) for _, b in spans)
