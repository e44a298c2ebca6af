import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def mini():
    from game.agents import names
    from game.scenario import load_scenario

    return load_scenario(FIXTURES / "mini.yaml", names())


@pytest.fixture(scope="session")
def rutte():
    from game.agents import names
    from game.scenario import load_scenario

    return load_scenario(ROOT / "scenarios" / "rutte_washington_2025.yaml", names())


@pytest.fixture
def agent_registry():
    """--agents-path adds to the registry of agents: a test using this starts and ends with the built-in ones."""
    from game.agents import AGENTS

    saved = dict(AGENTS)
    yield AGENTS
    AGENTS.clear()
    AGENTS.update(saved)
