"""From a file (or bytes) to a validated Scenario, or to every error in it, located."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from pydantic import BaseModel, ValidationError

from ..i18n import Message, msg, nmsg
from . import checks, facts, localized
from .errors import Problem, ScenarioError
from .lesson import HistoryItem, Reference, Why
from .model import (UNION_TAGS, Ally, ClassPlan, Condition, Consequence, Event, EventEffect, Issue, Leader, Linkage,
                    Move, ObjectiveCheck, Option, Position, Protocol, Scenario, Source, Spread, Traits, UsReview)
from .untrusted import control_character
from .yaml_source import MAX_BYTES, Document, Path, dotted, read_yaml

# Which model describes the mapping at a path (list indexes and map keys written as "*").
_MODEL_AT: dict[tuple[str, ...], type[BaseModel]] = {
    (): Scenario,
    ("sources", "*"): Source,
    ("issues", "*"): Issue,
    ("allies", "*"): Ally,
    ("leaders", "*"): Leader,
    ("leaders", "*", "positions", "*"): Position,
    ("leaders", "*", "positions", "*", "unless"): Linkage,
    ("issues", "*", "options", "*"): Option,
    ("issues", "*", "options", "*", "after", "*"): Consequence,
    ("issues", "*", "after", "*"): Consequence,
    ("events", "*", "when"): Condition,
    ("events", "*", "when", "draft", "*"): Linkage,
    ("events", "*", "when", "moves", "*"): Move,
    ("leaders", "*", "traits"): Traits,
    ("leaders", "*", "objective_met_when"): ObjectiveCheck,
    ("leaders", "*", "objective_met_when", "terms", "*"): Linkage,
    ("events", "*"): Event,
    ("events", "*", "effects", "*"): EventEffect,
    ("us_review",): UsReview,
    ("spread",): Spread,
    ("protocol",): Protocol,
    ("history", "*"): HistoryItem,
    ("history", "*", "source"): Reference,
    ("leaders", "*", "positions", "*", "why"): Why,
    ("classroom", "*"): ClassPlan,
}
_WILDCARD_AFTER = {"sources", "issues", "allies", "leaders", "events", "effects", "positions", "options", "draft", "moves",
                   "after", "history"}


@dataclass(frozen=True)
class Checked:
    """The result of checking one file: the scenario when it has no errors, and every problem."""

    scenario: Scenario | None
    problems: tuple[Problem, ...]
    text: str = ""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def _shape(path: Path) -> tuple[str, ...]:
    shape: list[str] = []
    for index, part in enumerate(path):
        previous = path[index - 1] if index else None
        shape.append("*" if isinstance(part, int) or previous in _WILDCARD_AFTER else str(part))
    return tuple(shape)


def _known_keys(parent: Path) -> list[str]:
    model = _MODEL_AT.get(_shape(parent))
    if model is None:
        return []
    return [info.alias or name for name, info in model.model_fields.items()]


def _found(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(error: dict[str, Any]) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    loc = error["loc"]
    if error.get("languages") and kind == "extra_forbidden":
        hint = checks.did_you_mean(loc[-1], localized.LANGUAGES)
        return (msg("unknown language {lang!r}: a text is written in {languages}", lang=loc[-1],
                    languages=", ".join(localized.LANGUAGES)) + (hint if "did you mean" in hint else ""))
    if error.get("languages") and kind == "missing" and loc[-1] == localized.ENGLISH:
        return msg("a text written in several languages needs its English under 'en' (logs and JSON keep the "
                   "English), e.g. {{en: Rutte in Washington, fr: Rutte à Washington}}")
    if kind == "extra_forbidden":
        return msg("unknown key {key!r}", key=loc[-1]) + checks.did_you_mean(loc[-1], _known_keys(loc[:-1]))
    if kind == "missing":
        return msg("missing required key {key!r}", key=loc[-1])
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        return msg("the number {found} is too large", found=_found(value))
    if kind in ("float_type", "float_parsing"):
        return msg("expected a number, found {found}", found=_found(value)) + _text_number_hint(value)
    if kind == "finite_number":
        return msg("expected a finite number, found {found}", found=_found(value))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return msg("expected a whole number, found {found}", found=_found(value)) + _text_number_hint(value)
    if kind in ("bool_type", "bool_parsing"):
        yaml_11 = isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n")
        return (msg("expected true or false, found {found}", found=_found(value))
                + (msg(" (YAML 1.2, which Summit reads, takes yes, no, on and off for text)") if yaml_11 else ""))
    if kind == "string_type":
        return msg("expected text, found {found}", found=_found(value))
    if kind in ("dict_type", "model_type", "model_attributes_type") and loc and loc[-1] in ("why", "source"):
        return msg("expected a mapping, e.g. {example}, found {found}", example=_MAPPING_EXAMPLE[loc[-1]],
                       found=_found(value))
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return msg("expected a mapping (key: value lines), found {found}", found=_found(value))
    if kind in ("list_type", "tuple_type"):
        return msg("expected a list, found {found}", found=_found(value))
    if kind in ("literal_error", "enum"):
        choices = [e.strip("'") for e in str(ctx.get("expected", "")).replace(" or ", ", ").split(", ")]
        hint = checks.did_you_mean(value, choices) if isinstance(value, str) else ""
        return (msg("expected {choices}, found {found}", choices=ctx.get("expected"), found=_found(value))
                + (hint if "did you mean" in hint else ""))
    if kind == "greater_than_equal":
        return msg("expected a value at least {limit}, found {found}", limit=ctx.get("ge"), found=_found(value))
    if kind == "less_than_equal":
        return msg("expected a value at most {limit}, found {found}", limit=ctx.get("le"), found=_found(value))
    if kind == "greater_than":
        return msg("expected a value more than {limit}, found {found}", limit=ctx.get("gt"), found=_found(value))
    if kind == "less_than":
        return msg("expected a value less than {limit}, found {found}", limit=ctx.get("lt"), found=_found(value))
    if kind == "string_pattern_mismatch":
        if "A-Z" in str(ctx.get("pattern")):
            return msg("expected three capital letters (ISO 3166 alpha-3), found {found}",
                           found=_found(value))
        if str(ctx.get("pattern")).startswith("^[0-9]{4}"):
            return msg("expected a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-06-25), found {found}",
                           found=_found(value))
        if str(ctx.get("pattern")).startswith("^https?"):
            return msg("expected a web address starting with https:// or http://, found {found}",
                           found=_found(value))
        meant = checks.folded_id(value)
        return (msg("expected an id in lower_snake_case (a-z, 0-9, _; starting with a letter), found {found}",
                        found=_found(value))
                + (msg(" (did you mean {meant!r}?)", meant=meant) if meant else ""))
    if kind in ("too_short", "too_long"):
        limit = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        if kind == "too_short":
            return nmsg("expected at least {count} item, found {found}", "expected at least {count} items, found "
                            "{found}", limit, found=ctx.get("actual_length"))
        return nmsg("expected at most {count} item, found {found}", "expected at most {count} items, found {found}",
                        limit, found=ctx.get("actual_length"))
    if kind == "string_too_long":
        return msg("text longer than {limit} characters", limit=ctx.get("max_length"))
    if kind == "value_error":   # a check of the model's own (model.py), worded there
        raised = ctx.get("error")
        if isinstance(raised, Exception) and raised.args and isinstance(raised.args[0], Message):
            return raised.args[0]
        return str(raised if raised is not None else error["msg"])
    # pydantic's own words, for a kind of error the validator does not word itself
    said = error["msg"][0].lower() + error["msg"][1:]
    return msg("{error} (found {found})", error=said, found=_found(value))


# What a mapping that is given as text looks like, for the fields a designer is most likely to write as one line.
_MAPPING_EXAMPLE = {"why": msg("why: {{text: 'one sentence', source: SOURCE_ID}}"),
                    "source": "source: {title: ..., publisher: NATO, url: https://..., accessed: 2025-06-25}"}


def _text_number_hint(value: Any) -> str:
    """Numbers written as YAML 1.1 allows, which YAML 1.2 (read here) takes for text: say so."""
    if not isinstance(value, str):
        return ""
    if re.fullmatch(r"[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?", value):
        return msg(" (YAML 1.2, which Summit reads, takes {value} for text, not for minutes and seconds: write the number)",
                       value=value)
    if re.fullmatch(r"[-+]?(0b[01_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?)", value) and "_" in value:
        return msg(" (YAML 1.2, which Summit reads, takes {value} for text: write it without '_')",
                       value=value)
    if re.fullmatch(r"[-+]?0b[01]+", value):
        return msg(" (YAML 1.2, which Summit reads, takes {value} for text: write the number in decimal)",
                       value=value)
    return ""


def _locate(document: Document, loc: Path, kind: str, file: str, message: str) -> Problem:
    if kind == "missing":
        line, column = document.where(loc[:-1])
    elif kind == "extra_forbidden":
        line, column = document.where(loc, key=True)
    elif loc and loc[-1] == "[key]":
        loc = loc[:-1]
        line, column = document.where(loc, key=True)
    else:
        line, column = document.where(loc)
    return Problem(line, column, dotted(loc), message, file)


def _fill_objective_threat(data: dict) -> None:
    """An ally that writes no threat gets the objective one of the scenario's year, where Summit has facts
    about its ISO code (facts.py); the others are left for the checks to name."""
    year, allies = data.get("year"), data.get("allies")
    if not isinstance(year, int) or isinstance(year, bool) or not isinstance(allies, list):
        return
    for ally in allies:
        if isinstance(ally, dict) and "threat" not in ally and isinstance(ally.get("iso3"), str) and facts.known(ally["iso3"]):
            ally["threat"] = facts.objective_threat(ally["iso3"], year)


# The texts that may run to paragraphs: in these, and only these, a line feed or a tab is the text's own.
_PARAGRAPHS = {"summary", "help", "citation", "note", "text", "background", "objective"}


def _paragraphs(path: Path) -> bool:
    """Whether the text at path may run to paragraphs: one of _PARAGRAPHS, or its translation ({en: ..., fr: ...})."""
    return bool(path) and (path[-1] in _PARAGRAPHS or path[-1] in localized.LANGUAGES and len(path) > 1
                           and path[-2] in _PARAGRAPHS)


def _control_characters(document: Document, file: str) -> list[Problem]:
    """An error for each text holding a control character (NUL, ESC, BEL...), at the text. The file cannot hold
    one as such (the YAML reader refuses it), but a double-quoted string can write one as an escape ("\\0",
    "\\e"): it would stop the window (pygame draws no NUL) and play tricks on a terminal."""
    found = []

    def refuse(path: Path, index: int, name: str, key: bool = False) -> None:
        line, column = document.where(path, key=key)
        said = (msg("control character {name} at character {index} of this key: a scenario's texts may not hold "
                        "one (remove it, or the escape that writes it)", name=name, index=index + 1) if key else
                msg("control character {name} at character {index} of this text: a scenario's texts may not hold "
                        "one (remove it, or the escape that writes it)", name=name, index=index + 1))
        found.append(Problem(line, column, dotted(path), said,
                             file))

    def visit(value: Any, path: Path) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and (bad := control_character(key)):
                    refuse(path + (key,), *bad, key=True)
                visit(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, path + (index,))
        elif isinstance(value, str):
            bad = control_character(value, paragraphs=_paragraphs(path))
            if bad:
                refuse(path, *bad)

    visit(document.data, ())
    return found


def check_bytes(raw: bytes, file: str = "<scenario>", agent_names: Collection[str] | None = None,
                expected_id: str | None = None, size: int | None = None) -> Checked:
    """Every error and warning in a scenario's bytes; the Scenario itself when there are no errors.
    `size` is the file's full size when raw holds only its beginning."""
    document = read_yaml(raw, size)
    problems = [Problem(p.line, p.column, p.path, p.message, file, p.severity) for p in document.problems]
    if document.data is None and problems:  # unreadable (a file holding only `null` is read, and refused below)
        return Checked(None, tuple(sorted(problems)))
    text = raw.decode("utf-8")
    if not isinstance(document.data, dict):
        problems.append(Problem(1, 1, "", msg("expected a scenario mapping (schema: 1, id: ..., ...), found {found}",
                                                  found=_found(document.data)), file))
        return Checked(None, tuple(sorted(problems)))
    if document.data.get("schema", 1) not in (1, 2) or isinstance(document.data.get("schema"), bool):
        line, column = document.where(("schema",))
        problems.append(Problem(line, column, "schema",
                                msg("this Summit reads scenario formats 1 and 2, found {found}",
                                        found=_found(document.data.get("schema"))), file))
        return Checked(None, tuple(sorted(problems)))
    problems += _control_characters(document, file)
    _fill_objective_threat(document.data)
    try:
        scenario = Scenario.model_validate(document.data)
        cut = _Cut()
    except ValidationError as invalid:
        errors = _structural(invalid)
        problems += [_locate(document, tuple(e["loc"]), e["type"], file, _message(e)) for e in errors]
        # The items that failed are cut out and the rest checked across, so that one run reports both kinds.
        cut = _Cut.of(document.data, errors)
        scenario = cut.validate() if cut is not None else None
        if scenario is None:
            return Checked(None, tuple(sorted(problems)), text)
    whole = checks.warnings(scenario) if cut.keeps_the_whole() else checks.local_warnings(scenario)
    for severity, findings in (("error", checks.errors(scenario, agent_names)), ("warning", whole)):
        for path, said in findings:
            path, said = cut.original(path, said)
            if not cut.knock_on(path, said):
                line, column = document.where(path)
                problems.append(Problem(line, column, dotted(path), said, file, severity))
    problems += _untranslated(document, scenario, file)
    if expected_id is not None and scenario.id != expected_id:
        line, column = document.where(("id",))
        problems.append(Problem(line, column, "id", msg("the id {scenario!r} differs from the file name {expected!r}",
                                                            scenario=scenario.id, expected=expected_id), file, "warning"))
    problems = _once(problems)
    if any(p.severity == "error" for p in problems):
        return Checked(None, tuple(problems), text)
    return Checked(scenario.with_source(text), tuple(problems), text)


