"""The US President, as its persona says: transactional (the default) or institutionalist. Opens high,
presses laggards, rewards pledges, keeps to its positions (Ukraine apart, in the 2025 scenarios), and
accepts once the draft clears its red lines and its (falling) aspiration. A transactional president ties
the guarantee to payment and may block a text to make a threat good; an institutionalist calls Article 5
ironclad, warns less often, speaks of a shared duty and never blocks over a threat.

- Consultations: it first states any red line the draft crosses. Then it picks, weighted by its
  assertiveness, between warning the lowest-spending ally that has not pledged the draft's core target
  (one a turn), praising with a promise an ally whose pledge meets it, and pushing the draft towards its
  own ideal on the issue that costs it most: when that is the guarantee, it argues from how few allies
  have pledged to pay.
- The silence procedure: it judges the draft like any member. A threat it made still stands when its
  target has not pledged: before the last round, an assertive president may carry it out by breaking
  silence, at the price of breaking any promise owed to allies who did pay. In the last round it never
  blocks over a threat: a deal is worth more to it than its credibility, and the room sees the bluff.
"""

from __future__ import annotations

import numpy as np

from ..engine import Action, Amend, BreakSilence, Observation, Pass, Promise, Threat
from ..engine.said import Country, Percent, Said, SaidLater, Term, Value, voiced
from ..scenario import Effect, Role
from .base import issue_with, toward
from .member import MemberAgent


class UsPresidentAgent(MemberAgent):
    """The US President: opens high, presses the allies that lag and rewards those that pledge. A transactional
    president ties the US guarantee to payment and may block a text to make a threat good; an institutionalist
    calls Article 5 ironclad and never blocks over a threat. Either accepts a draft once it clears the red lines
    and is good enough, a bar that falls as the rounds pass."""

    name = "us_president"
    description = "As its persona: transactional (the guarantee tied to payment) or institutionalist (Article 5 ironclad)."

    # ---- the silence procedure -----------------------------------------------------------------
    def silence(self, observation: Observation, rng: np.random.Generator) -> Action:
        action = super().silence(observation, rng)
        if isinstance(action, BreakSilence) or observation.round >= observation.rounds:
            return action
        if self.persona == "institutionalist":
            return action   # the guarantee never hangs on one bill
        unpaid = self._unpaid_threats(observation)
        progress = (observation.round - 1) / max(1, observation.rounds - 1)
        core = issue_with(observation, Effect.CORE_SPENDING)
        if unpaid and core is not None and rng.random() < self.assertiveness * (1.0 - progress):
            ally, demand = unpaid[0]
            return BreakSilence(self.leader_id, voiced("{ally} has not pledged {demand}: the United States does what it "
                                                     "says, and this text does not pass until allies pay.",
                                                     ally=Country.ally(ally), demand=Percent(demand, 1)),
                                issue=core.id, wants="more")
        return action

    def _unpaid_threats(self, observation: Observation) -> list[tuple]:
        """(ally, demand) for each threat made this round whose target has not pledged the demand."""
        allies = {ally.id: ally for ally in observation.allies}
        unpaid = []
        for entry in observation.this_round():
            action = entry.record.get("action", {})
            if (entry.type != "action" or entry.actor != self.leader_id or action.get("kind") != Threat.kind
                    or action.get("issue") is not None):
                continue
            ally = allies[observation.leader(action["target"]).ally]
            if observation.pledges.get(ally.id, (0.0, 0))[0] < action["demand"] - 1e-9:
                unpaid.append((ally, float(action["demand"])))
        return unpaid

    # ---- consultations -------------------------------------------------------------------------
    def consult(self, observation: Observation, rng: np.random.Generator) -> Action:
        crossed = observation.crossed(observation.draft)
        if crossed and not self._stated_limit(observation, crossed[0]) and observation.legal.get("statement") is None:
            return self._state_limit(observation, crossed[0])
        options = []
        threat = self._threat(observation)
        if threat is not None:
            options.append((self.assertiveness * (0.5 if self.persona == "institutionalist" else 1.0), threat))
        promise = self._promise(observation)
        if promise is not None:
            options.append((0.5, promise))
        amend = self._amend(observation)
        if amend is not None:
            options.append((1.0 - 0.5 * self.assertiveness, amend))
        if not options:
            return Pass(self.leader_id, voiced("The United States has made its position clear."))
        weights = np.array([weight for weight, _ in options])
        return options[int(rng.choice(len(options), p=weights / weights.sum()))][1]

    def _demand(self, observation: Observation) -> float | None:
        return _core_target(observation)

    def _already(self, observation: Observation, kind: str) -> set[str]:
        return {entry.record["action"]["target"] for entry in observation.this_round() + observation.last_round()
                if entry.type == "action" and entry.actor == self.leader_id and entry.record["action"]["kind"] == kind}

    def _threat(self, observation: Observation) -> Action | None:
        demand = self._demand(observation)
        if demand is None or observation.legal.get("threat") is not None:
            return None
        warned = self._already(observation, Threat.kind)
        allies = {ally.id: ally for ally in observation.allies}
        laggards = []
        for leader in observation.leaders:
            if leader.role != Role.MEMBER or leader.id in warned or leader.ally is None or not leader.is_voter:
                continue   # a candidate or partner without a vote is not yet an ally to call out
            ally = allies[leader.ally]
            pledged = observation.pledges.get(ally.id, (0.0, 0))[0]
            if ally.reports_spending and max(pledged, ally.defence_pct_gdp) < demand:
                laggards.append((ally.defence_pct_gdp, leader.id, ally))
        if not laggards:
            return None
        spending, target, ally = min(laggards)
        return Threat(self.leader_id, SaidLater(_warning, self.persona, ally, spending), target=target, demand=demand)

    def _promise(self, observation: Observation) -> Action | None:
        demand = self._demand(observation)
        if demand is None or observation.legal.get("promise") is not None:
            return None
        praised = self._already(observation, Promise.kind)
        for leader in observation.leaders:
            pledge = observation.pledges.get(leader.ally) if leader.ally else None
            if leader.role == Role.MEMBER and pledge and pledge[0] >= demand and leader.id not in praised:
                ally = next(a for a in observation.allies if a.id == leader.ally)
                return Promise(self.leader_id, SaidLater(_praise, self.persona, ally, pledge[0]), target=leader.id,
                               demand=pledge[0])
        return None

    def _amend(self, observation: Observation) -> Action | None:
        if observation.legal.get("amend") is not None:
            return None
        losses = observation.losses(observation.draft)
        if losses.max() <= 1e-9:
            return None
        issue = observation.issues[int(np.argmax(losses))]
        current = observation.draft[issue.id]
        ideal = observation.ideal[issue.id]
        goal = toward(issue, current, ideal, 0.5 + 0.5 * self.assertiveness)
        if goal == current:
            return None
        if issue.effect == Effect.US_GUARANTEE:
            reason = SaidLater(_guarantee_reason, self.persona, observation)
        else:
            reason = SaidLater(_wanting, issue, ideal, current)
        return Amend(self.leader_id, reason, issue=issue.id, value=goal)


