"""Leaders' preferences as arrays, so a draft or thousands of candidate drafts are scored at once.

Utility of a draft for a leader = sum over issues of (normalised weight) x (satisfaction), where
satisfaction = 1 - |value - ideal| / span (options count as positions 0, 1, 2, ... in their listed
order), or, where the scenario rates every option for the leader (`values`, schema 2), that option's worth.
A red line is a hard limit: a draft that crosses one is unacceptable whatever its utility, unless it is
linked to another issue (`unless`, schema 2) and the draft meets that condition there.
A member's deadline is its own: the carve-out year if the draft gives it one. Every carve-out the draft
grants to another ally costs each ally that pays on time (no carve-out of its own), the US included, the
scenario's `carve_out_cost` in utility: resentment of free riding.
"""

from __future__ import annotations

import numpy as np

from ..scenario import Effect, Scenario
from .draft import Draft

Override = tuple[tuple[str, str, str], float | str]  # ((leader, issue, field), value)
CHUNK = 4096   # candidate packages scored for every leader at a time (memory: CHUNK x leaders x issues floats)
ADDED_IN_ORDER = 8   # numpy sums a row of fewer numbers than this one by one, left to right (see grid_sum)


def grid_sum(parts: list[np.ndarray]) -> np.ndarray:
    """For every package of a grid (every combination of one value per issue, in itertools.product order), the
    sum of its issues' terms, `parts[col]` holding issue col's term for each of its values: what building the
    (packages x issues) array of terms and summing its rows gives, to the last bit. Below ADDED_IN_ORDER issues
    numpy adds a row's terms one by one from the left, so the grid is summed so (grid_combined: each package's
    terms added in issue order, never the packages x issues array); from ADDED_IN_ORDER on, numpy adds
    pairwise, and the array is built and summed."""
    dims = len(parts)
    if dims >= ADDED_IN_ORDER:
        grid = np.meshgrid(*[np.asarray(part, dtype=float) for part in parts], indexing="ij")
        return np.stack(grid, axis=-1).reshape(-1, dims).sum(axis=1)
    return grid_combined(np.add, [np.asarray(part, dtype=float) for part in parts])


FEW_VALUES = 6   # an issue with at most this many values joins a grid value by value (grid_combined)


def grid_combined(operation: np.ufunc, parts: list[np.ndarray]) -> np.ndarray:
    """For every package of a grid (every combination of one value per issue, in itertools.product order),
    `operation` (np.add, np.bitwise_and: a ufunc of two arguments) of its issues' entries, taken in issue
    order from the left: parts[col] holds issue col's entry for each of its values (values, or values x k: then
    packages x k). Each package gets the same operations, in the same order, as broadcasting every issue's
    entries over the (values per issue, ...) grid would give it, so the same bits; but the grid is built issue
    by issue as (packages so far x values) tables, and an issue with few values is joined one value at a time
    (a few long loops), where broadcasting would run one short loop per package so far."""
    total = parts[0]
    for part in parts[1:]:
        if len(part) <= FEW_VALUES:
            joined = np.empty((len(total), len(part)) + part.shape[1:], dtype=np.result_type(total, part))
            for index in range(len(part)):
                operation(total, part[index], out=joined[:, index])
        else:
            joined = operation(total[:, None], part[None, :])
        total = joined.reshape((-1,) + part.shape[1:])
    return total if len(parts) > 1 else total.copy()


