"""Red lines that cannot meet: an issue on which every value is refused by enough voters to stop a draft
under the scenario's decision rule, so that the scenario cannot agree (or not before an event changes one of
those red lines)."""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterator
from typing import Any

from ..i18n import joined, msg
from .model import Decision, Event, Issue, Scenario

Finding = tuple[tuple[str | int, ...], str]

_OR = msg(" or ")


def blocking_minority(decision: Decision, voters: int) -> int:
    """How many voters' objections stop a draft under the decision rule: 1 under consensus, 2 of 3 under a
    majority, and so on."""
    if decision.rule == "qualified_majority" and decision.threshold is None:
        return 1  # an error says so already; judged as consensus meanwhile
    return next((blockers for blockers in range(1, voters + 1) if not decision.adopts(voters - blockers, voters)),
                voters + 1)


def rule_phrase(decision: Decision, voters: int) -> str:
    """' under a majority (the objections of 2 of the 3 voters stop a draft)'; '' under consensus."""
    if decision.rule == "consensus" or (decision.rule == "qualified_majority" and decision.threshold is None):
        return ""
    blockers = blocking_minority(decision, voters)
    if decision.rule == "majority":
        return msg(" under a majority (the objections of {blockers} of the {voters} voters stop a draft)",
                       blockers=blockers, voters=voters)
    threshold = round(decision.threshold * 100)
    return msg(" under a qualified majority of {threshold}% (the objections of {blockers} of the {voters} voters "
               "stop a draft)", threshold=threshold, blockers=blockers, voters=voters)


def red_line_events(scenario: Scenario) -> dict[tuple[str, str], tuple[Event, ...]]:
    """(leader, issue) -> the events with an effect on that red line. Whatever the effect (set, add, or a red
    line lifted), the line may change; and the teacher may fire any event, so even one that never fires by
    itself counts."""
    found: dict[tuple[str, str], list[Event]] = {}
    for event in scenario.events:
        for effect in event.effects:
            if effect.leader is not None and effect.issue is not None and effect.field == "red_line":
                events = found.setdefault((effect.leader, effect.issue), [])
                if event not in events:
                    events.append(event)
    return {key: tuple(events) for key, events in found.items()}


def _when(event: Event, scenario: Scenario) -> str:
    if event.round is not None and event.round <= scenario.rounds:
        return msg("{event!r} (round {round})", event=event.id, round=event.round)
    if event.probability:
        return msg("{event!r} (chance {chance}% a round)", event=event.id, chance=round(event.probability * 100))
    if event.when is not None:
        return msg("{event!r} (when its condition holds)", event=event.id)
    return msg("{event!r} (only if the teacher fires it)", event=event.id)


def _names(scenario: Scenario, leader_ids: Collection[str]) -> str:
    return ", ".join(scenario.leader(leader_id).name for leader_id in leader_ids)


def conflicting_red_lines(scenario: Scenario, issues: list[Issue]) -> Iterator[Finding]:
    """On each of `issues` (those whose values can be walked: a sound range or options), whether every value
    is refused by enough voters to stop a draft: then the scenario cannot agree. Red lines an event may change
    are left out first: if the others alone block, it never agrees; if only with those, it agrees at best after
    one of the events."""
    if (scenario.decision.rule == "qualified_majority") != (scenario.decision.threshold is not None):
        return  # the decision rule has an error of its own
    voters = [(index, leader) for index, leader in enumerate(scenario.leaders) if leader.is_voter]
    if not voters:
        return
    blockers = blocking_minority(scenario.decision, len(voters))
    changing = red_line_events(scenario)
    for issue in issues:
        lines = _red_lines(issue, voters)
        # a red line linked to another issue (`unless`) yields to a draft that meets its condition
        linked = {line[1].id: line[1].positions[issue.id].unless for line in lines
                  if line[1].positions[issue.id].unless is not None}
        lasting = [line for line in lines if (line[1].id, issue.id) not in changing and line[1].id not in linked]
        named = _blocked(issue, lasting, blockers)
        verdict = msg("the scenario can never agree")
        if named is None:
            named = _blocked(issue, lines, blockers)
            if named is None:
                continue
            events: list[Event] = []
            conditions: list[str] = []
            for _, leader, _ in named or lines:
                events += [e for e in changing.get((leader.id, issue.id), ()) if e not in events]
                if leader.id in linked:
                    condition = linked[leader.id]
                    values = [str(value) for value in condition.is_ or ()]
                    conditions.append(msg("the draft says {issue}: {values}", issue=condition.issue,
                                              values=joined(values, _OR)) if values else
                                      msg("the draft meets {leader}'s condition on {issue}", leader=leader.id,
                                              issue=condition.issue))
            ways = [msg("event {events} fires", events=joined([_when(e, scenario) for e in events], _OR))
                    ] if events else []
            verdict = msg("the scenario cannot agree unless {ways}", ways=joined(ways + conditions, _OR))
        changed = [line for line in named if (line[1].id, issue.id) in changing]
        index = (changed or named)[0][0]
        refused = joined([msg("{refused} ({leaders})", refused=what, leaders=_names(scenario, who))
                          for what, who in _grouped(issue, named)], msg("; "))
        rule = rule_phrase(scenario.decision, len(voters))
        if issue.is_range:
            said = (msg("no draft can meet every voter's red line on {issue}", issue=issue.id) if not rule else
                    msg("every draft on {issue} crosses the red lines of enough voters{rule}", issue=issue.id,
                            rule=rule))
        elif blockers == 1:
            said = msg("every option of {issue} is refused by some voter", issue=issue.id)
        else:
            said = msg("every option of {issue} is refused by enough voters{rule}", issue=issue.id, rule=rule)
        yield (("leaders", index, "positions", issue.id, "red_line"),
               msg("{said}: {refused}: {verdict}", said=said, refused=refused, verdict=verdict))


