"""The implementation model: spending paths after the summit and the US review."""

import numpy as np
import pytest

from game.engine import Game, implementation, outcome, play
from game.agents import agents_for
from game.engine.implementation import Commitment, rise_limit, simulate, us_review


def paths_for(scenario, commitments, seed=0, fiscal=None, support=None):
    n = len(scenario.allies)
    fiscal = np.full(n, 0.5) if fiscal is None else fiscal
    support = np.full(n, 0.5) if support is None else support
    return simulate(scenario, commitments, fiscal, support, np.random.default_rng(seed))


def test_spending_moves_towards_pledges_and_never_goes_negative(rutte):
    commitments = {a.id: Commitment(3.5, 2032) for a in rutte.allies}
    for seed in range(20):
        paths = paths_for(rutte, commitments, seed)
        reported = ~np.isnan(paths.spending[:, 0])
        spending = paths.spending[reported]
        assert (spending >= 0).all()
        start, end = spending[:, 0], spending[:, -1]
        below = start < 3.5
        assert (end[below] > start[below]).all(), "every ally below its pledge moves up"
        assert (np.diff(spending[below], axis=1) >= -1e-12).all(), "a rising budget never falls back"


def test_yearly_rises_respect_fiscal_space_and_domestic_support(rutte):
    commitments = {a.id: Commitment(5.0, 2027) for a in rutte.allies}
    n = len(rutte.allies)
    fiscal = np.linspace(0, 1, n)
    support = np.linspace(1, 0, n) ** 2
    paths = paths_for(rutte, commitments, 1, fiscal, support)
    limit = rise_limit(fiscal, support)
    rises = np.diff(paths.spending, axis=1)
    reported = ~np.isnan(paths.spending[:, 0])
    # A rise can overshoot the year's limit by at most a quarter (the noise), never more.
    assert (rises[reported] <= 1.25 * limit[reported, None] + 1e-9).all()
    assert 0.1 <= limit.min() and limit.max() <= 0.5


def test_an_ally_without_armed_forces_has_no_path(rutte):
    iceland = [i for i, a in enumerate(rutte.allies) if a.defence_pct_gdp is None]
    assert iceland, "the Rutte scenario models Iceland honestly: no spending figure"
    paths = paths_for(rutte, {a.id: Commitment(3.5, 2032) for a in rutte.allies})
    assert np.isnan(paths.spending[iceland[0]]).all()


def test_an_ally_above_its_commitment_holds_its_level(rutte):
    poland = next(i for i, a in enumerate(rutte.allies) if a.id == "poland")
    paths = paths_for(rutte, {"poland": Commitment(2.0, 2030)})
    assert paths.spending[poland, -1] == pytest.approx(rutte.allies[poland].defence_pct_gdp)


def test_us_review_keeps_weakens_or_reduces_the_guarantee():
    options = ("unconditional", "conditional", "reduced")
    assert us_review(options, "unconditional", 0.95, 0.9, 0.7) == "unconditional"
    assert us_review(options, "unconditional", 0.8, 0.9, 0.7) == "conditional"
    assert us_review(options, "unconditional", 0.5, 0.9, 0.7) == "reduced"
    assert us_review(options, "reduced", 0.99, 0.9, 0.7) == "reduced"


def test_outcome_reports_every_ally_and_scores_in_range(rutte):
    game = Game(rutte, 5)
    result = outcome(game, play(game, agents_for(rutte)))
    data = result.to_json()
    assert [a["id"] for a in data["allies"]] == [a.id for a in rutte.allies]
    for ally in data["allies"]:
        if ally["now"] is not None:
            assert ally["pledged"] >= ally["now"] and ally["projected"] >= 0
    assert set(data["scores"]) == {l.id for l in rutte.leaders}
    assert all(0 <= s <= 100 for s in data["scores"].values())
    usd, pct = result.totals("now")
    assert 1.5 < pct < 3.5 and usd > 1000, "the alliance spent about 2.7% of its GDP, over US$1.4 trillion, in 2024"


def test_a_threatened_ally_aims_beyond_its_commitment_and_a_safe_one_falls_short(rutte):
    # The public good (game/engine/implementation.py): an ally far from the threat budgets only part of each
    # year's step; one that feels a threat above THREAT_FLOOR aims above its commitment.
    n = len(rutte.allies)
    commitments = {a.id: Commitment(3.0, 2030) for a in rutte.allies}
    full = np.ones(n)
    below = np.array([a.defence_pct_gdp is not None and a.defence_pct_gdp < 2.5 for a in rutte.allies])
    for seed in range(5):
        safe = simulate(rutte, commitments, full, full, np.random.default_rng(seed), np.full(n, 0.2))
        threatened = simulate(rutte, commitments, full, full, np.random.default_rng(seed), np.full(n, 0.9))
        due = safe.years.index(2030)
        assert (safe.spending[below, due] < 3.0 - 0.2).all(), "a safe ally delivers only part of its pledge"
        assert (threatened.spending[below, due] > 3.0 + 0.2).all(), "a threatened ally goes beyond it"
        assert (safe.delivered[below] < 1.0).all() and (threatened.delivered[below] == 1.0).all()
    assert implementation.aim_above(np.array([0.0, 0.5, 1.0])) == pytest.approx([0.0, 0.0, 1.0])


def test_without_a_threat_argument_the_scenarios_threat_applies(rutte):
    commitments = {a.id: Commitment(3.5, 2032) for a in rutte.allies}
    threat = np.array([a.threat for a in rutte.allies])
    default, given = paths_for(rutte, commitments, 3), simulate(rutte, commitments, np.full(len(threat), 0.5),
                                                                 np.full(len(threat), 0.5), np.random.default_rng(3), threat)
    assert np.array_equal(default.spending, given.spending, equal_nan=True)
