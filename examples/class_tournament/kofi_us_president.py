"""Kofi's US President: threaten, then carry it out.

I play the United States. Every consultation I threaten the member whose ally spends the least (share of
GDP) among those I have not threatened yet and that have not pledged the draft's core target: "pledge at
least the draft's target, or I block". In the silence procedure I carry my threats out: if any ally I
threatened has not pledged what I demanded, I break silence on the core target, wanting more, so my record
shows threats carried out, not bluffs (`record`). When every threat is met, I play the built-in US
President.
"""

from __future__ import annotations

from game.agents.tools import issue_with, record
from game.agents.us_president import UsPresidentAgent
from game.engine import BreakSilence, Threat
from game.scenario import Effect, Role


class Enforcer(UsPresidentAgent):
    name = "kofi_enforcer"
    description = "Threatens the lowest spender each round and blocks until every threatened ally has paid."
    roles = ("us_president",)

    def _my_threats(self, observation):
        return [entry.data["action"] for entry in observation.history
                if entry.type == "action" and entry.actor == self.leader_id and entry.data["action"]["kind"] == "threat"]

    def _unmet(self, observation):
        unmet = []
        for threat in self._my_threats(observation):
            ally = observation.ally_of(threat["target"])
            pledged = observation.pledges.get(ally.id) if ally is not None else None
            if pledged is None or pledged[0] < threat["demand"]:
                unmet.append(threat)
        return unmet

    def consult(self, observation, rng):
        core = issue_with(observation, Effect.CORE_SPENDING)
        if core is None or observation.legal.get("threat") is not None:
            return super().consult(observation, rng)
        demand = float(observation.draft[core.id])
        threatened = {threat["target"] for threat in self._my_threats(observation)}
        candidates = []
        for leader in observation.leaders:
            ally = observation.ally_of(leader.id)
            if leader.role != Role.MEMBER or ally is None or not ally.reports_spending or leader.id in threatened:
                continue
            pledged = observation.pledges.get(ally.id)
            if pledged is None or pledged[0] < demand:
                candidates.append((ally.defence_pct_gdp, leader.id, ally))
        if not candidates:
            return super().consult(observation, rng)
        _, target, ally = min(candidates)
        mine = record(observation, self.leader_id)
        return Threat(self.leader_id, f"{ally.name} spends {ally.defence_pct_gdp:.2f}% of GDP. Pay, or we block. "
                      f"(We carried out {mine.carried_out} threats so far.)", target=target, demand=demand)

    def silence(self, observation, rng):
        core = issue_with(observation, Effect.CORE_SPENDING)
        unmet = self._unmet(observation)
        if core is not None and unmet:
            names = ", ".join(observation.leader(threat["target"]).name for threat in unmet[:3])
            return BreakSilence(self.leader_id, f"We said we would block: {names} did not pay.", issue=core.id, wants="more")
        return super().silence(observation, rng)
