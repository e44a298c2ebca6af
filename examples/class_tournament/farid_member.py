"""Farid's member: the coalition follower.

I read the last round of the record. If at least three other leaders broke silence wanting what I want on
an issue, I join them: I object on that issue too, and in consultations I repeat the most common proposal
on it that goes my way. Without such a coalition I accept any draft at least as good as no deal
(`table_score` >= 50) and object on my worst issue to one that is not. I pledge what my budget delivers.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from game.agents.base import BaseAgent
from game.agents.tools import expected_delivery, issue_with, table_score
from game.engine import Amend, BreakSilence, Pass, Pledge
from game.scenario import Effect


class CoalitionFollower(BaseAgent):
    name = "farid_coalition"
    description = "Objects with any coalition of three or more that wanted its way last round; else accepts >= 50."
    roles = ("member",)

    def _coalition(self, observation):
        """(issue id, size) of the biggest group of others who objected my way last round, or None."""
        counts = Counter()
        for entry in observation.last_round():
            action = entry.data.get("action") if entry.type == "action" else None
            if not action or action["kind"] != "break_silence" or entry.actor == self.leader_id:
                continue
            issue = action["issue"]
            if issue in observation.ideal and action["wants"] == observation.wants(issue):
                counts[issue] += 1
        if not counts:
            return None
        issue, size = counts.most_common(1)[0]
        return (issue, size) if size >= 3 else None

    def _closer(self, observation, issue_id, value) -> bool:
        """Whether `value` on an issue is nearer my ideal than the draft's."""
        now, ideal = observation.draft[issue_id], observation.ideal[issue_id]
        if observation.issue(issue_id).kind == "range":
            return abs(float(value) - float(ideal)) < abs(float(now) - float(ideal))
        return value == ideal and now != ideal

    def consult(self, observation, rng):
        coalition = self._coalition(observation)
        if coalition is not None and observation.legal.get("amend") is None:
            proposals = Counter(entry.data["action"]["value"] for entry in observation.last_round()
                                if entry.type == "action" and entry.data["action"]["kind"] == "amend"
                                and entry.data["action"]["issue"] == coalition[0])
            for value, _ in proposals.most_common():
                if self._closer(observation, coalition[0], value):
                    return Amend(self.leader_id, f"We join the {coalition[1]} who want this.", issue=coalition[0], value=value)
        pledge = self._pledge(observation)
        return pledge if pledge is not None else Pass(self.leader_id, "We go with the group.")

    def silence(self, observation, rng):
        draft = observation.draft
        crossed = observation.crossed(draft)
        if crossed:
            return BreakSilence(self.leader_id, "Our red line.", issue=crossed[0], wants=observation.wants(crossed[0]))
        coalition = self._coalition(observation)
        if coalition is not None and observation.wants(coalition[0]) is not None:
            return BreakSilence(self.leader_id, f"We stand with the {coalition[1]} others.", issue=coalition[0],
                                wants=observation.wants(coalition[0]))
        if table_score(observation, draft) >= 50:
            return Pass(self.leader_id, "No coalition to join, and the text is good enough.")
        worst = observation.issues[int(np.argmax(observation.losses(draft)))]
        return BreakSilence(self.leader_id, "Worse than no deal.", issue=worst.id, wants=observation.wants(worst.id))

    def _pledge(self, observation):
        core, deadline, ally = issue_with(observation, Effect.CORE_SPENDING), issue_with(observation, Effect.DEADLINE), observation.ally
        if core is None or deadline is None or ally is None or observation.legal.get("pledge") is not None:
            return None
        if ally.id in observation.pledges:
            return None
        year = int(observation.draft.carve_out(ally.id) or observation.draft[deadline.id])
        level = round(min(float(observation.draft[core.id]), expected_delivery(observation, observation.draft[core.id], year)), 1)
        if level <= ally.defence_pct_gdp + 0.05:
            return None
        return Pledge(self.leader_id, f"{level:.1f}% by {year}, what we can deliver.", level=level, year=year)
