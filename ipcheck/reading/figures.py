"""Read every figure of one summary sentence: its number, unit and qualifier, then bind it to a quantity."""
from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ipcheck.errors import Message, msg
from ipcheck.lang.registry import load
from ipcheck.model import Figure, Sentence
from ipcheck.reading.changes import mark_baselines
from ipcheck.reading.binding import bind
from ipcheck.reading.numerals import CN_BIG, CN_DIGITS, CN_SMALL, parse_number
from ipcheck.reading.periods import Scope, opening_year
from ipcheck.reading.quantities import MASK, Raw
from ipcheck.reading.indicator_tables import read_indicator_tables
from ipcheck.reading.tables import read_tables
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
# The same by their last character, each list in the data's order (_prefix looks only at the ones that can end there).
_PREFIX_ENDING: dict[str, tuple[tuple[str, str], ...]] = {
    end: tuple(q for q in _PREFIX_QUALIFIERS if q[0].endswith(end))
    for end in {w[-1] for w, _ in _PREFIX_QUALIFIERS}}
# Characters that make a prefix qualifier part of another word (ZH-QUAL-005..007: 签约, 最近, 赶超).
_PREFIX_BLOCK: dict[str, str] = {_R.param(c, "word"): _R.chars(c) for c in ("ZH-QUAL-005", "ZH-QUAL-006", "ZH-QUAL-007")}
# Qualifiers written after the number (ZH-QUAL-002, inside the figure) or after the unit (ZH-QUAL-003);
# 上 before a bare 百/千/万 (ZH-QUAL-004).
_INNER_QUALIFIERS = _R.table("ZH-QUAL-002")
_SUFFIX = _R.regex("ZH-QUAL-003")
_SUFFIX_KIND = _R.table("ZH-QUAL-003")
_UP_TO = _R.table("ZH-QUAL-004")
_APPROX = Decimal(_R.param("ZH-QUAL-001", "margin"))

# Numbers: 百分之三十, Arabic (with strict thousands groups), or a run of Chinese numerals (ZH-NUM-004);
# a bare 百/千/万 is a number only with a qualifier (ZH-NUM-007); a range (ZH-NUM-008).
_NUM = _R.regex("ZH-NUM-004")
_BARE = {w: Decimal({**CN_SMALL, **CN_BIG}[w]) for w in _R.words("ZH-NUM-007")}
_RANGE = _R.regex("ZH-NUM-008")
_MINUS = _R.regex("ZH-NUM-020")            # 增长-2.45%: a negative rate
_MINUS_REACH = 12
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


def extract_figures(text: str, lead: str = "") -> tuple[Figure, ...]:
    """Every figure in one sentence, in order, each bound to the quantity it measures.

    ``text`` is one sentence, normalised (full-width digits and punctuation already ASCII);
    full-width input is tolerated. Years, dates, document and patent numbers, ordinals and
    numbers inside titles or quoted names are not figures. ``lead``, the text of its line before it
    (Sentence.lead), dates the figures it says no year for by the year that opens it (ZH-YEAR-021). Never raises
    on odd input.
    """
    if not text or not _NUMBER_CHAR.search(text):
        return ()
    original, text = text, _tolerate(text)
    scan, drop = _masks(text)
    raws = [r for r in _read_numbers(text, scan) if r is not None]
    if not raws:
        return ()
    figures = mark_baselines(text, bind(text, scan, drop, raws, Scope(text, scan, opening_year(lead)).at))
    if text is not original:       # full-width input: quote the caller's own characters
        figures = tuple(replace(f, text=original[f.start:f.end]) for f in figures)
    return figures


def period_at(text: str, pos: int, lead: str = "") -> tuple[int | None, Message | None, Message | None, int | None]:
    """The year scope of a figure starting at ``pos`` in the normalised sentence ``text`` (``lead``: its line's text
    before it): (year, multi-year warning, partial-period warning, offset of a 去年/今年), as extract_figures dates
    its figures."""
    return Scope(text, _masks(text)[0], opening_year(lead)).at(pos)


def document_figures(sentences: tuple[Sentence, ...]) -> dict[int, tuple[Figure, ...]]:
    """Every figure of a document's sentences, keyed by sentence index: a table's cells read against
    their header (ipcheck.reading.tables), every other sentence on its own (extract_figures)."""
    tables = {**read_tables(sentences), **read_indicator_tables(sentences)}
    return {s.index: tables[s.index] if s.index in tables else extract_figures(s.norm, s.lead)
            for s in sentences}


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
            if pattern is _GLOSS and MASK in chars[lo:hi]:
                continue
            chars[lo:hi] = [MASK] * (hi - lo)
            if dropped:
                drop[lo:hi] = [True] * (hi - lo)
    m = _LIST_MARK.match(text)
    if m:
        lo, hi = m.span()
        chars[lo:hi] = [MASK] * (hi - lo)
        drop[lo:hi] = [True] * (hi - lo)
    return "".join(chars), drop


