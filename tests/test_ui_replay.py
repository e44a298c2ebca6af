"""After class, in the window: the replay viewer steps forward and back through the rounds of a game (from the
outcome screen, or from a log or save listed under Replays), and the outcome screen exports the debrief.
Driven by real pygame events (SDL_VIDEODRIVER=dummy), as tests/test_ui.py does."""

import os
from pathlib import Path

import pytest
from ui_support import frames, make_app, press, scene_is, until

from game.scenario.catalogue import check
from game.play.replay import replay
from game.play.session import Session
from game.ui import driver
from game.ui.layout import problems
from game.ui.scenes import OutcomeScene, RoundResultScene, TableScene, TitleScene
from game.ui.scenes.replay import ReplayScene, ReplaysScene
from game.play.userdirs import logs_dir, saves_dir

pytestmark = pytest.mark.filterwarnings("error:Label Rect is too small:UserWarning")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _played_in_the_window(seed: int = 4, log: Path | None = None):
    """The tutorial played at the table by the computer players (every round's result screen clicked
    through) to the outcome screen; the game's live log kept in `log` when given."""
    import pygame
    scenario = check("tutorial").scenario
    app = make_app(speed="instant", seed=seed)
    session = Session(scenario, seed, ())
    if log is not None:
        session.keep_log(log)
    app.start_session(session, scenario.pen_holder_id)
    app.show(TableScene(app))
    while not scene_is(app, OutcomeScene):
        until(app, lambda: scene_is(app, (RoundResultScene, OutcomeScene)), what="the round's result")
        if scene_is(app, RoundResultScene):
            driver.key(pygame.K_RETURN)
            frames(app, 3)
    frames(app, 3)
    return app


def _key(app, code):
    driver.key(code)
    frames(app, 3)


def _check_round(app, viewer, save: Path, number: int):
    """The viewer shows round `number`: its indicator, the engine's draft at the end of that round (replayed
    from the save independently of the viewer), and every line of the round."""
    assert viewer.indicator.text == f"Round {number} of {len(viewer.recording.rounds)}"
    engine = replay(save, until=number).state if number < len(viewer.recording.rounds) else replay(save).state
    scenario = app.session.scenario
    shown = {row[0]: row[1] for row in viewer.draft_view.shown}
    for issue in scenario.issues:
        assert shown[issue.label].split(" (changed")[0] == issue.format(engine.draft[issue.id]), (number, issue.id)
    lines = [e.text for e in app.session.state.history if e.round == number]
    assert [row[0] for row in viewer.log_view.shown] == lines


def test_open_replay_steps_forward_and_back_through_the_rounds_and_returns_to_the_outcome(tmp_path):
    import pygame
    app = _played_in_the_window()
    outcome_screen = app.scene
    save = app.session.save(tmp_path / "game.summit")
    state_before, history_before = app.session.state, app.session.state.history
    rounds = app.session.state.round
    assert rounds >= 3
    assert ("R", "open the replay: this game round by round") in outcome_screen.keys
    press(app, outcome_screen.replay_button)
    assert scene_is(app, ReplayScene)
    viewer = app.scene
    assert problems(app.manager, app.size) == []
    _check_round(app, viewer, save, 1)
    assert not viewer.previous.is_enabled and not viewer.first.is_enabled and viewer.next.is_enabled
    _key(app, pygame.K_RIGHT)
    _check_round(app, viewer, save, 2)
    press(app, viewer.next)
    _check_round(app, viewer, save, 3)
    press(app, viewer.previous)
    _check_round(app, viewer, save, 2)
    _key(app, pygame.K_LEFT)
    _check_round(app, viewer, save, 1)
    _key(app, pygame.K_END)
    _check_round(app, viewer, save, rounds)
    # the last round shows the round's result and how the game ended
    final = app.session.state.history[-1]
    summary = [row[1] for row in viewer.summary_view.shown]
    assert final.type == "result" and final.text in summary
    assert any(row[0] == "Outcome" and "agreement" in row[1] for row in viewer.summary_view.shown)
    assert not viewer.next.is_enabled and not viewer.last.is_enabled
    _key(app, pygame.K_HOME)
    _check_round(app, viewer, save, 1)
    press(app, viewer.last)
    _check_round(app, viewer, save, rounds)
    # a round's event is on its summary; a changed issue is in the changed colour
    event = next(e for e in app.session.state.history if e.type == "event")
    press(app, viewer.first)
    for _ in range(event.round - 1):
        press(app, viewer.next)
    assert any(row[0] == "Event" and row[1] in event.text for row in viewer.summary_view.shown)
    from game.ui import look
    assert any(row[2] == look.CHANGED and "(changed: it was" in row[1] for row in viewer.draft_view.shown)
    press(app, viewer.back)
    assert app.scene is outcome_screen
    assert app.session.state is state_before and app.session.state.history == history_before
    _key(app, pygame.K_r)   # R on the outcome screen opens the replay too; Esc comes back
    assert scene_is(app, ReplayScene) and app.scene.indicator.text == f"Round 1 of {rounds}"
    _key(app, pygame.K_ESCAPE)
    assert app.scene is outcome_screen and app.menu is None
    assert app.session.state is state_before


