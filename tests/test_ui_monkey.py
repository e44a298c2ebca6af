"""Random hands on the window: clicks (mostly on widgets), drags, the wheel, keys, typing, window resizes and
the window's focus and visibility events, on every screen, during the computer players' turns and while a
screen is between two steps of its work (a debrief being written, a replay being opened). Nothing may
raise, no screen may freeze, and the game only ever changes through legal moves.

Each run starts on one of the STARTS (every screen of the game, and the windows that open over them: the
teacher's panel and its confirmation dialog, the export window, projector mode, the game menu) and moves
on to the next start every so often, so a run of a few thousand events sees them all. `make test` plays
a short run from every start; `make test-slow` plays 20,000 events.
"""

import functools
import time
import webbrowser

import numpy as np
import pygame
import pytest
from ui_support import frames, make_app

from game.ui import driver

pytestmark = pytest.mark.filterwarnings("error:Label Rect is too small:UserWarning")

KEYS = [pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_s, pygame.K_f, pygame.K_RETURN, pygame.K_a, pygame.K_TAB,
        pygame.K_BACKSPACE, pygame.K_DOWN, pygame.K_UP, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_F1, pygame.K_F2,
        pygame.K_F11, pygame.K_PAGEDOWN, pygame.K_PAGEUP, pygame.K_HOME, pygame.K_END, pygame.K_1, pygame.K_2,
        pygame.K_5, pygame.K_7, pygame.K_9, pygame.K_b, pygame.K_c, pygame.K_d, pygame.K_l, pygame.K_o, pygame.K_v,
        pygame.K_n, pygame.K_m, pygame.K_t, pygame.K_e, pygame.K_r, pygame.K_q, pygame.K_DELETE, pygame.K_F5]
MODIFIERS = [0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL, pygame.KMOD_ALT]
TEXTS = ["Rutte", "é", "ß", "😀", "مرحبا", "日本語", "a\u0301", "<b>x</b>", "&amp;", "%s", "{0}", "\\", "'", " ", "\t"]
WINDOW_EVENTS = [pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED, pygame.WINDOWENTER, pygame.WINDOWLEAVE,
                 pygame.WINDOWMINIMIZED, pygame.WINDOWRESTORED, pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN,
                 pygame.WINDOWHIDDEN, pygame.WINDOWMAXIMIZED, pygame.VIDEOEXPOSE]
CLICKABLE = ("UIButton", "ReasonButton", "UITextEntryLine", "UIHorizontalSlider")


# ----- where a run starts ---------------------------------------------------------------------------------

@functools.cache
def _scenario(scenario_id: str = "tutorial"):
    from game.scenario.catalogue import check
    return check(scenario_id).scenario


def _finished(seed: int):
    from game.play.session import Session
    session = Session(_scenario(), seed, ())
    while not session.over:
        session.agent_move()
    return session


def _at_table(app, seed: int, humans=("sanchez",), scenario_id: str = "tutorial", operator: bool = False):
    from game.play.session import Session
    from game.ui.scenes import TableScene
    from game.ui.teacher import keep_live_log
    scenario = _scenario(scenario_id)
    app.operator = operator
    app.start_session(Session(scenario, seed, tuple(humans)), humans[0] if humans else scenario.pen_holder_id)
    keep_live_log(app)
    app.show(TableScene(app))
    frames(app, 3)
    return app.scene


def start_title(app, seed):
    from game.ui.scenes import TitleScene
    app.show(TitleScene(app))


def start_briefing(app, seed):  # two people: the name field, then the next briefing
    from game.play.session import Session
    from game.ui.scenes.menus import next_briefing
    app.start_session(Session(_scenario(), seed, ("sanchez", "tusk")), "sanchez")
    app.show(next_briefing(app, ["sanchez", "tusk"], None))


def start_table(app, seed):  # one person; the computers move at normal speed, so moves arrive between events
    app.settings.speed = "normal"
    _at_table(app, seed)


def start_computers(app, seed):  # nobody plays: the computers move all the time, at the fast speed
    app.settings.speed = "fast"
    _at_table(app, seed, humans=())


def start_hot_seat(app, seed):  # two players taking turns at the Rutte table: hand-offs, forms
    _at_table(app, seed, humans=("sanchez", "rutte"), scenario_id="rutte_washington_2025")


def start_operator(app, seed):
    _at_table(app, seed, humans=("sanchez", "tusk"), operator=True)


def start_teacher(app, seed):  # the teacher's panel open, the computers at normal speed
    app.settings.speed = "normal"
    _at_table(app, seed).open_panel()


def start_confirm(app, seed):  # the panel's "end the negotiation now?" dialog open
    table = _at_table(app, seed)
    table.open_panel()
    table.teacher_panel.ask_to_end(bool(seed % 2))


