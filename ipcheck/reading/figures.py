"""Read every figure of one summary sentence: its number, unit and qualifier, then bind it to a quantity."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ipcheck.lang.registry import load
from ipcheck.model import Figure
from ipcheck.reading import quantities
from ipcheck.reading.numerals import CN_BIG, CN_DIGITS, CN_SMALL, parse_number
from ipcheck.reading.quantities import MASK, Raw
from ipcheck.units import UNITS, format_number, magnitudes, short_forms

# ----------------------------------------------------------------------------------------
# tables: data (ipcheck/lang/zh/figures.yaml, units.yaml, numerals.yaml)
# ----------------------------------------------------------------------------------------

_R = load()
# Units a figure may carry, longest first so 人次 wins over 人 (ZH-UNIT-014; 年 is never one).
_UNIT = _R.regex("ZH-UNIT-014")
# Arabic multipliers folded into the value (3.6万份 → 36000 份): the one-character magnitudes; a
# short money form (万 → 万元) keeps 万元 and 亿元 as units.
_MAGNITUDES = {m: v for m, v in magnitudes().items() if len(m) == 1}
_SHORT = short_forms()

# Qualifiers written before the number (ZH-QUAL-001), in the data's order, and the interval each
# implies: "low" = at least v, "high" = at most v, "approx" = v ± the margin.
_PREFIX_QUALIFIERS: tuple[tuple[str, str], ...] = tuple(_R.table("ZH-QUAL-001").items())
# Characters that make a prefix qualifier part of another word (ZH-QUAL-005..007: 签约, 最近, 赶超).
_PREFIX_BLOCK: dict[str, str] = {_R.param(c, "word"): _R.chars(c) for c in ("ZH-QUAL-005", "ZH-QUAL-006", "ZH-QUAL-007")}
# Qualifiers written after the number (ZH-QUAL-002, inside the figure) or after the unit (ZH-QUAL-003);
# 上 before a bare 百/千/万 (ZH-QUAL-004).
_INNER_QUALIFIERS = _R.table("ZH-QUAL-002")
_SUFFIX = _R.regex("ZH-QUAL-003")
_SUFFIX_KIND = _R.table("ZH-QUAL-003")
_UP_TO = _R.table("ZH-QUAL-004")
_APPROX = float(_R.param("ZH-QUAL-001", "margin"))

# Numbers: 百分之三十, Arabic (with strict thousands groups), or a run of Chinese numerals (ZH-NUM-004);
# a bare 百/千/万 is a number only with a qualifier (ZH-NUM-007); a range (ZH-NUM-008).
_NUM = _R.regex("ZH-NUM-004")
_BARE = {w: float({**CN_SMALL, **CN_BIG}[w]) for w in _R.words("ZH-NUM-007")}
_RANGE = _R.regex("ZH-NUM-008")
# A Chinese numeral glued to the word before it is part of that word (ZH-FIG-001); 一 before these
# makes an idiom (ZH-FIG-002).
_CN_BEFORE_BLOCK = set(_R.chars("ZH-FIG-001"))
_ONE = _R.param("ZH-FIG-002", "numeral")
_ONE_IDIOMS = _R.words("ZH-FIG-002")
# A numeral after a Chinese numeral and its unit makes a set phrase (五位一体): the digits and 十.
_NUMERAL_AFTER = set(CN_DIGITS) | {c for c, v in CN_SMALL.items() if v == 10}
# 届 after these is a party congress or a people's congress, not a count of events (ZH-FIG-003).
_SESSION_AFTER = _R.regex("ZH-FIG-003")
_SESSION_UNIT = _R.param("ZH-FIG-003", "unit")
_SESSION_BEFORE = _R.param("ZH-FIG-003", "before")
# A Chinese numeral + unit followed by these is a place name (三台县), not a count (ZH-FIG-004).
_PLACE_AFTER = set(_R.chars("ZH-FIG-004"))
# A count of aspects (三个方面) structures the text; it is never a quantity (ZH-FIG-005).
_ASPECT_UNITS = set(_R.param("ZH-FIG-005", "units"))
_ASPECT_AFTER = _R.words("ZH-FIG-005")
# A ? that stands for a garbled %: followed by the end, punctuation or a space (ZH-FIG-006).
_GARBLED_END = set(_R.chars("ZH-FIG-006"))
# An ordinal's mark (ZH-FIG-008: 第十七届).
_ORDINAL = _R.words("ZH-FIG-008")[0]
# A compound unit the table lacks: 家次, 篇次 (ZH-FIG-007).
_COMPOUND = _R.words("ZH-FIG-007")[0]

# Regions where no number may be read (ZH-MASK-001..006): titles, quoted names, document numbers,
# codes glued to Latin letters; a paren without digits is a gloss. A list marker (ZH-MASK-007).
_TITLE = _R.regex("ZH-MASK-001")
_QUOTE = _R.regex("ZH-MASK-002")
_DOCPAREN = _R.regex("ZH-MASK-003")
_DOCNO = _R.regex("ZH-MASK-004")
_CODE = _R.regex("ZH-MASK-005")
_GLOSS = _R.regex("ZH-MASK-006")
_LIST_MARK = _R.regex("ZH-MASK-007")


def extract_figures(text: str) -> tuple[Figure, ...]:
    """Every figure in one sentence, in order, each bound to the quantity it measures.

    ``text`` is one sentence, normalised (full-width digits and punctuation already ASCII);
    full-width input is tolerated. Years, dates, document and patent numbers, ordinals and
    numbers inside titles or quoted names are not figures. Never raises on odd input.
    """
    if not text or not _NUMBER_CHAR.search(text):
        return ()
    original, text = text, _tolerate(text)
    scan, drop = _masks(text)
    raws = [r for r in _read_numbers(text, scan) if r is not None]
    if not raws:
        return ()
    figures = quantities.bind(text, scan, drop, raws, Scope(text, scan).at)
    if text is not original:       # full-width input: quote the caller's own characters
        figures = tuple(replace(f, text=original[f.start:f.end]) for f in figures)
    return figures


# The characters _NUM can start a number with: a sentence without one holds no figure (ZH-NUM-006).
_NUMBER_CHAR = _R.regex("ZH-NUM-006")
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


def _tolerate(text: str) -> str:
    """Map the few full-width characters the reader depends on, one for one."""
    if not _FULL_WIDTH.search(text):
        return text
    return "".join(chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch for ch in text)


def _masks(text: str) -> tuple[str, list[bool]]:
    """``scan``: text with no-number regions blanked (same length); ``drop``: chars to leave
    out of quantity phrases (titles, glosses, document numbers)."""
    chars = list(text)
    drop = [False] * len(text)
    for pattern, dropped in ((_TITLE, True), (_DOCPAREN, True), (_DOCNO, True), (_CODE, False),
                             (_QUOTE, False), (_GLOSS, True)):
        for m in pattern.finditer(text):
            lo, hi = m.span()
            if pattern is _GLOSS and any(c == MASK for c in chars[lo:hi]):
                continue
            for i in range(lo, hi):
                chars[i] = MASK
                drop[i] = drop[i] or dropped
    m = _LIST_MARK.match(text)
    if m:
        for i in range(m.start(), m.end()):
            chars[i] = MASK
            drop[i] = True
    return "".join(chars), drop


def _prefix(scan: str, start: int, bare: bool) -> tuple[str | None, str | None, int]:
    """The qualifier written right before a number: (word, interval kind, its start)."""
    p = start - 1 if start > 0 and scan[start - 1] == " " else start
    if bare and p > 0 and scan[p - 1] in _UP_TO:
        return scan[p - 1], _UP_TO[scan[p - 1]], p - 1
    for word, kind in _PREFIX_QUALIFIERS:
        q = p - len(word)
        if q >= 0 and scan[q:p] == word:
            block = _PREFIX_BLOCK.get(word, "")
            if block and q > 0 and scan[q - 1] in block:
                continue
            return word, kind, q
    return None, None, start


def _skip_arabic(scan: str, s: int, e: int) -> bool:
    """True for Arabic numbers that are codes, dates or ordinals rather than figures."""
    before = scan[s - 1] if s > 0 else ""
    if before and (before.isascii() and before.isalpha() or before in "/#"):
        return True
    if before in "-~.?·:" and s > 1 and (scan[s - 2].isdigit() or scan[s - 2].isalpha()):
        return True           # tail of 5?26, 12.4.1, 29490-2013, 10:30
    after = scan[e] if e < len(scan) else ""
    if after.isascii() and after.isalpha():
        return True           # 3D, 5G
    if after == "?" and e + 1 < len(scan) and scan[e + 1].isdigit():
        return True           # 3?15, 4?26 (a garbled middle dot in a date)
    return _ordinal(scan, s)


def _ordinal(scan: str, s: int) -> bool:
    p = s - 1
    while p >= 0 and scan[p] == " ":
        p -= 1
    return p >= 0 and scan[p] == _ORDINAL


def _read_numbers(text: str, scan: str):
    """Yield a Raw for every number in ``scan`` that carries a unit and is a figure."""
    taken = 0
    for m in _NUM.finditer(scan):
        if m.start() < taken:
            continue              # the 万 of 1.8万余件 was read with the 1.8
        try:
            raw = _read_one(text, scan, m)
        except (ValueError, IndexError, OverflowError):   # defensive: a figure never crashes a run
            raw = None
        if raw is not None:
            taken = raw.post
            yield raw


def _read_one(text: str, scan: str, m: re.Match) -> Raw | None:
    s, e = m.span()
    warnings: list[str] = []
    if m.group("pct") is not None:
        v = parse_number(m.group("pct"))
        if v is None or _ordinal(scan, s):
            return None
        return _finish(text, scan, v, None, "%", s, e, e, None, None, warnings)
    bare = False
    if m.group("ar") is not None:
        if _skip_arabic(scan, s, e):
            return None
        v = parse_number(m.group("ar"))
    else:
        run = m.group("cn")
        if s > 0 and scan[s - 1] in _CN_BEFORE_BLOCK and not (scan[s - 1] in _UP_TO and run in _BARE):
            return None
        v = parse_number(run)
        if v is None and run in _BARE:
            bare = True
            v = _BARE[run]
        if v is None:
            return None
        if run == _ONE and scan.startswith(_ONE_IDIOMS, e):
            return None
    if v is None:
        return None
    v2 = None
    p = e
    if m.group("ar") is not None:
        r = _RANGE.match(scan, p)
        if r:
            hi = parse_number(r.group(1))
            if hi is not None and hi > v and not (r.end() < len(scan) and scan[r.end()] in ".?"):
                v2, p = hi, r.end()
    inner = None
    if p < len(scan) and scan[p] in _INNER_QUALIFIERS:
        inner, p = scan[p], p + 1
    q_word, q_kind, pre = _prefix(scan, s, bare)
    if bare and q_word is None and inner is None:
        return None               # 万人, 千英百团: a bare 万 is only a number in 近万, 上百, 万余
    # unit, with Arabic multipliers: 3.6万份 → 36000 份, 1.67亿元 → 1.67 亿元, 140.6万余元 → 万元
    sp = p
    if m.group("ar") is not None:
        while sp < len(scan) and sp - p < 2 and scan[sp] == " ":
            sp += 1
    u = _UNIT.match(scan, sp)
    unit = u.group(0) if u else None
    end = u.end() if u else sp
    if m.group("ar") is not None and (unit is None or unit in _SHORT) and sp < len(scan) \
            and scan[sp] in _MAGNITUDES:
        mult = scan[sp]
        q = sp + 1
        if q < len(scan) and scan[q] in _INNER_QUALIFIERS and inner is None:
            inner, q = scan[q], q + 1
        u2 = _UNIT.match(scan, q)
        if u2 and mult in _SHORT and mult + u2.group(0) == _SHORT[mult]:
            unit, end = _SHORT[mult], u2.end()
        elif u2 and not u2.group(0).startswith(tuple(_SHORT)):
            factor = _MAGNITUDES[mult]
            v *= factor
            v2 = v2 * factor if v2 is not None else None
            unit, end = u2.group(0), u2.end()
        elif mult in _SHORT and not scan.startswith("?", q):   # 4万? is a garbled 4万㎡
            unit, end = mult, sp + 1
            if inner is None and q > sp + 1:
                inner = scan[sp + 1]
        else:
            return None
    elif unit is None and m.group("ar") is not None:
        g = sp if sp < len(scan) and scan[sp] == "?" else (p + 1 if scan[p:p + 2] == " ?" else -1)
        if g >= 0 and inner is None and (g + 1 >= len(scan) or scan[g + 1] in _GARBLED_END):
            unit, end = "%", g + 1
            warnings.append(f"garbled_unit: '{text[s:g + 1]}' read as {format_number(v)}%")
    if unit is None:
        return None
    if m.group("cn") is not None:
        after = scan[end:end + 6]
        if after[:1] and after[0] in _NUMERAL_AFTER:
            return None           # 五位一体, 十位一体
        if after[:1] and after[0] in _PLACE_AFTER:
            return None           # 三台县, 五台山: a place name
        if unit == _SESSION_UNIT and (_SESSION_AFTER.match(after)
                                      or scan[max(0, s - len(_SESSION_BEFORE)):s] == _SESSION_BEFORE):
            return None           # 十八届五中全会
    elif unit == _SESSION_UNIT and _SESSION_AFTER.match(scan[end:end + 6]):
        return None
    if unit in _ASPECT_UNITS and scan.startswith(_ASPECT_AFTER, end):
        return None               # 三个方面, 两个层面: how a text is organised, not a count of work
    # compound units the table lacks: 1.4万余家次, 78篇次, 5000元/件
    if scan.startswith(_COMPOUND, end) and not unit.endswith(_COMPOUND) and unit + _COMPOUND not in UNITS:
        warnings.append(f"unit_compound: '{unit}{_COMPOUND}' read as {unit}")
        end += len(_COMPOUND)
    elif end + 1 < len(scan) and scan[end] == "/" and "\u4e00" <= scan[end + 1] <= "\u9fff" \
            and unit + "/" + scan[end + 1] not in UNITS:
        unit = unit + "/" + scan[end + 1]
        warnings.append(f"rate_unit: {unit} is a rate, not an amount")
        end += 2
    return _finish(text, scan, v, v2, unit, s, end, pre, (q_word, q_kind), inner, warnings)


def _finish(text: str, scan: str, v: float, v2: float | None, unit: str, s: int, end: int,
            pre: int, prefix: tuple[str | None, str | None] | None, inner: str | None,
            warnings: list[str]) -> Raw:
    """Combine range and qualifiers into value, low, high; find the figure's outer end."""
    post = end
    suffix = None
    sm = _SUFFIX.match(scan, end)
    if sm:
        suffix, post = sm.group(1), sm.end()
    words: list[tuple[str, str]] = []
    if prefix and prefix[0]:
        words.append((prefix[0], prefix[1] or ""))
    if inner:
        words.append((inner, _INNER_QUALIFIERS[inner]))
    if suffix:
        words.append((suffix, _SUFFIX_KIND[suffix]))
    top = v2 if v2 is not None else v
    kinds = {k for _, k in words}
    low: float | None = v
    high: float | None = top
    if kinds == {"low"}:
        high = None
    elif kinds == {"high"}:
        low = None
    elif kinds == {"approx"}:
        low, high = v * (1 - _APPROX), top * (1 + _APPROX)
    elif kinds == {"approx", "low"}:          # 约2000多人次
        high = v * (1 + _APPROX)
    elif kinds == {"approx", "high"}:
        low = v * (1 - _APPROX)
    elif kinds:                                # 近1500余份: the words contradict each other
        low, high = v * (1 - _APPROX), top * (1 + _APPROX)
        warnings.append("conflicting_qualifiers: " + "+".join(w for w, _ in words))
    qualifier = "…".join(w for w, _ in words) or None
    if v2 is not None and qualifier is None:
        qualifier = "range"
    return Raw(value=v, unit=unit, start=s, end=end, pre=pre, post=post, qualifier=qualifier,
               low=low, high=high, warnings=warnings)



