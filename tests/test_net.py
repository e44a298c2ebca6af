"""The networked classroom (`summit host`): a table's seats and clock, the teacher's controls, the messages a
device may send and what it gets back, and private talks. Everything on 127.0.0.1, every wait bounded."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from game.engine import IllegalActionError, Pass
from game.net import view
from game.net.server import PROTOCOL
from game.net.table import Table
from game.play.talk import TalkError
from tests.net_support import Device, RunningHost, session_of


def student(table: Table, seat: str, name: str = "", now: float = 0.0):
    """A student's device that takes a seat and is connected."""
    device = table.join(seat, name, False, now)
    table.connect(device.token, now)
    return device


def seated(table: Table, now: float = 0.0):
    """A connected device on every seat of a table."""
    return {seat: student(table, seat, seat, now) for seat in table.seat_ids()}


# ----- a table, by hand --------------------------------------------------------------------------------

def test_seats_nobody_takes_are_played_by_the_computer_once_the_teacher_starts():
    table = Table(session_of("tutorial"), pace=0)
    device = student(table, "sanchez", "Ana")
    assert table.seat_status("sanchez", 0.0) == "person" and table.seat_status("tusk", 0.0) == "empty"
    assert not table.tick(1.0, 50) and table.session.state.history == ()   # not started: nobody moves
    table.teacher("start", None, 1.0)
    assert table.seat_status("tusk", 1.0) == "computer"
    table.tick(2.0, 500)
    assert table.session.actor == "sanchez"     # the computers moved up to the student's turn, and wait
    table.move(device.token, Pass("sanchez", "fine"), 2.0)
    assert table.session.state.history[-1].actor == "sanchez"


def test_a_seat_left_without_a_device_past_the_timeout_is_played_by_the_computer_until_it_returns():
    table = Table(session_of("tutorial"), pace=0, timeout=30)
    device = student(table, "sanchez")
    table.start(0.0)
    table.tick(0.0, 500)
    assert table.session.actor == "sanchez"
    table.disconnect(device.token, 1.0)
    assert table.seat_status("sanchez", 20.0) == "absent"
    table.tick(20.0, 1)
    assert table.session.actor == "sanchez"     # within the timeout the table waits
    table.tick(40.0, 1)
    assert table.seat_status("sanchez", 40.0) == "computer"
    assert table.session.state.history[-1].actor == "sanchez"   # the computer moved for the absent student
    table.connect(device.token, 41.0)
    assert table.seat_status("sanchez", 41.0) == "person" and "sanchez" in table.session.humans


def test_the_round_deadline_lets_the_computer_move_for_a_student_who_has_not():
    table = Table(session_of("tutorial"), pace=0)
    student(table, "sanchez")
    table.start(0.0)
    table.teacher("deadline", 60, 0.0)
    table.tick(1.0, 500)
    assert table.session.actor == "sanchez"
    table.teacher("extend", 30, 2.0)
    table.tick(80.0, 1)
    assert table.session.actor == "sanchez"      # 60 + 30 s: not yet
    table.tick(95.0, 1)
    assert table.session.state.history[-1].actor == "sanchez"
    assert "sanchez" in table.session.humans     # the seat stays the student's


def test_only_the_teachers_pause_holds_the_table():
    table = Table(session_of("tutorial"), pace=0)
    devices = seated(table)
    table.start(0.0)
    table.teacher("pause", None, 0.0)
    actor = table.session.actor
    with pytest.raises(IllegalActionError, match="paused"):
        table.move(devices[actor].token, Pass(actor), 1.0)
    table.teacher("resume", None, 2.0)
    table.move(devices[actor].token, Pass(actor), 2.0)


def test_teacher_controls_hand_a_seat_to_the_computer_and_back_inject_undo_end():
    table = Table(session_of("rutte_washington_2025"), pace=0)
    student(table, "sanchez")
    table.start(0.0)
    table.teacher("computer", "sanchez", 0.0)
    assert "sanchez" not in table.session.humans
    table.teacher("hand_back", "sanchez", 0.0)
    assert "sanchez" in table.session.humans
    event = table.scenario.events[0].id
    table.teacher("inject", event, 0.0)
    assert event in table.session.state.fired
    assert table.teacher("undo", None, 0.0).startswith("Taken back")
    with pytest.raises(ValueError):
        table.teacher("warp", None, 0.0)
    table.teacher("end_now", False, 0.0)
    assert table.session.over and not table.session.outcome().agreed


