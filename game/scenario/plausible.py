"""Figures that load but are probably a slip: a share written as a fraction, GDP in the wrong unit, a year
far from the scenario's. Each finding says what the value most likely meant."""

from __future__ import annotations

import math
from collections.abc import Iterator

from .model import Effect, Issue, Scenario

Finding = tuple[tuple[str | int, ...], str]

# What real economies span, in thousand US$ of GDP a head: about 0.2 (Burundi) to 140 (Luxembourg), Monaco
# some 240. A figure far outside is a unit slipped by a factor of a thousand (millions for billions).
GDP_PER_HEAD = (0.3, 200.0)
MIN_DEFENCE_PCT = 0.3  # below every share in NATO's 2014-2024 series (Luxembourg's 0.37% in 2014 is the lowest):
                       # a fraction, 0.0157 for 1.57
YEARS_AHEAD = 50       # a year in a scenario lies from its own year to this many years after it


def implausible_figures(scenario: Scenario) -> Iterator[Finding]:
    """An ally's defence share that looks like a fraction; GDP a head outside what real economies span."""
    for index, ally in enumerate(scenario.allies):
        here = ("allies", index)
        share = ally.defence_pct_gdp
        if share is not None and 0 < share < MIN_DEFENCE_PCT:
            yield here + ("defence_pct_gdp",), (
                f"{share:g} looks like a fraction; as a percentage of GDP that is {round(share * 100, 6):g} "
                f"(write defence_pct_gdp: {round(share * 100, 6):g})")
        per_head = ally.gdp_usd_bn / ally.population_m
        low, high = GDP_PER_HEAD
        if low <= per_head <= high:
            continue
        said = (f"GDP per head comes out at {f'{per_head:,.0f}' if per_head >= 10 else f'{per_head:.2g}'}"
                f" thousand US$ (gdp_usd_bn {_figure(ally.gdp_usd_bn)} / population_m {_figure(ally.population_m)}), far "
                f"{'above' if per_head > high else 'below'} any country's ({low:g} to {high:g})")
        # The powers of a thousand that bring GDP a head back among real economies (about 30 thousand US$).
        ratio = per_head / 30
        steps = round(abs(math.log(ratio, 1000))) if 0 < ratio < math.inf else 99   # 5e-324 people or US$: no slip
        slip = 1000 ** steps
        if steps == 0 or steps > 3:
            yield here + ("gdp_usd_bn",), f"{said}: gdp_usd_bn is in billions of US$, population_m in millions"
        elif per_head > high and ally.gdp_usd_bn > 40_000:   # more than the US's GDP: millions for billions
            unit = ("millions", "thousands", "US$")[steps - 1]
            yield here + ("gdp_usd_bn",), f"{said}: is it in {unit}? In billions it is {_figure(ally.gdp_usd_bn / slip)}"
        elif per_head > high:
            yield here + ("population_m",), (f"{said}: is it in {'billions' if steps == 1 else 'another unit'}? "
                                             f"In millions it is {_figure(ally.population_m * slip)}")
        elif ally.population_m > 2_000:                      # more people than China: thousands for millions
            unit = ("thousands", "people", "people")[steps - 1]
            yield here + ("population_m",), (f"{said}: is it in {unit}? In millions it is "
                                             f"{_figure(ally.population_m / slip)}")
        else:
            unit = ("trillions", "another unit", "another unit")[steps - 1]
            yield here + ("gdp_usd_bn",), f"{said}: is it in {unit}? In billions it is {_figure(ally.gdp_usd_bn * slip)}"


def _figure(value: float) -> str:
    """A figure as a designer writes it in the file: 1580700, 1580.7, 0.0412 (never 1.5807e+06 or 1,580.7)."""
    if abs(value) >= 100:
        return f"{round(value, 3):.3f}".rstrip("0").rstrip(".")
    return f"{value:.6g}"


def implausible_years(scenario: Scenario, sound: list[tuple[int, Issue]], horizon: int) -> Iterator[Finding]:
    """A year before the scenario's, or far after it, on the `sound` issues (index, issue) counted in years.
    A deadline outside the `horizon` years after the scenario's is an error already (checks._issues), which
    covers its status quo and no deal too."""
    first, last = scenario.year, scenario.year + YEARS_AHEAD
    for index, issue in sound:
        if not (issue.is_range and (issue.unit == "year" or issue.effect == Effect.DEADLINE)):
            continue
        if issue.effect == Effect.DEADLINE and not first < issue.range[0] <= issue.range[1] <= first + horizon:
            continue
        here = ("issues", index)
        values = [(here + ("range", 0), issue.range[0]), (here + ("range", 1), issue.range[1]),
                  (here + ("status_quo",), issue.status_quo), (("no_deal", issue.id), scenario.no_deal.get(issue.id))]
        for at, year in values:
            if not isinstance(year, float) or first <= year <= last:
                continue
            when = (f"{first - year:g} years before" if year < first else f"{year - first:g} years after")
            century = year + 100 * round((first + YEARS_AHEAD / 2 - year) / 100)
            if year < 100:
                hint = f"if it counts years from {first}, write {first + year:g}"
            elif first <= century <= last:
                hint = f"a slip of the century? {century:g} would fit"
            else:
                hint = f"expected a year from {first} to {last}"
            yield at, f"the year {year:g} lies {when} the scenario's year {first} ({hint})"
