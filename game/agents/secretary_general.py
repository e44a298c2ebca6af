"""The Secretary General: holds the pen and mediates; never votes, never threatens.

Round one: tables its own opening package. After each round it reads the record: which issues drew
objections, what amendments the objectors proposed, what limits leaders stated, which allies asked for a
later deadline. It moves each contested issue towards what was asked (further the more objections),
treats a stated limit as a strong request, and grants carve-outs so that the laggards get a slower path
instead of holding everyone back.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np

from ..engine import Action, Draft, Observation, Pass, Statement, TableDraft
from ..engine.narrate import phrase
from ..scenario import Effect
from .base import BaseAgent, issue_with, toward


class SecretaryGeneralAgent(BaseAgent):
    name = "secretary_general"
    description = "Mediator: moves the draft towards what objectors ask and grants carve-outs to widen consensus."

    def draft(self, observation: Observation, rng: np.random.Generator) -> Action:
        if observation.legal.get("table") is not None:
            return Pass(self.leader_id, "Not the pen holder.")
        if observation.round == 1:
            return self._opening(observation)
        return self._revise(observation, rng)

    def _opening(self, observation: Observation) -> Action:
        values = {}
        for issue in observation.issues:
            ideal = observation.ideal.get(issue.id, observation.draft[issue.id])
            values[issue.id] = issue.snap(float(ideal)) if issue.is_range else ideal
        draft = Draft.of(values)
        return TableDraft(self.leader_id, "An opening package: more spending by Europe and Canada, a United States that stays.",
                          draft=draft)

    def _revise(self, observation: Observation, rng) -> Action:
        last = observation.last_round()
        objections = Counter(entry.data["action"]["issue"] for entry in last
                             if entry.type == "action" and entry.data["action"]["kind"] == "break_silence")
        objectors: dict[str, set[str]] = defaultdict(set)
        for entry in last:
            if entry.type == "action" and entry.data["action"]["kind"] == "break_silence":
                objectors[entry.data["action"]["issue"]].add(entry.actor)
        asks: dict[str, list] = defaultdict(list)
        persistence: Counter = Counter()  # (leader, issue) -> rounds it broke silence on that issue
        stated: dict[tuple[str, str], tuple[str, object]] = {}  # (leader, issue) -> latest (bound, limit)
        for entry in observation.history:
            if entry.type != "action" or entry.actor == self.leader_id:
                continue
            action = entry.data["action"]
            if action["kind"] == "amend" and entry.round == observation.round - 1 and entry.actor in objectors[action["issue"]]:
                asks[action["issue"]].append((entry.actor, action["value"]))
            elif action["kind"] == "break_silence":
                persistence[(entry.actor, action["issue"])] += 1
            elif action["kind"] == "statement" and action.get("bound"):
                stated[(entry.actor, action["issue"])] = (action["bound"], action["limit"])
        draft = observation.draft
        moved = []
        voters = sum(1 for leader in observation.leaders if leader.role.value != "secretary_general")
        progress = (observation.round - 1) / max(1, observation.rounds - 1)
        for issue in observation.issues:
            count = objections.get(issue.id, 0)
            current = draft[issue.id]
            if not count:
                continue
            if issue.is_range:
                # Move by half the objectors' mean ask (asks both ways cancel), less as the rounds run out.
                wanted = asks.get(issue.id, ())
                new = current
                if wanted:
                    # Persistent objectors weigh more: they are the ones who will block at the end.
                    weights = [persistence[(leader, issue.id)] for leader, _ in wanted]
                    shift = float(np.average([float(w) - float(current) for _, w in wanted], weights=weights))
                    new = toward(issue, current, float(current) + shift, 0.5 * (1.0 - 0.5 * progress))
            else:
                # Switching an option upsets those who liked it: only when a third of the table objects.
                new = current
                if asks.get(issue.id) and count >= voters / 3:
                    new = Counter(value for _, value in asks[issue.id]).most_common(1)[0][0]
            new = self._within_limits(issue, new, stated)
            if new != current:
                draft = draft.with_value(issue.id, new)
                moved.append(f"{phrase(issue.label)} {issue.format(new)}")
        deadline = issue_with(observation, Effect.DEADLINE)
        carve_outs = dict(draft.carve_outs)
        granted = []
        if deadline is not None:
            for ally_id, year in sorted(observation.carve_out_requests.items()):
                if float(draft[deadline.id]) < year <= deadline.range[1] and carve_outs.get(ally_id) != year:
                    carve_outs[ally_id] = year
                    granted.append(next(a.name for a in observation.allies if a.id == ally_id))
            carve_outs = {a: y for a, y in carve_outs.items() if y > float(draft[deadline.id])}
            draft = draft.with_carve_outs(carve_outs)
        if not moved and not granted:
            reason = "No one proposed a better package; the draft stands."
        else:
            paths = []
            if granted:
                named = ", ".join(granted[:3]) + (f" and {len(granted) - 3} more" if len(granted) > 3 else "")
                paths = [f"slower paths for {named}" if len(granted) > 1 else f"a slower path for {named}"]
            reason = "To meet the objections: " + "; ".join(moved + paths) + "."
        return TableDraft(self.leader_id, reason, draft=draft)

    @staticmethod
    def _within_limits(issue, value, stated):
        """The value moved inside every limit leaders have stated, where all of them can be met at once."""
        bounds = [(bound, limit) for (_, issue_id), (bound, limit) in stated.items() if issue_id == issue.id]
        if issue.is_range:
            low = max((float(l) for b, l in bounds if b == "at_least"), default=issue.range[0])
            high = min((float(l) for b, l in bounds if b == "at_most"), default=issue.range[1])
            return issue.snap(min(max(float(value), low), high)) if low <= high else value
        refused = {limit for bound, limit in bounds if bound == "not"}
        if value not in refused:
            return value
        return next((option for option in issue.options if option not in refused), value)

    def consult(self, observation: Observation, rng: np.random.Generator) -> Action:
        if observation.round == 1 and observation.legal.get("statement") is None:
            return Statement(self.leader_id, "Article 3: each ally must be able to defend itself. Europe and Canada "
                                             "will spend more, and the United States stays with us.")
        if observation.round == observation.rounds and observation.legal.get("statement") is None:
            return Statement(self.leader_id, "This is our last chance to agree. No deal leaves everyone worse off.")
        return Pass(self.leader_id, "Listens to the allies.")