def test_a_team_shares_a_seat_but_a_join_client_holds_its_seat_alone():
    table = Table(session_of("tutorial"), pace=0)
    table.join("sanchez", "a", False, 0.0)
    table.join("sanchez", "b", False, 0.0)
    with pytest.raises(ValueError, match="already taken"):
        table.join("sanchez", "bot", True, 0.0)
    assert table.session.players == {"sanchez": "a, b"}     # the names typed, as the window's log keeps them
    bot = table.join("tusk", "bot", True, 0.0)
    table.connect(bot.token, 0.0)
    assert table.seat_status("tusk", 0.0) == "program"        # the roster tells a program from a student
    with pytest.raises(ValueError, match="summit join"):
        table.join("tusk", "c", False, 0.0)
    with pytest.raises(ValueError, match="no seat"):
        table.join("nobody", "", False, 0.0)


def test_private_talks_only_in_consultations_to_another_seat_and_never_in_the_rules():
    table = Table(session_of("tutorial"), pace=0)
    devices = seated(table)
    table.start(0.0)
    state = table.session.state
    with pytest.raises(TalkError, match="consultations"):
        table.talk(devices["sanchez"].token, "tusk", "hello", None)    # drafting: the pen holder's turn
    rutte = devices["rutte"]
    table.move(rutte.token, view.action_of(table, "rutte", {"kind": "pass"}), 0.0)
    assert table.session.state.phase.value == "consultations"
    with pytest.raises(TalkError, match="another seat"):
        table.talk(devices["sanchez"].token, "sanchez", "hi", None)
    with pytest.raises(TalkError, match="promise or a threat"):
        table.talk(devices["sanchez"].token, "tusk", "hi", {"kind": "bribe", "move": "pass"})
    history = table.session.state.history
    talk = table.talk(devices["sanchez"].token, "tusk", "Back 2035 <b>please</b>",
                      {"kind": "promise", "move": "pledge", "value": 2.5})
    assert table.session.state.history == history          # a talk is not a move
    assert talk.offer.value == 2.5 and table.talks_of("tusk") == table.talks_of("sanchez") != []
    assert table.talks_of("scholz") == []
    table.teacher("talks", False, 0.0)
    with pytest.raises(TalkError, match="switched private talks off"):
        table.talk(devices["sanchez"].token, "tusk", "again", None)
    assert state is not table.session.state


def test_every_agent_move_goes_through_the_devices_json_and_back_unchanged():
    """What `summit join` sends for its agent is the very Action the agent chose (view.move_of / action_of)."""
    for scenario in ("tutorial", "rutte_washington_2025", "wales_2014"):
        session = session_of(scenario, seed=1)
        table = Table(session)
        while not session.over:
            actor = session.actor
            action = session._agents[actor].act(session.game.observe(session.state, actor),
                                                session.game.agent_rng(session.state, actor))
            assert view.action_of(table, actor, json.loads(json.dumps(view.move_of(action)))) == action
            session.state = session.game.apply(session.state, action)


def test_every_seat_of_every_bundled_scenario_gets_its_view_at_the_start_and_at_the_end():
    from game.scenario.catalogue import bundled_ids

    for scenario in bundled_ids():
        session = session_of(scenario)
        if session.scenario.is_bilateral:
            continue
        table = Table(session, pace=0)
        table.start(0.0)
        for moment in ("start", "end"):
            public = view.public_view(table, 0.0)
            for seat in table.seat_ids():
                made = view.seat_view(table, seat, 0.0, public)
                assert made["you"]["seat"] == seat and json.dumps(made)
                leader = session.scenario.leader(seat)
                spends = bool(leader.ally) and session.scenario.ally(leader.ally).reports_spending
                assert ("pledge" in made["forms"]) == spends, seat     # Iceland, with no forces, pledges nothing
            table.tick(1.0, 10_000)
        assert session.over, scenario


def test_staying_silent_across_ones_own_red_line_needs_a_confirmation():
    session = session_of("tutorial")
    table = Table(session)
    while not (session.state.phase.value == "silence" and session.game.observe(session.state, session.actor)
               .crossed(session.state.draft)):
        assert not session.over, "no silence procedure crossed a red line in this game"
        session.agent_move()
    actor = session.actor
    with pytest.raises(IllegalActionError, match="confirm"):
        view.action_of(table, actor, {"kind": "pass"})
    assert view.action_of(table, actor, {"kind": "pass", "confirm": True}) == Pass(actor, "")
    student(table, actor)
    table.started = True
    move = next(m for m in view.moves(table, actor, 0.0) if m["kind"] == "pass")
    assert move["label"] == "Stay silent" and "red line" in move["confirm"]


