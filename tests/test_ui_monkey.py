"""Random hands on the window: clicks (mostly on widgets), keys, typing and window resizes across every
screen, during agent turns too. Nothing may raise, no screen may freeze, and the game only ever changes
through legal moves."""

import time

import numpy as np
import pygame
import pytest
from ui_support import frames, make_app

from game.ui import driver
from game.ui.scenes import TitleScene

pytestmark = pytest.mark.filterwarnings("error:Label Rect is too small:UserWarning")

KEYS = [pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_s, pygame.K_f, pygame.K_RETURN, pygame.K_a, pygame.K_TAB,
        pygame.K_BACKSPACE, pygame.K_DOWN, pygame.K_UP, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_F1, pygame.K_PAGEDOWN,
        pygame.K_1, pygame.K_5, pygame.K_7, pygame.K_9, pygame.K_l, pygame.K_o, pygame.K_v, pygame.K_n, pygame.K_m,
        pygame.K_t, pygame.K_e, pygame.K_r, pygame.K_q]


def _targets(app):
    return [e for e in app.manager.get_sprite_group().sprites()
            if getattr(e, "visible", True) and e.get_abs_rect().width > 0 and
            type(e).__name__ in ("UIButton", "ReasonButton", "UITextEntryLine", "UIHorizontalSlider")]


def _start(seed: int, at_table: bool):
    app = make_app(speed="fast", seed=seed)
    if at_table:  # two players taking turns at the Rutte table: hand-offs, forms, agents' turns
        from game.catalogue import check
        from game.session import Session
        from game.ui.scenes import TableScene
        scenario = check("rutte_washington_2025").scenario
        app.start_session(Session(scenario, seed, ("sanchez", "rutte")), "sanchez")
        app.show(TableScene(app))
    else:
        app.show(TitleScene(app))
    return app


def monkey(seed: int, events: int, tmp_path, monkeypatch, at_table: bool = False) -> set[str]:
    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path / f"home{seed}"))
    rng = np.random.default_rng(seed)
    app = _start(seed, at_table)
    visited = set()
    slowest = 0.0
    for _ in range(events):
        if not app.running:  # someone clicked Quit: start again, as a student would
            app = _start(seed, at_table)
        roll = rng.random()
        if roll < 0.7:
            targets = _targets(app)
            if targets:
                element = targets[int(rng.integers(len(targets)))]
                if "Quit" in getattr(element, "text", "") and rng.random() < 0.8:
                    continue
                driver.click(element)
        elif roll < 0.8:
            driver.click_at((int(rng.integers(0, 1280)), int(rng.integers(0, 720))))
        elif roll < 0.9:
            driver.key(KEYS[int(rng.integers(len(KEYS)))])
        elif roll < 0.93:
            size = (int(rng.integers(900, 2000)), int(rng.integers(600, 1200)))
            pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        else:
            driver.type_text("".join(chr(int(c)) for c in rng.integers(32, 127, size=5)))
        start = time.perf_counter()
        frames(app, int(rng.integers(1, 6)))
        slowest = max(slowest, time.perf_counter() - start)
        visited.add(app.scene.name if app.scene else "none")
        assert app.size[0] >= 1280 and app.size[1] >= 720 or app.zoom > 1
        if app.session is not None:
            assert all(entry.text for entry in app.session.state.history)
    # a hang guard, not a speed test (bench/ui_speed.py measures speed): no screen may freeze
    assert slowest < 5.0, f"a few frames took {slowest:.1f} s"
    return visited


@pytest.mark.parametrize("seed", [1, 2])
def test_random_input_from_the_title_raises_nothing(tmp_path, monkeypatch, seed):
    visited = monkey(seed, 300, tmp_path, monkeypatch)
    assert {"scenario-browser", "role-selection", "briefing"} <= visited, visited


def test_random_input_at_a_two_player_table_raises_nothing(tmp_path, monkeypatch):
    visited = monkey(3, 300, tmp_path, monkeypatch, at_table=True)
    assert {"table", "hand-off"} <= visited, visited


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(10, 20))
def test_random_input_at_length(tmp_path, monkeypatch, seed):
    monkey(seed, 2000, tmp_path, monkeypatch, at_table=seed % 2 == 1)
