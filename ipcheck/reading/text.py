"""Normalise Chinese document text and split a work summary into located, sectioned sentences."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ipcheck.inputs.formats.chinese import T2S
from ipcheck.lang.registry import load
from ipcheck.reading.numerals import CN_DIGITS, CN_SMALL
from ipcheck.model import Document, Section, Sentence

# --------------------------------------------------------------------------------------
# normalise
# --------------------------------------------------------------------------------------

# Fixed 1:1 replacements. Every value is ONE character, so normalise() keeps the length and
# offsets into the normalised text are offsets into the original. 。 and 、 are kept: they
# carry meaning (sentence end, list separator) that no ASCII character has.
_FIXED: dict[int, str] = {
    0x3000: " ",                                    # ideographic space
    0x2024: ".", 0xFE52: ".",                       # one-dot leader, small full stop
    0x2010: "-", 0x2011: "-", 0x2012: "-", 0x2013: "-", 0x2014: "-", 0x2015: "-",
    0x2212: "-", 0xFE63: "-",                       # dashes and minus: 2013―2015年 is a range
    0xFE50: ",", 0xFE54: ";", 0xFE55: ":", 0xFE56: "?", 0xFE57: "!",  # small forms
}


class _Table(dict):
    """str.translate table computed lazily per code point (building it for all of Unicode
    at import would take a noticeable fraction of a second)."""

    def __missing__(self, cp: int) -> int | str:
        if cp < 0x80:
            out: int | str = cp                     # ASCII is never changed
        elif cp in _FIXED:
            out = _FIXED[cp]
        elif 0xFF01 <= cp <= 0xFF5E:                # full-width ASCII: ，；：（）！？％～－．０-９Ａ-ｚ
            out = chr(cp - 0xFEE0)
        elif cp in T2S:                             # traditional -> simplified, 1:1 (專 -> 专)
            out = T2S[cp]
        else:
            cat = unicodedata.category(chr(cp))
            # NBSP and other space separators, zero-width and format characters (Cf),
            # line/paragraph separators: all become a plain space
            out = " " if cat in ("Zs", "Cf", "Zl", "Zp") else cp
        self[cp] = out
        return out


_TABLE = _Table()


def normalise(s: str) -> str:
    """Map full-width ASCII, CJK punctuation with an ASCII twin, odd spaces and invisible
    format characters to plain ASCII, and traditional Chinese characters with a one-character
    simplified form to it (ipcheck.inputs.formats.chinese), one character for one, so ``len(normalise(s)) ==
    len(s)`` and offsets are shared with the original. Idempotent; ASCII is left alone."""
    return s.translate(_TABLE)


def _is_space(ch: str) -> bool:
    """True for characters that count as blank once normalised (spaces, NBSP, ZWSP, BOM)."""
    return normalise(ch).isspace()


# --------------------------------------------------------------------------------------
# sentence boundaries, headings and section cues: data (ipcheck/lang/zh/sections.yaml,
# punctuation.yaml), run on the normalised text
# --------------------------------------------------------------------------------------

_R = load()
# A sentence ends at 。 ! ? with any closing quotes (ZH-PUNCT-003); ; does not end a sentence.
_TERMINATOR = _R.regex("ZH-PUNCT-003")
_ALWAYS_ENDS = _R.chars("ZH-SENT-003")
# A "?" that is really a garbled character (41? for 41%, 3?15 for 3·15): ZH-SENT-001, ZH-SENT-002.
_GARBLED_Q_BEFORE = _R.regex("ZH-SENT-001")
_GARBLED_Q_AFTER = _R.regex("ZH-SENT-002")

# Heading markers by level (ZH-HEAD-002 一、, 003 (一), 004 1. 1、, 005 (1) ①) and their numerals.
_H1, _H2, _H3, _H4 = (_R.regex(f"ZH-HEAD-00{n}") for n in (2, 3, 4, 5))
_CN_VALUE = {c: CN_DIGITS.get(c) or CN_SMALL[c] for c in _R.chars("ZH-HEAD-001")}
_TEN = next(c for c, v in CN_SMALL.items() if v == 10)

# An unnumbered line is a heading when it is short and reads like a title, not a sentence.
_SHORT_HEADING_MAX = 25
_NOT_HEADING_END = _R.regex("ZH-PUNCT-007")
# Before the body starts everything is FRONT (titles, web chrome, cover); the body starts at
# the first numbered heading or the first line that is long or ends like prose.
_FRONT_MAX = 40
_PROSE_END = _R.regex("ZH-PUNCT-008")
# A title line seen after the body starts a new document in a compilation (ZH-SECT-013).
_TITLE_LINE = _R.regex("ZH-SECT-013")
# Quoted titles 《…》 name other documents and must not trigger cues (ZH-SECT-014).
_QUOTED_TITLE = _R.regex("ZH-SECT-014")

# Section cues, matched at the start of a heading's text (after its number): problems
# (ZH-SECT-003, or ZH-SECT-004 anywhere in a short heading), next-year plan (ZH-SECT-005),
# plan parts (ZH-SECT-007), dated plans (ZH-SECT-009 with ZH-SECT-010/011).
_PROBLEM_CUE = _R.regex("ZH-SECT-003")
_PROBLEM_PHRASE = _R.regex("ZH-SECT-004")
_PROBLEM_PHRASE_MAX = 30
_PLAN_WORD_CUE = _R.regex("ZH-SECT-005")
_PLAN_PART_CUE = _R.regex("ZH-SECT-007")
_PLAN_YEAR_CUE = _R.regex("ZH-SECT-009")
_REPORTS = _R.regex("ZH-SECT-011")
_FORWARD_ONLY = frozenset(_R.words("ZH-SECT-010"))
# A sentence that opens a plan without a heading (ZH-SECT-012).
_PLAN_SENTENCE = _R.regex("ZH-SECT-012")



def summary_year(doc: Document) -> int | None:
    """The year a summary reports on (ipcheck.reading.years.read_year: its title, the year it sums
    up, the latest year it states results for, its publication date), else None. Cue rules compare
    plan years against it."""
    from ipcheck.reading.years import read_year     # years reads sentences with this module's normalise
    return read_year(doc).year


def _heading_level(norm: str) -> tuple[int, int | None, str] | None:
    """(level, number or None, text after the number) when ``norm`` starts like a numbered
    heading, else None."""
    m = _H1.match(norm)
    if m:
        digits = m.group(1) or m.group(3)
        return 1, (_cn_number(digits) if digits else None), norm[m.end():]
    for level, pattern in ((2, _H2), (3, _H3), (4, _H4)):
        m = pattern.match(norm)
        if m:
            num = m.group(1) if m.groups() else None
            value = _cn_number(num) if num and not num.isdigit() else (int(num) if num else None)
            return level, value, norm[m.end():]
    return None


def _cn_number(s: str) -> int:
    """一..九十九 as an int (十 = 10, 十二 = 12, 二十 = 20)."""
    if _TEN not in s:
        return _CN_VALUE.get(s, 0)
    tens, _, units = s.partition(_TEN)
    return (_CN_VALUE.get(tens, 1) if tens else 1) * 10 + (_CN_VALUE.get(units, 0) if units else 0)


def _cue(body: str, year: int | None) -> Section | None:
    """The section a heading's text names (PROBLEMS before NEXT_PLAN: "存在问题及下一步打算"
    starts with its problems), or None when it names neither."""
    body = _QUOTED_TITLE.sub("", body.strip())
    if _PROBLEM_CUE.match(body) or (len(body) <= _PROBLEM_PHRASE_MAX
                                    and _PROBLEM_PHRASE.search(body)):
        return Section.PROBLEMS
    if _PLAN_WORD_CUE.match(body) or _PLAN_PART_CUE.match(body):
        return Section.NEXT_PLAN
    m = _PLAN_YEAR_CUE.match(body)
    if m and year is not None and (int(m.group(1)) > year
                                   or (int(m.group(1)) == year and m.group(2) in _FORWARD_ONLY
                                       and not _REPORTS.search(body))):
        return Section.NEXT_PLAN
    return None


def _line_spans(norm: str) -> list[tuple[int, int, int]]:
    """(line number, start, end) of every line, end exclusive of the newline."""
    spans, start, line = [], 0, 1
    for m in re.finditer("\n", norm):
        spans.append((line, start, m.start()))
        start, line = m.end(), line + 1
    spans.append((line, start, len(norm)))
    return spans


def _split_line(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Raw sentence spans of one line (before stripping)."""
    spans, pos = [], start
    for m in _TERMINATOR.finditer(norm, start, end):
        if not _ends_sentence(norm, m, end):
            continue
        spans.append((pos, m.end()))
        pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return spans