def start_projector(app, seed):
    from game.ui.teacher import toggle_projector
    _at_table(app, seed)
    toggle_projector(app)


def start_game_menu(app, seed):
    _at_table(app, seed)
    app.escape()


def start_seats(app, seed):
    from game.ui.scenes import SeatsScene
    table = _at_table(app, seed)
    app.show(SeatsScene(app, back=table))


def start_outcome(app, seed):
    from game.ui.scenes import OutcomeScene
    app.start_session(_finished(seed), _scenario().pen_holder_id)
    app.show(OutcomeScene(app))


def start_export(app, seed):  # the debrief being written, then its window over the outcome
    start_outcome(app, seed)
    frames(app, 2)
    driver.click(app.scene.debrief_button)


def start_replay(app, seed):
    from game.ui.scenes.replay import Recording, ReplayScene
    app.show(ReplayScene(app, Recording.of_session(_finished(seed)), back=None, round_=2))


def start_replays(app, seed):
    from game.ui.scenes.replay import ReplaysScene
    app.show(ReplaysScene(app))


def start_load(app, seed):
    from game.ui.scenes import LoadScene
    app.show(LoadScene(app, back=None))


def start_settings(app, seed):
    from game.ui.scenes import SettingsScene
    app.show(SettingsScene(app, back=None))


def start_browser(app, seed):
    from game.ui.scenes import BrowserScene
    app.show(BrowserScene(app))


STARTS = {name[len("start_"):]: function for name, function in globals().items() if name.startswith("start_")}

# Where each start is, by the screen's name (and what is open on top of it).
SCREENS = {"title", "briefing", "table", "hand-off", "outcome", "replay", "replays", "load-game", "settings",
           "seats", "scenario-browser", "role-selection", "round-result"}


def furnish(home) -> None:
    """A user's folder with something in every list: a finished game's log, a broken log, a save, the
    autosave of a game in progress (so the title offers Continue)."""
    from game.play.session import Session
    from game.play.userdirs import autosave_path, logs_dir, saves_dir
    _finished(1).save(saves_dir() / "finished.summit")
    playing = Session(_scenario(), 2, ("sanchez",))
    playing.keep_log(logs_dir() / "playing.jsonl")
    while not playing.waiting_for_human:
        playing.agent_move()
    playing.save(autosave_path())
    logged = Session(_scenario(), 3, ())
    logged.keep_log(logs_dir() / "finished.jsonl")
    while not logged.over:
        logged.agent_move()
    (logs_dir() / "garbage.jsonl").write_text('{"type": "header"\nnot JSON\n', encoding="utf-8")


# ----- the hands -----------------------------------------------------------------------------------------

def _targets(app):
    return [e for e in app.manager.get_sprite_group().sprites()
            if getattr(e, "visible", True) and e.get_abs_rect().width > 0 and type(e).__name__ in CLICKABLE]


def _point(app, rng) -> tuple[int, int]:
    return int(rng.integers(0, app.size[0])), int(rng.integers(0, app.size[1]))


def _window_event(kind: int):
    if kind == pygame.VIDEOEXPOSE:
        return pygame.event.Event(kind)
    return pygame.event.Event(kind, window=None)


def one_event(app, rng) -> str:
    """Post one random input, as a person (or the window system) would make it; its kind."""
    roll = rng.random()
    if roll < 0.55:
        targets = _targets(app)
        if targets:
            element = targets[int(rng.integers(len(targets)))]
            if "Quit" in getattr(element, "text", "") and rng.random() < 0.9:
                return "none"
            driver.click(element)
            if rng.random() < 0.1:   # a double click (lists open their item on one)
                driver.click(element)
            return "click"
    if roll < 0.63:
        pos = _point(app, rng)
        button = int(rng.choice([1, 1, 1, 2, 3]))
        driver.click_at(pos) if button == 1 else (
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button)),
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)))
        return "click"
    if roll < 0.67:   # a drag: windows, sliders, scroll bars
        start, end = _point(app, rng), _point(app, rng)
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1))
        for step in (0.3, 0.7, 1.0):
            pos = (int(start[0] + (end[0] - start[0]) * step), int(start[1] + (end[1] - start[1]) * step))
            pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(1, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1))
        return "drag"
    if roll < 0.70:
        pos = _point(app, rng)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=int(rng.integers(-5, 6)), flipped=False,
                                             precise_x=0.0, precise_y=0.0, touch=False, which=0))
        return "wheel"
    if roll < 0.84:
        code, mod = KEYS[int(rng.integers(len(KEYS)))], MODIFIERS[int(rng.integers(len(MODIFIERS)))]
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0))
        if rng.random() < 0.9:   # now and then a key is held (its KEYUP comes later, or never)
            pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=mod, unicode="", scancode=0))
        return "key"
    if roll < 0.91:
        if rng.random() < 0.5:
            text = "".join(chr(int(c)) for c in rng.integers(32, 127, size=int(rng.integers(1, 8))))
        else:
            text = TEXTS[int(rng.integers(len(TEXTS)))]
        driver.type_text(text)
        if rng.random() < 0.1:   # an input method composing a character
            pygame.event.post(pygame.event.Event(pygame.TEXTEDITING, text="にほ", start=0, length=2))
        return "text"
    if roll < 0.94:
        if rng.random() < 0.2:   # smaller than the window may be, or very large
            size = (int(rng.integers(200, 1280)), int(rng.integers(150, 720)))
        elif rng.random() < 0.1:
            size = (3840, 2160)
        else:
            size = (int(rng.integers(1280, 2000)), int(rng.integers(720, 1200)))
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        return "resize"
    for _ in range(int(rng.integers(1, 4))):
        pygame.event.post(_window_event(WINDOW_EVENTS[int(rng.integers(len(WINDOW_EVENTS)))]))
    return "window"


