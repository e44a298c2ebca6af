"""Privacy over a whole hosted Rutte game: every message each seat's devices were sent is read, and none holds
another seat's private positions, red lines, objective, meter, score or private talks."""

from __future__ import annotations

import json
import threading
import time

from game.net.client import join
from game.report.briefing import wants
from tests.net_support import Device, RunningHost, session_of

AGENT_SEATS = ("trump", "sanchez", "meloni", "orban", "tusk", "frederiksen")
TALKER = "scholz"        # a student's browser, by hand: talks to TALKED_TO and passes on its turn
TALKED_TO = "sanchez"


def test_no_seat_is_ever_sent_another_seats_secrets(tmp_path):
    session = session_of("rutte_washington_2025", log=tmp_path / "rutte.jsonl")
    scenario = session.scenario
    ids = {leader.id for leader in scenario.leaders}
    assert set(AGENT_SEATS) | {TALKER} <= ids, sorted(ids)
    received: dict[str, list[str]] = {seat: [] for seat in (*AGENT_SEATS, TALKER)}
    with RunningHost([session], pace=0) as running:
        room = running.host.room
        results, threads = {}, []
        for seat in AGENT_SEATS:
            def play(seat=seat):
                results[seat] = join(running.url, seat, "member", room=room, say=lambda *_: None,
                                     on_message=received[seat].append)
            threads.append(threading.Thread(target=play, daemon=True))
            threads[-1].start()
        talker = Device(running.ws_url)
        assert talker.join(room, TALKER, name="<b>Team</b>")["type"] == "welcome"
        deadline = time.monotonic() + 10
        while len(running.host.tables[0].devices) < len(AGENT_SEATS) + 1:
            assert time.monotonic() < deadline, "the join clients did not all join"
            time.sleep(0.05)
        running.command("start")
        secret = "SECRET-TALK-only-for-sanchez"
        talked = False
        for view in talker.views(120, "the game did not end in 120 s"):
            if view["table"]["over"]:
                break
            if not talked and view["table"]["phase"] == "consultations":
                talker.send({"type": "talk", "to": TALKED_TO, "text": secret,
                             "offer": {"kind": "promise", "move": "pass"}})
                talked = True
            if view["you"]["your_turn"]:
                talker.send({"type": "move", "move": {"kind": "pass", "confirm": True}})
        for thread in threads:
            thread.join(timeout=60)
        received[TALKER] = talker.received
        talker.close()
    assert set(results) == set(AGENT_SEATS) and all(r.outcome is not None for r in results.values())
    assert talked

    for seat, messages in received.items():
        text = "\n".join(messages)
        views = [json.loads(m)["view"] for m in messages if json.loads(m).get("type") == "state"]
        assert views and all(v["you"]["seat"] == seat for v in views)
        mine = {sentence for _, sentence in wants(scenario, scenario.leader(seat))}
        for leader in scenario.leaders:
            if leader.id == seat:
                continue
            for label, sentence in wants(scenario, leader):
                if sentence not in mine:
                    assert json.dumps(sentence, ensure_ascii=False)[1:-1] not in text, (seat, leader.id, label)
            if leader.objective:
                assert json.dumps(leader.objective, ensure_ascii=False)[1:-1] not in text, (seat, leader.id)
        assert '"scores"' not in text                     # only the seat's own score, at the end
        outcome = views[-1]["outcome"]
        assert outcome is not None and isinstance(outcome["score"], float)
        assert (secret in text) == (seat in (TALKER, TALKED_TO)), seat
    log = (tmp_path / "rutte.jsonl").read_text()
    assert secret in log                                  # the log keeps the talk for the debrief
