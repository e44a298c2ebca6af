"""The rules of the summit: whose turn it is, what is legal and why not, and what each action does.

`Game` is the immutable spec built from a Scenario and a seed; `GameState` is a moment. Chance (which
random events fire) is drawn from the seed inside the rules, so (scenario, seed, actions) fixes the game.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Sequence
from types import MappingProxyType
from ..scenario import Role, Scenario
from ..i18n import msg, percent
from . import events, narrate, rng
from .narrate import Later, later_country, shown_label, shown_phase, shown_text, shown_value
from .spread import drawn
from .actions import (REASON_MAX, TEACHER, Action, Amend, AskCarveOut, BreakSilence, EndNow, IllegalActionError, InjectEvent,
                      Offer, Pass, Pledge, Promise, Respond, Statement, TableDraft, TeacherAction, Threat, reason_fits)
from .draft import Draft, Value
from .observation import Observation, PublicLeader, PublicRules
from .per_scenario import of_scenario
from .preferences import Preferences
from .state import GameState, LogEntry, Phase, Termination

PLEDGE_MAX = 10.0          # % GDP: no ally has pledged more since the Cold War
PLEDGE_HORIZON = 30        # years ahead a pledge may name
_REASON_TOO_LONG = msg("a reason is one sentence of text (at most {most} characters)", most=REASON_MAX)
ALL_KINDS = ("table", "amend", "promise", "threat", "pledge", "carve_out", "statement", "break_silence", "pass")
PHASE_KINDS = {
    Phase.DRAFTING: ("table", "amend", "pass"),
    Phase.CONSULTATIONS: ("amend", "promise", "threat", "pledge", "carve_out", "statement", "pass"),
    Phase.SILENCE: ("break_silence", "pass"),
}


class Game:
    def __init__(self, scenario: Scenario, seed: int = 0):
        if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**63:
            raise ValueError(msg("seed must be a whole number from 0 to 2**63-1, found {seed!r}", seed=seed))
        self.scenario = scenario
        self.seed = seed
        self._counters = rng.Counters(seed)     # the agents' decisions' streams (rng.py)
        # What the scenario alone decides, worked out once per scenario (a batch plays one scenario many times)
        (self.pen_holder, self.order, self.voters, self.issue_ids, self.deadline_issue, self._leaders, self._allies,
         self.public_leaders, self.red_line_events, self._public, self.narrated, self._status_quo,
         self._no_deal) = of_scenario(scenario)
        # This seed's leaders: positions and traits drawn around the scenario's within its spread (spread.py).
        self.drawn = drawn(scenario, seed)
        self._drawn_leaders = {leader.id: leader for leader in self.drawn.leaders}
        # What every leader may know of the rules, one object per game (observations carry it, not the game, and
        # agents/reading.py tells one game's record from another's by it).
        self.public_rules = PublicRules(self.issue_ids, self.deadline_issue, MappingProxyType(self._public),
                                        MappingProxyType(self.red_line_events), scenario.implementation_years,
                                        (scenario.us_review.keep_at, scenario.us_review.reduce_below))
        self._mappings: dict[int, tuple[tuple, MappingProxyType]] = {}
        self._positions: dict[tuple[str, tuple], tuple[dict, dict, dict]] = {}
        self._sealed_view: tuple = (None, ())   # observation.py: the last record sealed for the silence procedure
        self._observed: dict = {}   # observation.py: each leader's observation constants, per set of events' changes
        self._preferences: dict[tuple, Preferences] = {}
        self._own_preferences: dict = {}   # each leader's own view, shared by the tables of its events (Preferences)
        self._scenarios: dict[tuple, Scenario] = {}
        self._tables: dict[tuple, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._last_table: tuple = (None, None)        # (overrides, _at_the_table's answer) asked last
        self._last_preferences: tuple = (None, None)  # (overrides, preferences' answer) asked last

    # ----- set-up -------------------------------------------------------------------------------
    def status_quo(self) -> Draft:
        return self._status_quo

    def no_deal_terms(self) -> Draft:
        return self._no_deal

    def leader(self, leader_id: str):
        return self._leaders[leader_id]

    def traits(self, leader_id: str):
        """A leader's traits as this seed draws them."""
        return self._drawn_leaders[leader_id].traits

    def public_leader(self, leader_id: str) -> PublicLeader:
        return self._public[leader_id]

    def ally(self, ally_id: str):
        return self._allies[ally_id]

    def as_mapping(self, pairs: tuple) -> MappingProxyType:
        """A state's (key, value) pairs as a read-only mapping, made once per tuple: pledges and carve-out
        requests change a few times a game but are read at every move (and with 500 allies, copying them at
        every move would cost more than the move)."""
        known = self._mappings.get(id(pairs))
        if known is None or known[0] is not pairs:
            known = (pairs, MappingProxyType(dict(pairs)))
            if len(self._mappings) > 64:
                self._mappings.clear()
            self._mappings[id(pairs)] = known
        return known[1]

    def own_positions(self, leader_id: str, overrides: tuple) -> tuple[dict, dict, dict]:
        """One leader's (ideal, red line, normalised weight) per issue after the events so far (kept per set
        of events: few distinct ones occur in a game). The dicts are shared: read them, do not change them."""
        # Keyed by this leader's own changes: an event that moves another leader leaves its positions as they were.
        key = (leader_id, tuple(change for change in overrides if change[0][0] == leader_id))
        known = self._positions.get(key)
        if known is None:
            leader = self._drawn_leaders[leader_id]
            prefs = self.preferences(overrides)
            row = prefs.row(leader_id)
            changes = dict(overrides)
            ideal, red_line, weight = {}, {}, {}
            for col, issue in enumerate(self.scenario.issues):
                position = leader.positions.get(issue.id)
                if position is None:
                    continue
                ideal[issue.id] = changes.get((leader_id, issue.id, "ideal"), position.ideal)
                red_line[issue.id] = changes.get((leader_id, issue.id, "red_line"), position.red_line)
                weight[issue.id] = float(prefs.weight[row, col])
            known = self._positions[key] = (ideal, red_line, weight)
        return known

    def new_initial_state(self) -> GameState:
        draft = self.status_quo()
        state = GameState(round=1, phase=Phase.DRAFTING, turn=0, draft=draft, round_start_draft=draft)
        return self._start_round(state)

    def scenario_now(self, state: GameState) -> Scenario:
        """The scenario with the allies' figures (GDP, defence spending) as events have left them; the scenario
        itself while no event has changed one."""
        figures = tuple((key, value) for key, value in state.ally_overrides if key[1] in ("gdp_usd_bn", "defence_pct_gdp"))
        if not figures:
            return self.scenario
        known = self._scenarios.get(figures)
        if known is None:
            changed = {}
            for (ally_id, field), value in figures:
                changed.setdefault(ally_id, {})[field] = value
            allies = tuple(ally.model_copy(update=changed[ally.id]) if ally.id in changed else ally
                           for ally in self.scenario.allies)
            known = self._scenarios[figures] = self.scenario.model_copy(update={"allies": allies})
        return known

    def preferences(self, overrides: tuple = ()) -> Preferences:
        """Everyone's preferences given the events so far (kept per set of events: few distinct ones occur).
        Kept by the game itself: a cache on the class would keep every game played in the process alive."""
        last = self._last_preferences   # the same tuple as last time, most moves: no hashing of it
        if last[0] is overrides:
            return last[1]
        known = self._preferences.get(overrides)
        if known is None:   # from the table asked last: an event changes a few leaders' rows, the others are lent
            known = self._preferences[overrides] = Preferences(self.drawn, overrides, self._own_preferences, last[1])
        self._last_preferences = (overrides, known)
        return known

    def preferences_now(self, state: GameState) -> Preferences:
        return self.preferences(state.position_overrides)

    # ----- whose turn ---------------------------------------------------------------------------
    def actors(self, phase: Phase, state: GameState | None = None) -> tuple[str, ...]:
        """Who moves in a phase, in order: only the leaders seated at the table now (events seat or unseat them)."""
        consulting = phase is Phase.CONSULTATIONS
        if (consulting or phase is Phase.SILENCE) and state is not None:   # most calls (several a move): told apart
            last = self._last_table   # by identity, the table asked last read without a call (as _at_the_table does)
            overrides = state.position_overrides
            table = last[1] if last[0] is overrides else self._at_the_table(overrides)
            return table[0] if consulting else table[1]
        if phase == Phase.DRAFTING:
            return (self.pen_holder,)
        if phase not in (Phase.CONSULTATIONS, Phase.SILENCE):
            return ()
        order, voters = self._at_the_table(state.position_overrides) if state is not None else (self.order, self.voters)
        return order if phase == Phase.CONSULTATIONS else voters

    def _at_the_table(self, overrides: tuple) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(the turn order, the voters) of the leaders seated under these events' changes, worked out once per set of
        changes (asked at every move)."""
        last = self._last_table   # the same tuple as last time, most moves: no hashing of it
        if last[0] is overrides:
            return last[1]
        known = self._tables.get(overrides)
        if known is None:
            seats = {leader.id: leader.seated for leader in self.scenario.leaders}
            seats.update({key[0]: value for key, value in overrides if key[2] == "seated"})
            known = (tuple(leader for leader in self.order if seats[leader]),
                     tuple(leader for leader in self.voters if seats[leader]))
            self._tables[overrides] = known
        self._last_table = (overrides, known)
        return known

    def seated(self, state: GameState) -> frozenset[str]:
        """The leaders at the table now: those seated when the summit opened, as events have since changed it."""
        return frozenset(self._at_the_table(state.position_overrides)[0])

    def current_actor(self, state: GameState) -> str | None:
        if state.is_terminal:
            return None
        return self.actors(state.phase, state)[state.turn]

    def observe(self, state: GameState, leader_id: str) -> Observation:
        """What one leader may see: its own positions (after events), the public record, the draft."""
        return Observation.build(self, state, leader_id)

    def agent_rng(self, state: GameState, leader_id: str, later: int = 0):
        """The random stream for one leader's decision at this moment of the game, or `later` moves on (made when
        first drawn from)."""
        return rng.LazyAt(self._counters, leader_id, state.step + later)

    def _name(self, leader_id: str) -> Later:
        """A leader's name as a field of a reason: in the language in use where it is shown."""
        return Later(shown_text, self._leaders[leader_id].name)

    # ----- legality -----------------------------------------------------------------------------
    def why_illegal(self, state: GameState, action: Action) -> str | None:
        """Why an action may not be taken now, in plain words; None when it is legal."""
        if state.is_terminal:
            return msg("the negotiation is over")
        if isinstance(action, TeacherAction):
            return self._teacher_problem(state, action)
        return self._leader_problem(state, action, self.current_actor(state))

    def _leader_problem(self, state: GameState, action: Action, current: str) -> str | None:
        """why_illegal for a leader's action when it is `current`'s turn."""
        if action.actor not in self._leaders:
            return msg("there is no leader {leader!r} in this scenario", leader=action.actor)
        if action.actor != current:
            return msg("it is {current}'s turn, not {leader}'s", current=self._name(current), leader=self._name(action.actor))
        if not reason_fits(action):
            return _REASON_TOO_LONG
        if isinstance(action, (Offer, Respond)):  # its kind "offer" would reach _check_offer (promises, threats)
            return msg("offers to split the pie and responses belong to the bilateral protocol, not to a summit")
        check = getattr(self, f"_check_{action.kind}", None)
        return check(state, action) if check else msg("unknown action {kind!r}", kind=action.kind)

    def legal_kinds(self, state: GameState, leader_id: str) -> dict[str, str | None]:
        """Each kind of action -> None when the leader may take some action of that kind now, else why
        not (for greyed-out buttons and their tooltips)."""
        return {kind: self.legal_kind(state, leader_id, kind) for kind in ALL_KINDS}

    def legal_kind(self, state: GameState, leader_id: str, kind: str) -> str | None:
        """legal_kinds(state, leader_id)[kind], worked out alone (KeyError for a kind that is not one)."""
        if kind not in ALL_KINDS:
            raise KeyError(kind)
        # Messages (game.i18n.msg): English text that the devices and the window can show in the language in use
        if state.is_terminal:
            return msg("the negotiation is over")
        actor = self.current_actor(state)
        if leader_id != actor:
            return msg("wait for {leader}'s turn", leader=self._name(actor))
        if kind not in PHASE_KINDS[state.phase]:
            return msg("not in the {phase} phase", phase=Later(shown_phase, state.phase))
        return self._kind_blocked(state, leader_id, kind)

    def _kind_blocked(self, state: GameState, leader_id: str, kind: str) -> str | None:
        leader = self._leaders[leader_id]
        if kind == "table" and leader_id != self.pen_holder:
            return msg("only the pen holder tables drafts")
        if kind == "amend" and state.phase == Phase.DRAFTING and leader_id != self.pen_holder:
            return msg("only the pen holder amends while drafting")
        if kind == "threat" and leader.role == Role.SECRETARY_GENERAL:
            return msg("the Secretary General works by consensus, not threats")
        if kind in ("pledge", "carve_out"):
            if leader.ally is None:
                return msg("only a leader who speaks for an ally can do this")
            if not self._allies[leader.ally].reports_spending:
                return msg("{country} reports no defence spending (it has no armed forces)",
                           **later_country(self.scenario, leader.ally))
            if kind == "carve_out":
                if self.deadline_issue is None:
                    return msg("this scenario has no deadline to carve out from")
                if state.draft[self.deadline_issue.id] >= self.deadline_issue.range[1]:
                    return msg("the draft's deadline is already the latest possible")
        return None

    def _check_draft_values(self, values: dict[str, Value]) -> str | None:
        for issue in self.scenario.issues:
            if issue.id not in values:
                return msg("the draft lacks issue {issue!r}", issue=issue.id)
            problem = self._value_problem(issue.id, values[issue.id])
            if problem:
                return problem
        extra = set(values) - set(self.issue_ids)
        return msg("the draft has unknown issue(s) {issues}", issues=sorted(extra)) if extra else None

    def _value_problem(self, issue_id: str, value: Value) -> str | None:
        if issue_id not in self.issue_ids:
            return msg("there is no issue {issue!r}", issue=issue_id)
        issue = self.scenario.issue(issue_id)
        if issue.is_range:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                return msg("{issue} needs a number, not {value!r}", issue=Later(shown_label, issue), value=value)
            low, high = issue.range
            if not low - 1e-9 <= value <= high + 1e-9:
                return msg("{issue} must lie between {low} and {high}", issue=Later(shown_label, issue),
                           low=Later(shown_value, issue, low), high=Later(shown_value, issue, high))
            if abs(issue.snap(value) - value) > 1e-6:
                return msg("{issue} moves in steps of {step:g}", issue=Later(shown_label, issue), step=issue.step)
            return None
        if value not in issue.options:
            return msg("{issue} is one of: {options}", issue=Later(shown_label, issue), options=', '.join(issue.options))
        return None

    def _carve_out_problem(self, draft: Draft) -> str | None:
        if not draft.carve_outs:
            return None
        if self.deadline_issue is None:
            return msg("this scenario has no deadline, so no carve-outs")
        for ally_id, year in draft.carve_outs:
            if ally_id not in self._allies:
                return msg("there is no ally {ally!r}", ally=ally_id)
            if not isinstance(year, int) or not draft[self.deadline_issue.id] < year <= self.deadline_issue.range[1]:
                return msg("a carve-out year must be after the deadline ({deadline:g}) and no later than {latest:g}",
                           deadline=draft[self.deadline_issue.id], latest=self.deadline_issue.range[1])
        return None

    def _check_table(self, state: GameState, action: TableDraft) -> str | None:
        if state.phase != Phase.DRAFTING:
            return msg("drafts are tabled at the start of a round")
        if action.actor != self.pen_holder:
            return msg("only the pen holder tables drafts")
        if not isinstance(action.draft, Draft):
            return msg("a draft is needed")
        return self._check_draft_values(action.draft.as_dict()) or self._carve_out_problem(action.draft)

    def _check_amend(self, state: GameState, action: Amend) -> str | None:
        blocked = self._kind_blocked(state, action.actor, "amend") if state.phase == Phase.DRAFTING else None
        if state.phase not in (Phase.DRAFTING, Phase.CONSULTATIONS):
            return msg("amendments are made while drafting or in consultations")
        if blocked:
            return blocked
        problem = self._value_problem(action.issue, action.value)
        if problem:
            return problem
        if state.draft[action.issue] == action.value:
            return msg("the draft already says {value}",
                       value=Later(shown_value, self.scenario.issue(action.issue), action.value))
        return None

    def _check_offer(self, state: GameState, action: Promise | Threat) -> str | None:
        if state.phase != Phase.CONSULTATIONS:
            return msg("offers are made in consultations")
        blocked = self._kind_blocked(state, action.actor, action.kind)
        if blocked:
            return blocked
        target = self._leaders.get(action.target)
        if target is None:
            return msg("there is no leader {leader!r}", leader=action.target)
        if action.target == action.actor:
            return msg("an offer is made to someone else")
        if action.issue is not None:   # on an issue of the draft: any leader may be asked, pledging or not
            if action.demand:
                return msg("an offer names either a pledge level or an issue's value, not both")
            issue = next((i for i in self.scenario.issues if i.id == action.issue), None)
            if issue is None:
                return msg("there is no issue {issue!r}", issue=action.issue)
            if action.value not in issue.grid():
                return msg("{value!r} is not a value of {issue}", value=action.value, issue=Later(shown_label, issue))
            return None
        if target.ally is None:
            return msg("{leader} speaks for no ally and pledges nothing", leader=self._name(target.id))
        if isinstance(action.demand, bool) or not isinstance(action.demand, (int, float)) or not 0 < action.demand <= PLEDGE_MAX:
            return msg("the demand is a pledge level between 0 and {most} GDP", most=Later(percent, PLEDGE_MAX, 0))
        return None

    _check_promise = _check_offer
    _check_threat = _check_offer

    def _check_pledge(self, state: GameState, action: Pledge) -> str | None:
        if state.phase != Phase.CONSULTATIONS:
            return msg("pledges are made in consultations")
        blocked = self._kind_blocked(state, action.actor, "pledge")
        if blocked:
            return blocked
        if isinstance(action.level, bool) or not isinstance(action.level, (int, float)) or not 0 < action.level <= PLEDGE_MAX:
            return msg("a pledge is a level between 0 and {most} GDP", most=Later(percent, PLEDGE_MAX, 0))
        first, last = self.scenario.year + 1, self.scenario.year + PLEDGE_HORIZON
        if not isinstance(action.year, int) or isinstance(action.year, bool) or not first <= action.year <= last:
            return msg("a pledge names a year from {first} to {last}", first=first, last=last)
        ally = self._leaders[action.actor].ally
        previous = state.pledge(ally)
        if previous and (action.level < previous[0] or action.year > previous[1] or (action.level, action.year) == previous):
            return msg("{country} has pledged {level} GDP by {year}; a new pledge must be more ambitious (higher or "
                       "sooner), never less", **later_country(self.scenario, ally),
                       level=Later(percent, previous[0], 1), year=previous[1])
        return None

    def _check_carve_out(self, state: GameState, action: AskCarveOut) -> str | None:
        if state.phase != Phase.CONSULTATIONS:
            return msg("carve-outs are asked for in consultations")
        blocked = self._kind_blocked(state, action.actor, "carve_out")
        if blocked:
            return blocked
        deadline = state.draft[self.deadline_issue.id]
        latest = self.deadline_issue.range[1]
        if not isinstance(action.year, int) or isinstance(action.year, bool) or not deadline < action.year <= latest:
            return msg("a carve-out year comes after the draft's deadline ({deadline:g}) and no later than {latest:g}",
                       deadline=deadline, latest=latest)
        return None

    def _check_statement(self, state: GameState, action: Statement) -> str | None:
        if state.phase != Phase.CONSULTATIONS:
            return msg("statements are made in consultations")
        if not action.reason.strip():
            return msg("a statement needs words")
        if action.issue is None:
            return msg("a limit needs the issue it applies to") if action.limit is not None or action.bound else None
        if action.issue not in self.issue_ids:
            return msg("there is no issue {issue!r}", issue=action.issue)
        if (action.limit is None) != (action.bound is None):
            return msg("a limit and its bound go together")
        if action.limit is None:
            return None
        is_range = self.scenario.issue(action.issue).is_range
        allowed = ("at_most", "at_least") if is_range else ("not",)
        if action.bound not in allowed:
            return msg("the bound of a limit on this issue is one of: {bounds}", bounds=', '.join(allowed))
        return self._value_problem(action.issue, action.limit)

    def _check_break_silence(self, state: GameState, action: BreakSilence) -> str | None:
        if state.phase != Phase.SILENCE:
            return msg("silence can be broken only in the silence procedure")
        if action.issue not in self.issue_ids and action.issue != "carve_outs":
            return msg("name the issue you object to: one of {issues}", issues=', '.join(self.issue_ids + ('carve_outs',)))
        if action.wants is None:
            return None
        if action.issue == "carve_outs":
            return msg("an objection to the carve-outs says no more than that")
        issue = self.scenario.issue(action.issue)
        allowed = ("more", "less") if issue.is_range else tuple(o for o in issue.options if o != state.draft[issue.id])
        if action.wants not in allowed:
            return msg("an objection to {issue} wants one of: {wants}", issue=Later(shown_label, issue),
                       wants=', '.join(allowed))
        return None

    def _check_pass(self, state: GameState, action: Pass) -> str | None:
        return None

    def _teacher_problem(self, state: GameState, action: TeacherAction) -> str | None:
        if action.actor != TEACHER:
            return msg("only the teacher ({teacher!r}) makes a teacher's move, not {actor!r}", teacher=TEACHER,
                       actor=action.actor)
        if not reason_fits(action):
            return _REASON_TOO_LONG
        if isinstance(action, InjectEvent):
            event = next((e for e in self.scenario.events if e.id == action.event), None)
            if event is None:
                ids = ", ".join(e.id for e in self.scenario.events) or msg("none in this scenario")
                return msg("there is no event {event!r} (events: {ids})", event=action.event, ids=ids)
            if event.id in state.fired:
                return msg("the event {label!r} has already happened", label=str(event.label))
            return None
        if isinstance(action, EndNow):
            return None if isinstance(action.adopt, bool) else msg("adopt is true or false")
        return msg("unknown teacher's move {kind!r}", kind=action.kind)

    def unfired_events(self, state: GameState) -> tuple:
        """The scenario's events that have not happened yet (what the teacher may inject)."""
        return tuple(event for event in self.scenario.events if event.id not in state.fired)

    # ----- applying -----------------------------------------------------------------------------
    def apply(self, state: GameState, action: Action) -> GameState:
        """The state after action; raises IllegalActionError (with the reason) if it is not legal."""
        problem = self.why_illegal(state, action)
        if problem:
            raise IllegalActionError(problem)
        if isinstance(action, TeacherAction):
            return self._teacher_move(state, action)
        changes: dict = {}
        if isinstance(action, TableDraft):
            changes["draft"] = action.draft
        elif isinstance(action, Amend) and action.actor == self.pen_holder:
            changes["draft"] = state.draft.amended(action.issue, action.value,
                                                   self.deadline_issue.id if self.deadline_issue else None)
        elif isinstance(action, Pledge):
            ally = self._leaders[action.actor].ally
            changes["pledges"] = _put(state.pledges, ally, (float(action.level), action.year))
        elif isinstance(action, AskCarveOut):
            ally = self._leaders[action.actor].ally
            changes["carve_out_requests"] = _put(state.carve_out_requests, ally, action.year)
        elif isinstance(action, BreakSilence):
            changes["objections"] = state.objections + ((action.actor, action.issue),)
        entry = self._entry(state, action)
        if state.turn + 1 < len(self.actors(state.phase, state)):  # the common case: the next leader in the same phase
            return state.evolve(history=state.history + (entry,), turn=state.turn + 1, **changes)
        state = state.evolve(history=state.history + (entry,), **changes)
        return self._advance(state)

    def apply_answers(self, state: GameState, actions: Sequence[Action]) -> GameState:
        """The state after `actions`, the silence procedure's answers of the voters whose turns come next, one each
        in the order of the table: the state that applying them one by one gives (apply), made in one step. No
        answer changes what the next voter may do, so each is checked as it would be at its own turn. Raises
        IllegalActionError (with the reason) at the first that is not legal, the state left as it was."""
        if state.phase != Phase.SILENCE or state.is_terminal:
            raise IllegalActionError(msg("silence can be broken only in the silence procedure"))
        order = self.actors(state.phase, state)
        entries, objections, turn = [], state.objections, state.turn
        for action in actions:
            if turn >= len(order):
                raise IllegalActionError(msg("every voter has answered"))
            problem = (msg("the teacher's moves are not a voter's answer") if isinstance(action, TeacherAction)
                       else self._leader_problem(state, action, order[turn]))
            if problem:
                raise IllegalActionError(problem)
            if isinstance(action, BreakSilence):
                objections += ((action.actor, action.issue),)
            entries.append(self._entry(state, action))
            turn += 1
        if not entries:
            return state
        if turn < len(order):
            return state.evolve(history=state.history + tuple(entries), turn=turn, objections=objections)
        return self._advance(state.evolve(history=state.history + tuple(entries), turn=turn - 1, objections=objections))

    def _entry(self, state: GameState, action: Action) -> LogEntry:
        """The log line of a leader's move, its sentence written when first read (from public data only)."""
        text = functools.partial(narrate.describe, self.narrated, action, self.pen_holder,
                                 in_silence=state.phase == Phase.SILENCE)
        return LogEntry(state.round, state.phase.value, "action", action.actor, text, {"action": action.to_json(False)})

    def _teacher_move(self, state: GameState, action: TeacherAction) -> GameState:
        """The teacher's move takes effect at once; whoever's turn it was still has it (unless the game ends)."""
        text = narrate.describe_teacher(self.scenario, action)
        entry = LogEntry(state.round, state.phase.value, "teacher", TEACHER, text, {"action": action.to_json(False)})
        state = state.evolve(history=state.history + (entry,))
        if isinstance(action, InjectEvent):
            return self._fire(state, next(e for e in self.scenario.events if e.id == action.event))
        if action.adopt:
            text = f"Round {state.round}: the teacher ends the negotiation. The draft on the table is adopted."
            data = {"result": "adopted", "draft": state.draft.to_json(), "by": TEACHER}
            termination = Termination.ADOPTED
        else:
            text = f"Round {state.round}: the teacher ends the negotiation: no deal."
            data = {"result": "no_deal", "by": TEACHER}
            termination = Termination.NO_DEAL
        entry = LogEntry(state.round, state.phase.value, "result", None, text, data)
        return state.evolve(phase=Phase.OVER, turn=0, history=state.history + (entry,), termination=termination)

    def _advance(self, state: GameState) -> GameState:
        turn = state.turn + 1
        if turn < len(self.actors(state.phase, state)):
            return state.evolve(turn=turn)
        if state.phase == Phase.DRAFTING:
            return state.evolve(phase=Phase.CONSULTATIONS, turn=0)
        if state.phase == Phase.CONSULTATIONS:
            state = state.evolve(phase=Phase.SILENCE, turn=0, objections=())
            return state if self.actors(Phase.SILENCE, state) else self._resolve(state)   # no voter left at the table
        return self._resolve(state)

    def _resolve(self, state: GameState) -> GameState:
        round_ = state.round
        objectors = {leader for leader, _ in state.objections}
        scenario = self.narrated   # what the result's text (written when read) may reach: public data only

        def names() -> str:
            return ", ".join(sorted(narrate.who(scenario, leader) for leader in objectors))
        decision = self.scenario.decision
        present = len(self.actors(Phase.SILENCE, state))   # the voters at the table this round
        if not objectors or decision.adopts(present - len(objectors), present):
            if objectors:
                silent, voters = present - len(objectors), present
                text = lambda: (f"Round {round_}: silence broken by {names()}, but {silent} of {voters} stayed "  # noqa: E731
                                f"silent. Under {decision.describe().split(':')[0]} the draft is adopted.")
                data = {"result": "adopted", "draft": state.draft.to_json(),
                        "objections": [[leader, issue] for leader, issue in state.objections]}
            else:
                text = f"Round {round_}: no one broke silence. The draft is adopted."
                data = {"result": "adopted", "draft": state.draft.to_json()}
            entry = LogEntry(round_, Phase.SILENCE.value, "result", None, text, data)
            return state.evolve(phase=Phase.OVER, turn=0, history=state.history + (entry,),
                                termination=Termination.ADOPTED)
        last = round_ >= self.scenario.rounds
        ending = "That was the last round: no deal." if last else "The negotiation goes on."
        text = lambda: f"Round {round_}: silence broken by {names()}. {ending}"  # noqa: E731
        entry = LogEntry(round_, Phase.SILENCE.value, "result", None, text,
                         {"result": "no_deal" if last else "objected",
                          "objections": [[leader, issue] for leader, issue in state.objections]})
        state = state.evolve(history=state.history + (entry,))
        if last:
            return state.evolve(phase=Phase.OVER, turn=0, termination=Termination.NO_DEAL)
        state = state.evolve(round=round_ + 1, phase=Phase.DRAFTING, turn=0, round_start_draft=state.draft)
        return self._start_round(state)

    # ----- events (events.py) -------------------------------------------------------------------
    def _start_round(self, state: GameState) -> GameState:
        return events.start_round(self, state)

    def _fire(self, state: GameState, event) -> GameState:
        return events.fire(self, state, event)


def _put(pairs: tuple, key: str, value) -> tuple:
    """Sorted (key, value) pairs with key set to value (pairs sorted by key, keys unique)."""
    keys = [k for k, _ in pairs]
    index = bisect.bisect_left(keys, key)
    if index < len(pairs) and keys[index] == key:
        return pairs[:index] + ((key, value),) + pairs[index + 1:]
    return pairs[:index] + ((key, value),) + pairs[index:]
