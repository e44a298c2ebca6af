"""The move forms on the table: the one a move button opens (a window over the table for a whole draft,
the right panel for the others), its sliders, lists and text fields, the preview of what a change is worth
to the player, and the Action it builds and hands to the Session. A pass or a silence that lets a draft
across the player's own red line asks first, naming the red line."""

from __future__ import annotations

from types import SimpleNamespace

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UIHorizontalSlider, UILabel, UITextBox, UITextEntryLine

from ....engine import (Amend, AskCarveOut, BreakSilence, IllegalActionError, Pass, Phase, Pledge, Promise,
                        Statement, TableDraft, Threat)
from ....engine.game import PLEDGE_HORIZON, PLEDGE_MAX
from ....engine.narrate import shown_country, shown_label, shown_text, shown_value
from ....engine.outcome import score
from ....i18n import N_, _, error_text, percent
from ....report.briefing import red_line_words
from ... import look

# what a promise or a threat is about, unless an issue (a % is the field {percent_sign}, never a message's word)
PLEDGE_CHOICE = N_("its country's pledge ({percent_sign} GDP)")


def _share(value: float) -> str:
    return _("{share} GDP").format(share=percent(value))


def _year(value: float) -> str:
    return f"{value:.0f}"


class MoveForms:
    """Part of TableScene (its session, app, viewer, kind, form, form_window, form_widgets, form_top,
    positions, status, confirm_pass and after_move)."""

    def close_form(self):
        if self.form is not None:
            self.form.kill()
        if self.form_window is not None:
            self.form_window.kill()
        self.form = self.form_window = None
        self.form_widgets = {}
        self.kind = None
        self.positions.show()

    def open_form(self, kind: str):
        self.close_form()
        if kind == "pass":
            question = self.red_line_question()
            if question is None:
                self.submit(Pass(self.viewer, ""))
            else:
                self.ask_before_passing(*question)
            return
        self.kind = kind
        w, h = self.size
        if kind == "table":  # a whole draft needs more room than the panel: a window over the table
            width = 640
            self.form_window = pygame_gui.elements.UIWindow(
                pygame.Rect((w - width - 40) // 2, 60, width + 40, h - 100), self.manager,
                window_display_title=_("Table a draft communiqué (Esc cancels)"), object_id="#table_form", resizable=False)
            self.form = pygame_gui.core.UIContainer(pygame.Rect(10, 8, width, h - 180), self.manager,
                                                    container=self.form_window)
        else:
            self.positions.hide()
            width = self.right_w - 10
            self.form = pygame_gui.core.UIContainer(pygame.Rect(self.right_x, self.form_top, width, h - self.form_top - 44),
                                                    self.manager, container=self.root)
        self.form_y = 0
        builder = getattr(self, f"form_{kind}")
        builder(width)
        self.form_widgets["reason"] = None
        if kind != "statement":
            self.form_row_label(_("Why (optional, everyone reads it)"), width)
            self.form_widgets["reason"] = UITextEntryLine(self._row(width, 34), self.manager, container=self.form,
                                                          object_id="#reason")
            self.form_widgets["reason"].set_text_length_limit(200)
        submit = {"table": _("Table this draft"), "amend": _("Amend the draft")
                  if self.viewer == self.session.game.pen_holder else _("Propose amendment"),
                  "promise": _("Make the promise"), "threat": _("Make the threat"), "pledge": _("Pledge"),
                  "carve_out": _("Ask for the carve-out"), "statement": _("Speak"),
                  "break_silence": _("Break silence")}[kind]
        self.form_y += 4
        half = (width - 8) // 2
        self.form_widgets["cancel"] = pygame_gui.elements.UIButton(
            pygame.Rect(0, self.form_y, half, 38), _("Cancel"), self.manager, container=self.form, object_id="#cancel")
        self.form_widgets["submit"] = pygame_gui.elements.UIButton(
            pygame.Rect(half + 8, self.form_y, half, 38), submit, self.manager, container=self.form, object_id="#submit")
        if self.form_window is not None:  # fit the window to its content
            rect = self.form_window.get_abs_rect()
            height = self.form_y + 38 + 8 + 8 + (rect.height - self.form_window.get_container().get_rect().height)
            self.form_window.set_dimensions((rect.width, height))
            self.form_window.set_position((rect.x, max(50, (h - height) // 2)))

    # ----- a pass across one's own red line asks first ----------------------------------------------------
    def red_line_question(self) -> tuple[str, str, str] | None:
        """(title, question, button) when passing now lets a draft across the viewer's own red line through:
        staying silent in the silence procedure accepts it; passing in the consultations leaves it on the
        table for the silence procedure. None when the draft crosses none of them (or nothing is at stake)."""
        session, viewer = self.session, self.viewer
        phase = session.state.phase
        if viewer is None or phase not in (Phase.SILENCE, Phase.CONSULTATIONS):
            return None
        observation = session.game.observe(session.state, viewer)
        crossed = observation.crossed(session.state.draft)
        if not crossed:
            return None
        lines = []
        if not self.private_shown:   # the room watches (one operator): the red line stays private
            name = shown_text(session.scenario.leader(viewer).name)
            lines.append(_("{leader} has a red line the draft crosses (Reveal, V, shows it).").format(
                leader=look.html(name)))
            crossed = ()
        for issue_id in crossed:
            issue = observation.issue(issue_id)
            line = SimpleNamespace(red_line=observation.red_line[issue_id], ideal=observation.ideal[issue_id])
            lines.append(_("<b>{issue}</b>: the draft says <b>{value}</b>; your red line: {red_line}.").format(
                issue=look.html(shown_label(issue)), value=look.html(shown_value(issue, session.state.draft[issue_id])),
                red_line=look.html(red_line_words(issue, line))))
        several = len(crossed) > 1
        if phase == Phase.SILENCE:
            return (_("Stay silent across your red line?"),
                    (_("Staying silent <b>accepts</b> a draft that crosses your red lines:") if several else
                     _("Staying silent <b>accepts</b> a draft that crosses your red line:")) + "<br>" + "<br>".join(lines)
                    + "<br>" + _("To object instead, go back and Break silence (8). Stay silent anyway?"),
                    _("Stay silent anyway"))
        return (_("Pass with the draft across your red line?"),
                (_("The draft crosses your red lines:") if several else _("The draft crosses your red line:"))
                + "<br>" + "<br>".join(lines) + "<br>"
                + _("Passing leaves it on the table for the silence procedure. Amend or Propose (2) changes it. "
                    "Pass anyway?"), _("Pass anyway"))

    def ask_before_passing(self, title: str, question: str, button: str):
        w, h = self.size
        self.confirm_pass = RedLineQuestion(self.manager, (w, h), title, question, button)

    def close_confirm_pass(self) -> bool:
        """Esc, or the move was made some other way: the question goes."""
        if self.confirm_pass is not None and self.confirm_pass.alive():
            self.confirm_pass.kill()
            self.confirm_pass = None
            return True
        self.confirm_pass = None
        return False

    def pass_confirmed(self):
        self.submit(Pass(self.viewer, ""))   # submit closes the question

    def _row(self, width: int, height: int) -> pygame.Rect:
        rect = pygame.Rect(0, self.form_y, width, height)
        self.form_y += height + 6
        return rect

    def form_row_label(self, text: str, width: int):
        UILabel(self._row(width, 20), text, self.manager, container=self.form)

    def value_control(self, key: str, issue, value, width: int, x: int = 0):
        """A slider (range issues, in the issue's steps) or a list of options, with its value shown; in a
        row of its own, or (x > 0) to the right of a label on the current row."""
        issue = issue if isinstance(issue, _NumberScale) else _Shown(issue)
        if x:
            rect = pygame.Rect(x, self.form_y, width - x, 32)
            self.form_y += 38
        else:
            rect = self._row(width, 32)
        if issue.is_range:
            low, high = issue.range
            steps = int(round((high - low) / issue.step))
            position = int(round((float(value) - low) / issue.step))
            label_w = 110
            slider = UIHorizontalSlider(pygame.Rect(rect.x, rect.y, rect.width - label_w - 6, 30), position, (0, steps),
                                        self.manager, container=self.form, click_increment=1,
                                        object_id=f"#slider_{key}")
            shown = UILabel(pygame.Rect(rect.right - label_w, rect.y, label_w, 30), issue.format(value), self.manager,
                            container=self.form)
            self.form_widgets[key] = ("range", issue, slider, shown)
        else:
            # each option shows its label and stands for its id
            choices = [(issue.format(option), option) for option in issue.options]
            menu = UIDropDownMenu(choices, (issue.format(str(value)), str(value)), rect, self.manager,
                                  container=self.form, object_id=f"#options_{key}")
            self.form_widgets[key] = ("options", issue, menu, None)

    def control_value(self, key: str):
        kind, issue, widget, _ = self.form_widgets[key]
        if kind == "range":
            return issue.snap(issue.range[0] + int(widget.get_current_value()) * issue.step)
        return look.selected_id(widget)

    def number_control(self, key: str, low: float, high: float, step: float, value: float, fmt, width: int):
        issue = _NumberScale(low, high, step, fmt)
        self.value_control(key, issue, value, width)

    def issue_menu(self, width: int, extra: tuple[str, ...] = (), first: str | None = None, head: tuple[str, ...] = ()):
        labels = list(head) + [shown_label(issue) for issue in self.session.scenario.issues] + list(extra)
        menu = UIDropDownMenu(labels, first or labels[0], self._row(width, 32), self.manager, container=self.form,
                              object_id="#issue_menu")
        self.form_widgets["issue"] = menu
        return menu

    def chosen_issue(self):
        label = look.selected(self.form_widgets["issue"])
        return next((i for i in self.session.scenario.issues if shown_label(i) == label), None)

    def form_table(self, width):
        s, state = self.session.scenario, self.session.state
        self.form_y = 8
        # the labels' column as wide as its longest label (French ones are longer), up to half the form
        label_w = min(max([226] + [look.font(15).size(shown_label(issue))[0] for issue in s.issues]), width // 2)
        for issue in s.issues:
            UILabel(pygame.Rect(0, self.form_y, label_w + 4, 32), look.fit(shown_label(issue), look.font(15), label_w),
                    self.manager, container=self.form)
            self.value_control(f"issue:{issue.id}", issue, state.draft[issue.id], width, x=label_w + 10)
        requests = dict(state.carve_out_requests)
        if requests and self.session.game.deadline_issue is not None:
            asked = ", ".join(f"{shown_country(s, a)} ({y})" for a, y in requests.items())
            UITextBox(_("<b>Carve-outs asked for</b>: {asked}. A carve-out ends after the deadline.").format(
                asked=look.html(asked)), self._row(width, 84), self.manager, container=self.form)
            UILabel(pygame.Rect(0, self.form_y, 230, 32), _("Carve-outs in the draft"), self.manager, container=self.form)
            choices = [(_("grant all asked"), "grant all asked"), (_("keep as drafted"), "keep as drafted"),
                       (_("none"), "none")]
            self.form_widgets["carve"] = UIDropDownMenu(choices, choices[0],
                                                        pygame.Rect(236, self.form_y, width - 236, 32), self.manager,
                                                        container=self.form, object_id="#carve_menu")
            self.form_y += 38
        self.form_widgets["preview"] = UILabel(self._row(width, 22), "", self.manager, container=self.form,
                                               object_id="#status")
        self.update_preview()

    def form_amend(self, width):
        self.form_row_label(_("Issue"), width)
        menu = self.issue_menu(width, first=self.last_issue)
        issue = self.chosen_issue()
        self.form_row_label(_("New value"), width)
        self.value_control("value", issue, self.session.state.draft[issue.id], width)
        self.form_widgets["preview"] = UILabel(self._row(width, 22), "", self.manager, container=self.form,
                                               object_id="#status")
        self.update_preview()
        return menu

    def draft_score(self, draft) -> float:
        prefs = self.session.game.preferences_now(self.session.state)
        no_deal = prefs.utility(self.session.game.no_deal_terms(), self.viewer)
        return score(prefs.utility(draft, self.viewer), no_deal)

    def update_preview(self):
        label = self.form_widgets.get("preview")
        if label is None:
            return
        if self.kind == "table":
            draft = self.session.state.draft
            for issue in self.session.scenario.issues:
                draft = draft.with_value(issue.id, self.control_value(f"issue:{issue.id}"))
            label.set_text(_("This draft, for you: {score} / 100 (no deal = 50)").format(
                score=f"{self.draft_score(draft):.0f}"))
            return
        issue = self.chosen_issue()
        draft = self.session.state.draft.with_value(issue.id, self.control_value("value"))
        label.set_text(_("The draft with this change, for you: {score} / 100").format(
            score=f"{self.draft_score(draft):.0f}"))

    def form_offer(self, width, kind):
        """To whom, and on what: its country's pledge (a level), or any issue of the draft (a value)."""
        s = self.session.scenario
        self.form_row_label(_("On"), width)
        self.issue_menu(width, extra=(), first=self.last_offer_on, head=(PLEDGE_CHOICE.format(percent_sign="%"),))
        issue = self.chosen_issue()
        others = [l for l in s.leaders if l.id != self.viewer and (l.ally or issue is not None)]
        self.offer_targets = {(f"{shown_text(l.name)} ({shown_country(s, l.ally)})" if l.ally else shown_text(l.name)): l.id
                              for l in others}
        self.form_row_label(_("To"), width)
        self.form_widgets["target"] = UIDropDownMenu(list(self.offer_targets), next(iter(self.offer_targets)),
                                                     self._row(width, 32), self.manager, container=self.form,
                                                     object_id="#target_menu")
        if issue is None:
            self.form_row_label(_("If (or unless) its country pledges at least"), width)
            self.number_control("demand", 0.1, PLEDGE_MAX, 0.1, 3.5, _share, width)
        else:
            self.form_row_label(_("If (or unless) the text says, on {issue}").format(issue=shown_label(issue)), width)
            self.value_control("value", issue, self.session.state.draft[issue.id], width)

    def form_promise(self, width):
        self.form_offer(width, "promise")

    def form_threat(self, width):
        self.form_offer(width, "threat")

    def form_pledge(self, width):
        s, state = self.session.scenario, self.session.state
        ally = s.ally(s.leader(self.viewer).ally)
        previous = state.pledge(ally.id)
        level = previous[0] if previous else max(0.1, round(ally.defence_pct_gdp + 0.5, 1))
        year = previous[1] if previous else s.year + 10
        self.form_row_label(_("Spend (now {share} of GDP)").format(share=percent(ally.defence_pct_gdp, 2)), width)
        self.number_control("level", 0.1, PLEDGE_MAX, 0.1, min(level, PLEDGE_MAX), _share, width)
        self.form_row_label(_("By the year"), width)
        self.number_control("year", s.year + 1, s.year + PLEDGE_HORIZON, 1, year, _year, width)

    def form_carve_out(self, width):
        issue = self.session.game.deadline_issue
        deadline = int(self.session.state.draft[issue.id])
        latest = int(issue.range[1])
        self.form_row_label(_("Your own deadline (the draft says {deadline})").format(deadline=deadline), width)
        self.number_control("year", deadline + 1, latest, 1, min(deadline + 3, latest), _year, width)

    def form_statement(self, width):
        self.form_row_label(_("What you say"), width)
        entry = UITextEntryLine(self._row(width, 34), self.manager, container=self.form, object_id="#words")
        entry.set_text_length_limit(200)
        self.form_widgets["words"] = entry
        self.form_row_label(_("State a limit on (optional)"), width)
        labels = [_("no limit")] + [shown_label(i) for i in self.session.scenario.issues]
        self.form_widgets["issue"] = UIDropDownMenu(labels, labels[0], self._row(width, 32), self.manager,
                                                    container=self.form, object_id="#issue_menu")

    def form_break_silence(self, width):
        self.form_row_label(_("The issue you object to"), width)
        extra = (_("Carve-outs"),) if self.session.state.draft.carve_outs else ()
        # the list starts on the first issue the draft crosses a red line of the player's on, if any
        crossed = self.session.game.observe(self.session.state, self.viewer).crossed(self.session.state.draft)
        first = shown_label(self.session.scenario.issue(crossed[0])) if crossed else None
        self.issue_menu(width, extra=extra, first=first)

    def on_issue_changed(self):
        if self.kind in ("promise", "threat"):   # pledge or an issue: the controls below change
            self.last_offer_on = look.selected(self.form_widgets["issue"])
            reason = self.form_widgets["reason"].get_text() if self.form_widgets.get("reason") else ""
            self.open_form(self.kind)
            if reason:
                self.form_widgets["reason"].set_text(reason)
        elif self.kind == "amend":
            self.last_issue = look.selected(self.form_widgets["issue"])
            reason = self.form_widgets["reason"].get_text() if self.form_widgets.get("reason") else ""
            self.open_form("amend")
            if reason:
                self.form_widgets["reason"].set_text(reason)
        elif self.kind == "statement":
            issue = self.chosen_issue()
            for key in ("bound", "limit"):
                control = self.form_widgets.pop(key, None)
                for part in (control if isinstance(control, tuple) else (control,)):
                    if hasattr(part, "kill"):
                        part.kill()
            self.form_y = self.form_widgets["issue"].relative_rect.bottom + 6
            if issue is not None:
                width = self.right_w - 10
                bounds = [(_("at most"), "at_most"), (_("at least"), "at_least")] if issue.is_range else \
                    [(_("never"), "not")]
                self.form_widgets["bound"] = UIDropDownMenu(bounds, bounds[0], self._row(width, 32), self.manager,
                                                            container=self.form, object_id="#bound_menu")
                self.value_control("limit", issue, self.session.state.draft[issue.id], width)
            self.move_form_buttons()

    def move_form_buttons(self):
        half = ((self.right_w - 10) - 8) // 2
        self.form_y += 4
        self.form_widgets["cancel"].set_relative_position((0, self.form_y))
        self.form_widgets["submit"].set_relative_position((half + 8, self.form_y))

    def build_action(self):
        kind, me, widgets = self.kind, self.viewer, self.form_widgets
        reason = widgets["reason"].get_text().strip() if widgets.get("reason") else ""
        s = self.session.scenario
        if kind == "table":
            draft = self.session.state.draft
            for issue in s.issues:
                draft = draft.with_value(issue.id, self.control_value(f"issue:{issue.id}"))
            deadline = self.session.game.deadline_issue
            if deadline is not None:
                choice = look.selected_id(widgets["carve"]) if "carve" in widgets else "keep as drafted"
                carve = dict(draft.carve_outs)
                if choice == "grant all asked":
                    carve.update(dict(self.session.state.carve_out_requests))
                elif choice == "none":
                    carve = {}
                carve = {a: y for a, y in carve.items() if y > draft[deadline.id]}
                draft = draft.with_carve_outs(carve)
            return TableDraft(me, reason, draft=draft)
        if kind == "amend":
            issue = self.chosen_issue()
            return Amend(me, reason, issue=issue.id, value=self.control_value("value"))
        if kind in ("promise", "threat"):
            target = self.offer_targets[look.selected(widgets["target"])]
            cls = Promise if kind == "promise" else Threat
            issue = self.chosen_issue()
            if issue is not None:
                return cls(me, reason, target=target, issue=issue.id, value=self.control_value("value"))
            return cls(me, reason, target=target, demand=round(self.control_value("demand"), 1))
        if kind == "pledge":
            return Pledge(me, reason, level=round(self.control_value("level"), 1), year=int(self.control_value("year")))
        if kind == "carve_out":
            return AskCarveOut(me, reason, year=int(self.control_value("year")))
        if kind == "statement":
            words = widgets["words"].get_text().strip()
            issue = self.chosen_issue()
            if issue is None:
                return Statement(me, words)
            bound = look.selected_id(widgets["bound"])
            return Statement(me, words, issue=issue.id, limit=self.control_value("limit"), bound=bound)
        if kind == "break_silence":
            issue = self.chosen_issue()
            if issue is None:
                return BreakSilence(me, reason, issue="carve_outs")
            # Which way the objection pulls follows from the player's own position, as it would in the room.
            wants = self.session.game.observe(self.session.state, me).wants(issue.id)
            return BreakSilence(me, reason, issue=issue.id, wants=wants)
        raise ValueError(kind)

    def submit_form(self):
        self.submit(self.build_action())

    def submit(self, action):
        self.close_confirm_pass()
        try:
            self.session.submit(action)
        except IllegalActionError as error:
            self.say(_("Not allowed: {reason}.").format(reason=error_text(error)))
            return
        self.status_text = ""
        self.close_form()
        if self.app.hot_seat:
            self.app.seat = None  # the player has moved: nothing private stays on screen
            self.app.revealed = None  # and the next player's screen starts as the mode has it
        elif self.app.revealed:
            self.app.revealed = None  # a reveal lasts one move: the next role's secrets are not shown unasked
        self.app.autosave()  # after every person's move: a crash loses at most the move in progress
        self.after_move()


class RedLineQuestion(pygame_gui.elements.UIWindow):
    """"Stay silent across your red line?": the question, "... anyway" and "Go back" (Esc). The table
    handles the buttons (confirm_button, cancel_button)."""

    WIDTH, HEIGHT = 540, 250

    def __init__(self, manager, size: tuple[int, int], title: str, question: str, yes: str):
        w, h = size
        super().__init__(pygame.Rect((w - self.WIDTH) // 2, (h - self.HEIGHT) // 2, self.WIDTH, self.HEIGHT), manager,
                         window_display_title=title, object_id="#confirm_pass", resizable=False)
        inner = self.get_container().get_rect()
        self.confirmation_text = UITextBox(question, pygame.Rect(0, 0, inner.width, inner.height - 56), manager,
                                           container=self, object_id="#confirm_text")
        half = (inner.width - 30) // 2
        self.cancel_button = pygame_gui.elements.UIButton(pygame.Rect(10, inner.height - 48, half, 40), _("Go back"),
                                                          manager, container=self, object_id="#cancel")
        self.confirm_button = pygame_gui.elements.UIButton(pygame.Rect(20 + half, inner.height - 48, half, 40), yes,
                                                           manager, container=self, object_id="#submit")


class _NumberScale:
    """A plain number slider (pledge level, year) that looks like a range issue to value_control."""

    is_range = True

    def __init__(self, low, high, step, fmt):
        self.range = (low, high)
        self.step = step
        self._fmt = fmt

    def snap(self, value: float) -> float:
        low, high = self.range
        steps = round((min(max(value, low), high) - low) / self.step)
        return round(min(low + steps * self.step, high), 6)

    def format(self, value) -> str:
        return self._fmt(float(value))


class _Shown:
    """An issue as value_control shows it: its values in the language in use (narrate.shown_value), all else
    the issue's own (snap, range, step, options)."""

    def __init__(self, issue):
        self.issue = issue

    def __getattr__(self, name):
        return getattr(self.issue, name)

    def format(self, value) -> str:
        return shown_value(self.issue, value)
