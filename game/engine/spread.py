"""Uncertainty that seeds reveal: each game draws every leader's positions and traits around what the
scenario writes, within the scenario's `spread` (docs/scenario-format.md).

- a range ideal moves by a whole number of steps, up to `ideal_steps` each way, kept inside the issue's
  range and on its side of the leader's red line (red lines are sourced statements and never move);
- each weight is multiplied by 1 + u, u uniform in [-weight, +weight];
- patience and assertiveness move by u, uniform in [-traits, +traits], kept in 0..1.

Options issues keep their ideals. The draws come from the game's seed (stream "spread", one per leader), so
the same scenario and seed give the same leaders, and adding a leader leaves the others' draws unchanged.
"""

from __future__ import annotations

from ..scenario import Leader, Scenario
from . import rng


def drawn(scenario: Scenario, seed: int) -> Scenario:
    """The scenario with its leaders as this seed draws them (the scenario itself when the spread is 0)."""
    spread = scenario.spread
    if spread.ideal_steps == 0 and spread.weight == 0 and spread.traits == 0:
        return scenario
    issues = {issue.id: issue for issue in scenario.issues}
    return scenario.model_copy(update={"leaders": tuple(_drawn_leader(leader, issues, spread, seed)
                                                        for leader in scenario.leaders)})


def _drawn_leader(leader: Leader, issues: dict, spread, seed: int) -> Leader:
    stream = rng.stream(seed, "spread", leader.id)
    positions = {}
    for issue_id, position in leader.positions.items():   # in the scenario's order: the draws are stable
        issue = issues[issue_id]
        steps = int(stream.integers(-spread.ideal_steps, spread.ideal_steps + 1)) if spread.ideal_steps else 0
        factor = 1.0 + float(stream.uniform(-spread.weight, spread.weight)) if spread.weight else 1.0
        update = {"weight": position.weight * factor}
        if issue.is_range and steps:
            update["ideal"] = _moved(issue, float(position.ideal), steps, position.red_line)
        positions[issue_id] = position.model_copy(update=update)
    traits = leader.traits
    if spread.traits:
        traits = traits.model_copy(update={
            "patience": _unit(traits.patience + float(stream.uniform(-spread.traits, spread.traits))),
            "assertiveness": _unit(traits.assertiveness + float(stream.uniform(-spread.traits, spread.traits)))})
    return leader.model_copy(update={"positions": positions, "traits": traits})


def _moved(issue, ideal: float, steps: int, red_line) -> float:
    low, high = issue.range
    if isinstance(red_line, (int, float)) and not isinstance(red_line, bool):
        if red_line > ideal:
            high = min(high, float(red_line))
        else:
            low = max(low, float(red_line))
    value = min(max(ideal + steps * issue.step, low), high)
    return issue.snap(value) if low <= issue.snap(value) <= high else ideal


def _unit(value: float) -> float:
    return round(min(max(value, 0.0), 1.0), 6)