class Preferences:
    def __init__(self, scenario: Scenario, overrides: tuple[Override, ...] = (), shared: dict | None = None,
                 previous: "Preferences | None" = None):
        """`shared` (a game's: Game.preferences) keeps each leader's own view (own()) across the tables of one
        scenario under different events, by the changes the events made to that leader: a leader the events
        left alone keeps its view, and the drafts it has judged. `previous`, a table of the same scenario under
        other changes, lends the rows of the leaders whose own changes are the same in both (each row depends on
        its leader's changes alone), so only the others' rows are worked out: the same numbers to the last bit."""
        self.scenario = scenario
        self._overrides = overrides
        self._shared = {} if shared is None else shared
        self.issue_ids = tuple(issue.id for issue in scenario.issues)
        self.leader_ids = tuple(leader.id for leader in scenario.leaders)
        n_leaders, n_issues = len(self.leader_ids), len(self.issue_ids)
        changes = dict(overrides)
        self.span = np.array([issue.span for issue in scenario.issues], dtype=float)
        cols = {issue.id: col for col, issue in enumerate(scenario.issues)}
        if previous is not None and previous.scenario is scenario:
            self._lent(previous, changes, cols)
        else:
            self.ideal = np.zeros((n_leaders, n_issues))
            weight = np.zeros((n_leaders, n_issues))
            self.low = np.full((n_leaders, n_issues), -np.inf)
            self.high = np.full((n_leaders, n_issues), np.inf)
            self.forbidden: dict[tuple[int, int], frozenset[float]] = {}
            # (row, col) -> each option's worth, by position, where the scenario rates every option for the leader
            self.tables: dict[tuple[int, int], np.ndarray] = {}
            # red lines that hold only while a condition on another issue does not: kept apart from low/high/forbidden
            self.linked: list[_Linked] = []
            for row, leader in enumerate(scenario.leaders):
                self._fill(row, row, leader, changes, cols, weight)
            totals = weight.sum(axis=1, keepdims=True)
            self.weight = np.divide(weight, totals, out=np.zeros_like(weight), where=totals > 0)
        deadline = scenario.issue_with(Effect.DEADLINE)
        self.deadline_col = self.issue_ids.index(deadline.id) if deadline else None
        self.ally_of = tuple(leader.ally for leader in scenario.leaders)
        self.carve_out_cost = float(scenario.carve_out_cost)
        self._rows = {leader_id: row for row, leader_id in enumerate(self.leader_ids)}
        # Agents ask about the same few drafts (the one on the table, no deal) many times a round: one
        # Preferences lives as long as its game and its events, so the answers are kept (drafts are values).
        self._encoded: dict[Draft, np.ndarray] = {}
        self._owners: dict[int, OwnPreferences] = {}   # row -> that leader's own view, made when first asked
        self._judged: set[tuple] = set()   # (draft, leader ids) judged together already (judge_together)

    def _fill(self, row: int, at: int, leader, changes: dict, cols: dict, weight: np.ndarray) -> None:
        """Work out one leader's row (ideal, low, high, forbidden, tables, linked at `row`) under the changes, its
        weights not yet normalised into weight[at]."""
        scenario = self.scenario
        for col, issue in enumerate(scenario.issues):
            position = leader.positions.get(issue.id)
            if position is None:
                continue
            ideal = changes.get((leader.id, issue.id, "ideal"), position.ideal)
            raw = changes.get((leader.id, issue.id, "weight"), position.weight)
            red_line = changes.get((leader.id, issue.id, "red_line"), position.red_line)
            self.ideal[row, col] = issue.position(ideal)
            weight[at, col] = max(0.0, float(raw))
            values = changes.get((leader.id, issue.id, "values"))   # an event's new ratings (pairs)
            values = dict(values) if values is not None else position.values
            if values and not issue.is_range:
                self.tables[(row, col)] = np.array([float(values[option]) for option in issue.options])
            if red_line is None:
                continue
            low, high, forbidden = -np.inf, np.inf, frozenset()
            if issue.is_range:
                if red_line > ideal:
                    high = red_line
                else:
                    low = red_line
            else:
                lines = red_line if isinstance(red_line, tuple) else (red_line,)
                forbidden = frozenset(issue.position(option) for option in lines)
            if position.unless is not None and position.unless.issue in cols:
                other = scenario.issue(position.unless.issue)
                self.linked.append(_Linked(row, col, low, high, forbidden, cols[other.id],
                                           _condition(other, position.unless)))
                continue
            self.low[row, col], self.high[row, col] = low, high
            if forbidden:
                self.forbidden[(row, col)] = forbidden

    def _lent(self, previous: "Preferences", changes: dict, cols: dict) -> None:
        """The table from `previous`'s: its rows where a leader's own changes are the same, the others worked out
        (_fill) and normalised as the whole table is; the entries of forbidden, tables and linked in row order,
        as a table worked out from nothing has them."""
        mine, theirs = _by_leader(self._overrides), _by_leader(previous._overrides)
        redone = [row for row, leader_id in enumerate(self.leader_ids) if mine.get(leader_id) != theirs.get(leader_id)]
        self.ideal, self.low, self.high = previous.ideal.copy(), previous.low.copy(), previous.high.copy()
        self.weight = previous.weight.copy()
        if not redone:
            self.forbidden, self.tables, self.linked = dict(previous.forbidden), dict(previous.tables), list(previous.linked)
            return
        again = set(redone)
        self.forbidden = {key: value for key, value in previous.forbidden.items() if key[0] not in again}
        self.tables = {key: value for key, value in previous.tables.items() if key[0] not in again}
        self.linked = [link for link in previous.linked if link.row not in again]
        self.ideal[redone], self.low[redone], self.high[redone] = 0.0, -np.inf, np.inf
        weight = np.zeros((len(redone), len(self.issue_ids)))
        for at, row in enumerate(redone):
            self._fill(row, at, self.scenario.leaders[row], changes, cols, weight)
        # Each row is summed and divided alone (fewer than ADDED_IN_ORDER issues or not, a row's sum is the same
        # in a table of some rows as in the whole one)
        totals = weight.sum(axis=1, keepdims=True)
        self.weight[redone] = np.divide(weight, totals, out=np.zeros_like(weight), where=totals > 0)
        self.forbidden = dict(sorted(self.forbidden.items(), key=lambda item: item[0]))
        self.tables = dict(sorted(self.tables.items(), key=lambda item: item[0]))
        self.linked.sort(key=lambda link: (link.row, link.col))

    def row(self, leader_id: str) -> int:
        return self._rows[leader_id]

    def encode(self, draft: Draft) -> np.ndarray:
        """A draft's values as positions, one per issue (read-only: the array is shared)."""
        return _encode(self._encoded, self.scenario.issues, draft)

    def own_view(self, draft: Draft) -> np.ndarray:
        """(leaders x issues): the draft as each leader lives it (its own carve-out deadline)."""
        base = np.tile(self.encode(draft), (len(self.leader_ids), 1))
        if self.deadline_col is not None:
            carve_outs = dict(draft.carve_outs)
            for row, ally in enumerate(self.ally_of):
                if ally in carve_outs:
                    base[row, self.deadline_col] = carve_outs[ally]
        return base

    def satisfaction(self, positions: np.ndarray) -> np.ndarray:
        """Per-issue satisfaction of every leader (leaders x issues) with the draft as each lives it (positions,
        leaders x issues)."""
        satisfaction = 1.0 - np.abs(positions - self.ideal) / self.span
        for (row, col), table in self.tables.items():
            satisfaction[row, col] = table[int(positions[row, col])]
        return satisfaction

    def utilities(self, draft: Draft) -> np.ndarray:
        """Every leader's utility (0..1) for a draft, carve-outs included (and their cost to those who pay)."""
        utilities = (self.weight * self.satisfaction(self.own_view(draft))).sum(axis=1)
        if draft.carve_outs and self.carve_out_cost:
            carved = dict(draft.carve_outs)
            utilities = utilities - np.array([free_riding(self.carve_out_cost, carved, ally) for ally in self.ally_of])
        return utilities

    def own(self, leader_id: str) -> "OwnPreferences":
        """One leader's own preferences, holding nothing about anyone else: what its observation carries."""
        row = self._rows[leader_id]
        owner = self._owners.get(row)
        if owner is None:
            # Its row depends on its own changes alone (positions, weights and ratings are each leader's own).
            key = (leader_id, tuple(change for change in self._overrides if change[0][0] == leader_id))
            owner = self._shared.get(key)
            if owner is None:
                owner = self._shared[key] = OwnPreferences(self, row)
            self._owners[row] = owner
        return owner

    def judge_together(self, draft: Draft, leader_ids) -> None:
        """Each leader's own terms of one draft (utility, losses, crossed) in one (leaders x issues) evaluation,
        kept in each leader's own view for it to read. The same numbers as asking leader by leader: every step is
        elementwise, and a C-ordered array's row sums are the row-by-row sums (tests/test_phase_at_once.py)."""
        asked = (draft, tuple(leader_ids))
        if asked in self._judged:   # every one of them has kept it (an owner's answers are never forgotten)
            return
        self._judged.add(asked)
        owners = [owner for owner in (self.own(leader_id) for leader_id in leader_ids) if draft not in owner.known]
        if len(owners) < 2:
            return
        rows = [owner.row for owner in owners]
        views = self.own_view(draft)[rows]
        satisfaction = 1.0 - np.abs(views - self.ideal[rows]) / self.span
        for index, owner in enumerate(owners):
            for col, table in owner.tables:
                satisfaction[index, col] = table[int(views[index, col])]
        weight = self.weight[rows]
        losses = weight * (1.0 - satisfaction)
        losses.setflags(write=False)
        utilities = (weight * satisfaction).sum(axis=1)
        outside = (views < self.low[rows]) | (views > self.high[rows])
        for index, owner in enumerate(owners):
            owner.keep(draft, views[index], float(utilities[index]), losses[index], outside[index])

    def utility(self, draft: Draft, leader_id: str) -> float:
        return self.own(leader_id).terms(draft)[0]

    def candidate_utility(self, candidates: np.ndarray, leader_id: str) -> np.ndarray:
        """One leader's utility of candidate drafts given as positions (candidates x issues)."""
        return self.own(leader_id).candidate_utility(candidates)

    def candidate_utilities(self, candidates: np.ndarray) -> np.ndarray:
        """(candidates x leaders) utilities of candidate drafts given as positions (candidates x issues),
        ignoring carve-outs. Worked out 4,096 candidates at a time: a (candidates x leaders x issues) array of
        every package `inspect` examines would take gigabytes at the largest scenario allowed."""
        utilities = np.empty((len(candidates), len(self.leader_ids)))
        for start in range(0, len(candidates), CHUNK):
            part = candidates[start:start + CHUNK]
            satisfaction = 1.0 - np.abs(part[:, None, :] - self.ideal[None, :, :]) / self.span
            for (row, col), table in self.tables.items():
                satisfaction[:, row, col] = table[part[:, col].astype(int)]
            utilities[start:start + CHUNK] = (satisfaction * self.weight[None, :, :]).sum(axis=2)
        return utilities

    def candidate_acceptable(self, candidates: np.ndarray) -> np.ndarray:
        """(candidates x leaders): True where no red line is crossed (carve-outs ignored)."""
        ok = ((candidates[:, None, :] >= self.low[None]) & (candidates[:, None, :] <= self.high[None])).all(axis=2)
        for (row, col), options in self.forbidden.items():
            ok[:, row] &= ~np.isin(candidates[:, col], list(options))
        for link in self.linked:
            ok[:, link.row] &= ~(link.crosses(candidates[:, link.col]) & ~link.lifted(candidates[:, link.other]))
        return ok

    def crossed(self, draft: Draft, leader_id: str) -> tuple[str, ...]:
        """Issues on which the draft crosses this leader's red lines."""
        return self.own(leader_id).terms(draft)[2]

    def losses(self, draft: Draft, leader_id: str) -> np.ndarray:
        """Weighted utility lost on each issue against the leader's ideal (read-only: the array is shared)."""
        return self.own(leader_id).terms(draft)[1]


