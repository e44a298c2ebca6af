"""What a file says, read and shown safely: texts without control characters, JSON without numbers too long to
convert. Scenarios, logs, saves and settings are all files someone else may have written.

A control character (NUL, ESC, BEL: C0 and C1, DEL) in a text is refused where a file is checked (a scenario
by its validator, with the line and column); where refusing is impossible (a file's name, a log written
before the check, a name a player typed) the text is shown escaped (`My\\x00title`), so that a terminal never
receives an escape sequence and pygame never a NUL.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata

from ..i18n import Message

# Control characters a one-line text may not hold: C0 (tab and line feed included), DEL, C1; lone surrogates
# (a "\ud800" escape), which no file can encode and no terminal print.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_IN_LINES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_TERMINAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# In a text of paragraphs (a summary, a help text) a line feed or a tab is the text's own.
_CONTROL_IN_PARAGRAPHS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

MAX_DIGITS = 40
"""The longest whole number a log, a save or the settings may hold: a seed is at most 20 digits. Python refuses
to convert one over 4,300 digits with an error no reader understands, and converting long ones takes time."""


def control_character(text: str, paragraphs: bool = False) -> tuple[int, str] | None:
    """The first control character in text, as (its index, its name), or None. With `paragraphs` a line feed
    and a tab are allowed."""
    found = (_CONTROL_IN_PARAGRAPHS if paragraphs else _CONTROL).search(text)
    if found is None:
        return None
    return found.start(), describe(found.group())


def describe(character: str) -> str:
    """'U+001B (escape)': a character's code and, where it has one, its name."""
    names = {"\x00": "NUL", "\x07": "bell", "\x08": "backspace", "\t": "tab", "\n": "line feed",
             "\r": "carriage return", "\x1b": "escape", "\x7f": "delete"}
    code = ord(character)
    name = names.get(character) or ("a lone surrogate" if 0xD800 <= code <= 0xDFFF else
                                    unicodedata.name(character, "control character").lower())
    return f"U+{code:04X} ({name})"


def shown(text: str, lines: bool = False) -> str:
    """text with each control character (tabs and, unless `lines`, line feeds included) written as an escape:
    `\\x1b`, `\\x00`, `\\ud800`; a text without one is returned as it is."""
    pattern = _CONTROL_IN_LINES if lines else _CONTROL
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda found: ascii(found.group())[1:-1], text)


def for_terminal(text: str) -> str:
    """text as a terminal may receive it: control characters escaped as by `shown`, line feeds kept (a message
    may have several lines), and a lone surrogate kept too,
    which the command line prints back as the byte of a file's name it stands for (surrogateescape)."""
    if _TERMINAL.search(text) is None:
        return text
    return _TERMINAL.sub(lambda found: ascii(found.group())[1:-1], text)


class SafeMessage(ValueError):
    """An error whose message may quote a file (its name, what it says): control characters are shown escaped,
    line feeds kept, so the message is safe to print and to draw. A Message stays one (its fields shown so),
    for game.i18n's `error_text` to write in the language in use; its str is the English as before."""

    def __init__(self, message: str = ""):
        if isinstance(message, Message):
            super().__init__(message.map_fields(lambda text: shown(str(text), lines=True)))
        else:
            super().__init__(shown(str(message), lines=True))


class NumberTooLong(ValueError):
    """A JSON number this Summit does not convert: more digits than MAX_DIGITS, or one outside a float's range."""


def _whole(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise NumberTooLong(f"a number of {len(digits.lstrip('-')):,} digits, where at most {MAX_DIGITS} are read")
    return int(digits)


def _decimal(digits: str) -> float:
    value = float(digits)   # never slow: a float keeps 17 digits, and a long exponent is inf or 0
    if not math.isfinite(value):
        raise NumberTooLong(f"the number {digits[:20]}{'...' if len(digits) > 20 else ''} is too large")
    return value


def _constant(name: str) -> float:
    raise NumberTooLong(f"{name} is not a number a Summit file holds")


def json_value(text: str | bytes):
    """json.loads, refusing (NumberTooLong) a whole number of more than MAX_DIGITS digits, a number too large
    for a float and NaN or Infinity, instead of converting them. json.JSONDecodeError and RecursionError as
    json.loads raises them."""
    return json.loads(text, parse_int=_whole, parse_float=_decimal, parse_constant=_constant)
