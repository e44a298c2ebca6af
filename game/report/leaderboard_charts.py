"""The charts of a class tournament's page (`summit tournament --entries DIR --html OUT`), PNG drawn with
matplotlib off-screen:

- scores.png: each contestant's mean score with its 95% interval, best at the top, and its mean against the
  built-in agents (a diamond), beside the line of 50 (as good as no deal);
- head_to_head.png: a matrix of the pairs, each cell the row's mean score minus the column's in their games.

Colours are the palette's (Okabe and Ito): blue for a contestant's own mean, orange for its games against the
built-in agents; the matrix runs from vermilion (the row did worse) through white to blue (better), with the
number written in each cell, so colour is never the only cue.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..analysis.leaderboard import CONFIDENCE, Leaderboard
from ..engine.narrate import shown_text
from ..i18n import _, ngettext, percent
from .charts import BLUE, DARK, GREY, ORANGE, VERMILION, new_figure, tidy


def draw_scores(board: Leaderboard, path: Path) -> None:
    rows = board.rows
    n = len(rows)
    figure = new_figure(7.6, max(2.4, 0.3 * n + 1.3))
    top, bottom = 0.75 / figure.get_figheight(), 0.55 / figure.get_figheight()
    axes = figure.add_axes((0.34, bottom, 0.62, 1 - top - bottom))
    y = np.arange(n)[::-1].astype(float)
    means = np.array([row.mean for row in rows])
    low = np.array([row.mean - (row.interval[0] if row.interval else row.mean) for row in rows])
    high = np.array([(row.interval[1] if row.interval else row.mean) - row.mean for row in rows])
    axes.errorbar(means, y, xerr=(low, high), fmt="o", color=BLUE, ecolor=BLUE, elinewidth=1.4, capsize=2.5,
                  markersize=4.5, label=_("mean score, {confidence} interval").format(confidence=percent(100 * CONFIDENCE, 0)))
    own = [(row.vs_built_in, position) for row, position in zip(rows, y) if row.vs_built_in is not None]
    if own:
        axes.scatter([x for x, _ in own], [position for _, position in own], marker="D", s=16, color=ORANGE,
                     zorder=3, label=_("mean against the built-in agents"))
    axes.axvline(50, color=DARK, linestyle="--", linewidth=0.9)
    axes.set_yticks(y, [f"{row.rank}. {row.label}" + (" *" if row.failed_games else "") for row in rows])
    axes.set_ylim(-0.7, n - 0.3)
    everything = [*(means - low), *(means + high), *(x for x, _ in own), 50.0]
    pad = max(2.0, (max(everything) - min(everything)) * 0.06)
    axes.set_xlim(max(0.0, min(everything) - pad), min(100.0, max(everything) + pad))
    axes.set_xlabel(_("score (0-100; the dashed line, 50, is as good as no deal); * failed in some games"), fontsize=8)
    figure.legend(loc="upper right", ncol=2, fontsize=7, frameon=False, bbox_to_anchor=(0.98, 1 - 0.28 / figure.get_figheight()))
    tidy(axes)
    axes.tick_params(axis="y", labelsize=7)
    t = board.tournament
    figure.suptitle(ngettext("{title}: class tournament, {count} game", "{title}: class tournament, {count} games",
                              len(t.games)).format(title=shown_text(t.scenario.title), count=len(t.games)),
                     fontsize=10, x=0.02, ha="left")
    figure.savefig(path, format="png")


def draw_head_to_head(board: Leaderboard, path: Path) -> None:
    from matplotlib.colors import LinearSegmentedColormap

    labels = [row.label for row in board.rows]
    n = len(labels)
    position = {label: index for index, label in enumerate(labels)}
    difference = np.full((n, n), np.nan)
    for (first, second), (a, b) in board.head_to_head.items():
        difference[position[first], position[second]] = a - b
        difference[position[second], position[first]] = b - a
    size = max(4.0, 0.36 * n + 2.0)
    figure = new_figure(size + 1.6, size)
    axes = figure.add_subplot(1, 1, 1)
    limit = max(1.0, float(np.nanmax(np.abs(difference)))) if np.isfinite(difference).any() else 1.0
    colours = LinearSegmentedColormap.from_list("worse_better", [VERMILION, "#FFFFFF", BLUE])
    image = axes.imshow(np.ma.masked_invalid(difference), cmap=colours, vmin=-limit, vmax=limit)
    for i in range(n):
        for j in range(n):
            if np.isfinite(difference[i, j]):
                value = difference[i, j]
                axes.text(j, i, f"{value:+.0f}" if abs(value) >= 0.5 else "0", ha="center", va="center",
                          fontsize=6 if n > 12 else 7, color="#FFFFFF" if abs(value) > 0.6 * limit else DARK)
            elif i == j:
                axes.text(j, i, "·", ha="center", va="center", fontsize=7, color=GREY)
    ticks = [f"{row.rank}. {row.contestant.entry.name}" for row in board.rows]
    axes.set_xticks(range(n), [str(row.rank) for row in board.rows], fontsize=7)
    axes.set_yticks(range(n), ticks, fontsize=7)
    axes.xaxis.tick_top()
    axes.set_xlabel(_("against (by rank)"), fontsize=8)
    axes.xaxis.set_label_position("top")
    bar = figure.colorbar(image, ax=axes, fraction=0.04, pad=0.02)
    bar.ax.tick_params(labelsize=7)
    bar.set_label(_("row's mean score minus the column's"), fontsize=7)
    figure.suptitle(_("{title}: head to head").format(title=shown_text(board.tournament.scenario.title)), fontsize=10,
                     x=0.02, ha="left")
    figure.tight_layout()
    figure.savefig(path, format="png")
