"""The alliance map in the window: each ally coloured by its spending class (game/report/alliance_map.py),
with the class's pattern over the colour, a legend, and the allies that have no shape listed under it.

`MapPainter` draws the map for one box (a pygame Surface) and says which ally is at a point. `MapPanel` puts
it on a screen: the picture, a measure menu (now, pledged, projected) and a line naming the ally pointed at
with its figures. The line is a button, so Tab reaches the map; while the map is shown Left and Right point
at the ally to the west or east; a click on a country (or Enter on the line) selects the ally, the selection
the roster shows too. The table's roster panel and the outcome's chart each toggle to it.
"""

from __future__ import annotations

from functools import lru_cache

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UIImage, UIWindow

from .. import i18n
from ..report import alliance_map as data
from . import look

LEGEND_TEXT = 14       # the legend's smallest text; larger (up to LEGEND_LARGEST) where there is room
LEGEND_LARGEST = 20
MARKER_AREA = 160      # px²: an ally whose largest piece is smaller gets a round marker, big enough to see
MARKER_RADIUS = 6


def colour(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


@lru_cache(maxsize=16)
def pattern(kind: str, ink: str, size: tuple[int, int]) -> pygame.Surface | None:
    """A transparent surface with the class's pattern in its ink (None for "plain")."""
    if kind == "plain":
        return None
    surface = pygame.Surface(size, pygame.SRCALPHA)
    w, h = size
    rgb = colour(ink)
    if kind in ("hatch", "cross"):
        for start in range(-h, w, 7):
            pygame.draw.line(surface, rgb, (start, h), (start + h, 0), 2 if kind == "hatch" else 1)
        if kind == "cross":
            for start in range(0, w + h, 7):
                pygame.draw.line(surface, rgb, (start, h), (start - h, 0), 1)
    elif kind == "dots":
        for y in range(2, h, 6):
            for x in range(2 + (y // 6 % 2) * 3, w, 6):
                pygame.draw.circle(surface, rgb, (x, y), 1.4)
    elif kind == "lines":
        for y in range(2, h, 5):
            pygame.draw.line(surface, rgb, (0, y), (w, y), 1)
    return surface


class MapPainter:
    """The map drawn for a box of `size` pixels: the picture on top, the legend and the missing allies under
    it. `text_rects` holds where each text went (a test checks they stay inside and apart)."""

    def __init__(self, size: tuple[int, int], atlas: data.Atlas | None = None):
        self.size = size
        self.atlas = atlas or data.load_atlas()
        self.text_rects: list[tuple[str, pygame.Rect]] = []
        self.scale = 1.0
        self.text_size = LEGEND_TEXT
        self.origin = (0, 0)
        self.map_rect = pygame.Rect(0, 0, 0, 0)
        self.hits: pygame.Surface | None = None
        self.hit_ids: list[str] = []
        self.screen_rings: dict[int, list] = {}
        self.base: pygame.Surface | None = None
        self.base_key: tuple | None = None
        self.base_texts: list = []

    # ----- geometry --------------------------------------------------------------------------------
    def fit(self, legend_h: int) -> None:
        w, h = self.size
        room = max(40, h - legend_h)
        self.scale = min(w / self.atlas.width, room / self.atlas.height)
        mw, mh = round(self.atlas.width * self.scale), round(self.atlas.height * self.scale)
        self.origin = ((w - mw) // 2, 0)
        self.map_rect = pygame.Rect(self.origin, (mw, mh))

    def point(self, x: float, y: float) -> tuple[int, int]:
        return round(self.origin[0] + x * self.scale), round(self.origin[1] + y * self.scale)

    def polygons(self, shape: data.Shape) -> list[list[tuple[int, int]]]:
        """The shape's rings in pixels (kept until the map is laid out again)."""
        rings = self.screen_rings.get(id(shape))
        if rings is None:
            rings = self.screen_rings[id(shape)] = [[self.point(x, y) for x, y in ring] for ring in shape.rings]
        return rings

    def small(self, shape: data.Shape) -> bool:
        return shape.area * self.scale * self.scale < MARKER_AREA

    # ----- drawing ---------------------------------------------------------------------------------
    def draw(self, figures: list[data.AllyFigures], measure: str, selected: str | None = None,
             pointed: str | None = None) -> pygame.Surface:
        """The map of `figures` coloured by `measure`; the selected and the pointed-at ally (ids) outlined,
        the pointed one also labelled with its figure. The map itself is drawn again only when the figures
        or the measure change: pointing costs an outline."""
        key = (tuple(figures), measure)
        if key != self.base_key:
            self.base_key = key
            self.base = self._base(figures, measure)
            self.base_texts = list(self.text_rects)
        surface = self.base.copy()
        self.text_rects = list(self.base_texts)
        on_map = {f.id: f for f in figures if self.atlas.has(f.iso3)}
        for ally_id, width in ((selected, 4), (pointed, 2)):
            if ally_id in on_map:
                self._outline(surface, on_map[ally_id].iso3, width)
        if pointed in on_map:
            self._tag(surface, on_map[pointed], measure)
        return surface

    def _base(self, figures: list[data.AllyFigures], measure: str) -> pygame.Surface:
        """The map and its legend, without the selection and the pointer."""
        w, h = self.size
        self.text_rects = []
        self.screen_rings = {}
        surface = pygame.Surface(self.size)
        surface.fill(look.PANEL)
        missing = self.atlas.missing(figures)
        room = h - round(self.atlas.height * min(w / self.atlas.width, h / self.atlas.height))
        # the fullest legend that fits, in the largest text: one line per class naming its allies, else
        # the classes side by side
        choices = [(full, size) for full in (True, False) for size in range(LEGEND_LARGEST, LEGEND_TEXT - 1, -1)]
        for full, size in choices:
            self.text_size = size
            legend = self.legend_lines(figures, missing, measure, w, full)
            if len(legend) * (size + 8) + 8 <= room:
                break
        line_h = self.text_size + 8
        self.fit(len(legend) * line_h + 8)
        pygame.draw.rect(surface, colour(data.SEA), self.map_rect)
        on_map = {f.iso3: f for f in figures if self.atlas.has(f.iso3)}
        self.hits = pygame.Surface(self.size)
        self.hits.fill((0, 0, 0))
        self.hit_ids = []
        for region in sorted(self.atlas.regions, key=lambda r: r.inset):
            if region.inset:
                x, y, rw, rh = region.box
                box = pygame.Rect(self.point(x, y), (round(rw * self.scale), round(rh * self.scale)))
                pygame.draw.rect(surface, colour(data.SEA), box)
                pygame.draw.rect(self.hits, (0, 0, 0), box)
            self._draw_region(surface, region, on_map, measure)
            if region.inset:
                pygame.draw.rect(surface, colour(data.FRAME), box, 1)
        y = self.map_rect.bottom + 8
        for line in legend:
            self._legend_line(surface, line, y)
            y += line_h
        return surface

    def _draw_region(self, surface, region: data.Region, on_map: dict, measure: str) -> None:
        shapes = [s for s in self.atlas.shapes if s.region == region.id]
        for shape in shapes:
            if shape.iso3 not in on_map:
                for ring in self.polygons(shape):
                    if len(ring) >= 3:
                        pygame.draw.polygon(surface, colour(data.LAND), ring)
                        pygame.draw.polygon(surface, colour(data.LAND_EDGE), ring, 1)
        masks: dict[str, pygame.Surface] = {}
        for shape in shapes:
            ally = on_map.get(shape.iso3)
            if ally is None:
                continue
            spending = data.spending_class(ally.value(measure))
            mask = masks.setdefault(spending.key, pygame.Surface(self.size, pygame.SRCALPHA))
            index = self._hit_index(ally.id)
            for ring in self.polygons(shape):
                if len(ring) >= 3:
                    pygame.draw.polygon(surface, colour(spending.colour), ring)
                    pygame.draw.polygon(mask, (255, 255, 255, 255), ring)
                    pygame.draw.polygon(self.hits, (index, 0, 0), ring)
        for key, mask in masks.items():
            spending = next(c for c in data.CLASSES + (data.NO_FIGURE,) if c.key == key)
            texture = pattern(spending.pattern, spending.ink, self.size)
            if texture is not None:
                mask.blit(texture, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
                surface.blit(mask, (0, 0))
        for shape in shapes:
            ally = on_map.get(shape.iso3)
            if ally is None:
                continue
            for ring in self.polygons(shape):
                if len(ring) >= 3:
                    pygame.draw.polygon(surface, colour(data.MEMBER_EDGE), ring, 1)
            if shape.anchor is not None and self.small(shape):
                spending = data.spending_class(ally.value(measure))
                centre = self.point(*shape.anchor)
                pygame.draw.circle(surface, colour(spending.colour), centre, MARKER_RADIUS)
                pygame.draw.circle(surface, colour(data.MEMBER_EDGE), centre, MARKER_RADIUS, 2)
                pygame.draw.circle(self.hits, (self._hit_index(ally.id), 0, 0), centre, MARKER_RADIUS + 2)

    def _hit_index(self, ally_id: str) -> int:
        if ally_id not in self.hit_ids:
            self.hit_ids.append(ally_id)
        return self.hit_ids.index(ally_id) + 1

    def _outline(self, surface, iso3: str, width: int) -> None:
        for shape in self.atlas.shapes_of(iso3):
            for ring in self.polygons(shape):
                if len(ring) >= 3:
                    pygame.draw.polygon(surface, (0, 0, 0), ring, width + 2)
                    pygame.draw.polygon(surface, (255, 255, 255), ring, max(1, width - 1))
            if shape.anchor is not None and self.small(shape):
                pygame.draw.circle(surface, (0, 0, 0), self.point(*shape.anchor), MARKER_RADIUS + width, width)

    def _tag(self, surface, ally: data.AllyFigures, measure: str) -> None:
        """The pointed ally's name and figure in a white box beside it, kept inside the map."""
        value = ally.value(measure)
        name = i18n.country_name(ally.iso3, ally.name)
        text = f"{name} {i18n.percent(value, 2)}" if value is not None else \
            i18n._("{country}: no figure").format(country=name)
        size = max(15, min(19, self.map_rect.width // 40))
        face = look.font(size, True)
        tw, th = face.size(text)
        box = pygame.Rect(0, 0, tw + 12, th + 6)
        x, y = self.point(*self.atlas.anchor(ally.iso3))
        box.midbottom = (x, y - 8)
        box.clamp_ip(self.map_rect)
        pygame.draw.rect(surface, (255, 255, 255), box, border_radius=4)
        pygame.draw.rect(surface, (0, 0, 0), box, 2, border_radius=4)
        self.text_rects.append((text, look.draw_text(surface, text, (box.x + 6, box.y + 3), size, (0, 0, 0), bold=True)))

    # ----- legend ----------------------------------------------------------------------------------
    def legend_lines(self, figures, missing, measure: str, width: int, full: bool) -> list:
        """The legend's lines: `full`, one line per class naming its allies (a name that is hard to find on
        the map is found here); else the classes side by side. Then the allies that are not on the map. A
        line is a list of (class or None for other countries, text) swatches, or a str."""
        on_map = [f for f in figures if self.atlas.has(f.iso3)]
        items = list(data.CLASSES) + ([data.NO_FIGURE] if any(f.value(measure) is None for f in on_map) else [])
        face = look.font(self.text_size)
        named: list = []
        for item in items:
            members = sorted((f for f in on_map if data.spending_class(f.value(measure)) is item),
                             key=lambda f: (-(f.value(measure) or 0), i18n.country_name(f.iso3, f.name)))
            names = ", ".join(i18n.country_name(f.iso3, f.name) for f in members) if members else i18n._("none")
            named += self._wrap(i18n._("{group}: {names}").format(group=look.term(item.label), names=names), face,
                                width - 36, first=item)
        named.append([(None, i18n._("not in the game"))])
        compact: list[list] = [[]]
        x = 0
        for item in items + [None]:
            text = look.term(item.label) if item is not None else i18n._("not in the game")
            item_w = 30 + face.size(text)[0] + 16
            if compact[-1] and x + item_w > width:
                compact.append([])
                x = 0
            compact[-1].append((item, text))
            x += item_w
        lines = named if full else compact
        if missing:
            lines = lines + self._wrap(i18n._("Not on the map: {allies}").format(allies=", ".join(
                f"{f.name} ({f.iso3 or i18n._('no code')})" for f in missing)), face, width - 8)
        return lines

    @staticmethod
    def _wrap(text: str, face, width: int, first=None) -> list:
        """Text in lines of `width` pixels; with `first` (a class), its first line sits by its swatch."""
        lines, current = [], ""
        for word in text.split(" "):
            trial = f"{current} {word}".strip()
            if current and face.size(trial)[0] > width:
                lines.append(current)
                current = word
            else:
                current = trial
        lines.append(current)
        if first is not None:
            return [[(first, lines[0])]] + ["\t" + line for line in lines[1:]]
        return lines

    def _legend_line(self, surface, line, y: int) -> None:
        if isinstance(line, str):
            x = 36 if line.startswith("\t") else 4
            text = line.lstrip("\t")
            self.text_rects.append((text, look.draw_text(surface, text, (x, y + 2), self.text_size, look.TEXT)))
            return
        x = 4
        for item, text in line:
            swatch = pygame.Rect(x, y, 26, self.text_size + 6)
            if item is None:
                pygame.draw.rect(surface, colour(data.LAND), swatch)
            else:
                pygame.draw.rect(surface, colour(item.colour), swatch)
                texture = pattern(item.pattern, item.ink, swatch.size)
                if texture is not None:
                    surface.blit(texture, swatch)
            pygame.draw.rect(surface, colour(data.MEMBER_EDGE) if item is not None else look.MUTED, swatch, 1)
            rect = look.draw_text(surface, text, (swatch.right + 6, y + 2), self.text_size, look.TEXT)
            self.text_rects.append((text, rect))
            x = rect.right + 16

    # ----- pointing --------------------------------------------------------------------------------
    def ally_at(self, pos: tuple[int, int]) -> str | None:
        """The id of the ally drawn at this point of the picture, or None."""
        if self.hits is None or not self.hits.get_rect().collidepoint(pos):
            return None
        index = self.hits.get_at(pos)[0]
        return self.hit_ids[index - 1] if 0 < index <= len(self.hit_ids) else None


def covered(manager, pos: tuple[int, int]) -> bool:
    """Whether a window (a form, the terms, the teacher's panel) or an open drop-down list is over this point
    of the screen: a click there is theirs, not the map's or the roster's below."""
    for element in manager.get_sprite_group().sprites():
        if isinstance(element, UIWindow) and element.alive() and element.visible \
                and element.get_abs_rect().collidepoint(pos):
            return True
        if isinstance(element, UIDropDownMenu) and element.current_state is element.menu_states["expanded"]:
            options = getattr(element.current_state, "options_selection_list", None)
            if options is not None and options.get_abs_rect().collidepoint(pos):
                return True
    return False


def west_to_east(atlas: data.Atlas, figures: list[data.AllyFigures]) -> list[str]:
    """The ids of the allies on the map, in the order Left and Right step through them."""
    placed = [(atlas.anchor(f.iso3), f.id) for f in figures if atlas.has(f.iso3)]
    return [ally_id for _, ally_id in sorted(placed)]


class MapPanel:
    """The map on a screen, in `rect` of the screen's root container: a measure menu and the pointed ally's
    line on top, the picture under them. `figures()` gives the allies' figures now (called at each redraw);
    `on_select(ally_id)` is told when an ally is clicked or chosen with Enter."""

    def __init__(self, scene, rect: pygame.Rect, figures, measures: tuple[str, ...], measure: str,
                 selected: str | None = None, pointed: str | None = None, on_select=None, on_measure=None):
        self.scene, self.rect, self.figures_of = scene, pygame.Rect(rect), figures
        self.measures = measures
        self.measure = measure if measure in measures else measures[0]
        self.selected = selected
        self.pointed: str | None = pointed or selected
        # The line above the map starts on the pointed ally (your own); its label on the map waits until someone
        # points: a label there by default hid its neighbours (Spain's covered Portugal).
        self.labelled = False
        self.drawn: tuple | None = None      # what the picture shows: drawn again only when it changes
        self.on_select, self.on_measure = on_select, on_measure
        manager, root = scene.manager, scene.root
        x, y, w, h = self.rect
        labels = {m: look.term(data.MEASURE_TEXT[m]).capitalize() for m in measures}
        self.labels = labels
        self.menu = UIDropDownMenu([labels[m] for m in measures], labels[self.measure],
                                   pygame.Rect(x + w - 150, y, 150, 30), manager, container=root,
                                   object_id="#map_measure")
        self.menu.set_tooltip(i18n._("Colour the allies by their spending: {measures}").format(
            measures=", ".join(look.term(data.MEASURE_TEXT[m]) for m in measures)))
        self.line = UIButton(pygame.Rect(x, y, w - 158, 30), "", manager, container=root, object_id="#map_ally",
                             tool_tip_text=i18n._("The ally pointed at: Left and Right step west and east across the "
                                                  "map; Enter or a click selects it"))
        self.painter = MapPainter((w, h - 36))
        self.image = UIImage(pygame.Rect(x, y + 36, w, h - 36), pygame.Surface((w, h - 36)), manager, container=root)
        self.figures: list[data.AllyFigures] = []
        self.refresh()

    def refresh(self) -> None:
        self.figures = self.figures_of()
        wanted = (tuple(self.figures), self.measure, self.selected, self.pointed, self.labelled)
        if wanted != self.drawn:
            self.drawn = wanted
            self.image.set_image(self.painter.draw(self.figures, self.measure, self.selected,
                                                   self.pointed if self.labelled else None))
        self.show_line()

    def show_line(self) -> None:
        ally = next((f for f in self.figures if f.id == self.pointed), None)
        if ally is None:
            text = i18n._("Point at an ally (or Tab here, then ← →)")
        face = self.line.font if getattr(self.line, "font", None) is not None else look.font(15)
        room = self.line.relative_rect.width - 14
        if ally is not None:   # the whole line, else the same in fewer characters: never a figure cut off
            mark = "✓ " if ally.id == self.selected else ""
            text = look.first_fitting(tuple(mark + ally.describe(short) for short in (0, 1, 2)), face, room)
        text = look.fit(text, face, room)
        if self.line.text != text:
            self.line.set_text(text)

    def point(self, ally_id: str | None) -> None:
        if ally_id is not None and (ally_id != self.pointed or not self.labelled):
            self.pointed, self.labelled = ally_id, True
            self.refresh()

    def step(self, direction: int) -> None:
        order = west_to_east(self.painter.atlas, self.figures)
        if not order:
            return
        index = order.index(self.pointed) + direction if self.pointed in order else (0 if direction > 0 else -1)
        self.point(order[index % len(order)])

    def select(self, ally_id: str | None) -> None:
        if ally_id is None:
            return
        self.selected = self.pointed = ally_id
        self.labelled = True
        self.refresh()
        if self.on_select is not None:
            self.on_select(ally_id)

    def handle(self, event) -> bool:
        """Pointing, clicking, Left and Right, the measure menu; True when the event was the map's."""
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN) and hasattr(event, "pos"):
            pos = self.scene.manager.calculate_scaled_mouse_position(event.pos)
            image = self.image.get_abs_rect()
            if not image.collidepoint(pos) or covered(self.scene.manager, pos):
                return False
            ally = self.painter.ally_at((pos[0] - image.x, pos[1] - image.y))
            if event.type == pygame.MOUSEMOTION:
                self.point(ally)
                return False
            if event.button == 1 and ally is not None:
                self.select(ally)
                return True
            return False
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.step(1 if event.key == pygame.K_RIGHT else -1)
            return True
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.line:
            self.select(self.pointed)
            return True
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.menu:
            self.measure = next(m for m, label in self.labels.items() if label == event.text)
            if self.on_measure is not None:
                self.on_measure(self.measure)
            self.refresh()
            return True
        return False
