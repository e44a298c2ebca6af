"""Inès's member: the promise keeper.

In round 1 I make a promise to the leader of the largest economy that has not pledged yet: I will let the
draft through if its ally pledges at least the draft's core target. Then I keep my word: whenever an ally I
promised has pledged what I asked, I stay silent on any draft that respects my red lines, even one a little
worse for me than no deal; otherwise I accept what scores at least 50 (`table_score`). I check my own record
(`record`) and say in public how many promises I have kept. I pledge what my budget delivers.
"""

from __future__ import annotations

import numpy as np

from game.agents.base import BaseAgent
from game.agents.tools import expected_delivery, issue_with, record, table_score
from game.engine import BreakSilence, Pass, Pledge, Promise, Statement
from game.scenario import Effect, Role


class PromiseKeeper(BaseAgent):
    name = "ines_promise_keeper"
    description = "Promises to let the draft through if the biggest non-pledger pledges the target, and keeps it."
    roles = ("member",)

    def _my_promises(self, observation):
        return [entry.data["action"] for entry in observation.history
                if entry.type == "action" and entry.actor == self.leader_id and entry.data["action"]["kind"] == "promise"]

    def _promise_met(self, observation) -> bool:
        for promise in self._my_promises(observation):
            ally = observation.ally_of(promise["target"])
            pledged = observation.pledges.get(ally.id) if ally is not None else None
            if pledged is not None and pledged[0] >= promise.get("demand", 0.0):
                return True
        return False

    def consult(self, observation, rng):
        core = issue_with(observation, Effect.CORE_SPENDING)
        if observation.round == 1 and core is not None and observation.legal.get("promise") is None:
            target = self._biggest_non_pledger(observation)
            if target is not None:
                demand = float(observation.draft[core.id])
                return Promise(self.leader_id, f"We let the text through if {observation.ally_of(target).name} pledges "
                               f"{core.format(demand)}.", target=target, demand=demand)
        pledge = self._pledge(observation, core)
        if pledge is not None:
            return pledge
        mine = record(observation, self.leader_id)
        if observation.round == 2 and observation.legal.get("statement") is None:
            return Statement(self.leader_id, f"We keep our word: {mine.kept} promises kept, {mine.broken} broken so far.")
        return Pass(self.leader_id, "Our promise stands.")

    def silence(self, observation, rng):
        draft = observation.draft
        crossed = observation.crossed(draft)
        if crossed:
            return BreakSilence(self.leader_id, "Our red line.", issue=crossed[0], wants=observation.wants(crossed[0]))
        if self._promise_met(observation):
            return Pass(self.leader_id, "They pledged; we keep our promise.")
        if table_score(observation, draft) >= 50:
            return Pass(self.leader_id, "As good as no deal.")
        worst = observation.issues[int(np.argmax(observation.losses(draft)))]
        return BreakSilence(self.leader_id, "Worse than no deal, and no one met our offer.", issue=worst.id,
                            wants=observation.wants(worst.id))

    def _biggest_non_pledger(self, observation):
        candidates = [leader for leader in observation.leaders
                      if leader.role == Role.MEMBER and leader.id != self.leader_id and leader.ally is not None
                      and leader.ally not in observation.pledges and observation.ally_of(leader.id).reports_spending]
        if not candidates:
            return None
        return max(candidates, key=lambda leader: observation.ally_of(leader.id).gdp_usd_bn).id

    def _pledge(self, observation, core):
        deadline, ally = issue_with(observation, Effect.DEADLINE), observation.ally
        if core is None or deadline is None or ally is None or observation.legal.get("pledge") is not None:
            return None
        if ally.id in observation.pledges:
            return None
        year = int(observation.draft.carve_out(ally.id) or observation.draft[deadline.id])
        level = round(min(float(observation.draft[core.id]), expected_delivery(observation, observation.draft[core.id], year)), 1)
        if level <= ally.defence_pct_gdp + 0.05:
            return None
        return Pledge(self.leader_id, f"{level:.1f}% by {year}: we deliver what we pledge.", level=level, year=year)
