"""The classroom server (`summit host`): Starlette on uvicorn, WebSockets to every device, one event loop.

The server is the only authority. Each table's Session applies every move through the rules and writes the
log; a device only ever sends what it wants to do and is sent what its seat may see (view.py). The
messages are documented in docs/protocol.md; PROTOCOL is their version.

Security, as docs/protocol.md says: seat and teacher tokens are long random values (secrets), never written
to a log (they are kept in a file of their own beside it, readable by the teacher alone, so that `--resume`
can let devices back in); a seat is taken only through the join message, never by a URL; the server checks
the Origin of every WebSocket, limits each message's size and each connection's rate, and answers a bad
message with an error to that device alone. Every loop is bounded: the tick runs every TICK seconds and
does at most one move per table.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import secrets
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from ..engine import IllegalActionError
from ..engine.narrate import shown_text
from ..i18n import _, error_text, ngettext
from ..play.session import Session
from ..scenario.untrusted import NumberTooLong, json_value
from ..play.talk import TalkError, talk_words
from . import resume, view, words
from .table import DEFAULT_PACE, DEFAULT_TIMEOUT, Table, new_token

PROTOCOL = 1
DEFAULT_PORT = 8765
TICK = 0.05                  # seconds between two looks at the tables' clocks
MOVES_PER_TICK = 200         # computer moves a tick may make when the pace is 0 (tests, load runs)
MAX_MESSAGE = 16 * 1024      # bytes of one message from a device: more is answered with the error too_big
MAX_FRAME = 4 * MAX_MESSAGE  # and more than this closes the connection (uvicorn's ws_max_size)
MAX_OUTBOX = 200             # messages waiting for a device that does not read: then it is let go
CLOSE = object()             # in an outbox: close the connection once what comes before it is sent
RATE = 10.0                  # messages a second a connection may send, on average
BURST = 30                   # and at once
STATIC = Path(__file__).resolve().parent / "static"
ROOM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I: read off a projector


def room_code() -> str:
    return "".join(secrets.choice(ROOM_ALPHABET) for _ in range(6))


def lan_address() -> str:
    """This machine's address on the local network: the one a UDP socket would leave from. Connecting a UDP
    socket sends nothing; 127.0.0.1 when there is no network."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


@dataclass(eq=False)
class Connection:
    socket: WebSocket
    table: Table | None = None
    token: str | None = None
    teacher: bool = False
    allowance: float = BURST
    checked_at: float = field(default_factory=time.monotonic)
    sent_version: object = None   # what the device was last sent: its table's version (the teacher's: all)
    outbox: collections.deque = field(default_factory=collections.deque)   # messages to send, in order
    latest: str | None = None     # the newest view not sent yet (a newer one replaces it: a slow device skips)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    writer: asyncio.Task | None = None

    def allowed(self, now: float) -> bool:
        self.allowance = min(BURST, self.allowance + (now - self.checked_at) * RATE)
        self.checked_at = now
        if self.allowance < 1:
            return False
        self.allowance -= 1
        return True


