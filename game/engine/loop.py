"""The one turn loop: the CLI, the tests and the front end all play through it.

Most turns ask one agent for one action (Agent.act). When several leaders move one after another in the same
consultations or silence procedure, all of them played by agents of one class that offers `act_together`, the
loop asks that class once for the whole run (Turns): it may work out what their decisions share at once (the
draft on the table, judged by every one of them in one numpy evaluation), then yields one action per turn. The
loop applies each action before the next turn's observation is made, so an agent still sees every move before
its own. `act` stays the reference: tests/test_phase_at_once.py plays every bundled scenario both ways and
requires the same games; agents written by users, which have no `act_together`, play one by one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Protocol

from .actions import Action
from .game import Game
from .observation import Observation
from .state import GameState, Phase

TOGETHER = (Phase.CONSULTATIONS, Phase.SILENCE)   # the phases in which a run of leaders judges one public state


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

    def __iter__(self) -> Iterator[tuple[Agent, Observation, object]]:
        for index, leader_id in enumerate(self.leader_ids):
            if self.game.current_actor(self.state) != leader_id:   # the phase ended early: nothing more to ask
                return
            observation = self.first if index == 0 else self.game.observe(self.state, leader_id)
            yield self.agents[index], observation, self.game.agent_rng(self.state, leader_id)


def play(game: Game, agents: Mapping[str, Agent], state: GameState | None = None,
         on_step: Callable[[GameState, Action, GameState], None] | None = None,
         max_steps: int = 100_000, together: bool = True) -> GameState:
    """Play from state (default: the start) to the end with one agent per leader id (a summit's Game, or a
    bilateral game, which always plays one turn at a time). together=False asks every agent one turn at a time
    (the reference the phase-at-once path must equal)."""
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
            for action in type(agent).act_together(turns):
                after = game.apply(state, action)
                if on_step:
                    on_step(state, action, after)
                state = turns.state = after
                steps += 1
            continue
        action = agent.act(game.observe(state, actor), game.agent_rng(state, actor))
        after = game.apply(state, action)
        if on_step:
            on_step(state, action, after)
        state = after
        steps += 1
    raise RuntimeError(f"no end after {max_steps} steps")


def _run(game: Game, agents: Mapping[str, Agent], state: GameState) -> tuple[str, ...]:
    """The leaders from the current turn on, in this phase, played by agents of the current one's class, when
    that class offers act_together (else none)."""
    kind = type(agents[game.current_actor(state)])
    if getattr(kind, "act_together", None) is None:
        return ()
    order = game.actors(state.phase, state)
    run = []
    for leader_id in order[state.turn:]:
        if type(agents[leader_id]) is not kind:
            break
        run.append(leader_id)
    return tuple(run)
