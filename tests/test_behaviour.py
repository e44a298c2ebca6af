"""How the built-in agents behave over many seeds (fixed seeds, so the numbers are stable). The default
suite runs a small set that still tells the cases apart; `make test-slow` runs 200 seeds (or every member,
for the patience claim). The measured numbers in the comments come from the default sets."""

import statistics

import pytest

from game.scenario.catalogue import check
from game.scenario import Role, Scenario
from game.analysis.tournament import Mix, play_tournament

ROLES = ("secretary_general", "us_president", "member")
RUTTE = check("rutte_washington_2025").scenario
TUTORIAL = check("tutorial").scenario
SCENARIO_MIX = [Mix("scenario", {})]


def _summary(scenario: Scenario, runs: int):
    return play_tournament(scenario, SCENARIO_MIX, runs).summaries[0]


def _built_in_vs_random(scenario_id: str, runs: int) -> dict[str, tuple[float, float]]:
    """For each role: (its mean score with the built-in agent, with `random` in that role only)."""
    mixes = SCENARIO_MIX + [Mix(f"{role}=random", {role: "random"}) for role in ROLES]
    summaries = play_tournament(check(scenario_id).scenario, mixes, runs).summaries
    built_in = summaries[0].role_scores
    return {role: (built_in[role].mean, summary.role_scores[role].mean) for role, summary in zip(ROLES, summaries[1:])}


def _with_patience(scenario: Scenario, patience: float, *leader_ids: str) -> Scenario:
    """The scenario with these leaders' patience changed (every member's when none is named)."""
    def changed(leader):
        if leader_ids and leader.id not in leader_ids or not leader_ids and leader.role != Role.MEMBER:
            return leader
        return leader.model_copy(update={"traits": leader.traits.model_copy(update={"patience": patience})})
    return scenario.model_copy(update={"leaders": tuple(changed(leader) for leader in scenario.leaders)})


def _with_us_red_line(scenario: Scenario, level: float) -> Scenario:
    """The scenario with the US President's red line on the core target at `level`, events included (in
    Rutte, Trump's round-4 post would otherwise reset it to 3.2%)."""
    us = next(leader for leader in scenario.leaders if leader.role == Role.US_PRESIDENT)
    position = us.positions["core_target"].model_copy(update={"red_line": level})
    leaders = tuple(leader.model_copy(update={"positions": {**leader.positions, "core_target": position}})
                    if leader.id == us.id else leader for leader in scenario.leaders)
    events = tuple(event.model_copy(update={"effects": tuple(
        effect.model_copy(update={"set": level}) if (effect.leader, effect.issue, effect.field) == (us.id, "core_target", "red_line")
        else effect for effect in event.effects)}) for event in scenario.events)
    return scenario.model_copy(update={"leaders": leaders, "events": events})


def _patience_pays(leader_ids, runs: int) -> dict[str, tuple[float, float]]:
    """leader -> (its mean score at patience 0.2, at 0.8), everyone else as the scenario has them."""
    scores = {}
    for leader_id in leader_ids:
        means = []
        for patience in (0.2, 0.8):
            records = play_tournament(_with_patience(RUTTE, patience, leader_id), SCENARIO_MIX, runs).records
            means.append(statistics.mean(record.scores[leader_id] for record in records))
        scores[leader_id] = tuple(means)
    return scores


# ----- default suite ---------------------------------------------------------------------------------------

def test_rutte_agrees_in_some_seeds_but_not_all_and_raises_the_core_target():
    # measured: 5 of 20 seeds agree; the agreed core target averages 3.2% against a 2.0% status quo
    summary = _summary(RUTTE, 20)
    assert 0 < summary.agreements < 20
    assert summary.agreed_terms["core_target"].mean > 2.0


def test_every_built_in_agent_beats_random_in_its_own_role_on_the_tutorial():
    # measured over these 20 seeds: SG 73.4 vs 51.5, US 72.3 vs 63.8, members 55.5 vs 50.6 (over 30, members 55.6
    # vs 52.5; 51.5 vs 52.5 before members weighed what an unasked pledge does to the deal: review.py)
    for role, (built_in, random) in _built_in_vs_random("tutorial", 20).items():
        assert built_in > random, role


