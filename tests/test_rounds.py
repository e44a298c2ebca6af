"""A lesson that fits the clock: --rounds N cuts a scenario to its first N rounds, every computer player
concedes on a schedule of N rounds, and the log records the cut so replay, the debrief and Load play the
same game again."""

from __future__ import annotations

import json

import pytest

from cli_support import cli
from game.agents.base import aspiration
import dataclasses

from game.agents import agents_for
from game.engine import log, make_game, outcome, play
from game.play.replay import replay
from game.play.session import Session, load
from game.scenario import load_scenario
from game.scenario.catalogue import resolve
from game.scenario.cut import event_rounds


def test_run_plays_only_the_rounds_asked_and_the_log_says_so(capsys, tmp_path):
    log_path = tmp_path / "three.jsonl"
    code, out, err = cli(capsys, "run", "rutte_washington_2025", "--rounds", "3", "--seed", "4", "--log", str(log_path))
    assert code == 0, err
    assert "at most 3 rounds" in out and "of 8" not in out
    lines = log_path.read_text(encoding="utf-8").splitlines()
    header, outcome = json.loads(lines[0]), json.loads(lines[-1])
    assert header["rounds"] == 3 and outcome["rounds"] <= 3
    assert max(json.loads(line).get("round", 0) for line in lines[1:-1]) <= 3
    # The events keep their place in the shorter game: Trump's post of round 4 of 8 comes in round 2 of 3,
    # the command says so before the game, and the header records it.
    assert "'trump_post' to round 2" in err
    assert header["events_at"]["trump_post"] == 2
    fired = [json.loads(line) for line in lines[1:-1] if '"event"' in line]
    assert any(entry.get("round") == 2 and "trump_post" in json.dumps(entry) for entry in fired)


def test_a_cut_moves_each_event_to_the_same_point_of_the_game():
    scenario = load_scenario(resolve("rutte_washington_2025"))
    scripted = {event.id: event.round for event in scenario.events if event.round is not None}
    assert event_rounds(scenario.events, 8, 3) == {event_id: {1: 1, 2: 1, 3: 2, 4: 2, 5: 2, 6: 2, 7: 3, 8: 3}[at]
                                                   for event_id, at in scripted.items()}
    assert event_rounds(scenario.events, 8, 8) == scripted
    assert set(event_rounds(scenario.events, 8, 1).values()) == {1}
    cut = scenario.with_rounds(3)
    assert cut.events_moved == {event_id: at for event_id, at in event_rounds(scenario.events, 8, 3).items()
                                if at != scripted[event_id]}
    # cut again from the cut, the events move from where the file put them
    assert cut.with_rounds(5).events_moved == {event_id: at for event_id, at in event_rounds(scenario.events, 8, 5).items()
                                               if at != scripted[event_id]}
    assert scenario.with_rounds(8).events == scenario.events


def test_a_cut_log_from_before_events_moved_replays_with_its_events_where_they_were(capsys, tmp_path):
    """Logs of cut games written before the events moved with the cut (no "events_at") replay as they were
    played: every event at its own round."""
    log_path = tmp_path / "old.jsonl"
    scenario = load_scenario(resolve("rutte_washington_2025")).with_rounds(3, {})
    game = make_game(scenario, 4)
    state = play(game, agents_for(scenario))
    log_path.write_text(log.write(scenario.source_text, scenario.id, 4, {leader.id: leader.agent for leader in scenario.leaders},
                                  "0.1.0", state, outcome(game, state), rounds=3, events_at=scenario.events_moved),
                        encoding="utf-8")
    assert "events_at" not in json.loads(log_path.read_text(encoding="utf-8").splitlines()[0])
    assert "trump_post" not in log_path.read_text(encoding="utf-8").split("\n", 1)[1]
    code, out, err = cli(capsys, "replay", str(log_path), "--rerun", "--json")
    assert code == 0, err
    assert replay(log_path).scenario.events_moved == {}


def test_a_tampered_events_at_field_is_one_line(capsys, tmp_path):
    log_path = tmp_path / "cut.jsonl"
    assert cli(capsys, "run", "rutte_washington_2025", "--rounds", "3", "--log", str(log_path))[0] == 0
    lines = log_path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["events_at"] = {"trump_post": 7}
    log_path.write_text("\n".join([json.dumps(header)] + lines[1:]) + "\n", encoding="utf-8")
    code, out, err = cli(capsys, "replay", str(log_path))
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "'events_at'" in err and "rounds from 1 to 3" in err


