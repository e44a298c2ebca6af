"""The historical scenarios against history: red lines rest on what leaders said before the summit, and the
real package comes out often, but not always."""

from collections import Counter

import pytest

from game.agents import agents_for, names
from game.engine import Game, outcome, play
from game.scenario import Effect
from game.scenario.catalogue import check

HISTORICAL = {"hague_summit_2025": "hague_2025", "wales_2014": "wales_2014", "rutte_washington_2025": None}


@pytest.mark.parametrize("scenario_id", sorted(HISTORICAL))
def test_every_red_line_cites_a_statement_made_before_the_summit(scenario_id):
    # measured before: 22 red lines in The Hague, none with a source; Sánchez's "no more than 3.5%" was justified
    # by the outcome itself
    scenario = check(scenario_id, names()).scenario
    sources = {source.id for source in scenario.sources}
    outcome_source = HISTORICAL[scenario_id]
    unsourced = [(leader.id, issue) for leader in scenario.leaders for issue, position in leader.positions.items()
                 if position.red_line is not None and (position.source not in sources or position.source == outcome_source)]
    assert not unsourced


def test_the_hague_adopts_the_real_deadline_in_a_fifth_to_four_fifths_of_its_deals():
    # measured before (carve-outs free, red lines written from the result): 2035 in 0 of 200 games, always 2031-2033
    # with 7 to 9 carve-outs. Measured at this commit over seeds 0-99: 86 deals, 2035 in 35 of them, the most
    # frequent deadline; 3.4 carve-outs on average
    scenario = check("hague_summit_2025", names()).scenario
    deadline = scenario.issue_with(Effect.DEADLINE)
    deadlines, carve_outs = Counter(), []
    for seed in range(30):
        game = Game(scenario, seed)
        result = outcome(game, play(game, agents_for(scenario)))
        if result.agreed:
            deadlines[int(result.terms[deadline.id])] += 1
            carve_outs.append(len(result.terms.carve_outs))
    agreed = sum(deadlines.values())
    assert agreed >= 20, deadlines
    assert 0.2 <= deadlines[2035] / agreed <= 0.8, deadlines
    assert 2035 in [year for year, _ in deadlines.most_common(2)], deadlines
    assert sorted(carve_outs)[len(carve_outs) // 2] <= 4, carve_outs
