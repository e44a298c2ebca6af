"""How a game ended, who committed to what, what they will deliver, and each role's score."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..scenario import Effect, Role
from . import rng
from .draft import Draft
from .implementation import Commitment, Pressure, simulate
from .participation import Participation, Words, participation
from .state import GameState, Termination

if TYPE_CHECKING:
    from .game import Game


@dataclass(frozen=True)
class AllyResult:
    id: str
    name: str
    now: float | None          # % GDP at the summit
    pledged: float | None      # % GDP committed (national pledge or the communiqué's target)
    pledge_year: int | None
    projected: float | None    # % GDP at the end of the implementation years
    path: tuple[float, ...]    # % GDP each year, the summit year first (empty when not reported)
    delivered: float | None    # share of the expected progress delivered, 0..1
    gdp_usd_bn: float


@dataclass(frozen=True)
class Outcome:
    scenario: str
    seed: int
    termination: Termination
    rounds: int
    terms: Draft | None        # the adopted draft, None without a deal
    in_force: Draft            # the terms that apply: adopted ones or the no-deal terms
    years: tuple[int, ...]
    allies: tuple[AllyResult, ...]
    delivered_share: float     # GDP-weighted share of promised progress delivered (allies other than the US)
    us_guarantee_agreed: str | None
    us_guarantee_after: str | None
    scores: dict[str, float]
    participation: dict[str, Participation]  # per role: what it did at the table (graded apart from scores)

    @property
    def agreed(self) -> bool:
        return self.termination == Termination.ADOPTED

    def totals(self, which: str) -> tuple[float, float]:
        """Alliance total of now/pledged/projected spending: (US$ bn, % of the alliance's GDP)."""
        usd = sum((getattr(a, which) or 0.0) * a.gdp_usd_bn / 100 for a in self.allies if getattr(a, which) is not None)
        gdp = sum(a.gdp_usd_bn for a in self.allies)
        return usd, 100 * usd / gdp

    def to_json(self) -> dict[str, Any]:
        def pct(value):
            return None if value is None else round(float(value), 2)
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "agreed": self.agreed,
            "termination": self.termination.value,
            "rounds": self.rounds,
            "terms": self.terms.to_json() if self.terms else None,
            "in_force": self.in_force.to_json(),
            "allies": [{"id": a.id, "name": a.name, "now": pct(a.now), "pledged": pct(a.pledged),
                        "pledge_year": a.pledge_year, "projected": pct(a.projected),
                        "delivered": pct(a.delivered)} for a in self.allies],
            "totals": {which: {"usd_bn": round(self.totals(which)[0], 1), "pct_gdp": round(self.totals(which)[1], 2)}
                       for which in ("now", "pledged", "projected")},
            "delivered_share": round(self.delivered_share, 3),
            "us_guarantee_agreed": self.us_guarantee_agreed,
            "us_guarantee_after": self.us_guarantee_after,
            "scores": {leader: round(score, 1) for leader, score in self.scores.items()},
            "participation": {leader: record.to_json() for leader, record in self.participation.items()},
        }


def score(utility: float, no_deal: float) -> float:
    """0-100: 0 = the worst possible, 50 = as good as no deal, 100 = the leader's ideal."""
    if utility >= no_deal:   # min: sums of weights may overshoot 1 by a rounding error
        return min(100.0, 50.0 + 50.0 * (utility - no_deal) / max(1.0 - no_deal, 1e-9))
    return max(0.0, 50.0 * utility / max(no_deal, 1e-9))


@dataclass(frozen=True)
class _World:
    """What follows the table under some terms: commitments, spending paths, the US review."""

    commitments: dict[str, Commitment]
    paths: Any
    delivered_share: float
    guarantee_agreed: str | None
    guarantee_after: str | None
    realised: Draft            # the terms with the guarantee the US keeps after its review


def _after_the_table(game: "Game", state: GameState, terms: Draft, adopted: bool,
                     threatened: tuple[float, ...] | None = None) -> _World:
    """The world after the table under `terms`; `threatened` (us_threats) when the caller has read it already."""
    scenario = game.scenario_now(state)   # the allies' figures as events have left them
    core = scenario.issue_with(Effect.CORE_SPENDING)
    deadline_issue = scenario.issue_with(Effect.DEADLINE)
    commitments: dict[str, Commitment] = {}
    for ally in scenario.allies:
        options = []
        if core is not None:
            year = terms.carve_out(ally.id) if adopted else None
            year = year or (int(terms[deadline_issue.id]) if deadline_issue else scenario.year + scenario.implementation_years)
            options.append(Commitment(float(terms[core.id]), int(year)))
        pledge = state.pledge(ally.id)
        if pledge is not None:
            options.append(Commitment(*pledge))
        if options:
            commitments[ally.id] = max(options, key=lambda c: (c.level, -c.year))
    fiscal = np.array([state.ally_value(a, "fiscal_space") for a in scenario.allies])
    support = np.array([state.ally_value(a, "domestic_support") for a in scenario.allies])
    threat = np.array([state.ally_value(a, "threat") for a in scenario.allies])
    us_leader = next((l for l in scenario.leaders if l.role == Role.US_PRESIDENT), None)
    us_ally = us_leader.ally if us_leader is not None else None
    guarantee = scenario.issue_with(Effect.US_GUARANTEE)
    agreed = str(terms[guarantee.id]) if guarantee is not None else None
    if threatened is None:
        threatened = us_threats(game, state, us_leader.id if us_leader is not None else None)
    pressure = Pressure.of(scenario, agreed, threatened, review=us_ally is not None)
    paths = simulate(scenario, commitments, fiscal, support, rng.stream(game.seed, "implementation"), threat,
                     pressure, us_ally)
    weights, delivered = [], []
    for index, ally in enumerate(scenario.allies):
        if ally.reports_spending and ally.id != us_ally:
            weights.append(ally.gdp_usd_bn)
            delivered.append(float(paths.delivered[index]))
    share = float(np.average(delivered, weights=weights)) if weights else 1.0
    after = paths.guarantee_after if guarantee is not None else None
    realised = terms.with_value(guarantee.id, after) if guarantee is not None else terms
    return _World(commitments, paths, share, agreed, after, realised)


