"""Helpers for front-end tests: an App in a temporary home, frames until something happens, clicks."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.ui.app import App  # noqa: E402
from game.ui.settings import Settings  # noqa: E402


def make_app(speed: str = "instant", seed: int = 7, **kwargs) -> App:
    return App(Settings(speed=speed, seed=seed), size=(1280, 720), **kwargs)


def computer_game(scenario, seed: int, rounds: int | None = None):
    """A Session the computer plays in every role: to its end, or through round `rounds`."""
    from game.play.session import Session

    session = Session(scenario, seed, ())
    while not session.over and (rounds is None or session.state.round <= rounds):
        session.agent_move()
    return session


def showing(session, scene, *args, seed: int = 7) -> App:
    """An App on `scene` (a Scene class, given the App and `args`) of `session`, a few frames in."""
    app = make_app(seed=seed)
    app.session = session
    app.show(scene(app, *args))
    frames(app, 3)
    return app


def frames(app: App, count: int = 1) -> None:
    for _ in range(count):
        app.step(1 / 60)


def until(app: App, predicate, limit: int = 3000, what: str = "the condition") -> None:
    """Run frames until predicate() holds; fail (not hang) after limit frames."""
    for _ in range(limit):
        if predicate():
            return
        app.step(1 / 60)
    raise AssertionError(f"{what} did not happen within {limit} frames (on {type(app.scene).__name__})")


def press(app: App, element) -> None:
    """Click an element with real mouse events and let the UI react. A person looks at a new screen before
    clicking: a click on the spot of the one that opened it waits for the App's click guard to pass."""
    from game.ui import driver
    from game.ui.app import CLICK_SPOT
    spot = element.get_abs_rect().center
    spot = (round(spot[0] * driver.scale[0]), round(spot[1] * driver.scale[1]))
    while app.click_guard is not None and max(abs(spot[0] - app.click_guard[0][0]),
                                              abs(spot[1] - app.click_guard[0][1])) <= CLICK_SPOT:
        app.step(1 / 60)
    driver.click(element)
    frames(app, 3)


def pass_turn(app: App) -> None:
    """Press Pass (Stay silent, Keep draft) at the table, and confirm it when it asks first (a draft across
    the player's own red line)."""
    table = app.scene
    press(app, table.kind_buttons["pass"])
    if table.confirm_pass is not None:
        press(app, table.confirm_pass.confirm_button)


def scene_is(app: App, cls) -> bool:
    return isinstance(app.scene, cls)


__all__ = ["App", "frames", "make_app", "pass_turn", "pygame", "press", "scene_is", "until"]


def to_role_selection(app: App, scenario_id: str) -> None:
    """From the title screen through the browser to a scenario's roles screen, clicking as a person would."""
    from game.ui import driver
    from game.ui.scenes import BrowserScene, RoleScene, TitleScene

    app.show(TitleScene(app))
    frames(app, 3)
    press(app, app.scene.buttons["new"])
    assert scene_is(app, BrowserScene)
    label = next(entry.label for entry in app.scene.listed if entry.scenario and entry.scenario.id == scenario_id)
    assert driver.click_list_item(app.scene.list, label)
    frames(app, 3)
    press(app, app.scene.next)
    assert scene_is(app, RoleScene)
