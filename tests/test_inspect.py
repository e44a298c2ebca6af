"""`summit inspect`: zones of agreement, the Pareto frontier and the Nash solution, checked by hand.

The numbers below can be checked with a pencil from tests/fixtures/mini.yaml and scenarios/tutorial.yaml;
where a test needs every package it enumerates them independently, draft by draft, through the engine's
own per-draft utilities (not the candidate arrays game.inspect uses).
"""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import pytest

from game.analysis import inspect as inspection_module
from game.cli import main
from game.engine import Draft, Game
from game.engine.outcome import score
from game.engine.preferences import Preferences
from game.analysis.inspect import inspect

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


@pytest.fixture(scope="module")
def tutorial():
    from game.agents import names
    from game.scenario import load_scenario

    return load_scenario(TUTORIAL, names())


def with_red_line(scenario, leader_id: str, issue_id: str, red_line):
    """The scenario with one leader's red line on one issue changed."""
    leaders = []
    for leader in scenario.leaders:
        if leader.id == leader_id:
            position = leader.positions[issue_id].model_copy(update={"red_line": red_line})
            leader = leader.model_copy(update={"positions": {**leader.positions, issue_id: position}})
        leaders.append(leader)
    return scenario.model_copy(update={"leaders": tuple(leaders)})


def every_package(scenario):
    """Every combination of the issues' grids, as Drafts."""
    grids = [issue.grid() for issue in scenario.issues]
    for values in itertools.product(*grids):
        yield Draft.of({issue.id: value for issue, value in zip(scenario.issues, values)})


# ----- the zone of possible agreement per issue -------------------------------------------------------

def test_tutorial_core_target_zone_runs_from_trumps_red_line_to_sanchezs(tutorial):
    zone = inspect(tutorial).issue("core_target")
    assert (zone.low, zone.high) == (3.0, 3.5)
    assert set(zone.bounded_below_by) == {"trump", "tusk"}  # both draw the line at 3.0
    assert zone.bounded_above_by == ("sanchez",)


def test_tutorial_deadline_and_guarantee_zones(tutorial):
    result = inspect(tutorial)
    deadline = result.issue("deadline")
    assert (deadline.low, deadline.high) == (2035, 2040)  # Sánchez: not before 2035; the range ends at 2040
    assert deadline.bounded_below_by == ("sanchez",) and deadline.bounded_above_by == ()
    guarantee = result.issue("us_guarantee")
    assert guarantee.values == ("unconditional", "conditional")
    assert guarantee.ruled_out == {"reduced": ("scholz", "tusk")}


def test_counts_of_packages_are_the_products_of_the_zones(tutorial):
    result = inspect(tutorial)
    assert result.packages == 31 * 13 * 3           # 2.0-5.0 by 0.1, 2028-2040, three options
    assert result.acceptable == 6 * 6 * 2           # 3.0-3.5, 2035-2040, not "reduced"
    assert result.any_acceptable and not result.coarsened
    prefs, game = Preferences(tutorial), Game(tutorial)
    accepted = [draft for draft in every_package(tutorial)
                if not any(prefs.crossed(draft, voter) for voter in game.voters)]
    assert len(accepted) == result.acceptable


def test_the_secretary_generals_red_lines_bind_no_one(tutorial):
    # Rutte does not vote: a red line of his at 3.2 must not narrow the zone 3.0-3.5.
    changed = with_red_line(tutorial, "rutte", "core_target", 3.2)
    zone = inspect(changed).issue("core_target")
    assert (zone.low, zone.high) == (3.0, 3.5)
    assert "rutte" not in zone.bounded_below_by


def test_conflicting_red_lines_leave_no_acceptable_package(tutorial):
    # Sánchez refuses anything above 2.5 while Trump and Tusk refuse anything below 3.0.
    result = inspect(with_red_line(tutorial, "sanchez", "core_target", 2.5))
    zone = result.issue("core_target")
    assert zone.empty and zone.values == ()
    assert set(zone.bounded_below_by) == {"trump", "tusk"} and zone.bounded_above_by == ("sanchez",)
    assert not result.any_acceptable and result.acceptable == 0
    assert result.pareto is None and result.nash is None
    assert any("No package is acceptable to every voter" in note and "core_target" in note for note in result.notes)


