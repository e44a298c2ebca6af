"""Numbers, percentages and dates as CLDR writes them in the current language (Babel): English "1,416",
"3.5%", "June 25, 2025"; French "1 416" (a narrow no-break space, U+202F), "3,5 %" (a no-break space,
U+00A0), "25 juin 2025". Numbers are formatted here, at the edge, never stored as text.

The digits are rounded as Python's own format() rounds them (f"{x:.1f}"), then written in the language: the
French account of a game shows the same digits as the English one, and English text moving to these helpers
keeps its digits."""

from __future__ import annotations

import datetime as _datetime
from decimal import Decimal
from functools import lru_cache

from .catalogue import language

# Babel (and the CLDR data it reads) is imported at the first number written, not when `summit` starts.


@lru_cache(maxsize=None)
def _locale(code: str):
    from babel import Locale

    return Locale.parse(code)


@lru_cache(maxsize=None)
def _pattern(code: str, kind: str, digits: int):
    """The language's own decimal or percent pattern (its grouping, signs and spaces), with exactly `digits`
    decimals."""
    from babel.numbers import NumberPattern

    formats = _locale(code).decimal_formats if kind == "decimal" else _locale(code).percent_formats
    p = formats[None]
    return NumberPattern(p.pattern, p.prefix, p.suffix, p.grouping, p.int_prec, (digits, digits), p.exp_prec,
                         p.exp_plus, p.number_pattern)


def _rounded(value: float, digits: int) -> Decimal:
    return Decimal(format(float(value), f".{digits}f"))


def number(value: float, digits: int = 0) -> str:
    """`value` with `digits` decimals and the language's grouping: number(1416) is '1,416' or '1 416'."""
    return _pattern(language(), "decimal", digits).apply(_rounded(value, digits), _locale(language()))


def percent(points: float, digits: int = 1) -> str:
    """A percentage given in points (3.5 means 3.5%, as Summit stores % of GDP): '3.5%' or '3,5 %'."""
    fraction = _rounded(points, digits).scaleb(-2)
    return _pattern(language(), "percent", digits).apply(fraction, _locale(language()))


def general(value: float, signed: bool = False) -> str:
    """`value` as Python's format(value, "g") writes it (six significant digits at most, no trailing zeros, no
    grouping), with the language's decimal and plus/minus signs: general(0.05, signed=True) is '+0.05' or
    '+0,05'."""
    from babel.numbers import get_decimal_symbol, get_minus_sign_symbol, get_plus_sign_symbol

    english = format(float(value), "+g" if signed else "g")
    code = language()
    if code == "en" or "e" in english or "n" in english:   # an exponent, inf or nan stays as Python writes it
        return english
    signs = {".": get_decimal_symbol(code), "+": get_plus_sign_symbol(code), "-": get_minus_sign_symbol(code)}
    return "".join(signs.get(character, character) for character in english)


def date(day: _datetime.date, form: str = "long") -> str:
    """A date in the language: date(date(2025, 6, 25)) is 'June 25, 2025' or '25 juin 2025' ('short',
    'medium', 'long' or 'full' as CLDR names them)."""
    from babel.dates import format_date

    return format_date(day, form, locale=_locale(language()))


class Figure:
    """A number written when it is shown, in the language of that moment: a field of a Message made before the
    language is known (msg("file is {size} bytes", size=Figure(2_000_000)) reads "2,000,000" in English and
    "2 000 000" in French)."""

    __slots__ = ("value", "digits")

    def __init__(self, value: float, digits: int = 0):
        self.value, self.digits = value, digits

    def __format__(self, spec: str) -> str:
        return format(number(self.value, self.digits), spec)

    def __str__(self) -> str:
        return number(self.value, self.digits)

    def __repr__(self) -> str:
        return f"Figure({self.value!r}, {self.digits})"

    def __reduce__(self):
        return (Figure, (self.value, self.digits))