class OwnPreferences:
    """One leader's own preferences (its row of everything in Preferences: ideal, weight, red lines, linked red
    lines, rated options) and its answers so far, and nothing about any other leader: an agent's observation
    carries this, never the Preferences of the whole table. Drafts are encoded through the table's shared cache
    of encodings (drafts are public)."""

    __slots__ = ("row", "ideal", "weight", "low", "high", "forbidden", "tables", "linked", "span", "issue_ids",
                 "deadline_col", "ally", "carve_out_cost", "known", "_encoded", "_issues")

    def __init__(self, table: Preferences, row: int):
        self.row = row
        self.ideal, self.weight = table.ideal[row].copy(), table.weight[row].copy()
        self.low, self.high = table.low[row].copy(), table.high[row].copy()
        for array in (self.ideal, self.weight, self.low, self.high):
            array.setflags(write=False)
        self.forbidden = {col: options for (at, col), options in table.forbidden.items() if at == row}
        self.tables = tuple((col, values) for (at, col), values in table.tables.items() if at == row)
        self.linked = tuple(link for link in table.linked if link.row == row)
        self.span, self.issue_ids, self.deadline_col = table.span, table.issue_ids, table.deadline_col
        self.ally, self.carve_out_cost = table.ally_of[row], table.carve_out_cost
        self.known: dict[Draft, tuple[float, np.ndarray, tuple[str, ...]]] = {}
        self._encoded, self._issues = table._encoded, table.scenario.issues

    def encode(self, draft: Draft) -> np.ndarray:
        return _encode(self._encoded, self._issues, draft)

    def view(self, draft: Draft) -> np.ndarray:
        """The draft as this leader lives it (its own carve-out deadline), as positions."""
        view = self.encode(draft)
        if self.deadline_col is not None and self.ally is not None and draft.carve_outs and draft.carve_out(self.ally):
            view = view.copy()
            view[self.deadline_col] = draft.carve_out(self.ally)
        return view

    def satisfaction(self, positions: np.ndarray) -> np.ndarray:
        """Satisfaction per issue with drafts given as positions (... x issues)."""
        satisfaction = 1.0 - np.abs(positions - self.ideal) / self.span
        for col, table in self.tables:
            satisfaction[..., col] = table[positions[..., col].astype(int)]
        return satisfaction

    def terms(self, draft: Draft) -> tuple[float, np.ndarray, tuple[str, ...]]:
        """(utility, weighted loss per issue, issues whose red line is crossed) of a draft."""
        known = self.known.get(draft)
        if known is None:
            view = self.view(draft)
            satisfaction = self.satisfaction(view)
            losses = self.weight * (1.0 - satisfaction)
            losses.setflags(write=False)
            known = self.keep(draft, view, float((self.weight * satisfaction).sum()), losses,
                              (view < self.low) | (view > self.high))
        return known

    def keep(self, draft: Draft, view: np.ndarray, utility: float, losses: np.ndarray, outside: np.ndarray) -> tuple:
        """Keep a draft's terms worked out here or with the whole table (Preferences.judge_together)."""
        linked = {link.col for link in self.linked if link.crosses(view[link.col]) and not link.lifted(view[link.other])}
        crossed = tuple(self.issue_ids[col] for col in range(len(self.issue_ids))
                        if outside[col] or view[col] in self.forbidden.get(col, ()) or col in linked)
        if draft.carve_outs and self.carve_out_cost:
            utility -= free_riding(self.carve_out_cost, dict(draft.carve_outs), self.ally)
        known = self.known[draft] = (utility, losses, crossed)
        return known

    def candidate_utility(self, candidates: np.ndarray) -> np.ndarray:
        """Utility of candidate drafts given as positions (candidates x issues), carve-outs aside."""
        return (self.satisfaction(candidates) * self.weight).sum(axis=1)

    def grid_utility(self, axes: list) -> np.ndarray:
        """candidate_utility of every package of a grid (one list of positions per issue, every combination in
        itertools.product order), to the last bit, without the (packages x issues) array (grid_sum)."""
        terms = []
        for col, axis in enumerate(axes):
            positions = np.asarray(axis, dtype=float)
            satisfaction = 1.0 - np.abs(positions - self.ideal[col]) / self.span[col]
            for table_col, table in self.tables:
                if table_col == col:
                    satisfaction = table[positions.astype(int)]
            terms.append(satisfaction * self.weight[col])
        return grid_sum(terms)


