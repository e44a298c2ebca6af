"""What the debrief knows about one game, as the sections tell it: the rounds, the events, the promises and
threats, the leader who held out longest, the agreement against the Pareto frontier, and GameFacts holding
them all (with how the game ended, in one sentence, and its part of debrief.json). Drawn in logs.game_facts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ...analysis.inspect import Package
from ...engine import Draft, LogEntry, Outcome
from ...engine.narrate import rule_name
from ...engine.participation import Word
from ...i18n import _
from ...play.replay import Replay
from ...scenario import Scenario
from .wording import _names


@dataclass(frozen=True)
class RoundFacts:
    round: int
    tabled: Draft | None        # the draft after drafting (None when the round ended before consultations)
    end: Draft                  # the draft when the round ended
    result: str                 # adopted | objected | no_deal
    by_teacher: bool
    objections: tuple[tuple[str, str, str | None], ...]   # (leader, issue, wants) in the silence procedure


@dataclass(frozen=True)
class EventFacts:
    round: int
    id: str
    label: str
    text: str
    by_teacher: bool            # the teacher brought it forward


@dataclass(frozen=True)
class WordFacts:
    """A promise or a threat, with what became of it (`settled` as the engine judges it, "" while open)."""
    word: Word
    settled_round: int | None
    outcome: str                # what became of it, in words: "kept: ..." (in the language of the debrief)
    detail: str = ""            # the outcome after its verdict ("Germany had already pledged ...")
    paid_before: bool = False   # its target had pledged what it asked before it was made


@dataclass(frozen=True)
class Holdout:
    """The leader who held out longest: the latest objection, then the most rounds objecting."""
    leader: str
    rounds: tuple[int, ...]
    last_issue: str
    last_wants: str | None
    first_value: Any            # the value of last_issue on the table when it first objected to it
    final_value: Any            # its value at the end: in force, or in the last draft when there was no deal
    carve_out: int | None       # its ally's own deadline in the terms, if any
    score: float
    alongside: tuple[str, ...] = ()   # others who held out just as long


@dataclass(frozen=True)
class FrontierFacts:
    """The agreement (or no deal) against what the red lines allowed, counted as `summit inspect` counts:
    the scenario's starting positions, no US review; carve-outs as each leader lives them."""
    agreed: bool
    voters: tuple[str, ...]
    crossed: dict[str, tuple[str, ...]]                    # voter -> issues whose red line the terms cross
    crossed_without_carve_outs: dict[str, tuple[str, ...]]
    examined: int                                         # acceptable packages examined (as inspect)
    better: int                                           # of them: at least as good for every voter, better for one
    better_example: dict[str, Any] | None                 # issue -> value of the best of those (largest total)
    better_scores: dict[str, float] | None
    scores: dict[str, float]                              # the terms' scores, counted as inspect counts
    gains: dict[str, float]                               # utility over no deal, per voter with positions
    nash: Package | None
    nash_gains: dict[str, float] | None
    notes: tuple[str, ...]

    @property
    def acceptable(self) -> bool:
        return not self.crossed

    @property
    def pareto_optimal(self) -> bool:
        return self.better == 0

    @staticmethod
    def _geometric(gains: dict[str, float] | None) -> float | None:
        if not gains or min(gains.values()) <= 0:
            return None
        return float(math.exp(sum(math.log(g) for g in gains.values()) / len(gains)))

    @property
    def nash_mean(self) -> float | None:
        """The geometric mean of the voters' gains over no deal (the Nash product's n-th root); None unless
        every voter gains."""
        return self._geometric(self.gains)

    @property
    def nash_solution_mean(self) -> float | None:
        return self._geometric(self.nash_gains)

    def to_json(self) -> dict[str, Any]:
        def r(value, digits=4):
            return None if value is None else round(value, digits)
        return {"agreed": self.agreed, "acceptable": self.acceptable,
                "crossed": {k: list(v) for k, v in self.crossed.items()},
                "crossed_without_carve_outs": {k: list(v) for k, v in self.crossed_without_carve_outs.items()},
                "pareto_optimal": self.pareto_optimal, "examined": self.examined, "better_packages": self.better,
                "better_example": self.better_example,
                "scores": {k: round(v, 1) for k, v in self.scores.items()},
                "gains_sum": r(sum(self.gains.values())), "gains_geometric_mean": r(self.nash_mean),
                "nash": self.nash.to_json() if self.nash else None,
                "nash_gains_sum": r(sum(self.nash_gains.values())) if self.nash_gains else None,
                "nash_gains_geometric_mean": r(self.nash_solution_mean), "notes": list(self.notes)}


