"""Users' agents in processes of their own (`--isolate`): one student's infinite loop, crash or runaway memory
never takes a class's tournament down.

An agent file is loaded only in a child process, never in the one that runs the games: `probe` loads a file
there to learn its agent classes (name, description, roles), and `isolated` starts one process per agent
file for a game, which plays every seat that file's agent holds in it. The parent sends the moves made since
the agent's last turn; the child applies them to its own copy of the game (the rules are deterministic, so
both copies agree), makes the seat's observation and random stream exactly as the engine would, asks the
agent, and sends back its action as JSON (a game played isolated is the game played in one process, byte
for byte). The child runs with a CPU-time limit for the whole game (RLIMIT_CPU) and a memory limit
(RLIMIT_AS, on top of what it starts with); the parent waits at most the decision's time limit for each
answer, then stops the process. What went wrong comes back as the same one-line failure the engine gives an
agent in process (engine.loop.ReportedFailure): the containment then seats the built-in agent.

Isolation contains accidents, not a determined attacker: the child is a fork of Summit with the user's
rights, its files and its network. POSIX only (fork and resource limits).
"""

from __future__ import annotations

import contextlib
import importlib.util
import multiprocessing
import os
import re
import signal
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..engine import Action, Game, action_from_json
from ..engine.loop import DECISION_SECONDS, DecisionTimeout, ReportedFailure, _problem, _source, line_in, raised
from ..engine.state import MOVES
from ..i18n import msg
from ..scenario import Scenario
from .base import BaseAgent

AVAILABLE = hasattr(os, "fork") and sys.platform != "win32"
PROBE_SECONDS = 10.0   # to load a file and list its agents
STOP_SECONDS = 0.5     # for a decision stopped at its limit to say where it was


@dataclass(frozen=True)
class Limits:
    """What an isolated agent may use: `seconds` of wall-clock time a decision (the parent waits no longer),
    `cpu_seconds` of CPU time in a whole game, `memory_mb` of memory beyond what its process starts with."""

    seconds: float = DECISION_SECONDS
    cpu_seconds: float = 120.0
    memory_mb: int = 1024

    @classmethod
    def of(cls, seconds: float | None) -> "Limits":
        """The limits with a decision's time as --agent-seconds gives it (None: DECISION_SECONDS)."""
        return cls(seconds=seconds or DECISION_SECONDS)


@dataclass(frozen=True)
class EntryClass:
    """An agent class found in a file: its `name`, its description, the roles it enters (registry.roles_of: its
    `roles`, or the role of the built-in agent it extends), or `problem`, why it cannot play; the class's own
    name."""

    name: str
    description: str
    roles: tuple[str, ...]
    class_name: str
    problem: str = ""


class IsolationError(RuntimeError):
    """A file whose agents cannot be listed (it does not load, loops at import, names no agent): one line."""


# ----- in the child ---------------------------------------------------------------------------------------

def _limit(limits: Limits) -> None:
    """Ctrl-C is the parent's to handle; the CPU time and memory limits start now."""
    import resource

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    cpu = max(1, int(limits.cpu_seconds + 0.999))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    try:   # the address space this fork starts with (Linux); elsewhere the limit counts from nothing
        with open("/proc/self/statm", encoding="ascii") as statm:
            start = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        start = 0
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = start + limits.memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


def _load(path: Path) -> dict[str, type]:
    """The agent classes a file defines, by `name` (its module is this child's alone)."""
    module_name = "summit_isolated." + re.sub(r"\W", "_", path.stem)
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    found = {}
    for value in vars(module).values():
        if isinstance(value, type) and issubclass(value, BaseAgent) and value.__module__ == module_name:
            name = value.__dict__.get("name")
            if isinstance(name, str):
                found[name] = value
    return found


def _entry_class(name: str, kind: type) -> EntryClass:
    from .registry import roles_of

    roles = roles_of(kind)
    description = " ".join(str(kind.__dict__.get("description") or "").split())
    if isinstance(roles, str):
        return EntryClass(name, description, (), kind.__name__, roles)
    return EntryClass(name, description, tuple(role.value for role in roles), kind.__name__)


def _where(error: BaseException, path: Path) -> str:
    line = line_in(error, path)
    return f"{path.name}:{line}" if line is not None else path.name


def _load_error(error: BaseException) -> str:
    """'SyntaxError: expected ':'' (its own file and line are given apart), or what it raised."""
    if isinstance(error, SyntaxError) and error.msg:
        return f"{type(error).__name__}: {error.msg}"
    return raised(error)[len("raised "):]


def _probe_child(connection, path: Path, limits: Limits) -> None:
    _limit(limits)
    try:
        classes = _load(path)
        connection.send(("ok", [_entry_class(name, kind) for name, kind in classes.items()]))
    except BaseException as error:   # the user's code: anything it raises is its failure to report
        connection.send(("error", msg("cannot load: {reason}", reason=_load_error(error)), _where(error, path)))


