"""The one turn loop: the CLI, the tests and the front end all play through it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

from .actions import Action
from .game import Game
from .observation import Observation
from .state import GameState


class Agent(Protocol):
    """Anything that picks an action for a leader from what that leader observes."""

    def act(self, observation: Observation, rng) -> Action: ...


def play(game: Game, agents: Mapping[str, Agent], state: GameState | None = None,
         on_step: Callable[[GameState, Action, GameState], None] | None = None,
         max_steps: int = 100_000) -> GameState:
    """Play from state (default: the start) to the end with one agent per leader id."""
    state = state or game.new_initial_state()
    for _ in range(max_steps):
        if state.is_terminal:
            return state
        actor = game.current_actor(state)
        action = agents[actor].act(game.observe(state, actor), game.agent_rng(state, actor))
        after = game.apply(state, action)
        if on_step:
            on_step(state, action, after)
        state = after
    raise RuntimeError(f"no end after {max_steps} steps")
