"""The debrief's charts, PNG files drawn by matplotlib (Agg backend: files only, never a window; the palette
and figure style are game/report/charts.py's): spending, issues and scores for each game, its agreement
against the Pareto frontier, and the games side by side.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import Any

import numpy as np

from ...analysis.inspect import Inspection
from ...engine import Outcome
from ...engine.preferences import Preferences
from ...scenario import Effect, Role, Scenario
from ..charts import (BLACK, BLUE, GREY, headline_note, ORANGE, VERMILION, draw_reference_lines, localize_ticks,
                      new_figure, tidy)
from ...engine.narrate import shown_label, shown_text, shown_value
from ...i18n import _, number
from ..series import SERIES
from .comparison import _game_label
from .facts import GameFacts
from .wording import _ally_name, _leader_label, _unit


def draw_spending(outcome: Outcome, path: Path, lines: tuple[float, ...] = (2.0, 3.5, 5.0),
                  scenario: Scenario | None = None) -> None:
    """Each ally now, pledged and projected, against `lines` (the scenario's reference lines, % of GDP); with the
    `scenario`, the allies are named in the language of the moment (CLDR's names in French)."""
    iso3 = {ally.id: ally.iso3 for ally in scenario.allies} if scenario is not None else {}
    allies = sorted((a for a in outcome.allies if a.now is not None), key=lambda a: (-a.now, a.name))
    n = len(allies)
    figure = new_figure(7.2, max(2.6, 0.3 * n + 1.2))
    top_margin = 0.75 / figure.get_figheight()
    bottom_margin = 0.62 / figure.get_figheight()   # two lines of x label
    axes = figure.add_axes((0.2, bottom_margin, 0.76, 1 - top_margin - bottom_margin))
    y = np.arange(n)[::-1].astype(float)
    height = 0.27
    for offset, series in zip((height, 0.0, -height), SERIES):
        axes.barh(y + offset, [getattr(a, series.key) for a in allies], height=height, color=series.colour,
                  label=series.label(outcome.years[-1]))
    top = max([5.5] + [max(a.now, a.pledged, a.projected) * 1.06 for a in allies])
    headline = draw_reference_lines(axes, lines, n - 0.4)
    axes.set_xlim(0, top)
    axes.set_ylim(-0.6, n - 0.4)
    axes.set_yticks(y, [_ally_name(scenario, a.id) if a.id in iso3 else a.name for a in allies], fontsize=8)
    axes.set_xticks(range(0, int(top) + 1))
    axes.set_xlabel(_("core defence spending, {percent_sign} of GDP").format(percent_sign="%")
                    + (f"\n{headline_note()}" if headline else ""), fontsize=8)
    tidy(axes)
    figure.legend(loc="upper center", ncol=3, fontsize=8, frameon=False, bbox_to_anchor=(0.58, 1.0))
    figure.savefig(path, format="png")


def draw_issues(facts: GameFacts, path: Path) -> None:
    s = facts.scenario
    game = facts.replayed.game
    start, no_deal = game.status_quo(), game.no_deal_terms()
    panels: list[tuple[str, Any]] = [(shown_label(issue), issue) for issue in s.issues]
    has_deadline = s.issue_with(Effect.DEADLINE) is not None
    if has_deadline:
        panels.append((_("Carve-outs (allies with a later deadline)"), None))
    columns = 2
    rows = math.ceil(len(panels) / columns)
    figure = new_figure(7.2, 2.0 * rows + 0.5)
    xs = [0] + [r.round for r in facts.rounds]
    ticks = [_("start")] + [str(r.round) for r in facts.rounds]
    for index, (title, issue) in enumerate(panels):
        axes = figure.add_subplot(rows, columns, index + 1)
        if issue is None:
            ends = [0] + [len(r.end.carve_outs) for r in facts.rounds]
            tabled = [(r.round, len(r.tabled.carve_outs)) for r in facts.rounds if r.tabled is not None]
            nd = 0.0
        else:
            def pos(value, issue=issue):
                return issue.position(value)
            ends = [pos(start[issue.id])] + [pos(r.end[issue.id]) for r in facts.rounds]
            tabled = [(r.round, pos(r.tabled[issue.id])) for r in facts.rounds if r.tabled is not None]
            nd = pos(no_deal[issue.id])
        axes.axhline(nd, color=GREY, linestyle="--", linewidth=0.9)
        axes.plot(xs, ends, color=BLUE, marker="o", markersize=4, linewidth=1.4, label=_("end of round"))
        if tabled:
            axes.scatter([t[0] for t in tabled], [t[1] for t in tabled], s=42, facecolors="none", edgecolors=BLACK,
                         linewidths=0.8, label=_("as tabled"), zorder=3)
        axes.set_title(textwrap.fill(textwrap.shorten(title, 56, placeholder="…"), 27), fontsize=9, loc="left")
        axes.set_xticks(xs, ticks)
        if len(xs) > 12:
            for label in axes.get_xticklabels()[1::2]:
                label.set_visible(False)
        if issue is not None and not issue.is_range:
            labels = [textwrap.shorten(shown_value(issue, option), 28, placeholder="…") for option in issue.options]
            axes.set_yticks(range(len(issue.options)), labels)
            axes.set_ylim(-0.5, len(issue.options) - 0.5)
        else:
            values = ends + [t[1] for t in tabled] + [nd]
            low, high = min(values), max(values)
            pad = max((high - low) * 0.15, issue.step if issue is not None else 0.5)
            axes.set_ylim(low - pad, high + pad)
            if issue is not None and issue.effect == Effect.DEADLINE:
                axes.yaxis.set_major_locator(_integer_locator())
                axes.yaxis.set_major_formatter(_plain_formatter())
            elif issue is None:
                axes.yaxis.set_major_locator(_integer_locator())
            else:
                localize_ticks(axes, "y")
            if issue is not None and issue.unit and issue.unit != "year":
                axes.set_ylabel(_unit(issue), fontsize=8)
        tidy(axes)
    handles, labels = figure.axes[0].get_legend_handles_labels()
    from matplotlib.lines import Line2D
    handles.append(Line2D([], [], color=GREY, linestyle="--"))
    labels.append(_("no deal"))
    figure.legend(handles, labels, loc="upper center", ncol=3, fontsize=8, frameon=False)
    figure.tight_layout(rect=(0, 0, 1, 1 - 0.35 / figure.get_figheight()), h_pad=1.2, w_pad=2.0)
    figure.savefig(path, format="png")


def _integer_locator():
    from matplotlib.ticker import MaxNLocator
    return MaxNLocator(integer=True, nbins=5)


def _plain_formatter():
    from matplotlib.ticker import FuncFormatter
    return FuncFormatter(lambda value, _: f"{value:.0f}")


def draw_scores(scenario: Scenario, scores: dict[str, float], path: Path) -> None:
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], scenario.leader(kv[0]).name))
    n = len(ranked)
    figure = new_figure(7.2, max(2.2, 0.26 * n + 1.1))
    bottom = 0.7 / figure.get_figheight()
    top = 0.2 / figure.get_figheight()
    axes = figure.add_axes((0.33, bottom, 0.62, 1 - bottom - top))
    y = np.arange(n)[::-1]
    values = [v for _, v in ranked]
    colours = [BLUE if v >= 50 - 1e-9 else ORANGE for v in values]
    axes.barh(y, [v - 50 for v in values], left=50, height=0.65, color=colours)
    for yy, v in zip(y, values):
        axes.text(v + (1 if v >= 50 else -1), yy, number(v, 1), va="center", ha="left" if v >= 50 else "right",
                  fontsize=7)
    axes.axvline(50, color="#333333", linewidth=0.9)
    axes.set_xlim(0, 100)
    axes.set_ylim(-0.6, n - 0.4)
    axes.set_yticks(y, [_leader_label(scenario, leader) for leader, _ in ranked], fontsize=7.5)
    axes.set_xticks([0, 25, 50, 75, 100], ["0", "25", _("50\nno deal"), "75", "100"])
    axes.set_xlabel(_("score (0-100)"), fontsize=8)
    tidy(axes)
    figure.savefig(path, format="png")


