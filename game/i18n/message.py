"""A message made where the language is not yet known, translated where it is shown.

The scenario checks find a problem long before anyone reads it, and they read their own findings back (which
item a message names, which index it quotes) in English. So a finding is a Message: a str whose text is the
English sentence, which every such reading sees, and which also keeps its template and fields, so that
`localize` writes the same sentence in the language in use at the moment it is shown:

    found = msg("unknown source {source!r}", source="nato_2025")   # == "unknown source 'nato_2025'"
    localize(found)                                                     # "source inconnue 'nato_2025'" in French

A Message plus a str (or another Message) is a Message of the two parts, each translated on its own: that is
for a sentence followed by a sentence of its own (a hint such as " (did you mean 'x'?)"), never for pieces
of one sentence.
"""

from __future__ import annotations

import os
from typing import Any, Callable

from .catalogue import gettext, language, ngettext, using


class Message(str):
    """English text (the str itself) with what it takes to write it in another language."""

    template: str | None
    plural: str | None
    count: int
    fields: dict[str, Any]
    parts: tuple[str, ...]
    joiner: str

    def __new__(cls, template: str | None, fields: dict[str, Any] | None = None, plural: str | None = None,
                count: int = 1, parts: tuple[str, ...] = (), joiner: str = ""):
        fields = dict(fields or {})
        if template is None:
            english = joiner.join(parts)
        else:
            form = template if plural is None or count == 1 else plural
            if language() == "en":
                english = form.format(**fields)
            else:
                with using("en"):   # a field written when shown (a Figure, a scenario's label) writes its English
                    english = form.format(**fields)
        made = super().__new__(cls, english)
        made.template, made.plural, made.count, made.fields, made.parts = template, plural, count, fields, parts
        made.joiner = joiner
        return made

    def __reduce__(self):   # pickled (a process pool's result) with its template and fields
        return (Message, (self.template, self.fields, self.plural, self.count, self.parts, self.joiner))

    def __add__(self, other: str) -> "Message":
        return Message(None, parts=(self, other)) if other else self

    def __radd__(self, other: str) -> "Message":
        return Message(None, parts=(other, self)) if other else self

    def map_fields(self, change: Callable[[str], str]) -> "Message":
        """The same message with `change` applied to each field that is text (and to each part's)."""
        if self.template is None:
            return Message(None, parts=tuple(part.map_fields(change) if isinstance(part, Message) else change(part)
                                             for part in self.parts), joiner=self.joiner)
        fields = {key: value.map_fields(change) if isinstance(value, Message) else
                  change(os.fspath(value)) if isinstance(value, (str, os.PathLike)) else value
                  for key, value in self.fields.items()}
        return Message(self.template, fields, self.plural, self.count)


def msg(template: str, **fields: Any) -> Message:
    """A message marked for translation (its template is the message id) with its named fields."""
    return Message(template, fields)


def nmsg(singular: str, plural: str, count: int, **fields: Any) -> Message:
    """A message whose words depend on `count` (French and English plural forms differ: 0 is singular in
    French); `count` is also a field."""
    return Message(singular, {"count": count, **fields}, plural, count)


def joined(items, separator: "Message | str") -> Message:
    """The items one after the other with `separator` between them (a Message such as msg(" or "), which
    French writes " ou "), each item translated on its own."""
    return Message(None, parts=tuple(items), joiner=separator)


def _translatable(value: Any) -> bool:
    return isinstance(value, Message) or (isinstance(value, str) and hasattr(value, "template")
                                          and hasattr(value, "fields"))


def localize(text: str) -> str:
    """`text` in the language in use: a Message translated with its fields (themselves localized), a str that
    keeps its English `template` and `fields` the same way (game/files' Words), any other str as it is."""
    if not isinstance(text, Message):
        if isinstance(text, str) and hasattr(text, "template") and hasattr(text, "fields"):
            return localize(Message(text.template, text.fields))   # game/files' Words (it imports no i18n)
        return str(text)
    if text.template is None:
        return localize(text.joiner).join(localize(part) for part in text.parts)
    fields = {key: localize(value) if _translatable(value) else value for key, value in text.fields.items()}
    form = gettext(text.template) if text.plural is None else ngettext(text.template, text.plural, text.count)
    return form.format(**fields)
