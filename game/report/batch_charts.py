"""The charts of `summit batch --plot DIR` (PNG; matplotlib's Agg backend, files only, never a window):

- terms.png: for each issue, how often each value was in force in the games that agreed;
- rounds.png: the rounds the agreed games took;
- scores.png: each role's score over the games (members: the average of the members, game by game);
- allies.png: each ally's pledged and projected spending, median and 10-90% band, with today's level.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from ..analysis.batch import Counts, Tally
from .batch import ROLE_LABELS
from .charts import BLUE, DARK, GREY, draw_reference_lines, headline_note, new_figure, tidy
from .series import NOW, PLEDGED, PROJECTED



def draw_batch_charts(tally: Tally, folder: Path) -> list[Path]:
    """Write the four charts into folder (created if missing), all at once when every one is drawn; returns
    their paths. UnsafeOutput (an OSError) for a link, pipe or device where a chart goes: nothing is written."""
    from ..files import OutputFolder

    with OutputFolder(folder, "batch charts") as charts:
        for name, draw in (("terms.png", _terms), ("rounds.png", _rounds), ("scores.png", _scores),
                           ("allies.png", _allies)):
            draw(tally).savefig(charts.path_for(name), format="png")
        return charts.commit()


def _games_axis(axes) -> None:
    from matplotlib.ticker import MaxNLocator
    axes.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    axes.set_ylabel("games", fontsize=8)


def _nothing(axes, text: str) -> None:
    axes.text(0.5, 0.5, text, ha="center", va="center", fontsize=9, color=DARK, transform=axes.transAxes)
    axes.set_xticks([])
    axes.set_yticks([])


def _title(tally: Tally, what: str) -> str:
    return f"{tally.scenario.title}: {what}"


def _terms(tally: Tally):
    scenario = tally.scenario
    columns = 2 if len(scenario.issues) > 1 else 1
    rows = math.ceil(len(scenario.issues) / columns)
    figure = new_figure(7.2, 2.3 * rows + 0.6)
    for index, issue in enumerate(scenario.issues):
        axes = figure.add_subplot(rows, columns, index + 1)
        counts = tally.terms[issue.id]
        axes.set_title(issue.label + (f" ({issue.unit})" if issue.unit and issue.unit != "year" else ""),
                       fontsize=9, loc="left")
        if not tally.agreements:
            _nothing(axes, "no game agreed")
            continue
        if issue.is_range:
            values, heights = zip(*counts.items())
            axes.bar(values, heights, width=issue.step * 0.8, color=BLUE)
            no_deal = float(scenario.no_deal[issue.id])
            axes.axvline(no_deal, color=GREY, linestyle="--", linewidth=0.9)
            low, high = min(*values, no_deal), max(*values, no_deal)
            pad = max(issue.step, (high - low) * 0.08)
            axes.set_xlim(low - pad, high + pad)
            if issue.step >= 1:
                from matplotlib.ticker import FuncFormatter, MaxNLocator
                axes.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
                axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0f}"))
        else:
            options = list(issue.options)
            axes.bar(range(len(options)), [counts.counter[option] for option in options], width=0.6, color=BLUE)
            axes.set_xticks(range(len(options)), [option.replace("_", " ") for option in options])
            if sum(len(option) for option in options) > 36:
                for label in axes.get_xticklabels():
                    label.set(rotation=20, ha="right")
        _games_axis(axes)
        tidy(axes)
    if tally.agreements:
        from matplotlib.lines import Line2D
        figure.legend([Line2D([], [], color=GREY, linestyle="--")], ["no-deal value"], loc="upper right",
                      fontsize=8, frameon=False)
    what = (f"terms in force in the {tally.agreements} games that agreed (of {tally.finished})" if tally.agreements
            else f"terms in force: none of the {tally.finished} games agreed")
    figure.suptitle(_title(tally, what), fontsize=10, x=0.02, ha="left")
    figure.tight_layout(h_pad=1.5, w_pad=2.0)   # leaves room for the title (and the legend beside it)
    return figure


def _rounds(tally: Tally):
    figure = new_figure(7.2, 3.0)
    axes = figure.add_subplot(1, 1, 1)
    last = tally.scenario.rounds
    if tally.agreements:
        axes.bar(range(1, last + 1), [tally.rounds.counter[r] for r in range(1, last + 1)], width=0.6, color=BLUE)
        axes.set_xticks(range(1, last + 1))
        _games_axis(axes)
    else:
        _nothing(axes, "no game agreed")
    axes.set_xlabel(f"round of agreement (of {last})", fontsize=8)
    axes.set_title(_title(tally, f"rounds to agreement, {tally.agreements} of {tally.finished} games agreed"),
                   fontsize=10, loc="left")
    tidy(axes)
    figure.tight_layout()
    return figure


def _scores(tally: Tally):
    roles = list(tally.role_scores.items())
    figure = new_figure(7.2, 2.0 * len(roles) + 0.7)
    bins = np.arange(-1.25, 102.5, 2.5)   # 50 (no deal, where many games end) in the middle of a bar
    for index, (role, counts) in enumerate(roles, 1):
        axes = figure.add_subplot(len(roles), 1, index)
        values, weights = _arrays(counts)
        axes.hist(values, bins=bins, weights=weights, color=BLUE)
        axes.axvline(50, color=DARK, linestyle="--", linewidth=0.9)
        axes.set_xlim(-1.25, 101.25)
        axes.set_title(ROLE_LABELS[role], fontsize=9, loc="left")
        _games_axis(axes)
        tidy(axes)
    figure.axes[-1].set_xlabel("score (0-100; the dashed line, 50, is as good as no deal)", fontsize=8)
    figure.suptitle(_title(tally, f"scores over {tally.finished} games"), fontsize=10, x=0.02, ha="left")
    figure.tight_layout(h_pad=1.2)
    return figure


def _arrays(counts: Counts) -> tuple[np.ndarray, np.ndarray]:
    items = counts.items()
    return np.array([float(value) for value, _ in items]), np.array([count for _, count in items], dtype=float)


def _allies(tally: Tally):
    summary = tally.summary()
    allies = [ally for ally in tally.scenario.allies if summary.projected[ally.id] is not None]
    allies.sort(key=lambda ally: (-summary.projected[ally.id].median, ally.name))
    n = len(allies)
    figure = new_figure(7.2, max(2.8, 0.32 * n + 1.4))
    top_margin, bottom_margin = 0.85 / figure.get_figheight(), 0.55 / figure.get_figheight()
    axes = figure.add_axes((0.22, bottom_margin, 0.74, 1 - top_margin - bottom_margin))
    y = np.arange(n)[::-1].astype(float)
    offset = 0.17
    for shift, which, colour in ((offset, summary.pledged, PLEDGED.colour), (-offset, summary.projected, PROJECTED.colour)):
        spreads = [which[ally.id] for ally in allies]
        axes.hlines(y + shift, [s.p10 for s in spreads], [s.p90 for s in spreads], color=colour, linewidth=3.2,
                    alpha=0.45)
        axes.plot([s.median for s in spreads], y + shift, "o", color=colour, markersize=4)
    axes.plot([ally.defence_pct_gdp for ally in allies], y, "|", color=NOW.colour, markersize=9, markeredgewidth=1.6)
    top = max([5.5] + [max(summary.pledged[a.id].p90, summary.projected[a.id].p90, a.defence_pct_gdp) * 1.06
                       for a in allies])
    headline = draw_reference_lines(axes, tally.scenario.reference_lines, n - 0.45)
    axes.set_xlim(0, top)
    axes.set_ylim(-0.6, n - 0.45)
    axes.set_yticks(y, [ally.name for ally in allies], fontsize=8)
    axes.set_xticks(range(0, int(top) + 1))
    axes.set_xlabel("core defence spending, % of GDP (dot: median; bar: 10-90% of games)"
                    + (f"\n{headline_note()}" if headline else ""), fontsize=8)
    tidy(axes)
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], color=PLEDGED.colour, marker="o", markersize=4, linewidth=3.2, alpha=0.7),
               Line2D([], [], color=PROJECTED.colour, marker="o", markersize=4, linewidth=3.2, alpha=0.7),
               Line2D([], [], color=NOW.colour, marker="|", markersize=9, markeredgewidth=1.6, linestyle="none")]
    years = tally.scenario.year + tally.scenario.implementation_years
    figure.legend(handles, [PLEDGED.label(), PROJECTED.label(years), f"{NOW.label()} ({tally.scenario.year})"],
                  loc="upper center",
                  ncol=3, fontsize=8, frameon=False, bbox_to_anchor=(0.59, 1 - 0.32 / figure.get_figheight()))
    figure.suptitle(_title(tally, f"spending by ally over {tally.finished} games"), fontsize=10, x=0.02,
                    y=1 - 0.08 / figure.get_figheight(), ha="left", va="top")
    return figure