class _Stopped(BaseException):
    """Raised in the agent's code when the parent stops a decision at its time limit (SIGUSR1): the child says
    where it was before it ends."""


def _stop_here(number, frame):
    raise _Stopped


def _serve(connection, scenario: Scenario, seed: int, path: Path, name: str, leaders: tuple[str, ...],
           limits: Limits) -> None:
    """The child of one agent file in one game: play its seats until the parent closes the pipe."""
    _limit(limits)
    signal.signal(signal.SIGUSR1, _stop_here)
    try:
        kind = _load(path)[name]
        agents = {leader: kind(leader, scenario.leader(leader).traits) for leader in leaders}
    except BaseException as error:
        connection.send(("error", msg("cannot load: {reason}", reason=_load_error(error)), _where(error, path)))
        return
    game = Game(scenario, seed)
    state = game.new_initial_state()
    connection.send(("ready",))
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        if request is None:   # the game is over
            return
        leader, moves = request
        for move in moves:
            state = game.apply(state, action_from_json(move))
        agent = agents[leader]
        phase = state.phase.value
        try:
            action = agent.act(game.observe(state, leader), game.agent_rng(state, leader))
        except _Stopped as error:   # at the time limit: where it was, then the end
            connection.send(("stopped", _source(agent, phase, error)))
            return
        except BaseException as error:
            where = _source(agent, phase, error)
            said = raised(error)   # a Message, kept whole unless its exception's words are very long
            connection.send(("error", said if len(said) <= 2000 else said[:2000], where))
            continue
        problem = _problem(leader, action)
        if problem:
            connection.send(("error", problem, _source(agent, phase, None)))
            continue
        connection.send(("ok", action.to_json(), _source(agent, phase, None)))   # where a refusal points


# ----- in the parent --------------------------------------------------------------------------------------

def _context():
    if not AVAILABLE:
        raise IsolationError(msg("--isolate needs a POSIX system (Linux, macOS): it forks a process per agent"))
    return multiprocessing.get_context("fork")


def probe(path: Path, limits: Limits = Limits()) -> list[EntryClass]:
    """The agent classes of a file, loaded in a process of its own (the file's code never runs here);
    IsolationError in one line when it does not load, or takes longer than PROBE_SECONDS."""
    context = _context()
    mine, theirs = context.Pipe()
    process = context.Process(target=_probe_child, args=(theirs, Path(path), limits), daemon=True,
                              name="summit-agent-probe")
    process.start()
    theirs.close()
    try:
        if not mine.poll(PROBE_SECONDS):
            raise IsolationError(msg("{path}: cannot load: still running after {seconds:g} s (a loop at import?)",
                                     path=path, seconds=PROBE_SECONDS))
        answer = _received(mine)
        if answer is None:
            raise IsolationError(msg("{path}: cannot load: {reason}", path=path, reason=_died(process)))
        if answer[0] == "error":   # ("cannot load: " and what, FILE:LINE)
            said = answer[1][len("cannot load: "):] if answer[1].startswith("cannot load: ") else answer[1]
            raise IsolationError(msg("{where}: cannot load: {reason}", where=Path(path).parent / answer[2],
                                     reason=said) if said != answer[1] else
                                 msg("{path}: {problem}", path=Path(path).parent / answer[2], problem=said))
        return answer[1]
    finally:
        _stop(process, mine)


def _received(connection):
    try:
        return connection.recv()
    except (EOFError, OSError):
        return None


def _died(process) -> str:
    process.join(timeout=2)
    code = process.exitcode
    if code is not None and code < 0:
        number = -code
        if number == signal.SIGXCPU:
            return msg("its process used up its CPU time and was stopped")
        return msg("its process was killed by signal {signal}", signal=signal.Signals(number).name)
    if code == 0 or code is None:
        return msg("its process ended without answering")
    return msg("its process ended with exit code {code} (out of memory, or a crash in a library)", code=code)


def _stop(process, connection, wait: float = 0.5) -> None:
    """Ask the process to end (a fork holds copies of other pipes' ends, so a closed pipe alone may not reach
    it), give it `wait` seconds, then make sure it has."""
    with contextlib.suppress(OSError, ValueError):
        connection.send(None)
    with contextlib.suppress(OSError):
        connection.close()
    process.join(timeout=wait)
    if process.is_alive():
        process.kill()
        process.join()


