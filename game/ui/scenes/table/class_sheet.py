"""Class mode: one screen a phase for every student role, so a round costs two screens however many students
play. In the consultations the operator types each team's move slip into one form (a row per student role,
in the game's order: the move and its fields); in the silence procedure one roll call (stay silent, or break
silence on an issue). The slips wait in the App and each is handed to the Session as that role's move when
its turn comes, between the computers' moves. A slip the rules refuse when its turn comes (the draft changed
under it) leaves that role's own move panel open with the reason; so does closing the sheet (one by one)."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel, UITextBox, UITextEntryLine, UIWindow

from ....engine.narrate import shown_country, shown_draft, shown_text
from ....engine import Action, Amend, AskCarveOut, BreakSilence, Pass, Phase, Pledge, Promise, Statement, Threat
from ....i18n import N_, _, ngettext
from ....play.public import role_label
from ... import look

# the moves a slip names, in words (compared and hashed as the English: fill() takes either language)
SLIP_KINDS = {N_("Pass"): "pass", N_("Statement"): "statement", N_("Propose"): "amend", N_("Pledge"): "pledge",
              N_("Carve-out"): "carve_out", N_("Promise"): "promise", N_("Threat"): "threat"}
SILENT = N_("stay silent")
BREAK = N_("break silence: {issue}")
CARVE_OUTS = N_("carve-outs")
ROW_H = 40
NONE = "—"


class SlipError(ValueError):
    """A slip that cannot be read (a number that is none): the row's role and what is wrong."""


