"""The teacher's controls in the window, driven by real pygame events (SDL_VIDEODRIVER=dummy): the panel
(Teacher button or F2), an event now, undo, end now, the round timer, reveal, projector mode; the live log
every game in the window writes under the user data folder; player names only when typed."""

import json

import pygame
import pytest
from ui_support import frames, make_app, pass_turn, press, scene_is, until

from game.scenario.catalogue import check
from game.play.replay import replay
from game.play.session import Session, load
from game.ui import driver
from game.ui.layout import problems
from game.ui.scenes import BriefingScene, BrowserScene, OutcomeScene, RoleScene, TableScene, TitleScene
from game.ui.scenes.menus import next_briefing
from game.ui.settings import Settings
from game.ui.teacher import RoundTimer, largest_text_size

pytestmark = pytest.mark.filterwarnings("error:Label Rect is too small:UserWarning")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _briefed(seed: int = 4, humans=("sanchez",), scenario: str = "tutorial", operator: bool = False):
    """An app at a game's first briefing (as after the roles screen), its log not started yet."""
    app = make_app(speed="instant", seed=seed)
    app.operator = operator
    app.start_session(Session(check(scenario).scenario, seed, tuple(humans)), humans[0])
    app.show(next_briefing(app, list(humans), None))
    frames(app, 3)
    return app


def _at_table(seed: int = 4, humans=("sanchez",), scenario: str = "tutorial", operator: bool = False):
    """An app at the table (through the briefings, which start the live log), at a person's turn."""
    app = _briefed(seed, humans, scenario, operator)
    while scene_is(app, BriefingScene):
        press(app, app.scene.next)
    until(app, lambda: scene_is(app, TableScene) and app.session.waiting_for_human, what="a person's turn")
    return app


def _panel(app):
    if app.scene.teacher_panel is None or not app.scene.teacher_panel.alive():
        press(app, app.scene.teacher_button)
    panel = app.scene.teacher_panel
    assert panel is not None and panel.alive()
    return panel


def _pick(app, menu, text: str):
    """Open a drop-down and click one of its options, as a person would."""
    press(app, menu)
    assert driver.click_list_item(menu.current_state.options_selection_list, text), text
    frames(app, 6)  # the click, the list's choice, the menu's change, the screen's reaction


def _key(app, code):
    driver.key(code)
    frames(app, 4)


def _log_texts(app) -> list[str]:
    return [row[0] for row in app.scene.log_view.shown]


def _next_person_turn(app):
    until(app, lambda: (scene_is(app, TableScene) and app.session.waiting_for_human) or not scene_is(app, TableScene),
          what="the next person's turn or the round's result")


# ----- the panel ---------------------------------------------------------------------------------------

def test_the_teacher_panel_opens_from_the_top_bar_and_with_f2_and_the_keyboard_reaches_it():
    app = _at_table()
    table = app.scene
    assert problems(app.manager, app.size) == []   # the top bar's seven controls fit 1280x720
    press(app, table.teacher_button)
    panel = table.teacher_panel
    assert panel.alive() and panel.window.window_display_title.startswith("Teacher's controls")
    assert problems(app.manager, app.size) == []
    _key(app, pygame.K_ESCAPE)                      # Esc closes the panel (not the game menu first)
    assert table.teacher_panel is None and app.menu is None
    _key(app, pygame.K_F2)
    assert table.teacher_panel is not None and table.teacher_panel.alive()
    # the focus ring stays in the panel while it is open: Tab to "Pause the computers", Enter presses it
    for _ in range(40):
        if app.focus.current is table.teacher_panel.buttons["pause"]:
            break
        _key(app, pygame.K_TAB)
    assert app.focus.current is table.teacher_panel.buttons["pause"]
    _key(app, pygame.K_RETURN)
    assert table.paused and table.teacher_panel.buttons["pause"].text == "Resume the computers (Space)"
    assert table.pause_button.text == "Play"
    _key(app, pygame.K_F2)
    assert table.teacher_panel is None
    _key(app, pygame.K_F1)
    assert "F2" in app.help.get_container().elements[0].html_text and "F11" in app.help.get_container().elements[0].html_text


