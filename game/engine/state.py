"""A moment of the game: immutable; applying an action gives the next state."""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .draft import Draft
from .preferences import Override
from .said import Said, SaidLater


class Phase(str, enum.Enum):
    DRAFTING = "drafting"           # the pen holder tables or keeps the draft
    CONSULTATIONS = "consultations"  # each leader in the order takes one action
    SILENCE = "silence"             # each voting leader stays silent or breaks silence
    OVER = "over"


class Termination(str, enum.Enum):
    ADOPTED = "adopted"   # a draft passed the silence procedure
    NO_DEAL = "no_deal"   # the last round ended with an objection


class LogEntry:
    """One line of the game's story: an action, an event that fired, or a round's result.
    `text` is the plain sentence players read; `data` is what a replay needs.

    The text may be given as a function that writes it: the sentence is then written the first time
    someone reads it (a log, the window, an account), never in a batch of games nobody reads. So may an
    action's reason (a SaidLater, actions.py): `data` writes it the first time it is read; `record` is the data
    as given, for the built-in agents and the engine, which read everything but the reason at every move. Two
    entries are equal when everything they say is equal. Entries are read-only."""

    __slots__ = ("round", "phase", "type", "actor", "_text", "record")

    def __init__(self, round: int, phase: str, type: str, actor: str | None, text: "str | Callable[[], str]",
                 data: dict[str, Any] | None = None):
        put = object.__setattr__   # one line per field, not a loop: a log entry is made at every move
        put(self, "round", round)
        put(self, "phase", phase)
        put(self, "type", type)
        put(self, "actor", actor)
        put(self, "_text", text)
        put(self, "record", {} if data is None else data)

    def __setattr__(self, name, value):
        raise AttributeError("a log entry cannot be changed")

    @property
    def text(self) -> str:
        if not isinstance(self._text, str):
            object.__setattr__(self, "_text", self._text())
        return self._text

    @property
    def data(self) -> dict[str, Any]:
        """What a replay needs, an action's reason as the sentence (written here the first time, in its place)."""
        record = self.record
        action = record.get("action")
        if action is not None and type(action.get("reason")) is SaidLater:
            action["reason"] = action["reason"].said()
        return record

    def _key(self) -> tuple:
        return self.round, self.phase, self.type, self.actor, self.text, self.data

    def __eq__(self, other) -> bool:
        return isinstance(other, LogEntry) and self._key() == other._key()

    __hash__ = None  # data is a dict

    def __repr__(self) -> str:
        return (f"LogEntry(round={self.round!r}, phase={self.phase!r}, type={self.type!r}, actor={self.actor!r}, "
                f"text={self.text!r}, data={self.data!r})")

    def to_json(self) -> dict[str, Any]:
        data = self.data
        action = data.get("action")
        if action is not None and "said" not in action and isinstance(action.get("reason"), Said):
            data = {**data, "action": {**action, "said": action["reason"].to_json()}}   # as Action.to_json writes it
        return {"type": self.type, "round": self.round, "phase": self.phase, "actor": self.actor,
                "text": self.text, **data}


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

    def evolve(self, **changes) -> "GameState":
        """dataclasses.replace(self, **changes) without its generic machinery: the engine makes a state at every
        move (GameState has no __post_init__ to run)."""
        if not changes.keys() <= _FIELDS:
            raise TypeError(f"GameState has no field {sorted(changes.keys() - _FIELDS)[0]!r}")
        state = object.__new__(GameState)
        values = state.__dict__
        values.update(self.__dict__)
        values.update(changes)
        return state

    def pledge(self, ally_id: str) -> tuple[float, int] | None:
        return dict(self.pledges).get(ally_id)

    def ally_value(self, ally, name: str) -> float:
        """An ally's threat, fiscal_space or domestic_support, after the events so far."""
        if not self.ally_overrides:
            return getattr(ally, name)
        return dict(self.ally_overrides).get((ally.id, name), getattr(ally, name))


_FIELDS = frozenset(field.name for field in dataclasses.fields(GameState))