# ----- the zone of agreement proper: acceptable and at least as good as no deal -------------------------

def test_mini_has_exactly_one_package_every_voter_prefers_to_no_deal(mini):
    # No deal is (2.0, 2035, conditional). Sánchez: 0.6*(1-0.1/3) + 0.4*(1-5/12) = 0.8133 at no deal; at
    # (3.0, 2040) he gets 0.6*0.7 + 0.4 = 0.82, at 3.1 only 0.80, at (3.0, 2039) 0.787: so 3.0 and 2040.
    # Trump then gets 0.1667 + 0.0333 + 0.3 = 0.5 >= 0.4167 only with "conditional" (0.35 with
    # "unconditional"); Tusk gets 0.5667 >= 0.4333. One package.
    result = inspect(mini)
    assert result.agreement == 1
    assert result.nash.values == {"core_target": 3.0, "deadline": 2040.0, "us_guarantee": "conditional"}
    assert result.issue("core_target").agreement == (3.0,)
    assert result.issue("us_guarantee").agreement == ("conditional",)
    assert result.nash.scores["sanchez"] == pytest.approx(50 + 50 * (0.82 - 0.81333333) / (1 - 0.81333333), abs=1e-3)


def test_no_package_better_than_no_deal_is_said_plainly(mini):
    # With Trump's red line at 3.1, Sánchez (0.80 at 3.1 < 0.8133) loses against no deal in every package.
    result = inspect(with_red_line(mini, "trump", "core_target", 3.1))
    assert result.any_acceptable and result.agreement == 0
    assert result.nash is None
    assert any("no Nash bargaining solution" in note for note in result.notes)


def test_no_deal_scores_fifty_and_ideal_is_one(tutorial):
    result = inspect(tutorial)
    prefs = Preferences(tutorial)
    no_deal = prefs.utilities(Game(tutorial).no_deal_terms())
    for values in result.leaders:
        assert values.no_deal_score == 50.0
        assert values.no_deal_utility == pytest.approx(no_deal[prefs.row(values.id)])
        assert values.ideal_utility == 1.0
    assert [v.id for v in result.leaders if not v.votes] == ["rutte"]


# ----- the Nash bargaining solution --------------------------------------------------------------------

def test_tutorial_nash_solution_is_inside_every_red_line_and_beats_no_deal_for_every_voter(tutorial):
    result = inspect(tutorial)
    game, prefs = Game(tutorial), Preferences(tutorial)
    nash = Draft.of(result.nash.values)
    for voter in game.voters:
        assert prefs.crossed(nash, voter) == ()
        assert result.nash.scores[voter] > 50
    # Every leader's score, the Secretary General's included, is outcome.score of its utility.
    no_deal = prefs.utilities(game.no_deal_terms())
    utilities = prefs.utilities(nash)
    for row, leader in enumerate(prefs.leader_ids):
        assert result.nash.scores[leader] == pytest.approx(score(utilities[row], no_deal[row]))


def test_tutorial_nash_solution_maximises_the_product_of_gains(tutorial):
    result = inspect(tutorial)
    game, prefs = Game(tutorial), Preferences(tutorial)
    rows = [prefs.row(voter) for voter in game.voters]
    no_deal = prefs.utilities(game.no_deal_terms())[rows]
    best, best_draft = -math.inf, None
    for draft in every_package(tutorial):
        if any(prefs.crossed(draft, voter) for voter in game.voters):
            continue
        gains = prefs.utilities(draft)[rows] - no_deal
        if (gains > 1e-9).all() and math.log(math.prod(gains)) > best + 1e-12:
            best, best_draft = math.log(math.prod(gains)), draft
    assert best_draft is not None
    assert result.nash.values == dict(best_draft.values)