def test_an_event_brought_forward_fires_now_and_shows_in_the_log():
    app = _at_table(seed=3)
    actor, round_ = app.session.actor, app.session.state.round
    panel = _panel(app)
    assert "trump_post" not in app.session.state.fired
    assert panel.chosen_event().id == "trump_post" and panel.buttons["inject"].is_enabled
    press(app, panel.buttons["inject"])
    state = app.session.state
    assert state.fired[-1] == "trump_post" and (app.session.actor, state.round) == (actor, round_)
    texts = _log_texts(app)
    assert any(t.startswith("The teacher brings an event forward: Trump posts") for t in texts)
    assert any(t.startswith("Event: Trump posts") for t in texts)
    assert "Event brought forward" in app.scene.status_text
    # the only event has happened: nothing left to bring forward, and the button says why
    assert not panel.buttons["inject"].is_enabled
    assert "has happened already" in panel.buttons["inject"].tool_tip_text
    lines = [json.loads(line) for line in app.session.log_path.read_text(encoding="utf-8").splitlines()]
    assert [line["type"] for line in lines[-2:]] == ["teacher", "event"]  # the live log has it already


def test_undo_after_a_persons_move_restores_the_state_before_it_and_the_autosave(home):
    app = _at_table(seed=6)
    panel = _panel(app)
    assert not panel.buttons["undo"].is_enabled
    assert panel.buttons["undo"].tool_tip_text == "Not now: no move by a person or the teacher to take back yet."
    before = app.session.state
    press(app, panel.buttons["pause"])                        # the computers wait: the pass stays the last move
    pass_turn(app)
    assert app.session.state != before and app.session.state.history[-1].actor == "sanchez"
    autosave = home / "data" / "saves" / "autosave.summit"
    assert load(autosave).state == app.session.state           # saved after the person's move, mid-round
    press(app, panel.buttons["pause"])
    _key(app, pygame.K_F2)                                    # the open panel holds the computers: close it
    _next_person_turn(app)
    assert scene_is(app, TableScene)
    panel = _panel(app)
    assert panel.buttons["undo"].is_enabled
    press(app, panel.buttons["undo"])
    assert app.session.state == before
    assert app.scene.status_text.startswith("Taken back: Pedro Sánchez")
    assert load(autosave).state == before                     # the autosave was written again
    assert app.session.waiting_for_human and app.session.actor == "sanchez"


@pytest.mark.parametrize("adopt", [True, False])
def test_end_now_asks_first_then_shows_the_outcome(adopt):
    app = _at_table(seed=2)
    panel = _panel(app)
    draft = app.session.state.draft
    press(app, panel.buttons["adopt" if adopt else "no_deal"])
    assert panel.confirm is not None and not app.session.over   # one click only asks
    _key(app, pygame.K_ESCAPE)                                   # Esc: not now
    assert panel.confirm is None and not app.session.over and panel.alive()
    press(app, panel.buttons["adopt" if adopt else "no_deal"])
    press(app, panel.confirm.confirm_button)
    assert scene_is(app, OutcomeScene) and app.session.over
    result = app.scene.result
    heading = app.scene.root.elements[0].text
    if adopt:
        assert result.agreed and result.terms == draft and heading.startswith("Agreement in round 1")
        assert heading.endswith("the teacher imposed the draft, overriding consensus")
        assert "as if every member agreed (the teacher overrode consensus)" in app.scene.rounds_text.html_text
    else:
        assert not result.agreed and set(result.scores.values()) == {50.0} and heading.startswith("No deal")
    assert app.session.state.history[-1].data["by"] == "teacher"
    summary = app.scene.text.html_text     # Article 5 is mutual; the US guarantee is its credibility
    assert "The US guarantee: how credible the US commitment to Article 5 is" in summary
    assert "Article 5 itself, the allies' mutual commitment, stays in the treaty" in summary
    assert "stands behind" not in summary
    assert "the 5% headline is 3.5% core + 1.5% related spending" in summary and "not simulated" in summary


# ----- the round timer -----------------------------------------------------------------------------------

def test_the_round_timer_counts_down_only_while_running_and_says_when_time_is_up(home):
    app = _at_table(seed=5)
    table = app.scene
    assert not table.timer_label.visible
    panel = _panel(app)
    _pick(app, panel.timer_menu, "2 min")
    assert table.timer_label.visible and table.timer_label.text == "Round 1 · 2:00 left"
    app.step(30.0)
    app.step(30.0)
    assert table.timer_label.text == "Round 1 · 1:00 left" and panel.timer_note.text == "1:00 left"
    press(app, panel.buttons["pause"])
    for _ in range(4):
        app.step(30.0)
    assert table.timer_label.text == "Round 1 · 1:00 left"      # paused: the clock stops too
    press(app, panel.buttons["pause"])
    state = app.session.state
    for _ in range(3):
        app.step(30.0)
    assert table.timer_label.text == "Round 1 · time is up" and "#timer_up" in table.timer_label.object_ids
    assert app.session.state == state                            # the timer makes no move: the teacher decides
    assert problems(app.manager, app.size) == []
    assert Settings.load().round_minutes == 2                    # the length is remembered
    # the next round starts a full count
    app.scene.close_panel()
    for _ in range(200):
        if scene_is(app, TableScene) and app.session.state.round == 2:
            break
        if scene_is(app, TableScene) and app.session.waiting_for_human:
            pass_turn(app)
        elif not scene_is(app, TableScene):
            press(app, app.scene.next)                            # the round's result
        else:
            frames(app, 1)
    frames(app, 2)
    assert app.scene.timer_label.text == "Round 2 · 2:00 left"


