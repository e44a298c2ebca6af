"""The bundled scenarios as a library: each opens in an editor with the format's schema, starts with a
designer's note, validates without warnings, plays to an outcome, has plans for a class, and copies its
real figures exactly from the project's data.

The figures are checked against tests/data/nato_defence_expenditure.csv (2024 figures for all 32 allies) and
tests/data/nato_defence_series.csv, copies of ../shared/data/, so the suite never reads outside the
repository. Playing 20 seeds of every bundled scenario is the slow part (about 50 s); it is split per
scenario so that `pytest --durations` shows which one costs what.
"""

from __future__ import annotations

import csv
import functools
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.agents import agents_for
from game.scenario.catalogue import bundled_ids, check
from game.cli import main
from game.engine import make_game, outcome_of, play

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SCHEMA_FILE = ROOT / "docs" / "scenario.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../docs/scenario.schema.json"
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))
SEEDS = range(20)

# Warnings a bundled scenario may keep, with the reason it is meant: {scenario id: {warning message substring:
# why}}. Empty: every bundled scenario validates without a warning.
ALLOWED_WARNINGS: dict[str, dict[str, str]] = {}

# The scenarios whose allies carry NATO's 2024 estimates, World Bank GDP (2023) and population (2024),
# copied from nato_defence_expenditure.csv. (wales_2014 draws on 2014 figures and is checked elsewhere.)
FIGURES_FROM_2024 = ("rutte_washington_2025", "tutorial", "hague_summit_2025", "us_drawdown_2027")
FIGURE_SOURCES = {"nato_2024", "world_bank_gdp", "world_bank_population"}

CLASS_SIZES = (4, 8, 12, 20)


def _ids(paths):
    return [path.stem for path in paths]


@functools.lru_cache(maxsize=None)
def _checked(scenario_id: str):
    """A bundled scenario, checked once for the whole module (checking a 32-ally file takes a third of a second)."""
    return check(scenario_id)


def _scenario(scenario_id: str):
    checked = _checked(scenario_id)
    assert checked.scenario is not None, "\n".join(map(str, checked.errors))
    return checked.scenario


def _expenditure() -> dict[str, dict[str, str]]:
    with open(DATA / "nato_defence_expenditure.csv", encoding="utf-8", newline="") as handle:
        return {row["iso3"]: row for row in csv.DictReader(handle)}


def _number(text: str) -> float | None:
    return None if text == "" else float(text)


# ----- editor support: the schema file and the first lines -------------------------------------------------

def test_the_schema_file_is_what_summit_schema_prints(capsys):
    # docs/scenario.schema.json is generated (`summit schema > docs/scenario.schema.json`); a change to the
    # format without regenerating it fails here.
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert SCHEMA_FILE.read_text(encoding="utf-8") == printed, (
        "docs/scenario.schema.json is out of date: run `summit schema > docs/scenario.schema.json`")


def test_the_tests_see_every_bundled_scenario():
    assert _ids(BUNDLED) == list(bundled_ids())
    assert {"rutte_washington_2025", "tutorial", "hague_summit_2025", "us_drawdown_2027", "split_the_pie"} <= set(
        bundled_ids())


