"""Normalise Chinese document text and split a work summary into located, sectioned sentences."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ipcheck.inputs.formats.chinese import T2S
from ipcheck.lang.registry import load
from ipcheck.reading.numerals import parse_number
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
    0xFE6A: "%",                                    # small percent sign: 35.2﹪ is 35.2%
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
    len(s)`` and offsets are shared with the original. Idempotent; ASCII is left alone. A year
    written in Chinese digits (二〇一八年, 二○一九年) becomes Arabic, digit for digit (ZH-YEAR-016, -017)."""
    out = s.translate(_TABLE)
    if _CN_YEAR_HINT.search(out) is None:
        return out
    return _CN_YEAR.sub(lambda m: m.group(0).translate(_YEAR_DIGITS), out)


# --------------------------------------------------------------------------------------
# sentence boundaries, headings and section cues: data (ipcheck/lang/zh/sections.yaml,
# punctuation.yaml), run on the normalised text
# --------------------------------------------------------------------------------------

_R = load()
# A year in Chinese digits, four of them before 年 (ZH-YEAR-017), and the digits' values (ZH-YEAR-016).
_CN_YEAR = _R.regex("ZH-YEAR-017")
_CN_YEAR_HINT = re.compile("[" + "".join(_R.table("ZH-YEAR-016")) + "]{4}")
_YEAR_DIGITS = str.maketrans({k: str(v) for k, v in _R.table("ZH-YEAR-016").items()})
# A sentence ends at 。 ! ? with any closing quotes (ZH-PUNCT-003); ; does not end a sentence.
_TERMINATOR = _R.regex("ZH-PUNCT-003")
_ALWAYS_ENDS = _R.chars("ZH-SENT-003")
# …except before a self-check's status on the same line (自查情况：…): the item and its status are one sentence.
_STATUS_AFTER = _R.regex("ZH-SENT-004")
# A "?" that is really a garbled character (41? for 41%, 3?15 for 3·15): ZH-SENT-001, ZH-SENT-002.
_GARBLED_Q_BEFORE = _R.regex("ZH-SENT-001")
_GARBLED_Q_AFTER = _R.regex("ZH-SENT-002")

# Heading markers by level (ZH-HEAD-002 一、, 003 (一), 004 1. 1、, 005 (1) ①) and their numerals.
_H1, _H2, _H3, _H4 = (_R.regex(f"ZH-HEAD-00{n}") for n in (2, 3, 4, 5))

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
# The rest of a half year's plans (ZH-SECT-024).
_HALF_YEAR_PLAN_CUE = _R.regex("ZH-SECT-024")
# What will be put right (ZH-SECT-025: 整改措施, 努力方向).
_REMEDY_CUE = _R.regex("ZH-SECT-025")
# An attachment (ZH-SECT-026: 附件：…) leaves the section before it; its title decides.
_ATTACHMENT = _R.regex("ZH-SECT-026")
# A web page's links: another page's title (ZH-SECT-022), the name of a list of them (ZH-SECT-023).
_LINK_LINE = _R.regex("ZH-SECT-022")
_LINK_LIST = _R.regex("ZH-SECT-023")
# A heading that names a region's part of the text (ZH-SECT-027: 二、全省情况, 附件：某区…总结); whose part it is
# ipcheck.reading.regions decides against the plan. A part runs to the next heading of its rank or above: an
# attachment's title 0, 一、 1, (一) 2, an unnumbered short line 3 (level-3 and -4 headings neither open nor close one).
_PART = _R.regex("ZH-SECT-027")
_ATTACHMENT_RANK, _RANKS, _UNNUMBERED_RANK = 0, {1: 1, 2: 2}, 3



def summary_year(doc: Document) -> int | None:
    """The year a summary reports on (ipcheck.reading.years.read_year: its title, the year it sums
    up, the latest year it states results for, its publication date), else None. Cue rules compare
    plan years against it."""
    from ipcheck.reading.years import read_year     # years reads sentences with this module's normalise
    return read_year(doc).year


def opens_other_part(line: str, year: int | None) -> bool:
    """True when ``line``, read as a heading, opens a part that is no results: the next year's plans or the
    problems (下一步工作计划, 二、2020年工作思路 in a text of 2019; the section cues ZH-SECT-003..025)."""
    norm = normalise(line).strip()
    lead = _heading_level(norm)
    return _cue_rule(lead[2] if lead else norm, year) is not None


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
    """一..九十九 as an int (十 = 10, 十二 = 12, 二十 = 20) by the one numeral reader; 0 for a run of
    heading numerals that is no numeral (十十, 一二十)."""
    value = parse_number(s)
    return int(value) if value is not None else 0


def _cue(body: str, year: int | None) -> Section | None:
    """The section a heading's text names (PROBLEMS before NEXT_PLAN: "存在问题及下一步打算"
    starts with its problems), or None when it names neither."""
    found = _cue_rule(body, year)
    return found[0] if found else None


