"""Tests for ipcheck.reading.numerals: Arabic, full-width and Chinese numerals read back exactly."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from decimal import Decimal

from ipcheck.reading.numerals import parse_number, to_chinese
from ipcheck.units import exact

_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize("text, value", [
    ("1796", 1796), ("1,796", 1796), ("28.5", 28.5), ("0.5", 0.5), ("１７９６", 1796),
    ("三", 3), ("十", 10), ("十七", 17), ("二十五", 25), ("一百二十", 120), ("两千", 2000),
    ("一千零五", 1005), ("三万", 30000), ("十万", 100000), ("一亿零五万", 100050000),
    ("3.6万", 36000), ("1.67亿", 167000000), ("零", 0), ("两", 2),
    ("一点九万", 19000), ("十二点五", 12.5), ("十二点五亿", 1250000000), ("零点五", 0.5), ("一百二十点零五", 120.05),
    ("十九万", 190000),
])
def test_parse_number_reads(text: str, value: float) -> None:
    assert parse_number(text) == exact(value) and isinstance(parse_number(text), Decimal)


@pytest.mark.parametrize("text", [
    "", " ", "万", "百", "十百千", "十三五", "一二", "三零", "1,3", "12.4.1", "abc", "百分之三十",
    "2015年", "亿万", "点五", "一点", "一点十", "一点九万万", "三万点五", "三万点五万", "一点九点五", "一点九十",
])
def test_parse_number_refuses(text: str) -> None:
    # a malformed numeral is None, never a guess: 十三五 is a plan period, not 135
    assert parse_number(text) is None


@pytest.mark.parametrize("n, text", [(0, "零"), (10, "十"), (101, "一百零一"), (110, "一百一十"),
                                     (10010, "一万零一十"), (100000001, "一亿零一")])
def test_to_chinese(n: int, text: str) -> None:
    assert to_chinese(n) == text


@given(st.integers(min_value=0, max_value=10 ** 12 - 1))
def test_round_trip(n: int) -> None:
    assert parse_number(to_chinese(n)) == n
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n).translate(_WIDE)) == n


@given(st.integers(min_value=0, max_value=10 ** 8 - 1), st.text(alphabet="0123456789", min_size=1, max_size=4),
       st.sampled_from(["", "万", "亿"]))
def test_decimal_round_trip(whole: int, digits: str, big: str) -> None:
    # 一点九万 is 1.9万: the Chinese digits after 点 read one by one, the multiplier scales the whole number
    point = to_chinese(whole) + "点" + "".join(to_chinese(int(d)) for d in digits)
    if whole < 10 ** 4:
        want = Decimal(f"{whole}.{digits}") * {"": 1, "万": 10 ** 4, "亿": 10 ** 8}[big]
        assert parse_number(point + big) == want
    else:
        assert parse_number(point + big) is None      # 三万点五: the part before the point has no 万 or 亿


@given(st.text(max_size=30))
def test_never_raises(s: str) -> None:
    v = parse_number(s)
    assert v is None or isinstance(v, Decimal)
