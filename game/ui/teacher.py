"""The teacher's controls in the window: a panel at the table (F2, or Teacher in the top bar) to pause the
computers, time the rounds, bring a scenario event forward, undo the last move, end the negotiation now,
show or hide private information, and switch the window to projector mode (F11); and the live log every
game in the window keeps in the user data folder as it is played.

The panel changes the game only through the Session (`teacher`, `undo`), so whatever it does is logged,
saved and replayed like any other move; what it changes on screen (pause, reveal, timer, text size) is
the window's business and never the game's.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterator
from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel, UITextBox, UIWindow
from pygame_gui.windows import UIConfirmationDialog

from ..i18n import _, localize, msg, ngettext, percent, reason_of, system_words
from ..play.userdirs import logs_dir
from . import look
from .settings import ROUND_MINUTES, ZOOMS

def timer_texts() -> dict[int, str]:
    """The round timer's choices in words: minutes -> "off", "2 min"."""
    return {minutes: _("off") if minutes == 0 else _("{minutes} min").format(minutes=minutes)
            for minutes in ROUND_MINUTES}
PROJECTOR_FALLBACK = (1920, 1080)   # no real screen to measure (SDL's dummy driver): a common projector's size
LAYOUT_SIZE = (1280, 720)           # the screens need this much room, whatever the zoom


# ----- the round timer ---------------------------------------------------------------------------------

