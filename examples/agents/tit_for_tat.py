"""A tit-for-tat member, written from docs/agents.md alone (the worked example of "Writing your own agent").

- In the silence procedure it objects in the round after the United States threatened it (tit for tat);
  otherwise it stays silent on any draft at least as good as no deal (a table score of 50 or more), and
  objects on its worst issue to one that is not. It never lets a draft across its own red line.
- In consultations it pledges only what its budget delivers: the level its own spending model says it reaches
  by the deadline when it aims at the draft's target, and never less than it pledged before.

Play it:  summit run rutte_washington_2025 --agents-path examples/agents --agents sanchez=tit_for_tat
"""

from __future__ import annotations

import numpy as np

from game.agents.base import BaseAgent
from game.agents.tools import expected_delivery, issue_with, offers_to_me, table_score
from game.engine import BreakSilence, Pass, Pledge
from game.scenario import Effect, Role


class TitForTat(BaseAgent):
    name = "tit_for_tat"
    description = ("Objects in the round after a US threat; otherwise accepts any draft as good as no deal; "
                   "pledges only what its budget delivers.")
    roles = ("member",)   # what a class tournament (summit tournament --entries) seats it as

    # ---- the silence procedure -------------------------------------------------------------------
    def silence(self, observation, rng):
        draft = observation.draft
        crossed = observation.crossed(draft)
        if crossed:
            return BreakSilence(self.leader_id, "The draft crosses our red line.", issue=crossed[0],
                                wants=observation.wants(crossed[0]))
        worst = observation.issues[int(np.argmax(observation.losses(draft)))].id
        if self._threatened_last_round(observation):
            return BreakSilence(self.leader_id, "We do not negotiate under threat: tit for tat.", issue=worst,
                                wants=observation.wants(worst))
        if table_score(observation, draft) >= 50:
            return Pass(self.leader_id, "At least as good as no deal for us.")
        return BreakSilence(self.leader_id, "Worse for us than no deal.", issue=worst, wants=observation.wants(worst))

    def _threatened_last_round(self, observation) -> bool:
        us = {leader.id for leader in observation.leaders if leader.role == Role.US_PRESIDENT}
        return any(entry.actor in us and entry.data["action"]["kind"] == "threat" and entry.round == observation.round - 1
                   for entry in offers_to_me(observation, since_round=observation.round - 1))

    # ---- consultations ---------------------------------------------------------------------------
    def consult(self, observation, rng):
        pledge = self._honest_pledge(observation)
        return pledge if pledge is not None else Pass(self.leader_id, "Listens.")

    def _honest_pledge(self, observation):
        core, deadline = issue_with(observation, Effect.CORE_SPENDING), issue_with(observation, Effect.DEADLINE)
        ally = observation.ally
        if core is None or ally is None or observation.legal.get("pledge") is not None:
            return None
        year = int(observation.draft.carve_out(ally.id) or observation.draft[deadline.id]) if deadline else observation.year + 10
        target = float(observation.draft[core.id])
        level = round(min(target, expected_delivery(observation, target, year)), 1)   # stated to the tenth
        previous = observation.pledges.get(ally.id)
        if level <= ally.defence_pct_gdp + 0.05:
            return None   # nothing to add to what it spends today
        if previous is not None and (level < previous[0] or year > previous[1] or (level, year) == previous):
            return None   # a new pledge must be more ambitious, never less
        return Pledge(self.leader_id, f"{ally.name} will reach {level:.1f}% by {year}: what its budget delivers.",
                      level=level, year=year)
