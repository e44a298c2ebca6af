"""The phase-at-once path (engine/loop.py: a class of agents asked once for a run of turns) plays exactly the
games of the one-by-one path, which stays the reference: every bundled scenario, several seeds and agent
mixes, the whole log compared byte for byte."""

from __future__ import annotations

import numpy as np
import pytest

from game import __version__
from game.agents import agents_for, chosen_names, names
from game.agents.member import MemberAgent
from game.engine import BreakSilence, Game, IllegalActionError, Pass, Phase, log, outcome, play
from game.scenario import load_scenario
from game.scenario.catalogue import bundled_dir, bundled_ids

MIXES = {"scenario's own": {}, "random US": {"us_president": "random"}, "stubborn chair": {"secretary_general": "stubborn"}}


def _log(scenario, seed, mix, together, full_information=False):
    if full_information:
        scenario = scenario.model_copy(update={"information": "full"})
    game = Game(scenario, seed)
    state = play(game, agents_for(scenario, mix), together=together)
    return log.write(scenario.source_text, scenario.id, seed, chosen_names(scenario, mix), __version__, state,
                     outcome(game, state))


@pytest.mark.parametrize("scenario_id", bundled_ids())
def test_every_bundled_scenario_plays_the_same_both_ways(scenario_id):
    scenario = load_scenario(bundled_dir() / f"{scenario_id}.yaml", names())
    if scenario.is_bilateral:
        pytest.skip("a bilateral scenario has its own loop (tests/test_bilateral.py)")
    for seed in range(3):
        for name, mix in MIXES.items():
            assert _log(scenario, seed, mix, True) == _log(scenario, seed, mix, False), (seed, name)
    assert _log(scenario, 5, {}, True, full_information=True) == _log(scenario, 5, {}, False, full_information=True)


def test_the_together_path_is_taken_and_asks_each_class_once_per_run(rutte, monkeypatch):
    import game.engine.loop as loop
    runs, turns_given = [], []

    class Counted(loop.Turns):
        def __init__(self, *args, **options):
            super().__init__(*args, **options)
            runs.append(len(self.leader_ids))

        def __iter__(self):
            for turn in super().__iter__():
                turns_given.append(turn[0].leader_id)
                yield turn
    monkeypatch.setattr(loop, "Turns", Counted)
    game = Game(rutte, 1)
    state = play(game, agents_for(rutte))
    member_moves = sum(1 for entry in state.history if entry.type == "action"
                       and isinstance(agents_for(rutte)[entry.actor], MemberAgent))
    assert runs and max(runs) >= 20          # whole runs of members, not single turns
    assert 0.9 * member_moves <= len(turns_given) < member_moves   # all but a member alone between others
    assert len(runs) < member_moves / 10


def test_a_users_own_act_together_is_never_handed_the_game(rutte, monkeypatch):
    """A run of Turns holds the game: only the built-in act_together gets one; a user's class with its own
    plays one by one (its act() at each turn)."""
    import game.engine.loop as loop
    made = []
    monkeypatch.setattr(loop, "Turns", lambda *args: made.append(args) or pytest.fail("a user's class got Turns"))

    class Mine(MemberAgent):
        name = "mine"

        @classmethod
        def act_together(cls, turns):
            pytest.fail("a user's act_together was called")
    agents = {leader_id: (Mine(leader_id, rutte.leader(leader_id).traits) if isinstance(agent, MemberAgent) else agent)
              for leader_id, agent in agents_for(rutte).items()}
    reference = {leader_id: (MemberAgent(leader_id, rutte.leader(leader_id).traits) if isinstance(agent, MemberAgent)
                             else agent) for leader_id, agent in agents_for(rutte).items()}
    mine = play(Game(rutte, 3), agents)
    assert not made
    assert mine.history == play(Game(rutte, 3), reference, together=False).history


def test_a_users_agent_without_act_together_plays_one_by_one(rutte):
    class Silent:   # an agent written by a user: only act()
        seen = 0

        def __init__(self, leader_id):
            self.leader_id = leader_id

        def act(self, observation, rng):
            Silent.seen += 1
            assert observation.leader_id == self.leader_id
            return Pass(self.leader_id, "Listens.")
    agents = dict(agents_for(rutte))
    for leader_id, agent in agents.items():
        if isinstance(agent, MemberAgent):
            agents[leader_id] = Silent(leader_id)
    state = play(Game(rutte, 2), agents)
    assert state.is_terminal and Silent.seen > 0


