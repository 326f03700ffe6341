"""Read Arabic, full-width and Chinese numerals (1,796 / １７９６ / 一百二十 / 3.6万) as numbers.

The engine only: the numeral characters and their values are data (ipcheck/lang/zh/numerals.yaml,
ZH-NUM-001 digits, ZH-NUM-002 十百千, ZH-NUM-003 万亿, ZH-NUM-005 Arabic with a multiplier, ZH-NUM-009 the
decimal point of a Chinese numeral).
"""
from __future__ import annotations

import re
from decimal import Decimal

from ipcheck.lang.registry import load

_R = load()
# Full-width digits and separators that may survive when a caller did not normalise.
_WIDE = {0xFF10 + d: ord("0") + d for d in range(10)} | {0xFF0E: ord("."), 0xFF0C: ord(",")}

CN_DIGITS: dict[str, int] = _R.table("ZH-NUM-001")
# Units inside a section (十百千) and the section multipliers (万亿).
CN_SMALL: dict[str, int] = _R.table("ZH-NUM-002")
CN_BIG: dict[str, int] = _R.table("ZH-NUM-003")
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL) + "".join(CN_BIG)
_TEN = next(ch for ch, v in CN_SMALL.items() if v == 10)          # a leading 十 needs no digit
_WAN, _YI = min(CN_BIG, key=CN_BIG.__getitem__), max(CN_BIG, key=CN_BIG.__getitem__)
# The decimal point of a Chinese numeral: 一点九万 = 1.9万 (ZH-NUM-009).
_POINT = _R.words("ZH-NUM-009")[0]

# A plain Arabic number: 1796, 1,796 (strict thousands groups only), 28.5, 0.5.
_ARABIC = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
# An Arabic number followed by Chinese multipliers: 3.6万, 1.67亿, 5千.
_ARABIC_MULT = _R.regex("ZH-NUM-005")
_MULT = {**CN_SMALL, **CN_BIG}
# Values at or above 10^15 are refused: not a figure any summary reports.
_MAX_EXACT = 10 ** 15


def parse_number(s: str) -> Decimal | None:
    """The value of ``s`` if it is exactly one number, else None.

    Accepts Arabic (1796, 1,796, 28.5), full-width digits, Chinese numerals (十七, 两千,
    一百二十, 三万, with a decimal part: 一点九万 → 19000) and Arabic with a Chinese multiplier (3.6万 → 36000). The value is an exact
    Decimal (17.76万 → 177600, never 177600.00000000003). Anything else, including malformed
    numerals such as 十百千 or 十三五, is None: a misread number is worse than none.
    """
    value = _parse(s)
    # 400 nines is no count anyone reported (and would be "met" against any target).
    if value is None or abs(value) >= _MAX_EXACT:
        return None
    return value


def _parse(s: str) -> Decimal | None:
    """parse_number without the range check."""
    if not isinstance(s, str):
        return None
    t = s.strip().translate(_WIDE)
    if not t:
        return None
    if _ARABIC.fullmatch(t):
        return Decimal(t.replace(",", ""))
    m = _ARABIC_MULT.fullmatch(t)
    if m:
        value = Decimal(m.group(1).replace(",", ""))
        for ch in m.group(2):
            value *= _MULT[ch]
        return value
    if all(ch in CN_CHARS for ch in t):
        return _parse_chinese(t)
    if t.count(_POINT) == 1:
        return _parse_decimal(*t.split(_POINT))
    return None


def _parse_decimal(whole: str, rest: str) -> Decimal | None:
    """A Chinese numeral with a decimal part (一点九万 → 19000, 十二点五 → 12.5), or None: digits after the point,
    then at most one section multiplier that scales the whole number; the part before the point has none
    (三万点五 is no numeral)."""
    mult = 1
    if rest and rest[-1] in CN_BIG:
        mult, rest = CN_BIG[rest[-1]], rest[:-1]
    if any(ch in CN_BIG for ch in whole):
        return None
    if not whole or not rest or not all(ch in CN_CHARS for ch in whole) \
            or not all(ch in CN_DIGITS for ch in rest):
        return None
    value = _parse_chinese(whole)
    if value is None:
        return None
    fraction = Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in rest))
    return (value + fraction) * mult


def _parse_chinese(t: str) -> Decimal | None:
    """Chinese numeral → number, or None when the characters do not form one numeral."""
    total = 0          # completed 亿 part
    wan = 0            # completed 万 part (below 亿)
    section = 0        # below 万
    digit: int | None = None
    last_small = 10_000   # smallest 十/百/千 seen in the section must decrease
    last_big = 10 ** 12
    zero_pending = False
    for i, ch in enumerate(t):
        if ch in CN_DIGITS:
            d = CN_DIGITS[ch]
            if d == 0:
                if digit is not None:
                    return None          # 三零 is not a numeral
                zero_pending = True
                continue
            if digit is not None:
                return None              # two digits in a row: 三五, 十三五
            digit = d
            zero_pending = False
        elif ch in CN_SMALL:
            unit = CN_SMALL[ch]
            if unit >= last_small:
                return None              # 十百, 百百
            if digit is None:
                # only a leading 十 may stand without a digit (十七 = 17)
                if not (ch == _TEN and section == 0 and wan == 0 and total == 0 and i == 0):
                    return None
                digit = 1
            section += digit * unit
            digit = None
            last_small = unit
        else:  # 万 / 亿
            big = CN_BIG[ch]
            if big >= last_big:
                return None
            if digit is None and section == 0 and not (big == CN_BIG[_YI] and wan):
                return None              # bare 万, 亿万
            section += digit or 0
            digit = None
            if big == CN_BIG[_WAN]:
                wan = section * big
            else:
                total = (wan + section) * big
                wan = 0
            section = 0
            last_small = 10_000
            last_big = big
    if zero_pending and digit is None and not (section or wan or total):
        return Decimal(0)
    section += digit or 0
    value = total + wan + section
    if value == 0 and not any(CN_DIGITS.get(c, 1) == 0 for c in t):
        return None
    return Decimal(value)


def to_chinese(n: int) -> str:
    """``n`` (0 <= n < 10**12) written in Chinese numerals: 120 → 一百二十, 10 → 十."""
    if n < 0 or n >= 10 ** 12:
        raise ValueError("to_chinese supports 0 <= n < 10**12")
    digits = {}
    for ch, v in CN_DIGITS.items():
        digits.setdefault(v, ch)            # the first digit of each value: 二, not 两
    if n == 0:
        return digits[0]
    small = sorted(((v, ch) for ch, v in CN_SMALL.items()), reverse=True) + [(1, "")]
    big = sorted(((v, ch) for ch, v in CN_BIG.items()), reverse=True) + [(1, "")]

    def four(x: int) -> str:
        out = ""
        zero = False
        for unit, name in small:
            d = x // unit % 10
            if d:
                if zero and out:
                    out += digits[0]
                out += digits[d] + name
                zero = False
            else:
                zero = True
        return out

    parts = []
    for value, name in big:
        chunk = n // value if value == big[0][0] else n // value % 10_000
        if chunk:
            if parts and chunk < 1000:
                parts.append(digits[0])
            parts.append(four(chunk) + name)
        elif parts and parts[-1] != digits[0]:
            parts.append(digits[0])
    s = re.sub(re.escape(digits[0]) + "+", digits[0], "".join(parts)).rstrip(digits[0])
    if s.startswith(digits[1] + _TEN):
        s = s[1:]
    return s
