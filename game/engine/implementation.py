"""After the table: each ally's spending year by year, and the US review on the way.

The model, its constants and where they come from are in docs/model.md. For ally i with spending s (% of
GDP), starting at s0, GDP share w (of the scenario's allies), threat q, fiscal space f, domestic support p,
commitment c due in year T (the communiqué's target, a carve-out's year or its own pledge; none: no pull),
fear of US abandonment a and the other allies' rise r (below), each year:

    need      N = max(s0 + PRIVATE (q - THREAT_FLOOR), LEVEL q) + PUBLIC w + SELF_HELP a q + PEER r
    will      v = clip(W_THREAT q + W_SIZE w + W_PRESSURE a + W_FISCAL (f - 1/2) + W_SUPPORT (p - 1/2)
                       + W_PEER min(r, 1), V_MIN, 1)
    plan        = max((c - s) / years left to T, (N - s) / NEED_YEARS)
    rise_max    = (RISE_MIN + RISE_SPAN (f + p) / 2) (1 + SURGE a q)
    s[t+1]      = s[t] + clip(v plan, -DECLINE_MAX, rise_max) + slip,  never past max(N, c) when rising

- Need: what the ally would spend for its own sake. It starts from what it spends now and the threat it
  feels, not from the common target, so a threatened ally keeps rising past every target (Poland, the
  Baltic states); part of defence is a private good for the ally that buys it (the joint-product model:
  Sandler, "Impurity of Defense", Kyklos 1977), hence PRIVATE and LEVEL. An ally that feels little threat
  needs less than it spends and drifts down, at most DECLINE_MAX a year, never below its commitment.
- Size: deterrence is a public good every ally enjoys; an ally gains from its own contribution in
  proportion to its share of what is defended, so larger allies carry a larger share of GDP (Olson and
  Zeckhauser, "An Economic Theory of Alliances", 1966): PUBLIC w in the need, W_SIZE w in the will.
- Pressure from the table: a = weakness of the US guarantee in force (0 for the strongest option, 1 for
  the weakest) x q (an ally that feels no threat does not fear being left alone) + THREATENED for a US
  threat at the table aimed at this ally and carried out (half for one never put to the test), at most 1,
  and 0 for the US itself. Article 3 (self-help): fear raises the need (SELF_HELP), the will (W_PRESSURE)
  and the money found in a year (SURGE). Peers: r is the GDP-weighted rise of the other allies so far;
  allies keep pace with one another (PEER, W_PEER).
- Slip: a rising budget may fall short of its step (up to all of it) or pass it by a quarter, more often
  with weak domestic support.
- The US review: when the commitments fall due (the median deadline of the allies it judges; at the latest
  at the end of the implementation years) the US judges delivery (the GDP-weighted share of the progress
  due by then, itself left out) and strengthens, keeps, weakens or cuts the guarantee (us_review); the
  allies spend the years left under the guarantee it keeps.

Every constant is the same for every ally; nothing is set per country. GDP is held at the scenario's
figures, so US$ totals are at today's prices and output. Spending never goes negative.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from ..scenario import Effect, Scenario

THREAT_FLOOR = 0.5    # an ally that feels more threatened than this needs more than it spends
LEVEL = 4.0           # points of GDP an ally needs at full threat, whatever it spends now
PRIVATE = 2.0         # points of GDP of need per unit of threat above the floor
PUBLIC = 1.0          # points of GDP of need per unit of GDP share (the whole alliance: 1)
SELF_HELP = 1.0       # points of GDP of need at full abandonment fear and full threat
PEER = 0.3            # points of need per point the other allies have risen
NEED_YEARS = 4        # a government plans to meet its own need within a budget cycle of this many years
W_THREAT, W_SIZE, W_PRESSURE = 0.8, 0.5, 0.5
W_FISCAL, W_SUPPORT = 0.3, 0.3
W_PEER = 0.2          # will per point the other allies have risen (at most one point counts)
V_MIN = 0.05          # the least share of its planned step a government budgets
RISE_MIN, RISE_SPAN = 0.1, 0.4
SURGE = 1.0           # at full fear and threat, an ally can add twice as much in a year
DECLINE_MAX = 0.1
THREATENED = 0.5      # abandonment fear from a US threat carried out against the ally


@dataclass(frozen=True)
class Commitment:
    level: float  # % GDP of core defence spending
    year: int     # by when


@dataclass(frozen=True)
class Pressure:
    """What the table leaves that moves delivery: the US guarantee in force and the US threats.

    guarantee: the options of the scenario's us_guarantee issue, strongest first, and the one agreed (or in
    force without a deal); () when the scenario has none. threatened: per ally (scenario order), 1 for a US
    threat carried out against it at the table, 0.5 for one never put to the test, 0 for none, for a bluff
    or a threat it paid off. review: how the US judges delivery (keep_at, reduce_below); None: no review."""

    guarantee: tuple[str, ...] = ()
    agreed: str | None = None
    threatened: tuple[float, ...] = ()
    review: tuple[float, float] | None = None

    @classmethod
    def of(cls, scenario: Scenario, agreed: str | None = None, threatened: tuple[float, ...] = (),
           review: bool = True) -> "Pressure":
        """The pressure of a scenario's us_guarantee issue with `agreed` in force (its status quo when None),
        `threatened` per ally, and the scenario's us_review when `review`."""
        guarantee = scenario.issue_with(Effect.US_GUARANTEE)
        if guarantee is None:
            return cls(threatened=threatened)
        return cls(guarantee=tuple(guarantee.options), agreed=agreed if agreed is not None else str(guarantee.status_quo),
                   threatened=threatened,
                   review=(scenario.us_review.keep_at, scenario.us_review.reduce_below) if review else None)

    def weakness(self, option: str | None) -> float:
        return self.weakness_of(self.guarantee, option)

    @staticmethod
    def weakness_of(guarantee, option: str | None) -> float:
        """How far down the guarantee's options (strongest first) `option` is, 0..1 (0 without a guarantee)."""
        if not guarantee or option is None or len(guarantee) < 2:
            return 0.0
        return guarantee.index(option) / (len(guarantee) - 1)


