"""The subgame-perfect bargainer of the bilateral protocol."""

from __future__ import annotations

import numpy as np

from ..engine import Action, BilateralObservation, Offer, Respond, rubinstein_share
from .base import BaseAgent

# Shares are floats: an offer of exactly the threshold must not be rejected for a rounding error.
TOLERANCE = 1e-9


class RationalAgent(BaseAgent):
    """Plays the subgame-perfect equilibrium of Rubinstein's alternating-offers game.

    Both sides know both discount factors (d_self for itself, d_other for the other side). When it
    proposes, it keeps x = (1 - d_other) / (1 - d_self * d_other) and offers the rest: exactly what the
    other side would get by rejecting and proposing next round, discounted one round, so the other side
    accepts at once. When it responds, it accepts any offer that leaves it at least
    d_self * (1 - d_other) / (1 - d_self * d_other), what it would get by proposing next round discounted one
    round, and rejects anything less. The more patient side (the larger d) gets more; the first mover gets
    more than half when the two are equally patient. The strategy is the infinite-horizon one: with a cap of
    many rounds (200 by default) the difference is below d**200.

    Rubinstein, A. (1982), "Perfect Equilibrium in a Bargaining Model", Econometrica 50(1), 97-109.
    """

    name = "rational"
    description = "Bilateral protocol only: Rubinstein's subgame-perfect offers and replies."

    @staticmethod
    def proposal(d_self: float, d_other: float) -> float:
        """The share a proposer keeps in the subgame-perfect equilibrium."""
        return rubinstein_share(d_self, d_other)

    @staticmethod
    def threshold(d_self: float, d_other: float) -> float:
        """The least share a responder accepts: its own next-round proposal, discounted one round."""
        return d_self * rubinstein_share(d_self, d_other)

    def act(self, observation: BilateralObservation, rng: np.random.Generator) -> Action:
        if not isinstance(observation, BilateralObservation):
            raise TypeError("the rational agent plays only the bilateral protocol")
        d_self, d_other = observation.discount, observation.other_discount
        if observation.legal.get("offer") is None:
            keep = self.proposal(d_self, d_other)
            return Offer(self.leader_id, f"Keeping {100 * keep:.1f}% leaves the other side exactly what waiting a "
                                         f"round would be worth to it, so it should accept at once.", share=keep)
        mine = observation.offered_to_me
        least = self.threshold(d_self, d_other)
        if mine + TOLERANCE >= least:
            return Respond(self.leader_id, f"{100 * mine:.1f}% is at least the {100 * least:.1f}% that proposing "
                                           f"next round is worth today.", accept=True)
        return Respond(self.leader_id, f"{100 * mine:.1f}% is less than the {100 * least:.1f}% that proposing "
                                       f"next round is worth today.", accept=False)
