"""Jonas's member: the score maximiser.

In every consultation I try each issue at my ideal (one change to the draft at a time), score each of those
drafts with `table_score`, and propose the single amendment that raises my score the most. In the silence
procedure I accept a draft at least as good as no deal, and when it is not I object on the issue whose
change would have helped me most (not simply the one furthest from my ideal). I never pledge: the draft
alone is what I negotiate.
"""

from __future__ import annotations

from game.agents.base import BaseAgent
from game.agents.tools import table_score
from game.engine import Amend, BreakSilence, Pass


class ScoreMaximiser(BaseAgent):
    name = "jonas_maximiser"
    description = "Proposes the one amendment that raises its table score most; accepts anything scoring 50 or more."
    roles = ("member",)

    def _best_change(self, observation):
        """(gain, issue, value) of the single change to the draft worth most to me, or None."""
        draft, now = observation.draft, table_score(observation, observation.draft)
        best = None
        for issue in observation.issues:
            ideal = observation.ideal[issue.id]
            ideal = issue.snap(ideal) if issue.kind == "range" else ideal
            if draft[issue.id] == ideal:
                continue
            gain = table_score(observation, draft.with_value(issue.id, ideal)) - now
            if gain > 0 and (best is None or gain > best[0]):
                best = (gain, issue, ideal)
        return best

    def consult(self, observation, rng):
        best = self._best_change(observation)
        if best is not None and observation.legal.get("amend") is None:
            gain, issue, value = best
            return Amend(self.leader_id, f"{issue.format(value)} would make this text far better for us.",
                         issue=issue.id, value=value)
        return Pass(self.leader_id, "Nothing to improve.")

    def silence(self, observation, rng):
        draft = observation.draft
        crossed = observation.crossed(draft)
        if crossed:
            return BreakSilence(self.leader_id, "Our red line.", issue=crossed[0], wants=observation.wants(crossed[0]))
        if table_score(observation, draft) >= 50:
            return Pass(self.leader_id, "At least as good as no deal.")
        best = self._best_change(observation)
        issue = best[1] if best is not None else observation.issues[0]
        return BreakSilence(self.leader_id, "Worse than no deal.", issue=issue.id, wants=observation.wants(issue.id))