def _prefix(scan: str, start: int, bare: bool) -> tuple[str | None, str | None, int]:
    """The qualifier written right before a number: (word, interval kind, its start)."""
    p = start - 1 if start > 0 and scan[start - 1] == " " else start
    if bare and p > 0 and scan[p - 1] in _UP_TO:
        return scan[p - 1], _UP_TO[scan[p - 1]], p - 1
    for word, kind in _PREFIX_ENDING.get(scan[p - 1] if p > 0 else "", ()):
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
    if before in "-~.?·:" and s > 1 and scan[s - 2].isascii() and scan[s - 2].isalnum():
        return True           # tail of 5?26, 12.4.1, 29490-2013, 10:30, V2.0 (not 专利授权量:8650件)
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
    """The figure whose number ``m`` found, or None when it is no figure (a code, an idiom, a place,
    a session, a count of aspects, a number without a unit)."""
    s, e = m.span()
    if m.group("pct") is not None:
        v = parse_number(m.group("pct"))
        if v is None or _ordinal(scan, s):
            return None
        return _finish(text, scan, v, None, "%", s, e, e, None, None, [])
    read = _value(scan, m, s, e)
    if read is None:
        return None
    v, bare = read
    v2, p = _upper(scan, m, v, e)
    inner = None
    if p < len(scan) and scan[p] in _INNER_QUALIFIERS:
        inner, p = scan[p], p + 1
    q_word, q_kind, pre = _prefix(scan, s, bare)
    if bare and q_word is None and inner is None:
        return None               # 万人, 千英百团: a bare 万 is only a number in 近万, 上百, 万余
    found = _unit_after(text, scan, m, s, p, v, v2, inner)
    if found is None:
        return None
    v, v2, unit, end, inner, warnings = found
    if _not_a_count(scan, m, s, unit, end):
        return None
    unit, end = _compound(scan, unit, end, warnings)
    return _finish(text, scan, v, v2, unit, s, end, pre, (q_word, q_kind), inner, warnings)


def _value(scan: str, m: re.Match, s: int, e: int) -> tuple[Decimal, bool] | None:
    """(value, bare) of an Arabic or Chinese number; bare: a lone 百/千/万 (ZH-NUM-007)."""
    if m.group("ar") is not None:
        minus = _MINUS.search(scan, max(0, s - _MINUS_REACH), s) is not None
        v = None if not minus and _skip_arabic(scan, s, e) else parse_number(m.group("ar"))
        return None if v is None else (-v if minus else v, False)
    run = m.group("cn")
    if s > 0 and scan[s - 1] in _CN_BEFORE_BLOCK and not (scan[s - 1] in _UP_TO and run in _BARE):
        return None
    v = parse_number(run)
    bare = v is None and run in _BARE
    if bare:
        v = _BARE[run]
    if v is None or run == _ONE and scan.startswith(_ONE_IDIOMS, e):
        return None
    return v, bare


def _upper(scan: str, m: re.Match, v: Decimal, e: int) -> tuple[Decimal | None, int]:
    """The upper end of a range after an Arabic number (1~2家), and where the figure goes on."""
    if m.group("ar") is not None:
        r = _RANGE.match(scan, e)
        if r:
            hi = parse_number(r.group(1))
            if hi is not None and hi > v and not (r.end() < len(scan) and scan[r.end()] in ".?"):
                return hi, r.end()
    return None, e


def _unit_after(text: str, scan: str, m: re.Match, s: int, p: int, v: Decimal, v2: Decimal | None,
                inner: str | None) -> tuple[Decimal, Decimal | None, str, int, str | None, list[str]] | None:
    """(value, upper, unit, end, inner qualifier, warnings) once the unit after position ``p`` is
    read, with Arabic multipliers (3.6万份 → 36000 份, 1.67亿元 → 1.67 亿元, 140.6万余元 → 万元) and a
    garbled % (41?); None without a unit."""
    warnings: list[Message] = []
    sp = p
    if m.group("ar") is not None:
        while sp < len(scan) and sp - p < 2 and scan[sp] == " ":
            sp += 1
    u = _UNIT.match(scan, sp)
    unit = u.group(0) if u else None
    end = u.end() if u else sp
    if m.group("ar") is not None and (unit is None or unit in _SHORT) and sp < len(scan) \
            and scan[sp] in _MAGNITUDES:
        found = _multiplied(scan, sp, v, v2, inner)
        if found is None:
            return None
        v, v2, unit, end, inner = found
    elif unit is None and m.group("ar") is not None:
        g = sp if sp < len(scan) and scan[sp] == "?" else (p + 1 if scan[p:p + 2] == " ?" else -1)
        if g >= 0 and inner is None and (g + 1 >= len(scan) or scan[g + 1] in _GARBLED_END):
            unit, end = "%", g + 1
            warnings.append(msg("warning.garbled_unit", text=text[s:g + 1], value=f"{format_number(v)}%"))
    return None if unit is None else (v, v2, unit, end, inner, warnings)