@dataclass
class GameFacts:
    """One game as the debrief tells it."""
    replayed: Replay
    players: dict[str, str]                      # leader id -> a name typed for the role (saves from the window)
    rounds: list[RoundFacts]
    events: list[EventFacts]
    teacher: list[LogEntry]
    words: list[WordFacts]
    pledges: list[tuple[int, str, float, int]]   # (round, ally, level, year)
    objections: dict[str, dict[int, tuple[str, str | None]]]  # leader -> round -> (issue, wants)
    holdout: Holdout | None
    frontier: FrontierFacts
    questions: list[str] = field(default_factory=list)
    name: str = ""                               # the page's file stem ("index" for a single game)

    @property
    def scenario(self) -> Scenario:
        return self.replayed.scenario

    @property
    def outcome(self) -> Outcome:
        return self.replayed.outcome

    @property
    def talks(self) -> tuple[dict, ...]:
        """The private talks of a hosted game, each its log line's record, in order (none for other games)."""
        return self.replayed.talks

    @property
    def last_round(self) -> RoundFacts:
        return self.rounds[-1]

    @property
    def ended_by_teacher(self) -> bool:
        return bool(self.rounds) and self.last_round.by_teacher

    @property
    def humans(self) -> list[str]:
        return [leader for leader, agent in self.replayed.agents.items() if agent == "human"]

    def how(self) -> str:
        """How the game ended, in one sentence."""
        o, s = self.outcome, self.scenario
        last = self.last_round
        fields = dict(round=o.rounds, rounds=s.rounds)
        if self.ended_by_teacher:
            if o.agreed:
                return _("The teacher ended the negotiation in round {round} of {rounds} and adopted the draft on the "
                         "table.").format(**fields)
            return _("The teacher ended the negotiation in round {round} of {rounds} without a deal.").format(**fields)
        if o.agreed:
            if last.objections:
                names = _names(s, sorted({leader for leader, _issue, _wants in last.objections}))
                return _("Adopted in round {round} of {rounds} under {rule}, although {leaders} broke silence.").format(
                    rule=rule_name(s.decision), leaders=names, **fields)
            return _("Agreed by consensus in round {round} of {rounds}: no one broke silence.").format(**fields)
        names = _names(s, sorted({leader for leader, _issue, _wants in last.objections}))
        return _("No deal: in the last round (round {round}) silence was still broken, by {leaders}.").format(
            leaders=names, **fields)

    def to_json(self) -> dict[str, Any]:
        return {
            "log": str(self.replayed.path), "page": f"{self.name}.html", "seed": self.replayed.seed,
            "information": self.scenario.information, "how": self.how(), "ended_by_teacher": self.ended_by_teacher,
            "people": {leader: self.players.get(leader, "") for leader in self.humans},
            "outcome": self.outcome.to_json(),
            "rounds": [{"round": r.round, "tabled": r.tabled.to_json() if r.tabled else None, "end": r.end.to_json(),
                        "result": r.result, "by_teacher": r.by_teacher,
                        "objections": [{"leader": l, "issue": i, "wants": w} for l, i, w in r.objections]}
                       for r in self.rounds],
            "events": [{"round": e.round, "id": e.id, "label": e.label, "by_teacher": e.by_teacher}
                       for e in self.events],
            "teacher": [{"round": e.round, "move": e.data["action"]} for e in self.teacher],
            "promises_and_threats": [{"kind": w.word.kind, "giver": w.word.giver, "target": w.word.target,
                                      "demand": w.word.demand, "round": w.word.round,
                                      "settled": w.word.settled or "open", "settled_round": w.settled_round,
                                      "outcome": w.outcome,
                                      **({"issue": w.word.issue, "value": w.word.value} if w.word.issue else {})}
                                     for w in self.words],
            "pledges": [{"round": r, "ally": a, "level": level, "year": year} for r, a, level, year in self.pledges],
            "holdout": None if self.holdout is None else {
                "leader": self.holdout.leader, "rounds": list(self.holdout.rounds),
                "last_issue": self.holdout.last_issue,
                "carve_out": self.holdout.carve_out, "score": round(self.holdout.score, 1)},
            "frontier": self.frontier.to_json(),
            "questions": list(self.questions),
            # the computer's moves its agents, choosing again from the seed, would not make (an edited log)
            "unlike_the_agents": [u.to_json() for u in self.replayed.unlike or ()],
            "talks": [dict(talk) for talk in self.talks],
        }
