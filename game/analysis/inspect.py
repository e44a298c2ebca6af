"""What a scenario allows before anyone plays it: zones of agreement, the Pareto frontier, the Nash solution.

`inspect(scenario)` answers a designer's and a teacher's questions about a scenario's preferences:

- per issue, the zone of possible agreement: the values every voting leader's red lines allow, and which
  leaders' red lines bound it;
- how many whole packages (one value per issue) every voter accepts, and how many of those are also at
  least as good as no deal for every voter (the zone of agreement proper);
- each leader's utility of no deal (its score there is 50 by construction), of its own ideal, and the best
  it can get in a package every voter accepts;
- the Pareto frontier among the packages every voter accepts (no other acceptable package is at least as
  good for every voter and better for one), its size and a few representatives;
- the Nash bargaining solution: the acceptable package that maximises the product of the voters' utility
  gains over no deal, among the packages where every voter gains.

It is pure computation (numpy; no printing, no pygame); `summit inspect` shows it.

What it leaves out, on purpose: carve-outs (every leader lives the communiqué's own deadline), events (the
positions are those the scenario starts with) and the US review of the guarantee after the summit. The
Secretary General does not vote: its red lines bind no one, but its utility and score are reported.

Red lines are per issue, so a package is acceptable to every voter exactly when each of its values lies in
that issue's zone: the acceptable packages are the product of the zones, and only those are enumerated.
When that product exceeds MAX_PACKAGES, range issues are coarsened evenly within their zones (both ends
kept), and the result says so; the per-issue zones and the count of acceptable packages stay exact.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine import Game
from ..engine.outcome import score
from ..engine.preferences import Preferences
from ..scenario import Issue, Role, Scenario

MAX_PACKAGES = 200_000
"""At most this many packages are enumerated; beyond it range issues are coarsened evenly."""

PARETO_WORK = 400_000_000
"""Comparisons (package pairs x voters) the exact Pareto frontier may take; beyond it, its size is estimated."""

PARETO_SAMPLE = 400
"""Packages drawn (seeded) to estimate the frontier's size when it is not computed exactly."""

_TOLERANCE = 1e-9  # utilities are sums of floats: differences below this are ties
_Z_95 = 1.959963984540054


@dataclass(frozen=True)
class IssueZone:
    """One issue's zone of possible agreement: the values every voter's red lines allow."""

    id: str
    label: str
    kind: str                              # "range" or "options"
    unit: str
    values: tuple[float | str, ...]        # the allowed grid values (range) or options, in order; () when empty
    bounded_below_by: tuple[str, ...]      # range: voters whose red line sets the zone's low end
    bounded_above_by: tuple[str, ...]      # range: voters whose red line sets the zone's high end
    ruled_out: dict[str, tuple[str, ...]]  # options: option -> the voters whose red lines forbid it
    agreement: tuple[float | str, ...]     # values found in packages of the zone of agreement (see Inspection)

    @property
    def empty(self) -> bool:
        return not self.values

    @property
    def low(self) -> float | None:
        return self.values[0] if self.values and self.kind == "range" else None

    @property
    def high(self) -> float | None:
        return self.values[-1] if self.values and self.kind == "range" else None

    def _shape(self, values: tuple) -> Any:
        if self.kind == "range":
            return {"low": values[0], "high": values[-1]} if values else None
        return list(values)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "kind": self.kind, "unit": self.unit,
                "zone": self._shape(self.values), "empty": self.empty,
                "bounded_below_by": list(self.bounded_below_by), "bounded_above_by": list(self.bounded_above_by),
                "ruled_out": {option: list(who) for option, who in self.ruled_out.items()},
                "agreement": self._shape(self.agreement)}


