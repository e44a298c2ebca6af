"""What every built-in agent shares: an aspiration level that falls over the rounds, and the plain
sentences that explain a move in terms of the leader's own positions.

Aspiration follows the time-dependent tactics of Faratin, Sierra and Jennings (1998): from the ideal
(utility 1) at the first round down to the value of no deal at the last, along (t/T)^(1/e). A patient
leader (e < 1, "Boulware") holds out until late; an impatient one (e > 1, "Conceder") gives ground early.
"""

from __future__ import annotations

import math

import numpy as np

from ..engine import Action, Draft, Observation, Pass, Phase, TableDraft
from ..engine.implementation import Commitment, Pressure, own_forecast, rise_limit
from ..engine.said import Country, Number, Percent, Said, SaidLater, Term, Value, voiced, written
from ..scenario import Effect, Issue, Role


def concession_exponent(patience: float) -> float:
    """patience 0 -> 5 (concedes early), 0.5 -> 1 (steadily), 1 -> 0.2 (holds out)."""
    return math.exp(math.log(5.0) * (1.0 - 2.0 * patience))


def ambition(patience: float) -> float:
    """How much of the way from no deal to its ideal a leader asks for at the first round: a leader at a
    table of many knows it will not get everything; the patient ask for more."""
    return 0.3 + 0.4 * patience


def aspiration(observation: Observation, patience: float, no_deal_utility: float) -> float:
    """The least utility this leader will accept in the current round: from its opening ambition at the
    first round down to the value of no deal at the last."""
    if observation.rounds <= 1:
        progress = 1.0
    else:
        progress = (observation.round - 1) / (observation.rounds - 1)
    floor = no_deal_utility
    opening = floor + (1.0 - floor) * ambition(patience)
    return floor + (opening - floor) * (1.0 - progress ** (1.0 / concession_exponent(patience)))


_BY_EFFECT: dict[int, tuple[tuple, dict]] = {}


def issue_with(observation: Observation, effect: Effect) -> Issue | None:
    """The first issue with this effect (None: none), looked up in a table made once per tuple of issues."""
    issues = observation.issues
    kept = _BY_EFFECT.get(id(issues))
    if kept is None or kept[0] is not issues:
        if len(_BY_EFFECT) > 256:
            _BY_EFFECT.clear()
        by_effect: dict = {}
        for issue in issues:
            by_effect.setdefault(issue.effect, issue)
        kept = _BY_EFFECT[id(issues)] = (issues, by_effect)
    return kept[1].get(effect)


def own_deadline(observation: Observation, draft: Draft) -> float | None:
    issue = issue_with(observation, Effect.DEADLINE)
    if issue is None:
        return None
    if observation.ally is not None and draft.carve_out(observation.ally.id):
        return float(draft.carve_out(observation.ally.id))
    return float(draft[issue.id])


def toward(issue: Issue, current, goal, share: float):
    """A value moved share of the way from current to goal, on the issue's grid (options jump)."""
    if not issue.is_range:
        return goal
    moved = issue.snap(float(current) + share * (float(goal) - float(current)))
    if moved == current and goal != current:
        moved = issue.snap(float(current) + math.copysign(issue.step, float(goal) - float(current)))
    return moved


HARD_BARGAINER_PATIENCE = 0.3   # how much later a hard bargainer concedes than its patience says