def test_patience_pays_for_the_laggards_the_us_names():
    # Italy and Spain, laggards Trump singles out, over 20 seeds (measured since members weigh an unasked pledge:
    # Meloni 54.7 -> 56.3, Sánchez 49.2 -> 49.6 from patience 0.2 to 0.8; 54.5 -> 56.2 and 48.6 -> 49.0 before).
    # Patience does not pay everyone: Belgium scores about the same either way (50.5 -> 50.7), and Canada loses a
    # little (49.5 -> 49.3).
    for leader_id, (impatient, patient) in _patience_pays(("meloni", "sanchez"), 20).items():
        assert patient > impatient, leader_id


def test_a_us_red_line_at_5_percent_brings_more_failures_or_carve_outs_than_one_at_3():
    # The tutorial, 10 seeds (measured: every game agrees at 3%; none at 5%, since Spain will not go past 3.5%).
    at_3, at_5 = (_summary(_with_us_red_line(TUTORIAL, level), 10) for level in (3.0, 5.0))
    failures = (at_3.runs - at_3.agreements, at_5.runs - at_5.agreements)
    carve_outs = (at_3.carve_outs or 0.0, at_5.carve_outs or 0.0)
    assert failures[1] > failures[0] or carve_outs[1] > carve_outs[0]


def test_an_impatient_table_closes_earlier_than_a_patient_one():
    # Rutte, every member at patience 0.1 then 0.6, 10 seeds (measured since the Indo-Pacific event: 4 deals in
    # 5.8 rounds on average against 1 in 8.0; at 0.8 and 0.9 no seed agrees at all): the time-dependent tactics
    # at work.
    quick, slow = (_summary(_with_patience(RUTTE, patience), 10) for patience in (0.1, 0.6))
    assert quick.agreements and slow.agreements
    assert quick.rounds_to_agreement < slow.rounds_to_agreement


def test_a_chair_with_full_information_closes_more_deals():
    # Rutte, 10 seeds (measured over 30: 9 deals with private information, 23 with full).
    private, full = (_summary(scenario, 10) for scenario in (RUTTE, RUTTE.with_information("full")))
    assert full.agreements > private.agreements


# ----- make test-slow ----------------------------------------------------------------------------------------

@pytest.mark.slow
def test_rutte_at_length():
    summary = _summary(RUTTE, 200)
    assert 0 < summary.agreements < 200
    assert summary.agreed_terms["core_target"].mean > 2.0


@pytest.mark.slow
@pytest.mark.parametrize("scenario_id", ["tutorial", "rutte_washington_2025"])
def test_built_in_beats_random_at_length(scenario_id):
    # measured over 200 seeds, built-in against random in each role: the tutorial SG 68.9 vs 50.6, US 73.0 vs 64.5,
    # members 53.1 vs 51.8 (49.9 vs 51.8 while members pledged unasked what made no deal worth more than the deal,
    # the gap found 2026-12-05); Rutte SG 57.6 vs 50.0, US 60.1 vs 57.5, members 52.2 vs 50.0
    for role, (built_in, random) in _built_in_vs_random(scenario_id, 200).items():
        assert built_in > random, role


@pytest.mark.slow
def test_patience_pays_on_average_over_every_member():
    members = [leader.id for leader in RUTTE.leaders if leader.role == Role.MEMBER]
    gains = [patient - impatient for impatient, patient in _patience_pays(members, 10).values()]
    assert statistics.mean(gains) > 0


@pytest.mark.slow
def test_us_red_line_at_length():
    for scenario in (TUTORIAL, RUTTE):
        at_3, at_5 = (_summary(_with_us_red_line(scenario, level), 200) for level in (3.0, 5.0))
        assert (at_5.runs - at_5.agreements > at_3.runs - at_3.agreements
                or (at_5.carve_outs or 0.0) > (at_3.carve_outs or 0.0)), scenario.id
