"""A long day in one process: game after game through the window (title, scenario browser, roles, a briefing
with a name typed in, the table where the person passes, each round's result, the outcome, now and then the
exported debrief, then New game), and game after game through the Session. Nothing may pile up from one
game to the next: memory, live Game objects, open files, the window's elements.

`make test` plays a few games and checks what a leak leaves behind (the count of live games, files and
elements does not grow); `make test-slow` plays 50 games in the window and measures the memory itself.
"""

from __future__ import annotations

import gc
import os
import sys
import time
import tracemalloc
import webbrowser
from pathlib import Path

import pytest
from ui_support import frames, make_app, pass_turn, press, scene_is, until

from game.engine.game import Game
from game.play.session import Session
from game.ui import driver
from game.ui.scenes import BriefingScene, BrowserScene, OutcomeScene, RoleScene, RoundResultScene, TableScene, TitleScene

PROC = Path(f"/proc/{os.getpid()}")
needs_proc = pytest.mark.skipif(not (PROC / "status").exists(), reason="reads memory and open files from Linux's /proc")

GAMES = 50
MEASURED_FROM = 5          # the first games load what every game needs once (fonts, charts, the scenarios)
GROWTH_LIMIT_MB = 20.0
EXPORTS = {3, 13, 23, 33, 43}   # the debrief exported after these games (the first one before the measuring)


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SUMMIT_NO_BROWSER", "1")
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: pytest.fail("a test opened a web browser"))
    return tmp_path / "home"


def rss_mb() -> float:
    """The memory the process holds now (not its peak), after a full garbage collection."""
    gc.collect()
    for line in (PROC / "status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS in /proc/self/status")


def open_files() -> int:
    return len(os.listdir(PROC / "fd"))


def live_games() -> int:
    gc.collect()
    return sum(isinstance(thing, Game) for thing in gc.get_objects())


def test_headless_games_leave_no_game_behind_whatever_their_unread_reasons_hold():
    """A game's moves keep their reasons unwritten, holding the observations they were decided from: no table of
    the engine's may lead from one of those back to its game (a batch would keep every game it played)."""
    from game.agents import agents_for
    from game.engine import outcome, play
    from game.scenario.catalogue import check
    scenario = check("rutte_washington_2025").scenario

    def played(seed: int) -> None:
        game = Game(scenario, seed)
        outcome(game, play(game, agents_for(scenario)))
    for seed in range(3):
        played(seed)
    assert live_games() <= 1   # at most the last, which the agents' reading of the record may remember


def one_game_in_the_window(app, number: int, export: bool = False) -> None:
    """From the scenario browser to the next one: the tutorial as Spain, the person passing every turn."""
    until(app, lambda: scene_is(app, BrowserScene), what="the scenario browser")
    label = next(entry.label for entry in app.scene.listed if entry.scenario and entry.scenario.id == "tutorial")
    assert driver.click_list_item(app.scene.list, label)
    frames(app, 3)
    press(app, app.scene.next)
    assert scene_is(app, RoleScene)
    assert driver.click_list_item(app.scene.list, "Spain · Pedro Sánchez")
    frames(app, 3)
    press(app, app.scene.next)
    assert scene_is(app, BriefingScene)
    press(app, app.scene.name_entry)
    driver.type_text(f"Table {number}")
    frames(app, 2)
    press(app, app.scene.next)
    while not scene_is(app, OutcomeScene):
        until(app, lambda: scene_is(app, (RoundResultScene, OutcomeScene))
              or (scene_is(app, TableScene) and app.session.waiting_for_human), what="the person's turn")
        if scene_is(app, RoundResultScene):
            press(app, app.scene.next)
        elif scene_is(app, TableScene):
            pass_turn(app)
    assert app.session.over and app.session.players == {"sanchez": f"Table {number}"}
    if export:
        screen = app.scene
        press(app, screen.debrief_button)
        until(app, lambda: screen.exporting is None, what="the debrief to be written")
        assert "is written" in screen.export_message, screen.export_message
    press(app, app.scene.new_button)