@pytest.mark.parametrize("move, words", [
    ({"kind": "amend", "issue": "nowhere", "value": 1}, "no issue"),
    ({"kind": "amend", "issue": "core_target", "value": "lots"}, "takes a number"),
    ({"kind": "amend", "issue": "core_target", "value": 99}, "runs from"),
    ({"kind": "pledge", "level": "x", "year": 2030}, "is a number"),
    ({"kind": "promise", "target": "sanchez", "demand": 3}, "another leader"),
    ({"kind": "teleport"}, "no move"),
    ("pass", "an object"),
])
def test_a_malformed_move_is_refused_with_what_is_wrong(move, words):
    table = Table(session_of("tutorial"))
    with pytest.raises(ValueError, match=words):
        view.action_of(table, "sanchez", move)


# ----- over the network ----------------------------------------------------------------------------------

def test_a_device_joins_plays_drops_and_comes_back_to_its_seat_with_its_token():
    with RunningHost([session_of("tutorial")], pace=0) as running:
        room = running.host.room
        ana = Device(running.ws_url)
        assert ana.join("WRONG1", "sanchez")["code"] == "room"
        welcome = ana.join(room.lower(), "sanchez", name="Ana")
        assert welcome["type"] == "welcome" and welcome["seat"] == "sanchez"
        assert welcome["briefing"]["heading"].startswith("Briefing: Pedro Sánchez")
        token = welcome["token"]
        state = ana.until(lambda m: m["type"] == "state")
        assert state["view"]["you"]["seat"] == "sanchez" and not state["view"]["table"]["started"]
        assert all(not m["allowed"] and m["reason"] == "the game has not started yet" for m in state["view"]["moves"])
        running.command("start")
        ana.until(lambda m: m["type"] == "state" and m["view"]["you"]["your_turn"])
        ana.close()                                             # the phone locks
        back = Device(running.ws_url)
        assert back.hello(token)["seat"] == "sanchez"           # and comes back to its seat
        view_ = back.until(lambda m: m["type"] == "state")["view"]
        assert view_["you"]["your_turn"]
        back.send({"type": "move", "move": {"kind": "statement", "words": "Spain keeps its word."}})
        back.until(lambda m: m["type"] == "state" and any("Spain keeps its word" in line["text"]
                                                          for line in m["view"]["log"]))
        forged = Device(running.ws_url)
        assert forged.hello(token[:-2] + "xx")["code"] == "token"
        assert forged.hello(None)["code"] == "token"
        back.close()
        forged.close()


def test_bad_messages_get_an_error_to_that_device_alone_and_the_table_plays_on():
    with RunningHost([session_of("tutorial")], pace=0) as running:
        room = running.host.room
        a, b = Device(running.ws_url), Device(running.ws_url)
        a.join(room, "sanchez")
        b.join(room, "tusk")
        b.until(lambda m: m["type"] == "state")
        for raw, code in [("not json", "bad_message"), ("[1, 2]", "bad_message"), ('{"type": "shout"}', "bad_message"),
                          (json.dumps({"type": "move", "move": {"kind": "pass"}}), "illegal"),   # before the start
                          (json.dumps({"type": "move", "move": {"kind": "amend", "issue": 7}}), "bad_message"),
                          (json.dumps({"type": "hello", "v": 99}), "version"),
                          (json.dumps({"type": "teacher", "command": "end_now", "value": True}), "bad_message"),
                          ('{"type": "ping", "n": ' + "7" * 5000 + "}", "bad_message"),   # not converted
                          ("x" * 20000, "too_big")]:
            a.send_raw(raw)
            assert a.until(lambda m: m["type"] == "error")["code"] == code, raw[:40]
        running.command("start")
        a.until(lambda m: m["type"] == "state" and m["view"]["table"]["started"])
        assert not running.host.tables[0].session.over
        b.send({"type": "ping"})
        b.until(lambda m: m["type"] == "pong")
        assert not any(json.loads(r)["type"] == "error" for r in b.received)   # b heard none of a's errors
        for _ in range(60):
            a.send({"type": "ping"})
        errors = []
        while True:
            try:
                message = a.recv(timeout=1.0)
            except TimeoutError:
                break
            errors += [message["code"]] if message["type"] == "error" else []
        assert "rate" in errors
        running.command("end_now", False)
        deadline = time.monotonic() + 10
        while not any("the negotiation is over: no deal" in n for n in running.host.notices):
            assert time.monotonic() < deadline, running.host.notices
            time.sleep(0.05)
        huge = Device(running.ws_url)
        huge.send_raw("x" * 100_000)
        with pytest.raises(Exception):
            huge.recv(timeout=3)         # a frame over 64 KiB closes that connection, and no other
        b.send({"type": "ping"})
        b.until(lambda m: m["type"] == "pong")
        a.close()
        b.close()


def test_a_page_elsewhere_cannot_open_the_websocket():
    with RunningHost([session_of("tutorial")], pace=0) as running:
        with pytest.raises(Exception):
            Device(running.ws_url, Origin="http://evil.example").recv(timeout=3)
        same = Device(running.ws_url, Origin=f"http://127.0.0.1:{running.port}")
        same.send({"type": "ping"})
        assert same.until(lambda m: m["type"] == "pong")
        same.close()