class RoundTimer:
    """A countdown for each round of the negotiation, for the teacher to keep the class moving. It counts
    only while it runs (the table does not let it run while the computers are paused), starts again at each
    new round, and at zero only says that time is up: what happens then is the teacher's call."""

    def __init__(self, minutes: int = 0):
        self.minutes = minutes
        self.left = minutes * 60.0
        self.round: int | None = None

    @property
    def on(self) -> bool:
        return self.minutes > 0

    @property
    def up(self) -> bool:
        return self.on and self.left <= 0

    def set(self, minutes: int) -> None:
        """A new length: the current round's count starts again from it (0 turns the timer off)."""
        self.minutes = minutes
        self.left = minutes * 60.0

    def restart(self) -> None:
        """A new game: the first round the timer sees starts a full count."""
        self.round = None
        self.left = self.minutes * 60.0

    def tick(self, dt: float, round_: int, running: bool) -> None:
        if not self.on:
            return
        if round_ != self.round:
            self.round, self.left = round_, self.minutes * 60.0
        if running:
            self.left = max(0.0, self.left - dt)

    def left_text(self) -> str:
        """ "4:12 left", "time is up", or "off"."""
        if not self.on:
            return _("off")
        if self.up:
            return _("time is up")
        seconds = math.ceil(self.left)
        return _("{minutes}:{seconds:02d} left").format(minutes=seconds // 60, seconds=seconds % 60)

    def text(self) -> str:
        """What the top bar shows: "Round 3 · 4:12 left", "Round 3 · time is up", or "" when off."""
        if not self.on or self.round is None:
            return ""
        return _("Round {round} · {left}").format(round=self.round, left=self.left_text())


# ----- projector mode ----------------------------------------------------------------------------------

def projector_size() -> tuple[int, int]:
    """The largest display's size (at least what the screens need); without a real display, 1920x1080."""
    if pygame.display.get_driver() in ("dummy", "offscreen"):
        return PROJECTOR_FALLBACK
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        sizes = []
    width, height = max(sizes, key=lambda s: s[0] * s[1], default=PROJECTOR_FALLBACK)
    return max(width, LAYOUT_SIZE[0]), max(height, LAYOUT_SIZE[1])


def largest_text_size(size: tuple[int, int]) -> str:
    """The largest text size (a key of settings.ZOOMS) that still leaves the screens 1280x720 to lay out in."""
    fitting = [name for name, zoom in ZOOMS.items()
               if size[0] / zoom >= LAYOUT_SIZE[0] and size[1] / zoom >= LAYOUT_SIZE[1]]
    return max(fitting, key=ZOOMS.get, default="100%")


def _display_window():
    """The SDL window behind pygame's display module (pygame-ce's Window), or None."""
    import warnings
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # pygame-ce prefers Window for all drawing
            return pygame.Window.from_display_module()
    except (AttributeError, pygame.error):
        return None


def display_under(position: tuple[int, int], size: tuple[int, int],
                  displays: list[tuple[int, int]]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The origin and size of the display a window's middle is on, the displays taken side by side from
    the left in SDL's order (pygame gives their sizes, not where they are: side by side is how most
    set-ups, and a laptop with a projector to its right, have them); the first when none holds it."""
    middle = position[0] + size[0] // 2
    left = 0
    for width, height in displays:
        if left <= middle < left + width:
            return (left, 0), (width, height)
        left += width
    return (0, 0), (displays[0] if displays else PROJECTOR_FALLBACK)


def enter_full_screen(app) -> tuple[int, int] | None:
    """Full screen on the display the window is on; the size the window now has, or None when there is no
    real display (SDL's dummy driver) or the window cannot be moved. The window first covers the display
    itself, borderless (which is all there is without a window manager: SDL's full-screen request goes to
    the window manager, and with none the window would stay where it was, part of it off screen); then SDL's
    desktop full screen, for a window manager to honour (no mode change: the display's own resolution)."""
    if pygame.display.get_driver() in ("dummy", "offscreen"):
        return None
    window = _display_window()
    if window is None:
        return None
    try:
        displays = pygame.display.get_desktop_sizes()
        origin, size = display_under(tuple(window.position), tuple(window.size), displays)
        app.windowed_at = tuple(window.position)
        window.borderless = True
        window.position = origin
        window.size = size
        window.set_fullscreen(desktop=True)
    except pygame.error:
        return None
    pygame.event.pump()   # the display surface takes the new size
    size = tuple(window.size)
    return size if size[0] >= LAYOUT_SIZE[0] and size[1] >= LAYOUT_SIZE[1] else None


def leave_full_screen(app, size: tuple[int, int]) -> None:
    """Back to the window as it was: framed, its size (set by the App) and its place."""
    window = _display_window()
    if window is None:
        return
    try:
        window.set_windowed()
        window.borderless = False
        pygame.display.set_mode(size, pygame.RESIZABLE)
        window = _display_window()
        if window is not None and app.windowed_at is not None:
            window.position = app.windowed_at
    except pygame.error:
        pass
    pygame.event.pump()


def toggle_projector(app) -> str:
    """Projector mode on: full screen on the display the window is on, with the largest text that fits
    (without a real display: the window at a projector's size); off: the window size and text size from
    before. Says what it did (for the status line)."""
    if app.projector is not None:
        size, text_size = app.projector
        app.projector = None
        app.settings.text_size = text_size
        if app.full_screen:
            app.full_screen = False
            leave_full_screen(app, size)
        app.resize(size)
        return _("Projector mode off: the window is {width}x{height} again, text {text_size}.").format(
            width=size[0], height=size[1], text_size=text_size)
    app.projector = (app.window.get_size(), app.settings.text_size)
    size = enter_full_screen(app)
    app.full_screen = size is not None
    size = size or projector_size()
    app.settings.text_size = largest_text_size(size)   # not saved: the next start opens as before
    app.resize(size)
    width, height = app.window.get_size()
    text = _("Projector mode: {width}x{height} full screen, text {text_size}. F11 goes back.") if app.full_screen \
        else _("Projector mode: {width}x{height}, text {text_size}. F11 goes back.")
    return text.format(width=width, height=height, text_size=percent(app.zoom * 100, 0))


# ----- the live log ------------------------------------------------------------------------------------

def live_log_names(scenario_id: str, seed: int, now: _dt.datetime | None = None) -> Iterator[Path]:
    """The names a live log may take, first free one wins (Session.keep_new_log claims it in one step, already
    holding the log's header): logs_dir()/SCENARIO-YYYYmmdd-HHMMSS-seedN.jsonl, then -2, -3..., so two windows
    sharing a data folder that start the same game in the same second each get a log of their own."""
    from ..files import numbered

    stamp = (now or _dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    first = logs_dir() / f"{scenario_id}-{stamp}-seed{seed}.jsonl"
    return numbered(first, f"{scenario_id}-{stamp}-seed{seed}-{{number}}.jsonl")


def keep_live_log(app) -> None:
    """A game started or loaded in the window keeps its log in the user data folder as it is played (a demo
    leaves the user's files alone). When the log cannot be written, the game goes on and the table says so."""
    session = app.session
    if session is None or app.demo or session.over or session.log_path is not None:
        return
    try:
        session.keep_new_log(live_log_names(session.scenario.id, session.seed))
    except OSError as error:
        session.log_error = msg("{path}: {reason}", path=error.filename or logs_dir(), reason=system_words(error))
        app.message = _("The game's log cannot be written ({reason}); the game goes on without it.").format(
            reason=reason_of(error))


def log_html(app) -> str:
    session = app.session
    if session is None:
        return ""
    if session.log_path is not None:   # broken after its separators: a text box would break it mid-name
        lines = look.path_lines(str(session.log_path), look.font(14), TeacherPanel.WIDTH - 64)
        return ("<font color='#9fb2cc'>" + _("Log, written move by move:") + "</font><br>"
                + "<br>".join(look.html(line) for line in lines))
    if session.log_error:
        return f"<font color='{look.HTML_OBJECT}'>" + _("No log: {reason}").format(
            reason=look.html(localize(session.log_error))) + "</font>"
    if app.demo:
        return "<font color='#9fb2cc'>" + _("No log: a demo leaves your files alone.") + "</font>"
    return "<font color='#9fb2cc'>" + _("No log is kept for this game.") + "</font>"


# ----- the panel -----------------------------------------------------------------------------------------

class TeacherPanel:
    """The teacher's controls in a window over the allies' roster, so the draft, the log and the move panel
    stay in view. Every control is a button or a list, so the focus ring (Tab, Enter) reaches it."""

    WIDTH = 400
    LABEL_W = 100
    ROW = 44
    EVENT_H = 52       # the event chosen, whole, on two lines
    LOG_H = 104        # the log's path, whole, on up to four lines

    def __init__(self, table):
        self.table = table
        self.app = table.app
        self.manager = table.manager
        self.confirm: UIConfirmationDialog | None = None
        self.ending: bool | None = None          # adopt (True) or no deal (False) while the dialog asks
        self.events_shown: tuple = ()
        height = 34 + 8 * self.ROW + self.EVENT_H + 6 + 8 + 62 + 6 + self.LOG_H + 12
        self.window = UIWindow(pygame.Rect(8, 50, self.WIDTH, height), self.manager,
                               window_display_title=_("Teacher's controls (F2 or Esc closes)"), object_id="#teacher",
                               resizable=False)
        inner = self.window.get_container().get_rect().width
        x, self.control_w = self.LABEL_W + 12, inner - self.LABEL_W - 22
        self.x = x
        y = 8
        self.buttons: dict[str, UIButton] = {}
        self._label(y, _("Computers"))
        self._button("pause", (x, y, self.control_w, 36), _("Pause the computers (Space)"))
        y += self.ROW
        self._label(y, _("Round timer"))
        self.timer_texts = timer_texts()
        self.timer_menu = UIDropDownMenu(list(self.timer_texts.values()), self.timer_texts[self.app.round_timer.minutes],
                                         pygame.Rect(x, y, 118, 36), self.manager, container=self.window,
                                         object_id="#timer_menu")
        self.timer_note = UILabel(pygame.Rect(x + 126, y + 4, self.control_w - 126, 28), "", self.manager,
                                  container=self.window, object_id="#status")
        self.timer_note.set_tooltip(_("Counts while the computers are not paused; starts again each round. At "
                                      "zero it only says so: you decide what happens."))
        y += self.ROW
        self._label(y, _("Event now"))
        # the events to come, one at a time (◂ ▸), each named in full: a drop-down would cut a long name
        self.event_index = 0
        self._button("event_prev", (x, y, 44, 36), "◂", _("The event before"))
        self._button("event_next", (x + 50, y, 44, 36), "▸", _("The next event"))
        self.events_count = UILabel(pygame.Rect(x + 100, y + 4, self.control_w - 100, 28), "", self.manager,
                                    container=self.window, object_id="#status")
        y += self.ROW
        self.events_box = UITextBox("", pygame.Rect(10, y, inner - 20, self.EVENT_H), self.manager,
                                    container=self.window, object_id="#teacher_events")
        y += self.EVENT_H + 6
        self._button("inject", (x, y, self.control_w, 36), _("Bring it forward now"), reason=True)
        y += self.ROW
        self._label(y, _("Undo"))
        self._button("undo", (x, y, self.control_w, 36), _("Undo the last move"), reason=True)
        y += self.ROW
        self._label(y, _("End now"))
        half = (self.control_w - 8) // 2
        self._button("adopt", (x, y, half, 36), _("Impose the draft"),
                     _("End the negotiation now and adopt the draft on the table as if every member agreed: you "
                       "override consensus, which no one can do at NATO (asks first)"))
        self._button("no_deal", (x + half + 8, y, half, 36), _("No deal"),
                     _("End the negotiation now without a deal: everyone scores 50 (asks first)"))
        y += self.ROW
        self._label(y, _("On screen"))
        self._button("reveal", (x, y, self.control_w, 36), _("Show private positions (V)"), reason=True)
        y += self.ROW
        self._label(y, _("Projector"))
        self._button("projector", (x, y, self.control_w, 36), _("Projector mode (F11)"),
                     _("Full screen on this display, with the largest text that fits (F11 again goes back)"))
        y += self.ROW + 8
        self.status = UITextBox("<font color='#9fb2cc'>" + _("An event, an undo or an end goes in the log as the "
                                                             "teacher's move.") + "</font>",
                                pygame.Rect(10, y, inner - 20, 62), self.manager, container=self.window,
                                object_id="#teacher_status")
        y += 68
        self.log_box = UITextBox(log_html(self.app), pygame.Rect(10, y, inner - 20, self.LOG_H), self.manager,
                                 container=self.window, object_id="#teacher_log")
        self.refresh()

    # ----- building ------------------------------------------------------------------------------------
    def _label(self, y: int, text: str) -> None:
        UILabel(pygame.Rect(10, y + 4, self.LABEL_W, 28), text, self.manager, container=self.window,
                object_id="#section")

    def _button(self, key: str, rect, text: str, tip: str | None = None, reason: bool = False) -> UIButton:
        cls = look.ReasonButton if reason else UIButton
        button = cls(pygame.Rect(rect), text, self.manager, container=self.window, tool_tip_text=tip,
                     object_id=f"#teacher_{key}")
        self.buttons[key] = button
        return button

    def _set(self, key: str, text: str, enabled: bool = True, tip: str | None = None) -> None:
        """A button's text, state and tooltip from the model. pygame_gui 0.6.14 does not redraw a disabled
        button's new text, so such a button is made anew."""
        button = self.buttons[key]
        if button.text != text and not (enabled and button.is_enabled):
            rect = button.relative_rect.copy()
            button.kill()
            button = self._button(key, rect, text, reason=isinstance(button, look.ReasonButton))
        elif button.text != text:
            button.set_text(text)
        (button.enable if enabled else button.disable)()
        button.set_tooltip(tip)

    def events(self):
        session = self.app.session
        return session.game.unfired_events(session.state)

    def _show_event(self) -> None:
        """The event chosen, in full, and where it is among those still to come."""
        events = self.events()
        self.event_index = min(self.event_index, max(0, len(events) - 1))
        if events:
            event = events[self.event_index]
            text = f"<b>{look.html(event.label)}</b>"
            count = _("{number} of {count} to come").format(number=self.event_index + 1, count=len(events))
        else:
            text, count = "<font color='#9fb2cc'>" + _("none left to bring forward") + "</font>", ""
        if self.events_box.html_text != text:
            self.events_box.set_text(text)
        if self.events_count.text != count:
            self.events_count.set_text(count)
        for key, enabled in (("event_prev", self.event_index > 0), ("event_next", self.event_index < len(events) - 1)):
            (self.buttons[key].enable if enabled else self.buttons[key].disable)()

    def chosen_event(self):
        """The event shown, or None."""
        events = self.events()
        return events[self.event_index] if events and self.event_index < len(events) else None

    # ----- model -> panel ------------------------------------------------------------------------------
    def refresh(self) -> None:
        table, session = self.table, self.app.session
        running = not session.over
        self._set("pause", _("Resume the computers (Space)") if table.paused else _("Pause the computers (Space)"),
                  tip=_("The computer players wait (and the round timer stops) until you resume"))
        self._show_event()
        event = self.chosen_event()
        if not running:
            self._set("inject", _("Bring it forward now"), False, _("The negotiation is over."))
        elif event is None:
            self._set("inject", _("Bring it forward now"), False, _("Every event of the scenario has happened already."))
        else:
            self._set("inject", _("Bring it forward now"), True, f"{event.label}: {event.text}")
        why = session.why_no_undo()
        self._set("undo", _("Undo the last move"), why is None,
                  _("Not now: {reason}.").format(reason=localize(why)) if why else
                  _("Take back the last move a person or the teacher made, and the computers' moves after it"))
        for key in ("adopt", "no_deal"):
            (self.buttons[key].enable if running else self.buttons[key].disable)()
        shown = table.private_shown
        text = _("Hide private positions (V)") if shown else _("Show private positions (V)")
        if table.viewer is None:
            self._set("reveal", text, False, _("Public view: no role's screen is on show (each player sees their own "
                                               "positions on their turn, after the hand-off)"))
        else:
            name = session.scenario.leader(table.viewer).name
            self._set("reveal", text, True, (_("Hide {leader}'s positions and draft meter on the screen") if shown else
                                             _("Show {leader}'s positions and draft meter on the screen")).format(
                                                 leader=name))
        self._set("projector", _("Leave projector mode (F11)") if self.app.projector else _("Projector mode (F11)"),
                  tip=_("Full screen on this display, with the largest text that fits (F11 again goes back)"))
        self.tick()
        html = log_html(self.app)
        if self.log_box.html_text != html:
            self.log_box.set_text(html)

    def tick(self) -> None:
        """The timer's line in the panel (every frame: only when its text changed)."""
        timer = self.app.round_timer
        text = timer.left_text() if timer.on else ""
        if self.timer_note.text != text:
            self.timer_note.set_text(text)

    def say(self, text: str) -> None:
        self.status.set_text(look.html(text))

    # ----- panel -> Session ----------------------------------------------------------------------------
    def handle(self, event) -> bool:
        """True when the event was the panel's."""
        if event.type == pygame_gui.UI_WINDOW_CLOSE:
            if event.ui_element is self.window:
                self.table.close_panel()
                return True
            if event.ui_element is self.confirm:
                self.confirm = self.ending = None
                return True
            return False
        if event.type == pygame_gui.UI_CONFIRMATION_DIALOG_CONFIRMED and event.ui_element is self.confirm:
            adopt, self.confirm, self.ending = self.ending, None, None
            self.table.teacher_end(adopt)
            return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is self.timer_menu:
                minutes = next(m for m, text in self.timer_texts.items() if text == look.selected(self.timer_menu))
                self.table.set_round_timer(minutes)
                self.say(_("Round timer off.") if minutes == 0 else
                         ngettext("Round timer: {minutes} minute a round, from now; it stops while the computers are "
                                  "paused.", "Round timer: {minutes} minutes a round, from now; it stops while the "
                                  "computers are paused.", minutes).format(minutes=minutes))
                return True
            return False
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return False
        pressed = next((key for key, button in self.buttons.items() if event.ui_element is button), None)
        if pressed is None:
            return False
        if pressed in ("event_prev", "event_next"):
            self.event_index += 1 if pressed == "event_next" else -1
            self.refresh()
        elif pressed == "pause":
            self.table.toggle_pause()
        elif pressed == "inject":
            event_ = self.chosen_event()
            if event_ is not None:
                self.table.teacher_inject(event_.id)
        elif pressed == "undo":
            self.table.teacher_undo()
        elif pressed in ("adopt", "no_deal"):
            self.ask_to_end(pressed == "adopt")
        elif pressed == "reveal":
            self.table.toggle_reveal()
        elif pressed == "projector":
            self.table.teacher_projector()
        return True

    def ask_to_end(self, adopt: bool) -> None:
        if self.confirm is not None and self.confirm.alive():
            self.confirm.kill()
        w, h = self.app.size
        if adopt:
            question = _("End the negotiation now and <b>adopt the draft on the table as if every member "
                         "agreed</b>? You override consensus: at NATO no text passes while an ally objects. The "
                         "outcome screen follows.")
        else:
            question = _("End the negotiation now <b>without a deal</b>? Every leader scores 50. The outcome "
                         "screen follows.")
        self.ending = adopt
        self.confirm = UIConfirmationDialog(pygame.Rect((w - 460) // 2, (h - 230) // 2, 460, 230), question,
                                            self.manager, window_title=_("End the negotiation now?"),
                                            action_short_name=_("Impose the draft") if adopt else _("End: no deal"),
                                            object_id="#teacher_confirm")

    def close_confirm(self) -> bool:
        if self.confirm is not None and self.confirm.alive():
            self.confirm.kill()
            self.confirm = self.ending = None
            return True
        return False

    def alive(self) -> bool:
        return self.window.alive()

    def close(self) -> None:
        self.close_confirm()
        self.window.kill()
