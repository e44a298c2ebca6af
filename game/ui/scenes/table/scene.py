"""The negotiation table: the roster of allies, the draft communiqué, this round's log, your move.

Agents move one at a time at the chosen speed (pause, step, fast-forward); when it is a person's turn
the action panel offers every kind of move, greyed out with the reason when the rules forbid it. A move
is an Action handed to the Session; an illegal one is refused with the engine's reason on screen.

This module is the screen itself: whose eyes it shows, its layout, the top bar and the move buttons, the
events, and the computer players' pace. Each panel's own work is a part it is made of, in this package:
roster.py, draft.py, log.py, forms.py (the moves), class_sheet.py (class mode's slips), teaching.py (the
teacher's controls).
"""

from __future__ import annotations

import sys

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UIImage, UIScrollingContainer, UITextBox

from ....engine import AgentError, Phase, narrate
from ....i18n import N_, _, localize
from ....report.glossary import MOVE_KINDS
from ... import look
from ...logview import LogView
from ...roles import seat
from ...scene import Scene
from ...settings import SPEED_WORDS, SPEEDS
from ...teacher import TeacherPanel
from .allies_map import AlliesMap
from .class_sheet import ClassMode
from .draft import DraftPanel
from .forms import MoveForms
from .log import LogPanel
from .roster import SORTS, Roster
from .teaching import TeacherHooks
from .words import glossary_html, phase_tip

KIND_BUTTONS = MOVE_KINDS    # kind, button text, what it does (game/report/glossary.py)
TIMER_W = 186      # the round timer in the top bar ("Round 10 · time is up")