def _core_target(observation: Observation) -> float | None:
    """The draft's core spending target, what the US demands of every ally (None: no such issue)."""
    core = issue_with(observation, Effect.CORE_SPENDING)
    return float(observation.draft[core.id]) if core else None


# ---- the sentences, written when read (engine.said.SaidLater): pure functions of what they are given ------------
def _warning(persona: str, ally, spending: float) -> Said:
    fields = {"ally": Country.ally(ally), "spending": Percent(spending, 2)}
    if persona == "institutionalist":
        return voiced("{ally} spends {spending} of GDP: every ally must invest in our common defence, and the United "
                      "States expects {ally} to do its part.", **fields)
    return voiced("{ally} spends {spending} of GDP; the United States will not defend allies who do not pay their "
                  "bills.", **fields)


def _praise(persona: str, ally, level: float) -> Said:
    fields = {"ally": Country.ally(ally), "level": Percent(level, 1)}
    if persona == "institutionalist":
        return voiced("{ally} pledged {level}: the United States stands with allies who share the burden.", **fields)
    return voiced("{ally} pledged {level}: allies who pay can count on the United States.", **fields)


def _wanting(issue, ideal, current) -> Said:
    return voiced("The United States wants {term}; {value} is not enough.", term=Term.of(issue, ideal),
                  value=Value.of(issue, current))


def _guarantee_reason(persona: str, observation: Observation) -> Said:
    """The guarantee tied to payment, argued from how many allies have pledged the draft's target."""
    demand = _core_target(observation)
    paying = [ally for ally in observation.allies if ally.reports_spending and ally.id != (observation.ally.id if observation.ally else None)
              and demand is not None and max(ally.defence_pct_gdp, observation.pledges.get(ally.id, (0.0, 0))[0]) >= demand]
    others = sum(1 for ally in observation.allies if ally.reports_spending) - (1 if observation.ally else 0)
    if persona == "institutionalist":
        if demand is None:
            return voiced("Article 5 is ironclad, and the alliance is stronger when every ally invests in it.")
        return voiced("Article 5 is ironclad; {paying} of {others} allies spend or have pledged {demand}, and the "
                      "alliance is stronger when all of them do.", paying=len(paying), others=others,
                      demand=Percent(demand, 1))
    if demand is None:
        return voiced("The US guarantee is for allies who pay their share.")
    return voiced("Only {paying} of {others} allies spend or have pledged {demand}: the US guarantee is for allies "
                  "who pay their share, not for free riders.", paying=len(paying), others=others,
                  demand=Percent(demand, 1))
