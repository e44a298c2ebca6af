"""What the Load screen lists for each save, read from its header and last lines without replaying the game
(game/play/session.py loads it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..scenario.localized import peek_title
from ..scenario.untrusted import shown
from .save_file import _parse
from .session import HUMAN
from .talk import TALK


@dataclass(frozen=True)
class SaveInfo:
    """What a list of saves shows without replaying: read from the header and the last lines."""

    path: Path
    scenario_id: str
    title: str
    humans: tuple[str, ...]
    round: int
    over: bool
    players: dict = field(default_factory=dict)   # leader id -> the name or team typed for the role



def peek(path: Path) -> SaveInfo:
    """A save's summary for a list; SaveError when it cannot be loaded."""
    header, entries = _parse(Path(path))
    scenario_text = header.get("scenario")
    title = header.get("scenario_id", "?")
    if isinstance(scenario_text, str):   # the title line, or the English of a title in languages
        title = peek_title(scenario_text) or title
    agents = header.get("agents") if isinstance(header.get("agents"), dict) else {}
    entries = [e for e in entries if e["type"] != TALK]
    rounds = [e.get("round") for e in entries if isinstance(e.get("round"), int)]
    rounds += [e["round"] + 1 for e in entries if e["type"] == "result" and e.get("result") == "objected"
               and isinstance(e.get("round"), int)]  # the next round has begun, perhaps without a line yet
    players = header.get("players") if isinstance(header.get("players"), dict) else {}
    return SaveInfo(Path(path), shown(str(header.get("scenario_id"))), shown(str(title)),
                    tuple(shown(str(lid)) for lid, name in agents.items() if name == HUMAN),
                    max(rounds, default=1), any(e["type"] == "outcome" for e in entries),
                    {shown(lid): shown(name) for lid, name in players.items()
                     if isinstance(lid, str) and isinstance(name, str)})
