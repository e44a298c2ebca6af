"""The leaderboard of a class tournament (game/analysis/class_tournament.py): one row per contestant (an entry
in one role), ranked by its mean score, then the files and classes that did not play.

A contestant's score in a game is the mean final score (0-100) of the seats it played, or 0 in a game in which
it failed (a forfeit: class_tournament.FORFEIT; the failures column says so). Its 95%
confidence interval is Student's t over its games (mean ± t(0.975, n-1) · sd / √n); none for a single game.
Head to head, a contestant beats another when its mean score over their games together is higher (a draw when
they are equal, as when every game of theirs ended without a deal: 50 each).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from .class_tournament import BUILT_IN, PAIR, ClassTournament, Contestant, Words

CONFIDENCE = 0.95
DRAW = 1e-9   # mean scores closer than this are equal (the same games summed in another order)
INTERVAL = "Student's t"   # what the page and the README say the interval is

CSV_COLUMNS = ("rank", "file", "agent", "role", "games", "mean_score", "ci_low", "ci_high", "vs_built_in",
               "head_to_head_wins", "head_to_head_draws",
               "head_to_head_losses", "agreement_rate", "promises_kept", "promises_made",
               "threats_carried_out", "threats_made", "failed_games", "first_failure", "problem")


@dataclass(frozen=True)
class Row:
    """One contestant's line of the leaderboard."""

    rank: int
    contestant: Contestant
    games: int
    mean: float
    interval: tuple[float, float] | None       # 95%, Student's t; None for a single game
    vs_built_in: float | None                  # mean score in its games against the built-in agents
    wins: int                                  # pairs whose games together it won on mean score
    draws: int                                 # ... in which both had the same mean score (two no-deals: 50 each)
    losses: int
    agreement_rate: float                      # share of its games that reached a deal
    words: Words
    failed_games: int                          # games in which it failed at least once
    first_failure: str                         # the first failure's line ("" when none)

    @property
    def label(self) -> str:
        return self.contestant.label

    def to_json(self) -> dict[str, Any]:
        return {"rank": self.rank, "file": self.contestant.entry.file, "agent": self.contestant.entry.name,
                "role": self.contestant.role.value, "games": self.games, "mean_score": round(self.mean, 2),
                "ci": None if self.interval is None else [round(self.interval[0], 2), round(self.interval[1], 2)],
                "vs_built_in": None if self.vs_built_in is None else round(self.vs_built_in, 2),
                "head_to_head": {"wins": self.wins, "draws": self.draws, "losses": self.losses},
                "agreement_rate": round(self.agreement_rate, 4),
                "promises": {"kept": self.words.promises_kept, "made": self.words.promises_made},
                "threats": {"carried_out": self.words.threats_carried_out, "made": self.words.threats_made},
                "failed_games": self.failed_games, "first_failure": self.first_failure or None}


