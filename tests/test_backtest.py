"""The implementation model against history (game/analysis/backtest.py, `summit backtest`): Wales 2014 ->
NATO's 2024 figures, and 2024 -> NATO's 2025 estimates.

The tests read their own copy of the data (tests/data/nato_defence_series.csv, a copy of
../shared/data/nato_defence_series.csv) so they never depend on files outside the repository."""

from pathlib import Path

import numpy as np
import pytest

import json

from game.agents import names
from game.analysis.backtest import (BACKTESTS, FLAT, OBJECTIVE, SAME, SCENARIO, TO_PLEDGE, Backtest, baseline_scores,
                                    naive_forecasts, objective_threats, rank_correlation, ranks, read_series, run)
from game.cli import main
from game.scenario.catalogue import check

DATA = Path(__file__).resolve().parent / "data" / "nato_defence_series.csv"


@pytest.fixture(scope="module")
def series():
    return read_series(DATA)


def _scenario(name):
    checked = check(name, names())
    assert checked.scenario is not None, checked.problems
    return checked.scenario


@pytest.fixture(scope="module")
def wales():
    return _scenario("wales_2014")


SETUPS = {setup.name: setup for setup in BACKTESTS}


@pytest.fixture(scope="module")
def backtest(wales, series) -> Backtest:
    return run(SETUPS["wales_2014_2024"], wales, series, seeds=50)


@pytest.fixture(scope="module")
def early(series) -> Backtest:
    return run(SETUPS["early_2025"], _scenario("rutte_washington_2025"), series, seeds=50)


def test_the_baselines_reproduce_the_issue_numbers(series):
    # Over every country with a 2014 and a 2024 figure (31: Iceland reports none), as the issue counted them.
    scores = baseline_scores(series, 2014, 2024)
    same, to_two = scores["nothing changes"], scores["below 2% reach 2%"]
    assert same.allies == to_two.allies == 31
    assert round(same.mean_absolute_error, 2) == 0.85 and round(same.rank_correlation, 2) == 0.47
    assert round(to_two.mean_absolute_error, 2) == 0.45 and round(to_two.rank_correlation, 2) == 0.38


def test_with_objective_threat_the_model_beats_both_baselines_from_wales(backtest):
    # measured (50 seeds): objective threat 0.37 / 0.88, scenario threat 0.40 / 0.91, threat 0.5 0.45 / 0.78;
    # nothing changes 0.84 / 0.50, below 2% reach 2% 0.49 / 0.40 (27 allies)
    model = backtest.scores[OBJECTIVE]
    for baseline in (SAME, TO_PLEDGE):
        assert model.mean_absolute_error < backtest.scores[baseline].mean_absolute_error, baseline
        assert model.rank_correlation > backtest.scores[baseline].rank_correlation, baseline
    assert model.mean_absolute_error < backtest.scores[FLAT].mean_absolute_error, "the facts of 2014 carry information"


def test_out_of_sample_the_model_beats_nothing_changes_in_2025(early):
    # measured (50 seeds): objective threat 0.42 / 0.79, nothing changes 0.48 / 0.78, below 2% reach 2%
    # 0.25 / 0.77 (16 allies with a 2025 estimate); the model does not beat the last (docs/model.md says why)
    assert early.end_year == 2025 and len(early.iso3) == 16
    model, same = early.scores[OBJECTIVE], early.scores[SAME]
    assert model.mean_absolute_error < same.mean_absolute_error
    assert model.rank_correlation > same.rank_correlation


def test_objective_threat_ranks_the_frontline_first_from_facts_of_2014(wales):
    threat = dict(zip((a.iso3 for a in wales.allies), objective_threats(wales, 2014)))
    frontline = [threat[iso] for iso in ("POL", "LTU", "LVA", "EST", "NOR")]
    far = [threat[iso] for iso in ("ESP", "PRT", "CAN", "USA", "GBR", "FRA", "ITA", "BEL")]
    assert min(frontline) > max(far) + 0.2


