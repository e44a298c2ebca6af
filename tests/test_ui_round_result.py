"""The round-result screen tells the round in short (game/play/round_summary.py), the objections grouped by
issue; "Every move" (or L) shows the round's full list, each move with its reason, and back."""

import pytest
from ui_support import frames, make_app, press, scene_is

from game.agents import names
from game.play.session import Session
from game.scenario.catalogue import check
from game.ui import driver
from game.ui.layout import problems
from game.ui.scenes import RoundResultScene


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))


def _after_round_one(scenario_id: str, seed: int):
    session = Session(check(scenario_id, names()).scenario, seed, ())
    while not any(e.type == "result" for e in session.state.history):
        session.agent_move()
    app = make_app(seed=seed)
    app.session = session
    app.show(RoundResultScene(app, 1))
    frames(app, 3)
    assert scene_is(app, RoundResultScene)
    return app


def test_a_rutte_round_is_told_by_issue_and_every_move_is_one_click_away():
    app = _after_round_one("rutte_washington_2025", 0)
    scene = app.scene
    short = scene.text.html_text
    # eighteen objections, told as three issues with counts, not twenty lines
    assert "core defence target 11 (want less: Italy, Canada, Spain" in short
    assert "Ukraine in the text 4 (want separate: United States, Türkiye, Hungary and Slovakia)" in short
    assert short.count("✗") == 3
    assert "stays silent" not in short and "The draft is good enough" not in short
    assert "Pledged (core defence, % of GDP): Poland 5.0%" in short
    assert "Drones over the eastern flank" in short
    press(app, scene.toggle)
    full = scene.text.html_text
    assert full.count("✗") == 18 and full.count("stays silent") == 14
    assert "Olaf Scholz (Germany) stays silent - The draft is good enough" in full
    assert scene.toggle.text == "In short (L)"
    assert not list(problems(app.manager, (1280, 720)))
    driver.key(ord("l"))
    frames(app, 3)
    assert scene.text.html_text == short and scene.toggle.text == "Every move (L)"


def test_a_small_round_gives_each_objection_its_reason():
    app = _after_round_one("tutorial", 0)
    short = app.scene.text.html_text
    assert "core defence target 2 (want less: Spain; want more: United States)" in short
    spain = next(e for e in app.session.state.history if e.phase == "silence" and e.actor == "sanchez")
    assert f"Spain: {spain.data['action']['reason']}" in short
    assert "Opening draft" not in short            # round 1's draft is the draft shown below it
    assert "The draft as it stood" in short
