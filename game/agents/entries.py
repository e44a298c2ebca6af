"""A class tournament's entries (`summit tournament SCENARIO --entries DIR`): each *.py file in DIR, one per
student or team, loaded on its own, so that one broken file is one line of the leaderboard and the others
still play.

Every agent class a file defines (derived from BaseAgent, with its own `name`) is an entry. It plays the roles
its class attribute `roles` names (a tuple of "member", "us_president", "secretary_general"); without one, the
role of the built-in agent it derives from (MemberAgent: member, UsPresidentAgent: us_president,
SecretaryGeneralAgent: secretary_general). Entries are not added to the registry of agent names: a scenario
or `--agents` never names them.

Loading a file runs its module code in this process, unless the entries are isolated: then each file is read
in a process of its own (isolate.probe) and its agents play only there (isolate.isolated).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..engine.narrate import Later
from ..i18n import _, error_text, msg
from ..scenario import Role
from .base import BaseAgent
from .registry import AGENTS, AgentPathError, check_folder, load_agent_file, roles_of



@dataclass(frozen=True)
class Entry:
    """One agent class of the tournament and the roles it enters."""

    file: str                    # the file's name in the folder ("amira_member.py")
    name: str                    # the agent's `name` ("amira_deliver")
    kind: type[BaseAgent] | None  # the class: kind(leader_id, traits) makes one for a seat (None: the file was
                                  # read in a process of its own, isolate.probe, and plays only there)
    roles: tuple[Role, ...]
    path: str = ""               # the file as loaded (its code's file name, for FILE:LINE of a failure)


@dataclass(frozen=True)
class Rejected:
    """A file that did not load, or a class in it that cannot play: listed at the bottom of the leaderboard."""

    file: str
    name: str                    # the agent's name; "" when the file did not load
    problem: str                 # one line: "did not load: FILE:LINE: ...", or "declares no role (...)"; a
                                 # Message (English as its str, which the CSV and JSON keep; localize where shown)

    @property
    def status(self) -> str:
        """The problem in a few words, for a table's cell: "did not load" or "cannot play" (a Message)."""
        return msg("did not load") if self.problem.startswith("did not load") else msg("cannot play")


def load_entries(folder: str | Path, isolated: bool = False) -> tuple[tuple[Entry, ...], tuple[Rejected, ...]]:
    """The entries of every *.py file in `folder` (by file name, then in each file's order) and what could not
    play. With `isolated`, each file is read in a process of its own (isolate.probe): its code never runs in
    this one. AgentPathError only when `folder` is not a folder or holds no .py file."""
    folder = check_folder(folder)
    paths = sorted(folder.glob("*.py"))
    if not paths:
        raise AgentPathError(msg("{folder}: no .py files (an entry is a .py file with an agent class)", folder=folder))
    read = _probed if isolated else _loaded
    entries: list[Entry] = []
    rejected: list[Rejected] = []
    taken: dict[str, str] = {}   # agent name -> the file that has it
    for path in paths:
        try:
            found = read(path)
        except AgentPathError as error:
            rejected.append(Rejected(path.name, "", msg("did not load: {problem}",
                                                        problem=Later(_shown_short, error, folder))))
            continue
        if not found:
            rejected.append(Rejected(path.name, "", msg("did not load: no agent class in it (a class derived from "
                                                        "game.agents.base.BaseAgent, with a `name`)")))
            continue
        clash = next((name for name, _, _ in found if name in AGENTS or name in taken), None)
        if clash is not None:
            whose = msg("a built-in agent") if clash in AGENTS else taken[clash]
            rejected.append(Rejected(path.name, "", msg("did not load: {file}: agent name {name!r} is taken (by "
                                                        "{whose}); give the class another `name`", file=path.name,
                                                        name=clash, whose=whose)))
            continue
        for name, kind, roles in found:
            taken[name] = path.name
            if isinstance(roles, str):
                rejected.append(Rejected(path.name, name, roles))
            else:
                entries.append(Entry(path.name, name, kind, roles, str(path)))
    return tuple(entries), tuple(rejected)


Found = list[tuple[str, "type[BaseAgent] | None", "tuple[Role, ...] | str"]]   # (name, class, roles or why not)


def _loaded(path: Path) -> Found:
    """A file's agent classes, loaded here; AgentPathError when it does not load."""
    return [(kind.name, kind, roles_of(kind)) for kind in load_agent_file(path, "summit_entries")]


def _probed(path: Path) -> Found:
    """A file's agent classes as a process of their own read them (no class here); AgentPathError as above."""
    from .isolate import IsolationError, probe

    try:
        found = probe(path)
    except IsolationError as error:
        raise AgentPathError(error.args[0] if len(error.args) == 1 else str(error)) from None
    return [(kind.name, None, kind.problem or tuple(Role(role) for role in kind.roles)) for kind in found]


def _shown_short(error: AgentPathError, folder: Path) -> str:
    """Why a file did not load, in the language in use, as the leaderboard lists it: the registry's message with
    the folder's path left out (the leaderboard lists the folder once) and no "cannot load" after "did not load"."""
    message, prefix = error_text(error), f"{folder}/"
    message = message[len(prefix):] if message.startswith(prefix) else message
    return message.replace(_("{where}: cannot load: {reason}").format(where="", reason=""), _(": "), 1)