def _untranslated(document: Document, scenario: Scenario, file: str) -> list[Problem]:
    """A warning at each text players read that lacks a language the scenario declares (`languages: [en, fr]`)."""
    found = []
    for lang in scenario.languages[1:]:
        name = localized.LANGUAGE_NAMES[lang]
        for path in localized.lacking(document.data, lambda at: _MODEL_AT.get(_shape(at)), lang):
            # a mapping {en: ...} is pointed at by its key, a string where it stands
            mapping = isinstance(_at(document.data, path), dict) and path in document.key_at
            line, column = document.key_at[path] if mapping else document.where(path)
            found.append(Problem(line, column, dotted(path), msg(
                "no {language} for this text, and the scenario's languages include {lang}: write it as "
                "{{en: ..., {lang}: ...}}", language=name, lang=lang), file, "warning"))
        for index, issue in enumerate(scenario.issues):   # options given as ids are shown by their ids
            for number, option in enumerate(() if issue.is_range or issue.options_written_out else issue.options or ()):
                if lang not in localized.languages_of(issue.option_labels.get(option)):
                    path = ("issues", index, "options", number)
                    line, column = document.where(path)
                    found.append(Problem(line, column, dotted(path), msg(
                        "option {option!r} is shown by its id, which has no {language}: give it words, option_labels: "
                        "{{{option}: {{en: {label}, {lang}: ...}}}}", option=option, language=name,
                        label=str(issue.option_label(option)), lang=lang), file, "warning"))
    return found