def test_the_viewer_never_changes_the_game_or_its_live_log(tmp_path):
    log = tmp_path / "live.jsonl"
    app = _played_in_the_window(seed=5, log=log)
    written = log.read_bytes()
    state = app.session.state
    press(app, app.scene.replay_button)
    viewer = app.scene
    for _ in range(len(viewer.recording.rounds)):
        press(app, viewer.next)
    press(app, viewer.first)
    assert viewer.recording.game is not app.session.game   # a Game of its own
    press(app, viewer.back)
    assert app.session.state is state and log.read_bytes() == written


@pytest.mark.parametrize("live_log", [False, True])
def test_export_debrief_writes_index_html_under_summit_home_and_says_where(tmp_path, home, live_log):
    log = logs_dir() / "tutorial-live.jsonl" if live_log else None
    app = _played_in_the_window(log=log)
    screen = app.scene
    press(app, screen.debrief_button)
    until(app, lambda: screen.exporting is None, what="the debrief to be written")
    frames(app, 2)
    written = sorted((home / "data" / "debriefs").glob("*/index.html"))
    assert len(written) == 1, screen.export_message
    if live_log:
        assert written[0].parent.name == "tutorial-live"
    assert screen.export_window.alive() and str(written[0]) in screen.export_box.html_text.replace("<br>", "")
    assert "Could not" not in screen.export_message and "Opening it in your browser" not in screen.export_message
    assert problems(app.manager, app.size) == []
    app.escape()   # Esc closes the window, not the outcome screen
    assert not screen.export_window.alive() and app.scene is screen and app.menu is None


def test_export_debrief_that_cannot_be_written_says_why_in_one_line(home):
    app = _played_in_the_window()
    (home / "data").mkdir(parents=True, exist_ok=True)
    (home / "data" / "debriefs").write_text("a file where the folder should be")
    press(app, app.scene.debrief_button)
    until(app, lambda: app.scene.exporting is None, what="the export to finish")
    frames(app, 2)
    message = app.scene.export_message
    assert message.startswith("<b>Could not write the debrief</b>") and "<br>" not in message
    assert scene_is(app, OutcomeScene)


def _finished_log(path: Path, seed: int, humans=()) -> Session:
    session = Session(check("tutorial").scenario, seed, tuple(humans))
    session.keep_log(path)
    while not session.over:
        session.agent_move()
    return session