# ----- the run ---------------------------------------------------------------------------------------------

class Run:
    """What a monkey run saw: the screens, the starts, the events by kind, the slowest burst of frames."""

    def __init__(self):
        self.screens: set[str] = set()
        self.starts: list[str] = []
        self.kinds: dict[str, int] = {}
        self.events = 0
        self.slowest = 0.0
        self.seconds = 0.0


def monkey(seed: int, events: int, starts: list[str], home, monkeypatch, every: int = 200) -> Run:
    """`events` random inputs from `starts` in turn (the next one every `every` events, and whenever the
    player quits); the checks after every burst of frames."""
    monkeypatch.setenv("SUMMIT_HOME", str(home))
    monkeypatch.setenv("SUMMIT_NO_BROWSER", "1")
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: pytest.fail("a test opened a web browser"))
    furnish(home)
    rng = np.random.default_rng(seed)
    run = Run()
    began = time.perf_counter()
    app = None
    for number in range(events):
        if app is None or not app.running or (number % every == 0 and number):
            name = starts[len(run.starts) % len(starts)]
            app = make_app(speed="fast", seed=seed + number)
            STARTS[name](app, seed + number)
            run.starts.append(name)
            run.screens.add(app.scene.name)
        kind = one_event(app, rng)
        run.kinds[kind] = run.kinds.get(kind, 0) + 1
        run.events += 1
        # a burst of frames: mostly a few, now and then long enough for the computers to play a while
        count = int(rng.integers(1, 4)) if rng.random() < 0.95 else int(rng.integers(10, 60))
        start = time.perf_counter()
        frames(app, count)
        run.slowest = max(run.slowest, time.perf_counter() - start)
        check(app, run)
    run.seconds = time.perf_counter() - began
    # a hang guard, not a speed test (bench/ui_speed.py measures speed): no screen may freeze
    assert run.slowest < 15.0, f"a burst of frames took {run.slowest:.1f} s"
    written = list(home.glob("**/index.html"))
    assert all(home in path.parents for path in written)
    return run


def check(app, run: Run) -> None:
    if not app.running:
        return
    assert app.scene is not None and app.scene.root is not None and app.scene.root.alive(), app.scene
    run.screens.add(app.scene.name)
    assert app.size[0] >= 1280 and app.size[1] >= 720 or app.zoom > 1
    window = app.window.get_size()
    assert window[0] >= 1280 and window[1] >= 720, window
    if app.session is not None:
        assert all(entry.text for entry in app.session.state.history)


# ----- the tests -------------------------------------------------------------------------------------------

def test_random_input_on_every_screen_raises_nothing(tmp_path, monkeypatch):
    """A short run: a few events from each start, so that a screen that breaks fails `make test`."""
    run = monkey(1, 6 * len(STARTS), sorted(STARTS), tmp_path / "home", monkeypatch, every=6)
    assert set(run.starts) >= set(STARTS)
    assert {"title", "table", "outcome", "replay", "replays", "briefing", "seats", "settings", "load-game",
            "hand-off", "scenario-browser"} <= run.screens, run.screens


def test_the_runs_know_every_screen():
    import game.ui.scenes as scenes
    assert {getattr(scenes, name).name for name in scenes.__all__} == SCREENS


SLOW_EVENTS = 20_000
SLOW_RUNS = 10


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(10, 10 + SLOW_RUNS))
def test_random_input_at_length(tmp_path, monkeypatch, seed):
    starts = sorted(STARTS)
    offset = seed % len(starts)
    run = monkey(seed, SLOW_EVENTS // SLOW_RUNS, starts[offset:] + starts[:offset], tmp_path / "home", monkeypatch,
                 every=100)
    assert set(run.starts) == set(STARTS)
    print(f"seed {seed}: {run.events} events in {run.seconds:.0f} s, slowest burst {run.slowest:.2f} s; "
          f"{run.kinds}; screens {sorted(run.screens)}")
