"""Scenario files: YAML in, a validated immutable Scenario (or errors located by line and column) out, and
the catalogue of bundled scenarios.

May import: no other part of Summit (this is the lowest part, and every other part may import it); of
libraries, yaml and pydantic, never pygame, matplotlib or rich.

Modules: model (the Scenario and its parts: allies, leaders, issues, events), personas (each role's), yaml_source (safe,
size-limited YAML that remembers where each value stood), loader (check_file, check_bytes, load_scenario),
lesson (objectives, history and the reasons for a position: what a scenario teaches, shown and never
played), checks (the rules a scenario must follow beyond its types), deadlock (red lines that cannot meet under the
decision rule), plausible (figures and years that are probably a slip), errors (Problem, ScenarioError),
catalogue (bundled scenarios by id, resolve and check a SCENARIO argument, the template of `summit
new-scenario`), localized (texts in English and French: Localized, text_in, the `languages` a file declares).

Public names: Scenario and its parts (Ally, Leader, Issue, Event, Position, Traits, ...), Problem,
ScenarioError, Checked, check_file, check_bytes, load_scenario, sha256, Localized, text_in.
"""

from .errors import Problem, ScenarioError
from .loader import Checked, check_bytes, check_file, load_scenario, sha256
from .localized import Localized, text_in
from .model import (Ally, ClassPlan, Decision, Effect, Event, EventEffect, Issue, Leader, Position, Protocol, Role,
                    Scenario, Source, Spread, Traits)

__all__ = [
    "Ally", "Checked", "ClassPlan", "Decision", "Effect", "Event", "EventEffect", "Issue", "Leader", "Position", "Problem", "Protocol", "Role",
    "Scenario", "ScenarioError", "Source", "Spread", "Traits", "check_bytes", "check_file", "load_scenario", "sha256",
    "Localized", "text_in",
]
