"""The window: one scene at a time, the frame loop, the in-game menu (Esc), autosave and screenshots.
Screens go from one to another through the App, by class name (`app.goto("TableScene")`), so no screen
imports another: game/ui/scenes loads each the first time it is asked for.

A frame is the pygame_gui three steps: events to the manager (and the scene), update, draw. `step()` runs
one frame from the real SDL event queue, so tests and the demo drive the game by posting real events.
The UI never changes the game except through `Session.submit` (a person's Action) and
`Session.agent_move` (an agent's turn).
"""

from __future__ import annotations

import datetime as _dt
import sys
import warnings
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UIWindow

from typing import TYPE_CHECKING

from .. import __version__
from ..i18n import _, reason_of
from ..play.userdirs import autosave_backup_path, autosave_path, saves_dir
from . import look
from .look import save_png
from .keys import Focus, help_window
from .scene import Scene
from .settings import Settings
from .teacher import RoundTimer, keep_live_log, toggle_projector

if TYPE_CHECKING:  # the game's modules load when a game starts, not before the title screen
    from ..play.session import SaveError, Session


MIN_SIZE = (1280, 720)
CLICK_GUARD = 0.6        # seconds a new screen ignores a click on the spot of the click that opened it
CLICK_SPOT = 6           # pixels: a double click, or a click too many, barely moves the pointer


