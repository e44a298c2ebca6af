"""The bilateral protocol over a finite horizon: after `max_rounds` rejected offers both sides get nothing, so the
subgame-perfect play is found by backward induction, not by Rubinstein's infinite-horizon formula. The
`rational` agent must play it for the scenario's actual horizon, as proposer and as responder.

The reference values here come from `spe_first_share`, a recursion written apart from the engine's: it works
backwards over the rounds t = T-1, ..., 0 with exact fractions and with payoffs discounted to round 0
(share * d ** t), where the engine works with shares and offers left."""

from __future__ import annotations

from fractions import Fraction

import pytest

from game.agents import agents_for
from game.agents.rational import RationalAgent
from game.engine import BilateralGame, Offer, outcome_of, play, rubinstein_share
from game.engine.bilateral import subgame_perfect_share
from game.scenario.catalogue import check

PIE = check("split_the_pie").scenario
D_A, D_B = Fraction(9, 10), Fraction(4, 5)      # split_the_pie: side_a (the first mover) 0.9, side_b 0.8


def pie(max_rounds: int, first: str = "side_a"):
    """split_the_pie with another round cap (and first mover)."""
    protocol = PIE.protocol.model_copy(update={"max_rounds": max_rounds, "first": first})
    return PIE.model_copy(update={"protocol": protocol})


def spe_values(d_first: Fraction, d_second: Fraction, horizon: int) -> list[tuple[Fraction, Fraction]]:
    """For each round t (0..horizon-1): the subgame-perfect payoffs (first's, second's) of the game that starts
    in round t, as values in round-0 terms. In round t the proposer is the first mover when t is even."""
    d = (d_first, d_second)
    values: list[tuple[Fraction, Fraction]] = [None] * horizon
    after = (Fraction(0), Fraction(0))                         # no agreement after the last offer
    for t in reversed(range(horizon)):
        proposer = t % 2
        responder = 1 - proposer
        # The responder takes any share worth at least what rejecting brings; the proposer offers exactly that.
        offered = after[responder] / d[responder] ** t
        kept = 1 - offered
        now = [Fraction(0), Fraction(0)]
        now[proposer], now[responder] = kept * d[proposer] ** t, after[responder]
        values[t] = after = (now[0], now[1])
    return values


def spe_first_share(d_first: Fraction, d_second: Fraction, horizon: int) -> Fraction:
    """The first mover's share of the pie in the subgame-perfect equilibrium: its round-0 payoff."""
    return spe_values(d_first, d_second, horizon)[0][0]


def continuation(d_self: Fraction, d_other: Fraction, self_is_first: bool, round_: int, horizon: int) -> Fraction:
    """What a responder in round `round_` gets by rejecting, as a share of the pie offered in that round."""
    if round_ + 1 >= horizon:
        return Fraction(0)
    d_first, d_second = (d_self, d_other) if self_is_first else (d_other, d_self)
    value = spe_values(d_first, d_second, horizon)[round_ + 1][0 if self_is_first else 1]
    return value / d_self ** round_


# ----- the numbers --------------------------------------------------------------------------------------

def test_the_reference_recursion_gives_the_worked_numbers():
    assert [spe_first_share(D_A, D_B, n) for n in (1, 2, 3)] == [1, Fraction(1, 5), Fraction(23, 25)]


@pytest.mark.parametrize("horizon, share", [(1, 1.0), (2, 0.2), (3, 0.92)])
def test_the_first_movers_share_for_short_horizons(horizon, share):
    assert subgame_perfect_share(0.9, 0.8, horizon) == pytest.approx(share, abs=1e-12)


@pytest.mark.parametrize("horizon", [1, 2, 3, 4, 5, 10, 11, 25])
@pytest.mark.parametrize("d_first, d_second", [(D_A, D_B), (D_B, D_A), (Fraction(1, 2), Fraction(99, 100)),
                                               (Fraction(95, 100), Fraction(95, 100))])
