"""A member state's leader: defends its own positions and its budget, concedes over the rounds.

Each round it judges the draft against an aspiration that falls from its ideal towards the value of no
deal (faster for impatient leaders). In consultations it asks for what would fix the worst point of the
draft: a carve-out when the deadline is the problem for its own budget, otherwise an amendment halfway
towards its ideal (straight to its red line when one is crossed). Once the draft is acceptable it pledges
a national path it can deliver, and answers a US demand when meeting it is within reach. In the silence
procedure it breaks silence on the issue that costs it most, or stays silent.
"""

from __future__ import annotations

import numpy as np

from ..engine import Action, Amend, AskCarveOut, BreakSilence, Observation, Pass, Pledge, Statement, Threat
from ..engine.implementation import rise_limit
from ..engine.narrate import phrase
from ..scenario import Effect
from .base import BaseAgent, describe_stake, issue_with, own_deadline, speaker, toward, verdict


class MemberAgent(BaseAgent):
    name = "member"
    description = "Defends its budget and positions; concedes over the rounds; pledges what it can deliver."

    def silence(self, observation: Observation, rng: np.random.Generator) -> Action:
        accept, issue_id, why = verdict(self, observation, observation.draft, rng)
        if accept:
            return Pass(self.leader_id, why)
        return BreakSilence(self.leader_id, why, issue=issue_id)

    def consult(self, observation: Observation, rng: np.random.Generator) -> Action:
        draft = observation.draft
        accept, issue_id, why = verdict(self, observation, draft, rng)
        if not accept:
            return self._ask(observation, issue_id, why, rng)
        pledge = self._pledge(observation)
        if pledge is not None:
            return pledge
        if rng.random() < 0.3 * self.assertiveness:
            return self._state_limit(observation)
        return Pass(self.leader_id, why)

    # ---- asking for changes --------------------------------------------------------------------
    def _ask(self, observation: Observation, issue_id: str, why: str, rng) -> Action:
        draft = observation.draft
        deadline = issue_with(observation, Effect.DEADLINE)
        core = issue_with(observation, Effect.CORE_SPENDING)
        me = observation.ally
        burdened = core is not None and me is not None and me.reports_spending and float(draft[core.id]) > me.defence_pct_gdp
        if (deadline is not None and issue_id in (deadline.id, core.id if core else None) and burdened
                and observation.legal.get("carve_out") is None):
            year = self._carve_out_year(observation)
            asked = observation.carve_out_requests.get(me.id)
            if year is not None and year != asked and year != draft.carve_out(me.id):
                return AskCarveOut(self.leader_id, f"{why} A later deadline for {me.name} alone would let it get there.", year=year)
        if issue_id == "carve_outs" or issue_id not in observation.ideal:
            return Pass(self.leader_id, why)
        issue = observation.issue(issue_id)
        ideal, red_line, current = observation.ideal[issue_id], observation.red_line.get(issue_id), draft[issue_id]
        crossed = issue_id in observation.crossed(draft) and red_line is not None
        if crossed and not self._stated_limit(observation, issue_id) and observation.legal.get("statement") is None:
            return self._state_limit(observation, issue_id)
        if crossed and issue.is_range:
            goal = issue.snap(float(red_line))
        else:
            goal = toward(issue, current, ideal, 0.5)
        if goal == current or observation.legal.get("amend") is not None:
            return Pass(self.leader_id, why)
        return Amend(self.leader_id, why, issue=issue_id, value=goal)

    def _carve_out_year(self, observation: Observation) -> int | None:
        """The deadline by which this ally could reach the draft's core target, capped at the latest."""
        deadline = issue_with(observation, Effect.DEADLINE)
        core = issue_with(observation, Effect.CORE_SPENDING)
        me = observation.ally
        ideal_year = observation.ideal.get(deadline.id)
        need = float(observation.draft[core.id]) - me.defence_pct_gdp
        pace = float(rise_limit(np.array(observation.fiscal_space), np.array(observation.domestic_support)))
        year = observation.year + int(np.ceil(need / pace)) if need > 0 else None
        candidates = [y for y in (year, ideal_year) if y is not None]
        if not candidates:
            return None
        year = int(min(max(max(candidates), float(observation.draft[deadline.id]) + 1), deadline.range[1]))
        return year if year > float(observation.draft[deadline.id]) else None

    # ---- pledging ------------------------------------------------------------------------------
    def _pledge(self, observation: Observation) -> Action | None:
        if observation.legal.get("pledge") is not None:
            return None
        core = issue_with(observation, Effect.CORE_SPENDING)
        me = observation.ally
        if core is None:
            return None
        deadline = own_deadline(observation, observation.draft) or observation.year + 10
        pace = float(rise_limit(np.array(observation.fiscal_space), np.array(observation.domestic_support)))
        reachable = me.defence_pct_gdp + pace * max(1.0, deadline - observation.year)
        demand = self._demand_on_me(observation)
        level = max(float(observation.draft[core.id]), demand or 0.0)
        level = round(min(level, reachable), 1)
        previous = observation.pledges.get(me.id)
        year = int(deadline)
        if level <= me.defence_pct_gdp + 0.05:
            return None
        if previous is not None and (level < previous[0] or year > previous[1] or (level, year) == previous):
            return None
        if previous is not None and demand is None:
            return None
        answer = f" in answer to the demand for {demand:.1f}%" if demand else ""
        return Pledge(self.leader_id, f"{me.name} can raise spending by about {pace:.1f} points a year{answer}; "
                                      f"from {me.defence_pct_gdp:.2f}% today it can reach {level:.1f}% by {year}.",
                      level=level, year=year)

    def _demand_on_me(self, observation: Observation) -> float | None:
        """The highest pledge level a threat or promise asked of this leader in this round or the last."""
        demands = [entry.data["action"]["demand"] for entry in observation.history
                   if entry.type == "action" and entry.round >= observation.round - 1
                   and entry.data["action"]["kind"] in (Threat.kind, "promise")
                   and entry.data["action"]["target"] == self.leader_id]
        return max(demands) if demands else None

    def _stated_limit(self, observation: Observation, issue_id: str) -> bool:
        return any(entry.type == "action" and entry.actor == self.leader_id
                   and entry.data["action"]["kind"] == "statement" and entry.data["action"].get("issue") == issue_id
                   for entry in observation.history)

    def _state_limit(self, observation: Observation, issue_id: str | None = None) -> Action:
        weights = observation.weight
        if not weights:
            return Pass(self.leader_id, "Nothing to add.")
        issue_id = issue_id or max(weights, key=lambda key: (weights[key], key))
        issue = observation.issue(issue_id)
        red_line = observation.red_line.get(issue_id)
        me, Me = speaker(observation)
        if red_line is not None and issue.is_range:
            above = float(red_line) > float(observation.ideal[issue_id])
            word = "up to" if above else "no less than"
            text = f"{Me} can accept {phrase(issue.label)} {word} {issue.format(red_line)}, no further."
            return Statement(self.leader_id, text, issue=issue_id, limit=red_line,
                             bound="at_most" if above else "at_least")
        if red_line is not None:
            lines = red_line if isinstance(red_line, tuple) else (red_line,)
            return Statement(self.leader_id, f"{Me} will never accept {phrase(issue.label)} {' or '.join(lines)}.",
                             issue=issue_id, limit=lines[0], bound="not")
        return Statement(self.leader_id, f"For {me}, {phrase(issue.label)} matters most: we want {issue.format(observation.ideal[issue_id])}.",
                         issue=issue_id)