class BaseAgent:
    """Shared plumbing: a built-in agent answers three questions, one per phase."""

    name = "base"
    description = ""

    def __init__(self, leader_id: str, traits):
        self.leader_id = leader_id
        self.patience = traits.patience
        self.assertiveness = traits.assertiveness
        self.trust = dict(traits.trust)  # leader id -> how far this leader trusts it at the start (0..1)
        self.persona = ""                # read from each observation (the scenario's persona for the leader)

    _memo_for: Observation | None = None   # the observation the memo's answers are about (remembered)
    _memo: dict = {}

    def remembered(self, observation: Observation, key, compute):
        """compute(), worked out once per observation: one decision asks the same question many times (how
        far it trusts the US, how lonely it has been). Only a cache: the answer depends on the observation."""
        memo = self._memo_about(observation)
        if key in memo:
            return memo[key]
        value = memo[key] = compute()
        return value

    def _memo_about(self, observation: Observation) -> dict:
        """The answers remembered about this observation (emptied when another one comes)."""
        if self._memo_for is not observation:
            self._memo_for, self._memo = observation, {}
        return self._memo

    def act(self, observation: Observation, rng: np.random.Generator) -> Action:
        self.take_traits(observation)
        if observation.phase == Phase.DRAFTING:
            return self.draft(observation, rng)
        if observation.phase == Phase.CONSULTATIONS:
            return self.consult(observation, rng)
        return self.silence(observation, rng)

    def take_traits(self, observation: Observation) -> None:
        """The traits this seed draws for the leader (the scenario's spread) replace the scenario's own; a hard
        bargainer concedes later than its patience alone says."""
        self.persona = observation.persona
        self.patience, self.assertiveness = observation.patience, observation.assertiveness
        if self.persona == "hard_bargainer":
            self.patience = min(1.0, self.patience + HARD_BARGAINER_PATIENCE)

    # Defaults: keep the draft, pass, stay silent.
    def draft(self, observation: Observation, rng: np.random.Generator) -> Action:
        if observation.legal.get("table") is None:
            return TableDraft(self.leader_id, voiced("The draft stays as it is."), draft=observation.draft)
        return Pass(self.leader_id, voiced("Nothing to add."))

    def consult(self, observation: Observation, rng: np.random.Generator) -> Action:
        return Pass(self.leader_id, voiced("Nothing to add."))

    def silence(self, observation: Observation, rng: np.random.Generator) -> Action:
        return Pass(self.leader_id, voiced("Accepts the draft."))

    def no_deal_utility(self, observation: Observation) -> float:
        return observation.utility(observation.no_deal)

    def aspiration(self, observation: Observation) -> float:
        return aspiration(observation, self.patience, self.no_deal_utility(observation))

    # How this agent values a draft; an agent that discounts what it does not believe overrides these.
    def valued(self, observation: Observation, draft: Draft) -> float:
        return observation.utility(draft)

    def valued_losses(self, observation: Observation, draft: Draft) -> np.ndarray:
        return observation.losses(draft)

    def stake(self, observation: Observation, issue_id: str, draft: Draft) -> Said:
        return describe_stake(observation, issue_id, draft)

    def _stake_later(self, observation: Observation, issue_id: str, draft: Draft) -> Said | SaidLater:
        """stake()'s sentence: written when read while this class's stake is BaseAgent's (a pure function of the
        observation and the draft), at once when a subclass wrote its own (it may read the agent's state)."""
        if type(self).stake is BaseAgent.stake:
            return SaidLater(describe_stake, observation, issue_id, draft)
        return self.stake(observation, issue_id, draft)


def speaker(observation: Observation) -> Country:
    """How this leader names itself in a sentence: its ally (a template's {me_the} is 'the United States',
    {me_The} 'The United States'), or itself when it speaks for no ally."""
    if observation.ally:
        return Country.ally(observation.ally)
    return Country.leader(observation.leader(observation.leader_id))


def yearly_rise(observation: Observation) -> float:
    """The most this leader's ally can add to its spending in a year (points of GDP): what its budget and
    its parliament will bear."""
    return float(rise_limit(np.array(observation.fiscal_space), np.array(observation.domestic_support)))


_TOTALS: dict[int, tuple[tuple, float]] = {}


def _total_gdp(allies: tuple) -> float:
    """The alliance's GDP, summed once per tuple of allies (a scenario's, or one an event made)."""
    kept = _TOTALS.get(id(allies))
    if kept is None or kept[0] is not allies:
        if len(_TOTALS) > 256:
            _TOTALS.clear()
        kept = _TOTALS[id(allies)] = (allies, sum(ally.gdp_usd_bn for ally in allies))
    return kept[1]


def expected_level(observation: Observation, level: float, year: float, draft: Draft | None = None) -> float:
    """What this leader's ally reaches by `year` if it commits to `level` by then, as the spending model plans
    it (asked about its own ally: its threat, budget, parliament and size, and the fear a draft's weaker US
    guarantee adds)."""
    return _forecast(observation, draft)(level, year)


def _forecast(observation: Observation, draft: Draft | None):
    """expected_level for this observation and draft as a function of (level, year): what does not change with
    them worked out once."""
    draft = observation.draft if draft is None else draft
    me = observation.ally
    guarantee = issue_with(observation, Effect.US_GUARANTEE)
    threat = float(observation.threat)
    weakness = 0.0   # the guarantor fears no abandonment
    if guarantee is not None and observation.role != Role.US_PRESIDENT:
        weakness = Pressure.weakness_of(guarantee.options, draft[guarantee.id])
    share = me.gdp_usd_bn / _total_gdp(observation.allies)
    start, summit_year, fear = me.defence_pct_gdp, observation.year, min(1.0, weakness * threat)
    fiscal, support = float(observation.fiscal_space), float(observation.domestic_support)
    return lambda level, year: own_forecast(start, Commitment(level, int(year)), summit_year, threat, share, fear,
                                            fiscal, support)


