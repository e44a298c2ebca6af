"""Check the implementation model against history, in two backtests.

- `wales_2014_2024`: from the `wales_2014` scenario's 2014 figures, with the pledge as adopted at Wales (2%
  of GDP within a decade: by 2024) and the Readiness Action Plan as the reassurance agreed, predict 2024.
- `early_2025`: from the `rutte_washington_2025` scenario's 2024 figures, with the commitments in force
  before NATO's 2025 data cut-off (3 June 2025): 2% of GDP as a floor every year (Vilnius 2023) and the
  scenario's US guarantee as it stood, predict 2025 for every ally with a 2025 estimate.

Each reports five forecasts, scored by mean absolute error (points of GDP) and rank correlation with what
happened (Spearman's rho; tied values share the mean of their ranks):

- `model, objective threat`: the model with each ally's threat computed from the facts of the start year
  (game/scenario/facts.py: borders, the distance to Moscow and to Russia's latest use of force);
- `model, scenario threat`: the model with the threat the scenario writes (a judgement made later);
- `model, threat 0.5`: the model with every ally's threat at 0.5;
- `nothing changes`: the end year as the start;
- `below 2% reach 2%`: allies below 2% reach exactly 2%, the others stay where they were.

The model forecast is the median over seeds of each ally's spending in the end year. The model gets no
per-country constant: only the scenario's figures and judgements of the start year and the model's global
constants (docs/model.md).

    summit backtest [NAME] [--json] [--seeds N] [--data FILE]

The computation takes the figures as arguments; only `read_series` touches files.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..engine import rng as streams
from ..i18n import N_, LazyText, _, country_name, ngettext, number, percent
from ..engine.implementation import Commitment, Pressure, simulate
from ..scenario import Role, Scenario
from ..scenario.facts import known, objective_threat

PLEDGE_LEVEL = 2.0          # the Wales pledge and the Vilnius floor: % of GDP
DEFAULT_SEEDS = 50
OBJECTIVE, SCENARIO, FLAT = "model, objective threat", "model, scenario threat", "model, threat 0.5"
SAME, TO_PLEDGE = "nothing changes", "below 2% reach 2%"
FORECASTS = (OBJECTIVE, SCENARIO, FLAT, SAME, TO_PLEDGE)

Series = dict[str, dict[int, float]]   # iso3 -> year -> defence spending, % of GDP


@dataclass(frozen=True)
class Setup:
    """One backtest: where it starts, what was committed, and which year it predicts."""

    name: str
    scenario: str                 # a bundled scenario id: its allies, figures and judgements are the start
    start_year: int               # the year of the scenario's figures
    end_year: int                 # the year predicted
    pledge_year: int              # by when the pledge of PLEDGE_LEVEL was due
    guarantee: str | None         # the US guarantee option in force (None: the scenario's status quo)
    summary: LazyText             # in the language shown; {floor} is the 2% floor, written as the language writes it


BACKTESTS = (
    Setup("wales_2014_2024", "wales_2014", 2014, 2024, 2024, "readiness_action_plan",
          N_("from 2014 with the Wales pledge ({floor} by 2024) and the Readiness Action Plan, predict 2024")),
    Setup("early_2025", "rutte_washington_2025", 2024, 2025, 2025, None,
          N_("from 2024 with the {floor} floor in force before NATO's 2025 cut-off (Vilnius 2023), predict 2025")),
)
NAMES = tuple(setup.name for setup in BACKTESTS)


@dataclass(frozen=True)
class Score:
    mean_absolute_error: float    # points of GDP
    rank_correlation: float       # Spearman's rho
    allies: int                   # how many allies were compared


@dataclass(frozen=True)
class Backtest:
    name: str
    summary: "LazyText | str"
    iso3: tuple[str, ...]         # the allies compared, scenario order
    names: tuple[str, ...]
    start: np.ndarray             # the scenario's figures (start year)
    actual: np.ndarray            # NATO's figures for the end year
    threat: dict[str, np.ndarray]      # the threat each model forecast used, per ally compared
    forecasts: dict[str, np.ndarray]   # FORECASTS -> predicted end-year spending
    scores: dict[str, Score]
    seeds: int
    start_year: int
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


def objective_threats(scenario: Scenario, year: int) -> np.ndarray:
    """Each ally's threat from the facts of `year` (the scenario's own value where there are none)."""
    return np.array([objective_threat(ally.iso3, year) if known(ally.iso3) else ally.threat
                     for ally in scenario.allies])


def model_forecast(scenario: Scenario, setup: Setup, threat: np.ndarray, seeds: int = DEFAULT_SEEDS) -> np.ndarray:
    """Median over seeds of every ally's spending in the end year, every ally committed to the pledge
    (NaN for an ally that reports no spending)."""
    pledge = Commitment(PLEDGE_LEVEL, setup.pledge_year)
    commitments = {ally.id: pledge for ally in scenario.allies}
    fiscal = np.array([ally.fiscal_space for ally in scenario.allies])
    support = np.array([ally.domestic_support for ally in scenario.allies])
    pressure = Pressure.of(scenario, setup.guarantee)
    us_ally = next((leader.ally for leader in scenario.leaders if leader.role == Role.US_PRESIDENT), None)
    column = setup.end_year - setup.start_year
    ends = np.array([simulate(scenario, commitments, fiscal, support, streams.stream(seed, "implementation"),
                              threat, pressure, us_ally).spending[:, column] for seed in range(seeds)])
    median = np.full(len(scenario.allies), np.nan)
    reported = ~np.isnan(ends[0])           # an ally without a spending figure is NaN in every seed
    median[reported] = np.median(ends[:, reported], axis=0)
    return median


def run(setup: Setup, scenario: Scenario, series: Series, seeds: int = DEFAULT_SEEDS) -> Backtest:
    """The five forecasts against the series' figures for the end year, over the scenario's allies that
    report spending and have a figure for that year."""
    rows = [index for index, ally in enumerate(scenario.allies)
            if ally.defence_pct_gdp is not None and setup.end_year in series.get(ally.iso3, {})]
    if not rows:
        raise ValueError(f"no ally of {scenario.id} has a figure for {setup.end_year} in the series")
    if scenario.implementation_years < setup.end_year - setup.start_year:
        raise ValueError(f"{scenario.id} simulates {scenario.implementation_years} years, fewer than the backtest needs")
    allies = [scenario.allies[index] for index in rows]
    start = np.array([ally.defence_pct_gdp for ally in allies], dtype=float)
    actual = np.array([series[ally.iso3][setup.end_year] for ally in allies])
    threats = {OBJECTIVE: objective_threats(scenario, setup.start_year),
               SCENARIO: np.array([ally.threat for ally in scenario.allies], dtype=float),
               FLAT: np.full(len(scenario.allies), 0.5)}
    forecasts = {name: model_forecast(scenario, setup, threat, seeds)[rows] for name, threat in threats.items()}
    forecasts.update(naive_forecasts(start))
    return Backtest(
        name=setup.name, summary=setup.summary, iso3=tuple(ally.iso3 for ally in allies),
        names=tuple(ally.name for ally in allies), start=start, actual=actual,
        threat={name: threat[rows] for name, threat in threats.items()}, forecasts=forecasts,
        scores={name: score(forecasts[name], actual) for name in FORECASTS}, seeds=seeds,
        start_year=setup.start_year, end_year=setup.end_year)


def run_all(series: Series, scenarios: dict[str, Scenario], names: tuple[str, ...] = NAMES,
            seeds: int = DEFAULT_SEEDS) -> list[Backtest]:
    """The named backtests, in the order of BACKTESTS; `scenarios` maps each setup's scenario id to it."""
    return [run(setup, scenarios[setup.scenario], series, seeds) for setup in BACKTESTS if setup.name in names]