class ClassSheet(UIWindow):
    """The sheet of one phase: a row for each student role still to move in it, in the game's order. The table
    handles its buttons (hand_in, one_by_one) and reads its rows with actions()."""

    def __init__(self, manager, size: tuple[int, int], session, leader_ids: list[str]):
        w, h = size
        self.session, self.leader_ids = session, leader_ids
        state, s = session.state, session.scenario
        self.silence = state.phase == Phase.SILENCE
        title = (ngettext("Round {round}: roll call of the silence procedure ({count} role)",
                          "Round {round}: roll call of the silence procedure ({count} roles)", len(leader_ids))
                 if self.silence else
                 ngettext("Round {round}: move slips of the consultations ({count} role)",
                          "Round {round}: move slips of the consultations ({count} roles)", len(leader_ids))).format(
            round=state.round, count=len(leader_ids))
        super().__init__(pygame.Rect(20, 50, w - 40, h - 60), manager, window_display_title=title,
                         object_id="#class_sheet", resizable=False)
        inner = self.get_container().get_rect()
        width = inner.width - 20
        help_text = (_("Each role's answer: Stay silent accepts the draft; Break silence objects, on the issue named "
                       "(one objection stops it).") if self.silence else
                     _("Propose: issue, value. Pledge: {percent_sign} of GDP, year. Carve-out: year. Promise, "
                       "Threat: to whom, {percent_sign} of GDP asked. Statement: words.").format(percent_sign="%"))
        UILabel(pygame.Rect(10, 4, width, 22), look.fit(help_text, look.font(15), width), manager, container=self)
        UITextBox(_("<b>The draft on the table</b>: {draft}").format(draft=look.html(shown_draft(s, state.draft))),
                  pygame.Rect(4, 26, width + 12, 58), manager, container=self, object_id="#sheet_draft")
        columns = self._columns(width - 24)   # room for the rows' scroll bar
        for key, text in (("role", _("Role")), ("kind", _("Answer") if self.silence else _("Move")),
                          ("on", "" if self.silence else _("On / to whom")), ("value", "" if self.silence else _("Value")),
                          ("year", "" if self.silence else _("Year")),
                          ("words", _("Why (optional)") if self.silence else _("Words"))):
            x, cw = columns[key]
            if text:
                UILabel(pygame.Rect(x, 86, cw, 20), text, manager, container=self, object_id="#section")
        rows_h = inner.height - 110 - 60
        self.box = pygame_gui.elements.UIScrollingContainer(pygame.Rect(0, 110, inner.width, rows_h), manager,
                                                            container=self, allow_scroll_x=False)
        self.box.set_scrollable_area_dimensions((inner.width - 24, max(rows_h, ROW_H * len(leader_ids) + 4)))
        self.issues = {issue.label: issue for issue in s.issues}
        self.targets = {_("to {leader} ({country})").format(leader=shown_text(l.name), country=shown_country(s, l.ally)): l.id
                        for l in s.leaders if l.ally}
        self.rows: dict[str, dict] = {}
        for index, leader_id in enumerate(leader_ids):
            self.rows[leader_id] = self._row(manager, columns, index * ROW_H + 2, leader_id)
        self.status = UILabel(pygame.Rect(10, inner.height - 52, width - 470, 40), "", manager, container=self,
                              object_id="#status")
        self.one_by_one = UIButton(pygame.Rect(width - 450, inner.height - 52, 220, 40), _("One by one instead"),
                                   manager, container=self, object_id="#cancel",
                                   tool_tip_text=_("Close the sheet: each role moves at its turn on the move panel"))
        self.hand_in = UIButton(pygame.Rect(width - 220, inner.height - 52, 230, 40),
                                _("Hand in the roll call") if self.silence else _("Hand in the slips"), manager,
                                container=self, object_id="#submit")

    @staticmethod
    def _columns(width: int) -> dict[str, tuple[int, int]]:
        widths = {"role": 250, "kind": 150, "on": 250, "value": 90, "year": 80}
        widths["words"] = width - sum(widths.values()) - 6 * len(widths)
        x, columns = 10, {}
        for key, cw in widths.items():
            columns[key] = (x, cw)
            x += cw + 6
        return columns

    def _row(self, manager, columns, y: int, leader_id: str) -> dict:
        s = self.session.scenario
        x, cw = columns["role"]
        UILabel(pygame.Rect(x, y + 4, cw, 30), look.fit(role_label(s, s.leader(leader_id)), look.font(15), cw), manager,
                container=self.box)
        row = {}
        if self.silence:
            x = columns["kind"][0]
            end = columns["year"][0] + columns["year"][1]
            answers = [str(SILENT)] + [BREAK.format(issue=label) for label in self.issues]
            if self.session.state.draft.carve_outs:
                answers.append(BREAK.format(issue=CARVE_OUTS))
            row["kind"] = self._menu(answers, str(SILENT), pygame.Rect(x, y, end - x, 34), "#slip_answer")
        else:
            kinds = [str(text) for text, kind in SLIP_KINDS.items() if self._may(leader_id, kind)]
            x, cw = columns["kind"]
            row["kind"] = self._menu(kinds, kinds[0], pygame.Rect(x, y, cw, 34), "#slip_kind")
            x, cw = columns["on"]
            targets = [text for text, lid in self.targets.items() if lid != leader_id]
            row["on"] = self._menu([NONE, *self.issues, *targets], NONE, pygame.Rect(x, y, cw, 34), "#slip_on")
            for key in ("value", "year"):
                x, cw = columns[key]
                row[key] = UITextEntryLine(pygame.Rect(x, y, cw, 34), manager, container=self.box,
                                           object_id=f"#slip_{key}")
                row[key].set_text_length_limit(12)
        x, cw = columns["words"]
        row["words"] = UITextEntryLine(pygame.Rect(x, y, cw, 34), manager, container=self.box, object_id="#slip_words")
        row["words"].set_text_length_limit(200)
        return row

    def _menu(self, options: list[str], chosen: str, rect: pygame.Rect, object_id: str) -> UIDropDownMenu:
        menu = UIDropDownMenu(options, chosen, rect, self.ui_manager, container=self.box, object_id=object_id,
                              expansion_height_limit=240)
        menu.choices = options   # for fill(), which makes the menu again with another choice
        return menu

    def _may(self, leader_id: str, kind: str) -> bool:
        """Whether the role may make this kind of move at all: an ally's leader pledges and asks for carve-outs
        (when its ally has armed forces), the Secretary General never threatens."""
        leader = self.session.scenario.leader(leader_id)
        if kind in ("pledge", "carve_out"):
            return leader.ally is not None and self.session.scenario.ally(leader.ally).reports_spending and \
                (kind == "pledge" or self.session.game.deadline_issue is not None)
        return kind != "threat" or leader.ally is not None

    def fill(self, leader_id: str, kind: str, on: str = NONE, value: str = "", year: str = "", words: str = "") -> None:
        """Type one row's slip (the scripted input of tests and of the timing of the lesson plans)."""
        row = self.rows[leader_id]
        self._choose(row, "kind", self._in_language(kind))
        if "on" in row:
            self._choose(row, "on", on)
            row["value"].set_text(value)
            row["year"].set_text(year)
        row["words"].set_text(words)

    @staticmethod
    def _in_language(kind: str) -> str:
        """A move or an answer as the sheet's menu words it, from its English ("Pledge", "break silence: X")."""
        if kind.startswith("break silence: "):
            issue = kind.removeprefix("break silence: ")
            return BREAK.format(issue=CARVE_OUTS if issue == "carve-outs" else issue)
        return next((str(text) for text in (SILENT, *SLIP_KINDS) if text == kind), kind)

    def _choose(self, row: dict, key: str, text: str) -> None:
        menu = row[key]
        if text not in menu.choices:
            raise ValueError(f"{text!r} is not one of {menu.choices}")
        row[key] = self._menu(menu.choices, text, menu.relative_rect.copy(), menu.object_ids[-1])
        menu.kill()

    def actions(self) -> dict[str, Action]:
        """Each row's slip as the role's Action; SlipError names the first row that cannot be read."""
        return {leader_id: self._action(leader_id, row) for leader_id, row in self.rows.items()}

    def _action(self, me: str, row: dict) -> Action:
        s = self.session.scenario
        words = row["words"].get_text().strip()
        chosen = look.selected(row["kind"])
        name = s.leader(me).name
        if self.silence:
            if chosen == str(SILENT):
                return Pass(me, words)
            if chosen == BREAK.format(issue=CARVE_OUTS):
                return BreakSilence(me, words, issue="carve_outs")
            issue = next(issue for label, issue in self.issues.items() if BREAK.format(issue=label) == chosen)
            return BreakSilence(me, words, issue=issue.id,
                                wants=self.session.game.observe(self.session.state, me).wants(issue.id))
        kind = next(kind for text, kind in SLIP_KINDS.items() if str(text) == chosen)
        on = look.selected(row["on"])
        value, year = row["value"].get_text().strip(), row["year"].get_text().strip()
        if kind == "pass":
            return Pass(me, words)
        if kind == "statement":
            if not words:
                raise SlipError(_("{leader}: a statement needs its words").format(leader=name))
            return Statement(me, words)
        if kind == "pledge":
            level = _number(name, _("the {percent_sign} of GDP").format(percent_sign="%"), value)
            return Pledge(me, words, level=round(level, 1),
                          year=int(_number(name, _("the year"), year)))
        if kind == "carve_out":
            return AskCarveOut(me, words, year=int(_number(name, _("the year"), year)))
        if kind == "amend":
            issue = self.issues.get(on)
            if issue is None:
                raise SlipError(_("{leader}: Propose needs an issue in On").format(leader=name))
            return Amend(me, words, issue=issue.id, value=_issue_value(name, issue, value))
        target = self.targets.get(on)
        if target is None:
            raise SlipError((_("{leader}: a promise needs a leader in On (to whom)") if kind == "promise" else
                             _("{leader}: a threat needs a leader in On (to whom)")).format(leader=name))
        cls = Promise if kind == "promise" else Threat
        demand = _number(name, _("the {percent_sign} of GDP asked").format(percent_sign="%"), value)
        return cls(me, words, target=target, demand=round(demand, 1))


