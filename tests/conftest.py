import os
from pathlib import Path

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
# The tests read Summit's English: a runner whose locale is French (LANG=fr_FR.UTF-8) must not make `summit`, which
# speaks the locale's language when no --lang is given, answer them in French (in this process and in those it
# starts). The tests that read French ask for it with --lang fr.
for _name in ("LC_ALL", "LC_MESSAGES", "LANG"):
    if os.environ.get(_name, "").lower().startswith("fr"):
        os.environ[_name] = "C.UTF-8"

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
