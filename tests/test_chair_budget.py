"""The Secretary General's search has a budget: within every documented scenario limit, a revision never
scores more than PACKAGE_BUDGET packages (issue "Hostile files", item 4: 17 range issues of 11 steps asked
26 GiB at round 2; four options issues of 60 options 2.6 GiB; Rutte plus ten 3-option issues 171 s and
7.6 GB a game), and the validator says where a scenario gets there."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

from game.agents import agents_for
from game.agents.secretary_general import SecretaryGeneralAgent
from game.engine import Game, play
from game.scenario import check_bytes
from game.scenario.catalogue import bundled_dir, bundled_ids
from game.scenario.checks import PACKAGE_BUDGET

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = (ROOT / "game" / "scenario" / "templates" / "new_scenario.yaml").read_text(encoding="utf-8")
RUTTE = (ROOT / "scenarios" / "rutte_washington_2025.yaml").read_text(encoding="utf-8")


def _with_issues(text: str, extra: list[dict]) -> bytes:
    data = yaml.safe_load(text)
    data["issues"] = data["issues"] + extra
    for issue in extra:
        data["no_deal"][issue["id"]] = issue["status_quo"]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()


def _ranges(count: int, steps: int) -> list[dict]:
    return [dict(id=f"extra_{i}", label=f"Extra {i}", kind="range", range=[0, steps - 1], step=1, unit="",
                 status_quo=steps // 2, effect="none", help="An issue no one has a position on.") for i in range(count)]


def _options(count: int, options: int) -> list[dict]:
    return [dict(id=f"choice_{i}", label=f"Choice {i}", kind="options", options=[f"option_{j}" for j in range(options)],
                 unit="", status_quo="option_0", effect="none", help="An issue no one has a position on.")
            for i in range(count)]


HOSTILE = {
    "17 range issues of 11 steps": lambda: _with_issues(TEMPLATE, _ranges(17, 11)),
    "4 options issues of 60 options": lambda: _with_issues(TEMPLATE, _options(4, 60)),
    "Rutte plus ten 3-option issues": lambda: _with_issues(RUTTE, _options(10, 3)),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_the_chair_stays_within_its_budget_and_the_game_ends(name, monkeypatch):
    checked = check_bytes(HOSTILE[name](), "hostile.yaml")
    assert checked.scenario is not None, [str(problem) for problem in checked.problems]
    warned = [problem for problem in checked.warnings if "packages a revision" in problem.message]
    assert len(warned) == 1 and warned[0].line > 1, [str(problem) for problem in checked.warnings]
    sizes = []
    searched = SecretaryGeneralAgent._axes

    def counted(self, observation, known=None):
        axes = searched(self, observation, known)
        sizes.append(int(np.prod([len(axis) for axis in axes], dtype=float)))
        return axes
    monkeypatch.setattr(SecretaryGeneralAgent, "_axes", counted)
    scenario = checked.scenario
    state = play(Game(scenario, 1), agents_for(scenario))
    assert state.is_terminal
    assert sizes and max(sizes) <= PACKAGE_BUDGET
    assert max(sizes) > 1   # it still searches: the most contested issues move


def test_the_most_contested_issues_move_first():
    """Past the budget, the chair's revision moves the issues with objections and holds the quiet ones."""
    scenario = check_bytes(_with_issues(TEMPLATE, _ranges(17, 11)), "hostile.yaml").scenario
    game = Game(scenario, 1)
    state = game.new_initial_state()
    chair = next(leader.id for leader in scenario.leaders if leader.role.value == "secretary_general")
    observation = game.observe(state, chair)

    class Known:   # rounds of objections per issue: only core_target and extra_3 contested
        persistence = np.zeros((len(scenario.leaders), len(scenario.issues)))
    Known.persistence[1, [issue.id for issue in scenario.issues].index("extra_3")] = 2
    Known.persistence[2, 0] = 1
    axes = SecretaryGeneralAgent(chair, scenario.leader(chair).traits)._axes(observation, Known)
    moving = [issue.id for issue, axis in zip(scenario.issues, axes) if len(axis) > 1]
    assert "extra_3" in moving and "core_target" in moving
    assert len(moving) < len(scenario.issues)
    assert int(np.prod([len(axis) for axis in axes])) <= PACKAGE_BUDGET


@pytest.mark.parametrize("scenario_id", bundled_ids())
def test_no_bundled_scenario_is_past_the_budget(scenario_id):
    checked = check_bytes((bundled_dir() / f"{scenario_id}.yaml").read_bytes(), f"{scenario_id}.yaml")
    assert checked.scenario is not None
    assert not [problem for problem in checked.warnings if "packages a revision" in problem.message]


def test_the_chairs_reason_for_a_redraft_is_one_sentence_the_rules_accept_however_much_changes():
    """In Bucharest a redraft that moved every issue at once (a game with people in odd roles) gave a reason of
    more than 500 characters, so the rules refused the chair's own move. Now the reason names the issues."""
    from game.engine import Draft
    from game.engine.actions import REASON_MAX

    from game.scenario.catalogue import check

    scenario = check("bucharest_2008").scenario
    game = Game(scenario, 0)
    observation = game.observe(game.new_initial_state(), scenario.pen_holder_id)
    old = Draft.of({issue.id: issue.options[0] for issue in scenario.issues})
    new = Draft.of({issue.id: issue.options[1] for issue in scenario.issues},
                   {ally.id: 2030 for ally in scenario.allies[:6]})
    reason = SecretaryGeneralAgent._reason(observation, old, new, 20, 26)
    assert len(reason) <= REASON_MAX and "(the chair expects 20 of 26 to accept it)" in reason
    assert all(issue.label in reason for issue in scenario.issues)
