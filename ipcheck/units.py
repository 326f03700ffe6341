"""Units as plans and summaries write them, grouped into families that may be compared.

Data, not code: a figure can only satisfy a target when both units are in one family, and
it is converted by the factors below (万元 and 亿元 are the same money at different scales).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    name: str
    family: str
    factor: float = 1.0


_TABLE: tuple[tuple[str, str, float], ...] = (
    # money, in yuan
    ("元", "money", 1.0), ("万元", "money", 1e4), ("亿元", "money", 1e8), ("万", "money", 1e4),
    ("亿", "money", 1e8), ("千元", "money", 1e3), ("百万元", "money", 1e6),
    ("万美元", "usd", 1e4), ("亿美元", "usd", 1e8), ("美元", "usd", 1.0),
    # percentages: a share or a growth rate; 个百分点 is a difference of two rates, not a rate
    ("%", "percent", 1.0), ("‰", "percent", 0.1),
    ("个百分点", "points", 1.0), ("百分点", "points", 1.0),
    ("倍", "multiple", 1.0),
    # counts of documents and rights
    ("件", "item", 1.0), ("项", "project", 1.0), ("个", "unit", 1.0), ("份", "copy", 1.0),
    ("篇", "article", 1.0), ("部", "volume", 1.0), ("册", "volume", 1.0), ("张", "sheet", 1.0),
    ("本", "volume", 1.0), ("套", "set", 1.0), ("台", "machine", 1.0), ("条", "entry", 1.0),
    ("批", "batch", 1.0), ("宗", "case", 1.0), ("起", "case", 1.0), ("例", "case", 1.0),
    ("单", "case", 1.0),
    # organisations: 户 and 家 both count enterprises in these documents
    ("家", "organisation", 1.0), ("户", "organisation", 1.0), ("所", "organisation", 1.0),
    ("座", "site", 1.0), ("处", "site", 1.0),
    # people and attendances
    ("人", "person", 1.0), ("名", "person", 1.0), ("位", "person", 1.0), ("万人", "person", 1e4),
    ("人次", "attendance", 1.0), ("万人次", "attendance", 1e4), ("人/次", "attendance", 1.0),
    # events
    ("次", "event", 1.0), ("场", "event", 1.0), ("场次", "event", 1.0), ("期", "event", 1.0),
    ("届", "event", 1.0), ("轮", "event", 1.0), ("家/次", "attendance", 1.0),
    ("台/次", "event", 1.0),
    # time and area
    ("年", "year", 1.0), ("天", "day", 1.0), ("个月", "month", 1.0),
    ("平方米", "area", 1.0), ("亩", "area", 666.67),
)

UNITS: dict[str, Unit] = {name: Unit(name, family, factor) for name, family, factor in _TABLE}


# Magnitudes a plan may write before a known unit (万件 = 10^4 件, 万亿元 = 10^4 亿元), longest first.
MAGNITUDES: tuple[tuple[str, float], ...] = (("百万", 1e6), ("千万", 1e7), ("万", 1e4), ("亿", 1e8),
                                            ("千", 1e3), ("百", 1e2))


def unit(name: str) -> Unit | None:
    """The unit called ``name`` (full-width and spacing tolerated), or None if unknown; a
    magnitude before a known unit (万件, 万亿元) is that unit scaled, in the same family."""
    key = name.strip().replace("％", "%").replace(" ", "")
    found = UNITS.get(key)
    if found is not None:
        return found
    for prefix, scale in MAGNITUDES:
        base = UNITS.get(key[len(prefix):]) if key.startswith(prefix) else None
        if base is not None and base.family not in ("percent", "points", "multiple", "year"):
            return Unit(key, base.family, base.factor * scale)
    return None


def format_number(value: float) -> str:
    """A value as people write it: 1750, not 1750.0; 28.5 stays 28.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def convert(value: float, src: str, dst: str) -> float | None:
    """``value`` in unit ``src`` expressed in unit ``dst``; None when they cannot be compared."""
    a, b = unit(src), unit(dst)
    if a is None or b is None or a.family != b.family:
        return None
    return value * a.factor / b.factor