class Host:
    """Every table of one class, the tokens, the connections, and the Starlette app that serves them."""

    def __init__(self, sessions: list[Session], *, pace: float = DEFAULT_PACE, timeout: float = DEFAULT_TIMEOUT,
                 start_after: float | None = None, teacher_token: str | None = None, room: str | None = None,
                 clock=time.monotonic):
        self.clock = clock
        self.tables = [Table(session, index, pace, timeout=timeout) for index, session in enumerate(sessions)]
        self.teacher_token = teacher_token or new_token()
        self.room = room or room_code()
        self.start_at = None if start_after is None else clock() + start_after
        self.connections: set[Connection] = set()
        self.students_url = self.teacher_url = ""
        self.notices: list[str] = []          # what happened, for the projector and the terminal (the last 50)
        self.notices_made = 0                 # how many there have been: the teacher's page changes with it
        self.told_over: set[int] = set()      # the tables whose end the notices have told
        self.advised: dict[str, tuple] = {}   # a summit join device's token -> (the game's step, the action advised)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.app = Starlette(routes=[
            Route("/", self.page_student), Route("/teacher", self.page_teacher),
            Route("/static/{name}", self.static), Route("/api/lobby", self.lobby),
            WebSocketRoute("/ws", self.websocket),
        ], lifespan=self._lifespan)

    # ----- tokens kept beside each log, so --resume lets devices back in --------------------------------
    def keep_tokens(self, table: Table) -> None:
        """The tokens beside the table's log (resume.py), so that --resume lets the devices back in."""
        problem = resume.keep_tokens(self, table)
        if problem:
            self.notice(_("Table {number}: {what}").format(number=table.index + 1, what=problem))

    def notice(self, text: str) -> None:
        self.notices = (self.notices + [text])[-50:]
        self.notices_made += 1

    # ----- pages ----------------------------------------------------------------------------------------
    async def page_student(self, request):
        return HTMLResponse(words.page("student.html"), headers=_PAGE)

    async def page_teacher(self, request):
        return HTMLResponse(words.page("teacher.html"), headers=_PAGE)

    async def static(self, request):
        name = request.path_params["name"]
        path = STATIC / name
        # the pages' templates are served filled in (/ and /teacher), never as they are
        if "/" in name or name.startswith(".") or name.endswith(".html") or not path.is_file():
            return Response("Not found", status_code=404, media_type="text/plain")
        return FileResponse(path, headers=_NO_STORE)

    async def lobby(self, request):
        """The tables and their seats, for the join page: public (who holds a seat shows as a count)."""
        now = self.clock()
        tables = []
        for table in self.tables:
            s = table.scenario
            seats = [{"seat": l.id, "label": view.role_label(s, l), "devices": len(table.holders(l.id)),
                      "alone": any(d.agent for d in table.holders(l.id)), "played_by": table.seat_status(l.id, now)}
                     for l in s.leaders]
            tables.append({"index": table.index, "title": shown_text(s.title), "started": table.started, "over": table.session.over,
                           "seats": seats})
        return JSONResponse({"v": PROTOCOL, "tables": tables}, headers=_NO_STORE)

    # ----- the WebSocket --------------------------------------------------------------------------------
    async def websocket(self, socket_: WebSocket):
        if not _same_origin(socket_):
            await socket_.close(code=1008)
            return
        await socket_.accept()
        connection = Connection(socket_)
        connection.writer = asyncio.ensure_future(self._writer(connection))
        self.connections.add(connection)
        try:
            while True:
                message = await socket_.receive()
                if message["type"] == "websocket.disconnect":
                    break
                text = message.get("text")
                if text is None and message.get("bytes") is not None:
                    text = message["bytes"].decode("utf-8", "replace")
                await self.handle(connection, text or "")
        except WebSocketDisconnect:
            pass
        finally:
            self.connections.discard(connection)
            connection.writer.cancel()
            if connection.token and connection.table is not None:
                connection.table.disconnect(connection.token, self.clock())
                await self.broadcast()

    async def handle(self, connection: Connection, text: str) -> None:
        now = self.clock()
        if len(text.encode("utf-8", "replace")) > MAX_MESSAGE:
            await self.error(connection, "too_big", _("a message is at most {size} bytes").format(size=MAX_MESSAGE))
            return
        if not connection.allowed(now):
            await self.error(connection, "rate", _("too many messages: slow down"))
            return
        try:
            data = json_value(text)
        except NumberTooLong as error:   # a 5,000-digit number: Python would refuse to convert it, with a ValueError
            await self.error(connection, "bad_message", str(error))
            return
        except (json.JSONDecodeError, RecursionError):
            await self.error(connection, "bad_message", _("not JSON"))
            return
        if not isinstance(data, dict) or not isinstance(data.get("type"), str):
            await self.error(connection, "bad_message", _("a message is a JSON object with a 'type'"))
            return
        kind = data["type"]
        try:
            if kind == "ping":
                await self.send(connection, {"type": "pong"})
            elif kind == "hello":
                await self.hello(connection, data, now)
            elif kind == "join":
                await self.join(connection, data, now)
            elif connection.teacher and kind == "teacher":
                await self.teacher_command(connection, data, now)
            elif connection.token is None or connection.table is None:
                await self.error(connection, "no_seat", _("join a seat first (or say hello with your token)"))
            elif connection.token not in connection.table.devices:
                await self.error(connection, "removed", _("this device was removed from its seat by the teacher"))
            elif kind == "move":
                await self.move(connection, data, now)
            elif kind == "talk":
                await self.talk(connection, data)
            elif kind == "preview":
                seat = connection.table.devices[connection.token].seat
                await self.send(connection, {"type": "preview", "score": view.preview(connection.table, seat,
                                                                                     data.get("values"))})
            elif kind == "advice":
                await self.advice(connection, data)
            elif kind == "briefing":
                seat = connection.table.devices[connection.token].seat
                await self.send(connection, {"type": "briefing", "briefing": view.briefing_of(connection.table, seat)})
            else:
                await self.error(connection, "bad_message", _("no message type {kind!r}").format(kind=kind[:30]))
        except (ValueError, TypeError, KeyError) as error:
            await self.error(connection, "bad_message", error_text(error)[:300])

    async def hello(self, connection: Connection, data: dict, now: float) -> None:
        if data.get("v") != PROTOCOL:
            await self.error(connection, "version", _("this server speaks protocol {version}: reload the page")
                             .format(version=PROTOCOL))
            return
        if "teacher" in data:
            if not isinstance(data["teacher"], str) or not secrets.compare_digest(data["teacher"], self.teacher_token):
                await self.error(connection, "token", _("not the teacher's token"))
                return
            connection.teacher = True
            await self.send(connection, {"type": "welcome", "v": PROTOCOL, "teacher": True, "room": self.room,
                                         "students_url": self.students_url})
            await self.send_state(connection, force=True)
            return
        token = data.get("token")
        table = self._table_of(token)
        if table is None:
            await self.error(connection, "token", _("this device holds no seat here (the game may have been restarted "
                                                    "without --resume): join again"))
            return
        await self._seat(connection, table, token, now)

    async def join(self, connection: Connection, data: dict, now: float) -> None:
        if data.get("v") != PROTOCOL:
            await self.error(connection, "version", _("this server speaks protocol {version}: reload the page")
                             .format(version=PROTOCOL))
            return
        if not isinstance(data.get("room"), str) or data["room"].strip().upper() != self.room:
            await self.error(connection, "room", _("not this room's code: it is on the projector"))
            return
        index = data.get("table", 0)
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.tables):
            await self.error(connection, "table", ngettext("there are {count} table(s) here, numbered from 1",
                                                           "there are {count} table(s) here, numbered from 1",
                                                           len(self.tables)).format(count=len(self.tables)))
            return
        table = self.tables[index]
        seat = data.get("seat")
        if seat is not None and not isinstance(seat, str):
            raise ValueError(_("'seat' is a leader id, or null for any free seat"))
        name = data.get("name") or ""
        try:
            device = table.join(seat, name if isinstance(name, str) else "", bool(data.get("alone")), now)
        except ValueError as error:
            await self.error(connection, "seat", error_text(error))
            return
        self.keep_tokens(table)
        self.notice(_("Table {number}: device {device} took {leader}").format(
            number=table.index + 1, device=device.number, leader=shown_text(table.scenario.leader(device.seat).name)))
        await self._seat(connection, table, device.token, now)
        await self._maybe_start(table, now)

    async def _seat(self, connection: Connection, table: Table, token: str, now: float) -> None:
        if connection.token and connection.table is not None and connection.token != token:
            connection.table.disconnect(connection.token, now)
        connection.table, connection.token = table, token
        device = table.connect(token, now)
        await self.send(connection, {"type": "welcome", "v": PROTOCOL, "token": token, "table": table.index,
                                     "seat": device.seat, "device": device.number,
                                     "briefing": view.briefing_of(table, device.seat)})
        await self.broadcast()

    def _table_of(self, token) -> Table | None:
        if not isinstance(token, str):
            return None
        return next((t for t in self.tables if token in t.devices), None)

    async def _maybe_start(self, table: Table, now: float) -> None:
        if not table.started and table.all_seats_taken():
            table.start(now)
            self.notice(_("Table {number}: every seat is taken: the game starts").format(number=table.index + 1))
            self.keep_tokens(table)
            await self.broadcast()

    async def move(self, connection: Connection, data: dict, now: float) -> None:
        table = connection.table
        seat = table.devices[connection.token].seat
        try:
            action = self._as_advised(connection.token, table, view.action_of(table, seat, data.get("move")))
            table.move(connection.token, action, now)
        except IllegalActionError as error:
            await self.error(connection, error.code, _("Not allowed: {reason}").format(reason=error_text(error)))
            return
        await self.broadcast()

    async def advice(self, connection: Connection, data: dict) -> None:
        """For a `summit join` client: the move a built-in agent would make for the seat now, from the seat's
        own observation (what a computer seat sees); the client sends it back as its move."""
        from ..agents import create, names

        table = connection.table
        device = table.devices[connection.token]
        agent = data.get("agent")
        if not device.agent:
            await self.error(connection, "advice", _("advice is for summit join clients, not for students"))
            return
        if agent not in names():
            await self.error(connection, "advice", _("no agent {agent!r}").format(agent=str(agent)[:30]))
            return
        session = table.session
        if session.actor != device.seat or device.seat not in session.humans:
            await self.error(connection, "advice", _("it is not this seat's turn"))
            return
        player = create(agent, device.seat, session.scenario)
        action = player.act(session.game.observe(session.state, device.seat),
                            session.game.agent_rng(session.state, device.seat))
        self.advised[connection.token] = (session.state.step, action)
        await self.send(connection, {"type": "advice", "move": view.move_of(action)})

    def _as_advised(self, token: str, table: Table, action):
        """A move that is the advice the device was just given for this moment: the agent's own action, whose
        reason keeps its template and fields (the host tells it in its language, the log keeps them); any other
        move as the device sent it (a device never sends a template of its own)."""
        advised = self.advised.pop(token, None)
        if advised is not None and advised[0] == table.session.state.step and \
                advised[1].to_json(False) == action.to_json(False):
            return advised[1]
        return action

    async def talk(self, connection: Connection, data: dict) -> None:
        table = connection.table
        try:
            talk = table.talk(connection.token, data.get("to"), data.get("text", ""), data.get("offer"))
        except TalkError as error:
            await self.error(connection, "talk", error_text(error))
            return
        record = talk.to_json()
        words = talk_words(table.scenario, record)
        for other in list(self.connections):
            if other.table is table and other.token in table.devices and \
                    table.devices[other.token].seat in (talk.sender, talk.to):
                await self.send(other, {"type": "talk", "talk": {"from": talk.sender, "to": talk.to,
                                                                  "round": talk.round, "text": words}})
        await self.broadcast()

    async def teacher_command(self, connection: Connection, data: dict, now: float) -> None:
        index = data.get("table", 0)
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(self.tables):
            await self.error(connection, "table", _("no such table"))
            return
        try:
            said = self.command(index, data.get("command"), data.get("value"), now)
        except (ValueError, IllegalActionError) as error:
            await self.error(connection, "teacher", error_text(error)[:300])
            return
        await self.send(connection, {"type": "done", "message": said})
        await self.broadcast()

    def command(self, index: int, command, value, now: float | None = None) -> str:
        """A teacher's control on one table (the teacher's page, or the projector window through
        `call_soon`); returns what happened in words."""
        now = self.clock() if now is None else now
        table = self.tables[index]
        if not isinstance(command, str):
            raise ValueError(_("a teacher's command is a word"))
        if command == "remove":
            device = next((d for d in table.devices.values() if d.number == value), None)
            said = table.teacher(command, value, now)
            if device is not None:
                for other in list(self.connections):
                    if other.token == device.token:
                        self._bye(other, _("the teacher removed this device from its seat"))
        else:
            said = table.teacher(command, value, now)
        self.keep_tokens(table)
        self.notice(_("Table {number}: {what}").format(number=index + 1, what=said))
        return said

    def call_soon(self, index: int, command: str, value=None) -> None:
        """The projector window's controls: the command runs on the server's loop (thread-safe)."""
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self._command_and_tell, index, command, value)

    def _command_and_tell(self, index: int, command: str, value) -> None:
        try:
            self.command(index, command, value)
        except (ValueError, IllegalActionError) as error:
            self.notice(_("Table {number}: {what}").format(number=index + 1, what=error_text(error)))
        asyncio.ensure_future(self.broadcast())

    def _bye(self, connection: Connection, reason: str) -> None:
        """Tell a device it is let go, then close its connection once that is sent."""
        self._queue(connection, json.dumps({"type": "bye", "reason": reason}, ensure_ascii=False))
        connection.token = None
        self._queue(connection, CLOSE)

    # ----- sending ------------------------------------------------------------------------------------
    async def send(self, connection: Connection, message: dict) -> None:
        self._queue(connection, json.dumps(message, ensure_ascii=False, separators=(",", ":")))

    def _queue(self, connection: Connection, item) -> None:
        """A message for the device, sent by its own writer: the server's loop never waits on a device."""
        if len(connection.outbox) >= MAX_OUTBOX:
            connection.outbox.clear()
            connection.latest = None
            item = CLOSE            # a device that stopped reading is let go (it may come back with its token)
        connection.outbox.append(item)
        connection.wake.set()

    async def _writer(self, connection: Connection) -> None:
        """Sends a connection's messages in order, then its newest view; one task per connection."""
        try:
            while True:
                await connection.wake.wait()
                connection.wake.clear()
                while connection.outbox or connection.latest is not None:
                    if connection.outbox:
                        item = connection.outbox.popleft()
                    else:
                        item, connection.latest = connection.latest, None
                    if item is CLOSE:
                        await connection.socket.close(code=1000)
                        return
                    await connection.socket.send_text(item)
        except (RuntimeError, OSError, WebSocketDisconnect):
            self.connections.discard(connection)

    async def error(self, connection: Connection, code: str, message: str) -> None:
        await self.send(connection, {"type": "error", "code": code, "message": message})

    async def broadcast(self) -> None:
        """Every connection whose table changed since it was last sent gets its view (one view made per seat
        and per table, however many devices share it)."""
        now = self.clock()
        made: dict[tuple, str] = {}
        failed = set()
        for connection in list(self.connections):
            try:
                await self.send_state(connection, now=now, made=made)
            except Exception as error:   # noqa: BLE001 - one seat's view must not keep the others' from them
                what = f"{type(error).__name__}: {error}"[:200]
                if what not in failed:
                    failed.add(what)
                    self.notice(_("A view could not be made: {what}").format(what=what))
                    print(_("summit host: a view could not be made: {what}").format(what=what), file=sys.stderr)

    async def send_state(self, connection: Connection, force: bool = False, now: float | None = None,
                         made: dict | None = None) -> None:
        now = self.clock() if now is None else now
        made = {} if made is None else made
        if connection.teacher:
            version = (tuple(t.version for t in self.tables), self.notices_made)
            if not force and version == connection.sent_version:
                return
            connection.sent_version = version
            key = ("teacher",)
            if key not in made:
                made[key] = json.dumps({"type": "state", "teacher": self.teacher_view(now)}, ensure_ascii=False,
                                       separators=(",", ":"))
            connection.latest = made[key]
            connection.wake.set()
            return
        table = connection.table
        if table is None or connection.token not in table.devices:
            return
        if not force and connection.sent_version == table.version:
            return
        connection.sent_version = table.version
        seat = table.devices[connection.token].seat
        key = (table.index, seat)
        if key not in made:
            public = made.setdefault(("public", table.index), view.public_view(table, now))
            made[key] = json.dumps({"type": "state", "view": view.seat_view(table, seat, now, public)},
                                   ensure_ascii=False, separators=(",", ":"))
        connection.latest = made[key]
        connection.wake.set()

    def teacher_view(self, now: float) -> dict:
        return view.teacher_view(self, now)

    # ----- the clock ------------------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def _lifespan(self, app):
        self.loop = asyncio.get_running_loop()
        clock = self.loop.create_task(self.run())
        try:
            yield
        finally:
            clock.cancel()

    async def run(self) -> None:
        """The tables' clock: every TICK seconds, whatever is due (bounded: at most MOVES_PER_TICK moves per
        table per tick). It never waits on a device (each has its own writer), and a failure is told to the
        teacher, not allowed to stop the class."""
        while True:
            try:
                await self._tick()
            except Exception as error:   # noqa: BLE001 - the clock must go on whatever one tick met
                self.notice(_("The host met an error and goes on: {error}").format(
                    error=f"{type(error).__name__}: {error}")[:300])
                print(f"summit host: {type(error).__name__}: {error}"[:300], file=sys.stderr)
            await asyncio.sleep(TICK)

    async def _tick(self) -> None:
        now = self.clock()
        changed = False
        if self.start_at is not None and now >= self.start_at:
            self.start_at = None
            for table in self.tables:
                if not table.started:
                    table.start(now)
                    self.keep_tokens(table)
                    self.notice(_("Table {number}: the time to wait is over: the game starts").format(
                        number=table.index + 1))
                    changed = True
        for table in self.tables:
            try:
                changed = table.tick(now, MOVES_PER_TICK) or changed
            except Exception as error:   # noqa: BLE001 - an agent's failure pauses its table, and the teacher is told
                table.paused = True
                table.changed()
                self.notice(_("Table {number}: paused: a computer player failed: {error}").format(
                    number=table.index + 1, error=error)[:300])
                changed = True
            if table.session.over and table.index not in self.told_over:   # whoever made the last move
                self.told_over.add(table.index)
                result = table.session.outcome()
                self.notice((ngettext("Table {number}: the negotiation is over: agreed after {rounds} round(s)",
                                      "Table {number}: the negotiation is over: agreed after {rounds} round(s)",
                                      result.rounds) if result.agreed else
                             ngettext("Table {number}: the negotiation is over: no deal after {rounds} round(s)",
                                      "Table {number}: the negotiation is over: no deal after {rounds} round(s)",
                                      result.rounds)).format(number=table.index + 1, rounds=result.rounds))
                changed = True
        if changed:
            await self.broadcast()


_NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
_PAGE = {**_NO_STORE,   # the pages run only the host's own script and style, and talk only to the host
         "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"}


def _same_origin(socket_: WebSocket) -> bool:
    """A browser's WebSocket must come from a page this server served (a page elsewhere cannot drive a seat);
    a client with no Origin (summit join) is let in."""
    origin = socket_.headers.get("origin")
    if origin is None:
        return True
    host = socket_.headers.get("host", "")
    return urlsplit(origin).netloc.lower() == host.lower()