def test_the_backtest_compares_every_wales_ally_that_has_both_years(backtest, wales):
    # 28 allies in 2014; Iceland reports no spending, so 27 are compared. No later member is among them.
    assert backtest.end_year == 2024 and len(backtest.iso3) == 27
    assert "ISL" not in backtest.iso3
    assert not {"MNE", "MKD", "FIN", "SWE"} & set(backtest.iso3)
    assert set(backtest.iso3) == {a.iso3 for a in wales.allies if a.defence_pct_gdp is not None}


def test_the_scenario_starts_from_the_2014_figures_exactly(wales, series):
    for ally in wales.allies:
        if ally.defence_pct_gdp is None:
            assert 2014 not in series.get(ally.iso3, {}), ally.id
        else:
            assert ally.defence_pct_gdp == series[ally.iso3][2014], ally.id


def test_the_model_shows_both_sides_of_the_public_good(backtest):
    # Frontline allies go beyond the pledge; allies far from the threat fall short of it (DESIGN.md).
    model = dict(zip(backtest.iso3, backtest.forecasts[OBJECTIVE]))
    for frontline in ("POL", "LTU", "LVA", "EST"):
        assert model[frontline] > 2.5, frontline
    for laggard in ("ESP", "BEL", "ITA", "PRT", "CAN"):
        assert model[laggard] < 1.9, laggard


def test_the_model_is_the_same_for_the_same_seeds(wales, series):
    setup = SETUPS["wales_2014_2024"]
    first, second = run(setup, wales, series, seeds=5), run(setup, wales, series, seeds=5)
    for name in (OBJECTIVE, SCENARIO, FLAT):
        assert np.array_equal(first.forecasts[name], second.forecasts[name])


def test_ranks_share_ties_and_rank_correlation_is_spearmans():
    assert ranks(np.array([3.0, 1.0, 2.0, 2.0])).tolist() == [4.0, 1.0, 2.5, 2.5]
    assert rank_correlation(np.array([1, 2, 3, 4]), np.array([10, 20, 30, 40])) == pytest.approx(1.0)
    assert rank_correlation(np.array([1, 2, 3, 4]), np.array([4, 3, 2, 1])) == pytest.approx(-1.0)
    # With ties, Spearman's rho is the Pearson correlation of the mid-ranks.
    a, b = np.array([1.0, 2.0, 2.0, 3.0, 5.0]), np.array([2.0, 1.0, 4.0, 3.0, 5.0])
    expected = np.corrcoef([1, 2.5, 2.5, 4, 5], [2, 1, 4, 3, 5])[0, 1]
    assert rank_correlation(a, b) == pytest.approx(expected)
    assert rank_correlation(np.array([1.0, 1.0]), np.array([1.0, 2.0])) == 0.0


def test_naive_forecasts():
    start = np.array([0.9, 2.0, 3.7])
    forecasts = naive_forecasts(start)
    assert forecasts["nothing changes"].tolist() == [0.9, 2.0, 3.7]
    assert forecasts["below 2% reach 2%"].tolist() == [2.0, 2.0, 3.7]


def test_summit_backtest_prints_both_tables_and_json(capsys):
    assert main(["backtest", "--data", str(DATA), "--seeds", "3"]) == 0
    out = capsys.readouterr().out
    assert "wales_2014_2024:" in out and "early_2025:" in out and "Poland" in out
    for name in (OBJECTIVE, SCENARIO, FLAT, SAME, TO_PLEDGE):
        assert out.count(name) == 2, name
    assert main(["backtest", "early_2025", "--json", "--data", str(DATA), "--seeds", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    [only] = data["backtests"]
    assert only["name"] == "early_2025" and only["allies"] == 16
    assert [f["name"] for f in only["forecasts"]] == [OBJECTIVE, SCENARIO, FLAT, SAME, TO_PLEDGE]
    assert all(isinstance(f["mae"], float) and isinstance(f["spearman"], float) for f in only["forecasts"])


def test_summit_backtest_refuses_an_unknown_name_or_missing_data(capsys):
    assert main(["backtest", "wales"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "wales_2014_2024" in err
    assert main(["backtest", "--data", str(DATA.parent / "missing.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err