class TableScene(Roster, AlliesMap, DraftPanel, LogPanel, MoveForms, ClassMode, TeacherHooks, Scene):
    name = "table"
    in_game = True
    round_clock = True      # the teacher's round timer runs on this screen

    def __init__(self, app):
        super().__init__(app)
        self.session = app.session
        self.fast = False
        self.teacher_panel: TeacherPanel | None = None
        self.reopen_panel = False   # the panel was open when the screen was laid out again (resize, zoom)
        self.timer = 0.0
        self.kind: str | None = None
        self.round_seen = self.session.state.round
        self.status_text = ""
        self.last_issue: str | None = None
        self.last_offer_on: str | None = None    # what the promise or threat form was last about
        self.terms = None
        self.last_was_pass = False
        self.held_shown: str | None = None       # what held the computers when the turn line was written
        self.confirm_pass = None                  # "stay silent across your red line?" while it asks
        self.sheet = None                         # class mode: this phase's sheet of slips (class_sheet.py)

    # ----- whose eyes --------------------------------------------------------------------------------
    @property
    def viewer(self) -> str | None:
        """The role whose side of the table the screen shows: the one player; in a demo the role watched;
        with several players the one whose turn it is (after the hand-off), else nobody (public view)."""
        session, app = self.session, self.app
        if not session.humans:
            return app.view_as
        if len(session.humans) == 1:
            return session.humans[0]
        if app.operator:
            return session.actor if session.actor in session.humans else None
        return app.seat

    @property
    def paused(self) -> bool:
        """The computer players wait. Kept by the App, so a pause lasts across hand-offs and rounds."""
        return self.app.paused

    @paused.setter
    def paused(self, value: bool) -> None:
        self.app.paused = value

    @property
    def private_shown(self) -> bool:
        """Whether the viewer's positions and meter are on screen: as the mode has it (hidden while one
        operator moves for several players), unless the teacher or the operator showed or hid them (V)."""
        if self.viewer is None:
            return False
        if self.app.revealed is not None:
            return self.app.revealed
        return not (self.app.operator and len(self.session.humans) > 1)

    # ----- layout -----------------------------------------------------------------------------------
    def build(self):
        w, h = self.size
        s = self.session.scenario
        look_top = 52
        pygame_gui.elements.UIPanel(pygame.Rect(0, 0, w, 46), manager=self.manager, container=self.root,
                                    object_id="#topbar")
        x = self.bar_x = w - 528
        self.phase_label = self.label((12, 8, x - 20, 30), "", object_id="#heading")
        self.timer_label = self.label((x - TIMER_W - 8, 8, TIMER_W, 30), "", object_id="#timer")
        self.timer_label.set_tooltip(_("The round timer (Teacher's controls, F2): it counts while the computers are "
                                       "not paused and starts again each round. At zero it only says so."))
        self.pause_button = self.button((x, 6, 64, 34), _("Pause"), _("Pause the computer players (Space)"))
        self.step_button = self.button((x + 70, 6, 56, 34), _("Step"), _("One computer move at a time while paused (S)"))
        self.fast_button = self.button((x + 132, 6, 68, 34), _("Fast ▸▸"),
                                       _("Run the computer players to your next turn (F)"))
        self.speeds = {str(SPEED_WORDS[key]): key for key in SPEEDS}
        self.speed_menu = UIDropDownMenu(list(self.speeds), str(SPEED_WORDS[self.app.settings.speed]),
                                         pygame.Rect(x + 206, 6, 104, 34), self.manager, container=self.root,
                                         object_id="#table_speed")
        self.help_button = self.button((x + 316, 6, 60, 34), _("Terms"), _("What the terms on this screen mean"))
        self.teacher_button = self.button((x + 382, 6, 76, 34), _("Teacher"),
                                          _("The teacher's controls: pause, round timer, an event now, undo, end now, "
                                            "reveal, projector mode (F2)"))
        self.menu_button = self.button((x + 464, 6, 56, 34), _("Menu"), _("Save, load, settings, quit (Esc)"))
        self.timer_shown: bool | None = None

        left_w = int(w * (0.31 if self.app.roster_view == "bars" and not self.app.allies_map else 0.40))  # numbers, a map
        right_w = int(w * 0.30)
        mid_x = left_w + 16
        mid_w = w - left_w - right_w - 32
        right_x = mid_x + mid_w + 8
        self.left_w, self.mid_x, self.mid_w, self.right_x, self.right_w = left_w, mid_x, mid_w, right_x, right_w

        self.label((10, look_top, left_w - 304, 22), _("ALLIES ({count})").format(count=len(s.allies)),
                   object_id="#section")
        self.map_button = self.button((left_w - 288, look_top - 4, 50, 28), _("List") if self.app.allies_map else _("Map"),
                                      _("Show the allies on a map coloured by spending, or as the list (M)"))
        self.view_button = self.button((left_w - 234, look_top - 4, 96, 28),
                                       _("Table") if self.app.roster_view == "bars" else _("Bars"),
                                       _("Show the allies as a table of numbers, or as bars (L)"))
        self.sort_menu = UIDropDownMenu([str(label) for label in SORTS], look.term(self.app.roster_sort), pygame.Rect(left_w - 132, look_top - 4, 134, 28),
                                        self.manager, container=self.root, object_id="#roster_sort")
        self.scale = UIImage(pygame.Rect(10, look_top + 24, left_w - 10, 18), pygame.Surface((left_w - 10, 18)),
                             self.manager, container=self.root)
        roster_h = h - look_top - 52
        self.roster_box = UIScrollingContainer(pygame.Rect(8, look_top + 44, left_w, roster_h), self.manager,
                                               container=self.root, allow_scroll_x=False, object_id="#roster")
        self.roster_height = max(roster_h, self.roster_needs())
        self.roster_box.set_scrollable_area_dimensions((left_w - 22, self.roster_height))
        self.roster = UIImage(pygame.Rect(0, 0, left_w - 22, self.roster_height),
                              pygame.Surface((left_w - 22, self.roster_height)), self.manager, container=self.roster_box)
        self.build_map(pygame.Rect(8, look_top + 28, left_w, h - look_top - 36))

        draft_h = int((h - look_top) * 0.42)
        draft_label = self.label((mid_x, look_top, mid_w, 22), _("DRAFT COMMUNIQUÉ · click a term for help"),
                                 object_id="#section")
        draft_label.set_tooltip(_("The text the allies must adopt by consensus. Changes made this round are "
                                  "highlighted, with the value the round started from."))
        self.draft_view = LogView(self.manager, self.root, pygame.Rect(mid_x, look_top + 24, mid_w, draft_h),
                                  size=15, follow=False)
        log_y = look_top + 24 + draft_h + 8
        self.label((mid_x, log_y, mid_w, 22), _("THIS ROUND · the latest move at the bottom"), object_id="#section")
        self.log_view = LogView(self.manager, self.root, pygame.Rect(mid_x, log_y + 24, mid_w, h - log_y - 32))

        self.label((right_x, look_top, right_w - 120, 22), _("YOUR MOVE"), object_id="#section")
        self.reveal_button = None
        if self.app.operator and len(self.session.humans) > 1:
            self.reveal_button = self.button((right_x + right_w - 110, look_top - 2, 100, 26), _("Reveal"),
                                             _("Show or hide the private positions and meter of the role moving (V)"))
        self.you_label = self.label((right_x, look_top + 24, right_w - 10, 24), "")
        self.meter = UIImage(pygame.Rect(right_x, look_top + 50, right_w - 10, 58), pygame.Surface((right_w - 10, 58)),
                             self.manager, container=self.root)
        self.turn_label = self.label((right_x, look_top + 112, right_w - 10, 24), "", object_id="#status")
        self.kind_buttons = {}
        bw = (right_w - 22) // 3
        for index, (kind, text, tip) in enumerate(KIND_BUTTONS):
            row, col = divmod(index, 3)
            self.kind_buttons[kind] = self.button((right_x + col * (bw + 6), look_top + 142 + row * 40, bw, 34),
                                                  look.term(text), look.term(tip), object_id=f"#kind_{kind}", cls=look.ReasonButton)
        self.form_top = look_top + 142 + 3 * 40 + 6
        self.form = self.form_window = None
        self.form_widgets: dict = {}
        self.positions = UITextBox(self.positions_html(), pygame.Rect(right_x, self.form_top, right_w - 10,
                                                                      h - self.form_top - 46),
                                   self.manager, container=self.root, object_id="#positions")
        # two lines for what the last click did (a refusal quotes the rules' reason whole)
        self.status = UITextBox("", pygame.Rect(right_x, h - 44, right_w - 10, 40), self.manager, container=self.root,
                                object_id="#table_status")
        if self.app.message:  # e.g. the log or the autosave could not be written
            self.status_text, self.app.message = self.app.message, ""
        self.refresh()
        if self.reopen_panel:
            self.reopen_panel = False
            self.open_panel()

    # ----- model -> screen --------------------------------------------------------------------------
    def refresh(self):
        session, state, s = self.session, self.session.state, self.session.scenario
        self.layout_topbar()
        if self.round_over:  # the round's last move is on screen until its result is shown
            self.phase_label.set_text(self.phase_text(_(" · Round {round} of {rounds} · Silence procedure over").format(
                round=self.round_seen, rounds=s.rounds)))
            self.phase_label.set_tooltip(phase_tip(Phase.SILENCE))
        else:
            phase = narrate.PHASE_NAMES[state.phase]
            self.phase_label.set_text(self.phase_text(_(" · Round {round} of {rounds} · {phase}").format(
                round=state.round, rounds=s.rounds, phase=phase)))
            self.phase_label.set_tooltip(phase_tip(state.phase))
        self.pause_button.set_text(_("Play") if self.paused else _("Pause"))
        (self.step_button.enable if self.paused else self.step_button.disable)()
        if self.viewer is None:
            self.you_label.set_text(_("Public view: no one's secrets on screen"))
        else:
            viewer = s.leader(self.viewer)
            country = seat(s, viewer)
            human = self.viewer in session.humans
            who = (_("Watching as {leader} ({country})"), _("Watching as {leader}")) if not human else (
                _("Moving for {leader} ({country})"), _("Moving for {leader}")) if self.app.operator and \
                len(session.humans) > 1 else (_("You are {leader} ({country})"), _("You are {leader}"))
            # without the country when both do not fit beside the Reveal button (the roster marks it)
            self.you_label.set_text(look.first_fitting(tuple(text.format(leader=narrate.shown_text(viewer.name), country=country)
                                                             for text in who),
                                                       look.font(15), self.right_w - (130 if self.reveal_button else 14)))
        if self.reveal_button is not None:
            self.reveal_button.set_text(_("Hide") if self.private_shown else _("Reveal"))
        self.draw_meter()
        self._set_html(self.positions, self.positions_html())
        self.draft_view.show(self.draft_rows())
        self.update_log()
        self.draw_roster()
        self.draw_scale()
        self.refresh_map()
        self.update_buttons()
        self.say(self.status_text)
        if self.teacher_panel is not None and self.teacher_panel.alive():
            self.teacher_panel.refresh()

    def say(self, text: str) -> None:
        """The status lines under the move panel."""
        self.status_text = text
        self._set_html(self.status, look.html(text))

    def phase_text(self, tail: str) -> str:
        """The scenario's title and tail (round, phase); the tail alone when both do not fit the bar (the
        title is on every other screen, and a title cut short tells less than none)."""
        title = narrate.shown_text(self.session.scenario.title)
        room = self.phase_label.relative_rect.width - 6
        return look.first_fitting((title + tail, tail.removeprefix(" · ")), look.font(18, bold=True), room)

    def layout_topbar(self) -> None:
        """The round timer takes room from the title only while it is on."""
        timer = self.app.round_timer
        if self.timer_shown == timer.on:
            return
        self.timer_shown = timer.on
        width = self.bar_x - 20 - (TIMER_W + 8 if timer.on else 0)
        self.phase_label.set_dimensions((width, 30))
        (self.timer_label.show if timer.on else self.timer_label.hide)()
        self.show_timer()

    def show_timer(self) -> None:
        """The countdown in the top bar (each frame: only when its text changed); orange once time is up."""
        timer = self.app.round_timer
        text = timer.text() or _("Round {round} · {left}").format(round=self.session.state.round, left=timer.left_text())
        if timer.on and self.timer_label.text != text:
            wanted = "#timer_up" if timer.up else "#timer"
            if self.timer_label.object_ids[-1] != wanted:
                self.timer_label.change_object_id(wanted)
            self.timer_label.set_text(text)

    @property
    def round_over(self) -> bool:
        return self.session.over or self.session.state.round != self.round_seen

    def update_buttons(self):
        session = self.session
        actor = session.actor
        my_turn = session.waiting_for_human and actor == self.viewer and not self.round_over
        if self.viewer is not None:
            legal = session.game.legal_kinds(session.state, self.viewer)
        else:
            legal = {kind: _("the screen is in public view: wait for your hand-off") for kind, _t, _w in KIND_BUTTONS}
        if self.round_over:
            legal = {kind: _("the round is over") for kind in legal}
            self.turn_label.set_text(_("The round is over: its result comes next."))
        elif self.sheet is not None and self.sheet.alive():   # class mode: the sheet is this phase's one screen
            legal = {kind: _("the class sheet is open: hand it in, or choose one by one") for kind in legal}
        elif session.over:
            self.turn_label.set_text(_("The negotiation is over."))
        elif my_turn:
            self.turn_label.set_text(_("Your turn ({phase}).").format(phase=str(narrate.PHASE_NAMES[session.state.phase]).lower()))
        else:
            name = narrate.shown_text(session.scenario.leader(actor).name)
            held = self.held
            waiting = _("waits: {what}").format(what=held) if held else _("paused") if self.paused else _("thinking…")
            self.turn_label.set_text(_("{leader}'s turn ({waiting})").format(leader=name, waiting=waiting))
        self.held_shown = self.held
        pen = session.game.pen_holder
        for kind, button in self.kind_buttons.items():
            text = look.term(dict((k, t) for k, t, _w in KIND_BUTTONS)[kind])
            if kind == "pass":
                phase = Phase.SILENCE if self.round_over else session.state.phase
                text = {Phase.SILENCE: _("Stay silent"), Phase.DRAFTING: _("Keep draft")}.get(phase, text)
            if kind == "amend" and self.viewer != pen:
                text = _("Propose")
            if button.text != text:
                # pygame_gui 0.6.14 does not redraw a disabled button's new text: make the button anew
                rect = button.relative_rect.copy()
                button.kill()
                button = self.button(rect, text, None, object_id=f"#kind_{kind}", cls=look.ReasonButton)
                self.kind_buttons[kind] = button
            reason = legal.get(kind) if self.viewer in session.humans else _("the computer plays this role")
            if reason is None:
                button.enable()
                button.set_tooltip(look.term(dict((k, tip) for k, _t, tip in KIND_BUTTONS)[kind]))
            else:
                button.disable()
                button.set_tooltip(_("Not now: {reason}.").format(reason=localize(reason)))
        if self.kind is not None and legal.get(self.kind) is not None:
            self.close_form()

    @staticmethod
    def _set_html(box: UITextBox, text: str) -> None:
        if box.html_text != text:  # laying text out is the costly part of a frame: only when it changed
            box.set_text(text)

    # ----- events -----------------------------------------------------------------------------------
    def shortcuts(self):
        # the buttons' own words as they read now (Propose, Stay silent, Keep draft), so F1 and the screen agree
        keys = [(pygame.K_1 + index, str(index + 1), _("{button} (when allowed)").format(
                    button=self.kind_buttons[kind].text), self.kind_buttons[kind])
                for index, (kind, _t, _w) in enumerate(KIND_BUTTONS)]
        if self.form is not None:
            keys.append((pygame.K_RETURN, _("Enter"), _("submit the open form"), self.form_widgets.get("submit")))
        if self.confirm_pass is not None and self.confirm_pass.alive():
            keys.append((pygame.K_RETURN, _("Enter"), _("pass anyway, across your red line"),
                         self.confirm_pass.confirm_button))
        return keys + [(pygame.K_t, "T", _("the terms (glossary)"), self.help_button),
                       (pygame.K_l, "L", _("allies as bars or as a table"), self.view_button),
                       (pygame.K_m, "M", _("the allies on a map, or the list again"), self.map_button),
                       (pygame.K_F2, "F2", _("the teacher's controls (open or close)"), self.teacher_button)]

    extra_keys = ((N_("Space"), N_("pause or play the computer players (when the ring is on nothing)")),
                  ("S", N_("one computer move, while paused")), ("F", N_("fast: run the computers to your next turn")),
                  ("O", N_("sort the allies: spending, name, pledge, stance")),
                  (N_("Left / Right"), N_("on the map: point at the ally to the west or east (Enter on its line "
                                          "selects)")),
                  ("V", N_("show or hide the private positions on screen")),
                  (N_("Esc"), N_("close the open form or window, else the game menu")))

    def handle(self, event):
        if self.teacher_panel is not None and self.teacher_panel.alive() and self.teacher_panel.handle(event):
            return
        if self.sheet_handles(event):
            return
        if self.confirm_pass is not None:
            element = getattr(event, "ui_element", None)
            if event.type == pygame_gui.UI_BUTTON_PRESSED and element is self.confirm_pass.confirm_button:
                self.pass_confirmed()
                return
            if event.type == pygame_gui.UI_BUTTON_PRESSED and element is self.confirm_pass.cancel_button:
                self.close_confirm_pass()
                return
            if event.type == pygame_gui.UI_WINDOW_CLOSE and element is self.confirm_pass:
                self.confirm_pass = None
                return
        if self.log_view.handle(event, self.manager):
            return
        clicked = self.draft_view.handle(event, self.manager)
        if isinstance(clicked, str):
            self.show_terms(clicked)
            return
        if clicked:
            return
        if self.map_handles(event):
            return
        if event.type == pygame.KEYDOWN and not self.app._text_focused():
            if event.key == pygame.K_SPACE:
                self.toggle_pause()
            elif event.key == pygame.K_s and self.paused:
                self.agent_step()
            elif event.key == pygame.K_f:
                self.fast = True
            elif event.key == pygame.K_v:
                self.toggle_reveal()
            elif event.key == pygame.K_o:
                order = list(SORTS.values())
                self.set_sort(order[(order.index(SORTS[self.app.roster_sort]) + 1) % len(order)])
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.app.roster_view == "table" \
                and self.map_panel is None:
            pos = self.manager.calculate_scaled_mouse_position(event.pos)
            header = self.scale.get_abs_rect()
            if header.collidepoint(pos):
                x = pos[0] - header.x
                columns = sorted(self.table_columns(self.left_w - 22).items(), key=lambda kv: kv[1])
                key = [k for k, start in columns if start <= x][-1]
                self.set_sort({"now": "spending"}.get(key, key))
            return
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is self.sort_menu:
                self.app.roster_sort = next(label.message for label in SORTS if str(label) == event.text)
                self.refresh()
                return
            if event.ui_element is self.speed_menu:
                self.app.settings.speed = self.speeds[event.text]
            elif event.ui_element is self.form_widgets.get("issue") and self.kind in ("amend", "statement", "promise", "threat"):
                self.on_issue_changed()  # the value control must become the new issue's
            elif self.kind in ("amend", "table"):
                self.update_preview()
            return
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and self.form is not None \
                and event.ui_element in (self.form_widgets.get("words"), self.form_widgets.get("reason")):
            self.submit_form()  # Enter in a form's text field submits the form
            return
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.form_window:
            self.form = self.form_window = None  # the table form's own close button
            self.close_form()
            return
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            self.show_terms(event.link_target)
            return
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED:
            for key, control in self.form_widgets.items():
                if isinstance(control, tuple) and control[2] is event.ui_element and control[3] is not None:
                    control[3].set_text(control[1].format(self.control_value(key)))
            self.update_preview()
            return
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        element = event.ui_element
        if element is self.pause_button:
            self.toggle_pause()
        elif element is self.step_button:
            self.agent_step()
        elif element is self.fast_button:
            self.fast = True
            self.paused = False
            self.refresh()
        elif element is self.menu_button:
            self.app.escape()
        elif element is self.teacher_button:
            self.toggle_panel()
        elif element is self.help_button:
            self.show_terms()
        elif element is self.view_button:
            self.toggle_view()
        elif element is self.map_button:
            self.toggle_map()
        elif element is self.reveal_button and element is not None:
            self.toggle_reveal()
        elif element is self.form_widgets.get("cancel"):
            self.close_form()
        elif element is self.form_widgets.get("submit"):
            self.submit_form()
        else:
            kind = next((k for k, b in self.kind_buttons.items() if b is element), None)
            if kind is not None and element.is_enabled:
                self.open_form(kind)

    def rebuild(self):
        """Lay the table out again (the roster's row height changed, or the sort shown in its menu)."""
        self.leave()
        self.enter()

    def toggle_reveal(self):
        if self.viewer is None:
            self.say(_("Public view: no role's positions to show (each player sees their own on their turn)."))
            return
        self.app.revealed = not self.private_shown
        self.refresh()

    # ----- the computer players' turns, and the windows over the table ------------------------------
    def leave(self):
        if self.teacher_panel is not None and self.teacher_panel.alive():
            self.reopen_panel = True
        self.close_panel()
        self.close_confirm_pass()
        if self.sheet is not None:   # laid out again (resize, zoom): the next frame opens it anew
            self.sheet.kill()
            self.sheet = None
        super().leave()

    def toggle_pause(self):
        self.paused = not self.paused
        self.fast = False
        self.refresh()
        if self.teacher_panel is not None and self.teacher_panel.alive():
            self.teacher_panel.say(_("The computers wait (and the round timer stops).") if self.paused else
                                   _("The computers play on."))

    def agent_step(self):
        if not self.session.over and not self.session.waiting_for_human:
            if self.agent_move() is not None:
                self.after_move()

    def agent_move(self):
        """The computer's move for the leader whose turn it is. A user's agent that fails (raises, returns a
        move the rules refuse, runs past its time) gives its seat to the built-in agent for the role, which
        moves instead: the table says whose agent failed and how. With --strict-agents the table pauses
        instead, and this returns None."""
        failed = len(self.session.failures)
        try:
            action = self.session.agent_move()
        except AgentError as error:
            self.paused, self.fast = True, False
            print(_("summit play: {error}").format(error=error), file=sys.stderr)
            self.say(_("The computer stopped: {error}").format(error=error))
            return None
        self.tell_failures(failed)
        return action

    def after_move(self):
        state = self.session.state
        if state.is_terminal or state.round != self.round_seen:
            self.refresh()  # the whole round on screen (and in a screenshot) before its result
            self.app.autosave()
            self.app.goto("RoundResultScene", self.round_seen)
            return
        self.refresh()

    @property
    def held(self) -> str | None:
        """What holds the table (in words), or None. While the game menu, the list of keys (F1) or the
        teacher's controls (F2) are open, the computers make no move and the round does not change, so
        nothing done in them (a save) is overtaken by the game."""
        if self.app.menu is not None:
            return _("menu open")
        if self.app.help is not None and self.app.help.alive():
            return _("keys open")
        if self.teacher_panel is not None and self.teacher_panel.alive():
            return _("teacher's panel open")
        return None

    def update(self, dt):
        session = self.session
        if self.app.round_timer.on:
            self.show_timer()
            if self.teacher_panel is not None and self.teacher_panel.alive():
                self.teacher_panel.tick()
        if self.held != self.held_shown:
            self.update_buttons()   # the turn line says what the computers wait for
        if self.app.frames_in_scene < 2 or self.held:
            return  # the table shows before the first agent moves; nothing moves behind a menu
        if session.waiting_for_human and self.app.hot_seat and self.app.seat != session.actor:
            self.app.seat = None
            self.app.goto("HandOffScene", session.actor, lambda: TableScene(self.app))
            return
        if self.class_turn():
            return
        if session.over or session.waiting_for_human or self.paused:
            if session.waiting_for_human:
                self.fast = False
            return
        delay = 0.0 if self.fast else SPEEDS[self.app.settings.speed]
        if self.last_was_pass:
            delay *= 0.25  # staying silent or passing needs no reading time
        self.timer += dt
        if self.timer < delay:
            return
        self.timer = 0.0
        moves = 1 if delay > 0 else 40
        for _move in range(moves):
            if session.over or session.waiting_for_human:
                break
            round_before = session.state.round
            action = self.agent_move()
            if action is None:
                return
            self.last_was_pass = action.kind == "pass"
            if session.over or session.state.round != round_before:
                break
        self.after_move()

    def show_terms(self, first: str | None = None):
        """The glossary in a window; the term clicked (if any) comes first."""
        w, h = self.size
        text = glossary_html(first)
        if self.terms is not None and self.terms.alive():
            self.terms.kill()
        self.terms = pygame_gui.elements.UIWindow(pygame.Rect(w // 2 - 330, 60, 660, h - 120), self.manager,
                                                  window_display_title=_("Terms (Esc closes)"), object_id="#terms")
        UITextBox(text, pygame.Rect(0, 0, 620, h - 190), self.manager, container=self.terms)

    def close_popup(self) -> bool:
        if self.close_confirm_pass():
            return True
        if self.teacher_panel is not None and self.teacher_panel.alive():
            if not self.teacher_panel.close_confirm():
                self.close_panel()
            return True
        if self.terms is not None and self.terms.alive():
            self.terms.kill()
            return True
        if self.form is not None:
            self.close_form()
            return True
        return False

    def on_escape(self):
        pass
