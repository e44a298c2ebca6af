"""Plain sentences for actions, so the log reads like minutes of the meeting.

Two kinds of sentence live here. The log's (`describe`, `describe_teacher`, and `who`, `draft_summary`, with
`phrase`, `term`, `country`, `possessive` from said.py, which the agents' English reasons use too) are English
whatever the language in use: a log is the same bytes in every language. What a person reads (`tell`, `tell_action`,
`shown_who`, `shown_term`, `shown_draft`, ...) is written from a log entry's data (who acted, the action's kind
and fields, the event's id, the result) in the language of the moment, never from its stored English text; in
English it is the log's sentence byte for byte (tests/test_accounts_french.py checks every entry of several
games). The built-in agents' reasons are sentence templates with their fields (said.py): `shown_reason` writes
them in the language in use; a reason given as plain text (a person's, a user's agent's) is quoted as written.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..i18n import N_, _, country_forms, country_name, language, ngettext, percent, using
from ..scenario import Scenario, Traits
from .actions import (Action, Amend, AskCarveOut, BreakSilence, EndNow, InjectEvent, Pass, Pledge, Promise, Statement,
                      TableDraft, TeacherAction, Threat, action_from_json)
from .draft import Draft
from .said import Said, country, english_forms, phrase, possessive, term
from .state import Phase


def public(scenario: Scenario) -> Scenario:
    """The scenario as a sentence of the log may see it: no leader's positions, traits or objective, no events'
    effects, not the file it was read from. A log entry's text is written when first read, by a function that
    holds this, and an agent reads the log."""
    copy = scenario.model_copy(update={
        "events": (), "leaders": tuple(leader.model_copy(update={"positions": {}, "traits": Traits(), "objective": None})
                                       for leader in scenario.leaders)})
    copy._source_text = ""
    return copy


def who(scenario: Scenario, leader_id: str) -> str:
    leader = scenario.leader(leader_id)
    if leader.ally:
        return f"{leader.name} ({scenario.ally(leader.ally).name})"
    return leader.name


def draft_summary(scenario: Scenario, draft: Draft) -> str:
    parts = [f"{issue.label}{': ' if issue.options_written_out else ' '}{issue.format(draft[issue.id])}"
             for issue in scenario.issues]
    if draft.carve_outs:
        parts.append("carve-outs " + ", ".join(f"{scenario.ally(a).name} {y}" for a, y in draft.carve_outs))
    return "; ".join(parts)


def describe(scenario: Scenario, action: Action, pen_holder: str | None, in_silence: bool = False) -> str:
    """One sentence for the log, the reason appended after a dash: English in every language."""
    with using("en"):
        return tell_action(scenario, action, pen_holder, in_silence)


def tell_action(scenario: Scenario, action: Action, pen_holder: str | None, in_silence: bool = False) -> str:
    """An action in one sentence in the language in use, its reason after it: a built-in agent's in the language
    in use too (`shown_reason`), anyone else's as they wrote it."""
    actor = shown_who(scenario, action.actor)
    text = _action_text(scenario, action, actor, pen_holder, in_silence)
    reason = shown_reason(scenario, action.reason)
    if isinstance(action, Statement):
        return _('{actor}: "{reason}"').format(actor=actor, reason=reason)
    return _("{text} - {reason}").format(text=text, reason=reason) if action.reason else text


