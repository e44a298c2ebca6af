"""A member state's leader: defends its budget and its positions, gives ground as the rounds pass, and
keeps company with the allies who pull its way.

- Concession: each round it judges the draft against an aspiration that starts near its ideal and falls
  to the value of no deal by the last round, late for a patient leader (Boulware), early for an impatient
  one (Conceder). A red line is never crossed.
- Isolation: a leader that was one of very few to block the last draft feels the whole alliance's
  pressure, and the less assertive it is, the more ground it gives (each lonely round compounds it).
- Consultations: it asks for what would fix the worst point of the draft: a later deadline for itself
  (a carve-out) when the deadline is what its budget cannot meet, its limit stated once when a red line is
  crossed, otherwise an amendment halfway towards its ideal.
- Pledges: once the draft is acceptable it pledges a national path it can deliver; it answers a threat
  it believes (the threatener's credibility) or a promise from someone it trusts by pledging what was
  asked, when that is within its reach; and it matches the pledges of the allies pulling its way. A pledge
  binds with or without a deal, and the US review judges delivery in both worlds (review.py forecasts it
  from the public record): one nobody asked for is made only when it leaves the draft worth no less against
  no deal than before (under no deal's weaker guarantee allies deliver more of what they pledged, so a
  pledge can lift what no deal will be worth more than what the deal will).
- Trust: when the US has broken its promises, the draft's US guarantee is worth one step less to it.
- Coalitions: in the silence procedure, when allies pulling the same way broke silence on an issue in the
  round before, it stands with them again if the draft is only just good enough for it (no voter sees the
  others' answers while the procedure runs: engine/observation.py).

Everything it knows about the others comes from the public record (see beliefs.py and reputation.py).
"""

from __future__ import annotations

import numpy as np

from ..engine import Action, Amend, AskCarveOut, BreakSilence, Draft, Observation, Pass, Pledge, Statement, Threat
from ..engine.said import OR, Country, Joined, Label, Percent, Said, SaidLater, Term, Value, nvoiced, voiced
from ..scenario import Effect, Issue, Role
from . import beliefs, reputation, review
from .reading import folded
from .base import aspiration as falling_aspiration
from .base import (BaseAgent, describe_stake, expected_level, issue_with, own_deadline, ready_year, speaker, toward,
                   verdict_later)

LONELY = 0.1        # at most this share of the voters objecting (and never more than 3) counts as isolated
MARGIN = 0.05       # "only just good enough": utility within this of the aspiration


