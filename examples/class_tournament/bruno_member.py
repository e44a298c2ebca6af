"""Bruno's member: the free rider.

Someone else will pay for the alliance. I never pledge anything. In the first consultation I ask for the
latest deadline the deadline issue allows for my own ally (a carve-out); after that I tell the table I cannot
go above what I spend today and otherwise keep quiet. In the silence procedure I accept every draft (the
others' money protects me too) unless it crosses one of my red lines.
"""

from __future__ import annotations

from game.agents.base import BaseAgent
from game.agents.tools import issue_with
from game.engine import AskCarveOut, BreakSilence, Pass, Statement
from game.scenario import Effect


class FreeRider(BaseAgent):
    name = "bruno_free_rider"
    description = "Never pledges, asks for the latest deadline, accepts every draft that respects its red lines."
    roles = ("member",)

    def consult(self, observation, rng):
        deadline = issue_with(observation, Effect.DEADLINE)
        core = issue_with(observation, Effect.CORE_SPENDING)
        ally = observation.ally
        if (observation.round == 1 and deadline is not None and ally is not None
                and observation.legal.get("carve_out") is None and ally.id not in observation.carve_out_requests):
            return AskCarveOut(self.leader_id, "We need more time than anyone.", year=int(deadline.range[1]))
        if (observation.round == 2 and core is not None and ally is not None and ally.reports_spending
                and observation.legal.get("statement") is None):   # an ally that reports none has defence_pct_gdp None
            limit = core.snap(max(core.range[0], ally.defence_pct_gdp))
            return Statement(self.leader_id, "We cannot spend more than we do today.", issue=core.id, limit=limit,
                             bound="at_most")
        return Pass(self.leader_id, "Others will carry the load.")

    def silence(self, observation, rng):
        crossed = observation.crossed(observation.draft)
        if crossed:
            return BreakSilence(self.leader_id, "This crosses our red line.", issue=crossed[0],
                                wants=observation.wants(crossed[0]))
        return Pass(self.leader_id, "Fine by us: others pay.")
