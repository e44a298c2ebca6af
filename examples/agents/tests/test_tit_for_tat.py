"""The worked example's own tests, run with Summit's suite (pyproject.toml's testpaths include examples/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main

HERE = Path(__file__).resolve().parent.parent   # the folder --agents-path names: the agent's file, not its tests


@pytest.fixture(autouse=True)
def built_in_agents_only():
    """--agents-path adds to the registry of agents: each test starts and ends with the built-in ones."""
    from game.agents import AGENTS
    saved = dict(AGENTS)
    yield
    AGENTS.clear()
    AGENTS.update(saved)


def _game(tmp_path, seed: int) -> list[dict]:
    log = tmp_path / f"game-{seed}.jsonl"
    assert main(["run", "rutte_washington_2025", "--seed", str(seed), "--agents-path", str(HERE),
                 "--agents", "sanchez=tit_for_tat", "--log", str(log)]) == 0
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_it_objects_in_the_round_after_a_us_threat_and_pledges_what_it_delivers(tmp_path, capsys):
    threatened = objected_after = 0
    for seed in range(6):
        lines = _game(tmp_path, seed)
        moves = [line for line in lines if line["type"] == "action"]
        threat_rounds = {line["round"] for line in moves if line["actor"] == "trump"
                         and line["action"]["kind"] == "threat" and line["action"]["target"] == "sanchez"}
        for round_ in threat_rounds:
            silence = [line for line in moves if line["actor"] == "sanchez" and line["round"] == round_ + 1
                       and line["phase"] == "silence"]
            if silence:
                threatened += 1
                objected_after += silence[0]["action"]["kind"] == "break_silence"
        outcome = lines[-1]
        spain = next(ally for ally in outcome["allies"] if ally["id"] == "spain")
        pledges = [line["action"] for line in moves if line["actor"] == "sanchez" and line["action"]["kind"] == "pledge"]
        if pledges:   # what it pledged is what the model delivers, to the tenth it states
            assert spain["projected"] >= pledges[-1]["level"] - 0.15, (seed, spain, pledges[-1])
    assert threatened > 0 and objected_after == threatened


def test_it_never_lets_a_draft_across_its_red_line(tmp_path, capsys):
    for seed in range(3):
        lines = _game(tmp_path, seed)
        result = [line for line in lines if line["type"] == "result"][-1]
        if result["result"] == "adopted":
            assert float(result["draft"]["values"]["core_target"]) <= 3.5   # Spain's limit in this scenario
