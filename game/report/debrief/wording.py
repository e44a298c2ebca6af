"""The words the sections share: leaders, issues, rounds and values inside sentences and table cells, and the
terms of a draft as a list.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...engine import Draft
from ...engine.narrate import country as _english_country, phrase, shown_label, shown_text, shown_value, ungrouped
from ...i18n import _, country_forms, language, ngettext
from ...scenario import Effect, Role, Scenario
from ..document import Item


def _and(words: Sequence[str]) -> str:
    """["a", "b", "c"] -> "a, b and c" ("a, b et c")."""
    if len(words) == 1:
        return words[0]
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


def _names(scenario: Scenario, leader_ids: Sequence[str], limit: int = 6) -> str:
    named = [_leader_label(scenario, leader) for leader in leader_ids]
    if len(named) > limit:
        return _("{leaders} and {count} more").format(leaders=", ".join(named[:limit]), count=len(named) - limit)
    return _and(named)


def _ally_name(scenario: Scenario, ally_id: str) -> str:
    """An ally's name as a label says it: the scenario's in English, CLDR's in French."""
    ally = scenario.ally(ally_id)
    return country_forms(ally.iso3, shown_text(ally.name)).country


def _country(scenario: Scenario, ally_id: str, start: bool = False) -> dict[str, str]:
    """An ally's name as fields of a sentence: {country} as English writes it inside a sentence ("the United
    States"; `start`: at its start), and the French forms {country_the}, {country_of}, ... (country_forms)."""
    ally = scenario.ally(ally_id)
    fields = country_forms(ally.iso3, shown_text(ally.name)).fields()
    if language() == "en":
        fields["country"] = _english_country(ally.name, start)
    return fields


def _leader_label(scenario: Scenario, leader_id: str) -> str:
    """"Pedro Sánchez (Spain)", "Mark Rutte (Secretary General)"; a name that already says it stays as it is
    ("President of the United States" in a scenario that names leaders by office); a participant seated without a
    vote says so: "Sauli Niinistö (Finland, no vote)". The name, the country and the title in the language in use
    (whether the name says it is judged on the English)."""
    leader = scenario.leader(leader_id)
    if leader.ally:
        where = _ally_name(scenario, leader.ally)
        english = scenario.ally(leader.ally).name
    else:
        where = english = "Secretary General" if leader.role == Role.SECRETARY_GENERAL else leader.title
        where = _("Secretary General") if leader.role == Role.SECRETARY_GENERAL else shown_text(leader.title)
    name = shown_text(leader.name)
    if english.lower() in leader.name.lower():
        return _("{leader} (no vote)").format(leader=name) if leader.without_vote else name
    if leader.without_vote:
        return _("{leader} ({where}, no vote)").format(leader=name, where=where)
    return _("{leader} ({where})").format(leader=name, where=where)


def _leader_name(scenario: Scenario, leader_id: str) -> str:
    """A leader's name alone, in the language in use ("Donald Trump")."""
    return shown_text(scenario.leader(leader_id).name)


def _rounds_text(rounds: Sequence[int]) -> str:
    """(1, 2, 3, 5) -> "1-3 and 5"."""
    spans: list[list[int]] = []
    for r in sorted(rounds):
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    parts = [f"{a}" if a == b else f"{a}-{b}" for a, b in spans]
    return _and(parts)


def _issue_name(scenario: Scenario, issue_id: str) -> str:
    """An issue inside a sentence: "the core defence target", "the deadline", "Ukraine in the text"."""
    if issue_id == "carve_outs":
        return _("the carve-outs")
    if language() != "en":   # the label in the language in use, named as an issue: « la question « ... » »
        return _("the issue “{issue}”").format(issue=shown_label(scenario.issue(issue_id)))
    label = phrase(scenario.issue(issue_id).label)
    return label if label[:1].isupper() else "the " + label


