"""A class tournament: students' agents (game/agents/entries.py) played against the built-in agents and each
other on the same seeds, every game with containment (a failing entry's seat goes to the built-in agent for
its role; the failure is counted against the entry). `summit tournament SCENARIO --entries DIR` shows it;
game/analysis/leaderboard.py ranks it.

A contestant is an entry in one of its roles; its score in a game is the mean final score of its seats, or 0
(a forfeit) in a game in which one of its seats failed. On each seed S .. S+N-1 it plays:
- against the built-in agents: it takes every seat of its role (all the members, or the US, or the SG), the
  scenario's agents play the others;
- against every other contestant, in pairs: two of the same role share its seats, alternately in the
  scenario's leader order (the first of the pair takes the first seat on even seeds, the second on odd ones);
  two of different roles each take all the seats of their own. A pair of one single-seat role (two US
  Presidents), or of one entry in two roles, cannot meet and is skipped (`skipped` says why).

An entry's agents are made by one function, `seat_in_process` (the `seat` argument of play_entries, a context
manager around one game), so that another way of running them (each in a process of its own, as
game/agents/isolate.py's `isolated` does) can replace it without touching the rest.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..agents import containment, create
from ..agents.registry import stand_in
from ..agents.entries import Entry, Rejected
from ..engine import Game, outcome, play
from ..engine.loop import DecisionTimeout, agent_name, line_in, raised
from ..scenario import Role, Scenario
from ..i18n import msg

BUILT_IN, PAIR = "built_in", "pair"   # the two kinds of game
FORFEIT = 0.0   # an entry's score in a game in which its agent failed


@dataclass(frozen=True)
class Contestant:
    """An entry in one of its roles: one row of the leaderboard."""

    entry: Entry
    role: Role

    @property
    def label(self) -> str:
        return f"{self.entry.name} ({self.role.value})"


@dataclass(frozen=True)
class Words:
    """Promises and threats made by a contestant's seats, and what became of them (the engine's rule:
    engine/participation.py, which the agents' reputations read too)."""

    promises_made: int = 0
    promises_kept: int = 0
    threats_made: int = 0
    threats_carried_out: int = 0

    def __add__(self, other: "Words") -> "Words":
        return Words(self.promises_made + other.promises_made, self.promises_kept + other.promises_kept,
                     self.threats_made + other.threats_made, self.threats_carried_out + other.threats_carried_out)


@dataclass(frozen=True)
class EntryGame:
    """One game of the tournament, from its contestants' side."""

    kind: str                                  # BUILT_IN or PAIR
    seed: int
    seats: dict[str, tuple[str, ...]]          # contestant label -> the leader ids it played, in the leader order
    scores: dict[str, float]                   # contestant label -> the mean final score of its seats (0-100)
    agreed: bool
    words: dict[str, Words]                    # contestant label -> its seats' promises and threats
    failures: dict[str, tuple[str, ...]] = field(default_factory=dict)   # contestant label -> failure lines


@dataclass(frozen=True)
class Seated:
    """The agents of one game's leaders, and the entries that could not even be made (leader id, the line)."""

    agents: dict[str, object]
    failures: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ClassTournament:
    scenario: Scenario
    runs: int
    seed: int
    seconds: float | None                      # an entry's time for one decision
    contestants: tuple[Contestant, ...]
    games: tuple[EntryGame, ...]               # in the order played: against the built-in agents, then the pairs
    skipped: tuple[tuple[str, str, str], ...]  # (label, label, why) of pairs that cannot meet
    rejected: tuple[Rejected, ...]             # files and classes that did not play


Seat = Callable[[Scenario, int, Mapping[str, Entry]], contextlib.AbstractContextManager[Seated]]