def _structural(invalid: ValidationError) -> list[dict[str, Any]]:
    """pydantic's errors, each once, without those the others explain."""
    seen: set[tuple] = set()
    kept = []
    errors = invalid.errors(include_url=False)
    for error in errors:
        error["languages"] = localized.TAGS[1] in error["loc"]   # inside a text written as a mapping of languages
        # the options' tagged union, and a text's (one language or several)
        error["loc"] = loc = tuple(part for part in error["loc"] if part not in UNION_TAGS + localized.TAGS)
        # A list whose items failed also counts as too short; the items' own errors say more.
        if error["type"] == "too_short" and any(len(e["loc"]) > len(loc) and tuple(e["loc"][:len(loc)]) == loc for e in errors):
            continue
        if (loc, error["type"]) in seen:
            continue
        seen.add((loc, error["type"]))
        kept.append(error)
    return kept


def _once(problems: list[Problem]) -> list[Problem]:
    """Problems in file order, each once; a warning about a value that has an error already is left out."""
    errors = [p.path for p in problems if p.severity == "error"]

    def inside(path: str, outer: str) -> bool:
        return path == outer or path.startswith(outer + ".") or path.startswith(outer + "[")

    kept = {p for p in problems if p.severity == "error" or not any(inside(p.path, e) for e in errors if e)}
    return sorted(kept)


