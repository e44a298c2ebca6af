"""What `summit batch` shows in the terminal: the progress bar while the games are played, then the summary
as tables (rich)."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal

from ..analysis.batch import BatchSummary, Spread
from ..engine.narrate import shown_country, shown_label, shown_text, ungrouped
from ..i18n import N_, _, ngettext, number, percent
from ..scenario import Effect, Issue, Role, Scenario

ROLE_LABELS = {Role.SECRETARY_GENERAL.value: N_("Secretary General"), Role.US_PRESIDENT.value: N_("US President"),
               Role.MEMBER.value: N_("members (average)")}


@contextlib.contextmanager
def progress_bar(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr (games done of total, games per second, elapsed, time left), shown only when
    stderr is a terminal; yields `update(done)`."""
    if not sys.stderr.isatty():
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            settled = speed is not None and (task.elapsed or 0) >= 1   # the first second's rate is noise
            return Text(f"{speed:.1f} games/s" if settled else "", style="progress.data.speed")

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                        TimeElapsedColumn(), TextColumn("elapsed,"), TimeRemainingColumn(), TextColumn("left"),
                        console=Console(file=sys.stderr), speed_estimate_period=10.0)
    task = progress.add_task(label, total=total)
    with progress:
        yield lambda done: progress.update(task, completed=done)


