"""Petra's member: start high, then walk it back.

In round 1 I pledge a bold 3.0% of GDP by the draft's deadline to impress the table; in round 2 I pledge a
more realistic 2.5% by the same year. In the silence procedure I stay silent.
"""
# BROKEN ON PURPOSE (tournament test fixture): an illegal action: the round 2 pledge goes down (2.5 after
# 3.0, same year), which the rules refuse (a later pledge must be more ambitious).

from __future__ import annotations

from game.agents.base import BaseAgent
from game.agents.tools import issue_with
from game.engine import Pass, Pledge
from game.scenario import Effect


class WalkBack(BaseAgent):
    name = "petra_walk_back"
    description = "Pledges 3.0 then 2.5: the second pledge goes down."
    roles = ("member",)

    def consult(self, observation, rng):
        deadline = issue_with(observation, Effect.DEADLINE)
        year = int(observation.draft[deadline.id]) if deadline is not None else observation.year + 10
        if observation.round == 1:
            return Pledge(self.leader_id, "A bold commitment.", level=3.0, year=year)
        if observation.round == 2:
            level, year = observation.pledges[observation.ally.id]
            return Pledge(self.leader_id, "A more realistic commitment.", level=2.5, year=year)
        return Pass(self.leader_id, "Nothing more.")

    def silence(self, observation, rng):
        return Pass(self.leader_id, "Silent.")
