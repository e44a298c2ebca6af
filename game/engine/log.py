"""The game log as JSON lines: a header (format, Summit version, the scenario's full text and its
SHA-256, the seed, who played which role), one line per event, action and round result, and a closing
outcome line. A log alone is enough to replay the game."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping

from .outcome import Outcome
from .state import GameState

LOG_FORMAT = 3
RETIRED_FORMATS = {1: "log-format-1", 2: "log-format-2"}
"""Log formats this Summit no longer reads -> the git tag of the last commit that reads them. Format 1 ended
when the spending model after the table changed (docs/model.md), format 2 when each seed began to draw the
leaders within the scenario's spread: their outcome lines no longer replay."""


def _line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def header(scenario_text: str, scenario_id: str, seed: int, agents: Mapping[str, str], version: str,
           information: str = "private", players: Mapping[str, str] | None = None, rounds: int | None = None,
           events_at: Mapping[str, int] | None = None) -> str:
    """`information` is the rule played ("private", or "full" under --full-information), which may differ
    from what the embedded scenario text says. `rounds`, only when --rounds cut the scenario short, is the
    rounds played (a log without it played the text's own rounds), and `events_at` the events the cut moved
    (event id -> round; a cut log without it kept every event at its own round). A log names roles, not people: `players`
    (leader id -> the name someone typed for that role) appears only when a name was typed."""
    data = {
        "type": "header", "format": LOG_FORMAT, "summit_version": version, "scenario_id": scenario_id,
        "scenario_sha256": hashlib.sha256(scenario_text.encode("utf-8")).hexdigest(), "seed": seed,
        "agents": dict(agents), "information": information,
    }
    if rounds is not None:
        data["rounds"] = rounds
        if events_at:
            data["events_at"] = dict(events_at)
    if players:
        data["players"] = dict(players)
    data["scenario"] = scenario_text
    return _line(data)


def lines(state: GameState, outcome: Outcome | None = None, notes: Iterable[tuple[int, dict]] = ()) -> Iterable[str]:
    """Every entry of the game so far, then the outcome line when given. `notes` are lines that are not the
    game's (a hosted game's private talks: game/play/talk.py), each (how many entries came before it, its
    record): written where they were said, never read by the rules."""
    notes = sorted(notes, key=lambda note: note[0])
    index = 0
    for position, entry in enumerate(state.history):
        while index < len(notes) and notes[index][0] <= position:
            yield _line(notes[index][1])
            index += 1
        yield _line(entry.to_json())
    for _, record in notes[index:]:
        yield _line(record)
    if outcome is not None:
        yield _line({"type": "outcome", **outcome.to_json()})


def write(scenario_text: str, scenario_id: str, seed: int, agents: Mapping[str, str], version: str,
          state: GameState, outcome: Outcome | None, information: str = "private",
          players: Mapping[str, str] | None = None, notes: Iterable[tuple[int, dict]] = (),
          rounds: int | None = None, events_at: Mapping[str, int] | None = None) -> str:
    """The whole log as one string (newline-terminated lines)."""
    body = [header(scenario_text, scenario_id, seed, agents, version, information, players, rounds, events_at),
            *lines(state, outcome, notes)]
    return "\n".join(body) + "\n"
