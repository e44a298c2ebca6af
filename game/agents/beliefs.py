"""What a leader can work out about the others' limits from the public record.

Nobody sees another leader's positions (unless the scenario plays with full information). What the record
shows is enough to learn from, the way a chair learns a room:

- a stated limit ("Spain can accept a core target up to 3.5%, no further") is taken at its word;
- an objection in the silence procedure says the draft's value was too much or too little on that issue,
  in the direction the objector has been pulling (its amendments, its stated limits, a carve-out request);
- staying silent says the draft was acceptable then, which widens what was believed (leaders concede as
  the rounds pass, so the latest evidence wins).

Beliefs are a fold over the public history (read once per game: see reading.py), so a replayed or loaded
game gives every agent exactly the beliefs it had. Under full information every red line is known from
the start.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from ..engine import Draft, Observation
from ..engine.preferences import grid_combined
from ..scenario import Effect, Issue
from .reading import folded


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
    persistence: np.ndarray  # (leaders x issues): objections on the issue since the leader last let a draft pass

    def row(self, leader_id: str) -> int:
        return self.leader_ids.index(leader_id)

    def assess_grid(self, axes: list[np.ndarray], later: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """For every package of a grid (all combinations of the values on each axis, one axis per issue, as
        positions, in itertools.product order), per leader: (within every limit it has stated? packages x
        leaders, how hard it has been objecting to what the package does, packages x leaders: 0 inside all
        it was seen to accept, else the sum, over the issues where the package goes past that, of the rounds
        it has objected there without letting a draft pass; at least 1 each). `later` (one year per leader,
        -inf for none) is each leader's carve-out: its own deadline is the later of that and the package's.
        Built from one small (values x leaders) table per issue, never a (packages x leaders x issues)
        array."""
        deadline = _column(self.issues, Effect.DEADLINE)
        leaders, dims = len(self.leader_ids), len(axes)
        shape = tuple(len(axis) for axis in axes) + (leaders,)
        hard = np.ones(shape, dtype=bool)
        insistence = np.zeros(shape)
        weight = np.maximum(self.persistence, 1.0)
        for col, axis in enumerate(axes):
            values = np.asarray(axis, dtype=float)[:, None]
            if later is not None and col == deadline:
                values = np.maximum(values, later[None, :])  # (values x leaders): each leader's own deadline
            ok = (values >= self.hard_low[None, :, col] - 1e-9) & (values <= self.hard_high[None, :, col] + 1e-9)
            for row, refused_col, position in self.hard_refused:
                if refused_col == col:
                    ok[:, row] &= values[:, row if values.shape[1] > 1 else 0] != position
            outside = (values < self.low[None, :, col] - 1e-9) | (values > self.high[None, :, col] + 1e-9)
            place = tuple(slice(None) if d == col else None for d in range(dims)) + (slice(None),)
            hard &= ok[place]
            insistence += (outside * weight[None, :, col])[place]
        return hard.reshape(-1, leaders), insistence.reshape(-1, leaders)

    def assess_grid_summed(self, axes: list[np.ndarray], voters: np.ndarray,
                           later: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What the chair needs of assess_grid, without adding up a (packages x leaders) array of insistence:
        (hard as assess_grid's, packages x leaders; inside: where that insistence is 0, packages x leaders;
        insisting: per package, the insistence of the leaders in `voters` (a mask) summed, packages). The same
        numbers as summing assess_grid's: insistence is a sum of whole numbers (rounds of objections), which
        no order of adding changes. assess_grid stays the reference (tests/test_negotiators.py)."""
        deadline = _column(self.issues, Effect.DEADLINE)
        leaders, dims = len(self.leader_ids), len(axes)
        lengths = tuple(len(axis) for axis in axes)
        hard = np.ones(lengths + (leaders,), dtype=bool)
        inside = np.ones(lengths + (leaders,), dtype=bool)
        insisting = np.zeros(lengths)
        weight = np.maximum(self.persistence, 1.0)
        for col, axis in enumerate(axes):
            values = np.asarray(axis, dtype=float)[:, None]
            if later is not None and col == deadline:
                values = np.maximum(values, later[None, :])
            ok = (values >= self.hard_low[None, :, col] - 1e-9) & (values <= self.hard_high[None, :, col] + 1e-9)
            for row, refused_col, position in self.hard_refused:
                if refused_col == col:
                    ok[:, row] &= values[:, row if values.shape[1] > 1 else 0] != position
            outside = (values < self.low[None, :, col] - 1e-9) | (values > self.high[None, :, col] + 1e-9)
            place = tuple(slice(None) if d == col else None for d in range(dims))
            hard &= ok[place + (slice(None),)]
            inside &= ~outside[place + (slice(None),)]
            insisting += (outside * weight[None, :, col])[:, voters].sum(axis=1)[place]
        return hard.reshape(-1, leaders), inside.reshape(-1, leaders), insisting.reshape(-1)

    def assess_grid_packed(self, axes: list[np.ndarray], voters: np.ndarray,
                           later: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """assess_grid_summed for the voters alone, each package's voters packed as bits (packed()): (hard, inside:
        packages x words, bit k of a package's words set where the k-th voter is within every stated limit,
        resp. inside all it was seen to accept; insisting as assess_grid_summed's). What the chair counts, with
        one machine word where there would be 64 booleans."""
        deadline = _column(self.issues, Effect.DEADLINE)
        rows = np.flatnonzero(voters)
        # Every issue's values at once, one row per value (numpy's cost per call, paid per issue, was most of it):
        # each value as each voter lives it, against that voter's limits on the value's issue.
        lengths = [len(axis) for axis in axes]
        issue_of = np.repeat(np.arange(len(axes)), lengths)
        values = np.concatenate([np.asarray(axis, dtype=float) for axis in axes])[:, None]
        if later is not None and deadline is not None:
            values = np.repeat(values, len(rows), axis=1)
            at_deadline = issue_of == deadline
            values[at_deadline] = np.maximum(values[at_deadline], later[rows][None, :])
        ok = (values >= self.hard_low[rows][:, issue_of].T - 1e-9) & (values <= self.hard_high[rows][:, issue_of].T + 1e-9)
        column = {row: index for index, row in enumerate(rows.tolist())}
        for row, refused_col, position in self.hard_refused:
            if row in column:
                at, on = column[row], issue_of == refused_col
                ok[on, at] &= values[on, at if values.shape[1] > 1 else 0] != position
        outside = (values < self.low[rows][:, issue_of].T - 1e-9) | (values > self.high[rows][:, issue_of].T + 1e-9)
        weight = np.maximum(self.persistence[rows], 1.0)
        insisting = (outside * weight[:, issue_of].T).sum(axis=1)
        # Each issue's (values x words) and values entries, joined over the grid (grid_combined) in issue order:
        # the bits and sums broadcasting them into (values per issue, ...) arrays gives, without its short loops.
        cuts = np.cumsum(lengths)[:-1]
        insisting = np.split(insisting, cuts)
        insisting[0] = 0.0 + insisting[0]   # the sum starts from 0, as adding into an array of zeros does
        return (grid_combined(np.bitwise_and, np.split(packed(ok), cuts)),
                grid_combined(np.bitwise_and, np.split(packed(~outside), cuts)), grid_combined(np.add, insisting))

    def closeness_grid(self, axes: list[np.ndarray], columns: list[int]) -> np.ndarray:
        """For every package of a grid (as assess_grid), per leader: how close it comes, by the record, to what
        the leader wants on the issues in `columns` (packages x leaders, 0..1). On an issue where the leader
        has been seen pulling one way, the share of the issue's span between the package's value and the far
        end from that pull; the mean over those issues; 0.5 (no opinion known) where it has pulled on none.
        Built per issue, as assess_grid is."""
        leaders, dims = len(self.leader_ids), len(axes)
        total = np.zeros(tuple(len(axis) for axis in axes) + (leaders,))
        pulled = np.zeros(leaders)
        for col in columns:
            issue = self.issues[col]
            pulls = np.array([self.direction.get((leader_id, issue.id), 0) for leader_id in self.leader_ids])
            low = issue.range[0] if issue.is_range else 0.0
            values = np.asarray(axes[col], dtype=float)[:, None]
            share = (values - low) / issue.span if issue.span else np.full_like(values, 0.5)
            near = np.where(pulls[None, :] > 0, share, 1.0 - share) * (pulls != 0)[None, :]
            total += near[tuple(slice(None) if d == col else None for d in range(dims)) + (slice(None),)]
            pulled += pulls != 0
        return np.where(pulled > 0, total / np.maximum(pulled, 1), 0.5).reshape(-1, leaders)

    def at_the_last_round(self, no_deal, voters: np.ndarray) -> "Beliefs":
        """These beliefs in the last round, when the alternative to the draft is no deal. On a range issue where
        the voters were seen to want what no value gives them all (one refused below what another refused
        above), a voter seen pulling away from the no-deal terms is taken to accept anything between the
        no-deal value and what it was seen to accept: refusing the draft would leave it further from what it
        wants. Where some value suits every voter, and for every stated limit (red line), nothing changes."""
        low, high = self.low.copy(), self.high.copy()
        rows = np.flatnonzero(voters)
        for col, issue in enumerate(self.issues):
            if not issue.is_range or not len(rows):
                continue
            if low[rows, col].max() <= high[rows, col].min() + 1e-9:
                continue   # some value inside what every voter was seen to accept: no deadlock to break
            position = issue.position(no_deal[issue.id])
            for row in rows:
                pull = self.direction.get((self.leader_ids[row], issue.id), 0)
                if pull > 0 and position < low[row, col]:
                    low[row, col] = position
                elif pull < 0 and position > high[row, col]:
                    high[row, col] = position
        return dataclasses.replace(self, low=low, high=high)

    def limit(self, leader_id: str, issue_id: str) -> tuple[float, float]:
        """(low, high) positions one leader is believed to accept on one issue (infinite when unknown)."""
        col = next(index for index, issue in enumerate(self.issues) if issue.id == issue_id)
        row = self.row(leader_id)
        return float(self.low[row, col]), float(self.high[row, col])


def counted(bits: np.ndarray) -> np.ndarray:
    """How many bits are set in each row of packed() words (n x words -> n)."""
    if hasattr(np, "bitwise_count"):   # numpy 2
        return np.bitwise_count(bits).sum(axis=1, dtype=np.int64)
    return _BITS_IN_BYTE[bits.view(np.uint8)].sum(axis=1, dtype=np.int64)


_BITS_IN_BYTE = np.array([bin(byte).count("1") for byte in range(256)], dtype=np.int64)


def packed(mask: np.ndarray) -> np.ndarray:
    """Rows of booleans (n x k) as rows of 64-bit words (n x ceil(k / 64)), bit j of the row's words set where
    column j is True; the bits past k are 0. counted() counts each row's Trues."""
    count = len(mask[0]) if len(mask) else 0
    words = max(1, -(-count // 64))
    bits = np.zeros((len(mask), 8 * words), dtype=np.uint8)
    bits[:, :-(-count // 8)] = np.packbits(mask, axis=1, bitorder="little")
    return bits.view(np.uint64)


def _column(issues, effect: Effect) -> int | None:
    return next((index for index, issue in enumerate(issues) if issue.effect == effect), None)


def _step(issue: Issue) -> float:
    return issue.step if issue.is_range else 1.0


class _Reading:
    """The fold behind read(): what the record has shown so far (game constants only at the start)."""

    def __init__(self, observation: Observation):
        self.issues = observation.issues
        self.leader_ids = tuple(leader.id for leader in observation.leaders)
        self.ally_of = {leader.id: leader.ally for leader in observation.leaders}
        self.rows = {leader_id: row for row, leader_id in enumerate(self.leader_ids)}
        self.cols = {issue.id: col for col, issue in enumerate(self.issues)}
        self.pen_holder = observation.pen_holder
        shape = (len(self.leader_ids), len(self.issues))
        self.low, self.high = np.full(shape, -np.inf), np.full(shape, np.inf)
        self.hard_low, self.hard_high = np.full(shape, -np.inf), np.full(shape, np.inf)
        self.hard_refused: set[tuple[int, int, float]] = set()
        self.direction: dict[tuple[str, str], int] = {}
        self.accepted: dict[tuple[int, int], float] = {}  # the value each leader last let through
        self.persistence = np.zeros(shape)
        deadline = _column(self.issues, Effect.DEADLINE)
        self.deadline_id = self.issues[deadline].id if deadline is not None else None
        self.draft = observation.status_quo
        self.changed_by = observation.red_lines_changed_by

    def seen(self, leader_id: str, issue: Issue) -> float:
        """The draft's value as this leader lives it: its carve-out year stands in for the deadline."""
        ally = self.ally_of.get(leader_id)
        if issue.id == self.deadline_id and ally and self.draft.carve_out(ally):
            return float(self.draft.carve_out(ally))
        return issue.position(self.draft[issue.id])

    def feed(self, entry) -> None:
        if entry.type == "event":
            self._forget(entry.record.get("event"))
        if entry.type != "action":
            return
        action, actor = entry.record["action"], entry.actor
        kind, row = action["kind"], self.rows[actor]
        if kind == "table":
            self.draft = Draft.from_json(action["draft"])
        elif kind == "amend":
            issue = self.issues[self.cols[action["issue"]]]
            if actor == self.pen_holder:
                self.draft = self.draft.amended(issue.id, action["value"], self.deadline_id)
            elif issue.position(action["value"]) != self.seen(actor, issue):
                self.direction[(actor, issue.id)] = 1 if issue.position(action["value"]) > self.seen(actor, issue) else -1
        elif kind == "carve_out" and self.deadline_id is not None:
            self.direction[(actor, self.deadline_id)] = 1
        elif kind == "statement" and action.get("bound"):
            col = self.cols[action["issue"]]
            position = self.issues[col].position(action["limit"])
            if action["bound"] == "at_most":
                self.hard_high[row, col], self.direction[(actor, self.issues[col].id)] = position, -1
            elif action["bound"] == "at_least":
                self.hard_low[row, col], self.direction[(actor, self.issues[col].id)] = position, 1
            else:
                self.hard_refused.add((row, col, position))
        elif kind == "break_silence" and action["issue"] in self.cols:
            self._objection(actor, row, self.cols[action["issue"]], action.get("wants"))
        elif kind == "pass" and entry.phase == "silence":
            self.persistence[row] = 0
            for col, issue in enumerate(self.issues):
                value = self.seen(actor, issue)
                self.accepted[(row, col)] = value
                self.low[row, col] = min(self.low[row, col], value)
                self.high[row, col] = max(self.high[row, col], value)

    def _forget(self, event_id: str | None) -> None:
        """An event changed some leaders' red lines: what they stated and objected to on those issues before it
        no longer tells what they accept now."""
        for leader_id, issue_id in self.changed_by(event_id) if event_id else ():
            row, col = self.rows[leader_id], self.cols[issue_id]
            self.hard_low[row, col], self.hard_high[row, col] = -np.inf, np.inf
            self.hard_refused = {(r, c, p) for r, c, p in self.hard_refused if (r, c) != (row, col)}
            self.low[row, col], self.high[row, col] = -np.inf, np.inf
            self.persistence[row, col] = 0

    def _objection(self, actor: str, row: int, col: int, wants: str | None) -> None:
        issue = self.issues[col]
        value = self.seen(actor, issue)
        pull = _pull(issue, value, wants)
        if pull is None:
            pull = self.direction.get((actor, issue.id))
        if pull is None and (row, col) in self.accepted and self.accepted[(row, col)] != value:
            pull = 1 if self.accepted[(row, col)] > value else -1
        if pull is not None:
            self.direction[(actor, issue.id)] = pull
        self.persistence[row, col] += 1
        if pull == -1:
            self.high[row, col] = value - _step(issue)
            self.low[row, col] = min(self.low[row, col], self.high[row, col])
        elif pull == 1:
            self.low[row, col] = value + _step(issue)
            self.high[row, col] = max(self.high[row, col], self.low[row, col])

    def beliefs(self, observation: Observation) -> Beliefs:
        hard_low, hard_high = self.hard_low.copy(), self.hard_high.copy()
        hard_refused = set(self.hard_refused)
        everyone = observation.everyones_preferences()
        if everyone is not None:
            # Full information: every red line is known as it stands now, stated or not.
            hard_low, hard_high = np.maximum(hard_low, everyone.low), np.minimum(hard_high, everyone.high)
            hard_refused |= {(row, col, position) for (row, col), options in everyone.forbidden.items()
                             for position in options}
        # What was seen lately never reaches past a stated limit.
        low = np.minimum(np.maximum(self.low, hard_low), hard_high)
        high = np.maximum(np.minimum(self.high, hard_high), hard_low)
        return Beliefs(self.leader_ids, self.issues, low, high, hard_low, hard_high, frozenset(hard_refused),
                       dict(self.direction), self.persistence.copy())


def read(observation: Observation) -> Beliefs:
    """Everything this leader can infer about the others' limits from what it has seen so far."""
    return folded("beliefs", observation, _Reading).beliefs(observation)


def directions(observation: Observation) -> dict[tuple[str, str], int]:
    """read(observation).direction without the rest of Beliefs: the way each leader was last seen pulling on
    each issue, (leader, issue) -> +1 more, -1 less. The record's own table: read it now, do not keep or change
    it (it goes on growing with the record)."""
    return folded("beliefs", observation, _Reading).direction


def _pull(issue: Issue, value: float, wants: str | None) -> int | None:
    """The direction an objection's `wants` names, if any."""
    if wants == "more":
        return 1
    if wants == "less":
        return -1
    if wants is not None and not issue.is_range and wants in issue.options:
        return 1 if issue.position(wants) > value else -1
    return None