def test_a_users_subclass_keeping_its_own_memo_plays_the_built_in_game(rutte):
    """A user's subclass may name its own things `memo` or `cache`: the built-in member's speed-ups use private
    names, so the subclass plays exactly the game of the members it replaces."""
    class Noting(MemberAgent):
        def __init__(self, leader_id, traits):
            super().__init__(leader_id, traits)
            self.memo, self.cache = {}, {}

        def consult(self, observation, rng):
            self.memo[observation.round] = self.aspiration(observation)
            return super().consult(observation, rng)
    mine = {leader_id: Noting(leader_id, rutte.leader(leader_id).traits) if type(agent) is MemberAgent else agent
            for leader_id, agent in agents_for(rutte).items()}
    assert _log_of(Game(rutte, 4), mine) == _log_of(Game(rutte, 4), agents_for(rutte))
    assert any(agent.memo for agent in mine.values() if isinstance(agent, Noting))


def _log_of(game, agents):
    state = play(game, agents)
    return [entry.to_json() for entry in state.history]


def test_judging_together_gives_the_numbers_of_judging_alone(rutte):
    """Utility, losses and crossed red lines of a draft for every leader at once equal the row-by-row ones, to
    the last bit (the games depend on it)."""
    game = Game(rutte, 0)
    state = game.new_initial_state()
    leaders = [leader.id for leader in rutte.leaders]
    alone, together = game.preferences(()), Game(rutte, 0).preferences(())
    drafts = [state.draft, game.no_deal_terms()]
    for draft in drafts:
        together.judge_together(draft, leaders)
        for leader_id in leaders:
            assert together.utility(draft, leader_id) == alone.utility(draft, leader_id)
            assert np.array_equal(together.losses(draft, leader_id), alone.losses(draft, leader_id))
            assert together.crossed(draft, leader_id) == alone.crossed(draft, leader_id)


def test_an_observation_has_every_field_it_declares(rutte):
    """Observation.build fills the object without the dataclass's __init__ (speed): every field must be there."""
    import dataclasses

    from game.engine import Observation
    game = Game(rutte, 0)
    observation = game.observe(game.new_initial_state(), "sanchez")
    assert set(vars(observation)) == {field.name for field in dataclasses.fields(Observation)}
    assert dataclasses.replace(observation, round=2).round == 2 and observation.round == 1


