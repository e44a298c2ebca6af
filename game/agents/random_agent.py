"""A baseline that picks uniformly among the kinds of action legal now, with random details.
It shows what play without a strategy looks like, and tests the rules against every kind of move."""

from __future__ import annotations

import numpy as np

from ..engine import (Action, Amend, AskCarveOut, BilateralObservation, BreakSilence, Draft, Observation, Offer,
                      Pass, Pledge, Promise, Respond, Statement, TableDraft, Threat)
from ..scenario import Effect
from ..engine.said import voiced
from .base import BaseAgent, issue_with


def _random_value(issue, rng):
    grid = issue.grid()
    return grid[int(rng.integers(len(grid)))]


class RandomAgent(BaseAgent):
    name = "random"
    description = "Baseline: a random legal move each turn."

    def act(self, observation: Observation, rng: np.random.Generator) -> Action:
        if isinstance(observation, BilateralObservation):
            return self._bargain(observation, rng)
        kinds = sorted(kind for kind, why in observation.legal.items() if why is None)
        for _ in range(8):
            action = self._attempt(observation, kinds[int(rng.integers(len(kinds)))], rng)
            if action is not None:
                return action
        return Pass(self.leader_id, voiced("Chooses to wait."))

    def _attempt(self, observation: Observation, kind: str, rng) -> Action | None:
        me = self.leader_id
        if kind == "table":
            return TableDraft(me, voiced("A random draft."), draft=Draft.of({i.id: _random_value(i, rng) for i in observation.issues}))
        if kind == "amend":
            issue = observation.issues[int(rng.integers(len(observation.issues)))]
            value = _random_value(issue, rng)
            return None if value == observation.draft[issue.id] else Amend(me, voiced("A random amendment."), issue=issue.id, value=value)
        targets = [l.id for l in observation.leaders if l.ally is not None and l.id != me]
        if kind in ("promise", "threat") and targets:
            cls = Promise if kind == "promise" else Threat
            return cls(me, voiced("A random offer."), target=targets[int(rng.integers(len(targets)))], demand=round(float(rng.uniform(1, 5)), 1))
        if kind == "pledge":
            level = round(float(rng.uniform(1, 6)), 1)
            previous = observation.pledges.get(observation.ally.id)
            if previous and level < previous[0]:
                return None
            year = int(rng.integers(observation.year + 1, observation.year + 15))
            if previous and (year > previous[1] or (level, year) == previous):
                return None
            return Pledge(me, voiced("A random pledge."), level=level, year=year)
        if kind == "carve_out":
            deadline = issue_with(observation, Effect.DEADLINE)
            low, high = int(observation.draft[deadline.id]) + 1, int(deadline.range[1])
            return AskCarveOut(me, voiced("A random request."), year=int(rng.integers(low, high + 1)))
        if kind == "statement":
            return Statement(me, voiced("Says something random."))
        if kind == "break_silence":
            ids = [i.id for i in observation.issues]
            return BreakSilence(me, voiced("A random objection."), issue=ids[int(rng.integers(len(ids)))])
        return Pass(me, voiced("A random pass."))

    def _bargain(self, observation: BilateralObservation, rng) -> Action:
        """Bilateral protocol: a share drawn from the issue's grid, or a coin toss on the offer."""
        if observation.legal.get("offer") is None:
            return Offer(self.leader_id, voiced("A random split."), share=float(_random_value(observation.issue, rng)))
        return Respond(self.leader_id, voiced("A random answer."), accept=bool(rng.random() < 0.5))
