"""Same scenario, seed and actions: the same log and outcome, byte for byte."""

import json

from game import __version__
from game.agents import agents_for, chosen_names
from game.engine import Game, action_from_json, log, outcome, play


def run(scenario, seed):
    game = Game(scenario, seed)
    state = play(game, agents_for(scenario))
    result = outcome(game, state)
    text = log.write(scenario.source_text, scenario.id, seed, chosen_names(scenario), __version__, state, result)
    return state, result, text


def test_one_seed_gives_a_byte_identical_log(rutte):
    assert run(rutte, 7)[2] == run(rutte, 7)[2]


def test_different_seeds_give_different_games(rutte):
    logs = {run(rutte, seed)[2] for seed in range(4)}
    assert len(logs) == 4


def test_applying_a_logs_actions_to_a_fresh_game_gives_the_same_outcome(rutte):
    state, result, text = run(rutte, 3)
    lines = [json.loads(line) for line in text.splitlines()]
    header = lines[0]
    assert header["type"] == "header" and header["seed"] == 3 and header["scenario"] == rutte.source_text
    game = Game(rutte, header["seed"])
    replay = game.new_initial_state()
    for line in lines[1:]:
        if line["type"] == "action":
            replay = game.apply(replay, action_from_json(line["action"]))
    assert replay.history == state.history
    assert json.dumps(outcome(game, replay).to_json()) == json.dumps({k: v for k, v in lines[-1].items() if k != "type"})


def test_outcomes_differ_across_seeds(rutte):
    results = [run(rutte, seed)[1] for seed in range(12)]
    assert len({json.dumps(r.to_json(), sort_keys=True) for r in results}) > 1
    assert len({r.agreed for r in results}) == 2, "some seeds reach agreement and some do not"
