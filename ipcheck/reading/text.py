"""Normalise Chinese document text and split a work summary into located, sectioned sentences."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

from ipcheck.inputs.formats.chinese import T2S
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
# sentence boundaries (patterns run on normalised text)
# --------------------------------------------------------------------------------------

# A sentence ends at 。 ! ? (full-width forms are already ASCII after normalise), taking any
# closing quotes/brackets with it. ; does not end a sentence: clauses are split later by the
# figure reader, which needs the whole enumeration (专利申请…;发明专利…) in one sentence.
_TERMINATOR = re.compile(r"[。!?]+[”’」』)】》\"']*")
# A "?" that is really a garbled character (41? for 41%, 3?15 for 3·15, 4万? for 4万㎡,
# 创客?雒创汇 for a middle dot): after a digit or unit-like char, or before a digit or
# punctuation that would follow a number, or inside a short quotation.
_GARBLED_Q_BEFORE = re.compile(r"[0-9万亿千百余多%]\s?$")
_GARBLED_Q_AFTER = re.compile(r"^(?:\s?[0-9]|[,;:、。)%~-]|[^“”。\n]{0,20}”)")

# --------------------------------------------------------------------------------------
# headings (patterns run on the normalised, stripped sentence)
# --------------------------------------------------------------------------------------

_CN_DIGITS = "一二三四五六七八九十"
# Level 1: 一、 二. 三, and the number-missing "、下一年工作打算" of 绵阳; also 第一部分.
_H1 = re.compile(rf"^(?:([{_CN_DIGITS}]{{1,3}})\s*[、.,]|(、)|第([{_CN_DIGITS}]{{1,3}})(?:部分|章|篇))\s*")
# Level 2: (一) — full-width brackets are ASCII after normalise.
_H2 = re.compile(rf"^\(\s*([{_CN_DIGITS}]{{1,3}})\s*\)\s*")
# Level 3: 1. 1、 and the separator-less "1促进创造运用"/"9专利以外…" seen in the seeds, but not
# a number with its unit or a decimal (3.15国际…, 12月, 30余人).
_H3 = re.compile(
    r"^(\d{1,2})\s*(?:、|\.(?!\d)|\.(?=20\d\d年)|(?=[\u4e00-\u9fff])"
    r"(?![年月日号时分秒个件项家万亿千百余多元名人次倍期届户所条批类部篇场位天周台套种支只处座]))\s*"
)
# Level 4: (1) ①
_H4 = re.compile(r"^(?:\(\s*\d{1,2}\s*\)|[\u2460-\u2473])\s*")
_CN_VALUE = {c: i + 1 for i, c in enumerate(_CN_DIGITS)}

# An unnumbered line is a heading when it is short and reads like a title, not a sentence.
_SHORT_HEADING_MAX = 25
_NOT_HEADING_END = re.compile(r"[。!?,;:、]$")
# Before the body starts everything is FRONT (titles, web chrome, cover); the body starts at
# the first numbered heading or the first line that is long or ends like prose.
_FRONT_MAX = 40
_PROSE_END = re.compile(r"[。:]$")
# A title line seen after the body ("…工作总结") starts a new document in a compilation.
_TITLE_LINE = re.compile(r"^(?:20\d\d\s*年度?)?[^。,;:!?]{0,36}?工作总结$")
# Quoted titles 《…》 name other documents (《…2016年推进计划》) and must not trigger cues.
_QUOTED_TITLE = re.compile(r"《[^《》]*》")

# Section cues, matched at the start of a heading's text (after its number). Anchoring at
# the start keeps "(三)开展托管服务工作。针对…经验不足" or "(三)制定2016年推进计划" out.
_CUE_LEAD = r"^(?:关于|对|做好|今年|我市|全市|当前|目前|工作中|[一二三四五]是)?"
_PROBLEM_CUE = re.compile(
    _CUE_LEAD + r"(?:存在的?|面临的?)?(?:主要|突出)?的?(?:问题|困难|不足|薄弱环节|差距|短板)"
)
# ...or one of these unambiguous phrases anywhere in a short heading (二、工作中的问题与不足).
_PROBLEM_PHRASE = re.compile(r"存在的?(?:主要)?问题|问题[与和及]不足|困难和问题|薄弱环节")
_PROBLEM_PHRASE_MAX = 30
_PLAN_WORD_CUE = re.compile(
    _CUE_LEAD + r"(?:下一?步|下一?年度?|下一?阶段|明年|今后|来年|新的一年)"
)
# The parts of a plan document (规划, 工作方案) that state what is to be done. A plan read as a
# "summary", or quoted whole inside one, must not prove anything; "重点工作完成情况" reports.
_PLAN_PART_CUE = re.compile(
    _CUE_LEAD + r"(?:指导思想(?:和|与|及)?(?:发展|工作)?目标|指导思想|基本原则|发展目标|主要目标|总体目标|"
    r"工作目标|目标任务|重点任务|主要任务|重点工作|保障措施|实施步骤|工作步骤|进度安排)\s*(?:[。:]|$)"
)
# 2016年工作计划 / 2016年度工作重点 / 2016年推进计划 / 2016年及今后工作打算; the year must be
# later than the summary's year for this to mean "next plan" -- or the same year with a word
# that only looks forward: "2016年推进计划" in a summary read as 2016's is still a plan quoted
# in it (重点/目标/任务 are left out there: "2016年重点工作完成情况" reports results).
_PLAN_YEAR_CUE = re.compile(
    _CUE_LEAD + r"(20\d\d)\s*年度?[^,。;:!?]{0,12}?"
    r"(计划|重点|打算|思路|安排|目标|要点|任务)"
)
_REPORTS = re.compile(r"完成|落实|执行|进展|开展|推进情况|实施情况")
_FORWARD_ONLY = frozenset({"计划", "打算", "思路", "安排", "要点"})
# A sentence that opens a plan without a heading: "2016年,我们将主要开展以下工作:".
_PLAN_SENTENCE = re.compile(
    r"^(?:(20\d\d)\s*年度?|明年|下一?步|今后|下一?阶段|新的一年)[^。]{0,40}?"
    r"(?:将|计划|打算|拟|要)[^。]*:$"
)

# summary_year: "2015年…工作总结", "…2015年工作总结" in the title lines, or "2015年度…".
_TITLE_YEAR = re.compile(r"(20\d\d)\s*年度?(?:(?!20\d\d)[^。\n]){0,40}?总结")
_TITLE_YEAR_DU = re.compile(r"(20\d\d)\s*年度")
_ANY_YEAR = re.compile(r"(20\d\d)\s*年")
_TITLE_LINES = 12
_HEAD_CHARS = 3000


def summary_year(doc: Document) -> int | None:
    """The year a summary reports on: from its title (first non-blank lines, read as one
    string because titles wrap: "2015年绵阳市…城市" / "工作总结"), else the most frequent
    20xx年 near the start, else None. Cue rules compare plan years against it."""
    raw = doc.text
    first_lines = sum(len(ln) + 1 for ln in raw.split("\n", 200)[:200])
    norm = normalise(raw[:max(min(first_lines, 100 * _HEAD_CHARS), _HEAD_CHARS)])   # 1:1, so a prefix
    lines = [ln.strip() for ln in norm.split("\n", 200)[:200] if ln.strip()][:_TITLE_LINES]
    title = "".join(lines)
    for pattern in (_TITLE_YEAR, _TITLE_YEAR_DU):
        m = pattern.search(title)
        if m:
            return int(m.group(1))
    counts = Counter(int(m.group(1)) for m in _ANY_YEAR.finditer(norm, 0, _HEAD_CHARS))
    return counts.most_common(1)[0][0] if counts else None


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
    if "十" not in s:
        return _CN_VALUE.get(s, 0)
    tens, _, units = s.partition("十")
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
    if "。" in m.group() or "!" in m.group():
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