def draw_frontier(facts: GameFacts, inspection: Inspection, packages: np.ndarray, path: Path) -> bool:
    """US President's score against the members' mean score for every examined package; False when the
    scenario lacks a US President or members (nothing drawn)."""
    s, f = facts.scenario, facts.frontier
    roles = {leader.id: leader.role for leader in s.leaders}
    us = [v for v in f.voters if roles[v] == Role.US_PRESIDENT]
    members = [v for v in f.voters if roles[v] == Role.MEMBER]
    if not us or not members or not len(packages):
        return False
    prefs = Preferences(s)
    no_deal = prefs.utilities(facts.replayed.game.no_deal_terms())
    utilities = prefs.candidate_utilities(packages)

    def scores_of(rows: list[int]) -> np.ndarray:
        u, nd = utilities[:, rows], no_deal[rows]
        return np.where(u >= nd, 50 + 50 * (u - nd) / np.maximum(1 - nd, 1e-9), 50 * u / np.maximum(nd, 1e-9))
    x = scores_of([prefs.row(v) for v in us]).mean(axis=1)
    y = scores_of([prefs.row(v) for v in members]).mean(axis=1)
    figure = new_figure(6.0, 4.2)
    axes = figure.add_axes((0.12, 0.13, 0.55, 0.8))
    axes.scatter(x, y, s=8, color=GREY, alpha=0.6, linewidths=0, label=_("acceptable packages"))

    def point(scores: dict[str, float]) -> tuple[float, float]:
        return float(np.mean([scores[v] for v in us])), float(np.mean([scores[v] for v in members]))
    axes.scatter([50], [50], marker="X", s=60, color=BLACK, label=_("no deal"))
    if inspection.nash is not None:
        axes.scatter(*point(inspection.nash.scores), marker="*", s=160, color=BLUE, label=_("Nash solution"), zorder=4)
    if facts.outcome.agreed:
        axes.scatter(*point(f.scores), marker="D", s=60, color=VERMILION, label=_("the agreement"), zorder=5)
    axes.set_xlabel(_("US President's score"), fontsize=8)
    axes.set_ylabel(_("members' mean score"), fontsize=8)
    xs = list(x) + [50] + ([point(f.scores)[0]] if facts.outcome.agreed else [])
    ys = list(y) + [50] + ([point(f.scores)[1]] if facts.outcome.agreed else [])
    axes.set_xlim(min(xs) - 5, max(xs) + 5)
    axes.set_ylim(min(ys) - 5, max(ys) + 5)
    axes.axvline(50, color=GREY, linewidth=0.6, linestyle=":")
    axes.axhline(50, color=GREY, linewidth=0.6, linestyle=":")
    tidy(axes)
    axes.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    figure.savefig(path, format="png")
    return True