# Where a structural error can be cut out so that the rest can be checked across: the item of a collection
# that holds it (a list item, or the entry of a map keyed by id), or else an optional top-level field whose
# default changes no cross-reference. An error anywhere else (the year, a required section, the protocol)
# leaves nothing to check across.
_ITEMS = {("sources", "*"), ("issues", "*"), ("allies", "*"), ("leaders", "*"), ("leaders", "*", "positions", "*"),
          ("leaders", "*", "traits", "trust", "*"), ("events", "*"), ("events", "*", "effects", "*"),
          ("classroom", "*"), ("classroom", "*", "roles", "*"), ("protocol", "discount", "*"), ("no_deal", "*"),
          ("objectives", "*"), ("history", "*")}
_KEYED_BY_ID = {"positions", "trust", "roles", "discount", "no_deal"}
_OPTIONAL = {"order", "pen_holder", "information", "fictional", "carve_out_cost", "us_review", "spread", "decision",
             "events", "classroom", "objectives", "history", "languages"}
_SECTIONS = ("sources", "issues", "allies", "leaders", "events", "classroom")
_WHOLE = {"leaders", "events", "decision", "protocol"}   # what the warnings about the whole scenario read
_KINDS = {"sources": "source", "issues": "issue", "allies": "ally", "leaders": "leader"}   # as errors name them
# Errors across the file that cutting an item may cause by itself (a count, a list of what is missing), by
# the kind of item cut. Errors that name a cut item's id are recognised by the id (_Cut.knock_on).
_KNOCK_ONS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("leaders", "*"): ("at least one leader must be", "no one holds the pen", "needs exactly two leaders",
                       "discount factor"),
    ("pen_holder",): ("no one holds the pen",),
    ("no_deal", "*"): ("every issue needs a no-deal value",),
    ("protocol", "discount", "*"): ("discount factor",),
    ("classroom", "*", "roles", "*"): ("the roles seat",),
}


