"""`summit host` and `summit join` as a teacher and a class use them: what the host prints, a busy port, the
user's mistakes (exit 2), a host that stops answering (exit 1), and faults: devices that drop and come back,
a host killed mid-game and started again with --resume, after which nothing is lost and the log replays.
Every process is on 127.0.0.1 and every wait is bounded."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from game.net.client import HostGone, join
from tests.net_support import Device, RunningHost, session_of

SUMMIT = [sys.executable, "-m", "game"]


def start_host(home: Path, *args: str) -> tuple[subprocess.Popen, dict]:
    """A headless host in its own process; returns it and what it printed (address, room, teacher, logs)."""
    env = {**os.environ, "SUMMIT_HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    process = subprocess.Popen([*SUMMIT, "host", *args, "--no-window", "--port", "0", "--pace", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    printed: dict = {"logs": [], "tables": int(args[args.index("--tables") + 1]) if "--tables" in args else
                     max(1, len(args) - args.index("--resume") - 1) if "--resume" in args else 1}
    deadline = time.monotonic() + 30
    lines = []
    while True:
        assert time.monotonic() < deadline, f"summit host printed no log path in 30 s: {lines}"
        line = process.stdout.readline()
        assert line, f"summit host ended: {process.stderr.read()[-2000:]}"
        lines.append(line)
        if line.startswith("Students: "):
            printed["students"] = line.split(" ", 1)[1].strip()
        elif line.startswith("Room code: "):
            printed["room"] = line.split(": ", 1)[1].strip()
        elif line.startswith("Teacher's page"):
            printed["teacher"] = line.rsplit("#", 1)[1].strip()
        elif line.startswith("Log of table"):
            printed["logs"].append(Path(line.split(": ", 1)[1].strip()))
            if len(printed["logs"]) == printed["tables"]:
                break
    printed["lines"] = lines
    printed["ws"] = printed["students"].replace("http://", "ws://").rstrip("/") + "/ws"
    return process, printed


def stop(process: subprocess.Popen) -> tuple[int, str]:
    process.send_signal(signal.SIGINT)
    try:
        out, err = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    return process.returncode, out + err


def teacher(printed: dict) -> Device:
    device = Device(printed["ws"])
    device.send({"type": "hello", "v": 1, "teacher": printed["teacher"]})
    device.until(lambda m: m["type"] == "welcome")
    return device


def play_until(device: Device, done, timeout: float = 30.0) -> dict:
    """Pass on every turn (confirming) until `done(view)`; returns that view."""
    for view in device.views(timeout):
        if done(view):
            return view
        if view["you"]["your_turn"]:
            device.send({"type": "move", "move": {"kind": "pass", "confirm": True}})


def test_the_host_prints_the_students_address_first_and_the_room_the_teachers_page_and_the_log(tmp_path):
    process, printed = start_host(tmp_path, "tutorial", "--tables", "2")
    try:
        assert printed["lines"][0].startswith("Students: http://127.0.0.1:")
        assert printed["lines"][0].strip() == f"Students: {printed['students']}"
        assert len(printed["room"]) == 6 and len(printed["teacher"]) >= 32
        assert [p.name.endswith(f"table{n}.jsonl") for n, p in enumerate(printed["logs"], 1)] == [True, True]
        assert all(p.is_relative_to(tmp_path) and p.exists() for p in printed["logs"])
        lobby = json.loads(__import__("urllib.request").request.urlopen(printed["students"] + "api/lobby",
                                                                       timeout=5).read())
        assert len(lobby["tables"]) == 2
    finally:
        code, output = stop(process)
    assert code == 0 and "Traceback" not in output and "The host has stopped" in output


def test_a_busy_port_and_the_users_mistakes_are_one_line_and_exit_2(tmp_path):
    with RunningHost([session_of("tutorial")]) as running:
        env = {**os.environ, "SUMMIT_HOME": str(tmp_path)}
        busy = subprocess.run([*SUMMIT, "host", "tutorial", "--no-window", "--port", str(running.port)],
                              capture_output=True, text=True, env=env, timeout=60)
        assert busy.returncode == 2 and f"port {running.port} is busy" in busy.stderr
        assert busy.stderr.count("\n") == 1 and busy.stdout == ""
        url = f"{running.url}?room={running.host.room}"
        for args, words in [(["join", "not a url", "--as", "sanchez", "--agent", "member"], "not the students' address"),
                            (["join", url, "--as", "nobody", "--agent", "member"], "no leader 'nobody'"),
                            (["join", url, "--as", "sanchez", "--agent", "genius"], "unknown agent 'genius'"),
                            (["join", running.url, "--as", "sanchez", "--agent", "member"], "room code is missing"),
                            (["join", url, "--as", "sanchez", "--agent", "member", "--table", "3"], "1 table(s)"),
                            (["host", "tutorial", "--port", "70000"], "expected a port"),
                            (["host", "--no-window"], "name a SCENARIO")]:
            done = subprocess.run([*SUMMIT, *args], capture_output=True, text=True, env=env, timeout=60)
            assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)
        holder = Device(running.ws_url)
        holder.join(running.host.room, "sanchez")
        taken = subprocess.run([*SUMMIT, "join", url, "--as", "sanchez", "--agent", "member"], capture_output=True,
                               text=True, env=env, timeout=60)
        assert taken.returncode == 2 and "Pedro Sánchez" in taken.stderr
        holder.close()


def test_a_join_client_gives_up_when_the_host_stops_answering():
    running = RunningHost([session_of("tutorial")], pace=0)
    outcome = {}

    def play():
        try:
            join(running.url, "sanchez", "member", room=running.host.room, say=lambda *_: None, silence=2.0)
        except HostGone as error:
            outcome["gone"] = str(error)

    thread = threading.Thread(target=play, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.host.tables[0].devices:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    running.stop()
    thread.join(timeout=20)
    assert "has not answered" in outcome.get("gone", "")


def test_devices_drop_and_return_the_host_restarts_with_resume_and_the_log_replays(tmp_path):
    process, printed = start_host(tmp_path, "tutorial")
    devices = {}
    try:
        for seat in ("sanchez", "tusk"):
            devices[seat] = Device(printed["ws"])
            assert devices[seat].join(printed["room"], seat)["type"] == "welcome"
        boss = teacher(printed)
        boss.send({"type": "teacher", "table": 0, "command": "timeout", "value": 1})
        boss.send({"type": "teacher", "table": 0, "command": "start"})
        # Spain's phone drops mid-round: within a second the computer plays Spain, and the table goes on
        tokens = {seat: d.token for seat, d in devices.items()}
        devices.pop("sanchez").close()
        view = play_until(devices["tusk"], lambda v: v["table"]["round"] >= 2 and any(
            r["seat"] == "sanchez" and r["played_by"] == "computer" for r in v["roster"]))
        assert not view["table"]["over"]
        devices["sanchez"] = Device(printed["ws"])
        assert devices["sanchez"].hello(tokens["sanchez"])["seat"] == "sanchez"    # back to its seat
        back = devices["sanchez"].until(lambda m: m["type"] == "state")["view"]
        assert back["you"]["played_by"] == "person"
        boss.close()
    finally:
        code, output = stop(process)
        for device in devices.values():
            device.close()
    assert code == 0, output
    log = printed["logs"][0]
    lines_before = log.read_text().count("\n")
    assert all(token not in log.read_text() for token in tokens.values())

    process, printed = start_host(tmp_path, "--resume", str(log))
    try:
        assert printed["logs"] == [log]
        for seat in ("sanchez", "tusk"):
            devices[seat] = Device(printed["ws"])
            welcome = devices[seat].hello(tokens[seat])
            assert welcome["type"] == "welcome" and welcome["seat"] == seat, welcome
        ends = {}
        threads = [threading.Thread(target=lambda s=s: ends.update({s: play_until(devices[s], lambda v: v["table"]["over"],
                                                                                     timeout=60)}), daemon=True)
                   for s in devices]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=70)
        assert set(ends) == {"sanchez", "tusk"}
        assert all(isinstance(v["outcome"]["score"], float) for v in ends.values())
    finally:
        code, output = stop(process)
        for device in devices.values():
            device.close()
    assert code == 0, output
    assert log.read_text().count("\n") > lines_before
    replayed = subprocess.run([*SUMMIT, "replay", str(log)], capture_output=True, text=True, timeout=60)
    assert replayed.returncode == 0, replayed.stderr


@pytest.mark.parametrize("bad", ["nothing-here.jsonl", "damaged"])
def test_resume_refuses_a_missing_or_damaged_log_in_one_line(tmp_path, bad):
    path = tmp_path / "log.jsonl"
    if bad == "damaged":
        path.write_text('{"type": "header", "format": 3}\n{"type": "action"\n')
    else:
        path = tmp_path / bad
    done = subprocess.run([*SUMMIT, "host", "--resume", str(path), "--no-window", "--port", "0"], capture_output=True,
                          text=True, timeout=60, env={**os.environ, "SUMMIT_HOME": str(tmp_path)})
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and str(path) in done.stderr, done.stderr


def test_lan_prints_this_machines_network_address_without_a_test_listening_there(tmp_path, monkeypatch, capsys):
    """--lan is checked through the address it prints: the socket is bound to 127.0.0.1 here all the same."""
    import uvicorn

    from game.cli import classroom
    from game.cli.parser import main
    from game.net.server import lan_address

    bound = []
    real_listen = classroom._listen

    def listen_here(address, port):
        bound.append(address)
        return real_listen("127.0.0.1", port)

    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path))
    monkeypatch.setattr(classroom, "_listen", listen_here)
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)
    assert main(["host", "tutorial", "--lan", "--no-window", "--port", "0"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    address = lan_address()
    assert bound == ["0.0.0.0"] and first.startswith(f"Students: http://{address}:")
    assert all(part.isdigit() and 0 <= int(part) <= 255 for part in address.split(".")) and address.count(".") == 3


@pytest.mark.parametrize("asked, shown", [([], "fr"), (["--lang", "en"], "en")])
def test_a_host_with_its_window_speaks_the_windows_language_unless_lang_says_otherwise(tmp_path, monkeypatch, capsys,
                                                                                        asked, shown):
    """The window's Language setting (French here) is the class's language when the host opens its projector
    window: what it prints, the students' page and the projector; --lang wins over it."""
    import uvicorn

    from game import i18n
    from game.cli.parser import main
    from game.net.words import page
    from game.ui import projector

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path))
    from game.play.userdirs import settings_path
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"language": "fr"}), encoding="utf-8")
    seen = {}

    def projector_window(host, size=None):   # the window, as run_projector sees the class
        seen["language"] = i18n.language()
        seen["page"] = page("student.html")

    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)
    monkeypatch.setattr(projector, "run_projector", projector_window)
    assert main(["host", "tutorial", "--port", "0", *asked]) == 0
    printed = capsys.readouterr().out
    assert seen["language"] == shown and f'<html lang="{shown}">' in seen["page"]
    first = "\nÉlèves\u00a0: http://127.0.0.1:" if shown == "fr" else "\nStudents: http://127.0.0.1:"
    assert first in "\n" + printed, printed
    assert ("Choisissez une place" in seen["page"]) == (shown == "fr")
