"""Your own agents load from a folder you name with --agents-path, never because a scenario names them."""

import json
import os
import signal
import stat
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


LINE = {name: 11 if name == "raises" else 10 for name in FAULTY}   # the line that raised, else `def consult`


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
def test_with_strict_agents_a_failure_is_one_line_naming_it_and_the_game_so_far_is_kept(capsys, tmp_path, name):
    """--strict-agents: a user's agent that raises, returns None, the teacher's move, a move for someone else or
    an illegal move ends the game: one line naming the leader, the agent, its file and line, the round, the
    phase and the seed; exit 2; the log and the account up to that turn."""
    folder = tmp_path / "mine"
    folder.mkdir()
    body, said = FAULTY[name]
    _faulty_agent(folder, name, body)
    log = tmp_path / "game.jsonl"
    assert main(["run", "tutorial", "--seed", "4", "--agents-path", str(folder), "--agents", f"tusk={name}",
                 "--log", str(log), "--strict-agents"]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert said in err and "the agent for tusk" in err and "round 1, consultations, seed 4" in err, err
    assert f"({name}, {name}.py:{LINE[name]})" in err and str(log) in err
    assert "Round 1" in out   # the account of the game so far
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["type"] == "header" and lines[-1]["type"] != "outcome"
    assert not any(line["type"] == "result" for line in lines)   # nobody ended the summit
    assert [line["actor"] for line in lines if line["type"] == "action"][-1] != "tusk" or name == "illegal"


@pytest.mark.parametrize("name", FAULTY)
def test_a_failed_agent_gives_its_seat_to_the_built_in_agent_and_the_game_goes_on(capsys, tmp_path, name):
    """By default the failure is said in one line, the built-in member agent plays Tusk from that turn, the
    game ends as usual, and the log says where the seat changed hands: it replays, and reruns, the same."""
    folder = tmp_path / "mine"
    folder.mkdir()
    body, said = FAULTY[name]
    _faulty_agent(folder, name, body)
    log = tmp_path / "game.jsonl"
    assert main(["run", "tutorial", "--seed", "4", "--agents-path", str(folder), "--agents", f"tusk={name}",
                 "--log", str(log)]) == 0
    out, err = capsys.readouterr()
    [line] = err.strip().splitlines()
    assert line.startswith(f"summit run: the agent for tusk ({name}, {name}.py:{LINE[name]}) at round 1, "
                           "consultations, seed 4: ") and said in line, err
    assert line.endswith("; the built-in member agent plays tusk from here") and "Scores (0-100" in out
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    failures = [line for line in lines if line["type"] == "agent_failure"]
    assert [(f["leader"], f["agent"], f["replaced_by"], f["round"], f["phase"]) for f in failures] == [
        ("tusk", name, "member", 1, "consultations")]
    assert lines[-1]["type"] == "outcome"
    assert main(["replay", str(log)]) == 0
    replayed = capsys.readouterr().out
    assert replayed.startswith(out.rstrip("\n")) and "Agent failure: the agent for tusk" in replayed
    assert main(["replay", str(log), "--rerun", "--agents-path", str(folder)]) == 0   # the seat changes hands again


def test_an_agent_past_its_time_limit_is_stopped_and_the_game_goes_on(capsys, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    _faulty_agent(folder, "forever", "while True: pass")
    assert main(["run", "tutorial", "--agents-path", str(folder), "--agents", "tusk=forever", "--agent-seconds",
                 "0.2", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "took longer than its limit of 0.2 s a decision (stopped)" in err and "forever.py:11" in err, err
    assert json.loads(out)["rounds"] >= 1
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL and signal.getitimer(signal.ITIMER_REAL)[0] == 0


@pytest.mark.parametrize("command", [["batch", "--runs", "3", "--jobs", "2"], ["batch", "--runs", "2"],
                                     ["tournament", "--runs", "2"]])
def test_a_failing_agent_stops_a_strict_batch_or_tournament_with_the_seed_named(capsys, tmp_path, command):
    folder = tmp_path / "mine"
    folder.mkdir()
    _faulty_agent(folder, "returns_none", "return None")
    code = main([command[0], "tutorial", *command[1:], "--seed", "10", "--agents-path", str(folder),
                 "--agents", "tusk=returns_none", "--strict-agents"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    assert "the agent for tusk (returns_none, returns_none.py:10) at round 1, consultations, seed 1" in err, err
    assert "returned None" in err


@pytest.mark.parametrize("command", [["batch", "--runs", "3", "--jobs", "2"], ["batch", "--runs", "2"]])
def test_a_batch_goes_on_past_a_failing_agent_and_says_how_often(capsys, tmp_path, command):
    folder = tmp_path / "mine"
    folder.mkdir()
    _faulty_agent(folder, "returns_none", "return None")
    code = main([command[0], "tutorial", *command[1:], "--seed", "10", "--agents-path", str(folder),
                 "--agents", "tusk=returns_none", "--json"])
    out, err = capsys.readouterr()
    runs = int(command[2])
    assert code == 0 and json.loads(out)["finished"] == runs, err
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "the agent for tusk (returns_none, returns_none.py:10)" in lines[0], err
    assert lines[1].startswith(f"summit batch: a user's agent failed in {runs} of {runs} games"), err


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


def test_a_pipe_or_a_device_named_like_an_agent_file_is_refused_at_once(capsys, tmp_path):
    """A FIFO named a.py waited forever; a device read gigabytes. Both are one line and exit 2."""
    pipe_folder, device_folder = tmp_path / "pipe", tmp_path / "device"
    pipe_folder.mkdir()
    device_folder.mkdir()
    os.mkfifo(pipe_folder / "a.py")
    os.mknod(device_folder / "b.py", 0o600 | stat.S_IFCHR, os.makedev(1, 5))   # like /dev/zero, in our own folder
    for folder in (pipe_folder, device_folder):
        assert main(["agents", "--agents-path", str(folder)]) == 2
        err = capsys.readouterr().err
        assert "is not a regular file" in err and len(err.strip().splitlines()) == 1, err


def test_an_agent_that_calls_exit_is_a_failure_not_a_silent_end(capsys, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    _faulty_agent(folder, "quits", "raise SystemExit(0)")
    assert main(["run", "tutorial", "--agents-path", str(folder), "--agents", "tusk=quits"]) == 0
    out, err = capsys.readouterr()
    assert "raised SystemExit: 0; the built-in member agent plays tusk from here" in err and "Scores (0-100" in out
    assert main(["run", "tutorial", "--agents-path", str(folder), "--agents", "tusk=quits", "--strict-agents"]) == 2
    assert "raised SystemExit: 0" in capsys.readouterr().err
