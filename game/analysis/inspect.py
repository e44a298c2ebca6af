"""What a scenario allows before anyone plays it: zones of agreement, the Pareto frontier, the Nash solution.

`inspect(scenario)` answers a designer's and a teacher's questions about a scenario's preferences:

- per issue, the zone of possible agreement: the values enough voting leaders' red lines allow to pass
  under the scenario's decision rule (under consensus, every voter's), and which leaders' red lines bound it;
- how many whole packages (one value per issue) enough voters accept, and how many of those are also at
  least as good as no deal for enough voters (the zone of agreement proper);
- each leader's utility of no deal (its score there is 50 by construction), of its own ideal, and the best
  it can get in a package every voter accepts;
- the Pareto frontier among the packages every voter accepts (no other acceptable package is at least as
  good for every voter and better for one), its size and a few representatives;
- the Nash bargaining solution: the package every voter accepts that maximises the product of the voters'
  utility gains over no deal, among the packages where every voter gains (Nash's solution asks everyone's
  agreement, so under a vote it is the benchmark of a consensus);
- the scripted events that change leaders' positions, in the order they fire, with the zones and counts after
  each; the events that may fire by chance are listed with what they would change.

It is pure computation (numpy; no printing, no pygame); `summit inspect` shows it. It is one piece: the zones,
the frontier, the Nash solution and the zones after each event all come from the same enumeration of
packages under the same rule.

What it leaves out, on purpose: carve-outs (every leader lives the communiqué's own deadline), the events'
effects on allies (threat, fiscal space, domestic support move no red line) and the US review of the
guarantee after the summit. The Secretary General does not vote: its red lines bind no one, but its utility
and score are reported.

Red lines are per issue, so under consensus a package is acceptable exactly when each of its values lies in
that issue's zone: the acceptable packages are the product of the zones, and only those are enumerated.
Under a vote a package's values must also be allowed by the same voters, enough of them: the product of the
zones holds every acceptable package, and each is checked. When that product exceeds MAX_PACKAGES, range
issues are coarsened evenly within their zones (both ends kept), and the result says so; the per-issue
zones stay exact, and under consensus so does the count of acceptable packages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..engine import Game, GameState, InjectEvent, Phase
from ..engine.narrate import Later, shown_value
from ..engine.outcome import score
from ..engine.preferences import Preferences
from ..i18n import Figure, general, joined, msg, percent, using
from ..scenario import Decision, Event, Issue, Role, Scenario

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
    outvoted: tuple[str, ...] = ()         # voters whose red lines refuse values left in the zone (too few to block)
    # values a voter refuses unless the draft meets a condition on another issue (`unless`): value -> "voter
    # (unless ISSUE is VALUE)"; they stay in the zone, and each package is checked against the condition
    conditional: dict[str, tuple[str, ...]] = field(default_factory=dict)

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
                "outvoted": list(self.outvoted), "agreement": self._shape(self.agreement),
                "conditional": {str(value): list(who) for value, who in self.conditional.items()}}


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
class Rule:
    """The decision rule in numbers: how many of the voters must accept a draft for it to pass."""

    rule: str                 # consensus | majority | qualified_majority
    threshold: float | None
    voters: int
    needed: int               # voters who must accept (stay silent); `voters` under consensus

    @classmethod
    def of(cls, decision: Decision, voters: int) -> "Rule":
        needed = next((k for k in range(voters + 1) if decision.adopts(k, voters)), voters)
        return cls(decision.rule, decision.threshold, voters, needed)

    @property
    def consensus(self) -> bool:
        return self.needed >= self.voters

    @property
    def blocking(self) -> int:
        """How many refusals stop a draft: 1 under consensus."""
        return self.voters - self.needed + 1

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "threshold": self.threshold, "voters": self.voters, "needed": self.needed,
                "blocking": self.blocking}


@dataclass(frozen=True)
class EventStage:
    """One event that changes leaders' positions: what it changes and, for a scripted one, the zones after it
    has fired (with the scripted events before it)."""

    id: str
    label: str
    round: int | None                     # scripted: the round it fires at the start of
    probability: float | None             # random: its chance at the start of each round
    changes: tuple[str, ...]              # one line per effect on a leader: "sanchez red_line on core_target: 3.6"
    issues: tuple[IssueZone, ...] | None  # the zones after it (None for an event that may fire)
    acceptable: int | None                # packages acceptable after it (as Inspection.acceptable), None likewise
    agreement: int | None                 # of them, at least as good as no deal for enough voters, None likewise

    @property
    def scripted(self) -> bool:
        return self.issues is not None

    def to_json(self) -> dict[str, Any]:
        data = {"id": self.id, "label": self.label, "round": self.round, "probability": self.probability,
                "changes": list(self.changes)}
        if self.scripted:
            data |= {"issues": [zone.to_json() for zone in self.issues], "acceptable": self.acceptable,
                     "any_acceptable": bool(self.acceptable), "agreement": self.agreement}
        return data


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
    notes: tuple[str, ...]          # plain sentences: what was approximated, why something is missing (Messages:
    #                                 English as str and in JSON, written in the language in use by i18n.localize)
    decision: Rule | None = None    # None: consensus among the voters
    events: tuple[EventStage, ...] = ()     # scripted events that change positions, in the order they fire
    may_fire: tuple[EventStage, ...] = ()   # random events that would change positions

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
            "decision": (self.decision or Rule("consensus", None, len(self.voters), len(self.voters))).to_json(),
            "events": [stage.to_json() for stage in self.events],
            "may_fire": [stage.to_json() for stage in self.may_fire],
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


# ----- per issue ----------------------------------------------------------------------------------

def _zone(issue: Issue, col: int, prefs: Preferences, voter_rows: list[int], rule: Rule) -> tuple[IssueZone, np.ndarray]:
    """The issue's zone (the values fewer voters refuse than can block), and the positions of its values."""
    grid = issue.grid()
    positions = np.array([issue.position(value) for value in grid], dtype=float)
    ids = [prefs.leader_ids[row] for row in voter_rows]
    refusing = np.zeros((len(voter_rows), len(grid)), dtype=bool)
    below: tuple[str, ...] = ()
    above: tuple[str, ...] = ()
    if issue.is_range:
        lows, highs = prefs.low[voter_rows, col], prefs.high[voter_rows, col]
        refusing = (positions[None, :] < lows[:, None]) | (positions[None, :] > highs[:, None])
    else:
        for index, row in enumerate(voter_rows):
            for position in prefs.forbidden.get((row, col), ()):
                refusing[index, int(position)] = True
    allowed = refusing.sum(axis=0) < rule.blocking
    if issue.is_range:
        # A red line bounds the zone where it cuts the range: the voters who refuse the value just outside it
        # (with an empty zone, the `blocking` highest floors and lowest ceilings).
        inside = np.flatnonzero(allowed)
        if len(inside):
            if inside[0] > 0:
                below = tuple(i for i, low in zip(ids, lows) if positions[inside[0] - 1] < low)
            if inside[-1] < len(grid) - 1:
                above = tuple(i for i, high in zip(ids, highs) if positions[inside[-1] + 1] > high)
        else:
            floor, ceiling = np.sort(lows)[-rule.blocking], np.sort(highs)[rule.blocking - 1]
            below = tuple(i for i, low in zip(ids, lows) if low >= floor and low > positions[0])
            above = tuple(i for i, high in zip(ids, highs) if high <= ceiling and high < positions[-1])
    ruled_out = {option: tuple(who for who, refused in zip(ids, refusing[:, k]) if refused)
                 for k, option in enumerate(issue.options or ()) if not allowed[k]}
    outvoted = tuple(who for who, refused in zip(ids, refusing[:, allowed].any(axis=1)) if refused)
    values = tuple(value for value, ok in zip(grid, allowed) if ok)
    conditional: dict[str, tuple[str, ...]] = {}
    for link in prefs.linked:
        if link.col == col and link.row in voter_rows:
            unless = prefs.scenario.leaders[link.row].positions[issue.id].unless
            said = " or ".join(str(value) for value in unless.is_ or ()) or "its condition"
            for value, position in zip(grid, positions):
                if link.crosses(position):
                    conditional.setdefault(str(value), ())
                    conditional[str(value)] += (f"{prefs.leader_ids[link.row]} (unless {unless.issue} is {said})",)
    zone = IssueZone(id=issue.id, label=issue.label, kind=issue.kind, unit=issue.unit, values=values,
                     bounded_below_by=below, bounded_above_by=above, ruled_out=ruled_out, agreement=(),
                     outvoted=outvoted, conditional=conditional)
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