class _Host:
    """The process of one agent file in one game, serving the seats its agent plays."""

    def __init__(self, scenario: Scenario, seed: int, path: Path, name: str, leaders: tuple[str, ...], limits: Limits):
        self.path, self.name, self.limits = path, name, limits
        self.stopped: str | None = None   # why the process is gone (then every seat's turn fails)
        self.where = path.name            # FILE or FILE:LINE for a failure the process could not locate itself
        self.sent = 0                     # moves of the history the child has applied
        context = _context()
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs, scenario, seed, path, name, leaders, limits),
                                       daemon=True, name=f"summit-agent-{name}")
        self.process.start()
        theirs.close()
        if not self.connection.poll(PROBE_SECONDS):
            self._stop(msg("did not load within {seconds:g} s", seconds=PROBE_SECONDS))
            return
        answer = _received(self.connection)
        if answer is None:
            self._stop(msg("did not load: {reason}", reason=_died(self.process)))
        elif answer[0] == "error":
            self._stop(msg("{problem} ({where})", problem=answer[1], where=answer[2]))

    def ask(self, leader: str, history) -> Action:
        if self.stopped:
            raise ReportedFailure(msg("its process had stopped earlier ({reason})", reason=self.stopped), self.path.name)
        moves = [entry.data["action"] for entry in history[self.sent:] if entry.type in MOVES]
        self.sent = len(history)
        try:
            self.connection.send((leader, moves))
            ready = self.connection.poll(self.limits.seconds)
        except OSError:
            ready, answer = True, None
        if not ready:
            self.where = self._stopped_where() or self.where
            self._stop(msg("stopped at its time limit"), wait=0)
            raise DecisionTimeout(self.limits.seconds)
        answer = _received(self.connection)
        if answer is None:
            reason = _died(self.process)
            self._stop(reason)
            raise ReportedFailure(msg("gave no answer: {reason}", reason=reason), self.path.name)
        if answer[0] == "error":
            raise ReportedFailure(answer[1], answer[2])
        self.where = answer[2]   # the method that answered: where a move the rules refuse points
        return action_from_json(answer[1])

    def _stopped_where(self) -> str | None:
        """Ask the process, stuck in a decision, where it is (FILE:LINE), giving it a moment to answer: a loop
        in Python code answers at once; a call that holds the interpreter does not, and is killed anyway."""
        try:
            os.kill(self.process.pid, signal.SIGUSR1)
            if self.connection.poll(STOP_SECONDS):
                answer = self.connection.recv()
                if answer and answer[0] == "stopped":
                    return answer[1]
        except (OSError, EOFError):
            pass
        return None

    def _stop(self, why: str, wait: float = 0.5) -> None:
        """End the process; `why` (a Message: English in the log's failure line, localized where it is read) is
        what each later turn of its seats says."""
        self.stopped = self.stopped or why
        _stop(self.process, self.connection, wait)

    def close(self) -> None:
        _stop(self.process, self.connection)


class Seat:
    """The agent of one seat as the engine sees it: each decision is its file's process's answer. It keeps
    its own time (the parent waits at most the limit), so the engine sets no alarm on it."""

    keeps_time = True

    def __init__(self, host: _Host, leader_id: str):
        self.host, self.leader_id, self.name = host, leader_id, host.name

    @property
    def source_file(self) -> str:
        """Where a failure's line points when the process did not say (a decision stopped at the limit)."""
        return self.host.where

    def act(self, observation, rng) -> Action:
        return self.host.ask(self.leader_id, observation.history)


@contextlib.contextmanager
def isolated(scenario: Scenario, seed: int, seats: Mapping[str, tuple[Path, str]],
             limits: Limits = Limits()) -> Iterator[dict[str, Seat]]:
    """The agents of `seats` (leader id -> (the agent's file, its `name`)) for one game on `seed`, each file's
    agent in a process of its own; the processes stop when the block ends."""
    by_file: dict[tuple[Path, str], list[str]] = {}
    for leader_id, (path, name) in seats.items():
        by_file.setdefault((Path(path), name), []).append(leader_id)
    hosts = []
    try:
        agents = {}
        for (path, name), leaders in by_file.items():
            host = _Host(scenario, seed, path, name, tuple(leaders), limits)
            hosts.append(host)
            agents.update({leader: Seat(host, leader) for leader in leaders})
        yield agents
    finally:
        for host in hosts:
            host.close()


@contextlib.contextmanager
def seated(scenario: Scenario, seed: int, overrides: Mapping[str, str] | None = None,
           limits: Limits | None = None) -> Iterator[dict]:
    """One agent per leader, as registry.agents_for chooses them; with `limits`, every agent loaded from
    --agents-path (registry.LOADED_FROM) plays in a process of its own for this game (its class is never
    made here). The processes stop when the block ends."""
    from .registry import LOADED_FROM, chosen_names, create

    names = chosen_names(scenario, dict(overrides or {}))
    outside = {leader: (LOADED_FROM[name], name) for leader, name in names.items()
               if limits is not None and name in LOADED_FROM}
    agents = {leader: create(name, leader, scenario) for leader, name in names.items() if leader not in outside}
    if not outside:
        yield agents
        return
    with isolated(scenario, seed, outside, limits) as seats:
        agents.update(seats)
        yield {leader.id: agents[leader.id] for leader in scenario.leaders}


__all__ = ["AVAILABLE", "EntryClass", "IsolationError", "Limits", "Seat", "isolated", "probe", "seated"]
