"""The projector of a hosted class (`summit host` without --no-window): a window the whole room reads, with the
teacher's few controls on it.

It shows how to join (a QR code of the students' address with the room code, the address, the room code), who
has taken which seat, and the public table (projector_words.py says it in words, projector_draw.py draws
it); nothing private of any seat. It never changes a game itself: every control goes through the host's
`call_soon`, which runs the teacher's command on the server's loop. The host is used duck-typed (game/ui may
not import game/net).

Keys: Space pauses or resumes the table shown, 1-8 choose the table, F2 shows or hides the teacher's panel
(the game goes on meanwhile: only the teacher's Pause holds a table), F11 full screen, Esc closes the panel or
leaves full screen; only closing the window ends it (and with it the host).
"""

from __future__ import annotations

import time
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIButton

from ..i18n import _
from . import look
from .look import save_png
from .projector_draw import draw_join, draw_lobby_seats, draw_notices, draw_panel_background, draw_table, layout
from .projector_words import tab_words, table_words

DEFAULT_SIZE = (1280, 720)
ARMED_FOR = 6.0          # seconds "End now" waits for its second click
EXTRA_SECONDS = 60       # what the panel's deadline button adds
FPS = 30
BUTTON_SIZES = range(13, 31)   # the buttons' text grows with the window


def masked(address: str) -> str:
    """The teacher's address with its token hidden: the whole room reads the projector."""
    base, hash_, token = address.partition("#")
    return f"{base}#{'•' * 8}" if hash_ and token else address