@dataclass(frozen=True)
class _Table:
    """What one set of positions allows: the zones, and the acceptable packages examined."""

    zones: list[IssueZone]
    candidates: np.ndarray      # acceptable packages examined, as positions (packages x issues)
    acceptable: int             # as Inspection.acceptable
    coarsened: dict[str, int]
    sampled: bool
    accepted: np.ndarray        # (candidates x voters): whose red lines allow each package
    product: int                # packages in the product of the zones (before coarsening)
    combinations: int           # packages of the product enumerated (after coarsening)


def _table(scenario: Scenario, prefs: Preferences, voter_rows: list[int], rule: Rule) -> _Table:
    zones, positions = [], []
    for col, issue in enumerate(scenario.issues):
        zone, allowed = _zone(issue, col, prefs, voter_rows, rule)
        zones.append(zone)
        positions.append(allowed)
    product = math.prod(len(allowed) for allowed in positions)
    if product == 0:
        return _Table(zones, np.zeros((0, len(scenario.issues))), 0, {}, False,
                      np.zeros((0, len(voter_rows)), dtype=bool), 0, 0)
    coarse, coarsened = _coarsen(scenario.issues, positions)
    candidates, sampled = _enumerate(coarse)
    combinations = math.prod(len(zone) for zone in coarse)
    linked = any(link.row in voter_rows for link in prefs.linked)
    if rule.consensus and not linked:   # every package of the product is acceptable to every voter
        # (a red line linked to another issue (`unless`) depends on the package: those are checked one by one)
        return _Table(zones, candidates, product, coarsened, sampled,
                      np.ones((len(candidates), len(voter_rows)), dtype=bool), product, combinations)
    accepted = np.concatenate([prefs.candidate_acceptable(candidates[start:start + 10_000])[:, voter_rows]
                               for start in range(0, len(candidates), 10_000)])
    enough = accepted.sum(axis=1) >= rule.needed
    return _Table(zones, candidates[enough], int(enough.sum()), coarsened, sampled, accepted[enough], product,
                  combinations)


