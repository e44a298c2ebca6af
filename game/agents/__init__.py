"""Built-in agents, one module per behaviour, and the registry that maps names to them."""

from .registry import (AGENTS, AgentPathError, UnknownAgentError, agents_for, chosen_names, create, explain,
                       load_agents_path, names)

__all__ = ["AGENTS", "AgentPathError", "UnknownAgentError", "agents_for", "chosen_names", "create", "explain",
           "load_agents_path", "names"]
