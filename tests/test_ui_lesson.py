"""The window's side of a lesson that fits the clock: the teacher's Rounds choice on the roles screen (kept
in the settings for the next lesson) and class mode."""

from __future__ import annotations

from ui_support import frames, make_app, press, scene_is

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
