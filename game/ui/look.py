"""Fonts, colours and small drawing helpers shared by the screens (text that fits, bars, tooltips)."""

from __future__ import annotations

from collections import deque
from functools import lru_cache
from pathlib import Path

import pygame
import pygame_gui

from .. import i18n

ASSETS = Path(__file__).resolve().parent.parent / "assets"
FONTS = ASSETS / "fonts"
THEME = ASSETS / "theme.json"

# A colour-blind-safe palette (after Okabe and Ito): support and objection are sky blue and orange, which
# people with red-green colour blindness tell apart; and every stance also carries a sign (✓ ✗ ~ ?).
BACKGROUND = (15, 27, 45)
PANEL = (19, 33, 58)
TEXT = (232, 238, 246)
MUTED = (159, 178, 204)
GOLD = (242, 193, 78)          # headings, pledges, the one acting now
SUPPORT = (86, 180, 233)       # sky blue: supports, better than no deal
OBJECT = (230, 159, 0)         # orange: objects, worse than no deal, a red line crossed
CHANGED = (240, 228, 66)       # yellow: what changed in the draft, events
BAR = (150, 170, 200)
MINE = (204, 159, 224)         # your own moves in the log
LINK = (143, 193, 255)         # a term that explains itself when clicked          # spending bars: the 2 / 3.5 / 5 lines tell the level, not the colour
BLUE = (86, 180, 233)
GRID = (60, 84, 120)
TONES = {"text": TEXT, "muted": MUTED, "changed": CHANGED, "object": OBJECT, "support": SUPPORT, "signal": GOLD,
         "teacher": GOLD, "mine": MINE}   # game/play/public.py's tones, in the window's colours
HTML_SUPPORT, HTML_OBJECT, HTML_CHANGED, HTML_MINE = "#56B4E9", "#E69F00", "#F0E442", "#CC9FE0"

# Terms a student meets on screen, explained where they appear (tooltips) and in the glossary; kept in
# game/report/glossary.py so the printed briefings (no pygame) use the same words.
from ..report.glossary import GLOSSARY  # noqa: E402,F401


def term(text) -> str:
    """A text another part wrote in English (a glossary term, a move's name) in the window's language: its
    translation in the catalogue (glossary_words.py marks the glossary's, each % written as the field
    {percent_sign}, as every message writes a bare %), else itself."""
    return i18n.catalogued(text)


def points(value: float) -> str:
    """A percentage as short as it goes, as f"{value:g}%" writes it, in the window's language: 2%, 3.5%."""
    return i18n.percent(value, 0 if value == int(value) else len(f"{value:g}".partition(".")[2]))


def font_paths() -> dict[str, str]:
    return {"regular_path": str(FONTS / "DejaVuSans.ttf"), "bold_path": str(FONTS / "DejaVuSans-Bold.ttf"),
            "italic_path": str(FONTS / "DejaVuSans-Oblique.ttf"),
            "bold_italic_path": str(FONTS / "DejaVuSans-BoldOblique.ttf")}


def make_manager(size: tuple[int, int]) -> pygame_gui.UIManager:
    # pygame_gui's own words (a dialog's "Cancel") in the window's language, from its translation files
    manager = pygame_gui.UIManager(size, enable_live_theme_updates=False, starting_language=i18n.language())
    manager.add_font_paths("dejavu", **font_paths())
    manager.get_theme().load_theme(str(THEME))
    fonts = manager.get_theme().get_font_dictionary()
    wanted = [{"name": "dejavu", "point_size": size_, "style": style}
              for size_ in (13, 14, 15, 16, 18, 19, 44) for style in ("regular", "bold", "italic")]
    missing = [spec for spec in wanted
               if not fonts.check_font_preloaded(fonts.create_font_id(spec["point_size"], "dejavu", spec["style"] == "bold",
                                                                     spec["style"] == "italic"))]
    manager.preload_fonts(missing)
    return manager


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> pygame.font.Font:
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return pygame.font.Font(str(path), size)


@lru_cache(maxsize=8192)
def _fitted(text: str, size: int, bold: bool, width: int) -> str:
    return fit(text, font(size, bold), width)


