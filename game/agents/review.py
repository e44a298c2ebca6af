"""What the US review will leave of the guarantee, as a leader can forecast it from the public record.

The outcome scores a deal against no deal after the years of implementation and the US review of delivery
(engine/outcome.py, docs/model.md): when the commitments fall due, the US judges how much of the promised progress
the allies made and strengthens, keeps or weakens the guarantee. Both worlds hold the same pledges, so a pledge
made at the table counts in the world without a deal too. All of it is public: the allies' figures, the pledges
on the record, the draft's target, deadline and carve-outs, the review's rules. This module runs the spending
model's years up to the review (implementation.ReviewModel, review_paths' steps) over DRAWS fixed draws of the
slip, the same draws for every forecast (two texts are compared on the same luck), and gives the share of draws
ending at each option of the guarantee. A text is worked out in full once without any pledge; each ally a pledge asks more of
then moves its own path by what the model plans for it (implementation.own_progress), the others' paths as they
were, which keeps a member's question about its own pledge cheap. The US threats at the table weigh as the outcome weighs them (engine/outcome.us_threats):
one carried out in full, one not yet put to the test by half. Events' changes to the other allies' threat, budget
and support are not in what a leader sees; their figures are the scenario's.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..engine import Draft, Observation
from ..engine.implementation import THREATENED, Pressure, ReviewModel, own_progress, review_year, us_review
from ..scenario import Effect, Role
from . import reputation
from .base import issue_with

DRAWS = 16
_SEED = 20250625        # the draws of the slip a forecast uses: fixed, public, the same in every game

_DRAWN: dict[tuple[int, int], np.ndarray] = {}
_TABLES: dict[int, tuple] = {}
_ODDS: dict[tuple, tuple] = {}
_PATHS: dict[tuple, tuple] = {}
_LAST: dict[tuple, tuple] = {}   # per text, the last record worked out (_recorded)


def odds(observation: Observation, draft: Draft, pledge: tuple[float, int] | None = None) -> np.ndarray | None:
    """Per option of the US guarantee (strongest first), the share of draws in which the review leaves it with
    `draft` in force (the no-deal terms when `draft` is observation.no_deal: they grant no carve-out), the pledges on
    the record and `pledge` (level, year) of this leader's ally added; None when the scenario has no guarantee."""
    found = forecast(observation, ((draft, pledge),))
    return None if found is None else found[0]


def forecast(observation: Observation, cases) -> tuple[np.ndarray, ...] | None:
    """odds() of several (draft, pledge) cases; None when the scenario has no guarantee. Each draft is worked out
    in full once without any pledge (every ally's path in every draw: _paths); each ally a pledge asks more of
    then moves its own path only, by what the model plans for it (implementation.own_progress), the others'
    paths staying as they were (in full again when the pledges move the year of the review). A case's answer
    depends on the case alone, never on what was asked before."""
    guarantee = issue_with(observation, Effect.US_GUARANTEE)
    if guarantee is None:
        return None
    table = _table(observation)
    threatened = _threatened(observation, table[7])
    context = (observation, guarantee, table, threatened,
               (id(observation.allies), id(observation.issues), threatened, observation.us_review,
                observation.implementation_years, observation.year), tuple(sorted(observation.pledges.items())))
    if len(_ODDS) > 2048:   # a record's entry holds its paths (a few kB)
        _ODDS.clear()
    return tuple(_recorded(context, draft).odds if pledge is None else _pledged(context, draft, pledge)
                 for draft, pledge in cases)


class _Record:
    """A draft with the pledges on the record: each ally's progress by the review in every draw (draws x allies
    that spend), the progress due, the commitments (arrays and lists), each ally's share of its due made as the
    review counts it, the share the review judges per draw, how near it comes to each of the review's thresholds,
    and the odds."""

    __slots__ = ("allies", "pledges", "paths", "made", "expected", "committed", "due", "levels", "years", "ratio",
                 "delivered", "distances", "odds")

    def __init__(self, allies, pledges, paths, made, expected, committed, due, ratio, delivered, distances, odds):
        self.allies, self.pledges, self.paths, self.made, self.expected = allies, pledges, paths, made, expected
        self.committed, self.due, self.levels, self.years = committed, due, committed.tolist(), due.tolist()
        self.ratio, self.delivered, self.distances, self.odds = ratio, delivered, distances, odds


