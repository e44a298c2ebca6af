"""What `summit batch` shows in the terminal: the progress bar while the games are played, then the summary
as tables (rich)."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal

from ..analysis.batch import BatchSummary, Spread
from ..scenario import Effect, Issue, Role, Scenario

ROLE_LABELS = {Role.SECRETARY_GENERAL.value: "Secretary General", Role.US_PRESIDENT.value: "US President",
               Role.MEMBER.value: "members (average)"}


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
    games = f"{s.finished} games" if s.finished == s.runs else f"{s.finished} of {s.runs} games (stopped)"
    mix = ", ".join(f"{who}={agent}" for who, agent in s.overrides.items()) or "the scenario's own agents"
    console.print(f"{scenario.title} ({scenario.id}): {games}, seeds {s.seed} to {last}, {mix}")

    outcomes = Table(title="Outcomes", title_justify="left", box=box.SIMPLE_HEAD, show_header=False)
    outcomes.add_column("")
    outcomes.add_column("")
    outcomes.add_row("agreed (95% interval)", f"{s.agreements}/{s.finished} {s.agreement_rate:.0%} "
                                              f"({s.agreement_ci[0]:.0%}-{s.agreement_ci[1]:.0%})")
    outcomes.add_row("rounds to agreement", _spread_text(s.rounds_to_agreement, "{:.1f}".format))
    if scenario.issue_with(Effect.DEADLINE) is not None:
        outcomes.add_row("carve-outs per deal", _spread_text(s.carve_outs, "{:.1f}".format))
    outcomes.add_row("distinct packages adopted", str(s.distinct_packages))
    outcomes.add_row("share of promised progress delivered", _spread_text(s.delivered_share, "{:.0%}".format))
    if s.us_guarantee_after is not None:
        outcomes.add_row("US guarantee after its review", _shares_text(s.us_guarantee_after))
    console.print()
    console.print(outcomes)

    terms = Table(title="Agreed terms (over the games that agreed)", title_justify="left", box=box.SIMPLE_HEAD)
    for heading, justify in (("issue", "left"), ("median", "right"), ("10-90%", "right"), ("mean", "right"),
                             ("options", "left")):
        terms.add_column(heading, justify=justify)
    for issue in scenario.issues:
        label = issue.label + (f" ({issue.unit})" if issue.is_range and issue.unit not in ("", "year") else "")
        if not s.agreements:
            terms.add_row(label, "-", "-", "-", "")
        elif issue.is_range:
            spread = s.terms[issue.id]
            terms.add_row(label, _value_text(issue, spread.median),
                          f"{_value_text(issue, spread.p10)}-{_value_text(issue, spread.p90)}",
                          _value_text(issue, spread.mean, extra=1), "")
        else:
            terms.add_row(label, "", "", "", _shares_text(s.term_counts[issue.id]))
    console.print(terms)

    allies = Table(title="Spending by ally, % of GDP: median (10-90% of games)", title_justify="left",
                   box=box.SIMPLE_HEAD)
    for heading, justify in (("ally", "left"), ("now", "right"), ("pledged", "right"), ("10-90%", "right"),
                             ("projected", "right"), ("10-90%", "right")):
        allies.add_column(heading, justify=justify)
    for ally in scenario.allies:
        pledged, projected = s.pledged[ally.id], s.projected[ally.id]
        allies.add_row(ally.name, "-" if ally.defence_pct_gdp is None else f"{ally.defence_pct_gdp:.2f}",
                       *_median_band(pledged), *_median_band(projected))
    console.print(allies)

    scores = Table(title="Scores (0-100, 50 = as good as no deal)", title_justify="left", box=box.SIMPLE_HEAD)
    for heading, justify in (("who", "left"), ("role", "left"), ("agent", "left"), ("median", "right"),
                             ("10-90%", "right"), ("mean", "right")):
        scores.add_column(heading, justify=justify)
    for role, spread in s.role_scores.items():
        scores.add_row(ROLE_LABELS[role], "", "", *_score_cells(spread))
    for leader in scenario.leaders:
        scores.add_row(f"{leader.name} ({leader.id})", leader.role.value, agents[leader.id],
                       *_score_cells(s.scores[leader.id]))
    console.print(scores)
    console.print("Medians and 10-90% bands are over the finished games; terms, rounds and carve-outs over the "
                  "games that agreed. Game i used seed S+i: `summit run SCENARIO --seed S+i` replays it.")
    if not terminal:
        print("\n".join(line.rstrip() for line in console.file.getvalue().splitlines()))


def _spread_text(spread: Spread | None, fmt: Callable[[float], str]) -> str:
    if spread is None:
        return "-"
    return f"median {fmt(spread.median)} (10-90%: {fmt(spread.p10)}-{fmt(spread.p90)}), mean {fmt(spread.mean)}"


def _shares_text(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    if not total:
        return "-"
    return ", ".join(f"{option} {count / total:.0%}" for option, count in counts.items() if count)


def _median_band(spread: Spread | None) -> tuple[str, str]:
    if spread is None:
        return "-", ""
    return f"{spread.median:.2f}", f"{spread.p10:.2f}-{spread.p90:.2f}"


def _score_cells(spread: Spread) -> tuple[str, str, str]:
    return f"{spread.median:.1f}", f"{spread.p10:.1f}-{spread.p90:.1f}", f"{spread.mean:.1f}"


def _value_text(issue: Issue, value: float, extra: int = 0) -> str:
    """A range issue's value at its step's decimals, one more off the grid (a median between two values) or
    with `extra` (a mean); the unit is in the row's label."""
    steps = value / issue.step
    off_grid = abs(steps - round(steps)) > 1e-6
    decimals = max(0, -Decimal(str(issue.step)).normalize().as_tuple().exponent) + max(extra, int(off_grid))
    return f"{value:.{decimals}f}"
