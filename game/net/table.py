"""One table of a hosted class: a Session, the seats and the devices that hold them, the teacher's controls,
and the clock that lets the computer move. Plain synchronous code: the server (server.py) calls it from one
event loop, so nothing here waits, locks or touches the network, and a test can drive a table by hand.

Who plays a seat, at any moment:
- before the game starts, nobody moves;
- a seat held by at least one device (a student's browser, or a `summit join` client) is played by people,
  unless the teacher handed it to the computer, or all its devices have been gone for longer than the
  teacher's timeout (then the computer plays it until a device comes back);
- every other seat is played by its agent, one move every `pace` seconds, so the room can follow.
The Session's `humans` is kept equal to the seats people play; a seat swap never changes the game.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from ..engine import EndNow, IllegalActionError, InjectEvent, Phase
from ..i18n import msg
from ..play.public import role_label
from ..play.session import Session
from ..play.talk import Talk, TalkError, clean_text, offer_from_json

TOKEN_BYTES = 24          # secrets.token_urlsafe: 32 characters
DEFAULT_PACE = 0.5        # seconds between two computer moves
DEFAULT_TIMEOUT = 120.0   # seconds a seat may stay without a device before the computer plays it


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


@dataclass
class Device:
    token: str
    seat: str
    name: str = ""
    agent: bool = False          # a `summit join` client: holds its seat alone
    connected: int = 0           # open connections with this token
    gone_since: float | None = None
    number: int = 0              # shown to the teacher ("device 7"), never the token


@dataclass
class Table:
    session: Session
    index: int = 0
    pace: float = DEFAULT_PACE
    devices: dict[str, Device] = field(default_factory=dict)   # token -> device
    started: bool = False
    paused: bool = False
    talks_on: bool = True
    timeout: float = DEFAULT_TIMEOUT
    computer_seats: set[str] = field(default_factory=set)      # the teacher handed these to the computer
    round_time: float = 0.0      # the teacher's round deadline in seconds (0: none)
    round_started: float = 0.0
    round_seen: int = 1
    paused_at: float | None = None
    next_move_at: float = 0.0
    version: int = 0             # goes up whenever anything a device sees changes
    devices_made: int = 0

    @property
    def scenario(self):
        return self.session.scenario

    @property
    def log_path(self) -> Path | None:
        return self.session.log_path

    def changed(self) -> None:
        self.version += 1

    # ----- seats and devices -------------------------------------------------------------------------
    def seat_ids(self) -> list[str]:
        return [leader.id for leader in self.scenario.leaders]

    def holders(self, seat: str) -> list[Device]:
        return [d for d in self.devices.values() if d.seat == seat]

    def seat_status(self, seat: str, now: float) -> str:
        """"person", "program" (a `summit join` client), "absent" (its devices dropped, within the timeout),
        "computer" or "empty"; once the game is over, "left" for a seat whose devices have all gone."""
        holders = self.holders(seat)
        if self.session.over and holders and not any(d.connected for d in holders):
            return "left"
        if seat in self.computer_seats:
            return "computer"
        if any(d.connected for d in holders):
            return "person" if any(d.connected and not d.agent for d in holders) else "program"
        if holders and any(d.gone_since is None or now - d.gone_since <= self.timeout for d in holders):
            return "absent"
        return "computer" if self.started or holders else "empty"

    def people_seats(self, now: float) -> tuple[str, ...]:
        return tuple(s for s in self.seat_ids() if self.seat_status(s, now) in ("person", "program", "absent"))

    def sync_humans(self, now: float) -> None:
        """Keep the Session's people equal to the seats people play now (a seat swap; the game goes on). Once
        the game is over nothing changes: the log's header keeps who played what to the end."""
        if self.session.over:
            return
        wanted = self.session._ordered(self.people_seats(now))
        if wanted != self.session.humans:
            self.session.set_humans(wanted)
            self.changed()

    def free_seat(self) -> str | None:
        """The first seat nobody holds, voters first (the roster's order: the Secretary General, the US, then
        members alphabetically)."""
        held = {d.seat for d in self.devices.values()}
        order = sorted(self.scenario.leaders, key=lambda l: (l.without_vote, l.id not in ("secretary_general",),
                                                             role_label(self.scenario, l)))
        return next((l.id for l in order if l.id not in held and l.id not in self.computer_seats), None)

    def join(self, seat: str | None, name: str, agent: bool, now: float) -> Device:
        """A device takes a seat (or the first free one); ValueError says why it cannot."""
        if seat is None:
            seat = self.free_seat()
            if seat is None:
                raise ValueError("every seat is taken: ask the teacher for one, or join a team on a seat")
        if seat not in self.seat_ids():
            raise ValueError(f"no seat {str(seat)[:40]!r} at this table")
        holders = self.holders(seat)
        if any(d.agent for d in holders):
            raise ValueError(f"{self._name(seat)} is played by a `summit join` client")
        if agent and holders:
            raise ValueError(f"{self._name(seat)} is already taken by {len(holders)} device(s)")
        self.devices_made += 1
        device = Device(new_token(), seat, clean_text(name)[:40], agent, 0, None, self.devices_made)
        self.devices[device.token] = device
        names = ", ".join(dict.fromkeys(d.name for d in self.holders(seat) if d.name and not d.agent))
        if names:
            self.session.set_player(seat, names)   # a name typed for the seat goes in the log's header, as in the window
        self.sync_humans(now)
        self.changed()
        return device

    def connect(self, token: str, now: float) -> Device:
        device = self.devices[token]
        device.connected += 1
        device.gone_since = None
        self.sync_humans(now)
        self.changed()
        return device

    def disconnect(self, token: str, now: float) -> None:
        device = self.devices.get(token)
        if device is None:
            return
        device.connected = max(0, device.connected - 1)
        if not device.connected:
            device.gone_since = now
        self.sync_humans(now)
        self.changed()

    def remove(self, number: int, now: float) -> Device:
        """The teacher removes a device (by its number): its token stops working at once."""
        device = next((d for d in self.devices.values() if d.number == number), None)
        if device is None:
            raise ValueError(f"no device {number} at this table")
        del self.devices[device.token]
        self.sync_humans(now)
        self.changed()
        return device

    def _name(self, seat: str) -> str:
        return self.scenario.leader(seat).name

    # ----- the game ---------------------------------------------------------------------------------
    def all_seats_taken(self) -> bool:
        held = {d.seat for d in self.devices.values()}
        return all(s in held for s in self.seat_ids())

    def start(self, now: float) -> None:
        if self.started:
            return
        self.started = True
        self.round_started = now
        self.next_move_at = now + self.pace
        self.sync_humans(now)
        self.changed()

    def move(self, token: str, action, now: float) -> None:
        """A device's move for its seat; IllegalActionError says why not (to that device alone)."""
        device = self.devices[token]
        if not self.started:
            raise IllegalActionError(msg("the game has not started yet"))
        if self.paused:
            raise IllegalActionError(msg("the teacher has paused the table"))
        if self.session.over:
            raise IllegalActionError(msg("the negotiation is over"))
        if self.seat_status(device.seat, now) == "computer":
            raise IllegalActionError(msg("the computer plays your seat now (the teacher can hand it back)"))
        if action.actor != device.seat:
            raise IllegalActionError(msg("a device moves only for its own seat"))
        self.session.submit(action)
        self.after_move(now)

    def after_move(self, now: float) -> None:
        if self.session.state.round != self.round_seen:
            self.round_seen = self.session.state.round
            self.round_started = now
        self.next_move_at = now + self.pace
        self.changed()

    def deadline_left(self, now: float) -> float | None:
        if not self.round_time or not self.started or self.session.over:
            return None
        clock = self.paused_at if self.paused and self.paused_at is not None else now
        return max(0.0, self.round_started + self.round_time - clock)

    def tick(self, now: float, budget: int = 1) -> bool:
        """Whatever is due now: computer moves (at most `budget`, and one per `pace` seconds when the pace is
        not 0), a move the computer makes for a person whose round deadline has passed, and seats whose
        devices stayed away too long. True when something changed."""
        before = self.version
        self.sync_humans(now)
        for _ in range(budget if self.pace == 0 else 1):
            if not self.started or self.paused or self.session.over or now < self.next_move_at:
                break
            actor = self.session.actor
            if actor is None:
                break
            if actor in self.session.humans:
                left = self.deadline_left(now)
                if left is None or left > 0:
                    break
                self.session.agent_move(stand_in=True)   # time is up: the computer moves for the seat this once
            else:
                self.session.agent_move()
            self.after_move(now)
        return self.version != before

    # ----- private talks ----------------------------------------------------------------------------
    def talk(self, token: str, to, text, offer) -> Talk:
        device = self.devices[token]
        state = self.session.state
        if not self.talks_on:
            raise TalkError("the teacher has switched private talks off")
        if not self.started or self.session.over:
            raise TalkError("private talks are for the negotiation itself")
        if state.phase != Phase.CONSULTATIONS:
            raise TalkError("private talks are held during consultations")
        if to not in self.seat_ids() or to == device.seat:
            raise TalkError("talk to another seat at this table")
        words = clean_text(text)
        the_offer = offer_from_json(self.scenario, offer)
        if not words and the_offer is None:
            raise TalkError("say something, or make an offer")
        talk = Talk(state.round, state.phase.value, device.seat, to, words, the_offer)
        self.session.add_talk(talk)
        self.changed()
        return talk

    def talks_of(self, seat: str) -> list[dict]:
        return [record for _, record in self.session.talks if seat in (record.get("from"), record.get("to"))]

    # ----- the teacher ------------------------------------------------------------------------------
    def teacher(self, command: str, value, now: float) -> str:
        """One of the teacher's controls; returns what happened in words (ValueError or IllegalActionError
        says why not)."""
        if command == "start":
            self.start(now)
            return "The game has started."
        if command == "pause":
            if not self.paused:
                self.paused, self.paused_at = True, now
            self.changed()
            return "The table is paused."
        if command == "resume":
            if self.paused:
                self.round_started += now - (self.paused_at or now)
                self.paused, self.paused_at = False, None
                self.next_move_at = now + self.pace
            self.changed()
            return "The table plays on."
        if command in ("deadline", "extend"):
            seconds = _seconds(value)
            if command == "deadline":
                self.round_time, self.round_started = seconds, now
                self.changed()
                return f"Round deadline: {seconds:.0f} s from now." if seconds else "No round deadline."
            if not self.round_time:
                raise ValueError("there is no round deadline to extend")
            self.round_time += seconds
            self.changed()
            return f"The round deadline is {seconds:.0f} s later."
        if command == "timeout":
            self.timeout = _seconds(value)
            self.sync_humans(now)
            self.changed()
            return f"A seat left without a device for {self.timeout:.0f} s is played by the computer."
        if command == "talks":
            self.talks_on = bool(value)
            self.changed()
            return "Private talks are on." if self.talks_on else "Private talks are off."
        if command == "inject":
            self.session.teacher(InjectEvent(event=str(value)))
            self.after_move(now)
            return "The event has fired."
        if command == "end_now":
            self.session.teacher(EndNow(adopt=bool(value)))
            self.after_move(now)
            return "The negotiation has ended."
        if command == "undo":
            reason = self.session.why_no_undo()
            if reason:
                raise IllegalActionError(reason)
            taken = self.session.undo()
            self.after_move(now)
            return f"Taken back: {taken}"
        if command in ("computer", "hand_back"):
            if value not in self.seat_ids():
                raise ValueError(f"no seat {str(value)[:40]!r} at this table")
            (self.computer_seats.add if command == "computer" else self.computer_seats.discard)(value)
            self.sync_humans(now)
            self.changed()
            return (f"The computer plays {self._name(value)}." if command == "computer"
                    else f"{self._name(value)} is handed back to its devices.")
        if command == "remove":
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError("remove takes a device number")
            device = self.remove(value, now)
            return f"Device {device.number} ({self._name(device.seat)}) is removed."
        raise ValueError(f"no teacher command {str(command)[:30]!r}")

    def moved_this_round(self) -> tuple[list[str], list[str]]:
        """Who has moved in the current round and who has not yet, among the seats people play."""
        state = self.session.state
        moved = {e.actor for e in state.history if e.round == state.round and e.type == "action"}
        people = [s for s in self.session.humans]
        return [s for s in people if s in moved], [s for s in people if s not in moved]


def _seconds(value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 24 * 3600:
        raise ValueError("a time in seconds, from 0 to 86400")
    return float(value)