def _recorded(context: tuple, draft: Draft) -> _Record:
    """The record with `draft` in force and the pledges on the record: the paths without any pledge, each pledged
    ally's own path moved (_moves)."""
    observation, guarantee, table, threatened, rest, recorded = context
    allies = observation.allies
    key = (draft, recorded) + rest
    kept = _ODDS.get(key)
    if kept is not None and kept[0] is allies:
        return kept[1]
    pledges = dict(recorded)
    paths = _paths(context, draft, {})
    committed, due = _commitments(context, draft, pledges)
    if review_year(due, committed, table[5], observation.year, observation.implementation_years) != paths[2]:
        paths = _paths(context, draft, pledges)
    base_made, base_expected, review, base_committed, base_due, base_ratio, base_pledges = paths
    # Each ally's column is the text's without pledges plus its own move, whatever the order: start from the last
    # record worked out on the same paths and redo the columns of the allies whose commitment changed since (only
    # an ally with a pledge in either can have one; an ally's share of its due made is its column's alone: the
    # same numbers as from the whole table).
    last = _LAST.get((draft,) + rest)
    if last is not None and last.allies is allies and last.paths is paths:
        made, expected, ratio = last.made.copy(), last.expected.copy(), last.ratio.copy()
        since_committed, since_due, since = last.committed, last.due, last.pledges
    else:
        made, expected, ratio = base_made.copy(), base_expected.copy(), base_ratio.copy()
        since_committed, since_due, since = base_committed, base_due, base_pledges
    index_of = table[9]
    changed = sorted(index for index in {index_of[ally_id] for ally_id in (*pledges, *since)}
                     if committed[index] != since_committed[index] or due[index] != since_due[index])
    gains, dues = _moves(context, draft, review, [(index, (base_committed[index], base_due[index]),
                                                    (committed[index], due[index])) for index in changed])
    if len(changed) > 2:   # all at once
        columns = table[11][changed]
        made[:, columns] = base_made[:, columns] + gains
        expected[columns] = dues
        ratio[:, columns] = _ratios(made[:, columns], expected[columns])
    else:   # one by one, a column a view
        for index, gain, owed in zip(changed, gains, dues):
            column = table[11][index]
            made[:, column] = base_made[:, column] + gain
            expected[column] = owed
            ratio[:, column] = _ratios(made[:, column], owed)
    delivered = (ratio * table[10]).sum(axis=-1) / table[12] if table[12] > 0 else np.ones(len(ratio))   # _judged
    distances = np.abs(delivered - _lines(observation)).min(axis=1).tolist()
    record = _Record(allies, pledges, paths, made, expected, committed, due, ratio, delivered, distances,
                     _odds(context, draft, delivered))
    if len(_LAST) > 256:
        _LAST.clear()
    _LAST[(draft,) + rest] = record
    _ODDS[key] = (allies, record)
    return record


def _pledged(context: tuple, draft: Draft, pledge: tuple[float, int]) -> np.ndarray:
    """The odds with this leader's ally's pledge added to the record: its own path moved from the record's."""
    observation, guarantee, table, threatened, rest, recorded = context
    allies = observation.allies
    key = (draft, recorded, observation.ally.id, pledge) + rest   # whose pledge: the same level moves another path
    kept = _ODDS.get(key)
    if kept is not None and kept[0] is allies:
        return kept[1]
    record = _recorded(context, draft)
    committed, due, review = record.levels, record.years, record.paths[2]
    index = table[9][observation.ally.id]
    level, by = float(pledge[0]), float(pledge[1])
    if not table[8][index] or (level, -by) <= (committed[index], -due[index]):
        found = record.odds   # it asks no more of the ally than it is judged on already
    else:
        # the review's year is the median of the judged allies' deadlines: one already counted keeps its place
        if not table[5][index] or (by == due[index] and committed[index] > -np.inf):
            moves_review = False
        else:
            new_committed, new_due = record.committed.copy(), record.due.copy()
            new_committed[index], new_due[index] = level, by
            moves_review = review_year(new_due, new_committed, table[5], observation.year,
                                       observation.implementation_years) != review
        weights, total = table[10], table[12]
        column = table[11][index]
        if moves_review:
            pledges = {**dict(recorded), observation.ally.id: pledge}
            made, expected, *_ = _paths(context, draft, pledges)
            found = _odds(context, draft, _delivery(made, expected, weights)[1])
        elif all(distance > 1.5 * weights[column] / total for distance in record.distances):
            found = record.odds   # its share of the review moves no draw across a threshold: the same verdicts
        else:
            gains, dues = _moves(context, draft, review, [(index, (committed[index], due[index]), (level, by))])
            weight = weights[column] / total
            moved = _ratios(record.made[:, column] + gains[0], dues[0])
            found = _odds(context, draft, record.delivered + weight * (moved - record.ratio[:, column]))
    _ODDS[key] = (allies, found)
    return found


