"""Plain sentences for actions, so the log reads like minutes of the meeting."""

from __future__ import annotations

from ..scenario import Scenario, Traits
from .actions import (Action, Amend, AskCarveOut, BreakSilence, EndNow, InjectEvent, Pass, Pledge, Promise, Statement,
                      TableDraft, TeacherAction, Threat)
from .draft import Draft


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
    return f"{phrase(issue.label)}{': ' if issue.options_written_out else ' '}{issue.format(value)}"


def country(name: str, start: bool = False) -> str:
    """A country's name inside a sentence: 'the United States', 'Spain'."""
    if name in _DEFINITE:
        return ("The " if start else "the ") + name
    return name


def possessive(name: str) -> str:
    """'Spain' -> "Spain's", 'the United States' -> "the United States'"."""
    return name + ("'" if name.endswith("s") else "'s")


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
    """One sentence for the log, the reason appended after a dash."""
    actor = who(scenario, action.actor)
    if isinstance(action, TableDraft):
        text = f"{actor} tables a draft: {draft_summary(scenario, action.draft)}"
    elif isinstance(action, Amend):
        issue = scenario.issue(action.issue)
        verb = "amends" if action.actor == pen_holder else "proposes to amend"
        text = f"{actor} {verb} {phrase(issue.label)} to {issue.format(action.value)}"
    elif isinstance(action, Promise) and action.issue is not None:
        issue = scenario.issue(action.issue)
        text = (f"{actor} promises {who(scenario, action.target)} to let the text through if it says "
                f"{term(issue, action.value)}")
    elif isinstance(action, Threat) and action.issue is not None:
        issue = scenario.issue(action.issue)
        text = (f"{actor} warns {who(scenario, action.target)}: unless the text says {phrase(issue.label)} "
                f"{issue.format(action.value)}, it will block it")
    elif isinstance(action, Promise):
        text = f"{actor} promises {who(scenario, action.target)} support if it pledges at least {action.demand:.1f}% GDP"
    elif isinstance(action, Threat):
        text = f"{actor} warns {who(scenario, action.target)}: pledge at least {action.demand:.1f}% GDP, or else"
    elif isinstance(action, Pledge):
        text = f"{actor} pledges {action.level:.1f}% GDP on core defence by {action.year}"
    elif isinstance(action, AskCarveOut):
        text = f"{actor} asks for a carve-out: its own deadline in {action.year}"
    elif isinstance(action, Statement):
        return f'{actor}: "{action.reason}"'
    elif isinstance(action, BreakSilence):
        label = "carve-outs" if action.issue == "carve_outs" else phrase(scenario.issue(action.issue).label)
        text = f"{actor} breaks silence on {label}"
        if action.wants:
            wants = action.wants
            if action.issue != "carve_outs" and wants not in ("more", "less"):
                wants = scenario.issue(action.issue).format(wants)
            text += f" (wants {wants})"
    elif isinstance(action, Pass):
        text = f"{actor} stays silent" if in_silence else f"{actor} passes"
    else:  # pragma: no cover - every Action subclass is listed above
        text = f"{actor} acts"
    return f"{text} - {action.reason}" if action.reason else text


def describe_teacher(scenario: Scenario, action: TeacherAction) -> str:
    """The log's sentence for a teacher's move, the reason appended after a dash."""
    if isinstance(action, InjectEvent):
        label = next(e.label for e in scenario.events if e.id == action.event)
        text = f"The teacher brings an event forward: {label}"
    elif isinstance(action, EndNow):
        text = "The teacher ends the negotiation and the draft is adopted" if action.adopt else \
            "The teacher ends the negotiation without a deal"
    else:  # pragma: no cover - every TeacherAction subclass is listed above
        text = "The teacher steps in"
    return f"{text} - {action.reason}" if action.reason else text
