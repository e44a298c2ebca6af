"""The table's roster panel, down the left: every ally's defence spending as a bar against the scenario's
reference lines (2, 3.5 and 5% unless it sets chart_lines; or a table of numbers, L), its pledge and its
leader's public stance on the draft, sorted as chosen (O, or a click on a column heading); apart, below, the
leaders seated without a vote."""

from __future__ import annotations

import pygame

from ....play import public
from ... import look

SCALE_MAX = 6.0    # % GDP at the right end of the roster bars
ROW = 44
TABLE_ROW = 24
SORTS = {"by spending": "spending", "by name": "name", "by pledge": "pledge", "by stance": "stance"}


class Roster:
    """Part of TableScene (its session, app, left_w, roster, roster_height, scale, viewer and rebuild)."""

    def stances(self) -> dict[str, tuple[str, tuple]]:
        """Each leader's public stance on the current draft, as (text, colour): game/play/public.py's words."""
        return {leader_id: (text, look.TONES[tone])
                for leader_id, (text, tone) in public.stances(self.session.game, self.session.state).items()}

    def sorted_allies(self, stance, speaker):
        def stance_rank(ally):
            leader = speaker.get(ally.id)
            text = stance.get(leader.id, ("", None))[0] if leader else ""
            return 0 if text.startswith("✗") else 1 if text.startswith(("~", "?")) else 2
        s, state = self.session.scenario, self.session.state
        spending = lambda a: -(a.defence_pct_gdp if a.reports_spending else -1)
        keys = {"spending": lambda a: (spending(a), a.name),
                "name": lambda a: a.name,
                "pledge": lambda a: (-(state.pledge(a.id) or (-1, 0))[0], spending(a), a.name),
                "stance": lambda a: (stance_rank(a), spending(a), a.name)}
        allies = self.session.game.scenario_now(state).allies   # the figures as events have left them
        return sorted(allies, key=keys[SORTS[self.app.roster_sort]])

    def roster_rows(self) -> list[tuple[str, object]]:
        """What the roster lists, top to bottom: ("ally", Ally) for every ally whose leader votes (or that has
        none), sorted as chosen; then, apart, ("heading", text) and ("participant", Leader) for each leader
        seated without a vote (a partner, a candidate)."""
        s = self.session.scenario
        stance = self.stances()
        speaker = {leader.ally: leader for leader in s.leaders if leader.ally}
        rows: list[tuple[str, object]] = [("ally", ally) for ally in self.sorted_allies(stance, speaker)
                                          if ally.id not in speaker or speaker[ally.id].is_voter]
        seated = [leader for leader in s.leaders if leader.without_vote]
        if seated:
            rows.append(("heading", "At the table without a vote"))
            rows += [("participant", leader) for leader in seated]
        return rows

    def draw_roster(self):
        s, state = self.session.scenario, self.session.state
        width = self.left_w - 22
        surface = pygame.Surface((width, self.roster_height))
        surface.fill(look.PANEL)
        stance = self.stances()
        speaker = {leader.ally: leader for leader in s.leaders if leader.ally}
        mine = s.leader(self.viewer).ally if self.viewer is not None else None
        mine_leader = self.viewer
        actor = self.session.actor
        acting = s.leader(actor).ally if actor is not None else None
        table = self.app.roster_view == "table"
        row = TABLE_ROW if table else ROW
        columns = self.table_columns(width)
        name_w = int(width * 0.42)
        bar_x, bar_w = name_w + 8, width - name_w - 8 - 58
        for index, (kind, item) in enumerate(self.roster_rows()):
            y = 3 + index * row
            if kind == "heading":
                look.draw_text(surface, item, (6, y + (4 if table else 14)), 12, look.MUTED, width=width - 12)
                continue
            ally = item if kind == "ally" else (self.session.game.scenario_now(state).ally(item.ally) if item.ally else None)
            leader = speaker.get(ally.id) if ally is not None else item
            here = (ally is not None and ally.id == mine) or (leader is not None and leader.id == mine_leader)
            if here:
                pygame.draw.rect(surface, (36, 64, 106), (0, y - 2, width, row - 2), border_radius=4)
            if ally is not None and ally.id == self.app.selected_ally:   # chosen on the map
                pygame.draw.rect(surface, look.TEXT, (0, y - 2, width, row - 2), width=1, border_radius=4)
            if (acting is not None and ally is not None and acting == ally.id) or (leader is not None and leader.id == actor):
                pygame.draw.rect(surface, look.GOLD, (0, y - 2, width, row - 2), width=2, border_radius=4)
            if leader is None:
                detail, colour = "no leader at the table", look.MUTED
            else:
                detail, colour = stance.get(leader.id, ("", look.MUTED))
            name = ally.name if ally is not None else leader.name
            pledge = state.pledge(ally.id) if ally is not None else None
            picture = look.ally_flag(ally.iso3, 15) if ally is not None else None
            if picture is not None:
                surface.blit(picture, (4, y + 3))
            name_x = 28 if picture is not None else 6
            if table:
                now = f"{ally.defence_pct_gdp:.2f}%" if ally is not None and ally.reports_spending else "none"
                look.draw_text(surface, name, (name_x, y + 3), 12, look.TEXT, bold=here,
                               width=columns["now"] - name_x - 4)
                look.draw_text(surface, now, (columns["pledge"] - 8, y + 3), 12, look.TEXT, align="right")
                look.draw_text(surface, f"{pledge[0]:.1f}% {pledge[1]}" if pledge else "-", (columns["pledge"], y + 3),
                               12, look.GOLD if pledge else look.MUTED, width=columns["stance"] - columns["pledge"] - 4)
                short = detail.replace("objects: ", "").replace("proposes ", "").replace("asks for its own deadline: ",
                                                                                          "own deadline ")
                look.draw_text(surface, short, (columns["stance"], y + 3), 12, colour, width=width - columns["stance"] - 2)
                continue
            look.draw_text(surface, name, (name_x, y + 2), 14, look.TEXT, bold=here, width=name_w - name_x)
            if ally is not None:
                for line in s.reference_lines:
                    lx = bar_x + int(bar_w * line / SCALE_MAX)
                    pygame.draw.line(surface, look.GRID, (lx, y + 2), (lx, y + 18))
            if ally is not None and ally.reports_spending:
                value = ally.defence_pct_gdp
                pygame.draw.rect(surface, look.BAR, (bar_x, y + 5, max(2, int(bar_w * min(value, SCALE_MAX) / SCALE_MAX)), 11))
                look.draw_text(surface, f"{value:.2f}%", (width - 4, y + 2), 13, look.TEXT, align="right")
            elif ally is not None:
                look.draw_text(surface, "no forces", (width - 4, y + 2), 13, look.MUTED, align="right")
            else:
                look.draw_text(surface, leader.title, (bar_x, y + 2), 12, look.MUTED, width=width - bar_x - 4)
            right = f"pledged {pledge[0]:.1f}% by {pledge[1]}" if pledge else ""
            right_w = look.font(12).size(right)[0] if right else 0
            look.draw_text(surface, detail, (14, y + 22), 12, colour, width=width - right_w - 28)
            if right:
                look.draw_text(surface, right, (width - 4, y + 22), 12, look.GOLD, align="right")
        self.roster.set_image(surface)

    @staticmethod
    def table_columns(width: int) -> dict[str, int]:
        name_end = int(width * 0.40)
        return {"name": 0, "now": name_end, "pledge": name_end + 58, "stance": name_end + 128}

    def draw_scale(self):
        width = self.left_w - 10
        surface = pygame.Surface((width, 18))
        surface.fill(look.BACKGROUND)
        if self.app.roster_view == "table":  # column headings: a click sorts by that column
            columns = self.table_columns(self.left_w - 22)
            mark = {"name": "Ally", "now": "Now", "pledge": "Pledge", "stance": "Stance"}
            current = SORTS[self.app.roster_sort]
            for key, x in columns.items():
                sort_key = {"now": "spending"}.get(key, key)
                text = mark[key] + (" ▾" if sort_key == current else "")
                look.draw_text(surface, text, (x + 2, 1), 12, look.TEXT if sort_key == current else look.MUTED)
            self.scale.set_image(surface)
            return
        name_w = int((self.left_w - 22) * 0.42)
        bar_x, bar_w = name_w + 8 + 2, (self.left_w - 22) - name_w - 8 - 58
        for line in self.session.scenario.reference_lines:
            lx = bar_x + int(bar_w * line / SCALE_MAX)
            look.draw_text(surface, f"{line:g}%", (lx, 1), 12, look.MUTED, align="center")
        self.scale.set_image(surface)

    def toggle_view(self):
        self.app.roster_view = "table" if self.app.roster_view == "bars" else "bars"
        self.rebuild()

    def set_sort(self, key: str):
        self.app.roster_sort = next(label for label, value in SORTS.items() if value == key)
        self.rebuild()
