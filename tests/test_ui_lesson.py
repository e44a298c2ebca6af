"""The window's side of a lesson that fits the clock: the teacher's Rounds choice on the roles screen (kept
in the settings for the next lesson) and class mode."""

from __future__ import annotations

from ui_support import frames, make_app, press, scene_is, until

from game.scenario.catalogue import check
from game.ui import driver
from game.ui.scenes import BriefingScene, RoleScene
from game.ui.settings import Settings


def test_the_rounds_chosen_on_the_roles_screen_cut_the_game_and_are_remembered(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path))
    app = make_app()
    app.show(RoleScene(app, check("rutte_washington_2025").scenario, None))
    frames(app, 3)
    assert app.scene.rounds == 8
    press(app, app.scene.rounds_menu)
    assert driver.click_list_item(app.scene.rounds_menu.current_state.options_selection_list, "3 rounds")
    frames(app, 10)
    assert driver.click_list_item(app.scene.list, "Belgium · Bart De Wever")
    frames(app, 3)
    press(app, app.scene.next)
    assert scene_is(app, BriefingScene)
    assert app.session.scenario.rounds == 3 and "Up to 3 rounds" in app.scene.text.html_text
    assert Settings.load().lesson_rounds == 3
    # The next lesson opens with the teacher's choice; a scenario with fewer rounds plays its own.
    again = make_app()
    again.settings = Settings.load()
    again.show(RoleScene(again, check("rutte_washington_2025").scenario, None))
    assert again.scene.rounds == 3
    again.show(RoleScene(again, check("tutorial").scenario.with_rounds(2), None))
    assert again.scene.rounds == 2   # --rounds on the command line comes first


def _class_table(scenario_id: str, humans: tuple[str, ...], seed: int = 7):
    from game.play.session import Session

    app = make_app()
    app.operator = app.class_mode = True
    app.start_session(Session(check(scenario_id).scenario, seed, humans), humans[0])
    app.show(app.make("TableScene"))
    return app


def _next_sheet(app, seen):
    """Play on to the next sheet (through the round's result screen, one click); None when the game is over."""
    from game.ui.scenes import RoundResultScene

    def arrived():
        if scene_is(app, RoundResultScene) and not app.session.over:
            press(app, app.scene.next)
        sheet = getattr(app.scene, "sheet", None)
        return app.session.over or (sheet is not None and sheet.alive() and sheet not in seen)
    until(app, arrived, limit=6000, what="the next sheet")
    if app.session.over:
        return None
    seen.append(app.scene.sheet)
    return app.scene.sheet


def test_class_mode_a_round_costs_two_screens_and_the_slips_are_the_roles_moves_in_order():
    from game.engine import Game

    humans = ("sanchez", "scholz", "tusk", "trump")
    app = _class_table("tutorial", humans)
    seen: list = []
    sheet = _next_sheet(app, seen)
    assert not sheet.silence and list(sheet.rows) == ["trump", "scholz", "sanchez", "tusk"]   # the game's order
    assert not any(button.is_enabled for button in app.scene.kind_buttons.values())   # the sheet is the one screen
    sheet.fill("trump", "Pledge", value="2.5", year="2032", words="Our path")
    sheet.fill("scholz", "Propose", on="Core defence target", value="3.0")
    sheet.fill("sanchez", "Statement", words="Spain keeps its word")
    press(app, sheet.hand_in)
    roll_call = _next_sheet(app, seen)
    assert roll_call.silence and app.session.state.phase.value == "silence"
    moves = [e for e in app.session.state.history if e.type == "action" and e.actor in humans]
    assert [e.data["action"]["kind"] for e in moves] == ["pledge", "amend", "statement", "pass"]
    assert moves[0].data["action"]["level"] == 2.5 and moves[1].data["action"]["value"] == 3.0
    roll_call.fill("sanchez", "break silence: Core defence target", words="Too much for Spain")
    press(app, roll_call.hand_in)
    nxt = _next_sheet(app, seen)
    assert nxt is None or (not nxt.silence and app.session.state.round == 2)
    screens_in_round_1 = [s for s in seen if s is not nxt]
    assert len(screens_in_round_1) == 2
    silence = [e for e in app.session.state.history if e.round == 1 and e.type == "action" and e.actor in humans
               and e.phase == "silence"]
    assert [e.actor for e in silence] == ["trump", "scholz", "sanchez", "tusk"]
    assert silence[2].data["action"]["kind"] == "break_silence"
    # the engine alone replays the moves handed in
    game = Game(app.session.scenario, 7)
    state = game.new_initial_state()
    for action in app.session.actions():
        state = game.apply(state, action)
    assert state.history == app.session.state.history


def test_a_slip_that_cannot_be_read_names_its_role_and_nothing_is_handed_in():
    app = _class_table("tutorial", ("sanchez", "scholz"))
    sheet = _next_sheet(app, [])
    before = app.session.state
    sheet.fill("sanchez", "Pledge", value="lots", year="2032")
    press(app, sheet.hand_in)
    assert sheet.alive() and "Pedro Sánchez: the % of GDP is 'lots', not a number" in sheet.status.text
    assert app.session.state is before and app.slips == {}


def test_one_by_one_closes_the_sheet_and_the_roles_move_on_their_own_panel():
    app = _class_table("tutorial", ("sanchez", "scholz"))
    sheet = _next_sheet(app, [])
    press(app, sheet.one_by_one)
    frames(app, 5)
    assert not sheet.alive() and app.scene.sheet is None
    assert app.session.waiting_for_human and app.scene.viewer == app.session.actor
    assert app.scene.kind_buttons["pledge"].is_enabled


def test_class_mode_is_for_people_not_a_demo(capsys):
    from cli_support import cli

    code, out, err = cli(capsys, "play", "tutorial", "--demo", "--class")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--class is for a class at one screen" in err


def test_a_slip_the_rules_refuse_at_its_turn_leaves_that_role_on_its_panel_with_the_reason():
    app = _class_table("tutorial", ("sanchez", "scholz"))
    sheet = _next_sheet(app, [])
    first, second = list(sheet.rows)
    sheet.fill(first, "Statement", words="We are ready")
    sheet.fill(second, "Carve-out", year="2026")   # before the draft's deadline: the rules refuse it
    press(app, sheet.hand_in)
    until(app, lambda: app.session.actor == second and app.session.waiting_for_human, what="the second role's turn")
    frames(app, 5)
    name = app.session.scenario.leader(second).name
    assert app.scene.sheet is None and app.session.actor == second
    assert f"{name}'s slip: Not allowed:" in app.scene.status_text and "Make its move here" in app.scene.status_text
    assert app.scene.kind_buttons["statement"].is_enabled   # the role moves on its own panel
    said = [e for e in app.session.state.history if e.actor == first and e.type == "action"]
    assert said[-1].data["action"]["kind"] == "statement"


def test_class_mode_goes_from_the_roles_straight_to_the_table(monkeypatch, tmp_path):
    from game.ui.scenes import TableScene

    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path))
    app = make_app()
    app.operator = app.class_mode = True
    app.show(RoleScene(app, check("tutorial").scenario, None))
    frames(app, 3)
    for label in ("Spain · Pedro Sánchez", "Poland · Donald Tusk"):
        assert driver.click_list_item(app.scene.list, label)
        frames(app, 3)
    press(app, app.scene.next)
    assert scene_is(app, TableScene) and app.session.humans == ("sanchez", "tusk")