def window_at_the_browser():
    app = make_app(speed="instant", seed=1)
    app.show(TitleScene(app))
    frames(app, 3)
    press(app, app.scene.buttons["new"])
    return app


def elements(app) -> int:
    return len(app.manager.get_sprite_group().sprites())


# ----- make test: what a leak leaves behind ----------------------------------------------------------------

@needs_proc
def test_games_in_the_window_leave_no_game_file_or_element_behind(home):
    app = window_at_the_browser()
    counts = []
    for number in range(1, 5):
        app.settings.seed = number
        one_game_in_the_window(app, number)
        until(app, lambda: scene_is(app, BrowserScene), what="the scenario browser")
        counts.append((live_games(), open_files(), elements(app)))
    # the games before are gone (at most the last one is remembered, by the agents' reading of the record)
    assert all(games <= 1 for games, _, _ in counts), counts
    assert len({files for _, files, _ in counts[1:]}) == 1, f"open files grow: {counts}"
    assert len({shown for _, _, shown in counts}) == 1, f"the window's elements grow: {counts}"
    assert len(list((home / "data" / "logs").glob("*.jsonl"))) == 4   # every game kept its live log


@needs_proc
def test_ten_sessions_back_to_back_keep_no_game_and_no_log_open(tmp_path):
    from game.scenario.catalogue import check
    scenario = check("tutorial").scenario
    counts = []
    for seed in range(10):
        session = Session(scenario, seed, ())
        session.keep_log(tmp_path / f"game-{seed}.jsonl")
        while not session.over:
            session.agent_move()
        del session
        counts.append((live_games(), open_files()))
    assert all(games <= 1 for games, _ in counts), counts
    assert len({files for _, files in counts}) == 1, f"open files grow: {counts}"


# ----- make test-slow: 50 games in the window, memory measured -----------------------------------------------

@needs_proc
@pytest.mark.slow
def test_fifty_games_in_the_window_grow_memory_by_less_than_20_mb(home):
    """Measured two ways from game 5 to game 50: the process's resident memory (what the system sees; it
    also moves as the allocator keeps or returns pages) and the Python objects allocated since game 5 and
    still alive (tracemalloc: exact, and what a leak in our code would show)."""
    app = window_at_the_browser()
    measured: dict[int, tuple[float, float, int, int, int]] = {}
    began = time.perf_counter()
    try:
        for number in range(1, GAMES + 1):
            app.settings.seed = number
            one_game_in_the_window(app, number, export=number in EXPORTS)
            until(app, lambda: scene_is(app, BrowserScene), what="the scenario browser")
            if number == MEASURED_FROM:
                gc.collect()
                tracemalloc.start()
            if number >= MEASURED_FROM:
                resident = rss_mb()
                measured[number] = (resident, tracemalloc.get_traced_memory()[0] / 2**20, live_games(), open_files(),
                                    elements(app))
    finally:
        tracemalloc.stop()
    seconds = time.perf_counter() - began
    first, last = measured[MEASURED_FROM], measured[GAMES]
    print(f"{GAMES} games in {seconds:.0f} s. From game {MEASURED_FROM} to {GAMES}: resident memory "
          f"{first[0]:.1f} -> {last[0]:.1f} MB ({last[0] - first[0]:+.1f} MB; highest "
          f"{max(m[0] for m in measured.values()):.1f} MB), Python objects still alive {last[1]:+.1f} MB",
          file=sys.stderr)
    assert last[1] < GROWTH_LIMIT_MB, measured
    assert last[0] - first[0] < GROWTH_LIMIT_MB, measured
    assert all(games <= 1 for _, _, games, _, _ in measured.values()), measured
    assert last[3:] == first[3:], (first, last)   # the same open files and elements on the same screen
    assert len(list((home / "data" / "debriefs").glob("*/index.html"))) == len(EXPORTS)