@contextlib.contextmanager
def seat_in_process(scenario: Scenario, seed: int, seating: Mapping[str, Entry]) -> Iterator[Seated]:
    """One agent per leader for the game on `seed`, for the length of a `with` block (as agents in processes
    of their own are: game/agents/isolate.py's `isolated`): the entry's class where `seating` names one (made
    here, in this process), the scenario's agent elsewhere. An entry whose class cannot be made gives its seat
    to the built-in agent for the role, as a failure at its turn would."""
    agents, failures = {}, []
    clocks: dict[str, _Clock] = {}
    for leader in scenario.leaders:
        entry = seating.get(leader.id)
        if entry is None:
            agents[leader.id] = create(leader.agent, leader.id, scenario)
            continue
        try:
            agent = entry.kind(leader.id, leader.traits)
        except (Exception, SystemExit) as error:   # a student's __init__: theirs to see, located
            agents[leader.id] = stand_in(scenario, leader.id)
            line = line_in(error, entry.path)
            where = f"{entry.file}:{line}" if line is not None else entry.file
            failures.append((leader.id, msg("the agent for {leader} ({entry}, {where}) could not be made, seed {seed}: "
                                            "{error}; the built-in {agent} agent plays {leader}", leader=leader.id,
                                            entry=entry.name, where=where, seed=seed, error=raised(error),
                                            agent=agent_name(agents[leader.id]))))
            continue
        agents[leader.id] = clocks.setdefault(entry.name, _Clock()).watch(agent, leader.id)
    yield Seated(agents, tuple(failures))


def seat_isolated(seconds: float | None = None) -> Seat:
    """A Seat like seat_in_process, each entry's file in a process of its own for the game (isolate.isolated:
    limits on its time, CPU and memory; a decision stopped at the limit stops all its seats in that game)."""
    from pathlib import Path

    from ..agents.isolate import Limits, isolated

    limits = Limits.of(seconds)

    @contextlib.contextmanager
    def seat(scenario: Scenario, seed: int, seating: Mapping[str, Entry]) -> Iterator[Seated]:
        with isolated(scenario, seed, {leader: (Path(entry.path), entry.name) for leader, entry in seating.items()},
                      limits) as seats:
            yield Seated({leader.id: seats.get(leader.id) or create(leader.agent, leader.id, scenario)
                          for leader in scenario.leaders})
    return seat


class OutOfTime(Exception):
    """An entry's seat asked to move after another of its seats ran out of time in the same game."""


class _Clock:
    """One entry's seats in one game: once a decision of one of them is stopped at the time limit, the others
    fail at their next turn at once (OutOfTime) instead of each running to the limit (an entry that loops
    would otherwise cost the limit once per seat: 31 times in a game of Rutte's members)."""

    def __init__(self):
        self.stopped: str | None = None   # the leader whose decision was stopped

    def watch(self, agent, leader_id: str):
        act = agent.act

        def timed_act(observation, rng):
            if self.stopped is not None:
                raise OutOfTime(f"stopped for the rest of the game: its decision for {self.stopped} ran past the "
                                f"time limit")
            try:
                return act(observation, rng)
            except DecisionTimeout:
                self.stopped = leader_id
                raise

        # A class with __slots__ (or its own __setattr__) keeps its act: each of its seats is timed on its own.
        with contextlib.suppress(Exception):
            agent.act = timed_act
        return agent


def contestants_of(scenario: Scenario, entries: Sequence[Entry]) -> tuple[tuple[Contestant, ...], tuple[Rejected, ...]]:
    """Every entry in each of its roles, in the entries' order; a role the scenario has no seat for is listed
    as a Rejected line instead."""
    playing, unseated = [], []
    roles_here = {leader.role for leader in scenario.leaders}
    for entry in entries:
        for role in entry.roles:
            if role in roles_here:
                playing.append(Contestant(entry, role))
            else:
                unseated.append(Rejected(entry.file, entry.name, msg("{scenario} has no {role} seat",
                                                                     scenario=scenario.id, role=role.value)))
    return tuple(playing), tuple(unseated)


