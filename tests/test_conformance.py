"""Every bundled scenario, played by every agent mix, follows the rules to an end (OpenSpiel-style)."""

import ast
from pathlib import Path

import pytest

from game.agents import agents_for, names
from game.scenario.catalogue import bundled_dir, bundled_ids
from game.engine import Game, outcome, play
from game.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("scenario_id", bundled_ids())
@pytest.mark.parametrize("mix", [{}, {"member": "random"}, {"member": "random", "us_president": "random",
                                                            "secretary_general": "random"},
                                 {"member": "stubborn"}, {"us_president": "stubborn", "secretary_general": "stubborn"},
                                 {"member": "stubborn", "us_president": "stubborn", "secretary_general": "stubborn"}])
def test_games_end_with_a_legal_outcome(scenario_id, mix):
    scenario = load_scenario(bundled_dir() / f"{scenario_id}.yaml", names())
    if scenario.is_bilateral:  # summit agents and rules only; tests/test_bilateral.py plays bilateral scenarios
        pytest.skip("a bilateral scenario: see tests/test_bilateral.py")
    for seed in range(3):
        game = Game(scenario, seed)
        state = play(game, agents_for(scenario, mix))
        result = outcome(game, state)
        assert state.is_terminal and 1 <= result.rounds <= scenario.rounds
        assert all(0.0 <= score <= 100.0 for score in result.scores.values())


def test_bundled_scenarios_include_the_two_the_readme_names():
    assert {"rutte_washington_2025", "tutorial"} <= set(bundled_ids())


@pytest.mark.parametrize("layer", ["engine", "scenario", "agents"])
def test_core_layers_never_import_pygame(layer):
    banned = {"pygame", "pygame_gui"} | ({"yaml"} if layer == "engine" else set())
    for path in (ROOT / "game" / layer).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported = {(node.module or "").split(".")[0]}
            else:
                continue
            assert not imported & banned, f"{path.relative_to(ROOT)} imports {imported & banned}"