def _agreeing(table: _Table, voters_u: np.ndarray, no_deal: np.ndarray, rule: Rule) -> np.ndarray:
    """For each package examined: do enough voters accept it and find it at least as good as no deal?"""
    content = table.accepted & (voters_u - no_deal >= -_TOLERANCE)
    return content.sum(axis=1) >= rule.needed


def examined_packages(scenario: Scenario) -> np.ndarray:
    """The acceptable packages `inspect` examines, as positions (packages x issues, in the scenario's issue
    order): every combination of the issues' zones (under a vote, those enough voters accept), coarsened and
    sampled exactly as `inspect` does; no rows when no package is acceptable. The debrief checks an agreement
    against them."""
    game = Game(scenario)
    prefs = Preferences(scenario)
    voter_rows = [prefs.row(leader.id) for leader in scenario.leaders if leader.id in game.voters]
    return _table(scenario, prefs, voter_rows, Rule.of(scenario.decision, len(voter_rows))).candidates


# ----- the whole inspection -----------------------------------------------------------------------

class _Share:
    """A percentage in a note, written when the note is shown, in the language of that moment (as Figure)."""

    __slots__ = ("points",)

    def __init__(self, points: float):
        self.points = points

    def __format__(self, spec: str) -> str:
        return format(percent(self.points, 0), spec)

    def __reduce__(self):
        return (_Share, (self.points,))