class MemberAgent(BaseAgent):
    name = "member"
    description = ("Defends its budget and positions, concedes over the rounds (patience sets how fast), pledges "
                   "what it can deliver, keeps company with allies pulling its way.")

    # ---- deciding together ---------------------------------------------------------------------
    @classmethod
    def act_together(cls, turns):
        """Members moving one after another in consultations or the silence procedure all judge the same
        draft: it, the draft with a weaker US guarantee, and no deal are scored for all of them at once; then
        each decides in turn, exactly as act() would (engine/loop.py)."""
        first = turns.first
        guarantee = issue_with(first, Effect.US_GUARANTEE)
        drafts = [first.draft, first.no_deal]
        if guarantee is not None:
            drafts += [_weaker(draft, guarantee) for draft in drafts]
        for draft in drafts:
            turns.judge(draft)
        shared = _Shared(first, turns.leader_ids, guarantee)
        for agent, observation, rng in turns:
            if type(agent) is MemberAgent:   # a subclass may judge in its own way
                shared.prime(agent, observation)
            yield agent.act(observation, rng)

    # ---- judging -------------------------------------------------------------------------------
    def aspiration(self, observation: Observation) -> float:
        memo = self._memo_about(observation)   # asked several times a decision (a memo, not remembered(): no closure)
        if "aspiration" not in memo:
            memo["aspiration"] = self._aspiration(observation)
        return memo["aspiration"]

    def _aspiration(self, observation: Observation) -> float:
        floor = self.no_deal_utility(observation)
        pressure = 0.7 - 0.4 * self.assertiveness
        lonely = self._memo_about(observation).get("lonely")   # given by act_together for a whole run (_Shared)
        if lonely is None:
            lonely = _lonely_rounds(observation, self.leader_id)
        return floor + (super().aspiration(observation) - floor) * (1.0 - pressure) ** lonely

    def _guarantee_doubt(self, observation: Observation, draft: Draft) -> tuple[float, Draft | None, str | None]:
        """(how far it doubts the US will honour a draft's guarantee 0..1, the draft with the guarantee a
        step weaker, the US leader id): a leader that trusts the US less than half believes a guarantee
        only that far, and values a text (or no deal) as that mix of the written and the weaker guarantee."""
        memo = self._memo_about(observation)
        if "doubt" not in memo:
            memo["doubt"] = self._doubt(observation)
        doubt, guarantee, us = memo["doubt"]
        if guarantee is None:
            return 0.0, None, None
        return doubt, _weaker(draft, guarantee), us

    def _doubt(self, observation: Observation) -> tuple[float, Issue | None, str | None]:
        guarantee = issue_with(observation, Effect.US_GUARANTEE)
        us = _us_president(observation.leaders)
        if guarantee is None or us is None or us == self.leader_id:
            return 0.0, None, None
        trust = reputation.read(observation).of(us).trust(self.trust.get(us, reputation.START))
        return max(0.0, 1.0 - trust / reputation.START), guarantee, us

    def valued(self, observation: Observation, draft: Draft) -> float:
        memo = self._memo_about(observation)
        key = ("valued", draft)
        if key in memo:
            return memo[key]
        doubt, weaker, _ = self._guarantee_doubt(observation, draft)
        utility = observation.utility(draft)
        value = memo[key] = utility if doubt == 0.0 else (1.0 - doubt) * utility + doubt * observation.utility(weaker)
        return value

    def valued_losses(self, observation: Observation, draft: Draft) -> np.ndarray:
        doubt, weaker, _ = self._guarantee_doubt(observation, draft)
        losses = observation.losses(draft)
        return losses if doubt == 0.0 else (1.0 - doubt) * losses + doubt * observation.losses(weaker)

    def no_deal_utility(self, observation: Observation) -> float:
        return self.valued(observation, observation.no_deal)   # remembered there

    def stake(self, observation: Observation, issue_id: str, draft: Draft) -> Said:
        return _stake(observation, issue_id, draft, self._broken_word(observation, issue_id, draft))

    def _stake_later(self, observation: Observation, issue_id: str, draft: Draft) -> Said | SaidLater:
        if type(self).stake is MemberAgent.stake:   # the promises the US broke counted now: the record moves on
            return SaidLater(_stake, observation, issue_id, draft, self._broken_word(observation, issue_id, draft))
        return super()._stake_later(observation, issue_id, draft)

    def _broken_word(self, observation: Observation, issue_id: str, draft: Draft) -> int | None:
        """How many promises the US has broken, when what hurts is a guarantee the draft gives as this leader
        wants it (it doubts the US will honour it); None otherwise."""
        guarantee = issue_with(observation, Effect.US_GUARANTEE)
        if guarantee is None or issue_id != guarantee.id or draft[issue_id] != observation.ideal.get(issue_id):
            return None
        _, _, us = self._guarantee_doubt(observation, draft)
        return int(reputation.read(observation).of(us).broken)

    # ---- the silence procedure -----------------------------------------------------------------
    def silence(self, observation: Observation, rng: np.random.Generator) -> Action:
        accept, issue_id, why = verdict_later(self, observation, observation.draft, rng)
        if not accept:
            return BreakSilence(self.leader_id, why, issue=issue_id, wants=observation.wants(issue_id))
        joined = self._join(observation)
        if joined is not None:
            return joined
        return Pass(self.leader_id, why)

    def _join(self, observation: Observation) -> Action | None:
        """Break silence beside allies pulling the same way who broke silence on the issue last round, if the draft
        is only just good enough."""
        if observation.round >= observation.rounds:
            return None
        draft = observation.draft
        if self.valued(observation, draft) > self.aspiration(observation) + MARGIN:
            return None
        worst = observation.issues[int(np.argmax(self.valued_losses(observation, draft)))]
        if not worst.is_range or worst.id not in observation.ideal:
            return None
        pull = _pull(observation, worst.id, observation.draft)
        if pull == 0:
            return None
        directions = beliefs.directions(observation)
        objected = folded("words", observation, _Words).objections.get(observation.round - 1, ())
        partners = [actor for actor, issue in objected
                    if issue == worst.id and actor != self.leader_id and directions.get((actor, worst.id)) == pull]
        if len(partners) < 2:
            return None
        first, second = (_ally_name(observation, leader_id) for leader_id in partners[:2])
        return BreakSilence(self.leader_id, SaidLater(_standing_with, first, second, observation, worst.id, draft),
                            issue=worst.id, wants=observation.wants(worst.id))

    # ---- consultations -------------------------------------------------------------------------
    def consult(self, observation: Observation, rng: np.random.Generator) -> Action:
        accept, issue_id, why = verdict_later(self, observation, observation.draft, rng)
        if not accept:
            return self._ask(observation, issue_id, why)
        pledge = self._pledge(observation)
        if pledge is not None:
            return pledge
        if rng.random() < 0.3 * self.assertiveness:
            return self._state_limit(observation)
        return Pass(self.leader_id, why)

    def _ask(self, observation: Observation, issue_id: str, why: Said | SaidLater) -> Action:
        draft = observation.draft
        deadline = issue_with(observation, Effect.DEADLINE)
        core = issue_with(observation, Effect.CORE_SPENDING)
        me = observation.ally
        burdened = core is not None and me is not None and me.reports_spending and float(draft[core.id]) > me.defence_pct_gdp
        # A later deadline of its own helps a leader that finds the deadline too soon or the target too high;
        # not one that wants more, sooner (a frontline ally).
        too_much = ((deadline is not None and issue_id == deadline.id and observation.wants(issue_id) == "more")
                    or (core is not None and issue_id == core.id and observation.wants(issue_id) == "less"))
        if deadline is not None and too_much and burdened and observation.legal.get("carve_out") is None:
            year = self._carve_out_year(observation)
            asked = observation.carve_out_requests.get(me.id)
            if year is not None and year != asked and year != draft.carve_out(me.id):
                return AskCarveOut(self.leader_id, SaidLater(_later_deadline, why, me), year=year)
        if issue_id == "carve_outs" or issue_id not in observation.ideal:
            return Pass(self.leader_id, why)
        issue = observation.issue(issue_id)
        ideal, red_line, current = observation.ideal[issue_id], observation.red_line.get(issue_id), draft[issue_id]
        crossed = issue_id in observation.crossed(draft) and red_line is not None
        if crossed and not self._stated_limit(observation, issue_id) and observation.legal.get("statement") is None:
            return self._state_limit(observation, issue_id)
        if crossed and issue.is_range:
            goal = issue.snap(float(red_line))
        else:
            goal = toward(issue, current, ideal, 0.5)
        if goal == current or observation.legal.get("amend") is not None:
            return Pass(self.leader_id, why)
        return Amend(self.leader_id, why, issue=issue_id, value=goal)

    def _carve_out_year(self, observation: Observation) -> int | None:
        """The first year by which this ally's own path reaches the draft's core target (its own spending model,
        asked about itself), no later, and within the deadline's range; None when the common deadline already
        gives it that time."""
        deadline = issue_with(observation, Effect.DEADLINE)
        core = issue_with(observation, Effect.CORE_SPENDING)
        me = observation.ally
        target = float(observation.draft[core.id])
        if target <= me.defence_pct_gdp:
            return None
        year = ready_year(observation, target) or int(deadline.range[1])
        return year if year > float(observation.draft[deadline.id]) else None

    # ---- pledging ------------------------------------------------------------------------------
    def _pledge(self, observation: Observation) -> Action | None:
        """A national path: the draft's target, what a believed demand or allies pulling its way ask, or, for an
        ally that wants more than the target (the frontline), its own ideal; whichever is highest, but never
        more than its own spending model says it will reach by then (it asks the implementation model about
        itself); none when that falls short of the target."""
        core = issue_with(observation, Effect.CORE_SPENDING)
        me = observation.ally
        if core is None or observation.legal.get("pledge") is not None:
            return None
        deadline = own_deadline(observation, observation.draft) or observation.year + 10
        year = int(deadline)
        target = float(observation.draft[core.id])
        demand, asker = self._believed_demand(observation)
        company = self._partners_pledge(observation, core.id, year)
        ideal = observation.ideal.get(core.id)
        wanted = max(target, demand or 0.0, company[0] if company else 0.0,
                     float(ideal) if ideal is not None else 0.0)
        expected = expected_level(observation, wanted, year)
        level = round(min(wanted, expected), 1)   # to the tenth a pledge is stated in
        previous = observation.pledges.get(me.id)
        if level <= me.defence_pct_gdp + 0.05 or level < target - 1e-9:
            return None  # nothing to add, or it cannot promise even the target: it promises nothing it will not do
        if previous is not None and (level < previous[0] or year > previous[1] or (level, year) == previous):
            return None  # the rules take only a more ambitious pledge (higher or sooner, never less)
        if (demand is None or level < demand - 1e-9) and self._costs_the_deal(observation, (float(level), year)):
            return None  # unasked, a pledge that leaves the deal worth less against no deal buys nothing
        reason = SaidLater(_pledging, observation, level, year, demand, asker, company)
        return Pledge(self.leader_id, reason, level=float(level), year=year)

    def _costs_the_deal(self, observation: Observation, pledge: tuple[float, int]) -> bool:
        """Would this pledge leave the draft worth less against no deal than it is now? A pledge binds with or
        without a deal, and the US review judges delivery in both worlds: under no deal's weaker guarantee the
        allies, fearing abandonment, deliver more of what they pledged, so a pledge lifts what no deal will be
        worth more than what the deal will (review.py forecasts both, as valued() weighs a guarantee)."""
        drafts = (observation.draft, observation.no_deal)
        shares = review.forecast(observation, [(draft, pledged) for pledged in (None, pledge) for draft in drafts])
        if shares is None:
            return False
        same = [np.array_equal(shares[i], shares[i + 2]) for i in (0, 1)]
        if all(same):
            return False   # the pledge moves no verdict of the review (the same odds give the same values)
        value = lambda text: self.valued(observation, text)   # noqa: E731
        now = [review.expected(observation, draft, value, shares=odds) for draft, odds in zip(drafts, shares)]
        then = [now[i] if same[i] else review.expected(observation, drafts[i], value, shares=shares[i + 2])
                for i in (0, 1)]
        return then[0] - then[1] < now[0] - now[1] - 1e-9

    def _believed_demand(self, observation: Observation) -> tuple[float | None, str | None]:
        """The highest level a threat it believes, or a promise from someone it trusts, asked of it in this
        round or the last: (level, who asked)."""
        records = reputation.read(observation)
        best: tuple[float | None, str | None] = (None, None)
        for entry in folded("offers", observation, _Offers).to.get(self.leader_id, ()):
            if entry.round < observation.round - 1:
                continue
            action = entry.record["action"]
            if action.get("issue") is not None:
                continue   # a word about the draft, not a demand on this ally's pledge
            record = records.of(entry.actor)
            if action["kind"] == Threat.kind:
                believed = record.credibility >= 0.3 + 0.4 * self.assertiveness
            else:
                believed = record.trust(self.trust.get(entry.actor, reputation.START)) >= 0.4
            if believed and (best[0] is None or action["demand"] > best[0]):
                best = (float(action["demand"]), entry.actor)
        return best

    def _partners_pledge(self, observation: Observation, core_id: str, year: int) -> tuple[float, Country] | None:
        """The highest pledge by an ally pulling the same way on core spending, due no later than `year`."""
        pull = _pull(observation, core_id, observation.draft)
        if pull <= 0:
            return None
        directions = beliefs.directions(observation)
        best = None
        for leader in _pledged(observation):   # the leaders whose ally has pledged, in the table's order
            pledge = observation.pledges[leader.ally]
            if (leader.id != self.leader_id and pledge and pledge[1] <= year + 2
                    and directions.get((leader.id, core_id)) == 1 and (best is None or pledge[0] > best[0])):
                best = (pledge[0], _ally_name(observation, leader.id))
        return best

    # ---- statements ----------------------------------------------------------------------------
    def _stated_limit(self, observation: Observation, issue_id: str) -> bool:
        return any(entry.type == "action" and entry.actor == self.leader_id
                   and entry.record["action"]["kind"] == "statement" and entry.record["action"].get("issue") == issue_id
                   for entry in observation.history)

    def _state_limit(self, observation: Observation, issue_id: str | None = None) -> Action:
        """A statement of where it stands on one issue: the one asked about, else the weightiest issue where
        what is on the table is near what it says (a limit the draft reaches or is about to, an ideal the
        draft does not give). Never the same words as its statement of the round before."""
        weights = observation.weight
        if not weights:
            return Pass(self.leader_id, voiced("Nothing to add."))
        if issue_id is None:
            topical = [key for key in weights if weights[key] > 0 and self._topical(observation, key)]
            if not topical:
                return Pass(self.leader_id, voiced("Has nothing to add while the draft stays clear of its limits."))
            issue_id = max(topical, key=lambda key: (weights[key], key))
        action = self._statement_on(observation, issue_id)
        if self._said_last_round(observation, action.reason):
            return Pass(self.leader_id, voiced("Has said where it stands."))
        return action

    @staticmethod
    def _topical(observation: Observation, issue_id: str) -> bool:
        """Is the draft at or near this leader's limit on the issue (within two steps, or one option), or, with
        no limit, away from its ideal?"""
        issue = observation.issue(issue_id)
        value, red_line, ideal = observation.draft[issue_id], observation.red_line.get(issue_id), observation.ideal[issue_id]
        if red_line is None:
            return value != ideal
        if issue.is_range:
            return abs(float(value) - float(red_line)) <= 2 * issue.step + 1e-9 or issue_id in observation.crossed(observation.draft)
        lines = red_line if isinstance(red_line, tuple) else (red_line,)
        here = issue.position(value)
        return any(abs(here - issue.position(line)) <= 1 for line in lines)

    def _said_last_round(self, observation: Observation, text: str) -> bool:
        return text in folded("words", observation, _Words).statements.get((self.leader_id, observation.round - 1), ())

    def _statement_on(self, observation: Observation, issue_id: str) -> Action:
        issue = observation.issue(issue_id)
        red_line = observation.red_line.get(issue_id)
        fields = {"me": speaker(observation), "issue": Label.of(issue)}
        if red_line is not None and issue.is_range:
            above = float(red_line) > float(observation.ideal[issue_id])
            fields["limit"] = Value.of(issue, red_line)
            text = (voiced("{me_The} can accept {issue} up to {limit}, no further.", **fields) if above else
                    voiced("{me_The} can accept {issue} no less than {limit}, no further.", **fields))
            return Statement(self.leader_id, text, issue=issue_id, limit=red_line,
                             bound="at_most" if above else "at_least")
        if red_line is not None:
            lines = red_line if isinstance(red_line, tuple) else (red_line,)
            fields["values"] = Joined(tuple(Value.of(issue, line) for line in lines), OR)
            text = (voiced("{me_The} will never accept {issue}: {values}.", **fields) if issue.options_written_out else
                    voiced("{me_The} will never accept {issue} {values}.", **fields))
            return Statement(self.leader_id, text, issue=issue_id, limit=lines[0], bound="not")
        return Statement(self.leader_id, voiced("For {me_the}, {issue} matters most: we want {ideal}.",
                                              ideal=Value.of(issue, observation.ideal[issue_id]), **fields),
                         issue=issue_id)


