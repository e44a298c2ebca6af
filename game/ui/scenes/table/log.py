"""The table's log panel: this round's moves as they happen, the latest at the bottom, after the last
round's result; coloured by kind of move, and never by colour alone."""

from __future__ import annotations

from ....play import public
from ... import look


class LogPanel:
    """Part of TableScene (its session, round_seen and log_view)."""

    def log_entries(self):
        """The round being played (at its end, until the round's result is shown), after the last
        round's result."""
        return public.round_entries(self.session.state, self.round_seen)

    def update_log(self) -> None:
        entries = [self.log_line(entry) for entry in self.log_entries()]
        self.log_view.show(entries or [("Nothing yet this round.", look.MUTED, False)])

    def log_line(self, entry) -> tuple[str, tuple, bool]:
        """How one entry shows in the log: (text, colour, bold), in game/play/public.py's words."""
        text, tone, bold = public.log_line(self.session.game, entry, self.session.humans)
        return text, look.TONES[tone], bold

    def page(self, direction: int) -> bool:
        """Page Up / Page Down with nothing focused: the round's log."""
        self.log_view.page(direction)
        return True