class GameMenu:
    """The in-game menu (Esc): resume, save, load, settings, quit to the main menu."""

    def __init__(self, app: "App"):
        self.app = app
        width, height = 520, 470
        w, h = app.size
        self.window = UIWindow(pygame.Rect((w - width) // 2, (h - height) // 2, width, height), app.manager,
                               window_display_title=_("Game menu"), object_id="#game_menu",
                               resizable=False, draggable=False)
        session = app.session
        inner = width - 40
        self.info = UILabel(pygame.Rect(10, 8, inner, 24),
                            _("{scenario} · seed {seed}").format(scenario=session.scenario.title, seed=session.seed),
                            app.manager, container=self.window)
        self.buttons = {}
        for row, (key, text) in enumerate((("resume", _("Resume (R)")), ("save", _("Save game (S)")),
                                           ("load", _("Load game (L)")), ("seats", _("Seats: who plays which role (E)")),
                                           ("settings", _("Settings (O)")), ("quit", _("Quit to main menu (Q)")))):
            self.buttons[key] = UIButton(pygame.Rect(10, 40 + row * 50, inner, 42), text, app.manager,
                                         container=self.window, object_id=f"#menu_{key}")
        self.status = pygame_gui.elements.UITextBox(
            "<font color='#9fb2cc'>" + _("The table waits while this menu is open.") + "</font>", pygame.Rect(10, 340, inner, 80),
            app.manager, container=self.window, object_id="#status")

    LETTERS = {pygame.K_r: "resume", pygame.K_s: "save", pygame.K_l: "load", pygame.K_e: "seats",
               pygame.K_o: "settings", pygame.K_q: "quit"}

    def handle(self, event) -> bool:
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.window:
            self.app.menu = None
            return True
        if event.type == pygame.KEYDOWN and event.key in self.LETTERS:
            from .driver import click
            click(self.buttons[self.LETTERS[event.key]], by_key=True)
            return True
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        pressed = next((key for key, button in self.buttons.items() if event.ui_element is button), None)
        if pressed is None:
            return False
        if pressed == "resume":
            self.close()
        elif pressed == "save":
            stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            path = saves_dir() / f"{self.app.session.scenario.id}-round{self.app.session.state.round}-{stamp}.summit"
            try:
                self.app.session.save(path)
                self.status.set_text(_("Saved as <b>{name}</b><br>Load game lists it.").format(name=look.html(path.name)))
                self.app.last_save = path
            except OSError as error:
                self.status.set_text(_("Could not save: {reason}").format(reason=look.html(reason_of(error))))
        elif pressed == "load":
            self.close()
            self.app.goto("LoadScene", back=self.app.scene)
        elif pressed == "seats":
            self.close()
            self.app.goto("SeatsScene", back=self.app.scene)
        elif pressed == "settings":
            self.close()
            self.app.goto("SettingsScene", back=self.app.scene)
        elif pressed == "quit":
            self.close()
            self.app.goto("TitleScene")
        return True

    def close(self) -> None:
        self.window.kill()
        self.app.menu = None


class App:
    def __init__(self, settings: Settings | None = None, size: tuple[int, int] | None = None,
                 autopilot=None, screenshots: Path | None = None):
        self.settings = settings or Settings.load()
        look.cut.clear()   # the texts cut short are this window's (layout.problems reports them)
        pygame.display.init()   # no sound in Summit: the mixer stays off (and quiet)
        pygame.font.init()
        pygame.display.set_caption(f"Summit {__version__}")
        self.window = pygame.display.set_mode(size or self.settings.window_size, pygame.RESIZABLE)
        try:  # the layouts need 1280x720: the window may not be dragged smaller
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # pygame-ce prefers Window for all drawing
                pygame.Window.from_display_module().minimum_size = MIN_SIZE
        except (AttributeError, pygame.error):
            pass
        self.zoom = 1.0
        self.size = self.window.get_size()      # the size the screens are laid out for (window / zoom)
        self.screen = self.window                # what the screens draw on (scaled up to the window when zoomed)
        self.manager = look.make_manager(self.size)
        self._fit(self.window.get_size())
        self.clock = pygame.time.Clock()
        self.scene: Scene | None = None
        self.session: Session | None = None
        self.view_as: str | None = None          # whose eyes the table shows (the human, or the SG in a demo)
        self.menu: GameMenu | None = None
        self.running = True
        self.exit_code = 0
        self.autopilot = autopilot
        self.screenshots = Path(screenshots) if screenshots else None
        self.shots: list[Path] = []
        self.last_save: Path | None = None
        self.message = self.settings.problem or ""   # a one-line notice the next screen shows (e.g. a load error)
        self.demo = False                       # agents in every role (summit play --demo)
        self.operator = False                   # several players: one operator enters every move
        self.class_mode = False                 # ... on one sheet a phase for every role (table/class_sheet.py)
        self.slips: dict = {}                   # class mode: the slips handed in, by leader id, waiting for their turn
        self.slips_for: tuple | None = None     # ... for this (round, phase)
        self.information: str | None = None     # "full" from the command line (--full-information)
        self.opened: Path | None = None          # a scenario file named on the command line
        self.agents: dict[str, str] = {}         # --agents: WHO -> agent, for the games of the file opened
        self.strict_agents = False               # --strict-agents: a user's agent that fails pauses the table
        self.agent_seconds: float | None = None  # --agent-seconds: a user's agent's time for one decision
        self.seat: str | None = None            # hot-seat: the player at the keyboard now (None: public view)
        self.revealed: bool | None = None       # private information on screen: None as the mode has it,
                                                #   True shown, False hidden (V, the teacher's controls)
        self.paused = False                     # the computer players wait (Space, the teacher's controls)
        self.round_timer = RoundTimer(self.settings.round_minutes)   # the teacher's round timer (0: off)
        self.projector: tuple | None = None     # projector mode (F11): the window size and text size before it
        self.full_screen = False                # projector mode is real full screen (a real display)
        self.windowed_at: tuple[int, int] | None = None   # where the window was before full screen
        self.focus = Focus(self)                # the keyboard's focus ring
        self.help: UIWindow | None = None       # F1's list of keys
        self.roster_view = "bars"               # the table's allies: "bars" or "table"
        self.roster_sort = "by spending"
        self.allies_map = False                 # the table shows the alliance map instead of the roster (M)
        self.map_measure = "now"                # what the table's map colours by: "now" or "pledged"
        self.selected_ally: str | None = None   # the ally clicked on the map, marked in the roster too
        self.frames_in_scene = 0
        self.time = 0.0                          # seconds of frames run (the click guard's clock)
        self.last_press: tuple[tuple[int, int], float] | None = None   # where and when the pointer last pressed
        self.click_guard: tuple[tuple[int, int], float] | None = None  # (spot, until): a new screen's guard
        self.dropping = False                    # the guarded press was dropped: so is its release

    # ----- scenes -----------------------------------------------------------------------------------
    def scene_class(self, name: str) -> type[Scene]:
        """The class of a screen by its name ("TableScene"), loaded on first use (game/ui/scenes). The
        screens reach each other through here, never by importing each other."""
        from . import scenes
        return getattr(scenes, name)

    def make(self, name: str, *args, **kwargs) -> Scene:
        """A new screen of the class named, for this window: make("TableScene") is TableScene(app)."""
        return self.scene_class(name)(self, *args, **kwargs)

    def goto(self, name: str, *args, **kwargs) -> None:
        """Show a new screen of the class named: goto("HandOffScene", leader, then) is
        show(HandOffScene(app, leader, then))."""
        self.show(self.make(name, *args, **kwargs))

    def show(self, scene: Scene) -> None:
        self.screenshot()
        if self.menu is not None:
            self.menu.close()
        if self.scene is not None:
            self.scene.leave()
        self.scene = scene
        scene.enter()
        self.frames_in_scene = 0
        # A screen opened by a click must not take a second click at the same spot (a double click, or one
        # too many) for a button of its own that happens to sit there ("New game" where "See the outcome"
        # was): for a moment, a press there is dropped. Keys and clicks elsewhere go through at once.
        self.click_guard = None
        if self.last_press is not None and self.time - self.last_press[1] <= 0.25:
            self.click_guard = (self.last_press[0], self.time + CLICK_GUARD)

    def screenshot(self, name: str | None = None) -> None:
        """Save the screen as it looks now, once per screen visited (NN-name.png, the scene's name unless one
        is given: the demo adds NN-table-map.png and NN-outcome-map.png)."""
        if self.screenshots is None or self.scene is None:
            return
        self.screenshots.mkdir(parents=True, exist_ok=True)
        self.manager.update(0.0)
        self.render()   # the scene as it is now, even if it is left before its first frame was drawn
        path = self.screenshots / f"{len(self.shots) + 1:02d}-{name or self.scene.name}.png"
        try:
            save_png(self.window, path)
        except (OSError, pygame.error) as error:   # a link or a pipe at that name, a full disk: the game goes on
            why = reason_of(error) if isinstance(error, OSError) else error
            print(_("summit play: --screenshots {folder}: {name}: {reason}; no more screenshots").format(
                folder=self.screenshots, name=path.name, reason=why), file=sys.stderr)
            self.screenshots = None
            return
        self.shots.append(path)

    def start_session(self, session: Session, view_as: str | None) -> None:
        session.containment.strict = self.strict_agents         # --strict-agents: a failing agent pauses the table
        if self.agent_seconds is not None:                       # --agent-seconds
            session.containment.seconds = self.agent_seconds
        self.session = session
        self.view_as = view_as
        self.seat = None
        self.revealed = None
        self.paused = False
        self.slips, self.slips_for = {}, None
        self.round_timer.restart()

    @property
    def hot_seat(self) -> bool:
        """Several people take turns at one screen, with a hand-off screen between them."""
        return self.session is not None and len(self.session.humans) > 1 and not self.operator

    def autosave(self) -> None:
        """When a game begins or is loaded, after every person's move and every round, and when the window
        closes mid-game. The autosave it replaces is kept as the backup (autosave.prev.summit), so a damaged
        autosave still leaves one that loads. A demo never touches the autosave: it must not replace a real
        game a teacher left there."""
        if self.session is None or self.demo:
            return
        try:
            self.session.save(autosave_path(), backup=autosave_backup_path())
        except OSError as error:
            self.message = _("Autosave failed: {reason}").format(reason=reason_of(error))

    def load(self, path: Path) -> SaveError | None:
        """Load a save and go to the table (or the outcome); what is wrong when it cannot be loaded (its message
        says it in words)."""
        from ..play.session import SaveError, load
        try:
            session = load(path)
        except SaveError as error:
            return error
        view = session.humans[0] if session.humans else session.game.pen_holder
        self.start_session(session, view)
        if not session.over:
            self.autosave()  # from now on "Continue" offers this game
        keep_live_log(self)  # the game goes on: so does its log, in a new file holding every move so far
        self.goto("OutcomeScene" if session.over else "TableScene")
        return None

    def quit(self, code: int = 0) -> None:
        if self.session is not None and not self.session.over and getattr(self.scene, "in_game", False):
            self.autosave()  # closing the window mid-round keeps every move made so far
        self.exit_code = code
        self.running = False

    # ----- window size and zoom ----------------------------------------------------------------------
    def _fit(self, window_size: tuple[int, int]) -> None:
        """Lay the screens out for the window: the text size setting zooms the whole interface, never so far
        that the screens would have less than 1280x720 to lay out in."""
        width, height = max(MIN_SIZE[0], window_size[0]), max(MIN_SIZE[1], window_size[1])
        self.window = pygame.display.get_surface() or self.window
        if getattr(self, "full_screen", False):
            width, height = self.window.get_size()   # full screen: the display's size, whatever was asked
        elif (width, height) != self.window.get_size():
            self.window = pygame.display.set_mode((width, height), pygame.RESIZABLE)
        zoom = max(1.0, min(self.settings.zoom, width / MIN_SIZE[0], height / MIN_SIZE[1]))
        self.zoom = zoom
        self.size = (round(width / zoom), round(height / zoom))
        self.screen = self.window if zoom == 1.0 else pygame.Surface(self.size)
        self.manager.set_window_resolution(self.size)
        self.manager.mouse_pos_scale_factor = [self.size[0] / width, self.size[1] / height]
        from . import driver
        driver.scale = (width / self.size[0], height / self.size[1])

    def resize(self, window_size: tuple[int, int]) -> None:
        """The window changed size (or the zoom did): lay the current screen out again."""
        self._fit(window_size)
        if self.menu is not None:
            self.menu.close()
        if self.scene is not None:
            self.scene.leave()
            self.scene.enter()

    def set_language(self, code: str) -> None:
        """Show the window in this language from now on (the settings screen): Summit's texts, pygame_gui's own
        words, and the current screen laid out again in it."""
        from .. import i18n
        i18n.set_language(code)
        self.manager.set_locale(code)
        self.resize(self.window.get_size())

    # ----- frames -----------------------------------------------------------------------------------
    def guarded(self, event) -> bool:
        """Whether a pointer event is a click too many, dropped by the new screen's click guard; notes
        where and when the pointer pressed."""
        if event.type not in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP) or getattr(event, "by_key", False):
            return False
        if event.type == pygame.MOUSEBUTTONUP:
            dropped, self.dropping = self.dropping, False
            return dropped
        guard = self.click_guard
        if guard is not None and self.time < guard[1] and \
                max(abs(event.pos[0] - guard[0][0]), abs(event.pos[1] - guard[0][1])) <= CLICK_SPOT:
            self.dropping = True
            return True
        self.click_guard = None
        self.last_press = (tuple(event.pos), self.time)
        return False

    def step(self, dt: float = 1 / 60) -> None:
        self.time += dt
        if self.click_guard is not None and self.time >= self.click_guard[1]:
            self.click_guard = None
        if self.autopilot is not None:
            self.autopilot.tick(self, dt)
        for event in pygame.event.get():
            if self.guarded(event):
                continue
            if event.type == pygame.QUIT:
                self.quit(0)
                return
            if event.type == pygame.VIDEORESIZE:
                self.resize(event.size)
                continue
            if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and not self._text_focused():
                self.escape()
                continue
            if event.type == pygame.KEYDOWN and event.key == pygame.K_F1:
                self.toggle_help()
                continue
            if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
                said = toggle_projector(self)
                if hasattr(self.scene, "teacher_says"):
                    self.scene.teacher_says(said)
                continue
            if self.focus.handle(event):
                continue
            self.manager.process_events(event)
            if self.menu is not None and self.menu.handle(event):
                continue
            if self.scene is not None and not self._text_focused() and self.menu is None \
                    and self.scene.press_shortcut(event):
                continue
            if self.scene is not None:
                self.scene.handle(event)
        self.manager.update(dt)
        if self.session is not None and getattr(self.scene, "round_clock", False):
            self.round_timer.tick(dt, self.session.state.round, running=not self.paused and not self.session.over)
        if self.scene is not None:
            self.scene.update(dt)
        self.render()
        pygame.display.flip()
        self.frames_in_scene += 1

    def render(self) -> None:
        self.screen.fill(look.BACKGROUND)
        if self.scene is not None:
            self.scene.draw(self.screen)
        self.manager.draw_ui(self.screen)
        self.focus.draw(self.screen)
        if self.screen is not self.window:
            pygame.transform.smoothscale(self.screen, self.window.get_size(), self.window)

    def _text_focused(self) -> bool:
        focused = self.manager.get_focus_set()
        return any(isinstance(element, pygame_gui.elements.UITextEntryLine) for element in focused or ())

    def toggle_help(self) -> None:
        if self.help is not None and self.help.alive():
            self.help.kill()
            self.help = None
        elif self.scene is not None:
            self.help = help_window(self, self.scene.keys)

    def escape(self) -> None:
        if self.help is not None and self.help.alive():
            self.help.kill()
            self.help = None
        elif self.menu is not None:
            self.menu.close()
        elif self.scene is not None and self.scene.close_popup():
            pass
        elif self.session is not None and getattr(self.scene, "in_game", False):
            self.menu = GameMenu(self)
        elif self.scene is not None:
            self.scene.on_escape()

    def run(self) -> int:
        while self.running:
            dt = self.clock.tick(60) / 1000
            self.step(min(dt, 0.1))
        self.screenshot()
        pygame.quit()
        return self.exit_code


def check_display() -> None:
    """pygame.error when no real display opened: SDL falls back to an invisible 'offscreen' window when
    DISPLAY names no X server, which would leave the player staring at nothing."""
    import os
    pygame.display.init()
    driver = pygame.display.get_driver()
    if driver in ("offscreen", "dummy") and not os.environ.get("SDL_VIDEODRIVER"):
        display = os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        raise pygame.error(_("no display answered at {display!r} (SDL fell back to '{driver}')").format(
            display=display, driver=driver))
