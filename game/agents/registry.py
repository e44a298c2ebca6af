"""Agent names (as written in a scenario's `agent:` or `summit run --agents`) -> agent classes.

Agents from outside the package load only from a folder the user names on the command line
(`--agents-path DIR`), never because a scenario names them: a scenario file stays data."""

from __future__ import annotations

import difflib
import errno
import importlib.util
import inspect
import os
import re
import stat
import sys
from pathlib import Path

from ..i18n import Figure, msg, system_words
from ..scenario import Role, Scenario
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


class AgentPathError(ValueError):
    """A folder of agents that cannot be used; the message names the file and what is wrong (a Message: English
    as its str, game.i18n's error_text writes it in the language in use)."""


def load_agents_path(folder: str | Path) -> tuple[str, ...]:
    """Register the agents defined in the *.py files of a folder the user named: every class derived
    from BaseAgent with its own `name`. Returns the names added; AgentPathError says what is wrong."""
    folder = check_folder(folder)
    added: dict[str, type[BaseAgent]] = {}
    for path in sorted(folder.glob("*.py")):
        for value in load_agent_file(path, "summit_user_agents"):
            name = value.name
            if name in added or (name in AGENTS and LOADED_FROM.get(name) != path.resolve()):
                raise AgentPathError(msg("{path}: agent name {name!r} is taken; the agents are: {agents}", path=path,
                                         name=name, agents=', '.join(sorted({*AGENTS, *added}))))
            added[name] = value
            LOADED_FROM[name] = path.resolve()   # the same file loaded again (a second command in one process) is no clash
            WARNINGS.extend(_overrides_nothing(value, path))
    if not added:
        raise AgentPathError(msg("{folder}: no agents found (a class derived from game.agents.base.BaseAgent, with a "
                                 "`name`, in a .py file)", folder=folder))
    AGENTS.update(added)
    return tuple(sorted(added))


def check_folder(folder: str | Path) -> Path:
    """The folder of a user's agents as a Path, or AgentPathError saying why it is not one."""
    folder = Path(folder)
    if not folder.is_dir():
        why = msg("no such folder")
        try:
            os.stat(folder)
        except OSError as error:   # a link loop reads as missing to is_dir(): say so
            if error.errno == errno.ELOOP:
                why = msg("is a link that leads back to itself (a link loop)")
        raise AgentPathError(msg("{folder}: {why}", folder=folder, why=why))
    return folder


def load_agent_file(path: Path, package: str) -> list[type[BaseAgent]]:
    """Run one user's .py file (as the module `package.<its stem>`) and return the agent classes it defines,
    in the file's order: each derived from BaseAgent, with its own `name`. AgentPathError, naming the file and
    line, when the file cannot be read or run, or a class has no proper name. It does not register them."""
    path = Path(path)
    problem = _not_a_source_file(path)
    if problem:
        raise AgentPathError(msg("{path}: {problem}", path=path, problem=problem))
    module_name = f"{package}." + re.sub(r"\W", "_", path.stem)
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as error:  # the user's own code: any failure is theirs to see, located
        raise AgentPathError(msg("{where}: cannot load: {error_type}: {said}", where=_where(path, error),
                                 error_type=type(error).__name__, said=_said(error))) from None
    found = []
    for value in vars(module).values():
        if not (isinstance(value, type) and issubclass(value, BaseAgent) and value.__module__ == module_name):
            continue
        name = value.__dict__.get("name")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise AgentPathError(msg("{where}: agent class {agent_class} needs its own `name`, a lower-case word such "
                                     "as 'cautious' (found {name!r})", where=_where(path, None, value),
                                     agent_class=value.__name__, name=name))
        found.append(value)
    return found


def _where(path: Path, error: BaseException | None, kind: type | None = None) -> str:
    """FILE:LINE of a failure in a user's file: a syntax error's line, the last line of the file an exception
    passed through, or a class's first line; FILE alone when none is known."""
    from ..engine.loop import line_in

    line = None
    if error is not None:
        line = line_in(error, path)
    elif kind is not None:
        try:
            line = inspect.getsourcelines(kind)[1]
        except (OSError, TypeError):
            line = None
    return f"{path}:{line}" if line else f"{path}"


def _said(error: BaseException) -> str:
    """An exception's message on one line (a syntax error's without its "(file, line N)", said before)."""
    text = error.msg if isinstance(error, SyntaxError) and error.msg else str(error)
    return " ".join(text.split())


MAX_SOURCE = 1 << 20   # bytes: an agent's file is code a person wrote, not data


def _not_a_source_file(path: Path) -> str | None:
    """Why a *.py in the agents' folder cannot be read as one (a pipe would wait forever, a device never ends)."""
    try:
        status = os.stat(path)
    except OSError as error:
        return msg("cannot read it: {reason}", reason=system_words(error))
    if not stat.S_ISREG(status.st_mode):
        return msg("is not a regular file (a pipe, a device or a folder): an agent is a .py file of Python code")
    if status.st_size > MAX_SOURCE:
        return msg("is {size} bytes; an agent's file is at most {most}", size=Figure(status.st_size),
                   most=Figure(MAX_SOURCE))
    return None


LOADED_FROM: dict[str, Path] = {}   # a user's agent name -> the file that defined it
WARNINGS: list[str] = []   # what loading the user's agents found suspicious (the CLI prints them on stderr)
HOOKS = ("act", "draft", "consult", "silence", "valued", "valued_losses", "no_deal_utility", "aspiration", "stake")