def inspect(scenario: Scenario) -> Inspection:
    """Zones of agreement, the Pareto frontier and the Nash bargaining solution of a summit scenario, under its
    decision rule, and how the scripted events move the zones. Its notes are Messages whose str (and JSON) is
    English in every language.

    Raises ValueError for a bilateral scenario (its one issue is a share of a pie, not a communiqué)."""
    with using("en"):   # a Message's str is written when it is made: the notes' JSON stays English
        return _inspect(scenario)


def _inspect(scenario: Scenario) -> Inspection:
    if scenario.is_bilateral:
        raise ValueError(f"{scenario.id} uses the bilateral protocol; inspect looks at summit scenarios")
    game = Game(scenario)
    prefs = Preferences(scenario)
    leaders = scenario.leaders
    voter_ids = tuple(leader.id for leader in leaders if leader.id in game.voters)
    voter_rows = [prefs.row(leader_id) for leader_id in voter_ids]
    non_voters = tuple(leader.id for leader in leaders if leader.id not in game.voters)
    rule = Rule.of(scenario.decision, len(voter_rows))
    notes: list[str] = []
    events, may_fire = _event_stages(scenario, game, voter_rows, rule)

    table = _table(scenario, prefs, voter_rows, rule)
    zones, candidates = table.zones, table.candidates
    total = math.prod(len(issue.grid()) for issue in scenario.issues)
    no_deal_terms = game.no_deal_terms()
    no_deal_u = prefs.utilities(no_deal_terms)
    no_deal = _package(scenario, prefs, "no deal", prefs.encode(no_deal_terms), no_deal_u, no_deal_u)
    has_weight = prefs.weight.sum(axis=1) > 0
    ideal_u = np.where(has_weight, 1.0, 0.0)

    def result(acceptable, examined, agreement, leader_values, pareto, nash) -> Inspection:
        return Inspection(scenario.id, scenario.title, voter_ids, non_voters, tuple(zones), total, acceptable,
                          examined, agreement, table.coarsened, leader_values, no_deal, pareto, nash, tuple(notes),
                          rule, events, may_fire)

    if len(candidates) == 0:
        empty = [zone.id for zone in zones if zone.empty]
        who = msg("every voter") if rule.consensus else msg("at least {needed} of the {voters} voters",
                                                            needed=rule.needed, voters=rule.voters)
        if empty:
            notes.append(msg("No package is acceptable to {who}: the red lines leave no value on {issues}.", who=who,
                             issues=", ".join(empty)))
        elif table.coarsened or table.sampled:
            notes.append(msg("No package examined is acceptable to {who}: each value gets past enough red lines, but no "
                             "package gets past the same voters' red lines on every issue.", who=who))
        else:
            notes.append(msg("No package is acceptable to {who}: each value gets past enough red lines, but no package "
                             "gets past the same voters' red lines on every issue.", who=who))
        leader_values = tuple(
            LeaderValues(l.id, l.name, l.role.value, l.id in voter_ids, float(no_deal_u[row]), float(ideal_u[row]),
                         None, None) for row, l in enumerate(leaders))
        return result(0, 0, 0, leader_values, None, None)

    if table.coarsened:
        fields = {"count": Figure(table.product), "examined": Figure(table.combinations),
                  "issues": joined([msg("{issue} was examined at {count} evenly spaced values", issue=issue, count=count)
                                    for issue, count in table.coarsened.items()], ", ")}
        notes.append(msg("{count} packages are acceptable, too many to examine one by one: {issues} ({examined} "
                         "packages). Counts, best scores, the frontier and the Nash solution are over the packages "
                         "examined.", **fields) if rule.consensus else
                     msg("{count} packages are in the zones, too many to examine one by one: {issues} ({examined} "
                         "packages). Counts, best scores, the frontier and the Nash solution are over the packages "
                         "examined.", **fields))
    if table.sampled:
        notes.append(msg("Even that is too many: a seeded sample of {count} of them was examined.",
                         count=Figure(len(candidates))))
    utilities = np.concatenate([prefs.candidate_utilities(candidates[start:start + 10_000])
                                for start in range(0, len(candidates), 10_000)])
    voters_u = np.round(utilities[:, voter_rows], 12)
    gains = voters_u - no_deal_u[voter_rows]
    agreeable = _agreeing(table, voters_u, no_deal_u[voter_rows], rule)

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
        notes.append(msg("The Pareto frontier was too large to compute exactly; its size is estimated from {checked} "
                         "packages checked against all {count} ({share} interval {low}-{high}).",
                         checked=min(PARETO_SAMPLE, len(candidates)), count=Figure(len(candidates)), share=_Share(95),
                         low=Figure(pareto.interval[0]), high=Figure(pareto.interval[1])))

    nash = None
    # A voter with no positions gains nothing anywhere; it cannot take part in the product.
    caring = [index for index, row in enumerate(voter_rows) if has_weight[row]]
    if len(caring) < len(voter_rows):
        notes.append(msg("Voters without positions are left out of the Nash product: {leaders}.",
                         leaders=", ".join(voter_ids[i] for i in range(len(voter_rows)) if i not in caring)))
    # Nash's solution asks every voter's agreement: under a vote too, only packages every voter accepts.
    gaining = (gains[:, caring] > _TOLERANCE).all(axis=1) & table.accepted.all(axis=1)
    if caring and gaining.any():
        logs = np.full(len(candidates), -np.inf)
        logs[gaining] = np.log(gains[gaining][:, caring]).sum(axis=1)
        winner = int(np.argmax(logs))
        nash = _package(scenario, prefs, "Nash bargaining solution", candidates[winner], utilities[winner],
                        no_deal_u)
    else:
        if rule.consensus and table.coarsened:
            notes.append(msg("No acceptable package examined is better than no deal for every voter, so there is no "
                             "Nash bargaining solution: someone is better off walking away."))
        elif rule.consensus:
            notes.append(msg("No acceptable package is better than no deal for every voter, so there is no Nash "
                             "bargaining solution: someone is better off walking away."))
        elif table.coarsened:
            notes.append(msg("No package examined that every voter accepts is better than no deal for every voter, so "
                             "there is no Nash bargaining solution (it asks everyone's agreement); a vote may still "
                             "adopt one."))
        else:
            notes.append(msg("No package that every voter accepts is better than no deal for every voter, so there is "
                             "no Nash bargaining solution (it asks everyone's agreement); a vote may still adopt one."))
    return result(table.acceptable, len(candidates), int(agreeable.sum()), leader_values, pareto, nash)


