"""game.agents.tools: the helpers docs/agents.md promises, answering from the observation as the built-in
agents do."""

from __future__ import annotations

from game.agents import agents_for, tools
from game.engine import Game, Phase
from game.scenario import Effect


def _observation_in_round(rutte, leader_id: str, round_: int, phase: Phase = Phase.CONSULTATIONS, seed: int = 0):
    game, agents = Game(rutte, seed), agents_for(rutte)
    state = game.new_initial_state()
    while not (state.round == round_ and state.phase == phase and game.current_actor(state) == leader_id):
        actor = game.current_actor(state)
        state = game.apply(state, agents[actor].act(game.observe(state, actor), game.agent_rng(state, actor)))
    return game.observe(state, leader_id)


def test_scores_deliveries_and_issues(rutte):
    observation = _observation_in_round(rutte, "sanchez", 2)
    assert tools.table_score(observation, observation.no_deal) == 50.0
    assert 0.0 <= tools.table_score(observation, observation.draft) <= 100.0
    core = tools.issue_with(observation, Effect.CORE_SPENDING)
    assert core is not None and core.id == "core_target"
    now = observation.ally.defence_pct_gdp
    reached = tools.expected_delivery(observation, 5.0, observation.year + 3)
    assert now < reached < 5.0   # Spain cannot reach 5% in three years
    assert reached <= now + 3 * tools.yearly_rise(observation) + 1e-9


def test_offers_and_records_read_the_public_record(rutte):
    for seed in range(8):
        observation = _observation_in_round(rutte, "sanchez", 6, Phase.SILENCE, seed)
        offers = tools.offers_to_me(observation)
        if offers:
            break
    assert offers and all(entry.data["action"]["target"] == "sanchez" for entry in offers)
    assert tools.offers_to_me(observation, since_round=observation.round + 1) == ()
    trump = tools.record(observation, "trump")
    assert 0.0 <= trump.trust() <= 1.0 and 0.0 <= trump.credibility <= 1.0
    assert trump.kept + trump.broken + trump.carried_out + trump.bluffs >= 0
