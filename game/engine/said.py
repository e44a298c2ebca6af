"""What a leader says: the reason each built-in agent gives for a move, as a sentence template with its fields.

A Said is a str, the English sentence, exactly the text the log keeps as the action's "reason" (the log is
English in every language, and the games of record keep their text). It also keeps its template (an English
message id, marked for extraction by `voiced`/`nvoiced`; not `said`, a common variable name, which pybabel would
take for a call) and its fields, so that a French account writes the whole sentence in French (`Said.shown`)
instead of quoting the English:

    voiced("{me_The} wants {term}, not {value}", me=Country.ally(ally), term=Term.of(issue, 3.5), value=Value.of(issue, 2))

A field is a number or a text written as it is (an int: a year, a count), or a reference the scenario resolves
when the sentence is shown in a language: a country (an ally, or a leader who speaks for none), whose field
`me` gives the template {me}, {me_the}, {me_The}, {me_of}, {me_to}, {me_in} and {me_s} (English "Spain's";
French, which has no such form, the {me_of} one); an issue's label; an issue's value; an issue and its value
(a term); a percentage or a number with its digits; another Said; a list joined by a translatable separator.
The log keeps the template and fields as JSON (`to_json`, read back by `from_json`), beside the English.

Also the English helpers the agents' sentences are made of (`phrase`, `term`, `country`, `possessive`).

May import: i18n only (narrate resolves the references with a scenario: narrate.shown_reason).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from ..i18n import N_, gettext, language, ngettext, number, percent

# ----- the English helpers ------------------------------------------------------------------------------------

_PROPER = {"Ukraine", "NATO", "Europe", "European", "Article", "US", "EU"}
_DEFINITE = {"United States", "United Kingdom", "Netherlands"}


def phrase(label: str) -> str:
    """An issue label inside a sentence: 'Core defence target' -> 'core defence target', while
    'Ukraine in the text', 'US guarantee' and "Finland's accession" keep their capitals."""
    first = label.split(" ", 1)[0]
    if first in _PROPER or (len(first) > 1 and first.isupper()) or first.endswith(("'s", "’s")):
        return label   # a name, an acronym, or a name's possessive ("Northland's accession")
    return label[:1].lower() + label[1:]


def term(issue, value) -> str:
    """An issue and its value inside a sentence: "core defence target 3.5% GDP", "US guarantee conditional"; an
    option written out with a label of its own follows a colon: "the Nordic accession: Invite Finland and Sweden"."""
    return f"{phrase(str(issue.label))}{': ' if issue.options_written_out else ' '}{issue.format(value)}"


def country(name: str, start: bool = False) -> str:
    """A country's name inside a sentence: 'the United States', 'Spain'."""
    if name in _DEFINITE:
        return ("The " if start else "the ") + name
    return name


def possessive(name: str) -> str:
    """'Spain' -> "Spain's", 'the United States' -> "the United States'"."""
    return name + ("'" if name.endswith("s") else "'s")


@lru_cache(maxsize=1024)
def english_forms(name: str) -> dict[str, str]:
    """A country's forms in an English sentence, by the suffix of the template's field ('' is the bare name)."""
    the = country(name)
    return {"": name, "_the": the, "_The": country(name, start=True), "_of": f"of {the}", "_to": f"to {the}",
            "_in": f"in {the}", "_s": possessive(the)}


# The separators of a list (Joined), translated where it is shown
OR, SEMICOLON, COMMA = N_(" or ").message, N_("; ").message, N_(", ").message


# ----- resolving references ------------------------------------------------------------------------------------

class Resolver(Protocol):
    """What a Said needs of a scenario to be shown in the language in use (narrate's implements it)."""

    def country(self, kind: str, key: str) -> dict[str, str]: ...   # suffix -> text, as english_forms
    def label(self, issue: str, phrased: bool) -> str: ...
    def value(self, issue: str, value) -> str: ...
    def term(self, issue: str, value) -> str: ...


@dataclass(slots=True)   # not frozen: made for every move, and never changed
class Country:
    """An ally (`kind` "ally", its id) or a leader who speaks for no ally ("leader", its id); `name` the English
    name (None when read from a log: the scenario has it)."""

    kind: str
    key: str
    name: str | None = None

    @classmethod
    def ally(cls, ally) -> "Country":
        return cls("ally", ally.id, str(ally.name))

    @classmethod
    def leader(cls, leader) -> "Country":
        return cls("leader", leader.id, str(leader.name))

    def forms(self, resolver: Resolver | None) -> dict[str, str]:
        return english_forms(self.name) if resolver is None else resolver.country(self.kind, self.key)

    def to_json(self) -> dict:
        return {self.kind: self.key}


