"""The bilateral protocol: Rubinstein's alternating offers between two sides over one pie.

Round t counts from 0 (it is the number of rounds of delay). In each round one side proposes a split
(`Offer`: the share it keeps) and the other accepts or rejects it (`Respond`). `first` proposes in even
rounds, the other side in odd ones. An offer accepted in round t is worth share * d**t to each side, d
being that side's own discount factor; after `max_rounds` rejected offers both sides get 0. The horizon is
finite, so the subgame-perfect play is found by backward induction (`subgame_perfect_share`); Rubinstein's
infinite-horizon share (`rubinstein_share`) is its limit as `max_rounds` grows.

`BilateralGame` answers the same questions as the summit's `Game` (new_initial_state, current_actor,
observe, agent_rng, why_illegal, legal_kinds, apply), so `loop.play` and `summit run` drive both.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from dataclasses import dataclass
from typing import Any

from ..i18n import _, msg, ngettext, percent, using
from ..scenario import Issue, Scenario
from . import rng
from .actions import REASON_MAX, Action, IllegalActionError, Offer, Respond, action_from_json, reason_fits
from .state import LogEntry, Story

KINDS = ("offer", "respond")


class Stage(str, enum.Enum):
    OFFER = "offer"        # the round's proposer names a split
    RESPOND = "respond"    # the other side accepts or rejects it
    OVER = "over"


class Ending(str, enum.Enum):
    AGREED = "agreed"              # an offer was accepted
    NO_AGREEMENT = "no_agreement"  # max_rounds offers were all rejected: both sides get 0


@dataclass(frozen=True)
class BilateralState(Story):
    round: int                       # t, from 0
    stage: Stage
    offer: float | None = None       # the share the proposer keeps, while a response is due (or once agreed)
    history: tuple[LogEntry, ...] = ()
    termination: Ending | None = None


@dataclass(frozen=True)
class BilateralObservation:
    """What a side sees. Information is complete, as in Rubinstein's model: both discount factors are public."""

    leader_id: str
    other_id: str
    first: str
    round: int
    max_rounds: int
    stage: Stage
    proposer: str                    # who proposes this round
    offer: float | None              # the share the proposer keeps, while a response is due
    discount: float                  # own discount factor per round
    other_discount: float
    issue: Issue
    history: tuple[LogEntry, ...]
    legal: dict[str, str | None]

    @property
    def offers_left(self) -> int:
        """Offers still to come, counting this round's: after the last one is rejected both sides get 0."""
        return self.max_rounds - self.round

    @property
    def offered_to_me(self) -> float | None:
        """The share the offer on the table leaves to this side (None when no offer is on the table)."""
        return None if self.offer is None else 1.0 - self.offer