@dataclass(frozen=True)
class LeaderValues:
    """One leader's utilities (0..1) at no deal, at its ideal, and at its best acceptable package."""

    id: str
    name: str
    role: str
    votes: bool                           # False for the Secretary General
    no_deal_utility: float
    ideal_utility: float                  # 1.0 unless the leader has no positions at all
    best_acceptable_utility: float | None  # the most it gets in a package every voter accepts (None: none)
    best_acceptable_score: float | None

    @property
    def no_deal_score(self) -> float:
        return score(self.no_deal_utility, self.no_deal_utility)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "role": self.role, "votes": self.votes,
                "no_deal_utility": round(self.no_deal_utility, 4), "no_deal_score": round(self.no_deal_score, 1),
                "ideal_utility": round(self.ideal_utility, 4),
                "best_acceptable_utility": _round(self.best_acceptable_utility, 4),
                "best_acceptable_score": _round(self.best_acceptable_score, 1)}


@dataclass(frozen=True)
class Package:
    """One value per issue, with every leader's utility and score (0-100, 50 = no deal) under it."""

    label: str
    values: dict[str, float | str]
    utilities: dict[str, float]
    scores: dict[str, float]

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "values": dict(self.values),
                "utilities": {leader: round(u, 4) for leader, u in self.utilities.items()},
                "scores": {leader: round(s, 1) for leader, s in self.scores.items()}}


@dataclass(frozen=True)
class Pareto:
    """The Pareto frontier among the acceptable packages examined, over the voters' utilities."""

    size: int                      # exact, or the estimate when not exact
    exact: bool
    interval: tuple[int, int]      # 95% interval of the size (equal to (size, size) when exact)
    of: int                        # the number of acceptable packages examined
    representatives: tuple[Package, ...]

    def to_json(self) -> dict[str, Any]:
        return {"size": self.size, "exact": self.exact, "interval": list(self.interval), "of": self.of,
                "representatives": [package.to_json() for package in self.representatives]}