def us_threats(game: "Game", state: GameState, us_leader: str | None, words: Words | None = None) -> tuple[float, ...]:
    """Per ally (scenario order): 1 when the US threatened it at the table and carried the threat out, 0.5
    when the threat was never put to the test, 0 for no threat, a bluff, or a threat the ally paid off.
    `words`: the game's promises and threats already folded from its whole log (as outcome() has them)."""
    scenario = game.scenario
    if us_leader is None:
        return ()
    ally_of = {leader.id: leader.ally for leader in scenario.leaders}
    if words is None:
        words = Words(ally_of, pen_holder=scenario.pen_holder_id)
        for entry in state.history:
            words.feed(entry)
    signal: dict[str, float] = {}
    for word in words.words:
        # only a threat about a pledge is a threat to an ally's spending (the implementation model's pressure)
        if word.kind != "threat" or word.giver != us_leader or ally_of.get(word.target) is None or word.issue is not None:
            continue
        value = {"carried_out": 1.0, "": 0.5}.get(word.settled, 0.0)
        ally = ally_of[word.target]
        signal[ally] = max(signal.get(ally, 0.0), value)
    return tuple(signal.get(ally.id, 0.0) for ally in scenario.allies)


def outcome(game: "Game", state: GameState) -> Outcome:
    """The outcome of a finished game (ValueError if it is not finished)."""
    if not state.is_terminal:
        raise ValueError("the game is not over yet")
    scenario = game.scenario_now(state)
    in_force = state.draft if state.termination == Termination.ADOPTED else game.no_deal_terms()
    adopted = state.termination == Termination.ADOPTED
    # One fold of the log for the participation records and the US threats they share (the promises and threats)
    prefs = game.preferences_now(state)
    ally_of = {leader.id: leader.ally for leader in scenario.leaders}
    words = Words(ally_of, pen_holder=scenario.pen_holder_id)
    records = participation(prefs.leader_ids, ally_of, state.history, scenario.pen_holder_id, words)
    threatened = us_threats(game, state, next((l.id for l in scenario.leaders if l.role == Role.US_PRESIDENT), None),
                            words)
    world = _after_the_table(game, state, in_force, adopted, threatened)
    # The yardstick: the world without a deal, from the same pledges and the same draws (common random
    # numbers), reviewed by the US the same way. A game that ends without a deal scores exactly 50.
    no_deal_world = world if not adopted else _after_the_table(game, state, game.no_deal_terms(), False, threatened)
    paths, share, after, commitments = world.paths, world.delivered_share, world.guarantee_after, world.commitments
    agreed_guarantee = world.guarantee_agreed
    results = []
    for index, ally in enumerate(scenario.allies):
        reported = ally.reports_spending
        commitment = commitments.get(ally.id)
        results.append(AllyResult(
            id=ally.id, name=ally.name, now=ally.defence_pct_gdp,
            pledged=max(commitment.level, ally.defence_pct_gdp) if (commitment and reported) else (ally.defence_pct_gdp if reported else None),
            pledge_year=commitment.year if (commitment and reported) else None,
            projected=float(paths.spending[index, -1]) if reported else None,
            path=tuple(round(float(v), 3) for v in paths.spending[index]) if reported else (),
            delivered=float(paths.delivered[index]) if reported else None,
            gdp_usd_bn=ally.gdp_usd_bn))
    realised_u = prefs.utilities(world.realised if adopted else world.realised.with_carve_outs({}))
    no_deal_u = prefs.utilities(no_deal_world.realised.with_carve_outs({}))
    scores = {leader: score(float(realised_u[i]), float(no_deal_u[i])) for i, leader in enumerate(prefs.leader_ids)}
    return Outcome(
        scenario=scenario.id, seed=game.seed, termination=state.termination, rounds=state.round,
        terms=state.draft if state.termination == Termination.ADOPTED else None, in_force=in_force,
        years=paths.years, allies=tuple(results), delivered_share=share,
        us_guarantee_agreed=agreed_guarantee, us_guarantee_after=after, scores=scores,
        participation=records)
