"""A classroom host in the test's own process, on 127.0.0.1 and a free port (uvicorn in a thread), and a
device that speaks docs/protocol.md by hand. Every wait is bounded."""

from __future__ import annotations

import json
import socket
import threading
import time

import uvicorn
from websockets.sync.client import connect

from game.net.server import MAX_FRAME, PROTOCOL, Host
from game.play.session import Session
from game.scenario import load_scenario
from game.scenario.catalogue import bundled_dir


def session_of(scenario_id: str, seed: int = 0, log=None) -> Session:
    session = Session(load_scenario(bundled_dir() / f"{scenario_id}.yaml"), seed, ())
    if log is not None:
        session.keep_log(log)
    return session


class RunningHost:
    def __init__(self, sessions, **options):
        self.host = Host(sessions, **options)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.ws_url = f"ws://127.0.0.1:{self.port}/ws"
        self.host.students_url = self.url
        config = uvicorn.Config(self.host.app, log_level="warning", lifespan="on", ws_max_size=MAX_FRAME)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the host did not start in 10 s"
            time.sleep(0.02)

    def command(self, command, value=None, table=0):
        self.host.call_soon(table, command, value)

    def stop(self):
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class Device:
    """One browser's worth of protocol, by hand: every message it is sent is kept in `received`."""

    def __init__(self, ws_url: str, **headers):
        self._connection = connect(ws_url, open_timeout=5, close_timeout=1, max_size=4 << 20,
                                   additional_headers=headers or None)
        self.socket = self._connection.__enter__()
        self.received: list[str] = []
        self.token = None
        self.view = None

    def send(self, message: dict) -> None:
        self.socket.send(json.dumps(message))

    def send_raw(self, text: str) -> None:
        self.socket.send(text)

    def recv(self, timeout: float = 5.0) -> dict:
        raw = self.socket.recv(timeout=timeout)
        self.received.append(raw)
        message = json.loads(raw)
        if message.get("type") == "welcome" and message.get("token"):
            self.token = message["token"]
        if message.get("type") == "state" and "view" in message:
            self.view = message["view"]
        return message

    def until(self, predicate, timeout: float = 10.0) -> dict:
        """The first message that satisfies `predicate`; AssertionError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, f"no such message within {timeout} s; the last: {[r[:200] for r in self.received[-3:]]}"
            try:
                message = self.recv(timeout=min(left, 1.0))
            except TimeoutError:
                continue
            if predicate(message):
                return message

    def views(self, timeout: float, what: str = "the game did not get there in time"):
        """Each seat view the device is sent, as it comes; AssertionError (saying `what`) after `timeout` s."""
        deadline = time.monotonic() + timeout
        while True:
            assert time.monotonic() < deadline, what
            try:
                message = self.recv(timeout=1.0)
            except TimeoutError:
                continue
            if message["type"] == "state" and "view" in message:
                yield message["view"]

    def join(self, room: str, seat=None, table: int = 0, name: str = "", alone: bool = False) -> dict:
        self.send({"type": "join", "v": PROTOCOL, "room": room, "table": table, "seat": seat, "name": name,
                   "alone": alone})
        return self.until(lambda m: m["type"] in ("welcome", "error"))

    def hello(self, token: str) -> dict:
        self.send({"type": "hello", "v": PROTOCOL, "token": token})
        return self.until(lambda m: m["type"] in ("welcome", "error"))

    def close(self) -> None:
        self._connection.__exit__(None, None, None)