def test_the_share_is_the_backward_induction_value(d_first, d_second, horizon):
    expected = spe_first_share(d_first, d_second, horizon)
    assert subgame_perfect_share(float(d_first), float(d_second), horizon) == pytest.approx(float(expected), abs=1e-12)


def test_ten_offers():
    expected = spe_first_share(D_A, D_B, 10)
    assert subgame_perfect_share(0.9, 0.8, 10) == pytest.approx(float(expected), abs=1e-12)
    assert abs(expected - Fraction(5, 7)) > Fraction(1, 100)    # far enough from the limit for the test to tell


def test_two_hundred_offers_are_rubinsteins_limit():
    share = subgame_perfect_share(0.9, 0.8, 200)
    assert abs(share - rubinstein_share(0.9, 0.8)) < 1e-9
    assert abs(share - (1 - 0.8) / (1 - 0.9 * 0.8)) < 1e-9
    assert f"{100 * share:.3f}" == "71.429"
    assert abs(share - float(spe_first_share(D_A, D_B, 200))) < 1e-12


def test_the_share_tends_to_the_limit_from_both_sides():
    limit = rubinstein_share(0.9, 0.8)
    gaps = [subgame_perfect_share(0.9, 0.8, n) - limit for n in range(1, 40)]
    assert all(gap > 0 for gap in gaps[0::2]) and all(gap < 0 for gap in gaps[1::2])   # odd horizons: above
    assert all(abs(later) < abs(earlier) for earlier, later in zip(gaps[::2], gaps[2::2]))


def test_long_horizons_match_a_plain_loop_exactly():
    def plain(d_first, d_second, horizon):
        kept = 0.0
        for k in range(1, horizon + 1):
            kept = 1.0 - (d_second if (horizon - k) % 2 == 0 else d_first) * kept
        return kept
    for d_first, d_second in ((0.9, 0.8), (0.999, 0.998), (0.3, 0.99)):
        for horizon in (1, 2, 199, 200, 2001, 10000):
            assert subgame_perfect_share(d_first, d_second, horizon) == plain(d_first, d_second, horizon)


def test_no_offer_left_keeps_nothing_and_a_bad_horizon_is_refused():
    assert subgame_perfect_share(0.9, 0.8, 0) == 0.0
    with pytest.raises(ValueError):
        subgame_perfect_share(0.9, 0.8, -1)


# ----- two rational sides through the engine ------------------------------------------------------------

@pytest.mark.parametrize("horizon", [1, 2, 3, 10, 200])
@pytest.mark.parametrize("first", ["side_a", "side_b"])
def test_two_rational_sides_agree_in_round_0_at_the_horizons_share(horizon, first):
    game = BilateralGame(pie(horizon, first))
    state = play(game, agents_for(game.scenario))
    result = outcome_of(game, state)
    d = {"side_a": D_A, "side_b": D_B}
    second = "side_b" if first == "side_a" else "side_a"
    expected = float(spe_first_share(d[first], d[second], horizon))
    assert result.agreed and result.round == 0 and result.rounds_played == 1
    assert result.shares[first] == pytest.approx(expected, abs=1e-12)
    assert result.payoffs == result.shares


def test_the_bundled_scenario_is_still_71_4_percent():
    game = BilateralGame(PIE)
    assert game.max_rounds == 200
    result = outcome_of(game, play(game, agents_for(PIE)))
    assert f"{100 * result.shares['side_a']:.1f}" == "71.4"
    assert abs(result.shares["side_a"] - 5 / 7) < 1e-9


# ----- the rational responder against a random proposer -------------------------------------------------

def test_in_a_one_round_game_the_responder_accepts_every_offer():
    scenario = pie(1)
    rejected = offered = 0
    for seed in range(200):
        game = BilateralGame(scenario, seed)
        state = play(game, agents_for(scenario, {"side_a": "random"}))
        for entry in state.history:
            if entry.type == "action" and entry.data["action"]["kind"] == "respond":
                rejected += not entry.data["action"]["accept"]
        offered += 1
        assert outcome_of(game, state).agreed
    assert offered == 200 and rejected == 0


