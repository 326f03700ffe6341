"""Units as plans and summaries write them, grouped into families that may be compared.

The units are data (ipcheck/lang/zh/units.yaml): base units with their family and factor, the
magnitude prefixes declared once (ZH-UNIT-001, valued by the numeral multipliers), the prefixed
units summaries write as one word (万元, 万人次) and the short money forms (万, 亿). A figure can only
satisfy a target when both units are in one family, converted by their factors.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from math import prod
from typing import Any, Union

from ipcheck.lang.registry import load

MAGNITUDES_RULE, WRITTEN_RULE, SHORT_RULE, NOT_A_QUANTITY_RULE = "ZH-UNIT-001", "ZH-UNIT-011", "ZH-UNIT-012", "ZH-UNIT-013"
_FULL_WIDTH_PERCENT = "\uff05"


Number = Union[Decimal, int]        # what a figure, a target value and a conversion are: exact


@dataclass(frozen=True)
class Unit:
    name: str
    family: str
    factor: Decimal = Decimal(1)


def exact(value: Any) -> Decimal:
    """``value`` as an exact Decimal: a Decimal or an int as is, a float by its shortest text
    (1.67 -> Decimal('1.67'), never the binary 1.66999…), a string as written."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a boolean is no number")
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def plain(value: Any, places: int | None = None) -> int | float | None:
    """A number for JSON: a whole value as an int (177600), else the exact decimal (rounded to
    ``places`` when given), written by its shortest float text, which is the same digits (140.6);
    None and non-finite values are None."""
    if value is None:
        return None
    d = exact(value)
    if not d.is_finite():
        return None
    if places is not None:
        d = round(d, places)
    if d == d.to_integral_value():
        return int(d)
    return float(d)


@lru_cache(maxsize=1)
def magnitudes() -> dict[str, int]:
    """Magnitude prefix -> its value (万 -> 10^4, 百万 -> 10^6), longest prefix first."""
    reg = load()
    multipliers = {**reg.table("ZH-NUM-002"), **reg.table("ZH-NUM-003")}
    values = {m: prod(multipliers[c] for c in m) for m in reg.words(MAGNITUDES_RULE)}
    return dict(sorted(values.items(), key=lambda kv: -len(kv[0])))


def _base(value: Any) -> tuple[str, Decimal]:
    """(family, factor) of a base unit's table entry (the factor written as a string: exact)."""
    if isinstance(value, dict):
        return value["family"], Decimal(str(value.get("factor", 1)))
    return value, Decimal(1)


def split_magnitude(name: str, bases: dict[str, Unit]) -> tuple[str, str] | None:
    """(magnitude, base unit) when ``name`` is a magnitude prefix before a base unit (万人次)."""
    for m in magnitudes():
        if name.startswith(m) and name[len(m):] in bases:
            return m, name[len(m):]
    return None


@lru_cache(maxsize=1)
def base_units() -> dict[str, Unit]:
    """The base units (元, 件, 人次 …) in data order."""
    out: dict[str, Unit] = {}
    for rule in load().group("base_units"):
        for name, value in rule.table:
            family, factor = _base(value)
            out[name] = Unit(name, family, factor)
    return out


@lru_cache(maxsize=1)
def _units() -> dict[str, Unit]:
    """Every unit a figure or a plan may carry: base units, prefixed units written as one word
    (factor = magnitude x base), and the short money forms (万 = 万元)."""
    reg = load()
    bases = base_units()
    out = dict(bases)
    for name in reg.words(WRITTEN_RULE):
        found = split_magnitude(name, bases)
        if found is None:
            raise ValueError(f"{WRITTEN_RULE}: {name} is no magnitude before a base unit")
        m, base = found
        out[name] = Unit(name, bases[base].family, magnitudes()[m] * bases[base].factor)
    for short, full in reg.table(SHORT_RULE).items():
        out[short] = Unit(short, out[full].family, out[full].factor)
    return out


@lru_cache(maxsize=1)
def scalable() -> tuple[str, ...]:
    """The base units a magnitude may scale (万件, 亿元, 万平方米), in data order: those of the unit
    tables marked scalable, never a rate, a difference, a multiple or a duration."""
    return tuple(name for rule in load().group("base_units") if rule.param("scalable")
                 for name, _ in rule.table)


@lru_cache(maxsize=512)
def _scaled(name: str) -> Unit | None:
    """万件 = 10^4 × 件: a magnitude (ZH-UNIT-001) before a scalable base unit, wherever a unit is read."""
    found = split_magnitude(name, base_units())
    if found is None or found[1] not in scalable():
        return None
    m, base = found
    return Unit(name, base_units()[base].family, magnitudes()[m] * base_units()[base].factor)


def short_forms() -> dict[str, str]:
    """万 -> 万元, 亿 -> 亿元: a bare magnitude after a number that stands for a money unit."""
    return load().table(SHORT_RULE)


def not_quantities() -> tuple[str, ...]:
    """Units a figure is never read with (年: a year or a duration)."""
    return load().words(NOT_A_QUANTITY_RULE)


def __getattr__(name: str) -> Any:
    """``UNITS`` (name -> Unit) is built from the data on first use."""
    if name == "UNITS":
        return _units()
    raise AttributeError(name)


def unit(name: str) -> Unit | None:
    """The unit called ``name`` (full-width and spacing tolerated): one of the units, or a magnitude
    before a scalable one (万件 is 10^4 件); None if unknown."""
    key = name.strip().replace(_FULL_WIDTH_PERCENT, "%").replace(" ", "")
    return _units().get(key) or _scaled(key)


def format_number(value: Any) -> str:
    """A value as people write it, exactly: 1750, not 1750.0 or 1750.00; 28.5 stays 28.5."""
    d = exact(value)
    if d == d.to_integral_value():
        return str(int(d))
    return format(d.normalize(), "f")


def comparable(src: str, dst: str) -> bool:
    """True when a value in unit ``src`` can be expressed in unit ``dst`` (one family)."""
    a, b = unit(src), unit(dst)
    return a is not None and b is not None and a.family == b.family


def convert(value: Number, src: str, dst: str) -> Decimal | None:
    """``value`` in unit ``src`` expressed in unit ``dst``, exactly (5万元 = 0.0005亿元); None when
    they cannot be compared."""
    a, b = unit(src), unit(dst)
    if a is None or b is None or a.family != b.family:
        return None
    return exact(value) * a.factor / b.factor
