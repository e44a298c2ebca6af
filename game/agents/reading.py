"""Reading the public record once per game instead of once per decision.

An agent's knowledge (beliefs.py, reputation.py) is a fold over the game's history: the same entries
always give the same knowledge. The record only ever grows, so the fold is kept between decisions and
fed the new entries; any other history (a new game, a loaded save, a look-ahead from an earlier moment)
starts a fresh fold from the first entry. Either way the result is exactly what reading the whole
history would give, which is what keeps replays and saves exact.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from ..engine import LogEntry, Observation


class Fold(Protocol):
    def feed(self, entry: LogEntry) -> None: ...


F = TypeVar("F", bound=Fold)

_kept: dict[str, tuple[object, tuple[LogEntry, ...], Fold]] = {}


def folded(kind: str, observation: Observation, start: Callable[[Observation], F]) -> F:
    """The fold of this observation's history, started by start(observation) from game constants only."""
    # The game's public rules, one object per game (not an id, which a later game may reuse), tell one game's
    # record from another's.
    game = observation._rules
    history = observation.history
    kept = _kept.get(kind)
    if kept is not None and kept[1] is history and kept[0] is game:   # asked again within one decision
        return kept[2]
    kept_game, kept_history, fold = kept or (None, (), None)
    done = len(kept_history)
    extends = (kept_game is game and fold is not None and len(history) >= done
               and (done == 0 or history[done - 1] is kept_history[-1]))
    if not extends:
        fold, done = start(observation), 0
    for entry in history[done:]:
        fold.feed(entry)
    _kept[kind] = (game, history, fold)
    return fold