@dataclass(frozen=True)
class Paths:
    years: tuple[int, ...]            # calendar years, the summit year first
    spending: np.ndarray              # (allies x years) % GDP; NaN where an ally reports no spending
    delivered: np.ndarray             # (allies,) share of the expected progress delivered, 0..1 (NaN: n/a)
    guarantee_after: str | None = None   # what the US keeps after its review (None: no guarantee issue)
    reviewed_share: float = 1.0          # the GDP-weighted delivery the review judged


def rise_limit(fiscal_space: np.ndarray, domestic_support: np.ndarray) -> np.ndarray:
    """Most an ally can add to its spending in a year, in points of GDP, without abandonment fear."""
    return RISE_MIN + RISE_SPAN * (0.5 * np.asarray(fiscal_space) + 0.5 * np.asarray(domestic_support))


def gdp_shares(scenario: Scenario) -> np.ndarray:
    gdp = np.array([ally.gdp_usd_bn for ally in scenario.allies], dtype=float)
    return gdp / gdp.sum()


def simulate(scenario: Scenario, commitments: dict[str, Commitment], fiscal_space: np.ndarray,
             domestic_support: np.ndarray, rng: np.random.Generator, threat: np.ndarray | None = None,
             pressure: Pressure | None = None, us_ally: str | None = None) -> Paths:
    """Spending paths of every ally (scenario order) for implementation_years after the summit.

    threat (0..1 per ally) defaults to the scenario's figures; pass the values after the game's events.
    us_ally: the ally the US review leaves out of the delivery it judges."""
    pressure = pressure or Pressure()
    n_years = scenario.implementation_years
    n = len(scenario.allies)
    threat = np.array([a.threat for a in scenario.allies], dtype=float) if threat is None else np.asarray(threat, dtype=float)
    threat = np.clip(threat, 0.0, 1.0)
    fiscal, support = np.asarray(fiscal_space, dtype=float), np.asarray(domestic_support, dtype=float)
    start = np.array([np.nan if a.defence_pct_gdp is None else a.defence_pct_gdp for a in scenario.allies])
    share = gdp_shares(scenario)
    target = start.copy()                  # what it promised (or today's level): the US judges this
    committed = np.full(n, -np.inf)
    due = np.full(n, scenario.year + n_years, dtype=float)
    for index, ally in enumerate(scenario.allies):
        commitment = commitments.get(ally.id)
        if commitment is not None and ally.reports_spending:
            target[index] = max(commitment.level, start[index])
            committed[index] = commitment.level
            due[index] = commitment.year
    threatened = np.asarray(pressure.threatened, dtype=float) if pressure.threatened else np.zeros(n)
    judged = np.array([ally.reports_spending and ally.id != us_ally for ally in scenario.allies])
    peer_weights = np.where(np.isnan(start), 0.0, share)
    guarantor = np.array([ally.id == us_ally for ally in scenario.allies])
    guarantee = pressure.agreed
    reviewed = 1.0
    # The US judges delivery when the commitments fall due (the median deadline of the allies it judges),
    # at the latest at the end of the implementation years.
    dues = due[judged & np.isfinite(committed)]
    review_year = int(min(max(round(float(np.median(dues))) - scenario.year, 1), n_years)) if dues.size else n_years
    noise_sd = 0.02 + 0.08 * (1.0 - support)
    spending = np.empty((n, n_years + 1))
    spending[:, 0] = start
    shocks = rng.normal(0.0, 1.0, size=(n_years, n))
    level = start.copy()
    for t in range(1, n_years + 1):
        year = scenario.year + t
        if pressure.review is not None and t == review_year + 1 and guarantee is not None:
            reviewed = _delivery_so_far(start, target, due, level, review_year, scenario.year, judged, share)
            guarantee = us_review(pressure.guarantee, guarantee, reviewed, *pressure.review)
        fear = np.where(guarantor, 0.0, np.clip(pressure.weakness(guarantee) * threat + THREATENED * threatened, 0.0, 1.0))
        rise = np.nan_to_num(level - start)
        peers = _peer_rise(rise, peer_weights)
        need = _need(start, threat, share, fear, peers)
        aim = np.maximum(need, committed)
        step = _step(level, need, committed, due, year, threat, share, fear, fiscal, support, peers)
        moving = step > 1e-9
        # A rising budget can slip (up to the whole year's rise) or gain a little; it never falls.
        slip = np.where(moving, np.clip(shocks[t - 1] * noise_sd, -step, 0.25 * step), 0.0)
        # A rising budget stops at its aim: the noise never carries it past it.
        level = np.where(moving, np.minimum(level + step + slip, np.maximum(aim, level)), level + step)
        level = np.maximum(0.0, level)
        level = np.where(np.isnan(start), np.nan, level)
        spending[:, t] = level
    if pressure.review is not None and review_year == n_years and guarantee is not None:
        reviewed = _delivery_so_far(start, target, due, level, n_years, scenario.year, judged, share)
        guarantee = us_review(pressure.guarantee, guarantee, reviewed, *pressure.review)
    delivered = _delivered(scenario, start, target, due, spending)
    return Paths(tuple(range(scenario.year, scenario.year + n_years + 1)), spending, delivered, guarantee, reviewed)


