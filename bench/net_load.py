"""A class on one host: N simulated devices play a hosted Rutte game (`summit host`), and how fast every move
reaches every device.

The host runs in this process (uvicorn in a thread, 127.0.0.1, a free port), as `summit host --no-window`
would; the devices are separate processes (this script with `--device`), each a `summit join` client
(game/net/client.py) playing its seat with the member agent, so the host's loop shares the CPUs with them as
it would share a classroom's Wi-Fi. With `--browsers B`, B of the devices are Debian's chromium at 360 px
(Selenium), passing on their turn. `--leave K` devices quit after round 2: the teacher's timeout (2 s here)
hands their seats to the computer. Two devices hold a private talk. The game plays at `--pace` seconds a
computer move.

What it reports: the 95th percentile (and median, worst) of the time from the host applying a move to a
device receiving the view that holds it, over every move and every device still there; the host process's
peak memory; the game's outcome; whether every device still there received the outcome and its score; and
that the debrief of the log shows every private talk. The same clock (time.time on one machine) timestamps
both ends.

    python bench/net_load.py --devices 25
    python bench/net_load.py --devices 40 --browsers 2
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from _common import ROOT, machine, peak_rss_mb, record_target

SCENARIO = "rutte_washington_2025"


def passer_main(args) -> int:
    """One simulated student in a team of two on a seat: joins as a browser does and stays silent (or passes)
    on the seat's turn; writes (arrival time, lines) of every view it gets."""
    from websockets.sync.client import connect

    arrivals, score = [], None
    with connect(args.ws, open_timeout=10, max_size=4 << 20) as socket:
        socket.send(json.dumps({"type": "join", "v": 1, "room": args.room, "seat": args.seat, "name": "team"}))
        end = time.monotonic() + 900
        asked = None
        while time.monotonic() < end:
            try:
                raw = socket.recv(timeout=1.0)
            except TimeoutError:
                continue
            now = time.time()
            message = json.loads(raw)
            if message.get("type") != "state":
                continue
            view = message["view"]
            arrivals.append((now, view["table"]["lines"], view["outcome"] is not None))
            if view["table"]["over"]:
                score = view["outcome"]["score"]
                break
            if view["you"]["your_turn"] and asked != view["table"]["lines"]:
                asked = view["table"]["lines"]
                socket.send(json.dumps({"type": "move", "move": {"kind": "pass", "confirm": True}}))
    Path(args.out).write_text(json.dumps({"seat": args.seat, "arrivals": arrivals, "score": score, "left": None}))
    return 0


