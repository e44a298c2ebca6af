"""The words the sections share: leaders, issues, rounds and values inside sentences and table cells, and the
terms of a draft as a list.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...engine import Draft
from ...engine.narrate import country as _english_country, phrase
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
    return country_forms(ally.iso3, ally.name).country


def _country(scenario: Scenario, ally_id: str, start: bool = False) -> dict[str, str]:
    """An ally's name as fields of a sentence: {country} as English writes it inside a sentence ("the United
    States"; `start`: at its start), and the French forms {country_the}, {country_of}, ... (country_forms)."""
    ally = scenario.ally(ally_id)
    fields = country_forms(ally.iso3, ally.name).fields()
    if language() == "en":
        fields["country"] = _english_country(ally.name, start)
    return fields


def _leader_label(scenario: Scenario, leader_id: str) -> str:
    """"Pedro Sánchez (Spain)", "Mark Rutte (Secretary General)"; a name that already says it stays as it is
    ("President of the United States" in a scenario that names leaders by office); a participant seated without a
    vote says so: "Sauli Niinistö (Finland, no vote)"."""
    leader = scenario.leader(leader_id)
    if leader.ally:
        where = _ally_name(scenario, leader.ally)
        english = scenario.ally(leader.ally).name
    else:
        where = english = "Secretary General" if leader.role == Role.SECRETARY_GENERAL else leader.title
        if leader.role == Role.SECRETARY_GENERAL:
            where = _("Secretary General")
    if english.lower() in leader.name.lower():
        return _("{leader} (no vote)").format(leader=leader.name) if leader.without_vote else leader.name
    if leader.without_vote:
        return _("{leader} ({where}, no vote)").format(leader=leader.name, where=where)
    return _("{leader} ({where})").format(leader=leader.name, where=where)


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
    if language() != "en":   # the label as the scenario writes it, named as an issue: « la question « ... » »
        return _("the issue “{issue}”").format(issue=scenario.issue(issue_id).label)
    label = phrase(scenario.issue(issue_id).label)
    return label if label[:1].isupper() else "the " + label


def _short_issue(scenario: Scenario, issue_id: str) -> str:
    """A short name for grid cells: the label's first word ("core", "deadline", "Ukraine"), two when it is short
    ("US guarantee"); the whole label when two issues would share a name."""
    if issue_id == "carve_outs":
        return _("carve-outs")

    def short(label: str) -> str:
        words = label.split()
        name = " ".join(words[:2]) if len(words[0]) <= 3 else words[0]
        return name if name[0].isupper() and (name.split()[0] in ("US", "Ukraine", "EU", "NATO")) else name.lower()
    names = [short(issue.label) for issue in scenario.issues]
    mine = short(scenario.issue(issue_id).label)
    return mine if names.count(mine) == 1 else scenario.issue(issue_id).label


def _wants_text(scenario: Scenario, issue_id: str, wants: str | None) -> str:
    if not wants or issue_id == "carve_outs":
        return ""
    issue = scenario.issue(issue_id)
    if issue.is_range and issue.effect == Effect.DEADLINE:
        return {"more": _("later"), "less": _("sooner")}.get(wants, wants)
    if issue.is_range:
        return {"more": _("higher"), "less": _("lower")}.get(wants, wants)
    return issue.format(wants) if not issue.is_range else wants


def _value(scenario: Scenario, issue_id: str, value) -> str:
    return scenario.issue(issue_id).format(value)


def _bare(issue, value) -> str:
    """A value without its unit (the unit is in the row's label)."""
    return issue.model_copy(update={"unit": ""}).format(value) if issue.is_range else issue.format(value)


def terms_items(scenario: Scenario, draft: Draft) -> tuple[Item, ...]:
    items = [Item(issue.format(draft[issue.id]), issue.label) for issue in scenario.issues]
    if draft.carve_outs:
        count = len(draft.carve_outs)
        items.append(Item(", ".join(f"{_ally_name(scenario, a)} {y}" for a, y in draft.carve_outs),
                          ngettext("Carve-outs ({count} ally with a later deadline of its own)",
                                   "Carve-outs ({count} allies with a later deadline of their own)", count
                                   ).format(count=count)))
    return tuple(items)


def _package_text(scenario: Scenario, values: dict) -> str:
    return ", ".join(f"{issue.label} {issue.format(values[issue.id])}" for issue in scenario.issues)
