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
from ..i18n import LazyText, Message, msg
from ..scenario import Scenario
from ..scenario.untrusted import SafeMessage
from .save_file import SaveError, check_save_line, read_records, scenario_from_header
from .session import HUMAN
from .talk import TalkError, offer_from_json

TALK = "talk"  # the type of a private talk's line: kept aside, never compared with the rules' lines


class ReplayError(SafeMessage):
    """A log that cannot be replayed, or does not replay as logged: `FILE:LINE: what` (or `FILE: what`), a Message
    (English as its str; game.i18n's error_text writes it in the language in use)."""


def said_by(error: Exception) -> str:
    """An error's message as it was made (a Message stays one, to be translated where it is shown)."""
    return error.args[0] if len(error.args) == 1 and isinstance(error.args[0], str) else str(error)


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
        return str(self.message())

    def message(self) -> Message:
        """What __str__ says, as a Message (its str the English)."""
        return msg("line {line} (round {round}, {phase}, {leader}): the log says {logged}; the agent, from the seed, "
                   "would: {chosen}", line=self.line, round=self.round, phase=self.phase, leader=self.leader,
                   logged=_short(self.logged, 120), chosen=_short(self.chosen, 120))

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
            said = msg("nothing") if said is _MISSING else _short(said)
            given = msg("nothing") if given is _MISSING else _short(given)
            return msg("{key}: the log says {said}, the rules give {given}", key=key, said=said, given=given)
    return msg("the lines differ")  # not reached: the caller compares only lines that differ


_MISSING = object()


def _from_first_difference(said: str, given: str, before: int = 40, after: int = 80) -> tuple[str, str]:
    """Two long texts cut to a window around the first character where they differ."""
    start = next((i for i, (a, b) in enumerate(zip(said, given)) if a != b), min(len(said), len(given)))
    low, high = max(0, start - before), start + after

    def cut(text: str) -> str:
        return ("..." if low else "") + text[low:high] + ("..." if len(text) > high else "")
    return cut(said), cut(given)


def _where(entry: dict) -> Message:
    if entry.get("actor"):
        return msg("round {round}, {phase}, {actor}", round=entry.get("round"), phase=entry.get("phase"),
                   actor=entry["actor"])
    return msg("round {round}, {phase}", round=entry.get("round"), phase=entry.get("phase"))


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
        raise ReplayError(said_by(error)) from None
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
            raise ReplayError(msg("{path}:{number}: an agent's failure line without a leader of {scenario} and its "
                                  "text (it says leader {leader})", path=path, number=number, scenario=scenario.id,
                                  leader=_short(leader, 40)))
        failures[len(kept)] = record
    return failures, kept