# ---- the sentences, written when read (engine.said.SaidLater): pure functions of what they are given ------------
def _stake(observation: Observation, issue_id: str, draft: Draft, broken: int | None) -> Said:
    """MemberAgent.stake's sentence: its doubt about the US when `broken` counts the US's broken promises (a
    guarantee the draft gives as it wants), else describe_stake's."""
    if broken is None:
        return describe_stake(observation, issue_id, draft)
    guarantee = issue_with(observation, Effect.US_GUARANTEE)
    fields = {"me": speaker(observation), "term": Term.of(guarantee, draft[issue_id])}
    if broken:
        return nvoiced("{me_The} doubts the United States will honour {term}: it has broken {count} promise at "
                       "this table", "{me_The} doubts the United States will honour {term}: it has broken "
                       "{count} promises at this table", broken, **fields)
    return voiced("{me_The} doubts the United States will honour {term}: its word has not been good enough "
                  "before", **fields)


def _standing_with(first: Country, second: Country, observation: Observation, issue_id: str, draft: Draft) -> Said:
    return voiced("Stands with {first_the} and {second_the}: {stake}.", first=first, second=second,
                  stake=describe_stake(observation, issue_id, draft))


def _later_deadline(why: Said, me) -> Said:
    return voiced("{why} A later deadline for {me} alone would let it get there.", why=why, me=Country.ally(me))


