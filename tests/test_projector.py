"""The projector of a hosted class (game/ui/projector.py): how to join (the QR code holds the students' address
with the room code), who holds which seat, the public table and nothing private, and the teacher's controls
going through the host's call_soon (the window never changes a game itself)."""

from __future__ import annotations

import os

import pygame
import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import segno  # noqa: E402

from game.net.server import Host  # noqa: E402
from game.play.public import role_label  # noqa: E402
from game.play.session import Session  # noqa: E402
from game.report.briefing import wants  # noqa: E402
from game.ui import projector_draw  # noqa: E402
from game.ui.projector import Projector, masked, run_projector  # noqa: E402
from game.ui.projector_words import STATUS_WORDS, join_url, projector_lines, qr_matrix, table_words  # noqa: E402

ADDRESS = "http://192.168.1.5:8765/"


@pytest.fixture
def tutorial():
    from game.agents import names
    from game.scenario import check_file
    from game.scenario.catalogue import resolve

    return check_file(resolve("tutorial"), names()).scenario


def make_host(scenario, tables=1):
    now = [100.0]
    host = Host([Session(scenario, 1 + i, ()) for i in range(tables)], pace=0, room="K7QF2M", clock=lambda: now[0])
    host.students_url = ADDRESS
    host.teacher_url = ADDRESS + "teacher#" + host.teacher_token
    host.calls = []
    host.call_soon = lambda index, command, value=None: host.calls.append((index, command, value))
    return host, now


def seat_people(host, now):
    table = host.tables[0]
    seats = table.seat_ids()
    ana = table.join(seats[1], "Ana", False, now[0])
    table.connect(ana.token, now[0])
    table.join(seats[2], "Ben", False, now[0])          # joined, never connected: absent
    return table, seats


def test_the_projector_says_the_room_code_the_address_and_every_seat_in_words(tutorial):
    host, now = make_host(tutorial)
    table, seats = seat_people(host, now)
    lines = projector_lines(host)
    assert "K7QF2M" in lines and ADDRESS in lines
    for leader in tutorial.leaders:
        assert role_label(tutorial, leader) in lines
    words = {row.seat: row for row in table_words(table, now[0]).seats}
    assert words[seats[1]].status == "person" and "1 device: Ana" in words[seats[1]].status_text
    assert words[seats[2]].status == "absent" and "Ben" in words[seats[2]].status_text
    assert words[seats[3]].status == "empty" and words[seats[3]].status_text == STATUS_WORDS["empty"]
    assert any("2 of 5 seats taken" in line for line in lines)


def test_nothing_private_reaches_the_projector(tutorial):
    host, now = make_host(tutorial)
    table, _ = seat_people(host, now)
    table.start(now[0])
    for _ in range(40):
        now[0] += 1
        table.tick(now[0])
    screen = "\n".join(projector_lines(host))
    assert "Round" in screen
    for leader in tutorial.leaders:
        for _, private in wants(tutorial, leader):
            assert private not in screen
    assert "red line" not in screen.lower() and "you want" not in screen.lower()


def test_the_qr_code_drawn_is_the_students_address_with_the_room(tutorial):
    host, _ = make_host(tutorial)
    url = join_url(host)
    assert url == ADDRESS + "?room=K7QF2M"
    expected = [[bool(m) for m in row] for row in segno.make(url, error="m").matrix]
    assert qr_matrix(url) == expected
    pygame.display.init()
    surface = pygame.Surface((400, 400))
    where = projector_draw.draw_qr(surface, url, pygame.Rect(0, 0, 400, 400))
    modules = len(expected) + 2 * projector_draw.QUIET
    unit = where.width // modules
    assert where.width >= 240 and unit >= 2
    drawn = [[surface.get_at((where.x + (projector_draw.QUIET + x) * unit + unit // 2,
                              where.y + (projector_draw.QUIET + y) * unit + unit // 2))[:3] == (0, 0, 0)
              for x in range(len(expected))] for y in range(len(expected))]
    assert drawn == expected
    assert surface.get_at((where.x + 1, where.y + 1))[:3] == (255, 255, 255)   # the quiet zone


def click(projector, name):
    rect = projector.buttons[name].rect
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rect.center, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=rect.center, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=rect.center, button=1))
    projector.run(frames=3)


def key(projector, which):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=which, mod=0, unicode="", scancode=0))
    projector.run(frames=1)


def test_the_buttons_go_through_call_soon_and_end_now_asks_twice(tutorial):
    host, now = make_host(tutorial)
    table, _ = seat_people(host, now)
    projector = Projector(host, (1280, 720))
    try:
        projector.run(frames=1)
        assert set(projector.buttons) == {"start", "panel"}
        click(projector, "start")
        assert host.calls == [(0, "start", None)]
        table.start(now[0])
        projector.run(frames=1)
        click(projector, "pause")
        assert host.calls[-1] == (0, "pause", None)
        table.teacher("pause", None, now[0])
        key(projector, pygame.K_SPACE)
        assert host.calls[-1] == (0, "resume", None)
        table.teacher("resume", None, now[0])
        projector.run(frames=1)
        calls = len(host.calls)
        click(projector, "end")
        assert len(host.calls) == calls and "adopt" in projector.buttons   # the first click only asks
        click(projector, "adopt")
        assert host.calls[-1] == (0, "end_now", True)
        click(projector, "end")
        click(projector, "cancel_end")
        assert host.calls[-1] == (0, "end_now", True) and "end" in projector.buttons
    finally:
        pygame.display.quit()


def test_the_teachers_panel_does_not_pause_and_hides_the_teachers_token(tutorial):
    host, now = make_host(tutorial)
    table, _ = seat_people(host, now)
    table.start(now[0])
    projector = Projector(host, (1280, 720))
    try:
        projector.run(frames=1)
        key(projector, pygame.K_F2)
        assert projector.panel_open and host.calls == [] and not table.paused
        click(projector, "deadline")
        assert host.calls[-1] == (0, "deadline", 60)
        table.teacher("deadline", 60, now[0])
        projector.run(frames=1)
        click(projector, "deadline")
        assert host.calls[-1] == (0, "extend", 60)
        click(projector, "talks")
        assert host.calls[-1] == (0, "talks", False)
        assert host.teacher_token not in masked(host.teacher_url)
        assert projector.buttons["undo"].is_enabled is (table.session.why_no_undo() is None)
    finally:
        pygame.display.quit()


def test_with_two_tables_key_2_shows_the_second(tutorial, tmp_path):
    host, now = make_host(tutorial, tables=2)
    host.tables[1].start(now[0])
    projector = Projector(host, (1280, 720))
    try:
        projector.run(frames=1)
        assert {"tab0", "tab1"} <= set(projector.buttons)
        key(projector, pygame.K_2)
        assert projector.shown == 1 and "pause" in projector.buttons
        click(projector, "pause")
        assert host.calls[-1] == (1, "pause", None)
        click(projector, "tab0")
        assert projector.shown == 0 and "start" in projector.buttons
    finally:
        pygame.display.quit()
    assert any(line.startswith("Table 2 (2) · round 1") for line in projector_lines(host, 1))


def test_run_projector_returns_after_its_frames_and_saves_a_screenshot(tutorial, tmp_path):
    host, _ = make_host(tutorial)
    run_projector(host, (1280, 720), frames=2, screenshots=tmp_path)
    shots = list(tmp_path.glob("projector-*.png"))
    assert len(shots) == 1 and pygame.image.load(str(shots[0])).get_size() == (1280, 720)