def test_a_damaged_timer_setting_is_ignored_and_the_timer_restarts_with_each_round(home):
    path = home / "config" / "settings.json"
    path.parent.mkdir(parents=True)
    for bad in (7, True, "5", -1):
        path.write_text(json.dumps({"round_minutes": bad}), encoding="utf-8")
        assert Settings.load().round_minutes == 0
    path.write_text(json.dumps({"round_minutes": 5}), encoding="utf-8")
    assert Settings.load().round_minutes == 5
    timer = RoundTimer(2)
    timer.tick(100, round_=1, running=True)
    timer.tick(100, round_=1, running=True)
    assert timer.up and timer.text() == "Round 1 · time is up"
    timer.tick(1, round_=2, running=False)
    assert timer.text() == "Round 2 · 2:00 left"


# ----- on screen: reveal, projector -----------------------------------------------------------------------

def test_reveal_hides_and_shows_the_private_positions_in_every_mode():
    app = _at_table(seed=4)
    table = app.scene
    panel = _panel(app)
    assert "YOUR POSITIONS" in table.positions.html_text             # one player: their own, shown
    assert panel.buttons["reveal"].text == "Hide private positions (V)"
    press(app, panel.buttons["reveal"])
    assert not table.private_shown and "YOUR POSITIONS" not in table.positions.html_text
    assert "hidden while the room watches" in table.positions.html_text
    assert panel.buttons["reveal"].text == "Show private positions (V)"
    table.close_panel()
    _key(app, pygame.K_v)                                              # V, without the panel
    assert "YOUR POSITIONS" in table.positions.html_text
    # one operator for two players: hidden by default, shown by the teacher, for one move
    app = _at_table(seed=5, humans=("tusk", "sanchez"), operator=True)
    table = app.scene
    assert not table.private_shown and "YOUR POSITIONS" not in table.positions.html_text
    press(app, _panel(app).buttons["reveal"])
    assert "YOUR POSITIONS" in table.positions.html_text


def test_projector_mode_fills_the_screen_with_the_largest_text_and_goes_back():
    app = _at_table(seed=4)
    assert (app.window.get_size(), app.zoom, app.settings.text_size) == ((1280, 720), 1.0, "100%")
    panel = _panel(app)
    press(app, panel.buttons["projector"])
    # no real display under SDL's dummy driver: a 1920x1080 projector, which allows 150%
    assert app.window.get_size() == (1920, 1080) and app.zoom == 1.5 and app.size == (1280, 720)
    assert app.settings.text_size == "150%" and scene_is(app, TableScene)
    panel = app.scene.teacher_panel
    assert panel is not None and panel.alive() and panel.buttons["projector"].text == "Leave projector mode (F11)"
    assert "Projector mode: 1920x1080, text 150%" in app.scene.status_text
    assert problems(app.manager, app.size) == []
    moves = len(app.session.state.history)
    pass_turn(app)                      # clicks land where the buttons are, zoomed
    assert app.session.state.history[moves].actor == "sanchez"
    _key(app, pygame.K_F11)
    assert (app.window.get_size(), app.zoom, app.settings.text_size) == ((1280, 720), 1.0, "100%")
    assert largest_text_size((2560, 1440)) == "200%" and largest_text_size((1366, 768)) == "100%"
    assert largest_text_size((1920, 1200)) == "150%"


# ----- the live log and player names ----------------------------------------------------------------------

def _to_briefing_from_the_title(app, role_label: str):
    app.show(TitleScene(app))
    frames(app, 3)
    press(app, app.scene.buttons["new"])
    assert scene_is(app, BrowserScene)
    label = next(entry.label for entry in app.scene.listed if entry.scenario and entry.scenario.id == "tutorial")
    assert driver.click_list_item(app.scene.list, label)
    frames(app, 3)
    press(app, app.scene.next)
    assert scene_is(app, RoleScene)
    assert driver.click_list_item(app.scene.list, role_label)
    frames(app, 3)
    press(app, app.scene.next)
    assert scene_is(app, BriefingScene)


