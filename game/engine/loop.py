"""The one turn loop: the CLI, the tests and the front end all play through it.

Most turns ask one agent for one action (Agent.act). When several leaders move one after another in the same
consultations or silence procedure, all of them played by agents of one class that offers `act_together`, the
loop asks that class once for the whole run (Turns): it may work out what their decisions share at once (the
draft on the table, judged by every one of them in one numpy evaluation), then yields one action per turn. The
loop applies each action before the next turn's observation is made, so an agent still sees every move before
its own. `act` stays the reference: tests/test_phase_at_once.py plays every bundled scenario both ways and
requires the same games. Agents written by users play one by one: a class without `act_together`, or with its
own (a run of Turns holds the game, which no user's code is handed); a user's subclass of a built-in agent keeps
the built-in act_together, which asks the subclass's act() at each turn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Protocol

from .actions import Action, IllegalActionError, TeacherAction
from .game import Game
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

    def __init__(self, game: Game, leader_ids: tuple[str, ...], agents: Mapping[str, Agent], state: GameState):
        self.game, self.leader_ids, self.agents = game, leader_ids, [agents[leader] for leader in leader_ids]
        self.state = state   # the loop keeps it current
        self.first = game.observe(state, leader_ids[0])
        self._preferences = game.preferences_now(state)

    def judge(self, draft) -> None:
        """Work out how a draft stands for every leader of the run in one evaluation, so that each, asking about
        it from its own observation (utility, losses, crossed), reads its answer (Preferences.judge_together)."""
        self._preferences.judge_together(draft, self.leader_ids)

    def __iter__(self) -> Iterator[tuple[Agent, Observation, object]]:
        for index, leader_id in enumerate(self.leader_ids):
            if self.game.current_actor(self.state) != leader_id:   # the phase ended early: nothing more to ask
                return
            observation = self.first if index == 0 else self.game.observe(self.state, leader_id)
            yield self.agents[index], observation, self.game.agent_rng(self.state, leader_id)


_DONE = object()   # the end of a run of turns (act_together has no more actions)


class AgentError(RuntimeError):
    """An agent failed at its turn: it raised, returned something that is not an action, spoke for another
    leader, made the teacher's move, or made a move the rules refuse. The message names the leader, the
    agent, the round, the phase and the seed; `state` is the game just before that turn (to log what was
    played). Pickled (from a batch's worker), it keeps its message only."""

    def __init__(self, message: str, state: GameState | None = None):
        super().__init__(message)
        self.state = state

    def __reduce__(self):
        return AgentError, (str(self),)


def checked(game: Game, state: GameState, actor: str, agent, decide: Callable[[], object]) -> Action:
    """decide()'s action for actor, or AgentError saying what went wrong (agents are code a user may write);
    the rules' own check comes when it is applied (applied)."""
    try:
        action = decide()
    except (AgentError, KeyboardInterrupt):
        raise
    except (Exception, SystemExit) as error:   # a user's agent may raise anything (exit() too): say whose it was
        raise _failure(game, state, actor, agent, f"raised {type(error).__name__}: {error}") from error
    if action is _DONE:
        return action
    problem = _problem(actor, action)
    if problem:
        raise _failure(game, state, actor, agent, problem)
    return action


def _problem(actor: str, action) -> str | None:
    if not isinstance(action, Action):
        return f"returned {type(action).__name__ if action is not None else 'None'}, not an action"
    if isinstance(action, TeacherAction):
        return f"returned the teacher's move {type(action).__name__}: an agent moves only for its own leader"
    if action.actor != actor:
        return f"returned a move for {action.actor!r}, not for {actor!r}"
    return None   # whether the rules allow it now, apply() says (see applied)


def applied(game: Game, state: GameState, actor: str, agent, action: Action) -> GameState:
    """game.apply(state, action) for an agent's checked action, or AgentError when the rules refuse it."""
    try:
        return game.apply(state, action)
    except IllegalActionError as error:
        raise _failure(game, state, actor, agent, f"returned a move the rules refuse ({type(action).__name__}): "
                                                  f"{error}") from None


def _failure(game: Game, state: GameState, actor: str, agent, what: str) -> AgentError:
    phase = getattr(getattr(state, "phase", None), "value", None)
    where = f"round {state.round}" + (f", {phase}" if phase else "")
    return AgentError(f"the agent for {actor} ({getattr(agent, 'name', None) or type(agent).__name__}) at {where}, "
                      f"seed {game.seed}: {what}", state)


def play(game: Game, agents: Mapping[str, Agent], state: GameState | None = None,
         on_step: Callable[[GameState, Action, GameState], None] | None = None,
         max_steps: int = 100_000, together: bool = True) -> GameState:
    """Play from state (default: the start) to the end with one agent per leader id (a summit's Game, or a
    bilateral game, which always plays one turn at a time). together=False asks every agent one turn at a time
    (the reference the phase-at-once path must equal). AgentError when an agent fails at its turn."""
    state = state or game.new_initial_state()
    steps = 0
    while steps < max_steps:
        if state.is_terminal:
            return state
        actor = game.current_actor(state)
        agent = agents[actor]
        run = _run(game, agents, state) if together and isinstance(state, GameState) and state.phase in TOGETHER else ()
        if len(run) > 1:
            turns = Turns(game, run, agents, state)
            actions = iter(type(agent).act_together(turns))
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
        action = checked(game, state, actor, agent,
                         lambda: agent.act(game.observe(state, actor), game.agent_rng(state, actor)))
        after = applied(game, state, actor, agent, action)
        if on_step:
            on_step(state, action, after)
        state = after
        steps += 1
    raise RuntimeError(f"no end after {max_steps} steps")


def _run(game: Game, agents: Mapping[str, Agent], state: GameState) -> tuple[str, ...]:
    """The leaders from the current turn on, in this phase, played by agents of the current one's class, when
    that class offers act_together (else none)."""
    kind = type(agents[game.current_actor(state)])
    together = getattr(kind, "act_together", None)
    if together is None or not getattr(together, "__module__", "").startswith(BUILT_IN):
        return ()   # a class of a user's own act_together plays one by one: Turns holds the game
    order = game.actors(state.phase, state)
    run = []
    for leader_id in order[state.turn:]:
        if type(agents[leader_id]) is not kind:
            break
        run.append(leader_id)
    return tuple(run)
