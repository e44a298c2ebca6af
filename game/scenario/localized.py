"""A scenario's own texts in more than one language: NATO's two, English and French.

A text a player reads (a title, a summary, an ally's name, a leader's title, an issue's or an option's label, a
help, an objective, a history item, a reason for a position, an event) may be written as a plain string, or as
a mapping of languages, `title: {en: Rutte in Washington, fr: Rutte à Washington}`. Either way the scenario
holds a `Localized`: a `str` whose value is the English, so every reader that does not ask for a language
(logs, JSON, the engine, the agents) sees exactly the English it saw before translations existed, and the
French travels with it. `text_in(value, lang)` is the one way to ask for a language: the translation when
there is one, else the English.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (AfterValidator, BaseModel, ConfigDict, Discriminator, Field, StrictStr, Tag, WrapValidator,
                      create_model)

from ..i18n import msg
from .yaml_source import read_yaml

LANGUAGES = ("en", "fr")   # English first: the language of logs and JSON, and the one every text must have
ENGLISH = LANGUAGES[0]
LANGUAGE_NAMES = {"en": msg("English"), "fr": msg("French")}   # in the validator's messages, in the language in use
# The tags of the union below: the loader drops them from the paths it shows, and knows from the second that an
# error is about a mapping of languages.
TAGS = ("text in one language", "text in languages")


class Localized(str):
    """A scenario's text: this string is its English; `translations` maps a language to the same text in it
    (English included). Compares, hashes, formats and serialises as the English."""

    translations: dict[str, str]

    def __new__(cls, english: str, translations: dict[str, str] | None = None) -> "Localized":
        text = super().__new__(cls, english)
        text.translations = {ENGLISH: str(english), **(translations or {})}
        return text

    def __reduce__(self) -> tuple:   # pickles (a game played in another process) keep the translations
        return (Localized, (str(self), dict(self.translations)))

    def __deepcopy__(self, memo: dict) -> "Localized":
        return self   # immutable, like the str it is

    def __copy__(self) -> "Localized":
        return self


def text_in(value: Any, lang: str) -> Any:
    """`value` in `lang`: its translation when the scenario gives one, else its English. A plain string (a text
    the scenario wrote once), None and anything else come back unchanged, always as the English."""
    if isinstance(value, Localized):
        return value.translations.get(lang) or str(value)
    return value


def languages_of(value: Any) -> tuple[str, ...]:
    """The languages a text is written in: those of its mapping, or English alone for a plain string."""
    if isinstance(value, Localized):
        return tuple(lang for lang in LANGUAGES if value.translations.get(lang))
    return (ENGLISH,) if isinstance(value, str) else ()


class InLanguages(BaseModel):
    """A text written as a mapping of languages; `localized` makes one per length limit."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NameInLanguages(InLanguages):
    """A proper name written in each language: the same in most ("Donald Trump"), so it is never warned about."""


def _kind(value: Any) -> str:
    return TAGS[1] if isinstance(value, (dict, InLanguages)) else TAGS[0]


def _localize(value: Any, handler: Any) -> Any:
    result = handler(value)
    if isinstance(value, Localized):    # built from a Scenario's own values: keep what it carries
        return value
    if isinstance(result, str) or result is None:
        return result
    written = {lang: getattr(result, lang) for lang in LANGUAGES if getattr(result, lang) is not None}
    return Localized(written[ENGLISH], written)


@cache
def localized(max_length: int, min_length: int = 0, proper_name: bool = False) -> Any:
    """The type of a text players read, up to `max_length` characters (at least `min_length`) in each language:
    a plain string, or a mapping of languages that must hold English (`en`) and may hold French (`fr`). A
    `proper_name` (a leader's name) may be translated and is never warned about when it is not."""
    text = Annotated[StrictStr, Field(min_length=min_length, max_length=max_length)]
    in_languages = create_model(
        f"{'Name' if proper_name else 'Text'}InLanguages{min_length}to{max_length}",
        __base__=NameInLanguages if proper_name else InLanguages,
        __doc__="The same text in each language: English (required, what logs and JSON keep) and French.",
        en=(text, ...),
        **{lang: (text | None, None) for lang in LANGUAGES[1:]},
    )
    return Annotated[Annotated[text, Tag(TAGS[0])] | Annotated[in_languages, Tag(TAGS[1])], Discriminator(_kind),
                     WrapValidator(_localize)]


