"""The year or period that scopes each figure of a sentence: 2015年, 2011-2015年, 十二五期间, 2014年以来,
1-10月, 上半年, 去年/今年 as an offset from the text's own date, and the year that opens the sentence's paragraph
when it says none (the patterns: ipcheck/lang/zh/figures.yaml ZH-YEAR-008..015, ZH-YEAR-021)."""
from __future__ import annotations

from bisect import bisect_right

from ipcheck.errors import Message, msg
from ipcheck.lang.registry import load
from ipcheck.reading.quantities import MASK

_R = load()
# Years and periods that scope a figure (ZH-YEAR-008); a base year scopes no figure (ZH-YEAR-009);
# a year that starts a period (ZH-YEAR-010); a year modifying its own clause (ZH-YEAR-012), which ends
# at ZH-PUNCT-004; part of a year (ZH-YEAR-011).
_YEARISH = _R.regex("ZH-YEAR-008")
_PERIOD_END = {k: int(v) for k, v in _R.table("ZH-DRAFT-012").items()}     # 十四五 -> 2025, its last year
_BASE_BEFORE = _R.regex("ZH-YEAR-009")
_SINCE_AFTER = _R.regex("ZH-YEAR-010")
_OWN_CLAUSE = _R.words("ZH-YEAR-012")[0]
_CLAUSE_END = _R.regex("ZH-PUNCT-004")
_PARTIAL = _R.regex("ZH-YEAR-011")
# 去年, 今年…: a year counted from the text's own date, resolved by the caller (ZH-YEAR-013).
_RELATIVE = _R.regex("ZH-YEAR-013")
_OFFSET = _R.table("ZH-YEAR-013")
# A span of several years counted (十年间, 五年来: ZH-YEAR-014); a bracketed aside, whose years scope only
# the aside (ZH-YEAR-015).
_SPAN = _R.regex("ZH-YEAR-014")
_ASIDE = _R.regex("ZH-YEAR-015")
# The start of a change (由上年的2.1万件增长到): a year said there dates the baseline only (ZH-FROM-001).
_FROM_TO = _R.regex("ZH-FROM-001")
# A year said at the start of a sentence of the paragraph, as its time (2019年,全市…): ZH-YEAR-021.
_OPENING = _R.regex("ZH-YEAR-021")


def opening_year(lead: str) -> int | None:
    """The year the latest sentence of ``lead`` (the text of a line before a sentence: Sentence.lead) opens
    with as its time (2019年,全市…), which dates that sentence's figures that say no year (ZH-YEAR-021)."""
    found = None
    for m in _OPENING.finditer(lead):
        found = int(m.group(1))
    return found


def _aside_end(asides: list[tuple[int, int]], pos: int) -> int | None:
    """The end of the bracketed aside that holds ``pos``, if any."""
    return next((b for a, b in asides if a < pos < b), None)


def _baseline_years(text: str, events: list[tuple[int, int, int | None, Message | None, int | None]]) \
        -> list[tuple[int, int, int | None, Message | None, int | None]]:
    """``events`` with a year or period said at the start of a change (由上年的2.1万件增长到2.3万件) scoping only
    the figures before its verb: the baseline's, never the value reached (ZH-FROM-001)."""
    starts = [(m.end("from"), m.start("to")) for m in _FROM_TO.finditer(text)]
    out = []
    for end, start, year, period, offset in events:
        verb = next((b for a, b in starts if a <= end <= b), None)
        if verb is not None:
            start = -min(verb, -start) if start < 0 else -verb
        out.append((end, start, year, period, offset))
    return out


class Scope:
    """Year and period cues of a sentence, read once; ``at(pos)`` is the scope of a figure there."""

    def __init__(self, text: str, scan: str, opening: int | None = None) -> None:
        # (end, start, year, period, offset from the text's date); the paragraph's opening year (ZH-YEAR-021)
        self.opening = opening
        self.events: list[tuple[int, int, int | None, Message | None, int | None]] = []
        asides = [m.span() for m in _ASIDE.finditer(text)]
        for m in _YEARISH.finditer(text):
            if m.group(1) is None and m.group(3) is None:      # 十三五期间: dated by its last year, 以来 not
                if not _BASE_BEFORE.search(text[max(0, m.start() - 3):m.start()]):
                    end = _PERIOD_END.get(m.group(4)) if m.group(5) else None    # 以来: undated
                    self.events.append((m.end(), m.start(), end, msg("warning.multi_year", text=m.group(0)), None))
            elif scan[m.start()] == MASK:            # a year inside a title or a code
                continue
            elif m.group(1) is not None:
                self.events.append((m.end(), m.start(), None, msg("warning.multi_year", text=m.group(0)), None))
            elif _BASE_BEFORE.search(text[max(0, m.start() - 3):m.start()]):
                continue
            elif _SINCE_AFTER.match(text[m.end():m.end() + 10]):
                self.events.append((m.end(), m.start(), None, msg("warning.multi_year.since", year=m.group(3)), None))
            elif text.startswith(_OWN_CLAUSE, m.end()):
                # 在2014年的…考核中: a modifier; it scopes its own clause only
                stop = _CLAUSE_END.search(text, m.end())
                self.events.append((m.end(), -(stop.start() if stop else len(text)), int(m.group(3)), None, None))
            elif (aside := _aside_end(asides, m.start())) is not None:
                self.events.append((m.end(), -aside, int(m.group(3)), None, None))
            else:
                self.events.append((m.end(), m.start(), int(m.group(3)), None, None))
        for m in _SPAN.finditer(text):
            if scan[m.start()] != MASK:
                self.events.append((m.end(), m.start(), None, msg("warning.multi_year", text=m.group(0)), None))
        for m in _RELATIVE.finditer(text):
            if scan[m.start()] != MASK:
                self.events.append((m.end(), m.start(), None, None, int(_OFFSET[m.group(0)])))
        self.events = _baseline_years(text, self.events)
        self.events.sort(key=lambda e: e[0])
        self.ends = [e[0] for e in self.events]
        self.partials = []
        for m in _PARTIAL.finditer(text):
            month = next((g for g in m.groups() if g), None)
            if month is None or int(month) < 12:
                self.partials.append((m.end(), msg("warning.partial_period", text=m.group(0).strip())))
        self.partial_ends = [p[0] for p in self.partials]

    def at(self, pos: int) -> tuple[int | None, Message | None, Message | None, int | None]:
        """(year, multi-year warning, partial-period warning, offset of a 去年/今年 from the text's own
        date) for a figure starting at ``pos``; the paragraph's opening year when nothing in the sentence before
        the figure dates it."""
        year, period, offset = self.opening, None, None
        i = bisect_right(self.ends, pos) - 1
        while i >= 0:
            _, start, y, p, o = self.events[i]
            if start < 0 and -start < pos:       # a 年的 modifier of an earlier clause
                i -= 1
                continue
            year, period, offset = y, p, o
            break
        j = bisect_right(self.partial_ends, pos) - 1
        return year, period, (self.partials[j][1] if j >= 0 else None), offset
