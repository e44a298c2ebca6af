"""The base of every screen: a Scene lays itself out in one container, takes the events the App hands it,
and is drawn each frame. Screens never import each other (nor the App): one goes to another through the
App by the other's class name, `self.app.goto("TableScene")` (game/ui/scenes loads it on first use)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel

if TYPE_CHECKING:  # the App holds the scenes; a scene only calls it
    from .app import App


class Scene:
    """One screen. Elements live in `self.root` (a container the size of the window), so leaving the
    scene is one kill(); `build()` lays the screen out from the model, and runs again on resize."""

    name = "scene"
    extra_keys: tuple[tuple[str, str], ...] = ()   # keys the screen handles itself, listed by F1

    def __init__(self, app: "App"):
        self.app = app
        self.manager = app.manager
        self.root: pygame_gui.core.UIContainer | None = None

    @property
    def size(self) -> tuple[int, int]:
        return self.app.size

    def enter(self) -> None:
        self.root = pygame_gui.core.UIContainer(pygame.Rect((0, 0), self.size), self.manager)
        self.build()

    def leave(self) -> None:
        if self.root is not None:
            self.root.kill()
            self.root = None

    def build(self) -> None: ...

    def shortcuts(self) -> list[tuple[int, str, str, object]]:
        """(key, its name, what it does, the button it presses): a key does what a click would."""
        return []

    @property
    def keys(self) -> list[tuple[str, str]]:
        return [(name, what) for _, name, what, _ in self.shortcuts()] + list(self.extra_keys)

    def press_shortcut(self, event) -> bool:
        if event.type != pygame.KEYDOWN or self.root is None:
            return False
        for key, _, _, element in self.shortcuts():
            if event.key == key and element is not None and element.alive() and element.is_enabled:
                from .driver import click
                click(element, by_key=True)
                return True
        return False

    def handle(self, event: pygame.event.Event) -> None: ...

    def update(self, dt: float) -> None: ...

    def draw(self, surface: pygame.Surface) -> None: ...

    def close_popup(self) -> bool:
        """Esc first closes what the screen has open on top (a window, a form); True when it did."""
        return False

    def on_escape(self) -> None:
        """Esc on a screen outside a game goes back to the title."""
        title = self.app.scene_class("TitleScene")
        if not isinstance(self, title):
            self.app.show(title(self.app))

    # helpers for the screens
    def button(self, rect, text, tip=None, object_id=None, cls=UIButton) -> UIButton:
        return cls(pygame.Rect(rect), text, self.manager, container=self.root, tool_tip_text=tip,
                   object_id=object_id)

    def label(self, rect, text, object_id=None) -> UILabel:
        return UILabel(pygame.Rect(rect), text, self.manager, container=self.root, object_id=object_id)
