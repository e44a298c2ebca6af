"""The draft communiqué in the middle of the table, issue by issue (what changed this round in yellow, each
term explained by a click), and what the draft is to the viewer, on the right: the meter (this draft for
you, against no deal) and the viewer's own positions, hidden while the room watches."""

from __future__ import annotations

import pygame

from ....i18n import _
from ....play import public
from ... import look
from ...roles import wants_in_words


class DraftPanel:
    """Part of TableScene (its session, viewer, private_shown, right_w and meter)."""

    def draft_rows(self) -> list[tuple]:
        """The draft as the table shows it: each issue (label, value, colour, glossary term); what changed
        this round in yellow, with the value the round started from in words (game/play/public.py)."""
        return [(label, value, look.TONES[tone], term)
                for label, value, tone, term in public.draft_rows(self.session.game, self.session.state)]

    def draw_meter(self):
        session = self.session
        width = self.right_w - 10
        if not self.private_shown:
            surface = pygame.Surface((width, 58))
            surface.fill(look.BACKGROUND)
            look.draw_text(surface, _("This draft for you: hidden (private)"), (0, 0), 13, look.MUTED)
            pygame.draw.rect(surface, (42, 58, 82), (0, 20, width, 16), border_radius=4)
            hint = _("Reveal (V) shows it") if self.viewer is not None else _("shown to each player on their turn")
            look.draw_text(surface, hint, (0, 40), 12, look.MUTED, width=width)
            self.meter.set_image(surface)
            return
        now, verdict, crossed = public.meter(session.game, session.state, self.viewer)
        width = self.right_w - 10
        surface = pygame.Surface((width, 58))
        surface.fill(look.BACKGROUND)
        look.draw_text(surface, _("This draft for you"), (0, 0), 13, look.MUTED)
        look.draw_text(surface, f"{now:.0f} / 100", (width, 0), 13, look.TEXT, bold=True, align="right")
        bar = pygame.Rect(0, 20, width, 16)
        pygame.draw.rect(surface, (42, 58, 82), bar, border_radius=4)
        colour = look.SUPPORT if now >= 50 else look.OBJECT
        pygame.draw.rect(surface, colour, (0, 20, int(width * now / 100), 16), border_radius=4)
        mid = int(width * 0.5)
        pygame.draw.line(surface, look.TEXT, (mid, 16), (mid, 40), 2)
        # the verdict whole: without "no deal = 50" (the line on the bar says it) when both do not fit
        face = look.font(12)
        line = look.first_fitting((_("no deal = 50 · {verdict}").format(verdict=verdict), verdict,
                                   verdict.replace("crosses your red line on", "red line:")), face, width)
        look.draw_text(surface, line, (0, 40), 12, look.OBJECT if crossed else look.MUTED)
        self.meter.set_image(surface)

    def positions_html(self) -> str:
        if not self.private_shown:
            if self.viewer is None:
                return ("<font color='#9fb2cc'>" + _("Public view. Each player's positions show only on their own "
                                                     "turn, after the hand-off screen.") + "</font>")
            return ("<font color='#9fb2cc'>" + _("Private positions are hidden while the room watches. Reveal (V, or "
                                                 "the teacher's controls, F2) shows them.") + "</font>")
        leader = self.session.scenario.leader(self.viewer)
        wants = wants_in_words(self.session.scenario, leader)
        if not wants:
            return "<font color='#9fb2cc'>" + _("No positions of your own: you work for an agreement.") + "</font>"
        public = self.session.scenario.information == "full"
        return ("<font color='#f2c14e'><b>" + _("YOUR POSITIONS") + "</b></font> ("
                + (_("public: full information") if public else _("private")) + ")<br>" + "<br>".join(wants))
