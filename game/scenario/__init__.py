"""Scenario files: YAML in, a validated immutable Scenario (or located errors) out. No engine, no pygame."""

from .errors import Problem, ScenarioError
from .loader import Checked, check_bytes, check_file, load_scenario, sha256
from .model import (Ally, ClassPlan, Decision, Effect, Event, EventEffect, Issue, Leader, Position, Protocol, Role,
                    Scenario, Source, Traits)

__all__ = [
    "Ally", "Checked", "ClassPlan", "Decision", "Effect", "Event", "EventEffect", "Issue", "Leader", "Position", "Problem", "Protocol", "Role",
    "Scenario", "ScenarioError", "Source", "Traits", "check_bytes", "check_file", "load_scenario", "sha256",
]