def _item_shape(path: Path) -> tuple[str, ...]:
    return tuple("*" if isinstance(part, int) or (index and path[index - 1] in _KEYED_BY_ID) else str(part)
                 for index, part in enumerate(path))


@dataclass
class _Cut:
    """A scenario's data with the items that failed validation cut out, and how to read what the checks then
    find back in the file's own terms: paths renumbered as in the file, and the findings that only the cut
    itself causes recognised (an error is never reported because of the way it was reported)."""

    data: Any = None
    paths: frozenset[Path] = frozenset()
    unknown_keys: frozenset[Path] = frozenset()
    kept: dict[Path, list[int]] = field(default_factory=dict)   # list path -> the original index of each item kept
    ids: frozenset[str] = frozenset()                           # ids of items cut, or holding something cut
    fragments: tuple[str, ...] = ()

    @classmethod
    def of(cls, data: Any, errors: list[dict[str, Any]]) -> "_Cut | None":
        """The cut that removes every error, or None when one of them cannot be cut out."""
        paths, unknown = set(), set()
        for error in errors:
            loc = tuple(part for part in error["loc"] if part != "[key]")
            if error["type"] == "extra_forbidden":
                unknown.add(loc)
                continue
            item = next((loc[:n] for n in range(len(loc), 0, -1) if _item_shape(loc[:n]) in _ITEMS), None)
            if item is None and loc and loc[0] in _OPTIONAL:
                item = loc[:1]
            if item is None:
                return None
            paths.add(item)
        paths |= unknown
        # Only the outermost cut counts: cutting a leader cuts its positions too.
        paths = {path for path in paths if not any(path[:n] in paths for n in range(len(path)))}
        cut = cls(paths=frozenset(paths), unknown_keys=frozenset(unknown & paths))
        cut.data = cut._without(data, ())
        ids, fragments = set(), []
        for path in paths - unknown:
            fragments += _KNOCK_ONS.get(_item_shape(path), ())
            item = _at(data, path)
            if len(path) == 2 and path[0] in _KINDS and not (isinstance(item, dict) and isinstance(item.get("id"), str)):
                fragments.append(f"unknown {_KINDS[path[0]]} ")   # whatever its id was, nothing may name it now
            for n in range(len(path), 0, -1):   # the item cut, and every item that holds it
                holder = _at(data, path[:n])
                if isinstance(holder, dict) and isinstance(holder.get("id"), str):
                    ids |= {holder["id"], checks.folded_id(holder["id"]) or holder["id"]}
                if _item_shape(path[:n]) in _ITEMS and isinstance(path[n - 1], str):
                    ids.add(path[n - 1])    # the key of an entry keyed by id
        cut.ids, cut.fragments = frozenset(ids), tuple(fragments)
        return cut

    def _without(self, value: Any, path: Path) -> Any:
        if isinstance(value, dict):
            return {key: self._without(item, path + (key,)) for key, item in value.items() if path + (key,) not in self.paths}
        if isinstance(value, list):
            indices = [index for index in range(len(value)) if path + (index,) not in self.paths]
            if len(indices) < len(value):
                self.kept[path] = indices
            return [self._without(value[index], path + (index,)) for index in indices]
        return value

    def validate(self) -> Scenario | None:
        try:
            return Scenario.model_validate(self.data)
        except ValidationError:   # e.g. a section left empty by the cut: nothing more can be said
            return None

    def original(self, path: Path, message: str) -> tuple[Path, str]:
        """A finding's path, and the items its message names by index, numbered as in the file."""
        if not self.kept:
            return path, message
        renumbered: Path = ()
        for part in path:
            if isinstance(part, int) and renumbered in self.kept:
                part = self.kept[renumbered][part]
            renumbered += (part,)

        def index(match: re.Match) -> str:
            kept = self.kept.get((match[1],))
            return f"{match[1]}[{kept[int(match[2])] if kept else match[2]}]"

        def renumber(text: str) -> str:
            return re.sub(rf"\b({'|'.join(_SECTIONS)})\[(\d+)\]", index, text)

        # A message keeps its fields (to be written in another language): the indexes it quotes are in them.
        return renumbered, message.map_fields(renumber) if isinstance(message, Message) else renumber(message)

    def keeps_the_whole(self) -> bool:
        """Whether the warnings about the scenario as a whole (red lines that cannot meet under the decision
        rule, an ally no leader speaks for) still hold: the cut left alone what they read (leaders, events, the
        decision rule), and no unknown top-level key may be a misspelling of one of those."""
        return not any(path[0] in _WHOLE or len(path) == 1 and path in self.unknown_keys for path in self.paths)

    def knock_on(self, path: Path, message: str) -> bool:
        """Whether the finding may come only from the cut: it names an item cut (or one that lost a part),
        it is one of the counts a cut changes, or it is about the mapping of an unknown key (which may be a
        misspelt field, reported already)."""
        return (any(repr(cut_id) in message for cut_id in self.ids)
                or any(fragment in message for fragment in self.fragments)
                or any(path[:len(key) - 1] == key[:-1] and len(path) <= len(key) for key in self.unknown_keys))


