"""The teacher's controls below the window: bring an event forward, end the negotiation now (adopt the
draft or no deal), undo the last move a person made; the live log kept in the user data folder as the game
is played; player names only when typed; and the participation record each role is graded on."""

from __future__ import annotations

import dataclasses
import json

import pytest
from cli_support import cli

from game.scenario.catalogue import check
from game.engine import (TEACHER, EndNow, Game, IllegalActionError, InjectEvent, LogEntry, Pass, Phase, Promise,
                         Termination, outcome, play)
from game.engine.participation import participation
from game.agents import agents_for
from game.agents.reputation import read as read_reputations
from game.scenario import check_bytes
from game.play.session import HUMAN, Session, load


def _tutorial():
    return check("tutorial").scenario


def _rutte():
    return check("rutte_washington_2025").scenario


def _to_human_turn(session: Session, turns: int = 1) -> Session:
    """Agents move until a person is to move for the `turns`-th time (the people pass meanwhile)."""
    seen = 0
    while not session.over:
        if session.waiting_for_human:
            seen += 1
            if seen == turns:
                return session
            session.submit(Pass(session.actor))
        else:
            session.agent_move()
    return session


def _finish(session: Session) -> Session:
    while not session.over:
        if session.waiting_for_human:
            session.submit(Pass(session.actor))
        else:
            session.agent_move()
    return session


# ----- an event now --------------------------------------------------------------------------------------

def test_an_injected_event_fires_now_and_the_turn_stays_where_it_was():
    session = Session(_tutorial(), 3, ("sanchez",))
    _to_human_turn(session)
    actor, round_ = session.actor, session.state.round
    assert "trump_post" not in session.state.fired and round_ < 3   # scripted for round 3
    session.teacher(InjectEvent(event="trump_post", reason="to show what a public post does"))
    assert session.state.fired[-1] == "trump_post"
    assert session.actor == actor and session.state.round == round_
    teacher_line, event_line = session.state.history[-2:]
    assert teacher_line.type == "teacher" and teacher_line.actor == TEACHER
    assert "brings an event forward" in teacher_line.text and "to show what a public post does" in teacher_line.text
    assert event_line.type == "event" and event_line.data["event"] == "trump_post"
    # the scripted round comes and the event does not fire twice
    _finish(session)
    assert session.state.fired.count("trump_post") == 1


def test_an_event_cannot_be_injected_twice_or_by_name_that_does_not_exist():
    session = Session(_tutorial(), 3, ())
    session.teacher(InjectEvent(event="trump_post"))
    with pytest.raises(IllegalActionError, match="already happened"):
        session.teacher(InjectEvent(event="trump_post"))
    with pytest.raises(IllegalActionError, match=r"no event 'ufo'.*trump_post"):
        session.teacher(InjectEvent(event="ufo"))
    assert session.game.unfired_events(session.state) == ()


def test_only_the_teacher_makes_a_teachers_move_and_leaders_cannot_pose_as_the_teacher():
    session = Session(_tutorial(), 3, ("sanchez",))
    with pytest.raises(IllegalActionError, match="only the teacher"):
        session.teacher(EndNow(actor="sanchez"))
    with pytest.raises(IllegalActionError):
        session.submit(EndNow())
    problems = check_bytes(_tutorial().source_text.replace("id: sanchez", "id: teacher").encode(), "t.yaml").errors
    assert any("'teacher' is reserved" in str(p) for p in problems)


# ----- end now ------------------------------------------------------------------------------------------

def test_end_now_adopting_the_draft_makes_it_the_agreement():
    session = Session(_tutorial(), 4, ("sanchez",))
    _to_human_turn(session, 3)
    draft = session.state.draft
    session.teacher(EndNow(adopt=True, reason="time is up"))
    assert session.over and session.state.termination == Termination.ADOPTED
    result = session.outcome()
    assert result.agreed and result.terms == draft
    assert session.state.history[-1].data == {"result": "adopted", "draft": draft.to_json(), "by": TEACHER}
    with pytest.raises(IllegalActionError, match="over"):
        session.teacher(EndNow())


def test_end_now_without_a_deal_scores_everyone_exactly_fifty():
    session = Session(_tutorial(), 4, ())
    for _ in range(9):
        session.agent_move()
    session.teacher(EndNow(adopt=False))
    result = session.outcome()
    assert not result.agreed and set(result.scores.values()) == {50.0}
    assert "without a deal" in session.state.history[-2].text


# ----- undo ---------------------------------------------------------------------------------------------

def test_undo_takes_back_the_persons_move_and_the_computer_moves_after_it():
    session = Session(_tutorial(), 6, ("sanchez",))
    _to_human_turn(session)
    while session.state.phase != Phase.CONSULTATIONS:
        session.submit(Pass(session.actor))
        _to_human_turn(session)
    before = session.state
    session.submit(Promise("sanchez", "a test", target="tusk", demand=3.0))
    while not session.waiting_for_human and not session.over:
        session.agent_move()
    assert session.state.step > before.step + 1
    taken_back = session.undo()
    assert "promises" in taken_back
    assert session.state == before and session.waiting_for_human


def test_undo_reopens_a_game_the_teacher_ended_and_says_when_there_is_nothing_to_undo():
    session = Session(_tutorial(), 6, ())
    assert session.why_no_undo() == "no move by a person or the teacher to take back yet"
    with pytest.raises(IllegalActionError):
        session.undo()
    session.agent_move()
    before = session.state
    session.teacher(EndNow(adopt=False))
    session.undo()
    assert not session.over and session.state == before


# ----- saves, replays, the live log ---------------------------------------------------------------------