def _action_text(scenario: Scenario, action: Action, actor: str, pen_holder: str | None, in_silence: bool) -> str:
    if isinstance(action, TableDraft):
        return _("{actor} tables a draft: {draft}").format(actor=actor, draft=shown_draft(scenario, action.draft))
    if isinstance(action, Amend):
        issue = scenario.issue(action.issue)
        said = (_("{actor} amends {issue} to {value}") if action.actor == pen_holder else
                _("{actor} proposes to amend {issue} to {value}"))
        return said.format(actor=actor, issue=phrase(shown_label(issue)), value=shown_value(issue, action.value))
    if isinstance(action, (Promise, Threat)):
        target = shown_who(scenario, action.target)
        if action.issue is not None:
            issue = scenario.issue(action.issue)
            if isinstance(action, Promise):
                return _("{actor} promises {target} to let the text through if it says {term}").format(
                    actor=actor, target=target, term=shown_term(issue, action.value))
            return _("{actor} warns {target}: unless the text says {issue} {value}, it will block it").format(
                actor=actor, target=target, issue=phrase(shown_label(issue)), value=shown_value(issue, action.value))
        said = (_("{actor} promises {target} support if it pledges at least {level} GDP") if isinstance(action, Promise)
                else _("{actor} warns {target}: pledge at least {level} GDP, or else"))
        return said.format(actor=actor, target=target, level=percent(action.demand))
    if isinstance(action, Pledge):
        return _("{actor} pledges {level} GDP on core defence by {year}").format(
            actor=actor, level=percent(action.level), year=action.year)
    if isinstance(action, AskCarveOut):
        return _("{actor} asks for a carve-out: its own deadline in {year}").format(actor=actor, year=action.year)
    if isinstance(action, BreakSilence):
        label = _("carve-outs") if action.issue == "carve_outs" else phrase(shown_label(scenario.issue(action.issue)))
        wants = action.wants
        if not wants:
            return _("{actor} breaks silence on {issue}").format(actor=actor, issue=label)
        if wants == "more":
            return _("{actor} breaks silence on {issue} (wants more)").format(actor=actor, issue=label)
        if wants == "less":
            return _("{actor} breaks silence on {issue} (wants less)").format(actor=actor, issue=label)
        if action.issue != "carve_outs":
            wants = shown_value(scenario.issue(action.issue), wants)
        return _("{actor} breaks silence on {issue} (wants {wants})").format(actor=actor, issue=label, wants=wants)
    if isinstance(action, Pass):
        return (_("{actor} stays silent") if in_silence else _("{actor} passes")).format(actor=actor)
    if isinstance(action, Statement):
        return ""
    return _("{actor} acts").format(actor=actor)   # pragma: no cover - every Action subclass is listed above


def describe_teacher(scenario: Scenario, action: TeacherAction) -> str:
    """The log's sentence for a teacher's move, the reason appended after a dash: English in every language."""
    with using("en"):
        return tell_teacher(scenario, action)


def tell_teacher(scenario: Scenario, action: TeacherAction) -> str:
    """A teacher's move in the language in use, the reason (as the teacher typed it) after it."""
    if isinstance(action, InjectEvent):
        label = next(e.label for e in scenario.events if e.id == action.event)
        text = _("The teacher brings an event forward: {event}").format(event=shown_text(label))
    elif isinstance(action, EndNow):
        text = _("The teacher ends the negotiation and the draft is adopted") if action.adopt else \
            _("The teacher ends the negotiation without a deal")
    else:  # pragma: no cover - every TeacherAction subclass is listed above
        text = _("The teacher steps in")
    return _("{text} - {reason}").format(text=text, reason=action.reason) if action.reason else text


# ----- what a person reads: the language of the moment ------------------------------------------------------

def shown_text(value) -> str:
    """A scenario's own text in the language in use: its translation when the scenario gives one (a Localized
    text, game/scenario/localized.py, carries `translations`), else as written."""
    translations = getattr(value, "translations", None)
    return (translations.get(language()) if translations else None) or str(value)


def shown_country(scenario: Scenario, ally_id: str) -> str:
    """An ally's name in the language in use: the scenario's in English, CLDR's in French."""
    ally = scenario.ally(ally_id)
    return country_name(ally.iso3, shown_text(ally.name))


def shown_who(scenario: Scenario, leader_id: str) -> str:
    """'Pedro Sánchez (Spain)' / 'Pedro Sánchez (Espagne)'; a leader without an ally by name alone."""
    leader = scenario.leader(leader_id)
    if leader.ally:
        return _("{leader} ({country})").format(leader=shown_text(leader.name),
                                                 country=shown_country(scenario, leader.ally))
    return shown_text(leader.name)


def shown_label(issue) -> str:
    return shown_text(issue.label)


# Units the bundled scenarios use, as French writes them around a percentage
_PERCENT_UNITS = {"% GDP": N_("{percent} GDP"), "% of defence budget": N_("{percent} of defence budget")}


