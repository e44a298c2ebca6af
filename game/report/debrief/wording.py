"""The words the sections share: leaders, issues, rounds and values inside sentences and table cells, and the
terms of a draft as a list.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...engine import Draft
from ...engine.narrate import phrase
from ...scenario import Effect, Role, Scenario
from ..document import Item


def _and(words: Sequence[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _names(scenario: Scenario, leader_ids: Sequence[str], limit: int = 6) -> str:
    named = [_leader_label(scenario, leader) for leader in leader_ids]
    if len(named) > limit:
        return ", ".join(named[:limit]) + f" and {len(named) - limit} more"
    return _and(named)


def _leader_label(scenario: Scenario, leader_id: str) -> str:
    """"Pedro Sánchez (Spain)", "Mark Rutte (Secretary General)"; a name that already says it stays as it is
    ("President of the United States" in a scenario that names leaders by office); a participant seated without a
    vote says so: "Sauli Niinistö (Finland, no vote)"."""
    leader = scenario.leader(leader_id)
    if leader.ally:
        where = scenario.ally(leader.ally).name
    else:
        where = "Secretary General" if leader.role == Role.SECRETARY_GENERAL else leader.title
    seat = "no vote" if leader.without_vote else ""
    if where.lower() in leader.name.lower():
        return f"{leader.name} ({seat})" if seat else leader.name
    return f"{leader.name} ({where}, {seat})" if seat else f"{leader.name} ({where})"


def _rounds_text(rounds: Sequence[int]) -> str:
    """(1, 2, 3, 5) -> "1-3 and 5"."""
    spans: list[list[int]] = []
    for r in sorted(rounds):
        if spans and r == spans[-1][1] + 1:
            spans[-1][1] = r
        else:
            spans.append([r, r])
    parts = [f"{a}" if a == b else f"{a}-{b}" for a, b in spans]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _issue_name(scenario: Scenario, issue_id: str) -> str:
    """An issue inside a sentence: "the core defence target", "the deadline", "Ukraine in the text"."""
    if issue_id == "carve_outs":
        return "the carve-outs"
    label = phrase(scenario.issue(issue_id).label)
    return label if label[:1].isupper() else "the " + label


def _short_issue(scenario: Scenario, issue_id: str) -> str:
    """A short name for grid cells: the label's first word ("core", "deadline", "Ukraine"), two when it is short
    ("US guarantee"); the whole label when two issues would share a name."""
    if issue_id == "carve_outs":
        return "carve-outs"

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
        return {"more": "later", "less": "sooner"}.get(wants, wants)
    if issue.is_range:
        return {"more": "higher", "less": "lower"}.get(wants, wants)
    return issue.format(wants) if not issue.is_range else wants


def _value(scenario: Scenario, issue_id: str, value) -> str:
    return scenario.issue(issue_id).format(value)


def _bare(issue, value) -> str:
    """A value without its unit (the unit is in the row's label)."""
    return issue.model_copy(update={"unit": ""}).format(value) if issue.is_range else issue.format(value)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def terms_items(scenario: Scenario, draft: Draft) -> tuple[Item, ...]:
    items = [Item(issue.format(draft[issue.id]), issue.label) for issue in scenario.issues]
    if draft.carve_outs:
        items.append(Item(", ".join(f"{scenario.ally(a).name} {y}" for a, y in draft.carve_outs),
                          f"Carve-outs ({_count(len(draft.carve_outs), 'ally', 'allies')} with a later deadline of "
                          f"{'its' if len(draft.carve_outs) == 1 else 'their'} own)"))
    return tuple(items)


def _package_text(scenario: Scenario, values: dict) -> str:
    return ", ".join(f"{issue.label} {issue.format(values[issue.id])}" for issue in scenario.issues)
