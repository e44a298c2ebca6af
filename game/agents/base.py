"""What every built-in agent shares: an aspiration level that falls over the rounds, and the plain
sentences that explain a move in terms of the leader's own positions.

Aspiration follows the time-dependent tactics of Faratin, Sierra and Jennings (1998): from the ideal
(utility 1) at the first round down to the value of no deal at the last, along (t/T)^(1/e). A patient
leader (e < 1, "Boulware") holds out until late; an impatient one (e > 1, "Conceder") gives ground early.
"""

from __future__ import annotations

import math

import numpy as np

from ..engine import Action, Draft, Observation, Pass, Phase, TableDraft
from ..engine.narrate import country, phrase
from ..scenario import Effect, Issue


def concession_exponent(patience: float) -> float:
    """patience 0 -> 5 (concedes early), 0.5 -> 1 (steadily), 1 -> 0.2 (holds out)."""
    return math.exp(math.log(5.0) * (1.0 - 2.0 * patience))


def aspiration(observation: Observation, patience: float, no_deal_utility: float) -> float:
    """The least utility this leader will accept in the current round."""
    if observation.rounds <= 1:
        progress = 1.0
    else:
        progress = (observation.round - 1) / (observation.rounds - 1)
    floor = no_deal_utility
    return floor + (1.0 - floor) * (1.0 - progress ** (1.0 / concession_exponent(patience)))


def issue_with(observation: Observation, effect: Effect) -> Issue | None:
    return next((issue for issue in observation.issues if issue.effect == effect), None)


def own_deadline(observation: Observation, draft: Draft) -> float | None:
    issue = issue_with(observation, Effect.DEADLINE)
    if issue is None:
        return None
    if observation.ally is not None and draft.carve_out(observation.ally.id):
        return float(draft.carve_out(observation.ally.id))
    return float(draft[issue.id])


def toward(issue: Issue, current, goal, share: float):
    """A value moved share of the way from current to goal, on the issue's grid (options jump)."""
    if not issue.is_range:
        return goal
    moved = issue.snap(float(current) + share * (float(goal) - float(current)))
    if moved == current and goal != current:
        moved = issue.snap(float(current) + math.copysign(issue.step, float(goal) - float(current)))
    return moved


def acceptable_bound(issue: Issue, ideal, red_line, current):
    """The value nearest to current that respects a red line (for a proposal that just fixes it)."""
    if not issue.is_range:
        return ideal
    if red_line is None:
        return ideal
    return issue.snap(float(red_line))


class BaseAgent:
    """Shared plumbing: a built-in agent answers three questions, one per phase."""

    name = "base"
    description = ""

    def __init__(self, leader_id: str, traits):
        self.leader_id = leader_id
        self.patience = traits.patience
        self.assertiveness = traits.assertiveness

    def act(self, observation: Observation, rng: np.random.Generator) -> Action:
        if observation.phase == Phase.DRAFTING:
            return self.draft(observation, rng)
        if observation.phase == Phase.CONSULTATIONS:
            return self.consult(observation, rng)
        return self.silence(observation, rng)

    # Defaults: keep the draft, pass, stay silent.
    def draft(self, observation: Observation, rng: np.random.Generator) -> Action:
        if observation.legal.get("table") is None:
            return TableDraft(self.leader_id, "The draft stays as it is.", draft=observation.draft)
        return Pass(self.leader_id, "Nothing to add.")

    def consult(self, observation: Observation, rng: np.random.Generator) -> Action:
        return Pass(self.leader_id, "Nothing to add.")

    def silence(self, observation: Observation, rng: np.random.Generator) -> Action:
        return Pass(self.leader_id, "Accepts the draft.")

    def no_deal_utility(self, observation: Observation) -> float:
        return observation.utility(observation.no_deal)

    def aspiration(self, observation: Observation) -> float:
        return aspiration(observation, self.patience, self.no_deal_utility(observation))


def speaker(observation: Observation) -> tuple[str, str]:
    """How this leader names itself in a sentence: (mid-sentence, sentence start), e.g. the ally's
    name ('the United States', 'The United States'), or its own name when it speaks for no ally."""
    name = observation.ally.name if observation.ally else observation.leader(observation.leader_id).name
    return country(name), country(name, start=True)


def describe_stake(observation: Observation, issue_id: str, draft: Draft) -> str:
    """Why an issue of the draft hurts this leader, in its own terms."""
    issue = observation.issue(issue_id) if issue_id != "carve_outs" else None
    me, Me = speaker(observation)
    if issue is None:
        return f"{Me} cannot accept the carve-outs as drafted"
    value = draft[issue.id]
    ideal = observation.ideal.get(issue.id)
    if issue.effect == Effect.CORE_SPENDING and observation.ally is not None and observation.ally.reports_spending:
        now = observation.ally.defence_pct_gdp
        deadline = own_deadline(observation, draft)
        by = f" by {deadline:.0f}" if deadline else ""
        gap = float(value) - now
        if gap > 0:
            return (f"{issue.format(value)} core{by} means {gap:.1f} points of GDP more than {me} spends today "
                    f"({now:.2f}%); it wants {issue.format(ideal)}")
        return f"{Me} already spends {now:.2f}% and wants the allies held to {issue.format(ideal)}"
    if issue.effect == Effect.DEADLINE and ideal is not None:
        sooner = float(value) < float(ideal)
        return f"a deadline of {issue.format(value)} is {'too soon' if sooner else 'too late'} for {me}; it wants {issue.format(ideal)}"
    if ideal is None:
        return f"{Me} objects to {phrase(issue.label)} {issue.format(value)}"
    return f"{Me} wants {phrase(issue.label)} {issue.format(ideal)}, not {issue.format(value)}"


def verdict(agent: BaseAgent, observation: Observation, draft: Draft, rng: np.random.Generator) -> tuple[bool, str | None, str]:
    """(accept?, the issue objected to, one sentence why) for this leader and draft."""
    crossed = observation.crossed(draft)
    if crossed:
        return False, crossed[0], describe_stake(observation, crossed[0], draft) + " (a red line)."
    utility = observation.utility(draft)
    wanted = agent.aspiration(observation) + rng.normal(0.0, 0.02)
    if utility + 1e-9 >= min(wanted, 1.0):
        return True, None, f"The draft is good enough: {round(100 * utility)}/100 against {round(100 * agent.no_deal_utility(observation))} for no deal."
    worst = int(np.argmax(observation.losses(draft)))
    issue_id = observation.issues[worst].id
    return False, issue_id, describe_stake(observation, issue_id, draft) + "."
