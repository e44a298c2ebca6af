"""Oscar's member: say where I stand, then keep quiet.

In consultations I work out a statement of my core-target limit; in the silence procedure I stay silent.
"""
# BROKEN ON PURPOSE (tournament test fixture): returns None: `consult` builds its action and forgets the
# `return`, so in round 1's consultations the agent hands the engine None instead of an action.

from __future__ import annotations

from game.agents.base import BaseAgent
from game.engine import Pass, Statement


class Forgetful(BaseAgent):
    name = "oscar_forgetful"
    description = "Means to state its limit, returns None instead."
    roles = ("member",)

    def consult(self, observation, rng):
        issue = observation.issues[0]
        Statement(self.leader_id, "This is where we stand.", issue=issue.id, limit=observation.ideal[issue.id],
                  bound="at_most")

    def silence(self, observation, rng):
        return Pass(self.leader_id, "Silent.")
