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


FAULTY = {
    "returns_none": ("return None", "returned None, not an action"),
    "raises": ("raise KeyError('ideal')", "raised KeyError: 'ideal'"),
    "ends_the_summit": ("return EndNow(self.leader_id, adopt=True)", "returned the teacher's move EndNow"),
    "speaks_for_another": ("return Pass('trump', 'x')", "returned a move for 'trump', not for 'tusk'"),
    "illegal": ("return BreakSilence(self.leader_id, 'No.', issue='core_target')", "a move the rules refuse"),
}


def _faulty_agent(folder, name, body):
    (folder / f"{name}.py").write_text(textwrap.dedent(f'''
        from game.agents.member import MemberAgent
        from game.engine import BreakSilence, EndNow, Pass


        class Faulty(MemberAgent):
            name = "{name}"
            description = "Fails at its turn in consultations."

            def consult(self, observation, rng):
                {body}
        '''), encoding="utf-8")


@pytest.mark.parametrize("name", FAULTY)
def test_an_agent_that_fails_is_one_line_naming_it_and_the_game_so_far_is_logged(capsys, tmp_path, name):
    """A user's agent that raises, returns None, the teacher's move, a move for someone else or an illegal move:
    one line naming the leader, the agent, the round, the phase and the seed; exit 2; the log up to that turn."""
    import json
    folder = tmp_path / "mine"
    folder.mkdir()
    body, said = FAULTY[name]
    _faulty_agent(folder, name, body)
    log = tmp_path / "game.jsonl"
    assert main(["run", "tutorial", "--seed", "4", "--agents-path", str(folder), "--agents", f"tusk={name}",
                 "--log", str(log)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert said in err and "the agent for tusk" in err and "round 1, consultations, seed 4" in err, err
    assert f"({name})" in err and str(log) in err
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["type"] == "header" and lines[-1]["type"] != "outcome"
    assert not any(line["type"] == "result" for line in lines)   # nobody ended the summit
    assert [line["actor"] for line in lines if line["type"] == "action"][-1] != "tusk" or name == "illegal"


@pytest.mark.parametrize("command", [["batch", "--runs", "3", "--jobs", "2"], ["batch", "--runs", "2"],
                                     ["tournament", "--runs", "2"]])
def test_a_failing_agent_stops_a_batch_or_tournament_with_the_seed_named(capsys, tmp_path, command):
    folder = tmp_path / "mine"
    folder.mkdir()
    _faulty_agent(folder, "returns_none", "return None")
    code = main([command[0], "tutorial", *command[1:], "--seed", "10", "--agents-path", str(folder),
                 "--agents", "tusk=returns_none"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    assert "the agent for tusk (returns_none) at round 1, consultations, seed 1" in err and "returned None" in err, err


def test_a_method_that_overrides_nothing_is_named_with_its_file_and_line(capsys, tmp_path):
    """`def consultation` instead of `consult` would leave the inherited consult playing silently: a warning
    names the file, the line and the method it was probably meant to be."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "slip.py").write_text(textwrap.dedent('''
        from game.agents.member import MemberAgent
        from game.engine import Pass


        class Slip(MemberAgent):
            name = "slip"
            description = "Means to pass in consultations."

            def consultation(self, observation, rng):
                return Pass(self.leader_id, "Nothing.")

            def helper_of_mine(self):
                return 1
        '''), encoding="utf-8")
    assert main(["run", "tutorial", "--agents-path", str(folder), "--agents", "tusk=slip"]) == 0
    err = capsys.readouterr().err
    assert f"{folder / 'slip.py'}:10: Slip.consultation overrides nothing: did you mean 'consult'?" in err, err
    assert "helper_of_mine" not in err


def test_an_unknown_agent_name_gets_a_suggestion_and_the_folder_hint(capsys, folder):
    assert main(["run", "tutorial", "--agents", "tusk=cautous"]) == 2
    err = capsys.readouterr().err
    assert "unknown agent 'cautous'" in err and "--agents-path DIR" in err, err
    assert main(["run", "tutorial", "--agents-path", str(folder), "--agents", "tusk=cautous"]) == 2
    assert "did you mean 'cautious'?" in capsys.readouterr().err