@dataclass(frozen=True)
class Leaderboard:
    tournament: ClassTournament
    rows: tuple[Row, ...]                                   # best first
    head_to_head: dict[tuple[str, str], tuple[float, float]]   # (label, label) -> their mean scores in their games

    def to_json(self) -> dict[str, Any]:
        t = self.tournament
        return {"scenario": t.scenario.id, "runs": t.runs, "seed": t.seed, "games": len(t.games),
                "interval": f"{CONFIDENCE:.0%} {INTERVAL}",
                "rows": [row.to_json() for row in self.rows],
                "did_not_play": [{"file": r.file, "agent": r.name or None, "problem": r.problem} for r in t.rejected],
                "skipped_pairs": [{"pair": [a, b], "why": why} for a, b, why in t.skipped],
                "head_to_head": [{"pair": [a, b], "scores": [round(x, 2), round(y, 2)]}
                                 for (a, b), (x, y) in self.head_to_head.items()]}

    def csv_text(self) -> str:
        """One row per contestant (CSV_COLUMNS), best first, then one per file or class that did not play
        (its `problem` filled in, the numbers blank)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for row in self.rows:
            low, high = row.interval if row.interval is not None else ("", "")
            writer.writerow([row.rank, row.contestant.entry.file, row.contestant.entry.name, row.contestant.role.value,
                             row.games, _number(row.mean), _number(low), _number(high), _number(row.vs_built_in),
                             row.wins, row.draws, row.losses, f"{row.agreement_rate:.4f}", row.words.promises_kept,
                             row.words.promises_made, row.words.threats_carried_out, row.words.threats_made,
                             row.failed_games, row.first_failure, ""])
        for rejected in self.tournament.rejected:
            writer.writerow(["", rejected.file, rejected.name, *[""] * (len(CSV_COLUMNS) - 4), rejected.problem])
        return buffer.getvalue()


def _number(value) -> str:
    return "" if value is None or value == "" else f"{value:.2f}"


def leaderboard(tournament: ClassTournament) -> Leaderboard:
    """The ranked rows: by mean score, best first (ties by label, so the order never depends on chance)."""
    head_to_head = _head_to_head(tournament)
    unranked = [_row(tournament, contestant, head_to_head) for contestant in tournament.contestants]
    unranked.sort(key=lambda row: (-row.mean, row.label))
    rows = tuple(replace(row, rank=rank) for rank, row in enumerate(unranked, 1))
    return Leaderboard(tournament, rows, head_to_head)


def _head_to_head(tournament: ClassTournament) -> dict[tuple[str, str], tuple[float, float]]:
    """(first, second) in the tournament's order -> each one's mean score over the games they played together."""
    together: dict[tuple[str, str], list[tuple[float, float]]] = {}
    order = {c.label: index for index, c in enumerate(tournament.contestants)}
    for game in tournament.games:
        if game.kind != PAIR:
            continue
        first, second = sorted(game.scores, key=order.__getitem__)
        together.setdefault((first, second), []).append((game.scores[first], game.scores[second]))
    return {pair: (float(np.mean([a for a, _ in scores])), float(np.mean([b for _, b in scores])))
            for pair, scores in together.items()}


def _row(tournament: ClassTournament, contestant: Contestant, head_to_head) -> Row:
    label = contestant.label
    games = [game for game in tournament.games if label in game.scores]
    scores = np.array([game.scores[label] for game in games])
    own = [game.scores[label] for game in games if game.kind == BUILT_IN]
    wins = draws = losses = 0
    for (first, second), (a, b) in head_to_head.items():
        if label in (first, second):
            mine, theirs = (a, b) if label == first else (b, a)
            if abs(mine - theirs) < DRAW:
                draws += 1
            elif mine > theirs:
                wins += 1
            else:
                losses += 1
    failed = [game.failures[label] for game in games if game.failures.get(label)]
    words = Words()
    for game in games:
        words += game.words[label]
    return Row(0, contestant, len(games), float(scores.mean()), t_interval(scores),
               float(np.mean(own)) if own else None, wins, draws, losses,
               sum(game.agreed for game in games) / len(games), words, len(failed), failed[0][0] if failed else "")


def t_interval(values: np.ndarray, confidence: float = CONFIDENCE) -> tuple[float, float] | None:
    """The Student's t confidence interval of the mean of `values`; None for fewer than two."""
    n = len(values)
    if n < 2:
        return None
    mean = float(np.mean(values))
    half = t_quantile((1 + confidence) / 2, n - 1) * float(np.std(values, ddof=1)) / math.sqrt(n)
    return mean - half, mean + half


def t_quantile(probability: float, df: int) -> float:
    """The quantile of Student's t distribution with `df` degrees of freedom (probability above 0.5), found by
    bisection on its distribution function."""
    low, high = 0.0, 1.0
    while t_cdf(high, df) < probability:
        high *= 2
    for _ in range(100):
        middle = (low + high) / 2
        low, high = (middle, high) if t_cdf(middle, df) < probability else (low, middle)
    return (low + high) / 2


def t_cdf(t: float, df: int) -> float:
    """P(T <= t) for Student's t with a whole number of degrees of freedom (t >= 0), in closed form
    (Abramowitz and Stegun 1964, 26.7.3 and 26.7.4)."""
    theta = math.atan(t / math.sqrt(df))
    c2 = math.cos(theta) ** 2
    if df % 2:   # odd: 2/pi (theta + sin cos (1 + 2/3 c^2 + 2*4/(3*5) c^4 + ...))
        if df == 1:
            within = 2 * theta / math.pi
        else:
            k = np.arange(1, (df - 1) // 2)
            terms = np.concatenate(([1.0], np.cumprod(2 * k / (2 * k + 1) * c2)))
            within = 2 / math.pi * (theta + math.sin(theta) * math.cos(theta) * float(terms.sum()))
    else:        # even: sin (1 + 1/2 c^2 + 1*3/(2*4) c^4 + ...)
        k = np.arange(1, df // 2)
        terms = np.concatenate(([1.0], np.cumprod((2 * k - 1) / (2 * k) * c2)))
        within = math.sin(theta) * float(terms.sum())
    return 0.5 + within / 2