def test_a_game_runs_the_garbage_collector_less_often_and_puts_its_thresholds_back(rutte):
    import gc
    import game.engine.loop as loop
    before = gc.get_threshold()
    during = []
    play(Game(rutte, 0), agents_for(rutte), on_step=lambda *_: during.append(gc.get_threshold()))
    assert during and all(threshold[0] >= loop.YOUNG_OBJECTS for threshold in during)
    assert gc.get_threshold() == before
    # What the game still holds goes to the oldest generation as it ends: no collection runs through it when the
    # threshold drops (one would, at the next allocation), and nothing is left frozen.
    collections = []
    gc.callbacks.append(record := lambda phase, info: collections.append(info) if phase == "start" else None)
    try:
        state = play(Game(rutte, 0), agents_for(rutte), on_step=lambda *_: collections.clear())
        made = [[index] for index in range(before[0] // 2)]
    finally:
        gc.callbacks.remove(record)
    assert state.is_terminal and len(made) == before[0] // 2
    assert collections == [] and gc.get_freeze_count() == 0
    gc.freeze()   # someone froze what they have: a game leaves their freeze alone (thawed, the count would be 0)
    try:
        play(Game(rutte, 0), agents_for(rutte))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    gc.set_threshold(0)   # someone switched it off: it stays off
    try:
        play(Game(rutte, 0), agents_for(rutte), on_step=lambda *_: during.append(gc.get_threshold()))
        assert during[-1][0] == 0 and gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)


def test_a_runs_priming_gives_each_member_the_numbers_it_works_out_alone(rutte, monkeypatch):
    """What act_together puts in a member's memo for a whole run (its doubt about the US, its lonely rounds, how
    it values the draft and no deal, its aspiration) equals, to the last bit, what the same member works out from
    the same observation with nothing given, at every run of members in several games (late rounds included, where
    doubts and lonely rounds are not zero)."""
    import game.engine.loop as loop
    from game.agents.member import _Shared
    from game.agents.base import issue_with
    from game.scenario import Effect
    compared = {"runs": 0, "doubting": 0}

    class Checked(loop.Turns):
        def __iter__(self):
            first = self.first
            shared = _Shared(first, self.leader_ids, issue_with(first, Effect.US_GUARANTEE))
            for agent, observation, rng in super().__iter__():
                if type(agent) is MemberAgent:
                    traits = rutte.leader(agent.leader_id).traits   # a member keeps no more than these and a memo
                    primed, alone = MemberAgent(agent.leader_id, traits), MemberAgent(agent.leader_id, traits)
                    shared.prime(primed, observation)
                    alone.take_traits(observation)
                    for member in (primed, alone):
                        member.answers = (member.aspiration(observation), member.valued(observation, observation.draft),
                                          member.no_deal_utility(observation),
                                          member._guarantee_doubt(observation, observation.draft)[0])
                    assert primed.answers == alone.answers, (observation.leader_id, observation.round)
                    compared["doubting"] += alone.answers[3] != 0.0
                yield agent, observation, rng
            compared["runs"] += 1
    monkeypatch.setattr(loop, "Turns", Checked)
    for seed in range(3):
        play(Game(rutte, seed), agents_for(rutte))
    assert compared["runs"] > 20 and compared["doubting"] > 0


def _silence_opens(game, agents):
    """The state at which round 1's silence procedure opens, played by the scenario's agents."""
    state = game.new_initial_state()
    while state.phase != Phase.SILENCE:
        actor = game.current_actor(state)
        state = game.apply(state, agents[actor].act(game.observe(state, actor), game.agent_rng(state, actor)))
    return state


def test_a_voter_is_not_shown_the_answers_before_its_own_until_the_result(rutte):
    game, agents = Game(rutte, 2), agents_for(rutte)
    state = _silence_opens(game, agents)
    opened = state.history
    voters = game.actors(Phase.SILENCE, state)
    for voter in voters[:5]:
        state = game.apply(state, BreakSilence(voter, "No.", issue=rutte.issues[0].id))
    shown = game.observe(state, voters[5])
    assert len(state.history) == len(opened) + 5 and shown.history == opened   # the five answers are not in it
    while state.phase == Phase.SILENCE:
        state = game.apply(state, Pass(game.current_actor(state), "Silent."))
    later = game.observe(state, game.current_actor(state))
    assert [entry.actor for entry in later.history if entry.type == "action" and entry.phase == "silence"
            and entry.data["action"]["kind"] == "break_silence"] == list(voters[:5])   # after the result, all of them


def test_a_runs_answers_applied_in_one_step_make_the_state_of_applying_them_one_by_one(rutte):
    game, agents = Game(rutte, 3), agents_for(rutte)
    opened = _silence_opens(game, agents)
    voters = game.actors(Phase.SILENCE, opened)
    answers = [BreakSilence(voter, f"No, says {voter}.", issue=rutte.issues[k % 3].id) if k % 4 == 0
               else Pass(voter, f"Silent, says {voter}.") for k, voter in enumerate(voters)]
    for first, last in ((0, 7), (7, 20), (20, len(voters)), (0, len(voters))):   # a run ends the procedure or not
        start = opened
        for answer in answers[:first]:
            start = game.apply(start, answer)
        one_by_one = start
        for answer in answers[first:last]:
            one_by_one = game.apply(one_by_one, answer)
        at_once = game.apply_answers(start, answers[first:last])
        assert at_once == one_by_one, (first, last)
        assert [entry.text for entry in at_once.history] == [entry.text for entry in one_by_one.history]
    assert game.apply_answers(opened, answers).phase != Phase.SILENCE   # the last answer brings the result
    out_of_turn = [answers[1], answers[0]]
    with pytest.raises(IllegalActionError, match="turn"):
        game.apply_answers(opened, out_of_turn)
    with pytest.raises(IllegalActionError):
        game.apply_answers(opened, answers + [Pass(voters[0], "Again.")])   # more answers than voters


def test_the_silence_procedure_is_applied_a_run_at_a_time(rutte, monkeypatch):
    calls = []
    original = Game.apply_answers
    monkeypatch.setattr(Game, "apply_answers", lambda self, state, actions: calls.append(len(actions))
                        or original(self, state, actions))
    state = play(Game(rutte, 1), agents_for(rutte))
    answers = sum(1 for entry in state.history if entry.type == "action" and entry.phase == "silence")
    assert calls and max(calls) >= 20 and 0.9 * answers <= sum(calls) < answers   # all but the US President's
