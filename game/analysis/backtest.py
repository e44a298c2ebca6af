"""Check the implementation model against history: from Wales (2014) to 2024.

Start from the 2014 figures of the `wales_2014` scenario, take the pledge as adopted at Wales (2% of GDP
within a decade: by 2024), run the implementation model (game/engine/implementation.py) over many seeds and
compare each ally's median 2024 spending with NATO's 2024 estimates, for every ally that has both. Two naive
forecasts set the bar:

- nothing changes: 2024 = 2014;
- allies below 2% reach exactly 2%, the others stay where they were.

Each forecast is scored by its mean absolute error (points of GDP) and its rank correlation with what
happened (Spearman's rho; tied values share the mean of their ranks). The model gets no per-country
constant: only the scenario's judgements of 2014 (threat, fiscal space, domestic support) and the model's
global constants. Most of its skill comes from the threat judgements: with every ally's threat set to 0.5
it scores about 0.51 / 0.62, no better than the baselines on error. That is why the scenario writes down
the basis of each judgement, ally by ally, from what was known in 2014.

    python -m game.analysis.backtest [--scenario wales_2014] [--data tests/data/nato_defence_series.csv] [--seeds 50]

The computation takes the figures as arguments; only `read_series` and `main` touch files.
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..engine import rng as streams
from ..engine.implementation import Commitment, simulate
from ..scenario import Scenario

PLEDGE_LEVEL = 2.0          # the Wales pledge: % of GDP ...
PLEDGE_YEARS = 10           # ... "within a decade"
DEFAULT_SEEDS = 50
FORECASTS = ("model", "nothing changes", "below 2% reach 2%")

Series = dict[str, dict[int, float]]   # iso3 -> year -> defence spending, % of GDP


@dataclass(frozen=True)
class Score:
    mean_absolute_error: float    # points of GDP
    rank_correlation: float       # Spearman's rho
    allies: int                   # how many allies were compared


@dataclass(frozen=True)
class Backtest:
    iso3: tuple[str, ...]         # the allies compared, scenario order
    names: tuple[str, ...]
    start: np.ndarray             # the scenario's figures (2014)
    actual: np.ndarray            # NATO's figures for the end year (2024)
    forecasts: dict[str, np.ndarray]   # FORECASTS -> predicted end-year spending
    scores: dict[str, Score]
    seeds: int
    end_year: int


def mean_absolute_error(predicted: np.ndarray, actual: np.ndarray) -> float:
    return float(np.mean(np.abs(np.asarray(predicted, float) - np.asarray(actual, float))))


def ranks(values: np.ndarray) -> np.ndarray:
    """Ranks from 1, ties sharing the mean of the ranks they span."""
    values = np.asarray(values, dtype=float)
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    # Each run of equal values gets the mean of the positions it covers.
    starts = np.r_[0, np.flatnonzero(np.diff(ordered)) + 1]
    ends = np.r_[starts[1:], len(values)]
    mean_rank = (starts + ends + 1) / 2.0
    result = np.empty(len(values))
    result[order] = np.repeat(mean_rank, ends - starts)
    return result


def rank_correlation(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's rho: the Pearson correlation of the ranks (0 when either side has no spread)."""
    ra, rb = ranks(a), ranks(b)
    if np.ptp(ra) == 0 or np.ptp(rb) == 0:
        return 0.0
    return float(np.corrcoef(ra, rb)[0, 1])


def score(predicted: np.ndarray, actual: np.ndarray) -> Score:
    return Score(mean_absolute_error(predicted, actual), rank_correlation(predicted, actual), len(actual))


def naive_forecasts(start: np.ndarray, pledge: float = PLEDGE_LEVEL) -> dict[str, np.ndarray]:
    """The two baselines: nothing changes, and allies below the pledge reach exactly it."""
    start = np.asarray(start, dtype=float)
    return {"nothing changes": start.copy(), "below 2% reach 2%": np.maximum(start, pledge)}


def baseline_scores(series: Series, start_year: int = 2014, end_year: int = 2024) -> dict[str, Score]:
    """The baselines over every country in the series with both years (members or not at the start)."""
    both = sorted(iso for iso, years in series.items() if start_year in years and end_year in years)
    start = np.array([series[iso][start_year] for iso in both])
    actual = np.array([series[iso][end_year] for iso in both])
    return {name: score(predicted, actual) for name, predicted in naive_forecasts(start).items()}