def _check_talk(path: Path, number: int, record: dict, scenario: Scenario) -> None:
    """ReplayError (`FILE:LINE: ...`) unless the talk line is one a hosted game writes: a round, a phase,
    `from` and `to` two leaders of the scenario, the words as text, and no offer or one game/play/talk.py reads."""
    leaders = {leader.id for leader in scenario.leaders}
    round_ = record.get("round")
    if isinstance(round_, bool) or not isinstance(round_, int) or round_ < 1:
        raise ReplayError(msg("{path}:{number}: a private talk line without its round (a number from 1; it says "
                              "{said})", path=path, number=number, said=_short(round_, 40)))
    if not isinstance(record.get("phase"), str):
        raise ReplayError(msg("{path}:{number}: a private talk line without its phase (it says {said})", path=path,
                              number=number, said=_short(record.get('phase'), 40)))
    for key in ("from", "to"):
        who = record.get(key)
        if not isinstance(who, str):
            raise ReplayError(msg("{path}:{number}: a private talk line without '{key}' (a leader id; it says {said})",
                                  path=path, number=number, key=key, said=_short(who, 40)))
        if who not in leaders:
            raise ReplayError(msg("{path}:{number}: a private talk line: '{key}' is {said}, not a leader of {scenario}",
                                  path=path, number=number, key=key, said=_short(who, 40), scenario=scenario.id))
    if not isinstance(record.get("text"), str):
        raise ReplayError(msg("{path}:{number}: a private talk line without its words ('text' is {said}, not text)",
                              path=path, number=number, said=_short(record.get('text'), 40)))
    try:
        offer_from_json(scenario, record.get("offer"))
    except TalkError as error:
        raise ReplayError(msg("{path}:{number}: a private talk line with an offer this Summit cannot read: {error}",
                              path=path, number=number, error=said_by(error))) from None


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
        raise ReplayError(said_by(error)) from None
    for number, record in talk_lines:
        _check_talk(path, number, record, scenario)
    talks = tuple(record for _, record in talk_lines)
    failures, entries = _failures(path, entries, scenario)
    try:
        game = make_game(scenario, seed)
    except ValueError as error:
        raise ReplayError(msg("{path}:1: {error}", path=path, error=said_by(error))) from None
    players = _agents(path, scenario, agents) if rerun else None
    checkers = _computer_players(scenario, agents) if check_agents and not rerun else {}
    unlike: list[Unlike] = []

    outcome_line = None
    if entries and entries[-1][1]["type"] == "outcome":
        outcome_line = entries.pop()
    for number, record in entries:
        if record["type"] == "outcome":
            raise ReplayError(msg("{path}:{number}: an outcome line before the end of the log", path=path,
                                  number=number))
    logged_rounds = max((r.get("round") for _, r in entries if isinstance(r.get("round"), int)), default=0)

    state = game.new_initial_state()
    checked = 0  # log entries compared so far

    def compare_new_lines() -> None:
        nonlocal checked
        while checked < len(state.history):
            replayed = state.history[checked].to_json()
            if checked >= len(entries):
                last = entries[-1][0] if entries else 1
                raise ReplayError(msg("{path}:{number}: the log ends here, but the rules give a {type} line ({where}): "
                                      "{text}", path=path, number=last + 1, type=replayed['type'],
                                      where=_where(replayed), text=_short(replayed.get('text'))))
            number, logged = entries[checked]
            if logged != replayed:
                raise ReplayError(msg("{path}:{number}: the game does not replay as logged ({where}): {difference}",
                                      path=path, number=number, where=_where(logged),
                                      difference=_difference(logged, replayed)))
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
                raise ReplayError(_unreadable_move(path, number, error)) from None
        elif players is not None:
            if failures.get(checked, {}).get("leader") == actor:   # the logged game gave this seat away here
                players[actor] = stand_in(scenario, actor)
            action = players[actor].act(game.observe(state, actor), game.agent_rng(state, actor))
        else:
            if logged["type"] != "action":
                raise ReplayError(msg("{path}:{number}: the log has a {type} line ({where}) where the rules wait for "
                                      "a move by {actor}", path=path, number=number, type=logged['type'],
                                      where=_where(logged), actor=actor))
            try:
                action = action_from_json(logged.get("action"))
            except (ValueError, TypeError, KeyError, AttributeError) as error:
                raise ReplayError(_unreadable_move(path, number, error)) from None
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
            raise ReplayError(msg("{path}:{number}: this move cannot be replayed ({where}): {error}", path=path,
                                  number=number, where=_where(logged), error=said_by(error))) from None
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
        if entries:
            raise ReplayError(msg("{path}:{number}: the file is incomplete: the log ends in round {round} before the "
                                  "game is over (it was cut short)", path=path, number=last + 1, round=logged_rounds))
        raise ReplayError(msg("{path}:{number}: the file is incomplete: the log ends right after its header before "
                              "the game is over (it was cut short)", path=path, number=last + 1))
    if checked < len(entries):
        number, logged = entries[checked]
        raise ReplayError(msg("{path}:{number}: the game is over, but the log goes on with a {type} line ({where})",
                              path=path, number=number, type=logged['type'], where=_where(logged)))
    result = outcome_of(game, state)
    if outcome_line is None:
        last = entries[-1][0] if entries else 1
        raise ReplayError(msg("{path}:{number}: the file is incomplete: no closing 'outcome' line (it was cut short)",
                              path=path, number=last + 1))
    number, logged = outcome_line
    replayed = {"type": "outcome", **result.to_json()}
    if logged != replayed:
        raise ReplayError(msg("{path}:{number}: the outcome does not replay as logged: {difference}", path=path,
                              number=number, difference=_difference(logged, replayed)))
    return Replay(path, scenario, seed, dict(agents), game, state, result, until, logged_rounds, talks, checked_moves(),
                  tuple(failures.values()))


def finished_summits(paths: Sequence[Path], problem: type[SafeMessage], unfinished: LazyText, bilateral: LazyText,
                     check_agents: bool = False, also: Callable[[Path, Replay], None] | None = None) -> list[Replay]:
    """Each log replayed through the rules (`check_agents` as replay takes it), for a command that reads whole
    summit games (the debrief, the grades): `problem` (one line naming the file) for no log at all, a log named
    twice, one that does not replay, a bilateral game (`bilateral`, a whole sentence marked with N_ whose fields
    are {path} and {scenario}) or a game that is not over (`unfinished`, with {path} and {round}: "finish it,
    then grade it"); `also(path, game)` checks each game further, in turn."""
    if not paths:
        raise problem(msg("name at least one log"))
    seen: set[str] = set()
    games = []
    for path in map(Path, paths):
        key = os.path.realpath(path)   # not Path.resolve(), which raises RuntimeError on a link loop
        if key in seen:
            raise problem(msg("{path}: this log is named twice", path=path))
        seen.add(key)
        try:
            replayed = replay(path, check_agents=check_agents)
        except ReplayError as error:
            raise problem(said_by(error)) from None
        if replayed.scenario.is_bilateral:
            raise problem(Message(bilateral.message, {"path": path, "scenario": replayed.scenario.id}))
        if not replayed.over:
            raise problem(Message(unfinished.message, {"path": path, "round": replayed.state.round}))
        if also is not None:
            also(path, replayed)
        games.append(replayed)
    return games


def _unreadable_move(path: Path, number: int, error: Exception) -> Message:
    return msg("{path}:{number}: not a move this Summit reads: {error}", path=path, number=number, error=said_by(error))


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
            raise ReplayError(msg("{path}:1: {leader} was played by a person (\"human\" in the header's agents), so "
                                  "the game cannot be rerun; replay it without --rerun", path=path, leader=leader_id))
        if name not in names():
            raise ReplayError(msg("{path}:1: the header names agent {agent!r} for {leader}, which this Summit does not "
                                  "know (the agents are: {agents}; your own load with --agents-path DIR)", path=path,
                                  agent=name, leader=leader_id, agents=', '.join(names())))
    try:
        return agents_for(scenario, {leader_id: agents[leader_id] for leader_id in leader_ids})
    except ValueError as error:
        raise ReplayError(msg("{path}:1: {error}", path=path, error=said_by(error))) from None
