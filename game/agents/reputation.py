"""Whether a leader's word is worth anything: promises kept or broken, threats carried out or bluffs.

Everyone reads the same public record, so reputations are common knowledge:

- A promise ("allies who pledge X% can count on us") is kept when, after its target has pledged what was
  asked, the promiser lets the next draft through in the silence procedure; it is broken when the promiser
  breaks silence instead, blocking the deal the target paid into.
- A threat ("we will not defend allies who do not pay") is carried out when its target has not pledged
  what was asked and the threatener breaks silence; it is a bluff when the threatener stays silent and lets
  the draft through anyway. A threat whose target pays is settled and says nothing about the threatener.

Trust starts where the scenario puts it (a leader's `traits.trust`, else 0.5), rises 0.1 with each promise
kept and falls 0.25 with each one broken; credibility starts at 0.5, rises 0.15 with each threat carried
out and falls 0.25 with each bluff. Broken words cost more than kept ones earn, as in the trust-game
literature (Slovic 1993: trust is created slowly and destroyed in an instant).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..engine import Observation
from .reading import folded

START = 0.5
KEPT, BROKEN = 0.1, 0.25
CARRIED_OUT, BLUFF = 0.15, 0.25


@dataclass
class Record:
    """One leader's record of keeping its word."""

    kept: int = 0
    broken: int = 0
    carried_out: int = 0
    bluffs: int = 0

    def trust(self, start: float = START) -> float:
        return min(1.0, max(0.0, start + KEPT * self.kept - BROKEN * self.broken))

    @property
    def credibility(self) -> float:
        return min(1.0, max(0.0, START + CARRIED_OUT * self.carried_out - BLUFF * self.bluffs))


@dataclass
class _Word:
    giver: str
    target: str
    demand: float
    kind: str  # "promise" | "threat"


@dataclass(frozen=True)
class Reputations:
    records: dict[str, Record] = field(default_factory=dict)

    def of(self, leader_id: str) -> Record:
        return self.records.get(leader_id, Record())


class _Reading:
    """The fold behind read()."""

    def __init__(self, observation: Observation):
        self.ally_of = {leader.id: leader.ally for leader in observation.leaders}
        self.records: dict[str, Record] = {}
        self.pledged: dict[str, float] = {}
        self.open_words: list[_Word] = []
        self.snapshot: Reputations | None = None  # the last one handed out, until a record changes

    def feed(self, entry) -> None:
        if entry.type != "action":
            return
        action, actor = entry.data["action"], entry.actor
        kind = action["kind"]
        if kind == "pledge":
            self.pledged[self.ally_of[actor]] = float(action["level"])
        elif kind in ("promise", "threat"):
            self.open_words.append(_Word(actor, action["target"], float(action["demand"]), kind))
        elif entry.phase == "silence" and kind in ("pass", "break_silence"):
            self._judge(actor, blocked=kind == "break_silence")

    def _judge(self, actor: str, blocked: bool) -> None:
        """Settle the promises and threats `actor` made, now that it stayed silent or blocked."""
        record = self.records.setdefault(actor, Record())
        self.snapshot = None
        still_open = []
        for word in self.open_words:
            paid = self.pledged.get(self.ally_of[word.target], 0.0) >= word.demand - 1e-9
            if word.giver != actor:
                still_open.append(word)
            elif word.kind == "promise" and paid:
                record.broken += blocked
                record.kept += not blocked
            elif word.kind == "threat" and not paid:
                record.carried_out += blocked
                record.bluffs += not blocked
            elif word.kind == "promise":
                still_open.append(word)  # the target has not paid yet: nothing is owed
        self.open_words = still_open


def read(observation: Observation) -> Reputations:
    """Every leader's record so far, from the public history."""
    fold = folded("reputation", observation, _Reading)
    if fold.snapshot is None:
        fold.snapshot = Reputations({leader: dataclasses.replace(record) for leader, record in fold.records.items()})
    return fold.snapshot
