"""What one leader sees: the public record and its own preferences, never the others' positions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import weakref
from typing import Any, Protocol

import numpy as np

from ..scenario import Ally, Issue, Leader, Role, Scenario
from .draft import Draft
from .preferences import OwnPreferences, Preferences
from .state import GameState, LogEntry, Phase


class Rules(Protocol):
    """What an observation asks of the rules (engine.game.Game provides it). Named here so that this
    module does not refer back to the module that builds observations."""

    scenario: Scenario
    public_leaders: tuple["PublicLeader", ...]
    pen_holder: str | None
    issue_ids: tuple[str, ...]
    deadline_issue: Issue | None
    public_rules: "PublicRules"
    _observed: dict   # Observation's own cache of each leader's constants (see _constants)
    _sealed_view: tuple   # (a record, what a voter sees of it in the silence procedure), the last asked (_sealed)

    def leader(self, leader_id: str) -> Leader: ...
    def ally(self, ally_id: str) -> Ally: ...
    def public_leader(self, leader_id: str) -> "PublicLeader": ...
    def own_positions(self, leader_id: str, overrides: tuple) -> tuple[dict, dict, dict]: ...
    def status_quo(self) -> Draft: ...
    def no_deal_terms(self) -> Draft: ...
    def as_mapping(self, values: Any) -> Mapping: ...
    def legal_kinds(self, state: GameState, leader_id: str) -> dict[str, str | None]: ...
    def legal_kind(self, state: GameState, leader_id: str, kind: str) -> str | None: ...
    def preferences(self, overrides: tuple = ()) -> Preferences: ...
    def scenario_now(self, state: GameState) -> Scenario: ...
    def traits(self, leader_id: str) -> Any: ...


_ASKED: dict[int, tuple] = {}   # id(LegalKinds) -> (its weak reference, game, state, leader id), while it lives


class LegalKinds(Mapping):
    """Each kind of action -> None when the leader may take one now, else why not (Rules.legal_kinds), each
    kind worked out when first asked (Rules.legal_kind): most decisions look at one or two kinds, or none. What
    it needs to work that out (the game and its state) waits in a table of this module, not in the object, so
    that nothing reachable from an observation leads to the game; the entry goes when the object does. The entry
    leads back to nothing that may hold the object: the game by a weak reference, the moment without its record
    (which no rule of legality reads). A record holds the moves' unwritten reasons, which hold the observations
    they were decided from, so an entry holding either would keep every game played alive through this table
    for as long as the process runs. Asked after its game is gone, it says so (RuntimeError)."""

    __slots__ = ("_kinds", "_whole", "__weakref__")

    def __init__(self, game: "Rules", state: GameState, leader_id: str):
        self._kinds: dict[str, str | None] = {}
        self._whole = False
        key = id(self)
        if state.history:
            state = state.evolve(history=())
        _ASKED[key] = (weakref.ref(self, lambda _, key=key, asked=_ASKED: asked.pop(key, None)), weakref.ref(game),
                       state, leader_id)

    def _asked(self) -> tuple:
        """(the game, the moment, the leader) this object answers about."""
        _, game, state, leader_id = _ASKED[id(self)]
        game = game()
        if game is None:
            raise RuntimeError("the legal moves of an observation whose game is over and gone are no longer known")
        return game, state, leader_id

    def _all(self) -> dict[str, str | None]:
        if not self._whole:
            game, state, leader_id = self._asked()
            self._kinds, self._whole = game.legal_kinds(state, leader_id), True
        return self._kinds

    def __getitem__(self, kind: str) -> str | None:
        kinds = self._kinds
        if kind in kinds or self._whole:
            return kinds[kind]
        game, state, leader_id = self._asked()
        why = kinds[kind] = game.legal_kind(state, leader_id, kind)
        return why

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


@dataclass(frozen=True)
class PublicLeader:
    """What everyone knows about a leader."""

    id: str
    name: str
    role: Role
    ally: str | None
    votes: bool = True   # False: seated without a vote (a partner, a candidate)

    @property
    def is_voter(self) -> bool:
        return self.role != Role.SECRETARY_GENERAL and self.votes


@dataclass(frozen=True)
class PublicRules:
    """What every leader may know of the game's rules, shared by every observation of one game (and telling one
    game's record from another's: agents/reading.py)."""

    issue_ids: tuple[str, ...]
    deadline_issue: Issue | None
    leaders: Mapping[str, PublicLeader]
    red_line_events: Mapping[str, tuple[tuple[str, str], ...]]   # event id -> (leader, issue) red lines it changes
    implementation_years: int = 10                 # the years the spending model runs after the summit
    us_review: tuple[float, float] = (0.9, 0.7)    # the US review's keep_at and reduce_below (docs/model.md)


@dataclass(frozen=True)
class Observation:
    leader_id: str
    role: Role
    ally: Ally | None
    round: int
    rounds: int
    phase: Phase
    year: int
    draft: Draft
    round_start_draft: Draft
    status_quo: Draft                      # the draft before anyone tabled one
    no_deal: Draft
    issues: tuple[Issue, ...]
    allies: tuple[Ally, ...]
    leaders: tuple[PublicLeader, ...]
    pen_holder: str | None
    pledges: Mapping[str, tuple[float, int]]   # read-only
    carve_out_requests: Mapping[str, int]      # read-only
    history: tuple[LogEntry, ...]
    legal: Mapping[str, str | None]        # kind -> None if allowed now, else why not
    ideal: dict[str, float | str]          # own positions after events
    red_line: dict[str, object]
    weight: dict[str, float]               # normalised
    threat: float | None                   # own ally's values after events
    fiscal_space: float | None
    domestic_support: float | None
    full_information: bool                 # a teaching option: everyone's positions are public
    patience: float                        # own traits, as this seed draws them (the scenario's spread)
    assertiveness: float
    carve_out_cost: float                  # what each carve-out costs the allies that pay on time (utility)
    persona: str                           # own persona (the scenario's, or the role's default)
    _own: OwnPreferences                   # this leader's own preferences: nothing about anyone else
    _rules: PublicRules
    _everyone: Preferences | None          # every leader's, only under full information

    @property
    def implementation_years(self) -> int:
        """The years the spending model runs after the summit (the scenario's: public)."""
        return self._rules.implementation_years

    @property
    def us_review(self) -> tuple[float, float]:
        """The US review's thresholds (keep_at, reduce_below): public rules of the game (docs/model.md)."""
        return self._rules.us_review

    def red_lines_changed_by(self, event_id: str) -> tuple[tuple[str, str], ...]:
        """(leader, issue) for each red line the event changes: public, as the event's text is (its new value
        is not)."""
        return self._rules.red_line_events.get(event_id, ())

    @classmethod
    def build(cls, game: "Rules", state: GameState, leader_id: str) -> "Observation":
        constants = _constants(game, state, leader_id)
        # Made without the dataclass's __init__ (37 frozen fields set one by one cost more than the rest of an
        # observation, and one is made at every move); tests/test_phase_at_once.py checks every field is set.
        observation = object.__new__(cls)
        values = observation.__dict__
        values.update(constants)
        values.update(
            round=state.round, phase=state.phase, draft=state.draft, round_start_draft=state.round_start_draft,
            pledges=game.as_mapping(state.pledges), carve_out_requests=game.as_mapping(state.carve_out_requests),
            history=_sealed(game, state), legal=LegalKinds(game, state, leader_id))
        return observation

    # Own-preference helpers: an agent may evaluate any draft against its own positions.
    def utility(self, draft: Draft) -> float:
        return self._own.terms(draft)[0]

    def crossed(self, draft: Draft) -> tuple[str, ...]:
        return self._own.terms(draft)[2]

    def losses(self, draft: Draft) -> np.ndarray:
        return self._own.terms(draft)[1]

    def own_candidate_utilities(self, candidates: np.ndarray) -> np.ndarray:
        """Own utility of many candidate drafts at once, given as positions (candidates x issues)."""
        return self._own.candidate_utility(candidates)

    def own_grid_utilities(self, axes: list) -> np.ndarray:
        """own_candidate_utilities of every combination of one position per issue (`axes`, one list per issue),
        in itertools.product order, without building the combinations."""
        return self._own.grid_utility(axes)

    def everyones_preferences(self):
        """Every leader's positions (Preferences), only under full information; None otherwise."""
        return self._everyone

    def wants(self, issue_id: str, draft: Draft | None = None) -> str | None:
        """Which way this leader would move an issue of the draft towards its own ideal: "more" or "less"
        on a range issue (its carve-out year standing in for the deadline), its ideal option on an options
        issue; None when the draft already says its ideal or it has no position there."""
        draft = draft or self.draft
        ideal = self.ideal.get(issue_id)
        if ideal is None or issue_id not in self._rules.issue_ids:
            return None
        issue = self.issue(issue_id)
        value = draft[issue_id]
        if not issue.is_range:
            return None if value == ideal else str(ideal)
        deadline = self._rules.deadline_issue
        if deadline is not None and issue_id == deadline.id and self.ally is not None:
            value = draft.carve_out(self.ally.id) or value
        if abs(float(ideal) - float(value)) < 1e-9:
            return None
        return "more" if float(ideal) > float(value) else "less"

    def issue(self, issue_id: str) -> Issue:
        return next(issue for issue in self.issues if issue.id == issue_id)

    def leader(self, leader_id: str) -> PublicLeader:
        return self._rules.leaders[leader_id]

    def ally_of(self, leader_id: str) -> Ally | None:
        """The ally a leader speaks for (None for the Secretary General)."""
        ally_id = self._rules.leaders[leader_id].ally
        return next((ally for ally in self.allies if ally.id == ally_id), None) if ally_id else None

    def since_round(self, first: int) -> tuple[LogEntry, ...]:
        """The entries of round `first` and after, in order (the log's rounds never go back, so this reads
        only the end of it)."""
        history = self.history
        start = len(history)
        while start > 0 and history[start - 1].round >= first:
            start -= 1
        return history[start:]

    def this_round(self) -> tuple[LogEntry, ...]:
        return self.since_round(self.round)

    def last_round(self) -> tuple[LogEntry, ...]:
        return tuple(entry for entry in self.since_round(self.round - 1) if entry.round == self.round - 1)


def _sealed(game: "Rules", state: GameState) -> tuple[LogEntry, ...]:
    """The record a leader sees: all of it, except in the silence procedure, where each leader answers on its own
    by the deadline: the answers given so far in this procedure (staying silent, breaking silence) are not in it
    until the round's result says who broke silence. So every voter decides from the record as it stood when the
    procedure opened, and its place in the table's order never decides whom it can stand with. Worked out once
    per record (every voter of a run is shown the same tuple)."""
    history = state.history
    if state.phase != Phase.SILENCE or not state.turn:   # nobody has answered yet
        return history
    kept = game._sealed_view
    if kept[0] is history:
        return kept[1]
    start, round_ = len(history), state.round
    while start > 0 and history[start - 1].round == round_ and history[start - 1].phase == "silence":
        start -= 1
    if start == len(history):   # no answer of this procedure on the record (a look at a state made for a turn to come)
        return history
    answers = history[start:]
    sealed = history[:start]
    if any(entry.type != "action" for entry in answers):   # a teacher's move during the procedure: it stays in view
        sealed += tuple(entry for entry in answers if entry.type != "action")
    game._sealed_view = (history, sealed)
    return sealed


def _constants(game: "Rules", state: GameState, leader_id: str) -> dict:
    """The fields of a leader's observation that change only when an event does (its positions, its ally's
    figures, the scenario's), worked out once per leader and set of events' changes: an observation is made at
    every move. Kept by the game, keyed by the identity of the state's two tuples of changes (checked)."""
    positions, figures = state.position_overrides, state.ally_overrides
    kept = game._observed
    key = (leader_id, id(positions), id(figures))
    known = kept.get(key)
    if known is not None and known[0] is positions and known[1] is figures:
        return known[2]
    # An event changes a few leaders' positions and a few allies' figures, and every leader's constants are made
    # again after it: each part is kept by what it depends on, so only the parts the event changed are worked out.
    fixed = _leader_part(game, kept, leader_id)
    scenario, changed, per_ally = _figures_part(game, kept, state, figures)
    mine, everyone = _positions_part(game, kept, positions, leader_id)
    ideal, red_line, weight, own = _own_part(game, kept, positions, leader_id, mine)
    ally_id = fixed["ally_id"]
    ally, threat, fiscal_space, domestic_support = (
        per_ally.get(ally_id) or _ally_part(game, scenario, changed, per_ally, ally_id))
    full = scenario.information == "full"
    constants = {
        "leader_id": leader_id, "role": fixed["role"], "ally": ally, "rounds": scenario.rounds, "year": scenario.year,
        "status_quo": fixed["status_quo"], "no_deal": fixed["no_deal"], "issues": scenario.issues,
        "allies": scenario.allies, "leaders": game.public_leaders, "pen_holder": game.pen_holder, "ideal": ideal,
        "red_line": red_line, "weight": weight, "threat": threat, "fiscal_space": fiscal_space,
        "domestic_support": domestic_support, "full_information": full, "patience": fixed["patience"],
        "assertiveness": fixed["assertiveness"], "carve_out_cost": scenario.carve_out_cost,
        "persona": fixed["persona"], "_own": own, "_rules": game.public_rules, "_everyone": everyone if full else None}
    if len(kept) > 4096:
        kept.clear()
    kept[key] = (positions, figures, constants)
    return constants


def _leader_part(game: "Rules", kept: dict, leader_id: str) -> dict:
    """What no event changes about a leader's observation (the game's: kept under ("leader", id))."""
    part = kept.get(("leader", leader_id))
    if part is None:
        traits, leader = game.traits(leader_id), game.leader(leader_id)
        part = kept[("leader", leader_id)] = dict(
            ally_id=leader.ally, role=leader.role, persona=leader.persona_name, status_quo=game.status_quo(),
            no_deal=game.no_deal_terms(), patience=traits.patience, assertiveness=traits.assertiveness)
    return part


def _figures_part(game: "Rules", kept: dict, state: GameState, figures: tuple) -> tuple:
    """(the scenario as events have left the allies' figures, the changes as one mapping, each ally's part as
    far as asked: _ally_part) for one tuple of changes to the allies' figures, kept by its identity (checked)."""
    known = kept.get(("figures", id(figures)))
    if known is None or known[0] is not figures:
        # changes: (ally, field) -> value after the events (GameState.ally_value's)
        known = kept[("figures", id(figures))] = (figures, game.scenario_now(state), game.as_mapping(figures), {})
    return known[1:]


def _ally_part(game: "Rules", scenario: Scenario, changed: Mapping, per_ally: dict, ally_id: str | None) -> tuple:
    """(ally, threat, fiscal space, domestic support) of a leader's ally as events have left them."""
    ally = ((game.ally(ally_id) if scenario is game.scenario else scenario.ally(ally_id)) if ally_id else None)
    part = per_ally[ally_id] = (ally, _ally_value(changed, ally, "threat"), _ally_value(changed, ally, "fiscal_space"),
                                _ally_value(changed, ally, "domestic_support"))
    return part


def _positions_part(game: "Rules", kept: dict, positions: tuple, leader_id: str) -> tuple:
    """(this leader's own changes among the events' changes to positions, everyone's preferences under them when
    the scenario's information is full, else None), the changes grouped by leader once per tuple of them."""
    known = kept.get(("positions", id(positions)))
    if known is None or known[0] is not positions:
        by_leader: dict[str, tuple] = {}
        for change in positions:
            by_leader[change[0][0]] = by_leader.get(change[0][0], ()) + (change,)
        everyone = game.preferences(positions) if game.scenario.information == "full" else None
        known = kept[("positions", id(positions))] = (positions, by_leader, everyone)
    return known[1].get(leader_id, ()), known[2]


def _own_part(game: "Rules", kept: dict, positions: tuple, leader_id: str, mine: tuple) -> tuple:
    """(ideal, red line, weight, own preferences) of a leader, which depend on its own changes alone
    (Game.own_positions and Preferences.own are kept by them too): an event that leaves a leader alone leaves
    its part as it was."""
    part = kept.get(("own", leader_id, mine))
    if part is None:
        ideal, red_line, weight = game.own_positions(leader_id, positions)
        part = kept[("own", leader_id, mine)] = (ideal, red_line, weight, game.preferences(positions).own(leader_id))
    return part


def _ally_value(changed: Mapping, ally: Ally | None, name: str) -> float | None:
    """GameState.ally_value from the state's changes read as one mapping (None for a leader with no ally)."""
    return changed.get((ally.id, name), getattr(ally, name)) if ally is not None else None
