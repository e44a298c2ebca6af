"""A baseline that never concedes: it wants its ideal on everything it cares about, from the first round to
the last.

As a member or the US President, in consultations it proposes its ideal on the most important issue where
the draft falls short of it, and passes once the draft is its ideal everywhere. In the silence procedure it
stays silent only for a draft within its red lines and as good for it as its ideal; otherwise it breaks
silence on the issue that costs it most. Holding the pen, it tables its own ideal text every round, never
revises it and grants no carve-outs. It makes no pledges, offers or statements.

It is the limit of the time-dependent tactics of Faratin, Sierra and Jennings (1998) as the concession
exponent goes to 0 (the "hardliner"): a yardstick for how much the game's agreements depend on
someone giving ground.
"""

from __future__ import annotations


import numpy as np

from ..engine import Action, Amend, BreakSilence, Draft, Observation, Pass, TableDraft
from ..engine.said import Said, voiced
from .base import BaseAgent, describe_stake, speaker, with_red_line


class StubbornAgent(BaseAgent):
    """Never concedes. It asks for its ideal on its most important unmet issue, accepts only a draft as
    good for it as its ideal, and as pen holder tables its own ideal text every round without carve-outs."""

    name = "stubborn"
    description = "Baseline: never concedes; asks for its ideal, tables its ideal, objects to anything less."

    def aspiration(self, observation: Observation) -> float:
        """Its ideal (utility 1), held every round: no concession curve can do this, since even the most
        patient one falls to the value of no deal by the last round."""
        return 1.0

    # ---- drafting ------------------------------------------------------------------------------
    def draft(self, observation: Observation, rng: np.random.Generator) -> Action:
        if observation.legal.get("table") is not None:
            return Pass(self.leader_id, voiced("Not the pen holder."))
        values = {}
        for issue in observation.issues:
            # Issues it has no position on stay as they were before the summit, every round alike.
            ideal = observation.ideal.get(issue.id, issue.status_quo)
            values[issue.id] = issue.snap(float(ideal)) if issue.is_range else ideal
        if observation.round == 1:
            reason = voiced("An opening text that is the pen holder's ideal on every issue, with no carve-outs.")
        else:
            reason = voiced("The same text as before: the pen holder revises nothing and grants no carve-outs.")
        return TableDraft(self.leader_id, reason, draft=Draft.of(values))

    # ---- consultations -------------------------------------------------------------------------
    def consult(self, observation: Observation, rng: np.random.Generator) -> Action:
        draft = observation.draft
        if observation.legal.get("amend") is None:
            losses = observation.losses(draft)
            weights = observation.weight
            # Most important first; among equals the one that costs most, then the order on the agenda.
            ranked = sorted(range(len(observation.issues)),
                            key=lambda col: (-weights.get(observation.issues[col].id, 0.0), -losses[col], col))
            for col in ranked:
                issue = observation.issues[col]
                if losses[col] <= 1e-9 or issue.id not in observation.ideal:
                    continue
                ideal = observation.ideal[issue.id]
                goal = issue.snap(float(ideal)) if issue.is_range else ideal
                if goal != draft[issue.id]:
                    return Amend(self.leader_id, _unyielding(describe_stake(observation, issue.id, draft)),
                                 issue=issue.id, value=goal)
        return Pass(self.leader_id, voiced("The draft already says what {me_the} wants; nothing to ask.",
                                         me=speaker(observation)))

    # ---- silence procedure ---------------------------------------------------------------------
    def silence(self, observation: Observation, rng: np.random.Generator) -> Action:
        draft = observation.draft
        crossed = observation.crossed(draft)
        if crossed:
            stake = describe_stake(observation, crossed[0], draft)
            return BreakSilence(self.leader_id, with_red_line(observation, crossed[0], stake).capitalized(),
                                issue=crossed[0], wants=observation.wants(crossed[0]))
        losses = observation.losses(draft)
        utility = observation.utility(draft)
        # A leader with nothing at stake (no weight anywhere) has no ideal to hold out for.
        if losses.max(initial=0.0) <= 1e-9 or utility + 1e-9 >= self.aspiration(observation):
            return Pass(self.leader_id, voiced("The draft gives {me_the} everything it asked for.", me=speaker(observation)))
        issue_id = observation.issues[int(np.argmax(losses))].id
        return BreakSilence(self.leader_id, _unyielding(describe_stake(observation, issue_id, draft)), issue=issue_id,
                            wants=observation.wants(issue_id))


def _unyielding(stake: Said) -> Said:
    """A stake (from describe_stake) as one sentence that says the leader will not move."""
    return voiced("{stake}; it will not settle for less.", stake=stake).capitalized()
