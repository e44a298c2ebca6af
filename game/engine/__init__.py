"""The rules engine: pure Python and numpy. It imports neither pygame nor yaml and does no I/O."""

from .actions import (Action, Amend, AskCarveOut, BreakSilence, IllegalActionError, Pass, Pledge, Promise,
                      Statement, TableDraft, Threat, action_from_json)
from .draft import Draft
from .game import Game
from .loop import Agent, play
from .observation import Observation
from .outcome import AllyResult, Outcome, outcome
from .state import GameState, LogEntry, Phase, Termination

__all__ = [
    "Action", "Agent", "AllyResult", "Amend", "AskCarveOut", "BreakSilence", "Draft", "Game", "GameState",
    "IllegalActionError", "LogEntry", "Observation", "Outcome", "Pass", "Phase", "Pledge", "Promise",
    "Statement", "TableDraft", "Termination", "Threat", "action_from_json", "outcome", "play",
]