def shown_value(issue, value) -> str:
    """An issue's value as players read it in the language in use: in English exactly `issue.format(value)`
    ("3.5% GDP", "2032", an option's label); in French "3,5 % du PIB", "2032", the option's French label."""
    if language() == "en" or value is None:
        return issue.format(value)
    if not issue.is_range:
        return shown_text(issue.option_label(str(value)))
    english = issue.format(value)
    return shown_amount(issue, float(value), len(english.split(" ")[0].split("%")[0].partition(".")[2]))


def shown_amount(issue, value: float, digits: int) -> str:
    """A number on a range issue's scale with `digits` decimals and the issue's unit, in the language in use:
    "3.45% GDP" / "3,45 % du PIB"; a year as it is ("2032")."""
    unit = str(issue.unit)
    if language() == "en":
        text = f"{value:.{digits}f}"
        if unit in ("", "year"):
            return text
        return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"
    if unit in _PERCENT_UNITS:
        return _PERCENT_UNITS[unit].format(percent=percent(value, digits))
    text = ungrouped(value, digits)
    if unit in ("", "year"):
        return text
    shown_unit = shown_text(issue.unit)
    return f"{text}{shown_unit}" if unit.startswith("%") else f"{text}\u00a0{shown_unit}"


def ungrouped(value: float, digits: int) -> str:
    """A number with `digits` decimals and the language's decimal sign but no grouping: a year stays 2032."""
    text = f"{value:.{digits}f}"
    if language() == "en":
        return text
    from babel.numbers import get_decimal_symbol

    return text.replace(".", get_decimal_symbol(language()))


def shown_term(issue, value) -> str:
    """An issue and its value inside a sentence in the language in use (`term`'s shape)."""
    joint = _(": ") if issue.options_written_out else " "   # French puts a no-break space before the colon
    return f"{phrase(shown_label(issue))}{joint}{shown_value(issue, value)}"


def shown_draft(scenario: Scenario, draft: Draft) -> str:
    """A draft's terms in the language in use (`draft_summary`'s shape)."""
    parts = [f"{shown_label(issue)}{_(': ') if issue.options_written_out else ' '}{shown_value(issue, draft[issue.id])}"
             for issue in scenario.issues]
    if draft.carve_outs:
        parts.append(_("carve-outs {allies}").format(
            allies=", ".join(f"{shown_country(scenario, a)} {y}" for a, y in draft.carve_outs)))
    return _("; ").join(parts)


class _Resolver:
    """The references of an agent's sentence (said.py) resolved with a scenario, in the language in use."""

    def __init__(self, scenario: Scenario):
        self.scenario = scenario

    def country(self, kind: str, key: str) -> dict[str, str]:
        if kind == "ally":
            ally = self.scenario.ally(key)
            iso3, name = ally.iso3, shown_text(ally.name)
        else:
            iso3, name = "", shown_text(self.scenario.leader(key).name)
        if language() == "en":
            return english_forms(name)
        forms = country_forms(iso3, name).fields("")
        return {suffix: forms[suffix] for suffix in forms} | {"_s": forms["_of"]}

    def label(self, issue: str, phrased: bool) -> str:
        label = shown_label(self.scenario.issue(issue))
        return phrase(label) if phrased else label

    def value(self, issue: str, value) -> str:
        return shown_value(self.scenario.issue(issue), value)

    def term(self, issue: str, value) -> str:
        return shown_term(self.scenario.issue(issue), value)


def shown_reason(scenario: Scenario, reason: str) -> str:
    """An action's reason in the language in use: a built-in agent's sentence (a Said, from its template and
    fields) in that language, with a capital first letter; any other reason (a person's, a user's agent's, a
    log's from before the templates) as written. In English always the reason as written, byte for byte."""
    if language() == "en" or not isinstance(reason, Said):
        return reason
    try:
        text = reason.shown(_Resolver(scenario))
    except (LookupError, StopIteration, ValueError, TypeError, AttributeError):
        return reason   # a log naming what its scenario does not have: the English it keeps
    return text[:1].upper() + text[1:]


_RULES = {"consensus": N_("consensus"), "majority": N_("majority"), "qualified_majority": N_("qualified majority")}


def rule_name(decision) -> str:
    """The decision rule's name in the language in use ("qualified majority")."""
    name = _RULES.get(decision.rule)
    return str(name) if name is not None else decision.describe().split(":")[0]


