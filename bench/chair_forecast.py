"""How good is the chair's forecast? Each draft the Secretary General tables says how many leaders it
expects to accept it ("the chair expects N of M to accept it"); the round's result in the log says who then
broke silence. This plays N seeds of each bundled summit scenario and compares the two.

    python bench/chair_forecast.py [--seeds 200] [SCENARIO ...]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.agents import agents_for, names  # noqa: E402
from game.engine import Game, play  # noqa: E402
from game.scenario.catalogue import bundled_ids, check  # noqa: E402

EXPECTS = re.compile(r"the chair expects (\d+) of (\d+) to accept it")


def forecasts(scenario, seed: int) -> list[tuple[int, int]]:
    """(expected, accepted) for every draft that reached the silence procedure in one game."""
    game = Game(scenario, seed)
    state = play(game, agents_for(scenario))
    voters = len(game.voters)
    pairs, expected = [], {}
    for entry in state.history:
        if entry.type == "action" and entry.data["action"]["kind"] == "table":
            found = EXPECTS.search(entry.data["action"]["reason"])
            if found:
                expected[entry.round] = int(found.group(1))
        elif entry.type == "result" and entry.round in expected:
            objectors = {actor for actor, _ in entry.data.get("objections", [])}
            pairs.append((expected[entry.round], voters - len(objectors)))
    if state.termination.value == "adopted" and state.round in expected and not any(
            entry.type == "result" and entry.round == state.round for entry in state.history):
        pairs.append((expected[state.round], voters))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("scenarios", nargs="*")
    args = parser.parse_args()
    ids = args.scenarios or [s for s in bundled_ids() if not check(s, names()).scenario.is_bilateral]
    print(f"{'scenario':<24}{'drafts':>8}{'exact':>8}{'mean |error|':>14}{'mean over-count':>17}  (seeds 0-{args.seeds - 1})")
    for scenario_id in ids:
        scenario = check(scenario_id, names()).scenario
        pairs = [pair for seed in range(args.seeds) for pair in forecasts(scenario, seed)]
        if not pairs:
            continue
        errors = [expected - accepted for expected, accepted in pairs]
        exact = sum(error == 0 for error in errors) / len(errors)
        print(f"{scenario_id:<24}{len(pairs):>8}{exact:>8.0%}{sum(map(abs, errors)) / len(errors):>14.1f}"
              f"{sum(errors) / len(errors):>17.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
