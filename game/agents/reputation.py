"""Whether a leader's word is worth anything: promises kept or broken, threats carried out or bluffs.

Everyone reads the same public record, so reputations are common knowledge. What counts as a promise kept
or broken, a threat carried out or a bluff, is the engine's rule (engine/participation.py), which the
participation record in the outcome uses too.

Trust starts where the scenario puts it (a leader's `traits.trust`, else 0.5), rises 0.1 with each promise
kept and falls 0.25 with each one broken; credibility starts at 0.5, rises 0.15 with each threat carried
out and falls 0.25 with each bluff. Broken words cost more than kept ones earn, as in the trust-game
literature (Slovic 1993: trust is created slowly and destroyed in an instant).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..engine import Observation
from ..engine.participation import WordRecord, Words
from .reading import folded

START = 0.5
KEPT, BROKEN = 0.1, 0.25
CARRIED_OUT, BLUFF = 0.15, 0.25


@dataclass
class Record(WordRecord):
    """One leader's record of keeping its word, and what it is worth."""

    def trust(self, start: float = START) -> float:
        return min(1.0, max(0.0, start + KEPT * self.kept - BROKEN * self.broken))

    @property
    def credibility(self) -> float:
        return min(1.0, max(0.0, START + CARRIED_OUT * self.carried_out - BLUFF * self.bluffs))


@dataclass(frozen=True)
class Reputations:
    records: dict[str, Record] = field(default_factory=dict)

    def of(self, leader_id: str) -> Record:
        return self.records.get(leader_id, Record())


class _Reading(Words):
    """The engine's fold of promises and threats, keeping the last Reputations handed out until a record
    changes."""

    def __init__(self, observation: Observation):
        super().__init__({leader.id: leader.ally for leader in observation.leaders}, Record, observation.pen_holder)
        self.snapshot: Reputations | None = None


def read(observation: Observation) -> Reputations:
    """Every leader's record so far, from the public history."""
    fold = folded("reputation", observation, _Reading)
    if fold.touched or fold.snapshot is None:
        records = dict(fold.snapshot.records) if fold.snapshot is not None else {}
        for leader in fold.touched:  # copies: the fold's own records go on changing
            records[leader] = dataclasses.replace(fold.records[leader])
        fold.snapshot = Reputations(records)
        fold.touched = set()
    return fold.snapshot


def words(observation: Observation) -> tuple:
    """Every promise and threat so far, in order, with what became of it (engine/participation.py's Word)."""
    return tuple(folded("reputation", observation, _Reading).words)
