"""A built-in agent's reason is written when someone reads it (engine.said.SaidLater): a game played headless, as
a batch plays it, writes none of its sentences, and reading them afterwards gives the log the game would have
written with every sentence written at once. Everyone still reads `action.reason` and an entry's
`data["action"]["reason"]` as the sentence."""

from __future__ import annotations

import pickle
import re

import pytest

from game import __version__
from game.agents import agents_for, chosen_names, names
from game.agents.base import verdict
from game.agents.member import MemberAgent
from game.engine import Game, Pass, action_from_json, log, make_game, outcome, outcome_of, play
from game.engine.actions import REASON_MAX
from game.engine.said import Said, SaidLater, voiced
from game.scenario import load_scenario
from game.scenario.catalogue import bundled_dir, bundled_ids


def _reasons(state) -> list:
    """The reasons as each move's record keeps them (unwritten ones as they are)."""
    return [entry.record["action"]["reason"] for entry in state.history if entry.type == "action"]


def _log(scenario, seed, state, result) -> str:
    return log.write(scenario.source_text, scenario.id, seed, chosen_names(scenario), __version__, state, result)


def test_a_headless_game_writes_no_reason_and_its_log_is_the_one_written_at_once(rutte):
    game = Game(rutte, 3)
    state = play(game, agents_for(rutte))
    result = outcome(game, state)
    later = [reason for reason in _reasons(state) if type(reason) is SaidLater]
    assert len(later) > 0.8 * len(_reasons(state))       # the members' moves, the chair's drafts, the US's words
    assert not any(reason.is_written for reason in later)  # play and outcome read none of them

    def read_at_once(before, action, after):   # every sentence written as its move is made, as before SaidLater
        assert isinstance(action.reason, str)
        assert all(isinstance(entry.data["action"]["reason"], str) for entry in after.history[before.step:]
                   if entry.type == "action")
    eager_game = Game(rutte, 3)
    eager = play(eager_game, agents_for(rutte), on_step=read_at_once)
    assert not any(type(reason) is SaidLater and not reason.is_written for reason in _reasons(eager))

    assert _log(rutte, 3, state, result) == _log(rutte, 3, eager, outcome(eager_game, eager))
    assert all(reason.is_written for reason in later)     # writing the log wrote them, once


def test_a_reason_reads_as_its_sentence_everywhere(rutte):
    state = play(Game(rutte, 1), agents_for(rutte))
    entry = next(entry for entry in state.history if entry.type == "action"
                 and type(entry.record["action"]["reason"]) is SaidLater)
    action = action_from_json(entry.record["action"])    # the window's and the accounts' way, from the record
    assert type(action.__dict__["reason"]) is SaidLater
    sentence = action.reason
    assert isinstance(sentence, Said) and sentence.strip() and len(sentence) <= REASON_MAX
    assert action.reason is sentence and type(action.__dict__["reason"]) is Said   # written once, then kept
    assert entry.data["action"]["reason"] == sentence and type(entry.record["action"]["reason"]) is Said
    assert entry.to_json()["action"]["said"] == sentence.to_json()
    assert action_from_json(entry.to_json()["action"]) == action   # the log line reads back as the move
    assert repr(sentence) in repr(action)


def test_an_action_pickles_and_copies_with_its_sentence_written(rutte):
    state = play(Game(rutte, 2), agents_for(rutte))
    entries = [entry for entry in state.history if entry.type == "action"
               and type(entry.record["action"]["reason"]) is SaidLater][:20]
    assert entries
    for entry in entries:
        action = action_from_json(entry.record["action"])
        record = pickle.loads(pickle.dumps(entry.record))   # a worker process sends it back
        again = pickle.loads(pickle.dumps(action))
        assert type(record["action"]["reason"]) is Said and type(again.__dict__["reason"]) is Said
        assert again == action and record == entry.data


def test_a_reason_that_is_no_sentence_is_refused_when_written():
    too_long = SaidLater(lambda: voiced("{text}", text="x" * (REASON_MAX + 1)))
    with pytest.raises(ValueError, match="at most 500 characters"):
        Pass("rutte", too_long).reason
    with pytest.raises(ValueError, match="not a sentence"):
        SaidLater(lambda: 42).said()


@pytest.mark.parametrize("scenario_id", bundled_ids())
def test_every_built_in_sentence_fits_the_rules_limit(scenario_id):
    """The rules take a SaidLater unread (Game.why_illegal, reason_fits): here every reason the built-in agents
    give in the bundled scenarios' games is written, a sentence of at most REASON_MAX characters."""
    scenario = load_scenario(bundled_dir() / f"{scenario_id}.yaml", names())
    for seed in range(3):
        game = make_game(scenario, seed)
        state = play(game, agents_for(scenario))
        outcome_of(game, state)
        for entry in state.history:
            if entry.type == "action":
                reason = entry.data["action"]["reason"]
                assert isinstance(reason, Said) and 0 < len(reason) <= REASON_MAX, (seed, entry.actor, reason)


def test_an_agent_s_own_stake_is_asked_while_it_decides(rutte):
    """A subclass's stake may read what the agent knows at that moment: it is asked at once, never later."""
    class Counting(MemberAgent):
        name = "counting"
        asked = 0

        def stake(self, observation, issue_id, draft):
            Counting.asked += 1
            return voiced("objection number {count}", count=Counting.asked)

    agents = agents_for(rutte)
    seats = [leader for leader, agent in agents.items() if type(agent) is MemberAgent]
    for leader in seats:
        agents[leader] = Counting(leader, rutte.leader(leader).traits)
    state = play(Game(rutte, 4), agents)
    assert Counting.asked > 0
    asked = Counting.asked
    said = [re.search(r"objection number (\d+)\.", str(reason)) for reason in _reasons(state)]
    assert Counting.asked == asked       # reading the reasons asked no more
    assert [int(found[1]) for found in said if found] == list(range(1, asked + 1))   # each as its move was made


def test_verdict_still_gives_the_sentence(rutte):
    game, agents = Game(rutte, 0), agents_for(rutte)
    state = game.new_initial_state()
    while game.current_actor(state) != "sanchez":
        actor = game.current_actor(state)
        state = game.apply(state, agents[actor].act(game.observe(state, actor), game.agent_rng(state, actor)))
    agent = agents["sanchez"]
    observation = game.observe(state, "sanchez")
    agent.take_traits(observation)
    accept, issue, why = verdict(agent, observation, observation.draft, game.agent_rng(state, "sanchez"))
    assert type(why) is Said and why.strip()
