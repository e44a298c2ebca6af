"""What a leader can work out about the others' limits from the public record.

Nobody sees another leader's positions (unless the scenario plays with full information). What the record
shows is enough to learn from, the way a chair learns a room:

- a stated limit ("Spain can accept a core target up to 3.5%, no further") is taken at its word;
- an objection in the silence procedure says the draft's value was too much or too little on that issue,
  in the direction the objector has been pulling (its amendments, its stated limits, a carve-out request);
- staying silent says the draft was acceptable then, which widens what was believed (leaders concede as
  the rounds pass, so the latest evidence wins).

Beliefs are rebuilt from the observation at every decision, never kept between moves, so a replayed or
loaded game gives every agent exactly the beliefs it had. Under full information the red lines are known
from the start and the direction of every objection from the objector's ideal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..engine import Draft, Observation
from ..scenario import Effect, Issue


@dataclass(frozen=True)
class Beliefs:
    """Believed limits per leader (rows, in the scenario's leader order) and issue (columns), as positions
    (Issue.position: a range issue's value, an option's index in its list, since positions are taken to
    be single-peaked on either kind). Two layers: `low`/`high` is what the leader has been seen to accept
    and refuse lately, its aspiration at work; `hard_low`/`hard_high` and `hard_refused` are the limits it
    has stated, its red lines. `direction` is the way each leader was last seen pulling: +1 more, -1 less."""

    leader_ids: tuple[str, ...]
    issues: tuple[Issue, ...]
    low: np.ndarray
    high: np.ndarray
    hard_low: np.ndarray
    hard_high: np.ndarray
    hard_refused: frozenset[tuple[int, int, float]]
    direction: dict[tuple[str, str], int]

    def row(self, leader_id: str) -> int:
        return self.leader_ids.index(leader_id)

    def support(self, candidates: np.ndarray, own_deadline: np.ndarray | None = None,
                soft: float = 0.5) -> np.ndarray:
        """(candidates x leaders), how likely each leader is to accept each candidate package (positions,
        candidates x issues): 1 inside everything it is believed to accept, 0 past a limit it has stated,
        `soft` where it only objected lately (aspirations fall, so such objections can fade).
        own_deadline (candidates x leaders), when given, replaces the deadline column by each leader's own
        deadline (its carve-out year)."""
        view = np.repeat(candidates[:, None, :], len(self.leader_ids), axis=1)
        deadline = _column(self.issues, Effect.DEADLINE)
        if own_deadline is not None and deadline is not None:
            view[:, :, deadline] = own_deadline
        hard = ((view >= self.hard_low[None] - 1e-9) & (view <= self.hard_high[None] + 1e-9)).all(axis=2)
        for row, col, position in self.hard_refused:
            hard[:, row] &= view[:, row, col] != position
        inside = ((view >= self.low[None] - 1e-9) & (view <= self.high[None] + 1e-9)).all(axis=2)
        return np.where(hard, np.where(inside, 1.0, soft), 0.0)

    def limit(self, leader_id: str, issue_id: str) -> tuple[float, float]:
        """(low, high) positions one leader is believed to accept on one issue (infinite when unknown)."""
        col = next(index for index, issue in enumerate(self.issues) if issue.id == issue_id)
        row = self.row(leader_id)
        return float(self.low[row, col]), float(self.high[row, col])


def _column(issues, effect: Effect) -> int | None:
    return next((index for index, issue in enumerate(issues) if issue.effect == effect), None)


def _step(issue: Issue) -> float:
    return issue.step if issue.is_range else 1.0


def read(observation: Observation) -> Beliefs:
    """Everything this leader can infer about the others' limits from what it has seen so far."""
    issues = observation.issues
    leader_ids = tuple(leader.id for leader in observation.leaders)
    ally_of = {leader.id: leader.ally for leader in observation.leaders}
    rows = {leader_id: row for row, leader_id in enumerate(leader_ids)}
    cols = {issue.id: col for col, issue in enumerate(issues)}
    shape = (len(leader_ids), len(issues))
    low, high = np.full(shape, -np.inf), np.full(shape, np.inf)
    hard_low, hard_high = np.full(shape, -np.inf), np.full(shape, np.inf)
    hard_refused: set[tuple[int, int, float]] = set()
    direction: dict[tuple[str, str], int] = {}
    accepted: dict[tuple[int, int], float] = {}  # the value each leader last let through
    everyone = observation.everyones_preferences()
    if everyone is not None:
        hard_low, hard_high = everyone.low.copy(), everyone.high.copy()
        hard_refused = {(row, col, position) for (row, col), options in everyone.forbidden.items() for position in options}
    deadline = _column(issues, Effect.DEADLINE)
    deadline_id = issues[deadline].id if deadline is not None else None
    draft = observation.status_quo

    def seen(leader_id: str, issue: Issue) -> float:
        """The draft's value as this leader lives it: its carve-out year stands in for the deadline."""
        if issue.id == deadline_id and ally_of.get(leader_id) and draft.carve_out(ally_of[leader_id]):
            return float(draft.carve_out(ally_of[leader_id]))
        return issue.position(draft[issue.id])

    for entry in observation.history:
        if entry.type != "action":
            continue
        action, actor = entry.data["action"], entry.actor
        kind, row = action["kind"], rows[actor]
        if kind == "table":
            draft = Draft.from_json(action["draft"])
        elif kind == "amend":
            issue = issues[cols[action["issue"]]]
            if actor == observation.pen_holder:
                draft = draft.amended(issue.id, action["value"], deadline_id)
            elif issue.position(action["value"]) != seen(actor, issue):
                direction[(actor, issue.id)] = 1 if issue.position(action["value"]) > seen(actor, issue) else -1
        elif kind == "carve_out" and deadline_id is not None:
            direction[(actor, deadline_id)] = 1
        elif kind == "statement" and action.get("bound"):
            col = cols[action["issue"]]
            position = issues[col].position(action["limit"])
            if action["bound"] == "at_most":
                hard_high[row, col], direction[(actor, issues[col].id)] = position, -1
            elif action["bound"] == "at_least":
                hard_low[row, col], direction[(actor, issues[col].id)] = position, 1
            else:
                hard_refused.add((row, col, position))
        elif kind == "break_silence" and action["issue"] in cols:
            col = cols[action["issue"]]
            issue = issues[col]
            value = seen(actor, issue)
            pull = _pull(issue, value, action.get("wants"))
            if pull is None:
                pull = direction.get((actor, issue.id))
            if pull is None and (row, col) in accepted and accepted[(row, col)] != value:
                pull = 1 if accepted[(row, col)] > value else -1
            if pull is None and everyone is not None:
                pull = int(np.sign(everyone.ideal[row, col] - value)) or None
            if pull is not None:
                direction[(actor, issue.id)] = pull
            if pull == -1:
                high[row, col] = value - _step(issue)
                low[row, col] = min(low[row, col], high[row, col])
            elif pull == 1:
                low[row, col] = value + _step(issue)
                high[row, col] = max(high[row, col], low[row, col])
        elif kind == "pass" and entry.phase == "silence":
            for col, issue in enumerate(issues):
                value = seen(actor, issue)
                accepted[(row, col)] = value
                low[row, col] = min(low[row, col], value)
                high[row, col] = max(high[row, col], value)
    # What was seen lately never reaches past a stated limit.
    low = np.minimum(np.maximum(low, hard_low), hard_high)
    high = np.maximum(np.minimum(high, hard_high), hard_low)
    return Beliefs(leader_ids, issues, low, high, hard_low, hard_high, frozenset(hard_refused), direction)


def _pull(issue: Issue, value: float, wants: str | None) -> int | None:
    """The direction an objection's `wants` names, if any."""
    if wants == "more":
        return 1
    if wants == "less":
        return -1
    if wants is not None and not issue.is_range and wants in issue.options:
        return 1 if issue.position(wants) > value else -1
    return None
