"""The language in use and the gettext catalogues of the domain `summit`.

Mark a text where it is built: `_("expected a number, found {value}").format(value=...)`; a text whose
words depend on a number: `ngettext("{n} error", "{n} errors", n).format(n=n)`; a text written at module
level, before any language is chosen: `N_("...")`, a LazyText that is translated each time it is shown.
Always whole sentences with named fields, never a sentence glued from translated fragments.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import os
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

DOMAIN = "summit"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES = ("en", "fr")   # English is the language the texts are written in (the msgids)

_current = "en"


def language() -> str:
    """The language texts are shown in now: 'en' or 'fr'."""
    return _current


def parse_language(text: str) -> str:
    """'en' or 'fr' from what a user typed (any case); ValueError naming the choices otherwise."""
    code = text.strip().lower()
    if code not in LANGUAGES:
        raise ValueError(f"expected {' or '.join(LANGUAGES)}, found {text!r}")
    return code


def set_language(code: str) -> None:
    global _current
    _current = parse_language(code)


@contextlib.contextmanager
def using(code: str) -> Iterator[None]:
    """Show texts in `code` inside the block, and in the language before it afterwards."""
    global _current
    before = _current
    set_language(code)
    try:
        yield
    finally:
        _current = before


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language of the environment's locale, as POSIX picks the one for messages: the first of LC_ALL,
    LC_MESSAGES and LANG that is set; French when it starts with 'fr' (fr_FR.UTF-8, fr_CA, fr), else English."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


@lru_cache(maxsize=None)
def _translations(code: str) -> _gettext.NullTranslations:
    if code == "en":
        return _gettext.NullTranslations()
    # The .mo is committed and packaged (pyproject.toml); without it the texts stay English, never fail.
    return _gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[code], fallback=True)


def gettext(message: str) -> str:
    """`message` in the current language (itself when there is no translation)."""
    return _translations(_current).gettext(message)


_ = gettext


def catalogued(text) -> str:
    """A text another part wrote in English and marked for the catalogue elsewhere (the glossary's words and the
    move buttons, game/ui/glossary_words.py), in the current language: a % in it is the field {percent_sign} of
    the message id, as every message writes a bare %."""
    text = str(text)
    if "%" not in text:
        return gettext(text)
    return gettext(text.replace("%", "{percent_sign}")).format(percent_sign="%")


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where its English means something else elsewhere ("Table": the
    allies shown as a table, or the table one joins): the catalogue keeps one translation per context."""
    return _translations(_current).pgettext(context, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for `n` in the current language's plural rules (French: 0 and 1 singular)."""
    return _translations(_current).ngettext(singular, plural, n)


class LazyText:
    """A text marked for translation at module level, translated into the current language each time it is
    shown (str(), format(), f-strings, +). Compares and hashes as the English text, its message id."""

    __slots__ = ("message",)

    def __init__(self, message: str):
        self.message = message

    def __str__(self) -> str:
        return gettext(self.message)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def format(self, *args, **fields) -> str:
        return str(self).format(*args, **fields)

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)

    def __eq__(self, other) -> bool:
        return self.message == (other.message if isinstance(other, LazyText) else other)

    def __hash__(self) -> int:
        return hash(self.message)

    def __repr__(self) -> str:
        return f"N_({self.message!r})"


def N_(message: str) -> LazyText:   # noqa: N802 - the name gettext's tools look for
    """Mark a module-level text for extraction; it is translated when shown."""
    return LazyText(message)