RedLine = tuple[int, Any, Any]   # (the leader's index in the file, the leader, what its red line refuses)


def _red_lines(issue: Issue, voters: list) -> list[RedLine]:
    """Each voter's red line on the issue: ('above' or 'below', bound) on a range, a set of options otherwise."""
    lines = []
    for index, leader in voters:
        position = leader.positions.get(issue.id)
        if position is None or position.red_line is None:
            continue
        if issue.is_range:
            if not all(isinstance(value, float) for value in (position.ideal, position.red_line)) or \
                    position.red_line == position.ideal:
                continue  # an option name where a number belongs, or no side to refuse (errors said so)
            side = "above" if position.red_line > position.ideal else "below"
            lines.append((index, leader, (side, position.red_line)))
        else:
            refused = position.red_line if isinstance(position.red_line, tuple) else (position.red_line,)
            lines.append((index, leader, frozenset(refused) & set(issue.options)))
    return sorted(lines, key=lambda line: line[0])


def _blocked(issue: Issue, lines: list[RedLine], blockers: int) -> list[RedLine] | None:
    """The red lines that together stop every draft on the issue (each value refused by at least `blockers`
    voters), or None when some value gets through."""
    if not issue.is_range:
        refusing = {option: [line for line in lines if option in line[2]] for option in issue.options}
        if any(len(who) < blockers for who in refusing.values()):
            return None
        return [line for line in lines if line[2]]
    grid = issue.grid()
    highs = sorted(bound for _, _, (side, bound) in lines if side == "above")
    lows = sorted(bound for _, _, (side, bound) in lines if side == "below")
    for value in grid:   # refused by those whose floor is above it and those whose ceiling is below it
        refusers = len(lows) - bisect.bisect_right(lows, value + 1e-9) + bisect.bisect_left(highs, value - 1e-9)
        if refusers < blockers:
            return None
    crossing = []
    if blockers == 1 and highs and lows:
        # Under consensus, the lines that cross: a floor above the lowest ceiling, a ceiling below the highest floor.
        crossing = [line for line in lines if (line[2][0] == "below" and line[2][1] > highs[0]) or
                    (line[2][0] == "above" and line[2][1] < lows[-1])]
    return crossing or [line for line in lines if (line[2][0] == "below" and line[2][1] > grid[0]) or
                        (line[2][0] == "above" and line[2][1] < grid[-1])]


def _grouped(issue: Issue, lines: list[RedLine]) -> list[tuple[str, list[str]]]:
    """What the red lines refuse, with who refuses it: ('at most 2.8% GDP', ['sanchez']), ('reduced', [...])."""
    groups: dict[str, list[str]] = {}
    if issue.is_range:
        ordered = sorted(lines, key=lambda line: (line[2][0], line[2][1] if line[2][0] == "above" else -line[2][1]))
        for _, leader, (side, bound) in ordered:
            limit = (msg("at most {value}", value=issue.format(bound)) if side == "above" else
                     msg("at least {value}", value=issue.format(bound)))
            groups.setdefault(limit, []).append(leader.id)
    else:
        for option in issue.options:
            who = [leader.id for _, leader, refused in lines if option in refused]
            if who:
                groups[option] = who
    return list(groups.items())
