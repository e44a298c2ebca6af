"""Agent names (as written in a scenario's `agent:` or `summit run --agents`) -> agent classes."""

from __future__ import annotations

from ..scenario import Scenario
from .base import BaseAgent
from .member import MemberAgent
from .random_agent import RandomAgent
from .rational import RationalAgent
from .secretary_general import SecretaryGeneralAgent
from .stubborn import StubbornAgent
from .us_president import UsPresidentAgent

AGENTS: dict[str, type[BaseAgent]] = {
    cls.name: cls for cls in (MemberAgent, UsPresidentAgent, SecretaryGeneralAgent, RandomAgent, StubbornAgent,
                          RationalAgent)
}


class UnknownAgentError(ValueError):
    pass


def names() -> tuple[str, ...]:
    return tuple(sorted(AGENTS))


def create(name: str, leader_id: str, scenario: Scenario) -> BaseAgent:
    """A fresh agent of the named kind for a leader; UnknownAgentError lists the valid names."""
    if name not in AGENTS:
        raise UnknownAgentError(f"unknown agent {name!r}; the agents are: {', '.join(names())}")
    return AGENTS[name](leader_id, scenario.leader(leader_id).traits)


def agents_for(scenario: Scenario, overrides: dict[str, str] | None = None) -> dict[str, BaseAgent]:
    """One agent per leader: the scenario's choice unless overrides name another. An override key is a
    leader id or a role name (member, us_president, secretary_general) meaning every leader in that role."""
    overrides = overrides or {}
    chosen = {}
    for leader in scenario.leaders:
        name = overrides.get(leader.id) or overrides.get(leader.role.value) or leader.agent
        chosen[leader.id] = create(name, leader.id, scenario)
    return chosen


def chosen_names(scenario: Scenario, overrides: dict[str, str] | None = None) -> dict[str, str]:
    overrides = overrides or {}
    return {l.id: overrides.get(l.id) or overrides.get(l.role.value) or l.agent for l in scenario.leaders}
