"""Random legal play through a Session, for the save and crash tests: people make random legal moves (any
kind the rules allow now, built by simple constructors), the teacher sometimes steps in (an event now, undo,
end now), seats change hands and players sign their roles. Every choice comes from the numpy Generator
handed in, so the same seed and the same state give the same moves: two sessions in the same state played
on with equal generators stay equal."""

from __future__ import annotations

import numpy as np

from game.engine import (Amend, AskCarveOut, BreakSilence, Draft, EndNow, InjectEvent, Pass, Pledge, Promise,
                         Statement, TableDraft, Threat)
from game.engine.actions import Action, IllegalActionError
from game.engine.game import PLEDGE_HORIZON, PLEDGE_MAX
from game.play.session import Session

# reasons that try the log's escaping: quotes, a newline, a line separator (str.splitlines splits on it),
# non-Latin letters and an emoji
REASONS = ("", "We hold firm.", 'He said "no", twice.', "Two lines\nof reason", "Unicode: Ünïcödé ñ 中文 🙂",
           "a line separator \u2028 inside", "backslash \\ and tab \t")
NAMES = ("Ann", "  Bo   and Cy ", "Zoë 🙂", "x" * 60, "")


def _choice(rng: np.random.Generator, items):
    items = list(items)
    return items[int(rng.integers(len(items)))]


def _value(rng: np.random.Generator, issue):
    return _choice(rng, issue.grid())


def _candidate(session: Session, kind: str, rng: np.random.Generator) -> Action | None:
    game, state, actor, scenario = session.game, session.state, session.actor, session.scenario
    reason = _choice(rng, REASONS)
    if kind == "pass":
        return Pass(actor, reason=reason)
    if kind == "table":
        values = {issue.id: _value(rng, issue) for issue in scenario.issues}
        return TableDraft(actor, reason=reason, draft=Draft.of(values))
    if kind == "amend":
        issue = _choice(rng, scenario.issues)
        return Amend(actor, reason=reason, issue=issue.id, value=_value(rng, issue))
    if kind in ("promise", "threat"):
        targets = [leader.id for leader in scenario.leaders if leader.ally is not None and leader.id != actor]
        if not targets:
            return None
        cls = Promise if kind == "promise" else Threat
        demand = round(float(rng.uniform(0.1, PLEDGE_MAX)), 1)
        return cls(actor, reason=reason, target=_choice(rng, targets), demand=demand)
    if kind == "pledge":
        return Pledge(actor, reason=reason, level=round(float(rng.uniform(0.5, PLEDGE_MAX)), 1),
                      year=scenario.year + int(rng.integers(1, PLEDGE_HORIZON + 1)))
    if kind == "carve_out":
        deadline, latest = int(state.draft[game.deadline_issue.id]), int(game.deadline_issue.range[1])
        if latest <= deadline:
            return None
        return AskCarveOut(actor, reason=reason, year=int(rng.integers(deadline + 1, latest + 1)))
    if kind == "statement":
        return Statement(actor, reason=reason or "We speak.")
    if kind == "break_silence":
        return BreakSilence(actor, reason=reason, issue=_choice(rng, [i.id for i in scenario.issues] + ["carve_outs"]))
    return None


def person_move(session: Session, rng: np.random.Generator) -> Action:
    """A random legal move for the person whose turn it is: a random kind the rules allow now, a few tries at
    legal parameters, else a pass."""
    game, state, actor = session.game, session.state, session.actor
    kinds = [kind for kind, why in game.legal_kinds(state, actor).items() if why is None]
    kind = _choice(rng, kinds)
    for _ in range(4):
        action = _candidate(session, kind, rng)
        if action is not None and game.why_illegal(state, action) is None:
            return action
    return Pass(actor)


def step(session: Session, rng: np.random.Generator, teacher: float = 0.0) -> str:
    """One step of play: now and then (probability `teacher`) the teacher or the room does something (an
    event now, undo, end now, a seat swap, a name typed); otherwise the person whose turn it is makes a
    random legal move, or the agent moves. Returns what happened (for messages)."""
    if teacher and rng.random() < teacher:
        what = _choice(rng, ("inject", "inject", "undo", "undo", "end", "seats", "name"))
        if what == "inject" and session.game.unfired_events(session.state):
            event = _choice(rng, session.game.unfired_events(session.state))
            session.teacher(InjectEvent(event=event.id, reason=_choice(rng, REASONS)))
            return f"inject {event.id}"
        if what == "undo" and session.why_no_undo() is None:
            session.undo()
            return "undo"
        if what == "end" and rng.random() < 0.3:
            session.teacher(EndNow(adopt=bool(rng.integers(2)), reason=_choice(rng, REASONS)))
            return "end now"
        leaders = [leader.id for leader in session.scenario.leaders]
        if what == "seats":
            humans = [lid for lid in leaders if rng.random() < 2 / len(leaders)]
            session.set_humans(humans)
            return f"seats {humans}"
        if what == "name":
            leader = _choice(rng, leaders)
            session.set_player(leader, _choice(rng, NAMES))
            return f"name {leader}"
    if session.waiting_for_human:
        action = person_move(session, rng)
        try:
            session.submit(action)
        except IllegalActionError as error:  # not expected: the move was checked; say which one
            raise AssertionError(f"{action!r} was refused: {error}") from None
        return f"person {action.kind}"
    session.agent_move()
    return "agent"
