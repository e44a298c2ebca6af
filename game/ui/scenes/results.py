"""After a round (adopted, or who broke silence on what; the events that fired) and after the game (the
terms, who pays what, will they deliver, does the US stay, every role's score)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pygame_gui
from pygame_gui.elements import UIImage, UIScrollingContainer, UITextBox, UIWindow

from ...engine import Termination, action_from_json, narrate
from ...i18n import N_, _, error_text, language, ngettext, number, percent, reason_of
from ...report.alliance_map import MEASURES, figures_of_outcome
from ...report.series import NOW, PLEDGED, PROJECTED, SERIES, reference_lines
from ...scenario import Effect
from ..map_view import MapPanel
from ..roles import seat
from .. import look
from ..scene import Scene


REASONS_UP_TO = 6   # objections in a round that the short account gives with their reasons
ROUNDS_MIN_HEIGHT = 150   # room the outcome's chart must leave for the game round by round under it


class RoundResultScene(Scene):
    """The round in short on top (game/play/round_summary.py: what fired, what the draft changed, the
    objections by issue, what was asked for, pledged, promised or threatened), then the draft; "Every move"
    (L) shows the round's full list instead, each move with its reason."""

    name = "round-result"
    in_game = True

    def __init__(self, app, round_: int):
        super().__init__(app)
        self.round = round_
        self.session = app.session
        self.every_move = False   # the full list instead of the round in short

    def build(self):
        w, h = self.size
        session, s = self.session, self.session.scenario
        entries = [e for e in session.state.history if e.round == self.round]
        result = next((e for e in entries if e.type == "result"), None)
        self.adopted = adopted = result is not None and result.data.get("result") == "adopted"
        if adopted:
            heading = _("Round {round} of {rounds}: the communiqué is adopted")
        elif session.over:
            heading = _("Round {round} of {rounds}: silence broken. No deal.")
        else:
            heading = _("Round {round} of {rounds}: silence broken")
        heading = heading.format(round=self.round, rounds=s.rounds)
        self.label((40, 24, w - 80, 32), heading, object_id="#heading")
        self.text = UITextBox(self.round_html(), pygame.Rect(40, 68, w - 80, h - 160), self.manager,
                              container=self.root, object_id="#round_text")
        self.toggle = self.button((40, h - 78, 240, 46), _("In short (L)") if self.every_move else _("Every move (L)"),
                                  _("Show the round in short") if self.every_move else
                                  _("Show every move of this round, each with its reason"))
        if session.over:
            self.next = self.button((w - 300, h - 78, 260, 46), _("See the outcome →"), object_id="#primary")
        else:
            self.next = self.button((w - 300, h - 78, 260, 46), _("Round {round} →").format(round=self.round + 1),
                                    object_id="#primary")

    def round_html(self) -> str:
        """The text box's page: the round in short, or every move (self.every_move), then the draft."""
        session, s = self.session, self.session.scenario
        entries = [e for e in session.state.history if e.round == self.round]
        objections = [e for e in entries if e.type == "action" and e.data["action"]["kind"] == "break_silence"]
        voters = len(session.game.voters)
        if self.adopted and not objections:
            verdict = _("No one of the {voters} voting leaders broke silence: the draft is adopted.").format(voters=voters)
        elif self.adopted:
            verdict = ngettext("{count} of the {voters} voting leaders broke silence, and the draft is adopted.",
                               "{count} of the {voters} voting leaders broke silence, and the draft is adopted.",
                               len(objections)).format(count=len(objections), voters=voters)
        else:
            verdict = (ngettext("{count} of the {voters} voting leaders broke silence. That was the last round: no deal.",
                                "{count} of the {voters} voting leaders broke silence. That was the last round: no deal.",
                                len(objections)) if session.over else
                       ngettext("{count} of the {voters} voting leaders broke silence. The negotiation goes on.",
                                "{count} of the {voters} voting leaders broke silence. The negotiation goes on.",
                                len(objections))).format(count=len(objections), voters=voters)
        parts = [f"<b>{verdict}</b>"]
        parts += self.every_move_parts(entries) if self.every_move else self.summary_parts()
        draft = session.state.draft
        terms = "<br>".join(f"{look.html(narrate.shown_label(i))}{_(': ')}<b>{look.html(narrate.shown_value(i, draft[i.id]))}</b>"
                            for i in s.issues)
        if draft.carve_outs:
            terms += "<br>" + _("Carve-outs: {list}").format(list=look.html(", ".join(
                _("{country} by {year}").format(country=narrate.shown_country(s, a), year=y) for a, y in draft.carve_outs)))
        parts.append("<b>" + (_("The communiqué as adopted") if self.adopted else _("The draft as it stood")) + "</b><br>"
                     + terms)
        return "<br><br>".join(p for p in parts if p)

    def summary_parts(self) -> list[str]:
        """The round in short: events, the draft's change, the objections by issue (every name: the box wraps),
        then what was asked for, pledged, promised or threatened."""
        from ...play.round_summary import objection_text, summarize
        s = self.session.scenario
        summary = summarize(s, self.session.state.history, self.round)
        parts = []
        if summary.events or summary.teacher:
            parts.append("<br>".join(f"<font color='{look.HTML_CHANGED}'>•</font> {look.html(text)}"
                                     for text in summary.events + summary.teacher))
        if self.round > 1:   # round 1's opening draft is the draft below
            parts.append("<b>" + _("The draft") + f"</b><br>{look.html(summary.draft)}")
        if summary.objections:
            # a few objections come with their reasons (a small table learns why); many, by issue alone
            entries = [e for e in self.session.state.history if e.round == self.round and e.phase == "silence"
                       and e.type == "action" and e.data["action"]["kind"] == "break_silence"]
            reasons = len(entries) <= REASONS_UP_TO
            lines = []
            for objection in summary.objections:
                lines.append(f"<font color='{look.HTML_OBJECT}'>✗</font> {look.html(objection_text(objection))}")
                if reasons:
                    lines += [f"<font color='#9fb2cc'>      {look.html(seat(s, s.leader(e.actor)))}{_(': ')}"
                              f"{look.html(narrate.shown_reason(s, action_from_json(e.data['action']).reason))}</font>"
                              for e in entries if e.data["action"]["issue"] == objection.issue_id
                              and e.data["action"]["reason"]]
            parts.append("<b>" + _("Objections, by issue") + "</b><br>" + "<br>".join(lines))
        else:
            parts.append(_("No one broke silence."))
        moves = [text for text in (summary.asked, summary.pledges, summary.words) if text]
        if moves:
            parts.append("<b>" + _("At the table") + "</b><br>" + "<br>".join(look.html(text) for text in moves))
        return parts

    def every_move_parts(self, entries) -> list[str]:
        """Every entry of the round, in order, each with its reason; objections marked ✗."""
        from ...play.public import log_line
        rows = []
        for entry in entries:
            if entry.type == "result":
                continue
            text, tone, _bold = log_line(self.session.game, entry, tuple(self.session.humans), self.session.state.history)
            mark = {"object": "✗ ", "changed": "• "}.get(tone, "")
            colour = "#%02x%02x%02x" % look.TONES.get(tone, look.TEXT)
            rows.append(f"<font color='{colour}'>{mark}{look.html(text)}</font>")
        return ["<b>" + _("Every move of the round") + "</b><br>" + "<br>".join(rows)]

    def show_every_move(self, on: bool) -> None:
        self.every_move = on
        self.toggle.set_text(_("In short (L)") if on else _("Every move (L)"))
        self.text.set_text(self.round_html())

    def shortcuts(self):
        return [(pygame.K_RETURN, _("Enter"), self.next.text.rstrip(" →").lower(), self.next),
                (pygame.K_l, "L", _("every move of the round, or the round in short"), self.toggle)]

    def handle(self, event):
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.next:
            self.go_on()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.toggle:
            self.show_every_move(not self.every_move)

    def go_on(self):
        self.app.show(OutcomeScene(self.app) if self.session.over else self.app.make("TableScene"))