@dataclass(frozen=True)
class Inspection:
    scenario: str
    title: str
    voters: tuple[str, ...]
    non_voters: tuple[str, ...]
    issues: tuple[IssueZone, ...]
    packages: int                   # every combination of every issue's grid
    acceptable: int                 # packages every voter's red lines allow (exact, even when coarsened)
    examined: int                   # acceptable packages enumerated (fewer than `acceptable` when coarsened)
    agreement: int                  # examined packages also at least as good as no deal for every voter
    coarsened: dict[str, int]       # range issue -> values examined, for the issues that were coarsened
    leaders: tuple[LeaderValues, ...]
    no_deal: Package
    pareto: Pareto | None           # None when no package is acceptable
    nash: Package | None            # None when no acceptable package beats no deal for every voter
    notes: tuple[str, ...]          # plain sentences: what was approximated, why something is missing

    @property
    def any_acceptable(self) -> bool:
        return self.acceptable > 0

    def issue(self, issue_id: str) -> IssueZone:
        return next(zone for zone in self.issues if zone.id == issue_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario, "title": self.title,
            "voters": list(self.voters), "non_voters": list(self.non_voters),
            "issues": [zone.to_json() for zone in self.issues],
            "packages": {"total": self.packages, "acceptable": self.acceptable, "examined": self.examined,
                         "agreement": self.agreement, "coarsened": dict(self.coarsened)},
            "any_acceptable": self.any_acceptable,
            "leaders": [leader.to_json() for leader in self.leaders],
            "no_deal": self.no_deal.to_json(),
            "pareto": self.pareto.to_json() if self.pareto else None,
            "nash": self.nash.to_json() if self.nash else None,
            "notes": list(self.notes),
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


# ----- per issue ----------------------------------------------------------------------------------

def _zone(issue: Issue, col: int, prefs: Preferences, voter_rows: list[int]) -> tuple[IssueZone, np.ndarray]:
    """The issue's zone, and the positions of its allowed values."""
    grid = issue.grid()
    positions = np.array([issue.position(value) for value in grid], dtype=float)
    allowed = np.ones(len(grid), dtype=bool)
    ruled_out: dict[str, list[str]] = {}
    below: tuple[str, ...] = ()
    above: tuple[str, ...] = ()
    if issue.is_range:
        lows = prefs.low[voter_rows, col]
        highs = prefs.high[voter_rows, col]
        low, high = lows.max(), highs.min()
        allowed = (positions >= low) & (positions <= high)
        # A red line bounds the zone only where it cuts off part of the range.
        if low > positions[0]:
            below = tuple(prefs.leader_ids[row] for row, value in zip(voter_rows, lows) if value == low)
        if high < positions[-1]:
            above = tuple(prefs.leader_ids[row] for row, value in zip(voter_rows, highs) if value == high)
    else:
        for row in voter_rows:
            for position in prefs.forbidden.get((row, col), ()):
                option = issue.options[int(position)]
                ruled_out.setdefault(option, []).append(prefs.leader_ids[row])
                allowed[int(position)] = False
    values = tuple(value for value, ok in zip(grid, allowed) if ok)
    zone = IssueZone(id=issue.id, label=issue.label, kind=issue.kind, unit=issue.unit, values=values,
                     bounded_below_by=below, bounded_above_by=above,
                     ruled_out={option: tuple(ruled_out[option])
                                for option in issue.options or () if option in ruled_out},
                     agreement=())
    return zone, positions[allowed]


def _coarsen(issues: tuple[Issue, ...], zones: list[np.ndarray]) -> tuple[list[np.ndarray], dict[str, int]]:
    """Fewer values on range issues (evenly spaced, both ends kept) until the product fits MAX_PACKAGES."""
    counts = [len(zone) for zone in zones]
    if math.prod(counts) <= MAX_PACKAGES:
        return zones, {}
    ranges = [index for index, issue in enumerate(issues) if issue.is_range]
    while math.prod(counts) > MAX_PACKAGES:
        index = max(ranges, key=lambda i: counts[i], default=None)
        if index is None or counts[index] <= 2:
            break
        counts[index] = max(2, min(counts[index] - 1, int(counts[index] * 0.9)))
    coarse, coarsened = [], {}
    for index, zone in enumerate(zones):
        if counts[index] < len(zone):
            picks = np.unique(np.round(np.linspace(0, len(zone) - 1, counts[index])).astype(int))
            zone = zone[picks]
            coarsened[issues[index].id] = len(zone)
        coarse.append(zone)
    return coarse, coarsened


def _enumerate(zones: list[np.ndarray]) -> tuple[np.ndarray, bool]:
    """(packages x issues) positions: every combination, or a seeded sample when even that is too many."""
    if math.prod(len(zone) for zone in zones) <= MAX_PACKAGES:
        mesh = np.meshgrid(*zones, indexing="ij")
        return np.stack([axis.ravel() for axis in mesh], axis=1), False
    generator = np.random.default_rng(0)
    sample = np.stack([zone[generator.integers(0, len(zone), MAX_PACKAGES)] for zone in zones], axis=1)
    return np.unique(sample, axis=0), True


# ----- the Pareto frontier ------------------------------------------------------------------------

def _dominated(subject: np.ndarray, others: np.ndarray) -> np.ndarray:
    """For each row of subject (k x voters): is it dominated by some row of others (n x voters)?

    A row at least as good everywhere dominates exactly when its total is larger, which spares a second
    pass over the voters."""
    result = np.zeros(len(subject), dtype=bool)
    if len(others) == 0 or len(subject) == 0:
        return result
    subject_totals = subject.sum(axis=1)
    other_totals = others.sum(axis=1)
    chunk = max(1, 4_000_000 // max(1, len(subject) * subject.shape[1]))
    for start in range(0, len(others), chunk):
        block = others[start:start + chunk]
        larger = other_totals[start:start + chunk][None, :] > subject_totals[:, None] + _TOLERANCE
        if not larger.any():
            continue
        at_least = (block[None, :, :] >= subject[:, None, :]).all(axis=2)
        result |= (at_least & larger).any(axis=1)
    return result


def _frontier_exact(utilities: np.ndarray) -> np.ndarray:
    """Indices of the non-dominated rows (about rows x frontier x voters / 2 comparisons).

    Rows are taken in decreasing order of their total: a row can only be dominated by one with a larger
    total, and whatever dominates it, some frontier row found earlier (or in its own block) does too."""
    order = np.argsort(-utilities.sum(axis=1), kind="stable")
    frontier = np.zeros(0, dtype=int)
    block = 256
    for start in range(0, len(order), block):
        rows = order[start:start + block]
        survivors = rows[~_dominated(utilities[rows], utilities[frontier])]
        survivors = survivors[~_dominated(utilities[survivors], utilities[survivors])]
        frontier = np.concatenate([frontier, survivors])
    return np.sort(frontier)


def _frontier_estimate(utilities: np.ndarray) -> tuple[float, tuple[int, int]]:
    """The share of rows on the frontier, from a seeded sample of rows each checked against every row,
    and the 95% interval of the frontier's size."""
    count = len(utilities)
    sample = np.random.default_rng(0).choice(count, size=min(PARETO_SAMPLE, count), replace=False)
    share = 1.0 - float(_dominated(utilities[sample], utilities).mean())
    # Wilson's interval for a proportion, scaled to the number of rows.
    n = len(sample)
    centre = (share + _Z_95**2 / (2 * n)) / (1 + _Z_95**2 / n)
    half = _Z_95 * math.sqrt(share * (1 - share) / n + _Z_95**2 / (4 * n * n)) / (1 + _Z_95**2 / n)
    return share, (max(1, math.floor((centre - half) * count)), min(count, math.ceil((centre + half) * count)))


def _best_undominated(utilities: np.ndarray, key: np.ndarray, frontier: np.ndarray | None) -> int:
    """The row of the frontier with the highest key (ties: the highest total utility)."""
    totals = utilities.sum(axis=1)
    if frontier is not None:
        return int(frontier[np.lexsort((-totals[frontier], -key[frontier]))[0]])
    order = np.lexsort((-totals, -key))
    for start in range(0, len(order), 32):
        rows = order[start:start + 32]
        free = rows[~_dominated(utilities[rows], utilities)]
        if len(free):
            return int(free[0])
    raise AssertionError("a finite set always has a non-dominated element")


def examined_packages(scenario: Scenario) -> np.ndarray:
    """The acceptable packages `inspect` examines, as positions (packages x issues, in the scenario's issue
    order): every combination of the issues' zones, coarsened and sampled exactly as `inspect` does; no rows
    when no package is acceptable. The debrief checks an agreement against them."""
    game = Game(scenario)
    prefs = Preferences(scenario)
    voter_rows = [prefs.row(leader.id) for leader in scenario.leaders if leader.id in game.voters]
    zone_positions = [_zone(issue, col, prefs, voter_rows)[1] for col, issue in enumerate(scenario.issues)]
    if any(len(positions) == 0 for positions in zone_positions):
        return np.zeros((0, len(scenario.issues)))
    coarse, _ = _coarsen(scenario.issues, zone_positions)
    return _enumerate(coarse)[0]


# ----- the whole inspection -----------------------------------------------------------------------

def inspect(scenario: Scenario) -> Inspection:
    """Zones of agreement, the Pareto frontier and the Nash bargaining solution of a summit scenario.

    Raises ValueError for a bilateral scenario (its one issue is a share of a pie, not a communiqué)."""
    if scenario.is_bilateral:
        raise ValueError(f"{scenario.id} uses the bilateral protocol; inspect looks at summit scenarios")
    game = Game(scenario)
    prefs = Preferences(scenario)
    leaders = scenario.leaders
    voter_ids = tuple(leader.id for leader in leaders if leader.id in game.voters)
    voter_rows = [prefs.row(leader_id) for leader_id in voter_ids]
    non_voters = tuple(leader.id for leader in leaders if leader.id not in game.voters)
    notes: list[str] = []
    decision = getattr(scenario, "decision", None)
    if decision is not None and decision.rule != "consensus":
        notes.append(f"{scenario.id} is decided by {decision.describe().split(':')[0]}, so no single voter has a "
                     "veto; what follows is what consensus would need: every voter's acceptance.")

    zones, zone_positions = [], []
    for col, issue in enumerate(scenario.issues):
        zone, positions = _zone(issue, col, prefs, voter_rows)
        zones.append(zone)
        zone_positions.append(positions)
    total = math.prod(len(issue.grid()) for issue in scenario.issues)
    acceptable = math.prod(len(positions) for positions in zone_positions)

    no_deal_terms = game.no_deal_terms()
    no_deal_u = prefs.utilities(no_deal_terms)
    no_deal = _package(scenario, prefs, "no deal", prefs.encode(no_deal_terms), no_deal_u, no_deal_u)
    has_weight = prefs.weight.sum(axis=1) > 0
    ideal_u = np.where(has_weight, 1.0, 0.0)

    if acceptable == 0:
        empty = [zone.id for zone in zones if zone.empty]
        notes.append(f"No package is acceptable to every voter: the red lines leave no value on "
                     f"{', '.join(empty)}.")
        leader_values = tuple(
            LeaderValues(l.id, l.name, l.role.value, l.id in voter_ids, float(no_deal_u[row]), float(ideal_u[row]),
                         None, None) for row, l in enumerate(leaders))
        return Inspection(scenario.id, scenario.title, voter_ids, non_voters, tuple(zones), total, 0, 0, 0, {},
                          leader_values, no_deal, None, None, tuple(notes))

    coarse, coarsened = _coarsen(scenario.issues, zone_positions)
    candidates, sampled = _enumerate(coarse)
    if coarsened:
        notes.append(f"{acceptable:,} packages are acceptable, too many to examine one by one: "
                     + ", ".join(f"{issue} was examined at {count} evenly spaced values" for issue, count in
                                 coarsened.items())
                     + f" ({math.prod(len(zone) for zone in coarse):,} packages). Counts, best scores, the frontier "
                       "and the Nash solution are over the packages examined.")
    if sampled:
        notes.append(f"Even that is too many: a seeded sample of {len(candidates):,} of them was examined.")
    utilities = np.concatenate([prefs.candidate_utilities(candidates[start:start + 10_000])
                                for start in range(0, len(candidates), 10_000)])
    voters_u = np.round(utilities[:, voter_rows], 12)
    gains = voters_u - no_deal_u[voter_rows]
    agreeable = (gains >= -_TOLERANCE).all(axis=1)

    # Per issue, the values that occur in the zone of agreement proper.
    zones = [_with_agreement(zone, issue, candidates[agreeable, col])
             for col, (zone, issue) in enumerate(zip(zones, scenario.issues))]

    best = utilities.max(axis=0)
    leader_values = tuple(
        LeaderValues(l.id, l.name, l.role.value, l.id in voter_ids, float(no_deal_u[row]), float(ideal_u[row]),
                     float(best[row]), score(float(best[row]), float(no_deal_u[row])))
        for row, l in enumerate(leaders))

    pareto = _pareto(scenario, prefs, candidates, utilities, voters_u, voter_rows, no_deal_u)
    if not pareto.exact:
        notes.append(f"The Pareto frontier was too large to compute exactly; its size is estimated from "
                     f"{min(PARETO_SAMPLE, len(candidates))} packages checked against all "
                     f"{len(candidates):,} (95% interval {pareto.interval[0]:,}-{pareto.interval[1]:,}).")

    nash = None
    # A voter with no positions gains nothing anywhere; it cannot take part in the product.
    caring = [index for index, row in enumerate(voter_rows) if has_weight[row]]
    if len(caring) < len(voter_rows):
        notes.append("Voters without positions are left out of the Nash product: "
                     + ", ".join(voter_ids[i] for i in range(len(voter_rows)) if i not in caring) + ".")
    gaining = (gains[:, caring] > _TOLERANCE).all(axis=1)
    if caring and gaining.any():
        logs = np.full(len(candidates), -np.inf)
        logs[gaining] = np.log(gains[gaining][:, caring]).sum(axis=1)
        winner = int(np.argmax(logs))
        nash = _package(scenario, prefs, "Nash bargaining solution", candidates[winner], utilities[winner],
                        no_deal_u)
    else:
        which = "examined " if coarsened else ""
        notes.append(f"No acceptable package {which}is better than no deal for every voter, so there is no Nash "
                     "bargaining solution: someone is better off walking away.")
    return Inspection(scenario.id, scenario.title, voter_ids, non_voters, tuple(zones), total, acceptable,
                      len(candidates), int(agreeable.sum()), coarsened, leader_values, no_deal, pareto, nash,
                      tuple(notes))


def _with_agreement(zone: IssueZone, issue: Issue, positions: np.ndarray) -> IssueZone:
    present = set(np.round(positions, 6).tolist())
    agreement = tuple(value for value in zone.values if round(issue.position(value), 6) in present)
    return IssueZone(**{**zone.__dict__, "agreement": agreement})


def _value(issue: Issue, position: float) -> float | str:
    return round(float(position), 6) if issue.is_range else issue.options[int(round(position))]


def _package(scenario: Scenario, prefs: Preferences, label: str, positions: np.ndarray, utilities: np.ndarray,
             no_deal_u: np.ndarray) -> Package:
    values = {issue.id: _value(issue, positions[col]) for col, issue in enumerate(scenario.issues)}
    return Package(label=label, values=values,
                   utilities={leader: float(utilities[row]) for row, leader in enumerate(prefs.leader_ids)},
                   scores={leader: score(float(utilities[row]), float(no_deal_u[row]))
                           for row, leader in enumerate(prefs.leader_ids)})


def _pareto(scenario: Scenario, prefs: Preferences, candidates: np.ndarray, utilities: np.ndarray,
            voters_u: np.ndarray, voter_rows: list[int], no_deal_u: np.ndarray) -> Pareto:
    # Leaders with the same utilities everywhere count once: dominance does not change, the work shrinks.
    columns = {column.tobytes(): index for index, column in enumerate(voters_u.T)}
    distinct = voters_u[:, sorted(columns.values())]
    count, width = distinct.shape
    frontier = None
    if count * count * width / 2 <= PARETO_WORK:
        frontier = _frontier_exact(distinct)
    else:
        share, interval = _frontier_estimate(distinct)
        if share * count * count * width / 2 <= PARETO_WORK:
            frontier = _frontier_exact(distinct)
    if frontier is not None:
        size, interval, exact = len(frontier), (len(frontier), len(frontier)), True
    else:
        size, exact = round(share * count), False
    roles = {leader.id: leader.role for leader in scenario.leaders}
    voter_ids = [prefs.leader_ids[row] for row in voter_rows]
    scores = np.column_stack([
        np.where(utilities[:, row] >= no_deal_u[row],
                 50 + 50 * (utilities[:, row] - no_deal_u[row]) / max(1 - no_deal_u[row], 1e-9),
                 50 * utilities[:, row] / max(no_deal_u[row], 1e-9)) for row in voter_rows])
    keys: list[tuple[str, np.ndarray]] = []
    for role, label in ((Role.US_PRESIDENT, "best for the US President"),
                        (Role.MEMBER, "best for the members")):
        rows = [row for row in voter_rows if roles[prefs.leader_ids[row]] == role]
        if rows:
            keys.append((label, utilities[:, rows].mean(axis=1)))
    others = [row for row, leader in enumerate(prefs.leader_ids) if leader not in voter_ids]
    if others:
        keys.append(("best for the Secretary General", utilities[:, others].mean(axis=1)))
    keys.append(("most even", scores.min(axis=1)))
    representatives = []
    for label, key in keys:
        row = _best_undominated(distinct, np.round(key, 12), frontier)
        representatives.append(_package(scenario, prefs, label, candidates[row], utilities[row], no_deal_u))
    return Pareto(size=size, exact=exact, interval=interval, of=len(candidates),
                  representatives=tuple(representatives))
