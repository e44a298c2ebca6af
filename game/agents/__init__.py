"""Built-in agents, one module per behaviour, and the registry that maps names to them."""

from .registry import AGENTS, UnknownAgentError, agents_for, chosen_names, create, names

__all__ = ["AGENTS", "UnknownAgentError", "agents_for", "chosen_names", "create", "names"]
