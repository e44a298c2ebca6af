"""Events: when a scenario's events fire (at the start of a round: scripted, by chance, or when their condition
holds; or when the teacher injects one) and what they change (allies' figures, leaders' positions, who sits at
the table). The changes are kept in the state as sorted tuples of overrides, which caches elsewhere are keyed by.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from . import rng
from .state import GameState, LogEntry

if TYPE_CHECKING:
    from .game import Game


def start_round(game: "Game", state: GameState) -> GameState:
    """The events that fire as a round starts (scripted for this round, drawn by chance, or whose condition now
    holds), fired in the scenario's order."""
    draws = rng.stream(game.seed, "events", state.round).random(len(game.scenario.events))
    for event, draw in zip(game.scenario.events, draws):
        if event.id in state.fired:
            continue
        scripted = event.round == state.round
        chance = event.probability is not None and draw < event.probability
        if scripted or chance or (event.when is not None and _met(state, event.when)):
            state = fire(game, state, event)
    return state


def _met(state: GameState, when) -> bool:
    """Whether a conditional event's condition holds at the start of this round: its round has come, the
    draft on the table has the values it names, and the moves it names have been made."""
    if when.round is not None and state.round < when.round:
        return False
    if not all(linkage.holds(state.draft[linkage.issue]) for linkage in when.draft):
        return False
    for move in when.moves:
        if not any(entry.type == "action" and entry.actor == move.leader and entry.record["action"]["kind"] == move.kind
                   and (move.issue is None or entry.record["action"].get("issue") == move.issue)
                   for entry in state.history):
            return False
    return True


def fire(game: "Game", state: GameState, event) -> GameState:
    """The state after an event: its changes to allies' figures, leaders' positions and seats, and its log line."""
    allies = dict(state.ally_overrides)
    positions = dict(state.position_overrides)
    for effect in event.effects:
        if effect.ally is not None:
            targets = [a for a in game.scenario.allies if effect.ally in ("all", a.id)]
            for ally in targets:
                old = allies.get((ally.id, effect.field), getattr(ally, effect.field))
                if old is None:
                    continue   # an ally that reports no defence spending keeps none
                new = effect.set if effect.set is not None else old + effect.add
                low, high = {"gdp_usd_bn": (0.001, float("inf")), "defence_pct_gdp": (0.0, 100.0)}.get(effect.field, (0.0, 1.0))
                allies[(ally.id, effect.field)] = round(min(high, max(low, float(new))), 6)
        elif effect.field in ("joins", "leaves"):
            positions[(effect.leader, "", "seated")] = effect.field == "joins"
        else:
            position = game.leader(effect.leader).positions[effect.issue]
            key = (effect.leader, effect.issue, effect.field)
            if effect.field == "values":
                # every option's new worth (kept as pairs: the overrides are a key of caches); the ideal follows
                positions[key] = tuple(sorted(effect.values.items()))
                best = max(effect.values.values())
                positions[(effect.leader, effect.issue, "ideal")] = next(
                    option for option in game.scenario.issue(effect.issue).options if effect.values[option] == best)
                continue
            old = positions.get(key, getattr(position, effect.field))
            if effect.lifts:
                positions[key] = None   # the red line is lifted
                continue
            if effect.set is not None:
                new = effect.set
            else:
                new = (old if old is not None else position.ideal) + effect.add
            if effect.field == "weight":
                new = max(0.0, float(new))
            elif game.scenario.issue(effect.issue).is_range:
                new = game.scenario.issue(effect.issue).snap(float(new))
            positions[key] = new
    text = f"Event: {event.label}. {event.text}"
    entry = LogEntry(state.round, "events", "event", None, text, {"event": event.id})
    return dataclasses.replace(
        state, fired=state.fired + (event.id,), history=state.history + (entry,),
        ally_overrides=_kept(state.ally_overrides, tuple(sorted(allies.items()))),
        position_overrides=_kept(state.position_overrides, tuple(sorted(positions.items(), key=lambda kv: kv[0]))))


def _kept(old: tuple, new: tuple) -> tuple:
    """The old tuple of changes when the event left it as it was: caches of the table, each leader's positions
    and observations are kept by the tuple's identity, and an event that moves only allies' figures (or only
    positions) need not make every leader's anew."""
    return old if new == old else new
