"""What a task of more than one part needs before it is done (出台A办法和B办法, 建成…并通过验收: ZH-TASK-028..030), and
whether a sentence says all of the scope a task asks for (实现…县区全覆盖: ZH-TASK-031, -032)."""
from __future__ import annotations

import re
from functools import lru_cache

from ipcheck.lang.registry import param, regex, table, words
from ipcheck.reading import cues
from ipcheck.reading.text import normalise
from ipcheck.verdicts.decide import clause_span
from ipcheck.verdicts.matching import title_clause

# Two or more things joined in the title's first clause, and the words that join them (ZH-TASK-028).
_JOINED, _JOINER = regex("ZH-TASK-028"), re.compile(param("ZH-TASK-028", "joiner"))
_QUOTES = re.compile(param("ZH-TASK-028", "quotes"))
# The head noun a joined thing ends in (ZH-TASK-033).
_HEAD = regex("ZH-TASK-033")
# A second step joined by 并 (ZH-TASK-029), named by its last word; a step of running by any word at work (-030).
_STEP, _STEP_KEY, _AT_WORK = regex("ZH-TASK-029"), int(param("ZH-TASK-029", "key")), words("ZH-TASK-030")
# All of a scope (ZH-TASK-031) and the scopes, each with the word that names it in a sentence (ZH-TASK-032).
_ALL, _SCOPES = regex("ZH-TASK-031"), table("ZH-TASK-032")


@lru_cache(maxsize=512)
def task_parts(title: str, keywords: tuple[str, ...] = ()) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The parts a task must have reported done, each as (the words that name it, its head noun or ""), empty for a
    task of one part: its joined things (ZH-TASK-028) or, for a task of two steps, the second (ZH-TASK-029)."""
    first = normalise(title_clause(title))
    joined = _JOINED.match(first)
    if joined:
        things = [_QUOTES.sub("", t) for t in _JOINER.split(joined.group("things"))]
        tail = _shared_tail(things)
        keys = [normalise(k) for k in keywords if len(k) >= 2]
        return tuple((tuple(dict.fromkeys(
            [t] + ([t[:-len(tail)]] if tail and len(t) - len(tail) >= 2 else [])
            + [k for k in keys if k in t and not any(k in o for o in things if o != t)])), _head(t))
            for t in things)
    step = _STEP.search(first)
    if step:
        said = step.group("step")
        return ((tuple(_AT_WORK) if any(w in said for w in _AT_WORK) else (said[-_STEP_KEY:],), ""),)
    return ()


def _head(thing: str) -> str:
    """The head noun ``thing`` ends in (ZH-TASK-033)."""
    return next((m.group() for m in _HEAD.finditer(thing) if m.end() == len(thing)), "")


def _shared_tail(things: list[str]) -> str:
    """The longest ending every thing shares (办法 of 专利奖励办法 and 商标品牌培育办法)."""
    n = 0
    while n < min(map(len, things)) and len({t[len(t) - n - 1] for t in things}) == 1:
        n += 1
    return things[0][len(things[0]) - n:] if n >= 2 else ""


def parts_missing(title: str, keywords: tuple[str, ...], texts: list[str]) -> bool:
    """True when the task has parts (task_parts) and the sentences ``texts`` (each reported done) leave one of them
    unreported: no sentence names it in a clause that says it done and nothing negates, plans or puts under way."""
    parts = task_parts(title, keywords)
    return bool(texts and parts) and not all(any(_part_done(t, *part) for t in texts) for part in parts)


def _part_done(text: str, names: tuple[str, ...], head: str) -> bool:
    """True when ``text`` names a part (any of ``names``; one without its ``head`` only when the next head in the
    clause is its own: ZH-TASK-033) in a clause that reports it done: a done cue in that clause, or in a sentence
    that plans, negates and puts under way nothing."""
    whole = not _held_back(text)
    for name in names:
        for m in re.finditer(re.escape(name), text):
            a, b = clause_span(text, m.start(), m.end())
            clause = text[a:b]
            if head and not name.endswith(head) and \
                    (nxt := _HEAD.search(text, m.end(), b)) is not None and nxt.group() != head:
                continue
            if not _held_back(clause) and not cues.strong_intention_before(text, a) and \
                    (cues.is_done(clause) or (whole and cues.is_done(text))):
                return True
    return False


def _held_back(text: str) -> bool:
    """True when ``text`` plans, negates or puts under way the work it names."""
    return cues.is_intention(text) or cues.is_negated(text) or cues.is_under_way(text)


def coverage_short(title: str, text: str) -> bool:
    """True when the task asks for all of a scope (ZH-TASK-031) and ``text`` does not say all of it: a word of all
    with the task's scope in its clause (ZH-TASK-032: not 实现重点园区全覆盖 for 县区全覆盖), or, for a title that names
    no scope, the title's own word of all."""
    title = normalise(title)
    wanted = [m.group() for m in _ALL.finditer(title)]
    if not wanted:
        return False
    scopes = {v for k, v in _SCOPES.items() if k in title}
    if not scopes:
        return not any(w in text for w in wanted)
    clauses = [text[slice(*clause_span(text, m.start(), m.end()))] for m in _ALL.finditer(text)]
    return not any(s in c for c in clauses for s in scopes)
