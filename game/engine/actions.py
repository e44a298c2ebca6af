"""The Action catalogue. Agents and human players choose from the same small set of value objects.

Every action names its actor (a leader id) and carries `reason`: one plain sentence saying why, which
the log shows to students. A built-in agent's reason is a Said (said.py): the English sentence, whose template
and fields the log keeps beside it (the action's "said") so that an account can write it in another language.
A built-in agent may give it as a SaidLater, written the first time `action.reason` is read (then kept): a game
nobody reads, as in a batch, never writes its sentences. Everyone reads `reason` as the sentence.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import ClassVar

from .draft import Draft, Value
from .said import REASON_MAX, Said, SaidLater


@functools.lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    """An action class's field names in order (dataclasses.fields, asked once per class: every move is logged)."""
    return tuple(item.name for item in dataclasses.fields(kind))


class IllegalActionError(ValueError):
    """An action the rules do not allow now; the message says why in plain words (a Message: English as its str,
    shown in the language in use through game.i18n's error_text). `code` is what a program reads, never the
    words: "illegal", or "confirm" for a move that needs the player to confirm it first."""

    def __init__(self, message: str = "", code: str = "illegal"):
        super().__init__(message)
        self.code = code

    def __reduce__(self):
        return (type(self), (self.args[0] if self.args else "", self.code))


@dataclass(frozen=True)
class Action:
    actor: str
    reason: str = ""
    kind: ClassVar[str] = ""

    def to_json(self, said: bool = True) -> dict:
        """The action as a log line writes it. `said=False` leaves out the reason's template and fields (a game's
        record in memory, whose reason is still the Said itself, or the SaidLater not yet written: LogEntry.data
        and LogEntry.to_json write them when they are read, so a game nobody reads never pays for them)."""
        data = {"kind": self.kind}
        values = self.__dict__   # the fields as given: `reason` read here would write a SaidLater
        for name in _field_names(type(self)):
            value = values[name]
            data[name] = value.to_json() if isinstance(value, Draft) else value
        if said:
            reason = data["reason"] = self.reason
            if isinstance(reason, Said):
                data["said"] = reason.to_json()
        return data


class _Reason:
    """Action.reason: the sentence, a SaidLater's written the first time it is read and kept in its place. A data
    descriptor, so the dataclass's __init__, __eq__, __hash__ and __repr__ go through it."""

    def __get__(self, action, kind=None):
        if action is None:
            return self
        reason = action.__dict__["reason"]
        if type(reason) is SaidLater:
            reason = action.__dict__["reason"] = reason.said()
        return reason

    def __set__(self, action, value) -> None:   # the dataclass's __init__ (object.__setattr__ on a frozen one)
        action.__dict__["reason"] = value


Action.reason = _Reason()   # after @dataclass, which took "" as the field's default


def reason_fits(action: Action) -> bool:
    """Does the action give its reason as one sentence of text, a str of at most REASON_MAX characters? A SaidLater
    is taken unread, or checking would write it: SaidLater.said() refuses to write a longer one, and
    tests/test_reasons_later.py plays every bundled scenario to show that the built-in agents' sentences fit."""
    reason = action.__dict__.get("reason")
    return type(reason) is SaidLater or (isinstance(reason, str) and len(reason) <= REASON_MAX)


@dataclass(frozen=True)
class TableDraft(Action):
    """The pen holder puts a whole draft on the table (at the start of a round)."""

    draft: Draft = None  # type: ignore[assignment]
    kind: ClassVar[str] = "table"


@dataclass(frozen=True)
class Amend(Action):
    """Change one issue of the draft. From the pen holder it changes the text; from anyone else it is a
    proposed amendment on the record, which the pen holder may take up."""

    issue: str = ""
    value: Value = 0.0
    kind: ClassVar[str] = "amend"


class _Word(Action):
    """What a promise and a threat share: to whom, and on what condition. Either `demand` (the target's ally
    pledges at least that % GDP) or, on any issue, `issue` and `value` (the draft says `value` on `issue`
    when the giver answers in the silence procedure)."""

    def to_json(self, said: bool = True) -> dict:
        data = super().to_json(said)
        if data.get("issue") is None:   # a word about a pledge is written as before issues could be named
            data.pop("issue", None)
            data.pop("value", None)
        return data


@dataclass(frozen=True)
class Promise(_Word):
    """A bilateral offer: the giver lets the draft through if the target's ally pledges at least `demand` % GDP,
    or, with `issue`, if the draft says `value` on that issue."""

    target: str = ""
    demand: float = 0.0
    issue: str | None = None
    value: Value | None = None
    kind: ClassVar[str] = "promise"


