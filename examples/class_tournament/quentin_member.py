"""Quentin's member: think hard before every move.

After the first round I search for the perfect consultation move before answering.
"""
# BROKEN ON PURPOSE (tournament test fixture): an infinite loop: from round 2 on, `consult` runs
# `while True: pass` and never returns. Only a time limit (the tournament's --isolate) can stop it; do not
# play it without one.

from __future__ import annotations

from game.agents.base import BaseAgent
from game.engine import Pass


class Overthinker(BaseAgent):
    name = "quentin_overthinker"
    description = "Never returns from consultations after round 1 (an infinite loop)."
    roles = ("member",)

    def consult(self, observation, rng):
        if observation.round > 1:
            while True:
                pass
        return Pass(self.leader_id, "Thinking.")
