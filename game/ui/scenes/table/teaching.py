"""What the teacher's controls (game/ui/teacher.py: the panel at the table, F2) do to the table: open and
close the panel, set the round timer, bring an event forward, undo the last move, end the negotiation now,
projector mode. The game changes only through the Session (`teacher`, `undo`), so all of it is logged."""

from __future__ import annotations

from ....engine import EndNow, IllegalActionError, InjectEvent
from ....i18n import _, error_text
from ...teacher import TeacherPanel, toggle_projector


class TeacherHooks:
    """Part of TableScene (its session, app, teacher_panel, round_seen, say, refresh and close_form)."""

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
            self.teacher_says(_("Not now: {reason}.").format(reason=error_text(error)))
            return
        self.app.autosave()
        self.refresh()
        self.teacher_says(_("Event brought forward: {event} (in this round's log).").format(event=event.label))

    def teacher_undo(self):
        try:
            taken_back = self.session.undo()
        except IllegalActionError as error:
            self.teacher_says(_("Nothing to undo: {reason}.").format(reason=error_text(error)))
            return
        self.close_form()
        self.round_seen = self.session.state.round  # an undo may reach back into the round before
        self.app.autosave()
        self.refresh()
        self.teacher_says(_("Taken back: {move}").format(move=taken_back))

    def teacher_end(self, adopt: bool):
        try:
            self.session.teacher(EndNow(adopt=adopt))
        except IllegalActionError as error:
            self.teacher_says(_("Not now: {reason}.").format(reason=error_text(error)))
            return
        self.close_panel()
        self.close_form()
        self.app.autosave()
        # straight to the outcome: the round's result screen tells of a silence procedure that never ended
        self.app.goto("OutcomeScene")

    def teacher_projector(self):
        said = toggle_projector(self.app)   # the screen is laid out again; the panel opens again on top
        table = self.app.scene if isinstance(self.app.scene, TeacherHooks) else self
        table.teacher_says(said)