class BilateralGame:
    def __init__(self, scenario: Scenario, seed: int = 0):
        if not scenario.is_bilateral:
            raise ValueError(msg("{scenario} does not use the bilateral protocol", scenario=scenario.id))
        if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**63:
            raise ValueError(msg("seed must be a whole number from 0 to 2**63-1, found {seed!r}", seed=seed))
        protocol = scenario.protocol
        self.scenario = scenario
        self.seed = seed
        self.first = protocol.first
        self.second = next(leader.id for leader in scenario.leaders if leader.id != protocol.first)
        self.discount = dict(protocol.discount)
        self.max_rounds = protocol.max_rounds
        self.issue = scenario.issues[0]

    # ----- set-up and turns ---------------------------------------------------------------------
    def new_initial_state(self) -> BilateralState:
        return BilateralState(round=0, stage=Stage.OFFER)

    def proposer(self, round_: int) -> str:
        return self.first if round_ % 2 == 0 else self.second

    def other(self, leader_id: str) -> str:
        return self.second if leader_id == self.first else self.first

    def current_actor(self, state: BilateralState) -> str | None:
        if state.is_terminal:
            return None
        proposer = self.proposer(state.round)
        return proposer if state.stage == Stage.OFFER else self.other(proposer)

    def observe(self, state: BilateralState, leader_id: str) -> BilateralObservation:
        other = self.other(leader_id)
        return BilateralObservation(
            leader_id=leader_id, other_id=other, first=self.first, round=state.round, max_rounds=self.max_rounds,
            stage=state.stage, proposer=self.proposer(state.round),
            offer=state.offer if state.stage == Stage.RESPOND else None,
            discount=self.discount[leader_id], other_discount=self.discount[other], issue=self.issue,
            history=state.history, legal=self.legal_kinds(state, leader_id))

    def agent_rng(self, state: BilateralState, leader_id: str):
        """The random stream for one side's decision at this moment of the game."""
        return rng.stream(self.seed, "agent", leader_id, state.step)

    # ----- legality -----------------------------------------------------------------------------
    def _name(self, leader_id: str) -> str:
        return self.scenario.leader(leader_id).name

    def _shown(self, leader_id: str):
        """A side's name as a field of a reason: in the language in use where it is shown."""
        from .narrate import Later, shown_text
        return Later(shown_text, self.scenario.leader(leader_id).name)

    def legal_kinds(self, state: BilateralState, leader_id: str) -> dict[str, str | None]:
        """Each kind of action -> None when the side may take it now, else why not."""
        actor = self.current_actor(state)
        kinds: dict[str, str | None] = {}
        for kind in KINDS:
            if state.is_terminal:
                kinds[kind] = msg("the negotiation is over")
            elif leader_id != actor:
                kinds[kind] = msg("wait for {leader}'s turn", leader=self._shown(actor))
            elif kind != state.stage.value:
                kinds[kind] = (msg("an offer is due, not a response") if state.stage == Stage.OFFER
                               else msg("respond to {leader}'s offer first", leader=self._shown(self.proposer(state.round))))
            else:
                kinds[kind] = None
        return kinds

    def why_illegal(self, state: BilateralState, action: Action) -> str | None:
        """Why an action may not be taken now, in plain words; None when it is legal."""
        if state.is_terminal:
            return msg("the negotiation is over")
        if action.actor not in self.discount:
            return msg("there is no side {side!r} in this negotiation", side=action.actor)
        current = self.current_actor(state)
        if action.actor != current:
            return msg("it is {current}'s turn, not {leader}'s", current=self._shown(current),
                       leader=self._shown(action.actor))
        if not reason_fits(action):
            return msg("a reason is one sentence of text (at most {most} characters)", most=REASON_MAX)
        if not isinstance(action, (Offer, Respond)):
            return msg("the bilateral protocol knows only offers and responses, not {kind!r}", kind=action.kind)
        blocked = self.legal_kinds(state, action.actor)[action.kind]
        if blocked:
            return blocked
        if isinstance(action, Offer):
            share = action.share
            if isinstance(share, bool) or not isinstance(share, (int, float)) or not math.isfinite(share):
                return msg("a share is a number from 0 to 1, not {share!r}", share=share)
            if not 0.0 <= share <= 1.0:
                return msg("a share lies between 0 and 1 (the whole pie), found {share:g}", share=share)
        elif not isinstance(action.accept, bool):
            return msg("a response accepts (true) or rejects (false), not {accept!r}", accept=action.accept)
        return None

    # ----- applying -----------------------------------------------------------------------------
    def apply(self, state: BilateralState, action: Action) -> BilateralState:
        """The state after action; raises IllegalActionError (with the reason) if it is not legal."""
        problem = self.why_illegal(state, action)
        if problem:
            raise IllegalActionError(problem)
        t = state.round
        entry = LogEntry(t, state.stage.value, "action", action.actor, self._describe(state, action),
                         {"action": action.to_json(False)})   # the reason's template: when the line is written
        history = state.history + (entry,)
        if isinstance(action, Offer):
            return dataclasses.replace(state, stage=Stage.RESPOND, offer=float(action.share), history=history)
        proposer = self.proposer(t)
        if action.accept:
            shares = self.shares(proposer, state.offer)
            payoffs = {side: shares[side] * self.discount[side] ** t for side in shares}
            text = (f"Agreed in round {t}: " + ", ".join(
                f"{self._name(side)} gets {_pct(shares[side])} of the pie, worth {_pct(payoffs[side])} today"
                for side in (self.first, self.second)) + ".")
            result = LogEntry(t, Stage.OVER.value, "result", None, text,
                              {"result": "agreed", "shares": shares, "payoffs": payoffs})
            return dataclasses.replace(state, stage=Stage.OVER, history=history + (result,),
                                       termination=Ending.AGREED)
        if t + 1 >= self.max_rounds:
            text = f"No agreement after {self.max_rounds} rounds: neither side gets anything."
            result = LogEntry(t, Stage.OVER.value, "result", None, text, {"result": "no_agreement"})
            return dataclasses.replace(state, stage=Stage.OVER, offer=None, history=history + (result,),
                                       termination=Ending.NO_AGREEMENT)
        return dataclasses.replace(state, round=t + 1, stage=Stage.OFFER, offer=None, history=history)

    def shares(self, proposer: str, kept: float) -> dict[str, float]:
        """Each side's share of the pie when proposer keeps `kept`."""
        return {proposer: kept, self.other(proposer): 1.0 - kept}

    def _describe(self, state: BilateralState, action: Action) -> str:
        """The log's sentence for a move: English in every language."""
        with using("en"):
            return self._tell(action, state.round, state.offer)

    def _tell(self, action: Action, round_: int, offer: float | None) -> str:
        """A move in the language in use, the agent's reason after a dash (narrate.shown_reason)."""
        fields = {"me": shown_name(self.scenario, action.actor),
                  "other": shown_name(self.scenario, self.other(action.actor))}
        if isinstance(action, Offer):
            text = _("{me} offers {kept} of the pie to itself and {given} to {other}").format(
                kept=percent(100 * action.share), given=percent(100 * (1.0 - action.share)), **fields)
        else:
            fields["left"] = percent(100 * (1.0 - offer))
            if action.accept:
                text = _("{me} accepts {other}'s offer, which leaves it {left}").format(**fields)
            elif round_ + 1 < self.max_rounds:
                text = _("{me} rejects {other}'s offer, which leaves it {left}; {me} proposes next round").format(**fields)
            else:
                text = _("{me} rejects {other}'s offer, which leaves it {left}").format(**fields)
        from .narrate import shown_reason

        reason = shown_reason(self.scenario, action.reason).strip()
        return _("{text} - {reason}").format(text=text, reason=reason) if reason else _("{text}.").format(text=text)

    def tell(self, entry: LogEntry, history: tuple[LogEntry, ...]) -> str:
        """A log entry in the language in use, written from its data (in English, the log's text byte for byte)."""
        if entry.type == "action":
            action = action_from_json(entry.data["action"])
            before = history[:next((i for i, e in enumerate(history) if e is entry), len(history))]
            offers = [e for e in before if e.type == "action" and e.data["action"]["kind"] == "offer"]
            offer = offers[-1].data["action"]["share"] if offers else None
            return self._tell(action, entry.round, offer)
        if entry.type == "result" and entry.data.get("result") == "agreed":
            shares, payoffs = entry.data["shares"], entry.data["payoffs"]
            return _("Agreed in round {round}: {first}, {second}.").format(round=entry.round, **{
                key: _("{side} gets {share} of the pie, worth {payoff} today").format(
                    side=shown_name(self.scenario, side), share=percent(100 * shares[side]),
                    payoff=percent(100 * payoffs[side])) for key, side in (("first", self.first), ("second", self.second))})
        if entry.type == "result":
            return ngettext("No agreement after {count} round: neither side gets anything.",
                            "No agreement after {count} rounds: neither side gets anything.", self.max_rounds).format(
                count=self.max_rounds)
        return entry.text


