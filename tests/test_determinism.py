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


# ----- the games of record ----------------------------------------------------------------------------------
# Speed work must not change a single move. tests/data/games_of_record.json holds, per bundled scenario, the
# SHA-256 of the logs (entries and outcome) of seeds 0-2 played by the scenario's own agents. When a change
# to the agents or the rules is meant to change play, regenerate it with
#     python tests/test_determinism.py --record
# and say in the commit why the games changed.

RECORD = __import__("pathlib").Path(__file__).resolve().parent / "data" / "games_of_record.json"
RECORD_SEEDS = (0, 1, 2)


def _games_digest(scenario_id: str) -> str:
    import hashlib

    from game.scenario.catalogue import check

    scenario = check(scenario_id).scenario
    digest = hashlib.sha256()
    for seed in RECORD_SEEDS:
        game = Game(scenario, seed)
        state = play(game, agents_for(scenario))
        digest.update("\n".join(log.lines(state, outcome(game, state))).encode("utf-8"))
    return digest.hexdigest()


def _summit_scenarios() -> list[str]:
    from game.scenario.catalogue import bundled_ids, check
    return [s for s in bundled_ids() if not check(s).scenario.is_bilateral]


def test_the_bundled_scenarios_play_exactly_the_games_of_record():
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))
    assert sorted(recorded) == sorted(_summit_scenarios()), "record the games of a new scenario (see above)"
    changed = [scenario for scenario, digest in recorded.items() if _games_digest(scenario) != digest]
    assert not changed, (f"these scenarios no longer play the games of record (seeds {RECORD_SEEDS}): {changed}; "
                         "if that was meant, regenerate tests/data/games_of_record.json (see above)")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--record"]:
        RECORD.write_text(json.dumps({s: _games_digest(s) for s in _summit_scenarios()}, indent=2) + "\n",
                          encoding="utf-8")
        print(f"wrote {RECORD}")
