"""The computer players: one module per behaviour, and the registry that maps the names a scenario may
use to them (the only names from a YAML file that lead to code).

May import: engine, scenario (and i18n). Never pygame, matplotlib or files: agents decide, they do not draw
or write.

Modules: base (BaseAgent and what agents share), member (an ally's leader), us_president,
secretary_general, stubborn, random_agent, rational (bilateral), beliefs, reading, reputation (what an
agent infers from the log), registry (names -> classes, --agents-path), entries (a class tournament's
files, --entries).

Public names: AGENTS, agents_for, chosen_names, containment, create, describe_player, explain, names,
overridden, load_agents_path, AgentPathError, UnknownAgentError.
"""

from .registry import (AGENTS, AgentPathError, UnknownAgentError, agents_for, chosen_names, containment,
                       create, describe_player, explain, load_agents_path, names, overridden)

__all__ = ["AGENTS", "AgentPathError", "UnknownAgentError", "agents_for", "chosen_names", "containment", "create",
           "describe_player", "explain", "load_agents_path", "names", "overridden"]
