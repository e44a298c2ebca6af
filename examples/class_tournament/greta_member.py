"""Greta's member: the deadline extender.

Time is what my country needs. Every consultation until I have it, I ask the pen holder for the latest
deadline the scenario allows for my own ally (`AskCarveOut`), and in the silence procedure I object on the
deadline, wanting it later, as long as the draft gives me no carve-out (except in the last round, where I
play the built-in member). Once the draft gives me my carve-out I pledge what my budget delivers by that
later year, and from then on I play the built-in member.
"""

from __future__ import annotations

from game.agents.member import MemberAgent
from game.agents.tools import expected_delivery, issue_with
from game.engine import AskCarveOut, BreakSilence, Pledge
from game.scenario import Effect


class DeadlineExtender(MemberAgent):
    name = "greta_deadline"
    description = "Asks for the latest carve-out and objects on the deadline until it has one; then pledges to it."
    roles = ("member",)

    def consult(self, observation, rng):
        deadline, ally = issue_with(observation, Effect.DEADLINE), observation.ally
        if deadline is None or ally is None:
            return super().consult(observation, rng)
        mine = observation.draft.carve_out(ally.id)
        latest = int(deadline.range[1])
        if mine is None and observation.legal.get("carve_out") is None and observation.carve_out_requests.get(ally.id) != latest:
            return AskCarveOut(self.leader_id, "Our budget needs until the last possible year.", year=latest)
        if mine is not None:
            pledge = self._pledge_to_carve_out(observation, mine)
            if pledge is not None:
                return pledge
        return super().consult(observation, rng)

    def silence(self, observation, rng):
        deadline, ally = issue_with(observation, Effect.DEADLINE), observation.ally
        if (deadline is not None and ally is not None and observation.draft.carve_out(ally.id) is None
                and observation.round < observation.rounds and not observation.crossed(observation.draft)):
            return BreakSilence(self.leader_id, "Not without more time for us.", issue=deadline.id, wants="more")
        return super().silence(observation, rng)

    def _pledge_to_carve_out(self, observation, year):
        core, ally = issue_with(observation, Effect.CORE_SPENDING), observation.ally
        if core is None or observation.legal.get("pledge") is not None or ally.id in observation.pledges:
            return None
        level = round(min(float(observation.draft[core.id]), expected_delivery(observation, observation.draft[core.id], year)), 1)
        if level <= ally.defence_pct_gdp + 0.05:
            return None
        return Pledge(self.leader_id, f"With until {year} we reach {level:.1f}%.", level=level, year=int(year))
