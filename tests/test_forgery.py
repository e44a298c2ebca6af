"""Forgery (issue 23, item 12): a log edited consistently (an agent's statement changed in the move and in its
line) still replays through the rules, and a save edited with its SHA-256 trailer recomputed still loads: the
checksum protects against damage, not against a deliberate edit (README, "Your folders"). The debrief chooses
every computer move again from the seed and flags the moves that differ, on the page, in debrief.json and on the
terminal."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from cli_support import cli

from game.play.replay import replay
from game.play.session import load

ORIGINAL = "Europe and Canada will spend more, and the United States stays with us."
FORGED = "Europe should stop paying for defence."


@pytest.fixture(scope="module")
def clean_log(tmp_path_factory) -> Path:
    from game.cli import main
    path = tmp_path_factory.mktemp("forgery") / "clean.jsonl"
    assert main(["run", "tutorial", "--seed", "3", "--log", str(path)]) == 0
    return path


def _forged(clean: Path, folder: Path, name: str = "edited.jsonl") -> tuple[Path, int]:
    """The log with Rutte's opening statement changed wherever it is written (the move's reason, its template and
    the line's text), and the number of the line that holds it."""
    text = clean.read_text(encoding="utf-8")
    assert text.count(ORIGINAL) == 3, "the statement is in the move (its reason and template) and in its line"
    line = next(n for n, record in enumerate(text.splitlines(), 1) if ORIGINAL in record)
    path = folder / name
    path.write_text(text.replace(ORIGINAL, FORGED), encoding="utf-8")
    return path, line


def test_a_clean_log_is_all_the_agents_own(clean_log, tmp_path, capsys):
    assert replay(clean_log, check_agents=True).unlike == ()
    code, out, err = cli(capsys, "debrief", str(clean_log), "--out", str(tmp_path / "d"))
    assert code == 0 and "not what the agents choose" not in err
    assert "Moves the agents would not make" not in (tmp_path / "d" / "index.md").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "d" / "debrief.json").read_text())["games"][0]["unlike_the_agents"] == []


def test_an_agents_statement_edited_consistently_replays_but_the_debrief_flags_it(clean_log, tmp_path, capsys):
    edited, line = _forged(clean_log, tmp_path)
    assert cli(capsys, "replay", str(edited))[0] == 0          # the rules cannot tell: a statement is any words
    code, out, err = cli(capsys, "debrief", str(edited), "--out", str(tmp_path / "d"))
    assert code == 0, err
    assert f"summit debrief: {edited}: 1 computer move not what the agents choose from the seed (first at line {line}, " \
           "round 1, rutte)" in err
    page = (tmp_path / "d" / "index.md").read_text(encoding="utf-8")
    assert "## Moves the agents would not make" in page
    assert f"**Line {line}**: round 1, consultations: the log says" in page and FORGED in page and ORIGINAL in page
    [unlike] = json.loads((tmp_path / "d" / "debrief.json").read_text())["games"][0]["unlike_the_agents"]
    assert (unlike["line"], unlike["leader"], unlike["round"]) == (line, "rutte", 1)
    assert FORGED in unlike["logged"] and ORIGINAL in unlike["chosen"]


def test_a_save_edited_with_its_checksum_recomputed_loads_and_the_debrief_flags_it(clean_log, tmp_path, capsys):
    edited, line = _forged(clean_log, tmp_path)
    body = edited.read_text(encoding="utf-8")
    closing = {"type": "save", "save_format": 1, "lines": body.count("\n"),
               "sha256": hashlib.sha256(body.encode()).hexdigest()}
    save = tmp_path / "forged.summit"
    save.write_text(body + json.dumps(closing) + "\n", encoding="utf-8")
    assert load(save).over          # the trailer proves the file whole, not that nobody changed it
    code, out, err = cli(capsys, "debrief", str(save), "--out", str(tmp_path / "d"))
    assert code == 0 and f"(first at line {line}, round 1, rutte)" in err


def test_a_person_s_moves_are_not_checked(clean_log, tmp_path):
    """A role a person played has no agent to choose again with: what the person did is never flagged."""
    edited, _ = _forged(clean_log, tmp_path)
    lines = edited.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["agents"]["rutte"] = "human"
    path = tmp_path / "person.jsonl"
    path.write_text("\n".join([json.dumps(header, ensure_ascii=False)] + lines[1:]) + "\n", encoding="utf-8")
    assert replay(path, check_agents=True).unlike == ()


def test_a_role_the_header_says_a_person_played_is_named_as_unchecked(clean_log, tmp_path, capsys):
    """A second pass of the attacks: setting "rutte": "human" in the header, then editing Rutte's statement, passed
    with nothing said. A person's moves cannot be chosen again; the debrief says whose moves it did not check."""
    edited, _ = _forged(clean_log, tmp_path)
    lines = edited.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["agents"]["rutte"] = "human"
    edited.write_text("\n".join([json.dumps(header, ensure_ascii=False)] + lines[1:]) + "\n", encoding="utf-8")
    code, _, err = cli(capsys, "debrief", str(edited), "--out", str(tmp_path / "d"))
    assert code == 0, err
    page = (tmp_path / "d" / "index.md").read_text(encoding="utf-8")
    assert "## Moves the agents would not make" in page
    assert "as played by people (Mark Rutte" in page and "not checked" in page


def test_a_reasons_template_edited_behind_its_english_is_flagged(clean_log, tmp_path):
    """A French account writes a built-in agent's reason from its template (the move's "said"): an edited
    template, its English left alone, is not what the agent chose."""
    lines = clean_log.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines) if ORIGINAL in line)
    record = json.loads(lines[number])
    assert record["action"]["said"]["template"].endswith(ORIGINAL)
    record["action"]["said"]["template"] = record["action"]["said"]["template"].replace(ORIGINAL, FORGED)
    lines[number] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    path = tmp_path / "template.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [unlike] = replay(path, check_agents=True).unlike
    assert unlike.line == number + 1
