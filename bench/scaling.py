"""Benchmark 3: how the cost of a game grows with the number of allies, on synthetic Rutte-like scenarios.

    python bench/scaling.py [--allies 8 32 128 512] [--seeds 5] [--profile]

Each size is measured in a fresh interpreter (this script again, with --child), so peak RSS belongs to
that size alone. A synthetic scenario for N allies keeps rutte_washington_2025's issues, no-deal terms,
rounds, Secretary General (Rutte), US President (Trump) and the United States, and adds N - 1 member
allies, each with one leader: member k copies a real member drawn from the Rutte scenario (its ally's
figures and its leader's positions, red lines and traits) and perturbs it from its own seeded stream, so
member k is the same at every N. Events are off (they name real allies). So N counts allies as the
scenario does (Rutte: 32 allies), with N + 1 leaders.

The Scenario model caps allies (and leaders); the cap stays. A size over it is built by validating the
same generator's scenario at the largest size the model allows (pydantic model and the project's
cross-reference checks), validating every further ally and leader on its own model, and joining them with
`Scenario.model_copy(update=...)` (which skips the size caps); the cross-reference checks then run on the
whole. The output says which sizes were built so.

Per size: one untimed 8-ally warm-up game, then `--seeds` games (fewer at large N: at most 256 // N,
at least 1), each timed from building the Game to its outcome; time per round = game time / rounds
played. Then one more game (seed 0) under tracemalloc (its peak, in MB) while the drafts the Secretary
General revises are noted, to count the candidate packages it examines per revision (its own
`_candidates`, called afterwards on the same observations: nothing of the game is patched). RSS is the
child's peak before tracemalloc starts. The growth exponent k (cost ~ N**k) is fitted between
consecutive sizes; 1 is linear. `--profile`: the largest size's seed-0 game once more under cProfile,
top 15 functions by own time. Target (issue "Batch simulation at speed"): a 512-ally game under 2 s.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import subprocess
import sys
import time
import tracemalloc

import numpy as np

from _common import (Spread, bundled, growth_exponent, machine, peak_rss_mb, record_target, target, timed_game)
from game.agents import agents_for, names
from game.agents.secretary_general import SecretaryGeneralAgent
from game.engine import Game, Phase, outcome, play
from game.scenario import Ally, Leader, Role, Scenario
from game.scenario.checks import errors

BASE = "rutte_washington_2025"
SIZES = (8, 32, 128, 512)
TARGET_SECONDS_512 = 2.0
RESULT = "RESULT "  # the line a child prints its measurements on


def model_cap(field: str) -> int:
    """The Scenario model's maximum length for a list field (read from the model, never changed)."""
    return next(rule.max_length for rule in Scenario.model_fields[field].metadata if hasattr(rule, "max_length"))


def largest_valid_size() -> int:
    """The most allies a synthetic scenario may have and still pass the model: N allies need N + 1 leaders."""
    return min(model_cap("allies"), model_cap("leaders") - 1)


