"""Changes from one value to another: the start of 从0.52件提高到1.61件 is a baseline, not an actual.

A sentence that reports a change (从"十一五"末的0.52件提高到1.61件, 由5个工作日压缩至3个工作日) states two
values of one quantity: where it started and where it got to. Only the second is the value reached;
the first is marked ``baseline`` so no verdict counts it as the period's actual. The words are data
(ipcheck/lang/zh/figures.yaml, ZH-FROM-001).
"""
from __future__ import annotations

from dataclasses import replace

from ipcheck.errors import msg
from ipcheck.lang.registry import regex
from ipcheck.model import Figure

_FROM_TO = regex("ZH-FROM-001")
# A span of two years (2013年至2017年, ZH-YEAR-008's first form): a change under it runs from its first year
# to its last.
_SPAN = regex("ZH-YEAR-008")
_MAJOR_END = regex("ZH-PUNCT-002")
_FROM_TAIL = regex("ZH-FROM-002")
BASELINE = "baseline"      # the code of the warning a baseline figure carries


def mark_baselines(text: str, figures: tuple[Figure, ...]) -> tuple[Figure, ...]:
    """``figures`` with every figure between a 从/由 and its verb of change marked as a baseline, and
    the values reached after the verb bound to the baselines' quantity (pairwise for a 分别 list)."""
    spans = [(m.end("from"), m.start("to"), m.end("to"), m.group("to")) for m in _FROM_TO.finditer(text)]
    if not spans:
        return figures
    out = list(figures)
    for a, b, after, verb in spans:
        starts = [i for i, f in enumerate(out) if a <= f.start and f.end <= b]
        if not starts:
            continue
        for i in starts:
            note = msg("warning.baseline", text=out[i].text.strip(), verb=verb)
            quantity = _FROM_TAIL.sub("", out[i].quantity) or out[i].quantity
            out[i] = _in_span(replace(out[i], quantity=quantity, warnings=out[i].warnings + (note,)), 1)
        stop = _MAJOR_END.search(text, after)
        reached = [i for i, f in enumerate(out) if after <= f.start and (stop is None or f.end <= stop.start())]
        for k, i in enumerate(reached[:len(starts)] if len(starts) > 1 else reached[:1]):
            start = out[starts[min(k, len(starts) - 1)]]
            kind = start.kind if start.unit == out[i].unit else out[i].kind   # 比重由25.1%提高到31.2%: a share
            out[i] = _in_span(replace(out[i], quantity=start.quantity, kind=kind), 2)
    return tuple(out)


def _in_span(figure: Figure, end: int) -> Figure:
    """A figure of a change under a span of two years (2013年至2017年,…从14件增长到34件): the start is the value
    of the span's first year (``end`` 1), the value reached of its last (``end`` 2); dated by it, no longer a
    multi-year amount (ZH-FROM-001)."""
    for w in figure.warnings:
        if w.key == "warning.multi_year" and figure.year is None:
            m = _SPAN.fullmatch(str(dict(w.params).get("text", "")).strip())
            if m is not None and m.group(2) is not None:
                rest = tuple(x for x in figure.warnings if x is not w)
                return replace(figure, year=int(m.group(end)), warnings=rest)
    return figure


def without_starts(text: str) -> str:
    """``text`` with the start of every change left out (由上年的2.1万件增长到 → 增长到): a year said there
    (上年, 2015年的) dates the baseline, not the value reached after the verb."""
    return _FROM_TO.sub(lambda m: m.group("to"), text)
