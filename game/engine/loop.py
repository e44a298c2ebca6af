"""The one turn loop: the CLI, the tests and the front end all play through it.

Most turns ask one agent for one action (Agent.act). When several leaders move one after another in the same
consultations or silence procedure, all of them played by agents of one class that offers `act_together`, the
loop asks that class once for the whole run (Turns): it may work out what their decisions share at once (the
draft on the table, judged by every one of them in one numpy evaluation), then yields one action per turn. In
consultations the loop applies each action before the next turn's observation is made, so an agent still sees
every move before its own. In the silence procedure no voter sees the others' answers until the round's result
(observation.py), so a run's answers are all asked first and applied in one step (Game.apply_answers). `act`
stays the reference: tests/test_phase_at_once.py plays every bundled scenario both ways and requires the same
games. Agents written by users play one by one (a run of Turns holds the game, which no user's code is handed),
even a user's subclass of a built-in agent.

A user's agent may fail at its turn: raise, return no action or one for another leader or the teacher, make a
move the rules refuse, or run past its time limit. Without containment that is an AgentError naming the agent,
where in its file, the leader, the round, the phase and the seed. With a Containment (what the commands use
unless --strict-agents), the built-in agent for the leader's role takes the seat for the rest of the game and
makes that move; the failure is kept (Failure) for the log and the report. The observation and random stream
are made before the time limit starts, so a stopped decision never interrupts the engine's own code. Built-in
agents are never contained or timed: their failure is Summit's bug.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from ..i18n import general, msg
from .actions import Action, IllegalActionError, TeacherAction
from .game import Game
from .narrate import Later, shown_phase, ungrouped
from .observation import Observation
from .state import GameState, Phase

TOGETHER = (Phase.CONSULTATIONS, Phase.SILENCE)   # the phases in which a run of leaders judges one public state
BUILT_IN = "game.agents."   # only the built-in agents' act_together is handed a run of Turns (it holds the game)


class Agent(Protocol):
    """Anything that picks an action for a leader from what that leader observes."""

    def act(self, observation: Observation, rng) -> Action: ...


class Turns:
    """Leaders about to move one after another in one phase, each played by an agent of the same class.
    `first` is the first one's observation (the public state they all start from); iterating gives
    (agent, observation, rng) for each turn in order, the observation made only when that turn comes (after
    the actions before it were applied)."""

    def __init__(self, game: Game, leader_ids: tuple[str, ...], agents: Mapping[str, Agent], state: GameState,
                 answers: bool = False):
        self.game, self.leader_ids, self.agents = game, leader_ids, [agents[leader] for leader in leader_ids]
        self.state = state   # the loop keeps it current (not with answers: see __iter__)
        self.answers = answers
        self.first = game.observe(state, leader_ids[0])
        self._preferences = game.preferences_now(state)

    def judge(self, draft) -> None:
        """Work out how a draft stands for every leader of the run in one evaluation, so that each, asking about
        it from its own observation (utility, losses, crossed), reads its answer (Preferences.judge_together)."""
        self._preferences.judge_together(draft, self.leader_ids)

    def __iter__(self) -> Iterator[tuple[Agent, Observation, object]]:
        if self.answers:   # the silence procedure: each voter's turn seen from the state the run starts from
            yield from self._answering()
            return
        for index, leader_id in enumerate(self.leader_ids):
            if self.game.current_actor(self.state) != leader_id:   # the phase ended early: nothing more to ask
                return
            observation = self.first if index == 0 else self.game.observe(self.state, leader_id)
            yield self.agents[index], observation, self.game.agent_rng(self.state, leader_id)

    def _answering(self) -> Iterator[tuple[Agent, Observation, object]]:
        """The silence procedure's turns, none applied yet: a voter is shown the record as it stood when the
        procedure opened (observation.py), so its turn, seen from the run's first state with the turn moved on,
        is what it would see after the answers before it were applied; its random stream is the one of its own
        move (`later` moves on)."""
        game, state = self.game, self.state
        for index, leader_id in enumerate(self.leader_ids):
            turn = state if index == 0 else state.evolve(turn=state.turn + index)
            observation = self.first if index == 0 else game.observe(turn, leader_id)
            yield self.agents[index], observation, game.agent_rng(state, leader_id, later=index)


_DONE = object()   # the end of a run of turns (act_together has no more actions)


class AgentError(RuntimeError):
    """An agent failed at its turn: it raised, returned something that is not an action, spoke for another
    leader, made the teacher's move, made a move the rules refuse, or took longer than its time limit. The
    message names the leader, the agent, where in its file, the round, the phase and the seed; `state` is the
    game just before that turn (to log what was played), `actor` the leader. Pickled (from a batch's worker),
    it keeps its message only."""

    def __init__(self, message: str, state: GameState | None = None, actor: str | None = None):
        super().__init__(message)
        self.state, self.actor = state, actor

    def __reduce__(self):
        return AgentError, (str(self),)


class DecisionTimeout(BaseException):
    """Raised inside an agent that runs past its time limit (a BaseException: an agent's `except Exception`
    does not catch it)."""


class ReportedFailure(Exception):
    """An agent's failure as someone else saw it (an agent in a process of its own, game/agents/isolate.py):
    `what` went wrong, `where` in the agent's file (FILE:LINE, or empty)."""

    def __init__(self, what: str, where: str = ""):
        super().__init__(what)
        self.what, self.where = what, where


def is_built_in(agent) -> bool:
    """A built-in agent is Summit's own code: its failure is a bug to surface, never contained or timed. (An
    isolated seat, game/agents/isolate.py, is Summit's class but a user's agent: it keeps its own time.)"""
    return type(agent).__module__.startswith(BUILT_IN) and not getattr(agent, "keeps_time", False)


def checked(game: Game, state: GameState, actor: str, agent, decide: Callable[[], object],
            seconds: float | None = None) -> Action:
    """decide()'s action for actor, or AgentError saying what went wrong (agents are code a user may write);
    the rules' own check comes when it is applied (applied). With `seconds`, a decision that takes longer
    fails too (stopped when it can be: in the main thread, with no other alarm set)."""
    began = time.perf_counter() if seconds is not None else 0.0
    try:
        if seconds is None:   # a built-in agent: no clock (this runs at every move)
            action = decide()
        else:
            with time_limit(seconds):
                action = decide()
    except (AgentError, KeyboardInterrupt):
        raise
    except DecisionTimeout as error:
        limit = error.args[0] if error.args else seconds   # an agent that keeps its own time says its limit
        raise _failure(game, state, actor, agent, msg("took longer than its limit of {limit} s a decision (stopped)",
                                                      limit=Later(general, limit)), error) from None
    except ReportedFailure as error:
        raise _failure(game, state, actor, agent, error.what, where=error.where) from None
    except (Exception, SystemExit) as error:   # a user's agent may raise anything (exit() too): say whose it was
        raise _failure(game, state, actor, agent, raised(error), error) from error
    if action is _DONE:
        return action
    took = time.perf_counter() - began if seconds is not None else 0.0
    if seconds is not None and took > seconds:
        raise _failure(game, state, actor, agent, msg("took {took} s, longer than its limit of {seconds} s a decision",
                                                      took=Later(ungrouped, took, 1), seconds=Later(general, seconds)))
    problem = _problem(actor, action)
    if problem:
        raise _failure(game, state, actor, agent, problem)
    return action


@contextlib.contextmanager
def time_limit(seconds: float | None, error: Callable[[], BaseException] = DecisionTimeout) -> Iterator[None]:
    """error() raised in this thread after `seconds`, where a timer can be set: the main thread of a POSIX
    process with no alarm of its own running. Elsewhere the block runs on (a decision's time is then checked
    after it)."""
    if (seconds is None or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield
        return

    def expire(number, frame):
        raise error()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def raised(error: BaseException) -> str:
    """'raised KeyError: 'x'' (or 'raised MemoryError' for an exception with no message), on one line (a Message:
    the exception's own words stay as they are)."""
    text = " ".join(str(error).split())
    if text:
        return msg("raised {error_type}: {said}", error_type=type(error).__name__, said=text)
    return msg("raised {error_type}", error_type=type(error).__name__)


def _problem(actor: str, action) -> str | None:
    if not isinstance(action, Action):
        return msg("returned {kind}, not an action", kind=type(action).__name__ if action is not None else "None")
    if isinstance(action, TeacherAction):
        return msg("returned the teacher's move {kind}: an agent may not use the teacher's moves",
                   kind=type(action).__name__)
    if action.actor != actor:
        return msg("returned a move for {leader!r}, not for {actor!r}", leader=action.actor, actor=actor)
    return None   # whether the rules allow it now, apply() says (see applied)


def applied(game: Game, state: GameState, actor: str, agent, action: Action) -> GameState:
    """game.apply(state, action) for an agent's checked action, or AgentError when the rules refuse it."""
    try:
        return game.apply(state, action)
    except IllegalActionError as error:
        raise _failure(game, state, actor, agent, msg("returned a move the rules refuse ({kind}): {reason}",
                                                      kind=type(action).__name__, reason=error.args[0])) from None


def agent_name(agent) -> str:
    return getattr(agent, "name", None) or type(agent).__name__


def _failure(game: Game, state: GameState, actor: str, agent, what: str, error: BaseException | None = None,
             where: str | None = None) -> AgentError:
    phase = getattr(getattr(state, "phase", None), "value", None)
    when = (msg("round {round}, {phase}", round=state.round, phase=Later(shown_phase, phase)) if phase else
            msg("round {round}", round=state.round))
    source = _source(agent, phase, error) if where is None else where
    fields = {"leader": actor, "agent": agent_name(agent), "source": source, "when": when, "seed": game.seed,
              "what": what}
    if source:
        return AgentError(msg("the agent for {leader} ({agent}, {source}) at {when}, seed {seed}: {what}", **fields),
                          state, actor)
    return AgentError(msg("the agent for {leader} ({agent}) at {when}, seed {seed}: {what}", **fields), state, actor)


PHASE_METHODS = {"drafting": "draft", "consultations": "consult", "silence": "silence"}


def line_in(error: BaseException, path) -> int | None:
    """The line of the file at `path` an error points at: a syntax error's own line, else the last line of the
    file the exception passed through; None when it never passed through it."""
    path = os.fspath(path)
    if (isinstance(error, SyntaxError) and error.lineno and error.filename
            and os.path.basename(error.filename) == os.path.basename(path)):
        return error.lineno
    lines = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == path]
    return lines[-1] if lines else None


def _source(agent, phase: str | None, error: BaseException | None) -> str:
    """FILE:LINE in the agent's own file: the last line of it an exception passed through, else the method
    that answers this phase (or act), else the class's first method. Empty when no method of the class's
    own has a file (a class made in memory)."""
    if getattr(agent, "source_file", None):   # an agent in another process (game/agents/isolate.py)
        return agent.source_file
    own = {name: value.__code__ for name, value in vars(type(agent)).items() if hasattr(value, "__code__")}
    if not own:
        return ""
    path = next(iter(own.values())).co_filename
    name = os.path.basename(path)
    line = line_in(error, path) if error is not None else None
    if line is not None:
        return f"{name}:{line}"
    for method in (PHASE_METHODS.get(phase or ""), "act"):
        if method in own:
            return f"{name}:{own[method].co_firstlineno}"
    return f"{name}:{min(code.co_firstlineno for code in own.values())}"


DECISION_SECONDS = 5.0
"""A user's agent's time for one decision, unless the command says otherwise (--agent-seconds)."""


@dataclass
class Failure:
    """A user's agent that failed at its turn and gave its seat to the built-in agent for the role, for the
    rest of the game. `entry` is how many log entries came before it (where its log line goes)."""

    leader: str
    agent: str
    replaced_by: str
    round: int
    phase: str
    entry: int
    message: str   # the whole line: whose agent, where in its file, when, which seed, what went wrong

    def to_json(self) -> dict:
        """The log's line for it: not one of the rules' lines (replay keeps it aside, as it keeps talks)."""
        return {"type": FAILURE, "round": self.round, "phase": self.phase, "leader": self.leader,
                "agent": self.agent, "replaced_by": self.replaced_by, "text": self.message}


FAILURE = "agent_failure"   # the type of a failure's log line


@dataclass
class Containment:
    """How a game treats the failures of users' agents (built-in agents are never contained: their failure is
    a bug). `fallback(leader_id)` is the built-in agent for that leader's role, which plays in place of a
    failed agent for the rest of the game; `strict` lets the first failure end the game (AgentError) instead;
    `seconds` is each decision's time limit (None: none). `failures` grows as the game is played."""

    fallback: Callable[[str], Agent]
    seconds: float | None = DECISION_SECONDS
    strict: bool = False
    failures: list[Failure] = field(default_factory=list)
    on_failure: Callable[[Failure], None] | None = None

    def limit(self, agent) -> float | None:
        """The time limit this loop sets on the agent's decision: none for a built-in agent, nor for one that
        keeps its own (an agent in another process: game/agents/isolate.py)."""
        return None if is_built_in(agent) or getattr(agent, "keeps_time", False) else self.seconds

    def replace(self, error: AgentError, agent, state: GameState) -> Agent:
        """The agent to play in place of one that failed; AgentError again when it cannot be replaced."""
        if self.strict or is_built_in(agent) or error.actor is None:
            raise error
        stand_in = self.fallback(error.actor)
        phase = getattr(getattr(state, "phase", None), "value", "")
        failure = Failure(error.actor, agent_name(agent), agent_name(stand_in), state.round, phase,
                          len(state.history), error.args[0] + msg("; the built-in {agent} agent plays {leader} from here",
                                                                  agent=agent_name(stand_in), leader=error.actor))
        self.failures.append(failure)
        if self.on_failure is not None:
            self.on_failure(failure)
        return stand_in


def moved(game: Game, state: GameState, actor: str, agents: dict, containment: Containment | None = None
          ) -> tuple[Action, GameState]:
    """The move of the agent whose turn it is, checked and applied: (action, the state after it), or AgentError
    if the agent fails. With containment, a user's agent that fails gives its seat (in `agents`) to the
    built-in agent for its role, which moves instead."""
    agent = agents[actor]
    seconds = containment.limit(agent) if containment is not None else None
    observation, rng = game.observe(state, actor), game.agent_rng(state, actor)   # outside the time limit
    try:
        action = checked(game, state, actor, agent, lambda: agent.act(observation, rng), seconds)
        return action, applied(game, state, actor, agent, action)
    except AgentError as error:
        if containment is None:
            raise
        agents[actor] = containment.replace(error, agent, state)
        return moved(game, state, actor, agents, containment)


def play(game: Game, agents: Mapping[str, Agent], state: GameState | None = None,
         on_step: Callable[[GameState, Action, GameState], None] | None = None,
         max_steps: int = 100_000, together: bool = True, containment: Containment | None = None) -> GameState:
    """Play from state (default: the start) to the end with one agent per leader id (a summit's Game, or a
    bilateral game, which always plays one turn at a time). together=False asks every agent one turn at a time
    (the reference the phase-at-once path must equal). AgentError when an agent fails at its turn, unless
    `containment` gives a user's failed agent's seat to the built-in agent for its role (Containment)."""
    state = state or game.new_initial_state()
    agents = dict(agents)   # a contained failure changes who sits where, for this game only
    with fewer_collections():
        return _played(game, agents, state, on_step, max_steps, together, containment)


def _played(game: Game, agents: dict, state, on_step, max_steps: int, together: bool,
            containment: Containment | None):
    steps = 0
    while steps < max_steps:
        if state.is_terminal:
            return state
        actor = game.current_actor(state)
        run = _run(game, agents, state) if together and isinstance(state, GameState) and state.phase in TOGETHER else ()
        if len(run) > 1 and state.phase == Phase.SILENCE and on_step is None:
            state = _answered(game, agents, state, run)
            steps += len(run)
            continue
        if len(run) > 1:
            turns = Turns(game, run, agents, state)
            actions = iter(type(agents[actor]).act_together(turns))
            while not state.is_terminal:
                actor = game.current_actor(state)
                action = checked(game, state, actor, agents[actor], lambda: next(actions, _DONE))
                if action is _DONE:   # the run is over (or the phase ended early)
                    break
                after = applied(game, state, actor, agents[actor], action)
                if on_step:
                    on_step(state, action, after)
                state = turns.state = after
                steps += 1
            continue
        action, after = moved(game, state, actor, agents, containment)
        if on_step:
            on_step(state, action, after)
        state = after
        steps += 1
    raise RuntimeError(f"no end after {max_steps} steps")


def _answered(game: Game, agents: dict, state: GameState, run: tuple[str, ...]) -> GameState:
    """A run of voters' answers in the silence procedure, all asked before any is applied (each is shown the record
    as it stood when the procedure opened, whatever its place: observation.py), then applied in one step
    (Game.apply_answers): the game that asking and applying them one by one gives."""
    turns = Turns(game, run, agents, state, answers=True)
    decided = iter(type(agents[run[0]]).act_together(turns))
    actions = [checked(game, state, leader, agents[leader], lambda: next(decided, _DONE)) for leader in run]
    if any(action is _DONE for action in actions):   # the class stopped early: Summit's bug
        raise RuntimeError(f"act_together of {type(agents[run[0]]).__name__} stopped before the run's end")
    try:
        return game.apply_answers(state, actions)
    except IllegalActionError:   # say which answer the rules refuse, and why, as one by one would
        for leader, action in zip(run, actions):
            state = applied(game, state, leader, agents[leader], action)
        raise


YOUNG_OBJECTS = 10_000   # gen-0 threshold while a game is played (Python's default is 700)
_PLAYING = {"games": 0, "threshold": None}
_PLAYING_LOCK = threading.Lock()


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cyclic garbage collector run less often while games are played: a game makes hundreds of
    thousands of small objects that reference counting alone frees, and at the default thresholds the collector
    runs every 700 of them and, now and then, through every object the game keeps alive, its whole log (a third
    of a 512-ally game's time, 7% of a Rutte game's). The thresholds are raised while any game plays in this
    process and put back as they were when the last one ends; a collector someone switched off stays off.

    When the last game ends, what it made and still holds (its states, its log, the game's tables: thousands
    of objects, none of them garbage, for a game's objects form no reference cycles) is moved to the oldest
    generation in one step (gc.freeze, then gc.unfreeze, each a splice of lists) before the thresholds go
    back. Otherwise the young-object count, far past the default threshold, makes the next allocation run a
    collection through all of it, about 2 ms a Rutte game that finds nothing; the caller frees those objects
    by reference counting when it drops the state, and a full collection still looks at whatever it keeps."""
    with _PLAYING_LOCK:
        _PLAYING["games"] += 1
        if _PLAYING["games"] == 1:
            threshold = gc.get_threshold()
            _PLAYING["threshold"] = threshold
            if threshold[0] > 0:
                gc.set_threshold(max(threshold[0], YOUNG_OBJECTS), *(max(level, 50) for level in threshold[1:]))
    try:
        yield
    finally:
        with _PLAYING_LOCK:
            _PLAYING["games"] -= 1
            if _PLAYING["games"] == 0:
                if _PLAYING["threshold"][0] > 0 and gc.get_freeze_count() == 0:   # (never thaw someone's freeze)
                    gc.freeze()     # the game's survivors, and the young count with them, to the oldest
                    gc.unfreeze()   # generation: no collection through them as the threshold drops
                gc.set_threshold(*_PLAYING["threshold"])


def _run(game: Game, agents: Mapping[str, Agent], state: GameState) -> tuple[str, ...]:
    """The leaders from the current turn on, in this phase, played by agents of the current one's class, when
    that class offers act_together (else none)."""
    kind = type(agents[game.current_actor(state)])
    together = getattr(kind, "act_together", None)
    if together is None or not kind.__module__.startswith(BUILT_IN):
        return ()   # a user's class plays one by one: Turns holds the game, and a time limit stops only its act()
    order = game.actors(state.phase, state)
    run = []
    for leader_id in order[state.turn:]:
        if type(agents[leader_id]) is not kind:
            break
        run.append(leader_id)
    return tuple(run)