def tell(scenario: Scenario, entry, history: Sequence = ()) -> str:
    """A log entry in the language in use, written from its data (never its stored English text, which it is in
    English byte for byte). `history` is the game's log around the entry: a result that adopts a draft over
    objections counts the voters who answered in that round's silence."""
    if entry.type == "action":
        action = action_from_json(entry.data["action"])
        return tell_action(scenario, action, scenario.pen_holder_id, in_silence=entry.phase == "silence")
    if entry.type == "teacher":
        return tell_teacher(scenario, action_from_json(entry.data["action"]))
    if entry.type == "event":
        event = next((e for e in scenario.events if e.id == entry.data.get("event")), None)
        if event is None:
            return entry.text
        return _("Event: {event}. {text}").format(event=shown_text(event.label), text=shown_text(event.text))
    if entry.type == "result":
        return _tell_result(scenario, entry, history)
    return entry.text


def _tell_result(scenario: Scenario, entry, history: Sequence) -> str:
    data, round_ = entry.data, entry.round
    result = data.get("result")
    if data.get("by") == "teacher":
        return (_("Round {round}: the teacher ends the negotiation. The draft on the table is adopted.")
                if result == "adopted" else _("Round {round}: the teacher ends the negotiation: no deal.")
                ).format(round=round_)
    objectors = {leader for leader, _issue in data.get("objections", ())}
    names = ", ".join(sorted(shown_who(scenario, leader) for leader in objectors))
    if result == "adopted":
        if not objectors:
            return _("Round {round}: no one broke silence. The draft is adopted.").format(round=round_)
        voters = sum(1 for e in history if e.round == round_ and e.type == "action" and e.phase == "silence")
        silent = voters - len(objectors)
        return ngettext("Round {round}: silence broken by {names}, but {silent} of {voters} stayed silent. Under "
                        "{rule} the draft is adopted.",
                        "Round {round}: silence broken by {names}, but {silent} of {voters} stayed silent. Under "
                        "{rule} the draft is adopted.", silent).format(
            round=round_, names=names, silent=silent, voters=voters, rule=rule_name(scenario.decision))
    if result == "no_deal":
        return _("Round {round}: silence broken by {names}. That was the last round: no deal.").format(
            round=round_, names=names)
    return _("Round {round}: silence broken by {names}. The negotiation goes on.").format(round=round_, names=names)


# a phase's name as a heading shows it (the window's, the projector's and the devices' "Silence procedure")
PHASE_NAMES = {Phase.DRAFTING: N_("Drafting"), Phase.CONSULTATIONS: N_("Consultations"),
               Phase.SILENCE: N_("Silence procedure"), Phase.OVER: N_("Over")}

# a log entry's phase ("events": an event's, before the round's drafting) and the game's
_PHASES = {"drafting": N_("drafting"), "consultations": N_("consultations"), "silence": N_("silence"),
           "events": N_("events"), "over": N_("over")}


def shown_phase(phase) -> str:
    """A phase's name (Phase or its value) in the language in use."""
    value = getattr(phase, "value", phase)
    return str(_PHASES.get(value, value))


class Later:
    """A field of a Message written when it is shown: `Later(shown_label, issue)` is the issue's label in the
    language in use where the message is shown, and English in the Message's str (what a log keeps)."""

    __slots__ = ("show", "args")

    def __init__(self, show, *args):
        self.show, self.args = show, args

    def __format__(self, spec: str) -> str:
        return format(self.show(*self.args), spec)

    def __str__(self) -> str:
        return self.show(*self.args)

    def __reduce__(self):
        return (Later, (self.show, *self.args))


def shown_country_form(scenario: Scenario, ally_id: str, form: str) -> str:
    """One form of an ally's name in the language in use ("country_the": "l'Espagne"), as country_forms gives it."""
    ally = scenario.ally(ally_id)
    return country_forms(ally.iso3, shown_text(ally.name)).fields()[form]


def later_country(scenario: Scenario, ally_id: str) -> dict[str, Later]:
    """An ally's name as the fields of a Message ({country}, {country_the}, ...), each written when shown."""
    return {form: Later(shown_country_form, scenario, ally_id, form)
            for form in ("country", "country_the", "country_The", "country_of", "country_to", "country_in")}
