"""The teacher's guide's 90-minute plan for 12, 25 and 40 students: its table of what a round costs is what
playing each plan through in class mode measures (tests/lesson_support.py), and its minutes are the
arithmetic of the rates it states."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from lesson_support import play_class

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "teachers-guide.md"
ROUNDS = 3
PLAY_MINUTES = 70 - 25          # the plan's playing block, 25-70
# The rates the guide states: seconds a slip typed, a roll-call answer, the chair team's draft, a computer move
# on screen (normal speed), and the fixed minutes of a round (caucus 3, the decision on the draft 1, the result 1).
RATES = dict(slip=20, call=5, draft=60, computer_move=0.7, fixed=5 * 60)
PLANS = {12: 12, 25: 20, 40: 20}   # students in the class -> the scenario's class plan played at each table


def _guide_rows(guide: Path = GUIDE) -> dict[int, dict[str, int]]:
    rows = {}
    for line in guide.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 9 and cells[0] in ("12", "25", "40"):
            rows[int(cells[0])] = {"tables": int(cells[1]), "observers": int(cells[3]), "screens": int(cells[4]),
                                   "rows": int(cells[5]), "computer_moves": int(cells[6]), "minutes": int(cells[7]),
                                   "play": int(cells[8]), "seats": cells[2]}
    return rows


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:   # the autosave and the live log go to a home of the test's own
        patch.setenv("SUMMIT_HOME", str(tmp_path_factory.mktemp("home")))
        yield {plan: play_class("rutte_washington_2025", plan, ROUNDS) for plan in set(PLANS.values())}


def test_the_guide_has_a_row_for_each_class_size():
    assert sorted(_guide_rows()) == [12, 25, 40]


def test_the_french_guide_has_the_same_figures():
    """docs/teachers-guide.fr.md's table is the English one in French words: the same figures in every row."""
    french = _guide_rows(GUIDE.with_name("teachers-guide.fr.md"))
    numbers = {students: {k: v for k, v in row.items() if k != "seats"} for students, row in _guide_rows().items()}
    assert {students: {k: v for k, v in row.items() if k != "seats"} for students, row in french.items()} == numbers
    assert [row["seats"].split()[0] for row in french.values()] == [row["seats"].split()[0] for row in _guide_rows().values()]


@pytest.mark.parametrize("students", sorted(PLANS))
def test_the_guides_figures_are_what_playing_the_plan_measures(measured, students):
    from game.scenario.catalogue import check

    row = _guide_rows()[students]
    plan = next(p for p in check("rutte_washington_2025").scenario.classroom if p.students == PLANS[students])
    # the class adds up: the plan's students at each table, and the observers
    assert row["tables"] * plan.students + row["observers"] == students
    assert row["seats"].startswith(f"{len(plan.roles)} roles")
    rounds = measured[PLANS[students]]
    assert len(rounds) == ROUNDS and all(r.result_screen for r in rounds)
    for played in rounds:
        assert played.screens == row["screens"]
        assert played.slips + played.calls + played.drafts == row["rows"]
        assert played.slips == len(plan.roles) and played.calls == len(plan.roles) - 1   # the chair never votes
        assert played.computer_moves == row["computer_moves"]
        assert math.ceil(played.seconds(**RATES) / 60) == row["minutes"]
    assert row["play"] == ROUNDS * row["minutes"] <= PLAY_MINUTES


def test_the_plan_says_the_rounds_and_the_mode_it_was_measured_in():
    text = GUIDE.read_text(encoding="utf-8")
    assert re.search(r"summit play rutte_washington_2025 --class\s+--rounds 3", text)
    assert "| 25-70 | Play 3 rounds" in text