def _pledging(observation: Observation, level: float, year: int, demand: float | None, asker: str | None,
              company: tuple[float, Country] | None) -> Said:
    """A pledge's sentence: what its ally expects to reach, and in answer to whom or alongside whom."""
    me = observation.ally
    fields = {"me": Country.ally(me), "now": Percent(me.defence_pct_gdp, 2), "level": Percent(level, 1),
              "year": year}
    if demand and level >= demand - 1e-9:
        return voiced("At the pace its budget and parliament allow, {me} expects to go from {now} today to {level} "
                      "by {year} in answer to {asker_s} demand for {demand}.", asker=_ally_name(observation, asker),
                      demand=Percent(demand, 1), **fields)
    if company and level >= company[0] - 1e-9:
        return voiced("At the pace its budget and parliament allow, {me} expects to go from {now} today to {level} "
                      "by {year}, alongside {partner_the}.", partner=company[1], **fields)
    return voiced("At the pace its budget and parliament allow, {me} expects to go from {now} today to {level} "
                  "by {year}.", **fields)


def _pull(observation: Observation, issue_id: str, draft: Draft) -> int:
    """+1 if this leader wants more than the draft on a range issue, -1 less, 0 neither (or an options issue)."""
    return {"more": 1, "less": -1}.get(observation.wants(issue_id, draft), 0)


