"""A finished or unfinished game to watch again, round by round: its rounds rebuilt through the rules
(no pygame here; the replay viewer, game/ui/scenes/replay.py, shows them).

The game's logged moves go through the rules once, and the state at the end of each round is kept (0.1 s
for 33 leaders over 8 rounds; `replay(path, until=k)` for each round would read and check the file again,
half a second a round). The game being played is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from ..engine import MOVES, Draft, Game, GameState, IllegalActionError, LogEntry, Outcome, action_from_json
from ..play.replay import ReplayError, read, replay
from ..play.session import HUMAN
from ..scenario import Scenario


@dataclass(frozen=True)
class RoundView:
    """One round as the viewer shows it."""

    number: int
    start: Draft                     # the draft as the round began
    end: GameState                   # the state once the round's last line was written
    entries: tuple[LogEntry, ...]    # every line of the round, in order

    @property
    def result(self) -> LogEntry | None:
        return next((e for e in self.entries if e.type == "result"), None)


@dataclass(frozen=True)
class Recording:
    """A game to watch: its scenario, its rounds, who played in person, how it ended (None: unfinished)."""

    scenario: Scenario
    seed: int
    game: Game
    rounds: tuple[RoundView, ...]
    humans: tuple[str, ...]
    outcome: Outcome | None
    source: str                      # where it comes from, in words ("this game", a file name)

    @classmethod
    def of_session(cls, session, outcome: Outcome | None = None) -> "Recording":
        """The game in the window, from its history (no file needed). A Game of its own: nothing the
        viewer does can reach the session."""
        game = Game(session.scenario, session.seed)
        return cls(session.scenario, session.seed, game, rounds_of(game, session.state.history),
                   tuple(session.humans), outcome, _("this game"))

    @classmethod
    def of_file(cls, path: Path) -> "Recording":
        """A log or a save, checked line by line through the rules; ReplayError (one line) when it
        cannot be watched. A log without its closing outcome line is a game left unfinished: the rounds
        it holds are shown."""
        path = Path(path)
        header, entries, is_save = read(path)
        finished = any(record["type"] == "outcome" for _, record in entries)
        if is_save or finished:
            replayed = replay(path)
        else:
            rounds = [r.get("round") for _, r in entries if isinstance(r.get("round"), int)]
            replayed = replay(path, until=max(rounds, default=1))
        if not isinstance(replayed.game, Game):
            raise ReplayError(_("{path}: a bilateral bargaining game; the window replays summit negotiations only "
                                "(summit replay {name} prints it)").format(path=path, name=path.name))
        humans = tuple(leader for leader, agent in replayed.agents.items() if agent == HUMAN)
        return cls(replayed.scenario, replayed.seed, replayed.game, rounds_of(replayed.game, replayed.state.history),
                   humans, replayed.outcome, path.name)

    @property
    def over(self) -> bool:
        return self.outcome is not None


def rounds_of(game: Game, history: tuple[LogEntry, ...]) -> tuple[RoundView, ...]:
    """Every round of a game whose lines are `history`: the moves applied once more through the rules,
    with the state kept where each round ends. ReplayError if the moves do not give these lines."""
    state = game.new_initial_state()
    starts: dict[int, Draft] = {1: state.draft}
    ends: dict[int, GameState] = {}
    try:
        for entry in history:
            if entry.type not in MOVES:
                continue
            round_ = state.round
            state = game.apply(state, action_from_json(entry.data["action"]))
            if state.is_terminal or state.round != round_:
                ends[round_] = state
                if not state.is_terminal:
                    starts[state.round] = state.round_start_draft
    except (IllegalActionError, ValueError, TypeError, KeyError) as error:
        raise ReplayError(_("the game does not replay: {error}").format(error=error)) from None
    if state.history != tuple(history):
        raise ReplayError(_("the game does not replay as logged"))
    last = state.round
    ends.setdefault(last, state)
    by_round: dict[int, list[LogEntry]] = {}
    for entry in history:
        by_round.setdefault(entry.round, []).append(entry)
    if last > 1 and not by_round.get(last):
        last -= 1   # a game saved between two rounds: the next one has not begun
    return tuple(RoundView(k, starts.get(k, ends[k].draft), ends[k], tuple(by_round.get(k, ())))
                 for k in range(1, last + 1))