def _short_issue(scenario: Scenario, issue_id: str) -> str:
    """A short name for grid cells: the label's first word ("core", "deadline", "Ukraine"), two when it is short
    ("US guarantee"); the whole label when two issues would share a name. In French the label's first word after
    its article ("Objectif de défense essentielle" -> "objectif", "L'Ukraine dans le texte" -> "Ukraine")."""
    if issue_id == "carve_outs":
        return _("carve-outs")
    short = _short_english if language() == "en" else _short_french
    names = [short(shown_label(issue)) for issue in scenario.issues]
    mine = short(shown_label(scenario.issue(issue_id)))
    return mine if names.count(mine) == 1 else shown_label(scenario.issue(issue_id))


def _short_english(label: str) -> str:
    words = label.split()
    name = " ".join(words[:2]) if len(words[0]) <= 3 else words[0]
    return name if name[0].isupper() and (name.split()[0] in ("US", "Ukraine", "EU", "NATO")) else name.lower()


_FRENCH_ARTICLES = ("l'", "l’", "le ", "la ", "les ", "un ", "une ", "des ", "du ", "de la ", "de l'")


def _short_french(label: str) -> str:
    """The first word after the article; a word capitalised after an article is a name and keeps its capital."""
    rest = label
    for article in _FRENCH_ARTICLES:
        if label.lower().startswith(article) and len(label) > len(article):
            rest = label[len(article):]
            break
    word = rest.split()[0].strip(",;:")
    return word if rest is not label and word[:1].isupper() else word[:1].lower() + word[1:]


def _wants_text(scenario: Scenario, issue_id: str, wants: str | None) -> str:
    if not wants or issue_id == "carve_outs":
        return ""
    issue = scenario.issue(issue_id)
    if issue.is_range and issue.effect == Effect.DEADLINE:
        return {"more": _("later"), "less": _("sooner")}.get(wants, wants)
    if issue.is_range:
        return {"more": _("higher"), "less": _("lower")}.get(wants, wants)
    return shown_value(issue, wants) if not issue.is_range else wants


def _value(scenario: Scenario, issue_id: str, value) -> str:
    """A value as players read it in the language in use: "3.5% GDP" / "3,5 % du PIB", an option's label."""
    return shown_value(scenario.issue(issue_id), value)


def _bare(issue, value) -> str:
    """A value without its unit (the unit is in the row's label), in the language in use: "3.5" / "3,5"."""
    if not issue.is_range:
        return shown_value(issue, value)
    english = issue.model_copy(update={"unit": ""}).format(value)
    return english if language() == "en" else ungrouped(float(value), len(english.partition(".")[2]))


def _guarantee(scenario: Scenario, option: str | None) -> str | None:
    """The US guarantee's option as the outcome names it: its id in English (as ever), its label in French."""
    issue = scenario.issue_with(Effect.US_GUARANTEE)
    return option if option is None or issue is None or language() == "en" else shown_value(issue, option)


def _unit(issue) -> str:
    """A range issue's unit as a table's heading gives it, in the language in use ("% GDP", "% du PIB")."""
    return shown_text(issue.unit)


def terms_items(scenario: Scenario, draft: Draft) -> tuple[Item, ...]:
    items = [Item(shown_value(issue, draft[issue.id]), shown_label(issue)) for issue in scenario.issues]
    if draft.carve_outs:
        count = len(draft.carve_outs)
        items.append(Item(", ".join(f"{_ally_name(scenario, a)} {y}" for a, y in draft.carve_outs),
                          ngettext("Carve-outs ({count} ally with a later deadline of its own)",
                                   "Carve-outs ({count} allies with a later deadline of their own)", count
                                   ).format(count=count)))
    return tuple(items)


def _package_text(scenario: Scenario, values: dict) -> str:
    """A package's terms in a line: "Core defence target 3.0% GDP, Deadline 2035" ("Échéance : 2035" in French)."""
    if language() == "en":
        return ", ".join(f"{issue.label} {issue.format(values[issue.id])}" for issue in scenario.issues)
    return ", ".join(_("{issue}: {value}").format(issue=shown_label(issue), value=shown_value(issue, values[issue.id]))
                     for issue in scenario.issues)
