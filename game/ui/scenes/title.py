"""The title screen. It loads before anything of the game itself, so the window opens fast."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UITextBox

from ...i18n import _, error_text, localize
from ...play.userdirs import autosave_backup_path, autosave_path
from .. import look
from ..scene import Scene


class TitleScene(Scene):
    name = "title"

    def build(self):
        self.app.session = None
        w, h = self.size
        cx = w // 2
        self.label((cx - 400, h * 0.14, 800, 64), _("SUMMIT"), object_id="#title")
        self.label((cx - 400, h * 0.14 + 66, 800, 30), _("A negotiation game about NATO burden-sharing"),
                   object_id="#subtitle")
        entries = []
        if autosave_path().is_file() or autosave_backup_path().is_file():
            entries.append(("continue", _("Continue (autosave)"), _("Pick up the game where it was left off")))
        entries += [("new", _("New game"), _("Choose a scenario, then the role you will play")),
                    ("load", _("Load game"), _("Open a saved game or the autosave")),
                    ("replays", _("Replays"), _("Watch a finished game again, round by round")),
                    ("browse", _("Scenario browser"), _("Every bundled scenario and the ones in your own folder")),
                    ("settings", _("Settings"), _("Speed of the computer players, window size, seed, language")),
                    ("quit", _("Quit"), None)]
        top = h * 0.14 + 130
        self.buttons = {}
        for row, (key, text, tip) in enumerate(entries):
            self.buttons[key] = self.button((cx - 150, top + row * 56, 300, 46), text, tip,
                                            object_id="#primary" if key in ("new", "continue") else f"#{key}")
        self.label((cx - 560, h - 70, 1120, 24),
                   _("Leaders are simulated from their public positions; Summit does not predict what any real "
                     "person will do."), object_id="#note")
        # what went wrong, whole (two lines; a longer one scrolls): a path cut short would hide the file
        self.notice = UITextBox(look.html(localize(self.app.message)), pygame.Rect(cx - 560, h - 46, 1120, 42), self.manager,
                                container=self.root, object_id="#table_status")
        self.app.message = ""

    def shortcuts(self):
        import pygame
        letters = {"continue": (pygame.K_c, "C"), "new": (pygame.K_n, "N"), "load": (pygame.K_l, "L"),
                   "replays": (pygame.K_r, "R"),
                   "browse": (pygame.K_b, "B"), "settings": (pygame.K_o, "O"), "quit": (pygame.K_q, "Q")}
        return [(letters[key][0], letters[key][1], button.text.lower(), button) for key, button in self.buttons.items()]

    def handle(self, event):
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        key = next((k for k, b in self.buttons.items() if b is event.ui_element), None)
        if key in ("new", "browse"):
            self.app.goto("BrowserScene")
        elif key == "continue":
            problem = self.resume()
            if problem:
                self.notice.set_text(look.html(problem))
        elif key == "load":
            self.app.goto("LoadScene", back=None)
        elif key == "replays":
            self.app.goto("ReplaysScene", back=None)
        elif key == "settings":
            self.app.goto("SettingsScene", back=None)
        elif key == "quit":
            self.app.quit(0)

    def resume(self) -> str | None:
        """Load the autosave, or the previous one when the autosave cannot be loaded (the table says why); the
        message when neither loads, or when the autosave waits for an agent not loaded (--agents-path DIR)."""
        from ...play.session import AgentNotLoaded
        main, backup = autosave_path(), autosave_backup_path()
        refused = self.app.load(main) if main.is_file() else None
        problem = _("{path}: there is no autosave").format(path=main) if not main.is_file() else \
            error_text(refused) if refused else None
        if problem is None or not backup.is_file() or isinstance(refused, AgentNotLoaded):
            return problem   # an autosave waiting for its agent is whole: the previous game must not push it out
        self.app.message = _("The autosave could not be loaded, so this is the previous one. {problem}").format(
            problem=problem)
        fallback = self.app.load(backup)
        if fallback is not None:
            self.app.message = ""
            return _("Neither autosave loads. {problem} {error}").format(problem=problem, error=error_text(fallback))
        return None
