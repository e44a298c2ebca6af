"""The settings screen: the speed of the computer players, the window's size, the seed, the text size and the
language (kept between sessions: game/ui/settings.py)."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UITextEntryLine

from ... import i18n
from ...i18n import _
from .. import look
from ..scene import Scene
from ..settings import LANGUAGE_NAMES, SIZES, SPEED_WORDS, SPEEDS, ZOOMS


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app, back: Scene | None):
        super().__init__(app)
        self.back_to = back

    def build(self):
        w, h = self.size
        s = self.app.settings
        self.label((40, 24, w - 80, 32), _("Settings"), object_id="#heading")
        x = 40
        self.label((x, 90, 420, 28), _("Speed of the computer players"))
        self.speeds = {str(SPEED_WORDS[key]): key for key in SPEEDS}
        self.speed = UIDropDownMenu(list(self.speeds), str(SPEED_WORDS[s.speed]), pygame.Rect(x + 430, 86, 220, 36),
                                    self.manager, container=self.root, object_id="#speed")
        self.label((x, 140, 420, 28), _("Window size (applies at the next start)"))
        self.size_menu = UIDropDownMenu(list(SIZES), s.size, pygame.Rect(x + 430, 136, 220, 36), self.manager,
                                        container=self.root, object_id="#size")
        self.label((x, 240, 420, 28), _("Text size (zooms the whole screen)"))
        self.zoom_menu = UIDropDownMenu(list(ZOOMS), s.text_size, pygame.Rect(x + 430, 236, 220, 36), self.manager,
                                       container=self.root, object_id="#text_size")
        self.label((x, 190, 420, 28), _("Seed (empty: a new one every game)"))
        self.seed = UITextEntryLine(pygame.Rect(x + 430, 186, 220, 36), self.manager, container=self.root,
                                    object_id="#seed")
        self.seed.set_allowed_characters("numbers")
        self.seed.set_text_length_limit(18)
        if s.seed is not None:
            self.seed.set_text(str(s.seed))
        self.label((x, 290, 420, 28), _("Language"))
        self.languages = {name: code for code, name in LANGUAGE_NAMES.items()}
        self.language = UIDropDownMenu(list(self.languages), LANGUAGE_NAMES[i18n.language()],
                                       pygame.Rect(x + 430, 286, 220, 36), self.manager, container=self.root,
                                       object_id="#language")
        self.label((x, 340, w - 80, 28), _("The same scenario, seed and moves always give the same game."))
        self.status = self.label((x, 390, w - 80, 28), "", object_id="#status")
        self.back = self.button((40, h - 78, 160, 46), _(_("← Back")))
        self.save = self.button((w - 280, h - 78, 240, 46), _("Save settings"), object_id="#primary")

    def shortcuts(self):
        return [(pygame.K_RETURN, _("Enter"), _("save the settings"), self.save),
                (pygame.K_BACKSPACE, _("Backspace"), _("back"), self.back)]

    def handle(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.on_escape()
            elif event.ui_element is self.save:
                s = self.app.settings
                s.speed = self.speeds[look.selected(self.speed)]
                s.size = look.selected(self.size_menu)
                text = self.seed.get_text().strip()
                s.seed = int(text) if text else None
                zoom_before, language_before = s.text_size, i18n.language()
                s.text_size = look.selected(self.zoom_menu)
                s.language = self.languages[look.selected(self.language)]
                s.save()
                if s.language != language_before:
                    self.app.set_language(s.language)   # this screen is laid out again, in its language
                elif s.text_size != zoom_before:
                    self.app.resize(self.app.window.get_size())  # this screen is laid out again, zoomed
                if s.text_size != zoom_before:
                    self.status.set_text(_("Saved. Text size {size}").format(size=s.text_size)
                                         if self.app.zoom == s.zoom else
                                         _("Saved. Text size {size} (this window allows {allowed}; a larger one allows "
                                           "more)").format(size=s.text_size, allowed=i18n.percent(self.app.zoom * 100, 0)))
                else:
                    self.status.set_text(_("Saved."))

    def on_escape(self):
        self.app.show(self.back_to if self.back_to is not None else self.app.make("TitleScene"))