def _declared(languages: tuple[str, ...]) -> tuple[str, ...]:
    if ENGLISH not in languages:
        raise ValueError(msg("every scenario is written in English, which logs and JSON keep: list it, e.g. "
                             "languages: [{languages}], found {found!r}", languages=", ".join(LANGUAGES),
                             found=list(languages)))
    twice = next((lang for index, lang in enumerate(languages) if lang in languages[:index]), None)
    if twice:
        raise ValueError(msg("{lang!r} is listed twice", lang=twice))
    return languages


# The languages a scenario declares (`languages: [en, fr]`): English always, each once.
Languages = Annotated[tuple[Literal[LANGUAGES], ...], Field(min_length=1, max_length=len(LANGUAGES)),
                      AfterValidator(_declared)]


def is_localized(annotation: Any, kind: type = InLanguages) -> bool:
    """Whether a model field's type is a text players read (made by `localized`), alone, optional, in a tuple or as
    the values of a mapping; with `kind` NameInLanguages, a proper name."""
    if isinstance(annotation, type) and issubclass(annotation, kind):
        return True
    return any(is_localized(arg, kind) for arg in get_args(annotation))


def lacking(data: Any, model_at: Callable[[tuple], type[BaseModel] | None], lang: str) -> list[tuple]:
    """The paths of the texts in a scenario's data (as read from YAML) that are not written in `lang`: each text a
    plain string (or a mapping without `lang`), where the model at its mapping (`model_at(path)`) makes it a
    text players read. An empty text needs no translation."""
    found: list[tuple] = []

    def text_lacks(value: Any) -> bool:
        if isinstance(value, str):
            return bool(value.strip())
        return isinstance(value, dict) and isinstance(value.get(ENGLISH), str) and not value.get(lang)

    def visit(value: Any, path: tuple) -> None:
        if isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, path + (index,))
            return
        if not isinstance(value, dict):
            return
        model = model_at(path)
        fields = {info.alias or name: info for name, info in model.model_fields.items()} if model else {}
        for key, item in value.items():
            if key in fields and is_localized(fields[key].annotation) and not is_localized(fields[key].annotation,
                                                                                           NameInLanguages):
                keyed = get_origin(fields[key].annotation) is dict and isinstance(item, dict)   # option_labels
                items = item.items() if keyed else enumerate(item) if isinstance(item, list) else [(None, item)]
                found.extend(path + (key,) + (() if index is None else (index,)) for index, one in items if text_lacks(one))
            else:
                visit(item, path + (key,))

    visit(data, ())
    return found


def peek_title(source: str, lang: str = ENGLISH) -> str | None:
    """A scenario's title in `lang` (else its English), read from the file's text without loading it, as a list of
    saves or logs does for each file: a plain `title:` line, a `{en: ..., fr: ...}` on it, or the mapping under it.
    None when the text has no title line that reads."""
    lines = source.splitlines()
    for index, line in enumerate(lines):
        if not line.startswith("title:"):
            continue
        written = line[len("title:"):].strip()
        if not written:   # the mapping on the lines below, indented
            below = []
            for following in lines[index + 1:]:
                if following.strip() and not following.startswith(" "):
                    break
                below.append(following)
            written = "\n".join(below)
        value = read_yaml(written.encode("utf-8")).data   # YAML 1.2, as the scenario itself is read
        if isinstance(value, dict):
            value = value.get(lang) or value.get(ENGLISH)
        return value if isinstance(value, str) and value else None
    return None