_WEAKER: dict[tuple[Draft, int], tuple[Issue, Draft]] = {}


def _weaker(draft: Draft, guarantee: Issue) -> Draft:
    """The draft with the US guarantee one step weaker (the weakest stays as it is); remembered: every member
    asks it of the same few drafts (a draft is a value: equal drafts, the same answer), for the same issue
    (kept by identity: hashing an issue's options would cost more than the answer)."""
    key = (draft, id(guarantee))
    kept = _WEAKER.get(key)
    if kept is None or kept[0] is not guarantee:
        options = tuple(guarantee.options)
        weaker = draft.with_value(guarantee.id, options[min(options.index(draft[guarantee.id]) + 1, len(options) - 1)])
        if len(_WEAKER) > 4096:
            _WEAKER.clear()
        kept = _WEAKER[key] = (guarantee, weaker)
    return kept[1]


class _Offers:
    """The fold of every promise and threat so far, by target, in the order made (see reading.py)."""

    def __init__(self, observation: Observation):
        self.to: dict[str, list] = {}

    def feed(self, entry) -> None:
        if entry.type == "action" and entry.record["action"]["kind"] in (Threat.kind, "promise"):
            self.to.setdefault(entry.record["action"]["target"], []).append(entry)


class _Words:
    """The fold of who objected on what in each round's silence procedure, in order, and of what each leader
    stated in each round (see reading.py): a member asks it at a decision, where reading the round back from the
    record would cost as many steps as there are leaders."""

    def __init__(self, observation: Observation):
        self.objections: dict[int, list[tuple[str, str]]] = {}        # round -> (leader, issue), in order
        self.statements: dict[tuple[str, int], list[str]] = {}        # (leader, round) -> what it stated

    def feed(self, entry) -> None:
        if entry.type != "action":
            return
        action = entry.record["action"]
        if action["kind"] == "break_silence":
            self.objections.setdefault(entry.round, []).append((entry.actor, action["issue"]))
        elif action["kind"] == "statement":
            self.statements.setdefault((entry.actor, entry.round), []).append(entry.data["action"]["reason"])   # written