def _overrides_nothing(kind: type, path: Path) -> list[str]:
    """A method of the user's class that overrides nothing, named like one the engine or BaseAgent calls: a
    slip ("consultation" for "consult") that would leave the inherited behaviour playing silently."""
    inherited = {name for base in kind.__mro__[1:] for name in vars(base)}
    found = []
    for name, value in vars(kind).items():
        if name.startswith("_") or name in inherited or not callable(value):
            continue
        close = difflib.get_close_matches(name, HOOKS, n=1, cutoff=0.7)
        if close:
            try:
                line = f":{inspect.getsourcelines(value)[1]}"
            except (OSError, TypeError):
                line = ""
            found.append(msg("{where}: {agent_class}.{method} overrides nothing: did you mean {hook!r}? (the engine "
                             "calls {hook}; {method} is never called)", where=f"{path}{line}", agent_class=kind.__name__,
                             method=name, hook=close[0]))
    return found


def names() -> tuple[str, ...]:
    return tuple(sorted(AGENTS))


def explain(name: str) -> str:
    """An agent's plain-words account of how it plays: the first paragraph of its class docstring, or of its
    module's (briefings show it to students)."""
    cls = AGENTS[name]
    text = cls.__dict__.get("__doc__") or (sys.modules[cls.__module__].__doc__ if cls.__module__ in sys.modules else "")
    first = (text or cls.description or "").strip().split("\n\n")[0]
    return " ".join(first.split())


PERSONA_AGENTS = {"member", "us_president", "secretary_general"}   # the built-in agents that play a persona


def describe_player(scenario: Scenario, leader_id: str, name: str) -> str:
    """How the computer plays a leader, in plain words: its persona (the role's default when the scenario
    names none) for the built-in role agents, in the language of the moment, else the agent's own account
    (explain, as its docstring says it)."""
    from ..scenario.model import PERSONAS

    leader = scenario.leader(leader_id)
    if name in PERSONA_AGENTS and AGENTS.get(name) is not None and AGENTS[name].__module__.startswith(__package__):
        return str(PERSONAS[leader.role.value][leader.persona_name])
    return explain(name)


def create(name: str, leader_id: str, scenario: Scenario) -> BaseAgent:
    """A fresh agent of the named kind for a leader; UnknownAgentError lists the valid names."""
    if name not in AGENTS:
        raise UnknownAgentError(msg("unknown agent {name!r}; the agents are: {agents}", name=name,
                                    agents=', '.join(names())))
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


def containment(scenario: Scenario, strict: bool = False, seconds: float | None = None, on_failure=None):
    """How one game treats its users' agents' failures (engine.loop.Containment): the built-in agent for the
    failed leader's role (member, us_president, secretary_general) plays in its place from then on, unless
    `strict`. `seconds` is the time limit of one decision (None: the default, DECISION_SECONDS)."""
    from ..engine.loop import DECISION_SECONDS, Containment

    return Containment(lambda leader_id: stand_in(scenario, leader_id), DECISION_SECONDS if seconds is None else seconds,
                       strict, on_failure=on_failure)


def stand_in(scenario: Scenario, leader_id: str) -> BaseAgent:
    """The built-in agent for a leader's role (member, us_president, secretary_general): what plays a seat whose
    own agent failed or could not be made."""
    return create(scenario.leader(leader_id).role.value, leader_id, scenario)


def overridden(scenario: Scenario, overrides: dict[str, str] | None = None) -> dict[str, str]:
    """The leaders whose agent the overrides change from the scenario's, leader id -> the agent named instead
    (what the window marks as chosen on the command line: `summit play --agents`)."""
    chosen = chosen_names(scenario, overrides)
    return {leader.id: chosen[leader.id] for leader in scenario.leaders if chosen[leader.id] != leader.agent}


# ----- the roles an agent class enters (a class tournament's entries) ------------------------------------

ROLE_NAMES = tuple(role.value for role in (Role.MEMBER, Role.US_PRESIDENT, Role.SECRETARY_GENERAL))
INFERRED = ((UsPresidentAgent, Role.US_PRESIDENT), (SecretaryGeneralAgent, Role.SECRETARY_GENERAL),
            (MemberAgent, Role.MEMBER))   # most derived first: UsPresidentAgent derives from MemberAgent
NO_ROLE = msg("declares no role (add roles = ('member',), or 'us_president' or 'secretary_general')")


def roles_of(kind: type) -> tuple[Role, ...] | str:
    """The roles a class enters (its `roles`, else its built-in base's role), or why it cannot play."""
    declared = getattr(kind, "roles", None)
    if declared is None:
        inferred = tuple(role for base, role in INFERRED if issubclass(kind, base))
        return inferred[:1] or NO_ROLE
    if isinstance(declared, str):   # roles = ("member") is a string, not a tuple: take it as meant
        declared = (declared,)
    if not isinstance(declared, (tuple, list)) or not declared:
        return msg("roles = {declared!r}: expected a tuple of roles, such as ('member',)", declared=declared)
    roles = []
    for role in declared:
        if role not in ROLE_NAMES:
            return msg("roles = {declared!r}: {role!r} is not a role (the roles are {roles})", declared=tuple(declared),
                       role=role, roles=', '.join(ROLE_NAMES))
        if Role(role) not in roles:
            roles.append(Role(role))
    return tuple(roles)