@lru_cache(maxsize=8192)
def _rendered(text: str, size: int, colour: tuple, bold: bool) -> pygame.Surface:
    return font(size, bold).render(text, True, colour)


# Every text shortened with an ellipsis to fit, newest last (the last 200): layout.problems reports them,
# since on a projector a cut word is a lost word. A screen that must shorten says so in full elsewhere.
cut: deque[str] = deque(maxlen=200)


def fit(text: str, face: pygame.font.Font, width: int) -> str:
    """text, shortened with an ellipsis so that it fits width pixels (noted in `cut` when it is)."""
    if face.size(text)[0] <= width:
        return text
    cut.append(text)
    while text and face.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def short(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut.append(text)
    return text[: limit - 1] + "…"


def wrap(text: str, face: pygame.font.Font, width: int) -> list[str]:
    """text broken into lines of at most width pixels, between words (a word wider than a line has a line
    of its own, whole)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and face.size(lines[-1] + " " + word)[0] <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def path_lines(path: str, face: pygame.font.Font, width: int) -> list[str]:
    """A long path broken after its separators (and a name too long for a line, after its dashes) to fit
    width pixels: a text box would cut it anywhere, with a hyphen that is not in the name."""
    import re
    parts = []
    for part in re.findall(r"[^/\\]*[/\\]|[^/\\]+$", path):   # after the separators; a name too long
        parts += re.findall(r"[^-]*-|[^-]+$", part) if face.size(part)[0] > width else [part]   # after its dashes
    lines = [""]
    for part in parts:
        if lines[-1] and face.size(lines[-1] + part)[0] > width:
            lines.append("")
        lines[-1] += part
    return lines


def first_fitting(texts, face: pygame.font.Font, width: int) -> str:
    """The first of several ways to say a thing, longest first, that fits width pixels; the last, cut to
    fit, when none does."""
    texts = list(texts)
    for text in texts:
        if face.size(text)[0] <= width:
            return text
    return fit(texts[-1], face, width)


def draw_text(surface: pygame.Surface, text: str, pos: tuple[int, int], size: int = 14, colour=TEXT,
              bold: bool = False, width: int | None = None, align: str = "left") -> pygame.Rect:
    # the table redraws its roster on every move: the same few hundred texts, so render each once
    if width is not None:
        fitted = _fitted(text, size, bold, width)
        if fitted != text:
            cut.append(text)   # _fitted is cached: note the cut each time it is drawn
        text = fitted
    image = _rendered(text, size, tuple(colour), bold)
    rect = image.get_rect()
    if align == "right":
        rect.topright = pos
    elif align == "center":
        rect.midtop = pos
    else:
        rect.topleft = pos
    surface.blit(image, rect)
    return rect


def ally_flag(iso3: str, height: int):
    """An ally's flag (game/ui/flags.py), or None when there is none to draw."""
    try:
        from .flags import flag
    except ImportError:
        return None
    return flag(iso3, height)


def selected(menu) -> str:
    """The option a pygame_gui drop-down shows (it holds either the text or a (text, id) pair)."""
    option = menu.selected_option
    return option[0] if isinstance(option, tuple) else option


def selected_id(menu) -> str:
    """The id behind the option a drop-down shows: the second of a (text, id) pair, or the text itself."""
    option = menu.selected_option
    return option[1] if isinstance(option, tuple) else option


def html(text: str) -> str:
    """Plain text made safe for pygame_gui's HTML subset."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ReasonButton(pygame_gui.elements.UIButton):
    """A button that, when disabled, still shows its tooltip: the reason it cannot be used now."""

    def can_hover(self) -> bool:
        return not self.is_selected and not self.held

    def on_hovered(self):
        super().on_hovered()
        if not self.is_enabled and self.drawable_shape is not None:
            self.drawable_shape.set_active_state("disabled")


def save_png(surface: pygame.Surface, path: Path) -> None:
    """The surface as a PNG file, written as every file of Summit's is (game/files): a link, a pipe or a
    device at `path` is refused (UnsafeOutput, an OSError), never written through or waited on."""
    import io

    from ..files import write_atomically

    data = io.BytesIO()
    pygame.image.save(surface, data, path.name)   # the name tells pygame the format
    write_atomically(path, data.getvalue())
