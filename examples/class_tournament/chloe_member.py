"""Chloé's member: the hard bargainer.

I open by stating my ideal core target as if it were my limit (a bluff the other agents believe), and in
every consultation I propose my ideal on the issue where the draft costs me most (`losses`). In the silence
procedure I object unless the draft scores at least 75 for me (`table_score`); only in the last round do I
settle for 55. I pledge only what my budget delivers, and only once the text is near my ideal.
"""

from __future__ import annotations

import numpy as np

from game.agents.base import BaseAgent
from game.agents.tools import expected_delivery, issue_with, table_score
from game.engine import Amend, BreakSilence, Pass, Pledge, Statement
from game.scenario import Effect


class HardBargainer(BaseAgent):
    name = "chloe_hard_bargainer"
    description = "Bluffs its ideal as its limit, amends its worst issue, objects below 75 until the last round."
    roles = ("member",)

    def consult(self, observation, rng):
        core = issue_with(observation, Effect.CORE_SPENDING)
        if observation.round == 1 and core is not None and observation.legal.get("statement") is None:
            limit = core.snap(observation.ideal[core.id])
            bound = "at_most" if observation.wants(core.id, observation.status_quo) != "more" else "at_least"
            return Statement(self.leader_id, "This is as far as we can go.", issue=core.id, limit=limit, bound=bound)
        worst = self._worst_issue(observation)
        ideal = observation.ideal[worst.id]
        ideal = worst.snap(ideal) if worst.kind == "range" else ideal
        if observation.draft[worst.id] != ideal and observation.legal.get("amend") is None:
            return Amend(self.leader_id, f"We insist on {worst.format(ideal)}.", issue=worst.id, value=ideal)
        pledge = self._pledge(observation, core)
        return pledge if pledge is not None else Pass(self.leader_id, "We have said what we need.")

    def silence(self, observation, rng):
        draft = observation.draft
        crossed = observation.crossed(draft)
        if crossed:
            return BreakSilence(self.leader_id, "A red line.", issue=crossed[0], wants=observation.wants(crossed[0]))
        bar = 55 if observation.round == observation.rounds else 75
        if table_score(observation, draft) >= bar:
            return Pass(self.leader_id, "Good enough for us.")
        worst = self._worst_issue(observation)
        return BreakSilence(self.leader_id, "Not nearly enough for us.", issue=worst.id, wants=observation.wants(worst.id))

    def _worst_issue(self, observation):
        return observation.issues[int(np.argmax(observation.losses(observation.draft)))]

    def _pledge(self, observation, core):
        ally, deadline = observation.ally, issue_with(observation, Effect.DEADLINE)
        if core is None or ally is None or deadline is None or observation.legal.get("pledge") is not None:
            return None
        if ally.id in observation.pledges or table_score(observation, observation.draft) < 75:
            return None
        year = int(observation.draft.carve_out(ally.id) or observation.draft[deadline.id])
        level = round(min(float(observation.draft[core.id]), expected_delivery(observation, observation.draft[core.id], year)), 1)
        if level <= ally.defence_pct_gdp + 0.05:
            return None
        return Pledge(self.leader_id, f"We commit to {level:.1f}% by {year}.", level=level, year=year)
