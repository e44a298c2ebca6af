"""Rosa's member: end the summit while it suits me.

If the first draft is at least as good as no deal for me, I end the negotiation on the spot and adopt it,
the way the teacher can; otherwise I stay silent and hope.
"""
# BROKEN ON PURPOSE (tournament test fixture): returns the teacher's move `EndNow(adopt=True)` (from
# game.engine) in round 1's consultations, trying to end the summit; an agent may never return it.

from __future__ import annotations

from game.agents.base import BaseAgent
from game.engine import EndNow, Pass


class Gavel(BaseAgent):
    name = "rosa_gavel"
    description = "Tries to end the summit with the teacher's EndNow(adopt=True)."
    roles = ("member",)

    def consult(self, observation, rng):
        return EndNow(reason="Adopted: the summit is over.", adopt=True)

    def silence(self, observation, rng):
        return Pass(self.leader_id, "Silent.")
