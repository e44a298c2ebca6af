"""Amira's member: pledge what you deliver, and nothing more.

I play like the built-in member (I inherit from it), with one change: whenever I may pledge, I pledge the
level my own spending model says my ally really reaches by its deadline (`expected_delivery`), aiming at the
draft's target. A pledge above that is a promise my country will not keep, so I never make one. My
deadline is my own carve-out if the draft gives me one.
"""

from __future__ import annotations

from game.agents.member import MemberAgent
from game.agents.tools import expected_delivery, issue_with
from game.engine import Pledge
from game.scenario import Effect


class PledgeWhatYouDeliver(MemberAgent):
    name = "amira_deliver"
    description = "The built-in member, but every pledge is exactly what its budget delivers by the deadline."
    roles = ("member",)

    def consult(self, observation, rng):
        pledge = self._deliverable_pledge(observation)
        return pledge if pledge is not None else super().consult(observation, rng)

    def _deliverable_pledge(self, observation):
        core, deadline = issue_with(observation, Effect.CORE_SPENDING), issue_with(observation, Effect.DEADLINE)
        ally = observation.ally
        if core is None or ally is None or observation.legal.get("pledge") is not None:
            return None
        if deadline is not None:
            year = int(observation.draft.carve_out(ally.id) or observation.draft[deadline.id])
        else:
            year = observation.year + 10
        target = float(observation.draft[core.id])
        level = round(min(target, expected_delivery(observation, target, year, observation.draft)), 1)
        if level <= ally.defence_pct_gdp + 0.05:
            return None
        previous = observation.pledges.get(ally.id)
        if previous is not None and (level <= previous[0] or year > previous[1]):
            return None   # a new pledge must be more ambitious than the last one
        return Pledge(self.leader_id, f"{ally.name} will reach {level:.1f}% by {year}: what our budget delivers.",
                      level=level, year=year)
