"""An agent's observation leads nowhere private: walking every object reachable from it (attributes, slots,
containers, functions' closures and bound objects, weak references) finds no game, no state, no table of
everyone's preferences, no scenario file text, and no leader's positions, traits or objective but its own
(issue "Your own agents": `observation._game.scenario` handed an agent the US President's red line)."""

from __future__ import annotations

import enum
import functools
import types
import weakref

import numpy as np
import pytest

from game.agents import agents_for, names
from game.engine import Game, GameState, Observation
from game.engine.preferences import Preferences
from game.scenario import Leader, Traits, load_scenario
from game.scenario.catalogue import bundled_dir, bundled_ids

ATOMS = (str, bytes, int, float, bool, complex, type(None), enum.Enum, np.ndarray, np.generic, range)


def _reachable(start):
    """Every object reachable from start, with the path that reached it."""
    seen, todo = {id(start)}, [(start, "observation")]
    while todo:
        item, path = todo.pop()
        yield item, path
        if isinstance(item, ATOMS) or isinstance(item, (type, types.ModuleType)):
            continue
        children = []
        if isinstance(item, (dict, types.MappingProxyType)):
            children += [(value, f"{path}[{key!r}]") for key, value in item.items()]
            children += [(key, f"{path}.key") for key in item]
        elif isinstance(item, (list, tuple, set, frozenset)):
            children += [(value, f"{path}[{index}]") for index, value in enumerate(item)]
        elif isinstance(item, (types.FunctionType, types.LambdaType)):
            children += [(cell.cell_contents, f"{path}.<closure>") for cell in item.__closure__ or ()]
            children += [(value, f"{path}.<default>") for value in item.__defaults__ or ()]
        elif isinstance(item, types.MethodType):
            children += [(item.__self__, f"{path}.__self__"), (item.__func__, f"{path}.__func__")]
        elif isinstance(item, functools.partial):
            children += [(item.func, f"{path}.func"), *((arg, f"{path}.arg") for arg in item.args),
                         *((value, f"{path}.{key}") for key, value in item.keywords.items())]
        elif isinstance(item, weakref.ref):
            children.append((item(), f"{path}()"))
        if hasattr(item, "__dict__") and not isinstance(item, (types.FunctionType, types.MethodType)):
            children += [(value, f"{path}.{key}") for key, value in vars(item).items()]
        for kind in type(item).__mro__:
            for slot in kind.__dict__.get("__slots__", ()):
                if slot not in ("__dict__", "__weakref__") and hasattr(item, slot):
                    children.append((getattr(item, slot), f"{path}.{slot}"))
        for child, where in children:
            if id(child) not in seen:
                seen.add(id(child))
                todo.append((child, where))


def _leaks(observation: Observation, scenario) -> list[str]:
    found = []
    for item, path in _reachable(observation):
        if isinstance(item, (Game, GameState, Preferences)):
            found.append(f"{path}: a {type(item).__name__}")
        elif isinstance(item, Leader) and item.id != observation.leader_id and (
                item.positions or item.objective or item.traits != Traits()):
            found.append(f"{path}: {item.id}'s positions, traits or objective")
        elif isinstance(item, str) and len(item) > 200 and item == scenario.source_text:
            found.append(f"{path}: the scenario file")
    return found


def _observations(scenario, seed: int = 1):
    """Every leader's observation at the start and at every move of a game's first two rounds."""
    game = Game(scenario, seed)
    agents = agents_for(scenario)
    state = game.new_initial_state()
    while not state.is_terminal and state.round <= 2:
        actor = game.current_actor(state)
        observation = game.observe(state, actor)
        yield observation
        state = game.apply(state, agents[actor].act(observation, game.agent_rng(state, actor)))
    for leader in scenario.leaders:
        yield game.observe(state, leader.id)


@pytest.mark.parametrize("scenario_id", bundled_ids())
def test_nothing_private_is_reachable_from_an_observation(scenario_id):
    scenario = load_scenario(bundled_dir() / f"{scenario_id}.yaml", names())
    if scenario.is_bilateral:
        pytest.skip("a bilateral game's observation is its own (tests/test_bilateral.py)")
    checked = 0
    for observation in _observations(scenario):
        observation.legal.get("pass")   # asked or not, legal leads nowhere
        assert _leaks(observation, scenario) == []
        checked += 1
    assert checked > len(scenario.leaders)


def test_the_walk_finds_what_the_old_observation_leaked(rutte):
    """The test can fail: an object holding the game, or another leader's positions, is found."""
    game = Game(rutte, 0)
    observation = game.observe(game.new_initial_state(), "sanchez")
    assert _leaks(observation, rutte) == []
    planted = type("Planted", (), {})()
    planted.rules = game
    object.__setattr__(observation, "planted", planted)
    assert any("a Game" in leak for leak in _leaks(observation, rutte))
    object.__setattr__(observation, "planted", lambda: rutte.leader("trump"))
    assert any("trump's positions" in leak for leak in _leaks(observation, rutte))


def test_own_positions_still_answer_and_full_information_shows_everyone(rutte):
    game = Game(rutte, 0)
    observation = game.observe(game.new_initial_state(), "sanchez")
    assert observation.everyones_preferences() is None
    assert 0.0 <= observation.utility(observation.draft) <= 1.0
    assert observation.crossed(observation.no_deal) == game.preferences(()).crossed(observation.no_deal, "sanchez")
    full = Game(rutte.with_information("full"), 0)
    assert full.observe(full.new_initial_state(), "sanchez").everyones_preferences() is not None
