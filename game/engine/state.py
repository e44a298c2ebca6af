"""A moment of the game: immutable; applying an action gives the next state."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from .draft import Draft
from .preferences import Override


class Phase(str, enum.Enum):
    DRAFTING = "drafting"           # the pen holder tables or keeps the draft
    CONSULTATIONS = "consultations"  # each leader in the order takes one action
    SILENCE = "silence"             # each voting leader stays silent or breaks silence
    OVER = "over"


class Termination(str, enum.Enum):
    ADOPTED = "adopted"   # a draft passed the silence procedure
    NO_DEAL = "no_deal"   # the last round ended with an objection


@dataclass(frozen=True)
class LogEntry:
    """One line of the game's story: an action, an event that fired, or a round's result.
    `text` is the plain sentence players read; `data` is what a replay needs."""

    round: int
    phase: str
    type: str  # "action" | "teacher" | "event" | "result"
    actor: str | None
    text: str
    data: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "round": self.round, "phase": self.phase, "actor": self.actor,
                "text": self.text, **self.data}


MOVES = ("action", "teacher")  # the log lines a replay applies: leaders' actions and the teacher's


class Story:
    """What a moment of any protocol's game answers from its log and its ending."""

    history: tuple
    termination: object

    @property
    def is_terminal(self) -> bool:
        return self.termination is not None

    @property
    def step(self) -> int:
        """How many log entries so far: a position in the game that never repeats."""
        return len(self.history)


@dataclass(frozen=True)
class GameState(Story):
    round: int
    phase: Phase
    turn: int
    draft: Draft
    round_start_draft: Draft
    pledges: tuple[tuple[str, tuple[float, int]], ...] = ()      # ally -> (level % GDP, year)
    carve_out_requests: tuple[tuple[str, int], ...] = ()         # ally -> year asked
    objections: tuple[tuple[str, str], ...] = ()                 # (leader, issue) this round
    ally_overrides: tuple[tuple[tuple[str, str], float], ...] = ()  # (ally, field) -> value
    position_overrides: tuple[Override, ...] = ()
    fired: tuple[str, ...] = ()
    history: tuple[LogEntry, ...] = ()
    termination: Termination | None = None

    def pledge(self, ally_id: str) -> tuple[float, int] | None:
        return dict(self.pledges).get(ally_id)

    def ally_value(self, ally, name: str) -> float:
        """An ally's threat, fiscal_space or domestic_support, after the events so far."""
        return dict(self.ally_overrides).get((ally.id, name), getattr(ally, name))
