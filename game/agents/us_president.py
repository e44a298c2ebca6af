"""The US President: transactional. Opens high, ties the guarantee to payment, threatens laggards,
rewards pledges, keeps NATO apart from Ukraine, and accepts once the draft clears its red lines and its
(falling) aspiration.

In consultations it first states any red line the draft crosses, then warns the lowest-spending ally that has not pledged the draft's core target (one a
turn), praises with a promise an ally whose pledge meets it, or pushes the draft towards its own ideal on
the issue that costs it most. In the silence procedure it judges the draft like any member.
"""

from __future__ import annotations

import numpy as np

from ..engine import Action, Amend, Observation, Pass, Promise, Threat
from ..engine.narrate import phrase
from ..scenario import Effect, Role
from .base import issue_with, toward
from .member import MemberAgent


class UsPresidentAgent(MemberAgent):
    name = "us_president"
    description = "Transactional: high demands, a conditional guarantee, threats at laggards, rewards for pledges."

    # The silence procedure: judged like any member (inherited).

    def consult(self, observation: Observation, rng: np.random.Generator) -> Action:
        crossed = observation.crossed(observation.draft)
        if crossed and not self._stated_limit(observation, crossed[0]) and observation.legal.get("statement") is None:
            return self._state_limit(observation, crossed[0])
        options = []
        threat = self._threat(observation)
        if threat is not None:
            options.append((self.assertiveness, threat))
        promise = self._promise(observation)
        if promise is not None:
            options.append((0.5, promise))
        amend = self._amend(observation, rng)
        if amend is not None:
            options.append((1.0 - 0.5 * self.assertiveness, amend))
        if not options:
            return Pass(self.leader_id, "The United States has made its position clear.")
        weights = np.array([weight for weight, _ in options])
        return options[int(rng.choice(len(options), p=weights / weights.sum()))][1]

    def _demand(self, observation: Observation) -> float | None:
        core = issue_with(observation, Effect.CORE_SPENDING)
        return float(observation.draft[core.id]) if core else None

    def _already(self, observation: Observation, kind: str) -> set[str]:
        return {entry.data["action"]["target"] for entry in observation.this_round() + observation.last_round()
                if entry.type == "action" and entry.actor == self.leader_id and entry.data["action"]["kind"] == kind}

    def _threat(self, observation: Observation) -> Action | None:
        demand = self._demand(observation)
        if demand is None or observation.legal.get("threat") is not None:
            return None
        warned = self._already(observation, Threat.kind)
        allies = {ally.id: ally for ally in observation.allies}
        laggards = []
        for leader in observation.leaders:
            if leader.role != Role.MEMBER or leader.id in warned or leader.ally is None:
                continue
            ally = allies[leader.ally]
            pledged = observation.pledges.get(ally.id, (0.0, 0))[0]
            if ally.reports_spending and max(pledged, ally.defence_pct_gdp) < demand:
                laggards.append((ally.defence_pct_gdp, leader.id, ally))
        if not laggards:
            return None
        spending, target, ally = min(laggards)
        return Threat(self.leader_id, f"{ally.name} spends {spending:.2f}% of GDP; the United States will not "
                                      f"defend allies who do not pay their bills.", target=target, demand=demand)

    def _promise(self, observation: Observation) -> Action | None:
        demand = self._demand(observation)
        if demand is None or observation.legal.get("promise") is not None:
            return None
        praised = self._already(observation, Promise.kind)
        for leader in observation.leaders:
            pledge = observation.pledges.get(leader.ally) if leader.ally else None
            if leader.role == Role.MEMBER and pledge and pledge[0] >= demand and leader.id not in praised:
                ally = next(a for a in observation.allies if a.id == leader.ally)
                return Promise(self.leader_id, f"{ally.name} pledged {pledge[0]:.1f}%: allies who pay can count on "
                                               f"the United States.", target=leader.id, demand=pledge[0])
        return None

    def _amend(self, observation: Observation, rng) -> Action | None:
        if observation.legal.get("amend") is not None:
            return None
        losses = observation.losses(observation.draft)
        if losses.max() <= 1e-9:
            return None
        issue = observation.issues[int(np.argmax(losses))]
        current = observation.draft[issue.id]
        goal = toward(issue, current, observation.ideal[issue.id], 0.5 + 0.5 * self.assertiveness)
        if goal == current:
            return None
        return Amend(self.leader_id, f"The United States wants {phrase(issue.label)} {issue.format(observation.ideal[issue.id])}; "
                                     f"{issue.format(current)} is not enough.", issue=issue.id, value=goal)
