"""The historical scenarios against history: red lines rest on what leaders said before the summit, and the
real package comes out often, but not always."""

from collections import Counter

import pytest

from game.agents import agents_for, names
from game.engine import Game, outcome, play
from game.scenario import Effect
from game.scenario.catalogue import check

HISTORICAL = {"hague_summit_2025": "hague_2025", "wales_2014": "wales_2014", "rutte_washington_2025": None,
              "madrid_2022": "madrid_declaration_2022", "bucharest_2008": "decl_2008"}


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


# measured before (carve-outs free, red lines written from the result), over 200 seeds: The Hague never adopted
# 2035 (always 2031-2033 with 7 to 9 carve-outs); Wales adopted 2024 in 5 of 196 deals (2026 in 115). Measured at
# this commit over seeds 0-199: The Hague 176 deals, 2035 in 67, the most frequent, 3.5 carve-outs on average;
# Wales 196 deals, 2024 in 46 (2025 in 102, 2026 in 45). Measured again since voters answer the silence procedure
# from the record as it stood when it opened (de3ea2d), seeds 0-199: The Hague 173 deals, 2035 in 61, the second
# most frequent (2033 in 67), 3.9 carve-outs on average; Wales 200 deals, 2024 in 46 (2025 in 106, 2026 in 42)
REAL_DEADLINES = {"hague_summit_2025": (2035, 4), "wales_2014": (2024, 12)}


@pytest.mark.parametrize("scenario_id", sorted(REAL_DEADLINES))
def test_the_real_deadline_comes_out_in_a_fifth_to_four_fifths_of_the_deals(scenario_id):
    real, most_carve_outs = REAL_DEADLINES[scenario_id]
    scenario = check(scenario_id, names()).scenario
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
    assert 0.2 <= deadlines[real] / agreed <= 0.8, deadlines
    assert real in [year for year, _ in deadlines.most_common(2)], deadlines
    # the median deal: The Hague grants few carve-outs now that they cost the rest; Wales's are free (it had none,
    # but soft words instead)
    assert sorted(carve_outs)[len(carve_outs) // 2] <= most_carve_outs, carve_outs


# The format-2 summits, seeds 0-99: Madrid agrees in 100 with 3 distinct packages, the real package in 60 (the
# spending line 2.0% in 60, 2.1% in 25, 1.9% in 15); Bucharest agrees in 100 with 4, the real package in 19 ("will
# become members" in 23, the December review in 77).
REAL_OUTCOMES = {
    "madrid_2022": {"nordic_accession": "invite_both", "turkiye_concerns": "memorandum",
                    "russia_framing": "most_significant_threat", "china_language": "challenges_interests",
                    "eastern_posture": "scalable_brigades", "core_target": "2.0"},
    "bucharest_2008": {"ukraine_georgia": "will_become_members", "macedonia": "invite_on_name",
                       "albania_croatia": "invite", "missile_defence": "recognise_and_extend",
                       "afghanistan": "south_and_east"},
}


@pytest.mark.parametrize("scenario_id", sorted(REAL_OUTCOMES))
def test_the_real_outcome_is_among_the_outcomes_of_a_format_2_summit_and_not_the_only_one(scenario_id):
    scenario = check(scenario_id, names()).scenario
    real = REAL_OUTCOMES[scenario_id]
    packages = Counter()
    for seed in range(20):
        game = Game(scenario, seed)
        result = outcome(game, play(game, agents_for(scenario)))
        if result.agreed:
            packages[tuple(str(result.terms[issue]) for issue in sorted(real))] += 1
    real_package = tuple(str(real[issue]) for issue in sorted(real))
    assert packages[real_package] >= 1, packages
    assert len(packages) >= 2, packages
