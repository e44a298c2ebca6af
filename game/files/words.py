"""The words of a refusal, kept for translating: game/files imports nothing of Summit's (not game/i18n either),
so it says why it refuses a path in English and keeps the English template and its fields beside the text.
`worded("is a folder; name a file")` is a str (the English, which every message and test reads as before)
whose `template` and `fields` game/i18n's `localize` writes in the language in use; `make messages` extracts
each `worded(...)` template into the catalogue (the Makefile's keyword `worded`)."""

from __future__ import annotations

from typing import Any


class Words(str):
    """English words (the str itself) with their template and fields, for game/i18n to translate."""

    template: str
    fields: dict[str, Any]

    def __new__(cls, template: str, fields: dict[str, Any]):
        made = super().__new__(cls, template.format(**fields))
        made.template, made.fields = template, dict(fields)
        return made

    def __reduce__(self):   # pickled (a process pool's error) with its template and fields
        return (Words, (self.template, self.fields))


def worded(template: str, **fields: Any) -> Words:
    """The words `template` with its named fields filled in (a field may be Words itself)."""
    return Words(template, fields)
