"""The round's log as the table shows it: each entry wrapped and drawn once; a frame only copies the
visible slice into a picture the size of the panel. A pygame_gui text box lays all of its text out again
for every line added (25 ms a move on the 32-ally table); this takes about a millisecond.

The newest entry is at the bottom and stays in sight unless the reader has scrolled up (mouse wheel,
Page Up / Page Down); scrolling back to the bottom follows the log again."""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIImage

from ..i18n import _
from ..scenario.untrusted import shown
from . import look

GAP = 6
PAD = 8
BAR = 6


def wrap(text: str, face: pygame.font.Font, width: int, indent: int = 0) -> list[str]:
    """Lines of text no wider than width pixels (the first indent pixels narrower), broken between
    words (a word too long is cut)."""
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        room = width - (indent if not lines else 0)
        if face.size(trial)[0] <= room:
            line = trial
            continue
        if line:
            lines.append(line)
        while face.size(word)[0] > width and len(word) > 1:
            cut = len(word)
            while cut > 1 and face.size(word[:cut])[0] > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


class LogView:
    """A scrolling list of entries drawn in a fixed panel. An entry is (text, colour, bold), or
    (label, text, colour, term): a bold label (underlined, and a click reports its term) before text."""

    def __init__(self, manager, container, rect: pygame.Rect, size: int = 14, follow: bool = True):
        self.rect = pygame.Rect(rect)
        self.size = size
        self.width = self.rect.width - BAR - 4
        self.image = UIImage(self.rect, pygame.Surface(self.rect.size), manager, container=container,
                             object_id="#log")
        self._drawn: dict[tuple, pygame.Surface] = {}
        self.shown: list[tuple] = []
        self.pictures: list[pygame.Surface] = []
        self.height = 0
        self.offset = 0          # pixels from the top of the whole log to the top of the panel
        self.follow = follow     # keep the newest entry in sight
        self.links: list[tuple[pygame.Rect, str]] = []   # clickable labels, in whole-log coordinates

    def _draw(self, entry: tuple) -> pygame.Surface:
        if entry not in self._drawn:
            if len(entry) == 4:
                self._drawn[entry] = self._draw_labelled(*entry)
            else:
                text, colour, bold = entry
                text = shown(text, lines=True)   # a log's text may hold anything (an edited log): no NUL reaches pygame
                face = look.font(self.size, bold)
                lines = wrap(text, face, self.width - 2 * PAD)
                line_h = face.get_linesize()
                surface = pygame.Surface((self.width, line_h * len(lines)), pygame.SRCALPHA)
                for index, line in enumerate(lines):
                    surface.blit(face.render(line, True, colour), (PAD, index * line_h))
                self._drawn[entry] = surface
        return self._drawn[entry]

    def _draw_labelled(self, label: str, text: str, colour, term) -> pygame.Surface:
        label, text = shown(label, lines=True), shown(text, lines=True)
        bold, face = look.font(self.size, True), look.font(self.size)
        label_colour = look.LINK if term else colour
        head = bold.render(label + _(": ").rstrip(" "), True, label_colour)   # "Échéance :" in French
        indent = head.get_width() + face.size(" ")[0]
        lines = wrap(text, face, self.width - 2 * PAD, indent)
        line_h = max(face.get_linesize(), bold.get_linesize())
        surface = pygame.Surface((self.width, line_h * len(lines)), pygame.SRCALPHA)
        surface.blit(head, (PAD, 0))
        if term:
            pygame.draw.line(surface, label_colour, (PAD, line_h - 3), (PAD + head.get_width() - 6, line_h - 3))
        for index, line in enumerate(lines):
            surface.blit(face.render(line, True, colour), (PAD + (indent if index == 0 else 0), index * line_h))
        return surface

    @property
    def limit(self) -> int:
        return max(0, self.height - self.rect.height)

    def show(self, entries: list[tuple]) -> None:
        """Show these entries; nothing is drawn again when they are the ones shown."""
        if entries == self.shown:
            return
        self.shown = list(entries)
        self.pictures = [self._draw(entry) for entry in entries]
        self.height = PAD + sum(p.get_height() + GAP for p in self.pictures)
        self.links, y = [], PAD
        for entry, picture in zip(entries, self.pictures):
            if len(entry) == 4 and entry[3]:
                width = look.font(self.size, True).size(entry[0] + _(": ").rstrip(" "))[0]
                self.links.append((pygame.Rect(PAD, y, width, look.font(self.size, True).get_linesize()), entry[3]))
            y += picture.get_height() + GAP
        if self.follow:
            self.offset = self.limit
        self.offset = min(self.offset, self.limit)
        self.paint()

    def scroll(self, pixels: int) -> None:
        self.offset = max(0, min(self.limit, self.offset + pixels))
        self.follow = self.offset >= self.limit
        self.paint()

    def page(self, direction: int) -> None:
        self.scroll(direction * int(self.rect.height * 0.85))

    def paint(self) -> None:
        panel = pygame.Surface(self.rect.size)
        panel.fill(look.PANEL)
        pygame.draw.rect(panel, look.GRID, panel.get_rect(), width=1)
        y = PAD - self.offset
        for picture in self.pictures:
            bottom = y + picture.get_height()
            if bottom >= 0 and y <= self.rect.height:
                panel.blit(picture, (0, y))
            y = bottom + GAP
        if self.height > self.rect.height:  # where the panel is in the whole log
            track = self.rect.height - 8
            size = max(24, int(track * self.rect.height / self.height))
            top = 4 + int((track - size) * self.offset / max(1, self.limit))
            pygame.draw.rect(panel, look.GRID, (self.rect.width - BAR - 3, 4, BAR, track), border_radius=3)
            pygame.draw.rect(panel, look.MUTED, (self.rect.width - BAR - 3, top, BAR, size), border_radius=3)
        self.image.set_image(panel)

    def handle(self, event, manager) -> bool | str:
        """The mouse wheel over the panel scrolls it; a click on a label returns the label's term."""
        panel = self.image.get_abs_rect()
        if event.type == pygame.MOUSEWHEEL:
            mouse = manager.calculate_scaled_mouse_position(pygame.mouse.get_pos())
            if panel.collidepoint(mouse):
                self.scroll(-event.y * 60)
                return True
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 1:
            x, y = manager.calculate_scaled_mouse_position(event.pos)
            if panel.collidepoint((x, y)):
                point = (x - panel.x, y - panel.y + self.offset)
                for rect, term in self.links:
                    if rect.collidepoint(point):
                        return term
        return False
