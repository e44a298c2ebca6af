"""Elena's member: the reciprocator who reads the record.

Before I give in to a threat or trust a promise, I look up the leader's record (`record`): how many threats
it carried out and how many were bluffs, how many promises it kept or broke. A threat from a leader whose
threats have been bluffs is ignored (I say so in public); a threat from one that carries them out is met
with the highest pledge my budget delivers, and I then accept a draft I would otherwise have objected to by a
few points. Promises from a leader who broke one before count for nothing. Otherwise I play the built-in
member.
"""

from __future__ import annotations

from game.agents.member import MemberAgent
from game.agents.tools import expected_delivery, issue_with, offers_to_me, record, table_score
from game.engine import Pass, Pledge, Statement
from game.scenario import Effect


class Reciprocator(MemberAgent):
    name = "elena_reciprocator"
    description = "Gives in to threats only from leaders whose record shows they carry them out; ignores bluffers."
    roles = ("member",)

    def _threats(self, observation):
        return [entry for entry in offers_to_me(observation, since_round=1) if entry.data["action"]["kind"] == "threat"]

    def _credible(self, observation, leader_id) -> bool:
        past = record(observation, leader_id)
        return past.carried_out > 0 and past.bluffs == 0

    def consult(self, observation, rng):
        threats = [entry for entry in self._threats(observation) if entry.round >= observation.round - 1]
        for entry in threats:
            if self._credible(observation, entry.actor):
                pledge = self._pressured_pledge(observation)
                if pledge is not None:
                    return pledge
            elif record(observation, entry.actor).bluffs > 0 and observation.legal.get("statement") is None:
                return Statement(self.leader_id, f"{observation.leader(entry.actor).name} has bluffed before; "
                                 "we will not be moved by threats.")
        return super().consult(observation, rng)

    def silence(self, observation, rng):
        credible = any(self._credible(observation, entry.actor) for entry in self._threats(observation))
        if credible and not observation.crossed(observation.draft) and table_score(observation, observation.draft) >= 45:
            return Pass(self.leader_id, "We take a credible threat seriously.")
        return super().silence(observation, rng)

    def _pressured_pledge(self, observation):
        core, deadline, ally = issue_with(observation, Effect.CORE_SPENDING), issue_with(observation, Effect.DEADLINE), observation.ally
        if core is None or deadline is None or ally is None or observation.legal.get("pledge") is not None:
            return None
        year = int(observation.draft.carve_out(ally.id) or observation.draft[deadline.id])
        level = round(expected_delivery(observation, core.range[1], year), 1)   # the most the budget delivers
        previous = observation.pledges.get(ally.id)
        if level <= ally.defence_pct_gdp + 0.05 or (previous is not None and (level <= previous[0] or year > previous[1])):
            return None
        return Pledge(self.leader_id, f"Under pressure we can honestly reach {level:.1f}% by {year}.", level=level, year=year)
