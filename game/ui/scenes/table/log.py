"""The table's log panel: this round's moves as they happen, the latest at the bottom, after the last
round's result; coloured by kind of move, and never by colour alone."""

from __future__ import annotations

from ... import look


class LogPanel:
    """Part of TableScene (its session, round_seen and log_view)."""

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

    def page(self, direction: int) -> bool:
        """Page Up / Page Down with nothing focused: the round's log."""
        self.log_view.page(direction)
        return True