def _at(data: Any, path: Path) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def check_file(path: str | FilePath, agent_names: Collection[str] | None = None) -> Checked:
    """check_bytes for a file on disk; a file that cannot be read is one located problem.

    Only a regular file is read, and only from its own folder: a link to a file elsewhere is refused, so a
    folder of scenarios from someone else cannot make Summit read (and quote in its errors) other files."""
    path = FilePath(path)

    def refused(message: str) -> Checked:
        return Checked(None, (Problem(1, 1, "", message, str(path)),))

    try:
        if path.is_dir():
            return refused(msg("is a folder, not a scenario file"))
        # os.path.realpath, not Path.resolve: on a link loop that raises RuntimeError ("Symlink loop") in 3.11
        real = FilePath(os.path.realpath(path, strict=True))
        if real.parent != FilePath(os.path.realpath(path.absolute().parent)):
            return refused(msg("is a link to {real}, outside its folder; a scenario is read only from its own folder "
                                   "(open that file itself, or copy it here)",
                                   real=real))
        # Non-blocking, so that a named pipe (which would wait for a writer) is refused instead of hanging.
        descriptor = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(descriptor, "rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                return refused(msg("is not a regular file (a pipe, device or socket); expected a .yaml file"))
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return refused(msg("is a link that leads back to itself (a link loop), so there is no file to read"))
        return refused(msg("cannot read the file: {reason}", reason=error.strerror or error))
    return check_bytes(raw, str(path), agent_names, expected_id=path.stem, size=max(status.st_size, len(raw)))


def load_scenario(path: str | FilePath, agent_names: Collection[str] | None = None) -> Scenario:
    """The Scenario in a file; raises ScenarioError listing every error when there is any."""
    checked = check_file(path, agent_names)
    if checked.scenario is None:
        raise ScenarioError(list(checked.errors))
    return checked.scenario


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