def device_main(args) -> int:
    """One simulated device: a summit join client that writes (arrival time, lines) of every view it gets."""
    from game.net.client import join

    if args.ws:
        return passer_main(args)

    arrivals = []
    left = {"round": None}

    def on_message(raw: str) -> None:
        now = time.time()
        message = json.loads(raw)
        if message.get("type") == "state":
            table = message["view"]["table"]
            arrivals.append((now, table["lines"], message["view"]["outcome"] is not None))
            if args.leave_after and table["round"] > args.leave_after:
                left["round"] = table["round"]
                raise SystemExit(0)

    try:
        result = join(args.url, args.seat, "member", room=args.room, say=lambda *_: None, on_message=on_message)
        score = result.score
    except SystemExit:
        score = None
    Path(args.out).write_text(json.dumps({"seat": args.seat, "arrivals": arrivals, "score": score,
                                          "left": left["round"]}))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devices", type=int, default=25)
    parser.add_argument("--browsers", type=int, default=0, help="of the devices, chromium at 360 px (Selenium)")
    parser.add_argument("--leave", type=int, default=3, help="devices that quit after round 2")
    parser.add_argument("--pace", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--device", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url"), parser.add_argument("--room"), parser.add_argument("--seat")
    parser.add_argument("--out"), parser.add_argument("--leave-after", type=int, default=0)
    parser.add_argument("--ws")
    args = parser.parse_args()
    if args.device:
        return device_main(args)

    import uvicorn
    from game.net.server import MAX_FRAME, Host
    from game.net.table import Table
    from game.play.session import Session
    from game.scenario import load_scenario
    from game.scenario.catalogue import bundled_dir

    print(machine())
    work = Path(tempfile.mkdtemp(prefix="summit-load-"))
    session = Session(load_scenario(bundled_dir() / f"{SCENARIO}.yaml"), args.seed, ())
    session.keep_log(work / "class.jsonl")
    host = Host([session], pace=args.pace, timeout=2.0)
    applied: dict[int, float] = {}
    original = Table.after_move

    def timed_after_move(self, now):
        original(self, now)
        applied.setdefault(len(self.session.state.history), time.time())

    Table.after_move = timed_after_move
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(256)
    port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    host.students_url = url
    server = uvicorn.Server(uvicorn.Config(host.app, log_level="warning", lifespan="on", ws_max_size=MAX_FRAME))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    # one device a seat while there are seats (the Secretary General stays the computer's); beyond that, teams
    # of two students who stay silent share a seat
    free = [l.id for l in session.scenario.leaders if l.id != "rutte"]
    teams = max(0, args.devices - len(free))
    team_seats = free[len(free) - teams:] if teams else []
    seats = free[:args.devices - 2 * teams] if teams else free[:args.devices]
    browser_seats = seats[:args.browsers]
    client_seats = seats[args.browsers:]
    leaving = set(client_seats[-args.leave:]) if args.leave else set()
    processes = []
    for seat in client_seats:
        command = [sys.executable, __file__, "--device", "--url", url, "--room", host.room, "--seat", seat,
                   "--out", str(work / f"{seat}.json")]
        if seat in leaving:
            command += ["--leave-after", "2"]
        processes.append(subprocess.Popen(command, cwd=ROOT))
    team_devices = []
    for seat in team_seats:
        for member in (1, 2):
            name = f"{seat}-{member}"
            team_devices.append(name)
            processes.append(subprocess.Popen([sys.executable, __file__, "--device", "--ws", url.replace("http", "ws") + "ws",
                                               "--room", host.room, "--seat", seat, "--out", str(work / f"{name}.json")],
                                              cwd=ROOT))
    browsers = [_browser(url, host.room, seat, work) for seat in browser_seats]
    deadline = time.monotonic() + 120
    while len(host.tables[0].devices) < len(seats) + len(team_devices):
        if time.monotonic() > deadline:
            print(f"only {len(host.tables[0].devices)} devices joined in 120 s")
            return 1
        time.sleep(0.1)
    # two students talk in private (the debrief must show it)
    talk_texts = _talks(host, client_seats[0], client_seats[1])
    started = time.time()
    host.call_soon(0, "start")
    browser_scores = [None] * len(browsers)
    finished = time.monotonic() + 900
    while not session.over and time.monotonic() < finished:
        for index, driver in enumerate(browsers):
            browser_scores[index] = _browser_turn(driver) or browser_scores[index]
        time.sleep(0.2)
    for process in processes:
        process.wait(timeout=120)
    for index, driver in enumerate(browsers):
        end = time.monotonic() + 20
        while browser_scores[index] is None and time.monotonic() < end:
            browser_scores[index] = _browser_turn(driver)
            time.sleep(0.2)
        driver.quit()
    game_seconds = time.time() - started
    server.should_exit = True
    thread.join(timeout=10)

    latencies, complete, missing = [], 0, []
    for seat in client_seats + team_devices:
        data = json.loads((work / f"{seat}.json").read_text())
        if seat not in leaving:
            complete += data["score"] is not None
            if data["score"] is None:
                missing.append(seat)
        for lines, at in applied.items():
            arrival = next((t for t, n, _ in data["arrivals"] if n >= lines and t >= at - 0.001), None)
            if arrival is not None:
                latencies.append(arrival - at)
            elif data["left"] is None:
                missing.append(f"{seat}@{lines}")
    latencies = np.array(latencies) * 1000
    result = session.outcome()
    computer = [s for s in leaving if host.tables[0].seat_status(s, host.clock()) == "computer"]
    from game.report.debrief import write_debrief
    out = work / "debrief"
    write_debrief([work / "class.jsonl"], out)
    markdown = "".join(p.read_text() for p in out.glob("*.md"))
    shown = [t for t in talk_texts if t in markdown]
    print(f"devices: {len(seats) + len(team_devices)} ({len(client_seats)} summit join clients, {len(browsers)} chromium "
          f"at 360 px, {len(team_devices)} in teams of two on {len(team_seats)} seats); "
          f"{len(leaving)} left after round 2; pace {args.pace} s")
    print(f"game: {'agreed' if result.agreed else 'no deal'} after {result.rounds} rounds, {len(applied)} moves, "
          f"{game_seconds:.1f} s; seats of devices that left now played by the computer: {len(computer)}/{len(leaving)}")
    print(f"move to device: median {np.median(latencies):.1f} ms, 95th percentile {np.percentile(latencies, 95):.1f} ms, "
          f"worst {latencies.max():.1f} ms over {len(latencies)} arrivals")
    p95 = float(np.percentile(latencies, 95))
    record_target(f"5 ({len(seats) + len(team_devices)} devices)", "every move at every device under 100 ms, "
                  "95th percentile", f"{p95:.1f} ms", p95 < 100)
    print(f"host process peak memory: {peak_rss_mb():.0f} MB")
    stayed = len(client_seats) + len(team_devices) - len(leaving)
    print(f"outcome and score on every device still there: {complete}/{stayed} join clients and team devices"
          + (f", {sum(s is not None for s in browser_scores)}/{len(browsers)} browsers" if browsers else "")
          + (f"; missing: {missing[:5]}" if missing else ""))
    print(f"private talks shown in the debrief: {len(shown)}/{len(talk_texts)} ({out})")
    return 0


