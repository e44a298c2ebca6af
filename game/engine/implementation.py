"""After the table: each ally's spending year by year towards its commitment, then the US review.

    s[t+1] = s[t] + clip((target - s[t]) / years_left, -DECLINE_MAX, rise_max) + noise

rise_max comes from fiscal space and domestic support: 0.1 points of GDP a year with neither, up to
0.5 with both (the range seen 2014-2024, Poland and the Baltic states at the top). Noise makes weakly
supported governments fall short more often. Spending never goes negative, and an ally already above
its commitment holds its level (no one is asked to cut). GDP is held at the scenario's figures, so
US$ totals are at today's prices and output.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..scenario import Scenario

RISE_MIN, RISE_SPAN = 0.1, 0.4
DECLINE_MAX = 0.1


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


def simulate(scenario: Scenario, commitments: dict[str, Commitment], fiscal_space: np.ndarray,
             domestic_support: np.ndarray, rng: np.random.Generator) -> Paths:
    """Spending paths of every ally (scenario order) for implementation_years after the summit."""
    n_years = scenario.implementation_years
    start = np.array([np.nan if a.defence_pct_gdp is None else a.defence_pct_gdp for a in scenario.allies])
    target = start.copy()
    due = np.full(len(start), scenario.year + n_years, dtype=float)
    for index, ally in enumerate(scenario.allies):
        commitment = commitments.get(ally.id)
        if commitment is not None and ally.reports_spending:
            target[index] = max(commitment.level, start[index])
            due[index] = commitment.year
    rise_max = rise_limit(fiscal_space, domestic_support)
    noise_sd = 0.02 + 0.08 * (1.0 - domestic_support)
    spending = np.empty((len(start), n_years + 1))
    spending[:, 0] = start
    shocks = rng.normal(0.0, 1.0, size=(n_years, len(start)))
    level = start.copy()
    for t in range(1, n_years + 1):
        year = scenario.year + t
        years_left = np.maximum(due - year + 1, 1.0)
        step = np.clip((target - level) / years_left, -DECLINE_MAX, rise_max)
        moving = step > 1e-9
        # A rising budget can slip (up to the whole year's rise) or gain a little; it never falls.
        slip = np.where(moving, np.clip(shocks[t - 1] * noise_sd, -step, 0.25 * step), 0.0)
        # A rising budget stops at its target: the noise never carries it past the commitment.
        level = np.where(moving, np.minimum(level + step + slip, np.maximum(target, level)), level + step)
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
