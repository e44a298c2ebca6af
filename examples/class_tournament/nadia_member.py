"""Nadia's member: raise my own pledge every round.

In round 1 I listen. From round 2 on I look up my previous pledge and pledge 0.1 more by the same year.
"""
# BROKEN ON PURPOSE (tournament test fixture): raises KeyError in round 2's consultations: it reads its own
# previous pledge as `observation.pledges[ally.id]` but never pledged in round 1, so the key is missing.

from __future__ import annotations

from game.agents.base import BaseAgent
from game.engine import Pass, Pledge


class RaiseEveryRound(BaseAgent):
    name = "nadia_raiser"
    description = "Raises its own pledge by 0.1 each round (and crashes in round 2)."
    roles = ("member",)

    def consult(self, observation, rng):
        if observation.round == 1:
            return Pass(self.leader_id, "Listening first.")
        level, year = observation.pledges[observation.ally.id]   # KeyError: we never pledged
        return Pledge(self.leader_id, "A little more.", level=level + 0.1, year=year)