def ready_year(observation: Observation, target: float, draft: Draft | None = None) -> int | None:
    """The first year, within the deadline issue's range, by which this ally's own path reaches `target`
    (None: not even by the latest)."""
    deadline = issue_with(observation, Effect.DEADLINE)
    latest = int(deadline.range[1]) if deadline is not None else observation.year + 15
    forecast = _forecast(observation, draft)
    return next((year for year in range(observation.year + 1, latest + 1)
                 if forecast(target, year) >= target - 0.05), None)


def _core_stake(observation: Observation, issue: Issue, draft: Draft) -> Said:
    """Why a core spending target hurts this ally, in points of GDP against what it can raise."""
    me = speaker(observation)
    value, ideal = float(draft[issue.id]), observation.ideal.get(issue.id)
    now = observation.ally.defence_pct_gdp
    red_line = observation.red_line.get(issue.id)
    fields = {"me": me, "value": Value.of(issue, value), "now": Percent(now, 2)}
    if ideal is not None:
        fields["ideal"] = Value.of(issue, ideal)
    if ideal is not None and value < float(ideal):
        if now >= value:
            return voiced("{me_The} already spends {now} of GDP; {value} core lets the others off too lightly; it wants "
                        "{ideal}", **fields)
        return voiced("{value} core is too little for {me_the}; it wants {ideal}", **fields)
    deadline = own_deadline(observation, draft)
    if deadline:
        fields["year"] = _year(deadline)
    reach = expected_level(observation, value, deadline or observation.year + 10, draft)
    fields["more"] = Number(value - now, 1)
    if red_line is not None and value > float(red_line):
        fields["limit"] = Value.of(issue, red_line)
        if deadline:
            return voiced("{value} core by {year} is past {me_s} limit of {limit}: {more} points of GDP more than the "
                        "{now} it spends today", **fields)
        return voiced("{value} core is past {me_s} limit of {limit}: {more} points of GDP more than the {now} it spends "
                    "today", **fields)
    if reach < value - 0.05:
        fields["reach"] = Percent(reach, 1)
        if deadline:
            return voiced("{value} core by {year} is more than {me_the} can deliver: at the pace its budget and "
                        "parliament allow it goes from {now} today to {reach} by {year}", **fields)
        return voiced("{value} core is more than {me_the} can deliver: at the pace its budget and parliament allow it "
                    "goes from {now} today to {reach}", **fields)
    if deadline and ideal is not None:
        return voiced("{value} core by {year} is within {me_s} reach ({more} points above today's {now}), but costly; "
                    "it wants {ideal}", **fields)
    if deadline:
        return voiced("{value} core by {year} is within {me_s} reach ({more} points above today's {now}), but costly",
                    **fields)
    if ideal is not None:
        return voiced("{value} core is within {me_s} reach ({more} points above today's {now}), but costly; it wants "
                    "{ideal}", **fields)
    return voiced("{value} core is within {me_s} reach ({more} points above today's {now}), but costly", **fields)


def _year(value: float) -> int:
    """A year as the sentences write it (a deadline may be a float on the issue's scale)."""
    return int(f"{value:.0f}")


def describe_stake(observation: Observation, issue_id: str, draft: Draft) -> Said:
    """Why an issue of the draft hurts this leader, in its own terms (no final full stop)."""
    issue = observation.issue(issue_id) if issue_id != "carve_outs" else None
    me = speaker(observation)
    if issue is None:
        return voiced("{me_The} cannot accept the carve-outs as drafted", me=me)
    value = draft[issue.id]
    ideal = observation.ideal.get(issue.id)
    red_line = observation.red_line.get(issue.id)
    if issue.effect == Effect.CORE_SPENDING and observation.ally is not None and observation.ally.reports_spending:
        return _core_stake(observation, issue, draft)
    if issue.effect == Effect.DEADLINE and ideal is not None:
        mine = own_deadline(observation, draft) or float(value)
        fields = {"me": me, "year": _year(mine), "ideal": Value.of(issue, ideal)}
        if mine < float(ideal):
            core = issue_with(observation, Effect.CORE_SPENDING)
            ally = observation.ally
            if core is not None and ally is not None and ally.reports_spending and float(draft[core.id]) > ally.defence_pct_gdp:
                ready = ready_year(observation, float(draft[core.id]), draft)
                target = Value.of(core, draft[core.id])
                if ready is None:
                    return voiced("a deadline of {year} is too soon for {me_the}: at the pace its budget and parliament "
                                "allow it does not reach {target} even by {latest}", target=target,
                                latest=Value.of(issue, issue.range[1]), **fields)
                if ready > mine:
                    return voiced("a deadline of {year} is too soon for {me_the}: at the pace its budget and parliament "
                                "allow it reaches {target} only by {ready}", target=target, ready=ready, **fields)
            return voiced("a deadline of {year} is too soon for {me_the}; it wants {ideal}", **fields)
        return voiced("a deadline of {year} is too late for {me_the}: the threat will not wait; it wants {ideal}", **fields)
    if red_line is not None and not issue.is_range:
        lines = red_line if isinstance(red_line, tuple) else (red_line,)
        if value in lines and issue.id in observation.crossed(draft):   # not while a linked condition lifts it
            return voiced("{me_The} will never accept {term}", me=me, term=Term.of(issue, value))
    if ideal is None:
        return voiced("{me_The} objects to {term}", me=me, term=Term.of(issue, value))
    return voiced("{me_The} wants {term}, not {value}", me=me, term=Term.of(issue, ideal), value=Value.of(issue, value))