@dataclass(frozen=True)
class Threat(_Word):
    """A bilateral threat: the giver blocks unless the target's ally pledges at least `demand` % GDP, or, with
    `issue`, unless the draft says `value` on that issue."""

    target: str = ""
    demand: float = 0.0
    issue: str | None = None
    value: Value | None = None
    kind: ClassVar[str] = "threat"


@dataclass(frozen=True)
class Pledge(Action):
    """A national path: the actor's ally will spend `level` % GDP on core defence by `year`."""

    level: float = 0.0
    year: int = 0
    kind: ClassVar[str] = "pledge"


@dataclass(frozen=True)
class AskCarveOut(Action):
    """Ask the pen holder for a later deadline (`year`) for the actor's own ally."""

    year: int = 0
    kind: ClassVar[str] = "carve_out"


@dataclass(frozen=True)
class Statement(Action):
    """A public statement; the reason is what is said. It may name an issue and a limit the pen holder
    can learn from: `bound` "at_most" or "at_least" with `limit` the furthest acceptable value of a range
    issue, or "not" with `limit` an option the speaker will never accept."""

    issue: str | None = None
    limit: Value | None = None
    bound: str | None = None
    kind: ClassVar[str] = "statement"


@dataclass(frozen=True)
class Pass(Action):
    """Do nothing this turn; in the silence procedure, stay silent (accept the draft)."""

    kind: ClassVar[str] = "pass"


@dataclass(frozen=True)
class BreakSilence(Action):
    """Object to the draft in the silence procedure, naming the issue (or 'carve_outs'). One objection
    stops adoption. `wants` may say which way: "more" or "less" on a range issue, the option wanted on an
    options issue (the pen holder learns from it)."""

    issue: str = ""
    wants: str | None = None
    kind: ClassVar[str] = "break_silence"


@dataclass(frozen=True)
class Offer(Action):
    """Bilateral protocol: the proposer of the round offers to split the pie, keeping `share` (0..1) for
    its own side and leaving 1 - share to the other."""

    share: float = 0.0
    kind: ClassVar[str] = "offer"


@dataclass(frozen=True)
class Respond(Action):
    """Bilateral protocol: the other side accepts the offer on the table (the game ends) or rejects it
    (the roles swap and the next round begins)."""

    accept: bool = False
    kind: ClassVar[str] = "respond"


TEACHER = "teacher"   # the actor of TeacherActions; never a leader id (the scenario loader refuses it)


@dataclass(frozen=True)
class TeacherAction(Action):
    """A move by the teacher running the room, not by a leader: allowed at any moment of a game that is not
    over, whoever's turn it is, and logged (as a "teacher" line) so a replay makes it again. Agents do not
    read teacher lines as anyone's negotiating move."""

    actor: str = TEACHER


@dataclass(frozen=True)
class InjectEvent(TeacherAction):
    """Fire one of the scenario's events now (one that has not fired yet)."""

    event: str = ""
    kind: ClassVar[str] = "inject_event"


@dataclass(frozen=True)
class EndNow(TeacherAction):
    """End the negotiation now: `adopt` the current draft as the agreement, or stop with no deal."""

    adopt: bool = False
    kind: ClassVar[str] = "end_now"


ACTION_TYPES: dict[str, type[Action]] = {
    cls.kind: cls for cls in (TableDraft, Amend, Promise, Threat, Pledge, AskCarveOut, Statement, Pass, BreakSilence,
                              Offer, Respond, InjectEvent, EndNow)
}


def action_from_json(data: dict) -> Action:
    """The Action a log line describes; ValueError when the line is not one."""
    if not isinstance(data, dict) or data.get("kind") not in ACTION_TYPES:
        raise ValueError(f"not an action: {data!r}"[:200])
    cls = ACTION_TYPES[data["kind"]]
    names = {item.name for item in dataclasses.fields(cls)}
    fields = {key: value for key, value in data.items() if key not in ("kind", "said")}
    unknown = set(fields) - names
    if unknown:
        raise ValueError(f"unknown field(s) {sorted(unknown)} for action {data['kind']!r}")
    if "said" in data and isinstance(fields.get("reason"), str):   # else the rules refuse the reason itself
        fields["reason"] = Said.from_json(data["said"], fields["reason"])
    if "draft" in fields:
        fields["draft"] = Draft.from_json(fields["draft"])
    return cls(**fields)
