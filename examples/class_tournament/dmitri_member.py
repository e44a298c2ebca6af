"""Dmitri's member: the conceder.

I start demanding a lot and give ground every round. My bar is a table score (`table_score`, 50 = as good as
no deal) that starts at 85 in round 1 and falls in a straight line to 50 in the last round; an impatient
leader (low `observation.patience`) falls faster. In consultations I propose to move my worst issue half way
from the draft towards my ideal, and from the middle of the game on I pledge what my budget delivers.
"""

from __future__ import annotations

import numpy as np

from game.agents.base import BaseAgent
from game.agents.tools import expected_delivery, issue_with, table_score
from game.engine import Amend, BreakSilence, Pass, Pledge
from game.scenario import Effect


class Conceder(BaseAgent):
    name = "dmitri_conceder"
    description = "Its bar falls from 85 to 50 over the rounds (faster when impatient); meets the draft half way."
    roles = ("member",)

    def bar(self, observation) -> float:
        progress = (observation.round - 1) / max(1, observation.rounds - 1)
        speed = 1.5 - observation.patience          # 0.5 (patient) .. 1.5 (impatient)
        return max(50.0, 85.0 - 35.0 * min(1.0, progress * speed))

    def consult(self, observation, rng):
        if observation.round > observation.rounds // 2:
            pledge = self._pledge(observation)
            if pledge is not None:
                return pledge
        worst = observation.issues[int(np.argmax(observation.losses(observation.draft)))]
        now, ideal = observation.draft[worst.id], observation.ideal[worst.id]
        value = worst.snap((float(now) + float(ideal)) / 2) if worst.kind == "range" else ideal
        if value != now and observation.legal.get("amend") is None:
            return Amend(self.leader_id, f"Let us meet half way: {worst.format(value)}.", issue=worst.id, value=value)
        return Pass(self.leader_id, "Listening.")

    def silence(self, observation, rng):
        draft = observation.draft
        crossed = observation.crossed(draft)
        if crossed:
            return BreakSilence(self.leader_id, "Our red line.", issue=crossed[0], wants=observation.wants(crossed[0]))
        score = table_score(observation, draft)
        if score >= self.bar(observation):
            return Pass(self.leader_id, f"{score:.0f} is enough this round.")
        worst = observation.issues[int(np.argmax(observation.losses(draft)))]
        return BreakSilence(self.leader_id, f"{score:.0f} is below our bar of {self.bar(observation):.0f}.",
                            issue=worst.id, wants=observation.wants(worst.id))

    def _pledge(self, observation):
        core, deadline, ally = issue_with(observation, Effect.CORE_SPENDING), issue_with(observation, Effect.DEADLINE), observation.ally
        if core is None or deadline is None or ally is None or observation.legal.get("pledge") is not None:
            return None
        if ally.id in observation.pledges:
            return None
        year = int(observation.draft.carve_out(ally.id) or observation.draft[deadline.id])
        level = round(min(float(observation.draft[core.id]), expected_delivery(observation, observation.draft[core.id], year)), 1)
        if level <= ally.defence_pct_gdp + 0.05:
            return None
        return Pledge(self.leader_id, f"We can reach {level:.1f}% by {year}.", level=level, year=year)
