"""How long `summit run` takes: the whole command (start-up included) and the game alone.

    python bench/run_speed.py [SCENARIO] [--repeat N]

Prints the median and worst of N runs; numbers go in the issue notes, never into unit tests.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", nargs="?", default="rutte_washington_2025")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    command = [sys.executable, "-m", "game", "run", args.scenario, "--seed", "1"]
    wall = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        wall.append(time.perf_counter() - start)

    from game.agents import agents_for, names
    from game.catalogue import resolve
    from game.engine import Game, outcome, play
    from game.scenario import load_scenario

    scenario = load_scenario(resolve(args.scenario), names())
    games = []
    for seed in range(args.repeat * 4):
        start = time.perf_counter()
        game = Game(scenario, seed)
        state = play(game, agents_for(scenario))
        outcome(game, state)
        games.append(time.perf_counter() - start)
    print(f"{args.scenario}: `summit run --seed 1` median {statistics.median(wall):.3f} s, worst {max(wall):.3f} s "
          f"({args.repeat} runs, start-up included)")
    print(f"{args.scenario}: one game in-process median {statistics.median(games) * 1000:.0f} ms, "
          f"worst {max(games) * 1000:.0f} ms ({len(games)} seeds), {len(state.history)} log entries in the last")


if __name__ == "__main__":
    main()
