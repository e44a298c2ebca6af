"""What a game keeps from one set of events' changes to the next (each leader's observation constants, the table
of preferences) must equal what is worked out from nothing under the same changes: every bundled summit, with
every event fired one after another (the teacher's move), each leader's observation and the whole table compared
field by field and array by array, to the last bit."""

from __future__ import annotations

import dataclasses

import pytest

from game.agents import names
from game.engine import Game, InjectEvent
from game.engine.preferences import OwnPreferences, Preferences
from game.scenario import load_scenario
from game.scenario.catalogue import bundled_dir, bundled_ids


def _summits():
    for scenario_id in bundled_ids():
        scenario = load_scenario(bundled_dir() / f"{scenario_id}.yaml", names())
        if not scenario.is_bilateral and scenario.events:
            yield scenario


def _states(game):
    """The start, then the state after each of the scenario's events not yet fired, injected one by one."""
    state = game.new_initial_state()
    yield state
    for event in game.scenario.events:
        if event.id not in state.fired:
            state = game.apply(state, InjectEvent(event=event.id))
            yield state


def _same_arrays(first, second, where):
    assert first.dtype == second.dtype and first.shape == second.shape, where
    assert first.tobytes() == second.tobytes(), where   # to the last bit (and -0.0 from 0.0, inf from nan)


def _same_own(first: OwnPreferences, second: OwnPreferences, where):
    for name in ("ideal", "weight", "low", "high", "span"):
        _same_arrays(getattr(first, name), getattr(second, name), (where, name))
    assert first.forbidden == second.forbidden and first.ally == second.ally, where
    assert [(col, values.tobytes()) for col, values in first.tables] == \
        [(col, values.tobytes()) for col, values in second.tables], where
    assert [(link.row, link.col, link.other) for link in first.linked] == \
        [(link.row, link.col, link.other) for link in second.linked], where


def _same_table(first: Preferences, second: Preferences, where):
    for name in ("ideal", "weight", "low", "high", "span"):
        _same_arrays(getattr(first, name), getattr(second, name), (where, name))
    assert list(first.forbidden.items()) == list(second.forbidden.items()), where
    assert [(key, values.tobytes()) for key, values in first.tables.items()] == \
        [(key, values.tobytes()) for key, values in second.tables.items()], where
    assert [(link.row, link.col, link.low, link.high, link.forbidden.tobytes(), link.other)
            for link in first.linked] == [(link.row, link.col, link.low, link.high, link.forbidden.tobytes(),
                                          link.other) for link in second.linked], where
    assert (first.deadline_col, first.ally_of, first.carve_out_cost, first.leader_ids) == \
        (second.deadline_col, second.ally_of, second.carve_out_cost, second.leader_ids), where


@pytest.mark.parametrize("information", ["private", "full"])
@pytest.mark.parametrize("scenario", list(_summits()), ids=lambda scenario: scenario.id)
def test_observations_after_events_are_those_worked_out_from_nothing(scenario, information):
    scenario = scenario.model_copy(update={"information": information})
    game = Game(scenario, 3)
    for state in _states(game):
        fresh = Game(scenario, 3)   # nothing kept: every constant worked out for this state alone
        for leader in scenario.leaders:
            kept, made = game.observe(state, leader.id), fresh.observe(state, leader.id)
            where = (scenario.id, state.fired, leader.id)
            for field in dataclasses.fields(kept):
                if field.name in ("legal", "_own", "_everyone"):
                    continue
                assert getattr(kept, field.name) == getattr(made, field.name), (where, field.name)
            _same_own(kept._own, made._own, where)
            assert dict(kept.legal) == dict(made.legal), where
            assert (kept._everyone is None) == (made._everyone is None) == (information != "full"), where
            if kept._everyone is not None:
                _same_table(kept._everyone, made._everyone, where)


@pytest.mark.parametrize("scenario", list(_summits()), ids=lambda scenario: scenario.id)
def test_the_table_after_events_is_the_one_worked_out_from_nothing(scenario):
    game = Game(scenario, 4)
    for state in _states(game):
        kept = game.preferences_now(state)
        made = Preferences(game.drawn, state.position_overrides)
        _same_table(kept, made, (scenario.id, state.fired))
        for leader in scenario.leaders:
            _same_own(kept.own(leader.id), made.own(leader.id), (scenario.id, state.fired, leader.id))
        draft = state.draft
        assert kept.utilities(draft).tobytes() == made.utilities(draft).tobytes()


def test_games_of_one_scenario_share_what_it_alone_decides_and_forget_it_with_the_scenario():
    import gc

    from game.engine import per_scenario as rules

    scenario = next(_summits())
    first, second = Game(scenario, 1), Game(scenario, 2)
    assert first.narrated is second.narrated and first._leaders is second._leaders
    assert first.public_rules is not second.public_rules   # one per game: agents tell games apart by it
    assert first.public_rules == second.public_rules
    copy = scenario.model_copy()
    Game(copy, 0)
    key = id(copy)
    assert key in rules._SCENARIOS
    del copy
    gc.collect()
    assert key not in rules._SCENARIOS