def _cue_rule(body: str, year: int | None) -> tuple[Section, str] | None:
    """(section, the code of the rule that names it) for a heading's text, or None."""
    body = _QUOTED_TITLE.sub("", body.strip())
    if _PROBLEM_CUE.match(body):
        return Section.PROBLEMS, "ZH-SECT-003"
    if len(body) <= _PROBLEM_PHRASE_MAX and _PROBLEM_PHRASE.search(body):
        return Section.PROBLEMS, "ZH-SECT-004"
    if _PLAN_WORD_CUE.match(body):
        return Section.NEXT_PLAN, "ZH-SECT-005"
    if _HALF_YEAR_PLAN_CUE.match(body):
        return Section.NEXT_PLAN, "ZH-SECT-024"
    if _REMEDY_CUE.match(body):
        return Section.NEXT_PLAN, "ZH-SECT-025"
    if _PLAN_PART_CUE.match(body):
        return Section.NEXT_PLAN, "ZH-SECT-007"
    m = _PLAN_YEAR_CUE.match(body)
    if m and year is not None and (int(m.group(1)) > year
                                   or (int(m.group(1)) == year and m.group(2) in _FORWARD_ONLY
                                       and not _REPORTS.search(body))):
        return Section.NEXT_PLAN, "ZH-SECT-009"
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
        return not _STATUS_AFTER.match(norm, m.end(), line_end)
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


def segment(doc: Document, year: int | None = None, norm: str | None = None,
            dated: int | None = None) -> tuple[Sentence, ...]:
    """Split ``doc`` into sentences located in the original text, each with the section it
    sits in, the rule that named the section and its nearest heading.

    Sentences end at 。!? and at line ends; ; and garbled ? (41?, 3?15) do not end them.
    Sections follow the headings: cues name PROBLEMS or NEXT_PLAN; a top-level heading
    without a cue goes back to RESULTS only when its number follows the previous top-level
    number (三 → 四), so a mis-numbered sub-heading (泸州's 三 → 六) stays where it is.
    ``year`` is the summary's year and ``dated`` the year it was written in, which its 今年 counts from (default:
    both read from ``doc``, ipcheck.reading.years; with ``year`` given and no ``dated``, 今年 opens no plan);
    ``norm``, when given, is ``normalise(doc.text)``.
    """
    if year is None:
        year, dated = _years(doc) if dated is None else (summary_year(doc), dated)
    reader = _Segmenter(doc.text, year, norm, dated)
    for line_no, lstart, lend in _line_spans(reader.norm):
        reader.line(line_no, lstart, lend)
    if doc.lines:                   # joined from a PDF copy: each sentence cited by its file line
        return tuple(replace(s, line=doc.file_line_at(s.start)) for s in reader.out)
    return tuple(reader.out)


def _years(doc: Document) -> tuple[int | None, int | None]:
    """(the year ``doc`` reports on, the year it was written in: ipcheck.reading.years)."""
    from ipcheck.reading.years import own_date, published, read_year     # years reads sentences with this module
    reading = read_year(doc)
    return reading.year, own_date(reading, published(doc))