def test_replays_lists_logs_and_saves_newest_first_and_opens_one_at_round_1(home):
    older = _finished_log(logs_dir() / "older.jsonl", seed=1)
    newer = Session(check("tutorial").scenario, 2, ())
    while not newer.over:
        newer.agent_move()
    save = newer.save(saves_dir() / "class-3b.summit")
    unfinished = Session(check("tutorial").scenario, 3, ())
    unfinished.keep_log(logs_dir() / "left.jsonl")
    while unfinished.state.round < 3:
        unfinished.agent_move()
    os.utime(logs_dir() / "older.jsonl", (1_700_000_000, 1_700_000_000))
    os.utime(save, (1_700_000_100, 1_700_000_100))
    os.utime(logs_dir() / "left.jsonl", (1_700_000_200, 1_700_000_200))

    app = make_app()
    app.show(TitleScene(app))
    frames(app, 3)
    press(app, app.scene.buttons["replays"])
    assert scene_is(app, ReplaysScene)
    screen = app.scene
    assert problems(app.manager, app.size) == []
    labels = [entry.label for entry in screen.entries]
    assert [label.rsplit(" ", 1)[1] for label in labels] == ["left.jsonl", "class-3b.summit", "older.jsonl"]
    assert "Tutorial" in labels[2] and f"{older.outcome().rounds} rounds, agreement" in labels[2]
    assert "save class-3b.summit" in labels[1] and "unfinished, round 3" in labels[0]
    assert driver.click_list_item(screen.list, labels[2])
    frames(app, 3)
    assert screen.open.is_enabled
    press(app, screen.open)
    until(app, lambda: scene_is(app, ReplayScene), what="the replay viewer")
    viewer = app.scene
    assert viewer.indicator.text == f"Round 1 of {older.state.round}"
    assert [row[0] for row in viewer.log_view.shown] == [e.text for e in older.state.history if e.round == 1]
    press(app, viewer.back)
    assert app.scene is screen
    # a game left unfinished shows the rounds its log holds
    assert driver.click_list_item(screen.list, labels[0])
    frames(app, 3)
    press(app, screen.open)
    until(app, lambda: scene_is(app, ReplayScene), what="the unfinished game")
    import pygame
    _key(app, pygame.K_END)
    assert app.scene.indicator.text == "Round 3 of 3"
    assert app.scene.summary_view.shown[0][1].startswith("none yet")
    _key(app, pygame.K_ESCAPE)
    assert app.scene is screen
    _key(app, pygame.K_ESCAPE)
    assert scene_is(app, TitleScene)


def test_a_broken_log_in_the_list_gives_its_message_and_nothing_crashes(home):
    logs_dir().mkdir(parents=True)
    (logs_dir() / "garbage.jsonl").write_text('{"type": "header"\nthis is not JSON\n')
    edited = logs_dir() / "edited.jsonl"
    _finished_log(edited, seed=6)
    lines = edited.read_text().splitlines()
    number = next(i for i, line in enumerate(lines) if '"kind":"pledge"' in line)
    lines[number] = lines[number].replace('"kind":"pledge"', '"kind":"carve_out"', 1)
    edited.write_text("\n".join(lines) + "\n")
    os.utime(edited, (1_700_000_000, 1_700_000_000))

    app = make_app()
    app.show(ReplaysScene(app))
    frames(app, 3)
    screen = app.scene
    labels = [entry.label for entry in screen.entries]
    assert labels[0] == "⚠ garbage.jsonl: cannot be replayed"
    assert driver.click_list_item(screen.list, labels[0])
    frames(app, 3)
    assert "garbage.jsonl:1: not a Summit log line" in screen.status_text
    assert not screen.open.is_enabled
    # a log that reads well but does not replay: its message when it is opened, and the list stays
    assert driver.click_list_item(screen.list, labels[1])
    frames(app, 3)
    press(app, screen.open)
    frames(app, 5)
    assert app.scene is screen
    assert screen.status_text.startswith(f"{edited}:{number + 1}: not a move this Summit reads")
    assert not screen.open.is_enabled
    assert problems(app.manager, app.size) == []


def test_a_resize_keeps_the_file_chosen_and_one_being_opened_still_opens(home):
    # Once a resize while a replay was opening rebuilt the list with nothing chosen, and the opening then
    # read entry None: a crash the monkey test found.
    import pygame
    log = _finished_log(logs_dir() / "game.jsonl", seed=1)
    app = make_app()
    app.show(ReplaysScene(app))
    frames(app, 3)
    screen = app.scene
    label = screen.entries[0].label
    assert driver.click_list_item(screen.list, label)
    frames(app, 3)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1500, 900), w=1500, h=900))
    frames(app, 3)
    assert app.scene is screen and screen.list.get_single_selection() == label and screen.open.is_enabled
    press(app, screen.open)   # "Opening…" is on screen for two frames; the window is resized during them
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1280, 720), w=1280, h=720))
    until(app, lambda: scene_is(app, ReplayScene), what="the replay viewer")
    assert app.scene.indicator.text == f"Round 1 of {log.state.round}"
