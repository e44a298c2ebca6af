"""Benchmark 1: how long one headless game takes, in-process, over many seeds; and `summit run` whole.

    python bench/game_speed.py [--scenario rutte_washington_2025] [--seeds 50] [--cli-runs 3]

A game is timed from building the Game to its outcome (the scenario's own agents, as `summit run` and a
batch play it), after one untimed warm-up game (imports, caches). Prints the median, 90th percentile and
worst ms per game, ms per action (all games' time over all their actions), and, with --cli-runs, the
whole `summit run --seed 1` command (interpreter start-up and scenario loading included).

Then the engine alone: each timed game played again from the same seed by scripted agents that hand over the
moves the game's agents made, ready-made (no agent code runs), timed the same way. It is the floor no work on
the agents can go below: what building observations, checking and applying the moves, logging them and the
outcome cost for that game.
Target (issue "Batch simulation at speed"): a 32-ally Rutte game under 20 ms median.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from _common import Spread, bundled, machine, record_target, target, timed_game
from game.engine import MOVES, Game, Termination, action_from_json, outcome, play

TARGET_MS = 20.0
WARM_UP_SEED = 1_000_003  # not among the timed seeds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="rutte_washington_2025", help="bundled id or path")
    parser.add_argument("--seeds", type=int, default=50, help="games to time, seeds 0..N-1 (default 50)")
    parser.add_argument("--cli-runs", type=int, default=3,
                        help="times to run the whole `summit run` command as well (0: skip; default 3)")
    args = parser.parse_args()
    if args.seeds < 1:
        parser.error(f"--seeds must be at least 1, found {args.seeds}")

    print(f"game_speed: {machine()}")
    scenario = bundled(args.scenario)
    timed_game(scenario, WARM_UP_SEED)
    games = [timed_game(scenario, seed) for seed in range(args.seeds)]
    spread = Spread.of([game.seconds for game in games])
    actions = sum(game.actions for game in games)
    total = sum(game.seconds for game in games)
    adopted = sum(game.state.termination == Termination.ADOPTED for game in games)
    print(f"{scenario.id} ({len(scenario.allies)} allies, {len(scenario.leaders)} leaders), {len(games)} seeds "
          f"in-process: {spread.ms()} per game")
    print(f"  {1000 * total / actions:.3f} ms per action ({actions / len(games):.0f} actions and "
          f"{statistics.mean(game.rounds for game in games):.1f} rounds a game on average; "
          f"{adopted}/{len(games)} adopted)")
    if "rutte" in scenario.id:
        print(f"  target (Rutte game under {TARGET_MS:g} ms median): {target(1000 * spread.median < TARGET_MS)}")
        record_target("1", f"a Rutte game under {TARGET_MS:g} ms median", f"{1000 * spread.median:.1f} ms median",
                      1000 * spread.median < TARGET_MS)

    floor = Spread.of([engine_alone(scenario, seed, game.state) for seed, game in enumerate(games)])
    print(f"  the engine alone (the same moves, handed over ready-made by scripted agents): {floor.ms()} per game, "
          f"{floor.median / spread.median:.0%} of a game")

    if args.cli_runs > 0:
        command = [sys.executable, "-m", "game", "run", args.scenario, "--seed", "1"]
        wall = []
        for _ in range(args.cli_runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            wall.append(time.perf_counter() - start)
        print(f"`summit run {args.scenario} --seed 1`, whole command: median {statistics.median(wall):.3f} s, "
              f"worst {max(wall):.3f} s ({args.cli_runs} run{'s' if args.cli_runs > 1 else ''}, interpreter start-up included)")


class _Scripted:
    """Hands over, in order, the moves one leader made in a game already played."""

    def __init__(self, moves):
        self.moves = iter(moves)

    def act(self, observation, rng):
        return next(self.moves)


def engine_alone(scenario, seed: int, played) -> float:
    """Seconds to play the game `played` again from its seed with its moves handed over ready-made: Game to
    outcome, as timed_game times a game."""
    moves: dict[str, list] = {leader.id: [] for leader in scenario.leaders}
    for entry in played.history:
        if entry.type in MOVES:
            moves[entry.actor].append(action_from_json(entry.data["action"]))
    agents = {leader_id: _Scripted(made) for leader_id, made in moves.items()}
    start = time.perf_counter()
    game = Game(scenario, seed)
    state = play(game, agents)
    outcome(game, state)
    seconds = time.perf_counter() - start
    if len(state.history) != len(played.history):
        raise SystemExit(f"seed {seed}: the moves handed over did not play the same game")
    return seconds


if __name__ == "__main__":
    main()