@dataclass(slots=True)   # not frozen: made for every move, and never changed
class Label:
    """An issue's label: inside a sentence (`phrased`, 'core defence target') or as written."""

    issue: str
    english: str | None = None
    phrased: bool = True

    @classmethod
    def of(cls, issue, phrased: bool = True) -> "Label":
        return cls(issue.id, phrase(str(issue.label)) if phrased else str(issue.label), phrased)

    def text(self, resolver: Resolver | None) -> str:
        return self.english if resolver is None else resolver.label(self.issue, self.phrased)

    def to_json(self) -> dict:
        return {"label": self.issue} if self.phrased else {"label": self.issue, "phrased": False}


@dataclass(slots=True)   # not frozen: made for every move, and never changed
class Value:
    """An issue's value as players read it ("3.5% GDP", "2032", an option's label)."""

    issue: str
    value: Any
    english: str | None = None

    @classmethod
    def of(cls, issue, value) -> "Value":
        return cls(issue.id, _plain(value), issue.format(value))

    def text(self, resolver: Resolver | None) -> str:
        return self.english if resolver is None else resolver.value(self.issue, self.value)

    def to_json(self) -> dict:
        return {"issue": self.issue, "value": self.value}


@dataclass(slots=True)   # not frozen: made for every move, and never changed
class Term:
    """An issue and its value inside a sentence ("core defence target 3.5% GDP")."""

    issue: str
    value: Any
    english: str | None = None

    @classmethod
    def of(cls, issue, value) -> "Term":
        return cls(issue.id, _plain(value), term(issue, value))

    def text(self, resolver: Resolver | None) -> str:
        return self.english if resolver is None else resolver.term(self.issue, self.value)

    def to_json(self) -> dict:
        return {"term": self.issue, "value": self.value}


@dataclass(slots=True)   # not frozen: made for every move, and never changed
class Percent:
    """A percentage in points with `digits` decimals: English f"{value:.{digits}f}%", French "3,5 %"."""

    value: float
    digits: int = 1

    def text(self, resolver: Resolver | None) -> str:
        if resolver is None or language() == "en":
            return f"{self.value:.{self.digits}f}%"
        return percent(self.value, self.digits)

    def to_json(self) -> dict:
        return {"percent": float(self.value), "digits": self.digits}


@dataclass(slots=True)   # not frozen: made for every move, and never changed
class Number:
    """A number with `digits` decimals: English f"{value:.{digits}f}", French "0,8"."""

    value: float
    digits: int = 1

    def text(self, resolver: Resolver | None) -> str:
        if resolver is None or language() == "en":
            return f"{self.value:.{self.digits}f}"
        return number(self.value, self.digits)

    def to_json(self) -> dict:
        return {"number": float(self.value), "digits": self.digits}


@dataclass(slots=True)   # not frozen: made for every move, and never changed
class Joined:
    """Items one after the other with a translatable separator between them (" or ", "; ", ", "). A list of
    countries gives the template a field per form, as one country does ({allies}, {allies_the}, ...)."""

    items: tuple
    separator: str

    def text(self, resolver: Resolver | None) -> str:
        separator = self.separator if resolver is None else gettext(self.separator)
        return separator.join(_single(item, resolver) for item in self.items)

    def to_json(self) -> dict:
        return {"list": [_field_json(item) for item in self.items], "sep": self.separator}


def _plain(value):
    """A draft's value as JSON keeps it (a numpy float as a float)."""
    return value if isinstance(value, (str, int)) and not isinstance(value, bool) else float(value)


_TEXTS = frozenset({Label, Value, Term, Percent, Number, Joined})   # the fields that write one text


def _single(value, resolver: Resolver | None) -> str:
    kind = type(value)
    if kind in _TEXTS:
        return value.text(resolver)
    if kind is Said:
        return value.shown(resolver) if resolver is not None else str(value)
    if kind is Country:
        return value.forms(resolver)[""]
    return str(value)


@lru_cache(maxsize=4096)
def _english_fields(name: str, key: str) -> dict[str, str]:
    """A country's English forms as a template's fields named after `key` (remembered: every move names one)."""
    return {key + suffix: text for suffix, text in english_forms(name).items()}


