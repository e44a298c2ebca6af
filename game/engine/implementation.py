"""After the table: each ally's spending year by year towards its commitment, then the US review.

    s[t+1] = s[t] + clip(will * (aim - s[t]) / years_left, -DECLINE_MAX, rise_max) + noise

rise_max comes from fiscal space and domestic support: 0.1 points of GDP a year with neither, up to
0.5 with both (the range seen 2014-2024, Poland and the Baltic states at the top). That is what an
ally *can* add in a year; how much it *wants* to comes from the threat it feels, in two ways:

- will = threat (0..1): the share of the planned yearly step (the gap to its aim spread over the years
  left) that a government actually budgets. Security is a public good: an ally that feels little threat
  gains little of its own from spending and lets others carry the load (Olson and Zeckhauser, "An
  Economic Theory of Alliances", 1966), so a soft pledge ("aim to move towards") pulls it only part of
  the way. An ally with will 1 closes the whole gap by its deadline, as every ally did before this term
  was added; with will 0.3 it closes about 60% of it over ten years, and keeps closing it slowly after.
- aim = its commitment + THREAT_PREMIUM x (threat - THREAT_FLOOR), for threat above the floor: part of
  defence is a private good for the ally that spends it (the joint-product model: Sandler, "Impurity of
  Defense", Kyklos 1977; Murdoch and Sandler, 1984), and an ally that feels the threat at its border buys
  more than the common target asks. With the floor at the middle of the scale and 2 points of GDP per
  unit of threat above it, an ally at threat 1.0 aims one point above its commitment (2% -> 3%). An
  ally already above its aim holds its level (no one is asked to cut).

The two global constants and the rule will = threat are the same for every ally; nothing is set per
country. The constants are round numbers, not fitted (a floor of 0.4 would score better), and the result
does not hang on them: from the 2014 figures with the Wales pledge (2% by 2024), the model's median 2024
spending beats both naive baselines on mean absolute error and rank correlation for any premium from 1
to 4 points and any floor from 0.5 to 0.7 (game/analysis/backtest.py, `python -m game.analysis.backtest`). Noise makes
weakly supported governments fall short more often. Spending never goes negative. GDP is held at the
scenario's figures, so US$ totals are at today's prices and output. The US review judges delivery against the commitment, not the aim: going beyond it earns nothing
more.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..scenario import Scenario

RISE_MIN, RISE_SPAN = 0.1, 0.4
DECLINE_MAX = 0.1
THREAT_FLOOR = 0.5    # an ally that feels more threatened than this aims above its commitment
THREAT_PREMIUM = 2.0  # points of GDP it aims above its commitment per unit of threat above the floor


@dataclass(frozen=True)
class Commitment:
    level: float  # % GDP of core defence spending
    year: int     # by when


@dataclass(frozen=True)
class Paths:
    years: tuple[int, ...]            # calendar years, the summit year first
    spending: np.ndarray              # (allies x years) % GDP; NaN where an ally reports no spending
    delivered: np.ndarray             # (allies,) share of the expected progress delivered, 0..1 (NaN: n/a)


def rise_limit(fiscal_space: np.ndarray, domestic_support: np.ndarray) -> np.ndarray:
    """Most an ally can add to its spending in a year, in points of GDP."""
    return RISE_MIN + RISE_SPAN * (0.5 * fiscal_space + 0.5 * domestic_support)


def aim_above(threat: np.ndarray) -> np.ndarray:
    """Points of GDP an ally aims above its commitment because of the threat it feels (0 at or below
    THREAT_FLOOR)."""
    return THREAT_PREMIUM * np.maximum(np.asarray(threat, dtype=float) - THREAT_FLOOR, 0.0)


def simulate(scenario: Scenario, commitments: dict[str, Commitment], fiscal_space: np.ndarray,
             domestic_support: np.ndarray, rng: np.random.Generator, threat: np.ndarray | None = None) -> Paths:
    """Spending paths of every ally (scenario order) for implementation_years after the summit.

    threat (0..1 per ally) defaults to the scenario's figures; pass the values after the game's events."""
    n_years = scenario.implementation_years
    threat = np.array([a.threat for a in scenario.allies], dtype=float) if threat is None else np.asarray(threat, dtype=float)
    start = np.array([np.nan if a.defence_pct_gdp is None else a.defence_pct_gdp for a in scenario.allies])
    target = start.copy()                  # what it promised (or today's level): the US judges this
    aim = start.copy()                     # what it works towards: the promise plus its own need
    due = np.full(len(start), scenario.year + n_years, dtype=float)
    premium = aim_above(threat)
    for index, ally in enumerate(scenario.allies):
        commitment = commitments.get(ally.id)
        if commitment is not None and ally.reports_spending:
            target[index] = max(commitment.level, start[index])
            aim[index] = max(commitment.level + premium[index], start[index])
            due[index] = commitment.year
    will = np.clip(threat, 0.0, 1.0)
    rise_max = rise_limit(fiscal_space, domestic_support)
    noise_sd = 0.02 + 0.08 * (1.0 - domestic_support)
    spending = np.empty((len(start), n_years + 1))
    spending[:, 0] = start
    shocks = rng.normal(0.0, 1.0, size=(n_years, len(start)))
    level = start.copy()
    for t in range(1, n_years + 1):
        year = scenario.year + t
        years_left = np.maximum(due - year + 1, 1.0)
        step = np.clip(will * (aim - level) / years_left, -DECLINE_MAX, rise_max)
        moving = step > 1e-9
        # A rising budget can slip (up to the whole year's rise) or gain a little; it never falls.
        slip = np.where(moving, np.clip(shocks[t - 1] * noise_sd, -step, 0.25 * step), 0.0)
        # A rising budget stops at its aim: the noise never carries it past it.
        level = np.where(moving, np.minimum(level + step + slip, np.maximum(aim, level)), level + step)
        level = np.maximum(0.0, level)
        level = np.where(np.isnan(start), np.nan, level)
        spending[:, t] = level
    delivered = _delivered(scenario, start, target, due, spending)
    return Paths(tuple(range(scenario.year, scenario.year + n_years + 1)), spending, delivered)


def _delivered(scenario: Scenario, start, target, due, spending) -> np.ndarray:
    """Share of the progress expected by the deadline (or by the horizon, pro rata) that happened."""
    last_year = scenario.year + scenario.implementation_years
    check_year = np.minimum(due, last_year)
    column = (check_year - scenario.year).astype(int)
    reached = spending[np.arange(len(start)), column]
    span = np.maximum(due - scenario.year, 1.0)
    expected = start + (target - start) * np.minimum((check_year - scenario.year) / span, 1.0)
    needed = expected - start
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(needed > 1e-9, (reached - start) / needed, np.where(reached >= expected - 1e-9, 1.0, 0.0))
    return np.where(np.isnan(start), np.nan, np.clip(ratio, 0.0, 1.0))


def us_review(options: tuple[str, ...], agreed: str, delivered_share: float, keep_at: float, reduce_below: float) -> str:
    """The guarantee the US keeps after judging delivery: as agreed, one step weaker, or the weakest."""
    index = options.index(agreed)
    if delivered_share >= keep_at:
        return agreed
    if delivered_share >= reduce_below:
        return options[min(index + 1, len(options) - 1)]
    return options[-1]