def _number(name: str, what: str, text: str) -> float:
    try:
        return float(text.replace(",", ".").removesuffix("%"))
    except ValueError:
        raise SlipError(_("{leader}: {what} is {text!r}, not a number").format(leader=name, what=what, text=text)
                        if text else _("{leader}: {what} is missing").format(leader=name, what=what)) from None


def _issue_value(name: str, issue, text: str):
    if issue.is_range:
        return issue.snap(_number(name, issue.label, text))
    for option in issue.options:
        if text.lower() in (option.lower(), issue.format(option).lower()):
            return option
    raise SlipError(_("{leader}: {issue} is one of {options}; found {text!r}").format(
        leader=name, issue=issue.label, options=", ".join(issue.format(o) for o in issue.options), text=text))


class ClassMode:
    """Part of TableScene (its session, app, sheet, round_over, form, say, submit and update_buttons): at a
    student's turn in class mode, hand in its slip, or open the phase's sheet."""

    def class_turn(self) -> bool:
        """True when it moved or opened the sheet (the frame ends there)."""
        app, session = self.app, self.session
        if not app.class_mode or not session.waiting_for_human or self.round_over or self.form is not None:
            return False
        if self.sheet is not None and self.sheet.alive():
            return True
        state = session.state
        if state.phase not in (Phase.CONSULTATIONS, Phase.SILENCE):
            return False   # drafting: the pen holder's own form
        phase_key = (state.round, state.phase.value)
        if app.slips_for != phase_key:
            app.slips_for, app.slips = None, {}
        slip = app.slips.pop(session.actor, None)
        if slip is not None:
            before = session.state
            self.submit(slip)
            if session.state is before:   # refused: the draft changed under the slip; its own panel, with why
                self.say(_("{leader}'s slip: {reason} Make its move here.").format(
                    leader=session.scenario.leader(slip.actor).name, reason=self.status_text))
            return True
        if app.slips_for == phase_key:
            return False   # handed in, and this role's slip was refused or the sheet closed: its own panel
        actors = session.game.actors(state.phase, state)
        to_move = [leader_id for leader_id in actors[state.turn:] if leader_id in session.humans]
        self.sheet = ClassSheet(self.manager, self.size, session, to_move)
        self.update_buttons()   # the move panel waits while the sheet is open
        return True

    def sheet_handles(self, event) -> bool:
        sheet = self.sheet
        if sheet is None or not sheet.alive():
            return False
        element = getattr(event, "ui_element", None)
        if event.type == pygame_gui.UI_BUTTON_PRESSED and element is sheet.hand_in:
            self.hand_in_sheet()
            return True
        if (event.type == pygame_gui.UI_BUTTON_PRESSED and element is sheet.one_by_one) or \
                (event.type == pygame_gui.UI_WINDOW_CLOSE and element is sheet):
            self.close_sheet()
            return True
        return False

    def hand_in_sheet(self) -> None:
        try:
            slips = self.sheet.actions()
        except SlipError as error:
            self.sheet.status.set_text(look.fit(_("Not yet: {reason}.").format(reason=error), look.font(15),
                                                self.sheet.status.rect.width))
            return
        self.close_sheet()
        self.app.slips = slips
        self.say(ngettext("{count} slip handed in: each is the role's move at its turn.",
                          "{count} slips handed in: each is the role's move at its turn.", len(slips)).format(
            count=len(slips)))

    def close_sheet(self) -> None:
        state = self.session.state
        self.app.slips_for, self.app.slips = (state.round, state.phase.value), {}
        if self.sheet is not None and self.sheet.alive():
            self.sheet.kill()
        self.sheet = None
        self.update_buttons()