# Years and periods that scope a figure (ZH-YEAR-008); a base year scopes no figure (ZH-YEAR-009);
# a year that starts a period (ZH-YEAR-010); a year modifying its own clause (ZH-YEAR-012), which ends
# at ZH-PUNCT-004; part of a year (ZH-YEAR-011).
_YEARISH = _R.regex("ZH-YEAR-008")
_BASE_BEFORE = _R.regex("ZH-YEAR-009")
_SINCE_AFTER = _R.regex("ZH-YEAR-010")
_OWN_CLAUSE = _R.words("ZH-YEAR-012")[0]
_CLAUSE_END = _R.regex("ZH-PUNCT-004")
_PARTIAL = _R.regex("ZH-YEAR-011")


class Scope:
    """Year and period cues of a sentence, read once; ``at(pos)`` is the scope of a figure there."""

    def __init__(self, text: str, scan: str) -> None:
        self.events: list[tuple[int, int, int | None, str | None]] = []   # (end, start, year, period)
        for m in _YEARISH.finditer(text):
            if m.group(1) is None and m.group(3) is None:      # 十三五期间
                if not _BASE_BEFORE.search(text[max(0, m.start() - 3):m.start()]):
                    self.events.append((m.end(), m.start(), None, f"multi_year: '{m.group(0)}'"))
            elif scan[m.start()] == MASK:
                continue
            elif m.group(1) is not None:
                self.events.append((m.end(), m.start(), None, f"multi_year: '{m.group(0)}'"))
            elif _BASE_BEFORE.search(text[max(0, m.start() - 3):m.start()]):
                continue
            elif _SINCE_AFTER.match(text[m.end():m.end() + 10]):
                self.events.append((m.end(), m.start(), None, f"multi_year: since {m.group(3)}"))
            elif text.startswith(_OWN_CLAUSE, m.end()):
                # 在2014年的…考核中: a modifier; it scopes its own clause only
                stop = _CLAUSE_END.search(text, m.end())
                self.events.append((m.end(), -(stop.start() if stop else len(text)), int(m.group(3)), None))
            else:
                self.events.append((m.end(), m.start(), int(m.group(3)), None))
        self.ends = [e[0] for e in self.events]
        self.partials = []
        for m in _PARTIAL.finditer(text):
            month = m.group(1) or m.group(2)
            if month is None or int(month) < 12:
                self.partials.append((m.end(), f"partial_period: '{m.group(0).strip()}'"))
        self.partial_ends = [p[0] for p in self.partials]

    def at(self, pos: int) -> tuple[int | None, str | None, str | None]:
        """(year, multi-year warning, partial-period warning) for a figure starting at ``pos``."""
        year = period = None
        i = bisect_right(self.ends, pos) - 1
        while i >= 0:
            _, start, y, p = self.events[i]
            if start < 0 and -start < pos:       # a 年的 modifier of an earlier clause
                i -= 1
                continue
            year, period = y, p
            break
        j = bisect_right(self.partial_ends, pos) - 1
        return year, period, (self.partials[j][1] if j >= 0 else None)
