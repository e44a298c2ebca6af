"""A lesson that fits the clock (--rounds N): where a scenario cut to fewer rounds puts its scripted events.
Scenario.with_rounds uses it; the events are game.scenario.model's Event."""

from __future__ import annotations


def start(event) -> int | None:
    """The round an event is scripted for, or from which its condition is checked; None: from the start."""
    return event.round if event.round is not None else (event.when.round if event.when is not None else None)


def event_rounds(events, full: int, rounds: int) -> dict[str, int]:
    """Where a cut to `rounds` of `full` rounds moves each event scripted (or conditioned) to start at a given
    round: to the round at the same point of the game, as the agents' concessions are scaled (round r of R
    is (r - 1) / (R - 1) of the way), rounded half up. Round 1 stays round 1, the last stays the last; one
    never reached stays where it is."""
    moved = {}
    for event in events:
        first = start(event)
        if first is None or first > full:   # from the start, or never
            continue
        # one round left is the game's end: every event has come by then
        moved[event.id] = 1 if rounds <= 1 else 1 + int((first - 1) * (rounds - 1) / (full - 1) + 0.5)
    return moved


def at_round(event, round_: int):
    """The event scripted for (or conditioned from) another round."""
    if event.round is not None:
        return event.model_copy(update={"round": round_})
    return event.model_copy(update={"when": event.when.model_copy(update={"round": round_})})