def _pct(share: float) -> str:
    return f"{100 * share:.1f}%"


def shown_name(scenario: Scenario, leader_id: str) -> str:
    """A leader's name as the scenario gives it in the language in use (narrate.shown_text)."""
    from .narrate import shown_text

    return shown_text(scenario.leader(leader_id).name)


def rubinstein_share(d_first: float, d_second: float) -> float:
    """The first mover's share in the subgame-perfect equilibrium of the infinite-horizon game:
    (1 - d2) / (1 - d1 d2) (Rubinstein 1982); the limit of `subgame_perfect_share` as the horizon grows."""
    return (1.0 - d_second) / (1.0 - d_first * d_second)


def subgame_perfect_share(d_proposer: float, d_responder: float, horizon: int) -> float:
    """The share the proposer keeps in the subgame-perfect equilibrium when `horizon` offers are left, counting
    its own (after the last rejected offer both sides get 0), by backward induction.

    With k offers left the responder gets, by rejecting, what it keeps as proposer with k - 1 offers left,
    discounted one round by its own factor; the proposer offers exactly that and keeps the rest:
        x(1) = 1,    x(k) = 1 - d_r * x'(k - 1),
    x' being the other side's share as proposer (the roles swap each round). With 0.9 (first mover) and 0.8
    the first mover keeps 1, 0.2, 0.92, ... for 1, 2, 3, ... offers, tending to (1 - d2) / (1 - d1 d2).
    `horizon` 0 (no offer left) gives 0.
    """
    if isinstance(horizon, bool) or not isinstance(horizon, int) or horizon < 0:
        raise ValueError(f"the horizon is a whole number of offers, 0 or more, found {horizon!r}")
    kept = 0.0                                  # x(0): nothing left to propose
    before = (None, None)                       # x(k - 2), x(k - 1)
    for k in range(1, horizon + 1):
        # With k offers left the proposer is the one proposing now when horizon - k is even.
        d_r = d_responder if (horizon - k) % 2 == 0 else d_proposer
        kept, before = 1.0 - d_r * kept, (before[1], kept)
        if kept == before[0]:
            # Two rounds brought back the same float: from here on the values alternate, so the result is
            # the one of the same parity (exactly what the rest of the loop would give, without running it).
            return kept if (horizon - k) % 2 == 0 else before[1]
    return kept


