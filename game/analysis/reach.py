"""The best a role could have reached in one game: one number to set its score against, so that a hard brief
(a role far from every other) is not read as a poor game.

    best = best_reachable(game, state)        # every leader's Reach, as the game stood at `state`
    best["sanchez"].score                     # 0-100 (50 = no deal), or None when no text gets past the red lines
    best["sanchez"].share(outcome.scores["sanchez"])   # 0 = no deal, 1 = the best; None when the best is no deal

The definition, once: a role's best reachable score is the most it scores (0-100, 50 = no deal, 100 = its ideal)
in any text the voters' red lines let pass under the scenario's decision rule (under consensus, every voter's),
among the texts `summit inspect` examines (game/analysis/inspect.py: every combination of the values each issue's
zone allows, coarsened evenly when there are too many), with the carve-outs the rules allow:

- a voter whose red line forbids a deadline as soon as the text's ("nothing sooner than 2038") gets a carve-out
  (a later deadline of its own) that meets it, so its red line does not stop the text; every such carve-out costs
  each ally that pays on time the scenario's `carve_out_cost`, as in the game;
- the role may take a carve-out of its own, at the year nearest its ideal that its red line allows (after the
  text's deadline, no later than the issue's range), when that gives it more.

It is counted with the leaders as the game's seed drew them and as its events had left them by `state` (the end
of the game, for a debrief), before the US review of delivery (which depends on what each ally then does, not on
the text). The text that gives it is kept (`values`, and `carve_out`: the role's own year, if it took one), for a
"what if" question.

The game's own score counts the US review, so it can exceed this best; `share` says so by passing 1. When the best
is 50 or less no text the red lines allow was better for the role than no deal, and blocking was the best it could
do: `share` is None.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine import Game, GameState
from ..engine.outcome import score
from ..engine.preferences import Preferences
from ..scenario import Effect
from .inspect import Rule, _table

TOLERANCE = 1e-9


@dataclass(frozen=True)
class Reach:
    """One role's best reachable score in a game, and the text (issue id -> value) that gives it."""

    leader: str
    score: float | None                 # None: no text gets past the voters' red lines
    values: dict[str, Any] | None       # the text giving it (the first such in inspect's order), None likewise
    carve_out: int | None = None        # the role's own deadline in that text, when it takes a carve-out
    no_deal_best: bool = False          # True when the best is 50 or less: no text beats no deal for the role

    def share(self, game_score: float) -> float | None:
        """The part of the way from no deal (0) to the best (1) a score went: (score - 50) / (best - 50). Above 1
        when the US review gave more than any text; below 0 when worse than no deal. None when there is no best, or
        the best is no deal (50 or less)."""
        if self.score is None or self.score <= 50.0 + TOLERANCE:
            return None
        return (game_score - 50.0) / (self.score - 50.0)


def _floors_lifted(prefs: Preferences, col: int) -> Preferences:
    """The table's preferences with every ally's floor on the deadline lifted (a carve-out meets it)."""
    relaxed = copy.copy(prefs)
    relaxed.low = prefs.low.copy()
    for row, ally in enumerate(prefs.ally_of):
        if ally is not None:
            relaxed.low[row, col] = -np.inf
    relaxed._owners = {}
    return relaxed


def best_reachable(game: Game, state: GameState) -> dict[str, Reach]:
    """Every leader's best reachable score in this game as it stood at `state` (the module's docstring says
    what counts). Leaders without positions score 50 everywhere."""
    prefs = game.preferences_now(state)
    scenario = game.scenario
    voter_rows = [prefs.row(leader_id) for leader_id in game.voters]
    rule = Rule.of(scenario.decision, len(voter_rows))
    deadline = scenario.issue_with(Effect.DEADLINE)
    col = prefs.issue_ids.index(deadline.id) if deadline is not None else None
    table = _floors_lifted(prefs, col) if col is not None else prefs
    candidates = _table(game.drawn, table, voter_rows, rule).candidates
    if len(candidates) == 0:
        return {leader_id: Reach(leader_id, None, None) for leader_id in prefs.leader_ids}
    utilities = prefs.candidate_utilities(candidates)          # the common text, no carve-outs
    no_deal = prefs.utilities(game.no_deal_terms())
    reaches = {}
    for row, leader_id in enumerate(prefs.leader_ids):
        mine, own_year = utilities[:, row], None
        if col is not None:
            mine, own_year = _with_carve_outs(prefs, candidates, utilities[:, row], row, col, voter_rows, deadline)
        if not np.isfinite(mine).any():
            reaches[leader_id] = Reach(leader_id, None, None)
            continue
        at = int(np.argmax(mine))
        best = score(float(mine[at]), float(no_deal[row]))
        values = {issue.id: (round(float(candidates[at, c]), 6) if issue.is_range
                             else issue.options[int(round(candidates[at, c]))])
                  for c, issue in enumerate(scenario.issues)}
        year = None if own_year is None or own_year[at] < 0 else int(own_year[at])
        reaches[leader_id] = Reach(leader_id, best, values, year, best <= 50.0 + TOLERANCE)
    return reaches


def _with_carve_outs(prefs: Preferences, candidates: np.ndarray, common: np.ndarray, row: int, col: int,
                     voter_rows: list[int], deadline) -> tuple[np.ndarray, np.ndarray]:
    """One role's utility of each text with the carve-outs it needs (voters whose floor its deadline crosses),
    and the year of the role's own carve-out where taking one does better (-1: none); -inf where the role
    cannot live with the text (its own floor needs a carve-out its red line does not allow)."""
    d = candidates[:, col]
    carving = [r for r in voter_rows if prefs.ally_of[r] is not None]
    floors = prefs.low[carving, col]
    needed = (floors[None, :] > d[:, None] + TOLERANCE)          # texts x voters that need a carve-out
    ally = prefs.ally_of[row]
    cost = prefs.carve_out_cost
    i_need = prefs.low[row, col] > d + TOLERANCE if ally is not None else np.zeros(len(d), dtype=bool)
    # Without a carve-out of its own: the common deadline, and the others' carve-outs cost it (if it is an ally).
    others = needed.sum(axis=1) - (needed[:, carving.index(row)] if row in carving else 0)
    without = common - (cost * others if ally is not None else 0.0)
    without = np.where(i_need, -np.inf, without)
    if ally is None:
        return without, np.full(len(d), -1)
    # With one: the year nearest its ideal after the text's deadline that its own red lines allow; no cost.
    step = deadline.step or 1.0
    low = np.maximum(d + step, np.where(np.isfinite(prefs.low[row, col]), prefs.low[row, col], -np.inf))
    high = min(float(deadline.range[1]), float(prefs.high[row, col]))
    year = np.clip(np.round(prefs.ideal[row, col]), low, high)
    possible = low <= high + TOLERANCE
    weight, span, ideal = prefs.weight[row, col], prefs.span[col], prefs.ideal[row, col]
    own = common + weight * (np.abs(d - ideal) - np.abs(year - ideal)) / span
    own = np.where(possible, own, -np.inf)
    take = own > without + TOLERANCE
    return np.where(take, own, without), np.where(take, year, -1)