def _multiplied(scan: str, sp: int, v: Decimal, v2: Decimal | None,
                inner: str | None) -> tuple[Decimal, Decimal | None, str, int, str | None] | None:
    """An Arabic number's magnitude at ``sp`` (ZH-UNIT-001): folded into the value before a unit
    (3.6万份), kept with 元 as a money unit (1.67亿元), or a bare money unit (3000万, ZH-UNIT-012)."""
    mult = scan[sp]
    q = sp + 1
    if q < len(scan) and scan[q] in _INNER_QUALIFIERS and inner is None:
        inner, q = scan[q], q + 1
    u2 = _UNIT.match(scan, q)
    if u2 and mult in _SHORT and mult + u2.group(0) == _SHORT[mult]:
        return v, v2, _SHORT[mult], u2.end(), inner
    if u2 and not u2.group(0).startswith(tuple(_SHORT)):
        factor = _MAGNITUDES[mult]
        return v * factor, (v2 * factor if v2 is not None else None), u2.group(0), u2.end(), inner
    if mult in _SHORT and not scan.startswith("?", q):   # 4万? is a garbled 4万㎡
        return v, v2, mult, sp + 1, (scan[sp + 1] if inner is None and q > sp + 1 else inner)
    return None


def _not_a_count(scan: str, m: re.Match, s: int, unit: str, end: int) -> bool:
    """True for a number and unit that are part of a name: 五位一体, 三台县, 十八届五中全会, 三个方面."""
    if m.group("cn") is not None:
        after = scan[end:end + 6]
        if after[:1] and after[0] in _NUMERAL_AFTER:
            return True           # 五位一体, 十位一体
        if after[:1] and after[0] in _PLACE_AFTER:
            return True           # 三台县, 五台山: a place name
        if unit == _SESSION_UNIT and (_SESSION_AFTER.match(after)
                                      or scan[max(0, s - len(_SESSION_BEFORE)):s] == _SESSION_BEFORE):
            return True           # 十八届五中全会
    elif unit == _SESSION_UNIT and _SESSION_AFTER.match(scan[end:end + 6]):
        return True
    # 三个方面, 两个层面: how a text is organised, not a count of work
    return unit in _ASPECT_UNITS and scan.startswith(_ASPECT_AFTER, end)


def _compound(scan: str, unit: str, end: int, warnings: list[Message]) -> tuple[str, int]:
    """Compound units the table lacks (1.4万余家次, 78篇次, 5000元/件): (unit, end), with a warning."""
    if scan.startswith(_COMPOUND, end) and not unit.endswith(_COMPOUND) and unit + _COMPOUND not in UNITS:
        warnings.append(msg("warning.unit_compound", text=f"{unit}{_COMPOUND}", unit=unit))
        return unit, end + len(_COMPOUND)
    if end + 1 < len(scan) and scan[end] == "/" and "\u4e00" <= scan[end + 1] <= "\u9fff" \
            and unit + "/" + scan[end + 1] not in UNITS:
        unit = unit + "/" + scan[end + 1]
        warnings.append(msg("warning.rate_unit", unit=unit))
        return unit, end + 2
    return unit, end


def _finish(text: str, scan: str, v: Decimal, v2: Decimal | None, unit: str, s: int, end: int,
            pre: int, prefix: tuple[str | None, str | None] | None, inner: str | None,
            warnings: list[Message]) -> Raw:
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
    low: Decimal | None = v
    high: Decimal | None = top
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
        warnings.append(msg("warning.conflicting_qualifiers", words="+".join(w for w, _ in words)))
    qualifier = "…".join(w for w, _ in words) or None
    if v2 is not None and qualifier is None:
        qualifier = "range"
    return Raw(value=v, unit=unit, start=s, end=end, pre=pre, post=post, qualifier=qualifier,
               low=low, high=high, warnings=warnings)