def draw_comparison(scenario: Scenario, games: list[GameFacts], path: Path) -> None:
    leaders = [leader.id for leader in scenario.leaders]
    mean = {l: np.mean([g.outcome.scores[l] for g in games]) for l in leaders}
    ranked = sorted(leaders, key=lambda l: (-mean[l], scenario.leader(l).name))
    n = len(ranked)
    figure = new_figure(7.2, max(2.4, 0.26 * n + 1.4))
    bottom = 0.7 / figure.get_figheight()
    top = 0.6 / figure.get_figheight()
    axes = figure.add_axes((0.33, bottom, 0.62, 1 - bottom - top))
    y = np.arange(n)[::-1]
    markers = "oDs^vP*Xh<>"
    colours = (BLUE, VERMILION, "#009E73", ORANGE, "#CC79A7", "#56B4E9", BLACK, "#F0E442")
    step = min(0.18, 0.7 / len(games))   # games side by side within a row, so equal scores stay visible
    for index, g in enumerate(games):
        offset = (len(games) - 1) / 2 * step - index * step
        axes.scatter([g.outcome.scores[l] for l in ranked], y + offset, marker=markers[index % len(markers)], s=22,
                     color=colours[index % len(colours)], label=_game_label(g), zorder=3)
    axes.axvline(50, color="#333333", linewidth=0.9)
    axes.set_xlim(0, 100)
    axes.set_ylim(-0.6, n - 0.4)
    axes.set_yticks(y, [_leader_label(scenario, l) for l in ranked], fontsize=7.5)
    axes.grid(axis="y", color="#dddddd", linewidth=0.5)
    axes.set_xticks([0, 25, 50, 75, 100], ["0", "25", _("50\nno deal"), "75", "100"])
    axes.set_xlabel(_("score (0-100)"), fontsize=8)
    tidy(axes)
    figure.legend(loc="upper center", ncol=min(4, len(games)), fontsize=8, frameon=False)
    figure.savefig(path, format="png")


def _inside(box, frame) -> bool:
    return box.x0 >= frame.x0 and box.x1 <= frame.x1


def draw_timeline(after: list[tuple[int, str, str]], path: Path) -> None:
    """What followed the summit, by year: one row per dated consequence, its year on a common axis."""
    n = len(after)
    figure = new_figure(7.2, max(1.6, 0.32 * n + 0.9))
    axes = figure.add_axes((0.03, 0.55 / figure.get_figheight(), 0.94, 1 - 0.75 / figure.get_figheight()))
    years = [year for year, _, _ in after]
    first, last = min(years), max(years)
    span = max(1, last - first)
    y = np.arange(n)[::-1]
    axes.hlines(y, first, years, color=GREY, linewidth=0.8)
    axes.plot(years, y, "o", color=BLUE, markersize=5)
    axes.set_xlim(first - 0.05 * span - 0.5, last + 0.05 * span + 0.5)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    renderer = FigureCanvasAgg(figure).get_renderer()   # to measure each line before it is saved
    for yy, (year, label, text) in zip(y, after):
        said = _("{year}: {text}").format(year=year, text=shown_text(text))
        right = year - first > span / 2
        shown = axes.text(year + (-0.015 if right else 0.015) * span, yy, textwrap.shorten(said, 90, placeholder="…"),
                          va="center", ha="right" if right else "left", fontsize=7.5,
                          bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})   # above the line it follows
        width = 90
        while width > 20 and not _inside(shown.get_window_extent(renderer), figure.bbox):   # shortened to fit
            width -= 4
            shown.set_text(textwrap.shorten(said, width, placeholder="…"))
    axes.set_ylim(-0.7, n - 0.3)
    axes.set_yticks([])
    axes.set_xticks(sorted(set(years)), [str(year) for year in sorted(set(years))], fontsize=7.5)
    tidy(axes)
    axes.spines["left"].set_visible(False)
    figure.savefig(path, format="png")