# ----- the Pareto frontier -----------------------------------------------------------------------------

def _frontier_by_brute_force(scenario) -> int:
    game, prefs = Game(scenario), Preferences(scenario)
    rows = [prefs.row(voter) for voter in game.voters]
    points = [tuple(round(u, 12) for u in prefs.utilities(draft)[rows]) for draft in every_package(scenario)
              if not any(prefs.crossed(draft, voter) for voter in game.voters)]
    return sum(1 for p in points
               if not any(all(a >= b for a, b in zip(q, p)) and any(a > b for a, b in zip(q, p)) for q in points))


def test_mini_pareto_frontier_matches_brute_force_and_representatives_lie_on_it(mini):
    result = inspect(mini)
    assert result.pareto.exact
    assert result.pareto.size == _frontier_by_brute_force(mini) == 32
    labels = [package.label for package in result.pareto.representatives]
    assert labels == ["best for the US President", "best for the members", "best for the Secretary General",
                      "most even"]
    best_for_trump = result.pareto.representatives[0]
    # Trump's best acceptable package: as much spending as Sánchez allows, his own deadline and guarantee.
    assert best_for_trump.values == {"core_target": 3.5, "deadline": 2030.0, "us_guarantee": "conditional"}


def test_large_frontier_is_estimated_with_an_interval_around_the_true_size(mini, monkeypatch):
    # Without red lines every one of the 1,209 packages is acceptable; force the estimate and compare.
    free = mini
    for leader in ("trump", "tusk", "sanchez"):
        for issue in mini.leader(leader).positions:
            free = with_red_line(free, leader, issue, None)
    exact = inspect(free).pareto
    assert exact.exact and exact.of == 1209
    monkeypatch.setattr(inspection_module, "PARETO_WORK", 0)
    estimate = inspect(free)
    assert not estimate.pareto.exact
    assert estimate.pareto.interval[0] <= exact.size <= estimate.pareto.interval[1]
    assert [p.values for p in estimate.pareto.representatives] == [p.values for p in exact.representatives]
    assert any("estimated" in note for note in estimate.notes)


def test_too_many_packages_coarsens_range_issues_and_says_so(tutorial, monkeypatch):
    monkeypatch.setattr(inspection_module, "MAX_PACKAGES", 20)
    result = inspect(tutorial)
    assert result.acceptable == 72                  # still exact
    assert result.examined <= 20 and result.coarsened
    assert result.issue("core_target").values[0] == 3.0 and result.issue("core_target").values[-1] == 3.5
    assert any("evenly spaced" in note for note in result.notes)


# ----- the command line --------------------------------------------------------------------------------

def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_json_shape(capsys):
    code, out, err = run_cli(capsys, "inspect", "tutorial", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"scenario", "title", "voters", "non_voters", "issues", "packages", "any_acceptable",
                         "leaders", "no_deal", "pareto", "nash", "notes", "decision", "events", "may_fire"}
    assert data["scenario"] == "tutorial" and data["non_voters"] == ["rutte"]
    assert data["decision"] == {"rule": "consensus", "threshold": None, "voters": 4, "needed": 4, "blocking": 1}
    # The tutorial's one scripted event (Trump's post, round 3) moves a weight: the zones stay, the counts show.
    assert [event["id"] for event in data["events"]] == ["trump_post"] and data["may_fire"] == []
    assert set(data["events"][0]) == {"id", "label", "round", "probability", "changes", "issues", "acceptable",
                                      "any_acceptable", "agreement"}
    assert data["events"][0]["changes"] == ["trump weight on core_target: +0.05"]
    core = data["issues"][0]
    assert set(core) == {"id", "label", "kind", "unit", "zone", "empty", "bounded_below_by", "bounded_above_by",
                         "ruled_out", "outvoted", "agreement", "conditional"}
    assert core["zone"] == {"low": 3.0, "high": 3.5} and core["bounded_above_by"] == ["sanchez"]
    assert data["issues"][2]["zone"] == ["unconditional", "conditional"]
    assert set(data["packages"]) == {"total", "acceptable", "examined", "agreement", "coarsened"}
    assert data["packages"]["acceptable"] == 72
    assert set(data["leaders"][0]) == {"id", "name", "role", "votes", "no_deal_utility", "no_deal_score",
                                       "ideal_utility", "best_acceptable_utility", "best_acceptable_score"}
    assert set(data["pareto"]) == {"size", "exact", "interval", "of", "representatives"}
    assert set(data["nash"]) == {"label", "values", "utilities", "scores"}
    assert all(data["nash"]["scores"][voter] > 50 for voter in data["voters"])


