"""Read every figure of one summary sentence: its number, unit and qualifier, then bind it to a quantity."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ipcheck.reading import quantities
from ipcheck.reading.cues import COMPARISON_WORDS
from ipcheck.model import Figure
from ipcheck.reading.numerals import parse_number
from ipcheck.reading.quantities import MASK, Raw
from ipcheck.units import UNITS, format_number

# ----------------------------------------------------------------------------------------
# tables
# ----------------------------------------------------------------------------------------

# Units a figure may carry, longest first so 人次 wins over 人, 万元 over 万, 个百分点 over 个.
# 年 is left out on purpose: 2015年 is a year and 近2年 a duration, neither is a quantity a
# plan target counts.
_UNIT_NAMES = sorted((u for u in UNITS if u != "年"), key=len, reverse=True)
_UNIT = re.compile("|".join(re.escape(u) for u in _UNIT_NAMES))

# Qualifiers written before the number, longest first, and the interval each implies:
# "low" = at least v, "high" = at most v, "approx" = v ± 5 %.
_PREFIX_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("不少于", "low"), ("不低于", "low"), ("不超过", "high"), ("将近", "high"), ("接近", "high"),
    ("近乎", "approx"), ("超过", "low"), ("大约", "approx"), ("大概", "approx"), ("不足", "high"),
    ("不到", "high"), ("至少", "low"), ("最多", "high"), ("约", "approx"), ("近", "high"),
    ("超", "low"), ("逾", "low"),
)
# Characters that make a prefix qualifier part of another word: 签约60个 is not "about 60",
# 最近3年 is not "nearly 3".
_PREFIX_BLOCK: dict[str, str] = {"约": "签合预节制公契邀违履集条相誓要租", "近": "最附靠临亲邻贴走",
                                  "超": "赶高"}
# Qualifiers written after the number (余/多, inside the figure) or after the unit.
_INNER_QUALIFIERS = {"余": "low", "多": "low"}
_SUFFIX = re.compile(r"\s?(以上|之上|以下|以内|之内|左右|有余)")
_SUFFIX_KIND = {"以上": "low", "之上": "low", "以下": "high", "以内": "high", "之内": "high",
                "左右": "approx", "有余": "low"}
_APPROX = 0.05

# Numbers: 百分之三十, Arabic (with strict thousands groups), or a run of Chinese numerals.
_NUM = re.compile(
    r"百分之(?P<pct>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
    r"|(?P<ar>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"|(?P<cn>[零〇一二两三四五六七八九十百千万亿]+)"
)
# A second number after a range mark: 1~2家, 2-3家, 2至3家.
_RANGE = re.compile(r"\s?(?:-|~|至|到)\s?(\d+(?:\.\d+)?)")
# A Chinese numeral glued to the word before it is part of that word: 统一, 进一步, 每万人,
# 新一轮, 第三; and these one-character units make idioms after 一: 一批, 一起, 一部分, 一次性.
_CN_BEFORE_BLOCK = set("第统进唯同之万逐专单均划合归初周其任另这那每某首新上下前后星")
_ONE_IDIOMS = ("批", "起", "部分", "次性", "条龙", "系列", "把手", "揽子", "体", "线", "流")
# 届 after these is a party congress or a people's congress, not a count of events.
_SESSION_AFTER = re.compile(r"[一二三四五六七八九]中|全会|全国|中央|人大|人民代表|党代会|常委|委员会|政协")
# A Chinese numeral + unit followed by these is a place name (三台县), not a count.
_PLACE_AFTER = set("县区市镇乡村山路街")
# A count of aspects (重点通过三个方面, 从两个层面) structures the text; it is never a quantity.
_ASPECT_UNITS = {"个", "大"}
_ASPECT_AFTER = ("方面", "层面", "维度")
# A ? that stands for a garbled %: followed by the end, punctuation or a space.
_GARBLED_END = set(",;。、)”\"' :!\t\n")

# Regions where no number may be read: 《titles》, “quoted names”, document numbers
# 〔2015〕64号 / (2015)14号, codes glued to Latin letters (ZL2012…, GB/T29490-2013, 3D).
_TITLE = re.compile(r"《[^《》]{0,80}》")
_QUOTE = re.compile(r"“[^“”。]{0,60}”|\"[^\"。]{0,60}\"|「[^「」]{0,60}」|‘[^‘’。]{0,30}’")
_DOCPAREN = re.compile(r"\([^()]{0,40}[〔【\[(](?:19|20)\d\d[〕】\])][^()]{0,12}\)")
_DOCNO = re.compile(r"[〔【\[(]\s*(?:19|20)\d\d\s*[〕】\])]\s*\d{0,4}\s*号?")
_CODE = re.compile(r"[A-Za-z][A-Za-z/]*\d[0-9A-Za-z./-]*|(?<!\d)\d+[A-Za-z][0-9A-Za-z./-]*")
# A paren without digits (集团) (店铺) is a gloss: left out of quantity phrases.
_GLOSS = re.compile(r"\([^()\d]{0,20}\)")
# A list marker at the start of the sentence: 1. 1、 (1) ① and the separator-less 9专利….
_LIST_MARK = re.compile(
    r"^\s*(?:\d{1,2}\s*(?:、|\.(?!\d)|\.(?=(?:19|20)\d\d))|\(\s*\d{1,2}\s*\)|[\u2460-\u2473]"
    r"|\d{1,2}(?=[\u4e00-\u9fff])(?!" + _UNIT.pattern + r"|[余多万亿千百年月日号]))"
)


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


# The characters _NUM can start a number with: a sentence without one holds no figure.
_NUMBER_CHAR = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿]")
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
    if bare and p > 0 and scan[p - 1] == "上":
        return "上", "low", p - 1
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
    return p >= 0 and scan[p] == "第"


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
        if s > 0 and scan[s - 1] in _CN_BEFORE_BLOCK and not (scan[s - 1] == "上" and run in "百千万"):
            return None
        v = parse_number(run)
        if v is None and run in ("百", "千", "万"):
            bare = True
            v = {"百": 100.0, "千": 1000.0, "万": 10000.0}[run]
        if v is None:
            return None
        if run == "一" and scan.startswith(_ONE_IDIOMS, e):
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
    if m.group("ar") is not None and (unit in (None, "万", "亿")) and sp < len(scan) and scan[sp] in "万亿千":
        mult = scan[sp]
        q = sp + 1
        if q < len(scan) and scan[q] in _INNER_QUALIFIERS and inner is None:
            inner, q = scan[q], q + 1
        u2 = _UNIT.match(scan, q)
        if u2 and u2.group(0) == "元" and mult in "万亿":
            unit, end = mult + "元", u2.end()
        elif u2 and not u2.group(0).startswith(("万", "亿")):
            factor = {"万": 1e4, "亿": 1e8, "千": 1e3}[mult]
            v *= factor
            v2 = v2 * factor if v2 is not None else None
            unit, end = u2.group(0), u2.end()
        elif mult in "万亿" and not scan.startswith("?", q):   # 4万? is a garbled 4万㎡
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
        if after[:1] and after[0] in "零〇一二两三四五六七八九十":
            return None           # 五位一体, 十位一体
        if after[:1] and after[0] in _PLACE_AFTER:
            return None           # 三台县, 五台山: a place name
        if unit == "届" and (_SESSION_AFTER.match(after) or scan[max(0, s - 2):s] == "党的"):
            return None           # 十八届五中全会
    elif unit == "届" and _SESSION_AFTER.match(scan[end:end + 6]):
        return None
    if unit in _ASPECT_UNITS and scan.startswith(_ASPECT_AFTER, end):
        return None               # 三个方面, 两个层面: how a text is organised, not a count of work
    # compound units the table lacks: 1.4万余家次, 78篇次, 5000元/件
    if end < len(scan) and scan[end] == "次" and not unit.endswith("次") and unit + "次" not in UNITS:
        warnings.append(f"unit_compound: '{unit}次' read as {unit}")
        end += 1
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



# Years and periods that scope a figure.
_YEARISH = re.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*年?\s*[-~至到]\s*((?:19|20)\d\d)\s*年"
    r"|(?<!\d)((?:19|20)\d\d)\s*年"
    r"|[\"“]?十[一二三四]五[\"”]?(?:期间|时期|以来)"
)
# A base year scopes no figure ("是2014年的2倍" too); periods (自/截至) are read by _SINCE_AFTER/_PARTIAL.
_BASE_BEFORE = re.compile(rf"(?:{COMPARISON_WORDS}|是)\s*[\"“]?$")
_SINCE_AFTER = re.compile(r"^(?:度)?(?:\d{1,2}\s*月(?:份)?)?(?:\d{1,2}日)?(?:以来|起)")
_CLAUSE_END = re.compile(r"[,;。:]")
_PARTIAL = re.compile(
    r"(?<!\d)1\s*[-~至到]\s*(\d{1,2})\s*月|(?:截至|截止到?)\s*(?:(?:19|20)\d\d\s*年)?\s*(\d{1,2})\s*月"
    r"|上半年|前三季度|一季度"
)


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
            elif text.startswith("的", m.end()):
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
