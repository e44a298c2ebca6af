"""Checks on what is on screen: visible text elements that overlap each other, run out of their own box,
leave the window, or (a small box) scroll; and every text the screens cut short with "…" to fit (look.fit
notes each one). The tests run them on every screen of the demo and the screens it does not visit; a
developer can run them on a screen being built."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextBox, UITextEntryLine

TEXT_ELEMENTS = (UILabel, UIButton, UITextBox, UITextEntryLine)


def _visible(element) -> bool:
    while element is not None:
        if not getattr(element, "visible", True) or not element.alive():
            return False
        parent = getattr(element, "ui_container", None)
        element = parent if parent is not element else None
    return True


def _clip(element, window: pygame.Rect) -> pygame.Rect:
    """The part of an element its containers let be seen."""
    rect = element.get_abs_rect().copy()
    container = element.ui_container
    while container is not None:
        rect = rect.clip(container.get_container().get_abs_rect() if hasattr(container, "get_container") else container.get_abs_rect())
        parent = getattr(container, "ui_container", None)
        container = parent if parent is not container else None
    return rect


def _layer_group(element) -> object:
    """Elements in one window (or in the screen itself) are compared with each other, not across windows."""
    node = element
    while node is not None:
        if isinstance(node, pygame_gui.elements.UIWindow):
            return node
        parent = getattr(node, "ui_container", None)
        node = parent if parent is not node else None
        if node is not None and isinstance(getattr(node, "parent_element", None), pygame_gui.elements.UIWindow):
            return node.parent_element
    return None


def _inside_other(element, others) -> bool:
    """A button that belongs to a drop-down or a list is part of that widget, not a separate text."""
    parent = getattr(element, "parent_element", None)
    while parent is not None:
        if parent in others:
            return True
        parent = getattr(parent, "parent_element", None)
    return False


def _text_too_wide(element) -> bool:
    font = getattr(element, "font", None)
    text = getattr(element, "text", None)
    if font is None or not text or not isinstance(element, (UILabel, UIButton)):
        return False
    return font.size(text)[0] > element.rect.width - 4


def _scrolls(element) -> bool:
    """A small text box (a status line, a note) whose text is taller than the box: it scrolls, and a word
    at its foot is out of sight. Long texts (a briefing, a log) are meant to scroll."""
    if not isinstance(element, UITextBox) or element.rect.height > SMALL_BOX:
        return False
    return getattr(element, "scroll_bar", None) is not None


SMALL_BOX = 110   # px: a text box this low is a status or a note, never a text to scroll


def cut_texts() -> list[str]:
    """The texts shortened with an ellipsis since the last call (look.fit, look.short, draw_text)."""
    from . import look
    found = list(dict.fromkeys(look.cut))
    look.cut.clear()
    return found


def problems(manager: pygame_gui.UIManager, window_size: tuple[int, int]) -> list[str]:
    """Every visible text element that overlaps another, is wider than its text allows, leaves the window, or
    (a small box) scrolls; and every text cut short with an ellipsis since the last check."""
    window = pygame.Rect((0, 0), window_size)
    shown = [e for e in manager.get_sprite_group().sprites() if isinstance(e, TEXT_ELEMENTS) and _visible(e)]
    found = []
    rects = []
    for element in shown:
        rect = _clip(element, window)
        if rect.width <= 0 or rect.height <= 0:
            continue  # scrolled out of sight
        name = f"{type(element).__name__} {getattr(element, 'text', '')[:40]!r} at {tuple(element.get_abs_rect())}"
        if not window.contains(element.get_abs_rect()):
            found.append(f"{name} leaves the {window_size[0]}x{window_size[1]} window")
        if _text_too_wide(element):
            found.append(f"{name}: its text is wider than the element")
        if _scrolls(element):
            found.append(f"{name}: its text is taller than the box (it scrolls)")
        rects.append((element, rect, name, _layer_group(element)))
    for index, (a, rect_a, name_a, group_a) in enumerate(rects):
        for b, rect_b, name_b, group_b in rects[index + 1:]:
            if group_a is not group_b or not rect_a.colliderect(rect_b):
                continue
            if _inside_other(a, {b}) or _inside_other(b, {a}):
                continue
            found.append(f"{name_a} overlaps {name_b}")
    found += [f"cut short with an ellipsis: {text[:80]!r}" for text in cut_texts()]
    return found