def _ends_sentence(norm: str, m: re.Match[str], line_end: int) -> bool:
    """False for a match made only of ? that is a garbled %, ·, ㎡ and the like."""
    if any(c in m.group() for c in _ALWAYS_ENDS):
        return True
    before = norm[max(0, m.start() - 2):m.start()]
    after = norm[m.end():min(line_end, m.end() + 24)]
    return not (_GARBLED_Q_BEFORE.search(before) or _GARBLED_Q_AFTER.match(after))


def _strip(norm: str, start: int, end: int) -> tuple[int, int]:
    """Narrow [start, end) to exclude blank characters (in the normalised sense) at both ends."""
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return start, end


def segment(doc: Document, year: int | None = None) -> tuple[Sentence, ...]:
    """Split ``doc`` into sentences located in the original text, each with the section it
    sits in and its nearest heading.

    Sentences end at 。!? and at line ends; ; and garbled ? (41?, 3?15) do not end them.
    Sections follow the headings: cues name PROBLEMS or NEXT_PLAN; a top-level heading
    without a cue goes back to RESULTS only when its number follows the previous top-level
    number (三 → 四), so a mis-numbered sub-heading (泸州's 三 → 六) stays where it is.
    ``year`` is the summary's year (default: summary_year(doc)).
    """
    if year is None:
        year = summary_year(doc)
    text, norm = doc.text, normalise(doc.text)
    out: list[Sentence] = []
    section, heading = Section.FRONT, ""
    body_started = False
    top: int | None = None          # number of the last top-level heading that counted
    title_run: list[int] = []       # indices of consecutive short unnumbered lines
    for line_no, lstart, lend in _line_spans(norm):
        spans = [se for se in (_strip(norm, a, b) for a, b in _split_line(norm, lstart, lend))
                 if se[0] < se[1]]
        whole_line = len(spans) == 1
        # the body starts at a line that is long or ends like prose (the whole line counts,
        # so a short first sentence of a long paragraph is not taken for a title)
        line_body = bool(spans) and (spans[-1][1] - spans[0][0] > _FRONT_MAX
                                     or _PROSE_END.search(norm[spans[-1][0]:spans[-1][1]]))
        for s, e in spans:
            snorm = norm[s:e]
            lead = _heading_level(snorm)
            short = (whole_line and lead is None and len(snorm) <= _SHORT_HEADING_MAX
                     and not _NOT_HEADING_END.search(snorm))
            if short and body_started and _TITLE_LINE.match(snorm):
                # a new document in a compilation: its title lines are FRONT again
                for i in title_run:
                    out[i] = replace(out[i], section=Section.FRONT, heading="")
                section, heading, body_started, top = Section.FRONT, "", False, None
                out.append(_sentence(len(out), line_no, s, e, text, snorm, section, heading))
                title_run = [len(out) - 1]
                continue
            if not body_started:
                if lead is not None and lead[0] <= 2 or line_body:
                    body_started, section = True, Section.RESULTS
                else:
                    out.append(_sentence(len(out), line_no, s, e, text, snorm, Section.FRONT, ""))
                    title_run.append(len(out) - 1)
                    continue
            if short:
                title_run.append(len(out))
            else:
                title_run.clear()
            if lead is not None or short:
                level, number, body = lead if lead is not None else (0, None, snorm)
                cue = _cue(body, year)
                if level == 1:
                    expected = (top or 0) + 1
                    number = expected if number is None else number
                    if cue is not None:
                        section, top = cue, number
                    elif top is None or number == expected:
                        section, top = Section.RESULTS, number
                elif cue is not None:
                    section = cue
                heading = text[s:e]
            else:
                m = _PLAN_SENTENCE.match(snorm)
                if m and (m.group(1) is None or (year is not None and int(m.group(1)) > year)):
                    section, heading = Section.NEXT_PLAN, text[s:e]
            out.append(_sentence(len(out), line_no, s, e, text, snorm, section, heading))
    return tuple(out)


def _sentence(index: int, line: int, start: int, end: int, text: str, norm: str,
              section: Section, heading: str) -> Sentence:
    """A Sentence for text[start:end], whose normalised form ``norm`` is already cut."""
    return Sentence(index=index, line=line, start=start, end=end, text=text[start:end],
                    norm=norm, section=section, heading=heading)

