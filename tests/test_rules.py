"""The rules of the summit, played move by move with hand-picked actions."""

import pytest

from game.engine import (Amend, AskCarveOut, BreakSilence, Draft, Game, IllegalActionError, Pass, Phase, Pledge,
                         Statement, TableDraft, Termination, Threat, outcome)


def table(game, state, **values):
    draft = Draft.of({**state.draft.as_dict(), **values})
    return game.apply(state, TableDraft("rutte", "test draft", draft=draft))


def everyone_passes(game, state):
    """Consultations in which every leader passes."""
    assert state.phase == Phase.CONSULTATIONS
    while state.phase == Phase.CONSULTATIONS:
        state = game.apply(state, Pass(game.current_actor(state), "nothing"))
    return state


def silence(game, state, objectors=()):
    assert state.phase == Phase.SILENCE
    while state.phase == Phase.SILENCE:
        actor = game.current_actor(state)
        action = BreakSilence(actor, "no", issue="core_target") if actor in objectors else Pass(actor, "fine")
        state = game.apply(state, action)
    return state


def test_the_pen_holder_tables_then_everyone_consults_in_order(mini):
    game = Game(mini, seed=1)
    state = game.new_initial_state()
    assert (state.round, state.phase, game.current_actor(state)) == (1, Phase.DRAFTING, "rutte")
    state = table(game, state, core_target=3.0)
    assert state.draft["core_target"] == 3.0
    seen = []
    while state.phase == Phase.CONSULTATIONS:
        seen.append(game.current_actor(state))
        state = game.apply(state, Pass(seen[-1], "nothing"))
    assert seen == ["rutte", "trump", "tusk", "sanchez"]
    voters = []
    while state.phase == Phase.SILENCE:
        voters.append(game.current_actor(state))
        state = game.apply(state, Pass(voters[-1], "fine"))
    assert voters == ["trump", "tusk", "sanchez"], "the Secretary General never votes"


def test_silence_kept_by_all_adopts_the_draft_and_ends_the_game(mini):
    game = Game(mini, seed=1)
    state = everyone_passes(game, table(game, game.new_initial_state(), core_target=3.2))
    state = silence(game, state)
    assert state.is_terminal and state.termination == Termination.ADOPTED
    result = outcome(game, state)
    assert result.agreed and result.terms["core_target"] == 3.2 and result.rounds == 1
    with pytest.raises(IllegalActionError, match="over"):
        game.apply(state, Pass("trump", "late"))


def test_one_objection_blocks_adoption(mini):
    game = Game(mini, seed=1)
    state = everyone_passes(game, table(game, game.new_initial_state()))
    state = silence(game, state, objectors={"sanchez"})
    assert not state.is_terminal
    assert (state.round, state.phase) == (2, Phase.DRAFTING)
    assert state.history[-1].type == "result" or state.history[-1].type == "event"
    assert any(e.type == "result" and "Sánchez" in e.text for e in state.history)


def test_no_deal_after_the_last_round(mini):
    game = Game(mini, seed=1)
    state = game.new_initial_state()
    for round_number in range(1, mini.rounds + 1):
        assert state.round == round_number
        state = everyone_passes(game, table(game, state))
        state = silence(game, state, objectors={"tusk"})
    assert state.termination == Termination.NO_DEAL
    result = outcome(game, state)
    assert not result.agreed and result.terms is None
    assert result.in_force["core_target"] == mini.no_deal["core_target"]
    assert result.rounds == mini.rounds


@pytest.mark.parametrize("action, reason", [
    (Pass("trump", "out of turn"), "turn"),
    (Amend("rutte", "off grid", issue="core_target", value=3.05), "steps of 0.1"),
    (Amend("rutte", "too high", issue="core_target", value=9.0), "between"),
    (Amend("rutte", "no such issue", issue="nukes", value=1.0), "no issue"),
    (Amend("rutte", "bad option", issue="us_guarantee", value="eternal"), "one of"),
    (BreakSilence("rutte", "too early", issue="core_target"), "silence procedure"),
])
def test_illegal_actions_are_refused_with_a_reason(mini, action, reason):
    game = Game(mini, seed=1)
    state = game.new_initial_state()
    assert reason in game.why_illegal(state, action)
    with pytest.raises(IllegalActionError, match=reason):
        game.apply(state, action)


def test_consultation_rules(mini):
    game = Game(mini, seed=1)
    state = table(game, game.new_initial_state(), core_target=3.5, deadline=2032)
    state = game.apply(state, Pass("rutte", "listens"))
    # The Secretary General may not threaten; a member may not pledge for another; the US may threaten.
    assert game.legal_kinds(state, "trump")["threat"] is None
    assert "turn" in game.legal_kinds(state, "tusk")["pledge"]
    state = game.apply(state, Threat("trump", "pay up", target="sanchez", demand=3.5))
    state = game.apply(state, Pledge("tusk", "we lead", level=4.5, year=2030))
    assert state.pledge("poland") == (4.5, 2030)
    assert "after the draft's deadline" in game.why_illegal(state, AskCarveOut("sanchez", "now", year=2031))
    state = game.apply(state, AskCarveOut("sanchez", "time", year=2038))
    assert state.carve_out_requests == (("spain", 2038),)
    assert state.phase == Phase.SILENCE