def test_a_game_in_the_window_keeps_a_live_log_that_replays_and_names_only_who_typed_a_name(home):
    app = make_app(speed="instant", seed=9)
    _to_briefing_from_the_title(app, "Spain · Pedro Sánchez")
    assert not (home / "data" / "logs").exists()          # nothing written before the game begins
    press(app, app.scene.name_entry)
    driver.type_text("  Table 3  ")
    frames(app, 3)
    press(app, app.scene.next)
    until(app, lambda: scene_is(app, TableScene) and app.session.waiting_for_human, what="the player's turn")
    path = app.session.log_path
    assert path.parent == home / "data" / "logs" and path.name.startswith("tutorial-") and path.name.endswith("-seed9.jsonl")
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert header["players"] == {"sanchez": "Table 3"} and header["agents"]["sanchez"] == "human"
    assert "Table 3" not in "".join(path.read_text(encoding="utf-8").splitlines()[1:])
    for _ in range(3):                                     # the file holds every move as it is made
        pass_turn(app)
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
        assert [json.loads(line) for line in lines] == [e.to_json() for e in app.session.state.history]
        _next_person_turn(app)
        if not scene_is(app, TableScene):
            press(app, app.scene.next)
            _next_person_turn(app)
    panel = _panel(app)
    assert str(path) in panel.log_box.html_text.replace("<br>", "")   # broken after its separators
    press(app, panel.buttons["no_deal"])
    press(app, panel.confirm.confirm_button)
    assert scene_is(app, OutcomeScene)
    replayed = replay(path)
    assert replayed.outcome.to_json() == app.session.outcome().to_json()
    # a second player who types nothing: no names stored at all
    app = _briefed(seed=3)
    press(app, app.scene.next)
    until(app, lambda: scene_is(app, TableScene), what="the table")
    assert "players" not in json.loads(app.session.log_path.read_text(encoding="utf-8").splitlines()[0])


def test_a_log_that_cannot_be_written_is_reported_and_the_game_goes_on(home):
    (home / "data").mkdir(parents=True)
    (home / "data" / "logs").write_text("a file where the folder should be", encoding="utf-8")
    app = _at_table(seed=4)
    assert app.session.log_path is None and app.session.log_error
    assert "cannot be written" in app.scene.status_text
    assert "No log:" in _panel(app).log_box.html_text
    before = len(app.session.state.history)
    app.scene.close_panel()
    pass_turn(app)
    assert len(app.session.state.history) > before


def test_a_demo_writes_no_log(home):
    app = make_app(speed="instant", seed=2)
    app.demo = True
    app.start_session(Session(check("tutorial").scenario, 2, ()), "rutte")
    app.show(next_briefing(app, ["rutte"], None))
    frames(app, 3)
    assert app.scene.name_entry is None                    # no person in the role: nothing to sign
    press(app, app.scene.next)
    until(app, lambda: not scene_is(app, TableScene), what="the first round's end")
    assert app.session.log_path is None and not (home / "data").exists()


def test_a_name_set_for_a_role_rewrites_the_log_header_and_an_empty_one_removes_it(tmp_path):
    session = Session(check("tutorial").scenario, 1, ("sanchez", "tusk"))
    path = session.keep_log(tmp_path / "g.jsonl")
    session.agent_move()
    session.set_player("tusk", "  Ann   and Bo ")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["players"] == {"tusk": "Ann and Bo"}
    assert [json.loads(line) for line in lines[1:]] == [e.to_json() for e in session.state.history]
    session.set_player("tusk", "   ")
    assert "players" not in json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    with pytest.raises(ValueError, match="no leader 'nobody'"):
        session.set_player("nobody", "Cy")


def test_the_live_log_stops_with_a_reason_when_its_folder_goes_and_the_game_goes_on(tmp_path):
    session = Session(check("tutorial").scenario, 1, ())
    folder = tmp_path / "logs"
    path = session.keep_log(folder / "g.jsonl")
    path.unlink()
    folder.rmdir()
    folder.write_text("not a folder any more", encoding="utf-8")
    session.agent_move()                                    # appending fails: the game goes on
    assert session.log_path is None and "g.jsonl" in session.log_error
    session.agent_move()
    with pytest.raises(OSError):
        session.keep_log(folder / "again.jsonl")            # starting a log says so at once
    assert session.log_path is None


def test_a_game_loaded_in_the_window_goes_on_in_a_new_live_log_holding_every_move_so_far(home, tmp_path):
    from game.engine import Pass
    session = Session(check("tutorial").scenario, 8, ("tusk",), players={"tusk": "Ann"})
    while not session.waiting_for_human:
        session.agent_move()
    session.submit(Pass("tusk"))
    saved = session.save(tmp_path / "g.summit")
    app = make_app()
    app.show(TitleScene(app))
    assert app.load(saved) is None and scene_is(app, TableScene)
    lines = app.session.log_path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["players"] == {"tusk": "Ann"}
    assert [json.loads(line) for line in lines[1:]] == [e.to_json() for e in session.state.history]