def _event_stages(scenario: Scenario, game: Game, voter_rows: list[int],
                  rule: Rule) -> tuple[tuple[EventStage, ...], tuple[EventStage, ...]]:
    """The scripted events that change leaders' positions, fired in order through the rules (as the teacher's
    moves would fire them) with the zones after each; and the random ones, with what they would change."""
    moving = [event for event in scenario.events if any(effect.leader is not None for effect in event.effects)]
    # The engine fires each round's scripted events at its start, in the file's order.
    scripted = sorted((e for e in moving if e.round is not None and e.round <= scenario.rounds), key=lambda e: e.round)
    stages = []
    state = GameState(round=1, phase=Phase.DRAFTING, turn=0, draft=game.status_quo(),
                      round_start_draft=game.status_quo())
    for event in scripted:
        state = game.apply(state, InjectEvent(event=event.id, reason="summit inspect: as scripted"))
        prefs = Preferences(scenario, state.position_overrides)
        table = _table(scenario, prefs, voter_rows, rule)
        agreement, zones = 0, table.zones
        if len(table.candidates):
            utilities = np.concatenate([prefs.candidate_utilities(table.candidates[start:start + 10_000])
                                        for start in range(0, len(table.candidates), 10_000)])
            no_deal = prefs.utilities(game.no_deal_terms())[voter_rows]
            agreeable = _agreeing(table, np.round(utilities[:, voter_rows], 12), no_deal, rule)
            agreement = int(agreeable.sum())
            # each issue's values in the zone of agreement after the event, as for the start
            zones = [_with_agreement(zone, issue, table.candidates[agreeable, col])
                     for col, (zone, issue) in enumerate(zip(table.zones, scenario.issues))]
        stages.append(EventStage(event.id, event.label, event.round, None, _changes(scenario, event),
                                 tuple(zones), table.acceptable, agreement))
    # random events, and those that fire on a condition of the draft, the round or the moves (schema 2)
    chance = tuple(EventStage(e.id, e.label, None, e.probability, _changes(scenario, e), None, None, None)
                   for e in moving if e.probability or e.when is not None)
    return tuple(stages), chance