@dataclass(frozen=True)
class BilateralOutcome:
    scenario: str
    seed: int
    termination: Ending
    round: int | None                 # the round of agreement (t, from 0), None without one
    rounds_played: int                # offers made
    first: str
    discount: dict[str, float]
    shares: dict[str, float]          # share of the pie per side (0 each without agreement)
    payoffs: dict[str, float]         # share * own discount ** round

    @property
    def agreed(self) -> bool:
        return self.termination == Ending.AGREED

    @property
    def rubinstein_first_share(self) -> float:
        second = next(side for side in self.discount if side != self.first)
        return rubinstein_share(self.discount[self.first], self.discount[second])

    def to_json(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "protocol": "bilateral",
            "agreed": self.agreed,
            "termination": self.termination.value,
            "round": self.round,
            "rounds_played": self.rounds_played,
            "first": self.first,
            "discount": dict(self.discount),
            "shares": {side: round(value, 6) for side, value in self.shares.items()},
            "payoffs": {side: round(value, 6) for side, value in self.payoffs.items()},
            "rubinstein_first_share": round(self.rubinstein_first_share, 6),
        }


def outcome(game: BilateralGame, state: BilateralState) -> BilateralOutcome:
    """The outcome of a finished bilateral game (ValueError if it is not finished)."""
    if not state.is_terminal:
        raise ValueError("the game is not over yet")
    sides = (game.first, game.second)
    offers = sum(1 for entry in state.history if entry.type == "action" and entry.phase == Stage.OFFER.value)
    if state.termination == Ending.AGREED:
        shares = game.shares(game.proposer(state.round), state.offer)
        shares = {side: shares[side] for side in sides}
        payoffs = {side: shares[side] * game.discount[side] ** state.round for side in sides}
        agreed_round = state.round
    else:
        shares = payoffs = {side: 0.0 for side in sides}
        agreed_round = None
    return BilateralOutcome(scenario=game.scenario.id, seed=game.seed, termination=state.termination,
                            round=agreed_round, rounds_played=offers, first=game.first,
                            discount={side: game.discount[side] for side in sides}, shares=shares, payoffs=payoffs)


