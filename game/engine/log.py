"""The game log as JSON lines: a header (format, Summit version, the scenario's full text and its
SHA-256, the seed, who played which role), one line per event, action and round result, and a closing
outcome line. A log alone is enough to replay the game."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping

from .outcome import Outcome
from .state import GameState

LOG_FORMAT = 1


def _line(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def header(scenario_text: str, scenario_id: str, seed: int, agents: Mapping[str, str], version: str,
           information: str = "private") -> str:
    """`information` is the rule played ("private", or "full" under --full-information), which may differ
    from what the embedded scenario text says."""
    return _line({
        "type": "header", "format": LOG_FORMAT, "summit_version": version, "scenario_id": scenario_id,
        "scenario_sha256": hashlib.sha256(scenario_text.encode("utf-8")).hexdigest(), "seed": seed,
        "agents": dict(agents), "information": information, "scenario": scenario_text,
    })


def lines(state: GameState, outcome: Outcome | None = None) -> Iterable[str]:
    """Every entry of the game so far, then the outcome line when given."""
    for entry in state.history:
        yield _line(entry.to_json())
    if outcome is not None:
        yield _line({"type": "outcome", **outcome.to_json()})


def write(scenario_text: str, scenario_id: str, seed: int, agents: Mapping[str, str], version: str,
          state: GameState, outcome: Outcome | None, information: str = "private") -> str:
    """The whole log as one string (newline-terminated lines)."""
    body = [header(scenario_text, scenario_id, seed, agents, version, information), *lines(state, outcome)]
    return "\n".join(body) + "\n"
