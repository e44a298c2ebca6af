"""`summit join URL --as LEADER --agent NAME`: a seat of a hosted table played from another machine or
process by a built-in agent, through the same messages as a student's browser (docs/protocol.md): to fill
seats, and to load-test a host.

The client holds nothing private of other seats: on its turn it asks the host for the built-in agent's move
(`advice`: the host runs the agent on this seat's own observation, as it would for a computer seat) and sends
it back as a move. Every loop is bounded: each wait is at most a second, and the client gives up when the host
has not answered for SILENCE seconds (exit 1).
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI
from websockets.sync.client import connect

from ..i18n import _, ngettext, number, reason_of
from .server import PROTOCOL

SILENCE = 30.0        # seconds without a word from the host before giving up
PING_EVERY = 5.0


class JoinError(Exception):
    """A mistake in what was asked (a bad URL, leader, agent, or a seat already taken): exit 2."""


class HostGone(Exception):
    """The host stopped answering: exit 1."""


@dataclass
class Joined:
    seat: str
    table: int
    moves: int
    outcome: dict | None
    score: float | None


def _score(value) -> str:
    return number(value, 1) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def _gone(silence: float) -> str:
    return _("summit join: the host has not answered for {seconds:.0f} s").format(seconds=silence)


def parse_url(url: str, room: str | None) -> tuple[str, str, str]:
    """(the http base, the ws address, the room code) from the students' address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise JoinError(_("summit join: {url!r} is not the students' address (http://ADDRESS:PORT/, as summit host "
                          "prints it)").format(url=url))
    try:
        parts.port
    except ValueError:
        raise JoinError(_("summit join: {url!r}: the port is not a number").format(url=url)) from None
    code = room or (parse_qs(parts.query).get("room") or [None])[0]
    if not code:
        raise JoinError(_("summit join: the room code is missing: add --room CODE (it is on the projector and in what "
                          "summit host prints), or use the address with ?room=CODE"))
    base = f"{parts.scheme}://{parts.netloc}"
    ws = ("wss" if parts.scheme == "https" else "ws") + f"://{parts.netloc}/ws"
    return base, ws, code


def lobby(base: str) -> dict:
    try:
        with urllib.request.urlopen(base + "/api/lobby", timeout=10) as answer:
            return json.loads(answer.read(1 << 20))
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, OSError):
            reason = reason_of(reason)
        raise JoinError(_("summit join: no Summit host answers at {base} ({reason})").format(base=base, reason=reason)
                        ) from None


def join(url: str, leader: str, agent: str, table: int = 0, room: str | None = None, name: str = "",
         say=print, silence: float = SILENCE, on_message=None) -> Joined:
    """Take `leader`'s seat at `table` and play it with `agent` until the game ends. `on_message`, when given,
    is called with every message's text as it arrives (the load benchmark times them; tests read them)."""
    from ..agents import names

    base, ws_url, code = parse_url(url, room)
    if agent not in names():
        raise JoinError(_("summit join: unknown agent {agent!r}; the agents are: {agents}").format(
            agent=agent, agents=', '.join(names())))
    tables = lobby(base).get("tables", [])
    if not 0 <= table < len(tables):
        raise JoinError(ngettext("summit join: --table {table}: the host has {count} table(s)",
                                 "summit join: --table {table}: the host has {count} table(s)", len(tables))
                        .format(table=table + 1, count=len(tables)))
    seats = {s["seat"]: s for s in tables[table]["seats"]}
    if leader not in seats:
        raise JoinError(_("summit join: no leader {leader!r} at table {table}; the leaders are: {leaders}").format(
            leader=leader, table=table + 1, leaders=', '.join(seats)))
    token = None
    moves = 0
    last_heard = time.monotonic()
    while True:
        try:
            with connect(ws_url, open_timeout=10, close_timeout=2, max_size=4 << 20) as socket:
                if token is None:
                    socket.send(json.dumps({"type": "join", "v": PROTOCOL, "room": code, "table": table,
                                            "seat": leader, "name": name or f"{agent} (summit join)", "alone": True}))
                else:
                    socket.send(json.dumps({"type": "hello", "v": PROTOCOL, "token": token}))
                asked_version = fallback_for = None
                pinged = time.monotonic()
                while True:
                    now = time.monotonic()
                    if now - last_heard > silence:
                        raise HostGone(_gone(silence))
                    if now - pinged > PING_EVERY:
                        socket.send(json.dumps({"type": "ping"}))
                        pinged = now
                    try:
                        raw = socket.recv(timeout=1.0)
                    except TimeoutError:
                        continue
                    last_heard = time.monotonic()
                    if on_message is not None:
                        on_message(raw)
                    message = json.loads(raw)
                    kind = message.get("type")
                    if kind == "welcome":
                        if token is None:
                            say(_("Joined table {table} as {leader} ({agent}).").format(table=table + 1, leader=leader,
                                                                                       agent=agent))
                        token = message["token"]
                    elif kind == "error":
                        if token is None or message.get("code") in ("seat", "room", "version", "token", "removed"):
                            raise JoinError(_("summit join: {refusal}").format(refusal=message.get('message')))
                        say(_("The host refused a move: {refusal}").format(refusal=message.get('message')))
                        if asked_version is not None and fallback_for != asked_version:
                            fallback_for = asked_version   # once a turn: pass, always a move the rules allow
                            socket.send(json.dumps({"type": "move", "move": {"kind": "pass", "confirm": True}}))
                    elif kind == "bye":
                        raise JoinError(_("summit join: {refusal}").format(refusal=message.get('reason')))
                    elif kind == "advice":
                        socket.send(json.dumps({"type": "move", "move": message["move"]}))
                        moves += 1
                    elif kind == "state":
                        view = message["view"]
                        if view.get("outcome") is not None and view["table"]["over"]:
                            outcome = view["outcome"]
                            say(_("{headline} Score for {leader}: {score}.").format(
                                headline=outcome['headline'], leader=leader, score=_score(outcome.get('score'))))
                            return Joined(leader, table, moves, outcome, outcome.get("score"))
                        marker = (view["table"]["round"], view["table"]["phase"], len(view["log"]))
                        if view["you"]["your_turn"] and marker != asked_version:
                            asked_version = marker
                            socket.send(json.dumps({"type": "advice", "agent": agent}))
        except (ConnectionClosed, OSError, InvalidHandshake, InvalidURI) as error:
            if token is None:
                said = reason_of(error) if isinstance(error, OSError) and error.strerror else error
                raise JoinError(_("summit join: cannot reach {address}: {reason}").format(address=ws_url, reason=said)
                                ) from None
            if time.monotonic() - last_heard > silence:
                raise HostGone(_gone(silence)) from None
            time.sleep(1.0)   # the connection dropped: come back to the seat with the token
