"""`--isolate`: each agent from --agents-path plays in a process of its own, with limits on its time, CPU and
memory. The game is the same as in one process, byte for byte; an agent that loops, eats memory or kills its
process is one named failure, the built-in agent takes its seat, and the game goes on; no process outlives
the game."""

from __future__ import annotations

import multiprocessing
import shutil
import textwrap
import time
from pathlib import Path

import pytest

from game.agents import isolate
from game.agents.isolate import IsolationError, Limits, probe, seated
from game.cli import main

pytestmark = pytest.mark.skipif(not isolate.AVAILABLE, reason="isolation forks: POSIX only")

ROOT = Path(__file__).resolve().parent.parent
TIT_FOR_TAT = ROOT / "examples" / "agents" / "tit_for_tat.py"

FAULTS = {
    "loops": ("while observation.round >= 2:\n    pass", "took longer than its limit of 0.3 s a decision (stopped)"),
    "hog": ("if observation.round >= 2:\n    self.junk = [0] * (10 ** 10)", "raised MemoryError"),
    "dies": ("import os\nif observation.round >= 2:\n    os._exit(3)", "gave no answer: its process ended with exit code 3"),
    "raises": ("if observation.round >= 2:\n    raise KeyError('ideal')", "raised KeyError: 'ideal'"),
}


def _write(folder: Path, name: str, body: str) -> Path:
    path = folder / f"{name}.py"
    path.write_text(textwrap.dedent('''\
        from game.agents.member import MemberAgent


        class Faulty(MemberAgent):
            name = "{name}"
            description = "Fails in round 2."

            def consult(self, observation, rng):
        {body}
                return super().consult(observation, rng)
        ''').format(name=name, body=textwrap.indent(body, " " * 8)), encoding="utf-8")
    return path


@pytest.fixture()
def faulty(tmp_path, agent_registry) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    for name, (body, _) in FAULTS.items():
        _write(folder, name, body)
    shutil.copy(TIT_FOR_TAT, folder / "tit_for_tat.py")
    return folder


def test_an_isolated_agent_plays_the_same_game_byte_for_byte(faulty, tmp_path, capsys):
    logs = []
    for extra in ([], ["--isolate"]):
        log = tmp_path / f"game{len(logs)}.jsonl"
        assert main(["run", "rutte_washington_2025", "--seed", "2", "--agents-path", str(faulty),
                     "--agents", "member=tit_for_tat", "--log", str(log), *extra]) == 0
        logs.append(log.read_bytes())
    assert logs[0] == logs[1]
    capsys.readouterr()


@pytest.mark.parametrize("name", FAULTS)
def test_a_faulty_isolated_agent_is_one_named_failure_and_the_game_goes_on(faulty, capsys, name):
    began = time.monotonic()
    assert main(["run", "tutorial", "--agents-path", str(faulty), "--agents", f"tusk={name}", "--isolate",
                 "--agent-seconds", "0.3"]) == 0
    assert time.monotonic() - began < 60   # a guard against a hang, not a speed test
    out, err = capsys.readouterr()
    [line] = err.strip().splitlines()
    said = FAULTS[name][1]
    assert line.startswith(f"summit run: the agent for tusk ({name}, {name}.py") and said in line, err
    assert line.endswith("the built-in member agent plays tusk from here") and "Scores (0-100" in out
    assert not multiprocessing.active_children()


def test_a_failed_process_fails_every_seat_it_played_in_one_line_each(faulty, capsys):
    assert main(["run", "tutorial", "--agents-path", str(faulty), "--agents", "member=loops", "--isolate",
                 "--agent-seconds", "0.3"]) == 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 3 and "took longer than its limit" in lines[0]
    assert all("its process had stopped earlier (stopped at its time limit)" in line for line in lines[1:])


def test_the_seats_of_a_game_stop_with_it(faulty):
    from game.agents import load_agents_path
    from game.engine import Game, play
    from game.scenario import load_scenario
    from game.scenario.catalogue import resolve

    load_agents_path(faulty)
    scenario = load_scenario(resolve("tutorial"))
    with seated(scenario, 1, {"member": "tit_for_tat"}, Limits(seconds=5)) as agents:
        assert type(agents["tusk"]).__name__ == "Seat" and type(agents["trump"]).__name__ == "UsPresidentAgent"
        assert len(multiprocessing.active_children()) == 1   # one process for the file, serving three seats
        play(Game(scenario, 1), agents)
    assert not multiprocessing.active_children()


def test_probe_lists_a_files_agents_without_running_its_code_here(faulty, tmp_path, monkeypatch):
    [entry] = probe(faulty / "tit_for_tat.py")
    assert (entry.name, entry.roles, entry.class_name) == ("tit_for_tat", ("member",), "TitForTat")
    broken = tmp_path / "broken.py"
    broken.write_text("x = 1\ndef (:\n", encoding="utf-8")
    with pytest.raises(IsolationError, match=r"broken.py:2: cannot load: SyntaxError: invalid syntax"):
        probe(broken)
    stuck = tmp_path / "stuck.py"
    stuck.write_text("while True:\n    pass\n", encoding="utf-8")
    monkeypatch.setattr(isolate, "PROBE_SECONDS", 0.5)
    with pytest.raises(IsolationError, match=r"stuck.py: cannot load: still running after 0.5 s"):
        probe(stuck)
    assert not multiprocessing.active_children()


def test_isolate_with_several_jobs_is_refused_in_one_line(capsys):
    assert main(["batch", "tutorial", "--runs", "2", "--jobs", "2", "--isolate"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--isolate goes with --jobs 1" in err


def test_an_agent_past_its_cpu_time_for_the_game_is_stopped(faulty, agent_registry):
    from game.agents import containment, load_agents_path
    from game.engine import Game, play
    from game.scenario import load_scenario
    from game.scenario.catalogue import resolve

    load_agents_path(faulty)
    scenario = load_scenario(resolve("tutorial"))
    guard = containment(scenario)
    with seated(scenario, 1, {"tusk": "loops"}, Limits(seconds=30, cpu_seconds=1)) as agents:
        play(Game(scenario, 1), agents, containment=guard)
    [failure] = guard.failures
    assert "gave no answer: its process used up its CPU time and was stopped" in failure.message