class OutcomeScene(Scene):
    name = "outcome"
    in_game = True

    def __init__(self, app):
        super().__init__(app)
        self.session = app.session
        self.result = self.session.outcome()
        self.map_shown = False             # the alliance map in the chart's place (A)
        self.questions_shown = False       # the debrief's three questions in the chart's place (Q)
        self._questions: list[str] | None = None   # worked out when first shown
        self.map_measure = "projected"
        self.export_message = ""          # where the debrief went (or why not)
        self.exporting: int | None = None  # the frame the debrief is written on (after "Writing…" shows)
        self.export_window: UIWindow | None = None
        self.browser: BrowserRequest | None = None   # the system browser asked to open the debrief

    def build(self):
        w, h = self.size
        r, s = self.result, self.session.scenario
        agreed = r.termination == Termination.ADOPTED
        history = self.session.state.history
        imposed = agreed and bool(history) and history[-1].data.get("by") == "teacher"   # End now: Impose the draft
        heading = (_("Agreement in round {round}: the teacher imposed the draft, overriding consensus") if imposed
                   else _("Agreement in round {round}: the communiqué is adopted") if agreed
                   else ngettext("No deal after {round} round", "No deal after {round} rounds", r.rounds)).format(
            round=r.rounds)
        self.label((40, 18, w - 80, 32), heading, object_id="#heading")
        text_w = int(w * 0.40)
        self.text = UITextBox(self.summary_html(), pygame.Rect(40, 58, text_w, h - 140), self.manager,
                              container=self.root, object_id="#outcome_text")
        chart_x = 40 + text_w + 16
        chart_w = w - chart_x - 40
        self.section_label = self.label((chart_x, 58, chart_w - 84 - 126, 22),
                                        _("THREE QUESTIONS FOR THE DEBRIEF") if self.questions_shown
                                        else _("SPENDING PER ALLY, % OF GDP"), object_id="#section")
        self.questions_toggle = self.button((chart_x + chart_w - 76 - 126, 52, 118, 30),
                                            _("Spending") if self.questions_shown else _("Questions"),
                                            _("The debrief's three questions for the class, or the spending again (Q)"))
        self.map_toggle = self.button((chart_x + chart_w - 76, 52, 76, 30), _("Bars") if self.map_shown else _("Map"),
                                      _("The allies on a map coloured by spending, or as bars (A)"))
        self.legend = UIImage(pygame.Rect(chart_x, 82, chart_w, 20), self.legend_image(chart_w), self.manager,
                              container=self.root)
        box_h = h - 140 - 48
        image = self.chart_image(chart_w - 20)
        # a short chart (a small table) leaves room under it for the game round by round
        self.rounds_text = self.rounds_label = None
        if box_h - image.get_height() - 8 >= ROUNDS_MIN_HEIGHT:
            box_h = image.get_height() + 8
            rounds_y = 106 + box_h + 12
            self.rounds_label = self.label((chart_x, rounds_y, chart_w, 22), _("THE GAME ROUND BY ROUND"),
                                           object_id="#section")
            self.rounds_text = UITextBox(self.rounds_html(), pygame.Rect(chart_x, rounds_y + 24, chart_w,
                                                                         h - 82 - rounds_y - 24),
                                         self.manager, container=self.root, object_id="#outcome_rounds")
        self.chart_box = UIScrollingContainer(pygame.Rect(chart_x, 106, chart_w, box_h), self.manager,
                                              container=self.root, allow_scroll_x=False, object_id="#chart")
        self.chart_box.set_scrollable_area_dimensions((chart_w - 20, max(image.get_height(), box_h - 4)))
        UIImage(pygame.Rect((0, 0), image.get_size()), image, self.manager, container=self.chart_box)
        self.map_panel = None
        self.questions_text = None
        if self.questions_shown:   # the questions take the chart's place and the rounds' under it
            for element in (self.legend, self.chart_box, self.rounds_text, self.rounds_label):
                if element is not None:
                    element.hide()
            self.questions_text = UITextBox(self.questions_html(), pygame.Rect(chart_x, 88, chart_w, h - 170),
                                            self.manager, container=self.root, object_id="#outcome_questions")
        elif self.map_shown:   # the map takes the chart's place and the rounds' under it
            for element in (self.legend, self.chart_box, self.rounds_text, self.rounds_label):
                if element is not None:
                    element.hide()
            self.map_panel = MapPanel(self, pygame.Rect(chart_x, 88, chart_w, h - 170),
                                      lambda: figures_of_outcome(s, r), MEASURES, self.map_measure,
                                      on_measure=self.set_map_measure)
        # Nothing at the bottom right, where "Round N →" and "See the outcome →" were: a click too many
        # there must not leave the outcome (and the App's click guard drops a double click anyway).
        self.new_button = self.button((40, h - 70, 200, 46), _("New game →"), object_id="#primary")
        self.replay_button = self.button((252, h - 70, 170, 46), _("Open replay"),
                                         _("Watch this game again, round by round (R)"))
        self.debrief_button = self.button((434, h - 70, 180, 46), _("Export debrief"),
                                          _("Write the teacher's debrief of this game (a web page with charts) "
                                            "into your Summit folder (D)"))
        self.menu_button = self.button((626, h - 70, 170, 46), _("Main menu"))

    def summary_html(self) -> str:
        r, s, session = self.result, self.session.scenario, self.session
        parts = []
        for leader_id in session.humans:
            value = r.scores[leader_id]
            verdict = _("<font size=5><b>Your score: {score} / 100</b></font> ({leader}), better than no deal.") \
                if value > 50.5 else \
                _("<font size=5><b>Your score: {score} / 100</b></font> ({leader}), worse than no deal.") \
                if value < 49.5 else \
                _("<font size=5><b>Your score: {score} / 100</b></font> ({leader}), as good as no deal.")
            parts.append(verdict.format(score=number(value, 1), leader=look.html(narrate.shown_text(s.leader(leader_id).name))))
        terms = r.in_force
        title = "<b>" + (_("The terms agreed") if r.agreed else _("No deal: the terms that apply instead")) + "</b>"
        lines = [f"{look.html(narrate.shown_label(i))}{_(': ')}<b>{look.html(narrate.shown_value(i, terms[i.id]))}</b>" for i in s.issues]
        if r.agreed and terms.carve_outs:
            lines.append(_("Carve-outs: {list}").format(list=look.html(", ".join(
                _("{country} by {year}").format(country=narrate.shown_country(s, a), year=y) for a, y in terms.carve_outs))))
        parts.append(title + "<br>" + "<br>".join(lines))
        after = s.consequences(terms)
        if after:
            parts.append("<b>" + _("After the summit") + "</b><br>" + "<br>".join(
                _("{year}: {text}").format(year=year, text=look.html(narrate.shown_text(text))) for year, _key, text in after))
        totals = []
        for series in SERIES:
            usd, pct = r.totals(series.key)
            totals.append(_("{series}: <b>{share}</b> of the allies' GDP (US${amount} bn a year)").format(
                series=series.label(r.years[-1]).capitalize(), share=percent(pct, 2), amount=number(usd)))
        headline = next((line for line in reference_lines(s.reference_lines) if line.headline), None)
        if headline is not None:
            totals.append("<font color='#9fb2cc'>" + _(
                "Core defence only: the {headline} headline is {core} core + {related} related spending (the shaded "
                "band), and related spending is not simulated.").format(
                    headline=look.points(headline.value), core=look.points(headline.core_part),
                    related=look.points(headline.value - headline.core_part)) + "</font>")
        parts.append("<b>" + _("Alliance defence spending") + "</b><br>" + "<br>".join(totals))
        delivered = percent(r.delivered_share * 100, 0)
        if r.us_guarantee_agreed is not None:
            keeps = r.us_guarantee_after == r.us_guarantee_agreed
            text = (_("<b>The US guarantee: how credible the US commitment to Article 5 is</b><br>Agreed: {agreed}. The "
                      "allies delivered {delivered} of the promised progress (GDP-weighted), so the United States keeps "
                      "its guarantee: <b>{after}</b> after its review of delivery. Article 5 itself, the allies' mutual "
                      "commitment, stays in the treaty.") if r.agreed and keeps else
                    _("<b>The US guarantee: how credible the US commitment to Article 5 is</b><br>Agreed: {agreed}. The "
                      "allies delivered {delivered} of the promised progress (GDP-weighted), so the United States "
                      "changes its guarantee: <b>{after}</b> after its review of delivery. Article 5 itself, the allies' "
                      "mutual commitment, stays in the treaty.") if r.agreed else
                    _("<b>The US guarantee: how credible the US commitment to Article 5 is</b><br>In force without a "
                      "deal: {agreed}. The allies delivered {delivered} of the promised progress (GDP-weighted), so the "
                      "United States keeps its guarantee: <b>{after}</b> after its review of delivery. Article 5 itself, "
                      "the allies' mutual commitment, stays in the treaty.") if keeps else
                    _("<b>The US guarantee: how credible the US commitment to Article 5 is</b><br>In force without a "
                      "deal: {agreed}. The allies delivered {delivered} of the promised progress (GDP-weighted), so the "
                      "United States changes its guarantee: <b>{after}</b> after its review of delivery. Article 5 "
                      "itself, the allies' mutual commitment, stays in the treaty."))
            parts.append(text.format(agreed=look.html(_guarantee(s, r.us_guarantee_agreed)), delivered=delivered,
                                     after=look.html(_guarantee(s, r.us_guarantee_after) or '-')))
        else:
            parts.append(_("<b>Delivery</b><br>The allies delivered {delivered} of the promised progress.").format(
                delivered=delivered))
        scores = sorted(r.scores.items(), key=lambda kv: -kv[1])
        rows = []
        for leader_id, value in scores:
            leader = s.leader(leader_id)
            country = _("{country}, no vote").format(country=seat(s, leader)) if leader.without_vote else seat(s, leader)
            you = _(" ← you") if leader_id in session.humans else ""
            colour = look.HTML_SUPPORT if value > 50.5 else look.HTML_OBJECT if value < 49.5 else "#e8eef6"
            rows.append(f"<font color='{colour}'>{number(value, 1):>5}</font> {look.html(narrate.shown_text(leader.name))} "
                        f"({look.html(country)}){you}")
        parts.append(_("<b>Scores</b> (100 = the leader's ideal; 50 = what it would have had without a deal, after "
                       "the same US review of delivery)") + "<br>" + "<br>".join(rows))
        parts.append("<font color='#9fb2cc'>" + _("Seed {seed}. {kept}").format(seed=session.seed,
                                                                               kept=look.html(self.kept())) + "</font>")
        return "<br><br>".join(parts)

    def questions(self) -> list[tuple[str, str]]:
        """The debrief's three questions for the class (each its phase and its text), one per phase of a debriefing (what it felt like, what each
        learned, what if and what really happened), drawn from this game (game/report/debrief/reflection.py); none
        when this Summit has no debrief module."""
        if self._questions is None:
            try:
                from ...report.debrief import session_facts
                from ...report.debrief.reflection import class_questions, phases
            except ImportError:   # the debrief needs matplotlib
                self._questions = []
            else:
                try:
                    asked = class_questions(session_facts(self.session))
                except ValueError:   # not a finished summit game: nothing to ask about
                    asked = ()
                self._questions = list(zip(phases(), asked))
        return self._questions

    def questions_html(self) -> str:
        asked = self.questions()
        if not asked:
            return _("The debrief's questions need the debrief module (and matplotlib), which this Summit lacks.")
        items = "<br><br>".join(f"<font size=5><b>{number}. {look.html(phase)}</b> {look.html(text)}</font>"
                                for number, (phase, text) in enumerate(asked, 1))
        return (f"{items}<br><br><font color='#9fb2cc'>" + _(
            "Ask them in this order: how it felt, what each of you learned, then what if and what really happened. "
            "Export debrief (D) writes them with the rest; summit debrief LOG --handout gives every student a page of "
            "their own.") + "</font>")

    def kept(self) -> str:
        """Where this game is kept, as it really is: a demo writes no autosave and no log."""
        from ...play.userdirs import autosave_path
        if self.app.demo:
            return _("A demo writes no autosave and no log: Open replay (R) shows this game again while it is on screen.")
        if self.session.log_path is not None:
            return _("Its log, move by move: {name} (Replays on the title screen lists it).").format(
                name=self.session.log_path.name)
        if autosave_path().is_file():
            return _("The autosave holds this whole game, move by move (Load game shows it again).")
        return _("No autosave or log of this game was written: Open replay (R) shows it while it is on screen.")

    def rounds_html(self) -> str:
        """Each round's verdict, what the draft changed and the objections by issue (game/play/round_summary.py),
        one short paragraph a round."""
        from ...play.round_summary import objection_text, summaries
        paragraphs = []
        for summary in summaries(self.session.scenario, self.session.state.history):
            lines = [f"<b>{look.html(summary.heading)}</b>", f"<font color='#9fb2cc'>{look.html(summary.draft)}</font>"]
            if summary.objections:
                lines.append(f"<font color='{look.HTML_OBJECT}'>✗</font> "
                             + look.html(_("; ").join(objection_text(o, 3) for o in summary.objections)))
            paragraphs.append("<br>".join(lines))
        return "<br>".join(paragraphs)

    def legend_image(self, width: int) -> pygame.Surface:
        surface = pygame.Surface((width, 20))
        surface.fill(look.BACKGROUND)
        x = 0
        for series in SERIES:
            pygame.draw.rect(surface, series.rgb(), (x, 5, 14, 10))
            x = look.draw_text(surface, series.label(self.result.years[-1]), (x + 20, 1), 13, look.TEXT).right + 18
        lines = " · ".join(line.label for line in reference_lines(self.session.scenario.reference_lines))
        look.draw_text(surface, _("lines: {lines}").format(lines=lines), (width, 1), 13, look.MUTED, align="right")
        return surface

    def chart_image(self, width: int) -> pygame.Surface:
        allies = [a for a in self.result.allies if a.now is not None]
        allies.sort(key=lambda a: -(a.projected or 0))
        row = 34
        top = 20
        surface = pygame.Surface((width, top + row * len(allies) + 8))
        surface.fill(look.PANEL)
        name_w = int(width * 0.28)
        bar_x = name_w + 8
        bar_w = width - bar_x - 60
        scale = max(6.0, max(max(a.now, a.pledged or 0, a.projected or 0) for a in allies) + 0.5) if allies else 6.0
        look.draw_text(surface, _("projected"), (width - 4, 2), 12, look.MUTED, align="right")
        for line in reference_lines(self.session.scenario.reference_lines):
            lx = bar_x + int(bar_w * line.value / scale)
            if line.headline:   # the related part of the headline, not simulated: a hatched band, no bar
                core_x = bar_x + int(bar_w * line.core_part / scale)
                band = tuple((2 * a + b) // 3 for a, b in zip(look.PANEL[:3], look.GRID[:3]))
                pygame.draw.rect(surface, band, (core_x + 1, top, lx - core_x - 1, surface.get_height() - 4 - top))
            look.draw_text(surface, line.label, (lx, 2), 12, look.MUTED, align="center")
            pygame.draw.line(surface, look.GRID, (lx, top), (lx, surface.get_height() - 4))
        for index, ally in enumerate(allies):
            y = top + index * row
            picture = look.ally_flag(self.session.scenario.ally(ally.id).iso3, 14)
            if picture is not None:
                surface.blit(picture, (6, y + 9))
            name_x = 32 if picture is not None else 6
            look.draw_text(surface, narrate.shown_country(self.session.scenario, ally.id), (name_x, y + 8), 13, look.TEXT, width=name_w - name_x)
            for offset, value, colour in ((0, ally.now, NOW.rgb()), (9, ally.pledged, PLEDGED.rgb()),
                                          (18, ally.projected, PROJECTED.rgb())):
                if value is not None:
                    pygame.draw.rect(surface, colour, (bar_x, y + 4 + offset, max(2, int(bar_w * value / scale)), 7))
            projected = percent(ally.projected, 2) if ally.projected is not None else "-"
            look.draw_text(surface, projected, (width - 4, y + 8), 13, look.TEXT, align="right")
        return surface

    def shortcuts(self):
        return [(pygame.K_m, "M", _("main menu"), self.menu_button), (pygame.K_n, "N", _("new game"), self.new_button),
                (pygame.K_a, "A", _("the alliance map, or the bars again"), self.map_toggle),
                (pygame.K_q, "Q", _("the debrief's three questions, or the spending again"), self.questions_toggle),
                (pygame.K_r, "R", _("open the replay: this game round by round"), self.replay_button),
                (pygame.K_d, "D", _("export the debrief (a web page) to your Summit folder"), self.debrief_button)]

    extra_keys = ((N_("Page Up / Page Down"), N_("scroll the terms, scores and chart")),
                  (N_("Left / Right"), N_("on the map: point at the ally to the west or east (Enter on its line "
                                          "selects)")))

    def handle(self, event):
        if self.map_panel is not None and self.map_panel.handle(event):
            return
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        if event.ui_element is self.map_toggle:
            self.map_shown = not self.map_shown
            self.questions_shown = False
            self.leave()
            self.enter()
        elif event.ui_element is self.questions_toggle:
            self.questions_shown = not self.questions_shown
            self.map_shown = False
            self.leave()
            self.enter()
        elif event.ui_element is self.menu_button:
            self.app.session = None
            self.app.goto("TitleScene")
        elif event.ui_element is self.new_button:
            self.app.session = None
            self.app.goto("BrowserScene")
        elif event.ui_element is self.replay_button:
            from ..recording import Recording
            self.app.goto("ReplayScene", Recording.of_session(self.session, self.result), back=self)
        elif event.ui_element is self.debrief_button:
            self.say(_("Writing the debrief of this game (the charts take a few seconds)…"))
            self.debrief_button.disable()
            self.exporting = self.app.frames_in_scene + 2  # the message is on screen while it is written

    def set_map_measure(self, measure: str) -> None:
        self.map_measure = measure

    def update(self, dt):
        if self.exporting is not None and self.app.frames_in_scene >= self.exporting:
            self.exporting = None
            text, self.browser = export_debrief(self.session, self.app)
            self.say(text)
            self.debrief_button.enable()
        if self.browser is not None and self.browser.answered:
            # the browser's answer replaces "Asking your web browser…": it started, or there is none to start
            answer, self.browser = self.browser.started, None
            text = self.export_message.replace(str(ASKING), str(OPENED if answer else NO_BROWSER))
            if self.export_window is not None and self.export_window.alive():
                self.say(text)
            else:
                self.export_message = text   # closed already: not opened again for this

    def say(self, text: str) -> None:
        """The debrief's news in a window over the outcome (Esc or × closes it): the path in full, wrapped."""
        self.export_message = text
        if self.export_window is None or not self.export_window.alive():
            w, h = self.size
            width, height = EXPORT_TEXT_WIDTH + 32 + 30, 230
            self.export_window = UIWindow(pygame.Rect((w - width) // 2, (h - height) // 2, width, height),
                                          self.manager, window_display_title=_("Export debrief (Esc closes)"),
                                          object_id="#export_window", resizable=False, draggable=False)
            self.export_box = UITextBox(text, pygame.Rect((0, 0), self.export_window.get_container().get_size()),
                                        self.manager, container=self.export_window, object_id="#export_status")
        else:
            self.export_box.set_text(text)

    def leave(self) -> None:
        self.close_popup()  # the window is not in the screen's container
        super().leave()

    def close_popup(self) -> bool:
        if self.export_window is not None and self.export_window.alive():
            self.export_window.kill()
            return True
        return False


ASKING = N_("Asking your web browser to open it…")
OPENED = N_("Your web browser was asked to open it.")
NO_BROWSER = N_("No web browser could be started here: open the page above yourself.")


def export_debrief(session, app) -> tuple[str, "BrowserRequest | None"]:
    """Write the debrief of the session's game under debriefs_dir() and say where (HTML for the screen), or
    why it could not be written; and the request to the system browser to open it, if one was made. The
    game's live log is its record; without one, its save text (the same lines, closed by a checksum) goes to
    a temporary file first."""
    text = _write_debrief(session)
    if not isinstance(text, tuple):
        return text, None
    text, index = text
    request = open_in_browser(index, app)
    return text + (f"<br><br>{ASKING}" if request is not None else ""), request


def _write_debrief(session):
    """(the screen's text, the index page) once written; the reason as text when it could not be."""
    import datetime as _dt
    import tempfile
    from pathlib import Path

    from ...play.replay import ReplayError
    from ...play.userdirs import debriefs_dir
    try:
        from ...report import debrief
    except ImportError:
        return _("Export debrief is not available: this Summit has no debrief module.")
    log = session.log_path if session.log_path is not None and Path(session.log_path).is_file() else None
    stem = Path(log).stem if log else f"{session.scenario.id}-seed{session.seed}-{_dt.datetime.now():%Y%m%d-%H%M%S}"
    out = debriefs_dir() / stem
    try:
        if log is not None:
            index = debrief.write_debrief([Path(log)], out, handout=True)[0]
        else:
            with tempfile.TemporaryDirectory(prefix="summit-debrief-") as folder:
                copy = Path(folder) / f"{stem}.summit"
                copy.write_text(session.save_text(), encoding="utf-8")
                index = debrief.write_debrief([copy], out, handout=True)[0]
    except OSError as error:
        return _("<b>Could not write the debrief</b>: {reason} ({path})").format(
            reason=look.html(reason_of(error)), path=look.html(str(out)))
    except ImportError as error:  # the charts need matplotlib
        return _("<b>Could not write the debrief</b>: it needs the Python package {package}").format(
            package=look.html(error.name or str(error)))
    except (ReplayError, ValueError) as error:
        return _("<b>Could not write the debrief</b>: {reason}").format(reason=look.html(error_text(error)))
    lines = "<br>".join(look.html(line) for line in look.path_lines(str(index), look.font(14, True), EXPORT_TEXT_WIDTH))
    return (_("<b>The debrief of this game is written.</b> Open this page in a web browser (it prints on A4; "
              "index.md beside it says the same; handout.html there lists the students' pages, one per role):")
            + f"<br><br><b>{lines}</b>"), Path(index)


EXPORT_TEXT_WIDTH = 680 - 32 - 30   # the export window's text, inside its padding and scroll bar


def browser_allowed(app) -> bool:
    """The system browser opens only in a real window: never in a demo, a test, under SDL_VIDEODRIVER=dummy
    or offscreen, or with SUMMIT_NO_BROWSER set."""
    import os
    return not (app.demo or os.environ.get("SDL_VIDEODRIVER") in ("dummy", "offscreen")
                or "PYTEST_CURRENT_TEST" in os.environ or os.environ.get("SUMMIT_NO_BROWSER"))


class BrowserRequest:
    """The system browser asked to open a page, in a thread (a text-mode browser must not hold the window):
    `answered` once webbrowser has said whether it could start one (`started`)."""

    def __init__(self, uri: str, opener=None):
        import threading
        import webbrowser
        self.answered = False
        self.started = False
        self._open = opener or webbrowser.open
        threading.Thread(target=self._run, args=(uri,), daemon=True).start()

    def _run(self, uri: str) -> None:
        try:
            self.started = bool(self._open(uri))
        except Exception:   # webbrowser may raise anything a launcher does (OSError, a broken BROWSER)
            self.started = False
        self.answered = True


def open_in_browser(path, app, opener=None) -> BrowserRequest | None:
    """Ask the system browser to open a page; None when the browser is not to be used here."""
    if not browser_allowed(app):
        return None
    return BrowserRequest(Path(path).resolve().as_uri(), opener)


def _guarantee(scenario, option: str | None) -> str | None:
    """The US guarantee's option as the outcome names it: its id in English (as ever), its label in French."""
    issue = scenario.issue_with(Effect.US_GUARANTEE)
    return option if option is None or issue is None or language() == "en" else narrate.shown_value(issue, option)