def _moves(context: tuple, draft: Draft, review: int, moves: list) -> tuple[list[float], list[float]]:
    """For each (ally's index, commitment before, commitment after), commitments as (level, year): what its path
    gains by the review moving from one to the other, by what the model plans (own_progress), and the progress due
    from it by then under the new one."""
    observation, guarantee, table, threatened = context[:4]
    start, share, threat, fiscal, support, judged, guarantor = table[:7]
    weakness = Pressure.weakness_of(tuple(guarantee.options), str(draft[guarantee.id]))
    year = observation.year
    gains, dues = [], []
    for index, before, after in moves:
        fear = 0.0 if guarantor[index] else min(1.0, max(0.0, weakness * float(threat[index])
                                                         + THREATENED * (threatened[index] if threatened else 0.0)))
        first = float(start[index])
        figures = (year, float(threat[index]), float(share[index]), fear, float(fiscal[index]),
                   float(support[index]), review)
        level, by = float(after[0]), float(after[1])
        gains.append(own_progress(first, level, int(by), *figures)
                     - own_progress(first, float(before[0]), int(before[1]), *figures))
        dues.append((max(level, first) - first) * min(review / max(by - year, 1.0), 1.0))
    return gains, dues


def _delivery(made: np.ndarray, expected: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(each ally's share of the progress due it made, clipped as the review counts it, draws x allies; the
    weighted share the review judges, per draw)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.clip(np.where(expected > 1e-9, made / expected, 1.0), 0.0, 1.5)
    return ratio, _judged(ratio, weights)


def _ratios(made: np.ndarray, expected: np.ndarray | float) -> np.ndarray:
    """_delivery's shares of the due made for some allies' columns, or for one column and its due (a number): the
    same operations, number by number, as on the whole table."""
    if not isinstance(expected, np.ndarray):
        return np.clip(made / expected, 0.0, 1.5) if expected > 1e-9 else np.ones(len(made))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.clip(np.where(expected > 1e-9, made / expected, 1.0), 0.0, 1.5)


_LINES: dict[tuple, np.ndarray] = {}


def _lines(observation: Observation) -> np.ndarray:
    """The review's thresholds (reduce_below, keep_at, halfway from keep_at to all), a column."""
    keep_at, reduce_below = observation.us_review
    lines = _LINES.get((keep_at, reduce_below))
    if lines is None:
        if len(_LINES) > 64:
            _LINES.clear()
        lines = _LINES[(keep_at, reduce_below)] = np.array([[reduce_below], [keep_at], [(1.0 + keep_at) / 2]])
    return lines


def _judged(ratio: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The weighted share of the progress due that the review judges, per draw (ratio: draws x allies)."""
    total = float(weights.sum())
    return (ratio * weights).sum(axis=-1) / total if total > 0 else np.ones(len(ratio))


_BANDS: dict[tuple, tuple] = {}   # (options, agreed, keep_at, reduce_below) -> the option us_review leaves per band


def _odds(context: tuple, draft: Draft, delivered: np.ndarray) -> np.ndarray:
    """The share of draws in which the review leaves each option, from the delivery it judges in each draw
    (engine/implementation.us_review's rule; no review without a US ally at the table)."""
    observation, guarantee, table, threatened = context[:4]
    options, agreed = tuple(guarantee.options), str(draft[guarantee.id])
    found = np.zeros(len(options))
    if table[7] is None:
        found[options.index(agreed)] = 1.0
        found.setflags(write=False)
        return found
    keep_at, reduce_below = observation.us_review
    # us_review is constant between its thresholds (each belongs to the band above it): asked once per band
    lines = (reduce_below, keep_at, (1.0 + keep_at) / 2)
    bands = _BANDS.get((options, agreed, keep_at, reduce_below))
    if bands is None:
        if len(_BANDS) > 256:
            _BANDS.clear()
        bands = _BANDS[(options, agreed, keep_at, reduce_below)] = tuple(
            options.index(us_review(options, agreed, line, keep_at, reduce_below)) for line in (-1.0,) + lines)
    counts = [0, 0, 0, 0]
    for share in delivered.tolist():
        counts[(share >= lines[0]) + (share >= lines[1]) + (share >= lines[2])] += 1
    for option, count in zip(bands, counts):
        if count:
            found[option] += count / len(delivered)
    found.setflags(write=False)
    return found


_TEXTS: dict[tuple, tuple] = {}   # per text, its commitments without pledges (_commitments)


def _commitments(context: tuple, draft: Draft, pledges: dict) -> tuple[np.ndarray, np.ndarray]:
    """Each ally's commitment (level, -inf for none; year) with `draft` in force: the more ambitious of the draft's
    target by its deadline (its carve-out's year) and its own pledge, as the outcome judges it (engine/outcome.py).
    The text's part is worked out once per text."""
    observation, guarantee, table, threatened, rest = context[:5]
    reports, index_of = table[8], table[9]
    kept = _TEXTS.get((draft,) + rest)
    if kept is None or kept[0] is not observation.allies:
        n_years, year = observation.implementation_years, observation.year
        core, deadline = issue_with(observation, Effect.CORE_SPENDING), issue_with(observation, Effect.DEADLINE)
        committed, due = np.full(len(reports), -np.inf), np.full(len(reports), float(year + n_years))
        if core is not None:
            committed[reports] = float(draft[core.id])
            due[reports] = int(draft[deadline.id]) if deadline is not None else year + n_years
            for ally_id, by in draft.carve_outs:
                if reports[index_of[ally_id]]:
                    due[index_of[ally_id]] = by
        if len(_TEXTS) > 256:
            _TEXTS.clear()
        kept = _TEXTS[(draft,) + rest] = (observation.allies, committed.tolist(), due.tolist())
    committed, due = kept[1].copy(), kept[2].copy()
    for ally_id, (level, by) in pledges.items():
        index = index_of[ally_id]
        if reports[index] and (level, -by) > (committed[index], -due[index]):
            committed[index], due[index] = level, by
    return np.array(committed, dtype=float), np.array(due, dtype=float)


def _paths(context: tuple, draft: Draft, pledges: dict) -> tuple:
    """Every ally's progress by the review in every draw with `draft` in force and these pledges, the progress due,
    the review's year, the commitments (review_paths) and each ally's share of its due made (_delivery), remembered."""
    observation, guarantee, table, threatened, rest = context[:5]
    allies = observation.allies
    key = (draft, tuple(sorted(pledges.items()))) + rest
    kept = _PATHS.get(key)
    if kept is None or kept[0] is not allies:
        committed, due = _commitments(context, draft, pledges)
        made, expected, reviews = _model(observation, table).paths(
            committed[None], due[None], _pressure(observation, guarantee, threatened, table[7]),
            (str(draft[guarantee.id]),))
        if len(_PATHS) > 1024:
            _PATHS.clear()
        ratio = _delivery(made[0], expected[0], table[10])[0]
        kept = _PATHS[key] = (allies, (_frozen(made[0]), _frozen(expected[0]), int(reviews[0]), committed, due,
                                       _frozen(ratio), dict(pledges)))
    return kept[1]


_MODELS: dict[tuple, tuple] = {}


def _model(observation: Observation, table: tuple) -> ReviewModel:
    """review_paths' figures for this table of allies, summit year and implementation years over the fixed
    draws, worked out once (implementation.ReviewModel)."""
    allies, n_years = observation.allies, observation.implementation_years
    key = (id(allies), observation.year, n_years)
    kept = _MODELS.get(key)
    if kept is None or kept[0] is not allies:
        if len(_MODELS) > 64:
            _MODELS.clear()
        kept = _MODELS[key] = (allies, ReviewModel(*table[:7], observation.year, n_years,
                                                   _draws(n_years, len(allies))))
    return kept[1]


def _pressure(observation: Observation, guarantee, threatened: tuple, us_ally: str | None) -> Pressure:
    return Pressure(guarantee=tuple(guarantee.options), threatened=threatened,
                    review=observation.us_review if us_ally is not None else None)


def _frozen(array: np.ndarray) -> np.ndarray:
    array = array.copy()
    array.setflags(write=False)
    return array


def expected(observation: Observation, draft: Draft, value: Callable[[Draft], float],
             pledge: tuple[float, int] | None = None, shares: np.ndarray | None = None) -> float:
    """value() of the draft as the review will leave it: the mean over the options of the guarantee it may keep,
    weighed by their odds (`shares`, when already asked of odds(); value(draft) itself without a guarantee issue)."""
    shares = odds(observation, draft, pledge) if shares is None else shares
    if shares is None:
        return value(draft)
    guarantee = issue_with(observation, Effect.US_GUARANTEE)
    total = 0.0
    for option, share in zip(guarantee.options, shares):
        if share > 0.0:
            total += float(share) * value(draft if draft[guarantee.id] == option else draft.with_value(guarantee.id, option))
    return total


_THREATS: list = [None, (0, None), ()]   # the last record read: its game's rules, (length, last entry), the answer


def _threatened(observation: Observation, us_ally: str | None) -> tuple[float, ...]:
    """Per ally (scenario order), as engine/outcome.us_threats counts them so far: 1 for a US threat about its
    pledge carried out, 0.5 for one not yet put to the test, 0 for none, a bluff or a threat paid off. Remembered
    for the last record read, as reading.py keeps its folds (the members of a run read it in turn)."""
    if us_ally is None:
        return ()
    history = observation.history   # a game's record only grows: its length and last entry tell what it holds
    rules, seen = observation._rules, (len(history), history[-1] if history else None)
    if _THREATS[0] is rules and _THREATS[1][0] == seen[0] and _THREATS[1][1] is seen[1]:
        return _THREATS[2]
    _THREATS[:] = [rules, seen, _count_threats(observation)]
    return _THREATS[2]


def _count_threats(observation: Observation) -> tuple[float, ...]:
    us = next(leader.id for leader in observation.leaders if leader.role == Role.US_PRESIDENT)
    signal: dict[str, float] = {}
    for word in reputation.words(observation):
        if word.kind != "threat" or word.giver != us or word.issue is not None:
            continue
        ally = observation.leader(word.target).ally
        if ally is not None:
            signal[ally] = max(signal.get(ally, 0.0), {"carried_out": 1.0, "": 0.5}.get(word.settled, 0.0))
    return tuple(signal.get(ally.id, 0.0) for ally in observation.allies) if signal else ()


def _table(observation: Observation) -> tuple:
    """The allies' figures as arrays (scenario order), the US ally, who reports spending and each ally's place, once
    per tuple of allies."""
    allies = observation.allies
    kept = _TABLES.get(id(allies))
    if kept is None or kept[0] is not allies:
        us = next((leader for leader in observation.leaders if leader.role == Role.US_PRESIDENT), None)
        us_ally = us.ally if us is not None else None
        gdp = np.array([ally.gdp_usd_bn for ally in allies], dtype=float)
        start = np.array([np.nan if ally.defence_pct_gdp is None else ally.defence_pct_gdp for ally in allies])
        table = (start, gdp / gdp.sum(), np.clip(np.array([ally.threat for ally in allies], dtype=float), 0.0, 1.0),
                 np.array([ally.fiscal_space for ally in allies], dtype=float),
                 np.array([ally.domestic_support for ally in allies], dtype=float),
                 np.array([ally.reports_spending and ally.id != us_ally for ally in allies]),
                 np.array([ally.id == us_ally for ally in allies]), us_ally,
                 np.array([ally.reports_spending for ally in allies]), {ally.id: index for index, ally in enumerate(allies)})
        spends = ~np.isnan(start)
        weights = np.where(table[5], table[1], 0.0)[spends]
        table += (weights, np.cumsum(spends) - 1, float(weights.sum()))   # the review's weights, places, their sum
        if len(_TABLES) > 256:
            _TABLES.clear()
        kept = _TABLES[id(allies)] = (allies, table)
    return kept[1]


def _draws(years: int, allies: int) -> np.ndarray:
    shape = (years, allies)
    drawn = _DRAWN.get(shape)
    if drawn is None:
        drawn = _DRAWN[shape] = np.random.default_rng(_SEED).standard_normal((DRAWS, years, allies))
        drawn.setflags(write=False)
    return drawn