def _by_leader(overrides: tuple) -> dict[str, tuple]:
    """Each leader's own changes among a table's (in their order)."""
    grouped: dict[str, tuple] = {}
    for change in overrides:
        grouped[change[0][0]] = grouped.get(change[0][0], ()) + (change,)
    return grouped


def free_riding(cost: float, carved: dict, ally: str | None) -> float:
    """What the carve-outs of others (`carved`: ally -> year) cost an ally that pays on time (0 for one with a
    carve-out of its own, and for the Secretary General)."""
    if ally is None or ally in carved:
        return 0.0
    return cost * len(carved)


def _encode(kept: dict, issues, draft: Draft) -> np.ndarray:
    """A draft's values as positions, one per issue, kept per draft (read-only: the array is shared)."""
    encoded = kept.get(draft)
    if encoded is None:
        values = draft.as_dict()
        encoded = np.array([issue.position(values[issue.id]) for issue in issues], dtype=float)
        encoded.setflags(write=False)
        kept[draft] = encoded
    return encoded


class _Linked:
    """A red line that holds only while a condition on another issue of the draft does not (`unless`)."""

    def __init__(self, row: int, col: int, low: float, high: float, forbidden: frozenset, other: int, condition):
        self.row, self.col, self.low, self.high = row, col, low, high
        self.forbidden = np.array(sorted(forbidden), dtype=float)
        self.other, self.condition = other, condition

    def crosses(self, position):
        """Whether positions on the red line's own issue cross it (a number or an array of them)."""
        return (position < self.low) | (position > self.high) | np.isin(position, self.forbidden)

    def lifted(self, position):
        """Whether positions on the other issue meet the condition that lifts the red line."""
        return self.condition(position)


def _condition(issue, linkage):
    """The linkage as a test on positions of `issue` (vectorised)."""
    allowed = None if linkage.is_ is None else np.array([issue.position(value) for value in linkage.is_], dtype=float)
    low = -np.inf if linkage.at_least is None else linkage.at_least
    high = np.inf if linkage.at_most is None else linkage.at_most

    def holds(position):
        inside = (position >= low - 1e-9) & (position <= high + 1e-9)
        return inside & np.isin(position, allowed) if allowed is not None else inside
    return holds