def own_forecast(start: float, commitment: Commitment, summit_year: int, threat: float, share: float,
                 fear: float, fiscal_space: float, domestic_support: float) -> float:
    """The level (% GDP) an ally expects to reach by its commitment's year, as this model plans it: the
    same need, will and yearly limit, without the slip, the other allies' rise or the US review it cannot
    know at the table. An agent asks this about its own ally before it pledges."""
    return _own_forecast(float(start), float(commitment.level), int(commitment.year), int(summit_year), float(threat),
                         float(share), float(fear), float(fiscal_space), float(domestic_support))


@functools.lru_cache(maxsize=1 << 16)
def _own_forecast(start: float, committed: float, due: int, summit_year: int, threat: float, share: float,
                  fear: float, fiscal: float, support: float) -> float:
    """own_forecast in plain floats, the same operations in the same order as _need and _step on arrays (so
    the same numbers to the last bit), remembered: agents ask it many times with the same figures."""
    need = max(start + PRIVATE * (threat - THREAT_FLOOR), LEVEL * threat) + PUBLIC * share + SELF_HELP * fear * threat \
        + PEER * 0.0
    aim = max(need, committed)
    will = min(max(W_THREAT * threat + W_SIZE * share + W_PRESSURE * fear + W_FISCAL * (fiscal - 0.5)
                   + W_SUPPORT * (support - 0.5) + W_PEER * 0.0, V_MIN), 1.0)
    rise_max = (RISE_MIN + RISE_SPAN * (0.5 * fiscal + 0.5 * support)) * (1.0 + SURGE * fear * threat)
    level = start
    for year in range(summit_year + 1, due + 1):
        to_commitment = (committed - level) / max(float(due - year + 1), 1.0)
        to_need = (need - level) / NEED_YEARS
        step = min(max(will * max(to_commitment, to_need), -DECLINE_MAX), rise_max)
        level = min(level + step, max(aim, level)) if step > 1e-9 else level + step
    return max(0.0, level)


