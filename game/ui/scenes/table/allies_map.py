"""The table's map of the allies (M, or the Map button over the roster): the roster panel shows the alliance
map instead (game/ui/map_view.py), coloured by spending now or pledged; a click on a country, or Enter on
the map's line, selects that ally, and the roster frames the same ally, scrolled into view, when it is
shown again."""

from __future__ import annotations

import pygame

from ....report.alliance_map import figures_at_table
from ...map_view import MapPanel, covered

TABLE_MEASURES = ("now", "pledged")   # projected figures exist once the game is over (the outcome's map)


class AlliesMap:
    """Part of TableScene (its app, session, viewer, roster widgets and rebuild)."""

    map_panel: MapPanel | None = None
    reveal_selected = False

    def build_map(self, rect: pygame.Rect) -> None:
        """The map in the roster's place when it is on (the roster's own controls hidden meanwhile)."""
        self.map_panel = None
        if not self.app.allies_map:
            if self.reveal_selected:
                self.reveal_selected = False
                self.scroll_to_selected()
            return
        for element in (self.view_button, self.sort_menu, self.scale, self.roster_box):
            element.hide()
        session = self.session
        mine = session.scenario.leader(self.viewer).ally if self.viewer is not None else None
        self.map_panel = MapPanel(self, rect, lambda: figures_at_table(session.game, session.state), TABLE_MEASURES,
                                  self.app.map_measure, selected=self.app.selected_ally,
                                  pointed=self.app.selected_ally or mine, on_select=self.select_ally,
                                  on_measure=self.set_map_measure)

    def toggle_map(self) -> None:
        self.app.allies_map = not self.app.allies_map
        self.reveal_selected = not self.app.allies_map   # back to the roster: the ally chosen on the map in view
        self.rebuild()

    def scroll_to_selected(self) -> None:
        """Scroll the roster so the selected ally's row shows, a third of the way down."""
        bar = self.roster_box.vert_scroll_bar
        row_top = self.roster_row_top(self.app.selected_ally) if self.app.selected_ally else None
        if bar is None or row_top is None:
            return
        top = row_top - self.roster_box.relative_rect.height // 3
        bar.set_scroll_from_start_percentage(max(0.0, min(1.0, top / self.roster_height)))

    def select_ally(self, ally_id: str) -> None:
        self.app.selected_ally = ally_id

    def set_map_measure(self, measure: str) -> None:
        self.app.map_measure = measure

    def refresh_map(self) -> None:
        if self.map_panel is not None:
            self.map_panel.refresh()

    def map_handles(self, event) -> bool:
        """The map's events (pointing, clicks, Left and Right, its menu) while it is shown; while the roster
        is, a click on an ally's row selects that ally (the map shows it selected)."""
        if self.map_panel is None:
            return self._roster_click(event)
        if self.app._text_focused():
            return False
        return self.map_panel.handle(event)

    def _roster_click(self, event) -> bool:
        if event.type != pygame.MOUSEBUTTONDOWN or event.button != 1:
            return False
        pos = self.manager.calculate_scaled_mouse_position(event.pos)
        box, image = self.roster_box.get_abs_rect(), self.roster.get_abs_rect()
        if not box.collidepoint(pos) or pos[0] > box.right - 20 or covered(self.manager, pos):   # nor the scroll bar
            return False
        row = self.roster_row_at(pos[1] - image.y)   # rows differ in height (a stance may take two lines)
        if row is not None and row[0] == "ally":
            self.app.selected_ally = row[1].id
            self.draw_roster()
        return False     # the click goes on to the roster's other uses
