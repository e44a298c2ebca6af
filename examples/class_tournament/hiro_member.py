"""Hiro's member: against Ukraine in the text.

Whatever my briefing says, I campaign to keep Ukraine out of the communiqué: if the scenario has an issue
about Ukraine (I find it by its id or label; it has no effect of its own, so `issue_with` cannot find it), I
state in round 1 that I will never accept the coordinated wording, propose the separate wording whenever the
draft coordinates, and object on it in the silence procedure. On everything else, and in scenarios without
such an issue, I play the built-in member.
"""

from __future__ import annotations

from game.agents.member import MemberAgent
from game.engine import Amend, BreakSilence, Statement


class UkraineOpponent(MemberAgent):
    name = "hiro_no_ukraine"
    description = "Blocks any text that coordinates with Ukraine; otherwise the built-in member."
    roles = ("member",)

    def _ukraine(self, observation):
        for issue in observation.issues:
            if issue.kind == "options" and ("ukraine" in issue.id or "ukraine" in issue.label.lower()):
                return issue
        return None

    def _separate(self, issue):
        return next((option for option in issue.options if option != "coordinated"), issue.options[0])

    def consult(self, observation, rng):
        ukraine = self._ukraine(observation)
        if ukraine is None:
            return super().consult(observation, rng)
        if observation.round == 1 and "coordinated" in ukraine.options and observation.legal.get("statement") is None:
            return Statement(self.leader_id, "We will never sign a text that ties us to Ukraine.", issue=ukraine.id,
                             limit="coordinated", bound="not")
        if observation.draft[ukraine.id] == "coordinated" and observation.legal.get("amend") is None:
            return Amend(self.leader_id, "Ukraine belongs in a separate text.", issue=ukraine.id, value=self._separate(ukraine))
        return super().consult(observation, rng)

    def silence(self, observation, rng):
        ukraine = self._ukraine(observation)
        if ukraine is not None and observation.draft[ukraine.id] == "coordinated":
            return BreakSilence(self.leader_id, "Not with Ukraine in the text.", issue=ukraine.id, wants=self._separate(ukraine))
        return super().silence(observation, rng)
