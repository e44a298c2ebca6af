"""`summit replay LOG`: a logged game replayed through the rules prints what `summit run` printed, byte for
byte; `--rerun` lets the agents play again from the seed; an edited, damaged or truncated log is refused
with the line of the first mismatch (exit 2, one line on stderr)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import cli

from game.scenario.catalogue import bundled_ids
from game.cli import main
from game.play.session import HUMAN, Session

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (0, 1, 2)


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch):
    monkeypatch.chdir(ROOT)




def refused(capsys, *args: str) -> str:
    """The one-line message of a refused replay."""
    code, out, err = cli(capsys, "replay", *args)
    assert code == 2 and out == "", (code, out, err)
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    return err.strip()


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scenario_id", bundled_ids())
def test_replay_prints_what_run_printed(capsys, tmp_path, scenario_id, seed):
    log, json_log = tmp_path / "game.jsonl", tmp_path / "json.jsonl"
    code, readable, _ = cli(capsys, "run", scenario_id, "--seed", str(seed), "--log", str(log))
    assert code == 0
    assert cli(capsys, "replay", str(log)) == (0, readable, "")
    outcome = json.loads(lines_of(log)[-1])
    del outcome["type"]  # the log's outcome line is `summit run --json`'s object with a type
    assert cli(capsys, "replay", str(log), "--json") == (0, json.dumps(outcome, ensure_ascii=False) + "\n", "")
    if seed == SEEDS[0]:  # a second game for --json: once per scenario keeps the suite quick
        code, as_json, _ = cli(capsys, "run", scenario_id, "--seed", str(seed), "--json", "--log", str(json_log))
        assert code == 0 and log.read_bytes() == json_log.read_bytes()
        assert cli(capsys, "replay", str(log), "--json") == (0, as_json, "")
    assert cli(capsys, "replay", str(log), "--rerun") == (0, readable, "")


@pytest.fixture(scope="module")
def tutorial_log(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("replay") / "tutorial.jsonl"
    assert main(["run", "tutorial", "--seed", "2", "--log", str(path)]) == 0   # a game with a pledge
    return path


def first_action(lines: list[str], kind: str) -> int:
    return next(i for i, line in enumerate(lines) if json.loads(line).get("action", {}).get("kind") == kind)


def test_a_changed_action_value_is_refused_at_its_line(capsys, tmp_path, tutorial_log):
    lines = lines_of(tutorial_log)
    index = first_action(lines, "pledge")
    record = json.loads(lines[index])
    record["action"]["level"] = round(record["action"]["level"] + 0.1, 2)
    lines[index] = json.dumps(record, ensure_ascii=False)
    message = refused(capsys, str(write_lines(tmp_path / "edited.jsonl", lines)))
    edited = tmp_path / "edited.jsonl"
    assert message.startswith(f"summit replay: {edited}:{index + 1}: the game does not replay as logged")
    assert "the log says" in message and "the rules give" in message


def test_a_deleted_line_is_refused_at_the_first_mismatch(capsys, tmp_path, tutorial_log):
    lines = lines_of(tutorial_log)
    index = first_action(lines, "pledge")
    path = write_lines(tmp_path / "deleted.jsonl", lines[:index] + lines[index + 1:])
    assert refused(capsys, str(path)).startswith(f"summit replay: {path}:{index + 1}: ")


def test_a_changed_seed_is_refused(capsys, tmp_path, tutorial_log):
    lines = lines_of(tutorial_log)
    header = json.loads(lines[0])
    lines[0] = json.dumps({**header, "seed": header["seed"] + 1}, ensure_ascii=False)
    path = write_lines(tmp_path / "seed.jsonl", lines)
    # The logged moves are still legal, so the replay gets to the outcome, whose seed (and draws) differ.
    assert refused(capsys, str(path)).startswith(f"summit replay: {path}:{len(lines)}: the outcome does not replay")
    # The agents, playing again from the other seed, depart from the log at the first move that depends on it.
    message = refused(capsys, str(path), "--rerun")
    assert message.startswith(f"summit replay: {path}:") and "the log says" in message


def test_a_changed_scenario_text_is_refused(capsys, tmp_path, tutorial_log):
    lines = lines_of(tutorial_log)
    header = json.loads(lines[0])
    lines[0] = json.dumps({**header, "scenario": header["scenario"].replace("rounds: 5", "rounds: 6")},
                          ensure_ascii=False)
    assert lines[0] != lines_of(tutorial_log)[0]
    path = write_lines(tmp_path / "text.jsonl", lines)
    assert refused(capsys, str(path)) == (f"summit replay: {path}:1: the scenario inside the log does not match "
                                          "its checksum")


def test_truncated_logs_are_refused(capsys, tmp_path, tutorial_log):
    lines = lines_of(tutorial_log)
    cut_at_line = write_lines(tmp_path / "lines.jsonl", lines[:-5])
    assert "the file is incomplete" in refused(capsys, str(cut_at_line))
    no_outcome = write_lines(tmp_path / "no_outcome.jsonl", lines[:-1])
    assert refused(capsys, str(no_outcome)) == (f"summit replay: {no_outcome}:{len(lines)}: the file is incomplete: "
                                                "no closing 'outcome' line (it was cut short)")
    mid_line = tmp_path / "mid.jsonl"
    mid_line.write_text(tutorial_log.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    assert "ends in the middle of line" in refused(capsys, str(mid_line))


def test_files_that_are_not_logs_are_refused(capsys, tmp_path):
    assert "cannot read" in refused(capsys, str(tmp_path / "missing.jsonl"))
    assert refused(capsys, "README.md").startswith("summit replay: README.md:1: not a Summit log line")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert "not a Summit log" in refused(capsys, str(empty))
    unknown = write_lines(tmp_path / "format.jsonl", ['{"type":"header","format":99}'])
    assert "log format 99 is not one this Summit reads" in refused(capsys, str(unknown))


def test_a_bad_header_is_refused(capsys, tmp_path, tutorial_log):
    lines = lines_of(tutorial_log)
    header_only = write_lines(tmp_path / "header.jsonl", lines[:1])
    assert "ends right after its header" in refused(capsys, str(header_only))
    lines[0] = json.dumps({**json.loads(lines[0]), "seed": -1}, ensure_ascii=False)
    assert "seed must be a whole number" in refused(capsys, str(write_lines(tmp_path / "neg.jsonl", lines)))


def test_until_stops_after_that_round(capsys, tutorial_log):
    code, out, err = cli(capsys, "replay", str(tutorial_log), "--until", "2")
    assert code == 0 and err == ""
    assert "Round 2 of 5" in out and "Round 3 of" not in out
    assert "NOT OVER: replayed through round 2 of at most 5." in out
    _, readable, _ = cli(capsys, "replay", str(tutorial_log))
    assert readable.startswith(out.split("\n=====")[0])  # the same account, cut after round 2
    code, out, _ = cli(capsys, "replay", str(tutorial_log), "--until", "2", "--json")
    known = json.loads(out)
    assert code == 0 and known["over"] is False and known["until"] == 2 and known["logged_rounds"] == 5
    assert set(known) == {"scenario", "seed", "over", "until", "logged_rounds", "draft", "pledges"}
    # Past the last round, the whole game.
    assert cli(capsys, "replay", str(tutorial_log), "--until", "99") == (0, readable, "")


def test_a_save_replays_and_a_persons_role_cannot_be_rerun(capsys, tmp_path):
    from game.agents import names
    from game.scenario import load_scenario

    scenario = load_scenario(ROOT / "scenarios" / "tutorial.yaml", names())
    session = Session(scenario, 3, ())
    while not session.over:
        session.agent_move()
    save = session.save(tmp_path / "game.summit")
    _, readable, _ = cli(capsys, "run", "tutorial", "--seed", "3")
    assert cli(capsys, "replay", str(save)) == (0, readable, "")
    assert cli(capsys, "replay", str(save), "--rerun") == (0, readable, "")

    session.set_humans(("tusk",))
    human_save = session.save(tmp_path / "human.summit")
    assert json.loads(lines_of(human_save)[0])["agents"]["tusk"] == HUMAN
    assert cli(capsys, "replay", str(human_save)) == (0, readable, "")
    assert "tusk was played by a person" in refused(capsys, str(human_save), "--rerun")

    lines = lines_of(save)
    lines[3] = lines[3].replace("Trump", "Trumpp", 1)
    assert "changed or damaged after it was saved" in refused(capsys, str(write_lines(tmp_path / "bad.summit", lines)))


def test_a_save_of_a_game_in_progress_replays_to_where_it_stopped(capsys, tmp_path):
    from game.agents import names
    from game.scenario import load_scenario

    session = Session(load_scenario(ROOT / "scenarios" / "tutorial.yaml", names()), 3, ())
    for _ in range(20):
        session.agent_move()
    save = session.save(tmp_path / "half.summit")
    code, out, err = cli(capsys, "replay", str(save))
    assert code == 0 and err == "" and f"NOT OVER: replayed through round {session.state.round} of at most 5." in out


def test_bilateral_until(capsys, tmp_path):
    log = tmp_path / "pie.jsonl"
    assert main(["run", "split_the_pie", "--agents", "side_a=random", "side_b=random", "--seed", "1",
                 "--log", str(log)]) == 0
    capsys.readouterr()
    code, out, _ = cli(capsys, "replay", str(log), "--until", "0", "--json")
    assert code == 0
    assert json.loads(out) == {"scenario": "split_the_pie", "seed": 1, "over": False, "until": 0, "logged_rounds": 3,
                               "protocol": "bilateral", "offer": None}
    code, out, _ = cli(capsys, "replay", str(log), "--until", "1")
    assert code == 0 and "[round 1]" in out and "[round 2]" not in out
    assert out.endswith("NOT OVER: replayed through round 1.\n")