def until(game, state, leader, phase=Phase.CONSULTATIONS):
    """Everyone passes (the pen holder keeps its draft) until it is leader's turn in phase."""
    while not (state.phase == phase and game.current_actor(state) == leader):
        state = game.apply(state, Pass(game.current_actor(state), "nothing"))
    return state


def test_a_pledge_can_only_be_raised(mini):
    game = Game(mini, seed=1)
    state = until(game, game.new_initial_state(), "tusk")
    state = game.apply(state, Pledge("tusk", "first", level=4.5, year=2030))
    state = until(game, silence(game, until(game, state, "trump", Phase.SILENCE), {"tusk"}), "tusk")
    assert state.round == 2
    assert "more ambitious" in game.why_illegal(state, Pledge("tusk", "less", level=4.0, year=2030))
    assert "more ambitious" in game.why_illegal(state, Pledge("tusk", "later", level=4.5, year=2031))
    assert game.why_illegal(state, Pledge("tusk", "sooner", level=4.5, year=2029)) is None


def test_carve_outs_in_a_draft_must_come_after_its_deadline(mini):
    game = Game(mini, seed=1)
    state = game.new_initial_state()
    late = Draft.of(state.draft.as_dict(), {"spain": 2034})
    assert "after the deadline" in game.why_illegal(state, TableDraft("rutte", "x", draft=late))
    ok = Draft.of({**state.draft.as_dict(), "deadline": 2032}, {"spain": 2038})
    state = game.apply(state, TableDraft("rutte", "x", draft=ok))
    state = game.apply(state, Amend("rutte", "later for all", issue="deadline", value=2038))
    assert state.draft.carve_outs == (), "a carve-out no later than the new deadline lapses"


def test_statements_carry_a_limit_with_a_bound(mini):
    game = Game(mini, seed=1)
    state = table(game, game.new_initial_state())
    state = game.apply(state, Pass("rutte", "listens"))
    assert "go together" in game.why_illegal(state, Statement("trump", "x", issue="core_target", limit=3.0))
    assert "at_most" in game.why_illegal(state, Statement("trump", "x", issue="core_target", limit=3.0, bound="not"))
    state = game.apply(state, Statement("trump", "No less than 3%.", issue="core_target", limit=3.0, bound="at_least"))
    assert state.history[-1].text.endswith('"No less than 3%."')


def test_scripted_events_change_positions_from_their_round(mini):
    game = Game(mini, seed=1)
    state = everyone_passes(game, table(game, game.new_initial_state()))
    state = silence(game, state, objectors={"tusk"})
    assert "post" in state.fired
    assert (("sanchez", "core_target", "red_line"), 3.6) in state.position_overrides
    assert game.observe(state, "sanchez").red_line["core_target"] == 3.6


@pytest.mark.parametrize("decision, objectors, adopted", [
    ({"rule": "consensus"}, ("sanchez",), False),
    ({"rule": "majority"}, ("sanchez",), True),              # 2 of 3 silent: more than half
    ({"rule": "majority"}, ("sanchez", "tusk"), False),
    ({"rule": "qualified_majority", "threshold": 0.6}, ("sanchez",), True),    # 2 of 3 >= 60%
    ({"rule": "qualified_majority", "threshold": 0.75}, ("sanchez",), False),  # 2 of 3 < 75%
])
def test_the_decision_rule_sets_how_many_objections_stop_a_draft(mini, decision, objectors, adopted):
    from game.scenario import Decision
    game = Game(mini.model_copy(update={"decision": Decision(**decision)}), seed=1)
    state = everyone_passes(game, table(game, game.new_initial_state(), core_target=3.0))
    state = silence(game, state, objectors)
    assert (state.termination == Termination.ADOPTED) is adopted
    result = next(entry for entry in reversed(state.history) if entry.type == "result")
    assert result.data["result"] == ("adopted" if adopted else "objected")
    if adopted:
        assert "Under majority" in result.text or "Under qualified majority" in result.text
        assert outcome(game, state).terms["core_target"] == 3.0  # the objectors are bound by the text too


def test_a_game_without_a_deal_scores_exactly_50_for_everyone_whatever_the_us_review_does(mini):
    # No deal is the yardstick: the same pledges, the same draws and the same US review, so 50 exactly.
    game = Game(mini, seed=3)
    state = game.new_initial_state()
    while not state.is_terminal:
        state = table(game, state, core_target=4.0) if state.phase == Phase.DRAFTING else state
        state = everyone_passes(game, state)
        state = silence(game, state, objectors=("sanchez",))
    result = outcome(game, state)
    assert not result.agreed
    assert set(result.scores.values()) == {50.0}


def test_an_observations_legal_kinds_asked_one_at_a_time_say_what_the_whole_table_says(rutte):
    """Observation.legal works a kind out when it is first asked; each answer is legal_kinds' for that kind."""
    from game.agents import agents_for
    from game.engine import play
    game = Game(rutte, 3)
    seen = []

    def look(state, action, after):
        for leader in (action.actor, "rutte", "trump"):
            kinds = game.legal_kinds(state, leader)
            alone = game.observe(state, leader).legal
            assert {kind: alone.get(kind) for kind in reversed(list(kinds))} == kinds
            assert alone.get("no such kind", "none") == "none" and dict(game.observe(state, leader).legal) == kinds
        seen.append(state.phase)
    play(game, agents_for(rutte), on_step=look, together=False)
    assert {Phase.DRAFTING, Phase.CONSULTATIONS, Phase.SILENCE} <= set(seen)