def account(game: BilateralGame, state: BilateralState, result: BilateralOutcome) -> str:
    """The readable account `summit run` prints for a bilateral game: the moves, then the split."""
    from .narrate import shown_text

    scenario = game.scenario
    names = {side: shown_name(scenario, side) for side in (game.first, game.second)}
    factors = ", ".join(f"{names[side]} {_factor(result.discount[side])}" for side in names)
    lines = [_("{title} ({scenario}), seed {seed}").format(title=shown_text(scenario.title), scenario=scenario.id,
                                                           seed=result.seed),
             ngettext("Alternating offers: {first} proposes first; discount factors per round {factors}; at most "
                      "{count} round.",
                      "Alternating offers: {first} proposes first; discount factors per round {factors}; at most "
                      "{count} rounds.", game.max_rounds).format(first=names[game.first], factors=factors,
                                                                  count=game.max_rounds), ""]
    for entry in state.history:
        prefix = "  = " if entry.type == "result" else "  " + _("[round {round}]").format(round=entry.round) + " "
        lines.append(prefix + game.tell(entry, state.history))
    lines += ["", "=" * 78]
    if result.agreed:
        lines.append(_("AGREED in round {round}.").format(round=result.round))
        share_word, payoff_word = _("share"), _("discounted payoff")
        for side in names:
            lines.append(f"  {names[side]:30} {share_word} {percent(100 * result.shares[side]):>6}   "
                         f"{payoff_word} {percent(100 * result.payoffs[side]):>6}")
    else:
        lines.append(ngettext("NO AGREEMENT after {count} offer: both sides get 0.",
                              "NO AGREEMENT after {count} offers: both sides get 0.", result.rounds_played).format(
            count=result.rounds_played))
    second = game.other(game.first)
    finite = subgame_perfect_share(game.discount[game.first], game.discount[second], game.max_rounds)
    lines.append(_("Subgame-perfect share for the first mover, {first}, with at most {count} offers (backward "
                   "induction): {share}.").format(first=names[game.first], count=game.max_rounds,
                                                   share=percent(100 * finite)))
    lines.append(_("Rubinstein's infinite-horizon share for the first mover: (1 - d2) / (1 - d1 d2) = {share}.").format(
        share=percent(100 * result.rubinstein_first_share)))
    return "\n".join(lines)


def _factor(value: float) -> str:
    """A discount factor as Python's :g writes it, with the language's decimal sign ("0.9" / "0,9")."""
    from .narrate import ungrouped

    text = f"{value:g}"
    return ungrouped(float(text), len(text.partition(".")[2])) if "e" not in text else text


def make_game(scenario: Scenario, seed: int = 0):
    """The rules a scenario's protocol calls for: a BilateralGame, or the summit's Game."""
    from .game import Game

    return BilateralGame(scenario, seed) if scenario.is_bilateral else Game(scenario, seed)


def outcome_of(game, state):
    """The outcome of a finished game under either protocol."""
    from .outcome import outcome as summit_outcome

    return outcome(game, state) if isinstance(game, BilateralGame) else summit_outcome(game, state)