def _talks(host, sender: str, receiver: str) -> list[str]:
    """Two seats' talk, made through the table as a device's message would be, once consultations begin."""
    texts = []
    table = host.tables[0]

    def talk_when_possible():
        end = time.monotonic() + 300
        while time.monotonic() < end and not table.session.over:
            if table.started and table.session.state.phase.value == "consultations":
                token = next(d.token for d in table.devices.values() if d.seat == sender)
                text = f"Bench talk from {sender} to {receiver}"
                host.loop.call_soon_threadsafe(table.talk, token, receiver, text, {"kind": "promise", "move": "pass"})
                texts.append(text)
                return
            time.sleep(0.1)

    threading.Thread(target=talk_when_possible, daemon=True).start()
    return texts


def _browser(url: str, room: str, seat: str, work: Path):
    """Chromium at 360 px, joined to `seat` through the join page, as a student would."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--window-size=360,740", f"--user-data-dir={work / ('chrome-' + seat)}"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    driver.get(f"{url}?room={room}")
    end = time.monotonic() + 30
    while not driver.find_elements(By.CSS_SELECTOR, f'#seat-list button[data-seat="{seat}"]'):
        if time.monotonic() > end:
            raise SystemExit(f"the join page did not list {seat} in 30 s")
        time.sleep(0.2)
    driver.find_element(By.CSS_SELECTOR, f'#seat-list button[data-seat="{seat}"]').click()
    return driver


def _browser_turn(driver):
    """Pass (confirming the red-line dialog) when it is this browser's turn; the score once the outcome shows."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By

    try:
        score = driver.find_elements(By.ID, "outcome-score")
        if score and score[0].is_displayed() and score[0].text:
            return score[0].text
        confirm = driver.find_elements(By.ID, "confirm-yes")
        if confirm and confirm[0].is_displayed():
            confirm[0].click()
        elif driver.find_elements(By.ID, "turn-banner") and driver.find_element(By.ID, "turn-banner").is_displayed():
            button = driver.find_element(By.ID, "move-pass")
            if button.is_enabled():
                button.click()
    except WebDriverException:
        pass
    return None


if __name__ == "__main__":
    raise SystemExit(main())