def test_teacher_moves_survive_a_save_and_replay_exactly(tmp_path, capsys):
    session = Session(_tutorial(), 8, ("sanchez",))
    _to_human_turn(session, 2)
    session.teacher(InjectEvent(event="trump_post"))
    loaded = load(session.save(tmp_path / "g.summit"))
    assert loaded.state == session.state
    _finish(session)
    log_path = tmp_path / "g.jsonl"
    session.keep_log(log_path)
    code, out, err = cli(capsys, "replay", str(log_path), "--json")
    assert code == 0, err
    assert json.loads(out) == session.outcome().to_json()


def test_the_live_log_holds_every_move_as_it_is_made_and_replays_when_the_game_is_over(tmp_path, capsys):
    session = Session(_tutorial(), 9, ("sanchez",), players={"sanchez": "  Table  3 "})
    path = session.keep_log(tmp_path / "logs" / "game.jsonl")
    header = json.loads(path.read_text().splitlines()[0])
    assert header["agents"]["sanchez"] == HUMAN and header["players"] == {"sanchez": "Table 3"}
    for _ in range(12):
        if session.waiting_for_human:
            session.submit(Pass(session.actor))
        else:
            session.agent_move()
        lines = path.read_text().splitlines()
        assert [json.loads(line) for line in lines[1:]] == [e.to_json() for e in session.state.history]
    _to_human_turn(session)
    session.submit(Pass(session.actor))
    session.undo()  # the file is rewritten without the move taken back
    assert [json.loads(line) for line in path.read_text().splitlines()[1:]] == [e.to_json() for e in session.state.history]
    _finish(session)
    code, out, err = cli(capsys, "replay", str(path), "--json")
    assert code == 0, err
    assert json.loads(out) == session.outcome().to_json()


def test_a_log_names_roles_not_people_unless_a_name_was_typed(tmp_path):
    session = Session(_tutorial(), 1, ("sanchez", "tusk"), players={"tusk": "   "})
    text = session.keep_log(tmp_path / "a.jsonl").read_text()
    assert "players" not in json.loads(text.splitlines()[0])
    with pytest.raises(ValueError, match="no leader 'nobody'"):
        Session(_tutorial(), 1, ("sanchez",), players={"nobody": "Ann"})
    named = Session(_tutorial(), 1, ("sanchez",), players={"sanchez": "Ann"})
    assert load(named.save(tmp_path / "n.summit")).players == {"sanchez": "Ann"}


# ----- the participation record -------------------------------------------------------------------------

def _played(scenario, seed):
    game = Game(scenario, seed)
    return game, play(game, agents_for(scenario))


def test_the_participation_record_counts_each_roles_moves_in_the_log():
    scenario = _rutte()
    game, state = _played(scenario, 2)
    result = outcome(game, state)
    moves = [e for e in state.history if e.type == "action"]
    for leader in scenario.leaders:
        mine = [e.data["action"]["kind"] for e in moves if e.actor == leader.id]
        entry = result.participation[leader.id]
        assert entry.proposals == mine.count("table") + mine.count("amend")
        assert entry.pledges == mine.count("pledge")
        assert entry.objections == mine.count("break_silence")
        assert entry.promises_made == mine.count("promise") and entry.threats_made == mine.count("threat")
        assert entry.promises_kept + entry.promises_broken <= entry.promises_made
        assert entry.coalitions_joined <= entry.objections
    assert result.to_json()["participation"]["rutte"]["proposals"] >= 1
    assert sum(p.coalitions_joined for p in result.participation.values()) > 0 or \
        sum(p.objections for p in result.participation.values()) <= 1


def test_promises_and_threats_are_judged_the_same_way_for_grading_and_for_the_agents():
    scenario = _rutte()
    for seed in range(4):
        game, state = _played(scenario, seed)
        records = participation([l.id for l in scenario.leaders], {l.id: l.ally for l in scenario.leaders},
                                state.history)
        # what the agents believe about each other at the end of the game
        reputations = read_reputations(game.observe(observable(state), scenario.leaders[1].id))
        for leader in scenario.leaders:
            mine, theirs = records[leader.id], reputations.of(leader.id)
            assert (mine.promises_kept, mine.promises_broken, mine.threats_carried_out, mine.bluffs) == \
                (theirs.kept, theirs.broken, theirs.carried_out, theirs.bluffs)


def observable(state):
    """The final state, still observable (observations are built for states with a current actor)."""
    return dataclasses.replace(state, termination=None, phase=Phase.SILENCE, turn=0)


def test_a_threat_that_works_and_a_bluff_are_told_apart():
    scenario = _tutorial()
    history = []
    ally_of = {l.id: l.ally for l in scenario.leaders}
    members = [l.id for l in scenario.leaders if l.ally and l.id != "trump"]
    payer, laggard = members[0], members[1]
    def act(round_, phase, actor, action):
        history.append(LogEntry(round_, phase, "action", actor, "", {"action": action}))
    act(1, "consultations", "trump", {"kind": "threat", "target": payer, "demand": 3.0})
    act(1, "consultations", "trump", {"kind": "threat", "target": laggard, "demand": 3.0})
    act(1, "consultations", payer, {"kind": "pledge", "level": 3.5, "year": 2030})
    act(1, "silence", "trump", {"kind": "pass"})
    act(1, "silence", laggard, {"kind": "break_silence", "issue": "core_target"})
    act(1, "silence", payer, {"kind": "break_silence", "issue": "core_target"})
    records = participation([l.id for l in scenario.leaders], ally_of, history)
    assert (records["trump"].threats_made, records["trump"].threats_that_worked, records["trump"].bluffs) == (2, 1, 1)
    assert records[payer].coalitions_joined == 1 and records[laggard].coalitions_joined == 0