# ----- the synthetic scenario ---------------------------------------------------------------------
def _member(k: int, base: Scenario, rng: np.random.Generator) -> tuple[dict, dict]:
    """(ally, leader) as scenario-file data: a real member of the base scenario, perturbed."""
    templates = [leader for leader in base.leaders if leader.role == Role.MEMBER]
    like = templates[int(rng.integers(len(templates)))]
    ally = base.ally(like.ally)
    scale = float(np.exp(rng.normal(0.0, 0.4)))

    def fraction(value: float) -> float:
        return round(float(np.clip(value + rng.normal(0.0, 0.05), 0.0, 1.0)), 2)

    spending = ally.defence_pct_gdp
    letters = "".join(chr(65 + (k // 26 ** p) % 26) for p in (2, 1, 0))
    ally_data = {
        "id": f"ally_{k:03d}", "name": f"Ally {k}", "iso3": letters,
        "gdp_usd_bn": round(ally.gdp_usd_bn * scale, 3),
        "defence_pct_gdp": None if spending is None else round(float(np.clip(spending + rng.normal(0.0, 0.25), 0.5, 6.0)), 2),
        "population_m": round(ally.population_m * scale, 3),
        "threat": fraction(ally.threat), "fiscal_space": fraction(ally.fiscal_space),
        "domestic_support": fraction(ally.domestic_support),
        "note": f"synthetic, modelled on {ally.name}",
    }
    positions = {}
    for issue in base.issues:
        position = like.positions.get(issue.id)
        if position is None:
            continue
        weight = round(position.weight * float(rng.uniform(0.75, 1.25)), 3)
        ideal, red_line = position.ideal, position.red_line
        if issue.is_range:  # ideal and red line move together, about two steps either way
            offset = float(rng.normal(0.0, 2.0)) * issue.step
            ideal = issue.snap(ideal + offset)
            red_line = None if red_line is None else issue.snap(red_line + offset)
            if red_line == ideal:  # pushed together against the range's end: no room for a red line
                red_line = None
        positions[issue.id] = {"ideal": ideal, "weight": weight, "red_line": red_line}
    traits = {"patience": fraction(like.traits.patience), "assertiveness": fraction(like.traits.assertiveness),
              "trust": dict(like.traits.trust)}
    leader_data = {"id": f"leader_{k:03d}", "name": f"Leader {k}", "title": f"Head of government of Ally {k}",
                   "role": "member", "ally": ally_data["id"], "agent": like.agent, "positions": positions,
                   "traits": traits}
    return ally_data, leader_data


def _data(base: Scenario, allies: list[dict], leaders: list[dict]) -> dict:
    """Scenario-file data around the members: the base's issues, terms, chair and US, no events."""
    chair = next(leader for leader in base.leaders if leader.role == Role.SECRETARY_GENERAL)
    president = next(leader for leader in base.leaders if leader.role == Role.US_PRESIDENT)
    by_gdp = sorted(zip(allies, leaders), key=lambda pair: -pair[0]["gdp_usd_bn"])
    return {
        "schema": 1, "id": f"synthetic_{len(allies) + 1}", "title": f"Synthetic summit, {len(allies) + 1} allies",
        "summary": f"A benchmark scenario generated from {base.id}.", "fictional": True,
        "year": base.year, "sources": base.sources, "rounds": base.rounds,
        "implementation_years": base.implementation_years, "issues": base.issues, "no_deal": dict(base.no_deal),
        "us_review": base.us_review, "decision": base.decision,
        "allies": [base.ally(president.ally), *allies], "leaders": [chair, president, *leaders],
        "order": [chair.id, president.id, *(leader["id"] for _, leader in by_gdp)],
    }


def _checked(scenario: Scenario) -> Scenario:
    found = list(errors(scenario, names()))
    if found:
        raise ValueError(f"the synthetic scenario {scenario.id} is invalid: {found[:5]}")
    return scenario


def synthetic(allies: int, seed: int = 0) -> tuple[Scenario, str]:
    """(the N-ally scenario, how it was validated). Member k draws from the k-th child of `seed`'s
    SeedSequence, so a smaller scenario is the first members of a larger one."""
    if allies < 2:
        raise ValueError(f"a synthetic scenario needs at least 2 allies (the US and one member), found {allies}")
    base = bundled(BASE)
    members = [_member(k + 1, base, np.random.default_rng(child))
               for k, child in enumerate(np.random.SeedSequence(seed).spawn(allies - 1))]
    ally_data = [ally for ally, _ in members]
    leader_data = [leader for _, leader in members]
    cap = largest_valid_size()
    if allies <= cap:
        return _checked(Scenario.model_validate(_data(base, ally_data, leader_data))), "validated"
    valid = _checked(Scenario.model_validate(_data(base, ally_data[:cap - 1], leader_data[:cap - 1])))
    full = _data(base, ally_data, leader_data)
    scenario = valid.model_copy(update={
        "id": full["id"], "title": full["title"], "order": tuple(full["order"]),
        "allies": tuple(a if isinstance(a, Ally) else Ally.model_validate(a) for a in full["allies"]),
        "leaders": tuple(l if isinstance(l, Leader) else Leader.model_validate(l) for l in full["leaders"])})
    return _checked(scenario), (f"validated at {cap} allies (the model's cap: {model_cap('allies')} allies, "
                                f"{model_cap('leaders')} leaders), extended by model_copy")


def candidate_count(chair, observation) -> int | None:
    """How many packages the Secretary General scores in a revision at this observation, asked of its own
    private helpers (read-only; they change as the agent is sped up): None when neither is there."""
    if not isinstance(chair, SecretaryGeneralAgent):
        return None
    if hasattr(chair, "_axes"):  # the candidates are every combination of these values
        return int(np.prod([len(axis) for axis in chair._axes(observation)]))
    if hasattr(chair, "_candidates"):
        return len(chair._candidates(observation))
    return None


# ----- one size, in a child process ---------------------------------------------------------------
def measure(allies: int, seeds: int, profile: bool) -> dict:
    start = time.perf_counter()
    scenario, validation = synthetic(allies)
    setup = time.perf_counter() - start
    timed_game(synthetic(8)[0], 1_000_003)  # warm-up: imports, numpy's first calls
    games = [timed_game(scenario, seed) for seed in range(seeds)]
    rss = peak_rss_mb()

    game = Game(scenario, 0)
    agents = agents_for(scenario)
    revisions = []   # the states at which the Secretary General revises the draft

    def note(before, action, after) -> None:
        if before.phase == Phase.DRAFTING and before.round > 1 and action.actor == game.pen_holder:
            revisions.append(before)

    tracemalloc.start()
    outcome(game, play(game, agents, on_step=note))
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    chair = agents[game.pen_holder]
    candidates = [count for count in (candidate_count(chair, game.observe(state, game.pen_holder))
                                      for state in revisions) if count is not None]

    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        timed_game(scenario, 0)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
        print(f"{allies} allies, seed 0, under cProfile (times inflated by profiling); top 15 by own time:")
        print(out.getvalue())

    spread = Spread.of([g.seconds for g in games])
    return {
        "allies": allies, "leaders": len(scenario.leaders), "validation": validation, "setup_s": setup,
        "seeds": seeds, "game_s": spread.median, "game_worst_s": spread.worst,
        "round_s": float(np.median([g.seconds / g.rounds for g in games])),
        "action_s": sum(g.seconds for g in games) / sum(g.actions for g in games),
        "rounds": float(np.mean([g.rounds for g in games])), "actions": float(np.mean([g.actions for g in games])),
        "candidates": candidates, "traced_mb": traced_peak, "rss_mb": rss,
    }


# ----- the report ---------------------------------------------------------------------------------
def report(rows: list[dict]) -> None:
    print(f"{'allies':>6} {'leaders':>7} {'seeds':>5} {'rounds':>6} {'actions':>7} {'ms/game':>9} {'worst':>9} "
          f"{'ms/round':>9} {'ms/action':>9} {'candidates/revision':>19} {'traced MB':>9} {'RSS MB':>7}")
    for row in rows:
        counts = row["candidates"]
        candidates = f"{min(counts)}-{max(counts)}" if counts else "-"
        print(f"{row['allies']:>6} {row['leaders']:>7} {row['seeds']:>5} {row['rounds']:>6.1f} {row['actions']:>7.0f} "
              f"{1000 * row['game_s']:>9.1f} {1000 * row['game_worst_s']:>9.1f} {1000 * row['round_s']:>9.2f} "
              f"{1000 * row['action_s']:>9.3f} {candidates:>19} {row['traced_mb']:>9.1f} {row['rss_mb']:>7.0f}")
    print("growth exponent k (cost ~ allies**k; 1 = linear) between consecutive sizes:")
    for small, large in zip(rows, rows[1:]):
        def k(key: str) -> str:
            return f"{growth_exponent(small['allies'], small[key], large['allies'], large[key]):.2f}"
        print(f"  {small['allies']:>4} -> {large['allies']:<4} per round {k('round_s')}, per game {k('game_s')}, "
              f"per action {k('action_s')}, traced memory {k('traced_mb')}")
    for row in rows:
        if row["validation"] != "validated":
            print(f"  {row['allies']} allies: {row['validation']}")
    largest = next((row for row in rows if row["allies"] == 512), None)
    if largest:
        print(f"target (512-ally game under {TARGET_SECONDS_512:g} s): {target(largest['game_s'] < TARGET_SECONDS_512)} "
              f"(median {largest['game_s']:.2f} s)")
        record_target("3", f"a 512-ally game under {TARGET_SECONDS_512:g} s", f"{largest['game_s']:.2f} s median",
                      largest["game_s"] < TARGET_SECONDS_512)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--allies", type=int, nargs="+", default=list(SIZES), help="sizes (default 8 32 128 512)")
    parser.add_argument("--seeds", type=int, default=5, help="games per size, at most 256 // N (default 5)")
    parser.add_argument("--profile", action="store_true", help="profile the largest size's game (cProfile)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # one size, in this fresh interpreter
        print(RESULT + json.dumps(measure(args.allies[0], args.seeds, args.profile)))
        return
    sizes = sorted(set(args.allies))
    print(f"scaling: {machine()}")
    print(f"synthetic scenarios from {BASE}: N allies (the US and N - 1 generated members), N + 1 leaders, "
          f"events off; each size in its own process", flush=True)
    rows = []
    for allies in sizes:
        seeds = max(1, min(args.seeds, 256 // allies))
        command = [sys.executable, __file__, "--child", "--allies", str(allies), "--seeds", str(seeds)]
        if args.profile and allies == sizes[-1]:
            command.append("--profile")
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"scaling: the {allies}-ally run failed:\n{done.stderr}")
        lines = done.stdout.splitlines()
        rows.append(json.loads(lines[-1].removeprefix(RESULT)))
        extra = "\n".join(lines[:-1])
        if extra:
            print(extra)
        print(f"  {allies} allies done: scenario built and validated in {rows[-1]['setup_s']:.2f} s, median game "
              f"{rows[-1]['game_s']:.3f} s", flush=True)
    report(rows)


if __name__ == "__main__":
    main()