def test_cli_readable_output_names_the_zone_and_its_bounds(capsys):
    code, out, err = run_cli(capsys, "inspect", "tutorial")
    assert code == 0 and err == ""
    assert "\x1b[" not in out
    core = next(line for line in out.splitlines() if "(core_target)" in line)
    assert "3.0-3.5% GDP" in core and "below: trump, tusk; above: sanchez" in core
    assert "reduced ruled out by scholz, tusk" in out
    assert "Nash bargaining solution: Core defence target 3.5% GDP" in out
    assert all(line == line.rstrip() for line in out.splitlines())


def test_cli_says_plainly_when_nothing_is_acceptable(capsys, tmp_path):
    text = TUTORIAL.read_text(encoding="utf-8")
    sanchez_core = "core_target: {ideal: 2.1, weight: 0.4, red_line: 3.5"   # a reason for it may follow
    assert text.count(sanchez_core) == 1
    path = tmp_path / "deadlock.yaml"
    path.write_text(text.replace(sanchez_core, sanchez_core.replace("3.5", "2.5")), encoding="utf-8")
    code, out, _ = run_cli(capsys, "inspect", str(path))
    assert code == 0
    assert "none is acceptable to every voter" in out
    assert "Nash bargaining solution: none" in out
    code, out, _ = run_cli(capsys, "inspect", str(path), "--json")
    data = json.loads(out)
    assert data["any_acceptable"] is False and data["nash"] is None and data["pareto"] is None
    assert data["issues"][0]["zone"] is None


# ----- the decision rule ------------------------------------------------------------------------------

def with_decision(scenario, **decision):
    from game.scenario import Decision

    return scenario.model_copy(update={"decision": Decision(**decision)})


def _accepting(scenario, draft) -> int:
    """How many voters' red lines the draft crosses none of, through the engine's own per-draft check."""
    game, prefs = Game(scenario), Preferences(scenario)
    return sum(1 for voter in game.voters if not prefs.crossed(draft, voter))


def test_under_a_majority_a_red_line_one_voter_holds_narrows_nothing(mini):
    # Sánchez's red line at 2.8 against Trump's at 3.0: under consensus no value of core_target is left;
    # under a majority of three, a value two voters refuse is out (2.9), one that only one refuses stays.
    clash = with_red_line(mini, "sanchez", "core_target", 2.8)
    assert inspect(clash).issue("core_target").empty
    zone = inspect(with_decision(clash, rule="majority")).issue("core_target")
    assert zone.values == (2.5, 2.6, 2.7, 2.8) + tuple(round(3.0 + k / 10, 1) for k in range(21))
    assert zone.bounded_below_by == ("trump", "tusk")      # both refuse 2.4
    assert zone.outvoted == ("trump", "sanchez")


def test_under_a_majority_the_acceptable_packages_are_those_enough_voters_accept(mini):
    clash = with_decision(with_red_line(mini, "sanchez", "core_target", 2.8), rule="majority")
    result = inspect(clash)
    assert result.decision.needed == 2 and result.decision.blocking == 2
    brute = sum(1 for draft in every_package(clash) if _accepting(clash, draft) >= 2)
    assert result.acceptable == brute == 634
    # Nash's solution asks every voter's agreement, which the clash rules out.
    assert result.nash is None


