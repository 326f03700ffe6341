"""The year a text reports on, and where it was read: a title, a sum-up, the results, a dateline.

A work summary names its year in its title (2015年…工作总结). News reports, white papers, speeches and
statistics releases often do not, and they name many other years: the plan's target year (到2020年),
bases (是2010年的4.8倍), the meeting's own year (2024年…工作会议), the date of writing. The year read
here is, in order: the title's report year; the year a meeting or report sums up (总结2018年工作, 2018年工作回顾);
the latest year a result is stated for in its clause (截至2017年底…16925件), never after the publication date nor
under a heading of next year's plans; the year before such a heading's (二、2020年工作安排 after undated results:
2019); the publication date's year (the year before on a page of January or February whose results its sentences
do not date, or of any month before December whose 全年 results it does not date: a year is whole only once it is
over), a year's work conference standing for a page of January of its year when there is no date; the most
frequent year near the start that is no base, span start, horizon or year of a sentence that announces work;
the end of a five-year period ("十二五"期间: 2015; of several, the earliest not named as a base: a 十四五 plan's
review of 十三五 is 2020's). A year's work conference that looks back (2020年…工作会议, 过去一年)
sums up the year before its own (ZH-REPORT-009). Only the first two are certain: the others are a guess, and the
report says so and from which line. The words are data (ipcheck/lang/zh/sections.yaml, ZH-YEAR-005..007,
ZH-REPORT-001..016); tests/phrasings/report_year.yaml holds the forms, each with the year it must read.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ipcheck.lang.registry import load
from ipcheck.model import Document
from ipcheck.reading import cues
from ipcheck.reading.numerals import parse_number
from ipcheck.reading.periods import opening_year
from ipcheck.reading.text import normalise, opens_other_part

_R = load()
_TITLE_RULES = ("ZH-YEAR-005", "ZH-YEAR-006", "ZH-REPORT-001")
_SUMMED_UP = _R.regex("ZH-REPORT-002")
_REVIEWED = _R.regex("ZH-REPORT-015")       # 2019年工作回顾: the year a text reviews, as a noun
_DATELINE = _R.regex("ZH-REPORT-003")
_CONFERENCE = _R.regex("ZH-REPORT-009")    # 2020年…工作会议 looking back: reports on 2019
_CONFERENCE_CHARS = 300                     # the opening lines a conference's name is read in
_LOOKS_BACK = _R.regex("ZH-REPORT-013")
_LOOK_BACK_CHARS = 400                      # how far after the conference's name a look back is read
_NOT_RESULT_BEFORE = _R.regex("ZH-REPORT-004")
_NOT_RESULT_AFTER = _R.regex("ZH-REPORT-005")
_COUNTED = _R.regex("ZH-REPORT-006")
_FIVE_YEAR = _R.regex("ZH-REPORT-007")
_FIVE_YEAR_END = _R.table("ZH-REPORT-007")
_YEAR = _R.regex("ZH-YEAR-001")
_ANY_YEAR = _R.regex("ZH-YEAR-007")
_QUOTED_TITLE = _R.regex("ZH-SECT-014")
# 去年, 今年, 上年: a year counted from the publication date, never after a comparison word
# (较去年同期 is a base): the rule that dates figures (ZH-YEAR-013), used here for the report year.
_RELATIVE = _R.regex("ZH-YEAR-013")
_OFFSET = _R.table("ZH-YEAR-013")
# 过去的一年, 一年来: the year before the page's when it is from the first half of a year (a January
# meeting's 过去的一年 is last year), the page's own year when it is from the second (ZH-REPORT-011).
_PAST_YEAR = _R.regex("ZH-REPORT-011")
# 全年 with a result its sentence does not date, on a page of any month before December: the year just ended, as
# a year is whole only once it is over (ZH-REPORT-012); on a page of January or February, 全年 alone.
_WHOLE_YEAR = _R.regex("ZH-REPORT-012")
_EARLY_MONTH = 3
_YEAR_OVER_MONTH = 12
_YEAR_PAST = _R.regex("ZH-REPORT-014")   # 过去一年工作回顾 on a page of January: the year just ended
# A result on a page of January whose sentence dates it with no year, month or 今年 (ZH-REPORT-016): the year
# just ended.
_DATES_ITSELF = _R.regex("ZH-REPORT-016")
# A year after which a span starts (2016年以来, ZH-YEAR-004): no year a text reports on.
_SPAN_START = _R.regex("ZH-YEAR-004")
# A figure belongs to the clause it is in: a ; (the full-width one, normalised) ends a year's reach.
_CLAUSE_END = re.compile(";")
_HEADING_CHARS = 30                       # the longest line read as a heading that ends the results
_HEAD_END = re.compile("[:" + re.escape(_R.chars("ZH-SENT-003")) + "]")    # 2020年工作安排:推进… is a heading's words
# A year named as a horizon (面向2035年, 到2025年, 2035年远景目标) is no year a text reports on.
_HORIZON = _R.regex("ZH-REPORT-010")
_SENTENCE_END = re.compile("[" + re.escape(_R.chars("ZH-SENT-003")) + "?\n]")
# A web page's links (ZH-SECT-022: 上一篇：…) and link lists (ZH-SECT-023: 相关新闻) are other pages' titles:
# their years are not the year this text reports on.
_LINK_LINE = _R.regex("ZH-SECT-022")
_LINK_LIST = _R.regex("ZH-SECT-023")
_TITLE_LINES = 12
_HEAD_CHARS = 3000
_LOOK_BACK = 8
# A result dated the publication year itself is only that year's when the page is from its second
# half (前三季度 in November); a page of February reports the year before.
_LATE_MONTH = 7

CERTAIN = ("title", "summed_up")


@dataclass(frozen=True)
class YearReading:
    """The year a text reports on (None: no year at all), how it was read, the 1-based line and
    the words it was read from. ``how``: title, summed_up, results, dateline, conference, plans, period, frequent,
    none."""

    year: int | None
    how: str = "none"
    line: int = 0
    quote: str = ""

    @property
    def guess(self) -> bool:
        """True when the year is inferred, not stated as the year reported on."""
        return self.year is not None and self.how not in CERTAIN


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _title(norm: str) -> YearReading | None:
    """The report year a title states, reading the first lines as one string (titles wrap)."""
    lines = [(m.start(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", norm) if m.group(0).strip()]
    lines = lines[:_TITLE_LINES]
    joined, starts = "", []
    for start, ln in lines:
        starts.append((len(joined), start))
        joined += ln
    for code in _TITLE_RULES:
        m = _R.regex(code).search(joined)
        if m:
            at = max(s for s in starts if s[0] <= m.start())
            return YearReading(int(m.group(1)), "title", _line_of(norm, at[1]), m.group(0))
    return None


def _dateline(norm: str) -> tuple[int, int] | None:
    """(year, month) of the first publication date in the title lines."""
    head = "\n".join([ln for ln in norm.split("\n", 200)[:200] if ln.strip()][:_TITLE_LINES])
    m = _DATELINE.search(head)
    if not m:
        return None
    year, month = next((m.group(y), m.group(mo)) for y, mo in (("y", "m"), ("y2", "m2"), ("y3", "m3"), ("y4", "m4"))
                       if m.group(y))
    return int(year), int(month) if month.isdigit() else int(parse_number(month) or 0)


def published(doc: Document, norm: str | None = None) -> tuple[int, int] | None:
    """(year, month) of ``doc``'s dateline, which dates a month named without a year (ZH-YEAR-019);
    ``norm``, when given, is ``normalise(doc.text)``."""
    return _dateline(_normalised("\n".join(doc.text[:100 * _HEAD_CHARS].split("\n", 200)[:200]), doc.text, norm))


def _normalised(head: str, text: str, norm: str | None) -> str:
    """``normalise(head)`` for a prefix ``head`` of ``text``: ``norm`` (``text`` normalised) when the prefix
    is the whole text, as it is for most texts, rather than normalising it again."""
    return norm if norm is not None and len(head) == len(text) else normalise(head)


def _masked(sentence: str) -> str:
    """The sentence with quoted titles blanked (《2023年全球创新指数报告》 states no result)."""
    return _QUOTED_TITLE.sub(lambda m: " " * len(m.group(0)), sentence)


def _counted_after(text: str, pos: int) -> bool:
    """True when a counted figure follows ``pos`` in its clause (up to a ;: 其中2019年获得一等奖;…1300亿元 gives
    2019 no figure)."""
    end = _CLAUSE_END.search(text, pos)
    return _COUNTED.search(text, pos, end.start() if end else len(text)) is not None


def _result_years(sentence: str, published: tuple[int, int] | None, opening: int | None = None) -> list[int]:
    """The years ``sentence`` states a result for: a year with a counted figure after it, not a
    base, a span, an event's name or a target; 去年 counts as the year before publication; ``opening``, the year
    that opens its paragraph (ZH-YEAR-021), when it names no year of its own."""
    if cues.is_intention(sentence) or not _COUNTED.search(sentence):
        return []
    text = _masked(sentence)
    out = [opening] if opening is not None and not _YEAR.search(text) and not _RELATIVE.search(text) \
        and not _PAST_YEAR.search(text) else []
    for m in _YEAR.finditer(text):
        before = text[max(0, m.start() - _LOOK_BACK):m.start()]
        if _NOT_RESULT_BEFORE.search(before) or _NOT_RESULT_AFTER.match(text, m.end()):
            continue
        if _counted_after(text, m.end()):
            out.append(int(m.group(1)))
    if published:
        out += [published[0] + int(_OFFSET[m.group(0)]) for m in _RELATIVE.finditer(text)
                if _counted_after(text, m.end())]
        out += [published[0] - (published[1] < _LATE_MONTH) for m in _PAST_YEAR.finditer(text)
                if _counted_after(text, m.end())]
    if published:
        year, month = published
        out = [y for y in out if y < year or (y == year and month >= _LATE_MONTH)]
    return out


def _heading_of_other_part(norm: str, pos: int, end: re.Match[str], year: int | None) -> bool:
    """True when the sentence from ``pos`` to ``end`` is a whole short line that heads the next year's plans or
    the problems (二、2020年工作思路, 下一步工作计划: ipcheck.reading.text.opens_other_part): what follows is no result."""
    line = norm[pos:end.start()].strip()
    whole = (pos == 0 or norm[pos - 1] == "\n") and end.group(0) == "\n"
    return whole and 0 < len(line) <= _HEADING_CHARS and opens_other_part(line, year)


def _sentences(norm: str, stop: int) -> Iterator[tuple[int, re.Match[str]]]:
    """(start, end mark) of each sentence of ``norm`` whose end mark (or the text's end) stands before ``stop``."""
    pos = 0
    for m in _SENTENCE_END.finditer(norm + "\n", 0, stop):
        yield pos, m
        pos = m.end()


def _results(norm: str, published: tuple[int, int] | None, stop: int = _HEAD_CHARS) -> YearReading | None:
    """The latest year a result is stated for near the start (before ``stop``, a heading of next year's plans),
    and the sentence that states it."""
    best: YearReading | None = None
    line = 0
    for pos, m in _sentences(norm, min(len(norm), stop) + 1):
        if pos > _HEAD_CHARS:
            break
        sentence = norm[pos:m.start()]
        if pos == 0 or norm[pos - 1] == "\n":
            line = pos
        if _LINK_LIST.match(sentence.strip()):
            break
        if best is not None and _heading_of_other_part(norm, pos, m, best.year):
            break
        lead = norm[line:pos]           # an opening year dates results unless its line announces work (2017年,…将…)
        years = _result_years(sentence, published, None if cues.is_intention(lead) else opening_year(lead)) \
            if sentence.strip() and not _LINK_LINE.match(sentence.strip()) else []
        if years and (best is None or max(years) > best.year):        # type: ignore[operator]
            best = YearReading(max(years), "results", _line_of(norm, pos), sentence.strip()[:60])
    return best


def _plans_heading(norm: str) -> tuple[int, int, str] | None:
    """(year, position, heading) of the first heading of one year's plans after a stated result (二、2020年工作安排,
    2020年工作思路: a year and a word that only looks forward, ZH-SECT-009/010; a line's words up to a colon): the
    text reports on the years before it, and what follows is no result."""
    counted, pos = False, 0
    for line in norm[:_HEAD_CHARS].split("\n"):
        head = _HEAD_END.split(line, 1)[0].strip()
        year = _YEAR.search(head)
        if counted and year and len(head) <= _HEADING_CHARS and opens_other_part(head, int(year.group(1))):
            return int(year.group(1)), pos, head
        counted = counted or (_COUNTED.search(line) is not None and not cues.is_intention(line))
        pos += len(line) + 1
    return None


def _whole_year_before(norm: str, published: tuple[int, int]) -> int:
    """1 when a page from before December states a whole year's result its sentence does not date (全年专利申请量…
    on a page of March, a 统计公报's 全年…比上年增长: the year just ended, ZH-REPORT-012), or a page from the first
    months of a year states a result its sentence does not date (no year, month or 今年: ZH-REPORT-016) or looks
    back on the year past (过去一年工作回顾, ZH-REPORT-014), else 0."""
    early = published[1] < _EARLY_MONTH
    if published[1] >= _YEAR_OVER_MONTH:
        return 0
    if early and _YEAR_PAST.search(norm, 0, _HEAD_CHARS):
        return 1
    for pos, m in _sentences(norm, _HEAD_CHARS):
        sentence = norm[pos:m.start()]
        if cues.is_intention(sentence) or _LINK_LINE.match(sentence.strip()):
            continue
        w = _WHOLE_YEAR.search(sentence)
        if w and _COUNTED.search(sentence, w.end()) and (early or not _DATES_ITSELF.search(sentence)):
            return 1
        if early and _COUNTED.search(sentence) and not _DATES_ITSELF.search(sentence):
            return 1
    return 0


def _looks_back(text: str, year: int) -> bool:
    """True when ``text``, after a year's work conference, looks back on the year before it
    (过去一年, 去年, or that year named: 2018年,…: ZH-REPORT-013)."""
    return _LOOKS_BACK.search(text) is not None or any(
        int(y.group(1)) == year - 1 and not _NOT_RESULT_BEFORE.search(text[max(0, y.start() - _LOOK_BACK):y.start()])
        for y in _YEAR.finditer(text))


def _announcing(norm: str) -> list[tuple[int, int]]:
    """The spans of the sentences near the start that announce work (力争2019年…, 2020年,我局将…: ZH-INTENT-*):
    their years are the years a text plans for, not the one it reports on."""
    return [(pos, m.start()) for pos, m in _sentences(norm, min(len(norm), _HEAD_CHARS) + 1)
            if cues.is_intention(norm[pos:m.start()])]


def _base_or_start(norm: str, year: re.Match[str]) -> bool:
    """True when ``year`` is a base (是2015年的2.1倍, 比2010年: ZH-REPORT-004) or starts a span (2016年以来:
    ZH-YEAR-004): a year a text names, but not one it reports on."""
    return _NOT_RESULT_BEFORE.search(norm[max(0, year.start() - _LOOK_BACK):year.start()]) is not None \
        or _SPAN_START.match(norm, year.end()) is not None


def read_year(doc: Document, norm: str | None = None) -> YearReading:
    """The year ``doc`` reports on, how it was read and from which line (see the module doc); the line
    is the file's own (a text joined from a PDF copy keeps its file lines). ``norm``, when given, is
    ``normalise(doc.text)``."""
    found = _read_year(doc, norm)
    return replace(found, line=doc.file_line(found.line)) if found.line else found


def _read_year(doc: Document, whole: str | None = None) -> YearReading:
    """read_year, with the line of ``doc.text``."""
    raw = doc.text
    first_lines = sum(len(ln) + 1 for ln in raw.split("\n", 200)[:200])
    norm = _normalised(raw[:max(min(first_lines, 100 * _HEAD_CHARS), _HEAD_CHARS)], raw, whole)   # 1:1, so a prefix
    found = _title(norm)
    if found:
        return found
    m = _SUMMED_UP.search(norm, 0, _HEAD_CHARS) or _REVIEWED.search(norm, 0, _HEAD_CHARS)
    if m:
        return YearReading(int(m.group(1)), "summed_up", _line_of(norm, m.start()), m.group(0))
    conference = _CONFERENCE.search(norm, 0, _CONFERENCE_CHARS)
    if conference and _looks_back(norm[conference.end():conference.end() + _LOOK_BACK_CHARS],
                                  int(conference.group(1))):
        return YearReading(int(conference.group(1)) - 1, "summed_up", _line_of(norm, conference.start()),
                           conference.group(0))
    published = _dateline(norm)
    # A year's work conference is held in that year's first months: with no dateline it dates the text (ZH-REPORT-009).
    dated = published or ((int(conference.group(1)), 1) if conference else None)
    plans = _plans_heading(norm)
    found = _results(norm, dated, plans[1] if plans else _HEAD_CHARS)
    if found:
        return found
    if plans and (dated is None or plans[0] - 1 <= dated[0]):
        return YearReading(plans[0] - 1, "plans", _line_of(norm, plans[1]), plans[2])
    if published:
        return YearReading(published[0] - _whole_year_before(norm, published), "dateline", 0, str(published[0]))
    if dated and conference:
        return YearReading(dated[0] - _whole_year_before(norm, dated), "conference",
                           _line_of(norm, conference.start()), conference.group(0))
    horizons = {m.start(g) for m in _HORIZON.finditer(norm, 0, _HEAD_CHARS)
                for g in range(1, (_HORIZON.groups or 0) + 1) if m.group(g)}
    announced = _announcing(norm)
    counts = Counter(int(y.group(1)) for y in _ANY_YEAR.finditer(norm, 0, _HEAD_CHARS)
                     if y.start(1) not in horizons and not _base_or_start(norm, y)
                     and not any(a <= y.start() < b for a, b in announced))
    if counts:
        year = counts.most_common(1)[0][0]
        return YearReading(year, "frequent", 0, str(year))
    periods = [(int(_FIVE_YEAR_END[next(k for k in _FIVE_YEAR_END if k in m.group(0))]), m)
               for m in _FIVE_YEAR.finditer(norm, 0, _HEAD_CHARS)
               if not _NOT_RESULT_BEFORE.search(norm[max(0, m.start() - _LOOK_BACK):m.start()])]
    if periods:     # the earliest period named, not as a base: a later one is where the text heads
        end, m = min(periods, key=lambda p: (p[0], p[1].start()))
        return YearReading(end, "period", _line_of(norm, m.start()), m.group(0))
    return YearReading(None)


def own_date(reading: YearReading, dateline: tuple[int, int] | None) -> int | None:
    """The year a text was written in, which its 去年 and 今年 count from (ZH-YEAR-013): a title's
    report year; the year after the one a meeting sums up; its ``dateline``'s (``published``); else
    the year read."""
    if reading.how == "title":
        return reading.year
    if reading.how == "summed_up" and reading.year is not None:
        return reading.year + 1
    return dateline[0] if dateline else reading.year


def states_year(text: str, year: int | None) -> bool:
    """True when ``text`` names ``year`` as a year (2017年)."""
    return year is not None and any(int(m.group(1)) == year for m in _YEAR.finditer(normalise(text)))