def test_a_log_of_a_cut_game_replays_and_reruns_the_same(capsys, tmp_path):
    log_path = tmp_path / "cut.jsonl"
    assert cli(capsys, "run", "tutorial", "--rounds", "2", "--seed", "7", "--log", str(log_path))[0] == 0
    code, out, err = cli(capsys, "replay", str(log_path), "--rerun", "--json")
    assert code == 0, err
    assert json.loads(out)["rounds"] <= 2
    replayed = replay(log_path)
    assert replayed.scenario.rounds == 2 and replayed.scenario.full_rounds == 5


def test_a_log_without_the_field_plays_the_scenarios_own_rounds(capsys, tmp_path):
    log_path = tmp_path / "whole.jsonl"
    assert cli(capsys, "run", "tutorial", "--seed", "7", "--log", str(log_path))[0] == 0
    assert "rounds" not in json.loads(log_path.read_text(encoding="utf-8").splitlines()[0])
    assert replay(log_path).scenario.rounds == 5


def test_a_save_of_a_cut_game_loads_with_its_rounds(tmp_path):
    scenario = load_scenario(resolve("tutorial")).with_rounds(3)
    session = Session(scenario, 5, ("sanchez",))
    path = session.save(tmp_path / "cut.summit")
    assert load(path).scenario.rounds == 3


@pytest.mark.parametrize("value, says", [("9", "tutorial has 5 rounds: expected from 1 to 5, found 9"),
                                         ("0", "expected a number of rounds (1 or more), found '0'"),
                                         ("three", "expected a number of rounds (1 or more), found 'three'")])
def test_rounds_out_of_range_is_one_line(capsys, value, says):
    code, out, err = cli(capsys, "run", "tutorial", "--rounds", value)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and says in err


def test_a_tampered_rounds_field_is_one_line(capsys, tmp_path):
    log_path = tmp_path / "cut.jsonl"
    assert cli(capsys, "run", "tutorial", "--rounds", "2", "--log", str(log_path))[0] == 0
    lines = log_path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["rounds"] = 12
    log_path.write_text("\n".join([json.dumps(header)] + lines[1:]) + "\n", encoding="utf-8")
    code, out, err = cli(capsys, "replay", str(log_path))
    assert code == 2 and "'rounds' is '12'" in err and "from 1 to 5" in err


def test_brief_says_the_rounds_of_the_lesson(capsys, tmp_path):
    code, out, err = cli(capsys, "brief", "tutorial", "--rounds", "3", "--out", str(tmp_path / "b"))
    assert code == 0, err
    assert "Up to 3 rounds" in (tmp_path / "b" / "sanchez.md").read_text(encoding="utf-8")


def test_concession_schedules_end_at_no_deal_in_the_last_round_of_a_cut_game():
    """Every agent reads the rounds from its observation: in the last round of a 3-round game a leader asks
    only for the value of no deal, as it does in round 8 of the full game."""
    scenario = load_scenario(resolve("rutte_washington_2025"))
    for rounds in (3, 8):
        game = make_game(scenario.with_rounds(rounds), 0)
        seen = game.observe(game.new_initial_state(), "sanchez")
        assert seen.rounds == rounds
        last = dataclasses.replace(seen, round=rounds)
        assert aspiration(last, 0.5, 0.4) == pytest.approx(0.4)
        assert aspiration(seen, 0.5, 0.4) > 0.5


def test_batch_counts_deals_within_the_cut(capsys):
    code, out, err = cli(capsys, "batch", "tutorial", "--runs", "4", "--rounds", "3", "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert set(summary["rounds"]) <= {"1", "2", "3"}


def test_rounds_in_the_window_needs_a_scenario(capsys):
    code, out, err = cli(capsys, "play", "--rounds", "3")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--rounds N needs a SCENARIO" in err


def test_a_hosted_class_plays_the_rounds_asked_at_every_table(monkeypatch, tmp_path):
    import argparse

    from game.cli.classroom import _sessions

    monkeypatch.setenv("SUMMIT_HOME", str(tmp_path))
    args = argparse.Namespace(resume=None, scenario="tutorial", rounds=2, tables=2, seed=0)
    sessions, _ = _sessions(args)
    assert [session.scenario.rounds for session in sessions] == [2, 2]
    for session in sessions:
        assert json.loads(session.log_path.read_text(encoding="utf-8").splitlines()[0])["rounds"] == 2