def test_the_last_offer_is_accepted_even_when_it_leaves_nothing():
    game = BilateralGame(pie(1))
    state = game.apply(game.new_initial_state(), Offer("side_a", "All of it.", share=1.0))
    reply = RationalAgent("side_b", PIE.leader("side_b").traits).act(game.observe(state, "side_b"), None)
    assert reply.accept is True
    assert "last offer" in reply.reason


@pytest.mark.parametrize("horizon", [2, 3, 4, 10, 200])
@pytest.mark.parametrize("random_side", ["side_a", "side_b"])
def test_in_longer_games_it_rejects_only_offers_below_its_continuation_value(horizon, random_side):
    scenario = pie(horizon)
    rational = "side_b" if random_side == "side_a" else "side_a"
    d = {"side_a": D_A, "side_b": D_B}
    other = random_side
    responses = {True: 0, False: 0}                         # answers before the last round
    for seed in range(100):
        game = BilateralGame(scenario, seed)
        state = play(game, agents_for(scenario, {random_side: "random"}))
        offer = None
        for entry in state.history:
            if entry.type != "action":
                continue
            action = entry.data["action"]
            if action["kind"] == "offer":
                offer = action["share"]
            elif action["actor"] == rational:
                mine = Fraction(1) - Fraction(offer)
                least = continuation(d[rational], d[other], rational == "side_a", entry.round, horizon)
                assert action["accept"] is (mine >= least - Fraction(1, 10**9)), (seed, entry.round, offer)
                if entry.round + 1 < horizon:
                    responses[action["accept"]] += 1
                else:
                    assert action["accept"] is True                 # the last offer: anything beats nothing
    if horizon >= 3 or rational == "side_b":                   # it answers before the last round
        assert responses[True] > 0 and responses[False] > 0     # both cases were seen


@pytest.mark.parametrize("horizon", [2, 3, 10])
def test_the_responder_accepts_exactly_from_its_continuation_value(horizon):
    """Side B answers Side A's round-0 offer: its threshold is 0.8 times what it keeps proposing with one offer
    fewer left (0.8 for two offers, 0.08 for three)."""
    least = float(continuation(D_B, D_A, False, 0, horizon))
    assert least == pytest.approx({2: 0.8, 3: 0.08}.get(horizon, least), abs=1e-12)
    game = BilateralGame(pie(horizon))
    side_b = RationalAgent("side_b", PIE.leader("side_b").traits)
    for left, accepted in ((least, True), (least + 0.001, True), (least - 0.001, False)):
        state = game.apply(game.new_initial_state(), Offer("side_a", "", share=1.0 - left))
        reply = side_b.act(game.observe(state, "side_b"), None)
        assert reply.accept is accepted
        assert f"{100 * least:.1f}%" in reply.reason


# ----- what the agent says ------------------------------------------------------------------------------

@pytest.mark.parametrize("horizon", [1, 2, 3, 200])
def test_the_offer_states_what_it_keeps_and_why(horizon):
    game = BilateralGame(pie(horizon))
    state = game.new_initial_state()
    observation = game.observe(state, "side_a")
    assert observation.offers_left == horizon
    offer = RationalAgent("side_a", PIE.leader("side_a").traits).act(observation, None)
    keep = subgame_perfect_share(0.9, 0.8, horizon)
    assert offer.share == keep
    assert f"Keeping {100 * keep:.1f}%" in offer.reason
    if horizon == 1:
        assert "last offer" in offer.reason
    else:
        left = "1 offer left" if horizon == 2 else f"{horizon - 1} offers left"
        assert f"{100 * (1 - keep):.1f}%" in offer.reason and left in offer.reason