def print_batch(scenario: Scenario, summary: BatchSummary, agents: dict[str, str]) -> None:
    """The summary as tables on stdout. Piped or captured: no colour, a fixed width, no trailing blanks."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    terminal = sys.stdout.isatty()
    plain = {} if terminal else {"color_system": None, "force_terminal": False, "width": 200}
    console = Console(file=sys.stdout if terminal else io.StringIO(), markup=False, highlight=False, emoji=False,
                      **plain)
    s = summary
    last = s.seed + s.runs - 1
    games = (ngettext("{count} game", "{count} games", s.finished).format(count=s.finished) if s.finished == s.runs
             else ngettext("{finished} of {count} game (stopped)", "{finished} of {count} games (stopped)",
                           s.runs).format(finished=s.finished, count=s.runs))
    mix = ", ".join(f"{who}={agent}" for who, agent in s.overrides.items()) or _("the scenario's own agents")
    console.print(_("{title} ({scenario}): {games}, seeds {first} to {last}, {mix}").format(
        title=shown_text(scenario.title), scenario=scenario.id, games=games, first=s.seed, last=last, mix=mix))
    band = _("10-90{percent}").format(percent="%")   # no "% ": gettext would read a printf field

    outcomes = Table(title=_("Outcomes"), title_justify="left", box=box.SIMPLE_HEAD, show_header=False)
    outcomes.add_column("")
    outcomes.add_column("")
    outcomes.add_row(_("agreed ({share} interval)").format(share=percent(95, 0)),
                     _("{agreed}/{runs} {rate} ({low}-{high})").format(
                         agreed=s.agreements, runs=s.finished, rate=percent(100 * s.agreement_rate, 0),
                         low=percent(100 * s.agreement_ci[0], 0), high=percent(100 * s.agreement_ci[1], 0)))
    outcomes.add_row(_("rounds to agreement"), _spread_text(s.rounds_to_agreement, _one_decimal))
    if scenario.issue_with(Effect.DEADLINE) is not None:
        outcomes.add_row(_("carve-outs per deal"), _spread_text(s.carve_outs, _one_decimal))
    outcomes.add_row(_("distinct packages adopted"), str(s.distinct_packages))
    outcomes.add_row(_("share of promised progress delivered"), _spread_text(s.delivered_share, _share))
    if s.us_guarantee_after is not None:
        outcomes.add_row(_("US guarantee after its review"), _shares_text(s.us_guarantee_after))
    console.print()
    console.print(outcomes)

    terms = Table(title=_("Agreed terms (over the games that agreed)"), title_justify="left", box=box.SIMPLE_HEAD)
    for heading, justify in ((_("issue"), "left"), (_("median"), "right"), (band, "right"), (_("mean"), "right"),
                             (_("options"), "left")):
        terms.add_column(heading, justify=justify)
    for issue in scenario.issues:
        unit = _unit(issue)
        label = shown_label(issue) + (f" ({unit})" if issue.is_range and issue.unit not in ("", "year") else "")
        if not s.agreements:
            terms.add_row(label, "-", "-", "-", "")
        elif issue.is_range:
            spread = s.terms[issue.id]
            terms.add_row(label, _value_text(issue, spread.median),
                          _("{low}-{high}").format(low=_value_text(issue, spread.p10), high=_value_text(issue, spread.p90)),
                          _value_text(issue, spread.mean, extra=1), "")
        else:
            terms.add_row(label, "", "", "", _shares_text(s.term_counts[issue.id]))
    console.print(terms)

    allies = Table(title=_("Spending by ally, {percent} of GDP: median ({band} of games)").format(percent="%", band=band),
                   title_justify="left", box=box.SIMPLE_HEAD)
    for heading, justify in ((_("ally"), "left"), (_("now"), "right"), (_("pledged"), "right"), (band, "right"),
                             (_("projected"), "right"), (band, "right")):
        allies.add_column(heading, justify=justify)
    for ally in scenario.allies:
        pledged, projected = s.pledged[ally.id], s.projected[ally.id]
        allies.add_row(shown_country(scenario, ally.id),
                       "-" if ally.defence_pct_gdp is None else number(ally.defence_pct_gdp, 2),
                       *_median_band(pledged), *_median_band(projected))
    console.print(allies)

    scores = Table(title=_("Scores (0-100, 50 = as good as no deal)"), title_justify="left", box=box.SIMPLE_HEAD)
    for heading, justify in ((_("who"), "left"), (_("role"), "left"), (_("agent"), "left"), (_("median"), "right"),
                             (band, "right"), (_("mean"), "right")):
        scores.add_column(heading, justify=justify)
    for role, spread in s.role_scores.items():
        scores.add_row(str(ROLE_LABELS[role]), "", "", *_score_cells(spread))
    for leader in scenario.leaders:
        scores.add_row(f"{shown_text(leader.name)} ({leader.id})", leader.role.value, agents[leader.id],
                       *_score_cells(s.scores[leader.id]))
    console.print(scores)
    console.print(_("Medians and {band} bands are over the finished games; terms, rounds and carve-outs over the "
                    "games that agreed. Game i used seed S+i: `summit run SCENARIO --seed S+i` replays it.").format(
                        band=band))
    if not terminal:
        print("\n".join(line.rstrip() for line in console.file.getvalue().splitlines()))


def _one_decimal(value: float) -> str:
    return number(value, 1)


def _share(fraction: float) -> str:
    return percent(100 * fraction, 0)


def _unit(issue: Issue) -> str:
    """A range issue's unit for a row's label, in the language in use ("% GDP" / "% du PIB")."""
    if str(issue.unit) == "% GDP":
        return _("{percent} GDP").format(percent="%")
    return shown_text(issue.unit)


def _spread_text(spread: Spread | None, fmt: Callable[[float], str]) -> str:
    if spread is None:
        return "-"
    return _("median {median} (10-90{percent}: {low}-{high}), mean {mean}").format(
        median=fmt(spread.median), percent="%", low=fmt(spread.p10), high=fmt(spread.p90), mean=fmt(spread.mean))


def _shares_text(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    if not total:
        return "-"
    return ", ".join(f"{option} {percent(100 * count / total, 0)}" for option, count in counts.items() if count)


def _median_band(spread: Spread | None) -> tuple[str, str]:
    if spread is None:
        return "-", ""
    return number(spread.median, 2), _("{low}-{high}").format(low=number(spread.p10, 2), high=number(spread.p90, 2))


def _score_cells(spread: Spread) -> tuple[str, str, str]:
    return (number(spread.median, 1), _("{low}-{high}").format(low=number(spread.p10, 1), high=number(spread.p90, 1)),
            number(spread.mean, 1))


def _value_text(issue: Issue, value: float, extra: int = 0) -> str:
    """A range issue's value at its step's decimals, one more off the grid (a median between two values) or
    with `extra` (a mean); the unit is in the row's label."""
    steps = value / issue.step
    off_grid = abs(steps - round(steps)) > 1e-6
    decimals = max(0, -Decimal(str(issue.step)).normalize().as_tuple().exponent) + max(extra, int(off_grid))
    return ungrouped(value, decimals)
