"""The rules engine: pure Python and numpy. It imports neither pygame nor yaml and does no I/O."""

from .actions import (TEACHER, Action, Amend, AskCarveOut, BreakSilence, EndNow, IllegalActionError, InjectEvent, Offer,
                      Pass, Pledge, Promise, Respond, Statement, TableDraft, TeacherAction, Threat, action_from_json)
from .bilateral import (BilateralGame, BilateralObservation, BilateralOutcome, BilateralState, make_game,
                        outcome_of, rubinstein_share)
from .draft import Draft
from .game import Game
from .loop import Agent, play
from .observation import Observation
from .outcome import AllyResult, Outcome, outcome
from .state import MOVES, GameState, LogEntry, Phase, Termination

__all__ = [
    "MOVES", "TEACHER", "Action", "Agent", "AllyResult", "Amend", "AskCarveOut", "BilateralGame", "BilateralObservation",
    "BilateralOutcome", "BilateralState", "BreakSilence", "Draft", "EndNow", "Game", "GameState", "IllegalActionError",
    "InjectEvent", "LogEntry", "Observation", "Offer", "Outcome", "Pass", "Phase", "Pledge", "Promise", "Respond", "Statement",
    "TableDraft", "TeacherAction", "Termination", "Threat", "action_from_json", "make_game", "outcome", "outcome_of", "play",
    "rubinstein_share",
]
