"""The settings screen: the speed of the computer players, the window's size, the seed and the text size (kept
between sessions: game/ui/settings.py)."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UITextEntryLine

from .. import look
from ..scene import Scene
from ..settings import SIZES, SPEEDS, ZOOMS


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app, back: Scene | None):
        super().__init__(app)
        self.back_to = back

    def build(self):
        w, h = self.size
        s = self.app.settings
        self.label((40, 24, w - 80, 32), "Settings", object_id="#heading")
        x = 40
        self.label((x, 90, 420, 28), "Speed of the computer players")
        self.speed = UIDropDownMenu(list(SPEEDS), s.speed, pygame.Rect(x + 430, 86, 220, 36), self.manager,
                                    container=self.root, object_id="#speed")
        self.label((x, 140, 420, 28), "Window size (applies at the next start)")
        self.size_menu = UIDropDownMenu(list(SIZES), s.size, pygame.Rect(x + 430, 136, 220, 36), self.manager,
                                        container=self.root, object_id="#size")
        self.label((x, 240, 420, 28), "Text size (zooms the whole screen)")
        self.zoom_menu = UIDropDownMenu(list(ZOOMS), s.text_size, pygame.Rect(x + 430, 236, 220, 36), self.manager,
                                       container=self.root, object_id="#text_size")
        self.label((x, 190, 420, 28), "Seed (empty: a new one every game)")
        self.seed = UITextEntryLine(pygame.Rect(x + 430, 186, 220, 36), self.manager, container=self.root,
                                    object_id="#seed")
        self.seed.set_allowed_characters("numbers")
        self.seed.set_text_length_limit(18)
        if s.seed is not None:
            self.seed.set_text(str(s.seed))
        self.label((x, 290, w - 80, 28), "The same scenario, seed and moves always give the same game.")
        self.status = self.label((x, 340, w - 80, 28), "", object_id="#status")
        self.back = self.button((40, h - 78, 160, 46), "← Back")
        self.save = self.button((w - 280, h - 78, 240, 46), "Save settings", object_id="#primary")

    def shortcuts(self):
        return [(pygame.K_RETURN, "Enter", "save the settings", self.save),
                (pygame.K_BACKSPACE, "Backspace", "back", self.back)]

    def handle(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.on_escape()
            elif event.ui_element is self.save:
                s = self.app.settings
                s.speed = look.selected(self.speed)
                s.size = look.selected(self.size_menu)
                text = self.seed.get_text().strip()
                s.seed = int(text) if text else None
                zoom_before = s.text_size
                s.text_size = look.selected(self.zoom_menu)
                s.save()
                if s.text_size != zoom_before:
                    self.app.resize(self.app.window.get_size())  # this screen is laid out again, zoomed
                    self.status.set_text(f"Saved. Text size {s.text_size}"
                                         + ("" if self.app.zoom == s.zoom else
                                            f" (this window allows {self.app.zoom:.0%}; a larger one allows more)"))
                else:
                    self.status.set_text("Saved.")

    def on_escape(self):
        self.app.show(self.back_to if self.back_to is not None else self.app.make("TitleScene"))