def _need(start, threat, share, fear, peers):
    """What an ally would spend for its own sake (% GDP): from what it spends now and the threat it feels, its
    share of what is defended, its fear of being left alone and the other allies' rise."""
    return (np.maximum(start + PRIVATE * (threat - THREAT_FLOOR), LEVEL * threat) + PUBLIC * share
            + SELF_HELP * fear * threat + PEER * peers)


def _step(level, need, committed, due, year, threat, share, fear, fiscal, support, peers):
    """This year's planned change before the slip: close the gap to the commitment by its deadline, or move
    to the need within a budget cycle, whichever asks for more; times the will; within what can be found."""
    to_commitment = (committed - level) / np.maximum(due - year + 1, 1.0)
    to_need = (need - level) / NEED_YEARS
    planned = np.maximum(to_commitment, to_need)
    will = np.clip(W_THREAT * threat + W_SIZE * share + W_PRESSURE * fear + W_FISCAL * (fiscal - 0.5)
                   + W_SUPPORT * (support - 0.5) + W_PEER * np.clip(peers, 0.0, 1.0), V_MIN, 1.0)
    rise_max = rise_limit(fiscal, support) * (1.0 + SURGE * fear * threat)
    return np.clip(will * planned, -DECLINE_MAX, rise_max)


def _peer_rise(rise: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """For each ally, the GDP-weighted mean rise of the others (points of GDP)."""
    total = float(weights.sum())
    others = total - weights
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(others > 0, (float(weights @ rise) - weights * rise) / others, 0.0)


def _delivery_so_far(start, target, due, level, elapsed: int, summit_year: int, judged, share) -> float:
    """The GDP-weighted share of the progress due by now (pro rata to each deadline) that was made, over the
    judged allies; an ally with nothing due counts as delivered. At most 1.5 per ally, so one ally far ahead
    cannot make up for all the others."""
    span = np.maximum(due - summit_year, 1.0)
    expected = (target - start) * np.minimum(elapsed / span, 1.0)
    made = np.nan_to_num(level - start)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(expected > 1e-9, made / expected, 1.0)
    ratio = np.clip(np.nan_to_num(ratio, nan=1.0), 0.0, 1.5)
    weights = np.where(judged, share, 0.0)
    return float(np.average(ratio, weights=weights)) if weights.sum() > 0 else 1.0


def _delivered(scenario: Scenario, start, target, due, spending) -> np.ndarray:
    """Share of the progress expected by the deadline (or by the horizon, pro rata) that happened."""
    last_year = scenario.year + scenario.implementation_years
    check_year = np.minimum(due, last_year)
    column = (check_year - scenario.year).astype(int)
    reached = spending[np.arange(len(start)), column]
    span = np.maximum(due - scenario.year, 1.0)
    expected = start + (target - start) * np.minimum((check_year - scenario.year) / span, 1.0)
    needed = expected - start
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(needed > 1e-9, (reached - start) / needed, np.where(reached >= expected - 1e-9, 1.0, 0.0))
    return np.where(np.isnan(start), np.nan, np.clip(ratio, 0.0, 1.0))


def us_review(options: tuple[str, ...], agreed: str, delivered_share: float, keep_at: float, reduce_below: float) -> str:
    """The guarantee the US keeps after judging delivery: one step stronger when the allies delivered clearly
    more than keeping it asks (at least halfway from keep_at to all that was due), as agreed at keep_at or
    above, one step weaker below it, the weakest below reduce_below."""
    index = options.index(agreed)
    if delivered_share >= (1.0 + keep_at) / 2:
        return options[max(index - 1, 0)]
    if delivered_share >= keep_at:
        return agreed
    if delivered_share >= reduce_below:
        return options[min(index + 1, len(options) - 1)]
    return options[-1]



def review_odds(start: np.ndarray, share: np.ndarray, threat: np.ndarray, fiscal: np.ndarray, support: np.ndarray,
                judged: np.ndarray, guarantor: np.ndarray, committed: np.ndarray, due: np.ndarray, summit_year: int,
                n_years: int, pressure: Pressure, agreed: tuple[str, ...], shocks: np.ndarray) -> np.ndarray:
    """How often the US review leaves each option of the guarantee (strongest first, one row per case), over
    draws of the slip: simulate's years up to the review for several cases and every draw at once (review_paths),
    then us_review's verdict in each draw. Per ally: start (NaN: reports no spending), GDP share, threat, fiscal
    space, domestic support, judged by the review, the guarantor. Per case (rows): the committed level of each
    ally (-inf: none) and its year, and the guarantee `agreed` in force (pressure gives the options, the US threats
    and the review's rules). shocks: draws x years x allies, standard normal."""
    made, expected, reviews = review_paths(start, share, threat, fiscal, support, judged, guarantor, committed, due,
                                           summit_year, n_years, pressure, agreed, shocks)
    weights = np.where(judged, share, 0.0)[~np.isnan(start)]
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.clip(np.where(expected[:, None] > 1e-9, made / expected[:, None], 1.0), 0.0, 1.5)
    delivered = (ratio * weights).sum(axis=-1) / weights.sum()
    options = pressure.guarantee
    odds = np.zeros((len(agreed), len(options)))
    for case, option in enumerate(agreed):
        for share_made in delivered[case].tolist():
            after = us_review(options, option, share_made, *pressure.review)
            odds[case, options.index(after)] += 1.0 / delivered.shape[1]
    return odds


def review_year(due: np.ndarray, committed: np.ndarray, judged: np.ndarray, summit_year: int, n_years: int) -> int:
    """Years after the summit at which the US reviews delivery: the median deadline of the judged allies'
    commitments, at least one year in, at most the implementation years (simulate's rule)."""
    dues = sorted(due[judged & np.isfinite(committed)].tolist())
    if not dues:
        return n_years
    middle = len(dues) // 2
    median = dues[middle] if len(dues) % 2 else (dues[middle - 1] + dues[middle]) / 2
    return int(min(max(round(median) - summit_year, 1), n_years))


def review_paths(start: np.ndarray, share: np.ndarray, threat: np.ndarray, fiscal: np.ndarray, support: np.ndarray,
                 judged: np.ndarray, guarantor: np.ndarray, committed: np.ndarray, due: np.ndarray, summit_year: int,
                 n_years: int, pressure: Pressure, agreed: tuple[str, ...],
                 shocks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """review_odds' paths: (the progress each ally that reports spending made by the review, cases x draws x
    allies; the progress due from it by then, cases x allies; the review's year after the summit, per case). The
    same steps as simulate, reordered for speed; every case and draw alone (no sum runs across them)."""
    return ReviewModel(start, share, threat, fiscal, support, judged, guarantor, summit_year, n_years,
                       shocks).paths(committed, due, pressure, agreed)


_CONSTANTS = tuple(np.array(value) for value in (0.0, 1.0, PEER, W_PEER, V_MIN, -DECLINE_MAX, 1e-9, 0.25))   # ReviewModel.paths' scalars, as numpy runs them fastest


class ReviewModel:
    """review_paths for one table of allies and one set of draws of the slip: what does not depend on the
    commitments or the pressure is worked out once (a forecaster asks about many texts of the same table).
    Every number is the one review_paths' formulas give, the same operations in the same order."""

    def __init__(self, start: np.ndarray, share: np.ndarray, threat: np.ndarray, fiscal: np.ndarray,
                 support: np.ndarray, judged: np.ndarray, guarantor: np.ndarray, summit_year: int, n_years: int,
                 shocks: np.ndarray) -> None:
        self.spends = spends = ~np.isnan(start)   # an ally that reports no spending has no path and weighs nothing
        self.start, self.share, fiscal, support = start[spends], share[spends], fiscal[spends], support[spends]
        self.threat = threat = np.clip(threat, 0.0, 1.0)[spends]
        self.judged = judged[spends]
        self.guarantor, self.summit_year, self.n_years = guarantor[spends], summit_year, n_years
        start, share = self.start, self.share
        self.need = np.maximum(start + PRIVATE * (threat - THREAT_FLOOR), LEVEL * threat) + PUBLIC * share
        self.will = W_THREAT * threat + W_SIZE * share
        self.fiscal_will, self.support_will = W_FISCAL * (fiscal - 0.5), W_SUPPORT * (support - 0.5)
        self.rise = rise_limit(fiscal, support)
        # each draw's slip per year and ally at simulate's scale (noise_sd), years first
        self.noise = (shocks[:, :, spends] * (0.02 + 0.08 * (1.0 - support))).transpose(1, 0, 2)
        others = float(share.sum()) - share
        self.peer_share = np.divide(share, others, out=np.zeros_like(share), where=others > 0)
        self.peer_total = np.divide(1.0, others, out=np.zeros_like(share), where=others > 0)
        self._laid: dict[int, tuple] = {}

    def _laid_out(self, cases: int) -> tuple:
        """The figures that hold for every case laid out as the paths are (cases x draws x allies; the noise per
        year), which numpy runs fastest."""
        kept = self._laid.get(cases)
        if kept is None:
            if len(self._laid) > 8:
                self._laid.clear()
            shape = (cases,) + self.noise.shape[1:]
            kept = self._laid[cases] = tuple(np.ascontiguousarray(np.broadcast_to(array, shape)) for array in (
                self.start, self.share, self.peer_share, self.peer_total)) + (
                np.ascontiguousarray(np.broadcast_to(self.noise[:, None], (len(self.noise),) + shape)),)
        return kept

    def paths(self, committed: np.ndarray, due: np.ndarray, pressure: Pressure,
              agreed: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """review_paths for these commitments (cases x allies, all the allies) and the guarantee `agreed` per case."""
        spends, start, threat, summit_year = self.spends, self.start, self.threat, self.summit_year
        cases, judged = len(agreed), self.judged
        committed, due = committed[:, spends], due[:, spends]
        threatened = np.asarray(pressure.threatened, dtype=float)[spends] if pressure.threatened else 0.0
        reviews = np.array([review_year(due[case], committed[case], judged, summit_year, self.n_years)
                            for case in range(cases)])
        weakness = np.array([pressure.weakness(option) for option in agreed])[:, None]
        fear = np.where(self.guarantor, 0.0, np.clip(weakness * threat + THREATENED * threatened, 0.0, 1.0))
        years = int(reviews.max())
        start3, share3, peer_share3, peer_total3, noise = self._laid_out(cases)
        shape = start3.shape
        # simulate's formulas, each written into a buffer kept from year to year (out=), every operand laid out as
        # the paths are (the constants as 0-d arrays): the same operations on the same operands in the same order
        base_need, base_will, rise_max = laid = np.empty((3,) + shape)
        laid[0] = (self.need + SELF_HELP * fear * threat)[:, None]
        laid[1] = (self.will + W_PRESSURE * fear + self.fiscal_will + self.support_will)[:, None]
        laid[2] = (self.rise * (1.0 + SURGE * fear * threat))[:, None]
        # the two gaps a plan closes, side by side (one operation for both): to the commitment over the years left
        # to its deadline, to the need over NEED_YEARS (a division by 4 is the multiplication by 1/4, exactly)
        aims, gaps, spans = np.empty((2,) + shape), np.empty((2,) + shape), np.empty((years, 2) + shape)
        committed3, need = aims
        committed3[...] = committed[:, None]
        spans[:, 0] = np.maximum(due[:, None] - summit_year - np.arange(1, years + 1)[:, None, None, None] + 1, 1.0)
        spans[:, 1] = NEED_YEARS
        zero, one, peer, w_peer, v_min, decline, moves, quarter = _CONSTANTS
        level, reached = start3.copy(), np.empty(shape)
        rise, peers, planned, will, step, slip, rising, grown, aim = np.empty((9,) + shape)
        moving = np.empty(shape, dtype=bool)
        reviewed = set(reviews.tolist())
        for t in range(1, years + 1):
            np.subtract(level, start3, out=rise)
            total = np.multiply(rise, share3, out=peers).sum(axis=-1, keepdims=True)
            np.subtract(np.multiply(total, peer_total3, out=peers), np.multiply(peer_share3, rise, out=need), out=peers)
            np.add(base_need, np.multiply(peer, peers, out=need), out=need)
            np.divide(np.subtract(aims, level, out=gaps), spans[t - 1], out=gaps)
            np.maximum(gaps[0], gaps[1], out=planned)
            np.minimum(np.maximum(peers, zero, out=will), one, out=will)
            np.minimum(np.maximum(np.add(base_will, np.multiply(w_peer, will, out=will), out=will), v_min, out=will),
                       one, out=will)
            np.minimum(np.maximum(np.multiply(will, planned, out=step), decline, out=step), rise_max, out=step)
            np.greater(step, moves, out=moving)
            np.minimum(np.maximum(noise[t - 1], np.negative(step, out=slip), out=slip),
                       np.multiply(quarter, step, out=aim), out=slip)
            np.add(np.add(level, step, out=grown), slip, out=rising)
            np.minimum(rising, np.maximum(np.maximum(need, committed3, out=aim), level, out=aim), out=rising)
            np.putmask(grown, moving, rising)   # a rising budget as it slipped, level + step otherwise
            np.maximum(grown, zero, out=level)
            if t in reviewed:
                done = reviews == t
                reached[done] = level[done]
        target = np.where(np.isfinite(committed), np.maximum(committed, start), start)
        expected = (target - start) * np.minimum(reviews[:, None] / np.maximum(due - summit_year, 1.0), 1.0)
        return reached - start, expected, reviews


@functools.lru_cache(maxsize=1 << 16)
def own_progress(start: float, committed: float, due: int, summit_year: int, threat: float, share: float, fear: float,
                 fiscal: float, support: float, years: int) -> float:
    """The points of GDP an ally adds in `years` after the summit with this commitment (-inf: none), as the model
    plans it without the slip or the other allies' rise (own_forecast's path, stopped at that year)."""
    need = max(start + PRIVATE * (threat - THREAT_FLOOR), LEVEL * threat) + PUBLIC * share + SELF_HELP * fear * threat
    aim = max(need, committed)
    will = min(max(W_THREAT * threat + W_SIZE * share + W_PRESSURE * fear + W_FISCAL * (fiscal - 0.5)
                   + W_SUPPORT * (support - 0.5), V_MIN), 1.0)
    rise_max = (RISE_MIN + RISE_SPAN * (0.5 * fiscal + 0.5 * support)) * (1.0 + SURGE * fear * threat)
    level = start
    for year in range(summit_year + 1, summit_year + years + 1):
        to_commitment = (committed - level) / max(float(due - year + 1), 1.0)
        step = min(max(will * max(to_commitment, (need - level) / NEED_YEARS), -DECLINE_MAX), rise_max)
        level = min(level + step, max(aim, level)) if step > 1e-9 else level + step
    return max(0.0, level) - start
