"""The table's log panel: this round's moves as they happen, the latest at the bottom, after the last
round's result; coloured by kind of move, and never by colour alone."""

from __future__ import annotations

import sys

from ....i18n import _, localize
from ....play import public
from ... import look


class LogPanel:
    """Part of TableScene (its session, round_seen and log_view)."""

    def log_entries(self):
        """The round being played (at its end, until the round's result is shown), after the last
        round's result."""
        return public.round_entries(self.session.state, self.round_seen)

    def update_log(self) -> None:
        entries = self.log_entries()
        failed = self._failures(entries)
        lines = []
        for entry in entries:
            lines += failed.pop(id(entry), [])
            lines.append(self.log_line(entry))
        lines += [line for rest in failed.values() for line in rest]   # after the latest move
        self.log_view.show(lines or [(_("Nothing yet this round."), look.MUTED, False)])

    def tell_failures(self, known: int) -> None:
        """Users' agents' failures after the first `known` (Session.failures): one line each on stderr, and the
        status says whose agent failed and who plays the seat now (the round's log shows the whole line)."""
        for _when, record in self.session.failures[known:]:
            print(_("summit play: {error}").format(error=localize(record['text'])), file=sys.stderr)
            leader = self.session.scenario.leader(record["leader"]).name
            self.say(_("{leader}'s agent {agent} failed; the built-in {built_in} agent plays the seat from here (the "
                       "round's log says why).").format(leader=leader, agent=record['agent'],
                                                        built_in=record['replaced_by']))

    def _failures(self, entries) -> dict[int, list]:
        """A user's agent's failures this round (Session.failures), as log lines keyed by the id of the entry
        they come before (or 0: after the latest): whose agent failed and who plays its seat now."""
        history = self.session.state.history
        failed: dict[int, list] = {}
        for at, record in getattr(self.session, "failures", ()):
            if record.get("round") != self.round_seen:
                continue
            key = id(history[at]) if at < len(history) and any(entry is history[at] for entry in entries) else 0
            failed.setdefault(key, []).append((_("Agent failure: {error}").format(error=localize(record['text'])), look.TONES["teacher"], True))
        return failed

    def log_line(self, entry) -> tuple[str, tuple, bool]:
        """How one entry shows in the log: (text, colour, bold), in game/play/public.py's words."""
        text, tone, bold = public.log_line(self.session.game, entry, self.session.humans, self.session.state.history)
        return text, look.TONES[tone], bold

    def page(self, direction: int) -> bool:
        """Page Up / Page Down with nothing focused: the round's log."""
        self.log_view.page(direction)
        return True