def test_the_teachers_token_is_needed_for_the_teachers_controls_and_removing_a_device_ends_it(tmp_path):
    session = session_of("tutorial", log=tmp_path / "class.jsonl")
    with RunningHost([session], pace=0) as running:
        host = running.host
        student = Device(running.ws_url)
        student.join(host.room, "scholz")
        teacher = Device(running.ws_url)
        teacher.send({"type": "hello", "v": PROTOCOL, "teacher": "guess"})
        assert teacher.until(lambda m: m["type"] == "error")["code"] == "token"
        teacher.send({"type": "hello", "v": PROTOCOL, "teacher": host.teacher_token})
        state = teacher.until(lambda m: m["type"] == "state" and "teacher" in m)["teacher"]
        assert state["room"] == host.room
        devices = state["tables"][0]["teacher"]["devices"]
        assert [d["seat"] for d in devices] == ["scholz"]
        teacher.send({"type": "teacher", "table": 0, "command": "remove", "value": devices[0]["number"]})
        assert teacher.until(lambda m: m["type"] in ("done", "error"))["type"] == "done"
        assert student.until(lambda m: m["type"] == "bye")["reason"].startswith("the teacher removed")
        text = (tmp_path / "class.jsonl").read_text() + (tmp_path / "class.jsonl.tokens").read_text()
        assert host.teacher_token not in (tmp_path / "class.jsonl").read_text()
        assert student.token not in (tmp_path / "class.jsonl").read_text() and student.token not in text
        teacher.close()


def test_the_pages_run_only_the_hosts_own_script_and_the_static_folder_serves_nothing_else():
    import urllib.error
    import urllib.request

    with RunningHost([session_of("tutorial")], pace=0) as running:
        for page in ("", "teacher"):
            with urllib.request.urlopen(running.url + page, timeout=5) as answer:
                policy = answer.headers["Content-Security-Policy"]
                assert "default-src 'self'" in policy and "script-src 'self'" in policy and answer.status == 200
        for name in ("..%2Fserver.py", ".hidden", "nothing.js", "student.html"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(running.url + "static/" + name, timeout=5)
            assert refused.value.code == 404


def test_each_table_of_a_class_is_a_game_of_its_own(tmp_path):
    import threading

    from game.net.client import join

    sessions = [session_of("tutorial", seed=index, log=tmp_path / f"table{index + 1}.jsonl") for index in range(2)]
    with RunningHost(sessions, pace=0) as running:
        scores, threads = {}, []
        for seat in sessions[1].game.scenario.leaders:
            def play(seat=seat.id):
                scores[seat] = join(running.url, seat, "member", table=1, room=running.host.room,
                                    say=lambda *_: None).score
            threads.append(threading.Thread(target=play, daemon=True))
            threads[-1].start()
        for thread in threads:
            thread.join(timeout=60)
        first, second = running.host.tables
        assert second.session.over and len(scores) == 5 and all(isinstance(s, float) for s in scores.values())
        assert not first.started and first.session.state.history == () and not first.devices
    assert (tmp_path / "table2.jsonl").read_text().count('"type":"action"') > 10
    assert '"type":"action"' not in (tmp_path / "table1.jsonl").read_text()


def test_the_teachers_page_hears_of_every_notice_even_after_fifty():
    """The host keeps the last 50 notices; the teacher's page must still be sent the 51st and later."""
    with RunningHost([session_of("tutorial")], pace=0) as running:
        host = running.host
        teacher = Device(running.ws_url)
        teacher.send({"type": "hello", "v": PROTOCOL, "teacher": host.teacher_token})
        teacher.until(lambda m: m["type"] == "state" and "teacher" in m)
        for number in range(60):
            host.loop.call_soon_threadsafe(host.notice, f"notice {number}")
        running.command("talks", False)     # one change the teacher sees, after the 60 notices
        teacher.until(lambda m: m["type"] == "state" and "teacher" in m and "notice 59" in str(m["teacher"]["notices"]))
        running.command("talks", True)
        said = teacher.until(lambda m: m["type"] == "state" and "teacher" in m
                             and m["teacher"]["notices"][-1] == "Table 1: Private talks are on.")
        host.loop.call_soon_threadsafe(host.notice, "the 63rd notice")
        host.loop.call_soon_threadsafe(lambda: asyncio.ensure_future(host.broadcast()))
        teacher.until(lambda m: m["type"] == "state" and "teacher" in m
                      and m["teacher"]["notices"][-1] == "the 63rd notice")
        assert said
        teacher.close()