class _Results:
    """The fold of the rounds' results so far, as the set of who objected in each (see reading.py)."""

    def __init__(self, observation: Observation):
        self.voters = sum(1 for leader in observation.leaders if leader.is_voter)
        self.results: list = []

    def feed(self, entry) -> None:
        if entry.type == "result":
            self.results.append({leader for leader, _ in entry.record.get("objections", [])})


def _lonely_rounds(observation: Observation, leader_id: str) -> int:
    """How many rounds in a row, up to the last one, this leader was among the very few who blocked."""
    fold = folded("results", observation, _Results)
    return _lonely_in(fold.results, min(3, max(1, int(LONELY * fold.voters))), leader_id)


def _lonely_in(results: list, few: int, leader_id: str) -> int:
    count = 0
    for objectors in reversed(results):
        if leader_id in objectors and len(objectors) <= few:
            count += 1
        else:
            break
    return count


class _Shared:
    """What every member of a run (act_together) reads alike, worked out once for the run and put in each
    member's memo for its decision, where act() finds it: how far the US has kept its word (a record changes only
    with its own leader's move in the silence procedure, so a run without the US leaves it as it was) and who
    blocked in each round so far (a round's result comes only after its silence procedure, never inside a run).
    The same numbers act() works out alone (tests/test_phase_at_once.py). Plain floats, member by member: a numpy
    pass over the run's members was measured dearer at a table's size (bench/README.md, the fourth step)."""

    def __init__(self, first: Observation, leader_ids: tuple[str, ...], guarantee: Issue | None):
        us = _us_president(first.leaders)
        self.guarantee, self.us = guarantee, us
        self.doubt_known = guarantee is None or us is None or us not in leader_ids
        self.record = reputation.read(first).of(us) if guarantee is not None and us is not None else None
        fold = folded("results", first, _Results)
        self.results, self.few = list(fold.results), min(3, max(1, int(LONELY * fold.voters)))
        # the run's draft and no deal with a weaker guarantee, asked by every doubting member
        self.weaker = {draft: _weaker(draft, guarantee) for draft in (first.draft, first.no_deal)} if guarantee else {}

    def prime(self, agent: "MemberAgent", observation: Observation) -> None:
        """Put in the member's memo what act() would work out first: its doubt about the US, how lonely it has
        been, and, when its doubt is known, how it values the draft and no deal and its aspiration (the same
        operations in the same order as valued(), _aspiration() and aspiration())."""
        memo = agent._memo_about(observation)
        lonely = memo["lonely"] = _lonely_in(self.results, self.few, agent.leader_id)
        if not self.doubt_known:
            return
        if self.record is None or self.us == agent.leader_id:
            doubt = 0.0
            memo["doubt"] = (0.0, None, None)
        else:
            trust = self.record.trust(agent.trust.get(self.us, reputation.START))
            doubt = max(0.0, 1.0 - trust / reputation.START)
            memo["doubt"] = (doubt, self.guarantee, self.us)
        known, terms = observation._own.known, observation._own.terms   # known: judged for the whole run
        values = []
        for draft in (observation.draft, observation.no_deal):
            utility = (known.get(draft) or terms(draft))[0]
            if doubt != 0.0:
                weaker = self.weaker.get(draft) or _weaker(draft, self.guarantee)
                utility = (1.0 - doubt) * utility + doubt * (known.get(weaker) or terms(weaker))[0]
            memo[("valued", draft)] = utility
            values.append(utility)
        agent.take_traits(observation)   # as act() will: the patience the aspiration falls with
        floor = values[1]
        pressure = 0.7 - 0.4 * agent.assertiveness
        falling = falling_aspiration(observation, agent.patience, floor)
        memo["aspiration"] = floor + (falling - floor) * (1.0 - pressure) ** lonely


