"""Figures that load but are probably a slip: a share written as a fraction, GDP in the wrong unit, a year
far from the scenario's. Each finding says what the value most likely meant."""

from __future__ import annotations

import math
from collections.abc import Iterator

from ..i18n import msg, nmsg
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
            yield here + ("defence_pct_gdp",), msg(
                "{share:g} looks like a fraction; as a percentage of GDP that is {percent:g} (write defence_pct_gdp: "
                "{percent:g})", share=share, percent=round(share * 100, 6))
        per_head = ally.gdp_usd_bn / ally.population_m
        low, high = GDP_PER_HEAD
        if low <= per_head <= high:
            continue
        figures = dict(per_head=f"{per_head:,.0f}" if per_head >= 10 else f"{per_head:.2g}",
                       gdp=_figure(ally.gdp_usd_bn), population=_figure(ally.population_m), low=low, high=high)
        said = (msg("GDP per head comes out at {per_head} thousand US$ (gdp_usd_bn {gdp} / population_m "
                        "{population}), far above any country's ({low:g} to {high:g})", **figures) if per_head > high
                else msg("GDP per head comes out at {per_head} thousand US$ (gdp_usd_bn {gdp} / population_m "
                             "{population}), far below any country's ({low:g} to {high:g})", **figures))
        # The powers of a thousand that bring GDP a head back among real economies (about 30 thousand US$).
        ratio = per_head / 30
        steps = round(abs(math.log(ratio, 1000))) if 0 < ratio < math.inf else 99   # 5e-324 people or US$: no slip
        slip = 1000 ** steps
        if steps == 0 or steps > 3:
            yield here + ("gdp_usd_bn",), msg("{said}: gdp_usd_bn is in billions of US$, population_m in millions",
                                                  said=said)
        elif per_head > high and ally.gdp_usd_bn > 40_000:   # more than the US's GDP: millions for billions
            unit = (msg("millions"), msg("thousands"), "US$")[steps - 1]
            yield here + ("gdp_usd_bn",), msg("{said}: is it in {unit}? In billions it is {figure}",
                                                  said=said, unit=unit, figure=_figure(ally.gdp_usd_bn / slip))
        elif per_head > high:
            yield here + ("population_m",), msg("{said}: is it in {unit}? In millions it is {figure}", said=said,
                                                    unit=msg("billions") if steps == 1 else msg("another unit"),
                                                    figure=_figure(ally.population_m * slip))
        elif ally.population_m > 2_000:                      # more people than China: thousands for millions
            unit = (msg("thousands"), msg("people"), msg("people"))[steps - 1]
            yield here + ("population_m",), msg("{said}: is it in {unit}? In millions it is {figure}",
                                                    said=said, unit=unit, figure=_figure(ally.population_m / slip))
        else:
            unit = (msg("trillions"), msg("another unit"), msg("another unit"))[steps - 1]
            yield here + ("gdp_usd_bn",), msg("{said}: is it in {unit}? In billions it is {figure}",
                                                  said=said, unit=unit, figure=_figure(ally.gdp_usd_bn * slip))


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
            when = (nmsg("{years:g} year before", "{years:g} years before", int(first - year), years=first - year)
                    if year < first else
                    nmsg("{years:g} year after", "{years:g} years after", int(year - first), years=year - first))
            century = year + 100 * round((first + YEARS_AHEAD / 2 - year) / 100)
            if year < 100:
                hint = msg("if it counts years from {first}, write {year:g}", first=first, year=first + year)
            elif first <= century <= last:
                hint = msg("a slip of the century? {century:g} would fit", century=century)
            else:
                hint = msg("expected a year from {first} to {last}", first=first, last=last)
            yield at, msg("the year {year:g} lies {when} the scenario's year {first} ({hint})",
                              year=year, when=when, first=first, hint=hint)