class Projector:
    def __init__(self, host, size: tuple[int, int] | None = None):
        self.host = host
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(f"Summit · room {host.room}")
        self.window = pygame.display.set_mode(size or DEFAULT_SIZE, pygame.RESIZABLE)
        self.windowed_size = self.window.get_size()
        self.fullscreen = False
        self.windowed_at: tuple[int, int] | None = None   # where the window was before full screen
        self.manager = look.make_manager(self.window.get_size())
        self.manager.get_theme().load_theme({f"#projector_{size}": {"font": {"name": "dejavu", "size": str(size)}}
                                             for size in BUTTON_SIZES})
        self.clock = pygame.time.Clock()
        self.shown = 0                 # the table on screen
        self.panel_open = False        # F2's panel
        self.reveal = False            # the teacher's address shown whole
        self.armed_at: float | None = None   # "End now" clicked once, waiting for the second click
        self.buttons: dict[str, UIButton] = {}
        self.signature = None
        self.words = None              # the last frame's words
        self.running = True

    # ----- what the buttons do ---------------------------------------------------------------------------
    @property
    def table(self):
        return self.host.tables[min(self.shown, len(self.host.tables) - 1)]

    def call(self, command: str, value=None) -> None:
        self.host.call_soon(self.table.index, command, value)

    def press(self, name: str) -> None:
        """A button's (or a key's) action by the button's name."""
        table = self.table
        if name.startswith("tab"):
            self.choose(int(name[3:]))
        elif name == "start":
            self.call("start")
        elif name == "pause":
            self.call("pause")
        elif name == "resume":
            self.call("resume")
        elif name == "end":
            self.armed_at = time.monotonic()
        elif name in ("adopt", "no_deal"):
            if self.armed_at is not None:
                self.call("end_now", name == "adopt")
            self.armed_at = None
        elif name == "cancel_end":
            self.armed_at = None
        elif name == "panel":
            self.panel_open = not self.panel_open
        elif name == "deadline":
            if table.round_time:
                self.call("extend", EXTRA_SECONDS)
            else:
                self.call("deadline", EXTRA_SECONDS)
        elif name == "no_deadline":
            self.call("deadline", 0)
        elif name == "talks":
            self.call("talks", not table.talks_on)
        elif name == "undo":
            self.call("undo")
        elif name == "event" and self.words is not None and self.words.next_event is not None:
            self.call("inject", self.words.next_event[0])
        elif name == "reveal":
            self.reveal = not self.reveal

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.host.tables) and index != self.shown:
            self.shown = index
            self.armed_at = None

    def key(self, event) -> None:
        table = self.table
        if event.key == pygame.K_ESCAPE:   # never ends the class by a slip: closes the panel, leaves full screen
            if self.panel_open:
                self.press("panel")
            elif self.fullscreen:
                self.toggle_fullscreen()
        elif event.key == pygame.K_F11:
            self.toggle_fullscreen()
        elif event.key == pygame.K_F2:
            self.press("panel")
        elif event.key == pygame.K_SPACE and table.started and not table.session.over:
            self.press("resume" if table.paused else "pause")
        elif pygame.K_1 <= event.key <= pygame.K_8:
            self.choose(event.key - pygame.K_1)

    # ----- the window ----------------------------------------------------------------------------------
    def toggle_fullscreen(self) -> None:
        """Full screen on the display the window is on, as the game window's F11 does (game/ui/teacher.py:
        it fills the display with or without a window manager); without a real display, SDL's own."""
        from .teacher import enter_full_screen, leave_full_screen
        try:
            if self.fullscreen:
                if self.windowed_at is not None:   # framed again, at its size and place
                    leave_full_screen(self, self.windowed_size)
                else:
                    pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
            else:
                self.windowed_size = self.window.get_size()
                self.windowed_at = None
                if enter_full_screen(self) is None:
                    self.windowed_at = None
                    self.window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            self.fullscreen = not self.fullscreen
        except pygame.error:
            return
        self.resized()

    def resized(self) -> None:
        self.window = pygame.display.get_surface()
        self.manager.set_window_resolution(self.window.get_size())
        self.signature = None

    def handle(self, event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.resized()
        consumed = self.manager.process_events(event)
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            name = next((n for n, b in self.buttons.items() if b is event.ui_element), None)
            if name is not None:
                self.press(name)
            return
        if event.type == pygame.KEYDOWN and not consumed:
            self.key(event)

    # ----- the buttons, made again whenever what they say changes ---------------------------------------
    def wanted_buttons(self, lay, words) -> list[tuple[str, str, pygame.Rect, str | None]]:
        """(name, text, rect, reason it is disabled or None) of every button for the moment."""
        px = lay.px
        out = []
        if lay.tabs is not None:
            count = len(self.host.tables)
            width = min(px(250), lay.tabs.width // count)
            for i, table in enumerate(self.host.tables):
                out.append((f"tab{i}", ("▶ " if i == self.shown else "") + tab_words(table),
                            pygame.Rect(lay.tabs.x + i * width, lay.tabs.y, width - px(6), lay.tabs.height), None))
        c = lay.controls
        h = px(40)
        if not words.started:
            half = (c.width - px(10)) // 2
            out.append(("start", _("Start the game now"), pygame.Rect(c.x, c.y, half, c.height), None))
            out.append(("panel", _("Teacher's controls (F2)"), pygame.Rect(c.x + half + px(10), c.y, half, c.height), None))
        else:
            y = c.y
            if not words.over:
                out.append(("resume", _("Resume (Space)"), pygame.Rect(c.x, y, c.width, h), None) if words.paused else
                           ("pause", _("Pause (Space)"), pygame.Rect(c.x, y, c.width, h), None))
                y += h + px(8)
                if self.armed_at is None:
                    out.append(("end", _("End now…"), pygame.Rect(c.x, y, c.width, h), None))
                else:
                    half = (c.width - px(8)) // 2
                    out.append(("adopt", _("Impose the draft"), pygame.Rect(c.x, y, half, h), None))
                    out.append(("no_deal", _("End: no deal"), pygame.Rect(c.x + half + px(8), y, half, h), None))
                    y += h + px(6)
                    out.append(("cancel_end", _("Cancel: play on"), pygame.Rect(c.x, y, c.width, h), None))
                y += h + px(8)
            out.append(("panel", _("Hide teacher's controls (F2)") if self.panel_open else _("Show teacher's controls (F2)"),
                        pygame.Rect(c.x, y, c.width, h), None))
        if self.panel_open:
            p = lay.panel
            top = p.y + px(44)
            half = (p.width - px(24) - px(10)) // 2
            left, right = p.x + px(12), p.x + px(12) + half + px(10)
            playing = words.started and not words.over
            deadline = _("Round deadline +60 s") if words.deadline_set else _("Round deadline: 60 s")
            out.append(("deadline", deadline, pygame.Rect(left, top, half, h),
                        None if playing else _("for a game in progress")))
            out.append(("no_deadline", _("No round deadline"), pygame.Rect(right, top, half, h),
                        None if words.deadline_set else _("there is no round deadline")))
            top += h + px(8)
            out.append(("talks", _("Switch private talks off") if words.talks_on else _("Switch private talks on"),
                        pygame.Rect(left, top, half, h), None))
            out.append(("undo", _("Undo the last move"), pygame.Rect(right, top, half, h), words.undo_reason))
            top += h + px(8)
            event = words.next_event
            out.append(("event", _("Event now: {event}").format(event=event[1]) if event else _("Event now"),
                        pygame.Rect(left, top, p.width - px(24), h),
                        None if event and playing else _("every event has happened") if playing else
                        _("for a game in progress")))
            top += h + px(8)
            out.append(("reveal", _("Hide the teacher's address") if self.reveal else _("Show the teacher's address"),
                        pygame.Rect(left, top, p.width - px(24), h), None))
        return out

    def rebuild(self, lay, words) -> None:
        wanted = self.wanted_buttons(lay, words)
        signature = (self.window.get_size(), tuple((n, t, tuple(r), why) for n, t, r, why in wanted))
        if signature == self.signature:
            return
        self.signature = signature
        for button in self.buttons.values():
            button.kill()
        self.buttons = {}
        size = min(max(BUTTON_SIZES), max(min(BUTTON_SIZES), lay.px(15)))
        for name, words_, rect, why in wanted:
            button = look.ReasonButton(rect, words_, self.manager, tool_tip_text=why, object_id=f"#projector_{size}")
            if why:
                button.disable()
            self.buttons[name] = button

    # ----- a frame ---------------------------------------------------------------------------------------
    def frame(self, dt: float) -> None:
        if self.armed_at is not None and time.monotonic() - self.armed_at > ARMED_FOR:
            self.armed_at = None
        now = self.host.clock()
        try:
            words = table_words(self.table, now)
        except RuntimeError:   # the server's thread changed a table's devices while they were read: next frame
            if self.words is None:
                return
            words = self.words
        self.words = words
        if words.over or not words.started:
            self.armed_at = None
        lay = layout(self.window.get_size(), words.started, len(self.host.tables))
        self.rebuild(lay, words)
        self.manager.update(dt)
        surface = self.window
        surface.fill(look.BACKGROUND)
        if words.started:
            draw_table(surface, lay.main, words, lay)
        else:
            draw_lobby_seats(surface, lay.main, words, lay)
        draw_join(surface, lay.join, self.host, lay, big=not words.started)
        draw_notices(surface, lay.notices, list(self.host.notices), lay)
        if self.panel_open:
            address = self.host.teacher_url if self.reveal else masked(self.host.teacher_url)
            draw_panel_background(surface, lay.panel, lay, address or "(none)", words.waiting)
        self.manager.draw_ui(surface)
        pygame.display.flip()

    def run(self, frames: int | None = None) -> None:
        count = 0
        while self.running:
            dt = self.clock.tick(FPS) / 1000.0
            for event in pygame.event.get():
                self.handle(event)
            if not self.running:
                break
            self.frame(dt)
            count += 1
            if frames is not None and count >= frames:
                break

    def save(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        number = len(list(folder.glob("projector-*.png"))) + 1
        path = folder / f"projector-{number:02d}.png"
        save_png(self.window, path)
        return path


def run_projector(host, size: tuple[int, int] | None = None, *, frames: int | None = None,
                  screenshots: Path | str | None = None) -> None:
    """The projector window until the window is closed (or `frames` frames have been drawn); with
    `screenshots`, the last frame is saved there as projector-NN.png."""
    projector = Projector(host, size)
    try:
        projector.run(frames)
        if screenshots is not None:
            projector.save(Path(screenshots))
    finally:
        pygame.display.quit()
