"""Uncertainty that seeds reveal (game/engine/spread.py) and the price of a carve-out (preferences, chair)."""

import json

import numpy as np
import pytest

from game.agents import agents_for, names
from game.analysis.batch import Tally, row_of
from game.engine import Draft, Game, outcome, play
from game.engine.log import lines
from game.engine.spread import drawn
from game.scenario import Spread
from game.scenario.catalogue import check

SCENARIO = check("tutorial", names()).scenario
NONE = Spread(ideal_steps=0, weight=0.0, traits=0.0)
TUTORIAL = SCENARIO.model_copy(update={"spread": NONE})   # the tutorial's leaders exactly as written
SPREAD = Spread(ideal_steps=1, weight=0.25, traits=0.15)


def _with(scenario, **update):
    return scenario.model_copy(update=update)


def _packages(scenario, seeds):
    tally = Tally(scenario, len(seeds))
    for seed in seeds:
        game = Game(scenario, seed)
        tally.add(row_of(scenario, seed, outcome(game, play(game, agents_for(scenario)))))
    return tally.summary()


def test_without_a_spread_every_seed_meets_the_same_leaders():
    assert drawn(TUTORIAL, 7) is TUTORIAL


def test_a_spread_draws_ideals_weights_and_traits_within_its_bounds_and_never_past_a_red_line():
    scenario = _with(TUTORIAL, spread=SPREAD)
    issues = {issue.id: issue for issue in scenario.issues}
    moved = 0
    for seed in range(40):
        for before, after in zip(scenario.leaders, drawn(scenario, seed).leaders):
            assert abs(after.traits.patience - before.traits.patience) <= 0.15 + 1e-9
            assert 0.0 <= after.traits.assertiveness <= 1.0
            for issue_id, position in before.positions.items():
                new, issue = after.positions[issue_id], issues[issue_id]
                assert position.weight * 0.75 - 1e-9 <= new.weight <= position.weight * 1.25 + 1e-9
                if issue.is_range:
                    assert abs(float(new.ideal) - float(position.ideal)) <= issue.step + 1e-9
                    assert issue.range[0] <= float(new.ideal) <= issue.range[1]
                    line = position.red_line
                    if isinstance(line, float):
                        assert (float(new.ideal) <= line) == (float(position.ideal) <= line)
                    moved += new.ideal != position.ideal
                else:
                    assert new.ideal == position.ideal
    assert moved > 40


def test_same_seed_same_game_byte_for_byte_under_a_spread():
    scenario = _with(TUTORIAL, spread=SPREAD)
    logs = []
    for _ in range(2):
        game = Game(scenario, 11)
        state = play(game, agents_for(scenario))
        logs.append("\n".join(lines(state, outcome(game, state))))
    assert logs[0] == logs[1]


def test_a_spread_makes_seeds_matter_in_the_tutorial():
    # measured over seeds 0-29: 2 distinct adopted packages without a spread (3.3% in 22 games, 3.4% in 8: the
    # chair's last-round draft follows who objected), 9 with the default spread (24/6 and 8 before members weighed
    # an unasked pledge by the US review)
    fixed = _packages(TUTORIAL, range(30))
    spread = _packages(SCENARIO, range(30))
    assert SCENARIO.spread == Spread(ideal_steps=1, weight=0.1, traits=0.1), "the documented default"
    assert fixed.distinct_packages <= 2
    assert spread.distinct_packages >= 3 * fixed.distinct_packages and spread.agreements >= 27
    assert json.loads(json.dumps(spread.to_json()))["distinct_packages"] == spread.distinct_packages


def test_each_carve_out_costs_the_allies_that_pay_on_time_and_the_us():
    scenario = _with(TUTORIAL, carve_out_cost=0.02)
    prefs = Game(scenario, 0).preferences()
    plain = Game(TUTORIAL, 0).preferences()
    draft = Draft.of({issue.id: issue.status_quo for issue in scenario.issues}, {"spain": 2040, "germany": 2039})
    cost = plain.utilities(draft) - prefs.utilities(draft)
    by_leader = dict(zip(prefs.leader_ids, cost))
    for leader in scenario.leaders:
        expected = 0.0 if leader.ally in (None, "spain", "germany") else 0.04
        assert by_leader[leader.id] == pytest.approx(expected), leader.id
        assert prefs.utility(draft, leader.id) == pytest.approx(float(prefs.utilities(draft)[prefs.row(leader.id)]))


def test_a_chair_that_prices_carve_outs_grants_no_more_of_them():
    # measured over seeds 0-19 of the tutorial: 1.0 carve-outs per deal free, the same or fewer priced
    def carve_outs(scenario):
        counts = []
        for seed in range(20):
            game = Game(scenario, seed)
            state = play(game, agents_for(scenario))
            if state.termination.value == "adopted":
                counts.append(len(state.draft.carve_outs))
        return np.mean(counts) if counts else 0.0
    assert carve_outs(_with(TUTORIAL, carve_out_cost=0.02)) <= carve_outs(TUTORIAL)


def test_the_spread_and_the_carve_out_cost_are_checked_where_they_are_written(tmp_path):
    from game.scenario import check_bytes
    text = (TUTORIAL.source_text + "\nspread: {ideal_steps: 9, weight: 0.2}\ncarve_out_cost: -1\n").encode()
    problems = check_bytes(text, "t.yaml").problems
    paths = {p.path for p in problems if p.severity == "error"}
    assert {"spread.ideal_steps", "carve_out_cost"} <= paths


@pytest.mark.slow
@pytest.mark.parametrize("scenario_id, seeds, at_least", [("rutte_washington_2025", 100, 10),
                                                          ("hague_summit_2025", 100, 3)])
def test_seeds_matter_in_the_summits(scenario_id, seeds, at_least):
    summary = _packages(check(scenario_id, names()).scenario, range(seeds))
    assert summary.distinct_packages >= at_least, summary.distinct_packages