def _fields(fields: dict, resolver: Resolver | None) -> dict[str, str]:
    """The template's named fields: a country's field gives one per form."""
    named = {}
    for key, value in fields.items():
        kind = type(value)
        if kind is int or kind is str:   # most fields: a count, a year
            named[key] = value
        elif kind is Country:
            if resolver is None:
                named.update(_english_fields(value.name, key))
            else:
                for suffix, text in value.forms(resolver).items():
                    named[key + suffix] = text
        elif isinstance(value, Joined) and value.items and all(isinstance(item, Country) for item in value.items):
            separator = value.separator if resolver is None else gettext(value.separator)
            forms = [item.forms(resolver) for item in value.items]
            for suffix in forms[0]:   # a list of countries in every form: {allies_the} "l'Espagne, l'Italie"
                named[key + suffix] = separator.join(form[suffix] for form in forms)
        else:
            named[key] = _single(value, resolver)
    return named


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class Said(str):
    """An agent's sentence: the English text (the str itself), and its template and fields."""

    template: str
    plural: str | None
    count: int
    fields: dict
    cap: bool

    def __new__(cls, template: str, fields: dict | None = None, plural: str | None = None, count: int = 1,
                cap: bool = False, text: str | None = None):
        fields = {} if fields is None else fields   # voiced's keywords, a dict of its own
        if text is None:
            form = template if plural is None or count == 1 else plural
            text = form.format(**_fields(fields, None))
            text = _capital(text) if cap else text
        made = super().__new__(cls, text)
        made.template, made.fields, made.plural, made.count, made.cap = template, fields, plural, count, cap
        made._json = None
        return made

    def __reduce__(self):   # pickled (a process pool's result) with its template and fields
        return (Said, (self.template, self.fields, self.plural, self.count, self.cap, str(self)))

    def __eq__(self, other) -> bool:
        """The same English; and, against another Said, the same template and fields too: a log whose template
        was edited behind an unchanged English is not the sentence an agent chose (replay's check)."""
        if isinstance(other, Said):
            return str.__eq__(self, other) and self.to_json() == other.to_json()
        return str.__eq__(self, other)

    def __ne__(self, other) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__   # equal Saids have equal English, so equal hashes

    def capitalized(self) -> "Said":
        """The same sentence with a capital first letter (in every language)."""
        return Said(self.template, dict(self.fields), self.plural, self.count, True)

    def shortened(self, most: int) -> "Said":
        """The English cut to `most` characters (an ellipsis last); shown in another language whole."""
        if len(self) <= most:
            return self
        return Said(self.template, self.fields, self.plural, self.count, self.cap, str(self)[:most - 1] + "\u2026")

    def shown(self, resolver: Resolver) -> str:
        """The sentence in the language in use, its references resolved by `resolver` (a scenario's)."""
        form = gettext(self.template) if self.plural is None else ngettext(self.template, self.plural, self.count)
        text = form.format(**_fields(self.fields, resolver))
        return _capital(text) if self.cap else text

    def to_json(self) -> dict:
        """The template and fields as the log keeps them (worked out once: a Said does not change; not to be
        changed by the caller)."""
        if self._json is None:
            self._json = self._made_json()
        return self._json

    def _made_json(self) -> dict:
        data: dict = {"template": self.template}
        if self.plural is not None:
            data["plural"], data["count"] = self.plural, self.count
        if self.fields:
            data["fields"] = {key: _field_json(value) for key, value in self.fields.items()}
        if self.cap:
            data["cap"] = True
        return data

    @classmethod
    def from_json(cls, data, text: str = "") -> "Said":
        """The Said a log keeps (`to_json`'s), its English `text` (the action's reason); ValueError when `data` is
        not one."""
        if not isinstance(data, dict) or not set(data) <= {"template", "plural", "count", "fields", "cap"}:
            raise ValueError(f"not a sentence template: {data!r}"[:200])
        template, plural, count = data.get("template"), data.get("plural"), data.get("count", 1)
        fields = data.get("fields", {})
        if (not isinstance(template, str) or not (plural is None or isinstance(plural, str))
                or isinstance(count, bool) or not isinstance(count, int) or not isinstance(fields, dict)
                or not isinstance(data.get("cap", False), bool)):
            raise ValueError(f"not a sentence template: {data!r}"[:200])
        for form in (template, plural):
            if form is not None:
                _check_template(form)
        return cls(template, {str(key): _field_from_json(value) for key, value in fields.items()}, plural, count,
                   data.get("cap", False), text)