def test_cli_says_how_the_vote_counts(capsys, tmp_path):
    text = (ROOT / "tests" / "fixtures" / "mini.yaml").read_text(encoding="utf-8")
    path = tmp_path / "vote.yaml"
    path.write_text(text.replace("id: mini", "id: vote").replace("red_line: 3.5}", "red_line: 2.8}")
                    .replace("no_deal:", "decision: {rule: majority}\nno_deal:"), encoding="utf-8")
    code, out, err = run_cli(capsys, "inspect", str(path))
    assert code == 0 and err == ""
    assert "2 of the 3 voters must accept a draft, so the objections of 2 stop it" in out
    core = next(line for line in out.splitlines() if "(core_target)" in line)
    assert "2.5-2.8, 3.0-5.0% GDP" in core and "outvoted: trump, sanchez" in core
    assert "acceptable to at least 2 of the 3 voters" in out


# ----- events ----------------------------------------------------------------------------------------

def test_a_scripted_event_that_lifts_a_red_line_opens_the_zone_after_it(mini):
    # Sánchez's 2.8 leaves nothing under consensus; mini's event "post" (round 2) moves it to 3.6.
    clash = with_red_line(mini, "sanchez", "core_target", 2.8)
    result = inspect(clash)
    assert not result.any_acceptable
    [post] = result.events
    assert (post.id, post.round, post.changes) == ("post", 2, ("sanchez red_line on core_target: 3.6% GDP",))
    core = post.issues[0]
    assert (core.low, core.high) == (3.0, 3.6) and core.bounded_above_by == ("sanchez",)
    # The count after the event, by brute force through the engine's preferences with the red line moved.
    game, prefs = Game(clash), Preferences(clash, ((("sanchez", "core_target", "red_line"), 3.6),))
    accepted = [draft for draft in every_package(clash) if not any(prefs.crossed(draft, voter) for voter in game.voters)]
    assert post.acceptable == len(accepted) == 7 * 11 * 2
    # The random event of mini moves only an ally's threat: it is not listed.
    assert result.may_fire == ()


def test_cli_shows_the_zones_before_and_after_each_scripted_event_and_what_may_fire(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, err = run_cli(capsys, "inspect", "rutte_washington_2025")
    assert code == 0
    rows = {line.split()[0] + " " + line.split()[1]: line for line in out.splitlines()
            if line.startswith(("  start", "  round"))}
    assert "3.0-5.0% GDP" in rows["start -"]
    assert "3.2-5.0% GDP" in next(line for key, line in rows.items() if "trump_post" in line)
    assert "May fire (chance 10% a round): french_budget_crisis: macron ideal on deadline: +3." in out
    data = json.loads(run_cli(capsys, "inspect", "rutte_washington_2025", "--json")[1])
    assert [e["id"] for e in data["events"]] == ["debt_brake_reform", "pentagon_china_first", "trump_post"]
    assert data["events"][2]["issues"][0]["zone"] == {"low": 3.2, "high": 5.0}
    assert [e["id"] for e in data["may_fire"]] == ["french_budget_crisis", "spanish_coalition_revolt"]
    assert data["may_fire"][0] == {"id": "french_budget_crisis", "label": data["may_fire"][0]["label"],
                                   "round": None, "probability": 0.1, "changes": ["macron ideal on deadline: +3"]}


@pytest.mark.parametrize("args, message", [
    (["inspect", "no/such/file.yaml"], "no such file"),
    (["inspect", "split_the_pie"], "bilateral protocol"),
    (["inspect"], "the following arguments are required: SCENARIO"),
    (["inspect", "tutorial", "--seed", "3"], "unrecognized arguments: --seed 3"),
])
def test_cli_bad_arguments_exit_2_with_one_message(capsys, monkeypatch, args, message):
    monkeypatch.chdir(ROOT)
    code, out, err = run_cli(capsys, *args)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