class _Segmenter:
    """The state of segment() as it walks the lines: the section (and the rule that named it), the
    nearest heading, whether the body has started, the last top-level number, the title run."""

    def __init__(self, text: str, year: int | None, norm: str | None = None, dated: int | None = None) -> None:
        self.text, self.norm, self.year, self.dated = text, normalise(text) if norm is None else norm, year, dated
        self.out: list[Sentence] = []
        self.section, self.rule, self.heading = Section.FRONT, "", ""
        self.body_started = False
        self.top: int | None = None          # number of the last top-level heading that counted
        self.title_run: list[int] = []       # indices of consecutive short unnumbered lines
        self.part, self.part_rank = "", 0    # the region a heading names as this part's (ZH-SECT-027), its rank
        self.title_next = False              # a lone 附件 line: the next short line is the attachment's title
        self.line_start = 0                  # where the line being read starts (a sentence's lead: ZH-WHOSE-029)

    def line(self, line_no: int, lstart: int, lend: int) -> None:
        """Every sentence of one line."""
        norm = self.norm
        spans = [se for se in (_strip(norm, a, b) for a, b in _split_line(norm, lstart, lend)) if se[0] < se[1]]
        # the body starts at a line that is long or ends like prose (the whole line counts,
        # so a short first sentence of a long paragraph is not taken for a title)
        line_body = bool(spans) and (spans[-1][1] - spans[0][0] > _FRONT_MAX
                                     or _PROSE_END.search(norm[spans[-1][0]:spans[-1][1]]) is not None)
        self.line_start = spans[0][0] if spans else lstart
        for s, e in spans:
            self.sentence(line_no, s, e, len(spans) == 1, line_body)

    def add(self, line_no: int, s: int, e: int, section: Section, rule: str, heading: str) -> None:
        self.out.append(Sentence(index=len(self.out), line=line_no, start=s, end=e, text=self.text[s:e],
                                 norm=self.norm[s:e], section=section, heading=heading, section_rule=rule,
                                 part=self.part, lead=self.norm[self.line_start:s]))

    def sentence(self, line_no: int, s: int, e: int, whole_line: bool, line_body: bool) -> None:
        snorm = self.norm[s:e]
        if _LINK_LINE.match(snorm):
            self.add(line_no, s, e, Section.LINKS, "ZH-SECT-022", self.heading)
            return
        if whole_line and _LINK_LIST.match(snorm.strip()):
            self.section, self.rule, self.heading = Section.LINKS, "ZH-SECT-023", self.text[s:e]
            self.add(line_no, s, e, self.section, self.rule, self.heading)
            return
        lead = _heading_level(snorm)
        short = (whole_line and lead is None and len(snorm) <= _SHORT_HEADING_MAX
                 and not _NOT_HEADING_END.search(snorm))
        if short and self.body_started and _TITLE_LINE.match(snorm):
            self.new_document(line_no, s, e)
            return
        if not self.body_started:
            if not (lead is not None and lead[0] <= 2 or line_body):
                self.add(line_no, s, e, Section.FRONT, "", "")
                self.title_run.append(len(self.out) - 1)
                return
            self.body_started, self.section, self.rule = True, Section.RESULTS, ""
        if short:
            self.title_run.append(len(self.out))
        else:
            self.title_run.clear()
        attachment = _ATTACHMENT.match(snorm) if lead is None else None
        title_next, self.title_next = self.title_next, False
        if attachment:
            rest = attachment.group("rest") or ""
            self.section, self.rule = _cue_rule(rest, self.year) or (Section.RESULTS, "ZH-SECT-026")
            self.heading, self.top, self.title_next = self.text[s:e], None, not rest.strip()
            self.part_heading(rest, _ATTACHMENT_RANK)
        elif lead is not None or short:
            self.heading_line(lead if lead is not None else (0, None, snorm), s, e, title_next)
        else:
            m = _PLAN_SENTENCE.match(snorm)
            if m and self.looks_ahead(m):
                self.section, self.rule, self.heading = Section.NEXT_PLAN, "ZH-SECT-012", self.text[s:e]
        self.add(line_no, s, e, self.section, self.rule, self.heading)

    def looks_ahead(self, plan: re.Match[str]) -> bool:
        """True when a sentence that opens a plan (ZH-SECT-012) opens one after the year reported on: 明年, 下一步 …,
        a later year, or 今年 in a text written after that year (ZH-YEAR-013: a February speech's 今年)."""
        said, this_year = plan.group(1), plan.group(2)
        if said is None and this_year is None:
            return True
        when = int(said) if said is not None else self.dated
        return when is not None and self.year is not None and when > self.year

    def new_document(self, line_no: int, s: int, e: int) -> None:
        """A title line after the body: a new document in a compilation, its title lines FRONT again."""
        for i in self.title_run:
            self.out[i] = replace(self.out[i], section=Section.FRONT, heading="", section_rule="")
        self.section, self.rule, self.heading, self.body_started, self.top = Section.FRONT, "", "", False, None
        self.part = ""
        self.add(line_no, s, e, self.section, "ZH-SECT-013", self.heading)
        self.title_run = [len(self.out) - 1]

    def part_heading(self, body: str, rank: int) -> None:
        """A heading of ``rank`` closes the region's part opened at its rank or below, and opens one when its words
        name a region and a report of it (ZH-SECT-027)."""
        if rank <= self.part_rank:
            self.part = ""
        m = _PART.match(_QUOTED_TITLE.sub("", body.strip()))
        if m:
            self.part, self.part_rank = m.group("region"), rank

    def heading_line(self, lead: tuple[int, int | None, str], s: int, e: int, title: bool = False) -> None:
        """A heading: its cue names the section; a top-level one without a cue goes back to the results. ``title``:
        the line after a lone 附件, the attachment's title."""
        level, number, body = lead
        cue = _cue_rule(body, self.year)
        rank = _ATTACHMENT_RANK if title else _RANKS.get(level, _UNNUMBERED_RANK if level == 0 else None)
        if rank is not None:
            self.part_heading(body, rank)
        if level == 1:
            expected = (self.top or 0) + 1
            number = expected if number is None else number
            if cue is not None:
                (self.section, self.rule), self.top = cue, number
            elif self.top is None or number == expected:
                self.section, self.rule, self.top = Section.RESULTS, "", number
        elif cue is not None:
            self.section, self.rule = cue
        self.heading = self.text[s:e]

