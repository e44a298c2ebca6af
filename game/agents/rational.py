"""The subgame-perfect bargainer of the bilateral protocol."""

from __future__ import annotations

import numpy as np

from ..engine import Action, BilateralObservation, Offer, Respond
from ..engine.bilateral import subgame_perfect_share
from ..engine.said import Percent, nvoiced, voiced
from .base import BaseAgent

# Shares are floats: an offer of exactly the threshold must not be rejected for a rounding error.
TOLERANCE = 1e-9


class RationalAgent(BaseAgent):
    """Plays the subgame-perfect equilibrium of the alternating-offers game over the scenario's actual horizon.

    Both sides know both discount factors (d_self for itself, d_other for the other side) and how many offers
    are left, counting this round's (`max_rounds - round`); after the last rejected offer both sides get
    nothing. The equilibrium is found by backward induction (`subgame_perfect_share`). When it proposes with
    n offers left, it keeps x(n) and offers the rest: exactly what the other side would get by rejecting and
    proposing with n - 1 offers left, discounted one round, so the other side accepts at once (with the last
    offer it keeps everything: rejecting would leave the other side nothing). When it responds with n offers
    left, it accepts any offer that leaves it at least its continuation value, d_self * x(n - 1) (what it
    would keep proposing next round, discounted one round), or 0 when this is the last offer, and rejects
    anything less. The more patient side (the larger d) gets more, and as the horizon grows the first
    mover's share tends to Rubinstein's (1 - d_other) / (1 - d_self * d_other): with 0.9 and 0.8 it is 1,
    0.2 and 0.92 for 1, 2 and 3 offers and 71.4% for 200.

    Rubinstein, A. (1982), "Perfect Equilibrium in a Bargaining Model", Econometrica 50(1), 97-109; Ståhl, I.
    (1972), Bargaining Theory, Stockholm School of Economics (the finite-horizon game).
    """

    name = "rational"
    description = "Bilateral protocol only: subgame-perfect offers and replies for the game's horizon."

    @staticmethod
    def proposal(d_self: float, d_other: float, offers_left: int) -> float:
        """The share a proposer keeps in the subgame-perfect equilibrium with `offers_left` offers left."""
        return subgame_perfect_share(d_self, d_other, offers_left)

    @staticmethod
    def threshold(d_self: float, d_other: float, offers_left: int) -> float:
        """The least share a responder accepts with `offers_left` offers left, counting the one on the table:
        what proposing next round is worth today, d_self * x(offers_left - 1); 0 for the last offer."""
        if offers_left <= 1:
            return 0.0
        return d_self * subgame_perfect_share(d_self, d_other, offers_left - 1)

    def act(self, observation: BilateralObservation, rng: np.random.Generator) -> Action:
        if not isinstance(observation, BilateralObservation):
            raise TypeError("the rational agent plays only the bilateral protocol")
        d_self, d_other = observation.discount, observation.other_discount
        left = observation.offers_left
        if observation.legal.get("offer") is None:
            keep = self.proposal(d_self, d_other, left)
            if left <= 1:
                return Offer(self.leader_id, voiced("Keeping {keep}: this is the last offer, and rejecting it would leave "
                                                  "the other side nothing, so it should accept.",
                                                  keep=Percent(100 * keep, 1)), share=keep)
            return Offer(self.leader_id, nvoiced("Keeping {keep} leaves the other side {rest}, exactly what rejecting and "
                                               "proposing with {count} offer left would be worth to it today, so it "
                                               "should accept at once.",
                                               "Keeping {keep} leaves the other side {rest}, exactly what rejecting and "
                                               "proposing with {count} offers left would be worth to it today, so it "
                                               "should accept at once.", left - 1, keep=Percent(100 * keep, 1),
                                               rest=Percent(100 * (1 - keep), 1)), share=keep)
        mine = observation.offered_to_me
        least = self.threshold(d_self, d_other, left)
        shares = {"mine": Percent(100 * mine, 1), "least": Percent(100 * least, 1)}
        if left <= 1:
            return Respond(self.leader_id, voiced("This is the last offer: {mine} is more than the nothing that rejecting "
                                                "it would bring.", mine=shares["mine"]) if mine > 0 else
                           voiced("This is the last offer: {mine} is as much as the nothing that rejecting it would "
                                "bring.", mine=Percent(0.0, 1)), accept=True)
        if mine + TOLERANCE >= least:
            return Respond(self.leader_id, nvoiced("{mine} is at least the {least} that proposing next round, with {count} "
                                                 "offer left, is worth today.",
                                                 "{mine} is at least the {least} that proposing next round, with {count} "
                                                 "offers left, is worth today.", left - 1, **shares), accept=True)
        return Respond(self.leader_id, nvoiced("{mine} is less than the {least} that proposing next round, with {count} "
                                             "offer left, is worth today.",
                                             "{mine} is less than the {least} that proposing next round, with {count} "
                                             "offers left, is worth today.", left - 1, **shares), accept=False)
