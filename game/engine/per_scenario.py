"""What a Game takes from its scenario alone, the same for every seed (turn order, voters, public leaders, the
red lines events change, the scenario as the log's sentences may see it, status quo and no-deal terms): worked
out once per scenario object while it lives and shared by its games, which only read it. A batch plays one
scenario many times; building this for each game was a sixth of building the game."""

from __future__ import annotations

import weakref

from ..scenario import Effect, Scenario
from . import narrate
from .draft import Draft
from .observation import PublicLeader

_SCENARIOS: dict[int, tuple] = {}   # id(scenario) -> (a weak reference to it, of_scenario's answer), while it lives


def of_scenario(scenario: Scenario) -> tuple:
    """What a Game takes from its scenario alone (the same for every seed), worked out once per scenario object
    and shared by its games, which only read it: (pen holder, turn order, voters, issue ids, deadline issue,
    leaders by id, allies by id, public leaders, the red lines each event changes, public leaders by id, the
    scenario as the log's sentences may see it, the status quo, the no-deal terms)."""
    key = id(scenario)
    known = _SCENARIOS.get(key)
    if known is not None and known[0]() is scenario:
        return known[1]
    public_leaders = tuple(PublicLeader(l.id, l.name, l.role, l.ally, l.votes) for l in scenario.leaders)
    order = scenario.turn_order
    parts = (
        scenario.pen_holder_id, order, tuple(l for l in order if scenario.leader(l).is_voter),
        tuple(issue.id for issue in scenario.issues), scenario.issue_with(Effect.DEADLINE),
        {leader.id: leader for leader in scenario.leaders}, {ally.id: ally for ally in scenario.allies},
        public_leaders,
        # Whose red line on which issue each event changes (public: the event says so; the new value is not)
        {event.id: tuple((e.leader, e.issue) for e in event.effects if e.leader is not None and e.field == "red_line")
         for event in scenario.events},
        {leader.id: leader for leader in public_leaders},
        narrate.public(scenario),   # the scenario as the log's sentences (written when read) may see it
        Draft.of({issue.id: issue.status_quo for issue in scenario.issues}),
        Draft.of({issue.id: scenario.no_deal[issue.id] for issue in scenario.issues}))
    _SCENARIOS[key] = (weakref.ref(scenario, lambda _, key=key: _SCENARIOS.pop(key, None)), parts)
    return parts