def model_forecast(scenario: Scenario, seeds: int = DEFAULT_SEEDS, pledge: Commitment | None = None) -> np.ndarray:
    """Median over seeds of every ally's spending at the end of the scenario's implementation years, every
    ally committed to the same pledge (NaN for an ally that reports no spending)."""
    pledge = pledge or Commitment(PLEDGE_LEVEL, scenario.year + PLEDGE_YEARS)
    commitments = {ally.id: pledge for ally in scenario.allies}
    fiscal = np.array([ally.fiscal_space for ally in scenario.allies])
    support = np.array([ally.domestic_support for ally in scenario.allies])
    threat = np.array([ally.threat for ally in scenario.allies])
    ends = np.array([simulate(scenario, commitments, fiscal, support, streams.stream(seed, "implementation"),
                              threat).spending[:, -1] for seed in range(seeds)])
    median = np.full(len(scenario.allies), np.nan)
    reported = ~np.isnan(ends[0])           # an ally without a spending figure is NaN in every seed
    median[reported] = np.median(ends[:, reported], axis=0)
    return median


def run(scenario: Scenario, series: Series, seeds: int = DEFAULT_SEEDS) -> Backtest:
    """The model and both baselines against the series' figures for the scenario's last implementation year,
    over the scenario's allies that report spending and have a figure for that year."""
    end_year = scenario.year + scenario.implementation_years
    predicted = model_forecast(scenario, seeds)
    rows = [index for index, ally in enumerate(scenario.allies)
            if ally.defence_pct_gdp is not None and end_year in series.get(ally.iso3, {})]
    if not rows:
        raise ValueError(f"no ally of {scenario.id} has a figure for {end_year} in the series")
    allies = [scenario.allies[index] for index in rows]
    start = np.array([ally.defence_pct_gdp for ally in allies], dtype=float)
    actual = np.array([series[ally.iso3][end_year] for ally in allies])
    forecasts = {"model": predicted[rows], **naive_forecasts(start)}
    return Backtest(
        iso3=tuple(ally.iso3 for ally in allies), names=tuple(ally.name for ally in allies), start=start,
        actual=actual, forecasts=forecasts, scores={name: score(forecasts[name], actual) for name in FORECASTS},
        seeds=seeds, end_year=end_year)


def read_series(path: Path) -> Series:
    """iso3 -> year -> defence_pct_gdp from a file shaped like data/nato_defence_series.csv (empty cells are
    left out)."""
    series: Series = {}
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["defence_pct_gdp"].strip():
                series.setdefault(row["iso3"], {})[int(row["year"])] = float(row["defence_pct_gdp"])
    return series


def table(backtest: Backtest, everyone: dict[str, Score] | None = None) -> str:
    """The backtest as plain text: one line per ally, then the scores."""
    lines = [f"{'ally':<16}{backtest.end_year - 10:>6}{'model':>8}{'same':>7}{'to 2%':>7}{backtest.end_year:>7}"]
    for index, name in enumerate(backtest.names):
        f = backtest.forecasts
        lines.append(f"{name:<16}{backtest.start[index]:>6.2f}{f['model'][index]:>8.2f}"
                     f"{f['nothing changes'][index]:>7.2f}{f['below 2% reach 2%'][index]:>7.2f}"
                     f"{backtest.actual[index]:>7.2f}")
    lines.append("")
    lines.append(f"{'forecast':<32}{'mean abs. error':>16}{'rank corr.':>12}{'allies':>8}")
    for name in FORECASTS:
        s = backtest.scores[name]
        label = f"{name} (median of {backtest.seeds} seeds)" if name == "model" else name
        lines.append(f"{label:<32}{s.mean_absolute_error:>16.2f}{s.rank_correlation:>12.2f}{s.allies:>8}")
    if everyone:
        lines.append("")
        lines.append("the baselines over every country with both years (members in 2014 or not):")
        for name, s in everyone.items():
            lines.append(f"{name:<32}{s.mean_absolute_error:>16.2f}{s.rank_correlation:>12.2f}{s.allies:>8}")
    return "\n".join(lines)


def default_data() -> Path:
    """The repository's copy of the series (tests/data), which the tests use too."""
    return Path(__file__).resolve().parents[2] / "tests" / "data" / "nato_defence_series.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m game.analysis.backtest", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", default="wales_2014", help="a bundled id or a file (default: wales_2014)")
    parser.add_argument("--data", type=Path, default=default_data(), help="a CSV shaped like nato_defence_series.csv")
    parser.add_argument("--seeds", type=int, default=DEFAULT_SEEDS, help=f"seeds for the median (default {DEFAULT_SEEDS})")
    args = parser.parse_args(argv)
    from ..agents import names
    from ..scenario.catalogue import check
    checked = check(args.scenario, names())
    if checked.scenario is None:
        print("\n".join(str(problem) for problem in checked.problems), file=sys.stderr)
        return 2
    if not args.data.is_file():
        print(f"{args.data}: no such file (give --data FILE)", file=sys.stderr)
        return 2
    if args.seeds < 1:
        print("--seeds must be at least 1", file=sys.stderr)
        return 2
    series = read_series(args.data)
    backtest = run(checked.scenario, series, args.seeds)
    print(table(backtest, baseline_scores(series, checked.scenario.year, backtest.end_year)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
