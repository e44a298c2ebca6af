"""The table's roster panel, down the left: every ally's defence spending as a bar against the scenario's
reference lines (2, 3.5 and 5% unless it sets chart_lines; or a table of numbers, L), its pledge and its
leader's public stance on the draft, sorted as chosen (O, or a click on a column heading), and the agent that
plays it when one was chosen on the command line (`summit play --agents`); apart, below, the leaders seated
without a vote."""

from __future__ import annotations

import pygame

from ....engine.narrate import shown_country, shown_text
from ....i18n import N_, _, percent
from ....play import public
from ....report.series import lines_note, reference_lines
from ... import look

SCALE_MAX = 6.0    # % GDP at the right end of the roster bars
ROW = 44
TABLE_ROW = 24
# the sort's words (the App keeps the English, which the keys hash and compare as) -> what it sorts by
SORTS = {N_("by spending"): "spending", N_("by name"): "name", N_("by pledge"): "pledge", N_("by stance"): "stance"}


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
        name = lambda a: shown_country(s, a.id)   # the name the roster shows, so "by name" reads in order
        keys = {"spending": lambda a: (spending(a), name(a)),
                "name": name,
                "pledge": lambda a: (-(state.pledge(a.id) or (-1, 0))[0], spending(a), name(a)),
                "stance": lambda a: (stance_rank(a), spending(a), name(a))}
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
            rows.append(("heading", _("At the table without a vote")))
            rows += [("participant", leader) for leader in seated]
        return rows

    def agent_note(self, leader) -> str:
        """Who plays a leader, when the command line chose its agent (--agents) and no person plays it now."""
        session = self.session
        if leader is None or leader.id not in session.agents or leader.id in session.humans:
            return ""
        return _("played by agent {agent}").format(agent=session.agents[leader.id])

    def roster_layout(self, width: int) -> list[tuple]:
        """Each row of the roster as drawn: (kind, item, ally, leader, y, height, detail lines, pledge text,
        pledge on a line of its own, agent note lines). A row grows by a line where its stance (and pledge) do
        not fit on one, and by the agent's note, so nothing is cut short: bars are 44 px a row, table rows 24."""
        s, state = self.session.scenario, self.session.state
        stance = self.stances()
        speaker = {leader.ally: leader for leader in s.leaders if leader.ally}
        table = self.app.roster_view == "table"
        columns = self.table_columns(width)
        face = look.font(12)
        rows, y = [], 3
        for kind, item in self.roster_rows():
            if kind == "heading":
                height = TABLE_ROW if table else ROW
                rows.append((kind, item, None, None, y, height, (item,), "", False, ()))
                y += height
                continue
            ally = item if kind == "ally" else (self.session.game.scenario_now(state).ally(item.ally) if item.ally else None)
            leader = speaker.get(ally.id) if ally is not None else item
            detail = _("no leader at the table") if leader is None else stance.get(leader.id, ("", None))[0]
            pledge = state.pledge(ally.id) if ally is not None else None
            note = self.agent_note(leader)
            if table:
                short = detail.replace("objects: ", "").replace("proposes ", "").replace("asks for its own deadline: ",
                                                                                          "own deadline ")
                lines = look.wrap(short, face, width - columns["stance"] - 2)
                notes = tuple(look.wrap(note, face, width - 30)) if note else ()
                height = TABLE_ROW + 15 * (len(lines) - 1 + len(notes))
                rows.append((kind, item, ally, leader, y, height, tuple(lines), "", False, notes))
            else:
                right = _("pledged {share} by {year}").format(share=percent(pledge[0]), year=pledge[1]) if pledge else ""
                right_w = face.size(right)[0] if right else 0
                lines = look.wrap(detail, face, width - 20)
                apart = bool(right) and (len(lines) > 1 or face.size(detail)[0] + right_w + 28 > width)
                notes = tuple(look.wrap(note, face, width - 16)) if note else ()
                height = ROW + 16 * (len(lines) - 1 + apart + len(notes))
                rows.append((kind, item, ally, leader, y, height, tuple(lines), right, apart, notes))
            y += height
        return rows

    def roster_row_at(self, y: int):
        """The roster row (kind, item) y pixels down the roster's image, or None (rows differ in height)."""
        for kind, item, _ally, _leader, top, height, *_rest in self.roster_layout(self.left_w - 22):
            if top - 2 <= y < top - 2 + height:
                return kind, item
        return None

    def roster_row_top(self, ally_id: str) -> int | None:
        """How far down the roster's image an ally's row starts, or None when it is not listed."""
        for kind, item, _ally, _leader, top, *_rest in self.roster_layout(self.left_w - 22):
            if kind == "ally" and item.id == ally_id:
                return top
        return None

    def roster_needs(self) -> int:
        """The roster's height: every row, grown where its texts need it."""
        rows = self.roster_layout(self.left_w - 22)
        return (rows[-1][4] + rows[-1][5] + 6) if rows else 6

    def draw_roster(self):
        s, state = self.session.scenario, self.session.state
        width = self.left_w - 22
        rows = self.roster_layout(width)
        needed = max(self.roster_box.get_container().get_rect().height, (rows[-1][4] + rows[-1][5] + 6) if rows else 6)
        if needed != self.roster_height:   # a stance or a pledge took (or freed) a line
            self.roster_height = needed
            self.roster_box.set_scrollable_area_dimensions((width, needed))
            self.roster.set_dimensions((width, needed))
        surface = pygame.Surface((width, self.roster_height))
        surface.fill(look.PANEL)
        stance = self.stances()
        mine = s.leader(self.viewer).ally if self.viewer is not None else None
        mine_leader = self.viewer
        actor = self.session.actor
        acting = s.leader(actor).ally if actor is not None else None
        table = self.app.roster_view == "table"
        columns = self.table_columns(width)
        name_w = int(width * 0.42)
        bar_x, bar_w = name_w + 8, width - name_w - 8 - 58
        for kind, item, ally, leader, y, row, lines, right, apart, notes in rows:
            if kind == "heading":
                look.draw_text(surface, item, (6, y + (4 if table else 14)), 12, look.MUTED, width=width - 12)
                continue
            here = (ally is not None and ally.id == mine) or (leader is not None and leader.id == mine_leader)
            if here:
                pygame.draw.rect(surface, (36, 64, 106), (0, y - 2, width, row - 2), border_radius=4)
            if ally is not None and ally.id == self.app.selected_ally:   # chosen on the map
                pygame.draw.rect(surface, look.TEXT, (0, y - 2, width, row - 2), width=1, border_radius=4)
            if (acting is not None and ally is not None and acting == ally.id) or (leader is not None and leader.id == actor):
                pygame.draw.rect(surface, look.GOLD, (0, y - 2, width, row - 2), width=2, border_radius=4)
            colour = look.MUTED if leader is None else stance.get(leader.id, ("", look.MUTED))[1]
            name = shown_country(s, ally.id) if ally is not None else shown_text(leader.name)
            pledge = state.pledge(ally.id) if ally is not None else None
            picture = look.ally_flag(ally.iso3, 15) if ally is not None else None
            if picture is not None:
                surface.blit(picture, (4, y + 3))
            name_x = 28 if picture is not None else 6
            if table:
                now = percent(ally.defence_pct_gdp, 2) if ally is not None and ally.reports_spending else _("none")
                look.draw_text(surface, name, (name_x, y + 3), 12, look.TEXT, bold=here,
                               width=columns["now"] - name_x - 4)
                look.draw_text(surface, now, (columns["pledge"] - 8, y + 3), 12, look.TEXT, align="right")
                look.draw_text(surface, f"{percent(pledge[0])} {pledge[1]}" if pledge else "-", (columns["pledge"], y + 3),
                               12, look.GOLD if pledge else look.MUTED, width=columns["stance"] - columns["pledge"] - 4)
                for number, line in enumerate(lines):
                    look.draw_text(surface, line, (columns["stance"], y + 3 + 15 * number), 12, colour,
                                   width=width - columns["stance"] - 2)
                for number, line in enumerate(notes, len(lines)):
                    look.draw_text(surface, line, (name_x, y + 3 + 15 * number), 12, look.MUTED, width=width - name_x - 2)
                continue
            if ally is None:   # a participant without a country: the name, then the title where it fits
                end = look.draw_text(surface, name, (name_x, y + 2), 14, look.TEXT, bold=here, width=width - name_x - 4)
                title = shown_text(leader.title)
                if look.font(12).size(title)[0] <= width - end.right - 12:
                    look.draw_text(surface, title, (end.right + 8, y + 4), 12, look.MUTED)
            else:
                # a long name (French ones are longer: "Macédoine du Nord") in a smaller size, never cut
                size = next((size for size in (14, 13, 12) if look.font(size, bold=here).size(name)[0] <= name_w - name_x), 11)
                look.draw_text(surface, name, (name_x, y + 2 + (14 - size) // 2), size, look.TEXT, bold=here,
                               width=name_w - name_x)
            if ally is not None:
                for line in reference_lines(s.reference_lines):
                    lx = bar_x + int(bar_w * line.value / SCALE_MAX)
                    if line.headline:   # not a level of core spending: dotted, as the charts draw it
                        for dot_y in range(y + 2, y + 18, 4):
                            pygame.draw.line(surface, look.GRID, (lx, dot_y), (lx, dot_y + 1))
                    else:
                        pygame.draw.line(surface, look.GRID, (lx, y + 2), (lx, y + 18))
            if ally is not None and ally.reports_spending:
                value = ally.defence_pct_gdp
                pygame.draw.rect(surface, look.BAR, (bar_x, y + 5, max(2, int(bar_w * min(value, SCALE_MAX) / SCALE_MAX)), 11))
                look.draw_text(surface, percent(value, 2), (width - 4, y + 2), 13, look.TEXT, align="right")
            elif ally is not None:
                look.draw_text(surface, _("no forces"), (width - 4, y + 2), 13, look.MUTED, align="right")
            for number, line in enumerate(lines):
                look.draw_text(surface, line, (14, y + 22 + 16 * number), 12, colour, width=width - 16)
            if right:
                line_y = y + 22 + 16 * (len(lines) if apart else 0)
                look.draw_text(surface, right, (width - 4, line_y), 12, look.GOLD, align="right")
            for number, line in enumerate(notes, len(lines) + apart):
                look.draw_text(surface, line, (14, y + 22 + 16 * number), 12, look.MUTED, width=width - 16)
        self.roster.set_image(surface)

    @staticmethod
    def table_columns(width: int) -> dict[str, int]:
        # the pledge column holds "4.9% 2032" whole; a stance longer than its column takes a second line
        name_end = int(width * 0.36)
        return {"name": 0, "now": name_end, "pledge": name_end + 58, "stance": name_end + 138}

    def draw_scale(self):
        width = self.left_w - 10
        surface = pygame.Surface((width, 18))
        surface.fill(look.BACKGROUND)
        if self.app.roster_view == "table":  # column headings: a click sorts by that column
            columns = self.table_columns(self.left_w - 22)
            mark = {"name": _("Ally"), "now": _("Now"), "pledge": _("Pledge"), "stance": _("Stance")}
            current = SORTS[self.app.roster_sort]
            for key, x in columns.items():
                sort_key = {"now": "spending"}.get(key, key)
                text = mark[key] + (" ▾" if sort_key == current else "")
                look.draw_text(surface, text, (x + 2, 1), 12, look.TEXT if sort_key == current else look.MUTED)
            self.scale.set_image(surface)
            return
        name_w = int((self.left_w - 22) * 0.42)
        bar_x, bar_w = name_w + 8 + 2, (self.left_w - 22) - name_w - 8 - 58
        # the bars are core defence spending; a headline line (5% = 3.5% core + 1.5% related) is dotted
        look.draw_text(surface, _("core spending"), (2, 1), 12, look.MUTED, width=bar_x - 30)
        lines = reference_lines(self.session.scenario.reference_lines)
        for line in lines:
            lx = bar_x + int(bar_w * line.value / SCALE_MAX)
            label = look.points(line.value)
            look.draw_text(surface, f"({label})" if line.headline else label, (lx, 1), 12, look.MUTED, align="center")
        self.scale.set_image(surface)
        self.scale.set_tooltip(_("Bars: each ally's core defence spending now, as a share of its GDP; {lines}")
                               .format(lines=lines_note(self.session.scenario.reference_lines)))

    def toggle_view(self):
        self.app.roster_view = "table" if self.app.roster_view == "bars" else "bars"
        self.rebuild()

    def set_sort(self, key: str):
        self.app.roster_sort = next(label.message for label, value in SORTS.items() if value == key)
        self.rebuild()
