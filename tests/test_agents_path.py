"""Your own agents load from a folder you name with --agents-path, never because a scenario names them."""

import textwrap

import pytest

from game.cli import main

CAUTIOUS = '''
from game.agents.member import MemberAgent
from game.engine import Pass


class Cautious(MemberAgent):
    """Accepts every draft."""

    name = "cautious"
    description = "Example: passes every turn and never breaks silence."

    def consult(self, observation, rng):
        return Pass(self.leader_id, "Has nothing to add.")

    def silence(self, observation, rng):
        return Pass(self.leader_id, "Accepts the draft.")
'''


@pytest.fixture(autouse=True)
def registry(agent_registry):
    """Each test starts from the built-in agents (conftest)."""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "agents").mkdir()
    (tmp_path / "agents" / "cautious.py").write_text(CAUTIOUS, encoding="utf-8")
    return tmp_path / "agents"


def test_an_agent_from_a_named_folder_plays_and_stays_silent(capsys, folder):
    import json
    assert main(["run", "tutorial", "--agents-path", str(folder), "--agents", "tusk=cautious", "--log",
                 str(folder.parent / "game.jsonl")]) == 0
    lines = [json.loads(line) for line in (folder.parent / "game.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines[0]["agents"]["tusk"] == "cautious"
    moves = [line["action"]["kind"] for line in lines if line["type"] == "action" and line["actor"] == "tusk"]
    assert moves and set(moves) == {"pass"}


def test_a_scenario_naming_an_outside_agent_is_valid_only_with_the_folder(capsys, folder, tmp_path):
    from game.scenario.catalogue import resolve
    text = resolve("tutorial").read_text(encoding="utf-8")
    scenario = tmp_path / "tutorial.yaml"
    scenario.write_text(text.replace("agent: member", "agent: cautious", 1), encoding="utf-8")
    assert main(["validate", str(scenario)]) == 2
    assert "unknown agent 'cautious'" in capsys.readouterr().err
    assert main(["validate", str(scenario), "--agents-path", str(folder)]) == 0


@pytest.mark.parametrize("source, named", [
    ("def broken(:\n", "cannot load: SyntaxError"),
    ("raise RuntimeError('boom')\n", "cannot load: RuntimeError: boom"),
    (CAUTIOUS.replace('name = "cautious"', 'name = "member"'), "agent name 'member' is taken"),
    (CAUTIOUS.replace('name = "cautious"', 'name = "Not A Name"'), "needs its own `name`"),
    ("x = 1\n", "no agents found"),
])
def test_a_broken_agent_folder_is_one_located_message_and_exit_2(capsys, tmp_path, source, named):
    (tmp_path / "mine.py").write_text(textwrap.dedent(source), encoding="utf-8")
    assert main(["run", "tutorial", "--agents-path", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert named in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    if "no agents" not in named:
        assert str(tmp_path / "mine.py") in err


def test_a_missing_folder_is_a_clear_error(capsys, tmp_path):
    assert main(["run", "tutorial", "--agents-path", str(tmp_path / "none")]) == 2
    assert "no such folder" in capsys.readouterr().err