def schedule(scenario: Scenario, contestants: Sequence[Contestant], runs: int, seed: int
             ) -> tuple[list[tuple[str, int, dict[str, Contestant]]], list[tuple[str, str, str]]]:
    """The games to play, each (kind, seed, leader id -> contestant), and the pairs that cannot meet."""
    seats = {role: [leader.id for leader in scenario.leaders if leader.role == role] for role in Role}
    seeds = range(seed, seed + runs)
    games: list[tuple[str, int, dict[str, Contestant]]] = []
    for contestant in contestants:
        games += [(BUILT_IN, s, {leader: contestant for leader in seats[contestant.role]}) for s in seeds]
    skipped = []
    for index, first in enumerate(contestants):
        for second in contestants[index + 1:]:
            if first.entry is second.entry:
                skipped.append((first.label, second.label, "one entry in two roles"))
                continue
            if first.role == second.role and len(seats[first.role]) < 2:
                skipped.append((first.label, second.label, f"one {first.role.value} seat: they cannot both play"))
                continue
            for s in seeds:
                if first.role == second.role:
                    order = (first, second) if s % 2 == 0 else (second, first)
                    seating = {leader: order[i % 2] for i, leader in enumerate(seats[first.role])}
                else:
                    seating = {leader: c for c in (first, second) for leader in seats[c.role]}
                games.append((PAIR, s, seating))
    return games, skipped


def play_entries(scenario: Scenario, entries: Sequence[Entry], runs: int, seed: int = 0,
                 rejected: Sequence[Rejected] = (), seconds: float | None = None,
                 progress: Callable[[int, int, str], None] | None = None,
                 seat: Seat = seat_in_process) -> ClassTournament:
    """Play the class tournament: every game of `schedule`, each with containment and `seconds` for one
    decision of an entry (None: the default). `progress(done, total, what)` is called after each game."""
    if runs < 1:
        raise ValueError(f"a tournament needs at least one run, found {runs}")
    contestants, unseated = contestants_of(scenario, entries)
    planned, skipped = schedule(scenario, contestants, runs, seed)
    games = []
    for done, (kind, game_seed, seating) in enumerate(planned, 1):
        games.append(_play_one(scenario, kind, game_seed, seating, seconds, seat))
        if progress is not None:
            progress(done, len(planned), " vs ".join(dict.fromkeys(c.label for c in seating.values()))
                     + (" vs the built-in agents" if kind == BUILT_IN else ""))
    return ClassTournament(scenario, runs, seed, seconds, contestants, tuple(games), tuple(skipped),
                           tuple(rejected) + unseated)


def _play_one(scenario: Scenario, kind: str, seed: int, seating: dict[str, Contestant], seconds: float | None,
              seat: Seat) -> EntryGame:
    game = Game(scenario, seed)
    guard = containment(scenario, False, seconds)
    with seat(scenario, seed, {leader: contestant.entry for leader, contestant in seating.items()}) as seated:
        result = outcome(game, play(game, seated.agents, containment=guard))
    played: dict[str, list[str]] = {}
    for leader in scenario.leaders:   # the leader order
        if leader.id in seating:
            played.setdefault(seating[leader.id].label, []).append(leader.id)
    failures: dict[str, list[str]] = {}
    for leader, message in seated.failures:
        failures.setdefault(seating[leader].label, []).append(message)
    for failure in guard.failures:
        failures.setdefault(seating[failure.leader].label, []).append(failure.message)
    words = {}
    for label, leaders in played.items():
        total = Words()
        for leader in leaders:
            record = result.participation[leader]
            total += Words(record.promises_made, record.promises_kept, record.threats_made, record.threats_carried_out)
        words[label] = total
    # A game in which an entry failed is forfeited: it scores 0 for that entry (the built-in agent that took its
    # seat played on for the others' sake, and its score is not the entry's).
    return EntryGame(kind, seed, {label: tuple(leaders) for label, leaders in played.items()},
                     {label: FORFEIT if label in failures else
                      sum(float(result.scores[leader]) for leader in leaders) / len(leaders)
                      for label, leaders in played.items()},
                     result.agreed, words, {label: tuple(lines) for label, lines in failures.items()})
