"""The class folder of examples/class_tournament (issue 24): twenty students' agent files, written from
docs/agents.md alone, that the tournament is tested on. What can be checked without the tournament: each
honest entry loads alone and plays a whole game in the role it declares; each broken entry fails the way its
file says, in one line naming it. The infinite loop (quentin) and the memory hog (tariq) are left out: they
need the tournament's isolation (a time and memory limit per entry) to be played safely."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from game.agents import isolate

from game.agents.registry import load_agents_path
from cli_support import captured

CLASS = Path(__file__).resolve().parent.parent / "examples" / "class_tournament"

# file -> (agent name, the role it declares)
HONEST = {
    "amira_member.py": ("amira_deliver", "member"),
    "bruno_member.py": ("bruno_free_rider", "member"),
    "chloe_member.py": ("chloe_hard_bargainer", "member"),
    "dmitri_member.py": ("dmitri_conceder", "member"),
    "elena_member.py": ("elena_reciprocator", "member"),
    "farid_member.py": ("farid_coalition", "member"),
    "greta_member.py": ("greta_deadline", "member"),
    "hiro_member.py": ("hiro_no_ukraine", "member"),
    "ines_member.py": ("ines_promise_keeper", "member"),
    "jonas_member.py": ("jonas_maximiser", "member"),
    "kofi_us_president.py": ("kofi_enforcer", "us_president"),
    "lucia_secretary_general.py": ("lucia_accommodator", "secretary_general"),
    "sven_member.py": ("sven_snooper", "member"),   # broken only if it finds someone's red lines
}
# file -> (agent name, the line's round and phase, what the line says went wrong); played as Spain's leader
# in the tutorial
FAILING = {
    "nadia_member.py": ("nadia_raiser", "round 2, consultations", "raised KeyError: 'spain'"),
    "oscar_member.py": ("oscar_forgetful", "round 1, consultations", "returned None, not an action"),
    "petra_member.py": ("petra_walk_back", "round 2, consultations",
                        "returned a move the rules refuse (Pledge): Spain has pledged 3.0% GDP"),
    "rosa_member.py": ("rosa_gavel", "round 1, consultations", "returned the teacher's move EndNow"),
}
UNLOADABLE = "mateo_member.py"
NEEDS_ISOLATION = ("quentin_member.py", "tariq_member.py")
LEAK = "Found another leader's red lines at"


def _alone(tmp_path: Path, file: str) -> Path:
    folder = tmp_path / file.removesuffix(".py")
    folder.mkdir()
    shutil.copy(CLASS / file, folder / file)
    return folder


def test_the_folder_holds_twenty_entries_each_described_in_its_file_and_in_the_readme():
    files = sorted(path.name for path in CLASS.glob("*.py"))
    assert len(files) == 20
    assert set(files) == set(HONEST) | set(FAILING) | {UNLOADABLE} | set(NEEDS_ISOLATION)
    readme = (CLASS / "README.md").read_text(encoding="utf-8")
    for file in files:
        source = (CLASS / file).read_text(encoding="utf-8")
        assert f"`{file}`" in readme, file
        assert source.startswith('"""'), file   # the student's own words first
        broken = file not in HONEST or file == "sven_member.py"
        assert ("BROKEN ON PURPOSE (tournament test fixture):" in source) == broken, file
        if file != UNLOADABLE:
            roles = [node for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Assign)
                     and any(getattr(target, "id", None) == "roles" for target in node.targets)]
            assert len(roles) == 1, file


@pytest.mark.parametrize("file", sorted(HONEST))
def test_an_honest_entry_loads_alone_and_plays_a_whole_game_in_its_role(file, tmp_path, agent_registry):
    name, role = HONEST[file]
    folder = _alone(tmp_path, file)
    assert load_agents_path(folder) == (name,)
    assert agent_registry[name].roles == (role,)
    log = tmp_path / "game.jsonl"
    code, out, err = captured("run", "rutte_washington_2025", "--seed", "1", "--agents-path", str(folder),
                              "--agents", f"{role}={name}", "--log", str(log))
    assert (code, err) == (0, ""), err
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    seated = {leader for leader, agent in lines[0]["agents"].items() if agent == name}
    assert seated and lines[-1]["type"] == "outcome"
    moves = [line for line in lines if line["type"] == "action" and line["actor"] in seated]
    assert moves   # it really played
    assert not [move for move in moves if LEAK in move["action"]["reason"]]   # the snooper found nothing


@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("file", sorted(FAILING))
def test_a_broken_entry_is_one_line_naming_it(file, strict, tmp_path, agent_registry):
    """By default the built-in member agent takes the seat and the game goes on; --strict-agents stops it."""
    name, when, what = FAILING[file]
    folder = _alone(tmp_path, file)
    code, out, err = captured("run", "tutorial", "--seed", "1", "--agents-path", str(folder),
                              "--agents", f"sanchez={name}", *(["--strict-agents"] if strict else []))
    assert code == (2 if strict else 0)
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith(f"summit run: the agent for sanchez ({name}, {file}:") and f"at {when}, seed 1: {what}" in err, err
    assert strict or err.rstrip().endswith("; the built-in member agent plays sanchez from here")


@pytest.mark.skipif(not isolate.AVAILABLE, reason="isolation forks: POSIX only")
@pytest.mark.parametrize("file, said", [("quentin_member.py", "took longer than its limit of 0.5 s a decision"),
                                        ("tariq_member.py", "raised MemoryError")])
def test_the_looping_and_the_greedy_entry_are_stopped_when_isolated(file, said, tmp_path, agent_registry):
    name = file.removesuffix("_member.py")
    folder = _alone(tmp_path, file)
    [name] = load_agents_path(folder)
    code, out, err = captured("run", "tutorial", "--seed", "1", "--agents-path", str(folder), "--isolate",
                              "--agent-seconds", "0.5", "--agents", f"sanchez={name}")
    assert code == 0 and err.count("\n") == 1 and said in err, err


def test_the_entry_with_a_syntax_error_is_refused_in_one_line_naming_its_file(tmp_path, agent_registry):
    folder = _alone(tmp_path, UNLOADABLE)
    code, out, err = captured("agents", "--agents-path", str(folder))
    assert code == 2
    assert err.count("\n") == 1 and f"{UNLOADABLE}:19: cannot load: SyntaxError" in err, err
    assert "mateo_accept_all" not in agent_registry
