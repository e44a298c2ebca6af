"""The window in front of a class (issue 22), driven by real pygame events (SDL_VIDEODRIVER=dummy): the game
menu, the keys (F1) and the teacher's controls (F2) hold the table, so a save made there is never overtaken
by the game; staying silent (or passing) across one's own red line asks first; a click too many on one
screen never presses a button on the next; the texts say what really happened."""

import pygame
import pytest
from ui_support import frames, make_app, press, scene_is, until

from game.play.session import Session, load
from game.scenario.catalogue import check
from game.ui import driver
from game.ui.scenes import OutcomeScene, RoundResultScene, TableScene
from game.ui.scenes.menus import next_briefing

pytestmark = pytest.mark.filterwarnings("error:Label Rect is too small:UserWarning")


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def _at_table(seed: int = 4, humans=("sanchez",), scenario: str = "tutorial", speed: str = "instant"):
    app = make_app(speed=speed, seed=seed)
    app.start_session(Session(check(scenario).scenario, seed, tuple(humans)), humans[0])
    app.show(next_briefing(app, list(humans), None))
    frames(app, 3)
    while not scene_is(app, TableScene):
        press(app, app.scene.next)
    return app


def _key(app, code):
    driver.key(code)
    frames(app, 4)


# ----- menus hold the table ------------------------------------------------------------------------------

@pytest.mark.parametrize("opener", ["menu", "keys", "teacher"])
def test_the_menu_the_keys_and_the_teacher_panel_hold_the_computers_and_the_round(home, opener):
    app = _at_table(seed=4, speed="normal")              # a computer's move every 0.7 s
    until(app, lambda: scene_is(app, TableScene) and app.session.waiting_for_human, what="the player's turn")
    press(app, app.scene.kind_buttons["pass"])          # the computers' turns come next
    assert not app.session.waiting_for_human
    table, state = app.scene, app.session.state
    _key(app, {"menu": pygame.K_ESCAPE, "keys": pygame.K_F1, "teacher": pygame.K_F2}[opener])
    frames(app, 300)                                      # at "instant", enough for several rounds
    assert app.scene is table and app.session.state is state
    assert table.turn_label.text.endswith({"menu": "(waits: menu open)", "keys": "(waits: keys open)",
                                           "teacher": "(waits: teacher's panel open)"}[opener])
    if opener == "menu":
        press(app, app.menu.buttons["save"])
        frames(app, 120)
        saves = sorted((home / "data" / "saves").glob("tutorial-round1-*.summit"))
        assert len(saves) == 1 and load(saves[0]).state == state   # written, and not overtaken
        assert saves[0].name in app.menu.status.html_text and app.scene is table
    _key(app, pygame.K_ESCAPE if opener != "keys" else pygame.K_F1)   # closed: the game goes on
    assert app.menu is None
    until(app, lambda: app.session.state is not state, what="a computer's move after the menu closed")