def with_red_line(observation: Observation, issue_id: str, stake: Said) -> Said:
    """The stake (describe_stake's) as a sentence that names the red line the draft crosses: '... (its red line:
    at most 3.5% GDP).' for a range issue, '... (a red line).' for an option; a stake that names its limit
    already ('past Spain's limit of ...') as it is."""
    if "limit of" in stake:
        return voiced("{stake}.", stake=stake)
    issue = observation.issue(issue_id) if issue_id != "carve_outs" else None
    red_line, ideal = observation.red_line.get(issue_id), observation.ideal.get(issue_id)
    if issue is None or red_line is None or not issue.is_range or ideal is None:
        return voiced("{stake} (a red line).", stake=stake)
    upper = float(red_line) > float(ideal)
    limit = Value.of(issue, red_line)
    if issue.effect == Effect.DEADLINE:
        if upper:
            return voiced("{stake} (its red line: no later than {limit}).", stake=stake, limit=limit)
        return voiced("{stake} (its red line: no sooner than {limit}).", stake=stake, limit=limit)
    if upper:
        return voiced("{stake} (its red line: at most {limit}).", stake=stake, limit=limit)
    return voiced("{stake} (its red line: at least {limit}).", stake=stake, limit=limit)


def _red_line_stake(observation: Observation, issue_id: str, draft: Draft) -> Said:
    return with_red_line(observation, issue_id, describe_stake(observation, issue_id, draft))


def _good_enough(utility: float, no_deal: float) -> Said:
    return voiced("The draft is good enough: {utility}/100 against {no_deal} for no deal.",
                  utility=int(round(100 * utility)), no_deal=int(round(100 * no_deal)))


def _full_stop(stake: Said) -> Said:
    return voiced("{stake}.", stake=stake)


def verdict(agent: BaseAgent, observation: Observation, draft: Draft,
            rng: np.random.Generator) -> tuple[bool, str | None, Said]:
    """(accept?, the issue objected to, one sentence why) for this leader and draft, as the agent values
    it (agent.valued: its utility, perhaps discounted for promises it does not believe)."""
    accept, issue_id, why = verdict_later(agent, observation, draft, rng)
    return accept, issue_id, written(why)


def verdict_later(agent: BaseAgent, observation: Observation, draft: Draft,
                  rng: np.random.Generator) -> tuple[bool, str | None, Said | SaidLater]:
    """verdict(), its sentence written when read (a SaidLater, from numbers worked out now): the reason of the
    built-in agents' moves, which a batch of games never reads (engine/actions.py)."""
    crossed = observation.crossed(draft)
    if crossed:
        return False, crossed[0], SaidLater(_red_line_stake, observation, crossed[0], draft)
    utility = agent.valued(observation, draft)
    # Doubt about where its own line lies, which fades as the end nears: in the last round a leader takes any
    # draft it values above no deal.
    noise = rng.normal(0.0, 0.015)
    wanted = agent.aspiration(observation) + (noise if observation.round < observation.rounds else 0.0)
    if utility + 1e-9 >= min(wanted, 1.0):
        return True, None, SaidLater(_good_enough, utility, agent.no_deal_utility(observation))
    losses = np.array(agent.valued_losses(observation, draft), dtype=float)
    deadline = issue_with(observation, Effect.DEADLINE)
    ally = observation.ally
    if deadline is not None and ally is not None and draft.carve_out(ally.id) and \
            observation.carve_out_requests.get(ally.id) == draft.carve_out(ally.id):
        # a deadline later than it would like, but the one it asked for itself: not a grievance to voice
        col = next(index for index, issue in enumerate(observation.issues) if issue is deadline)
        if losses.sum() - losses[col] > 1e-12:
            losses[col] = 0.0
    worst = int(np.argmax(losses))
    issue_id = observation.issues[worst].id
    return False, issue_id, SaidLater(_full_stop, agent._stake_later(observation, issue_id, draft))
