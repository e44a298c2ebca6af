"""`summit grades`: one row per student, the score against the role's best, and the play counted so that noise
and sabotage earn nothing. Three students play Spain in the tutorial (same seed, the computer in every other
role): a careful one, a spammer and a saboteur; the grades file must rank the careful one first."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from cli_support import captured
from game.engine import Amend, AskCarveOut, BreakSilence, Pass, Pledge, Promise, Statement
from game.report.grades import is_filler, split_team
from game.play.session import Session
from game.scenario import load_scenario
from game.scenario.catalogue import resolve

SEED = 7
ROLE = "sanchez"


def _careful(session: Session):
    """Says where Spain stands and why, pays what the US asked, asks for a later deadline, promises Poland and
    keeps the promise, and lets every draft through."""
    state, round_ = session.state, session.state.round
    if state.phase.value == "silence":
        return Pass(ROLE, reason="The text is one Spain can sign.")
    demands = [entry.data["action"]["demand"] for entry in state.history if entry.type == "action"
               and entry.data["action"]["kind"] in ("threat", "promise") and entry.data["action"].get("target") == ROLE]
    if round_ == 1:
        return Statement(ROLE, reason="Spain can reach 3.5% only with more time: our public debt is above 100% of GDP.",
                         issue="core_target", bound="at_most", limit=3.5)
    if round_ == 2 and demands:
        return Pledge(ROLE, reason="Spain will pay what the United States asks, on a path our budget allows.",
                      level=float(demands[-1]), year=2035)
    if round_ == 3:
        return AskCarveOut(ROLE, reason="A later deadline for Spain alone lets us sign the common text.", year=2040)
    if round_ == 4:
        return Promise(ROLE, reason="Poland has paid: Spain will not block a text Poland supports.", target="tusk",
                       demand=4.0)
    return Statement(ROLE, reason="We thank Poland and Germany for meeting Spain halfway on the deadline.")


def _spammer(session: Session):
    """Types "blah" every turn and proposes the same amendment again and again."""
    if session.state.phase.value == "silence":
        return Pass(ROLE, reason="blah")
    if session.state.round % 2:
        return Statement(ROLE, reason="blah" if session.state.round == 1 else "Blah, BLAH!")
    return Amend(ROLE, reason="blah", issue="deadline", value=2036)


def _saboteur(session: Session):
    """Proposes 2.0% every round and objects to every draft."""
    if session.state.phase.value == "silence":
        return BreakSilence(ROLE, reason="No.", issue="core_target", wants="less")
    return Amend(ROLE, reason="2% is enough.", issue="core_target", value=2.0)


def _play(path: Path, student, name: str) -> Path:
    session = Session(load_scenario(resolve("tutorial")), SEED, (ROLE,), {ROLE: name})
    session.keep_log(path)
    while not session.over:
        if session.waiting_for_human:
            session.submit(student(session))
        else:
            session.agent_move()
    return path


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("grades")
    return {"careful": _play(folder / "careful.jsonl", _careful, "Ana & Ben"),
            "spammer": _play(folder / "spammer.jsonl", _spammer, "Carl"),
            "saboteur": _play(folder / "saboteur.jsonl", _saboteur, "Dora, Eve and Finn")}


@pytest.fixture(scope="module")
def rows(logs, tmp_path_factory) -> dict[str, list[dict]]:
    out = tmp_path_factory.mktemp("out") / "grades.csv"
    code, printed, err = captured("grades", str(logs["careful"]), str(logs["spammer"]), str(logs["saboteur"]),
                                  "--out", str(out))
    assert code == 0, err
    assert "Grades of 6 students from 3 logs written to" in printed
    by_table: dict[str, list[dict]] = {}
    for row in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))):
        by_table.setdefault(row["table"], []).append(row)
    return by_table


def test_the_careful_player_ranks_above_the_spammer_and_the_saboteur(rows):
    careful, spammer, saboteur = rows["careful"][0], rows["spammer"][0], rows["saboteur"][0]
    assert careful["rank"] == "1"
    assert float(careful["grade"]) > float(spammer["grade"])
    assert float(careful["grade"]) > float(saboteur["grade"])
    assert {careful["role"], spammer["role"], saboteur["role"]} == {ROLE}
    # the same role in the same game: one best achievable score, above no deal
    assert careful["best_achievable"] == spammer["best_achievable"] == saboteur["best_achievable"]
    assert float(careful["best_achievable"]) > 50


def test_noise_counts_as_statements_but_not_as_substantive_ones(rows):
    spammer, careful = rows["spammer"][0], rows["careful"][0]
    assert int(spammer["statements"]) >= 2
    assert spammer["substantive_statements"] == "0"
    assert int(careful["statements"]) == int(careful["substantive_statements"]) >= 1
    # the spammer let a text through that crosses Spain's red lines; the careful player did not
    assert spammer["red_lines_held"].startswith("no: ") and careful["red_lines_held"] == "yes"


def test_sabotage_counts_as_objections_not_coalitions(rows):
    saboteur = rows["saboteur"][0]
    assert int(saboteur["objections"]) >= 4
    assert saboteur["coalitions"] == "0"
    assert int(saboteur["proposals"]) >= 4 and saboteur["distinct_proposals"] == "1"
    assert saboteur["agreed"] == "no" and saboteur["share_of_best"] == "0.0"
    assert saboteur["red_lines_held"] == "n/a"   # no deal: no terms to hold them against


def test_keeping_ones_word_is_not_applicable_without_promises(rows):
    assert rows["spammer"][0]["keeping_word"] == "n/a"
    assert rows["saboteur"][0]["keeping_word"] == "n/a"
    careful = rows["careful"][0]
    assert careful["promises_made"] == "1" and careful["keeping_word"] == "kept 1 of 1"


def test_a_matching_pledge_is_a_coalition(rows):
    careful = rows["careful"][0]
    assert int(careful["pledges"]) == 1 and int(careful["coalitions"]) >= 1


def test_a_team_gives_one_row_per_student_with_the_same_values(rows):
    assert [row["student"] for row in rows["careful"]] == ["Ana", "Ben"]
    assert [row["student"] for row in rows["saboteur"]] == ["Dora", "Eve", "Finn"]
    assert {row["team"] for row in rows["saboteur"]} == {"Dora, Eve and Finn"}
    first, second = rows["careful"]
    assert {k: v for k, v in first.items() if k != "student"} == {k: v for k, v in second.items() if k != "student"}


def test_the_private_objective_and_red_lines_are_reported(rows):
    careful = rows["careful"][0]
    assert "carve-out" in careful["objective"]          # the tutorial gives Spain one
    # and says how to tell it was met: a text adopted with a later deadline for Spain alone
    assert careful["objective_met"] == "yes: the table adopted a text; Spain has a later deadline of its own (2040)"
    assert rows["saboteur"][0]["objective_met"] == "no: no text was adopted; Spain has no later deadline of its own"


def test_only_the_people_are_graded_and_json_says_the_same(logs, capsys):
    code, printed, err = captured("grades", str(logs["careful"]), "--json")
    assert code == 0, err
    data = json.loads(printed)
    assert [row["student"] for row in data["rows"]] == ["Ana", "Ben"]
    assert {row["role"] for row in data["rows"]} == {ROLE}
    assert data["rows"][0]["keeping_word"] == "kept 1 of 1"
    assert "share_of_best" in data["columns"]


def test_filler_and_teams():
    assert is_filler("blah") and is_filler("blah blah blah blah") and is_filler("OK, we agree.")
    assert is_filler("no no no no no") and is_filler("12345 !!!")
    assert not is_filler("Spain needs until 2040 to reach the target.")
    assert split_team("Ana & Ben") == ("Ana", "Ben")
    assert split_team("Ana, Ben") == ("Ana", "Ben")
    assert split_team("Ana and Ben") == ("Ana", "Ben")
    assert split_team("Alexandra") == ("Alexandra",)   # "and" inside a name is no separator
    assert split_team("") == ("",)


def test_refusals_are_one_line_and_exit_2(logs, tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text(logs["careful"].read_text(encoding="utf-8").replace('"level":', '"level":9', 1), encoding="utf-8")
    computer = tmp_path / "computer.jsonl"
    assert captured("run", "tutorial", "--seed", "3", "--log", str(computer))[0] == 0
    cases = {
        "missing": ([str(tmp_path / "nothing.jsonl")], "cannot read"),
        "folder": ([str(tmp_path)], "is a folder"),
        "edited": ([str(broken)], "broken.jsonl:"),
        "computer only": ([str(computer)], "every role was played by the computer"),
        "twice": ([str(logs["careful"]), str(logs["careful"])], "named twice"),
        "out onto a folder": ([str(logs["careful"]), "--out", str(tmp_path)], "is a folder"),
    }
    for case, (args, said) in cases.items():
        code, printed, err = captured("grades", *args)
        assert code == 2, case
        assert said in err, (case, err)
        assert err.count("\n") == 1 and "Traceback" not in err, (case, err)


def test_backing_another_leaders_amendment_is_a_coalition_objecting_with_it_is_not(tmp_path):
    """Poland's student amends the core target towards the US President's amendment (same way, no further) and
    objects in the same rounds as he does: one coalition (with him, on the core target), and the objections stay
    objections (the outcome's own participation record counts them as 'coalitions joined')."""
    def poland(session: Session):
        if session.state.phase.value == "silence":
            return BreakSilence("tusk", reason="Too little for the front line.", issue="core_target", wants="more")
        return Amend("tusk", reason="Poland backs a higher core target: the front line cannot wait.",
                     issue="core_target", value=4.5)

    session = Session(load_scenario(resolve("tutorial")), SEED, ("tusk",), {"tusk": "Gus"})
    session.keep_log(tmp_path / "poland.jsonl")
    while not session.over:
        if session.waiting_for_human:
            session.submit(poland(session))
        else:
            session.agent_move()
    code, printed, err = captured("grades", str(tmp_path / "poland.jsonl"), "--json")
    assert code == 0, err
    row = json.loads(printed)["rows"][0]
    assert row["coalitions"] == 1 and row["objections"] >= 2
    assert session.outcome().participation["tusk"].coalitions_joined >= 1   # what the grades no longer count
    assert row["distinct_proposals"] == 1 and row["proposals"] >= 2


@pytest.mark.parametrize("guide_name, section", [("teachers-guide.md", "## Grading"),
                                                  ("teachers-guide.fr.md", "## Évaluation")])
def test_the_teachers_guide_explains_every_column(guide_name, section):
    from game.report.grades import COLUMNS

    guide = (Path(__file__).resolve().parent.parent / "docs" / guide_name).read_text(encoding="utf-8")
    grading = guide.split(f"\n{section}\n", 1)[1].split("\n## ", 1)[0]
    missing = [name for name, _ in COLUMNS if f"`{name}`" not in grading]
    assert not missing, f"docs/{guide_name}'s {section[3:]} section does not explain: {missing}"


def test_a_name_typed_as_a_formula_or_with_control_characters_stays_text(tmp_path):
    log = _play(tmp_path / "hostile.jsonl", _saboteur, "Ana")
    text = log.read_text(encoding="utf-8").replace('"players":{"sanchez":"Ana"}',
                                                    '"players":{"sanchez":"=HYPERLINK(\\"x\\") & \\u001b[31mBen"}', 1)
    log.write_text(text, encoding="utf-8")
    out = tmp_path / "grades.csv"
    code, printed, err = captured("grades", str(log), "--out", str(out))
    assert code == 0, err
    students = [row["student"] for row in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))]
    assert students == ["'=HYPERLINK(\"x\")", "\\x1b[31mBen"]


def test_the_computers_moves_for_an_absent_students_seat_are_not_the_students(tmp_path):
    """A hosted table lets the computer move for a seat when the round's time is up: those moves are the agent's,
    word for word, and count for nothing; the student's own statement still counts."""
    session = Session(load_scenario(resolve("tutorial")), SEED, (ROLE,), {ROLE: "Hal"})
    session.keep_log(tmp_path / "absent.jsonl")
    spoke = False
    while not session.over:
        if session.waiting_for_human and not spoke:
            session.submit(Statement(ROLE, reason="Spain needs a later deadline than the others to sign.",
                                     issue="deadline", bound="at_least", limit=2035))
            spoke = True
        else:
            session.agent_move(stand_in=session.waiting_for_human)
    code, printed, err = captured("grades", str(tmp_path / "absent.jsonl"), "--json")
    assert code == 0, err
    row = json.loads(printed)["rows"][0]
    assert row["computer_moves"] >= 2
    assert row["statements"] == row["substantive_statements"] == 1


def test_the_three_players_own_every_move(rows):
    assert {rows[name][0]["computer_moves"] for name in ("careful", "spammer", "saboteur")} == {"0"}
