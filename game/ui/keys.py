"""The keyboard does what the mouse does. Tab (or the arrow keys) moves a gold focus ring over every
button, list item, slider and text field on screen, in reading order; Enter or Space presses the focused
one with a real click; Left and Right move a focused slider; Page Up and Page Down scroll the list or text
under the focus. Each screen adds its own shortcuts, and F1 lists them all."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import (UIButton, UIHorizontalSlider, UITextEntryLine, UIVerticalScrollBar, UIWindow)

from ..i18n import N_, _
from . import driver, look

GLOBAL_KEYS = (
    ("F1", N_("this list of keys")),
    (N_("Tab / Shift+Tab, arrow keys"), N_("move the gold focus ring")),
    (N_("Enter or Space"), N_("press what the ring is on (in a list: choose the item)")),
    (N_("Left / Right"), N_("move a slider the ring is on")),
    (N_("Page Up / Page Down"), N_("scroll the list or text the ring is on (else the main text)")),
    (N_("Esc"), N_("close a window or form; in a game, the game menu; elsewhere, back")),
    ("F11", N_("projector mode: full screen, the largest text (F11 again: back)")),
)


def _inside(element, kind) -> bool:
    parent = getattr(element, "parent_element", None)
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = getattr(parent, "parent_element", None)
    return False


def _shown(element) -> bool:
    node = element
    while node is not None:
        if not node.alive() or not getattr(node, "visible", True):
            return False
        parent = getattr(node, "ui_container", None)
        node = parent if parent is not node else None
    return True


class Focus:
    """The focus ring of one window: which element the keyboard acts on."""

    def __init__(self, app):
        self.app = app
        self.current = None

    def candidates(self) -> list:
        """Everything a mouse could click now, in reading order; inside an open window only that window."""
        manager = self.app.manager
        top = [w for w in manager.get_sprite_group().sprites() if isinstance(w, UIWindow) and w.alive()]
        found = []
        for element in manager.get_sprite_group().sprites():
            if isinstance(element, UIButton):
                # a slider's arrows and a scroll bar's buttons are reached through Left/Right and Page keys
                if _inside(element, (UIHorizontalSlider, UIVerticalScrollBar)) or not element.is_enabled:
                    continue
            elif not isinstance(element, (UIHorizontalSlider, UITextEntryLine)):
                continue
            if not _shown(element):
                continue
            rect = element.get_abs_rect()
            if rect.width <= 0 or rect.height <= 0 or not pygame.Rect((0, 0), self.app.size).colliderect(rect):
                continue
            found.append(element)
        if top:  # a window (menu, form, glossary) takes the keyboard while it is open
            window = max(top, key=lambda w: w.get_top_layer())
            inside = [e for e in found if self._window_of(e) is window]
            if inside:
                found = inside
        found.sort(key=lambda e: (e.get_abs_rect().y // 8, e.get_abs_rect().x))
        return found

    @staticmethod
    def _window_of(element):
        parent = getattr(element, "parent_element", None)
        while parent is not None and not isinstance(parent, UIWindow):
            parent = getattr(parent, "parent_element", None)
        if parent is None:
            container = getattr(element, "ui_container", None)
            while container is not None and not isinstance(getattr(container, "parent_element", None), UIWindow):
                nxt = getattr(container, "ui_container", None)
                container = nxt if nxt is not container else None
            parent = container.parent_element if container is not None else None
        return parent

    def move(self, step: int) -> None:
        ring = self.candidates()
        if not ring:
            self.current = None
            return
        if self.current in ring:
            index = (ring.index(self.current) + step) % len(ring)
        else:
            index = 0 if step > 0 else len(ring) - 1
        self.current = ring[index]
        if isinstance(self.current, UITextEntryLine):
            self.current.focus()
        else:
            self.app.manager.set_focus_set(None)

    def valid(self) -> bool:
        return self.current is not None and _shown(self.current) and self.current in self.candidates()

    def handle(self, event) -> bool:
        """Act on a key; True when the key was the ring's (the screen does not see it then)."""
        if event.type != pygame.KEYDOWN:
            return False
        key, shift = event.key, bool(event.mod & pygame.KMOD_SHIFT)
        typing = isinstance(self.current, UITextEntryLine) and self.valid()
        if key == pygame.K_TAB:
            self.move(-1 if shift else 1)
            return True
        if typing:
            return False  # keys type into the field (Enter belongs to the screen: it may submit its form)
        if key in (pygame.K_DOWN, pygame.K_UP) and self.valid():
            self.move(1 if key == pygame.K_DOWN else -1)
            return True
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.valid():
            if isinstance(self.current, UIButton):
                driver.click(self.current, by_key=True)
                return True
            return False
        if key in (pygame.K_LEFT, pygame.K_RIGHT) and self.valid() and isinstance(self.current, UIHorizontalSlider):
            button = self.current.left_button if key == pygame.K_LEFT else self.current.right_button
            if button is not None:
                driver.click(button, by_key=True)
            return True
        if key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.scroll(1 if key == pygame.K_PAGEDOWN else -1)
            return True
        return False

    def scroll(self, direction: int) -> None:
        """Scroll the list or text under the focus by most of a page (or the screen's main text)."""
        target = self.current if self.valid() else None
        page = getattr(self.app.scene, "page", None)
        if target is None and page is not None and page(direction):
            return
        bars = []
        node, seen = target, set()
        while node is not None and id(node) not in seen:  # the root container is its own container
            seen.add(id(node))
            bar = getattr(node, "scroll_bar", None) or getattr(node, "vert_scroll_bar", None)
            if bar is not None:
                bars.append(bar)
                break
            node = getattr(node, "parent_element", None) or getattr(node, "ui_container", None)
        if not bars:
            bars = [e for e in self.app.manager.get_sprite_group().sprites()
                    if isinstance(e, UIVerticalScrollBar) and _shown(e)]
        if bars:
            bar = bars[0]
            page = max(0.05, bar.visible_percentage * 0.9)
            bar.set_scroll_from_start_percentage(bar.start_percentage + direction * page)

    def draw(self, surface: pygame.Surface) -> None:
        if self.valid():
            rect = self.current.get_abs_rect().inflate(6, 6)
            pygame.draw.rect(surface, look.GOLD, rect, width=3, border_radius=6)


def help_window(app, scene_keys) -> UIWindow:
    """F1: every key that works on this screen, and everywhere."""
    w, h = app.size
    rows = [_("<b>{key}</b>: {what}").format(key=look.html(str(k)), what=look.html(str(v))) for k, v in scene_keys]
    rows += ["", "<b>" + _("Everywhere") + "</b>"] + [
        _("<b>{key}</b>: {what}").format(key=look.html(str(k)), what=look.html(str(v))) for k, v in GLOBAL_KEYS]
    width, height = 620, min(h - 80, 120 + 24 * len(rows))
    window = UIWindow(pygame.Rect((w - width) // 2, (h - height) // 2, width, height), app.manager,
                      window_display_title=_("Keys (F1 or Esc closes)"), object_id="#keys")
    pygame_gui.elements.UITextBox("<br>".join(rows), pygame.Rect(0, 0, width - 32, height - 70), app.manager,
                                  container=window)
    return window
