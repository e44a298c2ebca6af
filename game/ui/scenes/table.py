"""The negotiation table: the roster of allies, the draft communiqué, this round's log, your move.

Agents move one at a time at the chosen speed (pause, step, fast-forward); when it is a person's turn
the action panel offers every kind of move, greyed out with the reason when the rules forbid it. A move
is an Action handed to the Session; an illegal one is refused with the engine's reason on screen.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import (UIDropDownMenu, UIHorizontalSlider, UIImage, UILabel, UIScrollingContainer,
                                 UITextBox, UITextEntryLine)

from ...engine import (Amend, AskCarveOut, BreakSilence, EndNow, IllegalActionError, InjectEvent, Pass, Phase, Pledge,
                       Promise, Statement, TableDraft, Threat)
from ...engine.game import PLEDGE_HORIZON, PLEDGE_MAX
from ...engine.outcome import score
from ...scenario import Effect, Role
from .. import look
from ..app import Scene
from ..logview import LogView
from ..settings import SPEEDS
from ..teacher import TeacherPanel, toggle_projector

PHASE_NAMES = {Phase.DRAFTING: "Drafting", Phase.CONSULTATIONS: "Consultations", Phase.SILENCE: "Silence procedure",
               Phase.OVER: "Over"}
PHASE_TIPS = {
    Phase.DRAFTING: "Drafting: the pen holder (the Secretary General) tables the draft communiqué or keeps the last one.",
    Phase.CONSULTATIONS: "Consultations: each leader in turn amends, promises, threatens, pledges, asks for a "
                         "carve-out, makes a statement, or passes.",
    Phase.SILENCE: "Silence procedure: " + look.GLOSSARY["silence procedure"],
    Phase.OVER: "The negotiation is over.",
}
KIND_BUTTONS = (  # kind, button text, what it does (tooltip when allowed)
    ("table", "Table draft", "Put a whole draft communiqué on the table for this round."),
    ("amend", "Amend", "Change one issue of the draft (the pen holder's amendments change the text; others propose)."),
    ("promise", "Promise", "Offer a leader something if its country pledges at least a level of spending."),
    ("threat", "Threat", "Warn a leader of consequences unless its country pledges at least a level of spending."),
    ("pledge", "Pledge", look.GLOSSARY["pledge"]),
    ("carve_out", "Carve-out", look.GLOSSARY["carve-out"]),
    ("statement", "Statement", "Say something to the table; you may state a limit on one issue."),
    ("break_silence", "Break silence", "Object to the draft, naming the issue. Under consensus one objection stops adoption."),
    ("pass", "Pass", "Do nothing this turn (in the silence procedure: stay silent, that is accept the draft)."),
)
SCALE_MAX = 6.0    # % GDP at the right end of the roster bars
LINES = (2.0, 3.5, 5.0)
ROW = 44
TABLE_ROW = 24
TIMER_W = 186      # the round timer in the top bar ("Round 10 · time is up")
SORTS = {"by spending": "spending", "by name": "name", "by pledge": "pledge", "by stance": "stance"}


def _flag(iso3: str, height: int):
    try:
        from ..flags import flag
    except ImportError:
        return None
    return flag(iso3, height)


class TableScene(Scene):
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
        self.terms = None
        self.last_was_pass = False

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
        self.timer_label.set_tooltip("The round timer (Teacher's controls, F2): it counts while the computers are not "
                                     "paused and starts again each round. At zero it only says so.")
        self.pause_button = self.button((x, 6, 64, 34), "Pause", "Pause the computer players (Space)")
        self.step_button = self.button((x + 70, 6, 56, 34), "Step", "One computer move at a time while paused (S)")
        self.fast_button = self.button((x + 132, 6, 68, 34), "Fast ▸▸", "Run the computer players to your next turn (F)")
        self.speed_menu = UIDropDownMenu(list(SPEEDS), self.app.settings.speed, pygame.Rect(x + 206, 6, 104, 34),
                                         self.manager, container=self.root, object_id="#table_speed")
        self.help_button = self.button((x + 316, 6, 60, 34), "Terms", "What the terms on this screen mean")
        self.teacher_button = self.button((x + 382, 6, 76, 34), "Teacher",
                                          "The teacher's controls: pause, round timer, an event now, undo, end now, "
                                          "reveal, projector mode (F2)")
        self.menu_button = self.button((x + 464, 6, 56, 34), "Menu", "Save, load, settings, quit (Esc)")
        self.timer_shown: bool | None = None

        left_w = int(w * (0.31 if self.app.roster_view == "bars" else 0.40))  # a table needs room for numbers
        right_w = int(w * 0.30)
        mid_x = left_w + 16
        mid_w = w - left_w - right_w - 32
        right_x = mid_x + mid_w + 8
        self.left_w, self.mid_x, self.mid_w, self.right_x, self.right_w = left_w, mid_x, mid_w, right_x, right_w

        self.label((10, look_top, left_w - 250, 22), f"ALLIES ({len(s.allies)})", object_id="#section")
        self.view_button = self.button((left_w - 234, look_top - 4, 96, 28),
                                       "Table" if self.app.roster_view == "bars" else "Bars",
                                       "Show the allies as a table of numbers, or as bars (L)")
        self.sort_menu = UIDropDownMenu(list(SORTS), self.app.roster_sort, pygame.Rect(left_w - 132, look_top - 4, 134, 28),
                                        self.manager, container=self.root, object_id="#roster_sort")
        self.scale = UIImage(pygame.Rect(10, look_top + 24, left_w - 10, 18), pygame.Surface((left_w - 10, 18)),
                             self.manager, container=self.root)
        roster_h = h - look_top - 52
        self.roster_box = UIScrollingContainer(pygame.Rect(8, look_top + 44, left_w, roster_h), self.manager,
                                               container=self.root, allow_scroll_x=False, object_id="#roster")
        row = ROW if self.app.roster_view == "bars" else TABLE_ROW
        self.roster_height = max(roster_h, row * len(s.allies) + 6)
        self.roster_box.set_scrollable_area_dimensions((left_w - 22, self.roster_height))
        self.roster = UIImage(pygame.Rect(0, 0, left_w - 22, self.roster_height),
                              pygame.Surface((left_w - 22, self.roster_height)), self.manager, container=self.roster_box)

        draft_h = int((h - look_top) * 0.42)
        draft_label = self.label((mid_x, look_top, mid_w, 22), "DRAFT COMMUNIQUÉ · click a term for help",
                                 object_id="#section")
        draft_label.set_tooltip("The text the allies must adopt by consensus. Changes made this round are "
                                "highlighted, with the value the round started from.")
        self.draft_view = LogView(self.manager, self.root, pygame.Rect(mid_x, look_top + 24, mid_w, draft_h),
                                  size=15, follow=False)
        log_y = look_top + 24 + draft_h + 8
        self.label((mid_x, log_y, mid_w, 22), "THIS ROUND · the latest move at the bottom", object_id="#section")
        self.log_view = LogView(self.manager, self.root, pygame.Rect(mid_x, log_y + 24, mid_w, h - log_y - 32))

        self.label((right_x, look_top, right_w - 120, 22), "YOUR MOVE", object_id="#section")
        self.reveal_button = None
        if self.app.operator and len(self.session.humans) > 1:
            self.reveal_button = self.button((right_x + right_w - 110, look_top - 2, 100, 26), "Reveal",
                                             "Show or hide the private positions and meter of the role moving (V)")
        self.you_label = self.label((right_x, look_top + 24, right_w - 10, 24), "")
        self.meter = UIImage(pygame.Rect(right_x, look_top + 50, right_w - 10, 58), pygame.Surface((right_w - 10, 58)),
                             self.manager, container=self.root)
        self.turn_label = self.label((right_x, look_top + 112, right_w - 10, 24), "", object_id="#status")
        self.kind_buttons = {}
        bw = (right_w - 22) // 3
        for index, (kind, text, tip) in enumerate(KIND_BUTTONS):
            row, col = divmod(index, 3)
            self.kind_buttons[kind] = self.button((right_x + col * (bw + 6), look_top + 142 + row * 40, bw, 34), text,
                                                  tip, object_id=f"#kind_{kind}", cls=look.ReasonButton)
        self.form_top = look_top + 142 + 3 * 40 + 6
        self.form = self.form_window = None
        self.form_widgets: dict = {}
        self.positions = UITextBox(self.positions_html(), pygame.Rect(right_x, self.form_top, right_w - 10,
                                                                      h - self.form_top - 46),
                                   self.manager, container=self.root, object_id="#positions")
        self.status = self.label((right_x, h - 40, right_w - 10, 30), "", object_id="#status")
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
            self.phase_label.set_text(self.phase_text(f" · Round {self.round_seen} of {s.rounds} · Silence procedure over"))
            self.phase_label.set_tooltip(PHASE_TIPS[Phase.SILENCE])
        else:
            phase = PHASE_NAMES[state.phase]
            self.phase_label.set_text(self.phase_text(f" · Round {state.round} of {s.rounds} · {phase}"))
            self.phase_label.set_tooltip(PHASE_TIPS[state.phase])
        self.pause_button.set_text("Play" if self.paused else "Pause")
        (self.step_button.enable if self.paused else self.step_button.disable)()
        if self.viewer is None:
            self.you_label.set_text("Public view: no one's secrets on screen")
        else:
            viewer = s.leader(self.viewer)
            country = s.ally(viewer.ally).name if viewer.ally else "NATO"
            human = self.viewer in session.humans
            who = "Watching as" if not human else "Moving for" if self.app.operator and len(session.humans) > 1 else "You are"
            self.you_label.set_text(look.fit(f"{who} {viewer.name} ({country})", look.font(15), self.right_w - (130 if self.reveal_button else 14)))
        if self.reveal_button is not None:
            self.reveal_button.set_text("Hide" if self.private_shown else "Reveal")
        self.draw_meter()
        self._set_html(self.positions, self.positions_html())
        self.draft_view.show(self.draft_rows())
        self.update_log()
        self.draw_roster()
        self.draw_scale()
        self.update_buttons()
        self.say(self.status_text)
        if self.teacher_panel is not None and self.teacher_panel.alive():
            self.teacher_panel.refresh()

    def say(self, text: str) -> None:
        """The status line under the move panel (the whole text in its tooltip when it is too long)."""
        self.status_text = text
        fitted = look.fit(text, look.font(13), self.right_w - 20)
        if self.status.text != fitted:
            self.status.set_text(fitted)
        self.status.set_tooltip(text if fitted != text else None)

    def phase_text(self, tail: str) -> str:
        """The scenario's title and tail (round, phase), the title shortened if both do not fit the bar."""
        title = self.session.scenario.title
        face = look.font(18, bold=True)
        room = self.phase_label.relative_rect.width - 6
        if face.size(title + tail)[0] <= room:
            return title + tail
        return look.fit(title, face, max(60, room - face.size(tail)[0])) + tail

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
        text = timer.text() or f"Round {self.session.state.round} · {timer.left_text()}"
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
            legal = {kind: "the screen is in public view: wait for your hand-off" for kind, _, _ in KIND_BUTTONS}
        if self.round_over:
            legal = {kind: "the round is over" for kind in legal}
            self.turn_label.set_text("The round is over: its result comes next.")
        elif session.over:
            self.turn_label.set_text("The negotiation is over.")
        elif my_turn:
            self.turn_label.set_text(f"Your turn ({PHASE_NAMES[session.state.phase].lower()}).")
        else:
            name = session.scenario.leader(actor).name
            waiting = "paused" if self.paused else "thinking…"
            self.turn_label.set_text(f"{name}'s turn ({waiting})")
        pen = session.game.pen_holder
        for kind, button in self.kind_buttons.items():
            text = dict((k, t) for k, t, _ in KIND_BUTTONS)[kind]
            if kind == "pass":
                phase = Phase.SILENCE if self.round_over else session.state.phase
                text = {Phase.SILENCE: "Stay silent", Phase.DRAFTING: "Keep draft"}.get(phase, "Pass")
            if kind == "amend" and self.viewer != pen:
                text = "Propose"
            if button.text != text:
                # pygame_gui 0.6.14 does not redraw a disabled button's new text: make the button anew
                rect = button.relative_rect.copy()
                button.kill()
                button = self.button(rect, text, None, object_id=f"#kind_{kind}", cls=look.ReasonButton)
                self.kind_buttons[kind] = button
            reason = legal.get(kind) if self.viewer in session.humans else "the computer plays this role"
            if reason is None:
                button.enable()
                button.set_tooltip(dict((k, tip) for k, _, tip in KIND_BUTTONS)[kind])
            else:
                button.disable()
                button.set_tooltip(f"Not now: {reason}.")
        if self.kind is not None and legal.get(self.kind) is not None:
            self.close_form()

    def draft_rows(self) -> list[tuple]:
        """The draft as the table shows it: each issue (label, value, colour, glossary term); what changed
        this round in yellow, with the value the round started from in words."""
        state, s = self.session.state, self.session.scenario
        rows = []
        for issue in s.issues:
            value = state.draft[issue.id]
            before = state.round_start_draft[issue.id]
            term = {Effect.US_GUARANTEE: "Article 5", Effect.CORE_SPENDING: "core defence",
                    Effect.RELATED_SPENDING: "related spending"}.get(issue.effect)
            if value != before:
                rows.append((issue.label, f"{issue.format(value)} (changed: it was {issue.format(before)} when this "
                             "round began)", look.CHANGED, term))
            else:
                rows.append((issue.label, issue.format(value), look.TEXT, term))
        carve = state.draft.carve_outs
        if carve:
            rows.append(("Carve-outs", ", ".join(f"{s.ally(a).name} by {y}" for a, y in carve), look.TEXT, "carve-out"))
        elif self.session.game.deadline_issue is not None:
            rows.append(("Carve-outs", "none", look.TEXT, "carve-out"))
        if state.carve_out_requests:
            asks = ", ".join(f"{s.ally(a).name} (to {y})" for a, y in state.carve_out_requests)
            rows.append(("Asked for carve-outs", asks, look.MUTED, None))
        if state.pledges:
            rows.append(("National pledges", f"{len(state.pledges)} (see the roster)", look.MUTED, "pledge"))
        return rows

    @staticmethod
    def _set_html(box: UITextBox, text: str) -> None:
        if box.html_text != text:  # laying text out is the costly part of a frame: only when it changed
            box.set_text(text)

    def log_entries(self):
        """The round being played (at its end, until the round's result is shown), after the last
        round's result."""
        state = self.session.state
        previous = [e for e in state.history if e.round == self.round_seen - 1 and e.type == "result"]
        return previous + [e for e in state.history if e.round == self.round_seen]

    def update_log(self) -> None:
        entries = [self.log_line(entry) for entry in self.log_entries()]
        self.log_view.show(entries or [("Nothing yet this round.", look.MUTED, False)])

    def log_line(self, entry) -> tuple[str, tuple, bool]:
        """How one entry shows in the log: (text, colour, bold). Colour is never the only sign: objections
        say "breaks silence", events start with "Event:", results are bold."""
        text = entry.text
        if entry.type == "event":
            return text, look.CHANGED, False
        if entry.type == "teacher":
            return text, look.GOLD, True
        if entry.type == "result":
            objections = entry.data.get("objections") or []
            if len(objections) > 3:  # the roster shows who objected to what; the log keeps one line
                ending = "No deal." if entry.data.get("result") == "no_deal" else "The negotiation goes on."
                text = (f"Round {entry.round}: {len(objections)} of {len(self.session.game.voters)} voting leaders "
                        f"broke silence (the roster shows on what). {ending}")
            return text, look.TEXT, True
        if entry.data.get("action", {}).get("kind") == "break_silence":
            return text, look.OBJECT, False
        if entry.actor in self.session.humans:
            return text, look.MINE, False
        return text, look.TEXT, False

    def stances(self) -> dict[str, tuple[str, tuple]]:
        """Each leader's public stance on the current draft, as (text, colour). From the silence procedure:
        this round's verdict, or the last round's while the draft is unchanged; failing that, what the
        leader said or asked for this round; failing that, an earlier verdict marked "(last draft)"."""
        state, s = self.session.state, self.session.scenario
        out = {}
        for leader in s.leaders:
            if leader.role == Role.SECRETARY_GENERAL:
                continue
            mine = [e for e in state.history if e.actor == leader.id and e.type == "action"]
            verdicts = [e for e in mine if e.phase == "silence"]
            latest = verdicts[-1] if verdicts else None
            fresh = latest is not None and (latest.round == state.round or
                                            (latest.round == state.round - 1 and state.draft == state.round_start_draft))
            if latest is not None:
                action = latest.data["action"]
                if action["kind"] == "break_silence":
                    issue = action["issue"]
                    label = "carve-outs" if issue == "carve_outs" else s.issue(issue).label
                    verdict = (f"✗ objects: {label}", look.OBJECT)
                else:
                    verdict = ("✓ supports", look.SUPPORT)
                if fresh:
                    out[leader.id] = verdict
                    continue
            signal = self._signal([e for e in mine if e.round == state.round and e.phase == "consultations"])
            if signal is not None:
                out[leader.id] = (signal, look.GOLD)
            elif latest is not None:
                out[leader.id] = (f"{verdict[0]} (last draft)", look.MUTED)
            else:
                out[leader.id] = ("? undecided", look.MUTED)
        return out

    def _signal(self, entries) -> str | None:
        """What a leader's own moves this round say about its stance, most recent first."""
        s = self.session.scenario
        for entry in reversed(entries):
            action = entry.data["action"]
            kind = action["kind"]
            if kind == "carve_out":
                return f"~ asks for its own deadline: {action['year']}"
            if kind == "amend":
                issue = s.issue(action["issue"])
                return f"~ proposes {issue.label}: {issue.format(action['value'])}"
            if kind == "statement" and action.get("issue") and action.get("bound"):
                issue = s.issue(action["issue"])
                bound = {"at_most": "at most", "at_least": "at least", "not": "never"}[action["bound"]]
                return f"~ {issue.label}: {bound} {issue.format(action['limit'])}"
        return None

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
        return sorted(s.allies, key=keys[SORTS[self.app.roster_sort]])

    def draw_roster(self):
        s, state = self.session.scenario, self.session.state
        width = self.left_w - 22
        surface = pygame.Surface((width, self.roster_height))
        surface.fill(look.PANEL)
        stance = self.stances()
        speaker = {leader.ally: leader for leader in s.leaders if leader.ally}
        mine = s.leader(self.viewer).ally if self.viewer is not None else None
        actor = self.session.actor
        acting = s.leader(actor).ally if actor is not None else None
        allies = self.sorted_allies(stance, speaker)
        table = self.app.roster_view == "table"
        row = TABLE_ROW if table else ROW
        columns = self.table_columns(width)
        name_w = int(width * 0.42)
        bar_x, bar_w = name_w + 8, width - name_w - 8 - 58
        for index, ally in enumerate(allies):
            y = 3 + index * row
            if ally.id == mine:
                pygame.draw.rect(surface, (36, 64, 106), (0, y - 2, width, row - 2), border_radius=4)
            if acting is not None and acting == ally.id:
                pygame.draw.rect(surface, look.GOLD, (0, y - 2, width, row - 2), width=2, border_radius=4)
            leader = speaker.get(ally.id)
            if leader is None:
                detail, colour = "no leader at the table", look.MUTED
            else:
                detail, colour = stance.get(leader.id, ("", look.MUTED))
            pledge = state.pledge(ally.id)
            picture = _flag(ally.iso3, 15)
            if picture is not None:
                surface.blit(picture, (4, y + 3))
            name_x = 28 if picture is not None else 6
            if table:
                now = f"{ally.defence_pct_gdp:.2f}%" if ally.reports_spending else "none"
                look.draw_text(surface, ally.name, (name_x, y + 3), 12, look.TEXT, bold=ally.id == mine,
                               width=columns["now"] - name_x - 4)
                look.draw_text(surface, now, (columns["pledge"] - 8, y + 3), 12, look.TEXT, align="right")
                look.draw_text(surface, f"{pledge[0]:.1f}% {pledge[1]}" if pledge else "-", (columns["pledge"], y + 3),
                               12, look.GOLD if pledge else look.MUTED, width=columns["stance"] - columns["pledge"] - 4)
                short = detail.replace("objects: ", "").replace("proposes ", "").replace("asks for its own deadline: ",
                                                                                          "own deadline ")
                look.draw_text(surface, short, (columns["stance"], y + 3), 12, colour, width=width - columns["stance"] - 2)
                continue
            look.draw_text(surface, ally.name, (name_x, y + 2), 14, look.TEXT, bold=ally.id == mine, width=name_w - name_x)
            for line in LINES:
                lx = bar_x + int(bar_w * line / SCALE_MAX)
                pygame.draw.line(surface, look.GRID, (lx, y + 2), (lx, y + 18))
            if ally.reports_spending:
                value = ally.defence_pct_gdp
                pygame.draw.rect(surface, look.BAR, (bar_x, y + 5, max(2, int(bar_w * min(value, SCALE_MAX) / SCALE_MAX)), 11))
                look.draw_text(surface, f"{value:.2f}%", (width - 4, y + 2), 13, look.TEXT, align="right")
            else:
                look.draw_text(surface, "no forces", (width - 4, y + 2), 13, look.MUTED, align="right")
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
        for line in LINES:
            lx = bar_x + int(bar_w * line / SCALE_MAX)
            look.draw_text(surface, f"{line:g}%", (lx, 1), 12, look.MUTED, align="center")
        self.scale.set_image(surface)

    def draw_meter(self):
        session = self.session
        width = self.right_w - 10
        if not self.private_shown:
            surface = pygame.Surface((width, 58))
            surface.fill(look.BACKGROUND)
            look.draw_text(surface, "This draft for you: hidden (private)", (0, 0), 13, look.MUTED)
            pygame.draw.rect(surface, (42, 58, 82), (0, 20, width, 16), border_radius=4)
            hint = "Reveal (V) shows it" if self.viewer is not None else "shown to each player on their turn"
            look.draw_text(surface, hint, (0, 40), 12, look.MUTED, width=width)
            self.meter.set_image(surface)
            return
        obs = session.game.observe(session.state, self.viewer)
        now = score(obs.utility(session.state.draft), obs.utility(obs.no_deal))
        width = self.right_w - 10
        surface = pygame.Surface((width, 58))
        surface.fill(look.BACKGROUND)
        look.draw_text(surface, "This draft for you", (0, 0), 13, look.MUTED)
        look.draw_text(surface, f"{now:.0f} / 100", (width, 0), 13, look.TEXT, bold=True, align="right")
        bar = pygame.Rect(0, 20, width, 16)
        pygame.draw.rect(surface, (42, 58, 82), bar, border_radius=4)
        colour = look.SUPPORT if now >= 50 else look.OBJECT
        pygame.draw.rect(surface, colour, (0, 20, int(width * now / 100), 16), border_radius=4)
        mid = int(width * 0.5)
        pygame.draw.line(surface, look.TEXT, (mid, 16), (mid, 40), 2)
        crossed = obs.crossed(session.state.draft)
        verdict = ("✗ crosses your red line on " + ", ".join(obs.issue(i).label for i in crossed)) if crossed else (
            "✓ better than no deal" if now > 50.5 else "✗ worse than no deal" if now < 49.5 else "= as good as no deal")
        look.draw_text(surface, f"no deal = 50 · {verdict}", (0, 40), 12, look.OBJECT if crossed else look.MUTED, width=width)
        self.meter.set_image(surface)

    # ----- the action forms -------------------------------------------------------------------------
    def positions_html(self) -> str:
        from .menus import wants_in_words
        if not self.private_shown:
            if self.viewer is None:
                return ("<font color='#9fb2cc'>Public view. Each player's positions show only on their own turn, "
                        "after the hand-off screen.</font>")
            return ("<font color='#9fb2cc'>Private positions are hidden while the room watches. Reveal (V, or the "
                    "teacher's controls, F2) shows them.</font>")
        leader = self.session.scenario.leader(self.viewer)
        wants = wants_in_words(self.session.scenario, leader)
        if not wants:
            return "<font color='#9fb2cc'>No positions of your own: you work for an agreement.</font>"
        public = self.session.scenario.information == "full"
        return (f"<font color='#f2c14e'><b>YOUR POSITIONS</b></font> ({'public: full information' if public else 'private'})<br>"
                + "<br>".join(wants))

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
            self.submit(Pass(self.viewer, ""))
            return
        self.kind = kind
        w, h = self.size
        if kind == "table":  # a whole draft needs more room than the panel: a window over the table
            width = 640
            self.form_window = pygame_gui.elements.UIWindow(
                pygame.Rect((w - width - 40) // 2, 60, width + 40, h - 100), self.manager,
                window_display_title="Table a draft communiqué (Esc cancels)", object_id="#table_form", resizable=False)
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
            self.form_row_label("Why (optional, everyone reads it)", width)
            self.form_widgets["reason"] = UITextEntryLine(self._row(width, 34), self.manager, container=self.form,
                                                          object_id="#reason")
            self.form_widgets["reason"].set_text_length_limit(200)
        submit = {"table": "Table this draft", "amend": "Amend the draft" if self.viewer == self.session.game.pen_holder
                  else "Propose amendment", "promise": "Make the promise", "threat": "Make the threat",
                  "pledge": "Pledge", "carve_out": "Ask for the carve-out", "statement": "Speak",
                  "break_silence": "Break silence"}[kind]
        self.form_y += 4
        half = (width - 8) // 2
        self.form_widgets["cancel"] = pygame_gui.elements.UIButton(
            pygame.Rect(0, self.form_y, half, 38), "Cancel", self.manager, container=self.form, object_id="#cancel")
        self.form_widgets["submit"] = pygame_gui.elements.UIButton(
            pygame.Rect(half + 8, self.form_y, half, 38), submit, self.manager, container=self.form, object_id="#submit")
        if self.form_window is not None:  # fit the window to its content
            rect = self.form_window.get_abs_rect()
            height = self.form_y + 38 + 8 + 8 + (rect.height - self.form_window.get_container().get_rect().height)
            self.form_window.set_dimensions((rect.width, height))
            self.form_window.set_position((rect.x, max(50, (h - height) // 2)))

    def _row(self, width: int, height: int) -> pygame.Rect:
        rect = pygame.Rect(0, self.form_y, width, height)
        self.form_y += height + 6
        return rect

    def form_row_label(self, text: str, width: int):
        UILabel(self._row(width, 20), text, self.manager, container=self.form)

    def value_control(self, key: str, issue, value, width: int, x: int = 0):
        """A slider (range issues, in the issue's steps) or a list of options, with its value shown; in a
        row of its own, or (x > 0) to the right of a label on the current row."""
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
            menu = UIDropDownMenu(list(issue.options), str(value), rect, self.manager,
                                  container=self.form, object_id=f"#options_{key}")
            self.form_widgets[key] = ("options", issue, menu, None)

    def control_value(self, key: str):
        kind, issue, widget, _ = self.form_widgets[key]
        if kind == "range":
            return issue.snap(issue.range[0] + int(widget.get_current_value()) * issue.step)
        return look.selected(widget)

    def number_control(self, key: str, low: float, high: float, step: float, value: float, fmt, width: int):
        issue = _NumberScale(low, high, step, fmt)
        self.value_control(key, issue, value, width)

    def issue_menu(self, width: int, extra: tuple[str, ...] = (), first: str | None = None):
        labels = [issue.label for issue in self.session.scenario.issues] + list(extra)
        menu = UIDropDownMenu(labels, first or labels[0], self._row(width, 32), self.manager, container=self.form,
                              object_id="#issue_menu")
        self.form_widgets["issue"] = menu
        return menu

    def chosen_issue(self):
        label = look.selected(self.form_widgets["issue"])
        return next((i for i in self.session.scenario.issues if i.label == label), None)

    def form_table(self, width):
        s, state = self.session.scenario, self.session.state
        self.form_y = 8
        for issue in s.issues:
            UILabel(pygame.Rect(0, self.form_y, 230, 32), look.fit(issue.label, look.font(15), 226), self.manager,
                    container=self.form)
            self.value_control(f"issue:{issue.id}", issue, state.draft[issue.id], width, x=236)
        requests = dict(state.carve_out_requests)
        if requests and self.session.game.deadline_issue is not None:
            asked = ", ".join(f"{s.ally(a).name} ({y})" for a, y in requests.items())
            UITextBox(f"<b>Carve-outs asked for</b>: {look.html(asked)}. A carve-out ends after the deadline.",
                      self._row(width, 84), self.manager, container=self.form)
            UILabel(pygame.Rect(0, self.form_y, 230, 32), "Carve-outs in the draft", self.manager, container=self.form)
            self.form_widgets["carve"] = UIDropDownMenu(["grant all asked", "keep as drafted", "none"], "grant all asked",
                                                        pygame.Rect(236, self.form_y, width - 236, 32), self.manager,
                                                        container=self.form, object_id="#carve_menu")
            self.form_y += 38
        self.form_widgets["preview"] = UILabel(self._row(width, 22), "", self.manager, container=self.form,
                                               object_id="#status")
        self.update_preview()

    def form_amend(self, width):
        self.form_row_label("Issue", width)
        menu = self.issue_menu(width, first=self.last_issue)
        issue = self.chosen_issue()
        self.form_row_label("New value", width)
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
            label.set_text(f"This draft, for you: {self.draft_score(draft):.0f} / 100 (no deal = 50)")
            return
        issue = self.chosen_issue()
        draft = self.session.state.draft.with_value(issue.id, self.control_value("value"))
        label.set_text(f"The draft with this change, for you: {self.draft_score(draft):.0f} / 100")

    def form_offer(self, width, kind):
        s = self.session.scenario
        others = [l for l in s.leaders if l.ally and l.id != self.viewer]
        self.offer_targets = {f"{l.name} ({s.ally(l.ally).name})": l.id for l in others}
        self.form_row_label("To", width)
        self.form_widgets["target"] = UIDropDownMenu(list(self.offer_targets), next(iter(self.offer_targets)),
                                                     self._row(width, 32), self.manager, container=self.form,
                                                     object_id="#target_menu")
        self.form_row_label("If (or unless) its country pledges at least", width)
        self.number_control("demand", 0.1, PLEDGE_MAX, 0.1, 3.5, lambda v: f"{v:.1f}% GDP", width)

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
        self.form_row_label(f"Spend (now {ally.defence_pct_gdp:.2f}% of GDP)", width)
        self.number_control("level", 0.1, PLEDGE_MAX, 0.1, min(level, PLEDGE_MAX), lambda v: f"{v:.1f}% GDP", width)
        self.form_row_label("By the year", width)
        self.number_control("year", s.year + 1, s.year + PLEDGE_HORIZON, 1, year, lambda v: f"{v:.0f}", width)

    def form_carve_out(self, width):
        issue = self.session.game.deadline_issue
        deadline = int(self.session.state.draft[issue.id])
        latest = int(issue.range[1])
        self.form_row_label(f"Your own deadline (the draft says {deadline})", width)
        self.number_control("year", deadline + 1, latest, 1, min(deadline + 3, latest), lambda v: f"{v:.0f}", width)

    def form_statement(self, width):
        self.form_row_label("What you say", width)
        entry = UITextEntryLine(self._row(width, 34), self.manager, container=self.form, object_id="#words")
        entry.set_text_length_limit(200)
        self.form_widgets["words"] = entry
        self.form_row_label("State a limit on (optional)", width)
        labels = ["no limit"] + [i.label for i in self.session.scenario.issues]
        self.form_widgets["issue"] = UIDropDownMenu(labels, "no limit", self._row(width, 32), self.manager,
                                                    container=self.form, object_id="#issue_menu")

    def form_break_silence(self, width):
        self.form_row_label("The issue you object to", width)
        extra = ("Carve-outs",) if self.session.state.draft.carve_outs else ()
        self.issue_menu(width, extra=extra)

    # ----- events -----------------------------------------------------------------------------------
    def shortcuts(self):
        keys = [(pygame.K_1 + index, str(index + 1), f"{text.lower()} (when allowed)", self.kind_buttons[kind])
                for index, (kind, text, _) in enumerate(KIND_BUTTONS)]
        if self.form is not None:
            keys.append((pygame.K_RETURN, "Enter", "submit the open form", self.form_widgets.get("submit")))
        return keys + [(pygame.K_t, "T", "the terms (glossary)", self.help_button),
                       (pygame.K_l, "L", "allies as bars or as a table", self.view_button),
                       (pygame.K_F2, "F2", "the teacher's controls (open or close)", self.teacher_button)]

    extra_keys = (("Space", "pause or play the computer players (when the ring is on nothing)"),
                  ("S", "one computer move, while paused"), ("F", "fast: run the computers to your next turn"),
                  ("O", "sort the allies: spending, name, pledge, stance"),
                  ("V", "show or hide the private positions on screen"),
                  ("Esc", "close the open form or window, else the game menu"))

    def page(self, direction: int) -> bool:
        """Page Up / Page Down with nothing focused: the round's log."""
        self.log_view.page(direction)
        return True

    def handle(self, event):
        if self.teacher_panel is not None and self.teacher_panel.alive() and self.teacher_panel.handle(event):
            return
        if self.log_view.handle(event, self.manager):
            return
        clicked = self.draft_view.handle(event, self.manager)
        if isinstance(clicked, str):
            self.show_terms(clicked)
            return
        if clicked:
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
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.app.roster_view == "table":
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
                self.app.roster_sort = event.text
                self.refresh()
                return
            if event.ui_element is self.speed_menu:
                self.app.settings.speed = event.text
            elif event.ui_element is self.form_widgets.get("issue") and self.kind in ("amend", "statement"):
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

    def on_issue_changed(self):
        if self.kind == "amend":
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
                bounds = ["at most", "at least"] if issue.is_range else ["never"]
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
                choice = look.selected(widgets["carve"]) if "carve" in widgets else "keep as drafted"
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
            bound = {"at most": "at_most", "at least": "at_least", "never": "not"}[look.selected(widgets["bound"])]
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
        try:
            self.session.submit(action)
        except IllegalActionError as error:
            self.status_text = f"Not allowed: {error}."
            self.status.set_text(look.fit(self.status_text, look.font(13), self.right_w - 20))
            self.status.set_tooltip(self.status_text)
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

    def toggle_view(self):
        self.app.roster_view = "table" if self.app.roster_view == "bars" else "bars"
        self.rebuild()

    def set_sort(self, key: str):
        self.app.roster_sort = next(label for label, value in SORTS.items() if value == key)
        self.rebuild()

    def rebuild(self):
        """Lay the table out again (the roster's row height changed, or the sort shown in its menu)."""
        self.leave()
        self.enter()

    def toggle_reveal(self):
        if self.viewer is None:
            self.say("Public view: no role's positions to show (each player sees their own on their turn).")
            return
        self.app.revealed = not self.private_shown
        self.refresh()

    # ----- the teacher's controls (game/ui/teacher.py) -------------------------------------------------
    def open_panel(self):
        if self.teacher_panel is None or not self.teacher_panel.alive():
            self.teacher_panel = TeacherPanel(self)

    def close_panel(self):
        if self.teacher_panel is not None:
            self.teacher_panel.close()
        self.teacher_panel = None

    def toggle_panel(self):
        if self.teacher_panel is not None and self.teacher_panel.alive():
            self.close_panel()
        else:
            self.open_panel()

    def teacher_says(self, text: str) -> None:
        """What the teacher's control did, in the panel and in the status line."""
        self.say(text)
        if self.teacher_panel is not None and self.teacher_panel.alive():
            self.teacher_panel.say(text)

    def set_round_timer(self, minutes: int):
        self.app.round_timer.set(minutes)
        if not self.app.demo:
            self.app.settings.round_minutes = minutes
            self.app.settings.save()
        self.refresh()

    def teacher_inject(self, event_id: str):
        event = next(e for e in self.session.scenario.events if e.id == event_id)
        try:
            self.session.teacher(InjectEvent(event=event_id))
        except IllegalActionError as error:
            self.teacher_says(f"Not now: {error}.")
            return
        self.app.autosave()
        self.refresh()
        self.teacher_says(f"Event brought forward: {event.label} (in this round's log).")

    def teacher_undo(self):
        try:
            taken_back = self.session.undo()
        except IllegalActionError as error:
            self.teacher_says(f"Nothing to undo: {error}.")
            return
        self.close_form()
        self.round_seen = self.session.state.round  # an undo may reach back into the round before
        self.app.autosave()
        self.refresh()
        self.teacher_says(f"Taken back: {taken_back}")

    def teacher_end(self, adopt: bool):
        try:
            self.session.teacher(EndNow(adopt=adopt))
        except IllegalActionError as error:
            self.teacher_says(f"Not now: {error}.")
            return
        self.close_panel()
        self.close_form()
        self.app.autosave()
        # straight to the outcome: the round's result screen tells of a silence procedure that never ended
        from .results import OutcomeScene
        self.app.show(OutcomeScene(self.app))

    def teacher_projector(self):
        said = toggle_projector(self.app)   # the screen is laid out again; the panel opens again on top
        table = self.app.scene if isinstance(self.app.scene, TableScene) else self
        table.teacher_says(said)

    def leave(self):
        if self.teacher_panel is not None and self.teacher_panel.alive():
            self.reopen_panel = True
        self.close_panel()
        super().leave()

    def toggle_pause(self):
        self.paused = not self.paused
        self.fast = False
        self.refresh()
        if self.teacher_panel is not None and self.teacher_panel.alive():
            self.teacher_panel.say("The computers wait (and the round timer stops)." if self.paused else
                                   "The computers play on.")

    def agent_step(self):
        if not self.session.over and not self.session.waiting_for_human:
            self.session.agent_move()
            self.after_move()

    def after_move(self):
        state = self.session.state
        if state.is_terminal or state.round != self.round_seen:
            self.refresh()  # the whole round on screen (and in a screenshot) before its result
            self.app.autosave()
            from .results import RoundResultScene
            self.app.show(RoundResultScene(self.app, self.round_seen))
            return
        self.refresh()

    def update(self, dt):
        session = self.session
        if self.app.round_timer.on:
            self.show_timer()
            if self.teacher_panel is not None and self.teacher_panel.alive():
                self.teacher_panel.tick()
        if self.app.frames_in_scene < 2:
            return  # show the table before the first agent moves
        if session.waiting_for_human and self.app.hot_seat and self.app.seat != session.actor:
            from .seats import HandOffScene
            self.app.seat = None
            self.app.show(HandOffScene(self.app, session.actor, lambda: TableScene(self.app)))
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
        for _ in range(moves):
            if session.over or session.waiting_for_human:
                break
            round_before = session.state.round
            self.last_was_pass = session.agent_move().kind == "pass"
            if session.over or session.state.round != round_before:
                break
        self.after_move()

    def show_terms(self, first: str | None = None):
        """The glossary in a window; the term clicked (if any) comes first."""
        w, h = self.size
        terms = sorted(look.GLOSSARY.items(), key=lambda kv: kv[0] != first)
        text = "<br><br>".join(f"<b>{look.html(term[0].upper() + term[1:])}</b>: {look.html(meaning)}"
                               for term, meaning in terms)
        if self.terms is not None and self.terms.alive():
            self.terms.kill()
        self.terms = pygame_gui.elements.UIWindow(pygame.Rect(w // 2 - 330, 60, 660, h - 120), self.manager,
                                                  window_display_title="Terms (Esc closes)", object_id="#terms")
        UITextBox(text, pygame.Rect(0, 0, 620, h - 190), self.manager, container=self.terms)

    def close_popup(self) -> bool:
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
