"""How the built-in agents behave over many seeds (fixed seeds, so the numbers are stable). The default
suite runs a small set that still tells the cases apart; `make test-slow` runs 200 seeds. The issue's
other two behaviour claims (patience pays; a US with a 5% red line causes more carve-outs or failures
than one with 3%) wait for the agent work that should make them true."""

import pytest

from game.catalogue import check
from game.tournament import Mix, play_tournament

ROLES = ("secretary_general", "us_president", "member")


def _rutte_default(runs: int):
    return play_tournament(check("rutte_washington_2025").scenario, [Mix("scenario", {})], runs).summaries[0]


def _built_in_vs_random(scenario_id: str, runs: int) -> dict[str, tuple[float, float]]:
    """For each role: (its mean score with the built-in agent, with `random` in that role only)."""
    mixes = [Mix("scenario", {})] + [Mix(f"{role}=random", {role: "random"}) for role in ROLES]
    summaries = play_tournament(check(scenario_id).scenario, mixes, runs).summaries
    built_in = summaries[0].role_scores
    return {role: (built_in[role].mean, summary.role_scores[role].mean) for role, summary in zip(ROLES, summaries[1:])}


def test_rutte_agrees_in_some_seeds_but_not_all_and_raises_the_core_target():
    # measured: 9 of 20 seeds agree; the agreed core target averages 3.38% against a 2.0% status quo
    summary = _rutte_default(20)
    assert 0 < summary.agreements < 20
    assert summary.agreed_terms["core_target"].mean > 2.0


def test_every_built_in_agent_beats_random_in_its_own_role_on_the_tutorial():
    # measured over 20 seeds: SG 97.9 vs 50.6, US 57.0 vs 51.5, members 80.9 vs 41.5
    for role, (built_in, random) in _built_in_vs_random("tutorial", 20).items():
        assert built_in > random, role


@pytest.mark.slow
def test_rutte_at_length():
    summary = _rutte_default(200)
    assert 0 < summary.agreements < 200
    assert summary.agreed_terms["core_target"].mean > 2.0


@pytest.mark.slow
@pytest.mark.parametrize("scenario_id", ["tutorial", "rutte_washington_2025"])
def test_built_in_beats_random_at_length(scenario_id):
    for role, (built_in, random) in _built_in_vs_random(scenario_id, 200).items():
        assert built_in > random, role