def _check_template(template: str) -> None:
    """Only named fields, no attribute, index, conversion or format spec: a log is read from anywhere."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        raise ValueError(f"a sentence template that does not parse: {template!r} ({error})"[:200]) from None
    for _literal, name, spec, conversion in parsed:
        if name is not None and (not name.isidentifier() or spec or conversion):
            raise ValueError(f"a sentence template may name fields only: {template!r}"[:200])


def _field_json(value):
    kind = type(value)
    if kind is int or kind is str:
        return value
    if kind in _TEXTS or kind is Country:
        return value.to_json()
    if kind is Said:
        return {"said": value.to_json()}
    return value


def _number(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number, found {value!r}"[:200])
    return float(value)


def _digits(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 6:
        raise ValueError(f"expected a count of digits (0 to 6), found {value!r}"[:200])
    return value


def _field_from_json(value):
    if isinstance(value, bool) or value is None:
        raise ValueError(f"not a sentence's field: {value!r}"[:200])
    if isinstance(value, (int, str)):
        return value
    if not isinstance(value, dict):
        raise ValueError(f"not a sentence's field: {value!r}"[:200])
    keys = set(value)
    if keys == {"said"}:
        return Said.from_json(value["said"])
    if keys in ({"ally"}, {"leader"}) and isinstance(next(iter(value.values())), str):
        kind = next(iter(keys))
        return Country(kind, value[kind])
    if keys <= {"label", "phrased"} and isinstance(value.get("label"), str) and isinstance(value.get("phrased", True), bool):
        return Label(value["label"], None, value.get("phrased", True))
    if keys in ({"issue", "value"}, {"term", "value"}) and isinstance(value.get("issue", value.get("term")), str) \
            and isinstance(value["value"], (int, float, str)) and not isinstance(value["value"], bool):
        return (Value if "issue" in keys else Term)(value.get("issue", value.get("term")), value["value"])
    if keys == {"percent", "digits"}:
        return Percent(_number(value["percent"]), _digits(value["digits"]))
    if keys == {"number", "digits"}:
        return Number(_number(value["number"]), _digits(value["digits"]))
    if keys == {"list", "sep"} and isinstance(value["list"], list) and isinstance(value["sep"], str):
        return Joined(tuple(_field_from_json(item) for item in value["list"]), value["sep"])
    raise ValueError(f"not a sentence's field: {value!r}"[:200])


REASON_MAX = 500   # characters: a reason is one sentence the class reads (engine.actions.REASON_MAX)


class SaidLater:
    """A reason written the first time someone reads it: `write(*args)` gives the Said, and an argument that is
    itself a SaidLater is written first. A built-in agent's move holds one as its reason (engine/actions.py),
    and a batch of games, which never reads a reason, never writes it (bench/README.md, "Reasons written when
    read"). `write` must be a pure function of `args`, and the args must not change: an observation, drafts,
    numbers, the sentence's parts; never the agent's memo, its trust or a random stream, which the agent reads
    while it decides and which move on after (capture what it needs of them as numbers).

    Pickled and copied as the sentence it writes (a process pool's worker sends back what it played)."""

    __slots__ = ("_write", "_args", "_said")

    def __init__(self, write, *args):
        self._write, self._args, self._said = write, args, None

    def said(self) -> str:
        """The sentence, written once (then the arguments are let go); ValueError when the writer gives no str or
        one longer than REASON_MAX: the rules' check of a reason (Game.why_illegal) takes a SaidLater unread."""
        if self._write is not None:
            args = [arg.said() if type(arg) is SaidLater else arg for arg in self._args]
            text = self._write(*args)
            if not isinstance(text, str) or len(text) > REASON_MAX:
                raise ValueError(f"{_name(self._write)} wrote a reason that is not a sentence of at most "
                                 f"{REASON_MAX} characters: {text!r}"[:300])
            self._said, self._write, self._args = text, None, ()
        return self._said

    @property
    def is_written(self) -> bool:
        return self._write is None

    def __str__(self) -> str:   # str(), f-strings and print() read the sentence
        return str(self.said())

    def __reduce__(self):
        return (_as_written, (self.said(),))

    def __repr__(self) -> str:
        return f"SaidLater({self._said!r})" if self._write is None else f"SaidLater({_name(self._write)}, ...)"


def _as_written(text: str) -> str:
    return text


def _name(write) -> str:
    return getattr(write, "__qualname__", None) or repr(write)


def written(reason):
    """A reason as it reads: a SaidLater's sentence, anything else as it is."""
    return reason.said() if type(reason) is SaidLater else reason


def voiced(template: str, **fields: Any) -> Said:
    """An agent's sentence: its template (an English message id, extracted for translation) and its fields."""
    return Said(template, fields)


def nvoiced(singular: str, plural: str, count: int, **fields: Any) -> Said:
    """A sentence whose words depend on `count` (also a field): "1 promise", "2 promises"."""
    return Said(singular, {"count": count, **fields}, plural, count)
