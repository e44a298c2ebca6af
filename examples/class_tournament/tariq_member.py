"""Tariq's member: precompute every possible future.

In round 2 I build a table of every outcome I might ever need before answering (a list of ten billion
entries), then pass.
"""
# BROKEN ON PURPOSE (tournament test fixture): huge memory: from round 2's consultations it asks for a list of
# 10**10 ints (80 GB of pointers). On Linux with the default overcommit this usually fails at once with
# MemoryError; where memory is overcommitted it can eat the machine. Only the tournament's --isolate (a memory
# limit per entry) makes it safe; do not play it without one.

from __future__ import annotations

from game.agents.base import BaseAgent
from game.engine import Pass


class Hoarder(BaseAgent):
    name = "tariq_hoarder"
    description = "Allocates a list of 10**10 ints in round 2 (huge memory)."
    roles = ("member",)

    def consult(self, observation, rng):
        if observation.round > 1:
            futures = [0] * 10**10
            return Pass(self.leader_id, f"Considered {len(futures)} futures.")
        return Pass(self.leader_id, "Warming up.")
