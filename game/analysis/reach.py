"""The best a role could have reached in one game: one number to set its score against, so that a hard brief
(a role far from every other) is not read as a poor game.

    best = best_reachable(game, state)        # every leader's Reach, as the game stood at `state`
    best["sanchez"].score                     # 0-100 (50 = no deal), or None when no text gets past the red lines
    best["sanchez"].share(outcome.scores["sanchez"])   # 0 = no deal, 1 = the best; None when the best is no deal

The definition, once: a role's best reachable score is the most it scores (0-100, 50 = no deal, 100 = its ideal)
in any text the voters' red lines let pass under the scenario's decision rule (under consensus, every voter's red
lines), among the texts `summit inspect` examines (game/analysis/inspect.py: every combination of the values each
issue's zone allows, coarsened evenly when there are too many). It is counted with the leaders as the game's seed
drew them and as its events had left them by `state` (the end of the game, for a debrief), on the text as written:
no carve-outs (a carve-out is one ally's exception, not a text the table can offer everyone) and before the US
review of delivery (which depends on what each ally then does, not on the text). The text that gives it is kept
(`values`), for a "what if" question.

The game's own score counts carve-outs and the review, so it can exceed this best (a carve-out gave the role more
than any common text could); `share` says so by passing 1. When the best is 50 or less no text the red lines allow
was better for the role than no deal, and blocking was the best it could do: `share` is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..engine import Game, GameState
from ..engine.outcome import score
from .inspect import Rule, _table

CHUNK = 10_000   # texts scored at a time (memory: CHUNK x leaders x issues floats)
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Reach:
    """One role's best reachable score in a game, and the text (issue id -> value) that gives it."""

    leader: str
    score: float | None                 # None: no text gets past the voters' red lines
    values: dict[str, Any] | None       # the text giving it (the first such in inspect's order), None likewise
    no_deal_best: bool = False          # True when the best is 50 or less: no text beats no deal for the role

    def share(self, game_score: float) -> float | None:
        """The part of the way from no deal (0) to the best (1) a score went: (score - 50) / (best - 50). Above 1
        when carve-outs or the US review gave more than any common text; below 0 when worse than no deal. None when
        there is no best, or the best is no deal (50 or less)."""
        if self.score is None or self.score <= 50.0 + TOLERANCE:
            return None
        return (game_score - 50.0) / (self.score - 50.0)


def best_reachable(game: Game, state: GameState) -> dict[str, Reach]:
    """Every leader's best reachable score in this game as it stood at `state` (the module's docstring says
    what counts). Leaders without positions score 50 everywhere."""
    prefs = game.preferences_now(state)
    voter_rows = [prefs.row(leader_id) for leader_id in game.voters]
    rule = Rule.of(game.scenario.decision, len(voter_rows))
    candidates = _table(game.drawn, prefs, voter_rows, rule).candidates
    if len(candidates) == 0:
        return {leader_id: Reach(leader_id, None, None) for leader_id in prefs.leader_ids}
    best_u = np.full(len(prefs.leader_ids), -np.inf)
    best_at = np.zeros(len(prefs.leader_ids), dtype=int)
    for start in range(0, len(candidates), CHUNK):
        utilities = prefs.candidate_utilities(candidates[start:start + CHUNK])
        chunk_best = utilities.max(axis=0)
        better = chunk_best > best_u + TOLERANCE
        best_at[better] = start + utilities.argmax(axis=0)[better]
        best_u = np.where(better, chunk_best, best_u)
    no_deal = prefs.utilities(game.no_deal_terms())
    reaches = {}
    for row, leader_id in enumerate(prefs.leader_ids):
        best = score(float(best_u[row]), float(no_deal[row]))
        package = candidates[best_at[row]]
        values = {issue.id: (round(float(package[col]), 6) if issue.is_range
                             else issue.options[int(round(package[col]))])
                  for col, issue in enumerate(game.scenario.issues)}
        reaches[leader_id] = Reach(leader_id, best, values, best <= 50.0 + TOLERANCE)
    return reaches