@pytest.mark.parametrize("path", BUNDLED, ids=_ids(BUNDLED))
def test_a_bundled_scenario_names_the_schema_then_opens_with_a_designers_note(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == SCHEMA_LINE
    assert (path.parent / SCHEMA_LINE.split("=", 1)[1]).resolve() == SCHEMA_FILE.resolve()
    assert lines[1].startswith("# Designer's note"), f"{path.name}: line 2 is {lines[1]!r}"


@pytest.mark.parametrize("path", BUNDLED, ids=_ids(BUNDLED))
def test_a_bundled_scenario_satisfies_the_schema_an_editor_checks(path: Path):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = [f"{'.'.join(map(str, error.absolute_path))}: {error.message}"
                for error in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert problems == []


# ----- validation -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", BUNDLED, ids=_ids(BUNDLED))
def test_a_bundled_scenario_validates_without_errors_or_unexplained_warnings(path: Path):
    checked = _checked(path.stem)
    assert checked.errors == (), "\n".join(map(str, checked.errors))
    allowed = ALLOWED_WARNINGS.get(path.stem, {})
    unexplained = [str(w) for w in checked.warnings if not any(text in w.message for text in allowed)]
    assert unexplained == []


@pytest.mark.parametrize("scenario_id", bundled_ids())
def test_a_summit_scenario_has_a_plan_for_each_class_size(scenario_id):
    scenario = _scenario(scenario_id)
    if scenario.is_bilateral:
        pytest.skip("a theory lab for two sides: no class plans")
    assert tuple(sorted(plan.students for plan in scenario.classroom)) == CLASS_SIZES
    for plan in scenario.classroom:
        # the validator checks the sums and the leader ids; a team sharing a role is told how
        if any(students > 1 for students in plan.roles.values()):
            assert plan.note, f"{scenario_id}: the plan for {plan.students} has teams but no note"


@pytest.mark.parametrize("path", BUNDLED, ids=_ids(BUNDLED))
def test_a_fictional_scenario_says_so_in_its_designers_note(path: Path):
    scenario = _scenario(path.stem)
    header = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.startswith("#"):
            break
        header.append(line)
    if scenario.fictional:
        assert "fictional" in "\n".join(header).lower()


def test_the_what_if_is_marked_fictional_and_the_history_is_not():
    assert _scenario("us_drawdown_2027").fictional
    assert not _scenario("hague_summit_2025").fictional


# ----- play -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("scenario_id", bundled_ids())
def test_a_bundled_scenario_plays_to_an_outcome_over_20_seeds(scenario_id):
    scenario = _scenario(scenario_id)
    agreed = 0
    for seed in SEEDS:
        game = make_game(scenario, seed)
        state = play(game, agents_for(scenario))
        result = outcome_of(game, state)
        assert state.is_terminal
        agreed += result.agreed
        if scenario.is_bilateral:
            assert all(0.0 <= share <= 1.0 for share in result.shares.values())
        else:
            assert 1 <= result.rounds <= scenario.rounds
            assert all(0.0 <= score <= 100.0 for score in result.scores.values())
            assert result.agreed == (result.terms is not None)
    # A bundled scenario in which the scenario's own agents never agree would teach only deadlock.
    assert agreed >= 1, f"{scenario_id}: no agreement in {len(SEEDS)} seeds"


# ----- figures --------------------------------------------------------------------------------------------

def test_the_two_data_files_agree():
    # The wide 2024 file and the long series come from the same sources: 2024 spending and population, and
    # GDP for the file's latest year (2023), must be the same numbers in both.
    wide = _expenditure()
    with open(DATA / "nato_defence_series.csv", encoding="utf-8", newline="") as handle:
        series = {(row["iso3"], int(row["year"])): row for row in csv.DictReader(handle)}
    assert len(wide) == 32
    for iso3, row in wide.items():
        assert row["gdp_year"] == "2023"
        assert _number(series[(iso3, 2024)]["defence_pct_gdp"]) == _number(row["defence_pct_gdp_2024"]), iso3
        assert _number(series[(iso3, 2024)]["population_m"]) == _number(row["population_m_2024"]), iso3
        assert _number(series[(iso3, 2023)]["gdp_usd_bn"]) == _number(row["gdp_usd_bn_latest"]), iso3


@pytest.mark.parametrize("scenario_id", FIGURES_FROM_2024)
def test_an_allys_figures_are_the_data_files_figures(scenario_id):
    scenario = _scenario(scenario_id)
    rows = _expenditure()
    cited = {source.id for source in scenario.sources}
    assert FIGURE_SOURCES <= cited
    for ally in scenario.allies:
        row = rows[ally.iso3]
        assert ally.name == row["country"]
        assert ally.defence_pct_gdp == _number(row["defence_pct_gdp_2024"]), ally.id
        assert ally.gdp_usd_bn == float(row["gdp_usd_bn_latest"]), ally.id
        assert ally.population_m == float(row["population_m_2024"]), ally.id
        assert FIGURE_SOURCES <= set(ally.sources), f"{ally.id} does not cite where its figures come from"


@pytest.mark.parametrize("scenario_id", ["hague_summit_2025", "us_drawdown_2027"])
def test_the_new_summits_seat_all_32_allies(scenario_id):
    scenario = _scenario(scenario_id)
    assert {ally.iso3 for ally in scenario.allies} == set(_expenditure())