_SEATS: dict[int, tuple[tuple, dict]] = {}


def _pledged(observation: Observation) -> list:
    """The leaders (in the table's order) who speak for an ally that has pledged."""
    leaders = observation.leaders
    kept = _SEATS.get(id(leaders))
    if kept is None or kept[0] is not leaders:
        if len(_SEATS) > 256:
            _SEATS.clear()
        speakers: dict[str, list] = {}
        for order, leader in enumerate(leaders):
            if leader.ally:
                speakers.setdefault(leader.ally, []).append((order, leader))
        kept = _SEATS[id(leaders)] = (leaders, speakers)
    speakers = kept[1]
    return [leader for _, leader in sorted(seat for ally in observation.pledges for seat in speakers.get(ally, ()))]


_PRESIDENTS: dict[int, tuple[tuple, str | None]] = {}


def _us_president(leaders: tuple) -> str | None:
    """The US President's leader id at a table, if there is one: looked up once per tuple of leaders (a game's)."""
    kept = _PRESIDENTS.get(id(leaders))
    if kept is None or kept[0] is not leaders:
        if len(_PRESIDENTS) > 256:
            _PRESIDENTS.clear()
        kept = _PRESIDENTS[id(leaders)] = (leaders, next((leader.id for leader in leaders
                                                          if leader.role == Role.US_PRESIDENT), None))
    return kept[1]


def _ally_name(observation: Observation, leader_id: str) -> Country:
    """The country a leader speaks for in a sentence (its ally; itself when it speaks for none)."""
    ally = observation.ally_of(leader_id)
    return Country.ally(ally) if ally is not None else Country.leader(observation.leader(leader_id))
