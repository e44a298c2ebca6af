"""Mateo's member: accept everything, pledge nothing.

I stay silent on every draft and pass in every consultation.
"""
# BROKEN ON PURPOSE (tournament test fixture): a syntax error (the `def consult` line lacks its colon), so
# the file fails to load at all.

from __future__ import annotations

from game.agents.base import BaseAgent
from game.engine import Pass


class AcceptAll(BaseAgent):
    name = "mateo_accept_all"
    description = "Passes every turn (but its file does not load)."
    roles = ("member",)

    def consult(self, observation, rng)
        return Pass(self.leader_id, "Fine.")