def read_series(path: Path) -> Series:
    """iso3 -> year -> defence_pct_gdp from a file shaped like data/nato_defence_series.csv (empty cells are
    left out)."""
    series: Series = {}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = {"iso3", "year", "defence_pct_gdp"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"no column {', '.join(sorted(missing))}")
        for row in reader:
            if row["defence_pct_gdp"].strip():
                series.setdefault(row["iso3"], {})[int(row["year"])] = float(row["defence_pct_gdp"])
    return series


# The forecasts as a table names them (their English names are the JSON's)
FORECAST_LABELS = {OBJECTIVE: N_("model, objective threat"), SCENARIO: N_("model, scenario threat"),
                   FLAT: N_("model, threat {threat}"), SAME: N_("nothing changes"), TO_PLEDGE: N_("below {floor} reach {floor}")}


def table(backtest: Backtest) -> str:
    """One backtest as plain text in the language in use: one line per ally, then the scores."""
    f = backtest.forecasts
    floor = percent(2, 0)
    fields = {"floor": floor, "threat": number(0.5, 1)}
    summary = backtest.summary.format(floor=floor) if isinstance(backtest.summary, LazyText) else backtest.summary
    count = len(backtest.iso3)
    ally, objective, scenario, flat, same = _("ally"), _("obj."), _("scen."), number(0.5, 1), _("same")
    pledge, threat = _("to {floor}").format(floor=floor), _("threat obj./scen.")
    lines = [ngettext("{name}: {summary} ({count} ally, median of {seeds} seeds)",
                      "{name}: {summary} ({count} allies, median of {seeds} seeds)", count).format(
                 name=backtest.name, summary=summary, count=count, seeds=backtest.seeds), "",
             f"{ally:<16}{backtest.start_year:>6}{objective:>7}{scenario:>7}{flat:>7}{same:>7}{pledge:>7}"
             f"{backtest.end_year:>7}   {threat}"]
    for index, name in enumerate(backtest.names):
        row = [backtest.start[index], f[OBJECTIVE][index], f[SCENARIO][index], f[FLAT][index], f[SAME][index],
               f[TO_PLEDGE][index], backtest.actual[index]]
        cells = "".join(f"{number(value, 2):>{6 if column == 0 else 7}}" for column, value in enumerate(row))
        shown = country_name(backtest.iso3[index], name)
        lines.append(f"{shown:<16}{cells}   {number(backtest.threat[OBJECTIVE][index], 2)}/"
                     f"{number(backtest.threat[SCENARIO][index], 2)}")
    forecast, error, rank, allies = _("forecast"), _("mean abs. error"), _("rank corr."), _("allies")
    lines += ["", f"{forecast:<28}{error:>16}{rank:>12}{allies:>8}"]
    for name in FORECASTS:
        s = backtest.scores[name]
        label = FORECAST_LABELS[name].format(**fields)
        lines.append(f"{label:<28}{number(s.mean_absolute_error, 2):>16}{number(s.rank_correlation, 2):>12}"
                     f"{s.allies:>8}")
    return "\n".join(lines)


def to_json(backtests: list[Backtest]) -> dict:
    return {"backtests": [{"name": b.name, "allies": len(b.iso3),
                           "forecasts": [{"name": name, "mae": round(b.scores[name].mean_absolute_error, 4),
                                          "spearman": round(b.scores[name].rank_correlation, 4)}
                                         for name in FORECASTS]} for b in backtests]}


def default_data() -> Path:
    """The repository's copy of the series (tests/data), which the tests use too."""
    return Path(__file__).resolve().parents[2] / "tests" / "data" / "nato_defence_series.csv"
