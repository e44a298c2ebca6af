"""Replaying a game from its log: `summit replay`.

A log (what `summit run --log` writes) or a save (the same lines closed by a `save` line) holds the
scenario's full text, the seed, the agents and every line of the game. `replay` rebuilds the scenario from
that text and applies the logged actions through the rules, checking that every line the rules give is the
line the log holds; with `rerun=True` the agents named in the header choose the moves again instead, from
the seed, which shows that the game is deterministic. The first line that differs is a `ReplayError`
naming the file and line, what the log says and what the rules give.

Private talks (`talk` lines, game/play/talk.py: what one seat said to another in a hosted game) are not moves:
the rules never see them, so they are never compared with the rules' lines. A replay checks each one's form
(who to whom, the words, the offer) and keeps them, in the log's order, in `Replay.talks` for the debrief.
An agent's failure (`agent_failure` lines, engine.loop.Failure: a user's agent failed and the built-in agent
for its role took its seat) is not a move either: it is kept in `Replay.failures`, and a rerun seats the
built-in agent where the log says the seat changed hands.

No printing here: the command line prints the account (game/report/account.py) from the `Replay`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..engine import action_from_json, make_game, outcome_of
from ..agents.registry import stand_in
from ..engine.loop import FAILURE
from ..scenario import Scenario
from ..scenario.untrusted import SafeMessage
from .session import HUMAN, SaveError, check_save_line, read_records, scenario_from_header
from .talk import TalkError, offer_from_json

TALK = "talk"  # the type of a private talk's line: kept aside, never compared with the rules' lines


class ReplayError(SafeMessage):
    """A log that cannot be replayed, or does not replay as logged: `FILE:LINE: what` (or `FILE: what`)."""


@dataclass(frozen=True)
class Replay:
    """A game rebuilt from its log. `outcome` is None when the replay stopped before the end (`until`,
    or a save of a game in progress)."""

    path: Path
    scenario: Scenario
    seed: int
    agents: dict[str, str]
    game: Any          # the summit's Game or a BilateralGame (engine.make_game)
    state: Any         # the state reached
    outcome: Any       # Outcome / BilateralOutcome, or None when the game is not over
    until: int | None
    logged_rounds: int  # the last round the log reaches
    talks: tuple[dict, ...] = ()  # the private talks, each its log line's record, in the log's order (through
                                  # round `until` when given)
    unlike: tuple["Unlike", ...] | None = None   # with check_agents: the computer's moves its agent would not
                                               # make from the seed (None: not checked)
    failures: tuple[dict, ...] = ()   # the users' agents' failures, each its log line's record, in order

    @property
    def over(self) -> bool:
        return self.outcome is not None


@dataclass(frozen=True)
class Unlike:
    """A computer's move in a log that its agent, choosing again from the seed at that moment of the game, does
    not make: the log was edited (consistently enough to replay), or written by a Summit whose agents choose
    otherwise."""

    line: int
    round: int
    phase: str
    leader: str
    logged: str      # the move as the log has it: its line's text
    chosen: str      # the move the agent makes, as the rules would write it

    def __str__(self) -> str:
        return (f"line {self.line} (round {self.round}, {self.phase}, {self.leader}): the log says "
                f"{_short(self.logged, 120)}; the agent, from the seed, would: {_short(self.chosen, 120)}")

    def to_json(self) -> dict:
        return {"line": self.line, "round": self.round, "phase": self.phase, "leader": self.leader,
                "logged": self.logged, "chosen": self.chosen}


def _short(value: Any, limit: int = 200) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _difference(logged: dict, replayed: dict) -> str:
    """The first field (in the log's order) whose value differs, as 'the log says ..., the rules give ...'."""
    keys = list(logged) + [key for key in replayed if key not in logged]
    for key in keys:
        if logged.get(key, _MISSING) != replayed.get(key, _MISSING):
            said, given = logged.get(key, _MISSING), replayed.get(key, _MISSING)
            if isinstance(said, str) and isinstance(given, str):
                said, given = _from_first_difference(said, given)
            said = "nothing" if said is _MISSING else _short(said)
            given = "nothing" if given is _MISSING else _short(given)
            return f"{key}: the log says {said}, the rules give {given}"
    return "the lines differ"  # not reached: the caller compares only lines that differ


_MISSING = object()


def _from_first_difference(said: str, given: str, before: int = 40, after: int = 80) -> tuple[str, str]:
    """Two long texts cut to a window around the first character where they differ."""
    start = next((i for i, (a, b) in enumerate(zip(said, given)) if a != b), min(len(said), len(given)))
    low, high = max(0, start - before), start + after

    def cut(text: str) -> str:
        return ("..." if low else "") + text[low:high] + ("..." if len(text) > high else "")
    return cut(said), cut(given)


def _where(entry: dict) -> str:
    actor = f", {entry['actor']}" if entry.get("actor") else ""
    return f"round {entry.get('round')}, {entry.get('phase')}{actor}"


def read(path: Path) -> tuple[dict, list[tuple[int, dict]], bool]:
    """The header, the numbered records after it (a save's closing line, private talks and agents' failures
    left out) and whether the file is a save; ReplayError when it cannot be read or a save's checksum does
    not match."""
    header, entries, _talks, is_save = _read(path)
    return header, [(number, record) for number, record in entries if record["type"] != FAILURE], is_save


def _read(path: Path) -> tuple[dict, list[tuple[int, dict]], list[tuple[int, dict]], bool]:
    """As `read`, with the numbered talk lines apart (their form is checked later, against the scenario) and
    the failure lines still among the entries."""
    try:
        lines, records = read_records(path, "log")
        is_save = records[-1]["type"] == "save"
        if is_save:
            check_save_line(path, lines, records)
            records = records[:-1]
    except SaveError as error:
        raise ReplayError(str(error)) from None
    numbered = list(enumerate(records[1:], 2))
    entries = [(number, record) for number, record in numbered if record["type"] != TALK]
    talks = [(number, record) for number, record in numbered if record["type"] == TALK]
    return records[0], entries, talks, is_save


def _failures(path: Path, entries: list[tuple[int, dict]], scenario: Scenario
              ) -> tuple[dict[int, dict], list[tuple[int, dict]]]:
    """The agents' failure lines (engine.loop.Failure), by how many of the rules' lines came before each,
    and the entries without them; ReplayError for a failure line this Summit does not write."""
    leaders = {leader.id for leader in scenario.leaders}
    failures, kept = {}, []
    for number, record in entries:
        if record["type"] != FAILURE:
            kept.append((number, record))
            continue
        leader, text = record.get("leader"), record.get("text")
        if not isinstance(leader, str) or leader not in leaders or not isinstance(text, str):
            raise ReplayError(f"{path}:{number}: an agent's failure line without a leader of {scenario.id} "
                              f"and its text (it says leader {_short(leader, 40)})")
        failures[len(kept)] = record
    return failures, kept


def _check_talk(path: Path, number: int, record: dict, scenario: Scenario) -> None:
    """ReplayError (`FILE:LINE: ...`) unless the talk line is one a hosted game writes: a round, a phase,
    `from` and `to` two leaders of the scenario, the words as text, and no offer or one game/play/talk.py reads."""
    leaders = {leader.id for leader in scenario.leaders}
    where = f"{path}:{number}: a private talk line"
    round_ = record.get("round")
    if isinstance(round_, bool) or not isinstance(round_, int) or round_ < 1:
        raise ReplayError(f"{where} without its round (a number from 1; it says {_short(round_, 40)})")
    if not isinstance(record.get("phase"), str):
        raise ReplayError(f"{where} without its phase (it says {_short(record.get('phase'), 40)})")
    for key in ("from", "to"):
        who = record.get(key)
        if not isinstance(who, str):
            raise ReplayError(f"{where} without '{key}' (a leader id; it says {_short(who, 40)})")
        if who not in leaders:
            raise ReplayError(f"{where}: '{key}' is {_short(who, 40)}, not a leader of {scenario.id}")
    if not isinstance(record.get("text"), str):
        raise ReplayError(f"{where} without its words ('text' is {_short(record.get('text'), 40)}, not text)")
    try:
        offer_from_json(scenario, record.get("offer"))
    except TalkError as error:
        raise ReplayError(f"{where} with an offer this Summit cannot read: {error}") from None


def replay(path: Path, until: int | None = None, rerun: bool = False, check_agents: bool = False) -> Replay:
    """Replay the game a log or save holds, checking each line; stop after round `until` when given.
    With `rerun` the header's agents play again from the seed (a person's role cannot be rerun). With
    `check_agents` the logged moves are replayed, and each move of a role the computer played is also chosen
    again by its agent from the seed, as `rerun` would: those that differ are kept in `Replay.unlike` (a
    statement edited in a log together with everything that follows from it replays, but is no agent's)."""
    path = Path(path)
    header, entries, talk_lines, is_save = _read(path)
    try:
        scenario, seed, agents = scenario_from_header(path, header, "log")
    except SaveError as error:
        raise ReplayError(str(error)) from None
    for number, record in talk_lines:
        _check_talk(path, number, record, scenario)
    talks = tuple(record for _, record in talk_lines)
    failures, entries = _failures(path, entries, scenario)
    try:
        game = make_game(scenario, seed)
    except ValueError as error:
        raise ReplayError(f"{path}:1: {error}") from None
    players = _agents(path, scenario, agents) if rerun else None
    checkers = _computer_players(scenario, agents) if check_agents and not rerun else {}
    unlike: list[Unlike] = []

    outcome_line = None
    if entries and entries[-1][1]["type"] == "outcome":
        outcome_line = entries.pop()
    for number, record in entries:
        if record["type"] == "outcome":
            raise ReplayError(f"{path}:{number}: an outcome line before the end of the log")
    logged_rounds = max((r.get("round") for _, r in entries if isinstance(r.get("round"), int)), default=0)

    state = game.new_initial_state()
    checked = 0  # log entries compared so far

    def compare_new_lines() -> None:
        nonlocal checked
        while checked < len(state.history):
            replayed = state.history[checked].to_json()
            if checked >= len(entries):
                last = entries[-1][0] if entries else 1
                raise ReplayError(f"{path}:{last + 1}: the log ends here, but the rules give a {replayed['type']} "
                                  f"line ({_where(replayed)}): {_short(replayed.get('text'))}")
            number, logged = entries[checked]
            if logged != replayed:
                raise ReplayError(f"{path}:{number}: the game does not replay as logged ({_where(logged)}): "
                                  f"{_difference(logged, replayed)}")
            checked += 1

    def checked_moves() -> tuple[Unlike, ...] | None:
        return tuple(unlike) if check_agents and not rerun else None

    compare_new_lines()  # lines the initial state may already hold
    while not state.is_terminal and (until is None or state.round <= until):
        if checked >= len(entries):
            break  # the log stops mid-game: a save of a game in progress, or a log cut short (checked below)
        actor = game.current_actor(state)
        number, logged = entries[checked]
        if logged["type"] == "teacher":  # the teacher's moves stand in a rerun too: they were nobody's choice
            try:
                action = action_from_json(logged.get("action"))
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                raise ReplayError(f"{path}:{number}: not a move this Summit reads: {error}") from None
        elif players is not None:
            if failures.get(checked, {}).get("leader") == actor:   # the logged game gave this seat away here
                players[actor] = stand_in(scenario, actor)
            action = players[actor].act(game.observe(state, actor), game.agent_rng(state, actor))
        else:
            if logged["type"] != "action":
                raise ReplayError(f"{path}:{number}: the log has a {logged['type']} line ({_where(logged)}) where "
                                  f"the rules wait for a move by {actor}")
            try:
                action = action_from_json(logged.get("action"))
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                raise ReplayError(f"{path}:{number}: not a move this Summit reads: {error}") from None
            if actor in checkers and failures.get(checked, {}).get("leader") == actor:
                checkers[actor] = stand_in(scenario, actor)
            if actor in checkers:
                try:
                    chosen = checkers[actor].act(game.observe(state, actor), game.agent_rng(state, actor))
                except Exception as error:   # noqa: BLE001 - a check of the log: an agent's failure is a finding
                    chosen = f"(no move: the agent failed: {type(error).__name__}: {error})"[:200]
                if chosen != action:
                    unlike.append(_unlike(game, state, chosen, number, logged, actor))
        try:
            state = game.apply(state, action)
        except (ValueError, TypeError) as error:
            raise ReplayError(f"{path}:{number}: this move cannot be replayed ({_where(logged)}): {error}") from None
        compare_new_lines()

    if until is not None and not state.is_terminal:
        return Replay(path, scenario, seed, dict(agents), game, state, None, until, logged_rounds,
                      tuple(talk for talk in talks if talk["round"] <= until), checked_moves(),
                      tuple(failure for position, failure in failures.items() if position <= checked))
    if not state.is_terminal:
        if is_save and outcome_line is None:
            return Replay(path, scenario, seed, dict(agents), game, state, None, None, logged_rounds, talks,
                          checked_moves(), tuple(failures.values()))
        last = entries[-1][0] if entries else 1
        where = f"in round {logged_rounds}" if entries else "right after its header"
        raise ReplayError(f"{path}:{last + 1}: the file is incomplete: the log ends {where} "
                          "before the game is over (it was cut short)")
    if checked < len(entries):
        number, logged = entries[checked]
        raise ReplayError(f"{path}:{number}: the game is over, but the log goes on with a {logged['type']} line "
                          f"({_where(logged)})")
    result = outcome_of(game, state)
    if outcome_line is None:
        last = entries[-1][0] if entries else 1
        raise ReplayError(f"{path}:{last + 1}: the file is incomplete: no closing 'outcome' line (it was cut short)")
    number, logged = outcome_line
    replayed = {"type": "outcome", **result.to_json()}
    if logged != replayed:
        raise ReplayError(f"{path}:{number}: the outcome does not replay as logged: {_difference(logged, replayed)}")
    return Replay(path, scenario, seed, dict(agents), game, state, result, until, logged_rounds, talks, checked_moves(),
                  tuple(failures.values()))


def finished_summits(paths: Sequence[Path], problem: type[SafeMessage], verb: str, bilateral: str,
                     check_agents: bool = False, also: Callable[[Path, Replay], None] | None = None) -> list[Replay]:
    """Each log replayed through the rules (`check_agents` as replay takes it), for a command that reads whole
    summit games (the debrief, the grades): `problem` (one line naming the file) for no log at all, a log named
    twice, one that does not replay, a bilateral game (`bilateral` says why, after the protocol's name) or a
    game that is not over ("finish it, then VERB it"); `also(path, game)` checks each game further, in turn."""
    if not paths:
        raise problem("name at least one log")
    seen: set[str] = set()
    games = []
    for path in map(Path, paths):
        key = os.path.realpath(path)   # not Path.resolve(), which raises RuntimeError on a link loop
        if key in seen:
            raise problem(f"{path}: this log is named twice")
        seen.add(key)
        try:
            replayed = replay(path, check_agents=check_agents)
        except ReplayError as error:
            raise problem(str(error)) from None
        if replayed.scenario.is_bilateral:
            raise problem(f"{path}: {replayed.scenario.id} uses the bilateral protocol{bilateral}")
        if not replayed.over:
            raise problem(f"{path}: the game is not over (it stops in round {replayed.state.round}): finish it, "
                          f"then {verb} it")
        if also is not None:
            also(path, replayed)
        games.append(replayed)
    return games


def _computer_players(scenario: Scenario, agents: dict) -> dict:
    """The agents of the roles the computer played, by leader id, ready to choose again (a person's role, or an
    agent this Summit does not know, is left out: there is nothing to choose again with)."""
    from ..agents import agents_for, names

    known = {leader.id: agents.get(leader.id) for leader in scenario.leaders}
    computer = {leader_id: name for leader_id, name in known.items() if name != HUMAN and name in names()}
    if not computer:
        return {}
    try:
        return {leader_id: agent for leader_id, agent in agents_for(scenario, computer).items() if leader_id in computer}
    except ValueError:
        return {}


def _unlike(game, state, chosen, number: int, logged: dict, actor: str) -> Unlike:
    """What differs, as the log's lines put it: the logged line's text, and the text the rules give the agent's
    move (applied to a copy of the moment: the game goes on with the logged move)."""
    try:
        after = game.apply(state, chosen)
        said = after.history[len(state.history)].text if len(after.history) > len(state.history) else str(chosen)
    except (ValueError, TypeError, AttributeError):   # a move the rules refuse, or no move at all
        said = str(chosen)
    return Unlike(number, logged.get("round") if isinstance(logged.get("round"), int) else state.round,
                  str(logged.get("phase")), actor, str(logged.get("text", "")), said)


def _agents(path: Path, scenario: Scenario, agents: dict) -> dict:
    """The header's agents, ready to play again; ReplayError for a person's role or an unknown agent."""
    from ..agents import agents_for, names

    leader_ids = [leader.id for leader in scenario.leaders]
    for leader_id in leader_ids:
        name = agents.get(leader_id)
        if name == HUMAN:
            raise ReplayError(f"{path}:1: {leader_id} was played by a person (\"human\" in the header's agents), "
                              "so the game cannot be rerun; replay it without --rerun")
        if name not in names():
            raise ReplayError(f"{path}:1: the header names agent {name!r} for {leader_id}, which this Summit does "
                              f"not know (the agents are: {', '.join(names())}; your own load with --agents-path DIR)")
    try:
        return agents_for(scenario, {leader_id: agents[leader_id] for leader_id in leader_ids})
    except ValueError as error:
        raise ReplayError(f"{path}:1: {error}") from None
