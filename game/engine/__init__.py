"""The rules of play: pure Python and numpy, no I/O. A Game applies Actions to an immutable GameState;
agents see an Observation; a finished game gives an Outcome (what each ally then delivers comes from the
implementation model).

May import: scenario (and i18n). Never pygame, pygame_gui, yaml, matplotlib or rich (tests/test_layout.py
checks), and never files: the engine writes nothing.

Modules: game (Game: legal moves, apply, observe), events (when events fire and what they change), state (GameState, LogEntry, Phase), actions (every move),
draft (the communique being negotiated), observation (what one leader sees), preferences (utilities and red
lines), outcome (scores and the result), implementation (the spending model after the table), participation
(who spoke and kept their word), bilateral (the two-party bargaining game), narrate (the sentences of the
log), log (the JSON-lines game record), loop (play a game with agents), rng (seeded random streams).

Public names: see __all__ (Game, GameState, Action and each move, Observation, Outcome, play, ...).
"""

from .actions import (TEACHER, Action, Amend, AskCarveOut, BreakSilence, EndNow, IllegalActionError, InjectEvent, Offer,
                      Pass, Pledge, Promise, Respond, Statement, TableDraft, TeacherAction, Threat, action_from_json)
from .bilateral import (BilateralGame, BilateralObservation, BilateralOutcome, BilateralState, make_game,
                        outcome_of, rubinstein_share)
from .draft import Draft
from .game import Game
from .loop import DECISION_SECONDS, Agent, AgentError, Containment, Failure, play
from .observation import Observation
from .outcome import AllyResult, Outcome, outcome
from .state import MOVES, GameState, LogEntry, Phase, Termination

__all__ = [
    "DECISION_SECONDS", "MOVES", "TEACHER", "Action", "Agent", "AgentError", "Containment", "Failure", "AllyResult", "Amend", "AskCarveOut", "BilateralGame", "BilateralObservation",
    "BilateralOutcome", "BilateralState", "BreakSilence", "Draft", "EndNow", "Game", "GameState", "IllegalActionError",
    "InjectEvent", "LogEntry", "Observation", "Offer", "Outcome", "Pass", "Phase", "Pledge", "Promise", "Respond", "Statement",
    "TableDraft", "TeacherAction", "Termination", "Threat", "action_from_json", "make_game", "outcome", "outcome_of", "play",
    "rubinstein_share",
]