def _changes(scenario: Scenario, event: Event) -> tuple[str, ...]:
    """What an event does to leaders' positions, one line per effect: "sanchez red_line on core_target: 3.6" (each
    a Message: English as its str, which the JSON keeps; the table shows it in the language in use)."""
    lines = []
    for effect in event.effects:
        if effect.leader is None:
            continue
        if effect.field in ("joins", "leaves"):
            lines.append(msg("{leader} takes its seat", leader=effect.leader) if effect.field == "joins" else
                         msg("{leader} leaves the table", leader=effect.leader))
            continue
        issue = scenario.issue(effect.issue)
        if effect.field == "values":
            rated = Later(_rated, effect.values or {})
            lines.append(msg("{leader} values on {issue}: {rated}", leader=effect.leader, issue=effect.issue,
                             rated=rated))
            continue
        if effect.add is not None:
            change = Later(general, effect.add, True)
        elif effect.set is not None:
            change = Later(shown_value, issue, effect.set) if effect.field != "weight" else Later(general, effect.set)
        else:
            change = msg("lifted")   # a red line set to nothing
        fields = {"leader": effect.leader, "issue": effect.issue, "change": change}
        if effect.field == "red_line":
            lines.append(msg("{leader} red_line on {issue}: {change}", **fields))
        elif effect.field == "ideal":
            lines.append(msg("{leader} ideal on {issue}: {change}", **fields))
        elif effect.field == "weight":
            lines.append(msg("{leader} weight on {issue}: {change}", **fields))
        else:
            lines.append(f"{effect.leader} {effect.field} on {effect.issue}: {change}")
    return tuple(lines)


def _rated(values: dict[str, float]) -> str:
    """An event's new values of options ("hybrid 0.5, cyber 1"), its numbers in the language in use."""
    return ", ".join(f"{option} {general(worth)}" for option, worth in values.items())


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
    # the chair alone: participants seated without a vote are not the Secretary General
    others = [row for row, leader in enumerate(prefs.leader_ids) if roles[leader] == Role.SECRETARY_GENERAL]
    if others:
        keys.append(("best for the Secretary General", utilities[:, others].mean(axis=1)))
    keys.append(("most even", scores.min(axis=1)))
    representatives = []
    for label, key in keys:
        row = _best_undominated(distinct, np.round(key, 12), frontier)
        representatives.append(_package(scenario, prefs, label, candidates[row], utilities[row], no_deal_u))
    return Pareto(size=size, exact=exact, interval=interval, of=len(candidates),
                  representatives=tuple(representatives))
